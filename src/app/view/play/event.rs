//! The event waiting for an answer, with each answer's preview when the run shows them.

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
}

impl EventView {
    pub(super) fn of(run: &Run) -> Option<Self> {
        let game = &run.game;
        let pending = game.pending()?;
        let event = game.scenario().event(&pending.event)?;
        let name = run.subject_name();
        let previews = run.previews() && !game.finished();
        Some(Self {
            when: format!("After week {}: a decision", game.state().week),
            title: event.title.clone(),
            text: pending.text.clone(),
            choices: event
                .choices
                .iter()
                .enumerate()
                .map(|(i, c)| ChoiceRow {
                    label: format!("{}. {}", i + 1, c.label.replace("{name}", &name)),
                    hint: c.hint.replace("{name}", &name),
                    preview: previews
                        .then(|| whatif::preview_choice(game, i))
                        .flatten()
                        .map(|p| {
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
                })
                .collect(),
        })
    }
}
