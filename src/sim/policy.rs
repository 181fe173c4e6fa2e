//! Bots: strategy archetypes that play any scenario, each well within its own style.
//!
//! They look for the built-in actions by id and fill what is left of the week with any other
//! action of their favourite families, so they also play scenarios with custom actions.

use std::array;
use std::cmp::Ordering;
use std::iter::Take;

use super::action::{ActionDef, Family, MAX_PLAN, Planned, Step, Target, TargetKind};
pub use super::archetype::Policy;
use super::effect::Effect;
use super::people::{Person, Stat};
use super::rng::{SimRng, Stream};
use super::scenario::Scenario;
use super::state::State;
use super::week::Entry;
use super::world::World;

impl Policy {
    /// The plan this policy makes for the coming week.
    pub fn plan(self, world: &World) -> Vec<Planned> {
        let known = Known::of(world.scenario());
        world.written(&self.steps(world, &known))
    }

    /// [`Policy::plan`] by place: what bots play, with no ids written out. `known` is
    /// [`Known::of`] the world's scenario.
    pub(crate) fn steps(self, world: &World, known: &Known) -> Vec<Step> {
        let mut p = Planner::new(world, known);
        match self {
            Policy::HeroCoder => {
                if world.state().debt > 1.0 {
                    p.add(Builtin::FixOutage, None);
                }
                while p.add(Builtin::Build, None) {}
                p.fill(Family::Individual);
            }
            Policy::PureLeader => {
                lead(&mut p, &Lead::PURE);
                p.fill(Family::Leadership);
                p.fill_up(Family::Leadership);
            }
            Policy::Micromanager => {
                p.add(Builtin::DailyCheckins, None);
                p.add(Builtin::ReviewEverything, None);
                let worst = p.person_by(Stat::Skill, false);
                p.add(Builtin::Dictate, worst);
                let seg = p.segment_by_satisfaction();
                p.add(Builtin::TalkToCustomers, seg);
                p.add(Builtin::Prioritise, None);
                p.add(Builtin::SupportCustomers, seg);
                p.fill(Family::Micromanagement);
                p.fill(Family::Management);
                p.fill_up(Family::Management);
            }
            Policy::PureManager => {
                manage(&mut p, 3.0, true);
                p.fill(Family::Management);
                // Twice: a scenario with few management actions still fills the week.
                p.fill_up(Family::Management);
                p.fill_up(Family::Management);
            }
            Policy::Balanced => {
                let s = world.state();
                if s.mean(Stat::Clarity) < 0.9 {
                    p.add(Builtin::Explain, None);
                }
                // Debt paid down a little earlier than the archetypes do: it drags every week
                // it stays.
                pay_down_debt(&mut p, 0.2);
                manage(&mut p, 3.0, false);
                invest(&mut p);
                grow_early(&mut p);
                lead(&mut p, &Lead::BALANCED);
                // The week's interruptions taken by the lead, so the team keeps its focus and
                // grows into owning its work.
                p.add(Builtin::Shield, None);
                // What the team does not need of leadership goes to management first.
                p.fill(Family::Management);
                p.fill(Family::Leadership);
                p.fill_up(Family::Leadership);
            }
            Policy::Random => {
                let mut rng = SimRng::new(world.seed(), world.week(), Stream::Policy);
                let actions = &world.scenario().actions;
                for _ in 0..24 {
                    if actions.is_empty() {
                        break;
                    }
                    let action = rng.below(actions.len());
                    let target = p.random_target(actions[action].target, &mut rng);
                    p.add_at(action, target);
                }
            }
        }
        p.plan
    }

    /// The choice this policy makes on the pending event (0 if there is none).
    pub fn choose(self, world: &World) -> usize {
        let Some(event) = world
            .pending()
            .and_then(|p| world.scenario().event(&p.event))
        else {
            return 0;
        };
        if self == Policy::Random {
            let mut rng = SimRng::new(world.seed(), world.week(), Stream::Policy);
            return rng.below(event.choices.len().max(1));
        }
        let score = |effects: &[Effect]| effects.iter().map(|e| self.taste(e)).sum::<f64>();
        (0..event.choices.len())
            .max_by(|&a, &b| {
                score(&event.choices[a].effects)
                    .total_cmp(&score(&event.choices[b].effects))
                    .then(b.cmp(&a))
            })
            .unwrap_or(0)
    }

    /// How much this archetype likes an effect: what it would pick in an event.
    fn taste(self, effect: &Effect) -> f64 {
        let people = |stat: &Stat, by: f64| match stat {
            Stat::FlightRisk => -by,
            _ => by,
        };
        let (lead, manage, build, squeeze) = match self {
            Policy::HeroCoder => (0.2, 0.2, 1.0, 0.0),
            Policy::PureLeader => (1.0, 0.0, 0.0, 0.0),
            Policy::Micromanager => (0.0, 0.6, 0.2, 1.0),
            Policy::PureManager => (0.0, 1.0, 0.0, 0.0),
            Policy::Balanced => (1.0, 1.0, 0.1, 0.0),
            Policy::Random => (0.0, 0.0, 0.0, 0.0),
        };
        match effect {
            Effect::Adjust { stat, by, .. } => lead * people(stat, *by),
            Effect::Grow { stat, share, .. } => lead * people(stat, *share) * 0.5,
            Effect::Busy { share, .. } => -lead * share * 0.5 - build * share,
            Effect::Build { hours } => build * hours * 0.05,
            Effect::Boost { share } => squeeze * share + build * share,
            Effect::Focus { by } | Effect::Reach { by } => manage * by,
            Effect::Reveal { items, .. } => manage * f64::from(*items) * 0.05,
            Effect::Satisfaction { by, .. } | Effect::Adoption { by, .. } => manage * by * 2.0,
            Effect::Debt { by } => -build * by * 0.2 - manage * by * 0.1,
            Effect::Budget { by } => manage * by.signum() * 0.1,
            Effect::Hours { by } => (lead + manage + build) * by * 0.01,
            Effect::Leave { .. } => -lead - build * 0.5,
            Effect::Hire { .. } => lead * 0.3 + build * 0.1,
            Effect::Competency { by, .. } => *by,
            Effect::Pin | Effect::SetFlag(_) | Effect::ClearFlag(_) => 0.0,
        }
    }
}

/// The built-in actions bots ask for by id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Builtin {
    FixOutage,
    Build,
    DailyCheckins,
    ReviewEverything,
    Dictate,
    TalkToCustomers,
    Prioritise,
    Explain,
    OneOnOne,
    Delegate,
    Mentor,
    SupportCustomers,
    SetGoals,
    PutFirst,
    PayDownDebt,
    Hire,
    Shield,
}

impl Builtin {
    /// Every one, in declaration order: `b as usize` is the place [`Known`] keeps `b` at.
    const ALL: [Builtin; 17] = [
        Builtin::FixOutage,
        Builtin::Build,
        Builtin::DailyCheckins,
        Builtin::ReviewEverything,
        Builtin::Dictate,
        Builtin::TalkToCustomers,
        Builtin::Prioritise,
        Builtin::Explain,
        Builtin::OneOnOne,
        Builtin::Delegate,
        Builtin::Mentor,
        Builtin::SupportCustomers,
        Builtin::SetGoals,
        Builtin::PutFirst,
        Builtin::PayDownDebt,
        Builtin::Hire,
        Builtin::Shield,
    ];

    /// The action's id in the library.
    fn id(self) -> &'static str {
        match self {
            Builtin::FixOutage => "fix_outage",
            Builtin::Build => "build",
            Builtin::DailyCheckins => "daily_checkins",
            Builtin::ReviewEverything => "review_everything",
            Builtin::Dictate => "dictate",
            Builtin::TalkToCustomers => "talk_to_customers",
            Builtin::Prioritise => "prioritise",
            Builtin::Explain => "explain",
            Builtin::OneOnOne => "one_on_one",
            Builtin::Delegate => "delegate",
            Builtin::Mentor => "mentor",
            Builtin::SupportCustomers => "support_customers",
            Builtin::SetGoals => "set_goals",
            Builtin::PutFirst => "put_first",
            Builtin::PayDownDebt => "pay_down_debt",
            Builtin::Hire => "hire",
            Builtin::Shield => "shield",
        }
    }
}

/// What bots look up once per run: where a scenario keeps the built-in actions they ask for
/// (looking each up by id whenever a bot asked for it showed in profiles), and whether every
/// person on the team always has an id of their own.
pub(crate) struct Known {
    actions: [Option<usize>; Builtin::ALL.len()],
    /// Per family (at `family as usize`), the actions bots fill a week with, in scenario
    /// order: all but those that change who is on the team, as no archetype hires or fires to
    /// fill an idle hour, and the built-in `pay_down_debt`, which takes everyone's time and
    /// which a bot plans when there is debt to pay. Sorted out once rather than on every fill
    /// of every week.
    fillers: [Vec<usize>; Family::ALL.len()],
    /// Authored ids are unique and hires are `hire-1`, `hire-2`...; only an authored id that
    /// looks like a hire's can be met twice.
    distinct_people: bool,
    /// Leadership actions bought once (they set a flag: a course, better tools) that grow
    /// the team for the rest of the run: worth the most the earlier they are bought.
    investments: Vec<usize>,
}

impl Known {
    /// What bots look up in `scenario`.
    pub(crate) fn of(scenario: &Scenario) -> Self {
        Self {
            actions: Builtin::ALL.map(|b| scenario.action_index(b.id())),
            fillers: Family::ALL.map(|family| {
                let planned_for_debt = |a: &ActionDef| a.id == Builtin::PayDownDebt.id();
                let actions = scenario.actions.iter().enumerate();
                actions
                    .filter(|(_, a)| {
                        a.family == family && !a.reshapes_team() && !planned_for_debt(a)
                    })
                    .map(|(i, _)| i)
                    .collect()
            }),
            distinct_people: !scenario.people.iter().any(|p| p.id.starts_with("hire-")),
            investments: (scenario.actions.iter().enumerate())
                .filter(|(_, a)| {
                    let once = a.effects.iter().any(|e| matches!(e, Effect::SetFlag(_)));
                    let grows = a.effects.iter().any(|e| matches!(e, Effect::Grow { .. }));
                    a.family == Family::Leadership && once && grows && !a.reshapes_team()
                })
                .map(|(i, _)| i)
                .collect(),
        }
    }
}

/// Builds a plan within the week's hours.
///
/// Actions and targets are named by place in the scenario and the state; ids are compared
/// only where two entries could name the same target.
struct Planner<'g> {
    world: &'g World,
    known: &'g Known,
    plan: Vec<Step>,
    /// [`Planner::bit`] of every planned action: a clear bit says an action is not planned
    /// without a walk over the plan, which filling a week asks of every action it tries.
    planned_bits: u64,
    used: f64,
    /// [`Planner::default_target`] per kind of target, once asked: the state does not change
    /// while a week is planned, and filling a week asks for every action of a family.
    defaults: [Option<Option<Target>>; 4],
    /// [`Backlog::of`] the state, once asked.
    backlog: Option<Backlog>,
}

/// What planning a week reads off the backlog. Managing asks how much valuable work is known
/// and filling asks which item to aim at; the backlog's orders keep both.
#[derive(Clone, Copy)]
struct Backlog {
    /// Effort still needed on the open items known to be worth building: revealed, with a
    /// total value of at least 2.
    known_work: f64,
    /// The default target of an action aimed at an item: the last of the most valuable open
    /// revealed items, or else the first open item.
    default_item: Option<usize>,
}

impl Backlog {
    /// What the state's backlog says, read off the sums and orders kept of its open items.
    fn of(state: &State) -> Self {
        let orders = &state.orders;
        let first_open = match (orders.known().first(), orders.hidden().first()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        Self {
            known_work: orders.known_work(),
            default_item: orders.most_valued().or(first_open),
        }
    }
}

/// A week of `actions` (places in the scenario), in this order, each aimed where a bot
/// would aim it: the fixed plans the exploit search tries (see [`super::search`]). A person
/// who is already the target of an action is passed over for the next repeat of it, so "mentor
/// three times" mentors three people. Entries that do not fit the week are left out.
pub(crate) fn recipe(world: &World, known: &Known, actions: &[usize]) -> Vec<Step> {
    let mut p = Planner::new(world, known);
    let people = world.state().people.len();
    // Found once, when a repeat first asks: the team does not change while a week is
    // planned, and a week of repeats asked for every one of them.
    let mut mentees = None;
    for &action in actions {
        let Some(def) = world.scenario().actions.get(action) else {
            continue;
        };
        let target = p.default_target(def.target);
        let target = match target {
            Some(Target::Person(first)) if p.planned(action, target) => {
                let mentees = mentees.get_or_insert_with(|| p.mentees()).clone();
                let next = mentees.chain((0..people).map(Target::Person));
                let mut free = next.filter(|&t| t != Target::Person(first));
                free.find(|&t| !p.planned(action, Some(t))).or(target)
            }
            other => other,
        };
        p.add_at(action, target);
    }
    p.plan
}

impl<'g> Planner<'g> {
    /// An empty plan for the coming week of `world`.
    fn new(world: &'g World, known: &'g Known) -> Self {
        Self {
            world,
            known,
            // Room for a full week of short actions, so the plan does not grow step by step.
            plan: Vec::with_capacity(16),
            planned_bits: 0,
            used: 0.0,
            defaults: [None; 4],
            backlog: None,
        }
    }

    /// Adds the action if the scenario has it and it fits; reports whether it did.
    fn add(&mut self, action: Builtin, target: Option<Target>) -> bool {
        self.known.actions[action as usize].is_some_and(|i| self.add_at(i, target))
    }

    /// [`Planner::add`] for the action at this place in the scenario. A full plan takes no
    /// more, even of an action that takes no hours.
    fn add_at(&mut self, action: usize, target: Option<Target>) -> bool {
        if self.plan.len() >= MAX_PLAN {
            return false;
        }
        let def = &self.world.scenario().actions[action];
        let state = self.world.state();
        let step = Step {
            action,
            target: self.named(target),
        };
        let fits = state
            .admit(Some(def), &step, self.used, self.world.hours())
            .is_ok();
        if fits {
            self.used += def.hours;
            self.plan.push(step);
            self.planned_bits |= Self::bit(action);
        }
        fits
    }

    /// `target` as a step names it: a person by the first place with their id, where a
    /// look-up by id finds them (see `Step`).
    fn named(&self, target: Option<Target>) -> Option<Target> {
        match target {
            Some(Target::Person(i)) if !self.known.distinct_people => {
                let people = &self.world.state().people;
                let id = &people[i].id;
                let first = people[..i].iter().position(|p| p.id == *id);
                Some(Target::Person(first.unwrap_or(i)))
            }
            other => other,
        }
    }

    /// The bit an action sets in [`Planner::planned_bits`]. Actions past the 64th share bits
    /// with earlier ones: a set bit only says the action may be planned.
    fn bit(action: usize) -> u64 {
        1 << (action % 64)
    }

    /// Hours still free.
    fn left(&self) -> f64 {
        self.world.hours() - self.used
    }

    /// Whether an action (with this target) is already planned.
    fn planned(&self, action: usize, target: Option<Target>) -> bool {
        if self.planned_bits & Self::bit(action) == 0 {
            return false;
        }
        // Named as the plan's steps are, so that two places are the same person only if
        // they are the same place.
        let step = Step {
            action,
            target: self.named(target),
        };
        let state = self.world.state();
        self.plan
            .iter()
            .any(|p| p.action == action && p.same_target(&step, state))
    }

    /// Whether a built-in action is already planned (on any target).
    fn planned_builtin(&self, action: Builtin) -> bool {
        self.known.actions[action as usize].is_some_and(|i| self.plan.iter().any(|s| s.action == i))
    }

    /// The person with the highest (or lowest) value of a stat.
    fn person_by(&self, stat: Stat, highest: bool) -> Option<Target> {
        let people = &self.world.state().people;
        let best = (0..people.len()).reduce(|a, b| {
            let (x, y) = (people[a].stat(stat), people[b].stat(stat));
            let better = if highest { y > x } else { y < x };
            if better { b } else { a }
        });
        best.map(Target::Person)
    }

    /// The three people mentoring would give most (gap to potential), biggest first.
    fn mentees(&self) -> impl Iterator<Item = Target> + Clone + use<> {
        let people = &self.world.state().people;
        first_sorted::<3>(
            (0..people.len()).filter(|&i| worth_mentoring(&people[i])),
            |a, b| mentee_order(&people[a], &people[b]),
        )
        .map(Target::Person)
    }

    /// The first of [`Planner::mentees`], found on its own: it is asked for every
    /// action aimed at a person that fills a week.
    fn top_mentee(&self) -> Option<Target> {
        let people = &self.world.state().people;
        // `min_by` keeps the first of equals, as the stable sort does.
        (0..people.len())
            .filter(|&i| worth_mentoring(&people[i]))
            .min_by(|&a, &b| mentee_order(&people[a], &people[b]))
            .map(Target::Person)
    }

    /// The segment whose customers are least satisfied.
    fn segment_by_satisfaction(&self) -> Option<Target> {
        let segs = &self.world.state().segments;
        (0..segs.len())
            .reduce(|a, b| {
                if segs[b].satisfaction < segs[a].satisfaction {
                    b
                } else {
                    a
                }
            })
            .map(Target::Segment)
    }

    /// A target of the right kind picked at random.
    fn random_target(&self, kind: TargetKind, rng: &mut SimRng) -> Option<Target> {
        let s = self.world.state();
        match kind {
            TargetKind::None => None,
            TargetKind::Person => {
                (!s.people.is_empty()).then(|| Target::Person(rng.below(s.people.len())))
            }
            TargetKind::Segment => {
                (!s.segments.is_empty()).then(|| Target::Segment(rng.below(s.segments.len())))
            }
            TargetKind::Item => {
                // Counted, then walked to: the same pick as indexing a list of the open items.
                let open = || (0..s.items.len()).filter(|&i| s.items[i].open());
                let count = open().count();
                (count > 0)
                    .then(|| open().nth(rng.below(count)))
                    .flatten()
                    .map(Target::Item)
            }
        }
    }

    /// A reasonable default target for an action of this kind.
    fn default_target(&mut self, kind: TargetKind) -> Option<Target> {
        let slot = kind as usize;
        if let Some(target) = self.defaults[slot] {
            return target;
        }
        let target = self.find_default_target(kind);
        self.defaults[slot] = Some(target);
        target
    }

    /// [`Planner::default_target`], worked out. Kept out of line, so that the look-up in
    /// the cache, which answers most asks, is inlined where a week is filled.
    #[inline(never)]
    fn find_default_target(&mut self, kind: TargetKind) -> Option<Target> {
        match kind {
            TargetKind::None => None,
            TargetKind::Person => self
                .top_mentee()
                .or_else(|| self.person_by(Stat::Morale, false)),
            TargetKind::Segment => self.segment_by_satisfaction(),
            TargetKind::Item => self.backlog().default_item.map(Target::Item),
        }
    }

    /// [`Backlog::of`] the state's items, worked out once per plan.
    fn backlog(&mut self) -> Backlog {
        let state = self.world.state();
        *self.backlog.get_or_insert_with(|| Backlog::of(state))
    }

    /// Spends the hours left on any not-yet-planned action of `family` that
    /// [`Known::fillers`] lists.
    fn fill(&mut self, family: Family) {
        let (known, actions) = (self.known, &self.world.scenario().actions);
        for &i in &known.fillers[family as usize] {
            let def = &actions[i];
            if self.left() < def.hours {
                continue;
            }
            let target = self.default_target(def.target);
            if !self.planned(i, target) {
                self.add_at(i, target);
            }
        }
    }

    /// Spends what [`Planner::fill`] left of the week on more of `family`'s actions: each
    /// action aimed at a person or segment it is not yet aimed at, then repeats (which give
    /// less), so that an archetype uses its whole week in its own style.
    fn fill_up(&mut self, family: Family) {
        let (known, actions) = (self.known, &self.world.scenario().actions);
        let state = self.world.state();
        for &i in &known.fillers[family as usize] {
            // Every place of the action's kind of target, in order (nothing collected: bots
            // plan every week of every checked run).
            let (count, at): (usize, fn(usize) -> Target) = match actions[i].target {
                TargetKind::Person => (state.people.len(), Target::Person),
                TargetKind::Segment => (state.segments.len(), Target::Segment),
                TargetKind::None | TargetKind::Item => (0, Target::Person),
            };
            for t in (0..count).map(at) {
                if self.left() < actions[i].hours {
                    break;
                }
                if !self.planned(i, Some(t)) {
                    self.add_at(i, Some(t));
                }
            }
        }
        // Repeats, at most twice more each: what is still free goes to the family's actions
        // in turn (an action that does not stack, such as a squeeze, is not repeated).
        for _ in 0..2 {
            for &i in &known.fillers[family as usize] {
                let def = &actions[i];
                let stacks = !def
                    .effects
                    .iter()
                    .all(|e| matches!(e, Effect::Boost { .. } | Effect::Pin));
                if self.left() >= def.hours && def.hours > 0.0 && stacks {
                    let target = self.default_target(def.target);
                    self.add_at(i, target);
                }
            }
        }
    }

    /// Effort known to be worth building, in weeks of the team's recent output.
    fn known_work_weeks(&mut self) -> f64 {
        let known = self.backlog().known_work;
        let s = self.world.state();
        let pace = s.history.last().map_or(10.0, |r| r.output.max(1.0));
        known / pace
    }
}

/// Whether mentoring would still give a person something (a gap to their potential).
fn worth_mentoring(p: &Person) -> bool {
    p.potential - p.skill > 0.03
}

/// Mentees first by the biggest gap to potential, then by id.
fn mentee_order(a: &Person, b: &Person) -> Ordering {
    (b.potential - b.skill)
        .total_cmp(&(a.potential - a.skill))
        .then_with(|| a.id.cmp(&b.id))
}

/// Debt that drags output and floods support is paid down, by the team, from `at` (once a
/// week, whoever asks first: a manager balancing the product, a leader minding the team's
/// load).
fn pay_down_debt(p: &mut Planner, at: f64) {
    if p.world.state().debt >= at && !p.planned_builtin(Builtin::PayDownDebt) {
        p.add(Builtin::PayDownDebt, None);
    }
}

/// One-to-ones with the (at most `most`, and never over three) people most at risk of leaving
/// or with morale under `morale_floor`.
fn keep(p: &mut Planner, morale_floor: f64, most: usize) {
    let people = &p.world.state().people;
    let worried = first_sorted::<3>(
        (0..people.len())
            .filter(|&i| people[i].flight_risk > 0.25 || people[i].morale < morale_floor),
        |a, b| {
            let (a, b) = (&people[a], &people[b]);
            b.flight_risk
                .total_cmp(&a.flight_risk)
                .then_with(|| a.id.cmp(&b.id))
        },
    );
    for i in worried.take(most) {
        p.add(Builtin::OneOnOne, Some(Target::Person(i)));
    }
}

/// Growth bought once (see [`Known::investments`]), while at least half the run is left to
/// pay it back.
fn invest(p: &mut Planner) {
    let (world, known) = (p.world, p.known);
    if world.week() * 2 <= world.scenario().weeks {
        for &i in &known.investments {
            p.add_at(i, None);
        }
    }
}

/// A hire while one still has time to pay back: once a week, while the run has twice the
/// ramp-up left and the team is under half again its starting size.
fn grow_early(p: &mut Planner) {
    let (world, scenario) = (p.world, p.world.scenario());
    let left = scenario.weeks.saturating_sub(world.week()) as f64;
    let room = world.state().people.len() * 2 < scenario.people.len() * 3;
    if room && left >= 2.0 * scenario.model.ramp_weeks {
        p.add(Builtin::Hire, None);
    }
}

/// How a bot leads: the autonomy it stops delegating at, how many people it hands ownership
/// to a week, how many it mentors (each with at least `mentor_gap` of skill still to grow: a
/// mentee gives a third of their week to it), and the morale under which it listens to (at
/// most `most_heard`) people.
struct Lead {
    autonomy_goal: f64,
    owners: usize,
    mentor_gap: f64,
    most_mentees: usize,
    morale_floor: f64,
    most_heard: usize,
}

impl Lead {
    /// The pure leader: mentors anyone with anything left to grow, listens when someone may
    /// leave.
    const PURE: Lead = Lead {
        autonomy_goal: 0.8,
        owners: 2,
        mentor_gap: 0.0,
        most_mentees: 3,
        morale_floor: 0.45,
        most_heard: 3,
    };
    /// The balanced bot: fewer mentees, each with real room to grow, more ownership handed
    /// over, and a one-to-one as soon as morale slips, with the two most at risk.
    const BALANCED: Lead = Lead {
        autonomy_goal: 0.8,
        owners: 3,
        mentor_gap: 0.12,
        most_mentees: 2,
        morale_floor: 0.65,
        most_heard: 2,
    };
}

/// Leadership as a bot plays it (see [`Lead`]): keep people, make things clear, hand over
/// ownership, grow skills.
fn lead(p: &mut Planner, how: &Lead) {
    let s = p.world.state();
    if s.mean(Stat::Clarity) < 0.75 && !p.planned_builtin(Builtin::Explain) {
        p.add(Builtin::Explain, None);
    }
    pay_down_debt(p, 0.25);
    keep(p, how.morale_floor, how.most_heard);
    let people = &s.people;
    let owners = first_sorted::<3>(
        (0..people.len()).filter(|&i| people[i].autonomy < how.autonomy_goal),
        |a, b| {
            let (a, b) = (&people[a], &people[b]);
            a.autonomy
                .total_cmp(&b.autonomy)
                .then_with(|| a.id.cmp(&b.id))
        },
    );
    for i in owners.take(how.owners) {
        p.add(Builtin::Delegate, Some(Target::Person(i)));
    }
    let people = &p.world.state().people;
    let mentees: Vec<Target> = p
        .mentees()
        .filter(|&t| match t {
            Target::Person(i) => people[i].potential - people[i].skill >= how.mentor_gap,
            _ => false,
        })
        .take(how.most_mentees)
        .collect();
    for target in mentees {
        p.add(Builtin::Mentor, Some(target));
    }
}

/// The first `N` of `places` in the order a stable sort by `order` gives, found in one pass
/// without sorting or allocating: bots take the top few of a team every week.
fn first_sorted<const N: usize>(
    places: impl Iterator<Item = usize>,
    order: impl Fn(usize, usize) -> Ordering,
) -> Take<array::IntoIter<usize, N>> {
    let mut top = [0; N];
    let mut len = 0;
    for i in places {
        // After every kept place it does not sort before, so equals keep their order.
        let mut at = len;
        while at > 0 && order(i, top[at - 1]) == Ordering::Less {
            at -= 1;
        }
        if at < N {
            // Shifted one by one: for so few places, a loop costs less than the call
            // `copy_within` makes.
            len = (len + 1).min(N);
            for k in (at + 1..len).rev() {
                top[k] = top[k - 1];
            }
            top[at] = i;
        }
    }
    top.into_iter().take(len)
}

/// Management: pay down debt that has built up, learn what customers need while known
/// valuable work runs short, aim the team at it, keep customers served. `all_segments`: every
/// segment gets customer success each week, then goals, a pinned item and more insight, as a
/// pure manager plays it; otherwise insight and customer success go only to segments open to
/// buy, customer success to the two least satisfied not yet reached.
fn manage(p: &mut Planner, insight_weeks: f64, all_segments: bool) {
    pay_down_debt(p, 0.25);
    let s = p.world.state();
    let segments = &s.segments;
    if p.known_work_weeks() < insight_weeks {
        let next = p.world.week() + 1;
        for i in (0..segments.len()).filter(|&i| all_segments || segments[i].open_in(next)) {
            p.add(Builtin::TalkToCustomers, Some(Target::Segment(i)));
        }
    }
    if s.focus < 0.7 {
        p.add(Builtin::Prioritise, None);
    }
    let least_satisfied = |a: usize, b: usize| {
        let (a, b) = (&segments[a], &segments[b]);
        a.satisfaction
            .total_cmp(&b.satisfaction)
            .then_with(|| a.id.cmp(&b.id))
    };
    if all_segments {
        let mut by_satisfaction: Vec<usize> = (0..segments.len()).collect();
        by_satisfaction.sort_by(|&a, &b| least_satisfied(a, b));
        for i in by_satisfaction {
            p.add(Builtin::SupportCustomers, Some(Target::Segment(i)));
        }
        p.add(Builtin::SetGoals, None);
        if let Some(item) = p.default_target(TargetKind::Item) {
            p.add(Builtin::PutFirst, Some(item));
        }
        for i in 0..segments.len() {
            p.add(Builtin::TalkToCustomers, Some(Target::Segment(i)));
        }
    } else {
        // The two least satisfied segments open to buy whose customers are not yet reached:
        // more hours on reach than that leave too few for the team.
        let mut unreached: Vec<usize> = (0..segments.len())
            .filter(|&i| segments[i].reach < 0.6 && segments[i].open_in(p.world.week() + 1))
            .collect();
        unreached.sort_by(|&a, &b| least_satisfied(a, b));
        for i in unreached.into_iter().take(2) {
            p.add(Builtin::SupportCustomers, Some(Target::Segment(i)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two people with one id (an authored `hire-1` and the first hire) are one target, as a
    /// look-up by id finds one: a step names the first place, and either place is then found
    /// planned. Bots compare people by place, which holds only for places named this way.
    #[test]
    fn a_person_met_twice_by_id_is_one_target() {
        let text = r#"Scenario(
            title: "t", pitch: "p", intro: "i", weeks: 10,
            people: [(id: "hire-1", name: "Ana", skill: 0.5, potential: 0.9)],
            segments: [(id: "s", name: "S", size: 100, price: 1.0, adoption: 0.05)],
            start: (budget: 100),
        )"#;
        let scenario = crate::format::parse("t.ron", text.as_bytes()).expect("a valid scenario");
        let mut world = World::new(std::sync::Arc::new(scenario), 1);
        world
            .play(&[super::super::Planned::new("hire")], false)
            .expect("a week to play");
        let people = &world.state().people;
        assert_eq!(people.len(), 2, "the hire joined");
        assert_eq!(people[0].id, people[1].id);
        let known = Known::of(world.scenario());
        let one_on_one = known.actions[Builtin::OneOnOne as usize].expect("one-on-ones");
        let mut p = Planner::new(&world, &known);
        assert!(p.add_at(one_on_one, Some(Target::Person(1))));
        assert_eq!(p.plan[0].target, Some(Target::Person(0)), "the first place");
        assert!(p.planned(one_on_one, Some(Target::Person(1))));
        assert!(p.planned(one_on_one, Some(Target::Person(0))));
    }

    /// `first_sorted` picks what a stable sort's first few are, ties included.
    #[test]
    fn first_sorted_is_a_stable_sorts_head() {
        let keys = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 1];
        for len in 0..=keys.len() {
            let order = |a: usize, b: usize| keys[a].cmp(&keys[b]);
            let mut sorted: Vec<usize> = (0..len).collect();
            sorted.sort_by(|&a, &b| order(a, b));
            let top: Vec<usize> = first_sorted::<3>(0..len, order).collect();
            assert_eq!(top, sorted.into_iter().take(3).collect::<Vec<_>>());
            let one: Vec<usize> = first_sorted::<1>(0..len, order).collect();
            assert_eq!(one, top.into_iter().take(1).collect::<Vec<_>>());
        }
    }
}
