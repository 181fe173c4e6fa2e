//! The play screen (and the event to decide on it): the header, the team, the plan, the
//! actions in their one order, the feed, the backlog, the customers and the goals.

use super::{Bar, Control};
use crate::app::session::Notice;
use crate::app::{Run, whatif};
use crate::sim::{self, ActionDef, Family, Planned, Stat, TargetKind, Topic};
use crate::text;

/// A person whose flight risk is above this is flagged as one who may leave.
pub const FLIGHT_RISK_SHOWN: f64 = 0.2;

/// A countdown at or below this many seconds is shown as urgent.
pub const URGENT_SECONDS: f64 = 15.0;

/// How many weeks of the feed a screen shows, the latest first.
pub const FEED_WEEKS: usize = 3;

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
    /// The briefing's goals as the run stands.
    pub goals: GoalsView,
}

impl PlayView {
    /// The play screen of `run`, its backlog in `order`.
    pub fn of(run: &Run, notice: Option<&Notice>, order: BacklogOrder) -> Self {
        Self {
            header: Header::of(run),
            notice: notice.cloned(),
            held: run.held(),
            event: EventView::of(run),
            team: team(run),
            departed: run
                .game
                .state()
                .departed
                .iter()
                .map(|(week, p)| format!("{} left in week {week}", p.name))
                .collect(),
            plan: PlanView::of(run),
            actions: actions(run),
            feed: FeedView::of(run),
            backlog: BacklogView::of(run, order),
            customers: CustomersView::of(run),
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
    /// Whether the facilitator has paused the room.
    pub paused: bool,
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
            paused: room.clock.paused,
            week: room.clock.room_week.map(|w| format!("Room at week {w}")),
        })
    }
}

/// A person on the team.
#[derive(Clone, Debug)]
pub struct PersonRow {
    /// The person's id, for aiming at them.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Their role's name.
    pub role: &'static str,
    /// Whether person actions are aimed at them.
    pub picked: bool,
    /// Skill, morale, autonomy and clarity.
    pub bars: [Bar; 4],
    /// "may leave: flight risk 34%", when the risk is worth a warning.
    pub flight_risk: Option<String>,
    /// Every stat and the potential, in words ("Skill", "0.62").
    pub stats: Vec<(&'static str, String)>,
    /// What their week's output is the product of ("skill", "× 0.62"), then "= factor".
    pub factors: Vec<(&'static str, String)>,
    /// Their output factor in words.
    pub factor: String,
}

fn team(run: &Run) -> Vec<PersonRow> {
    let ramp = run.game.scenario().model.ramp_weeks;
    run.game
        .state()
        .people
        .iter()
        .map(|p| {
            let f = p.factors(ramp);
            let mut stats: Vec<_> = Stat::ALL
                .into_iter()
                .map(|s| (s.label(), text::fixed(p.stat(s), 2)))
                .collect();
            stats.push(("Potential", text::fixed(p.potential, 2)));
            PersonRow {
                id: p.id.clone(),
                name: p.name.clone(),
                role: p.role.name(),
                picked: run.selection.person.as_deref() == Some(p.id.as_str()),
                bars: [
                    Bar::of("Skill", p.skill),
                    Bar::of("Morale", p.morale),
                    Bar::of("Autonomy", p.autonomy),
                    Bar::of("Clarity", p.clarity),
                ],
                flight_risk: (p.flight_risk > FLIGHT_RISK_SHOWN)
                    .then(|| format!("may leave: flight risk {}", text::percent(p.flight_risk))),
                stats,
                factors: [
                    ("skill", f.skill),
                    ("morale 0.3+0.7×m", f.morale),
                    ("clarity 0.4+0.6×c", f.clarity),
                    ("autonomy 0.6+0.4×a", f.autonomy),
                    ("ramp-up", f.ramp),
                    ("available time", f.available),
                ]
                .into_iter()
                .map(|(name, v)| (name, format!("× {}", text::fixed(v, 2))))
                .collect(),
                factor: text::fixed(f.product(), 2),
            }
        })
        .collect()
}

/// This week's plan.
#[derive(Clone, Debug)]
pub struct PlanView {
    /// "16 of 40 hours planned · carries over to next week".
    pub hours: String,
    /// What an empty plan means.
    pub empty: Option<&'static str>,
    /// The entries, in the plan's order.
    pub rows: Vec<PlanRow>,
    /// Whether the plan can be cleared (it has entries).
    pub clearable: bool,
    /// Ending the week.
    pub end: Control,
    /// Taking the last week back.
    pub undo: Control,
}

/// An entry of the plan.
#[derive(Clone, Debug)]
pub struct PlanRow {
    /// "Mentor: Sam".
    pub name: String,
    /// "8h".
    pub hours: String,
    /// Its family, for its colour (`None` for an action the scenario no longer has).
    pub family: Option<Family>,
    /// Whether it fits in the week's hours; entries past them (an event took some away) are
    /// what ending the week will skip.
    pub fits: bool,
}

/// What a plan entry beyond the week's hours is marked with.
pub const WONT_FIT: &str = "won't fit: skipped";

impl PlanView {
    fn of(run: &Run) -> Self {
        let game = &run.game;
        let mut used = 0.0;
        let rows = game
            .plan()
            .iter()
            .map(|p| {
                let def = game.scenario().action(&p.action);
                let hours = def.map_or(0.0, |d| d.hours);
                used += hours;
                PlanRow {
                    name: entry(run, p),
                    hours: format!("{}h", text::whole(hours)),
                    family: def.map(|d| d.family),
                    fits: used <= game.hours() + 1e-9,
                }
            })
            .collect();
        let end_blocked = if game.pending().is_some() {
            Some("Decide the event first".to_string())
        } else if game.finished() {
            Some("The run is over".to_string())
        } else {
            run.held()
                .map(|why| format!("The week cannot end yet: {why}"))
        };
        Self {
            hours: format!(
                "{} of {} hours planned · carries over to next week",
                text::whole(game.hours_planned()),
                text::whole(game.hours())
            ),
            empty: game
                .plan()
                .is_empty()
                .then_some("Nothing planned: the team works on its own."),
            rows,
            clearable: !game.plan().is_empty(),
            end: Control::unless(
                format!("End week {}", game.week().min(game.scenario().weeks)),
                end_blocked,
            ),
            undo: Control::unless(
                "Undo last week",
                if !run.may_undo() {
                    Some("Undo is off in this workshop".to_string())
                } else {
                    game.log()
                        .is_empty()
                        .then(|| "No week played yet".to_string())
                },
            ),
        }
    }
}

/// A plan entry or an action as aimed, in words: "Mentor: Sam".
fn entry(run: &Run, p: &Planned) -> String {
    let name = run
        .game
        .scenario()
        .action(&p.action)
        .map_or(NO_LONGER, |d| d.name.as_str());
    match &p.target {
        Some(t) => format!("{name}: {}", run.target_name(t)),
        None => name.to_string(),
    }
}

/// An action a live edit took away, in words: players see names, never ids.
const NO_LONGER: &str = "an action this scenario no longer has";

/// The actions of one family.
#[derive(Clone, Debug)]
pub struct ActionGroup {
    /// The family.
    pub family: Family,
    /// Its name.
    pub label: &'static str,
    /// What the family does, in a sentence.
    pub hint: &'static str,
    /// Its actions, in the scenario's order.
    pub actions: Vec<ActionRow>,
}

/// An action the player can add to the plan.
#[derive(Clone, Debug)]
pub struct ActionRow {
    /// Its place in the one order of every action (for the desktop's keys).
    pub index: usize,
    /// The action as it would be planned, aimed at the current selection.
    pub planned: Planned,
    /// "Mentor: Sam", with "Can't take it now: …" when it cannot be added.
    pub control: Control,
    /// "8h".
    pub hours: String,
    /// What it does.
    pub description: String,
    /// How to aim it, for actions with a target.
    pub aim: Option<&'static str>,
}

/// The scenario's actions in the order every screen lists them: by family, then as the
/// scenario gives them.
pub fn ordered_actions(run: &Run) -> Vec<&ActionDef> {
    let actions = &run.game.scenario().actions;
    Family::ALL
        .into_iter()
        .flat_map(|family| actions.iter().filter(move |a| a.family == family))
        .collect()
}

fn actions(run: &Run) -> Vec<ActionGroup> {
    let ordered = ordered_actions(run);
    Family::ALL
        .into_iter()
        .filter_map(|family| {
            let actions: Vec<_> = ordered
                .iter()
                .enumerate()
                .filter(|(_, a)| a.family == family)
                .map(|(index, def)| {
                    let planned = run.aimed(def);
                    let blocked = run
                        .game
                        .check(&planned)
                        .err()
                        .map(|why| format!("Can't take it now: {why}"));
                    ActionRow {
                        index,
                        control: Control::unless(entry(run, &planned), blocked),
                        planned,
                        hours: format!("{}h", text::whole(def.hours)),
                        description: def.description.clone(),
                        aim: match def.target {
                            TargetKind::None => None,
                            TargetKind::Person => Some("Target: pick a person in Team."),
                            TargetKind::Item => Some("Target: pick an item in the Backlog."),
                            TargetKind::Segment => Some("Target: pick a segment in Customers."),
                        },
                    }
                })
                .collect();
            (!actions.is_empty()).then(|| ActionGroup {
                family,
                label: family.label(),
                hint: family_hint(family),
                actions,
            })
        })
        .collect()
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

/// What adding an action would do, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct PreviewWords {
    /// "This week: Output +1.2 · Value ±0 · 8 h".
    pub week: String,
    /// "Moves Sam morale +0.1", when it moves people.
    pub moves: Option<String>,
    /// "If you keep this plan, over 4 weeks: Output +3.0 · Value +1.0 (an estimate)".
    pub later: Option<String>,
}

/// What adding `planned` would do, measured against `baseline` (the plan as it stands,
/// played ahead once: [`whatif::Baseline::of`]); `None` when the run shows no previews.
pub fn action_preview(
    run: &Run,
    baseline: &whatif::Baseline,
    planned: &Planned,
) -> Option<PreviewWords> {
    let p = whatif::preview(&run.game, baseline, planned)?;
    Some(PreviewWords {
        week: format!(
            "This week: Output {} · Value {} · {} h",
            text::signed(p.output),
            text::signed(p.value),
            text::whole(p.hours)
        ),
        moves: (!p.people.is_empty())
            .then(|| format!("Moves {}", whatif::moved_in_words(&p.people))),
        later: p.later.map(|later| {
            format!(
                "If you keep this plan, over {}: Output {} · Value {} (an estimate)",
                text::count(later.weeks as usize, "week"),
                text::signed(later.output),
                text::signed(later.value)
            )
        }),
    })
}

/// The plan as it stands played ahead once, if the run shows previews.
pub fn baseline(run: &Run) -> Option<whatif::Baseline> {
    run.previews()
        .then(|| whatif::Baseline::of(&run.game))
        .flatten()
}

/// The feed: the latest weeks first.
#[derive(Clone, Debug)]
pub struct FeedView {
    /// What the feed is for, before the first week.
    pub empty: Option<&'static str>,
    /// The last [`FEED_WEEKS`] weeks, the latest first.
    pub weeks: Vec<FeedWeek>,
}

/// A week of the feed.
#[derive(Clone, Debug)]
pub struct FeedWeek {
    /// Its place among the run's reports, for keeping each week's folds apart.
    pub index: usize,
    /// "Week 3: Output 12.5 · Value 4.0".
    pub head: String,
    /// Whether it is the week just played (shown open).
    pub latest: bool,
    /// What moved the numbers, then the skipped actions.
    pub lines: Vec<FeedLine>,
    /// "What your 3 actions did", when any did.
    pub actions_head: Option<String>,
    /// What each action did.
    pub actions: Vec<FeedLine>,
}

/// A line of the feed.
#[derive(Clone, Debug)]
pub struct FeedLine {
    /// The explanation.
    pub text: String,
    /// What it is about (`None`: an action that was skipped).
    pub topic: Option<Topic>,
    /// The signed size of the change it explains, for its colour.
    pub size: f64,
}

impl FeedView {
    fn of(run: &Run) -> Self {
        let scenario = run.game.scenario();
        let n = run.reports.len();
        let line = |c: &sim::Cause| FeedLine {
            text: c.text.clone(),
            topic: Some(c.topic),
            size: c.size,
        };
        Self {
            empty: run.reports.is_empty().then_some(
                "The week's feed explains why the numbers moved. Plan some actions and end the week.",
            ),
            weeks: run
                .reports
                .iter()
                .enumerate()
                .rev()
                .take(FEED_WEEKS)
                .map(|(index, report)| {
                    let mut lines: Vec<_> = report
                        .causes
                        .iter()
                        .filter(|c| c.topic != Topic::Action)
                        .map(line)
                        .collect();
                    lines.extend(report.skipped.iter().map(|s| {
                        let action = scenario
                            .action(&s.action)
                            .map_or(NO_LONGER, |d| d.name.as_str());
                        FeedLine {
                            text: format!("skipped {action}: {}", s.reason),
                            topic: None,
                            size: -1.0,
                        }
                    }));
                    let actions: Vec<_> = report
                        .causes
                        .iter()
                        .filter(|c| c.topic == Topic::Action)
                        .map(line)
                        .collect();
                    FeedWeek {
                        index,
                        head: format!(
                            "Week {}: Output {} · Value {}",
                            report.record.week,
                            text::num(report.record.output),
                            text::num(report.record.value)
                        ),
                        latest: index + 1 == n,
                        lines,
                        actions_head: (!actions.is_empty()).then(|| {
                            format!("What your {} did", text::count(actions.len(), "action"))
                        }),
                        actions,
                    }
                })
                .collect(),
        }
    }
}

/// The backlog.
#[derive(Clone, Debug)]
pub struct BacklogView {
    /// "12 open · value known for 3".
    pub summary: String,
    /// The order it is in.
    pub order: BacklogOrder,
    /// The id of the item item actions are aimed at, if any (it may be in no row: shipped,
    /// or not in this order).
    pub picked: Option<String>,
    /// "Aimed at: Search", when an item is picked.
    pub aimed: Option<String>,
    /// What an empty list means.
    pub empty: Option<&'static str>,
    /// The open items, in `order`.
    pub rows: Vec<ItemRow>,
    /// "Shipped (4)", when anything shipped.
    pub shipped_head: Option<String>,
    /// What shipped, the latest first.
    pub shipped: Vec<String>,
}

/// An open backlog item.
#[derive(Clone, Debug)]
pub struct ItemRow {
    /// The item's id, for aiming at it.
    pub id: String,
    /// "[first] Search · worth 3.2 · 40% of 6".
    pub text: String,
    /// Whether its value is known.
    pub known: bool,
    /// Whether item actions are aimed at it.
    pub picked: bool,
    /// Its effort, progress and value by segment, in a sentence.
    pub detail: String,
}

impl BacklogView {
    fn of(run: &Run, order: BacklogOrder) -> Self {
        let state = run.game.state();
        let open = state.items.iter().filter(|i| i.open()).count();
        let known = state
            .items
            .iter()
            .filter(|i| i.open() && i.revealed)
            .count();
        let picked = run.selection.item.as_deref();
        let rows: Vec<_> = backlog_rows(state, order)
            .into_iter()
            .map(|item| {
                let worth = if item.revealed {
                    format!("worth {}", text::fixed(item.total_value(), 1))
                } else {
                    "worth ?".to_string()
                };
                let first = if state.pinned.as_deref() == Some(item.id.as_str()) {
                    "[first] "
                } else {
                    ""
                };
                let value = if item.revealed {
                    let per: Vec<String> = state
                        .segments
                        .iter()
                        .zip(&item.value)
                        .map(|(s, v)| format!("{} {}", s.name, text::fixed(*v, 1)))
                        .collect();
                    format!("Value by segment: {}", per.join(", "))
                } else {
                    "Its value is unknown: talk to customers to find out.".to_string()
                };
                ItemRow {
                    id: item.id.clone(),
                    text: format!(
                        "{first}{} · {worth} · {} of {}",
                        item.name,
                        text::percent(item.progress / item.effort.max(1e-9)),
                        text::whole(item.effort)
                    ),
                    known: item.revealed,
                    picked: picked == Some(item.id.as_str()),
                    detail: format!(
                        "Effort {}, done {}. {value}",
                        text::fixed(item.effort, 1),
                        text::fixed(item.progress, 1)
                    ),
                }
            })
            .collect();
        let shipped: Vec<String> = state
            .items
            .iter()
            .filter(|i| i.shipped.is_some())
            .rev()
            .map(|item| {
                let worth = if item.revealed {
                    format!("worth {}", text::fixed(item.worth(), 1))
                } else {
                    "worth ?".into()
                };
                format!("wk {} · {} · {worth}", item.shipped.unwrap_or(0), item.name)
            })
            .collect();
        Self {
            summary: format!("{open} open · value known for {known}"),
            order,
            picked: picked.map(str::to_owned),
            aimed: picked
                .and_then(|id| state.items.iter().find(|i| i.id == id))
                .map(|item| format!("Aimed at: {}", item.name)),
            empty: rows.is_empty().then_some("Nothing here."),
            rows,
            shipped_head: (!shipped.is_empty()).then(|| format!("Shipped ({})", shipped.len())),
            shipped,
        }
    }
}

/// The open items in `order` (the unknown-value order lists only those): the backlog's rows
/// and the order the desktop's arrow keys step through.
pub fn backlog_rows(state: &sim::State, order: BacklogOrder) -> Vec<&sim::Item> {
    let mut open: Vec<_> = state.items.iter().filter(|i| i.open()).collect();
    let by_value = |a: &&sim::Item, b: &&sim::Item| {
        (b.revealed.cmp(&a.revealed))
            .then(b.total_value().total_cmp(&a.total_value()))
            .then(b.progress.total_cmp(&a.progress))
    };
    match order {
        BacklogOrder::Value => open.sort_by(by_value),
        BacklogOrder::Building => open.sort_by(|a, b| {
            let done = |i: &sim::Item| i.progress / i.effort.max(1e-9);
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

/// The customers.
#[derive(Clone, Debug)]
pub struct CustomersView {
    /// "focus 40% · reach 25% · debt 1.2".
    pub summary: String,
    /// What the summary's words mean.
    pub summary_tip: &'static str,
    /// The segments, in the scenario's order.
    pub rows: Vec<SegmentRow>,
}

/// A customer segment.
#[derive(Clone, Debug)]
pub struct SegmentRow {
    /// The segment's id, for aiming at it.
    pub id: String,
    /// Its name.
    pub name: String,
    /// "12.5 / week revenue".
    pub revenue: String,
    /// Adoption and satisfaction.
    pub bars: [Bar; 2],
    /// Whether segment actions are aimed at it.
    pub picked: bool,
    /// Its size, price, adoption, satisfaction and revenue in a sentence.
    pub detail: String,
}

impl CustomersView {
    fn of(run: &Run) -> Self {
        let state = run.game.state();
        Self {
            summary: format!(
                "focus {} · reach {} · debt {}",
                text::percent(state.focus),
                text::percent(state.reach()),
                text::fixed(state.debt, 1)
            ),
            summary_tip: "Focus: share of effort aimed at the most valuable known work. Reach: how well you know your customers. Debt: low-quality work that creates support load.",
            rows: state
                .segments
                .iter()
                .map(|seg| SegmentRow {
                    id: seg.id.clone(),
                    name: seg.name.clone(),
                    revenue: format!("{} / week revenue", text::num(seg.revenue())),
                    bars: [
                        Bar::of("Adoption", seg.adoption),
                        Bar::of("Satisfied", seg.satisfaction),
                    ],
                    picked: run.selection.segment.as_deref() == Some(seg.id.as_str()),
                    detail: format!(
                        "{}: size {}, price {}, adoption {}, satisfaction {}, revenue {}/week",
                        seg.name,
                        text::whole(seg.size),
                        text::fixed(seg.price, 1),
                        text::percent(seg.adoption),
                        text::percent(seg.satisfaction),
                        text::fixed(seg.revenue(), 1)
                    ),
                })
                .collect(),
        }
    }
}

/// The briefing's goals as the run stands.
#[derive(Clone, Debug)]
pub struct GoalsView {
    /// "Your goals · 1 of 2 met now".
    pub title: String,
    /// Each goal: whether it is met now, and its words.
    pub rows: Vec<GoalRow>,
}

/// A goal during play.
#[derive(Clone, Debug)]
pub struct GoalRow {
    /// "met", "not yet" or "you judge".
    pub mark: &'static str,
    /// Whether the mark is good news.
    pub met: bool,
    /// The goal.
    pub text: String,
}

impl GoalsView {
    fn of(game: &sim::Game) -> Self {
        let goals = sim::review::goals(game);
        let checked = goals.iter().filter(|g| g.met.is_some()).count();
        let met = goals.iter().filter(|g| g.met == Some(true)).count();
        Self {
            title: if checked == 0 {
                "Your goals".to_string()
            } else {
                format!("Your goals · {met} of {checked} met now")
            },
            rows: goals
                .into_iter()
                .map(|g| GoalRow {
                    mark: match g.met {
                        Some(true) => "met",
                        Some(false) => "not yet",
                        None => "you judge",
                    },
                    met: g.met == Some(true),
                    text: g.text,
                })
                .collect(),
        }
    }
}

/// The event waiting for an answer.
#[derive(Clone, Debug)]
pub struct EventView {
    /// "After week 3: a decision".
    pub when: String,
    /// The event's title.
    pub title: String,
    /// What happened.
    pub text: String,
    /// The answers, in order.
    pub choices: Vec<ChoiceRow>,
}

/// An answer to an event.
#[derive(Clone, Debug)]
pub struct ChoiceRow {
    /// "1. Talk to Sam".
    pub label: String,
    /// What it will likely do.
    pub hint: String,
    /// "Then next week with your plan: Output 12.0 · Value 3.1", when the run previews.
    pub preview: Option<String>,
}

impl EventView {
    fn of(run: &Run) -> Option<Self> {
        let game = &run.game;
        let pending = game.pending()?;
        let event = game.scenario().event(&pending.event)?;
        let name = run.subject_name();
        let previews = run.previews() && !game.finished();
        Some(Self {
            when: format!("After week {}: a decision", game.state().week),
            title: event.title.clone(),
            text: pending.text.clone(),
            choices: event
                .choices
                .iter()
                .enumerate()
                .map(|(i, c)| ChoiceRow {
                    label: format!("{}. {}", i + 1, c.label.replace("{name}", &name)),
                    hint: c.hint.replace("{name}", &name),
                    preview: previews
                        .then(|| whatif::preview_choice(game, i))
                        .flatten()
                        .map(|p| {
                            let moved = if p.people.is_empty() {
                                String::new()
                            } else {
                                format!(" · moves {}", whatif::moved_in_words(&p.people))
                            };
                            format!(
                                "Then next week with your plan: Output {} · Value {}{moved}",
                                text::num(p.output),
                                text::num(p.value)
                            )
                        }),
                })
                .collect(),
        })
    }
}

/// A run of a built-in scenario before its first week, for the renderers' tests.
#[cfg(test)]
pub(crate) fn fresh_run() -> Run {
    let scenario = crate::format::builtin("brilliant-team")
        .and_then(Result::ok)
        .expect("a built-in scenario");
    Run::new(
        crate::app::Source::Builtin("brilliant-team".into()),
        std::sync::Arc::new(scenario),
        7,
    )
}

/// A run in the middle, for the renderers' tests: the balanced bot's plans played by hand on
/// a built-in scenario until an event waits (from week 3 on), with a person picked.
#[cfg(test)]
pub(crate) fn mid_run() -> Run {
    let mut run = fresh_run();
    let bot = sim::play(run.game.scenario(), sim::Policy::Balanced, 7);
    for week in bot.log() {
        run.game.set_plan(week.plan.clone());
        run.end_week().expect("a week");
        if run.game.pending().is_some() && run.game.state().week >= 3 {
            break;
        }
        if let Some(c) = week.choice {
            run.decide(c).expect("a choice");
        }
    }
    let person = run.game.state().people.first().map(|p| p.id.clone());
    run.select(crate::app::Pick::Person(person.expect("a team")));
    run
}

/// Whether `text` shows `word` as a whole: not as a part of a longer word or number ("27.3"
/// is not shown by "27.35", "-27.3" or "127.3"), so a renderer that reformats a number fails.
#[cfg(test)]
pub(crate) fn shows(text: &str, word: &str) -> bool {
    let starts_alnum = word.starts_with(|c: char| c.is_alphanumeric());
    let starts_digit = word.starts_with(|c: char| c.is_ascii_digit());
    let ends_alnum = word.ends_with(|c: char| c.is_alphanumeric());
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let mut after = text[at + word.len()..].chars();
        let (next, then) = (after.next(), after.next());
        // A sign or a decimal point before a number, or a decimal part after it, is the
        // number's own.
        let joins_before =
            |c: char| c.is_alphanumeric() || starts_digit && matches!(c, '-' | '+' | '.' | '±');
        let joins_after =
            |c: char| c.is_alphanumeric() || c == '.' && then.is_some_and(|t| t.is_ascii_digit());
        let clear_before = !starts_alnum || !before.is_some_and(joins_before);
        let clear_after = !ends_alnum || !next.is_some_and(joins_after);
        clear_before && clear_after
    })
}

/// How much of the lists that scroll a renderer shows at once.
#[cfg(test)]
#[derive(Clone, Copy)]
pub(crate) struct Fits {
    /// Entries of the plan.
    pub plan: usize,
    /// Rows of the backlog.
    pub backlog: usize,
    /// Lines of the latest week's feed.
    pub feed: usize,
}

#[cfg(test)]
impl Fits {
    /// A page that scrolls as a whole shows everything.
    pub const ALL: Fits = Fits {
        plan: usize::MAX,
        backlog: usize::MAX,
        feed: usize::MAX,
    };
}

/// The words and numbers every renderer of `view` shows up front (not in hovers, not folded
/// away), in the view's order, of the lists as much as `fits`: what the renderers' tests look
/// for.
#[cfg(test)]
pub(crate) fn shown(view: &PlayView, fits: Fits) -> Vec<String> {
    let h = &view.header;
    let mut out = vec![h.title.clone(), h.week.clone(), h.hours_left.clone()];
    for s in [&h.output, &h.value] {
        out.extend([s.name.to_string(), s.week.clone(), s.total.clone()]);
    }
    out.extend(h.countdown.as_ref().map(|c| c.text.clone()));
    out.extend(h.team.clone());
    out.extend(h.room.as_ref().map(|r| r.text.clone()));
    out.extend(view.notice.as_ref().map(|n| n.text.clone()));
    if let Some(e) = &view.event {
        out.extend([e.when.clone(), e.title.clone(), e.text.clone()]);
        for c in &e.choices {
            out.extend([c.label.clone(), c.hint.clone()]);
            out.extend(c.preview.clone());
        }
    }
    for p in &view.team {
        out.extend([p.name.clone(), p.role.to_string()]);
        out.extend(p.bars.iter().map(|b| b.label.to_string()));
        out.extend(p.flight_risk.clone());
    }
    out.extend(view.departed.iter().cloned());
    let plan = &view.plan;
    out.push(plan.hours.clone());
    out.extend(plan.empty.map(str::to_string));
    for row in plan.rows.iter().take(fits.plan) {
        out.push(format!("{} · {}", row.name, row.hours));
        if !row.fits {
            out.push(WONT_FIT.to_string());
        }
    }
    out.push(plan.end.label.clone());
    if plan.undo.is_enabled() {
        out.push(plan.undo.label.clone());
    }
    for g in &view.actions {
        out.push(g.label.to_string());
        for a in &g.actions {
            out.extend([a.control.label.clone(), a.hours.clone()]);
        }
    }
    out.extend(view.feed.empty.map(str::to_string));
    // The latest week first; what follows its lines shows if they leave room for it.
    let mut room = true;
    for week in &view.feed.weeks {
        if !room {
            break;
        }
        out.push(week.head.clone());
        if week.latest {
            out.extend(week.lines.iter().take(fits.feed).map(|l| l.text.clone()));
            room = week.lines.len() < fits.feed;
            if room {
                out.extend(week.actions_head.clone());
            }
        }
    }
    let b = &view.backlog;
    out.push(b.summary.clone());
    out.extend(b.aimed.clone());
    out.extend(b.empty.map(str::to_string));
    out.extend(b.rows.iter().take(fits.backlog).map(|r| r.text.clone()));
    if b.rows.len() <= fits.backlog {
        out.extend(b.shipped_head.clone());
    }
    out.push(view.customers.summary.clone());
    for s in &view.customers.rows {
        out.extend([s.name.clone(), s.revenue.clone()]);
        out.extend(s.bars.iter().map(|b| b.label.to_string()));
    }
    out.push(view.goals.title.clone());
    for g in &view.goals.rows {
        out.extend([g.mark.to_string(), g.text.clone()]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_shown_only_whole() {
        assert!(shows("Output 27.3 (total 225)", "27.3"));
        assert!(shows("Output 27.3", "Output 27.3"));
        assert!(!shows("Output 27.35", "27.3"));
        assert!(!shows("Output -27.3", "27.3"));
        assert!(!shows("Output 127.3", "27.3"));
        assert!(!shows("Output 27.3", "27"));
        assert!(shows("27.", "27"));
        assert!(!shows("Priyanka", "Priya"));
        assert!(shows("(met)", "met"));
        assert!(shows("Skill\n0.80", "Skill"));
    }

    #[test]
    fn a_fresh_run_shows_no_negative_zero() {
        let run = fresh_run();
        let view = PlayView::of(&run, None, BacklogOrder::default());
        for word in shown(&view, Fits::ALL) {
            assert!(
                !word.contains("-0.0") && !word.ends_with("-0") && !word.contains("-0."),
                "{word}"
            );
        }
        assert_eq!(view.header.output.week, "0.0");
        assert_eq!(view.plan.hours.split(' ').next(), Some("0"));
    }

    #[test]
    fn the_flight_risk_warning_and_the_actions_order_are_decided_once() {
        let run = mid_run();
        let view = PlayView::of(&run, None, BacklogOrder::default());
        for (p, row) in run.game.state().people.iter().zip(&view.team) {
            assert_eq!(row.flight_risk.is_some(), p.flight_risk > FLIGHT_RISK_SHOWN);
        }
        let listed: Vec<_> = view
            .actions
            .iter()
            .flat_map(|g| {
                g.actions
                    .iter()
                    .map(|a| (a.index, a.planned.action.clone()))
            })
            .collect();
        let ordered: Vec<_> = ordered_actions(&run)
            .into_iter()
            .enumerate()
            .map(|(i, d)| (i, d.id.clone()))
            .collect();
        assert_eq!(listed, ordered);
    }

    #[test]
    fn an_event_waits_in_the_middle_of_the_run() {
        let run = mid_run();
        let view = PlayView::of(&run, None, BacklogOrder::default());
        let event = view.event.expect("an event waits");
        assert!(!event.choices.is_empty());
        assert!(
            !view.plan.end.is_enabled(),
            "the week cannot end before the answer"
        );
        assert!(view.team.iter().any(|p| p.picked));
    }
}
