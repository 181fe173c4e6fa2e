//! The room's HTTP/1.1 server: hyper on a small tokio runtime, with the host's [`Limits`]
//! kept at the door. A request that waits on nothing but a moment's lock (a table's page, a
//! preview, a version poll, a download) is answered on the runtime's worker thread, where
//! hyper read it; one that may wait on the disk (every change, which is on disk before its
//! answer) or on another request (a browser table busy with its own form) goes to the
//! runtime's blocking threads, so a slow disk holds no connection's reads. Live views are
//! tasks, not threads.
//!
//! At the door: connections per address and in all (the rest are closed at once), a backoff
//! when the process is out of file descriptors (the acceptor waits and tries again, never
//! dies), the request head's size and time (hyper answers 431 or closes), and the body's
//! size and time (413, 408).

use std::collections::HashMap;
use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Bytes, Frame, Incoming};
use hyper::header::{CONTENT_LENGTH, HeaderMap, HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

use super::limits::Limits;

/// A request as the room reads it: whole, its body read within the limits.
pub(super) struct Asked {
    /// GET, POST, …
    pub method: Method,
    /// The path, without the query.
    pub path: String,
    /// The query, without the `?`.
    pub query: String,
    /// The headers.
    pub headers: HeaderMap,
    /// The body.
    pub body: Bytes,
    /// The address it came from.
    pub peer: IpAddr,
}

impl Asked {
    /// A header's value as text, if it is there and is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The value of a query parameter, as sent.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v)
    }
}

/// An answer: a whole body, or a live view's events as they come.
pub(super) type Reply = Response<Sent>;

/// An answer's body.
pub(super) enum Sent {
    /// All of it at once.
    Whole(Full<Bytes>),
    /// Server-sent events until the view's task ends or the browser goes; holds the view's
    /// place among the open live views until then.
    Events {
        /// The events, as the view's task sends them.
        events: mpsc::Receiver<Bytes>,
        /// The view's place, given back when the body is dropped.
        _place: Box<dyn Send + Sync>,
    },
}

impl Body for Sent {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        match self.get_mut() {
            Sent::Whole(full) => Pin::new(full).poll_frame(cx),
            Sent::Events { events, .. } => {
                events.poll_recv(cx).map(|e| e.map(|b| Ok(Frame::data(b))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            Sent::Whole(full) => full.is_end_stream(),
            Sent::Events { .. } => false,
        }
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        match self {
            Sent::Whole(full) => full.size_hint(),
            Sent::Events { .. } => hyper::body::SizeHint::default(),
        }
    }
}

/// An answer of `status` with a whole body.
pub(super) fn reply(status: u16, body: impl Into<Bytes>) -> Reply {
    let mut r = Response::new(Sent::Whole(Full::new(body.into())));
    *r.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    r
}

/// Adds headers and a status to an answer as it is built.
pub(super) trait Build {
    /// With this header (a value that is not a header's text is left out: the room's values
    /// are its own).
    fn with_header(self, name: &'static str, value: &str) -> Self;
    /// With this status.
    fn with_status(self, status: u16) -> Self;
}

impl Build for Reply {
    fn with_header(mut self, name: &'static str, value: &str) -> Self {
        if let Ok(value) = HeaderValue::from_str(value) {
            self.headers_mut()
                .append(HeaderName::from_static(name), value);
        }
        self
    }

    fn with_status(mut self, status: u16) -> Self {
        *self.status_mut() =
            StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        self
    }
}

/// An answer made on the runtime's worker thread.
pub(super) enum Quick {
    /// To send now: everything it showed of the room is on disk.
    Saved(Reply),
    /// To send once everything it showed of the room is on disk ([`Answer::settle`], which
    /// waits, on a blocking thread).
    Unsaved(Reply),
}

/// What answers a request: the room's server, given the runtime to spawn live views on.
pub(super) trait Answer: Send + Sync + 'static {
    /// Answers a request on the runtime's worker thread if it waits on nothing but a
    /// moment's lock: `None` if it may wait (on the disk, or on another request), to be
    /// answered by [`Answer::answer`] on a blocking thread. Two hand-offs between threads
    /// saved, for most of a browser table's requests.
    fn quick(&self, asked: &Asked) -> Option<Quick>;
    /// Answers a request (on a blocking thread: it may lock the room and write the journal).
    fn answer(&self, asked: Asked) -> Reply;
    /// Waits until everything the room has queued for its journal is on disk (on a blocking
    /// thread).
    fn settle(&self);
    /// A live view if the request asks for one (on the runtime: it spawns the view's task).
    fn live(self: &Arc<Self>, asked: &Asked) -> Option<Reply>;
    /// Whether the server should stop accepting.
    fn stopping(&self) -> bool;
}

/// The connections open now, in all and by address.
#[derive(Default)]
struct Open {
    by_address: Mutex<HashMap<IpAddr, usize>>,
}

/// A connection's place among the open ones, given back when it closes.
struct Place {
    open: Arc<Open>,
    peer: IpAddr,
}

impl Open {
    fn lock(&self) -> MutexGuard<'_, HashMap<IpAddr, usize>> {
        self.by_address.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A place for a connection from `peer`, if the limits leave one.
    fn take(self: &Arc<Self>, peer: IpAddr, per_address: usize, all: usize) -> Option<Place> {
        let mut open = self.lock();
        let total: usize = open.values().sum();
        let mine = open.get(&peer).copied().unwrap_or(0);
        if total >= all || mine >= per_address {
            return None;
        }
        *open.entry(peer).or_insert(0) += 1;
        Some(Place {
            open: self.clone(),
            peer,
        })
    }
}

impl Drop for Place {
    fn drop(&mut self) {
        let mut open = self.open.lock();
        if let Some(n) = open.get_mut(&self.peer) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.peer);
            }
        }
    }
}

/// Accepts connections until the answerer stops: each within the limits is served on a task
/// of its own; the others are closed at once. Out of file descriptors, it waits (10 ms,
/// doubling to a second) and says so once in the log.
pub(super) async fn accept<A: Answer>(
    listener: TcpListener,
    answer: Arc<A>,
    limits: Arc<Limits>,
    connections: usize,
) {
    let open = Arc::new(Open::default());
    let mut wait = Duration::from_millis(10);
    let mut starved = false;
    while !answer.stopping() {
        let (stream, peer) = match listener.accept().await {
            Ok(accepted) => accepted,
            Err(e) if out_of_files(&e) => {
                if !starved {
                    eprintln!(
                        "multiplier host: out of file descriptors ({e}); new connections wait until some close"
                    );
                    starved = true;
                }
                tokio::time::sleep(wait).await;
                wait = (wait * 2).min(Duration::from_secs(1));
                continue;
            }
            // A connection that went away before it was accepted, and the like.
            Err(_) => continue,
        };
        if starved {
            eprintln!("multiplier host: file descriptors free again");
            starved = false;
        }
        wait = Duration::from_millis(10);
        // Behind a proxy on this machine, its connections are every table's.
        let per_address = if limits.proxied && peer.ip().is_loopback() {
            connections
        } else {
            limits.per_address
        };
        let Some(place) = open.take(peer.ip(), per_address, connections) else {
            drop(stream);
            continue;
        };
        tokio::spawn(serve(stream, peer, answer.clone(), limits.clone(), place));
    }
}

fn out_of_files(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        matches!(
            e.raw_os_error(),
            Some(libc::EMFILE | libc::ENFILE | libc::ENOBUFS | libc::ENOMEM)
        )
    }
    #[cfg(not(unix))]
    {
        e.kind() == std::io::ErrorKind::OutOfMemory
    }
}

/// Serves one connection's requests until it closes, is idle too long or breaks a limit.
async fn serve<A: Answer>(
    stream: TcpStream,
    peer: SocketAddr,
    answer: Arc<A>,
    limits: Arc<Limits>,
    place: Place,
) {
    let _ = stream.set_nodelay(true);
    let service = {
        let limits = limits.clone();
        service_fn(move |request| request_of(request, peer.ip(), answer.clone(), limits.clone()))
    };
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.head_time)
        .max_buf_size(limits.head_bytes.max(8192))
        .serve_connection(TokioIo::new(stream), service)
        .await;
    drop(place);
}

/// One request: its body read within the limits, then answered on the runtime's worker if
/// it waits on nothing, else on a blocking thread (or as a live view on the runtime).
async fn request_of<A: Answer>(
    request: Request<Incoming>,
    peer: IpAddr,
    answer: Arc<A>,
    limits: Arc<Limits>,
) -> Result<Reply, Infallible> {
    let (parts, body) = request.into_parts();
    let declared = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > DRAINED) {
        return Ok(too_large());
    }
    let body = match tokio::time::timeout(limits.body_time, read(body, limits.body_bytes)).await {
        Ok(Ok(Some(bytes))) => bytes,
        Ok(Ok(None)) => return Ok(too_large()),
        Ok(Err(())) => return Ok(refused(400, "the request could not be read")),
        Err(_) => return Ok(refused(408, "the request was too slow to arrive")),
    };
    // Behind a proxy on this machine, the address is the one it names last.
    let peer = if limits.proxied && peer.is_loopback() {
        parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .next_back()
            .unwrap_or(peer)
    } else {
        peer
    };
    let asked = Asked {
        method: parts.method,
        path: parts.uri.path().to_string(),
        query: parts.uri.query().unwrap_or("").to_string(),
        headers: parts.headers,
        body,
        peer,
    };
    if let Some(live) = answer.live(&asked) {
        return Ok(live);
    }
    let waited = match answer.quick(&asked) {
        Some(Quick::Saved(reply)) => return Ok(reply),
        Some(Quick::Unsaved(reply)) => {
            tokio::task::spawn_blocking(move || {
                answer.settle();
                reply
            })
            .await
        }
        None => tokio::task::spawn_blocking(move || answer.answer(asked)).await,
    };
    Ok(waited.unwrap_or_else(|_| refused(500, "the host failed to answer")))
}

/// The most of a too-large body the host reads (and drops) before it answers 413, so that
/// a client still sending can read the answer; a body declared larger is refused unread.
const DRAINED: u64 = 8 * 1024 * 1024;

/// A body of at most `most` bytes (`None` if it is larger: the rest is read and dropped up to
/// [`DRAINED`]), or `Err` if the connection broke.
async fn read(mut body: Incoming, most: usize) -> Result<Option<Bytes>, ()> {
    let mut kept = Vec::new();
    let mut seen = 0u64;
    while let Some(frame) = body.frame().await {
        let Ok(data) = frame.map_err(drop)?.into_data() else {
            continue;
        };
        seen += data.len() as u64;
        if seen > DRAINED {
            return Ok(None);
        }
        if seen <= most as u64 {
            kept.extend_from_slice(&data);
        }
    }
    Ok((seen <= most as u64).then(|| Bytes::from(kept)))
}

fn too_large() -> Reply {
    refused(413, "the request is too large")
}

/// A refusal in the room's API's words (RON), which a table shows as it is.
pub(super) fn refused(status: u16, why: &str) -> Reply {
    let body = ron::to_string(&crate::room::wire::Refused {
        error: why.to_string(),
    })
    .unwrap_or_default();
    reply(status, body)
        .with_header("content-type", "application/ron; charset=utf-8")
        .with_header("cache-control", "no-store")
        .with_header(
            "connection",
            if status == 413 || status == 408 {
                "close"
            } else {
                "keep-alive"
            },
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_has_its_share_of_connections_and_gives_them_back() {
        let open = Arc::new(Open::default());
        let a = IpAddr::from([10, 0, 0, 1]);
        let b = IpAddr::from([10, 0, 0, 2]);
        let first = open.take(a, 2, 3).expect("a place");
        let second = open.take(a, 2, 3).expect("a place");
        assert!(open.take(a, 2, 3).is_none(), "a third from one address");
        let other = open.take(b, 2, 3).expect("another address");
        assert!(open.take(b, 2, 3).is_none(), "none left in all");
        drop(first);
        assert!(open.take(a, 2, 3).is_some(), "one given back");
        drop((second, other));
    }
}
