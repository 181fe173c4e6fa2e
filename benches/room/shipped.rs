//! The host as it ships: `multiplier host` in a process of its own (the binary's allocator,
//! mimalloc, and nothing of the bench's tables in its process), its CPU read from
//! `/proc/PID/stat`, which counts every thread the process has had, those ended included.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// The room's workshop code: brilliant-team, seed 4821, as the in-process flood's.
const CODE: &str = "brilliant-team-4821";

/// A `multiplier host` process serving a fresh room of brilliant-team-4821 on a free
/// loopback port; stopped and its folder removed when dropped.
pub struct Shipped {
    child: Child,
    dir: PathBuf,
    /// Where it listens.
    pub addr: SocketAddr,
    /// The room's short code (the path tables join at).
    pub door: String,
    /// The facilitator's key.
    pub key: String,
}

impl Shipped {
    /// Starts `binary` as a host that takes `tables` tables from loopback (each joins from
    /// the one address, a browser table with a few connections); `None`, with why on
    /// standard error, if it does not start or says nothing of where it listens.
    pub fn start(binary: &Path, tables: usize) -> Option<Self> {
        let dir =
            std::env::temp_dir().join(format!("multiplier-room-shipped-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let mut child = Command::new(binary)
            .args(["host", CODE, "--bind", "127.0.0.1", "--port", "0"])
            .arg("--joins-per-minute")
            .arg(tables.max(1).to_string())
            .arg("--connections-per-address")
            .arg((8 * tables).clamp(1, 65_536).to_string())
            .arg("--dir")
            .arg(dir.join("room"))
            .env("MULTIPLIER_DATA_DIR", dir.join("data"))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| eprintln!("{}: {e}", binary.display()))
            .ok()?;
        let heard = child.stdout.take().map(printed);
        let Some(Some((addr, door, key))) = heard else {
            eprintln!("{}: said nothing of where it listens", binary.display());
            let _ = child.kill();
            let _ = child.wait();
            return None;
        };
        Some(Self {
            child,
            dir,
            addr,
            door,
            key,
        })
    }

    /// The process's user and system CPU time so far, in seconds, every thread it has had.
    pub fn cpu_seconds(&self) -> f64 {
        let text =
            std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        super::stat(&text).map_or(0.0, |(_, cpu)| cpu)
    }

    /// The process's peak resident memory so far, in KiB.
    pub fn peak_rss_kib(&self) -> u64 {
        super::peak_rss_kib_of(&format!("/proc/{}/status", self.child.id()))
    }
}

impl Drop for Shipped {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The address, the room's short code and the facilitator's key from what the host prints
/// at start (`Tables join at: 127.0.0.1:PORT/CODE …`, `Facilitator: http://…/room?key=KEY`);
/// the rest of its output is read and dropped, so that it never blocks on a full pipe.
fn printed(out: std::process::ChildStdout) -> Option<(SocketAddr, String, String)> {
    let (send, heard) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut at = None;
        let mut sent = false;
        for line in BufReader::new(out).lines() {
            let Ok(line) = line else { return };
            if let Some(rest) = line.strip_prefix("Tables join at: ") {
                at = rest.split_whitespace().next().and_then(|a| {
                    let (addr, door) = a.split_once('/')?;
                    Some((addr.parse::<SocketAddr>().ok()?, door.to_string()))
                });
            }
            if let (false, Some(link)) = (sent, line.strip_prefix("Facilitator:")) {
                let key = link
                    .split_whitespace()
                    .next()
                    .and_then(|l| l.split_once("key="))
                    .map(|(_, k)| k.to_string());
                let _ = send.send(at.clone().zip(key));
                sent = true;
            }
        }
    });
    let ((addr, door), key) = heard.recv_timeout(Duration::from_secs(30)).ok()??;
    Some((addr, door, key))
}
