//! The game's flow without Bevy: what a run is between screens (its scenario's source, the
//! feed, the selection, the workshop and its countdown), how it is saved and rebuilt, and its
//! debrief. The desktop game draws and drives these; they build and are tested with
//! `--no-default-features`, so the workshop host and browser tables can drive the same ones.

pub mod debrief;
pub mod run;
pub mod save;
pub mod source;

pub use debrief::Debrief;
pub use run::{Replay, Run, Selection, WeekTimer, Workshop, join, rejoin};
pub use save::{SaveFile, SavedWorkshop};
pub use source::Source;
