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
