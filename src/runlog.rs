//! The action log in a file: what saves and workshop result files store of a run.
//!
//! The core's [`WeekLog`] and [`Planned`] stay free of serde; these mirror them with a
//! stable serialised shape, so the same log text means the same run in every file that
//! holds one.

use serde::{Deserialize, Serialize};

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
