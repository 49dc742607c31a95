//! Properties of ratio indicators (`shinchoku_core::derived`): a value is the exact fraction
//! numerator × factor / denominator rounded once, halves away from zero, to ten decimals; a
//! zero denominator never gives one; no decimals make it panic; and resolving any web of
//! ratio definitions — unknown ids, circles, ratios of ratios — ends, with every ratio it
//! computes equal to the ratio of its operands' final values.

mod common;

use common::any_decimal;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config;
use shinchoku_core::derived::{
    ratio_observations, ratio_value, resolve_ratios, RatioSpec, RATIO_DECIMALS,
};
use shinchoku_core::indicator::{Indicator, Observation, ObservationStatus, ObservedValue};
use shinchoku_core::period::Period;
use shinchoku_core::plan::{Plan, PlanCode, PlanIndicator};
use shinchoku_core::Decimal;

fn config() -> Config {
    Config {
        cases: 2048,
        failure_persistence: None,
        ..Config::default()
    }
}

/// A decimal as plans print them, as its mantissa and scale.
fn small() -> impl Strategy<Value = (i128, u32)> {
    (-1_000_000i128..=1_000_000, 0u32..=4)
}

fn dec((m, s): (i128, u32)) -> Decimal {
    Decimal::from_i128_with_scale(m, s)
}

/// A denominator: as plans print them, or a power of two or five, whose quotients end in a
/// 5 just past the tenth decimal often enough to test the halves.
fn denominator() -> impl Strategy<Value = (i128, u32)> {
    prop_oneof![
        small(),
        (
            select(vec![
                2i128, 4, 8, 16, 32, 64, 128, 256, 5, 25, 125, 625, 3125
            ]),
            any::<bool>(),
            0u32..=4,
        )
            .prop_map(|(m, neg, s)| (if neg { -m } else { m }, s)),
    ]
}

/// n / d rounded to the nearest integer, halves away from zero, in i128.
fn div_half_away(n: i128, d: i128) -> i128 {
    let (q, r) = (n / d, n % d);
    if 2 * r.abs() >= d.abs() {
        q + if (n < 0) == (d < 0) { 1 } else { -1 }
    } else {
        q
    }
}

fn fy(y: i32) -> Period {
    Period::FiscalYear(y)
}

proptest! {
    #![proptest_config(config())]

    /// For values as plans print them, a ratio is the exact n·f/d rounded once to ten
    /// decimals, halves away from zero — computed here in i128 with no decimal at all.
    #[test]
    fn a_ratio_is_the_exact_fraction_rounded_half_away(n in small(), d in denominator(), f in small()) {
        let got = ratio_value(dec(n), dec(d), dec(f));
        if d.0 == 0 {
            prop_assert_eq!(got, None);
            return Ok(());
        }
        // (n.0/10^n.1)·(f.0/10^f.1) / (d.0/10^d.1), times 10^10.
        let num = n.0 * f.0 * 10i128.pow(d.1) * 10i128.pow(RATIO_DECIMALS);
        let den = d.0 * 10i128.pow(n.1 + f.1);
        let expected = Decimal::from_i128_with_scale(div_half_away(num, den), RATIO_DECIMALS);
        prop_assert_eq!(got, Some(expected), "{} × {} / {}", dec(n), dec(f), dec(d));
    }

    /// The ratio of x·k over x is k·factor, for any nonzero x.
    #[test]
    fn a_multiple_over_its_base_is_the_multiplier_times_the_factor(
        x in small(), k in small(), f in small(),
    ) {
        prop_assume!(x.0 != 0);
        let (x, k, f) = (dec(x), dec(k), dec(f));
        // At most 15 significant digits each way: exact in Decimal.
        let got = ratio_value(x * k, x, f);
        let expected = (k * f).round_dp_with_strategy(
            RATIO_DECIMALS,
            rust_decimal::RoundingStrategy::MidpointAwayFromZero,
        );
        prop_assert_eq!(got, Some(expected));
    }

    /// No decimals make a ratio panic; a value, when there is one, has at most ten decimals,
    /// and a zero denominator (of any scale) never gives one.
    #[test]
    fn ratios_never_panic_and_keep_ten_decimals(
        n in any_decimal(), d in any_decimal(), f in any_decimal(),
    ) {
        if let Some(v) = ratio_value(n, d, f) {
            prop_assert!(!d.is_zero());
            prop_assert!(v.scale() <= RATIO_DECIMALS, "{}", v);
        }
        let zero = Decimal::new(0, d.scale());
        prop_assert_eq!(ratio_value(n, zero, f), None);
    }

    /// A series never has a ratio for a period whose denominator is zero, has each period of
    /// the numerator at most once and in its order, and takes the weaker status.
    #[test]
    fn a_series_follows_its_numerator_and_skips_zero_denominators(
        rows in prop::collection::vec(
            (2020i32..2030, any_decimal(), any_decimal(), 0usize..3, 0usize..3, any::<bool>()),
            0..12,
        ),
        f in any_decimal(),
    ) {
        let statuses = [
            ObservationStatus::Final,
            ObservationStatus::Provisional,
            ObservationStatus::Estimate,
        ];
        let mut numerator = Vec::new();
        let mut denominator = Vec::new();
        for &(y, n, d, sn, sd, zero) in &rows {
            let d = if zero { Decimal::ZERO } else { d };
            numerator.push(Observation { status: statuses[sn], ..Observation::number(fy(y), n) });
            denominator.push(Observation { status: statuses[sd], ..Observation::number(fy(y), d) });
        }
        let got = ratio_observations(&numerator, &denominator, f);
        let mut last = 0;
        for o in &got {
            let first_n = numerator.iter().position(|x| x.period == o.period).unwrap();
            prop_assert!(first_n >= last, "in the numerator's order");
            last = first_n;
            let d = denominator.iter().find(|x| x.period == o.period).unwrap();
            prop_assert!(!d.as_number().unwrap().is_zero());
            let n = &numerator[first_n];
            let rank = |s| statuses.iter().position(|&t| t == s).unwrap();
            prop_assert_eq!(rank(o.status), rank(n.status).max(rank(d.status)));
            prop_assert_eq!(
                o.as_number(),
                ratio_value(n.as_number().unwrap(), d.as_number().unwrap(), f)
            );
        }
        let mut periods: Vec<Period> = got.iter().map(|o| o.period).collect();
        periods.dedup();
        prop_assert_eq!(periods.len(), got.len());
    }

    /// Any web of definitions over six indicators and two unknown ids — circles, ratios of
    /// ratios, repeats, bad factors — is resolved without looping, and every ratio not
    /// refused holds the ratio of its operands' values as they end.
    #[test]
    fn any_web_of_ratios_resolves_and_each_computed_ratio_is_its_operands_ratio(
        values in prop::collection::vec(
            prop::collection::vec((2020i32..2024, -50i64..50), 0..4),
            6,
        ),
        defs in prop::collection::vec(
            (0usize..8, 0usize..8, 0usize..8, select(vec![-1i64, 0, 1, 100, 100_000])),
            0..10,
        ),
    ) {
        let ids = ["a", "b", "c", "d", "e", "f", "x", "y"];
        let mut plan = Plan::new(PlanCode::new("p").unwrap(), "p");
        for (id, vs) in ids.iter().zip(&values) {
            plan.indicators.push(PlanIndicator {
                indicator: Indicator { id: (*id).to_owned(), ..Indicator::default() },
                observations: vs
                    .iter()
                    .map(|&(y, v)| Observation::number(fy(y), Decimal::from(v)))
                    .collect(),
                ..PlanIndicator::default()
            });
        }
        let specs: Vec<(String, RatioSpec)> = defs
            .iter()
            .map(|&(r, n, d, f)| {
                (
                    ids[r].to_owned(),
                    RatioSpec {
                        numerator: ids[n].to_owned(),
                        denominator: ids[d].to_owned(),
                        factor: Decimal::from(f),
                    },
                )
            })
            .collect();
        let problems = resolve_ratios(&mut plan, &specs);
        for (i, (id, spec)) in specs.iter().enumerate() {
            if specs.iter().position(|(other, _)| other == id) != Some(i) {
                continue;
            }
            if problems.iter().any(|p| &p.ratio == id && p.kind.refuses()) {
                continue;
            }
            let of = |id: &str| plan.indicator(id).unwrap().observations.clone();
            let expected = ratio_observations(&of(&spec.numerator), &of(&spec.denominator), spec.factor);
            let held = of(id);
            for o in &expected {
                prop_assert!(held.contains(o), "{} misses {:?}: {:?}", id, o, held);
            }
            // Every other value held is one typed for a period not computed.
            for o in &held {
                prop_assert!(
                    expected.contains(o) || !expected.iter().any(|e| e.period == o.period),
                    "{} holds {:?}", id, o
                );
                prop_assert!(matches!(o.value, ObservedValue::Number(_)));
            }
        }
    }
}
