//! A run in progress: the scenario, the seed, the state, the plan and the action log.
//!
//! This is the API every front end uses. The log is the run: replaying it against the same
//! scenario and seed rebuilds the same state bit for bit, which gives saves, undo and
//! workshop verification.

use std::fmt;
use std::sync::Arc;

use super::action::{ActionDef, Planned};
use super::report::WeekReport;
use super::scenario::Scenario;
use super::state::{PendingEvent, State};

/// What the player did in one week: the plan carried out, and the choice made on the event
/// that followed it, if one did.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct WeekLog {
    /// The actions planned for the week, in order.
    pub plan: Vec<Planned>,
    /// The index of the choice taken on the event raised at the end of the week.
    pub choice: Option<usize>,
}

/// Why the game refused a request.
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

impl fmt::Display for GameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GameError::Finished => write!(f, "the run is over"),
            GameError::EventPending => write!(f, "an event is waiting for your decision"),
            GameError::NoEvent => write!(f, "there is no event to decide on"),
            GameError::NoSuchChoice(i) => write!(f, "the event has no choice number {}", i + 1),
            GameError::BadLog { week, reason } => {
                write!(f, "week {week} of the log cannot be replayed: {reason}")
            }
        }
    }
}

impl std::error::Error for GameError {}

/// A run of a scenario.
#[derive(Clone, Debug)]
pub struct Game {
    scenario: Arc<Scenario>,
    seed: u64,
    state: State,
    plan: Vec<Planned>,
    log: Vec<WeekLog>,
}

impl Game {
    /// A new run of `scenario` with `seed`.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Self {
        let state = State::new(&scenario, seed);
        Self {
            scenario,
            seed,
            state,
            plan: Vec::new(),
            log: Vec::new(),
        }
    }

    /// Rebuilds a run from its log, checking every step.
    pub fn replay(scenario: Arc<Scenario>, seed: u64, log: &[WeekLog]) -> Result<Self, GameError> {
        let mut game = Self::new(scenario, seed);
        for (i, week) in log.iter().enumerate() {
            let bad = |reason: String| GameError::BadLog {
                week: i as u32 + 1,
                reason,
            };
            game.plan = week.plan.clone();
            // Entries that could not be carried out were skipped the same way when the week
            // was first played, so they replay identically.
            game.end_week(false).map_err(|e| bad(e.to_string()))?;
            match (week.choice, game.state.pending.is_some()) {
                (Some(c), true) => game.choose(c).map_err(|e| bad(e.to_string()))?,
                (None, false) => {}
                (Some(_), false) => {
                    return Err(bad("it records a choice but no event happened".into()));
                }
                (None, true) => {
                    if i + 1 < log.len() {
                        return Err(bad("an event happened but the log records no choice".into()));
                    }
                }
            }
        }
        Ok(game)
    }

    /// The run minus its last week (`None` at week 0).
    pub fn undo(&self) -> Option<Self> {
        let (_, earlier) = self.log.split_last()?;
        let mut game = Self::replay(self.scenario.clone(), self.seed, earlier).ok()?;
        game.plan = self.log.last().map(|w| w.plan.clone()).unwrap_or_default();
        Some(game)
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

    /// Everything the player has done.
    pub fn log(&self) -> &[WeekLog] {
        &self.log
    }

    /// The plan for the coming week. It carries over from the week before until changed.
    pub fn plan(&self) -> &[Planned] {
        &self.plan
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

    /// Hours the plan uses.
    pub fn hours_planned(&self) -> f64 {
        self.plan
            .iter()
            .filter_map(|p| self.scenario.action(&p.action))
            .map(|a| a.hours)
            .sum()
    }

    /// Whether `planned` could be added to the plan now, and if not, why not.
    pub fn check(&self, planned: &Planned) -> Result<(), String> {
        self.check_after(planned, self.hours_planned())
    }

    /// Like [`Game::check`], for a plan being built elsewhere that already uses `used` hours.
    pub fn check_after(&self, planned: &Planned, used: f64) -> Result<(), String> {
        let Some(def) = self.scenario.action(&planned.action) else {
            return Err(format!(
                "there is no action `{}` in this scenario",
                planned.action
            ));
        };
        if used + def.hours > self.hours() + 1e-9 {
            return Err(format!(
                "needs {:.0} hours; {:.0} left",
                def.hours,
                self.hours() - used
            ));
        }
        if !self.state.holds(&def.requires) {
            return Err(format!("needs {}", def.requires.describe()));
        }
        if self.state.can_aim(def.target, planned.target.as_deref()) {
            Ok(())
        } else {
            Err(format!("pick a {} first", def.target.name().to_lowercase()))
        }
    }

    /// Whether `planned` fits a plan that already uses `used` hours: [`Game::check_after`]
    /// without building the explanation, for bots that try many candidates.
    pub fn fits_after(&self, planned: &Planned, used: f64) -> bool {
        self.fitting(&planned.action, planned.target.as_deref(), used)
            .is_some()
    }

    /// The action `action` aimed at `target`, if it fits a plan that already uses `used`
    /// hours: [`Game::fits_after`] on borrowed ids, so bots build no entry they then drop.
    pub(crate) fn fitting(
        &self,
        action: &str,
        target: Option<&str>,
        used: f64,
    ) -> Option<&ActionDef> {
        let def = self.scenario.action(action)?;
        let fits = used + def.hours <= self.hours() + 1e-9
            && self.state.holds(&def.requires)
            && self.state.can_aim(def.target, target);
        fits.then_some(def)
    }

    /// Adds an action to the plan if it can be taken.
    pub fn add(&mut self, planned: Planned) -> Result<(), String> {
        self.check(&planned)?;
        self.plan.push(planned);
        Ok(())
    }

    /// Removes the plan entry at `index`, if there is one.
    pub fn remove(&mut self, index: usize) {
        if index < self.plan.len() {
            self.plan.remove(index);
        }
    }

    /// Replaces the plan (entries are checked when the week is played).
    pub fn set_plan(&mut self, plan: Vec<Planned>) {
        self.plan = plan;
    }

    /// Plays the week with the current plan. Entries that cannot be carried out are skipped
    /// and reported; the plan carries over, minus entries whose target is gone (a person
    /// left, an item shipped).
    pub fn end_week(&mut self, explain: bool) -> Result<WeekReport, GameError> {
        self.play_week(explain, true)
    }

    /// Plays a bot's week: `plan` replaces the plan, and is carried over only once the run is
    /// over, since a bot plans every week afresh (a carried-over plan would be copied only to
    /// be dropped). The run ends exactly as with [`Game::set_plan`] and [`Game::end_week`].
    pub(crate) fn play_bot_week(&mut self, plan: Vec<Planned>) -> Result<(), GameError> {
        self.plan = plan;
        let carry = self.state.week + 1 >= self.scenario.weeks;
        self.play_week(false, carry).map(|_| ())
    }

    /// Plays the week with the current plan and logs it; the plan is moved into the log, and
    /// with `carry` the entries whose target remains are copied back as the next plan.
    fn play_week(&mut self, explain: bool, carry: bool) -> Result<WeekReport, GameError> {
        if self.finished() {
            return Err(GameError::Finished);
        }
        if self.state.pending.is_some() {
            return Err(GameError::EventPending);
        }
        let report = self
            .state
            .advance(&self.scenario, &self.plan, self.seed, explain);
        let plan = std::mem::take(&mut self.plan);
        if carry {
            let state = &self.state;
            self.plan = plan
                .iter()
                .filter(|p| p.target.as_deref().is_none_or(|t| state.still_there(t)))
                .cloned()
                .collect();
        }
        self.log.push(WeekLog { plan, choice: None });
        Ok(report)
    }

    /// Decides the pending event with the choice at `index`.
    pub fn choose(&mut self, index: usize) -> Result<(), GameError> {
        if self.state.pending.is_none() {
            return Err(GameError::NoEvent);
        }
        if !self.state.choose(&self.scenario, index, self.seed) {
            return Err(GameError::NoSuchChoice(index));
        }
        if let Some(last) = self.log.last_mut() {
            last.choice = Some(index);
        }
        Ok(())
    }
}
