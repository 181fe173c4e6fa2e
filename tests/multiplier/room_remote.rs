//! A room reached from anywhere, behind a reverse proxy on the host's machine that speaks TLS
//! (`--public-url`): the projector shows the public address, forms from it are the room's
//! own, cookies go over TLS only, and each table's address is the one the proxy forwards
//! (for the joins an address may make), while the proxy's own connections are every table's.

use std::io::Write;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use multiplier::host::{Limits, Running, Server};
use multiplier::room::{self, Address, Pacing, client};
use multiplier::workshop::Code;

use super::room::{folder, free_port, get, request, weeks};
use super::room_guard::{exchange, status};

const PUBLIC: &str = "https://room.example.org";

fn proxied_host(dir: &Path) -> Running {
    let limits = Limits {
        joins_per_minute: 2,
        per_address: 4,
        proxied: true,
        ..Limits::default()
    };
    host_at(dir, PUBLIC, limits)
}

/// A room on loopback that a proxy at `public` forwards to, with `limits`.
pub(super) fn host_at(dir: &Path, public: &str, limits: Limits) -> Running {
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
    let bind = SocketAddr::new(IpAddr::V4(Ipv4Addr::LOCALHOST), 0);
    Server::bind_with(opened, dir.to_path_buf(), bind, limits)
        .expect("binds")
        .public_url(public)
        .spawn()
}

/// Caddy speaking TLS at `https://localhost:PORT` with a certificate from its own local
/// authority, forwarding to a room; stopped when dropped.
pub(super) struct Proxy {
    child: Child,
    /// The public address, `https://localhost:PORT`.
    pub public: String,
    /// The PEM file of Caddy's local authority, which signed the proxy's certificate.
    pub authority: PathBuf,
}

impl Proxy {
    /// A public address for a proxy to come: `https://localhost:` and a free port.
    pub(super) fn address() -> String {
        format!("https://localhost:{}", free_port())
    }

    /// Caddy at `public` (from [`Proxy::address`]) in front of the room at `upstream`, its
    /// files in `dir`, once it listens and its authority is written; `None` (and the test
    /// says it was skipped) where Caddy is not installed, unless `MULTIPLIER_REQUIRE_BROWSER`
    /// asks for everything the browser tests use (.ci/run installs it).
    pub(super) fn start(
        test: &str,
        dir: &Path,
        public: &str,
        upstream: SocketAddr,
    ) -> Option<Self> {
        let caddy = Command::new("caddy")
            .arg("version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
        if !matches!(caddy, Ok(s) if s.success()) {
            assert!(
                std::env::var_os("MULTIPLIER_REQUIRE_BROWSER").is_none(),
                "{test}: Caddy is required with MULTIPLIER_REQUIRE_BROWSER (Debian's caddy)"
            );
            let _ = writeln!(std::io::stderr(), "skipped {test}: caddy is not installed");
            return None;
        }
        let config = dir.join("Caddyfile");
        let storage = dir.join("caddy");
        std::fs::write(
            &config,
            format!(
                "{{\n\tadmin off\n\tskip_install_trust\n\tauto_https disable_redirects\n\tstorage file_system {{\n\t\troot {}\n\t}}\n}}\n{public} {{\n\ttls internal\n\treverse_proxy {upstream}\n}}\n",
                storage.display(),
            ),
        )
        .expect("writes the Caddyfile");
        let child = Command::new("caddy")
            .args(["run", "--adapter", "caddyfile", "--config"])
            .arg(&config)
            .env("HOME", dir)
            .env("XDG_DATA_HOME", dir.join("data"))
            .env("XDG_CONFIG_HOME", dir.join("config"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("caddy runs");
        let proxy = Self {
            child,
            public: public.to_string(),
            authority: storage.join("pki/authorities/local/root.crt"),
        };
        let port = public
            .rsplit(':')
            .next()
            .and_then(|p| p.parse::<u16>().ok());
        let start = Instant::now();
        while port.is_none_or(|p| TcpStream::connect(("127.0.0.1", p)).is_err())
            || !proxy.authority.exists()
        {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "caddy does not listen at {public}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        std::thread::sleep(Duration::from_millis(500));
        Some(proxy)
    }
}

/// A room in `dir` with `--public-url`'s settings behind Caddy at a public address of its
/// own; `None` where Caddy is not installed (the test `test` says it was skipped).
pub(super) fn behind_caddy(test: &str, dir: &Path) -> Option<(Running, Proxy)> {
    let public = Proxy::address();
    let limits = Limits {
        proxied: true,
        ..Limits::default()
    };
    let running = host_at(dir, &public, limits);
    let proxy = Proxy::start(test, dir, &public, running.addr())?;
    Some((running, proxy))
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The desktop's client joins a remote room as the projector shows it (`https://…/code`),
/// through Caddy's TLS (its local authority named, as `MULTIPLIER_ROOM_CA` would), and its
/// weeks are taken.
#[test]
fn a_desktop_table_joins_a_remote_room_over_tls() {
    let dir = folder("remote-tls");
    let Some((running, proxy)) = behind_caddy("a_desktop_table_joins_a_remote_room_over_tls", &dir)
    else {
        return;
    };
    let (_, projector) = get(&running, "/projector");
    let shown = format!("{}/{}", proxy.public, running.door());
    assert!(projector.contains(&shown), "the projector shows {shown}");
    let at = Address::parse(&shown).expect("the projector's address reads");
    assert!(at.tls && at.door.is_some(), "{at:?}");
    let authority = std::fs::read(&proxy.authority).expect("Caddy's authority");
    client::trust_only(&authority).expect("the authority reads");
    let joined = client::join(&at, "Far Away", None).expect("joins over TLS");
    let request = request(0, &weeks()[..2]);
    let synced = client::sync(&at, &joined.token, &request).expect("weeks over TLS");
    assert_eq!(synced.weeks, 2, "the host has both weeks");
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

/// A proxy whose certificate comes from an authority of its own: a table that has not named
/// it refuses the room at once and says how to trust it (waiting would not help); named in
/// `MULTIPLIER_ROOM_CA`, it plays the room over TLS (a `join` bot, the desktop's client).
#[test]
fn a_rooms_own_authority_is_trusted_only_when_named() {
    let dir = folder("remote-authority");
    let Some((running, proxy)) =
        behind_caddy("a_rooms_own_authority_is_trusted_only_when_named", &dir)
    else {
        return;
    };
    let shown = format!("{}/{}", proxy.public, running.door());
    let bot = |team: &str, authority: Option<&Path>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_multiplier"));
        command
            .args(["join", &shown, "--team", team, "--every", "0"])
            .env("MULTIPLIER_DATA_DIR", dir.join(team))
            .env_remove(client::ROOM_CA);
        if let Some(authority) = authority {
            command.env(client::ROOM_CA, authority);
        }
        command.output().expect("the join bot runs")
    };
    let stranger = bot("Strangers", None);
    let said = String::from_utf8_lossy(&stranger.stderr);
    assert!(!stranger.status.success(), "{said}");
    assert!(
        said.contains("certificate is not trusted") && said.contains(client::ROOM_CA),
        "{said}"
    );
    let trusting = bot("Trusting", Some(&proxy.authority));
    let played = String::from_utf8_lossy(&trusting.stdout);
    assert!(
        trusting.status.success(),
        "{played}{}",
        String::from_utf8_lossy(&trusting.stderr)
    );
    assert!(played.contains("done:"), "{played}");
}
