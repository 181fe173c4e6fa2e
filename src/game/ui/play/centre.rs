//! The centre of the play screen: the money where it matters, the goals, the backlog beside
//! the customers, then the flow picture and the charts.

use bevy_egui::egui::{self, RichText};
use egui_plot::{Line, Plot, PlotPoints};

use super::{Asked, Frame, backlog, customers, money};
use crate::app::view::PlayView;
use crate::app::view::play::GoalsView;
use crate::game::ui::{UiState, flow, scroll_id};

pub(super) fn panel(
    ui: &mut egui::Ui,
    f: &Frame,
    view: &PlayView,
    ui_state: &mut UiState,
    asked: &mut Asked,
) {
    egui::ScrollArea::vertical()
        .id_salt(scroll_id(f.run, "centre"))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if let Some(m) = &view.money {
                money::strip(ui, f, m);
            }
            goals(ui, f, &view.goals);
            // What the player aims actions at comes first, in the room the window has; the
            // pictures of how the run goes follow, a scroll away on a small window (below
            // them, the backlog was a two-row box at 1280×800 and out of sight at 1024×640).
            let visible = ui.clip_rect().bottom() - ui.cursor().top();
            ui.columns(2, |cols| {
                backlog::panel(&mut cols[0], f, &view.backlog, ui_state, visible, asked);
                customers::panel(&mut cols[1], f, &view.customers, asked);
            });
            ui.add_space(6.0);
            flow::draw(ui, f.run, f.palette, f.animate, f.flow_started);
            ui.add_space(4.0);
            charts(ui, f);
        });
}

/// The height of the centre, in points, from which the goals show open at first: 1280×800
/// has about 590 (530 at interface scale 1.1), 1024×640 about 430.
const ROOM_FOR_GOALS: f32 = 500.0;

/// The briefing's goals, kept in sight: each the game can check says whether it is met as the
/// run stands.
fn goals(ui: &mut egui::Ui, f: &Frame, goals: &GoalsView) {
    if goals.rows.is_empty() {
        return;
    }
    // Open where the centre has room; folded to its line ("Your goals · 1 of 3 met now") on
    // a small window, where the backlog below needs the height.
    let roomy = ui.clip_rect().height() >= ROOM_FOR_GOALS;
    egui::CollapsingHeader::new(RichText::new(&goals.title).strong())
        .id_salt(scroll_id(f.run, "goals"))
        .default_open(roomy)
        .show(ui, |ui| {
            for g in &goals.rows {
                ui.horizontal_wrapped(|ui| {
                    let colour = if g.met {
                        f.palette.good
                    } else {
                        f.palette.muted
                    };
                    ui.label(
                        RichText::new(format!("{:>8}", g.mark))
                            .small()
                            .color(colour),
                    );
                    ui.add(egui::Label::new(RichText::new(&g.text).small()).wrap());
                });
            }
        });
    ui.add_space(4.0);
}

/// Output and Value per week, side by side.
fn charts(ui: &mut egui::Ui, f: &Frame) {
    let history = &f.run.game.state().history;
    let weeks = f.run.game.scenario().weeks as f64;
    let series = |v: fn(&crate::sim::WeekRecord) -> f64| -> Vec<[f64; 2]> {
        history.iter().map(|r| [r.week as f64, v(r)]).collect()
    };
    ui.columns(2, |cols| {
        for (col, name, colour, points) in [
            (0, "Output per week", f.palette.output, series(|r| r.output)),
            (1, "Value per week", f.palette.value, series(|r| r.value)),
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
