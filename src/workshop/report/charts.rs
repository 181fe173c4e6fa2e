//! The report's charts, drawn as SVG text by plotters so the page needs no script, network
//! or image file.

use plotters::coord::ranged1d::SegmentValue;
use plotters::prelude::*;

use crate::sim::review::Quadrant;
use crate::text;

/// Colours for tables, in order; with more tables they repeat, and names tell them apart.
pub const PALETTE: [RGBColor; 10] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
    RGBColor(23, 190, 207),
    RGBColor(140, 86, 75),
    RGBColor(227, 119, 194),
    RGBColor(188, 189, 34),
    RGBColor(127, 127, 127),
];

/// The colour of bots: quiet, so tables stand out.
const BOT: RGBColor = RGBColor(120, 120, 120);

/// Axes, labels and grid.
const INK: RGBColor = RGBColor(60, 60, 60);

const FONT: &str = "sans-serif";

/// One named run in a chart.
pub struct Run<'a> {
    /// The label.
    pub name: &'a str,
    /// Index into [`PALETTE`] for tables; `None` for a bot.
    pub colour: Option<usize>,
    /// Total Output.
    pub output: f64,
    /// Total Value.
    pub value: f64,
    /// Cumulative (Output, Value) after each week.
    pub curve: Vec<(f64, f64)>,
    /// An unfinished run's weeks, and of how many: marked after its name, so that it is not
    /// read as a whole run.
    pub week: Option<(u32, u32)>,
}

fn colour(run: &Run) -> RGBColor {
    run.colour.map_or(BOT, |i| PALETTE[i % PALETTE.len()])
}

/// A name short enough for a chart label.
fn short(name: &str) -> String {
    if name.chars().count() > 22 {
        format!("{}…", name.chars().take(21).collect::<String>())
    } else {
        name.to_string()
    }
}

/// A run's label: its name made short, and its week if it is unfinished.
fn label(run: &Run) -> String {
    match run.week {
        Some((week, of)) => format!("{} (week {week} of {of})", short(run.name)),
        None => short(run.name),
    }
}

/// Why a chart could not be drawn: plotters' own words (a bug when it happens, since every
/// chart is drawn into a string).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("cannot draw a chart: {0}")]
pub struct ChartError(String);

fn err(e: impl std::fmt::Display) -> ChartError {
    ChartError(e.to_string())
}

/// Upper bound of an axis with some headroom, never zero.
fn top(values: impl Iterator<Item = f64>) -> f64 {
    let max = values.filter(|v| v.is_finite()).fold(0.0, f64::max);
    if max > 0.0 { max * 1.12 } else { 1.0 }
}

/// An axis's tick labels: whole numbers, unless the axis is so short that whole numbers
/// would repeat ("0, 0, 1, 1").
fn tick(top: f64) -> impl Fn(&f64) -> String {
    move |v| {
        if top >= 20.0 {
            text::whole(*v)
        } else {
            text::fixed(*v, 1)
        }
    }
}

/// Up to this many tables, every table's label is placed before the bots'.
const FEW: usize = 12;

/// Where a label may go from its point, in order: right and above, right and below, left
/// and above, left and below, centred above, centred below. The first number is the share of
/// the label's width it is shifted left by (in halves), the second its height.
const SPOTS: [(i32, i32); 6] = [(0, -8), (0, 8), (2, -8), (2, 8), (1, -24), (1, 10)];

/// The pixel offset from its point and the box of a chart label of `chars` characters at
/// `at` in a 13 px font (about 7.5 px a character), put at `spot`.
fn label_box(at: (i32, i32), chars: usize, spot: (i32, i32)) -> ((i32, i32), (i32, i32, i32, i32)) {
    let width = (chars as i32 * 15 + 1) / 2;
    let x = match spot.0 {
        0 => 9,
        1 => -width / 2,
        _ => -9 - width,
    };
    let offset = (x, spot.1);
    let (x, y) = (at.0 + offset.0, at.1 + offset.1);
    (offset, (x, y - 2, x + width, y + 15))
}

fn overlaps(a: (i32, i32, i32, i32), b: (i32, i32, i32, i32)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Output against Value for every run, split into the design's four quadrants at `mid`.
///
/// The axes come from the data and the lines (never a bare 0 to 1). Labels go right or left
/// of their point, above or below, wherever they cover no other; one that finds no room is
/// left out (its point stays; the page's list names it), so a hundred tables stay readable.
/// Up to [`FEW`] tables are labelled before the bots, more after them. Lines at zero
/// (no week played yet) are not drawn, nor the quadrants' names they would pile up.
pub fn quadrant(runs: &[Run], mid: (f64, f64), size: (u32, u32)) -> Result<String, ChartError> {
    // About what it takes: the frame, the grid and a point a run (and its label, if any).
    let mut svg = String::with_capacity(12 * 1024 + 256 * runs.len());
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let x_top = top(runs.iter().map(|r| r.output).chain([mid.0 * 2.0]));
        let y_top = top(runs.iter().map(|r| r.value).chain([mid.1 * 2.0]));
        let mut chart = ChartBuilder::on(&root)
            .margin(16)
            .x_label_area_size(44)
            .y_label_area_size(64)
            .build_cartesian_2d(0.0..x_top, 0.0..y_top)
            .map_err(err)?;
        chart
            .configure_mesh()
            .x_label_formatter(&tick(x_top))
            .y_label_formatter(&tick(y_top))
            .x_desc("Output (total)")
            .y_desc("Value (total)")
            .axis_desc_style((FONT, 15).into_font().color(&INK))
            .label_style((FONT, 13).into_font().color(&INK))
            .light_line_style(RGBColor(238, 238, 238))
            .bold_line_style(RGBColor(220, 220, 220))
            .max_light_lines(2)
            .draw()
            .map_err(err)?;
        // What labels must not cover: every point, the quadrants' names, the chart's edges.
        let mut placed: Vec<(i32, i32, i32, i32)> = runs
            .iter()
            .map(|r| {
                let (x, y) = chart.backend_coord(&(r.output, r.value));
                (x - 8, y - 8, x + 8, y + 8)
            })
            .collect();
        let (left, top_edge) = chart.backend_coord(&(0.0, y_top));
        let (right, bottom) = chart.backend_coord(&(x_top, 0.0));
        let inside = |a: (i32, i32, i32, i32)| {
            a.0 >= left && a.2 <= right && a.1 >= top_edge && a.3 <= bottom
        };
        if mid.0 > 0.0 && mid.1 > 0.0 {
            // Drawn whole in the colour that marks them, and dashed below.
            let line = DIVIDER.mix(0.7).stroke_width(1);
            for ends in [
                [(mid.0, 0.0), (mid.0, y_top)],
                [(0.0, mid.1), (x_top, mid.1)],
            ] {
                chart
                    .draw_series(LineSeries::new(ends, line))
                    .map_err(err)?;
            }
            let (dx, dy) = (x_top * 0.015, y_top * 0.97);
            let low = mid.1 * 0.08 + y_top * 0.05;
            let corners = [
                (Quadrant::BloodFromAStone, dx, dy),
                (Quadrant::ScaledAndValuable, mid.0 + dx, dy),
                (Quadrant::Neither, dx, low),
                (Quadrant::WellLedGoingNowhere, mid.0 + dx, low),
            ];
            for (q, x, y) in corners {
                let (px, py) = chart.backend_coord(&(x, y));
                let width = q.name().chars().count() as i32 * 8;
                placed.push((px, py - 2, px + width, py + 17));
                chart
                    .draw_series([Text::new(
                        q.name(),
                        (x, y),
                        (FONT, 15).into_font().color(&BOT.mix(0.9)),
                    )])
                    .map_err(err)?;
            }
        }
        // A few tables are each named first; among many, the bots are the landmarks.
        let tables_first = runs.iter().filter(|r| r.colour.is_some()).count() <= FEW;
        let order = runs
            .iter()
            .filter(|r| r.colour.is_some() == tables_first)
            .chain(runs.iter().filter(|r| r.colour.is_some() != tables_first));
        for run in order {
            let c = colour(run);
            let at = (run.output, run.value);
            let name = label(run);
            let point = chart.backend_coord(&at);
            let free = SPOTS
                .iter()
                .map(|spot| label_box(point, name.chars().count(), *spot))
                .find(|(_, area)| inside(*area) && !placed.iter().any(|p| overlaps(*p, *area)));
            if run.colour.is_some() {
                chart
                    .draw_series([Circle::new(at, 7, c.filled())])
                    .map_err(err)?;
            } else {
                chart
                    .draw_series([TriangleMarker::new(at, 7, c.stroke_width(2))])
                    .map_err(err)?;
            }
            if let Some((offset, area)) = free {
                placed.push(area);
                chart
                    .draw_series([EmptyElement::at(at)
                        + Text::new(name, offset, (FONT, 13).into_font().color(&c))])
                    .map_err(err)?;
            }
        }
        root.present().map_err(err)?;
    }
    Ok(dashed(&svg))
}

/// The colour the quadrant's dividing lines are drawn in, one shade off the bots' so that
/// [`dashed`] finds them: plotters draws a dashed line as a polyline a dash, over a hundred
/// of them a chart, where SVG dashes one line by itself.
const DIVIDER: RGBColor = RGBColor(120, 120, 121);

/// `svg` with the lines drawn in [`DIVIDER`] dashed, in the bots' colour.
fn dashed(svg: &str) -> String {
    let marked = format!(
        "stroke=\"#{:02X}{:02X}{:02X}\"",
        DIVIDER.0, DIVIDER.1, DIVIDER.2
    );
    let bots = format!(
        "stroke=\"#{:02X}{:02X}{:02X}\" stroke-dasharray=\"6 4\"",
        BOT.0, BOT.1, BOT.2
    );
    svg.replace(&marked, &bots)
}

/// One score accumulated week by week: every table in its colour, bots thin and dashed.
pub fn curves(
    runs: &[Run],
    value: bool,
    weeks: u32,
    size: (u32, u32),
) -> Result<String, ChartError> {
    let pick = |p: &(f64, f64)| if value { p.1 } else { p.0 };
    let name = if value { "Value" } else { "Output" };
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let y_top = top(runs.iter().flat_map(|r| r.curve.iter().map(pick)));
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("{name} so far, week by week"),
                (FONT, 17).into_font().color(&INK),
            )
            .margin(14)
            .x_label_area_size(40)
            .y_label_area_size(60)
            .build_cartesian_2d(0u32..weeks.max(1), 0.0..y_top)
            .map_err(err)?;
        chart
            .configure_mesh()
            .y_label_formatter(&|v| text::whole(*v))
            .x_desc("week")
            .y_desc(name)
            .axis_desc_style((FONT, 14).into_font().color(&INK))
            .label_style((FONT, 12).into_font().color(&INK))
            .light_line_style(RGBColor(240, 240, 240))
            .bold_line_style(RGBColor(222, 222, 222))
            .draw()
            .map_err(err)?;
        for run in runs {
            let c = colour(run);
            let points = std::iter::once((0, 0.0)).chain(
                run.curve
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (i as u32 + 1, pick(p))),
            );
            let drawn = if run.colour.is_some() {
                chart
                    .draw_series(LineSeries::new(points, c.stroke_width(3)))
                    .map_err(err)?
            } else {
                chart
                    .draw_series(DashedLineSeries::new(
                        points,
                        5,
                        4,
                        c.mix(0.8).stroke_width(1),
                    ))
                    .map_err(err)?
            };
            let style = if run.colour.is_some() {
                c.stroke_width(3)
            } else {
                c.stroke_width(1)
            };
            drawn
                .label(label(run))
                .legend(move |(x, y)| PathElement::new([(x, y), (x + 18, y)], style));
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::UpperLeft)
            .label_font((FONT, 12).into_font().color(&INK))
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(210, 210, 210))
            .draw()
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// One run's budget at each week's end from `start`, with the zero line below which a
/// scenario that pays salaries lets people go.
pub fn budget(
    start: f64,
    weekly: &[f64],
    weeks: u32,
    size: (u32, u32),
) -> Result<String, ChartError> {
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let all = || std::iter::once(start).chain(weekly.iter().copied());
        let y_top = top(all());
        let y_low = -top(all().map(|b| -b));
        let y_low = if y_low < -1.0 { y_low } else { 0.0 };
        let mut chart = ChartBuilder::on(&root)
            .caption(
                "Budget at each week's end",
                (FONT, 17).into_font().color(&INK),
            )
            .margin(14)
            .x_label_area_size(40)
            .y_label_area_size(60)
            .build_cartesian_2d(0u32..weeks.max(1), y_low..y_top)
            .map_err(err)?;
        chart
            .configure_mesh()
            .y_label_formatter(&|v| text::whole(*v))
            .x_desc("week")
            .y_desc("Budget")
            .axis_desc_style((FONT, 14).into_font().color(&INK))
            .label_style((FONT, 12).into_font().color(&INK))
            .light_line_style(RGBColor(240, 240, 240))
            .bold_line_style(RGBColor(222, 222, 222))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(
                [(0, 0.0), (weeks.max(1), 0.0)],
                RGBColor(214, 39, 40).mix(0.6).stroke_width(1),
            ))
            .map_err(err)?;
        let points = (0u32..).zip(all());
        chart
            .draw_series(LineSeries::new(points, PALETTE[0].stroke_width(3)))
            .map_err(err)?;
        root.present().map_err(err)?;
    }
    Ok(svg)
}

/// One bar per run: the share of its planned hours in each action family.
pub struct Shares<'a> {
    /// The label.
    pub name: &'a str,
    /// Hours per family, in [`FAMILY_COLOURS`] order.
    pub hours: Vec<f64>,
}

/// Colours of the action families, in [`crate::sim::Family::ALL`] order.
pub const FAMILY_COLOURS: [RGBColor; 4] = [
    RGBColor(46, 139, 87),
    RGBColor(52, 101, 164),
    RGBColor(237, 145, 33),
    RGBColor(196, 52, 52),
];

/// Stacked horizontal bars of where each run's hours went.
pub fn hours(rows: &[Shares], width: u32) -> Result<String, ChartError> {
    let n = rows.len().max(1) as i32;
    let size = (width, 70 + 30 * n as u32);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        root.fill(&WHITE).map_err(err)?;
        let names: Vec<String> = rows.iter().map(|r| short(r.name)).collect();
        let mut chart = ChartBuilder::on(&root)
            .margin(12)
            .x_label_area_size(36)
            .y_label_area_size(170)
            .build_cartesian_2d(0.0..100.0, (0..n).into_segmented())
            .map_err(err)?;
        // Segment 0 is at the bottom; the first row goes on top.
        let row = |segment: i32| (n - 1 - segment) as usize;
        let label = |v: &SegmentValue<i32>| match v {
            SegmentValue::CenterOf(i) => names.get(row(*i)).cloned().unwrap_or_default(),
            _ => String::new(),
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(n as usize)
            .y_label_formatter(&label)
            .x_label_formatter(&|v| text::whole(*v))
            .x_desc("share of planned hours (%)")
            .axis_desc_style((FONT, 14).into_font().color(&INK))
            .label_style((FONT, 13).into_font().color(&INK))
            .light_line_style(RGBColor(240, 240, 240))
            .draw()
            .map_err(err)?;
        for (i, shares) in rows.iter().enumerate() {
            let at = n - 1 - i as i32;
            let total: f64 = shares.hours.iter().sum();
            if total <= 0.0 {
                continue;
            }
            let mut x = 0.0;
            for (h, c) in shares.hours.iter().zip(FAMILY_COLOURS) {
                let w = h / total * 100.0;
                let mut bar = Rectangle::new(
                    [
                        (x, SegmentValue::Exact(at)),
                        (x + w, SegmentValue::Exact(at + 1)),
                    ],
                    c.filled(),
                );
                bar.set_margin(4, 4, 0, 0);
                chart.draw_series([bar]).map_err(err)?;
                x += w;
            }
        }
        root.present().map_err(err)?;
    }
    Ok(svg)
}
