//! `multiplier join ADDRESS --team NAME [--policy P] [--every SECONDS]`: a bot plays a table
//! in a hosted room, for rehearsing a workshop or filling a room beside people.

use std::process::ExitCode;
use std::time::Duration;

use crate::app::hosted;
use crate::room::{Address, ClientError, bot, client};
use crate::sim::{Policy, Totals};
use crate::storage::DataDir;

/// Plays a bot's table in the room at `address` until its run is over.
pub fn run(address: &str, team: &str, policy: &str, every: f64) -> ExitCode {
    let Some(address) = Address::parse(address) else {
        eprintln!(
            "multiplier join: `{address}` is not a room's address (like 192.168.1.20:8470/0427, as the projector shows it)"
        );
        return ExitCode::from(2);
    };
    let Some(policy) = Policy::from_name(policy) else {
        eprintln!("multiplier join: no bot is called `{policy}`");
        return ExitCode::from(2);
    };
    let every = Duration::from_secs_f64(if every.is_finite() {
        every.clamp(0.0, 3600.0)
    } else {
        2.0
    });
    // The bot's token is kept as the game keeps a table's, so a bot started again with the
    // same name takes its table up again.
    let data = DataDir::from_env_or_os().ok();
    let known = data
        .as_ref()
        .and_then(|d| hosted::token_for(d, &address, team));
    let joined = match client::join(&address, team, known.as_deref()) {
        // The room no longer knows the token (another room at that address): join anew.
        Err(ClientError::Refused(_)) if known.is_some() => client::join(&address, team, None),
        answer => answer,
    };
    let joined = match joined {
        Ok(joined) => joined,
        Err(why) => {
            eprintln!("multiplier join: {why}");
            return ExitCode::from(1);
        }
    };
    if let Some(data) = &data {
        hosted::keep_token(data, &address, team, &joined.token);
    }
    let again = if known.as_deref() == Some(joined.token.as_str()) {
        " again"
    } else {
        ""
    };
    println!("{} joins {address} as {team}{again}", policy.label());
    let played = bot::play_joined(&address, &joined, policy, every, |r| {
        println!(
            "week {:>2}: output {:>7.1}  value {:>7.1}",
            r.week, r.output, r.value
        );
    });
    match played {
        Ok(game) => {
            let totals = Totals::of(game.state());
            println!(
                "done: output {}, value {}",
                crate::text::whole(totals.output),
                crate::text::whole(totals.value)
            );
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("multiplier join: {why}");
            ExitCode::from(1)
        }
    }
}

/// Listens for rooms on the local network for `wait` seconds and lists them.
pub fn rooms(wait: f64) -> ExitCode {
    let wait = Duration::from_secs_f64(if wait.is_finite() {
        wait.clamp(0.1, 60.0)
    } else {
        3.0
    });
    let mut discovery = match crate::room::discover::Discovery::start() {
        Ok(d) => d,
        Err(why) => {
            eprintln!("multiplier rooms: cannot listen on the network ({why})");
            return ExitCode::from(1);
        }
    };
    std::thread::sleep(wait);
    let rooms = discovery.rooms();
    if rooms.is_empty() {
        println!(
            "No room heard in {} s (multicast may not get through this network: type the address the host printed).",
            crate::text::whole(wait.as_secs_f64())
        );
    }
    for room in rooms {
        println!("{:<28} {}", room.code, room.address);
    }
    ExitCode::SUCCESS
}
