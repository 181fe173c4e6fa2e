//! What if? Previews before a choice and forks after the run, from the core's own runs: the
//! world is deterministic and a week costs microseconds, so what an action or an answer
//! does is worked out exactly by playing the week on copies, with and without it.
//!
//! Previews show what the player would see anyway, played ahead: this week's numbers (next
//! week's, for an event's answer), the people it moves, and where the run stands at its end
//! with the rest of the plan kept, since leadership pays weeks after its hours are spent and
//! a shorter look would show it as a loss. An action is looked at done this week only (what
//! it pays) and kept every week (what keeping it pays: less, where its gains run out). That
//! look is an estimate: later events are answered with their first choice in every branch,
//! and the world's luck is the same in all of them (its draws depend on the seed and the
//! week only). Never the debrief's verdict.

use std::sync::{Arc, Mutex, PoisonError};

use crate::sim::{Game, Planned, Scenario, Stat, WeekLog};

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
    /// With the action this week only (the plan as it stands from next week), the difference
    /// by the end of the run, this week included: what the action itself pays. `None` in the
    /// run's last week, where this week is all there is.
    pub once: Option<Later>,
    /// With the plan kept with the action in it, so that it is done every week, the
    /// difference by the end of the run: what keeping it pays, which is less where its gains
    /// run out (a mentee near their potential). `None` in the run's last week.
    pub later: Option<Later>,
}

/// Output and Value summed from a week to the end of the run with the plan kept and later
/// events answered with their first choice: for an action, with it minus without it; for an
/// event's answer, the sums themselves.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Later {
    /// Weeks summed, the first one included.
    pub weeks: u32,
    /// The last week summed, from 1.
    pub until: u32,
    /// Whether `until` is the run's last week (it is, unless a week could not be played).
    pub end: bool,
    /// Output over those weeks.
    pub output: f64,
    /// Value over those weeks.
    pub value: f64,
}

/// What an event's answer does: next week's numbers under the plan as it stands, and the
/// rest of the run's if the plan is kept.
#[derive(Clone, Debug, PartialEq)]
pub struct ChoicePreview {
    /// Next week's Output after this answer, with the plan as it stands.
    pub output: f64,
    /// Next week's Value after this answer, with the plan as it stands.
    pub value: f64,
    /// The people the answer moves at once: name, stat, change.
    pub people: Vec<(String, Stat, f64)>,
    /// Output and Value from next week to the end of the run after this answer; `None` when
    /// next week is the run's last.
    pub later: Option<Later>,
}

/// The plan as it stands, played ahead once: every action's preview is measured against it.
#[derive(Clone, Debug)]
pub struct Baseline {
    /// The week played with the plan as it stands.
    week: Game,
    /// Output and Value of that week.
    now: (f64, f64),
    /// Output and Value from that week to the end of the run.
    ahead: Later,
}

impl Baseline {
    /// The plan of `game` played ahead; `None` if no week can be played now (the run is
    /// over, or an event waits for an answer).
    pub fn of(game: &Game) -> Option<Self> {
        let mut week = game.clone();
        let now = play_week(&mut week)?;
        let ahead = ahead(week.clone(), now);
        Some(Self { week, now, ahead })
    }
}

/// What adding `planned` to the plan of `game` does this week and by the end of the run
/// (done this week only, and kept in the plan), or `None` if it cannot be added now.
/// `baseline` is [`Baseline::of`] the same game.
pub fn preview(game: &Game, baseline: &Baseline, planned: &Planned) -> Option<Preview> {
    game.check(planned).ok()?;
    let mut with = game.clone();
    with.add(planned.clone()).ok()?;
    let now = play_week(&mut with)?;
    let people = moved(&baseline.week, &with);
    // The action this week only: out of the plan it carries over (it was added last).
    let mut once = with.clone();
    let mut plan = once.plan().to_vec();
    if plan.last() == Some(planned) {
        plan.pop();
    }
    once.set_plan(plan);
    let hours = game
        .scenario()
        .action(&planned.action)
        .map_or(0.0, |d| d.hours);
    let base = baseline.ahead;
    let against_base = |l: Later| {
        // Both sums must cover the same weeks to be compared.
        let compared = l.weeks > 1 && l.until == base.until && l.end == base.end;
        compared.then_some(Later {
            output: l.output - base.output,
            value: l.value - base.value,
            ..l
        })
    };
    Some(Preview {
        output: now.0 - baseline.now.0,
        value: now.1 - baseline.now.1,
        hours,
        people,
        once: against_base(ahead(once, now)),
        later: against_base(ahead(with, now)),
    })
}

/// What answering the pending event of `game` with choice `index` does, or `None` if there
/// is no such choice.
pub fn preview_choice(game: &Game, index: usize) -> Option<ChoicePreview> {
    let mut answered = game.clone();
    answered.choose(index).ok()?;
    let people = moved(game, &answered);
    if answered.finished() {
        return Some(ChoicePreview {
            output: 0.0,
            value: 0.0,
            people,
            later: None,
        });
    }
    let next = play_week(&mut answered)?;
    let later = ahead(answered, next);
    Some(ChoicePreview {
        output: next.0,
        value: next.1,
        people,
        later: (later.weeks > 1).then_some(later),
    })
}

/// The previews of one run, each worked out when first asked for and kept until the run or
/// its plan changes. A screen asks for them on every frame it shows them, and each plays the
/// rest of the run: kept, they cost one playing per action (or answer) per change, not per
/// frame. Interior mutability lets the views, which read the run, fill it in.
#[derive(Debug, Default)]
pub struct Previews(Mutex<Kept>);

/// The previews kept, and the game they were worked out on.
#[derive(Debug, Default)]
struct Kept {
    of: Option<Stand>,
    /// The plan as it stands played ahead, once asked for (`None` inside: no week to play).
    baseline: Option<Option<Baseline>>,
    actions: Vec<(Planned, Option<Preview>)>,
    choices: Vec<(usize, Option<ChoicePreview>)>,
}

/// What a game's previews depend on: its scenario (the very version: a live edit replaces
/// it), world, log and plan. The log and the seed make the state, so comparing them is
/// comparing the world, in far less than a preview costs.
#[derive(Debug)]
struct Stand {
    scenario: Arc<Scenario>,
    seed: u64,
    log: Vec<WeekLog>,
    plan: Vec<Planned>,
}

impl Stand {
    fn of(game: &Game) -> Self {
        Self {
            scenario: game.scenario().clone(),
            seed: game.seed(),
            log: game.log().to_vec(),
            plan: game.plan().to_vec(),
        }
    }

    fn is(&self, game: &Game) -> bool {
        Arc::ptr_eq(&self.scenario, game.scenario())
            && self.seed == game.seed()
            && self.log == game.log()
            && self.plan == game.plan()
    }
}

impl Previews {
    /// [`preview`] of adding `planned` to the plan of `game`, worked out once per change.
    pub fn action(&self, game: &Game, planned: &Planned) -> Option<Preview> {
        let mut kept = self.kept(game);
        if let Some((_, p)) = kept.actions.iter().find(|(q, _)| q == planned) {
            return p.clone();
        }
        let kept = &mut *kept;
        let baseline = kept.baseline.get_or_insert_with(|| Baseline::of(game));
        let p = baseline
            .as_ref()
            .and_then(|base| preview(game, base, planned));
        kept.actions.push((planned.clone(), p.clone()));
        p
    }

    /// [`preview_choice`] of answering the pending event of `game` with `index`, worked out
    /// once per change.
    pub fn choice(&self, game: &Game, index: usize) -> Option<ChoicePreview> {
        let mut kept = self.kept(game);
        if let Some((_, p)) = kept.choices.iter().find(|(i, _)| *i == index) {
            return p.clone();
        }
        let p = preview_choice(game, index);
        kept.choices.push((index, p.clone()));
        p
    }

    /// The previews kept for `game`, emptied first if they were worked out on another.
    fn kept(&self, game: &Game) -> std::sync::MutexGuard<'_, Kept> {
        // A panic while the lock was held left at worst a preview missing, never a wrong one.
        let mut kept = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if !kept.of.as_ref().is_some_and(|s| s.is(game)) {
            *kept = Kept {
                of: Some(Stand::of(game)),
                ..Kept::default()
            };
        }
        kept
    }
}

/// Ends the week of `game` with its plan: the week's Output and Value.
fn play_week(game: &mut Game) -> Option<(f64, f64)> {
    let report = game.end_week(false).ok()?;
    Some((report.record.output, report.record.value))
}

/// From a game just past the week that made `now`: Output and Value over that week and every
/// week after it to the end of the run, the plan carried over and events answered with their
/// first choice (the same answer in every branch an event comes in). It plays `game` itself
/// on: a branch is a copy of a whole run, so each is made once, where it forks.
fn ahead(mut game: Game, now: (f64, f64)) -> Later {
    let (mut output, mut value, mut weeks) = (now.0, now.1, 1);
    while !game.finished() {
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
    Later {
        weeks,
        until: game.state().week,
        end: game.finished(),
        output,
        value,
    }
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

/// The people a preview moves, in words, to the stats' own two decimals (the team shows
/// "0.80"; one decimal wrote most moves as "±0"): "Noor morale +0.10, Sam clarity +0.02".
pub fn moved_in_words(people: &[(String, Stat, f64)]) -> String {
    people
        .iter()
        .map(|(name, stat, by)| {
            let by = crate::text::signed_fixed(*by, 2);
            format!("{name} {} {by}", stat.label())
        })
        .collect::<Vec<_>>()
        .join(", ")
}
