//! The room's pages and downloads: the facilitator's live view, the projector's view, and
//! the CSV exports. Written with maud, so every team name is escaped; the quadrant is the
//! report's own chart. The live parts are fragments the server pushes as server-sent events
//! and `room.js` puts in place.

use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::app::view::facilitator::{quadrant_head, reference_week};
use crate::app::view::play::Tone;
use crate::app::view::{FacilitatorView, ProjectorView, RoomStatus, Sort};
use crate::room::rules::Room;
use crate::room::wire::Pacing;
use crate::sim::review::Quadrant;
use crate::sim::{Game, Model, Policy, Totals, play};
use crate::text;
use crate::workshop::report::charts::Run;
use crate::workshop::report::quadrant;

/// The script of both live pages: it follows the server's events and nothing else. A
/// stream begins with the whole view (`room`), then sends what changed: a part whose
/// attributes and changed children the element of the same id takes (`part`: the id on
/// the first line), or the rows' new order (`order`: their ids). The browser reconnects by
/// itself after a dropped connection; after a refusal (the host restarting, or too many
/// views open) it would give up, so the script opens the stream again after a pause, and
/// it does the same if a part names an element the page does not have. Each new stream
/// begins with the whole view, so the page catches up.
pub const SCRIPT: &str = r#"// Multiplier's room: puts each pushed view or part in place; no other code runs.
(function () {
  var live = document.getElementById('live');
  if (!live || !window.EventSource) { return; }
  var state = document.getElementById('link');
  var show = function (text, kind) { if (state) { state.textContent = text; state.className = kind; } };
  // The element stays and takes the part's attributes, and those of its children that
  // changed (a row's cells, the head's lines): the browser lays out and paints only those.
  var patch = function (old, fresh) {
    Array.prototype.slice.call(old.attributes).forEach(function (a) {
      if (!fresh.hasAttribute(a.name)) { old.removeAttribute(a.name); }
    });
    Array.prototype.forEach.call(fresh.attributes, function (a) {
      if (old.getAttribute(a.name) !== a.value) { old.setAttribute(a.name, a.value); }
    });
    var was = old.childNodes, now = fresh.childNodes;
    if (was.length !== now.length) {
      old.replaceChildren.apply(old, Array.prototype.slice.call(now));
      return;
    }
    for (var i = now.length - 1; i >= 0; i--) {
      if (!was[i].isEqualNode(now[i])) { old.replaceChild(now[i], was[i]); }
    }
  };
  var open = function () {
    var events = new EventSource(live.getAttribute('data-src'));
    var again = function () { events.close(); setTimeout(open, 2000); };
    events.addEventListener('room', function (e) { live.innerHTML = e.data; });
    events.addEventListener('part', function (e) {
      var cut = e.data.indexOf('\n');
      var old = cut > 0 ? document.getElementById(e.data.slice(0, cut)) : null;
      var made = document.createElement('template');
      made.innerHTML = e.data.slice(cut + 1);
      var fresh = made.content.firstElementChild;
      if (old && fresh) { patch(old, fresh); } else { again(); }
    });
    events.addEventListener('order', function (e) {
      e.data.split(' ').forEach(function (id) {
        var row = document.getElementById(id);
        if (row) { row.parentNode.appendChild(row); }
      });
    });
    events.onopen = function () { show('live', 'ok'); };
    events.onerror = function () {
      show('reconnecting…', 'bad');
      if (events.readyState === 2) { again(); }
    };
  };
  open();
})();
"#;

/// Both pages' style. The live parts are laid out so that a change costs the watching
/// browser little, at a hundred tables on a facilitator's laptop: the table of tables is a
/// grid of fixed columns whose rows are each laid out and painted alone (a row that
/// changes moves no other), and so is the chart. Nothing is left out of the page while out
/// of sight: what is read of it, by a person, a screen reader or a driver, is the latest.
/// The rows keep their table's roles, so a screen reader still reads a table.
const STYLE: &str = "
details.inline { display: inline-block; } details.inline[open] { display: block; }
body { font-family: system-ui, -apple-system, 'Segoe UI', sans-serif; color: #222; background: #f6f6f4; margin: 0; }
main { max-width: 1180px; margin: 0 auto; padding: 20px 24px 40px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 24px 0 8px; }
.sub { color: #555; margin: 0 0 12px; }
.bar { display: flex; gap: 10px; flex-wrap: wrap; align-items: center; margin: 12px 0; }
.bar form { margin: 0; display: flex; gap: 6px; align-items: center; }
button, .button { font: inherit; padding: 7px 14px; border-radius: 6px; border: 1px solid #888; background: #fff; color: #222; cursor: pointer; text-decoration: none; }
input[type=text], select { font: inherit; padding: 6px 8px; border: 1px solid #888; border-radius: 6px; background: #fff; color: #222; }
button:focus, .button:focus, a:focus, input:focus, select:focus { outline: 3px solid #1f6feb; outline-offset: 2px; }
.card { background: #fff; border: 1px solid #e2e2e2; border-radius: 8px; padding: 12px 16px; margin: 10px 0; }
.status { font-size: 18px; }
svg { max-width: 100%; height: auto; display: block; }
table { border-collapse: collapse; width: 100%; font-size: 15px; }
th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #eee; }
th { color: #555; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
table.tables { display: block; min-width: 57.5em; } table.tables thead, table.tables tbody { display: block; }
table.tables tr { display: grid; grid-template-columns: minmax(6em, 1.5fr) 5.5em 6em 5em 5em 4.5em minmax(6em, 1.2fr) 4.5em 5em minmax(10em, 3fr); border-bottom: 1px solid #eee; }
table.tables th, table.tables td { display: block; border-bottom: none; }
table.tables td { overflow-wrap: break-word; }
table.tables tbody tr { contain: content; }
.scroll { overflow-x: auto; }
#live-chart { contain: content; }
.ok { color: #2e7d32; }
.bad { color: #b02a2a; }
.warn { color: #9c5b00; }
.quiet { color: #777; }
.big { font-size: 44px; font-weight: 700; letter-spacing: 0.02em; word-break: break-all; }
.join { display: flex; gap: 32px; align-items: center; flex-wrap: wrap; }
.qr svg { width: 260px; height: 260px; }
";

/// The bots' runs on the room's world, played once when the room opens.
#[derive(Debug)]
pub struct Bots(Vec<(Policy, Game)>);

impl Bots {
    /// Every bot on `room`'s world.
    pub fn of(room: &Room) -> Self {
        let scenario = &room.scenario().scenario;
        let seed = room.code().seed;
        Self(
            Policy::ALL
                .into_iter()
                .map(|p| (p, play(scenario, p, seed)))
                .collect(),
        )
    }

    /// Where the quadrant is divided after `weeks` weeks: at the balanced bot's totals then
    /// (of its whole run from the scenario's last week on, the verdict's lines as the report
    /// draws them).
    fn lines(&self, weeks: u32) -> Totals {
        let balanced = self.0.iter().find(|(p, _)| *p == Policy::Balanced);
        let model = balanced.map_or_else(Default::default, |(_, g)| g.scenario().model.clone());
        quadrant::lines_at(balanced.map(|(_, g)| g), weeks, &model)
    }
}

/// The quadrant of every table (named or not) beside the bots at the room's week, as taken
/// from the room: drawing it is the dear part, done after the room's lock is let go (the
/// bots are not the room's: they are played once when the host starts).
#[derive(Debug)]
pub struct Plot {
    /// Each table's label, totals and, when it is at another week than the bots, its week.
    tables: Vec<(String, Totals, Option<(u32, u32)>)>,
    /// The room's week: where the bots are placed and the quadrant divided.
    week: u32,
    model: Model,
    /// "Every table beside the bots at week 4 (…)", for the facilitator's page.
    head: String,
}

impl Plot {
    /// The room's tables (named, or by number for the projector) at the room's week. A
    /// table at another week than the bots is marked with its week, so nobody reads a run
    /// half played as a poor one.
    pub fn of(room: &Room, names: bool) -> Self {
        let week = reference_week(room);
        let played = room.tables().iter().any(|t| t.weeks() > 0);
        let tables = room
            .tables()
            .iter()
            .enumerate()
            .filter(|_| played)
            .map(|(i, t)| {
                let label = if names {
                    t.team.clone()
                } else {
                    format!("{}", i + 1)
                };
                let weeks = t.weeks().min(room.weeks());
                let marked = (weeks != week).then_some((weeks, room.weeks()));
                (label, Totals::of(t.game.state()), marked)
            })
            .collect();
        Self {
            tables,
            week,
            model: room.scenario().scenario.model.clone(),
            head: quadrant_head(room),
        }
    }

    /// The chart as SVG beside `bots`; before any week has ended there is nothing to place,
    /// and it says so.
    fn svg(&self, bots: &Bots) -> String {
        if self.tables.is_empty() {
            return html! {
                p.quiet {
                    "No table has played a week yet: the tables appear here beside the bots when their first week ends."
                }
            }
            .into_string();
        }
        let runs: Vec<Run> = self
            .tables
            .iter()
            .enumerate()
            .map(|(i, (name, totals, week))| Run {
                name,
                colour: Some(i),
                output: totals.output,
                value: totals.value,
                curve: Vec::new(),
                week: *week,
            })
            .collect();
        let beside = bots.0.iter().map(|(p, g)| (*p, g));
        quadrant::at_week(runs, beside, self.week, &self.model, (900, 480))
            .unwrap_or_else(|e| format!("<p class=\"bad\">{e}</p>"))
    }

    /// The facilitator's chart: its heading and every table, named, beside the bots.
    pub fn facilitator(&self, bots: &Bots) -> String {
        html! {
            div #live-chart {
                h2 { (self.head) }
                div.card { (PreEscaped(self.svg(bots))) }
            }
        }
        .into_string()
    }

    /// The projector's chart: tables by number.
    pub fn projector(&self, bots: &Bots) -> String {
        html! { div #live-chart .card { (PreEscaped(self.svg(bots))) } }.into_string()
    }
}

fn status(room: &Room, now: u64) -> Markup {
    let status = RoomStatus::of(room, now);
    html! {
        p.status { @if status.paused { strong.bad { "Paused" } " · " } (status.words) }
    }
}

/// A figure, or a quiet dash where there is none yet.
fn or_dash(figure: Option<&str>) -> Markup {
    html! { @match figure { Some(f) => (f), None => span.quiet { "—" } } }
}

/// The class a word of a tone wears, on these pages and a browser table's.
pub(super) fn tone_class(tone: Tone) -> Option<&'static str> {
    match tone {
        Tone::Bad => Some("bad"),
        Tone::Good => Some("ok"),
        Tone::Plain => None,
        Tone::Warn => Some("warn"),
        Tone::Quiet => Some("quiet"),
    }
}

/// A live view cut into the parts its page replaces one by one, each an element with an
/// `id`: the head (`live-head`), each table's row (`row-N`, N its place in the room) and the
/// chart (`live-chart`). The stream sends the whole of it when it opens, then what changed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Parts {
    /// The host's warnings, the room's state and its summary.
    pub head: String,
    /// Each table's row with its id, in the order listed; `None` on a page with no list of
    /// tables (the projector's, or a room no table has joined).
    pub rows: Option<Vec<(String, String)>>,
    /// The chart, once drawn: drawing it is the dear part, so a stream draws it at its own
    /// pace.
    pub chart: Option<String>,
}

impl Parts {
    /// The whole live part, as the page is first drawn and as a stream's first event.
    pub fn whole(&self) -> String {
        html! {
            (PreEscaped(&self.head))
            @if let Some(rows) = &self.rows {
                div.card.scroll {
                    // Laid out as a grid (see STYLE), so the roles a table's parts have
                    // are said again.
                    table.tables role="table" {
                        thead { tr role="row" {
                            @for (name, class) in [("Team", None), ("Week", None), ("Hours planned", None), ("Output", Some("num")), ("Value", Some("num")), ("Time left", None), ("Pace", None), ("Undos", None), ("Link", None), ("Verdict so far", None)] {
                                th role="columnheader" class=[class] { (name) }
                            }
                        } }
                        tbody { @for (_, row) in rows { (PreEscaped(row)) } }
                    }
                }
            }
            @if let Some(chart) = &self.chart { (PreEscaped(chart)) }
        }
        .into_string()
    }
}

/// The facilitator's live part without its chart: the room's state (and why the host cannot
/// save, while it cannot), the summary, every table's row in the order asked.
pub fn facilitator_parts(
    room: &Room,
    bots: &Bots,
    now: u64,
    unsaved: Option<&str>,
    sort: Sort,
) -> Parts {
    let v = FacilitatorView::of(room, |w| bots.lines(w), now).sorted(sort);
    let head = html! {
        div #live-head {
            @if let Some(why) = unsaved {
                p.card.bad role="alert" {
                    strong { "The host cannot save the room: " } (why)
                    ". Weeks are refused (tables keep them and send them again) until it can: free some disk space. Nothing already saved is lost."
                }
            }
            (status(room, now))
            @if let Some(empty) = v.empty {
                p.card { (empty) }
            } @else {
                div.card {
                    @for line in &v.summary { p { (line) } }
                }
            }
        }
    };
    let rows = v.empty.is_none().then(|| {
        v.rows
            .iter()
            .map(|t| {
                let id = format!("row-{}", t.place);
                let row = html! {
                    tr id=(id) role="row" {
                        td role="cell" { (t.team) }
                        td role="cell" { (t.week) }
                        td role="cell" { (or_dash(t.planned.as_deref())) }
                        td.num role="cell" { (t.output) }
                        td.num role="cell" { (t.value) }
                        td role="cell" { (or_dash(t.left.as_deref())) }
                        td role="cell" { span class=[tone_class(t.pace.1)] { (t.pace.0) } }
                        td.num role="cell" { (t.undos) }
                        td role="cell" { @if t.online { span.ok { "online" } } @else { span.bad { "offline" } } }
                        td role="cell" { @match &t.verdict { Some(v) => (v), None => span.quiet { "playing" } } }
                    }
                };
                (id, row.into_string())
            })
            .collect()
    });
    Parts {
        head: head.into_string(),
        rows,
        chart: None,
    }
}

/// Both pages' head: a page that fits any screen, with the room's style inline.
fn head(title: &str) -> Markup {
    html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) }
            style { (PreEscaped(STYLE)) }
        }
    }
}

/// The facilitator's page: the controls, the downloads and the live part, with its `chart`
/// ([`Plot::facilitator`]) drawn before, outside the room's lock; `(key, join)`: the
/// facilitator's key and the address tables join at.
pub fn facilitator(
    room: &Room,
    bots: &Bots,
    now: u64,
    (key, join): (&str, &str),
    unsaved: Option<&str>,
    sort: (&str, Sort),
    chart: String,
) -> String {
    let mut live = facilitator_parts(room, bots, now, unsaved, sort.1);
    live.chart = Some(chart);
    let story = &room.scenario().scenario.story;
    let in_step = matches!(room.config().pacing, Pacing::InStep { .. });
    let q = format!("?key={key}");
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(&format!("Room · {} · Multiplier", story.title)))
            body {
                main {
                    h1 { (story.title) }
                    p.sub {
                        "Code " code { (room.config().code) } " · " (room.config().pacing.describe())
                        " · tables join at " strong { (join) } " · view " span #link .quiet { "static" }
                    }
                    div.bar {
                        form method="post" action={ "/room/pause" (q) } { button type="submit" { "Pause the room" } }
                        form method="post" action={ "/room/resume" (q) } { button type="submit" { "Resume" } }
                        @if in_step {
                            form method="post" action={ "/room/advance" (q) } { button type="submit" { "Next week for the room" } }
                        }
                        details.inline {
                            summary.button { "End the room…" }
                            form method="post" action={ "/room/end" (q) } {
                                button type="submit" { "End it: no more weeks, every result written" }
                            }
                        }
                        a.button href={ "/room/report.html" (q) } { "Report" }
                        a.button href={ "/room/tables.csv" (q) } { "Tables (CSV)" }
                        a.button href={ "/room/weeks.csv" (q) } { "Weeks (CSV)" }
                        a.button href="/projector" target="_blank" { "Projector view" }
                    }
                    p.sub {
                        "Tables in the order they joined, or by "
                        @for (name, words) in [("team", "team"), ("week", "week, furthest first"), ("behind", "week, furthest behind first"), ("joined", "joining")] {
                            @if name == sort.0 { strong { (words) } } @else { a href={ "/room" (q) "&sort=" (name) } { (words) } }
                            " · "
                        }
                    }
                    div #live data-src={ "/room/live" (q) "&sort=" (sort.0) } aria-live="polite" {
                        (PreEscaped(live.whole()))
                    }
                    (seats(room, &q))
                }
                script src="/room.js" {}
            }
        }
    }
    .into_string()
}

/// The facilitator's hold on the seats, outside the live part (a form being typed in is not
/// redrawn): take a table out (its token stops working and its seat is free), rename it, or
/// merge a team that joined twice into its first table. Tables are named by their team's
/// name, which no two share, so a page drawn before a table left names the one it showed.
/// One merge form lists the tables twice (a list per table of every other would be ten
/// thousand choices at a hundred tables, the most of the page).
fn seats(room: &Room, q: &str) -> Markup {
    let teams: Vec<&str> = room.tables().iter().map(|t| t.team.as_str()).collect();
    html! {
        @if !teams.is_empty() {
            details.card {
                summary { "Tables: take out, rename, merge" }
                @for team in &teams {
                    div.bar {
                        strong { (team) }
                        form method="post" action={ "/room/tables/remove" (q) } {
                            input type="hidden" name="table" value=(team);
                            button type="submit" { "Take out" }
                        }
                        form method="post" action={ "/room/tables/rename" (q) } {
                            input type="hidden" name="table" value=(team);
                            input type="text" name="team" maxlength="40" aria-label={ "New name for " (team) };
                            button type="submit" { "Rename" }
                        }
                    }
                }
                @if teams.len() > 1 {
                    form.bar method="post" action={ "/room/tables/merge" (q) } {
                        label {
                            "Merge "
                            select name="table" {
                                @for (i, team) in teams.iter().enumerate() {
                                    option value=(team) selected[i + 1 == teams.len()] { (team) }
                                }
                            }
                        }
                        label {
                            " into "
                            select name="into" {
                                @for team in &teams { option value=(team) { (team) } }
                            }
                        }
                        button type="submit" { "Merge" }
                    }
                }
            }
        }
    }
}

/// The projector's live part without its chart: the room's state.
pub fn projector_parts(room: &Room, now: u64) -> Parts {
    Parts {
        head: html! { div #live-head { (status(room, now)) } }.into_string(),
        rows: None,
        chart: None,
    }
}

/// The projector's live part, whole.
pub fn projector_live(room: &Room, bots: &Bots, now: u64) -> String {
    let mut parts = projector_parts(room, now);
    parts.chart = Some(Plot::of(room, false).projector(bots));
    parts.whole()
}

/// The projector's page: how to join, as text and as a QR code, and the room's quadrant
/// without team details.
pub fn projector(room: &Room, bots: &Bots, now: u64, joins: &[String], qr: Option<&str>) -> String {
    let story = &room.scenario().scenario.story;
    let v = ProjectorView::of(room, joins, now);
    html! {
        (DOCTYPE)
        html lang="en" {
            (head(&format!("Join · {} · Multiplier", story.title)))
            body {
                main {
                    h1 { (v.heading) }
                    div.join {
                        div {
                            p { (v.how) }
                            @for j in &v.joins { p.big { (j) } }
                            p.sub { (v.then) }
                        }
                        @if let Some(qr) = qr { div.qr aria-label="QR code of the address" { (PreEscaped(qr)) } }
                    }
                    div #live data-src="/live" aria-live="off" {
                        (PreEscaped(projector_live(room, bots, now)))
                    }
                }
                script src="/room.js" {}
            }
        }
    }
    .into_string()
}

/// One row per table: its run so far. Its quadrant is judged beside the bots at the same
/// week (`quadrant_at_week`), so a run still under way is not set against whole runs.
pub fn tables_csv(room: &Room, bots: &Bots, now: u64) -> String {
    let mut out = String::from(
        "team,weeks,of,output,value,undos,quadrant,quadrant_at_week,online,last_week_ended\n",
    );
    for t in room.tables() {
        let totals = Totals::of(t.game.state());
        let weeks = t.weeks().min(room.weeks());
        let quadrant = if weeks > 0 {
            Quadrant::of(totals, bots.lines(weeks)).name()
        } else {
            ""
        };
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{}\n",
            cell(&t.team),
            t.weeks(),
            room.weeks(),
            text::fixed(totals.output, 3),
            text::fixed(totals.value, 3),
            t.undos,
            cell(quadrant),
            weeks,
            t.online(now as f64 / 1000.0),
            t.ended_at.last().map_or_else(String::new, |&s| utc(s)),
        ));
    }
    out
}

/// One row per table per week played, with the hours the core spent on it and the entries
/// of its plan it skipped (a plan may hold more than the week has hours for).
pub fn weeks_csv(room: &Room) -> String {
    let mut out =
        String::from("team,week,output,value,hours_spent,entries_skipped,choice,ended_at\n");
    for t in room.tables() {
        let log = t.game.log();
        // Every week the room holds was played by the core when it came in: it plays again.
        let played = crate::room::played::weeks(&t.game).unwrap_or_default();
        for (i, r) in t.game.state().history.iter().enumerate() {
            let week = played.get(i);
            let choice = log
                .get(i)
                .and_then(|w| w.choice)
                .map_or_else(String::new, |c| (c + 1).to_string());
            out.push_str(&format!(
                "{},{},{},{},{},{},{},{}\n",
                cell(&t.team),
                r.week,
                text::fixed(r.output, 3),
                text::fixed(r.value, 3),
                week.map_or_else(String::new, |w| text::fixed(w.hours, 1)),
                week.map_or_else(String::new, |w| w.skipped.to_string()),
                choice,
                t.ended_at.get(i).map_or_else(String::new, |&s| utc(s)),
            ));
        }
    }
    out
}

/// A CSV cell: quoted when it must be, and never read as a formula by a spreadsheet.
fn cell(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// Seconds since 1970 as an ISO 8601 UTC time.
fn utc(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rest = secs % 86_400;
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_utc() {
        assert_eq!(utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(utc(1_796_119_200), "2026-12-01T10:00:00Z");
        assert_eq!(utc(951_782_400), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn cells_are_quoted_and_never_formulas() {
        assert_eq!(cell("Team A"), "Team A");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
