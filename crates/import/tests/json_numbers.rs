//! The extraction JSON prints a document's numbers with every digit it wrote (issue 14,
//! item 3): a decimal with more digits than an `f64` keeps (a rate a spreadsheet printed in
//! full, here 1/14) and an integer past `i64` (an amount in 円) come out as written, compared as
//! text, digit for digit.

#![allow(clippy::unwrap_used)]

use shinchoku_import::extract::extract_text;

const DOCUMENT: &str = "数値目標\n\
\n\
指標名\t現状\t目標\n\
県内総生産\t12,345,678,901,234,567,890円 (令和2年度)\t12,345,678,901,234,567,891円 (令和6年度)\n\
再生率\t0.0714285714285714285714285714% (令和2年度)\t0.5% (令和6年度)\n";

#[test]
fn an_extraction_prints_a_repeating_decimal_and_a_large_integer_digit_for_digit() {
    let ex = extract_text(DOCUMENT, "numbers.txt", "UTF-8");
    let text = serde_json::to_string(&ex).unwrap();
    for want in [
        r#""baseline":{"value":12345678901234567890,"period":"FY2020""#,
        r#""target":{"value":12345678901234567891,"period":"FY2024""#,
        r#""baseline":{"value":0.0714285714285714285714285714,"period":"FY2020""#,
        r#""target":{"value":0.5,"period":"FY2024""#,
    ] {
        assert!(text.contains(want), "{want} not in {text}");
    }
    // Through a `serde_json::Value` (what the command line builds) the digits stay too.
    let v = serde_json::to_value(&ex).unwrap();
    assert_eq!(
        v["indicators"][0]["baseline"]["value"].to_string(),
        "12345678901234567890"
    );
    assert_eq!(
        v["indicators"][1]["baseline"]["value"].to_string(),
        "0.0714285714285714285714285714"
    );
}
