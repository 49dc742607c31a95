//! The answer key's comparison rules (its "about"), shared by the seed documents' test
//! (`crates/import/tests/answer_key.rs`) and the general shapes' test
//! (`crates/import/tests/general_shapes.rs`): names compared after NFKC with whitespace,
//! `*`/`※` marks, `【再掲】` and a trailing `(累計)` removed; a name containing the expected
//! one matches too, but never one that starts with a list label. The NFKC is
//! `unicode-normalization`'s own, independent of the code under test.

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// The key's name comparison form.
pub fn norm(s: &str) -> String {
    let s: String = s.nfkc().filter(|c| !c.is_whitespace()).collect();
    let s = s.replace("【再掲】", "");
    let mut out = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '*' || c == '※' {
            while chars.peek().is_some_and(|d| d.is_ascii_digit()) {
                chars.next();
            }
        } else {
            out.push(c);
        }
    }
    out.strip_suffix("(累計)").map(str::to_owned).unwrap_or(out)
}

/// True when a name still starts with a list label (`①`, `(1)`, `1.`).
pub fn starts_with_label(name: &str) -> bool {
    let first = name.chars().next().unwrap_or(' ');
    ('\u{2460}'..='\u{24FF}').contains(&first)
        || name.starts_with('(') && name[1..].starts_with(|c: char| c.is_ascii_digit())
        || name
            .split_once('.')
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// An extracted name matches the expected one.
pub fn name_matches(got: &str, want: &str) -> bool {
    let (g, w) = (norm(got), norm(want));
    !starts_with_label(&g) && (g == w || g.contains(&w))
}

/// Two JSON numbers are equal (or both null).
pub fn same_number(got: &Value, want: &Value) -> bool {
    match (got.as_f64(), want.as_f64()) {
        (Some(a), Some(b)) => (a - b).abs() < 1e-9,
        (None, None) => got.is_null() && want.is_null(),
        _ => false,
    }
}

/// Two units are equal after NFKC, ignoring case (`Km` = `km`).
pub fn unit_eq(got: &Value, want: &Value) -> bool {
    let f = |v: &Value| {
        v.as_str()
            .unwrap_or_default()
            .nfkc()
            .collect::<String>()
            .to_lowercase()
    };
    f(got) == f(want)
}
