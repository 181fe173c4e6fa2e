//! Group commit: weeks that several tables send at once go to disk together, and each is
//! answered only once it is there. Every week sent at once is answered and on disk; a host
//! killed with SIGKILL while tables send at once has every week it acknowledged, in each
//! table's order.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use multiplier::host::Limits;
use multiplier::room::{self, Address, Pacing, client};
use multiplier::workshop::Code;

use super::room::{
    address, folder, free_port, host_with, join_when_up, request, start_host, weeks,
};

/// Tables that send at once.
const TABLES: usize = 12;

#[test]
fn weeks_sent_at_once_are_all_answered_and_all_on_disk() {
    let dir = folder("commit");
    let limits = Limits {
        joins_per_minute: TABLES,
        ..Limits::default()
    };
    let running = host_with(&dir, Pacing::Free, "first-week-31", limits);
    let at = address(&running);
    let all = weeks();
    let tokens: Vec<String> = (0..TABLES)
        .map(|i| {
            client::join(&at, &format!("Table {i}"), None)
                .expect("joins")
                .token
        })
        .collect();
    // Every table sends its weeks one by one as fast as it is answered, all starting at
    // once: most weeks arrive while another's write is under way.
    let start = Arc::new(Barrier::new(TABLES));
    let senders: Vec<_> = tokens
        .iter()
        .map(|token| {
            let (at, token, all, start) = (at.clone(), token.clone(), all.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                for i in 0..all.len() {
                    let synced = client::sync(&at, &token, &request(i as u32, &all[i..=i]))
                        .expect("every week is answered");
                    assert_eq!(synced.weeks as usize, i + 1, "the week is kept");
                }
            })
        })
        .collect();
    for sender in senders {
        sender.join().expect("a table");
    }
    drop(running);

    let code = Code::parse("first-week-31").expect("a code");
    let opened = room::open(&dir, &code, "first-week.ron", "", Pacing::Free, 0).expect("opens");
    let tables = opened.room.tables();
    assert_eq!(tables.len(), TABLES, "every table is on disk");
    for (i, table) in tables.iter().enumerate() {
        let kept = opened.room.joined(i, "", 0).expect("a table").log;
        assert_eq!(kept, all, "{}: every week, in order", table.team);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The host is killed while six tables send their weeks at once, as fast as each is
/// answered: every week acknowledged to any of them is back after the restart, and each
/// table's weeks are the ones it sent, in order.
#[test]
#[cfg(unix)]
fn a_host_killed_while_tables_send_at_once_keeps_every_week_it_acknowledged() {
    // Six: the joins one address may make in a minute by default.
    const SENDERS: usize = 6;
    let dir = folder("commit-kill");
    let data = folder("commit-kill-data");
    let port = free_port();
    let (mut child, door) = start_host(&dir, port, &data);
    let at = Address::parse(&format!("127.0.0.1:{port}/{door}")).expect("an address");
    let joined: Vec<room::Joined> = (0..SENDERS)
        .map(|i| join_when_up(&at, &format!("Table {i}"), None))
        .collect();
    let all = weeks();
    let acked: Vec<Arc<AtomicU32>> = (0..SENDERS).map(|_| Arc::new(AtomicU32::new(0))).collect();
    let start = Arc::new(Barrier::new(SENDERS));
    let senders: Vec<_> = joined
        .iter()
        .zip(&acked)
        .map(|(joined, acked)| {
            let (at, token, all) = (at.clone(), joined.token.clone(), all.clone());
            let (acked, start) = (acked.clone(), start.clone());
            std::thread::spawn(move || {
                start.wait();
                for i in 0..all.len() {
                    match client::sync(&at, &token, &request(i as u32, &all[i..=i])) {
                        Ok(synced) => acked.store(synced.weeks, Ordering::SeqCst),
                        Err(_) => return,
                    }
                }
            })
        })
        .collect();
    let total = || acked.iter().map(|a| a.load(Ordering::SeqCst)).sum::<u32>();
    let began = Instant::now();
    while total() < 2 * SENDERS as u32 && began.elapsed() < Duration::from_secs(20) {
        std::thread::sleep(Duration::from_millis(1));
    }
    child.kill().expect("SIGKILL");
    child.wait().expect("gone");
    for sender in senders {
        sender.join().expect("a sender");
    }
    assert!(total() >= 2 * SENDERS as u32, "acknowledged: {}", total());

    let (mut child, again) = start_host(&dir, port, &data);
    assert_eq!(again, door, "the room keeps its code");
    for (joined, acked) in joined.iter().zip(&acked) {
        let acked = acked.load(Ordering::SeqCst) as usize;
        let back = join_when_up(&at, &joined.team, Some(&joined.token));
        let kept = back.log.len();
        assert!(
            kept >= acked,
            "{}: {acked} weeks acknowledged, {kept} back",
            joined.team
        );
        assert_eq!(
            back.log,
            all[..kept].to_vec(),
            "{}: the weeks sent, in order",
            joined.team
        );
    }
    child.kill().expect("SIGKILL");
    let _ = child.wait();
    let _ = std::fs::remove_dir_all(&dir);
    let _ = std::fs::remove_dir_all(&data);
}
