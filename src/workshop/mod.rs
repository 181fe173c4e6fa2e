//! Workshop mode without the window: codes, result files, their verification by replay, and
//! the facilitator's report.
//!
//! A facilitator gives every table one [`Code`] (scenario, seed, optional week timer). At the
//! debrief each table writes a [`ResultFile`]; [`Report::build`] replays every file against
//! the scenario, keeps edited ones off the leaderboard, and renders one HTML page.
//!
//! The game calls, in order: [`Code::parse`] on what was typed; [`HashedScenario::resolve`]
//! (or [`HashedScenario::load`] for a file) for the scenario and its hash; at the debrief
//! [`ResultFile::of`], [`ResultFile::file_name`] and [`ResultFile::write`].

mod code;
mod hashed;
pub(crate) mod report;
mod result;
mod verify;

pub use code::{Code, CodeError, MAX_WEEK_SECONDS, MIN_WEEK_SECONDS, week_timer};
pub use hashed::{HashedScenario, content_hash};
pub use report::{Bot, Decisions, Report, ReportError, Table};
pub use result::{
    MAX_RESULT_BYTES, RESULT_SUFFIX, RESULT_VERSION, ResultError, ResultFile, WeekScore,
};
pub use verify::{Checked, Verdict, verify, verify_files};
