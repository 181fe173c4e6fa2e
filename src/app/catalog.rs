//! The scenarios on offer: the built-ins and the player's own folder, each with its first
//! error if it does not load. Entries are named by their [`Source`]: the folder can be read
//! again, and re-sorted, at any time.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Source;
use crate::format;
use crate::sim::Scenario;

/// One line of the scenario list.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Where it comes from.
    pub source: Source,
    /// The scenario, or its first error: broken files are listed, not hidden.
    pub scenario: Result<Arc<Scenario>, String>,
    /// Every error of a broken file, rendered (file, line, column, snippet, hint), for the
    /// author view; kept so that view never parses the file again.
    pub errors: Option<String>,
}

impl Entry {
    /// Reads and validates `source`.
    pub fn read(source: Source) -> Self {
        match source.parse() {
            Ok(scenario) => Self {
                source,
                scenario: Ok(Arc::new(scenario)),
                errors: None,
            },
            Err(errors) => Self {
                source,
                scenario: Err(errors.first_line()),
                errors: Some(errors.to_string()),
            },
        }
    }

    /// The title to show.
    pub fn title(&self) -> String {
        match &self.scenario {
            Ok(s) => s.story.title.clone(),
            Err(_) => self.source.describe(),
        }
    }
}

/// Every scenario on offer, built-ins first, then the user's files by name.
#[cfg_attr(feature = "desktop", derive(bevy::prelude::Resource))]
#[derive(Default, Debug)]
pub struct Catalog {
    /// The entries, in menu order.
    pub entries: Vec<Entry>,
    /// Why the user folder could not be read, if it could not.
    pub folder_error: Option<String>,
}

/// The user's scenario folder as read on a background thread: its size and the files'
/// parse time are the player's.
#[derive(Debug)]
pub struct FolderScan {
    /// Every `.ron` file, by name.
    pub entries: Vec<Entry>,
    /// Why the folder could not be read, if it could not.
    pub error: Option<String>,
}

impl FolderScan {
    /// Reads and validates every scenario file in the user's folder `dir` (created if
    /// missing).
    pub fn read(dir: &Path) -> Self {
        let mut error = None;
        if let Err(e) = std::fs::create_dir_all(dir) {
            error = Some(format!("cannot create {}: {e}", dir.display()));
        }
        let mut entries = Vec::new();
        match std::fs::read_dir(dir) {
            Ok(read) => {
                let mut files: Vec<PathBuf> = read
                    .filter_map(Result::ok)
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                    .collect();
                files.sort();
                entries = files
                    .into_iter()
                    .map(|p| Entry::read(Source::File(p)))
                    .collect();
            }
            Err(e) if error.is_none() => {
                error = Some(format!("cannot read {}: {e}", dir.display()));
            }
            Err(_) => {}
        }
        Self { entries, error }
    }
}

impl Catalog {
    /// The built-in scenarios alone: small and fixed, so they are listed at once.
    pub fn builtins() -> Self {
        Self {
            entries: format::BUILTINS
                .iter()
                .map(|b| Entry::read(Source::Builtin(b.id.to_string())))
                .collect(),
            folder_error: None,
        }
    }

    /// Lists the user's files as `scan` found them, in place of those listed before.
    pub fn set_folder(&mut self, scan: FolderScan) {
        self.entries
            .retain(|e| matches!(e.source, Source::Builtin(_)));
        self.entries.extend(scan.entries);
        self.folder_error = scan.error;
    }

    /// Lists one more user file in its place by name (or replaces its line); returns its index.
    pub fn insert(&mut self, entry: Entry) -> usize {
        if let Some(i) = self.position(&entry.source) {
            self.entries[i] = entry;
            return i;
        }
        let i = self
            .entries
            .iter()
            .position(|e| match (&e.source, &entry.source) {
                (Source::File(listed), Source::File(new)) => listed > new,
                _ => false,
            })
            .unwrap_or(self.entries.len());
        self.entries.insert(i, entry);
        i
    }

    /// The entry with this source.
    pub fn entry(&self, source: &Source) -> Option<&Entry> {
        self.entries.iter().find(|e| &e.source == source)
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
