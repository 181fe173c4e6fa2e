//! Helpers shared by the tests.

use std::sync::Arc;

use multiplier::sim::{Game, Planned, Scenario};

/// A built-in scenario, which must load.
pub fn builtin(id: &str) -> Arc<Scenario> {
    match multiplier::format::builtin(id) {
        Some(Ok(s)) => Arc::new(s),
        Some(Err(e)) => panic!("{e}"),
        None => panic!("no built-in scenario {id}"),
    }
}

/// A scenario from text, which must load.
pub fn scenario(text: &str) -> Arc<Scenario> {
    match multiplier::format::parse("test.ron", text.as_bytes()) {
        Ok(s) => Arc::new(s),
        Err(e) => panic!("{e}"),
    }
}

/// A plain team for mechanics tests: `n` engineers, one segment, no events, no arrivals of
/// surprises. `model` is spliced into the model section.
pub fn team(n: usize, model: &str) -> Arc<Scenario> {
    let people: String = (0..n)
        .map(|i| format!("(id: \"p{i}\", skill: 0.5, potential: 0.9, morale: 0.6, autonomy: 0.4, clarity: 0.4),"))
        .collect();
    scenario(&format!(
        r#"Scenario(
            title: "Test team", pitch: "p", intro: "i", weeks: 52,
            player: (hours: 40, engineering: 0.9, leadership: 0.6, management: 0.6),
            model: ({model}),
            start: (generated_items: 80, budget: 100),
            people: [{people}],
            segments: [(id: "s", name: "S", size: 300, price: 1.0, adoption: 0.05)],
        )"#
    ))
}

/// Four engineers (ids `p0`–`p3`, named P0–P3) for `weeks` weeks, and one event: `event` is
/// what goes inside its `Event(…)`. For tests of what an answer does.
pub fn four_and_an_event(weeks: u32, event: &str) -> Arc<Scenario> {
    let people: String = (0..4)
        .map(|i| format!("(id: \"p{i}\", name: \"P{i}\", skill: 0.5, potential: 0.9),"))
        .collect();
    scenario(&format!(
        r#"Scenario(
            title: "Four", pitch: "p", intro: "i", weeks: {weeks},
            player: (hours: 40, engineering: 0.5, leadership: 0.5, management: 0.5),
            start: (generated_items: 40),
            people: [{people}],
            segments: [(id: "s", name: "S", size: 300, price: 1.0, adoption: 0.05)],
            events: [Event({event})],
        )"#
    ))
}

/// Plays one week of `plan` with its feed, and answers an event it brings with its first
/// choice, as Enter does.
pub fn told_week(game: &mut Game, plan: Vec<Planned>) -> multiplier::sim::WeekReport {
    game.set_plan(plan);
    let report = game.end_week(true).expect("week plays");
    if game.pending().is_some() {
        game.choose(0).expect("choice");
    }
    report
}

/// Plays `weeks` weeks, planning each with `plan`; returns each week's output.
pub fn run(game: &mut Game, weeks: u32, mut plan: impl FnMut(&Game) -> Vec<Planned>) -> Vec<f64> {
    let mut out = Vec::new();
    for _ in 0..weeks {
        let p = plan(game);
        game.set_plan(p);
        let report = game.end_week(false).expect("week plays");
        if game.pending().is_some() {
            game.choose(0).expect("choice");
        }
        out.push(report.record.output);
    }
    out
}
