//! A table's side of the room's API: HTTP/1.1 through `ureq`, RON in and out, with short
//! timeouts, so a table on a Wi-Fi that drops keeps playing and tries again later.
//! A room on the local network is plain HTTP; a remote one (`https://…`, behind a proxy)
//! is reached over TLS, its certificate checked against Mozilla's roots, or against the
//! room's own authority when the player names it (`MULTIPLIER_ROOM_CA`).
//! The calls block; the game makes them off its frame thread. A table keeps its connection
//! to the room open between calls, as a browser does.

use std::fmt;
use std::sync::OnceLock;
use std::time::Duration;

use ureq::tls::{Certificate, RootCerts, TlsConfig};

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::wire::{JoinRequest, Joined, Refused, SyncRequest, Synced};

/// The port `multiplier host` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 8470;

/// The most digits a room's short code has here (a room's are four): more is not a code.
pub const MAX_DOOR: usize = 12;

/// The port of an `https://` address that names none: a proxy's.
pub const TLS_PORT: u16 = 443;

/// The environment variable naming a PEM file of the certificate authority a remote room's
/// proxy signs with, when it is not one the world trusts (Caddy's `tls internal`, a
/// company's own): tables then trust that authority alone.
pub const ROOM_CA: &str = "MULTIPLIER_ROOM_CA";

/// The largest answer a table reads: a join carries the scenario and the run.
const MAX_ANSWER: u64 = 8 * 1024 * 1024;

/// How long a table waits to connect, and for an answer.
const CONNECT: Duration = Duration::from_secs(3);
const ANSWER: Duration = Duration::from_secs(8);

/// How long a connection to a room is kept for the next call: a table syncs every few
/// seconds. Under the host's time for a request's head (10 s), after which the host closes a
/// connection that sent nothing, so that a call seldom meets one the host is closing.
const KEPT: Duration = Duration::from_secs(5);

/// The connections a process keeps open to rooms between calls, at most: one a table (the
/// room's load tests play a hundred tables in one process).
const KEPT_CONNECTIONS: usize = 128;

/// A room's address as a table typed it: a host, a port, whether it speaks TLS, and the
/// room's short code if it was typed too (`192.168.1.20:8470/1234` or
/// `https://room.example.org/1234`, as the projector shows it).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Address {
    /// A name or an IP address.
    pub host: String,
    /// The port.
    pub port: u16,
    /// The room's short code (digits), which a new table gives to join.
    pub door: Option<String>,
    /// Whether the room is reached over TLS: a remote room behind a proxy (`https://…`).
    pub tls: bool,
}

impl Address {
    /// Reads what a person types or a QR code holds: `192.168.1.20:8470`, `192.168.1.20`
    /// (the default port), `http://192.168.1.20:8470/`, `laptop.local:9000`,
    /// `https://room.example.org/0427` (TLS, port 443). `None` for anything that is not an
    /// address, such as a workshop code.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let scheme = |prefix: &str| {
            text.get(..prefix.len())
                .filter(|p| p.eq_ignore_ascii_case(prefix))
                .map(|_| &text[prefix.len()..])
        };
        let (rest, tls, schemed) = match (scheme("https://"), scheme("http://")) {
            (Some(rest), _) => (rest, true, true),
            (None, Some(rest)) => (rest, false, true),
            (None, None) => (text, false, false),
        };
        let mut parts = rest.split('/');
        let door = parts
            .nth(1)
            .map(|d| d.trim_start_matches("?door=").trim())
            .filter(|d| {
                !d.is_empty() && d.len() <= MAX_DOOR && d.chars().all(|c| c.is_ascii_digit())
            })
            .map(str::to_string);
        let rest = rest.split('/').next().unwrap_or(rest);
        let (host, port) = match rest.rsplit_once(':') {
            Some((h, p)) => (h, p.parse::<u16>().ok()?),
            None if tls => (rest, TLS_PORT),
            None => (rest, DEFAULT_PORT),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let looks_like_ip = host.parse::<std::net::IpAddr>().is_ok();
        // A workshop code is letters and hyphens ending in a number; an address is an IP, a
        // name with a dot, `localhost`, anything with a port, or anything after a scheme.
        let named = host.contains('.') || host == "localhost" || rest.contains(':') || schemed;
        let valid = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
        (valid && (looks_like_ip || named) && port != 0).then(|| Self {
            host: host.to_string(),
            port,
            door,
            tls,
        })
    }

    /// A room on the local network at `host` and `port` (plain HTTP), its code not known.
    pub fn local(host: impl Into<String>, port: u16) -> Self {
        Self {
            host: host.into(),
            port,
            door: None,
            tls: false,
        }
    }

    /// The address of `path` in this room.
    fn url(&self, path: &str) -> String {
        let scheme = if self.tls { "https" } else { "http" };
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        format!("{scheme}://{host}:{}{path}", self.port)
    }
}

/// A local room as `host:port`; a remote one as its `https://` address (the port only if it
/// is not 443's). Either reads back with [`Address::parse`].
impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.tls {
            f.write_str("https://")?;
        }
        if self.host.contains(':') {
            write!(f, "[{}]", self.host)?;
        } else {
            f.write_str(&self.host)?;
        }
        if !self.tls || self.port != TLS_PORT {
            write!(f, ":{}", self.port)?;
        }
        Ok(())
    }
}

/// Why a call to the room gave no answer.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ClientError {
    /// The host could not be reached (it is down, or the network is): try again later.
    #[error("the host is out of reach: {0}")]
    Unreachable(String),
    /// The host answered no: its reason.
    #[error("{0}")]
    Refused(String),
    /// The host's answer does not read (another program on that port?).
    #[error("the host's answer does not read: {0}")]
    Garbled(String),
    /// A remote room's TLS does not check out: its certificate is not one this table trusts,
    /// the authority named in `MULTIPLIER_ROOM_CA` does not read, or what answers does not
    /// speak TLS. Waiting will not help.
    #[error(
        "the room's certificate is not trusted: {0} (for a room with its own certificate authority, name its certificate file in {ROOM_CA})"
    )]
    Untrusted(String),
}

impl ClientError {
    /// Whether trying again later may work (the host or the network was away).
    pub fn transient(&self) -> bool {
        matches!(self, ClientError::Unreachable(_))
    }
}

/// Joins the room at `address` as `team` (with the room's code, if the address has it), or
/// comes back to the table `token` names.
pub fn join(address: &Address, team: &str, token: Option<&str>) -> Result<Joined, ClientError> {
    let request = JoinRequest {
        team: team.to_string(),
        token: token.map(str::to_string),
        door: address.door.clone(),
    };
    call(address, "/api/join", None, &request)
}

/// Sends a table's new weeks and how its week stands; the answer is the room's clock.
pub fn sync(address: &Address, token: &str, request: &SyncRequest) -> Result<Synced, ClientError> {
    call(address, "/api/sync", Some(token), request)
}

fn call<T: Serialize, R: DeserializeOwned>(
    address: &Address,
    path: &str,
    token: Option<&str>,
    body: &T,
) -> Result<R, ClientError> {
    let body = ron::to_string(body).map_err(|e| ClientError::Garbled(e.to_string()))?;
    let mut request = agent(address.tls)?
        .post(address.url(path))
        .content_type("application/ron");
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    let mut answer = request.send(body.as_bytes()).map_err(|e| match e {
        // rustls says what it refused as data that does not read: no network trouble.
        ureq::Error::Io(io) if address.tls && io.kind() == std::io::ErrorKind::InvalidData => {
            ClientError::Untrusted(format!("{address}: {io}"))
        }
        ureq::Error::Io(_)
        | ureq::Error::Timeout(_)
        | ureq::Error::HostNotFound
        | ureq::Error::ConnectionFailed => ClientError::Unreachable(format!("{address}: {e}")),
        ureq::Error::Rustls(e) => ClientError::Untrusted(format!("{address}: {e}")),
        e => ClientError::Garbled(e.to_string()),
    })?;
    let status = answer.status().as_u16();
    let text = answer
        .body_mut()
        .with_config()
        .limit(MAX_ANSWER)
        .read_to_string()
        .map_err(|e| match e {
            ureq::Error::Io(_) | ureq::Error::Timeout(_) => {
                ClientError::Unreachable(format!("{address}: {e}"))
            }
            e => ClientError::Garbled(e.to_string()),
        })?;
    if status == 200 {
        ron::from_str(&text).map_err(|e| ClientError::Garbled(e.to_string()))
    } else {
        match ron::from_str::<Refused>(&text) {
            Ok(r) => Err(ClientError::Refused(r.error)),
            Err(_) => Err(ClientError::Garbled(format!("status {status}"))),
        }
    }
}

/// The agents the process's tables call rooms with, made once, so that each keeps its
/// connections open between calls (a week sent every few seconds goes on the connection
/// the last one used, not on a new one, and to a remote room without a new TLS handshake):
/// one for rooms on the local network, one for remote rooms.
static LOCAL: OnceLock<ureq::Agent> = OnceLock::new();
static REMOTE: OnceLock<Result<ureq::Agent, String>> = OnceLock::new();

/// The agent for a local room, or for a remote one (over TLS, its roots chosen once: see
/// [`trust_only`]).
fn agent(tls: bool) -> Result<ureq::Agent, ClientError> {
    let config = || {
        ureq::Agent::config_builder()
            .timeout_connect(Some(CONNECT))
            .timeout_global(Some(ANSWER))
            .max_redirects(0)
            .http_status_as_error(false)
            .max_idle_age(KEPT)
            .max_idle_connections(KEPT_CONNECTIONS)
            .max_idle_connections_per_host(KEPT_CONNECTIONS)
    };
    if tls {
        let remote = REMOTE.get_or_init(|| {
            let roots = roots()?;
            let tls = TlsConfig::builder().root_certs(roots).build();
            Ok(config().tls_config(tls).build().into())
        });
        return remote.clone().map_err(ClientError::Untrusted);
    }
    // A local room: a proxy set for the internet would not reach it. A remote one goes the
    // way the machine's other traffic goes.
    Ok(LOCAL
        .get_or_init(|| config().proxy(None).build().into())
        .clone())
}

/// The authorities a table checks a remote room's certificate against, read once: the
/// room's own if `MULTIPLIER_ROOM_CA` names one (or [`trust_only`] was called), else
/// Mozilla's.
static AUTHORITY: OnceLock<Result<RootCerts, String>> = OnceLock::new();

fn roots() -> Result<RootCerts, String> {
    AUTHORITY
        .get_or_init(|| match std::env::var_os(ROOM_CA) {
            None => Ok(RootCerts::WebPki),
            Some(path) => {
                let path = std::path::Path::new(&path);
                crate::storage::read_limited(path, MAX_AUTHORITY)
                    .map_err(|e| e.to_string())
                    .and_then(|pem| authority(&pem))
                    .map_err(|e| format!("{ROOM_CA}={}: {e}", path.display()))
            }
        })
        .clone()
}

/// The largest certificate file a table reads: a chain of a few certificates is a few KB.
const MAX_AUTHORITY: u64 = 256 * 1024;

/// The certificates in a PEM file, as the only roots a table trusts.
fn authority(pem: &[u8]) -> Result<RootCerts, String> {
    let certs: Vec<Certificate<'static>> = ureq::tls::parse_pem(pem)
        .filter_map(|item| match item {
            Ok(ureq::tls::PemItem::Certificate(c)) => Some(Ok(c)),
            Ok(_) => None,
            Err(e) => Some(Err(e.to_string())),
        })
        .collect::<Result<_, _>>()?;
    if certs.is_empty() {
        return Err("no certificate in the file".into());
    }
    Ok(RootCerts::new_with_certs(&certs))
}

/// Makes this process's tables trust the authority whose certificates `pem` holds, and it
/// alone, for `https://` rooms: what `MULTIPLIER_ROOM_CA` does, for a caller that has the
/// file already (a test with its own proxy). Refused once a remote room has been called.
pub fn trust_only(pem: &[u8]) -> Result<(), ClientError> {
    let roots = authority(pem).map_err(ClientError::Untrusted)?;
    AUTHORITY
        .set(Ok(roots))
        .map_err(|_| ClientError::Untrusted("the authorities were chosen already".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_as_people_type_them_and_codes_do_not() {
        let a = |h: &str, p| Some(Address::local(h, p));
        assert_eq!(Address::parse("192.168.1.20:9000"), a("192.168.1.20", 9000));
        assert_eq!(
            Address::parse(" 192.168.1.20 "),
            a("192.168.1.20", DEFAULT_PORT)
        );
        assert_eq!(Address::parse("http://10.0.0.5:8470/"), a("10.0.0.5", 8470));
        assert_eq!(
            Address::parse("laptop.local"),
            a("laptop.local", DEFAULT_PORT)
        );
        assert_eq!(Address::parse("localhost:8470"), a("localhost", 8470));
        assert_eq!(Address::parse("brilliant-team-4821"), None);
        assert_eq!(Address::parse("brilliant-team-4821-90s"), None);
        assert_eq!(Address::parse("10.0.0.5:99999"), None);
        assert_eq!(Address::parse("10.0.0.5:0"), None);
        assert_eq!(Address::parse("bad host:80"), None);
        let with_door = Address::parse("http://10.0.0.5:8470/0427").expect("an address");
        assert_eq!(with_door.door.as_deref(), Some("0427"));
        assert_eq!(
            with_door.to_string(),
            "10.0.0.5:8470",
            "the code is not the host's"
        );
        assert_eq!(
            Address::parse("10.0.0.5/12").and_then(|a| a.door),
            Some("12".into())
        );
        assert_eq!(Address::parse("10.0.0.5/x").and_then(|a| a.door), None);
    }

    #[test]
    fn a_remote_room_is_reached_over_tls_and_reads_back_as_typed() {
        let remote = Address::parse("https://room.example.org/0427").expect("an address");
        assert!(remote.tls);
        assert_eq!(remote.port, TLS_PORT);
        assert_eq!(remote.door.as_deref(), Some("0427"));
        assert_eq!(
            remote.url("/api/join"),
            "https://room.example.org:443/api/join"
        );
        for typed in [
            "https://room.example.org",
            "https://workshop:8443",
            "https://[::1]:8443",
            "10.0.0.5:8470",
        ] {
            let address = Address::parse(typed).expect("an address");
            assert_eq!(address.to_string(), typed);
            assert_eq!(Address::parse(&address.to_string()), Some(address));
        }
        assert!(
            !Address::parse("HTTP://10.0.0.5").expect("an address").tls,
            "plain HTTP, whatever its case"
        );
        assert!(
            Address::parse("HTTPS://Room.example.org")
                .expect("an address")
                .tls
        );
    }

    /// Two calls go on one connection: the room here accepts one and then stops listening,
    /// so a second connection would be refused.
    #[test]
    fn a_table_keeps_its_connection_to_the_room_between_calls() {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        let port = listener.local_addr().expect("an address").port();
        let room = std::thread::spawn(move || {
            let (mut s, _) = listener.accept().expect("a connection");
            drop(listener);
            for _ in 0..2 {
                let mut head = Vec::new();
                let mut byte = [0u8; 1];
                while !head.ends_with(b"\r\n\r\n") {
                    s.read_exact(&mut byte).expect("a request's head");
                    head.push(byte[0]);
                }
                let head = String::from_utf8_lossy(&head).to_lowercase();
                let length: usize = head
                    .lines()
                    .find_map(|l| l.strip_prefix("content-length:"))
                    .and_then(|v| v.trim().parse().ok())
                    .expect("a body's length");
                s.read_exact(&mut vec![0u8; length]).expect("the body");
                let body = "(error:\"no\")";
                write!(
                    s,
                    "HTTP/1.1 409 Conflict\r\ncontent-type: application/ron\r\ncontent-length: {}\r\n\r\n{body}",
                    body.len()
                )
                .expect("answered");
            }
        });
        let at = Address::local("127.0.0.1", port);
        let request = SyncRequest {
            from: 0,
            weeks: Vec::new(),
            planned: 0.0,
            hours: 0.0,
            left: None,
        };
        for call in ["first", "second"] {
            match sync(&at, "token", &request) {
                Err(ClientError::Refused(why)) => assert_eq!(why, "no", "{call}"),
                other => panic!("{call} call: {other:?}"),
            }
        }
        room.join().expect("the room answered both");
    }

    #[test]
    fn an_authority_file_without_a_certificate_is_refused() {
        assert!(authority(b"not a certificate").is_err());
        assert!(matches!(
            trust_only(b"-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n"),
            Err(ClientError::Untrusted(_))
        ));
    }
}
