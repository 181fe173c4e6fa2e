//! The room's HTTP server: the routes and what each answers, over [`super::http`] (hyper on
//! a small tokio runtime, the host's limits at the door), live views as tasks, and a ticker
//! that moves an in-step room on when its time is up.
//!
//! - `POST /api/join`, `POST /api/sync`: the tables' API, RON in and out; a table names
//!   itself with its token (`Authorization: Bearer …`).
//! - `GET /room?key=…`: the facilitator's view; `/room/live` its pushed updates; `POST
//!   /room/pause`, `/room/resume`, `/room/advance`; `/room/report.html`, `/room/tables.csv`,
//!   `/room/weeks.csv`: the downloads. Every one needs the room's key.
//! - `GET /`: the projector's view (how to join, the quadrant without team names); `/live`.
//! - `GET /CODE`, `POST /play/join`: a browser joins; `GET /play` its table's page
//!   (`?backlog=all` with every backlog item), `POST /play/act` its forms (redirected to the
//!   page, or answered with it when `play.js` sends them), `GET /play/events` the page's
//!   version each time it changes (`/play/version` once, what `play.js` polls where the
//!   stream is refused), `GET /play/preview?action=…` an action's preview when the player
//!   opens it.
//!
//! Requests are capped in size and time, every change is in the journal before it is
//! answered (changes that come together go to disk together: `super::saving`), a form is
//! taken only from the room's own pages (its `Origin`), one address makes only a few tables
//! a minute, and the server binds only to the address it is given.

use std::collections::{HashMap, VecDeque};
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use hyper::Method;
use hyper::body::Bytes;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::sync::{mpsc, watch};

use super::http::{self, Answer, Asked, Build, Quick, Reply, Sent};
use super::limits::{Files, Limits, raise_file_limit};
use super::live::Live;
use super::pages::{self, Bots};
use super::saving::{Saver, Ticket, Unsaved};
use super::{browser, qr, table_pages};
use crate::app::view::Sort;
use crate::room::journal::JournalError;
use crate::room::rules::{Change, Record, Room, RoomError};
use crate::room::wire::{JoinRequest, Joined, SyncRequest, Synced, now_ms};
use crate::room::{Opened, secret};
use crate::workshop::{RESULT_SUFFIX, Report};

/// How long a live view stays silent before a comment keeps its connection open (the ticker
/// redraws the view every two seconds, but a view that did not change sends nothing).
const HEARTBEAT: Duration = Duration::from_secs(15);

/// The least time between two sends of one live view: the changes of a busy room (a hundred
/// tables syncing every two seconds) are coalesced into one event a beat, of the rows that
/// changed, and a week still shows within a second.
const COALESCE: Duration = Duration::from_millis(700);

/// Where a request is answered: on one of the runtime's blocking threads, which may wait (on
/// the disk, on another request's lock), or on its worker thread, which serves every
/// connection and must not.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum On {
    /// A blocking thread.
    Blocking,
    /// The runtime's worker.
    Worker,
}

/// A request asked on the runtime's worker that would wait there: it is answered on a
/// blocking thread instead.
#[derive(Debug)]
pub(super) struct Wait;

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
    /// The runtime the server runs on could not start.
    #[error("cannot start the server: {0}")]
    Runtime(std::io::Error),
}

/// The room, behind one lock: a change is checked, queued for the journal and applied
/// without another request in between, and written to disk after the lock is let go
/// ([`Saver`]).
struct Host {
    room: Room,
}

/// What every thread and task shares.
pub(super) struct Shared {
    host: Mutex<Host>,
    /// The room's changes on their way to its journal, and the journal.
    saver: Saver,
    /// The room's version and the ticker's beats, sent whenever either moves: live views
    /// wait on it.
    changed: watch::Sender<(u64, u64)>,
    bots: Bots,
    /// The facilitator's key and the scenario's title and pitch, which never change: read
    /// without the room's lock, so that a facilitator's action or a join page waits behind
    /// no table's week for them.
    key: String,
    story: (String, String),
    pub(super) folder: PathBuf,
    /// The addresses tables reach the host at (host and port).
    pub(super) joins: Vec<String>,
    /// The same with the room's short code, as the projector shows them to type.
    shown: Vec<String>,
    /// The address the room is reached at from anywhere, behind a TLS proxy
    /// (`https://room.example.org`), if it is: its origin is the room's own, and its cookies
    /// are sent only over TLS.
    public: Option<String>,
    qr: Option<String>,
    /// Live views open now: strangers' (the projector's) and the facilitator's, apart.
    streams: Arc<AtomicUsize>,
    facilitator_streams: Arc<AtomicUsize>,
    /// Browser tables' pages following their version, by table token: a few each (a
    /// player's tabs), so that no table holds more.
    table_streams: Arc<Mutex<HashMap<String, usize>>>,
    /// When each address last made new tables (within the last minute).
    joined_from: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
    limits: Arc<Limits>,
    /// Why the host cannot save the room's changes, while it cannot (a full disk): shown on
    /// the facilitator's page, said once in the log.
    unsaved: Mutex<Option<String>>,
    stop: AtomicBool,
    /// The tables that play in a browser, served by the host.
    pub(super) tables: browser::Tables,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, Host> {
        // A request that panicked mid-way leaves a room whose journal is still the truth.
        self.host.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Tells the live views if the room's version moved.
    fn publish(&self, host: &Host) {
        let version = host.room.version();
        self.changed.send_if_modified(|seen| {
            let moved = seen.0 != version;
            seen.0 = version;
            moved
        });
    }

    /// Whether `peer` may make another table now (and counts it if so).
    fn may_join(&self, peer: IpAddr) -> bool {
        let mut joined = self.joined_from.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let minute = Duration::from_secs(60);
        joined.retain(|_, times| {
            while times
                .front()
                .is_some_and(|t| now.duration_since(*t) >= minute)
            {
                times.pop_front();
            }
            !times.is_empty()
        });
        let times = joined.entry(peer).or_default();
        if times.len() >= self.limits.joins_per_minute {
            return false;
        }
        times.push_back(now);
        true
    }
}

/// A bound room, not yet serving.
pub struct Server {
    runtime: tokio::runtime::Runtime,
    listener: tokio::net::TcpListener,
    shared: Arc<Shared>,
    addr: SocketAddr,
    files: Option<Files>,
}

/// A room serving on its own threads; dropping it stops them.
pub struct Running {
    runtime: Option<tokio::runtime::Runtime>,
    shared: Arc<Shared>,
    ticker: Option<JoinHandle<()>>,
    addr: SocketAddr,
}

impl Server {
    /// Binds the room in `folder` to `bind`, with the host's default [`Limits`].
    pub fn bind(opened: Opened, folder: PathBuf, bind: SocketAddr) -> Result<Self, HostError> {
        Self::bind_with(opened, folder, bind, Limits::default())
    }

    /// Binds the room in `folder` to `bind` with these limits. Raises the process's soft
    /// limit on open files first, where the system allows.
    pub fn bind_with(
        opened: Opened,
        folder: PathBuf,
        bind: SocketAddr,
        limits: Limits,
    ) -> Result<Self, HostError> {
        let files = raise_file_limit();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .max_blocking_threads(16)
            .thread_name("multiplier-host")
            .enable_all()
            .build()
            .map_err(HostError::Runtime)?;
        let listener = std::net::TcpListener::bind(bind)
            .and_then(|l| {
                l.set_nonblocking(true)?;
                let _entered = runtime.enter();
                tokio::net::TcpListener::from_std(l)
            })
            .map_err(|e| HostError::Bind {
                addr: bind,
                why: e.to_string(),
            })?;
        let addr = listener.local_addr().unwrap_or(bind);
        let joins = join_addresses(addr);
        let door = &opened.room.config().door;
        let shown: Vec<String> = joins
            .iter()
            .map(|j| {
                if door.is_empty() {
                    j.clone()
                } else {
                    format!("{j}/{door}")
                }
            })
            .collect();
        let qr = shown
            .first()
            .and_then(|j| qr::svg(&format!("http://{j}"), 260));
        let bots = Bots::of(&opened.room);
        let key = opened.room.config().key.clone();
        let story = &opened.room.scenario().scenario.story;
        let story = (story.title.clone(), story.pitch.clone());
        let mut opened = opened;
        opened.room.woke(now_ms());
        let version = opened.room.version();
        let shared = Arc::new(Shared {
            host: Mutex::new(Host { room: opened.room }),
            saver: Saver::new(opened.journal, opened.records),
            changed: watch::Sender::new((version, 0)),
            bots,
            key,
            story,
            folder,
            joins,
            shown,
            public: None,
            qr,
            streams: Arc::new(AtomicUsize::new(0)),
            facilitator_streams: Arc::new(AtomicUsize::new(0)),
            table_streams: Arc::default(),
            joined_from: Mutex::new(HashMap::new()),
            limits: Arc::new(limits),
            unsaved: Mutex::new(None),
            stop: AtomicBool::new(false),
            tables: browser::Tables::default(),
        });
        Ok(Self {
            runtime,
            listener,
            shared,
            addr,
            files,
        })
    }

    /// The address the room listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The room is reached from anywhere at `url` (`https://room.example.org`), through a
    /// reverse proxy on this machine that speaks TLS: the projector and the facilitator's
    /// link show it, forms posted from it are the room's own, and an `https` address makes
    /// the tables' cookies secure.
    pub fn public_url(mut self, url: &str) -> Self {
        let url = url.trim().trim_end_matches('/').to_string();
        if let Some(shared) = Arc::get_mut(&mut self.shared) {
            let door = &shared
                .host
                .get_mut()
                .unwrap_or_else(|e| e.into_inner())
                .room
                .config()
                .door;
            let shown = if door.is_empty() {
                url.clone()
            } else {
                format!("{url}/{door}")
            };
            shared.qr = qr::svg(&shown, 260);
            shared.shown = vec![shown];
            shared.public = Some(url);
        }
        self
    }

    /// The process's file limit as the host left it (`None` where the system does not say).
    pub fn files(&self) -> Option<Files> {
        self.files
    }

    /// The room's workshop code.
    pub fn code(&self) -> String {
        self.shared.lock().room.config().code.clone()
    }

    /// The addresses tables reach the host at (host and port).
    pub fn joins(&self) -> &[String] {
        &self.shared.joins
    }

    /// The addresses tables type to join, with the room's short code
    /// (`192.168.1.20:8470/0427`), as the projector shows them.
    pub fn shown(&self) -> &[String] {
        &self.shared.shown
    }

    /// The facilitator's private link.
    pub fn facilitator_link(&self) -> String {
        let key = &self.shared.key;
        if let Some(public) = &self.shared.public {
            return format!("{public}/room?key={key}");
        }
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
        let connections = self
            .shared
            .limits
            .connections
            .or(self.files.map(|f| f.connections()))
            .unwrap_or(1024);
        self.runtime.spawn(http::accept(
            self.listener,
            self.shared.clone(),
            self.shared.limits.clone(),
            connections,
        ));
        let shared = self.shared.clone();
        // Named as the runtime's threads are, so that a bench can tell the host's CPU apart.
        let ticker = std::thread::Builder::new()
            .name("multiplier-host".into())
            .spawn(move || tick(&shared))
            .expect("the ticker's thread starts (as std::thread::spawn would)");
        Running {
            runtime: Some(self.runtime),
            shared: self.shared,
            ticker: Some(ticker),
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
        self.shared.key.clone()
    }

    /// The room's short code, which a new table gives to join.
    pub fn door(&self) -> String {
        self.shared.lock().room.config().door.clone()
    }

    /// Waits until the server stops (never, unless it is told to).
    pub fn wait(mut self) {
        if let Some(ticker) = self.ticker.take() {
            let _ = ticker.join();
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(ticker) = self.ticker.take() {
            let _ = ticker.join();
        }
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_secs(2));
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

impl Answer for Shared {
    fn quick(&self, asked: &Asked) -> Option<Quick> {
        let reply = handle(asked, self, On::Worker).ok()?;
        // What the answer showed of the room is on disk before it goes.
        Some(if self.saver.settled() {
            Quick::Saved(reply)
        } else {
            Quick::Unsaved(reply)
        })
    }

    fn answer(&self, asked: Asked) -> Reply {
        let reply = handle(&asked, self, On::Blocking)
            .unwrap_or_else(|Wait| plain(503, "the host is busy: try again"));
        // What the answer showed of the room is on disk before it goes.
        self.settle();
        reply
    }

    /// Waits until every change queued so far is on disk or has failed: whatever an
    /// answer drawn now showed of the room. With the room's lock let go.
    fn settle(&self) {
        self.saver.settle(
            |failed| self.saving(failed),
            |kept, why| self.rebuild(kept, why),
        );
    }

    fn live(self: &Arc<Self>, asked: &Asked) -> Option<Reply> {
        if asked.method != Method::GET {
            return None;
        }
        match asked.path.as_str() {
            "/live" => Some(stream(self, None)),
            "/room/live" if self.facilitator(asked) => Some(stream(
                self,
                Some(Sort::of(asked.param("sort").unwrap_or(""))),
            )),
            "/play/events" => Some(table_stream(self, table_cookie(asked))),
            _ => None,
        }
    }

    fn stopping(&self) -> bool {
        self.stop.load(Ordering::SeqCst)
    }
}

impl Shared {
    /// Notes whether the last write was saved: the first failure and the recovery are said
    /// in the log, and the facilitator's view is redrawn for both.
    fn saving(&self, failed: Option<&Unsaved>) {
        let mut unsaved = self.unsaved.lock().unwrap_or_else(|e| e.into_inner());
        let now = failed.map(|e| e.0.clone());
        if *unsaved == now {
            return;
        }
        match &now {
            Some(why) if unsaved.is_none() => eprintln!(
                "multiplier host: cannot save the room ({why}): changes are refused until it can (is the disk full?)"
            ),
            Some(_) => {}
            None => eprintln!("multiplier host: saving again"),
        }
        *unsaved = now;
        drop(unsaved);
        self.changed.send_modify(|seen| seen.1 += 1);
    }

    /// Waits until the change `ticket` is on disk (writing it, and every change queued with
    /// it, if no other request is writing): to be called with the room's lock let go.
    fn saved(&self, ticket: Ticket) -> Result<(), Unsaved> {
        self.saver.wait(
            ticket,
            |failed| self.saving(failed),
            |kept, why| self.rebuild(kept, why),
        )
    }

    /// After a failed write: the room made again from the records on disk, every change
    /// not on disk failed with `why`, and the views told. (Result files are written only
    /// of what is on disk.)
    fn rebuild(&self, kept: &[Record], why: Unsaved) {
        let mut host = self.lock();
        self.saver.abandon(why);
        match host.room.rebuilt(kept) {
            Ok(room) => host.room = room,
            Err((record, why)) => eprintln!(
                "multiplier host: the room does not replay its journal (record {record}: {why}); it is kept as it was"
            ),
        }
        self.publish(&host);
    }

    /// Why the host cannot save, while it cannot.
    fn unsaved(&self) -> Option<String> {
        self.unsaved
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// What stays of the table `token` names now through renames and moves, if it names
    /// one.
    pub(super) fn seat_of(&self, token: &str) -> Option<String> {
        let host = self.lock();
        host.room
            .table_of(token)
            .and_then(|t| host.room.seat(t))
            .map(str::to_string)
    }

    /// Whether the request carries the facilitator's key.
    fn facilitator(&self, asked: &Asked) -> bool {
        same_key(asked.param("key"), &self.key)
    }
}

/// The ticker: moves an in-step room on when it is due, and redraws the live views every
/// two seconds (clocks count down, tables go offline).
fn tick(shared: &Arc<Shared>) {
    let mut beats = 0u32;
    while !shared.stop.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(500));
        beats += 1;
        let moved = {
            let mut host = shared.lock();
            let now = now_ms();
            if let Some(change) = host.room.due(now) {
                commit(&mut host, shared, change)
                    .map_err(|e| eprintln!("multiplier host: {e}"))
                    .ok()
            } else {
                if beats.is_multiple_of(4) {
                    shared.changed.send_modify(|seen| seen.1 += 1);
                }
                None
            }
        };
        if let Some(Err(e)) = moved.map(|ticket| shared.saved(ticket)) {
            eprintln!("multiplier host: {e}");
        }
        // The browser tables' clocks run on the host (the room's lock is taken after the
        // tables', never the other way round).
        shared.tables.tick(shared, 0.5);
    }
}

/// Queues a change for the journal and applies it: the ticket to wait on
/// ([`Shared::saved`], once the room's lock is let go) before anyone is told of it. A write
/// that fails undoes it ([`Shared::rebuild`]), and is said in the log and on the
/// facilitator's page until a write succeeds again.
fn commit(host: &mut Host, shared: &Shared, change: Change) -> Result<Ticket, JournalError> {
    let ticket = shared.saver.queue(change.record())?;
    host.room.commit(change);
    shared.publish(host);
    Ok(ticket)
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

fn text(status: u16, kind: &str, body: String) -> Reply {
    http::reply(status, body)
        .with_header("content-type", kind)
        .with_header("cache-control", "no-store")
        .with_header("x-content-type-options", "nosniff")
}

fn page(body: String) -> Reply {
    text(200, "text/html; charset=utf-8", body).with_header(
        "content-security-policy",
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
    )
}

fn ron_reply<T: Serialize>(status: u16, value: &T) -> Reply {
    let body = ron::to_string(value).unwrap_or_else(|e| format!("(error: \"{e}\")"));
    text(status, "application/ron; charset=utf-8", body)
}

fn refused(status: u16, why: impl ToString) -> Reply {
    http::refused(status, &why.to_string())
}

fn plain(status: u16, why: &str) -> Reply {
    text(status, "text/plain; charset=utf-8", format!("{why}\n"))
}

/// Reads a RON body, or says why it does not read.
fn body<T: DeserializeOwned>(asked: &Asked) -> Result<T, String> {
    ron::from_str(body_text(asked)?).map_err(|e| format!("the request does not read: {e}"))
}

/// A request's body as text (its size was checked as it was read).
fn body_text(asked: &Asked) -> Result<&str, String> {
    std::str::from_utf8(&asked.body).map_err(|_| "the request is not text".to_string())
}

/// A browser form's fields.
fn form(asked: &Asked) -> Result<Vec<(String, String)>, String> {
    let text = body_text(asked)?;
    Ok(form_urlencoded::parse(text.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect())
}

/// The browser table a request's cookie names, if it names one.
fn table_cookie(asked: &Asked) -> Option<String> {
    asked
        .headers
        .get_all("cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == browser::COOKIE)
        .map(|(_, v)| v.trim().to_string())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.chars().all(|c| c.is_ascii_hexdigit()))
}

/// A redirect after a form (the browser then asks for the page: a reload posts nothing).
fn see(location: &str) -> Reply {
    http::reply(303, Bytes::new())
        .with_header("location", location)
        .with_header("cache-control", "no-store")
}

/// The token a table sent.
fn bearer(asked: &Asked) -> Option<String> {
    asked
        .header("authorization")
        .and_then(|v| v.strip_prefix("Bearer "))
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

/// Whether a post comes from the room's own pages, or from no page at all (a table's client,
/// a script): a browser names the page that posts in `Origin` (and `Sec-Fetch-Site`), so a
/// form on another site, which would carry the table's cookie or the facilitator's key in
/// its link, is refused.
fn same_origin(asked: &Asked, public: Option<&str>) -> bool {
    if let Some(origin) = asked.header("origin") {
        if public.is_some_and(|p| origin.eq_ignore_ascii_case(p)) {
            return true;
        }
        let host = asked.header("host").unwrap_or("");
        let bare = origin
            .strip_prefix("http://")
            .or_else(|| origin.strip_prefix("https://"));
        return !host.is_empty() && bare == Some(host);
    }
    !matches!(
        asked.header("sec-fetch-site"),
        Some("cross-site" | "same-site")
    )
}

/// Answers a request `on` a thread: [`Wait`] on the runtime's worker for what may wait there
/// (every change, which is on disk before its answer; a report, which writes the result
/// files; a page with a chart of every table, several milliseconds the worker's other
/// connections would wait).
fn handle(asked: &Asked, shared: &Shared, on: On) -> Result<Reply, Wait> {
    let path = asked.path.as_str();
    let post = asked.method == Method::POST;
    let get = asked.method == Method::GET;
    if on == On::Worker && (!get || matches!(path, "/room" | "/room/report.html" | "/projector")) {
        return Err(Wait);
    }
    if post && !same_origin(asked, shared.public.as_deref()) {
        return Ok(plain(403, "this form was sent from another site"));
    }
    // The address the projector shows, with the room's short code: the join page, the code
    // filled in.
    let door = path
        .strip_prefix('/')
        .map(|d| d.trim_end_matches('/'))
        .filter(|d| !d.is_empty() && d.len() <= 12 && d.bytes().all(|b| b.is_ascii_digit()));
    if let (Some(door), false) = (door, post) {
        let (title, pitch) = &shared.story;
        return Ok(page(table_pages::join(title, pitch, Some(door), None)));
    }
    let key = asked.param("key").unwrap_or_default().to_string();
    let facilitator = path.starts_with("/room") && shared.facilitator(asked);
    Ok(match (get || post, post, path) {
        (
            true,
            _,
            "/" | "/play" | "/play/join" | "/play/act" | "/play/version" | "/play/preview",
        ) => table_request(asked, shared, path, on)?,
        (true, false, "/play.js") => text(
            200,
            "text/javascript; charset=utf-8",
            table_pages::SCRIPT.to_string(),
        ),
        (true, false, "/projector") => {
            let host = shared.lock();
            page(pages::projector(
                &host.room,
                &shared.bots,
                now_ms(),
                &shared.shown,
                shared.qr.as_deref(),
            ))
        }
        (true, false, "/room.js") => text(
            200,
            "text/javascript; charset=utf-8",
            pages::SCRIPT.to_string(),
        ),
        (true, true, "/api/join") => join(asked, shared),
        (true, true, "/api/sync") => sync(asked, shared),
        (_, _, p) if p.starts_with("/room") && !facilitator => plain(
            403,
            "this page needs the facilitator's link (the one `multiplier host` printed)",
        ),
        (true, false, "/room") => {
            // The chart, the page's dear part, is drawn with the room's lock let go (a week
            // that comes meanwhile is in the page's rows, and the live view's next chart).
            let plot = pages::Plot::of(&shared.lock().room, true);
            let chart = plot.facilitator(&shared.bots);
            let join = shared.shown.first().cloned().unwrap_or_default();
            let sort = asked.param("sort").unwrap_or("joined");
            let unsaved = shared.unsaved();
            let host = shared.lock();
            page(pages::facilitator(
                &host.room,
                &shared.bots,
                now_ms(),
                (&key, &join),
                unsaved.as_deref(),
                (sort, Sort::of(sort)),
                chart,
            ))
        }
        (true, true, "/room/end") => {
            end(shared);
            see(&format!("/room?key={key}"))
        }
        (true, true, "/room/pause" | "/room/resume" | "/room/advance") => {
            control(path, shared);
            see(&format!("/room?key={key}"))
        }
        (true, true, "/room/tables/remove" | "/room/tables/rename" | "/room/tables/merge") => {
            let fields = match form(asked) {
                Ok(f) => f,
                Err(why) => return Ok(refused(400, why)),
            };
            match seat(path, &fields, shared) {
                Ok(()) => see(&format!("/room?key={key}")),
                Err(why) => plain(409, &why),
            }
        }
        (true, false, "/room/tables.csv") => {
            let host = shared.lock();
            text(
                200,
                "text/csv; charset=utf-8",
                pages::tables_csv(&host.room, &shared.bots, now_ms()),
            )
            .with_header("content-disposition", "attachment; filename=\"tables.csv\"")
        }
        (true, false, "/room/weeks.csv") => {
            let host = shared.lock();
            text(200, "text/csv; charset=utf-8", pages::weeks_csv(&host.room))
                .with_header("content-disposition", "attachment; filename=\"weeks.csv\"")
        }
        (true, false, "/room/report.html") => report(shared),
        (true, false, _) => plain(404, "no such page"),
        _ => plain(405, "not a request this room answers"),
    })
}

/// A browser table's requests: the join page at the room's address, the table's page, its
/// form posts and the version its script polls. [`Wait`] on the runtime's worker if the
/// table is busy (its form's week being written).
fn table_request(asked: &Asked, shared: &Shared, path: &str, on: On) -> Result<Reply, Wait> {
    let token = table_cookie(asked);
    let post = asked.method == Method::POST;
    let join_page = |door: Option<&str>, problem: Option<&str>| {
        let (title, pitch) = &shared.story;
        table_pages::join(title, pitch, door, problem)
    };
    Ok(match (post, path) {
        (false, "/") => match token {
            Some(t) if shared.tables.with(shared, &t, on, |_| ())?.is_some() => see("/play"),
            _ => page(join_page(None, None)),
        },
        (true, "/play/join") => {
            let fields = match form(asked) {
                Ok(f) => f,
                Err(why) => return Ok(refused(400, why)),
            };
            let field = |name: &str| {
                fields
                    .iter()
                    .find(|(k, _)| k == name)
                    .map(|(_, v)| v.as_str())
            };
            let (team, door) = (field("team").unwrap_or(""), field("door"));
            if !shared.may_join(asked.peer) {
                return Ok(page(join_page(door, Some(TOO_MANY_JOINS))).with_status(429));
            }
            match shared.tables.join(shared, team, door) {
                Ok(token) => {
                    let secure = shared
                        .public
                        .as_deref()
                        .is_some_and(|p| p.starts_with("https://"));
                    see("/play").with_header(
                        "set-cookie",
                        &format!(
                            "{}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=172800{}",
                            browser::COOKIE,
                            if secure { "; Secure" } else { "" }
                        ),
                    )
                }
                Err(why) => page(join_page(door, Some(&why.to_string()))).with_status(409),
            }
        }
        (false, "/play") => {
            let Some(token) = token else {
                return Ok(see("/"));
            };
            let open = asked.param("preview");
            let whole_backlog = asked.param("backlog") == Some("all");
            match shared.tables.with(shared, &token, on, |s| {
                table_pages::table(s, open, whole_backlog)
            })? {
                Some(html) => page(html),
                None => see("/"),
            }
        }
        (true, "/play/act") => {
            let fields = match form(asked) {
                Ok(f) => f,
                Err(why) => return Ok(refused(400, why)),
            };
            let Some(token) = token else {
                return Ok(see("/"));
            };
            let Some(act) = browser::Act::of(&fields) else {
                return Ok(plain(400, "not something a table can do"));
            };
            if !shared.tables.act(shared, &token, act) {
                return Ok(see("/"));
            }
            // The page's script asks for the page it leads to in the answer, saving the
            // browser the redirect's second request; a form sent without it is redirected.
            let drawn = (asked.header(PAGE_IN_ANSWER) == Some("1"))
                .then(|| {
                    shared.tables.with(shared, &token, On::Blocking, |s| {
                        table_pages::table(s, None, false)
                    })
                })
                .and_then(|drawn| drawn.ok().flatten());
            match drawn {
                Some(html) => page(html),
                None => see("/play"),
            }
        }
        (false, "/play/preview") => {
            let (Some(token), Some(action)) = (token, asked.param("action")) else {
                return Ok(plain(400, "which action's preview?"));
            };
            match shared
                .tables
                .with(shared, &token, on, |s| table_pages::preview(s, action))?
            {
                Some(html) => text(200, "text/html; charset=utf-8", html),
                None => plain(404, "no such table"),
            }
        }
        (false, "/play/version") => {
            let version = match token {
                Some(t) => shared.tables.with(shared, &t, on, browser::version)?,
                None => None,
            };
            match version {
                // As the page's `data-version` holds it, nothing added.
                Some(v) => text(200, "text/plain; charset=utf-8", v),
                None => plain(404, "no such table"),
            }
        }
        _ => plain(405, "not a request this room answers"),
    })
}

/// The header `play.js` sends with a form to have the page it leads to in the answer, as
/// [`table_pages::SCRIPT`] names it.
const PAGE_IN_ANSWER: &str = "x-multiplier-page";

/// What a table is told when its address has made too many tables lately.
const TOO_MANY_JOINS: &str =
    "too many tables joined from this address in the last minute: wait a minute and try again";

fn join(asked: &Asked, shared: &Shared) -> Reply {
    let request: JoinRequest = match body(asked) {
        Ok(b) => b,
        Err(why) => return refused(400, why),
    };
    if request.token.is_none() && !shared.may_join(asked.peer) {
        return refused(429, TOO_MANY_JOINS);
    }
    match joined(shared, &request) {
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
    /// The change could not be journaled, so it was not made.
    #[error("the host cannot write its journal: {0}")]
    Journal(#[from] JournalError),
    /// The change's write failed, so it was undone.
    #[error(transparent)]
    Unsaved(#[from] Unsaved),
    /// The new table is not in the room after its join was applied (a bug).
    #[error("the table was not kept")]
    NotKept,
}

impl Refusal {
    /// The HTTP status it is answered with.
    pub(super) fn status(&self) -> u16 {
        match self {
            Refusal::Room(RoomError::UnknownTable) => 404,
            Refusal::Room(RoomError::Door) => 403,
            Refusal::Room(_) => 409,
            Refusal::Random(_) | Refusal::NotKept => 500,
            Refusal::Journal(_) | Refusal::Unsaved(_) => 503,
        }
    }
}

/// A table joins (or, with its token, comes back): the answer, or why not.
/// Desktop tables ask over HTTP; browser tables are served on the host and ask directly.
pub(super) fn joined(shared: &Shared, asked: &JoinRequest) -> Result<Joined, Refusal> {
    let now = now_ms();
    let (joined, ticket) = {
        let mut host = shared.lock();
        if let Some(token) = &asked.token {
            return host
                .room
                .table_of(token)
                .and_then(|table| host.room.joined(table, token, now))
                .ok_or(Refusal::Room(RoomError::UnknownTable));
        }
        let token = secret().map_err(Refusal::Random)?;
        let change = host
            .room
            .join(&asked.team, asked.door.as_deref(), &token, now)?;
        let ticket = commit(&mut host, shared, change)?;
        let table = host.room.tables().len() - 1;
        let joined = host.room.joined(table, &token, now);
        (joined.ok_or(Refusal::NotKept)?, ticket)
    };
    shared.saved(ticket)?;
    Ok(joined)
}

fn sync(asked: &Asked, shared: &Shared) -> Reply {
    let Some(token) = bearer(asked) else {
        return refused(401, "the request names no table");
    };
    let request: SyncRequest = match body(asked) {
        Ok(b) => b,
        Err(why) => return refused(400, why),
    };
    match synced(shared, &token, &request) {
        Ok(synced) => ron_reply(200, &synced),
        Err(why) => refused(why.status(), why),
    }
}

/// A table's weeks and how its week stands, checked and kept: the room's answer, or why not.
pub(super) fn synced(shared: &Shared, token: &str, asked: &SyncRequest) -> Result<Synced, Refusal> {
    let now = now_ms();
    // The tickets of the weeks sent and of the room's moving on, 0 for none.
    let (synced, weeks, moved) = {
        let mut host = shared.lock();
        let table = host
            .room
            .table_of(token)
            .ok_or(Refusal::Room(RoomError::UnknownTable))?;
        host.room.heard(table, asked, now);
        let (mut weeks, mut moved) = (0, 0);
        if !asked.weeks.is_empty() || asked.from < host.room.tables()[table].weeks() {
            if let Some(change) = host.room.sync(table, asked, now)? {
                weeks = commit(&mut host, shared, change)?;
            }
            if let Some(next) = host.room.due(now) {
                match commit(&mut host, shared, next) {
                    Ok(ticket) => moved = ticket,
                    Err(e) => eprintln!("multiplier host: {e}"),
                }
            }
        }
        shared.publish(&host);
        let synced = Synced {
            weeks: host.room.tables()[table].weeks(),
            clock: host.room.clock(now),
        };
        (synced, weeks, moved)
    };
    shared.saved(weeks)?;
    // A finished run's result file is written once its last week is on disk; the others
    // when a report is asked for (the journal holds every run meanwhile).
    if weeks != 0 {
        let host = shared.lock();
        let finished = (host.room.table_of(token))
            .filter(|&t| host.room.tables()[t].weeks() >= host.room.weeks());
        if let Some(table) = finished {
            write_result(&host.room, shared, table);
        }
    }
    if let Err(e) = shared.saved(moved) {
        eprintln!("multiplier host: {e}");
    }
    Ok(synced)
}

fn control(path: &str, shared: &Shared) {
    let now = now_ms();
    let ticket = {
        let mut host = shared.lock();
        let change = match path {
            "/room/pause" => host.room.pause(true, now),
            "/room/resume" => host.room.pause(false, now),
            _ => host.room.advance(now),
        };
        change.and_then(|change| {
            commit(&mut host, shared, change)
                .map_err(|e| eprintln!("multiplier host: {e}"))
                .ok()
        })
    };
    if let Some(Err(e)) = ticket.map(|ticket| shared.saved(ticket)) {
        eprintln!("multiplier host: {e}");
    }
}

/// The facilitator ends the room: no table joins or ends a week any more, and every
/// table's result file is written, for the report and `multiplier report`.
fn end(shared: &Shared) {
    let ticket = {
        let mut host = shared.lock();
        let change = host.room.end(now_ms());
        change.and_then(|change| {
            commit(&mut host, shared, change)
                .map_err(|e| eprintln!("multiplier host: {e}"))
                .ok()
        })
    };
    match ticket.map(|ticket| shared.saved(ticket)) {
        Some(Ok(())) => rewrite_results(&shared.lock().room, shared),
        Some(Err(e)) => eprintln!("multiplier host: {e}"),
        None => {}
    }
}

/// The facilitator takes a table out, renames it or merges it into another, each table named
/// by its team's name (`table`, `team`, `into`): journaled, then applied. Why not, if not.
fn seat(path: &str, fields: &[(String, String)], shared: &Shared) -> Result<(), String> {
    let field = |name: &str| {
        fields
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    };
    let ticket = {
        let mut host = shared.lock();
        let place = |team: &str| {
            host.room
                .tables()
                .iter()
                .position(|t| t.team == team)
                .ok_or_else(|| format!("no table is called “{team}” (any more)"))
        };
        let table = place(field("table"))?;
        let change = match path {
            "/room/tables/remove" => host.room.remove(table),
            "/room/tables/rename" => host.room.rename(table, field("team")),
            _ => {
                let into = place(field("into"))?;
                host.room.merge(table, into)
            }
        }
        .map_err(|e| e.to_string())?;
        commit(&mut host, shared, change).map_err(|e| e.to_string())?
    };
    shared.saved(ticket).map_err(|e| e.to_string())?;
    // Places moved: the result files are named by place, so they are written again.
    rewrite_results(&shared.lock().room, shared);
    Ok(())
}

/// Writes every table's result file afresh, with none left of tables that left or moved.
fn rewrite_results(room: &Room, shared: &Shared) {
    for path in result_files(shared) {
        if let Err(e) = std::fs::remove_file(&path) {
            eprintln!("multiplier host: cannot remove {}: {e}", path.display());
        }
    }
    for table in 0..room.tables().len() {
        write_result(room, shared, table);
    }
}

/// The result files in the room's folder, in order.
fn result_files(shared: &Shared) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&shared.folder)
        .map(|dir| {
            dir.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.to_string_lossy().ends_with(RESULT_SUFFIX))
                .collect()
        })
        .unwrap_or_default();
    paths.sort();
    paths
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
    let paths = result_files(shared);
    match Report::build(&paths, Some(&scenario)).and_then(|r| r.html()) {
        Ok(html) => page(html),
        Err(e) => plain(500, &format!("no report: {e}")),
    }
}

/// A live view's place among the open ones, given back when its browser goes.
/// The streams a browser table may have open at once: a player's few tabs. A page whose
/// stream is refused polls its version instead.
const TABLE_STREAMS: usize = 4;

/// A browser table's page following its version: the version at once, then each time it
/// changes (the room paused or moved on, a timed week ended on the host, a week sent from
/// another tab), as server-sent events from a task of its own until the page goes; the
/// page's script draws the page again when the version is not the one it shows. It costs a
/// page left open a look at its table when the room changes, where a poll every 2 s cost
/// it a request.
fn table_stream(shared: &Arc<Shared>, token: Option<String>) -> Reply {
    let Some(token) = token.filter(|t| shared.seat_of(t).is_some()) else {
        return plain(404, "no such table");
    };
    let slot = {
        let mut open = (shared.table_streams.lock()).unwrap_or_else(|e| e.into_inner());
        let held = open.entry(token.clone()).or_default();
        if *held >= TABLE_STREAMS {
            return plain(503, "this table has too many pages open")
                .with_header("retry-after", "5");
        }
        *held += 1;
        TableSlot {
            open: shared.table_streams.clone(),
            token: token.clone(),
        }
    };
    let (send, events) = mpsc::channel::<Bytes>(2);
    let shared = shared.clone();
    tokio::spawn(async move {
        let mut changed = shared.changed.subscribe();
        let mut sent: Option<String> = None;
        let mut quiet = Instant::now();
        loop {
            changed.mark_unchanged();
            // First on a thread that may wait (the table's session is made again if the host
            // has started since); then on the worker, a table busy with a form looked at
            // again on the next beat.
            let version = if sent.is_none() {
                let (shared, token) = (shared.clone(), token.clone());
                tokio::task::spawn_blocking(move || {
                    shared
                        .tables
                        .with(&shared, &token, On::Blocking, browser::version)
                })
                .await
                .unwrap_or(Err(Wait))
            } else {
                shared
                    .tables
                    .with(&shared, &token, On::Worker, browser::version)
            };
            // Taken out of the room: the page, drawn again, goes to the join page.
            let gone = matches!(version, Ok(None));
            let event = match version {
                Ok(Some(v)) if sent.as_ref() != Some(&v) => {
                    let event = format!("event: version\ndata: {v}\n\n");
                    sent = Some(v);
                    Some(event)
                }
                Ok(None) => Some("event: version\ndata: gone\n\n".to_string()),
                _ => None,
            };
            if !beat(&send, event, &mut quiet, &mut changed, &shared).await || gone {
                break;
            }
        }
    });
    events_reply(events, Box::new(slot))
}

/// A browser table's place among its open streams, given back when the stream ends.
struct TableSlot {
    open: Arc<Mutex<HashMap<String, usize>>>,
    token: String,
}

impl Drop for TableSlot {
    fn drop(&mut self) {
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(held) = open.get_mut(&self.token) {
            *held -= 1;
            if *held == 0 {
                open.remove(&self.token);
            }
        }
    }
}

struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A live view: the page's live part whole at first, then what changed in it (see
/// [`super::live`]), as server-sent events from a task of its own until the browser goes. The facilitator's views are counted apart from
/// strangers', so that no number of projectors (or of anyone's) keeps the facilitator out.
/// `facilitator`: the facilitator's view, its tables sorted so; `None`: the projector's.
fn stream(shared: &Arc<Shared>, facilitator: Option<Sort>) -> Reply {
    let (open, most) = if facilitator.is_some() {
        (
            &shared.facilitator_streams,
            shared.limits.facilitator_streams,
        )
    } else {
        (&shared.streams, shared.limits.streams)
    };
    if open.fetch_add(1, Ordering::SeqCst) >= most {
        open.fetch_sub(1, Ordering::SeqCst);
        return plain(503, "too many live views are open").with_header("retry-after", "5");
    }
    let slot = Slot(open.clone());
    let (send, events) = mpsc::channel::<Bytes>(2);
    let shared = shared.clone();
    tokio::spawn(async move {
        let mut changed = shared.changed.subscribe();
        let mut live = Live::default();
        let mut quiet = Instant::now();
        loop {
            changed.mark_unchanged();
            let view = shared.clone();
            let Ok((events, kept)) = tokio::task::spawn_blocking(move || {
                // The view is taken under the room's lock, the chart drawn after it.
                let (parts, plot) = {
                    let host = view.lock();
                    let now = now_ms();
                    match facilitator {
                        Some(sort) => (
                            pages::facilitator_parts(
                                &host.room,
                                &view.bots,
                                now,
                                view.unsaved().as_deref(),
                                sort,
                            ),
                            pages::Plot::of(&host.room, true),
                        ),
                        None => (
                            pages::projector_parts(&host.room, now),
                            pages::Plot::of(&host.room, false),
                        ),
                    }
                };
                // What the view shows of the room is on disk before it is sent.
                view.settle();
                let chart = || match facilitator {
                    Some(_) => plot.facilitator(&view.bots),
                    None => plot.projector(&view.bots),
                };
                (live.next(parts, chart, Instant::now()), live)
            })
            .await
            else {
                break;
            };
            live = kept;
            if !beat(&send, events, &mut quiet, &mut changed, &shared).await {
                break;
            }
        }
    });
    events_reply(events, Box::new(slot))
}

/// A stream's beat: sends `events` (what changed; or, after a quiet while, a comment that
/// keeps the connection and any proxy on the way open), then waits for a change in the room
/// after the coalescing pause, or for the heartbeat. `false` when the stream is over: the
/// browser went, or the room ended.
async fn beat(
    send: &mpsc::Sender<Bytes>,
    events: Option<String>,
    quiet: &mut Instant,
    changed: &mut watch::Receiver<(u64, u64)>,
    shared: &Shared,
) -> bool {
    let events =
        events.or_else(|| (quiet.elapsed() >= HEARTBEAT).then(|| ": quiet\n\n".to_string()));
    if let Some(events) = events {
        *quiet = Instant::now();
        if send.send(Bytes::from(events)).await.is_err() {
            return false;
        }
    }
    tokio::time::sleep(COALESCE).await;
    if let Ok(Err(_)) = tokio::time::timeout(HEARTBEAT, changed.changed()).await {
        return false;
    }
    !shared.stop.load(Ordering::SeqCst)
}

/// The answer that opens a stream of server-sent `events`, holding `place` (its count among
/// the streams open) until it ends.
fn events_reply(events: mpsc::Receiver<Bytes>, place: Box<dyn Send + Sync>) -> Reply {
    let mut reply = http::reply(200, Bytes::new())
        .with_header("content-type", "text/event-stream")
        .with_header("cache-control", "no-store")
        .with_header("x-content-type-options", "nosniff")
        // A reverse proxy passes each event on as it comes (nginx buffers otherwise).
        .with_header("x-accel-buffering", "no");
    *reply.body_mut() = Sent::Events {
        events,
        _place: place,
    };
    reply
}
