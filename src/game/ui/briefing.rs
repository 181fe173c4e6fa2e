//! The briefing: the scenario's story, goals and length before the first week.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui::RichText;

use super::theme::{self, Palette};
use super::{Intents, back_to_scenarios, keys_free, notice, pressed, root};
use crate::app::view::BriefingView;
use crate::app::view::briefing::TRACKED;
use crate::app::{Intent, Session};
use crate::game::screens::Overlay;
use crate::game::settings::Settings;

pub(super) fn draw(
    mut contexts: EguiContexts,
    mut intents: Intents,
    overlay: Res<Overlay>,
    session: Res<Session>,
    settings: Res<Settings>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let palette = Palette::of(&settings);
    let Some(run) = session.run.as_ref() else {
        return Ok(());
    };
    if keys_free(&ctx, *overlay) {
        if pressed(&ctx, egui::Key::Enter) || pressed(&ctx, egui::Key::Space) {
            intents.write(Intent::Begin);
        }
        if pressed(&ctx, egui::Key::Escape) {
            intents.write(Intent::ToTitle);
        }
    }
    let view = BriefingView::of(run);
    let mut root = root(&ctx);
    egui::Panel::bottom("briefing_buttons")
        .exact_size(64.0)
        .show(&mut root, |ui| {
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if ui
                    .add(
                        egui::Button::new(RichText::new(view.begin).size(18.0))
                            .min_size(egui::vec2(180.0, 36.0)),
                    )
                    .on_hover_text("[Enter]")
                    .clicked()
                {
                    intents.write(Intent::Begin);
                }
                back_to_scenarios(ui, &mut intents);
                notice(ui, session.notice.as_ref(), &palette);
            });
        });
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical()
            .id_salt(super::scroll_id(run, "briefing"))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let width = ui.available_width().min(820.0);
                let pad = ((ui.available_width() - width) / 2.0).max(0.0);
                ui.horizontal(|ui| {
                    ui.add_space(pad);
                    ui.vertical(|ui| {
                        ui.set_width(width);
                        story(ui, &view, &palette);
                    });
                });
            });
    });
    Ok(())
}

/// The briefing's column: the story, its facts, the goals and how a week works.
fn story(ui: &mut egui::Ui, view: &BriefingView, palette: &Palette) {
    ui.add_space(24.0);
    ui.label(theme::title(&view.title));
    ui.add(egui::Label::new(RichText::new(&view.pitch).size(18.0).italics()).wrap());
    ui.add_space(6.0);
    ui.label(RichText::new(&view.facts).color(palette.muted));
    if let Some(workshop) = &view.workshop {
        ui.label(RichText::new(workshop).color(palette.value).strong());
    }
    ui.add_space(16.0);
    for para in &view.intro {
        ui.add(egui::Label::new(RichText::new(para).size(16.0)).wrap());
        ui.add_space(6.0);
    }
    if !view.goals.is_empty() {
        ui.add_space(10.0);
        ui.heading("Your goals");
        for (goal, tracked) in &view.goals {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("•").color(palette.value));
                ui.add(egui::Label::new(goal).wrap());
                if *tracked {
                    ui.label(RichText::new(TRACKED).small().color(palette.muted));
                }
            });
        }
    }
    ui.add_space(10.0);
    ui.heading("How a week works");
    ui.add(egui::Label::new(view.how).wrap());
}
