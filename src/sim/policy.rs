//! Bots: strategy archetypes that play any scenario, each well within its own style.
//!
//! They look for the built-in actions by id and fill what is left of the week with any other
//! action of their favourite families, so they also play scenarios with custom actions.

use std::cmp::Ordering;

use super::action::{ActionDef, Family, Planned, TargetKind};
use super::effect::Effect;
use super::game::Game;
use super::people::{Person, Stat};
use super::rng::{SimRng, Stream};

/// A strategy archetype.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Policy {
    /// Codes personally all week.
    HeroCoder,
    /// Mentors, explains, delegates; never talks to a customer.
    PureLeader,
    /// Checks in daily, reviews everything, dictates, and aims at known value.
    Micromanager,
    /// Talks to customers, prioritises, supports; never grows the team.
    PureManager,
    /// Leads and manages, adapting to what the week needs.
    Balanced,
    /// Picks actions at random.
    Random,
}

impl Policy {
    /// Every policy, in the order tables list them.
    pub const ALL: [Policy; 6] = [
        Policy::HeroCoder,
        Policy::PureLeader,
        Policy::Micromanager,
        Policy::PureManager,
        Policy::Balanced,
        Policy::Random,
    ];

    /// The command-line name (`hero-coder`).
    pub fn name(self) -> &'static str {
        match self {
            Policy::HeroCoder => "hero-coder",
            Policy::PureLeader => "pure-leader",
            Policy::Micromanager => "micromanager",
            Policy::PureManager => "pure-manager",
            Policy::Balanced => "balanced",
            Policy::Random => "random",
        }
    }

    /// The name used in scenario files (`HeroCoder`).
    pub fn variant(self) -> &'static str {
        match self {
            Policy::HeroCoder => "HeroCoder",
            Policy::PureLeader => "PureLeader",
            Policy::Micromanager => "Micromanager",
            Policy::PureManager => "PureManager",
            Policy::Balanced => "Balanced",
            Policy::Random => "Random",
        }
    }

    /// The display name (`Hero coder`).
    pub fn label(self) -> &'static str {
        match self {
            Policy::HeroCoder => "Hero coder",
            Policy::PureLeader => "Pure leader",
            Policy::Micromanager => "Micromanager",
            Policy::PureManager => "Pure manager",
            Policy::Balanced => "Balanced",
            Policy::Random => "Random",
        }
    }

    /// The policy with this command-line or file name.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|p| p.name() == name || p.variant() == name)
    }

    /// The plan this policy makes for the coming week.
    pub fn plan(self, game: &Game) -> Vec<Planned> {
        let mut p = Planner {
            game,
            // Room for a full week of short actions, so the plan does not grow step by step.
            plan: Vec::with_capacity(16),
            used: 0.0,
        };
        match self {
            Policy::HeroCoder => {
                if game.state().debt > 1.0 {
                    p.add("fix_outage", None);
                }
                while p.add("build", None) {}
                p.fill(Family::Individual);
            }
            Policy::PureLeader => {
                lead(&mut p, 0.8);
                p.fill(Family::Leadership);
            }
            Policy::Micromanager => {
                p.add("daily_checkins", None);
                p.add("review_everything", None);
                let worst = p.person_by(Stat::Skill, false);
                p.add("dictate", worst);
                let seg = p.segment_by_satisfaction();
                p.add("talk_to_customers", seg);
                p.add("prioritise", None);
                p.fill(Family::Micromanagement);
            }
            Policy::PureManager => {
                manage(&mut p, 3.0, usize::MAX);
                p.fill(Family::Management);
            }
            Policy::Balanced => {
                let s = game.state();
                if s.mean(Stat::Clarity) < 0.6 {
                    p.add("explain", None);
                }
                manage(&mut p, 3.0, 1);
                lead(&mut p, 0.65);
                p.fill(Family::Leadership);
                p.fill(Family::Management);
            }
            Policy::Random => {
                let mut rng = SimRng::new(game.seed(), game.week(), Stream::Policy);
                let actions = &game.scenario().actions;
                for _ in 0..24 {
                    if actions.is_empty() {
                        break;
                    }
                    let def = &actions[rng.below(actions.len())];
                    let target = p.random_target(def.target, &mut rng);
                    p.add(&def.id, target);
                }
            }
        }
        p.plan
    }

    /// The choice this policy makes on the pending event (0 if there is none).
    pub fn choose(self, game: &Game) -> usize {
        let Some(event) = game.pending().and_then(|p| game.scenario().event(&p.event)) else {
            return 0;
        };
        if self == Policy::Random {
            let mut rng = SimRng::new(game.seed(), game.week(), Stream::Policy);
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

/// Builds a plan within the week's hours.
///
/// Candidates are checked on ids borrowed from the game (`'g`); only the entries that go
/// into the plan are copied into owned strings.
struct Planner<'g> {
    game: &'g Game,
    plan: Vec<Planned>,
    used: f64,
}

impl<'g> Planner<'g> {
    /// Adds the action if the scenario has it and it fits; reports whether it did.
    fn add(&mut self, action: &str, target: Option<&str>) -> bool {
        let Some(def) = self.game.fitting(action, target, self.used) else {
            return false;
        };
        self.used += def.hours;
        self.plan.push(Planned {
            action: action.to_owned(),
            target: target.map(str::to_owned),
        });
        true
    }

    /// Hours still free.
    fn left(&self) -> f64 {
        self.game.hours() - self.used
    }

    /// Whether an action (with this target) is already planned.
    fn planned(&self, action: &str, target: Option<&str>) -> bool {
        self.plan
            .iter()
            .any(|p| p.action == action && p.target.as_deref() == target)
    }

    /// The person with the highest (or lowest) value of a stat.
    fn person_by(&self, stat: Stat, highest: bool) -> Option<&'g str> {
        let people = &self.game.state().people;
        let best = people.iter().reduce(|a, b| {
            let better = if highest {
                b.stat(stat) > a.stat(stat)
            } else {
                b.stat(stat) < a.stat(stat)
            };
            if better { b } else { a }
        });
        best.map(|p| p.id.as_str())
    }

    /// People ordered by how much mentoring would give them (gap to potential), biggest first.
    fn mentees(&self) -> Vec<&'g str> {
        let mut people: Vec<&Person> = self.game.state().people.iter().collect();
        people.sort_by(|a, b| mentee_order(a, b));
        people
            .into_iter()
            .filter(|p| worth_mentoring(p))
            .map(|p| p.id.as_str())
            .collect()
    }

    /// The first of [`Planner::mentees`], found without sorting: it is asked for every
    /// action aimed at a person that fills a week.
    fn top_mentee(&self) -> Option<&'g str> {
        let people = self.game.state().people.iter();
        // `min_by` keeps the first of equals, as the stable sort does.
        people
            .filter(|p| worth_mentoring(p))
            .min_by(|a, b| mentee_order(a, b))
            .map(|p| p.id.as_str())
    }

    /// The segment whose customers are least satisfied.
    fn segment_by_satisfaction(&self) -> Option<&'g str> {
        let segs = &self.game.state().segments;
        segs.iter()
            .reduce(|a, b| {
                if b.satisfaction < a.satisfaction {
                    b
                } else {
                    a
                }
            })
            .map(|s| s.id.as_str())
    }

    /// A target of the right kind picked at random.
    fn random_target(&self, kind: TargetKind, rng: &mut SimRng) -> Option<&'g str> {
        let s = self.game.state();
        match kind {
            TargetKind::None => None,
            TargetKind::Person => {
                (!s.people.is_empty()).then(|| s.people[rng.below(s.people.len())].id.as_str())
            }
            TargetKind::Segment => (!s.segments.is_empty())
                .then(|| s.segments[rng.below(s.segments.len())].id.as_str()),
            TargetKind::Item => {
                // Counted, then walked to: the same pick as indexing a list of the open items.
                let open = || s.items.iter().filter(|i| i.open());
                let count = open().count();
                (count > 0)
                    .then(|| open().nth(rng.below(count)))
                    .flatten()
                    .map(|i| i.id.as_str())
            }
        }
    }

    /// A reasonable default target for an action of this kind.
    fn default_target(&self, kind: TargetKind) -> Option<&'g str> {
        let s = self.game.state();
        match kind {
            TargetKind::None => None,
            TargetKind::Person => self
                .top_mentee()
                .or_else(|| self.person_by(Stat::Morale, false)),
            TargetKind::Segment => self.segment_by_satisfaction(),
            TargetKind::Item => s
                .items
                .iter()
                .filter(|i| i.open() && i.revealed)
                .max_by(|a, b| a.total_value().total_cmp(&b.total_value()))
                .or_else(|| s.items.iter().find(|i| i.open()))
                .map(|i| i.id.as_str()),
        }
    }

    /// Spends the hours left on any not-yet-planned action of `family`, except those that
    /// change who is on the team: no archetype hires or fires to fill an idle hour.
    fn fill(&mut self, family: Family) {
        let reshapes = |a: &ActionDef| {
            a.effects
                .iter()
                .any(|e| matches!(e, Effect::Hire { .. } | Effect::Leave { .. }))
        };
        let actions = &self.game.scenario().actions;
        for def in actions
            .iter()
            .filter(|a| a.family == family && !reshapes(a))
        {
            if self.left() < def.hours {
                continue;
            }
            let target = self.default_target(def.target);
            if !self.planned(&def.id, target) {
                self.add(&def.id, target);
            }
        }
    }

    /// Effort known to be worth building, in weeks of the team's recent output.
    fn known_work_weeks(&self) -> f64 {
        let s = self.game.state();
        let known: f64 = s
            .items
            .iter()
            .filter(|i| i.open() && i.revealed && i.total_value() >= 2.0)
            .map(|i| i.remaining())
            .sum();
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
        .then(a.id.cmp(&b.id))
}

/// Leadership as a pure leader plays it: keep people, make things clear, hand over
/// ownership, grow skills. `autonomy_goal` is the autonomy it stops delegating at.
fn lead(p: &mut Planner, autonomy_goal: f64) {
    let s = p.game.state();
    if s.mean(Stat::Clarity) < 0.75 {
        p.add("explain", None);
    }
    let mut worried: Vec<_> = s
        .people
        .iter()
        .filter(|x| x.flight_risk > 0.25 || x.morale < 0.45)
        .collect();
    worried.sort_by(|a, b| {
        b.flight_risk
            .total_cmp(&a.flight_risk)
            .then(a.id.cmp(&b.id))
    });
    for x in worried.into_iter().take(3) {
        p.add("one_on_one", Some(&x.id));
    }
    let mut owners: Vec<_> = s
        .people
        .iter()
        .filter(|x| x.autonomy < autonomy_goal)
        .collect();
    owners.sort_by(|a, b| a.autonomy.total_cmp(&b.autonomy).then(a.id.cmp(&b.id)));
    for x in owners.into_iter().take(2) {
        p.add("delegate", Some(&x.id));
    }
    for id in p.mentees().into_iter().take(3) {
        p.add("mentor", Some(id));
    }
}

/// Management: learn what customers need while known valuable work runs short, aim the team
/// at it, keep customers served. `support_segments` caps how many segments get customer
/// success each week (all of them for a pure manager; the least satisfied for others).
fn manage(p: &mut Planner, insight_weeks: f64, support_segments: usize) {
    let s = p.game.state();
    if p.known_work_weeks() < insight_weeks {
        for seg in &s.segments {
            p.add("talk_to_customers", Some(&seg.id));
        }
    }
    if s.focus < 0.7 {
        p.add("prioritise", None);
    }
    let mut by_satisfaction: Vec<_> = s.segments.iter().collect();
    by_satisfaction.sort_by(|a, b| {
        a.satisfaction
            .total_cmp(&b.satisfaction)
            .then(a.id.cmp(&b.id))
    });
    for seg in by_satisfaction.into_iter().take(support_segments) {
        p.add("support_customers", Some(&seg.id));
    }
    if support_segments == usize::MAX {
        p.add("set_goals", None);
        if let Some(item) = p.default_target(TargetKind::Item) {
            p.add("put_first", Some(item));
        }
        for seg in &s.segments {
            p.add("talk_to_customers", Some(&seg.id));
        }
    }
}
