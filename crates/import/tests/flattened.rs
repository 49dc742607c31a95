//! The `flattened_form` warning on documents as they are published: every text of the corpus
//! of published forms (`tests/forms/`, each a table of indicators in the rendering a page or a
//! PDF really gave) that the extractor reads nothing from carries it, and no text that is not
//! such a table does — the sample documents (a slide deck, a plan, a members list) and the
//! general fixtures of titles, members and headings.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers

use std::path::{Path, PathBuf};

use shinchoku_import::extract::{extract, Extraction};
use shinchoku_testkit::fixtures::documents;

fn read(path: &Path) -> Extraction {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    extract(&bytes, &name).unwrap()
}

fn flagged(ex: &Extraction) -> bool {
    ex.warnings.iter().any(|w| w.code == "flattened_form")
}

fn nothing_read(ex: &Extraction) -> bool {
    ex.indicators.is_empty()
        && ex.progress_entries.is_empty()
        && ex.series.is_empty()
        && ex.roadmap.is_empty()
}

fn texts(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt" || e == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    paths.sort();
    paths
}

#[test]
fn a_published_table_that_reads_as_nothing_says_to_import_the_original() {
    // Texts that print no pair of a target word (`目標`) and a value word (`実績`, `現状`): the
    // warning's evidence is not there, and by its rule it is not given. A table whose targets
    // are stated only in sentences (171), a KPI report headed 達成状況 (172), a hospital's
    // results of 実績 and 見込 (176), a list of targets alone (177).
    const NO_HEADER_WORDS: &[&str] = &[
        "171-web-table-cells-glued-targets-in-indicator-sentences",
        "172-kpi-status-value-rows-before-names-numbers-glued-year-header-repeated",
        "176-hospital-plan-results-cells-one-per-line-values-before-their-names",
        "177-target-list-two-wrapped-target-cells-interleaved-line-by-line",
    ];
    let mut empty = 0;
    for path in texts("tests/forms") {
        let ex = read(&path);
        let stem = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if NO_HEADER_WORDS.contains(&stem) {
            assert!(
                nothing_read(&ex) && !flagged(&ex),
                "{stem}: now read or flagged"
            );
            continue;
        }
        if nothing_read(&ex) {
            empty += 1;
            assert!(
                flagged(&ex),
                "{}: nothing read and no warning",
                path.display()
            );
        } else {
            assert!(!flagged(&ex), "{}: read, yet flagged", path.display());
        }
    }
    // The corpus keeps forms not read yet (forms/PENDING): the check is not empty.
    assert!(
        empty > 0,
        "every corpus text reads now: this test checks nothing"
    );
}

#[test]
fn documents_that_hold_no_such_table_are_not_flagged() {
    let mut paths: Vec<PathBuf> = documents()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.extend(texts("tests/fixtures/general"));
    assert!(paths.len() > 10);
    for path in paths {
        assert!(!flagged(&read(&path)), "{} flagged", path.display());
    }
}
