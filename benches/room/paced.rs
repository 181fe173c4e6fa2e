//! A room at a human pace: tables join over a few seconds, then each ends a week every 2 to
//! 10 s (a group of them in step, all at once every 5 s), some as `join` bots do (the
//! tables' API) and the rest as browsers do (the join page, forms, the page after each
//! form, a few actions' previews opened each week, the version polled every 2 s); the
//! facilitator opens the page, pauses and resumes,
//! downloads the CSV and reopens the live stream now and then, and keeps one stream open
//! throughout. The host is the `multiplier` binary in a process of its own
//! ([`Shipped`]), so its CPU is what ships: its allocator, none of the tables' threads.
//! Prints the host's CPU a table-week, p50 and p99 per kind of request, the stream's bytes a second and how
//! long a week answered takes to reach it, and, with `--chromium` (Chromium and ChromeDriver
//! installed), the facilitator's page in headless Chromium: its CPU (and, for scale, its
//! CPU over 5 s with the page open on the empty room, 5 s after it opened) and how long a
//! week takes to show in its DOM.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use multiplier::room::{Address, SentWeek, SyncRequest, client};
use multiplier::runlog::SavedWeek;
use multiplier::sim::{Policy, play};
use multiplier::workshop::HashedScenario;

use super::shipped::Shipped;
use super::webdriver::Chromium;

/// How long the facilitator's browser is watched with the page open on the empty room.
const IDLE: Duration = Duration::from_secs(5);

/// What the paced room is asked to be.
pub struct Plan {
    /// Tables in all.
    pub tables: usize,
    /// How many of them play in a browser.
    pub browsers: usize,
    /// How long the tables play, after they have joined.
    pub seconds: u64,
    /// How many actions' previews ("What if?") a browser table opens each week: all but one
    /// before it adds its action, the last one after (the plan then changed, so that one
    /// is worked out against the new plan).
    pub previews: usize,
    /// Whether the facilitator's page is opened in headless Chromium.
    pub chromium: bool,
    /// The `multiplier` binary that hosts the room.
    pub host: PathBuf,
}

/// Latencies by kind of request, and when each table's week was answered.
#[derive(Default)]
struct Log {
    times: Mutex<HashMap<&'static str, Vec<Duration>>>,
    /// (team, weeks ended) → when the week's last request was answered (ms since 1970).
    answered: Mutex<HashMap<(String, u32), u64>>,
    refused: Mutex<HashMap<&'static str, usize>>,
}

impl Log {
    fn time<T>(&self, kind: &'static str, f: impl FnOnce() -> T) -> T {
        let start = Instant::now();
        let out = f();
        let took = start.elapsed();
        self.times
            .lock()
            .unwrap()
            .entry(kind)
            .or_default()
            .push(took);
        out
    }

    fn refused(&self, kind: &'static str) {
        *self.refused.lock().unwrap().entry(kind).or_default() += 1;
    }

    fn answered(&self, team: &str, weeks: u32) {
        self.answered
            .lock()
            .unwrap()
            .entry((team.to_string(), weeks))
            .or_insert_with(now_ms);
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

/// A small random source (xorshift), seeded per table: the bench needs spread, not quality.
struct Dice(u64);

impl Dice {
    fn between(&mut self, low: f64, high: f64) -> f64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        low + (self.0 % 10_000) as f64 / 10_000.0 * (high - low)
    }
}

/// When a table ends its next week: in step, at the room's next 5 s beat; otherwise 2–10 s
/// after its last.
fn next_week(in_step: bool, start: Instant, dice: &mut Dice) -> Instant {
    if in_step {
        let beat = 5.0;
        let since = start.elapsed().as_secs_f64();
        let next = ((since / beat).floor() + 1.0) * beat + dice.between(0.0, 0.3);
        start + Duration::from_secs_f64(next)
    } else {
        Instant::now() + Duration::from_secs_f64(dice.between(2.0, 10.0))
    }
}

fn sleep_until(at: Instant) {
    let now = Instant::now();
    if at > now {
        std::thread::sleep(at - now);
    }
}

pub fn run(plan: &Plan) {
    let Some(host) = Shipped::start(&plan.host, plan.tables) else {
        eprintln!("the host did not start: nothing measured");
        return;
    };
    let base = format!("http://{}", host.addr);
    let key = host.key.clone();
    let log = Arc::new(Log::default());
    let stop = Arc::new(AtomicBool::new(false));
    let scenario = HashedScenario::resolve("brilliant-team")
        .expect("built-in")
        .scenario;

    // The facilitator's own stream, open throughout: its bytes, and when each week shows.
    let stream = {
        let (addr, key, stop) = (host.addr, key.clone(), stop.clone());
        std::thread::spawn(move || follow(addr, &key, &stop))
    };
    let chromium = plan
        .chromium
        .then(|| Chromium::start(&format!("{base}/room?key={key}")))
        .flatten();
    // The browser's own floor: its CPU with the page open on the empty room, before any
    // table joins (a headless Chromium takes some doing nothing).
    let idle = chromium.as_ref().map(|c| {
        // Past the browser's own start-up work first.
        std::thread::sleep(IDLE);
        let (before, from) = (c.cpu_seconds(), Instant::now());
        std::thread::sleep(IDLE);
        (c.cpu_seconds() - before) / from.elapsed().as_secs_f64()
    });

    let start = Instant::now();
    let joined_by = start + Duration::from_secs(6);
    let tables: Vec<_> = (0..plan.tables)
        .map(|i| {
            let browser = i < plan.browsers;
            let in_step = i % 5 == 0;
            let (log, stop, base, scenario) =
                (log.clone(), stop.clone(), base.clone(), scenario.clone());
            let at = Address::parse(&format!("{}/{}", host.addr, host.door)).expect("an address");
            let door = host.door.clone();
            let (seconds, previews) = (plan.seconds, plan.previews);
            std::thread::spawn(move || {
                let mut dice = Dice(0x9E37_79B9_7F4A_7C15 ^ ((i as u64 + 1) * 0x1000_0001));
                // Tables arrive over the first five seconds.
                sleep_until(start + Duration::from_secs_f64(dice.between(0.0, 5.0)));
                let until = joined_by + Duration::from_secs(seconds);
                if browser {
                    let table = BrowserTable {
                        i,
                        base: &base,
                        door: &door,
                        previews,
                    };
                    table.play(&log, &stop, until, in_step, &mut dice);
                } else {
                    let game = play(&scenario, Policy::ALL[i % Policy::ALL.len()], 4821);
                    bot_table(i, &at, game.log(), &log, until, in_step, &mut dice);
                }
            })
        })
        .collect();

    sleep_until(joined_by);
    let cpu = chromium.as_ref().map(Chromium::cpu_seconds);
    let (own_cpu, host_cpu) = (super::cpu_seconds(), host.cpu_seconds());
    let window = Instant::now();
    let facilitator = {
        let (log, stop, base, key) = (log.clone(), stop.clone(), base.clone(), key.clone());
        let addr = host.addr;
        std::thread::spawn(move || facilitator(addr, &base, &key, &log, &stop))
    };
    for t in tables {
        t.join().expect("a table");
    }
    let seconds = window.elapsed().as_secs_f64();
    let own_cpu = super::cpu_seconds() - own_cpu;
    let host_cpu = host.cpu_seconds() - host_cpu;
    let cpu = chromium
        .as_ref()
        .zip(cpu)
        .map(|(c, before)| c.cpu_seconds() - before);
    // A beat more for the last weeks to show.
    std::thread::sleep(Duration::from_secs(2));
    let shown_in_dom = chromium.as_ref().map(Chromium::shown);
    stop.store(true, Ordering::SeqCst);
    facilitator.join().expect("the facilitator");
    let (bytes_in_window, shown_in_stream) = stream.join().expect("the stream");
    report(plan, &log, seconds, bytes_in_window, &shown_in_stream);
    let weeks = log.answered.lock().unwrap().len().max(1) as f64;
    println!(
        "the host ({}, a process of its own): {host_cpu:.2} s of CPU, {:.2} ms a table-week (browser tables' pages drawn on the host included), peak memory {} MiB; the tables' clients (the bench's process): {own_cpu:.2} s, {:.2} ms",
        plan.host.display(),
        host_cpu * 1000.0 / weeks,
        host.peak_rss_kib() / 1024,
        own_cpu * 1000.0 / weeks
    );
    if let (Some(cpu), Some(shown)) = (cpu, shown_in_dom) {
        println!(
            "facilitator's headless Chromium: {:.1}% of a core over {seconds:.0} s (every Chromium process: {cpu:.2} s of CPU); {:.1}% with the page open on the empty room, before the tables joined",
            cpu / seconds * 100.0,
            idle.unwrap_or(0.0) * 100.0
        );
        latency("a week answered → shown in the page's DOM", &log, &shown);
    } else if plan.chromium {
        println!("facilitator's Chromium: not measured (no chromedriver or /usr/bin/chromium)");
    }
    drop(chromium);
    drop(host);
}

/// A table as `multiplier join` plays it: joins, then sends each week as it ends.
fn bot_table(
    i: usize,
    at: &Address,
    weeks: &[multiplier::sim::WeekLog],
    log: &Log,
    until: Instant,
    in_step: bool,
    dice: &mut Dice,
) {
    let team = format!("Bot {i}");
    let joined = log.time("join (tables' API)", || client::join(at, &team, None));
    let Ok(joined) = joined else {
        log.refused("join (tables' API)");
        return;
    };
    let start = Instant::now();
    let mut w = 0;
    while w < weeks.len() {
        let next = next_week(in_step, start, dice);
        if next >= until {
            break;
        }
        sleep_until(next);
        let request = SyncRequest {
            from: w as u32,
            weeks: vec![SentWeek {
                week: SavedWeek::from(&weeks[w]),
                ended_at: now_ms() / 1000,
            }],
            planned: 20.0,
            hours: 40.0,
            left: None,
        };
        match log.time("week (tables' API)", || {
            client::sync(at, &joined.token, &request)
        }) {
            Ok(synced) => {
                w = synced.weeks as usize;
                log.answered(&team, synced.weeks);
            }
            Err(_) => log.refused("week (tables' API)"),
        }
    }
}

/// A browser's agent: each answer as it is (a form's redirect is followed by the next
/// request, timed on its own, as a browser's next page is).
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// A table in a browser: its place among the tables, the room's address and code, and how
/// many previews its player opens a week.
struct BrowserTable<'a> {
    i: usize,
    base: &'a str,
    door: &'a str,
    previews: usize,
}

/// The value of the first `name="…"` field of a page's forms, as the browser sends it.
fn field(page: &str, name: &str) -> Option<String> {
    let from = format!("name=\"{name}\" value=\"");
    let rest = page.split_once(&from)?.1;
    Some(rest.split('"').next()?.to_string())
}

/// The actions a page offers a "What if?" for.
fn whatifs(page: &str) -> Vec<String> {
    page.split("data-action=\"")
        .skip(1)
        .filter_map(|rest| Some(rest.split('"').next()?.to_string()))
        .collect()
}

impl BrowserTable<'_> {
    /// Plays as a player in a browser does: the room's address, the join form, the
    /// briefing, then each week a few actions' previews opened, an action planned, the week
    /// ended and any event answered, each form as `play.js` sends it (its fields the page's
    /// own: the plan's revision, the week; the page it leads to in the answer), the page's
    /// stream of its version open throughout, as `play.js` does. The join form is the
    /// browser's own, followed by the page its redirect names.
    fn play(&self, log: &Log, stop: &AtomicBool, until: Instant, in_step: bool, dice: &mut Dice) {
        let (base, door) = (self.base, self.door);
        let agent = agent();
        let team = format!("Browser {}", self.i);
        let origin = base.to_string();
        let get = |path: &str, kind: &'static str, cookie: &str| {
            log.time(kind, || {
                agent
                    .get(format!("{base}{path}"))
                    .header("Cookie", cookie)
                    .call()
                    .ok()
                    .and_then(|mut r| r.body_mut().read_to_string().ok())
            })
        };
        let post = |path: &str, form: &str, kind: &'static str, cookie: &str| {
            log.time(kind, || {
                agent
                    .post(format!("{base}{path}"))
                    .header("Cookie", cookie)
                    .header("Origin", &origin)
                    .content_type("application/x-www-form-urlencoded")
                    .send(form.to_string())
                    .ok()
            })
        };
        // A form as `play.js` sends it: the page it leads to comes in the answer.
        let act = |form: &str, cookie: &str| {
            log.time("form, page in the answer (browser)", || {
                agent
                    .post(format!("{base}/play/act"))
                    .header("Cookie", cookie)
                    .header("Origin", &origin)
                    .header("x-multiplier-page", "1")
                    .content_type("application/x-www-form-urlencoded")
                    .send(form.to_string())
                    .ok()
                    .filter(|r| r.status() == 200)
                    .and_then(|mut r| r.body_mut().read_to_string().ok())
            })
        };
        // Opens the preview of one of the actions the page offers, picked at random.
        let open = |page: &str, dice: &mut Dice, cookie: &str| {
            let offered = whatifs(page);
            if !offered.is_empty() {
                let pick = dice.between(0.0, offered.len() as f64) as usize;
                let id = &offered[pick.min(offered.len() - 1)];
                get(
                    &format!("/play/preview?action={id}"),
                    "preview opened (browser)",
                    cookie,
                );
            }
        };
        get(&format!("/{door}"), "join page (browser)", "");
        let Some(joined) = post(
            "/play/join",
            &format!("team={team}&door={door}"),
            "join (browser form)",
            "",
        ) else {
            log.refused("join (browser form)");
            return;
        };
        let Some(cookie) = joined
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .map(str::to_string)
        else {
            log.refused("join (browser form)");
            return;
        };
        get("/play", "play page (browser)", &cookie);
        // The page's stream of its version, open while the table plays (read and left).
        let events = log.time("version stream opened (browser)", || {
            agent
                .get(format!("{base}/play/events"))
                .header("Cookie", &cookie)
                .call()
                .ok()
        });
        if let Some(mut events) = events {
            std::thread::spawn(move || {
                let mut reader = events.body_mut().as_reader();
                let _ = std::io::copy(&mut reader, &mut std::io::sink());
            });
        }
        let mut page = act("do=begin", &cookie).unwrap_or_default();
        let start = Instant::now();
        let mut shown_week = 0;
        loop {
            let next = next_week(in_step, start, dice);
            if next >= until || stop.load(Ordering::SeqCst) {
                break;
            }
            sleep_until(next);
            for _ in 1..self.previews {
                open(&page, dice, &cookie);
            }
            let plan = field(&page, "plan").unwrap_or_default();
            page = act(&format!("do=add&action=explain&plan={plan}"), &cookie).unwrap_or_default();
            if self.previews > 0 {
                open(&page, dice, &cookie);
            }
            let week = field(&page, "week").unwrap_or_default();
            let answer = act(&format!("do=end&week={week}"), &cookie);
            let ended_at = now_ms();
            let ended = answer.is_some();
            page = answer.unwrap_or_default();
            if page.contains("name=\"choice\"") || page.contains("do=decide") {
                page = act("do=decide&choice=0", &cookie).unwrap_or_default();
            }
            // The week the page is at now ("Week 4 of 26": three ended).
            let week = page
                .split("Week ")
                .filter_map(|rest| rest.split(" of ").next()?.parse::<u32>().ok())
                .next();
            if let (true, Some(week)) = (ended, week) {
                let weeks = week.saturating_sub(1);
                if weeks > shown_week {
                    shown_week = weeks;
                    log.answered
                        .lock()
                        .unwrap()
                        .entry((team.clone(), weeks))
                        .or_insert(ended_at);
                }
            }
            if page.contains("debrief") && week.is_none() {
                break;
            }
        }
    }
}

/// The facilitator, every 10 s: the page, a pause and a resume, the tables' CSV, and the
/// live stream opened anew up to its first byte.
fn facilitator(addr: SocketAddr, base: &str, key: &str, log: &Log, stop: &AtomicBool) {
    let agent = agent();
    while !stop.load(Ordering::SeqCst) {
        log.time("facilitator's page", || {
            agent
                .get(format!("{base}/room?key={key}"))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_to_string().ok())
        });
        for action in ["pause", "resume"] {
            log.time("facilitator's action (pause, resume)", || {
                agent
                    .post(format!("{base}/room/{action}?key={key}"))
                    .header("Origin", base)
                    .send_empty()
                    .ok()
            });
        }
        log.time("download (tables.csv)", || {
            agent
                .get(format!("{base}/room/tables.csv?key={key}"))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_to_string().ok())
        });
        log.time("live stream, whole view (first event)", || {
            let mut s = TcpStream::connect(addr).ok()?;
            write!(s, "GET /room/live?key={key} HTTP/1.0\r\nHost: x\r\n\r\n").ok()?;
            let (mut read, mut buffer) = (String::new(), vec![0u8; 1 << 16]);
            while !read
                .split_once("event: room")
                .is_some_and(|(_, event)| event.contains("\n\n"))
            {
                let n = s.read(&mut buffer).ok().filter(|n| *n > 0)?;
                read.push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
            Some(())
        });
        for _ in 0..20 {
            if stop.load(Ordering::SeqCst) {
                return;
            }
            std::thread::sleep(Duration::from_millis(500));
        }
    }
}

/// The facilitator's stream, read until told to stop: the bytes that came after the tables
/// joined (with the time they were counted over), and when each (team, weeks) first showed.
fn follow(
    addr: SocketAddr,
    key: &str,
    stop: &AtomicBool,
) -> ((usize, f64), HashMap<(String, u32), u64>) {
    let mut shown = HashMap::new();
    let Ok(mut s) = TcpStream::connect(addr) else {
        return ((0, 0.0), shown);
    };
    let _ = s.set_read_timeout(Some(Duration::from_millis(200)));
    let _ = write!(s, "GET /room/live?key={key} HTTP/1.0\r\nHost: x\r\n\r\n");
    let start = Instant::now();
    let (mut counted, mut since) = (0usize, None::<Instant>);
    let mut text = String::new();
    let mut buffer = vec![0u8; 1 << 16];
    while !stop.load(Ordering::SeqCst) {
        let Ok(n) = s.read(&mut buffer) else { continue };
        if n == 0 {
            break;
        }
        let at = now_ms();
        // Counted from when every table has joined (the whole view is sent again as each
        // joins), 6 s in.
        if start.elapsed() >= Duration::from_secs(6) {
            since.get_or_insert_with(Instant::now);
            counted += n;
        }
        text.push_str(&String::from_utf8_lossy(&buffer[..n]));
        while let Some((event, rest)) = text.split_once("\n\n") {
            for (team, weeks) in rows(event) {
                shown.entry((team, weeks)).or_insert(at);
            }
            text = rest.to_string();
        }
    }
    let seconds = since.map_or(0.0, |s| s.elapsed().as_secs_f64());
    ((counted, seconds), shown)
}

/// Each row's team and weeks in a piece of the live view.
pub fn rows(html: &str) -> Vec<(String, u32)> {
    html.split("<tr id=\"row-")
        .skip(1)
        .filter_map(|row| {
            // A cell's text, after its tag and whatever attributes it has.
            let mut cells = row
                .split("<td")
                .skip(1)
                .filter_map(|cell| cell.split_once('>').map(|(_, text)| text));
            let team = cells.next()?.split("</td>").next()?.to_string();
            let weeks = cells.next()?.split(" / ").next()?.trim().parse().ok()?;
            Some((team, weeks))
        })
        .collect()
}

fn quantile(times: &mut [Duration], p: f64) -> f64 {
    times.sort();
    let i = ((times.len() as f64 * p) as usize).min(times.len().saturating_sub(1));
    times.get(i).map_or(0.0, |t| t.as_secs_f64() * 1000.0)
}

/// How long answered weeks took to show, from the times they were answered and shown.
fn latency(what: &str, log: &Log, shown: &HashMap<(String, u32), u64>) {
    let answered = log.answered.lock().unwrap();
    let mut times: Vec<Duration> = Vec::new();
    let mut missing = 0;
    for (week, at) in answered.iter() {
        match shown.get(week) {
            Some(&seen) => times.push(Duration::from_millis(seen.saturating_sub(*at))),
            None => missing += 1,
        }
    }
    let most = times.iter().max().map_or(0.0, |t| t.as_secs_f64() * 1000.0);
    println!(
        "{what}: {} weeks, p50 {:.0} ms, p99 {:.0} ms, most {:.0} ms; {missing} never shown (a later week of the same table came in the same beat)",
        times.len(),
        quantile(&mut times, 0.5),
        quantile(&mut times, 0.99),
        most,
    );
}

fn report(
    plan: &Plan,
    log: &Log,
    seconds: f64,
    (bytes, over): (usize, f64),
    shown: &HashMap<(String, u32), u64>,
) {
    let answered = log.answered.lock().unwrap().len();
    println!(
        "{} tables ({} in a browser over HTTP, each opening {} previews a week, {} through the tables' API), {seconds:.0} s of play: {answered} weeks answered ({:.1} a second)",
        plan.tables,
        plan.browsers,
        plan.previews,
        plan.tables - plan.browsers,
        answered as f64 / seconds,
    );
    println!(
        "{:<40} {:>7} {:>9} {:>9} {:>9}",
        "request", "count", "p50 ms", "p99 ms", "most ms"
    );
    let mut times = log.times.lock().unwrap();
    let mut kinds: Vec<_> = times.keys().copied().collect();
    kinds.sort_unstable();
    for kind in kinds {
        let list = times.get_mut(kind).expect("a kind");
        let most = list.iter().max().map_or(0.0, |t| t.as_secs_f64() * 1000.0);
        println!(
            "{kind:<40} {:>7} {:>9.1} {:>9.1} {:>9.1}",
            list.len(),
            quantile(list, 0.5),
            quantile(list, 0.99),
            most
        );
    }
    drop(times);
    for (kind, n) in log.refused.lock().unwrap().iter() {
        println!("refused or failed: {kind}: {n}");
    }
    println!(
        "facilitator's stream: {:.1} KB/s ({bytes} bytes over {over:.0} s after every table joined)",
        bytes as f64 / over.max(1.0) / 1000.0
    );
    latency("a week answered → in the facilitator's stream", log, shown);
}
