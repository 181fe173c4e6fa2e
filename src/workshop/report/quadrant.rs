//! The quadrant at a week: tables beside the bots' first as many weeks, divided where the
//! balanced bot's first as many weeks put the lines. A run under way is never set beside the
//! bots' whole runs; the report draws one of these for each week its tables stopped at, the
//! room's live view one at the room's week.

use super::charts::{self, ChartError, Run};
use super::upto;
use crate::sim::review;
use crate::sim::{Game, Model, Policy, Totals};

/// The quadrant's dividing lines after `weeks` weeks, as the game's debrief draws them
/// ([`review::dividing_lines`]): from the `balanced` bot's first `weeks` weeks.
pub fn lines_at(balanced: Option<&Game>, weeks: u32, model: &Model) -> Totals {
    review::dividing_lines(
        balanced.map_or(Totals::default(), |g| upto(g, weeks)),
        model,
    )
}

/// The chart of `tables` (placed where the caller says) beside every one of `bots` after
/// `week` weeks, with the lines of that week, at `size` pixels.
pub fn at_week<'a>(
    tables: Vec<Run<'a>>,
    bots: impl IntoIterator<Item = (Policy, &'a Game)>,
    week: u32,
    model: &Model,
    size: (u32, u32),
) -> Result<String, ChartError> {
    let mut runs = tables;
    let mut balanced = None;
    for (policy, game) in bots {
        if policy == Policy::Balanced {
            balanced = Some(game);
        }
        let totals = upto(game, week);
        runs.push(Run {
            name: policy.label(),
            colour: None,
            output: totals.output,
            value: totals.value,
            curve: Vec::new(),
            week: None,
        });
    }
    let lines = lines_at(balanced, week, model);
    charts::quadrant(&runs, (lines.output, lines.value), size)
}
