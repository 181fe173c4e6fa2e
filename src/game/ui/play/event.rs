//! The pending event's window. While it is open, the number keys answer it and nothing else;
//! Enter takes the first answer, as the help and the README say.

use bevy_egui::egui::{self, RichText};

use super::{Asked, Frame};
use crate::app::Intent;
use crate::app::view::play::EventView;
use crate::game::ui::{pressed, theme};

/// Seconds an event's window is shown before Enter answers it: a second Enter pressed with
/// the one that ended the week must not answer an event the player has not read.
const ENTER_AFTER: f64 = 0.6;

pub(super) fn modal(ctx: &egui::Context, f: &Frame, event: &EventView, asked: &mut Asked) {
    let palette = f.palette;
    // The Enter that ended the week opens this window: only a press once it has been seen
    // answers it.
    let now = ctx.input(|i| i.time);
    let seen = f.flow_started.is_none_or(|t| now - t >= ENTER_AFTER);
    if seen && !event.choices.is_empty() && pressed(ctx, egui::Key::Enter) {
        asked.write(Intent::Decide(0));
        asked.decided = true;
    }
    for (i, key) in [
        egui::Key::Num1,
        egui::Key::Num2,
        egui::Key::Num3,
        egui::Key::Num4,
        egui::Key::Num5,
    ]
    .into_iter()
    .enumerate()
    {
        if i < event.choices.len() && pressed(ctx, key) {
            asked.write(Intent::Decide(i));
            asked.decided = true;
        }
    }
    egui::Modal::new(egui::Id::new("event")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.label(RichText::new(&event.when).small().color(palette.muted));
        ui.label(RichText::new(&event.title).size(24.0).strong());
        ui.add_space(6.0);
        ui.add(egui::Label::new(RichText::new(theme::drawable(&event.text)).size(16.0)).wrap());
        ui.add_space(10.0);
        for (i, c) in event.choices.iter().enumerate() {
            if ui
                .add(
                    egui::Button::new(RichText::new(&c.label).size(16.0))
                        .min_size(egui::vec2(ui.available_width(), 32.0)),
                )
                .on_hover_text(if i == 0 {
                    "[1 or Enter]".to_string()
                } else {
                    format!("[{}]", i + 1)
                })
                .clicked()
            {
                asked.write(Intent::Decide(i));
                asked.decided = true;
            }
            let hint = theme::drawable(&c.hint);
            ui.add(egui::Label::new(RichText::new(hint).small().color(palette.muted)).wrap());
            for preview in [&c.preview, &c.later].into_iter().flatten() {
                ui.add(
                    egui::Label::new(
                        RichText::new(theme::drawable(preview))
                            .small()
                            .color(palette.muted),
                    )
                    .wrap(),
                );
            }
            ui.add_space(6.0);
        }
        if let Some(estimate) = &event.estimate {
            ui.add(
                egui::Label::new(
                    RichText::new(theme::drawable(estimate))
                        .small()
                        .italics()
                        .color(palette.muted),
                )
                .wrap(),
            );
        }
    });
}
