//! Malformed scenario files get every error reported, with positions and hints, and never a panic.

use multiplier::scenario::{MAX_FILE_BYTES, parse};
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
        e,
        "big.ron:1:1: the file is 1,048,577 bytes; scenario files may be at most 1 MiB",
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
