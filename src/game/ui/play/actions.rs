//! The actions, by family in the view's one order, each with its key; hovering one shows
//! what adding it would do.

use bevy_egui::egui::{self, RichText};

use super::{Asked, Frame, action_key};
use crate::app::Intent;
use crate::app::view::play::{self, ActionGroup, ActionRow, PreviewWords};
use crate::game::ui::{scroll_id, theme};

pub(super) fn panel(ui: &mut egui::Ui, f: &Frame, groups: &[ActionGroup], asked: &mut Asked) {
    ui.heading("Actions");
    egui::ScrollArea::vertical()
        .id_salt(scroll_id(f.run, "actions"))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for group in groups {
                ui.add_space(4.0);
                ui.label(
                    RichText::new(group.label)
                        .color(f.palette.family(group.family))
                        .strong(),
                )
                .on_hover_text(group.hint);
                for action in &group.actions {
                    if button(ui, f, group, action) {
                        asked.write(Intent::Add(action.planned.clone()));
                    }
                }
            }
        });
}

/// An action's button; whether it was clicked.
fn button(ui: &mut egui::Ui, f: &Frame, group: &ActionGroup, action: &ActionRow) -> bool {
    let key_text = action_key(action.index)
        .map_or_else(String::new, |k| format!("  [{}]", k.symbol_or_name()));
    let text = format!("{}   {}{key_text}", action.control.label, action.hours);
    // One line each, whatever the target's name: a name that wrapped to two lines when a
    // target was picked moved every button below it under the pointer. The hours and the
    // key keep their place on the right; a long name is cut (and shown whole on hover).
    let button = egui::Button::new(RichText::new(&action.control.label))
        .right_text(RichText::new(format!("{}{key_text}", action.hours)))
        .truncate()
        .min_size(egui::vec2(ui.available_width(), 26.0))
        .stroke(egui::Stroke::new(
            1.0,
            f.palette.family(group.family).gamma_multiply(0.5),
        ));
    let aim = action.aim.map_or_else(String::new, |a| format!("\n{a}"));
    let resp = ui
        .add_enabled(action.control.is_enabled(), button)
        .on_hover_ui(|ui| {
            ui.set_max_width(360.0);
            ui.label(RichText::new(&text).strong());
            if let Some(spent) = &action.spent {
                ui.label(RichText::new(spent).color(f.palette.warn));
            }
            ui.label(format!(
                "{}{aim}\nAdd to the plan: click or press the key{key_text}.",
                action.description
            ));
            // Worked out on the first hover after the plan changes, then kept.
            if let Some(p) = play::action_preview(f.run, &action.planned) {
                ui.separator();
                preview(ui, f, &p);
            }
        });
    let resp = match &action.control.blocked {
        Some(why) => resp.on_disabled_hover_text(format!("{}\n\n{why}", action.description)),
        None => resp,
    };
    resp.clicked()
}

/// What an action does if added: this week's numbers, the people it moves, and by the end of
/// the run, done this week only and kept every week (estimates, with what they rest on).
fn preview(ui: &mut egui::Ui, f: &Frame, p: &PreviewWords) {
    ui.label(RichText::new(&p.week).strong());
    if let Some(moves) = &p.moves {
        ui.add(egui::Label::new(theme::drawable(moves)).wrap());
    }
    for later in [&p.once, &p.later].into_iter().flatten() {
        ui.label(RichText::new(later).color(f.palette.muted));
    }
    if let Some(estimate) = &p.estimate {
        ui.add(
            egui::Label::new(
                RichText::new(estimate)
                    .small()
                    .italics()
                    .color(f.palette.muted),
            )
            .wrap(),
        );
    }
}
