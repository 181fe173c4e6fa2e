//! A full disk is survived: the host refuses the weeks it cannot save (the table keeps them
//! and is told), says so on the facilitator's page, and saves again without a restart once
//! there is room; a browser table plays no further ahead of what the room saved. A write
//! cut short is cut when the room is opened again. A room written by a newer version is
//! said to be one, not damaged.

use std::path::{Path, PathBuf};
use std::process::Command;

use multiplier::room::{ClientError, Pacing, SyncRequest, client};

use super::room::{address, get, host, source, weeks};
use super::room_guard::{exchange, status};

/// A small disk of its own (a tmpfs), unmounted when dropped.
struct SmallDisk(PathBuf);

impl SmallDisk {
    /// `None` (and a line saying the test was skipped) where no tmpfs can be mounted (not
    /// root, or a container that forbids it).
    fn mount(name: &str, test: &str) -> Option<Self> {
        let path = std::env::temp_dir().join(format!("mt-disk-{name}-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&path);
        let mounted = Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=2m", "tmpfs"])
            .arg(&path)
            .status()
            .is_ok_and(|s| s.success());
        if !mounted {
            eprintln!("skipped {test}: cannot mount a small tmpfs here (needs root)");
            let _ = std::fs::remove_dir(&path);
            return None;
        }
        Some(Self(path))
    }

    /// Fills the disk with a file of its own: the file, to remove to free the disk.
    fn fill(&self) -> PathBuf {
        use std::io::Write;
        let filler = self.0.join("filler");
        let mut f = std::fs::File::create(&filler).expect("a filler");
        let block = vec![0u8; 4096];
        while f.write_all(&block).is_ok() {}
        let _ = f.sync_all();
        filler
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn request(from: u32, sent: &[multiplier::room::SentWeek]) -> SyncRequest {
    SyncRequest {
        from,
        weeks: sent.to_vec(),
        planned: 0.0,
        hours: 40.0,
        left: None,
    }
}

fn room_in(disk: &Path) -> PathBuf {
    disk.join("room")
}

#[test]
fn a_full_disk_refuses_weeks_says_so_and_saves_again_when_freed() {
    let test = "a_full_disk_refuses_weeks_says_so_and_saves_again_when_freed";
    let Some(disk) = SmallDisk::mount("full", test) else {
        return;
    };
    let running = host(&room_in(&disk.0), Pacing::Free);
    let at = address(&running);
    let key = running.key();
    let table = client::join(&at, "Savers", None).expect("joins");
    let all = weeks();
    client::sync(&at, &table.token, &request(0, &all[..1])).expect("week 1 is saved");
    let filler = disk.fill();
    let mut refused = None;
    for w in 1..all.len() {
        match client::sync(&at, &table.token, &request(w as u32, &all[w..=w])) {
            Ok(_) => continue,
            Err(ClientError::Refused(why)) => {
                refused = Some((w, why));
                break;
            }
            Err(e) => panic!("{e}"),
        }
    }
    let (w, why) = refused.expect("a full disk refused a week");
    assert!(why.contains("cannot write"), "{why}");
    let (_, page) = get(&running, &format!("/room?key={key}"));
    assert!(
        page.contains("cannot save the room"),
        "the facilitator is not told"
    );
    std::fs::remove_file(&filler).expect("space again");
    let synced = client::sync(&at, &table.token, &request(w as u32, &all[w..=w]))
        .expect("saved again without a restart");
    assert_eq!(synced.weeks as usize, w + 1);
    let (_, page) = get(&running, &format!("/room?key={key}"));
    assert!(!page.contains("cannot save the room"), "the warning stays");
    drop(running);
    let running = host(&room_in(&disk.0), Pacing::Free);
    let back = client::join(&address(&running), "", Some(&table.token)).expect("kept");
    assert_eq!(back.log.len(), w + 1, "every week acknowledged is there");
}

#[test]
fn a_browser_table_plays_no_further_than_the_room_saved() {
    let test = "a_browser_table_plays_no_further_than_the_room_saved";
    let Some(disk) = SmallDisk::mount("browser", test) else {
        return;
    };
    let running = host(&room_in(&disk.0), Pacing::Free);
    let addr = running.addr();
    let post = |path: &str, body: &str, cookie: Option<&str>| {
        let cookie = cookie.map_or(String::new(), |c| format!("Cookie: {c}\r\n"));
        exchange(
            addr,
            format!(
                "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n{cookie}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        )
    };
    let joined = post(
        "/play/join",
        &format!("team=Browsers&door={}", running.door()),
        None,
    );
    assert_eq!(status(&joined), 303, "{joined}");
    let cookie = joined
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("a cookie")
        .to_string();
    let page = || {
        exchange(
            addr,
            format!("GET /play HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
    };
    post("/play/act", "do=begin", Some(&cookie));
    let filler = disk.fill();
    let mut held = false;
    for _ in 0..12 {
        // Weeks of several entries: the room's log may still have room in the last block
        // it was given when the disk fills, and larger weeks use it up within the run.
        for _ in 0..6 {
            post("/play/act", "do=add&action=explain", Some(&cookie));
        }
        post("/play/act", "do=end", Some(&cookie));
        post("/play/act", "do=decide&choice=0", Some(&cookie));
        if page().contains("has not saved your last week") {
            held = true;
            break;
        }
    }
    assert!(held, "the table played on past what the room saved, untold");
    let (_, tables) = get(&running, &format!("/room/tables.csv?key={}", running.key()));
    let saved: u32 = tables
        .lines()
        .find_map(|l| l.strip_prefix("Browsers,"))
        .and_then(|l| l.split(',').next())
        .and_then(|w| w.parse().ok())
        .expect("the table's row");
    std::fs::remove_file(&filler).expect("space again");
    // The table's next sync (every 2 s on the host) saves the week, and it plays on.
    std::thread::sleep(std::time::Duration::from_millis(2600));
    post("/play/act", "do=end", Some(&cookie));
    let (_, tables) = get(&running, &format!("/room/tables.csv?key={}", running.key()));
    let now: u32 = tables
        .lines()
        .find_map(|l| l.strip_prefix("Browsers,"))
        .and_then(|l| l.split(',').next())
        .and_then(|w| w.parse().ok())
        .expect("the table's row");
    assert!(
        now > saved,
        "the week was not saved once there was room ({saved} → {now})"
    );
}

/// A room's folder written by a newer version of Multiplier: one that names a newer room
/// format, or (from before the format was kept) a record of a kind this version does not
/// know. Opening it says so, and what to do, rather than that the file is damaged; what
/// this version writes it reads back.
#[test]
fn a_room_written_by_a_newer_version_says_so() {
    use multiplier::room::{self, journal};
    use multiplier::workshop::Code;
    use redb::{Database, TableDefinition};
    const CONFIG: TableDefinition<&str, &str> = TableDefinition::new("config");
    const RECORDS: TableDefinition<u64, &str> = TableDefinition::new("records");
    let code = Code::parse("first-week-31").expect("a code");
    let source = source();
    let open = |dir: &Path| {
        room::open(
            dir,
            &code,
            "first-week.ron",
            source,
            Pacing::Free,
            1_796_119_200,
        )
        .map(|_| ())
        .map_err(|e| e.to_string())
    };
    let edit = |dir: &Path, change: &dyn Fn(&redb::WriteTransaction)| {
        let db = Database::create(dir.join(journal::DATABASE_FILE)).expect("the room's file");
        let txn = db.begin_write().expect("a write");
        change(&txn);
        txn.commit().expect("committed");
    };

    let dir = super::room::folder("room-newer-format");
    open(&dir).expect("a new room opens");
    open(&dir).expect("and opens again");
    let format = (journal::FORMAT + 1).to_string();
    edit(&dir, &|txn| {
        let mut config = txn.open_table(CONFIG).expect("the config");
        config.insert("format", format.as_str()).expect("written");
    });
    let why = open(&dir).expect_err("a newer room format");
    assert!(
        why.contains("written by a newer version of Multiplier"),
        "{why}"
    );
    assert!(why.contains(&format!("room format {format}")), "{why}");
    assert!(!why.contains("damaged"), "{why}");

    let dir = super::room::folder("room-newer-record");
    open(&dir).expect("a new room opens");
    edit(&dir, &|txn| {
        let mut records = txn.open_table(RECORDS).expect("the records");
        records
            .insert(0, "Teleported(table: 0, at: 5)")
            .expect("written");
    });
    let why = open(&dir).expect_err("a record of a newer kind");
    assert!(why.contains("record 1"), "{why}");
    assert!(why.contains("newer version of Multiplier"), "{why}");
}

/// The room of first-week-31 in `dir`, opened (or made) as the host opens it, without a
/// server.
fn open(dir: &Path) -> Result<multiplier::room::Opened, multiplier::room::OpenError> {
    let code = multiplier::workshop::Code::parse("first-week-31").expect("a code");
    multiplier::room::open(
        dir,
        &code,
        "first-week.ron",
        source(),
        Pacing::Free,
        1_796_119_200,
    )
}

/// A write to the room's log cut short (a kill mid-write, a full disk) was never
/// acknowledged: opening the room again cuts it and keeps every whole write before it, and
/// the room goes on writing after them. A write that does not read back before others is
/// damage, and said to be.
#[test]
fn a_write_cut_short_is_cut_and_the_writes_before_it_kept() {
    use std::io::Write;

    use multiplier::room::{Journal, Record, journal};
    let text = |record: &Record| Journal::text(record).expect("a record's text");
    let (paused, resumed) = (Record::Paused { at: 1 }, Record::Resumed { at: 2 });
    let dir = super::room::folder("room-cut-short");
    let mut opened = open(&dir).expect("a new room opens");
    opened
        .journal
        .append_all(&[&text(&paused)])
        .expect("written");
    opened
        .journal
        .append_all(&[&text(&resumed), &text(&paused)])
        .expect("written");
    drop(opened);
    let log = dir.join(journal::LOG_FILE);
    let whole = std::fs::metadata(&log).expect("the log").len();
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(&log)
        .expect("the log opens");
    file.write_all(b"0123456789abcdef [Resumed(at:")
        .expect("a write cut short");
    drop(file);

    let mut opened = open(&dir).expect("opens with a write cut short");
    let kept = [paused.clone(), resumed.clone(), paused.clone()];
    assert_eq!(opened.records, kept);
    assert_eq!(std::fs::metadata(&log).expect("the log").len(), whole);
    opened
        .journal
        .append_all(&[&text(&resumed)])
        .expect("written after");
    drop(opened);
    let opened = open(&dir).expect("opens again");
    assert_eq!(opened.records.len(), 4);
    assert_eq!(opened.records.last(), Some(&resumed));
    drop(opened);

    // The first write's checksum no longer matches: damage, not a write cut short.
    let mut bytes = std::fs::read(&log).expect("the log");
    bytes[0] = if bytes[0] == b'0' { b'1' } else { b'0' };
    std::fs::write(&log, bytes).expect("damaged");
    let why = open(&dir).map(drop).expect_err("damage").to_string();
    assert!(why.contains("damaged"), "{why}");
    assert!(why.contains("record 1"), "{why}");
}

/// A room written before the log (room format 1, its records in the database) is taken up
/// again: its records are read where they were, and what comes after goes to the log.
#[test]
fn a_room_of_the_first_format_is_taken_up_again() {
    use multiplier::room::{Journal, Record, journal};
    use redb::{Database, ReadableDatabase, TableDefinition};
    const CONFIG: TableDefinition<&str, &str> = TableDefinition::new("config");
    const RECORDS: TableDefinition<u64, &str> = TableDefinition::new("records");
    let dir = super::room::folder("room-first-format");
    drop(open(&dir).expect("a new room opens"));
    let (paused, resumed) = (Record::Paused { at: 1 }, Record::Resumed { at: 2 });
    {
        let db = Database::create(dir.join(journal::DATABASE_FILE)).expect("the room's file");
        let txn = db.begin_write().expect("a write");
        txn.open_table(CONFIG)
            .expect("the config")
            .insert("format", "1")
            .expect("written");
        let text = Journal::text(&paused).expect("a record's text");
        txn.open_table(RECORDS)
            .expect("the records")
            .insert(0, text.as_str())
            .expect("written");
        txn.commit().expect("committed");
    }
    let mut opened = open(&dir).expect("a room of format 1 opens");
    assert_eq!(opened.records, std::slice::from_ref(&paused));
    let text = Journal::text(&resumed).expect("a record's text");
    opened.journal.append_all(&[&text]).expect("written");
    drop(opened);
    let opened = open(&dir).expect("opens again");
    assert_eq!(opened.records, [paused, resumed]);
    drop(opened);
    let db = Database::create(dir.join(journal::DATABASE_FILE)).expect("the room's file");
    let txn = db.begin_read().expect("a read");
    let config = txn.open_table(CONFIG).expect("the config");
    let format = config.get("format").expect("read").expect("a format");
    assert_eq!(format.value(), journal::FORMAT.to_string());
}
