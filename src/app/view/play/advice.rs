//! The feed's advice, given once and only where it applies. The core ends some explanations
//! with what the player could do ("…; talking to customers finds what is"); said with every
//! item shipped, every week, it repeated advice the player already followed (both segments
//! talked to every week). The core's words stay as they are (the fingerprint hashes them):
//! the feed leaves the advice out of a week whose plan already follows it, and out of every
//! week after the first that gave it.

use super::*;

/// Advice the core gives, by its words, and the actions that follow it.
struct Advice {
    /// The words, as they end the core's explanation.
    words: &'static str,
    /// The ids of the actions that do what it advises.
    followed_by: &'static [&'static str],
}

/// Every piece of advice the feed gives once.
const ADVICE: [Advice; 2] = [
    Advice {
        words: "; talking to customers finds what is",
        followed_by: &["talk_to_customers"],
    },
    Advice {
        words: "; prioritising aims it",
        followed_by: &["prioritise", "put_first"],
    },
];

/// Which advice each week's feed keeps: per week played, per piece of [`ADVICE`].
pub(super) struct Advised(Vec<[bool; ADVICE.len()]>);

impl Advised {
    /// The advice `run`'s feed keeps, week by week.
    pub(super) fn of(run: &Run) -> Self {
        let log = run.game.log();
        Self::kept(run.reports.iter().enumerate().map(|(i, report)| {
            let plan: Vec<&str> = log
                .get(i)
                .map(|w| w.plan.iter().map(|p| p.action.as_str()).collect())
                .unwrap_or_default();
            let texts: Vec<&str> = report.causes.iter().map(|c| c.text.as_str()).collect();
            (texts, plan)
        }))
    }

    /// For each week (its explanations and the ids of the actions it planned), whether each
    /// piece of advice is kept: where it is said, not followed that week, and not said before.
    fn kept<'a>(weeks: impl Iterator<Item = (Vec<&'a str>, Vec<&'a str>)>) -> Self {
        let mut given = [false; ADVICE.len()];
        let kept = weeks
            .map(|(texts, plan)| {
                let mut keep = [false; ADVICE.len()];
                for (k, advice) in ADVICE.iter().enumerate() {
                    let said = texts.iter().any(|t| t.contains(advice.words));
                    let followed = plan.iter().any(|id| advice.followed_by.contains(id));
                    keep[k] = said && !followed && !given[k];
                    given[k] |= keep[k];
                }
                keep
            })
            .collect();
        Self(kept)
    }

    /// Takes out of a week's lines the advice it does not keep, and repeats of what it keeps
    /// (several items shipped the same week each carried it): what it keeps, its first line
    /// says.
    pub(super) fn trim(&self, week: usize, lines: &mut [FeedLine]) {
        let keep = self.0.get(week).copied().unwrap_or_default();
        for (advice, keep) in ADVICE.iter().zip(keep) {
            let mut first = keep;
            for line in lines.iter_mut() {
                if line.text.contains(advice.words) {
                    if first {
                        first = false;
                    } else {
                        line.text = line.text.replacen(advice.words, "", 1);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHIPPED: &str = "Shipped “Export”: worth 0.4 to customers, few customers needed it: nothing known in the backlog is worth more; talking to customers finds what is";

    fn line(text: &str) -> FeedLine {
        FeedLine {
            text: text.to_string(),
            topic: Some(Topic::Shipped),
            size: 0.4,
        }
    }

    #[test]
    fn advice_is_given_once_and_never_to_a_week_that_follows_it() {
        let weeks = vec![
            // Followed already: not given.
            (vec![SHIPPED], vec!["talk_to_customers", "explain"]),
            // Not followed: given, once, though two items carried it.
            (vec![SHIPPED, SHIPPED], vec!["explain"]),
            // Said again: not repeated.
            (vec![SHIPPED], vec!["explain"]),
        ];
        let advised = Advised::kept(weeks.into_iter());
        let trimmed = |week: usize, n: usize| {
            let mut lines = vec![line(SHIPPED); n];
            advised.trim(week, &mut lines);
            lines.into_iter().map(|l| l.text).collect::<Vec<_>>()
        };
        let fact = "Shipped “Export”: worth 0.4 to customers, few customers needed it: nothing known in the backlog is worth more";
        assert_eq!(trimmed(0, 1), [fact], "the fact stays, the advice goes");
        assert_eq!(trimmed(1, 2), [SHIPPED, fact]);
        assert_eq!(trimmed(2, 1), [fact]);
        let none = vec![line("Output rose: skill +0.1")];
        let mut kept = none.clone();
        advised.trim(1, &mut kept);
        assert_eq!(
            kept[0].text, none[0].text,
            "lines without advice are left alone"
        );
    }

    /// The advice the feed trims is the core's own words: if the core rewords it, this fails
    /// rather than the feed repeating it again.
    #[test]
    fn the_advice_is_in_the_cores_words() {
        let core = include_str!("../../../sim/week.rs");
        for advice in &ADVICE {
            assert!(core.contains(advice.words), "{:?}", advice.words);
            for id in advice.followed_by {
                assert!(
                    crate::format::builtin("brilliant-team")
                        .and_then(Result::ok)
                        .is_some_and(|s| s.action(id).is_some()),
                    "{id} is an action"
                );
            }
        }
    }
}
