//! A Word document (`.docx`) read into rows: paragraphs as lines, tables cell by cell.
//!
//! Only `word/document.xml` is read (headers, footers, footnotes and comments are no part of
//! a plan's body), as XML events, within [`super::package`]'s bounds.
//!
//! - A paragraph (`w:p`) is a line: the text of its runs (`w:t`) joined; a tab (`w:tab`) cuts
//!   it into cells as a tab in a text file does; a line break (`w:br`, `w:cr`) ends the line.
//!   A heading is a paragraph like any other. Deleted text (`w:delText`) and field codes
//!   (`w:instrText`) are no text; a text box's copy kept for old readers (`mc:Fallback`) is
//!   skipped so its text is read once. Consecutive empty paragraphs are one blank line.
//! - A table (`w:tbl`) becomes rows of cells, [`Split::Table`] `Word の表 N`. A cell's
//!   paragraphs and breaks are joined by spaces. A cell spanning columns (`w:gridSpan`) keeps
//!   its text first and adds empty cells for the columns it covers; a cell continuing a
//!   vertical merge (`w:vMerge` other than `restart`) is empty; columns skipped at a row's
//!   start (`w:gridBefore`) are empty cells. A table inside a cell becomes rows of its own,
//!   before the row that holds it.

use quick_xml::events::Event;
use quick_xml::Reader;

use super::package::{attr, local, reference, text, Package, MAX_CELLS};
use super::{blank_line, Rows};
use crate::extract::text::Split;
use crate::extract::ExtractError;

/// The part that holds the document's body.
const BODY: &str = "word/document.xml";

/// Reads a Word document into rows.
pub fn read(bytes: &[u8], file: &str) -> Result<Rows, ExtractError> {
    let mut package = Package::open(bytes, file, "docx")?;
    let xml = package.part(BODY)?.ok_or_else(|| {
        super::refuse(
            file,
            format!("Word の文書ではありません（{BODY} がありません）"),
            format!("this is not a Word document (it has no {BODY})"),
        )
    })?;
    rows(&xml).map_err(|e| match e {
        Error::Xml(e) => package.bad_xml(BODY, &e),
        Error::TooManyCells => package.too_many_cells(),
    })
}

/// Why the body could not be read.
#[derive(Debug)]
pub enum Error {
    /// Not well-formed XML.
    Xml(quick_xml::Error),
    /// More than [`MAX_CELLS`] cells.
    TooManyCells,
}

/// A table being read.
#[derive(Debug)]
struct Table {
    no: usize,
    rows: usize,
    row: Option<Vec<String>>,
    /// The open cell: its text, the columns it spans, whether it continues a vertical merge.
    cell: Option<(String, usize, bool)>,
}

/// The rows of a document body (`word/document.xml`).
pub fn rows(xml: &[u8]) -> Result<Rows, Error> {
    let mut reader = Reader::from_reader(xml);
    reader.config_mut().expand_empty_elements = true;
    reader.config_mut().trim_text(false);
    let mut out: Rows = Vec::new();
    let mut line = String::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut seen = 0;
    let mut in_text = false;
    // Inside a run (`w:r`): a `w:tab` there is a tab character, elsewhere (`w:tabs` in a
    // paragraph's properties) a tab stop.
    let mut in_run = 0usize;
    let mut fallback = 0usize;
    let mut budget = MAX_CELLS;
    let mut take = |n: usize| -> Result<(), Error> {
        budget = budget.checked_sub(n).ok_or(Error::TooManyCells)?;
        Ok(())
    };
    loop {
        let event = reader.read_event().map_err(Error::Xml)?;
        if fallback > 0 {
            match &event {
                Event::Start(e) if local(e) == "Fallback" => fallback += 1,
                Event::End(e) if e.local_name().as_ref() == "Fallback" => fallback -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        // Where text goes: the innermost open cell, else the paragraph's line.
        let target = |tables: &mut Vec<Table>, line: &mut String, s: &str| match tables
            .last_mut()
            .and_then(|t| t.cell.as_mut())
        {
            Some((c, ..)) => c.push_str(s),
            None => line.push_str(s),
        };
        match event {
            Event::Start(e) => match local(&e) {
                "Fallback" => fallback = 1,
                "t" => in_text = true,
                "r" => in_run += 1,
                "tab" if in_run > 0 && !in_text => target(&mut tables, &mut line, "\t"),
                "br" | "cr" if in_run > 0 => {
                    if tables.last().is_some_and(|t| t.cell.is_some()) {
                        target(&mut tables, &mut line, " ");
                    } else {
                        end_line(&mut out, &mut line);
                    }
                }
                "noBreakHyphen" if in_run > 0 => target(&mut tables, &mut line, "-"),
                "tbl" => {
                    seen += 1;
                    blank_line(&mut out);
                    tables.push(Table {
                        no: seen,
                        rows: 0,
                        row: None,
                        cell: None,
                    });
                }
                "tr" => {
                    if let Some(t) = tables.last_mut() {
                        t.row = Some(Vec::new());
                    }
                }
                "gridBefore" => {
                    let n = span(attr(&e, "val"));
                    if let Some(row) = tables.last_mut().and_then(|t| t.row.as_mut()) {
                        take(n)?;
                        row.extend(std::iter::repeat_n(String::new(), n));
                    }
                }
                "tc" => {
                    if let Some(t) = tables.last_mut() {
                        t.cell = Some((String::new(), 1, false));
                    }
                }
                "gridSpan" => {
                    if let Some((_, s, _)) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                        *s = span(attr(&e, "val"));
                    }
                }
                "vMerge" => {
                    if let Some((_, _, cont)) = tables.last_mut().and_then(|t| t.cell.as_mut()) {
                        *cont = attr(&e, "val").is_none_or(|v| v != "restart");
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "t" => in_text = false,
                "r" => in_run = in_run.saturating_sub(1),
                "p" => {
                    if tables.last().is_some_and(|t| t.cell.is_some()) {
                        target(&mut tables, &mut line, " ");
                    } else if line.trim().is_empty() {
                        line.clear();
                        blank_line(&mut out);
                    } else {
                        end_line(&mut out, &mut line);
                    }
                }
                "tc" => {
                    if let Some(t) = tables.last_mut() {
                        if let Some((text, span, cont)) = t.cell.take() {
                            take(span)?;
                            let row = t.row.get_or_insert_with(Vec::new);
                            row.push(if cont { String::new() } else { squeeze(&text) });
                            row.extend(std::iter::repeat_n(String::new(), span - 1));
                        }
                    }
                }
                "tr" => {
                    if let Some(t) = tables.last_mut() {
                        if let Some(cells) = t.row.take() {
                            t.rows += 1;
                            out.push((
                                cells,
                                Split::Table {
                                    table: format!("Word の表 {}", t.no),
                                    row: t.rows,
                                },
                            ));
                        }
                    }
                }
                "tbl" if tables.pop().is_some() => blank_line(&mut out),
                _ => {}
            },
            Event::Text(t) if in_text => target(&mut tables, &mut line, &text(&t)),
            Event::CData(t) if in_text => target(&mut tables, &mut line, &t.into_inner()),
            Event::GeneralRef(r) if in_text => target(&mut tables, &mut line, &reference(&r)),
            Event::Eof => break,
            _ => {}
        }
    }
    end_line(&mut out, &mut line);
    while out
        .last()
        .is_some_and(|(c, _)| c.iter().all(|c| c.trim().is_empty()))
    {
        out.pop();
    }
    Ok(out)
}

/// A `w:val` span, clamped to Word's 63 columns (1 when absent or not a number).
fn span(val: Option<String>) -> usize {
    val.and_then(|v| v.trim().parse::<usize>().ok())
        .unwrap_or(1)
        .clamp(1, 63)
}

/// Ends a paragraph's line: its tab-separated cells, as written.
fn end_line(out: &mut Rows, line: &mut String) {
    let l = std::mem::take(line);
    if !l.trim().is_empty() {
        out.push((
            l.split('\t').map(|c| c.trim().to_owned()).collect(),
            Split::AsWritten,
        ));
    }
}

/// A cell's text: its paragraphs' spaces, one space between words, trimmed.
fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006""#;

    fn body(inner: &str) -> Vec<(Vec<String>, String)> {
        let xml = format!(
            r#"<?xml version="1.0"?><w:document {W}><w:body>{inner}</w:body></w:document>"#
        );
        rows(xml.as_bytes())
            .unwrap()
            .into_iter()
            .map(|(c, s)| (c, s.describe()))
            .collect()
    }

    fn p(text: &str) -> String {
        format!("<w:p><w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r></w:p>")
    }

    fn tc(inner: &str) -> String {
        format!("<w:tc>{inner}</w:tc>")
    }

    #[test]
    fn paragraphs_are_lines_and_runs_are_joined() {
        let r = body(&format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:tabs><w:tab w:val=\"left\" w:pos=\"840\"/>\
             </w:tabs></w:pPr><w:r><w:t>第３章</w:t></w:r>\
             <w:r><w:t xml:space=\"preserve\">　施策&amp;展開</w:t></w:r></w:p>\
             <w:p/><w:p></w:p>{}<w:p><w:r><w:t>指標</w:t><w:tab/><w:t>25件</w:t>\
             <w:br/><w:t>次</w:t><w:delText>消</w:delText></w:r></w:p>",
            p("本文")
        ));
        let cells: Vec<&Vec<String>> = r.iter().map(|(c, _)| c).collect();
        assert_eq!(
            cells,
            [
                &vec!["第３章　施策&展開".to_owned()],
                &vec![],
                &vec!["本文".to_owned()],
                &vec!["指標".to_owned(), "25件".to_owned()],
                &vec!["次".to_owned()],
            ]
        );
        assert_eq!(r[3].1, "");
    }

    #[test]
    fn tables_are_rows_with_spans_and_merges_as_empty_cells() {
        let r = body(&format!(
            "{}<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}{}</w:tr><w:tr>{}{}{}</w:tr></w:tbl>{}",
            p("成果指標"),
            tc(&format!(
                "<w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr>{}",
                p("分野")
            )),
            tc(&format!(
                "<w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr>{}",
                p("目標値")
            )),
            tc(&format!("<w:tcPr><w:vMerge/></w:tcPr>{}", p("x"))),
            tc(&p("R7")),
            tc(&p("R9")),
            tc(&format!("{}{}", p("二段の"), p("名前"))),
            tc(&p("1")),
            tc("<w:p/>"),
            p("以上"),
        ));
        let cells: Vec<Vec<&str>> = r
            .iter()
            .map(|(c, _)| c.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            cells,
            [
                vec!["成果指標"],
                vec![],
                vec!["分野", "目標値", ""],
                vec!["", "R7", "R9"],
                vec!["二段の 名前", "1", ""],
                vec![],
                vec!["以上"],
            ]
        );
        assert_eq!(r[3].1, "Word の表 1 の 2 行目");
    }

    #[test]
    fn a_nested_table_is_rows_of_its_own_and_fallback_text_is_read_once() {
        let inner = format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
            tc(&p("指標")),
            tc(&p("目標"))
        );
        let r = body(&format!(
            "<w:tbl><w:tr>{}{}</w:tr></w:tbl>\
             <w:p><w:r><mc:AlternateContent><mc:Choice><w:t>箱</w:t></mc:Choice>\
             <mc:Fallback><w:t>箱</w:t></mc:Fallback></mc:AlternateContent></w:r></w:p>",
            tc(&p("左")),
            tc(&format!("{inner}{}", p("注")))
        ));
        assert_eq!(
            r[0],
            (
                vec!["指標".into(), "目標".into()],
                "Word の表 2 の 1 行目".into()
            )
        );
        assert_eq!(
            r[2],
            (
                vec!["左".into(), "注".into()],
                "Word の表 1 の 1 行目".into()
            )
        );
        assert_eq!(r.last().unwrap().0, ["箱"]);
    }

    #[test]
    fn broken_xml_is_an_error_not_a_panic() {
        assert!(matches!(
            rows(b"<w:document><w:body><w:p></w:body>"),
            Err(Error::Xml(_))
        ));
        assert!(rows(b"").unwrap().is_empty());
        let _ = rows(b"<w:tc><w:tr></w:tr></w:tc></w:tbl><w:t>x");
    }
}
