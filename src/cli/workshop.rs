//! `multiplier code SCENARIO [--timer TIME]`, `multiplier verify RESULT... [--scenario FILE]`
//! and `multiplier report RESULT... --out FILE [--scenario FILE]`

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::storage::write_atomic;
use crate::text;
use crate::workshop::{Code, HashedScenario, Report, Verdict, verify_files};

/// Prints a fresh code for `scenario`: exit 1 if the scenario does not load, 2 for a timer
/// out of range.
pub fn code(scenario: &str, timer: Option<&str>) -> ExitCode {
    // The timer is checked by the code parser itself, so both accept the same forms.
    let week_seconds = match timer.map(|t| Code::parse(&format!("x-1-{}", t.trim()))) {
        None => None,
        Some(Ok(c)) if c.week_seconds.is_some() => c.week_seconds,
        Some(Ok(_)) | Some(Err(_)) => {
            eprintln!(
                "multiplier: `{}` is not a week timer: write seconds or minutes, like `90s` or `2m` (10 seconds to 60 minutes)",
                timer.unwrap_or_default()
            );
            return ExitCode::from(2);
        }
    };
    let hashed = match HashedScenario::resolve(scenario) {
        Ok(h) => h,
        Err(errors) => {
            eprintln!("{errors}");
            return ExitCode::from(1);
        }
    };
    let id = &hashed.scenario.story.id;
    // The seed only has to differ between workshops; the clock is enough for that.
    let entropy = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos() as u64 ^ d.as_secs());
    let code = Code::fresh(id, entropy, week_seconds);
    println!("{code}");
    println!(
        "Tables enter it under “Join a workshop” on the title screen, or run: multiplier --workshop {code}"
    );
    if !crate::format::BUILTINS.iter().any(|b| b.id == id) {
        println!(
            "Each table needs the scenario file in its game's scenario folder, named {id}.ron; \
             make the report with --scenario {scenario}"
        );
    }
    ExitCode::SUCCESS
}

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
        match verdict {
            Verdict::Verified => {}
            // The run is on the leaderboard from the file given first.
            Verdict::Duplicate(_) => eprintln!("{}: {verdict}", path.display()),
            _ => eprintln!(
                "{}: {verdict} (left out of the leaderboard)",
                path.display()
            ),
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
        "{}: {} of {}",
        out.display(),
        text::count(report.tables.len(), "verified table"),
        text::count(report.files.len(), "file"),
    );
    ExitCode::SUCCESS
}
