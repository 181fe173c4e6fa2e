//! The order of the game's work, stated once: each plugin puts its systems in one of these
//! sets instead of naming another module's systems.
//!
//! A frame's `Update` runs [`Frame::Arrive`], then [`Frame::Session`], then
//! [`Frame::Follow`]; the screens draw after it (egui's pass), and the intents they write
//! are taken by the next frame's session. At start-up, [`Start::Tidy`] runs before
//! [`Start::Read`] in `PreStartup`.

use bevy::prelude::*;

/// The steps of a frame's `Update`, in order.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Frame {
    /// What comes from outside the session: answers of background work (folders read,
    /// the debrief's bots aside), files edited on disk, the host's answers, rooms heard,
    /// the smoke script's input. Before the session, so it sees them in the same frame.
    Arrive,
    /// The session takes the frame's intents and answers and carries out its commands.
    Session,
    /// What follows from the session's new state: weeks sent to the host, the author
    /// view's checks, settings written, the window's pace and size.
    Follow,
}

/// The steps of start-up (`PreStartup`), in order.
#[derive(SystemSet, Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Start {
    /// What killed writes left in the data folder is removed.
    Tidy,
    /// The data folder is read: settings, the scenario folder, the saves.
    Read,
}

/// Configures the order of the sets; [`super::CorePlugin`] adds it before the plugins that
/// use them.
pub(super) fn plugin(app: &mut App) {
    app.configure_sets(
        Update,
        (Frame::Arrive, Frame::Session, Frame::Follow).chain(),
    );
    app.configure_sets(PreStartup, (Start::Tidy, Start::Read).chain());
}
