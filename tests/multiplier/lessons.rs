//! Every lesson of every shipped scenario holds.

use multiplier::format::BUILTINS;
use multiplier::sim::check;

use crate::support::builtin;

#[test]
fn every_lesson_of_every_shipped_scenario_holds() {
    let mut failures = Vec::new();
    for b in BUILTINS {
        let scenario = builtin(b.id);
        assert!(!scenario.lessons.is_empty(), "{} declares no lessons", b.id);
        let report = check(&scenario, 100, |_| {});
        for r in report.lessons.iter().filter(|r| !r.passed()) {
            failures.push(format!(
                "{}: “{}” held in {:.0}% (needs {:.0}%): {:.1} vs {:.1}",
                b.id,
                r.lesson.text,
                r.held * 100.0,
                r.lesson.share * 100.0,
                r.better_mean,
                r.worse_mean
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "lessons that do not hold:\n{}",
        failures.join("\n")
    );
}

#[test]
fn every_shipped_scenario_has_the_texts_a_workshop_needs() {
    for b in BUILTINS {
        let s = builtin(b.id);
        assert!(
            !s.story.intro.is_empty() && !s.story.pitch.is_empty(),
            "{}",
            b.id
        );
        assert!(s.story.goals.len() >= 2, "{} goals", b.id);
        assert!(s.story.debrief.len() >= 3, "{} debrief questions", b.id);
    }
    assert_eq!(BUILTINS.len(), 8);
}

/// Every goal a shipped scenario checks can be met, and the checks tell play apart: the
/// balanced bot meets each in most worlds, and in every scenario some archetype misses one of
/// them in most. (A goal every style meets, like staying within a budget that nothing in the
/// model yet strains, is still worth showing: it is true.)
#[test]
fn every_checked_goal_is_reachable_and_tells_play_apart() {
    use multiplier::sim::review::goals;
    use multiplier::sim::{Policy, play};
    let seeds = 20;
    let mut failures = Vec::new();
    for b in BUILTINS {
        let scenario = builtin(b.id);
        let mut met = vec![[0u32; Policy::ALL.len()]; scenario.story.goals.len()];
        for seed in 0..seeds {
            for (p, policy) in Policy::ALL.into_iter().enumerate() {
                let game = play(&scenario, policy, seed);
                for (g, status) in goals(&game).iter().enumerate() {
                    if status.met == Some(true) {
                        met[g][p] += 1;
                    }
                }
            }
        }
        let mut tells = false;
        for (g, goal) in scenario.story.goals.iter().enumerate() {
            if goal.check.is_none() {
                continue;
            }
            let balanced = met[g][Policy::Balanced as usize];
            let worst = met[g].iter().min().copied().unwrap_or(0);
            tells |= worst * 10 <= seeds as u32 * 3;
            if balanced * 10 < seeds as u32 * 7 {
                failures.push(format!(
                    "{}: “{}”: met by the balanced bot in only {balanced}/{seeds} ({:?})",
                    b.id, goal.text, met[g]
                ));
            }
        }
        if !tells {
            failures.push(format!(
                "{}: every archetype meets every checked goal",
                b.id
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
