//! A run looked back on: where it lands beside the bots that played the same world, the
//! weeks worth remembering, and what was chosen on each event. The game's debrief, the
//! facilitator's report and the command line read these, so a table meets the same verdict
//! and the same numbers everywhere.

use std::sync::Arc;

use super::archetype::Policy;
use super::check::{Totals, play};
use super::effect::Condition;
use super::game::Game;
use super::model::Model;
use super::product::Item;
use super::report::{Topic, WeekRecord, WeekReport};
use super::scenario::Scenario;
use super::state::State;

/// The design's four outcomes: Output against Value, each high or low beside the bots.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quadrant {
    /// High Output, high Value.
    ScaledAndValuable,
    /// High Output, low Value.
    WellLedGoingNowhere,
    /// Low Output, high Value.
    BloodFromAStone,
    /// Low on both.
    Neither,
}

impl Quadrant {
    /// Every quadrant: `q as usize` is its place here.
    pub const ALL: [Quadrant; 4] = [
        Quadrant::ScaledAndValuable,
        Quadrant::WellLedGoingNowhere,
        Quadrant::BloodFromAStone,
        Quadrant::Neither,
    ];

    /// Where `run` falls when the quadrant is divided at `lines` (a score on a line counts as
    /// high).
    pub fn of(run: Totals, lines: Totals) -> Self {
        match (run.output >= lines.output, run.value >= lines.value) {
            (true, true) => Quadrant::ScaledAndValuable,
            (true, false) => Quadrant::WellLedGoingNowhere,
            (false, true) => Quadrant::BloodFromAStone,
            (false, false) => Quadrant::Neither,
        }
    }

    /// Its name, as the debrief's headline and the report's tables print it.
    pub fn name(self) -> &'static str {
        match self {
            Quadrant::ScaledAndValuable => "Scaled and valuable",
            Quadrant::WellLedGoingNowhere => "Well led, going nowhere",
            Quadrant::BloodFromAStone => "Blood from a stone",
            Quadrant::Neither => "Neither",
        }
    }

    /// What it says about the run, in a sentence or two for the player.
    pub fn meaning(self) -> &'static str {
        match self {
            Quadrant::ScaledAndValuable => {
                "Your team produced a lot, and customers got it. Leadership multiplied the effort; management turned it into value."
            }
            Quadrant::WellLedGoingNowhere => {
                "The team produced a lot that customers did not take. Output is not value: someone has to find out what customers need."
            }
            Quadrant::BloodFromAStone => {
                "Value came, from a team that did not grow: without leadership, what it produces stays low, and every gain has to be squeezed out of it."
            }
            Quadrant::Neither => {
                "Little output and little value. Which of your hours would you spend differently?"
            }
        }
    }
}

/// Where the quadrant is divided, from the scenario's own par: the balanced bot's totals on
/// the same world. Output counts as high from the model's `verdict_output` share of par,
/// Value from its `verdict_value` share: scaling takes nearly the output of a team led and
/// managed well, and value most of its value. A scenario moves them in its `model` section;
/// the exploit search reports where the archetypes and random play land with them. (Lines in
/// the middle of the bots' range put a random player among the scaled and valuable in most
/// worlds.)
pub fn dividing_lines(par: Totals, model: &Model) -> Totals {
    Totals {
        output: par.output * model.verdict_output,
        value: par.value * model.verdict_value,
    }
}

/// How a run's weekly curves moved, in words: the first quarter of the run against the last,
/// for Output and for Value ("weekly output rose from 15 to 33; weekly value rose from 11 to
/// 170"). The debrief says this beside the quadrant's name, so the words fit this run.
pub fn curves_in_words(history: &[WeekRecord]) -> String {
    let n = history.len();
    if n < 4 {
        return String::new();
    }
    let quarter = (n / 4).max(1);
    let mean = |xs: &[WeekRecord], f: fn(&WeekRecord) -> f64| {
        xs.iter().map(f).sum::<f64>() / xs.len().max(1) as f64
    };
    let part = |name: &str, f: fn(&WeekRecord) -> f64| {
        let (a, b) = (
            mean(&history[..quarter], f),
            mean(&history[n - quarter..], f),
        );
        let verb = if b > a * 1.1 {
            "rose"
        } else if b < a * 0.9 {
            "fell"
        } else {
            "held"
        };
        if verb == "held" {
            format!("weekly {name} held at about {}", round(b))
        } else {
            format!("weekly {name} {verb} from {} to {}", round(a), round(b))
        }
    };
    format!(
        "From the first quarter of the run to the last, {}; {}.",
        part("output", |r| r.output),
        part("value", |r| r.value)
    )
}

/// A number as the debrief says it: whole from 10 up, one decimal below.
fn round(x: f64) -> String {
    if x.abs() >= 10.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

/// One bot's run on the same world.
#[derive(Clone, Debug)]
pub struct BotRun {
    /// The archetype.
    pub policy: Policy,
    /// Its totals.
    pub totals: Totals,
    /// Its weekly Output and Value.
    pub weekly: Vec<(f64, f64)>,
}

impl BotRun {
    /// Every bot's run of `scenario` with `seed`, in [`Policy::ALL`] order.
    pub fn all(scenario: &Arc<Scenario>, seed: u64) -> Vec<BotRun> {
        Policy::ALL
            .into_iter()
            .map(|policy| {
                let game = play(scenario, policy, seed);
                BotRun {
                    policy,
                    totals: Totals::of(game.state()),
                    weekly: weekly(&game.state().history),
                }
            })
            .collect()
    }
}

/// Each week's Output and Value.
pub fn weekly(history: &[WeekRecord]) -> Vec<(f64, f64)> {
    history.iter().map(|r| (r.output, r.value)).collect()
}

/// A goal of the scenario and whether the run meets it now.
#[derive(Clone, Debug, PartialEq)]
pub struct GoalStatus {
    /// The goal in words.
    pub text: String,
    /// Whether its check holds (`None`: the scenario does not say how to tell).
    pub met: Option<bool>,
    /// What its check needs, while it does not hold: "needs last week's value at least 60, now
    /// 36.2".
    /// A goal's words ("Grow revenue") do not say what the game counts as met, so a goal
    /// shown "not yet" for the whole run left a player guessing.
    pub needs: Option<String>,
}

/// The scenario's goals as the run stands: during play, how it is going; at the end, what
/// was achieved.
pub fn goals(game: &Game) -> Vec<GoalStatus> {
    let state = game.state();
    game.scenario()
        .story
        .goals
        .iter()
        .map(|g| {
            let met = g.check.as_ref().map(|c| state.holds(c));
            GoalStatus {
                text: g.text.clone(),
                needs: (g.check.as_ref())
                    .filter(|_| met == Some(false))
                    .map(|c| needs(state, c)),
                met,
            }
        })
        .collect()
}

/// What a goal's unmet check needs, in words, with where the run stands on each number it
/// checks (see [`State::unmet`]).
fn needs(state: &State, check: &Condition) -> String {
    format!("needs {}", state.unmet(check))
}

/// An event of a run and what was chosen on it.
#[derive(Clone, Debug, PartialEq)]
pub struct EventChoice {
    /// The week it happened (at its end).
    pub week: u32,
    /// The event's title.
    pub event: String,
    /// The label of the choice taken, once one was (a subject it names said "them").
    pub choice: Option<String>,
}

/// Every event of the run, in order, with the choice taken on it.
pub fn events(game: &Game) -> Vec<EventChoice> {
    let scenario = game.scenario();
    game.state()
        .history
        .iter()
        .filter_map(|r| {
            let taken = r.event?;
            let def = scenario.events.get(taken.event)?;
            Some(EventChoice {
                week: r.week,
                event: def.title.clone(),
                // The subject is not kept in the history: "them", as the debrief's
                // week by week says it.
                choice: taken
                    .choice
                    .and_then(|c| def.choices.get(c))
                    .map(|c| c.label.replace("{name}", "them")),
            })
        })
        .collect()
}

/// A week worth remembering, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct Moment {
    /// The week.
    pub week: u32,
    /// What happened.
    pub text: String,
}

/// The weeks worth remembering, in week order: the biggest weekly swings of Output and of
/// Value with the feed's reason, each person's story in a line (departures among them), every
/// event and the choice taken, the most
/// valuable item shipped, where a squeeze stopped paying, and the best week for Value.
/// `reports` are the run's weeks played with explanations ([`explained`]), for the reasons.
pub fn key_moments(game: &Game, reports: &[WeekReport]) -> Vec<Moment> {
    let state = game.state();
    let history = &state.history;
    let mut moments = Vec::new();
    for (pick, topic, name) in [
        (output as fn(&WeekRecord) -> f64, Topic::Output, "Output"),
        (value, Topic::Value, "Value"),
    ] {
        if let Some(m) = biggest_swing(history, reports, pick, topic, name) {
            moments.push(m);
        }
    }
    for (week, text) in game.arcs().recalled() {
        moments.push(Moment { week, text });
    }
    // The world's turns: a phase begun, a market opened.
    let scenario = game.scenario();
    for phase in scenario.phases.iter().filter(|p| p.from <= state.week) {
        moments.push(Moment {
            week: phase.from,
            text: format!("{} began: {}", phase.name, phase.says),
        });
    }
    for seg in (state.segments.iter()).filter(|s| s.opens > 1 && s.opens <= state.week) {
        moments.push(Moment {
            week: seg.opens,
            text: format!("{} could buy from this week", seg.name),
        });
    }
    for e in events(game) {
        let choice = e
            .choice
            .map(|c| format!(" — you chose “{c}”"))
            .unwrap_or_default();
        moments.push(Moment {
            week: e.week,
            text: format!("{}{choice}", e.event),
        });
    }
    let best_ship = state
        .items
        .iter()
        .filter_map(|i| i.shipped.map(|w| (w, i)))
        .max_by(|a, b| a.1.worth().total_cmp(&b.1.worth()));
    if let Some((week, item)) = best_ship {
        moments.push(Moment {
            week,
            text: format!(
                "Shipped {} (worth {:.1} to customers)",
                item.name,
                item.worth()
            ),
        });
    }
    if let Some(m) = squeeze_crossover(game) {
        moments.push(m);
    }
    if let Some(peak) = history.iter().max_by(|a, b| a.value.total_cmp(&b.value)) {
        moments.push(Moment {
            week: peak.week,
            text: format!("Best week for Value: {:.1}", peak.value),
        });
    }
    moments.sort_by_key(|m| m.week);
    moments
}

/// Where a squeeze stopped paying: the first week after the run's first squeezed week whose
/// Output fell below that week's and stayed below, with the team's ownership and morale then.
fn squeeze_crossover(game: &Game) -> Option<Moment> {
    let scenario = game.scenario();
    let history = &game.state().history;
    let squeezes = |k: usize| {
        game.log().get(k).is_some_and(|w| {
            w.plan.iter().any(|p| {
                scenario
                    .action(&p.action)
                    .is_some_and(|a| a.family == super::action::Family::Micromanagement)
            })
        })
    };
    let first = (0..history.len()).find(|&k| squeezes(k))?;
    let start = history[first].output;
    let below =
        (first + 1..history.len()).find(|&j| history[j..].iter().all(|r| r.output < start))?;
    let r = &history[below];
    Some(Moment {
        week: r.week,
        text: format!(
            "The squeeze stopped paying: weekly output {:.1}, below the {start:.1} of week {}, \
             your first squeezed week, and it stayed below (autonomy {:.2}, morale {:.2})",
            r.output, history[first].week, r.autonomy, r.morale
        ),
    })
}

fn output(r: &WeekRecord) -> f64 {
    r.output
}

fn value(r: &WeekRecord) -> f64 {
    r.value
}

/// The week whose score moved most against the week before (more than 5%), with the reason
/// the feed gave for it that week.
fn biggest_swing(
    history: &[WeekRecord],
    reports: &[WeekReport],
    pick: fn(&WeekRecord) -> f64,
    topic: Topic,
    name: &str,
) -> Option<Moment> {
    let (week, change) = history
        .windows(2)
        .map(|w| (w[1].week, pick(&w[0]), pick(&w[1])))
        .filter(|(_, a, _)| *a > 0.01)
        .map(|(week, a, b)| (week, (b - a) / a))
        .max_by(|x, y| x.1.abs().total_cmp(&y.1.abs()))
        .filter(|(_, change)| change.abs() > 0.05)?;
    let why = reports
        .iter()
        .find(|r| r.record.week == week)
        .and_then(|r| r.causes.iter().find(|c| c.topic == topic))
        .map(|c| c.text.clone());
    let headline = format!(
        "{name} {} {:.0}%",
        if change > 0.0 { "rose" } else { "fell" },
        change.abs() * 100.0
    );
    // The feed's reason usually states the change itself; the headline is added only if not.
    let text = match why {
        Some(w) if w.starts_with(name) => w,
        Some(w) => format!("{headline}: {w}"),
        None => headline,
    };
    Some(Moment { week, text })
}

/// The run's weeks played again with the feed's explanations, as the game showed them: for
/// [`key_moments`] where the weeks were played without (a bot, a result file). A log that
/// stops replaying ends the list there.
pub fn explained(game: &Game) -> Vec<WeekReport> {
    let mut again = Game::new(game.scenario().clone(), game.seed());
    let mut reports = Vec::with_capacity(game.log().len());
    for week in game.log() {
        again.set_plan(week.plan.clone());
        let Ok(report) = again.end_week(true) else {
            break;
        };
        reports.push(report);
        if let Some(c) = week.choice
            && again.choose(c).is_err()
        {
            break;
        }
    }
    reports
}

/// Shipped work that customers barely use: the share of shipped effort that went into items
/// worth less than [`Item::WANTED`] in all, as shipped.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Waste {
    /// Effort put into shipped items.
    pub shipped_effort: f64,
    /// Of which into items customers barely use.
    pub unused_effort: f64,
    /// How many such items were shipped.
    pub unused_items: usize,
}

impl Waste {
    /// The waste of the run so far.
    pub fn of(game: &Game) -> Self {
        let mut w = Waste::default();
        for item in game.state().items.iter().filter(|i| i.shipped.is_some()) {
            w.shipped_effort += item.effort;
            if item.worth() < Item::WANTED {
                w.unused_effort += item.effort;
                w.unused_items += 1;
            }
        }
        w
    }

    /// The unused share of shipped effort, `0..=1` (0 before anything ships).
    pub fn share(&self) -> f64 {
        if self.shipped_effort > 0.0 {
            self.unused_effort / self.shipped_effort
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_score_on_a_line_counts_as_high() {
        let lines = Totals {
            output: 10.0,
            value: 5.0,
        };
        let at = |output, value| Quadrant::of(Totals { output, value }, lines);
        assert_eq!(at(10.0, 5.0), Quadrant::ScaledAndValuable);
        assert_eq!(at(11.0, 4.9), Quadrant::WellLedGoingNowhere);
        assert_eq!(at(9.9, 6.0), Quadrant::BloodFromAStone);
        assert_eq!(at(0.0, 0.0), Quadrant::Neither);
    }

    #[test]
    fn the_lines_are_shares_of_par() {
        let t = |output, value| Totals { output, value };
        let model = Model::default();
        let lines = dividing_lines(t(200.0, 50.0), &model);
        assert_eq!(
            lines,
            t(200.0 * model.verdict_output, 50.0 * model.verdict_value)
        );
        assert_eq!(dividing_lines(t(0.0, 0.0), &model), t(0.0, 0.0));
        // Par itself is scaled and valuable.
        assert_eq!(
            Quadrant::of(t(200.0, 50.0), lines),
            Quadrant::ScaledAndValuable
        );
    }
}

/// One played week in words: the plan by name, and the event's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct WeekInWords {
    /// Every entry of the plan as "action: target".
    pub plan: Vec<String>,
    /// "event title: the answer", if an event followed the week.
    pub answer: Option<String>,
}

/// Week `k` (from 0) of `game` in words, naming people who have left since by their names.
pub fn week_in_words(game: &Game, k: usize) -> WeekInWords {
    let (scenario, state) = (game.scenario(), game.state());
    let name_of = |id: &str| {
        let person = state
            .people
            .iter()
            .chain(state.departed.iter().map(|(_, p)| p))
            .find(|p| p.id == id)
            .map(|p| p.name.clone());
        person
            .or_else(|| {
                state
                    .items
                    .iter()
                    .find(|i| i.id == id)
                    .map(|i| i.name.to_string())
            })
            .or_else(|| {
                (state.segments.iter())
                    .find(|s| s.id == id)
                    .map(|s| s.name.clone())
            })
            .unwrap_or_else(|| "something no longer there".to_string())
    };
    let plan = game.log().get(k).map_or_else(Vec::new, |week| {
        week.plan
            .iter()
            .map(|p| {
                let name = scenario
                    .action(&p.action)
                    .map_or("an action this scenario does not have", |d| d.name.as_str());
                match &p.target {
                    Some(t) => format!("{name}: {}", name_of(t)),
                    None => name.to_string(),
                }
            })
            .collect()
    });
    let answer = state
        .history
        .get(k)
        .and_then(|r| r.event.as_ref())
        .and_then(|taken| {
            let event = scenario.events.get(taken.event)?;
            let choice = event.choices.get(taken.choice?)?;
            Some(format!(
                "{}: {}",
                event.title,
                choice.label.replace("{name}", "them")
            ))
        });
    WeekInWords { plan, answer }
}
