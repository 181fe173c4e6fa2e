//! A fingerprint of what the simulation computes: every built-in scenario played by every
//! bot over many seeds (final state and every week's record, to the last bit), the same runs
//! played week by week with the feed's explanations, their logs replayed, and each
//! scenario's lesson check. Refactors of the core must leave it unchanged.
//!
//! `cargo run --release --no-default-features --example fingerprint [SEEDS]`
//!
//! It prints one SHA-256 per part and one for the whole. The parts hash the `Debug` text of
//! the core's types (floats printed exactly), so a change of a type's fields changes the
//! state part's hash without changing a number; the `numbers` part hashes only the weekly
//! scores and totals, bit for bit, and stays put through such a change.

use std::fmt::Write as _;
use std::sync::Arc;

use multiplier::format::{BUILTINS, builtin};
use multiplier::sim::{Game, Policy, Scenario, check, play};
use sha2::{Digest, Sha256};

fn main() {
    let seeds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(40);
    let mut parts: Vec<(&str, Sha256)> = ["numbers", "states", "explained", "replays", "checks"]
        .into_iter()
        .map(|name| (name, Sha256::new()))
        .collect();
    for b in BUILTINS {
        let scenario = match builtin(b.id) {
            Some(Ok(s)) => Arc::new(s),
            _ => panic!("built-in scenario {} does not load", b.id),
        };
        for policy in Policy::ALL {
            for seed in 0..seeds {
                let game = play(&scenario, policy, seed);
                parts[0].1.update(numbers(&game));
                parts[1].1.update(format!("{:?}", game.state()));
                parts[2].1.update(explained(&scenario, policy, seed));
                let replayed = Game::replay(scenario.clone(), seed, game.log())
                    .map(|g| format!("{:?}", g.state()))
                    .unwrap_or_else(|e| format!("replay failed: {e}"));
                parts[3].1.update(replayed);
            }
        }
        parts[4]
            .1
            .update(format!("{:?}", check(&scenario, seeds, |_| {})));
    }
    let mut whole = Sha256::new();
    for (name, hasher) in parts {
        let hex = hex(&hasher.finalize());
        println!("{name:<10} {hex}");
        whole.update(hex);
    }
    println!("{:<10} {}", "all", hex(&whole.finalize()));
}

/// Every week's Output and Value and the run's totals, as bits.
fn numbers(game: &Game) -> Vec<u8> {
    let mut out = Vec::new();
    for r in &game.state().history {
        out.extend(r.week.to_le_bytes());
        out.extend(r.output.to_bits().to_le_bytes());
        out.extend(r.value.to_bits().to_le_bytes());
    }
    out.extend(game.state().total_output().to_bits().to_le_bytes());
    out.extend(game.state().total_value().to_bits().to_le_bytes());
    out
}

/// The run played week by week as the game plays it, with every week's report.
fn explained(scenario: &Arc<Scenario>, policy: Policy, seed: u64) -> String {
    let mut game = Game::new(scenario.clone(), seed);
    let mut text = String::new();
    while !game.finished() {
        game.set_plan(policy.plan(game.world()));
        match game.end_week(true) {
            Ok(report) => {
                let _ = write!(text, "{report:?}");
            }
            Err(e) => {
                let _ = write!(text, "end_week failed: {e}");
                break;
            }
        }
        if game.pending().is_some() && game.choose(policy.choose(game.world())).is_err() {
            text.push_str("choose failed");
            break;
        }
    }
    let _ = write!(text, "{:?}", game.state());
    text
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}
