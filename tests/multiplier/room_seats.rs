//! Seats are the room's: the facilitator takes a table out (its token stops working, for a
//! desktop table and a browser's cookie alike), renames it, or merges a team that joined
//! twice into its first table; names that look the same are one team's.

use std::net::SocketAddr;

use multiplier::room::{ClientError, Pacing, client};

use super::room::{address, folder, get, host, weeks};
use super::room_guard::{exchange, status};

/// Posts a form as the facilitator's page does (from the room's own address).
fn post(addr: SocketAddr, path: &str, body: &str, cookie: Option<&str>) -> String {
    let cookie = cookie.map_or(String::new(), |c| format!("Cookie: {c}\r\n"));
    exchange(
        addr,
        format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\n{cookie}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
}

#[test]
fn the_facilitator_takes_out_renames_and_merges_tables() {
    let dir = folder("seats");
    let running = host(&dir, Pacing::Free);
    let (at, addr, key) = (address(&running), running.addr(), running.key());
    let alpha = client::join(&at, "Alpha", None).expect("joins");
    let beta = client::join(&at, "Beta", None).expect("joins");
    let again = client::join(&at, "Alpha again", None).expect("joins");
    let all = weeks();
    let request = |from: u32, weeks: &[multiplier::room::SentWeek]| multiplier::room::SyncRequest {
        from,
        weeks: weeks.to_vec(),
        planned: 0.0,
        hours: 40.0,
        left: None,
    };
    client::sync(&at, &alpha.token, &request(0, &all[..3])).expect("accepted");

    let answer = post(
        addr,
        &format!("/room/tables/remove?key={key}"),
        "table=Beta",
        None,
    );
    assert_eq!(status(&answer), 303, "{answer}");
    match client::sync(&at, &beta.token, &request(0, &all[..1])) {
        Err(ClientError::Refused(why)) => assert!(why.contains("does not know"), "{why}"),
        other => panic!("a removed table's token still works: {other:?}"),
    }

    let answer = post(
        addr,
        &format!("/room/tables/rename?key={key}"),
        "table=Alpha&team=Aces",
        None,
    );
    assert_eq!(status(&answer), 303, "{answer}");
    let answer = post(
        addr,
        &format!("/room/tables/rename?key={key}"),
        "table=Aces&team=alpha+again",
        None,
    );
    assert_eq!(status(&answer), 409, "a name another table has: {answer}");

    let answer = post(
        addr,
        &format!("/room/tables/merge?key={key}"),
        "table=Alpha+again&into=Aces",
        None,
    );
    assert_eq!(status(&answer), 303, "{answer}");
    let back = client::join(&at, "", Some(&again.token)).expect("the merged token names Aces");
    assert_eq!(back.team, "Aces");
    assert_eq!(back.log.len(), 3, "Aces's run");
    let synced = client::sync(&at, &again.token, &request(3, &all[3..4])).expect("accepted");
    assert_eq!(synced.weeks, 4);

    let (_, csv) = get(&running, &format!("/room/tables.csv?key={key}"));
    let body = csv.split_once("\r\n\r\n").map_or("", |(_, b)| b);
    let rows: Vec<&str> = body.lines().skip(1).filter(|l| !l.is_empty()).collect();
    assert!(
        rows.len() == 1 && rows[0].starts_with("Aces,4,"),
        "one table left: {csv}"
    );
    let (_, report) = get(&running, &format!("/room/report.html?key={key}"));
    assert!(
        report.contains("Aces") && !report.contains("Beta"),
        "the report's tables"
    );
    let results = std::fs::read_dir(&dir)
        .expect("the folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().to_string_lossy().ends_with(".result.ron"))
        })
        .count();
    assert_eq!(results, 1, "one result file, of the table left");

    // Taken up again from the journal, the room is the same.
    drop(running);
    let running = host(&dir, Pacing::Free);
    let back = client::join(&address(&running), "", Some(&again.token)).expect("kept");
    assert_eq!((back.team.as_str(), back.log.len()), ("Aces", 4));
    assert!(client::join(&address(&running), "", Some(&beta.token)).is_err());
}

#[test]
fn a_browser_table_taken_out_is_back_at_the_join_page() {
    let dir = folder("seats-browser");
    let running = host(&dir, Pacing::Free);
    let (addr, key) = (running.addr(), running.key());
    let door = running.door();
    let joined = post(addr, "/play/join", &format!("team=Gone&door={door}"), None);
    assert_eq!(status(&joined), 303, "{joined}");
    let cookie = joined
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .expect("a cookie")
        .to_string();
    let page = |path: &str| {
        exchange(
            addr,
            format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
    };
    assert_eq!(status(&page("/play")), 200);
    let answer = post(
        addr,
        &format!("/room/tables/remove?key={key}"),
        "table=Gone",
        None,
    );
    assert_eq!(status(&answer), 303, "{answer}");
    let after = page("/play");
    assert_eq!(status(&after), 303, "{after}");
    assert!(after.contains("location: /\r\n"), "{after}");
    let acted = post(addr, "/play/act", "do=begin", Some(&cookie));
    assert!(acted.contains("location: /\r\n"), "{acted}");
}

#[test]
fn names_that_look_the_same_are_one_team() {
    let dir = folder("seats-names");
    let running = host(&dir, Pacing::Free);
    let at = address(&running);
    client::join(&at, "Victim", None).expect("joins");
    for lookalike in ["Vic\u{200B}tim", " victim\u{FEFF}", "VICTIM\u{202E}"] {
        match client::join(&at, lookalike, None) {
            Err(ClientError::Refused(why)) => assert!(why.contains("another table"), "{why}"),
            other => panic!("{lookalike:?} joined beside Victim: {other:?}"),
        }
    }
    let joined = client::join(&at, "Cafe\u{301}  Cre\u{300}me\u{200D}", None).expect("joins");
    assert_eq!(joined.team, "Café Crème");
}

/// Joining takes the room's short code, which only the projector shows (and its QR code
/// carries): without it, or with another, no seat; a table coming back with its token needs
/// none. The projector's address opens the join page with the code filled in.
#[test]
fn joining_takes_the_rooms_code_from_the_projector() {
    let dir = folder("seats-door");
    let running = host(&dir, Pacing::Free);
    let door = running.door();
    assert!(
        door.len() == 4 && door.bytes().all(|b| b.is_ascii_digit()),
        "{door}"
    );
    let bare = multiplier::room::Address::parse(&running.addr().to_string()).expect("an address");
    let other = if door == "0000" { "0001" } else { "0000" };
    let wrong =
        multiplier::room::Address::parse(&format!("{}/{other}", running.addr())).expect("parsed");
    for at in [&bare, &wrong] {
        match client::join(at, "Strangers", None) {
            Err(ClientError::Refused(why)) => assert!(why.contains("room's code"), "{why}"),
            other => panic!("joined without the room's code: {other:?}"),
        }
    }
    let joined = client::join(&address(&running), "Guests", None).expect("joins");
    client::join(&bare, "", Some(&joined.token)).expect("comes back without the code");
    let (_, projector) = get(&running, "/projector");
    assert!(
        projector.contains(&format!("/{door}")),
        "the projector shows the code"
    );
    let (code, page) = get(&running, &format!("/{door}"));
    assert_eq!(code, 200);
    assert!(page.contains(&format!("value=\"{door}\"")), "{page:.600}");
    let posted = post(running.addr(), "/play/join", "team=NoCode", None);
    assert_eq!(status(&posted), 409, "{posted:.300}");
}

/// The facilitator ends the room: no week ends and no table joins any more, tables hear it
/// in the room's clock, every result is written; and at a glance the page says how many
/// tables have ended how many weeks, who is offline, and lists them sorted as asked.
#[test]
fn the_facilitator_sees_the_room_at_a_glance_and_ends_it() {
    use multiplier::room::{SentWeek, SyncRequest};
    let dir = folder("seats-end");
    let running = host(&dir, Pacing::Free);
    let (at, addr, key) = (address(&running), running.addr(), running.key());
    let all = weeks();
    let request = |from: u32, weeks: &[SentWeek]| SyncRequest {
        from,
        weeks: weeks.to_vec(),
        planned: 0.0,
        hours: 40.0,
        left: None,
    };
    let slow = client::join(&at, "Slow", None).expect("joins");
    let fast = client::join(&at, "Fast", None).expect("joins");
    client::join(&at, "Silent", None).expect("joins");
    client::sync(&at, &slow.token, &request(0, &all[..1])).expect("accepted");
    client::sync(&at, &fast.token, &request(0, &all[..3])).expect("accepted");
    let (_, page) = get(&running, &format!("/room?key={key}&sort=week"));
    assert!(
        page.contains("Weeks ended: 1 at 0, 1 at 1, 1 at 3"),
        "{page:.3000}"
    );
    assert!(page.contains("Offline: Silent"), "never heard from");
    let (fast_at, slow_at) = (page.find(">Fast<"), page.find(">Slow<"));
    assert!(fast_at < slow_at, "the furthest first");
    let answer = post(addr, &format!("/room/end?key={key}"), "", None);
    assert_eq!(status(&answer), 303, "{answer}");
    match client::sync(&at, &fast.token, &request(3, &all[3..4])) {
        Err(ClientError::Refused(why)) => assert!(why.contains("ended"), "{why}"),
        other => panic!("a week ended after the room did: {other:?}"),
    }
    assert!(client::join(&at, "Latecomers", None).is_err());
    let heard = client::sync(&at, &slow.token, &request(1, &[])).expect("a heartbeat");
    assert!(heard.clock.ended, "the tables hear it");
    let (_, page) = get(&running, &format!("/room?key={key}"));
    assert!(page.contains("Ended"), "the page says so");
    let results = std::fs::read_dir(&dir)
        .expect("the folder")
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().to_string_lossy().ends_with(".result.ron"))
        })
        .count();
    assert_eq!(results, 3, "every table's result is written");
}

/// The facilitator's page has one merge form, listing every table twice (the table to
/// merge, the last to join by default; the table it goes into), so the page grows with the
/// room, not with its square.
#[test]
fn the_facilitators_page_merges_through_one_form() {
    let dir = folder("seats-merge-form");
    let running = host(&dir, Pacing::Free);
    let (at, key) = (address(&running), running.key());
    for team in ["Alpha", "Beta", "Gamma"] {
        client::join(&at, team, None).expect("joins");
    }
    let (_, page) = get(&running, &format!("/room?key={key}"));
    assert_eq!(
        page.matches("action=\"/room/tables/merge").count(),
        1,
        "one merge form"
    );
    let form = page
        .split_once("action=\"/room/tables/merge")
        .and_then(|(_, rest)| rest.split_once("</form>"))
        .map_or("", |(form, _)| form);
    assert_eq!(form.matches("<option").count(), 6, "{form}");
    assert!(
        form.contains("<option value=\"Gamma\" selected>Gamma</option>"),
        "the last to join is the one to merge: {form}"
    );
    let into = form.split_once("name=\"into\"").map_or("", |(_, r)| r);
    assert!(
        into.contains("Alpha") && into.contains("Beta") && into.contains("Gamma"),
        "{form}"
    );
}
