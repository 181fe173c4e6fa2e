//! Live reload and the author view, headless: a real asset server watching a scratch scenario
//! folder, files edited on disk while the game runs.

use std::path::Path;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use multiplier::app::{Catalog, Intent, Screen, Source};
use multiplier::game::CorePlugin;
use multiplier::game::author::Author;
use multiplier::game::live::{self, Problems};
use multiplier::storage::DataDir;

use super::game::{play_week, scratch, screen, send, session, settle};

/// The built-in tutorial under another title: a valid scenario the test can rewrite.
fn version(title: &str) -> String {
    multiplier::format::BUILTINS[0].source.replacen(
        "title: \"First week as lead\"",
        &format!("title: \"{title}\""),
        1,
    )
}

fn live_app(data: &Path) -> App {
    let dir = DataDir(data.to_path_buf());
    let mut app = App::new();
    app.add_plugins(MinimalPlugins);
    live::register_source(&mut app, &dir);
    app.add_plugins(AssetPlugin {
        watch_for_changes_override: Some(true),
        ..default()
    });
    app.add_plugins(CorePlugin { data: dir });
    app.add_plugins(live::plugin);
    app.update();
    settle(&mut app);
    app
}

/// Runs frames until `done` holds; the file watcher debounces, so this takes real time.
fn until(app: &mut App, what: &str, done: impl Fn(&App) -> bool) {
    let start = Instant::now();
    while !done(app) {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for: {what}"
        );
        app.update();
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn mine(app: &App) -> Result<String, String> {
    mine_titled(app, "mine.ron")
}

/// The title of the listed user file `name`, or its first error.
fn mine_titled(app: &App, name: &str) -> Result<String, String> {
    let catalog = app.world().resource::<Catalog>();
    let entry = catalog
        .entries
        .iter()
        .find(|e| matches!(&e.source, Source::File(p) if p.ends_with(name)))
        .expect("the file is listed");
    entry
        .scenario
        .as_ref()
        .map(|s| s.story.title.clone())
        .map_err(Clone::clone)
}

fn playing(app: &App) -> String {
    session(app)
        .run
        .as_ref()
        .expect("a run")
        .game
        .scenario()
        .story
        .title
        .clone()
}

#[test]
fn an_edited_scenario_reloads_and_a_broken_edit_keeps_the_last_good_version() {
    let dir = scratch("live");
    let file = dir.join("scenarios").join("mine.ron");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, version("Mine, first draft")).unwrap();
    let mut app = live_app(&dir);
    assert_eq!(mine(&app).as_deref(), Ok("Mine, first draft"));

    // Play two weeks of it.
    send(
        &mut app,
        Intent::Choose {
            source: Source::File(file.clone()),
            seed: Some(3),
        },
    );
    send(&mut app, Intent::Begin);
    play_week(&mut app);
    play_week(&mut app);
    assert_eq!(screen(&app), Screen::Play);
    let output = session(&app)
        .run
        .as_ref()
        .unwrap()
        .game
        .state()
        .total_output();
    // Let the watcher settle on the first load before editing.
    std::thread::sleep(Duration::from_millis(500));
    app.update();

    // A valid edit: the menu and the run follow it, and the run keeps its weeks.
    std::fs::write(&file, version("Mine, second draft")).unwrap();
    until(&mut app, "the edit to reach the run", |app| {
        playing(app) == "Mine, second draft"
    });
    assert_eq!(mine(&app).as_deref(), Ok("Mine, second draft"));
    let run = session(&app).run.as_ref().unwrap();
    assert_eq!(run.game.state().week, 2, "the log was replayed");
    assert_eq!(
        run.game.state().total_output(),
        output,
        "same world, same numbers"
    );
    assert!(app.world().resource::<Problems>().files.is_empty());

    // A broken edit: errors with line and column, the last good version plays on.
    let broken = version("Mine, third draft").replacen("weeks: 12", "weeks: 12, wekes: 3", 1);
    std::fs::write(&file, broken).unwrap();
    until(&mut app, "the errors of the broken edit", |app| {
        !app.world().resource::<Problems>().files.is_empty()
    });
    let errors = app.world().resource::<Problems>().files[&file].clone();
    assert!(errors.contains("mine.ron:"), "{errors}");
    assert!(errors.contains("wekes"), "{errors}");
    assert!(
        errors.contains("weeks"),
        "a did-you-mean names the field: {errors}"
    );
    assert_eq!(mine(&app).as_deref(), Ok("Mine, second draft"));
    assert_eq!(playing(&app), "Mine, second draft");
    play_week(&mut app);
    assert_eq!(session(&app).run.as_ref().unwrap().game.state().week, 3);

    // The fix clears the errors and is played.
    std::fs::write(&file, version("Mine, fixed")).unwrap();
    until(&mut app, "the fix", |app| {
        app.world().resource::<Problems>().files.is_empty() && playing(app) == "Mine, fixed"
    });
    assert_eq!(session(&app).run.as_ref().unwrap().game.state().week, 3);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_author_view_checks_lessons_in_the_background() {
    let dir = scratch("author");
    let mut app = live_app(&dir);
    app.world_mut().resource_mut::<Author>().seeds = 20;
    send(
        &mut app,
        Intent::Author(Source::Builtin("first-week".into())),
    );
    assert_eq!(screen(&app), Screen::Author);
    // The frame that starts the check returns at once: the check runs on its own thread.
    assert!(
        app.world()
            .resource::<Author>()
            .check
            .as_ref()
            .is_some_and(|c| c.work.report.is_none())
    );
    until(&mut app, "the lesson check", |app| {
        app.world()
            .resource::<Author>()
            .check
            .as_ref()
            .is_some_and(|c| c.work.report.is_some())
    });
    let author = app.world().resource::<Author>();
    let check = author.check.as_ref().unwrap();
    let report = check.work.report.as_ref().unwrap();
    assert_eq!(report.seeds, 20);
    assert_eq!(check.work.progress(), 1.0);
    let scenario = multiplier::format::builtin("first-week").unwrap().unwrap();
    assert_eq!(report.lessons.len(), scenario.lessons.len());
    assert!(author.errors.is_none());
    assert!(session(&app).run.is_none(), "nothing was started");
    assert!(
        author.search.is_none(),
        "the exploit search runs only when asked"
    );

    // Asked for, the exploit search runs on its own thread too and reports every rule.
    app.world_mut().resource_mut::<Author>().search_asked = true;
    app.update();
    assert!(
        app.world()
            .resource::<Author>()
            .search
            .as_ref()
            .is_some_and(|s| s.work.report.is_none())
    );
    until(&mut app, "the exploit search", |app| {
        app.world()
            .resource::<Author>()
            .search
            .as_ref()
            .is_some_and(|s| s.work.report.is_some())
    });
    let author = app.world().resource::<Author>();
    let search = author.search.as_ref().unwrap();
    let found = search.work.report.as_ref().unwrap();
    assert_eq!(search.work.progress(), 1.0);
    assert!(
        found.rules.len() > scenario.lessons.len(),
        "the lessons and the thesis rules"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_new_scenario_from_the_menu_is_written_listed_and_checked() {
    let dir = scratch("new");
    let mut app = live_app(&dir);
    send(&mut app, Intent::NewScenario("Our platform team".into()));
    let file = dir.join("scenarios").join("our-platform-team.ron");
    assert!(file.is_file(), "the starter was written");
    assert_eq!(screen(&app), Screen::Author);
    assert_eq!(
        mine_titled(&app, "our-platform-team.ron").as_deref(),
        Ok("Our platform team")
    );
    // Asking again refuses to overwrite the file being edited.
    std::fs::write(&file, version("Edited")).unwrap();
    send(&mut app, Intent::NewScenario("Our platform team".into()));
    assert!(session(&app).notice.as_ref().is_some_and(|n| n.error));
    assert!(std::fs::read_to_string(&file).unwrap().contains("Edited"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn editing_a_workshops_own_scenario_keeps_the_workshop() {
    let dir = scratch("live-workshop");
    let file = dir.join("scenarios").join("mine.ron");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, version("Mine, first draft")).unwrap();
    let mut app = live_app(&dir);
    send(
        &mut app,
        Intent::Join {
            code: "mine-7-90s".into(),
            team: "Owls".into(),
        },
    );
    send(&mut app, Intent::Begin);
    play_week(&mut app);
    std::thread::sleep(Duration::from_millis(500));
    app.update();

    std::fs::write(&file, version("Mine, second draft")).unwrap();
    until(&mut app, "the edit to reach the run", |app| {
        playing(app) == "Mine, second draft"
    });
    let run = session(&app).run.as_ref().unwrap();
    assert_eq!(run.game.state().week, 1, "the log was replayed");
    assert_eq!(
        run.workshop.as_ref().map(|w| w.code.to_string()),
        Some("mine-7-90s".into()),
        "the run is still the workshop's"
    );
    assert!(run.timer.is_some(), "and keeps its countdown");
    let edited = multiplier::workshop::HashedScenario::load(&file)
        .unwrap()
        .hash;
    assert_eq!(
        run.workshop.as_ref().map(|w| w.hash.as_str()),
        Some(edited.as_str()),
        "its result will name the version it was played on"
    );

    while screen(&app) == Screen::Play {
        play_week(&mut app);
    }
    assert_eq!(screen(&app), Screen::Debrief);
    let path = match &session(&app).result {
        Some(Ok(path)) => path.clone(),
        other => panic!("the debrief writes the table's result file: {other:?}"),
    };
    let hashed = multiplier::workshop::HashedScenario::load(&file).unwrap();
    let checked = multiplier::workshop::verify_files(&[path], Some(&hashed));
    assert!(checked[0].verdict.verified(), "{}", checked[0].verdict);
}
