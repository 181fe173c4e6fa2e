//! Actions: what the player can spend attention on, defined as data.

use std::fmt;

use super::effect::{Condition, Effect};
use super::player::Competency;

/// The four families of action the game is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    /// Scales the team's effort: slow, compounding.
    Leadership,
    /// Turns output into value: reveals, aims, converts.
    Management,
    /// The player does the work: instant, does not compound.
    Individual,
    /// Squeezes today's output: a bump now, erosion later.
    Micromanagement,
}

impl Family {
    /// Every family, in display order.
    pub const ALL: [Family; 4] = [
        Family::Leadership,
        Family::Management,
        Family::Individual,
        Family::Micromanagement,
    ];

    /// The competency actions of this family draw on.
    pub fn competency(self) -> Competency {
        match self {
            Family::Leadership => Competency::Leadership,
            Family::Management | Family::Micromanagement => Competency::Management,
            Family::Individual => Competency::Engineering,
        }
    }

    /// The names scenario files use, in [`Family::ALL`] order.
    pub const NAMES: [&'static str; 4] =
        ["Leadership", "Management", "Individual", "Micromanagement"];

    /// The name used in scenario files.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The heading used in the game.
    pub fn label(self) -> &'static str {
        match self {
            Family::Leadership => "Leadership",
            Family::Management => "Management",
            Family::Individual => "Individual work",
            Family::Micromanagement => "Micromanagement",
        }
    }
}

/// What an action is aimed at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetKind {
    /// Nothing: it applies to the team or the product as a whole.
    None,
    /// One person.
    Person,
    /// One backlog item.
    Item,
    /// One customer segment.
    Segment,
}

impl TargetKind {
    /// Every kind, in the order the format lists them.
    pub const ALL: [TargetKind; 4] = [
        TargetKind::None,
        TargetKind::Person,
        TargetKind::Item,
        TargetKind::Segment,
    ];

    /// The names scenario files use, in [`TargetKind::ALL`] order.
    pub const NAMES: [&'static str; 4] = ["None", "Person", "Item", "Segment"];

    /// The name used in scenario files.
    pub fn name(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// One action the player may take.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionDef {
    /// Stable identifier used by the action log and by bots.
    pub id: String,
    /// Display name.
    pub name: String,
    /// One sentence on what it does and why.
    pub description: String,
    /// Which family it belongs to.
    pub family: Family,
    /// Attention hours it costs.
    pub hours: f64,
    /// What it must be aimed at.
    pub target: TargetKind,
    /// When it can be taken.
    pub requires: Condition,
    /// What it does.
    pub effects: Vec<Effect>,
}

impl ActionDef {
    /// Whether it changes who is on the team (hires or lets someone go): no bot takes such
    /// an action to fill an idle hour, and the search and the promises leave it out of the
    /// plans they compare.
    pub fn reshapes_team(&self) -> bool {
        self.effects
            .iter()
            .any(|e| matches!(e, Effect::Hire { .. } | Effect::Leave { .. }))
    }
}

/// One entry in a week's plan: an action and, if it needs one, the id of its target.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Planned {
    /// The action's id.
    pub action: String,
    /// The id of the person, item or segment it is aimed at.
    pub target: Option<String>,
}

impl Planned {
    /// An entry for an action with no target.
    pub fn new(action: impl Into<String>) -> Self {
        Self {
            action: action.into(),
            target: None,
        }
    }

    /// An entry aimed at a target.
    pub fn at(action: impl Into<String>, target: impl Into<String>) -> Self {
        Self {
            action: action.into(),
            target: Some(target.into()),
        }
    }
}

/// A plan entry a bot made, by place rather than by id: bots plan every week of every checked
/// run, and writing ids out as strings only to look them up again was most of what planning
/// and playing a bot's week cost. [`Step::planned`] gives the entry a player would write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Step {
    /// The action's place in [`Scenario::actions`](super::Scenario::actions).
    pub action: usize,
    /// Where the target's id was taken from, as the state stood when the plan was made.
    pub target: Option<Target>,
}

/// Where a bot took a target's id from: a place in the state's people, items or segments. A
/// person is named by the first place with their id, where a look-up by id finds them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    Person(usize),
    Item(usize),
    Segment(usize),
}

/// The most entries a week's plan carries out. A week's hours fit a few dozen actions at the
/// very most; the limit bounds what a week costs whatever a file's log holds (actions may
/// take no hours).
pub const MAX_PLAN: usize = 100;

/// Why a plan entry cannot be taken now: the one answer a plan being made, a bot and a week
/// being played all get (see `State::admit`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Refusal<'s> {
    /// The scenario has no action with the entry's id.
    NoSuchAction,
    /// The action takes more hours than the week has left.
    Hours {
        /// Hours the action takes.
        needed: f64,
        /// Hours left in the week.
        left: f64,
    },
    /// The action's requirement does not hold now.
    Requires(&'s Condition),
    /// The entry names nothing the action can be aimed at now (nobody picked, or they left;
    /// an item already shipped).
    NoTarget(TargetKind),
    /// The plan already holds [`MAX_PLAN`] entries.
    PlanFull,
}

impl fmt::Display for Refusal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NoSuchAction => write!(f, "this scenario has no such action"),
            Refusal::Hours { needed, left } => {
                write!(f, "needs {needed:.0} hours; {:.0} left", left.max(0.0))
            }
            Refusal::Requires(condition) => write!(f, "needs {}", condition.describe()),
            Refusal::NoTarget(kind) => {
                write!(f, "needs a {} to aim at", kind.name().to_lowercase())
            }
            Refusal::PlanFull => write!(f, "a week's plan holds at most {MAX_PLAN} entries"),
        }
    }
}
