//! The format reference stays in step with the code.
//!
//! Every example in `docs/scenario-format.md` is tested, by this convention (the document
//! states it too):
//!
//! - a ```` ```ron ```` block that starts with `Scenario(` (after comments) is a whole file
//!   and must validate as it is;
//! - any other ```` ```ron ```` block must start with a comment `// in SECTION`, where
//!   SECTION is `actions`, `events`, `model`, `lessons` or `people`; it is pasted into that
//!   section of [`BASE`] (a small scenario with the people `ana`, `ivan` and `mo` and the
//!   segment `shops`) and the result must validate;
//! - a `ron` block that is neither fails the test, and so does a code block in any language
//!   but `ron`, `sh` (commands) and `text` (program output), so no example escapes.

use multiplier::sim::Model;

const DOC: &str = include_str!("../../docs/scenario-format.md");

/// The scenario fragments are pasted into: each `/*SECTION*/` is replaced by the fragment
/// for that section, or by nothing.
const BASE: &str = r#"Scenario(
    title: "Documentation base", pitch: "p", intro: "i", weeks: 12,
    goals: [/*goals*/],
    model: (/*model*/),
    people: [
        (id: "ana", name: "Ana"),
        (id: "ivan", name: "Ivan"),
        (id: "mo", name: "Mo", role: Support),
        /*people*/
    ],
    segments: [(id: "shops", name: "Shops")],
    actions: [
        "mentor", "explain", "delegate", "one_on_one", "talk_to_customers", "prioritise",
        "support_customers", "build", "daily_checkins",
        /*actions*/
    ],
    events: [/*events*/],
    lessons: [/*lessons*/],
)"#;

const SECTIONS: [&str; 6] = ["actions", "events", "goals", "model", "lessons", "people"];

/// Every fenced code block of the document: its language and text.
fn blocks() -> Vec<(&'static str, &'static str)> {
    DOC.split("```")
        .skip(1)
        .step_by(2)
        .map(|b| b.split_once('\n').unwrap_or((b, "")))
        .map(|(lang, text)| (lang.trim(), text))
        .collect()
}

/// The example as a whole scenario file: itself, or pasted into [`BASE`].
fn as_scenario(block: &str) -> Result<String, String> {
    let code = block
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .unwrap_or("");
    if code.starts_with("Scenario(") {
        return Ok(block.to_string());
    }
    let first = block.lines().next().unwrap_or("").trim();
    let section = first
        .strip_prefix("// in ")
        .filter(|s| SECTIONS.contains(s))
        .ok_or_else(|| {
            format!("it neither starts with `Scenario(` nor with `// in SECTION` ({SECTIONS:?})")
        })?;
    let mut text = BASE.to_string();
    for s in SECTIONS {
        let with = if s == section { block } else { "" };
        text = text.replace(&format!("/*{s}*/"), with);
    }
    Ok(text)
}

#[test]
fn every_example_in_the_format_reference_validates() {
    let blocks = blocks();
    let ron: Vec<&str> = blocks
        .iter()
        .filter(|(lang, _)| *lang == "ron")
        .map(|(_, text)| *text)
        .collect();
    assert!(
        ron.len() >= 5,
        "the tutorial and the reference have examples"
    );
    for (lang, text) in &blocks {
        assert!(
            ["ron", "sh", "text"].contains(lang),
            "a code block in `{lang}` is not tested; use `ron`, `sh` or `text`:\n{text}"
        );
    }
    for (i, block) in ron.iter().enumerate() {
        let text = as_scenario(block).unwrap_or_else(|e| panic!("example {i}: {e}:\n{block}"));
        if let Err(e) = multiplier::format::parse(&format!("example-{i}.ron"), text.as_bytes()) {
            panic!("example {i} does not validate:\n{e}\n\nas tested:\n{text}");
        }
    }
}

#[test]
fn examples_that_break_the_convention_are_caught() {
    assert!(as_scenario("(id: \"x\")").is_err(), "unmarked fragment");
    assert!(
        as_scenario("// in nowhere\n(id: \"x\")").is_err(),
        "unknown section"
    );
    let whole = as_scenario("// a file\nScenario(title: \"t\")").unwrap();
    assert!(whole.starts_with("// a file"));
    let pasted = as_scenario("// in model\nchurn: 0.1,").unwrap();
    assert!(
        pasted.contains("model: (// in model\nchurn: 0.1,)"),
        "{pasted}"
    );
    assert!(!pasted.contains("/*"), "every placeholder is filled");
    let text = as_scenario(
        "// in lessons\n(text: \"x\", better: Balanced, worse: Balanced, score: Value),",
    )
    .unwrap();
    assert!(
        multiplier::format::parse("x.ron", text.as_bytes()).is_err(),
        "a broken fragment fails"
    );
}

#[test]
fn every_model_coefficient_is_documented_with_its_default_and_range() {
    for c in Model::COEFFICIENTS {
        let row = format!(
            "| `{}` | {:?} | {:?} – {:?} |",
            c.name, c.default, c.min, c.max
        );
        assert!(
            DOC.contains(&row),
            "docs/scenario-format.md lacks the row `{row}`"
        );
    }
}

#[test]
fn every_effect_condition_and_measure_is_documented() {
    use multiplier::sim::{Condition, Effect, Measure};
    for name in Effect::NAMES
        .iter()
        .chain(Condition::NAMES)
        .chain(Measure::NAMES)
    {
        assert!(
            DOC.contains(&format!("`{name}")),
            "{name} is missing from docs/scenario-format.md"
        );
    }
}

#[test]
fn the_documented_limits_are_the_enforced_ones() {
    use multiplier::format::limits;
    let section = &DOC[DOC.find("## Limits").expect("a Limits section")..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    for (what, limit) in [
        ("`people`", limits::PEOPLE),
        ("`segments`", limits::SEGMENTS),
        ("`items`", limits::ITEMS),
        ("`start.generated_items`", limits::GENERATED_ITEMS),
        ("`actions`", limits::ACTIONS),
        ("`events`", limits::EVENTS),
        ("`choices`", limits::CHOICES),
        ("`effects`", limits::EFFECTS),
        ("`All([...])`", limits::CONDITIONS),
        ("`requires`", limits::CONDITION_PARTS),
        ("`lessons`", limits::LESSONS),
        ("`weeks`", limits::WEEKS),
    ] {
        let row = section
            .lines()
            .find(|l| l.starts_with("| ") && l.contains(what))
            .unwrap_or_else(|| panic!("no row for {what}"));
        assert!(
            row.ends_with(&format!("| {limit} |")),
            "{row} should say {limit}"
        );
    }
}

#[test]
fn each_name_is_its_variant() {
    use multiplier::sim::{Competency, Family, Policy, Role, Score, Stat, TargetKind};
    fn same<T: std::fmt::Debug>(all: &[T], name: impl Fn(&T) -> &'static str) {
        for x in all {
            assert_eq!(format!("{x:?}"), name(x), "the file name of {x:?}");
        }
    }
    same(&Stat::ALL, |x| x.name());
    same(&Role::ALL, |x| x.name());
    same(&Family::ALL, |x| x.name());
    same(&TargetKind::ALL, |x| x.name());
    same(&Competency::ALL, |x| x.name());
    same(&Score::ALL, |x| x.name());
    same(&Policy::ALL, |x| x.variant());
}

/// The arcs' lines, as the reference's table of turns states them, are the ones the game
/// draws.
#[test]
fn the_documented_arc_lines_are_the_drawn_ones() {
    use multiplier::sim::arcs::{
        BURNING, OFFER, OWNS_AUTONOMY, OWNS_LOST, OWNS_SKILL, RECOVERED, STAYED,
    };
    let rows = [
        format!("autonomy reaches {OWNS_AUTONOMY} with skill at least {OWNS_SKILL}"),
        format!("autonomy falls below {OWNS_LOST}"),
        format!("morale falls below {BURNING}"),
        format!("morale is back at {RECOVERED}"),
        format!("flight risk reaches {OFFER}"),
        format!("flight risk falls below {STAYED}"),
        format!(
            "skill comes within {} of potential",
            multiplier::sim::people::GROWN
        ),
    ];
    for row in rows {
        assert!(DOC.contains(&row), "the reference says “{row}”");
    }
}
