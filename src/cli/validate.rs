//! `multiplier validate FILE...`

use std::path::PathBuf;
use std::process::ExitCode;

/// Validates each file; prints every error of every file, then a one-line summary per file.
pub fn run(files: &[PathBuf]) -> ExitCode {
    let mut bad = 0;
    for path in files {
        match crate::format::load(path) {
            Ok(s) => println!(
                "{}: ok ({}, {} weeks, {} lessons)",
                path.display(),
                s.story.title,
                s.weeks,
                s.lessons.len()
            ),
            Err(errors) => {
                bad += 1;
                eprintln!("{errors}");
                let n = errors.diagnostics.len();
                eprintln!(
                    "{}: {n} error{}\n",
                    path.display(),
                    if n == 1 { "" } else { "s" }
                );
            }
        }
    }
    if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
