//! The debrief: the run beside every bot on the same seed, key moments and questions.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui::RichText;
use egui_plot::{
    HLine, HoverPosition, Line, MarkerShape, Plot, PlotPoint, PlotPoints, Points, Text, VLine,
};

use super::theme::{self, Palette};
use super::{Intents, UiState, keys_free, notice, pressed, pressed_ctrl, root};
use crate::app::{Intent, Session};
use crate::game::screens::Overlay;
use crate::game::settings::Settings;
use crate::sim::review::Quadrant;

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
        if pressed_ctrl(&ctx, egui::Key::Z) || pressed(&ctx, egui::Key::U) {
            intents.write(Intent::Undo);
        }
        if pressed_ctrl(&ctx, egui::Key::S) {
            *overlay = Overlay::Save;
        }
    }
    let (name, blurb) = (d.quadrant.name(), d.quadrant.meaning());
    let story = &run.game.scenario().story;
    let mut root = root(&ctx);
    egui::Panel::top("debrief_head").show(&mut root, |ui| {
        ui.add_space(10.0);
        ui.horizontal(|ui| {
            ui.vertical(|ui| {
                ui.label(RichText::new(format!("Debrief · {}", story.title)).color(palette.muted));
                ui.label(theme::title(name));
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
                    .button("Undo last week")
                    .on_hover_text("[Ctrl+Z or U]")
                    .clicked()
                {
                    intents.write(Intent::Undo);
                }
            });
        });
        ui.add(egui::Label::new(RichText::new(blurb).size(16.0)).wrap());
        // What this run's curves did, in its own numbers.
        let shape = crate::sim::review::curves_in_words(&run.game.state().history);
        if !shape.is_empty() {
            ui.add(egui::Label::new(RichText::new(shape).size(15.0)).wrap());
        }
        if let (Some(result), Some(w)) = (&session.result, run.workshop.as_ref()) {
            let (text, colour) = match result {
                Ok(path) => (
                    format!(
                        "Workshop {} · team {}: result saved to {} — hand this file to your facilitator.",
                        w.code,
                        w.team,
                        path.display()
                    ),
                    palette.good,
                ),
                Err(e) => (format!("The workshop result could not be saved: {e}"), palette.bad),
            };
            ui.add(egui::Label::new(RichText::new(text).color(colour)).wrap());
        }
        ui.label(
            RichText::new(format!(
                "You: Output {} · Value {} over {} weeks (seed {}); bots played the same seed.",
                theme::num(d.totals.output),
                theme::num(d.totals.value),
                run.game.scenario().weeks,
                run.game.seed()
            ))
            .color(palette.muted),
        );
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
                    let right = &mut cols[1];
                    right.label(
                        RichText::new("White: you. Colours: the bots, as in the table below.")
                            .small()
                            .color(palette.muted),
                    );
                    for (title, pick, colour) in [
                        ("Output per week", 0usize, palette.output),
                        ("Value per week", 1usize, palette.value),
                    ] {
                        right.label(RichText::new(title).strong().color(colour));
                        Plot::new(title)
                            .height(138.0)
                            .include_y(0.0)
                            .allow_drag(false)
                            .allow_scroll(false)
                            .allow_zoom(false)
                            .show(right, |plot| {
                                for b in &d.bots {
                                    let pts: Vec<[f64; 2]> = b
                                        .weekly
                                        .iter()
                                        .enumerate()
                                        .map(|(i, w)| {
                                            [i as f64 + 1.0, if pick == 0 { w.0 } else { w.1 }]
                                        })
                                        .collect();
                                    plot.line(
                                        Line::new(b.policy.label(), PlotPoints::from(pts))
                                            .color(palette.bot(b.policy).gamma_multiply(0.7))
                                            .width(1.5),
                                    );
                                }
                                let pts: Vec<[f64; 2]> = run
                                    .game
                                    .state()
                                    .history
                                    .iter()
                                    .map(|r| {
                                        [r.week as f64, if pick == 0 { r.output } else { r.value }]
                                    })
                                    .collect();
                                if let Some(fork) = &run.fork {
                                    let before: Vec<[f64; 2]> = (fork.original.iter().enumerate())
                                        .map(|(i, w)| {
                                            [i as f64 + 1.0, if pick == 0 { w.0 } else { w.1 }]
                                        })
                                        .collect();
                                    plot.line(
                                        Line::new("Before the fork", PlotPoints::from(before))
                                            .color(egui::Color32::WHITE.gamma_multiply(0.45))
                                            .style(egui_plot::LineStyle::dashed_loose())
                                            .width(2.0),
                                    );
                                }
                                plot.line(
                                    Line::new("You", PlotPoints::from(pts))
                                        .color(egui::Color32::WHITE)
                                        .width(3.0),
                                );
                            });
                    }
                });
                ui.add_space(10.0);
                timeline(ui, run, &mut ui_state, &palette, &mut intents);
                ui.add_space(10.0);
                ui.columns(2, |cols| {
                    let goals = crate::sim::review::goals(&run.game);
                    if !goals.is_empty() {
                        cols[0].heading("Your goals");
                        for g in &goals {
                            let (mark, colour) = match g.met {
                                Some(true) => ("Met", palette.good),
                                Some(false) => ("Not met", palette.bad),
                                None => ("Judge for yourself", palette.muted),
                            };
                            cols[0].horizontal_wrapped(|ui| {
                                ui.label(RichText::new(mark).strong().color(colour));
                                ui.add(egui::Label::new(&g.text).wrap());
                            });
                        }
                        cols[0].add_space(8.0);
                    }
                    cols[0].heading("Key moments");
                    for m in &d.moments {
                        cols[0].add(
                            egui::Label::new(format!(
                                "Week {}: {}",
                                m.week,
                                theme::drawable(&m.text)
                            ))
                            .wrap(),
                        );
                    }
                    cols[1].heading("Think about");
                    for (i, q) in story.debrief.iter().enumerate() {
                        cols[1].add(egui::Label::new(format!("{}. {q}", i + 1)).wrap());
                        cols[1].add_space(4.0);
                    }
                    cols[1].add_space(6.0);
                    cols[1].heading("The bots");
                    egui::Grid::new("bots")
                        .num_columns(3)
                        .striped(true)
                        .show(&mut cols[1], |ui| {
                            ui.label(RichText::new("Archetype").strong());
                            ui.label(RichText::new("Output").strong());
                            ui.label(RichText::new("Value").strong());
                            ui.end_row();
                            ui.label(RichText::new("You").strong());
                            ui.label(theme::num(d.totals.output));
                            ui.label(theme::num(d.totals.value));
                            ui.end_row();
                            for b in &d.bots {
                                ui.label(
                                    RichText::new(b.policy.label()).color(palette.bot(b.policy)),
                                );
                                ui.label(theme::num(b.totals.output));
                                ui.label(theme::num(b.totals.value));
                                ui.end_row();
                            }
                        });
                });
            });
    });
    Ok(())
}

/// The run week by week: the week's numbers, plan, answer and feed, and the team as it was;
/// any week can be played on from as a new run (a fork).
fn timeline(
    ui: &mut egui::Ui,
    run: &crate::app::Run,
    ui_state: &mut UiState,
    palette: &Palette,
    intents: &mut Intents,
) {
    let log = run.game.log();
    let weeks = log.len() as u32;
    if weeks == 0 {
        return;
    }
    ui.heading("Week by week");
    if let Some(fork) = &run.fork {
        ui.label(
            RichText::new(format!(
                "A fork of {}: weeks 1 to {} as they were, played another way from there (dashed: before the fork).",
                fork.of, fork.week
            ))
            .color(palette.muted),
        );
    }
    let mut week = ui_state.timeline.unwrap_or(1).clamp(1, weeks);
    ui.horizontal(|ui| {
        ui.spacing_mut().slider_width = (ui.available_width() * 0.45).max(160.0);
        ui.add(egui::Slider::new(&mut week, 1..=weeks).text("week"));
        if week < weeks
            && ui
                .button(format!("Play on from week {}", week + 1))
                .on_hover_text(
                    "A new run in the same world: weeks up to this one as they were, and from here as you choose. This run and any workshop result stay as they are.",
                )
                .clicked()
        {
            intents.write(Intent::Fork(week));
        }
    });
    ui_state.timeline = Some(week);
    let k = week as usize - 1;
    let scenario = run.game.scenario();
    let history = &run.game.state().history;
    ui.columns(3, |cols| {
        if let Some(r) = history.get(k) {
            cols[0].label(RichText::new(format!("Week {week}")).strong());
            cols[0].label(format!(
                "Output {} · Value {}\nteam {} · morale {:.2} · clarity {:.2}",
                theme::num(r.output),
                theme::num(r.value),
                r.team_size,
                r.morale,
                r.clarity
            ));
            if let Some(taken) = &r.event
                && let Some(event) = scenario.events.get(taken.event)
            {
                let answer = taken
                    .choice
                    .and_then(|c| event.choices.get(c))
                    .map_or("no answer", |c| c.label.as_str());
                cols[0].add(
                    egui::Label::new(format!(
                        "{}: {}",
                        event.title,
                        answer.replace("{name}", "them")
                    ))
                    .wrap(),
                );
            }
        }
        cols[1].label(RichText::new("The plan").strong());
        for p in &log[k].plan {
            let name = scenario
                .action(&p.action)
                .map_or(p.action.as_str(), |d| d.name.as_str());
            let target = p
                .target
                .as_deref()
                .map(|t| format!(": {}", run.target_name(t)))
                .unwrap_or_default();
            cols[1].label(format!("{name}{target}"));
        }
        if log[k].plan.is_empty() {
            cols[1].label(RichText::new("nothing planned").color(palette.muted));
        }
        cols[2].label(RichText::new("What moved").strong());
        if let Some(report) = run.reports.get(k) {
            for cause in report
                .causes
                .iter()
                .filter(|c| c.topic != crate::sim::Topic::Action)
            {
                cols[2].add(
                    egui::Label::new(
                        RichText::new(theme::drawable(&cause.text))
                            .small()
                            .color(palette.topic(cause.topic, cause.size)),
                    )
                    .wrap(),
                );
            }
        }
        if let Some(then) = run.at_week(week) {
            cols[0].add_space(4.0);
            cols[0].label(RichText::new("The team then").strong());
            for p in &then.state().people {
                cols[0].label(
                    RichText::new(format!(
                        "{}: skill {:.2} · morale {:.2} · autonomy {:.2}",
                        p.name, p.skill, p.morale, p.autonomy
                    ))
                    .small(),
                );
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
                theme::num(position.x),
                theme::num(position.y)
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
    ui.label(
        RichText::new(format!(
            "Grey lines: where Output and Value count as high in this world (Output {}, Value {}).",
            theme::num(mid_o),
            theme::num(mid_v)
        ))
        .small()
        .color(palette.muted),
    );
}
