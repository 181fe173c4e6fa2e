//! The simulation core: plain, deterministic Rust with no engine types, no I/O and no clock.
//!
//! A [`Scenario`] and a seed make a [`Game`]; the player (or a [`Policy`]) fills the week's
//! plan, ends the week and decides events; the [`WeekReport`] says what happened and why.
//! Only `+ − × ÷`, comparisons and seeded xoshiro256** draws feed the state, so the same scenario,
//! seed and log give the same run bit for bit on every machine.

/// The version of the simulation's numbers: raised whenever the same scenario, seed and log
/// give different scores than before (a change of the model, or of the order of a sum). Result
/// files record it, so a run played on another version is told apart from a tampered one;
/// a test keeps a few runs' scores and fails when they change while this stays the same.
pub const MODEL_VERSION: u32 = 20;

pub mod action;
mod archetype;
pub mod arcs;
mod arrivals;
mod backlog;
pub mod check;
pub mod director;
pub mod effect;
pub mod event;
pub mod game;
pub mod lesson;
pub mod market;
pub mod model;
pub mod naming;
pub mod people;
pub mod phase;
pub mod plan;
pub mod player;
pub mod policy;
pub mod product;
pub mod promises;
pub mod report;
pub mod review;
pub mod rng;
pub mod scenario;
pub mod search;
mod spare;
pub mod state;
pub mod traits;
mod week;
pub mod world;

pub use action::{ActionDef, Family, MAX_PLAN, Planned, Refusal, TargetKind};
pub use arcs::{Arcs, Turn};
pub use check::{CheckReport, Spread, Totals, check, play, trial};
pub use director::{Director, Kind, Strain, Temper};
pub use effect::{Condition, Effect, Measure, Segments, Who};
pub use event::{Choice, EventDef, Subject};
pub use game::{Game, WeekLog};
pub use lesson::{Lesson, LessonResult, Score};
pub use market::Segment;
pub use model::{Coefficient, Model};
pub use naming::{ItemId, ItemName};
pub use people::{MAX_PEOPLE, OutputFactors, Person, Role, Stat};
pub use phase::Phase;
pub use player::{Competency, Player};
pub use policy::Policy;
pub use product::Item;
pub use report::{Cause, EventTaken, Skipped, Topic, WeekRecord, WeekReport};
pub use scenario::{Goal, Scenario, Start, Story};
pub use search::{SearchReport, search};
pub use state::{PendingEvent, State};
pub use traits::{Trait, Traits};
pub use world::{GameError, World};
