//! Scenario files: RON text parsed into a spanned tree, decoded into [`crate::sim`] types,
//! with every error in a file reported at once.
//!
//! The built-in scenarios and the action library are compiled into the binary, so it works
//! wherever it is copied.

pub mod decode;
pub mod diagnostic;
mod find;
pub mod limits;
pub mod schema;
pub mod starter;
pub mod tree;

use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

use crate::sim::Scenario;
use decode::Decoder;
use diagnostic::Diagnostic;
use schema::Library;
use tree::Span;

pub use find::{Found, NotFound, find, find_named};

/// Files larger than this are refused before parsing: no real scenario comes close.
pub const MAX_FILE_BYTES: usize = 1024 * 1024;

/// At most this many errors are listed for one file (the first found), and the rest only
/// counted: a garbled file would otherwise print megabytes, and take seconds to word.
pub const MAX_REPORTED: usize = 100;

/// A built-in scenario: its id (the file's name) and its text.
#[derive(Clone, Copy, Debug)]
pub struct Builtin {
    /// The id, e.g. `brilliant-team`.
    pub id: &'static str,
    /// The RON source.
    pub source: &'static str,
}

macro_rules! builtins {
    ($($id:literal),+ $(,)?) => {
        /// The scenarios shipped with the game, in the order they are meant to be played.
        pub const BUILTINS: &[Builtin] = &[
            $( Builtin { id: $id, source: include_str!(concat!("../../scenarios/", $id, ".ron")) }, )+
        ];
    };
}

builtins!(
    "first-week",
    "brilliant-team",
    "blood-from-a-stone",
    "super-engineer",
    "support-turnaround",
    "startup-takeover",
    "fixed-term",
    "path-to-cto",
);

/// The text of the built-in action and event library.
pub const LIBRARY_SOURCE: &str = include_str!("../../assets/library.ron");

/// Everything wrong with one file, ready to print.
#[derive(Clone, Debug, PartialEq)]
pub struct Errors {
    /// The file's name as the user gave it.
    pub file: String,
    /// The file's text (lossily decoded), for rendering the offending lines.
    pub source: String,
    /// Every problem found, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Errors {
    /// Errors about the file as a whole (unreadable, too large).
    pub fn whole_file(file: &str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Self {
            file: file.to_string(),
            source: String::new(),
            diagnostics: vec![Diagnostic::new(Span::default(), message).with_hint(hint)],
        }
    }

    /// The first problem as one line (`file:line:col: message`), for menus.
    pub fn first_line(&self) -> String {
        self.to_string()
            .lines()
            .next()
            .unwrap_or_default()
            .to_string()
    }
}

impl fmt::Display for Errors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(diagnostic::render(&self.file, &self.source, &self.diagnostics).trim_end())
    }
}

impl std::error::Error for Errors {}

/// The built-in library of actions and events.
pub fn library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        let mut d = Decoder::new();
        // The library is part of the program and tested; an error here is a build defect,
        // and an empty library still lets scenarios with their own actions load.
        match tree::parse(LIBRARY_SOURCE) {
            Ok(root) => schema::library(&mut d, &root),
            Err(_) => Library::default(),
        }
    })
}

/// Parses and validates a scenario from a file's bytes. `file` names it in messages; its
/// stem is the scenario's id unless the file sets one.
pub fn parse(file: &str, bytes: &[u8]) -> Result<Scenario, Errors> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(too_large(file, Some(bytes.len() as u64)));
    }
    let source = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(e) => {
            let source = String::from_utf8_lossy(bytes).into_owned();
            let at = e.valid_up_to();
            let diag = Diagnostic::new(
                Span { start: at, end: at },
                "the file is not valid UTF-8 text",
            )
            .with_hint("save it as UTF-8 in your editor");
            return Err(Errors {
                file: file.to_string(),
                source,
                diagnostics: vec![diag],
            });
        }
    };
    let fail = |diagnostics| Errors {
        file: file.to_string(),
        source: source.clone(),
        diagnostics,
    };
    let root = tree::parse(&source).map_err(|d| fail(vec![d]))?;
    let id = Path::new(file)
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("scenario");
    let id = id.strip_suffix(".scenario").unwrap_or(id);
    let mut d = Decoder::new();
    let scenario = schema::scenario(&mut d, &root, id, library());
    if d.has_errors() {
        let more = d.more();
        let mut diags = d.into_diagnostics();
        diags.sort_by_key(|x| (x.span.start, x.span.end));
        if more > 0 {
            let at = diags.last().map_or(Span::default(), |x| x.span);
            diags.push(
                Diagnostic::new(at, format!("… and {more} more errors not shown"))
                    .with_hint("fix these first; is this really a scenario file?"),
            );
        }
        return Err(fail(diags));
    }
    scenario.ok_or_else(|| fail(vec![Diagnostic::new(root.span, "this is not a scenario")]))
}

/// Reads and validates a scenario file.
pub fn load(path: &Path) -> Result<Scenario, Errors> {
    let (file, bytes) = read(path)?;
    parse(&file, &bytes)
}

/// Reads a scenario file's bytes, refusing folders, devices, pipes and oversized files, with
/// the name that messages about it use. For callers that need the bytes too (the workshop's
/// content hash).
pub fn read(path: &Path) -> Result<(String, Vec<u8>), Errors> {
    use crate::storage::{ReadError, read_limited};
    let file = path.display().to_string();
    match read_limited(path, MAX_FILE_BYTES as u64) {
        Ok(bytes) => Ok((file, bytes)),
        Err(ReadError::TooLarge { size, .. }) => Err(too_large(&file, size)),
        Err(ReadError::Folder) => Err(Errors::whole_file(
            &file,
            "this is a folder, not a scenario file",
            "name a `.ron` file",
        )),
        Err(e @ ReadError::NotAFile) => Err(Errors::whole_file(
            &file,
            e.to_string(),
            "name a `.ron` file",
        )),
        Err(e @ ReadError::Io(_)) => Err(Errors::whole_file(
            &file,
            e.to_string(),
            "check the path and its permissions",
        )),
    }
}

/// The error for a file over [`MAX_FILE_BYTES`], of `size` bytes when that is known.
fn too_large(file: &str, size: Option<u64>) -> Errors {
    let limit = MAX_FILE_BYTES as u64;
    let size = crate::storage::found_size(size, limit);
    Errors::whole_file(
        file,
        format!(
            "the file is {size}; scenario files may be at most {}",
            crate::storage::bytes(limit)
        ),
        "is this really a scenario? Large data belongs elsewhere",
    )
}

/// The built-in scenario with this id.
pub fn builtin(id: &str) -> Option<Result<Scenario, Errors>> {
    let b = BUILTINS.iter().find(|b| b.id == id)?;
    Some(parse(&format!("{}.ron", b.id), b.source.as_bytes()))
}

/// A built-in scenario by id, or a scenario file by path (the rule of [`find`], with no
/// folder).
pub fn resolve(name: &str) -> Result<Scenario, Errors> {
    find(name, None)?.load()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_library_decodes_without_errors() {
        let root = tree::parse(LIBRARY_SOURCE).expect("library parses");
        let mut d = Decoder::new();
        let lib = schema::library(&mut d, &root);
        let diags = d.into_diagnostics();
        assert!(
            diags.is_empty(),
            "{}",
            diagnostic::render("library.ron", LIBRARY_SOURCE, &diags)
        );
        assert_eq!(lib.actions.len(), 17);
        // Enough for a run's director to tell different stories, each a real decision.
        assert_eq!(lib.events.len(), 22);
        for e in &lib.events {
            assert!(
                (2..=4).contains(&e.choices.len()),
                "{}: {} choices",
                e.id,
                e.choices.len()
            );
        }
    }
}
