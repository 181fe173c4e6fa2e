//! The state of a run between weeks, and the effect and condition language applied to it.

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Range;

use super::action::{Family, Target};
use super::backlog::{BLOCK, Orders};
use super::director::Strain;
use super::effect::{Condition, Effect, Measure, Segments, Who};
use super::market::Segment;
use super::naming::{FEATURES, ITEM_PREFIX, ItemId, ItemName, same_id};
use super::people::{MAX_PEOPLE, Person, Role, Stat, Takes};
use super::player::Player;
use super::product::{Item, Values};
use super::report::WeekRecord;
use super::rng::{SimRng, Stream};
use super::scenario::Scenario;
use super::spare::clone_with_room;
use super::traits::{Trait, Traits};

/// An event that happened and waits for the player's choice.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingEvent {
    /// The event's id.
    pub event: String,
    /// The id of the person it is about, if any.
    pub subject: Option<String>,
    /// The event's text with the subject's name filled in.
    pub text: String,
}

/// What an effect is applied to: the targets of the action or event that causes it.
///
/// Targets are resolved to places once, when the action is checked, rather than looked up by
/// id for every effect: effects on people run for every action of every week.
#[derive(Clone, Debug, Default)]
pub struct Context<'a> {
    /// Id of the targeted person (or the event's subject), kept to find them again when
    /// people leave and the team shifts.
    pub person_id: Option<&'a str>,
    /// Place of that person in [`State::people`], if they are on the team.
    pub person: Option<usize>,
    /// Place of the targeted item in [`State::items`].
    pub item: Option<usize>,
    /// Place of the targeted segment in [`State::segments`].
    pub segment: Option<usize>,
    /// Multiplier on gains: competency and repeats (1 for events).
    pub strength: f64,
    /// The family of the action whose effects these are (`None` for an event's answer):
    /// people's traits take some families' changes harder or better.
    pub family: Option<Family>,
}

impl Context<'_> {
    /// Whether these effects are a check-in (micromanagement) and whether they lead: what
    /// people's traits take harder or better.
    fn checked_or_led(&self) -> (bool, bool) {
        (
            self.family == Some(Family::Micromanagement),
            self.family == Some(Family::Leadership),
        )
    }
}

/// The whole world of a run between two weeks.
#[derive(Debug, PartialEq)]
pub struct State {
    /// Weeks played so far.
    pub week: u32,
    /// The player.
    pub player: Player,
    /// People on the team(s), in a stable order.
    pub people: Vec<Person>,
    /// People who left, with the week they left.
    pub departed: Vec<(u32, Person)>,
    /// The backlog, shipped items included. Items are only ever added, and changed only by
    /// the week: `orders` follows them.
    pub items: Vec<Item>,
    /// The backlog in the orders a week reads it in, kept in step with `items`.
    pub(crate) orders: Orders,
    /// Customer segments.
    pub segments: Vec<Segment>,
    /// Share of effort aimed at the most valuable known work, `0..=1`.
    pub focus: f64,
    /// Technical debt, `0..`.
    pub debt: f64,
    /// Money left.
    pub budget: f64,
    /// The id of the item put first in line, if any.
    pub pinned: Option<ItemId>,
    /// Attention hours added to next week only.
    pub extra_hours: f64,
    /// Whether the feed has said the team is under strain and not yet that it eased: the two
    /// lines are told at different levels (see [`Strain::TOLD`]), so a strain that wavers
    /// around one of them is not told every week.
    pub strained: bool,
    /// The weeks a newcomer takes to ramp up this week (the model's, which a phase may
    /// change): the team's highest and lowest are read among people past it.
    pub ramp_weeks: f64,
    /// This week's output squeeze (reset every week; boosts do not stack).
    pub boost: f64,
    /// A squeeze an answer to an event asked for: next week's, where it starts.
    pub booked_boost: f64,
    /// Output the player built personally this week.
    pub built: f64,
    /// Flags set by effects.
    pub flags: BTreeSet<String>,
    /// The week each event last happened, by its place in the scenario's events: looked up
    /// for every event every week, which by id showed in profiles.
    pub event_weeks: Vec<Option<u32>>,
    /// How many times each event has happened, by the same places.
    pub event_counts: Vec<u32>,
    /// An event waiting for a choice.
    pub pending: Option<PendingEvent>,
    /// New items due (fractions accumulate).
    pub arrivals_due: f64,
    /// Number for the next generated item's id.
    pub next_item: u32,
    /// People hired so far (for naming).
    pub hired: u32,
    /// Sum of the quality of every shipped item (with `shipped_count`, the product's quality
    /// customers judge).
    pub shipped_quality: f64,
    /// Items shipped so far.
    pub shipped_count: u32,
    /// Every finished week.
    pub history: Vec<WeekRecord>,
    /// What last week's work was done with, for the feed to say what moved since.
    pub worked: Worked,
}

/// What a week's work was done with, beyond the people: the feed names what moved since.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Worked {
    /// The debt the work was done at (after the week's paying down, before its new debt).
    pub debt: f64,
    /// The share of effort coordination and onboarding left, averaged over people.
    pub efficiency: f64,
    /// How many people worked.
    pub team: usize,
}

/// Cloned by hand to keep the room [`State::new`] reserves for the run: a derived clone
/// allocates only what is in use, so a cloned game (undo, previews, benchmarks) would move its
/// whole backlog in memory on the first arrival.
impl Clone for State {
    fn clone(&self) -> Self {
        Self {
            week: self.week,
            player: self.player.clone(),
            people: self.people.clone(),
            departed: self.departed.clone(),
            items: clone_with_room(&self.items),
            orders: self.orders.clone_with_room(),
            segments: self.segments.clone(),
            focus: self.focus,
            debt: self.debt,
            budget: self.budget,
            pinned: self.pinned.clone(),
            extra_hours: self.extra_hours,
            strained: self.strained,
            ramp_weeks: self.ramp_weeks,
            boost: self.boost,
            booked_boost: self.booked_boost,
            built: self.built,
            flags: self.flags.clone(),
            event_weeks: self.event_weeks.clone(),
            event_counts: self.event_counts.clone(),
            pending: self.pending.clone(),
            arrivals_due: self.arrivals_due,
            next_item: self.next_item,
            hired: self.hired,
            shipped_quality: self.shipped_quality,
            shipped_count: self.shipped_count,
            history: clone_with_room(&self.history),
            worked: self.worked,
        }
    }

    /// A copy of `src` made in this state's memory: the search plays thousands of runs from
    /// the same few starts, and a run's backlog and orders written over the last run's stay
    /// in the processor's caches, where new ones came from memory nobody had touched.
    fn clone_from(&mut self, src: &Self) {
        self.week = src.week;
        self.player.clone_from(&src.player);
        self.people.clone_from(&src.people);
        self.departed.clone_from(&src.departed);
        self.items.clone_from(&src.items);
        self.orders.copy_from(&src.orders);
        self.segments.clone_from(&src.segments);
        self.focus = src.focus;
        self.debt = src.debt;
        self.budget = src.budget;
        self.pinned.clone_from(&src.pinned);
        self.extra_hours = src.extra_hours;
        self.strained = src.strained;
        self.ramp_weeks = src.ramp_weeks;
        self.boost = src.boost;
        self.booked_boost = src.booked_boost;
        self.built = src.built;
        self.flags.clone_from(&src.flags);
        self.event_weeks.clone_from(&src.event_weeks);
        self.event_counts.clone_from(&src.event_counts);
        self.pending.clone_from(&src.pending);
        self.arrivals_due = src.arrivals_due;
        self.next_item = src.next_item;
        self.hired = src.hired;
        self.shipped_quality = src.shipped_quality;
        self.shipped_count = src.shipped_count;
        self.history.clone_from(&src.history);
        self.worked = src.worked;
    }
}

/// Names for people who join during a run.
const NEWCOMERS: &[&str] = &[
    "Alex", "Bea", "Chidi", "Dana", "Emil", "Fatima", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lena",
    "Mo", "Nia", "Omar", "Pia", "Quinn", "Rui", "Sade", "Tomas",
];

impl State {
    /// The world at the start of a run of `scenario` with `seed`.
    pub fn new(scenario: &Scenario, seed: u64) -> Self {
        let mut state = Self {
            week: 0,
            player: scenario.player.clone(),
            people: scenario.people.clone(),
            departed: Vec::new(),
            items: scenario.items.clone(),
            orders: Orders::default(),
            segments: scenario
                .segments
                .iter()
                .map(|s| Segment {
                    reach: scenario.start.reach,
                    // What the product is worth to customers already there: the worth at
                    // which `Segment::adoption_target` is where the segment starts.
                    worth: scenario.model.adoption_half * s.adoption / (1.0 - s.adoption).max(0.05),
                    ..s.clone()
                })
                .collect(),
            focus: scenario.start.focus,
            debt: scenario.start.debt,
            budget: scenario.start.budget,
            pinned: None,
            extra_hours: 0.0,
            strained: false,
            ramp_weeks: scenario.model_at(1).ramp_weeks,
            boost: 0.0,
            booked_boost: 0.0,
            built: 0.0,
            flags: BTreeSet::new(),
            event_weeks: vec![None; scenario.events.len()],
            event_counts: vec![0; scenario.events.len()],
            pending: None,
            arrivals_due: 0.0,
            next_item: 1,
            hired: 0,
            shipped_quality: 0.0,
            shipped_count: 0,
            history: Vec::new(),
            worked: Worked {
                debt: scenario.start.debt,
                efficiency: 1.0,
                team: scenario.people.len(),
            },
        };
        // Room for the whole run's arrivals, so the backlog never moves in memory mid-run: a
        // phase may change the rate (path-to-cto's scale-up brings half as many again), and
        // room for the first rate only had the backlog and its orders copied whole mid-run.
        let arrivals: f64 = (1..=scenario.weeks)
            .map(|week| scenario.model_at(week).arrivals.max(0.0))
            .sum();
        let arrivals = arrivals.ceil() as usize + 1;
        let room = scenario.items.len() + scenario.start.generated_items as usize + arrivals;
        state.items.reserve(room - state.items.len());
        state.orders = Orders::new(&state.items, state.segments.len(), room);
        state.history.reserve(scenario.weeks as usize);
        let mut traits = SimRng::new(seed, 0, Stream::Traits);
        for p in &mut state.people {
            p.traits = p.traits.or_else(|| Some(draw_traits(&mut traits)));
        }
        let mut rng = SimRng::new(seed, 0, Stream::Backlog);
        for _ in 0..scenario.start.generated_items {
            state.generate_item(scenario, &mut rng);
        }
        state
    }

    /// Adds one generated backlog item ([`State::new_need`]).
    pub(crate) fn generate_item(&mut self, scenario: &Scenario, rng: &mut SimRng) {
        let item = self.new_need(scenario, rng);
        self.receive(item);
    }

    /// Takes in `item`, the next generated need ([`State::new_need`]'s, or the same need
    /// booked ahead: see [`super::arrivals`]).
    pub(crate) fn receive(&mut self, item: Item) {
        self.next_item += 1;
        self.items.push(item);
        self.orders.add(&self.items, self.items.len() - 1);
    }

    /// The next generated backlog item, as of this state (its number and week): most carry
    /// little value, a minority a lot, each mostly to one segment; how appealing it is to the
    /// team has nothing to do with it.
    pub(crate) fn new_need(&self, scenario: &Scenario, rng: &mut SimRng) -> Item {
        let n = self.next_item;
        let feature = rng.below(FEATURES.len()) as u8;
        let segments = self.segments.len();
        let m = scenario.model_at(self.week + 1);
        let valuable = rng.unit() < m.valuable_share;
        let home = if segments > 0 { rng.below(segments) } else { 0 };
        let value: Values = (0..segments)
            .map(|s| {
                let u = rng.unit();
                if valuable && s == home {
                    let v = rng.unit();
                    3.0 + 12.0 * v * v * v
                } else {
                    0.4 * u * u
                }
            })
            .collect();
        let u = rng.unit();
        // A valuable need takes effort in proportion to what it is worth; the tail is small
        // work of little worth.
        let effort = if valuable {
            let worth: f64 = value.iter().sum();
            (m.need_effort * worth * (0.75 + 0.5 * u)).max(1.0)
        } else {
            3.0 + 9.0 * u
        };
        let appeal = rng.unit();
        let requested = rng.unit() < m.requested_share;
        Item {
            // Spelt only when read: see [`super::naming`].
            id: ItemId::Generated(n),
            name: ItemName::Generated { feature, number: n },
            effort,
            value,
            appeal,
            revealed: requested,
            progress: 0.0,
            shipped: None,
            quality: 0.0,
            fit: 1.0,
        }
    }

    /// The index of the person with this id.
    pub fn person_index(&self, id: &str) -> Option<usize> {
        self.people.iter().position(|p| same_id(&p.id, id))
    }

    /// The index of the item with this id.
    ///
    /// The backlog is the authored items followed by the generated ones, `item-1`, `item-2`...
    /// in number order, so a generated id names its place directly: bots and plan checks look
    /// items up every week, and a scan of a long backlog comparing strings showed in profiles.
    /// The answer is the same as a scan's (the first item with this id): authored items are
    /// searched first, and a generated id is only taken where it actually sits.
    pub fn item_index(&self, id: &str) -> Option<usize> {
        let number = id
            .strip_prefix(ITEM_PREFIX)
            .and_then(|n| n.parse::<u32>().ok());
        self.find_item(|it| it.id == *id, number)
    }

    /// The place a look-up by id finds for the item at `i`: `i` itself, unless an item before
    /// it is spelt the same. A bot's step names an item by place; this answers as a look-up of
    /// its id would, without spelling out a generated id.
    pub(crate) fn item_place(&self, i: usize) -> Option<usize> {
        self.item_with(&self.items.get(i)?.id)
    }

    /// [`State::item_index`] of an id as an item keeps it.
    pub fn item_with(&self, id: &ItemId) -> Option<usize> {
        self.find_item(|it| it.id == *id, id.generated())
    }

    /// The first item that is `same`, where `number` is the generated number it has if it is
    /// a generated item.
    fn find_item(&self, same: impl Fn(&Item) -> bool, number: Option<u32>) -> Option<usize> {
        let generated = (self.next_item as usize).saturating_sub(1);
        let authored = self.items.len().saturating_sub(generated);
        let (first, rest) = self.items.split_at(authored);
        if let Some(i) = first.iter().position(&same) {
            return Some(i);
        }
        let direct = number.and_then(|n| (n as usize).checked_sub(1));
        if let Some(i) = direct.filter(|&i| rest.get(i).is_some_and(&same)) {
            return Some(authored + i);
        }
        rest.iter().position(same).map(|i| authored + i)
    }

    /// The index of the segment with this id.
    pub fn segment_index(&self, id: &str) -> Option<usize> {
        self.segments.iter().position(|s| same_id(&s.id, id))
    }

    /// The id a bot's target was taken from.
    pub(crate) fn target_id(&self, target: Target) -> Cow<'_, str> {
        match target {
            Target::Person(i) => Cow::Borrowed(&self.people[i].id),
            Target::Item(i) => self.items[i].id.as_str(),
            Target::Segment(i) => Cow::Borrowed(&self.segments[i].id),
        }
    }

    /// Whether two of a bot's targets have the same id. A target names a person by the first
    /// place with their id and segment ids are unique, so two places of either kind are the
    /// same id only if they are the same place; items' ids are compared as they are kept.
    /// Bots ask for every pair of entries of an action they plan, and comparing the ids as
    /// strings was a twentieth of a search's instructions.
    #[inline]
    pub(crate) fn same_id(&self, a: Target, b: Target) -> bool {
        match (a, b) {
            (Target::Person(i), Target::Person(j)) | (Target::Segment(i), Target::Segment(j)) => {
                i == j
            }
            (Target::Item(i), Target::Item(j)) => self.items[i].id == self.items[j].id,
            (a, b) => self.target_id(a) == self.target_id(b),
        }
    }

    /// Whether a plan entry's target is still there: a person on the team, a segment, or an
    /// open item. The cheap lookups come first; the backlog is the long one.
    pub fn still_there(&self, target: &str) -> bool {
        self.person_index(target).is_some()
            || self.segment_index(target).is_some()
            || self
                .item_index(target)
                .is_some_and(|i| self.items[i].open())
    }

    /// The team's mean of a stat (0 with nobody on it).
    pub fn mean(&self, stat: Stat) -> f64 {
        mean(self.people.iter().map(|p| p.stat(stat)))
    }

    /// The current value of a measure.
    pub fn measure(&self, measure: &Measure) -> f64 {
        let stats = |s: Stat| self.settled().map(move |(_, p)| p.stat(s));
        match measure {
            Measure::Week => f64::from(self.week + 1),
            Measure::TeamSize => self.people.len() as f64,
            Measure::Mean(s) => self.mean(*s),
            Measure::Max(s) => stats(*s).fold(0.0, f64::max),
            Measure::Min(s) => stats(*s).reduce(f64::min).unwrap_or(0.0),
            Measure::Focus => self.focus,
            Measure::Reach => self.reach(),
            Measure::Debt => self.debt,
            Measure::Budget => self.budget,
            Measure::Adoption => mean(self.segments.iter().map(|s| s.adoption)),
            Measure::Satisfaction => mean(self.segments.iter().map(|s| s.satisfaction)),
            Measure::Competency(c) => self.player.competency(*c),
            Measure::Output => self.history.last().map_or(0.0, |r| r.output),
            Measure::Value => self.history.last().map_or(0.0, |r| r.value),
        }
    }

    /// The people the team's highest and lowest are read among, with their places: those who
    /// have ramped up, or everyone while nobody has. A newcomer's onboarding clarity is not
    /// the team's lowest clarity, nor a reason for an event about someone gone quiet.
    pub fn settled(&self) -> impl Iterator<Item = (usize, &Person)> + Clone {
        let ramp_weeks = self.ramp_weeks;
        let anyone = self.people.iter().any(|p| p.ramp(ramp_weeks) >= 1.0);
        (self.people.iter().enumerate()).filter(move |(_, p)| !anyone || p.ramp(ramp_weeks) >= 1.0)
    }

    /// How strained the run is, for the director (see [`Strain`]); newcomers still ramping
    /// up this week are not counted.
    pub fn strain(&self) -> Strain {
        Strain::of_team(&self.people, self.debt, self.ramp_weeks)
    }

    /// Whether a condition holds now.
    ///
    /// Most actions and events require nothing, and every week asks this of each of them
    /// (bots of every action they consider): that answer is given inline, without the call
    /// that evaluates a condition.
    #[inline]
    pub fn holds(&self, condition: &Condition) -> bool {
        matches!(condition, Condition::Always) || self.evaluate(condition)
    }

    /// The parts of `condition` that do not hold now, in words, each number it checks with
    /// where the run stands ("team size at most 19, now 20"): what a refused action or an
    /// unmet goal needs, without what it already has.
    pub fn unmet(&self, condition: &Condition) -> String {
        match condition {
            Condition::All(cs) => {
                let unmet: Vec<String> = (cs.iter().filter(|c| !self.holds(c)))
                    .map(|c| self.unmet(c))
                    .collect();
                if unmet.is_empty() {
                    condition.describe()
                } else {
                    unmet.join(" and ")
                }
            }
            Condition::Is {
                measure,
                at_least,
                at_most,
            } => {
                // As precise as the check's own number: a share (focus 0.50) to two decimals,
                // a count whole.
                let now = self.measure(measure);
                let bound = at_least.or(*at_most).unwrap_or(now);
                let count = matches!(measure, Measure::TeamSize | Measure::Week);
                let now = if count {
                    crate::text::whole(now)
                } else if bound.abs() < 10.0 {
                    crate::text::fixed(now, 2)
                } else {
                    crate::text::num(now)
                };
                format!("{}, now {now}", condition.describe())
            }
            _ => condition.describe(),
        }
    }

    /// [`State::holds`] for any condition.
    fn evaluate(&self, condition: &Condition) -> bool {
        match condition {
            Condition::Always => true,
            Condition::All(cs) => cs.iter().all(|c| self.holds(c)),
            Condition::Any(cs) => cs.iter().any(|c| self.holds(c)),
            Condition::Not(c) => !self.holds(c),
            Condition::Flag(f) => self.flags.contains(f),
            Condition::Is {
                measure,
                at_least,
                at_most,
            } => {
                let x = self.measure(measure);
                at_least.is_none_or(|lo| x >= lo) && at_most.is_none_or(|hi| x <= hi)
            }
        }
    }

    /// The one person an effect aimed at somebody reaches, if they are still on the team.
    fn named(&self, who: &Who, ctx: &Context) -> Option<usize> {
        match who {
            Who::Target => ctx.person,
            Who::Person(id) => self.person_index(id),
            Who::Everyone | Who::Role(_) => None,
        }
    }

    /// Indices of the people an effect reaches, in team order.
    fn chosen(&self, who: &Who, ctx: &Context) -> Vec<usize> {
        match who {
            Who::Target | Who::Person(_) => self.named(who, ctx).into_iter().collect(),
            Who::Everyone => (0..self.people.len()).collect(),
            Who::Role(r) => (0..self.people.len())
                .filter(|&i| self.people[i].role == *r)
                .collect(),
        }
    }

    /// Applies `change` to every person an effect reaches, in team order. Effects on people
    /// run for every action of every week, so unlike [`State::chosen`] this collects nothing.
    fn change_chosen(&mut self, who: &Who, ctx: &Context, mut change: impl FnMut(&mut Person)) {
        match who {
            Who::Target | Who::Person(_) => {
                if let Some(i) = self.named(who, ctx) {
                    change(&mut self.people[i]);
                }
            }
            Who::Everyone => self.people.iter_mut().for_each(change),
            Who::Role(r) => self
                .people
                .iter_mut()
                .filter(|p| p.role == *r)
                .for_each(change),
        }
    }

    /// Indices of the segments an effect reaches: one, all or none, always a range, so
    /// nothing is collected.
    fn segments_of(&self, which: &Segments, ctx: &Context) -> Range<usize> {
        let one = |i: Option<usize>| i.map_or(0..0, |i| i..i + 1);
        match which {
            Segments::Target => match ctx.segment {
                Some(i) => i..i + 1,
                None => 0..self.segments.len(),
            },
            Segments::All => 0..self.segments.len(),
            Segments::Segment(id) => one(self.segment_index(id)),
        }
    }

    /// Applies one effect. Gains are scaled by `ctx.strength`; costs are not.
    /// A departure shifts the team, so the target's place in `ctx` is found again after one.
    pub(crate) fn apply(
        &mut self,
        scenario: &Scenario,
        effect: &Effect,
        ctx: &mut Context,
        seed: u64,
    ) {
        let gain = |x: f64| if x > 0.0 { x * ctx.strength } else { x };
        match effect {
            Effect::Adjust { who, stat, by } => {
                let (checked, led) = ctx.checked_or_led();
                let (stat, takes, gained) = (*stat, Takes::of(*stat, *by, checked, led), gain(*by));
                self.change_chosen(who, ctx, |p| {
                    let by = gained * takes.factor(p);
                    p.set_stat(stat, p.stat(stat) + by);
                })
            }
            Effect::Grow { who, stat, share } => {
                let (checked, led) = ctx.checked_or_led();
                let (stat, takes) = (*stat, Takes::of(*stat, *share, checked, led));
                let gained = gain(*share);
                self.change_chosen(who, ctx, |p| {
                    let gap = p.ceiling(stat) - p.stat(stat);
                    let share = gained * takes.factor(p);
                    let step = share.clamp(-1.0, 1.0) * gap.max(0.0);
                    p.set_stat(stat, p.stat(stat) + step);
                })
            }
            // An answer to an event comes between weeks: its time is next week's.
            Effect::Busy { who, share } if ctx.family.is_none() => {
                self.change_chosen(who, ctx, |p| p.booked = (p.booked + share).clamp(0.0, 1.0));
            }
            Effect::Busy { who, share } => self.change_chosen(who, ctx, |p| {
                p.busy = (p.busy + share).clamp(0.0, 1.0);
            }),
            Effect::Build { hours } => {
                self.built += gain(*hours)
                    * self.player.engineering
                    * scenario.model_at(self.week + 1).build_rate;
            }
            Effect::Boost { share } if ctx.family.is_none() => {
                self.booked_boost = self.booked_boost.max(gain(*share));
            }
            Effect::Boost { share } => self.boost = self.boost.max(gain(*share)),
            Effect::Focus { by } => self.focus = (self.focus + gain(*by)).clamp(0.0, 1.0),
            Effect::Reach { by } => {
                let range = self.segments_of(&Segments::Target, ctx);
                for seg in &mut self.segments[range] {
                    seg.reach = (seg.reach + gain(*by)).clamp(0.0, 1.0);
                }
            }
            Effect::Pin => {
                if let Some(i) = ctx.item {
                    self.pinned = Some(self.items[i].id.clone());
                }
            }
            Effect::Reveal { segments, items } => {
                let count = (f64::from(*items) * ctx.strength + 0.5) as u32;
                let targets = self.segments_of(segments, ctx);
                let mut rng = SimRng::new(seed, self.week + 1, super::rng::Stream::Insight);
                self.reveal(targets, count, &mut rng);
            }
            Effect::Satisfaction { segments, by } => {
                let range = self.segments_of(segments, ctx);
                for seg in &mut self.segments[range] {
                    seg.satisfaction = (seg.satisfaction + gain(*by)).clamp(0.0, 1.0);
                }
            }
            Effect::Adoption { segments, by } => {
                let range = self.segments_of(segments, ctx);
                for seg in &mut self.segments[range] {
                    seg.adoption = (seg.adoption + gain(*by)).clamp(0.0, 1.0);
                }
            }
            Effect::Debt { by } => self.debt = (self.debt + by).max(0.0),
            Effect::Budget { by } => self.budget += by,
            Effect::Hours { by } => self.extra_hours += by,
            Effect::Competency { competency, by } => {
                let c = self.player.competency_mut(*competency);
                *c = (*c + by).clamp(0.0, 1.0);
            }
            Effect::Hire { .. } if self.people.len() >= MAX_PEOPLE => {}
            Effect::Hire { role, skill } => {
                let name = NEWCOMERS[self.hired as usize % NEWCOMERS.len()];
                self.hired += 1;
                let team = self.people.first().map_or(0, |p| p.team);
                self.people.push(Person {
                    id: format!("hire-{}", self.hired),
                    name: name.to_string(),
                    role: *role,
                    team,
                    skill: skill.clamp(0.0, 1.0),
                    potential: (skill + 0.35).min(1.0),
                    morale: 0.7,
                    autonomy: 0.3,
                    clarity: 0.2,
                    flight_risk: 0.05,
                    tenure: 0.0,
                    busy: 0.0,
                    booked: 0.0,
                    traits: Some(draw_traits(&mut SimRng::new(
                        seed,
                        u32::MAX - self.hired,
                        Stream::Traits,
                    ))),
                });
            }
            Effect::Leave { who } => {
                let mut gone = self.chosen(who, ctx);
                gone.sort_unstable();
                for i in gone.into_iter().rev() {
                    let p = self.people.remove(i);
                    self.departed.push((self.week + 1, p));
                }
                ctx.person = ctx.person_id.and_then(|id| self.person_index(id));
            }
            Effect::SetFlag(f) => {
                self.flags.insert(f.clone());
            }
            Effect::ClearFlag(f) => {
                self.flags.remove(f);
            }
        }
    }

    /// Reveals `count` unrevealed open items, each drawn with a weight of what it is worth to
    /// the `targets` segments (plus a little, so worthless items can come up too).
    ///
    /// The weights' total comes from sums kept per segment as items come and go, so a draw
    /// reads the hidden items only up to the one it picks rather than all of them to weigh
    /// them first: a reveal is the costliest effect, and a bot that talks to two segments
    /// runs two every week.
    fn reveal(&mut self, targets: Range<usize>, count: u32, rng: &mut SimRng) {
        for _ in 0..count {
            if self.orders.hidden_count() == 0 {
                break;
            }
            let total = self.orders.hidden_weight(REVEAL_BASE, &targets);
            let pick = rng.unit() * total;
            let blocks = self.orders.hidden_count() >= BY_BLOCKS;
            let orders = &self.orders;
            // One segment is the usual case: its value is the worth, asked once per draw.
            let drawn = if targets.len() == 1 {
                let segment = targets.start;
                let worth = |value: &[f64]| value.get(segment).copied().unwrap_or(0.0);
                (blocks.then(|| draw_by_blocks(orders, pick, total, &targets, worth)))
                    .flatten()
                    .unwrap_or_else(|| draw(orders, pick, total, worth))
            } else {
                let worth = |value: &[f64]| {
                    let n = value.len();
                    value[targets.start.min(n)..targets.end.min(n)].iter().sum()
                };
                (blocks.then(|| draw_by_blocks(orders, pick, total, &targets, worth)))
                    .flatten()
                    .unwrap_or_else(|| draw(orders, pick, total, worth))
            };
            let Some(i) = drawn else { break };
            self.items[i].revealed = true;
            self.orders.reveal(&self.items, i);
        }
    }

    /// Customer reach over the segments, `0..=1`: the mean of each segment's.
    pub fn reach(&self) -> f64 {
        mean(self.segments.iter().map(|s| s.reach))
    }

    /// Total Output so far.
    pub fn total_output(&self) -> f64 {
        self.history.iter().map(|r| r.output).sum()
    }

    /// Total Value so far.
    pub fn total_value(&self) -> f64 {
        self.history.iter().map(|r| r.value).sum()
    }

    /// Whether a person has a role whose output goes into the backlog.
    pub(crate) fn builds(role: Role) -> bool {
        matches!(role, Role::Engineer | Role::Lead)
    }
}

/// What every hidden item weighs in a reveal on top of its worth.
const REVEAL_BASE: f64 = 0.15;

/// The hidden items from which a reveal's draw passes whole blocks of them by their sums
/// ([`draw_by_blocks`]): fewer are counted one by one from the nearer end as quickly.
const BY_BLOCKS: usize = 48;

/// The hidden item `pick` falls on when each weighs [`REVEAL_BASE`] plus what `worth` makes
/// of its values, laid end to end in backlog order up to `total`.
///
/// The items are counted from the end nearer the pick, so a draw reads a quarter of them on
/// average rather than half. From either end it is the same item, but for a pick that lands
/// within rounding of an item's edge; one that rounding leaves past them all takes the item
/// at the far end.
#[inline(always)]
fn draw(orders: &Orders, pick: f64, total: f64, worth: impl Fn(&[f64]) -> f64) -> Option<usize> {
    let hidden = orders.hidden();
    let weight = |i: usize| REVEAL_BASE + worth(orders.values(i));
    let mut drawn = None;
    if pick < total / 2.0 {
        let mut rest = pick;
        for i in hidden.iter() {
            drawn = Some(i);
            let w = weight(i);
            if rest < w {
                break;
            }
            rest -= w;
        }
    } else {
        // Item `i` holds the pick when what lies past the pick is more than the weight of
        // the items after `i` and at most that plus its own.
        let mut rest = total - pick;
        for i in hidden.iter_rev() {
            drawn = Some(i);
            let w = weight(i);
            if rest <= w {
                break;
            }
            rest -= w;
        }
    }
    drawn
}

/// [`draw`]'s item, found by passing whole blocks of hidden items ([`BLOCK`] places) by
/// their sums kept in the orders and counting item by item only in the block the pick falls
/// in: `None` when the pick lies within [`Orders::rounding`] of an item's edge, where the
/// running totals of the two ways could part, and only [`draw`] itself says which item it
/// takes. Elsewhere it is [`draw`]'s item, from the same end: every item passed is passed
/// with more than the rounding to spare, and the item taken is taken with as much.
#[inline(always)]
fn draw_by_blocks(
    orders: &Orders,
    pick: f64,
    total: f64,
    targets: &Range<usize>,
    worth: impl Fn(&[f64]) -> f64,
) -> Option<Option<usize>> {
    let hidden = orders.hidden();
    let weight = |i: usize| REVEAL_BASE + worth(orders.values(i));
    let block_weight = |b: usize, bits: u16| {
        REVEAL_BASE * f64::from(bits.count_ones()) + orders.block_worth(b, targets)
    };
    let margin = orders.rounding(REVEAL_BASE);
    // Counted from the nearer end, as the walk counts: blocks and the items in a block alike.
    let (start, forward) = if pick < total / 2.0 {
        (pick, true)
    } else {
        (total - pick, false)
    };
    let blocks = hidden.blocks();
    // What the blocks passed weigh.
    let mut passed = 0.0;
    for k in 0..blocks {
        let b = if forward { k } else { blocks - 1 - k };
        let bits = hidden.block(b);
        if bits == 0 {
            continue;
        }
        let whole = block_weight(b, bits);
        if start - (passed + whole) > margin {
            passed += whole;
            continue;
        }
        let mut rest = start - passed;
        let mut left = bits;
        while left != 0 {
            let bit = if forward {
                left.trailing_zeros()
            } else {
                15 - left.leading_zeros()
            } as usize;
            left &= !(1 << bit);
            let i = b * BLOCK + bit;
            let w = weight(i);
            if rest - w > margin {
                rest -= w;
            } else if w - rest > margin {
                return Some(Some(i));
            } else {
                return None;
            }
        }
        passed += whole;
    }
    None
}

/// A person's traits, where the scenario leaves them to the seed: one trait, and a second in
/// a third of draws.
pub(crate) fn draw_traits(rng: &mut SimRng) -> Traits {
    let first = Trait::ALL[rng.below(Trait::ALL.len())];
    if rng.unit() < 1.0 / 3.0 {
        Traits::of([first, Trait::ALL[rng.below(Trait::ALL.len())]])
    } else {
        Traits::of([first])
    }
}

/// Mean of a sequence (0 when empty).
pub(crate) fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = xs.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Drawn traits are one or two, and every trait comes up.
    #[test]
    fn drawn_traits_are_one_or_two_and_every_trait_comes_up() {
        let mut seen = Traits::default();
        let mut twos = 0;
        for seed in 0..300 {
            let set = draw_traits(&mut SimRng::new(seed, 0, Stream::Traits));
            let n = set.iter().count();
            assert!((1..=2).contains(&n));
            twos += usize::from(n == 2);
            seen = Traits::of(seen.iter().chain(set.iter()));
        }
        assert_eq!(seen.iter().count(), Trait::ALL.len());
        assert!((50..150).contains(&twos), "{twos} of 300 with two");
    }

    /// Counting from either end finds the item a count from the start finds: the first
    /// whose running total of weights passes the pick.
    #[test]
    fn a_draw_finds_the_item_under_the_pick_from_either_end() {
        let values = [1.0, 0.0, 2.5, 4.0, 0.3, 7.0];
        let items: Vec<Item> = values
            .iter()
            .enumerate()
            .map(|(i, &v)| Item {
                id: format!("item-{i}").into(),
                name: String::new().into(),
                effort: 1.0,
                value: vec![v, 9.0].into(),
                appeal: 0.5,
                revealed: i == 3,
                progress: 0.0,
                shipped: None,
                quality: 0.0,
                fit: 1.0,
            })
            .collect();
        let orders = Orders::new(&items, 2, items.len());
        let hidden: Vec<usize> = orders.hidden().iter().collect();
        assert_eq!(hidden, [0, 1, 2, 4, 5], "revealed items are not drawn");
        let total = orders.hidden_weight(REVEAL_BASE, &(0..1));
        let worth = |value: &[f64]| value[0];
        let steps = 997;
        for k in 0..steps {
            let pick = total * (k as f64 + 0.5) / f64::from(steps);
            let mut ends = 0.0;
            let expected = hidden.iter().copied().find(|&i| {
                ends += REVEAL_BASE + values[i];
                pick < ends
            });
            let drawn = draw(&orders, pick, total, worth);
            assert_eq!(drawn, expected, "pick {pick} of {total}");
        }
        assert_eq!(draw(&orders, 0.0, total, worth), Some(0));
        assert_eq!(draw(&orders, total, total, worth), Some(5));
        // A total that rounding left above the weights' sum: a pick past them all takes the
        // item at the far end from where the count began.
        let (far, above) = (1000.0, 1000.0 * 0.4);
        assert_eq!(draw(&orders, above, far, worth), Some(5));
        assert_eq!(draw(&orders, far - above, far, worth), Some(0));
        assert_eq!(draw(&Orders::default(), 0.5, 0.0, worth), None);
    }

    /// Passing whole blocks by their sums finds the item the walk finds, from either end and
    /// for one segment or all of them, or leaves the pick to the walk: across a long backlog
    /// with items revealed here and there, at picks spread over the total and at picks right
    /// on items' edges, where it must leave them to the walk.
    #[test]
    fn a_draw_by_blocks_is_the_walks_draw_or_leaves_it_to_the_walk() {
        let scenario = crate::format::builtin("path-to-cto").map(|s| s.expect("valid"));
        let scenario = scenario.expect("built-in");
        let mut state = State::new(&scenario, 3);
        let mut rng = SimRng::new(3, 1, Stream::Arrivals);
        for _ in 0..400 {
            state.generate_item(&scenario, &mut rng);
        }
        for i in (0..state.items.len()).step_by(7) {
            state.items[i].revealed = true;
            state.orders.reveal(&state.items, i);
        }
        let orders = &state.orders;
        assert!(orders.hidden_count() >= 4 * BY_BLOCKS);
        let segments = state.segments.len();
        let (mut spread_left, mut edges_left) = (0, 0);
        for targets in (0..segments)
            .map(|s| s..s + 1)
            .chain(std::iter::once(0..segments))
        {
            let worth = |value: &[f64]| -> f64 { value[targets.clone()].iter().sum() };
            let total = orders.hidden_weight(REVEAL_BASE, &targets);
            let mut edges = vec![0.0];
            for i in orders.hidden().iter() {
                let last = edges.last().copied().unwrap_or(0.0);
                edges.push(last + REVEAL_BASE + worth(orders.values(i)));
            }
            let spread = (0..2_000).map(|k| total * (f64::from(k) + 0.5) / 2_000.0);
            for (pick, on_edge) in spread
                .map(|p| (p, false))
                .chain(edges.iter().map(|&p| (p, true)))
            {
                let walked = draw(orders, pick, total, worth);
                match draw_by_blocks(orders, pick, total, &targets, worth) {
                    Some(drawn) => assert_eq!(drawn, walked, "pick {pick} of {total}"),
                    None if on_edge => edges_left += 1,
                    None => spread_left += 1,
                }
            }
        }
        assert!(
            spread_left < 20,
            "{spread_left} of 10,000 picks left to the walk"
        );
        let left = edges_left;
        assert!(left > 0, "the picks on items' edges are left to the walk");
    }
}
