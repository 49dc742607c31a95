//! The forms a document comes in: PDF, HTML, xlsx, docx and text, each read into what the
//! extractor reads, text for [`Doc::new`] or rows of cells for [`Doc::from_rows`].
//!
//! [`form_of`] decides by content first, so a file saved under the wrong name still reads:
//! `%PDF-` is a PDF, a ZIP archive holding `word/document.xml` a Word document, one holding
//! `xl/workbook.xml` a workbook, and `<!doctype html`, `<html` or `<table` near the start an
//! HTML page. Only then the extension (`.pdf`, `.html`/`.htm`, `.xlsx`/`.xlsm`, `.docx`), whose
//! reader then says what the bytes are not; everything else is text ([`super::decode`]).
//!
//! - [`pdf`]: poppler's `pdftotext -layout`, run as a subprocess with a time limit and a
//!   bound on its output; the text it prints goes through [`Doc::new`] like any text, so the
//!   text front end reads its space-aligned columns. A PDF without text (a scan) is refused.
//! - [`html`]: html5ever's tokenizer; tables become rows of cells, other text one line per
//!   block.
//! - [`xlsx`] and [`docx`]: the ZIP package ([`package`], bounded) and its XML parts.
//!
//! Spanned cells, in every form: a cell spanning several columns or rows keeps its text in
//! its first position (top left) and leaves the positions it covers empty. The recognisers
//! read an empty cell as "the same as above" in grouping and period columns, and an empty
//! label as the row above's, which is what a row span means; a column span's empty cells are
//! the blank continuation of a heading (`目標値` over `R7 | R9`).
//!
//! Tables are separated from each other and from the text around them by a blank line, so
//! each is a block of its own ([`Doc::row_blocks`]); a table inside a table cell becomes rows
//! of its own, before the row that holds it (government pages lay out whole pages in
//! tables, with the data table inside one cell).
//!
//! Every refusal is an [`ExtractError`] on line 1 naming the file, Japanese first, then
//! English (`… / …`), with what to do. Nothing here panics on any input.

pub mod docx;
pub mod grid;
pub mod html;
pub mod package;
pub mod pdf;
pub mod xlsx;

use std::path::Path;

use super::decode::{self, ExtractError};
use super::text::{Doc, Split};

/// The form a document is read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Text in one of the encodings [`decode`] reads.
    Text,
    /// A PDF, read through `pdftotext -layout`.
    Pdf,
    /// An HTML page.
    Html,
    /// An Excel workbook (Office Open XML).
    Xlsx,
    /// A Word document (Office Open XML).
    Docx,
}

/// What a document was read into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read {
    /// Text, for [`Doc::new`] (a text file, or the text layer of a PDF).
    Text {
        /// The text.
        text: String,
        /// What it was read from: the encoding of a text file (`UTF-8`, `Shift_JIS`), or
        /// `PDF`.
        encoding: String,
    },
    /// Rows of cells already cut (HTML, xlsx, docx).
    Doc {
        /// The document.
        doc: Doc,
        /// What it was read from: `HTML (UTF-8)`, `HTML (Shift_JIS)`, `xlsx`, `docx`.
        encoding: String,
    },
}

/// How many bytes from the start are looked at for an HTML page's opening tags.
const HTML_SNIFF: usize = 1024;

/// The form of a document, by content first, then by the extension of `file`.
pub fn form_of(bytes: &[u8], file: &str) -> Form {
    if crate::encoding::is_pdf(bytes.get(..HTML_SNIFF).unwrap_or(bytes)) {
        return Form::Pdf;
    }
    if package::holds(bytes, "word/document.xml") {
        return Form::Docx;
    }
    if package::holds(bytes, "xl/workbook.xml") {
        return Form::Xlsx;
    }
    if looks_like_html(bytes) {
        return Form::Html;
    }
    let ext = Path::new(file)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "pdf" => Form::Pdf,
        "html" | "htm" | "xhtml" => Form::Html,
        "xlsx" | "xlsm" => Form::Xlsx,
        "docx" | "docm" => Form::Docx,
        _ => Form::Text,
    }
}

/// True when the first bytes, after a byte order mark and white space, open an HTML page or
/// a bare table: `<!doctype html`, `<html` or `<table` within the first [`HTML_SNIFF`] bytes,
/// the document starting with `<`.
fn looks_like_html(bytes: &[u8]) -> bool {
    let head = bytes.get(..HTML_SNIFF).unwrap_or(bytes);
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    if head.get(start) != Some(&b'<') {
        return false;
    }
    let lower = head.to_ascii_lowercase();
    [&b"<!doctype html"[..], b"<html", b"<table"]
        .iter()
        .any(|tag| lower.windows(tag.len()).any(|w| w == *tag))
}

/// Reads a document in the form [`form_of`] finds.
pub fn read(bytes: &[u8], file: &str) -> Result<Read, ExtractError> {
    match form_of(bytes, file) {
        Form::Text => {
            let d = decode::decode(bytes, file)?;
            Ok(Read::Text {
                text: d.text,
                encoding: d.encoding.to_owned(),
            })
        }
        Form::Pdf => pdf::read(bytes, file),
        Form::Html => {
            let (rows, encoding) = html::read(bytes, file)?;
            Ok(Read::Doc {
                doc: Doc::from_rows(file, rows),
                encoding: format!("HTML ({encoding})"),
            })
        }
        Form::Xlsx => Ok(Read::Doc {
            doc: Doc::from_rows(file, xlsx::read(bytes, file)?),
            encoding: "xlsx".to_owned(),
        }),
        Form::Docx => Ok(Read::Doc {
            doc: Doc::from_rows(file, docx::read(bytes, file)?),
            encoding: "docx".to_owned(),
        }),
    }
}

/// Rows of cells with the evidence of each, as the structured readers hand them to
/// [`Doc::from_rows`].
pub type Rows = Vec<(Vec<String>, Split)>;

/// A refusal of the whole file: on line 1, Japanese then English.
pub(crate) fn refuse(file: &str, ja: String, en: String) -> ExtractError {
    ExtractError {
        file: file.to_owned(),
        line: 1,
        message: format!("{ja} / {en}"),
    }
}

/// Appends a blank row unless the rows are empty or already end with one: what separates a
/// table from what comes before and after it.
pub(crate) fn blank_line(rows: &mut Rows) {
    if rows
        .last()
        .is_some_and(|(cells, _)| cells.iter().any(|c| !c.trim().is_empty()))
    {
        rows.push((Vec::new(), Split::AsWritten));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_is_told_by_content_before_the_name() {
        assert_eq!(form_of(b"%PDF-1.7\n", "plan.txt"), Form::Pdf);
        assert_eq!(form_of(b"\n %PDF-1.4", "x"), Form::Pdf);
        assert_eq!(
            form_of(b"\xEF\xBB\xBF\n<!DOCTYPE html><html>", "plan.txt"),
            Form::Html
        );
        assert_eq!(
            form_of(b"<table><tr><td>1</td></tr></table>", "-"),
            Form::Html
        );
        assert_eq!(
            form_of(b"<meta charset=utf-8>\n<HTML lang=ja>", "x.txt"),
            Form::Html
        );
        assert_eq!(form_of(b"<p>no page tag</p>", "x.txt"), Form::Text);
        assert_eq!(form_of("成果指標\t<table>".as_bytes(), "x.txt"), Form::Text);
    }

    #[test]
    fn the_extension_decides_when_the_content_does_not() {
        assert_eq!(form_of(b"", "計画.PDF"), Form::Pdf);
        assert_eq!(form_of(b"<p>x</p>", "page.htm"), Form::Html);
        assert_eq!(form_of(b"junk", "book.xlsx"), Form::Xlsx);
        assert_eq!(form_of(b"junk", "doc.docx"), Form::Docx);
        assert_eq!(form_of("指標".as_bytes(), "plan.txt"), Form::Text);
        assert_eq!(form_of(b"PK\x03\x04junk", "x.zip"), Form::Text);
    }

    #[test]
    fn a_blank_line_is_added_once_and_never_first() {
        let mut rows: Rows = Vec::new();
        blank_line(&mut rows);
        assert!(rows.is_empty());
        rows.push((vec!["a".into()], Split::AsWritten));
        blank_line(&mut rows);
        blank_line(&mut rows);
        assert_eq!(rows.len(), 2);
    }
}
