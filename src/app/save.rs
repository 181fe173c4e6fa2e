//! Save files: a run is its scenario, seed and action log, so a save is small text that
//! replays to the same state bit for bit. Each save is its own RON file, written atomically.

use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::Source;
use crate::runlog::{FormatError, SavedAction, SavedWeek, from_versioned_ron, saved_log, week_logs};
use crate::sim::{Game, WeekLog};
use crate::storage::{ReadError, read_limited, write_atomic};

/// The save format this build writes and the newest it reads.
pub const SAVE_VERSION: u32 = 1;

/// The file name of the autosave, rewritten after every week.
pub const AUTOSAVE: &str = "autosave.ron";

/// Saves larger than this are refused unread: no honest save comes close.
const MAX_SAVE_BYTES: u64 = 8 * 1024 * 1024;

/// One save file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SaveFile {
    /// Format version, checked before anything else is read.
    pub version: u32,
    /// The name the player gave it (`Autosave` for the autosave).
    pub name: String,
    /// Seconds since 1970 when it was written, for newest-first lists.
    pub saved_at: u64,
    /// The scenario played.
    pub scenario: Source,
    /// The scenario's title when saved, for the list.
    pub title: String,
    /// The run's seed.
    pub seed: u64,
    /// Weeks played.
    pub week: u32,
    /// Weeks in the scenario.
    pub weeks: u32,
    /// Total Output so far, for the list.
    pub output: f64,
    /// Total Value so far, for the list.
    pub value: f64,
    /// The plan being built for the coming week.
    #[serde(default)]
    pub plan: Vec<SavedAction>,
    /// Everything the player did, week by week.
    pub log: Vec<SavedWeek>,
    /// The workshop the run belongs to, so a continued run still writes its result file.
    #[serde(default)]
    pub workshop: Option<SavedWorkshop>,
}

/// A workshop run's code and team, as saved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedWorkshop {
    /// The workshop code as typed (canonical form).
    pub code: String,
    /// The team's name.
    pub team: String,
}

impl SaveFile {
    /// A save of `game`, played from `scenario`.
    pub fn of(name: &str, scenario: &Source, game: &Game) -> Self {
        Self::of_run(name, scenario, game, None)
    }

    /// A save of a run that may belong to a workshop.
    pub fn of_run(
        name: &str,
        scenario: &Source,
        game: &Game,
        workshop: Option<SavedWorkshop>,
    ) -> Self {
        let state = game.state();
        Self {
            version: SAVE_VERSION,
            name: name.to_string(),
            saved_at: now(),
            scenario: scenario.clone(),
            title: game.scenario().story.title.clone(),
            seed: game.seed(),
            week: state.week,
            weeks: game.scenario().weeks,
            output: state.total_output(),
            value: state.total_value(),
            plan: game.plan().iter().map(SavedAction::from).collect(),
            log: saved_log(game),
            workshop,
        }
    }

    /// The log in the core's terms.
    pub fn week_logs(&self) -> Vec<WeekLog> {
        week_logs(&self.log)
    }

    /// The RON text.
    pub fn to_ron(&self) -> Result<String, String> {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| format!("cannot encode the save: {e}"))
    }

    /// Parses a save, naming a future format or damage in words a player can act on.
    pub fn from_ron(text: &str) -> Result<Self, String> {
        from_versioned_ron(text, SAVE_VERSION).map_err(|e| match e {
            FormatError::Damaged(e) => format!("the file is damaged and cannot be read ({e})"),
            FormatError::Newer(v) => format!(
                "it was saved by a newer version of Multiplier (save format {v}; this version reads up to {SAVE_VERSION}); update the game to load it"
            ),
            FormatError::Unnumbered => {
                "the file is damaged: it has no valid save format number".into()
            }
        })
    }
}

/// Seconds since 1970 (0 if the clock is before it).
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Writes a save atomically.
pub fn write(path: &Path, save: &SaveFile) -> Result<(), String> {
    let text = save.to_ron()?;
    write_atomic(path, text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Reads one save; never panics on any file content, and never waits on a pipe.
pub fn read(path: &Path) -> Result<SaveFile, String> {
    let bytes = read_limited(path, MAX_SAVE_BYTES).map_err(|e| match e {
        ReadError::TooLarge { .. } => format!("too large to be a save ({e})"),
        e => e.to_string(),
    })?;
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| "the file is damaged: it is not text".to_string())?;
    SaveFile::from_ron(text)
}

/// A file name for a named save: letters, digits and dashes only.
pub fn file_name(name: &str) -> String {
    let slug: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug.trim_matches('-');
    let slug = if slug.is_empty() || slug == "autosave" {
        "save"
    } else {
        slug
    };
    format!("{}.ron", slug.chars().take(60).collect::<String>())
}
