//! Every lesson of every shipped scenario holds.

use multiplier::scenario::BUILTINS;
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
