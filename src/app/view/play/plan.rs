//! This week's plan: its hours, its entries (those past the week's hours marked), ending the
//! week and taking one back, each with why it cannot be done now.

use super::*;

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
    /// Whether it fits in the week's hours; entries past them (an event took some away) are
    /// what ending the week will skip.
    pub fits: bool,
}

/// What a plan entry beyond the week's hours is marked with.
pub const WONT_FIT: &str = "won't fit: skipped";

impl PlanView {
    pub(super) fn of(run: &Run) -> Self {
        let game = &run.game;
        let mut used = 0.0;
        let rows = game
            .plan()
            .iter()
            .map(|p| {
                let def = game.scenario().action(&p.action);
                let hours = def.map_or(0.0, |d| d.hours);
                used += hours;
                PlanRow {
                    name: entry(run, p),
                    hours: format!("{}h", text::whole(hours)),
                    family: def.map(|d| d.family),
                    fits: used <= game.hours() + 1e-9,
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
