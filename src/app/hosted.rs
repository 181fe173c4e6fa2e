//! A run in a hosted workshop room (`multiplier host`): joining it over the network, what the
//! table sends the host and when, and the room's pacing as the table last heard it.
//!
//! The table plays on its own copy of the world, as in any workshop; the host re-simulates
//! every week it is sent. A table that loses the host keeps playing and sends its weeks once
//! the host answers again; a table that starts again joins with the token it was given and
//! takes up its run from the host.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Source;
use super::run::{JoinError, Run, WeekTimer, Workshop};
use crate::format::BUILTINS;
use crate::room::wire::sent_weeks;
use crate::room::{Address, ClientError, Clock, Joined, Pacing, SyncRequest, Synced};
use crate::runlog::{SavedWeek, week_logs};
use crate::storage::{DataDir, write_atomic};
use crate::workshop::{Code, HashedScenario};

/// A run's link to its room.
#[derive(Clone, Debug, PartialEq)]
pub struct Hosted {
    /// Where the host is.
    pub address: Address,
    /// The table's secret.
    pub token: String,
    /// How many weeks of the run the host has acknowledged.
    pub acked: u32,
    /// The room's clock as last heard.
    pub clock: Clock,
    /// Whether the last call reached the host.
    pub reached: bool,
    /// The host's last refusal, if it refused the last sync.
    pub refused: Option<String>,
}

impl Hosted {
    /// Why the week cannot end now, if the room holds it: paused, or (in step) the room has
    /// not reached the week yet.
    pub fn holds(&self, week: u32) -> Option<String> {
        if !self.clock.holds(week) {
            return None;
        }
        if self.clock.ended {
            return Some("the facilitator has ended the room".to_string());
        }
        Some(match self.clock.room_week.filter(|_| !self.clock.paused) {
            Some(room) => {
                format!("the room is at week {room}: week {week} ends once the room moves on")
            }
            None => "the facilitator has paused the room".to_string(),
        })
    }
}

impl Run {
    /// What to send the host now, if this run is in a room: every ended week it has not
    /// acknowledged (a week waiting for its event's decision waits too), and how the week
    /// stands.
    pub fn sync_request(&self) -> Option<(Address, String, SyncRequest)> {
        let hosted = self.workshop.as_ref()?.room.as_ref()?;
        let log = self.game.log();
        let decided = if self.game.pending().is_some() {
            log.len().saturating_sub(1)
        } else {
            log.len()
        };
        let from = (hosted.acked as usize).min(decided);
        let weeks = sent_weeks(
            &log[from..decided],
            self.ended_at.get(from..).unwrap_or(&[]),
        );
        let request = SyncRequest {
            from: from as u32,
            weeks,
            planned: self.game.hours_planned(),
            hours: self.game.hours(),
            left: self.timer.map(|t| t.left),
        };
        Some((hosted.address.clone(), hosted.token.clone(), request))
    }

    /// Takes the host's answer to a sync: what it has acknowledged and the room's clock (an
    /// in-step room's timer replaces the table's own).
    pub fn synced(&mut self, answer: Result<Synced, ClientError>) {
        let weeks = self.game.state().week;
        let Some(hosted) = self.workshop.as_mut().and_then(|w| w.room.as_mut()) else {
            return;
        };
        match answer {
            Ok(synced) => {
                hosted.acked = synced.weeks.min(weeks);
                hosted.clock = synced.clock;
                hosted.reached = true;
                hosted.refused = None;
                if let (Pacing::InStep { seconds: Some(s) }, Some(left)) =
                    (synced.clock.pacing, synced.clock.left)
                {
                    self.timer = Some(WeekTimer {
                        per_week: f64::from(s),
                        left,
                    });
                }
            }
            Err(e) if e.transient() => hosted.reached = false,
            Err(e) => {
                hosted.reached = true;
                hosted.refused = Some(e.to_string());
            }
        }
    }

    /// Why the week cannot end now, if the room holds it, or if the host refused the weeks
    /// it was sent (it could not save them: a full disk): the table plays no further ahead
    /// of what the room has saved, and says why.
    pub fn held(&self) -> Option<String> {
        let hosted = self.workshop.as_ref()?.room.as_ref()?;
        if let Some(why) = &hosted.refused
            && hosted.acked < self.game.state().week
        {
            return Some(format!(
                "the host has not saved your last week ({why}); it is sent again until it is"
            ));
        }
        hosted.holds(self.game.week())
    }

    /// Whether the play screen may preview what an action or an answer does: unless the
    /// scenario or the room says no.
    pub fn previews(&self) -> bool {
        let room = self
            .workshop
            .as_ref()
            .and_then(|w| w.room.as_ref())
            .is_none_or(|r| r.clock.previews);
        self.game.scenario().previews && room
    }

    /// Whether Undo is allowed: not in a workshop that keeps time, nor in a room that says no.
    pub fn may_undo(&self) -> bool {
        match &self.workshop {
            None => true,
            Some(w) => match &w.room {
                Some(hosted) => hosted.clock.pacing.undo(),
                None => w.code.week_seconds.is_none(),
            },
        }
    }
}

/// The tokens this machine's tables were given, by room address and team, so a table that
/// starts again comes back to its run.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Tokens(Vec<(String, String, String)>);

fn tokens_file(data: &DataDir) -> PathBuf {
    data.0.join("rooms-joined").join("tokens.ron")
}

/// Fifty entries of an address, a team name and a token fit in far less; a larger file is
/// not ours, and is read as none.
const TOKENS_LIMIT: u64 = 256 * 1024;

fn read_tokens(data: &DataDir) -> Tokens {
    crate::storage::read_limited(&tokens_file(data), TOKENS_LIMIT)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .and_then(|t| ron::from_str(&t).ok())
        .unwrap_or_default()
}

/// The token this machine was given at the room at `address` for `team`, if it kept one.
pub fn token_for(data: &DataDir, address: &Address, team: &str) -> Option<String> {
    let (a, t) = (address.to_string(), team.trim().to_lowercase());
    read_tokens(data)
        .0
        .into_iter()
        .find(|(ra, rt, _)| *ra == a && *rt == t)
        .map(|(_, _, token)| token)
}

/// Keeps the token the room at `address` gave `team`, for the table to come back to its run.
pub fn keep_token(data: &DataDir, address: &Address, team: &str, token: &str) {
    let (a, t) = (address.to_string(), team.trim().to_lowercase());
    let mut tokens = read_tokens(data);
    tokens.0.retain(|(ra, rt, _)| !(*ra == a && *rt == t));
    tokens.0.push((a, t, token.to_string()));
    // The newest few dozen rooms are plenty.
    let excess = tokens.0.len().saturating_sub(50);
    tokens.0.drain(..excess);
    if let Ok(text) = ron::to_string(&tokens) {
        // Without the file the table can still play; only coming back after a restart needs it.
        let _ = write_atomic(&tokens_file(data), text.as_bytes());
    }
}

/// Joins the room at `address` as `team` (over the network: call it off the frame thread),
/// or takes up this machine's table there again, with the weeks the host has of it.
pub fn join_room(address: &Address, team: &str, data: &DataDir) -> Result<Run, JoinError> {
    let team = team.trim();
    if team.is_empty() {
        return Err(JoinError::NoTeam);
    }
    let known = token_for(data, address, team);
    let joined = match crate::room::client::join(address, team, known.as_deref()) {
        // The room no longer knows the token (another room at that address): join anew.
        Err(ClientError::Refused(_)) if known.is_some() => {
            crate::room::client::join(address, team, None)
        }
        answer => answer,
    }?;
    keep_token(data, address, team, &joined.token);
    run_of(address, joined, Some(&data.0.join("rooms-joined")))
}

/// The run a join answer describes (from the network, or a browser table's on the host): the
/// room's scenario, its world, and the weeks the host has. A scenario that is not a built-in
/// is kept in `folder` for a table that saves its run; without one (a browser table on the
/// host, whose run the room journals and which is never saved) it is named by the room's file
/// name and not written.
pub fn run_of(address: &Address, joined: Joined, folder: Option<&Path>) -> Result<Run, JoinError> {
    let code = Code::parse(&joined.code)?;
    let hashed = HashedScenario::parse(&joined.file, joined.source.as_bytes())
        .map_err(|e| JoinError::Scenario(e.first_line()))?;
    let builtin = BUILTINS
        .iter()
        .find(|b| b.id == code.scenario && b.source == joined.source);
    let source = match (builtin, folder) {
        (Some(b), _) => Source::Builtin(b.id.to_string()),
        (None, Some(folder)) => {
            let path = folder.join(format!("{}.ron", code.scenario));
            write_atomic(&path, joined.source.as_bytes()).map_err(JoinError::Keep)?;
            Source::File(path)
        }
        (None, None) => Source::File(PathBuf::from(&joined.file)),
    };
    let log: Vec<SavedWeek> = joined.log.iter().map(|w| w.week.clone()).collect();
    let mut run = Run::replay(
        source,
        hashed.scenario,
        code.seed,
        &week_logs(&log),
        Vec::new(),
    )?;
    run.ended_at = joined.log.iter().map(|w| w.ended_at).collect();
    run.join(Workshop {
        code,
        team: joined.team,
        hash: hashed.hash,
        room: Some(Hosted {
            address: address.clone(),
            token: joined.token,
            acked: joined.log.len() as u32,
            clock: joined.clock,
            reached: true,
            refused: None,
        }),
    });
    Ok(run)
}
