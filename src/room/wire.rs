//! What a table and the host say to each other, as RON over HTTP: a join, the weeks a table
//! has ended since the host last heard from it, and the room's clock in reply.
//!
//! Both sides are this crate, so the shapes are plain serde structs; the host caps every
//! request's size before it parses one (see `host::server`).

use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use crate::runlog::SavedWeek;
use crate::sim::WeekLog;

/// How a room keeps time.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Pacing {
    /// Every table plays at its own speed; Undo is allowed (and counted).
    Free,
    /// Every week ends for a table when its own clock runs out; an open event does not stop
    /// the clock and takes its first choice when time is up.
    Timed {
        /// Seconds per week.
        seconds: u32,
    },
    /// No table ends week N before the room is at week N: the facilitator moves the room on,
    /// or it moves on when every table has ended the week or the timer (if any) runs out.
    InStep {
        /// Seconds per week, if the room's weeks are timed too.
        seconds: Option<u32>,
    },
}

impl Pacing {
    /// Whether a table may take a week back.
    pub fn undo(self) -> bool {
        matches!(self, Pacing::Free)
    }

    /// In words, for the facilitator's page and the console.
    pub fn describe(self) -> String {
        match self {
            Pacing::Free => "free: every table at its own speed".to_string(),
            Pacing::Timed { seconds } => format!("timed: {seconds} s a week per table"),
            Pacing::InStep { seconds: None } => {
                "in step: the facilitator moves the room on".to_string()
            }
            Pacing::InStep { seconds: Some(s) } => {
                format!("in step: {s} s a week for the whole room")
            }
        }
    }
}

/// A table asking to join, or to take up its run again after a restart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct JoinRequest {
    /// The team's name as typed.
    pub team: String,
    /// The token the host gave this table when it first joined, if it has one.
    pub token: Option<String>,
    /// The room's short code, as the projector shows it (a new table needs it).
    #[serde(default)]
    pub door: Option<String>,
}

/// The host's answer to a join: everything a table needs to play the room's world.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Joined {
    /// The table's secret: it goes with every week the table sends.
    pub token: String,
    /// The team's name as the host keeps it.
    pub team: String,
    /// The room's workshop code (scenario and seed).
    pub code: String,
    /// The scenario's file name, for messages.
    pub file: String,
    /// The scenario's source, so a table plays a scenario it does not have.
    pub source: String,
    /// The weeks the host has of this table's run (empty for a new table).
    pub log: Vec<SentWeek>,
    /// The room's clock.
    pub clock: Clock,
}

/// One ended week as a table sends it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SentWeek {
    /// The plan played and the choice made on its event.
    pub week: SavedWeek,
    /// When the table ended it, in seconds since 1970 (the table's clock).
    pub ended_at: u64,
}

/// A table's regular word with the host: the weeks it has ended that the host has not
/// acknowledged yet, and how its current week stands.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SyncRequest {
    /// How many weeks of the run come before `weeks` (the host's count, or fewer after an
    /// undo in a free room).
    pub from: u32,
    /// The weeks after `from`.
    pub weeks: Vec<SentWeek>,
    /// Hours planned for the current week.
    pub planned: f64,
    /// Hours the week has.
    pub hours: f64,
    /// Seconds left on the table's week clock, if it runs one.
    pub left: Option<f64>,
}

/// The host's answer to a sync.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Synced {
    /// How many weeks of the table's run the host has now.
    pub weeks: u32,
    /// The room's clock.
    pub clock: Clock,
}

/// What a table must honour of the room's pacing, as the host sees it now.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Clock {
    /// The room's pacing.
    pub pacing: Pacing,
    /// Whether the facilitator has paused the room: no week ends, no clock runs.
    pub paused: bool,
    /// In step: the last week a table may end now.
    pub room_week: Option<u32>,
    /// In step with a timer: seconds left of the room's week.
    pub left: Option<f64>,
    /// Whether tables may preview what an action does (`multiplier host --no-previews`
    /// says no).
    #[serde(default = "yes")]
    pub previews: bool,
    /// Whether the facilitator has ended the room: no week ends any more.
    #[serde(default)]
    pub ended: bool,
}

fn yes() -> bool {
    true
}

impl Clock {
    /// Whether the room holds a table's week `week`: ended, paused, or (in step) not there
    /// yet.
    pub fn holds(&self, week: u32) -> bool {
        self.ended || self.paused || self.room_week.is_some_and(|room| week > room)
    }
}

/// Ended weeks as a table sends them: `log` with the times in `ended_at` (0 where a time was
/// not kept).
pub fn sent_weeks(log: &[WeekLog], ended_at: &[u64]) -> Vec<SentWeek> {
    log.iter()
        .enumerate()
        .map(|(i, w)| SentWeek {
            week: SavedWeek::from(w),
            ended_at: ended_at.get(i).copied().unwrap_or(0),
        })
        .collect()
}

/// Why the host refused a request, in words a table can show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refused {
    /// The reason.
    pub error: String,
}

/// Milliseconds since 1970 by this machine's clock: the clock the room keeps its times in and
/// a table stamps its ended weeks with (in seconds).
pub fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}
