//! The week the speed goal names, shared by the benchmark (`benches/sim.rs`) and the
//! instruction count (`examples/week_count.rs`), so that both measure the same week.

use std::sync::Arc;

use multiplier::sim::{Game, Planned, Policy, Scenario};

/// A ten-person team at week 10: `scenario` (the brilliant team, six people) hires until it
/// is ten, then the balanced bot plays; the first seed whose team is exactly ten at week 10
/// is used, so the week measured is the one the speed goal names whatever the model's tuning.
/// `None` if no seed of the first hundred keeps ten.
pub fn ten_person_game(scenario: &Arc<Scenario>) -> Option<Game> {
    (0..100).find_map(|seed| {
        let mut game = Game::new(scenario.clone(), seed);
        while game.week() < 10 {
            let plan = if game.state().people.len() < 10 {
                vec![Planned::new("hire")]
            } else {
                Policy::Balanced.plan(game.world())
            };
            game.set_plan(plan);
            game.end_week(false).ok()?;
            if game.pending().is_some() {
                game.choose(Policy::Balanced.choose(game.world())).ok()?;
            }
        }
        (game.state().people.len() == 10).then_some(game)
    })
}
