//! The play screen: the team, the actions, the plan, the product, the charts and the feed,
//! laid out from the screen's view ([`PlayView`]), one panel a module. The keys are read
//! here; the panels only say what the player asked for.

mod actions;
mod backlog;
mod centre;
mod customers;
mod event;
mod feed;
mod hud;
mod money;
mod plan;
mod team;
#[cfg(test)]
mod tests;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::theme::Palette;
use super::{Intents, UiState, keys_free, pressed, pressed_ctrl, root, take};
use crate::app::view::play::{backlog_rows, ordered_actions};
use crate::app::view::{BacklogOrder, PlayView};
use crate::app::{Intent, Pick, Run, Session};
use crate::game::screens::Overlay;
use crate::game::settings::Settings;

/// What the player asked for on the play screen this frame.
#[derive(Debug, Default)]
struct Asked {
    /// Intents for the session, in the order they were asked.
    intents: Vec<Intent>,
    /// An overlay to open.
    overlay: Option<Overlay>,
    /// Whether the event was answered.
    decided: bool,
}

impl Asked {
    fn write(&mut self, intent: Intent) {
        self.intents.push(intent);
    }
}

/// Everything the layout reads besides the view: the run (for the pictures and the
/// previews), the colours and the settings that change the drawing.
struct Frame<'a> {
    run: &'a Run,
    palette: &'a Palette,
    animate: bool,
    flow_started: Option<f64>,
}

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
    let mut asked = Asked::default();
    if keys_free(&ctx, *overlay) && run.game.pending().is_none() {
        keys(&ctx, run, &ui_state, &mut asked);
    }
    let view = PlayView::of(run, session.notice.as_ref(), ui_state.backlog_order);
    let frame = Frame {
        run,
        palette: &palette,
        animate: !settings.reduced_motion,
        flow_started: ui_state.flow_started,
    };
    layout(&mut root(&ctx), &frame, &view, &mut ui_state, &mut asked);
    if asked.decided {
        ui_state.decided_at = Some(ctx.input(|i| i.time));
    }
    if let Some(o) = asked.overlay {
        *overlay = o;
    }
    intents.write_batch(asked.intents);
    Ok(())
}

/// The keys of the play screen when no event waits: end the week, undo, save, the menu,
/// help, remove the last entry, plan an action, step through targets.
fn keys(ctx: &egui::Context, run: &Run, ui_state: &UiState, asked: &mut Asked) {
    if pressed(ctx, egui::Key::Enter)
        || (pressed(ctx, egui::Key::Space) && ctx.memory(|m| m.focused().is_none()))
    {
        asked.write(Intent::EndWeek);
    }
    if pressed_ctrl(ctx, egui::Key::Z) || pressed(ctx, egui::Key::U) {
        asked.write(Intent::Undo);
    }
    if pressed_ctrl(ctx, egui::Key::S) {
        asked.overlay = Some(Overlay::Save);
    }
    if take(ctx, egui::Key::Escape) {
        asked.overlay = Some(Overlay::Settings);
    }
    if take(ctx, egui::Key::F1) {
        asked.overlay = Some(Overlay::Help);
    }
    if pressed(ctx, egui::Key::Backspace) && !run.game.plan().is_empty() {
        asked.write(Intent::Remove(run.game.plan().len() - 1));
    }
    // Just after an event is answered, the answer keys do not plan actions: a double press
    // would plan one the player never chose.
    let now = ctx.input(|i| i.time);
    let answering = ui_state.decided_at.is_some_and(|t| now - t < 0.6);
    for (i, def) in ordered_actions(run).into_iter().enumerate() {
        if !answering && action_key(i).is_some_and(|key| pressed(ctx, key)) {
            asked.write(Intent::Add(run.aimed(def)));
        }
    }
    cycle_selection(ctx, run, ui_state.backlog_order, asked);
}

/// The screen's panels around the centre, and the event's window over them.
fn layout(
    root: &mut egui::Ui,
    f: &Frame,
    view: &PlayView,
    ui_state: &mut UiState,
    asked: &mut Asked,
) {
    hud::top_bar(root, f, &view.header, &view.plan, asked);
    egui::Panel::left("team")
        .resizable(true)
        .default_size(250.0)
        .min_size(210.0)
        .max_size(380.0)
        .show(root, |ui| team::panel(ui, f, view, asked));
    egui::Panel::right("actions")
        .resizable(true)
        .default_size(320.0)
        .min_size(270.0)
        .max_size(460.0)
        .show(root, |ui| {
            plan::panel(ui, f, &view.plan, asked);
            ui.separator();
            actions::panel(ui, f, &view.actions, asked);
        });
    egui::Panel::bottom("feed")
        .resizable(true)
        .default_size(150.0)
        .min_size(90.0)
        .show(root, |ui| {
            super::notice(ui, view.notice.as_ref(), f.palette);
            feed::panel(ui, f, &view.feed);
        });
    egui::CentralPanel::default().show(root, |ui| centre::panel(ui, f, view, ui_state, asked));
    if let Some(e) = &view.event {
        event::modal(root.ctx(), f, e, asked);
    }
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
fn cycle_selection(ctx: &egui::Context, run: &Run, order: BacklogOrder, asked: &mut Asked) {
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
    // In the order the backlog shows them, spelt out (a generated item's id is its number).
    let item_ids: Vec<String> = backlog_rows(state, order)
        .into_iter()
        .map(|i| i.id.to_string())
        .collect();
    let items = item_ids.iter().map(String::as_str).collect();
    let segments = state.segments.iter().map(|s| s.id.as_str()).collect();
    let by = step(egui::Key::ArrowLeft, egui::Key::ArrowRight);
    if let Some(id) = cycle(people, sel.person.as_deref(), by) {
        asked.write(Intent::Select(Pick::Person(id)));
    }
    let by = step(egui::Key::ArrowUp, egui::Key::ArrowDown);
    if let Some(id) = cycle(items, sel.item.as_deref(), by) {
        asked.write(Intent::Select(Pick::Item(id)));
    }
    let by = step(egui::Key::PageUp, egui::Key::PageDown);
    if let Some(id) = cycle(segments, sel.segment.as_deref(), by) {
        asked.write(Intent::Select(Pick::Segment(id)));
    }
}
