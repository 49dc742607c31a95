//! Property tests of the plan file's fast path for plain numbers: it gives exactly the
//! decimal the general reading gives (the same mantissa, scale and sign), and it takes the
//! common numbers of a plan file.

use proptest::prelude::*;

use super::{decimal_from_any_text, plain_decimal};

/// The decimal's exact representation: two decimals equal in value but not in scale differ.
fn bits(d: shinchoku_core::Decimal) -> [u8; 16] {
    d.serialize()
}

/// The digits of `-?[0-9]+(\.[0-9]+)?` less the leading zeros and the fraction's trailing ones.
fn significant_digits(s: &str) -> usize {
    let s = s.trim_start_matches('-');
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    int.trim_start_matches('0').len() + frac.trim_end_matches('0').len()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn a_plain_number_reads_as_the_general_reading_does(
        s in "-?0{0,3}[0-9]{1,12}(\\.[0-9]{1,10}0{0,3})?",
        toml_float in any::<bool>(),
    ) {
        let general = decimal_from_any_text(&s, toml_float);
        match plain_decimal(&s) {
            Some(fast) => {
                let general = general.map(bits);
                prop_assert_eq!(Some(bits(fast)), general, "{}", s);
            }
            // Only zero (whose sign the general path decides) and long numbers are left to it.
            None => prop_assert!(
                general.is_some_and(|d| d.is_zero()) || significant_digits(&s) > 18,
                "{}",
                s
            ),
        }
    }

    #[test]
    fn long_numbers_agree_or_go_the_general_way(
        s in "-?[0-9]{1,30}(\\.[0-9]{1,30})?",
    ) {
        if let Some(fast) = plain_decimal(&s) {
            let general = decimal_from_any_text(&s, false).map(bits);
            prop_assert_eq!(Some(bits(fast)), general, "{}", s);
        }
    }

    #[test]
    fn any_text_the_fast_path_takes_reads_the_same_in_general(s in "\\PC{0,12}") {
        if let Some(fast) = plain_decimal(&s) {
            for toml_float in [false, true] {
                let general = decimal_from_any_text(&s, toml_float).map(bits);
                prop_assert_eq!(Some(bits(fast)), general, "{}", s);
            }
        }
    }
}

#[test]
fn the_fast_path_takes_what_plan_files_hold() {
    for s in [
        "19.3",
        "41239.4",
        "-0.5",
        "7.50",
        "007",
        "934",
        "123456789012345678",
    ] {
        assert_eq!(
            plain_decimal(s).map(bits),
            decimal_from_any_text(s, true).map(bits),
            "{s}"
        );
        assert!(plain_decimal(s).is_some(), "{s}");
    }
    for s in [
        "0",
        "-0",
        "0.00",
        "1e5",
        "1_000",
        "+1",
        ".5",
        "5.",
        "1234567890123456789",
        "",
        "-",
    ] {
        assert_eq!(plain_decimal(s), None, "{s}");
    }
}
