//! Money spent in fixed-term: growth bought once pays over the run, a squeeze bought every
//! week runs the budget out, and the bots that spend by style land on either side of that.

use std::sync::Arc;

use multiplier::sim::{Effect, Game, Planned, Policy, Scenario, Totals, play};

use crate::support::builtin;

/// Worlds each comparison is played in.
const SEEDS: u64 = 8;

/// What the money is spent on, in the order it is asked for each week: a squeeze bought
/// every week, and growth bought once.
const SQUEEZE: &[&str] = &["contractor", "overtime"];
const GROWTH: &[&str] = &["training", "tools"];

/// A run of fixed-term: each week `extras` first, where they are allowed and fit, then the
/// balanced bot's plan for what is left of the week but its entries of `never`; events
/// answered as the bot would. Returns the totals and the lowest budget at any week's end.
fn run(scenario: &Arc<Scenario>, seed: u64, extras: &[&str], never: &[&str]) -> (Totals, f64) {
    let mut game = Game::new(scenario.clone(), seed);
    while !game.finished() {
        let bots = Policy::Balanced.plan(game.world());
        game.set_plan(Vec::new());
        let extras = extras.iter().map(|id| Planned {
            action: (*id).to_string(),
            target: None,
        });
        let bots = bots
            .into_iter()
            .filter(|p| !never.contains(&p.action.as_str()));
        for planned in extras.chain(bots) {
            // Refused when it does not fit the week or its condition does not hold.
            let _ = game.add(planned);
        }
        game.end_week(false).expect("a week");
        if game.pending().is_some() {
            let choice = Policy::Balanced.choose(game.world());
            game.choose(choice).expect("an answer");
        }
    }
    let state = game.state();
    let lowest = state
        .history
        .iter()
        .map(|r| r.budget)
        .fold(f64::MAX, f64::min);
    (Totals::of(state), lowest)
}

/// Whether a run of `policy` ever ends a week with the budget below zero.
fn broke(scenario: &Arc<Scenario>, policy: Policy, seed: u64) -> bool {
    let game = play(scenario, policy, seed);
    game.state().history.iter().any(|r| r.budget < 0.0)
}

#[test]
fn fixed_term_offers_money_for_growth_and_for_a_squeeze() {
    let scenario = builtin("fixed-term");
    for id in SQUEEZE.iter().chain(GROWTH) {
        let action = scenario
            .action(id)
            .unwrap_or_else(|| panic!("no action {id}"));
        assert!(
            action.effects.iter().any(|e| matches!(
                e,
                Effect::Budget { by } if *by < 0.0
            )),
            "{id} spends nothing"
        );
    }
}

#[test]
fn in_fixed_term_a_squeeze_every_week_runs_out_and_growth_pays() {
    let scenario = builtin("fixed-term");
    let (mut grown_total, mut plain_total) = (0.0, 0.0);
    for seed in 0..SEEDS {
        let (squeezed, squeezed_low) = run(&scenario, seed, SQUEEZE, &[]);
        let (grown, grown_low) = run(&scenario, seed, GROWTH, &[]);
        // The bot buys growth itself: kept from it, the money stays unspent.
        let (plain, _) = run(&scenario, seed, &[], GROWTH);
        assert!(
            squeezed_low < 0.0,
            "seed {seed}: a contractor and overtime every week they were allowed never ran \
             the budget out (lowest {squeezed_low:.1})"
        );
        assert!(
            grown_low >= 0.0,
            "seed {seed}: training and tools ran the budget out (lowest {grown_low:.1})"
        );
        assert!(
            grown.value > squeezed.value,
            "seed {seed}: growth's Value {:.1} is not above the squeeze's {:.1}",
            grown.value,
            squeezed.value
        );
        grown_total += grown.value;
        plain_total += plain.value;
    }
    assert!(
        grown_total > plain_total,
        "training and tools add no Value over keeping the money: {grown_total:.1} against \
         {plain_total:.1} over {SEEDS} worlds"
    );
}

#[test]
fn in_fixed_term_the_balanced_bot_buys_growth_and_stays_within_budget() {
    let scenario = builtin("fixed-term");
    for seed in 0..SEEDS {
        let game = play(&scenario, Policy::Balanced, seed);
        let bought = |id: &str| {
            let plans = game.log().iter().flat_map(|w| &w.plan);
            plans.filter(|p| p.action == id).count()
        };
        assert_eq!(bought("training"), 1, "seed {seed}: the course, once");
        assert_eq!(bought("tools"), 1, "seed {seed}: the tools, once");
        assert!(
            !broke(&scenario, Policy::Balanced, seed),
            "seed {seed}: the balanced bot ran out of money"
        );
    }
    // Random play buys what it meets, a squeeze as often as growth, and runs out.
    let random = (0..SEEDS)
        .filter(|&s| broke(&scenario, Policy::Random, s))
        .count();
    assert!(
        random * 2 > SEEDS as usize,
        "random play, which spends freely, ran out in only {random} of {SEEDS} worlds"
    );
}
