//! Windows over any screen: settings and pause menu, the save list, naming a save, help.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui::RichText;

use super::theme::Palette;
use super::{Intents, UiState, join, loading, pressed, submitted};
use crate::app::save::now;
use crate::app::view::SaveEntry;
use crate::app::{Intent, Screen, Session};
use crate::game::hosted::Nearby;
use crate::game::saves::{Listing, SaveList};
use crate::game::screens::Overlay;
use crate::game::settings::{Settings, WindowChoice};

// A Bevy system: its parameters are the resources it reads, which Bevy passes by name.
#[allow(clippy::too_many_arguments)]
pub(super) fn draw(
    mut contexts: EguiContexts,
    mut intents: Intents,
    mut overlay: ResMut<Overlay>,
    mut settings: ResMut<Settings>,
    mut ui_state: ResMut<UiState>,
    saves: Res<SaveList>,
    listing: Res<Listing>,
    session: Res<Session>,
    screen: Res<State<Screen>>,
    nearby: Res<Nearby>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    // A window that opens starts with nothing said: what the notice said was about the screen
    // beneath ("can't plan that" does not belong in the Join dialog).
    if *overlay != ui_state.overlay_seen {
        ui_state.overlay_seen = *overlay;
        if *overlay != Overlay::None && session.notice.is_some() {
            intents.write(Intent::Dismiss);
        }
        // The menu over the play screen is titled "Paused": the week's clock stops with it.
        let paused = *overlay == Overlay::Settings && *screen.get() == Screen::Play;
        intents.write(Intent::Pause(paused));
    }
    if *overlay == Overlay::None {
        return Ok(());
    }
    let palette = Palette::of(&settings);
    let typing = ctx.egui_wants_keyboard_input();
    let mut close = pressed(&ctx, egui::Key::Escape);
    let in_play = *screen.get() == Screen::Play;
    let title = match *overlay {
        Overlay::Settings if in_play => "Paused",
        Overlay::Settings => "Settings",
        Overlay::Load => "Load a save",
        Overlay::Save => "Save the game",
        Overlay::Help => "Keys and help",
        Overlay::Workshop => "Join a workshop",
        Overlay::NewScenario => "Write a new scenario",
        Overlay::None => "",
    };
    let response = egui::Modal::new(egui::Id::new("overlay")).show(&ctx, |ui| {
        ui.set_width(560.0_f32.min(ctx.content_rect().width() - 80.0));
        ui.horizontal(|ui| {
            ui.label(RichText::new(title).size(22.0).strong());
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("Close").on_hover_text("[Esc]").clicked() {
                    close = true;
                }
            });
        });
        ui.separator();
        match *overlay {
            Overlay::Settings => {
                if in_play {
                    close |= pause(ui, &mut overlay, &mut intents);
                    ui.separator();
                }
                // Only a change is written back: a write marks the settings changed, and
                // every change is saved to disk.
                let largest = super::largest_scale(&ctx);
                let dragged = &mut ui_state.scale_dragged;
                if let Some(changed) = settings_panel(ui, &settings, dragged, largest) {
                    *settings = changed;
                }
            }
            Overlay::Load => {
                if let Some(what) = listing.what() {
                    loading::line(ui, what, &settings);
                }
                // Before the first read, an empty list says nothing.
                if !(listing.busy() && saves.saves.is_empty()) {
                    load_list(ui, &saves, &session, &palette, &mut intents);
                }
            }
            Overlay::Save => save(ui, &mut ui_state, &session, &palette, &mut intents),
            Overlay::Help => help(ui),
            Overlay::Workshop => {
                let problem = session
                    .notice
                    .as_ref()
                    .filter(|n| n.error)
                    .map(|n| n.text.clone());
                let asked = join::dialog(ui, &mut ui_state, problem, &nearby.rooms, &palette);
                if let Some(intent) = asked {
                    intents.write(intent);
                }
            }
            Overlay::NewScenario => {
                new_scenario(ui, &mut ui_state, &session, &palette, &mut intents)
            }
            Overlay::None => {}
        }
    });
    if response.should_close() && !typing {
        close = true;
    }
    if close {
        *overlay = Overlay::None;
    }
    Ok(())
}

/// The pause menu's buttons over the play screen; whether Resume was clicked.
fn pause(ui: &mut egui::Ui, overlay: &mut Overlay, intents: &mut Intents) -> bool {
    let mut resume = false;
    ui.horizontal_wrapped(|ui| {
        if ui.button("Resume").on_hover_text("[Esc]").clicked() {
            resume = true;
        }
        if ui.button("Save…").on_hover_text("[Ctrl+S]").clicked() {
            *overlay = Overlay::Save;
        }
        if ui.button("Load…").clicked() {
            *overlay = Overlay::Load;
        }
        if ui
            .button("Quit to title")
            .on_hover_text("The run is autosaved every week")
            .clicked()
        {
            intents.write(Intent::ToTitle);
        }
        if ui.button("Quit game").clicked() {
            intents.write(Intent::Quit);
        }
    });
    resume
}

/// Naming a save.
fn save(
    ui: &mut egui::Ui,
    ui_state: &mut UiState,
    session: &Session,
    palette: &Palette,
    intents: &mut Intents,
) {
    ui.label("Name:");
    let edit = ui.add(
        egui::TextEdit::singleline(&mut ui_state.save_name)
            .hint_text("e.g. before the reorg")
            .desired_width(f32::INFINITY),
    );
    edit.request_focus();
    let enter = submitted(ui, &edit);
    if ui.button("Save").on_hover_text("[Enter]").clicked() || enter {
        intents.write(Intent::Save(std::mem::take(&mut ui_state.save_name)));
    }
    if let Some(n) = &session.notice
        && n.error
    {
        ui.label(RichText::new(&n.text).color(palette.bad));
    }
}

/// Naming a new scenario, which is written into the scenario folder.
fn new_scenario(
    ui: &mut egui::Ui,
    ui_state: &mut UiState,
    session: &Session,
    palette: &Palette,
    intents: &mut Intents,
) {
    ui.add(
        egui::Label::new(
            "Writes a commented starter scenario into your scenario folder. It already plays and its \
             lessons hold; edit it in any text editor and the game reloads every save.",
        )
        .wrap(),
    );
    ui.label("Name:");
    let edit = ui.add(
        egui::TextEdit::singleline(&mut ui_state.new_scenario)
            .hint_text("e.g. Our platform team")
            .desired_width(f32::INFINITY),
    );
    edit.request_focus();
    let enter = submitted(ui, &edit);
    if ui.button("Write it").on_hover_text("[Enter]").clicked() || enter {
        intents.write(Intent::NewScenario(std::mem::take(
            &mut ui_state.new_scenario,
        )));
    }
    if let Some(n) = &session.notice
        && n.error
    {
        ui.add(egui::Label::new(RichText::new(&n.text).color(palette.bad)).wrap());
    }
}

/// The settings' controls; the settings as the player changed them, if they did.
/// The interface scale is applied when its slider is let go (`dragged` holds it meanwhile),
/// and offered only up to `largest`, the scale at which every screen still fits the window.
fn settings_panel(
    ui: &mut egui::Ui,
    settings: &Settings,
    dragged: &mut Option<f32>,
    largest: f32,
) -> Option<Settings> {
    let mut s = settings.clone();
    egui::Grid::new("settings")
        .num_columns(2)
        .spacing([16.0, 10.0])
        .show(ui, |ui| {
            ui.label("Interface scale");
            let lowest = *Settings::SCALE_RANGE.start();
            let mut scale = dragged.unwrap_or(s.ui_scale).min(largest);
            let slider = ui.add(egui::Slider::new(&mut scale, lowest..=largest).step_by(0.05));
            if slider.dragged() {
                *dragged = Some(scale);
            }
            // Written back only when the player set it (a drag let go, a click, a key): a
            // larger scale saved for a bigger screen is kept, only capped here.
            if slider.drag_stopped() || (slider.changed() && !slider.dragged()) {
                *dragged = None;
                s.ui_scale = scale;
            }
            ui.end_row();
            ui.label("Window");
            ui.horizontal(|ui| {
                ui.radio_value(&mut s.window, WindowChoice::Windowed, "Windowed");
                ui.radio_value(&mut s.window, WindowChoice::Fullscreen, "Fullscreen");
            });
            ui.end_row();
            ui.label("Reduced motion");
            ui.checkbox(&mut s.reduced_motion, "No animation");
            ui.end_row();
            ui.label("Colours");
            ui.checkbox(&mut s.colour_blind, "Colour-blind-safe palette (Okabe–Ito)");
            ui.end_row();
        });
    ui.label(RichText::new("Settings are saved as you change them.").small());
    (s != *settings).then_some(s)
}

fn load_list(
    ui: &mut egui::Ui,
    saves: &SaveList,
    session: &Session,
    palette: &Palette,
    intents: &mut Intents,
) {
    if let Some(n) = &session.notice
        && n.error
    {
        ui.add(egui::Label::new(RichText::new(&n.text).color(palette.bad)).wrap());
    }
    if saves.saves.is_empty() {
        ui.label("No saves yet. The game autosaves after every week; Save in the menu keeps a named copy.");
        return;
    }
    let t = now();
    egui::ScrollArea::vertical()
        .max_height(420.0)
        .show(ui, |ui| {
            for listed in &saves.saves {
                let file = listed
                    .path
                    .file_name()
                    .map(|f| f.to_string_lossy().into_owned())
                    .unwrap_or_default();
                egui::Frame::new()
                    .inner_margin(6)
                    .corner_radius(4.0)
                    .fill(egui::Color32::from_rgb(0x2A, 0x30, 0x3A))
                    .show(ui, |ui| {
                        ui.set_width(ui.available_width());
                        match &listed.save {
                            Ok(s) => {
                                let entry = SaveEntry::of(s, t);
                                // The button on the name's line, the words below it wrapped
                                // to the full width: "6 min ago" was cut by the button.
                                ui.horizontal(|ui| {
                                    ui.label(RichText::new(&entry.name).strong());
                                    ui.with_layout(
                                        egui::Layout::right_to_left(egui::Align::Center),
                                        |ui| {
                                            if ui.button("Load").clicked() {
                                                intents.write(Intent::Load(listed.path.clone()));
                                            }
                                            ui.label(
                                                RichText::new(&entry.when)
                                                    .small()
                                                    .color(palette.muted),
                                            );
                                        },
                                    );
                                });
                                ui.add(
                                    egui::Label::new(RichText::new(&entry.facts).small()).wrap(),
                                );
                                if let Some(origin) = &entry.origin {
                                    ui.add(
                                        egui::Label::new(
                                            RichText::new(origin).small().color(palette.selected),
                                        )
                                        .wrap(),
                                    );
                                }
                            }
                            Err(e) => {
                                ui.label(RichText::new(&file).strong());
                                ui.add(
                                    egui::Label::new(
                                        RichText::new(format!("Cannot be loaded: {e}"))
                                            .small()
                                            .color(palette.bad),
                                    )
                                    .wrap(),
                                );
                            }
                        }
                    });
                ui.add_space(3.0);
            }
        });
}

fn help(ui: &mut egui::Ui) {
    egui::Grid::new("keys")
        .num_columns(2)
        .spacing([16.0, 4.0])
        .show(ui, |ui| {
            for (k, what) in [
                (
                    "Title: Up Down Enter",
                    "choose a scenario and read its briefing",
                ),
                (
                    "Title: C / L / O / R / Q",
                    "continue, load, settings, rescan, quit",
                ),
                ("Title: A", "author view: errors, lesson check, bot spreads"),
                ("Author view: R / Enter / Esc", "check again / play / back"),
                ("Title: W", "join a workshop with a code and a team name"),
                ("Title: N", "write a new scenario file to edit"),
                ("Briefing: Enter / Esc", "start / back"),
                ("Play: Enter or Space", "end the week"),
                ("Play: Ctrl+Z or U", "undo the last week"),
                ("Play: Ctrl+S", "save under a name"),
                ("Play: Backspace", "remove the last planned action"),
                (
                    "Play: 1–9, 0, letters",
                    "plan the action shown with that key",
                ),
                (
                    "Play: Left/Right, Up/Down, PgUp/PgDn",
                    "select a person, a backlog item, a customer segment",
                ),
                ("Play: Esc", "pause menu and settings"),
                ("Event: 1–5 / Enter", "pick a choice / take the first"),
                ("Debrief: R / N / Esc", "play again / next scenario / title"),
                ("Tab, Space", "move between and press any button"),
                ("F1", "this help"),
            ] {
                ui.label(RichText::new(k).monospace());
                ui.label(what);
                ui.end_row();
            }
        });
    ui.separator();
    ui.add(egui::Label::new(
        "Actions that need a target use the selected person, backlog item or customer segment: click one to select it. \
         A greyed action says why it can't be taken when you hover it. Hover any number for what drives it.",
    ).wrap());
}
