//! Finding a scenario by what somebody typed: one rule for the command line, the host and a
//! workshop code's scenario, so a name that works in one place works in all of them.
//!
//! The rule: a built-in scenario's id first (a stray file cannot shadow a built-in), then
//! `<name>.ron` in the player's scenario folder when the caller has one (the name a workshop
//! code carries; a file in the folder is what the player meant, not one that happens to sit
//! in the working directory), then a path as typed. Nothing found is a [`NotFound`] that
//! suggests the nearest built-in.

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

use super::diagnostic::{bounded, did_you_mean};
use super::{BUILTINS, Builtin, Errors};
use crate::sim::Scenario;

/// Where a scenario was found; it is read only when asked, so a caller can keep the bytes
/// (a workshop hashes them, the host sends them to its tables).
#[derive(Clone, Debug)]
pub enum Found {
    /// A scenario compiled into the binary.
    Builtin(&'static Builtin),
    /// A scenario file (the path as typed, or the file in the folder).
    File(PathBuf),
}

impl Found {
    /// The name messages about it use and its bytes (a file is read at most
    /// [`super::MAX_FILE_BYTES`], a regular file only).
    pub fn read(&self) -> Result<(String, Cow<'static, [u8]>), Errors> {
        match self {
            Found::Builtin(b) => Ok((format!("{}.ron", b.id), Cow::Borrowed(b.source.as_bytes()))),
            Found::File(path) => super::read(path).map(|(file, bytes)| (file, Cow::Owned(bytes))),
        }
    }

    /// Reads and validates it.
    pub fn load(&self) -> Result<Scenario, Errors> {
        let (file, bytes) = self.read()?;
        super::parse(&file, &bytes)
    }
}

/// Finds the scenario `name` names: a built-in's id, else `<name>.ron` in `folder` if one is
/// given, else a path that exists (a folder there is found too, so that reading it says it
/// is a folder).
pub fn find(name: &str, folder: Option<&Path>) -> Result<Found, NotFound> {
    find_named(name, folder).or_else(|not_found| {
        let path = Path::new(name);
        if path.exists() {
            Ok(Found::File(path.to_path_buf()))
        } else {
            Err(not_found)
        }
    })
}

/// Finds the scenario a name (not a path) stands for: a built-in's id, else `<name>.ron` in
/// `folder`. A workshop code's scenario is such a name: `docs-42` must not find a folder
/// `docs` that happens to sit where the game was started.
pub fn find_named(name: &str, folder: Option<&Path>) -> Result<Found, NotFound> {
    if let Some(b) = BUILTINS.iter().find(|b| b.id == name) {
        return Ok(Found::Builtin(b));
    }
    if let Some(folder) = folder {
        let path = folder.join(format!("{name}.ron"));
        if path.exists() {
            return Ok(Found::File(path));
        }
    }
    Err(NotFound {
        name: bounded(name.to_string()),
        folder: folder.map(Path::to_path_buf),
        near: did_you_mean(name, BUILTINS.iter().map(|b| b.id)),
    })
}

/// No scenario has the name: neither a built-in, nor a file, nor a file in the folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NotFound {
    /// The name as typed, cut should it be a runaway.
    pub name: String,
    /// The folder looked in as well, if there was one.
    pub folder: Option<PathBuf>,
    /// The built-in whose id is nearest the name, if one is near enough to be a typo.
    pub near: Option<&'static str>,
}

impl NotFound {
    /// What to type instead: the nearest built-in, else every built-in's id.
    pub fn hint(&self) -> String {
        match self.near {
            Some(near) => format!("did you mean the built-in scenario `{near}`?"),
            None => {
                let ids: Vec<&str> = BUILTINS.iter().map(|b| b.id).collect();
                format!("give a file path or one of: {}", ids.join(", "))
            }
        }
    }
}

impl fmt::Display for NotFound {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("there is no such scenario file or built-in scenario")?;
        match &self.folder {
            Some(folder) => write!(
                f,
                ", nor a file `{}.ron` in {}",
                self.name,
                folder.display()
            ),
            None => Ok(()),
        }
    }
}

impl std::error::Error for NotFound {}

/// The command line prints it as it prints a file's errors: the name, the words, the hint.
impl From<NotFound> for Errors {
    fn from(e: NotFound) -> Self {
        Errors::whole_file(&e.name, e.to_string(), e.hint())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_built_in_id_wins_over_a_file_of_that_name() {
        let dir = std::env::temp_dir().join(format!("multiplier-find-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("first-week.ron"), "not a scenario").expect("written");
        let found = find("first-week", Some(&dir)).expect("found");
        assert!(matches!(found, Found::Builtin(b) if b.id == "first-week"));
        assert!(found.load().is_ok());
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn the_folder_comes_before_a_path_and_a_path_is_found_without_one() {
        let dir = std::env::temp_dir().join(format!("multiplier-find-f-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("nested")).expect("temp dir");
        let file = dir.join("mine.ron");
        std::fs::write(&file, "x").expect("written");
        let by_name = find("mine", Some(&dir)).expect("in the folder");
        assert!(matches!(&by_name, Found::File(p) if p == &file));
        let by_path = find(&file.to_string_lossy(), None).expect("by path");
        assert!(matches!(&by_path, Found::File(p) if p == &file));
        assert!(
            find("mine", None).is_err(),
            "no folder, no file by that name"
        );
        // `nested/mine.ron` is not there, so the path as typed is found.
        let nested = dir.join("nested");
        let typed = file.to_string_lossy();
        assert!(matches!(find(&typed, Some(&nested)), Ok(Found::File(p)) if p == file));
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn a_name_is_never_taken_for_a_path() {
        // `src` is a folder where the tests run: a path finds it, a name does not.
        assert!(matches!(find("src", None), Ok(Found::File(_))));
        assert!(find_named("src", None).is_err());
        assert!(matches!(
            find_named("first-week", None),
            Ok(Found::Builtin(b)) if b.id == "first-week"
        ));
    }

    #[test]
    fn nothing_found_suggests_the_nearest_built_in() {
        let Err(e) = find("brilliant-tem", None) else {
            panic!("a typo is not a scenario");
        };
        assert_eq!(e.near, Some("brilliant-team"));
        assert!(e.hint().contains("`brilliant-team`"), "{}", e.hint());
        let errors = Errors::from(e);
        assert!(errors.first_line().contains("no such scenario"), "{errors}");
        let Err(far) = find("zzzzzzzzzzzz", Some(Path::new("/nowhere"))) else {
            panic!("no such scenario");
        };
        assert_eq!(far.near, None);
        assert!(far.hint().contains("first-week"), "{}", far.hint());
        assert!(far.to_string().contains("zzzzzzzzzzzz.ron"), "{far}");
    }
}
