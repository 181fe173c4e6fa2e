//! The workshop room without its server: one laptop hosts it (`multiplier host`, see
//! [`crate::host`]), every table joins it over the local network.
//!
//! - [`wire`]: what a table and the host say to each other.
//! - [`rules`]: the room's rules without a network or a disk (tables, pacing, what a table may
//!   send), every change a [`Record`].
//! - [`names`]: team names cleaned and compared as they look.
//! - [`played`]: what each week of a table's run took: hours spent, entries skipped.
//! - [`journal`]: the room on disk, a database and a log: every record on disk before it is
//!   acknowledged.
//! - [`client`]: the table's side of the API, for the desktop game.
//! - [`discover`]: the host announces its room on the local network, the game hears it.
//! - [`bot`]: a bot at a table, through the same client (`multiplier join`, load tests).
//!
//! These sit below the app layer, which plays a hosted run through them; the HTTP server, its
//! pages and the browser tables serve the app's sessions and so sit above it, in `host`.
//! Every week a table sends is re-simulated before it is accepted, so the room's numbers are
//! the core's, and the room's folder holds the usual result files for `multiplier report`.

pub mod bot;
pub mod client;
pub mod discover;
pub mod journal;
pub mod names;
pub mod played;
pub mod rules;
pub mod wire;

use std::path::Path;

pub use client::{Address, ClientError};
pub use journal::{Journal, JournalError};
pub use rules::{Record, Room, RoomConfig, RoomError};
pub use wire::{Clock, JoinRequest, Joined, Pacing, Refused, SentWeek, SyncRequest, Synced};

use crate::workshop::{Code, CodeError, HashedScenario};

/// A room's folder opened: the room as its journal left it, and the journal to go on in.
pub struct Opened {
    /// The room.
    pub room: Room,
    /// Its journal.
    pub journal: Journal,
    /// Every record the journal holds, in order: the room is made again from them (and from
    /// those written since) if a write fails.
    pub records: Vec<Record>,
    /// Whether the folder held the room already (a host started again).
    pub resumed: bool,
}

/// Why a room could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The folder or its files.
    #[error(transparent)]
    Journal(#[from] JournalError),
    /// The folder holds another room.
    #[error(
        "{folder} holds the room of `{theirs}`, not `{ours}`: give this room another folder with --dir"
    )]
    OtherRoom {
        /// The folder.
        folder: String,
        /// The code of the room in it.
        theirs: String,
        /// The code asked for.
        ours: String,
    },
    /// The room's own scenario does not load any more.
    #[error("the room's scenario does not load: {0}")]
    Scenario(String),
    /// Its code does not read.
    #[error("the room's code does not read: {0}")]
    Code(CodeError),
    /// A journal record does not apply (the journal was edited or damaged).
    #[error("the room's journal does not replay: record {record}: {why}")]
    Replay {
        /// The record, from 1.
        record: usize,
        /// Why.
        why: RoomError,
    },
    /// The system gave no randomness for the secret.
    #[error("cannot make a secret token: {0}")]
    Random(getrandom::Error),
}

/// How a new room is to be played: its pacing, and whether tables may preview what an
/// action does. A pacing alone is a room with previews.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rules {
    /// How the room keeps time.
    pub pacing: Pacing,
    /// Whether tables may preview what an action or an answer does.
    pub previews: bool,
}

impl From<Pacing> for Rules {
    fn from(pacing: Pacing) -> Self {
        Self {
            pacing,
            previews: true,
        }
    }
}

/// Opens the room in `folder`: the one there if the host ran before (the same code, and the
/// rules it was opened with), else a new room of `code` on `scenario` with `rules`, opened at
/// `now` (seconds since 1970).
pub fn open(
    folder: &Path,
    code: &Code,
    file: &str,
    source: &str,
    rules: impl Into<Rules>,
    now: u64,
) -> Result<Opened, OpenError> {
    let Rules { pacing, previews } = rules.into();
    let (mut journal, contents) = Journal::open(folder)?;
    let resumed = contents.config.is_some();
    let config = match contents.config {
        Some(config) => {
            if config.code != code.to_string() {
                return Err(OpenError::OtherRoom {
                    folder: folder.display().to_string(),
                    theirs: config.code,
                    ours: code.to_string(),
                });
            }
            config
        }
        None => {
            let config = RoomConfig {
                code: code.to_string(),
                pacing,
                key: secret().map_err(OpenError::Random)?,
                file: file.to_string(),
                source: source.to_string(),
                opened: now,
                previews,
                door: door().map_err(OpenError::Random)?,
            };
            journal.create(&config)?;
            config
        }
    };
    let hashed = HashedScenario::parse(&config.file, config.source.as_bytes())
        .map_err(|e| OpenError::Scenario(e.first_line()))?;
    let code = Code::parse(&config.code).map_err(OpenError::Code)?;
    let mut room = Room::new(config, code, hashed);
    for (i, record) in contents.records.iter().enumerate() {
        room.apply(record.clone())
            .map_err(|why| OpenError::Replay { record: i + 1, why })?;
    }
    Ok(Opened {
        room,
        journal,
        records: contents.records,
        resumed,
    })
}

/// A room's short code: four random digits from the operating system, typed by people who
/// see the projector (a stranger's guesses meet the joins allowed an address a minute).
pub fn door() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes)?;
    Ok(format!("{:04}", u32::from_le_bytes(bytes) % 10_000))
}

/// 128 random bits in hex, from the operating system: a table's token or the facilitator's
/// key.
pub fn secret() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
