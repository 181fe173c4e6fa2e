//! The model's promises, measured on a scenario: what the game says about leading and
//! managing, as numbers a rule can hold against.
//!
//! The exploit search ([`super::search`]) looks for strategies that break a scenario; these
//! are the other half of its report: whether the temptations tempt (a squeeze or an hour of
//! coding gives more this week than an hour of leadership) and then lose, whether every
//! management action earns its hours, whether the verdict's quadrants hold the archetypes they
//! are named for, whether the bots use their whole week, and whether a plan frozen early falls
//! behind one that adapts. Each is played on the scenario itself, so an author's tuning is
//! judged by the same numbers as the built-in scenarios.

use std::sync::Arc;

use super::action::{Family, MAX_PLAN, Step};
use super::archetype::Policy;
use super::check::{Totals, trial_by};
use super::effect::Effect;
use super::policy::{Known, recipe};
use super::review::{Quadrant, dividing_lines};
use super::scenario::Scenario;
use super::world::World;

/// Seeds the verdict's shares are counted over.
pub const VERDICT_SEEDS: u64 = 40;

/// Seeds the other measures are averaged over.
const SEEDS: u64 = 6;

/// The week a frozen plan is taken from: the plan a player settles on after the first weeks.
pub const FROZEN_AT: u32 = 7;

/// Engineering from which the player counts as a strong engineer, for whom coding tempts.
pub const STRONG_ENGINEER: f64 = 0.7;

/// A temptation: something that gives more this week than leadership, then falls behind.
#[derive(Clone, Debug, PartialEq)]
pub struct Temptation {
    /// The tempting action's id (the best of its family this week).
    pub action: String,
    /// Its same-week Output gain over an idle week, per hour.
    pub gain_per_hour: f64,
    /// The best leadership action's id and its same-week Output gain per hour.
    pub leadership: (String, f64),
    /// The week from which the same hours of leadership are ahead (`None`: never in the run).
    pub overtaken: Option<u32>,
    /// How the week above is counted: on the weekly curve or on the running total.
    pub cumulative: bool,
}

/// One management action beside a half-leadership week.
#[derive(Clone, Debug, PartialEq)]
pub struct Earned {
    /// The action's id.
    pub action: String,
    /// The Value it adds per hour, against what an average hour of the balanced bot's week
    /// adds over an idle run (1: as much as a good plan's average hour).
    pub per_hour: f64,
    /// The Value it adds over leaving its hours idle, as a share of the half-leadership
    /// week's Value.
    pub gain: f64,
}

/// The balanced bot against the pure manager on Value, over [`MULTIPLIED_SEEDS`] worlds:
/// whether leading the team as well as managing it pays in Value, not only in Output.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Multiplied {
    /// The balanced bot's mean Value over the pure manager's.
    pub ratio: f64,
    /// Share of worlds in which the balanced bot's Value is the higher.
    pub wins: f64,
}

/// Where an archetype's runs land, over [`VERDICT_SEEDS`] seeds.
#[derive(Clone, Debug, PartialEq)]
pub struct Landing {
    /// The archetype.
    pub policy: Policy,
    /// Share of seeds in each quadrant, in [`Quadrant::ALL`] order.
    pub shares: [f64; 4],
    /// Mean share of the week's hours the archetype spent.
    pub hours_used: f64,
    /// Share of seeds whose budget fell below zero at some week's end.
    pub broke: f64,
}

impl Landing {
    /// Share of seeds in `quadrant`.
    pub fn share(&self, quadrant: Quadrant) -> f64 {
        self.shares[quadrant as usize]
    }
}

/// Money, where people cost it: who runs short, and whether hiring pays without leading.
#[derive(Clone, Debug, PartialEq)]
pub struct Money {
    /// Per archetype, the share of [`VERDICT_SEEDS`] seeds whose budget fell below zero at
    /// some week's end, in [`Policy::ALL`] order.
    pub broke: Vec<(Policy, f64)>,
}

/// Hiring every week it can and nothing else, against leading the team there is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Spree {
    /// The spree's Output as a share of an idle run's.
    pub of_idle: f64,
    /// The spree's Output as a share of the pure leader bot's, which never hires.
    pub of_leader: f64,
}

/// Every promise's numbers for one scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Measured {
    /// Micromanagement against leadership, if the scenario has both.
    pub squeeze: Option<Temptation>,
    /// Coding against leadership, if the player is a strong engineer who can build.
    pub coding: Option<Temptation>,
    /// Each management action's value beside a half-leadership week.
    pub management: Vec<Earned>,
    /// Each archetype's quadrants and hours.
    pub landings: Vec<Landing>,
    /// Leading as well as managing against managing alone, on Value (runs of
    /// [`MULTIPLIED_FROM_WEEKS`] or more that offer both families).
    pub multiplied: Option<Multiplied>,
    /// Money's bite, where people cost money.
    pub money: Option<Money>,
    /// A hiring spree, where the scenario has a way to hire.
    pub spree: Option<Spree>,
    /// What the balanced bot's week-[`FROZEN_AT`] plan, kept to the end with every event
    /// answered by its first choice, adds to Output and Value over an idle run, as shares of
    /// what the balanced bot adds (`None` in runs too short to freeze). Over an idle run, as
    /// where revenue already flows most plans keep most of it.
    pub frozen: Option<Totals>,
}

impl Measured {
    /// Where `policy` lands.
    pub fn landing(&self, policy: Policy) -> Option<&Landing> {
        self.landings.iter().find(|l| l.policy == policy)
    }
}

/// A week's plan, as the measures play it.
type WeekPlan<'a> = dyn Fn(&World, &Known) -> Vec<Step> + 'a;

/// Plays `scenario` with `seed`, each week's steps from `plan`, event choices the balanced
/// bot's; returns the finished world.
fn run(scenario: &Arc<Scenario>, known: &Known, seed: u64, plan: &WeekPlan) -> World {
    trial_by(scenario, seed, &mut |world| plan(world, known), &|world| {
        Policy::Balanced.choose(world)
    })
}

/// The mean totals of `plan` over the measures' seeds.
fn mean_totals(scenario: &Arc<Scenario>, known: &Known, plan: &WeekPlan) -> Totals {
    let mut sum = Totals::default();
    for seed in 0..SEEDS {
        let t = Totals::of(run(scenario, known, seed, plan).state());
        sum.output += t.output / SEEDS as f64;
        sum.value += t.value / SEEDS as f64;
    }
    sum
}

/// The steps of `steps` that fit in `hours`, in order.
fn within(world: &World, steps: Vec<Step>, hours: f64) -> Vec<Step> {
    let mut used = 0.0;
    steps
        .into_iter()
        .filter(|s| {
            let h = world.scenario().actions[s.action].hours;
            let fits = used + h <= hours + 1e-9;
            if fits {
                used += h;
            }
            fits
        })
        .collect()
}

/// The actions of `family` a measure compares: none that hire or fire, and none that take
/// no hours (a figure per hour means nothing for them).
fn of_family(scenario: &Scenario, family: Family) -> Vec<usize> {
    (0..scenario.actions.len())
        .filter(|&a| {
            let def = &scenario.actions[a];
            def.family == family && def.hours > 0.0 && !def.reshapes_team()
        })
        .collect()
}

/// Same-week Output gain per hour of `action` over an idle first week, averaged over seeds.
fn same_week_gain(scenario: &Arc<Scenario>, known: &Known, action: usize) -> f64 {
    let hours = scenario.actions[action].hours.max(1e-9);
    let mut sum = 0.0;
    for seed in 0..SEEDS {
        let week = |actions: &[usize]| {
            let mut world = World::new(scenario.clone(), seed);
            let steps = recipe(&world, known, actions);
            let _ = world.play_steps(&steps);
            world.state().history.last().map_or(0.0, |r| r.output)
        };
        sum += week(&[action]) - week(&[]);
    }
    sum / SEEDS as f64 / hours
}

/// Mean weekly Output curves of two plans over the measure's seeds.
fn curves(scenario: &Arc<Scenario>, known: &Known, a: &WeekPlan, b: &WeekPlan) -> [Vec<f64>; 2] {
    let weeks = scenario.weeks as usize;
    let mut out = [vec![0.0; weeks], vec![0.0; weeks]];
    for seed in 0..SEEDS {
        for (curve, plan) in out.iter_mut().zip([a, b]) {
            let world = run(scenario, known, seed, plan);
            for (c, r) in curve.iter_mut().zip(&world.state().history) {
                *c += r.output / SEEDS as f64;
            }
        }
    }
    out
}

/// The first week (from 1) from which `ahead` stays at or above `behind`, on the weekly
/// curve or on running totals.
fn overtaken(behind: &[f64], ahead: &[f64], cumulative: bool) -> Option<u32> {
    let (mut sb, mut sa) = (0.0, 0.0);
    let mut from = None;
    for (k, (b, a)) in behind.iter().zip(ahead).enumerate() {
        let (b, a) = if cumulative {
            sb += b;
            sa += a;
            (sb, sa)
        } else {
            (*b, *a)
        };
        if a >= b {
            from.get_or_insert(k as u32 + 1);
        } else {
            from = None;
        }
    }
    from
}

/// The best of `actions` by same-week gain per hour.
fn best_now(scenario: &Arc<Scenario>, known: &Known, actions: &[usize]) -> Option<(usize, f64)> {
    actions
        .iter()
        .map(|&a| (a, same_week_gain(scenario, known, a)))
        .max_by(|x, y| x.1.total_cmp(&y.1))
}

/// Leadership as the pure leader bot plays it, within `hours` a week.
fn leading(hours: f64) -> impl Fn(&World, &Known) -> Vec<Step> {
    move |world: &World, known: &Known| within(world, Policy::PureLeader.steps(world, known), hours)
}

/// A temptation's numbers: the best of `candidates` now, against the best leadership action
/// now, and `tempting`'s week against the same hours of leadership.
fn temptation(
    scenario: &Arc<Scenario>,
    known: &Known,
    candidates: &[usize],
    tempting: &[usize],
    cumulative: bool,
) -> Option<Temptation> {
    let (best, gain) = best_now(scenario, known, candidates)?;
    let (lead, lead_gain) = best_now(scenario, known, &of_family(scenario, Family::Leadership))?;
    let hours: f64 = tempting.iter().map(|&a| scenario.actions[a].hours).sum();
    let tempting = tempting.to_vec();
    let tempted = move |world: &World, known: &Known| recipe(world, known, &tempting);
    let led = leading(hours);
    let [t, l] = curves(scenario, known, &tempted, &led);
    Some(Temptation {
        action: scenario.actions[best].id.clone(),
        gain_per_hour: gain,
        leadership: (scenario.actions[lead].id.clone(), lead_gain),
        overtaken: overtaken(&t, &l, cumulative),
        cumulative,
    })
}

/// The micromanager's squeeze: each micromanagement action once a week.
fn squeeze(scenario: &Arc<Scenario>, known: &Known) -> Option<Temptation> {
    let week = of_family(scenario, Family::Micromanagement);
    if week.is_empty() {
        return None;
    }
    temptation(scenario, known, &week, &week, true)
}

/// Coding all week, where the player is a strong engineer with a way to build.
fn coding(scenario: &Arc<Scenario>, known: &Known) -> Option<Temptation> {
    if scenario.player.engineering < STRONG_ENGINEER {
        return None;
    }
    let build = of_family(scenario, Family::Individual)
        .into_iter()
        .find(|&a| {
            let def = &scenario.actions[a];
            def.effects
                .iter()
                .any(|e| matches!(e, Effect::Build { .. }))
                && !def.effects.iter().any(|e| matches!(e, Effect::Debt { .. }))
        })?;
    // Its hours are above zero (`of_family`); a week holds at most a full plan of it.
    let n = (scenario.player.hours / scenario.actions[build].hours).floor() as usize;
    temptation(
        scenario,
        known,
        &[build],
        &vec![build; n.clamp(1, MAX_PLAN)],
        false,
    )
}

/// Each management action once a week beside a half-leadership week.
fn management(scenario: &Arc<Scenario>, known: &Known) -> Vec<Earned> {
    let half = scenario.player.hours / 2.0;
    let value = |plan: &WeekPlan| mean_totals(scenario, known, plan).value;
    let base = value(&leading(half));
    let idle = value(&|_: &World, _: &Known| Vec::new());
    let par = value(&|w: &World, k: &Known| Policy::Balanced.steps(w, k));
    let hour = (par - idle) / scenario.player.hours.max(1e-9);
    of_family(scenario, Family::Management)
        .into_iter()
        .map(|a| {
            let hours = scenario.actions[a].hours.max(1e-9);
            let led = leading(half);
            let with = move |world: &World, known: &Known| {
                let mut steps = led(world, known);
                steps.extend(recipe(world, known, &[a]));
                steps
            };
            let with = value(&with);
            Earned {
                action: scenario.actions[a].id.clone(),
                per_hour: if hour > 1e-9 {
                    (with - base) / hours / hour
                } else {
                    0.0
                },
                gain: if base > 1e-9 {
                    (with - base) / base
                } else {
                    0.0
                },
            }
        })
        .collect()
}

/// Each archetype's quadrants (lines from the balanced bot on the same seed) and hours.
fn landings(scenario: &Arc<Scenario>, known: &Known) -> Vec<Landing> {
    // Counted in whole worlds and divided once, so a share on a threshold is exactly on it.
    let mut quadrants = vec![[0u32; 4]; Policy::ALL.len()];
    let mut broke = vec![0u32; Policy::ALL.len()];
    let mut hours_used = vec![0.0; Policy::ALL.len()];
    for seed in 0..VERDICT_SEEDS {
        let runs: Vec<(Totals, f64, bool)> = Policy::ALL
            .into_iter()
            .map(|policy| {
                // Hours planned, over the weeks planned: the same weeks that are played.
                let (mut used, mut planned) = (0.0, 0u32);
                let world = trial_by(
                    scenario,
                    seed,
                    &mut |world| {
                        let steps = policy.steps(world, known);
                        let hours: f64 = steps
                            .iter()
                            .map(|s| world.scenario().actions[s.action].hours)
                            .sum();
                        used += (hours / world.hours().max(1e-9)).min(1.0);
                        planned += 1;
                        steps
                    },
                    &|world| policy.choose(world),
                );
                let weeks = f64::from(planned.max(1));
                let went_broke = world.state().history.iter().any(|r| r.budget < 0.0);
                (Totals::of(world.state()), used / weeks, went_broke)
            })
            .collect();
        let par = Policy::ALL
            .iter()
            .position(|p| *p == Policy::Balanced)
            .map_or(Totals::default(), |i| runs[i].0);
        let lines = dividing_lines(par, &scenario.model);
        for (p, (totals, used, went_broke)) in runs.iter().enumerate() {
            quadrants[p][Quadrant::of(*totals, lines) as usize] += 1;
            broke[p] += u32::from(*went_broke);
            hours_used[p] += used;
        }
    }
    let n = VERDICT_SEEDS as f64;
    Policy::ALL
        .into_iter()
        .enumerate()
        .map(|(p, policy)| Landing {
            policy,
            shares: quadrants[p].map(|c| f64::from(c) / n),
            hours_used: hours_used[p] / n,
            broke: f64::from(broke[p]) / n,
        })
        .collect()
}

/// The balanced bot's way until [`FROZEN_AT`], then that week's plan by id to the end (the
/// targets it named, where they still are) with every event answered by its first choice,
/// as a player pressing Enter keeps a plan: what it adds over an idle run, as shares of
/// what the balanced bot adds.
fn frozen(scenario: &Arc<Scenario>, known: &Known) -> Option<Totals> {
    if scenario.weeks < FROZEN_AT * 2 {
        return None;
    }
    let adapted = mean_totals(scenario, known, &|w: &World, k: &Known| {
        Policy::Balanced.steps(w, k)
    });
    let idle = mean_totals(scenario, known, &|_: &World, _: &Known| Vec::new());
    // The kept plan is played by id, as the game carries a plan over.
    let mut kept = Totals::default();
    for seed in 0..SEEDS {
        let mut world = World::new(scenario.clone(), seed);
        let mut plan = None;
        while !world.finished() {
            if world.week() + 1 == FROZEN_AT {
                plan = Some(world.written(&Policy::Balanced.steps(&world, known)));
            }
            let played = match &plan {
                Some(plan) => world.play(plan, false).map(|_| ()),
                None => world.play_steps(&Policy::Balanced.steps(&world, known)),
            };
            if played.is_err() {
                break;
            }
            // Until the plan is set the balanced bot answers; a plan kept with Enter answers
            // every event with its first choice.
            if world.pending().is_some() {
                let choice = match plan {
                    Some(_) => 0,
                    None => Policy::Balanced.choose(&world),
                };
                if world.choose(choice).is_err() {
                    break;
                }
            }
        }
        let t = Totals::of(world.state());
        kept.output += t.output / SEEDS as f64;
        kept.value += t.value / SEEDS as f64;
    }
    let gain = |a: f64, b: f64, base: f64| {
        if b - base > 1e-9 {
            (a - base) / (b - base)
        } else {
            1.0
        }
    };
    Some(Totals {
        output: gain(kept.output, adapted.output, idle.output),
        value: gain(kept.value, adapted.value, idle.value),
    })
}

/// Whether `scenario` has an action of `family`.
fn offers(scenario: &Scenario, family: Family) -> bool {
    scenario.actions.iter().any(|a| a.family == family)
}

/// The balanced bot against the pure manager on Value, world by world.
fn multiplied(scenario: &Arc<Scenario>, known: &Known) -> Option<Multiplied> {
    if scenario.weeks < MULTIPLIED_FROM_WEEKS
        || !offers(scenario, Family::Leadership)
        || !offers(scenario, Family::Management)
    {
        return None;
    }
    let value = |policy: Policy, seed: u64| {
        let world = trial_by(scenario, seed, &mut |w| policy.steps(w, known), &|w| {
            policy.choose(w)
        });
        Totals::of(world.state()).value
    };
    let (mut balanced, mut managed, mut wins) = (0.0, 0.0, 0u32);
    for seed in 0..MULTIPLIED_SEEDS {
        let (b, m) = (
            value(Policy::Balanced, seed),
            value(Policy::PureManager, seed),
        );
        balanced += b;
        managed += m;
        wins += u32::from(b > m);
    }
    Some(Multiplied {
        ratio: if managed > 1e-9 {
            balanced / managed
        } else {
            0.0
        },
        wins: f64::from(wins) / MULTIPLIED_SEEDS as f64,
    })
}

/// Money's numbers, where people cost money.
fn money(scenario: &Arc<Scenario>, landings: &[Landing]) -> Option<Money> {
    (scenario.model.salary > 0.0).then(|| Money {
        broke: landings.iter().map(|l| (l.policy, l.broke)).collect(),
    })
}

/// A hiring spree's numbers, where the scenario has a way to hire.
fn spree(scenario: &Arc<Scenario>, known: &Known) -> Option<Spree> {
    let hire = (0..scenario.actions.len()).find(|&a| {
        scenario.actions[a]
            .effects
            .iter()
            .any(|e| matches!(e, Effect::Hire { .. }))
    });
    let a = hire?;
    let output = |plan: &WeekPlan| mean_totals(scenario, known, plan).output;
    let idle = output(&|_: &World, _: &Known| Vec::new());
    let leader = output(&|w: &World, k: &Known| Policy::PureLeader.steps(w, k));
    let spree = output(&move |w: &World, k: &Known| recipe(w, k, &[a]));
    let ratio = |a: f64, b: f64| if b > 1e-9 { a / b } else { 0.0 };
    Some(Spree {
        of_idle: ratio(spree, idle),
        of_leader: ratio(spree, leader),
    })
}

/// Measures every promise on `scenario`.
pub fn measure(scenario: &Arc<Scenario>) -> Measured {
    let known = Known::of(scenario);
    let landings = landings(scenario, &known);
    Measured {
        squeeze: squeeze(scenario, &known),
        coding: coding(scenario, &known),
        management: management(scenario, &known),
        money: money(scenario, &landings),
        spree: spree(scenario, &known),
        landings,
        multiplied: multiplied(scenario, &known),
        frozen: frozen(scenario, &known),
    }
}

/// The week by which keeping up a squeeze must have fallen behind the same hours of
/// leadership in cumulative Output.
pub const SQUEEZE_PAID_BY: u32 = 10;

/// The weeks within which leading all week must overtake coding all week, on the weekly
/// curve.
pub const CODING_OVERTAKEN: std::ops::RangeInclusive<u32> = 3..=12;

/// The least a management action must add beside a half-leadership week, as a share of that
/// week's Value over its run.
pub const MANAGEMENT_GAIN: f64 = 0.02;

/// Worlds the balanced bot and the pure manager are compared in on Value.
pub const MULTIPLIED_SEEDS: u64 = 200;

/// Runs from which leading must pay in Value: long enough for a team's growth to arrive.
pub const MULTIPLIED_FROM_WEEKS: u32 = 20;

/// The least the balanced bot's mean Value must be over the pure manager's.
pub const MULTIPLIED_RATIO: f64 = 1.25;

/// The least share of worlds in which the balanced bot's Value beats the pure manager's.
pub const MULTIPLIED_WINS: f64 = 0.95;

/// The largest share of worlds in which random play may be scaled and valuable.
pub const RANDOM_SCALED_AT_MOST: f64 = 0.1;

/// The least share of worlds in which an archetype lands where it is named.
pub const LANDS_AT_LEAST: f64 = 0.9;

/// The least share of the week every bot but the random one spends, on average.
pub const BOT_HOURS_AT_LEAST: f64 = 0.85;

/// The most a plan frozen at [`FROZEN_AT`] may add over an idle run, both scores together
/// (the geometric mean of the two shares), as a share of what the balanced bot adds; on
/// Value alone it may not add more than the balanced bot does.
pub const FROZEN_AT_MOST: f64 = 0.95;

/// The most Output a hiring spree without leadership may reach, as a share of the pure
/// leader's, which never hires.
pub const SPREE_AT_MOST: f64 = 0.5;

/// Where people cost money, the least share of worlds in which some archetype runs out.
pub const BROKE_AT_LEAST: f64 = 0.1;

/// One promise, judged: which, whether it held, and its numbers in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Judged {
    /// The promise.
    pub promise: Promise,
    /// Whether it held.
    pub held: bool,
    /// Its numbers, in a sentence an author can act on.
    pub says: String,
}

/// The model's promises a scenario is judged on beside its lessons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Promise {
    /// A squeeze gives more Output this week per hour than any leadership action, and
    /// falls behind the same hours of leadership by [`SQUEEZE_PAID_BY`] (runs at least that
    /// long).
    SqueezeTempts,
    /// Where the player is a strong engineer, coding gives more Output this week per hour
    /// than any leadership action, and leading all week overtakes coding all week within
    /// [`CODING_OVERTAKEN`] (runs at least as long as its last week).
    CodingTempts,
    /// Every management action earns its hours beside a half-leadership week.
    ManagementMatters,
    /// Leading as well as managing beats managing alone on Value by
    /// [`MULTIPLIED_RATIO`] on average and in [`MULTIPLIED_WINS`] of worlds.
    LeadingPaysInValue,
    /// Random play is scaled and valuable in at most [`RANDOM_SCALED_AT_MOST`] of worlds.
    VerdictEarned,
    /// The pure leader is well led, going nowhere; the pure manager and the micromanager
    /// are blood from a stone; each in at least [`LANDS_AT_LEAST`] of worlds.
    ArchetypesLand,
    /// Every bot but the random one spends at least [`BOT_HOURS_AT_LEAST`] of its week.
    BotsUseTheWeek,
    /// A plan frozen at [`FROZEN_AT`] falls clearly behind the balanced bot, which adapts.
    FrozenFallsBehind,
    /// A hiring spree without leadership reaches at most [`SPREE_AT_MOST`] of the pure
    /// leader's Output.
    SpreeDoesNotPay,
    /// Where people cost money, some archetype runs out in at least [`BROKE_AT_LEAST`] of
    /// worlds.
    MoneyBinds,
}

impl std::fmt::Display for Promise {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Promise::SqueezeTempts => "micromanagement tempts, then costs",
            Promise::CodingTempts => "coding it yourself tempts, then does not scale",
            Promise::ManagementMatters => "every management action earns its hours",
            Promise::LeadingPaysInValue => "leading pays in value, through management",
            Promise::VerdictEarned => "scaled and valuable needs good play",
            Promise::ArchetypesLand => "the archetypes land where they are named",
            Promise::BotsUseTheWeek => "the bots use their whole week",
            Promise::FrozenFallsBehind => "a plan frozen early falls behind",
            Promise::SpreeDoesNotPay => "a hiring spree without leading does not pay",
            Promise::MoneyBinds => "money binds",
        })
    }
}

/// A share as a whole percentage.
fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// The temptation's numbers in words, and whether it tempts and then loses.
fn tempts(t: &Temptation, by: impl Fn(u32) -> bool, what: &str) -> (bool, String) {
    let (lead, lead_gain) = &t.leadership;
    let now = t.gain_per_hour > *lead_gain;
    let later = t.overtaken.is_some_and(&by);
    let when = match t.overtaken {
        Some(w) => format!("from week {w}"),
        None => "never in the run".to_string(),
    };
    let curve = if t.cumulative {
        "in total"
    } else {
        "week by week"
    };
    (
        now && later,
        format!(
            "`{}` adds {:.2} Output per hour this week, the best leadership action (`{lead}`) \
             {lead_gain:.2}; {what} is behind the same hours of leadership {curve} {when}",
            t.action, t.gain_per_hour
        ),
    )
}

/// Judges `measured` (of `scenario`) against every promise that applies to it.
pub fn judge(scenario: &Scenario, measured: &Measured) -> Vec<Judged> {
    let mut out = Vec::new();
    let mut push = |promise: Promise, (held, says): (bool, String)| {
        out.push(Judged {
            promise,
            held,
            says,
        });
    };
    // Each temptation is judged in runs long enough for its cost to arrive.
    let weeks = scenario.weeks;
    if let Some(t) = measured
        .squeeze
        .as_ref()
        .filter(|_| weeks >= SQUEEZE_PAID_BY)
    {
        push(
            Promise::SqueezeTempts,
            tempts(t, |w| w <= SQUEEZE_PAID_BY, "keeping up the squeeze"),
        );
    }
    if let Some(t) = (measured.coding.as_ref()).filter(|_| weeks >= *CODING_OVERTAKEN.end()) {
        push(
            Promise::CodingTempts,
            tempts(t, |w| CODING_OVERTAKEN.contains(&w), "coding all week"),
        );
    }
    if !measured.management.is_empty() {
        let all: Vec<String> = measured
            .management
            .iter()
            .map(|e| format!("`{}` {:+.1}% ({:.2})", e.action, e.gain * 100.0, e.per_hour))
            .collect();
        // Judged on what it adds over leaving its hours idle; the share of an average hour
        // says how it compares with the plan's other hours.
        let held = (measured.management.iter()).all(|e| e.gain >= MANAGEMENT_GAIN);
        push(
            Promise::ManagementMatters,
            (
                held,
                format!(
                    "once a week beside half a week of leadership, each adds this share of Value \
                     over leaving its hours idle (needs {}), and per hour this share of a good \
                     plan's average hour: {}",
                    pct(MANAGEMENT_GAIN),
                    all.join(", ")
                ),
            ),
        );
    }
    if let Some(m) = measured.multiplied {
        push(
            Promise::LeadingPaysInValue,
            (
                m.ratio >= MULTIPLIED_RATIO && m.wins >= MULTIPLIED_WINS,
                format!(
                    "the balanced bot's Value is {:.2} times the pure manager's (at least {:.2}) \
                     and the higher in {} of {MULTIPLIED_SEEDS} worlds (at least {})",
                    m.ratio,
                    MULTIPLIED_RATIO,
                    pct(m.wins),
                    pct(MULTIPLIED_WINS)
                ),
            ),
        );
    }
    let share = |policy: Policy, quadrant: Quadrant| {
        measured.landing(policy).map_or(0.0, |l| l.share(quadrant))
    };
    let random = share(Policy::Random, Quadrant::ScaledAndValuable);
    push(
        Promise::VerdictEarned,
        (
            random <= RANDOM_SCALED_AT_MOST,
            format!(
                "random play is scaled and valuable in {} of {VERDICT_SEEDS} worlds (at most {})",
                pct(random),
                pct(RANDOM_SCALED_AT_MOST)
            ),
        ),
    );
    // An archetype is judged only where the scenario offers its family's actions.
    let named: Vec<(Policy, Quadrant)> = [
        (
            Policy::PureLeader,
            Quadrant::WellLedGoingNowhere,
            Family::Leadership,
        ),
        (
            Policy::PureManager,
            Quadrant::BloodFromAStone,
            Family::Management,
        ),
        (
            Policy::Micromanager,
            Quadrant::BloodFromAStone,
            Family::Micromanagement,
        ),
    ]
    .into_iter()
    .filter(|&(_, _, family)| offers(scenario, family))
    .map(|(p, q, _)| (p, q))
    .collect();
    let lands: Vec<String> = named
        .iter()
        .map(|&(p, q)| {
            format!(
                "the {} \"{}\" in {}",
                p.label().to_lowercase(),
                q.name().to_lowercase(),
                pct(share(p, q))
            )
        })
        .collect();
    push(
        Promise::ArchetypesLand,
        (
            named.iter().all(|&(p, q)| share(p, q) >= LANDS_AT_LEAST),
            format!(
                "{} of worlds (each needs {}; move the lines with `verdict_output` and \
                 `verdict_value`)",
                lands.join(", "),
                pct(LANDS_AT_LEAST)
            ),
        ),
    );
    let idle: Vec<&Landing> = measured
        .landings
        .iter()
        .filter(|l| l.policy != Policy::Random && l.hours_used < BOT_HOURS_AT_LEAST)
        .collect();
    let least = measured
        .landings
        .iter()
        .filter(|l| l.policy != Policy::Random)
        .min_by(|a, b| a.hours_used.total_cmp(&b.hours_used));
    push(
        Promise::BotsUseTheWeek,
        (
            idle.is_empty(),
            match least {
                Some(l) => format!(
                    "the least busy bot, the {}, spends {} of its week (needs {})",
                    l.policy.label().to_lowercase(),
                    pct(l.hours_used),
                    pct(BOT_HOURS_AT_LEAST)
                ),
                None => "no bots".to_string(),
            },
        ),
    );
    if let Some(f) = measured.frozen {
        let both = (f.output.max(0.0) * f.value.max(0.0)).sqrt();
        push(
            Promise::FrozenFallsBehind,
            (
                both <= FROZEN_AT_MOST && f.value <= 1.0,
                format!(
                    "the balanced bot's week-{FROZEN_AT} plan kept to the end, events answered \
                     with their first choice, adds {} of the Output and {} of the Value the \
                     balanced bot adds over doing nothing ({} together, at most {}; Value at \
                     most 100%)",
                    pct(f.output),
                    pct(f.value),
                    pct(both),
                    pct(FROZEN_AT_MOST)
                ),
            ),
        );
    }
    if let Some(s) = measured.spree {
        push(
            Promise::SpreeDoesNotPay,
            (
                s.of_leader <= SPREE_AT_MOST,
                format!(
                    "hiring every week and nothing else reaches {} of the pure leader's Output \
                     (at most {}), {} of an idle run's",
                    pct(s.of_leader),
                    pct(SPREE_AT_MOST),
                    pct(s.of_idle)
                ),
            ),
        );
    }
    if let Some(m) = &measured.money {
        let most = m.broke.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1));
        push(
            Promise::MoneyBinds,
            match most {
                Some((p, b)) => (
                    b >= BROKE_AT_LEAST,
                    format!(
                        "people cost {:.2} a week each; the {} bot runs out of money in {} of \
                         worlds, the most of any (some bot must in at least {})",
                        scenario.model.salary,
                        p.label().to_lowercase(),
                        pct(b),
                        pct(BROKE_AT_LEAST)
                    ),
                ),
                None => (false, "no bots".to_string()),
            },
        );
    }
    out
}
