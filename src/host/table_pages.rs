//! A browser table's pages, drawn on the host from the table's session: joining, the
//! briefing, the play screen (with the event to decide) and the debrief. Every control is a
//! button in a form that posts to `/play/act`, so the pages work with the keyboard alone
//! and with no script; `play.js` counts the clock down, reloads the page when the room
//! changes it, and sends the forms itself, putting the page that comes back in place.
//! Charts are the report's own SVG.

use std::sync::atomic::{AtomicUsize, Ordering};

use maud::{DOCTYPE, Markup, PreEscaped, Render, html};

use crate::app::view::{self, BacklogOrder, BriefingView, DebriefView, JoinView, PlayView};
use crate::app::{Debrief, Notice, Run, Screen, Session};
use crate::sim::Family;
use crate::text;
use crate::workshop::report::charts;

/// How many of the backlog's items the play page lists before a link to the rest: about
/// what the desktop's backlog panel shows at once (six to eight rows), and what a player
/// picks from. A backlog can hold a hundred items, and listing each (a form with its
/// sentences) had been most of what drawing the page cost the host after every form.
pub const BACKLOG_ROWS: usize = 8;

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
details.whatif{font-size:13px;margin:-4px 0 8px 4px}details.whatif summary{cursor:pointer;color:#2b6cb0}
details.whatif .preview{color:#444;margin:2px 0 0 12px}
.quiet{color:#666;font-size:14px}
.bad{color:#b02a2a}.ok{color:#2e7d32}.warn{color:#9c5b00}
.money{grid-column:1/-1}.money p{margin:2px 0}
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

/// A table's whole page around its `body`, copied in once.
fn page(title: &str, version: Option<&str>, body: Markup) -> String {
    framed(title, version, body.0.len(), |out| out.push_str(&body.0))
}

/// A table's page: the head (title, style) written, then the body `write` writes, into a
/// string made for `body` bytes of body. (A page is tens of KB; drawn as one `html!`, whose
/// string starts at the template's size, it was copied again at every doubling as it grew,
/// after every form.)
fn framed(
    title: &str,
    version: Option<&str>,
    body: usize,
    write: impl FnOnce(&mut String),
) -> String {
    let head = html! {
        head {
            meta charset="utf-8";
            meta name="viewport" content="width=device-width, initial-scale=1";
            title { (title) " · Multiplier" }
            style { (PreEscaped(STYLE)) }
        }
    };
    let (head, version) = (
        head.into_string(),
        version.map(|v| html! { (v) }.into_string()),
    );
    let size = PAGE_FRAME + DOCTYPE.0.len() + head.len() + version.as_ref().map_or(0, String::len);
    let mut out = String::with_capacity(size + body);
    for piece in [DOCTYPE.0, "<html lang=\"en\">", &head, "<body"] {
        out.push_str(piece);
    }
    if let Some(v) = &version {
        for piece in [" data-version=\"", v, "\""] {
            out.push_str(piece);
        }
    }
    out.push('>');
    write(&mut out);
    out.push_str("<script src=\"/play.js\"></script></body></html>");
    out
}

/// The length of the last play page drawn: the next is written into a string of about its
/// size, since a table's play page changes little from one form to the next.
static PLAY_PAGE: AtomicUsize = AtomicUsize::new(0);

/// The bytes of a page's own tags around its head and body.
const PAGE_FRAME: usize = 96;

/// The script of a table's page: the week's clock counts down, the page is drawn again
/// when the host says it changed, and an action's "What if?" fetches its preview when it is
/// opened (without the script, its link draws the page with that preview in it). The host
/// says each new version on a stream (`/play/events`), polled every 2 s where the stream is
/// refused. A form is sent by the script, which asks for the page it leads to in the
/// answer and puts it in place of the old one: one request where the browser's own sending
/// takes two (the form, then the page its redirect names), no history entry per click, the
/// scroll kept and the focus back on the same control. Where that fails (the host away, an answer that is not
/// the page), the form is sent the browser's own way, which shows why; every form names the
/// plan or week it was sent from, so one sent again does its work once.
pub const SCRIPT: &str = r#"(function () {
  var clock = null, busy = false;
  function show(s) { s = Math.max(0, Math.ceil(s)); var m = Math.floor(s / 60), r = s % 60; return m + ':' + (r < 10 ? '0' : '') + r; }
  function setup() {
    if (clock) { clearInterval(clock); clock = null; }
    var left = document.getElementById('left');
    var seconds = left ? parseFloat(left.getAttribute('data-left')) : NaN;
    if (left && !isNaN(seconds)) {
      clock = setInterval(function () { if (seconds > 0) { seconds -= 1; left.textContent = show(seconds); } }, 1000);
    }
    var whatifs = document.querySelectorAll('details.whatif');
    for (var i = 0; i < whatifs.length; i++) {
      whatifs[i].addEventListener('toggle', function (e) {
        var d = e.target, body = d.querySelector('.preview');
        if (!d.open || d.getAttribute('data-done') || !body) { return; }
        d.setAttribute('data-done', '1');
        var link = body.innerHTML;
        body.textContent = 'Working it out…';
        fetch('/play/preview?action=' + encodeURIComponent(d.getAttribute('data-action')), { credentials: 'same-origin', cache: 'no-store' })
          .then(function (r) { if (!r.ok) { throw r.status; } return r.text(); })
          .then(function (html) { body.innerHTML = html; })
          .catch(function () { d.removeAttribute('data-done'); body.innerHTML = link; });
      });
    }
  }
  // What a form does, without the plan or week it was sent from: the same control on the
  // page that comes back.
  function control(form) {
    var fields = [];
    new FormData(form).forEach(function (v, k) { if (k !== 'plan' && k !== 'week') { fields.push(k + '=' + v); } });
    return fields.join('&');
  }
  function swap(html, focused) {
    var next = new DOMParser().parseFromString(html, 'text/html');
    document.title = next.title;
    document.body.replaceWith(document.adoptNode(next.body));
    if (location.pathname + location.search !== '/play') { history.replaceState(null, '', '/play'); }
    setup();
    if (focused === null) { return; }
    var forms = document.querySelectorAll('form[action="/play/act"]');
    for (var i = 0; i < forms.length; i++) {
      var button = forms[i].querySelector('button');
      if (button && !button.disabled && control(forms[i]) === focused) { button.focus(); return; }
    }
  }
  document.addEventListener('submit', function (e) {
    var form = e.target;
    if (form.getAttribute('action') !== '/play/act' || !window.fetch || !window.DOMParser) { return; }
    e.preventDefault();
    if (busy) { return; }
    busy = true;
    var focused = form.contains(document.activeElement) ? control(form) : null;
    var stop = window.AbortController ? new AbortController() : null;
    var late = stop && setTimeout(function () { stop.abort(); }, 20000);
    fetch('/play/act', { method: 'POST', body: new URLSearchParams(new FormData(form)), headers: { 'x-multiplier-page': '1' }, credentials: 'same-origin', cache: 'no-store', signal: stop ? stop.signal : undefined })
      .then(function (r) {
        if (!r.ok || (r.headers.get('content-type') || '').indexOf('text/html') !== 0) { throw r.status; }
        // Redirected elsewhere than the table's page (the table is gone): that page, as is.
        if (r.redirected && new URL(r.url).pathname !== '/play') { location.assign(r.url); return null; }
        return r.text();
      })
      .then(function (html) {
        clearTimeout(late);
        if (html === null) { return; }
        busy = false;
        swap(html, focused);
        if (waiting !== null) { var v = waiting; waiting = null; follow(v); }
      })
      .catch(function () { clearTimeout(late); form.submit(); });
  });
  // The page is drawn again when the host's version of it is not the one it shows: the
  // host says each new version on a stream (where it cannot, the page asks every 2 s). A
  // version that came while a form was on its way is compared once its page is in place.
  var waiting = null;
  function follow(v) {
    v = v.trim();
    if (busy) { waiting = v; return; }
    var version = document.body.getAttribute('data-version');
    if (v && version && v !== version) { location.reload(); }
  }
  function poll() {
    setInterval(function () {
      var version = document.body.getAttribute('data-version');
      if (busy || !version) { return; }
      fetch('/play/version', { credentials: 'same-origin', cache: 'no-store' })
        .then(function (r) { if (!r.ok) { throw r.status; } return r.text(); })
        // An answer that crossed a form's page in place is older than that page.
        .then(function (v) { if (document.body.getAttribute('data-version') === version) { follow(v); } })
        .catch(function () {});
    }, 2000);
  }
  if (!document.body.getAttribute('data-version')) {
    // The join page: no table yet, nothing to follow.
  } else if (window.EventSource) {
    var events = new EventSource('/play/events');
    events.addEventListener('version', function (e) { follow(e.data); });
    events.onerror = function () { if (events.readyState === EventSource.CLOSED) { poll(); } };
  } else {
    poll();
  }
  setup();
})();
"#;

/// The page a browser meets at the room's address: the scenario, the room's short code (filled
/// in when the address had it, as the projector's QR code does) and a team name to type.
pub fn join(title: &str, pitch: &str, door: Option<&str>, problem: Option<&str>) -> String {
    let view = JoinView::room(problem.map(str::to_owned));
    page(
        "Join",
        None,
        html! {
            header { h1 { "Multiplier · " (title) } }
            main {
                section.wide-section {
                    p { (pitch) }
                    form method="post" action="/play/join" {
                        p { label for="door" { "Room code (on the projector)" } br;
                            input #door type="text" name="door" inputmode="numeric" maxlength="12" required value=[door]; }
                        p { label for="team" { (view.team_label) } br;
                            input #team type="text" name="team" maxlength=(view.team_max) autofocus required placeholder=(view.team_hint); }
                        button.main type="submit" { (view.join) }
                    }
                    @if let Some(problem) = &view.problem { p.bad { (problem) } }
                    p.quiet { (view.intro) }
                }
            }
        },
    )
}

/// The page of the screen the table's session is on, marked with its version for
/// `play.js`; with the preview of the action `open` drawn in it, if the player asked for one
/// without the page's script (which fetches [`preview`] instead); with every backlog item
/// listed if `whole_backlog`, else the first [`BACKLOG_ROWS`].
pub fn table(session: &Session, open: Option<&str>, whole_backlog: bool) -> String {
    let Some(run) = session.run.as_ref() else {
        return join("the room", "", None, Some("This table has no run."));
    };
    let title = &run.game.scenario().story.title;
    let version = super::browser::version(session);
    match session.screen() {
        Screen::Debrief => page(
            title,
            Some(&version),
            debrief(run, session.debrief.as_ref()),
        ),
        Screen::Play => {
            let items = if whole_backlog {
                usize::MAX
            } else {
                BACKLOG_ROWS
            };
            let size = PLAY_PAGE.load(Ordering::Relaxed);
            let page = framed(title, Some(&version), size + size / 8, |out| {
                play(out, run, session.notice.as_ref(), open, items);
            });
            PLAY_PAGE.store(page.len(), Ordering::Relaxed);
            page
        }
        _ => page(title, Some(&version), briefing(run)),
    }
}

/// What adding the action `id` (aimed at the table's current pick, as its Add button would
/// aim it) does, as the piece of the play page that `play.js` puts in place when the player
/// opens the action's "What if?". A preview plays the rest of the run twice over, so it is
/// worked out when a player asks for it (as the desktop works out the hovered action's),
/// not for every action on every page.
pub fn preview(session: &Session, id: &str) -> String {
    match session.run.as_ref() {
        Some(run) => preview_of(run, id).into_string(),
        None => NO_PREVIEW.to_string(),
    }
}

fn preview_of(run: &Run, id: &str) -> Markup {
    let words = (run.game.scenario().action(id))
        .and_then(|def| view::play::action_preview(run, &run.aimed(def)));
    preview_words(words.as_ref())
}

/// What the player asked about an action can do, in words: this week, the people it moves,
/// the end of the run done once and kept, and what those rest on.
fn preview_words(p: Option<&view::play::PreviewWords>) -> Markup {
    html! {
        @match p {
            Some(p) => {
                (p.week)
                @if let Some(moves) = &p.moves { br; (moves) }
                @if let Some(once) = &p.once { br; (once) }
                @if let Some(later) = &p.later { br; (later) }
                @if let Some(estimate) = &p.estimate { br; em { (estimate) } }
            },
            None => { (NO_PREVIEW) },
        }
    }
}

/// Said where an action has no preview now.
const NO_PREVIEW: &str =
    "No preview now: the action cannot be added, or this room shows no previews.";

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
    header_of(&view::play::Header::of(run))
}

fn header_of(h: &view::play::Header) -> Markup {
    html! {
        header {
            h1 { (h.title) }
            span { (h.week) }
            span { (h.hours_left) }
            @for s in [&h.output, &h.value] {
                span.scores { (s.name) " " (s.week) " (total " (s.total) ")" }
            }
            @if let Some(team) = &h.team { span { "Team " (team) } }
            @if let Some(c) = &h.countdown {
                span { "Time left " span #left data-left=(c.seconds) { (c.text) } }
            }
            @if let Some(room) = &h.room { span title=(room.tip) { "· " (room.text) } }
        }
    }
}

fn briefing(run: &Run) -> Markup {
    let v = BriefingView::of(run);
    html! {
        (header(run))
        main {
            section.wide-section {
                h2 { "Briefing" }
                p { em { (v.pitch) } }
                p.quiet { (v.facts) }
                @if let Some(workshop) = &v.workshop { p { strong { (workshop) } } }
                @for para in &v.intro { p { (para) } }
                @if !v.goals.is_empty() {
                    h2 { "Your goals" }
                    ul { @for (goal, tracked) in &v.goals {
                        li { (goal) @if *tracked { " " span.quiet { "(" (view::briefing::TRACKED) ")" } } }
                    } }
                }
                h2 { "How a week works" }
                p.quiet { (v.how) }
                (act("begin", &[], html! { (v.begin) }, "main", true))
            }
        }
    }
}

/// The play screen, its backlog's first `items` listed, written at the end of `out`
/// section by section (each copied once into the page, not into a whole grown first).
fn play(out: &mut String, run: &Run, notice: Option<&Notice>, open: Option<&str>, items: usize) {
    let v = PlayView::listing(run, notice, BacklogOrder::default(), items);
    let revision = super::browser::plan_revision(run);
    header_of(&v.header).render_to(out);
    out.push_str("<main>");
    html! {
        @if let Some(n) = &v.notice {
            div.notice.bad[n.error] role="status" { (n.text) }
        }
        @if let Some(why) = &v.held {
            div.notice role="status" { "The week cannot end yet: " (why) }
        }
        @if let Some(e) = &v.event { (event(e)) }
        @if let Some(m) = &v.money { (money(m)) }
        section.s-team {
            h2 { "Team" }
            p.quiet { "Tap a person to aim person actions at them." }
            (team(&v))
        }
    }
    .render_to(out);
    // The actions are the page's largest part, and are written straight into it.
    out.push_str("<section class=\"s-plan\">");
    html! {
        h2 { "This week's plan" }
        (plan(&v.plan, run.game.state().week, &revision))
        h2 { "Actions" }
    }
    .render_to(out);
    actions(run, &v.actions, &revision, open).render_to(out);
    out.push_str("</section>");
    html! {
        section.s-feed {
            h2 { "What happened" }
            (feed(&v.feed))
            h2 #backlog { "Backlog" }
            (backlog(&v.backlog))
            h2 { "Customers" }
            (customers(&v.customers))
            h2 { (v.goals.title) }
            ul { @for g in &v.goals.rows {
                li { (g.text) " " span class=(if g.met { "ok" } else { "quiet" }) { "(" (g.mark) ")" } }
            } }
        }
    }
    .render_to(out);
    out.push_str("</main>");
}

fn money(m: &view::play::MoneyView) -> Markup {
    html! {
        section.money title=(m.tip) {
            p {
                strong { (m.budget) } " · "
                strong class=[super::pages::tone_class(m.tone)] { (m.runway) } " · "
                (m.net)
            }
            p.quiet { (m.salaries) " · " (m.income) }
            @if let Some(alert) = m.alert { p class=[super::pages::tone_class(m.tone)] { (alert) } }
            @for line in &m.moved { p.quiet { (line) } }
        }
    }
}

fn event(e: &view::play::EventView) -> Markup {
    html! {
        section.event aria-live="assertive" {
            p.quiet { (e.when) }
            h2 { (e.title) }
            p { (e.text) }
            @for (i, c) in e.choices.iter().enumerate() {
                (act("decide", &[("choice", &i.to_string())], html! { (c.label) }, "wide", true))
                p.why { (c.hint) }
                @if let Some(preview) = &c.preview { p.why.quiet { (preview) } }
                @if let Some(later) = &c.later { p.why.quiet { (later) } }
            }
            @if let Some(estimate) = &e.estimate { p.quiet { em { (estimate) } } }
        }
    }
}

fn bar(b: &view::Bar) -> Markup {
    let pct = text::percent(b.share.clamp(0.0, 1.0));
    html! {
        div.bar { span { (b.label) } i role="img" aria-label=(format!("{} {pct}", b.label)) { b style=(format!("width:{pct}")) {} } span { (b.text) } }
    }
}

fn pick(picked: bool) -> &'static str {
    if picked { "pick picked" } else { "pick" }
}

fn team(v: &PlayView) -> Markup {
    html! {
        @for p in &v.team {
            (act("aim", &[("kind", "person"), ("id", &p.id)], html! {
                strong { (p.name) } " " span.quiet { (p.role) @if p.picked { " · target" } }
                @if !p.traits.is_empty() { br; em.quiet title=(p.traits_say.join("\n")) { (p.traits) } }
                @if let Some((arc, tone)) = &p.arc { br; small class=[super::pages::tone_class(*tone)] { (arc) } }
                @for b in &p.bars { (bar(b)) }
                @if let Some(risk) = &p.flight_risk { span.bad { (risk) } }
                @if let Some(booked) = &p.booked { br; small.quiet { (booked) } }
            }, pick(p.picked), true))
        }
        @for gone in &v.departed { p.quiet { (gone) } }
    }
}

/// The plan, and its buttons; End and Undo name the week the page shows, and Remove and
/// Clear the plan ([`super::browser::plan_revision`]), so that a form sent twice does its
/// work once.
fn plan(v: &view::play::PlanView, week: u32, revision: &str) -> Markup {
    let week = week.to_string();
    html! {
        p.quiet { (v.hours) }
        @if let Some(empty) = v.empty { p.quiet { (empty) } }
        ol {
            @for (i, row) in v.rows.iter().enumerate() {
                li {
                    (row.name) " · " (row.hours)
                    @if let Some((warning, skipped)) = row.warning() {
                        " " span class=(if skipped { "bad" } else { "warn" }) { (warning) }
                    }
                    " " (act("remove", &[("index", &i.to_string()), ("plan", revision)], html! { "remove" }, "", true))
                }
            }
        }
        @if v.clearable { (act("clear", &[("plan", revision)], html! { "Clear plan" }, "", true)) }
        (act("end", &[("week", &week)], html! { (v.end.label) }, "main wide", v.end.is_enabled()))
        @if v.undo.is_enabled() { (act("undo", &[("week", &week)], html! { (v.undo.label) }, "", true)) }
    }
}

/// The actions, each with its Add (naming the plan the page shows) and, where the room
/// previews, a "What if?" the player opens to see its preview: fetched by `play.js`, or
/// drawn in the page its link asks for (`/play?preview=ID`) where no script runs. Only the
/// action `open` names has its preview worked out here.
fn actions(
    run: &Run,
    groups: &[view::play::ActionGroup],
    revision: &str,
    open: Option<&str>,
) -> Markup {
    let previews = run.previews();
    html! {
        @for g in groups {
            p class=(format!("fam fam{}", Family::ALL.iter().position(|f| *f == g.family).unwrap_or(0))) { (g.label) }
            @for a in &g.actions {
                @let id = a.planned.action.as_str();
                (act("add", &[("action", id), ("plan", revision)], html! { (a.control.label) " · " (a.hours) }, "wide", a.control.is_enabled()))
                @match (&a.control.blocked, &a.spent) {
                    (Some(why), _) => p.why { (why) },
                    (None, Some(spent)) => p.why.warn { (spent) },
                    (None, None) => p.why.quiet { (a.description) },
                }
                @if previews && a.control.blocked.is_none() {
                    @let opened = open == Some(id);
                    details.whatif #(format!("whatif-{id}")) data-action=(id) open[opened] data-done=[opened.then_some("1")] {
                        summary { "What if?" }
                        div.preview {
                            @if opened {
                                (preview_words(view::play::action_preview(run, &a.planned).as_ref()))
                            } @else {
                                a href=(format!("/play?preview={}#whatif-{id}", query(id))) { "Work out what it does" }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `text` as a URL's query value.
fn query(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

fn feed(v: &view::play::FeedView) -> Markup {
    html! {
        @if let Some(empty) = v.empty { p.quiet { (empty) } }
        @for week in &v.weeks {
            @let body = html! {
                ul.feed {
                    @for l in &week.lines { li class=[l.topic.is_none().then_some("bad")] { (l.text) } }
                }
                @if let Some(head) = &week.actions_head {
                    details { summary { (head) } ul.feed { @for l in &week.actions { li { (l.text) } } } }
                }
            };
            @if week.latest { p { strong { (week.head) } } (body) } @else { details { summary { (week.head) } (body) } }
        }
    }
}

fn backlog(v: &view::play::BacklogView) -> Markup {
    html! {
        p.quiet { (v.summary) " · tap an item to aim item actions at it." }
        @if let Some(aimed) = &v.aimed { p.quiet { (aimed) } }
        @if let Some(empty) = v.empty { p.quiet { (empty) } }
        @for item in &v.rows {
            form method="post" action="/play/act" title=(item.detail) {
                input type="hidden" name="do" value="aim";
                input type="hidden" name="kind" value="item";
                input type="hidden" name="id" value=(item.id);
                button type="submit" class=(pick(item.picked)) { (item.text) }
            }
        }
        @if v.more > 0 {
            p { a href="/play?backlog=all#backlog" { "Show all " (v.rows.len() + v.more) " items (" (v.more) " more)" } }
        }
        @if let Some(head) = &v.shipped_head {
            details { summary { (head) } ul.feed { @for s in &v.shipped { li { (s) } } } }
        }
    }
}

fn customers(v: &view::play::CustomersView) -> Markup {
    html! {
        p.quiet title=(v.summary_tip) { (v.summary) }
        @for seg in &v.rows {
            (act("aim", &[("kind", "segment"), ("id", &seg.id)], html! {
                strong { (seg.name) } " " span.quiet { (seg.revenue) }
                @for b in &seg.bars { (bar(b)) }
            }, pick(seg.picked), true))
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
        week: None,
    }];
    for bot in &d.bots {
        runs.push(charts::Run {
            name: bot.policy.label(),
            colour: None,
            output: bot.totals.output,
            value: bot.totals.value,
            curve: cumulative(&mut bot.weekly.iter().copied()),
            week: None,
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
    // A browser table writes no result file: the host keeps its run.
    let v = DebriefView::of(run, d, None);
    let budget = v.budget.as_ref().map(|_| {
        let weekly: Vec<f64> = game.state().history.iter().map(|r| r.budget).collect();
        svg(charts::budget(
            game.scenario().start.budget,
            &weekly,
            weeks,
            (560, 260),
        ))
    });
    html! {
        (header(run))
        main {
            section.wide-section {
                p.quiet { (v.kicker) }
                h2 { "Your run: " (v.verdict) }
                p { (v.meaning) }
                @if !v.curves.is_empty() { p { (v.curves) } }
                p { (v.totals) }
                p.quiet { (v.lines) }
            }
            section.chart { h2 { "Where you landed, beside the bots" } (PreEscaped(quadrant)) }
            section.chart { (PreEscaped(output)) (PreEscaped(value)) }
            @if let (Some(chart), Some(caption)) = (&budget, &v.budget) {
                section.chart { (PreEscaped(chart)) p.quiet { (caption) } }
            }
            section {
                h2 { "Key moments" }
                ul { @for m in &v.moments { li { (m) } } }
                @if !v.goals.is_empty() {
                    h2 { "Your goals" }
                    ul { @for (mark, tone, goal) in &v.goals {
                        li { strong class=[super::pages::tone_class(*tone)] { (mark) } " " (goal) }
                    } }
                }
                h2 { "The bots" }
                table { @for (who, output, value) in &v.table {
                    tr { td { (who) } td { "Output " (output) } td { "Value " (value) } }
                } }
            }
            @if !v.questions.is_empty() {
                section {
                    h2 { "Think about" }
                    @for q in &v.questions { p { (q) } }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::view::play::{
        DRAWN, Fits, MONEY, fresh_run, fresh_run_of, mid_run_of, shown, shows, took_back, warn,
    };

    /// The plan's warnings show beside their lines, those the week will skip as bad news and
    /// those that waste hours as a caution, as the desktop shows them.
    #[test]
    fn the_plan_shows_each_lines_warning_beside_it() {
        let run = mid_run_of(DRAWN[0]);
        let mut view = PlayView::of(&run, None, BacklogOrder::default()).plan;
        warn(&mut view);
        let html = plan(&view, 3, "r").into_string();
        let page = words(&html);
        for row in &view.rows {
            if let Some((warning, skipped)) = row.warning() {
                assert!(shows(&page, warning), "{warning}:\n{page}");
                let class = if skipped { "bad" } else { "warn" };
                let marked = html! { span class=(class) { (warning) } }.into_string();
                assert!(html.contains(&marked), "{marked}:\n{html}");
            }
        }
    }

    /// A page written piece by piece into a string of its size is the page one `html!`
    /// draws, byte for byte, with its version and without, a title to escape.
    #[test]
    fn a_page_is_written_as_one_template_draws_it() {
        let body = html! { main { p { "a < b & \"c\"" } } };
        for version in [None, Some("Play-3-false-\"x\"<&>")] {
            let title = "Tom & \"Jerry\" <3";
            let whole = html! {
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
            };
            assert_eq!(page(title, version, body.clone()), whole.into_string());
        }
    }

    /// The play screen alone, as the page's body.
    fn play(run: &Run, notice: Option<&Notice>, open: Option<&str>, items: usize) -> Markup {
        let mut out = String::new();
        super::play(&mut out, run, notice, open, items);
        PreEscaped(out)
    }

    /// The text a reader sees in `html`: the tags taken out, the entities put back.
    fn words(html: &str) -> String {
        let mut out = String::with_capacity(html.len());
        let mut in_tag = false;
        for c in html.chars() {
            match c {
                '<' => in_tag = true,
                // A tag parts words, as the page draws them apart.
                '>' => {
                    in_tag = false;
                    out.push('\n');
                }
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn the_play_page_shows_every_word_and_number_of_the_view() {
        for id in DRAWN {
            let run = mid_run_of(id);
            let notice = took_back();
            let page = words(&play(&run, Some(&notice), None, BACKLOG_ROWS).into_string());
            let view = PlayView::of(&run, Some(&notice), BacklogOrder::default());
            assert_eq!(view.money.is_some(), id == MONEY, "{id}");
            let fits = Fits {
                backlog: BACKLOG_ROWS,
                ..Fits::ALL
            };
            for word in shown(&view, fits) {
                assert!(
                    shows(&page, &word),
                    "{id}: the page lacks {word:?}:\n{page}"
                );
            }
        }
    }

    /// A long backlog lists its first items, the picked one wherever it stands, and a link
    /// to the rest, whose page lists every open item.
    #[test]
    fn the_play_page_lists_the_backlogs_first_items_and_the_rest_on_asking() {
        let mut run = mid_run_of("brilliant-team");
        let all = view::play::backlog_rows(run.game.state(), BacklogOrder::default());
        let open = all.len();
        assert!(open > BACKLOG_ROWS + 1, "{open} open items");
        let last = all.last().map(|i| i.id.to_string());
        run.selection.item.clone_from(&last);
        let rows = |html: &str| html.matches("name=\"kind\" value=\"item\"").count();
        let short = play(&run, None, None, BACKLOG_ROWS).into_string();
        assert_eq!(rows(&short), BACKLOG_ROWS + 1, "the first and the picked");
        let last = last.expect("an open item");
        assert!(short.contains(&format!("value=\"{last}\"")), "{short}");
        let more = open - BACKLOG_ROWS - 1;
        let link = format!("Show all {open} items ({more} more)");
        assert!(shows(&words(&short), &link), "{short}");
        assert!(
            short.contains("href=\"/play?backlog=all#backlog\""),
            "{short}"
        );
        let whole = play(&run, None, None, usize::MAX).into_string();
        assert_eq!(rows(&whole), open);
        assert!(!whole.contains("backlog=all"), "{whole}");
        let summary = PlayView::of(&run, None, BacklogOrder::default())
            .backlog
            .summary;
        assert!(shows(&words(&short), &summary), "{summary}");
    }

    /// Every action that can be added offers its "What if?"; none is worked out unasked.
    /// The one asked for shows this week and the end of the run, done once and kept, and
    /// what the estimate rests on: in the piece the page's script fetches, and in the page
    /// its link draws where no script runs.
    #[test]
    fn the_play_page_previews_the_action_asked_for_to_the_end_of_the_run() {
        let mut run = mid_run_of("brilliant-team");
        run.decide(0).expect("an answer");
        run.game.set_plan(Vec::new());
        let plain = play(&run, None, None, BACKLOG_ROWS).into_string();
        assert!(!plain.contains("This week: Output"), "{plain}");
        let view = PlayView::of(&run, None, BacklogOrder::default());
        let end = format!("by the end of the run (week {})", run.game.scenario().weeks);
        let mut previewed = 0;
        for a in view.actions.iter().flat_map(|g| &g.actions) {
            let id = &a.planned.action;
            let offered = plain.contains(&format!("data-action=\"{id}\""));
            assert_eq!(offered, a.control.blocked.is_none(), "{id}: {plain}");
            let Some(p) = view::play::action_preview(&run, &a.planned) else {
                continue;
            };
            let once = p.once.clone().expect("weeks after this one");
            assert!(once.contains(&end), "{once}");
            let page = words(&play(&run, None, Some(id), BACKLOG_ROWS).into_string());
            let piece = words(&preview_of(&run, id).into_string());
            for word in [Some(p.week), p.moves, Some(once), p.later, p.estimate]
                .into_iter()
                .flatten()
            {
                assert!(
                    shows(&piece, &word),
                    "{id}: the preview lacks {word:?}:\n{piece}"
                );
                assert!(
                    shows(&page, &word),
                    "{id}: the page lacks {word:?}:\n{page}"
                );
            }
            assert_eq!(page.matches("This week: Output").count(), 1, "{page}");
            previewed += 1;
        }
        assert!(previewed > 3, "{previewed} actions previewed");
        assert!(words(&preview_of(&run, "no-such-action").into_string()).contains(NO_PREVIEW));
    }

    #[test]
    fn the_briefing_and_the_debrief_show_every_word_of_their_views() {
        for id in DRAWN {
            let mut run = fresh_run_of(id);
            let page = words(&briefing(&run).into_string());
            let v = BriefingView::of(&run);
            let goals = v.goals.iter().map(|(g, _)| g.clone());
            for word in [v.pitch, v.facts, v.how.to_string(), v.begin.to_string()]
                .into_iter()
                .chain(v.intro)
                .chain(goals)
            {
                assert!(
                    shows(&page, &word),
                    "{id}: the briefing lacks {word:?}:\n{page}"
                );
            }
            let bot = crate::sim::play(run.game.scenario(), crate::sim::Policy::PureManager, 7);
            for week in bot.log() {
                run.game.set_plan(week.plan.clone());
                run.end_week().expect("a week");
                if let Some(c) = week.choice {
                    run.decide(c).expect("a choice");
                }
            }
            let d = Debrief::of(&run);
            let html = debrief(&run, Some(&d)).into_string();
            let page = words(&html);
            let v = DebriefView::of(&run, &d, None);
            assert_eq!(v.budget.is_some(), id == MONEY, "{id}");
            // The quadrant, the two curves, and the budget's where money matters.
            let charts = 3 + usize::from(id == MONEY);
            assert_eq!(html.matches("<svg").count(), charts, "{id}");
            let table = v
                .table
                .iter()
                .flat_map(|(a, b, c)| [a.clone(), b.clone(), c.clone()]);
            let goals = v
                .goals
                .iter()
                .flat_map(|(m, _, g)| [m.to_string(), g.clone()]);
            for word in [
                v.kicker,
                v.verdict.into(),
                v.meaning,
                v.curves,
                v.totals,
                v.lines,
            ]
            .into_iter()
            .chain(v.moments)
            .chain(v.questions)
            .chain(table)
            .chain(goals)
            .chain(v.budget)
            {
                assert!(
                    shows(&page, &word),
                    "{id}: the debrief lacks {word:?}:\n{page}"
                );
            }
        }
    }

    #[test]
    fn a_fresh_runs_page_writes_no_negative_zero() {
        let run = fresh_run();
        for page in [play(&run, None, None, BACKLOG_ROWS), briefing(&run)] {
            let page = words(&page.into_string());
            // "-0.8" is a number; "-0", "-0.0" and "-0%" are zeros with a sign.
            let signed_zero = page.match_indices("-0").any(|(at, _)| {
                let rest = &page[at + 2..];
                !rest.starts_with('.')
                    || rest.starts_with(".0")
                        && !rest[2..].starts_with(|c: char| c.is_ascii_digit() && c != '0')
            });
            assert!(!signed_zero, "{page}");
            assert!(shows(&page, "Output 0.0 (total 0.0)"), "{page}");
        }
    }
}
