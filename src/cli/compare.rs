//! `multiplier compare A B [--scenario FILE]`: two runs side by side, each a workshop result
//! file or a save (a fork, say): where their decisions diverged, and how far each score
//! moved from there. Both are replayed, so the numbers are the core's, not the files'.

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;

use crate::app::save::{self, SaveError};
use crate::format;
use crate::runlog::week_logs;
use crate::sim::review;
use crate::sim::{Game, GameError, Scenario, WeekLog};
use crate::text;
use crate::workshop::{HashedScenario, ResultError, ResultFile};

/// How many differing weeks are spelled out.
const SHOWN: usize = 3;

/// A run read from a file and replayed.
struct Played {
    /// What to call it.
    name: String,
    game: Game,
}

/// Compares the runs in `a` and `b`; exit 1 if either cannot be read or replayed.
pub fn run(a: &Path, b: &Path, scenario: Option<&Path>) -> ExitCode {
    let (a, b) = match (load(a, scenario), load(b, scenario)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("multiplier compare: {e}");
            return ExitCode::from(1);
        }
    };
    print!("{}", comparison(&a, &b));
    ExitCode::SUCCESS
}

/// Why a run cannot be compared; each names the file it is about.
#[derive(Debug, thiserror::Error)]
enum CompareError {
    /// A result file does not read.
    #[error("{file}: {why}")]
    Result { file: String, why: ResultError },
    /// A save does not read.
    #[error("{file}: {why}")]
    Save { file: String, why: SaveError },
    /// The scenario given with `--scenario` does not read (its first problem).
    #[error("{}", .0.first_line())]
    ScenarioFile(format::Errors),
    /// The run's scenario does not load: its first problem.
    #[error("{file}: its scenario does not load: {why}")]
    Scenario { file: String, why: String },
    /// The run's log does not replay on its scenario.
    #[error("{file}: {why}")]
    Replay { file: String, why: GameError },
}

fn load(path: &Path, scenario: Option<&Path>) -> Result<Played, CompareError> {
    let shown = path.display().to_string();
    let is_result = path
        .to_string_lossy()
        .ends_with(crate::workshop::RESULT_SUFFIX);
    if is_result {
        let result = ResultFile::read(path).map_err(|why| CompareError::Result {
            file: shown.clone(),
            why,
        })?;
        let hashed = match scenario {
            Some(file) => {
                let (name, bytes) = format::read(file).map_err(CompareError::ScenarioFile)?;
                HashedScenario::parse(&name, &bytes)
            }
            None => HashedScenario::resolve(&result.scenario),
        }
        .map_err(|e| CompareError::Scenario {
            file: shown.clone(),
            why: e.first_line(),
        })?;
        let game = replay(
            &hashed.scenario,
            result.seed,
            &week_logs(&result.log),
            &shown,
        )?;
        return Ok(Played {
            name: format!("{} ({})", result.team, result.code),
            game,
        });
    }
    let saved = save::read(path).map_err(|why| CompareError::Save {
        file: shown.clone(),
        why,
    })?;
    let scenario = saved
        .scenario
        .load()
        .map_err(|why| CompareError::Scenario {
            file: shown.clone(),
            why,
        })?;
    let game = replay(&scenario, saved.seed, &week_logs(&saved.log), &shown)?;
    Ok(Played {
        name: format!("the save \"{}\"", saved.name),
        game,
    })
}

fn replay(
    scenario: &Arc<Scenario>,
    seed: u64,
    log: &[WeekLog],
    shown: &str,
) -> Result<Game, CompareError> {
    Game::replay(scenario.clone(), seed, log).map_err(|why| CompareError::Replay {
        file: shown.to_string(),
        why,
    })
}

/// The comparison in words.
fn comparison(a: &Played, b: &Played) -> String {
    let mut out = String::new();
    let line = |out: &mut String, text: String| {
        out.push_str(&text);
        out.push('\n');
    };
    for (tag, p) in [("A", a), ("B", b)] {
        let s = p.game.state();
        line(
            &mut out,
            format!(
                "{tag}: {}: {}, Output {} · Value {}",
                p.name,
                text::count(s.week as usize, "week"),
                text::fixed(s.total_output(), 1),
                text::fixed(s.total_value(), 1)
            ),
        );
    }
    let (sa, sb) = (a.game.scenario(), b.game.scenario());
    if sa.story.id != sb.story.id || a.game.seed() != b.game.seed() {
        line(
            &mut out,
            format!(
                "They are not the same world ({} seed {} and {} seed {}): their numbers differ by more than their decisions.",
                sa.story.id,
                a.game.seed(),
                sb.story.id,
                b.game.seed()
            ),
        );
    }
    let (la, lb) = (a.game.log(), b.game.log());
    let common = la.len().min(lb.len());
    let Some(first) = (0..common).find(|&k| la[k] != lb[k]) else {
        if la.len() == lb.len() {
            line(
                &mut out,
                "They made the same decisions in every week.".into(),
            );
        } else {
            line(
                &mut out,
                format!(
                    "They made the same decisions in their first {}; then one of them stops.",
                    text::count(common, "week")
                ),
            );
        }
        return out;
    };
    let head = if first == 0 {
        "They differ from the first week:".to_string()
    } else {
        format!(
            "They made the same decisions up to week {first}; from week {} they differ:",
            first + 1
        )
    };
    line(&mut out, head);
    let differing: Vec<usize> = (first..common).filter(|&k| la[k] != lb[k]).collect();
    for &k in differing.iter().take(SHOWN) {
        line(&mut out, format!("  week {}:", k + 1));
        line(&mut out, format!("    A {}", week_words(&a.game, k)));
        line(&mut out, format!("    B {}", week_words(&b.game, k)));
    }
    if differing.len() > SHOWN {
        line(
            &mut out,
            format!("  … and {} more weeks differ.", differing.len() - SHOWN),
        );
    }
    let after = |g: &Game| {
        let h = &g.state().history[first.min(g.state().history.len())..];
        (
            h.iter().map(|r| r.output).sum::<f64>(),
            h.iter().map(|r| r.value).sum::<f64>(),
        )
    };
    let ((oa, va), (ob, vb)) = (after(&a.game), after(&b.game));
    line(
        &mut out,
        format!(
            "From week {} on: Output A {}, B {} (B {}); Value A {}, B {} (B {}).",
            first + 1,
            text::fixed(oa, 1),
            text::fixed(ob, 1),
            text::signed(ob - oa),
            text::fixed(va, 1),
            text::fixed(vb, 1),
            text::signed(vb - va)
        ),
    );
    out
}

/// Week `k`'s plan and answer, by name.
fn week_words(game: &Game, k: usize) -> String {
    let week = review::week_in_words(game, k);
    let plan = if week.plan.is_empty() {
        "planned nothing".to_string()
    } else {
        format!("planned {}", week.plan.join(", "))
    };
    match week.answer {
        Some(answer) => format!("{plan}; {answer}"),
        None => plan,
    }
}
