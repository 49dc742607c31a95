//! The few pieces of SVG writing every drawing shares: escaped text, finite coordinates, the
//! width a line of Japanese or Latin text takes, and lines cut or wrapped to a width.
//!
//! Guarantees: [`Esc`] makes any string safe as XML text or a double-quoted attribute (markup
//! characters become entities, characters XML 1.0 forbids become U+FFFD), so a plan title of
//! `<script>` is drawn as those eight characters; [`N`] never writes `NaN` or `inf`. Text
//! widths are estimates (no font is at hand in a pure crate): a wide (CJK, full-width)
//! character counts one em, anything else 0.6 em, which errs on the wide side for Latin text
//! so that a cut line still fits.

use std::fmt::{self, Write as _};

/// Appends to a `String`. Writing to a `String` cannot fail, so the `fmt::Result` is dropped
/// here, once.
macro_rules! w {
    ($out:expr, $($arg:tt)*) => {{
        use ::std::fmt::Write as _;
        let _ = $out.write_fmt(::std::format_args!($($arg)*));
    }};
}
pub(crate) use w;

/// Text escaped for XML content and double-quoted attribute values.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Esc<'a>(pub &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for c in self.0.chars() {
            match c {
                '&' => f.write_str("&amp;")?,
                '<' => f.write_str("&lt;")?,
                '>' => f.write_str("&gt;")?,
                '"' => f.write_str("&quot;")?,
                '\'' => f.write_str("&#39;")?,
                // Tab, newline and carriage return are the only control characters XML 1.0
                // allows; U+FFFE and U+FFFF are not characters at all. A stray one from a
                // pasted cell must not make the whole page's SVG ill-formed.
                '\t' | '\n' | '\r' => f.write_char(c)?,
                c if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                    f.write_char('\u{FFFD}')?
                }
                c => f.write_char(c)?,
            }
        }
        Ok(())
    }
}

/// A coordinate: one decimal place, trailing `.0` dropped, and `0` for anything not finite
/// (which the drawings never produce, but a stray NaN would make the SVG invalid).
#[derive(Debug, Clone, Copy)]
pub(crate) struct N(pub f64);

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let v = if self.0.is_finite() { self.0 } else { 0.0 };
        // Round to tenths; -0.0 prints as 0.
        let tenths = (v * 10.0).round();
        let tenths = if tenths == 0.0 { 0.0 } else { tenths };
        if tenths.abs() < 1e15 {
            // Printed as integers: a page draws thousands of coordinates, and printing a float
            // to a fixed precision is the slow path of `core::fmt` (the exact Dragon4).
            #[allow(clippy::cast_possible_truncation)] // |tenths| < 10^15: exact in an i64
            let t = tenths as i64;
            let sign = if t < 0 { "-" } else { "" };
            let a = t.unsigned_abs();
            if a.is_multiple_of(10) {
                write!(f, "{sign}{}", a / 10)
            } else {
                write!(f, "{sign}{}.{}", a / 10, a % 10)
            }
        } else if tenths % 10.0 == 0.0 {
            write!(f, "{:.0}", tenths / 10.0)
        } else {
            write!(f, "{:.1}", tenths / 10.0)
        }
    }
}

/// True for characters a Japanese font draws one em wide: kana, kanji, full-width forms and
/// CJK punctuation. Half-width katakana (U+FF61–U+FF9F) are narrow.
pub(crate) fn is_wide(c: char) -> bool {
    let u = u32::from(c);
    matches!(u,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// The estimated width of `s` at `size` user units per em.
pub(crate) fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(|c| char_width(c, size)).sum()
}

fn char_width(c: char, size: f64) -> f64 {
    if is_wide(c) {
        size
    } else {
        size * 0.6
    }
}

/// `s` cut to fit `width`, ending in `…` when anything was cut.
pub(crate) fn truncate(s: &str, width: f64, size: f64) -> String {
    if text_width(s, size) <= width {
        return s.to_owned();
    }
    let room = width - char_width('…', size);
    let mut out = String::new();
    let mut used = 0.0;
    for c in s.chars() {
        let cw = char_width(c, size);
        if used + cw > room {
            break;
        }
        used += cw;
        out.push(c);
    }
    out.push('…');
    out
}

/// Characters a Japanese line must not start with (行頭禁則): closing brackets, punctuation
/// and small kana. Such a character stays at the end of the line before, overhanging it a
/// little, as typesetters do (ぶら下げ).
fn no_line_start(c: char) -> bool {
    "、。，．,.・：；:;？！?!ー）」』】〕〉》）］｝)]}ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々"
        .contains(c)
}

/// `s` broken into at most `max_lines` lines of at most `width` (the last cut with `…` when
/// the text does not fit). Japanese may break between any two characters except before a
/// character of [`no_line_start`]; a run of Latin letters or digits breaks only where it is
/// longer than a whole line.
pub(crate) fn wrap(s: &str, width: f64, size: f64, max_lines: usize) -> Vec<String> {
    let max_lines = max_lines.max(1);
    // Tokens: a run of ASCII graphic characters (a word or a number), or one other character.
    let mut tokens: Vec<&str> = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_ascii_graphic() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(st) = start.take() {
            tokens.extend(s.get(st..i));
        }
        tokens.extend(s.get(i..i + c.len_utf8()));
    }
    if let Some(st) = start {
        tokens.extend(s.get(st..));
    }

    let mut lines: Vec<String> = vec![String::new()];
    let mut used = 0.0;
    for tok in tokens {
        let tw = text_width(tok, size);
        let line_empty = lines.last().is_none_or(|l| l.trim().is_empty());
        let hangs = tok.chars().next().is_some_and(no_line_start);
        if used + tw <= width || hangs || line_empty && tw <= width {
            if let Some(l) = lines.last_mut() {
                l.push_str(tok);
            }
            used += tw;
            continue;
        }
        if tw <= width {
            // A space at a break is dropped rather than start the next line.
            if tok.trim().is_empty() {
                lines.push(String::new());
                used = 0.0;
                continue;
            }
            lines.push(tok.to_owned());
            used = tw;
            continue;
        }
        // A token longer than a line: broken by character.
        for c in tok.chars() {
            let cw = char_width(c, size);
            if used + cw > width && used > 0.0 {
                lines.push(String::new());
                used = 0.0;
            }
            if let Some(l) = lines.last_mut() {
                l.push(c);
            }
            used += cw;
        }
    }
    let mut lines: Vec<String> = lines
        .into_iter()
        .map(|l| l.trim().to_owned())
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() > max_lines {
        let rest = lines.split_off(max_lines - 1).concat();
        lines.push(truncate(&rest, width, size));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_forbidden_characters_are_escaped() {
        let s = Esc("<script>alert('x&y')</script>\u{0}\u{1b}\t\"").to_string();
        assert_eq!(
            s,
            "&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;\u{FFFD}\u{FFFD}\t&quot;"
        );
    }

    #[test]
    fn coordinates_are_short_and_always_finite() {
        assert_eq!(N(12.0).to_string(), "12");
        assert_eq!(N(12.25).to_string(), "12.3");
        assert_eq!(N(-0.01).to_string(), "0");
        assert_eq!(N(f64::NAN).to_string(), "0");
        assert_eq!(N(f64::INFINITY).to_string(), "0");
        assert_eq!(N(-3.04).to_string(), "-3");
        assert_eq!(N(-3.06).to_string(), "-3.1");
        assert_eq!(N(0.05).to_string(), "0.1");
        assert_eq!(N(1e20).to_string(), "100000000000000000000");
    }

    proptest::proptest! {
        /// Printing by integers gives what printing the rounded float to one place gives.
        #[test]
        fn coordinates_print_as_the_float_to_one_place(v in -1e14f64..1e14) {
            let tenths = (v * 10.0).round();
            let want = if tenths == 0.0 {
                "0".to_owned()
            } else if tenths % 10.0 == 0.0 {
                format!("{:.0}", tenths / 10.0)
            } else {
                format!("{:.1}", tenths / 10.0)
            };
            proptest::prop_assert_eq!(N(v).to_string(), want);
        }
    }

    #[test]
    fn japanese_counts_one_em_and_latin_less() {
        assert_eq!(text_width("工程表", 10.0), 30.0);
        assert_eq!(text_width("IoT", 10.0), 18.0);
        assert_eq!(text_width("ｱｲ", 10.0), 12.0);
    }

    #[test]
    fn a_long_text_is_cut_with_an_ellipsis_that_fits() {
        let t = truncate("中小企業のIoT導入率の向上", 60.0, 10.0);
        assert!(t.ends_with('…'), "{t}");
        assert!(text_width(&t, 10.0) <= 60.0, "{t}");
        assert_eq!(truncate("短い", 60.0, 10.0), "短い");
    }

    #[test]
    fn japanese_wraps_anywhere_but_before_closing_punctuation() {
        let lines = wrap("企業誘致の推進。次へ", 70.0, 10.0, 5);
        assert_eq!(lines, ["企業誘致の推進。", "次へ"]);
        let lines = wrap("企業誘致の推進（大規模）", 70.0, 10.0, 5);
        assert_eq!(lines, ["企業誘致の推進", "（大規模）"]);
    }

    #[test]
    fn latin_words_are_not_broken_when_they_fit_a_line() {
        let lines = wrap("IoT導入 Society5.0 推進", 70.0, 10.0, 5);
        assert_eq!(lines, ["IoT導入", "Society5.0", "推進"]);
    }

    #[test]
    fn wrapping_stops_at_the_last_line_with_an_ellipsis() {
        let lines = wrap(&"あ".repeat(50), 100.0, 10.0, 2);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0], "あ".repeat(10));
        assert!(lines[1].ends_with('…'));
        assert!(wrap("", 100.0, 10.0, 2).is_empty());
    }
}
