//! Drawing every screen with egui. Screens read the [`Session`] and write [`Intent`]s; they
//! never change the run themselves.

mod author;
mod briefing;
mod debrief;
mod flow;
mod join;
mod loading;
mod overlay;
mod play;
mod problems;
pub mod theme;
mod title;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPlugin, EguiPrimaryContextPass, egui};

use super::screens::Overlay;
use super::settings::Settings;
use crate::app::view::BacklogOrder;
use crate::app::{Intent, Notice, Screen};

/// State that only the interface needs: text being typed, list cursors.
#[derive(Resource, Default, Debug)]
pub struct UiState {
    /// The name typed in the save dialog.
    pub save_name: String,
    /// The highlighted scenario on the title screen.
    pub cursor: usize,
    /// The workshop code or room address typed (or given with `--workshop`).
    pub workshop_code: String,
    /// The room's code typed when joining a hosted room (the digits the projector shows).
    pub workshop_door: String,
    /// Whether the room's code field takes the focus next frame (a room was picked).
    pub door_next: bool,
    /// The team name typed when joining a workshop.
    pub workshop_team: String,
    /// The name typed for a new scenario.
    pub new_scenario: String,
    /// When the flow animation last (re)started, in egui seconds; `None` before the first
    /// week is played.
    pub flow_started: Option<f64>,
    /// How many weeks the run had when the play screen last drew: one more moves the flow
    /// picture again.
    pub weeks_seen: Option<usize>,
    /// When the player last answered an event, in egui seconds: the answer keys are also
    /// action keys, and a second press just after must not plan an action.
    pub decided_at: Option<f64>,
    /// The overlay open when the overlays last drew: opening one dismisses the notice, which
    /// was about something else.
    pub overlay_seen: Overlay,
    /// The interface scale being dragged on the settings' slider, applied when the drag ends:
    /// applied as it moved, it moved the slider under the pointer and ran away.
    pub scale_dragged: Option<f32>,
    /// How the play screen's backlog is sorted (the arrow keys follow the same order).
    pub backlog_order: BacklogOrder,
    /// The backlog item last shown as picked: a new pick is scrolled into view.
    pub item_seen: Option<String>,
    /// The week the debrief's timeline shows.
    pub timeline: Option<u32>,
    /// Whether the style has been set up.
    styled: bool,
    /// The zoom last applied.
    zoom: f32,
}

pub(super) fn plugin(app: &mut App) {
    app.add_plugins(EguiPlugin::default());
    app.init_resource::<UiState>();
    app.add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    });
    app.insert_resource(ClearColor(Color::srgb_u8(0x1B, 0x1F, 0x26)));
    app.add_systems(
        PreUpdate,
        (drop_unchanged_modifiers, time_input_now)
            .chain()
            .after(bevy_egui::EguiPreUpdateSet::ProcessInput)
            .before(bevy_egui::EguiPreUpdateSet::BeginPass),
    );
    app.add_systems(
        EguiPrimaryContextPass,
        (
            setup,
            title::draw.run_if(in_state(Screen::Title)),
            briefing::draw.run_if(in_state(Screen::Briefing)),
            play::draw.run_if(in_state(Screen::Play)),
            debrief::draw.run_if(in_state(Screen::Debrief)),
            author::draw.run_if(in_state(Screen::Author)),
            problems::draw,
            overlay::draw,
            loading::draw,
        )
            .chain(),
    );
}

/// bevy_egui 0.42 sends egui a "modifiers changed" event every frame; egui answers any event
/// with an immediate repaint, so the reactive window would never idle. Only real changes
/// pass (egui still reads the current modifiers from `RawInput::modifiers`).
fn drop_unchanged_modifiers(
    mut inputs: Query<&mut bevy_egui::EguiInput>,
    mut last: Local<Option<egui::Modifiers>>,
) {
    for mut input in &mut inputs {
        input.0.events.retain(|e| match e {
            egui::Event::ModifiersChanged(m) => {
                let changed = *last != Some(*m);
                *last = Some(*m);
                changed
            }
            _ => true,
        });
    }
}

/// Gives egui the time the frame starts at, read from the clock. bevy_egui stamps the input
/// with `Time<Real>`, which Bevy's pipelined rendering sets to when the previous frame's
/// render finished: after a still hover the window idles (a frame every few seconds), so the
/// frame that reads a button's press carried a time seconds old, the next frame's release a
/// fresh one, and egui took the press for one held longer than a click (0.8 s) and dropped
/// it. Clicks were lost after a still hover, under Xvfb and on a desktop alike; a small
/// move first woke a frame and hid it.
fn time_input_now(
    mut inputs: Query<&mut bevy_egui::EguiInput>,
    mut started: Local<Option<std::time::Instant>>,
) {
    let started = *started.get_or_insert_with(std::time::Instant::now);
    let now = started.elapsed().as_secs_f64();
    for mut input in &mut inputs {
        input.0.time = Some(now);
    }
}

/// Applies the style once and the UI scale whenever it changes.
fn setup(mut contexts: EguiContexts, mut ui: ResMut<UiState>, settings: Res<Settings>) -> Result {
    let ctx = contexts.ctx_mut()?;
    if !ui.styled {
        theme::style(ctx);
        ui.styled = true;
    }
    // Never larger than the window allows: a scale saved on a big screen must not crush the
    // play screen on a small one.
    let zoom = settings.ui_scale.min(largest_scale(ctx));
    if (ui.zoom - zoom).abs() > f32::EPSILON {
        ctx.set_zoom_factor(zoom);
        ui.zoom = zoom;
    }
    Ok(())
}

/// The smallest window, in points, every screen is laid out for: the play screen's three
/// columns and its charts.
const SMALLEST_LAYOUT: egui::Vec2 = egui::vec2(1000.0, 620.0);

/// The largest interface scale at which the window still holds [`SMALLEST_LAYOUT`] (never
/// below 1, never above the settings' largest).
fn largest_scale(ctx: &egui::Context) -> f32 {
    let pixels = ctx.content_rect().size() * ctx.zoom_factor();
    let fits = (pixels.x / SMALLEST_LAYOUT.x).min(pixels.y / SMALLEST_LAYOUT.y);
    if !fits.is_finite() {
        return 1.0;
    }
    // In the slider's steps of 0.05.
    ((fits * 20.0).floor() / 20.0).clamp(1.0, *Settings::SCALE_RANGE.end())
}

/// A root `Ui` covering the window, for panels.
fn root(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

/// The id of a scroll area of `run`'s screens: each run has its own, so a new run opens at
/// the top of every list rather than where the last one was scrolled to.
fn scroll_id(run: &crate::app::Run, name: &str) -> egui::Id {
    egui::Id::new(name)
        .with(run.game.seed())
        .with(&run.game.scenario().story.title)
}

/// Whether the screen itself should react to keys: no overlay open, no text field typing.
fn keys_free(ctx: &egui::Context, overlay: Overlay) -> bool {
    overlay == Overlay::None && !ctx.egui_wants_keyboard_input()
}

/// Whether a key was pressed this frame (without modifiers unless asked).
fn pressed(ctx: &egui::Context, key: egui::Key) -> bool {
    ctx.input(|i| i.key_pressed(key) && !i.modifiers.ctrl && !i.modifiers.command)
}

/// Whether a key was pressed this frame (without Ctrl or Cmd), taking the press: a key that
/// opens a window must not also reach the window, which would close it again at once.
fn take(ctx: &egui::Context, key: egui::Key) -> bool {
    ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key))
}

/// Whether Enter was pressed in a one-line text field this frame: the field still has the
/// focus, or egui just took it away because of that Enter.
fn submitted(ui: &egui::Ui, field: &egui::Response) -> bool {
    (field.has_focus() || field.lost_focus()) && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

/// Whether Ctrl (or Cmd) + key was pressed this frame.
fn pressed_ctrl(ctx: &egui::Context, key: egui::Key) -> bool {
    ctx.input(|i| i.key_pressed(key) && i.modifiers.command)
}

/// The notice line under a screen's header.
fn notice(ui: &mut egui::Ui, note: Option<&Notice>, palette: &theme::Palette) {
    if let Some(n) = note {
        let colour = if n.error { palette.bad } else { palette.good };
        ui.add(egui::Label::new(egui::RichText::new(&n.text).color(colour)).wrap());
    }
}

/// The button back to the title screen's scenario list, beside a screen's main button.
fn back_to_scenarios(ui: &mut egui::Ui, intents: &mut Intents) {
    if ui
        .add(egui::Button::new("Back").min_size(egui::vec2(100.0, 36.0)))
        .on_hover_text("Back to the scenarios  [Esc]")
        .clicked()
    {
        intents.write(Intent::ToTitle);
    }
}

/// A message writer alias for the drawing systems.
type Intents<'w> = MessageWriter<'w, Intent>;
