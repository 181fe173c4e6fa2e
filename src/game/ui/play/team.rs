//! The team panel: a card a person, with their bars, the flight-risk warning and, on hover,
//! what their week's output is the product of.

use bevy_egui::egui::{self, RichText};

use super::{Asked, Frame};
use crate::app::view::PlayView;
use crate::app::view::play::PersonRow;
use crate::app::{Intent, Pick};
use crate::game::ui::{scroll_id, theme};

pub(super) fn panel(ui: &mut egui::Ui, f: &Frame, view: &PlayView, asked: &mut Asked) {
    let palette = f.palette;
    ui.add_space(4.0);
    ui.heading("Team");
    ui.label(
        RichText::new("Click a person to aim person actions at them.")
            .small()
            .color(palette.muted),
    );
    egui::ScrollArea::vertical()
        .id_salt(scroll_id(f.run, "team"))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for p in &view.team {
                if card(ui, f, p).clicked() {
                    asked.write(Intent::Select(Pick::Person(p.id.clone())));
                }
                ui.add_space(4.0);
            }
            for gone in &view.departed {
                ui.label(RichText::new(gone).small().color(palette.muted));
            }
        });
}

/// A person's card; the response says whether it was clicked.
fn card(ui: &mut egui::Ui, f: &Frame, p: &PersonRow) -> egui::Response {
    let palette = f.palette;
    let colours = [
        palette.output,
        palette.good,
        palette.families[0],
        palette.value,
    ];
    theme::card(p.picked, palette.selected)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                ui.label(RichText::new(&p.name).strong());
                ui.label(RichText::new(p.role).small().color(palette.muted));
                if p.picked {
                    ui.label(RichText::new("(target)").small().color(palette.selected));
                }
            });
            if !p.traits.is_empty() {
                ui.label(
                    RichText::new(&p.traits)
                        .small()
                        .italics()
                        .color(palette.muted),
                );
            }
            if let Some((arc, tone)) = &p.arc {
                ui.label(RichText::new(arc).small().color(palette.tone(*tone)));
            }
            for (bar, colour) in p.bars.iter().zip(colours) {
                theme::bar(ui, bar.label, bar.share, colour);
            }
            if let Some(risk) = &p.flight_risk {
                ui.label(RichText::new(format!("(!) {risk}")).color(palette.bad));
            }
            if let Some(booked) = &p.booked {
                ui.label(RichText::new(booked).small().color(palette.muted));
            }
        })
        .response
        .interact(egui::Sense::click())
        .on_hover_ui(|ui| details(ui, f, p))
}

/// A person's stats and what their output is the product of.
fn details(ui: &mut egui::Ui, f: &Frame, p: &PersonRow) {
    ui.label(RichText::new(format!("{} — {}", p.name, p.role)).strong());
    for says in &p.traits_say {
        ui.label(RichText::new(says).small());
    }
    egui::Grid::new(("stats", &p.id))
        .num_columns(2)
        .show(ui, |ui| {
            for (name, value) in &p.stats {
                ui.label(*name);
                ui.label(value);
                ui.end_row();
            }
        });
    ui.separator();
    ui.label("Weekly output = product of:");
    egui::Grid::new(("factors", &p.id))
        .num_columns(2)
        .show(ui, |ui| {
            for (name, value) in &p.factors {
                ui.label(*name);
                ui.label(value);
                ui.end_row();
            }
            ui.label(RichText::new("= factor").strong());
            ui.label(RichText::new(&p.factor).strong());
            ui.end_row();
        });
    if p.flight_risk.is_some() {
        ui.label(
            RichText::new(
                "Flight risk rises while morale is low; one-to-ones and autonomy bring it down.",
            )
            .color(f.palette.bad),
        );
    }
}
