//! The loading window: while a run is being made in the background (a save loaded, a
//! workshop joined, a reloaded scenario replayed, the bots played for the debrief) it covers
//! the screen, which keeps drawing but takes no input.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui::RichText;

use super::theme::Palette;
use crate::game::session::Reloading;
use crate::game::session::{Comparing, Loading, waiting_for};
use crate::game::settings::Settings;

pub(super) fn draw(
    mut contexts: EguiContexts,
    loading: Res<Loading>,
    comparing: Res<Comparing>,
    reloading: Option<Res<Reloading>>,
    settings: Res<Settings>,
) -> Result {
    let Some(what) = waiting_for(&loading, &comparing, reloading.as_deref()) else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?.clone();
    let palette = Palette::of(&settings);
    egui::Modal::new(egui::Id::new("loading")).show(&ctx, |ui| {
        ui.set_width(480.0_f32.min(ctx.content_rect().width() - 80.0));
        ui.horizontal(|ui| {
            spinner(ui, &settings, 22.0);
            ui.label(RichText::new(what).size(18.0).strong());
        });
        ui.label(
            RichText::new("A long run or a large scenario takes a moment; the game waits for it.")
                .color(palette.muted),
        );
    });
    Ok(())
}

/// A spinner and a muted line, for a list still being read.
pub(super) fn line(ui: &mut egui::Ui, what: &str, settings: &Settings) {
    let palette = Palette::of(settings);
    ui.horizontal(|ui| {
        spinner(ui, settings, 14.0);
        ui.label(RichText::new(what).color(palette.muted));
    });
}

/// A spinner, unless the player asked for no movement (the text says it all then).
fn spinner(ui: &mut egui::Ui, settings: &Settings, size: f32) {
    if !settings.reduced_motion {
        ui.add(egui::Spinner::new().size(size));
    }
}
