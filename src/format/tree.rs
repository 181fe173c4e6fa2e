//! A spanned RON syntax tree: every value remembers where it was written, so decoders can
//! point authors at the exact place of a problem.
//!
//! We parse RON ourselves rather than deserialising with serde because serde stops at the
//! first error; walking a tree lets the decoders report every problem in a file at once.
//! The parser never panics: it reads through `str::get`, checks every character before
//! using it, and refuses nesting deeper than [`MAX_DEPTH`] so hostile input cannot exhaust
//! the stack.

use super::diagnostic::{Diagnostic, clip, line_col};

/// A byte range in the source. Both ends are on character boundaries.
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
    /// Where it was written, from its first to its last character (a named value starts
    /// at its name).
    pub span: Span,
}

/// The kinds of RON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number (decimal, `0x`, `0o` or `0b`) that fits in an `i64`.
    Int(i64),
    /// A number with a fraction or exponent, a whole number too large for an `i64`, or
    /// `inf`/`NaN`.
    Float(f64),
    /// A text in quotes (escapes resolved) or a raw text `r#"…"#`.
    Str(String),
    /// A character in single quotes.
    Char(char),
    /// A bare name: a unit enum variant like `Leadership`, or `None`.
    Ident(String),
    /// `[a, b]`.
    List(Vec<Node>),
    /// `{k: v}`.
    Map(Vec<(Node, Node)>),
    /// `(a, b)`, `Name(a, b)`, `Some(x)`, `()`, `Name()`.
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
        /// The fields in file order (duplicates kept: decoders report them).
        fields: Vec<Field>,
    },
}

/// A name and where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Name {
    /// The name (without the `r#` of a raw identifier).
    pub text: String,
    /// Where it was written.
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
    /// The kind in words, for messages: "expected a number, found a text in quotes".
    pub fn describe(&self) -> &'static str {
        match self {
            Kind::Bool(_) => "`true` or `false`",
            Kind::Int(_) | Kind::Float(_) => "a number",
            Kind::Str(_) => "a text in quotes",
            Kind::Char(_) => "a character in single quotes",
            Kind::Ident(_) => "a name",
            Kind::List(_) => "a list in `[ ]`",
            Kind::Map(_) => "a map in `{ }`",
            Kind::Tuple { .. } => "values in `( )`",
            Kind::Struct { .. } => "named values in `( )`",
        }
    }
}

/// Values nested deeper than this are refused: no scenario needs it, and it keeps hostile
/// input from exhausting the stack (the parser recurses once per level).
pub const MAX_DEPTH: usize = 64;

/// Parses one RON value, with optional `#![enable(...)]` attributes before it and only
/// whitespace and comments after it. A leading byte-order mark is skipped.
pub fn parse(src: &str) -> Result<Node, Diagnostic> {
    let mut p = Parser {
        src,
        pos: 0,
        depth: 0,
        open: Vec::new(),
    };
    if src.starts_with('\u{feff}') {
        p.pos = '\u{feff}'.len_utf8();
    }
    p.skip_trivia()?;
    while p.rest().starts_with("#!") {
        p.attribute()?;
        p.skip_trivia()?;
    }
    if p.peek().is_none() {
        return Err(Diagnostic::new(p.end_span(), "the file holds no value")
            .with_hint("the file should be one value, like `Scenario( … )`"));
    }
    let node = p.value()?;
    p.skip_trivia()?;
    match p.peek() {
        None => Ok(node),
        Some(c @ (')' | ']' | '}')) => Err(Diagnostic::new(
            p.token().0,
            format!("this `{c}` has no matching opening bracket"),
        )
        .with_hint("is it one too many, or was a bracket closed too early?")),
        Some(_) => {
            let (span, found) = p.token();
            Err(Diagnostic::new(
                span,
                format!("unexpected {found} after the end of the value"),
            )
            .with_hint("the whole file is one value; was a bracket closed too early?"))
        }
    }
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn closer(open: char) -> char {
    match open {
        '[' => ']',
        '{' => '}',
        _ => ')',
    }
}

struct Parser<'s> {
    src: &'s str,
    /// The cursor: always on a character boundary, at most `src.len()`.
    pos: usize,
    depth: usize,
    /// Brackets opened and not yet closed (the character and its offset), for hints that
    /// name the bracket that is never closed.
    open: Vec<(char, usize)>,
}

impl<'s> Parser<'s> {
    fn rest(&self) -> &'s str {
        self.src.get(self.pos..).unwrap_or("")
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn peek2(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        let yes = self.peek() == Some(c);
        if yes {
            self.pos += c.len_utf8();
        }
        yes
    }

    /// Advances over the longest prefix whose characters satisfy `f`.
    fn eat_while(&mut self, f: impl Fn(char) -> bool) -> &'s str {
        let rest = self.rest();
        let len = rest.find(|c: char| !f(c)).unwrap_or(rest.len());
        let taken = rest.get(..len).unwrap_or("");
        self.pos += len;
        taken
    }

    fn span(&self, start: usize) -> Span {
        Span {
            start,
            end: self.pos,
        }
    }

    /// Where errors about the end of the file point: just after the last thing written,
    /// so the caret sits on a line the author can see.
    fn end_span(&self) -> Span {
        let at = self.src.trim_end().len();
        Span { start: at, end: at }
    }

    fn line(&self, offset: usize) -> usize {
        line_col(self.src, offset).0
    }

    /// The token at the cursor and how to name it in a message ("`skill`", "a text in
    /// quotes", "the end of the file").
    fn token(&self) -> (Span, String) {
        let rest = self.rest();
        let Some(c) = rest.chars().next() else {
            return (self.end_span(), "the end of the file".into());
        };
        if is_ident_continue(c) {
            let word_char = |x: char| is_ident_continue(x) || (c.is_ascii_digit() && x == '.');
            let len = rest.find(|x: char| !word_char(x)).unwrap_or(rest.len());
            let word = rest.get(..len).unwrap_or("");
            let shown = format!("`{}`", clip(word));
            return (self.span_len(len), shown);
        }
        let shown = match c {
            '"' => "a text in quotes".to_string(),
            c if c.is_whitespace() || c.is_control() => format!("`{}`", c.escape_debug()),
            c => format!("`{c}`"),
        };
        (self.span_len(c.len_utf8()), shown)
    }

    fn span_len(&self, len: usize) -> Span {
        Span {
            start: self.pos,
            end: self.pos + len,
        }
    }

    /// An error at the end of the file, with a hint naming the innermost unclosed bracket.
    fn eof(&self, message: &str) -> Diagnostic {
        let d = Diagnostic::new(self.end_span(), message);
        match self.open.last() {
            Some(&(c, at)) => d.with_hint(format!(
                "the `{c}` on line {} is never closed; add a `{}`",
                self.line(at),
                closer(c)
            )),
            None => d.with_hint("the file seems cut short"),
        }
    }

    /// When a new bracket opens on a later line than the innermost open one, where a field
    /// name (or a `,` between fields) was expected, the open one was most likely never closed (a
    /// person's `(` left open on line 57, the next person's `(` on line 58): the error points
    /// at the bracket that was opened, where the author has to add its closer, not at the
    /// next line's.
    fn unclosed_before_opening(&self) -> Option<Diagnostic> {
        let next = self.peek().filter(|c| matches!(c, '(' | '[' | '{'))?;
        let &(open, at) = self.open.last()?;
        let (line, here) = (self.line(at), self.line(self.pos));
        (line < here).then(|| {
            Diagnostic::new(
                Span {
                    start: at,
                    end: at + open.len_utf8(),
                },
                format!(
                    "this `{open}` is never closed: a `{next}` opens on line {here} before it is"
                ),
            )
            .with_hint(format!(
                "add a `{}` at the end of what this `{open}` holds, before line {here}",
                closer(open)
            ))
        })
    }

    /// The error when a `,` or the closing bracket was expected after an entry.
    /// `after` completes "expected `,` or `)` …", `hint` says what is probably wrong.
    fn separator_error(&self, after: &str, hint: &str) -> Diagnostic {
        let Some(&(open, at)) = self.open.last() else {
            return self.eof("the file ends too early");
        };
        let close = closer(open);
        match self.peek() {
            None => self.eof("the file ends before every bracket is closed"),
            Some(c @ (')' | ']' | '}')) => Diagnostic::new(
                self.token().0,
                format!(
                    "this `{c}` does not match the `{open}` on line {}",
                    self.line(at)
                ),
            )
            .with_hint(format!(
                "close the `{open}` with `{close}` first, or remove this `{c}`"
            )),
            Some(_) => Diagnostic::new(
                self.token().0,
                format!(
                    "expected `,` or `{close}` {after}, found {}",
                    self.token().1
                ),
            )
            .with_hint(hint.to_string()),
        }
    }

    /// Skips whitespace and comments (`// …` and nested `/* … */`).
    fn skip_trivia(&mut self) -> Result<(), Diagnostic> {
        loop {
            match (self.peek(), self.peek2()) {
                (Some(c), _) if c.is_whitespace() => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    self.eat_while(|c| c != '\n');
                }
                (Some('/'), Some('*')) => {
                    let start = self.pos;
                    self.pos += 2;
                    let mut depth = 1usize;
                    while depth > 0 {
                        match (self.peek(), self.peek2()) {
                            (None, _) => {
                                return Err(Diagnostic::new(
                                    Span {
                                        start,
                                        end: start + 2,
                                    },
                                    "this comment is never closed",
                                )
                                .with_hint("end it with `*/`"));
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

    /// Skips an attribute such as `#![enable(implicit_some)]`. Extensions only change how
    /// serde maps values to types; our decoders accept those forms anyway.
    fn attribute(&mut self) -> Result<(), Diagnostic> {
        let start = self.pos;
        let head = Span {
            start,
            end: start + 2,
        };
        if !self.rest().starts_with("#![") {
            return Err(
                Diagnostic::new(head, "expected `#![` to start an attribute")
                    .with_hint("attributes are written `#![enable(implicit_some)]`"),
            );
        }
        self.pos += 3;
        let mut depth = 1usize;
        while let Some(c) = self.bump() {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(());
                    }
                }
                _ => {}
            }
        }
        Err(Diagnostic::new(head, "this attribute is never closed")
            .with_hint("attributes are written `#![enable(implicit_some)]`"))
    }

    fn value(&mut self) -> Result<Node, Diagnostic> {
        if self.depth >= MAX_DEPTH {
            return Err(
                Diagnostic::new(self.token().0, "values are nested too deeply").with_hint(format!(
                    "more than {MAX_DEPTH} brackets are open here; no scenario needs that many"
                )),
            );
        }
        self.depth += 1;
        let node = self.value_inner();
        self.depth -= 1;
        node
    }

    fn value_inner(&mut self) -> Result<Node, Diagnostic> {
        let start = self.pos;
        let Some(c) = self.peek() else {
            return Err(self.eof("expected a value, but the file ends here"));
        };
        let kind = match c {
            '"' => Kind::Str(self.string()?),
            '\'' => Kind::Char(self.char_lit()?),
            '[' => Kind::List(self.list()?),
            '{' => Kind::Map(self.map()?),
            '(' => return self.parens(None, start),
            'r' if self.raw_string_ahead() => Kind::Str(self.raw_string()?),
            c if c.is_ascii_digit() || matches!(c, '-' | '+' | '.') => return self.number(),
            c if is_ident_start(c) => {
                let raw = self.rest().starts_with("r#");
                let name = self.name();
                let after = self.pos;
                self.skip_trivia()?;
                if self.peek() == Some('(') {
                    return self.parens(Some(name), start);
                }
                self.pos = after;
                match name.text.as_str() {
                    "true" if !raw => Kind::Bool(true),
                    "false" if !raw => Kind::Bool(false),
                    "inf" if !raw => Kind::Float(f64::INFINITY),
                    "NaN" if !raw => Kind::Float(f64::NAN),
                    _ => Kind::Ident(name.text),
                }
            }
            _ => return Err(self.not_a_value()),
        };
        Ok(Node {
            kind,
            span: self.span(start),
        })
    }

    /// The error when a value was expected and something else is at the cursor.
    fn not_a_value(&self) -> Diagnostic {
        let (span, found) = self.token();
        let d = Diagnostic::new(span, format!("expected a value, found {found}"));
        match (self.peek(), self.open.last()) {
            (Some(c @ (')' | ']' | '}')), Some(&(open, at))) if c != closer(open) => {
                d.with_hint(format!(
                    "the `{open}` on line {} is still open; close it with `{}` first",
                    self.line(at),
                    closer(open)
                ))
            }
            _ => d.with_hint(
                "a value is a number, a \"text\", a name, or something in `( )`, `[ ]` or `{ }`",
            ),
        }
    }

    fn list(&mut self) -> Result<Vec<Node>, Diagnostic> {
        self.open.push(('[', self.pos));
        self.bump();
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.eat(']') {
                break;
            }
            if self.peek().is_none() {
                return Err(self.eof("the file ends before every bracket is closed"));
            }
            items.push(self.value()?);
            self.skip_trivia()?;
            if self.eat(',') {
                continue;
            }
            if self.eat(']') {
                break;
            }
            return Err(self.separator_error(
                "between the items of a list",
                "is a comma missing between two items?",
            ));
        }
        self.open.pop();
        Ok(items)
    }

    fn map(&mut self) -> Result<Vec<(Node, Node)>, Diagnostic> {
        self.open.push(('{', self.pos));
        self.bump();
        let mut entries = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.eat('}') {
                break;
            }
            if self.peek().is_none() {
                return Err(self.eof("the file ends before every bracket is closed"));
            }
            let key = self.value()?;
            let key_text = match &key.kind {
                Kind::Str(s) | Kind::Ident(s)
                    if s.chars().count() <= 30 && !s.contains(char::is_control) =>
                {
                    format!("`{s}`")
                }
                _ => "the key".to_string(),
            };
            self.skip_trivia()?;
            if !self.eat(':') {
                if self.peek().is_none() {
                    return Err(self.eof("the file ends before every bracket is closed"));
                }
                let (span, found) = self.token();
                return Err(Diagnostic::new(
                    span,
                    format!("expected `:` after {key_text}, found {found}"),
                )
                .with_hint("map entries are written `\"key\": value`"));
            }
            self.skip_trivia()?;
            if matches!(self.peek(), Some(',' | '}')) {
                return Err(
                    Diagnostic::new(self.token().0, format!("{key_text} has no value"))
                        .with_hint("write a value after the `:`, or remove the entry"),
                );
            }
            let value = self.value()?;
            entries.push((key, value));
            self.skip_trivia()?;
            if self.eat(',') {
                continue;
            }
            if self.eat('}') {
                break;
            }
            return Err(self.separator_error(
                &format!("after the value of {key_text}"),
                "is a comma missing between two entries?",
            ));
        }
        self.open.pop();
        Ok(entries)
    }

    /// `( … )`, optionally after a name: a struct when the first entry is `name:`, a tuple
    /// otherwise. `start` is where the node starts (its name, or the bracket).
    fn parens(&mut self, name: Option<Name>, start: usize) -> Result<Node, Diagnostic> {
        self.open.push(('(', self.pos));
        self.bump();
        self.skip_trivia()?;
        let kind = if self.field_ahead()? {
            Kind::Struct {
                name,
                fields: self.fields()?,
            }
        } else {
            Kind::Tuple {
                name,
                items: self.items()?,
            }
        };
        self.open.pop();
        Ok(Node {
            kind,
            span: self.span(start),
        })
    }

    /// Whether the cursor is at `name:` (without moving it).
    fn field_ahead(&mut self) -> Result<bool, Diagnostic> {
        if !self.peek().is_some_and(is_ident_start) || self.raw_string_ahead() {
            return Ok(false);
        }
        let save = self.pos;
        self.name();
        let skipped = self.skip_trivia();
        let yes = self.peek() == Some(':');
        self.pos = save;
        skipped.map(|()| yes)
    }

    fn fields(&mut self) -> Result<Vec<Field>, Diagnostic> {
        let mut fields = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.eat(')') {
                break;
            }
            match self.peek() {
                None => return Err(self.eof("the file ends before every bracket is closed")),
                Some(c) if is_ident_start(c) && !self.raw_string_ahead() => {}
                Some(']' | '}') => {
                    return Err(self.separator_error("", ""));
                }
                Some(_) => {
                    if let Some(d) = self.unclosed_before_opening() {
                        return Err(d);
                    }
                    let (span, found) = self.token();
                    return Err(Diagnostic::new(
                        span,
                        format!("expected a field name, found {found}"),
                    )
                    .with_hint(
                        "fields are written `name: value`; in `( )` either every value has a name or none does",
                    ));
                }
            }
            let name = self.name();
            self.skip_trivia()?;
            if !self.eat(':') {
                if self.peek().is_none() {
                    return Err(self.eof("the file ends before every bracket is closed"));
                }
                let (span, found) = self.token();
                return Err(Diagnostic::new(
                    span,
                    format!("expected `:` after `{}`, found {found}", clip(&name.text)),
                )
                .with_hint("fields are written `name: value`"));
            }
            self.skip_trivia()?;
            if matches!(self.peek(), Some(',' | ')')) {
                return Err(Diagnostic::new(
                    self.token().0,
                    format!("`{}` has no value", clip(&name.text)),
                )
                .with_hint(format!(
                    "write a value after `{}:`, or remove the field",
                    clip(&name.text)
                )));
            }
            let value = self.value()?;
            let after = format!("after the value of `{}`", clip(&name.text));
            fields.push(Field { name, value });
            self.skip_trivia()?;
            if self.eat(',') {
                continue;
            }
            if self.eat(')') {
                break;
            }
            // A field is a name: a bracket here opens no field, so the `(` is unclosed.
            let d = self.unclosed_before_opening();
            return Err(d.unwrap_or_else(|| {
                self.separator_error(&after, "is a comma missing between two fields?")
            }));
        }
        Ok(fields)
    }

    fn items(&mut self) -> Result<Vec<Node>, Diagnostic> {
        let mut items = Vec::new();
        loop {
            self.skip_trivia()?;
            if self.eat(')') {
                break;
            }
            if self.peek().is_none() {
                return Err(self.eof("the file ends before every bracket is closed"));
            }
            items.push(self.value()?);
            self.skip_trivia()?;
            if self.eat(',') {
                continue;
            }
            if self.eat(')') {
                break;
            }
            if self.peek() == Some(':') {
                return Err(Diagnostic::new(
                    self.token().0,
                    "unexpected `:` among values without names",
                )
                .with_hint(
                    "in `( )` either every value has a name (`a: 1, b: 2`) or none does (`1, 2`)",
                ));
            }
            return Err(self.separator_error(
                "between the values in brackets",
                "is a comma missing between two values?",
            ));
        }
        Ok(items)
    }

    /// Reads an identifier (the cursor is at its first character or at `r#`).
    fn name(&mut self) -> Name {
        let start = self.pos;
        if self.rest().starts_with("r#")
            && self
                .rest()
                .get(2..)
                .is_some_and(|r| r.starts_with(is_ident_start))
        {
            self.pos += 2;
        }
        let text = self.eat_while(is_ident_continue).to_string();
        Name {
            text,
            span: self.span(start),
        }
    }

    /// Whether the cursor is at `r"`, `r#"`, `r##"`…
    fn raw_string_ahead(&self) -> bool {
        let Some(after_r) = self.rest().strip_prefix('r') else {
            return false;
        };
        after_r.trim_start_matches('#').starts_with('"')
    }

    fn number(&mut self) -> Result<Node, Diagnostic> {
        let start = self.pos;
        let negative = self.eat('-');
        if !negative {
            self.eat('+');
        }
        let radix = match self.rest().get(..2) {
            Some("0x") => Some(16),
            Some("0o") => Some(8),
            Some("0b") => Some(2),
            _ => None,
        };
        if let Some(radix) = radix {
            self.pos += 2;
            let digits: String = self
                .eat_while(is_ident_continue)
                .chars()
                .filter(|c| *c != '_')
                .collect();
            let span = self.span(start);
            let written = self.src.get(start..self.pos).unwrap_or("");
            return match u64::from_str_radix(&digits, radix) {
                Ok(v) => {
                    let v = if negative {
                        -i128::from(v)
                    } else {
                        i128::from(v)
                    };
                    i64::try_from(v)
                        .map(|v| Node {
                            kind: Kind::Int(v),
                            span,
                        })
                        .map_err(|_| too_large(span, written))
                }
                Err(e) if *e.kind() == std::num::IntErrorKind::PosOverflow => {
                    Err(too_large(span, written))
                }
                Err(_) => Err(not_a_number(span, written)),
            };
        }
        for (word, value) in [("inf", f64::INFINITY), ("NaN", f64::NAN)] {
            let rest = self.rest();
            let after = rest.strip_prefix(word);
            if after.is_some_and(|a| !a.starts_with(is_ident_continue)) {
                self.pos += word.len();
                let value = if negative { -value } else { value };
                return Ok(Node {
                    kind: Kind::Float(value),
                    span: self.span(start),
                });
            }
        }
        let digit = |c: char| c.is_ascii_digit() || c == '_';
        self.eat_while(digit);
        if self.peek() == Some('.') && !self.peek2().is_some_and(is_ident_start) {
            self.bump();
            self.eat_while(digit);
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let rest = self.rest();
            let after = rest.get(1..).unwrap_or("");
            let after = after.strip_prefix(['+', '-']).unwrap_or(after);
            if after.starts_with(|c: char| c.is_ascii_digit()) {
                self.pos += rest.len() - after.len();
                self.eat_while(digit);
            }
        }
        // `10weeks` or `1.5.2`: take the whole word so the message shows what was written.
        if self.peek().is_some_and(is_ident_continue)
            || (self.peek() == Some('.') && self.peek2().is_some_and(|c| c.is_ascii_digit()))
        {
            self.eat_while(|c| is_ident_continue(c) || c == '.');
        }
        if self.pos == start {
            self.bump(); // a lone `.`
        }
        let span = self.span(start);
        let written = self.src.get(start..self.pos).unwrap_or("");
        let text: String = written.chars().filter(|c| *c != '_').collect();
        if !text.contains(|c: char| c.is_ascii_digit()) {
            return Err(not_a_number(span, written));
        }
        let is_float = text.contains(['.', 'e', 'E']);
        if !is_float && let Ok(i) = text.parse::<i64>() {
            return Ok(Node {
                kind: Kind::Int(i),
                span,
            });
        }
        match text.parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(Node {
                kind: Kind::Float(x),
                span,
            }),
            Ok(_) => Err(too_large(span, written)),
            Err(_) => Err(not_a_number(span, written)),
        }
    }

    /// A text in double quotes; the cursor is at the opening quote.
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
                    .with_hint(
                        "add a `\"` where the text ends; without it the rest of the file is read as text",
                    ));
                }
                Some('"') => return Ok(out),
                Some('\\') => {
                    if let Some(c) = self.escape(self.pos - 1)? {
                        out.push(c);
                    }
                }
                Some(c) => out.push(c),
            }
        }
    }

    /// The character after a backslash at `at`; `None` for a line continuation (a
    /// backslash at the end of a line joins it to the next, skipping the indentation).
    fn escape(&mut self, at: usize) -> Result<Option<char>, Diagnostic> {
        let c = match self.bump() {
            Some('n') => '\n',
            Some('t') => '\t',
            Some('r') => '\r',
            Some('0') => '\0',
            Some('\\') => '\\',
            Some('"') => '"',
            Some('\'') => '\'',
            Some('u') => return self.unicode_escape(at).map(Some),
            Some('x') => {
                let digits = self.rest().get(..2).unwrap_or("");
                let value = u8::from_str_radix(digits, 16).ok().filter(|v| *v < 0x80);
                let Some(value) = value else {
                    return Err(Diagnostic::new(
                        self.span(at),
                        "`\\x` must be followed by two hexadecimal digits up to 7F",
                    )
                    .with_hint("for other characters write `\\u{…}`, e.g. `\\u{E9}` for é"));
                };
                self.pos += 2;
                char::from(value)
            }
            Some('\n') => {
                self.eat_while(char::is_whitespace);
                return Ok(None);
            }
            Some('\r') if self.peek() == Some('\n') => {
                self.eat_while(char::is_whitespace);
                return Ok(None);
            }
            other => {
                let what = match other {
                    None => "a `\\` at the very end of the file".to_string(),
                    Some(c) if c.is_whitespace() || c.is_control() => {
                        format!("`\\{}` is not a valid escape", c.escape_debug())
                    }
                    Some(c) => format!("`\\{c}` is not a valid escape"),
                };
                return Err(Diagnostic::new(self.span(at), what).with_hint(
                    "in a text, write `\\n` for a new line, `\\\"` for a quote and `\\\\` for a backslash",
                ));
            }
        };
        Ok(Some(c))
    }

    /// `\u{…}`; the cursor is after the `u`.
    fn unicode_escape(&mut self, at: usize) -> Result<char, Diagnostic> {
        let mut valid = self.eat('{');
        let digits = self.eat_while(|c| c.is_ascii_hexdigit()).to_string();
        valid = valid && self.eat('}') && !digits.is_empty() && digits.len() <= 6;
        let c = if valid {
            u32::from_str_radix(&digits, 16)
                .ok()
                .and_then(char::from_u32)
        } else {
            None
        };
        c.ok_or_else(|| {
            Diagnostic::new(self.span(at), "this is not a valid `\\u{…}` escape")
                .with_hint("write a character's hexadecimal code in braces, e.g. `\\u{E9}` for é")
        })
    }

    /// `r"…"` or `r#"…"#` (any number of `#`); no escapes inside.
    fn raw_string(&mut self) -> Result<String, Diagnostic> {
        let start = self.pos;
        self.bump();
        let hashes = self.eat_while(|c| c == '#').len();
        self.bump(); // the opening quote, checked by `raw_string_ahead`
        let close = format!("\"{}", "#".repeat(hashes));
        match self.rest().find(&close) {
            Some(i) => {
                let text = self.rest().get(..i).unwrap_or("").to_string();
                self.pos += i + close.len();
                Ok(text)
            }
            None => Err(
                Diagnostic::new(self.span(start), "this raw text is never closed")
                    .with_hint(format!("end it with `{close}`")),
            ),
        }
    }

    /// `'c'` or `'\n'`; the cursor is at the opening quote.
    fn char_lit(&mut self) -> Result<char, Diagnostic> {
        let start = self.pos;
        self.bump();
        let c = match self.bump() {
            Some('\\') => self.escape(self.pos - 1)?,
            Some('\'') | None => None,
            Some(c) => Some(c),
        };
        match c {
            Some(c) if self.eat('\'') => Ok(c),
            _ => {
                // Point at the opening quote and the rest of the line, not the whole file.
                self.pos = start + 1;
                self.eat_while(|c| c != '\'' && c != '\n');
                self.eat('\'');
                Err(Diagnostic::new(
                    self.span(start),
                    "a character in single quotes must be exactly one character",
                )
                .with_hint("for a text, use double quotes: \"…\""))
            }
        }
    }
}

fn not_a_number(span: Span, written: &str) -> Diagnostic {
    Diagnostic::new(span, format!("`{}` is not a number", clip(written)))
        .with_hint("write numbers like `3`, `0.25`, `-1.5` or `1e6`")
}

fn too_large(span: Span, written: &str) -> Diagnostic {
    Diagnostic::new(span, format!("`{}` is too large", clip(written)))
        .with_hint("no scenario needs numbers this big")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn ok(src: &str) -> Node {
        match parse(src) {
            Ok(n) => n,
            Err(e) => panic!("{src:?} should parse, got {e:?}"),
        }
    }

    fn err(src: &str) -> Diagnostic {
        match parse(src) {
            Ok(n) => panic!("{src:?} should not parse, got {n:?}"),
            Err(e) => e,
        }
    }

    fn kind(src: &str) -> Kind {
        ok(src).kind
    }

    fn text(src: &str, span: Span) -> &str {
        &src[span.start..span.end]
    }

    fn fields(node: Node) -> (Option<Name>, Vec<Field>) {
        match node.kind {
            Kind::Struct { name, fields } => (name, fields),
            other => panic!("expected a struct, got {other:?}"),
        }
    }

    #[test]
    fn scalars() {
        assert_eq!(kind("true"), Kind::Bool(true));
        assert_eq!(kind("false"), Kind::Bool(false));
        assert_eq!(kind("42"), Kind::Int(42));
        assert_eq!(kind("-7"), Kind::Int(-7));
        assert_eq!(kind("+7"), Kind::Int(7));
        assert_eq!(kind("1_000_000"), Kind::Int(1_000_000));
        assert_eq!(kind("0x1F"), Kind::Int(31));
        assert_eq!(kind("-0xff"), Kind::Int(-255));
        assert_eq!(kind("0b101"), Kind::Int(5));
        assert_eq!(kind("0o17"), Kind::Int(15));
        assert_eq!(kind("-0x8000000000000000"), Kind::Int(i64::MIN));
        assert_eq!(kind("0.25"), Kind::Float(0.25));
        assert_eq!(kind("-2.5e1"), Kind::Float(-25.0));
        assert_eq!(kind("1E-2"), Kind::Float(0.01));
        assert_eq!(kind("3e+2"), Kind::Float(300.0));
        assert_eq!(kind(".5"), Kind::Float(0.5));
        assert_eq!(kind("-.5"), Kind::Float(-0.5));
        assert_eq!(kind("5."), Kind::Float(5.0));
        assert_eq!(kind("1_000.5"), Kind::Float(1000.5));
        assert_eq!(kind("99999999999999999999"), Kind::Float(1e20));
        assert_eq!(kind("inf"), Kind::Float(f64::INFINITY));
        assert_eq!(kind("-inf"), Kind::Float(f64::NEG_INFINITY));
        assert!(matches!(kind("NaN"), Kind::Float(x) if x.is_nan()));
        assert_eq!(kind("'x'"), Kind::Char('x'));
        assert_eq!(kind("'é'"), Kind::Char('é'));
        assert_eq!(kind(r"'\n'"), Kind::Char('\n'));
        assert_eq!(kind(r"'\''"), Kind::Char('\''));
        assert_eq!(kind(r"'\u{263A}'"), Kind::Char('☺'));
        assert_eq!(kind("Leadership"), Kind::Ident("Leadership".into()));
        assert_eq!(kind("None"), Kind::Ident("None".into()));
        assert_eq!(kind("_x1"), Kind::Ident("_x1".into()));
        assert_eq!(kind("r#type"), Kind::Ident("type".into()));
        assert_eq!(kind("r#true"), Kind::Ident("true".into()));
        assert_eq!(kind("Équipe"), Kind::Ident("Équipe".into()));
    }

    #[test]
    fn strings_with_escapes_raw_and_multiple_lines() {
        assert_eq!(
            kind(r#""a\nb\t\"q\"\\ \u{1F600} \x41 \0 \r \'""#),
            Kind::Str("a\nb\t\"q\"\\ 😀 A \0 \r '".into())
        );
        assert_eq!(kind("\"two\nlines\""), Kind::Str("two\nlines".into()));
        assert_eq!(
            kind("\"joined \\\n      here\""),
            Kind::Str("joined here".into())
        );
        assert_eq!(
            kind("\"crlf \\\r\n  joined\""),
            Kind::Str("crlf joined".into())
        );
        assert_eq!(kind(r#"r"raw \n""#), Kind::Str(r"raw \n".into()));
        assert_eq!(
            kind(r###"r##"has "# inside"##"###),
            Kind::Str(r##"has "# inside"##.into())
        );
        assert_eq!(kind(r##"r#"q"#"##), Kind::Str("q".into()));
        assert_eq!(kind("\"Inês ☕\""), Kind::Str("Inês ☕".into()));
        assert_eq!(kind("\"\""), Kind::Str(String::new()));
    }

    #[test]
    fn lists_maps_tuples_and_structs() {
        let Kind::List(items) = kind("[1, \"a\", [], [2,],]") else {
            panic!("list")
        };
        assert_eq!(items.len(), 4);
        assert!(matches!(&items[3].kind, Kind::List(v) if v[0].kind == Kind::Int(2)));
        assert_eq!(kind("[]"), Kind::List(vec![]));

        let Kind::Map(entries) = kind("{\"a\": 1, b: [2], 3: x,}") else {
            panic!("map")
        };
        assert_eq!(entries.len(), 3);
        assert_eq!(entries[0].0.kind, Kind::Str("a".into()));
        assert_eq!(entries[1].0.kind, Kind::Ident("b".into()));
        assert_eq!(entries[2].0.kind, Kind::Int(3));
        assert_eq!(kind("{}"), Kind::Map(vec![]));

        assert!(matches!(kind("()"), Kind::Tuple { name: None, items } if items.is_empty()));
        assert!(matches!(kind("(1, 2,)"), Kind::Tuple { name: None, items } if items.len() == 2));
        assert!(matches!(kind("(Leadership)"), Kind::Tuple { items, .. } if items.len() == 1));
        let Kind::Tuple {
            name: Some(name),
            items,
        } = kind("Some(3)")
        else {
            panic!("tuple")
        };
        assert_eq!(
            (name.text.as_str(), name.span),
            ("Some", Span { start: 0, end: 4 })
        );
        assert_eq!(items[0].kind, Kind::Int(3));
        assert!(
            matches!(kind("Name()"), Kind::Tuple { name: Some(n), items } if n.text == "Name" && items.is_empty())
        );
        assert!(
            matches!(kind("Name ( 1 )"), Kind::Tuple { name: Some(_), items } if items.len() == 1)
        );
        assert!(
            matches!(kind("(Person(\"x\"), 2)"), Kind::Tuple { items, .. } if items.len() == 2)
        );

        let (name, f) = fields(ok("(a: 1, b: Two, r#type: (c: 3),)"));
        assert!(name.is_none());
        let names: Vec<&str> = f.iter().map(|f| f.name.text.as_str()).collect();
        assert_eq!(names, ["a", "b", "type"]);
        assert_eq!(f[1].value.kind, Kind::Ident("Two".into()));
        assert!(matches!(&f[2].value.kind, Kind::Struct { fields, .. } if fields.len() == 1));

        let (name, f) = fields(ok("Person(id: \"x\", id: \"y\")"));
        assert_eq!(name.map(|n| n.text), Some("Person".into()));
        assert_eq!(f.len(), 2, "duplicates are kept for the decoder to report");
    }

    #[test]
    fn comments_attributes_and_byte_order_marks_are_skipped() {
        let src = "\u{feff}// head\n#![enable(implicit_some)]\n#![enable(unwrap_newtypes, [x])]\n/* a /* nested */ comment */ (a: /* in */ 1, // end\n b: 2) // tail\n/* tail */";
        let (_, f) = fields(ok(src));
        assert_eq!(f.len(), 2);
        assert_eq!(f[1].value.kind, Kind::Int(2));
        assert_eq!(kind("//x\n1//y"), Kind::Int(1));
        assert_eq!(kind("/**/1/***/"), Kind::Int(1));
    }

    #[test]
    fn spans_are_byte_ranges_on_character_boundaries() {
        let src = "Scenario(\n  name: \"Inês ☕\", // ç\n  x: -7,\n  list: [A, B(1)],\n)";
        let root = ok(src);
        assert_eq!(
            root.span,
            Span {
                start: 0,
                end: src.len()
            }
        );
        let (name, f) = fields(root);
        assert_eq!(text(src, name.unwrap().span), "Scenario");
        assert_eq!(text(src, f[0].name.span), "name");
        assert_eq!(text(src, f[0].value.span), "\"Inês ☕\"");
        assert_eq!(text(src, f[1].name.span), "x");
        assert_eq!(text(src, f[1].value.span), "-7");
        assert_eq!(line_col(src, f[1].value.span.start), (3, 6));
        let Kind::List(items) = &f[2].value.kind else {
            panic!("list")
        };
        assert_eq!(text(src, f[2].value.span), "[A, B(1)]");
        assert_eq!(text(src, items[0].span), "A");
        assert_eq!(text(src, items[1].span), "B(1)");
        assert_eq!(line_col(src, items[1].span.start), (4, 13));
    }

    /// The (line, column) an error points at.
    fn at(src: &str) -> (usize, usize) {
        line_col(src, err(src).span.start)
    }

    #[test]
    fn a_missing_comma_between_fields_names_the_field() {
        let src = "(\n  skill: 0.5\n  morale: 1,\n)";
        let e = err(src);
        assert_eq!(line_col(src, e.span.start), (3, 3));
        assert_eq!(text(src, e.span), "morale");
        assert_eq!(
            e.message,
            "expected `,` or `)` after the value of `skill`, found `morale`"
        );
        assert!(e.hint.unwrap().contains("comma"));
        let e = err("[1 2]");
        assert!(e.message.contains("between the items of a list"), "{e:?}");
        assert_eq!(e.span, Span { start: 3, end: 4 });
        let e = err("{\"a\": 1 \"b\": 2}");
        assert!(e.message.contains("after the value of `a`"), "{e:?}");
        let e = err("(1 2)");
        assert!(e.message.contains("expected `,` or `)`"), "{e:?}");
    }

    #[test]
    fn an_unclosed_bracket_points_at_the_end_and_names_its_line() {
        let src = "Scenario(\n  a: 1,\n  people: [\n    (id: \"x\"),\n\n";
        let e = err(src);
        assert_eq!(e.span.start, src.trim_end().len(), "{e:?}");
        assert_eq!(line_col(src, e.span.start), (4, 15));
        assert!(e.message.contains("ends before"), "{e:?}");
        assert_eq!(
            e.hint.as_deref(),
            Some("the `[` on line 3 is never closed; add a `]`")
        );
        let e = err("(a: 1,\n b: 2");
        assert!(e.message.contains("ends before"), "{e:?}");
        assert!(e.hint.unwrap().contains("`(` on line 1"));
        let e = err("(a: (b: 1),\n c: ");
        assert!(e.message.contains("expected a value"), "{e:?}");
        assert!(e.hint.unwrap().contains("`(` on line 1"));
        let e = err("{\"k\"");
        assert!(e.hint.unwrap().contains("`{` on line 1"));
    }

    #[test]
    fn a_bracket_left_open_before_the_next_one_is_named_where_it_opened() {
        // The first person's `)` is missing: the next person's `(` shows it, a line later.
        let src = "[\n  (id: \"a\", skill: 0.5,\n  (id: \"b\"),\n]";
        let e = err(src);
        assert_eq!(line_col(src, e.span.start), (2, 3), "{e:?}");
        assert_eq!(text(src, e.span), "(");
        assert_eq!(
            e.message,
            "this `(` is never closed: a `(` opens on line 3 before it is"
        );
        assert!(e.hint.unwrap().contains("add a `)`"));
        // Without the comma too.
        let src = "[\n  (id: \"a\", skill: 0.5\n  (id: \"b\"),\n]";
        assert_eq!(at(src), (2, 3));
        // On one line, a bracket where a field name belongs is that, not an unclosed one.
        let e = err("(a: 1, (b: 2))");
        assert!(
            e.message.contains("expected a field name, found `(`"),
            "{e:?}"
        );
        // A list of lists missing a comma is a missing comma.
        let e = err("[\n  [1],\n  [2]\n  [3],\n]");
        assert!(e.message.contains("expected `,` or `]`"), "{e:?}");
    }

    #[test]
    fn mismatched_and_stray_brackets() {
        let e = err("(a: [1, 2)");
        assert_eq!(e.span, Span { start: 9, end: 10 });
        assert!(
            e.message.contains("does not match the `[` on line 1"),
            "{e:?}"
        );
        assert!(e.hint.unwrap().contains("`]`"));
        let e = err("[1, )");
        assert!(e.message.contains("expected a value, found `)`"), "{e:?}");
        assert!(e.hint.unwrap().contains("close it with `]`"));
        let e = err("(a: 1))");
        assert!(e.message.contains("no matching opening bracket"), "{e:?}");
        assert_eq!(e.span.start, 6);
        let e = err("(a: 1) b");
        assert!(e.message.contains("after the end of the value"), "{e:?}");
        assert_eq!(e.span, Span { start: 7, end: 8 });
        let e = err("(a: 1, 2)");
        assert!(
            e.message.contains("expected a field name, found `2`"),
            "{e:?}"
        );
        let e = err("(1, a: 2)");
        assert!(e.message.contains("`:`"), "{e:?}");
        assert_eq!(e.span.start, 5);
        let e = err("(a: 1, b: ]");
        assert!(e.message.contains("found `]`"), "{e:?}");
        let e = err("(a: 1, ]");
        assert!(e.message.contains("does not match"), "{e:?}");
    }

    #[test]
    fn fields_and_keys_without_values_or_colons() {
        let e = err("(a: , b: 1)");
        assert_eq!(e.message, "`a` has no value");
        assert_eq!(e.span.start, 4);
        let e = err("(a: 1, b = 2)");
        assert_eq!(e.message, "expected `:` after `b`, found `=`");
        assert_eq!(e.span.start, 9);
        let e = err("{\"k\" 1}");
        assert!(e.message.contains("expected `:` after `k`"), "{e:?}");
        let e = err("{\"k\": }");
        assert_eq!(e.message, "`k` has no value");
    }

    #[test]
    fn bad_texts_and_numbers() {
        let src = "(\n  a: 1,\n  name: \"Ann,\n  b: 2,\n)";
        let e = err(src);
        assert_eq!(e.message, "this text is never closed");
        assert_eq!(line_col(src, e.span.start), (3, 9));
        assert!(e.hint.unwrap().contains("`\"`"));
        let e = err(r#""bad \q escape""#);
        assert_eq!(e.message, r"`\q` is not a valid escape");
        assert_eq!(e.span, Span { start: 5, end: 7 });
        assert!(err(r#""\u{110000}""#).message.contains(r"\u{…}"));
        assert!(err(r#""\u{}""#).message.contains(r"\u{…}"));
        assert!(err(r#""\u1234""#).message.contains(r"\u{…}"));
        assert!(err(r#""\xFF""#).message.contains(r"\x"));
        assert!(err("\"ends \\").message.contains("very end"));
        assert!(err("r#\"open\"").message.contains("raw text"));
        assert!(err("'ab'").message.contains("exactly one character"));
        assert!(err("''").message.contains("exactly one character"));
        assert_eq!(err("10weeks").message, "`10weeks` is not a number");
        assert_eq!(err("1.2.3").message, "`1.2.3` is not a number");
        assert_eq!(err("-").message, "`-` is not a number");
        assert_eq!(err(".").message, "`.` is not a number");
        assert_eq!(err("0xZZ").message, "`0xZZ` is not a number");
        assert_eq!(err("0x").message, "`0x` is not a number");
        assert_eq!(err("1e400").message, "`1e400` is too large");
        assert_eq!(
            err("0x8000000000000000").message,
            "`0x8000000000000000` is too large"
        );
        assert_eq!(
            err("0x1_0000_0000_0000_0000").message,
            "`0x1_0000_0000_0000_0000` is too large"
        );
    }

    #[test]
    fn empty_files_comments_and_attributes() {
        assert_eq!(err("").message, "the file holds no value");
        assert_eq!(
            err("  // only a comment\n").message,
            "the file holds no value"
        );
        assert_eq!(
            err("#![enable(implicit_some)]").message,
            "the file holds no value"
        );
        let e = err("/* open");
        assert_eq!(
            (e.message.as_str(), e.span),
            ("this comment is never closed", Span { start: 0, end: 2 })
        );
        assert!(err("/* a /* b */").message.contains("never closed"));
        assert!(
            err("#![enable(x)")
                .message
                .contains("attribute is never closed")
        );
        assert!(err("#!x").message.contains("`#![`"));
        assert!(
            err("#[x] 1")
                .message
                .contains("expected a value, found `#`")
        );
        assert!(err("@").hint.unwrap().contains("a value is"));
    }

    #[test]
    fn positions_after_multibyte_characters() {
        assert_eq!(at("(é: 1 ü: 2)"), (1, 7));
        assert_eq!(at("\"☕\" ☕"), (1, 5));
        let e = err("(a: \"ñ\", b: €)");
        assert_eq!(e.span, Span { start: 13, end: 16 });
        assert_eq!(e.message, "expected a value, found `€`");
    }

    #[test]
    fn nesting_is_capped_without_overflowing_the_stack() {
        for open in ["[", "(", "{\"k\":", "A(", "(a:", "Some("] {
            let e = err(&open.repeat(100_000));
            assert_eq!(e.message, "values are nested too deeply", "{open}");
        }
        let ok_depth = format!(
            "{}1{}",
            "[".repeat(MAX_DEPTH - 1),
            "]".repeat(MAX_DEPTH - 1)
        );
        assert!(parse(&ok_depth).is_ok());
        let too_deep = format!("{}1{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(err(&too_deep).message.contains("nested too deeply"));
    }

    #[test]
    fn describe_names_kinds_in_words() {
        assert_eq!(kind("1").describe(), "a number");
        assert_eq!(kind("1.5").describe(), "a number");
        assert_eq!(kind("\"x\"").describe(), "a text in quotes");
        assert_eq!(kind("[]").describe(), "a list in `[ ]`");
        assert_eq!(kind("X").describe(), "a name");
        assert_eq!(kind("(a: 1)").describe(), "named values in `( )`");
    }

    /// A document that uses every construct, for mutation tests.
    const DOC: &str = "#![enable(implicit_some)]\n// Ein Szenario ☕\nScenario(\n  title: \"Inês \\\"q\\\" \\u{1F600}\",\n  raw: r#\"a \"b\"\"#,\n  n: [1, -2.5e3, 0x1F, .5, +3, 1_000],\n  /* nested /* comment */ */\n  m: {\"k\": Some(A(x: 'c')), j: None},\n  t: (true, false, Name()),\n)\n";

    /// Every span lies inside the source on character boundaries, and children lie within
    /// their parents.
    fn check_spans(src: &str, node: &Node) {
        let Span { start, end } = node.span;
        assert!(start <= end && end <= src.len(), "{node:?}");
        assert!(src.is_char_boundary(start) && src.is_char_boundary(end));
        let inside = |child: &Node| {
            assert!(child.span.start >= start && child.span.end <= end);
            check_spans(src, child);
        };
        match &node.kind {
            Kind::List(items) | Kind::Tuple { items, .. } => items.iter().for_each(inside),
            Kind::Map(entries) => entries.iter().for_each(|(k, v)| {
                inside(k);
                inside(v);
            }),
            Kind::Struct { fields, .. } => fields.iter().for_each(|f| inside(&f.value)),
            _ => {}
        }
    }

    /// Parses without panicking and checks every span (of the tree or of the error).
    fn parse_checked(src: &str) {
        match parse(src) {
            Ok(node) => check_spans(src, &node),
            Err(e) => {
                assert!(
                    e.span.start <= e.span.end && e.span.end <= src.len(),
                    "{e:?}"
                );
                assert!(src.is_char_boundary(e.span.start) && src.is_char_boundary(e.span.end));
                assert!(
                    !e.message.is_empty() && !e.message.contains('\n'),
                    "{src:?}: {e:?}"
                );
            }
        }
    }

    #[test]
    fn the_full_document_parses_and_every_truncation_is_an_error() {
        check_spans(DOC, &ok(DOC));
        let body = DOC.find("Scenario(").unwrap() + "Scenario(".len();
        let close = DOC.rfind(')').unwrap();
        for cut in (0..DOC.len()).filter(|i| DOC.is_char_boundary(*i)) {
            let head = &DOC[..cut];
            parse_checked(head);
            // Inside the body nothing is complete; before it, `Scenario` alone is a name.
            if (body..=close).contains(&cut) {
                assert!(parse(head).is_err(), "{head:?}");
            }
        }
        assert!(parse(&DOC[..=close]).is_ok());
    }

    fn ron_piece() -> impl Strategy<Value = &'static str> {
        prop::sample::select(vec![
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            "\"",
            "'",
            "r#\"",
            "\"#",
            "r#",
            "/*",
            "*/",
            "//",
            "\n",
            " ",
            "a",
            "Name",
            "Some",
            "1",
            "-",
            "+",
            ".5",
            "e3",
            "0x",
            "_",
            "\\",
            "\\u{",
            "é",
            "☕",
            "#![enable(",
            "true",
            "inf",
            "#",
        ])
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn arbitrary_strings_never_panic(s in any::<String>()) {
            parse_checked(&s);
        }

        #[test]
        fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
            parse_checked(&String::from_utf8_lossy(&bytes));
        }

        #[test]
        fn ron_like_soup_never_panics(pieces in prop::collection::vec(ron_piece(), 0..120)) {
            parse_checked(&pieces.concat());
        }

        #[test]
        fn mutated_documents_never_panic(
            at in 0..DOC.len(),
            insert in any::<char>(),
            delete in any::<bool>(),
            cut in 0..=DOC.len(),
        ) {
            let at = DOC.floor_char_boundary(at);
            let mut doc = DOC.to_string();
            if delete {
                doc.remove(at);
            } else {
                doc.insert(at, insert);
            }
            parse_checked(&doc);
            parse_checked(&doc[..doc.floor_char_boundary(cut.min(doc.len()))]);
        }
    }
}
