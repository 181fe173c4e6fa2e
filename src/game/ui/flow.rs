//! The flow picture: effort becomes output, and only the output customers take becomes
//! value. What they do not take piles up where everyone can see it.

use bevy_egui::egui::{self, Align2, Color32, FontId, Pos2, Stroke, pos2, vec2};

use super::theme::Palette;
use crate::app::Run;
use crate::sim::review::Waste;
use crate::text;

/// How long the picture moves after a week ends (it also moves while hovered).
const ANIMATE_SECONDS: f64 = 8.0;

/// Draws the picture; animates only when `animate` (reduced motion off) and recently changed
/// or hovered, so an idle play screen asks for no frames.
pub(super) fn draw(
    ui: &mut egui::Ui,
    run: &Run,
    palette: &Palette,
    animate: bool,
    started: Option<f64>,
) {
    let state = run.game.state();
    let last = state.history.last();
    let output = last.map_or(0.0, |r| r.output);
    let value = last.map_or(0.0, |r| r.value);
    let capacity = run.capacity();
    let peak_output = state.history.iter().map(|r| r.output).fold(1e-9, f64::max);
    let waste = Waste::of(&run.game);

    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(vec2(width, 150.0), egui::Sense::hover());
    let time = ui.input(|i| i.time);
    let recent = started.is_some_and(|t| time - t < ANIMATE_SECONDS);
    let moving = animate && (recent || response.hovered());
    if moving {
        ui.ctx().request_repaint();
    }
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 8.0, Color32::from_rgb(0x15, 0x19, 0x1F));

    let y = rect.top() + 52.0;
    let node = |x: f32| pos2(rect.left() + x * rect.width(), y);
    let (a, b, c) = (node(0.12), node(0.5), node(0.88));
    let radius = 30.0;
    let pipe = |from: Pos2, to: Pos2, colour: Color32| {
        painter.line_segment(
            [from + vec2(radius, 0.0), to - vec2(radius, 0.0)],
            Stroke::new(6.0, colour.gamma_multiply(0.25)),
        );
    };
    pipe(a, b, palette.output);
    pipe(b, c, palette.value);

    // Particles: their number follows this week's output (and the share that becomes value).
    let flow_in = ((output / peak_output) * 14.0).round().clamp(0.0, 14.0) as usize;
    let take_up = (1.0 - waste.share()).clamp(0.0, 1.0);
    let flow_out = ((output / peak_output) * 14.0 * take_up)
        .round()
        .clamp(0.0, 14.0) as usize;
    let drop_out = flow_in.saturating_sub(flow_out).min(8);
    let phase = |i: usize, n: usize, speed: f64| {
        let base = i as f64 / n.max(1) as f64;
        if moving {
            (base + time * speed).fract() as f32
        } else {
            base as f32 + 0.5 / n.max(1) as f32
        }
    };
    for i in 0..flow_in {
        let t = phase(i, flow_in, 0.25);
        let p = a + vec2(radius, 0.0) + (b - a - vec2(2.0 * radius, 0.0)) * t;
        painter.circle_filled(p, 3.5, palette.output);
    }
    let pile_top = rect.bottom() - 24.0;
    let pile_x = rect.left() + 0.69 * rect.width();
    for i in 0..flow_out {
        let t = phase(i, flow_out, 0.2);
        let p = b + vec2(radius, 0.0) + (c - b - vec2(2.0 * radius, 0.0)) * t;
        painter.circle_filled(p, 3.5, palette.value);
    }
    // Output nobody takes falls off the pipe into the pile.
    for i in 0..drop_out {
        let t = phase(i, drop_out, 0.18);
        let start = b + vec2(radius + 10.0, 6.0);
        let end = pos2(pile_x, pile_top - 24.0);
        let p = start + (end - start) * t + vec2(0.0, 12.0 * (t * std::f32::consts::PI).sin());
        painter.circle_filled(p, 3.0, palette.muted);
    }

    pile(&painter, rect, pos2(pile_x, pile_top), &waste, palette);
    let numbers = [
        (a, palette.families[0], "Team capacity", text::num(capacity)),
        (b, palette.output, "Output", text::num(output)),
        (c, palette.value, "Value", text::num(value)),
    ];
    for (at, colour, name, number) in numbers {
        node_circle(&painter, at, radius, colour, name, number);
    }

    response.on_hover_text(
        "Team capacity: what the team would produce in an ordinary week as it stands now, with nobody's time \
         taken, no squeeze and nothing built by you; leadership grows it. \
         Output: what last week produced: the team's capacity, less the time your actions took from people, \
         plus any squeeze, plus what you built yourself. \
         Value: what customers and the business got from it last week. Grey blocks are shipped items customers \
         barely use: output without management piles up instead of becoming value.",
    );
}

/// The pile at `at` (its bottom centre): one block per shipped item that customers barely
/// use, and what it is in words.
fn pile(painter: &egui::Painter, rect: egui::Rect, at: Pos2, waste: &Waste, palette: &Palette) {
    let block = 9.0;
    let per_row = 12usize;
    for i in 0..waste.unused_items.min(48) {
        let col = (i % per_row) as f32;
        let row = (i / per_row) as f32;
        let min = pos2(
            at.x - per_row as f32 * block / 2.0 + col * block,
            at.y - (row + 1.0) * block,
        );
        painter.rect_filled(
            egui::Rect::from_min_size(min, vec2(block - 1.5, block - 1.5)),
            1.5,
            palette.muted.gamma_multiply(0.8),
        );
    }
    let label = if waste.unused_items == 0 {
        "no shipped work has gone unused yet".to_string()
    } else {
        format!(
            "shipped but barely used: {}, {} of shipped effort",
            text::count(waste.unused_items, "item"),
            text::percent(waste.share())
        )
    };
    painter.text(
        pos2(rect.right() - 8.0, rect.bottom() - 4.0),
        Align2::RIGHT_BOTTOM,
        label,
        FontId::proportional(12.5),
        palette.muted,
    );
}

/// A node of the picture: a circle with its number inside and its name above.
fn node_circle(
    painter: &egui::Painter,
    at: Pos2,
    radius: f32,
    colour: Color32,
    name: &str,
    number: String,
) {
    painter.circle(
        at,
        radius,
        colour.gamma_multiply(0.2),
        Stroke::new(2.0, colour),
    );
    painter.text(
        at,
        Align2::CENTER_CENTER,
        number,
        FontId::proportional(15.0),
        Color32::WHITE,
    );
    painter.text(
        at - vec2(0.0, radius + 4.0),
        Align2::CENTER_BOTTOM,
        name,
        FontId::proportional(13.0),
        colour,
    );
}
