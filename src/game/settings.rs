//! Player settings, kept between runs in `settings.ron`.

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use crate::storage::{DataDir, write_atomic};

/// How the window is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum WindowChoice {
    /// A normal window.
    #[default]
    Windowed,
    /// Borderless, covering the monitor.
    Fullscreen,
}

/// What the player chose in the settings screen.
#[derive(Resource, Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Multiplies the size of everything in the interface.
    pub ui_scale: f32,
    /// Windowed or fullscreen.
    pub window: WindowChoice,
    /// Turns off the flow animation and other movement.
    pub reduced_motion: bool,
    /// Uses the Okabe–Ito palette, distinguishable with every common colour-vision deficiency.
    pub colour_blind: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            ui_scale: 1.0,
            window: WindowChoice::Windowed,
            reduced_motion: false,
            colour_blind: false,
        }
    }
}

impl Settings {
    /// The smallest and largest interface scale offered.
    pub const SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.75..=2.0;

    /// Reads the settings; a missing or unreadable file gives the defaults (and says why).
    pub fn load(data: &DataDir) -> (Self, Option<String>) {
        let path = data.settings();
        match std::fs::read_to_string(&path) {
            Ok(text) => match ron::from_str::<Settings>(&text) {
                Ok(mut s) => {
                    s.ui_scale = s
                        .ui_scale
                        .clamp(*Self::SCALE_RANGE.start(), *Self::SCALE_RANGE.end());
                    if !s.ui_scale.is_finite() {
                        s.ui_scale = 1.0;
                    }
                    (s, None)
                }
                Err(e) => (
                    Self::default(),
                    Some(format!(
                        "settings file {} is damaged ({e}); using defaults",
                        path.display()
                    )),
                ),
            },
            Err(_) => (Self::default(), None),
        }
    }

    /// Writes the settings atomically.
    pub fn save(&self, data: &DataDir) -> Result<(), String> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| e.to_string())?;
        write_atomic(&data.settings(), text.as_bytes())
            .map_err(|e| format!("cannot save settings: {e}"))
    }
}

/// Loads the settings at start-up, writes them whenever they change, and applies the window
/// mode to the primary window if there is one.
pub(super) fn plugin(app: &mut App) {
    app.add_systems(PreStartup, load);
    app.add_systems(
        Update,
        (persist, apply_window).run_if(resource_changed::<Settings>),
    );
}

fn load(mut commands: Commands, data: Res<DataDir>) {
    let (settings, problem) = Settings::load(&data);
    if let Some(p) = problem {
        warn!("{p}");
    }
    commands.insert_resource(settings);
}

fn persist(settings: Res<Settings>, data: Res<DataDir>) {
    if settings.is_added() {
        return;
    }
    if let Err(e) = settings.save(&data) {
        warn!("{e}");
    }
}

fn apply_window(settings: Res<Settings>, mut windows: Query<&mut Window>) {
    use bevy::window::{MonitorSelection, WindowMode};
    let mode = match settings.window {
        WindowChoice::Windowed => WindowMode::Windowed,
        WindowChoice::Fullscreen => WindowMode::BorderlessFullscreen(MonitorSelection::Current),
    };
    for mut w in &mut windows {
        if w.mode != mode {
            w.mode = mode;
        }
    }
}
