//! The Join dialog: a workshop code or a hosted room's address, the room's code as the
//! projector shows it (a field of its own: a room picked from the list nearby fills its
//! address, and the player types the digits), and the team's name.

use bevy_egui::egui;
use egui::RichText;

use super::theme::Palette;
use super::{UiState, submitted};
use crate::app::Intent;
use crate::app::view::JoinView;
use crate::app::view::join::{DESKTOP_FIELDS as FIELDS, join_intent};
use crate::room::client::MAX_DOOR;
use crate::room::discover::Found;

/// Lays the dialog out; the join the player asked for (the button, or Enter in a field),
/// if they did.
pub(super) fn dialog(
    ui: &mut egui::Ui,
    ui_state: &mut UiState,
    problem: Option<String>,
    rooms: &[Found],
    palette: &Palette,
) -> Option<Intent> {
    let view = JoinView::desktop(problem);
    ui.add(egui::Label::new(&view.intro).wrap());
    ui.add_space(6.0);
    if !rooms.is_empty() {
        ui.label(FIELDS.nearby);
        ui.horizontal_wrapped(|ui| {
            for room in rooms {
                let address = room.address.to_string();
                if ui.button(format!("{}  ({address})", room.code)).clicked() {
                    // A room does not announce its code: the projector shows it.
                    ui_state.workshop_code = address;
                    // The button takes the focus as it is clicked: the field takes it next.
                    ui_state.door_next = true;
                }
            }
        });
        ui.add_space(6.0);
    }
    let mut join = false;
    egui::Grid::new("workshop_fields")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            ui.label(FIELDS.code_label);
            let code = ui.add(
                egui::TextEdit::singleline(&mut ui_state.workshop_code)
                    .hint_text(FIELDS.code_hint)
                    .desired_width(f32::INFINITY),
            );
            ui.end_row();
            ui.label(FIELDS.door_label);
            let door = ui.add(
                egui::TextEdit::singleline(&mut ui_state.workshop_door)
                    .hint_text(FIELDS.door_hint)
                    .char_limit(MAX_DOOR)
                    .desired_width(f32::INFINITY),
            );
            if std::mem::take(&mut ui_state.door_next) {
                door.request_focus();
            }
            if door.changed() {
                // Digits only: what the projector shows, whatever else slips in.
                ui_state.workshop_door.retain(|c| c.is_ascii_digit());
            }
            ui.end_row();
            ui.label(view.team_label);
            let team = ui.add(
                egui::TextEdit::singleline(&mut ui_state.workshop_team)
                    .hint_text(view.team_hint)
                    .char_limit(view.team_max)
                    .desired_width(f32::INFINITY),
            );
            let focused = code.has_focus() || door.has_focus() || team.has_focus();
            if ui_state.workshop_code.is_empty() && !focused {
                code.request_focus();
            } else if ui_state.workshop_team.is_empty() && !focused {
                team.request_focus();
            }
            join = submitted(ui, &team) || submitted(ui, &door) || submitted(ui, &code);
            ui.end_row();
        });
    let clicked = ui.button(view.join).on_hover_text("[Enter]").clicked();
    if let Some(problem) = &view.problem {
        ui.add(egui::Label::new(RichText::new(problem).color(palette.bad)).wrap());
    }
    (clicked || join).then(|| {
        join_intent(
            &ui_state.workshop_code,
            &ui_state.workshop_door,
            &ui_state.workshop_team,
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::room::Address;
    use crate::room::discover::Found;

    /// The dialog run headless, frame by frame, with what the player does in each.
    struct Dialog {
        ctx: egui::Context,
        state: UiState,
        rooms: Vec<Found>,
        asked: Vec<Intent>,
        painted: Vec<(String, egui::Rect)>,
    }

    impl Dialog {
        fn new(rooms: Vec<Found>) -> Self {
            let ctx = egui::Context::default();
            super::super::theme::style(&ctx);
            let mut dialog = Self {
                ctx,
                state: UiState::default(),
                rooms,
                asked: Vec::new(),
                painted: Vec::new(),
            };
            // The first frame sizes the layout; the second paints it.
            dialog.frame(Vec::new());
            dialog.frame(Vec::new());
            dialog
        }

        /// One frame with these input events.
        fn frame(&mut self, events: Vec<egui::Event>) {
            let input = egui::RawInput {
                screen_rect: Some(egui::Rect::from_min_size(
                    egui::Pos2::ZERO,
                    egui::vec2(1024.0, 640.0),
                )),
                events,
                ..Default::default()
            };
            let (state, rooms, asked) = (&mut self.state, &self.rooms, &mut self.asked);
            let output = self.ctx.run_ui(input, |ui| {
                let palette = Palette::STANDARD;
                if let Some(intent) = dialog(ui, state, None, rooms, &palette) {
                    asked.push(intent);
                }
            });
            self.painted.clear();
            for shape in &output.shapes {
                if let egui::Shape::Text(t) = &shape.shape {
                    let rect = t.galley.rect.translate(t.pos.to_vec2());
                    self.painted.push((t.galley.text().to_string(), rect));
                }
            }
            output.drop_without_applying_deltas();
        }

        /// Clicks the text that contains `words`, then lets a frame pass.
        fn click(&mut self, words: &str) {
            let at = self
                .painted
                .iter()
                .find(|(text, _)| text.contains(words))
                .map(|(_, rect)| rect.center())
                .unwrap_or_else(|| panic!("{words:?} is not shown: {:?}", self.painted));
            let button = |pressed| egui::Event::PointerButton {
                pos: at,
                button: egui::PointerButton::Primary,
                pressed,
                modifiers: egui::Modifiers::NONE,
            };
            self.frame(vec![egui::Event::PointerMoved(at), button(true)]);
            self.frame(vec![button(false)]);
            self.frame(Vec::new());
        }

        fn type_text(&mut self, text: &str) {
            self.frame(vec![egui::Event::Text(text.into())]);
        }

        fn press(&mut self, key: egui::Key) {
            let event = |pressed| egui::Event::Key {
                key,
                physical_key: None,
                pressed,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            };
            self.frame(vec![event(true)]);
            self.frame(vec![event(false)]);
        }
    }

    #[test]
    fn a_room_picked_nearby_takes_its_code_in_a_field_of_its_own() {
        let room = Found {
            code: "first-week-31".into(),
            address: Address::local("192.168.1.20", 8470),
        };
        let mut dialog = Dialog::new(vec![room]);
        for label in ["Code or room address", "Room's code", "Team name"] {
            assert!(
                dialog.painted.iter().any(|(t, _)| t == label),
                "{label}: {:?}",
                dialog.painted
            );
        }
        dialog.click("first-week-31");
        assert_eq!(dialog.state.workshop_code, "192.168.1.20:8470");
        // The room's code is typed next, with no click in its field.
        dialog.type_text("04-27");
        assert_eq!(dialog.state.workshop_door, "0427", "digits only");
        dialog.press(egui::Key::Tab);
        dialog.type_text("Night Owls");
        assert_eq!(dialog.state.workshop_team, "Night Owls");
        dialog.press(egui::Key::Enter);
        assert_eq!(
            dialog.asked,
            vec![Intent::Join {
                code: "192.168.1.20:8470/0427".into(),
                team: "Night Owls".into(),
            }],
            "one join, with the room's code after its address"
        );
    }
}
