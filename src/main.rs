//! The `multiplier` binary: the game with no arguments, headless subcommands otherwise.

use std::process::ExitCode;

use clap::Parser;
use multiplier::cli::Cli;

/// mimalloc rather than the system's allocator: the simulation makes and drops many small
/// strings and lists (see the dependency's note in `Cargo.toml`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match (cli.command, cli.workshop) {
        (Some(_), Some(_)) => {
            eprintln!("multiplier: --workshop opens the game; give it without a command");
            ExitCode::from(2)
        }
        (Some(command), None) => {
            end_quietly_on_a_closed_pipe();
            multiplier::cli::run(command)
        }
        (None, workshop) => {
            // A room's address joins a hosted room; anything else must be a code.
            let code = workshop
                .as_deref()
                .filter(|w| multiplier::room::Address::parse(w).is_none());
            if let Some(Err(why)) = code.map(multiplier::workshop::Code::parse) {
                eprintln!("multiplier: {why}");
                return ExitCode::from(2);
            }
            launch(workshop)
        }
    }
}

/// Lets a closed pipe end the program as it ends other Unix tools (`multiplier check … | head`
/// stops when `head` has read enough): Rust ignores SIGPIPE, so every later write would fail
/// and the first `println!` panic instead.
fn end_quietly_on_a_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: sets the disposition of one signal to its default before any other thread
    // exists; nothing in this process installed a handler for it.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

#[cfg(feature = "desktop")]
fn launch(workshop: Option<String>) -> ExitCode {
    multiplier::game::run(workshop)
}

#[cfg(not(feature = "desktop"))]
fn launch(_workshop: Option<String>) -> ExitCode {
    use clap::CommandFactory;
    eprintln!(
        "this build has no game window (built without the `desktop` feature); the commands are:\n"
    );
    let _ = Cli::command().print_help();
    ExitCode::SUCCESS
}
