//! Decimals as JSON numbers, digit for digit: the one way shinchoku writes a number into JSON
//! — the extraction JSON of this crate, and the evaluation JSON and listings of the command
//! line, which call [`number`].
//!
//! A decimal is printed with its own digits, normalised: `78` (never `78.0`), `0.624` (never
//! `0.6240`), `0.0714285714285714285714285714` and `12345678901234567890123` in full. Never
//! through `f64`, which keeps 15 to 17 significant digits and turns integers past 2^53 into
//! approximations (`1.2345678901234568e22`).
//!
//! This rests on serde_json's `arbitrary_precision` feature, turned on for the whole
//! workspace in the root `Cargo.toml`: with it a `serde_json::Number` holds the digits as text
//! and serde_json's serializers write them as they are. A number read from JSON keeps its text
//! too, so two `Value`s are equal only when their digits are (`28` ≠ `28.0`, as before, and now
//! also `0.10` ≠ `0.1`); compare parsed numbers with `as_f64` or as decimals.
//!
//! The home is this crate because core derives no serialization (its types stay
//! format-free) and `shinchoku-import` is the lowest crate that writes JSON: the command line
//! (and later the web and the reports) stand on it, and the store writes no numbers as JSON.

use serde::{Serialize, Serializer};
use serde_json::{Number, Value};
use shinchoku_core::Decimal;

/// The JSON number of a decimal, with all its digits and no trailing zeros.
pub fn number(d: Decimal) -> Value {
    let text = digits(d);
    match text.parse::<Number>() {
        Ok(n) => Value::Number(n),
        // Never taken: a decimal's text is JSON's number grammar (`-?(0|[1-9][0-9]*)(\.[0-9]+)?`,
        // a property test checks it). Should it ever not be, the digits are kept, as a string.
        Err(_) => Value::String(text),
    }
}

/// A decimal that serialises as [`number`] does, for `#[derive(Serialize)]` types.
///
/// Meant for serde_json's serializers, which write the number's digits; another format would
/// see the private structure serde_json uses to carry them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JsonDecimal(pub Decimal);

impl Serialize for JsonDecimal {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text = digits(self.0);
        match text.parse::<Number>() {
            Ok(n) => n.serialize(s),
            Err(_) => s.serialize_str(&text),
        }
    }
}

/// The decimal's digits, trailing zeros dropped (`-0` is `0`).
fn digits(d: Decimal) -> String {
    d.normalize().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_default()
    }

    #[test]
    fn decimals_print_their_own_digits() {
        let cases = [
            ("78", "78"),
            ("78.00", "78"),
            ("0.624", "0.624"),
            ("0.6240", "0.624"),
            ("1.04", "1.04"),
            ("23.5", "23.5"),
            ("-1.50", "-1.5"),
            ("-0.000", "0"),
            (
                "0.0714285714285714285714285714",
                "0.0714285714285714285714285714",
            ),
            ("12345678901234567890123", "12345678901234567890123"),
            (
                "79228162514264337593543950335",
                "79228162514264337593543950335",
            ),
            (
                "-79228162514264337593543950335",
                "-79228162514264337593543950335",
            ),
            (
                "0.0000000000000000000000000001",
                "0.0000000000000000000000000001",
            ),
        ];
        for (input, want) in cases {
            let v = number(dec(input));
            assert!(v.is_number(), "{input}: {v:?}");
            assert_eq!(v.to_string(), want, "{input}");
            assert_eq!(
                serde_json::to_string(&JsonDecimal(dec(input)))
                    .ok()
                    .as_deref(),
                Some(want),
                "{input}"
            );
        }
    }

    #[test]
    fn the_quotient_of_a_repeating_fraction_keeps_every_digit() {
        let d = Decimal::ONE / Decimal::from(14);
        assert_eq!(number(d).to_string(), "0.0714285714285714285714285714");
    }

    proptest! {
        /// Every decimal is a JSON number whose text reads back as the same decimal.
        #[test]
        fn every_decimal_is_a_json_number_of_the_same_value(
            lo in any::<u32>(), mid in any::<u32>(), hi in any::<u32>(),
            negative in any::<bool>(), scale in 0u32..=28,
        ) {
            let d = Decimal::from_parts(lo, mid, hi, negative, scale);
            let v = number(d);
            prop_assert!(v.is_number(), "{d}: {v:?}");
            let text = v.to_string();
            prop_assert_eq!(Decimal::from_str(&text).ok(), Some(d), "{}", text);
            let parsed: Value = serde_json::from_str(&text).map_err(|e| {
                TestCaseError::fail(format!("{text}: {e}"))
            })?;
            prop_assert_eq!(parsed, v);
        }
    }
}
