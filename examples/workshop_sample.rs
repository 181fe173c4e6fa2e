//! Writes sample workshop result files: six tables that change strategy mid-run, and one
//! copy with an edited score, all on `brilliant-team-4821`. Used for `docs/report.png`.
//!
//! `cargo run --no-default-features --example workshop_sample -- DIR`

use std::path::PathBuf;
use std::process::ExitCode;

use multiplier::sim::{Game, Policy};
use multiplier::workshop::{Code, HashedScenario, ResultFile};

/// A table: its name, the policy it starts with, the week it switches and the one it ends with.
const TABLES: [(&str, Policy, u32, Policy); 6] = [
    ("Rocket Table", Policy::PureLeader, 8, Policy::Balanced),
    ("Customer Crew", Policy::PureManager, 14, Policy::Balanced),
    ("Night Owls", Policy::HeroCoder, 6, Policy::Balanced),
    ("Tight Ship", Policy::Micromanager, 14, Policy::PureLeader),
    ("Late Bloomers", Policy::PureManager, 6, Policy::PureLeader),
    ("Dice & Co", Policy::Random, 20, Policy::Balanced),
];

fn main() -> ExitCode {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "workshop-sample".into()),
    );
    let code = match Code::parse("brilliant-team-4821") {
        Ok(c) => c,
        Err(e) => return fail(&e),
    };
    let hashed = match HashedScenario::resolve(&code.scenario) {
        Ok(h) => h,
        Err(e) => return fail(&e.first_line()),
    };
    for (team, first, switch, then) in TABLES {
        let mut game = Game::new(hashed.scenario.clone(), code.seed);
        while !game.finished() {
            let policy = if game.week() < switch { first } else { then };
            game.set_plan(policy.plan(game.world()));
            if let Err(e) = game.end_week(false) {
                return fail(&e.to_string());
            }
            if game.pending().is_some()
                && let Err(e) = game.choose(policy.choose(game.world()))
            {
                return fail(&e.to_string());
            }
        }
        let result = ResultFile::of(team, &code, &game, &hashed.hash);
        if let Err(e) = result.write(&dir.join(result.file_name())) {
            return fail(&e);
        }
        if team == "Rocket Table" {
            // The same run with a better score typed in: the report must flag it.
            let mut edited = result.clone();
            edited.team = "Edited Score".into();
            edited.value *= 1.5;
            if let Err(e) = edited.write(&dir.join(edited.file_name())) {
                return fail(&e);
            }
        }
    }
    println!(
        "wrote {} result files to {}",
        TABLES.len() + 1,
        dir.display()
    );
    ExitCode::SUCCESS
}

fn fail(message: &dyn std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(1)
}
