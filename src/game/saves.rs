//! Saves: a run is its scenario, seed and action log, so a save is small text that replays
//! to the same state bit for bit.
//!
//! Each save is its own RON file, written atomically; a file that cannot be read is listed
//! with the reason and left untouched.

use std::path::PathBuf;
use std::time::UNIX_EPOCH;

use bevy::prelude::*;

use super::frame::{Frame, Start};
use super::pending::{self, Background};
use crate::app::save::{SaveError, SaveFile, is_autosave, read};
use crate::storage::DataDir;

/// One save in the list.
#[derive(Debug)]
pub struct Listed {
    /// Its file.
    pub path: PathBuf,
    /// Its contents, or why it cannot be loaded.
    pub save: Result<SaveFile, SaveError>,
    /// When it was written (from the file, else the file system), for ordering.
    pub when: u64,
    /// When the file system says it was written, to the nanosecond: orders saves written in
    /// the same second (an autosave just after a named save).
    pub modified: std::time::Duration,
}

/// Every save in the folder, newest first.
#[derive(Resource, Default, Debug)]
pub struct SaveList {
    /// The saves.
    pub saves: Vec<Listed>,
}

impl SaveList {
    /// Reads the saves folder.
    pub fn scan(data: &DataDir) -> Self {
        let Ok(entries) = std::fs::read_dir(data.saves()) else {
            return Self::default();
        };
        let mut saves: Vec<Listed> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .map(|path| {
                // The list shows why a save cannot be loaded, in words.
                let save = read(&path);
                let modified = std::fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                    .unwrap_or_default();
                let when = save.as_ref().map_or(modified.as_secs(), |s| s.saved_at);
                Listed {
                    path,
                    save,
                    when,
                    modified,
                }
            })
            .collect();
        saves.sort_by(|a, b| {
            (b.when.cmp(&a.when))
                .then(b.modified.cmp(&a.modified))
                .then(a.path.cmp(&b.path))
        });
        Self { saves }
    }

    /// The newest autosave, the run Continue resumes, if it reads. (Continue looks for the
    /// newest itself when pressed; the list may be a moment old.)
    pub fn autosave(&self) -> Option<&Listed> {
        self.saves
            .iter()
            .find(|s| is_autosave(&s.path))
            .filter(|s| s.save.is_ok())
    }
}

/// The saves folder being read.
pub type Listing = Background<SaveList>;

/// Reads the saves folder again (after a read in flight, if there is one); the list is
/// replaced when the read is done (a save is up to 8 MiB, and the player keeps as many as
/// they like, so reads after every week must not pile up).
pub fn rescan(jobs: &mut Listing, data: &DataDir) {
    let data = data.clone();
    jobs.start_after("Reading your saves…", move || SaveList::scan(&data));
}

/// The list is read at start-up; the session reads it again after every write.
pub(super) fn plugin(app: &mut App) {
    pending::register::<SaveList>(app);
    app.init_resource::<SaveList>();
    app.add_systems(PreStartup, start.in_set(Start::Read));
    app.add_systems(
        Update,
        take_list
            .run_if(pending::in_flight::<SaveList>)
            .in_set(Frame::Arrive),
    );
}

fn start(data: Res<DataDir>, mut jobs: ResMut<Listing>) {
    rescan(&mut jobs, &data);
}

/// Shows the list once it has been read; the old one stays meanwhile.
fn take_list(mut jobs: ResMut<Listing>, mut list: ResMut<SaveList>) {
    match jobs.finished() {
        Some(Ok(read)) => *list = read,
        Some(Err(why)) => warn!("the saves folder could not be read: {why}"),
        None => {}
    }
}
