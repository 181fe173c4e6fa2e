//! Prints bots' weekly curves on one scenario and seed (a tuning aid).
use std::sync::Arc;
use multiplier::sim::{Policy, trial};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let name = args.first().map_or("blood-from-a-stone", |s| s.as_str());
    let seed: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(1);
    let scenario = Arc::new(multiplier::scenario::builtin(name).expect("built in").expect("valid"));
    for policy in Policy::ALL {
        if args.len() > 2 && !args[2..].iter().any(|a| a == policy.label()) { continue; }
        let world = trial(&scenario, policy, seed);
        println!("-- {}", policy.label());
        for r in &world.state().history {
            println!("  w{:>2} out {:>6.1} val {:>6.1} n {} skill {:.2} mor {:.2} aut {:.2} cla {:.2} adopt {:.3} sat {:.2} budget {:>6.0} debt {:.2} shipped {}",
              r.week, r.output, r.value, r.team_size, r.skill, r.morale, r.autonomy, r.clarity, r.adoption, r.satisfaction, r.budget, r.debt, r.shipped);
        }
        for seg in &world.state().segments { println!("  seg {} worth {:.1} adoption {:.3} sat {:.2}", seg.id, seg.worth, seg.adoption, seg.satisfaction); }
        println!("  total out {:.0} val {:.0}", world.state().total_output(), world.state().total_value());
    }
}
