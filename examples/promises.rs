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
        let mg: Vec<String> = m.management.iter().map(|e| format!("{} {:+.1}% ({:.2}/h)", e.action, e.gain*100.0, e.per_hour)).collect();
        println!("  management: {}", mg.join(", "));
        for l in &m.landings {
            let q: Vec<String> = Quadrant::ALL.iter().map(|q| format!("{:.0}", l.share(*q)*100.0)).collect();
            println!("  {:<13} S&V/WLGN/BFAS/N {}  hours {:.0}%  par O {:.0}% V {:.0}%", l.policy.label(), q.join("/"), l.hours_used*100.0, l.of_par.output*100.0, l.of_par.value*100.0);
        }
        if let Some(money) = &m.money { println!("  money: broke {:?}", money.broke.iter().map(|(p, b)| format!("{} {:.0}%", p.label(), b*100.0)).collect::<Vec<_>>()); }
        if let Some(s) = &m.spree { println!("  spree: {:.0}% of idle, {:.0}% of leader", s.of_idle*100.0, s.of_leader*100.0); }
        if std::env::var("LINES").is_ok() { lines_table(&m); }
        if let Some(f) = m.frozen { println!("  frozen: O {:.0}% V {:.0}%", f.output*100.0, f.value*100.0); }
    }
}

/// Shares of seeds each archetype would land where named under other lines.
fn lines_table(m: &multiplier::sim::promises::Measured) {
    use multiplier::sim::Policy;
    let spec = std::env::var("LINES").unwrap_or_default();
    let pairs: Vec<(f64, f64)> = spec.split(';').filter_map(|p| { let (a, b) = p.split_once(',')?; Some((a.parse().ok()?, b.parse().ok()?)) }).collect();
    for (o, v) in pairs {
        let share = |p: Policy, f: &dyn Fn(f64, f64) -> bool| {
            let l = m.landing(p).expect("landing");
            l.seeds.iter().filter(|t| f(t.output, t.value)).count() as f64 / l.seeds.len() as f64 * 100.0
        };
        println!("    lines {o}/{v}: leader WLGN {:.0} micro BFAS {:.0} manager BFAS {:.0} random S&V {:.0}",
            share(Policy::PureLeader, &|a, b| a >= o && b < v),
            share(Policy::Micromanager, &|a, b| a < o && b >= v),
            share(Policy::PureManager, &|a, b| a < o && b >= v),
            share(Policy::Random, &|a, b| a >= o && b >= v));
    }
}
