//! The briefing: the scenario's story, goals and length before the first week.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui::RichText;

use super::theme::{self, Palette};
use super::{Intents, back_to_scenarios, clock, keys_free, notice, pressed, root};
use crate::app::{Intent, Session};
use crate::game::screens::Overlay;
use crate::game::settings::Settings;

pub(super) fn draw(
    mut contexts: EguiContexts,
    mut intents: Intents,
    overlay: Res<Overlay>,
    session: Res<Session>,
    settings: Res<Settings>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let palette = Palette::of(&settings);
    let Some(run) = session.run.as_ref() else {
        return Ok(());
    };
    if keys_free(&ctx, *overlay) {
        if pressed(&ctx, egui::Key::Enter) || pressed(&ctx, egui::Key::Space) {
            intents.write(Intent::Begin);
        }
        if pressed(&ctx, egui::Key::Escape) {
            intents.write(Intent::ToTitle);
        }
    }
    let scenario = run.game.scenario();
    let story = &scenario.story;
    let mut root = root(&ctx);
    egui::Panel::bottom("briefing_buttons")
        .exact_size(64.0)
        .show(&mut root, |ui| {
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                if ui
                    .add(
                        egui::Button::new(RichText::new("Start week 1").size(18.0))
                            .min_size(egui::vec2(180.0, 36.0)),
                    )
                    .on_hover_text("[Enter]")
                    .clicked()
                {
                    intents.write(Intent::Begin);
                }
                back_to_scenarios(ui, &mut intents);
                notice(ui, session.notice.as_ref(), &palette);
            });
        });
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical()
            .id_salt(super::scroll_id(run, "briefing"))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let width = ui.available_width().min(820.0);
                let pad = ((ui.available_width() - width) / 2.0).max(0.0);
                ui.horizontal(|ui| {
                    ui.add_space(pad);
                    ui.vertical(|ui| {
                        ui.set_width(width);
                        ui.add_space(24.0);
                        ui.label(theme::title(&story.title));
                        ui.add(
                            egui::Label::new(RichText::new(&story.pitch).size(18.0).italics())
                                .wrap(),
                        );
                        ui.add_space(6.0);
                        let hours = run.game.hours();
                        ui.label(
                            RichText::new(format!(
                                "{} weeks · {} people · {:.0} hours of your attention a week · seed {}",
                                scenario.weeks,
                                scenario.people.len(),
                                hours,
                                run.game.seed()
                            ))
                            .color(palette.muted),
                        );
                        if let Some(w) = &run.workshop {
                            let timer = match &w.room {
                                Some(room) => format!("room at {} · {}", room.address, room.clock.pacing.describe()),
                                None => w.code.week_seconds.map_or_else(
                                    || "no week timer".to_string(),
                                    |s| format!("{} per week on the clock", clock(f64::from(s))),
                                ),
                            };
                            ui.label(
                                RichText::new(format!(
                                    "Workshop {} · team {} · {timer}",
                                    w.code, w.team
                                ))
                                .color(palette.value)
                                .strong(),
                            );
                        }
                        ui.add_space(16.0);
                        for para in story.intro.split("\n\n") {
                            ui.add(egui::Label::new(RichText::new(para.trim()).size(16.0)).wrap());
                            ui.add_space(6.0);
                        }
                        if !story.goals.is_empty() {
                            ui.add_space(10.0);
                            ui.heading("Your goals");
                            for g in &story.goals {
                                ui.horizontal_wrapped(|ui| {
                                    ui.label(RichText::new("•").color(palette.value));
                                    ui.add(egui::Label::new(&g.text).wrap());
                                    if g.check.is_some() {
                                        ui.label(
                                            RichText::new("the game keeps track of this one")
                                                .small()
                                                .color(palette.muted),
                                        );
                                    }
                                });
                            }
                        }
                        ui.add_space(10.0);
                        ui.heading("How a week works");
                        ui.add(egui::Label::new(
                            "Spend your attention hours on actions, then end the week. Leadership actions grow the team's \
                             Output slowly and for good; management actions turn Output into Value. The feed explains \
                             why the numbers moved. Your plan carries over to the next week until you change it.",
                        ).wrap());
                    });
                });
            });
    });
    Ok(())
}
