//! Properties of the quantity parser: it never panics, it reads back what the display
//! functions print, and unit conversion within a family is exact in both directions.

use proptest::prelude::*;
use shinchoku_core::quantity::{
    format_decimal, format_grouped, parse_quantity, write_decimal, Unit, KNOWN_UNITS,
};
use shinchoku_core::Decimal;

/// Pieces value cells are made of, in ASCII and full-width forms.
const VOCABULARY: &[&str] = &[
    "0", "1", "5", "9", "０", "１", "９", ",", "，", ".", "．", "%", "％", "件", "万", "億", "兆",
    "千", "百", "円", "人", "以上", "以下", "/", "／", "年", "(", ")", "（", "）", "～", "〜", "—",
    "-", "－", "―", "ー", "△", "▲", "+", " ", "\u{3000}", "累計", "単年", "年間", "約", "なし",
    "2022", "2026", "Km", "≧", "※", "*",
];

/// Decimals with up to 12 integer digits and 4 decimals, of either sign.
fn decimals() -> impl Strategy<Value = Decimal> {
    (-9_999_999_999_999_999i64..=9_999_999_999_999_999, 0u32..=4)
        .prop_map(|(m, scale)| Decimal::new(m, scale))
}

proptest! {
    #[test]
    fn parse_never_panics_on_any_text(text in "\\PC*") {
        let _ = parse_quantity(&text);
    }

    #[test]
    fn parse_never_panics_on_value_cell_vocabulary(
        pieces in prop::collection::vec(prop::sample::select(VOCABULARY), 0..12)
    ) {
        let _ = parse_quantity(&pieces.concat());
    }

    #[test]
    fn grouped_value_with_known_unit_reads_back(
        d in decimals(),
        unit in prop::sample::select(KNOWN_UNITS),
        space in any::<bool>(),
    ) {
        let text = format!("{}{}{}", format_grouped(d), if space { " " } else { "" }, unit);
        let q = parse_quantity(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(q.value, Some(d), "{}", text);
        prop_assert_eq!(q.unit.as_str(), unit, "{}", text);
    }

    /// Any decimal at all (96-bit integer, either sign, scale 0-28) prints as `Decimal`'s
    /// own text without trailing zeros.
    #[test]
    fn decimals_print_as_their_own_text_without_trailing_zeros(
        lo in any::<u32>(), mid in any::<u32>(), hi in any::<u32>(),
        negative in any::<bool>(), scale in 0u32..=28, small in any::<bool>(),
    ) {
        let d = if small {
            Decimal::from_parts(lo, 0, 0, negative, scale)
        } else {
            Decimal::from_parts(lo, mid, hi, negative, scale)
        };
        let mut s = String::from("x");
        write_decimal(&mut s, d);
        prop_assert_eq!(&s[1..], d.normalize().to_string());
        prop_assert_eq!(format_decimal(d), d.normalize().to_string());
    }

    #[test]
    fn plain_decimal_reads_back(d in decimals()) {
        let q = parse_quantity(&format_decimal(d)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(q.value, Some(d));
    }

    #[test]
    fn man_yen_and_oku_yen_convert_exactly_both_ways(d in decimals()) {
        let man = Unit::new("万円");
        let oku = Unit::new("億円");
        let there = Unit::convert(d, &man, &oku);
        prop_assert!(there.is_some());
        let back = there.and_then(|o| Unit::convert(o, &oku, &man));
        prop_assert_eq!(back, Some(d));
        let up = Unit::convert(d, &oku, &man);
        prop_assert_eq!(up.and_then(|m| Unit::convert(m, &man, &oku)), Some(d));
    }
}
