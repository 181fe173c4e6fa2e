//! The core's layers, as ARCHITECTURE.md states them: no module names a module of a higher
//! layer, and no modules name each other in a circle.

use std::collections::{BTreeMap, BTreeSet};

/// Each module of `src/sim` with its layer, lowest first.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "definitions",
        &[
            "people",
            "player",
            "model",
            "market",
            "product",
            "archetype",
            "effect",
            "action",
            "event",
            "lesson",
            "scenario",
        ],
    ),
    (
        "world",
        &["rng", "room", "report", "backlog", "state", "week", "world"],
    ),
    ("run", &["game"]),
    (
        "bots and checks",
        &["policy", "check", "review", "promises", "search"],
    ),
];

/// The `src/sim` modules a module's code names (`super::x`, `crate::sim::x`), leaving out its
/// tests and comments.
fn named(source: &str) -> BTreeSet<String> {
    let code = source
        .split("#[cfg(test)]")
        .next()
        .unwrap_or(source)
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"));
    // A module is a lower-case name followed by `::`, right after a prefix or inside the
    // braces of a grouped path (`super::{check::play, game::Game}`).
    let module = |rest: &str| -> Option<String> {
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect();
        (!name.is_empty() && rest[name.len()..].starts_with("::")).then_some(name)
    };
    let mut found = BTreeSet::new();
    for line in code {
        for prefix in ["super::", "crate::sim::"] {
            for (at, _) in line.match_indices(prefix) {
                let rest = &line[at + prefix.len()..];
                if let Some(group) = rest.strip_prefix('{') {
                    let group = &group[..group.find('}').unwrap_or(group.len())];
                    found.extend(group.split(',').filter_map(|p| module(p.trim())));
                } else {
                    found.extend(module(rest));
                }
            }
        }
    }
    found
}

#[test]
fn the_core_is_layered_with_no_cycles() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/src/sim");
    let layer_of: BTreeMap<&str, usize> = LAYERS
        .iter()
        .enumerate()
        .flat_map(|(i, (_, modules))| modules.iter().map(move |m| (*m, i)))
        .collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("src/sim") {
        let path = entry.expect("an entry").path();
        let Some(module) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if module == "mod" {
            continue;
        }
        let layer = *layer_of.get(module).unwrap_or_else(|| {
            panic!("src/sim/{module}.rs has no layer: add it to LAYERS and ARCHITECTURE.md")
        });
        let source = std::fs::read_to_string(&path).expect("readable");
        for used in named(&source) {
            let Some(&other) = layer_of.get(used.as_str()) else {
                continue;
            };
            assert!(
                other <= layer,
                "{module} ({}) names {used} ({}), a higher layer",
                LAYERS[layer].0,
                LAYERS[other].0
            );
            graph.entry(module.to_string()).or_default().insert(used);
        }
    }
    // Depth-first search for a module reachable from itself.
    fn visit(
        m: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) {
        if let Some(start) = path.iter().position(|p| p == m) {
            panic!("a cycle: {} → {m}", path[start..].join(" → "));
        }
        if done.contains(m) {
            return;
        }
        path.push(m.to_string());
        for next in graph.get(m).into_iter().flatten() {
            visit(next, graph, path, done);
        }
        path.pop();
        done.insert(m.to_string());
    }
    let mut done = BTreeSet::new();
    for m in graph.keys() {
        visit(m, &graph, &mut Vec::new(), &mut done);
    }
    assert!(
        graph.contains_key("game") && graph["game"].contains("state"),
        "the scan finds uses"
    );
}
