//! `multiplier verify RESULT... [--scenario FILE]` and
//! `multiplier report RESULT... --out FILE [--scenario FILE]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::storage::write_atomic;
use crate::workshop::{HashedScenario, Report, Verdict, verify_files};

/// Replays every result and prints one line per file; exit 0 only if all verify.
pub fn verify(results: &[PathBuf], scenario: Option<&Path>) -> ExitCode {
    let scenario = match scenario.map(HashedScenario::load).transpose() {
        Ok(s) => s,
        Err(errors) => {
            eprintln!("{errors}");
            return ExitCode::from(1);
        }
    };
    let checked = verify_files(results, scenario.as_ref());
    for c in &checked {
        let team = c
            .result
            .as_ref()
            .map_or_else(String::new, |r| format!(" ({})", r.team));
        let line = format!("{}{team}: {}", c.path.display(), c.verdict);
        if c.verdict.verified() {
            println!("{line}");
        } else {
            eprintln!("{line}");
        }
    }
    if checked.iter().all(|c| c.verdict.verified()) {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Writes the HTML report; files that do not verify are listed on stderr and in the page.
pub fn report(results: &[PathBuf], out: &Path, scenario: Option<&Path>) -> ExitCode {
    let scenario = match scenario.map(HashedScenario::load).transpose() {
        Ok(s) => s,
        Err(errors) => {
            eprintln!("{errors}");
            return ExitCode::from(1);
        }
    };
    let report = match Report::build(results, scenario.as_ref()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    for (path, _, verdict) in &report.files {
        if !matches!(verdict, Verdict::Verified) {
            eprintln!(
                "{}: {verdict} (left out of the leaderboard)",
                path.display()
            );
        }
    }
    let html = match report.html() {
        Ok(h) => h,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    if let Err(e) = write_atomic(out, html.as_bytes()) {
        eprintln!("error: cannot write {}: {e}", out.display());
        return ExitCode::from(1);
    }
    println!(
        "{}: {} verified table{} of {} file{}",
        out.display(),
        report.tables.len(),
        if report.tables.len() == 1 { "" } else { "s" },
        report.files.len(),
        if report.files.len() == 1 { "" } else { "s" },
    );
    ExitCode::SUCCESS
}
