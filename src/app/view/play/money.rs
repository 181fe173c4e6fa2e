//! The money, where a scenario is about money ([`matters`]): the budget, what a week costs
//! and brings in, how many weeks the budget lasts at that pace, and what moved it last week.
//! A player who sees the runway shrink can act before the budget forces a cut.

use super::*;
use crate::sim::{Condition, Effect, Measure, Scenario};

/// Weeks of runway below which the money reads as a warning: the feed starts to warn at the
/// same point (`RUNWAY_WARNING` in `sim::week`), so the panel and the feed agree.
pub const RUNWAY_SHORT: f64 = 8.0;

/// Whether `scenario` is about money: it pays salaries from the budget, starts with a budget,
/// or sets a goal on it. Elsewhere the budget only moves by an event's "budget −5" and binds
/// nothing, and a money panel would be noise.
pub fn matters(scenario: &Scenario) -> bool {
    scenario.model.salary > 0.0
        || scenario.start.budget != 0.0
        || (scenario.story.goals.iter())
            .filter_map(|g| g.check.as_ref())
            .any(asks_about_budget)
}

fn asks_about_budget(condition: &Condition) -> bool {
    match condition {
        Condition::Is { measure, .. } => *measure == Measure::Budget,
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(asks_about_budget),
        Condition::Not(c) => asks_about_budget(c),
        Condition::Always | Condition::Flag(_) => false,
    }
}

/// What money does when it runs out (`State::cut_if_broke` in `sim::week`).
const CUT: &str = "While the budget is below zero at a week's end, the least skilled person is let go, one a week.";

/// How long the budget lasts at a week's pace.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Runway {
    /// The budget is below zero.
    Over,
    /// What comes in covers what goes out.
    NoBurn,
    /// Weeks the budget covers the week's net cost.
    Weeks(f64),
}

impl Runway {
    /// The runway of `budget` for a week that pays `salaries` and takes in `income`.
    pub fn of(budget: f64, salaries: f64, income: f64) -> Self {
        let burn = salaries - income;
        if budget < 0.0 {
            Runway::Over
        } else if burn <= 1e-9 {
            Runway::NoBurn
        } else {
            Runway::Weeks(budget / burn)
        }
    }

    /// How it reads: below zero is bad news, a short runway a warning, no burn good news.
    pub fn tone(self) -> Tone {
        match self {
            Runway::Over => Tone::Bad,
            Runway::Weeks(w) if w < RUNWAY_SHORT => Tone::Warn,
            Runway::Weeks(_) => Tone::Plain,
            Runway::NoBurn => Tone::Good,
        }
    }

    /// "Runway 9 weeks": the weeks the budget covers, to the nearest week as the feed's
    /// warning says them.
    pub fn text(self) -> String {
        match self {
            Runway::Over => "Over budget".to_string(),
            Runway::NoBurn => "No burn".to_string(),
            Runway::Weeks(w) if w < 1.0 => "Runway under a week".to_string(),
            Runway::Weeks(w) => format!("Runway {}", text::count(w.round() as usize, "week")),
        }
    }
}

/// The money as the play screen shows it.
#[derive(Clone, Debug)]
pub struct MoneyView {
    /// "Budget 87.5".
    pub budget: String,
    /// "Runway 9 weeks", "No burn", "Over budget".
    pub runway: String,
    /// How the runway reads.
    pub tone: Tone,
    /// "Salaries 15.8 a week (7 people × 2.25)".
    pub salaries: String,
    /// "Income 6.1 last week (30% of Value 20.3)".
    pub income: String,
    /// "Net -9.7 a week".
    pub net: String,
    /// What moved the budget in the week just played, and an answer taken since.
    pub moved: Vec<String>,
    /// What a budget below zero does, said up front while the runway is short or gone.
    pub alert: Option<&'static str>,
    /// What the figures mean, and what a budget below zero does.
    pub tip: String,
}

impl MoneyView {
    /// The money of `run`, if its scenario is about money.
    pub fn of(run: &Run) -> Option<Self> {
        let scenario = run.game.scenario();
        if !matters(scenario) {
            return None;
        }
        let m = &scenario.model;
        let state = run.game.state();
        let people = state.people.len();
        let salaries = m.salary * people as f64;
        let last = state.history.last();
        let income = last.map_or(0.0, |r| r.value * m.revenue_share);
        let runway = Runway::of(state.budget, salaries, income);
        let share = text::percent(m.revenue_share);
        Some(Self {
            budget: format!("Budget {}", text::num(state.budget)),
            runway: runway.text(),
            tone: runway.tone(),
            salaries: if m.salary > 0.0 {
                format!(
                    "Salaries {} a week ({} × {})",
                    text::num(salaries),
                    text::count_as(people, "person", "people"),
                    text::fixed(m.salary, 2)
                )
            } else {
                "No salaries from the budget".to_string()
            },
            income: match last {
                _ if m.revenue_share <= 0.0 => {
                    "No income: Value does not come into this budget".to_string()
                }
                None => format!("Income: {share} of each week's Value"),
                Some(r) => format!(
                    "Income {} last week ({share} of Value {})",
                    text::num(income),
                    text::num(r.value)
                ),
            },
            net: format!("Net {} a week", text::signed(income - salaries)),
            moved: moved(run),
            alert: (m.salary > 0.0 && matches!(runway.tone(), Tone::Warn | Tone::Bad))
                .then_some(CUT),
            tip: tip(m.salary, m.revenue_share),
        })
    }
}

/// What the money's figures mean, for a scenario that pays `salary` a person and takes in
/// `share` of each week's Value.
fn tip(salary: f64, share: f64) -> String {
    let pays = if salary > 0.0 {
        "The budget pays salaries every week (salary × people)"
    } else {
        "The budget pays no salaries"
    };
    let takes = if share > 0.0 {
        format!("takes in {} of each week's Value", text::percent(share))
    } else {
        "none of the Value comes into it".to_string()
    };
    let cut = if salary > 0.0 {
        format!(" {CUT}")
    } else {
        String::new()
    };
    format!(
        "{pays}, and {takes}. Runway: the weeks the budget lasts at this pace (the budget over the week's net cost), counting last week's income.{cut}"
    )
}

/// What moved the budget in the week just played ("Week 4: budget 120 to 111 (-9.1): …"),
/// and the budget effect of an answer taken since.
fn moved(run: &Run) -> Vec<String> {
    let game = &run.game;
    let Some(k) = game.state().history.len().checked_sub(1) else {
        return Vec::new();
    };
    let mut lines: Vec<String> = week_moves(run, k)
        .map(|(body, _)| format!("Week {}: budget {body}", k + 1))
        .into_iter()
        .collect();
    if let Some((label, by)) = answer(game, k) {
        lines.push(format!("Since: answer “{label}” {}", text::signed(by)));
    }
    lines
}

/// What moved the budget in week `index + 1`, where the scenario is about money: "120 to 111
/// (-9.1): Hire an engineer -15, income +6.1, salaries -11 (5 people)", each spending named,
/// and the change. The feed, the panel and the debrief's week by week say it alike.
pub(crate) fn week_moves(run: &Run, index: usize) -> Option<(String, f64)> {
    let game = &run.game;
    let (scenario, history) = (game.scenario(), &game.state().history);
    if !matters(scenario) {
        return None;
    }
    let m = &scenario.model;
    let before = index
        .checked_sub(1)
        .and_then(|i| history.get(i))
        .map_or(scenario.start.budget, |r| r.budget);
    let record = history.get(index)?;
    let (after, income) = (record.budget, record.value * m.revenue_share);
    let mut parts = Vec::new();
    let mut named = 0.0;
    // The answer taken before the week, then the actions carried out in it: their budget
    // effects are fixed amounts, so the week's own flows are what is left.
    if let Some((label, by)) = index.checked_sub(1).and_then(|i| answer(game, i)) {
        parts.push(format!("answer “{label}” {}", text::signed(by)));
        named += by;
    }
    if let Some(week) = game.log().get(index) {
        let skipped = run.reports.get(index).map_or(&[][..], |r| &r.skipped[..]);
        let mut left_out: Vec<&str> = skipped.iter().map(|s| s.action.as_str()).collect();
        for entry in week.plan.iter().take(sim::MAX_PLAN) {
            if let Some(at) = left_out.iter().position(|id| *id == entry.action) {
                left_out.swap_remove(at);
                continue;
            }
            let Some(def) = scenario.action(&entry.action) else {
                continue;
            };
            let by = budget_effect(&def.effects);
            if by != 0.0 {
                parts.push(format!("{} {}", def.name, text::signed(by)));
                named += by;
            }
        }
    }
    if m.revenue_share > 0.0 {
        parts.push(format!("income {}", text::signed(income)));
    }
    // What is left is the week's salaries: a whole number of them, unless the model moved
    // the budget some other way, which is then not called salaries alone.
    let rest = after - before - named - income;
    if rest.abs() >= 0.05 {
        let paid = -rest / m.salary;
        let whole = paid.round();
        parts.push(if m.salary <= 0.0 {
            format!("other {}", text::signed(rest))
        } else if paid >= 0.0 && (paid - whole).abs() < 1e-6 {
            format!(
                "salaries {} ({})",
                text::signed(rest),
                text::count_as(whole as usize, "person", "people")
            )
        } else {
            format!("salaries and other {}", text::signed(rest))
        });
    }
    let change = after - before;
    (!parts.is_empty()).then(|| {
        let body = format!(
            "{} to {} ({}): {}",
            text::num(before),
            text::num(after),
            text::signed(change),
            parts.join(", ")
        );
        (body, change)
    })
}

/// The answer taken on the event that ended week `index + 1`, with its budget effect, if it
/// has one.
fn answer(game: &sim::Game, index: usize) -> Option<(String, f64)> {
    let taken = game.state().history.get(index)?.event?;
    let choice = game
        .scenario()
        .events
        .get(taken.event)?
        .choices
        .get(game.log().get(index)?.choice?)?;
    let by = budget_effect(&choice.effects);
    (by != 0.0).then(|| (choice.label.replace("{name}", "them"), by))
}

/// What `effects` add to the budget (they add fixed amounts, whoever takes them).
fn budget_effect(effects: &[Effect]) -> f64 {
    effects
        .iter()
        .map(|e| match e {
            Effect::Budget { by } => *by,
            _ => 0.0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;

    fn builtin(id: &str) -> Scenario {
        crate::format::builtin(id)
            .and_then(Result::ok)
            .expect("a built-in scenario")
    }

    #[test]
    fn money_is_shown_only_where_the_scenario_is_about_money() {
        for id in ["startup-takeover", "fixed-term"] {
            assert!(matters(&builtin(id)), "{id} pays salaries from a budget");
        }
        for id in ["brilliant-team", "first-week", "blood-from-a-stone"] {
            assert!(!matters(&builtin(id)), "{id} is not about money");
            assert!(MoneyView::of(&fresh_run_of(id)).is_none(), "{id}");
        }
        let mut s = builtin("brilliant-team");
        s.story.goals.push(sim::Goal {
            text: "Spend nothing".into(),
            check: Some(Condition::Not(Box::new(Condition::Is {
                measure: Measure::Budget,
                at_least: None,
                at_most: Some(-1.0),
            }))),
        });
        assert!(matters(&s), "a goal on the budget makes it matter");
        let mut s = builtin("brilliant-team");
        s.start.budget = 50.0;
        assert!(matters(&s), "so does a budget to start with");
    }

    #[test]
    fn the_runway_is_the_budget_over_the_weeks_net_cost() {
        assert_eq!(Runway::of(100.0, 12.0, 2.0), Runway::Weeks(10.0));
        assert_eq!(Runway::of(100.0, 12.0, 12.0), Runway::NoBurn);
        assert_eq!(Runway::of(0.0, 0.0, 0.0), Runway::NoBurn);
        assert_eq!(Runway::of(-0.5, 12.0, 20.0), Runway::Over);
        assert_eq!(Runway::Weeks(9.4).text(), "Runway 9 weeks");
        assert_eq!(Runway::Weeks(7.6).text(), "Runway 8 weeks");
        assert_eq!(Runway::Weeks(1.4).text(), "Runway 1 week");
        assert_eq!(Runway::Weeks(0.9).text(), "Runway under a week");
        assert_eq!(Runway::Weeks(RUNWAY_SHORT + 0.1).tone(), Tone::Plain);
        assert_eq!(Runway::Weeks(RUNWAY_SHORT - 0.1).tone(), Tone::Warn);
        assert_eq!(Runway::Over.tone(), Tone::Bad);
        assert_eq!(Runway::NoBurn.tone(), Tone::Good);
    }

    #[test]
    fn a_fresh_money_run_shows_the_budget_salaries_and_runway() {
        let run = fresh_run_of(MONEY);
        let state = run.game.state();
        let m = &run.game.scenario().model;
        let view = MoneyView::of(&run).expect("money matters");
        assert_eq!(view.budget, format!("Budget {}", text::num(state.budget)));
        assert!(
            view.salaries
                .contains(&text::num(m.salary * state.people.len() as f64))
        );
        // No income yet: the week's cost is all salaries.
        let weeks = state.budget / (m.salary * state.people.len() as f64);
        assert_eq!(view.runway, Runway::Weeks(weeks).text());
        assert_eq!(view.alert.is_some(), weeks < RUNWAY_SHORT);
        assert!(view.moved.is_empty(), "nothing has moved it yet");
        assert!(view.tip.contains("let go"), "{}", view.tip);
    }

    /// Hiring spends a fixed sum: the week's line names it beside the income and a whole
    /// number of salaries, and the line's ends are the budget before and after.
    #[test]
    fn what_moved_the_budget_is_named_and_adds_up() {
        let mut run = fresh_run_of(MONEY);
        let hire = run.game.scenario().action("hire").expect("a hire action");
        let (name, cost) = (hire.name.clone(), budget_effect(&hire.effects));
        assert!(cost < 0.0, "hiring costs money");
        let start = run.game.state().budget;
        run.game.set_plan(vec![sim::Planned::new("hire")]);
        run.end_week().expect("a week");
        let view = MoneyView::of(&run).expect("money matters");
        let line = view.moved.first().expect("the week's line");
        let after = run.game.state().history[0].budget;
        assert!(
            line.starts_with(&format!(
                "Week 1: budget {} to {} ({}): ",
                text::num(start),
                text::num(after),
                text::signed(after - start)
            )),
            "{line}"
        );
        assert!(
            line.contains(&format!("{name} {}", text::signed(cost))),
            "{line}"
        );
        assert!(line.contains("income "), "{line}");
        assert!(line.contains("salaries -"), "{line}");
        assert!(!line.contains("other"), "every move named: {line}");
        // The feed and the debrief's week by week say the same.
        let said = format!(
            "Budget {}",
            line.strip_prefix("Week 1: budget ")
                .expect("the week's line")
        );
        let feed = FeedView::of(&run);
        let week = feed.weeks.first().expect("a week in the feed");
        let money: Vec<_> = (week.lines.iter())
            .filter(|l| l.topic == Some(Topic::Money))
            .collect();
        assert!(money.iter().any(|l| l.text == said), "{said} in {money:?}");
        let then = crate::app::view::WeekView::of(&run, 1).expect("week 1");
        assert!(then.moved.iter().any(|(t, _, _)| *t == said), "{said}");
    }

    /// An answer that brings money is named once taken, and again in the next week's line.
    #[test]
    fn an_answer_that_moves_the_budget_is_named() {
        // Little enough money that the scenario's payroll event comes after the first week.
        let mut scenario = builtin(MONEY);
        scenario.start.budget = scenario.model.salary * scenario.people.len() as f64;
        let mut run = Run::new(
            crate::app::Source::Builtin(MONEY.into()),
            std::sync::Arc::new(scenario),
            7,
        );
        run.end_week().expect("a week");
        let pending = run.game.pending().expect("the money runs out");
        let event = run.game.scenario().event(&pending.event).expect("an event");
        let (i, choice) = (event.choices.iter().enumerate())
            .find(|(_, c)| budget_effect(&c.effects) > 0.0)
            .expect("an answer that brings money");
        let label = choice.label.replace("{name}", "them");
        run.decide(i).expect("a choice");
        let view = MoneyView::of(&run).expect("money matters");
        let since = view.moved.last().expect("a line");
        assert!(
            since.starts_with(&format!("Since: answer “{label}” +")),
            "{since}"
        );
        run.end_week().expect("a week");
        let view = MoneyView::of(&run).expect("money matters");
        let line = view.moved.first().expect("the week's line");
        assert!(line.starts_with("Week 2: "), "{line}");
        assert!(line.contains(&format!("answer “{label}” +")), "{line}");
        assert!(!line.contains("other"), "every move named: {line}");
    }

    /// The debrief's caption of the budget's curve says where it ended, how low it went and
    /// whether salaries cost people; a scenario without money has none.
    #[test]
    fn the_debrief_says_how_the_budget_went() {
        use crate::app::view::debrief::budget_words;
        assert_eq!(budget_words(&fresh_run_of("brilliant-team").game), None);
        // Too little money for a month of salaries, and nothing planned to earn more.
        let mut scenario = builtin(MONEY);
        scenario.start.budget = scenario.model.salary;
        scenario.events.clear();
        let mut run = Run::new(
            crate::app::Source::Builtin(MONEY.into()),
            std::sync::Arc::new(scenario),
            7,
        );
        for _ in 0..4 {
            run.end_week().expect("a week");
        }
        let words = budget_words(&run.game).expect("money matters");
        let low = (run.game.state().history.iter())
            .min_by(|a, b| a.budget.total_cmp(&b.budget))
            .expect("weeks");
        assert!(low.budget < 0.0, "the money ran out");
        assert!(
            words.starts_with(&format!(
                "Budget at each week's end: from {} to ",
                text::num(run.game.scenario().start.budget)
            )),
            "{words}"
        );
        assert!(
            words.contains(&format!(
                "lowest {} in week {}",
                text::num(low.budget),
                low.week
            )),
            "{words}"
        );
        assert!(words.contains("below zero at the end of"), "{words}");
        assert!(words.contains("let go"), "{words}");
        assert!(!run.game.state().departed.is_empty(), "and it did");
    }

    /// The debrief's week by week says the budget at each week's end where money matters.
    #[test]
    fn the_timeline_says_the_budget_where_money_matters() {
        use crate::app::view::WeekView;
        for id in DRAWN {
            let mut run = fresh_run_of(id);
            run.end_week().expect("a week");
            let numbers = WeekView::of(&run, 1)
                .and_then(|w| w.numbers)
                .expect("week 1's numbers");
            let budget = text::num(run.game.state().history[0].budget);
            let said = numbers.contains(&format!(" · budget {budget}\n"));
            assert_eq!(said, id == MONEY, "{id}: {numbers}");
        }
    }
}
