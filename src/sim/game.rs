//! A run in progress: its world, the plan for the coming week and the log of every week
//! played.
//!
//! This is the API every front end uses. The log is the run: replaying it against the same
//! scenario and seed rebuilds the same state bit for bit, which gives saves, undo and
//! workshop verification.

use std::sync::Arc;

use super::action::{MAX_PLAN, Planned, Refusal, TargetKind};
use super::arcs::{self, Arcs};
use super::plan;
use super::report::{Cause, Topic, WeekReport};
use super::scenario::Scenario;
use super::state::{PendingEvent, State};
pub use super::world::GameError;
use super::world::World;

/// What the player did in one week: the plan carried out, and the choice made on the event
/// that followed it, if one did.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct WeekLog {
    /// The actions planned for the week, in order.
    pub plan: Vec<Planned>,
    /// The index of the choice taken on the event raised at the end of the week.
    pub choice: Option<usize>,
}

/// A run of a scenario.
///
/// The plan stays by id between weeks, as the player wrote it: ids are what still name the
/// same person or item after a week has hired, lost or shipped them, where places shift.
/// Each week resolves it once, as it is played.
#[derive(Debug)]
pub struct Game {
    world: World,
    /// The plan for the coming week, unless `carried` says it is the last logged week's.
    plan: Vec<Planned>,
    /// Whether the plan for the coming week is the last logged week's plan with every entry
    /// carried over. It is read from the log rather than copied: most weeks keep every
    /// target, and copying each entry's strings was a seventh of a week. A change to the
    /// plan copies it out first.
    carried: bool,
    log: Vec<WeekLog>,
    /// People's stories, read from each week as it ends: replaying the log tells them again.
    arcs: Arcs,
    /// Which of the scenario's actions mentor, by place (what the stories read of a week).
    mentoring: Arc<[bool]>,
}

/// Cloned by hand to keep room for the rest of the run in the log, as [`State`]'s clone
/// does for its lists: a derived clone would move the whole log at the copy's next week.
impl Clone for Game {
    fn clone(&self) -> Self {
        Self {
            world: self.world.clone(),
            plan: self.plan.clone(),
            carried: self.carried,
            log: super::spare::clone_with_room(&self.log),
            arcs: self.arcs.clone(),
            mentoring: self.mentoring.clone(),
        }
    }
}

impl Game {
    /// A new run of `scenario` with `seed`.
    pub fn new(scenario: Arc<Scenario>, seed: u64) -> Self {
        let world = World::new(scenario, seed);
        let arcs = Arcs::new(world.state(), world.scenario());
        let mentoring = arcs::mentoring(world.scenario());
        Self {
            log: Vec::with_capacity(world.scenario().weeks as usize),
            world,
            plan: Vec::new(),
            carried: false,
            arcs,
            mentoring,
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
            match (week.choice, game.pending().is_some()) {
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
        let (last, earlier) = self.log.split_last()?;
        let mut game = Self::replay(self.scenario().clone(), self.seed(), earlier).ok()?;
        game.set_plan(last.plan.clone());
        Some(game)
    }

    /// The run's world: what bots plan from.
    pub fn world(&self) -> &World {
        &self.world
    }

    /// The scenario being played.
    pub fn scenario(&self) -> &Arc<Scenario> {
        self.world.scenario()
    }

    /// The run's seed.
    pub fn seed(&self) -> u64 {
        self.world.seed()
    }

    /// The world now.
    pub fn state(&self) -> &State {
        self.world.state()
    }

    /// People's stories so far, turn by turn.
    pub fn arcs(&self) -> &Arcs {
        &self.arcs
    }

    /// Everything the player has done.
    pub fn log(&self) -> &[WeekLog] {
        &self.log
    }

    /// The plan for the coming week. It carries over from the week before until changed.
    pub fn plan(&self) -> &[Planned] {
        match self.log.last() {
            Some(last) if self.carried => &last.plan,
            _ => &self.plan,
        }
    }

    /// The plan for the coming week to change: copied out of the log if it was carried
    /// there.
    fn plan_mut(&mut self) -> &mut Vec<Planned> {
        if std::mem::take(&mut self.carried) {
            self.plan = self.log.last().map(|w| w.plan.clone()).unwrap_or_default();
        }
        &mut self.plan
    }

    /// The week about to be played, from 1.
    pub fn week(&self) -> u32 {
        self.world.week()
    }

    /// Whether every week has been played.
    pub fn finished(&self) -> bool {
        self.world.finished()
    }

    /// The event waiting for a decision, if any.
    pub fn pending(&self) -> Option<&PendingEvent> {
        self.world.pending()
    }

    /// Attention hours available this week.
    pub fn hours(&self) -> f64 {
        self.world.hours()
    }

    /// Hours the plan uses.
    pub fn hours_planned(&self) -> f64 {
        let scenario = self.scenario();
        self.plan()
            .iter()
            .filter_map(|p| scenario.action(&p.action))
            .map(|a| a.hours)
            .sum()
    }

    /// Whether `planned` could be added to the plan now, and if not, why not.
    pub fn check(&self, planned: &Planned) -> Result<(), Refusal<'_>> {
        if self.plan().len() >= MAX_PLAN {
            return Err(Refusal::PlanFull);
        }
        self.check_after(planned, self.hours_planned())
    }

    /// Like [`Game::check`], for a plan being built elsewhere that already uses `used` hours.
    pub fn check_after(&self, planned: &Planned, used: f64) -> Result<(), Refusal<'_>> {
        let def = self.scenario().action(&planned.action);
        self.state()
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
        self.plan_mut().push(planned);
        Ok(())
    }

    /// Removes the plan entry at `index`, if there is one.
    pub fn remove(&mut self, index: usize) {
        if index < self.plan().len() {
            self.plan_mut().remove(index);
        }
    }

    /// Replaces the plan (entries are checked when the week is played).
    /// Entries past [`MAX_PLAN`] are dropped: a week never carries out more, and a plan from
    /// a file is then as cheap to carry over and show as one made in the game.
    pub fn set_plan(&mut self, mut plan: Vec<Planned>) {
        plan.truncate(MAX_PLAN);
        self.plan = plan;
        self.carried = false;
    }

    /// Plays the week with the current plan and logs it. Entries that cannot be carried out
    /// are skipped and reported; the plan carries over, minus entries whose target is gone (a
    /// person left, an item shipped).
    pub fn end_week(&mut self, explain: bool) -> Result<WeekReport, GameError> {
        let plan = match self.log.last() {
            Some(last) if self.carried => &last.plan,
            _ => &self.plan,
        };
        let mut report = self.world.play(plan, explain)?;
        let played = match self.log.last() {
            Some(last) if self.carried => last.plan.clone(),
            _ => std::mem::take(&mut self.plan),
        };
        let world = &self.world;
        let (state, aims, scenario) = (world.state(), world.aims(), world.scenario());
        let taken = |k: usize| world.taken(k);
        let mentored = arcs::mentored(&self.mentoring, &played, taken);
        let told = (self.arcs).follow(state, scenario, mentored);
        if explain {
            report.causes.extend(self.arcs.feed(told, state));
        }
        // Entries are looked for where this week's actions found their targets first.
        let stays = |k: usize, p: &Planned| {
            p.target
                .as_deref()
                .is_none_or(|t| state.still_aimed(t, aims.get(k).copied().flatten()))
        };
        self.carried = (played.iter().enumerate()).all(|(k, p)| stays(k, p));
        if explain && !self.carried {
            // Said beside the shipping or the leaving, not among the actions' own lines, so
            // that a player who keeps the plan sees what it no longer does.
            let dropped = (played.iter().enumerate()).filter(|&(k, p)| !stays(k, p));
            report.causes.extend(dropped.filter_map(|(_, p)| {
                let def = scenario.action(&p.action)?;
                let gone = plan::gone(state, def.target, p.target.as_deref())?;
                Some(Cause {
                    topic: match def.target {
                        TargetKind::Item => Topic::Shipped,
                        _ => Topic::People,
                    },
                    text: format!("{} is off the plan from next week: {gone}", def.name),
                    size: 0.0,
                })
            }));
        }
        if !self.carried {
            self.plan = (played.iter().enumerate())
                .filter(|&(k, p)| stays(k, p))
                .map(|(_, p)| p.clone())
                .collect();
        }
        self.log.push(WeekLog {
            plan: played,
            choice: None,
        });
        Ok(report)
    }

    /// Decides the pending event with the choice at `index`.
    pub fn choose(&mut self, index: usize) -> Result<(), GameError> {
        self.world.choose(index)?;
        if let Some(last) = self.log.last_mut() {
            last.choice = Some(index);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sim::Policy;
    use crate::sim::check::{play, trial};

    fn scenario() -> Arc<Scenario> {
        let s = crate::format::builtin("brilliant-team").expect("built-in");
        Arc::new(s.expect("valid"))
    }

    /// A player's run whose plan loses entries on the way (a pinned item ships): the log
    /// holds each week's plan as it was played, the plan carried over lacks what is gone,
    /// and the log replays to the same run.
    #[test]
    fn the_log_holds_each_plan_as_played_and_replays_to_the_same_run() {
        let s = scenario();
        let bot = play(&s, Policy::Balanced, 3);
        let mut dropped_somewhere = false;
        for seed in 0..40 {
            let mut game = Game::new(s.clone(), seed);
            // New plans for the first weeks, then the last one carried over.
            for (i, week) in bot.log().iter().enumerate() {
                if game.finished() {
                    break;
                }
                if i < 12 {
                    game.set_plan(week.plan.clone());
                    game.add(Planned::new("explain")).ok();
                }
                let planned = game.plan().to_vec();
                game.end_week(false).expect("the run is not over");
                assert_eq!(game.log().last().map(|w| &w.plan), Some(&planned));
                assert!(game.plan().iter().all(|p| planned.contains(p)));
                dropped_somewhere |= game.plan().len() < planned.len();
                if game.pending().is_some() {
                    let c = week.choice.unwrap_or(0);
                    game.choose(c)
                        .or_else(|_| game.choose(0))
                        .expect("a valid choice");
                }
                assert_eq!(game.log().len(), game.state().week as usize);
            }
            let again = Game::replay(s.clone(), seed, game.log()).expect("the log replays");
            assert_eq!(again.state(), game.state(), "seed {seed}");
            assert_eq!(again.plan(), game.plan(), "seed {seed}");
            assert_eq!(again.log(), game.log(), "seed {seed}");
        }
        assert!(dropped_somewhere, "no entry was dropped in any seed");
    }

    /// A plan carried over whole is the week's as played, and changing it leaves the log as
    /// it was.
    #[test]
    fn a_carried_plan_changes_apart_from_the_log() {
        let mut game = Game::new(scenario(), 1);
        let explain = || Planned::new("explain");
        game.set_plan(vec![explain()]);
        game.end_week(false).expect("the run is not over");
        if game.pending().is_some() {
            game.choose(0).expect("a valid choice");
        }
        assert_eq!(game.plan(), [explain()]);
        game.add(explain()).expect("hours for a second");
        assert_eq!(game.plan(), [explain(), explain()]);
        assert_eq!(
            game.log()[0].plan,
            [explain()],
            "the log keeps the week as played"
        );
        game.end_week(false).expect("the run is not over");
        assert_eq!(game.log()[1].plan, [explain(), explain()]);
        game.remove(0);
        assert_eq!(game.plan(), [explain()]);
        assert_eq!(game.log()[1].plan, [explain(), explain()]);
    }

    /// A bot's logged run replays to the same run.
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

    /// A bot's run played by place with no log ends where the logged run does, in every
    /// scenario (hires and departures shift places), so the checks' numbers are the runs'.
    #[test]
    fn a_trial_run_ends_where_the_logged_run_does() {
        for b in crate::format::BUILTINS {
            let s = Arc::new(
                crate::format::builtin(b.id)
                    .expect("built-in")
                    .expect("valid"),
            );
            for policy in Policy::ALL {
                for seed in 0..4 {
                    let logged = play(&s, policy, seed);
                    let world = trial(&s, policy, seed);
                    assert_eq!(world.state(), logged.state(), "{} {policy:?} {seed}", b.id);
                }
            }
        }
    }
}
