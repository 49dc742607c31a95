//! Properties of `shinchoku_core::text`: its shortcuts (a test by character ranges, full-width
//! ASCII folded before NFKC) give exactly what NFKC with the list labels kept gives, on text
//! mixed from every form the documents print, combining marks and labels included.

use proptest::prelude::*;
use shinchoku_core::text::{fold_name, fold_text, is_space, normalize};
use unicode_normalization::UnicodeNormalization;

/// Pieces of text in the forms that meet in converted documents: full-width and half-width,
/// compatibility characters, combining sound marks, list labels, spaces of every kind.
const PIECES: &[&str] = &[
    "中小企業",
    "の",
    "導入率",
    "ガ",
    "カ",
    "\u{3099}",
    "\u{309A}",
    "ﾃﾚﾜｰｸ",
    "ｶﾞ",
    "ﾞ",
    "ｰ",
    "ー",
    "・",
    "･",
    "ＩｏＴ",
    "IoT",
    "Ａ",
    "\u{301}",
    "e",
    "１５",
    "15",
    "（",
    "）",
    "(累計)",
    "％",
    "%",
    "㎞",
    "²",
    "①",
    "⑴",
    "⒈",
    "Ⅱ",
    "㈱",
    "㊱",
    "※1",
    "*",
    " ",
    "\u{3000}",
    "\t",
    "\u{200B}",
    "\u{FEFF}",
    "\u{A0}",
    "、",
    "。",
    "「",
    "」",
    "【",
    "】",
    "々",
    "〇",
    "ゞ",
    "ヴ",
    "ｳﾞ",
    "゛",
];

fn mixed() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..16).prop_map(|p| p.concat())
}

/// NFKC on the runs between list labels, which stay as printed: the definition.
fn reference(s: &str) -> String {
    let label = |c: char| {
        matches!(c,
            '\u{2160}'..='\u{218F}'
            | '\u{2460}'..='\u{24FF}'
            | '\u{2776}'..='\u{2793}'
            | '\u{3220}'..='\u{3243}'
            | '\u{3251}'..='\u{325F}'
            | '\u{3280}'..='\u{32BF}'
        )
    };
    let mut out = String::new();
    let mut run = String::new();
    for c in s.chars() {
        if label(c) {
            out.extend(run.nfkc());
            run.clear();
            out.push(c);
        } else {
            run.push(c);
        }
    }
    out.extend(run.nfkc());
    out
}

proptest! {
    #[test]
    fn normalize_is_nfkc_with_the_labels_kept(s in mixed()) {
        prop_assert_eq!(normalize(&s), reference(&s));
    }

    #[test]
    fn a_folded_name_is_the_normalised_name_without_spaces(s in mixed()) {
        let expected: String = reference(&s).chars().filter(|c| !is_space(*c)).collect();
        prop_assert_eq!(fold_name(&s), expected);
    }

    #[test]
    fn a_folded_text_has_single_spaces_only_between_words(s in mixed()) {
        let t = fold_text(&s);
        prop_assert!(!t.starts_with(' ') && !t.ends_with(' ') && !t.contains("  "));
        prop_assert!(!t.chars().any(|c| is_space(c) && c != ' '));
        let name: String = t.chars().filter(|c| *c != ' ').collect();
        prop_assert_eq!(name, fold_name(&s));
    }
}
