//! Runs and checks the renderers' tests share: a fresh run, one in the middle with an event
//! waiting, and the words a play screen must show.

use super::*;

/// The built-in scenarios the renderers' tests draw: one without money, one about it.
pub(crate) const DRAWN: [&str; 2] = ["brilliant-team", MONEY];

/// A built-in scenario about money ([`super::money_matters`]).
pub(crate) const MONEY: &str = "startup-takeover";

/// A run of a built-in scenario before its first week, for the renderers' tests.
pub(crate) fn fresh_run() -> Run {
    fresh_run_of("brilliant-team")
}

/// A run of the built-in scenario `id` before its first week.
pub(crate) fn fresh_run_of(id: &str) -> Run {
    let scenario = crate::format::builtin(id)
        .and_then(Result::ok)
        .expect("a built-in scenario");
    Run::new(
        crate::app::Source::Builtin(id.into()),
        std::sync::Arc::new(scenario),
        7,
    )
}

/// A run in the middle, for the renderers' tests: the balanced bot's plans played by hand on
/// a built-in scenario until an event waits (from week 3 on), with a person picked.
pub(crate) fn mid_run() -> Run {
    mid_run_of("brilliant-team")
}

/// [`mid_run`] of the built-in scenario `id`.
pub(crate) fn mid_run_of(id: &str) -> Run {
    let mut run = fresh_run_of(id);
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

/// The notice the renderers' tests draw over the play screen: the one an undo leaves.
pub(crate) fn took_back() -> crate::app::Notice {
    crate::app::Notice {
        text: "Took back a week: planning week 4 again".into(),
        error: false,
        screen: crate::app::Screen::Play,
    }
}

/// Marks `plan`'s first three rows with what a plan warns of, as the renderers' tests draw
/// it: the first wastes its hours, the second aims at someone who left, the third is past the
/// week's hours.
pub(crate) fn warn(plan: &mut PlanView) {
    let warnings = [
        (
            None,
            Some("Bea has grown into their potential: mentoring grows their skill no further"),
        ),
        (Some("Bea has left the team: skipped"), None),
        (Some(WONT_FIT), None),
    ];
    for (row, (skipped, waste)) in plan.rows.iter_mut().zip(warnings) {
        row.skipped = skipped.map(str::to_string);
        row.waste = waste.map(str::to_string);
    }
}

/// Whether `text` shows `word` as a whole: not as a part of a longer word or number ("27.3"
/// is not shown by "27.35", "-27.3" or "127.3"), so a renderer that reformats a number fails.
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
#[derive(Clone, Copy)]
pub(crate) struct Fits {
    /// Entries of the plan.
    pub plan: usize,
    /// Rows of the backlog.
    pub backlog: usize,
    /// Lines of the latest week's feed.
    pub feed: usize,
}

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
            out.extend(c.later.clone());
        }
        out.extend(e.estimate.clone());
    }
    for p in &view.team {
        out.extend([p.name.clone(), p.role.to_string()]);
        out.extend(p.bars.iter().map(|b| b.label.to_string()));
        out.extend(p.arc.as_ref().map(|(arc, _)| arc.clone()));
        out.extend(p.flight_risk.clone());
        out.extend(p.booked.clone());
    }
    out.extend(view.departed.iter().cloned());
    let plan = &view.plan;
    out.push(plan.hours.clone());
    out.extend(plan.empty.map(str::to_string));
    for row in plan.rows.iter().take(fits.plan) {
        out.push(format!("{} · {}", row.name, row.hours));
        out.extend(row.warning().map(|(text, _)| text.to_string()));
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
    if let Some(m) = &view.money {
        out.extend([m.budget.clone(), m.runway.clone(), m.net.clone()]);
        out.extend([m.salaries.clone(), m.income.clone()]);
        out.extend(m.moved.iter().cloned());
        out.extend(m.alert.map(str::to_string));
    }
    out.push(view.goals.title.clone());
    for g in &view.goals.rows {
        out.extend([g.mark.to_string(), g.text.clone()]);
    }
    out
}
