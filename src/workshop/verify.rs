//! Verification: every result is replayed from its seed and action log, and its recorded
//! scores must come out bit for bit.
//!
//! The core is deterministic (same scenario, seed and log give the same state on every
//! machine), so any difference means the file was edited, played on another scenario, or
//! played on another version of the simulation (which the file records).

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::code::Code;
use super::hashed::HashedScenario;
use super::result::ResultFile;
use crate::format::diagnostic::bounded;
use crate::runlog::week_logs;
use crate::sim::{Game, MODEL_VERSION};

/// What verification concluded about one file.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// The replay reproduces every recorded score.
    Verified,
    /// The file parses but does not replay to what it claims; the reason says where.
    Tampered(String),
    /// The file cannot be read as a result (missing, too large, damaged, newer format).
    Unreadable(String),
    /// The file is a result of another scenario than the one being verified against, or of
    /// one that cannot be found.
    OtherScenario(String),
    /// The file names another version of the simulation and does not replay to its scores
    /// here: played on a version whose numbers differ (only that version can check it), or
    /// edited.
    OtherVersion(String),
    /// The file is a run of the report's scenario in another world (another seed), which
    /// cannot be ranked beside this one.
    OtherWorld(String),
    /// The file holds the same run as another file given before it; it is counted once.
    Duplicate(String),
}

impl Verdict {
    /// Whether the run may go on the leaderboard.
    pub fn verified(&self) -> bool {
        matches!(self, Verdict::Verified)
    }
}

/// Each verdict is one line, however long what the file holds (a code, a title) is.
impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, why) = match self {
            Verdict::Verified => return write!(f, "verified"),
            Verdict::Tampered(why) => ("tampered", why),
            Verdict::Unreadable(why) => ("unreadable", why),
            Verdict::OtherScenario(why) => ("other scenario", why),
            Verdict::OtherVersion(why) => ("other version", why),
            Verdict::OtherWorld(why) => ("other world", why),
            Verdict::Duplicate(why) => ("duplicate", why),
        };
        write!(f, "{kind}: {}", bounded(why.clone()))
    }
}

/// One result file and what verification made of it.
#[derive(Clone, Debug)]
pub struct Checked {
    /// The file.
    pub path: PathBuf,
    /// Its contents, if it could be read.
    pub result: Option<ResultFile>,
    /// The replayed run, if the log could be replayed.
    pub game: Option<Game>,
    /// The verdict.
    pub verdict: Verdict,
}

/// Compares a result with its replay on `scenario`; returns the replayed run when the log
/// replays at all (even if the scores then differ), for the report to describe.
pub fn verify(result: &ResultFile, scenario: &HashedScenario) -> (Verdict, Option<Game>) {
    let id = &scenario.scenario.story.id;
    if result.scenario != *id {
        return (
            Verdict::OtherScenario(format!("played on `{}`, not on `{id}`", result.scenario)),
            None,
        );
    }
    let tampered = |why: String| (Verdict::Tampered(why), None);
    match Code::parse(&result.code) {
        Ok(c) if c.scenario == result.scenario && c.seed == result.seed => {}
        Ok(_) => {
            return tampered(format!(
                "its code `{}` names another scenario or seed",
                result.code
            ));
        }
        Err(e) => return tampered(format!("its code does not read: {e}")),
    }
    if result.scenario_hash != scenario.hash {
        return tampered(
            "the scenario's content hash differs: it was played on another version of the scenario, or edited".into(),
        );
    }
    let game = match Game::replay(
        scenario.scenario.clone(),
        result.seed,
        &week_logs(&result.log),
    ) {
        Ok(g) => g,
        Err(e) => return tampered(format!("the action log does not replay: {e}")),
    };
    let verdict = match compare(result, &game) {
        // Scores may differ because the numbers changed; the file names its version itself,
        // so an edit is not ruled out either.
        Verdict::Tampered(why)
            if result.model != MODEL_VERSION && result.title == game.scenario().story.title =>
        {
            Verdict::OtherVersion(format!(
                "it names simulation version {}, this is version {MODEL_VERSION}, and the replay differs ({why}): played on another version of Multiplier, or edited; check it with the version the table played on",
                result.model
            ))
        }
        verdict => verdict,
    };
    (verdict, Some(game))
}

/// The first difference between what a result claims and what its replay produced.
fn compare(result: &ResultFile, game: &Game) -> Verdict {
    let history = &game.state().history;
    if result.weeks.len() != history.len() {
        return Verdict::Tampered(format!(
            "it records {} of scores, the log plays {}",
            crate::text::count(result.weeks.len(), "week"),
            history.len()
        ));
    }
    for (claimed, real) in result.weeks.iter().zip(history) {
        let differs = claimed.week != real.week
            || claimed.output.to_bits() != real.output.to_bits()
            || claimed.value.to_bits() != real.value.to_bits();
        if differs {
            return Verdict::Tampered(format!(
                "week {}: it records Output {:.2} and Value {:.2}, the replay gives {:.2} and {:.2}",
                real.week, claimed.output, claimed.value, real.output, real.value
            ));
        }
    }
    let (output, value) = (game.state().total_output(), game.state().total_value());
    if result.output.to_bits() != output.to_bits() || result.value.to_bits() != value.to_bits() {
        return Verdict::Tampered(format!(
            "it records totals of {:.2} Output and {:.2} Value, the replay gives {output:.2} and {value:.2}",
            result.output, result.value
        ));
    }
    if result.title != game.scenario().story.title {
        return Verdict::Tampered(format!(
            "it names the scenario `{}`, which is titled `{}`",
            result.title,
            game.scenario().story.title
        ));
    }
    Verdict::Verified
}

/// Reads and verifies result files.
///
/// With `scenario`, every file is checked against it (a custom scenario file); without,
/// each against the built-in scenario it names. Unreadable files and files of scenarios
/// that cannot be found get their own verdict; the others are still verified.
pub fn verify_files(paths: &[PathBuf], scenario: Option<&HashedScenario>) -> Vec<Checked> {
    let mut builtins: BTreeMap<String, Result<HashedScenario, Unavailable>> = BTreeMap::new();
    paths
        .iter()
        .map(|path| {
            let result = match ResultFile::read(path) {
                Ok(r) => r,
                Err(e) => return unreadable(path, e.to_string()),
            };
            let against = match scenario {
                Some(s) => Ok(s),
                None => builtins
                    .entry(result.scenario.clone())
                    .or_insert_with(|| builtin(&result.scenario))
                    .as_ref(),
            };
            let (verdict, game) = match against {
                Ok(s) => verify(&result, s),
                Err(why) => (Verdict::OtherScenario(why.to_string()), None),
            };
            Checked {
                path: path.clone(),
                result: Some(result),
                game,
                verdict,
            }
        })
        .collect()
}

/// Why the scenario a result names cannot be verified against without `--scenario`.
#[derive(Debug, thiserror::Error)]
enum Unavailable {
    /// It is no built-in scenario: a custom file, which the facilitator must pass.
    #[error("played on `{0}`, which is not a built-in scenario; pass its file with --scenario")]
    NotBuiltIn(String),
    /// The built-in does not load (a bug): its first problem.
    #[error("{0}")]
    Broken(String),
}

/// The built-in scenario a result names, or why it cannot be used.
fn builtin(id: &str) -> Result<HashedScenario, Unavailable> {
    if !crate::format::BUILTINS.iter().any(|b| b.id == id) {
        return Err(Unavailable::NotBuiltIn(id.to_owned()));
    }
    HashedScenario::resolve(id).map_err(|e| Unavailable::Broken(e.first_line()))
}

fn unreadable(path: &Path, why: String) -> Checked {
    Checked {
        path: path.to_path_buf(),
        result: None,
        game: None,
        verdict: Verdict::Unreadable(why),
    }
}
