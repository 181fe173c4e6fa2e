//! Where Multiplier keeps its files (saves, settings, the user's scenarios), and writing them so
//! a crash never leaves half a file.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The game's data folder: saves, settings and the user's scenarios.
///
/// A resource rather than a global so tests (and `MULTIPLIER_DATA_DIR`) can point it at a
/// scratch folder and never touch the player's files.
#[cfg_attr(feature = "desktop", derive(bevy::prelude::Resource))]
#[derive(Clone, Debug)]
pub struct DataDir(pub PathBuf);

impl DataDir {
    /// `MULTIPLIER_DATA_DIR` if set, else the OS's per-user data folder for the game.
    pub fn from_env_or_os() -> Result<Self, String> {
        if let Some(dir) = std::env::var_os("MULTIPLIER_DATA_DIR") {
            return Ok(Self(PathBuf::from(dir)));
        }
        directories::ProjectDirs::from("org", "Multiplier", "multiplier")
            .map(|p| Self(p.data_dir().to_path_buf()))
            .ok_or_else(|| {
                "cannot find a home folder to keep saves in; set MULTIPLIER_DATA_DIR".to_string()
            })
    }

    /// The folder of saves.
    pub fn saves(&self) -> PathBuf {
        self.0.join("saves")
    }

    /// The folder of the player's own scenarios.
    pub fn scenarios(&self) -> PathBuf {
        self.0.join("scenarios")
    }

    /// The folder of workshop result files written at the debrief.
    pub fn results(&self) -> PathBuf {
        self.0.join("results")
    }

    /// The settings file.
    pub fn settings(&self) -> PathBuf {
        self.0.join("settings.ron")
    }
}

/// Writes `bytes` to `path` through a temporary file and a rename, so readers see either the
/// old file or the new one, never a torn write.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
