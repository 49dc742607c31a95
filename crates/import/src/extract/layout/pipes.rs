//! Cells separated by pipes: ` | ` tables and Markdown tables.
//!
//! A block is the run of consecutive lines that hold a `|` (`｜` is `|` once normalised). It is
//! a table when it has a Markdown separator line (`|---|:--:|`) and at least one line of two
//! filled cells or more, or when every line has the same number of cells (two or more) and at
//! least two lines have two filled cells or more (a web page's bullets leave pipe debris, `|`
//! alone and `text |`, which is no table). Otherwise, a pipe inside text (`A|B の比較`) is
//! text: the whole run of lines is left as written.
//!
//! The leading and trailing pipes are dropped when every line of the block has both
//! (`| a | b |` is `a`, `b`; ` | | (R4)` keeps its empty first cell). The separator line is no
//! line of the `Doc` (it is no row, and a non-row would end the table for the recognisers).
//! A `<br>` inside a cell is the space a line break inside a cell is.

use super::{as_written, collapse, row, Source};
use crate::extract::text::{Line, Split};

/// Reads the run of pipe lines at `i` into `out`; the number of lines used, or `None` when
/// line `i` has no pipe.
pub fn block(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    if !src.get(i)?.norm.contains('|') {
        return None;
    }
    let end = (i..src.len())
        .find(|&j| {
            let l = &src[j];
            l.is_blank() || l.norm.contains('\t') || !l.norm.contains('|')
        })
        .unwrap_or(src.len());
    let lines = &src[i..end];
    let separator = lines.iter().any(|l| is_separator(&l.norm));
    // Outer pipes are dropped only when every line has both (`| a | b |`): a line of ` | `
    // cells may start with an empty cell (` | | (R4)`), whose pipe is no border.
    let outer = lines.iter().all(|l| {
        let t = l.norm.trim();
        t.starts_with('|') && t.ends_with('|') && t.len() > 1
    });
    let counts: Vec<usize> = lines
        .iter()
        .filter(|l| !is_separator(&l.norm))
        .map(|l| cells(&l.norm, outer).len())
        .collect();
    // Lines of two filled cells or more: what makes the pipes a table, not the debris a web
    // page's bullets leave (`|` alone, `text |`).
    let filled = lines
        .iter()
        .filter(|l| {
            !is_separator(&l.norm)
                && cells(&l.norm, outer)
                    .iter()
                    .filter(|c| !c.is_empty())
                    .count()
                    >= 2
        })
        .count();
    let same = counts.len() >= 2 && counts.iter().all(|&c| c == counts[0] && c >= 2);
    let table = filled >= if separator { 1 } else { 2 }
        && ((separator && counts.iter().all(|&c| c >= 2)) || same);
    if !table {
        out.extend(lines.iter().map(as_written));
        return Some(end - i);
    }
    let split = if separator || outer {
        Split::Markdown
    } else {
        Split::Pipes
    };
    for l in lines.iter().filter(|l| !is_separator(&l.norm)) {
        out.push(row(
            l.no,
            l.raw.to_owned(),
            cells(&l.norm, outer),
            split.clone(),
        ));
    }
    Some(end - i)
}

/// The cells of a pipe line, its leading and trailing pipe dropped when `outer`.
fn cells(norm: &str, outer: bool) -> Vec<String> {
    let mut t = norm.trim();
    if outer {
        t = t.strip_prefix('|').unwrap_or(t);
        t = t.strip_suffix('|').unwrap_or(t);
    }
    t.split('|').map(|c| collapse(&without_breaks(c))).collect()
}

/// A cell's `<br>` (a line break inside a cell of a Markdown table made from a web page) as
/// the space a line break inside a cell is: `1,842万人<br>(R1)` reads `1,842万人 (R1)`.
fn without_breaks(c: &str) -> String {
    let mut out = c.to_owned();
    if !c.contains('<') {
        return out;
    }
    for br in ["<br>", "<br/>", "<br />", "<BR>", "<BR/>", "<BR />"] {
        if out.contains(br) {
            out = out.replace(br, " ");
        }
    }
    out
}

/// A Markdown separator line: pipes, dashes, colons and spaces only, with a dash.
fn is_separator(norm: &str) -> bool {
    let t = norm.trim();
    t.contains('-')
        && t.contains('|')
        && t.chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '—' | '―'))
}
