//! The game's flow without Bevy: the session (the one writer of the run: intents in,
//! commands for the shell out, the files it wants written among them), what a run is between
//! screens (its scenario's source, the feed, the selection, the workshop and its countdown),
//! the catalog, how a run is saved and rebuilt, live reload's rules, and its debrief. The
//! desktop game draws and drives these; they build and are tested with
//! `--no-default-features`, so the workshop host and browser tables can drive the same ones.
//! Nothing here writes a file unless its shell asks (a [`Write`] or a [`session::Load`]).
//! [`view`] is what each screen shows, as plain data both renderers lay out.

pub mod catalog;
pub mod debrief;
pub mod hosted;
pub mod live;
pub mod run;
pub mod save;
pub mod session;
pub mod source;
pub mod view;
pub mod whatif;
pub mod write;

pub use catalog::{Catalog, Entry};
pub use debrief::Debrief;
pub use hosted::{Hosted, join_room, run_of};
pub use run::{Fork, Replay, Run, Selection, WeekTimer, Workshop, join, rejoin};
pub use save::{SaveFile, SavedRoom, SavedWorkshop};
pub use session::{Arrival, Command, Context, Intent, Notice, Pick, Screen, Session};
pub use source::Source;
pub use write::{Write, Written};
