//! The workings of every kind, with and without a baseline, lower is better, and the
//! boundaries: each formula filled with the numbers core read, each result the evaluation's
//! own field.

#![allow(clippy::unwrap_used)]

use rust_decimal::Decimal;
use shinchoku_core::evaluate::{Evaluation, ForecastMethod};
use shinchoku_core::plan::Plan;
use shinchoku_core::Lang;

use super::{workings, Line, Workings};
use crate::view;

/// A plan of one indicator, `FY2022-FY2026` unless `plan` says otherwise.
fn plan(plan: &str, indicator: &str) -> Plan {
    let text = format!(
        "[plan]\ncode = \"t\"\ntitle = \"t\"\n{plan}\n\n[[indicators]]\nid = \"i1\"\nname = \"指標\"\n{indicator}\n"
    );
    shinchoku_import::planfile::read_plan(&text, "t.toml").unwrap()
}

fn run(p: &Plan, fy: i32, lang: Lang) -> (Evaluation, Workings) {
    let e = p.evaluate(fy, ForecastMethod::Linear).remove(0);
    let w = workings(p, &p.indicators[0], &e, fy, lang);
    (e, w)
}

fn line<'a>(w: &'a Workings, name: &str) -> &'a Line {
    w.inputs
        .iter()
        .chain(&w.metrics)
        .find(|l| l.name == name)
        .unwrap_or_else(|| panic!("no line {name}: {w:#?}"))
}

fn has_line(w: &Workings, name: &str) -> bool {
    w.inputs.iter().chain(&w.metrics).any(|l| l.name == name)
}

fn formula<'a>(w: &'a Workings, name: &str) -> &'a str {
    line(w, name).formula.as_deref().unwrap_or_default()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The ratios shown are the evaluation's fields, as `view::percent` prints them.
fn shows_the_fields(e: &Evaluation, w: &Workings) {
    for (name, field) in [
        ("達成率", e.achievement),
        ("進捗率", e.progress),
        ("想定進捗", e.expected),
    ] {
        if let Some(v) = field {
            let l = line(w, name);
            assert_eq!(l.value, view::percent(Some(v)), "{name}: {w:#?}");
            let f = l.formula.as_deref().unwrap();
            assert!(f.ends_with(&format!("= {}", l.value)), "{name}: {f}");
        }
    }
}

const ISSUE_14: &str = "kind = \"level\"\nunit = \"%\"\nbaseline = { value = 10.5, period = \"FY2019\" }\ntarget = { value = 13.3, period = \"FY2026\" }";

#[test]
fn issue_14_level_with_a_pace_of_exactly_one_half_is_c_and_says_why() {
    let p = plan(
        "period = \"FY2021-FY2026\"",
        &format!("{ISSUE_14}\nobservations = {{ FY2020 = 10.7 }}"),
    );
    let (e, w) = run(&p, 2020, Lang::Ja);
    assert_eq!(e.pace, Some(d("0.5")));
    shows_the_fields(&e, &w);
    assert_eq!(line(&w, "実績値").value, "10.7%");
    assert_eq!(line(&w, "基準値").value, "10.5%");
    assert_eq!(line(&w, "目標値").value, "13.3%");
    assert_eq!(line(&w, "基準年度").value, "2019（令和元年度（2019年度））");
    assert_eq!(line(&w, "目標年度").value, "2026（令和8年度（2026年度））");
    assert_eq!(
        formula(&w, "進捗率"),
        "(A − B) / (T − B) = (10.7 − 10.5) / (13.3 − 10.5) = 7.1%"
    );
    assert_eq!(
        formula(&w, "想定進捗"),
        "(t − t_B) / (t_T − t_B) = (2020 − 2019) / (2026 − 2019) = 1 / 7 = 14.3%"
    );
    assert_eq!(
        formula(&w, "ペース"),
        "ペース = 進捗率 ÷ 想定進捗 = (A − B) × (t_T − t_B) / ((T − B) × (t − t_B)) \
         = (10.7 − 10.5) × (2026 − 2019) / ((13.3 − 10.5) × (2020 − 2019)) = 1.4 / 2.8 = 0.5"
    );
    assert_eq!(line(&w, "ペース").value, "0.5");
    assert_eq!(formula(&w, "達成率"), "A / T = 10.7 / 13.3 = 80.5%");
    assert_eq!(formula(&w, "目標の達成"), "A ≥ T: 10.7 < 13.3 → 未達成");
    assert_eq!(formula(&w, "基準値との比較"), "A > B: 10.7 > 10.5");
    assert_eq!(w.grade.badge.letter, "C");
    assert_eq!(
        w.grade.because,
        "ペース 0.5 → C やや遅れ（0.5 ≤ ペース < 0.95）"
    );
    let applied: Vec<_> = w.grade.rules.iter().filter(|r| r.applied).collect();
    assert_eq!(applied.len(), 1);
    assert_eq!(applied[0].badge.letter, "C");
    assert_eq!(applied[0].condition, "ペース ≥ 0.5");
    assert_eq!(w.grade.rules.len(), 5, "every rule of the scheme is listed");
    // Required pace: (13.3 − 10.7) / 6, rounded for display and marked so.
    assert_eq!(
        formula(&w, "必要な伸び"),
        "(T − A) / (t_T − t) = (13.3 − 10.7) / (2026 − 2020) ≈ 0.43%／年"
    );
    assert!(w.states.is_empty());
}

#[test]
fn a_pace_a_hair_below_one_half_is_d_and_shows_every_digit() {
    let p = plan(
        "period = \"FY2021-FY2026\"",
        &format!("{ISSUE_14}\nobservations = {{ FY2020 = \"10.699999999999999999999999999\" }}"),
    );
    let (e, w) = run(&p, 2020, Lang::Ja);
    assert_eq!(w.grade.badge.letter, "D");
    let pace = e.pace.unwrap();
    assert!(pace < d("0.5"));
    // Rounded to three decimals it would read 0.5, the threshold it is not.
    assert_eq!(line(&w, "ペース").value, view::number(pace));
    assert!(
        w.grade.because.ends_with("→ D 遅れ（ペース < 0.5）"),
        "{}",
        w.grade.because
    );
}

#[test]
fn a_pace_between_thresholds_is_rounded_and_marked_as_such() {
    // pace = (10.8 − 10.5) × 7 / 2.8 = 0.75.
    let p = plan(
        "period = \"FY2021-FY2026\"",
        &format!("{ISSUE_14}\nobservations = {{ FY2020 = 10.8 }}"),
    );
    let (_, w) = run(&p, 2020, Lang::Ja);
    assert!(formula(&w, "ペース").ends_with("= 2.1 / 2.8 = 0.75"));
    // (10.6 − 10.5) × 7 / 2.8 = 0.25
    let p = plan(
        "period = \"FY2021-FY2026\"",
        &format!("{ISSUE_14}\nobservations = {{ FY2020 = 10.6 }}"),
    );
    let (_, w) = run(&p, 2020, Lang::Ja);
    assert_eq!(w.grade.because, "ペース 0.25 → D 遅れ（ペース < 0.5）");
    // 11 in FY2021: (0.5 × 7) / (2.8 × 2) = 0.625
    let p = plan(
        "period = \"FY2021-FY2026\"",
        &format!("{ISSUE_14}\nobservations = {{ FY2021 = 10.9 }}"),
    );
    let (e, w) = run(&p, 2021, Lang::Ja);
    // (0.4 × 7) / (2.8 × 2) = 0.5: exact again.
    assert_eq!(e.pace, Some(d("0.5")));
    assert!(formula(&w, "ペース").ends_with("= 2.8 / 5.6 = 0.5"));
    // 1/3 of the way: 10.5 + 2.8 × 2/7 / 3 … a repeating pace is shown rounded with ≈.
    let p = plan(
        "period = \"FY2021-FY2026\"",
        &format!("{ISSUE_14}\nobservations = {{ FY2022 = 11.5 }}"),
    );
    let (e, w) = run(&p, 2022, Lang::Ja);
    // (1 × 7) / (2.8 × 3) = 0.8333…
    assert!(e.pace.unwrap().to_string().starts_with("0.8333"));
    assert!(
        formula(&w, "ペース").ends_with("= 7 / 8.4 ≈ 0.833"),
        "{}",
        formula(&w, "ペース")
    );
    assert_eq!(line(&w, "ペース").value, "0.833");
}

#[test]
fn a_level_without_a_baseline_takes_its_achievement_as_progress() {
    let p = plan(
        "period = \"FY2022-FY2026\"",
        "kind = \"level\"\nunit = \"社\"\ntarget = { value = 40, period = \"FY2026\" }\nobservations = { FY2023 = 12 }",
    );
    let (e, w) = run(&p, 2023, Lang::Ja);
    shows_the_fields(&e, &w);
    assert_eq!(formula(&w, "進捗率"), "達成率 = A / T = 12 / 40 = 30.0%");
    assert_eq!(
        line(&w, "進捗率").note.as_deref(),
        Some("基準値がないため、達成率と同じ")
    );
    // t_B: the year before the plan starts.
    let base = line(&w, "基準年度");
    assert_eq!(base.value, "2021（令和3年度（2021年度））");
    assert!(base.note.as_deref().unwrap().contains("計画開始の前年度"));
    // pace = (12 × 5) / (40 × 2) = 0.75
    assert_eq!(
        formula(&w, "ペース"),
        "ペース = 進捗率 ÷ 想定進捗 = A × (t_T − t_B) / (T × (t − t_B)) \
         = 12 × (2026 − 2021) / (40 × (2023 − 2021)) = 60 / 80 = 0.75"
    );
    assert!(!has_line(&w, "基準値との比較"), "nothing to compare with");
    assert_eq!(e.forecast, None, "no baseline: no forecast");
    assert!(w
        .reasons
        .iter()
        .any(|r| r.code == "no_baseline" && r.label == "基準値なし"));
}

#[test]
fn lower_is_better_reads_as_a_gain_from_the_baseline() {
    let p = plan(
        "period = \"FY2021-FY2026\"",
        "kind = \"level\"\nunit = \"件\"\ndirection = \"decrease\"\nbaseline = { value = 13.3, period = \"FY2019\" }\ntarget = { value = 10.5, period = \"FY2026\" }\nobservations = { FY2020 = 13.1 }",
    );
    let (e, w) = run(&p, 2020, Lang::Ja);
    assert_eq!(e.pace, Some(d("0.5")));
    shows_the_fields(&e, &w);
    assert_eq!(
        formula(&w, "進捗率"),
        "(B − A) / (B − T) = (13.3 − 13.1) / (13.3 − 10.5) = 7.1%"
    );
    assert_eq!(formula(&w, "達成率"), "T / A = 10.5 / 13.1 = 80.2%");
    assert_eq!(formula(&w, "目標の達成"), "A ≤ T: 13.1 > 10.5 → 未達成");
    assert!(formula(&w, "ペース").contains(
        "(B − A) × (t_T − t_B) / ((B − T) × (t − t_B)) = (13.3 − 13.1) × (2026 − 2019) / ((13.3 − 10.5) × (2020 − 2019)) = 1.4 / 2.8 = 0.5"
    ));
    assert_eq!(line(&w, "基準値との比較").value, "改善");
    assert_eq!(w.grade.badge.letter, "C");

    // Worse than the baseline: D by its own rule, whatever the pace.
    let p = plan(
        "period = \"FY2021-FY2026\"",
        "kind = \"level\"\nunit = \"件\"\ndirection = \"decrease\"\nbaseline = { value = 13.3, period = \"FY2019\" }\ntarget = { value = 10.5, period = \"FY2026\" }\nobservations = { FY2020 = 14 }",
    );
    let (_, w) = run(&p, 2020, Lang::Ja);
    assert_eq!(line(&w, "基準値との比較").value, "悪化");
    assert_eq!(w.grade.because, "基準値より悪化 → D 遅れ");
    let applied: Vec<_> = w.grade.rules.iter().filter(|r| r.applied).collect();
    assert_eq!(applied[0].condition, "基準値より悪化");
}

#[test]
fn a_cumulative_indicator_is_a_level_with_its_baseline() {
    let p = plan(
        "period = \"FY2022-FY2024\"",
        "kind = \"cumulative\"\nunit = \"件\"\nbaseline = { value = 10, period = \"FY2021\" }\ntarget = { value = 16, period = \"FY2024\" }\nobservations = { FY2022 = 11.9 }",
    );
    let (e, w) = run(&p, 2022, Lang::Ja);
    shows_the_fields(&e, &w);
    // pace = (1.9 × 3) / (6 × 1) = 0.95: B exactly.
    assert_eq!(
        formula(&w, "ペース"),
        "ペース = 進捗率 ÷ 想定進捗 = (A − B) × (t_T − t_B) / ((T − B) × (t − t_B)) \
         = (11.9 − 10) × (2024 − 2021) / ((16 − 10) × (2022 − 2021)) = 5.7 / 6 = 0.95"
    );
    assert_eq!(w.grade.because, "ペース 0.95 → B 順調（ペース ≥ 0.95）");
    // A level is the latest value at or before t: FY2022's, still, in FY2023.
    let (e, w) = run(&p, 2023, Lang::Ja);
    assert_eq!(e.value, Some(d("11.9")));
    assert_eq!(
        line(&w, "実績値").note.as_deref(),
        Some("令和4年度（2022年度）の実績（令和5年度（2023年度）までで最新）")
    );
}

#[test]
fn an_annual_indicator_compares_only_the_years_own_value() {
    let p = plan(
        "period = \"FY2013-FY2026\"",
        "kind = \"annual\"\nunit = \"人\"\nbaseline = { value = 10.5, period = \"FY2012\" }\ntarget = { value = 13.3, period = \"FY2026\" }\nobservations = { FY2015 = 10.8 }",
    );
    let (e, w) = run(&p, 2015, Lang::Ja);
    shows_the_fields(&e, &w);
    // pace = (0.3 × 14) / (2.8 × 3) = 0.5 exactly.
    assert!(formula(&w, "ペース").ends_with("= 4.2 / 8.4 = 0.5"));
    assert_eq!(w.grade.badge.letter, "C");
    assert_eq!(
        line(&w, "実績値").note.as_deref(),
        Some("平成27年度（2015年度）の実績")
    );
    // The next year has no value of its own: nothing to grade.
    let (e, w) = run(&p, 2016, Lang::Ja);
    assert_eq!(e.value, None);
    assert_eq!(line(&w, "実績値").value, "—");
    assert_eq!(w.grade.badge.letter, "—");
    assert_eq!(
        w.grade.because,
        "この年度までの実績がないため評価できません。"
    );
    assert!(w.reasons.iter().any(|r| r.code == "no_data"));
    assert!(w.grade.rules.iter().all(|r| !r.applied));
}

/// DESIGN.md's example: 企業誘致件数, evaluated in FY2024 (its evaluation JSON).
#[test]
fn a_window_sums_its_flows_and_forecasts_from_their_mean() {
    let p = shinchoku_testkit::fixtures::example_plan("design-example.toml");
    let (e, w) = run(&p, 2024, Lang::Ja);
    assert_eq!(e.pace, Some(d("1.04")));
    shows_the_fields(&e, &w);
    assert_eq!(line(&w, "実績値").value, "78件");
    assert_eq!(
        line(&w, "実績値").note.as_deref(),
        Some("令和4年度（2022年度）から令和6年度（2024年度）までの実績の合計")
    );
    assert_eq!(line(&w, "目標期間").note.as_deref(), Some("5年間"));
    assert_eq!(formula(&w, "進捗率"), "達成率 = A / T = 78 / 125 = 62.4%");
    assert!(line(&w, "進捗率")
        .note
        .as_deref()
        .unwrap()
        .contains("基準値を差し引かない"));
    assert_eq!(
        formula(&w, "想定進捗"),
        "(t − 期間の初年度 + 1) / 期間の年数 = (2024 − 2022 + 1) / (2026 − 2022 + 1) = 3 / 5 = 60.0%"
    );
    assert_eq!(
        formula(&w, "ペース"),
        "ペース = 進捗率 ÷ 想定進捗 = A × 期間の年数 / (T × 経過年数) \
         = 78 × 5 / (125 × 3) = 390 / 375 = 1.04"
    );
    assert_eq!(w.grade.because, "ペース 1.04 → B 順調（ペース ≥ 0.95）");
    assert_eq!(e.forecast, Some(d("130")));
    assert_eq!(
        formula(&w, "予測値"),
        "予測値 = A + (A ÷ 実績のある年数) × 残りの年数 = 78 + (78 / 3) × 2 = 130件"
    );
    assert_eq!(e.required_pace, Some(d("23.5")));
    assert_eq!(
        formula(&w, "必要な伸び"),
        "(T − A) / (t_T − t) = (125 − 78) / (2026 − 2024) = 23.5件／年"
    );
    // A window's running sum is never set against its baseline.
    assert!(!has_line(&w, "基準値との比較"));
}

#[test]
fn a_milestone_is_graded_on_its_states_ranks() {
    let p = plan(
        "period = \"FY2022-FY2026\"",
        "kind = \"milestone\"\nbaseline = { state = \"未着手\", period = \"FY2021\" }\ntarget = { text = \"実現\", period = \"FY2026\" }\nobservations = { FY2023 = \"実施中\" }",
    );
    let (e, w) = run(&p, 2023, Lang::Ja);
    shows_the_fields(&e, &w);
    assert_eq!(line(&w, "実績値").value, "実施中（4段階中3段階目）");
    assert_eq!(line(&w, "目標値").value, "実現");
    assert_eq!(line(&w, "基準値").value, "未着手");
    // Ranks: 未着手 0, 実施中 2, 実現 3. progress 2/3, expected 2/5, pace 5/3.
    assert_eq!(
        formula(&w, "進捗率"),
        "(A − B) / (T − B) = (2 − 0) / (3 − 0) = 66.7%"
    );
    assert!(line(&w, "進捗率")
        .note
        .as_deref()
        .unwrap()
        .contains("未着手 = 0"));
    assert!(formula(&w, "ペース").ends_with("= 10 / 6 ≈ 1.667"));
    assert_eq!(w.grade.badge.letter, "B");
    assert_eq!(
        w.states
            .iter()
            .map(|s| (s.rank, s.name.as_str(), s.marks.clone()))
            .collect::<Vec<_>>(),
        [
            (1, "未着手", vec!["基準"]),
            (2, "検討中", vec![]),
            (3, "実施中", vec!["現在"]),
            (4, "実現", vec!["目標"]),
        ]
    );
    assert!(
        !has_line(&w, "予測値"),
        "a milestone has no numeric forecast"
    );
}

#[test]
fn a_monitor_indicator_shows_its_trend_and_no_grade() {
    let p = plan(
        "period = \"FY2022-FY2026\"",
        "kind = \"monitor\"\nunit = \"億円\"\nbaseline = { value = 100, period = \"FY2021\" }\nobservations = { FY2022 = 110, FY2023 = 120 }",
    );
    let (e, w) = run(&p, 2023, Lang::Ja);
    assert_eq!(e.grade, None);
    assert_eq!(w.grade.badge.letter, "—");
    assert_eq!(w.grade.because, "目標がないため評価しません（推移のみ）。");
    assert!(!has_line(&w, "達成率") && !has_line(&w, "想定進捗") && !has_line(&w, "ペース"));
    assert_eq!(line(&w, "実績値").value, "120億円");
    // The least-squares line through (2021, 100), (2022, 110), (2023, 120) at 2026: 150.
    assert_eq!(e.forecast, Some(d("150")));
    assert_eq!(line(&w, "予測値").value, "150億円");
    assert!(w.reasons.iter().any(|r| r.code == "no_target"));
    assert!(!w.grade.graded, "no rule of the scheme is worth listing");
}

#[test]
fn a_window_not_yet_begun_is_not_graded_and_says_so() {
    let p = shinchoku_testkit::fixtures::example_plan("design-example.toml");
    let (e, w) = run(&p, 2021, Lang::Ja);
    assert_eq!(e.grade, None);
    assert_eq!(
        w.grade.because,
        "目標期間がまだ始まっていないため評価しません。"
    );
    assert_eq!(
        formula(&w, "想定進捗"),
        "(t − 期間の初年度 + 1) / 期間の年数 = (2021 − 2022 + 1) / (2026 − 2022 + 1) = 0 / 5 = 0.0%"
    );
    assert!(w.grade.graded);
}

#[test]
fn a_target_equal_to_its_baseline_is_all_or_nothing() {
    let p = plan(
        "period = \"FY2022-FY2026\"",
        "kind = \"level\"\nbaseline = { value = 5, period = \"FY2021\" }\ntarget = { value = 5, period = \"FY2026\" }\nobservations = { FY2022 = 5 }",
    );
    let (e, w) = run(&p, 2022, Lang::Ja);
    assert_eq!(e.grade.map(|g| g.0), Some(0));
    assert_eq!(w.grade.because, "目標を達成 → A 達成");
    assert_eq!(formula(&w, "進捗率"), "1 = 100.0%");
    assert!(line(&w, "進捗率")
        .note
        .as_deref()
        .unwrap()
        .contains("目標が基準値と同じ"));
}

#[test]
fn a_level_to_hold_has_no_pace_and_says_so() {
    let p = plan(
        "period = \"FY2022-FY2026\"",
        "kind = \"level\"\nunit = \"人\"\nbaseline = { value = 2044, period = \"FY2021\" }\ntarget = { value = 2000, period = \"FY2026\" }\nobservations = { FY2022 = 1990 }",
    );
    let (e, w) = run(&p, 2022, Lang::Ja);
    assert_eq!(e.pace, None);
    assert_eq!(line(&w, "進捗率").value, "—");
    assert!(line(&w, "目標の達成")
        .note
        .as_deref()
        .unwrap()
        .contains("維持目標"));
    // Below a level to hold is below the baseline too: D by that rule.
    assert_eq!(w.grade.because, "基準値より悪化 → D 遅れ");
}

#[test]
fn nothing_due_yet_is_not_graded() {
    let p = plan(
        "period = \"FY2022-FY2026\"",
        "kind = \"level\"\nbaseline = { value = 10, period = \"FY2022\" }\ntarget = { value = 20, period = \"FY2026\" }\nobservations = { FY2022 = 11 }",
    );
    let (_, w) = run(&p, 2022, Lang::Ja);
    assert_eq!(line(&w, "想定進捗").value, "0.0%");
    assert!(line(&w, "ペース")
        .note
        .as_deref()
        .unwrap()
        .contains("想定進捗が 0%"));
    assert_eq!(w.grade.badge.letter, "—");
    assert!(w.grade.because.contains("まだ評価しません"));
}

#[test]
fn the_final_scheme_grades_achievement_after_the_target_year() {
    let p = plan(
        "period = \"FY2022-FY2024\"\ngrading = \"final\"",
        "kind = \"level\"\nbaseline = { value = 10, period = \"FY2021\" }\ntarget = { value = 20, period = \"FY2024\" }\nobservations = { FY2023 = 15, FY2024 = 17 }",
    );
    let (_, w) = run(&p, 2024, Lang::Ja);
    assert_eq!(w.grade.badge.letter, "B");
    assert_eq!(w.grade.because, "達成率 85.0% → B 概ね達成（達成率 ≥ 80%）");
    let (_, w) = run(&p, 2023, Lang::Ja);
    assert!(w.grade.because.contains("目標年度が来てから"));
}

#[test]
fn english_workings_use_the_same_formulas() {
    let p = plan(
        "period = \"FY2021-FY2026\"",
        &format!("{ISSUE_14}\nobservations = {{ FY2020 = 10.7 }}"),
    );
    let (_, w) = run(&p, 2020, Lang::En);
    assert_eq!(
        formula(&w, "Progress"),
        "(A − B) / (T − B) = (10.7 − 10.5) / (13.3 − 10.5) = 7.1%"
    );
    assert_eq!(line(&w, "Baseline year").value, "2019 (FY2019)");
    assert_eq!(
        w.grade.because,
        "Pace 0.5 → C slightly behind (0.5 ≤ Pace < 0.95)"
    );
    assert!(formula(&w, "Pace").starts_with("pace = progress ÷ expected = "));
}
