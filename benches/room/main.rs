//! The room under load, on loopback.
//!
//! `cargo bench --no-default-features --bench room`: a flood. 100 tables each join and send
//! their 26 weeks one by one through the real client, as fast as the host answers. Prints the
//! p50 and p99 latency of a week's submission, the process's CPU time and its peak memory
//! (one process: tables and host share it, so the memory is an upper bound).
//!
//! `cargo bench --no-default-features --bench room -- paced [--tables 100] [--browsers 40]
//! [--seconds 60] [--previews 3] [--chromium] [--host BINARY]`: a room at a human pace (see
//! [`paced`]), served by the `multiplier` binary as it ships, in a process of its own (the
//! one this bench was built with, or `--host BINARY`, to measure another build the same
//! way): the host's CPU a table-week, p50 and p99 per kind of request, the facilitator's
//! stream, and with `--chromium` the facilitator's page in headless Chromium.

mod paced;
mod shipped;
mod webdriver;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use multiplier::host::{Limits, Running, Server};
use multiplier::room::{self, Address, Pacing, SentWeek, SyncRequest, client};
use multiplier::runlog::SavedWeek;
use multiplier::sim::{Policy, play};
use multiplier::workshop::{Code, HashedScenario};

const TABLES: usize = 100;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "paced") {
        let number = |name: &str, default: u64| {
            args.iter()
                .position(|a| a == name)
                .and_then(|i| args.get(i + 1))
                .and_then(|v| v.parse().ok())
                .unwrap_or(default)
        };
        paced::run(&paced::Plan {
            tables: number("--tables", 100) as usize,
            browsers: number("--browsers", 40) as usize,
            seconds: number("--seconds", 60),
            previews: number("--previews", 3) as usize,
            chromium: args.iter().any(|a| a == "--chromium"),
            host: args
                .iter()
                .position(|a| a == "--host")
                .and_then(|i| args.get(i + 1))
                .map_or_else(
                    || PathBuf::from(env!("CARGO_BIN_EXE_multiplier")),
                    PathBuf::from,
                ),
        });
        return;
    }
    flood();
}

/// Every table sends its weeks as fast as the host answers.
fn flood() {
    // A hundred tables from one address, which the host's default limits would not take.
    let limits = Limits {
        joins_per_minute: TABLES,
        per_address: 2 * TABLES,
        ..Limits::default()
    };
    let (running, dir) = brilliant_room("bench", limits);
    let at = Address::parse(&format!("{}/{}", running.addr(), running.door())).expect("an address");
    let scenario = HashedScenario::resolve("brilliant-team")
        .expect("built-in")
        .scenario;
    let cpu = cpu_seconds();
    let start = Instant::now();
    let threads: Vec<_> = (0..TABLES)
        .map(|i| {
            let (at, scenario) = (at.clone(), scenario.clone());
            std::thread::spawn(move || {
                let game = play(&scenario, Policy::ALL[i % Policy::ALL.len()], 4821);
                let joined = client::join(&at, &format!("Table {i}"), None).expect("joins");
                let mut times = Vec::new();
                for (w, week) in game.log().iter().enumerate() {
                    let request = SyncRequest {
                        from: w as u32,
                        weeks: vec![SentWeek {
                            week: SavedWeek::from(week),
                            ended_at: 0,
                        }],
                        planned: 0.0,
                        hours: 40.0,
                        left: None,
                    };
                    let t = Instant::now();
                    client::sync(&at, &joined.token, &request).expect("accepted");
                    times.push(t.elapsed());
                }
                times
            })
        })
        .collect();
    let mut times: Vec<Duration> = threads
        .into_iter()
        .flat_map(|t| t.join().expect("a table"))
        .collect();
    let wall = start.elapsed();
    let cpu = cpu_seconds() - cpu;
    times.sort();
    let at_share = |p: f64| times[((times.len() as f64 * p) as usize).min(times.len() - 1)];
    println!(
        "{TABLES} tables × 26 weeks: {} submissions in {:.2} s; p50 {:.2} ms, p99 {:.2} ms; CPU {:.2} s; peak memory {} MiB",
        times.len(),
        wall.as_secs_f64(),
        at_share(0.50).as_secs_f64() * 1000.0,
        at_share(0.99).as_secs_f64() * 1000.0,
        cpu,
        peak_rss_kib() / 1024,
    );
    drop(running);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A free room of brilliant-team-4821 in a folder of its own (emptied first), serving on a
/// free loopback port with these limits; and its folder.
fn brilliant_room(name: &str, limits: Limits) -> (Running, PathBuf) {
    let dir = std::env::temp_dir().join(format!("multiplier-room-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let code = Code::parse("brilliant-team-4821").expect("a code");
    let source = multiplier::format::BUILTINS
        .iter()
        .find(|b| b.id == "brilliant-team")
        .expect("a built-in")
        .source;
    let opened =
        room::open(&dir, &code, "brilliant-team.ron", source, Pacing::Free, 0).expect("opens");
    let bind = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);
    let running = Server::bind_with(opened, dir.clone(), bind, limits)
        .expect("binds")
        .spawn();
    (running, dir)
}

/// A process's or thread's parent and its user and system CPU time in seconds, from its
/// `/proc/…/stat` text (the fields after the command's closing parenthesis).
fn stat(text: &str) -> Option<(u32, f64)> {
    let fields: Vec<&str> = text.rsplit(')').next()?.split_whitespace().collect();
    let field = |i: usize| fields.get(i).and_then(|f| f.parse::<u64>().ok());
    let ticks = field(11)? + field(12)?;
    Some((field(1)? as u32, ticks as f64 / 100.0))
}

/// User and system CPU time of this process so far.
fn cpu_seconds() -> f64 {
    let text = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    stat(&text).map_or(0.0, |(_, cpu)| cpu)
}

/// Peak resident memory of this process, in KiB.
fn peak_rss_kib() -> u64 {
    peak_rss_kib_of("/proc/self/status")
}

/// Peak resident memory of a process, in KiB, from its `/proc/…/status` file.
fn peak_rss_kib_of(status: &str) -> u64 {
    std::fs::read_to_string(status)
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}
