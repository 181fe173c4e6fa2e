//! The format reference stays in step with the code.

use multiplier::sim::Model;

const DOC: &str = include_str!("../../docs/scenario-format.md");

/// The RON blocks of the document that are complete scenarios.
fn scenario_blocks() -> Vec<&'static str> {
    DOC.split("```ron")
        .skip(1)
        .filter_map(|b| b.split("```").next())
        .filter(|b| b.trim_start().starts_with("Scenario(") || b.contains("\nScenario("))
        .collect()
}

#[test]
fn every_complete_example_in_the_format_reference_validates() {
    let blocks = scenario_blocks();
    assert!(!blocks.is_empty(), "the reference has a complete example");
    for (i, block) in blocks.iter().enumerate() {
        if let Err(e) = multiplier::scenario::parse(&format!("example-{i}.ron"), block.as_bytes()) {
            panic!("example {i} does not validate:\n{e}");
        }
    }
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
fn every_effect_and_condition_is_documented() {
    for name in [
        "Adjust",
        "Grow",
        "Busy",
        "Build",
        "Boost",
        "Focus",
        "Reach",
        "Pin",
        "Reveal",
        "Satisfaction",
        "Adoption",
        "Debt",
        "Budget",
        "Hours",
        "Competency",
        "Hire",
        "Leave",
        "SetFlag",
        "ClearFlag",
        "Always",
        "All",
        "Any",
        "Not",
        "Flag",
        "Is",
    ] {
        assert!(
            DOC.contains(&format!("`{name}")),
            "{name} is missing from docs/scenario-format.md"
        );
    }
}
