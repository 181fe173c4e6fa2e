//! `multiplier play SCENARIO --policy NAME --seed N [--csv] [--out FILE [--team NAME]]`

use std::path::Path;
use std::process::ExitCode;

use crate::sim::{Policy, play};
use crate::text;
use crate::workshop::{Code, HashedScenario, ResultFile};

/// Plays a whole run with one bot and prints the weekly table; with `out`, also writes it as
/// a workshop result file, so a facilitator can try `report` before the room does.
pub fn run(
    scenario: &str,
    policy: &str,
    seed: u64,
    csv: bool,
    out: Option<&Path>,
    team: Option<&str>,
) -> ExitCode {
    let Some(policy) = Policy::from_name(policy) else {
        let names: Vec<&str> = Policy::ALL.iter().map(|p| p.name()).collect();
        eprintln!(
            "error: there is no policy `{}`; choose one of: {}",
            crate::format::diagnostic::clip(policy),
            names.join(", ")
        );
        return ExitCode::from(2);
    };
    let hashed = match HashedScenario::resolve(scenario) {
        Ok(s) => s,
        Err(errors) => {
            eprintln!("{errors}");
            return ExitCode::from(1);
        }
    };
    let scenario = &hashed.scenario;
    let game = play(scenario, policy, seed);
    if let Some(path) = out {
        let code = Code {
            scenario: scenario.story.id.clone(),
            seed,
            week_seconds: None,
        };
        let team = team.unwrap_or(policy.label());
        if let Err(e) = ResultFile::of(team, &code, &game, &hashed.hash).write(path) {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    }
    let header = [
        "week",
        "output",
        "value",
        "team",
        "morale",
        "skill",
        "clarity",
        "autonomy",
        "adoption",
        "satisfaction",
        "revenue",
        "debt",
        "shipped",
    ];
    if csv {
        println!("{}", header.join(","));
    } else {
        println!(
            "{} · {} · seed {seed}",
            scenario.story.title,
            policy.label()
        );
        println!(
            "{:>4} {:>8} {:>8} {:>4} {:>6} {:>6} {:>7} {:>8} {:>8} {:>12} {:>8} {:>6} {:>7}",
            header[0],
            header[1],
            header[2],
            header[3],
            header[4],
            header[5],
            header[6],
            header[7],
            header[8],
            header[9],
            header[10],
            header[11],
            header[12]
        );
    }
    for r in &game.state().history {
        if csv {
            println!(
                "{},{:.4},{:.4},{},{:.4},{:.4},{:.4},{:.4},{:.4},{:.4},{:.4},{:.4},{}",
                r.week,
                r.output,
                r.value,
                r.team_size,
                r.morale,
                r.skill,
                r.clarity,
                r.autonomy,
                r.adoption,
                r.satisfaction,
                r.revenue,
                r.debt,
                r.shipped
            );
        } else {
            println!(
                "{:>4} {:>8.1} {:>8.1} {:>4} {:>6.2} {:>6.2} {:>7.2} {:>8.2} {:>7.1}% {:>12.2} {:>8.1} {:>6.2} {:>7}",
                r.week,
                r.output,
                r.value,
                r.team_size,
                r.morale,
                r.skill,
                r.clarity,
                r.autonomy,
                r.adoption * 100.0,
                r.satisfaction,
                r.revenue,
                r.debt,
                r.shipped
            );
        }
    }
    if !csv {
        println!(
            "total output {} · total value {}",
            text::fixed(game.state().total_output(), 1),
            text::fixed(game.state().total_value(), 1)
        );
    }
    ExitCode::SUCCESS
}
