//! The room's quadrant reads at every size: no table yet (a line says so, no chart of zeros),
//! one table, tables at different weeks (each marked, each judged beside the bots at its own
//! week) and a hundred (no label covers another).

use multiplier::host::Limits;
use multiplier::room::{Pacing, client};

use super::room::{address, folder, get, host_with, send, weeks};

/// A week's text labels in the page's first chart: (x, y, font size, words).
fn labels(page: &str) -> Vec<(f64, f64, u32, String)> {
    let start = page.find("<svg").expect("a chart");
    let svg = &page[start..start + page[start..].find("</svg>").expect("its end")];
    let attr = |tag: &str, name: &str| -> Option<f64> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[at..].split('"').next()?.parse().ok()
    };
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let (tag, rest) = t.split_once('>')?;
            let words = rest.split("</text>").next()?.trim().to_string();
            let size = attr(tag, "font-size")?;
            Some((attr(tag, "x")?, attr(tag, "y")?, size as u32, words))
        })
        .collect()
}

/// The tables.csv row of `team`, split into its cells.
fn row(csv: &str, team: &str) -> Vec<String> {
    csv.lines()
        .find(|l| l.starts_with(&format!("{team},")))
        .unwrap_or_else(|| panic!("no row for {team}: {csv}"))
        .split(',')
        .map(str::to_string)
        .collect()
}

#[test]
fn the_room_chart_reads_with_no_table_one_and_a_hundred() {
    let dir = folder("chart");
    let limits = Limits {
        joins_per_minute: 1000,
        ..Limits::default()
    };
    let running = host_with(&dir, Pacing::Free, "first-week-31", limits);
    let key = running.key().to_string();
    let page = |path: &str| get(&running, path).1;

    // No table: a line says so, and no chart of zeros is drawn.
    let empty = page(&format!("/room?key={key}"));
    assert!(empty.contains("No table has played a week yet"), "{empty}");
    assert!(!empty.contains("<svg"), "no chart before a week is played");
    let projector = page("/projector");
    assert!(projector.contains("No table has played a week yet"));

    // One table at week 3: a chart with the quadrants, its tick labels never repeated.
    let at = address(&running);
    let all = weeks();
    let first = client::join(&at, "Alpha", None).expect("joins");
    send(&at, &first.token, &all, 0, 3);
    let one = page(&format!("/room?key={key}"));
    let texts = labels(&one);
    assert!(texts.iter().any(|t| t.3 == "Alpha"), "{texts:?}");
    assert!(texts.iter().any(|t| t.3 == "Scaled and valuable"));
    let numbers: Vec<&(f64, f64, u32, String)> = texts
        .iter()
        .filter(|t| t.3.replace([',', '.'], "").parse::<u64>().is_ok())
        .collect();
    for axis in [
        |t: &(f64, f64, u32, String)| t.1,
        |t: &(f64, f64, u32, String)| t.0,
    ] {
        let mut seen: Vec<(i64, &str)> = Vec::new();
        for t in &numbers {
            let line = axis(t).round() as i64;
            assert!(
                !seen.contains(&(line, t.3.as_str())),
                "a tick label repeated on one axis: {numbers:?}"
            );
            seen.push((line, &t.3));
        }
    }

    // A table a week in, beside one three weeks in: marked with its week, and judged beside
    // the bots at week 1, on the page and in the CSV.
    let second = client::join(&at, "Bravo", None).expect("joins");
    send(&at, &second.token, &all, 0, 1);
    let two = page(&format!("/room?key={key}"));
    assert!(two.contains("Bravo (week 1 of 12)"), "marked on the chart");
    assert!(
        two.contains("at week 1 of 12"),
        "its verdict so far says when"
    );
    let csv = page(&format!("/room/tables.csv?key={key}"));
    assert!(csv.contains("quadrant,quadrant_at_week,"), "{csv}");
    let (alpha, bravo) = (row(&csv, "Alpha"), row(&csv, "Bravo"));
    assert_eq!((alpha[1].as_str(), alpha[7].as_str()), ("3", "3"));
    assert_eq!((bravo[1].as_str(), bravo[7].as_str()), ("1", "1"));
    assert!(!bravo[6].is_empty(), "a quadrant so far: {csv}");

    // A hundred tables: the points are all there, and no label covers another.
    for i in 2..100 {
        let t = client::join(&at, &format!("Table {i:02}"), None).expect("joins");
        send(&at, &t.token, &all, 0, 1 + i % 3);
    }
    let full = page(&format!("/room?key={key}"));
    let texts = labels(&full);
    // Point labels are drawn in the ticks' font.
    let size = texts.iter().find(|t| t.3 == "0").expect("a tick at 0").2;
    let names: Vec<_> = texts
        .iter()
        .filter(|t| t.2 == size && !t.3.is_empty())
        .filter(|t| t.3.replace([',', '.'], "").parse::<u64>().is_err())
        .collect();
    assert!(names.len() >= 5, "some points named: {names:?}");
    assert!(
        names
            .iter()
            .any(|t| t.3 == "Balanced" || t.3 == "Hero coder"),
        "bots named first among many: {names:?}"
    );
    let boxes: Vec<(f64, f64, f64, f64)> = names
        .iter()
        .map(|t| (t.0, t.1, t.0 + 7.0 * t.3.chars().count() as f64, t.1 + 13.0))
        .collect();
    for (i, a) in boxes.iter().enumerate() {
        for (b, tb) in boxes[i + 1..].iter().zip(&names[i + 1..]) {
            let overlap = a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3;
            assert!(!overlap, "{:?} covers {:?}", names[i], tb);
        }
    }
    let circles = full.matches("<circle").count();
    assert!(circles >= 100, "every table's point: {circles}");
    // What the live page is sent a few times a minute stays small: a point whose label
    // found no room draws no empty label, and each dividing line is one dashed line.
    assert!(
        texts.iter().all(|t| !t.3.is_empty()),
        "an empty label drawn: {texts:?}"
    );
    assert_eq!(full.matches("stroke-dasharray").count(), 2, "two dividers");
    let start = full.find("<svg").expect("a chart");
    let chart = &full[start..start + full[start..].find("</svg>").expect("its end")];
    assert!(
        chart.len() < 32_000,
        "the chart of a hundred tables: {} bytes",
        chart.len()
    );
}
