//! Characters printed with a space between them, joined back into words before any rendering
//! reads the line.
//!
//! Forms and some PDF text layers space a word's characters out: a form's label typed with a
//! full-width space between its characters (`実　績　値`) comes out of `pdftotext` as `実 績 値`,
//! and some extractors print a whole page that way (`漁 業 就 業 者 数 1 8 6 人 ( 令 和 元 年 度 )`).
//! Read as they are, every character is a word of its own and no header word is found. Two
//! rules join them, each over a *spaced run*: consecutive words of one character each, one
//! space (ASCII or ideographic) apart.
//!
//! - **A label** ([`join_labels`]): within a run, characters whose join is a header word of
//!   the lexicon, or the start of one (`達 成` of `達成率`, its last character wrapped onto the
//!   next line), become that word. In a laid-out line (one with a run of spaces) the removed
//!   spaces are put back after the word, so every word after it stays in its display column
//!   (`pdftotext -layout` lines columns up by them); in running text they are dropped.
//! - **Spaced text** ([`join_spaced_text`]): a run of at least [`MIN_TEXT_RUN`] characters,
//!   [`MIN_TEXT_LETTERS`] of them kanji or kana, is text whose every character was spaced out.
//!   It is joined back by what the characters are: letters into words, digits (with `,` and
//!   `.`) into numbers, a number's unit (a unit core knows, or a date's part after an era year)
//!   kept with it, a bracket with what it holds and with the word before it; a dash stays a
//!   word of its own (spaced out, a dash for no value cannot be told from a minus sign, and
//!   tables print a negative number with `△`). Words stand one space apart, and a run of
//!   letters made of header words only (`指標基準値目標値`) is cut into those words. A run of
//!   digits alone (`6 8 8`, three values) is never joined.
//!
//! Guarantees: never panics; linear in the line; a line with no spaced run is returned
//! unchanged (borrowed).

use std::borrow::Cow;

use shinchoku_core::quantity::KNOWN_UNITS;
use shinchoku_core::text::normalize;

use super::tokens::width;
use crate::extract::lexicon;
use crate::extract::scan::{is_kana, is_kanji};

/// The fewest characters a spaced run must have to be read as spaced-out text.
pub const MIN_TEXT_RUN: usize = 6;

/// The fewest kanji or kana among them.
pub const MIN_TEXT_LETTERS: usize = 4;

/// The most characters a header word has: the label rule looks no further, so a long run
/// costs time linear in its length.
const MAX_LABEL_CHARS: usize = lexicon::MAX_HEAD_WORD_CHARS;

/// The text with the spaced characters of each line joined (see the module doc); borrowed when
/// no line changes.
pub fn join(text: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut from = 0;
    for (start, line) in lines_with_offsets(text) {
        if let Some(joined) = join_line(line) {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[from..start]);
            o.push_str(&joined);
            from = start + line.len();
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&text[from..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(text),
    }
}

/// Each line's byte offset and text, without its line break.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut at = 0;
    text.split('\n').map(move |l| {
        let start = at;
        at += l.len() + 1;
        (start, l.strip_suffix('\r').unwrap_or(l))
    })
}

/// One line with its spaced runs joined, or `None` when it has none to join.
pub fn join_line(line: &str) -> Option<String> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let runs = spaced_runs(&chars);
    if runs.is_empty() {
        return None;
    }
    // Columns matter only in a laid-out line (one with a run of spaces).
    let laid_out = line.contains("  ");
    let mut out = String::with_capacity(line.len());
    let mut from = 0;
    let mut changed = false;
    for run in runs {
        let letters: Vec<char> = run.iter().map(|&k| chars[k].1).collect();
        let Some(first) = run.first() else { continue };
        let Some(last) = run.last() else { continue };
        let (a, b) = (chars[*first].0, chars[*last].0 + chars[*last].1.len_utf8());
        let replaced = if is_spaced_text(&letters) {
            Some(join_spaced_text(&letters))
        } else {
            join_labels(&line[a..b], &letters, laid_out)
        };
        if let Some(r) = replaced {
            out.push_str(&line[from..a]);
            out.push_str(&r);
            from = b;
            changed = true;
        }
    }
    if !changed {
        return None;
    }
    out.push_str(&line[from..]);
    Some(out)
}

/// True when a spaced run is text whose every character was spaced out: [`MIN_TEXT_RUN`]
/// characters at least, [`MIN_TEXT_LETTERS`] of them kanji or kana, and fewer than half of
/// those a unit of one character. A run mostly of such units (`件 人 回 人 件 校`) is a column
/// of unit cells printed one after another, and Latin letters alone (`A B C B A`) a column of
/// grades: joined, their cells would be lost.
fn is_spaced_text(letters: &[char]) -> bool {
    if letters.len() < MIN_TEXT_RUN {
        return false;
    }
    let (mut kanji_kana, mut units) = (0usize, 0usize);
    for &c in letters {
        if is_kanji(c) || is_kana(c) {
            kanji_kana += 1;
            if is_unit_char(c) {
                units += 1;
            }
        }
    }
    kanji_kana >= MIN_TEXT_LETTERS && units * 2 < kanji_kana
}

/// True when `c` alone is a unit core knows (`件`, `人`, `回`).
fn is_unit_char(c: char) -> bool {
    let mut buf = [0u8; 4];
    let c: &str = c.encode_utf8(&mut buf);
    KNOWN_UNITS.contains(&c)
}

/// A character that separates words: an ASCII or ideographic space.
fn is_gap(c: char) -> bool {
    c == ' ' || c == '\u{3000}'
}

/// The spaced runs of a line, each the indices (into `chars`) of its characters: words of one
/// character, each one gap character from the next, two words at least.
fn spaced_runs(chars: &[(usize, char)]) -> Vec<Vec<usize>> {
    let mut runs = Vec::new();
    let mut cur: Vec<usize> = Vec::new();
    let n = chars.len();
    let mut k = 0;
    while k < n {
        let c = chars[k].1;
        if is_gap(c) {
            k += 1;
            continue;
        }
        // A word of one character: a gap (or the line's edge) on both sides.
        let before = k == 0 || is_gap(chars[k - 1].1);
        let after = k + 1 == n || is_gap(chars[k + 1].1);
        let single = before && after && c != '\t';
        let one_gap_back = k >= 2 && is_gap(chars[k - 1].1) && !is_gap(chars[k - 2].1);
        if single && (cur.is_empty() || one_gap_back) {
            cur.push(k);
        } else {
            if cur.len() >= 2 {
                runs.push(std::mem::take(&mut cur));
            }
            cur.clear();
            if single {
                cur.push(k);
            }
        }
        k += 1;
    }
    if cur.len() >= 2 {
        runs.push(cur);
    }
    runs
}

/// A character as NFKC gives it, for the one-character forms the rules look at (full-width
/// digits, letters and brackets).
fn fold(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// A letter of a word: kanji, kana, the middle dot and the long-vowel mark of a name, an ASCII
/// letter.
fn is_letter(c: char) -> bool {
    is_kanji(c) || is_kana(c) || c == '・' || c.is_ascii_alphabetic()
}

fn is_open(c: char) -> bool {
    matches!(c, '(' | '[' | '【' | '「' | '〔' | '<' | '《' | '〈' | '『')
}

fn is_close(c: char) -> bool {
    matches!(c, ')' | ']' | '】' | '」' | '〕' | '>' | '》' | '〉' | '』')
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '―' | '−' | '‐' | '—' | '–')
}

/// True when `w` is a header word of the lexicon or the start of one (two characters at
/// least): the words a form's label may be.
fn is_label(w: &str) -> bool {
    lexicon::head_word(w).is_some() || lexicon::is_head_word_start(w)
}

/// The label rule: the characters of `run` (the run's text as printed, `letters` its
/// characters) whose join is a label, each such stretch joined, with the removed spaces put
/// after it when `pad` (a laid-out line); `None` when none is.
pub fn join_labels(run: &str, letters: &[char], pad: bool) -> Option<String> {
    // The gaps between the letters, as printed (one gap character each).
    let gaps: Vec<char> = run.chars().filter(|&c| is_gap(c)).collect();
    let mut out = String::with_capacity(run.len());
    let mut changed = false;
    let mut i = 0;
    while i < letters.len() {
        // The longest stretch from `i` that is a label, of letters only.
        let mut best = None;
        let mut word = String::new();
        for (j, &c) in letters.iter().enumerate().skip(i).take(MAX_LABEL_CHARS) {
            if !is_letter(fold(c)) {
                break;
            }
            word.push(c);
            if j > i && is_label(&normalize(&word)) {
                best = Some(j);
            }
        }
        if let Some(j) = best {
            let removed: usize = gaps[i..j].iter().map(|&g| width(g)).sum();
            out.extend(&letters[i..=j]);
            if pad {
                out.extend(std::iter::repeat_n(' ', removed));
            }
            changed = true;
            i = j + 1;
        } else {
            out.push(letters[i]);
            i += 1;
        }
        if let Some(&g) = gaps.get(i - 1) {
            if i < letters.len() {
                out.push(g);
            }
        }
    }
    changed.then_some(out)
}

/// What a character of spaced text is, for where its words end.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    Other,
}

fn class(c: char) -> Class {
    let c = fold(c);
    if c.is_ascii_digit() {
        Class::Digit
    } else if is_letter(c) {
        Class::Letter
    } else {
        Class::Other
    }
}

/// The spaced-text rule: the characters of a run joined into words, one space apart.
pub fn join_spaced_text(letters: &[char]) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    // Brackets open in the current word.
    let mut depth = 0usize;
    // The current word is complete (a number with its unit, a closed bracket): what follows
    // starts a new word, but for a bracket.
    let mut closed = false;
    let mut i = 0;
    while i < letters.len() {
        let c = letters[i];
        let f = fold(c);
        if depth > 0 {
            cur.push(c);
            if is_open(f) {
                depth += 1;
            } else if is_close(f) {
                depth -= 1;
                closed = depth == 0;
            }
            i += 1;
            continue;
        }
        if is_open(f) {
            cur.push(c);
            depth = 1;
            i += 1;
            continue;
        }
        let prev = cur.chars().last().map(fold);
        let joins = match prev {
            None => true,
            Some(_) if closed || is_dash(f) => false,
            Some(p) if is_dash(p) => false,
            Some(p) => match (class(p), class(f)) {
                (Class::Digit, Class::Digit) => true,
                // `42,500`, `12.5`: a separator between digits.
                (Class::Digit, Class::Other) => {
                    matches!(f, ',' | '.')
                        && letters
                            .get(i + 1)
                            .is_some_and(|&n| class(n) == Class::Digit)
                }
                (Class::Other, Class::Digit) => matches!(p, ',' | '.') && ends_in_number(&cur),
                // An era's year: `令和 6 年 度`.
                (Class::Letter, Class::Digit) => {
                    let n = normalize(&cur);
                    lexicon::ERAS.iter().any(|e| n.ends_with(e))
                }
                (Class::Letter, Class::Letter) => true,
                // Punctuation ends the word it follows.
                (Class::Letter, Class::Other) => matches!(f, '、' | '。'),
                _ => false,
            },
        };
        if !joins {
            flush(&mut words, &mut cur);
            closed = false;
        }
        if matches!(f, '、' | '。') {
            closed = true;
        }
        cur.push(c);
        // A number's unit: the longest unit (or, after an era's year, date part) that follows.
        i += 1;
        if class(f) == Class::Digit
            && letters
                .get(i)
                .is_none_or(|&n| class(n) != Class::Digit && !matches!(fold(n), ',' | '.'))
        {
            if let Some(k) = unit_after(letters, i, &cur) {
                cur.extend(&letters[i..i + k]);
                i += k;
                closed = true;
            }
        }
    }
    flush(&mut words, &mut cur);
    let mut out = String::new();
    for w in words.iter().flat_map(|w| split_header_words(w)) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w);
    }
    out
}

fn flush(words: &mut Vec<String>, cur: &mut String) {
    if !cur.is_empty() {
        words.push(std::mem::take(cur));
    }
}

/// True when the word ends in a digit (or a digit and the separator being added).
fn ends_in_number(w: &str) -> bool {
    w.trim_end_matches([',', '.', '，', '．'])
        .chars()
        .last()
        .is_some_and(|c| fold(c).is_ascii_digit())
}

/// How many characters from `i` are the unit of the number just read (`人`, `t`, `億円`), or,
/// after an era's year, a date's part (`年度`); the longest such, at most four characters.
fn unit_after(letters: &[char], i: usize, word: &str) -> Option<usize> {
    let after_era = {
        let n = normalize(word);
        let head = n.trim_end_matches(|c: char| c.is_ascii_digit());
        lexicon::ERAS.iter().any(|e| head.ends_with(e))
    };
    let mut best = None;
    let mut w = String::new();
    for k in 1..=4 {
        let Some(&c) = letters.get(i + k - 1) else {
            break;
        };
        if is_gap(c) || is_open(fold(c)) || is_close(fold(c)) || is_dash(fold(c)) {
            break;
        }
        w.push(c);
        let n = normalize(&w);
        if lexicon::is_unit(&n) || (after_era && lexicon::DATE_UNITS.contains(&n.as_str())) {
            best = Some(k);
        }
    }
    best
}

/// A word of letters made of header words only (`指標基準値目標値`, a bracket after the last
/// allowed) cut into them; any other word as it is.
fn split_header_words(w: &str) -> Vec<String> {
    let (stem, tail) = match w.find(['(', '（', '【', '[', '［']) {
        Some(i) => w.split_at(i),
        None => (w, ""),
    };
    let n = normalize(stem);
    let Some(parts) = lexicon::head_words_cover(&n) else {
        return vec![w.to_owned()];
    };
    if parts.len() < 2 {
        return vec![w.to_owned()];
    }
    let mut out: Vec<String> = parts.into_iter().map(str::to_owned).collect();
    if let Some(last) = out.last_mut() {
        last.push_str(tail);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(line: &str) -> String {
        join_line(line).unwrap_or_else(|| line.to_owned())
    }

    #[test]
    fn a_spaced_label_becomes_its_word_and_later_columns_stay_put() {
        let line = "  現 状 値     312    340";
        let out = joined(line);
        assert_eq!(out, "  現状値       312    340");
        assert_eq!(out.find("312"), line.find("312"));
    }

    #[test]
    fn a_label_typed_with_ideographic_spaces_keeps_its_width() {
        // Each ideographic space is two columns wide: four spaces put back.
        assert_eq!(joined("目\u{3000}標\u{3000}値  8"), "目標値      8");
    }

    #[test]
    fn the_start_of_a_label_wrapped_onto_the_next_line_is_joined() {
        assert_eq!(joined("   進 捗    12.0%"), "   進捗     12.0%");
    }

    #[test]
    fn a_label_in_running_text_is_joined_without_padding() {
        assert_eq!(joined("成果 指 標 現状値 41"), "成果 指標 現状値 41");
    }

    #[test]
    fn spaced_characters_that_make_no_label_stay_apart() {
        assert_eq!(join_line("山 田 委員長"), None);
        assert_eq!(join_line("○ ○ ◎"), None);
    }

    #[test]
    fn a_column_of_units_or_grades_printed_in_a_line_stays_apart() {
        assert_eq!(
            joined("単位 件 人 回 人 件 校 現状値 3 4"),
            "単位 件 人 回 人 件 校 現状値 3 4"
        );
        assert_eq!(joined("評価 A B C B A D"), "評価 A B C B A D");
        // Spaced-out text with a unit or two in it is still text.
        assert_eq!(
            joined("河 川 清 掃 参 加 者 数 4 2 人"),
            "河川清掃参加者数 42人"
        );
    }

    #[test]
    fn a_row_of_single_digit_values_is_never_joined() {
        assert_eq!(join_line("通報件数 4 7 9 3 5 8"), None);
    }

    #[test]
    fn spaced_text_is_joined_into_words_numbers_with_units_and_brackets() {
        let line = "前 文 指 標 現 状 値 目 標 値 ( 令 和 9 年 度 ) 登 山 者 数 3 , 4 0 0 人 \
                    ( 令 和 4 年 度 ) 4 , 2 0 0 人 植 樹 本 数 ( 3 年 間 累 計 ) - 6 0 0 本";
        assert_eq!(
            joined(line),
            "前文指標現状値目標値(令和9年度) 登山者数 3,400人(令和4年度) 4,200人 \
             植樹本数(3年間累計) - 600本"
        );
    }

    #[test]
    fn a_run_of_header_words_only_is_cut_into_them() {
        let line = "指 標 現 状 値 目 標 値 ( 令 和 9 年 度 ) 登 山 者 数 3 4 0 人";
        assert_eq!(joined(line), "指標 現状値 目標値(令和9年度) 登山者数 340人");
    }

    #[test]
    fn an_eras_year_outside_brackets_stays_one_word() {
        assert_eq!(
            joined("計 画 期 間 令 和 4 年 度 か ら 1 2 回"),
            "計画期間令和4年度 から 12回"
        );
    }

    #[test]
    fn a_text_without_spaced_runs_is_borrowed() {
        assert!(matches!(join("現状値 312\n目標値 340\n"), Cow::Borrowed(_)));
        assert_eq!(join("a\n目 標 値  8\r\nb"), "a\n目標値    8\r\nb");
    }
}
