//! Documents far larger than the seeds, read as the small ones are: one indicator table of
//! thousands of rows, and a document of thousands of numbered headings with a table under
//! each subsection. The benchmarks (`benches/extract.rs`) time the same documents; these
//! tests hold what they extract to, so a faster extractor is not a different one. No test
//! here is timed.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use shinchoku_core::indicator::IndicatorKind;
use shinchoku_import::extract::extract;
use shinchoku_testkit::{renderings, synthetic};

#[test]
fn one_indicator_table_of_thousands_of_rows_gives_one_indicator_per_row_in_order() {
    let rows = 3_000;
    let ex = extract(synthetic::huge_table(rows).as_bytes(), "table.txt").unwrap();
    assert_eq!(ex.indicators.len(), rows);
    assert!(ex.warnings.is_empty(), "{:?}", ex.warnings.first());
    let chapter = ex.nodes.first().map(|n| n.id.clone());
    for (i, ind) in ex.indicators.iter().enumerate() {
        let (name, unit) = synthetic::indicator_name(i);
        // Rows start on line 6, under the two header lines.
        assert_eq!(ind.source_line, 6 + i, "{name}");
        assert_eq!(ind.name, name.replace("（累計）", ""));
        assert_eq!(ind.unit, unit, "{name}");
        assert_eq!(ind.node, chapter, "{name}");
        let baseline = ind.baseline.period.map(|p| p.to_string());
        let want = if i % 5 == 1 { "FY2020" } else { "FY2021" };
        assert_eq!(baseline.as_deref(), Some(want), "{name}");
        let windowed = i % 5 == 2 && unit != "%";
        let target = ind.target.period.map(|p| p.to_string());
        let want = if windowed { "FY2022-FY2026" } else { "FY2026" };
        assert_eq!(target.as_deref(), Some(want), "{name}");
        let kind = if windowed {
            IndicatorKind::PeriodTotal
        } else if name.ends_with("（累計）") {
            IndicatorKind::Cumulative
        } else {
            IndicatorKind::Level
        };
        assert_eq!(ind.kind, kind, "{name}");
    }
}

#[test]
fn a_table_of_thousands_of_rows_in_pipes_or_aligned_spaces_reads_as_with_tabs() {
    let tabs = synthetic::huge_table(2_000);
    let want = serde_json::to_value(extract(tabs.as_bytes(), "t.txt").unwrap()).unwrap();
    assert_eq!(want["indicators"].as_array().map(Vec::len), Some(2_000));
    for (rendering, text) in [
        ("pipes", renderings::as_pipes(&tabs)),
        ("spaces", renderings::as_spaces(&tabs)),
    ] {
        let got = serde_json::to_value(extract(text.as_bytes(), "t.txt").unwrap()).unwrap();
        // Counted first, so a failure does not print two thousand indicators.
        let count = got["indicators"].as_array().map(Vec::len);
        assert_eq!(count, Some(2_000), "{rendering}");
        assert!(got["indicators"] == want["indicators"], "{rendering}");
        assert!(got["warnings"] == want["warnings"], "{rendering}");
    }
}

#[test]
fn a_document_of_thousands_of_headings_keeps_each_heading_and_table_in_its_place() {
    let (text, headings) = synthetic::many_headings(2_000);
    let ex = extract(text.as_bytes(), "headings.txt").unwrap();
    assert_eq!(ex.nodes.len(), headings);
    let by_id: HashMap<&str, &_> = ex.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let label = |id: Option<&str>| {
        id.and_then(|id| by_id.get(id))
            .and_then(|n| n.label.clone())
            .unwrap_or_default()
    };
    // Each level hangs under the one above it: 第1章 ← 1 ← (1) ← ①.
    for n in &ex.nodes {
        let own = n.label.clone().unwrap_or_default();
        let parent = label(n.parent.as_deref());
        let fits = if own.starts_with('第') {
            parent.is_empty()
        } else if own.starts_with('(') {
            parent.chars().all(|c| c.is_ascii_digit()) && !parent.is_empty()
        } else if own.chars().all(|c| c.is_ascii_digit()) {
            parent.starts_with('第')
        } else {
            parent.starts_with('(')
        };
        assert!(fits, "{own} {} under {parent:?}", n.title);
    }
    // Two indicators under every subsection, each on the subsection its table follows.
    let subsections: Vec<&_> = ex
        .nodes
        .iter()
        .filter(|n| n.label.as_deref().is_some_and(|l| l.starts_with('(')))
        .collect();
    assert_eq!(ex.indicators.len(), 2 * subsections.len());
    for ind in &ex.indicators {
        let above = subsections
            .iter()
            .rev()
            .find(|n| n.line < ind.source_line)
            .map(|n| n.id.as_str());
        assert_eq!(ind.node.as_deref(), above, "{}", ind.name);
    }
    assert!(ex.warnings.is_empty(), "{:?}", ex.warnings.first());
}
