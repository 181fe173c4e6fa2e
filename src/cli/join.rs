//! `multiplier join ADDRESS --team NAME [--policy P] [--every TIME]`: a bot plays a table in
//! a hosted room, for rehearsing a workshop or filling a room beside people. It keeps the
//! room's pacing like any table: it waits while the room is paused or (in step) has not
//! reached its week, and sends its weeks again when the host was out of reach.

use std::process::ExitCode;
use std::time::Duration;

use crate::room::{Address, Clock, SentWeek, SyncRequest, client};
use crate::runlog::{SavedWeek, week_logs};
use crate::sim::{Game, Policy};
use crate::workshop::{Code, HashedScenario};

/// Plays a bot's table in the room at `address` until its run is over.
pub fn run(address: &str, team: &str, policy: &str, every: f64) -> ExitCode {
    let Some(address) = Address::parse(address) else {
        eprintln!("multiplier join: `{address}` is not a room's address (like 192.168.1.20:8470)");
        return ExitCode::from(2);
    };
    let Some(policy) = Policy::from_name(policy) else {
        eprintln!("multiplier join: no bot is called `{policy}`");
        return ExitCode::from(2);
    };
    match play(&address, team, policy, every) {
        Ok(()) => ExitCode::SUCCESS,
        Err(why) => {
            eprintln!("multiplier join: {why}");
            ExitCode::from(1)
        }
    }
}

fn play(address: &Address, team: &str, policy: Policy, every: f64) -> Result<(), String> {
    let joined = client::join(address, team, None).map_err(|e| e.to_string())?;
    let code = Code::parse(&joined.code).map_err(|e| e.to_string())?;
    let hashed = HashedScenario::parse(&joined.file, joined.source.as_bytes())
        .map_err(|e| e.first_line())?;
    let log: Vec<SavedWeek> = joined.log.iter().map(|w| w.week.clone()).collect();
    let mut game =
        Game::replay(hashed.scenario, code.seed, &week_logs(&log)).map_err(|e| e.to_string())?;
    let mut ended_at: Vec<u64> = joined.log.iter().map(|w| w.ended_at).collect();
    let mut acked = joined.log.len();
    let mut clock = joined.clock;
    println!(
        "{} joined {address} as {} ({})",
        policy.label(),
        joined.team,
        clock.pacing.describe()
    );
    let pause = Duration::from_secs_f64(every.clamp(0.0, 3600.0));
    while !(game.finished() && acked >= game.log().len()) {
        if !game.finished() && !holds(&clock, game.week()) {
            game.set_plan(policy.plan(&game));
            game.end_week(false).map_err(|e| e.to_string())?;
            if game.pending().is_some() {
                game.choose(policy.choose(&game))
                    .map_err(|e| e.to_string())?;
            }
            ended_at.push(crate::app::hosted::unix_now());
            if let Some(r) = game.state().history.last() {
                println!(
                    "week {:>2}: output {:>7.1}  value {:>7.1}",
                    r.week, r.output, r.value
                );
            }
        }
        let request = SyncRequest {
            from: acked as u32,
            weeks: game.log()[acked..]
                .iter()
                .zip(&ended_at[acked..])
                .map(|(w, &at)| SentWeek {
                    week: SavedWeek::from(w),
                    ended_at: at,
                })
                .collect(),
            planned: 0.0,
            hours: game.hours(),
            left: None,
        };
        match client::sync(address, &joined.token, &request) {
            Ok(synced) => {
                acked = synced.weeks as usize;
                clock = synced.clock;
            }
            Err(e) if e.transient() => eprintln!("{e}; trying again"),
            Err(e) => return Err(e.to_string()),
        }
        std::thread::sleep(if holds(&clock, game.week()) {
            Duration::from_secs(1)
        } else {
            pause
        });
    }
    let totals = crate::sim::Totals::of(&game);
    println!(
        "done: output {:.0}, value {:.0}",
        totals.output, totals.value
    );
    Ok(())
}

/// Whether the room holds the table's week `week`.
fn holds(clock: &Clock, week: u32) -> bool {
    clock.paused || clock.room_week.is_some_and(|room| week > room)
}
