//! The decisions a facilitator can talk about, read from a run's log and history: where the
//! hours went, when the team first invested in people and in customers, and what it chose on
//! each event.

use std::collections::BTreeMap;

use crate::sim::review::{self, EventChoice};
use crate::sim::{Family, Game};

/// The action whose first use says when a table started growing people.
const MENTOR: &str = "mentor";

/// The action whose first use says when a table first asked customers what they need.
const TALK: &str = "talk_to_customers";

/// The key decisions of one run.
#[derive(Clone, Debug, PartialEq)]
pub struct Decisions {
    /// Planned hours per action family, in [`Family::ALL`] order.
    pub hours: [f64; 4],
    /// The first week with mentoring in the plan.
    pub first_mentoring: Option<u32>,
    /// The first week with a customer conversation in the plan.
    pub first_customers: Option<u32>,
    /// The action planned most often, by name, and how many times.
    pub favourite: Option<(String, usize)>,
    /// Every event and the choice made on it.
    pub events: Vec<EventChoice>,
}

impl Decisions {
    /// Reads the decisions of a run from its log and its history.
    pub fn of(game: &Game) -> Self {
        let (scenario, log) = (game.scenario(), game.log());
        let mut hours = [0.0; 4];
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        let first = |id: &str| {
            log.iter()
                .position(|w| w.plan.iter().any(|p| p.action == id))
                .map(|i| i as u32 + 1)
        };
        let (first_mentoring, first_customers) = (first(MENTOR), first(TALK));
        for planned in log.iter().flat_map(|w| &w.plan) {
            let Some(def) = scenario.action(&planned.action) else {
                continue;
            };
            if let Some(i) = Family::ALL.iter().position(|f| *f == def.family) {
                hours[i] += def.hours;
            }
            *counts.entry(def.name.as_str()).or_default() += 1;
        }
        let favourite = counts
            .into_iter()
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            .map(|(name, n)| (name.to_string(), n));
        Self {
            hours,
            first_mentoring,
            first_customers,
            favourite,
            events: review::events(game),
        }
    }
}
