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

use super::fit::cell_cost;
use super::tokens::{tokens, Kind};
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
    while let Some(l) = src.get(i + kinds.len()) {
        match head_line(l) {
            Some(k) if kinds.len() < MAX_COLUMNS => kinds.push(k),
            _ => break,
        }
    }
    let k = kinds.len();
    if k < 3
        || !kinds
            .iter()
            .any(|h| matches!(h, HeadKind::Value | HeadKind::Period))
    {
        return None;
    }
    let head_lines: Vec<&Source<'_>> = src[i..i + k].iter().collect();
    let body = i + k;
    // Row after row.
    let mut groups = 0;
    while let Some(g) = src.get(body + groups * k..body + (groups + 1) * k) {
        if !fits(g.iter(), &kinds) {
            break;
        }
        groups += 1;
    }
    if groups > 0 {
        push_header(&head_lines, &kinds, out);
        for g in 0..groups {
            let lines: Vec<&Source<'_>> = src[body + g * k..body + (g + 1) * k].iter().collect();
            let split = Split::OneCellPerLine {
                lines: lines.iter().map(|l| l.no).collect(),
            };
            push_row(&lines, split, out);
        }
        return Some(k + groups * k);
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
    push_header(&head_lines, &kinds, out);
    for r in rows {
        let split = Split::Columns {
            lines: r.iter().map(|l| l.no).collect(),
        };
        push_row(&r, split, out);
    }
    Some(k + m)
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
/// column (a line with a tab or pipe, or blank, never fits).
fn fits<'a, 'b: 'a>(lines: impl Iterator<Item = &'a Source<'b>>, kinds: &[HeadKind]) -> bool {
    let mut value = false;
    for (l, &h) in lines.zip(kinds) {
        if l.is_blank() || l.norm.contains(['\t', '|']) || head_line(l).is_some() {
            return false;
        }
        let Some(t) = tokens(l.raw, 8) else {
            return false;
        };
        let ks: Vec<Kind> = t.iter().map(|t| t.kind).collect();
        if cell_cost(&ks, h) > 1 {
            return false;
        }
        value |= matches!(h, HeadKind::Value | HeadKind::Period)
            && ks.iter().any(|k| matches!(k, Kind::Num | Kind::Dash));
    }
    value
}

fn push_header(lines: &[&Source<'_>], _kinds: &[HeadKind], out: &mut Vec<Line>) {
    let split = Split::OneCellPerLine {
        lines: lines.iter().map(|l| l.no).collect(),
    };
    push_row(lines, split, out);
}

/// One row from lines of one cell each; its number is its first line's.
fn push_row(lines: &[&Source<'_>], split: Split, out: &mut Vec<Line>) {
    let Some(first) = lines.first() else { return };
    let cells = lines.iter().map(|l| cell(l.raw)).collect();
    let raw = lines.iter().map(|l| l.raw).collect::<Vec<_>>().join("\n");
    out.push(row(first.no, raw, cells, split));
}
