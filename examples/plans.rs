//! Prints a bot's plan week by week on one scenario and seed (a tuning aid).
use std::sync::Arc;
use multiplier::sim::{Game, Policy};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let name = args.first().map_or("super-engineer", |s| s.as_str());
    let seed: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    let policy = Policy::ALL.into_iter().find(|p| args.get(2).is_some_and(|a| a == p.label())).unwrap_or(Policy::Balanced);
    let scenario = Arc::new(multiplier::scenario::builtin(name).expect("built in").expect("valid"));
    let mut game = Game::new(scenario, seed);
    while !game.finished() {
        let plan = policy.plan(game.world());
        let words: Vec<String> = plan.iter().map(|p| format!("{}{}", p.action, p.target.as_ref().map(|t| format!("@{t}")).unwrap_or_default())).collect();
        game.set_plan(plan);
        let r = game.end_week(true).expect("week");
        println!("w{:>2} out {:>5.1} val {:>6.1}: {}", r.record.week, r.record.output, r.record.value, words.join(" "));
        if std::env::var("FEED").is_ok() { for c in &r.causes { if c.topic != multiplier::sim::Topic::Action { println!("      {:?}: {}", c.topic, c.text); } } }
        if game.pending().is_some() { let c = policy.choose(game.world()); let _ = game.choose(c); }
    }
}
