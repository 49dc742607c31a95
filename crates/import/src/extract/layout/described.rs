//! A glued list whose rows close with a sentence: what an e-book page gives for a 成果指標一覧
//! whose columns are the name, a description of what the indicator shows, and values with
//! their years in the header (`…指標説明策定時の値(2020年度)中間目標(2024年度)目標値(2028年度)
//! 子育て…の割合安心して…整います。62.4%(2019年度)66%70%保育所等の…`).
//!
//! The header is two value words or more glued one after another, each with its year in
//! brackets (`策定時の値(2020年度)中間目標(2024年度)`), after a name header word (`指標`). Each
//! row is the text up to a sentence's end `。` (the group words, the name and its description,
//! glued: one cell, the name column's) and the values right after it: a number with its unit
//! and, when it is not the header's, its own year in brackets, or a dash; as many as the
//! header has, fewer for a row cut off. A value's unit runs to the next number, bracket or
//! dash; the last value's runs into the next row's words, so it is the unit of the value before
//! it when the text goes on with that, else the longest unit the lexicon knows.
//!
//! Two rows at least, or nothing is cut; the words before the header stay text.

use super::{collapse, row, Source};
use crate::extract::lexicon;
use crate::extract::text::{Line, Split};

/// The most characters of a line read.
const MAX_CHARS: usize = 16_384;

/// The most characters of a header value word (`策定時の値`).
const MAX_HEAD_WORD: usize = 8;

/// The most characters of a unit.
const MAX_UNIT: usize = 4;

/// Reads the glued list in line `i` into `out`; the number of lines used (1), or `None`.
pub fn block(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    let s = src.get(i)?;
    if s.norm.contains(['\t', '|']) || !s.norm.contains('。') {
        return None;
    }
    let chars: Vec<char> = s.norm.chars().take(MAX_CHARS).collect();
    let (name_at, heads, body) = header(&chars)?;
    let rows = rows(&chars[body..], heads.len())?;
    let before: String = chars[..name_at].iter().collect();
    if !before.trim().is_empty() {
        out.push(row(
            s.no,
            s.raw.to_owned(),
            vec![collapse(&before)],
            Split::AsWritten,
        ));
    }
    let n = heads.len() + 1;
    let mut head = vec![lexicon::INDICATOR_NAME_HEADERS[0].to_owned()];
    head.extend(heads);
    out.push(row(
        s.no,
        s.raw.to_owned(),
        head,
        Split::Glued { columns: n },
    ));
    for r in rows {
        out.push(row(s.no, s.raw.to_owned(), r, Split::Glued { columns: n }));
    }
    Some(1)
}

/// Where the header's words start, its value words with their years, and where the rows
/// start.
fn header(chars: &[char]) -> Option<(usize, Vec<String>, usize)> {
    // Every value word with its year, as (start, end, cell).
    let heads: Vec<(usize, usize, String)> = (0..chars.len())
        .filter(|&p| chars[p] == '(')
        .filter_map(|p| value_head(chars, p))
        .collect();
    let mut k = 0;
    while k < heads.len() {
        let mut e = k + 1;
        while e < heads.len() && heads[e].0 == heads[e - 1].1 {
            e += 1;
        }
        if e - k >= 2 {
            let first = heads[k].0;
            // The name header word before the values (`指標`, spaced or not).
            let before: String = chars[..first].iter().collect();
            let name = lexicon::INDICATOR_NAME_HEADERS
                .iter()
                .filter_map(|w| before.rfind(w))
                .max()?;
            let start = before[..name].chars().count();
            let cells = heads[k..e].iter().map(|h| h.2.clone()).collect();
            return Some((start, cells, heads[e - 1].1));
        }
        k = e;
    }
    None
}

/// The value header word glued before the bracket at `open`, with its year in the bracket
/// (`中間目標(2024年度)`): where it starts, where it ends, and the cell. The word is the
/// longest run before the bracket that the lexicon knows as a value word, or that opens with
/// a baseline or target word and ends in `値` (`策定時の値`).
fn value_head(chars: &[char], open: usize) -> Option<(usize, usize, String)> {
    let close = (open..(open + 9).min(chars.len())).find(|&j| chars[j] == ')')?;
    let inner: String = chars[open + 1..close].iter().collect();
    let digits = inner.trim_end_matches("年度").trim_end_matches('年');
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // The longest such run: a shorter one (`値` of `目標値`) would leave words behind.
    let start = (open.saturating_sub(MAX_HEAD_WORD)..open).find(|&j| {
        let word: String = chars[j..open].iter().collect();
        let opening: String = word.chars().take(2).collect();
        !word
            .chars()
            .any(|c| c.is_ascii_digit() || c.is_whitespace() || matches!(c, '(' | ')'))
            && (lexicon::head_word(&word) == Some(lexicon::HeadKind::Value)
                || (word.ends_with('値')
                    && (lexicon::has_any(&opening, lexicon::BASELINE_HEADERS)
                        || lexicon::has_any(&opening, lexicon::TARGET_HEADERS))))
    })?;
    Some((start, close + 1, chars[start..=close].iter().collect()))
}

/// The rows of the body: each sentence's text and the values after it.
fn rows(body: &[char], n: usize) -> Option<Vec<Vec<String>>> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut k = 0;
    while k < body.len() {
        if body[k] != '。' || !body.get(k + 1).is_some_and(|c| opens_value(*c)) {
            k += 1;
            continue;
        }
        let (values, end) = values(body, k + 1, n);
        if values.is_empty() {
            k += 1;
            continue;
        }
        let text: String = body[start..=k].iter().collect();
        let mut r = vec![collapse(&text)];
        r.extend(values);
        out.push(r);
        start = end;
        k = end;
    }
    (out.len() >= 2).then_some(out)
}

fn opens_value(c: char) -> bool {
    c.is_ascii_digit() || is_dash(c)
}

fn is_dash(c: char) -> bool {
    matches!(c, '―' | '-' | '—' | '−' | '‐')
}

/// Up to `n` values from `at`: each a dash, or a number, its unit and its own year in
/// brackets; and where they end.
fn values(body: &[char], at: usize, n: usize) -> (Vec<String>, usize) {
    let mut out: Vec<String> = Vec::new();
    let mut units: Vec<String> = Vec::new();
    let mut k = at;
    while out.len() < n && k < body.len() {
        if is_dash(body[k]) {
            out.push(body[k].to_string());
            units.push(String::new());
            k += 1;
            continue;
        }
        let num_start = k;
        while k < body.len() && (body[k].is_ascii_digit() || matches!(body[k], ',' | '.')) {
            k += 1;
        }
        if k == num_start || !body[num_start].is_ascii_digit() {
            break;
        }
        let unit_start = k;
        while k < body.len()
            && k - unit_start < MAX_UNIT
            && !body[k].is_ascii_digit()
            && !is_dash(body[k])
            && body[k] != '('
        {
            k += 1;
        }
        // The unit ends at a number, a bracket or a dash; where it does not (the next row's
        // words follow), it is the unit before it, or the longest the lexicon knows.
        let bounded = body
            .get(k)
            .is_none_or(|c| c.is_ascii_digit() || is_dash(*c) || *c == '(');
        if !bounded {
            let run: String = body[unit_start..k].iter().collect();
            let prev = units.iter().rev().find(|u| !u.is_empty());
            let len = match prev {
                Some(u) if run.starts_with(u.as_str()) => u.chars().count(),
                _ => (1..=run.chars().count())
                    .rev()
                    .find(|&l| lexicon::is_unit(&run.chars().take(l).collect::<String>()))
                    .unwrap_or(0),
            };
            k = unit_start + len;
        }
        let unit: String = body[unit_start..k].iter().collect();
        let mut value: String = body[num_start..k].iter().collect();
        if body.get(k) == Some(&'(') {
            if let Some(close) = (k..(k + 10).min(body.len())).find(|&j| body[j] == ')') {
                let inner: String = body[k + 1..close].iter().collect();
                if inner.contains('年') {
                    value.push_str(&body[k..=close].iter().collect::<String>());
                    k = close + 1;
                }
            }
        }
        out.push(value);
        units.push(unit);
    }
    (out, k)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<Vec<String>> {
        let src = super::super::sources(text);
        let mut out = Vec::new();
        let _ = block(&src, 0, &mut out);
        out.into_iter().map(|l| l.cells).collect()
    }

    #[test]
    fn glued_rows_closing_with_a_sentence_are_cut_before_their_values() {
        let rows = cut("12資料編分野指標説明策定時の値(2021年度)目標値(2027年度)\
             農業新規就農者数農業の担い手が確保されます。8人(2020年度)15人\
             認定農業者数経営改善に取り組む農家が増えます。210経営体230経営体観光宿泊者数\
             滞在型の観光が広がります。―40万人");
        assert_eq!(rows[0], ["12資料編分野"]);
        assert_eq!(
            rows[1],
            ["指標", "策定時の値(2021年度)", "目標値(2027年度)"]
        );
        assert_eq!(
            rows[2],
            [
                "農業新規就農者数農業の担い手が確保されます。",
                "8人(2020年度)",
                "15人"
            ]
        );
        assert_eq!(
            rows[3],
            [
                "認定農業者数経営改善に取り組む農家が増えます。",
                "210経営体",
                "230経営体"
            ]
        );
        assert_eq!(
            rows[4],
            ["観光宿泊者数滞在型の観光が広がります。", "―", "40万人"]
        );
    }

    #[test]
    fn one_sentence_with_numbers_is_no_list() {
        assert!(cut("指標現状値(2021年度)目標値(2027年度)人口が増えます。8人").is_empty());
    }
}
