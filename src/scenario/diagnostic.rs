//! Errors an author can act on: where, what, and what to do about it.

use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::tree::Span;

/// One problem in a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// Where it is.
    pub span: Span,
    /// What is wrong, in the file's own words.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// A problem with no hint yet.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// 1-based line and 1-based column (in characters) of a byte offset, clamped to the source.
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Renders every diagnostic, in file order: a `FILE:LINE:COL: message` line, the offending
/// source line with a caret under the span, and the hint.
pub fn render(file: &str, src: &str, diags: &[Diagnostic]) -> String {
    let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
    sorted.sort_by_key(|d| (d.span.start, d.span.end));
    let renderer = Renderer::plain();
    let mut out = String::new();
    for d in sorted {
        let (line, col) = line_col(src, d.span.start);
        out.push_str(&format!("{file}:{line}:{col}: {}\n", d.message));
        let start = clamp_to_char(src, d.span.start);
        let end = clamp_to_char(src, d.span.end.max(start));
        let hint = d
            .hint
            .as_deref()
            .map(|h| Level::HELP.with_name("hint").message(h));
        if src.is_empty() {
            if let Some(h) = &d.hint {
                out.push_str(&format!("  = hint: {h}\n"));
            }
            out.push('\n');
            continue;
        }
        let mut group = Group::with_level(Level::ERROR).element(
            Snippet::source(src)
                .path(file)
                .annotation(AnnotationKind::Primary.span(start..end.max(start))),
        );
        if let Some(h) = hint {
            group = group.element(h);
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

/// The nearest char boundary at or before `offset`, within the source.
fn clamp_to_char(src: &str, offset: usize) -> usize {
    let mut o = offset.min(src.len());
    while !src.is_char_boundary(o) {
        o -= 1;
    }
    o
}

/// The nearest candidate to a misspelt word, if it is close enough to be a plausible typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_from_one() {
        let src = "ab\nçd: x";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 3), (2, 1));
        assert_eq!(line_col(src, 7), (2, 4));
        assert_eq!(line_col(src, 999), (2, 6));
    }

    #[test]
    fn render_gives_position_caret_and_hint() {
        let src = "(\n  skil: 1,\n)";
        let d = Diagnostic::new(Span { start: 4, end: 8 }, "unknown field `skil`")
            .with_hint("did you mean `skill`?");
        let out = render("f.ron", src, &[d]);
        assert!(
            out.starts_with("f.ron:2:3: unknown field `skil`\n"),
            "{out}"
        );
        assert!(out.contains("^^^^"), "{out}");
        assert!(out.contains("hint: did you mean `skill`?"), "{out}");
    }

    #[test]
    fn did_you_mean_finds_typos_only() {
        assert_eq!(did_you_mean("skil", ["skill", "morale"]), Some("skill"));
        assert_eq!(did_you_mean("Moral", ["Skill", "Morale"]), Some("Morale"));
        assert_eq!(did_you_mean("banana", ["skill", "morale"]), None);
    }
}
