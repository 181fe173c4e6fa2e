//! The decisions a facilitator can talk about, read from a run's log: where the hours went,
//! when the team first invested in people and in customers, and what it chose on each event.

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::sim::{Family, Game, Scenario, WeekLog};

/// The action whose first use says when a table started growing people.
const MENTOR: &str = "mentor";

/// The action whose first use says when a table first asked customers what they need.
const TALK: &str = "talk_to_customers";

/// An event and the choice taken on it.
#[derive(Clone, Debug, PartialEq)]
pub struct EventChoice {
    /// The week it happened.
    pub week: u32,
    /// The event's headline.
    pub event: String,
    /// The label of the choice taken.
    pub choice: String,
}

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
    /// Reads the decisions of a log played on `scenario` with `seed`. Events are found by
    /// playing the log again week by week; a log that stops replaying just ends the list.
    pub fn of(scenario: &Arc<Scenario>, seed: u64, log: &[WeekLog]) -> Self {
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
            events: events(scenario, seed, log),
        }
    }
}

/// The events of a run and the choices made, by playing its log again.
fn events(scenario: &Arc<Scenario>, seed: u64, log: &[WeekLog]) -> Vec<EventChoice> {
    let mut game = Game::new(scenario.clone(), seed);
    let mut found = Vec::new();
    for week in log {
        game.set_plan(week.plan.clone());
        if game.end_week(false).is_err() {
            break;
        }
        let Some(pending) = game.pending() else {
            continue;
        };
        let Some(def) = scenario.event(&pending.event) else {
            break;
        };
        let Some(index) = week.choice else {
            break;
        };
        found.push(EventChoice {
            week: game.state().week,
            event: def.title.clone(),
            choice: def
                .choices
                .get(index)
                .map_or_else(|| format!("choice {}", index as u128 + 1), |c| c.label.clone()),
        });
        if game.choose(index).is_err() {
            break;
        }
    }
    found
}
