//! Playing bots over many seeds: whole runs, score summaries and the lesson check.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::action::Step;
use super::game::Game;
use super::lesson::{LessonResult, Score};
use super::policy::{Known, Policy};
use super::scenario::Scenario;
use super::state::State;
use super::world::World;

/// Plays a whole run with a policy (no explanations: numbers only), logged as a player's run
/// is: for saves, reports and debriefs that show the bots' runs.
pub fn play(scenario: &Arc<Scenario>, policy: Policy, seed: u64) -> Game {
    let mut game = Game::new(scenario.clone(), seed);
    while !game.finished() {
        game.set_plan(policy.plan(game.world()));
        if game.end_week(false).is_err() {
            break;
        }
        if game.pending().is_some() {
            let choice = policy.choose(game.world());
            if game.choose(choice).is_err() {
                break;
            }
        }
    }
    game
}

/// The same run as [`play`] with no log: the policy plays by place and no id is copied, for
/// the checks that play thousands of runs for their numbers alone.
pub fn trial(scenario: &Arc<Scenario>, policy: Policy, seed: u64) -> World {
    let known = Known::of(scenario);
    trial_by(
        scenario,
        seed,
        &mut |world| policy.steps(world, &known),
        &|world| policy.choose(world),
    )
}

/// A whole unlogged run whose weeks `plan` makes (by place) and whose events `choose`
/// answers: what [`trial`], the exploit search and the promises' measures all play.
pub(crate) fn trial_by(
    scenario: &Arc<Scenario>,
    seed: u64,
    plan: &mut dyn FnMut(&World) -> Vec<Step>,
    choose: &dyn Fn(&World) -> usize,
) -> World {
    play_out(World::new(scenario.clone(), seed), plan, choose)
}

/// Plays `world` to its end as [`trial_by`] does: for a caller that plays many runs from the
/// same start and makes it once.
pub(crate) fn play_out(
    mut world: World,
    plan: &mut dyn FnMut(&World) -> Vec<Step>,
    choose: &dyn Fn(&World) -> usize,
) -> World {
    while !world.finished() {
        let steps = plan(&world);
        if world.play_steps(&steps).is_err() {
            break;
        }
        if world.pending().is_some() && world.choose(choose(&world)).is_err() {
            break;
        }
    }
    world
}

/// Total Output and Value of one finished run.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Totals {
    /// Total Output.
    pub output: f64,
    /// Total Value.
    pub value: f64,
}

impl Totals {
    /// The totals of a run, from the state it has come to.
    pub fn of(state: &State) -> Self {
        Self {
            output: state.total_output(),
            value: state.total_value(),
        }
    }

    /// One of the two scores.
    pub fn score(&self, score: Score) -> f64 {
        match score {
            Score::Output => self.output,
            Score::Value => self.value,
        }
    }
}

/// The spread of one policy's scores over the seeds played.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spread {
    /// Mean totals.
    pub mean: Totals,
    /// Smallest totals (each score separately).
    pub min: Totals,
    /// Largest totals (each score separately).
    pub max: Totals,
}

/// Every policy's totals on every seed, and the lessons judged from them.
#[derive(Clone, Debug)]
pub struct CheckReport {
    /// Seeds played.
    pub seeds: u64,
    /// Totals per policy, one per seed in seed order.
    pub runs: BTreeMap<Policy, Vec<Totals>>,
    /// The scenario's lessons with their results.
    pub lessons: Vec<LessonResult>,
}

impl CheckReport {
    /// The spread of one policy's totals.
    pub fn spread(&self, policy: Policy) -> Option<Spread> {
        let runs = self.runs.get(&policy).filter(|r| !r.is_empty())?;
        let n = runs.len() as f64;
        let fold = |f: fn(f64, f64) -> f64, start: f64| {
            runs.iter().fold(
                Totals {
                    output: start,
                    value: start,
                },
                |a, t| Totals {
                    output: f(a.output, t.output),
                    value: f(a.value, t.value),
                },
            )
        };
        let sum = fold(|a, b| a + b, 0.0);
        Some(Spread {
            mean: Totals {
                output: sum.output / n,
                value: sum.value / n,
            },
            min: fold(f64::min, f64::INFINITY),
            max: fold(f64::max, f64::NEG_INFINITY),
        })
    }

    /// Whether every lesson held.
    pub fn passed(&self) -> bool {
        self.lessons.iter().all(LessonResult::passed)
    }
}

/// Plays every policy on seeds `0..seeds` and judges the scenario's lessons.
///
/// Work is split over the machine's cores; results do not depend on the split.
/// `progress` is called with the share done, from the calling thread.
pub fn check(scenario: &Arc<Scenario>, seeds: u64, mut progress: impl FnMut(f64)) -> CheckReport {
    let jobs: Vec<(Policy, u64)> = Policy::ALL
        .into_iter()
        .flat_map(|p| (0..seeds).map(move |s| (p, s)))
        .collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let (tx, rx) = std::sync::mpsc::channel();
    let mut results: Vec<Option<Totals>> = vec![None; jobs.len()];
    std::thread::scope(|scope| {
        for t in 0..threads {
            let tx = tx.clone();
            let jobs = &jobs;
            scope.spawn(move || {
                for (i, &(policy, seed)) in jobs.iter().enumerate().skip(t).step_by(threads) {
                    let totals = Totals::of(trial(scenario, policy, seed).state());
                    if tx.send((i, totals)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(tx);
        let mut done = 0usize;
        for (i, totals) in rx {
            results[i] = Some(totals);
            done += 1;
            if done.is_multiple_of(64) || done == jobs.len() {
                progress(done as f64 / jobs.len().max(1) as f64);
            }
        }
    });
    let mut runs: BTreeMap<Policy, Vec<Totals>> = BTreeMap::new();
    for ((policy, _), totals) in jobs.iter().zip(results) {
        if let Some(t) = totals {
            runs.entry(*policy).or_default().push(t);
        }
    }
    let lessons = scenario
        .lessons
        .iter()
        .map(|lesson| {
            let empty = Vec::new();
            let better = runs.get(&lesson.better).unwrap_or(&empty);
            let worse = runs.get(&lesson.worse).unwrap_or(&empty);
            let n = better.len().min(worse.len()).max(1) as f64;
            let wins = better
                .iter()
                .zip(worse)
                .filter(|(b, w)| b.score(lesson.score) > w.score(lesson.score))
                .count();
            let mean = |r: &[Totals]| {
                r.iter().map(|t| t.score(lesson.score)).sum::<f64>() / r.len().max(1) as f64
            };
            LessonResult {
                lesson: lesson.clone(),
                better_mean: mean(better),
                worse_mean: mean(worse),
                held: wins as f64 / n,
            }
        })
        .collect();
    CheckReport {
        seeds,
        runs,
        lessons,
    }
}
