//! The front end: every text rendering of a table, turned into rows of cells.
//!
//! A table leaves its program in many renderings (DESIGN.md → Importing documents): cells
//! separated by tabs, by ` | ` or as a Markdown table, columns aligned by runs of spaces (what
//! `pdftotext -layout` prints), rows broken over several lines, one cell per line, a row's
//! cells run on with single spaces, columns printed one after another. Each rendering has its
//! own file, and [`cut`] runs them over the lines in order, so every recogniser sees a table
//! row as cells whatever the rendering, and each row keeps the evidence of how it was cut
//! ([`Split`]).
//!
//! - tabs: cells as written (this file, [`as_written`]);
//! - `pipes.rs`: ` | ` cells and Markdown tables;
//! - `paragraphs.rs`: every cell a paragraph of its own (a blank line between every two
//!   cells), read by the one-cell-per-line renderings as if the blanks were not there;
//! - `stacked.rs`: one cell per line under a header of one word per line, and columns printed
//!   one after another;
//! - `drawn.rs`: one cell per line in the order a PDF drew the cells (a header spelled one
//!   character per line, values before their names), rows paired by order;
//! - `evaluation_sheet.rs`: an evaluation sheet's grid of labelled rows (目標値 / 実績値 / 達成率) under
//!   years, the name and baseline printed across the rows in the name column; the same grid
//!   printed one cell per line, gathered into those lines;
//! - `spaces.rs`: the rows under a header line whose words are header words, cut at runs of
//!   spaces or, where the columns are closer than that, by the header's columns and the kinds
//!   of the words (`fit.rs`); wrapped names and units joined to their row;
//! - `aligned.rs`: a block with no header word whose lines are cut at runs of spaces that line
//!   up;
//! - `single.rs`: rows of a name and its values a single space apart under a line of their
//!   headings, and two such tables side by side under their headings twice;
//! - `beneath.rs`: a form's name line ending in its column headings, the values on the line
//!   beneath, and more such pairs; a line of headings alone over as many values (a small table
//!   of one indicator, named by its caption above);
//! - `glued.rs`: a table whose cells are glued together with no separator, its header one
//!   word of header words, its rows cut by their units and the shapes of their numbers;
//! - `described.rs`: a glued list whose rows each close with a description sentence (`。`)
//!   and the values after it, under a header of value words glued with their years;
//! - `runon.rs`: a table run on inside a line of prose, its header words and rows one after
//!   another;
//! - `flat.rs`: a table flattened out of a web page, its header words a few to a line and each
//!   row's cells run on over lines (the header's second row printed after the first).
//!
//! Before any of them, `spaced.rs` ([`spaced::join`]) joins characters printed with a space
//! between them: a form's label (`実 績 値`) and text whose every character was spaced out.
//!
//! Guarantees: [`cut`] never panics and takes time linear in the input (each rendering looks
//! at a bounded number of words per line and consumes the lines it reads). A line that no
//! rendering recognises is one cell, as before. A cut line's `text` is its cells joined by
//! tabs, so a recogniser sees exactly what the same table written with tabs gives it. `no` is
//! always the first source line of the row; the lines a rendering absorbs into a row (a
//! wrapped name, the one-cell lines of a row, a Markdown separator) are not lines of the
//! `Doc`, and the row's [`Split`] lists them.

mod aligned;
mod beneath;
mod described;
mod drawn;
mod evaluation_sheet;
pub mod fit;
mod flat;
mod glued;
mod paragraphs;
mod pipes;
mod runon;
mod single;
pub mod spaced;
mod spaces;
mod stacked;
pub mod tokens;

use shinchoku_core::text::normalize;

use super::text::{Line, Split};

/// A line of the input before it is cut: its number, as read, and normalised.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    /// 1-based line number.
    pub no: usize,
    /// The line as read, without its line break.
    pub raw: &'a str,
    /// The line normalised (not trimmed).
    pub norm: String,
}

impl Source<'_> {
    fn is_blank(&self) -> bool {
        self.norm.trim().is_empty()
    }
}

/// The lines of a text as the front end reads them: split at `\n` (a `\r` before it dropped),
/// numbered from 1, each normalised once (NFKC keeps tabs, so a normalised line splits into
/// the normalised cells).
pub fn sources(text: &str) -> Vec<Source<'_>> {
    text.split('\n')
        .enumerate()
        .map(|(i, raw)| {
            let raw = raw.strip_suffix('\r').unwrap_or(raw);
            Source {
                no: i + 1,
                raw,
                norm: normalize(raw),
            }
        })
        .collect()
}

/// The lines of a document cut into cells, each rendering tried in turn.
pub fn cut(src: &[Source<'_>]) -> Vec<Line> {
    let mut out = Vec::with_capacity(src.len());
    let mut i = 0;
    while i < src.len() {
        let s = &src[i];
        if s.norm.contains('\t') || s.is_blank() {
            out.push(as_written(s));
            i += 1;
            continue;
        }
        let used = pipes::block(src, i, &mut out)
            .or_else(|| paragraphs::block(src, i, &mut out))
            .or_else(|| stacked::block(src, i, &mut out))
            .or_else(|| drawn::block(src, i, &mut out))
            .or_else(|| evaluation_sheet::block(src, i, &mut out))
            .or_else(|| evaluation_sheet::per_line_block(src, i, &mut out))
            .or_else(|| single::block(src, i, &mut out))
            .or_else(|| spaces::block(src, i, &mut out))
            .or_else(|| aligned::block(src, i, &mut out))
            .or_else(|| beneath::block(src, i, &mut out))
            .or_else(|| glued::block(src, i, &mut out))
            .or_else(|| described::block(src, i, &mut out))
            .or_else(|| runon::block(src, i, &mut out))
            .or_else(|| flat::block(src, i, &mut out));
        match used {
            Some(n) if n > 0 => i += n,
            _ => {
                out.push(as_written(s));
                i += 1;
            }
        }
    }
    out
}

/// A line as written: cut at its tabs, if it has any, else one cell.
pub fn as_written(s: &Source<'_>) -> Line {
    let cells: Vec<String> = s.norm.split('\t').map(|c| c.trim().to_owned()).collect();
    Line {
        no: s.no,
        raw: s.raw.to_owned(),
        text: s.norm.trim().to_owned(),
        cells,
        split: Split::AsWritten,
    }
}

/// A row cut by a rendering: `text` is the cells joined by tabs, as the tab rendering reads.
fn row(no: usize, raw: String, cells: Vec<String>, split: Split) -> Line {
    Line {
        no,
        text: cells.join("\t"),
        raw,
        cells,
        split,
    }
}

/// The words of a line from the first of `words` to the last as one line of text, taken as
/// written: what a rendering leaves uncut around the table it cut from the same line.
fn text(s: &Source<'_>, words: &[tokens::Token]) -> Line {
    let t = match (words.first(), words.last()) {
        (Some(a), Some(b)) => cell(s.raw.get(a.bytes.0..b.bytes.1).unwrap_or_default()),
        _ => String::new(),
    };
    Line {
        no: s.no,
        raw: s.raw.to_owned(),
        text: t.clone(),
        cells: vec![t],
        split: Split::AsWritten,
    }
}

/// A cell's text from a slice of a line as read: normalised, trimmed, runs of spaces made one.
fn cell(raw: &str) -> String {
    collapse(&normalize(raw))
}

/// Normalised text trimmed, its runs of spaces made one.
fn collapse(n: &str) -> String {
    let mut out = String::with_capacity(n.len());
    for w in n.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Joins a wrapped cell's parts: directly between two Japanese characters (a name broken
/// anywhere), with a space where either side is ASCII (a word broken at its space).
fn join_wrapped(a: &mut String, b: &str) {
    if a.is_empty() {
        a.push_str(b);
        return;
    }
    let ascii = a.chars().last().is_some_and(|c| c.is_ascii_alphanumeric())
        && b.chars().next().is_some_and(|c| c.is_ascii_alphanumeric());
    if ascii {
        a.push(' ');
    }
    a.push_str(b);
}
