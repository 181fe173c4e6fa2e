use multiplier::format::{BUILTINS, builtin};
use multiplier::sim::review::{Quadrant, dividing_lines};
use multiplier::sim::{Policy, Totals, trial};
use std::sync::Arc;

fn main() {
    let n: u64 = std::env::args().nth(1).map_or(200, |a| a.parse().unwrap());
    for b in BUILTINS {
        let s = Arc::new(builtin(b.id).unwrap().unwrap());
        if s.weeks < 20 {
            continue;
        }
        let mut hit = [0usize; 4];
        for seed in 0..n {
            let par = Totals::of(trial(&s, Policy::Balanced, seed).state());
            let lines = dividing_lines(par, &s.model);
            for (k, (p, q)) in [
                (Policy::PureLeader, Quadrant::WellLedGoingNowhere),
                (Policy::PureManager, Quadrant::BloodFromAStone),
                (Policy::Micromanager, Quadrant::BloodFromAStone),
                (Policy::Random, Quadrant::ScaledAndValuable),
            ]
            .into_iter()
            .enumerate()
            {
                let t = Totals::of(trial(&s, p, seed).state());
                hit[k] += usize::from(Quadrant::of(t, lines) == q);
            }
        }
        let pc = |k: usize| hit[k] as f64 / n as f64 * 100.0;
        println!(
            "{}: pure leader {:.1}% pure manager {:.1}% micromanager {:.1}% random scaled&valuable {:.1}%",
            b.id,
            pc(0),
            pc(1),
            pc(2),
            pc(3)
        );
    }
}
