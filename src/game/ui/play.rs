//! The play screen: the team, the actions, the plan, the product, the charts and the feed.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use egui::{Color32, RichText};
use egui_plot::{Line, Plot, PlotPoints};

use super::BacklogOrder;
use super::theme::{self, Palette};
use super::{
    Intents, UiState, clock, flow, keys_free, notice, pressed, pressed_ctrl, root, scroll_id, take,
};
use crate::app::whatif;
use crate::app::{Intent, Pick, Run, Session};
use crate::game::screens::Overlay;
use crate::game::settings::Settings;
use crate::sim::{ActionDef, Family, Stat, TargetKind};

pub(super) fn draw(
    mut contexts: EguiContexts,
    mut intents: Intents,
    session: Res<Session>,
    mut overlay: ResMut<Overlay>,
    mut ui_state: ResMut<UiState>,
    settings: Res<Settings>,
) -> Result {
    let ctx = contexts.ctx_mut()?.clone();
    let palette = Palette::of(&settings);
    let note = session.notice.clone();
    let Some(run) = session.run.as_ref() else {
        return Ok(());
    };
    // A week played since the last frame moves the flow picture again; a new run, a load or
    // an undo does not (the window stays idle until the player acts).
    let weeks = run.reports.len();
    if ui_state.weeks_seen != Some(weeks) {
        if ui_state.weeks_seen.is_some_and(|seen| weeks > seen) {
            ui_state.flow_started = Some(ctx.input(|i| i.time));
        }
        ui_state.weeks_seen = Some(weeks);
    }
    let pending = run.game.pending().is_some();

    if keys_free(&ctx, *overlay) && !pending {
        if pressed(&ctx, egui::Key::Enter)
            || (pressed(&ctx, egui::Key::Space) && ctx.memory(|m| m.focused().is_none()))
        {
            intents.write(Intent::EndWeek);
        }
        if pressed_ctrl(&ctx, egui::Key::Z) || pressed(&ctx, egui::Key::U) {
            intents.write(Intent::Undo);
        }
        if pressed_ctrl(&ctx, egui::Key::S) {
            *overlay = Overlay::Save;
        }
        if take(&ctx, egui::Key::Escape) {
            *overlay = Overlay::Settings;
        }
        if take(&ctx, egui::Key::F1) {
            *overlay = Overlay::Help;
        }
        if pressed(&ctx, egui::Key::Backspace) && !run.game.plan().is_empty() {
            intents.write(Intent::Remove(run.game.plan().len() - 1));
        }
        // Just after an event is answered, the answer keys do not plan actions: a double
        // press would plan one the player never chose.
        let now = ctx.input(|i| i.time);
        let answering = ui_state.decided_at.is_some_and(|t| now - t < 0.6);
        for (i, def) in ordered_actions(run).into_iter().enumerate() {
            if !answering && action_key(i).is_some_and(|key| pressed(&ctx, key)) {
                intents.write(Intent::Add(run.aimed(def)));
            }
        }
        cycle_selection(&ctx, run, ui_state.backlog_order, &mut intents);
    }

    let mut root = root(&ctx);
    top_bar(
        &mut root,
        run,
        &palette,
        &mut intents,
        &mut overlay,
        pending,
    );
    egui::Panel::left("team")
        .resizable(true)
        .default_size(250.0)
        .min_size(210.0)
        .max_size(380.0)
        .show(&mut root, |ui| team(ui, run, &palette, &mut intents));
    egui::Panel::right("actions")
        .resizable(true)
        .default_size(320.0)
        .min_size(270.0)
        .max_size(460.0)
        .show(&mut root, |ui| actions(ui, run, &palette, &mut intents));
    egui::Panel::bottom("feed")
        .resizable(true)
        .default_size(150.0)
        .min_size(90.0)
        .show(&mut root, |ui| {
            notice(ui, note.as_ref(), &palette);
            feed(ui, run, &palette)
        });
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical()
            .id_salt(scroll_id(run, "centre"))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                goals(ui, run, &palette);
                let animate = !settings.reduced_motion;
                flow::draw(ui, run, &palette, animate, ui_state.flow_started);
                ui.add_space(4.0);
                charts(ui, run, &palette);
                ui.add_space(6.0);
                ui.columns(2, |cols| {
                    backlog(&mut cols[0], run, &palette, &mut ui_state, &mut intents);
                    customers(&mut cols[1], run, &palette, &mut intents);
                });
            });
    });
    if pending && event_modal(&ctx, run, &palette, &mut intents) {
        ui_state.decided_at = Some(ctx.input(|i| i.time));
    }
    Ok(())
}

/// The briefing's goals, kept in sight: each the game can check says whether it is met as the
/// run stands.
fn goals(ui: &mut egui::Ui, run: &Run, palette: &Palette) {
    let goals = crate::sim::review::goals(&run.game);
    if goals.is_empty() {
        return;
    }
    let checked = goals.iter().filter(|g| g.met.is_some()).count();
    let met = goals.iter().filter(|g| g.met == Some(true)).count();
    let title = if checked == 0 {
        "Your goals".to_string()
    } else {
        format!("Your goals · {met} of {checked} met now")
    };
    egui::CollapsingHeader::new(RichText::new(title).strong())
        .id_salt(super::scroll_id(run, "goals"))
        .default_open(true)
        .show(ui, |ui| {
            for g in &goals {
                ui.horizontal_wrapped(|ui| {
                    let (mark, colour) = match g.met {
                        Some(true) => ("met", palette.good),
                        Some(false) => ("not yet", palette.muted),
                        None => ("you judge", palette.muted),
                    };
                    ui.label(RichText::new(format!("{mark:>8}")).small().color(colour));
                    ui.add(egui::Label::new(RichText::new(&g.text).small()).wrap());
                });
            }
        });
    ui.add_space(4.0);
}

fn top_bar(
    root: &mut egui::Ui,
    run: &Run,
    palette: &Palette,
    intents: &mut Intents,
    overlay: &mut Overlay,
    pending: bool,
) {
    let game = &run.game;
    let state = game.state();
    let last = state.history.last();
    egui::Panel::top("hud").exact_size(58.0).show(root, |ui| {
        ui.add_space(6.0);
        // The buttons are laid out first, from the right, so they always fit; the figures
        // take the space left and shorten their labels rather than run under the buttons.
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let end = ui
                .add_enabled(
                    !pending,
                    egui::Button::new(RichText::new("End week ▶").size(17.0).strong())
                        .fill(Color32::from_rgb(0x2E, 0x5C, 0x8A))
                        .min_size(egui::vec2(120.0, 36.0)),
                )
                .on_hover_text("Play the week with this plan  [Enter / Space]")
                .on_disabled_hover_text("Decide the event first");
            if end.clicked() {
                intents.write(Intent::EndWeek);
            }
            if ui.button("Menu").on_hover_text("Pause, settings, load, quit  [Esc]").clicked() {
                *overlay = Overlay::Settings;
            }
            if ui.button("Save").on_hover_text("Save under a name  [Ctrl+S]").clicked() {
                *overlay = Overlay::Save;
            }
            if ui
                .add_enabled(!game.log().is_empty(), egui::Button::new("Undo"))
                .on_hover_text("Take back the last week  [Ctrl+Z or U]")
                .on_disabled_hover_text("No week played yet")
                .clicked()
            {
                intents.write(Intent::Undo);
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                ui.set_clip_rect(ui.max_rect());
                ui.vertical(|ui| {
                    ui.set_max_width((ui.available_width() * 0.3).clamp(140.0, 300.0));
                    ui.add(egui::Label::new(RichText::new(&game.scenario().story.title).strong()).truncate());
                    ui.label(
                        RichText::new(format!("Week {} of {}", game.week().min(game.scenario().weeks), game.scenario().weeks))
                            .size(18.0),
                    );
                });
                ui.separator();
                ui.vertical(|ui| {
                    let used = game.hours_planned();
                    let hours = game.hours();
                    ui.label(format!("{:.0} of {:.0} h left", (hours - used).max(0.0), hours))
                        .on_hover_text("Your attention: hours you can still plan this week. Every action costs hours.");
                    let frac = if hours > 0.0 { (used / hours) as f32 } else { 1.0 };
                    ui.add(egui::ProgressBar::new(frac.clamp(0.0, 1.0)).desired_width(120.0).desired_height(10.0));
                });
                if let Some(timer) = run.timer {
                    ui.separator();
                    let colour = if timer.left <= 15.0 { palette.bad } else { palette.value };
                    ui.vertical(|ui| {
                        ui.label(RichText::new(format!("{} left", clock(timer.left))).size(18.0).strong().color(colour))
                            .on_hover_text("The workshop's week timer: at zero the week ends with the plan as it stands, and an open event takes its first answer.");
                        if let Some(w) = &run.workshop {
                            ui.add(egui::Label::new(RichText::new(&w.team).small().color(palette.muted)).truncate());
                        }
                    });
                }
                if let Some(room) = run.workshop.as_ref().and_then(|w| w.room.as_ref()) {
                    ui.separator();
                    ui.vertical(|ui| {
                        let (text, colour, tip) = if !room.reached {
                            ("Host out of reach".to_string(), palette.bad, format!("Your weeks wait here and go to {} once it answers; play on.", room.address))
                        } else if room.clock.paused {
                            ("Room paused".to_string(), palette.bad, "The facilitator has paused the room: weeks cannot end until it resumes.".to_string())
                        } else if let Some(why) = run.held() {
                            ("Waiting for the room".to_string(), palette.muted, format!("The room plays in step: {why}."))
                        } else {
                            let sent = room.acked;
                            (format!("Room: {sent} weeks sent"), palette.value, format!("Your weeks go to the facilitator at {} as you play.", room.address))
                        };
                        ui.label(RichText::new(text).strong().color(colour)).on_hover_text(tip);
                        if let Some(week) = room.clock.room_week {
                            ui.label(RichText::new(format!("Room at week {week}")).small().color(palette.muted));
                        }
                    });
                }
                ui.separator();
                // The same breakdown as the feed's: why last week's number moved.
                let moved = |topic: crate::sim::Topic| {
                    run.reports
                        .last()
                        .and_then(|r| r.causes.iter().find(|c| c.topic == topic))
                        .map_or(String::new(), |c| format!("\n\nLast week: {}", theme::drawable(&c.text)))
                };
                let output_why = format!(
                    "Effort the team (and you) delivered: work done, scaled by skill, morale, clarity and autonomy.{}",
                    moved(crate::sim::Topic::Output)
                );
                let value_why = format!(
                    "What customers and the business got: revenue from customers who adopted what shipped and are satisfied.{}",
                    moved(crate::sim::Topic::Value)
                );
                score(ui, "Output", last.map_or(0.0, |r| r.output), state.total_output(), palette.output, &output_why);
                ui.separator();
                score(ui, "Value", last.map_or(0.0, |r| r.value), state.total_value(), palette.value, &value_why);
            });
        });
    });
}

/// A score: its name and this week's figure, the run's total under it.
fn score(ui: &mut egui::Ui, name: &str, week: f64, total: f64, colour: Color32, why: &str) {
    let why = format!("{why}\nTop: this week. Below: the whole run so far.");
    ui.vertical(|ui| {
        ui.horizontal(|ui| {
            ui.label(RichText::new(name).color(colour).strong());
            ui.label(RichText::new(theme::num(week)).strong());
        })
        .response
        .on_hover_text(&why);
        ui.label(format!("{} total", theme::num(total)))
            .on_hover_text(&why);
    });
}

fn team(ui: &mut egui::Ui, run: &Run, palette: &Palette, intents: &mut Intents) {
    ui.add_space(4.0);
    ui.heading("Team");
    ui.label(
        RichText::new("Click a person to aim person actions at them.")
            .small()
            .color(palette.muted),
    );
    let ramp = run.game.scenario().model.ramp_weeks;
    let mut clicked = None;
    egui::ScrollArea::vertical().id_salt(scroll_id(run, "team")).auto_shrink([false, false]).show(ui, |ui| {
        for p in &run.game.state().people {
            let selected = run.selection.person.as_deref() == Some(p.id.as_str());
            let f = p.factors(ramp);
            let resp = theme::card(selected, palette.selected)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(&p.name).strong());
                        ui.label(RichText::new(p.role.name()).small().color(palette.muted));
                        if selected {
                            ui.label(RichText::new("(target)").small().color(palette.selected));
                        }
                    });
                    theme::bar(ui, "Skill", p.skill, palette.output);
                    theme::bar(ui, "Morale", p.morale, palette.good);
                    theme::bar(ui, "Autonomy", p.autonomy, palette.families[0]);
                    theme::bar(ui, "Clarity", p.clarity, palette.value);
                    if p.flight_risk > 0.2 {
                        ui.label(
                            RichText::new(format!("(!) may leave: flight risk {:.0}%", p.flight_risk * 100.0))
                                .color(palette.bad),
                        );
                    }
                })
                .response
                .interact(egui::Sense::click())
                .on_hover_ui(|ui| {
                    ui.label(RichText::new(format!("{} — {}", p.name, p.role.name())).strong());
                    egui::Grid::new(("stats", &p.id)).num_columns(2).show(ui, |ui| {
                        for stat in Stat::ALL {
                            ui.label(stat.label());
                            ui.label(format!("{:.2}", p.stat(stat)));
                            ui.end_row();
                        }
                        ui.label("Potential");
                        ui.label(format!("{:.2}", p.potential));
                        ui.end_row();
                    });
                    ui.separator();
                    ui.label("Weekly output = product of:");
                    egui::Grid::new(("factors", &p.id)).num_columns(2).show(ui, |ui| {
                        for (name, v) in [
                            ("skill", f.skill),
                            ("morale 0.3+0.7×m", f.morale),
                            ("clarity 0.4+0.6×c", f.clarity),
                            ("autonomy 0.6+0.4×a", f.autonomy),
                            ("ramp-up", f.ramp),
                            ("available time", f.available),
                        ] {
                            ui.label(name);
                            ui.label(format!("× {v:.2}"));
                            ui.end_row();
                        }
                        ui.label(RichText::new("= factor").strong());
                        ui.label(RichText::new(format!("{:.2}", f.product())).strong());
                        ui.end_row();
                    });
                    if p.flight_risk > 0.2 {
                        ui.label(RichText::new("Flight risk rises while morale is low; one-to-ones and autonomy bring it down.").color(palette.bad));
                    }
                });
            if resp.clicked() {
                clicked = Some(p.id.clone());
            }
            ui.add_space(4.0);
        }
        for (week, p) in &run.game.state().departed {
            ui.label(RichText::new(format!("{} left in week {week}", p.name)).small().color(palette.muted));
        }
    });
    if let Some(id) = clicked {
        intents.write(Intent::Select(Pick::Person(id)));
    }
}

fn actions(ui: &mut egui::Ui, run: &Run, palette: &Palette, intents: &mut Intents) {
    let game = &run.game;
    ui.add_space(4.0);
    ui.heading("This week's plan");
    ui.label(
        RichText::new(format!(
            "{:.0} of {:.0} hours planned · carries over to next week",
            // An empty sum is -0.0; show it as 0.
            game.hours_planned() + 0.0,
            game.hours()
        ))
        .small()
        .color(palette.muted),
    );
    egui::ScrollArea::vertical()
        .id_salt(scroll_id(run, "plan"))
        // A fixed height: a list that grew and shrank with the plan moved the action buttons
        // below it under the pointer, and a second click hit the wrong action.
        .min_scrolled_height(150.0)
        .max_height(150.0)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            // Entries past the week's hours (an event took some away) are marked: they are
            // what ending the week will skip.
            let mut used = 0.0;
            if game.plan().is_empty() {
                ui.label(
                    RichText::new("Nothing planned: the team works on its own.")
                        .italics()
                        .color(palette.muted),
                );
            }
            for (i, p) in game.plan().iter().enumerate() {
                let def = game.scenario().action(&p.action);
                let name = def.map_or(p.action.as_str(), |d| d.name.as_str());
                let colour = def.map_or(palette.muted, |d| palette.family(d.family));
                ui.horizontal(|ui| {
                    if ui
                        .small_button("x")
                        .on_hover_text("Remove from the plan  [Backspace removes the last]")
                        .clicked()
                    {
                        intents.write(Intent::Remove(i));
                    }
                    let target = p
                        .target
                        .as_deref()
                        .map(|t| format!(": {}", run.target_name(t)))
                        .unwrap_or_default();
                    let hours = def.map_or(0.0, |d| d.hours);
                    used += hours;
                    let fits = used <= game.hours() + 1e-9;
                    let (text, colour) = if fits {
                        (format!("{name}{target} · {hours:.0}h"), colour)
                    } else {
                        (format!("{name}{target} · {hours:.0}h · won't fit: skipped"), palette.bad)
                    };
                    ui.add(egui::Label::new(RichText::new(text).color(colour)).truncate())
                        .on_hover_text("Beyond this week's hours: it will be skipped unless you remove something before it.");
                });
            }
        });
    if !game.plan().is_empty() && ui.small_button("Clear plan").clicked() {
        intents.write(Intent::ClearPlan);
    }
    ui.separator();
    ui.heading("Actions");
    egui::ScrollArea::vertical()
        .id_salt(scroll_id(run, "actions"))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let ordered = ordered_actions(run);
            // The plan as it stands, played ahead only once an action is hovered (a frame
            // with no hover plays nothing); the hovered action is measured against it.
            let baseline = std::cell::OnceCell::new();
            let baseline = || {
                baseline
                    .get_or_init(|| run.previews().then(|| whatif::Baseline::of(game)).flatten())
                    .as_ref()
            };
            for family in Family::ALL {
                let defs: Vec<_> = ordered
                    .iter()
                    .enumerate()
                    .filter(|(_, a)| a.family == family)
                    .collect();
                if defs.is_empty() {
                    continue;
                }
                ui.add_space(4.0);
                ui.label(
                    RichText::new(family.label())
                        .color(palette.family(family))
                        .strong(),
                )
                .on_hover_text(family_hint(family));
                for (index, def) in defs {
                    let key = action_key(index);
                    let key_text =
                        key.map_or_else(String::new, |k| format!("  [{}]", k.symbol_or_name()));
                    let planned = run.aimed(def);
                    let check = game.check(&planned);
                    let target = planned
                        .target
                        .as_deref()
                        .map(|t| format!(": {}", run.target_name(t)))
                        .unwrap_or_default();
                    let text = format!("{}{}   {:.0}h{key_text}", def.name, target, def.hours);
                    let button = egui::Button::new(RichText::new(text))
                        .min_size(egui::vec2(ui.available_width(), 26.0))
                        .stroke(egui::Stroke::new(
                            1.0,
                            palette.family(family).gamma_multiply(0.5),
                        ));
                    let pick = match def.target {
                        TargetKind::None => "",
                        TargetKind::Person => "\nTarget: click a person in Team.",
                        TargetKind::Item => "\nTarget: click an item in the Backlog.",
                        TargetKind::Segment => "\nTarget: click a segment in Customers.",
                    };
                    let resp = ui.add_enabled(check.is_ok(), button).on_hover_ui(|ui| {
                        ui.set_max_width(360.0);
                        ui.label(format!(
                            "{}{pick}\nAdd to the plan: click or press the key{key_text}.",
                            def.description
                        ));
                        if let Some(p) = baseline().and_then(|b| whatif::preview(game, b, &planned))
                        {
                            ui.separator();
                            preview_lines(ui, &p, palette);
                        }
                    });
                    let resp = match &check {
                        Err(why) => resp.on_disabled_hover_text(format!(
                            "{}\n\nCan't take it now: {why}",
                            def.description
                        )),
                        Ok(()) => resp,
                    };
                    if resp.clicked() {
                        intents.write(Intent::Add(planned));
                    }
                }
            }
        });
}

/// What an action does if added, as the hover shows it: this week's numbers, the people it
/// moves, and a few weeks out if the plan is kept (an estimate).
fn preview_lines(ui: &mut egui::Ui, p: &whatif::Preview, palette: &Palette) {
    ui.label(
        RichText::new(format!(
            "This week: Output {} · Value {} · {:.0} h",
            whatif::signed(p.output),
            whatif::signed(p.value),
            p.hours
        ))
        .strong(),
    );
    if !p.people.is_empty() {
        let moved = whatif::moved_in_words(&p.people);
        ui.add(egui::Label::new(format!("Moves {moved}")).wrap());
    }
    if let Some(later) = p.later {
        ui.label(
            RichText::new(format!(
                "If you keep this plan, over {} weeks: Output {} · Value {} (an estimate)",
                later.weeks,
                whatif::signed(later.output),
                whatif::signed(later.value)
            ))
            .color(palette.muted),
        );
    }
}

/// The scenario's actions in the order the panel lists them (by family), which is also the
/// order of their keys.
fn ordered_actions(run: &Run) -> Vec<&ActionDef> {
    let actions = &run.game.scenario().actions;
    Family::ALL
        .into_iter()
        .flat_map(|family| actions.iter().filter(move |a| a.family == family))
        .collect()
}

/// The key that plans the action listed at `index`: digits first, then letters not taken by
/// other commands (U is undo).
fn action_key(index: usize) -> Option<egui::Key> {
    use egui::Key::*;
    const KEYS: [egui::Key; 35] = [
        Num1, Num2, Num3, Num4, Num5, Num6, Num7, Num8, Num9, Num0, A, B, C, D, E, F, G, H, I, J,
        K, L, M, N, O, P, Q, R, T, V, W, X, Y, Z, Minus,
    ];
    KEYS.get(index).copied()
}

/// Left/Right pick the previous or next person, Up/Down the backlog item, Page Up/Page Down
/// the customer segment: targets without the mouse.
fn cycle_selection(ctx: &egui::Context, run: &Run, order: BacklogOrder, intents: &mut Intents) {
    let step = |back: egui::Key, forward: egui::Key| -> isize {
        isize::from(pressed(ctx, forward)) - isize::from(pressed(ctx, back))
    };
    // The id `by` places after `current` among `ids`, going round.
    let cycle = |ids: Vec<&str>, current: Option<&str>, by: isize| -> Option<String> {
        if by == 0 || ids.is_empty() {
            return None;
        }
        let n = ids.len() as isize;
        let at = current
            .and_then(|c| ids.iter().position(|id| *id == c))
            .map_or(0, |i| i as isize);
        ids.get((at + by).rem_euclid(n) as usize)
            .map(|id| id.to_string())
    };
    let (state, sel) = (run.game.state(), &run.selection);
    let people = state.people.iter().map(|p| p.id.as_str()).collect();
    // In the order the backlog shows them.
    let items = backlog_rows(state, order)
        .into_iter()
        .map(|i| i.id.as_str())
        .collect();
    let segments = state.segments.iter().map(|s| s.id.as_str()).collect();
    let by = step(egui::Key::ArrowLeft, egui::Key::ArrowRight);
    if let Some(id) = cycle(people, sel.person.as_deref(), by) {
        intents.write(Intent::Select(Pick::Person(id)));
    }
    let by = step(egui::Key::ArrowUp, egui::Key::ArrowDown);
    if let Some(id) = cycle(items, sel.item.as_deref(), by) {
        intents.write(Intent::Select(Pick::Item(id)));
    }
    let by = step(egui::Key::PageUp, egui::Key::PageDown);
    if let Some(id) = cycle(segments, sel.segment.as_deref(), by) {
        intents.write(Intent::Select(Pick::Segment(id)));
    }
}

fn family_hint(family: Family) -> &'static str {
    match family {
        Family::Leadership => {
            "Slow, compounding gains in skill, clarity, autonomy and morale: multiplies Output."
        }
        Family::Management => {
            "Reveals what customers value, aims effort at it, turns Output into Value."
        }
        Family::Individual => {
            "You do the work: instant Output that never compounds, and starves everything else."
        }
        Family::Micromanagement => "A bump today; erodes morale and autonomy, raises flight risk.",
    }
}

fn charts(ui: &mut egui::Ui, run: &Run, palette: &Palette) {
    let history = &run.game.state().history;
    let weeks = run.game.scenario().weeks as f64;
    let series = |f: fn(&crate::sim::WeekRecord) -> f64| -> Vec<[f64; 2]> {
        history.iter().map(|r| [r.week as f64, f(r)]).collect()
    };
    ui.columns(2, |cols| {
        for (col, name, colour, points) in [
            (0, "Output per week", palette.output, series(|r| r.output)),
            (1, "Value per week", palette.value, series(|r| r.value)),
        ] {
            let ui = &mut cols[col];
            ui.label(RichText::new(name).color(colour).strong());
            Plot::new(name)
                .height(110.0)
                .allow_drag(false)
                .allow_zoom(false)
                .allow_scroll(false)
                .allow_boxed_zoom(false)
                .include_x(0.0)
                .include_x(weeks.max(1.0))
                .include_y(0.0)
                .include_y(1.0)
                .show(ui, |plot| {
                    plot.line(
                        Line::new(name, PlotPoints::from(points))
                            .color(colour)
                            .width(2.5),
                    );
                });
        }
    });
}

/// The open items in `order` (the unknown-value order lists only those).
fn backlog_rows(state: &crate::sim::State, order: BacklogOrder) -> Vec<&crate::sim::Item> {
    let mut open: Vec<_> = state.items.iter().filter(|i| i.open()).collect();
    let by_value = |a: &&crate::sim::Item, b: &&crate::sim::Item| {
        (b.revealed.cmp(&a.revealed))
            .then(b.total_value().total_cmp(&a.total_value()))
            .then(b.progress.total_cmp(&a.progress))
    };
    match order {
        BacklogOrder::Value => open.sort_by(by_value),
        BacklogOrder::Building => open.sort_by(|a, b| {
            let done = |i: &crate::sim::Item| i.progress / i.effort.max(1e-9);
            done(b).total_cmp(&done(a)).then(by_value(a, b))
        }),
        BacklogOrder::Effort => {
            open.sort_by(|a, b| a.remaining().total_cmp(&b.remaining()).then(by_value(a, b)));
        }
        BacklogOrder::Unknown => {
            open.retain(|i| !i.revealed);
            open.sort_by(|a, b| a.remaining().total_cmp(&b.remaining()));
        }
    }
    open
}

/// The backlog, one line an item, sorted as the player asks; the picked item (what "put this
/// item first" aims at) is highlighted, named above the list and scrolled into view.
fn backlog(
    ui: &mut egui::Ui,
    run: &Run,
    palette: &Palette,
    ui_state: &mut UiState,
    intents: &mut Intents,
) {
    ui.label(RichText::new("Backlog").size(18.0).strong())
        .on_hover_text("Every item has a true value to customers, hidden until you learn it (talk to customers). Click an item to aim item actions at it; Up/Down pick the next in this order.");
    let state = run.game.state();
    let all_open = state.items.iter().filter(|i| i.open()).count();
    let known = state
        .items
        .iter()
        .filter(|i| i.open() && i.revealed)
        .count();
    ui.label(
        RichText::new(format!("{all_open} open · value known for {known}"))
            .small()
            .color(palette.muted),
    );
    ui.horizontal_wrapped(|ui| {
        for order in BacklogOrder::ALL {
            ui.selectable_value(
                &mut ui_state.backlog_order,
                order,
                RichText::new(order.label()).small(),
            );
        }
    });
    let picked = run.selection.item.as_deref();
    if let Some(item) = picked.and_then(|id| state.items.iter().find(|i| i.id == id)) {
        ui.label(
            RichText::new(format!("Aimed at: {}", item.name))
                .small()
                .color(palette.selected),
        );
    }
    let reveal = ui_state.item_seen.as_deref() != picked;
    ui_state.item_seen = picked.map(str::to_owned);
    let open = backlog_rows(state, ui_state.backlog_order);
    let mut clicked = None;
    egui::ScrollArea::vertical()
        .id_salt(scroll_id(run, "backlog"))
        .max_height(260.0)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            if open.is_empty() {
                ui.label(RichText::new("Nothing here.").small().color(palette.muted));
            }
            for item in open {
                let selected = picked == Some(item.id.as_str());
                let pinned = state.pinned.as_deref() == Some(item.id.as_str());
                let done = item.progress / item.effort.max(1e-9);
                let (worth, colour) = if item.revealed {
                    (format!("worth {:.1}", item.total_value()), palette.value)
                } else {
                    ("worth ?".to_string(), palette.muted)
                };
                let first = if pinned { "[first] " } else { "" };
                let text = RichText::new(format!(
                    "{first}{} · {worth} · {:.0}% of {:.0}",
                    item.name,
                    done * 100.0,
                    item.effort
                ))
                .small()
                .color(if selected { Color32::WHITE } else { colour });
                let resp = ui
                    .add(egui::Button::selectable(selected, text).truncate())
                    .on_hover_text(format!(
                        "Effort {:.1}, done {:.1}. {}",
                        item.effort,
                        item.progress,
                        if item.revealed {
                            let per: Vec<String> = state
                                .segments
                                .iter()
                                .zip(&item.value)
                                .map(|(s, v)| format!("{} {:.1}", s.name, v))
                                .collect();
                            format!("Value by segment: {}", per.join(", "))
                        } else {
                            "Its value is unknown: talk to customers to find out.".to_string()
                        }
                    ));
                if selected && reveal {
                    resp.scroll_to_me(None);
                }
                if resp.clicked() {
                    clicked = Some(item.id.clone());
                }
            }
            let shipped: Vec<_> = state.items.iter().filter(|i| i.shipped.is_some()).collect();
            if !shipped.is_empty() {
                egui::CollapsingHeader::new(format!("Shipped ({})", shipped.len()))
                    .id_salt("shipped")
                    .show(ui, |ui| {
                        for item in shipped.iter().rev() {
                            let worth = if item.revealed {
                                format!("worth {:.1}", item.worth())
                            } else {
                                "worth ?".into()
                            };
                            ui.label(
                                RichText::new(format!(
                                    "wk {} · {} · {worth}",
                                    item.shipped.unwrap_or(0),
                                    item.name
                                ))
                                .small(),
                            );
                        }
                    });
            }
        });
    if let Some(id) = clicked {
        intents.write(Intent::Select(Pick::Item(id)));
    }
}

fn customers(ui: &mut egui::Ui, run: &Run, palette: &Palette, intents: &mut Intents) {
    ui.label(RichText::new("Customers").size(18.0).strong())
        .on_hover_text("Customer segments: adoption (who uses the product), satisfaction, revenue. Click one to aim segment actions at it.");
    let state = run.game.state();
    ui.label(
        RichText::new(format!("focus {:.0}% · reach {:.0}% · debt {:.1}", state.focus * 100.0, state.reach() * 100.0, state.debt))
            .small()
            .color(palette.muted),
    )
    .on_hover_text("Focus: share of effort aimed at the most valuable known work. Reach: how well you know your customers. Debt: low-quality work that creates support load.");
    let mut clicked = None;
    for seg in &state.segments {
        let selected = run.selection.segment.as_deref() == Some(seg.id.as_str());
        let resp = theme::card(selected, palette.selected)
            .inner_margin(egui::Margin::same(6))
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal(|ui| {
                    ui.add(egui::Label::new(RichText::new(&seg.name).strong()).truncate());
                });
                ui.label(RichText::new(format!("{} / week revenue", theme::num(seg.revenue()))).small().color(palette.value));
                theme::bar(ui, "Adoption", seg.adoption, palette.value);
                theme::bar(ui, "Satisfied", seg.satisfaction, palette.good);
            })
            .response
            .interact(egui::Sense::click())
            .on_hover_text(format!(
                "{}: size {:.0}, price {:.1}, adoption {:.0}%, satisfaction {:.0}%, revenue {:.1}/week",
                seg.name,
                seg.size,
                seg.price,
                seg.adoption * 100.0,
                seg.satisfaction * 100.0,
                seg.revenue()
            ));
        if resp.clicked() {
            clicked = Some(seg.id.clone());
        }
        ui.add_space(3.0);
    }
    if let Some(id) = clicked {
        intents.write(Intent::Select(Pick::Segment(id)));
    }
}

/// The feed: the last week first, led by what moved the numbers (Output, Value, what shipped,
/// people); what each action did is one click away. Earlier weeks fold away. A new week opens
/// the feed at its top.
fn feed(ui: &mut egui::Ui, run: &Run, palette: &Palette) {
    use crate::sim::Topic;
    let weeks = run.reports.len();
    egui::ScrollArea::vertical()
        .id_salt(scroll_id(run, "feed").with(weeks))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if run.reports.is_empty() {
                ui.label(
                    RichText::new(
                        "The week's feed explains why the numbers moved. Plan some actions and end the week.",
                    )
                    .color(palette.muted),
                );
            }
            for (n, report) in run.reports.iter().enumerate().rev().take(3) {
                let latest = n + 1 == weeks;
                let head = format!(
                    "Week {}: Output {} · Value {}",
                    report.record.week,
                    theme::num(report.record.output),
                    theme::num(report.record.value)
                );
                let line = |ui: &mut egui::Ui, text: &str, colour: Color32| {
                    ui.add(
                        egui::Label::new(
                            RichText::new(format!("  • {}", theme::drawable(text))).color(colour),
                        )
                        .wrap(),
                    );
                };
                let body = |ui: &mut egui::Ui| {
                    let summary = report.causes.iter().filter(|c| c.topic != Topic::Action);
                    for cause in summary {
                        line(ui, &cause.text, palette.topic(cause.topic, cause.size));
                    }
                    let scenario = run.game.scenario();
                    for s in &report.skipped {
                        // Players see names: an id left by a live edit is said in words.
                        let action = scenario
                            .action(&s.action)
                            .map_or("an action this scenario no longer has", |d| d.name.as_str());
                        line(ui, &format!("skipped {action}: {}", s.reason), palette.bad);
                    }
                    let actions: Vec<_> =
                        report.causes.iter().filter(|c| c.topic == Topic::Action).collect();
                    if !actions.is_empty() {
                        egui::CollapsingHeader::new(
                            RichText::new(format!("What your {} actions did", actions.len()))
                                .small()
                                .color(palette.muted),
                        )
                        .id_salt(scroll_id(run, "feed-actions").with(n))
                        .show(ui, |ui| {
                            for cause in actions {
                                line(ui, &cause.text, palette.topic(cause.topic, cause.size));
                            }
                        });
                    }
                };
                if latest {
                    ui.label(RichText::new(head).strong().color(Color32::WHITE));
                    body(ui);
                } else {
                    egui::CollapsingHeader::new(RichText::new(head).color(palette.muted))
                        .id_salt(scroll_id(run, "feed-week").with(n))
                        .show(ui, body);
                }
            }
        });
}

/// The pending event's window; whether the player answered it this frame. While it is open,
/// the number keys answer it and nothing else.
fn event_modal(ctx: &egui::Context, run: &Run, palette: &Palette, intents: &mut Intents) -> bool {
    let Some(p) = run.game.pending() else {
        return false;
    };
    let Some(event) = run.game.scenario().event(&p.event) else {
        return false;
    };
    let mut decided = false;
    let name = run.subject_name();
    let previews = run.previews();
    for (i, key) in [
        egui::Key::Num1,
        egui::Key::Num2,
        egui::Key::Num3,
        egui::Key::Num4,
        egui::Key::Num5,
    ]
    .into_iter()
    .enumerate()
    {
        if i < event.choices.len() && pressed(ctx, key) {
            intents.write(Intent::Decide(i));
            decided = true;
        }
    }
    egui::Modal::new(egui::Id::new("event")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.label(
            RichText::new(format!("After week {}: a decision", run.game.state().week))
                .small()
                .color(palette.muted),
        );
        ui.label(RichText::new(&event.title).size(24.0).strong());
        ui.add_space(6.0);
        ui.add(egui::Label::new(RichText::new(theme::drawable(&p.text)).size(16.0)).wrap());
        ui.add_space(10.0);
        for (i, c) in event.choices.iter().enumerate() {
            let label = c.label.replace("{name}", &name);
            let hint = theme::drawable(&c.hint.replace("{name}", &name));
            if ui
                .add(
                    egui::Button::new(RichText::new(format!("{}. {label}", i + 1)).size(16.0))
                        .min_size(egui::vec2(ui.available_width(), 32.0)),
                )
                .on_hover_text(format!("[{}]", i + 1))
                .clicked()
            {
                intents.write(Intent::Decide(i));
                decided = true;
            }
            ui.add(egui::Label::new(RichText::new(hint).small().color(palette.muted)).wrap());
            if let Some(p) = previews
                .then(|| whatif::preview_choice(&run.game, i))
                .flatten()
                && !run.game.finished()
            {
                let moved = if p.people.is_empty() {
                    String::new()
                } else {
                    format!(" · moves {}", whatif::moved_in_words(&p.people))
                };
                ui.add(
                    egui::Label::new(
                        RichText::new(format!(
                            "Then next week with your plan: Output {} · Value {}{moved}",
                            theme::num(p.output),
                            theme::num(p.value)
                        ))
                        .small()
                        .color(palette.muted),
                    )
                    .wrap(),
                );
            }
            ui.add_space(6.0);
        }
    });
    decided
}
