//! The debrief: the run beside every bot on the same seed, key moments and questions.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui::RichText;
use egui_plot::{
    HLine, HoverPosition, Line, MarkerShape, Plot, PlotPoint, PlotPoints, Points, Text, VLine,
};

use super::theme::{self, Palette};
use super::{Intents, UiState, keys_free, notice, pressed, pressed_ctrl, root};
use crate::app::view::{DebriefView, WeekView};
use crate::app::{Intent, Session};
use crate::game::screens::Overlay;
use crate::game::settings::Settings;
use crate::sim::review::Quadrant;
use crate::text;

pub(super) fn draw(
    mut contexts: EguiContexts,
    mut intents: Intents,
    mut overlay: ResMut<Overlay>,
    mut ui_state: ResMut<UiState>,
    session: Res<Session>,
    settings: Res<Settings>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let palette = Palette::of(&settings);
    let (Some(run), Some(d)) = (session.run.as_ref(), session.debrief.as_ref()) else {
        return Ok(());
    };
    if keys_free(&ctx, *overlay) {
        if pressed(&ctx, egui::Key::R) {
            intents.write(Intent::PlayAgain);
        }
        if pressed(&ctx, egui::Key::N) {
            intents.write(Intent::NextScenario);
        }
        if pressed(&ctx, egui::Key::Escape) {
            intents.write(Intent::ToTitle);
        }
        if pressed_ctrl(&ctx, egui::Key::S) {
            *overlay = Overlay::Save;
        }
    }
    let view = DebriefView::of(run, d, session.result.as_ref());
    if keys_free(&ctx, *overlay)
        && view.undo.is_enabled()
        && (pressed_ctrl(&ctx, egui::Key::Z) || pressed(&ctx, egui::Key::U))
    {
        intents.write(Intent::Undo);
    }
    let mut root = root(&ctx);
    egui::Panel::top("debrief_head").show(&mut root, |ui| {
        head(ui, &view, &palette, &mut intents);
        notice(ui, session.notice.as_ref(), &palette);
        ui.add_space(6.0);
    });
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical()
            .id_salt(super::scroll_id(run, "debrief"))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.columns(2, |cols| {
                    cols[0].label(RichText::new("Output against Value (totals)").strong());
                    quadrant(&mut cols[0], d, &palette);
                    cols[0].label(RichText::new(&view.lines).small().color(palette.muted));
                    curves(&mut cols[1], run, d, &palette);
                    if let Some(caption) = &view.budget {
                        budget(&mut cols[1], run, caption, &palette);
                    }
                });
                ui.add_space(10.0);
                timeline(ui, run, &view, &mut ui_state, &palette, &mut intents);
                ui.add_space(10.0);
                ui.columns(2, |cols| {
                    looking_back(&mut cols[0], &view, &palette);
                    questions_and_bots(&mut cols[1], &view, d, &palette);
                });
            });
    });
    Ok(())
}

/// The verdict, its meaning, the run in words, the workshop's result and the buttons.
fn head(ui: &mut egui::Ui, view: &DebriefView, palette: &Palette, intents: &mut Intents) {
    ui.add_space(10.0);
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.label(RichText::new(&view.kicker).color(palette.muted));
            ui.label(theme::title(view.verdict));
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("Title").on_hover_text("[Esc]").clicked() {
                intents.write(Intent::ToTitle);
            }
            if ui.button("Next scenario ▶").on_hover_text("[N]").clicked() {
                intents.write(Intent::NextScenario);
            }
            if ui
                .button("Play again")
                .on_hover_text("Same scenario, new seed  [R]")
                .clicked()
            {
                intents.write(Intent::PlayAgain);
            }
            if ui
                .add_enabled(view.undo.is_enabled(), egui::Button::new(&view.undo.label))
                .on_hover_text("[Ctrl+Z or U]")
                .on_disabled_hover_text(view.undo.blocked.as_deref().unwrap_or_default())
                .clicked()
            {
                intents.write(Intent::Undo);
            }
        });
    });
    ui.add(egui::Label::new(RichText::new(&view.meaning).size(16.0)).wrap());
    if !view.curves.is_empty() {
        ui.add(egui::Label::new(RichText::new(&view.curves).size(15.0)).wrap());
    }
    if let Some((text, tone)) = &view.result {
        ui.add(egui::Label::new(RichText::new(text).color(palette.tone(*tone))).wrap());
    }
    ui.label(RichText::new(&view.totals).color(palette.muted));
}

/// Output and Value per week: every bot, the player, and before a fork the original run.
fn curves(ui: &mut egui::Ui, run: &crate::app::Run, d: &crate::app::Debrief, palette: &Palette) {
    ui.label(
        RichText::new("White: you. Colours: the bots, as in the table below.")
            .small()
            .color(palette.muted),
    );
    let pick = |w: (f64, f64), value: bool| if value { w.1 } else { w.0 };
    for (title, value, colour) in [
        ("Output per week", false, palette.output),
        ("Value per week", true, palette.value),
    ] {
        ui.label(RichText::new(title).strong().color(colour));
        Plot::new(title)
            .height(138.0)
            .include_y(0.0)
            .allow_drag(false)
            .allow_scroll(false)
            .allow_zoom(false)
            .show(ui, |plot| {
                let weekly = |weeks: &[(f64, f64)]| -> Vec<[f64; 2]> {
                    (weeks.iter().enumerate())
                        .map(|(i, w)| [i as f64 + 1.0, pick(*w, value)])
                        .collect()
                };
                for b in &d.bots {
                    plot.line(
                        Line::new(b.policy.label(), PlotPoints::from(weekly(&b.weekly)))
                            .color(palette.bot(b.policy).gamma_multiply(0.7))
                            .width(1.5),
                    );
                }
                if let Some(fork) = &run.fork {
                    plot.line(
                        Line::new("Before the fork", PlotPoints::from(weekly(&fork.original)))
                            .color(egui::Color32::WHITE.gamma_multiply(0.45))
                            .style(egui_plot::LineStyle::dashed_loose())
                            .width(2.0),
                    );
                }
                let history = &run.game.state().history;
                let pts: Vec<[f64; 2]> = (history.iter())
                    .map(|r| [r.week as f64, pick((r.output, r.value), value)])
                    .collect();
                plot.line(
                    Line::new("You", PlotPoints::from(pts))
                        .color(egui::Color32::WHITE)
                        .width(3.0),
                );
            });
    }
}

/// The budget at each week's end, where the scenario is about money, with the zero line
/// below which salaries cost a person.
fn budget(ui: &mut egui::Ui, run: &crate::app::Run, caption: &str, palette: &Palette) {
    let scenario = run.game.scenario();
    ui.label(RichText::new("Budget").strong().color(palette.value));
    let start = [0.0, scenario.start.budget];
    let pts: Vec<[f64; 2]> = std::iter::once(start)
        .chain((run.game.state().history.iter()).map(|r| [r.week as f64, r.budget]))
        .collect();
    Plot::new("budget")
        .height(110.0)
        .include_x(0.0)
        .include_x(f64::from(scenario.weeks.max(1)))
        .include_y(0.0)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_zoom(false)
        .show(ui, |plot| {
            plot.hline(HLine::new("Zero", 0.0).color(palette.bad.gamma_multiply(0.7)));
            plot.line(
                Line::new("You", PlotPoints::from(pts))
                    .color(egui::Color32::WHITE)
                    .width(3.0),
            );
        });
    ui.add(egui::Label::new(RichText::new(caption).small().color(palette.muted)).wrap());
}

/// The goals and the key moments.
fn looking_back(ui: &mut egui::Ui, view: &DebriefView, palette: &Palette) {
    if !view.goals.is_empty() {
        ui.heading("Your goals");
        for (mark, tone, goal) in &view.goals {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(*mark).strong().color(palette.tone(*tone)));
                ui.add(egui::Label::new(goal).wrap());
            });
        }
        ui.add_space(8.0);
    }
    ui.heading("Key moments");
    for m in &view.moments {
        ui.add(egui::Label::new(theme::drawable(m)).wrap());
    }
}

/// The scenario's questions and every run's totals.
fn questions_and_bots(
    ui: &mut egui::Ui,
    view: &DebriefView,
    d: &crate::app::Debrief,
    palette: &Palette,
) {
    ui.heading("Think about");
    for q in &view.questions {
        ui.add(egui::Label::new(q).wrap());
        ui.add_space(4.0);
    }
    ui.add_space(6.0);
    ui.heading("The bots");
    egui::Grid::new("bots")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.label(RichText::new("Archetype").strong());
            ui.label(RichText::new("Output").strong());
            ui.label(RichText::new("Value").strong());
            ui.end_row();
            // The first row is the player's, then the bots in their order.
            let colours = std::iter::once(None).chain(d.bots.iter().map(|b| Some(b.policy)));
            for ((who, output, value), policy) in view.table.iter().zip(colours) {
                let name = RichText::new(who);
                ui.label(match policy {
                    Some(p) => name.color(palette.bot(p)),
                    None => name.strong(),
                });
                ui.label(output);
                ui.label(value);
                ui.end_row();
            }
        });
}

/// The run week by week: the week's numbers, plan, answer and feed, and the team as it was;
/// any week can be played on from as a new run (a fork).
fn timeline(
    ui: &mut egui::Ui,
    run: &crate::app::Run,
    view: &DebriefView,
    ui_state: &mut UiState,
    palette: &Palette,
    intents: &mut Intents,
) {
    if view.weeks == 0 {
        return;
    }
    ui.heading("Week by week");
    if let Some(fork) = &view.fork {
        ui.label(RichText::new(fork).color(palette.muted));
    }
    let mut week = ui_state.timeline.unwrap_or(1).clamp(1, view.weeks);
    // The week shown is read once the slider has moved: its replay is the costly part.
    let shown = ui.horizontal(|ui| {
        ui.spacing_mut().slider_width = (ui.available_width() * 0.45).max(160.0);
        ui.add(egui::Slider::new(&mut week, 1..=view.weeks).text("week"));
        let shown = WeekView::of(run, week);
        if let Some(label) = shown.as_ref().and_then(|w| w.fork.as_deref())
            && ui
                .button(label)
                .on_hover_text(
                    "A new run in the same world: weeks up to this one as they were, and from here as you choose. This run and any workshop result stay as they are.",
                )
                .clicked()
        {
            intents.write(Intent::Fork(week));
        }
        shown
    });
    ui_state.timeline = Some(week);
    let Some(w) = shown.inner else {
        return;
    };
    ui.columns(3, |cols| {
        cols[0].label(RichText::new(&w.head).strong());
        if let Some(numbers) = &w.numbers {
            cols[0].label(numbers);
        }
        if let Some(event) = &w.event {
            cols[0].add(egui::Label::new(event).wrap());
        }
        cols[1].label(RichText::new("The plan").strong());
        for entry in &w.plan {
            cols[1].label(entry);
        }
        if w.idle {
            cols[1].label(RichText::new("nothing planned").color(palette.muted));
        }
        cols[2].label(RichText::new("What moved").strong());
        for (text, topic, size) in &w.moved {
            cols[2].add(
                egui::Label::new(
                    RichText::new(theme::drawable(text))
                        .small()
                        .color(palette.topic(*topic, *size)),
                )
                .wrap(),
            );
        }
        if !w.team.is_empty() {
            cols[0].add_space(4.0);
            cols[0].label(RichText::new("The team then").strong());
            for line in &w.team {
                cols[0].label(RichText::new(line).small());
            }
        }
    });
}

/// Output against Value: the four regions named, every run a dot named on hover and in the
/// key below the chart (labels beside the dots ran into each other, a legend inside covered
/// them).
fn quadrant(ui: &mut egui::Ui, d: &crate::app::Debrief, palette: &Palette) {
    let (mid_o, mid_v) = (d.lines.output, d.lines.value);
    let runs = d.bots.iter().map(|b| b.totals).chain([d.totals]);
    let (top_o, top_v) = runs.fold((mid_o * 2.0, mid_v * 2.0), |(o, v), t| {
        (o.max(t.output), v.max(t.value))
    });
    let (x_top, y_top) = (top_o * 1.15, top_v * 1.2);
    Plot::new("quadrant")
        .height(300.0)
        .include_x(0.0)
        .include_x(x_top)
        .include_y(0.0)
        .include_y(y_top)
        .x_axis_label("Output")
        .y_axis_label("Value")
        .label_formatter(|pos| match pos {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } if !plot_name.is_empty() && !plot_name.ends_with("line") => Some(format!(
                "{plot_name}\nOutput {} · Value {}",
                text::num(position.x),
                text::num(position.y)
            )),
            _ => None,
        })
        .allow_drag(false)
        .allow_scroll(false)
        .allow_zoom(false)
        .show(ui, |plot| {
            let line = palette.muted.gamma_multiply(0.6);
            plot.vline(VLine::new("Output line", mid_o).color(line));
            plot.hline(HLine::new("Value line", mid_v).color(line));
            // Each region's name in its outer corner, where the dots rarely are.
            let faint = palette.muted.gamma_multiply(0.8);
            for (q, at, anchor) in [
                (
                    Quadrant::ScaledAndValuable,
                    [x_top, y_top],
                    egui::Align2::RIGHT_TOP,
                ),
                (
                    Quadrant::WellLedGoingNowhere,
                    [x_top, 0.0],
                    egui::Align2::RIGHT_BOTTOM,
                ),
                (
                    Quadrant::BloodFromAStone,
                    [mid_o * 0.02, mid_v + (y_top - mid_v) * 0.08],
                    egui::Align2::LEFT_BOTTOM,
                ),
                (
                    Quadrant::Neither,
                    [mid_o * 0.02, 0.0],
                    egui::Align2::LEFT_BOTTOM,
                ),
            ] {
                plot.text(
                    Text::new(
                        "",
                        PlotPoint::new(at[0], at[1]),
                        RichText::new(q.name()).small(),
                    )
                    .anchor(anchor)
                    .color(faint),
                );
            }
            for b in &d.bots {
                plot.points(
                    Points::new(b.policy.label(), vec![[b.totals.output, b.totals.value]])
                        .radius(6.0)
                        .shape(MarkerShape::Circle)
                        .color(palette.bot(b.policy)),
                );
            }
            plot.points(
                Points::new("You", vec![[d.totals.output, d.totals.value]])
                    .radius(9.0)
                    .shape(MarkerShape::Diamond)
                    .color(egui::Color32::WHITE),
            );
        });
    ui.horizontal_wrapped(|ui| {
        let key = |ui: &mut egui::Ui, text: RichText, colour: egui::Color32| {
            // A painted dot: the bundled fonts have no circle or diamond glyph.
            let (rect, _) = ui.allocate_exact_size(egui::vec2(10.0, 10.0), egui::Sense::hover());
            ui.painter().circle_filled(rect.center(), 4.5, colour);
            ui.label(text.color(colour));
            ui.add_space(6.0);
        };
        key(ui, RichText::new("You").strong(), egui::Color32::WHITE);
        for b in &d.bots {
            key(ui, RichText::new(b.policy.label()), palette.bot(b.policy));
        }
    });
}
