//! Property tests of the plan file: for any sound plan, writing it and reading it back gives
//! the same plan, and writing is a fixed point (the canonical text is written back unchanged).
//!
//! The plans are random in every field the file holds: trees whose parents come earlier,
//! indicators of every kind with decimals of every scale (up to 28 digits after the point and
//! 96-bit mantissas), every form of period, milestone states, observations with status and
//! as-of dates, repeated periods, and strings with quotes, backslashes, line breaks and control
//! characters.
//!
//! `read_plan` reads a file in the canonical form with that form's own reader and anything
//! else with the TOML reader; on every text here, mangled ones included, its answer must be
//! the TOML reader's alone (`read_plan_with_toml`), errors and their places too.

// Test code: a panic, with its message, is how a test reports a failure.
#![allow(clippy::unwrap_used)]

use proptest::prelude::*;
use shinchoku_import::planfile::{read_plan, read_plan_with_toml, write_plan};
use shinchoku_testkit::arb::plan;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn writing_then_reading_gives_the_same_plan(p in plan()) {
        prop_assert!(p.check().is_empty(), "{:?}", p.check());
        let text = write_plan(&p);
        let back = read_plan(&text, "prop.toml");
        prop_assert!(back.is_ok(), "{}\n--- text ---\n{}", back.unwrap_err(), text);
        prop_assert_eq!(back.unwrap(), p, "{}", text);
    }

    #[test]
    fn canonical_text_is_a_fixed_point(p in plan()) {
        let text = write_plan(&p);
        let back = read_plan(&text, "prop.toml").unwrap();
        prop_assert_eq!(write_plan(&back), text);
    }

    #[test]
    fn reading_any_text_never_panics(text in any::<String>()) {
        prop_assert_eq!(read_plan(&text, "any.toml"), read_plan_with_toml(&text, "any.toml"));
    }

    /// A written plan with one stretch replaced by bits of TOML and of the form: the two
    /// readers agree, whether the result is still a sound file, another sound file, or none.
    #[test]
    fn both_readers_agree_on_edited_plan_files(
        p in plan(),
        cut in any::<usize>(),
        len in 0usize..6,
        junk in prop::sample::select(vec![
            "", "\n", " ", "\"", "\\", "\\u0041", "\\e", "#", "=", " = ", ", ", "{ ", " }", "[", "]",
            "0", "-0", "1.50", "+1", "1e3", "1_0", "true", "\"\"\"\n", "\t", "\r\n", "\n\n[[nodes]]\nid = \"x\"\ntitle = \"t\"\n",
            "FY2023 = 1, ", "\nunit = \"件\"", "\ncode = \"q\"", "2019-08-31", "\u{85}", "\u{7f}",
        ]),
    ) {
        let text = write_plan(&p);
        let mut at = cut % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mut end = (at + len).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let edited = format!("{}{junk}{}", &text[..at], &text[end..]);
        prop_assert_eq!(read_plan(&edited, "e.toml"), read_plan_with_toml(&edited, "e.toml"), "{}", edited);
    }

    #[test]
    fn reading_mangled_plan_files_never_panics(p in plan(), cut in any::<usize>(), junk in "[\"=\\[\\]{}\n0-9a-z.,-]{0,4}") {
        let text = write_plan(&p);
        let mut at = cut % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let mangled = format!("{}{junk}{}", &text[..at], &text[at..]);
        if let Err(errors) = read_plan(&mangled, "m.toml") {
            prop_assert!(!errors.is_empty());
            for e in &errors {
                prop_assert!(e.line.is_some() || e.key.is_some(), "{}", e);
            }
        }
    }
}
