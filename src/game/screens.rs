//! The game's screens, as one state machine, and the overlays that sit on top of them.

use bevy::prelude::*;

use crate::app::Screen;

/// A window over the current screen.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Overlay {
    /// Nothing: the screen itself has the keyboard.
    #[default]
    None,
    /// Settings (and, during play, the pause menu).
    Settings,
    /// The list of saves to load.
    Load,
    /// Naming a save.
    Save,
    /// Key and mouse help.
    Help,
    /// Joining a workshop: its code and the team's name.
    Workshop,
    /// Naming a new scenario file.
    NewScenario,
}

pub(super) fn plugin(app: &mut App) {
    if !app.is_plugin_added::<bevy::state::app::StatesPlugin>() {
        app.add_plugins(bevy::state::app::StatesPlugin);
    }
    app.init_state::<Screen>();
    app.init_resource::<Overlay>();
    app.add_systems(StateTransition, close_overlay_on_change);
}

/// A new screen starts with no overlay.
fn close_overlay_on_change(
    mut changed: MessageReader<StateTransitionEvent<Screen>>,
    mut overlay: ResMut<Overlay>,
) {
    if changed.read().count() > 0 && *overlay != Overlay::None {
        *overlay = Overlay::None;
    }
}
