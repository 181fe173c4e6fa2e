//! A spanned RON syntax tree: every value remembers where it was written, so decoders can
//! point authors at the exact place of a problem.

use super::diagnostic::Diagnostic;

/// A byte range in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// A value and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What the value is.
    pub kind: Kind,
    /// Where it was written.
    pub span: Span,
}

/// The kinds of RON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i64),
    /// A number with a fraction or exponent.
    Float(f64),
    /// A text in quotes.
    Str(String),
    /// A character in single quotes.
    Char(char),
    /// A bare name: a unit enum variant like `Leadership`, or `None`.
    Ident(String),
    /// `[a, b]`.
    List(Vec<Node>),
    /// `{k: v}`.
    Map(Vec<(Node, Node)>),
    /// `(a, b)`, `Name(a, b)`, `Some(x)`, `Name()`.
    Tuple {
        /// The name before the brackets, if any.
        name: Option<Name>,
        /// The values.
        items: Vec<Node>,
    },
    /// `(a: 1)` or `Name(a: 1, b: 2)`.
    Struct {
        /// The name before the brackets, if any.
        name: Option<Name>,
        /// The fields in file order.
        fields: Vec<Field>,
    },
}

/// A name and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Name {
    /// The name.
    pub text: String,
    /// Where.
    pub span: Span,
}

/// One `name: value` of a struct.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// The field's name.
    pub name: Name,
    /// Its value.
    pub value: Node,
}

impl Kind {
    /// The kind in words, for messages: "expected a number, found a text".
    pub fn describe(&self) -> &'static str {
        match self {
            Kind::Bool(_) => "`true` or `false`",
            Kind::Int(_) | Kind::Float(_) => "a number",
            Kind::Str(_) => "a text in quotes",
            Kind::Char(_) => "a character",
            Kind::Ident(_) => "a name",
            Kind::List(_) => "a list in `[ ]`",
            Kind::Map(_) => "a map in `{ }`",
            Kind::Tuple { .. } => "values in `( )`",
            Kind::Struct { .. } => "named values in `( )`",
        }
    }
}

/// Nesting deeper than this is refused: no scenario needs it, and it keeps hostile input
/// from exhausting the stack.
const MAX_DEPTH: usize = 64;

/// Parses one RON value (with optional `#![enable(...)]` attributes before it).
pub fn parse(src: &str) -> Result<Node, Diagnostic> {
    let mut p = Parser {
        src,
        pos: 0,
        depth: 0,
    };
    p.skip_trivia()?;
    while p.src[p.pos..].starts_with("#!") {
        p.skip_attribute()?;
        p.skip_trivia()?;
    }
    if p.pos >= src.len() {
        return Err(Diagnostic::new(p.here(), "the file is empty")
            .with_hint("a scenario file starts with `Scenario(`"));
    }
    let node = p.value()?;
    p.skip_trivia()?;
    if p.pos < src.len() {
        return Err(
            Diagnostic::new(p.span_char(), "unexpected text after the end of the value")
                .with_hint("the whole file is one value; is a bracket closed too early?"),
        );
    }
    Ok(node)
}

struct Parser<'s> {
    src: &'s str,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.src[self.pos..].chars().next()
    }

    fn peek_at(&self, n: usize) -> Option<char> {
        self.src[self.pos..].chars().nth(n)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn here(&self) -> Span {
        Span {
            start: self.pos,
            end: self.pos,
        }
    }

    /// The span of the character at the cursor (empty at the end).
    fn span_char(&self) -> Span {
        Span {
            start: self.pos,
            end: self.pos + self.peek().map_or(0, char::len_utf8),
        }
    }

    fn found(&self) -> String {
        match self.peek() {
            None => "the end of the file".into(),
            Some(c) => format!("`{c}`"),
        }
    }

    /// Skips whitespace and comments.
    fn skip_trivia(&mut self) -> Result<(), Diagnostic> {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while let Some(c) = self.bump() {
                        if c == '\n' {
                            break;
                        }
                    }
                }
                (Some('/'), Some('*')) => {
                    let start = self.pos;
                    self.pos += 2;
                    let mut depth = 1;
                    while depth > 0 {
                        match (self.peek(), self.peek_at(1)) {
                            (None, _) => {
                                return Err(Diagnostic::new(
                                    Span {
                                        start,
                                        end: start + 2,
                                    },
                                    "this comment is never closed",
                                )
                                .with_hint("close it with `*/`"));
                            }
                            (Some('*'), Some('/')) => {
                                self.pos += 2;
                                depth -= 1;
                            }
                            (Some('/'), Some('*')) => {
                                self.pos += 2;
                                depth += 1;
                            }
                            _ => {
                                self.bump();
                            }
                        }
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    /// Skips `#![enable(...)]`.
    fn skip_attribute(&mut self) -> Result<(), Diagnostic> {
        let start = self.pos;
        while let Some(c) = self.bump() {
            if c == ']' {
                return Ok(());
            }
        }
        Err(Diagnostic::new(
            Span {
                start,
                end: start + 2,
            },
            "this attribute is never closed",
        )
        .with_hint("close it with `]`"))
    }

    fn value(&mut self) -> Result<Node, Diagnostic> {
        if self.depth >= MAX_DEPTH {
            return Err(
                Diagnostic::new(self.span_char(), "values are nested too deeply")
                    .with_hint("no scenario needs this much nesting"),
            );
        }
        self.depth += 1;
        let node = self.value_inner();
        self.depth -= 1;
        node
    }

    fn value_inner(&mut self) -> Result<Node, Diagnostic> {
        let start = self.pos;
        let node = |kind, end| {
            Ok(Node {
                kind,
                span: Span { start, end },
            })
        };
        match self.peek() {
            None => Err(
                Diagnostic::new(self.here(), "expected a value, but the file ends here")
                    .with_hint("the file seems cut short; is a bracket or quote missing?"),
            ),
            Some('"') => {
                let s = self.string()?;
                node(Kind::Str(s), self.pos)
            }
            Some('r') if matches!(self.peek_at(1), Some('"') | Some('#')) => {
                let s = self.raw_string()?;
                node(Kind::Str(s), self.pos)
            }
            Some('\'') => {
                let c = self.char_lit()?;
                node(Kind::Char(c), self.pos)
            }
            Some('[') => {
                self.bump();
                let mut items = Vec::new();
                loop {
                    self.skip_trivia()?;
                    if self.peek() == Some(']') {
                        self.bump();
                        break;
                    }
                    items.push(self.value()?);
                    self.skip_trivia()?;
                    match self.peek() {
                        Some(',') => {
                            self.bump();
                        }
                        Some(']') => {}
                        _ => return Err(self.unclosed('[', start, "`,` or `]`")),
                    }
                }
                node(Kind::List(items), self.pos)
            }
            Some('{') => {
                self.bump();
                let mut entries = Vec::new();
                loop {
                    self.skip_trivia()?;
                    if self.peek() == Some('}') {
                        self.bump();
                        break;
                    }
                    let key = self.value()?;
                    self.skip_trivia()?;
                    if self.peek() != Some(':') {
                        return Err(Diagnostic::new(
                            self.span_char(),
                            format!("expected `:` after a map key, found {}", self.found()),
                        )
                        .with_hint("map entries are written `\"key\": value`"));
                    }
                    self.bump();
                    self.skip_trivia()?;
                    let value = self.value()?;
                    entries.push((key, value));
                    self.skip_trivia()?;
                    match self.peek() {
                        Some(',') => {
                            self.bump();
                        }
                        Some('}') => {}
                        _ => return Err(self.unclosed('{', start, "`,` or `}`")),
                    }
                }
                node(Kind::Map(entries), self.pos)
            }
            Some('(') => self.parens(None, start),
            Some(c) if c == '-' || c == '+' || c == '.' || c.is_ascii_digit() => self.number(),
            Some(c) if c.is_alphabetic() || c == '_' => {
                let name = self.ident();
                let name_span = Span {
                    start,
                    end: self.pos,
                };
                let after_name = self.pos;
                self.skip_trivia()?;
                if self.peek() == Some('(') {
                    return self.parens(
                        Some(Name {
                            text: name,
                            span: name_span,
                        }),
                        start,
                    );
                }
                self.pos = after_name;
                match name.as_str() {
                    "true" => node(Kind::Bool(true), self.pos),
                    "false" => node(Kind::Bool(false), self.pos),
                    "inf" => node(Kind::Float(f64::INFINITY), self.pos),
                    "NaN" => node(Kind::Float(f64::NAN), self.pos),
                    _ => node(Kind::Ident(name), self.pos),
                }
            }
            Some(_) => Err(Diagnostic::new(
                self.span_char(),
                format!("expected a value, found {}", self.found()),
            )
            .with_hint("values are numbers, \"texts\", names, `( )`, `[ ]` or `{ }`")),
        }
    }

    /// The error for a list, map or parenthesised value that is not closed properly.
    fn unclosed(&self, open: char, start: usize, expected: &str) -> Diagnostic {
        let line = self.src[..start.min(self.src.len())].matches('\n').count() + 1;
        if self.peek().is_none() {
            Diagnostic::new(
                self.here(),
                format!("the file ends before this `{open}` is closed"),
            )
            .with_hint(format!("the `{open}` on line {line} is never closed"))
        } else {
            Diagnostic::new(
                self.span_char(),
                format!("expected {expected}, found {}", self.found()),
            )
            .with_hint(format!(
                "is a comma missing? This is inside the `{open}` opened on line {line}"
            ))
        }
    }

    /// `( ... )`: a struct when the first entry is `name:`, a tuple otherwise.
    fn parens(&mut self, name: Option<Name>, start: usize) -> Result<Node, Diagnostic> {
        self.bump();
        self.skip_trivia()?;
        let is_struct = {
            let save = self.pos;
            let result = if self.peek().is_some_and(|c| c.is_alphabetic() || c == '_') {
                let _ = self.ident();
                self.skip_trivia()?;
                self.peek() == Some(':')
            } else {
                false
            };
            self.pos = save;
            result
        };
        if is_struct {
            let mut fields = Vec::new();
            loop {
                self.skip_trivia()?;
                if self.peek() == Some(')') {
                    self.bump();
                    break;
                }
                if !self.peek().is_some_and(|c| c.is_alphabetic() || c == '_') {
                    return Err(Diagnostic::new(
                        self.span_char(),
                        format!("expected a field name, found {}", self.found()),
                    )
                    .with_hint("fields are written `name: value`"));
                }
                let fstart = self.pos;
                let text = self.ident();
                let fname = Name {
                    text,
                    span: Span {
                        start: fstart,
                        end: self.pos,
                    },
                };
                self.skip_trivia()?;
                if self.peek() != Some(':') {
                    return Err(Diagnostic::new(
                        self.span_char(),
                        format!(
                            "expected `:` after `{}`, found {}",
                            fname.text,
                            self.found()
                        ),
                    )
                    .with_hint("fields are written `name: value`"));
                }
                self.bump();
                self.skip_trivia()?;
                let value = self.value()?;
                let field_name = fname.text.clone();
                fields.push(Field { name: fname, value });
                self.skip_trivia()?;
                match self.peek() {
                    Some(',') => {
                        self.bump();
                    }
                    Some(')') => {}
                    None => return Err(self.unclosed('(', start, "`,` or `)`")),
                    Some(_) => {
                        return Err(Diagnostic::new(
                            self.span_char(),
                            format!(
                                "expected `,` or `)` after the value of `{field_name}`, found {}",
                                self.found()
                            ),
                        )
                        .with_hint("is a comma missing between two fields?"));
                    }
                }
            }
            Ok(Node {
                kind: Kind::Struct { name, fields },
                span: Span {
                    start,
                    end: self.pos,
                },
            })
        } else {
            let mut items = Vec::new();
            loop {
                self.skip_trivia()?;
                if self.peek() == Some(')') {
                    self.bump();
                    break;
                }
                items.push(self.value()?);
                self.skip_trivia()?;
                match self.peek() {
                    Some(',') => {
                        self.bump();
                    }
                    Some(')') => {}
                    _ => return Err(self.unclosed('(', start, "`,` or `)`")),
                }
            }
            Ok(Node {
                kind: Kind::Tuple { name, items },
                span: Span {
                    start,
                    end: self.pos,
                },
            })
        }
    }

    fn ident(&mut self) -> String {
        if self.src[self.pos..].starts_with("r#") {
            self.pos += 2;
        }
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_alphanumeric() || c == '_') {
            self.bump();
        }
        self.src[start..self.pos].to_string()
    }

    fn number(&mut self) -> Result<Node, Diagnostic> {
        let start = self.pos;
        if matches!(self.peek(), Some('-') | Some('+')) {
            self.bump();
        }
        if self.src[self.pos..].starts_with("0x") {
            self.pos += 2;
            let digits_start = self.pos;
            while self
                .peek()
                .is_some_and(|c| c.is_ascii_hexdigit() || c == '_')
            {
                self.bump();
            }
            let digits: String = self.src[digits_start..self.pos]
                .chars()
                .filter(|c| *c != '_')
                .collect();
            let span = Span {
                start,
                end: self.pos,
            };
            let value = i64::from_str_radix(&digits, 16)
                .map_err(|_| Diagnostic::new(span, "this hexadecimal number is not valid"))?;
            let value = if self.src[start..].starts_with('-') {
                -value
            } else {
                value
            };
            return Ok(Node {
                kind: Kind::Int(value),
                span,
            });
        }
        let mut float = false;
        while let Some(c) = self.peek() {
            match c {
                '0'..='9' | '_' => {}
                '.' if self
                    .peek_at(1)
                    .is_none_or(|n| n.is_ascii_digit() || !n.is_alphabetic()) =>
                {
                    float = true
                }
                'e' | 'E' => {
                    float = true;
                    self.bump();
                    if matches!(self.peek(), Some('-') | Some('+')) {
                        self.bump();
                    }
                    continue;
                }
                _ => break,
            }
            self.bump();
        }
        let span = Span {
            start,
            end: self.pos,
        };
        let text: String = self.src[start..self.pos]
            .chars()
            .filter(|c| *c != '_')
            .collect();
        let bad = || {
            Diagnostic::new(span, format!("`{}` is not a number", &text))
                .with_hint("write numbers like `3`, `0.25` or `-1.5`")
        };
        if float {
            text.parse::<f64>()
                .map(|x| Node {
                    kind: Kind::Float(x),
                    span,
                })
                .map_err(|_| bad())
        } else {
            match text.parse::<i64>() {
                Ok(x) => Ok(Node {
                    kind: Kind::Int(x),
                    span,
                }),
                Err(_) => text
                    .parse::<f64>()
                    .map(|x| Node {
                        kind: Kind::Float(x),
                        span,
                    })
                    .map_err(|_| bad()),
            }
        }
    }

    fn string(&mut self) -> Result<String, Diagnostic> {
        let start = self.pos;
        self.bump();
        let mut out = String::new();
        loop {
            match self.bump() {
                None => {
                    return Err(Diagnostic::new(
                        Span {
                            start,
                            end: start + 1,
                        },
                        "this text is never closed",
                    )
                    .with_hint("add the closing `\"`"));
                }
                Some('"') => return Ok(out),
                Some('\\') => {
                    let at = self.pos - 1;
                    let c = match self.bump() {
                        Some('n') => '\n',
                        Some('t') => '\t',
                        Some('r') => '\r',
                        Some('0') => '\0',
                        Some('"') => '"',
                        Some('\'') => '\'',
                        Some('\\') => '\\',
                        Some('\n') => {
                            while self.peek().is_some_and(char::is_whitespace) {
                                self.bump();
                            }
                            continue;
                        }
                        Some('u') => self.unicode_escape(at)?,
                        _ => {
                            return Err(Diagnostic::new(Span { start: at, end: self.pos }, "unknown escape in a text")
                                .with_hint("use `\\n` for a new line, `\\\"` for a quote, `\\\\` for a backslash"));
                        }
                    };
                    out.push(c);
                }
                Some(c) => out.push(c),
            }
        }
    }

    fn unicode_escape(&mut self, at: usize) -> Result<char, Diagnostic> {
        let bad = |end| {
            Diagnostic::new(Span { start: at, end }, "invalid unicode escape")
                .with_hint("write it as `\\u{1F600}`")
        };
        if self.peek() != Some('{') {
            return Err(bad(self.pos));
        }
        self.bump();
        let digits_start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_hexdigit()) {
            self.bump();
        }
        let digits = &self.src[digits_start..self.pos];
        if self.peek() != Some('}') || digits.is_empty() || digits.len() > 6 {
            return Err(bad(self.pos));
        }
        self.bump();
        u32::from_str_radix(digits, 16)
            .ok()
            .and_then(char::from_u32)
            .ok_or_else(|| bad(self.pos))
    }

    fn raw_string(&mut self) -> Result<String, Diagnostic> {
        let start = self.pos;
        self.bump();
        let mut hashes = 0;
        while self.peek() == Some('#') {
            self.bump();
            hashes += 1;
        }
        if self.peek() != Some('"') {
            return Err(Diagnostic::new(
                Span {
                    start,
                    end: self.pos,
                },
                "expected `\"` to start a raw text",
            ));
        }
        self.bump();
        let close = format!("\"{}", "#".repeat(hashes));
        match self.src[self.pos..].find(&close) {
            Some(i) => {
                let s = self.src[self.pos..self.pos + i].to_string();
                self.pos += i + close.len();
                Ok(s)
            }
            None => Err(Diagnostic::new(
                Span {
                    start,
                    end: self.pos,
                },
                "this raw text is never closed",
            )
            .with_hint(format!("close it with `{close}`"))),
        }
    }

    fn char_lit(&mut self) -> Result<char, Diagnostic> {
        let start = self.pos;
        self.bump();
        let c = match self.bump() {
            Some('\\') => match self.bump() {
                Some('n') => '\n',
                Some('t') => '\t',
                Some(c) => c,
                None => '\\',
            },
            Some(c) => c,
            None => '\0',
        };
        if self.bump() != Some('\'') {
            return Err(Diagnostic::new(
                Span {
                    start,
                    end: self.pos,
                },
                "a character is one letter in single quotes",
            )
            .with_hint("for a text, use double quotes"));
        }
        Ok(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_structs_tuples_lists_maps_and_comments() {
        let src = "// head\n#![enable(implicit_some)]\nScenario(a: 1, b: -2.5e1, c: \"x\\ny\", d: [Leadership, Some(3)], e: {\"k\": r#\"raw\"#}, f: (), /* c /* nested */ */ g: Name(h: true),)";
        let node = parse(src).unwrap();
        let Kind::Struct { name, fields } = node.kind else {
            panic!("struct")
        };
        assert_eq!(name.unwrap().text, "Scenario");
        assert_eq!(fields.len(), 7);
        assert_eq!(fields[0].value.kind, Kind::Int(1));
        assert_eq!(fields[1].value.kind, Kind::Float(-25.0));
        assert_eq!(fields[2].value.kind, Kind::Str("x\ny".into()));
        assert!(matches!(&fields[3].value.kind, Kind::List(v) if v.len() == 2));
        assert!(
            matches!(&fields[4].value.kind, Kind::Map(v) if v[0].1.kind == Kind::Str("raw".into()))
        );
        assert!(
            matches!(&fields[5].value.kind, Kind::Tuple { name: None, items } if items.is_empty())
        );
        assert_eq!(
            &src[fields[6].name.span.start..fields[6].name.span.end],
            "g"
        );
    }

    #[test]
    fn spans_are_byte_ranges_even_after_multibyte_text() {
        let src = "(name: \"Inês\", x: 7)";
        let Kind::Struct { fields, .. } = parse(src).unwrap().kind else {
            panic!()
        };
        let x = &fields[1].value;
        assert_eq!(&src[x.span.start..x.span.end], "7");
    }

    #[test]
    fn syntax_errors_point_at_the_problem() {
        let e = parse("(a: 1\n b: 2)").unwrap_err();
        assert_eq!(e.span.start, 7);
        assert!(
            e.message.contains("after the value of `a`"),
            "{}",
            e.message
        );
        let e = parse("(a: [1, 2\n").unwrap_err();
        assert!(e.message.contains("ends before"), "{}", e.message);
        assert!(e.hint.unwrap().contains("line 1"));
        let e = parse("(a: \"open").unwrap_err();
        assert!(e.message.contains("never closed"));
        assert!(parse("").is_err());
        assert!(parse("(a: 1) x").is_err());
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        let src = "[".repeat(10_000);
        assert!(
            parse(&src)
                .unwrap_err()
                .message
                .contains("nested too deeply")
        );
    }
}
