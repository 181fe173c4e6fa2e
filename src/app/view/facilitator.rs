//! The facilitator's live view of a hosted room: the room's clock in words and a row per
//! table (its week, hours, scores, clock, pace, undos, link and verdict so far). Built from
//! the room's rules ([`Room`]), which sit below the app; the host's pages lay it out.

use super::play::Tone;
use crate::room::rules::{Room, Table};
use crate::sim::Totals;
use crate::sim::review::Quadrant;
use crate::text;

/// The room as the facilitator and the projector see it.
#[derive(Clone, Debug)]
pub struct RoomStatus {
    /// Whether the facilitator has paused the room.
    pub paused: bool,
    /// "Room at week 4 of 12 · 0:45 left in the room's week · 3 tables".
    pub words: String,
}

impl RoomStatus {
    /// The status of `room` at `now` (milliseconds).
    pub fn of(room: &Room, now: u64) -> Self {
        let clock = room.clock(now);
        let over =
            !room.tables().is_empty() && room.tables().iter().all(|t| t.weeks() >= room.weeks());
        let mut parts = Vec::new();
        if let Some(step) = clock.room_week {
            parts.push(format!("Room at week {step} of {}", room.weeks()));
        }
        if let Some(left) = clock.left.filter(|_| !over) {
            parts.push(format!("{} left in the room's week", text::duration(left)));
        }
        if room.ended() {
            parts.push("Ended: no week ends any more".to_string());
        } else if over {
            parts.push("Every table has finished".to_string());
        }
        parts.push(text::count(room.tables().len(), "table"));
        Self {
            paused: clock.paused,
            words: parts.join(" · "),
        }
    }
}

/// What the facilitator's live part shows.
#[derive(Clone, Debug)]
pub struct FacilitatorView {
    /// The room's clock in words.
    pub status: RoomStatus,
    /// What an empty room means.
    pub empty: Option<&'static str>,
    /// How the room stands at a glance, for a room of many tables: how many tables are at
    /// each week, who is behind, who is offline.
    pub summary: Vec<String>,
    /// A row per table, in the order they joined.
    pub rows: Vec<TableRow>,
    /// "Every table beside the bots, at week 4".
    pub quadrant_head: String,
}

/// A table on the facilitator's page.
#[derive(Clone, Debug)]
pub struct TableRow {
    /// The table's place in the room (the order it joined in): what names its row on a page
    /// that updates rows one by one, whatever the order they are listed in.
    pub place: usize,
    /// The team's name.
    pub team: String,
    /// Weeks ended.
    pub weeks: u32,
    /// "3 / 12".
    pub week: String,
    /// "20 of 40", once the table has said.
    pub planned: Option<String>,
    /// Its Output so far.
    pub output: String,
    /// Its Value so far.
    pub value: String,
    /// The time left on its week's clock, if it keeps time.
    pub left: Option<String>,
    /// "on pace", "ahead", "behind", "far behind", "finished" (in step: "week ended,
    /// waiting", "playing the room's week", "2 behind"), and how that reads.
    pub pace: (String, Tone),
    /// How many weeks it took back.
    pub undos: String,
    /// Whether it has been heard from lately.
    pub online: bool,
    /// Its quadrant beside the bots at the same week: "Neither" once it has finished,
    /// "Neither at week 12 of 26" before; none before its first week.
    pub verdict: Option<String>,
}

impl FacilitatorView {
    /// The facilitator's view of `room` at `now` (milliseconds); `lines(w)` divide the
    /// quadrant after `w` weeks (the bots' verdict lines at that week), so that a run half
    /// played is set beside the bots' same half.
    pub fn of(room: &Room, lines: impl Fn(u32) -> Totals, now: u64) -> Self {
        let mut view = Self::rows_of(room, lines, now);
        view.summary = summary(room, &view.rows);
        view
    }

    /// The rows sorted as the facilitator asked: by name, by week (the furthest first) or
    /// by pace (the furthest behind first); in the order they joined otherwise.
    pub fn sorted(mut self, by: Sort) -> Self {
        match by {
            Sort::Joined => {}
            Sort::Team => self.rows.sort_by_key(|r| r.team.to_lowercase()),
            Sort::Week => self.rows.sort_by_key(|r| std::cmp::Reverse(r.weeks)),
            Sort::Behind => self.rows.sort_by_key(|r| r.weeks),
        }
        self
    }

    fn rows_of(room: &Room, lines: impl Fn(u32) -> Totals, now: u64) -> Self {
        let now_s = now as f64 / 1000.0;
        Self {
            status: RoomStatus::of(room, now),
            empty: room.tables().is_empty().then_some(
                "No table has joined yet. Tables open the address on the projector in a browser, or in the game's Join a workshop.",
            ),
            rows: room
                .tables()
                .iter()
                .enumerate()
                .map(|(place, t)| {
                    let totals = Totals::of(t.game.state());
                    let weeks = t.weeks().min(room.weeks());
                    TableRow {
                        place,
                        team: t.team.clone(),
                        weeks: t.weeks(),
                        week: format!("{} / {}", t.weeks().min(room.weeks()), room.weeks()),
                        planned: t.seen.map(|_| {
                            format!("{} of {}", text::whole(t.planned.0), text::whole(t.planned.1))
                        }),
                        output: text::whole(totals.output),
                        value: text::whole(totals.value),
                        left: t.left.map(text::duration),
                        pace: pace_words(room, t),
                        undos: t.undos.to_string(),
                        online: t.online(now_s),
                        verdict: (weeks > 0).then(|| {
                            let name = Quadrant::of(totals, lines(weeks)).name();
                            if weeks >= room.weeks() {
                                name.to_string()
                            } else {
                                format!("{name} at week {weeks} of {}", room.weeks())
                            }
                        }),
                    }
                })
                .collect(),
            summary: Vec::new(),
            quadrant_head: quadrant_head(room),
        }
    }
}

/// The heading of the room's quadrant: "Every table beside the bots at week 4 (…)".
pub fn quadrant_head(room: &Room) -> String {
    match reference_week(room) {
        0 => "Every table beside the bots".to_string(),
        week => format!(
            "Every table beside the bots at week {week} (a table at another week is marked with it)"
        ),
    }
}

/// How the facilitator asks the tables to be listed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Sort {
    /// In the order they joined.
    #[default]
    Joined,
    /// By team name.
    Team,
    /// The furthest first.
    Week,
    /// The furthest behind first.
    Behind,
}

impl Sort {
    /// Reads a `sort` parameter (`team`, `week`, `behind`; anything else: as joined).
    pub fn of(name: &str) -> Self {
        match name {
            "team" => Sort::Team,
            "week" => Sort::Week,
            "behind" => Sort::Behind,
            _ => Sort::Joined,
        }
    }
}

/// Names, at most eight of them, and how many more.
fn some_names(names: &[&str]) -> String {
    const SHOWN: usize = 8;
    let mut out = names
        .iter()
        .take(SHOWN)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    if names.len() > SHOWN {
        out.push_str(&format!(" and {} more", names.len() - SHOWN));
    }
    out
}

/// The room at a glance: "Weeks ended: 12 at 4, 3 at 5", "Behind: …", "Offline: …".
fn summary(room: &Room, rows: &[TableRow]) -> Vec<String> {
    if rows.is_empty() {
        return Vec::new();
    }
    let mut at: Vec<(u32, usize)> = Vec::new();
    for r in rows {
        let week = r.weeks.min(room.weeks());
        match at.iter_mut().find(|(w, _)| *w == week) {
            Some((_, n)) => *n += 1,
            None => at.push((week, 1)),
        }
    }
    at.sort_unstable();
    let weeks = at
        .iter()
        .map(|(w, n)| {
            if *w >= room.weeks() {
                format!("{n} finished")
            } else {
                format!("{n} at {w}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    let mut lines = vec![format!("Weeks ended: {weeks}")];
    let behind: Vec<&str> = rows
        .iter()
        .filter(|r| r.pace.1 == Tone::Bad)
        .map(|r| r.team.as_str())
        .collect();
    if !behind.is_empty() {
        lines.push(format!("Behind: {}", some_names(&behind)));
    }
    let offline: Vec<&str> = rows
        .iter()
        .filter(|r| !r.online)
        .map(|r| r.team.as_str())
        .collect();
    if !offline.is_empty() {
        lines.push(format!("Offline: {}", some_names(&offline)));
    }
    lines
}

/// The week the room is at, for the bots and the lines: an in-step room's own week, else the
/// furthest any table has got.
pub fn reference_week(room: &Room) -> u32 {
    let furthest = room.tables().iter().map(Table::weeks).max().unwrap_or(0);
    match room.step() {
        Some(step) => step.saturating_sub(1).max(furthest),
        None => furthest,
    }
}

/// Where a table stands against the room: weeks behind (negative) or ahead of it.
fn pace(room: &Room, table: &Table) -> i64 {
    let reference = match room.step() {
        // In step a table on pace has ended the weeks before the room's.
        Some(step) => i64::from(step) - 1,
        None => {
            let mut weeks: Vec<u32> = room.tables().iter().map(Table::weeks).collect();
            weeks.sort_unstable();
            weeks.get(weeks.len() / 2).copied().map_or(0, i64::from)
        }
    };
    i64::from(table.weeks()) - reference
}

/// How many weeks behind the room's middle table a table in a free room is said to be
/// behind: one week either way is how tables at their own speed spread, not a table to go
/// and see.
const BEHIND: i64 = 2;

/// How many weeks behind the room's middle table a table in a free room is far behind.
const FAR_BEHIND: i64 = 5;

/// A table's pace in words. In step, a table that has ended the room's week waits for the
/// room, one still playing it is what the room waits for, and one further back is behind.
/// In a free room the words say where it stands against the room's middle table in bands
/// (on pace within a week either way, ahead, behind, far behind), so that they change when
/// the table moves to another band, not each time the middle table ends a week: the exact
/// week is in its own column, and a hundred tables' words moving every second would be
/// noise to read (and to send).
fn pace_words(room: &Room, table: &Table) -> (String, Tone) {
    if let Some(step) = room.step()
        && table.weeks() < room.weeks()
    {
        let behind = i64::from(step) - 1 - i64::from(table.weeks());
        return match behind {
            ..0 => ("week ended, waiting".to_string(), Tone::Good),
            0 => ("playing the room's week".to_string(), Tone::Plain),
            n => (format!("{n} behind"), Tone::Bad),
        };
    }
    let words = |w: &str, tone| (w.to_string(), tone);
    match pace(room, table) {
        _ if table.weeks() >= room.weeks() => words("finished", Tone::Good),
        d if d <= -FAR_BEHIND => words("far behind", Tone::Bad),
        d if d <= -BEHIND => words("behind", Tone::Bad),
        d if d >= BEHIND => words("ahead", Tone::Plain),
        _ => words("on pace", Tone::Plain),
    }
}
