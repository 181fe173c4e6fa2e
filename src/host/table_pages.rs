//! A browser table's pages, drawn on the host from the table's session: joining, the
//! briefing, the play screen (with the event to decide) and the debrief. Every control is a
//! button in a form that posts to `/play/act`, so the pages work with the keyboard alone
//! and with no script; `play.js` only counts the clock down and reloads the page when the
//! room changes it. Charts are the report's own SVG.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::app::{Debrief, Notice, Run, Screen, Session, whatif};
use crate::sim::review;
use crate::sim::{Family, Planned, State, Topic};
use crate::workshop::report::charts;

/// The pages' style: one column on a phone, three on a laptop.
const STYLE: &str = "
*{box-sizing:border-box}
body{font-family:system-ui,sans-serif;margin:0;background:#f6f6f4;color:#1d1d1d;font-size:16px;line-height:1.4}
header{background:#1f2430;color:#fff;padding:10px 14px;display:flex;flex-wrap:wrap;gap:6px 18px;align-items:baseline}
header h1{font-size:18px;margin:0}
header .scores{font-variant-numeric:tabular-nums}
main{padding:10px;display:grid;gap:10px;grid-template-columns:1fr}
.s-plan{order:1}.s-feed{order:2}.s-team{order:3}
@media(min-width:760px){main{grid-template-columns:1fr 1fr}.s-team{order:1}.s-plan{order:2}.s-feed{order:3}}
@media(min-width:1100px){main{grid-template-columns:1fr 1.2fr 1fr}}
section{background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px 12px}
h2{font-size:17px;margin:0 0 6px}
form{margin:0;display:inline}
button{font:inherit;font-size:15px;padding:7px 10px;margin:2px 0;border:1px solid #999;border-radius:6px;background:#fff;color:#1d1d1d;cursor:pointer;text-align:left}
button:focus-visible{outline:3px solid #2b6cb0;outline-offset:1px}
button:disabled{color:#888;border-color:#ccc;cursor:not-allowed}
button.main{background:#2b6cb0;color:#fff;border-color:#2b6cb0;font-weight:600}
button.main:disabled{background:#a9bdd6;border-color:#a9bdd6;color:#f4f6f9}
button.wide{display:block;width:100%}
button.pick{display:block;width:100%;margin:4px 0}
button.picked{border:2px solid #7b3fb8;background:#f5effb}
.why{font-size:13px;color:#8a3b12;margin:0 0 6px 4px}
.quiet{color:#666;font-size:14px}
.bad{color:#b02a2a}.ok{color:#2e7d32}
.bar{display:flex;align-items:center;gap:6px;font-size:13px}
.bar span:first-child{width:70px}
.bar i{display:inline-block;height:8px;background:#ddd;border-radius:4px;flex:1;position:relative;overflow:hidden}
.bar b{position:absolute;left:0;top:0;bottom:0;background:#4a7fc1}
.fam{font-weight:700;margin:8px 0 2px}
.fam0{color:#2f7d4f}.fam1{color:#2b6cb0}.fam2{color:#9c5b00}.fam3{color:#a23b3b}
.event{grid-column:1/-1;border:2px solid #7b3fb8}
.notice{grid-column:1/-1;padding:8px 12px;border-radius:8px;background:#eef5ee}
.notice.bad{background:#fbeaea;color:#7a1d1d}
ul.feed{padding-left:18px;margin:4px 0}
.wide-section{grid-column:1/-1}
.chart svg{max-width:100%;height:auto}
input[type=text]{font:inherit;padding:8px;width:100%;max-width:360px;border:1px solid #999;border-radius:6px}
";

fn page(title: &str, version: Option<&str>, body: Markup) -> String {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · Multiplier" }
                style { (PreEscaped(STYLE)) }
            }
            body data-version=[version] { (body) script src="/play.js" {} }
        }
    }
    .into_string()
}

/// The script of a table's page: the week's clock counts down, and the page is drawn again
/// when the host says it changed.
pub const SCRIPT: &str = r#"(function () {
  var version = document.body.getAttribute('data-version');
  var left = document.getElementById('left');
  var seconds = left ? parseFloat(left.getAttribute('data-left')) : NaN;
  function show(s) { var m = Math.floor(s / 60), r = Math.floor(s % 60); return m + ':' + (r < 10 ? '0' : '') + r; }
  if (left && !isNaN(seconds)) {
    setInterval(function () { if (seconds > 0) { seconds -= 1; left.textContent = show(seconds); } }, 1000);
  }
  if (version) {
    setInterval(function () {
      fetch('/play/version', { credentials: 'same-origin', cache: 'no-store' })
        .then(function (r) { return r.text(); })
        .then(function (v) { if (v && v !== version) { location.reload(); } })
        .catch(function () {});
    }, 2000);
  }
})();
"#;

/// The page a browser meets at the room's address: the scenario, and a team name to type.
pub fn join(title: &str, pitch: &str, problem: Option<&str>) -> String {
    page(
        "Join",
        None,
        html! {
            header { h1 { "Multiplier · " (title) } }
            main {
                section.wide-section {
                    p { (pitch) }
                    form method="post" action="/play/join" {
                        p { label for="team" { "Your team's name" } br;
                            input #team type="text" name="team" maxlength="40" autofocus required placeholder="e.g. Night Owls"; }
                        button.main type="submit" { "Join the room" }
                    }
                    @if let Some(problem) = problem { p.bad { (problem) } }
                    p.quiet { "Everybody in the room plays the same world. Your weeks go to the facilitator as you play; close the tab and open this address again to come back to your run." }
                }
            }
        },
    )
}

/// The page of the screen the table's session is on, marked with its version for
/// `play.js`.
pub fn table(session: &Session) -> String {
    let Some(run) = session.run.as_ref() else {
        return join("the room", "", Some("This table has no run."));
    };
    let title = &run.game.scenario().story.title;
    let body = match session.screen() {
        Screen::Debrief => debrief(run, session.debrief.as_ref()),
        Screen::Play => play(run, session.notice.as_ref()),
        _ => briefing(run),
    };
    page(title, Some(&super::browser::version(session)), body)
}

fn act(what: &str, fields: &[(&str, &str)], label: Markup, class: &str, enabled: bool) -> Markup {
    html! {
        form method="post" action="/play/act" {
            input type="hidden" name="do" value=(what);
            @for (k, v) in fields { input type="hidden" name=(k) value=(v); }
            button type="submit" class=(class) disabled[!enabled] { (label) }
        }
    }
}

fn header(run: &Run) -> Markup {
    let game = &run.game;
    let state = game.state();
    let last = state.history.last();
    let room = run.workshop.as_ref().and_then(|w| w.room.as_ref());
    html! {
        header {
            h1 { (game.scenario().story.title) }
            span { "Week " (game.week().min(game.scenario().weeks)) " of " (game.scenario().weeks) }
            span.scores { "Output " (num(last.map_or(0.0, |r| r.output))) " (total " (num(state.total_output())) ")" }
            span.scores { "Value " (num(last.map_or(0.0, |r| r.value))) " (total " (num(state.total_value())) ")" }
            @if let Some(team) = run.workshop.as_ref().map(|w| &w.team) { span { "Team " (team) } }
            @if let Some(timer) = &run.timer {
                span { "Time left " span #left data-left=(format!("{:.0}", timer.left)) { (clock(timer.left)) } }
            }
            @if room.is_some_and(|r| r.clock.paused) { span { "· the room is paused" } }
        }
    }
}

fn briefing(run: &Run) -> Markup {
    let story = &run.game.scenario().story;
    html! {
        (header(run))
        main {
            section.wide-section {
                h2 { "Briefing" }
                @for para in story.intro.split("\n\n") { p { (para) } }
                @if !story.goals.is_empty() {
                    h2 { "Your goals" }
                    ul { @for goal in &story.goals { li { (goal.text) } } }
                }
                p.quiet { "Each week, plan how you spend your hours: leading multiplies what the team produces (Output); managing turns it into what customers value (Value). End the week to see what moved, and why." }
                (act("begin", &[], html! { "Start week 1" }, "main", true))
            }
        }
    }
}

fn play(run: &Run, notice: Option<&Notice>) -> Markup {
    let game = &run.game;
    let state = game.state();
    let pending = game.pending();
    html! {
        (header(run))
        main {
            @if let Some(n) = notice {
                div.notice.bad[n.error] role="status" { (n.text) }
            }
            @if let Some(why) = run.held() {
                div.notice role="status" { "The week cannot end yet: " (why) }
            }
            @if pending.is_some() { (event(run)) }
            section.s-team {
                h2 { "Team" }
                p.quiet { "Tap a person to aim person actions at them." }
                (team(run, state))
            }
            section.s-plan {
                h2 { "This week's plan" }
                (plan(run))
                h2 { "Actions" }
                (actions(run))
            }
            section.s-feed {
                h2 { "What happened" }
                (feed(run))
                h2 { "Backlog" }
                (backlog(run, state))
                h2 { "Customers" }
                (customers(run, state))
                h2 { "Goals" }
                ul { @for g in review::goals(game) {
                    li { (g.text) @match g.met { Some(true) => { " " span.ok { "(met)" } }, Some(false) => { " " span.quiet { "(not yet)" } }, None => {} } }
                } }
            }
        }
    }
}

fn event(run: &Run) -> Markup {
    let game = &run.game;
    let Some(p) = game.pending() else {
        return html! {};
    };
    let Some(def) = game.scenario().event(&p.event) else {
        return html! {};
    };
    let name = run.subject_name();
    html! {
        section.event aria-live="assertive" {
            p.quiet { "After week " (game.state().week) ": a decision" }
            h2 { (def.title) }
            p { (p.text) }
            @for (i, c) in def.choices.iter().enumerate() {
                (act("decide", &[("choice", &i.to_string())], html! { (i + 1) ". " (c.label.replace("{name}", &name)) }, "wide", true))
                p.why { (c.hint.replace("{name}", &name)) }
            }
        }
    }
}

fn bar(label: &str, value: f64) -> Markup {
    let pct = (value.clamp(0.0, 1.0) * 100.0).round();
    html! {
        div.bar { span { (label) } i role="img" aria-label=(format!("{label} {pct:.0}%")) { b style=(format!("width:{pct:.0}%")) {} } span { (format!("{value:.2}")) } }
    }
}

fn team(run: &Run, state: &State) -> Markup {
    html! {
        @for p in &state.people {
            @let picked = run.selection.person.as_deref() == Some(p.id.as_str());
            (act("aim", &[("kind", "person"), ("id", &p.id)], html! {
                strong { (p.name) } " " span.quiet { (p.role.name()) @if picked { " · target" } }
                (bar("Skill", p.skill)) (bar("Morale", p.morale)) (bar("Autonomy", p.autonomy)) (bar("Clarity", p.clarity))
                @if p.flight_risk > 0.2 { span.bad { "may leave: flight risk " (format!("{:.0}%", p.flight_risk * 100.0)) } }
            }, if picked { "pick picked" } else { "pick" }, true))
        }
        @for (week, p) in &state.departed { p.quiet { (p.name) " left in week " (week) } }
    }
}

fn plan(run: &Run) -> Markup {
    let game = &run.game;
    let mut used = 0.0;
    html! {
        p.quiet { (format!("{:.0} of {:.0} hours planned · the plan carries over to next week", game.hours_planned() + 0.0, game.hours())) }
        @if game.plan().is_empty() { p.quiet { "Nothing planned: the team works on its own." } }
        ol {
            @for (i, p) in game.plan().iter().enumerate() {
                @let def = game.scenario().action(&p.action);
                @let hours = def.map_or(0.0, |d| d.hours);
                @let fits = { used += hours; used <= game.hours() + 1e-9 };
                li {
                    (entry(run, p)) " · " (format!("{hours:.0}h"))
                    @if !fits { " " span.bad { "won't fit: skipped" } }
                    " " (act("remove", &[("index", &i.to_string())], html! { "remove" }, "", true))
                }
            }
        }
        @if !game.plan().is_empty() { (act("clear", &[], html! { "Clear plan" }, "", true)) }
        (act("end", &[], html! { "End week " (game.week().min(game.scenario().weeks)) }, "main wide", game.pending().is_none() && !game.finished() && run.held().is_none()))
        @if run.may_undo() && !game.log().is_empty() {
            (act("undo", &[], html! { "Undo last week" }, "", true))
        }
    }
}

fn entry(run: &Run, p: &Planned) -> Markup {
    let name = run
        .game
        .scenario()
        .action(&p.action)
        .map_or("an action this scenario no longer has", |d| d.name.as_str());
    html! {
        (name) @if let Some(t) = &p.target { ": " (run.target_name(t)) }
    }
}

fn actions(run: &Run) -> Markup {
    let game = &run.game;
    // The plan as it stands, played ahead once: each action's preview is measured against it.
    let baseline = run.previews().then(|| whatif::Baseline::of(game)).flatten();
    html! {
        @for (f, family) in Family::ALL.into_iter().enumerate() {
            @let defs: Vec<_> = game.scenario().actions.iter().filter(|a| a.family == family).collect();
            @if !defs.is_empty() {
                p class=(format!("fam fam{f}")) { (family.label()) }
                @for def in defs {
                    @let planned = run.aimed(def);
                    @let check = game.check(&planned);
                    (act("add", &[("action", &def.id)], html! { (entry(run, &planned)) " · " (format!("{:.0}h", def.hours)) }, "wide", check.is_ok()))
                    @match &check {
                        Err(why) => p.why { "Can't take it now: " (why.to_string()) },
                        Ok(()) => p.why.quiet {
                            (def.description)
                            @if let Some(p) = baseline.as_ref().and_then(|b| whatif::preview(game, b, &planned)) {
                                br;
                                "This week: Output " (whatif::signed(p.output)) " · Value " (whatif::signed(p.value))
                                @if let Some(later) = p.later {
                                    "; kept " (later.weeks) " weeks: Output " (whatif::signed(later.output)) " · Value " (whatif::signed(later.value)) " (an estimate)"
                                }
                            }
                        },
                    }
                }
            }
        }
    }
}

fn feed(run: &Run) -> Markup {
    let scenario = run.game.scenario();
    html! {
        @if run.reports.is_empty() { p.quiet { "The feed explains why the numbers moved. Plan some actions and end the week." } }
        @for (n, report) in run.reports.iter().enumerate().rev().take(3) {
            @let latest = n + 1 == run.reports.len();
            @let body = html! {
                ul.feed {
                    @for c in report.causes.iter().filter(|c| c.topic != Topic::Action) { li { (c.text) } }
                    @for s in &report.skipped {
                        li.bad { "skipped " (scenario.action(&s.action).map_or("an action", |d| d.name.as_str())) ": " (s.reason) }
                    }
                }
                @let did: Vec<_> = report.causes.iter().filter(|c| c.topic == Topic::Action).collect();
                @if !did.is_empty() {
                    details { summary { "What your " (did.len()) " actions did" } ul.feed { @for c in did { li { (c.text) } } } }
                }
            };
            @let head = format!("Week {}: Output {} · Value {}", report.record.week, num(report.record.output), num(report.record.value));
            @if latest { p { strong { (head) } } (body) } @else { details { summary { (head) } (body) } }
        }
    }
}

fn backlog(run: &Run, state: &State) -> Markup {
    let open: Vec<_> = state.items.iter().filter(|i| i.open()).collect();
    html! {
        p.quiet { "Tap an item to aim item actions at it. Its worth shows once you know your customers." }
        @if open.is_empty() { p.quiet { "Nothing open." } }
        @for item in open {
            @let picked = run.selection.item.as_deref() == Some(item.id.as_str());
            @let worth = if item.revealed { format!("worth {:.1}", item.total_value()) } else { "worth ?".into() };
            @let first = state.pinned.as_deref() == Some(item.id.as_str());
            (act("aim", &[("kind", "item"), ("id", &item.id)], html! {
                @if first { "[first] " } (item.name) " · " (worth) " · " (format!("{:.0}% of {:.0}", item.progress / item.effort.max(1e-9) * 100.0, item.effort))
            }, if picked { "pick picked" } else { "pick" }, true))
        }
    }
}

fn customers(run: &Run, state: &State) -> Markup {
    html! {
        p.quiet { (format!("focus {:.0}% · reach {:.0}% · debt {:.1}", state.focus * 100.0, state.reach() * 100.0, state.debt)) }
        @for seg in &state.segments {
            @let picked = run.selection.segment.as_deref() == Some(seg.id.as_str());
            (act("aim", &[("kind", "segment"), ("id", &seg.id)], html! {
                strong { (seg.name) } " " span.quiet { (num(seg.revenue())) " / week" }
                (bar("Adoption", seg.adoption)) (bar("Satisfied", seg.satisfaction))
            }, if picked { "pick picked" } else { "pick" }, true))
        }
    }
}

fn debrief(run: &Run, debrief: Option<&Debrief>) -> Markup {
    let game = &run.game;
    let Some(d) = debrief else {
        return html! { (header(run)) main { section { p { "The bots are playing your world…" } } } };
    };
    let weeks = game.scenario().weeks;
    let cumulative = |weekly: &mut dyn Iterator<Item = (f64, f64)>| {
        let (mut o, mut v) = (0.0, 0.0);
        weekly
            .map(|(wo, wv)| {
                o += wo;
                v += wv;
                (o, v)
            })
            .collect::<Vec<_>>()
    };
    let team = run
        .workshop
        .as_ref()
        .map_or("Your run", |w| w.team.as_str());
    let mut runs = vec![charts::Run {
        name: team,
        colour: Some(0),
        output: d.totals.output,
        value: d.totals.value,
        curve: cumulative(&mut game.state().history.iter().map(|r| (r.output, r.value))),
    }];
    for bot in &d.bots {
        runs.push(charts::Run {
            name: bot.policy.label(),
            colour: None,
            output: bot.totals.output,
            value: bot.totals.value,
            curve: cumulative(&mut bot.weekly.iter().copied()),
        });
    }
    let svg =
        |chart: Result<String, charts::ChartError>| chart.unwrap_or_else(|e| format!("<p>{e}</p>"));
    let quadrant = svg(charts::quadrant(
        &runs,
        (d.lines.output, d.lines.value),
        (560, 420),
    ));
    let output = svg(charts::curves(&runs, false, weeks, (560, 300)));
    let value = svg(charts::curves(&runs, true, weeks, (560, 300)));
    html! {
        (header(run))
        main {
            section.wide-section {
                h2 { "Your run: " (d.quadrant.name()) }
                p { (d.quadrant.meaning()) }
                p { (format!("Output {} · Value {}", num(d.totals.output), num(d.totals.value))) }
                p.quiet { "The lines of the quadrant are shares of what the balanced bot makes of your world." }
            }
            section.chart { h2 { "Where you landed, beside the bots" } (PreEscaped(quadrant)) }
            section.chart { (PreEscaped(output)) (PreEscaped(value)) }
            section {
                h2 { "Key moments" }
                ul { @for m in &d.moments { li { "Week " (m.week) ": " (m.text) } } }
                h2 { "Goals" }
                ul { @for g in review::goals(game) {
                    li { (g.text) @match g.met { Some(true) => { " " span.ok { "(met)" } }, Some(false) => { " " span.bad { "(not met)" } }, None => {} } }
                } }
            }
            @if !game.scenario().story.debrief.is_empty() {
                section {
                    h2 { "For the debrief" }
                    ul { @for q in &game.scenario().story.debrief { li { (q) } } }
                }
            }
        }
    }
}

/// A score as the game shows it.
fn num(x: f64) -> String {
    if x.abs() >= 100.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

fn clock(seconds: f64) -> String {
    let s = seconds.max(0.0) as u64;
    format!("{}:{:02}", s / 60, s % 60)
}
