//! One indicator's chart over the fiscal years: where it started, the straight path to its
//! target, the plan's yearly targets, what was observed, where it is heading, and the same
//! indicator in earlier plans.
//!
//! [`indicator_chart`] places every period at its fiscal year the way the evaluation does (a
//! window at its last year, a month or a day in the fiscal year that contains it, a baseline
//! with no period the year before the plan starts, a target with no period at the plan's
//! end), and leaves out what has no place: a year outside 1000–9999, a number of a milestone
//! or a state of a numeric indicator. When one year has several observations (a mid-year
//! count and the year's figure), the one the evaluation counts is drawn: the latest-ending,
//! and among equals the later in the list.
//!
//! A `period_total` indicator (a sum over a window, `/5年`) is drawn as its running total
//! inside the window — the value the evaluation compares, taken from the evaluation itself —
//! against a straight path from zero before the window to the target at its end. Its baseline
//! is another window's total, on another scale, and is told in the description, not drawn.
//! A `milestone` has no value axis: its states are drawn on a time line.
//!
//! This file holds the entry point and what both kinds of chart share (the styles, the year
//! line, the words); `chart/numeric.rs` draws the numeric kinds and `chart/milestone.rs`
//! milestones.
//!
//! Every series differs from the others by its line (solid, dashed, dotted, dash-dot) and its
//! point (circle, square, diamond, triangle, cross), not only its colour, and the legend names
//! each in words. The classes a stylesheet may restyle:
//!
//! | class | what |
//! |---|---|
//! | `shinchoku-chart indicator-chart` | the `<svg>` (a milestone adds `milestone-chart`) |
//! | `series-actual` | observed values: solid line, circles; `hollow provisional` / `hollow estimate` on points not yet final |
//! | `series-baseline` | the baseline: a square |
//! | `series-target` | the target (a diamond) and the dashed straight path to it |
//! | `series-yearly-target` | the plan's yearly targets: hollow diamonds |
//! | `series-forecast` | the dotted forecast to the target year, a triangle at its end |
//! | `series-earlier series-earlier-N` | the indicator in the N-th earlier plan (from 1): dash-dot line, crosses |
//! | `current-year` | the current fiscal year's vertical line and label |
//! | `grid`, `axis`, `axis-labels`, `legend`, `no-data` | the frame |

mod milestone;
mod numeric;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use shinchoku_core::evaluate::{Evaluation, YearLine};
use shinchoku_core::indicator::{IndicatorKind, Observation, ObservationStatus};
use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::plan::PlanIndicator;
use shinchoku_core::quantity::format_grouped;
use shinchoku_core::Lang;

use crate::draw::{
    era_short, frame, year_text, Series, Shape, AXIS, CURRENT, FONT, SMALL, TEXT, WIDTH,
};
use crate::scale::{placeable, YearAxis};
use crate::svg::{text_width, w, Esc, N};

/// The same indicator in an earlier plan (its lineage), drawn as a lighter line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EarlierSeries {
    /// What the legend calls it: the earlier plan's name or period (`第1期計画（2018～2020）`).
    pub label: String,
    /// Its values by fiscal year, in the indicator's unit, in any order. Years outside
    /// 1000–9999 are left out.
    pub points: Vec<(i32, Decimal)>,
}

/// What [`indicator_chart`] draws: an indicator of a plan with its observations, and what the
/// page knows around it.
#[derive(Debug, Clone, Copy)]
pub struct ChartInput<'a> {
    /// The indicator (kind, unit, baseline, target, yearly targets) and its observations.
    pub indicator: &'a PlanIndicator,
    /// Its evaluation in the year the page shows, for the forecast; `None` draws no forecast.
    pub evaluation: Option<&'a Evaluation>,
    /// The same indicator in earlier plans, oldest first.
    pub earlier: &'a [EarlierSeries],
    /// The current fiscal year, marked by a vertical line when it is on the chart.
    pub current_fy: Option<i32>,
    /// The plan's period: where a target with no period is due, and the year before a
    /// baseline with no period. The axis spans it too.
    pub plan_period: Option<Period>,
    /// The plan's fiscal-year start, which places months and days in their fiscal year.
    pub fiscal_start: FiscalStart,
}

/// The SVG chart of one indicator over the fiscal years, in `lang`, ready to embed inline in
/// HTML or to save as a `.svg` file. Never panics; an indicator with nothing to draw gets a
/// small chart that says so.
pub fn indicator_chart(input: &ChartInput<'_>, lang: Lang) -> String {
    if input.indicator.indicator.kind == IndicatorKind::Milestone {
        milestone::milestone_chart(input, lang)
    } else {
        numeric::numeric_chart(input, lang)
    }
}

// ---------------------------------------------------------------------------------------------
// Styles
// ---------------------------------------------------------------------------------------------

const ACTUAL: Series = Series {
    class: "series-actual",
    stroke: "#0031d8",
    fill: "#0031d8",
    width: 2.5,
    dash: None,
};
const BASELINE: Series = Series {
    class: "series-baseline",
    stroke: "#1a1a1a",
    fill: "#1a1a1a",
    width: 1.5,
    dash: None,
};
const TARGET: Series = Series {
    class: "series-target",
    stroke: "#4d4d4d",
    fill: "#4d4d4d",
    width: 1.5,
    dash: Some("6 4"),
};
const YEARLY: Series = Series {
    class: "series-yearly-target",
    stroke: "#4d4d4d",
    fill: "#ffffff",
    width: 1.5,
    dash: None,
};
const FORECAST: Series = Series {
    class: "series-forecast",
    stroke: "#b35900",
    fill: "#b35900",
    width: 2.0,
    dash: Some("2 3"),
};
const CURRENT_SERIES: Series = Series {
    class: "current-year",
    stroke: CURRENT,
    fill: CURRENT,
    width: 1.5,
    dash: Some("4 2"),
};
/// Earlier plans: lighter and thinner, each with its own dash-dot pattern and point.
const EARLIER: [(Series, Shape); 3] = [
    (
        Series {
            class: "series-earlier",
            stroke: "#767676",
            fill: "#767676",
            width: 1.25,
            dash: Some("8 3 2 3"),
        },
        Shape::Cross,
    ),
    (
        Series {
            class: "series-earlier",
            stroke: "#767676",
            fill: "#767676",
            width: 1.25,
            dash: Some("12 3 2 3 2 3"),
        },
        Shape::Plus,
    ),
    (
        Series {
            class: "series-earlier",
            stroke: "#767676",
            fill: "#767676",
            width: 1.25,
            dash: Some("3 3"),
        },
        Shape::Cross,
    ),
];
const EARLIER_CLASSES: [&str; 8] = [
    "series-earlier-1",
    "series-earlier-2",
    "series-earlier-3",
    "series-earlier-4",
    "series-earlier-5",
    "series-earlier-6",
    "series-earlier-7",
    "series-earlier-8",
];

fn earlier_style(i: usize) -> (Series, Shape, &'static str) {
    let (s, shape) = EARLIER[i % EARLIER.len()];
    let class = EARLIER_CLASSES
        .get(i)
        .copied()
        .unwrap_or("series-earlier-more");
    (s, shape, class)
}

// ---------------------------------------------------------------------------------------------
// The plan's year line, as the evaluation reads it
// ---------------------------------------------------------------------------------------------

/// The years the evaluation measures from and to: core's own [`YearLine`], so that the chart
/// places the target and the baseline where the evaluation reads them.
fn year_line(input: &ChartInput<'_>) -> YearLine {
    YearLine::of(
        &input.indicator.indicator,
        input.plan_period,
        input.fiscal_start,
    )
}

/// For each placeable year, the observation among those `keep` accepts that counts for it:
/// the latest-ending, and among equals the later in the slice. In year order.
fn per_year(
    obs: &[Observation],
    fs: FiscalStart,
    keep: impl Fn(&Observation) -> bool,
) -> Vec<(i32, &Observation)> {
    let mut best: BTreeMap<i32, (u16, &Observation)> = BTreeMap::new();
    for o in obs.iter().filter(|o| keep(o)) {
        let (year, within) = shinchoku_core::evaluate::position(o, fs);
        if !placeable(year) {
            continue;
        }
        match best.get(&year) {
            Some((w, _)) if *w > within => {}
            _ => {
                best.insert(year, (within, o));
            }
        }
    }
    best.into_iter().map(|(y, (_, o))| (y, o)).collect()
}

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

fn value_text(v: Decimal, unit: &str, lang: Lang) -> String {
    let n = format_grouped(v);
    match lang {
        Lang::En if !unit.is_empty() && unit != "%" => format!("{n} {unit}"),
        _ => format!("{n}{unit}"),
    }
}

fn status_text(s: ObservationStatus, lang: Lang) -> Option<&'static str> {
    match (s, lang) {
        (ObservationStatus::Final, _) => None,
        (ObservationStatus::Provisional, Lang::Ja) => Some("速報"),
        (ObservationStatus::Provisional, Lang::En) => Some("provisional"),
        (ObservationStatus::Estimate, Lang::Ja) => Some("見込"),
        (ObservationStatus::Estimate, Lang::En) => Some("estimate"),
    }
}

/// `what: value（when、status）` or `what: value (when, status)`.
fn tooltip(what: &str, value: &str, when: &str, status: Option<&str>, lang: Lang) -> String {
    match (lang, status) {
        (Lang::Ja, Some(s)) => format!("{what}: {value}（{when}、{s}）"),
        (Lang::Ja, None) => format!("{what}: {value}（{when}）"),
        (Lang::En, Some(s)) => format!("{what}: {value} ({when}, {s})"),
        (Lang::En, None) => format!("{what}: {value} ({when})"),
    }
}

struct Words {
    actual: &'static str,
    running: &'static str,
    not_final: &'static str,
    baseline: &'static str,
    target: &'static str,
    path: &'static str,
    yearly: &'static str,
    forecast: &'static str,
    current: &'static str,
    no_data: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Ja => Words {
            actual: "実績値",
            running: "実績値（期間の累計）",
            not_final: "速報値・見込値（白抜き）",
            baseline: "基準値",
            target: "目標値",
            path: "基準値から目標値への直線",
            yearly: "年度別目標",
            forecast: "予測",
            current: "今年度",
            no_data: "表示できる値がまだありません",
        },
        Lang::En => Words {
            actual: "Actual",
            running: "Actual (running total)",
            not_final: "Provisional or estimate (hollow)",
            baseline: "Baseline",
            target: "Target",
            path: "Straight path from baseline to target",
            yearly: "Yearly target",
            forecast: "Forecast",
            current: "Current fiscal year",
            no_data: "No values to show yet",
        },
    }
}

/// The indicator's name, or a word for it when it has none.
fn indicator_name<'a>(input: &ChartInput<'a>, lang: Lang) -> &'a str {
    let name = input.indicator.indicator.name.trim();
    match (name.is_empty(), lang) {
        (false, _) => name,
        (true, Lang::Ja) => "指標",
        (true, Lang::En) => "Indicator",
    }
}

/// The chart's `<title>`.
fn chart_title(input: &ChartInput<'_>, lang: Lang) -> String {
    let name = indicator_name(input, lang);
    match lang {
        Lang::Ja => format!("{name}の推移"),
        Lang::En => format!("{name}: values by fiscal year"),
    }
}

/// The first sentence of the description: the name and unit.
fn desc_head(input: &ChartInput<'_>, lang: Lang) -> String {
    let name = indicator_name(input, lang);
    let unit = input.indicator.indicator.unit.as_str();
    match (lang, unit.is_empty()) {
        (Lang::Ja, false) => format!("{name}（単位: {unit}）の年度ごとの推移。"),
        (Lang::Ja, true) => format!("{name}の年度ごとの推移。"),
        (Lang::En, false) => format!("{name} (unit: {unit}) by fiscal year."),
        (Lang::En, true) => format!("{name} by fiscal year."),
    }
}

fn desc_current(input: &ChartInput<'_>, lang: Lang) -> String {
    match (input.current_fy, lang) {
        (Some(y), Lang::Ja) if placeable(y) => format!("今年度は{}。", year_text(y, lang)),
        (Some(y), Lang::En) if placeable(y) => {
            format!(" The current fiscal year is {}.", year_text(y, lang))
        }
        _ => String::new(),
    }
}

/// A chart with nothing to draw: the title, the description and one line saying so.
fn no_data_chart(class: &str, title: &str, desc: &str, lang: Lang) -> String {
    let text = words(lang).no_data;
    let mut body = String::new();
    w!(
        body,
        "<text class=\"no-data\" x=\"{}\" y=\"44\" text-anchor=\"middle\" {TEXT}>{}</text>",
        N(WIDTH / 2.0),
        Esc(text)
    );
    frame(class, 72.0, lang, title, desc, &body)
}

/// The x axis below `bottom`: a line, and for every year that has room, its number with the
/// era (`R5`) beneath in Japanese.
fn year_labels(out: &mut String, axis: YearAxis, bottom: f64, lang: Lang) {
    let left = axis.slot_left(axis.first());
    let right = axis.slot_left(axis.last()) + axis.slot();
    w!(
        out,
        "<g class=\"axis\" stroke=\"{AXIS}\" stroke-width=\"1\"><line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
        N(left),
        N(bottom),
        N(right),
        N(bottom)
    );
    let every = axis.label_every(text_width("2023", FONT) + 10.0);
    for y in axis.labelled(every) {
        let x = axis.x(y);
        w!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            N(x),
            N(bottom),
            N(x),
            N(bottom + 4.0)
        );
    }
    out.push_str("</g>");
    w!(
        out,
        "<g class=\"axis-labels\" {TEXT} text-anchor=\"middle\">"
    );
    for y in axis.labelled(every) {
        let x = axis.x(y);
        w!(
            out,
            "<text x=\"{}\" y=\"{}\">{y}</text>",
            N(x),
            N(bottom + 17.0)
        );
        if lang == Lang::Ja {
            if let Some(era) = era_short(y) {
                w!(
                    out,
                    "<text x=\"{}\" y=\"{}\" font-size=\"{}\">{}</text>",
                    N(x),
                    N(bottom + 30.0),
                    N(SMALL),
                    Esc(&era)
                );
            }
        }
    }
    out.push_str("</g>");
}
