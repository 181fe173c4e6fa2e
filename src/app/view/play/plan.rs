//! This week's plan: its hours, its entries (those the week will skip marked, and those that
//! would do little), ending the week and taking one back, each with why it cannot be done now.

use super::*;
use crate::sim::{Refusal, plan};

/// This week's plan.
#[derive(Clone, Debug)]
pub struct PlanView {
    /// "16 of 40 hours planned · carries over to next week".
    pub hours: String,
    /// What an empty plan means.
    pub empty: Option<&'static str>,
    /// The entries, in the plan's order.
    pub rows: Vec<PlanRow>,
    /// Whether the plan can be cleared (it has entries).
    pub clearable: bool,
    /// Ending the week.
    pub end: Control,
    /// Taking the last week back.
    pub undo: Control,
}

/// An entry of the plan.
#[derive(Clone, Debug)]
pub struct PlanRow {
    /// "Mentor: Sam".
    pub name: String,
    /// "8h".
    pub hours: String,
    /// Its family, for its colour (`None` for an action the scenario no longer has).
    pub family: Option<Family>,
    /// Why ending the week will skip it, if it will: [`WONT_FIT`] past the week's hours (an
    /// event took some away), "Bea has left the team: skipped" where its target is gone.
    pub skipped: Option<String>,
    /// What it would spend for little, when it will be carried out: "Bea has grown into their
    /// potential: mentoring grows their skill no further".
    pub waste: Option<String>,
}

impl PlanRow {
    /// What the row warns of, if anything, and whether ending the week will skip it.
    pub fn warning(&self) -> Option<(&str, bool)> {
        (self.skipped.as_deref().map(|s| (s, true)))
            .or_else(|| self.waste.as_deref().map(|w| (w, false)))
    }
}

/// What a plan entry beyond the week's hours is marked with.
pub const WONT_FIT: &str = "won't fit: skipped";

impl PlanView {
    pub(super) fn of(run: &Run) -> Self {
        let game = &run.game;
        let state = game.state();
        // The week's own rule, entry by entry: an entry it skips takes none of the hours.
        let mut used = 0.0;
        let rows = game
            .plan()
            .iter()
            .map(|p| {
                let def = game.scenario().action(&p.action);
                let hours = def.map_or(0.0, |d| d.hours);
                let skipped = match game.check_after(p, used) {
                    Ok(()) => {
                        used += hours;
                        None
                    }
                    Err(Refusal::Hours { .. }) => Some(WONT_FIT.to_string()),
                    Err(refusal) => Some(format!(
                        "{}: skipped",
                        plan::skip_reason(state, &refusal, p.target.as_deref())
                    )),
                };
                let waste = (def.filter(|_| skipped.is_none()))
                    .and_then(|d| plan::spent(state, d, p.target.as_deref()));
                PlanRow {
                    name: entry(run, p),
                    hours: format!("{}h", text::whole(hours)),
                    family: def.map(|d| d.family),
                    skipped,
                    waste,
                }
            })
            .collect();
        let end_blocked = if game.pending().is_some() {
            Some("Decide the event first".to_string())
        } else if game.finished() {
            Some("The run is over".to_string())
        } else {
            run.held()
                .map(|why| format!("The week cannot end yet: {why}"))
        };
        Self {
            hours: format!(
                "{} of {} hours planned · carries over to next week",
                text::whole(game.hours_planned()),
                text::whole(game.hours())
            ),
            empty: game
                .plan()
                .is_empty()
                .then_some("Nothing planned: the team works on its own."),
            rows,
            clearable: !game.plan().is_empty(),
            end: Control::unless(
                format!("End week {}", game.week().min(game.scenario().weeks)),
                end_blocked,
            ),
            undo: undo(run),
        }
    }
}

/// "Undo last week", and why it cannot be used where a workshop's weeks keep time (a timed
/// code, a timed or in-step room) or no week is played yet: shown disabled with its reason
/// on the play screen and the debrief alike, never enabled only to say "Undo is off".
pub fn undo(run: &Run) -> Control {
    let why = if !run.may_undo() {
        let room = run.workshop.as_ref().is_some_and(|w| w.room.is_some());
        Some(if room {
            "Undo is off in this room: its weeks keep time".to_string()
        } else {
            "Undo is off in this workshop: its weeks keep time".to_string()
        })
    } else {
        run.game
            .log()
            .is_empty()
            .then(|| "No week played yet".to_string())
    };
    Control::unless("Undo last week", why)
}

/// A plan entry or an action as aimed, in words: "Mentor: Sam".
pub(super) fn entry(run: &Run, p: &Planned) -> String {
    let name = run
        .game
        .scenario()
        .action(&p.action)
        .map_or(NO_LONGER, |d| d.name.as_str());
    match &p.target {
        Some(t) => format!("{name}: {}", run.target_name(t)),
        None => name.to_string(),
    }
}

/// An action a live edit took away, in words: players see names, never ids.
pub(super) const NO_LONGER: &str = "an action this scenario no longer has";
