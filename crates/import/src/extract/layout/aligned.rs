//! Columns aligned by runs of spaces with no header word to go by.
//!
//! A block is a run of at least two consecutive lines that each have the same number (two or
//! more) of groups of words apart by runs of two or more spaces, each group overlapping, in
//! display columns, the group of the same column in the line above: columns that line up.
//! Each group is a cell. A line whose groups do not line up with the line above ends the
//! block. A single space never cuts here (`現状値 (R4)`, `12.4 %` stay one cell); a table whose
//! columns stand a single space apart needs a header ([`super::spaces`]).

use super::tokens::{gap, tokens, Token};
use super::{cell, row, Source};
use crate::extract::text::{Line, Split};

/// The most words a line of such a table has.
const MAX_WORDS: usize = 64;

/// Reads the aligned block at `i` into `out`; the number of lines used.
pub fn block(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    let first = groups(src.get(i)?)?;
    let n = first.len();
    let mut rows = vec![first];
    let mut j = i + 1;
    while let Some(l) = src.get(j) {
        let Some(g) = groups(l) else { break };
        let above = rows.last()?;
        if g.len() != n || !g.iter().zip(above).all(|(a, b)| a.0 < b.1 && b.0 < a.1) {
            break;
        }
        rows.push(g);
        j += 1;
    }
    if rows.len() < 2 {
        return None;
    }
    for (k, g) in rows.into_iter().enumerate() {
        let s = &src[i + k];
        let cells = g.into_iter().map(|(_, _, c)| c).collect();
        out.push(row(
            s.no,
            s.raw.to_owned(),
            cells,
            Split::Spaces { columns: n },
        ));
    }
    Some(j - i)
}

/// A line's groups of words apart by runs of spaces: (start, end, cell); `None` for a line
/// with fewer than two, a tab or a pipe.
fn groups(s: &Source<'_>) -> Option<Vec<(usize, usize, String)>> {
    if s.is_blank() || s.norm.contains('\t') || s.norm.contains('|') {
        return None;
    }
    // Two spaces at least (ideographic or not), or there is nothing to cut.
    let run = ["  ", "\u{3000}\u{3000}", " \u{3000}", "\u{3000} "];
    if !run.iter().any(|r| s.raw.contains(r)) {
        return None;
    }
    let t: Vec<Token> = tokens(s.raw, MAX_WORDS)?;
    let mut out = Vec::new();
    let mut start = 0;
    for k in 1..=t.len() {
        if k == t.len() || gap(&t[k - 1], &t[k]) >= 2 {
            let (a, b) = (&t[start], &t[k - 1]);
            out.push((
                a.start,
                b.end,
                cell(s.raw.get(a.bytes.0..b.bytes.1).unwrap_or_default()),
            ));
            start = k;
        }
    }
    (out.len() >= 2).then_some(out)
}
