//! The repository's own files that tests read: the example plans in `examples/` and the sample
//! documents in `examples/documents/` (the customer's published plans, whose answer key is
//! `crates/import/tests/answer-keys/seeds.json`). A crate's own small fixtures stay beside its
//! tests (`crates/import/tests/fixtures/`).

use std::path::{Path, PathBuf};

use shinchoku_core::plan::Plan;

/// The repository's root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `examples/NAME`: an example plan file (`design-example.toml`), or with `""` the directory.
pub fn example(name: &str) -> PathBuf {
    repo().join("examples").join(name)
}

/// `examples/documents/NAME`: a sample document.
pub fn document(name: &str) -> PathBuf {
    repo().join("examples/documents").join(name)
}

/// Every sample document, by path, sorted.
pub fn documents() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(repo().join("examples/documents"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
}

/// The sample documents' file names (the `.txt` ones), sorted.
pub fn seeds() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(repo().join("examples/documents"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

/// An example plan file read into a plan (`example_plan("design-example.toml")`).
pub fn example_plan(name: &str) -> Plan {
    let path = example(name);
    shinchoku_import::read_plan_file(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
