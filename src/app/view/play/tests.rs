//! The play view's own rules: no signed zero, the flight risk and the actions' order decided
//! once.

use super::fixtures::*;
use super::*;

#[test]
fn a_word_is_shown_only_whole() {
    assert!(shows("Output 27.3 (total 225)", "27.3"));
    assert!(shows("Output 27.3", "Output 27.3"));
    assert!(!shows("Output 27.35", "27.3"));
    assert!(!shows("Output -27.3", "27.3"));
    assert!(!shows("Output 127.3", "27.3"));
    assert!(!shows("Output 27.3", "27"));
    assert!(shows("27.", "27"));
    assert!(!shows("Priyanka", "Priya"));
    assert!(shows("(met)", "met"));
    assert!(shows("Skill\n0.80", "Skill"));
}

#[test]
fn a_fresh_run_shows_no_negative_zero() {
    let run = fresh_run();
    let view = PlayView::of(&run, None, BacklogOrder::default());
    for word in shown(&view, Fits::ALL) {
        assert!(
            !word.contains("-0.0") && !word.ends_with("-0") && !word.contains("-0."),
            "{word}"
        );
    }
    assert_eq!(view.header.output.week, "0.0");
    assert_eq!(view.plan.hours.split(' ').next(), Some("0"));
}

#[test]
fn an_actions_preview_reaches_the_end_of_the_run_and_says_it_is_an_estimate() {
    let mut run = mid_run();
    run.decide(0).expect("an answer");
    run.game.set_plan(Vec::new());
    let person = run.game.state().people[0].id.clone();
    let words = action_preview(&run, &Planned::at("mentor", person)).expect("a preview");
    let end = format!("by the end of the run (week {})", run.game.scenario().weeks);
    assert!(
        words.week.starts_with("This week: Output"),
        "{}",
        words.week
    );
    assert!(
        words.once.as_deref().is_some_and(|l| l.contains(&end)),
        "{:?}",
        words.once
    );
    assert!(
        (words.later.as_deref()).is_some_and(|l| l.starts_with("Every week, if you keep it")),
        "{:?}",
        words.later
    );
    assert!(
        (words.estimate.as_deref())
            .is_some_and(|e| e.starts_with("Estimates over") && e.contains("luck")),
        "{:?}",
        words.estimate
    );
}

#[test]
fn the_flight_risk_warning_and_the_actions_order_are_decided_once() {
    let run = mid_run();
    let view = PlayView::of(&run, None, BacklogOrder::default());
    for (p, row) in run.game.state().people.iter().zip(&view.team) {
        assert_eq!(row.flight_risk.is_some(), p.flight_risk > FLIGHT_RISK_SHOWN);
    }
    let listed: Vec<_> = view
        .actions
        .iter()
        .flat_map(|g| {
            g.actions
                .iter()
                .map(|a| (a.index, a.planned.action.clone()))
        })
        .collect();
    let ordered: Vec<_> = ordered_actions(&run)
        .into_iter()
        .enumerate()
        .map(|(i, d)| (i, d.id.clone()))
        .collect();
    assert_eq!(listed, ordered);
}

#[test]
fn an_event_waits_in_the_middle_of_the_run() {
    let run = mid_run();
    let view = PlayView::of(&run, None, BacklogOrder::default());
    let event = view.event.expect("an event waits");
    assert!(!event.choices.is_empty());
    // Each answer says where it leaves next week and the run's end, marked as estimates.
    let end = format!("by the end of the run (week {})", run.game.scenario().weeks);
    for c in &event.choices {
        assert!(c.preview.is_some(), "{}", c.label);
        let later = c.later.as_deref().unwrap_or_default();
        assert!(later.contains(&end), "{}: {later:?}", c.label);
    }
    assert!(event.estimate.is_some_and(|e| e.contains("first choice")));
    assert!(
        !view.plan.end.is_enabled(),
        "the week cannot end before the answer"
    );
    assert!(view.team.iter().any(|p| p.picked));
}

/// A market that opens later says when in the customers' list, and shows revenue once open.
#[test]
fn a_segment_that_opens_later_says_when() {
    let mut run = fresh_run_of("path-to-cto");
    let public = |run: &Run| {
        let view = PlayView::of(run, None, BacklogOrder::default());
        let row = view.customers.rows.iter().find(|r| r.id == "public");
        row.map(|r| r.revenue.clone())
            .expect("the public sector's row")
    };
    assert_eq!(public(&run), "opens in week 14");
    while run.game.state().week < 13 {
        run.game.set_plan(Vec::new());
        run.game.end_week(false).expect("a week");
        if run.game.pending().is_some() {
            run.game.choose(0).expect("an answer");
        }
    }
    assert!(public(&run).ends_with("/ week revenue"), "{}", public(&run));
}

/// A goal the game checks says what it needs while it is not met, with where the run stands,
/// so "not yet" for many weeks is not a riddle; a goal met, or one the player judges, does not.
#[test]
fn a_goal_not_yet_met_says_what_it_needs() {
    let run = fresh_run_of(MONEY);
    let view = PlayView::of(&run, None, BacklogOrder::default());
    let goals = &run.game.scenario().story.goals;
    assert!(goals.iter().any(|g| g.check.is_some()));
    for (row, goal) in view.goals.rows.iter().zip(goals) {
        let needs = row.text.strip_prefix(&goal.text).unwrap_or_default();
        match (&goal.check, row.met) {
            (Some(check), false) => {
                let said = format!(" (needs {}, now ", check.describe());
                assert!(needs.starts_with(&said), "{}", row.text);
            }
            _ => assert_eq!(row.text, goal.text),
        }
    }
    assert!(view.goals.rows.iter().any(|r| r.mark == "not yet"));
}

/// An answer that takes someone's time shows on their card while the week it took is planned,
/// and both renderers show it (it is among the words they must show).
#[test]
fn time_an_answer_took_shows_on_the_card() {
    let takes_time = |run: &Run| {
        let world = run.game.world();
        let event = world.scenario().event(&world.pending()?.event)?;
        (event.choices.iter())
            .position(|c| (c.effects.iter()).any(|e| matches!(e, sim::effect::Effect::Busy { .. })))
    };
    let (mut run, choice) = [
        "brilliant-team",
        "support-turnaround",
        "startup-takeover",
        "path-to-cto",
    ]
    .into_iter()
    .map(mid_run_of)
    .find_map(|run| takes_time(&run).map(|c| (run, c)))
    .expect("an event waiting with an answer that takes time");
    let view = PlayView::of(&run, None, BacklogOrder::default());
    assert!(view.team.iter().all(|p| p.booked.is_none()));
    run.decide(choice).expect("an answer");
    let view = PlayView::of(&run, None, BacklogOrder::default());
    let booked: Vec<_> = view.team.iter().filter_map(|p| p.booked.clone()).collect();
    assert!(!booked.is_empty());
    assert!(
        booked
            .iter()
            .all(|b| b.ends_with("of this week given to your answer"))
    );
    let words = shown(&view, Fits::ALL);
    assert!(booked.iter().all(|b| words.contains(b)));
}
