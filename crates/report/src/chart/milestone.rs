//! The chart of a milestone: its states on a time line of fiscal years, with no value axis.

use shinchoku_core::indicator::{Observation, ObservationStatus, ObservedValue};
use shinchoku_core::period::Period;
use shinchoku_core::Lang;

use super::{
    chart_title, desc_current, desc_head, no_data_chart, per_year, status_text, tooltip, words,
    year_labels, year_line, ChartInput, ACTUAL, BASELINE, CURRENT_SERIES, TARGET,
};
use crate::draw::{
    current_year, frame, legend, marker, period_text, year_text, Sample, Shape, AXIS, FONT, TEXT,
    WIDTH,
};
use crate::scale::{placeable, YearAxis};
use crate::svg::{truncate, w, Esc, N};

/// What a milestone chart places on its time line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Baseline,
    Actual(ObservationStatus),
    Target,
}

/// The chart: the baseline state, each year's observed state and the target state as points
/// on one line over the fiscal years, each labelled with its state (above and below in turn, so
/// that neighbours do not collide), and the legend beneath.
pub(super) fn milestone_chart(input: &ChartInput<'_>, lang: Lang) -> String {
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
