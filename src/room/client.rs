//! A table's side of the room's API: HTTP/1.1 through `ureq`, RON in and out, with short
//! timeouts, so a table on a Wi-Fi that drops keeps playing and tries again later.
//! The calls block; the game makes them off its frame thread.

use std::fmt;
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

/// A room's address as a table typed it: a host, a port, and the room's short code if it
/// was typed too (`192.168.1.20:8470/1234`, as the projector shows it).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Address {
    /// A name or an IP address.
    pub host: String,
    /// The port.
    pub port: u16,
    /// The room's short code (digits), which a new table gives to join.
    pub door: Option<String>,
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
        let mut parts = rest.split('/');
        let door = parts
            .nth(1)
            .map(|d| d.trim_start_matches("?door=").trim())
            .filter(|d| !d.is_empty() && d.len() <= 12 && d.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_string);
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
            door,
        })
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
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_connect(Some(CONNECT))
        .timeout_global(Some(ANSWER))
        // A room is on the local network: a proxy set for the internet would not reach it.
        .proxy(None)
        .max_redirects(0)
        .http_status_as_error(false)
        .build()
        .into();
    let mut request = agent
        .post(format!("http://{address}{path}"))
        .content_type("application/ron");
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    let mut answer = request.send(body.as_bytes()).map_err(|e| match e {
        ureq::Error::Io(_)
        | ureq::Error::Timeout(_)
        | ureq::Error::HostNotFound
        | ureq::Error::ConnectionFailed => ClientError::Unreachable(format!("{address}: {e}")),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_as_people_type_them_and_codes_do_not() {
        let a = |h: &str, p| {
            Some(Address {
                host: h.into(),
                port: p,
                door: None,
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
}
