//! Errors an author can act on: where, what, and what to do about it.
//!
//! A [`Diagnostic`] is a span, a message and an optional hint; [`render`] turns a file's
//! diagnostics into the text the command line prints, one block per problem in file order,
//! each starting with a `FILE:LINE:COL: message` line that editors and terminals recognise.

use std::fmt;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::tree::Span;

/// One problem in a file.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// Where it is (byte offsets into the source).
    pub span: Span,
    /// What is wrong, in the file's own words.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

/// Messages and hints are cut to this many characters: whatever a file holds, one problem
/// prints a few lines, not the file.
pub const MAX_MESSAGE_CHARS: usize = 400;

/// Names and tokens quoted in a message are cut to this many characters.
pub const MAX_QUOTED_CHARS: usize = 40;

/// How many names a hint lists before it says how many more there are.
const MAX_LISTED: usize = 8;

impl Diagnostic {
    /// A problem with no hint yet.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Self {
            span,
            message: bounded(message.into()),
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(bounded(hint.into()));
        self
    }
}

/// `text` cut to [`MAX_MESSAGE_CHARS`], with `…` where it was cut.
pub fn bounded(mut text: String) -> String {
    if let Some((cut, _)) = text.char_indices().nth(MAX_MESSAGE_CHARS) {
        text.truncate(cut);
        text.push('…');
    }
    text
}

/// A name or token for quoting in a message, cut to [`MAX_QUOTED_CHARS`] so a runaway word
/// (a 900,000-digit number, an id pasted a thousand times) does not swamp it.
pub fn clip(s: &str) -> String {
    match s.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((cut, _)) => format!("{}…", &s[..cut]),
        None => s.to_string(),
    }
}

/// The message and the hint, without the position (for one-line contexts such as menus).
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// 1-based line and 1-based column (in characters) of a byte offset, clamped to the source
/// (an offset inside a character counts as that character).
pub fn line_col(src: &str, offset: usize) -> (usize, usize) {
    let offset = src.floor_char_boundary(offset);
    let before = src.get(..offset).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let col = before.get(line_start..).unwrap_or("").chars().count() + 1;
    (line, col)
}

/// Lines longer than this (in bytes) are shown as a window around the problem, so a
/// minified one-line file neither floods the terminal nor makes rendering slow.
const WIDE_LINE: usize = 160;
/// How much of a long line to show on each side of the problem, in bytes.
const CONTEXT: usize = 60;

/// Renders every diagnostic, in file order: a `FILE:LINE:COL: message` line, the offending
/// source line with a caret under the span (a span over several lines is marked on its
/// first line), and `hint: …` when there is one. Blocks are separated by a blank line.
///
/// Never panics, whatever the spans: they are clamped to the source and to character
/// boundaries before `annotate-snippets` (which panics on bad spans) sees them.
pub fn render(file: &str, src: &str, diags: &[Diagnostic]) -> String {
    let mut sorted: Vec<&Diagnostic> = diags.iter().collect();
    sorted.sort_by_key(|d| (d.span.start, d.span.end));
    let renderer = Renderer::plain();
    let mut locate = Locator::new(src);
    let mut out = String::new();
    for d in sorted {
        let (start, end) = clamp(src, d.span);
        let (line, col) = locate.line_col(start);
        out.push_str(&format!(
            "{}:{line}:{col}: {}\n",
            one_line(file),
            one_line(&d.message)
        ));
        let hint = d
            .hint
            .as_deref()
            .map(|h| Level::HELP.with_name("hint").message(h));
        if src.is_empty() {
            // A problem with the file as a whole: there is no line to show.
            if let Some(h) = &d.hint {
                out.push_str(&format!("  = hint: {}\n", h.replace('\n', "\n          ")));
            }
            out.push('\n');
            continue;
        }
        let (text, marked) = excerpt(src, locate.line_start(start), start, end);
        let mut group = Group::with_level(Level::ERROR).element(
            Snippet::source(text)
                .line_start(line)
                .annotation(AnnotationKind::Primary.span(marked)),
        );
        if let Some(h) = hint {
            group = group.element(h);
        }
        out.push_str(&renderer.render(&[group]));
        out.push_str("\n\n");
    }
    out
}

/// The span clamped to the source and to character boundaries. An empty span at the very
/// end (as syntax errors about a cut-short file have) moves back over trailing whitespace,
/// so it points at the last line written rather than an empty line after it.
fn clamp(src: &str, span: Span) -> (usize, usize) {
    let start = src.floor_char_boundary(span.start);
    let end = src.ceil_char_boundary(span.end.max(start));
    if start == end && start == src.len() {
        let at = src.trim_end().len();
        return (at, at);
    }
    (start, end)
}

/// The text of the line holding `start` (or a window of it, if it is long) and the range to
/// mark within that text.
fn excerpt(
    src: &str,
    line_start: usize,
    start: usize,
    end: usize,
) -> (String, std::ops::Range<usize>) {
    let rest = src.get(line_start..).unwrap_or("");
    let line_len = rest.find('\n').unwrap_or(rest.len());
    let line = rest.get(..line_len).unwrap_or("");
    let line = line.strip_suffix('\r').unwrap_or(line);
    let line_end = line_start + line.len();
    // Mark on this line only; an empty mark at the end of the line shows a caret after it.
    let (a, b) = (start.min(line_end), end.min(line_end));
    if line.len() <= WIDE_LINE {
        return (line.to_string(), a - line_start..b - line_start);
    }
    let b = src.ceil_char_boundary(b.min(a + CONTEXT));
    let from = src.floor_char_boundary(a.saturating_sub(CONTEXT).max(line_start));
    let to = src.ceil_char_boundary((b + CONTEXT).min(line_end));
    let prefix = if from > line_start { "… " } else { "" };
    let suffix = if to < line_end { " …" } else { "" };
    let text = format!("{prefix}{}{suffix}", src.get(from..to).unwrap_or(""));
    let shift = prefix.len();
    (text, a - from + shift..b - from + shift)
}

/// Replaces line breaks so a header stays on one line.
fn one_line(s: &str) -> String {
    s.replace(['\r', '\n'], " ")
}

/// Line and column lookups that stay linear over a whole sorted batch of diagnostics, so a
/// file with thousands of problems still renders quickly.
struct Locator<'s> {
    src: &'s str,
    /// The byte offset where each line starts.
    starts: Vec<usize>,
    /// The last position looked up: offset, line, column.
    last: (usize, usize, usize),
}

impl<'s> Locator<'s> {
    fn new(src: &'s str) -> Self {
        let starts = std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self {
            src,
            starts,
            last: (0, 1, 1),
        }
    }

    /// The 1-based line of a char-boundary offset.
    fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|s| *s <= offset).max(1)
    }

    fn line_start(&self, offset: usize) -> usize {
        self.starts.get(self.line(offset) - 1).copied().unwrap_or(0)
    }

    fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let (last_offset, last_line, last_col) = self.last;
        let col = if line == last_line && offset >= last_offset {
            last_col
                + self
                    .src
                    .get(last_offset..offset)
                    .unwrap_or("")
                    .chars()
                    .count()
        } else {
            let from = self.line_start(offset);
            1 + self.src.get(from..offset).unwrap_or("").chars().count()
        };
        self.last = (offset, line, col);
        (line, col)
    }
}

/// Words longer than this get no suggestion: no real name is that long, and edit distance
/// costs the product of the lengths.
const MAX_SUGGESTED_LEN: usize = 64;

/// How much spelling comparison one error may cost, in characters of the word times
/// characters of a candidate: enough for every name of the largest scenario the format
/// allows, and a bound on the time one misspelt name can take whatever the file.
const SUGGESTION_BUDGET: usize = 1 << 20;

/// How much spelling comparison a whole file may cost, in the same units: eight errors'
/// worth, thousands of ordinary misspellings. A file of 200 misspelt long names among 500
/// long ones took 3.3 s when only each error was bounded (a suggestion and a list of the
/// nearest names, a budget each, for the hundred errors shown); past this, hints list names
/// in the file's order and suggest none. `benches/format.rs` measures that file.
pub const FILE_SPELLING_BUDGET: usize = 8 * SUGGESTION_BUDGET;

/// What is left of a file's spelling comparisons ([`FILE_SPELLING_BUDGET`]): a decoder keeps
/// one for the whole file, so the cost of suggestions is bounded per file, not per error.
#[derive(Debug)]
pub struct Spelling {
    left: usize,
}

impl Default for Spelling {
    fn default() -> Self {
        Self::per_file()
    }
}

impl Spelling {
    /// A whole file's allowance.
    pub fn per_file() -> Self {
        Self {
            left: FILE_SPELLING_BUDGET,
        }
    }

    /// One error's allowance, for a lone suggestion (a scenario's name on the command line).
    fn one_error() -> Self {
        Self {
            left: SUGGESTION_BUDGET,
        }
    }

    /// An error's budget from what is left; [`Spelling::spend`] takes back what it used.
    fn budget(&self, word: &str) -> Budget {
        Budget {
            lower: word.to_lowercase().chars().collect(),
            left: self.left.min(SUGGESTION_BUDGET),
        }
    }

    fn spend(&mut self, given: usize, budget: &Budget) {
        self.left -= given - budget.left;
    }

    /// The nearest candidate to a misspelt word, compared case-insensitively, if it is close
    /// enough to be a plausible typo: at most one edit per three characters (and at least one
    /// edit allowed). Ties go to the earlier candidate. The work is bounded per call and by
    /// what is left of the file's allowance: candidates that could not be near on length
    /// alone are skipped, and comparison stops when the budget is spent.
    pub fn did_you_mean<'a>(
        &mut self,
        word: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Option<&'a str> {
        let word_len = word.chars().count();
        if word_len == 0 || word_len > MAX_SUGGESTED_LEN {
            return None;
        }
        let mut budget = self.budget(word);
        let given = budget.left;
        let mut best: Option<(usize, &str)> = None;
        for c in candidates {
            let len = c.chars().count();
            if len == 0 || len > MAX_SUGGESTED_LEN {
                continue;
            }
            let allowed = (len.max(word_len) / 3).max(1);
            // An edit changes the length by at most one.
            if len.abs_diff(word_len) > allowed {
                continue;
            }
            let Some(d) = budget.distance(c) else { break };
            if d <= allowed && best.is_none_or(|(b, _)| d < b) {
                best = Some((d, c));
            }
        }
        self.spend(given, &budget);
        best.map(|(_, c)| c)
    }

    /// Names for a hint, each in backticks: all of them when there are few, else the few
    /// nearest to `word` in spelling (in the order given when equally near, or when the
    /// budget is spent) and how many more.
    pub fn listed(&mut self, word: &str, names: &[&str]) -> String {
        if names.is_empty() {
            return "(none)".into();
        }
        let quote = |n: &&str| format!("`{}`", clip(n));
        if names.len() <= MAX_LISTED {
            return names.iter().map(quote).collect::<Vec<_>>().join(", ");
        }
        let shown = MAX_LISTED - 3;
        let mut budget = self.budget(word);
        let given = budget.left;
        let mut ranked: Vec<(usize, usize)> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (budget.distance(n).unwrap_or(usize::MAX), i))
            .collect();
        self.spend(given, &budget);
        ranked.sort_unstable();
        let near: Vec<String> = ranked[..shown]
            .iter()
            .map(|&(_, i)| quote(&names[i]))
            .collect();
        format!("{} and {} more", near.join(", "), names.len() - shown)
    }
}

/// Edit distances from one word, until the budget for one error is spent.
struct Budget {
    lower: Vec<char>,
    left: usize,
}

impl Budget {
    /// The case-insensitive edit distance (transpositions count one) to `candidate`, or
    /// `None` once the budget is spent or for a candidate too long to be a name.
    fn distance(&mut self, candidate: &str) -> Option<usize> {
        let other: Vec<char> = candidate.to_lowercase().chars().collect();
        if other.len() > MAX_SUGGESTED_LEN {
            return None;
        }
        let cost = (self.lower.len() + 1) * (other.len() + 1);
        self.left = self.left.checked_sub(cost)?;
        Some(strsim::generic_damerau_levenshtein(&self.lower, &other))
    }
}

/// The nearest candidate to a misspelt word ([`Spelling::did_you_mean`]) with one error's
/// allowance: for a lone suggestion outside a file's decoding.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    Spelling::one_error().did_you_mean(word, candidates)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn span(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    #[test]
    fn spelling_is_bounded_per_file_not_per_error() {
        // 500 names of 60 characters: each comparison of a 60-character word with all of
        // them passes one error's budget, so each error spends a whole one.
        let names: Vec<String> = (0..500)
            .map(|i| format!("person{i:04}{}", "x".repeat(50)))
            .collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let near = format!("person0499{}y", "x".repeat(49));
        let mut file = Spelling::per_file();
        let found = (0..20)
            .filter(|_| file.did_you_mean(&near, names.iter().copied()).is_some())
            .count();
        // Eight errors' worth, and the ninth on what is left.
        assert_eq!(found, 9, "the file's allowance ran out");
        assert!(file.left < 61 * 61, "all spent: {} left", file.left);
        assert_eq!(
            file.did_you_mean(&near, names.iter().copied()),
            None,
            "none past it"
        );
        let listed = file.listed(&near, &names);
        assert!(
            listed.starts_with("`person0000"),
            "the file's order: {listed}"
        );
        assert!(listed.ends_with("and 495 more"), "{listed}");
        // Each error alone still gets its own budget.
        assert_eq!(did_you_mean("skil", ["skill"]), Some("skill"));
    }

    #[test]
    fn line_and_column_count_characters_from_one() {
        let src = "ab\nçd: x\n";
        assert_eq!(line_col(src, 0), (1, 1));
        assert_eq!(line_col(src, 2), (1, 3));
        assert_eq!(line_col(src, 3), (2, 1));
        assert_eq!(line_col(src, 5), (2, 2), "ç is two bytes, one column");
        assert_eq!(line_col(src, 4), (2, 1), "inside ç counts as ç");
        assert_eq!(line_col(src, 8), (2, 5));
        assert_eq!(line_col(src, 10), (3, 1));
        assert_eq!(line_col(src, 999), (3, 1), "clamped to the end");
        assert_eq!(line_col("", 5), (1, 1));
    }

    #[test]
    fn render_gives_position_caret_and_hint() {
        let src = "(\n  skil: 1,\n)";
        let d = Diagnostic::new(span(4, 8), "a person has no field `skil`")
            .with_hint("did you mean `skill`?");
        let out = render("f.ron", src, &[d]);
        let lines: Vec<&str> = out.lines().collect();
        assert_eq!(lines[0], "f.ron:2:3: a person has no field `skil`");
        assert_eq!(
            lines.iter().filter(|l| l.starts_with("f.ron:")).count(),
            1,
            "{out}"
        );
        assert!(out.contains("2 |   skil: 1,"), "{out}");
        let caret = lines.iter().find(|l| l.contains('^')).expect(&out);
        assert_eq!(caret.trim_end(), "  |   ^^^^", "{out}");
        assert!(out.contains("= hint: did you mean `skill`?"), "{out}");
        assert!(!out.contains('\u{1b}'), "no colour");
    }

    #[test]
    fn render_sorts_by_position_and_keeps_headers_on_one_line() {
        let src = "(a: 1,\n b: 2)";
        let late = Diagnostic::new(span(8, 9), "late");
        let early = Diagnostic::new(span(1, 2), "early\nsecond line");
        let out = render("x.ron", src, &[late, early]);
        let headers: Vec<&str> = out.lines().filter(|l| l.starts_with("x.ron:")).collect();
        assert_eq!(headers, ["x.ron:1:2: early second line", "x.ron:2:2: late"]);
        assert!(!out.contains("hint"), "{out}");
    }

    #[test]
    fn render_handles_multibyte_text_and_the_end_of_the_file() {
        let src = "(nom: \"Inês\", ü: 1,\n\n";
        let d = Diagnostic::new(span(src.len(), src.len()), "the file ends too early")
            .with_hint("the `(` on line 1 is never closed");
        let out = render("m.ron", src, &[d]);
        assert!(
            out.starts_with("m.ron:1:20: the file ends too early\n"),
            "{out}"
        );
        assert!(out.contains("1 | (nom: \"Inês\", ü: 1,"), "{out}");
        let ü = src.find('ü').unwrap();
        let out = render("m.ron", src, &[Diagnostic::new(span(ü, ü + 2), "x")]);
        assert!(out.starts_with("m.ron:1:15: x\n"), "{out}");
        let caret = out.lines().find(|l| l.contains('^')).expect(&out);
        assert_eq!(caret.find('^'), Some(4 + 14), "{out}");
    }

    #[test]
    fn render_marks_only_the_first_line_of_a_long_span() {
        let src = "Scenario(\n  a: 1,\n  b: 2,\n)";
        let out = render(
            "s.ron",
            src,
            &[Diagnostic::new(span(0, src.len()), "whole")],
        );
        assert!(out.starts_with("s.ron:1:1: whole\n"), "{out}");
        assert!(out.contains("1 | Scenario("), "{out}");
        assert!(!out.contains("b: 2"), "{out}");
    }

    #[test]
    fn render_shows_a_window_of_a_very_long_line() {
        let src = format!("[{}\"here\"{}]", "1, ".repeat(500), ", 2".repeat(500));
        let at = src.find("\"here\"").unwrap();
        let out = render("w.ron", &src, &[Diagnostic::new(span(at, at + 6), "wrong")]);
        assert!(
            out.starts_with(&format!("w.ron:1:{}: wrong\n", at + 1)),
            "{out}"
        );
        assert!(out.lines().all(|l| l.chars().count() < 200), "{out}");
        assert!(out.contains("\"here\""), "{out}");
        let line = out.lines().find(|l| l.contains("\"here\"")).unwrap();
        let caret = out.lines().find(|l| l.contains("^^^^^^")).expect(&out);
        let column = |l: &str, i: usize| l[..i].chars().count();
        let here = line.find("\"here\"").unwrap();
        let mark = caret.find('^').unwrap();
        assert_eq!(column(caret, mark), column(line, here), "{out}");
    }

    #[test]
    fn render_survives_spans_outside_the_source_and_inside_characters() {
        let src = "é\n☕";
        let diags = [
            Diagnostic::new(span(1, 1), "inside é"),
            Diagnostic::new(span(4, 99), "inside ☕ to beyond"),
            Diagnostic::new(span(50, 10), "backwards beyond"),
        ];
        let out = render("b.ron", src, &diags);
        assert!(out.contains("b.ron:1:1: inside é"), "{out}");
        assert!(out.contains("b.ron:2:1: inside ☕ to beyond"), "{out}");
        assert!(out.contains("b.ron:2:2: backwards beyond"), "{out}");
    }

    #[test]
    fn render_without_source_prints_the_hint_only() {
        let d =
            Diagnostic::new(Span::default(), "cannot read the file").with_hint("check the path");
        assert_eq!(
            render("gone.ron", "", &[d]),
            "gone.ron:1:1: cannot read the file\n  = hint: check the path\n\n"
        );
    }

    #[test]
    fn many_diagnostics_on_one_line_render_quickly_and_correctly() {
        let src = "x".repeat(20_000);
        let diags: Vec<Diagnostic> = (0..20_000)
            .step_by(7)
            .map(|i| Diagnostic::new(span(i, i + 1), "bad"))
            .collect();
        let out = render("l.ron", &src, &diags);
        assert_eq!(out.matches("l.ron:").count(), diags.len());
        for (i, d) in diags.iter().enumerate().step_by(97) {
            let header = format!("l.ron:1:{}: bad\n", d.span.start + 1);
            assert!(out.contains(&header), "diagnostic {i}");
        }
        assert!(out.contains("l.ron:1:20000: bad\n"), "the last one");
    }

    #[test]
    fn display_is_message_and_hint() {
        let d = Diagnostic::new(Span::default(), "it is wrong");
        assert_eq!(d.to_string(), "it is wrong");
        assert_eq!(
            d.with_hint("fix it").to_string(),
            "it is wrong (hint: fix it)"
        );
    }

    #[test]
    fn did_you_mean_finds_typos_only() {
        assert_eq!(did_you_mean("skil", ["skill", "morale"]), Some("skill"));
        assert_eq!(did_you_mean("Moral", ["Skill", "Morale"]), Some("Morale"));
        assert_eq!(
            did_you_mean("LEADERSHIP", ["Management", "Leadership"]),
            Some("Leadership")
        );
        assert_eq!(
            did_you_mean("Leadrehsip", ["Leadership"]),
            Some("Leadership")
        );
        assert_eq!(
            did_you_mean("mroale", ["skill", "morale"]),
            Some("morale"),
            "a swap is one edit"
        );
        assert_eq!(did_you_mean("banana", ["skill", "morale"]), None);
        assert_eq!(did_you_mean("id", ["at"]), None);
        assert_eq!(did_you_mean("", ["a"]), None);
        assert_eq!(did_you_mean("a", [""]), None);
        assert_eq!(did_you_mean("x", std::iter::empty()), None);
        assert_eq!(did_you_mean(&"a".repeat(10_000), ["a"]), None);
        assert_eq!(
            did_you_mean("cat", ["bat", "hat"]),
            Some("bat"),
            "ties go to the first"
        );
    }

    proptest! {
        #[test]
        fn render_never_panics(
            src in any::<String>(),
            spans in prop::collection::vec((0usize..300, 0usize..300), 0..6),
            hint in prop::option::of(any::<String>()),
        ) {
            let diags: Vec<Diagnostic> = spans
                .into_iter()
                .map(|(s, e)| Diagnostic { span: span(s, e), message: "m".into(), hint: hint.clone() })
                .collect();
            let out = render("p.ron", &src, &diags);
            prop_assert_eq!(out.lines().filter(|l| l.starts_with("p.ron:")).count(), diags.len());
            for offset in 0..src.len() + 2 {
                let (line, col) = line_col(&src, offset);
                prop_assert!(line >= 1 && col >= 1);
            }
        }
    }
}
