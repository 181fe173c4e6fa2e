//! The facilitator's live stream sends what changed: the whole view when it opens, then a
//! table's row when that table played, never the rows of tables that did not; a stream
//! opened again starts with the whole view.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use multiplier::room::{Pacing, client};

use super::room::{address, folder, host, send, weeks};

/// A live stream read event by event.
struct Stream {
    socket: TcpStream,
    read: String,
}

impl Stream {
    /// Opens `path`'s stream (in HTTP/1.0, so that its body is not chunked) and reads its
    /// head.
    fn open(addr: std::net::SocketAddr, path: &str) -> Self {
        let mut socket = TcpStream::connect(addr).expect("connects");
        socket
            .set_read_timeout(Some(Duration::from_millis(200)))
            .expect("a timeout");
        write!(socket, "GET {path} HTTP/1.0\r\nHost: x\r\n\r\n").expect("writes");
        let mut stream = Self {
            socket,
            read: String::new(),
        };
        let start = Instant::now();
        while !stream.read.contains("\r\n\r\n") {
            assert!(start.elapsed() < Duration::from_secs(5), "no head");
            stream.more();
        }
        let (head, rest) = stream.read.split_once("\r\n\r\n").expect("a head");
        assert!(
            head.starts_with("HTTP/1.") && head.contains(" 200 "),
            "{head}"
        );
        stream.read = rest.to_string();
        stream
    }

    fn more(&mut self) {
        let mut buffer = [0u8; 16384];
        if let Ok(n) = self.socket.read(&mut buffer) {
            self.read.push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    }

    /// The events that come within `wait`, each whole.
    fn events(&mut self, wait: Duration) -> Vec<String> {
        let start = Instant::now();
        while start.elapsed() < wait {
            self.more();
        }
        let mut events = Vec::new();
        while let Some((event, rest)) = self.read.split_once("\n\n") {
            events.push(event.to_string());
            self.read = rest.to_string();
        }
        events
    }

    /// The first event, within a few seconds.
    fn first(&mut self) -> String {
        let start = Instant::now();
        loop {
            if let Some(first) = self.events(Duration::from_millis(200)).into_iter().next() {
                return first;
            }
            assert!(start.elapsed() < Duration::from_secs(5), "no first event");
        }
    }
}

/// What an event is: its `event:` line's kind and, for a part, the id of what it replaces.
fn kind(event: &str) -> (&str, &str) {
    let mut lines = event.lines();
    let kind = lines
        .next()
        .and_then(|l| l.strip_prefix("event: "))
        .unwrap_or("");
    let id = lines
        .next()
        .and_then(|l| l.strip_prefix("data: "))
        .unwrap_or("");
    (kind, id)
}

#[test]
fn a_changed_table_is_sent_as_a_change_and_a_reconnection_gets_the_whole_view() {
    let dir = folder("live-changes");
    let running = host(&dir, Pacing::Free);
    let at = address(&running);
    let all = weeks();
    let sync = |token: &str, from: usize, upto: usize| send(&at, token, &all, from, upto);
    // Three tables at week 1: when one plays a week more, the others are still on pace
    // (with the room's middle table), and nothing of theirs changes.
    let owls = client::join(&at, "Night Owls", None).expect("joins");
    let larks = client::join(&at, "Early Larks", None).expect("joins");
    let wrens = client::join(&at, "Wrens", None).expect("joins");
    for table in [&owls, &larks, &wrens] {
        sync(&table.token, 0, 1);
    }
    let path = format!("/room/live?key={}", running.key());

    let mut stream = Stream::open(running.addr(), &path);
    let whole = stream.first();
    assert_eq!(
        kind(&whole).0,
        "room",
        "the first event is the whole view: {whole}"
    );
    for team in ["Night Owls", "Early Larks"] {
        assert!(
            whole.contains(team),
            "{team} is not in the whole view: {whole}"
        );
    }

    sync(&owls.token, 1, 2);
    let start = Instant::now();
    let mut after = Vec::new();
    while !after.iter().any(|e: &String| kind(e) == ("part", "row-0")) {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "the table that played was not sent: {after:?}"
        );
        after.extend(stream.events(Duration::from_millis(300)));
    }
    // A beat or two more, for anything else the change brings.
    after.extend(stream.events(Duration::from_millis(1500)));
    let row = after
        .iter()
        .find(|e| kind(e) == ("part", "row-0"))
        .expect("the row");
    assert!(
        row.contains("Night Owls") && row.contains("2 / "),
        "the row does not show the table's week: {row}"
    );
    assert!(
        !row.contains("Early Larks"),
        "the row carries another table: {row}"
    );
    for event in &after {
        assert_ne!(
            kind(event).0,
            "room",
            "the whole view was sent again: {after:?}"
        );
        for other in ["row-1", "row-2"] {
            assert_ne!(
                kind(event),
                ("part", other),
                "a table that did not play was sent again: {after:?}"
            );
        }
    }

    drop(stream);
    let mut again = Stream::open(running.addr(), &path);
    let whole = again.first();
    assert_eq!(kind(&whole).0, "room", "a new stream begins whole: {whole}");
    assert!(
        whole.contains("Night Owls") && whole.contains("Wrens") && whole.contains("2 / "),
        "the whole view is not the room now: {whole}"
    );
}

/// The facilitator sorted by week: a table that moves up is sent as its row and the rows'
/// new order, not as the whole list again.
#[test]
fn a_sorted_view_sends_the_new_order_of_the_rows() {
    let dir = folder("live-order");
    let running = host(&dir, Pacing::Free);
    let at = address(&running);
    let all = weeks();
    let owls = client::join(&at, "Night Owls", None).expect("joins");
    let larks = client::join(&at, "Early Larks", None).expect("joins");
    send(&at, &owls.token, &all, 0, 2);
    send(&at, &larks.token, &all, 0, 1);
    let path = format!("/room/live?key={}&sort=week", running.key());
    let mut stream = Stream::open(running.addr(), &path);
    let whole = stream.first();
    let rows = whole.split_once("<tbody>").map_or("", |(_, rows)| rows);
    let (owls_at, larks_at) = (
        rows.find("Night Owls").expect("the owls"),
        rows.find("Early Larks").expect("the larks"),
    );
    assert!(owls_at < larks_at, "the furthest is not first: {whole}");

    send(&at, &larks.token, &all, 1, 4);
    let start = Instant::now();
    let mut after = Vec::new();
    while !after.iter().any(|e: &String| kind(e).0 == "order") {
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "no new order was sent: {after:?}"
        );
        after.extend(stream.events(Duration::from_millis(300)));
    }
    let order = after.iter().find(|e| kind(e).0 == "order").expect("order");
    assert!(
        order.contains("data: row-1 row-0"),
        "the larks (the second to join) are not first now: {order}"
    );
    assert!(
        after.iter().all(|e| kind(e).0 != "room"),
        "the whole view was sent again: {after:?}"
    );
}
