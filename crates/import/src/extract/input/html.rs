//! An HTML page read into rows: its tables cell by cell, its other text one line per block.
//!
//! The page is tokenized by html5ever, the tokenizer browsers' own parsing is specified by
//! (character references, comments, attributes, the raw text of `<script>` and `<style>`), and
//! the rows are built from the tags here, without a document tree: a table needs only
//! `<table>`, `<tr>`, `<td>`/`<th>` and their spans, and a cell or row left open is closed by
//! the next one, as the HTML parser closes it.
//!
//! - A table (`<table>`) becomes rows of cells, [`Split::Table`] `HTML の表 N` with N counting
//!   the page's tables from 1 and the row from 1. `rowspan`/`colspan` are laid out by
//!   [`super::grid`]: the text in the first position, empty cells for the rest. A `<br>` or
//!   a block inside a cell is a space. A table inside a cell becomes rows of its own, before
//!   the row that holds it. A `<caption>` is a line of its own before its table's rows.
//! - Text outside tables: one line per block (`p`, `h1`–`h6`, `li`, `div`, `dt`, `dd`, …), a
//!   `<br>` ends a line; runs of white space are one space, as a browser shows them; `<pre>`
//!   keeps its line breaks.
//! - Dropped: `<script>`, `<style>`, `<template>`, `<title>` (the page's `<h1>` says it again,
//!   and the site name it carries is no part of the plan), `<noscript>`, `<textarea>`.
//!
//! Encoding: a byte order mark, else the `charset` a `<meta>` declares in the first 1024
//! bytes, else UTF-8 when the bytes are UTF-8, else Shift_JIS or EUC-JP as the text reader
//! decides (`crate::encoding`). Bytes the chosen encoding cannot read become U+FFFD, as in
//! a browser.

use std::cell::RefCell;

use encoding_rs::{Encoding, EUC_JP, SHIFT_JIS, UTF_8};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::grid::{Grid, TooManyCells};
use super::package::{too_many_cells, MAX_CELLS};
use super::{blank_line, Rows};
use crate::encoding::{self, Sniffed};
use crate::extract::text::Split;
use crate::extract::ExtractError;

/// Reads a page into rows, and the name of the encoding it was read in.
pub fn read(bytes: &[u8], file: &str) -> Result<(Rows, &'static str), ExtractError> {
    let (text, enc) = decode(bytes);
    let rows = rows(&text).map_err(|TooManyCells| too_many_cells(file, "HTML"))?;
    Ok((rows, enc))
}

/// The rows of a page's text.
pub fn rows(text: &str) -> Result<Rows, TooManyCells> {
    let tok = Tokenizer::new(Sink(RefCell::new(State::new())), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(text));
    // The sink never asks to stop for a script, so one feed reads everything.
    let _ = tok.feed(&input);
    tok.end();
    tok.sink.0.into_inner().finish()
}

/// The page's text and the name of its encoding.
fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((enc, len)) = encoding::byte_order_mark(bytes) {
        let rest = bytes.get(len..).unwrap_or_default();
        return (
            enc.decode_without_bom_handling(rest).0.into_owned(),
            enc.name(),
        );
    }
    if let Some(enc) = meta_charset(bytes.get(..1024).unwrap_or(bytes)) {
        return (
            enc.decode_without_bom_handling(bytes).0.into_owned(),
            enc.name(),
        );
    }
    match encoding::sniff(bytes, true, &[SHIFT_JIS, EUC_JP]) {
        Sniffed::Utf8(t) => (t.to_owned(), "UTF-8"),
        Sniffed::Legacy { encoding, text } => (text, encoding.name()),
        _ => (String::from_utf8_lossy(bytes).into_owned(), "UTF-8"),
    }
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv content="…; charset=…">` names in
/// `head`. A page that claims UTF-16 in ASCII bytes is not UTF-16: read as UTF-8, as the HTML
/// standard says.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = find(lower.get(from..)?, b"charset") {
        let rest = lower.get(from + at + 7..)?;
        from += at + 7;
        let rest = trim_start(rest);
        let Some(rest) = rest.strip_prefix(b"=") else {
            continue;
        };
        let rest = trim_start(rest);
        let rest = rest
            .strip_prefix(b"\"")
            .or_else(|| rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|b| b.is_ascii_whitespace() || b"\"';>/".contains(b))
            .unwrap_or(rest.len());
        if let Some(enc) = Encoding::for_label(rest.get(..end)?) {
            return Some(if enc.name().starts_with("UTF-16") {
                UTF_8
            } else {
                enc
            });
        }
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|b| b.is_ascii_whitespace()).count();
    b.get(n..).unwrap_or_default()
}

/// The tokenizer's sink: the state behind a `RefCell`, as html5ever's sinks take `&self`.
struct Sink(RefCell<State>);

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        self.0.borrow_mut().token(token)
    }
}

/// Elements whose start or end is a line break outside a table, a space inside a cell.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "legend",
    "li",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "ul",
    "body",
    "html",
];

/// Elements whose text is dropped, and how the tokenizer reads their content.
fn dropped(name: &str) -> Option<Option<RawKind>> {
    match name {
        "script" => Some(Some(RawKind::ScriptData)),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" => Some(Some(RawKind::Rawtext)),
        "title" | "textarea" => Some(Some(RawKind::Rcdata)),
        // Not `head`: its end tag is optional, and a page that omits it would lose its body.
        "template" | "noscript" => Some(None),
        _ => None,
    }
}

/// A table being read.
#[derive(Debug)]
struct Table {
    /// Which table of the page, from 1.
    no: usize,
    grid: Grid,
    /// Rows emitted so far.
    rows: usize,
    /// The open cell: its text and spans.
    cell: Option<(String, usize, usize)>,
    /// The caption's text while inside `<caption>`.
    caption: Option<String>,
}

#[derive(Debug)]
struct State {
    rows: Rows,
    /// The text block being read outside any cell.
    line: String,
    /// Open tables, the innermost last.
    tables: Vec<Table>,
    /// Tables seen so far.
    seen: usize,
    /// Inside a dropped element: its name and how deep in elements of that name.
    skip: Option<(String, usize)>,
    /// Depth inside `<pre>`.
    pre: usize,
    /// Cells that may still be laid out.
    budget: usize,
    /// Set when the budget ran out; everything after is ignored.
    full: bool,
}

impl State {
    fn new() -> Self {
        State {
            rows: Vec::new(),
            line: String::new(),
            tables: Vec::new(),
            seen: 0,
            skip: None,
            pre: 0,
            budget: MAX_CELLS,
            full: false,
        }
    }

    fn token(&mut self, token: Token) -> TokenSinkResult<()> {
        if self.full {
            return TokenSinkResult::Continue;
        }
        let result = match token {
            Token::TagToken(tag) => self.tag(&tag),
            Token::CharacterTokens(t) => {
                if self.skip.is_none() {
                    self.text(&t);
                }
                Ok(TokenSinkResult::Continue)
            }
            _ => Ok(TokenSinkResult::Continue),
        };
        result.unwrap_or_else(|TooManyCells| {
            self.full = true;
            TokenSinkResult::Continue
        })
    }

    fn tag(&mut self, tag: &Tag) -> Result<TokenSinkResult<()>, TooManyCells> {
        let name: &str = &tag.name;
        let start = tag.kind == TagKind::StartTag;
        if let Some((skipping, depth)) = &mut self.skip {
            if skipping == name && !tag.self_closing {
                if start {
                    *depth += 1;
                } else {
                    *depth -= 1;
                    if *depth == 0 {
                        self.skip = None;
                    }
                }
            }
            return Ok(TokenSinkResult::Continue);
        }
        if start && !tag.self_closing {
            if let Some(raw) = dropped(name) {
                self.skip = Some((name.to_owned(), 1));
                return Ok(raw.map_or(TokenSinkResult::Continue, TokenSinkResult::RawData));
            }
        }
        match (name, start) {
            ("table", true) => {
                self.end_line();
                blank_line(&mut self.rows);
                self.seen += 1;
                self.tables.push(Table {
                    no: self.seen,
                    grid: Grid::default(),
                    rows: 0,
                    cell: None,
                    caption: None,
                });
            }
            ("table", false) => {
                if let Some(mut t) = self.tables.pop() {
                    self.close_row(&mut t)?;
                    self.end_line();
                    blank_line(&mut self.rows);
                }
            }
            ("caption", true) => {
                if let Some(t) = self.tables.last_mut() {
                    t.caption = Some(String::new());
                }
            }
            ("caption", false) => {
                if let Some(c) = self.tables.last_mut().and_then(|t| t.caption.take()) {
                    let c = collapse(&c);
                    if !c.is_empty() {
                        self.rows.push((vec![c], Split::AsWritten));
                    }
                }
            }
            ("tr", _) | ("thead" | "tbody" | "tfoot", _) => {
                if let Some(mut t) = self.tables.pop() {
                    let r = self.close_row(&mut t);
                    if name == "tr" && start {
                        t.grid.start_row();
                    }
                    self.tables.push(t);
                    r?;
                }
            }
            ("td" | "th", _) => {
                if let Some(mut t) = self.tables.pop() {
                    let r = close_cell(&mut t, &mut self.budget);
                    if start && r.is_ok() {
                        let span = |a: &str| {
                            tag.attrs
                                .iter()
                                .find(|x| &*x.name.local == a)
                                .and_then(|x| x.value.trim().parse::<usize>().ok())
                                .unwrap_or(1)
                        };
                        t.cell = Some((String::new(), span("colspan"), span("rowspan")));
                    }
                    self.tables.push(t);
                    r?;
                }
            }
            ("pre", true) => {
                self.pre += 1;
                self.block();
            }
            ("pre", false) => {
                self.pre = self.pre.saturating_sub(1);
                self.block();
            }
            ("br", _) => self.block(),
            _ if BLOCKS.contains(&name) => self.block(),
            _ => {}
        }
        Ok(TokenSinkResult::Continue)
    }

    /// Where text goes now: the open caption or cell of the innermost table, else the line.
    fn target(&mut self) -> (&mut String, bool) {
        match self.tables.last_mut() {
            Some(Table {
                caption: Some(c), ..
            }) => (c, true),
            Some(Table {
                cell: Some((c, ..)),
                ..
            }) => (c, true),
            _ => (&mut self.line, false),
        }
    }

    fn text(&mut self, t: &str) {
        if self.pre > 0 && t.contains('\n') && !self.target().1 {
            let mut parts = t.split('\n');
            if let Some(first) = parts.next() {
                self.line.push_str(first);
            }
            for p in parts {
                self.end_line();
                self.line.push_str(p);
            }
            return;
        }
        self.target().0.push_str(t);
    }

    /// A block's start or end, or a `<br>`: a space inside a cell, the end of a line outside.
    fn block(&mut self) {
        let (target, in_cell) = self.target();
        if in_cell {
            target.push(' ');
        } else {
            self.end_line();
        }
    }

    /// Ends the text line being read, as a row of one cell (nothing when it is blank).
    fn end_line(&mut self) {
        let line = collapse(&std::mem::take(&mut self.line));
        if !line.is_empty() {
            self.rows.push((vec![line], Split::AsWritten));
        }
    }

    /// Closes the open cell and row of `t`, emitting the row.
    fn close_row(&mut self, t: &mut Table) -> Result<(), TooManyCells> {
        close_cell(t, &mut self.budget)?;
        if let Some(cells) = t.grid.end_row(&mut self.budget)? {
            t.rows += 1;
            if !cells.is_empty() {
                // Text read between cells (outside any) goes before the row, as a browser
                // moves it before the table.
                self.end_line();
                self.rows.push((
                    cells,
                    Split::Table {
                        table: format!("HTML の表 {}", t.no),
                        row: t.rows,
                    },
                ));
            }
        }
        Ok(())
    }

    /// The rows, once the page has been read to its end.
    fn finish(mut self) -> Result<Rows, TooManyCells> {
        if self.full {
            return Err(TooManyCells);
        }
        while let Some(mut t) = self.tables.pop() {
            self.close_row(&mut t)?;
            blank_line(&mut self.rows);
        }
        self.end_line();
        while self
            .rows
            .last()
            .is_some_and(|(c, _)| c.iter().all(|c| c.is_empty()))
        {
            self.rows.pop();
        }
        Ok(self.rows)
    }
}

/// Closes the open cell of `t`, laying it out in the row.
fn close_cell(t: &mut Table, budget: &mut usize) -> Result<(), TooManyCells> {
    if let Some((text, colspan, rowspan)) = t.cell.take() {
        t.grid.cell(collapse(&text), colspan, rowspan, budget)?;
    }
    Ok(())
}

/// Runs of HTML white space (and no-break spaces, which lay out a cell with nothing in it)
/// as one space, trimmed.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s
        .split(|c: char| c.is_ascii_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rows of `html` as (cells, evidence in words).
    fn read_rows(html: &str) -> Vec<(Vec<String>, String)> {
        rows(html)
            .unwrap()
            .into_iter()
            .map(|(c, s)| (c, s.describe()))
            .collect()
    }

    fn cells(rows: &[(Vec<String>, String)]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|(c, _)| c.iter().map(String::as_str).collect())
            .collect()
    }

    #[test]
    fn a_table_becomes_rows_of_cells_with_their_table_and_row() {
        let r = read_rows(
            "<!doctype html><title>市のサイト</title><h1>成果指標</h1>\
             <table><thead><tr><th>指標名<th>現状値<br>(R4)<th>目標値</thead>\
             <tbody><tr><td>観光客数 &amp; 宿泊数</td><td>86.7&nbsp;万人</td><td>110</td></tr>\
             <tr><td>&nbsp;</td><td>  1\n 2 </td></tr></tbody></table><p>以上</p>",
        );
        assert_eq!(
            cells(&r),
            [
                vec!["成果指標"],
                vec![],
                vec!["指標名", "現状値 (R4)", "目標値"],
                vec!["観光客数 & 宿泊数", "86.7 万人", "110"],
                vec!["", "1 2"],
                vec![],
                vec!["以上"],
            ]
        );
        assert_eq!(r[2].1, "HTML の表 1 の 1 行目");
        assert_eq!(r[4].1, "HTML の表 1 の 3 行目");
        assert_eq!(r[0].1, "");
    }

    #[test]
    fn spans_leave_their_text_first_and_empty_cells_after() {
        let r = read_rows(
            "<table><tr><th rowspan=2>分野<th colspan=2>目標値\
             <tr><td>R7<td>R9\
             <tr><td rowspan=\"2\">産業<td>1<td>2<tr><td>3<td>4</table>",
        );
        assert_eq!(
            cells(&r),
            [
                vec!["分野", "目標値", ""],
                vec!["", "R7", "R9"],
                vec!["産業", "1", "2"],
                vec!["", "3", "4"],
            ]
        );
    }

    #[test]
    fn a_table_inside_a_cell_becomes_rows_of_its_own_before_its_row() {
        let r = read_rows("<table><tr><td>左<td><table><tr><td>指標<td>目標</table>注</table>");
        assert_eq!(cells(&r), [vec!["指標", "目標"], vec![], vec!["左", "注"]]);
        assert_eq!(r[0].1, "HTML の表 2 の 1 行目");
        assert_eq!(r[2].1, "HTML の表 1 の 1 行目");
    }

    #[test]
    fn text_outside_tables_is_one_line_per_block_and_scripts_are_dropped() {
        let r = read_rows(
            "<html><head><style>td{x:1}</style><script>if (a<b) {}</script></head>\
             <body><div>第1章<span>　総論</span></div><ul><li>一<li>二</ul>\
             行1<br>行2<dl><dt>用語<dd>説明</dl><pre>a  b\nc</pre><noscript>JS</noscript>\
             <caption>外</caption></body>",
        );
        assert_eq!(
            cells(&r),
            [
                vec!["第1章　総論"],
                vec!["一"],
                vec!["二"],
                vec!["行1"],
                vec!["行2"],
                vec!["用語"],
                vec!["説明"],
                vec!["a b"],
                vec!["c"],
                vec!["外"],
            ]
        );
    }

    #[test]
    fn a_caption_is_a_line_before_its_rows() {
        let r = read_rows("<table><caption>表1 成果指標</caption><tr><td>a<td>b</table>");
        assert_eq!(cells(&r), [vec!["表1 成果指標"], vec!["a", "b"]]);
    }

    #[test]
    fn the_encoding_is_read_from_the_bom_the_meta_or_the_bytes() {
        let page = "<html><meta charset=\"Shift_JIS\"><table><tr><td>成果指標</table>";
        let (sjis, _, _) = SHIFT_JIS.encode(page);
        let (rows, enc) = read(&sjis, "p.html").unwrap();
        assert_eq!(enc, "Shift_JIS");
        assert_eq!(rows[0].0, ["成果指標"]);
        let http = "<meta http-equiv=Content-Type content='text/html; charset=euc-jp'><p>数値";
        let (euc, _, _) = EUC_JP.encode(http);
        assert_eq!(read(&euc, "p.html").unwrap().0[0].0, ["数値"]);
        // No declaration: the bytes decide.
        let (sjis, _, _) = SHIFT_JIS.encode("<table><tr><td>観光客数</table>");
        let (rows, enc) = read(&sjis, "p.html").unwrap();
        assert_eq!((rows[0].0[0].as_str(), enc), ("観光客数", "Shift_JIS"));
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend("<meta charset=shift_jis><p>目標".as_bytes());
        assert_eq!(
            read(&bom, "p.html").unwrap(),
            (vec![(vec!["目標".to_owned()], Split::AsWritten)], "UTF-8")
        );
        assert_eq!(meta_charset(b"<meta charset=utf-16le>"), Some(UTF_8));
    }

    #[test]
    fn a_page_of_too_many_cells_is_refused() {
        let row = "<td colspan=1000>x".repeat(1001);
        let e = read(format!("<table><tr>{row}</table>").as_bytes(), "big.html").unwrap_err();
        assert!(e.message.contains("HTML のセルが"), "{e}");
        assert!(e.to_string().starts_with("big.html:1: "));
    }

    #[test]
    fn broken_markup_still_reads() {
        for page in [
            "<table><td>a</tr></tr><tr><td rowspan=x colspan=-1>b",
            "</table></td><td>c<caption>",
            "<table><caption>x<table><tr><td>y",
            "<script>never closed",
            "<head><title>t</title><body><table><tr><td>a<td>b</table>",
            "<pre>\n\n</pre>",
            "",
        ] {
            rows(page).unwrap();
        }
        assert_eq!(
            cells(&read_rows("<table><td>a</tr></tr><tr><td rowspan=x>b")),
            [vec!["a"], vec!["b"]]
        );
    }
}
