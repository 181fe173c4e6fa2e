//! This week's plan: its hours, its entries (what the week will skip and what would do little
//! said under them) and clearing it.

use bevy_egui::egui::{self, RichText};

use super::{Asked, Frame};
use crate::app::Intent;
use crate::app::view::play::{PlanView, WONT_FIT};
use crate::game::ui::scroll_id;

pub(super) fn panel(ui: &mut egui::Ui, f: &Frame, plan: &PlanView, asked: &mut Asked) {
    let palette = f.palette;
    ui.add_space(4.0);
    ui.heading("This week's plan");
    ui.label(RichText::new(&plan.hours).small().color(palette.muted));
    // A fixed height: a list that grew and shrank with the plan moved the action buttons
    // below it under the pointer, and a second click hit the wrong action. A whole number of
    // rows: at 150 points the seventh was cut in half.
    let row = ui
        .spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Body))
        + ui.spacing().item_spacing.y;
    let height = row * ROWS_SHOWN;
    // A thin bar always in sight: with a row or two under their warnings, entries past the
    // panel's height were out of sight with nothing to say they were there (egui's floating
    // bar shows only under the pointer).
    // A row added past the panel's height is scrolled into sight: the key that added it
    // showed nothing happen. The count last drawn is egui's to keep, per run.
    let counted = scroll_id(f.run, "plan rows");
    let drawn = ui.data(|d| d.get_temp::<usize>(counted));
    ui.data_mut(|d| d.insert_temp(counted, plan.rows.len()));
    let added = drawn.is_some_and(|n| plan.rows.len() > n);
    let scroll = ui.spacing().scroll;
    ui.spacing_mut().scroll = egui::style::ScrollStyle::thin();
    egui::ScrollArea::vertical()
        .id_salt(scroll_id(f.run, "plan"))
        .min_scrolled_height(height)
        .max_height(height)
        .auto_shrink([false, false])
        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
        .show(ui, |ui| {
            if let Some(empty) = plan.empty {
                ui.label(RichText::new(empty).italics().color(palette.muted));
            }
            for (i, row) in plan.rows.iter().enumerate() {
                ui.horizontal(|ui| {
                    if ui
                        .small_button("x")
                        .on_hover_text("Remove from the plan  [Backspace removes the last]")
                        .clicked()
                    {
                        asked.write(Intent::Remove(i));
                    }
                    let warning = row.warning();
                    let colour = match (warning, row.family) {
                        (Some((_, true)), _) => palette.bad,
                        (_, Some(family)) => palette.family(family),
                        (_, None) => palette.muted,
                    };
                    let text = format!("{} · {}", row.name, row.hours);
                    let label =
                        ui.add(egui::Label::new(RichText::new(text).color(colour)).truncate());
                    // Only a row the week will skip is explained on hover; a row that fits
                    // shows its full text on hover when truncated (egui's own tooltip).
                    if row.skipped.as_deref() == Some(WONT_FIT) {
                        label.on_hover_text("Beyond this week's hours: it will be skipped unless you remove something before it.");
                    }
                });
                // What the week will skip, or what the entry spends for little, under it in
                // full: cut to the panel's width, it lost the part that says why.
                if let Some((warning, skipped)) = row.warning() {
                    let colour = if skipped { palette.bad } else { palette.warn };
                    ui.indent(("plan warning", i), |ui| {
                        ui.label(RichText::new(warning).small().color(colour));
                    });
                }
            }
            if added {
                ui.scroll_to_cursor(Some(egui::Align::BOTTOM));
            }
        });
    ui.spacing_mut().scroll = scroll;
    // Always there (greyed when the plan is empty): appearing with the first entry, it
    // pushed the actions below it down under the pointer.
    if ui
        .add_enabled(plan.clearable, egui::Button::new("Clear plan").small())
        .clicked()
    {
        asked.write(Intent::ClearPlan);
    }
}

/// How many plan rows show at once (more scroll).
const ROWS_SHOWN: f32 = 6.0;
