//! A live view sent as what changed. A stream's first event is the whole view, so a page
//! that opens it, or opens it again after a dropped connection, catches up; after that each
//! event carries only what changed since the last: the head (the room's state and summary)
//! and a table's row when they changed, the rows' order when a sort moved them, and the
//! chart, drawn at a slower pace of its own since every week any table plays moves it.
//! A hundred tables then cost the facilitator's page a row a week each, not the whole room.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::pages::Parts;

/// The least time between two drawings of a stream's chart. A week shows in its table's
/// row within the stream's coalescing beat; the chart, a few kilobytes of SVG a table that
/// moves as a whole, follows at this pace.
pub(super) const CHART_PACE: Duration = Duration::from_secs(3);

/// What a stream's page shows, and when its chart was drawn.
#[derive(Debug, Default)]
pub(super) struct Live {
    shown: Option<Parts>,
    charted: Option<Instant>,
}

impl Live {
    /// The events that bring the page from what it shows to `parts` (whose chart `chart`
    /// draws, called only when due: with the whole view, then at most once a
    /// [`CHART_PACE`]), or `None` if nothing changed. The whole view is sent when nothing
    /// has been, and when tables joined or left (the rows are not the same ones).
    pub(super) fn next(
        &mut self,
        mut parts: Parts,
        chart: impl FnOnce() -> String,
        at: Instant,
    ) -> Option<String> {
        let whole = self
            .shown
            .as_ref()
            .is_none_or(|shown| !same_rows(&shown.rows, &parts.rows));
        if whole
            || self
                .charted
                .is_none_or(|drawn| at.duration_since(drawn) >= CHART_PACE)
        {
            parts.chart = Some(chart());
            self.charted = Some(at);
        }
        let Some(shown) = self.shown.as_mut().filter(|_| !whole) else {
            let mut sent = String::new();
            push_event(&mut sent, "room", &[&parts.whole()]);
            self.shown = Some(parts);
            return Some(sent);
        };
        let mut sent = String::new();
        if shown.head != parts.head {
            push_part(&mut sent, "live-head", &parts.head);
        }
        if let (Some(before), Some(now)) = (&shown.rows, &parts.rows) {
            let before: HashMap<&str, &str> = before
                .iter()
                .map(|(id, row)| (id.as_str(), row.as_str()))
                .collect();
            for (id, row) in now {
                if before.get(id.as_str()) != Some(&row.as_str()) {
                    push_part(&mut sent, id, row);
                }
            }
        }
        if order(&shown.rows) != order(&parts.rows) {
            push_event(&mut sent, "order", &[&order(&parts.rows).join(" ")]);
        }
        match &parts.chart {
            Some(chart) if shown.chart.as_ref() != Some(chart) => {
                push_part(&mut sent, "live-chart", chart);
            }
            Some(_) => {}
            None => parts.chart = shown.chart.take(),
        }
        *shown = parts;
        (!sent.is_empty()).then_some(sent)
    }
}

/// The rows' ids in the order listed.
fn order(rows: &Option<Vec<(String, String)>>) -> Vec<&str> {
    rows.iter().flatten().map(|(id, _)| id.as_str()).collect()
}

/// Whether two lists hold rows of the same ids, in whatever order.
fn same_rows(a: &Option<Vec<(String, String)>>, b: &Option<Vec<(String, String)>>) -> bool {
    let (mut a, mut b) = match (a, b) {
        (Some(_), Some(_)) => (order(a), order(b)),
        (None, None) => return true,
        _ => return false,
    };
    a.sort_unstable();
    b.sort_unstable();
    a == b
}

/// A part of the page as a server-sent event, onto `out`: the id of the element it
/// replaces, then the element.
fn push_part(out: &mut String, id: &str, html: &str) {
    push_event(out, "part", &[id, html]);
}

/// One server-sent event of `kind` onto `out`: each of `texts` over as many `data` lines as
/// it has lines. Written in place, the room's largest strings (a whole view, a chart) are
/// copied once, into room made for them.
fn push_event(out: &mut String, kind: &str, texts: &[&str]) {
    let lines: usize = texts.iter().map(|t| t.len() / 64 + 1).sum();
    let size: usize = texts.iter().map(|t| t.len()).sum();
    out.reserve(kind.len() + size + 8 * lines + 16);
    out.push_str("event: ");
    out.push_str(kind);
    out.push('\n');
    for text in texts {
        for line in text.split(['\n', '\r']) {
            out.push_str("data: ");
            out.push_str(line);
            out.push('\n');
        }
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(head: &str, rows: &[(&str, &str)]) -> Parts {
        Parts {
            head: head.to_string(),
            rows: Some(
                rows.iter()
                    .map(|(id, r)| (id.to_string(), r.to_string()))
                    .collect(),
            ),
            chart: None,
        }
    }

    #[test]
    fn the_first_event_is_the_whole_view_then_only_what_changed() {
        let mut live = Live::default();
        let t0 = Instant::now();
        let first = live
            .next(
                parts("h", &[("row-0", "a"), ("row-1", "b")]),
                || "c".into(),
                t0,
            )
            .expect("the whole view");
        assert!(first.starts_with("event: room\n"), "{first}");
        assert!(first.contains("data: h") && first.contains('c'), "{first}");

        let same = live.next(
            parts("h", &[("row-0", "a"), ("row-1", "b")]),
            || panic!(),
            t0,
        );
        assert_eq!(same, None, "nothing changed, nothing sent");

        let changed = live
            .next(
                parts("h", &[("row-0", "a"), ("row-1", "B")]),
                || panic!(),
                t0,
            )
            .expect("a change");
        assert_eq!(changed, "event: part\ndata: row-1\ndata: B\n\n");

        let moved = live
            .next(
                parts("h2", &[("row-1", "B"), ("row-0", "a")]),
                || panic!(),
                t0,
            )
            .expect("a change");
        assert_eq!(
            moved,
            "event: part\ndata: live-head\ndata: h2\n\nevent: order\ndata: row-1 row-0\n\n"
        );
    }

    #[test]
    fn the_chart_is_drawn_at_its_own_pace_and_sent_only_when_it_moved() {
        let mut live = Live::default();
        let t0 = Instant::now();
        live.next(parts("h", &[]), || "c".into(), t0);
        assert_eq!(live.next(parts("h", &[]), || panic!(), t0), None);
        let later = t0 + CHART_PACE;
        assert_eq!(live.next(parts("h", &[]), || "c".into(), later), None);
        let moved = live
            .next(parts("h", &[]), || "d".into(), later + CHART_PACE)
            .expect("the chart moved");
        assert_eq!(moved, "event: part\ndata: live-chart\ndata: d\n\n");
    }

    #[test]
    fn a_table_that_joins_or_leaves_brings_the_whole_view() {
        let mut live = Live::default();
        let t0 = Instant::now();
        live.next(parts("h", &[("row-0", "a")]), || "c".into(), t0);
        let joined = live
            .next(
                parts("h", &[("row-0", "a"), ("row-1", "b")]),
                || "c".into(),
                t0,
            )
            .expect("the whole view");
        assert!(joined.starts_with("event: room\n"), "{joined}");
        let lines = "event: room\ndata: one\ndata: two\n\n";
        let mut sent = String::new();
        push_event(&mut sent, "room", &["one\ntwo"]);
        assert_eq!(sent, lines);
    }
}
