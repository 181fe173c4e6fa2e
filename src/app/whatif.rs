//! What if? Previews before a choice and forks after the run, from the core's own runs: the
//! world is deterministic and a week costs microseconds, so what an action or an answer
//! does this week is worked out exactly by playing the week on copies, with and without it.
//!
//! Previews show only the near term the player would see anyway (this week's numbers, the
//! people it moves, and an estimate a few weeks out if the plan is kept); never the
//! debrief's verdict.

use crate::sim::{Game, Planned, Stat};

/// How many weeks out the estimate looks.
pub const WEEKS_OUT: u32 = 4;

/// What adding an action to the plan does, against the plan as it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// This week's Output with the action, minus without it.
    pub output: f64,
    /// This week's Value with the action, minus without it.
    pub value: f64,
    /// The hours it takes.
    pub hours: f64,
    /// The people it moves this week: name, stat, change (largest first).
    pub people: Vec<(String, Stat, f64)>,
    /// If the plan is kept with the action in it, the difference a few weeks out: an
    /// estimate, since events may come and are answered with their first choice.
    pub later: Option<Later>,
}

/// The difference a plan makes over the next weeks, if kept.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Later {
    /// Weeks looked ahead (fewer near the end of the run).
    pub weeks: u32,
    /// Output over those weeks, with minus without.
    pub output: f64,
    /// Value over those weeks, with minus without.
    pub value: f64,
}

/// What an event's answer does: next week's numbers under the plan as it stands.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoicePreview {
    /// Next week's Output after this answer, with the plan as it stands.
    pub output: f64,
    /// Next week's Value after this answer, with the plan as it stands.
    pub value: f64,
    /// The people the answer moves at once: name, stat, change.
    pub people: Vec<(String, Stat, f64)>,
}

/// The plan as it stands, played ahead once: every action's preview is measured against it.
#[derive(Clone, Debug)]
pub struct Baseline {
    /// The week played with the plan as it stands.
    week: Game,
    /// Output and Value of that week.
    now: (f64, f64),
    /// Output and Value over the weeks ahead, and how many.
    ahead: (f64, f64, u32),
}

impl Baseline {
    /// The plan of `game` played ahead; `None` if no week can be played now (the run is
    /// over, or an event waits for an answer).
    pub fn of(game: &Game) -> Option<Self> {
        let mut week = game.clone();
        let now = play_week(&mut week)?;
        let ahead = ahead(&week, now);
        Some(Self { week, now, ahead })
    }
}

/// What adding `planned` to the plan of `game` does this week (and a few weeks out), or
/// `None` if it cannot be added now. `baseline` is [`Baseline::of`] the same game.
pub fn preview(game: &Game, baseline: &Baseline, planned: &Planned) -> Option<Preview> {
    game.check(planned).ok()?;
    let mut with = game.clone();
    with.add(planned.clone()).ok()?;
    let now = play_week(&mut with)?;
    let later = ahead(&with, now);
    let hours = game
        .scenario()
        .action(&planned.action)
        .map_or(0.0, |d| d.hours);
    let weeks = later.2.min(baseline.ahead.2);
    Some(Preview {
        output: now.0 - baseline.now.0,
        value: now.1 - baseline.now.1,
        hours,
        people: moved(&baseline.week, &with),
        later: (weeks > 1).then_some(Later {
            weeks,
            output: later.0 - baseline.ahead.0,
            value: later.1 - baseline.ahead.1,
        }),
    })
}

/// What answering the pending event of `game` with choice `index` does, or `None` if there
/// is no such choice.
pub fn preview_choice(game: &Game, index: usize) -> Option<ChoicePreview> {
    let mut answered = game.clone();
    answered.choose(index).ok()?;
    let people = moved(game, &answered);
    let (output, value) = if answered.finished() {
        (0.0, 0.0)
    } else {
        play_week(&mut answered)?
    };
    Some(ChoicePreview {
        output,
        value,
        people,
    })
}

/// Ends the week of `game` with its plan: the week's Output and Value.
fn play_week(game: &mut Game) -> Option<(f64, f64)> {
    let report = game.end_week(false).ok()?;
    Some((report.record.output, report.record.value))
}

/// From a game just past the week that made `now`: Output and Value over that week and up
/// to [`WEEKS_OUT`] − 1 more with the plan carried over, events answered with their first
/// choice; and the weeks counted.
fn ahead(game: &Game, now: (f64, f64)) -> (f64, f64, u32) {
    let mut game = game.clone();
    let (mut output, mut value, mut weeks) = (now.0, now.1, 1);
    while weeks < WEEKS_OUT && !game.finished() {
        if game.pending().is_some() && game.choose(0).is_err() {
            break;
        }
        let Some((o, v)) = play_week(&mut game) else {
            break;
        };
        output += o;
        value += v;
        weeks += 1;
    }
    (output, value, weeks)
}

/// Who `after` has moved against `before`, by how much, largest first (people in both).
fn moved(before: &Game, after: &Game) -> Vec<(String, Stat, f64)> {
    let mut moves = Vec::new();
    for p in &after.state().people {
        let Some(q) = before.state().people.iter().find(|q| q.id == p.id) else {
            continue;
        };
        for stat in Stat::ALL {
            let change = p.stat(stat) - q.stat(stat);
            if change.abs() >= 0.005 {
                moves.push((p.name.clone(), stat, change));
            }
        }
    }
    moves.sort_by(|a, b| b.2.abs().total_cmp(&a.2.abs()));
    moves.truncate(6);
    moves
}

/// The people a preview moves, in words: "Noor morale +0.1, Sam clarity +0.1".
pub fn moved_in_words(people: &[(String, Stat, f64)]) -> String {
    people
        .iter()
        .map(|(name, stat, by)| format!("{name} {} {}", stat.label(), crate::text::signed(*by)))
        .collect::<Vec<_>>()
        .join(", ")
}
