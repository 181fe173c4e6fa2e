//! The layers, as ARCHITECTURE.md states them: no top-level module names a higher one, no
//! module of the core names a module of a higher layer, and no modules of the core name
//! each other in a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The crate's top-level modules, lowest first: each may name only those before it.
const ORDER: &[&str] = &[
    "text", "storage", "sim", "format", "runlog", "workshop", "room", "app", "host", "cli", "game",
];

/// Each module of `src/sim` with its layer, lowest first.
const LAYERS: &[(&str, &[&str])] = &[
    (
        "definitions",
        &[
            "traits",
            "people",
            "player",
            "model",
            "market",
            "naming",
            "product",
            "archetype",
            "effect",
            "action",
            "director",
            "phase",
            "event",
            "lesson",
            "scenario",
        ],
    ),
    (
        "world",
        &[
            "rng", "spare", "report", "backlog", "state", "arrivals", "week", "world", "arcs",
            "plan",
        ],
    ),
    ("run", &["game"]),
    (
        "bots and checks",
        &["policy", "check", "review", "promises", "search"],
    ),
];

/// A file's code without its tests and comments.
fn code(source: &str) -> impl Iterator<Item = &str> {
    source
        .split("#[cfg(test)]")
        .next()
        .unwrap_or(source)
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
}

/// The `src/sim` modules a module's code names (`super::x`, `crate::sim::x`), leaving out its
/// tests and comments.
fn named(source: &str) -> BTreeSet<String> {
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
    for line in code(source) {
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

/// The top-level modules a file's code names (`crate::x`), leaving out its tests and
/// comments.
fn named_top(source: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in code(source) {
        for (at, _) in line.match_indices("crate::") {
            let rest = &line[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if name.starts_with(|c: char| c.is_ascii_lowercase()) {
                found.insert(name);
            }
        }
    }
    found
}

/// Every `.rs` file under `path` (or `path` itself).
fn sources(path: &Path, into: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).expect("a readable folder") {
            sources(&entry.expect("an entry").path(), into);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        into.push(path.to_path_buf());
    }
}

#[test]
fn the_top_level_modules_are_in_order() {
    let src = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/src"));
    let rank = |m: &str| ORDER.iter().position(|o| *o == m);
    let mut uses = 0;
    for entry in std::fs::read_dir(src).expect("src") {
        let path = entry.expect("an entry").path();
        let Some(module) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        if module == "lib" || module == "main" {
            continue;
        }
        let place = rank(module).unwrap_or_else(|| {
            panic!("src/{module} has no place among the top-level modules: add it to ORDER and ARCHITECTURE.md")
        });
        let mut files = Vec::new();
        sources(&path, &mut files);
        for file in files {
            let source = std::fs::read_to_string(&file).expect("readable");
            for used in named_top(&source) {
                let Some(other) = rank(&used) else {
                    continue;
                };
                assert!(
                    other <= place,
                    "{} names crate::{used}, a module above {module}: the order is {}",
                    file.strip_prefix(src).unwrap_or(&file).display(),
                    ORDER.join(" < ")
                );
                uses += usize::from(other < place);
            }
        }
    }
    assert!(uses > 20, "the scan finds uses ({uses})");
}

#[test]
fn the_top_level_scan_reads_paths() {
    let found = named_top(
        "use crate::room::{self, Pacing};\n// crate::host::server\nfn f() { crate::app::save::now(); }\n#[cfg(test)]\nuse crate::game::X;",
    );
    assert_eq!(
        found,
        BTreeSet::from(["app".to_string(), "room".to_string()])
    );
}
