//! Result files: one table's finished run, written at the debrief and read by the report.
//!
//! A result holds the scores *and* the action log that produced them, so the report can
//! replay every run and catch a score typed in by hand.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::code::Code;
use crate::runlog::{FormatError, SavedWeek, from_versioned_ron, saved_log};
use crate::sim::Game;
use crate::storage::{ReadError, bytes, found_size, read_limited, write_atomic};

/// The result format this build writes and the newest it reads.
pub const RESULT_VERSION: u32 = 1;

/// Result files larger than this are refused unread: a 52-week log is a few dozen KiB.
pub const MAX_RESULT_BYTES: u64 = 4 * 1024 * 1024;

/// The file name ending every result file has, so a folder of them is easy to pass on.
pub const RESULT_SUFFIX: &str = ".result.ron";

/// The scores of one week.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeekScore {
    /// The week, from 1.
    pub week: u32,
    /// Output that week.
    pub output: f64,
    /// Value that week.
    pub value: f64,
}

/// One table's run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultFile {
    /// Format version, checked before anything else is read.
    pub version: u32,
    /// The simulation's version ([`crate::sim::MODEL_VERSION`]) the run was played on; 0 in
    /// files written before it was recorded.
    #[serde(default)]
    pub model: u32,
    /// The workshop code, in its canonical form.
    pub code: String,
    /// The scenario's id.
    pub scenario: String,
    /// The scenario's title, for people reading the file.
    pub title: String,
    /// [`super::content_hash`] of the scenario's source.
    pub scenario_hash: String,
    /// The world's seed.
    pub seed: u64,
    /// The team's name as typed.
    pub team: String,
    /// Every week's scores, in order.
    pub weeks: Vec<WeekScore>,
    /// Total Output.
    pub output: f64,
    /// Total Value.
    pub value: f64,
    /// Everything the team did, week by week.
    pub log: Vec<SavedWeek>,
    /// Weeks the team took back with Undo (0 in files written before it was recorded).
    #[serde(default)]
    pub undos: u32,
    /// When each week was ended, in seconds since 1970 by the table's clock (empty in files
    /// written before it was recorded).
    #[serde(default)]
    pub ended_at: Vec<u64>,
}

impl ResultFile {
    /// The result of `game`, played by `team` under `code`; `scenario_hash` is
    /// [`super::content_hash`] of the scenario's source (see [`super::HashedScenario`]).
    pub fn of(team: &str, code: &Code, game: &Game, scenario_hash: &str) -> Self {
        let state = game.state();
        Self {
            version: RESULT_VERSION,
            model: crate::sim::MODEL_VERSION,
            code: code.to_string(),
            scenario: game.scenario().story.id.clone(),
            title: game.scenario().story.title.clone(),
            scenario_hash: scenario_hash.to_string(),
            seed: game.seed(),
            team: team.trim().to_string(),
            weeks: state
                .history
                .iter()
                .map(|r| WeekScore {
                    week: r.week,
                    output: r.output,
                    value: r.value,
                })
                .collect(),
            output: state.total_output(),
            value: state.total_value(),
            log: saved_log(game),
            undos: 0,
            ended_at: Vec::new(),
        }
    }

    /// The same result with the team's undos and the times its weeks ended.
    pub fn timed(mut self, undos: u32, ended_at: &[u64]) -> Self {
        self.undos = undos;
        self.ended_at = ended_at.to_vec();
        self
    }

    /// `<team>-<code>.result.ron`, the team's name reduced to letters, digits and hyphens.
    pub fn file_name(&self) -> String {
        let slug: String = self
            .team
            .chars()
            .map(|c| {
                if c.is_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '-'
                }
            })
            .collect();
        let slug: Vec<&str> = slug.split('-').filter(|p| !p.is_empty()).collect();
        let slug = slug.join("-");
        let slug = if slug.is_empty() { "team" } else { &slug };
        let slug: String = slug.chars().take(40).collect();
        format!(
            "{}-{}{RESULT_SUFFIX}",
            slug.trim_end_matches('-'),
            self.code
        )
    }

    /// The RON text.
    pub fn to_ron(&self) -> Result<String, ResultError> {
        ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| ResultError::Encode(e.to_string()))
    }

    /// Parses a result, naming a future format or damage in words a facilitator can act on.
    pub fn from_ron(text: &str) -> Result<Self, ResultError> {
        from_versioned_ron(text, RESULT_VERSION).map_err(|e| match e {
            FormatError::Damaged(e) => ResultError::Damaged(e),
            FormatError::Newer(v) => ResultError::Newer(v),
            FormatError::Unnumbered => ResultError::Unnumbered,
        })
    }

    /// Reads one result file; never panics on any content, never reads more than
    /// [`MAX_RESULT_BYTES`] of it.
    pub fn read(path: &Path) -> Result<Self, ResultError> {
        let bytes = read_limited(path, MAX_RESULT_BYTES).map_err(ResultError::Read)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| ResultError::NotText)?;
        Self::from_ron(text)
    }

    /// Writes the result atomically, so a crash at the debrief leaves no half file.
    pub fn write(&self, path: &Path) -> Result<(), ResultError> {
        let text = self.to_ron()?;
        write_atomic(path, text.as_bytes()).map_err(|why| ResultError::Write {
            path: path.display().to_string(),
            why,
        })
    }
}

/// Why a result file could not be read or written, in words a facilitator can act on.
#[derive(Debug, thiserror::Error)]
pub enum ResultError {
    /// The file cannot be read: missing, a folder, a device, too large, refused.
    #[error("{}", read_words(.0))]
    Read(ReadError),
    /// The file is not UTF-8 text.
    #[error("damaged: it is not text")]
    NotText,
    /// The text is not a result: the parser's message, with line and column.
    #[error("not a result file, or damaged ({0})")]
    Damaged(String),
    /// A newer version wrote it, in this format.
    #[error(
        "written by a newer version of Multiplier (result format {0}; this version reads up to {RESULT_VERSION}); update to read it"
    )]
    Newer(u32),
    /// It has no valid format number.
    #[error("damaged: it has no valid result format number")]
    Unnumbered,
    /// The run could not be put into words (a bug: please report it).
    #[error("cannot encode the result: {0}")]
    Encode(String),
    /// The file system refused the write.
    #[error("cannot write {path}: {why}")]
    Write {
        /// The file.
        path: String,
        /// Why.
        why: std::io::Error,
    },
}

/// A read error in a facilitator's words about a result file.
fn read_words(e: &ReadError) -> String {
    match e {
        ReadError::Folder => "it is a folder, not a result file".to_string(),
        ReadError::TooLarge { size, limit } => format!(
            "it is {}, too large to be a result file (at most {})",
            found_size(*size, *limit),
            bytes(*limit)
        ),
        ReadError::Io(e) if e.kind() == std::io::ErrorKind::NotFound => {
            format!("cannot open it: {e}")
        }
        e => e.to_string(),
    }
}
