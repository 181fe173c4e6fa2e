//! The title screen: scenarios (built-in and the player's), continue, load, settings, quit.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui::RichText;

use super::theme::{self, Palette};
use super::{Intents, UiState, keys_free, loading, notice, pressed, root};
use crate::app::save::SaveFile;
use crate::app::view::title::{ScenarioCard, resumes};
use crate::app::{Catalog, Entry};
use crate::app::{Intent, Session};
use crate::game::saves::{Listing, SaveList};
use crate::game::scenarios::Scanning;
use crate::game::screens::Overlay;
use crate::game::settings::Settings;
use crate::storage::DataDir;

// A Bevy system: its parameters are the resources it reads, which Bevy passes by name.
#[allow(clippy::too_many_arguments)]
pub(super) fn draw(
    mut contexts: EguiContexts,
    mut intents: Intents,
    mut ui_state: ResMut<UiState>,
    mut overlay: ResMut<Overlay>,
    catalog: Res<Catalog>,
    scanning: Res<Scanning>,
    saves: Res<SaveList>,
    listing: Res<Listing>,
    session: Res<Session>,
    settings: Res<Settings>,
    data: Res<DataDir>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let palette = Palette::of(&settings);
    let n = catalog.entries.len().max(1);
    ui_state.cursor = ui_state.cursor.min(n - 1);
    let autosave = saves.autosave().and_then(|s| s.save.as_ref().ok());
    // Before the first read of the saves folder, there is no knowing whether to continue.
    let looking = listing.busy() && saves.saves.is_empty();

    // Scroll to the cursor only when the keys move it: scrolling every frame would keep
    // egui animating and the window redrawing while idle.
    let moved = keys_free(&ctx, *overlay)
        && keys(
            &ctx,
            &catalog,
            autosave.is_some(),
            &mut ui_state,
            &mut overlay,
            &mut intents,
        );
    let mut root = root(&ctx);
    egui::Panel::left("title_menu")
        .exact_size(330.0)
        .show(&mut root, |ui| {
            let menu = Menu {
                autosave,
                looking,
                palette: &palette,
                settings: &settings,
            };
            menu.draw(ui, &mut overlay, &mut intents);
            notice(ui, session.notice.as_ref(), &palette);
            folder(ui, &catalog, &data, &palette, &mut overlay, &mut intents);
        });
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.add_space(20.0);
        ui.heading("Choose a scenario");
        ui.label(
            RichText::new("Up/Down to move, Enter to read the briefing (or click one), A for the author view.")
                .color(palette.muted),
        );
        // The built-ins are listed at once; the player's own files follow when they are read.
        if let Some(what) = scanning.what() {
            loading::line(ui, what, &settings);
        }
        ui.add_space(8.0);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (i, entry) in catalog.entries.iter().enumerate() {
                    let selected = i == ui_state.cursor;
                    let response = card(ui, entry, selected, &palette, &mut intents);
                    if selected && moved {
                        response.scroll_to_me(None);
                    }
                    if response.clicked() {
                        ui_state.cursor = i;
                        intents.write(Intent::Choose {
                            source: entry.source.clone(),
                            seed: None,
                        });
                    }
                    if response.hovered() {
                        ui_state.cursor = i;
                    }
                    ui.add_space(4.0);
                }
            });
    });
    Ok(())
}

/// The title screen's keys; whether they moved the cursor (the list then scrolls to it).
fn keys(
    ctx: &egui::Context,
    catalog: &Catalog,
    can_continue: bool,
    ui_state: &mut UiState,
    overlay: &mut Overlay,
    intents: &mut Intents,
) -> bool {
    let n = catalog.entries.len().max(1);
    let mut moved = false;
    if pressed(ctx, egui::Key::ArrowDown) {
        ui_state.cursor = (ui_state.cursor + 1) % n;
        moved = true;
    }
    if pressed(ctx, egui::Key::ArrowUp) {
        ui_state.cursor = (ui_state.cursor + n - 1) % n;
        moved = true;
    }
    let entry = catalog.entries.get(ui_state.cursor);
    if pressed(ctx, egui::Key::Enter)
        && let Some(e) = entry
    {
        intents.write(Intent::Choose {
            source: e.source.clone(),
            seed: None,
        });
    }
    if pressed(ctx, egui::Key::A)
        && let Some(e) = entry
    {
        intents.write(Intent::Author(e.source.clone()));
    }
    if pressed(ctx, egui::Key::C) && can_continue {
        intents.write(Intent::Continue);
    }
    for (key, opens) in [
        (egui::Key::N, Overlay::NewScenario),
        (egui::Key::W, Overlay::Workshop),
        (egui::Key::L, Overlay::Load),
        (egui::Key::O, Overlay::Settings),
        (egui::Key::F1, Overlay::Help),
    ] {
        if pressed(ctx, key) {
            *overlay = opens;
        }
    }
    if pressed(ctx, egui::Key::R) {
        intents.write(Intent::Rescan);
    }
    if pressed(ctx, egui::Key::Q) {
        intents.write(Intent::Quit);
    }
    moved
}

/// The menu on the left: the game's name, Continue and what it resumes, and the buttons.
struct Menu<'a> {
    autosave: Option<&'a SaveFile>,
    looking: bool,
    palette: &'a Palette,
    settings: &'a Settings,
}

impl Menu<'_> {
    fn draw(&self, ui: &mut egui::Ui, overlay: &mut Overlay, intents: &mut Intents) {
        ui.add_space(28.0);
        ui.label(theme::title("Multiplier"));
        ui.add(
            egui::Label::new(
                RichText::new(
                    "Leadership multiplies what your team produces.\nManagement turns it into value.",
                )
                .color(self.palette.muted),
            )
            .wrap(),
        );
        ui.add_space(24.0);
        let wide = egui::vec2(ui.available_width() - 8.0, 34.0);
        let cont = ui
            .add_enabled(
                self.autosave.is_some(),
                egui::Button::new("Continue").min_size(wide),
            )
            .on_hover_text("Resume the autosaved run  [C]")
            .on_disabled_hover_text(if self.looking {
                "Looking for the autosave…"
            } else {
                "No autosave yet: start a scenario"
            });
        if cont.clicked() {
            intents.write(Intent::Continue);
        }
        if self.looking {
            loading::line(ui, "Looking for your saves…", self.settings);
        }
        if let Some(s) = self.autosave {
            ui.label(RichText::new(resumes(s)).small().color(self.palette.muted));
        }
        ui.add_space(6.0);
        let overlays = [
            (
                "Load a save…",
                "Named saves and the autosave, newest first  [L]",
                Overlay::Load,
            ),
            (
                "Join a workshop…",
                "Play the world your facilitator's code names, as a team  [W]",
                Overlay::Workshop,
            ),
            (
                "Settings",
                "Interface scale, window, motion, colours  [O]",
                Overlay::Settings,
            ),
            ("Keys and help", "[F1]", Overlay::Help),
        ];
        for (label, tip, opens) in overlays {
            if ui
                .add(egui::Button::new(label).min_size(wide))
                .on_hover_text(tip)
                .clicked()
            {
                *overlay = opens;
            }
        }
        if ui
            .add(egui::Button::new("Quit").min_size(wide))
            .on_hover_text("[Q]")
            .clicked()
        {
            intents.write(Intent::Quit);
        }
        ui.add_space(12.0);
    }
}

/// The foot of the menu: a new scenario, reading the folder again, and where the folder is.
fn folder(
    ui: &mut egui::Ui,
    catalog: &Catalog,
    data: &DataDir,
    palette: &Palette,
    overlay: &mut Overlay,
    intents: &mut Intents,
) {
    ui.with_layout(egui::Layout::bottom_up(egui::Align::Min), |ui| {
        ui.add_space(8.0);
        if ui
            .small_button("New scenario…")
            .on_hover_text("A commented starter file to edit  [N]")
            .clicked()
        {
            *overlay = Overlay::NewScenario;
        }
        if ui
            .small_button("Rescan folder")
            .on_hover_text("Read the scenario folder and saves again  [R]")
            .clicked()
        {
            intents.write(Intent::Rescan);
        }
        ui.add(
            egui::Label::new(
                RichText::new(format!(
                    "Your own scenarios (.ron) go in\n{}",
                    data.scenarios().display()
                ))
                .small()
                .color(palette.muted),
            )
            .wrap(),
        );
        if let Some(e) = &catalog.folder_error {
            ui.label(RichText::new(e).small().color(palette.bad));
        }
    });
}

/// A scenario's card; the response senses clicks beneath its contents, so its own button
/// (the author view) takes its own (a card that sensed them on top swallowed them).
fn card(
    ui: &mut egui::Ui,
    entry: &Entry,
    selected: bool,
    palette: &Palette,
    intents: &mut Intents,
) -> egui::Response {
    let view = ScenarioCard::of(entry);
    let sense = egui::UiBuilder::new().sense(egui::Sense::click());
    ui.scope_builder(sense, |ui| {
        // Its text is not selectable, or a click on it would select text rather than open
        // the briefing.
        ui.style_mut().interaction.selectable_labels = false;
        theme::card(selected, palette.selected).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new(&view.title).size(18.0).strong());
                if view.own {
                    ui.label(RichText::new("your file").small().color(palette.muted));
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .small_button("Author view")
                        .on_hover_text("Errors, lesson check and bot spreads  [A]")
                        .clicked()
                    {
                        intents.write(Intent::Author(entry.source.clone()));
                    }
                });
            });
            if let Some(pitch) = &view.pitch {
                ui.add(egui::Label::new(pitch).wrap());
            }
            let facts = RichText::new(&view.facts);
            if view.broken {
                ui.add(egui::Label::new(facts.color(palette.bad)).wrap());
            } else {
                ui.label(facts.small().color(palette.muted));
            }
        })
    })
    .response
}
