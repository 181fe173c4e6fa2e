//! The action log in a file: what saves and workshop result files store of a run, and how
//! such a file's format number is read.
//!
//! The core's [`WeekLog`] and [`Planned`] stay free of serde; these mirror them with a
//! stable serialised shape, so the same log text means the same run in every file that
//! holds one.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::format::diagnostic::bounded;
use crate::sim::{Game, Planned, WeekLog};

/// One week of the log.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedWeek {
    /// The plan carried out.
    pub plan: Vec<SavedAction>,
    /// The choice taken on the event that followed, if any.
    pub choice: Option<usize>,
}

/// One planned action.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedAction {
    /// The action's id.
    pub action: String,
    /// Its target's id.
    pub target: Option<String>,
}

impl From<&Planned> for SavedAction {
    fn from(p: &Planned) -> Self {
        Self {
            action: p.action.clone(),
            target: p.target.clone(),
        }
    }
}

impl From<&SavedAction> for Planned {
    fn from(s: &SavedAction) -> Self {
        Planned {
            action: s.action.clone(),
            target: s.target.clone(),
        }
    }
}

impl From<&WeekLog> for SavedWeek {
    fn from(w: &WeekLog) -> Self {
        Self {
            plan: w.plan.iter().map(SavedAction::from).collect(),
            choice: w.choice,
        }
    }
}

impl From<&SavedWeek> for WeekLog {
    fn from(w: &SavedWeek) -> Self {
        WeekLog {
            plan: w.plan.iter().map(Planned::from).collect(),
            choice: w.choice,
        }
    }
}

/// The log of a run, ready to store.
pub fn saved_log(game: &Game) -> Vec<SavedWeek> {
    game.log().iter().map(SavedWeek::from).collect()
}

/// A stored log in the core's terms, ready for [`Game::replay`].
pub fn week_logs(log: &[SavedWeek]) -> Vec<WeekLog> {
    log.iter().map(WeekLog::from).collect()
}

/// Why a file with a format number (a save, a result) could not be read.
#[derive(Debug, PartialEq)]
pub enum FormatError {
    /// It is not RON of the expected shape; the parser's message, with line and column.
    Damaged(String),
    /// It was written by a newer version, in this format number.
    Newer(u32),
    /// It reads, but has no valid format number.
    Unnumbered,
}

/// Reads a RON file whose `version` field says its format, looking at that number before
/// anything else: a file from a newer version is named as such rather than called damaged
/// because its fields changed. The number is found whatever the file's struct is called. A
/// leading byte-order mark, which some Windows editors write, is skipped.
pub fn from_versioned_ron<T: DeserializeOwned>(text: &str, newest: u32) -> Result<T, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // The parser echoes what it found, which may be a whole line of the file: cut, so a
    // damaged file's message stays a line.
    let damaged = |e: ron::error::SpannedError| FormatError::Damaged(bounded(e.to_string()));
    let version = match ron::from_str::<ron::Value>(text).map_err(damaged)? {
        ron::Value::Map(fields) => fields
            .get(&ron::Value::String("version".into()))
            .and_then(|v| v.clone().into_rust::<u32>().ok()),
        _ => None,
    };
    match version {
        None | Some(0) => Err(FormatError::Unnumbered),
        Some(v) if v > newest => Err(FormatError::Newer(v)),
        Some(_) => ron::from_str(text).map_err(damaged),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    struct File {
        version: u32,
        name: String,
    }

    #[test]
    fn the_format_number_is_read_first() {
        let read = |text: &str| from_versioned_ron::<File>(text, 2);
        let file = File {
            version: 2,
            name: "a".into(),
        };
        assert_eq!(read("(version: 2, name: \"a\")"), Ok(file));
        assert_eq!(
            read("File(version: 1, name: \"b\")").map(|f| f.name),
            Ok("b".into())
        );
        assert_eq!(read("(version: 3, title: 7)"), Err(FormatError::Newer(3)));
        for unnumbered in [
            "(name: \"a\")",
            "(version: 0, name: \"a\")",
            "(version: -1)",
            "[1]",
        ] {
            assert_eq!(
                read(unnumbered),
                Err(FormatError::Unnumbered),
                "{unnumbered}"
            );
        }
        assert_eq!(
            read("\u{feff}(version: 2, name: \"a\")").map(|f| f.name),
            Ok("a".into()),
            "a byte-order mark is not damage"
        );
        let long = format!("(version: 2, name: {})", "x".repeat(100_000));
        match read(&long) {
            Err(FormatError::Damaged(why)) => assert!(why.chars().count() < 500, "{why}"),
            other => panic!("{other:?}"),
        }
        for damaged in [
            "(version: 2, name: 5)",
            "(version: 2",
            "\u{0}",
            "\u{feff}\u{feff}(version: 2)",
        ] {
            assert!(
                matches!(read(damaged), Err(FormatError::Damaged(_))),
                "{damaged}"
            );
        }
    }
}
