//! Evaluation rules as data: one small indicator per rule, the expected metrics beside it.

use super::*;
use crate::indicator::{Baseline, Comparator, Target, YearlyTarget};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn fy(y: i32) -> Period {
    Period::FiscalYear(y)
}

fn window(a: i32, b: i32) -> Period {
    Period::FiscalYears { start: a, end: b }
}

fn ind(
    kind: IndicatorKind,
    base: Option<(&str, Period)>,
    target: Option<(&str, Period)>,
) -> Indicator {
    Indicator {
        id: "i".into(),
        name: "test".into(),
        unit: "件".into(),
        kind,
        baseline: base.map(|(v, p)| Baseline {
            value: Some(d(v)),
            period: Some(p),
            ..Baseline::default()
        }),
        target: target.map(|(v, p)| Target {
            value: Some(d(v)),
            period: Some(p),
            text: None,
        }),
        ..Indicator::default()
    }
}

fn obs(pairs: &[(i32, &str)]) -> Vec<Observation> {
    pairs
        .iter()
        .map(|(y, v)| Observation::number(fy(*y), d(v)))
        .collect()
}

fn run_with(
    ind: &Indicator,
    o: &[Observation],
    year: i32,
    scheme: &GradingScheme,
    method: ForecastMethod,
) -> Evaluation {
    let ctx = Context {
        fy: year,
        plan_period: Some(window(2022, 2026)),
        fiscal_start: FiscalStart::APRIL,
        scheme,
        forecast: method,
    };
    evaluate(ind, o, &ctx)
}

fn run(ind: &Indicator, o: &[Observation], year: i32) -> Evaluation {
    run_with(ind, o, year, &GradingScheme::pace(), ForecastMethod::Linear)
}

fn grade(e: &Evaluation) -> &'static str {
    // The pace scheme's labels, by rule index.
    match e.grade.map(|g| g.0) {
        None => "—",
        Some(0) => "A",
        Some(1) | Some(4) => "D",
        Some(2) => "B",
        Some(3) => "C",
        Some(_) => "?",
    }
}

fn reasons(e: &Evaluation) -> Vec<&'static str> {
    e.reasons.iter().map(Reason::as_str).collect()
}

/// DESIGN.md's evaluation JSON example: indicator i1 of the example plan in FY2024.
#[test]
fn design_example_comes_out_exactly() {
    let i = ind(
        IndicatorKind::PeriodTotal,
        Some(("25", fy(2021))),
        Some(("125", window(2022, 2026))),
    );
    let e = run(&i, &obs(&[(2022, "30"), (2023, "28"), (2024, "20")]), 2024);
    assert_eq!(e.value, Some(d("78")));
    assert_eq!(e.target, Some(d("125")));
    assert_eq!(e.achievement, Some(d("0.624")));
    assert_eq!(e.progress, Some(d("0.624")));
    assert_eq!(e.expected, Some(d("0.6")));
    assert_eq!(e.pace, Some(d("1.04")));
    assert_eq!(grade(&e), "B");
    assert_eq!(e.forecast, Some(d("130")));
    assert_eq!(e.required_pace, Some(d("23.5")));
    assert!(e.reasons.is_empty(), "{:?}", reasons(&e));
}

#[test]
fn level_progress_is_measured_from_the_baseline() {
    // 中小企業のIoT導入率: 19.3% (FY2021) → 28% (FY2026).
    let i = ind(
        IndicatorKind::Level,
        Some(("19.3", fy(2021))),
        Some(("28", fy(2026))),
    );
    let e = run(&i, &obs(&[(2022, "21"), (2023, "23.5")]), 2023);
    assert_eq!(e.value, Some(d("23.5")));
    // (23.5 − 19.3) / (28 − 19.3) = 4.2 / 8.7
    assert_eq!(e.progress, Some((d("4.2") / d("8.7")).normalize()));
    assert_eq!(e.expected, Some(d("0.4")));
    assert_eq!(e.achievement, Some((d("23.5") / d("28")).normalize()));
    assert_eq!(grade(&e), "B"); // pace ≈ 1.207
    assert_eq!(e.required_pace, Some(d("1.5"))); // (28 − 23.5) / 3
}

#[test]
fn level_takes_the_latest_observation_at_or_before_the_year() {
    let i = ind(
        IndicatorKind::Level,
        Some(("10", fy(2021))),
        Some(("20", fy(2026))),
    );
    let o = obs(&[(2025, "19"), (2022, "12"), (2023, "14")]);
    assert_eq!(run(&i, &o, 2024).value, Some(d("14")));
    assert_eq!(run(&i, &o, 2025).value, Some(d("19")));
}

#[test]
fn no_baseline_progress_is_achievement() {
    let mut i = ind(IndicatorKind::Cumulative, None, Some(("200", fy(2023))));
    i.baseline = None;
    let ctx_plan = window(2021, 2023);
    let ctx = Context {
        fy: 2022,
        plan_period: Some(ctx_plan),
        fiscal_start: FiscalStart::APRIL,
        scheme: &GradingScheme::pace(),
        forecast: ForecastMethod::Linear,
    };
    let e = evaluate(&i, &obs(&[(2021, "80"), (2022, "130")]), &ctx);
    assert_eq!(e.progress, Some(d("0.65")));
    assert_eq!(e.achievement, Some(d("0.65")));
    // Without a baseline period the count starts the year before the plan: (2022 − 2020) / 3.
    assert_eq!(e.expected, Some((d("2") / d("3")).normalize()));
    assert_eq!(grade(&e), "B"); // pace 0.65 / 0.667 = 0.975
}

/// DESIGN.md → Metrics: without a baseline, progress is the achievement — T / A when lower is
/// better (issue 14, item 2).
#[test]
fn no_baseline_progress_of_a_decrease_is_target_over_actual() {
    let mut i = ind(IndicatorKind::Level, None, Some(("60", fy(2026))));
    i.direction = Direction::Decrease;
    let e = run(&i, &obs(&[(2023, "80")]), 2023);
    assert_eq!(e.achievement, Some(d("0.75")));
    assert_eq!(e.progress, Some(d("0.75")));
    // Expected from the year before the plan (FY2021): 2 of 5 years.
    assert_eq!(e.expected, Some(d("0.4")));
    assert_eq!(e.pace, Some(d("1.875")));
    assert_eq!(grade(&e), "B");
}

#[test]
fn target_equal_to_baseline_is_met_or_not() {
    let i = ind(
        IndicatorKind::Level,
        Some(("50", fy(2021))),
        Some(("50", fy(2026))),
    );
    let met = run(&i, &obs(&[(2023, "51")]), 2023);
    assert_eq!(met.progress, Some(Decimal::ONE));
    assert_eq!(grade(&met), "A");
    assert!(met.reasons.contains(Reason::TargetEqualsBaseline));
    let unmet = run(&i, &obs(&[(2023, "49")]), 2023);
    assert_eq!(unmet.progress, Some(Decimal::ZERO));
    assert_eq!(grade(&unmet), "D"); // worse than baseline
}

#[test]
fn decreasing_targets_count_down() {
    let mut i = ind(
        IndicatorKind::Level,
        Some(("100", fy(2021))),
        Some(("60", fy(2026))),
    );
    i.direction = Direction::Decrease;
    let e = run(&i, &obs(&[(2023, "80")]), 2023);
    assert_eq!(e.progress, Some(d("0.5")));
    assert_eq!(e.achievement, Some(d("0.75"))); // T / A
    assert_eq!(e.expected, Some(d("0.4")));
    assert_eq!(e.pace, Some(d("1.25")));
    assert_eq!(grade(&e), "B");
    assert_eq!(e.required_pace, Some(d("-6.6666666666666666666666666667")));
    let worse = run(&i, &obs(&[(2023, "110")]), 2023);
    assert!(worse.worse_than_baseline);
    assert_eq!(grade(&worse), "D");
    let met = run(&i, &obs(&[(2023, "55")]), 2023);
    assert_eq!(grade(&met), "A");
}

#[test]
fn at_least_targets_are_met_by_exceeding_them() {
    // 5G基盤展開率 98%以上.
    let mut i = ind(
        IndicatorKind::Level,
        Some(("0", fy(2019))),
        Some(("98", fy(2023))),
    );
    i.comparator = Comparator::AtLeast;
    let e = run(&i, &obs(&[(2022, "99.2")]), 2022);
    assert_eq!(e.met, Some(true));
    assert_eq!(grade(&e), "A");
    assert_eq!(e.required_pace, None);
    assert!(e.reasons.contains(Reason::TargetMet));
}

#[test]
fn a_window_not_yet_begun_is_not_due() {
    let i = ind(
        IndicatorKind::PeriodTotal,
        None,
        Some(("125", window(2022, 2026))),
    );
    let e = run(&i, &obs(&[(2021, "25")]), 2021);
    assert_eq!(e.value, None);
    assert_eq!(e.expected, Some(Decimal::ZERO));
    assert_eq!(grade(&e), "—");
    assert_eq!(reasons(&e), ["window_not_started"]);
}

#[test]
fn a_gap_in_the_window_is_summed_around_and_reported() {
    let i = ind(
        IndicatorKind::PeriodTotal,
        None,
        Some(("125", window(2022, 2026))),
    );
    let e = run(&i, &obs(&[(2022, "30"), (2024, "20")]), 2024);
    assert_eq!(e.value, Some(d("50")));
    assert!(e.reasons.contains(Reason::WindowIncomplete));
    // Forecast from the mean of the years observed: 50 + 25 × 2.
    assert_eq!(e.forecast, Some(d("100")));
    assert_eq!(e.expected, Some(d("0.6")));
    assert_eq!(e.pace, Some((d("0.4") / d("0.6")).normalize()));
    assert_eq!(grade(&e), "C");
}

#[test]
fn a_gap_in_a_level_series_uses_the_last_value_before_it() {
    let i = ind(
        IndicatorKind::Level,
        Some(("10", fy(2021))),
        Some(("20", fy(2026))),
    );
    let e = run(&i, &obs(&[(2022, "12"), (2024, "16")]), 2023);
    assert_eq!(e.value, Some(d("12")));
    assert!(!e.reasons.contains(Reason::NoData));
}

#[test]
fn annual_takes_only_the_year_itself() {
    let i = ind(
        IndicatorKind::Annual,
        Some(("21", fy(2019))),
        Some(("30", fy(2023))),
    );
    let o = obs(&[(2021, "25")]);
    let e = run(&i, &o, 2022);
    assert_eq!(e.value, None);
    assert_eq!(grade(&e), "—");
    assert!(e.reasons.contains(Reason::NoData));
    assert_eq!(run(&i, &o, 2021).value, Some(d("25")));
}

#[test]
fn milestones_compare_state_ranks() {
    let mut i = Indicator {
        kind: IndicatorKind::Milestone,
        target: Some(Target {
            value: None,
            period: Some(fy(2026)),
            text: Some("実現".into()),
        }),
        ..Indicator::default()
    };
    let o = vec![
        Observation::state(fy(2022), "検討中"),
        Observation::state(fy(2023), "実施中"),
    ];
    let e = run(&i, &o, 2023);
    assert_eq!(e.state, Some(2));
    assert_eq!(e.value, None);
    assert_eq!(e.achievement, Some((d("2") / d("3")).normalize()));
    assert_eq!(e.progress, e.achievement);
    assert_eq!(e.met, Some(false));
    assert_eq!(e.expected, Some(d("0.4")));
    assert_eq!(grade(&e), "B"); // pace 1.67
    assert!(e.reasons.contains(Reason::NotNumeric));
    // States need not rise: the latest counts.
    let mut back = o.clone();
    back.push(Observation::state(fy(2024), "検討中"));
    assert_eq!(run(&i, &back, 2024).state, Some(1));
    // Reaching the target state meets it.
    let mut done = o;
    done.push(Observation::state(fy(2024), "実現"));
    assert_eq!(grade(&run(&i, &done, 2024)), "A");
    // An unknown state is reported, not guessed.
    i.states = vec!["構想".into(), "完成".into()];
    let e = run(&i, &done, 2024);
    assert!(e.reasons.contains(Reason::UnknownState));
    assert_eq!(grade(&e), "—");
}

#[test]
fn a_target_below_the_baseline_is_a_level_to_hold() {
    // `2,000人以上` against 2,044 today.
    let i = ind(
        IndicatorKind::Level,
        Some(("2044", fy(2021))),
        Some(("2000", fy(2026))),
    );
    let held = run(&i, &obs(&[(2023, "2010")]), 2023);
    assert_eq!(held.progress, None);
    assert_eq!(held.pace, None);
    assert!(held.reasons.contains(Reason::Maintenance));
    assert_eq!(grade(&held), "A");
    let lost = run(&i, &obs(&[(2023, "1990")]), 2023);
    assert_eq!(grade(&lost), "D");
}

#[test]
fn a_target_in_words_is_graded_by_direction() {
    let mut i = ind(IndicatorKind::Level, Some(("1200", fy(2021))), None);
    i.target = Some(Target {
        value: None,
        period: Some(fy(2026)),
        text: Some("増加を目指す".into()),
    });
    let up = run(&i, &obs(&[(2023, "1250")]), 2023);
    assert_eq!(up.met, Some(true));
    assert_eq!(grade(&up), "A");
    assert!(up.reasons.contains(Reason::TextTarget));
    assert_eq!(up.achievement, None);
    let down = run(&i, &obs(&[(2023, "1100")]), 2023);
    assert_eq!(grade(&down), "D");
}

#[test]
fn monitor_indicators_are_never_graded() {
    let mut i = ind(
        IndicatorKind::Monitor,
        Some(("1.9", Period::CalendarYear(2019))),
        None,
    );
    i.target = None;
    let e = run(&i, &obs(&[(2021, "2.0"), (2022, "2.1")]), 2022);
    assert_eq!(e.value, Some(d("2.1")));
    assert_eq!(grade(&e), "—");
    assert!(e.reasons.contains(Reason::NoTarget));
    assert_eq!(e.achievement, None);
}

#[test]
fn not_due_when_nothing_is_expected_yet() {
    let i = ind(
        IndicatorKind::Level,
        Some(("10", fy(2022))),
        Some(("20", fy(2026))),
    );
    let e = run(&i, &obs(&[(2022, "11")]), 2022);
    assert_eq!(e.expected, Some(Decimal::ZERO));
    assert_eq!(e.pace, None);
    assert_eq!(grade(&e), "—");
    assert!(e.reasons.contains(Reason::NotDue));
    let already = run(&i, &obs(&[(2022, "25")]), 2022);
    assert_eq!(grade(&already), "A");
}

#[test]
fn final_scheme_waits_for_the_target_year() {
    let i = ind(
        IndicatorKind::Level,
        Some(("0", fy(2021))),
        Some(("100", fy(2026))),
    );
    let s = GradingScheme::final_achievement();
    let early = run_with(&i, &obs(&[(2024, "90")]), 2024, &s, ForecastMethod::Linear);
    assert_eq!(early.grade, None);
    assert!(early.reasons.contains(Reason::NotDue));
    let late = run_with(&i, &obs(&[(2026, "85")]), 2026, &s, ForecastMethod::Linear);
    assert_eq!(s.label(late.grade), "B");
    let low = run_with(&i, &obs(&[(2026, "40")]), 2027, &s, ForecastMethod::Linear);
    assert_eq!(s.label(low.grade), "D");
    assert!(low.reasons.contains(Reason::TargetPeriodPassed));
}

#[test]
fn linear_forecast_fits_baseline_and_observations() {
    // Points (0, 10), (1, 12), (2, 14): slope 2, read at x = 5 → 20.
    let i = ind(
        IndicatorKind::Level,
        Some(("10", fy(2021))),
        Some(("25", fy(2026))),
    );
    let e = run(&i, &obs(&[(2022, "12"), (2023, "14")]), 2023);
    assert_eq!(e.forecast, Some(d("20")));
    // One point only: no line.
    let one = run(&i, &[], 2023);
    assert_eq!(one.forecast, None);
    assert!(one.reasons.contains(Reason::TooFewPoints));
}

#[test]
fn cagr_forecast_compounds() {
    let i = ind(
        IndicatorKind::Level,
        Some(("100", fy(2021))),
        Some(("200", fy(2025))),
    );
    let e = run_with(
        &i,
        &obs(&[(2023, "121")]),
        2023,
        &GradingScheme::pace(),
        ForecastMethod::Cagr,
    );
    // 10 % a year: 121 × 1.1² = 146.41
    let f = e.forecast.unwrap();
    assert!((f - d("146.41")).abs() < d("0.000001"), "{f}");
    let neg = ind(
        IndicatorKind::Level,
        Some(("0", fy(2021))),
        Some(("200", fy(2025))),
    );
    let e = run_with(
        &neg,
        &obs(&[(2023, "121")]),
        2023,
        &GradingScheme::pace(),
        ForecastMethod::Cagr,
    );
    assert!(e.reasons.contains(Reason::NonPositiveValues));
}

#[test]
fn a_full_year_figure_supersedes_a_mid_year_count() {
    let i = ind(
        IndicatorKind::PeriodTotal,
        None,
        Some(("100", window(2022, 2026))),
    );
    let mut o = obs(&[(2022, "30")]);
    o.push(Observation::number(
        Period::Month {
            year: 2022,
            month: 9,
        },
        d("12"),
    ));
    o.push(Observation::number(
        Period::Month {
            year: 2023,
            month: 9,
        },
        d("7"),
    ));
    let e = run(&i, &o, 2023);
    assert_eq!(e.value, Some(d("37")));
}

#[test]
fn huge_numbers_report_overflow_instead_of_panicking() {
    let max = Decimal::MAX.to_string();
    let i = ind(
        IndicatorKind::PeriodTotal,
        None,
        Some(("1", window(2022, 2026))),
    );
    let e = run(&i, &obs(&[(2022, &max), (2023, &max)]), 2023);
    assert!(e.reasons.contains(Reason::Overflow));
    let j = ind(
        IndicatorKind::Level,
        Some((&max, fy(2021))),
        Some(("0.0000001", fy(2026))),
    );
    let e = run(&j, &obs(&[(2022, "-1"), (2023, &max)]), 2023);
    // MAX / 0.0000001 is beyond the decimal range.
    assert_eq!(e.achievement, None);
    assert!(e.reasons.contains(Reason::Overflow));
}

#[test]
fn a_target_of_zero_is_a_division_by_zero_not_a_nan() {
    let i = ind(IndicatorKind::Level, None, Some(("0", fy(2026))));
    let e = run(&i, &obs(&[(2023, "0")]), 2023);
    assert_eq!(e.achievement, None);
    assert!(e.reasons.contains(Reason::DivisionByZero));
    assert_eq!(grade(&e), "A");
}

#[test]
fn yearly_targets_are_reported_for_their_year() {
    let mut i = ind(
        IndicatorKind::PeriodTotal,
        None,
        Some(("100", window(2022, 2026))),
    );
    i.yearly_targets = vec![YearlyTarget {
        period: fy(2023),
        value: d("20"),
    }];
    assert_eq!(run(&i, &[], 2023).yearly_target, Some(d("20")));
    assert_eq!(run(&i, &[], 2024).yearly_target, None);
}

#[test]
fn a_window_target_given_as_its_last_year_runs_from_the_plan_start() {
    let i = ind(IndicatorKind::PeriodTotal, None, Some(("50", fy(2024))));
    let e = run(&i, &obs(&[(2022, "10")]), 2022);
    assert_eq!(e.expected, Some((d("1") / d("3")).normalize()));
}
