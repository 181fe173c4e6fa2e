//! The headless command line: validate, play, check and list scenarios; verify and report
//! workshop results.
//!
//! Exit codes: 0 success, 1 an invalid file, a failed lesson or a result that does not
//! verify, 2 bad usage. Results go to
//! stdout, errors to stderr.

mod check;
mod compare;
mod host;
mod join;
mod new;
mod play;
mod validate;
mod workshop;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Multiplier: a game about leading and managing a software team.
///
/// With no command, opens the game.
#[derive(Parser, Debug)]
#[command(name = "multiplier", version, about, long_about = None)]
pub struct Cli {
    /// What to do; omit to open the game.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Open the game on a workshop code (e.g. `brilliant-team-4821`, or `brilliant-team-4821-90s`
    /// with a 90-second week timer): every table with the same code plays the same world. A
    /// hosted room's address (`192.168.1.20:8470`) joins that room.
    #[arg(long, value_name = "CODE")]
    pub workshop: Option<String>,
}

/// The headless commands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Check scenario files and report every error with line, column and a hint.
    Validate {
        /// Scenario files (`.ron`).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Play a whole run with a bot and print one row per week.
    Play {
        /// A built-in scenario's name or a scenario file.
        scenario: String,
        /// The bot: hero-coder, pure-leader, micromanager, pure-manager, balanced or random.
        #[arg(long, default_value = "balanced")]
        policy: String,
        /// The world's seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print a CSV table instead of aligned columns.
        #[arg(long)]
        csv: bool,
        /// Also write the run as a workshop result file (for `verify` and `report`).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The team name in the result file (default: the bot's name).
        #[arg(long, value_name = "NAME", requires = "out")]
        team: Option<String>,
    },
    /// Play every bot over many seeds and report whether each lesson of the scenario holds.
    Check {
        /// A built-in scenario's name or a scenario file.
        scenario: String,
        /// Seeds to play (0..N), from 1 to 100000: more adds nothing a share can show, and
        /// would run for hours.
        #[arg(long, default_value_t = 200, value_parser = clap::value_parser!(u64).range(1..=100_000))]
        seeds: u64,
        /// Also search for plans the bots do not play that break a lesson or the game's thesis
        /// (one action all week, two half and half, a switch of style mid-run, hill-climbing
        /// from each bot's week), reporting each as a readable plan, and check the model's
        /// promises on the scenario (temptations, management, the verdict's lines, money).
        #[arg(long)]
        search: bool,
    },
    /// List the built-in scenarios.
    Scenarios,
    /// Write a commented starter scenario to edit: into the game's scenario folder, or --path.
    New {
        /// The scenario's title; its file name and id are made from it (`My team` → `my-team.ron`).
        name: String,
        /// A folder to write NAME.ron into, or a `.ron` file to write.
        #[arg(long, value_name = "DIR_OR_FILE")]
        path: Option<PathBuf>,
        /// Replace the file if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Make a workshop code for a scenario: every table that enters it plays the same world.
    Code {
        /// A built-in scenario's name or a scenario file.
        scenario: String,
        /// A countdown per week, e.g. `90s` or `2m` (10 seconds to 60 minutes).
        #[arg(long, value_name = "TIME")]
        timer: Option<String>,
    },
    /// Host a workshop room: tables join over the local network, the facilitator watches and
    /// paces every table live in a browser, results are collected as tables play.
    Host {
        /// A workshop code (`brilliant-team-4821`), a built-in scenario's name or a scenario
        /// file (a fresh world).
        what: String,
        /// A countdown per week, e.g. `90s` or `2m`: each table's week ends when its clock
        /// runs out (the whole room's, with --in-step).
        #[arg(long, value_name = "TIME")]
        timer: Option<String>,
        /// No table ends week N before the room is at week N: the facilitator moves the room
        /// on, or it moves on when every table has ended the week or the timer runs out.
        #[arg(long)]
        in_step: bool,
        /// Tables see no preview of what an action or an answer does before they choose
        /// (for a room where judging it is the exercise).
        #[arg(long)]
        no_previews: bool,
        /// The port to listen on (0: any free port).
        #[arg(long, default_value_t = crate::room::client::DEFAULT_PORT)]
        port: u16,
        /// The address to listen on: 0.0.0.0 for every network of this machine (the
        /// default, so tables can reach it), 127.0.0.1 for this machine only.
        #[arg(long, default_value = "0.0.0.0")]
        bind: std::net::IpAddr,
        /// The room's folder (default: the data folder's rooms/CODE). Starting the host
        /// again on the same folder takes the room up where it was.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
        /// New tables one address may make in a minute: raise it when many tables reach the
        /// host through one address (a proxy, a shared NAT, a load test).
        #[arg(long, value_name = "N", default_value_t = crate::host::Limits::default().joins_per_minute)]
        joins_per_minute: usize,
        /// Connections one address may hold open at once: raise it when a class shares one
        /// address (a school's NAT: every browser keeps a few). A proxy's own connections
        /// (--public-url) count only in all.
        #[arg(long, value_name = "N", default_value_t = crate::host::Limits::default().per_address,
              value_parser = per_address)]
        connections_per_address: usize,
        /// The room's address from anywhere, behind a reverse proxy on this machine that
        /// speaks TLS (e.g. https://room.example.org; see the facilitator's guide): the
        /// projector shows it, cookies are sent over TLS only, and each table's address is
        /// the one the proxy forwards. Bind to 127.0.0.1 with it.
        #[arg(long, value_name = "URL")]
        public_url: Option<String>,
    },
    /// Play a table of a hosted room with a bot: to rehearse a workshop, or to fill a room.
    Join {
        /// The room's address with its code, as `multiplier host` printed it (e.g.
        /// 192.168.1.20:8470/0427, or https://room.example.org/0427 for a remote room; a
        /// proxy's own certificate authority is trusted when MULTIPLIER_ROOM_CA names it).
        address: String,
        /// The table's name in the room.
        #[arg(long)]
        team: String,
        /// The bot: hero-coder, pure-leader, micromanager, pure-manager, balanced or random.
        #[arg(long, default_value = "balanced")]
        policy: String,
        /// Seconds between two of its weeks.
        #[arg(long, default_value_t = 2.0)]
        every: f64,
    },
    /// List the rooms announced on the local network (mDNS), with the address to join each.
    Rooms {
        /// Seconds to listen.
        #[arg(long, default_value_t = 3.0)]
        wait: f64,
    },
    /// Compare two runs (workshop result files or saves, a fork's say): where their
    /// decisions diverged and how far each score moved from there.
    Compare {
        /// The first run: a `.result.ron` file or a save.
        a: PathBuf,
        /// The second run.
        b: PathBuf,
        /// The scenario file result files were played on, if it is not a built-in one.
        #[arg(long, value_name = "FILE")]
        scenario: Option<PathBuf>,
    },
    /// Replay workshop result files and say which reproduce their scores (exit 1 if any does not).
    Verify {
        /// Result files (`.result.ron`).
        #[arg(required = true)]
        results: Vec<PathBuf>,
        /// The scenario file they were played on, if it is not a built-in one.
        #[arg(long, value_name = "FILE")]
        scenario: Option<PathBuf>,
    },
    /// Merge workshop result files into one HTML page for the debrief.
    Report {
        /// Result files (`.result.ron`).
        #[arg(required = true)]
        results: Vec<PathBuf>,
        /// The HTML file to write.
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// The scenario file they were played on, if it is not a built-in one.
        #[arg(long, value_name = "FILE")]
        scenario: Option<PathBuf>,
    },
}

/// Runs one command and returns the process's exit code.
pub fn run(command: Command) -> ExitCode {
    match command {
        Command::Validate { files } => validate::run(&files),
        Command::Play {
            scenario,
            policy,
            seed,
            csv,
            out,
            team,
        } => play::run(
            &scenario,
            &policy,
            seed,
            csv,
            out.as_deref(),
            team.as_deref(),
        ),
        Command::Check {
            scenario,
            seeds,
            search,
        } => check::run(&scenario, seeds, search),
        Command::Host {
            what,
            timer,
            in_step,
            no_previews,
            port,
            bind,
            dir,
            joins_per_minute,
            connections_per_address,
            public_url,
        } => host::run(&host::HostArgs {
            what: &what,
            timer: timer.as_deref(),
            in_step,
            previews: !no_previews,
            port,
            bind,
            dir: dir.as_deref(),
            joins_per_minute,
            per_address: connections_per_address,
            public_url: public_url.as_deref(),
        }),
        Command::Join {
            address,
            team,
            policy,
            every,
        } => join::run(&address, &team, &policy, every),
        Command::Rooms { wait } => join::rooms(wait),
        Command::Compare { a, b, scenario } => compare::run(&a, &b, scenario.as_deref()),
        Command::Code { scenario, timer } => workshop::code(&scenario, timer.as_deref()),
        Command::Verify { results, scenario } => workshop::verify(&results, scenario.as_deref()),
        Command::Report {
            results,
            out,
            scenario,
        } => workshop::report(&results, &out, scenario.as_deref()),
        Command::New { name, path, force } => new::run(&name, path.as_deref(), force),
        Command::Scenarios => {
            for b in crate::format::BUILTINS {
                match crate::format::builtin(b.id) {
                    Some(Ok(s)) => println!("{:<20} {:>3} weeks  {}", b.id, s.weeks, s.story.pitch),
                    _ => println!("{:<20}  (does not load: run `multiplier validate`)", b.id),
                }
            }
            ExitCode::SUCCESS
        }
    }
}

/// Loads a scenario by name or path, printing its errors on failure.
fn scenario_or_exit(name: &str) -> Result<std::sync::Arc<crate::sim::Scenario>, ExitCode> {
    crate::format::resolve(name)
        .map(std::sync::Arc::new)
        .map_err(|errors| {
            eprintln!("{errors}");
            ExitCode::from(1)
        })
}

/// `--connections-per-address`: at least one (none would refuse every table), and no more
/// than the file limit could ever hold.
fn per_address(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=65_536).contains(&n) => Ok(n),
        _ => Err(format!(
            "{text:?} is not a number of connections from 1 to 65536"
        )),
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::{Cli, Command};

    #[test]
    fn a_class_behind_one_address_gets_more_connections_but_never_none() {
        let host = |n: &str| {
            Cli::try_parse_from([
                "multiplier",
                "host",
                "first-week-31",
                "--connections-per-address",
                n,
            ])
        };
        match host("300").map(|c| c.command) {
            Ok(Some(Command::Host {
                connections_per_address,
                ..
            })) => assert_eq!(connections_per_address, 300),
            other => panic!("{other:?}"),
        }
        assert!(host("0").is_err());
        assert!(host("lots").is_err());
    }
}
