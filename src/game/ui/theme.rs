//! Colours, text sizes and small widgets shared by every screen.

use bevy_egui::egui::{self, Color32, RichText, Stroke};

use crate::app::view::play::Tone;
use crate::game::settings::Settings;
use crate::sim::{Family, Policy, Topic};

/// The colours the game uses for meaning (families, scores, good and bad news).
#[derive(Clone, Copy, Debug)]
pub struct Palette {
    /// Output: effort delivered.
    pub output: Color32,
    /// Value: what customers and the business get.
    pub value: Color32,
    /// Good news.
    pub good: Color32,
    /// Bad news.
    pub bad: Color32,
    /// Warnings: not bad news yet.
    pub warn: Color32,
    /// Secondary text.
    pub muted: Color32,
    /// Highlight of the selected target.
    pub selected: Color32,
    /// One colour per action family, in [`Family::ALL`] order.
    pub families: [Color32; 4],
    /// One colour per bot, in [`Policy::ALL`] order.
    pub bots: [Color32; 6],
}

impl Palette {
    /// The default palette, tuned for a dark background.
    pub const STANDARD: Palette = Palette {
        output: Color32::from_rgb(0x5D, 0xA9, 0xE9),
        value: Color32::from_rgb(0xF2, 0xB1, 0x34),
        good: Color32::from_rgb(0x6C, 0xC6, 0x6A),
        bad: Color32::from_rgb(0xE8, 0x5D, 0x5D),
        warn: Color32::from_rgb(0xF0, 0x8A, 0x3C),
        muted: Color32::from_rgb(0x9A, 0xA3, 0xAE),
        selected: Color32::from_rgb(0xB8, 0x8C, 0xFF),
        families: [
            Color32::from_rgb(0x6C, 0xC6, 0x6A),
            Color32::from_rgb(0xF2, 0xB1, 0x34),
            Color32::from_rgb(0x5D, 0xA9, 0xE9),
            Color32::from_rgb(0xE8, 0x5D, 0x5D),
        ],
        bots: [
            Color32::from_rgb(0x5D, 0xA9, 0xE9),
            Color32::from_rgb(0x6C, 0xC6, 0x6A),
            Color32::from_rgb(0xE8, 0x5D, 0x5D),
            Color32::from_rgb(0xF2, 0xB1, 0x34),
            Color32::from_rgb(0xC7, 0x8C, 0xE8),
            Color32::from_rgb(0x9A, 0xA3, 0xAE),
        ],
    };

    /// Okabe–Ito: distinguishable with protanopia, deuteranopia and tritanopia; good and bad
    /// differ in lightness as well as hue.
    pub const COLOUR_BLIND: Palette = Palette {
        output: Color32::from_rgb(0x56, 0xB4, 0xE9),
        value: Color32::from_rgb(0xE6, 0x9F, 0x00),
        good: Color32::from_rgb(0x00, 0x9E, 0x73),
        bad: Color32::from_rgb(0xD5, 0x5E, 0x00),
        warn: Color32::from_rgb(0xF0, 0xE4, 0x42),
        muted: Color32::from_rgb(0xA0, 0xA0, 0xA0),
        selected: Color32::from_rgb(0xF0, 0xE4, 0x42),
        families: [
            Color32::from_rgb(0x00, 0x9E, 0x73),
            Color32::from_rgb(0xE6, 0x9F, 0x00),
            Color32::from_rgb(0x56, 0xB4, 0xE9),
            Color32::from_rgb(0xD5, 0x5E, 0x00),
        ],
        bots: [
            Color32::from_rgb(0x56, 0xB4, 0xE9),
            Color32::from_rgb(0x00, 0x9E, 0x73),
            Color32::from_rgb(0xD5, 0x5E, 0x00),
            Color32::from_rgb(0xE6, 0x9F, 0x00),
            Color32::from_rgb(0xCC, 0x79, 0xA7),
            Color32::from_rgb(0xA0, 0xA0, 0xA0),
        ],
    };

    /// The palette the settings ask for.
    pub fn of(settings: &Settings) -> Palette {
        if settings.colour_blind {
            Self::COLOUR_BLIND
        } else {
            Self::STANDARD
        }
    }

    /// A family's colour.
    pub fn family(&self, family: Family) -> Color32 {
        let i = Family::ALL.iter().position(|f| *f == family).unwrap_or(0);
        self.families[i]
    }

    /// A bot's colour.
    pub fn bot(&self, policy: Policy) -> Color32 {
        let i = Policy::ALL.iter().position(|p| *p == policy).unwrap_or(0);
        self.bots[i]
    }

    /// The colour of a line of the given tone.
    pub fn tone(&self, tone: Tone) -> Color32 {
        match tone {
            Tone::Bad => self.bad,
            Tone::Good => self.good,
            Tone::Plain => self.value,
            Tone::Warn => self.warn,
            Tone::Quiet => self.muted,
        }
    }

    /// The colour of a feed line.
    pub fn topic(&self, topic: Topic, size: f64) -> Color32 {
        match topic {
            Topic::Output | Topic::Value | Topic::People | Topic::Money if size < -1e-9 => self.bad,
            Topic::Output => self.output,
            Topic::Value => self.value,
            // An item customers barely want is no good news.
            Topic::Shipped if size < crate::sim::Item::WANTED => self.muted,
            Topic::Shipped => self.good,
            Topic::People => self.selected,
            Topic::Money => self.value,
            Topic::World => self.selected,
            Topic::Action => self.muted,
            // A turn in someone's story: good news or bad.
            Topic::Arc if size < 0.0 => self.bad,
            Topic::Arc => self.good,
        }
    }
}

/// Dark visuals with larger text: the game is read more than clicked.
pub fn style(ctx: &egui::Context) {
    use egui::{FontId, TextStyle};
    let mut style = (*ctx.global_style()).clone();
    style.text_styles = [
        (TextStyle::Heading, FontId::proportional(24.0)),
        (TextStyle::Body, FontId::proportional(15.0)),
        (TextStyle::Monospace, FontId::monospace(14.0)),
        (TextStyle::Button, FontId::proportional(15.0)),
        (TextStyle::Small, FontId::proportional(12.5)),
    ]
    .into();
    style.spacing.item_spacing = egui::vec2(8.0, 6.0);
    style.spacing.button_padding = egui::vec2(10.0, 5.0);
    style.visuals = egui::Visuals::dark();
    style.visuals.panel_fill = Color32::from_rgb(0x1B, 0x1F, 0x26);
    style.visuals.window_fill = Color32::from_rgb(0x22, 0x27, 0x30);
    style.visuals.extreme_bg_color = Color32::from_rgb(0x12, 0x15, 0x1A);
    style.interaction.tooltip_delay = 0.15;
    ctx.set_global_style(style);
}

/// A large heading in the given colour.
pub fn title(text: impl Into<String>) -> RichText {
    RichText::new(text).size(34.0).strong()
}

/// Text from the core made drawable by the bundled fonts (they lack a few arrows).
pub fn drawable(text: &str) -> String {
    text.replace('→', "->").replace('←', "<-")
}

/// A labelled horizontal bar for a number in `0..=1`.
pub fn bar(ui: &mut egui::Ui, label: &str, value: f64, colour: Color32) -> egui::Response {
    ui.horizontal(|ui| {
        ui.add_sized(
            [62.0, 16.0],
            egui::Label::new(RichText::new(label).small()).truncate(),
        );
        let width = (ui.available_width() - 4.0).max(30.0);
        let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 9.0), egui::Sense::hover());
        let painter = ui.painter();
        painter.rect_filled(rect, 3.0, Color32::from_gray(0x35));
        let mut filled = rect;
        filled.set_width(rect.width() * value.clamp(0.0, 1.0) as f32);
        painter.rect_filled(filled, 3.0, colour);
        response
    })
    .inner
}

/// A card frame; highlighted when selected.
pub fn card(selected: bool, accent: Color32) -> egui::Frame {
    egui::Frame::new()
        .fill(Color32::from_rgb(0x26, 0x2C, 0x36))
        .corner_radius(6.0)
        .inner_margin(egui::Margin::same(8))
        .stroke(if selected {
            Stroke::new(2.0, accent)
        } else {
            Stroke::new(1.0, Color32::from_gray(0x3A))
        })
}
