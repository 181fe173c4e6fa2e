//! A room reached from anywhere, behind a reverse proxy on the host's machine that speaks TLS
//! (`--public-url`): the projector shows the public address, forms from it are the room's
//! own, cookies go over TLS only, and each table's address is the one the proxy forwards
//! (for the joins an address may make), while the proxy's own connections are every table's.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};

use multiplier::host::{Limits, Running, Server};
use multiplier::room::{self, Pacing};
use multiplier::workshop::Code;

use super::room::{folder, get};
use super::room_guard::{exchange, status};

const PUBLIC: &str = "https://room.example.org";

fn proxied_host(dir: &std::path::Path) -> Running {
    let code = Code::parse("first-week-31").expect("a code");
    let builtin = multiplier::format::BUILTINS
        .iter()
        .find(|b| b.id == "first-week")
        .expect("a built-in");
    let opened = room::open(
        dir,
        &code,
        "first-week.ron",
        builtin.source,
        Pacing::Free,
        0,
    )
    .expect("opens");
    let limits = Limits {
        joins_per_minute: 2,
        per_address: 4,
        proxied: true,
        ..Limits::default()
    };
    let bind = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);
    Server::bind_with(opened, dir.to_path_buf(), bind, limits)
        .expect("binds")
        .public_url(PUBLIC)
        .spawn()
}

#[test]
fn a_room_behind_a_tls_proxy_takes_its_public_address_as_its_own() {
    let dir = folder("remote");
    let running = proxied_host(&dir);
    let addr = running.addr();
    let door = running.door();
    // As Caddy forwards a browser's form: the public Host, the browser's Origin and address.
    let join = |origin: &str, from: &str, team: &str| {
        let body = format!("team={team}&door={door}");
        exchange(
            addr,
            format!(
                "POST /play/join HTTP/1.1\r\nHost: room.example.org\r\nOrigin: {origin}\r\nX-Forwarded-For: {from}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        )
    };
    let first = join(PUBLIC, "203.0.113.5", "One");
    assert_eq!(status(&first), 303, "{first}");
    let cookie = first
        .lines()
        .find(|l| l.starts_with("set-cookie:"))
        .expect("a cookie");
    assert!(cookie.contains("; Secure"), "{cookie}");
    assert_eq!(
        status(&join("http://evil.example", "203.0.113.5", "Evil")),
        403
    );
    assert_eq!(status(&join(PUBLIC, "203.0.113.5", "Two")), 303);
    assert_eq!(
        status(&join(PUBLIC, "203.0.113.5", "Three")),
        429,
        "a third table from one forwarded address in a minute"
    );
    assert_eq!(
        status(&join(PUBLIC, "198.51.100.7", "Elsewhere")),
        303,
        "another forwarded address has its own"
    );
    let (_, projector) = get(&running, "/projector");
    assert!(
        projector.contains(&format!("{PUBLIC}/{door}")),
        "the projector shows the public address"
    );
    // The proxy's connections are every table's: more than one address's share stay open.
    let held: Vec<TcpStream> = (0..10)
        .map(|_| {
            let mut s = TcpStream::connect(addr).expect("connects");
            s.write_all(b"GET /play.js HTTP/1.1\r\nHost: x\r\n\r\n")
                .expect("writes");
            s
        })
        .collect();
    assert_eq!(get(&running, "/play.js").0, 200);
    drop(held);
}
