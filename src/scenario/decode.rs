//! An error-collecting toolkit for typed decoders.
//!
//! Every reader reports what is wrong in words an author who is not a programmer can act on
//! (the field's name as written, what was expected, what was found, the nearest valid name)
//! and returns `None`, so the caller carries on and the next error is found too.

use super::diagnostic::{Diagnostic, did_you_mean};
use super::tree::{Field, Kind, Node, Span};

/// Collects diagnostics while decoding.
#[derive(Default)]
pub struct Decoder {
    diagnostics: Vec<Diagnostic>,
}

/// A struct-like value: `(a: 1)` or `Name(a: 1)`.
#[derive(Clone)]
pub struct Record<'n> {
    /// The whole value.
    pub span: Span,
    /// Its opening (name and bracket), where "missing field" errors point.
    pub head: Span,
    /// What it is, as messages call it ("person").
    pub what: String,
    fields: &'n [Field],
}

/// An enum value: `Name`, `Name(a, b)` or `Name(a: 1)`.
pub struct Variant<'n> {
    /// The variant's name.
    pub name: &'n str,
    /// Where the name is.
    pub span: Span,
    /// What follows the name.
    pub payload: Payload<'n>,
}

/// What follows a variant's name.
#[derive(Clone)]
pub enum Payload<'n> {
    /// Nothing.
    Unit,
    /// `(a, b)`.
    Tuple(&'n [Node]),
    /// `(a: 1)`.
    Record(Record<'n>),
}

impl<'n> Record<'n> {
    /// The value of a field, if given.
    pub fn get(&self, name: &str) -> Option<&'n Node> {
        self.fields
            .iter()
            .find(|f| f.name.text == name)
            .map(|f| &f.value)
    }

    /// The value of a required field; reports it missing otherwise.
    pub fn require(&self, d: &mut Decoder, name: &str) -> Option<&'n Node> {
        let found = self.get(name);
        if found.is_none() {
            d.error(
                self.head,
                format!("this {} needs a `{name}`", self.what),
                Some(format!("add `{name}: …`")),
            );
        }
        found
    }
}

/// "a number" / "1.5" / "\"x\"": what was found, for messages.
fn shown(node: &Node) -> String {
    match &node.kind {
        Kind::Int(i) => format!("{i}"),
        Kind::Float(x) => format!("{x}"),
        Kind::Str(s) if s.chars().count() <= 30 => format!("\"{s}\""),
        Kind::Ident(s) => format!("`{s}`"),
        other => other.describe().to_string(),
    }
}

/// A number without needless decimals.
fn num(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        format!("{x}")
    }
}

impl Decoder {
    /// A decoder with no diagnostics yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a diagnostic.
    pub fn report(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Adds an error.
    pub fn error(&mut self, span: Span, message: impl Into<String>, hint: Option<String>) {
        let mut d = Diagnostic::new(span, message);
        d.hint = hint;
        self.diagnostics.push(d);
    }

    /// Whether anything was reported.
    pub fn has_errors(&self) -> bool {
        !self.diagnostics.is_empty()
    }

    /// Everything reported, in the order found.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    fn expected(&mut self, node: &Node, what: &str, expected: &str, example: &str) {
        self.error(
            node.span,
            format!(
                "`{what}` should be {expected}, but here it is {}",
                shown(node)
            ),
            Some(format!("for example `{what}: {example}`")),
        );
    }

    /// A finite number (whole or not).
    pub fn number(&mut self, node: &Node, what: &str) -> Option<f64> {
        match node.kind {
            Kind::Int(i) => Some(i as f64),
            Kind::Float(x) if x.is_finite() => Some(x),
            _ => {
                self.expected(node, what, "a number", "0.5");
                None
            }
        }
    }

    /// A number within `min..=max`.
    pub fn number_in(&mut self, node: &Node, what: &str, min: f64, max: f64) -> Option<f64> {
        let x = self.number(node, what)?;
        if x < min || x > max {
            self.error(
                node.span,
                format!(
                    "`{what}` must be between {} and {}, but it is {}",
                    num(min),
                    num(max),
                    num(x)
                ),
                None,
            );
            return None;
        }
        Some(x)
    }

    /// A whole number within `min..=max`.
    pub fn integer_in(&mut self, node: &Node, what: &str, min: i64, max: i64) -> Option<i64> {
        let Kind::Int(i) = node.kind else {
            self.expected(node, what, "a whole number", &min.max(1).to_string());
            return None;
        };
        if i < min || i > max {
            self.error(
                node.span,
                format!("`{what}` must be between {min} and {max}, but it is {i}"),
                None,
            );
            return None;
        }
        Some(i)
    }

    /// A text in quotes.
    pub fn text(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.kind {
            Kind::Str(s) => Some(s.clone()),
            _ => {
                self.expected(node, what, "a text in quotes", "\"…\"");
                None
            }
        }
    }

    /// `true` or `false`.
    pub fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        match node.kind {
            Kind::Bool(b) => Some(b),
            _ => {
                self.expected(node, what, "`true` or `false`", "true");
                None
            }
        }
    }

    /// The items of a list (empty after reporting anything else).
    pub fn list<'n>(&mut self, node: &'n Node, what: &str) -> &'n [Node] {
        match &node.kind {
            Kind::List(items) => items,
            _ => {
                self.expected(node, what, "a list in `[ ]`", "[ … ]");
                &[]
            }
        }
    }

    /// A struct-like value. Reports every unknown field (with the nearest allowed name) and
    /// every field given twice.
    pub fn record<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        allowed: &[&str],
    ) -> Option<Record<'n>> {
        let record = self.as_record(node, what)?;
        self.check_fields(&record, what, allowed);
        Some(record)
    }

    fn as_record<'n>(&mut self, node: &'n Node, what: &str) -> Option<Record<'n>> {
        let head = |name: &Option<super::tree::Name>| Span {
            start: node.span.start,
            end: name
                .as_ref()
                .map_or(node.span.start + 1, |n| n.span.end + 1)
                .min(node.span.end),
        };
        match &node.kind {
            Kind::Struct { name, fields } => Some(Record {
                span: node.span,
                head: head(name),
                what: what.into(),
                fields,
            }),
            Kind::Tuple { name, items } if items.is_empty() => Some(Record {
                span: node.span,
                head: head(name),
                what: what.into(),
                fields: &[],
            }),
            _ => {
                self.error(
                    node.span,
                    format!(
                        "a {what} should be named values in `( )`, but here it is {}",
                        shown(node)
                    ),
                    Some("write it as `(name: value, …)`".into()),
                );
                None
            }
        }
    }

    /// Reports fields of `record` that are not in `allowed`, and fields given twice.
    pub fn check_fields(&mut self, record: &Record, what: &str, allowed: &[&str]) {
        for (i, f) in record.fields.iter().enumerate() {
            let name = f.name.text.as_str();
            if !allowed.contains(&name) {
                let hint = match did_you_mean(name, allowed.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!(
                        "a {what} may have: {}",
                        allowed
                            .iter()
                            .map(|a| format!("`{a}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                self.error(
                    f.name.span,
                    format!("a {what} has no field `{name}`"),
                    Some(hint),
                );
            } else if record.fields[..i].iter().any(|g| g.name.text == name) {
                self.error(
                    f.name.span,
                    format!("`{name}` is given twice in this {what}"),
                    Some("remove one of them".into()),
                );
            }
        }
    }

    /// An enum value from a fixed set of names.
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
                let record = self.as_record(node, n.text.as_str())?;
                (n.text.as_str(), n.span, Payload::Record(record))
            }
            _ => {
                let first = allowed.first().copied().unwrap_or("…");
                self.error(
                    node.span,
                    format!(
                        "`{what}` should be a name such as `{first}`, but here it is {}",
                        shown(node)
                    ),
                    Some(format!("one of: {}", allowed.join(", "))),
                );
                return None;
            }
        };
        if !allowed.contains(&name) {
            let hint = match did_you_mean(name, allowed.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("one of: {}", allowed.join(", ")),
            };
            self.error(span, format!("`{name}` is not a valid {what}"), Some(hint));
            return None;
        }
        Some(Variant {
            name,
            span,
            payload,
        })
    }

    /// A map whose keys are texts or names: `(key, key span, value)` in file order.
    pub fn map<'n>(&mut self, node: &'n Node, what: &str) -> Vec<(String, Span, &'n Node)> {
        let Kind::Map(entries) = &node.kind else {
            self.expected(node, what, "a map in `{ }`", "{\"key\": 1}");
            return Vec::new();
        };
        let mut out = Vec::new();
        for (k, v) in entries {
            match &k.kind {
                Kind::Str(s) | Kind::Ident(s) => out.push((s.clone(), k.span, v)),
                _ => self.error(
                    k.span,
                    format!(
                        "the keys of `{what}` should be texts in quotes, but here it is {}",
                        shown(k)
                    ),
                    None,
                ),
            }
        }
        out
    }

    /// `Some(x)` or a bare `x` → the value; `None` → nothing.
    pub fn optional<'n>(&mut self, node: &'n Node) -> Option<&'n Node> {
        match &node.kind {
            Kind::Ident(s) if s == "None" => None,
            Kind::Tuple {
                name: Some(n),
                items,
            } if n.text == "Some" && items.len() == 1 => items.first(),
            _ => Some(node),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::tree::parse;

    fn messages(d: Decoder) -> Vec<String> {
        d.into_diagnostics()
            .into_iter()
            .map(|x| format!("{x}"))
            .collect()
    }

    #[test]
    fn records_report_unknown_and_duplicate_fields_and_missing_ones() {
        let node = parse("(skil: 1, skill: 2, skill: 3, zzz: 4)").unwrap();
        let mut d = Decoder::new();
        let r = d.record(&node, "person", &["skill", "morale"]).unwrap();
        assert!(r.require(&mut d, "morale").is_none());
        let m = messages(d);
        assert_eq!(m.len(), 4, "{m:?}");
        assert!(m[0].contains("`skil`") && m[0].contains("did you mean `skill`"));
        assert!(m[1].contains("twice"));
        assert!(m[2].contains("`zzz`") && m[2].contains("`skill`, `morale`"));
        assert!(m[3].contains("needs a `morale`"));
    }

    #[test]
    fn leaves_report_type_and_range() {
        let mut d = Decoder::new();
        assert_eq!(d.number_in(&parse("1.5").unwrap(), "skill", 0.0, 1.0), None);
        assert_eq!(d.text(&parse("3").unwrap(), "name"), None);
        assert_eq!(d.integer_in(&parse("2.5").unwrap(), "weeks", 1, 52), None);
        assert_eq!(d.number(&parse("7").unwrap(), "x"), Some(7.0));
        let m = messages(d);
        assert!(m[0].contains("between 0 and 1, but it is 1.5"), "{m:?}");
        assert!(m[1].contains("a text in quotes"));
        assert!(m[2].contains("whole number"));
    }

    #[test]
    fn variants_suggest_the_nearest_name() {
        let mut d = Decoder::new();
        let node = parse("Leadershp").unwrap();
        assert!(
            d.variant(&node, "family", &["Leadership", "Management"])
                .is_none()
        );
        let ok = parse("Is(measure: Week)").unwrap();
        let v = d.variant(&ok, "condition", &["Is"]).unwrap();
        assert!(matches!(v.payload, Payload::Record(_)));
        assert!(messages(d)[0].contains("did you mean `Leadership`"));
    }
}
