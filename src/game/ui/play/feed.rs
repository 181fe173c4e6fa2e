//! The feed: the last week first, led by what moved the numbers (Output, Value, what shipped,
//! people); what each action did is one click away. Earlier weeks fold away. A new week opens
//! the feed at its top.

use bevy_egui::egui::{self, Color32, RichText};

use super::Frame;
use crate::app::view::play::{FeedLine, FeedView, FeedWeek};
use crate::game::ui::{scroll_id, theme};

pub(super) fn panel(ui: &mut egui::Ui, f: &Frame, feed: &FeedView) {
    egui::ScrollArea::vertical()
        .id_salt(scroll_id(f.run, "feed").with(f.run.reports.len()))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            if let Some(empty) = feed.empty {
                ui.label(RichText::new(empty).color(f.palette.muted));
            }
            for week in &feed.weeks {
                if week.latest {
                    ui.label(RichText::new(&week.head).strong().color(Color32::WHITE));
                    body(ui, f, week);
                } else {
                    egui::CollapsingHeader::new(RichText::new(&week.head).color(f.palette.muted))
                        .id_salt(scroll_id(f.run, "feed-week").with(week.index))
                        .show(ui, |ui| body(ui, f, week));
                }
            }
        });
}

/// A week's lines, and what its actions did folded under them.
fn body(ui: &mut egui::Ui, f: &Frame, week: &FeedWeek) {
    for l in &week.lines {
        line(ui, f, l);
    }
    if let Some(head) = &week.actions_head {
        egui::CollapsingHeader::new(RichText::new(head).small().color(f.palette.muted))
            .id_salt(scroll_id(f.run, "feed-actions").with(week.index))
            .show(ui, |ui| {
                for l in &week.actions {
                    line(ui, f, l);
                }
            });
    }
}

fn line(ui: &mut egui::Ui, f: &Frame, l: &FeedLine) {
    let colour = l
        .topic
        .map_or(f.palette.bad, |t| f.palette.topic(t, l.size));
    ui.add(
        egui::Label::new(RichText::new(format!("  • {}", theme::drawable(&l.text))).color(colour))
            .wrap(),
    );
}
