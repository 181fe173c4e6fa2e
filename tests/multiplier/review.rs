//! A run looked back on: events and choices from the history, the verdict and key moments.

use multiplier::scenario::BUILTINS;
use multiplier::sim::review::{self, BotRun, Quadrant, dividing_lines};
use multiplier::sim::{Policy, Totals, play};

use crate::support::builtin;

#[test]
fn the_history_names_every_event_and_the_choice_taken() {
    let mut seen = 0;
    for b in BUILTINS {
        let scenario = builtin(b.id);
        for seed in 0..5 {
            let game = play(&scenario, Policy::Balanced, seed);
            let events = review::events(&game);
            let chosen: Vec<(u32, usize)> = game
                .log()
                .iter()
                .enumerate()
                .filter_map(|(i, w)| w.choice.map(|c| (i as u32 + 1, c)))
                .collect();
            let decided: Vec<&review::EventChoice> =
                events.iter().filter(|e| e.choice.is_some()).collect();
            assert_eq!(decided.len(), chosen.len(), "{} seed {seed}", b.id);
            for (e, (week, c)) in decided.iter().zip(&chosen) {
                assert_eq!(e.week, *week);
                let def = scenario.events.iter().find(|d| d.title == e.event).unwrap();
                assert_eq!(e.choice.as_deref(), Some(def.choices[*c].label.as_str()));
            }
            seen += events.len();
        }
    }
    assert!(seen > 20, "the scenarios have events ({seen})");
}

#[test]
fn the_verdict_and_key_moments_come_from_the_run() {
    let scenario = builtin("brilliant-team");
    let bots = BotRun::all(&scenario, 3);
    let lines = dividing_lines(bots.iter().map(|b| b.totals));
    let of = |p: Policy| Quadrant::of(bots.iter().find(|b| b.policy == p).unwrap().totals, lines);
    assert_eq!(of(Policy::Balanced), Quadrant::ScaledAndValuable);
    assert_eq!(of(Policy::PureLeader), Quadrant::WellLedGoingNowhere);
    let game = play(&scenario, Policy::Balanced, 3);
    assert_eq!(
        Totals::of(&game),
        bots[4].totals,
        "a bot's run is the same run"
    );
    let reports = review::explained(&game);
    assert_eq!(reports.len(), game.state().history.len());
    let moments = review::key_moments(&game, &reports);
    assert!(moments.windows(2).all(|w| w[0].week <= w[1].week));
    assert!(
        moments
            .iter()
            .any(|m| m.text.starts_with("Best week for Value"))
    );
    assert!(moments.iter().any(|m| m.text.starts_with("Shipped ")));
}
