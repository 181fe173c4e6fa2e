//! The projector's page: how to join the room, and the room's state for everyone to see
//! (the quadrant, drawn by the host's page, names no team).

use super::facilitator::RoomStatus;
use crate::room::rules::Room;

/// What the projector shows.
#[derive(Clone, Debug)]
pub struct ProjectorView {
    /// "Multiplier workshop: The brilliant team".
    pub heading: String,
    /// How to join, before the addresses.
    pub how: &'static str,
    /// The addresses a table can open.
    pub joins: Vec<String>,
    /// "Then your team's name. Pacing: free: every table at its own speed."
    pub then: String,
    /// The room's clock in words.
    pub status: RoomStatus,
}

impl ProjectorView {
    /// The projector's view of `room` at `now` (milliseconds), with the addresses tables
    /// join at.
    pub fn of(room: &Room, joins: &[String], now: u64) -> Self {
        Self {
            heading: format!(
                "Multiplier workshop: {}",
                room.scenario().scenario.story.title
            ),
            how: "Open this address in a browser (or scan the code), or in Multiplier under Join a workshop:",
            joins: joins.to_vec(),
            then: format!(
                "Then your team's name. Pacing: {}.",
                room.config().pacing.describe()
            ),
            status: RoomStatus::of(room, now),
        }
    }
}
