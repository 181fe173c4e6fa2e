//! Headless Bevy app tests of the game's flows: no window, no rendering, the same
//! `CorePlugin` the game runs, driven by the intents the screens write.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use bevy::prelude::*;
use multiplier::app::save;
use multiplier::app::{Catalog, Intent, Screen, Session, Source};
use multiplier::game::saves::SaveList;
use multiplier::game::scenarios::Scanning;
use multiplier::game::session::{Comparing, Loading};
use multiplier::game::settings::Settings;
use multiplier::game::{CorePlugin, pending};
use multiplier::sim::Planned;
use multiplier::storage::DataDir;

/// A fresh, empty data folder for one test.
pub(crate) fn scratch(name: &str) -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "multiplier-game-{name}-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The game without a window, its start-up reads done.
fn app(data: &Path) -> App {
    let mut app = started(data);
    settle(&mut app);
    app
}

/// The game without a window after its first frame, background reads maybe still running.
fn started(data: &Path) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins);
    app.add_plugins(CorePlugin {
        data: DataDir(data.to_path_buf()),
    });
    app.update();
    app
}

/// Runs frames until no background job is in flight, then one more for the screen change
/// an answer may ask for.
pub(crate) fn settle(app: &mut App) {
    let start = Instant::now();
    while pending::busy(app.world()) {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "a background job never finished"
        );
        app.update();
        std::thread::sleep(Duration::from_millis(1));
    }
    app.update();
}

/// Sends an intent and lets the frame, any work it starts in the background and the state
/// transition after it run.
pub(crate) fn send(app: &mut App, intent: Intent) {
    app.world_mut().write_message(intent);
    app.update();
    settle(app);
}

pub(crate) fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

pub(crate) fn session(app: &App) -> &Session {
    app.world().resource::<Session>()
}

/// The source of a listed built-in scenario.
fn entry(app: &App, id: &str) -> Source {
    let source = Source::Builtin(id.into());
    assert!(
        app.world().resource::<Catalog>().entry(&source).is_some(),
        "built-in scenario listed"
    );
    source
}

fn week(app: &App) -> u32 {
    session(app).run.as_ref().expect("a run").game.state().week
}

/// Starts `id` with `seed` and goes to the play screen.
fn start(app: &mut App, id: &str, seed: u64) {
    let e = entry(app, id);
    send(
        app,
        Intent::Choose {
            source: e,
            seed: Some(seed),
        },
    );
    assert_eq!(screen(app), Screen::Briefing);
    send(app, Intent::Begin);
    assert_eq!(screen(app), Screen::Play);
}

/// Ends a week, deciding any event with its first choice.
pub(crate) fn play_week(app: &mut App) {
    send(app, Intent::EndWeek);
    if session(app)
        .run
        .as_ref()
        .is_some_and(|r| r.game.pending().is_some())
    {
        send(app, Intent::Decide(0));
    }
}

#[test]
fn a_run_goes_from_title_through_an_event_to_the_debrief() {
    let dir = scratch("flow");
    let mut app = app(&dir);
    assert_eq!(screen(&app), Screen::Title);
    start(&mut app, "brilliant-team", 7);

    let person = session(&app).run.as_ref().unwrap().game.state().people[0]
        .id
        .clone();
    send(&mut app, Intent::Add(Planned::at("mentor", person.clone())));
    let run = session(&app).run.as_ref().unwrap();
    assert_eq!(run.game.plan(), &[Planned::at("mentor", person.clone())]);
    assert!(run.game.hours_planned() > 0.0);

    // An action that cannot be taken is refused with the reason, not added.
    send(&mut app, Intent::Add(Planned::new("mentor")));
    assert_eq!(session(&app).run.as_ref().unwrap().game.plan().len(), 1);
    let notice = session(&app).notice.clone().expect("a notice");
    assert!(
        notice.error && notice.text.contains("needs a person"),
        "{notice:?}"
    );

    // End weeks until an event asks for a decision; the end-week intent is refused meanwhile.
    let mut decided = false;
    for _ in 0..26 {
        send(&mut app, Intent::EndWeek);
        let run = session(&app).run.as_ref().unwrap();
        if run.game.pending().is_some() {
            let before = run.game.state().week;
            send(&mut app, Intent::EndWeek);
            assert_eq!(week(&app), before, "a pending event blocks the week");
            send(&mut app, Intent::Decide(0));
            let run = session(&app).run.as_ref().unwrap();
            assert!(run.game.pending().is_none());
            assert_eq!(run.game.log().last().and_then(|w| w.choice), Some(0));
            assert!(
                multiplier::sim::review::events(&run.game)
                    .last()
                    .and_then(|e| e.choice.as_ref())
                    .is_some()
            );
            decided = true;
            break;
        }
    }
    assert!(decided, "seed 7 of brilliant-team raises an event early");
    assert!(!session(&app).run.as_ref().unwrap().reports.is_empty());

    while screen(&app) == Screen::Play {
        play_week(&mut app);
    }
    assert_eq!(screen(&app), Screen::Debrief);
    let s = session(&app);
    let run = s.run.as_ref().unwrap();
    assert!(run.game.finished());
    let debrief = s.debrief.as_ref().expect("debrief computed");
    assert_eq!(debrief.bots.len(), multiplier::sim::Policy::ALL.len());
    assert_eq!(debrief.totals.output, run.game.state().total_output());
    assert!(debrief.bots.iter().all(|b| b.weekly.len() == 26));
    assert!(!debrief.moments.is_empty());

    // Play again starts the same scenario afresh at the briefing.
    send(&mut app, Intent::PlayAgain);
    assert_eq!(screen(&app), Screen::Briefing);
    assert_eq!(week(&app), 0);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_autosave_continues_the_same_run_in_a_new_session() {
    let dir = scratch("continue");
    let (output, plan, seed) = {
        let mut app = app(&dir);
        start(&mut app, "first-week", 11);
        let def = session(&app).run.as_ref().unwrap().game.scenario().actions[0].clone();
        let planned = session(&app).run.as_ref().unwrap().aimed(&def);
        send(&mut app, Intent::Add(planned));
        play_week(&mut app);
        play_week(&mut app);
        let run = session(&app).run.as_ref().unwrap();
        (
            run.game.state().total_output(),
            run.game.plan().to_vec(),
            run.game.seed(),
        )
    };
    assert!(
        !multiplier::app::save::autosaves(&dir.join("saves")).is_empty(),
        "the run is autosaved"
    );

    let mut app = app(&dir);
    assert!(app.world().resource::<SaveList>().autosave().is_some());
    send(&mut app, Intent::Continue);
    assert_eq!(screen(&app), Screen::Play);
    let run = session(&app).run.as_ref().unwrap();
    assert_eq!(run.game.state().week, 2);
    assert_eq!(run.game.seed(), seed);
    assert_eq!(run.game.state().total_output(), output, "replay is exact");
    assert_eq!(run.game.plan(), plan.as_slice());
    assert_eq!(run.reports.len(), 2, "the feed is rebuilt");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn undo_takes_back_exactly_the_last_week() {
    let dir = scratch("undo");
    let mut app = app(&dir);
    start(&mut app, "brilliant-team", 3);
    send(&mut app, Intent::Undo);
    assert!(
        session(&app).notice.as_ref().is_some_and(|n| n.error),
        "nothing to undo yet"
    );

    play_week(&mut app);
    let after_one = session(&app).run.as_ref().unwrap().game.state().clone();
    send(&mut app, Intent::Add(Planned::new("explain")));
    let plan_two = session(&app).run.as_ref().unwrap().game.plan().to_vec();
    play_week(&mut app);
    assert_eq!(week(&app), 2);

    send(&mut app, Intent::Undo);
    let run = session(&app).run.as_ref().unwrap();
    assert_eq!(run.game.state(), &after_one);
    assert_eq!(
        run.game.plan(),
        plan_two.as_slice(),
        "the undone week's plan comes back"
    );
    assert_eq!(run.reports.len(), 1);
    assert_eq!(screen(&app), Screen::Play);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_named_save_loads_and_the_list_is_newest_first() {
    let dir = scratch("named");
    let mut app = app(&dir);
    start(&mut app, "first-week", 5);
    play_week(&mut app);
    send(&mut app, Intent::Save("Before the reorg".into()));
    let path = dir.join("saves").join("before-the-reorg.ron");
    assert!(path.exists());
    let week_saved = week(&app);
    play_week(&mut app);
    assert_eq!(week(&app), week_saved + 1);

    send(&mut app, Intent::Load(path.clone()));
    assert_eq!(week(&app), week_saved);

    // An older save (by its own timestamp) lists after the newer ones.
    let mut old = save::read(&path).expect("readable");
    old.name = "Old".into();
    old.saved_at = 1;
    save::write(&dir.join("saves").join("old.ron"), &old).expect("written");
    let list = SaveList::scan(&DataDir(dir.clone()));
    let names: Vec<String> = list
        .saves
        .iter()
        .map(|s| s.save.as_ref().map(|x| x.name.clone()).unwrap_or_default())
        .collect();
    assert_eq!(names.last().map(String::as_str), Some("Old"), "{names:?}");
    assert!(names.iter().any(|n| n == "Before the reorg"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_corrupt_or_future_save_is_refused_with_a_reason_and_touches_nothing() {
    let dir = scratch("corrupt");
    let mut app = app(&dir);
    start(&mut app, "first-week", 9);
    play_week(&mut app);
    send(&mut app, Intent::Save("Good".into()));
    send(&mut app, Intent::ToTitle);
    let saves_dir = dir.join("saves");
    let good = saves_dir.join("good.ron");
    let broken = saves_dir.join("broken.ron");
    let future = saves_dir.join("future.ron");
    std::fs::write(&broken, b"(version: 1, name: \"x\", seed: oops").unwrap();
    let mut newer = save::read(&good).expect("good save");
    newer.version = save::SAVE_VERSION + 7;
    std::fs::write(&future, newer.to_ron().unwrap()).unwrap();
    let before: Vec<Vec<u8>> = [&good, &broken, &future]
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();

    send(&mut app, Intent::Load(broken.clone()));
    assert_eq!(screen(&app), Screen::Title);
    let n = session(&app).notice.clone().expect("a notice");
    assert!(n.error && n.text.contains("damaged"), "{n:?}");

    send(&mut app, Intent::Load(future.clone()));
    assert_eq!(screen(&app), Screen::Title);
    let n = session(&app).notice.clone().expect("a notice");
    assert!(n.error && n.text.contains("newer version"), "{n:?}");

    let after: Vec<Vec<u8>> = [&good, &broken, &future]
        .iter()
        .map(|p| std::fs::read(p).unwrap())
        .collect();
    assert_eq!(before, after, "no file was changed");

    send(&mut app, Intent::Rescan);
    let list = app.world().resource::<SaveList>();
    let bad = list.saves.iter().filter(|s| s.save.is_err()).count();
    assert_eq!(bad, 2);
    send(&mut app, Intent::Load(good));
    assert_eq!(screen(&app), Screen::Play, "the good save still loads");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn settings_persist_and_the_scenario_folder_lists_broken_files() {
    let dir = scratch("settings");
    {
        let mut app = app(&dir);
        assert!(dir.join("scenarios").is_dir(), "the user folder is created");
        let mut s = app.world_mut().resource_mut::<Settings>();
        s.ui_scale = 1.5;
        s.colour_blind = true;
        s.reduced_motion = true;
        app.update();
    }
    std::fs::write(dir.join("scenarios").join("mine.ron"), "Scenario(title: ").unwrap();
    let app = app(&dir);
    let s = app.world().resource::<Settings>();
    assert_eq!(s.ui_scale, 1.5);
    assert!(s.colour_blind && s.reduced_motion);
    let catalog = app.world().resource::<Catalog>();
    let mine = catalog
        .entries
        .iter()
        .find(|e| matches!(&e.source, Source::File(p) if p.ends_with("mine.ron")))
        .expect("the broken file is listed");
    assert!(mine.scenario.is_err());
    assert_eq!(
        catalog
            .entries
            .iter()
            .filter(|e| e.scenario.is_ok())
            .count(),
        multiplier::format::BUILTINS.len()
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_workshop_run_keeps_time_survives_a_restart_and_writes_a_result_that_verifies() {
    use multiplier::workshop::{HashedScenario, ResultFile, verify};
    let dir = scratch("workshop");
    let mut app = app(&dir);

    // A code that names nothing, or no team name, is refused with the reason.
    send(
        &mut app,
        Intent::Join {
            code: "no-such-scenario-12".into(),
            team: "Owls".into(),
        },
    );
    assert_eq!(screen(&app), Screen::Title);
    assert!(session(&app).notice.as_ref().is_some_and(|n| n.error));
    send(
        &mut app,
        Intent::Join {
            code: "first-week-4821-30s".into(),
            team: "  ".into(),
        },
    );
    assert_eq!(screen(&app), Screen::Title);

    send(
        &mut app,
        Intent::Join {
            code: "First Week 4821 30s".into(),
            team: "Night Owls".into(),
        },
    );
    assert_eq!(screen(&app), Screen::Briefing);
    let run = session(&app).run.as_ref().unwrap();
    assert_eq!(run.game.seed(), 4821, "every table gets the code's world");
    assert_eq!(
        run.workshop.as_ref().map(|w| w.team.as_str()),
        Some("Night Owls")
    );
    send(&mut app, Intent::Begin);

    // The countdown runs out: the week ends with the plan as it stands, and restarts.
    {
        let mut s = app.world_mut().resource_mut::<Session>();
        let timer = s
            .run
            .as_mut()
            .unwrap()
            .timer
            .as_mut()
            .expect("the code sets a timer");
        assert_eq!(timer.per_week, 30.0);
        timer.left = 0.01;
    }
    std::thread::sleep(std::time::Duration::from_millis(30));
    app.update();
    app.update();
    assert_eq!(week(&app), 1, "the timer ended the week");
    let timer = session(&app).run.as_ref().unwrap().timer.unwrap();
    assert!(
        timer.left > 29.0,
        "a new week gets the full time: {timer:?}"
    );

    // The autosave keeps the workshop: a restarted game still writes the result.
    drop(app);
    let mut app = self::app(&dir);
    send(&mut app, Intent::Continue);
    assert_eq!(screen(&app), Screen::Play);
    let run = session(&app).run.as_ref().unwrap();
    assert_eq!(
        run.workshop.as_ref().map(|w| w.code.to_string()),
        Some("first-week-4821-30s".into())
    );
    assert!(run.timer.is_some());

    while screen(&app) == Screen::Play {
        play_week(&mut app);
    }
    assert_eq!(screen(&app), Screen::Debrief);
    let path = match &session(&app).result {
        Some(Ok(path)) => path.clone(),
        other => panic!("no result file: {other:?}"),
    };
    assert!(
        path.ends_with("results/night-owls-first-week-4821-30s.result.ron"),
        "{}",
        path.display()
    );
    let result = ResultFile::read(&path).expect("the result reads back");
    assert_eq!(result.team, "Night Owls");
    assert_eq!(result.weeks.len(), 12);
    let scenario = HashedScenario::resolve("first-week").unwrap();
    assert!(verify(&result, &scenario).0.verified());
    let _ = std::fs::remove_dir_all(dir);
}

/// The tutorial grown to thousands of people and backlog items over ten years: valid, and
/// slow enough to read that a frame waiting for it would be noticed.
fn large_scenario() -> String {
    let source = multiplier::format::BUILTINS[0].source;
    let people: String = (0..990)
        .map(|i| format!("(id: \"p{i}\", name: \"Person {i}\", skill: 0.5, potential: 0.8, morale: 0.6, autonomy: 0.4, clarity: 0.3),\n"))
        .collect();
    let items: String = (0..1990)
        .map(|i| format!("(id: \"item-{i}\", name: \"Item {i}\", effort: 3, value: {{\"teams\": 1.5}}, appeal: 0.5),\n"))
        .collect();
    source
        .replacen("title: \"First week as lead\"", "title: \"Large\"", 1)
        .replacen("weeks: 12,", "weeks: 520,", 1)
        .replacen("people: [\n", &format!("people: [\n{people}"), 1)
        .replacen("items: [\n", &format!("items: [\n{items}"), 1)
}

fn user_entries(app: &App) -> Vec<(PathBuf, Result<String, String>)> {
    app.world()
        .resource::<Catalog>()
        .entries
        .iter()
        .filter_map(|e| match &e.source {
            Source::File(p) => Some((
                p.clone(),
                e.scenario
                    .as_ref()
                    .map(|s| s.story.title.clone())
                    .map_err(Clone::clone),
            )),
            Source::Builtin(_) => None,
        })
        .collect()
}

#[test]
fn the_scenario_folder_is_read_in_the_background_while_the_built_ins_are_listed() {
    let dir = scratch("large");
    let folder = dir.join("scenarios");
    std::fs::create_dir_all(&folder).unwrap();
    let text = large_scenario();
    assert!(
        multiplier::format::parse("large.ron", text.as_bytes()).is_ok(),
        "the large scenario is valid"
    );
    std::fs::write(folder.join("large.ron"), &text).unwrap();

    // The first frame returns before the file is read: the built-ins are listed, the folder
    // is still being read and says so.
    let mut app = started(&dir);
    let catalog = app.world().resource::<Catalog>();
    assert_eq!(catalog.entries.len(), multiplier::format::BUILTINS.len());
    assert!(user_entries(&app).is_empty());
    let scanning = app.world().resource::<Scanning>();
    assert_eq!(scanning.what(), Some("Reading your scenario folder…"));

    // A built-in can be chosen meanwhile.
    let e = entry(&app, "first-week");
    app.world_mut().write_message(Intent::Choose {
        source: e,
        seed: Some(1),
    });
    app.update();
    app.update();
    assert_eq!(screen(&app), Screen::Briefing);

    settle(&mut app);
    assert_eq!(
        user_entries(&app),
        [(folder.join("large.ron"), Ok("Large".to_string()))]
    );
    assert!(!app.world().resource::<Scanning>().busy());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn continue_shows_loading_then_play_and_ignores_input_meanwhile() {
    let dir = scratch("loading");
    {
        let mut app = app(&dir);
        start(&mut app, "first-week", 4);
        for _ in 0..3 {
            play_week(&mut app);
        }
    }
    let mut app = app(&dir);
    let other = entry(&app, "brilliant-team");
    // The second intent comes while the save is being read: it is dropped, not applied to
    // the run about to be replaced.
    app.world_mut().write_message(Intent::Continue);
    app.world_mut().write_message(Intent::Choose {
        source: other,
        seed: None,
    });
    app.update();
    assert_eq!(
        app.world().resource::<Loading>().what(),
        Some("Continuing your last run…")
    );
    assert_eq!(screen(&app), Screen::Title);
    assert!(session(&app).run.is_none());

    settle(&mut app);
    assert!(!app.world().resource::<Loading>().busy());
    assert_eq!(screen(&app), Screen::Play);
    let run = session(&app).run.as_ref().unwrap();
    assert_eq!(run.source, Source::Builtin("first-week".into()));
    assert_eq!(run.game.state().week, 3);
    let notice = session(&app).notice.clone().expect("a notice");
    assert!(
        !notice.error && notice.text.contains("Loaded"),
        "{notice:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_save_that_cannot_be_loaded_ends_the_loading_with_the_reason() {
    let dir = scratch("bad-load");
    let mut app = app(&dir);
    let path = dir.join("saves").join("nothing.ron");
    app.world_mut().write_message(Intent::Load(path));
    app.update();
    assert!(app.world().resource::<Loading>().busy());
    settle(&mut app);
    assert_eq!(screen(&app), Screen::Title);
    let n = session(&app).notice.clone().expect("a notice");
    assert!(
        n.error && n.text.contains("Cannot load nothing.ron"),
        "{n:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_bots_play_for_the_debrief_in_the_background() {
    let dir = scratch("debrief");
    let mut app = app(&dir);
    start(&mut app, "first-week", 2);
    for _ in 0..11 {
        play_week(&mut app);
    }
    assert_eq!(screen(&app), Screen::Play);
    // The last week ends at once; the debrief waits for the bots.
    app.world_mut().write_message(Intent::EndWeek);
    app.update();
    if session(&app)
        .run
        .as_ref()
        .is_some_and(|r| r.game.pending().is_some())
    {
        app.world_mut().write_message(Intent::Decide(0));
        app.update();
    }
    assert!(session(&app).run.as_ref().unwrap().game.finished());
    assert_eq!(
        app.world().resource::<Comparing>().what(),
        Some("Playing the bots on your seed…")
    );
    assert_eq!(screen(&app), Screen::Play);
    assert!(session(&app).debrief.is_none());

    settle(&mut app);
    assert_eq!(screen(&app), Screen::Debrief);
    let debrief = session(&app).debrief.as_ref().expect("a debrief");
    assert_eq!(debrief.bots.len(), multiplier::sim::Policy::ALL.len());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_damaged_settings_file_is_kept_aside_and_the_player_told() {
    let dir = scratch("damaged-settings");
    let file = dir.join("settings.ron");
    let damaged = b"\xff\xfe(ui_scale: 1.5)".to_vec();
    std::fs::write(&file, &damaged).unwrap();
    {
        let mut app = app(&dir);
        assert_eq!(app.world().resource::<Settings>(), &Settings::default());
        let kept = dir.join("settings.ron.damaged-1");
        assert_eq!(std::fs::read(&kept).unwrap(), damaged, "kept as it was");
        assert!(!file.exists());
        let n = session(&app).notice.clone().expect("the player is told");
        assert!(
            n.error && n.text.contains("settings.ron.damaged-1"),
            "{n:?}"
        );
        assert_eq!(screen(&app), Screen::Title);

        // A change writes a new file; the kept one stays.
        app.world_mut().resource_mut::<Settings>().colour_blind = true;
        app.update();
        assert!(file.exists());
        assert_eq!(std::fs::read(&kept).unwrap(), damaged);
    }
    {
        // The new file is read; nothing is said.
        let app = app(&dir);
        assert!(app.world().resource::<Settings>().colour_blind);
        assert!(session(&app).notice.is_none());
    }

    // A second damaged file never replaces the first one kept.
    std::fs::write(&file, "(ui_scale: oops").unwrap();
    {
        let app = app(&dir);
        assert_eq!(
            std::fs::read(dir.join("settings.ron.damaged-1")).unwrap(),
            damaged
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("settings.ron.damaged-2")).unwrap(),
            "(ui_scale: oops"
        );
        let n = session(&app).notice.clone().expect("the player is told");
        assert!(n.text.contains("settings.ron.damaged-2"), "{n:?}");
    }

    // A byte-order mark, as some editors write, is no damage.
    std::fs::write(&file, "\u{feff}(ui_scale: 1.25, reduced_motion: true)").unwrap();
    let app = app(&dir);
    let s = app.world().resource::<Settings>();
    assert_eq!(s.ui_scale, 1.25);
    assert!(s.reduced_motion);
    assert!(session(&app).notice.is_none());
    assert!(!dir.join("settings.ron.damaged-3").exists());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn temporaries_left_by_killed_writes_are_removed_at_start() {
    let dir = scratch("stale");
    std::fs::create_dir_all(dir.join("saves")).unwrap();
    // A process id that no longer runs: a child that has been waited for.
    let mut child = std::process::Command::new("true")
        .spawn()
        .expect("spawn true");
    let dead = child.id();
    child.wait().expect("wait");
    let stale = [
        dir.join(format!("saves/autosave.ron.{dead}.multiplier-tmp")),
        dir.join(format!("settings.ron.{dead}.multiplier-tmp")),
    ];
    let ours = dir.join(format!(
        "saves/mine.ron.{}.multiplier-tmp",
        std::process::id()
    ));
    for f in stale.iter().chain([&ours]) {
        std::fs::write(f, b"half a file").unwrap();
    }
    let _app = app(&dir);
    assert!(stale.iter().all(|f| !f.exists()), "the stale ones are gone");
    assert!(ours.exists(), "a write still running is left alone");
    let _ = std::fs::remove_dir_all(dir);
}

/// Every pair of the frame's systems that touch the same data runs in an order the frame's
/// sets state (`game::frame`), so no frame depends on the scheduler's whim: a system put in
/// no set, or in one whose order with another's is not stated, fails here by name.
#[test]
fn the_frames_systems_that_share_data_run_in_a_stated_order() {
    use bevy::ecs::schedule::{LogLevel, ScheduleBuildSettings, Schedules};
    let dir = scratch("order");
    let mut app = App::new();
    app.add_plugins(MinimalPlugins);
    app.add_plugins(CorePlugin {
        data: DataDir(dir.clone()),
    });
    let world = app.world_mut();
    let mut update = world
        .resource_mut::<Schedules>()
        .remove(Update)
        .expect("an Update schedule");
    update.set_build_settings(ScheduleBuildSettings {
        ambiguity_detection: LogLevel::Error,
        ..default()
    });
    let built = update
        .initialize(world)
        .map(|_| ())
        .map_err(|e| e.to_string(update.graph(), world));
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(why) = built {
        panic!("{why}");
    }
}
