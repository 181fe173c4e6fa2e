//! The actions in the one order every screen lists them and the desktop's keys follow, each
//! enabled or not and why; what adding one would do, asked for separately.

use super::plan::entry;
use super::*;
use crate::sim::plan;

/// The actions of one family.
#[derive(Clone, Debug)]
pub struct ActionGroup {
    /// The family.
    pub family: Family,
    /// Its name.
    pub label: &'static str,
    /// What the family does, in a sentence.
    pub hint: &'static str,
    /// Its actions, in the scenario's order.
    pub actions: Vec<ActionRow>,
}

/// An action the player can add to the plan.
#[derive(Clone, Debug)]
pub struct ActionRow {
    /// Its place in the one order of every action (for the desktop's keys).
    pub index: usize,
    /// The action as it would be planned, aimed at the current selection.
    pub planned: Planned,
    /// "Mentor: Sam", with "Can't take it now: …" when it cannot be added.
    pub control: Control,
    /// "8h".
    pub hours: String,
    /// What it does.
    pub description: String,
    /// How to aim it, for actions with a target.
    pub aim: Option<&'static str>,
    /// What it would spend for little on its target, as the plan would say beside it
    /// ("Bea has grown into their potential: mentoring grows their skill no further"): said
    /// before it is added, not only after.
    pub spent: Option<String>,
}

/// The scenario's actions in the order every screen lists them: by family, then as the
/// scenario gives them.
pub fn ordered_actions(run: &Run) -> Vec<&ActionDef> {
    let actions = &run.game.scenario().actions;
    Family::ALL
        .into_iter()
        .flat_map(|family| actions.iter().filter(move |a| a.family == family))
        .collect()
}

pub(super) fn actions(run: &Run) -> Vec<ActionGroup> {
    let ordered = ordered_actions(run);
    Family::ALL
        .into_iter()
        .filter_map(|family| {
            let actions: Vec<_> = ordered
                .iter()
                .enumerate()
                .filter(|(_, a)| a.family == family)
                .map(|(index, def)| {
                    let planned = run.aimed(def);
                    let blocked = run
                        .game
                        .check(&planned)
                        .err()
                        .map(|why| format!("Can't take it now: {why}"));
                    let spent = (blocked.is_none())
                        .then(|| plan::spent(run.game.state(), def, planned.target.as_deref()))
                        .flatten();
                    ActionRow {
                        index,
                        spent,
                        control: Control::unless(entry(run, &planned), blocked),
                        planned,
                        hours: format!("{}h", text::whole(def.hours)),
                        description: def.description.clone(),
                        aim: match def.target {
                            TargetKind::None => None,
                            TargetKind::Person => Some("Target: pick a person in Team."),
                            TargetKind::Item => Some("Target: pick an item in the Backlog."),
                            TargetKind::Segment => Some("Target: pick a segment in Customers."),
                        },
                    }
                })
                .collect();
            (!actions.is_empty()).then(|| ActionGroup {
                family,
                label: family.label(),
                hint: family_hint(family),
                actions,
            })
        })
        .collect()
}

fn family_hint(family: Family) -> &'static str {
    match family {
        Family::Leadership => {
            "Slow, compounding gains in skill, clarity, autonomy and morale: multiplies Output."
        }
        Family::Management => {
            "Reveals what customers value, aims effort at it, turns Output into Value."
        }
        Family::Individual => {
            "You do the work: instant Output that never compounds, and starves everything else."
        }
        Family::Micromanagement => "A bump today; erodes morale and autonomy, raises flight risk.",
    }
}

/// What adding an action would do, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewWords {
    /// "This week: Output +1.2 · Value ±0 · 8 h".
    pub week: String,
    /// "Moves Sam morale +0.1", when it moves people.
    pub moves: Option<String>,
    /// "This week only, by the end of the run (week 26): Output +5.8 · Value +7.1", unless
    /// this week is the run's last.
    pub once: Option<String>,
    /// "Every week, if you keep it in the plan: Output -7.7 · Value +8.7", unless this week
    /// is the run's last.
    pub later: Option<String>,
    /// What `once` and `later` rest on: "Estimates over 22 weeks: …", with them.
    pub estimate: Option<String>,
}

/// What adding `planned` would do, measured against the plan as it stands (worked out once
/// per change of the plan: [`crate::app::whatif::Previews`]); `None` when the run shows no
/// previews or the action cannot be added.
pub fn action_preview(run: &Run, planned: &Planned) -> Option<PreviewWords> {
    if !run.previews() {
        return None;
    }
    let p = run.whatif.action(&run.game, planned)?;
    Some(PreviewWords {
        week: format!(
            "This week: Output {} · Value {} · {} h",
            text::signed(p.output),
            text::signed(p.value),
            text::whole(p.hours)
        ),
        moves: (!p.people.is_empty())
            .then(|| format!("Moves {}", whatif::moved_in_words(&p.people))),
        once: p.once.map(|once| {
            format!(
                "This week only, {}: Output {} · Value {}",
                horizon(&once),
                text::signed(once.output),
                text::signed(once.value)
            )
        }),
        later: p.later.map(|later| {
            format!(
                "Every week, if you keep it in the plan: Output {} · Value {}",
                text::signed(later.output),
                text::signed(later.value)
            )
        }),
        estimate: p.once.or(p.later).map(|later| {
            format!(
                "Estimates over {}, the rest of your plan kept: later events answered with their first choice with it and without it, the world's luck the same.",
                text::count(later.weeks as usize, "week")
            )
        }),
    })
}
