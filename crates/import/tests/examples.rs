//! The example plan files in `examples/` read into the plans their documents describe.
//!
//! `examples/yamaguchi-industry-2022.toml` is transcribed from seed document
//! `shared/seeds/004_af65ec13672d85be.txt`; the numbers it is checked against here are copied
//! from the hand-checked answer key `shared/answer-keys/seeds.json` (key
//! `004_af65ec13672d85be.txt`), which is not in the repository. `examples/design-example.toml`
//! is DESIGN.md's plan file, whose evaluation DESIGN.md prints.

// Test code: a panic, with its message, is how a test reports a failure.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use shinchoku_core::evaluate::ForecastMethod;
use shinchoku_core::indicator::{IndicatorKind, ObservedValue};
use shinchoku_core::period::Period;
use shinchoku_core::Decimal;
use shinchoku_import::planfile::{read_plan, write_plan};
use shinchoku_testkit::fixtures::{example, example_plan};

fn dec(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn period(s: &str) -> Period {
    Period::parse(s).unwrap()
}

/// id, name, unit, kind, baseline value, baseline period, target value, target period, node.
type KeyRow<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    Option<&'a str>,
    Option<&'a str>,
    &'a str,
    &'a str,
    &'a str,
);

/// From the answer key's `indicators` for 004 (no, name, unit, kind, baseline value and
/// period, target value and period), with the basic direction whose ■ 数値目標 block lists the
/// indicator first (the answer key's notes).
#[rustfmt::skip]
const ANSWER_KEY: [KeyRow; 14] = [
    ("i1", "企業誘致件数", "件", "period_total", Some("25"), Some("FY2021"), "125", "FY2022-FY2026", "d1"),
    ("i2", "コンビナート連携によるカーボンニュートラル関連事業のプロジェクト化件数", "件", "period_total", None, None, "6", "FY2022-FY2026", "d2"),
    ("i3", "環境・エネルギー、水素、医療、バイオ関連分野の事業化件数", "件", "cumulative", Some("123"), Some("FY2021"), "180", "FY2026", "d2"),
    ("i4", "燃料電池自動車等の導入台数", "台", "cumulative", Some("35"), Some("FY2021"), "175", "FY2026", "d2"),
    ("i5", "中小企業のIoT導入率", "%", "level", Some("19.3"), Some("FY2021"), "28", "FY2026", "d3"),
    ("i6", "DXに取り組んでいる中小企業の割合", "%", "level", Some("13.4"), Some("FY2021"), "20", "FY2026", "d3"),
    ("i7", "水中次世代モビリティ関連プロジェクト化件数", "件", "cumulative", None, None, "15", "FY2026", "d3"),
    ("i8", "航空機・宇宙機器産業での受注獲得金額", "万円", "period_total", Some("38300"), Some("FY2018-FY2021"), "300000", "FY2022-FY2026", "d3"),
    ("i9", "地域経済牽引事業計画承認件数", "件", "period_total", Some("12"), Some("FY2021"), "75", "FY2022-FY2026", "d4"),
    ("i10", "経営革新計画目標達成件数", "件", "level", Some("371"), Some("FY2021"), "530", "FY2026", "d4"),
    ("i11", "関係機関の支援による事業承継診断件数", "件", "period_total", Some("519"), Some("FY2021"), "7500", "FY2022-FY2026", "d4"),
    ("i12", "関係支援機関の支援による創業数", "件", "period_total", Some("862"), Some("FY2018-FY2021"), "1200", "FY2022-FY2026", "d4"),
    ("i13", "関係支援機関の支援による女性創業数", "件", "period_total", Some("326"), Some("FY2018-FY2021"), "440", "FY2022-FY2026", "d4"),
    ("i14", "中小企業の海外展開成約件数", "件", "period_total", Some("56"), Some("FY2018-FY2021"), "100", "FY2022-FY2026", "d5"),
];

#[test]
fn yamaguchi_example_has_the_documents_five_directions_and_nineteen_measures() {
    let p = example_plan("yamaguchi-industry-2022.toml");
    assert_eq!(p.code.as_str(), "yamaguchi-industry-2022");
    assert_eq!(p.period, Some(period("FY2022-FY2026")));
    let issuer = p.issuer.as_ref().unwrap();
    assert_eq!(
        (issuer.name.as_str(), issuer.code.as_deref()),
        ("山口県", Some("350001"))
    );
    let directions: Vec<_> = p.nodes.iter().filter(|n| n.parent.is_none()).collect();
    assert_eq!(directions.len(), 5);
    assert!(directions
        .iter()
        .all(|n| n.kind.as_deref() == Some("基本方向")));
    let measures: Vec<_> = p.nodes.iter().filter(|n| n.parent.is_some()).collect();
    assert_eq!(measures.len(), 19);
    for (i, m) in measures.iter().enumerate() {
        assert_eq!(m.label.as_deref(), Some(format!("({})", i + 1).as_str()));
        assert_eq!(m.kind.as_deref(), Some("取組"));
    }
    // Measures per direction as 第1章 lists them: 2, 5, 3, 7, 2.
    let per: Vec<usize> = directions
        .iter()
        .map(|d| {
            measures
                .iter()
                .filter(|m| m.parent.as_deref() == Some(&d.id))
                .count()
        })
        .collect();
    assert_eq!(per, [2, 5, 3, 7, 2]);
    assert_eq!(
        p.node("m15").unwrap().title,
        "地域中核企業等の創出・成長支援"
    );
}

#[test]
fn yamaguchi_example_indicators_match_the_answer_key() {
    let p = example_plan("yamaguchi-industry-2022.toml");
    assert_eq!(p.indicators.len(), 14);
    for (pi, row) in p.indicators.iter().zip(ANSWER_KEY) {
        let (id, name, unit, kind, b_value, b_period, t_value, t_period, node) = row;
        let ind = &pi.indicator;
        assert_eq!(ind.id, id);
        assert_eq!(ind.name, name, "{id}");
        assert_eq!(ind.unit, unit, "{id}");
        assert_eq!(Some(ind.kind), IndicatorKind::parse(kind), "{id}");
        assert_eq!(pi.node.as_deref(), Some(node), "{id}");
        let baseline = ind.baseline.as_ref();
        assert_eq!(baseline.and_then(|b| b.value), b_value.map(dec), "{id}");
        assert_eq!(
            baseline.and_then(|b| b.period),
            b_period.map(period),
            "{id}"
        );
        let target = ind.target.as_ref().unwrap();
        assert_eq!(target.value, Some(dec(t_value)), "{id}");
        assert_eq!(target.period, Some(period(t_period)), "{id}");
    }
}

#[test]
fn yamaguchi_example_observations_are_the_documents_series_only() {
    let p = example_plan("yamaguchi-industry-2022.toml");
    let series = |id: &str| -> Vec<(Period, Decimal)> {
        p.indicator(id)
            .unwrap()
            .observations
            .iter()
            .map(|o| match &o.value {
                ObservedValue::Number(d) => (o.period, *d),
                ObservedValue::State(s) => panic!("{id}: state {s}"),
            })
            .collect()
    };
    let fy = |pairs: &[(i32, &str)]| -> Vec<(Period, Decimal)> {
        pairs
            .iter()
            .map(|(y, v)| (Period::FiscalYear(*y), dec(v)))
            .collect()
    };
    // The answer key's historical_series.
    assert_eq!(
        series("i12"),
        fy(&[(2018, "239"), (2019, "208"), (2020, "214"), (2021, "201")])
    );
    assert_eq!(
        series("i13"),
        fy(&[(2018, "86"), (2019, "63"), (2020, "82"), (2021, "95")])
    );
    assert_eq!(
        series("i14"),
        fy(&[(2018, "5"), (2019, "12"), (2020, "20"), (2021, "19")])
    );
    assert_eq!(series("i5"), fy(&[(2016, "3.9"), (2021, "19.3")]));
    let yearly: Vec<(Period, Decimal)> = p
        .indicator("i14")
        .unwrap()
        .indicator
        .yearly_targets
        .iter()
        .map(|y| (y.period, y.value))
        .collect();
    assert_eq!(
        yearly,
        fy(&[(2018, "5"), (2019, "5"), (2020, "5"), (2021, "5")])
    );
    // Each window's yearly series sums to its baseline, as the answer key checks.
    for id in ["i12", "i13", "i14"] {
        let sum: Decimal = series(id).iter().map(|(_, v)| *v).sum();
        let baseline = p
            .indicator(id)
            .unwrap()
            .indicator
            .baseline
            .as_ref()
            .unwrap()
            .value;
        assert_eq!(Some(sum), baseline, "{id}");
    }
    let with_observations = p
        .indicators
        .iter()
        .filter(|i| !i.observations.is_empty())
        .count();
    assert_eq!(with_observations, 4);
}

#[test]
fn yamaguchi_example_lists_the_thirteen_support_institutions() {
    let p = example_plan("yamaguchi-industry-2022.toml");
    assert_eq!(p.organizations.len(), 13);
    // The answer key's examples.
    let roles = |name: &str| {
        p.organizations
            .iter()
            .find(|o| o.name == name)
            .unwrap()
            .roles
            .clone()
    };
    assert_eq!(
        roles("やまぐち産業振興財団"),
        [
            "創業支援",
            "成長支援",
            "技術支援",
            "事業活動支援",
            "経営基盤安定支援",
            "金融支援"
        ]
    );
    assert_eq!(roles("山口県産業技術センター"), ["創業支援", "技術支援"]);
    assert_eq!(
        roles("山口県信用保証協会"),
        ["創業支援", "経営基盤安定支援", "金融支援"]
    );
    assert_eq!(
        roles("やまぐちDX推進拠点「Y-BASE」"),
        ["成長支援", "技術支援", "事業活動支援"]
    );
}

#[test]
fn yamaguchi_example_round_trips() {
    let p = example_plan("yamaguchi-industry-2022.toml");
    assert_eq!(read_plan(&write_plan(&p), "canonical.toml"), Ok(p));
}

#[test]
fn design_example_is_the_fixture_and_evaluates_as_design_md_prints() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let example = std::fs::read_to_string(example("design-example.toml")).unwrap();
    let fixture = std::fs::read_to_string(root.join("tests/fixtures/design-example.toml")).unwrap();
    assert_eq!(example, fixture);

    let p = read_plan(&example, "design-example.toml").unwrap();
    let e = &p.evaluate(2024, ForecastMethod::Linear)[0];
    // DESIGN.md → Evaluation JSON: value 78, target 125, achievement 0.624, progress 0.624,
    // expected 0.6, pace 1.04, grade B, forecast 130, required_pace 23.5, reasons [].
    assert_eq!(e.value, Some(dec("78")));
    assert_eq!(e.target, Some(dec("125")));
    assert_eq!(e.achievement, Some(dec("0.624")));
    assert_eq!(e.progress, Some(dec("0.624")));
    assert_eq!(e.expected, Some(dec("0.6")));
    assert_eq!(e.pace, Some(dec("1.04")));
    assert_eq!(p.grading.label(e.grade), "B");
    assert_eq!(e.forecast, Some(dec("130")));
    assert_eq!(e.required_pace, Some(dec("23.5")));
    assert!(e.reasons.is_empty());
}
