//! The debrief's numbers, computed once when a run ends: the run beside every bot on the same
//! world, the quadrant it lands in and the weeks worth remembering, all from
//! [`crate::sim::review`], as the facilitator's report has them.

use std::sync::Arc;

use super::Run;
use crate::sim::review::{self, BotRun, Moment, Quadrant};
use crate::sim::{Family, Game, Scenario, Totals};

/// What the debrief shows.
#[derive(Clone, Debug)]
pub struct Debrief {
    /// The player's totals.
    pub totals: Totals,
    /// Every bot on the same scenario and seed.
    pub bots: Vec<BotRun>,
    /// Where the quadrant is divided: shares of the balanced bot's totals on the same world
    /// ([`review::dividing_lines`]).
    pub lines: Totals,
    /// Where the run lands.
    pub quadrant: Quadrant,
    /// The weeks worth remembering, in order.
    pub moments: Vec<Moment>,
}

impl Debrief {
    /// Plays every bot on the run's seed and picks out the key moments: as long as the
    /// scenario makes it, so the game does this off the frame thread.
    pub fn of(run: &Run) -> Self {
        Self::compare(
            Totals::of(run.game.state()),
            review::key_moments(&run.game, &run.reports),
            run.game.scenario(),
            run.game.seed(),
        )
    }

    /// The debrief of a run with these totals and moments, the bots playing `scenario` on
    /// `seed`.
    pub fn compare(
        totals: Totals,
        moments: Vec<Moment>,
        scenario: &Arc<Scenario>,
        seed: u64,
    ) -> Self {
        let bots = BotRun::all(scenario, seed);
        let par = bots
            .iter()
            .find(|b| b.policy == crate::sim::Policy::Balanced)
            .map_or(totals, |b| b.totals);
        let lines = review::dividing_lines(par, &scenario.model);
        Self {
            totals,
            quadrant: Quadrant::of(totals, lines),
            bots,
            lines,
            moments,
        }
    }
}

/// The share of the run's hours that went to leadership actions (0 when nothing was planned):
/// the debrief's words about leadership follow what the player did, not what the quadrant
/// suggests (a run with 25 leadership hours a week can still land low on Output, and must not
/// be told it was "without leadership"). Each week counts the entries that fit in the
/// player's hours, as the week plays them.
pub fn leadership_share(game: &Game) -> f64 {
    let scenario = game.scenario();
    let (mut leadership, mut all) = (0.0, 0.0);
    for week in game.log() {
        let mut used = 0.0;
        for def in week.plan.iter().filter_map(|p| scenario.action(&p.action)) {
            used += def.hours;
            if used > game.hours() + 1e-9 {
                break;
            }
            all += def.hours;
            if def.family == Family::Leadership {
                leadership += def.hours;
            }
        }
    }
    if all > 0.0 { leadership / all } else { 0.0 }
}
