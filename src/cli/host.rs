//! `multiplier host CODE_OR_SCENARIO [--timer TIME] [--in-step] [--port N] [--bind ADDR]
//! [--dir DIR] [--joins-per-minute N] [--connections-per-address N] [--public-url URL]`:
//! opens a workshop room and serves it until stopped.

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::process::ExitCode;

use crate::format::{Errors, Found};
use crate::host::limits::Files;
use crate::host::{HostError, Limits, Server};
use crate::room::wire::now_ms;
use crate::room::{self, Pacing};
use crate::storage::{DataDir, NoHome};
use crate::text;
use crate::workshop::{Code, CodeError, HashedScenario, week_timer};

/// What `host` was asked for.
pub struct HostArgs<'a> {
    /// A workshop code, a built-in scenario's name or a scenario file.
    pub what: &'a str,
    /// The week timer, as typed.
    pub timer: Option<&'a str>,
    /// Whether the room plays in step.
    pub in_step: bool,
    /// Whether tables may preview what an action does.
    pub previews: bool,
    /// The port.
    pub port: u16,
    /// The address to listen on.
    pub bind: IpAddr,
    /// The room's folder.
    pub dir: Option<&'a Path>,
    /// New tables one address may make in a minute.
    pub joins_per_minute: usize,
    /// Connections one address may hold open at once.
    pub per_address: usize,
    /// The room's address from anywhere, behind a TLS proxy on this machine.
    pub public_url: Option<&'a str>,
}

/// Opens the room and serves it; returns only if it cannot start.
pub fn run(args: &HostArgs) -> ExitCode {
    match open(args) {
        Ok(server) => {
            let addr = server.addr();
            let code = server.code();
            let bound: Vec<IpAddr> = if addr.ip().is_unspecified() {
                Vec::new()
            } else {
                vec![addr.ip()]
            };
            // Kept for as long as the room is served.
            let _announced = match room::discover::announce(&code, addr.port(), &bound) {
                Ok(announced) => {
                    println!(
                        "Announced on the local network: tables may find {code} under Join a workshop."
                    );
                    Some(announced)
                }
                Err(why) => {
                    println!(
                        "Not announced on the local network ({why}): tables type the address."
                    );
                    None
                }
            };
            server.spawn().wait();
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("multiplier host: {why}");
            ExitCode::from(1)
        }
    }
}

/// Why the room could not be opened: the words `multiplier host` prints.
#[derive(Debug, thiserror::Error)]
enum Unopened {
    /// The scenario asked for is not there, or does not load: its first problem.
    #[error("{0}")]
    Scenario(String),
    /// The week timer does not read.
    #[error(transparent)]
    Timer(#[from] CodeError),
    /// There is no data folder for the room's.
    #[error(transparent)]
    Data(#[from] NoHome),
    /// The room's folder does not open.
    #[error(transparent)]
    Open(#[from] room::OpenError),
    /// The server could not start.
    #[error(transparent)]
    Serve(#[from] HostError),
    /// The public address is not a web address.
    #[error("--public-url {0}: give the address as browsers open it, starting with https://")]
    PublicUrl(String),
}

/// The scenario a code or a name names (as [`crate::format::find`] finds it, the player's
/// folder included): its file name, source and hash.
fn scenario(name: &str, folder: &Path) -> Result<(String, String, HashedScenario), Unopened> {
    let loaded = |e: Errors| Unopened::Scenario(e.first_line());
    let found = crate::format::find(name, Some(folder)).map_err(|e| loaded(e.into()))?;
    let (file, bytes) = found.read().map_err(loaded)?;
    let hashed = HashedScenario::parse(&file, &bytes).map_err(loaded)?;
    // Parsing took only UTF-8 text.
    let source = String::from_utf8_lossy(&bytes).into_owned();
    let file = match found {
        Found::Builtin(b) => format!("{}.ron", b.id),
        Found::File(path) => path
            .file_name()
            .map_or(file, |f| f.to_string_lossy().into_owned()),
    };
    Ok((file, source, hashed))
}

fn open(args: &HostArgs) -> Result<Server, Unopened> {
    let timer = args.timer.map(week_timer).transpose()?;
    let data = DataDir::from_env_or_os()?;
    // A code names its world; a scenario gets a fresh one.
    let coded = Code::parse(args.what)
        .ok()
        .and_then(|code| Some((scenario(&code.scenario, &data.scenarios()).ok()?, code)));
    let (code, (file, source, hashed)) = match coded {
        Some((found, code)) => (code, found),
        None => {
            let found = scenario(args.what, &data.scenarios())?;
            let entropy = now_ms();
            let code = Code::fresh(&found.2.scenario.story.id, entropy, None);
            (code, found)
        }
    };
    let seconds = timer.or(code.week_seconds);
    let pacing = match (args.in_step, seconds) {
        (true, seconds) => Pacing::InStep { seconds },
        (false, Some(seconds)) => Pacing::Timed { seconds },
        (false, None) => Pacing::Free,
    };
    let code = Code {
        week_seconds: match pacing {
            Pacing::Timed { seconds } => Some(seconds),
            _ => None,
        },
        ..code
    };
    let folder = args.dir.map_or_else(
        || data.0.join("rooms").join(code.to_string()),
        Path::to_path_buf,
    );
    let now = now_ms() / 1000;
    let opened = room::open(
        &folder,
        &code,
        &file,
        &source,
        room::Rules {
            pacing,
            previews: args.previews,
        },
        now,
    )?;
    let resumed = opened.resumed;
    let pacing = opened.room.config().pacing;
    let tables = opened.room.tables().len();
    let public = args
        .public_url
        .map(|url| {
            let url = url.trim();
            if url.starts_with("https://") || url.starts_with("http://") {
                Ok(url)
            } else {
                Err(Unopened::PublicUrl(url.to_string()))
            }
        })
        .transpose()?;
    let limits = Limits {
        joins_per_minute: args.joins_per_minute,
        per_address: args.per_address,
        proxied: public.is_some(),
        ..Limits::default()
    };
    let in_force = in_force(&limits);
    let mut server = Server::bind_with(
        opened,
        folder.clone(),
        SocketAddr::new(args.bind, args.port),
        limits,
    )?;
    if let Some(url) = public {
        server = server.public_url(url);
    }
    println!(
        "Multiplier room: {} ({code}), {}",
        hashed.scenario.story.title,
        pacing.describe()
    );
    if resumed {
        println!(
            "Room folder: {} (taken up again: {})",
            folder.display(),
            text::count(tables, "table")
        );
    } else {
        println!("Room folder: {}", folder.display());
    }
    println!(
        "Tables join at: {}  (the game's Join a workshop, or a browser; the number after the slash is the room's code)",
        server.shown().join("  or  ")
    );
    let joins = server.joins();
    if let Some(public) = public {
        println!("Projector:      {}/projector", public.trim_end_matches('/'));
    } else if let Some(first) = joins.first() {
        println!("Projector:      http://{first}/projector");
    }
    println!(
        "Facilitator:    {}  (keep this link to yourself)",
        server.facilitator_link()
    );
    println!("{in_force}");
    if let Some(files) = server.files() {
        println!("{}", capacity(&files));
    }
    println!("Stop with Ctrl-C; the same command takes the room up again where it was.");
    Ok(server)
}

/// The limits on one address the host starts with, and the flags that change them: a class
/// behind one address meets them first.
fn in_force(limits: &Limits) -> String {
    let joins = text::count(limits.joins_per_minute, "new table");
    let most = crate::room::rules::MAX_TABLES;
    if limits.proxied {
        format!(
            "Limits: {joins} a minute from one address as the proxy forwards it \
             (--joins-per-minute); the proxy's connections count only in all; {most} tables in the room."
        )
    } else {
        format!(
            "Limits: {} at once and {joins} a minute from one address \
             (--connections-per-address, --joins-per-minute); {most} tables in the room.",
            text::count(limits.per_address, "connection")
        )
    }
}

/// What the file limit allows: how many tables the host can serve at once, and how to allow
/// more when that is fewer than a room holds.
fn capacity(files: &Files) -> String {
    let raised = files
        .raised_from
        .map(|before| format!(", raised from {before}"))
        .unwrap_or_default();
    let tables = files.tables();
    let most = crate::room::rules::MAX_TABLES as u64;
    if tables >= most {
        format!(
            "Open files: up to {}{raised}: room for all {most} tables.",
            files.soft
        )
    } else {
        format!(
            "Open files: up to {}{raised}: room for about {tables} tables at once (the system allows no more to this process; `ulimit -n` in the shell that starts the host raises it).",
            files.soft
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_message_names_the_limits_in_force_and_their_flags() {
        let class = Limits {
            per_address: 300,
            joins_per_minute: 40,
            ..Limits::default()
        };
        let said = in_force(&class);
        assert!(said.contains("300 connections at once"), "{said}");
        assert!(said.contains("40 new tables a minute"), "{said}");
        assert!(
            said.contains("--connections-per-address") && said.contains("--joins-per-minute"),
            "{said}"
        );
        let proxied = in_force(&Limits {
            proxied: true,
            ..class
        });
        assert!(
            !proxied.contains("300 connections"),
            "behind a proxy the connections are the proxy's: {proxied}"
        );
    }
}
