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
//!    [`structure`] first (the node tree, which the others hang their items on, and through
//!    [`title`] the title and the stated period), then
//!    [`indicators`], [`progress`], [`roadmap`] and [`tables`] (data series, support-
//!    institution matrices, member lists); then `title::complete` (the issuer, from
//!    [`issuer`], and a name built from what the document prints when it prints no title),
//!    and last [`checks`], the consistency warnings.
//! 4. [`to_plan`]: an accepted extraction → a core `Plan` (and so the plan file).
//!
//! The rules are general rules of how Japanese plans are written — headings numbered `1`,
//! `(1)`, `①`, tables with 現状値 / 目標値 columns, `○` in role columns — never rules for
//! particular documents. Guarantee: [`extract`] returns an extraction or a located error for
//! any input, and never panics (fuzzed: `fuzz/`, RELIABILITY.md).

pub mod checks;
pub mod decode;
pub mod indicators;
pub mod issuer;
pub mod model;
pub mod progress;
pub mod roadmap;
pub mod structure;
pub mod tables;
pub mod text;
pub mod title;
pub mod to_plan;

use shinchoku_core::period::{FiscalStart, Period};

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
    ex.node_index = Some(NodeIndex::new(&ex));
    indicators::recognize(&doc, &mut ex);
    progress::recognize(&doc, &mut ex);
    roadmap::recognize(&doc, &mut ex);
    tables::recognize(&doc, &mut ex);
    if ex.plan.period.is_none() {
        ex.plan.period = infer_plan_period(&ex);
    }
    title::complete(&doc, &mut ex);
    checks::recognize(&doc, &mut ex);
    ex.warnings.sort_by_key(|w| w.line);
    ex
}

/// The plan period when the document does not state it: the window most targets sum over
/// (`(2022～2026)`, `15件/3年`), else the span of the roadmap's years.
fn infer_plan_period(ex: &Extraction) -> Option<Period> {
    let mut windows: Vec<(Period, usize)> = Vec::new();
    for p in ex.indicators.iter().filter_map(|i| i.target.period) {
        if !p.is_window() {
            continue;
        }
        // A calendar window stands for the fiscal window of the same years.
        let p = match p {
            Period::CalendarYears { start, end } => Period::FiscalYears { start, end },
            p => p,
        };
        match windows.iter_mut().find(|(w, _)| *w == p) {
            Some((_, n)) => *n += 1,
            None => windows.push((p, 1)),
        }
    }
    // The most common window; the first seen among equals.
    let mut best: Option<(Period, usize)> = None;
    for (w, n) in windows {
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((w, n));
        }
    }
    if let Some((w, _)) = best {
        return Some(w);
    }
    let fs = FiscalStart::APRIL;
    let start = ex
        .roadmap
        .iter()
        .filter_map(|r| r.start)
        .map(|p| p.start_year(fs))
        .min()?;
    let end = ex
        .roadmap
        .iter()
        .filter_map(|r| r.end.or(r.start))
        .map(|p| p.end_year(fs))
        .max()?;
    Period::fiscal_years(start, end).ok()
}

/// The id of the innermost node whose heading is at or before `line` (1-based): the node a
/// table or an item printed at `line` belongs to. A heading printed again (a node's
/// [`model::NodeOut::also_at`]) opens its node again there.
pub fn node_at(ex: &Extraction, line: usize) -> Option<&str> {
    let built;
    let index = match &ex.node_index {
        Some(i) if i.covers(ex) => i,
        _ => {
            built = NodeIndex::new(ex);
            &built
        }
    };
    index
        .at(line)
        .and_then(|i| ex.nodes.get(i))
        .map(|n| n.id.as_str())
}

/// The node a block printed at `line` belongs to. Like [`node_at`], except for a block under
/// an unnumbered part heading such as `■ 数値目標`: parts (`■ 現状と課題`, `■ 今後の取組方針`,
/// `■ 数値目標`) belong to the node the first of them follows, even when numbered items came
/// in between (004 lists a basic direction's targets after its last measure's roadmap). The
/// earlier part counts only if no heading at its node's depth or above lies between the two.
pub fn block_node<'a>(doc: &text::Doc, ex: &'a Extraction, line: usize) -> Option<&'a str> {
    let built;
    let index = match &ex.node_index {
        Some(i) if i.covers(ex) => i,
        _ => {
            built = NodeIndex::new(ex);
            &built
        }
    };
    let fallback = || {
        index
            .at(line)
            .and_then(|i| ex.nodes.get(i))
            .map(|n| n.id.as_str())
    };
    let is_heading = |l: usize| index.heads.binary_search_by_key(&l, |(hl, _)| *hl).is_ok();
    let symbol_of = |l: &text::Line| {
        let first = l.cells.first().map_or("", String::as_str);
        first
            .chars()
            .next()
            .filter(|c| matches!(c, '■' | '□' | '◆' | '◇' | '●' | '【' | '〔'))
    };
    // The caption: up over the table's rows (and a blank line or two) to the first line that
    // is not a row, or a row whose first cell is a part heading (`■ 数値目標<TAB>【現状】…`).
    let mut caption = None;
    let mut blanks = 0;
    for l in doc.lines[..line.min(doc.lines.len())].iter().rev() {
        if l.is_blank() {
            blanks += 1;
            if blanks > 2 {
                break;
            }
            continue;
        }
        blanks = 0;
        if symbol_of(l).is_some() || !l.is_row() {
            caption = Some(l);
            break;
        }
    }
    let Some(caption) = caption else {
        return fallback();
    };
    let Some(symbol) = symbol_of(caption) else {
        return fallback();
    };
    if is_heading(caption.no) {
        return fallback();
    }
    let Some(earlier) = doc.lines[..caption.no.saturating_sub(1).min(doc.lines.len())]
        .iter()
        .rev()
        .find(|l| symbol_of(l) == Some(symbol) && !is_heading(l.no))
    else {
        return fallback();
    };
    let Some(owner) = index.at(earlier.no) else {
        return fallback();
    };
    let depth = |i: usize| index.depth.get(i).copied().unwrap_or(0);
    let owner_depth = depth(owner);
    let crossed = index
        .heads
        .iter()
        .filter(|(l, _)| *l > earlier.no && *l < caption.no)
        .any(|(_, i)| depth(*i) <= owner_depth);
    if crossed {
        return fallback();
    }
    ex.nodes.get(owner).map(|n| n.id.as_str())
}

/// Every heading line with its node, sorted, for finding the node a line belongs to by binary
/// search. Build it once when asking for many lines.
#[derive(Debug, Clone, Default)]
pub struct NodeIndex {
    /// (heading line, node index), sorted.
    heads: Vec<(usize, usize)>,
    /// Each node's depth in the tree (0 at the top).
    depth: Vec<usize>,
}

impl NodeIndex {
    /// Indexes the nodes of an extraction.
    pub fn new(ex: &Extraction) -> Self {
        let mut heads: Vec<(usize, usize)> = ex
            .nodes
            .iter()
            .enumerate()
            .flat_map(|(i, n)| {
                std::iter::once((n.line, i)).chain(n.also_at.iter().map(move |l| (*l, i)))
            })
            .collect();
        heads.sort_unstable();
        let position: std::collections::HashMap<&str, usize> = ex
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let depth = (0..ex.nodes.len())
            .map(|i| {
                // Bounded by the number of nodes, so a cycle cannot loop for ever.
                let mut d = 0;
                let mut cur = ex.nodes.get(i).and_then(|n| n.parent.as_deref());
                while let Some(p) = cur {
                    d += 1;
                    if d > ex.nodes.len() {
                        break;
                    }
                    cur = position
                        .get(p)
                        .and_then(|&j| ex.nodes.get(j))
                        .and_then(|n| n.parent.as_deref());
                }
                d
            })
            .collect();
        NodeIndex { heads, depth }
    }

    /// True if the index was built from these nodes (none added since).
    pub fn covers(&self, ex: &Extraction) -> bool {
        self.heads.len() == ex.nodes.iter().map(|n| 1 + n.also_at.len()).sum::<usize>()
    }

    /// The index (into `ex.nodes`) of the node a line belongs to.
    pub fn at(&self, line: usize) -> Option<usize> {
        let end = self.heads.partition_point(|(l, _)| *l <= line);
        self.heads[..end].last().map(|(_, i)| *i)
    }
}
