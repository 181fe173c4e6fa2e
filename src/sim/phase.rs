//! Phases: stretches of a run in which the world works differently — a launch that brings
//! customers and their tickets, a reorganisation that makes clarity fade, a market that
//! moves on faster. A phase is a set of the model's coefficients from a week on, so what was
//! right in week 5 can be wrong by week 15, and a plan that never changes falls behind.

use super::model::Model;

/// A stretch of the run, from its first week until the next phase begins.
#[derive(Clone, Debug, PartialEq)]
pub struct Phase {
    /// The first week played under it (2 or later: week 1 is the scenario's own model).
    pub from: u32,
    /// Its name, as the feed and the debrief say it ("Launch").
    pub name: String,
    /// What changes, in a sentence the feed says the week it begins.
    pub says: String,
    /// The model in force: the scenario's, with the phase's own coefficients over it.
    pub model: Model,
}

/// The phase week `week` is played in, if any: the last that has begun. `phases` are in
/// the order of their first weeks.
pub fn at(phases: &[Phase], week: u32) -> Option<&Phase> {
    phases.iter().rev().find(|p| p.from <= week)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phase(from: u32) -> Phase {
        Phase {
            from,
            name: format!("from {from}"),
            says: String::new(),
            model: Model::default(),
        }
    }

    /// A week belongs to the last phase begun by then, and to none before the first.
    #[test]
    fn a_week_is_in_the_last_phase_begun() {
        let phases = [phase(5), phase(9)];
        assert_eq!(at(&phases, 4), None);
        assert_eq!(at(&phases, 5).map(|p| p.from), Some(5));
        assert_eq!(at(&phases, 8).map(|p| p.from), Some(5));
        assert_eq!(at(&phases, 9).map(|p| p.from), Some(9));
        assert_eq!(at(&phases, 40).map(|p| p.from), Some(9));
    }
}
