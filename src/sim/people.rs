//! The people on the player's team(s).

use super::traits::{FRAYS, GROWTH_MENTORED, QUIET_LED, Trait, Traits};

/// The most people a team can have: the most a scenario may start with, and where hiring
/// stops. Far above any team the game is about, it keeps every week's cost bounded.
pub const MAX_PEOPLE: usize = 1_000;

/// How close to their potential someone's skill is when they count as grown: mentoring's
/// last steps close a share of a gap this small, so it is as far as it takes them.
pub const GROWN: f64 = 0.03;

/// What a person mainly does; decides where their output goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Builds backlog items.
    Engineer,
    /// Answers customers: their output is support capacity.
    Support,
    /// Brings customers in: their output speeds adoption.
    Sales,
    /// Leads a team of their own: builds, and their clarity and autonomy carry to their team.
    Lead,
}

impl Role {
    /// Every role, in the order the format lists them.
    pub const ALL: [Role; 4] = [Role::Engineer, Role::Support, Role::Sales, Role::Lead];

    /// The names scenario files use, in [`Role::ALL`] order.
    pub const NAMES: [&'static str; 4] = ["Engineer", "Support", "Sales", "Lead"];

    /// The name used in scenario files.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// A number describing a person, each in `0..=1`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Stat {
    /// How much they can do; grows with mentoring toward their potential.
    Skill,
    /// How much they want to; drifts toward a resting level set by autonomy.
    Morale,
    /// How much they own their work; cut by micromanagement.
    Autonomy,
    /// How well they understand the goals and the design; fades unless renewed.
    Clarity,
    /// How likely they are to leave; rises while morale is low.
    FlightRisk,
}

impl Stat {
    /// Every stat, in the order the format lists them.
    pub const ALL: [Stat; 5] = [
        Stat::Skill,
        Stat::Morale,
        Stat::Autonomy,
        Stat::Clarity,
        Stat::FlightRisk,
    ];

    /// The names scenario files use, in [`Stat::ALL`] order.
    pub const NAMES: [&'static str; 5] = ["Skill", "Morale", "Autonomy", "Clarity", "FlightRisk"];

    /// The name used in scenario files.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The word used in the game's explanations.
    pub fn label(self) -> &'static str {
        match self {
            Stat::Skill => "skill",
            Stat::Morale => "morale",
            Stat::Autonomy => "autonomy",
            Stat::Clarity => "clarity",
            Stat::FlightRisk => "flight risk",
        }
    }
}

/// One person and their current state.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// Stable identifier used by scenario files and the action log.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What they mainly do.
    pub role: Role,
    /// Which team they belong to (0 for single-team scenarios).
    pub team: u32,
    /// Current skill, `0..=potential`.
    pub skill: f64,
    /// The ceiling mentoring can raise skill to.
    pub potential: f64,
    /// Current morale.
    pub morale: f64,
    /// Current autonomy.
    pub autonomy: f64,
    /// Current clarity.
    pub clarity: f64,
    /// Current flight risk.
    pub flight_risk: f64,
    /// Weeks on the team; newcomers ramp up over the model's `ramp_weeks`.
    pub tenure: f64,
    /// Share of this week's time already taken (being mentored, pulled into meetings).
    pub busy: f64,
    /// Share of next week an answer to an event has already taken (fixing an outage, a
    /// stretch project): it is taken when that week starts, which clears `busy`.
    pub booked: f64,
    /// What they are like. `None` in a scenario that leaves them to the seed; a run draws
    /// them when it starts, so in a run's state every person has theirs.
    pub traits: Option<Traits>,
}

/// How much more a change to one stat moves people, by their traits: at most
/// one trait changes it (a check-in that hurts frays some, leading grows some faster or
/// draws some out). Found once for an effect rather than once for each person it reaches.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Takes(Option<(Trait, f64)>);

impl Takes {
    /// For a change to `stat` by `by`, made by a check-in (a micromanagement action) or by
    /// leading.
    pub(crate) fn of(stat: Stat, by: f64, checked: bool, led: bool) -> Self {
        let hurt = if stat == Stat::FlightRisk {
            by > 0.0
        } else {
            by < 0.0
        };
        Self(if checked && hurt {
            Some((Trait::FraysUnderCheckIns, FRAYS))
        } else if led && !hurt && stat == Stat::Skill {
            Some((Trait::WantsGrowth, GROWTH_MENTORED))
        } else if led && !hurt && stat == Stat::Clarity {
            Some((Trait::QuietUntilAsked, QUIET_LED))
        } else {
            None
        })
    }

    /// What the change is multiplied by for `person`.
    #[inline]
    pub(crate) fn factor(self, person: &Person) -> f64 {
        match self.0 {
            Some((t, f)) if person.has(t) => f,
            _ => 1.0,
        }
    }
}

impl Person {
    /// The value of one stat.
    pub fn stat(&self, stat: Stat) -> f64 {
        match stat {
            Stat::Skill => self.skill,
            Stat::Morale => self.morale,
            Stat::Autonomy => self.autonomy,
            Stat::Clarity => self.clarity,
            Stat::FlightRisk => self.flight_risk,
        }
    }

    /// Sets one stat, clamped to its range (skill to the person's potential).
    pub fn set_stat(&mut self, stat: Stat, value: f64) {
        let value = if value.is_finite() { value } else { 0.0 };
        match stat {
            Stat::Skill => self.skill = value.clamp(0.0, self.potential.max(0.0)),
            Stat::Morale => self.morale = value.clamp(0.0, 1.0),
            Stat::Autonomy => self.autonomy = value.clamp(0.0, 1.0),
            Stat::Clarity => self.clarity = value.clamp(0.0, 1.0),
            Stat::FlightRisk => self.flight_risk = value.clamp(0.0, 1.0),
        }
    }

    /// The stat's ceiling: potential for skill, 1 for the others.
    pub fn ceiling(&self, stat: Stat) -> f64 {
        match stat {
            Stat::Skill => self.potential,
            _ => 1.0,
        }
    }

    /// Share of full speed a newcomer has reached.
    pub fn ramp(&self, ramp_weeks: f64) -> f64 {
        (self.tenure / ramp_weeks).min(1.0)
    }

    /// The factors of this person's weekly output, each a multiplier (see [`OutputFactors`]).
    pub fn factors(&self, ramp_weeks: f64) -> OutputFactors {
        OutputFactors {
            skill: self.skill,
            morale: 0.3 + 0.7 * self.morale,
            clarity: 0.4 + 0.6 * self.clarity,
            autonomy: 0.6 + 0.4 * self.autonomy,
            ramp: self.ramp(ramp_weeks),
            available: (1.0 - self.busy).clamp(0.0, 1.0),
        }
    }
}

/// Why a person produces what they produce: output is the product of these factors.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OutputFactors {
    /// Their skill.
    pub skill: f64,
    /// `0.3 + 0.7 × morale`: unhappy people still work, but less.
    pub morale: f64,
    /// `0.4 + 0.6 × clarity`: effort without understanding is partly wasted.
    pub clarity: f64,
    /// `0.6 + 0.4 × autonomy`: people who own their work find the better path.
    pub autonomy: f64,
    /// Share of full speed a newcomer has reached.
    pub ramp: f64,
    /// Share of the week not taken by mentoring or meetings.
    pub available: f64,
}

impl OutputFactors {
    /// The product of all factors.
    pub fn product(&self) -> f64 {
        self.skill * self.morale * self.clarity * self.autonomy * self.ramp * self.available
    }
}

/// What a person's traits change.
impl Person {
    /// Whether this person has trait `t` (a person whose traits are still to be drawn has
    /// none).
    pub fn has(&self, t: Trait) -> bool {
        self.traits.is_some_and(|set| set.has(t))
    }

    /// Whether they have grown as far as they can and want more than the work they have: a
    /// grown person who wants growth, with little autonomy.
    pub fn outgrown(&self) -> bool {
        self.has(Trait::WantsGrowth) && self.grown() && self.autonomy < 0.6
    }

    /// Whether mentoring has taken them as far as it can: skill within [`GROWN`] of their
    /// potential.
    pub fn grown(&self) -> bool {
        self.potential - self.skill < GROWN
    }
}
