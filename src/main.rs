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
            if matches!(command, multiplier::cli::Command::Host { .. }) {
                keep_freed_memory();
                keep_small_pages();
            }
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

/// The room's host keeps the memory it frees for its next use rather than handing it back
/// to the system a second later (mimalloc's purge): a host draws browser tables' pages,
/// previews and the facilitator's views many times a second in strings of tens of KB, and
/// memory handed back came again as fresh pages the kernel had to zero (page faults were
/// 6% of the host's CPU; see docs/performance.md, the workshop room). What it keeps is at
/// most what it held at its busiest: under 160 MiB for a hundred tables.
fn keep_freed_memory() {
    unsafe extern "C" {
        /// mimalloc's own setter of its options (the crate declares it only with its
        /// `extended` feature; the C library holds it either way).
        fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    }
    /// `mi_option_purge_delay`, its place in mimalloc's `mi_option_t` (2 and 3 alike); -1:
    /// never purge.
    const PURGE_DELAY: std::ffi::c_int = 15;
    // SAFETY: sets one option of the process's allocator, mimalloc (the global allocator
    // above, so the symbol is linked), before any other thread exists.
    unsafe { mi_option_set(PURGE_DELAY, -1) }
}

/// The room's host takes its memory in the system's small pages rather than transparent
/// huge ones, which mimalloc asks for by default: each of the host's threads (the runtime's
/// blocking pool comes and goes with the load) takes memory of its own, and a huge page is
/// zeroed whole (2 MiB) on first touch however little of it is used. With them the host
/// peaked at 65–98 MiB in the paced room and page faults were 3% of its CPU; without, 34–46
/// MiB and about 7% less CPU (see docs/performance.md, the workshop room).
fn keep_small_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with PR_SET_THP_DISABLE reads its integer arguments only; it sets a flag
    // of this process's memory, and a kernel without it returns an error, which changes
    // nothing.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
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
