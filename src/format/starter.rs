//! The starter scenario that `multiplier new` (and the game's "new scenario") writes.
//!
//! Authors learn the format fastest from a working file whose comments explain it, so the
//! starter is a complete scenario (`assets/template.ron`, embedded in the binary) with a
//! custom action, a custom event, a model override and lessons that hold. Only its id and
//! title change with the name the author gives.

use std::fmt;
use std::path::{Path, PathBuf};

/// The starter's text, with `{{id}}` and `{{title}}` standing for the author's name.
pub const TEMPLATE: &str = include_str!("../../assets/template.ron");

/// Ids and file names longer than this (in characters) are cut: a name is not a sentence,
/// and some file systems limit a file name to 255 bytes.
const MAX_ID_CHARS: usize = 60;

/// The name an author gave is unusable, or the file cannot be written.
#[derive(Debug)]
pub enum CreateError {
    /// The name has no letter or digit to make a file name from.
    EmptyName,
    /// The file exists and overwriting was not asked for.
    Exists(PathBuf),
    /// Writing failed (permissions, a full disk, a missing drive).
    Io(PathBuf, std::io::Error),
}

impl fmt::Display for CreateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CreateError::EmptyName => f.write_str(
                "the name needs at least one letter or digit, for example `new \"Night shift\"`",
            ),
            CreateError::Exists(path) => write!(
                f,
                "{} already exists; choose another name, or add --force to replace it",
                path.display()
            ),
            CreateError::Io(path, e) => write!(f, "cannot write {}: {e}", path.display()),
        }
    }
}

impl std::error::Error for CreateError {}

/// A name made safe for a file and for a scenario id: lower-case letters and digits, with
/// single `-` for everything between words (`"Night shift!"` → `night-shift`). A trailing
/// `.ron` is dropped, names that Windows reserves get `-scenario` added, and `None` means
/// nothing usable was left.
pub fn slug(name: &str) -> Option<String> {
    let name = name.trim();
    let name = name.strip_suffix(".ron").unwrap_or(name);
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            if out.chars().count() >= MAX_ID_CHARS {
                break;
            }
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        return None;
    }
    const RESERVED: &[&str] = &[
        "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
        "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
    ];
    if RESERVED.contains(&out.as_str()) {
        return Some(format!("{out}-scenario"));
    }
    Some(out)
}

/// The starter scenario for `name`: its title is the name as given, its id the [`slug`].
/// `None` when the name has nothing to make an id from.
pub fn starter(name: &str) -> Option<String> {
    let id = slug(name)?;
    let title = name.trim();
    let title = title.strip_suffix(".ron").unwrap_or(title);
    Some(
        TEMPLATE
            .replace("{{id}}", &id)
            .replace("{{title}}", &escape(title)),
    )
}

/// Text made safe inside `"…"` in a RON file: quotes and backslashes escaped, line breaks
/// and other control characters turned into spaces (a title is one line).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Where `new NAME` writes: `place` itself when it names a `.ron` file, else the file
/// `NAME.ron` (the [`slug`]) inside the folder `place`. `None` when the name is unusable.
pub fn target(name: &str, place: &Path) -> Option<PathBuf> {
    let is_file = place
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"));
    if is_file {
        return slug(name).map(|_| place.to_path_buf());
    }
    slug(name).map(|id| place.join(format!("{id}.ron")))
}

/// Writes the starter for `name` to `path` (creating its folder), refusing to replace an
/// existing file unless `force`. The write is atomic, so a crash never leaves half a file.
pub fn create(path: &Path, name: &str, force: bool) -> Result<(), CreateError> {
    let text = starter(name).ok_or(CreateError::EmptyName)?;
    if !force && path.exists() {
        return Err(CreateError::Exists(path.to_path_buf()));
    }
    crate::storage::write_atomic(path, text.as_bytes())
        .map_err(|e| CreateError::Io(path.to_path_buf(), e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_words_joined_by_dashes() {
        assert_eq!(slug("Night shift!").as_deref(), Some("night-shift"));
        assert_eq!(slug("  a  --  b  ").as_deref(), Some("a-b"));
        assert_eq!(slug("team.ron").as_deref(), Some("team"));
        assert_eq!(slug("Équipe 2").as_deref(), Some("équipe-2"));
        assert_eq!(slug("../../etc/passwd").as_deref(), Some("etc-passwd"));
        assert_eq!(slug("CON").as_deref(), Some("con-scenario"));
        assert_eq!(slug("!!!"), None);
        assert_eq!(slug(""), None);
        assert_eq!(slug(&"x".repeat(500)).map(|s| s.len()), Some(MAX_ID_CHARS));
    }

    #[test]
    fn the_title_is_escaped_and_the_id_filled_in() {
        let text = starter("Say \"hi\" \\ bye\n").expect("usable name");
        assert!(text.contains(r#"title: "Say \"hi\" \\ bye","#), "{text}");
        assert!(text.contains(r#"id: "say-hi-bye","#));
        assert!(!text.contains("{{"), "every placeholder is filled");
        assert_eq!(starter("  "), None);
    }

    #[test]
    fn targets_are_files_inside_folders_or_the_file_named() {
        let dir = Path::new("some/dir");
        assert_eq!(
            target("My Team", dir),
            Some(PathBuf::from("some/dir/my-team.ron"))
        );
        let file = Path::new("x/custom.RON");
        assert_eq!(target("My Team", file), Some(file.to_path_buf()));
        assert_eq!(target("?", dir), None);
    }
}
