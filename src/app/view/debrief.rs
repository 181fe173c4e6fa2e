//! The debrief: where the run landed beside the bots, in words and numbers, its goals, its key
//! moments, the questions to think about, and the run week by week with the fork from any
//! week.

use std::path::PathBuf;

use super::Control;
use super::play::{self, Tone};
use crate::app::{Debrief, Run, debrief};
use crate::sim::Topic;
use crate::sim::review::{self, Quadrant};
use crate::text;
use crate::workshop::ResultError;

/// Everything the debrief shows but its charts (which draw the [`Debrief`]'s numbers).
#[derive(Clone, Debug)]
pub struct DebriefView {
    /// "Debrief · The brilliant team".
    pub kicker: String,
    /// Where the run landed: the quadrant's name.
    pub verdict: &'static str,
    /// What that means, in words that fit how the run spent its hours ([`meaning`]).
    pub meaning: String,
    /// What the run's curves did, in its own numbers (may be empty).
    pub curves: String,
    /// Where the workshop's result file went, or why it could not be written.
    pub result: Option<(String, Tone)>,
    /// "You: Output 321 · Value 87.5 over 12 weeks (seed 7); bots played the same seed."
    pub totals: String,
    /// "The dividing lines: where Output and Value count as high in this world (…)".
    pub lines: String,
    /// The goals: "Met", "Not met" or "Judge for yourself", how that reads, and the goal.
    pub goals: Vec<(&'static str, Tone, String)>,
    /// "Week 3: …", in week order.
    pub moments: Vec<String>,
    /// "1. …": the scenario's questions for the debrief.
    pub questions: Vec<String>,
    /// The player and every bot: who, Output, Value.
    pub table: Vec<(String, String, String)>,
    /// "A fork of …", when the run is one.
    pub fork: Option<String>,
    /// How many weeks the timeline has (0: none).
    pub weeks: u32,
    /// The budget's curve in words, where the scenario is about money
    /// ([`super::play::money_matters`]): the caption of its chart.
    pub budget: Option<String>,
    /// "Undo last week", disabled with its reason where the workshop keeps time.
    pub undo: Control,
}

impl DebriefView {
    /// The debrief of `run`, its numbers `d`, and its workshop result if one was written.
    pub fn of(run: &Run, d: &Debrief, result: Option<&Result<PathBuf, ResultError>>) -> Self {
        let game = &run.game;
        let story = &game.scenario().story;
        let result = result.zip(run.workshop.as_ref()).map(|(r, w)| match r {
            Ok(path) => (
                format!(
                    "Workshop {} · team {}: result saved to {} — hand this file to your facilitator.",
                    w.code,
                    w.team,
                    path.display()
                ),
                Tone::Good,
            ),
            Err(e) => (
                format!("The workshop result could not be saved: {e}"),
                Tone::Bad,
            ),
        });
        let mut table = vec![(
            "You".to_string(),
            text::num(d.totals.output),
            text::num(d.totals.value),
        )];
        table.extend(d.bots.iter().map(|b| {
            (
                b.policy.label().to_string(),
                text::num(b.totals.output),
                text::num(b.totals.value),
            )
        }));
        Self {
            kicker: format!("Debrief · {}", story.title),
            verdict: d.quadrant.name(),
            meaning: meaning(d.quadrant, debrief::leadership_share(game)),
            curves: review::curves_in_words(&game.state().history),
            result,
            totals: format!(
                "You: Output {} · Value {} over {} (seed {}); bots played the same seed.",
                text::num(d.totals.output),
                text::num(d.totals.value),
                text::count(game.scenario().weeks as usize, "week"),
                game.seed()
            ),
            lines: format!(
                "The dividing lines: where Output and Value count as high in this world (Output {}, Value {}).",
                text::num(d.lines.output),
                text::num(d.lines.value)
            ),
            goals: review::goals(game)
                .into_iter()
                .map(|g| {
                    let (mark, tone) = match g.met {
                        Some(true) => ("Met", Tone::Good),
                        Some(false) => ("Not met", Tone::Bad),
                        None => ("Judge for yourself", Tone::Quiet),
                    };
                    (mark, tone, play::with_needs(g.text, g.needs))
                })
                .collect(),
            moments: d
                .moments
                .iter()
                .map(|m| format!("Week {}: {}", m.week, m.text))
                .collect(),
            questions: story
                .debrief
                .iter()
                .enumerate()
                .map(|(i, q)| format!("{}. {q}", i + 1))
                .collect(),
            table,
            fork: run.fork.as_ref().map(|f| {
                format!(
                    "A fork of {}: weeks 1 to {} as they were, played another way from there (dashed: before the fork).",
                    f.of, f.week
                )
            }),
            weeks: game.log().len() as u32,
            budget: budget_words(game),
            undo: super::play::undo(run),
        }
    }
}

/// The share of a run's hours on leadership below which the verdict may say the team went
/// "without leadership": a few hours a week do not lead a team.
const LITTLE_LEADERSHIP: f64 = 0.1;

/// What the quadrant means for this run. The quadrant's own words ([`Quadrant::meaning`])
/// assume blood from a stone comes of no leadership; a run that spent a real share of its
/// hours on leadership and still landed low on Output is told that share, and that leadership
/// pays over weeks and is worn down by what squeezes the team.
pub fn meaning(quadrant: Quadrant, leadership_share: f64) -> String {
    match quadrant {
        Quadrant::BloodFromAStone if leadership_share >= LITTLE_LEADERSHIP => format!(
            "Value came, from a team whose output stayed low: {} of your hours went to leadership, yet the team did not grow as far as a balanced lead's. Leadership compounds over weeks, so when it starts counts, and squeezing the team or doing its work wears down what it builds.",
            text::percent(leadership_share)
        ),
        _ => quadrant.meaning().to_string(),
    }
}

/// "Budget at each week's end: from 120 to 68.9, lowest 12 in week 9; below zero at the end
/// of 2 weeks, and a person was let go at each", where the scenario is about money.
pub(crate) fn budget_words(game: &crate::sim::Game) -> Option<String> {
    let scenario = game.scenario();
    if !super::play::money_matters(scenario) {
        return None;
    }
    let history = &game.state().history;
    let mut words = format!(
        "Budget at each week's end: from {} to {}",
        text::num(scenario.start.budget),
        text::num(history.last().map_or(scenario.start.budget, |r| r.budget))
    );
    if let Some(low) = history.iter().min_by(|a, b| a.budget.total_cmp(&b.budget))
        && low.budget < scenario.start.budget
    {
        words.push_str(&format!(
            ", lowest {} in week {}",
            text::num(low.budget),
            low.week
        ));
    }
    let below = history.iter().filter(|r| r.budget < 0.0).count();
    if below > 0 {
        words.push_str(&format!(
            "; below zero at the end of {}",
            text::count(below, "week")
        ));
        if scenario.model.salary > 0.0 {
            words.push_str(", and a person was let go at each");
        }
    }
    words.push('.');
    Some(words)
}

/// One week of the run as the timeline shows it.
#[derive(Clone, Debug)]
pub struct WeekView {
    /// "Week 3".
    pub head: String,
    /// "Output 12.0 · Value 3.0\nteam 6 · morale 0.70 · clarity 0.45", with the budget at the
    /// week's end after the Value where the scenario is about money.
    pub numbers: Option<String>,
    /// "Outage: Fix it yourself": the event and the answer taken.
    pub event: Option<String>,
    /// The plan, an entry a line ("nothing planned" when empty).
    pub plan: Vec<String>,
    /// Whether the plan was empty.
    pub idle: bool,
    /// What moved the numbers that week.
    pub moved: Vec<(String, Topic, f64)>,
    /// The team at the end of that week, a person a line.
    pub team: Vec<String>,
    /// "Play on from week 4", unless it is the last week.
    pub fork: Option<String>,
}

impl WeekView {
    /// Week `week` (from 1) of `run`, if it was played.
    pub fn of(run: &Run, week: u32) -> Option<Self> {
        let log = run.game.log();
        let k = (week as usize).checked_sub(1)?;
        let played = log.get(k)?;
        let scenario = run.game.scenario();
        let record = run.game.state().history.get(k);
        let plan: Vec<String> = played
            .plan
            .iter()
            .map(|p| {
                let name = scenario
                    .action(&p.action)
                    .map_or(p.action.as_str(), |d| d.name.as_str());
                match p.target.as_deref() {
                    Some(t) => format!("{name}: {}", run.target_name(t)),
                    None => name.to_string(),
                }
            })
            .collect();
        Some(Self {
            head: format!("Week {week}"),
            numbers: record.map(|r| {
                let budget = if super::play::money_matters(scenario) {
                    format!(" · budget {}", text::num(r.budget))
                } else {
                    String::new()
                };
                format!(
                    "Output {} · Value {}{budget}\nteam {} · morale {} · clarity {}",
                    text::num(r.output),
                    text::num(r.value),
                    r.team_size,
                    text::fixed(r.morale, 2),
                    text::fixed(r.clarity, 2)
                )
            }),
            event: record.and_then(|r| r.event.as_ref()).and_then(|taken| {
                let event = scenario.events.get(taken.event)?;
                let answer = taken
                    .choice
                    .and_then(|c| event.choices.get(c))
                    .map_or("no answer", |c| c.label.as_str());
                Some(format!(
                    "{}: {}",
                    event.title,
                    answer.replace("{name}", "them")
                ))
            }),
            idle: plan.is_empty(),
            plan,
            moved: run
                .reports
                .get(k)
                .map(|report| {
                    report
                        .causes
                        .iter()
                        .filter(|c| c.topic != Topic::Action)
                        .map(|c| (c.text.clone(), c.topic, c.size))
                        .chain(
                            super::play::money_moves(run, k).map(|(body, change)| {
                                (format!("Budget {body}"), Topic::Money, change)
                            }),
                        )
                        .collect()
                })
                .unwrap_or_default(),
            team: run
                .at_week(week)
                .map(|then| {
                    then.state()
                        .people
                        .iter()
                        .map(|p| {
                            format!(
                                "{}: skill {} · morale {} · autonomy {}",
                                p.name,
                                text::fixed(p.skill, 2),
                                text::fixed(p.morale, 2),
                                text::fixed(p.autonomy, 2)
                            )
                        })
                        .collect()
                })
                .unwrap_or_default(),
            fork: ((week as usize) < log.len()).then(|| format!("Play on from week {}", week + 1)),
        })
    }
}
