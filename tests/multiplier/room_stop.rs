//! A host stopped with SIGSTOP mid-run (a laptop's lid closed, a process frozen) while its
//! tables keep trying: nothing it acknowledged is lost, the tables catch up when it goes on,
//! and the room goes on; killed with SIGKILL while stopped and started again, the same.
//! One table is a `join` bot, the other a browser table driven over HTTP as a browser would
//! (its forms and its cookie).
#![cfg(unix)]

use std::io::BufRead;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::time::{Duration, Instant};

use super::room::{folder, free_port, start_host_keyed};

/// Sends `signal` (`STOP`, `CONT`) to the host.
fn signal(child: &Child, signal: &str) {
    let sent = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .expect("kill runs");
    assert!(sent.success(), "kill -{signal}");
}

/// The weeks each team has in the room, from the facilitator's CSV (what the host holds).
fn weeks_of(base: &str, key: &str, team: &str) -> Option<u32> {
    let csv = ureq::get(format!("{base}/room/tables.csv?key={key}"))
        .call()
        .ok()?
        .body_mut()
        .read_to_string()
        .ok()?;
    csv.lines()
        .find_map(|l| l.strip_prefix(&format!("{team},")))
        .and_then(|rest| rest.split(',').next())
        .and_then(|w| w.parse().ok())
}

/// Waits until both tables have at least `weeks` weeks in the room.
fn until_both(base: &str, key: &str, weeks: u32, why: &str) -> (u32, u32) {
    let start = Instant::now();
    loop {
        let both = (
            weeks_of(base, key, "Steady Bots").unwrap_or(0),
            weeks_of(base, key, "Browser").unwrap_or(0),
        );
        if both.0 >= weeks && both.1 >= weeks {
            return both;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{why}: the tables have {both:?} weeks"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A browser table over HTTP: joins with the room's short code, then plays a week every
/// 150 ms (plan, end, answer), each request waiting as long as a browser would and sent
/// again when the connection fails, until it has played every week or is told to stop.
fn browser_table(base: String, door: String, rounds: Arc<AtomicU32>, stop: Arc<AtomicBool>) {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .max_redirects(0)
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(60)))
        .build()
        .into();
    let send = |path: &str, form: &str, cookie: Option<&str>| loop {
        let mut request = agent
            .post(format!("{base}{path}"))
            .content_type("application/x-www-form-urlencoded");
        if let Some(cookie) = cookie {
            request = request.header("Cookie", cookie);
        }
        match request.send(form.to_string()) {
            Ok(answer) => return answer,
            Err(_) if !stop.load(Ordering::SeqCst) => {
                std::thread::sleep(Duration::from_millis(200));
            }
            Err(e) => panic!("{path}: {e}"),
        }
    };
    let joined = send("/play/join", &format!("team=Browser&door={door}"), None);
    assert_eq!(joined.status(), 303, "the browser table joins");
    let cookie = joined
        .headers()
        .get("set-cookie")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .expect("a cookie")
        .to_string();
    send("/play/act", "do=begin", Some(&cookie));
    while !stop.load(Ordering::SeqCst) && rounds.load(Ordering::SeqCst) < 40 {
        for form in ["do=add&action=explain", "do=end", "do=decide&choice=0"] {
            let answer = send("/play/act", form, Some(&cookie));
            assert_eq!(answer.status(), 303, "{form}");
        }
        rounds.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(150));
    }
}

#[test]
fn a_host_stopped_with_sigstop_loses_nothing_and_the_room_goes_on() {
    let dir = folder("sigstop");
    let data = folder("sigstop-data");
    let port = free_port();
    let (mut host, door, key) = start_host_keyed(&dir, port, &data);
    let base = format!("http://127.0.0.1:{port}");

    // The bot prints a line per week played; it plays a week only once the host holds
    // the ones before.
    let mut bot = Command::new(env!("CARGO_BIN_EXE_multiplier"))
        .args([
            "join",
            &format!("127.0.0.1:{port}/{door}"),
            "--team",
            "Steady Bots",
            "--every",
            "0.3",
        ])
        .env("MULTIPLIER_DATA_DIR", &data)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the bot starts");
    let played = Arc::new(AtomicU32::new(0));
    let printed = {
        let (out, played) = (bot.stdout.take().expect("its output"), played.clone());
        std::thread::spawn(move || {
            let mut said = String::new();
            for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
                if line.starts_with("week ") {
                    played.fetch_add(1, Ordering::SeqCst);
                }
                said.push_str(&line);
                said.push('\n');
            }
            said
        })
    };
    let (rounds, stop) = (
        Arc::new(AtomicU32::new(0)),
        Arc::new(AtomicBool::new(false)),
    );
    let table = {
        let (base, door, rounds, stop) = (base.clone(), door.clone(), rounds.clone(), stop.clone());
        std::thread::spawn(move || browser_table(base, door, rounds, stop))
    };

    // Stopped mid-run: the tables keep trying, and the bot plays no further than the
    // host holds.
    let held = until_both(&base, &key, 2, "before the stop");
    signal(&host, "STOP");
    let (bot_at, table_at) = (played.load(Ordering::SeqCst), rounds.load(Ordering::SeqCst));
    std::thread::sleep(Duration::from_secs(3));
    assert!(
        played.load(Ordering::SeqCst) <= bot_at + 1,
        "the bot played on while the host was stopped"
    );
    assert!(
        rounds.load(Ordering::SeqCst) <= table_at + 1,
        "the browser table was answered while the host was stopped"
    );
    signal(&host, "CONT");
    let after = until_both(&base, &key, held.0.max(held.1) + 2, "after SIGCONT");
    assert!(
        after.0 >= held.0 && after.1 >= held.1,
        "{held:?} → {after:?}"
    );

    // Stopped again and killed while stopped: what it held is back when it starts again,
    // and both tables play to the end.
    let held = until_both(&base, &key, after.0.max(after.1) + 1, "before the kill");
    signal(&host, "STOP");
    std::thread::sleep(Duration::from_millis(500));
    host.kill().expect("SIGKILL");
    host.wait().expect("gone");
    let (mut host, again, _) = start_host_keyed(&dir, port, &data);
    assert_eq!(again, door, "the room keeps its code");
    let back = (
        weeks_of(&base, &key, "Steady Bots").unwrap_or(0),
        weeks_of(&base, &key, "Browser").unwrap_or(0),
    );
    assert!(
        back.0 >= held.0 && back.1 >= held.1,
        "the host held {held:?} weeks before the kill, {back:?} after"
    );
    let status = bot.wait().expect("the bot ends");
    let said = printed.join().expect("its output");
    assert!(status.success(), "the bot did not finish: {said}");
    assert!(said.contains("done:"), "{said}");
    let weeks = until_both(&base, &key, 12, "at the end");
    assert_eq!(weeks, (12, 12), "both tables played the whole run");
    stop.store(true, Ordering::SeqCst);
    table.join().expect("the browser table");
    host.kill().expect("SIGKILL");
    let _ = host.wait();
}
