//! A table whose cells are glued together with no separator at all: what some web pages and
//! e-books give when their text is copied, the header one word of header words
//! (`指標名単位本市の値…`) and every row's cells run into the next
//! (`供給単価円/m3168.422/38181.6給水収益/…よい給水原価円/m3…`).
//!
//! The header is a word that header words of the lexicon cover exactly
//! ([`lexicon::head_words_cover`]), three at least: a name column first, then a unit column,
//! then one or more columns of numbers (a value word, or a word ending in `値`) or of ranks (a
//! word ending in `順位`, cells `NN/NN`), then any columns of text. The word after it holds the
//! rows. Each row is found where a unit core knows stands right after letters and right before
//! a digit; the digits after it (with `.`, `,` and `/`) are cut into the number and rank
//! columns. A run of digits can be cut several ways (`168.422/38181.6`), so the cut taken is
//! the one whose shapes the other rows share: the same decimal places in a column of numbers,
//! the same count under a rank (`22/38`, `19/38`), never a rank above its count nor a number
//! with a leading zero. The text between two rows' numbers is the first row's text columns and
//! the second row's name: the name starts after the last phrase that ends a direction cell
//! ([`lexicon::DIRECTION_PHRASE_ENDS`], `…ほどよい`), and is the letters at its end; a direction
//! phrase (`低い方がよい`, [`lexicon::DIRECTION_PHRASE_STARTS`]) is the last text column, the
//! rest of the text the first.
//!
//! Two rows at least, or nothing is cut. The words before the header and after the rows stay
//! text on lines of their own.

use super::tokens::tokens;
use super::{row, text, Source};
use crate::extract::lexicon::{self, head_word, HeadKind};
use crate::extract::scan::{is_kana, is_kanji};
use crate::extract::text::{Line, Split};

/// The most words a line may have.
const MAX_WORDS: usize = 2048;

/// The most characters a glued header may have.
const MAX_HEADER_CHARS: usize = 96;

/// The most characters of glued rows read.
const MAX_BODY_CHARS: usize = 16_384;

/// The most characters of one row's digits.
const MAX_DIGITS: usize = 40;

/// The most ways of cutting one row's digits that are looked at.
const MAX_CUTS: usize = 64;

/// What a column's cells look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Name,
    Unit,
    /// A number; its cells compared by their decimal places.
    Number,
    /// A rank among a count (`22/38`); its cells compared by the count.
    Rank,
    Text,
}

/// Reads the glued table in line `i` into `out`; the number of lines used (1), or `None`.
pub fn block(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    let s = src.get(i)?;
    if s.norm.contains(['\t', '|']) {
        return None;
    }
    let toks = tokens(s.raw, MAX_WORDS)?;
    for (h, t) in toks.iter().enumerate() {
        let Some((heads, shapes)) = header(&t.text) else {
            continue;
        };
        let Some(body) = toks.get(h + 1) else {
            continue;
        };
        let Some(rows) = rows(&body.text, &shapes) else {
            continue;
        };
        let n = heads.len();
        if h > 0 {
            out.push(text(s, &toks[..h]));
        }
        out.push(row(
            s.no,
            s.raw.to_owned(),
            heads,
            Split::Glued { columns: n },
        ));
        for r in rows {
            out.push(row(s.no, s.raw.to_owned(), r, Split::Glued { columns: n }));
        }
        if h + 2 < toks.len() {
            out.push(text(s, &toks[h + 2..]));
        }
        return Some(1);
    }
    None
}

/// The header's words and their columns' shapes, when `word` is a glued header.
fn header(word: &str) -> Option<(Vec<String>, Vec<Shape>)> {
    let n = word.chars().count();
    if !(6..=MAX_HEADER_CHARS).contains(&n) || word.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let parts = lexicon::head_words_cover(word)?;
    if parts.len() < 3 {
        return None;
    }
    let shapes: Vec<Shape> = parts.iter().map(|p| shape(p)).collect();
    // A name, a unit, numbers, then text.
    let numbers = shapes
        .iter()
        .skip(2)
        .take_while(|s| matches!(s, Shape::Number | Shape::Rank))
        .count();
    let fits = shapes.first() == Some(&Shape::Name)
        && shapes.get(1) == Some(&Shape::Unit)
        && numbers > 0
        && shapes.iter().skip(2 + numbers).all(|s| *s == Shape::Text);
    fits.then(|| (parts.into_iter().map(str::to_owned).collect(), shapes))
}

fn shape(word: &str) -> Shape {
    if word.ends_with("順位") {
        return Shape::Rank;
    }
    match head_word(word) {
        Some(HeadKind::Name) => Shape::Name,
        Some(HeadKind::Unit) => Shape::Unit,
        Some(HeadKind::Value) => Shape::Number,
        _ if word.ends_with('値') => Shape::Number,
        _ => Shape::Text,
    }
}

/// One row found in the glued text: where its unit starts (chars), where its digits end, and
/// the ways its digits can be cut.
struct Anchor {
    unit_at: usize,
    unit_end: usize,
    digits_end: usize,
    cuts: Vec<Vec<(String, usize)>>,
}

/// The rows of the glued `body` under a header of `shapes`; `None` when fewer than two.
fn rows(body: &str, shapes: &[Shape]) -> Option<Vec<Vec<String>>> {
    let chars: Vec<char> = body.chars().take(MAX_BODY_CHARS).collect();
    let numeric: Vec<Shape> = shapes
        .iter()
        .copied()
        .filter(|s| matches!(s, Shape::Number | Shape::Rank))
        .collect();
    let texts = shapes.iter().filter(|s| **s == Shape::Text).count();
    let anchors = anchors(&chars, &numeric);
    if anchors.len() < 2 {
        return None;
    }
    // Each column's most common shape (decimal places, a rank's count) among the rows.
    let mut common = Vec::with_capacity(numeric.len());
    for col in 0..numeric.len() {
        let mut counts: Vec<(usize, usize)> = Vec::new();
        for a in &anchors {
            let mut seen: Vec<usize> = a.cuts.iter().map(|c| c[col].1).collect();
            seen.sort_unstable();
            seen.dedup();
            for v in seen {
                match counts.iter_mut().find(|(k, _)| *k == v) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((v, 1)),
                }
            }
        }
        common.push(counts.iter().max_by_key(|(_, n)| *n).map(|(k, _)| *k));
    }
    let mut out = Vec::with_capacity(anchors.len());
    let mut from = 0;
    for (k, a) in anchors.iter().enumerate() {
        let seg: String = chars[from..a.unit_at].iter().collect();
        let (trailing, name) = if k == 0 {
            (String::new(), seg)
        } else {
            split_name(&seg)
        };
        if k > 0 {
            if let Some(prev) = out.last_mut() {
                fill_texts(prev, &trailing, texts);
            }
        }
        if name.is_empty() {
            return None;
        }
        let cut = a
            .cuts
            .iter()
            .max_by_key(|c| {
                c.iter()
                    .zip(&common)
                    .filter(|((_, v), m)| Some(*v) == **m)
                    .count()
            })
            .cloned()
            .unwrap_or_default();
        let mut r = vec![name, chars[a.unit_at..a.unit_end].iter().collect()];
        r.extend(cut.into_iter().map(|(t, _)| t));
        out.push(r);
        from = a.digits_end;
    }
    let last: String = chars[from..].iter().collect();
    if let Some(prev) = out.last_mut() {
        fill_texts(prev, &last, texts);
    }
    Some(out)
}

/// Where rows start: a unit after letters, before digits that cut into the number columns.
fn anchors(chars: &[char], numeric: &[Shape]) -> Vec<Anchor> {
    let mut out = Vec::new();
    let mut p = 1;
    while p < chars.len() {
        if !is_name_char(chars[p - 1]) {
            p += 1;
            continue;
        }
        let unit_len = (1..=6)
            .filter(|&l| {
                chars.get(p + l).is_some_and(char::is_ascii_digit)
                    && lexicon::is_unit(&chars[p..p + l].iter().collect::<String>())
            })
            .max();
        let Some(l) = unit_len else {
            p += 1;
            continue;
        };
        let start = p + l;
        let mut end = start;
        while end < chars.len()
            && end - start < MAX_DIGITS
            && (chars[end].is_ascii_digit() || matches!(chars[end], '.' | ',' | '/'))
        {
            end += 1;
        }
        // A trailing separator belongs to the text after (`…100/年間…` is no digit).
        while end > start && !chars[end - 1].is_ascii_digit() {
            end -= 1;
        }
        let mut cuts = Vec::new();
        cut_into(&chars[start..end], numeric, &mut Vec::new(), &mut cuts);
        if cuts.is_empty() {
            p += 1;
            continue;
        }
        out.push(Anchor {
            unit_at: p,
            unit_end: start,
            digits_end: end,
            cuts,
        });
        p = end;
    }
    out
}

/// The ways `digits` cut into cells of `shapes` (at most [`MAX_CUTS`]), each cell with its
/// shape's measure (decimal places, a rank's count), added to `out` after the cells `done`.
fn cut_into(
    digits: &[char],
    shapes: &[Shape],
    done: &mut Vec<(String, usize)>,
    out: &mut Vec<Vec<(String, usize)>>,
) {
    let Some((&first, rest)) = shapes.split_first() else {
        if digits.is_empty() && out.len() < MAX_CUTS {
            out.push(done.clone());
        }
        return;
    };
    for len in 1..=digits.len() {
        if out.len() >= MAX_CUTS {
            return;
        }
        let head = &digits[..len];
        let Some(measure) = (match first {
            Shape::Rank => rank(head),
            _ => number(head),
        }) else {
            continue;
        };
        done.push((head.iter().collect(), measure));
        cut_into(&digits[len..], rest, done, out);
        done.pop();
    }
}

/// The decimal places of a number as tables print one (`1,234.5`, `98.5`, `7`); `None` for
/// anything else, a leading zero included (`05`).
fn number(c: &[char]) -> Option<usize> {
    let s: String = c.iter().collect();
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let int_ok = match groups.split_first() {
        Some((g, rest)) => {
            !g.is_empty()
                && g.len() <= if rest.is_empty() { 12 } else { 3 }
                && g.bytes().all(|b| b.is_ascii_digit())
                && !(g.len() > 1 && g.starts_with('0'))
                && rest
                    .iter()
                    .all(|r| r.len() == 3 && r.bytes().all(|b| b.is_ascii_digit()))
        }
        None => false,
    };
    match frac {
        _ if !int_ok => None,
        None => Some(0),
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => Some(f.len()),
        Some(_) => None,
    }
}

/// The count of a rank (`22/38` → 38); `None` unless it is a rank no greater than its count.
fn rank(c: &[char]) -> Option<usize> {
    let s: String = c.iter().collect();
    let (a, b) = s.split_once('/')?;
    let digits =
        |x: &str| !x.is_empty() && x.bytes().all(|b| b.is_ascii_digit()) && !x.starts_with('0');
    if !digits(a) || !digits(b) || b.len() > 6 {
        return None;
    }
    let (a, b): (usize, usize) = (a.parse().ok()?, b.parse().ok()?);
    (a <= b).then_some(b)
}

/// A character a name is made of: kanji, kana, the middle dot and long-vowel mark.
fn is_name_char(c: char) -> bool {
    is_kanji(c) || is_kana(c) || matches!(c, 'ー' | '・')
}

/// The text between two rows' numbers cut into the first row's text columns and the second
/// row's name.
fn split_name(seg: &str) -> (String, String) {
    let after_phrase = lexicon::DIRECTION_PHRASE_ENDS
        .iter()
        .filter_map(|w| seg.rfind(w).map(|i| i + w.len()))
        .max()
        .unwrap_or(0);
    let tail = &seg[after_phrase..];
    let name_len: usize = tail
        .chars()
        .rev()
        .take_while(|&c| is_name_char(c))
        .map(char::len_utf8)
        .sum();
    let at = seg.len() - name_len;
    (seg[..at].to_owned(), seg[at..].to_owned())
}

/// A row's text columns from the text after its numbers: a direction phrase at its end is the
/// last column, the rest the first.
fn fill_texts(r: &mut Vec<String>, text: &str, columns: usize) {
    if columns == 0 {
        return;
    }
    let mut cells = vec![String::new(); columns];
    let ends = lexicon::DIRECTION_PHRASE_ENDS
        .iter()
        .any(|w| text.ends_with(w));
    let start = lexicon::DIRECTION_PHRASE_STARTS
        .iter()
        .filter_map(|w| text.rfind(w))
        .max()
        .filter(|_| ends && columns > 1);
    match start {
        Some(i) => {
            cells[0] = text[..i].to_owned();
            cells[columns - 1] = text[i..].to_owned();
        }
        None => cells[0] = text.to_owned(),
    }
    r.extend(cells);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(raw: &str) -> Vec<Vec<String>> {
        let src = super::super::sources(raw);
        let mut out = Vec::new();
        let _ = block(&src, 0, &mut out);
        out.into_iter().map(|l| l.cells).collect()
    }

    #[test]
    fn glued_rows_are_cut_by_the_units_and_the_shapes_the_rows_share() {
        // `212.915/40` could be 212.9 with 15/40 or 212.91 with 5/40: the other rows have
        // one decimal place.
        let rows = cut(
            "表1 指標の状況 指標名単位本県の値全国順位全国平均値算出式望ましい方向 \
             汚水処理人口普及率%212.915/40205.3処理人口/総人口×100高いほどよい\
             下水道使用料単価円/m388.47/4091.0使用料収入/有収水量低い方がよい",
        );
        assert_eq!(rows[0], ["表1 指標の状況"]);
        assert_eq!(
            rows[1],
            [
                "指標名",
                "単位",
                "本県の値",
                "全国順位",
                "全国平均値",
                "算出式",
                "望ましい方向"
            ]
        );
        assert_eq!(
            rows[2],
            [
                "汚水処理人口普及率",
                "%",
                "212.9",
                "15/40",
                "205.3",
                "処理人口/総人口×100",
                "高いほどよい"
            ]
        );
        assert_eq!(
            rows[3],
            [
                "下水道使用料単価",
                "円/m3",
                "88.4",
                "7/40",
                "91.0",
                "使用料収入/有収水量",
                "低い方がよい"
            ]
        );
    }

    #[test]
    fn a_rank_above_its_count_and_a_leading_zero_are_no_cut() {
        assert_eq!(rank(&['4', '1', '/', '4', '0']), None);
        assert_eq!(rank(&['4', '/', '4', '0']), Some(40));
        assert_eq!(number(&['0', '5']), None);
        assert_eq!(number(&['1', ',', '2', '0', '0', '.', '5']), Some(1));
    }

    #[test]
    fn a_long_run_of_digits_is_cut_in_bounded_time() {
        let digits = "1".repeat(40);
        let line = format!("指標名単位本県の値全国平均値 処理率%{digits}処理量t{digits}");
        let _ = cut(&line);
    }

    #[test]
    fn one_glued_row_alone_is_not_cut() {
        assert!(cut("指標名単位本県の値全国平均値 汚水処理人口普及率%88.491.0").is_empty());
    }
}
