//! Speed of the simulation core: one week, one run, and the lesson check.
//!
//! `cargo bench --no-default-features --bench sim`

use std::hint::black_box;
use std::sync::Arc;

use criterion::{Criterion, criterion_group, criterion_main};
use multiplier::format::{BUILTINS, builtin};
use multiplier::sim::{Game, Planned, Policy, Scenario, check, play, trial};

#[path = "common/ten_person.rs"]
mod ten_person;

/// The allocator the `multiplier` binary uses, so the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn scenario(id: &str) -> Arc<Scenario> {
    Arc::new(builtin(id).expect("built-in").expect("valid"))
}

/// The ten-person week at week 10 (see `common/ten_person.rs`).
fn ten_person_game() -> Game {
    ten_person::ten_person_game(&scenario("brilliant-team"))
        .expect("some seed keeps ten people to week 10")
}

/// A week is measured as it is played in a run, on a state the previous week left in the
/// cache: each iteration gets its own copy made just before it. The same week on copies made
/// in a batch beforehand (criterion's `SmallInput`) plays on a state already pushed out of the
/// cache by the copies after it, and is reported too.
fn week(c: &mut Criterion) {
    let base = ten_person_game();
    let plan = Policy::Balanced.plan(base.world());
    let copy = || {
        let mut g = base.clone();
        g.set_plan(plan.clone());
        g
    };
    c.bench_function("one week, 10 people (numbers only)", |b| {
        b.iter_batched_ref(
            copy,
            |g| black_box(g.end_week(false).map(|r| r.record.output)),
            criterion::BatchSize::PerIteration,
        )
    });
    c.bench_function(
        "one week, 10 people (numbers only, state out of cache)",
        |b| {
            b.iter_batched_ref(
                copy,
                |g| black_box(g.end_week(false).map(|r| r.record.output)),
                criterion::BatchSize::SmallInput,
            )
        },
    );
    c.bench_function("one week, 10 people (with explanations)", |b| {
        b.iter_batched_ref(
            copy,
            |g| black_box(g.end_week(true).map(|r| r.causes.len())),
            criterion::BatchSize::PerIteration,
        )
    });
}

/// A one-team scenario of `n` engineers with the full action library, at week 5 of a run the
/// balanced bot plays.
fn team_game(n: usize) -> Game {
    let people: String = (0..n)
        .map(|i| format!("(id: \"p{i}\", name: \"Person {i}\", skill: 0.5, potential: 0.9),"))
        .collect();
    let text = format!(
        r#"Scenario(
            title: "Team of {n}", pitch: "p", intro: "i", weeks: 52,
            people: [{people}],
            segments: [(id: "s", name: "S", size: 3000, price: 1.0, adoption: 0.05)],
        )"#
    );
    let scenario = Arc::new(multiplier::format::parse("team.ron", text.as_bytes()).expect("valid"));
    let mut game = Game::new(scenario, 1);
    while game.week() < 5 {
        game.set_plan(Policy::Balanced.plan(game.world()));
        game.end_week(false).expect("the run is not over");
        if game.pending().is_some() {
            game.choose(Policy::Balanced.choose(game.world()))
                .expect("a valid choice");
        }
    }
    game
}

/// The explained week (the game's path, also taken when a save is loaded) at growing team
/// sizes: its cost should grow with the team, not with the team's square.
fn explained_by_team_size(c: &mut Criterion) {
    let mut group = c.benchmark_group("explained week by team size");
    for n in [10, 100, 1000] {
        let base = team_game(n);
        let plan = Policy::Balanced.plan(base.world());
        group.bench_function(format!("{n} people"), |b| {
            b.iter_batched_ref(
                || {
                    let mut g = base.clone();
                    g.set_plan(plan.clone());
                    g
                },
                |g| black_box(g.end_week(true).map(|r| r.causes.len())),
                criterion::BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

fn run(c: &mut Criterion) {
    let s = scenario("brilliant-team");
    let long = Arc::new(Scenario {
        weeks: 52,
        ..(*s).clone()
    });
    c.bench_function("full 52-week run, balanced bot", |b| {
        b.iter(|| black_box(play(&long, Policy::Balanced, 3).state().total_value()))
    });
    c.bench_function(
        "full 52-week run, balanced bot, no log (as checks play)",
        |b| b.iter(|| black_box(trial(&long, Policy::Balanced, 3).state().total_value())),
    );
}

fn check_all(c: &mut Criterion) {
    let all: Vec<Arc<Scenario>> = BUILTINS.iter().map(|b| scenario(b.id)).collect();
    let mut group = c.benchmark_group("check");
    group.sample_size(10);
    group.bench_function("all policies × 1000 seeds × all scenarios", |b| {
        b.iter(|| {
            all.iter()
                .map(|s| check(s, 1000, |_| {}).lessons.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

/// What if: every action's preview on the play screen (the budget is one frame, 16 ms; the
/// screens keep them until the plan changes), each played to the end of the run done that
/// week only and kept every week, against the plan without it: a 10-person team at week 10 of 26 with half the balanced bot's plan (room for
/// most actions), and the longest look, week 1 of path-to-cto's 39 with nothing planned;
/// and a fork of a 52-week run from its middle (the goal: under 1 ms).
fn whatif(c: &mut Criterion) {
    use multiplier::app::whatif::{Baseline, preview};
    use multiplier::app::{Run, Source};
    use multiplier::sim::TargetKind;
    let entries = |game: &Game| -> Vec<Planned> {
        let state = game.state();
        (game.scenario().actions.iter())
            .map(|def| Planned {
                action: def.id.clone(),
                target: match def.target {
                    TargetKind::None => None,
                    TargetKind::Person => state.people.first().map(|p| p.id.clone()),
                    TargetKind::Item => state
                        .items
                        .iter()
                        .find(|i| i.open())
                        .map(|i| i.id.to_string()),
                    TargetKind::Segment => state.segments.first().map(|s| s.id.clone()),
                },
            })
            .collect()
    };
    let base = ten_person_game();
    let mut ten = base.clone();
    let mut plan = Policy::Balanced.plan(base.world());
    plan.truncate(plan.len() / 2);
    ten.set_plan(plan);
    let longest = Game::new(scenario("path-to-cto"), 1);
    for (name, game) in [
        ("preview every action, 10 people, 16 weeks ahead", &ten),
        ("preview every action, 39 weeks ahead", &longest),
    ] {
        let entries = entries(game);
        let shown = |game: &Game| {
            let baseline = Baseline::of(game);
            (entries.iter())
                .filter_map(|e| baseline.as_ref().and_then(|base| preview(game, base, e)))
                .count()
        };
        println!(
            "{name}: {} of {} actions previewed",
            shown(game),
            entries.len()
        );
        c.bench_function(name, |b| b.iter(|| black_box(shown(game))));
    }
    let s = scenario("brilliant-team");
    let long = Arc::new(Scenario {
        weeks: 52,
        ..(*s).clone()
    });
    let played = play(&long, Policy::Balanced, 3);
    let run = Run::replay(
        Source::Builtin("brilliant-team".into()),
        long.clone(),
        3,
        played.log(),
        Vec::new(),
    )
    .expect("replays");
    c.bench_function("fork a 52-week run at week 26", |b| {
        b.iter(|| black_box(run.fork(26).map(|f| f.game.state().week)))
    });
}

criterion_group!(
    benches,
    week,
    explained_by_team_size,
    run,
    check_all,
    whatif
);
criterion_main!(benches);
