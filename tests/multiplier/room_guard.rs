//! A room on a network it does not control: what a stranger on the café Wi-Fi can try, each
//! met by the host's limits (issue 29). File descriptors held by idle connections, huge
//! headers, floods of joins, streams that would starve the facilitator's view, and forms
//! posted from another site.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use multiplier::host::Limits;
use multiplier::room::{Address, Pacing, client};

use super::room::{address, door_printed, folder, free_port, get, host, host_with};

/// Sends `request` as it is and reads the answer until the host closes (or 5 s pass).
pub(super) fn exchange(at: SocketAddr, request: &[u8]) -> String {
    let mut s = TcpStream::connect(at).expect("connects");
    s.set_read_timeout(Some(Duration::from_secs(5)))
        .expect("a timeout");
    // The host may answer and close before it has read all of a request it refuses.
    let _ = s.write_all(request);
    let mut answer = Vec::new();
    let _ = s.read_to_end(&mut answer);
    String::from_utf8_lossy(&answer).into_owned()
}

/// The status of an answer's first line (0 if there is none).
pub(super) fn status(answer: &str) -> u16 {
    answer
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0)
}

/// Under a low file limit (`ulimit -n 128`, less than a Mac's default), a stranger holding
/// hundreds of idle connections from another address does not keep tables out, and the host
/// answers again as before once the stranger leaves (tiny_http's acceptor died for good).
#[test]
fn idle_connections_from_a_stranger_do_not_make_the_host_deaf() {
    if std::net::TcpListener::bind("[::1]:0").is_err() {
        eprintln!("skipped: this machine has no IPv6 loopback (the stranger's other address)");
        return;
    }
    let dir = folder("guard-fd");
    let data = folder("guard-fd-data");
    let port = free_port();
    // Hard and soft limit alike, so the host cannot raise its own.
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -n 128 && exec "$0" "$@""#)
        .arg(env!("CARGO_BIN_EXE_multiplier"))
        .args(["host", "first-week-31", "--bind", "::", "--port"])
        .arg(port.to_string())
        .arg("--dir")
        .arg(&dir)
        .env("MULTIPLIER_DATA_DIR", &data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the host starts");
    let door = door_printed(&mut child);
    let at = Address::parse(&format!("127.0.0.1:{port}/{door}")).expect("an address");
    let start = Instant::now();
    while client::join(&at, "Early", None).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "the host never listened"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let v6: SocketAddr = format!("[::1]:{port}").parse().expect("an address");
    let mut held = Vec::new();
    for _ in 0..400 {
        match TcpStream::connect_timeout(&v6, Duration::from_millis(500)) {
            Ok(s) => held.push(s),
            Err(_) => break,
        }
    }
    std::thread::sleep(Duration::from_millis(300));
    let during = client::join(&at, "During", None);
    drop(held);
    std::thread::sleep(Duration::from_millis(300));
    let after = client::join(&at, "After", None);
    let _ = child.kill();
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&data);
    assert!(
        during.is_ok(),
        "a table was kept out while a stranger held connections: {during:?}"
    );
    assert!(
        after.is_ok(),
        "the host stayed deaf after the stranger left: {after:?}"
    );
}

/// A request whose header is larger than any browser sends is refused without being read
/// into memory, and the host answers the next request as before.
#[test]
fn a_huge_header_is_refused() {
    let dir = folder("guard-header");
    let running = host(&dir, Pacing::Free);
    let mut request = b"GET / HTTP/1.1\r\nHost: x\r\nX-Junk: ".to_vec();
    request.extend(std::iter::repeat_n(b'a', 2 * 1024 * 1024));
    request.extend(b"\r\nConnection: close\r\n\r\n");
    let answer = exchange(running.addr(), &request);
    assert_ne!(
        status(&answer),
        200,
        "a 2 MiB header was taken: {answer:.80}"
    );
    assert_eq!(get(&running, "/").0, 200, "the host answers again");
}

/// One address cannot fill the room with tables: after a few joins in a minute, it is told
/// to wait, and a table from elsewhere still has its seat.
#[test]
fn one_address_cannot_fill_the_room() {
    let dir = folder("guard-flood");
    let running = host(&dir, Pacing::Free);
    let at = address(&running);
    let taken = (0..30)
        .filter(|i| client::join(&at, &format!("Junk {i}"), None).is_ok())
        .count();
    assert!(
        taken <= 10,
        "one address took {taken} seats in a few seconds"
    );
}

/// Strangers' live streams (the projector's, which anyone may open) are capped apart from
/// the facilitator's: with many of them open, the facilitator's view still streams.
#[test]
fn strangers_streams_do_not_starve_the_facilitator() {
    let dir = folder("guard-streams");
    let running = host(&dir, Pacing::Free);
    let mut streams = Vec::new();
    for _ in 0..40 {
        let mut s = TcpStream::connect(running.addr()).expect("connects");
        s.write_all(b"GET /live HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("writes");
        s.set_read_timeout(Some(Duration::from_secs(5)))
            .expect("a timeout");
        // Served (or refused) before the next one is opened.
        let _ = s.read(&mut [0u8; 64]);
        streams.push(s);
    }
    let mut s = TcpStream::connect(running.addr()).expect("connects");
    s.set_read_timeout(Some(Duration::from_secs(5)))
        .expect("a timeout");
    write!(
        s,
        "GET /room/live?key={} HTTP/1.1\r\nHost: x\r\n\r\n",
        running.key()
    )
    .expect("writes");
    let mut first = vec![0u8; 512];
    let n = s.read(&mut first).unwrap_or(0);
    let answer = String::from_utf8_lossy(&first[..n]);
    assert_eq!(status(&answer), 200, "the facilitator's view: {answer}");
    assert!(answer.contains("text/event-stream"), "{answer}");
}

/// A page on another site cannot post a browser table's forms (join, and so swap its
/// cookie) nor the facilitator's (pause, even with the key in the link); the room's own
/// pages can.
#[test]
fn another_site_cannot_join_or_pause() {
    let dir = folder("guard-origin");
    let running = host(&dir, Pacing::Free);
    let addr = running.addr();
    let form = |path: &str, origin: &str, body: &str| {
        exchange(
            addr,
            format!(
                "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: {origin}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        )
    };
    let key = running.key();
    let evil = "http://evil.example";
    let door = running.door();
    let joined = form("/play/join", evil, &format!("team=Victim&door={door}"));
    assert_eq!(status(&joined), 403, "{joined}");
    assert!(
        !joined.to_ascii_lowercase().contains("set-cookie"),
        "{joined}"
    );
    let paused = form(&format!("/room/pause?key={key}"), evil, "");
    assert_eq!(status(&paused), 403, "{paused}");
    let (_, page) = get(&running, &format!("/room?key={key}"));
    assert!(!page.contains("Paused"), "another site paused the room");
    let own = format!("http://{addr}");
    let joined = form("/play/join", &own, &format!("team=Player&door={door}"));
    assert_eq!(status(&joined), 303, "{joined}");
    let paused = form(&format!("/room/pause?key={key}"), &own, "");
    assert_eq!(status(&paused), 303, "{paused}");
}

/// A client that sends its request's head slowly, or keeps a connection open and says
/// nothing more, loses the connection after the host's head time (slowloris).
#[test]
fn slow_and_silent_clients_lose_their_connections() {
    let dir = folder("guard-slow");
    let limits = Limits {
        head_time: Duration::from_secs(1),
        ..Limits::default()
    };
    let running = host_with(&dir, Pacing::Free, "first-week-31", limits);
    let closed_within = |first: &[u8]| {
        let mut s = TcpStream::connect(running.addr()).expect("connects");
        s.set_read_timeout(Some(Duration::from_secs(10)))
            .expect("a timeout");
        s.write_all(first).expect("writes");
        let start = Instant::now();
        let mut answer = Vec::new();
        let _ = s.read_to_end(&mut answer);
        (
            start.elapsed(),
            String::from_utf8_lossy(&answer).into_owned(),
        )
    };
    let (slow, _) = closed_within(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ");
    assert!(
        slow < Duration::from_secs(5),
        "a half-sent head held on for {slow:?}"
    );
    let (idle, answer) = closed_within(b"GET /play.js HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(status(&answer), 200, "{answer}");
    assert!(
        idle < Duration::from_secs(5),
        "an idle connection held on for {idle:?}"
    );
}

/// What a table reports is checked before it is kept: a plan of actions the scenario does not
/// have, a plan longer than a week's, a week ended in a year no room lives to, are refused
/// with the reason; hours that are no week's ("inf of 0") are not shown. An honest week is
/// taken after all of them.
#[test]
fn absurd_reports_are_refused_or_not_kept() {
    use multiplier::room::{ClientError, SentWeek, SyncRequest};
    use multiplier::runlog::SavedAction;
    let dir = folder("guard-absurd");
    let running = host(&dir, Pacing::Free);
    let at = address(&running);
    let table = client::join(&at, "Tricksters", None).expect("joins");
    let honest = super::room::weeks();
    let send = |week: SentWeek, planned: f64, hours: f64| {
        client::sync(
            &at,
            &table.token,
            &SyncRequest {
                from: 0,
                weeks: vec![week],
                planned,
                hours,
                left: None,
            },
        )
    };
    let refused = |r: Result<_, ClientError>| match r {
        Err(ClientError::Refused(why)) => why,
        other => panic!("not refused: {other:?}"),
    };
    let mut unknown = honest[0].clone();
    unknown.week.plan.push(SavedAction {
        action: "teleport".into(),
        target: None,
    });
    let why = refused(send(unknown, 10.0, 40.0));
    assert!(why.contains("teleport") && why.contains("week 1"), "{why}");
    let mut long = honest[0].clone();
    long.week.plan = vec![
        SavedAction {
            action: "explain".into(),
            target: None,
        };
        200
    ];
    let why = refused(send(long, 10.0, 40.0));
    assert!(why.contains("200 entries"), "{why}");
    let mut late = honest[0].clone();
    late.ended_at = u64::MAX / 1000;
    let why = refused(send(late, 10.0, 40.0));
    assert!(why.contains("not a time of this room"), "{why}");
    let synced = send(honest[0].clone(), f64::INFINITY, 0.0).expect("an honest week");
    assert_eq!(synced.weeks, 1);
    let (_, page) = get(&running, &format!("/room?key={}", running.key()));
    assert!(!page.contains("inf of"), "absurd hours are shown");
}

/// A plan longer than the week's hours is taken (the core skips what does not fit, as the
/// table's screen said), and `weeks.csv` shows the hours the core spent and the entries it
/// skipped, not the hours planned.
#[test]
fn weeks_csv_counts_the_hours_played_not_the_hours_planned() {
    use multiplier::room::SyncRequest;
    use multiplier::runlog::SavedAction;
    let dir = folder("guard-overplanned");
    let running = host(&dir, Pacing::Free);
    let at = address(&running);
    let table = client::join(&at, "Overplanners", None).expect("joins");
    let mut week = super::room::weeks()[0].clone();
    let explain = SavedAction {
        action: "explain".into(),
        target: None,
    };
    week.week.plan = vec![explain; multiplier::sim::MAX_PLAN];
    // Whether an event follows this plan is the core's to say: a choice is offered if one did.
    let synced = [None, Some(0)].into_iter().find_map(|choice| {
        week.week.choice = choice;
        let request = SyncRequest {
            from: 0,
            weeks: vec![week.clone()],
            planned: 40.0,
            hours: 40.0,
            left: None,
        };
        client::sync(&at, &table.token, &request).ok()
    });
    assert_eq!(synced.map(|s| s.weeks), Some(1), "the long plan is taken");
    let (_, csv) = get(&running, &format!("/room/weeks.csv?key={}", running.key()));
    let header: Vec<&str> = (csv.lines())
        .find(|l| l.starts_with("team,"))
        .unwrap_or_else(|| panic!("a header: {csv}"))
        .split(',')
        .collect();
    let row: Vec<&str> = (csv.lines())
        .find(|l| l.starts_with("Overplanners,1,"))
        .unwrap_or_else(|| panic!("a row for the week: {csv}"))
        .split(',')
        .collect();
    let column = |name: &str| {
        let i = header.iter().position(|h| *h == name);
        i.and_then(|i| row.get(i))
            .copied()
            .unwrap_or_else(|| panic!("{name}: {csv}"))
    };
    let spent: f64 = column("hours_spent").parse().expect("hours");
    let skipped: usize = column("entries_skipped").parse().expect("a count");
    let explain_hours = multiplier::workshop::HashedScenario::resolve("first-week")
        .expect("built-in")
        .scenario
        .action("explain")
        .expect("explain")
        .hours;
    assert!(skipped > 0 && skipped < multiplier::sim::MAX_PLAN, "{csv}");
    assert!(
        (spent - explain_hours * (multiplier::sim::MAX_PLAN - skipped) as f64).abs() < 1e-6,
        "the hours of the entries played: {csv}"
    );
    assert!(spent <= 168.0, "no week has more hours than a week: {csv}");
}
