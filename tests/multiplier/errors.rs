//! Malformed scenario files get every error reported, with positions and hints, and never a panic.

use multiplier::format::{MAX_FILE_BYTES, parse};
use proptest::prelude::*;

fn errors(text: &str) -> String {
    match parse("bad.ron", text.as_bytes()) {
        Ok(_) => panic!("expected errors in:\n{text}"),
        Err(e) => e.to_string(),
    }
}

const VALID: &str = r#"Scenario(
    title: "T", pitch: "P", intro: "I", weeks: 10,
    people: [(id: "ann", name: "Ann", skill: 0.5)],
    segments: [(id: "smb", name: "Small", size: 100)],
)"#;

#[test]
fn the_valid_base_loads() {
    parse("ok.ron", VALID.as_bytes()).expect("valid");
}

#[test]
fn every_error_in_a_file_is_reported_at_once_with_line_and_column() {
    let text = r#"Scenario(
    title: "T", pitch: "P", intro: "I", weeks: 10,
    people: [
        (id: "ann", skil: 0.5),
        (id: "bob", morale: 1.5),
        (id: "ann"),
    ],
    segments: [(id: "smb", size: "lots")],
    events: [Event(id: "e", title: "t", text: "x", choices: [(label: "go", effects: [Leave(who: Person("carl"))])])],
    lessons: [(text: "x", better: PureLeeder, worse: Balanced, score: Value)],
)"#;
    let out = errors(text);
    assert!(
        out.contains("bad.ron:4:21:"),
        "unknown field position:\n{out}"
    );
    assert!(
        out.contains("skil") && out.contains("skill"),
        "did-you-mean for `skil`:\n{out}"
    );
    assert!(
        out.contains("bad.ron:5:29:"),
        "range error position:\n{out}"
    );
    assert!(out.contains("1.5"), "{out}");
    assert!(
        out.contains("`ann`") && out.contains("twice"),
        "duplicate id:\n{out}"
    );
    assert!(out.contains("size"), "wrong type:\n{out}");
    assert!(out.contains("carl"), "unknown person reference:\n{out}");
    assert!(
        out.contains("PureLeader"),
        "did-you-mean for the policy:\n{out}"
    );
    let headers = out.lines().filter(|l| l.starts_with("bad.ron:")).count();
    assert!(
        headers >= 6,
        "six errors reported together, found {headers}:\n{out}"
    );
    assert!(out.contains("hint"), "{out}");
}

/// A file written before model version 5 sets the model's `event_chance`: it is told where
/// the pace of events went, at the key it wrote, and nothing else is wrong with it.
#[test]
fn the_old_event_chance_points_to_the_director() {
    let text = VALID.replace("weeks: 10,", "weeks: 10, model: (event_chance: 0.3),");
    let said = errors(&text);
    assert!(said.contains("bad.ron:2:"), "{said}");
    assert!(
        said.contains("`event_chance` is no longer in the model"),
        "{said}"
    );
    assert!(said.contains("director: (pace: N)"), "{said}");
    assert_eq!(said.matches("bad.ron:").count(), 1, "one error: {said}");
    let fixed = VALID.replace("weeks: 10,", "weeks: 10, director: (pace: 3),");
    parse("ok.ron", fixed.as_bytes()).expect("the director instead");
}

/// Phases come in the order they begin, and a segment that opens later has no customers
/// before it: both are located errors with a hint.
#[test]
fn phases_in_order_and_late_segments_without_customers() {
    let text = VALID
        .replace(
            "weeks: 10,",
            r#"weeks: 10, phases: [(from: 6, name: "B", says: "b"), (from: 4, name: "A", says: "a"), (from: 1, name: "Z", says: "z")],"#,
        )
        .replace(r#"size: 100)"#, r#"size: 100, adoption: 0.2, opens: 5)"#);
    let said = errors(&text);
    assert!(
        said.contains("not after the one before it (week 6)"),
        "{said}"
    );
    assert!(said.contains("`from`") || said.contains("from"), "{said}");
    assert!(
        said.contains("opens in week 5 has no customers before it"),
        "{said}"
    );
    assert!(said.contains("leave `adoption` out"), "{said}");
}

#[test]
fn missing_fields_and_unknown_references_name_what_exists() {
    let out = errors(
        r#"Scenario(title: "T", intro: "I", weeks: 10, people: [], segments: [(id: "smb")], actions: ["mentr"])"#,
    );
    assert!(out.contains("pitch"), "missing field named:\n{out}");
    assert!(
        out.contains("mentor"),
        "did-you-mean for a library action:\n{out}"
    );
}

#[test]
fn item_values_must_name_existing_segments() {
    let out = errors(
        r#"Scenario(title: "T", pitch: "P", intro: "I", weeks: 10, people: [], segments: [(id: "smb")],
        items: [(id: "x", value: {"smbb": 3})])"#,
    );
    assert!(out.contains("smbb") && out.contains("`smb`"), "{out}");
}

#[test]
fn truncated_input_is_an_error_not_a_panic() {
    for cut in [1, 10, 40, VALID.len() / 2, VALID.len() - 1] {
        let out = errors(&VALID[..cut]);
        assert!(out.starts_with("bad.ron:"), "{out}");
    }
}

#[test]
fn oversized_and_non_utf8_files_get_a_clear_message() {
    let big = vec![b' '; MAX_FILE_BYTES + 1];
    let e = parse("big.ron", &big).unwrap_err().first_line();
    assert_eq!(
        e, "big.ron:1:1: the file is 1,048,577 bytes; scenario files may be at most 1 MiB",
        "one byte too many is said exactly"
    );
    let e = parse("bin.ron", &[b'(', 0xff, 0xfe, b')'])
        .unwrap_err()
        .to_string();
    assert!(e.contains("UTF-8"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let _ = parse("fuzz.ron", &bytes).map(|_| ()).map_err(|e| e.to_string());
    }

    #[test]
    fn mutated_scenarios_never_panic(at in 0..VALID.len(), insert in any::<char>(), delete in any::<bool>()) {
        let mut text = VALID.to_string();
        let at = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        if delete && at < text.len() {
            text.remove(at);
        } else {
            text.insert(at, insert);
        }
        let _ = parse("fuzz.ron", text.as_bytes()).map(|_| ()).map_err(|e| e.to_string());
    }
}

/// A scenario with `n` people, `refs` references to people who are not there (misspelt
/// mentor targets), `pad` characters of padding in each wrong id.
fn crowded(people: usize, wrong: usize, pad: usize) -> String {
    let people: String = (0..people)
        .map(|i| format!("(id: \"person{i}\", skill: 0.5),"))
        .collect();
    let events: String = (0..wrong)
        .map(|i| {
            format!(
                "(id: \"e{i}\", title: \"E\", text: \"T\", subject: Person(\"nobody{i}{}\"), choices: [(label: \"OK\", effects: [])]),",
                "x".repeat(pad)
            )
        })
        .collect();
    format!(
        r#"Scenario(
    title: "T", pitch: "P", intro: "I", weeks: 10,
    people: [{people}],
    segments: [(id: "smb", name: "Small", size: 100)],
    events: [{events}],
)"#
    )
}

#[test]
fn each_list_has_a_limit_and_passing_it_is_a_located_error() {
    use multiplier::format::limits;
    let text = crowded(limits::PEOPLE + 1, 0, 0);
    let e = parse("big.ron", text.as_bytes()).unwrap_err();
    let line = e.first_line();
    assert!(
        line.starts_with("big.ron:3:")
            && line.contains("`people` may have at most 1000 entries, and this list has 1001"),
        "{line}"
    );
    parse("ok.ron", crowded(limits::PEOPLE, 0, 0).as_bytes()).expect("the limit itself is fine");
    let weeks = VALID.replace("weeks: 10", "weeks: 521");
    assert!(errors(&weeks).contains("`weeks` must be between 1 and 520"));
    let segments: String = (0..=limits::SEGMENTS)
        .map(|i| format!("(id: \"s{i}\", name: \"S\", size: 1),"))
        .collect();
    let text = VALID.replace(
        r#"segments: [(id: "smb", name: "Small", size: 100)]"#,
        &format!("segments: [{segments}]"),
    );
    assert!(errors(&text).contains("`segments` may have at most 50 entries"));
}

#[test]
fn hiring_stops_at_the_largest_team() {
    use multiplier::sim::{Game, MAX_PEOPLE, Planned};
    let text = crowded(MAX_PEOPLE - 1, 0, 0).replace(
        "events: [],",
        r#"actions: [(id: "hire", name: "Hire", family: Management, hours: 0.5, effects: [Hire(role: Engineer, skill: 0.5)])], events: [],"#,
    );
    let scenario = std::sync::Arc::new(parse("hire.ron", text.as_bytes()).expect("valid"));
    let mut game = Game::new(scenario, 1);
    game.set_plan(vec![Planned::new("hire"); 4]);
    game.end_week(false).expect("a week");
    assert!(game.state().people.len() <= MAX_PEOPLE);
    assert!(
        game.state().people.len() >= MAX_PEOPLE - 10,
        "the first hire happened"
    );
}

/// A person's `(` left open in the starter scenario is named on its own line, where the `)`
/// belongs (it was named on the next line, as "expected a field name, found `(`").
#[test]
fn an_unclosed_bracket_in_the_starter_is_named_where_it_opened() {
    let starter = multiplier::format::starter::starter("Mine").expect("a starter");
    let (line, text) = starter
        .lines()
        .enumerate()
        .find(|(_, l)| l.trim_start().starts_with("(id: \"sam\""))
        .expect("Sam's line");
    let broken = starter.replacen(text, text.trim_end().trim_end_matches("),"), 1);
    let e = parse("mine.ron", broken.as_bytes()).unwrap_err();
    let first = e.to_string();
    let column = text.find('(').expect("a bracket") + 1;
    assert!(
        first.contains(&format!(
            "mine.ron:{}:{column}: this `(` is never closed",
            line + 1
        )),
        "{first}"
    );
}

#[test]
fn a_file_of_many_misspelt_names_reports_a_bounded_amount() {
    // 2,000 items, each valued by three segments that do not exist: 6,000 errors.
    let items: String = (0..2_000)
        .map(|i| {
            format!("(id: \"i{i}\", effort: 1, value: {{\"smbb\": 1, \"ent{i}\": 2, \"x\": 3}}),")
        })
        .collect();
    let text = VALID.replace("weeks: 10,", &format!("weeks: 10, items: [{items}],"));
    let e = parse("typos.ron", text.as_bytes()).unwrap_err();
    assert_eq!(
        e.diagnostics.len(),
        101,
        "100 problems and a count of the rest"
    );
    let last = &e.diagnostics[100].message;
    assert!(last.contains("5900 more errors"), "{last}");
    assert_eq!(
        e.diagnostics[0].hint.as_deref(),
        Some("did you mean `smb`?")
    );
    let out = e.to_string();
    assert!(out.len() < 100 * 1_000, "{} bytes of output", out.len());

    // A hint lists a few of the people, nearest first, not all 500.
    let e = parse("refs.ron", crowded(500, 3, 0).as_bytes()).unwrap_err();
    let hint = e.diagnostics[0].hint.as_deref().unwrap_or_default();
    assert!(hint.contains("and 495 more"), "{hint}");
    assert_eq!(hint.matches('`').count(), 10, "{hint}");
}

#[test]
fn runaway_tokens_are_shortened_in_messages() {
    let digits = "9".repeat(900_000);
    let text = VALID.replace("weeks: 10", &format!("weeks: {digits}"));
    let e = parse("long.ron", text.as_bytes()).unwrap_err();
    let out = e.to_string();
    assert!(out.len() < 4_000, "{} bytes: {}", out.len(), &out[..300]);
    let id = "a".repeat(50_000);
    let text = crowded(3, 1, 50_000).replace(&"x".repeat(50_000), &id);
    let out = errors(&text);
    assert!(out.len() < 4_000, "{} bytes", out.len());
    assert!(out.contains('…'));
}

#[test]
fn a_week_carries_out_a_bounded_plan_whatever_the_log_holds() {
    use multiplier::sim::{Game, MAX_PLAN, Planned};
    let text = crowded(50, 0, 0).replace(
        "events: [],",
        r#"actions: [(id: "nod", name: "Nod", family: Leadership, hours: 0, effects: [Adjust(who: Everyone, stat: Morale, by: 0.001)])], events: [],"#,
    );
    let scenario = std::sync::Arc::new(parse("free.ron", text.as_bytes()).expect("valid"));
    let mut game = Game::new(scenario.clone(), 1);
    game.set_plan(vec![Planned::new("nod"); 100_000]);
    assert_eq!(
        game.plan().len(),
        MAX_PLAN,
        "a plan keeps at most the limit"
    );
    let report = game.end_week(true).expect("a week");
    assert!(
        report.causes.len() <= MAX_PLAN + 10,
        "{} causes",
        report.causes.len()
    );
    // The core's own week says what it left out of a longer plan.
    let mut state = multiplier::sim::State::new(&scenario, 1);
    let report = state.advance(&scenario, &vec![Planned::new("nod"); MAX_PLAN + 2], 1, true);
    let left_out = report
        .skipped
        .last()
        .expect("the rest is said to be left out");
    assert_eq!(
        left_out.reason,
        format!(
            "a week's plan holds at most {MAX_PLAN} entries: this and 1 more entry were left out"
        )
    );
    let mut full = Game::new(game.scenario().clone(), 1);
    for _ in 0..MAX_PLAN {
        full.add(Planned::new("nod")).expect("room");
    }
    assert!(full.add(Planned::new("nod")).is_err(), "the plan is full");
}

#[test]
fn a_condition_has_a_bounded_size() {
    let leaf = "Is(measure: Week, at_least: 1)";
    let hundred = |inner: &str| format!("All([{}])", vec![inner; 100].join(", "));
    let big = hundred(&hundred(leaf));
    let text = VALID.replace(
        "segments:",
        &format!(
            r#"actions: [(id: "a", name: "A", family: Leadership, hours: 1, requires: {big}, effects: [])], segments:"#
        ),
    );
    let e = errors(&text);
    assert!(
        e.contains("`requires` has 10101 parts; a condition may have at most 1000"),
        "{}",
        &e[..e.len().min(400)]
    );
    let ok = VALID.replace(
        "segments:",
        &format!(
            r#"actions: [(id: "a", name: "A", family: Leadership, hours: 1, requires: {}, effects: [])], segments:"#,
            hundred(leaf)
        ),
    );
    parse("ok.ron", ok.as_bytes()).expect("101 parts are fine");
}

#[test]
fn bots_stop_at_a_full_plan_even_when_an_action_takes_no_hours() {
    use multiplier::sim::{MAX_PLAN, Policy, play};
    let text = VALID.replace(
        "segments:",
        r#"actions: [(id: "build", name: "Build", family: Individual, hours: 0, effects: [Build(hours: 1)])], segments:"#,
    );
    let scenario = std::sync::Arc::new(parse("free.ron", text.as_bytes()).expect("valid"));
    for policy in Policy::ALL {
        let game = play(&scenario, policy, 1);
        assert!(game.finished(), "{policy:?}");
        assert!(
            game.log().iter().all(|w| w.plan.len() <= MAX_PLAN),
            "{policy:?}"
        );
    }
}

/// A goal that is neither a text nor a `Goal(…)`, and a goal whose check names an unknown
/// measure or field, are each reported where they are; a good one loads with its check.
#[test]
fn goals_are_texts_or_checked_goals() {
    let with = |goals: &str| VALID.replace("weeks: 10,", &format!("weeks: 10, goals: [{goals}],"));
    let out = errors(&with(
        r#"42, Goal(txt: "x"), Goal(text: "y", check: Is(measure: Moral, at_least: 1))"#,
    ));
    assert!(
        out.contains("each goal should be a text in quotes or a `Goal("),
        "{out}"
    );
    assert!(out.contains("txt"), "the misspelt field is named:\n{out}");
    assert!(
        out.contains("Moral"),
        "the unknown measure is named:\n{out}"
    );
    assert!(out.matches("bad.ron:").count() >= 3, "{out}");
    let ok = parse(
        "ok.ron",
        with(r#""plain", Goal(text: "three", check: Is(measure: TeamSize, at_least: 3))"#)
            .as_bytes(),
    )
    .expect("valid goals");
    assert_eq!(ok.story.goals.len(), 2);
    assert!(ok.story.goals[0].check.is_none());
    assert!(ok.story.goals[1].check.is_some());
}
