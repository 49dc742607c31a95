//! The words of a line with where they stand: the scanner every rendering but tabs and pipes
//! reads.
//!
//! A token is a run of characters between spaces (ASCII or ideographic), except where a
//! transcription spaced a word's own parts: a bracket printed as words of its own (`( 万人 )`,
//! joined to the word one space before it) and an era's year (`令和 4 年`) are one token. Its position is in
//! display columns of the line as read, not bytes or characters: `pdftotext -layout` lines
//! columns up by how wide the glyphs print, and a full-width character takes two columns
//! (`unicode-width`). Its kind is read from its normalised text (NFKC), so `１２．４％` is a
//! number like `12.4%`.

use shinchoku_core::text::normalize;
use unicode_width::UnicodeWidthChar;

use crate::extract::lexicon;

/// What a token looks like, which is what a column expects of its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A number, with or without its unit or sign (`16`, `1,240`, `412万人`, `△3.5%`).
    Num,
    /// A year or fiscal year (`R4`, `令和4年度`, `2022年度`, `H30`).
    Year,
    /// A unit alone (`%`, `組織`, `件/年`).
    Unit,
    /// A dash for no value (`-`, `―`).
    Dash,
    /// Something in brackets (`(R4)`, `(累計)`, `【%】`).
    Paren,
    /// Any other word.
    Text,
}

/// One word of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Display column where the word starts (0-based).
    pub start: usize,
    /// Display column one past its end.
    pub end: usize,
    /// Byte range in the line as read.
    pub bytes: (usize, usize),
    /// How many space characters stand before it (an ideographic space counts one: a
    /// typed `第1章　総則` is one phrase, not two columns).
    pub spaces: usize,
    /// The word normalised.
    pub text: String,
    /// What it looks like.
    pub kind: Kind,
}

/// A character that separates words in a laid-out line.
fn is_gap(c: char) -> bool {
    c == ' ' || c == '\u{3000}' || (c.is_whitespace() && c != '\t')
}

/// The display width of a character: two for full-width forms and the ideographic space.
pub fn width(c: char) -> usize {
    if c == '\u{3000}' {
        2
    } else {
        c.width().unwrap_or(0)
    }
}

/// The words of `raw` with their positions; `None` when it has more than `max` words (a line
/// of prose, which no rendering of a table cuts), so the work per line stays bounded.
pub fn tokens(raw: &str, max: usize) -> Option<Vec<Token>> {
    let mut out = Vec::new();
    let mut col = 0usize;
    let mut cur: Option<(usize, usize, usize)> = None; // (start col, start byte, spaces)
    let mut spaces = 0usize;
    for (b, c) in raw.char_indices() {
        if is_gap(c) {
            if let Some((s, sb, sp)) = cur.take() {
                if out.len() == max {
                    return None;
                }
                out.push(token(raw, (s, col), (sb, b), sp));
                spaces = 0;
            }
            spaces += 1;
        } else if cur.is_none() {
            cur = Some((col, b, spaces));
        }
        col += width(c);
    }
    if let Some((s, sb, sp)) = cur {
        if out.len() == max {
            return None;
        }
        out.push(token(raw, (s, col), (sb, raw.len()), sp));
    }
    Some(join_spaced(raw, out))
}

/// The most words a bracket or a year printed with spaces inside may be pieced from.
const MAX_SPACED_PIECES: usize = 5;

/// The most characters (spaces removed) of a word pieced together.
const MAX_SPACED_CHARS: usize = 16;

/// Words a transcription printed with a space inside them, pieced back together: a bracket
/// opened and closed as words of their own (`( 万人 )`, `( 平成 30 年 )`, `( % )`) and an era's
/// year (`令和 4 年`, `平成 30 年度`). Only single spaces are crossed, so columns laid out by
/// runs of spaces stay apart; the pieced word's text has no space and its kind is read again.
fn join_spaced(raw: &str, toks: Vec<Token>) -> Vec<Token> {
    if !toks.iter().any(|t| {
        matches!(t.text.as_str(), "(" | "【" | "[") || lexicon::ERAS.contains(&t.text.as_str())
    }) {
        return toks;
    }
    let mut out: Vec<Token> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        let bracket = spaced_bracket(&toks, i);
        match bracket.or_else(|| spaced_year(&toks, i)) {
            Some(k) => {
                let last = &toks[i + k - 1];
                // A bracket pieced together is the word's before it, when one space apart
                // (`観光入込客数 ( 万人 )`, `基準値 ( 平成 30 年 )`).
                let word = bracket.is_some()
                    && t.spaces == 1
                    && out.last().is_some_and(|p| p.kind == Kind::Text);
                let first = if word { out.pop() } else { None };
                let mut joined = spanning(raw, first.as_ref().unwrap_or(t), last);
                joined.text.retain(|c| !is_gap(c));
                joined.kind = kind(&joined.text);
                out.push(joined);
                i += k;
            }
            None => {
                out.push(t.clone());
                i += 1;
            }
        }
    }
    out
}

/// How many words from `i` make one bracket printed as words of its own (`(`, …, `)`).
fn spaced_bracket(toks: &[Token], i: usize) -> Option<usize> {
    let close = match toks.get(i)?.text.as_str() {
        "(" => ')',
        "【" => '】',
        "[" => ']',
        _ => return None,
    };
    let mut chars = 1;
    for k in 1..MAX_SPACED_PIECES {
        let t = toks.get(i + k)?;
        if t.spaces != 1 || t.text.contains(['(', '【', '[']) {
            return None;
        }
        chars += t.text.chars().count();
        if chars > MAX_SPACED_CHARS {
            return None;
        }
        if t.text.ends_with(close) {
            return (k >= 2 || t.text.chars().count() > 1).then_some(k + 1);
        }
    }
    None
}

/// How many words from `i` make an era's year printed apart (`令和 4 年`, `平成 30 年度`).
fn spaced_year(toks: &[Token], i: usize) -> Option<usize> {
    if !lexicon::ERAS.contains(&toks.get(i)?.text.as_str()) {
        return None;
    }
    let n = toks.get(i + 1).filter(|t| t.spaces == 1)?;
    let digits = n.text.as_str() == "元"
        || (n.text.len() <= 2 && n.text.bytes().all(|b| b.is_ascii_digit()));
    if !digits {
        return None;
    }
    let y = toks.get(i + 2).filter(|t| t.spaces == 1)?;
    matches!(y.text.as_str(), "年" | "年度" | "年度末" | "年末").then_some(3)
}

/// True when the words stand one space apart (a line's indent aside): runs of spaces are
/// columns laid out (`pdftotext -layout`), which the renderings of single spaces never cut.
pub fn single_spaced(t: &[Token]) -> bool {
    t.iter().skip(1).all(|w| w.spaces <= 1)
}

/// A comparator word one space after a number is the number's (`250 以下`: a Word table's
/// half-width number and full-width word, which LibreOffice prints a space apart). For the
/// rows under a header of columns, where a single space is no cell's edge by itself; in a
/// paragraph run on with single spaces the word may be the next cell.
pub fn comparators_to_numbers(raw: &str, toks: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(toks.len());
    for t in toks {
        if let Some(prev) = out.last_mut() {
            if t.spaces == 1
                && prev.kind == Kind::Num
                && lexicon::COMPARATOR_WORDS.contains(&t.text.as_str())
            {
                *prev = spanning(raw, prev, &t);
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// A unit one space after a number is the number's (`112 団体`, `78.5 %`): a figure and its
/// unit a transcription printed apart. Only for a reader that has tried the words as printed
/// first: under a header with a unit column, the unit word may be that column's cell.
pub fn units_to_numbers(raw: &str, toks: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(toks.len());
    for t in toks {
        if let Some(prev) = out.last_mut() {
            if t.spaces == 1 && prev.kind == Kind::Num && t.kind == Kind::Unit {
                let mut joined = spanning(raw, prev, &t);
                joined.text.retain(|c| !is_gap(c));
                joined.kind = Kind::Num;
                *prev = joined;
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// A qualifier word one space before a number is the number's (`延べ 3`, `約 120`): a
/// total over the period or an approximation printed apart from its figure, one value cell.
/// The joined word keeps its text as printed (`延べ 3`) and is a number.
pub fn qualifiers_to_numbers(raw: &str, toks: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(toks.len());
    for t in toks {
        if let Some(prev) = out.last_mut() {
            if t.spaces == 1
                && t.kind == Kind::Num
                && lexicon::NUMBER_QUALIFIERS.contains(&prev.text.as_str())
            {
                let mut joined = spanning(raw, prev, &t);
                joined.kind = Kind::Num;
                *prev = joined;
                continue;
            }
        }
        out.push(t);
    }
    out
}

/// One token from the first of `a` to the last of `b`, with `a`'s spaces before it.
fn spanning(raw: &str, a: &Token, b: &Token) -> Token {
    token(raw, (a.start, b.end), (a.bytes.0, b.bytes.1), a.spaces)
}

fn token(raw: &str, (start, end): (usize, usize), bytes: (usize, usize), spaces: usize) -> Token {
    let text = normalize(raw.get(bytes.0..bytes.1).unwrap_or_default());
    let kind = kind(&text);
    Token {
        start,
        end,
        bytes,
        spaces,
        text,
        kind,
    }
}

/// How many spaces stand between two consecutive words (1 for a single space): 2 or more is
/// a run of spaces, the layout's own cut.
pub fn gap(_a: &Token, b: &Token) -> usize {
    b.spaces
}

/// What a normalised word looks like.
pub fn kind(t: &str) -> Kind {
    if t.starts_with(['(', '【', '[', '<', '〈', '《']) {
        return Kind::Paren;
    }
    if !t.is_empty()
        && t.chars().count() <= 3
        && t.chars().all(|c| {
            matches!(
                c,
                '-' | '—' | '―' | '−' | 'ー' | '‐' | '–' | '…' | '~' | '～'
            )
        })
    {
        return Kind::Dash;
    }
    if is_year(t) {
        return Kind::Year;
    }
    if is_page_number(t) {
        return Kind::Text;
    }
    let digits = t.trim_start_matches(['+', '-', '−', '△', '▲', '▼', '約', '±']);
    if digits.starts_with(|c: char| c.is_ascii_digit()) && !is_numbered_name(digits) {
        return Kind::Num;
    }
    if lexicon::is_unit(t) {
        return Kind::Unit;
    }
    Kind::Text
}

/// A name that starts with a number (`6次産業化に取り組む事業者数`, `1人あたりの公園面積`): the
/// number is followed by words, not by a unit — more than six characters after it, or kana
/// among them.
fn is_numbered_name(t: &str) -> bool {
    let rest = t.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, ',' | '.'));
    let rest = rest.split(['(', '/']).next().unwrap_or_default();
    rest.chars().count() > 6
        || rest
            .chars()
            .any(|c| matches!(c, '\u{3041}'..='\u{309f}') && !matches!(c, 'か' | 'ケ'))
}

/// A page number as a PDF prints it in the text, a number between dashes (`-3-`, `- 12 -` is
/// three words): no value of a table.
fn is_page_number(t: &str) -> bool {
    let Some(inner) = t
        .strip_prefix(['-', '−', '—'])
        .and_then(|x| x.strip_suffix(['-', '−', '—']))
    else {
        return false;
    };
    !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit())
}

/// A year as tables print it: an era and its year (`令和4年度`, `R4`, `H30年`, `令和元年度`),
/// or a western year from 1900 to 2099 (`2022`, `2022年度`), with an optional `年度` / `年` /
/// `末` / `度`.
pub fn is_year(t: &str) -> bool {
    let t = t
        .strip_suffix("年度末")
        .or_else(|| t.strip_suffix("年度"))
        .or_else(|| t.strip_suffix("年末"))
        .or_else(|| t.strip_suffix('年'))
        .or_else(|| t.strip_suffix('末'))
        .or_else(|| t.strip_suffix('度'))
        .unwrap_or(t);
    for era in ["令和", "平成", "昭和", "R", "H", "S"] {
        if let Some(y) = t.strip_prefix(era) {
            return y == "元"
                || (!y.is_empty() && y.len() <= 2 && y.bytes().all(|b| b.is_ascii_digit()));
        }
    }
    t.len() == 4
        && (t.starts_with("19") || t.starts_with("20"))
        && t.bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn brackets_and_era_years_a_transcription_spaced_are_pieced_together() {
        let words = |raw: &str| -> Vec<(String, Kind)> {
            tokens(raw, 40)
                .unwrap_or_default()
                .into_iter()
                .map(|t| (t.text, t.kind))
                .collect()
        };
        let t = |s: &str, k: Kind| (s.to_owned(), k);
        assert_eq!(
            words("目標指標 基準値 ( 平成 30 年 ) 令和 4 年 観光入込客数 ( 万人 ) 1,012 688"),
            [
                t("目標指標", Kind::Text),
                t("基準値(平成30年)", Kind::Text),
                t("令和4年", Kind::Year),
                t("観光入込客数(万人)", Kind::Text),
                t("1,012", Kind::Num),
                t("688", Kind::Num),
            ]
        );
        // A bracket after a number stands alone; runs of spaces are never crossed.
        assert_eq!(
            words("941 ( % )  令和  5 年"),
            [
                t("941", Kind::Num),
                t("(%)", Kind::Paren),
                t("令和", Kind::Text),
                t("5", Kind::Num),
                t("年", Kind::Text),
            ]
        );
    }

    #[test]
    fn words_stand_where_they_print_full_width_taking_two_columns() {
        let t = tokens(" 消防団員数       人     1,240", 10).unwrap_or_default();
        let at: Vec<(usize, usize, &str, Kind)> = t
            .iter()
            .map(|t| (t.start, t.end, t.text.as_str(), t.kind))
            .collect();
        assert_eq!(
            at,
            [
                (1, 11, "消防団員数", Kind::Text),
                (18, 20, "人", Kind::Unit),
                (25, 30, "1,240", Kind::Num)
            ]
        );
    }

    #[test]
    fn a_line_of_too_many_words_is_no_table_row() {
        assert_eq!(tokens("a b c d", 3), None);
        assert!(tokens("a b c", 3).is_some());
    }

    #[test]
    fn kinds_of_words() {
        assert_eq!(kind("令和4年度"), Kind::Year);
        assert_eq!(kind("R9"), Kind::Year);
        assert_eq!(kind("2022年度"), Kind::Year);
        assert_eq!(kind("412万人"), Kind::Num);
        assert_eq!(kind("24か所"), Kind::Num);
        assert_eq!(kind("2.4億円"), Kind::Num);
        assert_eq!(kind("6次産業化に取り組む事業者数"), Kind::Text);
        assert_eq!(kind("1人あたりの公園面積"), Kind::Text);
        assert_eq!(kind("△3.5%"), Kind::Num);
        assert_eq!(kind("(R4)"), Kind::Paren);
        assert_eq!(kind("―"), Kind::Dash);
        assert_eq!(kind("件"), Kind::Unit);
        assert_eq!(kind("増加を目指す"), Kind::Text);
        assert_eq!(kind("-7-"), Kind::Text);
        assert_eq!(kind("-7"), Kind::Num);
    }

    #[test]
    fn a_qualifier_word_before_a_number_is_the_numbers() {
        let raw = "参加者 延べ 40 約 1,200人 延べ 合計";
        let t = qualifiers_to_numbers(raw, tokens(raw, 10).unwrap_or_default());
        let words: Vec<(&str, Kind)> = t.iter().map(|t| (t.text.as_str(), t.kind)).collect();
        assert_eq!(
            words,
            [
                ("参加者", Kind::Text),
                ("延べ 40", Kind::Num),
                ("約 1,200人", Kind::Num),
                ("延べ", Kind::Text),
                ("合計", Kind::Text)
            ]
        );
    }
}
