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

// ---------------------------------------------------------------------------------------------
// Exact ratios at the grade boundaries (issue 14, item 1)
//
// Each ratio is one fraction of the values as written, so a pace or an achievement that is
// exactly at a threshold takes the threshold's grade, and one a hair away (one unit in the last
// decimal a value can carry) takes the grade on its own side, even where progress and expected
// are repeating decimals (thirds, sevenths, fourteenths) that no rounded intermediate can hold.
// ---------------------------------------------------------------------------------------------

/// The issue's own example: baseline 10.5 (FY2019), target 13.3 (FY2026), 10.7 in FY2020.
/// pace = (0.2 × 7) / (2.8 × 1) = 0.5 exactly, so the grade is C (a rounded progress of
/// 0.0714… over a rounded expected of 0.1428…29 made it D).
#[test]
fn issue_14_a_pace_of_exactly_one_half_is_c() {
    let i = ind(
        IndicatorKind::Level,
        Some(("10.5", fy(2019))),
        Some(("13.3", fy(2026))),
    );
    let e = run(&i, &obs(&[(2020, "10.7")]), 2020);
    assert_eq!(e.pace, Some(d("0.5")));
    assert_eq!(grade(&e), "C");
    // The shown progress and expected are those fractions, each divided once.
    assert_eq!(e.progress, Some((d("0.2") / d("2.8")).normalize()));
    assert_eq!(e.expected, Some((d("1") / d("7")).normalize()));
}

/// Grades of one indicator under a scheme in year `year`, each row an observation in that year
/// (a state for milestones) and the label expected.
fn check_grades(
    what: &str,
    i: &Indicator,
    scheme: &GradingScheme,
    year: i32,
    rows: &[(&str, &str)],
) {
    for (value, expected) in rows {
        let o = if i.kind == IndicatorKind::Milestone {
            vec![Observation::state(fy(year), *value)]
        } else {
            obs(&[(year, value)])
        };
        let e = run_with(i, &o, year, scheme, ForecastMethod::Linear);
        assert_eq!(
            scheme.label(e.grade),
            *expected,
            "{what}: A = {value}: pace {:?}, achievement {:?}, reasons {:?}",
            e.pace,
            e.achievement,
            reasons(&e)
        );
    }
}

fn decreasing(mut i: Indicator) -> Indicator {
    i.direction = Direction::Decrease;
    i
}

/// A level in sevenths: FY2019 → FY2026, evaluated in FY2020 (expected 1/7).
#[test]
fn level_pace_boundaries_in_sevenths() {
    let s = GradingScheme::pace();
    let up = ind(
        IndicatorKind::Level,
        Some(("10.5", fy(2019))),
        Some(("13.3", fy(2026))),
    );
    check_grades(
        "level, increase",
        &up,
        &s,
        2020,
        &[
            // pace = (A − 10.5) × 7 / 2.8: 0.5 at 10.7, 0.95 at 10.88.
            ("10.7", "C"),
            ("10.699999999999999999999999999", "D"),
            ("10.700000000000000000000000001", "C"),
            ("10.88", "B"),
            ("10.879999999999999999999999999", "C"),
            ("10.880000000000000000000000001", "B"),
        ],
    );
    let down = decreasing(ind(
        IndicatorKind::Level,
        Some(("13.3", fy(2019))),
        Some(("10.5", fy(2026))),
    ));
    check_grades(
        "level, decrease",
        &down,
        &s,
        2020,
        &[
            ("13.1", "C"),
            ("13.100000000000000000000000001", "D"),
            ("13.099999999999999999999999999", "C"),
            ("12.92", "B"),
            ("12.920000000000000000000000001", "C"),
            ("12.919999999999999999999999999", "B"),
        ],
    );
}

/// A running total in thirds: FY2021 → FY2024, evaluated in FY2022 (expected 1/3).
#[test]
fn cumulative_pace_boundaries_in_thirds() {
    let s = GradingScheme::pace();
    let up = ind(
        IndicatorKind::Cumulative,
        Some(("10", fy(2021))),
        Some(("16", fy(2024))),
    );
    check_grades(
        "cumulative, increase",
        &up,
        &s,
        2022,
        &[
            // pace = (A − 10) × 3 / 6: progress 1/6 at 11, 19/60 at 11.9.
            ("11", "C"),
            ("10.999999999999999999999999999", "D"),
            ("11.000000000000000000000000001", "C"),
            ("11.9", "B"),
            ("11.899999999999999999999999999", "C"),
            ("11.900000000000000000000000001", "B"),
        ],
    );
    let down = decreasing(ind(
        IndicatorKind::Cumulative,
        Some(("16", fy(2021))),
        Some(("10", fy(2024))),
    ));
    check_grades(
        "cumulative, decrease",
        &down,
        &s,
        2022,
        &[
            ("15", "C"),
            ("15.000000000000000000000000001", "D"),
            ("14.999999999999999999999999999", "C"),
            ("14.1", "B"),
            ("14.100000000000000000000000001", "C"),
            ("14.099999999999999999999999999", "B"),
        ],
    );
}

/// A single year's figure in fourteenths: FY2012 → FY2026, evaluated in FY2015 (expected 3/14).
#[test]
fn annual_pace_boundaries_in_fourteenths() {
    let s = GradingScheme::pace();
    let up = ind(
        IndicatorKind::Annual,
        Some(("10.5", fy(2012))),
        Some(("13.3", fy(2026))),
    );
    check_grades(
        "annual, increase",
        &up,
        &s,
        2015,
        &[
            // pace = (A − 10.5) × 14 / (2.8 × 3): progress 3/28 at 10.8, 57/280 at 11.07.
            ("10.8", "C"),
            ("10.799999999999999999999999999", "D"),
            ("10.800000000000000000000000001", "C"),
            ("11.07", "B"),
            ("11.069999999999999999999999999", "C"),
            ("11.070000000000000000000000001", "B"),
        ],
    );
    let down = decreasing(ind(
        IndicatorKind::Annual,
        Some(("13.3", fy(2012))),
        Some(("10.5", fy(2026))),
    ));
    check_grades(
        "annual, decrease",
        &down,
        &s,
        2015,
        &[
            ("13", "C"),
            ("13.000000000000000000000000001", "D"),
            ("12.999999999999999999999999999", "C"),
            ("12.73", "B"),
            ("12.730000000000000000000000001", "C"),
            ("12.729999999999999999999999999", "B"),
        ],
    );
}

/// A window's total: pace = A × len / (T × done), or T × len / (A × done) when lower is better.
#[test]
fn period_total_pace_boundaries_in_fourteenths_and_thirds() {
    let s = GradingScheme::pace();
    // Seven years, one done (expected 1/7), target 14: progress 1/14 at 1, 0.95/7 at 1.9.
    let up = ind(
        IndicatorKind::PeriodTotal,
        None,
        Some(("14", window(2022, 2028))),
    );
    check_grades(
        "period_total, increase",
        &up,
        &s,
        2022,
        &[
            ("1", "C"),
            ("0.9999999999999999999999999999", "D"),
            ("1.000000000000000000000000001", "C"),
            ("1.9", "B"),
            ("1.899999999999999999999999999", "C"),
            ("1.900000000000000000000000001", "B"),
        ],
    );
    // Three years, one done (expected 1/3): a cap of 1 is on pace 0.5 at 6; of 19, 0.95 at 60.
    let half = decreasing(ind(
        IndicatorKind::PeriodTotal,
        None,
        Some(("1", window(2022, 2024))),
    ));
    check_grades(
        "period_total, decrease, 0.5",
        &half,
        &s,
        2022,
        &[
            ("6", "C"),
            ("6.000000000000000000000000001", "D"),
            ("5.999999999999999999999999999", "C"),
        ],
    );
    let most = decreasing(ind(
        IndicatorKind::PeriodTotal,
        None,
        Some(("19", window(2022, 2024))),
    ));
    check_grades(
        "period_total, decrease, 0.95",
        &most,
        &s,
        2022,
        &[
            ("60", "B"),
            ("60.00000000000000000000000001", "C"),
            ("59.99999999999999999999999999", "B"),
        ],
    );
}

/// Milestones by rank, FY2021 (the year before the plan) → FY2024, evaluated in FY2023
/// (expected 2/3): one state of three done is a pace of exactly 0.5; nineteen of thirty, 0.95.
#[test]
fn milestone_pace_boundaries_by_rank() {
    let s = GradingScheme::pace();
    let milestone = |states: Vec<String>, baseline: Option<&str>, target: &str| Indicator {
        kind: IndicatorKind::Milestone,
        states,
        baseline: baseline.map(|b| Baseline {
            state: Some(b.into()),
            ..Baseline::default()
        }),
        target: Some(Target {
            value: None,
            period: Some(fy(2024)),
            text: Some(target.into()),
        }),
        ..Indicator::default()
    };
    // 未着手 < 検討中 < 実施中 < 実現.
    let up = milestone(Vec::new(), None, "実現");
    check_grades(
        "milestone, increase, 0.5",
        &up,
        &s,
        2023,
        &[("検討中", "C"), ("未着手", "D"), ("実施中", "B")],
    );
    let down = decreasing(milestone(Vec::new(), Some("実現"), "未着手"));
    check_grades(
        "milestone, decrease, 0.5",
        &down,
        &s,
        2023,
        &[("実施中", "C"), ("実現", "D"), ("検討中", "B")],
    );
    let thirty: Vec<String> = (0..=30).map(|n| format!("段階{n}")).collect();
    let up = milestone(thirty.clone(), None, "段階30");
    check_grades(
        "milestone, increase, 0.95",
        &up,
        &s,
        2023,
        &[("段階19", "B"), ("段階18", "C"), ("段階20", "B")],
    );
    let down = decreasing(milestone(thirty, Some("段階30"), "段階0"));
    check_grades(
        "milestone, decrease, 0.95",
        &down,
        &s,
        2023,
        &[("段階11", "B"), ("段階12", "C"), ("段階10", "B")],
    );
}

/// The final scheme grades the achievement (A / T, or T / A when lower is better) exactly:
/// B from 0.8, C from 0.5, however many decimals the value carries.
#[test]
fn final_scheme_achievement_boundaries() {
    let s = GradingScheme::final_achievement();
    let up = ind(
        IndicatorKind::Level,
        Some(("0", fy(2021))),
        Some(("3", fy(2026))),
    );
    check_grades(
        "level, increase",
        &up,
        &s,
        2026,
        &[
            ("2.4", "B"),
            ("2.3999999999999999999999999999", "C"),
            ("2.4000000000000000000000000001", "B"),
            ("1.5", "C"),
            ("1.4999999999999999999999999999", "D"),
            ("1.5000000000000000000000000001", "C"),
        ],
    );
    let down = decreasing(ind(
        IndicatorKind::Level,
        Some(("10", fy(2021))),
        Some(("2.4", fy(2026))),
    ));
    check_grades(
        "level, decrease",
        &down,
        &s,
        2026,
        &[
            ("3", "B"),
            ("3.0000000000000000000000000001", "C"),
            ("2.9999999999999999999999999999", "B"),
            ("4.8", "C"),
            ("4.8000000000000000000000000001", "D"),
            ("4.7999999999999999999999999999", "C"),
        ],
    );
    // A window's total in its last year, one flow observed: 2.1 of 2.625 is 0.8, of 4.2 is 0.5.
    let total = |t: &str| {
        ind(
            IndicatorKind::PeriodTotal,
            None,
            Some((t, window(2024, 2026))),
        )
    };
    check_grades(
        "period_total, increase",
        &total("2.625"),
        &s,
        2026,
        &[
            ("2.1", "B"),
            ("2.0999999999999999999999999999", "C"),
            ("2.1000000000000000000000000001", "B"),
        ],
    );
    check_grades(
        "period_total, increase",
        &total("4.2"),
        &s,
        2026,
        &[
            ("2.1", "C"),
            ("2.0999999999999999999999999999", "D"),
            ("2.1000000000000000000000000001", "C"),
        ],
    );
    let cap = decreasing(total("2.1"));
    check_grades(
        "period_total, decrease",
        &cap,
        &s,
        2026,
        &[
            ("2.625", "B"),
            ("2.6250000000000000000000000001", "C"),
            ("4.2", "C"),
            ("4.2000000000000000000000000001", "D"),
            ("4.1999999999999999999999999999", "C"),
        ],
    );
}

/// A plan's own scheme compares its thresholds with the exact fractions too.
#[test]
fn custom_thresholds_compare_exact_fractions() {
    let s = GradingScheme {
        name: "own".into(),
        timing: crate::grading::Timing::EveryYear,
        rules: vec![
            crate::grading::GradeRule {
                label: "A".into(),
                name: "達成".into(),
                condition: crate::grading::Condition::Met,
            },
            crate::grading::GradeRule {
                label: "S".into(),
                name: "半分以上".into(),
                condition: "progress >= 0.5".parse().unwrap(),
            },
            crate::grading::GradeRule {
                label: "T".into(),
                name: "順調".into(),
                condition: "pace > 1".parse().unwrap(),
            },
            crate::grading::GradeRule {
                label: "U".into(),
                name: "その他".into(),
                condition: crate::grading::Condition::Always,
            },
        ],
    };
    // Thirds: 0 (FY2021) → 3 (FY2024).
    let i = ind(
        IndicatorKind::Level,
        Some(("0", fy(2021))),
        Some(("3", fy(2024))),
    );
    // In FY2023 (expected 2/3, so pace = progress × 3/2 and never above 1 below progress 2/3):
    // the progress rule alone decides.
    check_grades(
        "custom, FY2023",
        &i,
        &s,
        2023,
        &[
            ("1.5", "S"),
            ("1.4999999999999999999999999999", "U"),
            ("1.5000000000000000000000000001", "S"),
        ],
    );
    // In FY2022 (expected 1/3, pace = progress × 3): a third of the way is a pace of exactly 1,
    // which is not above 1.
    check_grades(
        "custom, FY2022",
        &i,
        &s,
        2022,
        &[
            ("1", "U"),
            ("0.9999999999999999999999999999", "U"),
            ("1.0000000000000000000000000001", "T"),
        ],
    );
    // Just below half: the progress shown is rounded, once, to 0.5; the grade did not use it.
    let e = run_with(
        &i,
        &obs(&[(2023, "1.4999999999999999999999999999")]),
        2023,
        &s,
        ForecastMethod::Linear,
    );
    assert_eq!(e.progress, Some(d("0.5")));
    assert_eq!(s.label(e.grade), "U");
}

/// A ratio beyond the decimal range is shown as `None` with `overflow`, and still graded by
/// its exact fraction: a cap of the largest decimal on a window with 10^-28 spent so far is
/// well within its pace.
#[test]
fn a_pace_too_large_to_show_is_still_graded() {
    let max = Decimal::MAX.to_string();
    let mut i = ind(
        IndicatorKind::PeriodTotal,
        None,
        Some((&max, window(2022, 2024))),
    );
    i.direction = Direction::Decrease;
    let e = run(&i, &obs(&[(2022, "0.0000000000000000000000000001")]), 2022);
    assert_eq!(e.achievement, None);
    assert_eq!(e.pace, None);
    assert!(e.reasons.contains(Reason::Overflow));
    assert_eq!(grade(&e), "B");
}
