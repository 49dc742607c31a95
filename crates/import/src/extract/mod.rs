//! The document-text extractor: a published plan, turned into text, read into a draft plan.
//!
//! Plan owners have their plans as PDFs converted to text; shinchoku reads that text instead
//! of having hundreds of targets retyped. The path a document takes:
//!
//! 1. [`decode`]: bytes → text (UTF-8 with or without BOM, Shift_JIS / CP932), or a located
//!    error for bytes that are no text.
//! 2. [`text`]: text → [`text::Doc`], lines normalised once (NFKC, list labels kept) and
//!    split into tab-separated cells.
//! 3. The recognisers, each reading the `Doc` and adding to one [`model::Extraction`]:
//!    [`structure`] first (the node tree, which the others hang their items on), then
//!    [`indicators`], [`progress`], [`roadmap`] and [`tables`] (data series, support-
//!    institution matrices, member lists), and last [`checks`], the consistency warnings.
//! 4. [`to_plan`]: an accepted extraction → a core `Plan` (and so the plan file).
//!
//! The rules are general rules of how Japanese plans are written — headings numbered `1`,
//! `(1)`, `①`, tables with 現状値 / 目標値 columns, `○` in role columns — never rules for
//! particular documents. Guarantee: [`extract`] returns an extraction or a located error for
//! any input, and never panics (fuzzed: `fuzz/`, RELIABILITY.md).

pub mod checks;
pub mod decode;
pub mod indicators;
pub mod model;
pub mod progress;
pub mod roadmap;
pub mod structure;
pub mod tables;
pub mod text;
pub mod to_plan;

pub use decode::ExtractError;
pub use model::Extraction;

/// Reads a document's bytes into an extraction.
pub fn extract(bytes: &[u8], file: &str) -> Result<Extraction, ExtractError> {
    let decoded = decode::decode(bytes, file)?;
    Ok(extract_text(&decoded.text, file, decoded.encoding))
}

/// Reads decoded text into an extraction.
pub fn extract_text(text: &str, file: &str, encoding: &str) -> Extraction {
    let doc = text::Doc::new(file, text);
    let mut ex = Extraction {
        document: file.to_owned(),
        encoding: encoding.to_owned(),
        ..Extraction::default()
    };
    structure::recognize(&doc, &mut ex);
    indicators::recognize(&doc, &mut ex);
    progress::recognize(&doc, &mut ex);
    roadmap::recognize(&doc, &mut ex);
    tables::recognize(&doc, &mut ex);
    checks::recognize(&doc, &mut ex);
    ex.warnings.sort_by_key(|w| w.line);
    ex
}

/// The id of the innermost node whose heading is at or before `line` (1-based): the node a
/// table or an item printed at `line` belongs to.
pub fn node_at(ex: &Extraction, line: usize) -> Option<&str> {
    ex.nodes
        .iter()
        .take_while(|n| n.line <= line)
        .last()
        .map(|n| n.id.as_str())
}
