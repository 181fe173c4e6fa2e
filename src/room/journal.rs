//! The room on disk: one database file (`room.redb`, [redb]: transactions, crash-safe) with
//! the room's [`RoomConfig`] and a journal of every change, each one in a transaction
//! committed to disk before the table that sent it is answered (changes that arrive while
//! one is being written go to disk together in the next). A host killed at any moment loses
//! nothing it acknowledged: opening the folder again applies the journal in order, and a
//! transaction the kill cut short was never committed, nor acknowledged.
//!
//! Records are stored as RON text, as the rest of the game's files are, so a room can be
//! read back by the version that wrote it and explained when it cannot: the database names
//! the room format it was written in ([`FORMAT`]), and a version that meets a newer format,
//! or a record it does not know, says the room was written by a newer version of
//! Multiplier rather than that it is damaged.

use std::path::{Path, PathBuf};

use redb::{Database, DatabaseError, ReadableDatabase, ReadableTable, TableDefinition};

use super::rules::{Record, RoomConfig};

/// The room's database in its folder.
pub const DATABASE_FILE: &str = "room.redb";

/// The room's description: one row, [`CONFIG_KEY`]; and the room format, [`FORMAT_KEY`].
const CONFIG: TableDefinition<&str, &str> = TableDefinition::new("config");
const CONFIG_KEY: &str = "room";
const FORMAT_KEY: &str = "format";

/// The room format this version writes and reads: raised whenever a record or the room's
/// config changes in a way an older version cannot read (a new kind of record, say), so
/// that an older version opening the room says it was written by a newer one. A room
/// written before the format was kept is format 1.
pub const FORMAT: u32 = 1;

/// Every change to the room, numbered from 0 in the order it was made.
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
        /// The database.
        path: String,
        /// The record, from 1 (0 for the room's config).
        record: u64,
        /// The parser's words.
        why: String,
    },
    /// A record or the config is not what this version writes.
    #[error("{path}, record {record}: damaged ({why})")]
    Damaged {
        /// The database.
        path: String,
        /// The record, from 1 (0 for the room's config).
        record: u64,
        /// The parser's words.
        why: String,
    },
}

/// The room's database, open for the journal to go on.
pub struct Journal {
    /// The database; `None` for the moment it is closed to be opened again.
    db: Option<Database>,
    path: PathBuf,
    /// The number the next record gets.
    next: u64,
    /// Whether the last write failed: redb takes no more writes after a failed one until it
    /// is opened again (a full disk freed, say), so the next write opens it first.
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
    /// Opens (or starts) the room's database in `folder`, making the folder if need be, and
    /// reads back what it holds.
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
        let mut journal = Self {
            db: Some(db),
            path,
            next: 0,
            failed: false,
        };
        let (contents, format) = journal.read()?;
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

    /// What the database holds, and the room format it names (1 if it names none). A newer
    /// format than [`FORMAT`] is refused before any record is read.
    fn read(&self) -> Result<(Contents, u32), JournalError> {
        let fail = |e: redb::Error| database(&self.path, e);
        let path = || self.path.display().to_string();
        let unread = |record: u64, e: ron::error::SpannedError| {
            let why = e.code.to_string();
            match e.code {
                ron::Error::NoSuchEnumVariant { .. } | ron::Error::NoSuchStructField { .. } => {
                    JournalError::Unknown {
                        path: path(),
                        record,
                        why,
                    }
                }
                _ => JournalError::Damaged {
                    path: path(),
                    record,
                    why,
                },
            }
        };
        let damaged = |record: u64, why: String| JournalError::Damaged {
            path: path(),
            record,
            why,
        };
        let txn = self.database()?.begin_read().map_err(|e| fail(e.into()))?;
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

    /// Appends records (as [`Journal::text`] made them) in one transaction, and waits until
    /// they are on disk: all of them, or, if it fails, none. One commit and one sync to disk
    /// for every change that came while the last was being written (group commit, see
    /// [`crate::host`]).
    pub fn append_all(&mut self, texts: &[&str]) -> Result<(), JournalError> {
        let first = self.next;
        self.write(|txn| {
            let mut table = txn.open_table(RECORDS)?;
            for (key, text) in (first..).zip(texts) {
                table.insert(key, *text)?;
            }
            Ok(())
        })?;
        self.next += texts.len() as u64;
        Ok(())
    }

    /// Runs `change` in one write transaction and commits it (durably: redb's default).
    /// After a failed write the database is opened again first, and the records counted
    /// again: a write that failed was not kept.
    fn write(
        &mut self,
        change: impl FnOnce(&redb::WriteTransaction) -> Result<(), redb::Error>,
    ) -> Result<(), JournalError> {
        if self.failed {
            self.reopen()?;
        }
        let written = self.try_write(change);
        self.failed = written.is_err();
        written
    }

    fn try_write(
        &self,
        change: impl FnOnce(&redb::WriteTransaction) -> Result<(), redb::Error>,
    ) -> Result<(), JournalError> {
        let fail = |e: redb::Error| database(&self.path, e);
        let txn = self.database()?.begin_write().map_err(|e| fail(e.into()))?;
        change(&txn).map_err(fail)?;
        txn.commit().map_err(|e| fail(e.into()))
    }

    /// Closes the database and opens it again (redb checks and repairs it as it opens).
    fn reopen(&mut self) -> Result<(), JournalError> {
        self.db = None;
        let db = Database::create(&self.path).map_err(|e| database(&self.path, e))?;
        self.db = Some(db);
        self.next = self.read()?.0.records.len() as u64;
        self.failed = false;
        Ok(())
    }

    fn database(&self) -> Result<&Database, JournalError> {
        self.db.as_ref().ok_or_else(|| JournalError::Database {
            path: self.path.display().to_string(),
            why: "closed after a failed write, and not open again".into(),
        })
    }

    fn unwritable(&self, record: u64, e: ron::Error) -> JournalError {
        JournalError::Damaged {
            path: self.path.display().to_string(),
            record,
            why: e.to_string(),
        }
    }
}

fn database(path: &Path, e: impl Into<redb::Error>) -> JournalError {
    JournalError::Database {
        path: path.display().to_string(),
        why: e.into().to_string(),
    }
}
