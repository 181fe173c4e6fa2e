//! An error-collecting toolkit for typed decoders.
//!
//! Scenario authors are not programmers, so every reader reports a problem in words they
//! can act on: the field's name as written in the file, what was expected, what was found,
//! and the nearest valid name. Readers return `None` (or an empty value) after reporting,
//! so the decoder carries on and the next problem in the file is found too; the caller
//! checks [`Decoder::has_errors`] at the end.
//!
//! Naming convention for the `what` arguments: leaf readers ([`Decoder::number`],
//! [`Decoder::text`], …) take the field's name as written (`"skill"`) and quote it in
//! backticks; [`Decoder::record`] takes a noun for the thing (`"person"`) and says "a
//! person"; a capitalised `what` (a variant such as `"Adjust"`) is quoted as a name.
//!
//! Where a problem is matters as much as what it is: a file has many `skill` fields. Decoders
//! name the part they are in with [`Decoder::within`] ("person `ana`", "event `rush`, choice
//! 2"), and every message reported inside starts with that place, so it reads well on its own
//! (in a menu, in the game's overlay) and not only under its line in the file. A record
//! decoded inside the place that names it then speaks of "the field `id`" rather than "this
//! person".

use std::collections::HashSet;

use super::MAX_REPORTED;
use super::diagnostic::{Diagnostic, Spelling, bounded, clip};
use super::tree::{Field, Kind, Name, Node, Span};

/// The names a misspelt word was not one of, for a hint that may list them.
pub struct Names<'a> {
    word: &'a str,
    names: &'a [&'a str],
    spelling: &'a mut Spelling,
}

impl Names<'_> {
    /// A few of the names, nearest to the word first (while the file's spelling allowance
    /// lasts), and how many more there are.
    pub fn listed(self) -> String {
        self.spelling.listed(self.word, self.names)
    }
}

/// Collects diagnostics while decoding.
#[derive(Default)]
pub struct Decoder {
    /// The first [`MAX_REPORTED`] problems found.
    diagnostics: Vec<Diagnostic>,
    /// How many more were found after those: counted, not kept or worded.
    more: usize,
    /// The places being decoded, outermost first ("event `rush`", "choice 2").
    place: Vec<String>,
    /// What is left of the file's spelling comparisons: suggestions cost a bounded amount
    /// per file, whatever number of misspelt names it holds.
    spelling: Spelling,
}

/// A struct-like value: `(a: 1)`, `Name(a: 1)`, or an empty `()` / `Name()`.
#[derive(Clone, Debug)]
pub struct Record<'n> {
    /// The whole value.
    pub span: Span,
    /// Its opening (the name, or the `(` when unnamed): "missing field" errors point here,
    /// because a caret under a whole multi-line record is no help.
    pub head: Span,
    /// The name before the brackets, if any, so decoders can check `Scenario(` and friends.
    pub name: Option<&'n Name>,
    /// What it is, as messages call it ("person", or a variant name like "Adjust").
    pub what: String,
    fields: &'n [Field],
}

/// An enum value: `Name`, `Name(a, b)` or `Name(a: 1)`.
#[derive(Clone, Debug)]
pub struct Variant<'n> {
    /// The variant's name.
    pub name: &'n str,
    /// Where the name is.
    pub span: Span,
    /// What follows the name.
    pub payload: Payload<'n>,
}

/// What follows a variant's name.
#[derive(Clone, Debug)]
pub enum Payload<'n> {
    /// Nothing: `Name`.
    Unit,
    /// `Name(a, b)`, or `Name()` with no values.
    Tuple(&'n [Node]),
    /// `Name(a: 1)`. Its fields are not checked yet: call [`Decoder::check_fields`] with the
    /// names this variant allows.
    Record(Record<'n>),
}

impl<'n> Record<'n> {
    /// The value of a field, if given (the first, if given twice: that is reported by
    /// [`Decoder::record`]).
    pub fn get(&self, name: &str) -> Option<&'n Node> {
        self.fields
            .iter()
            .find(|f| f.name.text == name)
            .map(|f| &f.value)
    }

    /// The value of a required field; reports "this person needs the field `id`" at the
    /// record's opening and returns `None` when it is missing.
    pub fn require(&self, d: &mut Decoder, name: &str) -> Option<&'n Node> {
        let found = self.get(name);
        if found.is_none() {
            let message = if d.names(&self.what) {
                format!("the field `{name}` is missing")
            } else {
                format!("{} needs the field `{name}`", this(&self.what))
            };
            d.error(self.head, message, Some(format!("add `{name}: …`")));
        }
        found
    }

    /// Every field in file order, for decoders that accept open-ended names.
    pub fn fields(&self) -> &'n [Field] {
        self.fields
    }

    /// An optional number field: `default` when absent, else the value if it is a number
    /// within `min..=max`. On an error the default is returned too, so decoding carries on.
    pub fn number_in(&self, d: &mut Decoder, name: &str, min: f64, max: f64, default: f64) -> f64 {
        self.get(name)
            .and_then(|n| d.number_in(n, name, min, max))
            .unwrap_or(default)
    }

    /// An optional whole-number field, like [`Record::number_in`].
    pub fn integer_in(&self, d: &mut Decoder, name: &str, min: i64, max: i64, default: i64) -> i64 {
        self.get(name)
            .and_then(|n| d.integer_in(n, name, min, max))
            .unwrap_or(default)
    }

    /// An optional `true`/`false` field, `default` when absent or wrong.
    pub fn boolean(&self, d: &mut Decoder, name: &str, default: bool) -> bool {
        self.get(name)
            .and_then(|n| d.boolean(n, name))
            .unwrap_or(default)
    }

    /// An optional text field: `None` when absent (or wrong, after reporting it).
    pub fn text(&self, d: &mut Decoder, name: &str) -> Option<String> {
        self.get(name).and_then(|n| d.text(n, name))
    }

    /// A required text field: reports it missing or of the wrong kind.
    pub fn required_text(&self, d: &mut Decoder, name: &str) -> Option<String> {
        self.require(d, name).and_then(|n| d.text(n, name))
    }
}

impl Decoder {
    /// A decoder with no diagnostics yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a diagnostic, its message prefixed with the current place; past the first
    /// [`MAX_REPORTED`] it is only counted.
    pub fn report(&mut self, mut d: Diagnostic) {
        if self.is_full() {
            self.more += 1;
            return;
        }
        if !self.place.is_empty() {
            d.message = bounded(format!("{}: {}", self.place(), d.message));
        }
        self.diagnostics.push(d);
    }

    /// Whether as many problems as are ever shown have been found: from here on a problem is
    /// only counted, so callers can skip working out its hint.
    pub fn is_full(&self) -> bool {
        self.diagnostics.len() >= MAX_REPORTED
    }

    /// Reports `message` about `word`, a name that is not one of `names`: the hint is the
    /// nearest name by spelling, or else what `otherwise` makes of the names (which can list
    /// a few of them). Neither is worked out once the decoder [`is_full`](Decoder::is_full).
    pub fn unknown_name(
        &mut self,
        span: Span,
        message: impl Into<String>,
        word: &str,
        names: &[&str],
        otherwise: impl FnOnce(Names) -> String,
    ) {
        if self.is_full() {
            self.more += 1;
            return;
        }
        let spelling = &mut self.spelling;
        let hint = match spelling.did_you_mean(word, names.iter().copied()) {
            Some(near) => format!("did you mean `{near}`?"),
            None => otherwise(Names {
                word,
                names,
                spelling,
            }),
        };
        self.error(span, message, Some(hint));
    }

    /// Adds an error, its message prefixed with the current place.
    pub fn error(&mut self, span: Span, message: impl Into<String>, hint: Option<String>) {
        let mut d = Diagnostic::new(span, message);
        d.hint = hint;
        self.report(d);
    }

    /// Runs `f` with `label` ("person `ana`", "choice 2") added to the place every message
    /// starts with. An empty label adds nothing, so a place saved with [`Decoder::place`]
    /// can be re-entered later (for checks made once the whole file is read).
    pub fn within<T>(&mut self, label: impl Into<String>, f: impl FnOnce(&mut Self) -> T) -> T {
        let label = label.into();
        if label.is_empty() {
            return f(self);
        }
        self.place.push(label);
        let out = f(self);
        self.place.pop();
        out
    }

    /// The current place in words ("event `rush`, choice 2"), empty at the top level.
    pub fn place(&self) -> String {
        self.place.join(", ")
    }

    /// Whether the current place already names a record of this kind, so messages about it
    /// say "the field `id` is missing" instead of "this person needs the field `id`".
    /// Variants (`Adjust`) are always named: they sit inside the place, they are not it.
    fn names(&self, what: &str) -> bool {
        !self.place.is_empty() && !what.starts_with(char::is_uppercase)
    }

    /// Whether anything was reported.
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    /// How many problems have been reported so far: compare before and after decoding a
    /// part to learn whether that part was wrong.
    pub fn error_count(&self) -> usize {
        self.diagnostics.len() + self.more
    }

    /// How many problems were found after the first [`MAX_REPORTED`], which are not kept.
    pub fn more(&self) -> usize {
        self.more
    }

    /// The problems kept, in the order found ([`super::diagnostic::render`] sorts).
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    /// Reports "`what` should be …, but here it is …" with an example or a better hint.
    fn expected(&mut self, node: &Node, what: &str, expected: &str, hint: String) {
        self.error(
            node.span,
            format!(
                "`{what}` should be {expected}, but here it is {}",
                shown(node)
            ),
            Some(hint),
        );
    }

    /// A number in quotes gets "remove the quotes"; anything else an example.
    fn expected_number(&mut self, node: &Node, what: &str, expected: &str, example: &str) {
        let hint = match &node.kind {
            Kind::Str(s) if s.trim().parse::<f64>().is_ok() => {
                format!("remove the quotes: `{what}: {}`", s.trim())
            }
            _ => format!("for example `{what}: {example}`"),
        };
        self.expected(node, what, expected, hint);
    }

    /// A finite number, whole or not.
    pub fn number(&mut self, node: &Node, what: &str) -> Option<f64> {
        self.number_like(node, what, "0.5")
    }

    fn number_like(&mut self, node: &Node, what: &str, example: &str) -> Option<f64> {
        match node.kind {
            Kind::Int(i) => Some(i as f64),
            Kind::Float(x) if x.is_finite() => Some(x),
            Kind::Float(_) => {
                self.expected_number(node, what, "an ordinary number", example);
                None
            }
            _ => {
                self.expected_number(node, what, "a number", example);
                None
            }
        }
    }

    /// A number within `min..=max` (either bound may be infinite): "`skill` must be between
    /// 0 and 1, but it is 1.5".
    pub fn number_in(&mut self, node: &Node, what: &str, min: f64, max: f64) -> Option<f64> {
        let example = [0.5, 1.0, 0.0, min, max]
            .into_iter()
            .find(|x| x.is_finite() && (min..=max).contains(x))
            .map_or_else(|| "0.5".to_string(), num);
        let x = self.number_like(node, what, &example)?;
        if x < min || x > max {
            self.error(
                node.span,
                format!("`{what}` must be {}, but it is {}", range(min, max), num(x)),
                None,
            );
            return None;
        }
        Some(x)
    }

    /// A whole number within `min..=max`. `3.0` counts as 3: authors should not have to
    /// care how a number was written when its value is whole.
    pub fn integer_in(&mut self, node: &Node, what: &str, min: i64, max: i64) -> Option<i64> {
        let whole = match node.kind {
            Kind::Int(i) => Some(i),
            // Exactly representable and inside the i64 range, so the cast is exact.
            Kind::Float(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => Some(x as i64),
            _ => None,
        };
        let Some(i) = whole else {
            let example = if (min..=max).contains(&1) { 1 } else { min };
            self.expected_number(node, what, "a whole number", &example.to_string());
            return None;
        };
        if i < min || i > max {
            let words = range(min as f64, max as f64);
            let words = match (min, max) {
                (i64::MIN, _) | (_, i64::MAX) => words,
                _ => format!("between {min} and {max}"),
            };
            self.error(
                node.span,
                format!("`{what}` must be {words}, but it is {i}"),
                None,
            );
            return None;
        }
        Some(i)
    }

    /// A text in quotes. A bare word gets the hint to put it in quotes.
    pub fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.kind {
            Kind::Str(s) => Some(s.clone()),
            Kind::Ident(s) => {
                let hint = format!("put it in quotes: `{what}: \"{}\"`", clip(s));
                self.expected(node, what, "a text in quotes", hint);
                None
            }
            _ => {
                let hint = format!("for example `{what}: \"…\"`");
                self.expected(node, what, "a text in quotes", hint);
                None
            }
        }
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        let hint = match &node.kind {
            Kind::Bool(b) => return Some(*b),
            Kind::Str(s) if is_bool(s) => {
                format!("remove the quotes: `{what}: {}`", s.to_ascii_lowercase())
            }
            Kind::Ident(s) if is_bool(s) => {
                format!(
                    "write it in small letters: `{what}: {}`",
                    s.to_ascii_lowercase()
                )
            }
            _ => format!("for example `{what}: true`"),
        };
        self.expected(node, what, "`true` or `false`", hint);
        None
    }

    /// The items of a list `[ … ]`; an empty slice after reporting anything else.
    pub fn list<'n>(&mut self, node: &'n Node, what: &str) -> &'n [Node] {
        match &node.kind {
            Kind::List(items) => items,
            _ => {
                let hint = format!("a list is written in square brackets: `{what}: [ … ]`");
                self.expected(node, what, "a list in `[ ]`", hint);
                &[]
            }
        }
    }

    /// [`Decoder::list`] of at most `max` entries: a longer list is reported at its first
    /// entry past the limit, and only the first `max` are decoded.
    pub fn list_at_most<'n>(&mut self, node: &'n Node, what: &str, max: usize) -> &'n [Node] {
        let items = self.list(node, what);
        if let Some(past) = items.get(max) {
            self.error(
                past.span,
                format!(
                    "`{what}` may have at most {max} entries, and this list has {}; this is entry {}",
                    items.len(),
                    max + 1
                ),
                Some(
                    "the format's limits keep every week quick; see \"Limits\" in docs/scenario-format.md"
                        .into(),
                ),
            );
        }
        &items[..items.len().min(max)]
    }

    /// A struct-like value `(a: 1)` or `Name(a: 1)`; an empty `()` or `Name()` is a record
    /// with no fields. Reports every unknown field (with the nearest allowed name, or the
    /// list of allowed names when none is close) and every field given twice, and still
    /// returns the record so the known fields can be decoded.
    pub fn record<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        allowed: &[&str],
    ) -> Option<Record<'n>> {
        let record = self.as_record(node, what, allowed)?;
        self.check_fields(&record, what, allowed);
        Some(record)
    }

    fn as_record<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        allowed: &[&str],
    ) -> Option<Record<'n>> {
        let (name, fields): (_, &'n [Field]) = match &node.kind {
            Kind::Struct { name, fields } => (name.as_ref(), fields),
            Kind::Tuple { name, items } if items.is_empty() => (name.as_ref(), &[]),
            _ => {
                let example = if allowed.is_empty() {
                    "name: value, …".to_string()
                } else {
                    let mut parts: Vec<String> =
                        allowed.iter().take(2).map(|a| format!("{a}: …")).collect();
                    parts.push("…".into());
                    parts.join(", ")
                };
                let subject = if self.names(what) {
                    "this".to_string()
                } else {
                    a(what)
                };
                self.error(
                    node.span,
                    format!(
                        "{subject} should be named values in `( )`, but here it is {}",
                        shown(node)
                    ),
                    Some(format!("write it as `({example})`")),
                );
                return None;
            }
        };
        let head = match name {
            Some(n) => n.span,
            None => Span {
                start: node.span.start,
                end: (node.span.start + 1).min(node.span.end),
            },
        };
        Some(Record {
            span: node.span,
            head,
            name,
            what: what.to_string(),
            fields,
        })
    }

    /// Reports the fields of `record` that are not in `allowed`, and fields given twice.
    /// [`Decoder::record`] does this itself; call it for [`Payload::Record`].
    pub fn check_fields(&mut self, record: &Record, what: &str, allowed: &[&str]) {
        let mut seen = HashSet::new();
        for f in record.fields {
            let name = f.name.text.as_str();
            if !allowed.contains(&name) {
                if self.is_full() {
                    self.more += 1;
                    continue;
                }
                let hint = match self.spelling.did_you_mean(name, allowed.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if allowed.is_empty() => format!("{} takes no fields", this(what)),
                    None => format!("{} may have: {}", a(what), names(allowed)),
                };
                let message = if self.names(what) {
                    format!("there is no field `{}`", clip(name))
                } else {
                    format!("{} has no field `{}`", a(what), clip(name))
                };
                self.error(f.name.span, message, Some(hint));
            } else if !seen.insert(name) {
                let message = if self.names(what) {
                    format!("`{name}` is given twice")
                } else {
                    format!("`{name}` is given twice in {}", this(what))
                };
                self.error(f.name.span, message, Some("remove one of them".into()));
            }
        }
    }

    /// An enum value from a fixed set of names: `Name`, `Name(a, b)` or `Name(a: 1)`.
    /// Reports an unknown name with the nearest allowed one, and a name written in quotes.
    pub fn variant<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        allowed: &[&str],
    ) -> Option<Variant<'n>> {
        let (name, span, payload) = match &node.kind {
            Kind::Ident(s) => (s.as_str(), node.span, Payload::Unit),
            Kind::Tuple {
                name: Some(n),
                items,
            } => (n.text.as_str(), n.span, Payload::Tuple(items)),
            Kind::Struct { name: Some(n), .. } => {
                let record = self.as_record(node, &n.text, &[])?;
                (n.text.as_str(), n.span, Payload::Record(record))
            }
            Kind::Str(s) if allowed.contains(&s.as_str()) => {
                self.error(
                    node.span,
                    format!("`{what}` should be a name without quotes"),
                    Some(format!("write `{s}` instead of \"{s}\"")),
                );
                return None;
            }
            _ => {
                let first = allowed.first().copied().unwrap_or("…");
                self.error(
                    node.span,
                    format!(
                        "`{what}` should be a name such as `{first}`, but here it is {}",
                        shown(node)
                    ),
                    Some(format!("use one of: {}", names(allowed))),
                );
                return None;
            }
        };
        if !allowed.contains(&name) {
            let hint = match self.spelling.did_you_mean(name, allowed.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("use one of: {}", names(allowed)),
            };
            self.error(
                span,
                format!("`{}` is not one of the names `{what}` accepts", clip(name)),
                Some(hint),
            );
            return None;
        }
        Some(Variant {
            name,
            span,
            payload,
        })
    }

    /// A map `{ "key": value }` or `{ key: value }`: `(key, key span, value)` in file order.
    /// Reports keys that are not names or texts, and keys given twice (only the first of
    /// those is returned).
    pub fn map<'n>(&mut self, node: &'n Node, what: &str) -> Vec<(String, Span, &'n Node)> {
        let Kind::Map(entries) = &node.kind else {
            let hint = format!("for example `{what}: {{\"key\": 1}}`");
            self.expected(node, what, "a map in `{ }`", hint);
            return Vec::new();
        };
        let mut seen = HashSet::new();
        let mut out = Vec::new();
        for (k, v) in entries {
            match &k.kind {
                Kind::Str(s) | Kind::Ident(s) => {
                    if seen.insert(s.as_str()) {
                        out.push((s.clone(), k.span, v));
                    } else {
                        self.error(
                            k.span,
                            format!("`{}` is given twice in `{what}`", clip(s)),
                            Some("remove one of them".into()),
                        );
                    }
                }
                _ => self.error(
                    k.span,
                    format!(
                        "the keys of `{what}` should be texts in quotes, but here it is {}",
                        shown(k)
                    ),
                    Some(format!("for example `{what}: {{\"key\": 1}}`")),
                ),
            }
        }
        out
    }

    /// The id or name in quotes inside `Wrapper("…")` (`Person("ana")`, `Flag("launched")`).
    /// Its hint shows the whole `Wrapper("…")`, since there is no field name to show.
    pub fn quoted(&mut self, node: &Node, wrapper: &str) -> Option<String> {
        match &node.kind {
            Kind::Str(s) => Some(s.clone()),
            Kind::Ident(s) => {
                self.error(
                    node.span,
                    format!("the name in `{wrapper}( )` should be in quotes"),
                    Some(format!("write `{wrapper}(\"{}\")`", clip(s))),
                );
                None
            }
            _ => {
                self.error(
                    node.span,
                    format!(
                        "`{wrapper}` takes a name in quotes, but here it is {}",
                        shown(node)
                    ),
                    Some(format!("for example `{wrapper}(\"…\")`")),
                );
                None
            }
        }
    }

    /// One entry of a list of texts (`goals: ["…", "…"]`): the hint shows the list, not a
    /// field.
    pub fn text_entry(&mut self, node: &Node, list: &str) -> Option<String> {
        match &node.kind {
            Kind::Str(s) => Some(s.clone()),
            _ => {
                self.error(
                    node.span,
                    format!(
                        "each entry of `{list}` should be a text in quotes, but here it is {}",
                        shown(node)
                    ),
                    Some(format!("for example `{list}: [\"First\", \"Second\"]`")),
                );
                None
            }
        }
    }
}

fn is_bool(s: &str) -> bool {
    s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false")
}

/// "a person", "an item", or "`Adjust`" for a variant name.
fn a(what: &str) -> String {
    match what.chars().next() {
        Some(c) if c.is_uppercase() => format!("`{what}`"),
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {what}"),
        _ => format!("a {what}"),
    }
}

/// "this person", or "`Adjust`" for a variant name.
fn this(what: &str) -> String {
    match what.chars().next() {
        Some(c) if c.is_uppercase() => format!("`{what}`"),
        _ => format!("this {what}"),
    }
}

/// "`a`, `b`, `c`" for hints.
fn names(allowed: &[&str]) -> String {
    allowed
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What was found, for messages: `1.5`, `"high"`, `` `Leadership` ``, `` `Some(…)` ``, or
/// the kind in words.
pub(super) fn shown(node: &Node) -> String {
    match &node.kind {
        Kind::Int(i) => i.to_string(),
        // Debug keeps `3.0` distinguishable from `3` and prints `inf` and `NaN`.
        Kind::Float(x) => format!("{x:?}"),
        Kind::Bool(b) => format!("`{b}`"),
        Kind::Str(s) if s.chars().count() <= 30 && !s.contains(char::is_control) => {
            format!("\"{s}\"")
        }
        Kind::Char(c) if !c.is_control() => format!("'{c}'"),
        Kind::Ident(s) => format!("`{}`", clip(s)),
        Kind::Tuple { name: Some(n), .. } | Kind::Struct { name: Some(n), .. } => {
            format!("`{}(…)`", clip(&n.text))
        }
        other => other.describe().to_string(),
    }
}

/// A number without needless decimals: `1`, `0.5`.
fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

/// "between 0 and 1", "at least 0", "at most 10".
fn range(min: f64, max: f64) -> String {
    let huge = |x: f64| !x.is_finite() || x.abs() >= 9.0e18;
    match (huge(min), huge(max)) {
        (false, true) => format!("at least {}", num(min)),
        (true, false) => format!("at most {}", num(max)),
        (true, true) => "a number".to_string(),
        (false, false) => format!("between {} and {}", num(min), num(max)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::diagnostic::render;
    use crate::format::tree::parse;

    fn node(src: &str) -> Node {
        parse(src).unwrap_or_else(|e| panic!("{src:?}: {e:?}"))
    }

    fn messages(d: Decoder) -> Vec<String> {
        d.into_diagnostics()
            .into_iter()
            .map(|x| x.to_string())
            .collect()
    }

    /// Runs one reader on a fresh decoder: its result and the one diagnostic it reported.
    fn one<T>(src: &str, f: impl FnOnce(&mut Decoder, &Node) -> T) -> (T, Option<Diagnostic>) {
        let n = node(src);
        let mut d = Decoder::new();
        let out = f(&mut d, &n);
        let mut diags = d.into_diagnostics();
        assert!(diags.len() <= 1, "{diags:?}");
        (out, diags.pop())
    }

    fn error<T: std::fmt::Debug>(
        src: &str,
        f: impl FnOnce(&mut Decoder, &Node) -> Option<T>,
    ) -> Diagnostic {
        let (out, diag) = one(src, f);
        assert!(out.is_none(), "{src:?} gave {out:?}");
        diag.unwrap_or_else(|| panic!("{src:?}: no diagnostic"))
    }

    #[test]
    fn numbers_accept_ints_and_floats_and_report_the_rest() {
        let mut d = Decoder::new();
        assert_eq!(d.number(&node("7"), "x"), Some(7.0));
        assert_eq!(d.number(&node("-0.25"), "x"), Some(-0.25));
        assert_eq!(d.number_in(&node("1"), "skill", 0.0, 1.0), Some(1.0));
        assert!(!d.has_errors());

        let e = error("\"high\"", |d, n| d.number(n, "skill"));
        assert_eq!(
            e.message,
            "`skill` should be a number, but here it is \"high\""
        );
        assert_eq!(e.hint.as_deref(), Some("for example `skill: 0.5`"));
        assert_eq!(e.span, Span { start: 0, end: 6 });
        let e = error("\"0.7\"", |d, n| d.number(n, "skill"));
        assert_eq!(e.hint.as_deref(), Some("remove the quotes: `skill: 0.7`"));
        let e = error("inf", |d, n| d.number(n, "skill"));
        assert_eq!(
            e.message,
            "`skill` should be an ordinary number, but here it is inf"
        );
        let e = error("Leadership", |d, n| d.number(n, "skill"));
        assert!(e.message.ends_with("but here it is `Leadership`"), "{e:?}");
        let e = error("[1]", |d, n| d.number(n, "skill"));
        assert!(
            e.message.ends_with("but here it is a list in `[ ]`"),
            "{e:?}"
        );
    }

    #[test]
    fn ranges_say_what_is_allowed_and_what_was_found() {
        let e = error("1.5", |d, n| d.number_in(n, "skill", 0.0, 1.0));
        assert_eq!(e.message, "`skill` must be between 0 and 1, but it is 1.5");
        let e = error("-2", |d, n| d.number_in(n, "effort", 0.1, 1e4));
        assert_eq!(
            e.message,
            "`effort` must be between 0.1 and 10000, but it is -2"
        );
        let e = error("-1", |d, n| d.number_in(n, "size", 0.0, f64::INFINITY));
        assert_eq!(e.message, "`size` must be at least 0, but it is -1");
        let e = error("\"x\"", |d, n| d.number_in(n, "weeks", 4.0, 52.0));
        assert_eq!(
            e.hint.as_deref(),
            Some("for example `weeks: 4`"),
            "examples lie in range"
        );
        let e = error("60", |d, n| d.integer_in(n, "weeks", 1, 52));
        assert_eq!(e.message, "`weeks` must be between 1 and 52, but it is 60");
        let e = error("-1", |d, n| d.integer_in(n, "count", 0, i64::MAX));
        assert_eq!(e.message, "`count` must be at least 0, but it is -1");
    }

    #[test]
    fn integers_accept_whole_floats_only() {
        let (v, e) = one("10.0", |d, n| d.integer_in(n, "weeks", 1, 52));
        assert_eq!((v, e), (Some(10), None));
        let e = error("2.5", |d, n| d.integer_in(n, "weeks", 1, 52));
        assert_eq!(
            e.message,
            "`weeks` should be a whole number, but here it is 2.5"
        );
        assert_eq!(e.hint.as_deref(), Some("for example `weeks: 1`"));
        let e = error("\"12\"", |d, n| d.integer_in(n, "weeks", 1, 52));
        assert_eq!(e.hint.as_deref(), Some("remove the quotes: `weeks: 12`"));
        let e = error("1e300", |d, n| d.integer_in(n, "weeks", 1, 52));
        assert!(e.message.contains("whole number"), "{e:?}");
    }

    #[test]
    fn texts_booleans_and_lists() {
        let (v, e) = one("\"Ann\"", |d, n| d.text(n, "name"));
        assert_eq!((v.as_deref(), e), (Some("Ann"), None));
        let e = error("Ann", |d, n| d.text(n, "name"));
        assert_eq!(
            e.message,
            "`name` should be a text in quotes, but here it is `Ann`"
        );
        assert_eq!(e.hint.as_deref(), Some("put it in quotes: `name: \"Ann\"`"));
        let e = error("3", |d, n| d.text(n, "name"));
        assert_eq!(e.hint.as_deref(), Some("for example `name: \"…\"`"));

        let (v, e) = one("false", |d, n| d.boolean(n, "revealed"));
        assert_eq!((v, e), (Some(false), None));
        let e = error("\"true\"", |d, n| d.boolean(n, "revealed"));
        assert_eq!(
            e.message,
            "`revealed` should be `true` or `false`, but here it is \"true\""
        );
        assert_eq!(
            e.hint.as_deref(),
            Some("remove the quotes: `revealed: true`")
        );
        let e = error("False", |d, n| d.boolean(n, "revealed"));
        assert_eq!(
            e.hint.as_deref(),
            Some("write it in small letters: `revealed: false`")
        );
        let e = error("1", |d, n| d.boolean(n, "revealed"));
        assert_eq!(e.hint.as_deref(), Some("for example `revealed: true`"));

        let n = node("[1, 2]");
        let mut d = Decoder::new();
        assert_eq!(d.list(&n, "tags").len(), 2);
        let n = node("\"mentor\"");
        assert!(d.list(&n, "actions").is_empty());
        let m = messages(d);
        assert_eq!(m.len(), 1);
        assert!(
            m[0].starts_with("`actions` should be a list in `[ ]`, but here it is \"mentor\""),
            "{m:?}"
        );
        assert!(m[0].contains("`actions: [ … ]`"), "{m:?}");
    }

    #[test]
    fn records_report_unknown_and_duplicate_fields_and_missing_ones() {
        let src = "(skil: 1, skill: 2, skill: 3, zzz: 4)";
        let node = node(src);
        let mut d = Decoder::new();
        let r = d.record(&node, "person", &["skill", "morale"]).unwrap();
        assert_eq!(
            r.get("skill"),
            Some(&Node {
                kind: Kind::Int(2),
                span: Span { start: 17, end: 18 }
            })
        );
        assert!(r.require(&mut d, "morale").is_none());
        let diags = d.into_diagnostics();
        let at: Vec<&str> = diags
            .iter()
            .map(|x| &src[x.span.start..x.span.end])
            .collect();
        assert_eq!(at, ["skil", "skill", "zzz", "("]);
        assert_eq!(
            diags[1].span.start, 20,
            "the second `skill` is the one reported"
        );
        let m: Vec<String> = diags.iter().map(ToString::to_string).collect();
        assert_eq!(
            m[0],
            "a person has no field `skil` (hint: did you mean `skill`?)"
        );
        assert_eq!(
            m[1],
            "`skill` is given twice in this person (hint: remove one of them)"
        );
        assert_eq!(
            m[2],
            "a person has no field `zzz` (hint: a person may have: `skill`, `morale`)"
        );
        assert_eq!(
            m[3],
            "this person needs the field `morale` (hint: add `morale: …`)"
        );
    }

    #[test]
    fn records_may_be_named_or_empty_and_point_missing_fields_at_their_opening() {
        let src = "Person(\n  id: \"ann\",\n)";
        let n = node(src);
        let mut d = Decoder::new();
        let r = d.record(&n, "item", &["id", "name"]).unwrap();
        assert_eq!(r.name.map(|n| n.text.as_str()), Some("Person"));
        assert_eq!(r.fields().len(), 1);
        assert!(r.require(&mut d, "name").is_none());
        let diags = d.into_diagnostics();
        assert_eq!(diags[0].span, Span { start: 0, end: 6 });
        assert_eq!(diags[0].message, "this item needs the field `name`");

        for empty in ["()", "Model()", "( /* nothing */ )"] {
            let (r, e) = one(empty, |d, n| {
                d.record(n, "model", &["a"]).map(|r| r.fields().len())
            });
            assert_eq!((r, e), (Some(0), None), "{empty}");
        }
        let e = error("[1]", |d, n| {
            d.record(n, "person", &["id", "skill"]).map(|_| ())
        });
        assert_eq!(
            e.message,
            "a person should be named values in `( )`, but here it is a list in `[ ]`"
        );
        assert_eq!(
            e.hint.as_deref(),
            Some("write it as `(id: …, skill: …, …)`")
        );
        let e = error("(1, 2)", |d, n| d.record(n, "item", &[]).map(|_| ()));
        assert!(
            e.message.starts_with("an item should be named values"),
            "{e:?}"
        );
        let (_, e) = one("(x: 1)", |d, n| d.record(n, "model", &[]).map(|_| ()));
        assert_eq!(
            e.unwrap().hint.as_deref(),
            Some("this model takes no fields")
        );
    }

    #[test]
    fn record_conveniences_use_defaults_when_absent_or_wrong() {
        let n = node("(skill: 0.8, weeks: 12, done: true, name: \"Ann\", bad: \"x\", big: 7)");
        let mut d = Decoder::new();
        let r = d
            .record(
                &n,
                "person",
                &["skill", "weeks", "done", "name", "bad", "big"],
            )
            .unwrap();
        assert_eq!(r.number_in(&mut d, "skill", 0.0, 1.0, 0.5), 0.8);
        assert_eq!(r.number_in(&mut d, "missing", 0.0, 1.0, 0.5), 0.5);
        assert_eq!(r.integer_in(&mut d, "weeks", 1, 52, 10), 12);
        assert_eq!(r.integer_in(&mut d, "missing", 1, 52, 10), 10);
        assert!(r.boolean(&mut d, "done", false));
        assert!(r.boolean(&mut d, "missing", true));
        assert_eq!(r.text(&mut d, "name").as_deref(), Some("Ann"));
        assert_eq!(r.text(&mut d, "missing"), None);
        assert_eq!(r.required_text(&mut d, "name").as_deref(), Some("Ann"));
        assert!(!d.has_errors());
        assert_eq!(r.number_in(&mut d, "bad", 0.0, 1.0, 0.5), 0.5);
        assert_eq!(r.integer_in(&mut d, "big", 1, 5, 3), 3);
        assert_eq!(r.required_text(&mut d, "title"), None);
        assert_eq!(d.error_count(), 3);
        let m = messages(d);
        assert!(m[0].starts_with("`bad` should be a number"), "{m:?}");
        assert!(
            m[1].starts_with("`big` must be between 1 and 5, but it is 7"),
            "{m:?}"
        );
        assert!(
            m[2].starts_with("this person needs the field `title`"),
            "{m:?}"
        );
    }

    #[test]
    fn variants_take_every_shape_and_suggest_the_nearest_name() {
        let allowed = ["Leadership", "Management", "Is", "Role"];
        let n = node("Leadership");
        let mut d = Decoder::new();
        let v = d.variant(&n, "family", &allowed).unwrap();
        assert_eq!((v.name, v.span), ("Leadership", Span { start: 0, end: 10 }));
        assert!(matches!(v.payload, Payload::Unit));
        let n = node("Role(Support, 2)");
        let v = d.variant(&n, "who", &allowed).unwrap();
        assert_eq!((v.name, v.span), ("Role", Span { start: 0, end: 4 }));
        assert!(matches!(v.payload, Payload::Tuple(items) if items.len() == 2));
        let n = node("Is(measure: Week, extra: 1)");
        let v = d.variant(&n, "condition", &allowed).unwrap();
        let Payload::Record(r) = v.payload else {
            panic!("record payload")
        };
        assert_eq!(r.what, "Is");
        d.check_fields(&r, v.name, &["measure"]);
        let m = messages(d);
        assert_eq!(
            m,
            ["`Is` has no field `extra` (hint: `Is` may have: `measure`)"]
        );

        let e = error("Leadershp", |d, n| {
            d.variant(n, "family", &allowed).map(|_| ())
        });
        assert_eq!(
            e.message,
            "`Leadershp` is not one of the names `family` accepts"
        );
        assert_eq!(e.hint.as_deref(), Some("did you mean `Leadership`?"));
        let e = error("Banana(1)", |d, n| {
            d.variant(n, "family", &allowed).map(|_| ())
        });
        assert_eq!(e.span, Span { start: 0, end: 6 }, "points at the name");
        assert_eq!(
            e.hint.as_deref(),
            Some("use one of: `Leadership`, `Management`, `Is`, `Role`")
        );
        let e = error("\"Management\"", |d, n| {
            d.variant(n, "family", &allowed).map(|_| ())
        });
        assert_eq!(e.message, "`family` should be a name without quotes");
        assert_eq!(
            e.hint.as_deref(),
            Some("write `Management` instead of \"Management\"")
        );
        let e = error("3", |d, n| d.variant(n, "family", &allowed).map(|_| ()));
        assert_eq!(
            e.message,
            "`family` should be a name such as `Leadership`, but here it is 3"
        );
        let e = error("(a: 1)", |d, n| {
            d.variant(n, "family", &allowed).map(|_| ())
        });
        assert!(
            e.message.ends_with("here it is named values in `( )`"),
            "{e:?}"
        );
    }

    #[test]
    fn maps_return_entries_in_order_and_report_bad_and_repeated_keys() {
        let src = "{\"smb\": 1, ent: 2, \"smb\": 3, 4: 5}";
        let n = node(src);
        let mut d = Decoder::new();
        let entries = d.map(&n, "value");
        let keys: Vec<(&str, &str)> = entries
            .iter()
            .map(|(k, span, _)| (k.as_str(), &src[span.start..span.end]))
            .collect();
        assert_eq!(keys, [("smb", "\"smb\""), ("ent", "ent")]);
        assert_eq!(entries[1].2.kind, Kind::Int(2));
        let m = messages(d);
        assert_eq!(m.len(), 2);
        assert!(m[0].starts_with("`smb` is given twice in `value`"), "{m:?}");
        assert!(
            m[1].starts_with("the keys of `value` should be texts in quotes, but here it is 4"),
            "{m:?}"
        );
        let (v, e) = one("[1]", |d, n| d.map(n, "value").len());
        assert_eq!(v, 0);
        assert!(
            e.unwrap()
                .message
                .starts_with("`value` should be a map in `{ }`")
        );
    }

    #[test]
    fn messages_start_with_the_place_and_records_there_are_not_named_twice() {
        let n = node("(skil: 1, skill: 2, skill: 3)");
        let mut d = Decoder::new();
        d.within("event `rush`", |d| {
            d.within("choice 2", |d| {
                let r = d.record(&n, "choice", &["skill", "label"]).unwrap();
                assert!(r.require(d, "label").is_none());
                assert_eq!(d.place(), "event `rush`, choice 2");
            });
            d.within("", |d| d.error(Span::default(), "inside", None));
        });
        assert_eq!(d.place(), "");
        d.error(Span::default(), "outside", None);
        let m = messages(d);
        assert_eq!(
            m,
            [
                "event `rush`, choice 2: there is no field `skil` (hint: did you mean `skill`?)",
                "event `rush`, choice 2: `skill` is given twice (hint: remove one of them)",
                "event `rush`, choice 2: the field `label` is missing (hint: add `label: …`)",
                "event `rush`: inside",
                "outside",
            ]
        );
        let e = {
            let n = node("[1]");
            let mut d = Decoder::new();
            d.within("person 3", |d| d.record(&n, "person", &["id"]).map(|_| ()));
            messages(d)
        };
        assert_eq!(
            e,
            [
                "person 3: this should be named values in `( )`, but here it is a list in `[ ]` (hint: write it as `(id: …, …)`)"
            ]
        );
    }

    #[test]
    fn names_in_wrappers_and_entries_of_text_lists_get_hints_that_fit() {
        let e = error("ana", |d, n| d.quoted(n, "Person"));
        assert_eq!(e.message, "the name in `Person( )` should be in quotes");
        assert_eq!(e.hint.as_deref(), Some("write `Person(\"ana\")`"));
        let e = error("3", |d, n| d.quoted(n, "Flag"));
        assert_eq!(e.message, "`Flag` takes a name in quotes, but here it is 3");
        let (v, e) = one("\"x\"", |d, n| d.quoted(n, "Flag"));
        assert_eq!((v.as_deref(), e), (Some("x"), None));
        let e = error("3", |d, n| d.text_entry(n, "goals"));
        assert_eq!(
            e.message,
            "each entry of `goals` should be a text in quotes, but here it is 3"
        );
        assert_eq!(
            e.hint.as_deref(),
            Some("for example `goals: [\"First\", \"Second\"]`")
        );
    }

    #[test]
    fn long_and_multi_line_values_do_not_swamp_messages() {
        let e = error("\"a\nb\"", |d, n| d.number(n, "x"));
        assert!(!e.message.contains('\n'), "{e:?}");
        assert!(e.message.ends_with("a text in quotes"));
        let long = "W".repeat(500);
        let e = error(&long, |d, n| d.variant(n, "family", &["A"]).map(|_| ()));
        assert!(e.message.len() < 100, "{e:?}");
    }

    /// A typed decoder written with the toolkit, as the schema does it.
    fn person(d: &mut Decoder, n: &Node) -> Option<(String, f64, String)> {
        let r = d.record(n, "person", &["id", "skill", "role"])?;
        let id = r.required_text(d, "id");
        let skill = r.number_in(d, "skill", 0.0, 1.0, 0.5);
        let role = r
            .require(d, "role")
            .and_then(|n| d.variant(n, "role", &["Engineer", "Support"]))
            .map(|v| v.name.to_string());
        Some((id?, skill, role?))
    }

    #[test]
    fn every_error_in_a_document_is_found_and_rendered_at_once() {
        let src = "[\n  (id: \"ann\", skill: 0.9, role: Engineer),\n  (id: bob, skil: 2, role: Enginer),\n  (skill: 1.5, role: Support, skill: 0),\n]";
        let root = node(src);
        let mut d = Decoder::new();
        let people: Vec<_> = d
            .list(&root, "people")
            .iter()
            .filter_map(|n| person(&mut d, n))
            .collect();
        assert_eq!(people, [("ann".to_string(), 0.9, "Engineer".to_string())]);
        let out = render("team.ron", src, &d.into_diagnostics());
        let headers: Vec<&str> = out.lines().filter(|l| l.starts_with("team.ron:")).collect();
        assert_eq!(
            headers,
            [
                "team.ron:3:8: `id` should be a text in quotes, but here it is `bob`",
                "team.ron:3:13: a person has no field `skil`",
                "team.ron:3:28: `Enginer` is not one of the names `role` accepts",
                "team.ron:4:3: this person needs the field `id`",
                "team.ron:4:11: `skill` must be between 0 and 1, but it is 1.5",
                "team.ron:4:31: `skill` is given twice in this person",
            ],
            "{out}"
        );
        assert!(out.contains("= hint: did you mean `skill`?"), "{out}");
        assert!(out.contains("= hint: did you mean `Engineer`?"), "{out}");
        assert!(
            out.contains("= hint: put it in quotes: `id: \"bob\"`"),
            "{out}"
        );
    }
}
