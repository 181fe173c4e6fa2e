//! The needs a run receives week by week, booked ahead for a seed.
//!
//! What arrives in a week depends on the scenario, the seed and the week alone (its own
//! random stream, the week's rate of arrivals, the number the last need took), never on what
//! was played: every run of a seed receives the same needs. The exploit search plays
//! thousands of runs of each of its seeds, and making each week's needs again in every run
//! was a sixth of its work; a book made once from the seed's start is read instead.

use super::product::Item;
use super::rng::{SimRng, Stream};
use super::scenario::Scenario;
use super::state::State;

/// The needs each week of a run brings, from a start on.
#[derive(Debug, Default)]
pub(crate) struct Arrivals {
    /// The weeks booked, in order.
    weeks: Vec<Booked>,
    /// Their needs, week after week.
    items: Vec<Item>,
}

/// One week's needs, with what the run must stand at for them to be its own.
#[derive(Debug)]
struct Booked {
    /// The week played.
    week: u32,
    /// The arrivals due once the week's rate is added (their bits: the same sum, exactly).
    due: u64,
    /// The number of the week's first need.
    next_item: u32,
    /// Where its needs are in [`Arrivals::items`].
    end: usize,
}

impl Arrivals {
    /// The needs every week of `scenario` after `start`'s brings a run of `seed` from
    /// `start`, made as the weeks make them ([`State::new_need`]).
    pub(crate) fn book(start: &State, scenario: &Scenario, seed: u64) -> Self {
        let mut state = start.clone();
        let mut book = Self::default();
        for week in start.week + 1..=scenario.weeks {
            state.week = week - 1;
            state.arrivals_due += scenario.model_at(week).arrivals;
            book.weeks.push(Booked {
                week,
                due: state.arrivals_due.to_bits(),
                next_item: state.next_item,
                end: 0,
            });
            let mut rng = SimRng::new(seed, week, Stream::Arrivals);
            while state.arrivals_due >= 1.0 {
                state.arrivals_due -= 1.0;
                book.items.push(state.new_need(scenario, &mut rng));
                state.next_item += 1;
            }
            if let Some(last) = book.weeks.last_mut() {
                last.end = book.items.len();
            }
        }
        book
    }

    /// The needs `week` brings a run whose arrivals due are `due` (the week's rate added) and
    /// whose next need is numbered `next_item`: `None` unless the book holds that week from
    /// that same point.
    pub(crate) fn week(&self, week: u32, due: f64, next_item: u32) -> Option<&[Item]> {
        let first = self.weeks.first()?.week;
        let k = week.checked_sub(first)? as usize;
        let booked = self.weeks.get(k)?;
        let start = k.checked_sub(1).map_or(0, |j| self.weeks[j].end);
        (booked.week == week && booked.due == due.to_bits() && booked.next_item == next_item)
            .then(|| &self.items[start..booked.end])
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::sim::check::play_out;
    use crate::sim::policy::Known;
    use crate::sim::{Policy, World};

    /// A run that reads its needs from the book ends where the same run making them ends,
    /// in a scenario whose phases change the rate of arrivals; a book is read only from the
    /// point it was made for.
    #[test]
    fn a_run_with_its_needs_booked_is_the_run_that_makes_them() {
        let scenario = crate::format::builtin("path-to-cto").map(|s| s.expect("valid"));
        let scenario = Arc::new(scenario.expect("built-in"));
        let known = Known::of(&scenario);
        let run = |world: World| {
            let plan = &mut |w: &World| Policy::Balanced.steps(w, &known);
            play_out(world, plan, &|w: &World| Policy::Balanced.choose(w))
        };
        for seed in 0..3 {
            let plain = World::new(scenario.clone(), seed);
            let mut booked = plain.clone();
            booked.book_arrivals();
            let first = plain.state();
            let book = super::Arrivals::book(first, &scenario, seed);
            let due = first.arrivals_due + scenario.model_at(1).arrivals;
            assert!(book.week(1, due, first.next_item).is_some());
            assert!(book.week(1, due, first.next_item + 1).is_none());
            assert!(book.week(1, due + 0.5, first.next_item).is_none());
            assert_eq!(run(booked).state(), run(plain).state(), "seed {seed}");
        }
    }
}
