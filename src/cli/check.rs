//! `multiplier check SCENARIO [--seeds N] [--search]`

use std::io::Write;
use std::process::ExitCode;

use crate::sim::search::{SEARCH_SEEDS, SearchReport, describe};
use crate::sim::{Policy, Scenario, check, search};
use crate::text;

/// Plays every policy over the seeds and prints the spread and each lesson's verdict; with
/// `search`, the exploit search's findings too. Exits 1 when a lesson or a rule falls.
pub fn run(scenario: &str, seeds: u64, search_too: bool) -> ExitCode {
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
                format!(
                    "{}–{}",
                    text::whole(s.min.output),
                    text::whole(s.max.output)
                ),
                s.mean.value,
                format!("{}–{}", text::whole(s.min.value), text::whole(s.max.value))
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
            "{} {}\n     {} {} vs {} {} on {}: held in {} of seeds (needs {})",
            if r.passed() { "PASS" } else { "FAIL" },
            l.text,
            l.better.name(),
            text::fixed(r.better_mean, 1),
            l.worse.name(),
            text::fixed(r.worse_mean, 1),
            l.score.name(),
            text::percent(r.held),
            text::percent(l.share)
        );
    }
    let mut passed = report.passed();
    if search_too {
        println!();
        let mut err = std::io::stderr();
        let found = search(&scenario, |share| {
            let _ = write!(err, "\rsearching… {:>3.0}%", share * 100.0);
            let _ = err.flush();
        });
        let _ = writeln!(err, "\r{:20}\r", "");
        print_search(&scenario, &found);
        passed &= found.passed();
    }
    if passed {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The search's report: what was tried, the best found, each rule and each counterexample.
fn print_search(scenario: &Scenario, found: &SearchReport) {
    let t = &found.best.outcome.totals;
    println!(
        "exploit search: {} strategies, each on {SEARCH_SEEDS} seeds",
        found.tried
    );
    println!(
        "     par (the balanced bot): output {}, value {}",
        text::fixed(found.par.totals.output, 1),
        text::fixed(found.par.totals.value, 1)
    );
    println!(
        "     best found: {}: output {}, value {}",
        describe(scenario, &found.best.strategy),
        text::fixed(t.output, 1),
        text::fixed(t.value, 1)
    );
    if let Some(routine) = found.routine_says(scenario) {
        println!("     {routine}");
    }
    for (rule, held) in &found.rules {
        let name = match rule {
            crate::sim::search::Rule::Lesson(i) => scenario
                .lessons
                .get(*i)
                .map_or_else(|| rule.to_string(), |l| format!("lesson: {}", l.text)),
            other => other.to_string(),
        };
        println!("{} {name}", if *held { "PASS" } else { "FAIL" });
        let mut said = false;
        for f in found.findings.iter().filter(|f| f.rule == *rule) {
            println!("     {}", f.says);
            said = true;
        }
        if !said {
            for (_, note) in found.notes.iter().filter(|(r, _)| r == rule) {
                println!("     {note}");
            }
        }
    }
}
