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

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use shinchoku_core::evaluate::{evaluate, Context, Evaluation, ForecastMethod};
use shinchoku_core::grading::GradingScheme;
use shinchoku_core::indicator::{IndicatorKind, Observation, ObservationStatus, ObservedValue};
use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::plan::PlanIndicator;
use shinchoku_core::quantity::format_grouped;
use shinchoku_core::Lang;

use crate::draw::{
    current_year, era_short, frame, legend, marker, period_text, year_text, Sample, Series, Shape,
    AXIS, CURRENT, FONT, GRID, SMALL, TEXT, WIDTH,
};
use crate::scale::{placeable, ValueAxis, YearAxis};
use crate::svg::{text_width, truncate, w, Esc, N};

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
        milestone_chart(input, lang)
    } else {
        numeric_chart(input, lang)
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

/// The years the evaluation measures from and to (crates/core/src/evaluate.rs, `evaluate`):
/// the target's span (for a window sum printed as its last year, the window from the plan's
/// start), and the baseline's year (its period's last year, or the year before the plan).
struct YearLine {
    target_span: Option<(i32, i32)>,
    base_year: Option<i32>,
}

fn year_line(input: &ChartInput<'_>) -> YearLine {
    let ind = &input.indicator.indicator;
    let fs = input.fiscal_start;
    let plan_span = input.plan_period.map(|p| p.year_span(fs));
    let target_period = ind.target.as_ref().and_then(|t| t.period);
    let target_span = match (target_period, plan_span) {
        (Some(p), plan) if ind.kind == IndicatorKind::PeriodTotal && !p.is_window() => {
            let y = p.end_year(fs);
            Some(match plan {
                Some((ps, _)) if ps < y => (ps, y),
                _ => (y, y),
            })
        }
        (Some(p), _) => Some(p.year_span(fs)),
        (None, plan) => plan,
    };
    let base_year = ind
        .baseline
        .as_ref()
        .and_then(|b| b.period)
        .map(|p| p.end_year(fs))
        .or_else(|| plan_span.map(|(s, _)| s.saturating_sub(1)));
    YearLine {
        target_span,
        base_year,
    }
}

/// Where an observation ends within its year; the evaluation's order (`position` in
/// crates/core/src/evaluate.rs): a year's own figure after any month or day of it.
fn position(o: &Observation, fs: FiscalStart) -> (i32, u16) {
    let year = o.period.end_year(fs);
    let within = match o.period {
        Period::Month { month, .. } => {
            let m = (u16::from(month) + 12 - u16::from(fs.month())) % 12;
            m * 32 + 31
        }
        Period::Date { month, day, .. } => {
            let m = (u16::from(month) + 12 - u16::from(fs.month())) % 12;
            m * 32 + u16::from(day)
        }
        _ => u16::MAX,
    };
    (year, within)
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
        let (year, within) = position(o, fs);
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

// ---------------------------------------------------------------------------------------------
// Numeric indicators
// ---------------------------------------------------------------------------------------------

/// One actual value as drawn: where, and the period and status its tooltip tells.
struct Point {
    year: i32,
    value: Decimal,
    period: Period,
    status: ObservationStatus,
}

/// A value at a fiscal year.
type YearValue = (i32, Decimal);

/// The forecast: from the last value known (when it is before the target year) to the value
/// forecast at the target year.
struct Forecast {
    from: Option<YearValue>,
    to: YearValue,
}

/// One earlier plan's points, with its place among the earlier plans (for its style).
struct Lineage {
    index: usize,
    label: String,
    points: Vec<YearValue>,
}

/// What a numeric chart draws, placed on the year line.
struct Numeric {
    baseline: Option<(i32, Decimal, Period)>,
    target: Option<YearValue>,
    path_from: Option<YearValue>,
    yearly: Vec<YearValue>,
    actual: Vec<Point>,
    running_total: bool,
    forecast: Option<Forecast>,
    earlier: Vec<Lineage>,
}

fn numeric_model(input: &ChartInput<'_>, lang: Lang) -> Numeric {
    let pi = input.indicator;
    let ind = &pi.indicator;
    let fs = input.fiscal_start;
    let line = year_line(input);
    let target_year = line.target_span.map(|(_, e)| e);
    let is_number = |o: &Observation| matches!(o.value, ObservedValue::Number(_));

    let window = match (ind.kind, line.target_span) {
        (IndicatorKind::PeriodTotal, Some((ws, we))) if placeable(ws) && placeable(we) => {
            Some((ws, we))
        }
        _ => None,
    };

    let baseline = if window.is_some() {
        None
    } else {
        ind.baseline.as_ref().and_then(|b| {
            let year = line.base_year.filter(|y| placeable(*y))?;
            let period = b.period.unwrap_or(Period::FiscalYear(year));
            Some((year, b.value?, period))
        })
    };
    let target = ind
        .target
        .as_ref()
        .and_then(|t| t.value)
        .zip(target_year)
        .filter(|(_, y)| placeable(*y))
        .map(|(v, y)| (y, v));

    let (actual, path_from) = match window {
        Some((ws, we)) => {
            // The running total is what the evaluation compares: take it from the evaluation,
            // year by year, rather than summing here by another rule.
            let scheme = GradingScheme::pace();
            let inside = |o: &Observation| {
                let (s, e) = o.period.year_span(fs);
                is_number(o) && s >= ws && e <= we
            };
            let actual: Vec<Point> = per_year(&pi.observations, fs, inside)
                .into_iter()
                .filter_map(|(year, o)| {
                    let ctx = Context {
                        fy: year,
                        plan_period: input.plan_period,
                        fiscal_start: fs,
                        scheme: &scheme,
                        forecast: ForecastMethod::Linear,
                    };
                    let value = evaluate(ind, &pi.observations, &ctx).value?;
                    Some(Point {
                        year,
                        value,
                        period: o.period,
                        status: o.status,
                    })
                })
                .collect();
            let before = ws.saturating_sub(1);
            let from = placeable(before).then_some((before, Decimal::ZERO));
            (actual, from)
        }
        None => {
            let actual: Vec<Point> = per_year(&pi.observations, fs, is_number)
                .into_iter()
                .filter_map(|(year, o)| {
                    Some(Point {
                        year,
                        value: o.as_number()?,
                        period: o.period,
                        status: o.status,
                    })
                })
                .collect();
            (actual, baseline.map(|(y, v, _)| (y, v)))
        }
    };
    let path_from = path_from.filter(|(y, _)| target.is_some_and(|(ty, _)| *y < ty));

    let mut yearly: Vec<(i32, Decimal)> = ind
        .yearly_targets
        .iter()
        .map(|t| (t.period.end_year(fs), t.value))
        .filter(|(y, _)| placeable(*y))
        .collect();
    yearly.sort_by_key(|(y, _)| *y);

    let forecast = input
        .evaluation
        .and_then(|e| e.forecast)
        .zip(target_year.filter(|y| placeable(*y)))
        .map(|(f, ty)| {
            let last_known = actual
                .iter()
                .rev()
                .find(|p| input.current_fy.is_none_or(|c| p.year <= c))
                .map(|p| (p.year, p.value))
                .or(path_from);
            Forecast {
                from: last_known.filter(|(y, _)| *y < ty),
                to: (ty, f),
            }
        });

    let earlier = input
        .earlier
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let mut points: Vec<(i32, Decimal)> = s
                .points
                .iter()
                .copied()
                .filter(|(y, _)| placeable(*y))
                .collect();
            points.sort_by_key(|(y, _)| *y);
            // A series without a name is still told apart from the others in the legend.
            let label = match (s.label.trim().is_empty(), lang) {
                (false, _) => s.label.clone(),
                (true, Lang::Ja) => format!("過去の計画{}", i + 1),
                (true, Lang::En) => format!("Earlier plan {}", i + 1),
            };
            (!points.is_empty()).then_some(Lineage {
                index: i,
                label,
                points,
            })
        })
        .collect();

    Numeric {
        baseline,
        target,
        path_from,
        yearly,
        actual,
        running_total: window.is_some(),
        forecast,
        earlier,
    }
}

fn numeric_desc(input: &ChartInput<'_>, m: &Numeric, lang: Lang) -> String {
    let ind = &input.indicator.indicator;
    let unit = ind.unit.as_str();
    let mut d = desc_head(input, lang);
    let ja = lang == Lang::Ja;
    let sp = if ja { "" } else { " " };
    if let Some(b) = &ind.baseline {
        if let Some(v) = b.value {
            let when = b.period.map(|p| period_text(p, lang)).unwrap_or_default();
            match (ja, when.is_empty()) {
                (true, false) => w!(d, "基準値 {}（{when}）。", value_text(v, unit, lang)),
                (true, true) => w!(d, "基準値 {}。", value_text(v, unit, lang)),
                (false, false) => w!(d, " Baseline {} ({when}).", value_text(v, unit, lang)),
                (false, true) => w!(d, " Baseline {}.", value_text(v, unit, lang)),
            }
        }
    }
    match (&ind.target, m.target) {
        (Some(t), Some((y, v))) => {
            let suffix = if ja { ind.comparator.suffix_ja() } else { "" };
            let when = t
                .period
                .map_or_else(|| year_text(y, lang), |p| period_text(p, lang));
            if ja {
                w!(
                    d,
                    "目標値 {}{suffix}（{when}）。",
                    value_text(v, unit, lang)
                );
            } else {
                let cmp = match ind.comparator.as_str() {
                    "at_least" => " or more",
                    "at_most" => " or less",
                    _ => "",
                };
                w!(d, " Target {}{cmp} ({when}).", value_text(v, unit, lang));
            }
        }
        (Some(t), None) if t.text.is_some() => {
            let text = t.text.as_deref().unwrap_or_default();
            if ja {
                w!(d, "目標: {text}。");
            } else {
                w!(d, " Target: {text}.");
            }
        }
        _ => d.push_str(if ja {
            "目標値なし。"
        } else {
            " No target."
        }),
    }
    if !m.yearly.is_empty() {
        let list: Vec<String> = m
            .yearly
            .iter()
            .map(|(y, v)| format!("{} {}", year_text(*y, lang), value_text(*v, unit, lang)))
            .collect();
        if ja {
            w!(d, "年度別目標: {}。", list.join("、"));
        } else {
            w!(d, " Yearly targets: {}.", list.join(", "));
        }
    }
    match m.actual.last() {
        Some(p) => {
            let when = period_text(p.period, lang);
            let status = status_text(p.status, lang)
                .map(|s| {
                    if ja {
                        format!("、{s}")
                    } else {
                        format!(", {s}")
                    }
                })
                .unwrap_or_default();
            let n = m.actual.len();
            let v = value_text(p.value, unit, lang);
            if ja {
                let what = if m.running_total {
                    "期間の累計"
                } else {
                    "実績値"
                };
                w!(d, "{what}は{n}年度分、最新は {v}（{when}{status}）。");
            } else {
                let what = if m.running_total {
                    "Running total"
                } else {
                    "Actual values"
                };
                w!(d, " {what} for {n} years, latest {v} ({when}{status}).");
            }
        }
        None => d.push_str(if ja {
            "実績値はまだありません。"
        } else {
            " No actual values yet."
        }),
    }
    if let Some(Forecast { to: (y, f), .. }) = m.forecast {
        if ja {
            w!(
                d,
                "{}の予測は {}。",
                year_text(y, lang),
                value_text(f, unit, lang)
            );
        } else {
            w!(
                d,
                " Forecast for {}: {}.",
                year_text(y, lang),
                value_text(f, unit, lang)
            );
        }
    }
    if !m.earlier.is_empty() {
        let list: Vec<String> = m
            .earlier
            .iter()
            .map(|l| {
                if ja {
                    format!("{}（{}年度分）", l.label, l.points.len())
                } else {
                    format!("{} ({} years)", l.label, l.points.len())
                }
            })
            .collect();
        if ja {
            w!(d, "過去の計画での同じ指標: {}。", list.join("、"));
        } else {
            w!(
                d,
                "{sp}The same indicator in earlier plans: {}.",
                list.join(", ")
            );
        }
    }
    d.push_str(&desc_current(input, lang));
    d
}

fn numeric_chart(input: &ChartInput<'_>, lang: Lang) -> String {
    let ind = &input.indicator.indicator;
    let unit = ind.unit.as_str();
    let m = numeric_model(input, lang);
    let title = chart_title(input, lang);
    let desc = numeric_desc(input, &m, lang);
    const CLASS: &str = "indicator-chart";

    let mut values: Vec<Decimal> = Vec::new();
    let mut years: Vec<i32> = Vec::new();
    let mut add = |y: i32, v: Decimal| {
        years.push(y);
        values.push(v);
    };
    if let Some((y, v, _)) = m.baseline {
        add(y, v);
    }
    for &(y, v) in m.target.iter().chain(&m.path_from).chain(&m.yearly) {
        add(y, v);
    }
    for p in &m.actual {
        add(p.year, p.value);
    }
    if let Some(Forecast { to: (y, v), .. }) = m.forecast {
        add(y, v);
    }
    for l in &m.earlier {
        for &(y, v) in &l.points {
            add(y, v);
        }
    }
    let Some(vaxis) = ValueAxis::covering(values) else {
        return no_data_chart(CLASS, &title, &desc, lang);
    };
    let fs = input.fiscal_start;
    if let Some(p) = input.plan_period {
        let (s, e) = p.year_span(fs);
        years.extend([s, e]);
    }

    let left = (vaxis.widest_label() as f64 * FONT * 0.6 + 12.0).clamp(36.0, 180.0);
    let right = 16.0;
    let top = 34.0;
    let plot_h = 200.0;
    let bottom = top + plot_h;
    let Some(yaxis) = YearAxis::spanning(years, left, WIDTH - left - right) else {
        return no_data_chart(CLASS, &title, &desc, lang);
    };
    let vy = |v: Decimal| bottom - vaxis.fraction(v) * plot_h;
    let at = |y: i32, v: Decimal| (yaxis.x(y), vy(v));

    let mut body = String::new();
    // Grid and value labels.
    w!(
        body,
        "<g class=\"grid\" stroke=\"{GRID}\" stroke-width=\"1\">"
    );
    for t in vaxis.ticks() {
        let y = vy(*t);
        w!(
            body,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            N(left),
            N(y),
            N(WIDTH - right),
            N(y)
        );
    }
    body.push_str("</g>");
    w!(body, "<g class=\"axis-labels\" {TEXT} text-anchor=\"end\">");
    for t in vaxis.ticks() {
        w!(
            body,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            N(left - 6.0),
            N(vy(*t) + FONT * 0.35),
            Esc(&vaxis.label(*t))
        );
    }
    body.push_str("</g>");
    if !unit.is_empty() {
        let u = match lang {
            Lang::Ja => format!("（{unit}）"),
            Lang::En => format!("({unit})"),
        };
        w!(
            body,
            "<text class=\"axis-labels unit\" x=\"4\" y=\"14\" {TEXT}>{}</text>",
            Esc(&truncate(&u, WIDTH / 2.0, FONT))
        );
    }
    year_labels(&mut body, yaxis, bottom, lang);
    if let Some(c) = input.current_fy {
        current_year(&mut body, yaxis, c, top - 12.0, (top - 8.0, bottom), lang);
    }

    // Earlier plans behind everything else.
    for l in &m.earlier {
        let (s, shape, class) = earlier_style(l.index);
        s.open(&mut body, class);
        let xy: Vec<(f64, f64)> = l.points.iter().map(|&(y, v)| at(y, v)).collect();
        s.line(&mut body, &xy);
        for &(y, v) in &l.points {
            let tip = tooltip(
                &l.label,
                &value_text(v, unit, lang),
                &year_text(y, lang),
                None,
                lang,
            );
            marker(&mut body, shape, at(y, v), false, "", Some(&tip));
        }
        body.push_str("</g>");
    }

    let wd = words(lang);
    // The straight path to the target.
    if let (Some((fy, fv)), Some((ty, tv))) = (m.path_from, m.target) {
        TARGET.open(&mut body, "");
        TARGET.line(&mut body, &[at(fy, fv), at(ty, tv)]);
        body.push_str("</g>");
    }
    // The forecast.
    if let Some(Forecast { from, to: (ty, f) }) = m.forecast {
        FORECAST.open(&mut body, "");
        if let Some((y, v)) = from {
            FORECAST.line(&mut body, &[at(y, v), at(ty, f)]);
        }
        let tip = tooltip(
            wd.forecast,
            &value_text(f, unit, lang),
            &year_text(ty, lang),
            None,
            lang,
        );
        marker(&mut body, Shape::Triangle, at(ty, f), false, "", Some(&tip));
        body.push_str("</g>");
    }
    // The actual values.
    if !m.actual.is_empty() {
        ACTUAL.open(&mut body, "");
        let xy: Vec<(f64, f64)> = m.actual.iter().map(|p| at(p.year, p.value)).collect();
        ACTUAL.line(&mut body, &xy);
        let what = if m.running_total {
            wd.running
        } else {
            wd.actual
        };
        for p in &m.actual {
            let status = status_text(p.status, lang);
            let tip = tooltip(
                what,
                &value_text(p.value, unit, lang),
                &period_text(p.period, lang),
                status,
                lang,
            );
            let class = match p.status {
                ObservationStatus::Final => "",
                ObservationStatus::Provisional => "hollow provisional",
                ObservationStatus::Estimate => "hollow estimate",
            };
            marker(
                &mut body,
                Shape::Circle,
                at(p.year, p.value),
                status.is_some(),
                class,
                Some(&tip),
            );
        }
        body.push_str("</g>");
    }
    if !m.yearly.is_empty() {
        YEARLY.open(&mut body, "");
        for &(y, v) in &m.yearly {
            let tip = tooltip(
                wd.yearly,
                &value_text(v, unit, lang),
                &year_text(y, lang),
                None,
                lang,
            );
            marker(&mut body, Shape::Diamond, at(y, v), false, "", Some(&tip));
        }
        body.push_str("</g>");
    }
    if let Some((y, v, period)) = m.baseline {
        BASELINE.open(&mut body, "");
        let tip = tooltip(
            wd.baseline,
            &value_text(v, unit, lang),
            &period_text(period, lang),
            None,
            lang,
        );
        marker(&mut body, Shape::Square, at(y, v), false, "", Some(&tip));
        body.push_str("</g>");
    }
    if let Some((y, v)) = m.target {
        TARGET.open(&mut body, "");
        let tip = tooltip(
            wd.target,
            &value_text(v, unit, lang),
            &year_text(y, lang),
            None,
            lang,
        );
        marker(&mut body, Shape::Diamond, at(y, v), false, "", Some(&tip));
        body.push_str("</g>");
    }

    // The legend: every series drawn, in words.
    let mut entries: Vec<(Sample, String)> = Vec::new();
    if !m.actual.is_empty() {
        let what = if m.running_total {
            wd.running
        } else {
            wd.actual
        };
        entries.push((Sample::line(ACTUAL, Some(Shape::Circle)), what.to_owned()));
        if m.actual
            .iter()
            .any(|p| p.status != ObservationStatus::Final)
        {
            entries.push((
                Sample::point(ACTUAL, Shape::Circle, true),
                wd.not_final.to_owned(),
            ));
        }
    }
    if m.baseline.is_some() {
        entries.push((
            Sample::point(BASELINE, Shape::Square, false),
            wd.baseline.to_owned(),
        ));
    }
    if m.target.is_some() {
        entries.push((
            Sample::point(TARGET, Shape::Diamond, false),
            wd.target.to_owned(),
        ));
    }
    if m.path_from.is_some() && m.target.is_some() {
        let text = if m.running_total {
            match lang {
                Lang::Ja => "ゼロから目標値への直線",
                Lang::En => "Straight path from zero to target",
            }
        } else {
            wd.path
        };
        entries.push((Sample::line(TARGET, None), text.to_owned()));
    }
    if !m.yearly.is_empty() {
        entries.push((
            Sample::point(YEARLY, Shape::Diamond, false),
            wd.yearly.to_owned(),
        ));
    }
    if m.forecast.is_some() {
        entries.push((
            Sample::line(FORECAST, Some(Shape::Triangle)),
            wd.forecast.to_owned(),
        ));
    }
    for l in &m.earlier {
        let (s, shape, class) = earlier_style(l.index);
        let mut sample = Sample::line(s, Some(shape));
        sample.extra = class;
        entries.push((sample, l.label.clone()));
    }
    if input.current_fy.is_some_and(|c| yaxis.contains(c)) {
        entries.push((Sample::line(CURRENT_SERIES, None), wd.current.to_owned()));
    }
    let legend_top = bottom + 40.0;
    let h = legend(&mut body, &entries, legend_top);
    frame(CLASS, legend_top + h + 6.0, lang, &title, &desc, &body)
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

// ---------------------------------------------------------------------------------------------
// Milestones
// ---------------------------------------------------------------------------------------------

/// What a milestone chart places on its time line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Baseline,
    Actual(ObservationStatus),
    Target,
}

fn milestone_chart(input: &ChartInput<'_>, lang: Lang) -> String {
    const CLASS: &str = "indicator-chart milestone-chart";
    let pi = input.indicator;
    let ind = &pi.indicator;
    let fs = input.fiscal_start;
    let line = year_line(input);
    let states: Vec<&str> = ind.milestone_states().collect();
    let ja = lang == Lang::Ja;
    let wd = words(lang);

    // (year, state, what, period for the tooltip)
    let mut stops: Vec<(i32, &str, Stop, Period)> = Vec::new();
    if let Some(b) = &ind.baseline {
        if let (Some(s), Some(y)) = (b.state.as_deref(), line.base_year) {
            if placeable(y) {
                stops.push((
                    y,
                    s,
                    Stop::Baseline,
                    b.period.unwrap_or(Period::FiscalYear(y)),
                ));
            }
        }
    }
    let is_state = |o: &Observation| matches!(o.value, ObservedValue::State(_));
    for (y, o) in per_year(&pi.observations, fs, is_state) {
        if let ObservedValue::State(s) = &o.value {
            stops.push((y, s.as_str(), Stop::Actual(o.status), o.period));
        }
    }
    let target_year = line.target_span.map(|(_, e)| e).filter(|y| placeable(*y));
    if let (Some(t), Some(y)) = (
        ind.target.as_ref().and_then(|t| t.text.as_deref()),
        target_year,
    ) {
        stops.push((y, t, Stop::Target, Period::FiscalYear(y)));
    }
    stops.sort_by_key(|s| s.0);

    let title = chart_title(input, lang);
    let mut desc = desc_head(input, lang);
    if ja {
        w!(desc, "段階: {}。", states.join(" → "));
    } else {
        w!(desc, " Stages: {}.", states.join(" → "));
    }
    // The baseline, the latest state and the target, in words.
    let latest = stops.iter().rev().find(|s| matches!(s.2, Stop::Actual(_)));
    let told = stops
        .iter()
        .filter(|s| s.2 == Stop::Baseline)
        .chain(latest)
        .chain(stops.iter().filter(|s| s.2 == Stop::Target));
    for (y, s, what, period) in told {
        let when = if *what == Stop::Target {
            year_text(*y, lang)
        } else {
            period_text(*period, lang)
        };
        let label = match (what, ja) {
            (Stop::Baseline, true) => "基準",
            (Stop::Baseline, false) => "Baseline",
            (Stop::Target, true) => "目標",
            (Stop::Target, false) => "Target",
            (Stop::Actual(_), true) => "最新",
            (Stop::Actual(_), false) => "Latest",
        };
        if ja {
            w!(desc, "{label}: {s}（{when}）。");
        } else {
            w!(desc, " {label}: {s} ({when}).");
        }
    }
    if latest.is_none() {
        desc.push_str(if ja {
            "実績はまだありません。"
        } else {
            " No state observed yet."
        });
    }
    desc.push_str(&desc_current(input, lang));

    let mut years: Vec<i32> = stops.iter().map(|s| s.0).collect();
    if stops.is_empty() {
        return no_data_chart(CLASS, &title, &desc, lang);
    }
    if let Some(p) = input.plan_period {
        let (s, e) = p.year_span(fs);
        years.extend([s, e]);
    }
    let (left, right) = (16.0, 16.0);
    let top = 34.0;
    let line_y = top + 42.0;
    let bottom = top + 84.0;
    let Some(axis) = YearAxis::spanning(years, left, WIDTH - left - right) else {
        return no_data_chart(CLASS, &title, &desc, lang);
    };

    let mut body = String::new();
    year_labels(&mut body, axis, bottom, lang);
    if let Some(c) = input.current_fy {
        current_year(&mut body, axis, c, top - 12.0, (top - 8.0, bottom), lang);
    }
    w!(
        body,
        "<line class=\"axis timeline\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{AXIS}\" stroke-width=\"2\"/>",
        N(left),
        N(line_y),
        N(WIDTH - right),
        N(line_y)
    );
    let room = (axis.slot() * 2.0 - 6.0).max(FONT * 2.0);
    let mut labels = String::new();
    for (i, (y, state, what, period)) in stops.iter().enumerate() {
        let x = axis.x(*y);
        let rank = states
            .iter()
            .position(|s| *s == state.trim())
            .map(|r| format!(" {}/{}", r + 1, states.len()))
            .unwrap_or_default();
        let (series, shape, hollow, what_text) = match what {
            Stop::Baseline => (BASELINE, Shape::Square, false, wd.baseline),
            Stop::Target => (TARGET, Shape::Diamond, false, wd.target),
            Stop::Actual(st) => (
                ACTUAL,
                Shape::Circle,
                *st != ObservationStatus::Final,
                wd.actual,
            ),
        };
        let status = match what {
            Stop::Actual(st) => status_text(*st, lang),
            _ => None,
        };
        let when = if *what == Stop::Target {
            year_text(*y, lang)
        } else {
            period_text(*period, lang)
        };
        let tip = tooltip(what_text, &format!("{state}{rank}"), &when, status, lang);
        series.open(&mut body, "");
        let class = match what {
            Stop::Actual(ObservationStatus::Provisional) => "hollow provisional",
            Stop::Actual(ObservationStatus::Estimate) => "hollow estimate",
            _ => "",
        };
        marker(&mut body, shape, (x, line_y), hollow, class, Some(&tip));
        body.push_str("</g>");
        let ly = if i % 2 == 0 {
            line_y - 12.0
        } else {
            line_y + 12.0 + FONT
        };
        w!(
            labels,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            N(x),
            N(ly),
            Esc(&truncate(state, room, FONT))
        );
    }
    w!(
        body,
        "<g class=\"axis-labels states\" {TEXT} text-anchor=\"middle\">{labels}</g>"
    );

    let mut entries: Vec<(Sample, String)> = Vec::new();
    let has = |f: &dyn Fn(Stop) -> bool| stops.iter().any(|s| f(s.2));
    if has(&|s| s == Stop::Baseline) {
        entries.push((
            Sample::point(BASELINE, Shape::Square, false),
            wd.baseline.to_owned(),
        ));
    }
    if has(&|s| matches!(s, Stop::Actual(_))) {
        entries.push((
            Sample::point(ACTUAL, Shape::Circle, false),
            wd.actual.to_owned(),
        ));
    }
    if has(&|s| matches!(s, Stop::Actual(st) if st != ObservationStatus::Final)) {
        entries.push((
            Sample::point(ACTUAL, Shape::Circle, true),
            wd.not_final.to_owned(),
        ));
    }
    if has(&|s| s == Stop::Target) {
        entries.push((
            Sample::point(TARGET, Shape::Diamond, false),
            wd.target.to_owned(),
        ));
    }
    if input.current_fy.is_some_and(|c| axis.contains(c)) {
        entries.push((Sample::line(CURRENT_SERIES, None), wd.current.to_owned()));
    }
    let legend_top = bottom + 40.0;
    let h = legend(&mut body, &entries, legend_top);
    frame(CLASS, legend_top + h + 6.0, lang, &title, &desc, &body)
}
