//! Tidy checks over the whole repository, run by `cargo test` (after rust-analyzer's tidy):
//! every Rust file says why it exists, the core stays pure, and the map matches the land.

use std::path::{Path, PathBuf};

use shinchoku_testkit::fixtures::repo;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name();
        let name = name.to_string_lossy();
        if p.is_dir() {
            if name != "target" && !name.starts_with('.') {
                rust_files(&p, out);
            }
        } else if name.ends_with(".rs") {
            out.push(p);
        }
    }
}

#[test]
fn every_rust_file_opens_with_a_module_doc() {
    let mut files = Vec::new();
    for top in ["crates", "fuzz"] {
        rust_files(&repo().join(top), &mut files);
    }
    assert!(files.len() > 5);
    let missing: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| f.display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "files without a `//!` doc at the top: {missing:#?}"
    );
}

#[test]
fn core_depends_on_no_io_framework() {
    let manifest = std::fs::read_to_string(repo().join("crates/core/Cargo.toml")).unwrap();
    let deps = manifest
        .split("[dev-dependencies]")
        .next()
        .unwrap_or_default();
    for banned in ["sqlx", "axum", "tokio", "serde", "hyper", "reqwest"] {
        assert!(
            !deps.contains(banned),
            "crates/core must not depend on {banned}"
        );
    }
}

/// The test support crate is dev-only: any section of a manifest but a `[dev-dependencies]`
/// one naming it would ship test code (and, through its features, sqlx and proptest) inside
/// a crate; and it is never published.
#[test]
fn testkit_is_only_ever_a_dev_dependency() {
    let mut manifests = vec![repo().join("fuzz/Cargo.toml")];
    for e in std::fs::read_dir(repo().join("crates")).unwrap().flatten() {
        let manifest = e.path().join("Cargo.toml");
        if manifest.exists() && e.file_name() != "testkit" {
            manifests.push(manifest);
        }
    }
    assert!(manifests.len() > 4);
    let mut shipped = Vec::new();
    for m in &manifests {
        let text = std::fs::read_to_string(m).unwrap();
        let mut section = String::new();
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with('[') {
                section = line.to_owned();
            }
            // `shinchoku-testkit = …` in a section, or `[dependencies.shinchoku-testkit]`.
            let names = line.starts_with("shinchoku-testkit")
                || line.starts_with('[') && line.contains("shinchoku-testkit");
            if names && !section.contains("dev-dependencies") {
                shipped.push(format!("{}: {section}", m.display()));
            }
        }
    }
    assert!(
        shipped.is_empty(),
        "shinchoku-testkit may only be a dev-dependency: {shipped:?}"
    );
    let testkit = std::fs::read_to_string(repo().join("crates/testkit/Cargo.toml")).unwrap();
    assert!(
        testkit.lines().any(|l| l.trim() == "publish = false"),
        "crates/testkit is never published"
    );
}

#[test]
fn every_path_architecture_md_names_exists() {
    let text = std::fs::read_to_string(repo().join("ARCHITECTURE.md")).unwrap();
    let mut missing = Vec::new();
    let mut checked = 0;
    for (i, chunk) in text.split('`').enumerate() {
        // Odd chunks are inside backticks.
        if i % 2 == 0 {
            continue;
        }
        let looks_like_path = (chunk.starts_with("crates/")
            || chunk.starts_with("examples/")
            || chunk.starts_with("fuzz/")
            || chunk.starts_with(".ci/")
            || chunk.starts_with("bench/")
            || chunk.ends_with(".md"))
            && !chunk.contains(' ')
            && !chunk.contains('*');
        if looks_like_path {
            checked += 1;
            if !repo().join(chunk).exists() {
                missing.push(chunk.to_owned());
            }
        }
    }
    assert!(checked > 5, "ARCHITECTURE.md names too few paths to check");
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist: {missing:?}"
    );
}
