//! A bot at a table of a room, through the same client calls as the game: `multiplier join`
//! and the room's load tests play tables with it. It keeps the room's pacing like any table
//! (waits while the room is paused or, in step, not at its week), plays no further while the
//! host is out of reach (a table never runs ahead of what the room has saved), and sends
//! its weeks again once the host is back.

use std::time::Duration;

use super::client::{self, Address, ClientError};
use super::wire::{Joined, SyncRequest, now_ms, sent_weeks};
use crate::runlog::{SavedWeek, week_logs};
use crate::sim::{Game, GameError, Policy, WeekRecord};
use crate::workshop::{Code, CodeError, HashedScenario};

/// How long a bot table waits between two tries while the room holds it or the host is away.
const WAIT: Duration = Duration::from_millis(200);

/// Joins the room at `address` as `team` and plays the whole run with `policy`, a week every
/// `every`; `week` hears of each week played. The run, once the host has all of it.
pub fn play(
    address: &Address,
    team: &str,
    policy: Policy,
    every: Duration,
    week: impl FnMut(&WeekRecord),
) -> Result<Game, BotError> {
    let joined = client::join(address, team, None)?;
    play_joined(address, &joined, policy, every, week)
}

/// Plays the table the room answered `joined` for (a new one, or one taken up again with
/// its token) from the weeks the host has of it to the end of the run.
pub fn play_joined(
    address: &Address,
    joined: &Joined,
    policy: Policy,
    every: Duration,
    mut week: impl FnMut(&WeekRecord),
) -> Result<Game, BotError> {
    let code = Code::parse(&joined.code)?;
    let hashed = HashedScenario::parse(&joined.file, joined.source.as_bytes())
        .map_err(|e| BotError::Scenario(e.first_line()))?;
    let log: Vec<SavedWeek> = joined.log.iter().map(|w| w.week.clone()).collect();
    let mut game = Game::replay(hashed.scenario, code.seed, &week_logs(&log))?;
    let mut ended_at: Vec<u64> = joined.log.iter().map(|w| w.ended_at).collect();
    let mut acked = joined.log.len();
    let mut clock = joined.clock;
    while !(game.finished() && acked >= game.log().len()) {
        // Only once the host has every week played so far: while it is away, the table waits.
        let saved = acked >= game.log().len();
        if saved && !game.finished() && !clock.holds(game.week()) {
            game.set_plan(policy.plan(game.world()));
            game.end_week(false)?;
            if game.pending().is_some() {
                game.choose(policy.choose(game.world()))?;
            }
            ended_at.push(now_ms() / 1000);
            if let Some(r) = game.state().history.last() {
                week(r);
            }
        }
        let request = SyncRequest {
            from: acked as u32,
            weeks: sent_weeks(&game.log()[acked..], &ended_at[acked..]),
            planned: 0.0,
            hours: game.hours(),
            left: None,
        };
        let reached = match client::sync(address, &joined.token, &request) {
            Ok(synced) => {
                acked = synced.weeks as usize;
                clock = synced.clock;
                true
            }
            Err(e) if e.transient() => false,
            Err(e) => return Err(e.into()),
        };
        let waiting = !reached || clock.holds(game.week()) || game.finished();
        std::thread::sleep(if waiting { WAIT } else { every });
    }
    Ok(game)
}

/// Why a bot's table stopped: the words `multiplier join` prints.
#[derive(Debug, thiserror::Error)]
pub enum BotError {
    /// The host refused it or could not be reached for good.
    #[error(transparent)]
    Room(#[from] ClientError),
    /// The room's code does not read.
    #[error(transparent)]
    Code(#[from] CodeError),
    /// The room's scenario does not load here: its first problem.
    #[error("{0}")]
    Scenario(String),
    /// The core refused the bot's week, its choice, or the weeks the host had.
    #[error(transparent)]
    Game(#[from] GameError),
}
