//! Live reload's rules, without Bevy: what an edit of one of the player's scenario files
//! changes. A version that validates replaces the one listed, and the run that plays the
//! file follows it (its weeks replayed on the new version, off the frame thread); a version
//! with errors keeps the last good one in play, its errors shown until the file is fixed, so
//! an edit never loses a run. The desktop shell watches the files and hands every new
//! reading to [`edited`].

use std::sync::Arc;

use super::catalog::Catalog;
use super::run::{Replay, ReplayError};
use super::session::Session;
use super::source::Source;
use crate::format::Errors;
use crate::sim::{Planned, Scenario, WeekLog};
use crate::text;
use crate::workshop::HashedScenario;

/// What an edit changes beyond the catalog: the errors to show, and the run to replay.
#[derive(Debug)]
pub struct Edit {
    /// The file's errors, to show until it is fixed while its last good version plays on;
    /// `None` when there is nothing to show for it (it validates, or it never loaded and the
    /// catalog lists it as unplayable with its errors).
    pub problems: Option<String>,
    /// The replay the run in progress needs to follow the new version, if it plays the file.
    pub follow: Option<Follow>,
}

/// Takes a new reading of the scenario file `source` (the scenario, or everything wrong with
/// it) into `catalog`. A run being made (`loading`) replaces the one playing, which then has
/// nothing to follow.
pub fn edited(
    catalog: &mut Catalog,
    session: &Session,
    loading: bool,
    source: &Source,
    parsed: &Result<Arc<Scenario>, Errors>,
) -> Edit {
    let entry = catalog.entries.iter_mut().find(|e| &e.source == source);
    match (parsed, entry) {
        (Ok(scenario), entry) => {
            let changed = entry.is_some_and(|entry| {
                let same = matches!(&entry.scenario, Ok(s) if **s == **scenario);
                if !same {
                    entry.scenario = Ok(scenario.clone());
                    entry.errors = None;
                }
                !same
            });
            let follow = (changed && !loading)
                .then(|| Follow::of(session, source, scenario))
                .flatten();
            Edit {
                problems: None,
                follow,
            }
        }
        (Err(errors), Some(entry)) if entry.scenario.is_ok() => Edit {
            problems: Some(errors.to_string()),
            follow: None,
        },
        (Err(errors), entry) => {
            // A file that never loaded has no good version to keep: the menu says why.
            if let Some(entry) = entry {
                entry.scenario = Err(errors.first_line());
                entry.errors = Some(errors.to_string());
            }
            Edit {
                problems: None,
                follow: None,
            }
        }
    }
}

/// The run in progress, to be replayed on a new version of its scenario file off the frame
/// thread ([`Follow::run`]).
#[derive(Debug)]
pub struct Follow {
    source: Source,
    scenario: Arc<Scenario>,
    /// Whether the run is a workshop's, whose result names the version played.
    workshop: bool,
    seed: u64,
    log: Vec<WeekLog>,
    plan: Vec<Planned>,
}

impl Follow {
    /// The replay `session`'s run needs to follow `scenario`, the new version of `source`, if
    /// the run plays that file.
    pub fn of(session: &Session, source: &Source, scenario: &Arc<Scenario>) -> Option<Self> {
        let run = session.run.as_ref().filter(|r| &r.source == source)?;
        let (seed, log, plan) = run.replay_of();
        Some(Self {
            source: source.clone(),
            scenario: scenario.clone(),
            workshop: run.workshop.is_some(),
            seed,
            log,
            plan,
        })
    }

    /// What the loading window says meanwhile.
    pub fn what(&self) -> String {
        format!(
            "Replaying {} on the new version of {}…",
            text::count(self.log.len(), "week"),
            self.source.describe()
        )
    }

    /// Plays the weeks again on the new version. A workshop run's result file names the
    /// version it was played on, so for one the file is read again with its hash (and that
    /// version played, should it have changed once more since).
    pub fn run(self) -> Result<Replayed, Unfollowed> {
        let name = self.source.describe();
        let played = text::count(self.log.len(), "week");
        let replay = match self.source.file().filter(|_| self.workshop) {
            Some(path) => HashedScenario::load(path)
                .map_err(|e| ReloadError::Scenario(e.first_line()))
                .and_then(|hashed| {
                    Ok(
                        Replay::play(hashed.scenario, self.seed, &self.log, self.plan)?
                            .hashed(hashed.hash),
                    )
                }),
            None => Replay::play(self.scenario, self.seed, &self.log, self.plan)
                .map_err(ReloadError::from),
        };
        match replay {
            Ok(replay) => Ok(Replayed {
                text: format!("Reloaded {name}: replayed {played} on the new version"),
                source: self.source,
                replay,
            }),
            Err(why) => Err(Unfollowed { name, why }),
        }
    }
}

/// The run in progress replayed on a new version of its scenario, with the line telling
/// the player so; [`Session::follow`] plays on from it.
#[derive(Debug)]
pub struct Replayed {
    /// The file it was replayed on.
    pub(super) source: Source,
    /// The weeks played again on the new version.
    pub(super) replay: Replay,
    /// What to tell the player.
    pub(super) text: String,
}

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
