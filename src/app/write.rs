//! The files the session asks its shell to write: the run's autosave, a save the player
//! named, a workshop's result, a starter scenario. The session decides what a file holds and
//! when it is due, and never touches the disk itself, so a shell that keeps no files (a
//! browser table on the host, whose weeks the room journals) drops the writes, and the
//! desktop game carries them out and hands the outcome back to [`Session::written`].
//!
//! [`Session::written`]: super::Session::written

use std::path::PathBuf;

use super::Source;
use super::catalog::Entry;
use super::save::{self, SaveError, SaveFile};
use crate::format::starter::{self, CreateError};
use crate::storage::DataDir;
use crate::workshop::{ResultError, ResultFile};

/// A file the session wants written into the data folder.
#[derive(Debug)]
pub enum Write {
    /// The run's own autosave (its name says whose: scenario, seed, team, fork), which makes
    /// it the run Continue resumes.
    Autosave {
        /// The file's name in the saves folder.
        file_name: String,
        /// What it holds.
        save: Box<SaveFile>,
    },
    /// A save under the name the player gave.
    Save {
        /// The name as the player sees it.
        name: String,
        /// What it holds.
        save: Box<SaveFile>,
    },
    /// A workshop's result, once its run is over.
    Result(Box<ResultFile>),
    /// A starter scenario in the scenario folder, for the author view.
    Starter {
        /// The scenario's name as typed (it has a letter or digit).
        name: String,
    },
}

/// What came of a [`Write`]: the session tells the player.
#[derive(Debug)]
pub enum Written {
    /// The autosave, and why not if it failed (play goes on either way).
    Autosave(Result<(), SaveError>),
    /// A named save.
    Save {
        /// The name as the player sees it.
        name: String,
        /// Whether it was written.
        outcome: Result<(), SaveError>,
    },
    /// A workshop's result: where it was written, or why it could not be.
    Result(Result<PathBuf, ResultError>),
    /// A starter scenario, read back as the catalog lists it.
    Starter(Result<Entry, CreateError>),
}

impl Write {
    /// Writes the file into `data` (atomically, the folder synced) and says what came of it.
    pub fn run(self, data: &DataDir) -> Written {
        match self {
            Write::Autosave { file_name, save } => {
                let folder = data.saves();
                let outcome = save::write(&folder.join(file_name), &save);
                if outcome.is_ok() {
                    save::prune_autosaves(&folder);
                }
                Written::Autosave(outcome)
            }
            Write::Save { name, save } => Written::Save {
                outcome: save::write(&data.saves().join(save::file_name(&name)), &save),
                name,
            },
            Write::Result(result) => {
                let path = data.results().join(result.file_name());
                Written::Result(result.write(&path).map(|()| path))
            }
            Write::Starter { name } => Written::Starter(
                starter::target(&name, &data.scenarios())
                    .ok_or(CreateError::EmptyName)
                    .and_then(|path| {
                        starter::create(&path, &name, false)?;
                        // The starter is ours and small: it is read back at once.
                        Ok(Entry::read(Source::File(path)))
                    }),
            ),
        }
    }
}
