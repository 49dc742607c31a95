//! Cells separated by pipes: ` | ` tables and Markdown tables.
//!
//! A block is the run of consecutive lines that hold a `|` (`｜` is `|` once normalised). It is
//! a table when it has a Markdown separator line (`|---|:--:|`) and at least one other line,
//! or when at least two of its lines have the same number of cells (two or more) and every
//! line does. A line's leading and trailing pipe are dropped (`| a | b |` is `a`, `b`), and the
//! separator line is no line of the `Doc` (it is no row, and a non-row would end the table
//! for the recognisers). Otherwise, a pipe inside text (`A|B の比較`) is text: the whole run of
//! lines is left as written.

use super::{as_written, cell, row, Source};
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
    let counts: Vec<usize> = lines
        .iter()
        .filter(|l| !is_separator(&l.norm))
        .map(|l| cells(&l.norm).len())
        .collect();
    let same = counts.len() >= 2 && counts.iter().all(|&c| c == counts[0] && c >= 2);
    let table = (separator && !counts.is_empty() && counts.iter().all(|&c| c >= 2)) || same;
    if !table {
        out.extend(lines.iter().map(as_written));
        return Some(end - i);
    }
    let markdown = separator
        || lines.iter().all(|l| {
            let t = l.norm.trim();
            t.starts_with('|') && t.ends_with('|')
        });
    let split = if markdown {
        Split::Markdown
    } else {
        Split::Pipes
    };
    for l in lines.iter().filter(|l| !is_separator(&l.norm)) {
        out.push(row(l.no, l.raw.to_owned(), cells(&l.norm), split.clone()));
    }
    Some(end - i)
}

/// The cells of a pipe line, its leading and trailing pipe dropped.
fn cells(norm: &str) -> Vec<String> {
    let t = norm.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(cell).collect()
}

/// A Markdown separator line: pipes, dashes, colons and spaces only, with a dash.
fn is_separator(norm: &str) -> bool {
    let t = norm.trim();
    t.contains('-')
        && t.contains('|')
        && t.chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '—' | '―'))
}
