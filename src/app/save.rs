//! Save files: a run is its scenario, seed and action log, so a save is small text that
//! replays to the same state bit for bit. Each save is its own RON file, written atomically.

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::Source;
use crate::runlog::{
    FormatError, SavedAction, SavedWeek, from_versioned_ron, saved_log, week_logs,
};
use crate::sim::{Game, WeekLog};
use crate::storage::{ReadError, read_limited, write_atomic};

/// The save format this build writes and the newest it reads.
pub const SAVE_VERSION: u32 = 1;

/// How every autosave's file name begins. Each run (scenario, seed, workshop team) has its
/// own autosave, rewritten after every week, so a new run never replaces what another run's
/// Continue would resume; Continue resumes the newest. (`autosave.ron`, the single slot of
/// earlier versions, is one of them.)
pub const AUTOSAVE: &str = "autosave";

/// Autosaves kept: the runs played last. Older ones are removed when one is written.
pub const AUTOSAVES_KEPT: usize = 12;

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
    /// Where the run was forked from, if it is a fork.
    #[serde(default)]
    pub fork: Option<super::Fork>,
}

/// A workshop run's code and team, as saved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedWorkshop {
    /// The workshop code as typed (canonical form).
    pub code: String,
    /// The team's name.
    pub team: String,
    /// The hosted room the run belongs to, if it joined one.
    #[serde(default)]
    pub room: Option<SavedRoom>,
    /// Weeks taken back with Undo.
    #[serde(default)]
    pub undos: u32,
    /// When each week was ended, in seconds since 1970.
    #[serde(default)]
    pub ended_at: Vec<u64>,
}

/// A hosted room in a save: where it is and the table's token, so a continued run goes on
/// sending its weeks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedRoom {
    /// The host's address.
    pub address: String,
    /// The table's secret.
    pub token: String,
    /// The room's pacing when saved, until the host says again.
    #[serde(default)]
    pub pacing: Option<crate::room::Pacing>,
}

impl SaveFile {
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
            fork: None,
        }
    }

    /// The same save, of a fork of another run.
    pub fn forked(mut self, fork: Option<&super::Fork>) -> Self {
        self.fork = fork.cloned();
        self
    }

    /// Where the run stands, as the play screen says it: the week being planned ("week 25 of
    /// 26" once 24 are played), or that it is over. `week` counts the weeks played.
    pub fn progress(&self) -> String {
        if self.week >= self.weeks {
            format!(
                "finished ({})",
                crate::text::count(self.weeks as usize, "week")
            )
        } else {
            format!("week {} of {}", self.week + 1, self.weeks)
        }
    }

    /// The log in the core's terms.
    pub fn week_logs(&self) -> Vec<WeekLog> {
        week_logs(&self.log)
    }

    /// The RON text.
    pub fn to_ron(&self) -> Result<String, SaveError> {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| SaveError::Encode(e.to_string()))
    }

    /// Parses a save, naming a future format or damage in words a player can act on.
    pub fn from_ron(text: &str) -> Result<Self, SaveError> {
        from_versioned_ron(text, SAVE_VERSION).map_err(|e| match e {
            FormatError::Damaged(e) => SaveError::Damaged(e),
            FormatError::Newer(v) => SaveError::Newer(v),
            FormatError::Unnumbered => SaveError::Unnumbered,
        })
    }
}

/// Seconds since 1970 (0 if the clock is before it).
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Why a save could not be written or read, in words a player can act on.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The run could not be put into words (a bug: please report it).
    #[error("cannot encode the save: {0}")]
    Encode(String),
    /// The file system refused the write.
    #[error("cannot write {path}: {why}")]
    Write {
        /// The file.
        path: String,
        /// Why.
        why: std::io::Error,
    },
    /// The file is too large to be a save.
    #[error("too large to be a save ({0})")]
    TooLarge(ReadError),
    /// The file cannot be read (missing, a folder, a device, refused).
    #[error("{0}")]
    Read(ReadError),
    /// The file is not UTF-8 text.
    #[error("the file is damaged: it is not text")]
    NotText,
    /// The text is not a save: the parser's message, with line and column.
    #[error("the file is damaged and cannot be read ({0})")]
    Damaged(String),
    /// A newer version wrote it, in this format.
    #[error(
        "it was saved by a newer version of Multiplier (save format {0}; this version reads up to {SAVE_VERSION}); update the game to load it"
    )]
    Newer(u32),
    /// It has no valid format number.
    #[error("the file is damaged: it has no valid save format number")]
    Unnumbered,
}

/// Writes a save atomically.
pub fn write(path: &Path, save: &SaveFile) -> Result<(), SaveError> {
    let text = save.to_ron()?;
    write_atomic(path, text.as_bytes()).map_err(|why| SaveError::Write {
        path: path.display().to_string(),
        why,
    })
}

/// Reads one save; never panics on any file content, and never waits on a pipe.
pub fn read(path: &Path) -> Result<SaveFile, SaveError> {
    let bytes = read_limited(path, MAX_SAVE_BYTES).map_err(|e| match e {
        e @ ReadError::TooLarge { .. } => SaveError::TooLarge(e),
        e => SaveError::Read(e),
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|_| SaveError::NotText)?;
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
    let slug = if slug.is_empty() {
        "save".to_string()
    } else if slug.starts_with(AUTOSAVE) {
        // A named save is never taken for an autosave (nor pruned as one).
        format!("save-{slug}")
    } else {
        slug.to_string()
    };
    format!("{}.ron", slug.chars().take(60).collect::<String>())
}

/// Letters and digits of `text`, lower case, dashes between: a piece of a file name.
fn slug(text: &str, most: usize) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.chars().count() >= most {
            break;
        }
    }
    out.trim_matches('-').to_string()
}

/// The autosave file of one run: its scenario, seed and, for a workshop run, team; a fork
/// also names the week it was taken at, so it never overwrites the run it came from.
pub fn autosave_name(
    source: &Source,
    seed: u64,
    workshop: Option<&SavedWorkshop>,
    fork: Option<&super::Fork>,
) -> String {
    let scenario = match source {
        Source::Builtin(id) => slug(id, 40),
        Source::File(path) => {
            let stem = path
                .file_stem()
                .map(|s| s.to_string_lossy())
                .unwrap_or_default();
            format!("file-{}", slug(&stem, 40))
        }
    };
    let team = workshop.map_or(String::new(), |w| format!("-team-{}", slug(&w.team, 30)));
    let fork = fork.map_or(String::new(), |f| format!("-fork-{}", f.week));
    format!("{AUTOSAVE}-{scenario}-{seed:016x}{team}{fork}.ron")
}

/// The autosave file a run loaded from `path` goes on writing: an autosave's own, and for a
/// named save the run's autosave name with the save's after it
/// (`autosave-brilliant-team-…-save-week-19.ron`). A named save is where a run stood, not the
/// run: playing on from it is another line of play, and writing the run's own autosave would
/// replace where the run got to (a finished run, lost from Load).
pub fn autosave_of_loaded(path: &Path, save: &SaveFile) -> String {
    if is_autosave(path)
        && let Some(name) = path.file_name()
    {
        return name.to_string_lossy().into_owned();
    }
    let own = autosave_name(&save.scenario, save.seed, None, save.fork.as_ref());
    let stem = path
        .file_stem()
        .map(|s| slug(&s.to_string_lossy(), 40))
        .unwrap_or_default();
    let team = save
        .workshop
        .as_ref()
        .map_or(String::new(), |w| format!("-team-{}", slug(&w.team, 30)));
    format!("{}{team}-save-{stem}.ron", own.trim_end_matches(".ron"))
}

/// Whether a file in the saves folder is an autosave.
pub fn is_autosave(path: &Path) -> bool {
    path.extension().is_some_and(|x| x == "ron")
        && path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with(AUTOSAVE))
}

/// Every autosave in `folder`, the most recently written first.
pub fn autosaves(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut found: Vec<(SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| is_autosave(p))
        .filter_map(|p| {
            let modified = std::fs::metadata(&p).and_then(|m| m.modified()).ok()?;
            Some((modified, p))
        })
        .collect();
    found.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    found.into_iter().map(|(_, p)| p).collect()
}

/// Removes all but the [`AUTOSAVES_KEPT`] most recent autosaves (a failure to remove one is
/// left for the next time).
pub fn prune_autosaves(folder: &Path) {
    for old in autosaves(folder).into_iter().skip(AUTOSAVES_KEPT) {
        let _ = std::fs::remove_file(old);
    }
}
