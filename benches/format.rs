//! Speed of reading a scenario file: a valid built-in, and the worst a file of misspelt names
//! can cost (the spelling suggestions are bounded per file, `format::diagnostic`'s
//! `FILE_SPELLING_BUDGET`).
//!
//! `cargo bench --no-default-features --bench format`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use multiplier::format::{BUILTINS, parse};

/// The allocator the `multiplier` binary uses, so the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The dearest file of misspelt names we know, 72 KB: 500 people with 60-character ids and
/// 200 events (the most a scenario may have) each naming a person who is not there, by an id
/// as long and near none. Every such id is compared with every person's twice (for a
/// suggestion, then to list the nearest names), the dearest case: same lengths, so none is
/// skipped on length, and enough people that one error's own budget is spent each time.
fn misspelt() -> String {
    let (pad, other) = ("x".repeat(50), "y".repeat(50));
    let people: String = (0..500)
        .map(|i| format!("(id: \"person{i:04}{pad}\", skill: 0.5),\n"))
        .collect();
    let events: String = (0..200)
        .map(|i| {
            format!(
                "(id: \"e{i}\", title: \"E\", text: \"T\", subject: Person(\"nobody{i:04}{other}\"), choices: [(label: \"OK\", effects: [])]),\n"
            )
        })
        .collect();
    format!(
        "Scenario(\n    title: \"T\", pitch: \"P\", intro: \"I\", weeks: 10,\n    people: [\n{people}],\n    segments: [(id: \"smb\", name: \"Small\", size: 100)],\n    events: [\n{events}],\n)\n"
    )
}

fn read(c: &mut Criterion) {
    let builtin = BUILTINS
        .iter()
        .find(|b| b.id == "brilliant-team")
        .expect("a built-in");
    c.bench_function("parse brilliant-team", |b| {
        b.iter(|| black_box(parse("brilliant-team.ron", builtin.source.as_bytes()).is_ok()))
    });
    let file = misspelt();
    let errors = parse("typos.ron", file.as_bytes()).expect_err("misspelt");
    eprintln!(
        "the misspelt file: {} KB, {} errors shown",
        file.len() / 1000,
        errors.diagnostics.len()
    );
    let mut group = c.benchmark_group("misspelt");
    group.sample_size(10);
    group.bench_function("parse 200 misspelt names among 500", |b| {
        b.iter(|| black_box(parse("typos.ron", file.as_bytes()).is_err()))
    });
    group.bench_function("parse and render its errors", |b| {
        b.iter(|| {
            black_box(
                parse("typos.ron", file.as_bytes())
                    .map_err(|e| e.to_string().len())
                    .err(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, read);
criterion_main!(benches);
