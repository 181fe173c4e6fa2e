//! A run looked back on: events and choices from the history, the verdict and key moments.

use multiplier::format::BUILTINS;
use multiplier::sim::review::{self, BotRun, Quadrant, dividing_lines};
use multiplier::sim::{Policy, Totals, play};

use crate::support::builtin;

#[test]
fn the_history_names_every_event_and_the_choice_taken() {
    let (mut seen, mut named) = (0, 0);
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
                // A label that names the event's subject says "them": the history keeps
                // no subject, and "{name}" read as a fault in the debrief's key moments.
                let label = &def.choices[*c].label;
                named += usize::from(label.contains("{name}"));
                let said = label.replace("{name}", "them");
                assert_eq!(e.choice.as_deref(), Some(said.as_str()));
            }
            seen += events.len();
        }
    }
    assert!(seen > 20, "the scenarios have events ({seen})");
    assert!(named > 0, "an answer names its event's subject");
}

#[test]
fn the_verdict_and_key_moments_come_from_the_run() {
    let scenario = builtin("brilliant-team");
    let bots = BotRun::all(&scenario, 3);
    let par = bots
        .iter()
        .find(|b| b.policy == Policy::Balanced)
        .unwrap()
        .totals;
    let lines = dividing_lines(par, &scenario.model);
    let of = |p: Policy| Quadrant::of(bots.iter().find(|b| b.policy == p).unwrap().totals, lines);
    assert_eq!(of(Policy::Balanced), Quadrant::ScaledAndValuable);
    assert_eq!(of(Policy::PureLeader), Quadrant::WellLedGoingNowhere);
    let game = play(&scenario, Policy::Balanced, 3);
    assert_eq!(
        Totals::of(game.state()),
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

/// One number, one source: the debrief's key moment of the best item shipped says the worth
/// the week's feed said when it shipped.
#[test]
fn a_shipped_items_worth_is_the_same_in_the_feed_and_the_key_moments() {
    use multiplier::sim::Game;
    let mut checked = 0;
    for b in BUILTINS {
        let scenario = builtin(b.id);
        let bot = play(&scenario, Policy::Balanced, 2);
        let mut game = Game::new(scenario.clone(), 2);
        let mut reports = Vec::new();
        for week in bot.log() {
            game.set_plan(week.plan.clone());
            reports.push(game.end_week(true).expect("the week plays"));
            if let Some(c) = week.choice.filter(|_| game.pending().is_some()) {
                game.choose(c).expect("the bot's choice");
            }
        }
        let moments = review::key_moments(&game, &reports);
        let Some(shipped) = moments.iter().find(|m| m.text.starts_with("Shipped ")) else {
            continue;
        };
        let worth = shipped
            .text
            .split("(worth ")
            .nth(1)
            .and_then(|r| r.split(' ').next())
            .expect("the moment says a worth");
        let fed = reports[shipped.week as usize - 1]
            .causes
            .iter()
            .any(|c| c.text.contains(&format!(": worth {worth} to customers")));
        assert!(
            fed,
            "{}: {} is not what the feed of week {} said",
            b.id, shipped.text, shipped.week
        );
        checked += 1;
    }
    assert!(
        checked >= 4,
        "only {checked} scenarios shipped something worth a moment"
    );
}

/// The debrief's words follow the run's own curves.
#[test]
fn the_words_describe_this_runs_curves() {
    let scenario = builtin("brilliant-team");
    let balanced = play(&scenario, Policy::Balanced, 1);
    let words = review::curves_in_words(&balanced.state().history);
    assert!(words.contains("weekly output rose"), "{words}");
    assert!(words.contains("weekly value rose"), "{words}");
    let micro = play(&scenario, Policy::Micromanager, 1);
    let words = review::curves_in_words(&micro.state().history);
    assert!(words.contains("weekly output fell"), "{words}");
}
