//! `indicator_chart` on small hand-made indicators: what each series looks like in the SVG,
//! checked by its parts (how many points, which line, which words), not byte for byte, so the
//! layout may change without rewriting these tests.

#![allow(clippy::unwrap_used)] // fixtures

mod support;

use shinchoku_core::evaluate::Evaluation;
use shinchoku_core::indicator::{
    Baseline, Indicator, IndicatorKind, Observation, ObservationStatus, Target, YearlyTarget,
};
use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::plan::PlanIndicator;
use shinchoku_core::{Decimal, Lang};
use shinchoku_report::{indicator_chart, ChartInput, EarlierSeries};
use support::{attr, check_svg, count, desc, groups, title};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

const PLAN: Period = Period::FiscalYears {
    start: 2022,
    end: 2026,
};

fn obs(year: i32, v: &str, status: ObservationStatus) -> Observation {
    let mut o = Observation::number(Period::FiscalYear(year), d(v));
    o.status = status;
    o
}

/// A rate the plan wants to double: baseline, a final target, two yearly targets, three
/// actual values (the last a provisional one).
fn dx_rate() -> PlanIndicator {
    PlanIndicator {
        indicator: Indicator {
            id: "dx".into(),
            name: "県内中小企業のDX導入率".into(),
            unit: "%".into(),
            kind: IndicatorKind::Level,
            baseline: Some(Baseline {
                value: Some(d("18.5")),
                period: Some(Period::FiscalYear(2021)),
                ..Baseline::default()
            }),
            target: Some(Target {
                value: Some(d("40")),
                period: Some(Period::FiscalYear(2026)),
                text: None,
            }),
            yearly_targets: vec![
                YearlyTarget {
                    period: Period::FiscalYear(2023),
                    value: d("25"),
                },
                YearlyTarget {
                    period: Period::FiscalYear(2024),
                    value: d("30"),
                },
            ],
            ..Indicator::default()
        },
        observations: vec![
            obs(2022, "21.0", ObservationStatus::Final),
            obs(2023, "24.2", ObservationStatus::Final),
            obs(2024, "27.9", ObservationStatus::Provisional),
        ],
        ..PlanIndicator::default()
    }
}

fn input<'a>(
    pi: &'a PlanIndicator,
    evaluation: Option<&'a Evaluation>,
    earlier: &'a [EarlierSeries],
) -> ChartInput<'a> {
    ChartInput {
        indicator: pi,
        evaluation,
        earlier,
        current_fy: Some(2024),
        plan_period: Some(PLAN),
        fiscal_start: FiscalStart::APRIL,
    }
}

fn chart(input: &ChartInput<'_>, lang: Lang) -> String {
    let svg = indicator_chart(input, lang);
    if let Err(e) = check_svg(&svg) {
        panic!("{e}\n{svg}");
    }
    svg
}

#[test]
fn a_level_indicator_draws_every_series_with_its_own_line_and_point() {
    let pi = dx_rate();
    let eval = Evaluation {
        forecast: Some(d("37.3")),
        ..Evaluation::default()
    };
    let earlier = [EarlierSeries {
        label: "前期計画（2017～2021）".into(),
        points: vec![(2019, d("12.0")), (2017, d("8.5")), (2021, d("18.5"))],
    }];
    let svg = chart(&input(&pi, Some(&eval), &earlier), Lang::Ja);

    // The actual values: one solid line through three circles, the provisional one hollow.
    let actual = groups(&svg, "series-actual")[0];
    assert_eq!(count(actual, "<circle"), 3, "{actual}");
    assert_eq!(count(actual, "class=\"hollow provisional\""), 1);
    assert_eq!(count(actual, "<path class=\"line\""), 1);
    assert!(!actual.contains("stroke-dasharray"), "{actual}");
    assert!(
        actual.contains("速報"),
        "the provisional point says so: {actual}"
    );

    // The straight path to the target is dashed; the target is a diamond.
    let target = groups(&svg, "series-target");
    assert!(
        target[0].contains("stroke-dasharray=\"6 4\""),
        "{}",
        target[0]
    );
    assert!(
        target.iter().any(|g| g.contains("目標値: 40%")),
        "{target:?}"
    );
    // Yearly targets: two diamonds; the baseline: one square.
    assert_eq!(
        count(groups(&svg, "series-yearly-target")[0], "<path d="),
        2
    );
    let baseline = groups(&svg, "series-baseline")[0];
    assert_eq!(count(baseline, "<rect"), 1);
    assert!(baseline.contains("18.5%"));
    // The forecast is dotted and ends at the target year.
    let forecast = groups(&svg, "series-forecast")[0];
    assert!(forecast.contains("stroke-dasharray=\"2 3\""));
    assert!(forecast.contains("37.3%") && forecast.contains("2026"));
    // The earlier plan: its own dash-dot line and three crosses.
    let earlier = groups(&svg, "series-earlier series-earlier-1")[0];
    assert!(earlier.contains("stroke-dasharray=\"8 3 2 3\""));
    assert_eq!(count(earlier, "<path fill=\"none\""), 3);
    // The current year is a vertical line with its label.
    let current = groups(&svg, "current-year")[0];
    assert!(
        current.contains("<line") && current.contains(">今年度<"),
        "{current}"
    );

    // Years as numbers with the era beneath.
    assert!(svg.contains(">2023</text>") && svg.contains(">R5</text>"));
    // The legend names every series in words.
    let legend = groups(&svg, "legend")[0];
    for word in [
        "実績値",
        "速報値・見込値（白抜き）",
        "基準値",
        "目標値",
        "基準値から目標値への直線",
        "年度別目標",
        "予測",
        "前期計画（2017～2021）",
        "今年度",
    ] {
        assert!(
            legend.contains(&format!(">{word}</text>")),
            "{word}: {legend}"
        );
    }
    assert_eq!(title(&svg), "県内中小企業のDX導入率の推移");
    let desc = desc(&svg);
    for part in [
        "基準値 18.5%",
        "目標値 40%",
        "最新は 27.9%",
        "速報",
        "37.3%",
    ] {
        assert!(desc.contains(part), "{part}: {desc}");
    }
}

#[test]
fn english_has_english_words_and_no_era_labels() {
    let pi = dx_rate();
    let svg = chart(&input(&pi, None, &[]), Lang::En);
    assert!(svg.contains("lang=\"en\""));
    assert_eq!(title(&svg), "県内中小企業のDX導入率: values by fiscal year");
    assert!(
        desc(&svg).contains("Baseline 18.5% (FY2021)"),
        "{}",
        desc(&svg)
    );
    assert!(svg.contains(">Actual</text>") && svg.contains(">Current fiscal year</text>"));
    assert!(!svg.contains(">R5</text>"));
    assert!(
        groups(&svg, "series-forecast").is_empty(),
        "no evaluation, no forecast"
    );
}

#[test]
fn a_name_with_markup_is_drawn_as_text() {
    let mut pi = dx_rate();
    pi.indicator.name = "<script>alert('x')</script>".into();
    pi.indicator.unit = "<b>&".into();
    for lang in Lang::ALL {
        let svg = chart(&input(&pi, None, &[]), lang);
        assert!(!svg.contains("<script"), "{svg}");
        assert!(!svg.contains("<b>"), "{svg}");
        assert!(svg.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
        assert!(svg.contains("&lt;b&gt;&amp;"));
    }
}

#[test]
fn a_window_total_is_drawn_as_its_running_total_against_a_path_from_zero() {
    let pi = PlanIndicator {
        indicator: Indicator {
            name: "企業誘致件数".into(),
            unit: "件".into(),
            kind: IndicatorKind::PeriodTotal,
            baseline: Some(Baseline {
                value: Some(d("25")),
                period: Some(Period::FiscalYear(2021)),
                ..Baseline::default()
            }),
            target: Some(Target {
                value: Some(d("125")),
                period: Some(PLAN),
                text: None,
            }),
            ..Indicator::default()
        },
        observations: vec![
            obs(2022, "30", ObservationStatus::Final),
            obs(2023, "28", ObservationStatus::Final),
            obs(2024, "20", ObservationStatus::Estimate),
        ],
        ..PlanIndicator::default()
    };
    let svg = chart(&input(&pi, None, &[]), Lang::Ja);
    let actual = groups(&svg, "series-actual")[0];
    assert_eq!(count(actual, "<circle"), 3);
    for sum in ["30件", "58件", "78件"] {
        assert!(actual.contains(sum), "{sum}: {actual}");
    }
    assert_eq!(count(actual, "hollow estimate"), 1);
    // The baseline is another window's total: told, not drawn.
    assert!(groups(&svg, "series-baseline").is_empty());
    assert!(desc(&svg).contains("基準値 25件"));
    // The path starts at zero, on the axis's lowest tick, the year before the window.
    let path = groups(&svg, "series-target")[0];
    let grid = groups(&svg, "grid")[0];
    let start_y = path
        .split("d=\"M")
        .nth(1)
        .unwrap()
        .split([',', ' '])
        .nth(1)
        .unwrap();
    let zero_y = attr(grid, "y1").unwrap();
    assert_eq!(start_y.parse::<f64>().unwrap(), zero_y, "{path}\n{grid}");
    assert!(svg.contains(">ゼロから目標値への直線</text>"));
    assert!(svg.contains(">実績値（期間の累計）</text>"));
}

#[test]
fn a_month_is_placed_in_its_fiscal_year_and_the_later_count_wins() {
    let mut pi = dx_rate();
    pi.observations = vec![
        Observation::number(
            Period::Month {
                year: 2020,
                month: 3,
            },
            d("20"),
        ),
        Observation::number(
            Period::Month {
                year: 2019,
                month: 8,
            },
            d("11"),
        ),
    ];
    let svg = chart(&input(&pi, None, &[]), Lang::Ja);
    let actual = groups(&svg, "series-actual")[0];
    assert_eq!(count(actual, "<circle"), 1, "{actual}");
    assert!(
        actual.contains("20%（令和2年3月（2020年3月））"),
        "{actual}"
    );
    assert!(svg.contains(">2019</text>"), "the axis reaches FY2019");
}

#[test]
fn an_indicator_with_nothing_to_draw_says_so() {
    let pi = PlanIndicator {
        indicator: Indicator {
            name: "観光客満足度".into(),
            kind: IndicatorKind::Monitor,
            ..Indicator::default()
        },
        ..PlanIndicator::default()
    };
    let mut inp = input(&pi, None, &[]);
    inp.plan_period = None;
    let svg = chart(&inp, Lang::Ja);
    assert!(svg.contains("class=\"no-data\""));
    assert!(desc(&svg).contains("目標値なし") && desc(&svg).contains("実績値はまだありません"));
}

#[test]
fn one_value_equal_values_and_a_target_equal_to_its_baseline_still_draw() {
    let mut pi = dx_rate();
    pi.indicator.yearly_targets.clear();
    pi.indicator.target = Some(Target {
        value: Some(d("18.5")),
        period: None,
        text: None,
    });
    pi.observations = vec![obs(2023, "18.5", ObservationStatus::Final)];
    let svg = chart(&input(&pi, None, &[]), Lang::Ja);
    let actual = groups(&svg, "series-actual")[0];
    assert_eq!(count(actual, "<circle"), 1);
    // Flat: the path to the target starts and ends at one height.
    let path = groups(&svg, "series-target")[0];
    let ys: Vec<&str> = path
        .split("d=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .split(' ')
        .map(|p| p.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(ys.len(), 2);
    assert_eq!(ys[0], ys[1]);
    // The target without a period is due at the plan's end.
    assert!(
        svg.contains("目標値: 18.5%（令和8年度（2026年度））"),
        "{svg}"
    );
}

#[test]
fn huge_and_negative_values_get_short_finite_labels() {
    let mut pi = dx_rate();
    pi.indicator.baseline = None;
    pi.indicator.yearly_targets.clear();
    pi.indicator.target = None;
    pi.observations = vec![
        obs(2022, &Decimal::MAX.to_string(), ObservationStatus::Final),
        obs(2023, &Decimal::MIN.to_string(), ObservationStatus::Final),
        obs(
            2024,
            "-0.0000000000000000000000000001",
            ObservationStatus::Final,
        ),
    ];
    let svg = chart(&input(&pi, None, &[]), Lang::Ja);
    let labels = groups(
        &svg,
        "axis-labels\" fill=\"currentColor\" stroke=\"none\" text-anchor=\"end",
    );
    assert!(!labels.is_empty(), "{svg}");
    assert!(labels[0].contains("×10²⁸"), "{}", labels[0]);
}

#[test]
fn a_milestone_is_a_time_line_of_states() {
    let pi = PlanIndicator {
        indicator: Indicator {
            name: "水素ステーションの整備".into(),
            kind: IndicatorKind::Milestone,
            baseline: Some(Baseline {
                period: Some(Period::FiscalYear(2021)),
                state: Some("未着手".into()),
                ..Baseline::default()
            }),
            target: Some(Target {
                value: None,
                period: Some(Period::FiscalYear(2026)),
                text: Some("実現".into()),
            }),
            ..Indicator::default()
        },
        observations: vec![
            Observation::state(Period::FiscalYear(2022), "検討中"),
            Observation {
                status: ObservationStatus::Estimate,
                ..Observation::state(Period::FiscalYear(2023), "実施中")
            },
            // A number has no place on a milestone's time line.
            Observation::number(Period::FiscalYear(2024), d("3")),
        ],
        ..PlanIndicator::default()
    };
    let svg = chart(&input(&pi, None, &[]), Lang::Ja);
    assert!(svg.contains("class=\"shinchoku-chart indicator-chart milestone-chart\""));
    let actual = groups(&svg, "series-actual");
    let circles: usize = actual.iter().take(2).map(|g| count(g, "<circle")).sum();
    assert_eq!(circles, 2, "{actual:?}");
    assert!(actual[1].contains("hollow estimate"));
    assert!(actual[1].contains("実施中 3/4"), "{}", actual[1]);
    for state in ["未着手", "検討中", "実施中", "実現"] {
        assert!(svg.contains(&format!(">{state}</text>")), "{state}");
    }
    let desc = desc(&svg);
    assert!(desc.contains("未着手 → 検討中 → 実施中 → 実現"), "{desc}");
    assert!(
        desc.contains("最新: 実施中") && desc.contains("目標: 実現"),
        "{desc}"
    );
    assert!(groups(&svg, "current-year")[0].contains("今年度"));
}

#[test]
fn an_earlier_plan_without_a_name_is_still_named_in_the_legend() {
    let pi = dx_rate();
    let earlier = [
        EarlierSeries {
            label: " ".into(),
            points: vec![(2019, d("12"))],
        },
        EarlierSeries {
            label: "第1期".into(),
            points: vec![],
        },
    ];
    let svg = chart(&input(&pi, None, &earlier), Lang::Ja);
    assert!(svg.contains(">他の計画1</text>"), "{svg}");
    // A series with no points is neither drawn nor listed.
    assert!(!svg.contains("第1期"));
}

#[test]
fn grid_lines_run_across_the_plot_from_the_value_labels() {
    let pi = dx_rate();
    let svg = chart(&input(&pi, None, &[]), Lang::Ja);
    let grid = groups(&svg, "grid")[0];
    for line in grid.split("<line").skip(1) {
        let (x1, x2) = (attr(line, "x1").unwrap(), attr(line, "x2").unwrap());
        assert!(x1 < 60.0 && x2 > 380.0, "{line}");
    }
}
