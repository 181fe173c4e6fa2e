//! The scenario a workshop plays, with the hash that result files carry, so the game and
//! the command line agree on which scenario (and which version of it) a result belongs to.

use std::path::Path;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::format::{self, Errors, Found, LIBRARY_SOURCE};
use crate::sim::Scenario;

/// A scenario and its content hash.
#[derive(Clone, Debug)]
pub struct HashedScenario {
    /// The validated scenario.
    pub scenario: Arc<Scenario>,
    /// [`content_hash`] of its source.
    pub hash: String,
}

impl HashedScenario {
    /// Parses a scenario from a file's bytes (`file` names it in messages) and hashes them.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Self, Errors> {
        let scenario = format::parse(file, bytes)?;
        Ok(Self {
            scenario: Arc::new(scenario),
            hash: content_hash(bytes),
        })
    }

    /// A built-in scenario by id, or a scenario file by path, as [`format::find`] finds
    /// them (no folder).
    pub fn resolve(name: &str) -> Result<Self, Errors> {
        Self::of(&format::find(name, None)?)
    }

    /// Reads, validates and hashes a scenario [`format::find`] found.
    pub fn of(found: &Found) -> Result<Self, Errors> {
        let (file, bytes) = found.read()?;
        Self::parse(&file, &bytes)
    }

    /// Reads, validates and hashes a scenario file.
    pub fn load(path: &Path) -> Result<Self, Errors> {
        let (file, bytes) = format::read(path)?;
        Self::parse(&file, &bytes)
    }
}

/// The hex SHA-256 of a scenario's source followed by the built-in action library it draws
/// on: a result file names the exact world it was played in, and a new version of either
/// shows as a different hash rather than as a run that no longer replays.
pub fn content_hash(source: &[u8]) -> String {
    let mut h = Sha256::new();
    h.update(source);
    h.update(LIBRARY_SOURCE.as_bytes());
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
