//! What each week of a table's run took: the hours the core spent and the entries it
//! skipped. A table may plan more than a week holds (the core skips what does not fit, as
//! the table's own screen said), so the plan in the log is not what was played; the run is
//! played again to find out.

use crate::sim::{Game, GameError};

/// One week as the core played it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Played {
    /// Hours of the entries the core carried out.
    pub hours: f64,
    /// Entries of the plan it skipped (past the week's hours, a target gone, a requirement
    /// not met, past the longest plan).
    pub skipped: usize,
}

/// Every week of `game`'s run as the core played it, in order.
pub fn weeks(game: &Game) -> Result<Vec<Played>, GameError> {
    let scenario = game.scenario();
    let mut again = Game::new(scenario.clone(), game.seed());
    let mut out = Vec::with_capacity(game.log().len());
    for week in game.log() {
        again.set_plan(week.plan.clone());
        again.end_week(false)?;
        // What each entry of the week just played was aimed at, if it was taken.
        let taken = again.world().aims();
        let hours = (week.plan.iter().zip(taken))
            .filter(|(_, aim)| aim.is_some())
            .filter_map(|(p, _)| scenario.action(&p.action))
            .map(|a| a.hours)
            .sum();
        let skipped = week.plan.len() - taken.iter().take(week.plan.len()).flatten().count();
        out.push(Played { hours, skipped });
        if let Some(choice) = week.choice.filter(|_| again.pending().is_some()) {
            again.choose(choice)?;
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::sim::Planned;

    #[test]
    fn a_plan_past_the_weeks_hours_counts_only_what_was_played() {
        let scenario = Arc::new(crate::format::resolve("first-week").expect("a built-in scenario"));
        let mut game = Game::new(scenario.clone(), 7);
        let explain = (scenario.actions.iter())
            .find(|a| a.id == "explain")
            .expect("first-week has explain");
        let week = game.hours();
        let fits = (week / explain.hours).floor() as usize;
        let plan = vec![
            Planned {
                action: explain.id.clone(),
                target: None,
            };
            fits + 5
        ];
        game.set_plan(plan);
        game.end_week(false).expect("a week");
        game.set_plan(Vec::new());
        if game.pending().is_some() {
            game.choose(0).expect("a choice");
        }
        game.end_week(false).expect("a week");
        let played = weeks(&game).expect("replays");
        assert_eq!(played.len(), 2);
        assert!(
            played[0].hours <= week + 1e-9,
            "no more than the week held: {played:?}"
        );
        assert!(played[0].hours > 0.0);
        assert!(played[0].skipped >= 5, "{played:?}");
        assert_eq!(
            played[1],
            Played {
                hours: 0.0,
                skipped: 0
            }
        );
    }
}
