//! Live reload of the player's own scenarios: each file in the scenario folder is a Bevy asset,
//! watched on disk, and every new reading goes to the app's rules ([`crate::app::live`]).
//!
//! An edit that validates replaces the scenario in the menu and, if it is being played, the
//! run is replayed on the new version in the background. An edit with errors keeps the last
//! good version in play and lists the errors (file, line, column, hint) in [`Problems`] until
//! the file is fixed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::asset::io::{AssetSourceBuilder, AssetSourceId, Reader};
use bevy::asset::{AssetLoader, AssetPath, LoadContext};
use bevy::prelude::*;

use super::frame::Frame;
use super::pending;
use super::session::{Loading, Reloading, Shell};
use crate::app::live::{Replayed, Unfollowed, edited};
use crate::app::{Catalog, Session, Source};
use crate::format::{self, Errors};
use crate::sim::Scenario;
use crate::storage::DataDir;

/// The asset source that serves the player's scenario folder.
const SOURCE: &str = "scenarios";

/// A scenario file as last read from disk: the scenario, or everything wrong with it.
#[derive(Asset, TypePath, Debug)]
pub struct ScenarioAsset {
    /// The validated scenario, or the file's errors.
    pub parsed: Result<Arc<Scenario>, Errors>,
}

/// Reads scenario files into [`ScenarioAsset`]s; a file with errors is still an asset (its
/// errors are what the author needs to see), so loading never fails.
#[derive(TypePath)]
struct ScenarioLoader {
    /// The folder the asset source serves, to name files by their full path in messages.
    root: PathBuf,
}

impl AssetLoader for ScenarioLoader {
    type Asset = ScenarioAsset;
    type Settings = ();
    type Error = std::io::Error;

    async fn load(
        &self,
        _reader: &mut dyn Reader,
        _settings: &(),
        context: &mut LoadContext<'_>,
    ) -> Result<ScenarioAsset, Self::Error> {
        // Read as the command line reads a scenario, not through the asset reader: at most
        // the size limit, and nothing that is not a regular file (a device never ends).
        let path = self.root.join(context.path().path());
        let parsed = format::read(&path)
            .and_then(|(file, bytes)| format::parse(&file, &bytes))
            .map(Arc::new);
        Ok(ScenarioAsset { parsed })
    }

    fn extensions(&self) -> &[&str] {
        &["ron"]
    }
}

/// Errors in scenario files whose last good version is still in use, by file.
///
/// Shown as an overlay on every screen; an entry disappears when its file is fixed.
#[derive(Resource, Default, Debug)]
pub struct Problems {
    /// The rendered errors (`file:line:col: message`, the line, a hint), by file.
    pub files: BTreeMap<PathBuf, String>,
}

/// The handles that keep each watched file loaded, by path.
#[derive(Resource, Default)]
struct Watched(BTreeMap<PathBuf, Handle<ScenarioAsset>>);

/// Serves the scenario folder as an asset source. Must be called before Bevy's `AssetPlugin`
/// is added (that is, before `DefaultPlugins`).
pub fn register_source(app: &mut App, data: &DataDir) {
    let dir = data.scenarios();
    // The watcher needs the folder to exist when it starts.
    let _ = std::fs::create_dir_all(&dir);
    app.register_asset_source(
        SOURCE,
        AssetSourceBuilder::platform_default(&dir.to_string_lossy(), None),
    );
}

/// Live reload; needs `AssetPlugin` with a source registered by [`register_source`].
pub fn plugin(app: &mut App) {
    let root = app.world().resource::<DataDir>().scenarios();
    app.init_asset::<ScenarioAsset>();
    app.register_asset_loader(ScenarioLoader { root });
    app.init_resource::<Problems>();
    app.init_resource::<Watched>();
    pending::register::<Result<Replayed, Unfollowed>>(app);
    app.add_systems(
        Update,
        (
            watch_catalog.run_if(resource_changed::<Catalog>),
            reload,
            take_replay.run_if(pending::in_flight::<Result<Replayed, Unfollowed>>),
        )
            .chain()
            .in_set(Frame::Arrive),
    );
}

/// Keeps a handle on every file of the scenario folder the menu lists, so each is watched.
fn watch_catalog(
    catalog: Res<Catalog>,
    data: Res<DataDir>,
    server: Res<AssetServer>,
    mut watched: ResMut<Watched>,
) {
    let dir = data.scenarios();
    for entry in &catalog.entries {
        let Source::File(path) = &entry.source else {
            continue;
        };
        let Some(relative) = relative_to(path, &dir) else {
            continue;
        };
        // Only regular files are watched: the asset server would open a named pipe, or read
        // a device, without end.
        if !watched.0.contains_key(path) && std::fs::metadata(path).is_ok_and(|m| m.is_file()) {
            let asset = AssetPath::from_path(&relative).with_source(AssetSourceId::from(SOURCE));
            watched.0.insert(path.clone(), server.load(asset));
        }
    }
}

/// Hands every file that changed on disk to the app's live-reload rules, shows the errors
/// they keep, and starts the replay the run needs to follow an edit.
// A Bevy system: its parameters are the resources it reads, which Bevy passes by name.
#[allow(clippy::too_many_arguments)]
fn reload(
    mut changes: MessageReader<AssetEvent<ScenarioAsset>>,
    assets: Res<Assets<ScenarioAsset>>,
    watched: Res<Watched>,
    mut catalog: ResMut<Catalog>,
    session: Res<Session>,
    loading: Res<Loading>,
    mut reloading: ResMut<Reloading>,
    mut problems: ResMut<Problems>,
) {
    for change in changes.read() {
        let (AssetEvent::LoadedWithDependencies { id } | AssetEvent::Modified { id }) = change
        else {
            continue;
        };
        let Some(path) = watched
            .0
            .iter()
            .find(|(_, h)| h.id() == *id)
            .map(|(p, _)| p.clone())
        else {
            continue;
        };
        let Some(asset) = assets.get(*id) else {
            continue;
        };
        let source = Source::File(path.clone());
        let edit = edited(
            &mut catalog,
            &session,
            loading.busy(),
            &source,
            &asset.parsed,
        );
        match edit.problems {
            Some(errors) => problems.files.insert(path, errors),
            None => problems.files.remove(&path),
        };
        // A replay still running for an earlier edit is dropped.
        if let Some(follow) = edit.follow {
            reloading.start(follow.what(), move || follow.run());
        }
    }
}

/// Plays on from the replay once it is ready: the run follows it, keeping its workshop, its
/// countdown and its selection. When the old log no longer fits, the old version plays on
/// and the notice says why.
fn take_replay(mut shell: Shell) {
    let Some(answer) = shell.reloaded() else {
        return;
    };
    match answer {
        Ok(Ok(replayed)) => shell.follow(replayed),
        Ok(Err(why)) => shell.fail(why),
        Err(why) => shell.fail(format!("Reloading failed: {why}")),
    }
}

/// `path` below `dir`, if it is inside it.
fn relative_to(path: &Path, dir: &Path) -> Option<PathBuf> {
    path.strip_prefix(dir).ok().map(Path::to_path_buf)
}
