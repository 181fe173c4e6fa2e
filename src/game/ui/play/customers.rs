//! The customers: focus, reach and debt, then a card a segment.

use bevy_egui::egui::{self, RichText};

use super::{Asked, Frame};
use crate::app::view::play::CustomersView;
use crate::app::{Intent, Pick};
use crate::game::ui::theme;

pub(super) fn panel(ui: &mut egui::Ui, f: &Frame, customers: &CustomersView, asked: &mut Asked) {
    let palette = f.palette;
    ui.label(RichText::new("Customers").size(18.0).strong())
        .on_hover_text("Customer segments: adoption (who uses the product), satisfaction, revenue. Click one to aim segment actions at it.");
    ui.label(
        RichText::new(&customers.summary)
            .small()
            .color(palette.muted),
    )
    .on_hover_text(customers.summary_tip);
    for seg in &customers.rows {
        let resp = theme::card(seg.picked, palette.selected)
            .inner_margin(egui::Margin::same(6))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.add(egui::Label::new(RichText::new(&seg.name).strong()).wrap());
                ui.label(RichText::new(&seg.revenue).small().color(palette.value));
                let [adoption, satisfied] = &seg.bars;
                theme::bar(ui, adoption.label, adoption.share, palette.value);
                theme::bar(ui, satisfied.label, satisfied.share, palette.good);
            })
            .response
            .interact(egui::Sense::click())
            .on_hover_text(&seg.detail);
        if resp.clicked() {
            asked.write(Intent::Select(Pick::Segment(seg.id.clone())));
        }
        ui.add_space(3.0);
    }
}
