//! The play screen's top bar: the run's title and week, the hours left, the workshop's clock,
//! the room, the scores and the buttons.

use bevy_egui::egui::{self, Color32, RichText};

use super::{Asked, Frame};
use crate::app::Intent;
use crate::app::view::play::{Header, PlanView, Score};
use crate::game::screens::Overlay;
use crate::game::ui::theme::{self, Palette};

pub(super) fn top_bar(
    root: &mut egui::Ui,
    f: &Frame,
    h: &Header,
    plan: &PlanView,
    asked: &mut Asked,
) {
    egui::Panel::top("hud").exact_size(58.0).show(root, |ui| {
        ui.add_space(6.0);
        // The buttons are laid out first, from the right, so they always fit; the figures
        // take the space left and shorten their labels rather than run under the buttons.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            buttons(ui, plan, asked);
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.set_clip_rect(ui.max_rect());
                figures(ui, f.palette, h);
            });
        });
    });
}

/// End week, Menu, Save and Undo, right to left.
fn buttons(ui: &mut egui::Ui, plan: &PlanView, asked: &mut Asked) {
    let end = ui
        .add_enabled(
            plan.end.is_enabled(),
            egui::Button::new(
                RichText::new(format!("{} ▶", plan.end.label))
                    .size(17.0)
                    .strong(),
            )
            .fill(Color32::from_rgb(0x2E, 0x5C, 0x8A))
            .min_size(egui::vec2(120.0, 36.0)),
        )
        .on_hover_text("Play the week with this plan  [Enter / Space]")
        .on_disabled_hover_text(plan.end.blocked.as_deref().unwrap_or_default());
    if end.clicked() {
        asked.write(Intent::EndWeek);
    }
    if ui
        .button("Menu")
        .on_hover_text("Pause, settings, load, quit  [Esc]")
        .clicked()
    {
        asked.overlay = Some(Overlay::Settings);
    }
    if ui
        .button("Save")
        .on_hover_text("Save under a name  [Ctrl+S]")
        .clicked()
    {
        asked.overlay = Some(Overlay::Save);
    }
    if ui
        .add_enabled(plan.undo.is_enabled(), egui::Button::new(&plan.undo.label))
        .on_hover_text("Take back the last week  [Ctrl+Z or U]")
        .on_disabled_hover_text(plan.undo.blocked.as_deref().unwrap_or_default())
        .clicked()
    {
        asked.write(Intent::Undo);
    }
}

/// The title and week, the hours, the clock, the room and the scores, left to right.
fn figures(ui: &mut egui::Ui, palette: &Palette, h: &Header) {
    ui.vertical(|ui| {
        ui.set_max_width((ui.available_width() * 0.3).clamp(140.0, 300.0));
        ui.add(egui::Label::new(RichText::new(&h.title).strong()).truncate());
        ui.label(RichText::new(&h.week).size(18.0));
    });
    ui.separator();
    ui.vertical(|ui| {
        ui.label(&h.hours_left).on_hover_text(
            "Your attention: hours you can still plan this week. Every action costs hours.",
        );
        ui.add(
            egui::ProgressBar::new(h.hours_used as f32)
                .desired_width(120.0)
                .desired_height(10.0),
        );
    });
    if let Some(c) = &h.countdown {
        ui.separator();
        let colour = if c.urgent { palette.bad } else { palette.value };
        ui.vertical(|ui| {
            ui.label(RichText::new(format!("{} left", c.text)).size(18.0).strong().color(colour))
                .on_hover_text("The workshop's week timer: at zero the week ends with the plan as it stands, and an open event takes its first answer.");
            if let Some(team) = &h.team {
                ui.add(egui::Label::new(RichText::new(team).small().color(palette.muted)).truncate());
            }
        });
    }
    if let Some(room) = &h.room {
        ui.separator();
        ui.vertical(|ui| {
            ui.label(
                RichText::new(&room.text)
                    .strong()
                    .color(palette.tone(room.tone)),
            )
            .on_hover_text(&room.tip);
            if let Some(week) = &room.week {
                ui.label(RichText::new(week).small().color(palette.muted));
            }
        });
    }
    ui.separator();
    score(ui, &h.output, palette.output);
    ui.separator();
    score(ui, &h.value, palette.value);
}

/// A score: its name and this week's figure, the run's total under it.
fn score(ui: &mut egui::Ui, s: &Score, colour: Color32) {
    let why = format!(
        "{}\nTop: this week. Below: the whole run so far.",
        theme::drawable(&s.why)
    );
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(s.name).color(colour).strong());
            ui.label(RichText::new(&s.week).strong());
        })
        .response
        .on_hover_text(&why);
        ui.label(format!("{} total", s.total)).on_hover_text(&why);
    });
}
