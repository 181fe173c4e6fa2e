//! The room on disk: its database (`room.redb`, [redb]: transactions, crash-safe) with the
//! room's [`RoomConfig`] and the room format, and its log (`room.log`), where every change
//! is appended, and synced to disk before the table that sent it is answered (changes that
//! arrive while one is being written go to disk together in the next write). A host killed
//! at any moment loses nothing it acknowledged: opening the folder again applies the
//! records in order, and a write the kill cut short was never acknowledged, and is cut.
//!
//! The log is a plain file, one line each write: a checksum, then the write's records as a
//! RON list. A week costs one `write` and one `fdatasync`, where a redb transaction cost
//! its B-tree's pages, its allocator's and its checksums on top of the same sync (issue
//! 29: the commit was a fifth of the host's CPU a table-week). A line is kept whole or not
//! at all: a write cut short (a kill, a full disk) fails its checksum and is cut when the
//! room is opened again, or before the next write.
//!
//! Records are stored as RON text, as the rest of the game's files are, so a room can be
//! read back by the version that wrote it and explained when it cannot: the database names
//! the room format it was written in ([`FORMAT`]), and a version that meets a newer format,
//! or a record it does not know, says the room was written by a newer version of
//! Multiplier rather than that it is damaged. Rooms of format 1 kept their records in the
//! database, where they are still read; what comes after goes to the log.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use redb::{Database, DatabaseError, ReadableDatabase, ReadableTable, TableDefinition};

use super::rules::{Record, RoomConfig};

/// The room's database in its folder.
pub const DATABASE_FILE: &str = "room.redb";

/// The room's description: one row, [`CONFIG_KEY`]; and the room format, [`FORMAT_KEY`].
const CONFIG: TableDefinition<&str, &str> = TableDefinition::new("config");
const CONFIG_KEY: &str = "room";
const FORMAT_KEY: &str = "format";

/// The room's log in its folder.
pub const LOG_FILE: &str = "room.log";

/// The room format this version writes and reads: raised whenever a record or the room's
/// config changes in a way an older version cannot read (a new kind of record, say), so
/// that an older version opening the room says it was written by a newer one. A room
/// written before the format was kept is format 1; format 2 keeps its records in the log.
pub const FORMAT: u32 = 2;

/// A format 1 room's changes, numbered from 0 in the order they were made: read, no longer
/// written.
const RECORDS: TableDefinition<u64, &str> = TableDefinition::new("records");

/// Why a room's folder could not be opened or written.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// The folder could not be made.
    #[error("{path}: {why}")]
    Io {
        /// The folder.
        path: String,
        /// Why.
        why: std::io::Error,
    },
    /// Another host has the room open.
    #[error(
        "{path} is open in another `multiplier host`: stop that one first, or give this room another folder with --dir"
    )]
    InUse {
        /// The database.
        path: String,
    },
    /// The database refused to open, read or write.
    #[error("{path}: {why}")]
    Database {
        /// The database.
        path: String,
        /// The database's words.
        why: String,
    },
    /// The room was written by a newer version, in a room format this one cannot read.
    #[error(
        "{path} was written by a newer version of Multiplier (room format {format}; this version reads up to {FORMAT}): host this room with that version or a newer one, or give this room another folder with --dir"
    )]
    Newer {
        /// The database.
        path: String,
        /// The room format it names.
        format: u32,
    },
    /// A record names something this version does not know: written by a newer version,
    /// most likely (one from before the room format was kept), or damaged.
    #[error(
        "{path}, record {record} does not read ({why}): the room was most likely written by a newer version of Multiplier, so host it with that version or a newer one; if not, the file is damaged"
    )]
    Unknown {
        /// The database or the log.
        path: String,
        /// The record, from 1 (0 for the room's config).
        record: u64,
        /// The parser's words.
        why: String,
    },
    /// A record or the config is not what this version writes.
    #[error("{path}, record {record}: damaged ({why})")]
    Damaged {
        /// The database or the log.
        path: String,
        /// The record, from 1 (0 for the room's config).
        record: u64,
        /// The parser's words.
        why: String,
    },
}

/// The room's database and log, open for the journal to go on.
pub struct Journal {
    /// The database, held open while the room is served: its lock keeps a second host out
    /// of the folder.
    db: Database,
    path: PathBuf,
    /// The log, opened to append.
    log: File,
    log_path: PathBuf,
    /// The log's length up to its last whole write: what a failed write is cut back to.
    kept: u64,
    /// The number the next record gets.
    next: u64,
    /// Whether the last write to the log failed (a full disk, say) and it may not have been
    /// cut back to its last whole write yet: the next write cuts it first.
    failed: bool,
}

impl std::fmt::Debug for Journal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Journal")
            .field("path", &self.path)
            .field("next", &self.next)
            .finish_non_exhaustive()
    }
}

/// What a folder held when it was opened.
#[derive(Debug)]
pub struct Contents {
    /// The room's description, if a room was opened there before.
    pub config: Option<RoomConfig>,
    /// Every change made to it, in order.
    pub records: Vec<Record>,
}

impl Journal {
    /// Opens (or starts) the room's database and log in `folder`, making the folder if need
    /// be, and reads back what they hold.
    pub fn open(folder: &Path) -> Result<(Self, Contents), JournalError> {
        std::fs::create_dir_all(folder).map_err(|why| JournalError::Io {
            path: folder.display().to_string(),
            why,
        })?;
        let path = folder.join(DATABASE_FILE);
        let db = Database::create(&path).map_err(|e| match e {
            DatabaseError::DatabaseAlreadyOpen => JournalError::InUse {
                path: path.display().to_string(),
            },
            e => database(&path, e),
        })?;
        let log_path = folder.join(LOG_FILE);
        let shown = log_path.display().to_string();
        let io = |why| JournalError::Io {
            path: shown.clone(),
            why,
        };
        let new_log = !log_path.exists();
        let log = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&log_path)
            .map_err(io)?;
        if new_log {
            // The log's name in its folder is on disk before any record in it is counted on.
            File::open(folder).and_then(|f| f.sync_all()).map_err(io)?;
        }
        let mut journal = Self {
            db,
            path,
            log,
            log_path,
            kept: 0,
            next: 0,
            failed: false,
        };
        let (mut contents, format) = journal.read()?;
        let (logged, whole) = journal.read_log(contents.records.len() as u64)?;
        contents.records.extend(logged);
        // A write cut short was never acknowledged: it goes before anything is appended.
        journal.kept = whole;
        journal.log.set_len(whole).map_err(io)?;
        journal.next = contents.records.len() as u64;
        // A room this version goes on writing is in its format from now on. A room that
        // cannot be marked now (a full disk) still opens, and is marked when it is next
        // opened: the mark is for older versions, which this one is not.
        if contents.config.is_some() && format < FORMAT {
            let _ = journal.write(|txn| {
                txn.open_table(CONFIG)?
                    .insert(FORMAT_KEY, FORMAT.to_string().as_str())?;
                Ok(())
            });
        }
        Ok((journal, contents))
    }

    /// The records in the log, numbered on from `first` in the errors it names, and the
    /// length of its whole writes. A last line cut short (no end, or a checksum that does
    /// not match) is left out; one before others is damage.
    fn read_log(&self, first: u64) -> Result<(Vec<Record>, u64), JournalError> {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut &self.log, &mut bytes).map_err(|why| JournalError::Io {
            path: self.log_path.display().to_string(),
            why,
        })?;
        let (mut records, mut whole) = (Vec::new(), 0);
        let mut lines = bytes.split_inclusive(|b| *b == b'\n').peekable();
        while let Some(line) = lines.next() {
            let last = lines.peek().is_none();
            let record = first + records.len() as u64 + 1;
            let text = line
                .strip_suffix(b"\n")
                .and_then(|l| std::str::from_utf8(l).ok())
                .and_then(|l| l.split_once(' '))
                .filter(|(sum, list)| *sum == checksum(list))
                .map(|(_, list)| list);
            let Some(list) = text else {
                if last {
                    break;
                }
                return Err(JournalError::Damaged {
                    path: self.log_path.display().to_string(),
                    record,
                    why: "a write does not read back whole".into(),
                });
            };
            let written: Vec<Record> =
                ron::from_str(list).map_err(|e| unread(&self.log_path, record, e))?;
            records.extend(written);
            whole += line.len() as u64;
        }
        Ok((records, whole))
    }

    /// What the database holds, and the room format it names (1 if it names none). A newer
    /// format than [`FORMAT`] is refused before any record is read.
    fn read(&self) -> Result<(Contents, u32), JournalError> {
        let fail = |e: redb::Error| database(&self.path, e);
        let path = || self.path.display().to_string();
        let unread = |record: u64, e| unread(&self.path, record, e);
        let damaged = |record: u64, why: String| JournalError::Damaged {
            path: path(),
            record,
            why,
        };
        let txn = self.db.begin_read().map_err(|e| fail(e.into()))?;
        let (config, format) = match txn.open_table(CONFIG) {
            Ok(table) => {
                let format = match table.get(FORMAT_KEY).map_err(|e| fail(e.into()))? {
                    Some(text) => text
                        .value()
                        .trim()
                        .parse::<u32>()
                        .map_err(|e| damaged(0, format!("the room format: {e}")))?,
                    None => 1,
                };
                if format > FORMAT {
                    return Err(JournalError::Newer {
                        path: path(),
                        format,
                    });
                }
                let config = match table.get(CONFIG_KEY).map_err(|e| fail(e.into()))? {
                    Some(text) => Some(ron::from_str(text.value()).map_err(|e| unread(0, e))?),
                    None => None,
                };
                (config, format)
            }
            Err(redb::TableError::TableDoesNotExist(_)) => (None, FORMAT),
            Err(e) => return Err(fail(e.into())),
        };
        let mut records = Vec::new();
        match txn.open_table(RECORDS) {
            Ok(table) => {
                for (i, row) in table.iter().map_err(|e| fail(e.into()))?.enumerate() {
                    let (key, text) = row.map_err(|e| fail(e.into()))?;
                    if key.value() != i as u64 {
                        return Err(damaged(i as u64 + 1, "a record is missing".into()));
                    }
                    let record =
                        ron::from_str(text.value()).map_err(|e| unread(i as u64 + 1, e))?;
                    records.push(record);
                }
            }
            Err(redb::TableError::TableDoesNotExist(_)) => {}
            Err(e) => return Err(fail(e.into())),
        }
        Ok((Contents { config, records }, format))
    }

    /// Writes the room's description and its room format, once, when the room is opened
    /// first.
    pub fn create(&mut self, config: &RoomConfig) -> Result<(), JournalError> {
        let text = ron::ser::to_string_pretty(config, ron::ser::PrettyConfig::default())
            .map_err(|e| self.unwritable(0, e))?;
        self.write(|txn| {
            let mut table = txn.open_table(CONFIG)?;
            table.insert(CONFIG_KEY, text.as_str())?;
            table.insert(FORMAT_KEY, FORMAT.to_string().as_str())?;
            Ok(())
        })
    }

    /// A record as the journal stores it, made before the record is applied (so that one
    /// that could not be written is refused, not applied).
    pub fn text(record: &Record) -> Result<String, ron::Error> {
        ron::to_string(record)
    }

    /// Appends records (as [`Journal::text`] made them) to the log in one write, and waits
    /// until they are on disk: all of them, or, if it fails, none (the log is cut back to
    /// its last whole write). One write and one sync to disk for every change that came
    /// while the last was being written (group commit, see [`crate::host`]).
    pub fn append_all(&mut self, texts: &[&str]) -> Result<(), JournalError> {
        let list = format!("[{}]", texts.join(","));
        let line = format!("{} {list}\n", checksum(&list));
        let io = |why| JournalError::Io {
            path: self.log_path.display().to_string(),
            why,
        };
        if self.failed {
            self.log.set_len(self.kept).map_err(io)?;
            self.failed = false;
        }
        let written = (self.log.write_all(line.as_bytes())).and_then(|()| self.log.sync_data());
        if let Err(why) = written {
            self.failed = true;
            // Cut now where the disk allows, so the room read back is the one on disk; if
            // not, before the next write or when the room is opened again.
            let _ = self.log.set_len(self.kept);
            return Err(io(why));
        }
        self.kept += line.len() as u64;
        self.next += texts.len() as u64;
        Ok(())
    }

    /// Runs `change` in one write transaction of the database and commits it (durably:
    /// redb's default): the room's config and format, written when the room is opened.
    fn write(
        &self,
        change: impl FnOnce(&redb::WriteTransaction) -> Result<(), redb::Error>,
    ) -> Result<(), JournalError> {
        let fail = |e: redb::Error| database(&self.path, e);
        let txn = self.db.begin_write().map_err(|e| fail(e.into()))?;
        change(&txn).map_err(fail)?;
        txn.commit().map_err(|e| fail(e.into()))
    }

    fn unwritable(&self, record: u64, e: ron::Error) -> JournalError {
        JournalError::Damaged {
            path: self.path.display().to_string(),
            record,
            why: e.to_string(),
        }
    }
}

/// A log line's checksum: the first 8 bytes of the SHA-256 of its records, in hex. It tells
/// a write cut short from a whole one, not a forgery (the folder is the host's own).
fn checksum(list: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(list.as_bytes())[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Why a record does not read: one of a kind this version does not know (written by a newer
/// version, most likely), or damage.
fn unread(path: &Path, record: u64, e: ron::error::SpannedError) -> JournalError {
    let path = path.display().to_string();
    let why = e.code.to_string();
    match e.code {
        ron::Error::NoSuchEnumVariant { .. } | ron::Error::NoSuchStructField { .. } => {
            JournalError::Unknown { path, record, why }
        }
        _ => JournalError::Damaged { path, record, why },
    }
}

fn database(path: &Path, e: impl Into<redb::Error>) -> JournalError {
    JournalError::Database {
        path: path.display().to_string(),
        why: e.into().to_string(),
    }
}
