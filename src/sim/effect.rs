//! The small typed language of effects and conditions shared by actions and events.
//!
//! Effects change the world; conditions ask about it. Both are plain data, decoded from
//! scenario files and validated (every reference resolves) before a run starts.

use super::people::{Role, Stat};
use super::player::Competency;

/// The names of a language's variants as scenario files spell them: declared here once, and
/// read by the format's decoder, its hints and the documentation's test.
macro_rules! names {
    ($ty:ident { $($variant:ident $(($($tuple:tt)*))? $({$($record:tt)*})? => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every variant's name, in the order the format's reference lists them.
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The variant's name in scenario files.
            pub fn name(&self) -> &'static str {
                match self {
                    $($ty::$variant $(($($tuple)*))? $({$($record)*})? => $name),+
                }
            }
        }
    };
}
pub(crate) use names;

/// Whose stats an effect changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Who {
    /// The person the action targets, or the event's subject.
    Target,
    /// Everyone on the team(s).
    Everyone,
    /// Everyone with this role.
    Role(Role),
    /// One named person (by id); nothing happens if they have left.
    Person(String),
}

/// Which customer segments an effect touches.
#[derive(Clone, Debug, PartialEq)]
pub enum Segments {
    /// The segment the action targets (or all, for an event).
    Target,
    /// Every segment.
    All,
    /// One segment by id.
    Segment(String),
}

/// One change to the world.
///
/// When an action causes it, gains (positive amounts) are scaled by the action's strength:
/// the player's competency in the action's family and diminishing returns for repeats.
/// Costs and side effects (negative amounts, busy time) are not: a clumsy manager's
/// micromanagement hurts as much as a skilled one's.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Adds `by` to a stat of the chosen people.
    Adjust { who: Who, stat: Stat, by: f64 },
    /// Closes `share` of the gap between a stat and its ceiling: diminishing returns built in.
    Grow { who: Who, stat: Stat, share: f64 },
    /// Takes `share` of the chosen people's week (they produce less this week).
    Busy { who: Who, share: f64 },
    /// The player builds personally: `hours × engineering × build_rate` output this week.
    Build { hours: f64 },
    /// Squeezes this week's output by `share`; boosts in one week do not stack.
    Boost { share: f64 },
    /// Aims more of the team's effort at the most valuable known work.
    Focus { by: f64 },
    /// Raises customer reach (support, success), which speeds adoption and serves tickets.
    Reach { by: f64 },
    /// Puts the targeted backlog item first in line for focused effort.
    Pin,
    /// Reveals the true value of `items` backlog items, chosen by what the customers need most.
    Reveal { segments: Segments, items: u32 },
    /// Adds to customer satisfaction.
    Satisfaction { segments: Segments, by: f64 },
    /// Adds to adoption directly (a deal, an announcement).
    Adoption { segments: Segments, by: f64 },
    /// Adds technical debt (negative pays it down).
    Debt { by: f64 },
    /// Adds to the budget (negative spends it).
    Budget { by: f64 },
    /// Adds attention hours to next week only.
    Hours { by: f64 },
    /// Adds to one of the player's competencies.
    Competency { competency: Competency, by: f64 },
    /// A new person joins and onboards over `ramp_weeks`.
    Hire { role: Role, skill: f64 },
    /// The chosen people leave the team.
    Leave { who: Who },
    /// Sets a named flag that conditions can ask about.
    SetFlag(String),
    /// Clears a named flag.
    ClearFlag(String),
}

/// A number about the world that conditions compare.
#[derive(Clone, Debug, PartialEq)]
pub enum Measure {
    /// The current week, from 1.
    Week,
    /// People on the team(s).
    TeamSize,
    /// The team's mean of a stat.
    Mean(Stat),
    /// The highest value of a stat on the team.
    Max(Stat),
    /// The lowest value of a stat on the team.
    Min(Stat),
    /// Share of effort aimed at known valuable work.
    Focus,
    /// Customer reach.
    Reach,
    /// Technical debt.
    Debt,
    /// Budget left.
    Budget,
    /// Mean adoption over segments.
    Adoption,
    /// Mean satisfaction over segments.
    Satisfaction,
    /// One of the player's competencies.
    Competency(Competency),
    /// Last week's Output.
    Output,
    /// Last week's Value.
    Value,
}

/// A question about the world.
#[derive(Clone, Debug, PartialEq)]
pub enum Condition {
    /// Always true.
    Always,
    /// True when every inner condition is.
    All(Vec<Condition>),
    /// True when any inner condition is.
    Any(Vec<Condition>),
    /// True when the inner condition is not.
    Not(Box<Condition>),
    /// True while a flag is set.
    Flag(String),
    /// True when a measure lies within the given bounds.
    Is {
        measure: Measure,
        at_least: Option<f64>,
        at_most: Option<f64>,
    },
}

names!(Who {
    Target => "Target",
    Everyone => "Everyone",
    Role(_) => "Role",
    Person(_) => "Person",
});

names!(Segments {
    Target => "Target",
    All => "All",
    Segment(_) => "Segment",
});

names!(Effect {
    Adjust { .. } => "Adjust",
    Grow { .. } => "Grow",
    Busy { .. } => "Busy",
    Build { .. } => "Build",
    Boost { .. } => "Boost",
    Focus { .. } => "Focus",
    Reach { .. } => "Reach",
    Pin => "Pin",
    Reveal { .. } => "Reveal",
    Satisfaction { .. } => "Satisfaction",
    Adoption { .. } => "Adoption",
    Debt { .. } => "Debt",
    Budget { .. } => "Budget",
    Hours { .. } => "Hours",
    Competency { .. } => "Competency",
    Hire { .. } => "Hire",
    Leave { .. } => "Leave",
    SetFlag(_) => "SetFlag",
    ClearFlag(_) => "ClearFlag",
});

names!(Measure {
    Week => "Week",
    TeamSize => "TeamSize",
    Mean(_) => "Mean",
    Max(_) => "Max",
    Min(_) => "Min",
    Focus => "Focus",
    Reach => "Reach",
    Debt => "Debt",
    Budget => "Budget",
    Adoption => "Adoption",
    Satisfaction => "Satisfaction",
    Competency(_) => "Competency",
    Output => "Output",
    Value => "Value",
});

names!(Condition {
    Always => "Always",
    All(_) => "All",
    Any(_) => "Any",
    Not(_) => "Not",
    Flag(_) => "Flag",
    Is { .. } => "Is",
});

impl Measure {
    /// Words for the measure, used in explanations ("mean morale").
    pub fn describe(&self) -> String {
        match self {
            Measure::Week => "the week".into(),
            Measure::TeamSize => "team size".into(),
            Measure::Mean(s) => format!("mean {}", s.label()),
            Measure::Max(s) => format!("highest {}", s.label()),
            Measure::Min(s) => format!("lowest {}", s.label()),
            Measure::Focus => "focus".into(),
            Measure::Reach => "customer reach".into(),
            Measure::Debt => "technical debt".into(),
            Measure::Budget => "budget".into(),
            Measure::Adoption => "adoption".into(),
            Measure::Satisfaction => "customer satisfaction".into(),
            Measure::Competency(c) => format!("your {} competency", c.name().to_lowercase()),
            Measure::Output => "last week's output".into(),
            Measure::Value => "last week's value".into(),
        }
    }
}

impl Condition {
    /// Words for the condition, used to say why an action is unavailable.
    pub fn describe(&self) -> String {
        match self {
            Condition::Always => "always".into(),
            Condition::All(cs) => cs
                .iter()
                .map(Condition::describe)
                .collect::<Vec<_>>()
                .join(" and "),
            Condition::Any(cs) => cs
                .iter()
                .map(Condition::describe)
                .collect::<Vec<_>>()
                .join(" or "),
            Condition::Not(c) => format!("not ({})", c.describe()),
            Condition::Flag(f) => format!("“{f}”"),
            Condition::Is {
                measure,
                at_least,
                at_most,
            } => match (at_least, at_most) {
                (Some(lo), Some(hi)) => format!(
                    "{} between {} and {}",
                    measure.describe(),
                    num(*lo),
                    num(*hi)
                ),
                (Some(lo), None) => format!("{} at least {}", measure.describe(), num(*lo)),
                (None, Some(hi)) => format!("{} at most {}", measure.describe(), num(*hi)),
                (None, None) => "always".into(),
            },
        }
    }
}

/// A number without needless decimals.
fn num(x: f64) -> String {
    if x.fract() == 0.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.2}")
    }
}
