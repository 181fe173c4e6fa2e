//! Where a scenario comes from: a built-in by id or a file by path. Saves record it so a run
//! can be rebuilt, and the catalog names its entries by it (places in a list change when
//! the folder is read again; a source does not).

use std::path::PathBuf;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::format;
use crate::sim::Scenario;

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
    pub fn parse(&self) -> Result<Scenario, format::Errors> {
        match self {
            Source::Builtin(id) => format::builtin(id).unwrap_or_else(|| {
                Err(format::Errors::whole_file(
                    id,
                    format!("this version has no built-in scenario `{id}`"),
                    "`multiplier scenarios` lists the built-in ones",
                ))
            }),
            Source::File(path) => format::load(path),
        }
    }

    /// Reads and validates the scenario; the error is the first problem in one line.
    pub fn load(&self) -> Result<Arc<Scenario>, String> {
        self.parse().map(Arc::new).map_err(|e| e.first_line())
    }
}
