//! An entry of the Load list: which run a save holds, in words that tell runs apart. Forks
//! and workshop runs were all "Autosave" with a title and a week; each entry now names its
//! scenario, week, scores and seed, whether it is a fork (of which run, from which week) or
//! a workshop's table, and when it was written.

use crate::app::save::SaveFile;
use crate::text;

/// A save as the Load list shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct SaveEntry {
    /// The name the player gave it, or "Autosave".
    pub name: String,
    /// "The brilliant team · week 7 of 26 · Output 321 · Value 88 · seed 7".
    pub facts: String,
    /// Where the run came from, when it is not a plain run: "A fork of your run, played on
    /// from week 12", "Workshop brilliant-team-4821-90s · team Owls", "Room at 10.0.0.2:8080
    /// · team Owls".
    pub origin: Option<String>,
    /// "6 min ago".
    pub when: String,
}

impl SaveEntry {
    /// The entry of `save`, written `now` (seconds since 1970) or before.
    pub fn of(save: &SaveFile, now: u64) -> Self {
        let origin = match (&save.fork, &save.workshop) {
            (Some(fork), _) => Some(format!(
                "A fork of {}, played on from week {}",
                fork.of,
                fork.week + 1
            )),
            (None, Some(w)) => Some(match &w.room {
                Some(room) => format!("Room at {} · team {}", room.address, w.team),
                None => format!("Workshop {} · team {}", w.code, w.team),
            }),
            (None, None) => None,
        };
        Self {
            name: save.name.clone(),
            facts: format!(
                "{} · {} · Output {} · Value {} · seed {}",
                save.title,
                save.progress(),
                text::whole(save.output),
                text::whole(save.value),
                save.seed
            ),
            origin,
            when: text::ago(now.saturating_sub(save.saved_at)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::save::{SavedRoom, SavedWorkshop};
    use crate::app::{Fork, Source};

    fn save() -> SaveFile {
        let scenario = std::sync::Arc::new(
            crate::format::builtin("brilliant-team")
                .and_then(Result::ok)
                .expect("a built-in"),
        );
        let game = crate::sim::Game::new(scenario, 7);
        SaveFile::of_run(
            "Autosave",
            &Source::Builtin("brilliant-team".into()),
            &game,
            None,
        )
    }

    #[test]
    fn runs_are_told_apart_by_scenario_week_seed_and_origin() {
        let plain = save();
        let entry = SaveEntry::of(&plain, plain.saved_at + 360);
        assert_eq!(entry.name, "Autosave");
        assert!(entry.facts.contains("week 1 of 26"), "{}", entry.facts);
        assert!(entry.facts.ends_with("seed 7"), "{}", entry.facts);
        assert_eq!(entry.origin, None);
        assert_eq!(entry.when, "6 min ago");

        let fork = plain.clone().forked(Some(&Fork {
            week: 12,
            of: "your run".into(),
            original: Vec::new(),
        }));
        assert_eq!(
            SaveEntry::of(&fork, fork.saved_at).origin.as_deref(),
            Some("A fork of your run, played on from week 13")
        );

        let mut table = plain.clone();
        table.workshop = Some(SavedWorkshop {
            code: "brilliant-team-4821-90s".into(),
            team: "Owls".into(),
            room: None,
            undos: 0,
            ended_at: Vec::new(),
        });
        assert_eq!(
            SaveEntry::of(&table, table.saved_at).origin.as_deref(),
            Some("Workshop brilliant-team-4821-90s · team Owls")
        );
        if let Some(w) = table.workshop.as_mut() {
            w.room = Some(SavedRoom {
                address: "10.0.0.2:8080".into(),
                token: "secret".into(),
                pacing: None,
            });
        }
        let room = SaveEntry::of(&table, table.saved_at);
        assert_eq!(
            room.origin.as_deref(),
            Some("Room at 10.0.0.2:8080 · team Owls")
        );
        assert!(
            !format!("{room:?}").contains("secret"),
            "the table's token is never shown"
        );
    }
}
