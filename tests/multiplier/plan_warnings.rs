//! What the plan warns of before the week is ended, and what the feed says after it: an entry
//! aimed at someone who left names them, and mentoring someone at their potential is flagged
//! beside its line.

use multiplier::app::view::{BacklogOrder, PlayView};
use multiplier::app::{Pick, Run, Source};
use multiplier::format::BUILTINS;
use multiplier::sim::{Effect, Planned, Policy, TargetKind, Who, play};

use crate::support::builtin;

/// A run of a built-in scenario played by the balanced bot's plans until an event waits whose
/// answer lets its subject go, with the index of that answer and the subject's id.
fn a_departure_waits() -> Option<(Run, usize, String)> {
    for b in BUILTINS {
        for seed in 0..4 {
            let scenario = builtin(b.id);
            let bot = play(&scenario, Policy::Balanced, seed);
            let mut run = Run::new(Source::Builtin(b.id.into()), scenario.clone(), seed);
            for week in bot.log() {
                run.game.set_plan(week.plan.clone());
                run.end_week().expect("a week");
                if let Some(pending) = run.game.pending() {
                    let def = scenario.event(&pending.event).expect("its event");
                    let lets_go = def.choices.iter().position(|c| {
                        (c.effects.iter()).any(|e| matches!(e, Effect::Leave { who: Who::Target }))
                    });
                    if let (Some(at), Some(subject)) = (lets_go, pending.subject.clone()) {
                        return Some((run, at, subject));
                    }
                }
                if run.game.finished() {
                    break;
                }
                if let Some(c) = week.choice {
                    run.decide(c).expect("the bot's answer");
                }
            }
        }
    }
    None
}

/// The first action of the scenario aimed at a person that grows their skill: mentoring.
fn mentoring(run: &Run) -> String {
    let scenario = run.game.scenario();
    (scenario.actions.iter())
        .find(|a| {
            a.target == TargetKind::Person
                && (a.effects.iter()).any(|e| {
                    matches!(e, Effect::Grow { who: Who::Target, stat, .. } if *stat == multiplier::sim::Stat::Skill)
                })
        })
        .map(|a| a.id.clone())
        .expect("an action that mentors")
}

/// Someone let go by an event's answer while the plan mentors them: the plan names them as
/// gone before the week is ended, and the week's skip says who left, not that the action
/// "needs a person to aim at".
#[test]
fn an_entry_aimed_at_someone_who_left_names_them_before_and_after_the_week() {
    let (mut run, lets_go, subject) = a_departure_waits().expect("an answer that lets someone go");
    let name = (run.game.state().people.iter())
        .find(|p| p.id == subject)
        .map(|p| p.name.clone())
        .expect("the subject is on the team");
    let mentor = mentoring(&run);
    run.game.set_plan(vec![Planned::at(&mentor, &subject)]);
    run.decide(lets_go).expect("the answer");
    assert!(run.game.state().people.iter().all(|p| p.id != subject));

    let view = PlayView::of(&run, None, BacklogOrder::default());
    let row = &view.plan.rows[0];
    assert!(row.name.ends_with(&format!(": {name}")), "{}", row.name);
    let stale = format!("{name} has left the team: skipped");
    assert_eq!(row.skipped.as_deref(), Some(stale.as_str()));
    assert_eq!(row.warning(), Some((stale.as_str(), true)));

    run.end_week().expect("a week");
    let report = run.reports.last().expect("the week's report");
    let reasons: Vec<_> = report.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(reasons, [format!("{name} has left the team")]);
    let feed = PlayView::of(&run, None, BacklogOrder::default()).feed;
    let lines = &feed.weeks.first().expect("the week").lines;
    assert!(
        (lines.iter()).any(|l| l.text.ends_with(&format!(": {name} has left the team"))),
        "{lines:?}"
    );
}

/// A run that mentors everyone every week: someone grows into their potential, and from that
/// week the plan says beside the line that mentoring them grows their skill no further, while
/// a line mentoring someone still growing says nothing; the action aimed at them says so
/// before it is added.
#[test]
fn mentoring_someone_at_their_potential_is_flagged_beside_the_line() {
    let scenario = builtin("brilliant-team");
    let mut run = Run::new(Source::Builtin("brilliant-team".into()), scenario, 3);
    let mentor = mentoring(&run);
    let mut flagged = false;
    while !run.game.finished() && !flagged {
        let plan: Vec<_> = (run.game.state().people.iter())
            .map(|p| Planned::at(&mentor, &p.id))
            .collect();
        run.game.set_plan(plan);
        let view = PlayView::of(&run, None, BacklogOrder::default());
        for (row, p) in view.plan.rows.iter().zip(&run.game.state().people) {
            let grown = p.grown();
            if row.skipped.is_some() {
                continue;
            }
            let said = format!("{} has grown into their potential: ", p.name);
            assert_eq!(
                row.waste.as_deref().is_some_and(|w| w.starts_with(&said)),
                grown,
                "{} {:?}",
                row.name,
                row.waste
            );
            flagged |= grown;
        }
        run.end_week().expect("a week");
        if run.game.pending().is_some() {
            run.decide(0).expect("an answer");
        }
    }
    assert!(flagged, "someone grew into their potential");
    // The action itself says so too, aimed at someone grown, before it is added.
    let grown = (run.game.state().people.iter()).find(|p| p.grown());
    let (id, name) = grown
        .map(|p| (p.id.clone(), p.name.clone()))
        .expect("someone grown");
    run.select(Pick::Person(id));
    let view = PlayView::of(&run, None, BacklogOrder::default());
    let row = (view.actions.iter())
        .flat_map(|g| &g.actions)
        .find(|a| a.planned.action == mentor)
        .expect("mentoring is offered");
    let said = format!("{name} has grown into their potential: ");
    assert!(
        row.spent.as_deref().is_some_and(|w| w.starts_with(&said)),
        "{:?}",
        row.spent
    );
}
