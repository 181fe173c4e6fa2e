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

use super::pending::{self, Background};
use super::scenarios::{Catalog, Source};
use super::session::{Loading, Session, Shell};
use crate::app::Replay;
use crate::app::run::ReplayError;
use crate::scenario::{self, Errors};
use crate::sim::{Planned, Scenario, WeekLog};
use crate::storage::DataDir;
use crate::workshop::HashedScenario;

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
        let parsed = scenario::read(&path)
            .and_then(|(file, bytes)| scenario::parse(&file, &bytes))
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
            .before(super::session::apply),
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

/// Applies every file that changed on disk to the menu and the run.
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
                            entry.errors = None;
                        }
                        !same
                    });
                // A run being loaded replaces the one playing: nothing to replay.
                if changed && !loading.busy() {
                    replay_on(&session, &mut reloading, &source, scenario);
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
                    entry.errors = Some(errors.to_string());
                }
            }
        }
    }
}

/// The run in progress replayed on a new version of its scenario, with the line telling
/// the player so.
#[derive(Debug)]
pub struct Replayed {
    /// The file it was replayed on.
    source: Source,
    /// The weeks played again on the new version.
    replay: Replay,
    /// What to tell the player.
    text: String,
}

/// A replay on a reloaded scenario in the background, or why the run cannot follow the
/// edit. While one runs the player's intents wait, as for a load.
pub type Reloading = Background<Result<Replayed, Unfollowed>>;

/// An edit of the scenario file the run plays that the run cannot follow.
#[derive(Debug, thiserror::Error)]
#[error(
    "{name} changed but this run cannot follow it ({why}); still playing the version you started"
)]
pub struct Unfollowed {
    /// The file, by name.
    name: String,
    /// Why not.
    why: ReloadError,
}

/// Why the run in progress cannot follow an edit of its scenario file; the old version plays
/// on.
#[derive(Debug, thiserror::Error)]
pub enum ReloadError {
    /// The edited file does not load (it changed again since): its first problem.
    #[error("{0}")]
    Scenario(String),
    /// The run's log does not replay on the new version.
    #[error(transparent)]
    Replay(#[from] ReplayError),
}

/// Starts replaying the run in progress on the new version of its scenario, if it plays this
/// file (a replay already running for an earlier edit is dropped).
fn replay_on(
    session: &Session,
    reloading: &mut Reloading,
    source: &Source,
    scenario: &Arc<Scenario>,
) {
    let Some(run) = session.run.as_ref().filter(|r| &r.source == source) else {
        return;
    };
    let (seed, log, plan) = run.replay_of();
    let weeks = log.len();
    let s = if weeks == 1 { "" } else { "s" };
    let name = source.describe();
    let workshop = run.workshop.is_some();
    let (source, scenario) = (source.clone(), scenario.clone());
    let what = format!("Replaying {weeks} week{s} on the new version of {name}…");
    reloading.start(what, move || {
        match replay(&source, scenario, workshop, seed, &log, plan) {
            Ok(replay) => Ok(Replayed {
                source,
                replay,
                text: format!("Reloaded {name}: replayed {weeks} week{s} on the new version"),
            }),
            Err(why) => Err(Unfollowed { name, why }),
        }
    });
}

/// The weeks played again on the new version. A workshop run's result file names the
/// version it was played on, so for one the file is read again with its hash (and that
/// version played, should it have changed once more since).
fn replay(
    source: &Source,
    scenario: Arc<Scenario>,
    workshop: bool,
    seed: u64,
    log: &[WeekLog],
    plan: Vec<Planned>,
) -> Result<Replay, ReloadError> {
    match source.file().filter(|_| workshop) {
        Some(path) => {
            let hashed =
                HashedScenario::load(path).map_err(|e| ReloadError::Scenario(e.first_line()))?;
            Ok(Replay::play(hashed.scenario, seed, log, plan)?.hashed(hashed.hash))
        }
        None => Ok(Replay::play(scenario, seed, log, plan)?),
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
        Ok(Ok(Replayed {
            source,
            replay,
            text,
        })) => shell.follow(&source, replay, text),
        Ok(Err(why)) => shell.fail(why),
        Err(why) => shell.fail(format!("Reloading failed: {why}")),
    }
}

/// `path` below `dir`, if it is inside it.
fn relative_to(path: &Path, dir: &Path) -> Option<PathBuf> {
    path.strip_prefix(dir).ok().map(Path::to_path_buf)
}
