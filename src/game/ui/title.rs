//! The title screen: scenarios (built-in and the player's), continue, load, settings, quit.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui::RichText;

use super::theme::{self, Palette};
use super::{Intents, UiState, keys_free, loading, notice, pressed, root};
use crate::app::{Catalog, Intent, Session, Source};
use crate::game::saves::{Listing, SaveList};
use crate::game::scenarios::Scanning;
use crate::game::screens::Overlay;
use crate::game::settings::Settings;
use crate::storage::DataDir;
use crate::text;

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
    let mut moved = false;
    if keys_free(&ctx, *overlay) {
        if pressed(&ctx, egui::Key::ArrowDown) {
            ui_state.cursor = (ui_state.cursor + 1) % n;
            moved = true;
        }
        if pressed(&ctx, egui::Key::ArrowUp) {
            ui_state.cursor = (ui_state.cursor + n - 1) % n;
            moved = true;
        }
        if pressed(&ctx, egui::Key::Enter)
            && let Some(e) = catalog.entries.get(ui_state.cursor)
        {
            intents.write(Intent::Choose {
                source: e.source.clone(),
                seed: None,
            });
        }
        if pressed(&ctx, egui::Key::N) {
            *overlay = Overlay::NewScenario;
        }
        if pressed(&ctx, egui::Key::W) {
            *overlay = Overlay::Workshop;
        }
        if pressed(&ctx, egui::Key::A)
            && let Some(e) = catalog.entries.get(ui_state.cursor)
        {
            intents.write(Intent::Author(e.source.clone()));
        }
        if pressed(&ctx, egui::Key::C) && autosave.is_some() {
            intents.write(Intent::Continue);
        }
        if pressed(&ctx, egui::Key::L) {
            *overlay = Overlay::Load;
        }
        if pressed(&ctx, egui::Key::O) {
            *overlay = Overlay::Settings;
        }
        if pressed(&ctx, egui::Key::R) {
            intents.write(Intent::Rescan);
        }
        if pressed(&ctx, egui::Key::F1) {
            *overlay = Overlay::Help;
        }
        if pressed(&ctx, egui::Key::Q) {
            intents.write(Intent::Quit);
        }
    }

    let mut root = root(&ctx);
    egui::Panel::left("title_menu")
        .exact_size(330.0)
        .show(&mut root, |ui| {
            ui.add_space(28.0);
            ui.label(theme::title("Multiplier"));
            ui.add(
                egui::Label::new(
                    RichText::new(
                        "Leadership multiplies what your team produces.\nManagement turns it into value.",
                    )
                    .color(palette.muted),
                )
                .wrap(),
            );
            ui.add_space(24.0);
            let wide = egui::vec2(ui.available_width() - 8.0, 34.0);
            let cont = ui
                .add_enabled(autosave.is_some(), egui::Button::new("Continue").min_size(wide))
                .on_hover_text("Resume the autosaved run  [C]")
                .on_disabled_hover_text(if looking {
                    "Looking for the autosave…"
                } else {
                    "No autosave yet: start a scenario"
                });
            if cont.clicked() {
                intents.write(Intent::Continue);
            }
            if looking {
                loading::line(ui, "Looking for your saves…", &settings);
            }
            if let Some(s) = autosave {
                ui.label(
                    RichText::new(format!(
                        "{} · {} · Output {} · Value {}",
                        s.title,
                        s.progress(),
                        text::num(s.output),
                        text::num(s.value)
                    ))
                    .small()
                    .color(palette.muted),
                );
            }
            ui.add_space(6.0);
            if ui
                .add(egui::Button::new("Load a save…").min_size(wide))
                .on_hover_text("Named saves and the autosave, newest first  [L]")
                .clicked()
            {
                *overlay = Overlay::Load;
            }
            if ui
                .add(egui::Button::new("Join a workshop…").min_size(wide))
                .on_hover_text("Play the world your facilitator's code names, as a team  [W]")
                .clicked()
            {
                *overlay = Overlay::Workshop;
            }
            if ui
                .add(egui::Button::new("Settings").min_size(wide))
                .on_hover_text("Interface scale, window, motion, colours  [O]")
                .clicked()
            {
                *overlay = Overlay::Settings;
            }
            if ui
                .add(egui::Button::new("Keys and help").min_size(wide))
                .on_hover_text("[F1]")
                .clicked()
            {
                *overlay = Overlay::Help;
            }
            if ui
                .add(egui::Button::new("Quit").min_size(wide))
                .on_hover_text("[Q]")
                .clicked()
            {
                intents.write(Intent::Quit);
            }
            ui.add_space(12.0);
            notice(ui, session.notice.as_ref(), &palette);
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
                    // The card senses clicks beneath its contents, so its own buttons (the
                    // author view) take theirs; a card that sensed them on top swallowed them.
                    let card = egui::UiBuilder::new().sense(egui::Sense::click());
                    let response = ui.scope_builder(card, |ui| {
                        // Its text is not selectable, or a click on it would select text
                        // rather than open the briefing.
                        ui.style_mut().interaction.selectable_labels = false;
                        theme::card(selected, palette.selected).show(ui, |ui| {
                            ui.set_width(ui.available_width());
                            ui.horizontal(|ui| {
                                ui.label(RichText::new(entry.title()).size(18.0).strong());
                                if let Source::File(_) = entry.source {
                                    ui.label(
                                        RichText::new("your file").small().color(palette.muted),
                                    );
                                }
                                ui.with_layout(
                                    egui::Layout::right_to_left(egui::Align::Center),
                                    |ui| {
                                        if ui
                                            .small_button("Author view")
                                            .on_hover_text(
                                                "Errors, lesson check and bot spreads  [A]",
                                            )
                                            .clicked()
                                        {
                                            intents.write(Intent::Author(entry.source.clone()));
                                        }
                                    },
                                );
                            });
                            match &entry.scenario {
                                Ok(s) => {
                                    ui.add(egui::Label::new(&s.story.pitch).wrap());
                                    ui.label(
                                        RichText::new(format!(
                                            "{} · {} · {}",
                                            text::count(s.weeks as usize, "week"),
                                            text::count_as(s.people.len(), "person", "people"),
                                            text::count(s.segments.len(), "customer segment")
                                        ))
                                        .small()
                                        .color(palette.muted),
                                    );
                                }
                                Err(e) => {
                                    ui.add(
                                        egui::Label::new(
                                            RichText::new(format!("Cannot be played: {e}"))
                                                .color(palette.bad),
                                        )
                                        .wrap(),
                                    );
                                }
                            }
                        })
                    })
                    .response;
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
