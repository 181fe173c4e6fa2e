//! What the host allows one request, one address and the whole room, and the file limit it
//! runs under: a room on a network it does not control meets strangers who open connections
//! and never speak, send headers without end, or join in a loop.

use std::time::Duration;

/// The host's limits. [`Limits::default`] is what `multiplier host` uses; tests lower them.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Connections open at once from one address (a browser keeps at most six to one host).
    pub per_address: usize,
    /// Connections open at once in all; `None`: as many as the file limit leaves room for.
    pub connections: Option<usize>,
    /// The largest request head (request line and headers), in bytes.
    pub head_bytes: usize,
    /// The largest request body, in bytes (the README promises 1 MiB per request; a whole
    /// 52-week run is a few dozen KiB).
    pub body_bytes: usize,
    /// How long a client may take to send a request's head, and how long a connection may
    /// wait idle for its next request: a slow or silent client loses its connection.
    pub head_time: Duration,
    /// How long a client may take to send a request's body.
    pub body_time: Duration,
    /// Live views open at once without the facilitator's key (the projector's).
    pub streams: usize,
    /// Live views open at once with the facilitator's key, counted apart so that strangers
    /// never take the facilitator's.
    pub facilitator_streams: usize,
    /// New tables one address may make in a minute.
    pub joins_per_minute: usize,
    /// The host is behind a reverse proxy on this machine (`--public-url`): connections from
    /// loopback are the proxy's, counted only in all, and a request's address is the one the
    /// proxy names last in `X-Forwarded-For`.
    pub proxied: bool,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            per_address: 64,
            connections: None,
            head_bytes: 64 * 1024,
            body_bytes: 1024 * 1024,
            head_time: Duration::from_secs(10),
            body_time: Duration::from_secs(20),
            streams: 32,
            facilitator_streams: 8,
            joins_per_minute: 6,
            proxied: false,
        }
    }
}

/// File descriptors the host keeps for itself beyond its connections: the journal, result
/// files, the report's reads, mDNS and the runtime.
const RESERVED_FILES: u64 = 48;

/// Connections a table may hold: a browser opens a few to one host (the page, its script's
/// polls, a download); a desktop table one.
pub const CONNECTIONS_PER_TABLE: u64 = 6;

/// The process's limit on open files, after [`raise_file_limit`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Files {
    /// The limit now in force.
    pub soft: u64,
    /// The ceiling the system allows this process.
    pub hard: u64,
    /// The limit before the host raised it, if it did.
    pub raised_from: Option<u64>,
}

impl Files {
    /// Connections the host may hold open at once and still open its own files.
    pub fn connections(&self) -> usize {
        usize::try_from(self.soft.saturating_sub(RESERVED_FILES).max(16)).unwrap_or(usize::MAX)
    }

    /// Tables the host can serve at once under this limit.
    pub fn tables(&self) -> u64 {
        self.soft.saturating_sub(RESERVED_FILES) / CONNECTIONS_PER_TABLE
    }
}

/// Raises the soft limit on open files to the hard one (a Mac starts processes at 256, many
/// Linux systems at 1024) and says where it stands; `None` where the system has no such
/// limit or does not tell.
#[cfg(unix)]
pub fn raise_file_limit() -> Option<Files> {
    let mut limit = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit writes into the struct it is given, which lives for the call.
    if unsafe { libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) } != 0 {
        return None;
    }
    // `rlim_t` is a u64 on Linux and macOS, not on every Unix.
    #[allow(clippy::useless_conversion)]
    let (before, hard) = (
        u64::try_from(limit.rlim_cur).unwrap_or(u64::MAX),
        u64::try_from(limit.rlim_max).unwrap_or(u64::MAX),
    );
    // macOS refuses more than OPEN_MAX for an unlimited hard limit; a room needs far less.
    let wanted = hard.min(65_536);
    if wanted > before {
        let raised = libc::rlimit {
            rlim_cur: wanted as libc::rlim_t,
            rlim_max: limit.rlim_max,
        };
        // SAFETY: setrlimit reads the struct it is given, which lives for the call.
        if unsafe { libc::setrlimit(libc::RLIMIT_NOFILE, &raised) } == 0 {
            return Some(Files {
                soft: wanted,
                hard,
                raised_from: Some(before),
            });
        }
    }
    Some(Files {
        soft: before,
        hard,
        raised_from: None,
    })
}

/// Elsewhere the host cannot tell its file limit.
#[cfg(not(unix))]
pub fn raise_file_limit() -> Option<Files> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_macs_default_limit_holds_a_few_dozen_tables_and_a_raised_one_a_hundred() {
        let mac = Files {
            soft: 256,
            hard: 256,
            raised_from: None,
        };
        assert!((20..100).contains(&mac.tables()), "{}", mac.tables());
        let linux = Files {
            soft: 1024,
            hard: 1024,
            raised_from: None,
        };
        assert!(linux.tables() >= 100, "{}", linux.tables());
        assert!(mac.connections() < 256);
    }
}
