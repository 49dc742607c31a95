//! The extractor's scanners: small pure functions that recognise one thing at the start of a
//! text or in a cell — an HTML tag left by a PDF converter, the script a character is in, a
//! list label and its number — used
//! by every recogniser that meets it, so each thing is recognised one way.
//!
//! Text folding (NFKC, spaces, the form names are compared in) is core's `text` module; what
//! is here is the extractor's own: the debris of converted documents and the numbering of
//! their lists.
//!
//! Guarantees: pure, never panics, linear in the input.

use super::lexicon;
use shinchoku_core::text::{collapse_spaces, is_space};

// ---------------------------------------------------------------------------------------------
// Lengths

/// The longest cell, in characters, that may be a year heading a column (`2016(平成28)年度(見込み)`
/// is 17; a letter-spaced `令 和 4 年 度` from a PDF conversion longer): longer cells are text.
/// The data series and the roadmap reader test this before they parse a cell as a period.
/// Characters, not bytes: a kanji is three bytes of UTF-8 and a digit one, and a limit in bytes
/// would let an ASCII cell three times as long as a Japanese one through.
pub const YEAR_CELL_MAX_CHARS: usize = 24;

// ---------------------------------------------------------------------------------------------
// HTML debris

/// HTML elements PDF-to-text converters leave in the text (`<ul style=…>`, `<p>`, `</p>`,
/// `<li>`): with these names a tag may carry attributes in any script.
const HTML_TAGS: &[&str] = &[
    "a", "b", "big", "br", "div", "em", "font", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i",
    "img", "li", "ol", "p", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "th",
    "thead", "tr", "u", "ul",
];

/// The longest HTML tag looked for (`<ul style="list-style-type: none">` is 34).
const MAX_TAG_CHARS: usize = 200;

/// If `s` opens with an HTML tag, the text after it.
///
/// A tag is `<`, an optional `/`, an ASCII letter, and the text up to the next `>` (within
/// [`MAX_TAG_CHARS`], no `<` in between), which is ASCII (`<p>`, `</p>`, `<br/>`,
/// `<ul style="list-style-type: none">`, and ASCII words in angle brackets such as `<KPI>`,
/// which label a block and are no text of it) or starts with the name of an element of
/// [`HTML_TAGS`] (`<span title="…">`). Angle brackets around Japanese (`<DXの推進>`,
/// `<AI 分析>`) are a bracketed title, and stay.
pub(crate) fn after_html_tag(s: &str) -> Option<&str> {
    let inner = s.strip_prefix('<')?;
    let inner = inner.strip_prefix('/').unwrap_or(inner);
    if !inner.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let (close, _) = inner
        .char_indices()
        .take(MAX_TAG_CHARS)
        .take_while(|&(_, c)| c != '<')
        .find(|&(_, c)| c == '>')?;
    let tag = inner.get(..close)?;
    let name_len = tag
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(tag.len());
    let named = tag.get(..name_len).is_some_and(|name| {
        let after = tag.get(name_len..).unwrap_or_default();
        (after.is_empty() || after.starts_with(|c: char| c.is_whitespace() || c == '/'))
            && HTML_TAGS.contains(&name.to_ascii_lowercase().as_str())
    });
    (tag.is_ascii() || named)
        .then(|| inner.get(close + 1..))
        .flatten()
}

/// The text pieces between HTML tags, trimmed, empty ones dropped: `<p>A</p> <ul …> B` gives
/// `["A", "B"]`.
pub(crate) fn html_segments(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        current.push_str(rest.get(..lt).unwrap_or_default());
        let at = rest.get(lt..).unwrap_or_default();
        match after_html_tag(at) {
            Some(after) => {
                push_segment(&mut out, &mut current);
                rest = after;
            }
            None => {
                current.push('<');
                rest = at.get(1..).unwrap_or_default();
            }
        }
    }
    current.push_str(rest);
    push_segment(&mut out, &mut current);
    out
}

fn push_segment(out: &mut Vec<String>, current: &mut String) {
    let t = current.trim();
    if !t.is_empty() {
        out.push(t.to_owned());
    }
    current.clear();
}

/// The text without its HTML tags, nothing in their place: `山口県<br>信用保証協会` →
/// `山口県信用保証協会` (a tag inside a Japanese word breaks no word).
pub(crate) fn strip_tags(s: &str) -> String {
    if !s.contains('<') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        out.push_str(rest.get(..lt).unwrap_or_default());
        let at = rest.get(lt..).unwrap_or_default();
        match after_html_tag(at) {
            Some(after) => rest = after,
            None => {
                out.push('<');
                rest = at.get(1..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    out
}

/// A line or cell without HTML debris, each run of spaces one space, trimmed: every tag counts
/// as a space between the pieces it separates (`<p>A</p><p>B</p>` → `A B`). One copy when the
/// text is clean already.
pub(crate) fn clean_text(s: &str) -> String {
    if s.contains('<') {
        return collapse_spaces(&html_segments(s).join(" "));
    }
    let mut prev_space = true;
    let collapsed = s.chars().all(|c| {
        let ok = !is_space(c) || (c == ' ' && !prev_space);
        prev_space = is_space(c);
        ok
    }) && !prev_space;
    if collapsed {
        s.to_owned()
    } else {
        collapse_spaces(s)
    }
}

// ---------------------------------------------------------------------------------------------
// Scripts

/// Hiragana (the Unicode block: `ぁ`–`ゖ` and the sound and iteration marks).
pub(crate) fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309F}').contains(&c)
}

/// Katakana (full-width; NFKC has folded the half-width forms) with the prolonged sound mark
/// `ー` and the iteration marks, but not the middle dot `・`, which separates words: callers
/// that take it in a word say so.
pub(crate) fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A0}'..='\u{30FA}' | '\u{30FC}'..='\u{30FF}')
}

/// Hiragana or katakana ([`is_hiragana`], [`is_katakana`]).
pub(crate) fn is_kana(c: char) -> bool {
    is_hiragana(c) || is_katakana(c)
}

/// Kanji: the CJK unified ideographs, extension A and the compatibility ideographs, with the
/// marks names write among them (`々`, `〆`, `ヶ`).
pub(crate) fn is_kanji(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}'
        | '々' | '〆' | 'ヶ'
    )
}

// ---------------------------------------------------------------------------------------------
// List labels

/// The number an enclosed numeral stands for: circled `①`–`⑳`, `㉑`–`㉟`, `㊱`–`㊿`,
/// parenthesised `⑴`–`⒇`, with a full stop `⒈`–`⒛`, double-circled `⓵`–`⓾`, negative
/// circled `❶`–`❿` and `➊`–`➓`, sans-serif circled `➀`–`➉`.
pub(crate) fn enclosed_number(c: char) -> Option<u32> {
    let u = u32::from(c);
    let n = match u {
        0x2460..=0x2473 => u - 0x2460 + 1,
        0x2474..=0x2487 => u - 0x2474 + 1,
        0x2488..=0x249B => u - 0x2488 + 1,
        0x24F5..=0x24FE => u - 0x24F5 + 1,
        0x2776..=0x277F => u - 0x2776 + 1,
        0x2780..=0x2789 => u - 0x2780 + 1,
        0x278A..=0x2793 => u - 0x278A + 1,
        0x3251..=0x325F => u - 0x3251 + 21,
        0x32B1..=0x32BF => u - 0x32B1 + 36,
        _ => return None,
    };
    Some(n)
}

/// A leading list label and the text after it: `① 企業誘致` → (1, `企業誘致`), `(2) …`,
/// `3. …`, `4、…`; `(None, text)` when the text opens with no numbered label.
pub(crate) fn split_label(s: &str) -> (Option<u32>, &str) {
    let t = s.trim_start();
    if let Some(c) = t.chars().next() {
        if let Some(n) = enclosed_number(c) {
            return (Some(n), t.get(c.len_utf8()..).unwrap_or("").trim_start());
        }
    }
    if let Some(rest) = t.strip_prefix('(') {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if let (Ok(n), Some(after)) = (
            digits.parse::<u32>(),
            rest.get(digits.len()..).and_then(|r| r.strip_prefix(')')),
        ) {
            return (Some(n), after.trim_start());
        }
    }
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if !digits.is_empty() && digits.len() <= 3 {
        if let Some(after) = t.get(digits.len()..) {
            let after_dot = after.strip_prefix('.').or_else(|| after.strip_prefix('、'));
            if let (Ok(n), Some(a)) = (digits.parse::<u32>(), after_dot) {
                return (Some(n), a.trim_start());
            }
        }
    }
    (None, t)
}

/// The number a list label carries, as a node's label prints it: `①` → 1, `㊱` → 36, `⒈` → 1,
/// `(3)` and `（4）` → 3 and 4, `2.` → 2, `7` → 7; `None` for a symbol (`◆`) or nothing.
pub(crate) fn label_number(label: &str) -> Option<u32> {
    let t = label.trim();
    split_label(t).0.or_else(|| {
        t.trim_start_matches(['(', '（'])
            .trim_end_matches([')', '）', '.', '．'])
            .parse()
            .ok()
    })
}

/// A unit printed in brackets after a name that is not on the list of units plans use but
/// is one by its form: Latin letters, digits and signs, with at most a multiplier kanji before
/// them (`g`, `kW`, `千t-CO2`, `m3/人`). A bracket of Japanese words (`市内`, `全体`) is no unit.
pub(crate) fn latin_unit(inner: &str) -> Option<String> {
    let t = inner.trim();
    let n = t.chars().count();
    let latin = t.chars().any(|c| c.is_ascii_alphabetic());
    let form = t.chars().all(|c| {
        c.is_ascii_alphanumeric()
            || matches!(
                c,
                '-' | '/' | '.' | '・' | '²' | '³' | '万' | '千' | '百' | '億' | '兆' | '年' | '人'
            )
    });
    (latin && form && (1..=10).contains(&n)).then(|| t.to_owned())
}

/// The most characters a phrase of what a number is counted per may have (`1人1日当たり`).
const MAX_RATE_PHRASE_CHARS: usize = 12;

/// A cell whose number follows a phrase of what it is counted per (`1日当たり150分`,
/// `1世帯あたり 2.4人 (R5)`): the phrase (ending in a [`lexicon::RATE_PHRASE_ENDS`] word, no
/// bracket in it) and the value after it, which opens with its number.
pub(crate) fn rate_phrase(cell: &str) -> Option<(&str, &str)> {
    let cell = cell.trim_start();
    let (at, word) = lexicon::RATE_PHRASE_ENDS
        .iter()
        .filter_map(|w| cell.find(w).map(|i| (i, *w)))
        .min()?;
    let phrase = cell.get(..at + word.len())?;
    let rest = cell.get(at + word.len()..)?.trim_start();
    let plain = !phrase.contains(['(', ')', '、', '。', ' ']);
    (plain
        && phrase.chars().count() <= MAX_RATE_PHRASE_CHARS
        && rest.starts_with(|c: char| c.is_ascii_digit()))
    .then_some((phrase, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_debris_is_stripped_but_bracketed_titles_stay() {
        assert_eq!(
            clean_text("<p><DXの推進> セミナー</p> <ul style=\"list-style-type: none\"> ・開催"),
            "<DXの推進> セミナー ・開催"
        );
        assert_eq!(clean_text("<AI 分析>"), "<AI 分析>");
        assert_eq!(clean_text("<li>項目</li><br/>"), "項目");
    }

    #[test]
    fn a_tag_is_ascii_or_an_html_element_with_attributes_in_any_script() {
        assert_eq!(strip_tags("<span title=\"注記\">A</span>"), "A");
        assert_eq!(clean_text("<KPI>"), "");
        assert_eq!(clean_text("<KPIの設定>"), "<KPIの設定>");
        assert_eq!(strip_tags("<a <b>c"), "<a c");
        assert_eq!(strip_tags("<1>"), "<1>");
        let long = format!("<p {}>", "x".repeat(MAX_TAG_CHARS));
        assert_eq!(strip_tags(&long), long);
    }

    #[test]
    fn tags_are_stripped_and_other_angle_brackets_kept() {
        assert_eq!(
            strip_tags("<p>山口県信用保証協会 [金融]</p>"),
            "山口県信用保証協会 [金融]"
        );
        assert_eq!(strip_tags("a<br>b"), "ab");
        assert_eq!(strip_tags("<創業セミナー>"), "<創業セミナー>");
        assert_eq!(strip_tags("x < y"), "x < y");
        assert_eq!(strip_tags("<"), "<");
    }

    #[test]
    fn labels_give_their_numbers() {
        for (label, n) in [
            ("①", 1),
            ("⑫", 12),
            ("(3)", 3),
            ("（4）", 4),
            ("7", 7),
            ("10.", 10),
            ("⑵", 2),
        ] {
            assert_eq!(label_number(label), Some(n), "{label}");
        }
        assert_eq!(label_number("◆"), None);
        assert_eq!(label_number(""), None);
    }

    #[test]
    fn every_enclosed_numeral_has_its_number() {
        for (label, n) in [
            ("⒈", 1),
            ("⒛", 20),
            ("㊱", 36),
            ("㊿", 50),
            ("㉑", 21),
            ("⓵", 1),
            ("❿", 10),
            ("➀", 1),
            ("➓", 10),
            ("3、", 3),
        ] {
            assert_eq!(label_number(label), Some(n), "{label}");
        }
        assert_eq!(split_label("⑤ 人材確保"), (Some(5), "人材確保"));
        assert_eq!(split_label("(12) 研修"), (Some(12), "研修"));
        assert_eq!(split_label("2025年に"), (None, "2025年に"));
    }

    #[test]
    fn scripts_are_told_apart_and_the_middle_dot_is_none() {
        assert!("あゝゞ".chars().all(is_hiragana));
        assert!("カタカナーヴヽヾ".chars().all(is_katakana));
        assert!(!is_katakana('・') && !is_hiragana('ー'));
        assert!("山口県々〆ヶ\u{FA11}".chars().all(is_kanji));
        assert!(!is_kanji('あ') && !is_kana('山'));
    }
}
