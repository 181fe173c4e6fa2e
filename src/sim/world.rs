//! A run's world: the scenario, the seed and the state they have come to, playing a week at a
//! time. It keeps no plan and no log: the run a player makes ([`Game`](super::Game)) keeps
//! those around it, and the bots' trial runs (checks, the exploit search) play on a world
//! alone, by place, copying no ids.

use std::sync::Arc;

use super::action::{Planned, Step};
use super::arrivals::Arrivals;
use super::effect::Effect;
use super::report::WeekReport;
use super::scenario::Scenario;
use super::state::{PendingEvent, State};
use super::week::{Aim, Entry, Scratch};

/// Why a week or a choice was refused.
#[derive(Clone, Debug, PartialEq)]
pub enum GameError {
    /// The run is over.
    Finished,
    /// An event waits for a choice before the week can end.
    EventPending,
    /// There is no event to choose on.
    NoEvent,
    /// The event has no choice with this index.
    NoSuchChoice(usize),
    /// A logged week could not be replayed (the log does not fit the scenario).
    BadLog { week: u32, reason: String },
}

impl std::fmt::Display for GameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GameError::Finished => write!(f, "the run is over"),
            GameError::EventPending => write!(f, "an event is waiting for your decision"),
            GameError::NoEvent => write!(f, "there is no event to decide on"),
            // Widened: the index may come from a file, and usize::MAX + 1 must not overflow.
            GameError::NoSuchChoice(i) => {
                write!(f, "the event has no choice number {}", *i as u128 + 1)
            }
            GameError::BadLog { week, reason } => {
                write!(f, "week {week} of the log cannot be replayed: {reason}")
            }
        }
    }
}

impl std::error::Error for GameError {}

/// The scenario, the seed and the state of a run.
#[derive(Debug)]
pub struct World {
    scenario: Arc<Scenario>,
    seed: u64,
    state: State,
    scratch: Scratch,
    /// The needs each week brings, booked ahead for the seed ([`World::book_arrivals`]):
    /// shared by every copy of the world they were booked in.
    arrivals: Option<Arc<Arrivals>>,
}

impl Clone for World {
    fn clone(&self) -> Self {
        Self {
            scenario: self.scenario.clone(),
            seed: self.seed,
            state: self.state.clone(),
            scratch: self.scratch.clone(),
            arrivals: self.arrivals.clone(),
        }
    }

    /// A copy of `src` in this world's memory (see `State::clone_from`).
    fn clone_from(&mut self, src: &Self) {
        self.scenario.clone_from(&src.scenario);
        self.seed = src.seed;
        self.state.clone_from(&src.state);
        self.scratch.clone_from(&src.scratch);
        self.arrivals.clone_from(&src.arrivals);
    }
}

impl World {
    /// The world of a new run of `scenario` with `seed`.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Self {
        let state = State::new(&scenario, seed);
        Self {
            scenario,
            seed,
            state,
            scratch: Scratch::default(),
            arrivals: None,
        }
    }

    /// Books the needs every week to come brings this run, for the runs played from copies of
    /// this world (the same needs, made once rather than in every run).
    pub(crate) fn book_arrivals(&mut self) {
        let book = Arrivals::book(&self.state, &self.scenario, self.seed);
        self.arrivals = Some(Arc::new(book));
    }

    /// The scenario being played.
    pub fn scenario(&self) -> &Arc<Scenario> {
        &self.scenario
    }

    /// The run's seed.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The world now.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The week about to be played, from 1.
    pub fn week(&self) -> u32 {
        self.state.week + 1
    }

    /// Whether every week has been played.
    pub fn finished(&self) -> bool {
        self.state.week >= self.scenario.weeks
    }

    /// The event waiting for a decision, if any.
    pub fn pending(&self) -> Option<&PendingEvent> {
        self.state.pending.as_ref()
    }

    /// Attention hours available this week.
    pub fn hours(&self) -> f64 {
        self.state.player.hours + self.state.extra_hours
    }

    /// Plays the week with `plan`, by id or by place. Entries that cannot be carried out are
    /// skipped and reported.
    pub(crate) fn play<E: Entry>(
        &mut self,
        plan: &[E],
        explain: bool,
    ) -> Result<WeekReport, GameError> {
        if self.finished() {
            return Err(GameError::Finished);
        }
        if self.state.pending.is_some() {
            return Err(GameError::EventPending);
        }
        let (scenario, seed, arrivals) = (&self.scenario, self.seed, self.arrivals.as_deref());
        Ok(self
            .state
            .play(scenario, plan, seed, explain, &mut self.scratch, arrivals))
    }

    /// Plays a bot's week, by place. A week that could change who is on the team is played
    /// by id: a departure shifts the places of the people after it.
    pub(crate) fn play_steps(&mut self, steps: &[Step]) -> Result<(), GameError> {
        let actions = &self.scenario.actions;
        let departs = |step: &Step| {
            actions[step.action]
                .effects
                .iter()
                .any(|e| matches!(e, Effect::Leave { .. }))
        };
        if steps.iter().any(departs) {
            let plan = self.written(steps);
            self.play(&plan, false)?;
        } else {
            self.play(steps, false)?;
        }
        Ok(())
    }

    /// `steps` by id, as a player would write them.
    pub(crate) fn written(&self, steps: &[Step]) -> Vec<Planned> {
        let planned = |step: &Step| Planned {
            action: self.scenario.actions[step.action].id.clone(),
            target: step.target.map(|t| self.state.target_id(t).into_owned()),
        };
        steps.iter().map(planned).collect()
    }

    /// The action each entry of the week just played took, by place in the scenario, if the
    /// entry was carried out.
    pub(crate) fn taken(&self, k: usize) -> Option<usize> {
        self.scratch.taken(k)
    }

    /// What each entry of the week just played was aimed at, if it was taken: where the
    /// plan carried into the next week looks for its targets.
    pub(crate) fn aims(&self) -> &[Option<Aim>] {
        &self.scratch.aims
    }

    /// Decides the pending event with the choice at `index`.
    pub fn choose(&mut self, index: usize) -> Result<(), GameError> {
        if self.state.pending.is_none() {
            return Err(GameError::NoEvent);
        }
        if !self.state.choose(&self.scenario, index, self.seed) {
            return Err(GameError::NoSuchChoice(index));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use crate::sim::check::{play_out, trial};
    use crate::sim::policy::Known;
    use crate::sim::{Policy, World};

    /// A world copied into the memory of a run played to its end (another seed's, with a
    /// grown backlog, people gone and events met) is the world copied, and plays as it does:
    /// the exploit search plays every run in the last one's memory.
    #[test]
    fn a_world_copied_into_a_played_ones_memory_is_the_world_copied() {
        let scenario = crate::format::builtin("path-to-cto").map(|s| s.expect("valid"));
        let scenario = Arc::new(scenario.expect("built-in"));
        let mut start = World::new(scenario.clone(), 1);
        start.book_arrivals();
        let mut reused = trial(&scenario, Policy::Balanced, 2);
        assert_ne!(reused.state(), start.state());
        reused.clone_from(&start);
        assert_eq!(reused.state(), start.state());
        assert_eq!(reused.seed(), start.seed());
        // Played on by the hero coder, whose runs differ most from the balanced bot's.
        let known = Known::of(&scenario);
        let hero = |world: World| {
            let plan = &mut |w: &World| Policy::HeroCoder.steps(w, &known);
            play_out(world, plan, &|w: &World| Policy::HeroCoder.choose(w))
        };
        assert_eq!(hero(reused).state(), hero(start.clone()).state());
    }
}
