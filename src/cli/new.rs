//! `multiplier new NAME [--path DIR_OR_FILE] [--force]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::format::starter::{self, CreateError};
use crate::storage::DataDir;

/// Writes a commented starter scenario and prints what to do next.
///
/// Without `--path` the file goes into the game's scenario folder, so the game lists it
/// straight away. Exit codes: 0 written, 1 cannot write (or would overwrite), 2 bad usage.
pub fn run(name: &str, path: Option<&Path>, force: bool) -> ExitCode {
    if starter::slug(name).is_none() {
        eprintln!("error: {}", CreateError::EmptyName);
        return ExitCode::from(2);
    }
    // The user's folder is needed for the default place and to say whether the game will
    // list the file; only the default place makes it required.
    let folder = DataDir::from_env_or_os().map(|d| d.scenarios());
    let place: PathBuf = match (path, &folder) {
        (Some(p), _) => p.to_path_buf(),
        (None, Ok(dir)) => dir.clone(),
        (None, Err(e)) => {
            eprintln!("error: {e}; or give a folder with --path");
            return ExitCode::from(1);
        }
    };
    let Some(file) = starter::target(name, &place) else {
        eprintln!("error: {}", CreateError::EmptyName);
        return ExitCode::from(2);
    };
    if let Err(e) = starter::create(&file, name, force) {
        eprintln!("error: {e}");
        return ExitCode::from(1);
    }
    let shown = shell_word(&file);
    println!("wrote {shown}\n");
    println!("next steps:");
    println!("  1. open it in a text editor: its comments explain every section");
    println!("  2. multiplier validate {shown}");
    println!("       lists every mistake at once, with its line and a hint");
    println!("  3. multiplier check {shown}");
    println!("       plays 200 worlds with every bot: do your lessons hold?");
    let listed = folder
        .as_ref()
        .is_ok_and(|dir| file.parent().is_some_and(|p| same_folder(p, dir)));
    match &folder {
        _ if listed => println!("  4. open the game: it lists the scenarios in this folder"),
        Ok(dir) => println!(
            "  4. to play it in the game, put it in {} (the game lists that folder),\n     or try it now: multiplier play {shown}",
            dir.display()
        ),
        Err(_) => println!("  4. try it: multiplier play {shown}"),
    }
    println!("\nthe format, with a tutorial: docs/scenario-format.md");
    ExitCode::SUCCESS
}

/// A path as one word to paste into a shell: quoted when it holds spaces or quotes.
fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    if text.contains(|c: char| c.is_whitespace() || c == '\'' || c == '"') {
        format!("\"{}\"", text.replace('"', "\\\""))
    } else {
        text
    }
}

/// Whether two paths are the same folder, however they were written.
fn same_folder(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}
