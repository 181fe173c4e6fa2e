//! The largest scenario the format accepts, list by list.
//!
//! No scenario an author writes comes near these: they are there so that a file, however
//! made, cannot make a week slow (every week walks the people, the segments, the open items
//! and the plan) or a run long. Exceeding one is a located error; docs/scenario-format.md
//! lists them under "Limits".

/// People on the team at the start. Hiring never takes the team past this either.
pub const PEOPLE: usize = crate::sim::MAX_PEOPLE;

/// Customer segments.
pub const SEGMENTS: usize = 50;

/// Backlog items written in the file (generated ones have their own limit,
/// `start.generated_items`, at most [`GENERATED_ITEMS`]).
pub const ITEMS: usize = 2_000;

/// Items generated at the start.
pub const GENERATED_ITEMS: usize = 2_000;

/// Actions the player is offered.
pub const ACTIONS: usize = 200;

/// Events that can happen.
pub const EVENTS: usize = 200;

/// Choices of one event.
pub const CHOICES: usize = 20;

/// Effects of one action or one choice.
pub const EFFECTS: usize = 100;

/// Conditions in one `All([...])` or `Any([...])`.
pub const CONDITIONS: usize = 100;

/// Parts of one action's `requires` or one event's `when`, counting every `All`, `Any`,
/// `Not` and test.
pub const CONDITION_PARTS: usize = 1_000;

/// Lessons the check verifies.
pub const LESSONS: usize = 100;

/// Weeks in a run: ten years.
pub const WEEKS: usize = 520;

/// Most phases in a scenario.
pub const PHASES: usize = 50;
