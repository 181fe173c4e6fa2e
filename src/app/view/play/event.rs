//! The event waiting for an answer, with each answer's preview when the run shows them: next
//! week, and where the run ends if the plan is kept.

use super::*;

/// The event waiting for an answer.
#[derive(Clone, Debug)]
pub struct EventView {
    /// "After week 3: a decision".
    pub when: String,
    /// The event's title.
    pub title: String,
    /// What happened.
    pub text: String,
    /// The answers, in order.
    pub choices: Vec<ChoiceRow>,
    /// What the answers' `later` rests on, when one has it: "Estimates: …".
    pub estimate: Option<String>,
}

/// An answer to an event.
#[derive(Clone, Debug)]
pub struct ChoiceRow {
    /// "1. Talk to Sam".
    pub label: String,
    /// What it will likely do.
    pub hint: String,
    /// "Then next week with your plan: Output 12.0 · Value 3.1", when the run previews.
    pub preview: Option<String>,
    /// "With your plan kept, by the end of the run (week 26): totals Output 540 · Value
    /// 1,230", when the run previews and goes on past next week.
    pub later: Option<String>,
}

/// What the answers' estimates rest on, said once under them.
const ESTIMATE: &str = "Estimates: your plan kept as it stands, later events answered with their first choice after every answer, the world's luck the same.";

impl EventView {
    pub(super) fn of(run: &Run) -> Option<Self> {
        let game = &run.game;
        let pending = game.pending()?;
        let event = game.scenario().event(&pending.event)?;
        let name = run.subject_name();
        let previews = run.previews() && !game.finished();
        let state = game.state();
        let choices: Vec<ChoiceRow> = event
            .choices
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let p = previews.then(|| run.whatif.choice(game, i)).flatten();
                ChoiceRow {
                    label: format!("{}. {}", i + 1, c.label.replace("{name}", &name)),
                    hint: c.hint.replace("{name}", &name),
                    preview: p.as_ref().map(|p| {
                        let moved = if p.people.is_empty() {
                            String::new()
                        } else {
                            format!(" · moves {}", whatif::moved_in_words(&p.people))
                        };
                        format!(
                            "Then next week with your plan: Output {} · Value {}{moved}",
                            text::num(p.output),
                            text::num(p.value)
                        )
                    }),
                    later: p.and_then(|p| p.later).map(|later| {
                        format!(
                            "With your plan kept, {}: totals Output {} · Value {}",
                            horizon(&later),
                            text::num(state.total_output() + later.output),
                            text::num(state.total_value() + later.value)
                        )
                    }),
                }
            })
            .collect();
        Some(Self {
            when: format!("After week {}: a decision", state.week),
            title: event.title.clone(),
            text: pending.text.clone(),
            estimate: choices
                .iter()
                .any(|c| c.later.is_some())
                .then(|| ESTIMATE.to_string()),
            choices,
        })
    }
}
