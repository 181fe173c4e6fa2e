//! The money strip at the top of the centre: the budget and its runway in large type, what a
//! week costs and brings in beside them, and what moved the budget last week.

use bevy_egui::egui::{self, RichText};

use super::Frame;
use crate::app::view::play::MoneyView;
use crate::game::ui::theme;

pub(super) fn strip(ui: &mut egui::Ui, f: &Frame, money: &MoneyView) {
    let palette = f.palette;
    theme::card(false, palette.selected)
        .inner_margin(egui::Margin::same(6))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                // In the text's own colour: the runway's beside it is the one that warns.
                ui.label(RichText::new(&money.budget).size(18.0).strong());
                ui.label(
                    RichText::new(&money.runway)
                        .size(18.0)
                        .strong()
                        .color(palette.tone(money.tone)),
                );
                ui.label(RichText::new(&money.net).strong());
            });
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(&money.salaries).small());
                ui.label(RichText::new("·").small().color(palette.muted));
                ui.label(RichText::new(&money.income).small());
            });
            if let Some(alert) = money.alert {
                ui.add(
                    egui::Label::new(RichText::new(alert).small().color(palette.tone(money.tone)))
                        .wrap(),
                );
            }
            for line in &money.moved {
                ui.add(egui::Label::new(RichText::new(line).small().color(palette.muted)).wrap());
            }
        })
        .response
        .on_hover_text(&money.tip);
    ui.add_space(4.0);
}
