//! What every document target checks of an extraction: `extract --format toml` output must be
//! importable (shared by the targets through `#[path]`, as each target is its own binary).

use shinchoku_import::extract::{to_plan, Extraction};

/// Panics when the plan file made from `ex` does not read back.
pub fn plan_file_reads_back(ex: &Extraction) {
    let toml = to_plan::to_plan_file(ex);
    if let Err(e) = shinchoku_import::read_plan(&toml, "fuzz.toml") {
        panic!("the plan file does not read back: {e}\n{toml}");
    }
}

/// Builds an Office package in memory: the fixed parts given, plus `data` as the part `name`
/// (stored, so the fuzzer's bytes reach the XML readers instead of failing a checksum).
// The html and pdf targets build no package.
#[allow(dead_code)]
pub fn package(fixed: &[(&str, &str)], name: &str, data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (n, body) in fixed {
        zip.start_file(*n, opts).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    }
    zip.start_file(name, opts).unwrap();
    zip.write_all(data).unwrap();
    zip.finish().unwrap().into_inner()
}
