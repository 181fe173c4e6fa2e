//! The backlog, one line an item, sorted as the player asks; the picked item (what "put this
//! item first" aims at) is highlighted, named above the list and scrolled into view.

use bevy_egui::egui::{self, Color32, RichText};

use super::{Asked, Frame};
use crate::app::view::BacklogOrder;
use crate::app::view::play::BacklogView;
use crate::app::{Intent, Pick};
use crate::game::ui::{UiState, scroll_id};

/// The fewest points of height the list of items gets, however little of the centre shows.
const LEAST_LIST: f32 = 140.0;

/// The backlog; `visible` is the height of the centre left in sight where it starts, which
/// its list fills (less its heading and order buttons).
pub(super) fn panel(
    ui: &mut egui::Ui,
    f: &Frame,
    backlog: &BacklogView,
    ui_state: &mut UiState,
    visible: f32,
    asked: &mut Asked,
) {
    let top = ui.cursor().top();
    let palette = f.palette;
    ui.label(RichText::new("Backlog").size(18.0).strong())
        .on_hover_text("Every item has a true value to customers, hidden until you learn it (talk to customers). Click an item to aim item actions at it; Up/Down pick the next in this order.");
    ui.label(RichText::new(&backlog.summary).small().color(palette.muted));
    ui.horizontal_wrapped(|ui| {
        for order in BacklogOrder::ALL {
            ui.selectable_value(
                &mut ui_state.backlog_order,
                order,
                RichText::new(order.label()).small(),
            );
        }
    });
    if let Some(aimed) = &backlog.aimed {
        ui.label(RichText::new(aimed).small().color(palette.selected));
    }
    let reveal = ui_state.item_seen != backlog.picked;
    ui_state.item_seen.clone_from(&backlog.picked);
    let list = (visible - (ui.cursor().top() - top) - 8.0).max(LEAST_LIST);
    egui::ScrollArea::vertical()
        .id_salt(scroll_id(f.run, "backlog"))
        .max_height(list)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            if let Some(empty) = backlog.empty {
                ui.label(RichText::new(empty).small().color(palette.muted));
            }
            for item in &backlog.rows {
                let colour = if item.picked {
                    Color32::WHITE
                } else if item.known {
                    palette.value
                } else {
                    palette.muted
                };
                let text = RichText::new(&item.text).small().color(colour);
                // Wrapped, not cut: a long name is read whole.
                let resp = ui
                    .add(egui::Button::selectable(item.picked, text).wrap())
                    .on_hover_text(&item.detail);
                if item.picked && reveal {
                    resp.scroll_to_me(None);
                }
                if resp.clicked() {
                    asked.write(Intent::Select(Pick::Item(item.id.clone())));
                }
            }
            if let Some(head) = &backlog.shipped_head {
                egui::CollapsingHeader::new(head)
                    .id_salt("shipped")
                    .show(ui, |ui| {
                        for line in &backlog.shipped {
                            ui.label(RichText::new(line).small());
                        }
                    });
            }
        });
}
