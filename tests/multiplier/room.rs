//! The workshop room: tables join a host over loopback, every week sent is re-simulated, the
//! pacing holds, the facilitator's pages answer only to the key, and a host killed with
//! SIGKILL loses nothing it acknowledged.

use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use multiplier::app::{Intent, Screen};
use multiplier::host::{Limits, Running, Server};
use multiplier::room::{self, Address, ClientError, Pacing, SentWeek, SyncRequest, client};
use multiplier::runlog::SavedWeek;
use multiplier::sim::{Policy, play};
use multiplier::workshop::{Code, HashedScenario, ResultFile, Verdict, verify};

use super::session::Shell;

const CODE: &str = "first-week-31";

pub(super) fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("mt-room-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// The text of first-week, the scenario the rooms of these tests play.
pub(super) fn source() -> &'static str {
    multiplier::format::BUILTINS
        .iter()
        .find(|b| b.id == "first-week")
        .expect("a built-in")
        .source
}

/// A room of [`CODE`] with `pacing` in `dir`, serving on a free loopback port.
pub(super) fn host(dir: &Path, pacing: Pacing) -> Running {
    host_of(dir, pacing, CODE)
}

/// A room of `code`, a built-in scenario's world.
fn host_of(dir: &Path, pacing: Pacing, code: &str) -> Running {
    host_with(dir, pacing, code, Limits::default())
}

/// A room of `code` with these limits.
pub(super) fn host_with(dir: &Path, pacing: Pacing, code: &str, limits: Limits) -> Running {
    let code = Code::parse(code).expect("a code");
    let builtin = multiplier::format::BUILTINS
        .iter()
        .find(|b| b.id == code.scenario)
        .expect("a built-in");
    let file = format!("{}.ron", builtin.id);
    let opened =
        room::open(dir, &code, &file, builtin.source, pacing, 1_796_119_200).expect("opens");
    let bind = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);
    Server::bind_with(opened, dir.to_path_buf(), bind, limits)
        .expect("binds")
        .spawn()
}

/// The room's address with its short code, as the projector shows it.
pub(super) fn address(running: &Running) -> Address {
    Address::parse(&format!("{}/{}", running.addr(), running.door())).expect("an address")
}

/// The balanced bot's weeks of the room's world, as a table sends them.
pub(super) fn weeks() -> Vec<SentWeek> {
    let scenario = HashedScenario::resolve("first-week")
        .expect("built-in")
        .scenario;
    let game = play(&scenario, Policy::Balanced, 31);
    game.log()
        .iter()
        .enumerate()
        .map(|(i, w)| SentWeek {
            week: SavedWeek::from(w),
            ended_at: 1_796_119_200 + 60 * i as u64,
        })
        .collect()
}

/// A table's sync of `weeks` from `from`, each planned with 10 of its 40 hours.
pub(super) fn request(from: u32, weeks: &[SentWeek]) -> SyncRequest {
    SyncRequest {
        from,
        weeks: weeks.to_vec(),
        planned: 10.0,
        hours: 40.0,
        left: None,
    }
}

/// Sends weeks `from..upto` of `all` for the table with `token`, and the host takes them.
pub(super) fn send(at: &Address, token: &str, all: &[SentWeek], from: usize, upto: usize) {
    client::sync(at, token, &request(from as u32, &all[from..upto])).expect("accepted");
}

/// A whole answer, asked for in HTTP/1.0 so that it never comes chunked.
pub(super) fn get(running: &Running, path: &str) -> (u16, String) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(running.addr()).expect("connects");
    write!(s, "GET {path} HTTP/1.0\r\nHost: x\r\n\r\n").expect("writes");
    let mut text = String::new();
    s.read_to_string(&mut text).expect("reads");
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

#[test]
fn a_table_plays_a_whole_run_and_the_host_re_simulates_and_collects_it() {
    let dir = folder("whole");
    let running = host(&dir, Pacing::Free);
    let at = address(&running);
    let joined = client::join(&at, "Night Owls", None).expect("joins");
    assert_eq!(joined.code, CODE);
    assert!(joined.log.is_empty());
    let all = weeks();
    // Week by week, then the last weeks again as a table that never heard the answer would.
    for (i, _) in all.iter().enumerate().take(5) {
        let synced =
            client::sync(&at, &joined.token, &request(i as u32, &all[i..=i])).expect("accepted");
        assert_eq!(synced.weeks, i as u32 + 1);
    }
    let synced = client::sync(&at, &joined.token, &request(3, &all[3..])).expect("accepted");
    assert_eq!(synced.weeks as usize, all.len());

    // The room's folder holds a result file that verifies like any other.
    let files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.to_string_lossy().ends_with(".result.ron"))
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let result = ResultFile::read(&files[0]).expect("reads");
    assert_eq!(result.team, "Night Owls");
    assert_eq!(result.ended_at.len(), all.len());
    let hashed = HashedScenario::parse("first-week.ron", source().as_bytes()).expect("parses");
    assert_eq!(verify(&result, &hashed).0, Verdict::Verified);

    // The facilitator's pages need the key; the projector's do not, and name no team.
    let key = running.key();
    assert_eq!(get(&running, "/room").0, 403);
    assert_eq!(get(&running, "/room/tables.csv?key=wrong").0, 403);
    let (status, page) = get(&running, &format!("/room?key={key}"));
    assert_eq!(status, 200);
    assert!(page.contains("Night Owls"));
    let (status, csv) = get(&running, &format!("/room/tables.csv?key={key}"));
    assert_eq!(status, 200);
    assert!(
        csv.contains(&format!("Night Owls,{n},{n},", n = all.len())),
        "{csv}"
    );
    let (_, weeks_csv) = get(&running, &format!("/room/weeks.csv?key={key}"));
    assert_eq!(weeks_csv.matches("Night Owls,").count(), all.len());
    let (status, report) = get(&running, &format!("/room/report.html?key={key}"));
    assert_eq!(status, 200);
    assert!(report.contains("Night Owls"));
    let (status, projector) = get(&running, "/projector");
    assert_eq!(status, 200);
    assert!(!projector.contains("Night Owls"));
    assert!(projector.contains("<svg"), "the join address as a QR code");
}

fn refused<T: std::fmt::Debug>(r: Result<T, ClientError>) -> String {
    match r {
        Err(ClientError::Refused(why)) => why,
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn a_table_can_only_write_its_own_run_and_only_forward() {
    let dir = folder("refuse");
    let running = host(&dir, Pacing::Timed { seconds: 60 });
    let at = address(&running);
    let a = client::join(&at, "Alpha", None).expect("joins");
    assert!(refused(client::join(&at, "alpha ", None)).contains("another table"));
    assert!(refused(client::join(&at, "  ", None)).contains("name"));
    let all = weeks();
    assert!(
        refused(client::sync(&at, "not-a-token", &request(0, &all[..1]))).contains("does not know")
    );
    client::sync(&at, &a.token, &request(0, &all[..3])).expect("accepted");
    // A different week 2 is an undo, which a timed room does not take.
    let mut other = all[1].clone();
    other.week.plan.clear();
    assert!(refused(client::sync(&at, &a.token, &request(1, &[other]))).contains("Undo is off"));
    assert!(refused(client::sync(&at, &a.token, &request(5, &all[5..6]))).contains("has 3 weeks"));
    // A choice the event does not have does not replay.
    let mut bad = all[3].clone();
    bad.week.choice = Some(99);
    let why = refused(client::sync(&at, &a.token, &request(3, &[bad])));
    assert!(why.contains("week 4"), "{why}");
    // Far too large a request is refused unread.
    let mut huge = all[3].clone();
    huge.week.plan[0].action = "x".repeat(2 * 1024 * 1024);
    assert!(refused(client::sync(&at, &a.token, &request(3, &[huge]))).contains("too large"));
    let synced = client::sync(&at, &a.token, &request(3, &[])).expect("a heartbeat");
    assert_eq!(synced.weeks, 3, "nothing refused was kept");
}

#[test]
fn a_free_room_takes_an_undo_and_counts_it() {
    let dir = folder("undo");
    let running = host(&dir, Pacing::Free);
    let at = address(&running);
    let a = client::join(&at, "Alpha", None).expect("joins");
    let all = weeks();
    client::sync(&at, &a.token, &request(0, &all[..4])).expect("accepted");
    let synced = client::sync(&at, &a.token, &request(2, &[])).expect("an undo of two weeks");
    assert_eq!(synced.weeks, 2);
    let csv = get(&running, &format!("/room/tables.csv?key={}", running.key())).1;
    assert!(csv.contains("Alpha,2,"), "{csv}");
    assert!(
        csv.lines()
            .any(|l| l.starts_with("Alpha,") && l.split(',').nth(5) == Some("2")),
        "{csv}"
    );
}

#[test]
fn an_in_step_room_holds_every_table_at_its_week() {
    let dir = folder("step");
    let running = host(&dir, Pacing::InStep { seconds: None });
    let at = address(&running);
    let a = client::join(&at, "Alpha", None).expect("joins");
    let b = client::join(&at, "Beta", None).expect("joins");
    assert_eq!(a.clock.room_week, Some(1));
    let all = weeks();
    client::sync(&at, &a.token, &request(0, &all[..1])).expect("week 1 may end");
    match client::sync(&at, &a.token, &request(1, &all[1..2])) {
        Err(ClientError::Refused(why)) => assert!(why.contains("room is at week 1"), "{why}"),
        other => panic!("week 2 ended early: {other:?}"),
    }
    // Once every table has ended the room's week, the room moves on by itself.
    let synced = client::sync(&at, &b.token, &request(0, &all[..1])).expect("week 1 may end");
    assert_eq!(synced.clock.room_week, Some(2));
    client::sync(&at, &a.token, &request(1, &all[1..2])).expect("week 2 may end now");
    // The facilitator moves the room on, and pauses it.
    let key = running.key();
    let post = |path: &str| {
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(running.addr()).expect("connects");
        write!(s, "POST {path}?key={key} HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n").expect("writes");
        let mut t = String::new();
        s.read_to_string(&mut t).expect("reads");
        t
    };
    assert!(post("/room/advance").starts_with("HTTP/1.1 303"));
    post("/room/pause");
    let synced = client::sync(&at, &b.token, &request(1, &[])).expect("a heartbeat");
    assert_eq!(synced.clock.room_week, Some(3));
    assert!(synced.clock.paused);
    post("/room/resume");
    let synced = client::sync(&at, &b.token, &request(1, &[])).expect("a heartbeat");
    assert!(!synced.clock.paused);
}

/// A free port on loopback, for a host started as its own process.
pub(super) fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A host started as its own process, and the room's short code it printed.
pub(super) fn start_host(dir: &Path, port: u16, data: &Path) -> (Child, String) {
    let (child, door, _) = start_host_keyed(dir, port, data);
    (child, door)
}

/// A host started as its own process, the room's short code and the facilitator's key it
/// printed.
pub(super) fn start_host_keyed(dir: &Path, port: u16, data: &Path) -> (Child, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_multiplier"))
        .args([
            "host",
            CODE,
            "--bind",
            "127.0.0.1",
            "--port",
            &port.to_string(),
            "--dir",
        ])
        .arg(dir)
        .env("MULTIPLIER_DATA_DIR", data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the host starts");
    let (door, key) = printed(&mut child);
    (child, door, key)
}

/// The room's short code a host process prints (`Tables join at: 127.0.0.1:8470/0427 …`);
/// the rest of what it prints is read and dropped.
pub(super) fn door_printed(child: &mut Child) -> String {
    printed(child).0
}

/// The room's short code and the facilitator's key (`Facilitator: http://…/room?key=…`) a
/// host process prints; the rest of what it prints is read and dropped.
fn printed(child: &mut Child) -> (String, String) {
    use std::io::BufRead;
    let out = child.stdout.take().expect("the host's output");
    let (send, heard) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut door = String::new();
        for line in std::io::BufReader::new(out).lines() {
            let Ok(line) = line else { return };
            if let Some(at) = line.strip_prefix("Tables join at: ") {
                door = at
                    .split_whitespace()
                    .next()
                    .and_then(|a| a.split('/').nth(1))
                    .unwrap_or("")
                    .to_string();
            }
            if let Some(link) = line.strip_prefix("Facilitator:") {
                let key = link
                    .split_whitespace()
                    .next()
                    .and_then(|l| l.split_once("key="))
                    .map_or("", |(_, k)| k)
                    .to_string();
                let _ = send.send((door.clone(), key));
            }
        }
    });
    heard
        .recv_timeout(Duration::from_secs(20))
        .expect("the host prints where tables join and the facilitator's link")
}

/// Joins once the host listens.
pub(super) fn join_when_up(at: &Address, team: &str, token: Option<&str>) -> room::Joined {
    let start = Instant::now();
    loop {
        match client::join(at, team, token) {
            Ok(j) => return j,
            Err(e) if e.transient() && start.elapsed() < Duration::from_secs(20) => {
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(e) => panic!("cannot join: {e}"),
        }
    }
}

/// The host is killed while a table sends its weeks one by one as fast as it is answered,
/// so the kill lands in the middle of a request: every week it acknowledged is back after
/// the restart, nothing more than it was sent, and the table plays on from there.
#[test]
fn a_host_killed_with_sigkill_loses_nothing_it_acknowledged() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};
    let dir = folder("kill");
    let data = folder("kill-data");
    let port = free_port();
    let (mut child, door) = start_host(&dir, port, &data);
    let at = Address::parse(&format!("127.0.0.1:{port}/{door}")).expect("an address");
    let joined = join_when_up(&at, "Night Owls", None);
    let all = weeks();
    let acked = Arc::new(AtomicU32::new(0));
    let sender = {
        let (at, token, all, acked) =
            (at.clone(), joined.token.clone(), all.clone(), acked.clone());
        std::thread::spawn(move || {
            for i in 0..all.len() {
                match client::sync(&at, &token, &request(i as u32, &all[i..=i])) {
                    Ok(synced) => acked.store(synced.weeks, Ordering::SeqCst),
                    Err(_) => return,
                }
            }
        })
    };
    let start = Instant::now();
    while acked.load(Ordering::SeqCst) < 3 && start.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("gone");
    sender.join().expect("the sender");
    let acked = acked.load(Ordering::SeqCst) as usize;
    assert!(acked >= 3, "the host acknowledged {acked} weeks");

    let (mut child, again) = start_host(&dir, port, &data);
    assert_eq!(again, door, "the room keeps its code");
    let back = join_when_up(&at, "Night Owls", Some(&joined.token));
    let kept = back.log.len();
    assert!(kept >= acked, "{acked} weeks acknowledged, {kept} back");
    assert_eq!(
        back.log,
        all[..kept].to_vec(),
        "the weeks back are the ones sent"
    );
    let synced =
        client::sync(&at, &joined.token, &request(kept as u32, &all[kept..])).expect("plays on");
    assert_eq!(synced.weeks as usize, all.len());
    // A second host on the same folder is told the room is open elsewhere.
    let second = Command::new(env!("CARGO_BIN_EXE_multiplier"))
        .args(["host", CODE, "--bind", "127.0.0.1", "--port", "0", "--dir"])
        .arg(&dir)
        .env("MULTIPLIER_DATA_DIR", &data)
        .output()
        .expect("runs");
    assert!(!second.status.success());
    let said = String::from_utf8_lossy(&second.stderr);
    assert!(said.contains("open in another"), "{said}");
    child.kill().expect("SIGKILL");
    let _ = child.wait();
}

#[test]
fn the_game_joins_a_room_sends_its_weeks_and_comes_back_to_them() {
    let dir = folder("game");
    let running = host(&dir, Pacing::Free);
    let mut shell = Shell::new("room-game");
    shell.send(Intent::Join {
        code: format!("{}/{}", running.addr(), running.door()),
        team: "Night Owls".into(),
    });
    assert_eq!(
        shell.session.screen(),
        Screen::Briefing,
        "{:?}",
        shell.session.notice
    );
    shell.send(Intent::Begin);
    for _ in 0..3 {
        shell.play_week();
    }
    let sync = |shell: &mut Shell| {
        let run = shell.session.run.as_ref().expect("a run");
        let (at, token, request) = run.sync_request().expect("a room's run");
        let answer = client::sync(&at, &token, &request);
        shell.session.synced(answer);
    };
    sync(&mut shell);
    let run = shell.session.run.as_ref().expect("a run");
    let room = run
        .workshop
        .as_ref()
        .and_then(|w| w.room.as_ref())
        .expect("a room");
    assert_eq!(room.acked, 3);
    assert!(run.sync_request().expect("a room's run").2.weeks.is_empty());
    // The game started again: the same team at the same address takes its run back.
    let mut again = Shell::at(shell.data.clone());
    again.send(Intent::Join {
        code: running.addr().to_string(),
        team: "night owls".into(),
    });
    assert_eq!(again.session.screen(), Screen::Play);
    assert_eq!(again.week(), 3);
    let ours = shell
        .session
        .run
        .as_ref()
        .expect("a run")
        .game
        .state()
        .clone();
    assert_eq!(
        again.session.run.as_ref().expect("a run").game.state(),
        &ours
    );
}

#[test]
fn a_timed_workshop_does_not_wait_for_an_open_event_and_has_no_undo() {
    let mut shell = Shell::new("timed-event");
    shell.send(Intent::Join {
        code: "brilliant-team-77-30s".into(),
        team: "Night Owls".into(),
    });
    shell.send(Intent::Begin);
    // Weeks end until one raises an event.
    let pending = |s: &Shell| {
        s.session
            .run
            .as_ref()
            .is_some_and(|r| r.game.pending().is_some())
    };
    while !pending(&shell) {
        let week = shell.week();
        shell.send(Intent::EndWeek);
        assert_eq!(shell.week(), week + 1);
        assert!(shell.week() < 20, "no event in the first weeks");
    }
    let week = shell.week();
    shell.send(Intent::Undo);
    assert_eq!(shell.week(), week, "Undo is off");
    let mut cx = multiplier::app::Context {
        catalog: &mut shell.catalog,
        scanning: false,
        busy: false,
    };
    let commands = shell.session.tick(31.0, &mut cx);
    shell.carry_out(commands);
    assert!(!pending(&shell), "time up took the event's first answer");
    assert_eq!(shell.week(), week + 1, "and ended the week");
}

#[test]
fn a_room_of_a_hundred_bot_tables_plays_26_weeks_in_every_pacing() {
    let code = "brilliant-team-4821";
    for (name, pacing) in [
        ("free", Pacing::Free),
        ("timed", Pacing::Timed { seconds: 60 }),
        ("step", Pacing::InStep { seconds: None }),
    ] {
        let dir = folder(&format!("hundred-{name}"));
        // A hundred tables from one address, which the host's default limits would not take.
        let limits = Limits {
            joins_per_minute: 100,
            per_address: 200,
            ..Limits::default()
        };
        let running = host_with(&dir, pacing, code, limits);
        let at = address(&running);
        let tables: Vec<_> = (0..100)
            .map(|i| {
                let at = at.clone();
                std::thread::spawn(move || {
                    let policy = Policy::ALL[i % Policy::ALL.len()];
                    room::bot::play(&at, &format!("Table {i}"), policy, Duration::ZERO, |_| {})
                        .map(|game| multiplier::sim::Totals::of(game.state()))
                })
            })
            .collect();
        let totals: Vec<_> = tables
            .into_iter()
            .map(|t| t.join().expect("a table's thread").expect("a whole run"))
            .collect();
        let key = running.key();
        let (_, csv) = get(&running, &format!("/room/tables.csv?key={key}"));
        for (i, t) in totals.iter().enumerate() {
            let row = csv
                .lines()
                .find(|l| l.starts_with(&format!("Table {i},")))
                .unwrap_or_else(|| panic!("{name}: no row for table {i}"));
            assert!(
                row.starts_with(&format!("Table {i},26,26,{:.3},{:.3},", t.output, t.value)),
                "{name}: {row}"
            );
        }
        let (status, report) = get(&running, &format!("/room/report.html?key={key}"));
        assert_eq!(status, 200);
        assert!(
            (0..100).all(|i| report.contains(&format!("Table {i}<"))),
            "{name}: a table is missing from the report"
        );
        let hashed = HashedScenario::resolve("brilliant-team").expect("built-in");
        let results: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("the folder")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.to_string_lossy().ends_with(".result.ron"))
            .collect();
        assert_eq!(results.len(), 100, "{name}");
        for path in &results {
            let result = ResultFile::read(path).expect("reads");
            assert_eq!(
                verify(&result, &hashed).0,
                Verdict::Verified,
                "{name}: {}",
                path.display()
            );
        }
    }
}

#[test]
fn hostile_requests_are_refused_or_escaped() {
    use std::io::{Read, Write};
    let dir = folder("hostile");
    let running = host(&dir, Pacing::Free);
    let at = address(&running);
    let raw = |request: &str| {
        let mut s = std::net::TcpStream::connect(running.addr()).expect("connects");
        s.write_all(request.as_bytes()).expect("writes");
        let mut t = String::new();
        s.read_to_string(&mut t).expect("reads");
        t
    };
    let garbage = "{\"team\": \"json, not RON\"}";
    let answer = raw(&format!(
        "POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{garbage}",
        garbage.len()
    ));
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    let answer = raw(
        "POST /api/join HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999\r\nConnection: close\r\n\r\n",
    );
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    // One table's token writes only its own run.
    let a = client::join(&at, "<script>alert(1)</script>", None).expect("joins");
    let b = client::join(&at, "Beta", None).expect("joins");
    let all = weeks();
    client::sync(&at, &b.token, &request(0, &all[..2])).expect("accepted");
    let synced = client::sync(&at, &a.token, &request(0, &all[..1])).expect("accepted");
    assert_eq!(synced.weeks, 1, "Alpha's own run, not Beta's");
    let (_, page) = get(&running, &format!("/room?key={}", running.key()));
    assert!(!page.contains("<script>alert"), "a team name is escaped");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(
        page.to_ascii_lowercase()
            .contains("content-security-policy"),
        "{page:.400}"
    );
}

/// A host announces its room on the local network and a table listening hears its code and
/// the port to join (multicast gets through on this machine; on many Wi-Fi networks it does
/// not, and the address is typed).
#[test]
fn a_room_is_heard_on_the_local_network() {
    let dir = folder("mdns");
    let data = folder("mdns-data");
    let port = free_port();
    let mut discovery = room::discover::Discovery::start().expect("listens");
    let (mut child, _) = start_host(&dir, port, &data);
    let start = Instant::now();
    let heard = loop {
        let rooms = discovery.rooms();
        if let Some(r) = rooms.into_iter().find(|r| r.address.port == port) {
            break Some(r);
        }
        if start.elapsed() > Duration::from_secs(15) {
            break None;
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    let heard = heard.expect("the room is heard");
    assert_eq!(heard.code, CODE);
    // The address heard is one a table can join.
    assert!(Address::parse(&heard.address.to_string()).is_some());
}

/// A table that loses the Wi-Fi for several weeks plays on and, once back, sends every week
/// it played in one go, including the last one it had sent but never heard back about: the
/// host ends with each week once, in order, and the table is online again.
#[test]
fn a_table_offline_for_weeks_catches_up_with_nothing_lost_or_doubled() {
    let dir = folder("offline");
    let running = host(&dir, Pacing::Free);
    let at = address(&running);
    let joined = client::join(&at, "Night Owls", None).expect("joins");
    let all = weeks();
    client::sync(&at, &joined.token, &request(0, &all[..2])).expect("accepted");
    // Weeks 3 to 7 are played with no network; the answer to week 2 was lost, so the table
    // sends from week 2 again.
    let synced = client::sync(&at, &joined.token, &request(1, &all[1..7])).expect("accepted");
    assert_eq!(synced.weeks, 7);
    let back = client::join(&at, "Night Owls", Some(&joined.token)).expect("rejoins");
    assert_eq!(back.log, all[..7].to_vec());
    let key = running.key();
    let (_, csv) = get(&running, &format!("/room/weeks.csv?key={key}"));
    let rows = csv.lines().filter(|l| l.starts_with("Night Owls,")).count();
    assert_eq!(rows, 7, "one row per week: {csv}");
    let (_, page) = get(&running, &format!("/room?key={key}"));
    assert!(page.contains("online"), "the table is online again");
}

/// A bot table plays no further while its host is away (it would run ahead of what the room
/// saved), sends its week again when the host is back, and plays on to the end.
#[test]
fn a_bot_waits_while_the_host_is_away_and_plays_on_when_it_is_back() {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicU32, Ordering};
    let dir = folder("bot-away");
    let running = host(&dir, Pacing::Free);
    let (addr, at) = (running.addr(), address(&running));
    let played = Arc::new(AtomicU32::new(0));
    let bot = {
        let (at, played) = (at.clone(), played.clone());
        std::thread::spawn(move || {
            room::bot::play(
                &at,
                "Patient Bots",
                Policy::Balanced,
                Duration::from_millis(100),
                |_| {
                    played.fetch_add(1, Ordering::SeqCst);
                },
            )
        })
    };
    let start = Instant::now();
    while played.load(Ordering::SeqCst) < 2 {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the bot never played"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    drop(running);
    let away = played.load(Ordering::SeqCst);
    std::thread::sleep(Duration::from_millis(1500));
    let later = played.load(Ordering::SeqCst);
    assert!(
        later <= away + 1,
        "the bot played {} weeks while the host was away",
        later - away
    );
    let code = Code::parse(CODE).expect("a code");
    let builtin = multiplier::format::BUILTINS
        .iter()
        .find(|b| b.id == code.scenario)
        .expect("a built-in");
    let opened = room::open(
        &dir,
        &code,
        "first-week.ron",
        builtin.source,
        Pacing::Free,
        0,
    )
    .expect("opens again");
    let _back = Server::bind(opened, dir.clone(), addr)
        .expect("binds the same port")
        .spawn();
    let game = bot
        .join()
        .expect("the bot's thread")
        .expect("a whole run once the host is back");
    assert!(game.finished());
}

/// `multiplier join` started again with the same team name takes its table up again (its
/// token kept in the data folder, as the game keeps a table's).
#[test]
fn a_join_bot_started_again_takes_its_table_up_again() {
    let dir = folder("bot-again");
    let data = folder("bot-again-data");
    let running = host(&dir, Pacing::Free);
    let at = address(&running);
    let join = || {
        Command::new(env!("CARGO_BIN_EXE_multiplier"))
            .args([
                "join",
                &format!("{at}/{}", running.door()),
                "--team",
                "Steady",
                "--every",
                "0",
            ])
            .env("MULTIPLIER_DATA_DIR", &data)
            .output()
            .expect("runs")
    };
    let first = join();
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let second = join();
    let said = String::from_utf8_lossy(&second.stdout);
    assert!(
        second.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert!(said.contains("as Steady again"), "{said}");
    let (_, csv) = get(&running, &format!("/room/tables.csv?key={}", running.key()));
    assert_eq!(csv.matches("Steady,").count(), 1, "one table: {csv}");
}

/// A room of first-week opened in a folder of its own for `test`, with `pacing`, and the
/// moment it woke (in milliseconds), its rules driven directly rather than over HTTP.
fn woken_room(test: &str, pacing: Pacing) -> (room::rules::Room, u64) {
    let code = Code::parse(CODE).expect("a code");
    let opened = room::open(
        &folder(test),
        &code,
        "first-week.ron",
        source(),
        pacing,
        1_796_119_200,
    )
    .expect("opens");
    let mut r = opened.room;
    let now = 1_796_119_200_000;
    r.woke(now);
    (r, now)
}

/// In a free room, the pace says where a table stands against the room's middle table in
/// bands, so that the words stay put while tables end weeks around them: within a week
/// either way is on pace, two or more behind is behind (and named in the summary), five or
/// more far behind.
#[test]
fn a_free_rooms_pace_is_said_in_bands_around_its_middle_table() {
    use multiplier::app::view::FacilitatorView;
    use multiplier::sim::Totals;
    let (mut r, now) = woken_room("free-pace", Pacing::Free);
    let door = r.config().door.clone();
    let all = weeks();
    // The middle table (of five) is at week 6.
    let ended = [
        ("Far", 1),
        ("Back", 4),
        ("Middle", 6),
        ("Near", 7),
        ("Front", 9),
    ];
    for (i, (team, weeks)) in ended.iter().enumerate() {
        let change = r.join(team, Some(&door), team, now).expect("joins");
        r.commit(change);
        let sent = request(0, &all[..*weeks]);
        r.heard(i, &sent, now);
        let change = r.sync(i, &sent, now).expect("weeks").expect("new");
        r.commit(change);
    }
    let paces = |r: &room::rules::Room| -> Vec<String> {
        FacilitatorView::of(r, |_| Totals::default(), now)
            .rows
            .into_iter()
            .map(|row| row.pace.0)
            .collect()
    };
    assert_eq!(
        paces(&r),
        ["far behind", "behind", "on pace", "on pace", "ahead"]
    );
    let summary = FacilitatorView::of(&r, |_| Totals::default(), now).summary;
    assert!(
        summary.iter().any(|l| l == "Behind: Far, Back"),
        "{summary:?}"
    );
    // The middle table plays on a week, and the room's middle with it: no one's words move.
    let sent = request(6, &all[6..7]);
    r.heard(2, &sent, now);
    let change = r.sync(2, &sent, now).expect("week 7").expect("new");
    r.commit(change);
    assert_eq!(
        paces(&r),
        ["far behind", "behind", "on pace", "on pace", "ahead"]
    );
}

/// In step, the pace says who the room waits for: a table that has ended the room's week
/// waits, the one still playing it holds the room. A table gone quiet (or never heard from
/// since the host started) stops holding it after a minute; one heard from lately does not.
#[test]
fn an_in_step_room_is_not_held_by_a_quiet_table_and_says_who_it_waits_for() {
    use multiplier::app::view::FacilitatorView;
    use multiplier::sim::Totals;
    let (mut r, now) = woken_room("step-quiet", Pacing::InStep { seconds: None });
    let door = r.config().door.clone();
    for (team, token) in [("Alpha", "a"), ("Beta", "b")] {
        let change = r.join(team, Some(&door), token, now).expect("joins");
        r.commit(change);
    }
    let all = weeks();
    let sent = request(0, &all[..1]);
    r.heard(0, &sent, now);
    let change = r.sync(0, &sent, now).expect("week 1").expect("new");
    r.commit(change);
    let paces: Vec<String> = FacilitatorView::of(&r, |_| Totals::default(), now)
        .rows
        .into_iter()
        .map(|row| row.pace.0)
        .collect();
    assert_eq!(paces, ["week ended, waiting", "playing the room's week"]);
    assert!(r.due(now + 30_000).is_none(), "Beta is not quiet yet");
    r.heard(1, &request(0, &[]), now + 50_000);
    assert!(r.due(now + 61_000).is_none(), "Beta was heard 11 s ago");
    assert!(
        r.due(now + 50_000 + 61_000).is_some(),
        "a quiet Beta holds the room"
    );
}
