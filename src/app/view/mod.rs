//! What each screen shows, as plain data: the words, the numbers already written as text
//! ([`crate::text`]), their order, the warnings and which controls are enabled and why. The
//! desktop (egui) and the browser tables (maud) both lay these out and decide nothing of
//! their own, so the two cannot drift apart again (they had: "-0" in one and "0.0" in the
//! other, a clock rounding the other way, the flight-risk threshold and the actions' order
//! written twice).
//!
//! A view is built from the run (or the session) each time a screen is drawn; building one
//! plays nothing ahead: what-if previews, which play the week on copies, are asked for
//! separately ([`play::action_preview`]) so the desktop can keep them to the action hovered.

pub mod briefing;
pub mod debrief;
pub mod facilitator;
pub mod join;
pub mod play;
pub mod projector;
pub mod saves;
pub mod title;

pub use briefing::BriefingView;
pub use debrief::{DebriefView, WeekView};
pub use facilitator::{FacilitatorView, RoomStatus, Sort};
pub use join::JoinView;
pub use play::{BacklogOrder, PlayView};
pub use projector::ProjectorView;
pub use saves::SaveEntry;

/// A control a screen offers: whether it can be used now, and if not, why in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Control {
    /// Its label.
    pub label: String,
    /// Why it cannot be used now; `None` when it can.
    pub blocked: Option<String>,
}

impl Control {
    /// A control that can be used.
    pub fn enabled(label: impl Into<String>) -> Self {
        Self {
            label: label.into(),
            blocked: None,
        }
    }

    /// A control that cannot be used now, for `why`; or an enabled one when `why` is `None`.
    pub fn unless(label: impl Into<String>, why: Option<String>) -> Self {
        Self {
            label: label.into(),
            blocked: why,
        }
    }

    /// Whether it can be used now.
    pub fn is_enabled(&self) -> bool {
        self.blocked.is_none()
    }
}

/// A labelled figure in `0..=1` drawn as a bar, with its value as text for screens that
/// write it out.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    /// "Skill", "Adoption"…
    pub label: &'static str,
    /// The figure, in `0..=1`.
    pub share: f64,
    /// The figure in words ("0.53").
    pub text: String,
}

impl Bar {
    fn of(label: &'static str, share: f64) -> Self {
        Self {
            label,
            share,
            text: crate::text::fixed(share, 2),
        }
    }
}
