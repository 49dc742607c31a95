//! Ratio indicators as data: single values and their rounding, series with statuses and
//! as-of dates, and a plan whose ratios refer to each other, to nothing, or round in a circle.

use super::*;
use crate::indicator::{Indicator, IndicatorKind};
use crate::plan::{PlanCode, PlanIndicator};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn fy(y: i32) -> Period {
    Period::FiscalYear(y)
}

/// `numerator × factor / denominator` gives `expected` (`None`: no value).
fn check(numerator: &str, denominator: &str, factor: &str, expected: Option<&str>) {
    let got = ratio_value(dec(numerator), dec(denominator), dec(factor));
    assert_eq!(
        got.map(|d| d.to_string()),
        expected.map(str::to_owned),
        "{numerator} × {factor} / {denominator}"
    );
}

#[test]
fn a_ratio_is_numerator_times_factor_over_denominator() {
    for (n, d, f, expected) in [
        // 刑法犯認知件数 per 100,000 people.
        ("5123", "1313403", "100000", Some("390.0554513733")),
        ("25", "200", "100", Some("12.5")),
        ("1", "4", "100", Some("25")),
        ("12.50", "100", "1", Some("0.125")),
        ("-3", "4", "100", Some("-75")),
        ("3", "-4", "100", Some("-75")),
        ("0", "7", "100", Some("0")),
        ("7", "3", "0", Some("0")),
        ("7", "0", "100", None),
        ("0", "0", "100", None),
        ("7", "0.000", "100", None),
    ] {
        check(n, d, f, expected);
    }
}

#[test]
fn ratios_keep_ten_decimals_and_halves_go_away_from_zero() {
    for (n, d, f, expected) in [
        ("1", "3", "1", Some("0.3333333333")),
        ("2", "3", "1", Some("0.6666666667")),
        ("-2", "3", "1", Some("-0.6666666667")),
        // Exactly half of the tenth decimal: away from zero, on both sides.
        ("1", "20000000000", "1", Some("0.0000000001")),
        ("-1", "20000000000", "1", Some("-0.0000000001")),
        ("3", "20000000000", "1", Some("0.0000000002")),
        // Just below half: down.
        ("0.99999", "20000000000", "1", Some("0")),
    ] {
        check(n, d, f, expected);
    }
}

#[test]
fn the_rounding_is_of_the_exact_fraction_not_of_a_rounded_quotient() {
    // 4999…9 (28 nines after the 4) / 10^28 / 10^10 lies just below the halfway point
    // 0.00000000005; rounded to 28 decimals first it would be that point and go up.
    let n = "4999999999999999999999999999";
    check(
        n,
        "10000000000000000000000000000",
        "0.0000000001",
        Some("0"),
    );
    let m = "-4999999999999999999999999999";
    check(
        m,
        "10000000000000000000000000000",
        "0.0000000001",
        Some("0"),
    );
    // And a value that is the halfway point exactly goes up.
    check("5", "100000000000", "1", Some("0.0000000001"));
}

#[test]
fn a_product_beyond_the_decimal_range_still_gives_its_quotient() {
    // 7.9e28 × 100000 overflows a Decimal; the fraction does not.
    check(
        "79228162514264337593543950335",
        "100000000",
        "100000",
        Some("79228162514264337593543950.335"),
    );
    // A quotient beyond the range gives nothing, and nothing panics.
    check("79228162514264337593543950335", "0.5", "1", None);
    check(
        "79228162514264337593543950335",
        "0.0000000000000000000000000001",
        "79228162514264337593543950335",
        None,
    );
}

fn obs(period: Period, v: &str, status: ObservationStatus, as_of: Option<Period>) -> Observation {
    Observation {
        period,
        value: ObservedValue::Number(dec(v)),
        status,
        as_of,
    }
}

#[test]
fn a_series_pairs_periods_and_takes_the_weaker_status_and_the_later_date() {
    use ObservationStatus::{Estimate, Final, Provisional};
    let month = |y, m| Some(Period::Month { year: y, month: m });
    let numerator = vec![
        obs(fy(2021), "10", Final, None),
        obs(fy(2023), "30", Provisional, month(2023, 9)),
        obs(fy(2022), "20", Final, None),
        obs(fy(2024), "40", Final, None),
        Observation::state(fy(2025), "実施中"),
        obs(fy(2026), "5", Final, None),
        // A second value for a period already taken is not a second ratio.
        obs(fy(2021), "11", Final, None),
    ];
    let denominator = vec![
        obs(fy(2021), "100", Final, None),
        obs(fy(2022), "100", Estimate, None),
        obs(fy(2023), "100", Final, month(2024, 3)),
        obs(fy(2025), "100", Final, None),
        obs(fy(2026), "0", Final, None),
    ];
    let got = ratio_observations(&numerator, &denominator, dec("100"));
    // In the numerator's order; FY2024 has no denominator, FY2025 no number, FY2026 a zero.
    assert_eq!(
        got,
        vec![
            obs(fy(2021), "10", Final, None),
            obs(fy(2023), "30", Provisional, month(2024, 3)),
            obs(fy(2022), "20", Estimate, None),
        ]
    );
}

#[test]
fn the_weaker_status_is_the_less_sure() {
    use ObservationStatus::{Estimate, Final, Provisional};
    for (a, b, expected) in [
        (Final, Final, Final),
        (Final, Provisional, Provisional),
        (Provisional, Final, Provisional),
        (Provisional, Estimate, Estimate),
        (Estimate, Final, Estimate),
        (Estimate, Estimate, Estimate),
    ] {
        assert_eq!(weaker_status(a, b), expected, "{a:?} {b:?}");
    }
}

fn indicator(id: &str, observations: Vec<Observation>) -> PlanIndicator {
    PlanIndicator {
        indicator: Indicator {
            id: id.into(),
            name: id.into(),
            kind: IndicatorKind::Level,
            ..Indicator::default()
        },
        observations,
        ..PlanIndicator::default()
    }
}

fn numbers(values: &[(i32, &str)]) -> Vec<Observation> {
    values
        .iter()
        .map(|&(y, v)| Observation::number(fy(y), dec(v)))
        .collect()
}

/// A plan with a count (`crimes`), a population, and the indicators `ids` with no values.
fn plan(ids: &[&str]) -> Plan {
    let mut plan = Plan::new(PlanCode::new("p").unwrap(), "計画");
    plan.indicators.push(indicator(
        "crimes",
        numbers(&[(2021, "5123"), (2022, "4800"), (2023, "4500")]),
    ));
    plan.indicators.push(indicator(
        "people",
        numbers(&[(2021, "1313403"), (2022, "1300000"), (2023, "0")]),
    ));
    for id in ids {
        plan.indicators.push(indicator(id, Vec::new()));
    }
    plan
}

fn spec(numerator: &str, denominator: &str, factor: &str) -> RatioSpec {
    RatioSpec {
        numerator: numerator.into(),
        denominator: denominator.into(),
        factor: dec(factor),
    }
}

fn values(plan: &Plan, id: &str) -> Vec<(Period, String)> {
    plan.indicator(id)
        .unwrap()
        .observations
        .iter()
        .map(|o| (o.period, shown(&o.value)))
        .collect()
}

#[test]
fn a_plan_s_ratio_is_filled_from_its_operands() {
    let mut p = plan(&["rate"]);
    let problems = resolve_ratios(
        &mut p,
        &[("rate".into(), spec("crimes", "people", "100000"))],
    );
    assert_eq!(problems, vec![]);
    assert_eq!(
        values(&p, "rate"),
        vec![
            (fy(2021), "390.0554513733".into()),
            (fy(2022), "369.2307692308".into()),
        ]
    );
    // The operands are untouched.
    assert_eq!(values(&p, "crimes").len(), 3);
}

#[test]
fn computed_values_replace_typed_ones_and_typed_ones_elsewhere_stay() {
    let mut p = plan(&[]);
    p.indicators.push(indicator(
        "rate",
        numbers(&[
            (2020, "400"),
            (2021, "390.0554513733"),
            (2022, "370"),
            (2023, "350"),
        ]),
    ));
    let problems = resolve_ratios(
        &mut p,
        &[("rate".into(), spec("crimes", "people", "100000"))],
    );
    // FY2021 agrees and is not noted; FY2022 is replaced and noted; FY2020 and FY2023 (a zero
    // population) are not computed and stay, in time order.
    assert_eq!(
        problems,
        vec![RatioProblem {
            ratio: "rate".into(),
            kind: RatioProblemKind::Overridden {
                period: fy(2022),
                typed: ObservedValue::Number(dec("370")),
                computed: dec("369.2307692308"),
            },
        }]
    );
    assert!(!problems[0].kind.refuses());
    assert_eq!(
        values(&p, "rate"),
        vec![
            (fy(2020), "400".into()),
            (fy(2021), "390.0554513733".into()),
            (fy(2022), "369.2307692308".into()),
            (fy(2023), "350".into()),
        ]
    );
    assert_eq!(
        problems[0].to_string(),
        "ratio indicator \"rate\": the value typed for FY2022 (370) is replaced by the \
         369.2307692308 computed from the numerator and the denominator"
    );
    assert_eq!(
        problems[0].message(Lang::Ja),
        "比率の指標「rate」: FY2022 に入力された値 370 は、分子と分母から計算した \
         369.2307692308 に置き換えました"
    );
}

/// Resolves `specs` over [`plan`] with `ids`, and returns each problem's ratio and kind.
fn problems_of(ids: &[&str], specs: &[(&str, RatioSpec)]) -> Vec<(String, RatioProblemKind)> {
    let mut p = plan(ids);
    let specs: Vec<(String, RatioSpec)> = specs
        .iter()
        .map(|(id, s)| ((*id).to_owned(), s.clone()))
        .collect();
    resolve_ratios(&mut p, &specs)
        .into_iter()
        .map(|p| (p.ratio, p.kind))
        .collect()
}

#[test]
fn definitions_that_cannot_be_computed_are_refused() {
    use Operand::{Denominator, Numerator};
    use RatioProblemKind as K;
    let owned = |s: &str| s.to_owned();
    for (specs, expected) in [
        (
            vec![("nowhere", spec("crimes", "people", "100"))],
            vec![(owned("nowhere"), K::NoSuchRatio)],
        ),
        (
            vec![("r", spec("thefts", "residents", "100"))],
            vec![
                (
                    owned("r"),
                    K::NoSuchOperand {
                        operand: Numerator,
                        id: owned("thefts"),
                    },
                ),
                (
                    owned("r"),
                    K::NoSuchOperand {
                        operand: Denominator,
                        id: owned("residents"),
                    },
                ),
            ],
        ),
        (
            vec![("r", spec("r", "people", "100"))],
            vec![(owned("r"), K::SelfReference { operand: Numerator })],
        ),
        (
            vec![("r", spec("crimes", "people", "0"))],
            vec![(owned("r"), K::FactorNotPositive { factor: dec("0") })],
        ),
        (
            vec![("r", spec("crimes", "people", "-100"))],
            vec![(
                owned("r"),
                K::FactorNotPositive {
                    factor: dec("-100"),
                },
            )],
        ),
        (
            vec![
                ("r", spec("crimes", "people", "100")),
                ("r", spec("people", "crimes", "100")),
            ],
            vec![(owned("r"), K::Repeated)],
        ),
    ] {
        assert_eq!(problems_of(&["r"], &specs), expected, "{specs:?}");
    }
}

#[test]
fn a_ratio_of_ratios_is_computed_after_them_whatever_the_order() {
    // share = rate / rate2 × 100, given before the two it divides.
    let mut p = plan(&["rate", "rate2", "share"]);
    let specs = vec![
        ("share".to_owned(), spec("rate", "rate2", "100")),
        ("rate".to_owned(), spec("crimes", "people", "100000")),
        ("rate2".to_owned(), spec("crimes", "people", "50000")),
    ];
    assert_eq!(resolve_ratios(&mut p, &specs), vec![]);
    // A ratio of ratios divides their rounded values: 390.0554513733 / 195.0277256866.
    assert_eq!(
        values(&p, "share"),
        vec![
            (fy(2021), "200.0000000001".into()),
            (fy(2022), "200".into())
        ]
    );
}

#[test]
fn a_circle_of_ratios_is_refused_with_the_circle_and_nothing_loops() {
    use RatioProblemKind as K;
    let path = |ids: &[&str]| K::Cycle {
        path: ids.iter().map(|s| (*s).to_owned()).collect(),
    };
    let got = problems_of(
        &["a", "b", "c", "d"],
        &[
            ("a", spec("b", "people", "1")),
            ("b", spec("crimes", "a", "1")),
            // c depends on the circle; d is sound.
            ("c", spec("a", "people", "1")),
            ("d", spec("crimes", "people", "1")),
        ],
    );
    assert_eq!(
        got,
        vec![
            ("a".to_owned(), path(&["a", "b", "a"])),
            ("b".to_owned(), path(&["b", "a", "b"])),
            ("c".to_owned(), path(&["c", "a", "b", "a"])),
        ]
    );
    let text = RatioProblem {
        ratio: "a".into(),
        kind: path(&["a", "b", "a"]),
    };
    assert_eq!(
        text.to_string(),
        "ratio indicator \"a\": its numerator and denominator lead round in a circle of ratios \
         (a → b → a): one of them must be an indicator that is not a ratio"
    );
    assert_eq!(
        text.message(Lang::Ja),
        "比率の指標「a」: 分子・分母をたどると比率が循環しています（a → b → a）。どこかで比率で\
         ない指標を指定してください"
    );
}

#[test]
fn a_ratio_of_a_refused_ratio_is_refused_and_keeps_its_values() {
    use RatioProblemKind as K;
    let mut p = plan(&["bad"]);
    p.indicators
        .push(indicator("share", numbers(&[(2021, "12")])));
    let specs = vec![
        ("bad".to_owned(), spec("crimes", "people", "0")),
        ("share".to_owned(), spec("bad", "people", "100")),
    ];
    let got: Vec<_> = resolve_ratios(&mut p, &specs)
        .into_iter()
        .map(|p| p.kind)
        .collect();
    assert_eq!(
        got,
        vec![
            K::FactorNotPositive { factor: dec("0") },
            K::OperandRefused {
                operand: Operand::Numerator,
                id: "bad".into(),
            },
        ]
    );
    assert_eq!(values(&p, "share"), vec![(fy(2021), "12".into())]);
}

#[test]
fn every_refusal_reads_in_both_languages() {
    use RatioProblemKind as K;
    for (kind, en, ja) in [
        (
            K::NoSuchRatio,
            "the plan has no indicator with this id to hold the ratio",
            "この id の指標が計画にありません。比率を置く指標の id を書いてください",
        ),
        (
            K::Repeated,
            "defined a second time; the first definition is used",
            "比率の定義が2回あります。最初の定義を使います",
        ),
        (
            K::NoSuchOperand {
                operand: Operand::Denominator,
                id: "人口".into(),
            },
            "its denominator \"人口\" is no indicator of the plan: give the id of one",
            "分母「人口」は計画の指標ではありません。計画にある指標の id を書いてください",
        ),
        (
            K::SelfReference {
                operand: Operand::Numerator,
            },
            "its numerator is the ratio itself: name another indicator",
            "分子がこの比率自身です。別の指標を指定してください",
        ),
        (
            K::FactorNotPositive {
                factor: dec("-100.0"),
            },
            "the factor -100 is not positive: give what the quotient is multiplied by \
             (100 for a percentage, 100000 for a rate per 100,000)",
            "係数 -100 は正の数ではありません。商に掛ける数（百分率なら 100、10万人当たりなら \
             100000）を書いてください",
        ),
        (
            K::OperandRefused {
                operand: Operand::Numerator,
                id: "a".into(),
            },
            "its numerator \"a\" is a ratio that could not be computed: correct that one first",
            "分子「a」は計算できなかった比率の指標です。先にそちらを直してください",
        ),
    ] {
        assert!(kind.refuses());
        assert_eq!(kind.to_string(), en);
        assert_eq!(kind.message(Lang::Ja), ja);
    }
}
