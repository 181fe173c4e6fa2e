//! The author view: a scenario's errors, its lessons checked over many seeds, and the spread
//! of every bot's Output and Value — what an author needs while editing a file.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui::RichText;
use egui_plot::{ColorConflictHandling, HoverPosition, Legend, Line, Plot, PlotPoints, Points};

use super::theme::{self, Palette};
use super::{Intents, back_to_scenarios, keys_free, notice, pressed, root};
use crate::app::{Catalog, Intent, Session, Source};
use crate::game::author::{Author, DEFAULT_SEEDS};
use crate::game::live::Problems;
use crate::game::screens::Overlay;
use crate::game::settings::Settings;
use crate::sim::{CheckReport, Policy, Spread};
use crate::text;

/// Seed counts the author can pick: a quick look, the check's default, the shipped bar.
const SEED_CHOICES: [u64; 3] = [50, DEFAULT_SEEDS, 1000];

// A Bevy system: its parameters are the resources it reads, which Bevy passes by name.
#[allow(clippy::too_many_arguments)]
pub(super) fn draw(
    mut contexts: EguiContexts,
    mut intents: Intents,
    mut author: ResMut<Author>,
    overlay: Res<Overlay>,
    catalog: Res<Catalog>,
    problems: Res<Problems>,
    session: Res<Session>,
    settings: Res<Settings>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let palette = Palette::of(&settings);
    let Some(entry) = author.entry.as_ref().and_then(|s| catalog.entry(s)) else {
        return Ok(());
    };
    if keys_free(&ctx, *overlay) {
        if pressed(&ctx, egui::Key::Escape) {
            intents.write(Intent::ToTitle);
        }
        if pressed(&ctx, egui::Key::Enter) && entry.scenario.is_ok() {
            intents.write(Intent::Choose {
                source: entry.source.clone(),
                seed: None,
            });
        }
        if pressed(&ctx, egui::Key::R) {
            author.rerun = true;
        }
    }

    let mut root = root(&ctx);
    egui::Panel::bottom("author_buttons")
        .exact_size(64.0)
        .show(&mut root, |ui| {
            ui.add_space(12.0);
            ui.horizontal(|ui| {
                let play = ui
                    .add_enabled(
                        entry.scenario.is_ok(),
                        egui::Button::new(RichText::new("Play it").size(18.0))
                            .min_size(egui::vec2(140.0, 36.0)),
                    )
                    .on_hover_text("Read the briefing and play  [Enter]");
                if play.clicked() {
                    intents.write(Intent::Choose {
                        source: entry.source.clone(),
                        seed: None,
                    });
                }
                back_to_scenarios(ui, &mut intents);
                notice(ui, session.notice.as_ref(), &palette);
            });
        });

    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.add_space(16.0);
                ui.label(theme::title(entry.title()));
                let place = match &entry.source {
                    Source::Builtin(id) => format!("built-in scenario `{id}`"),
                    Source::File(path) => path.display().to_string(),
                };
                ui.label(RichText::new(place).small().color(palette.muted));
                ui.add_space(8.0);
                file_status(ui, &author, entry.source.file(), &problems, &palette);
                ui.add_space(12.0);
                match &entry.scenario {
                    Ok(scenario) => {
                        check_section(ui, &mut author, &palette);
                        ui.add_space(12.0);
                        search_section(ui, &mut author, scenario, &palette);
                    }
                    Err(_) => {
                        ui.label(
                            RichText::new(
                                "The lesson check runs once the file is valid; save a fix and it starts by itself.",
                            )
                            .color(palette.muted),
                        );
                    }
                }
            });
    });
    Ok(())
}

/// Whether the file is valid, and every error if it is not (or if the last edit broke it).
fn file_status(
    ui: &mut egui::Ui,
    author: &Author,
    file: Option<&std::path::Path>,
    problems: &Problems,
    palette: &Palette,
) {
    let broken_edit = file.and_then(|f| problems.files.get(f));
    match (broken_edit, &author.errors) {
        (Some(errors), _) => {
            ui.label(
                RichText::new("Your last edit has errors; the game keeps the last good version.")
                    .color(palette.bad)
                    .strong(),
            );
            errors_block(ui, errors);
        }
        (None, Some(errors)) => {
            ui.label(
                RichText::new("This file has errors and cannot be played yet.")
                    .color(palette.bad)
                    .strong(),
            );
            errors_block(ui, errors);
        }
        (None, None) => {
            ui.label(
                RichText::new(
                    "The file is valid. Edits are picked up as you save them (your own files only).",
                )
                .color(palette.good),
            );
        }
    }
}

/// Rendered errors in a monospace block that never grows past its panel.
fn errors_block(ui: &mut egui::Ui, errors: &str) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        egui::ScrollArea::both()
            .id_salt("author_errors")
            .max_height(260.0)
            .show(ui, |ui| {
                ui.label(RichText::new(errors).monospace());
            });
    });
}

/// The exploit search: plans the bots do not play that break a lesson or the thesis, on the
/// author's request, with its progress and each counterexample as a plan.
fn search_section(
    ui: &mut egui::Ui,
    author: &mut Author,
    scenario: &std::sync::Arc<crate::sim::Scenario>,
    palette: &Palette,
) {
    ui.heading("Exploit search");
    ui.add(
        egui::Label::new(
            RichText::new(
                "Plays strategies the bots do not: one action all week, two half and half, a switch of \
                 style mid-run, hill-climbing from each bot's week. Each broken lesson or rule is shown \
                 as a plan. Then checks the model's promises on this file: the temptations tempt and \
                 lose, every management action earns its hours, the verdict's lines put the bots \
                 where they are named (the same as `multiplier check FILE --search`).",
            )
            .small()
            .color(palette.muted),
        )
        .wrap(),
    );
    let running = author.search.as_ref().is_some_and(|s| s.work.running());
    let stale = author
        .search
        .as_ref()
        .is_some_and(|s| !std::sync::Arc::ptr_eq(&s.scenario, scenario));
    let label = if author.search.is_none() {
        "Search"
    } else {
        "Search again"
    };
    if ui
        .add_enabled(!running, egui::Button::new(label))
        .on_hover_text("A few seconds; the game stays responsive")
        .clicked()
    {
        author.search_asked = true;
    }
    let Some(search) = author.search.as_ref() else {
        return;
    };
    if stale && !running {
        ui.label(
            RichText::new(
                "The file changed since this search: search again to check the new version.",
            )
            .small()
            .color(palette.bad),
        );
    }
    if running {
        ui.add(
            egui::ProgressBar::new(search.work.progress())
                .show_percentage()
                .desired_width(ui.available_width().min(520.0))
                .text("Searching…"),
        );
        return;
    }
    let Some(report) = &search.work.report else {
        ui.label(RichText::new("The search stopped without an answer.").color(palette.bad));
        return;
    };
    search_findings(ui, search, report, palette);
}

/// What a finished search found: a line on the whole, a card per broken lesson or rule,
/// and the best plan it found.
fn search_findings(
    ui: &mut egui::Ui,
    search: &crate::game::author::ExploitSearch,
    report: &crate::sim::search::SearchReport,
    palette: &Palette,
) {
    use crate::sim::search::{Rule, SEARCH_SEEDS, describe};
    let broken = report.rules.iter().filter(|(_, held)| !held).count();
    let (text, colour) = if broken == 0 {
        (
            format!(
                "Nothing found: {} strategies, each on {SEARCH_SEEDS} worlds, break no lesson or rule, and every promise holds.",
                report.tried
            ),
            palette.good,
        )
    } else {
        (
            format!(
                "{broken} of {} lessons, rules and promises fall ({} strategies tried):",
                report.rules.len(),
                report.tried
            ),
            palette.bad,
        )
    };
    ui.label(RichText::new(text).color(colour));
    for f in &report.findings {
        let rule = match f.rule {
            Rule::Lesson(i) => search
                .scenario
                .lessons
                .get(i)
                .map_or_else(|| f.rule.to_string(), |l| format!("lesson: {}", l.text)),
            _ => f.rule.to_string(),
        };
        theme::card(false, palette.selected).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(rule).strong().color(palette.bad));
            ui.add(egui::Label::new(RichText::new(&f.says).small()).wrap());
        });
    }
    ui.label(
        RichText::new(format!(
            "Best found: {}",
            describe(&search.scenario, &report.best.strategy)
        ))
        .small()
        .color(palette.muted),
    );
    middle_game(ui, search, report, palette);
}

/// Beside the adaptive bots, the plans that do not adapt: the best routine (the same week
/// every week) and the balanced bot's early plan kept to the end, as `check --search` says
/// them. A run that keeps asking leaves both well behind.
fn middle_game(
    ui: &mut egui::Ui,
    search: &crate::game::author::ExploitSearch,
    report: &crate::sim::search::SearchReport,
    palette: &Palette,
) {
    let routine = report.routine_says(&search.scenario);
    let frozen = report.frozen_says();
    if routine.is_none() && frozen.is_none() {
        return;
    }
    ui.add_space(8.0);
    ui.label(RichText::new("The middle game: plans that never adapt").strong());
    ui.add(
        egui::Label::new(
            RichText::new(format!(
                "Par is the balanced bot, which adapts: Output {}, Value {}. The closer a plan \
                 that never changes comes to it, the less the middle of the run asks of a player.",
                text::num(report.par.totals.output),
                text::num(report.par.totals.value)
            ))
            .small()
            .color(palette.muted),
        )
        .wrap(),
    );
    if let Some(routine) = routine {
        ui.add(egui::Label::new(RichText::new(capitalised(&routine)).small()).wrap());
    }
    if let Some((held, says)) = frozen {
        let colour = if held { palette.good } else { palette.bad };
        ui.add(egui::Label::new(RichText::new(capitalised(says)).small().color(colour)).wrap());
    }
}

/// A sentence the command line prints mid-line, begun with a capital.
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// The check's progress, the lessons and each bot's spread.
fn check_section(ui: &mut egui::Ui, author: &mut Author, palette: &Palette) {
    ui.heading("Lesson check");
    ui.horizontal_wrapped(|ui| {
        ui.label("Seeds:");
        for n in SEED_CHOICES {
            if ui
                .selectable_label(author.seeds == n, n.to_string())
                .on_hover_text("Every bot plays this many worlds")
                .clicked()
                && author.seeds != n
            {
                author.seeds = n;
            }
        }
        let running = author.check.as_ref().is_some_and(|c| c.work.running());
        if ui
            .add_enabled(!running, egui::Button::new("Run again"))
            .on_hover_text("[R]")
            .clicked()
        {
            author.rerun = true;
        }
    });
    let Some(check) = author.check.as_ref() else {
        return;
    };
    let progress = egui::ProgressBar::new(check.work.progress())
        .show_percentage()
        .desired_width(ui.available_width().min(520.0));
    ui.add(if check.work.running() {
        progress.text(format!(
            "Playing {} bots × {} seeds…",
            Policy::ALL.len(),
            check.seeds
        ))
    } else {
        progress
    });
    match &check.work.report {
        Some(report) => {
            ui.add_space(8.0);
            lessons(ui, report, palette);
            ui.add_space(12.0);
            spreads(ui, report, palette);
        }
        None if !check.work.running() => {
            ui.label(RichText::new("The check stopped before it finished.").color(palette.bad));
        }
        None => {}
    }
}

/// One row per lesson: the claim, both means, the share of seeds where it held.
fn lessons(ui: &mut egui::Ui, report: &CheckReport, palette: &Palette) {
    if report.lessons.is_empty() {
        ui.label(
            RichText::new("This scenario declares no lessons: add some under `lessons` to check what it teaches.")
                .color(palette.muted),
        );
        return;
    }
    let passed = report.lessons.iter().filter(|l| l.passed()).count();
    ui.label(
        RichText::new(format!(
            "{passed} of {} lessons hold over {} seeds",
            report.lessons.len(),
            report.seeds
        ))
        .strong()
        .color(if report.passed() {
            palette.good
        } else {
            palette.bad
        }),
    );
    for result in &report.lessons {
        let l = &result.lesson;
        let (mark, colour) = if result.passed() {
            ("holds", palette.good)
        } else {
            ("fails", palette.bad)
        };
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_top(|ui| {
                ui.label(RichText::new(mark).strong().color(colour));
                ui.add(egui::Label::new(&l.text).wrap());
            });
            ui.add(
                egui::Label::new(
                    RichText::new(format!(
                        "{}: {} {} vs {} {} · held in {} of seeds (needs {})",
                        l.score.name(),
                        l.better.label(),
                        text::num(result.better_mean),
                        l.worse.label(),
                        text::num(result.worse_mean),
                        text::percent(result.held),
                        text::percent(l.share)
                    ))
                    .color(palette.muted),
                )
                .wrap(),
            );
        });
    }
}

/// Each bot's mean Output and Value with their ranges, as a table and on the quadrant.
fn spreads(ui: &mut egui::Ui, report: &CheckReport, palette: &Palette) {
    ui.heading("What each bot achieves");
    let spreads: Vec<(Policy, Spread)> = Policy::ALL
        .into_iter()
        .filter_map(|p| report.spread(p).map(|s| (p, s)))
        .collect();
    egui::Grid::new("author_spreads")
        .striped(true)
        .num_columns(3)
        .spacing([16.0, 6.0])
        .show(ui, |ui| {
            ui.label(RichText::new("Bot").strong());
            ui.label(RichText::new("Output: mean (range)").strong());
            ui.label(RichText::new("Value: mean (range)").strong());
            ui.end_row();
            for &(policy, s) in &spreads {
                ui.label(RichText::new(policy.label()).color(palette.bot(policy)));
                ui.label(format!(
                    "{} ({}–{})",
                    text::num(s.mean.output),
                    text::num(s.min.output),
                    text::num(s.max.output)
                ));
                ui.label(format!(
                    "{} ({}–{})",
                    text::num(s.mean.value),
                    text::num(s.min.value),
                    text::num(s.max.value)
                ));
                ui.end_row();
            }
        });
    ui.add_space(8.0);
    ui.label(
        RichText::new("Dots: each bot's mean; lines: the range over the seeds.")
            .small()
            .color(palette.muted),
    );
    spreads_plot(ui, &spreads, palette);
}

/// Each bot's mean Output against Value as a dot, its range over the seeds as lines.
fn spreads_plot(ui: &mut egui::Ui, spreads: &[(Policy, Spread)], palette: &Palette) {
    let plot = Plot::new("author_quadrant")
        .height(260.0)
        .width(ui.available_width().clamp(200.0, 900.0))
        .x_axis_label("Output")
        .y_axis_label("Value")
        // The points' colours in the legend (the range lines share the names, dimmer), and
        // room at the top right so that the legend covers no point.
        .legend(Legend::default().color_conflict_handling(ColorConflictHandling::PickLast))
        .include_x(
            spreads
                .iter()
                .map(|(_, s)| s.max.output)
                .fold(0.0, f64::max)
                * 1.45,
        )
        .include_y(spreads.iter().map(|(_, s)| s.max.value).fold(0.0, f64::max) * 1.3)
        .include_x(0.0)
        .include_y(0.0)
        .label_formatter(|pos| match pos {
            HoverPosition::NearDataPoint {
                plot_name,
                position,
                ..
            } if !plot_name.is_empty() => Some(format!(
                "{plot_name}\nOutput {} · Value {}",
                text::whole(position.x),
                text::whole(position.y)
            )),
            _ => None,
        })
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false);
    plot.show(ui, |plot| {
        for &(policy, s) in spreads {
            let colour = palette.bot(policy);
            plot.line(
                Line::new(
                    policy.label(),
                    PlotPoints::new(vec![
                        [s.min.output, s.mean.value],
                        [s.max.output, s.mean.value],
                    ]),
                )
                .color(colour.gamma_multiply(0.6)),
            );
            plot.line(
                Line::new(
                    policy.label(),
                    PlotPoints::new(vec![
                        [s.mean.output, s.min.value],
                        [s.mean.output, s.max.value],
                    ]),
                )
                .color(colour.gamma_multiply(0.6)),
            );
            plot.points(
                Points::new(policy.label(), vec![[s.mean.output, s.mean.value]])
                    .radius(5.0)
                    .color(colour),
            );
        }
    });
}
