//! What if: previews equal what ending the week gives and reach the end of the run, forks
//! reproduce or diverge exactly.

use std::sync::Arc;

use multiplier::app::whatif::{Baseline, Previews, preview, preview_choice};
use multiplier::app::{Intent, Run, Screen, Source};
use multiplier::sim::{Game, Policy, play};

use super::session::Shell;

fn scenario(id: &str) -> Arc<multiplier::sim::Scenario> {
    Arc::new(
        multiplier::format::builtin(id)
            .expect("built-in")
            .expect("valid"),
    )
}

/// The balanced bot's run to `week`, with its plan for the next week set.
fn at_week(id: &str, seed: u64, week: u32) -> Game {
    let s = scenario(id);
    let mut game = Game::new(s, seed);
    while game.state().week < week {
        game.set_plan(Policy::Balanced.plan(game.world()));
        game.end_week(false).expect("plays");
        if game.pending().is_some() {
            game.choose(0).expect("a choice");
        }
    }
    game.set_plan(Policy::Balanced.plan(game.world()));
    // Room in the week for one more action.
    let mut plan = game.plan().to_vec();
    plan.truncate(plan.len().saturating_sub(2));
    game.set_plan(plan);
    game
}

/// Output and Value summed over the rest of the run with the plan kept (changed by
/// `after_first` once the first week is played), every event answered with its first choice.
fn to_the_end(mut game: Game, after_first: impl FnOnce(&mut Game)) -> (f64, f64) {
    let (mut o, mut v) = (0.0, 0.0);
    let mut after_first = Some(after_first);
    while !game.finished() {
        if game.pending().is_some() {
            game.choose(0).expect("a choice");
        }
        let r = game.end_week(false).expect("plays");
        o += r.record.output;
        v += r.record.value;
        if let Some(change) = after_first.take() {
            change(&mut game);
        }
    }
    (o, v)
}

fn week_of(game: &Game) -> (f64, f64) {
    let mut g = game.clone();
    let r = g.end_week(false).expect("plays");
    (r.record.output, r.record.value)
}

#[test]
fn a_preview_is_what_ending_the_week_with_that_plan_gives() {
    let mut previewed = 0;
    for id in [
        "brilliant-team",
        "first-week",
        "startup-takeover",
        "path-to-cto",
    ] {
        let mut game = at_week(id, 7, 5);
        // Half the bot's week, so that most actions, hiring's ten hours among them, fit.
        let plan = game.plan().to_vec();
        game.set_plan(plan[..plan.len() / 2].to_vec());
        let base = Baseline::of(&game).expect("a week to play");
        let without = week_of(&game);
        for def in &game.scenario().actions {
            let target = match def.target {
                multiplier::sim::TargetKind::None => None,
                multiplier::sim::TargetKind::Person => Some(game.state().people[0].id.clone()),
                multiplier::sim::TargetKind::Item => game
                    .state()
                    .items
                    .iter()
                    .find(|i| i.open())
                    .map(|i| i.id.to_string()),
                multiplier::sim::TargetKind::Segment => Some(game.state().segments[0].id.clone()),
            };
            let planned = multiplier::sim::Planned {
                action: def.id.clone(),
                target,
            };
            let Some(p) = preview(&game, &base, &planned) else {
                assert!(
                    game.check(&planned).is_err(),
                    "{id}: {} has no preview",
                    def.id
                );
                continue;
            };
            previewed += 1;
            let mut with = game.clone();
            with.add(planned.clone()).expect("fits");
            let after = week_of(&with);
            assert_eq!(p.output, after.0 - without.0, "{id} {}", def.id);
            assert_eq!(p.value, after.1 - without.1, "{id} {}", def.id);
            assert_eq!(p.hours, def.hours);
            // To the end of the run, as if the plan were kept.
            let later = p.later.expect("weeks ahead");
            let weeks = game.scenario().weeks;
            assert_eq!((later.until, later.end), (weeks, true), "{id}");
            assert_eq!(later.weeks, weeks - game.state().week, "{id}");
            let (bo, bv) = to_the_end(game.clone(), |_| {});
            let (wo, wv) = to_the_end(with.clone(), |_| {});
            assert_eq!(later.output, wo - bo, "{id} {}", def.id);
            assert_eq!(later.value, wv - bv, "{id} {}", def.id);
            // And done this week only: the entry added (the last) out of the plan after it.
            let once = p.once.expect("weeks ahead");
            assert_eq!((once.until, once.weeks), (later.until, later.weeks));
            let (oo, ov) = to_the_end(with, |g| {
                let mut plan = g.plan().to_vec();
                if plan.last() == Some(&planned) {
                    plan.pop();
                }
                g.set_plan(plan);
            });
            assert_eq!(once.output, oo - bo, "{id} {}", def.id);
            assert_eq!(once.value, ov - bv, "{id} {}", def.id);
        }
    }
    assert!(previewed > 20, "only {previewed} previews");
}

#[test]
fn a_choice_preview_is_the_next_week_after_that_answer() {
    // The first seed whose run meets an event.
    let s = scenario("brilliant-team");
    let game = (0..50)
        .find_map(|seed| {
            let mut game = Game::new(s.clone(), seed);
            while !game.finished() {
                game.set_plan(Policy::Balanced.plan(game.world()));
                game.end_week(false).expect("plays");
                if game.pending().is_some() {
                    return Some(game);
                }
            }
            None
        })
        .expect("an event in some seed");
    let choices = game
        .scenario()
        .event(&game.pending().expect("pending").event)
        .expect("defined")
        .choices
        .len();
    let weeks = game.scenario().weeks;
    for i in 0..choices {
        let p = preview_choice(&game, i).expect("a choice");
        let mut g = game.clone();
        g.choose(i).expect("a choice");
        assert_eq!((p.output, p.value), week_of(&g));
        // And where the answer leaves the run by its end, next week included.
        let later = p.later.expect("weeks after next");
        assert_eq!((later.until, later.end), (weeks, true));
        assert_eq!(later.weeks, weeks - game.state().week);
        assert_eq!((later.output, later.value), to_the_end(g, |_| {}));
    }
    assert!(preview_choice(&game, choices).is_none());
}

/// Mentoring anyone once, early, and explaining, once or every week, pay by the end of the
/// run, and the previews say so although the mentee's lost hours come first. (Mentoring the
/// same person every week to the end can truly cost more than it gives once they near their
/// potential; that preview is allowed to say so.)
#[test]
fn mentoring_early_in_brilliant_team_is_not_shown_as_a_loss_by_the_end_of_the_run() {
    for seed in [1, 7, 4821] {
        let people = at_week("brilliant-team", seed, 2).state().people.len();
        let mentoring = (0..people).map(|person| ("mentor", person, false));
        for (action, person, kept_too) in mentoring.chain([("explain", 0, true)]) {
            // The balanced bot's plan without that action, with room for it.
            let mut game = at_week("brilliant-team", seed, 2);
            let id = game.state().people[person].id.clone();
            let planned = multiplier::sim::Planned::at(action, id);
            let mut plan = game.plan().to_vec();
            plan.retain(|p| p.action != action);
            game.set_plan(plan);
            while let Err(why) = game.check(&planned) {
                let why = why.to_string();
                let mut plan = game.plan().to_vec();
                assert!(plan.pop().is_some(), "{action} cannot be planned: {why}");
                game.set_plan(plan);
            }
            let base = Baseline::of(&game).expect("a week to play");
            let p = preview(&game, &base, &planned).expect("fits the week");
            let mut horizons = vec![("this week only", p.once)];
            if kept_too {
                horizons.push(("kept", p.later));
            }
            for (how, later) in horizons {
                let later = later.expect("weeks ahead");
                assert!(
                    later.output > 0.0,
                    "seed {seed}: {action} {person} {how} shown as {} Output by week {} (this week {})",
                    later.output,
                    later.until,
                    p.output
                );
            }
        }
    }
}

#[test]
fn previews_are_kept_until_the_plan_or_the_run_changes() {
    let mut game = at_week("brilliant-team", 7, 5);
    let previews = Previews::default();
    let person = game.state().people[0].id.clone();
    let mentor = multiplier::sim::Planned::at("mentor", person);
    let fresh = |g: &Game| preview(g, &Baseline::of(g).expect("a week"), &mentor);
    let first = previews.action(&game, &mentor);
    assert_eq!(first, fresh(&game));
    assert_eq!(previews.action(&game, &mentor), first, "kept");
    // Another plan is another baseline.
    game.set_plan(vec![multiplier::sim::Planned::new("set_goals")]);
    let second = previews.action(&game, &mentor);
    assert_eq!(second, fresh(&game));
    assert_ne!(second, first, "worked out again for the new plan");
    // Another week is another world.
    game.end_week(false).expect("plays");
    if game.pending().is_some() {
        game.choose(0).expect("a choice");
    }
    assert_eq!(previews.action(&game, &mentor), fresh(&game));
}

/// A bot's whole run as the game keeps it, with every week's feed.
fn run_of(id: &str, policy: Policy, seed: u64) -> Run {
    let s = scenario(id);
    let game = play(&s, policy, seed);
    Run::replay(Source::Builtin(id.into()), s, seed, game.log(), Vec::new()).expect("replays")
}

#[test]
fn a_fork_played_on_as_before_is_the_original_and_another_answer_diverges_from_there() {
    let original = run_of("brilliant-team", Policy::Balanced, 3);
    let log = original.game.log().to_vec();
    assert!(
        original.fork(26).is_none(),
        "nothing to play on from the end"
    );
    for week in [0u32, 1, 9, 25] {
        let mut fork = original.fork(week).expect("a fork");
        assert_eq!(fork.game.state().week, week);
        assert_eq!(fork.reports.len(), week as usize);
        assert!(fork.workshop.is_none() && fork.fork.is_some());
        for w in &log[week as usize..] {
            fork.game.set_plan(w.plan.clone());
            fork.game.end_week(false).expect("plays");
            if let Some(c) = w.choice {
                fork.game.choose(c).expect("the same answer");
            }
        }
        assert_eq!(fork.game.state(), original.game.state(), "forked at {week}");
    }
    // Where the original answered an event, another answer changes the weeks after only.
    let (k, choice) = log
        .iter()
        .enumerate()
        .find_map(|(k, w)| w.choice.map(|c| (k, c)))
        .expect("an event in the run");
    let mut fork = original.fork(k as u32).expect("a fork");
    fork.game.set_plan(log[k].plan.clone());
    fork.game.end_week(false).expect("plays");
    fork.game.choose(1 - choice.min(1)).expect("another answer");
    for w in &log[k + 1..] {
        fork.game.set_plan(w.plan.clone());
        fork.game.end_week(false).expect("plays");
        if fork.game.pending().is_some() {
            fork.game.choose(0).expect("a choice");
        }
    }
    let (a, b) = (&original.game.state().history, &fork.game.state().history);
    assert_eq!(a[..k], b[..k], "the weeks before the answer are the same");
    assert_eq!(
        (a[k].output, a[k].value),
        (b[k].output, b[k].value),
        "the week that raised the event too"
    );
    assert_ne!(a[k + 1..], b[k + 1..], "the weeks after it are not");
}

#[test]
fn the_debrief_forks_into_a_new_run_and_the_workshop_keeps_its_result() {
    let mut shell = Shell::new("fork");
    shell.send(Intent::Join {
        code: "first-week-5".into(),
        team: "Forkers".into(),
    });
    shell.send(Intent::Begin);
    while shell.session.screen() == Screen::Play {
        let run = shell.session.run.as_ref().expect("a run");
        if run.game.pending().is_some() {
            shell.send(Intent::Decide(0));
            continue;
        }
        let plan = Policy::Balanced.plan(run.game.world());
        shell
            .session
            .run
            .as_mut()
            .expect("a run")
            .game
            .set_plan(plan);
        shell.send(Intent::EndWeek);
    }
    assert_eq!(shell.session.screen(), Screen::Debrief);
    let result = shell
        .session
        .result
        .as_ref()
        .expect("a result")
        .as_ref()
        .expect("written")
        .clone();
    let written = std::fs::read(&result).expect("reads");
    shell.send(Intent::Fork(6));
    assert_eq!(shell.session.screen(), Screen::Play);
    let run = shell.session.run.as_ref().expect("the fork");
    assert_eq!(run.game.state().week, 6);
    assert!(run.workshop.is_none(), "a fork belongs to no workshop");
    let fork = run.fork.as_ref().expect("marked as a fork");
    assert_eq!(fork.week, 6);
    assert!(fork.of.contains("Forkers"), "{}", fork.of);
    // Played to its end, the fork writes no result over the table's.
    while shell.session.screen() == Screen::Play {
        let run = shell.session.run.as_ref().expect("a run");
        if run.game.pending().is_some() {
            shell.send(Intent::Decide(0));
        } else {
            shell.send(Intent::EndWeek);
        }
    }
    assert_eq!(std::fs::read(&result).expect("reads"), written);
    assert_eq!(shell.session.screen(), Screen::Debrief);
    // There is nothing to play on from the last week, nor past it.
    shell.send(Intent::Fork(12));
    assert_eq!(shell.session.screen(), Screen::Debrief);
    // A fork of the fork still names the table's run.
    shell.send(Intent::Fork(2));
    let run = shell.session.run.as_ref().expect("the fork");
    assert!(run.fork.as_ref().is_some_and(|f| f.of.contains("Forkers")));
}

#[test]
fn the_command_line_compares_two_runs_where_they_diverge() {
    use std::process::Command;
    let dir = std::env::temp_dir().join(format!("mt-compare-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let bin = env!("CARGO_BIN_EXE_multiplier");
    let play_to = |policy: &str, file: &str| {
        let out = Command::new(bin)
            .args([
                "play",
                "brilliant-team",
                "--seed",
                "4821",
                "--policy",
                policy,
            ])
            .args(["--team", policy, "--out"])
            .arg(dir.join(file))
            .output()
            .expect("runs");
        assert!(out.status.success());
        dir.join(file)
    };
    let a = play_to("balanced", "a.result.ron");
    let b = play_to("pure-leader", "b.result.ron");
    // A run that did what A did for nine weeks, and what the pure leader does after.
    let first = multiplier::workshop::ResultFile::read(&a).expect("reads");
    let hashed = multiplier::workshop::HashedScenario::resolve("brilliant-team").expect("built-in");
    let mut game = Game::replay(
        hashed.scenario.clone(),
        4821,
        &multiplier::runlog::week_logs(&first.log[..9]),
    )
    .expect("replays");
    while !game.finished() {
        if game.pending().is_some() {
            game.choose(Policy::PureLeader.choose(game.world()))
                .expect("a choice");
            continue;
        }
        game.set_plan(Policy::PureLeader.plan(game.world()));
        game.end_week(false).expect("plays");
    }
    if game.pending().is_some() {
        game.choose(0).expect("a choice");
    }
    let code = multiplier::workshop::Code::parse("brilliant-team-4821").expect("a code");
    let c = multiplier::workshop::ResultFile::of("switched", &code, &game, &hashed.hash);
    let c_path = dir.join("c.result.ron");
    c.write(&c_path).expect("writes");
    let compare = |x: &std::path::Path, y: &std::path::Path| {
        let out = Command::new(bin)
            .arg("compare")
            .args([x, y])
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    assert!(compare(&a, &a).contains("the same decisions in every week"));
    assert!(compare(&a, &b).contains("differ from the first week"));
    let said = compare(&a, &c_path);
    assert!(
        said.contains("the same decisions up to week 9; from week 10 they differ"),
        "{said}"
    );
    assert!(said.contains("From week 10 on: Output A"), "{said}");
    let missing = Command::new(bin)
        .args(["compare"])
        .arg(&a)
        .arg(dir.join("none.result.ron"))
        .output()
        .expect("runs");
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn the_report_shows_each_tables_run_week_by_week() {
    let dir = std::env::temp_dir().join(format!("mt-weekly-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let hashed = multiplier::workshop::HashedScenario::resolve("first-week").expect("built-in");
    let code = multiplier::workshop::Code::parse("first-week-8").expect("a code");
    let game = play(&hashed.scenario, Policy::Balanced, 8);
    let path = dir.join("t.result.ron");
    multiplier::workshop::ResultFile::of("Night <Owls>", &code, &game, &hashed.hash)
        .write(&path)
        .expect("writes");
    let html = multiplier::workshop::Report::build(&[path], None)
        .and_then(|r| r.html())
        .expect("a report");
    let start = html.find("Week by week").expect("the section");
    let end = start
        + html[start..]
            .find("Verification")
            .expect("the next section");
    let weekly = &html[start..end];
    assert!(
        weekly.contains("Night &lt;Owls&gt;</summary>"),
        "escaped team name"
    );
    let first = multiplier::sim::review::week_in_words(&game, 0);
    assert!(
        weekly.contains(&first.plan.join(", ")),
        "week 1's plan by name"
    );
    assert_eq!(weekly.matches("<tr><td>").count(), 12, "a row per week");
}

#[test]
fn a_fork_is_saved_beside_the_run_it_came_from_and_loads_as_a_fork() {
    let mut shell = Shell::new("fork-saves");
    shell.send(Intent::Choose {
        source: Source::Builtin("first-week".into()),
        seed: Some(3),
    });
    shell.send(Intent::Begin);
    while shell.session.screen() == Screen::Play {
        let pending = shell
            .session
            .run
            .as_ref()
            .is_some_and(|r| r.game.pending().is_some());
        shell.send(if pending {
            Intent::Decide(0)
        } else {
            Intent::EndWeek
        });
    }
    shell.send(Intent::Fork(4));
    shell.send(Intent::EndWeek);
    // The fork's week 5 met what the run's did: answered the same way, the two differ only
    // in how far they went.
    if shell
        .session
        .run
        .as_ref()
        .is_some_and(|r| r.game.pending().is_some())
    {
        shell.send(Intent::Decide(0));
    }
    let saves = multiplier::app::save::autosaves(&shell.data.saves());
    assert_eq!(saves.len(), 2, "the run and its fork: {saves:?}");
    let fork_save = saves
        .iter()
        .find(|p| p.to_string_lossy().contains("-fork-4"))
        .expect("the fork's autosave");
    let other = saves.iter().find(|p| *p != fork_save).expect("the run's");
    let original = multiplier::app::save::read(other).expect("reads");
    assert_eq!(original.week, 12, "the run it came from is kept whole");
    // The command line compares the run and its fork from their saves.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_multiplier"))
        .arg("compare")
        .args([other, fork_save])
        .env("MULTIPLIER_DATA_DIR", &shell.data.0)
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("same decisions in their first"), "{said}");
    shell.send(Intent::ToTitle);
    shell.send(Intent::Load(fork_save.clone()));
    let run = shell.session.run.as_ref().expect("loaded");
    assert_eq!(run.game.state().week, 5);
    assert_eq!(run.fork.as_ref().map(|f| f.week), Some(4), "still a fork");
}

#[test]
fn a_scenario_can_turn_previews_off() {
    let text = |previews: &str| {
        format!(
            r#"Scenario(
                title: "T", pitch: "p", intro: "i", weeks: 4, {previews}
                people: [(id: "a", name: "Ann", skill: 0.5, potential: 0.8)],
                segments: [(id: "s", name: "S", size: 100, price: 1.0, adoption: 0.05)],
            )"#
        )
    };
    let run = |previews: &str| {
        let s = multiplier::format::parse("t.ron", text(previews).as_bytes()).expect("valid");
        Run::new(Source::Builtin("t".into()), Arc::new(s), 1)
    };
    assert!(
        run("").previews(),
        "previews are on unless a scenario says no"
    );
    assert!(!run("previews: false,").previews());
    let wrong = multiplier::format::parse("t.ron", text("previews: 3,").as_bytes());
    assert!(wrong.is_err(), "a number is not true or false");
}
