//! The exploit search: plans the bots do not play, looking for ones that break a scenario's
//! lessons or the game's thesis.
//!
//! Bots play their archetype well, but a lesson that holds only because of how a bot is
//! written is no lesson. The search plays strategies a person might try — one action all week,
//! two actions half and half, one style and then another, hill-climbing from each bot's week,
//! hiring sprees, hours left idle — over a few seeds, and reports every strategy that breaks
//! a rule, in words an author can act on.
//!
//! The rules (the thesis, measured against what the search finds):
//! - **no shortcut**: no single action repeated all week adds 90% of the Value the balanced
//!   bot adds over an idle run;
//! - **value needs management**: no strategy without management adds 85% of the Value the
//!   best strategy found adds over an idle run;
//! - **output needs leadership** (runs of 20 weeks or more): no strategy without leadership
//!   adds 85% of the Output the best strategy found adds over an idle run;
//! - **leadership pays in value** (runs of 20 weeks or more): no strategy without leadership
//!   adds more than [`UNLED_VALUE_AT_MOST`] of the Value the best strategy found adds over an
//!   idle run, and no strategy that leads at
//!   most [`LIGHT_LEADERSHIP`] of the week beats the balanced bot on Value in more than
//!   [`LIGHT_WINS_AT_MOST`] of [`LIGHT_SEEDS`] worlds (the best few such strategies found are
//!   played on them);
//! - **the best play mixes**: the best strategy found (by both scores at once) spends at least
//!   a quarter of the week on leadership and a quarter on management;
//! - **lessons hold against people**: for each lesson "A beats B on a score", no strategy in
//!   B's style (most of the week in B's family) beats A's mean;
//! - **the model's promises** ([`super::promises`]): the temptations tempt and then lose,
//!   every management action earns its hours, the verdict is earned and the archetypes land
//!   where they are named, the bots use their week, a plan frozen early falls behind, a
//!   hiring spree does not pay, and money binds where people cost it.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use super::action::{Family, Step};
use super::archetype::Policy;
use super::check::{Totals, play_out};
use super::policy::{Known, recipe};
use super::promises::{self, Promise};
use super::scenario::Scenario;
use super::world::World;

/// Seeds every strategy is played on: enough that one lucky world does not decide, few enough
/// that a scenario's search takes seconds.
pub const SEARCH_SEEDS: u64 = 6;

/// The most entries a strategy's week holds (a week fits a dozen actions or so).
const MAX_RECIPE: usize = 14;

/// The most repeats of one action in a strategy's week.
const MAX_REPEATS: usize = 8;

/// The most of what the best strategy found adds to Value over an idle run that a strategy
/// without leadership may add.
pub const UNLED_VALUE_AT_MOST: f64 = 0.75;

/// The largest share of the week a strategy may lead and still count as leading lightly.
pub const LIGHT_LEADERSHIP: f64 = 0.2;

/// The largest share of worlds in which a lightly led strategy may beat the balanced bot on
/// Value.
pub const LIGHT_WINS_AT_MOST: f64 = 0.1;

/// The largest share of par's Output and Value (their mean) the best routine found may
/// reach: a run that keeps asking makes adapting pay.
pub const ROUTINE_AT_MOST: f64 = 0.9;

/// Worlds the best lightly led strategies are played on against the balanced bot.
pub const LIGHT_SEEDS: u64 = 40;

/// How many of the best lightly led strategies are played on [`LIGHT_SEEDS`] worlds.
const LIGHT_CONTENDERS: usize = 3;

/// Rounds of hill-climbing from each start.
const CLIMB_ROUNDS: usize = 10;

/// Something a player might do, every week or in two phases.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Strategy {
    /// The same week every week: these actions (places in the scenario), each aimed where a
    /// bot would aim it.
    Every(Vec<usize>),
    /// One bot's way until `week`, then another's.
    Switch {
        /// Played first.
        first: Policy,
        /// The first week played the second way.
        week: u32,
        /// Played from `week` on.
        then: Policy,
    },
    /// A bot, for comparison.
    Bot(Policy),
}

/// A strategy's mean result over the search's seeds.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Outcome {
    /// Mean totals.
    pub totals: Totals,
    /// Share of the week's hours spent per family, at `family as usize`, over the run.
    pub shares: [f64; 4],
}

impl Outcome {
    fn share(&self, family: Family) -> f64 {
        self.shares[family as usize]
    }

    /// Share of the week's hours spent on anything.
    pub fn used(&self) -> f64 {
        self.shares.iter().sum()
    }
}

/// A strategy tried, with what it got.
#[derive(Clone, Debug, PartialEq)]
pub struct Tried {
    /// What was played.
    pub strategy: Strategy,
    /// What it got.
    pub outcome: Outcome,
}

/// A rule of the thesis or a lesson.
#[derive(Clone, Debug, PartialEq)]
pub enum Rule {
    /// No single action repeated all week comes close to the balanced bot's Value.
    NoShortcut,
    /// Value needs management.
    ValueNeedsManagement,
    /// Output needs leadership (runs of 20 weeks or more).
    OutputNeedsLeadership,
    /// Without leadership no strategy comes near the best Value (runs of 20 weeks or more).
    ValueNeedsLeadership,
    /// Leading lightly does not beat the balanced bot on Value (runs of 20 weeks or more).
    LightLeadershipLoses,
    /// The best strategy leads and manages.
    BestPlayMixes,
    /// No routine (the same week every week) matches adapting (runs of 20 weeks or more).
    AdaptingPays,
    /// The scenario's lesson at this place holds against strategies in its loser's style.
    Lesson(usize),
    /// One of the model's promises holds on this scenario.
    Promise(Promise),
}

/// A strategy that breaks a rule, with the words that say how.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    /// The rule broken.
    pub rule: Rule,
    /// The strategy and its result, where a strategy broke it (a promise is judged on the
    /// bots' and the probes' numbers, and has none).
    pub tried: Option<Tried>,
    /// What it shows, in a sentence ("a week of only `fix_outage` … gets 99% of …").
    pub says: String,
}

/// What the search found in one scenario.
#[derive(Clone, Debug)]
pub struct SearchReport {
    /// Strategies played (each on [`SEARCH_SEEDS`] seeds).
    pub tried: usize,
    /// The balanced bot's mean result: the scenario's par.
    pub par: Outcome,
    /// The best strategy found by both scores at once.
    pub best: Tried,
    /// Every rule broken, with the strategy that broke it.
    pub findings: Vec<Finding>,
    /// The rules checked, each with whether it held.
    pub rules: Vec<(Rule, bool)>,
    /// Each promise's numbers in words, whether it held or not.
    pub notes: Vec<(Rule, String)>,
    /// The best routine found (the same week every week, events answered by the balanced
    /// bot) and what it reaches of par: the mean of its Output's and its Value's share. A
    /// run that keeps asking makes adapting pay; the aim is at most 90%.
    pub routine: Option<(Tried, f64)>,
}

/// The mean of a result's Output and Value as shares of par's.
fn mean_share(o: &Outcome, par: &Outcome) -> f64 {
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    (ratio(o.totals.output, par.totals.output) + ratio(o.totals.value, par.totals.value)) / 2.0
}

impl SearchReport {
    /// Whether every rule held.
    pub fn passed(&self) -> bool {
        self.findings.is_empty()
    }
}

/// Both scores at once, against par: the geometric mean of the two ratios, so that neither
/// can make up for the other's absence.
fn both(o: &Outcome, par: &Outcome) -> f64 {
    let ratio = |a: f64, b: f64| if b > 0.0 { a / b } else { 0.0 };
    (ratio(o.totals.output, par.totals.output) * ratio(o.totals.value, par.totals.value))
        .max(0.0)
        .sqrt()
}

/// What every run of a search starts from, shared by the crew's threads: the scenario, what
/// bots look up in it, and each search seed's world before its first week.
struct Ground<'s> {
    scenario: &'s Arc<Scenario>,
    known: Known,
    /// Made once with the needs every week brings booked: every strategy starts from a copy
    /// (a start draws a whole backlog).
    starts: Vec<World>,
}

impl<'s> Ground<'s> {
    /// The ground of a search of `scenario`, its seeds' needs booked.
    fn new(scenario: &'s Arc<Scenario>) -> Self {
        Self {
            scenario,
            known: Known::of(scenario),
            starts: (0..SEARCH_SEEDS)
                .map(|seed| {
                    let mut start = World::new(scenario.clone(), seed);
                    start.book_arrivals();
                    start
                })
                .collect(),
        }
    }

    /// Plays run `job` of `batch`: its strategy `job / seeds` on its seed `job % seeds`.
    /// A search seed's start is copied into `spare`, the world of the thread's last run, if
    /// it has one (see `State::clone_from`); the world played is left there for the next.
    fn run(&self, batch: &Batch, job: usize, spare: &mut Option<World>) -> Outcome {
        let seeds = batch.worlds.seeds();
        let (k, seed) = (job / seeds, job % seeds);
        let start = match (batch.worlds, spare.take()) {
            (Worlds::Search, Some(mut world)) => {
                world.clone_from(&self.starts[seed]);
                world
            }
            (Worlds::Search, None) => self.starts[seed].clone(),
            (Worlds::Fresh(_), _) => World::new(self.scenario.clone(), seed as u64),
        };
        let (outcome, played) = play_one(self.scenario, &self.known, &batch.strategies[k], start);
        *spare = Some(played);
        outcome
    }

    /// Takes the runs of `batch` not yet taken, one at a time, until none is left: a thread
    /// that drew the longer runs does not keep the others waiting at the batch's end.
    fn take_runs(&self, batch: &Batch, spare: &mut Option<World>) -> Vec<(usize, Outcome)> {
        std::iter::from_fn(|| {
            Some(batch.next.fetch_add(1, Ordering::Relaxed)).filter(|&job| job < batch.jobs())
        })
        .map(|job| (job, self.run(batch, job, spare)))
        .collect()
    }
}

/// The worlds a batch's strategies are played on.
#[derive(Clone, Copy)]
enum Worlds {
    /// The search's [`SEARCH_SEEDS`] seeds, from their booked starts.
    Search,
    /// Seeds `0..n` as a player meets them, each made afresh.
    Fresh(usize),
}

impl Worlds {
    /// How many worlds each strategy is played on.
    fn seeds(self) -> usize {
        match self {
            Worlds::Search => SEARCH_SEEDS as usize,
            Worlds::Fresh(n) => n,
        }
    }
}

/// Strategies to play on each of the same worlds, shared over the crew.
struct Batch {
    strategies: Vec<Strategy>,
    worlds: Worlds,
    /// The next run not yet taken.
    next: AtomicUsize,
}

impl Batch {
    /// Runs in all: every strategy on every world.
    fn jobs(&self) -> usize {
        self.strategies.len() * self.worlds.seeds()
    }
}

/// What a helper hands back of a batch: the runs it played, or the panic that stopped it.
type Share = std::thread::Result<Vec<(usize, Outcome)>>;

/// The threads a search's runs are shared over, started once for the whole search: the
/// search plays hundreds of batches (a climb's neighbours are one), and threads started
/// afresh for each came with empty caches and allocators every time. The calling thread
/// plays its share of every batch beside them.
struct Crew<'scope> {
    /// Where each helper thread is handed the batches to take runs from.
    helpers: Vec<mpsc::Sender<Arc<Batch>>>,
    /// Each helper's share of the batch, once it found no run left.
    done: mpsc::Receiver<Share>,
    ground: &'scope Ground<'scope>,
    /// The calling thread's last world played, to play the next run in.
    spare: std::cell::RefCell<Option<World>>,
}

impl<'scope> Crew<'scope> {
    /// Starts a helper for every core but the caller's (at most one a search seed).
    fn start<'env>(
        scope: &'scope std::thread::Scope<'scope, 'env>,
        ground: &'scope Ground,
    ) -> Self {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, SEARCH_SEEDS as usize);
        let (done_tx, done) = mpsc::channel();
        let helpers = (1..threads)
            .map(|_| {
                let (tx, rx) = mpsc::channel::<Arc<Batch>>();
                let done_tx = done_tx.clone();
                scope.spawn(move || {
                    let mut spare = None;
                    for batch in rx {
                        // A run that panics is a bug in the model: it is handed back to be
                        // raised where the batch was asked for, not left for the caller to
                        // wait on.
                        let share = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                            ground.take_runs(&batch, &mut spare)
                        }));
                        if done_tx.send(share).is_err() {
                            break;
                        }
                    }
                });
                tx
            })
            .collect();
        Self {
            helpers,
            done,
            ground,
            spare: std::cell::RefCell::new(None),
        }
    }

    /// Every run's outcome, in job order (strategy by strategy, each's worlds in order), so
    /// nothing depends on how the runs were split.
    fn play(&self, strategies: Vec<Strategy>, worlds: Worlds) -> Vec<Outcome> {
        if strategies.is_empty() {
            return Vec::new();
        }
        let batch = Arc::new(Batch {
            strategies,
            worlds,
            next: AtomicUsize::new(0),
        });
        let mut helping = 0;
        for helper in &self.helpers {
            if helper.send(batch.clone()).is_ok() {
                helping += 1;
            }
        }
        let mut runs = self.ground.take_runs(&batch, &mut self.spare.borrow_mut());
        for _ in 0..helping {
            match self.done.recv() {
                Ok(Ok(theirs)) => runs.extend(theirs),
                Ok(Err(panic)) => std::panic::resume_unwind(panic),
                // Every helper catches its panics and answers each batch it was handed.
                Err(_) => unreachable!("a search helper left without answering its batch"),
            }
        }
        debug_assert_eq!(runs.len(), batch.jobs());
        runs.sort_by_key(|(job, _)| *job);
        runs.into_iter().map(|(_, outcome)| outcome).collect()
    }
}

/// One search's strategies met, played by a crew on the search's ground.
struct Searcher<'s> {
    ground: &'s Ground<'s>,
    crew: Crew<'s>,
    /// Actions a strategy may use: every one of the scenario's.
    actions: Vec<usize>,
    /// Hours of the player's week at the start.
    hours: f64,
    /// Every strategy played, with its outcome, in the order played.
    tried: Vec<Tried>,
    /// Where each strategy played is in `tried`: climbs meet the same weeks again and again.
    seen: HashMap<Strategy, usize>,
}

impl<'s> Searcher<'s> {
    fn new(ground: &'s Ground<'s>, crew: Crew<'s>) -> Self {
        let scenario = ground.scenario;
        Self {
            ground,
            crew,
            actions: (0..scenario.actions.len()).collect(),
            hours: scenario.player.hours,
            tried: Vec::new(),
            seen: HashMap::new(),
        }
    }

    /// The hours a week of `actions` asks for.
    fn hours_of(&self, actions: &[usize]) -> f64 {
        actions
            .iter()
            .map(|&a| self.ground.scenario.actions[a].hours)
            .sum()
    }

    /// Whether a week of `actions` is one the search plays: it fits the week, and repeats no
    /// action more than [`MAX_REPEATS`] times.
    fn fits(&self, actions: &[usize]) -> bool {
        actions.len() <= MAX_RECIPE
            && self.hours_of(actions) <= self.hours + 1e-9
            && actions
                .iter()
                .all(|a| actions.iter().filter(|b| *b == a).count() <= MAX_REPEATS)
    }

    /// The hours of `actions` per family, as shares of the week.
    fn recipe_shares(&self, actions: &[usize]) -> [f64; 4] {
        let mut shares = [0.0; 4];
        for &a in actions {
            let def = &self.ground.scenario.actions[a];
            shares[def.family as usize] += def.hours / self.hours.max(1e-9);
        }
        shares
    }

    /// Plays a strategy on every search seed (remembered: a strategy met again is not played
    /// again).
    fn play(&mut self, strategy: &Strategy) -> Outcome {
        self.play_all(std::slice::from_ref(strategy))[0]
    }

    /// Plays strategies on every search seed, those not met before all in one batch of the
    /// crew's, so a climb's neighbours are shared over the cores together. The strategies
    /// are met in the order given.
    fn play_all(&mut self, strategies: &[Strategy]) -> Vec<Outcome> {
        let mut fresh: Vec<Strategy> = Vec::new();
        for s in strategies {
            if !self.seen.contains_key(s) && !fresh.contains(s) {
                fresh.push(s.clone());
            }
        }
        let seeds = Worlds::Search.seeds();
        let runs = self.crew.play(fresh.clone(), Worlds::Search);
        // Each strategy's mean, its seeds summed in seed order.
        let n = seeds as f64;
        for (strategy, runs) in fresh.into_iter().zip(runs.chunks(seeds)) {
            let mut mean = Outcome::default();
            for r in runs {
                mean.totals.output += r.totals.output / n;
                mean.totals.value += r.totals.value / n;
                for (m, s) in mean.shares.iter_mut().zip(r.shares) {
                    *m += s / n;
                }
            }
            self.seen.insert(strategy.clone(), self.tried.len());
            self.tried.push(Tried {
                strategy,
                outcome: mean,
            });
        }
        strategies
            .iter()
            .map(|s| {
                self.seen
                    .get(s)
                    .map_or_else(Outcome::default, |&i| self.tried[i].outcome)
            })
            .collect()
    }

    /// Climbs from `start` to the best week of actions it can reach by adding, removing or
    /// swapping one action at a time, among weeks `allowed` accepts, by `score`.
    fn climb(
        &mut self,
        start: Vec<usize>,
        allowed: &dyn Fn(&Searcher, &[usize]) -> bool,
        score: &dyn Fn(&Outcome) -> f64,
    ) {
        let mut here = start;
        here.sort_unstable();
        if !allowed(self, &here) {
            return;
        }
        let mut best = score(&self.play(&Strategy::Every(here.clone())));
        for _ in 0..CLIMB_ROUNDS {
            let mut next = None;
            let candidates: Vec<Strategy> = self
                .neighbours(&here)
                .into_iter()
                .filter(|n| allowed(self, n))
                .map(Strategy::Every)
                .collect();
            let outcomes = self.play_all(&candidates);
            for (candidate, outcome) in candidates.into_iter().zip(outcomes) {
                let s = score(&outcome);
                if s > best + 1e-9 {
                    best = s;
                    if let Strategy::Every(week) = candidate {
                        next = Some(week);
                    }
                }
            }
            match next {
                Some(n) => here = n,
                None => break,
            }
        }
    }

    /// The weeks one change away from `week`: one action more, one fewer, one swapped.
    fn neighbours(&self, week: &[usize]) -> Vec<Vec<usize>> {
        let mut out = Vec::new();
        let mut push = |mut w: Vec<usize>| {
            w.sort_unstable();
            if self.fits(&w) && !out.contains(&w) {
                out.push(w);
            }
        };
        for &a in &self.actions {
            let mut more = week.to_vec();
            more.push(a);
            push(more);
        }
        for i in 0..week.len() {
            let mut fewer = week.to_vec();
            fewer.remove(i);
            push(fewer.clone());
            for &a in &self.actions {
                let mut swapped = fewer.clone();
                swapped.push(a);
                push(swapped);
            }
        }
        out
    }

    /// `action` repeated to fill the week (or [`MAX_REPEATS`] times, for short actions).
    fn all_week(&self, action: usize) -> Vec<usize> {
        let hours = self.ground.scenario.actions[action].hours;
        let n = if hours > 0.0 {
            ((self.hours / hours).floor() as usize).min(MAX_REPEATS)
        } else {
            MAX_REPEATS
        };
        vec![action; n.max(1)]
    }

    /// `a` for half the week and `b` for the other half.
    fn halves(&self, a: usize, b: usize) -> Vec<usize> {
        let half = self.hours / 2.0;
        let count = |x: usize| {
            let h = self.ground.scenario.actions[x].hours;
            if h > 0.0 {
                ((half / h).floor() as usize).clamp(1, MAX_REPEATS)
            } else {
                1
            }
        };
        let mut week = vec![a; count(a)];
        week.extend(std::iter::repeat_n(b, count(b)));
        week
    }

    /// The actions of a bot's first week, as a week to climb from.
    fn bot_week(&self, policy: Policy) -> Vec<usize> {
        let world = World::new(self.ground.scenario.clone(), 0);
        policy
            .steps(&world, &self.ground.known)
            .iter()
            .map(|s| s.action)
            .collect()
    }
}

/// Plays a strategy from `start` (a world of one of the seeds before its first week); event
/// choices are the balanced bot's. The world played is handed back with the outcome, for
/// the next run to be copied into.
fn play_one(
    scenario: &Arc<Scenario>,
    known: &Known,
    strategy: &Strategy,
    start: World,
) -> (Outcome, World) {
    let mut shares = [0.0; 4];
    let weeks = scenario.weeks.max(1) as f64;
    let world = play_out(
        start,
        &mut |world| {
            let hours = world.hours().max(1e-9);
            let steps: Vec<Step> = match strategy {
                Strategy::Every(actions) => recipe(world, known, actions),
                Strategy::Switch { first, week, then } => {
                    let policy = if world.week() < *week { first } else { then };
                    policy.steps(world, known)
                }
                Strategy::Bot(policy) => policy.steps(world, known),
            };
            for s in &steps {
                let def = &scenario.actions[s.action];
                shares[def.family as usize] += def.hours / hours / weeks;
            }
            steps
        },
        &|world| Policy::Balanced.choose(world),
    );
    let outcome = Outcome {
        totals: Totals::of(world.state()),
        shares,
    };
    (outcome, world)
}

/// Whether hours spent in these shares (at `family as usize`) are in an archetype's style,
/// as the archetypes are named: the hero coder codes most of the week and leads little
/// (managing as much as they like), the pure leader leads most of it and hardly manages, the
/// pure manager manages most of it and hardly leads, the micromanager squeezes 30% of it
/// or more (managing as much as they like) and leads little. Balanced and random play have no
/// style a lesson could lose to. (A plan that leads a fifth of the week or more while coding
/// is a leader who codes: it is not what a lesson about the hero coder is about.)
fn in_style(shares: &[f64; 4], policy: Policy) -> bool {
    let share = |f: Family| shares[f as usize];
    let hardly = |f: Family| share(f) < 0.1;
    let little = |f: Family| share(f) < 0.2;
    match policy {
        Policy::HeroCoder => share(Family::Individual) >= 0.5 && little(Family::Leadership),
        Policy::PureLeader => share(Family::Leadership) >= 0.5 && hardly(Family::Management),
        Policy::PureManager => share(Family::Management) >= 0.5 && hardly(Family::Leadership),
        Policy::Micromanager => share(Family::Micromanagement) >= 0.3 && little(Family::Leadership),
        Policy::Balanced | Policy::Random => false,
    }
}

/// Whether an archetype has a style a strategy can be in.
fn has_style(policy: Policy) -> bool {
    !matches!(policy, Policy::Balanced | Policy::Random)
}

/// Runs the exploit search on `scenario`. `progress` is called with the share done.
pub fn search(scenario: &Arc<Scenario>, mut progress: impl FnMut(f64)) -> SearchReport {
    // The promises' measures play bots of their own, apart from every strategy: they run
    // beside the search rather than after it, where they had the machine's cores one at a
    // time.
    let ground = Ground::new(scenario);
    std::thread::scope(|scope| {
        let measuring = scope.spawn(|| promises::measure(scenario));
        let mut report = climb_all(
            Searcher::new(&ground, Crew::start(scope, &ground)),
            &mut progress,
        );
        // A measure that panicked is a bug the search cannot stand in for: raise it here.
        let measured = measuring
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        for j in promises::judge(scenario, &measured) {
            let rule = Rule::Promise(j.promise);
            report.rules.push((rule.clone(), j.held));
            if !j.held {
                report.findings.push(Finding {
                    rule: rule.clone(),
                    tried: None,
                    says: j.says.clone(),
                });
            }
            report.notes.push((rule, j.says));
        }
        progress(1.0);
        report
    })
}

/// Plays every strategy the search tries and judges the thesis' rules on them; `progress` is
/// called with the share done, up to 0.95.
fn climb_all(mut s: Searcher, progress: &mut impl FnMut(f64)) -> SearchReport {
    let scenario = s.ground.scenario;
    let par = s.play(&Strategy::Bot(Policy::Balanced));
    for policy in Policy::ALL {
        s.play(&Strategy::Bot(policy));
    }
    progress(0.05);

    // One action all week (a hiring spree among them), two half and half, and an idle week.
    let n = s.actions.len();
    let singles: Vec<Strategy> = std::iter::once(Vec::new())
        .chain((0..n).map(|a| s.all_week(a)))
        .map(Strategy::Every)
        .collect();
    s.play_all(&singles);
    progress(0.15);
    for a in 0..n {
        let halves: Vec<Strategy> = (a + 1..n)
            .map(|b| s.halves(a, b))
            .filter(|week| s.fits(week))
            .map(Strategy::Every)
            .collect();
        s.play_all(&halves);
        progress(0.15 + 0.25 * (a + 1) as f64 / n.max(1) as f64);
    }

    // One style and then another, switched at a quarter, half and three quarters.
    let styles = [
        Policy::HeroCoder,
        Policy::PureLeader,
        Policy::Micromanager,
        Policy::PureManager,
        Policy::Balanced,
    ];
    let weeks = scenario.weeks;
    let mut switches = Vec::new();
    for first in styles {
        for then in styles {
            if first == then {
                continue;
            }
            for week in [weeks / 4, weeks / 2, weeks * 3 / 4] {
                if week > 1 {
                    switches.push(Strategy::Switch { first, week, then });
                }
            }
        }
    }
    s.play_all(&switches);
    progress(0.5);

    // Hill-climbing: for the best of both scores, for each score alone, and within each class
    // a rule speaks of, from the best week of that class met so far and from every bot's week.
    let starts = |s: &Searcher,
                  allowed: &dyn Fn(&Searcher, &[usize]) -> bool,
                  score: &dyn Fn(&Outcome) -> f64|
     -> Vec<Vec<usize>> {
        let mut weeks: Vec<(f64, Vec<usize>)> = s
            .tried
            .iter()
            .filter_map(|t| match &t.strategy {
                Strategy::Every(w) if allowed(s, w) => Some((score(&t.outcome), w.clone())),
                _ => None,
            })
            .collect();
        weeks.sort_by(|a, b| b.0.total_cmp(&a.0));
        let mut out: Vec<Vec<usize>> = weeks.into_iter().take(2).map(|(_, w)| w).collect();
        for policy in styles {
            let w = s.bot_week(policy);
            if allowed(s, &w) && !out.contains(&w) {
                out.push(w);
            }
        }
        out
    };
    let any = |_: &Searcher, _: &[usize]| true;
    let without = |family: Family| {
        move |s: &Searcher, w: &[usize]| {
            w.iter()
                .all(|&a| s.ground.scenario.actions[a].family != family)
        }
    };
    let styled =
        |policy: Policy| move |s: &Searcher, w: &[usize]| in_style(&s.recipe_shares(w), policy);
    let by_both = move |o: &Outcome| both(o, &par);
    let by_value = |o: &Outcome| o.totals.value;
    let by_output = |o: &Outcome| o.totals.output;

    let mut climbs: Vec<(
        Box<dyn Fn(&Searcher, &[usize]) -> bool>,
        Box<dyn Fn(&Outcome) -> f64>,
    )> = vec![
        (Box::new(any), Box::new(by_both)),
        (Box::new(any), Box::new(by_value)),
        (Box::new(any), Box::new(by_output)),
        (Box::new(without(Family::Management)), Box::new(by_value)),
    ];
    let light = |s: &Searcher, w: &[usize]| {
        s.recipe_shares(w)[Family::Leadership as usize] <= LIGHT_LEADERSHIP + 1e-9
    };
    if weeks >= 20 {
        climbs.push((Box::new(without(Family::Leadership)), Box::new(by_output)));
        climbs.push((Box::new(without(Family::Leadership)), Box::new(by_value)));
        climbs.push((Box::new(light), Box::new(by_value)));
    }
    for lesson in &scenario.lessons {
        if has_style(lesson.worse) {
            let score = lesson.score;
            climbs.push((
                Box::new(styled(lesson.worse)),
                Box::new(move |o: &Outcome| o.totals.score(score)),
            ));
        }
    }
    let total = climbs.len();
    for (i, (allowed, score)) in climbs.iter().enumerate() {
        for start in starts(&s, allowed.as_ref(), score.as_ref()) {
            s.climb(start, allowed.as_ref(), score.as_ref());
        }
        progress(0.5 + 0.45 * (i + 1) as f64 / total as f64);
    }

    judge(&s, par)
}

/// The rules, judged on every strategy tried.
fn judge(s: &Searcher, par: Outcome) -> SearchReport {
    let scenario = s.ground.scenario;
    let tried = &s.tried;
    let mut findings = Vec::new();
    let mut rules = Vec::new();
    let describe = |t: &Tried| describe(scenario, &t.strategy);
    let best_by = |f: &dyn Fn(&Tried) -> bool, score: &dyn Fn(&Outcome) -> f64| {
        tried
            .iter()
            .filter(|t| f(t))
            .max_by(|a, b| score(&a.outcome).total_cmp(&score(&b.outcome)))
    };
    let not_bot = |t: &Tried| !matches!(t.strategy, Strategy::Bot(_));

    // The first three rules measure what a strategy adds over doing nothing: where customers
    // already pay (a support team, a running product), every plan keeps most of that value,
    // and a share of the totals would call any plan close.
    let idle = tried
        .iter()
        .find(|t| t.strategy == Strategy::Every(Vec::new()))
        .map_or(
            Totals {
                output: 0.0,
                value: 0.0,
            },
            |t| t.outcome.totals,
        );
    let gain = |x: f64, reference: f64, base: f64| {
        if reference - base > 1e-9 {
            (x - base) / (reference - base)
        } else {
            0.0
        }
    };

    // No shortcut.
    let single = |t: &Tried| match &t.strategy {
        Strategy::Every(w) => !w.is_empty() && w.iter().all(|a| *a == w[0]),
        _ => false,
    };
    let value_gain =
        |t: &Tried, reference: f64| gain(t.outcome.totals.value, reference, idle.value);
    let shortcut =
        best_by(&single, &|o| o.totals.value).filter(|t| value_gain(t, par.totals.value) >= 0.9);
    rules.push((Rule::NoShortcut, shortcut.is_none()));
    if let Some(t) = shortcut {
        findings.push(Finding {
            rule: Rule::NoShortcut,
            tried: Some(t.clone()),
            says: format!(
                "{} adds {:.0}% of the value the balanced bot adds over doing nothing",
                describe(t),
                value_gain(t, par.totals.value) * 100.0
            ),
        });
    }

    // Value needs management.
    let best_value =
        best_by(&|_| true, &|o| o.totals.value).map_or(0.0, |t| t.outcome.totals.value);
    let unmanaged = best_by(&|t| t.outcome.share(Family::Management) < 0.01, &|o| {
        o.totals.value
    })
    .filter(|t| value_gain(t, best_value) >= 0.85);
    rules.push((Rule::ValueNeedsManagement, unmanaged.is_none()));
    if let Some(t) = unmanaged {
        findings.push(Finding {
            rule: Rule::ValueNeedsManagement,
            tried: Some(t.clone()),
            says: format!(
                "{}, with no management, adds {:.0}% of the value the best strategy found adds \
                 over doing nothing",
                describe(t),
                value_gain(t, best_value) * 100.0
            ),
        });
    }

    // Output needs leadership.
    if scenario.weeks >= 20 {
        let best_output =
            best_by(&|_| true, &|o| o.totals.output).map_or(0.0, |t| t.outcome.totals.output);
        let output_gain = |t: &Tried| gain(t.outcome.totals.output, best_output, idle.output);
        let unled = best_by(&|t| t.outcome.share(Family::Leadership) < 0.01, &|o| {
            o.totals.output
        })
        .filter(|t| output_gain(t) >= 0.85);
        rules.push((Rule::OutputNeedsLeadership, unled.is_none()));
        if let Some(t) = unled {
            findings.push(Finding {
                rule: Rule::OutputNeedsLeadership,
                tried: Some(t.clone()),
                says: format!(
                    "{}, with no leadership, adds {:.0}% of the output the best strategy found \
                     adds over doing nothing",
                    describe(t),
                    output_gain(t) * 100.0
                ),
            });
        }
    }

    // Leadership pays in value.
    if scenario.weeks >= 20 {
        let unled = best_by(&|t| t.outcome.share(Family::Leadership) < 0.01, &|o| {
            o.totals.value
        })
        .filter(|t| value_gain(t, best_value) > UNLED_VALUE_AT_MOST);
        rules.push((Rule::ValueNeedsLeadership, unled.is_none()));
        if let Some(t) = unled {
            findings.push(Finding {
                rule: Rule::ValueNeedsLeadership,
                tried: Some(t.clone()),
                says: format!(
                    "{}, with no leadership, adds {:.0}% of the value the best strategy found adds \
                     over doing nothing (at most {:.0}%)",
                    describe(t),
                    value_gain(t, best_value) * 100.0,
                    UNLED_VALUE_AT_MOST * 100.0
                ),
            });
        }
        let beats = light_wins(s, tried);
        let worst = beats
            .into_iter()
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .filter(|(_, wins)| *wins > LIGHT_WINS_AT_MOST);
        rules.push((Rule::LightLeadershipLoses, worst.is_none()));
        if let Some((t, wins)) = worst {
            findings.push(Finding {
                rule: Rule::LightLeadershipLoses,
                tried: Some(t.clone()),
                says: format!(
                    "{} ({}), leading at most {:.0}% of the week, beats the balanced bot on \
                     Value in {:.0}% of {LIGHT_SEEDS} worlds (at most {:.0}%)",
                    describe(&t),
                    mix(&t.outcome),
                    LIGHT_LEADERSHIP * 100.0,
                    wins * 100.0,
                    LIGHT_WINS_AT_MOST * 100.0
                ),
            });
        }
    }

    // The best play mixes.
    let best = best_by(&|_| true, &|o| both(o, &par))
        .cloned()
        .unwrap_or(Tried {
            strategy: Strategy::Bot(Policy::Balanced),
            outcome: par,
        });
    let mixes = best.outcome.share(Family::Leadership) >= 0.25
        && best.outcome.share(Family::Management) >= 0.25;
    rules.push((Rule::BestPlayMixes, mixes));
    if !mixes {
        findings.push(Finding {
            rule: Rule::BestPlayMixes,
            tried: Some(best.clone()),
            says: format!(
                "the best strategy found, {}, spends {:.1}% of the week on leadership and {:.1}% \
                 on management",
                describe(&best),
                best.outcome.share(Family::Leadership) * 100.0,
                best.outcome.share(Family::Management) * 100.0
            ),
        });
    }

    // Lessons.
    for (i, lesson) in scenario.lessons.iter().enumerate() {
        if !has_style(lesson.worse) {
            continue;
        }
        let bar = tried
            .iter()
            .find(|t| t.strategy == Strategy::Bot(lesson.better))
            .map_or(0.0, |t| t.outcome.totals.score(lesson.score));
        let beaten = best_by(
            &|t| not_bot(t) && in_style(&t.outcome.shares, lesson.worse),
            &|o| o.totals.score(lesson.score),
        )
        .filter(|t| t.outcome.totals.score(lesson.score) > bar);
        rules.push((Rule::Lesson(i), beaten.is_none()));
        if let Some(t) = beaten {
            findings.push(Finding {
                rule: Rule::Lesson(i),
                tried: Some(t.clone()),
                says: format!(
                    "\"{}\" falls: {} ({}), in the {} style, gets {} {:.1} against the {} \
                     bot's {:.1}",
                    lesson.text,
                    describe(t),
                    mix(&t.outcome),
                    lesson.worse.label().to_lowercase(),
                    lesson.score.name(),
                    t.outcome.totals.score(lesson.score),
                    lesson.better.label().to_lowercase(),
                    bar
                ),
            });
        }
    }

    let routine = best_by(&|t| matches!(t.strategy, Strategy::Every(_)), &|o| {
        mean_share(o, &par)
    })
    .map(|t| (t.clone(), mean_share(&t.outcome, &par)));
    if scenario.weeks >= 20 {
        let passes = routine
            .as_ref()
            .filter(|(_, share)| *share > ROUTINE_AT_MOST);
        rules.push((Rule::AdaptingPays, passes.is_none()));
        if let Some((t, share)) = passes {
            findings.push(Finding {
                rule: Rule::AdaptingPays,
                tried: Some(t.clone()),
                says: format!(
                    "{} ({}), the same week every week, reaches {:.1}% of the balanced bot's \
                     Output and Value (their mean; at most {:.0}%)",
                    describe(t),
                    mix(&t.outcome),
                    share * 100.0,
                    ROUTINE_AT_MOST * 100.0
                ),
            });
        }
    }
    SearchReport {
        tried: tried.len(),
        par,
        best,
        findings,
        rules,
        notes: Vec::new(),
        routine,
    }
}

/// The best few strategies tried that lead at most [`LIGHT_LEADERSHIP`] of the week, by mean
/// Value, each with the share of [`LIGHT_SEEDS`] worlds in which it beats the balanced bot's
/// Value.
fn light_wins(s: &Searcher, tried: &[Tried]) -> Vec<(Tried, f64)> {
    let mut light: Vec<&Tried> = tried
        .iter()
        .filter(|t| {
            t.strategy != Strategy::Bot(Policy::Balanced)
                && t.outcome.share(Family::Leadership) <= LIGHT_LEADERSHIP + 1e-9
        })
        .collect();
    light.sort_by(|a, b| b.outcome.totals.value.total_cmp(&a.outcome.totals.value));
    light.truncate(LIGHT_CONTENDERS);
    if light.is_empty() {
        return Vec::new();
    }
    // The balanced bot first, then each contender, on the same worlds.
    let seeds = LIGHT_SEEDS as usize;
    let strategies = std::iter::once(Strategy::Bot(Policy::Balanced))
        .chain(light.iter().map(|t| t.strategy.clone()))
        .collect();
    let runs = s.crew.play(strategies, Worlds::Fresh(seeds));
    let (par, contenders) = runs.split_at(seeds);
    light
        .into_iter()
        .zip(contenders.chunks(seeds))
        .map(|(t, runs)| {
            let wins = runs
                .iter()
                .zip(par)
                .filter(|(run, par)| run.totals.value > par.totals.value)
                .count();
            (t.clone(), wins as f64 / LIGHT_SEEDS as f64)
        })
        .collect()
}

/// Where a strategy's hours went: "leadership 52%, management 30%" (families under 1% left
/// out).
pub fn mix(o: &Outcome) -> String {
    let parts: Vec<String> = Family::ALL
        .iter()
        .filter(|f| o.share(**f) >= 0.01)
        .map(|f| format!("{} {:.0}%", f.label().to_lowercase(), o.share(*f) * 100.0))
        .collect();
    if parts.is_empty() {
        "no hours spent".to_string()
    } else {
        parts.join(", ")
    }
}

/// A strategy in words: "every week: `mentor` ×3, `explain` (32 of 40 hours)".
pub fn describe(scenario: &Scenario, strategy: &Strategy) -> String {
    match strategy {
        Strategy::Every(actions) if actions.is_empty() => "a week of doing nothing".to_string(),
        Strategy::Every(actions) => {
            let mut parts: Vec<String> = Vec::new();
            let mut seen: Vec<usize> = Vec::new();
            for &a in actions {
                if seen.contains(&a) {
                    continue;
                }
                seen.push(a);
                let n = actions.iter().filter(|b| **b == a).count();
                let id = &scenario.actions[a].id;
                parts.push(if n > 1 {
                    format!("`{id}` ×{n}")
                } else {
                    format!("`{id}`")
                });
            }
            let hours: f64 = actions.iter().map(|&a| scenario.actions[a].hours).sum();
            let only = if seen.len() == 1 { "only " } else { "" };
            let spree = if seen.len() == 1 && scenario.actions[seen[0]].reshapes_team() {
                " (a spree)"
            } else {
                ""
            };
            format!(
                "a week of {only}{}{spree} ({:.0} of {:.0} hours)",
                parts.join(", "),
                hours,
                scenario.player.hours
            )
        }
        Strategy::Switch { first, week, then } => format!(
            "the {} bot's way until week {week}, then the {} bot's",
            first.label().to_lowercase(),
            then.label().to_lowercase()
        ),
        Strategy::Bot(policy) => format!("the {} bot", policy.label().to_lowercase()),
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::NoShortcut => write!(f, "no single action repeated all week comes close"),
            Rule::ValueNeedsManagement => write!(f, "value needs management"),
            Rule::OutputNeedsLeadership => write!(f, "output needs leadership"),
            Rule::ValueNeedsLeadership => write!(f, "value needs leadership too"),
            Rule::LightLeadershipLoses => write!(f, "leading lightly does not pay"),
            Rule::BestPlayMixes => write!(f, "the best play leads and manages"),
            Rule::AdaptingPays => write!(f, "a routine does not match adapting"),
            Rule::Lesson(i) => write!(f, "lesson {}", i + 1),
            Rule::Promise(p) => write!(f, "{p}"),
        }
    }
}

/// The plans that do not adapt, in the words `check --search` prints and the Author view
/// shows: one sentence each, written once here.
impl SearchReport {
    /// The best routine found and what it reaches of par, in a sentence: "best routine (the
    /// same week every week): a week of … (38 of 40 hours): 87% of par's output and value".
    pub fn routine_says(&self, scenario: &Scenario) -> Option<String> {
        let (routine, share) = self.routine.as_ref()?;
        Some(format!(
            "best routine (the same week every week): {}: {} of par's output and value",
            describe(scenario, &routine.strategy),
            crate::text::percent(*share)
        ))
    }

    /// The plan frozen early, as its promise judged it: whether it held, and its numbers in
    /// words.
    pub fn frozen_says(&self) -> Option<(bool, &str)> {
        let rule = Rule::Promise(Promise::FrozenFallsBehind);
        let says = self.notes.iter().find(|(r, _)| *r == rule)?;
        let held = self.rules.iter().any(|(r, held)| *r == rule && *held);
        Some((held, says.1.as_str()))
    }
}
