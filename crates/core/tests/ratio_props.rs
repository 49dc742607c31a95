//! Properties of the exact fractions (`shinchoku_core::ratio::Ratio`) that evaluation grades
//! by: their order is the order of the rationals they stand for, and the decimal shown is the
//! one `Decimal`'s own division gives, whether the fraction's integers fit in 96 bits (where
//! that division is used) or not (where the fraction's own long division is).

mod common;

use common::any_decimal;
use proptest::prelude::*;
use proptest::test_runner::Config;
use shinchoku_core::ratio::{Ratio, RatioError};
use shinchoku_core::Decimal;

fn config() -> Config {
    Config {
        cases: 2048,
        failure_persistence: None,
        ..Config::default()
    }
}

/// A small decimal as an i128 fraction: mantissa over 10^scale.
fn small() -> impl Strategy<Value = (i128, u32)> {
    (-1_000_000i128..=1_000_000, 0u32..=4)
}

fn dec((m, s): (i128, u32)) -> Decimal {
    Decimal::from_i128_with_scale(m, s)
}

proptest! {
    #![proptest_config(config())]

    /// A decimal's fraction orders as the decimal does.
    #[test]
    fn decimals_order_as_their_fractions(a in any_decimal(), b in any_decimal()) {
        prop_assert_eq!(Ratio::from(a).cmp(&Ratio::from(b)), a.cmp(&b));
    }

    /// a / b shown is `Decimal`'s a / b, for any two decimals: the quotient to as many
    /// decimals as fit, ties to even, or overflow where `Decimal` overflows.
    #[test]
    fn a_quotient_is_shown_as_decimal_divides(a in any_decimal(), b in any_decimal()) {
        let r = Ratio::of(a, b);
        if b.is_zero() {
            prop_assert_eq!(r, Err(RatioError::DivisionByZero));
        } else {
            let shown = r.and_then(|r| r.to_decimal()).ok();
            prop_assert_eq!(shown, a.checked_div(b), "{} / {}", a, b);
        }
    }

    /// A zero written with 28 decimals changes no fraction, though it takes every value to
    /// scale 28 and so, for most, past 128 bits: (a − 0) / (c − 0) is a / c, compared and shown
    /// alike.
    #[test]
    fn wide_and_narrow_paths_agree(a in any_decimal(), c in any_decimal(), t in any_decimal()) {
        let zero = Decimal::new(0, 28);
        let (wide, narrow) = (Ratio::of_gains(a, zero, c), Ratio::of(a, c));
        prop_assert_eq!(wide, narrow);
        if let (Ok(w), Ok(n)) = (wide, narrow) {
            prop_assert_eq!(w.cmp(&Ratio::from(t)), n.cmp(&Ratio::from(t)));
            prop_assert_eq!(w.to_decimal(), n.to_decimal());
        }
    }

    /// (a − b) / (c − b), compared with a threshold, decides as the i128 rationals do.
    #[test]
    fn gains_compare_as_rationals(
        a in small(),
        b in small(),
        c in small(),
        threshold in small(),
    ) {
        // Everything at scale 4, then (a − b) / (c − b) against t.
        let at4 = |(m, s): (i128, u32)| m * 10i128.pow(4 - s);
        let (num, den) = (at4(a) - at4(b), at4(c) - at4(b));
        let r = Ratio::of_gains(dec(a), dec(b), dec(c));
        if den == 0 {
            prop_assert_eq!(r, Err(RatioError::DivisionByZero));
            return Ok(());
        }
        let r = r.map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
        let t = at4(threshold);
        // num / den against t / 10^4, with den's sign taken out.
        let (num, den) = if den < 0 { (-num, -den) } else { (num, den) };
        let expected = (num * 10_000).cmp(&(t * den));
        prop_assert_eq!(r.cmp(&Ratio::from(dec(threshold))), expected);
    }

    /// A fraction divided by another is their exact quotient: (a/b) / (c/d) = (a·d) / (b·c).
    #[test]
    fn a_fraction_of_fractions_is_exact(
        a in small(), b in small(), c in small(), d in small(),
    ) {
        let (Ok(x), Ok(y)) = (Ratio::of(dec(a), dec(b)), Ratio::of(dec(c), dec(d))) else {
            return Ok(());
        };
        let Ok(q) = x.checked_div(y) else {
            prop_assert!(y.is_zero());
            return Ok(());
        };
        // Compare with the product of the decimals, which is exact at these sizes.
        let (ad, bc) = (dec(a) * dec(d), dec(b) * dec(c));
        prop_assert_eq!(Ok(q), Ratio::of(ad, bc));
    }
}
