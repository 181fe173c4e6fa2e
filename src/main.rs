//! The `multiplier` binary: the game with no arguments, headless subcommands otherwise.

use std::process::ExitCode;

use clap::Parser;
use multiplier::cli::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match cli.command {
        Some(command) => multiplier::cli::run(command),
        None => launch(),
    }
}

#[cfg(feature = "desktop")]
fn launch() -> ExitCode {
    multiplier::game::run()
}

#[cfg(not(feature = "desktop"))]
fn launch() -> ExitCode {
    use clap::CommandFactory;
    eprintln!(
        "this build has no game window (built without the `desktop` feature); the commands are:\n"
    );
    let _ = Cli::command().print_help();
    ExitCode::SUCCESS
}
