//! `multiplier validate FILE...`

use std::path::PathBuf;
use std::process::ExitCode;

use crate::text;

/// Validates each file; prints every error of every file, then a one-line summary per file.
pub fn run(files: &[PathBuf]) -> ExitCode {
    let mut bad = 0;
    for path in files {
        match crate::format::load(path) {
            Ok(s) => println!(
                "{}: ok ({}, {}, {})",
                path.display(),
                s.story.title,
                text::count(s.weeks as usize, "week"),
                text::count(s.lessons.len(), "lesson")
            ),
            Err(errors) => {
                bad += 1;
                eprintln!("{errors}");
                let n = errors.diagnostics.len();
                eprintln!("{}: {}\n", path.display(), text::count(n, "error"));
            }
        }
    }
    if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
