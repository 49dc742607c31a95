//! A table flattened row by row with a single space between cells, under a line of its column
//! headings (`項目 目標数値 実績 比較` over `経常収支比率 100.4% 97.2% ▲3.2`), as a web page's
//! text gives a small table; and two such tables printed side by side, under one line of their
//! headings twice (`項目 目標数値 実績 比較 項目 目標数値 実績 比較`), each line a row of the left
//! table then one of the right.
//!
//! The heading line opens with a name heading ([`HeadKind::Name`]: `項目`, `指標名`) and the
//! others head values — a header word of values, a year with what its figure is (`R4実績`), a
//! bare year (`令和4年`: that year's figure), or a word with a target, actual, baseline or
//! difference word in it (`目標数値`, `比較`,
//! [`lexicon::DIFFERENCE_HEADS`]) — with a target and an actual or baseline among them. Under
//! it each row is the words of a name (over one line or several: a name spanning two rows
//! breaks the line, `1日平均` / `患者数(人)`) followed by as many numbers or dashes as value
//! headings; every row found on a line is a row of the table, in the order printed. The table
//! ends at a blank line or at a line that is neither rows nor a name's words, and the lines
//! after its last row are not its own.
//!
//! Only words a single space apart are read (a run of spaces is a layout's column edge), and
//! this reader is tried before the reader of aligned spaces (`spaces.rs`), which cuts a
//! single-spaced line by the kinds of its words and would glue a bare year to the heading
//! before it.

use super::beneath::year_heading;
use super::tokens::{single_spaced, tokens, Kind, Token};
use super::{row, Source};
use crate::extract::lexicon::{self, head_word, HeadKind};
use crate::extract::text::{Line, Split};

/// The most words a heading line or a line of rows may have.
const MAX_WORDS: usize = 40;

/// The most lines the rows of one such table may take.
const MAX_LINES: usize = 400;

/// The most words a line of a name's words alone may have.
const MAX_NAME_WORDS: usize = 3;

/// The most characters of a row's name.
const MAX_NAME_CHARS: usize = 60;

/// Reads the table at `i` into `out`; the number of lines used.
pub fn block(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    let first = src.get(i)?;
    let toks = tokens(first.raw, MAX_WORDS)?;
    // Words a run of spaces apart are columns laid out (`pdftotext -layout`): not this.
    if !single_spaced(&toks) {
        return None;
    }
    let heads = headings(&toks)?;
    let k = heads.len();
    let mut rows: Vec<(usize, String, Vec<String>, Vec<usize>)> = Vec::new();
    let mut name: Vec<String> = Vec::new();
    let mut name_lines: Vec<usize> = Vec::new();
    let mut end = i + 1;
    let mut j = i + 1;
    while let Some(l) = src.get(j) {
        if l.is_blank() || j - i > MAX_LINES {
            break;
        }
        let Some(words) = tokens(l.raw, MAX_WORDS).filter(|w| single_spaced(w)) else {
            break;
        };
        let mut found = false;
        let mut w = 0;
        while w < words.len() {
            let t = &words[w];
            if is_value(t) {
                let mut run = words[w..].iter().take_while(|t| is_value(t)).count();
                // One word more at the end of the line is the next name's first, though it
                // opens with a figure (`1日平均`).
                if run == k && w + run == words.len() {
                    run = k - 1;
                }
                let joined: String = name.concat();
                if run != k - 1 || name.is_empty() || joined.chars().count() > MAX_NAME_CHARS {
                    // Values out of step with the headings: no row of this table.
                    name.clear();
                    break;
                }
                let mut lines = std::mem::take(&mut name_lines);
                lines.push(l.no);
                let values = words[w..w + run].iter().map(|t| t.text.clone()).collect();
                rows.push((l.no, joined, values, lines));
                name.clear();
                found = true;
                w += run;
                if let Some(next) = words.get(w).filter(|t| w + 1 == words.len() && is_value(t)) {
                    name.push(next.text.clone());
                    name_lines.push(l.no);
                    w += 1;
                }
            } else {
                name.push(t.text.clone());
                if name_lines.last() != Some(&l.no) {
                    name_lines.push(l.no);
                }
                w += 1;
            }
        }
        if found {
            end = j + 1;
        } else if !(words.len() <= MAX_NAME_WORDS && words.iter().all(|t| !is_value(t))) {
            break;
        }
        j += 1;
    }
    if rows.is_empty() {
        return None;
    }
    let split = Split::RunOn { columns: k };
    out.push(row(first.no, first.raw.to_owned(), heads, split.clone()));
    for (no, name, values, lines) in rows {
        let raw = src
            .iter()
            .filter(|s| lines.contains(&s.no))
            .map(|s| s.raw)
            .collect::<Vec<_>>()
            .join("\n");
        let mut cells = vec![name];
        cells.extend(values);
        out.push(row(no, raw, cells, split.clone()));
    }
    Some(end - i)
}

/// The headings of one table when `toks` are a name heading and value headings, or those
/// twice (two tables side by side); `None` for any other line.
fn headings(toks: &[Token]) -> Option<Vec<String>> {
    // A bracket printed a space after its word is the word's (`基準値 (平成30年)`).
    let mut words: Vec<String> = Vec::with_capacity(toks.len());
    for t in toks {
        match words.last_mut() {
            Some(w) if t.kind == Kind::Paren && t.spaces == 1 => w.push_str(&t.text),
            _ => words.push(t.text.clone()),
        }
    }
    let n = words.len();
    let texts: Vec<&str> = words.iter().map(String::as_str).collect();
    let half = n / 2;
    let one = if n.is_multiple_of(2) && half >= 3 && texts[..half] == texts[half..] {
        &texts[..half]
    } else {
        &texts[..]
    };
    let (first, rest) = one.split_first()?;
    if rest.len() < 2 || head_word(first) != Some(HeadKind::Name) {
        return None;
    }
    if !rest.iter().all(|t| value_heading(t)) {
        return None;
    }
    let has = |words: &[&str]| rest.iter().any(|t| words.iter().any(|w| t.contains(w)));
    if !(has(lexicon::TARGET_HEADERS) && has(&["実績", "現状", "現況", "基準", "策定", "直近"]))
    {
        return None;
    }
    Some(one.iter().map(|t| (*t).to_owned()).collect())
}

/// A heading over values: a header word of values, a year with what its figure is, or a word
/// with a value or difference word in it.
fn value_heading(t: &str) -> bool {
    t.chars().count() <= 12
        && (head_word(t) == Some(HeadKind::Value)
            || year_heading(t)
            || super::tokens::is_year(t)
            || lexicon::has_any(t, lexicon::VALUE_WORDS)
            || lexicon::has_any(t, lexicon::TARGET_HEADERS)
            || lexicon::DIFFERENCE_HEADS.contains(&t))
}

/// A value cell: a number with or without its unit or sign, or a dash.
fn is_value(t: &Token) -> bool {
    matches!(t.kind, Kind::Num | Kind::Dash)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> (Vec<Vec<String>>, Option<usize>) {
        let src = super::super::sources(text);
        let mut out = Vec::new();
        let used = block(&src, 0, &mut out);
        (out.into_iter().map(|l| l.cells).collect(), used)
    }

    #[test]
    fn bare_years_head_their_figures_and_a_laid_out_table_is_not_this() {
        let (rows, used) = cut(
            "目標指標 基準値 (平成30年) 令和4年 令和5年 目標値(令和7年) 達成率\n\
             観光入込客数(万人) 1,012 688 941 1,050 89.6%\n\
             観光客満足度(%) 82.4 80.9 84.1 85.0 98.9%\n",
        );
        assert_eq!(used, Some(3));
        assert_eq!(
            rows[0],
            [
                "目標指標",
                "基準値(平成30年)",
                "令和4年",
                "令和5年",
                "目標値(令和7年)",
                "達成率"
            ]
        );
        assert_eq!(
            rows[2],
            ["観光客満足度(%)", "82.4", "80.9", "84.1", "85.0", "98.9%"]
        );
        // Runs of spaces are a layout's columns, read by the layout's own reader.
        let (_, used) = cut("指標   基準値   目標値\n交通事故死傷者数   412   330\n");
        assert_eq!(used, None);
    }

    #[test]
    fn rows_a_single_space_apart_under_their_headings() {
        let (rows, used) = cut("項目 目標値 実績 比較\n\
             経常収支比率 100.4% 97.2% ▲3.2\n\
             病床利用率 82.4% 74.0% ▲8.4\n\
             特記事項 ・経常収支比率は目標を下回った。\n");
        assert_eq!(rows[0], ["項目", "目標値", "実績", "比較"]);
        assert_eq!(rows[1], ["経常収支比率", "100.4%", "97.2%", "▲3.2"]);
        assert_eq!(rows[2], ["病床利用率", "82.4%", "74.0%", "▲8.4"]);
        assert_eq!(used, Some(3));
    }

    #[test]
    fn two_tables_side_by_side_under_their_headings_twice() {
        let (rows, used) = cut("項目 目標数値 実績 比較 項目 目標数値 実績 比較\n\
             経常収支比率 100.4% 97.2% ▲3.2 1日平均\n\
             患者数(人)\n\
             入院 42 38.5 ▲3.5\n\
             材料費比率 16.0% 17.1% 1.1 救急車搬送受入数(件) 60 66 6\n\
             \n");
        assert_eq!(rows[0], ["項目", "目標数値", "実績", "比較"]);
        assert_eq!(rows[1], ["経常収支比率", "100.4%", "97.2%", "▲3.2"]);
        // A name spanning two rows breaks the line: its words are the row's name.
        assert_eq!(rows[2], ["1日平均患者数(人)入院", "42", "38.5", "▲3.5"]);
        assert_eq!(rows[3], ["材料費比率", "16.0%", "17.1%", "1.1"]);
        assert_eq!(rows[4], ["救急車搬送受入数(件)", "60", "66", "6"]);
        assert_eq!(used, Some(5));
    }

    #[test]
    fn lines_that_are_no_such_table_are_left_alone() {
        for text in [
            // No name heading first.
            "目標値 実績 比較\n経常収支比率 100.4% 97.2% ▲3.2\n",
            // No actual or baseline heading.
            "項目 目標値 比較\n経常収支比率 100.4% ▲3.2\n",
            // Values out of step with the headings.
            "項目 目標値 実績 比較\n経常収支比率 100.4% 97.2%\n",
            // Prose under the headings.
            "項目 目標値 実績 比較\n収支は目標を下回ったが、改善している。\n",
        ] {
            assert_eq!(cut(text).1, None, "{text}");
        }
    }
}
