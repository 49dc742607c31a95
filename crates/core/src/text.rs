//! Text as shinchoku compares it: the one home of width folding, spaces, and the forms names
//! and titles are compared in.
//!
//! Japanese documents print the same text in several ways: full-width and half-width letters
//! and digits (`ＩｏＴ` / `IoT`), ideographic and ASCII spaces, spaces a PDF conversion put
//! between words. Every crate that compares text (the lineage key and the diff here, the
//! store's name matching, the extractor) folds it with these functions, so two places never
//! disagree on whether two names are the same.
//!
//! Guarantees: pure, never panics, linear in the input.

use unicode_normalization::UnicodeNormalization;

/// Full-width ASCII (U+FF01–U+FF5E: `Ａ`, `１`, `（`, `％`) as ASCII, and the ideographic space
/// as an ASCII space; every other character as it is. One character for one, so a position
/// in folded text is a column of the input.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' => ' ',
        _ => c,
    }
}

/// A space as text is compared: Unicode white space (the ideographic space included), and the
/// zero-width space and byte order mark that converted text carries between characters.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{200B}' || c == '\u{FEFF}'
}

/// True for characters that NFKC would turn into something that no longer reads as a label:
/// circled and parenthesised numbers and letters, Roman numerals, circled ideographs.
fn is_list_label(c: char) -> bool {
    matches!(c,
        '\u{2160}'..='\u{218F}'   // Roman numerals Ⅰ Ⅱ ⅰ
        | '\u{2460}'..='\u{24FF}' // ① ⑴ ⒈ Ⓐ ⓐ
        | '\u{2776}'..='\u{2793}' // ❶ ➀
        | '\u{3220}'..='\u{3243}' // ㈠ ㈱
        | '\u{3251}'..='\u{325F}' // ㉑–㉟
        | '\u{3280}'..='\u{32BF}' // ㊀ ㊤ ㊱–㊿
    )
}

/// NFKC, except for list labels (circled and parenthesised numbers, Roman numerals), which are
/// kept as printed: `（累計）１５件` → `(累計)15件`, `ｶﾀｶﾅ` → `カタカナ`, but `①` stays `①` (NFKC
/// would make it `1`) and `Ⅱ` stays `Ⅱ`.
///
/// Text extracted from PDFs mixes full-width and half-width forms (`（累計）`, `１５件`,
/// `I o T`); the extractor reads every line in this form.
pub fn normalize(s: &str) -> String {
    // Most Japanese text is already in NFKC; a test by ranges says so for most of it.
    if s.chars().all(keeps_nfkc) {
        return s.to_owned();
    }
    // Much of the rest is only full-width ASCII away from it (`（累計）`, `１５件`), which
    // [`fold_width`] folds as NFKC would, at a fraction of NFKC's cost: the ASCII it gives
    // composes with nothing before it, so the result is the same.
    let folded: String = s.chars().map(fold_width).collect();
    if is_nfkc(&folded) {
        return folded;
    }
    let s = folded.as_str();
    let mut out = String::with_capacity(s.len());
    let mut run_start = 0;
    for (i, c) in s.char_indices() {
        if is_list_label(c) {
            out.extend(s[run_start..i].nfkc());
            out.push(c);
            run_start = i + c.len_utf8();
        }
    }
    out.extend(s[run_start..].nfkc());
    out
}

/// True when `s` is in NFKC already: every character is one that NFKC keeps and that
/// composes with nothing around it (a test by ranges, for the common case), or else the
/// quick check says so (a table lookup per character, as slow as NFKC itself on short text).
fn is_nfkc(s: &str) -> bool {
    s.chars().all(keeps_nfkc)
        || unicode_normalization::is_nfkc_quick(s.chars())
            == unicode_normalization::IsNormalized::Yes
}

/// Characters NFKC leaves as they are whatever stands beside them: ASCII, hiragana and
/// katakana (without the combining and the spacing sound marks, which compose or decompose),
/// the long-vowel mark, the middle dot, the CJK unified ideographs, `々` and the Japanese
/// punctuation and brackets.
fn keeps_nfkc(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{7F}'
        | '\u{3041}'..='\u{3096}'   // ぁ–ゖ
        | '\u{30A1}'..='\u{30FC}'   // ァ–ヺ ・ ー
        | '\u{4E00}'..='\u{9FFF}'   // 一–鿿
        | '\u{3001}'..='\u{3003}'   // 、。〃
        | '\u{3005}'..='\u{3007}'   // 々〆〇
        | '\u{3008}'..='\u{3011}'   // 〈〉《》「」『』【】
        | '\u{3014}'..='\u{301B}'   // 〔〕〖〗〘〙〚〛
    )
}

/// A name as shinchoku compares names across plans and files: [`normalize`]d and every space
/// ([`is_space`]) removed (`中小企業の ＩｏＴ 導入率` and `中小企業のIoT導入率` are one name;
/// so are `ｶﾞｿﾘﾝ車` and `ガソリン車`). The lineage key, the diff and the store's matching of
/// names all compare in this form.
pub fn fold_name(s: &str) -> String {
    // A name is most often NFKC once its full-width ASCII is folded: one pass then.
    let folded: String = s
        .chars()
        .map(fold_width)
        .filter(|c| !is_space(*c))
        .collect();
    if folded.chars().all(keeps_nfkc) {
        return folded;
    }
    normalize(s).chars().filter(|c| !is_space(*c)).collect()
}

/// A name or cell as a document prints it, in the form the extractor compares it in
/// (DESIGN.md → Extraction JSON, "Names are normalised"): [`fold_name`], and note marks dropped
/// — `*` and `※` with the digits after them (`*3`, `※1`), which point at a footnote and are
/// no part of the name. `付加価値額※1` → `付加価値額`.
pub fn fold_printed_name(s: &str) -> String {
    fold_normalized_printed_name(&normalize(s))
}

/// [`fold_printed_name`] of text that is already [`normalize`]d (every line the extractor
/// reads is): spaces and note marks dropped without normalising again.
pub fn fold_normalized_printed_name(s: &str) -> String {
    without_note_marks(s).filter(|c| !is_space(*c)).collect()
}

/// Text without its note marks — `*` and `※`, with the digits after them (`*3`, `※1`), which
/// point at a footnote or a glossary entry — its spaces kept: `地域経済牽引事業計画*の承認※1` →
/// `地域経済牽引事業計画の承認`.
pub fn drop_note_marks(s: &str) -> String {
    without_note_marks(s).collect()
}

/// The characters of `s` but its note marks (see [`drop_note_marks`]).
fn without_note_marks(s: &str) -> impl Iterator<Item = char> + '_ {
    let mut chars = s.chars().peekable();
    std::iter::from_fn(move || loop {
        let c = chars.next()?;
        if c == '*' || c == '※' {
            // A note mark and the number that follows it.
            while chars.peek().is_some_and(char::is_ascii_digit) {
                chars.next();
            }
        } else {
            return Some(c);
        }
    })
}

/// Text with each run of spaces ([`is_space`]) as one ASCII space, trimmed:
/// `  Society 5.0　の\t実現 ` → `Society 5.0 の 実現`.
pub fn collapse_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    for c in s.chars() {
        if is_space(c) {
            gap = !out.is_empty();
        } else {
            if gap {
                out.push(' ');
                gap = false;
            }
            out.push(c);
        }
    }
    out
}

/// Text with its spaces closed up, as a PDF conversion leaves spaces between Japanese words:
/// every run of spaces ([`is_space`]) dropped, except one space between two ASCII letters or
/// digits (`戦略的な企業誘致 の推進` → `戦略的な企業誘致の推進`, `AI やメタバース` →
/// `AIやメタバース`, but `Society 5.0` stays). Titles and value texts the extractor prints.
pub fn close_up_spaces(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if is_space(c) {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space
            && c.is_ascii_alphanumeric()
            && out
                .chars()
                .last()
                .is_some_and(|p| p.is_ascii_alphanumeric())
        {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// A title or body as shinchoku compares texts: [`normalize`]d, each run of spaces one ASCII
/// space, trimmed (the diff's titles, kinds and bodies).
pub fn fold_text(s: &str) -> String {
    collapse_spaces(&normalize(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_ascii_and_the_ideographic_space_fold_one_for_one() {
        let folded: String = "ＩｏＴ　１５％（累計）".chars().map(fold_width).collect();
        assert_eq!(folded, "IoT 15%(累計)");
        assert_eq!(fold_width('ー'), 'ー');
    }

    #[test]
    fn full_width_forms_become_ascii_but_labels_stay() {
        assert_eq!(normalize("（累計）１５件"), "(累計)15件");
        assert_eq!(normalize("①企業誘致件数"), "①企業誘致件数");
        assert_eq!(normalize("Ⅱ　産業編"), "Ⅱ 産業編");
        assert_eq!(normalize("㈱"), "㈱");
        assert_eq!(normalize("ｶﾀｶﾅ"), "カタカナ");
    }

    #[test]
    fn the_characters_taken_as_nfkc_without_a_check_are() {
        use unicode_normalization::UnicodeNormalization;
        let mut checked = 0;
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| keeps_nfkc(*c))
        {
            let alone: String = c.nfkc().collect();
            assert_eq!(alone, c.to_string(), "U+{:04X}", c as u32);
            // Nothing composes with it: a base before it, a sound mark after it.
            for pair in [format!("a{c}"), format!("{c}\u{3099}"), format!("か{c}")] {
                if pair.chars().all(keeps_nfkc) {
                    assert_eq!(pair.nfkc().collect::<String>(), pair, "U+{:04X}", c as u32);
                }
            }
            checked += 1;
        }
        assert!(checked > 20_000);
    }

    #[test]
    fn folding_full_width_first_gives_what_nfkc_gives() {
        use unicode_normalization::UnicodeNormalization;
        for s in [
            "（累計）１５件",
            "Ａ\u{301}",
            "ＩｏＴ　導入率",
            "ｶﾞｿﾘﾝ（㎞）",
            "１\u{3099}",
        ] {
            assert_eq!(normalize(s), s.nfkc().collect::<String>(), "{s}");
        }
    }

    #[test]
    fn names_lose_every_space_and_texts_keep_one() {
        assert_eq!(
            fold_name("中小企業の ＩｏＴ\u{200B}　導入率"),
            "中小企業のIoT導入率"
        );
        assert_eq!(
            fold_text("  Society　５.０ の\t\t実現 "),
            "Society 5.0 の 実現"
        );
        assert_eq!(fold_text(""), "");
        assert_eq!(collapse_spaces(" a \u{FEFF} b\u{3000}"), "a b");
    }

    #[test]
    fn names_compare_whatever_width_and_compatibility_form_they_are_printed_in() {
        // Half-width katakana and compatibility characters: the same name as the one printed
        // without them (width folding alone left these apart).
        assert_eq!(fold_name("ｶﾞｿﾘﾝ車の台数"), "ガソリン車の台数");
        assert_eq!(fold_name("面積（㎞２）"), "面積(km2)");
        // A list label is kept as printed, and so is a note mark.
        assert_eq!(fold_name("① 企業誘致件数"), "①企業誘致件数");
        assert_eq!(fold_name("付加価値額※1"), "付加価値額※1");
        assert_eq!(fold_text("ｶﾞｿﾘﾝ車の　普及"), "ガソリン車の 普及");
    }

    #[test]
    fn printed_names_drop_spaces_and_note_marks() {
        assert_eq!(
            fold_printed_name("中小企業の I o T 導入率"),
            "中小企業のIoT導入率"
        );
        assert_eq!(
            fold_printed_name("地域経済牽引事業計画*承認件数"),
            "地域経済牽引事業計画承認件数"
        );
        assert_eq!(fold_printed_name("付加価値額※1"), "付加価値額");
        assert_eq!(
            fold_printed_name("カーボンニュートラル*3関連"),
            "カーボンニュートラル関連"
        );
    }

    #[test]
    fn an_already_normalised_name_folds_without_nfkc_alike() {
        for s in [
            "中小企業の I o T 導入率",
            "カーボンニュートラル*3関連",
            "付加価値額※",
            "①件数",
        ] {
            assert_eq!(
                fold_normalized_printed_name(&normalize(s)),
                fold_printed_name(s),
                "{s}"
            );
        }
    }

    #[test]
    fn closed_up_text_keeps_a_space_only_between_ascii_words() {
        assert_eq!(
            close_up_spaces("戦略的な企業誘致 の推進"),
            "戦略的な企業誘致の推進"
        );
        assert_eq!(
            close_up_spaces("AI やメタバース Society 5.0"),
            "AIやメタバースSociety 5.0"
        );
    }

    #[test]
    fn note_marks_go_and_spaces_stay() {
        assert_eq!(
            drop_note_marks("地域経済牽引事業計画* の承認※1 件数※"),
            "地域経済牽引事業計画 の承認 件数"
        );
    }
}
