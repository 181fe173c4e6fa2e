//! `multiplier check SCENARIO --seeds N`

use std::process::ExitCode;

use crate::sim::{Policy, check};

/// Plays every policy over the seeds and prints the spread and each lesson's verdict.
pub fn run(scenario: &str, seeds: u64) -> ExitCode {
    let scenario = match super::scenario_or_exit(scenario) {
        Ok(s) => s,
        Err(code) => return code,
    };
    let report = check(&scenario, seeds, |_| {});
    println!("{} · {seeds} seeds\n", scenario.story.title);
    println!(
        "{:<14} {:>10} {:>10} {:>10} {:>10}",
        "policy", "output", "(min–max)", "value", "(min–max)"
    );
    for policy in Policy::ALL {
        if let Some(s) = report.spread(policy) {
            println!(
                "{:<14} {:>10.1} {:>10} {:>10.1} {:>10}",
                policy.name(),
                s.mean.output,
                format!("{:.0}–{:.0}", s.min.output, s.max.output),
                s.mean.value,
                format!("{:.0}–{:.0}", s.min.value, s.max.value)
            );
        }
    }
    println!();
    if report.lessons.is_empty() {
        println!("this scenario declares no lessons");
    }
    for r in &report.lessons {
        let l = &r.lesson;
        println!(
            "{} {}\n     {} {:.1} vs {} {:.1} on {}: held in {:.0}% of seeds (needs {:.0}%)",
            if r.passed() { "PASS" } else { "FAIL" },
            l.text,
            l.better.name(),
            r.better_mean,
            l.worse.name(),
            r.worse_mean,
            l.score.name(),
            r.held * 100.0,
            l.share * 100.0
        );
    }
    if report.passed() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
