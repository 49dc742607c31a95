//! A table flattened out of a web page: its header cells a few to a line, and each row's cells
//! run on over lines with single spaces.
//!
//! Copying a page's table as text leaves every cell as the words it holds, one space or one
//! line break apart: a header cell broken by its own line break (`策定時の値` / `(年度)`), the
//! header's second row (`指標項目 最終目標値`) printed after the first, a row's name wrapped
//! with its unit on a line of its own (`(ha/年)※`), an empty cell as a line of a no-break
//! space, and the cells of the header's second row printed on a line after the row's first
//! cells (`1,820 2,140 2,300` / `2,600`).
//!
//! The header is two to [`MAX_HEAD_LINES`] lines of header words ([`loose_head`]: a lexicon
//! word, or a word ending in one, `年度目標値`, `R7の目標値`, `策定時の値`, note marks `*2`
//! dropped), two on its first line at least, at most one empty line between two of them, each
//! bracket joining the word before it (`策定時の値 (年度)`); it starts with a word heading the
//! names and has two value columns at least. A word heading the names after the first is the
//! first column named again (the header's second row) and makes no column. Its columns, in the
//! order printed, are the value columns and the text columns (`備考`).
//!
//! Under it, a line starting with a word starts a row: its name (words, and a bracket on the
//! next line), then every number, dash or year up to the next line starting with a word, and
//! the words printed after a value (a note). The values fill the value columns in order and
//! the note the first text column; a row without a value is a group heading (`(1)森林の整備`),
//! a row of one cell padded to the header's width so the table goes on. Nothing is cut when a
//! row's values are more or fewer than the value columns, or a note has no column: the count
//! is the only evidence of where the cells are. Words a run of spaces apart are columns laid
//! out (`pdftotext -layout`), never this rendering. The table ends at an empty line (a line of
//! no-break spaces is an empty cell, not the end), a line with a tab or a pipe, or a line of
//! more words than a row has cells.

use super::tokens::{single_spaced, tokens, Kind, Token};
use super::{cell, join_wrapped, row, Source};
use crate::extract::lexicon::{head_kind, head_word, HeadKind, NAME_HEADS, VALUE_HEADS};
use crate::extract::text::{Line, Split};

/// The most lines a header may be printed over.
const MAX_HEAD_LINES: usize = 10;

/// The most columns a header may have.
const MAX_COLUMNS: usize = 12;

/// The most characters of a group heading (`(2)生物多様性の保全`) among the rows.
const MAX_GROUP_CHARS: usize = 40;

/// The most lines one row may be printed over.
const MAX_ROW_LINES: usize = 8;

/// The kind of column a word of a flattened header heads: a lexicon header word, or a word
/// ending in one (`年度目標値`, `R7の目標値`, `施策項目`), its note marks (`*2`, `※`) and a
/// trailing bracket dropped; `None` for any other word.
pub fn loose_head(word: &str) -> Option<HeadKind> {
    let w = without_marks(word);
    let w = match w.find(['(', '【']) {
        Some(i) if i > 0 && w.ends_with([')', '】']) => &w[..i],
        _ => w,
    };
    if let Some(h) = head_word(w) {
        return Some(h);
    }
    // `R7の目標値`, `年度目標値`; `策定時の値`.
    let ends_in_value = VALUE_HEADS
        .iter()
        .any(|h| h.ends_with('値') && w.ends_with(h));
    let value_of = w.ends_with("の値") && head_kind(w).is_some();
    if ends_in_value || value_of {
        Some(HeadKind::Value)
    } else if NAME_HEADS.iter().any(|h| w.ends_with(h)) && w.chars().count() <= 6 {
        Some(HeadKind::Name)
    } else {
        None
    }
}

/// A word without its trailing note marks (`現況値*3` → `現況値`, `割合※1` → `割合`).
fn without_marks(w: &str) -> &str {
    let t = w.trim_end_matches(|c: char| c.is_ascii_digit());
    match t.strip_suffix(['*', '※']) {
        Some(rest) => rest.trim_end_matches(['*', '※']),
        None => w,
    }
}

/// A line with nothing in it, not even a no-break space: the end of a flattened table.
fn is_empty(s: &Source<'_>) -> bool {
    s.raw
        .trim_matches(|c: char| c == ' ' || c == '\t' || c == '\r' || c == '\u{3000}')
        .is_empty()
}

/// A bracket alone, with its note marks (`(ha/年)※`, `(年度)`): part of the word before it.
fn is_bracket(t: &Token) -> bool {
    t.kind == Kind::Paren && without_marks(&t.text).ends_with([')', '】', ']'])
}

/// A cell of values: a number, a dash or a year.
fn is_value(t: &Token) -> bool {
    matches!(t.kind, Kind::Num | Kind::Dash | Kind::Year)
}

/// The header: each column's kind and text, and how many lines it used.
struct Head {
    kinds: Vec<HeadKind>,
    cells: Vec<String>,
    lines: Vec<usize>,
    used: usize,
}

fn header(src: &[Source<'_>], i: usize) -> Option<Head> {
    let mut head = Head {
        kinds: Vec::new(),
        cells: Vec::new(),
        lines: Vec::new(),
        used: 0,
    };
    let mut printed = 0;
    let mut j = i;
    while let Some(l) = src.get(j) {
        if printed == MAX_HEAD_LINES {
            break;
        }
        if l.is_blank() {
            if src.get(j + 1).is_none_or(Source::is_blank) {
                break;
            }
            j += 1;
            continue;
        }
        let Some(t) = tokens(l.raw, MAX_COLUMNS) else {
            break;
        };
        if !t
            .iter()
            .all(|w| is_bracket(w) || loose_head(&w.text).is_some())
            || !single_spaced(&t)
            || (printed == 0 && t.len() < 2)
        {
            break;
        }
        for w in &t {
            if is_bracket(w) {
                // A header cell's second line (`(年度)`), a bracket opening a line included.
                let last = head.cells.last_mut()?;
                last.push(' ');
                last.push_str(&w.text);
                continue;
            }
            let kind = loose_head(&w.text)?;
            if kind == HeadKind::Name && !head.kinds.is_empty() {
                // The first column named again: the header's second row.
                continue;
            }
            if head.kinds.len() == MAX_COLUMNS {
                return None;
            }
            head.kinds.push(kind);
            head.cells.push(w.text.clone());
        }
        head.lines.push(l.no);
        printed += 1;
        j += 1;
        head.used = j - i;
    }
    let values = head
        .kinds
        .iter()
        .filter(|k| matches!(k, HeadKind::Value | HeadKind::Period))
        .count();
    (head.lines.len() >= 2 && head.kinds.first() == Some(&HeadKind::Name) && values >= 2)
        .then_some(head)
}

/// A row in the making: its name, values and note, and its source lines.
#[derive(Default)]
struct Flat {
    name: String,
    values: Vec<String>,
    note: Vec<String>,
    lines: Vec<usize>,
    raw: Vec<String>,
}

/// Reads the flattened table at `i` into `out`; the number of lines used.
pub fn block(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    let head = header(src, i)?;
    let n = head.kinds.len();
    let value_cols: Vec<usize> = (0..n)
        .filter(|&k| matches!(head.kinds[k], HeadKind::Value | HeadKind::Period))
        .collect();
    let note_col = (1..n).find(|&k| head.kinds[k] == HeadKind::Other);
    let mut rows: Vec<Flat> = Vec::new();
    let mut j = i + head.used;
    // One past the last line of the last row with values, and how many rows that makes: rows
    // of words alone after it are the text after the table.
    let (mut end, mut kept) = (j, 0);
    while let Some(l) = src.get(j) {
        if is_empty(l) || l.norm.contains(['\t', '|']) {
            break;
        }
        if l.is_blank() {
            // A no-break space alone: an empty cell of the row above.
            match rows.last_mut() {
                Some(r) => {
                    r.lines.push(l.no);
                    r.raw.push(l.raw.to_owned());
                }
                None => break,
            }
            j += 1;
            continue;
        }
        let Some(t) = tokens(l.raw, 2 * n + 4).filter(|t| single_spaced(t)) else {
            break;
        };
        let first = t.first()?;
        let starts_row = !is_value(first) && !is_bracket(first);
        if starts_row {
            // A group heading is short; a longer line of words is the prose after the table.
            if t.iter().all(|w| !is_value(w)) && l.norm.trim().chars().count() > MAX_GROUP_CHARS {
                break;
            }
            rows.push(Flat::default());
        }
        let r = rows.last_mut()?;
        if r.lines.len() == MAX_ROW_LINES {
            return None;
        }
        r.lines.push(l.no);
        r.raw.push(l.raw.to_owned());
        for w in &t {
            if is_value(w) {
                r.values.push(w.text.clone());
            } else if is_bracket(w) {
                // A unit under the name, or a value's year (`48.6 (H30)`).
                match (r.note.is_empty(), r.values.last_mut()) {
                    (true, Some(v)) => {
                        v.push(' ');
                        v.push_str(&w.text);
                    }
                    (true, None) => join_wrapped(&mut r.name, &w.text),
                    (false, _) => r.note.push(w.text.clone()),
                }
            } else if r.values.is_empty() && r.note.is_empty() {
                join_wrapped(&mut r.name, &w.text);
            } else {
                r.note.push(w.text.clone());
            }
        }
        j += 1;
        if !r.values.is_empty() {
            (end, kept) = (j, rows.len());
        }
    }
    rows.truncate(kept);
    let j = end;
    // Every row with values must fill the value columns exactly, its note a text column.
    let filled = rows.iter().filter(|r| !r.values.is_empty()).count();
    if filled == 0
        || rows.iter().any(|r| {
            (!r.values.is_empty() && r.values.len() != value_cols.len())
                || (!r.note.is_empty() && (note_col.is_none() || r.values.is_empty()))
        })
    {
        return None;
    }
    let head_raw: Vec<&str> = src[i..i + head.used].iter().map(|s| s.raw).collect();
    out.push(row(
        head.lines.first().copied().unwrap_or(src[i].no),
        head_raw.join("\n"),
        head.cells,
        Split::Joined { lines: head.lines },
    ));
    for r in rows {
        let mut cells = vec![String::new(); n];
        cells[0] = cell(&r.name);
        for (v, &k) in r.values.iter().zip(&value_cols) {
            cells[k] = cell(v);
        }
        if let Some(k) = note_col.filter(|_| !r.note.is_empty()) {
            cells[k] = cell(&r.note.join(" "));
        }
        let split = if r.lines.len() > 1 {
            Split::Joined {
                lines: r.lines.clone(),
            }
        } else {
            Split::RunOn { columns: n }
        };
        let no = r.lines.first().copied().unwrap_or_default();
        out.push(row(no, r.raw.join("\n"), cells, split));
    }
    Some(j - i)
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
    fn header_words_over_lines_and_rows_whose_last_cell_falls_on_the_next_line() {
        let rows = cut(
            "政策項目 基準値*1\n(年度)\n実績値\n(年度)\n中間目標値\n\n備考\n\
             指標名 最終目標値\n(1)水辺の再生\n河川の清掃延長\n(km/年)※\n40 46 48 \u{a0}\n55\n\
             水質の観測地点数(地点) 7 9 8 雨天で1回中止。\n10\n",
        );
        assert_eq!(
            rows[0],
            [
                "政策項目",
                "基準値*1 (年度)",
                "実績値 (年度)",
                "中間目標値",
                "備考",
                "最終目標値"
            ]
        );
        assert_eq!(rows[1], ["(1)水辺の再生", "", "", "", "", ""]);
        assert_eq!(
            rows[2],
            ["河川の清掃延長(km/年)※", "40", "46", "48", "", "55"]
        );
        assert_eq!(
            rows[3],
            [
                "水質の観測地点数(地点)",
                "7",
                "9",
                "8",
                "雨天で1回中止。",
                "10"
            ]
        );
        assert_eq!(rows.len(), 4);
    }

    #[test]
    fn an_empty_cell_printed_as_a_no_break_space_splits_no_row() {
        let rows = cut("指標名 現状値\n目標値\n最終目標値\n\
             街灯の設置数(基) 31\n\u{a0}\n35\n\u{a0}\n40\n");
        assert_eq!(rows[1], ["街灯の設置数(基)", "31", "35", "40"]);
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn words_after_the_last_row_and_an_empty_line_end_the_table() {
        let src = super::super::sources(
            "指標名 現状値\n目標値\n街灯の設置数(基) 31 40\n防犯カメラの台数(台) 12 20\n\
             今後も設置を進める。\n\n公園の数 8 9\n",
        );
        let mut out = Vec::new();
        assert_eq!(block(&src, 0, &mut out), Some(4));
        assert_eq!(out.len(), 3);
        assert_eq!(out[2].cells, ["防犯カメラの台数(台)", "12", "20"]);
    }

    #[test]
    fn a_row_of_more_or_fewer_values_than_columns_cuts_nothing() {
        assert!(cut("指標名 現状値\n目標値\n街灯の設置数 31 35 40\n").is_empty());
        assert!(cut("指標名 現状値\n目標値\n街灯の設置数 31\n").is_empty());
    }

    #[test]
    fn a_header_on_one_line_is_left_to_the_other_renderings() {
        assert!(cut("指標名 現状値 目標値\n街灯の設置数 31 35\n").is_empty());
        assert!(cut("指標名\n現状値 目標値\n街灯の設置数 31 35\n").is_empty());
        assert!(cut("指標名 現状値\n  目標値\n街灯の設置数   31 35\n").is_empty());
    }

    #[test]
    fn words_ending_in_a_header_word_head_columns() {
        assert_eq!(loose_head("R9の目標値"), Some(HeadKind::Value));
        assert_eq!(loose_head("年度目標値"), Some(HeadKind::Value));
        assert_eq!(loose_head("現況値*3"), Some(HeadKind::Value));
        assert_eq!(loose_head("基準年の値"), Some(HeadKind::Value));
        assert_eq!(loose_head("事業項目"), Some(HeadKind::Name));
        assert_eq!(loose_head("街灯の設置数"), None);
    }
}
