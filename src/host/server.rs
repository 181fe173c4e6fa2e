//! The room's HTTP server: a few worker threads over `tiny_http`, one thread per live view
//! (server-sent events), and a ticker that moves an in-step room on when its time is up.
//!
//! - `POST /api/join`, `POST /api/sync`: the tables' API, RON in and out; a table names
//!   itself with its token (`Authorization: Bearer …`).
//! - `GET /room?key=…`: the facilitator's view; `/room/live` its pushed updates; `POST
//!   /room/pause`, `/room/resume`, `/room/advance`; `/room/report.html`, `/room/tables.csv`,
//!   `/room/weeks.csv`: the downloads. Every one needs the room's key.
//! - `GET /`: the projector's view (how to join, the quadrant without team names); `/live`.
//!
//! Requests are capped in size, every change is in the journal before it is answered, and
//! the server binds only to the address it is given.

use std::io::{Read, Write};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use tiny_http::{Header, Method, Request, Response};

use super::pages::{self, Bots};
use super::{browser, qr, table_pages};
use crate::room::journal::{Journal, JournalError};
use crate::room::rules::{Change, Record, Room, RoomError};
use crate::room::wire::{JoinRequest, Joined, Refused, SyncRequest, Synced, now_ms};
use crate::room::{Opened, secret};
use crate::workshop::{RESULT_SUFFIX, Report};

/// The largest request body the room reads: a whole 52-week run is a few dozen KiB.
pub const MAX_BODY: usize = 1024 * 1024;

/// The most live views open at once (each holds a thread).
pub const MAX_STREAMS: usize = 32;

/// Worker threads answering requests.
const WORKERS: usize = 4;

/// Why the room could not start.
#[derive(Debug, thiserror::Error)]
pub enum HostError {
    /// The address could not be bound.
    #[error("cannot listen on {addr}: {why} (is another host running there? try another --port)")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// Why.
        why: String,
    },
}

/// The room and its journal, behind one lock: a change is checked, journaled and applied
/// without another request in between.
struct Host {
    room: Room,
    journal: Journal,
}

/// What every thread shares.
pub(super) struct Shared {
    host: Mutex<Host>,
    /// Signalled whenever the room's version changes.
    changed: Condvar,
    bots: Bots,
    pub(super) folder: PathBuf,
    pub(super) joins: Vec<String>,
    qr: Option<String>,
    streams: AtomicUsize,
    /// Counts the ticker's redraws of the live views (clocks and links change without a
    /// change to the room).
    beats: AtomicU64,
    stop: AtomicBool,
    /// The tables that play in a browser, served by the host.
    pub(super) tables: browser::Tables,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Host> {
        // A worker that panicked mid-request leaves a room whose journal is still the truth.
        self.host.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A bound room, not yet serving.
pub struct Server {
    http: Arc<tiny_http::Server>,
    shared: Arc<Shared>,
    addr: SocketAddr,
}

/// A room serving on its own threads; dropping it stops them.
pub struct Running {
    http: Arc<tiny_http::Server>,
    shared: Arc<Shared>,
    threads: Vec<JoinHandle<()>>,
    addr: SocketAddr,
}

impl Server {
    /// Binds the room in `folder` to `bind`.
    pub fn bind(opened: Opened, folder: PathBuf, bind: SocketAddr) -> Result<Self, HostError> {
        let http = tiny_http::Server::http(bind).map_err(|e| HostError::Bind {
            addr: bind,
            why: e.to_string(),
        })?;
        let addr = http.server_addr().to_ip().unwrap_or(bind);
        let joins = join_addresses(addr);
        let qr = joins
            .first()
            .and_then(|j| qr::svg(&format!("http://{j}/"), 260));
        let bots = Bots::of(&opened.room);
        let shared = Arc::new(Shared {
            host: Mutex::new(Host {
                room: opened.room,
                journal: opened.journal,
            }),
            changed: Condvar::new(),
            bots,
            folder,
            joins,
            qr,
            streams: AtomicUsize::new(0),
            beats: AtomicU64::new(0),
            stop: AtomicBool::new(false),
            tables: browser::Tables::default(),
        });
        Ok(Self {
            http: Arc::new(http),
            shared,
            addr,
        })
    }

    /// The address the room listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The room's workshop code.
    pub fn code(&self) -> String {
        self.shared.lock().room.config().code.clone()
    }

    /// The addresses tables type to join (host and port).
    pub fn joins(&self) -> &[String] {
        &self.shared.joins
    }

    /// The facilitator's private link.
    pub fn facilitator_link(&self) -> String {
        let key = self.shared.lock().room.config().key.clone();
        let host = self
            .shared
            .joins
            .first()
            .cloned()
            .unwrap_or_else(|| self.addr.to_string());
        format!("http://{host}/room?key={key}")
    }

    /// Serves on threads of its own until the returned handle is dropped.
    pub fn spawn(self) -> Running {
        let mut threads = Vec::new();
        for _ in 0..WORKERS {
            let (http, shared) = (self.http.clone(), self.shared.clone());
            threads.push(std::thread::spawn(move || serve(&http, &shared)));
        }
        let shared = self.shared.clone();
        threads.push(std::thread::spawn(move || tick(&shared)));
        Running {
            http: self.http,
            shared: self.shared,
            threads,
            addr: self.addr,
        }
    }
}

impl Running {
    /// The address the room listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The facilitator's key.
    pub fn key(&self) -> String {
        self.shared.lock().room.config().key.clone()
    }

    /// Waits until the server stops (never, unless it is told to).
    pub fn wait(mut self) {
        for t in std::mem::take(&mut self.threads) {
            let _ = t.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        self.shared.changed.notify_all();
        for _ in 0..WORKERS {
            self.http.unblock();
        }
        for t in std::mem::take(&mut self.threads) {
            let _ = t.join();
        }
    }
}

/// The addresses to give tables: the one bound, or every IPv4 address of this machine when
/// bound to all of them (the local network's first, this machine's own last).
fn join_addresses(addr: SocketAddr) -> Vec<String> {
    let port = addr.port();
    if !addr.ip().is_unspecified() {
        return vec![addr.to_string()];
    }
    let mut ips: Vec<IpAddr> = if_addrs::get_if_addrs()
        .map(|list| {
            list.into_iter()
                .map(|i| i.ip())
                .filter(IpAddr::is_ipv4)
                .collect()
        })
        .unwrap_or_default();
    ips.sort_by_key(|ip| (ip.is_loopback(), *ip));
    ips.dedup();
    if ips.is_empty() {
        ips.push(IpAddr::from([127, 0, 0, 1]));
    }
    ips.into_iter().map(|ip| format!("{ip}:{port}")).collect()
}

/// A worker: answers requests until the server stops.
fn serve(http: &tiny_http::Server, shared: &Arc<Shared>) {
    while !shared.stop.load(Ordering::SeqCst) {
        match http.recv() {
            Ok(request) => handle(request, shared),
            Err(_) => break,
        }
    }
}

/// The ticker: moves an in-step room on when it is due, and redraws the live views every
/// two seconds (clocks count down, tables go offline).
fn tick(shared: &Arc<Shared>) {
    let mut beats = 0u32;
    while !shared.stop.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(500));
        beats += 1;
        {
            let mut host = shared.lock();
            let now = now_ms();
            if let Some(change) = host.room.due(now) {
                if let Err(e) = commit(&mut host, shared, change) {
                    eprintln!("multiplier host: {e}");
                }
            } else if beats.is_multiple_of(4) {
                shared.beats.fetch_add(1, Ordering::SeqCst);
                shared.changed.notify_all();
            }
        }
        // The browser tables' clocks run on the host (the room's lock is taken after the
        // tables', never the other way round).
        shared.tables.tick(shared, 0.5);
    }
}

/// Journals a change and applies it; a write that fails changes nothing.
fn commit(host: &mut Host, shared: &Shared, change: Change) -> Result<(), JournalError> {
    host.journal.append(change.record())?;
    let table = match change.record() {
        Record::Weeks { table, .. } => Some(*table),
        _ => None,
    };
    host.room.commit(change);
    // A finished run's result file is written at once; the others when a report is asked
    // for (the journal holds every run meanwhile).
    if let Some(table) = table.filter(|&t| host.room.tables()[t].weeks() >= host.room.weeks()) {
        write_result(&host.room, shared, table);
    }
    shared.changed.notify_all();
    Ok(())
}

/// Writes a table's result file (of its run so far) into the room's folder, for `multiplier
/// report`; the journal holds the run already, so a failure is only reported.
fn write_result(room: &Room, shared: &Shared, table: usize) {
    let Some(result) = room.result(table) else {
        return;
    };
    let path = shared
        .folder
        .join(format!("{:02}-{}", table + 1, result.file_name()));
    if let Err(e) = result.write(&path) {
        eprintln!("multiplier host: {e}");
    }
}

/// A request's path and the value of its `key` parameter.
fn route(url: &str) -> (&str, Option<&str>) {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let key = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "key")
        .map(|(_, v)| v);
    (path, key)
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

fn text(status: u16, kind: &str, body: String) -> Reply {
    Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

fn page(body: String) -> Reply {
    text(200, "text/html; charset=utf-8", body).with_header(header(
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
    ))
}

fn ron_reply<T: Serialize>(status: u16, value: &T) -> Reply {
    let body = ron::to_string(value).unwrap_or_else(|e| format!("(error: \"{e}\")"));
    text(status, "application/ron; charset=utf-8", body)
}

fn refused(status: u16, why: impl ToString) -> Reply {
    ron_reply(
        status,
        &Refused {
            error: why.to_string(),
        },
    )
}

fn plain(status: u16, why: &str) -> Reply {
    text(status, "text/plain; charset=utf-8", format!("{why}\n"))
}

/// Reads a RON body of at most [`MAX_BODY`] bytes.
fn body<T: DeserializeOwned>(request: &mut Request) -> Result<T, Reply> {
    let text = body_text(request)?;
    ron::from_str(&text).map_err(|e| refused(400, format!("the request does not read: {e}")))
}

/// A request's body as text, at most [`MAX_BODY`] bytes.
fn body_text(request: &mut Request) -> Result<String, Reply> {
    if request.body_length().is_some_and(|n| n > MAX_BODY) {
        return Err(refused(413, "the request is too large"));
    }
    let mut bytes = Vec::new();
    let read = request
        .as_reader()
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut bytes);
    if read.is_err() {
        return Err(refused(400, "the request could not be read"));
    }
    if bytes.len() > MAX_BODY {
        return Err(refused(413, "the request is too large"));
    }
    String::from_utf8(bytes).map_err(|_| refused(400, "the request is not text"))
}

/// A browser form's fields.
fn form(request: &mut Request) -> Result<Vec<(String, String)>, Reply> {
    let text = body_text(request)?;
    Ok(form_urlencoded::parse(text.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect())
}

/// The browser table a request's cookie names, if it names one.
fn table_cookie(request: &Request) -> Option<String> {
    request
        .headers()
        .iter()
        .filter(|h| h.field.equiv("Cookie"))
        .flat_map(|h| h.value.as_str().split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == browser::COOKIE)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.chars().all(|c| c.is_ascii_hexdigit()))
}

/// A redirect after a form (the browser then asks for the page: a reload posts nothing).
fn see(location: &str) -> Reply {
    Response::from_string(String::new())
        .with_status_code(303)
        .with_header(header("Location", location))
        .with_header(header("Cache-Control", "no-store"))
}

/// The token a table sent.
fn bearer(request: &Request) -> Option<String> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Authorization"))
        .and_then(|h| h.value.as_str().strip_prefix("Bearer "))
        .map(|t| t.trim().to_string())
}

/// Compares a key without stopping at the first differing byte.
fn same_key(given: Option<&str>, key: &str) -> bool {
    let Some(given) = given else {
        return false;
    };
    given.len() == key.len()
        && given
            .bytes()
            .zip(key.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

fn handle(mut request: Request, shared: &Arc<Shared>) {
    let url = request.url().to_string();
    let (path, key) = route(&url);
    let method = request.method().clone();
    let facilitator = {
        let host = shared.lock();
        same_key(key, &host.room.config().key)
    };
    let reply = match (&method, path) {
        (
            Method::Get | Method::Post,
            "/" | "/play" | "/play/join" | "/play/act" | "/play/version",
        ) => table_request(&mut request, shared, path),
        (Method::Get, "/play.js") => text(
            200,
            "text/javascript; charset=utf-8",
            table_pages::SCRIPT.to_string(),
        ),
        (Method::Get, "/projector") => {
            let host = shared.lock();
            page(pages::projector(
                &host.room,
                &shared.bots,
                now_ms(),
                &shared.joins,
                shared.qr.as_deref(),
            ))
        }
        (Method::Get, "/room.js") => text(
            200,
            "text/javascript; charset=utf-8",
            pages::SCRIPT.to_string(),
        ),
        (Method::Get, "/live") => return stream(request, shared, false),
        (Method::Post, "/api/join") => join(&mut request, shared),
        (Method::Post, "/api/sync") => sync(&mut request, shared),
        (_, p) if p.starts_with("/room") && !facilitator => plain(
            403,
            "this page needs the facilitator's link (the one `multiplier host` printed)",
        ),
        (Method::Get, "/room") => {
            let host = shared.lock();
            let key = host.room.config().key.clone();
            let join = shared.joins.first().cloned().unwrap_or_default();
            page(pages::facilitator(
                &host.room,
                &shared.bots,
                now_ms(),
                &key,
                &join,
            ))
        }
        (Method::Get, "/room/live") => return stream(request, shared, true),
        (Method::Post, "/room/pause" | "/room/resume" | "/room/advance") => {
            control(path, shared);
            let key = key.unwrap_or_default();
            Response::from_string(String::new())
                .with_status_code(303)
                .with_header(header("Location", &format!("/room?key={key}")))
        }
        (Method::Get, "/room/tables.csv") => {
            let host = shared.lock();
            text(
                200,
                "text/csv; charset=utf-8",
                pages::tables_csv(&host.room, &shared.bots, now_ms()),
            )
            .with_header(header(
                "Content-Disposition",
                "attachment; filename=\"tables.csv\"",
            ))
        }
        (Method::Get, "/room/weeks.csv") => {
            let host = shared.lock();
            text(200, "text/csv; charset=utf-8", pages::weeks_csv(&host.room)).with_header(header(
                "Content-Disposition",
                "attachment; filename=\"weeks.csv\"",
            ))
        }
        (Method::Get, "/room/report.html") => report(shared),
        (Method::Get, _) => plain(404, "no such page"),
        _ => plain(405, "not a request this room answers"),
    };
    let _ = request.respond(reply);
}

/// A browser table's requests: the join page at the room's address, the table's page, its
/// form posts and the version its script polls.
fn table_request(request: &mut Request, shared: &Shared, path: &str) -> Reply {
    let token = table_cookie(request);
    let post = *request.method() == Method::Post;
    let join_page = |problem: Option<&str>| {
        let host = shared.lock();
        let story = &host.room.scenario().scenario.story;
        table_pages::join(&story.title, &story.pitch, problem)
    };
    let known = |token: &str| shared.tables.with(shared, token, |_| ()).is_some();
    match (post, path) {
        (false, "/") => match token {
            Some(t) if known(&t) => see("/play"),
            _ => page(join_page(None)),
        },
        (true, "/play/join") => {
            let fields = match form(request) {
                Ok(f) => f,
                Err(reply) => return reply,
            };
            let team = fields
                .iter()
                .find(|(k, _)| k == "team")
                .map_or("", |(_, v)| v.as_str());
            match shared.tables.join(shared, team) {
                Ok(token) => see("/play").with_header(header(
                    "Set-Cookie",
                    &format!(
                        "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=172800",
                        browser::COOKIE
                    ),
                )),
                Err(why) => page(join_page(Some(&why.to_string()))).with_status_code(409),
            }
        }
        (false, "/play") => {
            let Some(token) = token else {
                return see("/");
            };
            match shared.tables.with(shared, &token, table_pages::table) {
                Some(html) => page(html),
                None => see("/"),
            }
        }
        (true, "/play/act") => {
            let fields = match form(request) {
                Ok(f) => f,
                Err(reply) => return reply,
            };
            let Some(token) = token else {
                return see("/");
            };
            match browser::Act::of(&fields) {
                Some(act) => {
                    if shared.tables.act(shared, &token, act) {
                        see("/play")
                    } else {
                        see("/")
                    }
                }
                None => plain(400, "not something a table can do"),
            }
        }
        (false, "/play/version") => {
            match token.and_then(|t| shared.tables.with(shared, &t, browser::version)) {
                Some(v) => plain(200, &v),
                None => plain(404, "no such table"),
            }
        }
        _ => plain(405, "not a request this room answers"),
    }
}

fn join(request: &mut Request, shared: &Shared) -> Reply {
    let asked: JoinRequest = match body(request) {
        Ok(b) => b,
        Err(reply) => return reply,
    };
    match joined(shared, &asked) {
        Ok(joined) => ron_reply(200, &joined),
        Err(why) => refused(why.status(), why),
    }
}

/// Why the room did not take a table's join or sync: the words it answers, and the HTTP
/// status that goes with them.
#[derive(Debug, thiserror::Error)]
pub(super) enum Refusal {
    /// The room's rules say no (409), or the token names no table (404).
    #[error(transparent)]
    Room(#[from] RoomError),
    /// The system gave no randomness for a new table's token.
    #[error("cannot make a token: {0}")]
    Random(getrandom::Error),
    /// The change could not be committed, so it was not made.
    #[error("the host cannot write its journal: {0}")]
    Journal(#[from] JournalError),
    /// The new table is not in the room after its join was applied (a bug).
    #[error("the table was not kept")]
    NotKept,
}

impl Refusal {
    /// The HTTP status it is answered with.
    pub(super) fn status(&self) -> u16 {
        match self {
            Refusal::Room(RoomError::UnknownTable) => 404,
            Refusal::Room(_) => 409,
            Refusal::Random(_) | Refusal::NotKept => 500,
            Refusal::Journal(_) => 503,
        }
    }
}

/// A table joins (or, with its token, comes back): the answer, or why not.
/// Desktop tables ask over HTTP; browser tables are served on the host and ask directly.
pub(super) fn joined(shared: &Shared, asked: &JoinRequest) -> Result<Joined, Refusal> {
    let now = now_ms();
    let mut host = shared.lock();
    if let Some(token) = &asked.token {
        return host
            .room
            .table_of(token)
            .and_then(|table| host.room.joined(table, token, now))
            .ok_or(Refusal::Room(RoomError::UnknownTable));
    }
    let token = secret().map_err(Refusal::Random)?;
    let change = host.room.join(&asked.team, &token, now)?;
    commit(&mut host, shared, change)?;
    let table = host.room.tables().len() - 1;
    host.room.joined(table, &token, now).ok_or(Refusal::NotKept)
}

fn sync(request: &mut Request, shared: &Shared) -> Reply {
    let Some(token) = bearer(request) else {
        return refused(401, "the request names no table");
    };
    let asked: SyncRequest = match body(request) {
        Ok(b) => b,
        Err(reply) => return reply,
    };
    match synced(shared, &token, &asked) {
        Ok(synced) => ron_reply(200, &synced),
        Err(why) => refused(why.status(), why),
    }
}

/// A table's weeks and how its week stands, checked and kept: the room's answer, or why not.
pub(super) fn synced(shared: &Shared, token: &str, asked: &SyncRequest) -> Result<Synced, Refusal> {
    let now = now_ms();
    let mut host = shared.lock();
    let table = host
        .room
        .table_of(token)
        .ok_or(Refusal::Room(RoomError::UnknownTable))?;
    host.room.heard(table, asked, now);
    if !asked.weeks.is_empty() || asked.from < host.room.tables()[table].weeks() {
        match host.room.sync(table, asked)? {
            Some(change) => commit(&mut host, shared, change)?,
            None => shared.changed.notify_all(),
        }
        if let Some(next) = host.room.due(now)
            && let Err(e) = commit(&mut host, shared, next)
        {
            eprintln!("multiplier host: {e}");
        }
    } else {
        shared.changed.notify_all();
    }
    Ok(Synced {
        weeks: host.room.tables()[table].weeks(),
        clock: host.room.clock(now),
    })
}

fn control(path: &str, shared: &Shared) {
    let now = now_ms();
    let mut host = shared.lock();
    let change = match path {
        "/room/pause" => host.room.pause(true, now),
        "/room/resume" => host.room.pause(false, now),
        _ => host.room.advance(now),
    };
    if let Some(change) = change
        && let Err(e) = commit(&mut host, shared, change)
    {
        eprintln!("multiplier host: {e}");
    }
}

/// The facilitator's report of every table's run so far, from the room's result files.
fn report(shared: &Shared) -> Reply {
    let scenario = {
        let host = shared.lock();
        for table in 0..host.room.tables().len() {
            write_result(&host.room, shared, table);
        }
        host.room.scenario().clone()
    };
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&shared.folder)
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(RESULT_SUFFIX))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    match Report::build(&paths, Some(&scenario)).and_then(|r| r.html()) {
        Ok(html) => page(html),
        Err(e) => plain(500, &format!("no report: {e}")),
    }
}

/// A live view: the page's fragment now and after every change, as server-sent events, on a
/// thread of its own until the browser goes.
fn stream(request: Request, shared: &Arc<Shared>, facilitator: bool) {
    if shared.streams.fetch_add(1, Ordering::SeqCst) >= MAX_STREAMS {
        shared.streams.fetch_sub(1, Ordering::SeqCst);
        let _ = request.respond(plain(503, "too many live views are open"));
        return;
    }
    let shared = shared.clone();
    std::thread::spawn(move || {
        let mut out = request.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n";
        let mut ok = out.write_all(head.as_bytes()).is_ok();
        let mut seen = None;
        while ok && !shared.stop.load(Ordering::SeqCst) {
            let host = shared.lock();
            let now_seen = |h: &Host| (h.room.version(), shared.beats.load(Ordering::SeqCst));
            let (host, _) = shared
                .changed
                .wait_timeout_while(host, Duration::from_secs(15), |h| {
                    seen == Some(now_seen(h)) && !shared.stop.load(Ordering::SeqCst)
                })
                .unwrap_or_else(|e| e.into_inner());
            seen = Some(now_seen(&host));
            let now = now_ms();
            let html = if facilitator {
                pages::facilitator_live(&host.room, &shared.bots, now)
            } else {
                pages::projector_live(&host.room, &shared.bots, now)
            };
            drop(host);
            let mut event = String::from("event: room\n");
            for line in html.lines() {
                event.push_str("data: ");
                event.push_str(line);
                event.push('\n');
            }
            event.push('\n');
            ok = out
                .write_all(event.as_bytes())
                .and_then(|()| out.flush())
                .is_ok();
        }
        shared.streams.fetch_sub(1, Ordering::SeqCst);
    });
}
