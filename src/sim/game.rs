//! A run in progress: the scenario, the seed, the state, the plan and the action log.
//!
//! This is the API every front end uses. The log is the run: replaying it against the same
//! scenario and seed rebuilds the same state bit for bit, which gives saves, undo and
//! workshop verification.

use std::fmt;
use std::sync::{Arc, OnceLock};

use super::action::{MAX_PLAN, Planned, Refusal, Step};
use super::effect::Effect;
use super::report::WeekReport;
use super::room::clone_with_room;
use super::scenario::Scenario;
use super::state::{PendingEvent, State};
use super::week::Scratch;

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

/// A run of a scenario.
///
/// The plan and the log are kept so that playing a week copies no strings: the plan carried
/// into the next week is shared with the log entry it came from until it is changed, a bot's
/// weeks are kept as the bot, and the [`WeekLog`]s are written out only once somebody reads
/// them (bots and checks never do).
#[derive(Debug)]
pub struct Game {
    scenario: Arc<Scenario>,
    seed: u64,
    state: State,
    plan: Arc<Vec<Planned>>,
    played: Vec<Played>,
    log: OnceLock<Vec<WeekLog>>,
    scratch: Scratch,
}

/// Cloned by hand to keep the room the played weeks have for the rest of the run, as
/// [`State`] keeps its own: a copy (undo, previews, benchmarks) would otherwise move its whole
/// record in memory on the next week it plays.
impl Clone for Game {
    fn clone(&self) -> Self {
        Self {
            scenario: self.scenario.clone(),
            seed: self.seed,
            state: self.state.clone(),
            plan: self.plan.clone(),
            played: clone_with_room(&self.played),
            log: self.log.clone(),
            scratch: self.scratch.clone(),
        }
    }
}

/// One played week as the game keeps it.
#[derive(Clone, Debug)]
struct Played {
    plan: Kept,
    choice: Option<usize>,
}

/// The plan a week was played with.
#[derive(Clone, Debug)]
enum Kept {
    /// A plan as the player gave it: the entries carried over into the next week, shared with
    /// that week's plan, and the ones that were not, with their places.
    Given {
        carried: Arc<Vec<Planned>>,
        dropped: Vec<(usize, Planned)>,
    },
    /// The plan this bot made: it is a function of the run so far, so the log can rebuild it
    /// by letting the bot plan again on a replay.
    Bot(&'static dyn Bot),
}

/// Something that plans a whole week from the run so far, the same way every time it meets
/// the same run: the bots. A week it plays keeps the bot rather than its plan, and the
/// log asks it again on a replay, so a run played by a bot copies no ids until its log is
/// read (bots and checks never read it).
pub(crate) trait Bot: fmt::Debug + Sync {
    /// The plan for the coming week, by id.
    fn plan(&self, game: &Game) -> Vec<Planned>;
}

impl Kept {
    /// The plan as it was given (`None` for a bot's, which only a replay can make again).
    fn given(&self) -> Option<Vec<Planned>> {
        let Kept::Given { carried, dropped } = self else {
            return None;
        };
        let mut plan = Vec::with_capacity(carried.len() + dropped.len());
        plan.extend_from_slice(carried);
        for (i, entry) in dropped {
            plan.insert(*i, entry.clone());
        }
        Some(plan)
    }
}

impl Game {
    /// A new run of `scenario` with `seed`.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Self {
        let state = State::new(&scenario, seed);
        Self {
            scenario,
            seed,
            state,
            plan: Arc::default(),
            played: Vec::new(),
            log: OnceLock::new(),
            scratch: Scratch::default(),
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
            game.set_plan(week.plan.clone());
            // Entries that could not be carried out were skipped the same way when the week
            // was first played, so they replay identically.
            game.end_week(false).map_err(|e| bad(e.to_string()))?;
            match (week.choice, game.state.pending.is_some()) {
                (Some(c), true) => game.choose(c).map_err(|e| bad(e.to_string()))?,
                (None, false) => {}
                // Logs written before events stopped coming after the last week may record
                // a choice on one; it changed nothing that is scored.
                (Some(_), false) if game.finished() => {}
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
        let (last, earlier) = self.log().split_last()?;
        let mut game = Self::replay(self.scenario.clone(), self.seed, earlier).ok()?;
        game.plan = Arc::new(last.plan.clone());
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
        self.log.get_or_init(|| self.write_log())
    }

    /// The played weeks as [`WeekLog`]s. A bot's plans are made again on a replay of the
    /// run, which meets the same states the bot planned on.
    fn write_log(&self) -> Vec<WeekLog> {
        let bots = self.played.iter().any(|w| matches!(w.plan, Kept::Bot(_)));
        let mut replay = bots.then(|| Self::new(self.scenario.clone(), self.seed));
        let mut log = Vec::with_capacity(self.played.len());
        for week in &self.played {
            let plan = match &week.plan {
                Kept::Bot(bot) => replay.as_ref().map_or_else(Vec::new, |g| bot.plan(g)),
                given => given.given().unwrap_or_default(),
            };
            if let Some(game) = &mut replay {
                game.plan = Arc::new(plan.clone());
                // The weeks replay as they were first played, so neither step can fail.
                let _ = game.play_week(false, false);
                if let Some(c) = week.choice {
                    let _ = game.choose(c);
                }
            }
            log.push(WeekLog {
                plan,
                choice: week.choice,
            });
        }
        log
    }

    /// The plan for the coming week. It carries over from the week before until changed.
    pub fn plan(&self) -> &[Planned] {
        self.plan.as_slice()
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
    pub fn check(&self, planned: &Planned) -> Result<(), Refusal<'_>> {
        if self.plan.len() >= MAX_PLAN {
            return Err(Refusal::PlanFull);
        }
        self.check_after(planned, self.hours_planned())
    }

    /// Like [`Game::check`], for a plan being built elsewhere that already uses `used` hours.
    pub fn check_after(&self, planned: &Planned, used: f64) -> Result<(), Refusal<'_>> {
        let def = self.scenario.action(&planned.action);
        self.state
            .admit(def, planned, used, self.hours())
            .map(|_| ())
    }

    /// Adds an action to the plan if it can be taken; the refusal says why not.
    pub fn add(&mut self, planned: Planned) -> Result<(), Refusal<'_>> {
        // A refusal is asked for again to return it: the borrow checker cannot yet see that
        // the first answer's borrow ends where the plan is changed.
        if self.check(&planned).is_err() {
            return self.check(&planned);
        }
        Arc::make_mut(&mut self.plan).push(planned);
        Ok(())
    }

    /// Removes the plan entry at `index`, if there is one.
    pub fn remove(&mut self, index: usize) {
        if index < self.plan.len() {
            Arc::make_mut(&mut self.plan).remove(index);
        }
    }

    /// Replaces the plan (entries are checked when the week is played).
    /// Entries past [`MAX_PLAN`] are dropped: a week never carries out more, and a plan from
    /// a file is then as cheap to carry over and show as one made in the game.
    pub fn set_plan(&mut self, mut plan: Vec<Planned>) {
        plan.truncate(MAX_PLAN);
        self.plan = Arc::new(plan);
    }

    /// Plays the week with the current plan. Entries that cannot be carried out are skipped
    /// and reported; the plan carries over, minus entries whose target is gone (a person
    /// left, an item shipped).
    pub fn end_week(&mut self, explain: bool) -> Result<WeekReport, GameError> {
        self.play_week(explain, true)
    }

    /// Plays a bot's week: the plan `bot` makes (`steps` makes the same plan by place)
    /// replaces the plan, and is carried over only once the run is over, since a bot plans
    /// every week afresh. The run ends exactly as with [`Game::set_plan`] and
    /// [`Game::end_week`].
    ///
    /// The plan is played by place, with no ids written out, except in the last week (the
    /// carried plan is kept by id) and when it could change who is on the team (a departure
    /// would shift the places of the people after it).
    pub(crate) fn play_planned_week(
        &mut self,
        bot: &'static dyn Bot,
        steps: impl FnOnce(&Game) -> Vec<Step>,
    ) -> Result<(), GameError> {
        self.ready()?;
        let steps = steps(self);
        let last = self.state.week + 1 >= self.scenario.weeks;
        let actions = &self.scenario.actions;
        let departs = |step: &Step| {
            actions[step.action]
                .effects
                .iter()
                .any(|e| matches!(e, Effect::Leave { .. }))
        };
        if last || steps.iter().any(departs) {
            self.plan = Arc::new(bot.plan(self));
            self.play_week(false, last)?;
            if let Some(week) = self.played.last_mut() {
                week.plan = Kept::Bot(bot);
            }
        } else {
            // Written out before the week changes the state, if anybody reads the log.
            let written = self.log.get().is_some().then(|| bot.plan(self));
            let (scenario, seed) = (&self.scenario, self.seed);
            self.state
                .play(scenario, &steps, seed, false, &mut self.scratch);
            if !self.plan.is_empty() {
                self.plan = Arc::default();
            }
            self.record(Kept::Bot(bot), written);
        }
        Ok(())
    }

    /// Refuses to play a week when the run is over or an event waits for a choice.
    fn ready(&self) -> Result<(), GameError> {
        if self.finished() {
            Err(GameError::Finished)
        } else if self.state.pending.is_some() {
            Err(GameError::EventPending)
        } else {
            Ok(())
        }
    }

    /// Plays the week with the current plan and logs it; with `carry` the entries whose
    /// target remains are the next plan (shared with the log while all remain).
    fn play_week(&mut self, explain: bool, carry: bool) -> Result<WeekReport, GameError> {
        self.ready()?;
        let (scenario, seed) = (&self.scenario, self.seed);
        let report = self
            .state
            .play(scenario, &self.plan, seed, explain, &mut self.scratch);
        let (state, aims) = (&self.state, &self.scratch.aims);
        // Entries are looked for where this week's actions found their targets first.
        let gone = |k: usize, p: &Planned| {
            p.target
                .as_deref()
                .is_some_and(|t| !state.still_aimed(t, aims.get(k).copied().flatten()))
        };
        let first_gone = if carry {
            self.plan.iter().enumerate().position(|(k, p)| gone(k, p))
        } else {
            None
        };
        let mut dropped = Vec::new();
        // The played plan goes to the log; the plan carried into the next week shares it
        // unless entries are dropped (or nothing is carried).
        let plan = match first_gone {
            None if carry => self.plan.clone(),
            None => std::mem::take(&mut self.plan),
            Some(first) => match Arc::get_mut(&mut self.plan) {
                // The played plan is the log's alone: the dropped entries are moved out, and
                // the log puts them back when it is read.
                Some(entries) => {
                    let mut i = first;
                    while i < entries.len() {
                        let place = i + dropped.len();
                        if gone(place, &entries[i]) {
                            dropped.push((place, entries.remove(i)));
                        } else {
                            i += 1;
                        }
                    }
                    self.plan.clone()
                }
                // Still shared with an earlier week's log: the entries that remain are copied.
                None => {
                    let kept = (self.plan.iter().enumerate())
                        .filter(|&(k, p)| !gone(k, p))
                        .map(|(_, p)| p.clone())
                        .collect();
                    std::mem::replace(&mut self.plan, Arc::new(kept))
                }
            },
        };
        let plan = Kept::Given {
            carried: plan,
            dropped,
        };
        let written = self
            .log
            .get()
            .is_some()
            .then(|| plan.given().unwrap_or_default());
        self.record(plan, written);
        Ok(report)
    }

    /// Logs a played week; `written` is its plan for the log, if the log has been read.
    fn record(&mut self, plan: Kept, written: Option<Vec<Planned>>) {
        if let (Some(log), Some(plan)) = (self.log.get_mut(), written) {
            log.push(WeekLog { plan, choice: None });
        }
        // Room for the rest of the run at once, the first time a week is recorded.
        let weeks_left = self.scenario.weeks.saturating_sub(self.state.week) as usize;
        self.played.reserve(weeks_left + 1);
        self.played.push(Played { plan, choice: None });
    }

    /// Decides the pending event with the choice at `index`.
    pub fn choose(&mut self, index: usize) -> Result<(), GameError> {
        if self.state.pending.is_none() {
            return Err(GameError::NoEvent);
        }
        if !self.state.choose(&self.scenario, index, self.seed) {
            return Err(GameError::NoSuchChoice(index));
        }
        if let Some(last) = self.played.last_mut() {
            last.choice = Some(index);
        }
        if let Some(last) = self.log.get_mut().and_then(|log| log.last_mut()) {
            last.choice = Some(index);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Policy;
    use crate::sim::check::play;

    fn scenario() -> Arc<Scenario> {
        let s = crate::scenario::builtin("brilliant-team").expect("built-in");
        Arc::new(s.expect("valid"))
    }

    /// A player's run whose plan loses entries on the way (a pinned item ships), with the
    /// log read at the end or kept up to date from the start: the same log either way, and
    /// one that replays to the same state.
    #[test]
    fn the_log_is_the_plans_played_whenever_it_is_read() {
        let s = scenario();
        let bot = play(&s, Policy::Balanced, 3);
        let mut dropped_somewhere = false;
        for seed in 0..40 {
            let mut late = Game::new(s.clone(), seed);
            let mut early = Game::new(s.clone(), seed);
            assert!(early.log().is_empty());
            // New plans for the first weeks, then the last one carried over and shared with
            // the log, so entries are dropped both from a plan of the game's own and a shared
            // one.
            for (i, week) in bot.log().iter().enumerate() {
                for game in [&mut late, &mut early] {
                    if game.finished() {
                        break;
                    }
                    if i < 12 {
                        game.set_plan(week.plan.clone());
                        game.add(Planned::new("explain")).ok();
                    }
                    game.end_week(false).expect("the run is not over");
                    if let Some(c) = week.choice.filter(|_| game.pending().is_some()) {
                        game.choose(c).expect("a valid choice");
                    } else if game.pending().is_some() {
                        game.choose(0).expect("a valid choice");
                    }
                }
                assert_eq!(early.log().len(), early.state().week as usize);
            }
            let moved =
                |w: &Played| matches!(&w.plan, Kept::Given { dropped, .. } if !dropped.is_empty());
            dropped_somewhere |= late.played.iter().any(moved);
            assert_eq!(late.log(), early.log(), "seed {seed}");
            let again = Game::replay(s.clone(), seed, late.log()).expect("the log replays");
            assert_eq!(again.state(), late.state(), "seed {seed}");
            assert_eq!(again.plan(), late.plan(), "seed {seed}");
        }
        assert!(dropped_somewhere, "no entry was dropped in any seed");
    }

    /// A bot's weeks are kept as the bot; the log made from them replays to the same run.
    #[test]
    fn a_bots_log_replays_to_the_same_run() {
        let s = scenario();
        for policy in Policy::ALL {
            let game = play(&s, policy, 11);
            let again = Game::replay(s.clone(), 11, game.log()).expect("the log replays");
            assert_eq!(again.state(), game.state(), "{policy:?}");
            assert_eq!(again.log(), game.log(), "{policy:?}");
            assert_eq!(again.plan(), game.plan(), "{policy:?}");
        }
    }
}
