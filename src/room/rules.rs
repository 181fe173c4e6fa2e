//! The room itself, without a network or a disk: its tables and their runs, its pacing, and
//! the one rule for what a table may send.
//!
//! Every change is a [`Record`]: the host checks one ([`Room::check`]), applies it
//! ([`Room::commit`]) as it queues it for the journal, and answers the table only once it is
//! on disk; a write that fails makes the room again from the records on disk
//! ([`Room::rebuilt`]). Opening a room again applies its journal's records in order
//! ([`Room::apply`]), so the room after a crash is the room every table was told about. No clock is read here: times come in with
//! the request.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::names;
use super::wire::{Clock, Joined, Pacing, SentWeek, SyncRequest};
use crate::runlog::{SavedWeek, saved_log};
use crate::sim::{Game, GameError, MAX_PLAN, Planned, Totals, WeekLog};
use crate::workshop::{Code, HashedScenario, ResultFile};

/// The most tables a room takes: a big workshop room has a few dozen.
pub const MAX_TABLES: usize = 100;

/// The longest team name a room keeps, in characters.
pub const MAX_TEAM: usize = 40;

/// A table counts as online for this long after it was last heard from, in seconds.
pub const ONLINE_FOR: f64 = 10.0;

/// An in-step room stops waiting for a table not heard from for this long, in seconds (a
/// table syncs every 2 s while it is open).
pub const QUIET_FOR: f64 = 60.0;

/// What a room is, fixed when it is opened: kept in the room's folder beside its journal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoomConfig {
    /// The workshop code (scenario and seed) every table plays.
    pub code: String,
    /// How the room keeps time.
    pub pacing: Pacing,
    /// The facilitator's secret: the private link carries it.
    pub key: String,
    /// The scenario's file name.
    pub file: String,
    /// The scenario's source, as every table gets it.
    pub source: String,
    /// When the room was opened, in seconds since 1970.
    pub opened: u64,
    /// Whether tables may preview what an action does.
    #[serde(default = "yes")]
    pub previews: bool,
    /// The room's short code, shown on the projector (and in its QR code): a new table must
    /// give it, so only people who see the projector take a seat. Empty in rooms opened
    /// before rooms had one, which ask for none.
    #[serde(default)]
    pub door: String,
}

fn yes() -> bool {
    true
}

/// One change to the room, as the journal keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Record {
    /// A table joined.
    Joined {
        /// The team's name.
        team: String,
        /// SHA-256 of the table's token (the token itself is never stored).
        token: String,
        /// When, in milliseconds since 1970.
        at: u64,
    },
    /// A table's run from its week `from` on: the weeks it sent. `from` below the weeks the
    /// host had is an undo, which only a free room takes.
    Weeks {
        /// The table's place in the room.
        table: usize,
        /// Weeks of the run kept before these.
        from: u32,
        /// The weeks sent.
        weeks: Vec<SentWeek>,
    },
    /// The facilitator paused the room.
    Paused {
        /// When, in milliseconds since 1970.
        at: u64,
    },
    /// The facilitator resumed the room.
    Resumed {
        /// When, in milliseconds since 1970.
        at: u64,
    },
    /// An in-step room moved on to its next week.
    Advanced {
        /// When, in milliseconds since 1970.
        at: u64,
    },
    /// The facilitator took a table out of the room: its seat is free, its token names no
    /// table any more, and the tables after it move up one place.
    Removed {
        /// The table's place in the room.
        table: usize,
    },
    /// The facilitator renamed a table.
    Renamed {
        /// The table's place in the room.
        table: usize,
        /// Its new name (cleaned as a joining team's is).
        team: String,
    },
    /// The facilitator ended the room: no table joins or ends a week any more.
    Ended {
        /// When, in milliseconds since 1970.
        at: u64,
    },
    /// The facilitator merged a table into another (a team that joined twice): the other
    /// keeps its run, and the merged table's token names it from now on.
    Merged {
        /// The table merged, which leaves the room.
        table: usize,
        /// The table it is merged into, by its place before the merge.
        into: usize,
    },
}

/// One table and its run as the host re-simulated it.
#[derive(Clone, Debug)]
pub struct Table {
    /// The team's name.
    pub team: String,
    /// SHA-256 of the table's tokens (more than one after a merge).
    tokens: Vec<String>,
    /// The run, every week of it re-simulated from what the table sent.
    pub game: Game,
    /// When each week was ended, by the table's clock (seconds since 1970).
    pub ended_at: Vec<u64>,
    /// Weeks taken back.
    pub undos: u32,
    /// When the table was last heard from (seconds since 1970; not kept over a restart).
    pub seen: Option<f64>,
    /// Hours planned for the current week, and the hours it has, at the last sync.
    pub planned: (f64, f64),
    /// Seconds left on the table's week clock at the last sync.
    pub left: Option<f64>,
}

impl Table {
    /// Whether the table was heard from lately.
    pub fn online(&self, now: f64) -> bool {
        self.seen.is_some_and(|t| now - t <= ONLINE_FOR)
    }

    /// Weeks ended.
    pub fn weeks(&self) -> u32 {
        self.game.state().week
    }
}

/// The most hours a week holds: what a table reports beyond it is not kept.
const WEEK_HOURS: f64 = 168.0;

/// No week of a room ended before 2020 (seconds since 1970).
const EARLIEST: u64 = 1_577_836_800;

/// The longest id of a target a plan may name.
const MAX_ID: usize = 200;

/// What does not make sense in a week a table sent.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Absurd {
    /// More entries than a week's plan holds.
    #[error("its plan has {0} entries, more than a week's plan holds ({MAX_PLAN})")]
    LongPlan(usize),
    /// An action the scenario does not have.
    #[error("its plan names “{0}”, which is not one of this scenario's actions")]
    Action(String),
    /// A target's id longer than any.
    #[error("its plan aims an action at something no scenario names")]
    Target,
    /// A time before the room opened or after now.
    #[error("it says it ended at {0} s since 1970, not a time of this room")]
    Time(u64),
}

/// Why the room refused a request, in words the table or the facilitator reads.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum RoomError {
    /// No team name.
    #[error("type your team's name: it goes on the facilitator's screen")]
    NoTeam,
    /// The name is too long.
    #[error("a team name has at most {MAX_TEAM} characters")]
    LongTeam,
    /// Another table has the name.
    #[error("another table is called “{0}”: pick another name")]
    TeamTaken(String),
    /// The room is full.
    #[error("the room is full ({MAX_TABLES} tables)")]
    Full,
    /// A new table gave no code, or not the room's.
    #[error("type the room's code: the number at the end of the address on the projector")]
    Door,
    /// The token names no table.
    #[error("this room does not know your table: join it again with your team's name")]
    UnknownTable,
    /// An undo in a paced room.
    #[error("Undo is off in this room: its weeks keep time")]
    NoUndo,
    /// Weeks the host never had.
    #[error(
        "the host has {} of your run, and the weeks sent start after week {from}",
        crate::text::count(*.had as usize, "week")
    )]
    Gap {
        /// Weeks the host has.
        had: u32,
        /// Where the weeks sent start.
        from: u32,
    },
    /// More weeks than the scenario has.
    #[error("the run has only {}", crate::text::count(*.0 as usize, "week"))]
    TooManyWeeks(u32),
    /// In step, a week the room has not reached.
    #[error("the room is at week {room}: week {week} cannot end yet")]
    Ahead {
        /// The room's week.
        room: u32,
        /// The week sent.
        week: u32,
    },
    /// A week sent makes no sense.
    #[error("week {week} is refused: {why}")]
    Absurd {
        /// The week.
        week: u32,
        /// Why.
        why: Absurd,
    },
    /// A week sent does not replay.
    #[error("week {week} does not replay on the host: {why}")]
    Replay {
        /// The week.
        week: u32,
        /// Why.
        why: WeekError,
    },
    /// The room has ended.
    #[error("the facilitator has ended the room")]
    Ended,
    /// A table merged into itself.
    #[error("a table cannot be merged into itself")]
    SelfMerge,
    /// A record of another kind was expected (a damaged journal).
    #[error("the journal names table {0}, which the room does not have")]
    NoSuchTable(usize),
}

/// A checked record, ready to be applied and journaled.
#[derive(Debug)]
pub struct Change {
    record: Record,
    game: Option<Game>,
}

impl Change {
    /// The record to write to the journal.
    pub fn record(&self) -> &Record {
        &self.record
    }
}

/// The room: the world every table plays, the tables, and the pacing's state.
#[derive(Debug)]
pub struct Room {
    config: RoomConfig,
    code: Code,
    scenario: HashedScenario,
    tables: Vec<Table>,
    /// Each table's place by the hash of each of its tokens: every request of a table
    /// finds it by its token, a hundred times a second in a full room.
    places: HashMap<String, usize>,
    paused: Option<u64>,
    /// In step: the last week tables may end (from 1).
    step: u32,
    /// In step: when the room's week began, in milliseconds, moved on by time spent paused.
    step_began: u64,
    /// Bumped on every change, so views know when to redraw.
    version: u64,
    /// When the host started serving the room (seconds since 1970).
    woke: f64,
    /// Whether the facilitator has ended the room.
    ended: bool,
}

impl Room {
    /// A room with no tables yet.
    pub fn new(config: RoomConfig, code: Code, scenario: HashedScenario) -> Self {
        let step_began = config.opened * 1000;
        Self {
            config,
            code,
            scenario,
            tables: Vec::new(),
            places: HashMap::new(),
            paused: None,
            step: 1,
            step_began,
            version: 0,
            woke: 0.0,
            ended: false,
        }
    }

    /// What the room was opened with.
    pub fn config(&self) -> &RoomConfig {
        &self.config
    }

    /// The room's code.
    pub fn code(&self) -> &Code {
        &self.code
    }

    /// The room's scenario and its hash.
    pub fn scenario(&self) -> &HashedScenario {
        &self.scenario
    }

    /// The tables, in the order they joined.
    pub fn tables(&self) -> &[Table] {
        &self.tables
    }

    /// Whether the facilitator has paused the room.
    pub fn paused(&self) -> bool {
        self.paused.is_some()
    }

    /// Whether the facilitator has ended the room.
    pub fn ended(&self) -> bool {
        self.ended
    }

    /// Checks the facilitator's ending the room at `now`; `None` if it has ended.
    pub fn end(&self, now: u64) -> Option<Change> {
        (!self.ended).then_some(Change {
            record: Record::Ended { at: now },
            game: None,
        })
    }

    /// In step: the week the room is at.
    pub fn step(&self) -> Option<u32> {
        matches!(self.config.pacing, Pacing::InStep { .. }).then_some(self.step)
    }

    /// A counter that changes whenever the room does.
    pub fn version(&self) -> u64 {
        self.version
    }

    /// Weeks in the run.
    pub fn weeks(&self) -> u32 {
        self.scenario.scenario.weeks
    }

    /// The room's clock at `now` (milliseconds since 1970), as a table must honour it.
    pub fn clock(&self, now: u64) -> Clock {
        let left = match self.config.pacing {
            Pacing::InStep { seconds: Some(s) } => {
                let at = self.paused.unwrap_or(now);
                let spent = at.saturating_sub(self.step_began) as f64 / 1000.0;
                Some((f64::from(s) - spent).max(0.0))
            }
            _ => None,
        };
        Clock {
            pacing: self.config.pacing,
            paused: self.paused.is_some(),
            room_week: self.step(),
            left,
            previews: self.config.previews,
            ended: self.ended,
        }
    }

    /// The table with `token`, by place.
    pub fn table_of(&self, token: &str) -> Option<usize> {
        self.places.get(&token_hash(token)).copied()
    }

    /// Finds each table's place by its tokens again, after tables moved (one taken out or
    /// merged into another).
    fn place_again(&mut self) {
        self.places = (self.tables.iter().enumerate())
            .flat_map(|(i, t)| t.tokens.iter().map(move |hash| (hash.clone(), i)))
            .collect();
    }

    /// Tells the room when its host started (milliseconds since 1970): a table not heard
    /// from since then counts as quiet [`QUIET_FOR`] seconds after, as one that went quiet
    /// does, so a table that never comes back after a restart does not hold the room.
    pub fn woke(&mut self, now: u64) {
        self.woke = now as f64 / 1000.0;
    }

    /// What names a table through renames, merges into it and moves of place: the hash of
    /// its first token.
    pub fn seat(&self, table: usize) -> Option<&str> {
        self.tables
            .get(table)
            .and_then(|t| t.tokens.first())
            .map(String::as_str)
    }

    /// What a table is told when it joins or comes back.
    pub fn joined(&self, table: usize, token: &str, now: u64) -> Option<Joined> {
        let t = self.tables.get(table)?;
        let log = saved_log(&t.game);
        let log = log
            .into_iter()
            .zip(t.ended_at.iter().copied().chain(std::iter::repeat(0)))
            .map(|(week, ended_at)| SentWeek { week, ended_at })
            .collect();
        Some(Joined {
            token: token.to_string(),
            team: t.team.clone(),
            code: self.config.code.clone(),
            file: self.config.file.clone(),
            source: self.config.source.clone(),
            log,
            clock: self.clock(now),
        })
    }

    /// Checks a new table called `team`, whose secret is `token`, that gave the room's
    /// short code `door` (if the room has one, it must be the same).
    pub fn join(
        &self,
        team: &str,
        door: Option<&str>,
        token: &str,
        now: u64,
    ) -> Result<Change, RoomError> {
        if !self.config.door.is_empty() && door.map(str::trim) != Some(self.config.door.as_str()) {
            return Err(RoomError::Door);
        }
        if self.ended {
            return Err(RoomError::Ended);
        }
        let team = self.new_name(team, None)?;
        if self.tables.len() >= MAX_TABLES {
            return Err(RoomError::Full);
        }
        Ok(Change {
            record: Record::Joined {
                team,
                token: token_hash(token),
                at: now,
            },
            game: None,
        })
    }

    /// A team's name cleaned ([`names::clean`]) and checked: not empty, not too long, and no
    /// other table's (`except` may keep its own).
    fn new_name(&self, team: &str, except: Option<usize>) -> Result<String, RoomError> {
        let team = names::clean(team);
        if team.is_empty() {
            return Err(RoomError::NoTeam);
        }
        if team.chars().count() > MAX_TEAM {
            return Err(RoomError::LongTeam);
        }
        if let Some((_, t)) = self
            .tables
            .iter()
            .enumerate()
            .find(|(i, t)| Some(*i) != except && names::same(&t.team, &team))
        {
            return Err(RoomError::TeamTaken(t.team.clone()));
        }
        Ok(team)
    }

    /// Checks the facilitator's taking a table out of the room.
    pub fn remove(&self, table: usize) -> Result<Change, RoomError> {
        self.check(Record::Removed { table })
    }

    /// Checks the facilitator's renaming a table.
    pub fn rename(&self, table: usize, team: &str) -> Result<Change, RoomError> {
        self.check(Record::Renamed {
            table,
            team: team.to_string(),
        })
    }

    /// Checks the facilitator's merging `table` into `into`.
    pub fn merge(&self, table: usize, into: usize) -> Result<Change, RoomError> {
        self.check(Record::Merged { table, into })
    }

    /// Checks the weeks a table sent: its own run, from where the host has it (or, in a free
    /// room, from an earlier week after an undo), each week re-simulated. Weeks the host has
    /// already, the same, are passed over, so a table that never heard its last answer can
    /// send them again; `None` when nothing is new.
    /// Weeks that do not make sense are refused before they are played ([`Room::sane`]).
    pub fn sync(
        &self,
        table: usize,
        request: &SyncRequest,
        now: u64,
    ) -> Result<Option<Change>, RoomError> {
        if self.ended && !request.weeks.is_empty() {
            return Err(RoomError::Ended);
        }
        for (i, sent) in request.weeks.iter().enumerate() {
            let week = request.from + i as u32 + 1;
            self.sane(sent, now)
                .map_err(|why| RoomError::Absurd { week, why })?;
        }
        let t = self
            .tables
            .get(table)
            .ok_or(RoomError::NoSuchTable(table))?;
        let had = t.weeks();
        let (mut from, mut weeks) = (request.from, request.weeks.as_slice());
        let log = t.game.log();
        while from < had
            && let Some((first, rest)) = weeks.split_first()
            && log.get(from as usize) == Some(&WeekLog::from(&first.week))
        {
            from += 1;
            weeks = rest;
        }
        if weeks.is_empty() && from >= had {
            return Ok(None);
        }
        self.check_weeks(table, from, weeks).map(Some)
    }

    /// Notes what a table said of its current week, which the facilitator sees.
    /// Hours and seconds that cannot be a week's (infinite, negative, more than a week
    /// holds) are not kept: the facilitator's view shows what it showed.
    pub fn heard(&mut self, table: usize, request: &SyncRequest, now: u64) {
        let within = |x: f64, most: f64| x.is_finite() && (0.0..=most).contains(&x);
        if let Some(t) = self.tables.get_mut(table) {
            t.seen = Some(now as f64 / 1000.0);
            if within(request.hours, WEEK_HOURS) && within(request.planned, WEEK_HOURS) {
                t.planned = (request.planned, request.hours);
            }
            t.left = request.left.filter(|&l| within(l, WEEK_HOURS * 3600.0));
            self.version += 1;
        }
    }

    /// Whether a week a table sent makes sense before it is played: a plan of the scenario's
    /// actions, no longer than a week's plan may be, with names of a sane length, ended at a
    /// time between 2020 and now, with a day's slack for the tables' clocks (0: not known, as
    /// weeks sent again after a restart may be; a room's weeks may be older than the room,
    /// when a table's run is taken up by a room opened again). The core skips
    /// entries a week cannot carry out (too many hours, a target that is gone), as the
    /// table's own game did.
    pub fn sane(&self, sent: &SentWeek, now: u64) -> Result<(), Absurd> {
        let plan = &sent.week.plan;
        if plan.len() > MAX_PLAN {
            return Err(Absurd::LongPlan(plan.len()));
        }
        for p in plan {
            if self.scenario.scenario.action(&p.action).is_none() {
                return Err(Absurd::Action(p.action.chars().take(40).collect()));
            }
            if p.target.as_ref().is_some_and(|t| t.len() > MAX_ID) {
                return Err(Absurd::Target);
            }
        }
        let latest = now / 1000 + 86_400;
        if sent.ended_at != 0 && !(EARLIEST..=latest).contains(&sent.ended_at) {
            return Err(Absurd::Time(sent.ended_at));
        }
        Ok(())
    }

    /// Checks a pause (or resume) of the room.
    pub fn pause(&self, pause: bool, now: u64) -> Option<Change> {
        let record = match (pause, self.paused) {
            (true, None) => Record::Paused { at: now },
            (false, Some(_)) => Record::Resumed { at: now },
            _ => return None,
        };
        Some(Change { record, game: None })
    }

    /// Checks moving an in-step room on to its next week.
    pub fn advance(&self, now: u64) -> Option<Change> {
        let in_step = matches!(self.config.pacing, Pacing::InStep { .. });
        (in_step && self.step < self.weeks()).then_some(Change {
            record: Record::Advanced { at: now },
            game: None,
        })
    }

    /// Whether an in-step room moves on by itself now: every table has ended the room's
    /// week, or the room's timer has run out. Never while paused or before a table joins.
    /// A table that has gone quiet (not heard from for [`QUIET_FOR`] seconds) does not hold
    /// an in-step room: the others' having ended the week moves it on, so long as one has.
    pub fn due(&self, now: u64) -> Option<Change> {
        if self.ended || self.paused.is_some() || self.tables.is_empty() {
            return None;
        }
        let now_s = now as f64 / 1000.0;
        let quiet = |t: &Table| now_s - t.seen.unwrap_or(self.woke) > QUIET_FOR;
        let ended = |t: &Table| t.weeks() >= self.step;
        let all_ended =
            self.tables.iter().any(ended) && self.tables.iter().all(|t| ended(t) || quiet(t));
        let timed_out = self.clock(now).left.is_some_and(|l| l <= 0.0);
        if all_ended || timed_out {
            self.advance(now)
        } else {
            None
        }
    }

    /// Checks any record (for a journal being read back).
    pub fn check(&self, record: Record) -> Result<Change, RoomError> {
        match record {
            Record::Weeks {
                table,
                from,
                ref weeks,
            } => {
                let mut change = self.check_weeks(table, from, weeks)?;
                change.record = record;
                Ok(change)
            }
            Record::Removed { table } => {
                self.tables
                    .get(table)
                    .ok_or(RoomError::NoSuchTable(table))?;
                Ok(Change {
                    record: Record::Removed { table },
                    game: None,
                })
            }
            Record::Renamed { table, ref team } => {
                self.tables
                    .get(table)
                    .ok_or(RoomError::NoSuchTable(table))?;
                let team = self.new_name(team, Some(table))?;
                Ok(Change {
                    record: Record::Renamed { table, team },
                    game: None,
                })
            }
            Record::Merged { table, into } => {
                self.tables
                    .get(table)
                    .ok_or(RoomError::NoSuchTable(table))?;
                self.tables.get(into).ok_or(RoomError::NoSuchTable(into))?;
                if table == into {
                    return Err(RoomError::SelfMerge);
                }
                Ok(Change {
                    record: Record::Merged { table, into },
                    game: None,
                })
            }
            record => Ok(Change { record, game: None }),
        }
    }

    /// Applies a checked change.
    pub fn commit(&mut self, change: Change) {
        self.version += 1;
        match change.record {
            Record::Joined { team, token, at: _ } => {
                let game = Game::new(self.scenario.scenario.clone(), self.code.seed);
                self.places.insert(token.clone(), self.tables.len());
                self.tables.push(Table {
                    team,
                    tokens: vec![token],
                    game,
                    ended_at: Vec::new(),
                    undos: 0,
                    seen: None,
                    planned: (0.0, 0.0),
                    left: None,
                });
            }
            Record::Weeks { table, from, weeks } => {
                let (Some(t), Some(game)) = (self.tables.get_mut(table), change.game) else {
                    return;
                };
                let had = t.weeks();
                t.undos += had.saturating_sub(from);
                t.ended_at.truncate(from as usize);
                t.ended_at.extend(weeks.iter().map(|w| w.ended_at));
                t.game = game;
            }
            Record::Paused { at } => self.paused = Some(at),
            Record::Resumed { at } => {
                if let Some(since) = self.paused.take() {
                    self.step_began += at.saturating_sub(since);
                }
            }
            Record::Advanced { at } => {
                self.step = (self.step + 1).min(self.weeks());
                self.step_began = at;
            }
            Record::Ended { at: _ } => self.ended = true,
            Record::Removed { table } => {
                if table < self.tables.len() {
                    self.tables.remove(table);
                    self.place_again();
                }
            }
            Record::Renamed { table, team } => {
                if let Some(t) = self.tables.get_mut(table) {
                    t.team = team;
                }
            }
            Record::Merged { table, into } => {
                if table < self.tables.len() && into < self.tables.len() {
                    let merged = self.tables.remove(table);
                    let into = if into > table { into - 1 } else { into };
                    self.tables[into].tokens.extend(merged.tokens);
                    self.place_again();
                }
            }
        }
    }

    /// Checks and applies a record read back from the journal.
    pub fn apply(&mut self, record: Record) -> Result<(), RoomError> {
        let change = self.check(record)?;
        self.commit(change);
        Ok(())
    }

    /// The room again from `records` (what its journal holds), for a host whose last
    /// write failed: changes applied while it was being written go, and what the room knows
    /// without its journal stays (when each table was last heard from, its hours, its
    /// clock, when the host started). The version moves on, so views redraw. Which record
    /// does not apply, and why, if one does not (a bug: each applied before).
    pub fn rebuilt(&self, records: &[Record]) -> Result<Room, (usize, RoomError)> {
        let mut room = Room::new(
            self.config.clone(),
            self.code.clone(),
            self.scenario.clone(),
        );
        for (i, record) in records.iter().enumerate() {
            room.apply(record.clone()).map_err(|why| (i + 1, why))?;
        }
        for table in &mut room.tables {
            let before = (self.tables.iter()).find(|t| t.tokens.first() == table.tokens.first());
            if let Some(before) = before {
                (table.seen, table.planned, table.left) =
                    (before.seen, before.planned, before.left);
            }
        }
        room.woke = self.woke;
        room.version = self.version + 1;
        Ok(room)
    }

    /// The result file of a table's run so far, as `multiplier report` reads it.
    pub fn result(&self, table: usize) -> Option<ResultFile> {
        let t = self.tables.get(table)?;
        let result = ResultFile::of(&t.team, &self.code, &t.game, &self.scenario.hash);
        Some(result.timed(t.undos, &t.ended_at))
    }

    /// A table's totals so far.
    pub fn totals(&self, table: usize) -> Option<Totals> {
        self.tables.get(table).map(|t| Totals::of(t.game.state()))
    }

    fn check_weeks(
        &self,
        table: usize,
        from: u32,
        weeks: &[SentWeek],
    ) -> Result<Change, RoomError> {
        let t = self
            .tables
            .get(table)
            .ok_or(RoomError::NoSuchTable(table))?;
        let had = t.weeks();
        if from > had {
            return Err(RoomError::Gap { had, from });
        }
        if from < had && !self.config.pacing.undo() {
            return Err(RoomError::NoUndo);
        }
        let total = self.weeks();
        if weeks.len() as u64 + u64::from(from) > u64::from(total) {
            return Err(RoomError::TooManyWeeks(total));
        }
        if let Some(room) = self.step() {
            let last = from + weeks.len() as u32;
            if last > room {
                return Err(RoomError::Ahead { room, week: last });
            }
        }
        let mut game = if from == had {
            t.game.clone()
        } else {
            let kept: Vec<WeekLog> = t.game.log()[..from as usize].to_vec();
            Game::replay(self.scenario.scenario.clone(), self.code.seed, &kept).map_err(|e| {
                RoomError::Replay {
                    week: from,
                    why: e.into(),
                }
            })?
        };
        for (i, sent) in weeks.iter().enumerate() {
            let week = from + i as u32 + 1;
            play_week(&mut game, &sent.week).map_err(|why| RoomError::Replay { week, why })?;
        }
        Ok(Change {
            record: Record::Weeks {
                table,
                from,
                weeks: weeks.to_vec(),
            },
            game: Some(game),
        })
    }
}

/// Plays one sent week on `game`. Its event must have been decided: a table sends a week
/// once its event is (no event follows the last week).
fn play_week(game: &mut Game, week: &SavedWeek) -> Result<(), WeekError> {
    game.set_plan(week.plan.iter().map(Planned::from).collect());
    game.end_week(false)?;
    match (week.choice, game.pending().is_some()) {
        (Some(c), true) => Ok(game.choose(c)?),
        (None, false) => Ok(()),
        (Some(_), false) if game.finished() => Ok(()),
        (Some(_), false) => Err(WeekError::NoEvent),
        (None, true) => Err(WeekError::NoChoice),
    }
}

/// Why a week a table sent does not play on the host's copy of its run.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum WeekError {
    /// The core refuses its plan or its choice.
    #[error(transparent)]
    Game(#[from] GameError),
    /// It sends a choice, but no event followed the week.
    #[error("it sends a choice but no event happened")]
    NoEvent,
    /// An event followed the week, but it sends no choice.
    #[error("an event happened but no choice was sent")]
    NoChoice,
}

/// The hex SHA-256 of a token: what the room keeps of a table's secret.
fn token_hash(token: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(token.as_bytes());
    let mut hex = String::with_capacity(2 * digest.len());
    for b in digest {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    hex
}
