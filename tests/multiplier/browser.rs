//! The room's live pages in a real browser: headless Chromium driven through ChromeDriver
//! (WebDriver over HTTP). `.ci/run` installs both from Debian's packages and sets
//! `MULTIPLIER_REQUIRE_BROWSER=1`, so in CI a missing browser fails the run; on a machine
//! without them (a newcomer's Mac, say) these tests say they were skipped and why.

use std::io::Write;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use multiplier::room::{Pacing, client};

use super::room::{address, folder, host, send, weeks};
use super::room_remote::behind_caddy;

/// A browser session through a ChromeDriver of its own, ended when dropped.
struct Browser {
    driver: Child,
    base: String,
    session: String,
}

/// Where the tests look for Chromium (Debian's package).
const CHROMIUM: &str = "/usr/bin/chromium";

/// Why no browser can be driven here, if none can: ChromeDriver or Chromium is missing.
fn missing() -> Option<String> {
    let driver = Command::new("chromedriver")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    if !matches!(driver, Ok(status) if status.success()) {
        return Some("chromedriver is not on the PATH".into());
    }
    if !std::path::Path::new(CHROMIUM).exists() {
        return Some(format!("Chromium is not at {CHROMIUM}"));
    }
    None
}

impl Browser {
    /// A headless browser, or `None` (and a line saying the test was skipped and why) on a
    /// machine without Chromium and ChromeDriver, unless `MULTIPLIER_REQUIRE_BROWSER` is
    /// set: then their absence fails the test.
    fn start(test: &str) -> Option<Self> {
        Self::with_options(test, "")
    }

    /// A browser with more `goog:chromeOptions` (a JSON fragment that starts with a comma).
    fn with_options(test: &str, options: &str) -> Option<Self> {
        if let Some(why) = missing() {
            assert!(
                std::env::var_os("MULTIPLIER_REQUIRE_BROWSER").is_none(),
                "{test}: a browser is required (MULTIPLIER_REQUIRE_BROWSER) but {why}; \
                 install Debian's chromium and chromium-driver"
            );
            // Straight to the process's stderr, which the test harness does not capture:
            // a skip is said even when the test passes.
            let _ = writeln!(
                std::io::stderr(),
                "skipped {test}: {why} (install Chromium and ChromeDriver to run it; \
                 .ci/run does)"
            );
            return None;
        }
        let port = super::room::free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver runs (Debian's chromium-driver; .ci/run installs it)");
        let base = format!("http://127.0.0.1:{port}");
        let start = Instant::now();
        while ureq::get(format!("{base}/status")).call().is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "chromedriver does not answer"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        let capabilities = format!(
            r#"{{"capabilities":{{"alwaysMatch":{{"browserName":"chrome","goog:chromeOptions":{{"binary":"{CHROMIUM}","args":["--headless=new","--no-sandbox","--disable-gpu","--disable-dev-shm-usage","--window-size=1280,1000","--ignore-certificate-errors"]{options}}}}}}}}}"#
        );
        let answer = post(&format!("{base}/session"), &capabilities);
        let session = between(&answer, r#""sessionId":""#, "\"").to_string();
        assert!(!session.is_empty(), "no session: {answer}");
        Some(Self {
            driver,
            base,
            session,
        })
    }

    fn open(&self, url: &str) {
        post(
            &format!("{}/session/{}/url", self.base, self.session),
            &format!(r#"{{"url":"{url}"}}"#),
        );
    }

    /// Runs `script` in the page; the WebDriver answer, as JSON text.
    fn run(&self, script: &str) -> String {
        post(
            &format!("{}/session/{}/execute/sync", self.base, self.session),
            &format!(r#"{{"script":{},"args":[]}}"#, json(script)),
        )
    }

    /// Clicks the element `css` selects, as a person would (a form's button submits it and
    /// the click waits for the page that comes back).
    fn click(&self, css: &str) {
        self.submit(css, "click", "{}");
    }

    /// Presses Enter on the button `css` selects, as someone with only a keyboard would
    /// once it has the focus, and waits for the page that comes back.
    fn press_enter(&self, css: &str) {
        self.submit(css, "value", r#"{"text":"\uE007"}"#);
    }

    /// Sends the element `css` selects a WebDriver `command` that submits its form: every
    /// button of the table's pages posts one, so it is done when the page the host answers
    /// with is in place, loaded by the browser or put there by the page's script (the old
    /// page's body, which bears a mark, is gone).
    fn submit(&self, css: &str, command: &str, body: &str) {
        let id = self.find(css);
        self.run("document.body.multiplierOld = true; return '';");
        let url = format!(
            "{}/session/{}/element/{id}/{command}",
            self.base, self.session
        );
        // The page's script may put the next page in place before ChromeDriver has done
        // with the click, which then finds its element gone: the click was made.
        let (status, text) = answer(&url, body);
        assert!(
            status == 200 || text.contains("stale element reference"),
            "{url} {body}: {status}: {text}"
        );
        let start = Instant::now();
        loop {
            let state = self.run(
                "return (document.body.multiplierOld ? 'old' : 'new') + ' ' + document.readyState;",
            );
            if state.contains("new complete") {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "no new page after {command} on {css}: {state}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Types `text` into the field `css` selects.
    fn type_into(&self, css: &str, text: &str) {
        let id = self.find(css);
        post(
            &format!("{}/session/{}/element/{id}/value", self.base, self.session),
            &format!(r#"{{"text":{}}}"#, json(text)),
        );
    }

    fn find(&self, css: &str) -> String {
        let answer = post(
            &format!("{}/session/{}/element", self.base, self.session),
            &format!(r#"{{"using":"css selector","value":{}}}"#, json(css)),
        );
        let id = between(&answer, r#""element-6066-11e4-a52e-4f735466cecf":""#, "\"");
        assert!(!id.is_empty(), "no element {css}: {answer}");
        id.to_string()
    }

    /// Whether the page has an enabled element `css` selects.
    fn enabled(&self, css: &str) -> bool {
        let script = format!(
            "var b = document.querySelector({}); return b && !b.disabled ? 'yes' : 'no';",
            json(css)
        );
        self.run(&script).contains("\"yes\"")
    }

    /// How many elements `css` selects.
    fn count(&self, css: &str) -> usize {
        let script = format!(
            "return String(document.querySelectorAll({}).length);",
            json(css)
        );
        between(&self.run(&script), r#""value":""#, "\"")
            .parse()
            .unwrap_or(0)
    }

    /// A screenshot of the page, as PNG bytes.
    fn screenshot(&self) -> Vec<u8> {
        let answer = ureq::get(format!("{}/session/{}/screenshot", self.base, self.session))
            .call()
            .and_then(|mut r| r.body_mut().read_to_string())
            .expect("a screenshot");
        base64(between(&answer, r#""value":""#, "\""))
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = ureq::delete(format!("{}/session/{}", self.base, self.session)).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn post(url: &str, body: &str) -> String {
    let (status, text) = answer(url, body);
    assert!(status == 200, "{url} {body}: {status}: {text}");
    text
}

/// WebDriver's answer to `body` posted to `url`: its status and text.
fn answer(url: &str, body: &str) -> (u16, String) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into();
    let mut answer = agent
        .post(url)
        .content_type("application/json")
        .send(body)
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    let status = answer.status();
    let text = answer
        .body_mut()
        .read_to_string()
        .unwrap_or_else(|e| panic!("{url}: {e}"));
    (status.as_u16(), text)
}

/// `text` as a JSON string.
fn json(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Standard base64 (WebDriver's screenshots).
fn base64(text: &str) -> Vec<u8> {
    let value = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in text.bytes().filter_map(value) {
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    text.split_once(start)
        .and_then(|(_, rest)| rest.split_once(end))
        .map_or("", |(inside, _)| inside)
}

/// A free room in a folder named for `test` and its facilitator's page open in a browser,
/// with the address tables join at; `None` where no browser can be driven
/// ([`Browser::start`]).
fn facilitators_page(
    test: &str,
) -> Option<(
    Browser,
    multiplier::host::Running,
    multiplier::room::Address,
)> {
    let browser = Browser::start(test)?;
    let running = host(&folder(test), Pacing::Free);
    let at = address(&running);
    browser.open(&format!(
        "http://{}/room?key={}",
        running.addr(),
        running.key()
    ));
    Some((browser, running, at))
}

/// The facilitator's page is open in the browser; a table joins and ends weeks; the page
/// shows the table and its week within seconds, and it is the same page (a mark set in it
/// is still there), so the update came without a reload; weeks more change the table's row
/// in place.
#[test]
fn the_facilitators_live_view_updates_without_a_reload() {
    let Some((browser, _running, at)) =
        facilitators_page("the_facilitators_live_view_updates_without_a_reload")
    else {
        return;
    };
    let mark = browser.run("window.multiplierMark = 'kept'; return document.title;");
    assert!(mark.contains("Room"), "not the facilitator's page: {mark}");

    let joined = client::join(&at, "Night Owls", None).expect("joins");
    let all = weeks();
    send(&at, &joined.token, &all, 0, 3);

    let start = Instant::now();
    let seen = loop {
        let page = browser
            .run("return window.multiplierMark + ' ' + document.getElementById('live').innerText;");
        if page.contains("Night Owls") && page.contains("3 / ") {
            break page;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the live view did not show the table's weeks: {page}"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(seen.contains("kept"), "the page was reloaded: {seen}");

    // The table plays on: its row shows the week, the rest of the view is kept (a mark on
    // the table's head stays), and so are the row itself and its cells that did not
    // change (the team's name): the browser redraws only what changed.
    browser.run(
        "document.querySelector('#live thead').setAttribute('data-mark', 'kept'); var r = document.getElementById('row-0'); r.multiplierMark = 'row'; r.cells[0].multiplierMark = 'team'; return 1;",
    );
    send(&at, &joined.token, &all, 3, 5);
    let start = Instant::now();
    loop {
        let row = browser.run(
            "var h = document.querySelector('#live thead'); var r = document.getElementById('row-0'); return (h ? h.getAttribute('data-mark') : 'gone') + ' ' + r.multiplierMark + ' ' + r.cells[0].multiplierMark + ' ' + r.innerText;",
        );
        if row.contains("5 / ") {
            assert!(
                row.contains("kept row team"),
                "more than the row's changed cells was drawn again: {row}"
            );
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the row did not show the table's weeks: {row}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The facilitator's page sorted by week: a table that overtakes another moves up in the
/// page's list, its row replaced and the rows reordered in place (a mark on the table's
/// head stays: the whole view was not drawn again).
#[test]
fn the_facilitators_sorted_page_reorders_its_rows_in_place() {
    let Some(browser) = Browser::start("the_facilitators_sorted_page_reorders_its_rows_in_place")
    else {
        return;
    };
    let dir = folder("browser-sorted");
    let running = host(&dir, Pacing::Free);
    let at = address(&running);
    let all = weeks();
    let sync = |token: &str, from: usize, upto: usize| send(&at, token, &all, from, upto);
    let owls = client::join(&at, "Night Owls", None).expect("joins");
    let larks = client::join(&at, "Early Larks", None).expect("joins");
    sync(&owls.token, 0, 2);
    sync(&larks.token, 0, 1);
    browser.open(&format!(
        "http://{}/room?key={}&sort=week",
        running.addr(),
        running.key()
    ));
    // Whether the page lists `a` before `b`.
    let first = |rows: &str, a: &str, b: &str| matches!((rows.find(a), rows.find(b)), (Some(a), Some(b)) if a < b);
    let order = "var h = document.querySelector('#live thead'); return (h ? h.getAttribute('data-mark') : 'gone') + ' ' + Array.prototype.map.call(document.querySelectorAll('#live tbody tr'), function (r) { return r.cells[0].textContent + ' ' + r.cells[1].textContent; }).join(', ');";
    let start = Instant::now();
    loop {
        let rows = browser.run(order);
        if first(&rows, "Night Owls 2 / ", "Early Larks 1 / ") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the page does not list the furthest first: {rows}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    // Past the stream's first event (the whole view), then the mark.
    std::thread::sleep(Duration::from_millis(1500));
    browser
        .run("document.querySelector('#live thead').setAttribute('data-mark', 'kept'); return 1;");
    sync(&larks.token, 1, 4);
    let start = Instant::now();
    loop {
        let rows = browser.run(order);
        if first(&rows, "Early Larks 4 / ", "Night Owls 2 / ") {
            assert!(
                rows.contains("\"kept "),
                "the whole view was drawn again: {rows}"
            );
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "the table that moved up was not put first: {rows}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Out of sight (below a hundred tables' rows; here below a tall block), the facilitator's
/// rows and chart are kept as current as in sight: what a reader, a screen reader or a
/// driver reads of them (their rendered text) is the room as it is.
#[test]
fn the_facilitators_rows_and_chart_out_of_sight_are_current() {
    let Some((browser, _running, at)) =
        facilitators_page("the_facilitators_rows_and_chart_out_of_sight_are_current")
    else {
        return;
    };
    browser.run(
        "var block = document.createElement('div'); block.style.height = '8000px'; var live = document.getElementById('live'); live.parentNode.insertBefore(block, live); window.scrollTo(0, 0); return 1;",
    );
    let joined = client::join(&at, "Night Owls", None).expect("joins");
    let all = weeks();
    send(&at, &joined.token, &all, 0, 1);
    let read = "var r = document.getElementById('row-0'), c = document.getElementById('live-chart'); return (r ? r.innerText : 'no row') + ' | ' + (c ? c.innerText : 'no chart') + ' | ' + (document.getElementById('live').getBoundingClientRect().top > 4000);";
    let until = |what: &str| {
        let start = Instant::now();
        loop {
            let seen = browser.run(read);
            if seen.contains(what) {
                assert!(seen.contains("| true"), "the view came into sight: {seen}");
                return seen;
            }
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "out of sight, the page did not show {what:?}: {seen}"
            );
            std::thread::sleep(Duration::from_millis(200));
        }
    };
    until("at week 1 ");
    // Two weeks more: the row shows them at once, the chart at its pace (every 3 s).
    send(&at, &joined.token, &all, 1, 3);
    let row = until("3 / ");
    assert!(row.contains("Night Owls"), "{row}");
    until("at week 3 ");
}

/// The facilitator's page is refused its live view (here: the one place for a facilitator's
/// view is taken), then the place frees: the page opens its stream again by itself and
/// catches up with a table that joined meanwhile, without a reload. (A browser gives up on
/// a stream that was answered with an error; the page's script does not.)
#[test]
fn the_facilitators_page_reconnects_and_catches_up_by_itself() {
    use std::io::Read;
    let Some(browser) = Browser::start("the_facilitators_page_reconnects_and_catches_up_by_itself")
    else {
        return;
    };
    let dir = folder("browser-reconnect");
    let limits = multiplier::host::Limits {
        facilitator_streams: 1,
        ..multiplier::host::Limits::default()
    };
    let running = super::room::host_with(&dir, Pacing::Free, "first-week-31", limits);
    let key = running.key();
    let mut taken = std::net::TcpStream::connect(running.addr()).expect("connects");
    write!(
        taken,
        "GET /room/live?key={key} HTTP/1.1\r\nHost: x\r\n\r\n"
    )
    .expect("writes");
    let _ = taken.read(&mut [0u8; 64]).expect("the stream opens");
    browser.open(&format!("http://{}/room?key={key}", running.addr()));
    browser.run("window.multiplierMark = 'kept'; return document.title;");
    std::thread::sleep(Duration::from_millis(500));
    drop(taken);
    client::join(&address(&running), "Late Larks", None).expect("joins");
    let start = Instant::now();
    let seen = loop {
        let page = browser
            .run("return window.multiplierMark + ' ' + document.getElementById('live').innerText;");
        if page.contains("Late Larks") {
            break page;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the page did not catch up by itself: {page}"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(seen.contains("kept"), "the page was reloaded: {seen}");
}

/// A room of a scenario of its own: first-week with more events (a customer escalation, a
/// competitor), so a run meets decisions; its source goes to the tables with the join.
fn eventful_room(dir: &std::path::Path) -> multiplier::host::Running {
    use multiplier::host::Server;
    use multiplier::room;
    use multiplier::workshop::Code;
    let builtin = multiplier::format::BUILTINS
        .iter()
        .find(|b| b.id == "first-week")
        .expect("a built-in");
    let source = builtin.source.replace(
        r#""burnout", "poached", "prototype""#,
        r#""burnout", "poached", "escalation", "competitor", "prototype""#,
    );
    assert_ne!(source, builtin.source, "the events line moved");
    let code = Code::parse("eventful-week-31").expect("a code");
    let opened = room::open(
        dir,
        &code,
        "eventful-week.ron",
        &source,
        Pacing::Free,
        1_796_119_200,
    )
    .expect("opens");
    let bind = std::net::SocketAddr::from(([127, 0, 0, 1], 0));
    Server::bind(opened, dir.to_path_buf(), bind)
        .expect("binds")
        .spawn()
}

/// The plan both twins make every week, by action id, in this order (each added while it
/// can be taken); in week 3 and after, one-to-ones are aimed at Noor, picked by tapping her.
const PLAN: [&str; 5] = [
    "explain",
    "one_on_one",
    "talk_to_customers",
    "support_customers",
    "prioritise",
];

fn add_button(id: &str) -> String {
    format!("form:has(input[name=do][value=add]):has(input[name=action][value={id}]) button")
}

/// A whole 12-week run played in a real browser by clicking the page's buttons, in a room
/// that also has bot tables; the same plan and answers played through the app layer as the
/// desktop game plays them, at another table of the same room; both results re-simulated by
/// the host and identical. Screenshots of the play screen and the debrief at laptop size,
/// and of a table at phone size, go to the test's folder for the docs.
#[test]
fn a_whole_run_in_a_browser_matches_the_desktop_game() {
    use super::session::Shell;
    use multiplier::app::{Intent, Pick, Screen};
    let Some(browser) = Browser::start("a_whole_run_in_a_browser_matches_the_desktop_game") else {
        return;
    };
    let dir = folder("browser-run");
    let running = eventful_room(&dir);
    let at = address(&running);
    let bots: Vec<_> = (0..2)
        .map(|i| {
            let at = at.clone();
            std::thread::spawn(move || {
                multiplier::room::bot::play(
                    &at,
                    &format!("Bots {i}"),
                    multiplier::sim::Policy::ALL[i],
                    Duration::ZERO,
                    |_| {},
                )
            })
        })
        .collect();
    let shots = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("browser-shots");
    std::fs::create_dir_all(&shots).expect("a folder for screenshots");

    browser.open(&format!("http://{}/{}", running.addr(), running.door()));
    browser.type_into("#team", "Browsers");
    browser.click("button[type=submit]");
    browser.click("form:has(input[value=begin]) button");
    let mut twin = Shell::new("browser-twin");
    twin.send(Intent::Join {
        code: format!("{}/{}", running.addr(), running.door()),
        team: "Desktop".into(),
    });
    twin.send(Intent::Begin);
    assert_eq!(twin.session.screen(), Screen::Play);

    // An action's "What if?", opened, fetches its preview into the page.
    browser.run(
        "document.querySelector('details.whatif[data-action=explain] summary').click(); return '';",
    );
    let start = Instant::now();
    loop {
        let shown = browser
            .run("return document.querySelector('details.whatif[data-action=explain]').innerText;");
        if shown.contains("This week: Output") && shown.contains("by the end of the run") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no preview shown: {shown}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let mut decided = 0;
    for week in 1..=12 {
        if week == 3 {
            browser.click("form:has(input[value=person]):has(input[value=noor]) button");
            twin.send(Intent::Select(Pick::Person("noor".into())));
        }
        // A fresh plan each week: what carried over is cleared first.
        if browser.enabled("form:has(input[value=clear]) button") {
            browser.click("form:has(input[value=clear]) button");
        }
        twin.send(Intent::ClearPlan);
        for id in PLAN {
            if browser.enabled(&add_button(id)) {
                browser.click(&add_button(id));
            }
            let run = twin.session.run.as_ref().expect("a run");
            let def = run.game.scenario().action(id).expect("a built-in action");
            let planned = run.aimed(def);
            if run.game.check(&planned).is_ok() {
                twin.send(Intent::Add(planned));
            }
        }
        if week == 6 {
            std::fs::write(shots.join("browser-laptop-play.png"), browser.screenshot())
                .expect("writes");
        }
        browser.click("form:has(input[value=end]) button");
        twin.send(Intent::EndWeek);
        let choices = browser.count("form:has(input[value=decide])");
        if choices > 0 {
            if decided == 0 {
                std::fs::write(shots.join("browser-laptop-event.png"), browser.screenshot())
                    .expect("writes");
            }
            let last = choices - 1;
            browser.click(&format!(
                "form:has(input[value=decide]):has(input[name=choice][value='{last}']) button"
            ));
            twin.send(Intent::Decide(last));
            decided += 1;
        }
        if week == 4 {
            // The tab is closed and the address opened again: the same run, at the same week.
            browser.open("about:blank");
            browser.open(&format!("http://{}/", running.addr()));
        }
        let page = browser.run("return document.body.innerText;");
        if week < 12 {
            assert!(
                page.contains(&format!("Week {} of 12", week + 1)),
                "week {week}: {page}"
            );
        }
    }
    assert!(decided > 0, "no event came up to decide in the browser");
    let page = browser.run("return document.body.innerText;");
    assert!(page.contains("Your run:"), "the debrief: {page}");
    assert!(page.contains("Key moments"), "{page}");
    std::fs::write(
        shots.join("browser-laptop-debrief.png"),
        browser.screenshot(),
    )
    .expect("writes");
    assert_eq!(twin.session.screen(), Screen::Debrief);
    // The twin's weeks reach the host as the game's do.
    for _ in 0..3 {
        if let Some((address, token, request)) =
            twin.session.run.as_ref().and_then(|r| r.sync_request())
        {
            let answer = client::sync(&address, &token, &request);
            twin.session.synced(answer);
        }
    }
    for bot in bots {
        bot.join().expect("a bot table").expect("a whole run");
    }

    let key = running.key();
    let (_, csv) = super::room::get(&running, &format!("/room/tables.csv?key={key}"));
    let row = |team: &str| -> Vec<String> {
        let line = csv
            .lines()
            .find(|l| l.starts_with(&format!("{team},")))
            .unwrap_or_else(|| panic!("no row for {team}: {csv}"));
        line.split(',').map(str::to_string).collect()
    };
    let (browser_row, desktop_row) = (row("Browsers"), row("Desktop"));
    assert_eq!(browser_row[1], "12", "the browser table played every week");
    assert_eq!(
        browser_row[1..5],
        desktop_row[1..5],
        "same weeks, Output and Value"
    );
    assert!(csv.lines().any(|l| l.starts_with("Bots 0,")));
    let (_, weeks_csv) = super::room::get(&running, &format!("/room/weeks.csv?key={key}"));
    let weeks_of = |team: &str| -> Vec<Vec<String>> {
        weeks_csv
            .lines()
            .filter(|l| l.starts_with(&format!("{team},")))
            .map(|l| l.split(',').skip(1).take(5).map(str::to_string).collect())
            .collect()
    };
    assert_eq!(weeks_of("Browsers").len(), 12);
    assert_eq!(
        weeks_of("Browsers"),
        weeks_of("Desktop"),
        "week by week: scores, hours planned and choices"
    );

    // A phone: the same room at 360×640, a table of its own.
    let phone = Browser::with_options(
        "a_whole_run_in_a_browser_matches_the_desktop_game",
        r#","mobileEmulation":{"deviceMetrics":{"width":360,"height":640,"pixelRatio":2}}"#,
    )
    .expect("a second browser where the first one started");
    phone.open(&format!("http://{}/{}", running.addr(), running.door()));
    phone.type_into("#team", "Phones");
    phone.click("button[type=submit]");
    // With the keyboard alone: every control is a button that takes the focus and Enter.
    phone.press_enter("form:has(input[value=begin]) button");
    phone.press_enter(&add_button("explain"));
    phone.press_enter("form:has(input[value=end]) button");
    let page = phone.run("return document.body.innerText;");
    assert!(page.contains("Week 2 of 12"), "{page}");
    let wide = phone.run("return String(document.documentElement.scrollWidth);");
    assert!(
        wide.contains("\"360\""),
        "the page fits the phone's width: {wide}"
    );
    std::fs::write(shots.join("browser-phone-play.png"), phone.screenshot()).expect("writes");
}

/// The page's script sends a form and puts the page that comes back in place: no
/// navigation (the window and its history are the ones the form was sent from), the address
/// stays the table's page, and the focus is back on the control that sent it, so a player
/// with only a keyboard adds an action twice with Enter twice.
#[test]
fn the_pages_script_puts_a_forms_page_in_place() {
    let Some(browser) = Browser::start("the_pages_script_puts_a_forms_page_in_place") else {
        return;
    };
    let dir = folder("browser-in-place");
    let running = host(&dir, Pacing::Free);
    browser.open(&format!("http://{}/{}", running.addr(), running.door()));
    browser.type_into("#team", "Keyboards");
    browser.click("button[type=submit]");
    browser.click("form:has(input[value=begin]) button");
    let value = |answer: String| between(&answer, r#""value":""#, "\"").to_string();
    let history = value(browser.run("window.kept = 'kept'; return String(history.length);"));
    let add = add_button("explain");
    let state = || {
        value(browser.run(&format!(
            "return [window.kept, String(history.length), location.pathname, \
             String(document.activeElement === document.querySelector({add})), \
             String(document.querySelectorAll('input[name=do][value=remove]').length)].join(' ');",
            add = json(&add)
        )))
    };
    browser.run(&format!(
        "document.querySelector({}).focus(); return '';",
        json(&add)
    ));
    browser.press_enter(&add);
    assert_eq!(state(), format!("kept {history} /play true 1"));
    browser.press_enter(&add);
    assert_eq!(state(), format!("kept {history} /play true 2"));
    // Left open, the page stays as it is (its script polls the host's version of it every
    // 2 s and finds it the same): an opened "What if?" is still open seconds later.
    browser.run(
        "document.querySelector('details.whatif[data-action=explain] summary').click(); return '';",
    );
    std::thread::sleep(Duration::from_secs(5));
    let open = value(browser.run(
        "return window.kept + ' ' + document.querySelector('details.whatif[data-action=explain]').open;",
    ));
    assert_eq!(
        open, "kept true",
        "the page was drawn again while nothing changed"
    );
    browser.click("form:has(input[value=end]) button");
    let page = browser.run("return window.kept + ' ' + document.body.innerText;");
    assert!(page.contains("kept"), "no navigation: {page}");
    assert!(
        page.contains("Week 2 of 12") || browser.count("form:has(input[value=decide])") > 0,
        "{page}"
    );
}

/// A browser table's form posts, with its cookie, as plain HTTP.
struct Forms {
    base: String,
    cookie: String,
}

impl Forms {
    /// A client that shows the host's answers as they are: redirects and statuses.
    fn agent() -> ureq::Agent {
        ureq::Agent::config_builder()
            .max_redirects(0)
            .http_status_as_error(false)
            .build()
            .into()
    }

    /// Joins with the room's short code `door`, as the join page posts it.
    fn join(base: &str, door: &str, team: &str) -> Self {
        let answer = Self::agent()
            .post(format!("{base}/play/join"))
            .content_type("application/x-www-form-urlencoded")
            .send(format!("team={team}&door={door}"))
            .expect("joins");
        assert_eq!(answer.status(), 303);
        let cookie = answer
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .expect("a cookie")
            .to_string();
        Self {
            base: base.to_string(),
            cookie,
        }
    }

    fn post(&self, form: &str) {
        let answer = Self::agent()
            .post(format!("{}/play/act", self.base))
            .header("Cookie", &self.cookie)
            .content_type("application/x-www-form-urlencoded")
            .send(form.to_string())
            .expect("posts");
        assert_eq!(answer.status(), 303, "{form}");
    }

    /// Posts `form` as the page's script does, asking for the page in the answer: the
    /// status, the redirect's target if any, and the body.
    fn post_for_page(&self, form: &str) -> (u16, Option<String>, String) {
        let mut answer = Self::agent()
            .post(format!("{}/play/act", self.base))
            .header("Cookie", &self.cookie)
            .header("x-multiplier-page", "1")
            .content_type("application/x-www-form-urlencoded")
            .send(form.to_string())
            .expect("posts");
        let location = (answer.headers().get("location"))
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let body = answer.body_mut().read_to_string().expect("a body");
        (answer.status().as_u16(), location, body)
    }

    fn page(&self, path: &str) -> String {
        ureq::get(format!("{}{path}", self.base))
            .header("Cookie", &self.cookie)
            .call()
            .and_then(|mut r| r.body_mut().read_to_string())
            .expect("a page")
    }
}

/// A week's End sent twice (a second click before the page came back, a form sent again
/// after the host was slow to answer) ends one week; Undo sent twice takes one back; Add
/// sent twice adds once, and Remove twice takes one entry out. The page's End and Undo name
/// the week they were drawn at, its Add, Remove and Clear the plan; a form without one is
/// taken as before.
#[test]
fn a_form_sent_twice_does_its_work_once() {
    let dir = folder("browser-twice");
    let running = host(&dir, Pacing::Free);
    let base = format!("http://{}", running.addr());
    let table = Forms::join(&base, &running.door(), "Double Clickers");
    table.post("do=begin");
    let weeks = || {
        let (_, csv) =
            super::room::get(&running, &format!("/room/tables.csv?key={}", running.key()));
        csv.lines()
            .find_map(|l| l.strip_prefix("Double Clickers,"))
            .and_then(|rest| rest.split(',').next())
            .and_then(|w| w.parse::<u32>().ok())
            .expect("the table's row")
    };
    let week_of = |page: &str| {
        let week = between(page, r#"name="week" value=""#, "\"").to_string();
        assert!(!week.is_empty(), "the page's End names no week: {page}");
        week
    };
    for _ in 0..2 {
        let week = week_of(&table.page("/play"));
        table.post("do=add&action=explain");
        table.post(&format!("do=end&week={week}"));
        // Any event answered, so that nothing but the week named stops the second End.
        table.post("do=decide&choice=0");
        table.post(&format!("do=end&week={week}"));
        table.post("do=decide&choice=0");
    }
    assert_eq!(weeks(), 2, "two Ends sent twice each ended two weeks");
    let week = week_of(&table.page("/play"));
    table.post(&format!("do=undo&week={week}"));
    table.post(&format!("do=undo&week={week}"));
    assert_eq!(weeks(), 1, "Undo sent twice took one week back");

    let entries = |page: &str| page.matches(r#"name="do" value="remove""#).count();
    table.post("do=clear");
    assert_eq!(entries(&table.page("/play")), 0, "the plan cleared");
    // Without the plan named, as before: each Add adds.
    table.post("do=add&action=explain");
    table.post("do=add&action=explain");
    assert_eq!(
        entries(&table.page("/play")),
        2,
        "two Adds of the same action"
    );
    let page = table.page("/play");
    let plan = between(&page, r#"name="plan" value=""#, "\"").to_string();
    assert!(!plan.is_empty(), "the page's Add names no plan: {page}");
    table.post(&format!("do=add&action=explain&plan={plan}"));
    table.post(&format!("do=add&action=explain&plan={plan}"));
    assert_eq!(
        entries(&table.page("/play")),
        3,
        "Add sent twice added twice"
    );
    let plan = between(&table.page("/play"), r#"name="plan" value=""#, "\"").to_string();
    table.post(&format!("do=remove&index=0&plan={plan}"));
    table.post(&format!("do=remove&index=0&plan={plan}"));
    assert_eq!(
        entries(&table.page("/play")),
        2,
        "Remove sent twice took two out"
    );
    // A page drawn before a change to the plan is one the plan has moved on from.
    table.post(&format!("do=clear&plan={plan}"));
    assert_eq!(entries(&table.page("/play")), 2, "a Clear from an old page");
}

/// A form the page's script sends is answered with the page it leads to, drawn after the
/// change is made (and on disk); the same form sent by the browser itself is redirected to
/// the page, and one from a table the room does not know to the join page either way.
#[test]
fn a_form_from_the_pages_script_is_answered_with_its_page() {
    let dir = folder("browser-page-in-answer");
    let running = host(&dir, Pacing::Free);
    let base = format!("http://{}", running.addr());
    let table = Forms::join(&base, &running.door(), "Quick Readers");
    let (status, location, page) = table.post_for_page("do=begin");
    assert_eq!((status, location), (200, None));
    assert!(page.contains("Week 1 of 12"), "{page}");
    // What play.js polls is the version the page bears, as it bears it.
    let version = between(&page, r#"data-version=""#, "\"");
    assert!(
        !version.is_empty(),
        "the page's version for play.js: {page}"
    );
    assert_eq!(table.page("/play/version"), version);
    let removes = |page: &str| page.matches(r#"name="do" value="remove""#).count();
    assert_eq!(removes(&page), 0);
    let plan = between(&page, r#"name="plan" value=""#, "\"").to_string();
    let (status, _, page) = table.post_for_page(&format!("do=add&action=explain&plan={plan}"));
    assert_eq!(status, 200);
    assert_eq!(
        removes(&page),
        1,
        "the answer shows the plan with the action: {page}"
    );
    let week = between(&page, r#"name="week" value=""#, "\"").to_string();
    let (status, _, page) = table.post_for_page(&format!("do=end&week={week}"));
    assert_eq!(status, 200);
    assert!(
        page.contains("Week 2 of 12") || page.contains(r#"name="do" value="decide""#),
        "the next week, or the event it brought: {page}"
    );
    let (_, csv) = super::room::get(&running, &format!("/room/tables.csv?key={}", running.key()));
    assert!(
        csv.lines().any(|l| l.starts_with("Quick Readers,1,")),
        "the week is the room's: {csv}"
    );
    // The browser's own sending: the redirect.
    table.post("do=clear");
    // A table the room does not know: to the join page.
    let stranger = Forms {
        base: base.clone(),
        cookie: "multiplier-table=not-a-table".to_string(),
    };
    let (status, location, _) = stranger.post_for_page("do=begin");
    assert_eq!((status, location.as_deref()), (303, Some("/")));
}

/// A stream of a browser table's version: `/play/events?` with the table's cookie.
fn version_stream(addr: std::net::SocketAddr, cookie: &str) -> (String, std::net::TcpStream) {
    use std::io::{Read, Write};
    let mut socket = std::net::TcpStream::connect(addr).expect("connects");
    socket
        .set_read_timeout(Some(Duration::from_millis(100)))
        .expect("a timeout");
    write!(
        socket,
        "GET /play/events HTTP/1.0\r\nHost: x\r\nCookie: {cookie}\r\n\r\n"
    )
    .expect("writes");
    let mut head = String::new();
    let start = Instant::now();
    while !head.contains("\r\n\r\n") && start.elapsed() < Duration::from_secs(5) {
        let mut buffer = [0u8; 4096];
        if let Ok(n) = socket.read(&mut buffer) {
            if n == 0 {
                break;
            }
            head.push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    }
    (head, socket)
}

/// The versions a stream says within `wait`, after what `read` holds already.
fn versions_within(
    socket: &mut std::net::TcpStream,
    read: &mut String,
    wait: Duration,
) -> Vec<String> {
    use std::io::Read;
    let start = Instant::now();
    while start.elapsed() < wait {
        let mut buffer = [0u8; 4096];
        if let Ok(n) = socket.read(&mut buffer) {
            read.push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    }
    read.split("\n\n")
        .filter_map(|event| event.strip_prefix("event: version\ndata: "))
        .map(str::to_string)
        .collect()
}

/// A browser table's open page hears its version from the host when it changes, not by
/// asking every 2 s: the version at once, then the new one when the facilitator pauses the
/// room. Only a table of the room has the stream, and a table a few at once.
#[test]
fn a_browser_tables_page_hears_when_its_version_changes() {
    let dir = folder("browser-version-stream");
    let running = host(&dir, Pacing::Free);
    let base = format!("http://{}", running.addr());
    let table = Forms::join(&base, &running.door(), "Listeners");
    table.post("do=begin");
    let before = table.page("/play/version");
    let (head, mut socket) = version_stream(running.addr(), &table.cookie);
    assert!(
        head.contains(" 200 ") && head.contains("text/event-stream"),
        "{head}"
    );
    let mut read = head
        .split_once("\r\n\r\n")
        .map(|(_, r)| r.to_string())
        .unwrap_or_default();
    let heard = versions_within(&mut socket, &mut read, Duration::from_millis(500));
    assert_eq!(heard, vec![before.clone()], "the version at once");
    let paused = ureq::post(format!("{base}/room/pause?key={}", running.key()))
        .send_empty()
        .expect("pauses");
    assert!(paused.status().is_success() || paused.status() == 303);
    // The table hears of the pause at its next sync with the room (every 2 s).
    read.clear();
    let heard = versions_within(&mut socket, &mut read, Duration::from_secs(5));
    let after = table.page("/play/version");
    assert_ne!(after, before, "a pause changes what the page shows");
    assert_eq!(heard, vec![after], "the new version, once");

    let (head, _) = version_stream(running.addr(), "multiplier-table=0123abcd");
    assert!(head.contains(" 404 "), "no stream for a stranger: {head}");
    let more: Vec<_> = (0..3)
        .map(|_| version_stream(running.addr(), &table.cookie))
        .collect();
    assert!(more.iter().all(|(head, _)| head.contains(" 200 ")));
    let (head, _) = version_stream(running.addr(), &table.cookie);
    assert!(
        head.contains(" 503 "),
        "a fifth stream of one table: {head}"
    );
}

/// A backlog longer than a screen lists its first items and a link to the rest; the page
/// the link asks for lists every open item, and an item aimed at from there stays listed
/// on the table's page, wherever it stands.
#[test]
fn a_long_backlog_lists_its_first_items_and_the_rest_on_asking() {
    let dir = folder("browser-backlog");
    let running = host(&dir, Pacing::Free);
    let base = format!("http://{}", running.addr());
    let table = Forms::join(&base, &running.door(), "Long Listers");
    table.post("do=begin");
    let items = |page: &str| page.matches(r#"name="kind" value="item""#).count();
    let page = table.page("/play");
    let first = items(&page);
    assert!(first > 0, "{page}");
    assert!(
        page.contains(r#"href="/play?backlog=all#backlog""#),
        "{page}"
    );
    let all = table.page("/play?backlog=all");
    let open = items(&all);
    assert!(open > first, "{open} items on asking, {first} before");
    let link = format!("Show all {open} items ({} more)", open - first);
    assert!(page.contains(&link), "{link}: {page}");
    assert!(!all.contains("backlog=all"), "{all}");
    let last = all
        .rsplit(r#"name="kind" value="item""#)
        .next()
        .map(|rest| between(rest, r#"name="id" value=""#, "\""))
        .unwrap_or_default()
        .to_string();
    assert!(!last.is_empty(), "{all}");
    assert!(!page.contains(&format!(r#"value="{last}""#)), "{page}");
    table.post(&format!("do=aim&kind=item&id={last}"));
    let page = table.page("/play");
    // The first items and the one aimed at (the run may start aimed at another).
    let listed = items(&page);
    assert!(
        listed <= first + 1 && listed < open,
        "{listed} of {open}: {page}"
    );
    assert!(page.contains(&format!(r#"value="{last}""#)), "{page}");
}

/// In a timed room a browser table's week ends on the host when its clock runs out, with
/// nobody clicking and whether or not the page is open; there is no Undo; a form naming no
/// table, or another kind of act, changes nothing.
#[test]
fn a_browser_tables_clock_runs_on_the_host() {
    let dir = folder("browser-timed");
    let running = host(&dir, Pacing::Timed { seconds: 2 });
    let base = format!("http://{}", running.addr());
    let table = Forms::join(&base, &running.door(), "Clock+Watchers");
    table.post("do=begin");
    table.post("do=add&action=explain");
    let page = table.page("/play");
    assert!(page.contains("Week 1 of 12"), "{page}");
    assert!(page.contains("Time left"), "{page}");
    assert!(!page.contains("Undo last week"), "no undo in a timed room");
    let version = table.page("/play/version");
    let start = Instant::now();
    loop {
        std::thread::sleep(Duration::from_millis(250));
        if table.page("/play/version") != version {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the week did not end"
        );
    }
    let page = table.page("/play");
    assert!(page.contains("Week 2 of 12"), "{page}");
    table.post("do=undo");
    assert!(table.page("/play").contains("Week 2 of 12"), "undo refused");
    // The room has the week, as it has a desktop table's.
    let key = running.key();
    let (_, csv) = super::room::get(&running, &format!("/room/weeks.csv?key={key}"));
    assert!(
        csv.lines().any(|l| l.starts_with("Clock Watchers,1,")),
        "{csv}"
    );
    // The table keeps no files on the host, and its token is nowhere on disk.
    let token = table.cookie.split_once('=').map_or("", |(_, t)| t);
    let mut files = vec![dir.clone()];
    while let Some(path) = files.pop() {
        if path.is_dir() {
            files.extend(
                std::fs::read_dir(&path)
                    .expect("a folder")
                    .map(|e| e.expect("an entry").path()),
            );
        } else {
            let bytes = std::fs::read(&path).expect("readable");
            assert!(
                !bytes.windows(token.len()).any(|w| w == token.as_bytes()),
                "{} holds the table's token",
                path.display()
            );
        }
    }
    assert!(token.len() >= 32, "a token: {token}");
    // Without the cookie, or with a made-up one, the table's pages are not reached.
    let stranger = Forms {
        base: base.clone(),
        cookie: "multiplier-table=00000000000000000000000000000000".into(),
    };
    stranger.post("do=end");
    assert!(
        !stranger.page("/").contains("Week"),
        "a made-up cookie is no table"
    );
}

/// A browser table previews what each action does this week and by the end of the run,
/// unless the room was opened with no previews.
#[test]
fn a_browser_table_previews_actions_unless_the_room_says_no() {
    use multiplier::host::Server;
    use multiplier::room::{self, Rules};
    use multiplier::workshop::Code;
    for previews in [true, false] {
        let dir = folder(&format!("browser-previews-{previews}"));
        let code = Code::parse("first-week-31").expect("a code");
        let source = super::room::source();
        let rules = Rules {
            pacing: Pacing::Free,
            previews,
        };
        let opened =
            room::open(&dir, &code, "first-week.ron", source, rules, 1_796_119_200).expect("opens");
        let running = Server::bind(
            opened,
            dir.clone(),
            std::net::SocketAddr::from(([127, 0, 0, 1], 0)),
        )
        .expect("binds")
        .spawn();
        let table = Forms::join(
            &format!("http://{}", running.addr()),
            &running.door(),
            "Lookers",
        );
        table.post("do=begin");
        let page = table.page("/play");
        assert!(page.contains("Week 1 of 12"), "{page}");
        // Each action offers its preview; none is worked out until it is opened.
        assert_eq!(
            page.contains(r#"data-action="explain""#),
            previews,
            "previews {previews}"
        );
        assert!(!page.contains("This week: Output"), "{page}");
        // Opened: fetched by the page's script, or drawn in the page its link asks for.
        for shown in [
            table.page("/play/preview?action=explain"),
            table.page("/play?preview=explain"),
        ] {
            assert_eq!(
                shown.contains("This week: Output"),
                previews,
                "previews {previews}: {shown}"
            );
            assert_eq!(
                shown.contains("by the end of the run (week 12)")
                    && shown.contains("Estimates over"),
                previews,
                "previews {previews}: {shown}"
            );
        }
    }
}

/// A remote room: the host behind Caddy speaking TLS (a certificate from Caddy's own local
/// authority) with `--public-url`'s settings. A browser table joins at the public address
/// with the room's code and reaches its briefing; the facilitator's page, through the proxy,
/// shows a table that joins later without a reload (server-sent events pass unbuffered).
/// Skipped where Caddy is not installed (.ci/run installs it).
#[test]
fn a_room_behind_a_tls_proxy_plays_in_a_browser() {
    let test = "a_room_behind_a_tls_proxy_plays_in_a_browser";
    let dir = folder("browser-tls");
    let Some((running, proxy)) = behind_caddy(test, &dir) else {
        return;
    };
    let public = proxy.public.clone();
    let Some(browser) = Browser::start(test) else {
        return;
    };
    let seen = (|| {
        browser.open(&format!("{public}/{}", running.door()));
        browser.type_into("#team", "Far Away");
        browser.click("button[type=submit]");
        let briefing =
            browser.run("return document.location.href + ' ' + document.body.innerText;");
        if !briefing.contains("/play") {
            return Err(format!("the table did not reach its page: {briefing}"));
        }
        browser.open(&format!("{public}/room?key={}", running.key()));
        client::join(&address(&running), "Later Larks", None).map_err(|e| e.to_string())?;
        let start = Instant::now();
        loop {
            let page = browser.run("return document.getElementById('live').innerText;");
            if page.contains("Far Away") && page.contains("Later Larks") {
                return Ok(page);
            }
            if start.elapsed() > Duration::from_secs(20) {
                return Err(format!("the facilitator's page did not follow: {page}"));
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    })();
    drop(proxy);
    if let Err(why) = seen {
        panic!("{why}");
    }
}
