//! Tables whose every cell is a paragraph of its own: a web page's table copied from the
//! browser, each cell followed by a blank line, so the table is one cell per line with a blank
//! line between every two (`指標名` / blank / `現状値` / blank / … / `41万冊` / blank / …).
//!
//! The rendering is told by its regularity: from a line that opens a table printed one cell
//! per line (a header word alone), every other line is blank for at least [`MIN_CELLS`]
//! cells. The cells are read as if the blanks were not there: the run is handed to the
//! renderings that read one cell per line (`stacked.rs`, `drawn.rs`, `evaluation_sheet.rs`'s
//! grid one cell per line) as a run of lines
//! without its blanks. Two blank lines in a row end the
//! run: a blank line between two tables or paragraphs still separates them, and a run no
//! rendering reads stays as written, blanks and all.
//!
//! In the run,
//! - a paragraph of two lines (a long name wrapped in its cell) is one cell, its lines joined;
//! - a year alone in brackets (`(19年度)`, `(R4)`) after a number alone (`64.2%`) is that
//!   value's year, printed under it in the same cell: it joins the value (`64.2% (19年度)`),
//!   since between paragraphs a cell break and a break inside a cell look the same.
//!
//! The same joining of a value and its year printed on the next line ([`join_value_years`])
//! serves tables printed one cell per line without blanks.

use shinchoku_core::text::normalize;

use super::tokens::{is_year, tokens, Kind};
use super::{join_wrapped, Source};
use crate::extract::lexicon::head_word;
use crate::extract::text::{Line, Split};

/// The fewest cells a run must have to be read as a table of one cell per paragraph.
const MIN_CELLS: usize = 6;

/// The cells at the run's start (a header's words) that must each be a single line.
const HEAD_CELLS: usize = 3;

/// The most cells a run is read over (the work per opening line stays bounded).
const MAX_CELLS: usize = 2048;

/// The most lines a cell's paragraph may have (a name wrapped once or twice).
const MAX_CELL_LINES: usize = 3;

/// A cell of the run before it is handed on: its first line's number, its lines' numbers, and
/// its text as read (lines of a wrapped cell joined).
struct Cell {
    no: usize,
    lines: Vec<usize>,
    raw: String,
}

/// Reads the table of one cell per paragraph at `i` into `out`; the number of lines used.
pub fn block(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    let open = src.get(i)?;
    head_word(open.norm.trim())?;
    let cells = run(src, i)?;
    let cells = join_value_years(cells);
    let raws: Vec<String> = cells.iter().map(|c| c.raw.clone()).collect();
    let view: Vec<Source<'_>> = cells
        .iter()
        .zip(&raws)
        .map(|(c, raw)| Source {
            no: c.no,
            raw,
            norm: normalize(raw),
        })
        .collect();
    let mut got = Vec::new();
    let used = super::stacked::block(&view, 0, &mut got)
        .or_else(|| super::drawn::block(&view, 0, &mut got))
        .or_else(|| super::evaluation_sheet::per_line_block(&view, 0, &mut got))?;
    // The source lines up to the last line of the last cell read.
    let last = cells.get(used.checked_sub(1)?)?.lines.last().copied()?;
    let end = src.iter().position(|s| s.no == last)? + 1;
    if end <= i {
        return None;
    }
    for mut l in got {
        // A wrapped cell's second line belongs to the row too.
        let lines = match &mut l.split {
            Split::OneCellPerLine { lines } | Split::Columns { lines } => Some(lines),
            Split::Joined { lines } => Some(lines),
            _ => None,
        };
        if let Some(lines) = lines {
            let mut all: Vec<usize> = lines
                .iter()
                .flat_map(|no| {
                    cells
                        .iter()
                        .find(|c| c.no == *no)
                        .map_or_else(|| vec![*no], |c| c.lines.clone())
                })
                .collect();
            all.dedup();
            *lines = all;
        }
        out.push(l);
    }
    Some(end - i)
}

/// The cells of the run of paragraphs at `i`, each a single blank line apart; `None` when
/// fewer than [`MIN_CELLS`] or when the lines are not one cell a paragraph (the first cells
/// each a single line, no blank line between them).
fn run(src: &[Source<'_>], i: usize) -> Option<Vec<Cell>> {
    let mut cells: Vec<Cell> = Vec::new();
    let mut j = i;
    while cells.len() < MAX_CELLS {
        // A paragraph: the non-blank lines from `j`.
        let mut lines = Vec::new();
        let mut raw = String::new();
        while let Some(s) = src.get(j).filter(|s| !s.is_blank()) {
            if s.norm.contains(['\t', '|']) || lines.len() == MAX_CELL_LINES {
                return finish(cells);
            }
            join_wrapped(&mut raw, s.raw.trim());
            lines.push(s.no);
            j += 1;
        }
        if lines.is_empty() {
            break;
        }
        cells.push(Cell {
            no: lines[0],
            lines,
            raw,
        });
        // One blank line, then the next paragraph; two end the run.
        match (src.get(j), src.get(j + 1)) {
            (Some(b), Some(n)) if b.is_blank() && !n.is_blank() => j += 1,
            _ => break,
        }
    }
    finish(cells)
}

/// The run's cells when they are enough, the first [`HEAD_CELLS`] of them single lines and
/// most of the others too (the regularity that tells the rendering: every other line blank).
fn finish(cells: Vec<Cell>) -> Option<Vec<Cell>> {
    let single = |c: &&Cell| c.lines.len() == 1;
    let head = cells.iter().take(HEAD_CELLS).all(|c| single(&c));
    let singles = cells.iter().filter(single).count();
    (cells.len() >= MIN_CELLS && head && 2 * singles >= cells.len()).then_some(cells)
}

/// A line that is a year alone in brackets (`(19年度)`, `(R4)`, `(21 年度)`).
pub fn is_bracket_year(t: &str) -> bool {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else {
        return false;
    };
    is_year(inner)
        || ((inner.ends_with('年') || inner.ends_with("年度"))
            && inner.starts_with(|c: char| c.is_ascii_digit())
            && inner.chars().count() <= 6)
}

/// A line that is a number alone, with its unit (`64.2%`, `1,240m3`), and no year.
fn is_number_alone(t: &str) -> bool {
    matches!(
        tokens(t, 2).as_deref(),
        Some([w]) if w.kind == Kind::Num
    ) || matches!(
        tokens(t, 3).as_deref(),
        Some([w, u]) if w.kind == Kind::Num && u.kind == Kind::Unit
    )
}

/// The cells with each year alone in brackets that follows a number alone joined to it, as
/// one value cell (`64.2%` and `(19年度)` → `64.2% (19年度)`).
fn join_value_years(cells: Vec<Cell>) -> Vec<Cell> {
    let mut out: Vec<Cell> = Vec::with_capacity(cells.len());
    for c in cells {
        let year = is_bracket_year(&normalize(&c.raw));
        if let Some(prev) = out
            .last_mut()
            .filter(|p| year && p.lines.len() == 1 && is_number_alone(&normalize(&p.raw)))
        {
            prev.raw.push(' ');
            prev.raw.push_str(c.raw.trim());
            prev.lines.extend(c.lines);
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> (Option<usize>, Vec<Vec<String>>) {
        let src = super::super::sources(text);
        let mut out = Vec::new();
        let used = block(&src, 0, &mut out);
        (used, out.into_iter().map(|l| l.cells).collect())
    }

    #[test]
    fn cells_a_blank_line_apart_read_as_one_cell_per_line() {
        let (used, rows) = cut("指標名\n\n現状値\n\n目標値\n\n\
             公民館の利用者数\n\n8,200人\n\n9,000人\n\n\
             駐輪場の台数\n\n310台\n\n400台\n\n\n次の段落\n");
        assert_eq!(rows[0], ["指標名", "現状値", "目標値"]);
        assert_eq!(rows[1], ["公民館の利用者数", "8,200人", "9,000人"]);
        assert_eq!(rows[2], ["駐輪場の台数", "310台", "400台"]);
        assert_eq!(rows.len(), 3);
        // Up to the last cell: the blank lines after it and the paragraph beyond are not
        // the table's.
        assert_eq!(used, Some(17));
    }

    #[test]
    fn a_year_alone_under_a_number_alone_is_that_values_year() {
        let (_, rows) = cut("指標名\n\n現状値\n\n目標値\n\n\
             図書館の満足度\n(利用者調査)\n\n58.0%\n\n(R3)\n\n70.0%\n\n\
             駐輪場の台数\n\n310台\n\n400台\n");
        assert_eq!(
            rows[1],
            ["図書館の満足度(利用者調査)", "58.0% (R3)", "70.0%"]
        );
        assert_eq!(rows[2], ["駐輪場の台数", "310台", "400台"]);
    }

    #[test]
    fn lines_without_blanks_between_or_too_few_cells_are_not_this_rendering() {
        assert_eq!(
            cut("指標名\n現状値\n\n目標値\n\n館の数\n\n3\n\n5\n").0,
            None
        );
        assert_eq!(cut("指標名\n\n現状値\n\n目標値\n\n館の数\n").0, None);
        // Prose paragraphs a blank line apart read no table.
        assert_eq!(
            cut("指標名\n\nこの計画の指標です。\n\n次の段落です。\n\nさらに一つ。\n\n四つ目。\n\n五つ目。\n").0,
            None
        );
    }

    #[test]
    fn a_bracketed_year_is_told_from_other_brackets() {
        assert!(is_bracket_year("(19年度)"));
        assert!(is_bracket_year("(R4)"));
        assert!(is_bracket_year("(21 年度)"));
        assert!(is_bracket_year("(2022年)"));
        assert!(!is_bracket_year("(市民アンケート)"));
        assert!(!is_bracket_year("(累計)"));
    }
}
