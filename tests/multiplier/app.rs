//! The game's flow without Bevy: runs, replays that keep what is the run's, the debrief.

use multiplier::app::{Debrief, Replay, Run, Source, WeekTimer, join};
use multiplier::sim::review::Quadrant;
use multiplier::sim::{Policy, Totals, play};

use crate::support::builtin;

#[test]
fn a_replay_keeps_the_runs_workshop_countdown_and_selection() {
    let folder = std::env::temp_dir();
    let mut run = join("first-week-12-45s", "Owls", &folder).expect("a workshop run");
    for _ in 0..3 {
        run.game.set_plan(Policy::Balanced.plan(run.game.world()));
        run.end_week().expect("a week");
        if run.game.pending().is_some() {
            run.decide(0).expect("a choice");
        }
    }
    let person = run.game.state().people[1].id.clone();
    run.selection.person = Some(person.clone());
    let (seed, log, plan) = run.replay_of();
    let replay = Replay::play(builtin("first-week"), seed, &log, plan).expect("replays");
    let before = Totals::of(run.game.state());
    run.follow(replay);
    assert_eq!(
        Totals::of(run.game.state()),
        before,
        "same world, same numbers"
    );
    assert_eq!(run.reports.len(), 3, "the feed of every week");
    assert_eq!(run.workshop.as_ref().map(|w| w.team.as_str()), Some("Owls"));
    assert_eq!(run.timer.map(|t| t.per_week), Some(45.0));
    assert_eq!(run.selection.person, Some(person));
}

#[test]
fn a_log_that_does_not_fit_says_which_week() {
    let game = play(&builtin("brilliant-team"), Policy::Balanced, 2);
    let mut log = game.log().to_vec();
    let week = log
        .iter()
        .position(|w| w.choice.is_some())
        .expect("an event");
    log[week].choice = None;
    let err = Replay::play(builtin("brilliant-team"), 2, &log, Vec::new()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "week {} cannot be replayed: an event happened but no choice is saved",
            week + 1
        )
    );
    let run = Run::replay(
        Source::Builtin("brilliant-team".into()),
        builtin("brilliant-team"),
        2,
        game.log(),
        Vec::new(),
    )
    .expect("the bot's own log replays");
    assert_eq!(Totals::of(run.game.state()), Totals::of(game.state()));
}

#[test]
fn the_countdown_stops_at_zero() {
    let mut timer = WeekTimer::new(30);
    assert!(!timer.tick(29.5));
    assert!(timer.tick(1.0));
    assert_eq!(timer.left, 0.0);
    timer.restart();
    assert_eq!(timer.left, 30.0);
}

#[test]
fn the_debrief_reads_the_review() {
    let scenario = builtin("brilliant-team");
    let mut run = Run::new(
        Source::Builtin("brilliant-team".into()),
        scenario.clone(),
        3,
    );
    let bot = play(&scenario, Policy::Balanced, 3);
    for week in bot.log() {
        run.game.set_plan(week.plan.clone());
        run.end_week().expect("a week");
        if let Some(c) = week.choice {
            run.decide(c).expect("a choice");
        }
    }
    let d = Debrief::of(&run);
    assert_eq!(
        d.totals,
        Totals::of(bot.state()),
        "the balanced bot's run, played by hand"
    );
    assert_eq!(d.quadrant, Quadrant::ScaledAndValuable);
    assert_eq!(d.bots.len(), Policy::ALL.len());
    assert!(!d.moments.is_empty());
}

/// The built-in tutorial under another title, and with `weeks` weeks: a valid scenario a
/// test can rewrite.
fn version(title: &str, weeks: u32) -> String {
    multiplier::format::BUILTINS[0]
        .source
        .replacen(
            "title: \"First week as lead\"",
            &format!("title: \"{title}\""),
            1,
        )
        .replacen("weeks: 12", &format!("weeks: {weeks}"), 1)
}

/// `text` read as the file `mine.ron` would be.
fn reading(
    text: &str,
) -> Result<std::sync::Arc<multiplier::sim::Scenario>, multiplier::format::Errors> {
    multiplier::format::parse("mine.ron", text.as_bytes()).map(std::sync::Arc::new)
}

/// Live reload's rules, without a window or a file watcher: an edit that validates replaces
/// the listed version and the run follows it with its weeks; a broken edit keeps the last
/// good version in play and its errors shown; the fix clears them.
#[test]
fn live_reload_keeps_the_last_good_version_and_the_run_follows_edits() {
    use multiplier::app::live::edited;
    use multiplier::app::{Intent, Screen};

    let mut shell = super::session::Shell::new("live-rules");
    let file = shell.data.scenarios().join("mine.ron");
    std::fs::create_dir_all(shell.data.scenarios()).expect("a folder");
    std::fs::write(&file, version("Mine, first draft", 12)).expect("written");
    shell.send(Intent::Rescan);
    let source = Source::File(file.clone());
    shell.send(Intent::Choose {
        source: source.clone(),
        seed: Some(3),
    });
    shell.send(Intent::Begin);
    shell.play_week();
    shell.play_week();
    let output = shell
        .session
        .run
        .as_ref()
        .expect("a run")
        .game
        .state()
        .total_output();
    let playing = |shell: &super::session::Shell| {
        let run = shell.session.run.as_ref().expect("a run");
        (run.game.scenario().story.title.clone(), run.game.week())
    };

    // A valid edit: listed, and the run follows it with its weeks and numbers.
    let second = reading(&version("Mine, second draft", 12)).expect("valid");
    let edit = edited(
        &mut shell.catalog,
        &shell.session,
        false,
        &source,
        &Ok(second.clone()),
    );
    assert_eq!(edit.problems, None);
    let follow = edit.follow.expect("the run plays the file");
    assert!(follow.what().contains("2 weeks"), "{}", follow.what());
    let commands = shell.session.follow(follow.run().expect("the log replays"));
    shell.carry_out(commands);
    assert_eq!(playing(&shell), ("Mine, second draft".to_string(), 3));
    let run = shell.session.run.as_ref().expect("a run");
    assert_eq!(run.game.state().total_output(), output, "same numbers");
    let listed = shell.catalog.entry(&source).expect("listed");
    assert!(listed.scenario.as_ref().is_ok_and(|s| **s == *second));
    let again = edited(
        &mut shell.catalog,
        &shell.session,
        false,
        &source,
        &Ok(second),
    );
    assert!(again.follow.is_none(), "the same version again is no edit");

    // A broken edit: its errors are shown, the last good version is listed and plays on.
    let broken = version("Mine, third draft", 12).replacen("weeks: 12", "weeks: 12, wekes: 3", 1);
    let edit = edited(
        &mut shell.catalog,
        &shell.session,
        false,
        &source,
        &reading(&broken),
    );
    let errors = edit.problems.expect("errors to show");
    assert!(
        errors.contains("mine.ron:") && errors.contains("wekes"),
        "{errors}"
    );
    assert!(edit.follow.is_none());
    let listed = shell.catalog.entry(&source).expect("listed");
    assert!(
        listed
            .scenario
            .as_ref()
            .is_ok_and(|s| s.story.title == "Mine, second draft")
    );

    // An edit the log cannot be played on: the run plays on as it was, and says why.
    let short = reading(&version("Mine, short", 1)).expect("valid");
    let edit = edited(
        &mut shell.catalog,
        &shell.session,
        false,
        &source,
        &Ok(short),
    );
    let why = edit
        .follow
        .expect("the run plays the file")
        .run()
        .expect_err("two weeks do not replay on a one-week scenario");
    assert!(
        why.to_string()
            .contains("still playing the version you started"),
        "{why}"
    );
    assert_eq!(playing(&shell), ("Mine, second draft".to_string(), 3));

    // While a run is being made it replaces this one: there is nothing to follow.
    let fixed = reading(&version("Mine, fixed", 12)).expect("valid");
    let edit = edited(
        &mut shell.catalog,
        &shell.session,
        true,
        &source,
        &Ok(fixed),
    );
    assert!(edit.follow.is_none() && edit.problems.is_none());
    assert_eq!(shell.session.screen(), Screen::Play);
}

/// A file that never loaded has no good version to keep: the catalog lists it with its
/// errors, and nothing else is shown.
#[test]
fn a_file_that_never_loaded_is_listed_with_its_errors() {
    use multiplier::app::live::edited;
    let shell = super::session::Shell::new("live-never");
    let mut catalog = multiplier::app::Catalog::builtins();
    let source = Source::File(shell.data.scenarios().join("mine.ron"));
    catalog.insert(multiplier::app::Entry::read(source.clone()));
    let edit = edited(
        &mut catalog,
        &shell.session,
        false,
        &source,
        &reading("not a scenario"),
    );
    assert!(edit.problems.is_none() && edit.follow.is_none());
    let listed = catalog.entry(&source).expect("listed");
    assert!(listed.scenario.is_err() && listed.errors.is_some());
}

/// The verdict's words follow the run's hours: blood from a stone is "without leadership"
/// only for a run that spent (almost) none on it; a run with 9 of 15 hours a week on
/// leadership is told its share instead (seen: startup-takeover with 25 leadership hours a
/// week was told "without leadership").
#[test]
fn the_verdict_says_without_leadership_only_of_a_run_without_it() {
    use multiplier::app::debrief::leadership_share;
    use multiplier::app::view::debrief::meaning;
    use multiplier::sim::Planned;

    let scenario = builtin("brilliant-team");
    let mut run = Run::new(
        Source::Builtin("brilliant-team".into()),
        scenario.clone(),
        3,
    );
    assert_eq!(leadership_share(&run.game), 0.0, "nothing played yet");
    let plan = ["explain", "shield", "prioritise", "set_goals"];
    for id in plan {
        assert!(scenario.action(id).is_some(), "{id} is on offer");
    }
    while !run.game.finished() {
        run.game
            .set_plan(plan.iter().map(|&id| Planned::new(id)).collect());
        run.end_week().expect("a week");
        if run.game.pending().is_some() {
            run.decide(0).expect("a choice");
        }
    }
    let share = leadership_share(&run.game);
    assert!((share - 0.6).abs() < 1e-9, "9 of 15 hours: {share}");

    let led = meaning(Quadrant::BloodFromAStone, share);
    assert!(!led.contains("without leadership"), "{led}");
    assert!(
        led.contains("60% of your hours went to leadership"),
        "{led}"
    );
    let unled = meaning(Quadrant::BloodFromAStone, 0.0);
    assert!(unled.contains("without leadership"), "{unled}");
    assert_eq!(
        meaning(Quadrant::Neither, share),
        Quadrant::Neither.meaning(),
        "the other quadrants keep their words"
    );
}
