//! The exploit search: it finds what breaks a scenario, says it in words, and the command line
//! fails on it.

use std::sync::Arc;

use multiplier::sim::search::{Rule, Strategy, describe, search};
use multiplier::sim::{Family, Scenario};

use crate::support::builtin;

/// The first week with the player's own building made absurdly strong, every need worth
/// building and customers adopting at once: coding all week is then a shortcut past leading
/// and managing.
fn broken_text() -> String {
    let text = include_str!("../../scenarios/first-week.ron").replace(
        "model: (verdict_output: 0.97, verdict_value: 0.7)",
        "model: (verdict_output: 0.97, verdict_value: 0.7, build_rate: 10.0, valuable_share: 1.0, adoption_speed: 1.0)",
    );
    assert!(text.contains("build_rate: 10.0"), "the model line moved");
    text
}

fn broken() -> Arc<Scenario> {
    let text = broken_text();
    let scenario = multiplier::format::parse("broken.ron", text.as_bytes()).expect("valid");
    Arc::new(scenario)
}

#[test]
fn a_dominant_action_is_found_and_named() {
    let scenario = broken();
    let report = search(&scenario, |_| {});
    assert!(!report.passed());
    let shortcut = report
        .findings
        .iter()
        .find(|f| f.rule == Rule::NoShortcut)
        .expect("building all week is a shortcut");
    assert!(
        shortcut.says.contains("a week of only `build`"),
        "{}",
        shortcut.says
    );
    let tried = shortcut.tried.as_ref().expect("a strategy broke it");
    assert!(tried.outcome.totals.value >= 0.9 * report.par.totals.value);
    // The best strategy found codes; it does not lead and manage.
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule == Rule::BestPlayMixes)
    );
    assert!(report.best.outcome.shares[Family::Individual as usize] > 0.5);
}

/// Version 3's value, a sum rather than a product: needs that cost little, worth that never
/// fades, adoption that saturates early. Managing alone then comes close to the best Value,
/// and the search says that value no longer needs leadership.
#[test]
fn value_without_leadership_is_found_where_the_model_lets_it() {
    let text = include_str!("../../scenarios/brilliant-team.ron").replace(
        "    model: (verdict_output: 0.6, verdict_value: 0.31),",
        "    model: (verdict_output: 0.6, verdict_value: 0.31, need_effort: 0.3, worth_decay: 0.0, unasked_fit: 1.0, adoption_half: 20),",
    );
    assert!(text.contains("need_effort: 0.3"), "the model line moved");
    let scenario = Arc::new(multiplier::format::parse("sum.ron", text.as_bytes()).expect("valid"));
    let report = search(&scenario, |_| {});
    let unled = report
        .findings
        .iter()
        .find(|f| f.rule == Rule::ValueNeedsLeadership)
        .expect("managing alone comes close");
    assert!(unled.says.contains("with no leadership"), "{}", unled.says);
    let tried = unled.tried.as_ref().expect("a strategy broke it");
    assert!(tried.outcome.shares[Family::Leadership as usize] < 0.01);
    assert!(report.rules.contains(&(Rule::ValueNeedsLeadership, false)));
}

/// First-week stretched to 20 weeks has nothing that moves under a plan: a routine set in
/// week 1 matches adapting, and the search says so with the routine that does. Every built-in
/// scenario of 20 weeks or more holds the rule (`.ci/run` checks them all).
#[test]
fn a_routine_that_matches_adapting_is_found() {
    let text =
        include_str!("../../scenarios/first-week.ron").replace("    weeks: 12,", "    weeks: 20,");
    assert!(text.contains("weeks: 20,"), "the weeks line moved");
    let scenario = Arc::new(multiplier::format::parse("long.ron", text.as_bytes()).expect("valid"));
    let report = search(&scenario, |_| {});
    assert!(report.rules.contains(&(Rule::AdaptingPays, false)));
    let found = report
        .findings
        .iter()
        .find(|f| f.rule == Rule::AdaptingPays)
        .expect("a routine matches adapting");
    assert!(
        found.says.contains("the same week every week"),
        "{}",
        found.says
    );
    let (routine, share) = report.routine.as_ref().expect("a routine");
    assert!(*share > multiplier::sim::search::ROUTINE_AT_MOST);
    assert_eq!(found.tried.as_ref(), Some(routine));
    // The scenario as shipped, 12 weeks, is too short to be judged on it.
    let short = search(&builtin("first-week"), |_| {});
    assert!(short.rules.iter().all(|(r, _)| *r != Rule::AdaptingPays));
}

/// Every rule a report lists as holding has no finding, and every finding's rule is listed
/// as broken; each strategy tried is described in words, never by place.
#[test]
fn the_report_agrees_with_itself() {
    let scenario = builtin("first-week");
    let report = search(&scenario, |_| {});
    for (rule, held) in &report.rules {
        let found = report.findings.iter().any(|f| f.rule == *rule);
        assert_eq!(*held, !found, "{rule}");
    }
    assert!(report.tried > 100, "only {} strategies tried", report.tried);
    let words = describe(&scenario, &report.best.strategy);
    assert!(!words.is_empty());
    let idle = describe(&scenario, &Strategy::Every(Vec::new()));
    assert_eq!(idle, "a week of doing nothing");
    // The plans that never adapt, in the one sentence each the command line and the Author
    // view share.
    let routine = report.routine_says(&scenario);
    assert_eq!(routine.is_some(), report.routine.is_some());
    if let (Some(says), Some((tried, _))) = (&routine, &report.routine) {
        assert!(
            says.contains(&describe(&scenario, &tried.strategy)),
            "{says}"
        );
    }
    let frozen = multiplier::sim::search::Rule::Promise(
        multiplier::sim::promises::Promise::FrozenFallsBehind,
    );
    let judged = report.rules.iter().find(|(r, _)| *r == frozen);
    assert_eq!(
        report.frozen_says().map(|(held, _)| held),
        judged.map(|(_, held)| *held)
    );
}

/// The search's progress rises to 1, and the same scenario gives the same report.
#[test]
fn the_search_is_deterministic_and_reports_progress() {
    let scenario = builtin("first-week");
    let mut last = 0.0;
    let a = search(&scenario, |share| {
        assert!(share >= last, "progress went back from {last} to {share}");
        last = share;
    });
    assert!((last - 1.0).abs() < 1e-9, "progress ended at {last}");
    let b = search(&scenario, |_| {});
    assert_eq!(a.findings, b.findings);
    assert_eq!(a.best, b.best);
}

/// `multiplier check FILE --search` prints the counterexample and exits 1.
#[test]
fn the_command_line_fails_on_a_finding() {
    let dir = std::env::temp_dir().join(format!("multiplier-search-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let file = dir.join("broken.ron");
    std::fs::write(&file, broken_text()).expect("written");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_multiplier"))
        .args([
            "check",
            file.to_str().expect("a path"),
            "--seeds",
            "5",
            "--search",
        ])
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout.contains("FAIL no single action repeated all week comes close"),
        "{stdout}"
    );
    assert!(stdout.contains("a week of only `build`"), "{stdout}");
    assert!(stdout.contains("best found:"), "{stdout}");
    std::fs::remove_dir_all(&dir).ok();
}
