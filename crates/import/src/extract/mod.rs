//! The document-text extractor: a published plan, turned into text, read into a draft plan.
//!
//! Plan owners have their plans as PDFs converted to text; shinchoku reads that text instead
//! of having hundreds of targets retyped. The path a document takes:
//!
//! 1. [`input`]: the form is told (PDF, HTML, xlsx, docx, text). A PDF's text layer is read
//!    by `pdftotext -layout` ([`input::pdf`]); text by [`decode`]: bytes → text (UTF-8 with
//!    or without BOM, Shift_JIS / CP932), or a located error for bytes that are no text. An
//!    HTML page ([`input::html`]), a workbook ([`input::xlsx`]) or a Word document
//!    ([`input::docx`]) is read into rows of cells, its tables cell by cell.
//! 2. [`text`]: text → [`text::Doc`], lines normalised once (NFKC, list labels kept) and
//!    cut into cells by [`layout`], the front end that knows every rendering of a table (tabs,
//!    pipes, runs of spaces, one cell per line, rows broken over lines, run-on rows), each row
//!    with the evidence of its cut; header words from [`lexicon`], units from core. Rows of
//!    cells from a structured input → the same `Doc` through `Doc::from_rows`.
//! 3. The recognisers, each reading the `Doc` and adding to one [`model::Extraction`]:
//!    [`structure`] first (the node tree, which the others hang their items on, and through
//!    [`title`] the title and the stated period); then [`blocks`] labels each run of table
//!    rows once, and [`indicators`], [`progress`], [`roadmap`] and [`tables`] (data series,
//!    support-institution matrices, member lists) each read the blocks labelled theirs; then `title::complete` (the issuer, from
//!    [`issuer`], and a name built from what the document prints when it prints no title),
//!    and last [`checks`], the consistency warnings.
//! 4. [`to_plan`]: an accepted extraction → a core `Plan` (and so the plan file).
//!
//! The recognisers decide by words (`現状値`, `累計`, `工程表`, `委員長`): every list of them is
//! in [`lexicon`], one named list per concern.
//!
//! The rules are general rules of how Japanese plans are written — headings numbered `1`,
//! `(1)`, `①`, tables with 現状値 / 目標値 columns, `○` in role columns — never rules for
//! particular documents. Guarantee: [`extract`] returns an extraction or a located error for
//! any input, and never panics (fuzzed: `fuzz/`, RELIABILITY.md).

pub mod blocks;
pub mod checks;
pub mod decode;
pub mod indicators;
pub mod input;
pub mod issuer;
pub mod kpi_sheet_runon;
pub mod layout;
pub mod lexicon;
pub mod model;
pub mod progress;
pub mod prose;
pub mod roadmap;
pub mod scan;
pub mod structure;
pub mod tables;
pub mod text;
pub mod title;
pub mod to_plan;
pub mod tokens;

use std::collections::HashMap;

use shinchoku_core::period::{FiscalStart, Period};

pub use decode::ExtractError;
pub use model::Extraction;

/// Reads a document's bytes into an extraction, in whichever form they are ([`input`]: PDF,
/// HTML, xlsx, docx or text).
pub fn extract(bytes: &[u8], file: &str) -> Result<Extraction, ExtractError> {
    Ok(match input::read(bytes, file)? {
        input::Read::Text { text, encoding } => extract_text(&text, file, &encoding),
        input::Read::Doc { doc, encoding } => extract_doc(&doc, file, &encoding),
    })
}

/// Reads decoded text into an extraction.
pub fn extract_text(text: &str, file: &str, encoding: &str) -> Extraction {
    let doc = text::Doc::new(file, text);
    let mut ex = extract_doc(&doc, file, encoding);
    checks::flattened_form(&doc, &mut ex);
    ex.warnings.sort_by_key(|w| w.line);
    ex
}

/// Reads a document already in lines and cells into an extraction.
pub fn extract_doc(doc: &text::Doc, file: &str, encoding: &str) -> Extraction {
    let mut ex = Extraction {
        document: file.to_owned(),
        encoding: encoding.to_owned(),
        ..Extraction::default()
    };
    structure::recognize(doc, &mut ex);
    ex.node_index = Some(NodeIndex::with_parts(doc, &ex));
    // Small tables of one indicator named by their caption, given the name column they do
    // not print (the same lines, in place), so that every reader below reads them.
    let named = indicators::name_captioned(doc);
    let tabled = named.as_ref().unwrap_or(doc);
    // What each run of rows holds, decided once; each recogniser reads its own blocks.
    let blocks = blocks::classify(tabled);
    indicators::recognize_in(tabled, &blocks, &mut ex);
    progress::recognize_in(tabled, &blocks, &mut ex);
    roadmap::recognize_in(tabled, &blocks, &mut ex);
    tables::recognize_in(tabled, &blocks, &mut ex);
    tokens::recognize(tabled, &mut ex);
    if ex.plan.period.is_none() {
        ex.plan.period = infer_plan_period(&ex);
    }
    title::complete(doc, &mut ex);
    checks::recognize(tabled, &mut ex);
    cite_evidence(tabled, &mut ex.warnings);
    ex.warnings.sort_by_key(|w| w.line);
    ex
}

/// Gives every warning the evidence of how its line was cut into cells
/// ([`text::Split`]), when the line was not taken as written: a warning about a value read
/// from columns of aligned spaces, or from a table printed one cell per line, says so, and the
/// reader checks the cut before the value. Done here once, not by each recogniser.
pub fn cite_evidence(doc: &text::Doc, warnings: &mut [model::Warning]) {
    if warnings.is_empty() {
        return;
    }
    // Line numbers to the first cut line of that number: a rendering may make several rows
    // of one source line, and the first is the one a warning's line names.
    let mut cut: HashMap<usize, &text::Split> = HashMap::new();
    for line in &doc.lines {
        if line.split != text::Split::AsWritten {
            cut.entry(line.no).or_insert(&line.split);
        }
    }
    for w in warnings.iter_mut().filter(|w| w.evidence.is_none()) {
        if let Some(split) = cut.get(&w.line) {
            w.evidence = Some(format!("{} / {}", split.describe(), split.describe_en()));
        }
    }
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
/// in between (a plan whose basic direction opens with `■ 現状と課題`, numbers its measures
/// with their roadmaps, and prints the direction's `■ 数値目標` only after the last of them). The
/// earlier part counts only if no heading at its node's depth or above lies between the two.
///
/// The captions and the parts' owners are read once for the whole document
/// ([`NodeIndex::with_parts`], which [`extract_text`] builds), so asking for every row of a
/// table of 100,000 rows stays linear; without that index each call reads the document again.
pub fn block_node<'a>(doc: &text::Doc, ex: &'a Extraction, line: usize) -> Option<&'a str> {
    let built;
    let index = match &ex.node_index {
        Some(i) if i.covers(ex) && i.parts.as_ref().is_some_and(|p| p.covers(doc)) => i,
        _ => {
            built = NodeIndex::with_parts(doc, ex);
            &built
        }
    };
    index
        .block_at(line)
        .and_then(|i| ex.nodes.get(i))
        .map(|n| n.id.as_str())
}

/// The symbol an unnumbered part heading starts with (`■ 数値目標`, `【現状と課題】`), read from
/// its first cell.
fn part_symbol(l: &text::Line) -> Option<char> {
    let first = l.cells.first().map_or("", String::as_str);
    first
        .chars()
        .next()
        .filter(|c| matches!(c, '■' | '□' | '◆' | '◇' | '●' | '【' | '〔'))
}

/// What [`block_node`] reads of the document, once: each line's caption, and the node each
/// part heading belongs to by the earlier-part rule.
#[derive(Debug, Clone, Default)]
struct Parts {
    /// The number of lines of the document it was read from.
    lines: usize,
    /// For each line index, the index of its caption: the nearest line at or above it that
    /// is not a table row, or is a row whose first cell is a part heading; the search goes
    /// over blank lines but stops at three in a row.
    caption: Vec<Option<usize>>,
    /// For each part heading that is no node's heading (by line index): the node of the
    /// earlier part of the same symbol it continues, when no heading at that node's depth or
    /// above lies between them.
    owner: HashMap<usize, usize>,
}

impl Parts {
    /// Reads the captions and parts of `doc` in one pass. The heading checks between a part
    /// and the earlier one of its symbol look only at the headings between the two, and the
    /// spans between successive parts of one symbol do not overlap, so the whole costs the
    /// lines plus at most seven times the headings.
    fn new(doc: &text::Doc, index: &NodeIndex) -> Self {
        let n = doc.lines.len();
        let mut caption: Vec<Option<usize>> = Vec::with_capacity(n);
        let mut owner = HashMap::new();
        // The latest part heading of each symbol that is no node's heading, by line number.
        let mut latest: HashMap<char, usize> = HashMap::new();
        let mut blanks = 0usize;
        for (j, l) in doc.lines.iter().enumerate() {
            if l.is_blank() {
                blanks += 1;
                // A search from here meets `blanks` blank lines, then (after fewer than
                // three) goes on from the first line above them as if it had started there.
                let above = j.checked_sub(blanks);
                let c = if blanks > 2 {
                    None
                } else {
                    above.and_then(|a| caption.get(a).copied().flatten())
                };
                caption.push(c);
                continue;
            }
            blanks = 0;
            let symbol = part_symbol(l);
            let c = if symbol.is_some() || !l.is_row() {
                Some(j)
            } else {
                j.checked_sub(1)
                    .and_then(|a| caption.get(a).copied().flatten())
            };
            caption.push(c);
            let Some(symbol) = symbol else { continue };
            if index.is_heading(l.no) {
                continue;
            }
            if let Some(&earlier) = latest.get(&symbol) {
                if let Some(o) = index.part_owner(earlier, l.no) {
                    owner.insert(j, o);
                }
            }
            latest.insert(symbol, l.no);
        }
        Parts {
            lines: n,
            caption,
            owner,
        }
    }

    /// True if read from a document of this many lines.
    fn covers(&self, doc: &text::Doc) -> bool {
        self.lines == doc.lines.len()
    }
}

/// Every heading line with its node, sorted, for finding the node a line belongs to by binary
/// search. Build it once when asking for many lines.
#[derive(Debug, Clone, Default)]
pub struct NodeIndex {
    /// (heading line, node index), sorted.
    heads: Vec<(usize, usize)>,
    /// Each node's depth in the tree (0 at the top).
    depth: Vec<usize>,
    /// The number of nodes indexed.
    nodes: usize,
    /// The document's captions and parts, for [`block_node`], when read.
    parts: Option<Parts>,
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
        let position: HashMap<&str, usize> = ex
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
        NodeIndex {
            heads,
            depth,
            nodes: ex.nodes.len(),
            parts: None,
        }
    }

    /// Indexes the nodes of an extraction, and the captions and part headings of its
    /// document for [`block_node`].
    pub fn with_parts(doc: &text::Doc, ex: &Extraction) -> Self {
        let mut index = NodeIndex::new(ex);
        index.parts = Some(Parts::new(doc, &index));
        index
    }

    /// True if a node's heading is printed at `line`.
    fn is_heading(&self, line: usize) -> bool {
        self.heads.binary_search_by_key(&line, |(l, _)| *l).is_ok()
    }

    /// The node a part heading at line `part` belongs to when an earlier part of the same
    /// symbol is printed at line `earlier`: the earlier part's node, unless a heading at that
    /// node's depth or above lies between the two.
    fn part_owner(&self, earlier: usize, part: usize) -> Option<usize> {
        let owner = self.at(earlier)?;
        let depth = |i: usize| self.depth.get(i).copied().unwrap_or(0);
        let owner_depth = depth(owner);
        let from = self.heads.partition_point(|(l, _)| *l <= earlier);
        let to = self.heads.partition_point(|(l, _)| *l < part);
        let crossed = self
            .heads
            .get(from..to)
            .unwrap_or_default()
            .iter()
            .any(|(_, i)| depth(*i) <= owner_depth);
        (!crossed).then_some(owner)
    }

    /// The index (into `ex.nodes`) of the node a block printed at `line` belongs to
    /// ([`block_node`]); like [`NodeIndex::at`] when the parts were not read.
    fn block_at(&self, line: usize) -> Option<usize> {
        let part = self.parts.as_ref().and_then(|parts| {
            let c = (*parts.caption.get(line.min(parts.lines).checked_sub(1)?)?)?;
            parts.owner.get(&c).copied()
        });
        part.or_else(|| self.at(line))
    }

    /// True if the index was built from these nodes (none added since). Only the count is
    /// compared, so that the check costs nothing when asked once per row: the structure adds
    /// every node, and every reprint of one, before the index is built.
    pub fn covers(&self, ex: &Extraction) -> bool {
        self.nodes == ex.nodes.len()
    }

    /// The index (into `ex.nodes`) of the node a line belongs to.
    pub fn at(&self, line: usize) -> Option<usize> {
        let end = self.heads.partition_point(|(l, _)| *l <= line);
        self.heads[..end].last().map(|(_, i)| *i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::NodeOut;

    /// An extraction of `nodes` (heading line, parent's index), ids `n1`, `n2`, … in order.
    fn with_nodes(nodes: &[(usize, Option<usize>)]) -> Extraction {
        Extraction {
            nodes: nodes
                .iter()
                .enumerate()
                .map(|(i, (line, parent))| NodeOut {
                    id: format!("n{}", i + 1),
                    parent: parent.map(|p| format!("n{}", p + 1)),
                    title: format!("見出し{}", i + 1),
                    line: *line,
                    ..NodeOut::default()
                })
                .collect(),
            ..Extraction::default()
        }
    }

    /// The node [`block_node`] gives each line up to `last` (`-` for none), with the index
    /// built once and without it.
    fn owners(text: &str, nodes: &[(usize, Option<usize>)], last: usize) -> Vec<String> {
        let doc = text::Doc::new("t.txt", text);
        let mut ex = with_nodes(nodes);
        let of = |ex: &Extraction| -> Vec<String> {
            (0..=last)
                .map(|l| block_node(&doc, ex, l).unwrap_or("-").to_owned())
                .collect()
        };
        let unindexed = of(&ex);
        ex.node_index = Some(NodeIndex::with_parts(&doc, &ex));
        let indexed = of(&ex);
        assert_eq!(indexed, unindexed, "the index changes nothing");
        indexed
    }

    #[test]
    fn a_block_under_a_later_part_heading_belongs_to_the_node_the_first_part_follows() {
        let text = "1 方向一\n\
                    ■ 現状と課題\n\
                    本文\n\
                    (1) 施策一\n\
                    本文\n\
                    (2) 施策二\n\
                    \n\
                    ■ 数値目標\n\
                    指標\t現状\t目標\n\
                    A件数\t1件\t5件\n\
                    \n\
                    \n\
                    \n\
                    B件数\t1件\t5件\n\
                    2 方向二\n\
                    ■ 数値目標\n\
                    C件数\t1件\t2件\n\
                    ■ 方針\n\
                    D件数\t1件\t2件\n";
        // 方向一 and 方向二 at the top, 施策一 and 施策二 under 方向一, and a node whose heading
        // is itself a `■` line.
        let nodes = [
            (1, None),
            (4, Some(0)),
            (6, Some(0)),
            (15, None),
            (18, Some(3)),
        ];
        let got = owners(text, &nodes, 40);
        let at = |line: usize| got.get(line).map_or("?", String::as_str);
        assert_eq!(at(0), "-");
        // Under the first part, which follows no earlier one: the heading above.
        assert_eq!(at(3), "n1");
        // The second `■` part continues the first across the deeper 施策 headings.
        assert_eq!(at(9), "n1");
        assert_eq!(at(10), "n1");
        // Two blank lines are crossed on the way up to the caption, three are not.
        assert_eq!(at(12), "n1");
        assert_eq!(at(13), "n3");
        assert_eq!(at(14), "n3");
        // A heading as deep as the earlier part's node lies between: the heading above.
        assert_eq!(at(17), "n4");
        // A `■` line that is a heading is the heading's.
        assert_eq!(at(19), "n5");
        assert_eq!(at(40), "n5");
    }
}
