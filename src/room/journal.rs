//! The room on disk: its [`RoomConfig`] in `room.ron`, and a journal of every change, one
//! RON record per line, each synced to disk before the table that sent it is answered. A
//! host killed at any moment loses nothing it acknowledged: opening the folder again applies
//! the journal in order, and a last line cut short by the kill (never acknowledged) is
//! dropped.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::room::{Record, RoomConfig};
use crate::storage::write_atomic;

/// The room's description in its folder.
pub const CONFIG_FILE: &str = "room.ron";

/// The journal in the room's folder.
pub const JOURNAL_FILE: &str = "journal.ron";

/// Why a room's folder could not be opened or written.
#[derive(Debug, thiserror::Error)]
pub enum JournalError {
    /// The file system refused.
    #[error("{path}: {why}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        why: std::io::Error,
    },
    /// A line of the journal or the config is not what this version writes.
    #[error("{path}, line {line}: damaged ({why})")]
    Damaged {
        /// The file.
        path: String,
        /// The line, from 1.
        line: usize,
        /// The parser's words.
        why: String,
    },
}

/// The journal, open for appending.
#[derive(Debug)]
pub struct Journal {
    file: File,
    path: PathBuf,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> JournalError + '_ {
    move |why| JournalError::Io {
        path: path.display().to_string(),
        why,
    }
}

/// Writes a new room's config into `folder`.
pub fn create(folder: &Path, config: &RoomConfig) -> Result<(), JournalError> {
    let path = folder.join(CONFIG_FILE);
    let text =
        ron::ser::to_string_pretty(config, ron::ser::PrettyConfig::default()).map_err(|e| {
            JournalError::Damaged {
                path: path.display().to_string(),
                line: 0,
                why: e.to_string(),
            }
        })?;
    write_atomic(&path, text.as_bytes()).map_err(io(&path))
}

/// The config of the room in `folder`, if one was opened there.
pub fn config(folder: &Path) -> Result<Option<RoomConfig>, JournalError> {
    let path = folder.join(CONFIG_FILE);
    if !path.exists() {
        return Ok(None);
    }
    let text = std::fs::read_to_string(&path).map_err(io(&path))?;
    ron::from_str(&text)
        .map(Some)
        .map_err(|e| JournalError::Damaged {
            path: path.display().to_string(),
            line: e.span.start.line,
            why: e.code.to_string(),
        })
}

impl Journal {
    /// Opens (or starts) the journal in `folder` and reads back its records. A last line
    /// without its end (a write the host was killed in) is cut off the file.
    pub fn open(folder: &Path) -> Result<(Self, Vec<Record>), JournalError> {
        let path = folder.join(JOURNAL_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .append(true)
            .create(true)
            .open(&path)
            .map_err(io(&path))?;
        let mut text = String::new();
        file.read_to_string(&mut text).map_err(io(&path))?;
        let whole = text.rfind('\n').map_or(0, |i| i + 1);
        if whole < text.len() {
            file.set_len(whole as u64).map_err(io(&path))?;
            file.seek(SeekFrom::End(0)).map_err(io(&path))?;
        }
        let mut records = Vec::new();
        for (i, line) in text[..whole].lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let record = ron::from_str(line).map_err(|e| JournalError::Damaged {
                path: path.display().to_string(),
                line: i + 1,
                why: e.code.to_string(),
            })?;
            records.push(record);
        }
        Ok((Self { file, path }, records))
    }

    /// Appends a record and waits until it is on disk.
    pub fn append(&mut self, record: &Record) -> Result<(), JournalError> {
        let mut line = ron::to_string(record).map_err(|e| JournalError::Damaged {
            path: self.path.display().to_string(),
            line: 0,
            why: e.to_string(),
        })?;
        line.push('\n');
        self.file
            .write_all(line.as_bytes())
            .and_then(|()| self.file.sync_data())
            .map_err(io(&self.path))
    }
}
