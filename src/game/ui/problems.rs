//! The reload overlay: errors in a scenario file the player or author just saved, shown over
//! any screen until the file is fixed, while the last good version stays in use.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui::RichText;

use super::theme::Palette;
use crate::app::Screen;
use crate::game::live::Problems;
use crate::game::settings::Settings;

pub(super) fn draw(
    mut contexts: EguiContexts,
    problems: Res<Problems>,
    settings: Res<Settings>,
    screen: Res<State<Screen>>,
) -> Result {
    // The author view lists the same errors in its page.
    if problems.files.is_empty() || *screen.get() == Screen::Author {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?.clone();
    let palette = Palette::of(&settings);
    let area = ctx.content_rect();
    egui::Window::new(
        RichText::new("A scenario file has errors")
            .color(palette.bad)
            .strong(),
    )
    .id(egui::Id::new("reload_problems"))
    .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -12.0))
    .default_width((area.width() * 0.55).min(720.0))
    .max_height(area.height() * 0.5)
    .collapsible(true)
    .resizable(false)
    .show(&ctx, |ui| {
        ui.label(
            RichText::new(
                "The last good version stays in use. Fix the file and save: this closes by itself.",
            )
            .color(palette.muted),
        );
        egui::ScrollArea::both()
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for errors in problems.files.values() {
                    ui.label(RichText::new(errors).monospace().size(12.0));
                    ui.separator();
                }
            });
    });
    Ok(())
}
