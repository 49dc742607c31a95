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
    let mut empty = 0;
    for path in texts("tests/forms") {
        let ex = read(&path);
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
