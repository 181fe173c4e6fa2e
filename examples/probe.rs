use multiplier::sim::{Policy, Totals, play};
use std::sync::Arc;
fn main() {
    for b in multiplier::scenario::BUILTINS {
        let s = Arc::new(multiplier::scenario::builtin(b.id).unwrap().unwrap());
        let mut row = Vec::new();
        let mut ratios = vec![Vec::new(); 6];
        for seed in 0..30 {
            let par = Totals::of(&play(&s, Policy::Balanced, seed));
            for p in Policy::ALL {
                let t = Totals::of(&play(&s, p, seed));
                ratios[p as usize].push((t.output / par.output, t.value / par.value));
            }
        }
        for p in Policy::ALL {
            let r = &ratios[p as usize];
            let mut o: Vec<f64> = r.iter().map(|x| x.0).collect();
            o.sort_by(f64::total_cmp);
            let mut v: Vec<f64> = r.iter().map(|x| x.1).collect();
            v.sort_by(f64::total_cmp);
            row.push(format!(
                "{} o{:.2}-{:.2} v{:.2}-{:.2}",
                &p.name()[..5],
                o[1],
                o[28],
                v[1],
                v[28]
            ));
        }
        println!("{:<19} {}", b.id, row.join(" | "));
    }
}
