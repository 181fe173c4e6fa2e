//! The play screen (and the event to decide on it): the header, the team, the plan, the
//! actions in their one order, the feed, the backlog, the customers, the money and the goals.

mod actions;
mod advice;
mod backlog;
mod customers;
mod event;
mod feed;
#[cfg(test)]
mod fixtures;
mod goals;
mod money;
mod plan;
mod team;
#[cfg(test)]
mod tests;

pub use actions::{ActionGroup, ActionRow, PreviewWords, action_preview, ordered_actions};
pub use backlog::{BacklogView, ItemRow, backlog_rows};
pub use customers::{CustomersView, SegmentRow};
pub use event::{ChoiceRow, EventView};
pub use feed::{FeedLine, FeedView, FeedWeek};
#[cfg(test)]
pub(crate) use fixtures::{
    DRAWN, Fits, MONEY, fresh_run, fresh_run_of, mid_run_of, shown, shows, took_back, warn,
};
pub(crate) use goals::with_needs;
pub use goals::{GoalRow, GoalsView};
pub(crate) use money::week_moves as money_moves;
pub use money::{MoneyView, matters as money_matters};
pub use plan::{PlanRow, PlanView, WONT_FIT, undo};
pub use team::PersonRow;

use super::{Bar, Control};
use crate::app::session::Notice;
use crate::app::{Run, whatif};
use crate::sim::{self, ActionDef, Family, Person, Planned, Stat, TargetKind, Topic, Trait};
use crate::text;

/// A person whose flight risk is above this is flagged as one who may leave.
pub const FLIGHT_RISK_SHOWN: f64 = 0.2;

/// A countdown at or below this many seconds is shown as urgent.
pub const URGENT_SECONDS: f64 = 15.0;

/// How many weeks of the feed a screen shows, the latest first.
pub const FEED_WEEKS: usize = 3;

/// How far a preview looks, in words: "by the end of the run (week 26)", or "by week 14"
/// where it stopped short of the end.
fn horizon(later: &whatif::Later) -> String {
    if later.end {
        format!("by the end of the run (week {})", later.until)
    } else {
        format!("by week {}", later.until)
    }
}

/// Orders of the play screen's backlog, for the questions a player asks of it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum BacklogOrder {
    /// Known value first, most valuable first; then the unknown.
    #[default]
    Value,
    /// What the team is building now: most done first.
    Building,
    /// Least effort left first.
    Effort,
    /// Value not yet known: what talking to customers would reveal.
    Unknown,
}

impl BacklogOrder {
    /// Every order, as the picker lists them.
    pub const ALL: [BacklogOrder; 4] = [
        BacklogOrder::Value,
        BacklogOrder::Building,
        BacklogOrder::Effort,
        BacklogOrder::Unknown,
    ];

    /// The picker's label.
    pub fn label(self) -> &'static str {
        match self {
            BacklogOrder::Value => "Known value",
            BacklogOrder::Building => "Being built",
            BacklogOrder::Effort => "Least effort",
            BacklogOrder::Unknown => "Unknown value",
        }
    }
}

/// Everything the play screen shows.
#[derive(Clone, Debug)]
pub struct PlayView {
    /// The line across the top.
    pub header: Header,
    /// The session's last word to the player, if any.
    pub notice: Option<Notice>,
    /// Why the room holds the week, if it does.
    pub held: Option<String>,
    /// The event to decide before the week can end.
    pub event: Option<EventView>,
    /// The team, in the run's order.
    pub team: Vec<PersonRow>,
    /// "Sam left in week 4", oldest first.
    pub departed: Vec<String>,
    /// This week's plan.
    pub plan: PlanView,
    /// The actions, grouped by family in [`Family::ALL`] order: the one order both screens
    /// list them in and the desktop's keys follow.
    pub actions: Vec<ActionGroup>,
    /// The feed.
    pub feed: FeedView,
    /// The open items and what shipped.
    pub backlog: BacklogView,
    /// The customer segments.
    pub customers: CustomersView,
    /// The budget and its runway, where the scenario is about money.
    pub money: Option<MoneyView>,
    /// The briefing's goals as the run stands.
    pub goals: GoalsView,
}

impl PlayView {
    /// The play screen of `run`, its backlog in `order`.
    pub fn of(run: &Run, notice: Option<&Notice>, order: BacklogOrder) -> Self {
        Self::listing(run, notice, order, usize::MAX)
    }

    /// The play screen of `run` with the backlog's first `items` in `order` as rows (and the
    /// picked item): what a page that lists the rest on asking shows.
    pub fn listing(run: &Run, notice: Option<&Notice>, order: BacklogOrder, items: usize) -> Self {
        Self {
            header: Header::of(run),
            notice: notice.cloned(),
            held: run.held(),
            event: EventView::of(run),
            team: team::team(run),
            departed: run
                .game
                .state()
                .departed
                .iter()
                .map(|(week, p)| format!("{} left in week {week}", p.name))
                .collect(),
            plan: PlanView::of(run),
            actions: actions::actions(run),
            feed: FeedView::of(run),
            backlog: BacklogView::first(run, order, items),
            customers: CustomersView::of(run),
            money: MoneyView::of(run),
            goals: GoalsView::of(&run.game),
        }
    }
}

/// The header: where the run stands, the clock, the room and the scores.
#[derive(Clone, Debug)]
pub struct Header {
    /// The scenario's title.
    pub title: String,
    /// "Week 3 of 12".
    pub week: String,
    /// "24 of 40 h left".
    pub hours_left: String,
    /// The share of the week's hours planned, in `0..=1`.
    pub hours_used: f64,
    /// The workshop's week timer, if it keeps time.
    pub countdown: Option<Countdown>,
    /// The workshop team's name.
    pub team: Option<String>,
    /// The room's state, in a hosted run.
    pub room: Option<RoomLine>,
    /// Output: this week's and the run's.
    pub output: Score,
    /// Value: this week's and the run's.
    pub value: Score,
}

/// A workshop's clock.
#[derive(Clone, Debug)]
pub struct Countdown {
    /// "1:05".
    pub text: String,
    /// The whole seconds it shows, for a page's script to count on from.
    pub seconds: u64,
    /// Whether little time is left.
    pub urgent: bool,
}

/// How the room stands for this table.
#[derive(Clone, Debug)]
pub struct RoomLine {
    /// "Room: 3 weeks sent", "Room paused"…
    pub text: String,
    /// What it means, in a sentence.
    pub tip: String,
    /// How it reads.
    pub tone: Tone,
    /// "Room at week 4" in a room that plays in step.
    pub week: Option<String>,
}

/// How a line reads, for its colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    /// Something is wrong or needs the player.
    Bad,
    /// Good news.
    Good,
    /// Worth a look, not a problem.
    Plain,
    /// Not a problem yet, but soon one unless the player acts.
    Warn,
    /// In the background.
    Quiet,
}

/// A score in the header.
#[derive(Clone, Debug)]
pub struct Score {
    /// "Output", "Value".
    pub name: &'static str,
    /// Last week's figure.
    pub week: String,
    /// The run's total so far.
    pub total: String,
    /// What the score means and why it last moved.
    pub why: String,
}

impl Header {
    /// The header of `run`, which the briefing and the debrief show as well.
    pub fn of(run: &Run) -> Self {
        let game = &run.game;
        let state = game.state();
        let last = state.history.last();
        let weeks = game.scenario().weeks;
        let (used, hours) = (game.hours_planned(), game.hours());
        // The feed's own breakdown: why last week's number moved.
        let moved = |topic: Topic| {
            run.reports
                .last()
                .and_then(|r| r.causes.iter().find(|c| c.topic == topic))
                .map_or(String::new(), |c| format!("\n\nLast week: {}", c.text))
        };
        Self {
            title: game.scenario().story.title.clone(),
            week: format!("Week {} of {weeks}", game.week().min(weeks)),
            hours_left: format!(
                "{} of {} h left",
                text::whole((hours - used).max(0.0)),
                text::whole(hours)
            ),
            hours_used: if hours > 0.0 {
                (used / hours).clamp(0.0, 1.0)
            } else {
                1.0
            },
            countdown: run.timer.map(|t| Countdown {
                text: text::countdown(t.left),
                seconds: text::countdown_seconds(t.left),
                urgent: t.left <= URGENT_SECONDS,
            }),
            team: run.workshop.as_ref().map(|w| w.team.clone()),
            room: RoomLine::of(run),
            output: Score {
                name: "Output",
                week: text::num(last.map_or(0.0, |r| r.output)),
                total: text::num(state.total_output()),
                why: format!(
                    "Effort the team (and you) delivered: work done, scaled by skill, morale, clarity and autonomy.{}",
                    moved(Topic::Output)
                ),
            },
            value: Score {
                name: "Value",
                week: text::num(last.map_or(0.0, |r| r.value)),
                total: text::num(state.total_value()),
                why: format!(
                    "What customers and the business got: revenue from customers who adopted what shipped and are satisfied.{}",
                    moved(Topic::Value)
                ),
            },
        }
    }
}

impl RoomLine {
    fn of(run: &Run) -> Option<Self> {
        let room = run.workshop.as_ref()?.room.as_ref()?;
        let (text, tone, tip) = if !room.reached {
            (
                "Host out of reach".to_string(),
                Tone::Bad,
                format!(
                    "Your weeks wait here and go to {} once it answers; play on.",
                    room.address
                ),
            )
        } else if room.clock.paused {
            (
                "Room paused".to_string(),
                Tone::Bad,
                "The facilitator has paused the room: weeks cannot end until it resumes."
                    .to_string(),
            )
        } else if let Some(why) = run.held() {
            (
                "Waiting for the room".to_string(),
                Tone::Quiet,
                format!("The room plays in step: {why}."),
            )
        } else {
            (
                format!("Room: {} sent", text::count(room.acked as usize, "week")),
                Tone::Plain,
                format!(
                    "Your weeks go to the facilitator at {} as you play.",
                    room.address
                ),
            )
        };
        Some(Self {
            text,
            tip,
            tone,
            week: room.clock.room_week.map(|w| format!("Room at week {w}")),
        })
    }
}
