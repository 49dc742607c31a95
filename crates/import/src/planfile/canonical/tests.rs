//! Tests of the canonical form's reader: it reads every file the writer writes (so the fast
//! path is the one taken), gives the TOML reader's plan, and declines, leaving the file to the
//! TOML reader, wherever the text leaves the form.

use proptest::prelude::*;

use super::super::{convert, read_plan, read_plan_with_toml, write_plan};
use super::{ends_run, parse};

const CANONICAL: &str = include_str!("../../../tests/fixtures/design-example.canonical.toml");
const YAMAGUCHI: &str = include_str!("../../../../../examples/yamaguchi-industry-2022.toml");

/// The plan the canonical reader gives, which must be the TOML reader's.
#[track_caller]
fn fast(text: &str) -> shinchoku_core::plan::Plan {
    let Some(de) = parse(text) else {
        panic!("the canonical reader declined:\n{text}");
    };
    let plan = convert(text, "t.toml", de).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(Ok(&plan), read_plan_with_toml(text, "t.toml").as_ref());
    plan
}

#[test]
fn the_design_example_in_canonical_form_is_read_by_the_fast_path() {
    let plan = fast(CANONICAL);
    assert_eq!(write_plan(&plan), CANONICAL);
}

#[test]
fn a_plan_the_writer_wrote_is_read_by_the_fast_path() {
    let Ok(p) = read_plan_with_toml(YAMAGUCHI, "y.toml") else {
        panic!("the example does not read");
    };
    let text = write_plan(&p);
    assert_eq!(fast(&text), p);
}

#[test]
fn sections_without_blank_lines_between_them_are_still_the_form() {
    let text = CANONICAL.replace("\n\n[", "\n[");
    assert_eq!(fast(&text), fast(CANONICAL));
}

/// Texts that are sound TOML and sound plan files, but not as the writer lays them out: the
/// fast path declines each, and the TOML reader reads it as before.
#[test]
fn whatever_leaves_the_form_is_left_to_the_toml_reader() {
    let base = "[plan]\ncode = \"p\"\ntitle = \"計画\"\n\n[[indicators]]\nid = \"i1\"\nname = \"件数\"\nkind = \"level\"\nobservations = { FY2022 = 3, FY2023 = 4.5 }\n";
    assert!(parse(base).is_some());
    let variants = [
        // A comment, another spacing, a line break of Windows, a tab.
        base.replace("title = \"計画\"", "title = \"計画\" # 題名"),
        base.replace("code = \"p\"", "code=\"p\""),
        base.replace("{ FY2022 = 3, ", "{FY2022 = 3, "),
        base.replace('\n', "\r\n"),
        base.replace("計画", "計\t画"),
        // TOML's other spellings: a literal string, a quoted key, a dotted key, numbers with
        // `+`, `_` or an exponent, an escape the writer never writes.
        base.replace("\"計画\"", "'計画'"),
        base.replace("title =", "\"title\" ="),
        base.replace("observations = { FY2022 = 3, FY2023 = 4.5 }", "observations.FY2022 = 3"),
        base.replace("= 3,", "= +3,"),
        base.replace("= 3,", "= 3_0,"),
        base.replace("= 4.5 }", "= 45e-1 }"),
        base.replace("計画", "\\U00008A08画"),
        // A multi-line string that ends in quotes, or joins lines with a backslash.
        base.replace("\"計画\"", "\"\"\"\n計画\"\"\"\""),
        base.replace("\"計画\"", "\"\"\"\n計\\\n画\"\"\""),
        // The inline form of a grading scheme.
        base.replace(
            "title = \"計画\"\n",
            "title = \"計画\"\ngrading = { name = \"g\", grades = [{ label = \"A\", name = \"達成\", rule = \"met\" }] }\n",
        ),
    ];
    for text in &variants {
        assert!(parse(text).is_none(), "read as canonical:\n{text}");
        assert!(read_plan(text, "t.toml").is_ok(), "{text}");
    }
}

/// Texts the TOML reader refuses: the fast path declines them, so the error comes from there.
#[test]
fn a_file_toml_refuses_is_declined() {
    let base = "[plan]\ncode = \"p\"\ntitle = \"計画\"\n";
    let variants = [
        format!("{base}title = \"again\"\n"),
        format!("{base}colour = \"red\"\n"),
        base.replace("title = \"計画\"\n", ""),
        format!("{base}period = 2019-08-31\n"),
        format!("{base}fiscal_year_start_month = 04\n"),
        format!("{base}fiscal_year_start_month = 99999999999999999999\n"),
        format!("{base}\n[plan]\ncode = \"q\"\ntitle = \"t\"\n"),
        format!("{base}grading = \"final\"\n\n[plan.grading]\nname = \"g\"\ngrades = []\n"),
        format!("{base}\n[[indicators]]\nid = \"i\"\nname = \"n\"\nkind = \"level\"\nobservations = {{ FY2022 = 1, FY2022 = 2 }}\n"),
        base.replace("計画", "計\\u0000画\\uD800"),
    ];
    for text in &variants {
        assert!(parse(text).is_none(), "read as canonical:\n{text}");
        assert_eq!(
            read_plan(text, "t.toml"),
            read_plan_with_toml(text, "t.toml")
        );
    }
}

/// A byte order mark is taken off once, by both paths, and the TOML reader sees the rest
/// (found by the `planfile` fuzz target, where the fast path's fallback took off two, and an
/// error's column moved by one).
#[test]
fn a_second_byte_order_mark_is_left_to_the_toml_reader_on_both_paths() {
    let broken = "\u{feff}\u{feff}\0\0";
    let read = read_plan(broken, "t.toml");
    assert!(read.is_err());
    assert_eq!(read, read_plan_with_toml(broken, "t.toml"));
    let sound = "\u{feff}\u{feff}[plan]\ncode = \"p\"\ntitle = \"t\"\n";
    assert!(parse(sound.trim_start_matches('\u{feff}')).is_some());
    assert_eq!(
        read_plan(sound, "t.toml"),
        read_plan_with_toml(sound, "t.toml")
    );
}

/// A file in the form whose values are wrong: the fast path reads it, the conversion finds
/// the problem, and `read_plan` answers with the TOML path's errors and places.
#[test]
fn a_canonical_file_with_a_wrong_value_gets_the_toml_paths_errors() {
    let text = "[plan]\ncode = \"p\"\ntitle = \"計画\"\n\n[[indicators]]\nid = \"i1\"\nname = \"件数\"\nkind = \"levle\"\nobservations = { FY2022 = 3, 2023 = 4 }\n";
    assert!(parse(text).is_some());
    let errors = read_plan(text, "t.toml");
    assert!(errors.is_err());
    assert_eq!(errors, read_plan_with_toml(text, "t.toml"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Every part of the form is covered: whatever random plan the writer writes, the fast
    /// path reads, into the plan written.
    #[test]
    fn every_written_plan_is_read_by_the_fast_path(p in shinchoku_testkit::arb::plan()) {
        let text = write_plan(&p);
        let de = parse(&text);
        prop_assert!(de.is_some(), "declined:\n{}", text);
        let back = de.map(|de| convert(&text, "p.toml", de));
        prop_assert_eq!(back, Some(Ok(p)), "{}", text);
    }
}

/// The rule on characters that the byte scan of `string_at` stands for: a quote, a
/// backslash, or a control character other than C1's and, in a multi-line string, the line
/// break.
#[test]
fn a_byte_ends_a_run_where_its_character_does() {
    for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
        let mut buf = [0; 4];
        let bytes = c.encode_utf8(&mut buf).as_bytes();
        for multi in [false, true] {
            let by_char = matches!(c, '"' | '\\')
                || (c.is_control() && !(multi && c == '\n') && !('\u{80}'..='\u{9f}').contains(&c));
            let by_bytes = bytes.iter().any(|&b| ends_run(b, multi));
            assert_eq!(by_bytes, by_char, "{c:?}, multi: {multi}");
        }
    }
}
