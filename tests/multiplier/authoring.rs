//! Authoring: `multiplier new` writes a starter that validates and teaches what it claims,
//! and error messages speak the file's language.

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;

use multiplier::format::{parse, starter};
use multiplier::sim::check;

/// A fresh scratch folder for one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "multiplier-authoring-{test}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn multiplier(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_multiplier"))
        .args(args)
        .env(
            "MULTIPLIER_DATA_DIR",
            std::env::temp_dir().join("multiplier-authoring-data"),
        )
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_starter_validates_and_every_lesson_holds_over_200_seeds() {
    let dir = scratch("lessons");
    let path = starter::target("Night shift", &dir).expect("usable name");
    starter::create(&path, "Night shift", false).expect("written");
    assert_eq!(path, dir.join("night-shift.ron"));
    let scenario = match multiplier::format::load(&path) {
        Ok(s) => Arc::new(s),
        Err(e) => panic!("the starter does not validate:\n{e}"),
    };
    assert_eq!(scenario.story.id, "night-shift");
    assert_eq!(scenario.story.title, "Night shift");
    assert!(scenario.lessons.len() >= 2, "the starter declares lessons");
    let report = check(&scenario, 200, |_| {});
    for r in &report.lessons {
        assert!(
            r.passed(),
            "“{}” held in {:.0}% (needs {:.0}%)",
            r.lesson.text,
            r.held * 100.0,
            r.lesson.share * 100.0
        );
    }
    // An author's first `check --search` passes: the starter keeps the model's promises.
    use multiplier::sim::promises;
    let broken: Vec<String> = promises::judge(&scenario, &promises::measure(&scenario))
        .into_iter()
        .filter(|j| !j.held)
        .map(|j| format!("{}: {}", j.promise, j.says))
        .collect();
    assert!(broken.is_empty(), "{}", broken.join("\n"));
}

#[test]
fn the_starter_shows_every_part_an_author_needs() {
    let text = starter::starter("Workshop: \"Day 1\"").expect("usable name");
    let s = parse("day-1.ron", text.as_bytes()).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(s.story.title, "Workshop: \"Day 1\"");
    assert_eq!(s.story.id, "workshop-day-1");
    let library = multiplier::format::library();
    let custom_action = s
        .actions
        .iter()
        .any(|a| library.actions.iter().all(|b| b.id != a.id));
    assert!(custom_action, "a custom action");
    let custom_event = s
        .events
        .iter()
        .find(|e| library.events.iter().all(|b| b.id != e.id))
        .expect("a custom event");
    assert!(custom_event.choices.len() >= 2, "with choices");
    assert_ne!(
        custom_event.when,
        multiplier::sim::Condition::Always,
        "and a condition"
    );
    assert_ne!(
        s.model,
        multiplier::sim::Model::default(),
        "a model override"
    );
    for section in [
        "people", "segments", "items", "actions", "events", "lessons", "model",
    ] {
        let commented = text.lines().zip(text.lines().skip(1)).any(|(a, b)| {
            a.trim_start().starts_with("//") && b.trim_start().starts_with(&format!("{section}:"))
        });
        assert!(commented, "`{section}` is explained by a comment above it");
    }
}

#[test]
fn new_refuses_to_overwrite_unless_forced() {
    let dir = scratch("overwrite");
    let path = dir.join("mine.ron");
    std::fs::write(&path, "my own work").expect("written");
    let e = starter::create(&path, "Mine", false).expect_err("refused");
    assert!(matches!(e, starter::CreateError::Exists(_)), "{e}");
    assert!(e.to_string().contains("--force"), "{e}");
    assert_eq!(
        std::fs::read_to_string(&path).ok().as_deref(),
        Some("my own work")
    );
    starter::create(&path, "Mine", true).expect("forced");
    assert!(multiplier::format::load(&path).is_ok());
}

#[test]
fn the_new_command_writes_where_told_and_exits_with_the_documented_codes() {
    let dir = scratch("cli");
    let folder = dir.join("folder");
    let folder_arg = folder.to_str().expect("a UTF-8 temp path");
    let (code, out, err) = multiplier(&["new", "Support crunch", "--path", folder_arg]);
    assert_eq!(code, 0, "{err}");
    let written = folder.join("support-crunch.ron");
    assert!(
        out.contains(&written.display().to_string()),
        "prints the path:\n{out}"
    );
    assert!(
        out.contains("multiplier validate") && out.contains("multiplier check"),
        "{out}"
    );
    assert!(multiplier::format::load(&written).is_ok());
    let (code, out, _) = multiplier(&["validate", written.to_str().unwrap_or_default()]);
    assert_eq!(code, 0, "{out}");

    let (code, _, err) = multiplier(&["new", "Support crunch", "--path", folder_arg]);
    assert_eq!(code, 1, "refuses to overwrite");
    assert!(
        err.contains("already exists") && err.contains("--force"),
        "{err}"
    );
    let (code, _, err) = multiplier(&["new", "Support crunch", "--path", folder_arg, "--force"]);
    assert_eq!(code, 0, "{err}");

    let file = dir.join("exact-name.ron");
    let (code, _, err) = multiplier(&["new", "Other", "--path", file.to_str().unwrap_or_default()]);
    assert_eq!(code, 0, "{err}");
    let s = multiplier::format::load(&file).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        (s.story.id.as_str(), s.story.title.as_str()),
        ("other", "Other")
    );

    let (code, _, err) = multiplier(&["new", "???", "--path", folder_arg]);
    assert_eq!(
        code, 2,
        "a name with nothing to make a file name from: {err}"
    );
    assert_eq!(multiplier(&["new"]).0, 2, "no name");

    let blocker = dir.join("not-a-folder");
    std::fs::write(&blocker, "").expect("written");
    let inside = blocker.join("x");
    let (code, _, err) = multiplier(&["new", "X", "--path", inside.to_str().unwrap_or_default()]);
    assert_eq!(code, 1, "cannot write: {err}");
    assert!(err.contains("cannot write"), "{err}");
}

/// The first line (`FILE:LINE:COL: message`) of each problem in `text`.
fn headers(text: &str) -> Vec<String> {
    match parse("team.ron", text.as_bytes()) {
        Ok(_) => panic!("expected errors in:\n{text}"),
        Err(e) => e
            .to_string()
            .lines()
            .filter(|l| l.starts_with("team.ron:"))
            .map(str::to_string)
            .collect(),
    }
}

#[test]
fn messages_name_the_place_in_the_files_own_words() {
    let text = r#"Scenario(
    title: "T", pitch: "P", intro: "I", weeks: 10,
    player: (hours: 200),
    people: [
        (id: "ana", skil: 0.5),
        (name: "No id yet"),
    ],
    segments: [(id: "shops", size: "lots")],
    events: [Event(id: "offer", title: "t", text: "x", subject: Anyone, choices: [
        (label: "a", effects: []),
        (label: "b", effects: [Adjust(who: Target, stat: Autonmy, by: 0.1)]),
    ])],
    lessons: [(text: "x", better: Balanced, worse: Balanced, score: Value)],
)"#;
    assert_eq!(
        headers(text),
        [
            "team.ron:3:21: `player`: `hours` must be between 1 and 168, but it is 200",
            "team.ron:5:21: person `ana`: there is no field `skil`",
            "team.ron:6:9: person 2: the field `id` is missing",
            "team.ron:8:36: segment `shops`: `size` should be a number, but here it is \"lots\"",
            "team.ron:11:58: event `offer`, choice 2: `Autonmy` is not one of the names `stat` accepts",
            "team.ron:13:52: lesson 1: `better` and `worse` are both `Balanced`: a lesson compares two different bots",
        ]
    );
}

#[test]
fn unknown_names_get_the_nearest_valid_one() {
    let out = match parse(
        "team.ron",
        br#"Scenario(
    title: "T", pitch: "P", intro: "I", weeks: 10, modle: (),
    people: [(id: "ana")],
    segments: [(id: "shops")],
    items: [(id: "cards", value: {"shop": 3})],
    actions: ["mentr", Action(id: "a", family: Leadershp, hours: 1, target: Person, effects: [Adjust(who: Person("anna"), stat: Moral, by: 0.1)])],
    events: ["burnot", Event(id: "e", title: "t", text: "x", when: Flag("rush-done"), choices: [(label: "go", effects: [SetFlag("rush_done")])])],
    lessons: [(text: "x", better: PureLeeder, worse: Balanced, score: Valeu)],
)"#,
    ) {
        Ok(_) => panic!("expected errors"),
        Err(e) => e.to_string(),
    };
    for (typo, near) in [
        ("modle", "model"),
        ("shop", "shops"),
        ("mentr", "mentor"),
        ("Leadershp", "Leadership"),
        ("Moral", "Morale"),
        ("burnot", "burnout"),
        ("rush-done", "rush_done"),
        ("PureLeeder", "PureLeader"),
        ("Valeu", "Value"),
    ] {
        let block = out
            .split("\n\n")
            .find(|b| {
                b.lines()
                    .next()
                    .is_some_and(|l| l.contains(&format!("`{typo}`")))
            })
            .unwrap_or_else(|| panic!("no message about `{typo}`:\n{out}"));
        assert!(
            block.contains(&format!("hint: did you mean `{near}`?")),
            "`{typo}` gets `{near}` suggested:\n{block}"
        );
    }
    assert!(out.contains("did you mean `ana`?"), "a person's id:\n{out}");
}

#[test]
fn targets_and_names_that_would_silently_do_nothing_are_errors() {
    let lines = headers(
        r#"Scenario(
    title: "T", pitch: "P", intro: "I", weeks: 10,
    people: [(id: "ana")],
    segments: [(id: "shops")],
    actions: ["mentor", Action(id: "cheer", family: Leadership, hours: 1, effects: [Adjust(who: Target, stat: Morale, by: 0.1)])],
    events: [Event(id: "e", title: "t", text: "{name} asks", choices: [(label: "yes", effects: [Leave(who: Target)])])],
)"#,
    );
    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(
        lines[0].contains("action `cheer`: `Target` means the person"),
        "{lines:#?}"
    );
    assert!(
        lines[1].contains("event `e`: `{name}` in `text`"),
        "{lines:#?}"
    );
    assert!(
        lines[2].contains("event `e`, choice 1: `Target` means the event's subject"),
        "{lines:#?}"
    );
}

#[test]
fn no_message_uses_a_programmers_word() {
    let garbage = [
        r#"Scenario(title: 1, weeks: 2.5, people: [3], segments: "x", items: [(id: "a", effort: -1, revealed: "yes")])"#,
        r#"Scenario(title: "t", pitch: "p", intro: "i", weeks: 9, people: [(id: "a b")], segments: [(id: "s")], actions: [Action(id: "x", family: 1, hours: "2", effects: [Focus(by: Some(1)), Hire(role: Boss), Reveal(items: 1.5)])])"#,
    ];
    for text in garbage {
        let out = match parse("g.ron", text.as_bytes()) {
            Ok(_) => panic!("expected errors"),
            Err(e) => e.to_string(),
        };
        for word in [
            "f64",
            "u32",
            "i64",
            "usize",
            "Option",
            "struct",
            "enum",
            "String",
            "Vec",
            "unwrap",
            "parse error",
        ] {
            assert!(!out.contains(word), "`{word}` in a message:\n{out}");
        }
    }
}

/// An author's scenario is found by the same name everywhere: a workshop code in the game
/// names the file in the player's folder, the command line takes its path, and a name that
/// is neither says which built-in was meant.
#[test]
fn a_scenario_is_found_by_one_rule_in_the_game_and_on_the_command_line() {
    use multiplier::app::run::JoinError;
    use multiplier::app::{Source, join};
    let dir = scratch("find");
    let path = dir.join("night-shift.ron");
    starter::create(&path, "Night shift", false).expect("written");
    let run = join("night-shift-7", "Owls", &dir).expect("the folder's file");
    assert_eq!(run.source, Source::File(path.clone()));
    let built_in = join("first-week-7", "Owls", &dir).expect("a built-in");
    assert_eq!(built_in.source, Source::Builtin("first-week".into()));
    let missing = join("day-shift-7", "Owls", &dir).expect_err("no such file");
    assert!(
        matches!(&missing, JoinError::NoScenario { id, .. } if id == "day-shift"),
        "{missing}"
    );

    let path_arg = path.to_str().expect("a UTF-8 temp path");
    let (code, _, err) = multiplier(&["validate", path_arg]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = multiplier(&["play", "first-wek"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no such scenario"), "{err}");
    assert!(
        err.contains("did you mean the built-in scenario `first-week`?"),
        "{err}"
    );
}
