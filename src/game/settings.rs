//! Player settings, kept between runs in `settings.ron`.

use std::path::{Path, PathBuf};

use bevy::prelude::*;
use serde::{Deserialize, Serialize};

use super::frame::{Frame, Start};
use crate::app::Session;
use crate::format::diagnostic::bounded;
use crate::storage::{DataDir, ReadError, read_limited, write_atomic};

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

    /// Reads the settings. A missing file gives the defaults; so does one that cannot be
    /// read, which is first moved aside (never overwritten, never deleted) and named in the
    /// problem to tell the player.
    pub fn load(data: &DataDir) -> Loaded {
        let path = data.settings();
        let why = match Self::read(&path) {
            Ok(settings) => {
                return Loaded {
                    settings: settings.unwrap_or_default(),
                    problem: None,
                    keep: true,
                };
            }
            Err(why) => why,
        };
        let (problem, keep) = match keep_aside(&path) {
            Ok(kept) => (
                format!(
                    "Your settings could not be read ({why}), so the defaults are in use; the old file is kept as {}",
                    kept.display()
                ),
                true,
            ),
            Err(e) => (
                format!(
                    "Your settings could not be read ({why}), so the defaults are in use; the file could not be moved aside ({e}), so changes are not saved over it"
                ),
                false,
            ),
        };
        Loaded {
            settings: Self::default(),
            problem: Some(problem),
            keep,
        }
    }

    /// The settings in `path`: `None` if there is no such file, an error if there is one that
    /// cannot be read.
    fn read(path: &Path) -> Result<Option<Self>, SettingsError> {
        let bytes = match read_limited(path, MAX_SETTINGS_BYTES) {
            Ok(bytes) => bytes,
            Err(ReadError::Io(e)) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(SettingsError::Read(e)),
        };
        let text = std::str::from_utf8(&bytes).map_err(|_| SettingsError::NotText)?;
        // Some editors start a file with a byte-order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut s = ron::from_str::<Settings>(text)
            .map_err(|e| SettingsError::Damaged(bounded(e.to_string())))?;
        s.ui_scale = s
            .ui_scale
            .clamp(*Self::SCALE_RANGE.start(), *Self::SCALE_RANGE.end());
        if !s.ui_scale.is_finite() {
            s.ui_scale = 1.0;
        }
        Ok(Some(s))
    }

    /// Writes the settings atomically.
    pub fn save(&self, data: &DataDir) -> Result<(), SettingsError> {
        let text = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::default())
            .map_err(|e| SettingsError::Encode(e.to_string()))?;
        write_atomic(&data.settings(), text.as_bytes()).map_err(SettingsError::Write)
    }
}

/// Why the settings could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    /// The file cannot be read (a folder, a device, too large, refused).
    #[error("{0}")]
    Read(ReadError),
    /// The file is not UTF-8 text.
    #[error("it is not text")]
    NotText,
    /// The text is not settings: the parser's message.
    #[error("it is damaged: {0}")]
    Damaged(String),
    /// The settings could not be put into words (a bug: please report it).
    #[error("cannot encode the settings: {0}")]
    Encode(String),
    /// The file system refused the write.
    #[error("cannot save settings: {0}")]
    Write(std::io::Error),
}

/// What [`Settings::load`] found.
#[derive(Debug)]
pub struct Loaded {
    /// The settings to use.
    pub settings: Settings,
    /// What to tell the player: the file was unreadable, and where it was kept.
    pub problem: Option<String>,
    /// Whether changes may be written: not over a damaged file that could not be moved aside.
    pub keep: bool,
}

/// A real settings file is a few hundred bytes; a much larger one is not read.
const MAX_SETTINGS_BYTES: u64 = 64 * 1024;

/// Renames a damaged file to `<name>.damaged-<n>`, the first `n` not taken, and returns
/// the new path.
fn keep_aside(path: &Path) -> std::io::Result<PathBuf> {
    let name = path.file_name().map_or_else(
        || "settings.ron".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    for n in 1..=1000 {
        let kept = path.with_file_name(format!("{name}.damaged-{n}"));
        // `symlink_metadata` so a dangling link also counts as taken.
        if std::fs::symlink_metadata(&kept).is_ok() {
            continue;
        }
        std::fs::rename(path, &kept)?;
        return Ok(kept);
    }
    Err(std::io::Error::other(
        "a thousand damaged copies are kept already",
    ))
}

/// Whether setting changes are written to the settings file.
#[derive(Resource)]
struct Keep(bool);

/// Loads the settings at start-up (telling the player if their file was damaged), writes
/// them whenever they change, and applies the window mode to the primary window if there
/// is one.
pub(super) fn plugin(app: &mut App) {
    app.add_systems(PreStartup, load.in_set(Start::Read));
    app.add_systems(
        Update,
        (
            (persist, apply_window).run_if(resource_changed::<Settings>),
            fit_to_monitor,
        )
            .chain()
            .in_set(Frame::Follow),
    );
}

/// Fills a monitor smaller than the window, once: opened at 1280×800 on a smaller screen, it
/// was clipped; shrunk by a guess at a title bar and a task bar (40×90), a 1024×640 screen
/// got a 984×550 window that left a tenth of the screen unused and cut the play screen below
/// the smallest size it is laid out for. The window takes the whole screen and asks to be
/// maximised, so a window manager with panels fits it to the room they leave (it knows their
/// size; the game does not). The smallest size the window accepts shrinks with it (and the
/// interface scale with it, see `ui::largest_scale`).
fn fit_to_monitor(
    monitors: Query<&bevy::window::Monitor, With<bevy::window::PrimaryMonitor>>,
    mut windows: Query<&mut Window, With<bevy::window::PrimaryWindow>>,
    mut done: Local<bool>,
) {
    if *done {
        return;
    }
    let (Ok(monitor), Ok(mut window)) = (monitors.single(), windows.single_mut()) else {
        return;
    };
    *done = true;
    let scale = monitor.scale_factor.max(0.1) as f32;
    let screen = bevy::math::Vec2::new(
        monitor.physical_width as f32 / scale,
        monitor.physical_height as f32 / scale,
    );
    let size = window.resolution.size();
    // A window that fits the screen is left as asked (a screen exactly its size included).
    if size.x <= screen.x && size.y <= screen.y {
        return;
    }
    if screen.x <= 0.0 || screen.y <= 0.0 {
        return;
    }
    let fitted = size.min(screen);
    let limits = &mut window.resize_constraints;
    limits.min_width = limits.min_width.min(fitted.x);
    limits.min_height = limits.min_height.min(fitted.y);
    window.resolution.set(fitted.x, fitted.y);
    window.set_maximized(true);
}

fn load(mut commands: Commands, data: Res<DataDir>, mut session: ResMut<Session>) {
    let loaded = Settings::load(&data);
    if let Some(problem) = loaded.problem {
        warn!("{problem}");
        session.fail(problem);
    }
    commands.insert_resource(loaded.settings);
    commands.insert_resource(Keep(loaded.keep));
}

fn persist(settings: Res<Settings>, data: Res<DataDir>, keep: Res<Keep>) {
    if settings.is_added() || !keep.0 {
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
