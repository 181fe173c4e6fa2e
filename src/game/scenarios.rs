//! The scenarios the title screen offers: the built-ins and the player's own folder.

use bevy::prelude::*;

use super::frame::{Frame, Start};
use super::pending::{self, Background};
use crate::app::catalog::{Catalog, FolderScan};
use crate::storage::DataDir;

/// The user's folder being read.
pub type Scanning = Background<FolderScan>;

/// Starts reading the user's folder again; the catalog lists it when the read is done.
pub fn rescan(jobs: &mut Scanning, data: &DataDir) {
    let data = data.clone();
    jobs.start("Reading your scenario folder…", move || {
        FolderScan::read(&data.scenarios())
    });
}

/// The built-ins are listed at start-up and the user's folder is read in the background;
/// it is read again when the title screen asks (after the player drops a file into it).
pub(super) fn plugin(app: &mut App) {
    pending::register::<FolderScan>(app);
    app.add_systems(PreStartup, start.in_set(Start::Read));
    app.add_systems(
        Update,
        take_folder
            .run_if(pending::in_flight::<FolderScan>)
            .in_set(Frame::Arrive),
    );
}

fn start(mut commands: Commands, data: Res<DataDir>, mut jobs: ResMut<Scanning>) {
    commands.insert_resource(Catalog::builtins());
    rescan(&mut jobs, &data);
}

/// Lists the user's files once they have been read.
fn take_folder(mut jobs: ResMut<Scanning>, mut catalog: ResMut<Catalog>, data: Res<DataDir>) {
    match jobs.finished() {
        Some(Ok(scan)) => catalog.set_folder(scan),
        Some(Err(why)) => {
            catalog.folder_error =
                Some(format!("cannot read {}: {why}", data.scenarios().display()));
        }
        None => {}
    }
}
