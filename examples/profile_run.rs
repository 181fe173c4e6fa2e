//! Plays the 52-week balanced run the benchmark times, for a profiler.
use std::sync::Arc;
use multiplier::sim::{Policy, Scenario, trial};
fn main() {
    let s = multiplier::scenario::builtin("brilliant-team").expect("b").expect("v");
    let long = Arc::new(Scenario { weeks: 52, ..s });
    let mut t = 0.0;
    for _ in 0..20000 { t += trial(&long, Policy::Balanced, 3).state().total_value(); }
    println!("{t}");
}
