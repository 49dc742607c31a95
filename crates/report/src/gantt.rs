//! The roadmap (工程表) as a Gantt chart by fiscal year.
//!
//! [`roadmap_gantt`] gives each roadmap item a row: its title across the whole width (wrapped
//! to two lines at most, Japanese breaking between characters but never before closing
//! punctuation, the rest cut with `…` and the full title in the row's `<title>` tooltip), a bar
//! from its first to its last fiscal year, and its notes by year, each a diamond on the bar
//! and a line of text beneath it. The title is above the bar rather than beside it, so a row
//! keeps the whole width for its years on a phone.
//!
//! Years: an item with no end runs to the plan's end, one with no start from the plan's start;
//! without a plan period, to or from the first or last year any item names. A window or a
//! month is placed at its fiscal years as the evaluation places it; a year outside 1000–9999
//! has no place, and a bar that has no place is left out (its row still names the item). The
//! current fiscal year is a vertical line with a label when it falls within the chart, and
//! is told in the description when it does not.
//!
//! Classes a stylesheet may restyle: `shinchoku-chart roadmap-gantt` (the `<svg>`),
//! `gantt-row`, `gantt-title`, `gantt-bar`, `gantt-note` (the diamonds), `gantt-notes` (their
//! text), `grid`, `axis-labels`, `current-year`, `legend`, `no-data`.

use shinchoku_core::era::format_short;
use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::plan::RoadmapItem;
use shinchoku_core::Lang;

use crate::draw::{
    current_year, era_short, frame, legend, marker, period_text, year_text, Sample, Series, Shape,
    CURRENT, FONT, GRID, SMALL, TEXT, WIDTH,
};
use crate::scale::{placeable, YearAxis};
use crate::svg::{text_width, truncate, w, wrap, Esc, N};

const BAR: Series = Series {
    class: "gantt-bar",
    stroke: "#0031d8",
    fill: "#0031d8",
    width: 1.0,
    dash: None,
};
const NOTE: Series = Series {
    class: "gantt-note",
    stroke: "#1a1a1a",
    fill: "#ffffff",
    width: 1.5,
    dash: None,
};
const CURRENT_SERIES: Series = Series {
    class: "current-year",
    stroke: CURRENT,
    fill: CURRENT,
    width: 1.5,
    dash: Some("4 2"),
};

const MARGIN: f64 = 8.0;
const TITLE_LINE: f64 = 16.0;
const BAR_HEIGHT: f64 = 12.0;
const NOTE_LINE: f64 = 13.0;

/// The roadmap as an SVG Gantt chart in `lang`: one row per item, in the order given, over
/// the fiscal years of `plan_period` (widened to every year the items name), with
/// `current_fy` marked. `fiscal_start` places months and days in their fiscal year. Never
/// panics; an empty roadmap gets a small chart that says so.
pub fn roadmap_gantt(
    items: &[RoadmapItem],
    plan_period: Option<Period>,
    fiscal_start: FiscalStart,
    current_fy: Option<i32>,
    lang: Lang,
) -> String {
    const CLASS: &str = "roadmap-gantt";
    let ja = lang == Lang::Ja;
    let fs = fiscal_start;
    let plan_span = plan_period
        .map(|p| p.year_span(fs))
        .filter(|(s, e)| placeable(*s) && placeable(*e));

    // Every year named, for the axis.
    let mut years: Vec<i32> = Vec::new();
    if let Some((s, e)) = plan_span {
        years.extend([s, e]);
    }
    for item in items {
        for p in item.start.iter().chain(&item.end) {
            let (s, e) = p.year_span(fs);
            years.extend([s, e]);
        }
        for (p, _) in &item.notes {
            years.push(p.start_year(fs));
        }
    }
    let axis = YearAxis::spanning(years, MARGIN, WIDTH - 2.0 * MARGIN);
    let bars: Vec<Option<(i32, i32)>> = items
        .iter()
        .map(|item| bar_years(item, plan_span, axis, fs))
        .collect();

    let title = if ja { "工程表" } else { "Roadmap" };
    let desc = description(items, &bars, axis, current_fy, lang);
    if items.is_empty() {
        let text = if ja {
            "工程表の項目がありません"
        } else {
            "The roadmap has no items"
        };
        let mut body = String::new();
        w!(
            body,
            "<text class=\"no-data\" x=\"{}\" y=\"44\" text-anchor=\"middle\" {TEXT}>{}</text>",
            N(WIDTH / 2.0),
            Esc(text)
        );
        return frame(CLASS, 72.0, lang, title, &desc, &body);
    }

    let label_y = 14.0;
    let header_top = 20.0;
    let (header_h, header) = match axis {
        Some(a) => year_header(a, header_top, lang),
        None => (0.0, String::new()),
    };
    // Rows first, into their own buffers: the stripes and the grid go behind them and need to
    // know where the rows end.
    let mut y = header_top + header_h + 4.0;
    let mut rows = String::new();
    let mut stripes = String::new();
    for (i, (item, bar)) in items.iter().zip(&bars).enumerate() {
        let row_top = y;
        y = row(&mut rows, item, *bar, axis, y, fs, lang);
        // Stripes on every other row help the eye along a row.
        if i % 2 == 1 {
            w!(
                stripes,
                "<rect x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\"/>",
                N(row_top),
                N(WIDTH),
                N(y - row_top)
            );
        }
    }
    let rows_bottom = y;

    let mut body = String::new();
    w!(
        body,
        "<g class=\"gantt-stripe\" fill=\"#f2f2f2\">{stripes}</g>"
    );
    if let Some(a) = axis {
        // The year grid, over the stripes and under the rows: thin lines at the boundaries of
        // the years.
        w!(
            body,
            "<g class=\"grid\" stroke=\"{GRID}\" stroke-width=\"1\">"
        );
        for yr in a.first()..=a.last().saturating_add(1) {
            let x = a.slot_left(yr);
            w!(
                body,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
                N(x),
                N(header_top),
                N(x),
                N(rows_bottom)
            );
            if yr.saturating_sub(a.first()) > 400 {
                // Guard: a chart of centuries draws no more boundaries than it can show.
                break;
            }
        }
        body.push_str("</g>");
        body.push_str(&header);
    }
    body.push_str(&rows);
    if let (Some(a), Some(c)) = (axis, current_fy) {
        let span = (header_top + header_h, rows_bottom);
        current_year(&mut body, a, c, label_y, span, lang);
    }

    let mut entries: Vec<(Sample, String)> = Vec::new();
    if bars.iter().any(Option::is_some) {
        let text = if ja { "実施期間" } else { "Period" };
        entries.push((Sample::bar(BAR), text.to_owned()));
    }
    if items.iter().any(|i| !i.notes.is_empty()) {
        let text = if ja {
            "年度ごとの取組（下に記載）"
        } else {
            "Step in a year (written below)"
        };
        entries.push((Sample::point(NOTE, Shape::Diamond, false), text.to_owned()));
    }
    if axis.zip(current_fy).is_some_and(|(a, c)| a.contains(c)) {
        let text = if ja {
            "今年度"
        } else {
            "Current fiscal year"
        };
        entries.push((Sample::line(CURRENT_SERIES, None), text.to_owned()));
    }
    let legend_top = rows_bottom + 8.0;
    let h = legend(&mut body, &entries, legend_top);
    frame(CLASS, legend_top + h + 6.0, lang, title, &desc, &body)
}

/// The fiscal years an item's bar covers: its own start and end, else the plan's, else the
/// chart's first or last year; `None` where there is no axis or a year has no place.
fn bar_years(
    item: &RoadmapItem,
    plan_span: Option<(i32, i32)>,
    axis: Option<YearAxis>,
    fs: FiscalStart,
) -> Option<(i32, i32)> {
    let a = axis?;
    let start = item
        .start
        .map(|p| p.start_year(fs))
        .or(plan_span.map(|(s, _)| s))
        .unwrap_or(a.first());
    let end = item
        .end
        .map(|p| p.end_year(fs))
        .or(plan_span.map(|(_, e)| e))
        .unwrap_or(a.last());
    let (s, e) = (start.min(end), start.max(end));
    (placeable(s) && placeable(e)).then_some((s, e))
}

/// Fiscal years `s` to `e` in words: `令和4年度～令和8年度（2022～2026年度）`, `FY2022–FY2026`.
fn span_text(s: i32, e: i32, lang: Lang) -> String {
    if s == e {
        year_text(s, lang)
    } else {
        period_text(Period::FiscalYears { start: s, end: e }, lang)
    }
}

/// The `<desc>`: how many items over which years, each item with its years, and the current
/// year (or that it lies outside the chart).
fn description(
    items: &[RoadmapItem],
    bars: &[Option<(i32, i32)>],
    axis: Option<YearAxis>,
    current_fy: Option<i32>,
    lang: Lang,
) -> String {
    let ja = lang == Lang::Ja;
    let n = items.len();
    let mut desc = String::new();
    match (ja, axis) {
        (true, Some(a)) => w!(
            desc,
            "工程表、{n}項目、{}。",
            span_text(a.first(), a.last(), lang)
        ),
        (true, None) => w!(desc, "工程表、{n}項目。"),
        (false, Some(a)) => w!(
            desc,
            "Roadmap of {n} items, {}.",
            span_text(a.first(), a.last(), lang)
        ),
        (false, None) => w!(desc, "Roadmap of {n} items."),
    }
    for (i, (item, bar)) in items.iter().zip(bars).enumerate() {
        let name = item_title(item, lang);
        let k = i + 1;
        match (bar, ja) {
            (Some((s, e)), true) => w!(desc, "{k}. {name}（{}）。", span_text(*s, *e, lang)),
            (Some((s, e)), false) => w!(desc, " {k}. {name} ({}).", span_text(*s, *e, lang)),
            (None, true) => w!(desc, "{k}. {name}。"),
            (None, false) => w!(desc, " {k}. {name}."),
        }
    }
    if let Some(c) = current_fy.filter(|c| placeable(*c)) {
        let inside = axis.is_some_and(|a| a.contains(c));
        let when = year_text(c, lang);
        match (ja, inside) {
            (true, true) => w!(desc, "今年度は{when}。"),
            (true, false) => w!(desc, "今年度（{when}）は工程表の期間外。"),
            (false, true) => w!(desc, " The current fiscal year is {when}."),
            (false, false) => w!(
                desc,
                " The current fiscal year, {when}, is outside the roadmap."
            ),
        }
    }
    desc
}

/// One item's row from `top` into `out`: its title (two lines at most, the whole in the row's
/// tooltip), its bar, and its notes (a diamond on the bar at each note's year, the text
/// beneath, in year order). Returns where the next row starts.
fn row(
    out: &mut String,
    item: &RoadmapItem,
    bar: Option<(i32, i32)>,
    axis: Option<YearAxis>,
    top: f64,
    fs: FiscalStart,
    lang: Lang,
) -> f64 {
    let name = item_title(item, lang);
    let tip = match (bar, lang) {
        (Some((s, e)), Lang::Ja) => format!("{name}（{}）", span_text(s, e, lang)),
        (Some((s, e)), Lang::En) => format!("{name} ({})", span_text(s, e, lang)),
        (None, _) => name.clone(),
    };
    let text_width_max = WIDTH - 2.0 * MARGIN;
    let mut y = top;
    w!(out, "<g class=\"gantt-row\"><title>{}</title>", Esc(&tip));
    w!(out, "<g class=\"gantt-title\" {TEXT}>");
    for line in wrap(&name, text_width_max, FONT, 2) {
        y += TITLE_LINE;
        w!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            N(MARGIN),
            N(y - 4.0),
            Esc(&line)
        );
    }
    out.push_str("</g>");
    y += 2.0;
    let bar_mid = y + BAR_HEIGHT / 2.0;
    if let (Some(a), Some((s, e))) = (axis, bar) {
        let x0 = a.slot_left(s) + 2.0;
        let x1 = a.slot_left(e) + a.slot() - 2.0;
        BAR.open(out, "");
        w!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\"/>",
            N(x0),
            N(y),
            N((x1 - x0).max(1.0)),
            N(BAR_HEIGHT)
        );
        out.push_str("</g>");
    }
    y += BAR_HEIGHT + 4.0;

    let mut notes: Vec<(i32, Period, &str)> = item
        .notes
        .iter()
        .map(|(p, t)| (p.start_year(fs), *p, t.as_str()))
        .collect();
    notes.sort_by_key(|n| n.0);
    if !notes.is_empty() {
        let mut text = String::new();
        NOTE.open(out, "");
        for (year, period, note) in notes {
            // The short form of a table cell in Japanese (`R5`), the canonical one in English.
            let when = match lang {
                Lang::Ja => format_short(period),
                Lang::En => period_text(period, lang),
            };
            let full = format!("{}: {note}", period_text(period, lang));
            if let Some(a) = axis.filter(|a| a.contains(year)) {
                let at = (a.x(year), bar_mid);
                marker(out, Shape::Diamond, at, false, "", Some(&full));
            }
            let lines = wrap(&format!("{when} {note}"), text_width_max - 12.0, SMALL, 2);
            for (k, line) in lines.iter().enumerate() {
                y += NOTE_LINE;
                let indent = if k == 0 { 12.0 } else { 24.0 };
                w!(
                    text,
                    "<text x=\"{}\" y=\"{}\">{}<title>{}</title></text>",
                    N(MARGIN + indent),
                    N(y - 3.0),
                    Esc(line),
                    Esc(&full)
                );
            }
        }
        out.push_str("</g>");
        w!(
            out,
            "<g class=\"gantt-notes\" {TEXT} font-size=\"{}\">{text}</g>",
            N(SMALL)
        );
    }
    out.push_str("</g>");
    y + 6.0
}

/// An item's title, or a word saying it has none.
fn item_title(item: &RoadmapItem, lang: Lang) -> String {
    let t = item.title.trim();
    match (t.is_empty(), lang) {
        (false, _) => t.to_owned(),
        (true, Lang::Ja) => "（題名なし）".to_owned(),
        (true, Lang::En) => "(untitled)".to_owned(),
    }
}

/// The year labels above the rows: `R5(2023)` (Japanese) or `FY2023` on one line where a year's
/// column has room, else the era and the year on two lines (`R5` over `2023`), else every
/// few years. Returns the height taken and the drawing.
fn year_header(axis: YearAxis, top: f64, lang: Lang) -> (f64, String) {
    let one_line = |y: i32| match (lang, era_short(y)) {
        (Lang::Ja, Some(e)) => format!("{e}({y})"),
        (Lang::Ja, None) => format!("{y}"),
        (Lang::En, _) => format!("FY{y}"),
    };
    let widest = |f: &dyn Fn(i32) -> String| {
        [axis.first(), axis.last()]
            .into_iter()
            .map(|y| text_width(&f(y), FONT))
            .fold(0.0, f64::max)
    };
    let slot = axis.slot();
    let mut out = String::new();
    w!(
        out,
        "<g class=\"axis-labels\" {TEXT} text-anchor=\"middle\">"
    );
    let height = if widest(&one_line) + 6.0 <= slot {
        for y in axis.labelled(1) {
            w!(
                out,
                "<text x=\"{}\" y=\"{}\">{}</text>",
                N(axis.x(y)),
                N(top + 14.0),
                Esc(&one_line(y))
            );
        }
        20.0
    } else {
        let every = axis.label_every(text_width("2023", FONT) + 6.0);
        for y in axis.labelled(every) {
            let x = axis.x(y);
            let first = match lang {
                Lang::Ja => era_short(y),
                Lang::En => Some("FY".to_owned()),
            };
            if let Some(e) = first {
                w!(
                    out,
                    "<text x=\"{}\" y=\"{}\">{}</text>",
                    N(x),
                    N(top + 13.0),
                    Esc(&truncate(&e, slot.max(text_width("2023", FONT)), FONT))
                );
            }
            w!(
                out,
                "<text x=\"{}\" y=\"{}\" font-size=\"{}\">{y}</text>",
                N(x),
                N(top + 26.0),
                N(SMALL)
            );
        }
        32.0
    };
    out.push_str("</g>");
    (height, out)
}
