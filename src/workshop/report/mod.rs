//! The facilitator's report: every table's verified run beside the bots on the same seed,
//! as one self-contained HTML page.

pub(crate) mod charts;
mod decisions;
mod page;
pub(crate) mod quadrant;

use std::collections::BTreeMap;
use std::path::PathBuf;

pub use decisions::Decisions;

use super::hashed::HashedScenario;
use super::result::ResultFile;
use super::verify::{Checked, Verdict, verify_files};
use crate::sim::{Game, Policy, Totals, play};

/// One table on the leaderboard.
#[derive(Clone, Debug)]
pub struct Table {
    /// Its result file.
    pub result: ResultFile,
    /// The replayed run.
    pub game: Game,
    /// What it decided.
    pub decisions: Decisions,
}

/// One bot's run on the report's seed.
#[derive(Clone, Debug)]
pub struct Bot {
    /// The policy.
    pub policy: Policy,
    /// Its run.
    pub game: Game,
    /// What it decided.
    pub decisions: Decisions,
}

/// Everything the page shows.
#[derive(Clone, Debug)]
pub struct Report {
    /// The scenario the report is about.
    pub scenario: HashedScenario,
    /// The world's seed, which the bots played too: the one most of the scenario's files name.
    pub seed: u64,
    /// Verified runs, in the order their files were given.
    pub tables: Vec<Table>,
    /// Every bot on `seed`.
    pub bots: Vec<Bot>,
    /// Every file given, with its verdict.
    pub files: Vec<(PathBuf, String, Verdict)>,
}

impl Report {
    /// Reads, verifies and gathers result files.
    ///
    /// With `scenario`, every file is checked against it; without, the report is about the
    /// built-in scenario most files name, and files of other scenarios are listed as such.
    /// A report ranks one world: tables that played the scenario on another seed are listed
    /// as of another world, and a run given twice (the same file, or a copy) is counted once.
    /// Fails only if no scenario can be settled on.
    pub fn build(
        paths: &[PathBuf],
        scenario: Option<&HashedScenario>,
    ) -> Result<Self, ReportError> {
        let mut checked = verify_files(paths, scenario);
        let scenario = match scenario {
            Some(s) => s.clone(),
            None => most_named(&checked)?,
        };
        let id = scenario.scenario.story.id.clone();
        let ours = |c: &Checked| {
            c.result.as_ref().is_some_and(|r| r.scenario == id)
                && !matches!(c.verdict, Verdict::OtherScenario(_))
        };
        // The world is the one most verified files played (a tampered file cannot move it),
        // else the one most readable files name.
        let seeds = |verified: bool| {
            most_common(
                checked
                    .iter()
                    .filter(|c| ours(c) && (!verified || c.verdict.verified()))
                    .filter_map(|c| c.result.as_ref().map(|r| r.seed)),
            )
        };
        let seed = seeds(true).or_else(|| seeds(false)).unwrap_or(1);
        for i in 0..checked.len() {
            let verdict = match &checked[i].result {
                Some(r)
                    if !ours(&checked[i])
                        && !matches!(checked[i].verdict, Verdict::OtherScenario(_)) =>
                {
                    Verdict::OtherScenario(format!(
                        "played on `{}`; this report is about `{id}`",
                        r.scenario
                    ))
                }
                Some(r) if checked[i].verdict.verified() && r.seed != seed => {
                    Verdict::OtherWorld(format!(
                        "played with the code `{}`, another world than this report's seed {seed}: make a report of its own for those tables",
                        r.code
                    ))
                }
                Some(r) if checked[i].verdict.verified() => {
                    match checked[..i]
                        .iter()
                        .find(|c| c.verdict.verified() && c.result.as_ref() == Some(r))
                    {
                        Some(first) => Verdict::Duplicate(format!(
                            "the same run as {}; counted once",
                            first.path.display()
                        )),
                        None => continue,
                    }
                }
                _ => continue,
            };
            checked[i].verdict = verdict;
            checked[i].game = None;
        }
        let files = checked
            .iter()
            .map(|c| {
                let team = c
                    .result
                    .as_ref()
                    .map_or_else(String::new, |r| r.team.clone());
                (c.path.clone(), team, c.verdict.clone())
            })
            .collect();
        let tables: Vec<Table> = checked
            .into_iter()
            .filter(|c| c.verdict.verified())
            .filter_map(|c| {
                let (result, game) = (c.result?, c.game?);
                let decisions = Decisions::of(&game);
                Some(Table {
                    result,
                    game,
                    decisions,
                })
            })
            .collect();
        let bots = Policy::ALL
            .into_iter()
            .map(|policy| {
                let game = play(&scenario.scenario, policy, seed);
                let decisions = Decisions::of(&game);
                Bot {
                    policy,
                    game,
                    decisions,
                }
            })
            .collect();
        Ok(Self {
            scenario,
            seed,
            tables,
            bots,
            files,
        })
    }

    /// The page: one HTML file with inline styles and SVG charts, no scripts, no links out.
    pub fn html(&self) -> Result<String, ReportError> {
        page::render(self).map_err(ReportError::Chart)
    }

    /// The quadrant's dividing lines after `weeks` weeks, as the game's debrief draws them
    /// (so a table sees the same verdict in both places): from the balanced bot's first
    /// `weeks` weeks, so that an unfinished run is judged beside the bots at the same week.
    pub fn lines_at(&self, weeks: u32) -> Totals {
        let par = self.bots.iter().find(|b| b.policy == Policy::Balanced);
        quadrant::lines_at(par.map(|b| &b.game), weeks, &self.scenario.scenario.model)
    }

    /// The weeks a table played, at most the scenario's.
    pub fn weeks_of(&self, table: &Table) -> u32 {
        weeks_played(&table.game).min(self.scenario.scenario.weeks)
    }
}

/// How many weeks a run has ended.
fn weeks_played(game: &Game) -> u32 {
    u32::try_from(game.state().history.len()).unwrap_or(u32::MAX)
}

/// A run's totals after its first `weeks` weeks (all of them if it has played fewer).
pub fn upto(game: &Game, weeks: u32) -> Totals {
    let history = &game.state().history;
    let first = &history[..(weeks as usize).min(history.len())];
    Totals {
        output: first.iter().map(|r| r.output).sum(),
        value: first.iter().map(|r| r.value).sum(),
    }
}

/// Why no report could be made.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ReportError {
    /// No file names a built-in scenario that could be read.
    #[error(
        "no result file names a built-in scenario that could be read; for a scenario of your own pass its file with --scenario"
    )]
    NoScenario,
    /// The scenario the files name does not load: its first problem.
    #[error("{0}")]
    Scenario(String),
    /// A chart could not be drawn (a bug: please report it).
    #[error(transparent)]
    Chart(#[from] charts::ChartError),
}

/// The built-in scenario named by most readable results.
fn most_named(checked: &[Checked]) -> Result<HashedScenario, ReportError> {
    let named = checked
        .iter()
        .filter(|c| !matches!(c.verdict, Verdict::OtherScenario(_)))
        .filter_map(|c| c.result.as_ref().map(|r| r.scenario.clone()));
    let id = most_common(named).ok_or(ReportError::NoScenario)?;
    HashedScenario::resolve(&id).map_err(|e| ReportError::Scenario(e.first_line()))
}

/// The most frequent item; ties go to the one seen first.
fn most_common<T: Ord + Clone>(items: impl Iterator<Item = T>) -> Option<T> {
    let mut counts: BTreeMap<T, (usize, usize)> = BTreeMap::new();
    for (i, item) in items.enumerate() {
        counts.entry(item).or_insert((0, i)).0 += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
        .map(|(item, _)| item)
}
