//! People's arcs: each turn of a person's story told once, in the week it happens; the same
//! stories after a save is loaded; the debrief recalling them.

use multiplier::app::{Run, SaveFile, Source};
use multiplier::format::BUILTINS;
use multiplier::sim::arcs::Turn;
use multiplier::sim::review;
use multiplier::sim::{Game, Planned, Policy, Topic, WeekReport, play};

use crate::support::builtin;

/// A bot's run played again week by week with the feed, as the game plays it.
fn explained(id: &str, policy: Policy, seed: u64) -> (Game, Vec<WeekReport>) {
    let scenario = builtin(id);
    let bot = play(&scenario, policy, seed);
    let mut game = Game::new(scenario, seed);
    let mut reports = Vec::new();
    for week in bot.log() {
        game.set_plan(week.plan.clone());
        reports.push(game.end_week(true).expect("the week plays"));
        if let Some(c) = week.choice {
            game.choose(c).expect("the bot's choice");
        }
    }
    (game, reports)
}

/// The feed's lines about people's stories in a week.
fn arc_lines(report: &WeekReport) -> Vec<&str> {
    (report.causes.iter())
        .filter(|c| c.topic == Topic::Arc)
        .map(|c| c.text.as_str())
        .collect()
}

/// Every turn is told in the feed of the week it happens, by a line naming the person, and
/// in no other week; a turn that is told once in a story (mentored, grown, joined, left) is
/// never told twice.
#[test]
fn each_turn_is_told_once_in_the_week_it_happens() {
    let mut told = 0;
    for b in BUILTINS {
        for policy in [Policy::Balanced, Policy::Micromanager, Policy::Random] {
            for seed in 0..3 {
                let (game, reports) = explained(b.id, policy, seed);
                let steps = game.arcs().steps();
                assert!(steps.windows(2).all(|w| w[0].week <= w[1].week));
                for (k, report) in reports.iter().enumerate() {
                    let week = k as u32 + 1;
                    let lines = arc_lines(report);
                    // Someone who leaves with no story yet is told by the week's own line.
                    let due: Vec<_> = (steps.iter())
                        .filter(|s| s.week == week)
                        .filter(|s| {
                            s.turn != Turn::Left
                                || steps
                                    .iter()
                                    .any(|e| e.person == s.person && e.week < s.week)
                        })
                        .collect();
                    assert_eq!(
                        lines.len(),
                        due.len(),
                        "{} {policy:?} {seed} week {week}: {lines:?} for {due:?}",
                        b.id
                    );
                    for (line, step) in lines.iter().zip(&due) {
                        assert!(line.starts_with(&step.name), "{line} for {step:?}");
                    }
                    told += lines.len();
                }
                for once in [Turn::Joined, Turn::Mentored, Turn::Grown, Turn::Left] {
                    for s in steps.iter().filter(|s| s.turn == once) {
                        let times = (steps.iter())
                            .filter(|t| t.person == s.person && t.turn == once)
                            .count();
                        assert_eq!(times, 1, "{} {policy:?} {seed}: {s:?}", b.id);
                    }
                }
            }
        }
    }
    assert!(told > 100, "the runs tell stories ({told} turns)");
}

/// A run whose player mentors one person and hands them ownership every week: the feed says
/// they were mentored the first week only, then that they lead work on their own and have
/// grown into their potential; the debrief recalls it all in one line.
#[test]
fn a_mentored_persons_story_is_told_and_recalled() {
    let scenario = builtin("brilliant-team");
    let mut game = Game::new(scenario.clone(), 5);
    let mut reports = Vec::new();
    while !game.finished() {
        game.set_plan(vec![
            Planned::at("mentor", "diego"),
            Planned::at("delegate", "diego"),
        ]);
        reports.push(game.end_week(true).expect("the week plays"));
        if game.pending().is_some() {
            game.choose(0).expect("a choice");
        }
    }
    let weeks_saying = |words: &str| -> Vec<u32> {
        (reports.iter())
            .filter(|r| {
                arc_lines(r)
                    .iter()
                    .any(|l| l.starts_with("Diego") && l.contains(words))
            })
            .map(|r| r.record.week)
            .collect()
    };
    assert_eq!(weeks_saying("mentored for the first time"), [1]);
    let owns = weeks_saying("leads work on their own");
    let grown = weeks_saying("grown into their potential");
    assert_eq!((owns.len(), grown.len()), (1, 1), "{owns:?} {grown:?}");

    let moments = review::key_moments(&game, &reports);
    let diego: Vec<_> = (moments.iter())
        .filter(|m| m.text.starts_with("Diego: "))
        .collect();
    assert_eq!(diego.len(), 1, "one line for Diego's story: {moments:?}");
    assert_eq!(diego[0].week, 1, "the line is placed where the story began");
    for said in [
        "mentored from week 1".to_string(),
        format!("led work on their own from week {}", owns[0]),
        format!("grew into their potential in week {}", grown[0]),
    ] {
        assert!(diego[0].text.contains(&said), "{said} in {}", diego[0].text);
    }
}

/// A saved run, loaded, replays its log and tells the same stories: the same turns in the
/// same weeks, the same lines in the feed, the same recollection in the debrief.
#[test]
fn a_loaded_save_tells_the_same_stories() {
    for b in BUILTINS {
        let (game, reports) = explained(b.id, Policy::Random, 2);
        let save = SaveFile::of_run("x", &Source::Builtin(b.id.into()), &game, None);
        let text = save.to_ron().expect("the save writes");
        let back = SaveFile::from_ron(&text).expect("the save reads");
        let run = Run::replay(
            Source::Builtin(b.id.into()),
            builtin(b.id),
            back.seed,
            &back.week_logs(),
            Vec::new(),
        )
        .expect("the save replays");
        assert_eq!(run.game.arcs(), game.arcs(), "{}", b.id);
        let lines = |reports: &[WeekReport]| -> Vec<String> {
            reports
                .iter()
                .flat_map(arc_lines)
                .map(str::to_string)
                .collect()
        };
        assert_eq!(lines(&run.reports), lines(&reports), "{}", b.id);
        assert_eq!(
            review::key_moments(&run.game, &run.reports),
            review::key_moments(&game, &reports),
            "{}",
            b.id
        );
    }
}
