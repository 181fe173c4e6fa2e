//! Prints the model's promises, measured on every built-in scenario (a tuning aid).
use std::sync::Arc;
use multiplier::sim::promises::measure;
use multiplier::sim::review::Quadrant;

fn main() {
    let only: Vec<String> = std::env::args().skip(1).collect();
    for b in multiplier::scenario::BUILTINS {
        let name = b.id;
        if !only.is_empty() && !only.iter().any(|o| o == name) { continue; }
        let scenario = Arc::new(multiplier::scenario::builtin(name).expect("built in").expect("valid"));
        let m = measure(&scenario);
        println!("== {name}");
        for (label, t) in [("squeeze", &m.squeeze), ("coding", &m.coding)] {
            if let Some(t) = t {
                println!("  {label}: {} {:.3}/h vs {} {:.3}/h; overtaken {:?} (cum {})", t.action, t.gain_per_hour, t.leadership.0, t.leadership.1, t.overtaken, t.cumulative);
            }
        }
        let mg: Vec<String> = m.management.iter().map(|e| format!("{} {:+.1}%", e.action, e.gain*100.0)).collect();
        println!("  management: {}", mg.join(", "));
        for l in &m.landings {
            let q: Vec<String> = Quadrant::ALL.iter().map(|q| format!("{:.0}", l.share(*q)*100.0)).collect();
            println!("  {:<13} S&V/WLGN/BFAS/N {}  hours {:.0}%  par O {:.0}% V {:.0}%", l.policy.label(), q.join("/"), l.hours_used*100.0, l.of_par.output*100.0, l.of_par.value*100.0);
        }
        if let Some(f) = m.frozen { println!("  frozen: O {:.0}% V {:.0}%", f.output*100.0, f.value*100.0); }
    }
}
