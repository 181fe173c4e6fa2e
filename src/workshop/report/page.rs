//! The report's HTML, written with maud so every team name and scenario text is escaped.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use super::charts::{self, ChartError, FAMILY_COLOURS, PALETTE, Run, Shares};
use super::{Report, Table, quadrant, upto};
use crate::sim::Totals;
use crate::sim::review::Quadrant;
use crate::sim::{Family, Game};
use crate::text;

const STYLE: &str = "
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; color: #222; background: #f6f6f4; margin: 0; }
main { max-width: 1120px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 28px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 10px; border-bottom: 1px solid #ddd; padding-bottom: 4px; }
.sub { color: #666; margin: 0 0 16px; }
.card { background: #fff; border: 1px solid #e2e2e2; border-radius: 8px; padding: 12px 16px; }
.warn { background: #fff4e5; border: 1px solid #f0c27a; border-radius: 8px; padding: 10px 16px; margin: 12px 0; }
.cols { display: flex; gap: 20px; flex-wrap: wrap; }
.cols > * { flex: 1 1 420px; }
svg { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
th { color: #555; font-weight: 600; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.sw { display: inline-block; width: 11px; height: 11px; border-radius: 50%; margin-right: 6px; }
.bot { color: #777; }
.legend span { margin-right: 16px; white-space: nowrap; }
.legend i { display: inline-block; width: 12px; height: 12px; margin-right: 5px; vertical-align: -1px; }
ol li { margin: 6px 0; }
.bad { color: #b02a2a; }
.ok { color: #2e7d32; }
";

/// Renders the whole page.
pub fn render(r: &Report) -> Result<String, ChartError> {
    let story = &r.scenario.scenario.story;
    let weeks = r.scenario.scenario.weeks;
    let unfinished: Vec<(usize, u32)> = r
        .tables
        .iter()
        .enumerate()
        .map(|(i, t)| (i, r.weeks_of(t)))
        .filter(|(_, w)| *w < weeks)
        .collect();
    let table_runs = r.tables.iter().enumerate().map(|(i, t)| Run {
        week: unfinished
            .iter()
            .find(|(u, _)| *u == i)
            .map(|(_, w)| (*w, weeks)),
        ..run(&t.result.team, Some(i), &t.game)
    });
    let bot_runs = r.bots.iter().map(|b| run(b.policy.label(), None, &b.game));
    let runs: Vec<Run> = table_runs.chain(bot_runs).collect();
    let quadrants = quadrants(r)?;
    let output_svg = charts::curves(&runs, false, weeks, (1060, 420))?;
    let value_svg = charts::curves(&runs, true, weeks, (1060, 420))?;
    let bot_names: Vec<String> = r
        .bots
        .iter()
        .map(|b| format!("bot: {}", b.policy.label()))
        .collect();
    let shares: Vec<Shares> = r
        .tables
        .iter()
        .map(|t| Shares {
            name: &t.result.team,
            hours: t.decisions.hours.to_vec(),
        })
        .chain(bot_names.iter().zip(&r.bots).map(|(name, b)| Shares {
            name,
            hours: b.decisions.hours.to_vec(),
        }))
        .collect();
    let hours_svg = charts::hours(&shares, 1060)?;
    // A duplicate's run is on the leaderboard once already: it is counted, not left out.
    let duplicate = |f: &&(std::path::PathBuf, String, super::Verdict)| {
        matches!(f.2, super::Verdict::Duplicate(_))
    };
    let excluded: Vec<_> = r
        .files
        .iter()
        .filter(|f| !f.2.verified() && !duplicate(f))
        .collect();
    let duplicates = r.files.iter().filter(duplicate).count();
    let codes: Vec<&str> = {
        let mut c: Vec<&str> = r.tables.iter().map(|t| t.result.code.as_str()).collect();
        c.sort_unstable();
        c.dedup();
        c
    };
    let page = html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { "Workshop report · " (story.title) }
                style { (PreEscaped(STYLE)) }
            }
            body { main {
                h1 { "Workshop report · " (story.title) }
                p.sub {
                    (text::count(r.tables.len(), "verified table"))
                    " · " (text::count(weeks as usize, "week")) " · code " (codes.join(", "))
                    " · bots played seed " (r.seed)
                }
                @if !excluded.is_empty() {
                    div.warn {
                        strong { (text::count(excluded.len(), "file")) " left out of the leaderboard" }
                        " (see Verification at the end): "
                        (excluded.iter().map(|f| label(f)).collect::<Vec<_>>().join(", "))
                    }
                }
                @if duplicates > 0 {
                    p.sub {
                        (text::count(duplicates, "file"))
                        " held a run given in another file as well, and counted once (see Verification)."
                    }
                }
                @if !unfinished.is_empty() {
                    div.warn {
                        strong { (text::count(unfinished.len(), "run")) " unfinished" }
                        ": "
                        (unfinished.iter().map(|(i, w)| format!("{} at week {w} of {weeks}", r.tables[*i].result.team)).collect::<Vec<_>>().join(", "))
                        ". Each is drawn and ranked beside the bots at the same week, not beside their whole runs."
                    }
                }
                h2 { "Output and Value: the quadrant" }
                div.card {
                    @if r.tables.is_empty() {
                        p { "No table has played yet: only the bots are on the chart." }
                    }
                    @for (week, svg) in &quadrants {
                        @if *week < weeks {
                            h3 style="margin:16px 0 4px" { "At week " (week) " of " (weeks) }
                            p.sub style="margin:0 0 6px" {
                                "Unfinished runs, beside the bots' first " (text::count(*week as usize, "week"))
                                " and the lines of that week, not their whole runs."
                            }
                        } @else if quadrants.len() > 1 {
                            h3 style="margin:4px 0 4px" { "Whole runs" }
                        }
                        (PreEscaped(svg))
                    }
                    p.sub {
                        "Dots are tables, triangles are the bots on the same world. The dashed lines "
                        "are where a score counts as high, as in the game's debrief: Output from "
                        (text::percent(r.scenario.scenario.model.verdict_output))
                        " of the balanced bot's, Value from "
                        (text::percent(r.scenario.scenario.model.verdict_value))
                        " of it. Output is effort delivered; Value is what customers took up and paid for."
                    }
                }
                h2 { "Leaderboard" }
                div.cols {
                    (leaderboard(r, "Output", |t| t.output))
                    (leaderboard(r, "Value", |t| t.value))
                }
                h2 { "Curves" }
                div.card { (PreEscaped(output_svg)) }
                div.card style="margin-top:16px" { (PreEscaped(value_svg)) }
                h2 { "Where the hours went" }
                div.card {
                    p.legend {
                        @for (f, c) in Family::ALL.iter().zip(FAMILY_COLOURS) {
                            span { i style=(format!("background:{}", css(c))) {} (f.label()) }
                        }
                    }
                    (PreEscaped(hours_svg))
                }
                h2 { "Key decisions" }
                div.card { (decisions(r)) }
                h2 { "Week by week" }
                div.card { (week_by_week(r)) }
                h2 { "Debrief questions" }
                div.card {
                    @if story.debrief.is_empty() {
                        p { "This scenario has no debrief questions of its own. Ask: where did your hours go, and what did they buy?" }
                    } @else {
                        ol { @for q in &story.debrief { li { (q) } } }
                    }
                    @if !r.scenario.scenario.lessons.is_empty() {
                        p { strong { "What the scenario sets out to show" } " (checked over many seeds with the bots):" }
                        ul { @for l in &r.scenario.scenario.lessons { li { (l.text) } } }
                    }
                }
                h2 { "Verification" }
                div.card { (verification(r)) }
            } }
        }
    };
    Ok(page.into_string())
}

/// A file's team name if it has one, else its file name.
fn label(f: &(std::path::PathBuf, String, super::Verdict)) -> String {
    if f.1.is_empty() {
        f.0.file_name()
            .map_or_else(|| f.0.display().to_string(), |n| n.to_string_lossy().into())
    } else {
        f.1.clone()
    }
}

fn run<'a>(name: &'a str, colour: Option<usize>, game: &Game) -> Run<'a> {
    let mut so_far = (0.0, 0.0);
    let curve = game
        .state()
        .history
        .iter()
        .map(|w| {
            so_far = (so_far.0 + w.output, so_far.1 + w.value);
            so_far
        })
        .collect();
    Run {
        name,
        colour,
        output: game.state().total_output(),
        value: game.state().total_value(),
        curve,
        week: None,
    }
}

fn css(c: plotters::style::RGBColor) -> String {
    format!("rgb({},{},{})", c.0, c.1, c.2)
}

fn swatch(i: usize) -> Markup {
    html! { span.sw style=(format!("background:{}", css(PALETTE[i % PALETTE.len()]))) {} }
}

/// The quadrant a chart per number of weeks played, as the leaderboard groups them: whole
/// runs first, then each unfinished week, its tables beside the bots' first weeks as many
/// and the lines of that week. With no table, the bots' whole runs alone.
fn quadrants(r: &Report) -> Result<Vec<(u32, String)>, ChartError> {
    let weeks = r.scenario.scenario.weeks;
    let mut groups: Vec<u32> = r.tables.iter().map(|t| r.weeks_of(t)).collect();
    if groups.is_empty() {
        groups.push(weeks);
    }
    groups.sort_unstable_by(|a, b| b.cmp(a));
    groups.dedup();
    groups
        .into_iter()
        .map(|week| {
            let tables = (r.tables.iter().enumerate())
                .filter(|(_, t)| r.weeks_of(t) == week)
                .map(|(i, t)| {
                    let totals = upto(&t.game, week);
                    Run {
                        name: &t.result.team,
                        colour: Some(i),
                        output: totals.output,
                        value: totals.value,
                        curve: Vec::new(),
                        week: (week < weeks).then_some((week, weeks)),
                    }
                })
                .collect();
            let bots = r.bots.iter().map(|b| (b.policy, &b.game));
            let size = if week < weeks {
                (1060, 440)
            } else {
                (1060, 560)
            };
            let svg = quadrant::at_week(tables, bots, week, &r.scenario.scenario.model, size)?;
            Ok((week, svg))
        })
        .collect()
}

/// Tables and bots ranked on one score, a block per number of weeks played: whole runs
/// first, then each unfinished week, its tables beside the bots' first weeks as many (never
/// beside their whole runs) and judged against the lines of that week.
fn leaderboard(r: &Report, score: &str, of: fn(Totals) -> f64) -> Markup {
    let weeks = r.scenario.scenario.weeks;
    let mut groups: Vec<u32> = r.tables.iter().map(|t| r.weeks_of(t)).collect();
    groups.push(weeks);
    groups.sort_unstable_by(|a, b| b.cmp(a));
    groups.dedup();
    html! {
        div.card {
            @for week in groups {
                (ranking(r, score, of, week))
            }
        }
    }
}

/// The tables that played `week` weeks, ranked among themselves, and the bots at that week
/// for scale, unranked.
fn ranking(r: &Report, score: &str, of: fn(Totals) -> f64, week: u32) -> Markup {
    enum Who<'a> {
        Table(usize, &'a Table),
        Bot(&'static str),
    }
    let weeks = r.scenario.scenario.weeks;
    let lines = r.lines_at(week);
    let mut rows: Vec<(Totals, Who)> = r
        .tables
        .iter()
        .enumerate()
        .filter(|(_, t)| r.weeks_of(t) == week)
        .map(|(i, t)| (upto(&t.game, week), Who::Table(i, t)))
        .chain(
            r.bots
                .iter()
                .map(|b| (upto(&b.game, week), Who::Bot(b.policy.label()))),
        )
        .collect();
    rows.sort_by(|a, b| of(b.0).total_cmp(&of(a.0)));
    let mut next = 0;
    let ranks: Vec<usize> = rows
        .iter()
        .map(|row| {
            if matches!(row.1, Who::Table(..)) {
                next += 1;
            }
            next
        })
        .collect();
    html! {
        @if week >= weeks {
            h3 style="margin:4px 0 8px" { "By " (score) }
        } @else {
            h3 style="margin:16px 0 4px" { "By " (score) " at week " (week) " of " (weeks) }
            p.sub style="margin:0 0 6px" {
                "Unfinished runs, ranked beside the bots' first " (text::count(week as usize, "week"))
                ", not their whole runs."
            }
        }
        table {
            tr { th { "#" } th { "team" } th.num { (score) } th { "quadrant" } }
            @for ((totals, who), rank) in rows.iter().zip(&ranks) {
                @let q = Quadrant::of(*totals, lines).name();
                @match who {
                    Who::Table(i, t) => {
                        tr {
                            td { (rank) }
                            td { (swatch(*i)) (t.result.team) }
                            td.num { (text::whole(of(*totals))) }
                            td { (q) }
                        }
                    }
                    Who::Bot(name) => {
                        tr.bot {
                            td {}
                            td { "bot: " (name) }
                            td.num { (text::whole(of(*totals))) }
                            td { (q) }
                        }
                    }
                }
            }
        }
    }
}

/// Each table's key decisions, for the debrief conversation.
fn decisions(r: &Report) -> Markup {
    let week = |w: Option<u32>| w.map_or_else(|| "never".to_string(), |w| format!("week {w}"));
    html! {
        table {
            tr {
                th { "team" }
                th { "hours: lead / manage / own work / micromanage" }
                th { "first mentoring" }
                th { "first customer talk" }
                th { "most planned" }
                th { "events and choices" }
            }
            @for (i, t) in r.tables.iter().enumerate() {
                @let d = &t.decisions;
                @let total: f64 = d.hours.iter().sum::<f64>().max(1.0);
                tr {
                    td { (swatch(i)) (t.result.team) }
                    td { (d.hours.iter().map(|h| text::percent(h / total)).collect::<Vec<_>>().join(" / ")) }
                    td { (week(d.first_mentoring)) }
                    td { (week(d.first_customers)) }
                    td { @if let Some((name, n)) = &d.favourite { (name) " ×" (n) } }
                    td {
                        @if d.events.is_empty() { "none" }
                        @for e in &d.events {
                            div { "w" (e.week) " " strong { (e.event) } ": " (e.choice.as_deref().unwrap_or("not decided")) }
                        }
                    }
                }
            }
        }
    }
}

/// Every table's run week by week, each folded away until opened: the plan, the answer
/// and the week's scores.
fn week_by_week(r: &Report) -> Markup {
    html! {
        p.sub { "Open a table to see its run as it was played, week by week." }
        @for (i, t) in r.tables.iter().enumerate() {
            details {
                summary { (swatch(i)) (t.result.team) }
                table {
                    tr { th { "week" } th { "plan" } th { "event" } th { "Output" } th { "Value" } }
                    @for (k, rec) in t.game.state().history.iter().enumerate() {
                        @let week = crate::sim::review::week_in_words(&t.game, k);
                        tr {
                            td { (rec.week) }
                            td { @if week.plan.is_empty() { "nothing planned" } @else { (week.plan.join(", ")) } }
                            td { (week.answer.unwrap_or_default()) }
                            td { (text::fixed(rec.output, 1)) }
                            td { (text::fixed(rec.value, 1)) }
                        }
                    }
                }
            }
        }
    }
}

/// Every file given, with its verdict.
fn verification(r: &Report) -> Markup {
    html! {
        p.sub {
            "Every file is replayed from its seed and action log on this scenario; a table is on the "
            "leaderboard only if the replay gives exactly the scores it records."
        }
        table {
            tr { th { "file" } th { "team" } th { "verdict" } }
            @for (path, team, verdict) in &r.files {
                tr {
                    td { (path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into())) }
                    td { (team) }
                    @if verdict.verified() { td.ok { (verdict) } } @else { td.bad { (verdict) } }
                }
            }
        }
    }
}
