//! A validated scenario: everything a run needs, in core types.
//!
//! Scenario files are decoded into this by [`crate::format`]; the core trusts it: every
//! reference resolves, every number lies in its range.

use super::action::ActionDef;
use super::director::Director;
use super::effect::Condition;
use super::event::EventDef;
use super::lesson::Lesson;
use super::market::Segment;
use super::model::Model;
use super::people::Person;
use super::phase::{self, Phase};
use super::player::Player;
use super::product::Item;

/// The story around a run: what the player reads before, during and after it.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Story {
    /// Stable identifier (the file's name for built-in scenarios).
    pub id: String,
    /// Display title.
    pub title: String,
    /// One line that sells it in the menu.
    pub pitch: String,
    /// The briefing.
    pub intro: String,
    /// What the player is asked to achieve.
    pub goals: Vec<Goal>,
    /// Questions for the workshop debrief.
    pub debrief: Vec<String>,
}

/// Something the player is asked to achieve, and, where the file says how to tell, the
/// condition that says it is met: the play screen shows it as it stands, the debrief checks
/// it at the end.
#[derive(Clone, Debug, PartialEq)]
pub struct Goal {
    /// The goal in words.
    pub text: String,
    /// When it counts as met, if the scenario says.
    pub check: Option<Condition>,
}

/// The world at the start of a run, beyond people, items and segments.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Start {
    /// Initial share of effort aimed at known valuable work.
    pub focus: f64,
    /// Initial customer reach.
    pub reach: f64,
    /// Initial technical debt.
    pub debt: f64,
    /// Initial budget.
    pub budget: f64,
    /// Backlog items generated on top of the authored ones.
    pub generated_items: u32,
}

/// Everything a run needs.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Texts around the run.
    pub story: Story,
    /// Number of weeks.
    pub weeks: u32,
    /// The model's coefficients.
    pub model: Model,
    /// Stretches of the run under coefficients of their own, in the order they begin.
    pub phases: Vec<Phase>,
    /// The player at the start.
    pub player: Player,
    /// The team at the start.
    pub people: Vec<Person>,
    /// Customer segments.
    pub segments: Vec<Segment>,
    /// Authored backlog items (more are generated; see [`Start::generated_items`]).
    pub items: Vec<Item>,
    /// The rest of the starting world.
    pub start: Start,
    /// Actions the player may take, in menu order.
    pub actions: Vec<ActionDef>,
    /// Events that may happen.
    pub events: Vec<EventDef>,
    /// When events come and which kinds come more often.
    pub director: Director,
    /// What the scenario claims to teach.
    pub lessons: Vec<Lesson>,
    /// Whether the play screen may preview what an action or an answer does this week (a
    /// scenario that is a test of judgement can say no).
    pub previews: bool,
}

impl Scenario {
    /// The model week `week` is played under: its phase's, or the scenario's before any.
    pub fn model_at(&self, week: u32) -> &Model {
        phase::at(&self.phases, week).map_or(&self.model, |p| &p.model)
    }

    /// The action with this id.
    pub fn action(&self, id: &str) -> Option<&ActionDef> {
        self.action_index(id).map(|i| &self.actions[i])
    }

    /// The place of the action with this id in [`Scenario::actions`].
    pub(crate) fn action_index(&self, id: &str) -> Option<usize> {
        self.actions.iter().position(|a| a.id == id)
    }

    /// The event with this id.
    pub fn event(&self, id: &str) -> Option<&EventDef> {
        self.events.iter().find(|e| e.id == id)
    }
}
