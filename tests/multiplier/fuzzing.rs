//! Every rejected scenario gets at least one diagnostic with a line and a column: edits of
//! the built-in scenarios, the built-ins cut off anywhere, and soups of RON tokens.
//!
//! `examples/fuzz.rs` holds the same property over millions of inputs; this keeps it in the
//! test suite.

use multiplier::format::{BUILTINS, parse};
use proptest::prelude::*;
use proptest::sample::Index;

/// The name inputs are parsed under; every diagnostic's first line starts with it.
const FILE: &str = "prop.ron";

/// Pieces of RON and of the scenario format, and things that break parsers.
const TOKENS: &[&str] = &[
    "Scenario(",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "\"",
    "\\",
    "'",
    "//",
    "/*",
    "*/",
    "Some(",
    "None",
    "true",
    "false",
    "#![enable(implicit_some)]",
    "r#\"",
    "\"#",
    "id",
    "title",
    "weeks",
    "people",
    "segments",
    "actions",
    "events",
    "lessons",
    "model",
    "1e308",
    "-0",
    "NaN",
    "inf",
    "99999999999999999999",
    "0x10",
    "1_000",
    ".5",
    "é",
    "🦀",
    "\u{feff}",
    "\0",
    "\r\n",
];

/// The `FILE:LINE:COL: ` at the start of a rendered diagnostic.
fn position(header: &str) -> Option<(usize, usize)> {
    let rest = header.strip_prefix(FILE)?.strip_prefix(':')?;
    let mut parts = rest.splitn(3, ':');
    let line = parts.next()?.parse().ok()?;
    let col = parts.next()?.parse().ok()?;
    parts.next()?.starts_with(' ').then_some((line, col))
}

/// The property: a rejected input has a diagnostic, and the text a user sees starts with
/// `FILE:LINE:COL: ` with the line in the file and both numbers from 1. (A problem with the
/// file as a whole, such as its size, is at 1:1.)
fn rejected_with_a_position(bytes: &[u8]) -> Result<(), TestCaseError> {
    let Err(errors) = parse(FILE, bytes) else {
        return Ok(());
    };
    prop_assert!(
        !errors.diagnostics.is_empty(),
        "rejected without a diagnostic"
    );
    let text = errors.to_string();
    let first = text.lines().next().unwrap_or_default();
    let Some((line, col)) = position(first) else {
        return Err(TestCaseError::fail(format!(
            "the error text does not start with `{FILE}:LINE:COL: `:\n{text}"
        )));
    };
    let lines = errors.source.lines().count().max(1);
    prop_assert!(
        (1..=lines + 1).contains(&line) && col >= 1,
        "{line}:{col} in a file of {lines} lines:\n{text}"
    );
    Ok(())
}

/// One built-in scenario, by id (a failing case then names it rather than printing it).
fn builtin() -> impl Strategy<Value = &'static str> {
    prop::sample::select(BUILTINS.iter().map(|b| b.id).collect::<Vec<_>>())
}

/// The text of the built-in scenario `id`.
fn source(id: &str) -> &'static [u8] {
    let found = BUILTINS.iter().find(|b| b.id == id);
    found.map_or(&[], |b| b.source.as_bytes())
}

/// An edit of a file, at a place chosen once its length is known.
#[derive(Clone, Debug)]
enum Edit {
    /// Sets a byte (often breaking a multi-byte character or making one).
    Set(Index, u8),
    /// Inserts text.
    Insert(Index, String),
    /// Deletes up to this many bytes.
    Delete(Index, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let text = prop_oneof![
        prop::sample::select(TOKENS).prop_map(str::to_string),
        any::<char>().prop_map(String::from),
        "[a-z_]{1,12}",
    ];
    prop_oneof![
        (any::<Index>(), any::<u8>()).prop_map(|(at, b)| Edit::Set(at, b)),
        (any::<Index>(), text).prop_map(|(at, t)| Edit::Insert(at, t)),
        (any::<Index>(), 1..200usize).prop_map(|(at, n)| Edit::Delete(at, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, edit: &Edit) {
    match edit {
        Edit::Set(at, b) if !bytes.is_empty() => {
            let at = at.index(bytes.len());
            bytes[at] = *b;
        }
        Edit::Set(..) => {}
        Edit::Insert(at, text) => {
            let at = at.index(bytes.len() + 1);
            bytes.splice(at..at, text.bytes());
        }
        Edit::Delete(at, n) => {
            let at = at.index(bytes.len() + 1);
            bytes.drain(at..(at + n).min(bytes.len()));
        }
    }
}

/// Tokens, names, numbers and stray characters with blanks between, sometimes inside
/// `Scenario(…)`.
fn soup() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => prop::sample::select(TOKENS).prop_map(str::to_string),
        2 => "[a-z_]{1,10}",
        2 => "-?[0-9]{1,25}(\\.[0-9]{0,6})?(e-?[0-9]{1,3})?",
        1 => "\"[^\"]{0,12}\"",
        1 => any::<char>().prop_map(String::from),
    ];
    let blank = prop::sample::select(&["", " ", "\n", "\t", ", "][..]);
    (any::<bool>(), prop::collection::vec((piece, blank), 0..80)).prop_map(|(wrapped, pieces)| {
        let body: String = pieces.into_iter().map(|(p, b)| p + b).collect();
        if wrapped {
            format!("Scenario({body}")
        } else {
            body
        }
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn edited_builtins_are_rejected_with_a_position(
        id in builtin(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let mut bytes = source(id).to_vec();
        for e in &edits {
            apply(&mut bytes, e);
        }
        rejected_with_a_position(&bytes)?;
    }

    #[test]
    fn builtins_cut_anywhere_are_rejected_with_a_position(id in builtin(), at in any::<Index>()) {
        let bytes = source(id);
        rejected_with_a_position(&bytes[..at.index(bytes.len() + 1)])?;
    }

    #[test]
    fn token_soup_is_rejected_with_a_position(text in soup()) {
        rejected_with_a_position(text.as_bytes())?;
    }
}

#[test]
fn problems_with_the_whole_file_are_at_the_first_line_and_column() {
    let oversized = vec![b' '; multiplier::format::MAX_FILE_BYTES + 1];
    for bytes in [&b""[..], b"  \n\n", &oversized, b"\xff\xfe"] {
        let errors = parse(FILE, bytes).expect_err("not a scenario");
        let first = errors.first_line();
        assert_eq!(position(&first), Some((1, 1)), "{first}");
    }
}
