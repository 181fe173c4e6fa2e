//! The feed: the latest weeks first, what moved the numbers (the budget too, where money
//! matters), the skipped actions, what each action did.

use super::advice::Advised;
use super::plan::NO_LONGER;
use super::*;

/// The feed: the latest weeks first.
#[derive(Clone, Debug)]
pub struct FeedView {
    /// What the feed is for, before the first week.
    pub empty: Option<&'static str>,
    /// The last [`FEED_WEEKS`] weeks, the latest first.
    pub weeks: Vec<FeedWeek>,
}

/// A week of the feed.
#[derive(Clone, Debug)]
pub struct FeedWeek {
    /// Its place among the run's reports, for keeping each week's folds apart.
    pub index: usize,
    /// "Week 3: Output 12.5 · Value 4.0".
    pub head: String,
    /// Whether it is the week just played (shown open).
    pub latest: bool,
    /// What moved the numbers (the budget last, where money matters), then the skipped
    /// actions.
    pub lines: Vec<FeedLine>,
    /// "What your 3 actions did", when any did.
    pub actions_head: Option<String>,
    /// What each action did.
    pub actions: Vec<FeedLine>,
}

/// A line of the feed.
#[derive(Clone, Debug)]
pub struct FeedLine {
    /// The explanation.
    pub text: String,
    /// What it is about (`None`: an action that was skipped).
    pub topic: Option<Topic>,
    /// The signed size of the change it explains, for its colour.
    pub size: f64,
}

impl FeedView {
    pub(super) fn of(run: &Run) -> Self {
        let scenario = run.game.scenario();
        let n = run.reports.len();
        let advised = Advised::of(run);
        let line = |c: &sim::Cause| FeedLine {
            text: c.text.clone(),
            topic: Some(c.topic),
            size: c.size,
        };
        Self {
            empty: run.reports.is_empty().then_some(
                "The week's feed explains why the numbers moved. Plan some actions and end the week.",
            ),
            weeks: run
                .reports
                .iter()
                .enumerate()
                .rev()
                .take(FEED_WEEKS)
                .map(|(index, report)| {
                    let mut lines: Vec<_> = report
                        .causes
                        .iter()
                        .filter(|c| c.topic != Topic::Action)
                        .map(line)
                        .collect();
                    advised.trim(index, &mut lines);
                    lines.extend(money_moves(run, index).map(|(body, change)| FeedLine {
                        text: format!("Budget {body}"),
                        topic: Some(Topic::Money),
                        size: change,
                    }));
                    lines.extend(report.skipped.iter().map(|s| {
                        let action = scenario
                            .action(&s.action)
                            .map_or(NO_LONGER, |d| d.name.as_str());
                        FeedLine {
                            text: format!("skipped {action}: {}", s.reason),
                            topic: None,
                            size: -1.0,
                        }
                    }));
                    let actions: Vec<_> = report
                        .causes
                        .iter()
                        .filter(|c| c.topic == Topic::Action)
                        .map(line)
                        .collect();
                    FeedWeek {
                        index,
                        head: format!(
                            "Week {}: Output {} · Value {}",
                            report.record.week,
                            text::num(report.record.output),
                            text::num(report.record.value)
                        ),
                        latest: index + 1 == n,
                        lines,
                        actions_head: (!actions.is_empty()).then(|| {
                            format!("What your {} did", text::count(actions.len(), "action"))
                        }),
                        actions,
                    }
                })
                .collect(),
        }
    }
}
