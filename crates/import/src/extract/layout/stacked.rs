//! Tables printed one cell per line: a header whose words each stand on their own line
//! (`指標名` / `単位` / `現状値` / `目標値`), then the values in groups of as many lines, row
//! after row; or, what a PDF's text layer gives for some tables, column after column (all the
//! names, then all the units, then all the values).
//!
//! The header is three to [`MAX_COLUMNS`] consecutive lines, each one header word of the
//! lexicon (with its bracketed year: `現状値(R4)`), one of them a value or period column. Row
//! after row is tried first: each group of lines must fit its columns (a name under the name
//! column, a number or a dash under a value column; [`fit::cell_cost`]), and rows are read
//! while they fit. When the first group does not fit, column after column is tried: the lines
//! up to the next blank line must be a multiple of the columns, and paired that way every
//! cell must fit. Otherwise nothing is cut.

use super::fit::{cell_cost, PLAUSIBLE};
use super::tokens::{is_year, tokens, Kind};
use super::{cell, row, Source};
use crate::extract::lexicon::{head_word, HeadKind};
use crate::extract::text::{Line, Split};

/// The most columns a header of one word per line may have.
const MAX_COLUMNS: usize = 12;

/// The most lines a table printed column after column may have.
const MAX_LINES: usize = 4096;

/// Reads the table of one cell per line at `i` into `out`; the number of lines used.
pub fn block(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    let mut kinds = Vec::new();
    // Whether each column's word is a year.
    let mut years: Vec<bool> = Vec::new();
    // Each column's header lines: its word, and its bracketed year when printed on the next
    // line (`目標値` / `(R4)`).
    let mut head_lines: Vec<Vec<&Source<'_>>> = Vec::new();
    let mut j = i;
    while let Some(l) = src.get(j) {
        if let Some(last) = head_lines.last_mut() {
            if last.len() == 1 && is_bracket_line(l) {
                last.push(l);
                j += 1;
                continue;
            }
        }
        // A year alone is a column of values when the header opens with its name column
        // (`指標名` / `現状値` / `R3` / `R4` / `目標値`).
        let year = kinds.first() == Some(&HeadKind::Name) && is_year_line(l);
        match head_line(l).or(year.then_some(HeadKind::Value)) {
            Some(k) if kinds.len() < MAX_COLUMNS => {
                kinds.push(k);
                head_lines.push(vec![l]);
                years.push(year);
                j += 1;
            }
            _ => break,
        }
    }
    // Years after the last header word, as many as the value words printed without a year:
    // the header's second row, those words' years (`計画策定` … `目標値` / `H19` / `H24`).
    let trailing = years.iter().rev().take_while(|&&y| y).count();
    let yearless: Vec<usize> = (0..kinds.len() - trailing)
        .filter(|&c| kinds[c] == HeadKind::Value && !years[c] && head_lines[c].len() == 1)
        .collect();
    let mut second: Vec<(usize, &Source<'_>)> = Vec::new();
    if trailing > 0 && trailing == yearless.len() && trailing < kinds.len() {
        let first_row = kinds.len() - trailing;
        second = yearless
            .iter()
            .zip(&head_lines[first_row..])
            .filter_map(|(&c, l)| Some((c, *l.first()?)))
            .collect();
        kinds.truncate(first_row);
        head_lines.truncate(first_row);
    }
    let k = kinds.len();
    if k < 3
        || !kinds
            .iter()
            .any(|h| matches!(h, HeadKind::Value | HeadKind::Period))
    {
        return None;
    }
    let body = j;
    let head_used = j - i;
    // Row after row.
    let mut groups = 0;
    while let Some(g) = src.get(body + groups * k..body + (groups + 1) * k) {
        if !fits(g.iter(), &kinds) {
            break;
        }
        groups += 1;
    }
    if groups > 0 {
        push_header(&head_lines, &second, out);
        for g in 0..groups {
            let lines: Vec<&Source<'_>> = src[body + g * k..body + (g + 1) * k].iter().collect();
            let split = Split::OneCellPerLine {
                lines: lines.iter().map(|l| l.no).collect(),
            };
            push_row(&lines, split, out);
        }
        return Some(head_used + groups * k);
    }
    // Column after column.
    let end = (body..src.len().min(body + MAX_LINES))
        .find(|&j| src[j].is_blank())
        .unwrap_or(src.len().min(body + MAX_LINES));
    let m = end - body;
    if m < 2 * k || !m.is_multiple_of(k) {
        return None;
    }
    let n = m / k;
    let rows: Vec<Vec<&Source<'_>>> = (0..n)
        .map(|r| (0..k).map(|c| &src[body + c * n + r]).collect())
        .collect();
    if !rows.iter().all(|r| fits(r.iter().copied(), &kinds)) {
        return None;
    }
    push_header(&head_lines, &second, out);
    for r in rows {
        let split = Split::Columns {
            lines: r.iter().map(|l| l.no).collect(),
        };
        push_row(&r, split, out);
    }
    Some(head_used + m)
}

/// A line that is only a bracketed word (`(R4)`, `(令和4年度)`): the year of the header word
/// on the line above.
fn is_bracket_line(l: &Source<'_>) -> bool {
    let t = l.norm.trim();
    if t.is_empty() || t.len() > 32 {
        return false;
    }
    matches!(tokens(l.raw, 2).as_deref(), Some([w]) if w.kind == Kind::Paren)
}

/// The column kind of a line that is one header word (with its bracketed year), else `None`.
fn head_line(l: &Source<'_>) -> Option<HeadKind> {
    let t = l.norm.trim();
    // Most lines are no header word: asked before the line is cut into words.
    if t.is_empty() || t.len() > 64 || head_word(t).is_none() {
        return None;
    }
    let toks = tokens(l.raw, 2)?;
    match toks.as_slice() {
        [w]
        | [w, Token {
            kind: Kind::Paren, ..
        }] => head_word(&w.text),
        _ => None,
    }
}

use super::tokens::Token;

/// True when the lines, one cell each, fit the columns and one holds a number under a value
/// column (a line with a tab or pipe, or blank, never fits). Words under a value column (a
/// number cell holding text) fit while the row has as many numbers as such cells or more.
fn fits<'a, 'b: 'a>(lines: impl Iterator<Item = &'a Source<'b>>, kinds: &[HeadKind]) -> bool {
    let mut value = false;
    // Cells of words under a value column (`調査未実施`): a few are text in a number cell,
    // but a row of them is a row read out of step.
    let (mut words, mut numbers) = (0usize, 0usize);
    for (l, &h) in lines.zip(kinds) {
        if l.is_blank() || l.norm.contains(['\t', '|']) || head_line(l).is_some() {
            return false;
        }
        let Some(t) = tokens(l.raw, 8) else {
            return false;
        };
        let ks: Vec<Kind> = t.iter().map(|t| t.kind).collect();
        let cost = cell_cost(&ks, h);
        if h == HeadKind::Value && cost == PLAUSIBLE {
            words += 1;
        } else if cost > 1 {
            return false;
        }
        let number = matches!(h, HeadKind::Value | HeadKind::Period)
            && ks.iter().any(|k| matches!(k, Kind::Num | Kind::Dash));
        numbers += usize::from(number);
        value |= number;
    }
    value && words <= numbers
}

/// The header row: each column's word with its year, when printed on the next line; and the
/// header's second row of years under some of its words, when it has one.
fn push_header(cols: &[Vec<&Source<'_>>], second: &[(usize, &Source<'_>)], out: &mut Vec<Line>) {
    let Some(first) = cols.first().and_then(|c| c.first()) else {
        return;
    };
    let lines: Vec<&Source<'_>> = cols.iter().flatten().copied().collect();
    let cells = cols
        .iter()
        .map(|c| c.iter().map(|l| cell(l.raw)).collect::<Vec<_>>().join(" "))
        .collect();
    let raw = lines.iter().map(|l| l.raw).collect::<Vec<_>>().join("\n");
    let split = Split::OneCellPerLine {
        lines: lines.iter().map(|l| l.no).collect(),
    };
    out.push(row(first.no, raw, cells, split));
    if let Some((_, l)) = second.first() {
        let mut cells = vec![String::new(); cols.len()];
        for (c, y) in second {
            if let Some(slot) = cells.get_mut(*c) {
                *slot = cell(y.raw);
            }
        }
        let raw = second
            .iter()
            .map(|(_, y)| y.raw)
            .collect::<Vec<_>>()
            .join("\n");
        let split = Split::OneCellPerLine {
            lines: second.iter().map(|(_, y)| y.no).collect(),
        };
        out.push(row(l.no, raw, cells, split));
    }
}

/// A line that is a year alone (`H20年度`, `R4`), a bracket lost at either end
/// (`H24年度)`) or not.
fn is_year_line(l: &Source<'_>) -> bool {
    let t = l.norm.trim();
    let t = t
        .strip_suffix(')')
        .filter(|r| !r.contains('('))
        .unwrap_or(t);
    let t = t
        .strip_prefix('(')
        .filter(|r| !r.contains(')'))
        .unwrap_or(t);
    !t.contains(char::is_whitespace) && is_year(t)
}

/// One row from lines of one cell each; its number is its first line's.
fn push_row(lines: &[&Source<'_>], split: Split, out: &mut Vec<Line>) {
    let Some(first) = lines.first() else { return };
    let cells = lines.iter().map(|l| cell(l.raw)).collect();
    let raw = lines.iter().map(|l| l.raw).collect::<Vec<_>>().join("\n");
    out.push(row(first.no, raw, cells, split));
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
    fn a_header_words_year_on_the_next_line_stays_with_its_word() {
        let rows = cut("指標名\n現状値\n(R2)\n目標値\n(R8)\n図書館の貸出冊数\n41万冊\n50万冊\n");
        assert_eq!(rows[0], ["指標名", "現状値 (R2)", "目標値 (R8)"]);
        assert_eq!(rows[1], ["図書館の貸出冊数", "41万冊", "50万冊"]);
    }

    #[test]
    fn text_in_a_number_cell_keeps_the_rows_in_step() {
        let rows = cut("指標名\n現状値\n目標値\n単位\n\
             公民館の利用者数\n集計中\n9,000\n人\n\
             駐輪場の台数\n310\n400\n台\n");
        assert_eq!(rows[1], ["公民館の利用者数", "集計中", "9,000", "人"]);
        assert_eq!(rows[2], ["駐輪場の台数", "310", "400", "台"]);
    }

    #[test]
    fn years_under_a_name_word_are_columns_and_years_after_them_the_second_header_row() {
        let rows = cut("指標名\n策定時\nR3\nR4\n目標値\nR2\nR7)\n\
             公民館の利用者数\n8,200人\n8,400人\n8,600人\n9,000人\n\
             駐輪場の台数\n310台\n330台\n350台\n400台\n");
        assert_eq!(rows[0], ["指標名", "策定時", "R3", "R4", "目標値"]);
        assert_eq!(rows[1], ["", "R2", "", "", "R7)"]);
        assert_eq!(
            rows[2],
            [
                "公民館の利用者数",
                "8,200人",
                "8,400人",
                "8,600人",
                "9,000人"
            ]
        );
        assert_eq!(
            rows[3],
            ["駐輪場の台数", "310台", "330台", "350台", "400台"]
        );
        // Years with no name word above them head nothing.
        assert!(cut("現状値\nR3\nR4\n目標値\n館の数\n3\n4\n5\n6\n").is_empty());
    }

    #[test]
    fn a_group_of_words_alone_is_no_row() {
        let rows = cut("指標名\n現状値\n目標値\n公民館の利用者数\n集計中\n未定\n");
        assert!(rows.is_empty());
    }
}
