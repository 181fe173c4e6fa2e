//! Live reload of the player's own scenarios: each file in the scenario folder is a Bevy asset,
//! watched on disk.
//!
//! An edit that validates replaces the scenario in the menu and, if it is being played, the
//! run is replayed on the new version. An edit with errors keeps the last good version in play
//! and lists the errors (file, line, column, hint) in [`Problems`] until the file is fixed.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bevy::asset::io::{AssetSourceBuilder, AssetSourceId, Reader};
use bevy::asset::{AssetLoader, AssetPath, LoadContext};
use bevy::prelude::*;

use super::scenarios::{Catalog, Source};
use super::session::{Run, Session};
use crate::scenario::{self, Errors};
use crate::sim::{Planned, Scenario};
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
        reader: &mut dyn Reader,
        _settings: &(),
        context: &mut LoadContext<'_>,
    ) -> Result<ScenarioAsset, Self::Error> {
        let path = self.root.join(context.path().path());
        let file = path.display().to_string();
        let mut bytes = Vec::new();
        let parsed = match reader.read_to_end(&mut bytes).await {
            // `parse` refuses oversized files with a clear message of its own.
            Ok(_) => scenario::parse(&file, &bytes).map(Arc::new),
            Err(e) => Err(Errors::whole_file(
                &file,
                format!("cannot read the file: {e}"),
                "check that it exists and that you may read it",
            )),
        };
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
    app.add_systems(
        Update,
        (watch_catalog.run_if(resource_changed::<Catalog>), reload).chain(),
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
        if !watched.0.contains_key(path) {
            let asset = AssetPath::from_path(&relative).with_source(AssetSourceId::from(SOURCE));
            watched.0.insert(path.clone(), server.load(asset));
        }
    }
}

/// Applies every file that changed on disk to the menu and the run.
fn reload(
    mut changes: MessageReader<AssetEvent<ScenarioAsset>>,
    assets: Res<Assets<ScenarioAsset>>,
    watched: Res<Watched>,
    mut catalog: ResMut<Catalog>,
    mut session: ResMut<Session>,
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
        match &asset.parsed {
            Ok(scenario) => {
                problems.files.remove(&path);
                let changed = catalog
                    .entries
                    .iter_mut()
                    .find(|e| e.source == source)
                    .is_some_and(|entry| {
                        let same = matches!(&entry.scenario, Ok(s) if **s == **scenario);
                        if !same {
                            entry.scenario = Ok(scenario.clone());
                        }
                        !same
                    });
                if changed {
                    replay_on(&mut session, &source, scenario);
                }
            }
            Err(errors) => {
                let Some(entry) = catalog.entries.iter_mut().find(|e| e.source == source) else {
                    continue;
                };
                if entry.scenario.is_ok() {
                    problems.files.insert(path, errors.to_string());
                } else {
                    // A file that never loaded has no good version to keep: the menu says why.
                    entry.scenario = Err(errors.first_line());
                }
            }
        }
    }
}

/// Replays the run in progress on the new version of its scenario, if it plays this file;
/// when the old log no longer fits, the old version plays on and the notice says why.
fn replay_on(session: &mut Session, source: &Source, scenario: &Arc<Scenario>) {
    let Some(run) = session.run.as_ref().filter(|r| &r.source == source) else {
        return;
    };
    let plan: Vec<Planned> = run.game.plan().to_vec();
    let weeks = run.game.log().len();
    let name = source.describe();
    match Run::replay(
        source.clone(),
        scenario.clone(),
        run.game.seed(),
        run.game.log(),
        plan,
    ) {
        Ok(mut new) => {
            new.selection = run.selection.clone();
            session.run = Some(new);
            session.tell(format!(
                "Reloaded {name}: replayed {weeks} week{} on the new version",
                if weeks == 1 { "" } else { "s" }
            ));
        }
        Err(e) => session.fail(format!(
            "{name} changed but this run cannot follow it ({e}); still playing the version you started"
        )),
    }
}

/// `path` below `dir`, if it is inside it.
fn relative_to(path: &Path, dir: &Path) -> Option<PathBuf> {
    path.strip_prefix(dir).ok().map(Path::to_path_buf)
}
