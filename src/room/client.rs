//! A table's side of the room's API: HTTP/1.1 over a plain TCP stream, RON in and out, with
//! short timeouts, so a table on a Wi-Fi that drops keeps playing and tries again later.
//! The calls block; the game makes them off its frame thread.

use std::fmt;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::wire::{JoinRequest, Joined, Refused, SyncRequest, Synced};

/// The port `multiplier host` listens on unless told otherwise.
pub const DEFAULT_PORT: u16 = 8470;

/// The largest answer a table reads: a join carries the scenario and the run.
const MAX_ANSWER: u64 = 8 * 1024 * 1024;

/// How long a table waits to connect, and for an answer.
const CONNECT: Duration = Duration::from_secs(3);
const ANSWER: Duration = Duration::from_secs(8);

/// A room's address as a table typed it: a host and a port.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    /// A name or an IP address.
    pub host: String,
    /// The port.
    pub port: u16,
}

impl Address {
    /// Reads what a person types or a QR code holds: `192.168.1.20:8470`, `192.168.1.20`
    /// (the default port), `http://192.168.1.20:8470/`, `laptop.local:9000`. `None` for
    /// anything that is not an address, such as a workshop code.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let rest = text
            .strip_prefix("http://")
            .or_else(|| text.strip_prefix("HTTP://"))
            .unwrap_or(text);
        let rest = rest.split('/').next().unwrap_or(rest);
        let (host, port) = match rest.rsplit_once(':') {
            Some((h, p)) => (h, p.parse::<u16>().ok()?),
            None => (rest, DEFAULT_PORT),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let looks_like_ip = host.parse::<std::net::IpAddr>().is_ok();
        // A workshop code is letters and hyphens ending in a number; an address is an IP, a
        // name with a dot, `localhost`, or anything with a port.
        let named = host.contains('.') || host == "localhost" || rest.contains(':');
        let valid = !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':'));
        (valid && (looks_like_ip || named) && port != 0).then(|| Self {
            host: host.to_string(),
            port,
        })
    }

    fn socket(&self) -> Result<SocketAddr, ClientError> {
        (self.host.as_str(), self.port)
            .to_socket_addrs()
            .map_err(|e| ClientError::Unreachable(format!("cannot find {self}: {e}")))?
            .next()
            .ok_or_else(|| ClientError::Unreachable(format!("cannot find {self}")))
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.host.contains(':') {
            write!(f, "[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{}:{}", self.host, self.port)
        }
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
}

impl ClientError {
    /// Whether trying again later may work (the host or the network was away).
    pub fn transient(&self) -> bool {
        matches!(self, ClientError::Unreachable(_))
    }
}

/// Joins the room at `address` as `team`, or comes back to the table `token` names.
pub fn join(address: &Address, team: &str, token: Option<&str>) -> Result<Joined, ClientError> {
    let request = JoinRequest {
        team: team.to_string(),
        token: token.map(str::to_string),
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
    let socket = address.socket()?;
    let away = |e: std::io::Error| ClientError::Unreachable(format!("{address}: {e}"));
    let mut stream = TcpStream::connect_timeout(&socket, CONNECT).map_err(away)?;
    stream.set_read_timeout(Some(ANSWER)).map_err(away)?;
    stream.set_write_timeout(Some(ANSWER)).map_err(away)?;
    let auth = token.map_or_else(String::new, |t| format!("Authorization: Bearer {t}\r\n"));
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/ron\r\nContent-Length: {}\r\n{auth}Connection: close\r\n\r\n",
        body.len()
    );
    stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(body.as_bytes()))
        .map_err(away)?;
    let mut answer = Vec::new();
    stream
        .take(MAX_ANSWER)
        .read_to_end(&mut answer)
        .map_err(away)?;
    let (status, body) = parse(&answer)?;
    if status == 200 {
        ron::from_str(&body).map_err(|e| ClientError::Garbled(e.to_string()))
    } else {
        match ron::from_str::<Refused>(&body) {
            Ok(r) => Err(ClientError::Refused(r.error)),
            Err(_) => Err(ClientError::Garbled(format!("status {status}"))),
        }
    }
}

/// The status and body of an HTTP/1.1 answer (the body whole or chunked). The body is read as
/// text only once it is whole: a chunk may end inside a character.
fn parse(answer: &[u8]) -> Result<(u16, String), ClientError> {
    let garbled = |why: &str| ClientError::Garbled(why.to_string());
    let end = answer
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| garbled("no end to its head"))?;
    let head =
        std::str::from_utf8(&answer[..end]).map_err(|_| garbled("a head that is not text"))?;
    let body = &answer[end + 4..];
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| garbled("no status"))?;
    let chunked = lines.any(|l| {
        let l = l.to_ascii_lowercase();
        l.starts_with("transfer-encoding:") && l.contains("chunked")
    });
    let body = if chunked {
        dechunk(body)?
    } else {
        body.to_vec()
    };
    let body = String::from_utf8(body).map_err(|_| garbled("a body that is not text"))?;
    Ok((status, body))
}

fn dechunk(mut body: &[u8]) -> Result<Vec<u8>, ClientError> {
    let cut = || ClientError::Garbled("a chunk is cut short".into());
    let mut out = Vec::new();
    loop {
        let line = body.windows(2).position(|w| w == b"\r\n").ok_or_else(cut)?;
        let size = std::str::from_utf8(&body[..line])
            .ok()
            .and_then(|s| usize::from_str_radix(s.split(';').next().unwrap_or("").trim(), 16).ok())
            .ok_or_else(|| ClientError::Garbled("a chunk has no size".into()))?;
        if size == 0 {
            return Ok(out);
        }
        let rest = &body[line + 2..];
        out.extend_from_slice(rest.get(..size).ok_or_else(cut)?);
        body = rest
            .get(size..)
            .and_then(|r| r.strip_prefix(b"\r\n"))
            .ok_or_else(cut)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_as_people_type_them_and_codes_do_not() {
        let a = |h: &str, p| {
            Some(Address {
                host: h.into(),
                port: p,
            })
        };
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
    }

    #[test]
    fn chunked_answers_are_put_together() {
        let answer = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n";
        assert_eq!(parse(answer), Ok((200, "abcde".to_string())));
        assert!(parse(b"garbage").is_err());
        // A chunk may end inside a character: "é" is two bytes, one in each chunk.
        let split = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\na\xc3\r\n2\r\n\xa9b\r\n0\r\n\r\n";
        assert_eq!(parse(split), Ok((200, "a\u{e9}b".to_string())));
        let cut = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab";
        assert!(parse(cut).is_err());
    }
}
