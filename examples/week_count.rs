//! The benchmark's 10-person week (`benches/sim.rs`, "one week, 10 people (numbers only)")
//! played on 1,000 copies, for counting its instructions: unlike a timing, the count is the
//! same on every run however busy the machine is.
//!
//! ```text
//! cargo build --release --no-default-features --example week_count
//! valgrind --tool=callgrind --toggle-collect=week_count::weeks \
//!     $CARGO_TARGET_DIR/release/examples/week_count
//! ```
//!
//! The count collected, divided by 1,000, is one week's instructions.

use std::hint::black_box;
use std::sync::Arc;

use multiplier::format::builtin;
use multiplier::sim::{Game, Policy};

#[path = "../benches/common/ten_person.rs"]
mod ten_person;

/// The allocator the `multiplier` binary uses, so the count is the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Copies of the week measured.
const COPIES: usize = 1_000;

fn main() {
    let Some(Ok(scenario)) = builtin("brilliant-team") else {
        eprintln!("brilliant-team is a valid built-in");
        std::process::exit(1);
    };
    let scenario = Arc::new(scenario);
    let base = ten_person::ten_person_game(&scenario);
    let Some(base) = base else {
        eprintln!("no seed keeps ten people to week 10");
        std::process::exit(1);
    };
    let plan = Policy::Balanced.plan(base.world());
    let mut games: Vec<Game> = (0..COPIES)
        .map(|_| {
            let mut g = base.clone();
            g.set_plan(plan.clone());
            g
        })
        .collect();
    println!("{}", weeks(&mut games));
}

/// Plays the week on every copy; what callgrind counts.
#[inline(never)]
fn weeks(games: &mut [Game]) -> f64 {
    games
        .iter_mut()
        .filter_map(|g| black_box(g.end_week(false)).ok())
        .map(|r| r.record.output)
        .sum()
}
