//! The scenarios the title screen offers: the built-ins and the player's own folder.

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::scenario;
use crate::sim::Scenario;
use crate::storage::DataDir;

/// Where a scenario comes from; saves record this so a run can be rebuilt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Source {
    /// A built-in scenario, by id.
    Builtin(String),
    /// A scenario file, by path.
    File(PathBuf),
}

impl Source {
    /// Short text for lists.
    pub fn describe(&self) -> String {
        match self {
            Source::Builtin(id) => id.clone(),
            Source::File(p) => p
                .file_name()
                .map_or_else(|| p.display().to_string(), |f| f.to_string_lossy().into()),
        }
    }

    /// The file, for a scenario read from one.
    pub fn file(&self) -> Option<&std::path::Path> {
        match self {
            Source::Builtin(_) => None,
            Source::File(path) => Some(path),
        }
    }

    /// Reads and validates the scenario, with every error if it has any.
    pub fn parse(&self) -> Result<Scenario, scenario::Errors> {
        match self {
            Source::Builtin(id) => scenario::builtin(id).unwrap_or_else(|| {
                Err(scenario::Errors::whole_file(
                    id,
                    format!("this version has no built-in scenario `{id}`"),
                    "`multiplier scenarios` lists the built-in ones",
                ))
            }),
            Source::File(path) => scenario::load(path),
        }
    }

    /// Reads and validates the scenario; the error is the first problem in one line.
    pub fn load(&self) -> Result<Arc<Scenario>, String> {
        if let Source::Builtin(id) = self
            && !scenario::BUILTINS.iter().any(|b| b.id == id)
        {
            return Err(format!("this version has no built-in scenario `{id}`"));
        }
        self.parse().map(Arc::new).map_err(|e| e.first_line())
    }
}

/// One line of the scenario list.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Where it comes from.
    pub source: Source,
    /// The scenario, or its first error: broken files are listed, not hidden.
    pub scenario: Result<Arc<Scenario>, String>,
}

impl Entry {
    /// The title to show.
    pub fn title(&self) -> String {
        match &self.scenario {
            Ok(s) => s.story.title.clone(),
            Err(_) => self.source.describe(),
        }
    }
}

/// Every scenario on offer, built-ins first.
#[derive(Resource, Default, Debug)]
pub struct Catalog {
    /// The entries, in menu order.
    pub entries: Vec<Entry>,
    /// Why the user folder could not be read, if it could not.
    pub folder_error: Option<String>,
}

impl Catalog {
    /// Reads the built-ins and the user's folder (created if missing).
    pub fn scan(data: &DataDir) -> Self {
        let mut entries: Vec<Entry> = scenario::BUILTINS
            .iter()
            .map(|b| {
                let source = Source::Builtin(b.id.to_string());
                Entry {
                    scenario: source.load(),
                    source,
                }
            })
            .collect();
        let dir = data.scenarios();
        let mut folder_error = None;
        if let Err(e) = std::fs::create_dir_all(&dir) {
            folder_error = Some(format!("cannot create {}: {e}", dir.display()));
        }
        match std::fs::read_dir(&dir) {
            Ok(read) => {
                let mut files: Vec<PathBuf> = read
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                    .collect();
                files.sort();
                entries.extend(files.into_iter().map(|p| {
                    let source = Source::File(p);
                    Entry {
                        scenario: source.load(),
                        source,
                    }
                }));
            }
            Err(e) if folder_error.is_none() => {
                folder_error = Some(format!("cannot read {}: {e}", dir.display()));
            }
            Err(_) => {}
        }
        Self {
            entries,
            folder_error,
        }
    }

    /// The index of the entry with this source.
    pub fn position(&self, source: &Source) -> Option<usize> {
        self.entries.iter().position(|e| &e.source == source)
    }

    /// The next playable entry after `index`, wrapping around.
    pub fn next_playable(&self, index: usize) -> Option<usize> {
        let n = self.entries.len();
        (1..=n)
            .map(|k| (index + k) % n)
            .find(|&i| self.entries[i].scenario.is_ok())
    }
}

/// The catalog is read at start-up and again when the title screen asks (after the player
/// drops a file into the folder).
pub(super) fn plugin(app: &mut App) {
    app.add_systems(PreStartup, scan);
}

fn scan(mut commands: Commands, data: Res<DataDir>) {
    commands.insert_resource(Catalog::scan(&data));
}
