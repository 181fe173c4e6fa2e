//! The desktop game: a Bevy shell over [`crate::sim`].
//!
//! The simulation never sees Bevy. This module holds the run in a resource ([`session`]),
//! turns what the player clicks and types into [`crate::app::Intent`] messages, and draws every
//! screen with egui ([`ui`]). Everything except drawing lives in [`CorePlugin`], so the flows
//! are tested headless with `MinimalPlugins`.

pub mod author;
pub mod frame;
#[cfg(feature = "smoke")]
mod hooks;
pub mod hosted;
pub mod live;
pub mod pending;
pub mod saves;
pub mod scenarios;
pub mod screens;
pub mod session;
pub mod settings;
#[cfg(feature = "smoke")]
pub mod smoke;
pub mod ui;

use std::process::ExitCode;
use std::time::Duration;

use bevy::prelude::*;
use bevy::window::{PresentMode, WindowResolution};
use bevy::winit::{UpdateMode, WinitSettings};

use frame::{Frame, Start};

/// Everything but the window and the drawing: screens, the run, saves, settings and the
/// scenario list. Headless tests add this plugin alone.
pub struct CorePlugin {
    /// Where saves, settings and user scenarios live.
    pub data: crate::storage::DataDir,
}

impl Plugin for CorePlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(self.data.clone());
        frame::plugin(app);
        // Before anything reads the data folder: what killed writes left there goes first.
        app.add_systems(PreStartup, tidy_data_folder.in_set(Start::Tidy));
        app.add_plugins((
            screens::plugin,
            settings::plugin,
            scenarios::plugin,
            saves::plugin,
            session::plugin,
            author::plugin,
            hosted::plugin,
        ));
    }
}

/// Removes the temporary files that writes cut short (the game killed, the power gone) left
/// in the data folder.
fn tidy_data_folder(data: Res<crate::storage::DataDir>) {
    crate::storage::remove_stale_temporaries(&data);
}

/// The whole game: [`CorePlugin`] plus egui drawing, window settings and the smoke driver.
pub struct GamePlugin {
    /// Where saves, settings and user scenarios live.
    pub data: crate::storage::DataDir,
    /// The scripted smoke run's screenshot folder, if this is one.
    #[cfg(feature = "smoke")]
    pub smoke: Option<std::path::PathBuf>,
    /// A workshop code given on the command line: the game opens on joining it.
    pub workshop: Option<String>,
}

impl Plugin for GamePlugin {
    fn build(&self, app: &mut App) {
        app.add_plugins(CorePlugin {
            data: self.data.clone(),
        });
        app.add_plugins((live::plugin, ui::plugin));
        app.add_systems(Update, pace_for_timer.in_set(Frame::Follow));
        if let Some(code) = self.workshop.clone() {
            app.add_systems(
                Startup,
                move |mut ui: ResMut<ui::UiState>, mut overlay: ResMut<screens::Overlay>| {
                    ui.workshop_code = code.clone();
                    *overlay = screens::Overlay::Workshop;
                },
            );
        }
        #[cfg(feature = "smoke")]
        if let Some(dir) = &self.smoke {
            app.add_plugins(smoke::SmokePlugin { dir: dir.clone() });
        }
    }
}

/// Opens the game window and runs until the player quits.
///
/// Checks for a display first and turns a missing GPU into one line, because a backtrace
/// tells a player nothing about what to do.
pub fn run(workshop: Option<String>) -> ExitCode {
    if let Err(why) = display_available() {
        eprintln!("multiplier: cannot open the game window: {why}");
        return ExitCode::from(1);
    }
    #[cfg(feature = "smoke")]
    let launched = smoke::Launched(std::time::Instant::now());
    install_panic_hook();
    let data = match crate::storage::DataDir::from_env_or_os() {
        Ok(d) => d,
        Err(e) => {
            eprintln!("multiplier: {e}");
            return ExitCode::from(1);
        }
    };
    // Only a build with the `smoke` feature runs the scripted tour.
    #[cfg(feature = "smoke")]
    let smoke = std::env::var_os("MULTIPLIER_SMOKE").map(std::path::PathBuf::from);
    #[cfg(not(feature = "smoke"))]
    let smoke: Option<std::path::PathBuf> = None;
    let mut app = App::new();
    live::register_source(&mut app, &data);
    app.add_plugins(
        DefaultPlugins
            .set(WindowPlugin {
                primary_window: Some(Window {
                    title: "Multiplier".into(),
                    resolution: window_size(),
                    resize_constraints: bevy::window::WindowResizeConstraints {
                        min_width: SMALLEST_WINDOW.0 as f32,
                        min_height: SMALLEST_WINDOW.1 as f32,
                        ..default()
                    },
                    present_mode: PresentMode::AutoVsync,
                    ..default()
                }),
                ..default()
            })
            .set(bevy::log::LogPlugin {
                // Quiet the engine's notes about a virtual display, a software renderer's missing
                // features and the unused default asset folder: nothing a player can act on.
                filter: "warn,wgpu=error,naga=error,bevy_asset::io::source=error,bevy_egui::render=error,winit=error".into(),
                ..default()
            }),
    );
    // A turn-based game waits for the player: redraw on input only (egui asks for more
    // frames while it animates). The smoke run has no input, so it runs continuously.
    app.insert_resource(if smoke.is_some() {
        WinitSettings::continuous()
    } else {
        WinitSettings {
            focused_mode: UpdateMode::reactive_low_power(Duration::from_secs(5)),
            unfocused_mode: UpdateMode::reactive_low_power(Duration::from_secs(60)),
        }
    });
    #[cfg(feature = "smoke")]
    app.insert_resource(launched);
    app.add_plugins(GamePlugin {
        data,
        #[cfg(feature = "smoke")]
        smoke,
        workshop,
    });
    #[cfg(feature = "smoke")]
    hooks::plugin(&mut app);
    match app.run() {
        AppExit::Success => ExitCode::SUCCESS,
        AppExit::Error(code) => ExitCode::from(code.get()),
    }
}

/// A running week timer needs the countdown redrawn while the player thinks; otherwise the
/// window waits for input. Only a real change touches the settings, so this costs nothing idle.
fn pace_for_timer(session: Res<crate::app::Session>, mut winit: ResMut<WinitSettings>) {
    let playing = |r: &&crate::app::Run| !r.game.finished();
    let run = session.run.as_ref().filter(playing);
    let timed = run.is_some_and(|r| r.timer.is_some());
    // A room's run hears from its host every couple of seconds (a pause, the room moving on).
    let hosted = run.is_some_and(|r| r.workshop.as_ref().is_some_and(|w| w.room.is_some()));
    let wait = if timed {
        Duration::from_millis(250)
    } else if hosted {
        Duration::from_millis(1000)
    } else {
        Duration::from_secs(5)
    };
    let wanted = UpdateMode::reactive_low_power(wait);
    if winit.focused_mode != wanted && !matches!(winit.focused_mode, UpdateMode::Continuous) {
        winit.focused_mode = wanted;
        winit.unfocused_mode = if timed || hosted {
            wanted
        } else {
            UpdateMode::reactive_low_power(Duration::from_secs(60))
        };
    }
}

/// The window's size unless the screen is smaller.
const WINDOW: (u32, u32) = (1280, 800);

/// The smallest window the screens are laid out for (the resize constraints hold it).
const SMALLEST_WINDOW: (u32, u32) = (1024, 640);

/// 1280×800 (`settings` shrinks it to fit a smaller screen); a smoke build may be given
/// another size to check.
fn window_size() -> WindowResolution {
    #[cfg(feature = "smoke")]
    if let Some((width, height)) = hooks::window_size() {
        return WindowResolution::new(width, height);
    }
    WindowResolution::new(WINDOW.0, WINDOW.1)
}

/// There is no display to open the game's window on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "no display (neither DISPLAY nor WAYLAND_DISPLAY is set); run it in a desktop session, or use the command-line subcommands (`multiplier --help`)"
)]
pub struct NoDisplay;

/// Whether a window can be opened at all (Linux and the BSDs need X11 or Wayland).
fn display_available() -> Result<(), NoDisplay> {
    if cfg!(all(unix, not(target_os = "macos"))) {
        let set = |v: &str| std::env::var_os(v).is_some_and(|x| !x.is_empty());
        if !set("DISPLAY") && !set("WAYLAND_DISPLAY") {
            return Err(NoDisplay);
        }
    }
    Ok(())
}

/// Turns the renderer's "no GPU" panic into one line and a non-zero exit.
fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let text = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        let lower = text.to_lowercase();
        if lower.contains("unable to find a gpu")
            || lower.contains("no suitable adapter")
            || lower.contains("failed to find an appropriate adapter")
        {
            eprintln!(
                "multiplier: no usable graphics adapter (GPU or software Vulkan/GL driver) was found; \
                 install your graphics drivers (on Linux e.g. mesa-vulkan-drivers)"
            );
            std::process::exit(1);
        }
        default(info);
    }));
}
