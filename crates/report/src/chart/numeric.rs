//! The chart of a numeric indicator (every kind but milestones): the model of what is drawn,
//! placed on the plan's year line, its description in words, and the drawing on a value axis.

use rust_decimal::Decimal;
use shinchoku_core::evaluate::{evaluate, Context, ForecastMethod};
use shinchoku_core::grading::GradingScheme;
use shinchoku_core::indicator::{IndicatorKind, Observation, ObservationStatus, ObservedValue};
use shinchoku_core::period::Period;
use shinchoku_core::Lang;

use super::{
    chart_title, desc_current, desc_head, earlier_style, no_data_chart, per_year, status_text,
    tooltip, value_text, words, year_labels, year_line, ChartInput, ACTUAL, BASELINE,
    CURRENT_SERIES, FORECAST, TARGET, YEARLY,
};
use crate::draw::{
    current_year, frame, legend, marker, period_text, year_text, Sample, Shape, FONT, GRID, TEXT,
    WIDTH,
};
use crate::scale::{placeable, ValueAxis, YearAxis};
use crate::svg::{truncate, w, Esc, N};

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
                (true, Lang::Ja) => format!("他の計画{}", i + 1),
                (true, Lang::En) => format!("Other plan {}", i + 1),
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
            w!(d, "他の計画での同じ指標: {}。", list.join("、"));
        } else {
            w!(
                d,
                "{sp}The same indicator in other plans: {}.",
                list.join(", ")
            );
        }
    }
    d.push_str(&desc_current(input, lang));
    d
}

/// The chart: a value axis with round ticks at the left, the fiscal years below, the series,
/// and the legend beneath.
pub(super) fn numeric_chart(input: &ChartInput<'_>, lang: Lang) -> String {
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
    value_grid(&mut body, &vaxis, (left, WIDTH - right), &vy, unit, lang);
    year_labels(&mut body, yaxis, bottom, lang);
    if let Some(c) = input.current_fy {
        current_year(&mut body, yaxis, c, top - 12.0, (top - 8.0, bottom), lang);
    }

    plot_series(&mut body, &m, &at, unit, lang);
    let current_shown = input.current_fy.is_some_and(|c| yaxis.contains(c));
    let entries = numeric_legend(&m, current_shown, lang);
    let legend_top = bottom + 40.0;
    let h = legend(&mut body, &entries, legend_top);
    frame(CLASS, legend_top + h + 6.0, lang, &title, &desc, &body)
}

/// The value axis at the left of the plot from `left` to `right`: a grid line and a label at
/// each tick, and the unit above.
fn value_grid(
    out: &mut String,
    vaxis: &ValueAxis,
    (left, right): (f64, f64),
    vy: &dyn Fn(Decimal) -> f64,
    unit: &str,
    lang: Lang,
) {
    w!(
        out,
        "<g class=\"grid\" stroke=\"{GRID}\" stroke-width=\"1\">"
    );
    for t in vaxis.ticks() {
        let y = vy(*t);
        w!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
            N(left),
            N(y),
            N(right),
            N(y)
        );
    }
    out.push_str("</g>");
    w!(out, "<g class=\"axis-labels\" {TEXT} text-anchor=\"end\">");
    for t in vaxis.ticks() {
        w!(
            out,
            "<text x=\"{}\" y=\"{}\">{}</text>",
            N(left - 6.0),
            N(vy(*t) + FONT * 0.35),
            Esc(&vaxis.label(*t))
        );
    }
    out.push_str("</g>");
    if !unit.is_empty() {
        let u = match lang {
            Lang::Ja => format!("（{unit}）"),
            Lang::En => format!("({unit})"),
        };
        w!(
            out,
            "<text class=\"axis-labels unit\" x=\"4\" y=\"14\" {TEXT}>{}</text>",
            Esc(&truncate(&u, WIDTH / 2.0, FONT))
        );
    }
}

/// Every series of the model, in drawing order: earlier plans behind everything, then the
/// path to the target, the forecast, the actual values, and the points of the yearly targets,
/// the baseline and the target on top.
fn plot_series(
    out: &mut String,
    m: &Numeric,
    at: &dyn Fn(i32, Decimal) -> (f64, f64),
    unit: &str,
    lang: Lang,
) {
    let wd = words(lang);
    // Earlier plans behind everything else.
    for l in &m.earlier {
        let (s, shape, class) = earlier_style(l.index);
        s.open(out, class);
        let xy: Vec<(f64, f64)> = l.points.iter().map(|&(y, v)| at(y, v)).collect();
        s.line(out, &xy);
        for &(y, v) in &l.points {
            let tip = tooltip(
                &l.label,
                &value_text(v, unit, lang),
                &year_text(y, lang),
                None,
                lang,
            );
            marker(out, shape, at(y, v), false, "", Some(&tip));
        }
        out.push_str("</g>");
    }

    // The straight path to the target.
    if let (Some((fy, fv)), Some((ty, tv))) = (m.path_from, m.target) {
        TARGET.open(out, "");
        TARGET.line(out, &[at(fy, fv), at(ty, tv)]);
        out.push_str("</g>");
    }
    // The forecast.
    if let Some(Forecast { from, to: (ty, f) }) = m.forecast {
        FORECAST.open(out, "");
        if let Some((y, v)) = from {
            FORECAST.line(out, &[at(y, v), at(ty, f)]);
        }
        let tip = tooltip(
            wd.forecast,
            &value_text(f, unit, lang),
            &year_text(ty, lang),
            None,
            lang,
        );
        marker(out, Shape::Triangle, at(ty, f), false, "", Some(&tip));
        out.push_str("</g>");
    }
    // The actual values.
    if !m.actual.is_empty() {
        ACTUAL.open(out, "");
        let xy: Vec<(f64, f64)> = m.actual.iter().map(|p| at(p.year, p.value)).collect();
        ACTUAL.line(out, &xy);
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
                out,
                Shape::Circle,
                at(p.year, p.value),
                status.is_some(),
                class,
                Some(&tip),
            );
        }
        out.push_str("</g>");
    }
    if !m.yearly.is_empty() {
        YEARLY.open(out, "");
        for &(y, v) in &m.yearly {
            let tip = tooltip(
                wd.yearly,
                &value_text(v, unit, lang),
                &year_text(y, lang),
                None,
                lang,
            );
            marker(out, Shape::Diamond, at(y, v), false, "", Some(&tip));
        }
        out.push_str("</g>");
    }
    if let Some((y, v, period)) = m.baseline {
        BASELINE.open(out, "");
        let tip = tooltip(
            wd.baseline,
            &value_text(v, unit, lang),
            &period_text(period, lang),
            None,
            lang,
        );
        marker(out, Shape::Square, at(y, v), false, "", Some(&tip));
        out.push_str("</g>");
    }
    if let Some((y, v)) = m.target {
        TARGET.open(out, "");
        let tip = tooltip(
            wd.target,
            &value_text(v, unit, lang),
            &year_text(y, lang),
            None,
            lang,
        );
        marker(out, Shape::Diamond, at(y, v), false, "", Some(&tip));
        out.push_str("</g>");
    }
}

/// The legend: every series drawn, in words.
fn numeric_legend(m: &Numeric, current_shown: bool, lang: Lang) -> Vec<(Sample, String)> {
    let wd = words(lang);
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
    if current_shown {
        entries.push((Sample::line(CURRENT_SERIES, None), wd.current.to_owned()));
    }
    entries
}
