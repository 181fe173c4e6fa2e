//! The title screen's words: each scenario on offer as a card, and the run Continue resumes.

use crate::app::catalog::Entry;
use crate::app::save::SaveFile;
use crate::app::source::Source;
use crate::text;

/// A scenario on the title screen's list.
#[derive(Clone, Debug)]
pub struct ScenarioCard {
    /// Its title.
    pub title: String,
    /// Whether it is one of the player's own files.
    pub own: bool,
    /// Its pitch, if it can be played.
    pub pitch: Option<String>,
    /// "12 weeks · 6 people · 2 customer segments", or why it cannot be played.
    pub facts: String,
    /// Whether it cannot be played.
    pub broken: bool,
}

impl ScenarioCard {
    /// The card of a catalog entry.
    pub fn of(entry: &Entry) -> Self {
        let (pitch, facts, broken) = match &entry.scenario {
            Ok(s) => (
                Some(s.story.pitch.clone()),
                format!(
                    "{} · {} · {}",
                    text::count(s.weeks as usize, "week"),
                    text::count_as(s.people.len(), "person", "people"),
                    text::count(s.segments.len(), "customer segment")
                ),
                false,
            ),
            Err(e) => (None, format!("Cannot be played: {e}"), true),
        };
        Self {
            title: entry.title(),
            own: matches!(entry.source, Source::File(_)),
            pitch,
            facts,
            broken,
        }
    }
}

/// The line under Continue: "The brilliant team · week 4 of 12 · Output 40.2 · Value 3.1".
pub fn resumes(save: &SaveFile) -> String {
    format!(
        "{} · {} · Output {} · Value {}",
        save.title,
        save.progress(),
        text::num(save.output),
        text::num(save.value)
    )
}
