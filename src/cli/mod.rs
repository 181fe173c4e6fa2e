//! The headless command line: validate, play, check and list scenarios.
//!
//! Exit codes: 0 success, 1 an invalid file or a failed lesson, 2 bad usage. Results go to
//! stdout, errors to stderr.

mod check;
mod play;
mod validate;

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
    },
    /// Play every bot over many seeds and report whether each lesson of the scenario holds.
    Check {
        /// A built-in scenario's name or a scenario file.
        scenario: String,
        /// Seeds to play (0..N).
        #[arg(long, default_value_t = 200)]
        seeds: u64,
    },
    /// List the built-in scenarios.
    Scenarios,
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
        } => play::run(&scenario, &policy, seed, csv),
        Command::Check { scenario, seeds } => check::run(&scenario, seeds),
        Command::Scenarios => {
            for b in crate::scenario::BUILTINS {
                match crate::scenario::builtin(b.id) {
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
    crate::scenario::resolve(name)
        .map(std::sync::Arc::new)
        .map_err(|errors| {
            eprintln!("{errors}");
            ExitCode::from(1)
        })
}
