//! Fuzz target: the document extractor never panics, whatever the bytes, and whatever it
//! reads makes a plan file that reads back.
//!
//! Any input goes through the whole path a document takes (decode, normalise, every
//! recogniser, the consistency checks), once as bytes and once as the lossy UTF-8 text of the
//! same bytes, so that the recognisers see text even when the bytes are no text in any
//! encoding. An error is a correct answer; a panic, an overflow, a hang, or a plan file of
//! `extract --format toml` that `read_plan` refuses is a bug.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shinchoku_import::extract::{extract, extract_text, to_plan, Extraction};

/// `extract --format toml` output must be importable.
fn plan_file_reads_back(ex: &Extraction) {
    let toml = to_plan::to_plan_file(ex);
    if let Err(e) = shinchoku_import::read_plan(&toml, "fuzz.toml") {
        panic!("the plan file does not read back: {e}\n{toml}");
    }
}

fuzz_target!(|data: &[u8]| {
    match extract(data, "fuzz.txt") {
        Ok(ex) => plan_file_reads_back(&ex),
        Err(e) => assert!(e.line >= 1, "an error without a line: {e}"),
    }
    let text = String::from_utf8_lossy(data);
    plan_file_reads_back(&extract_text(&text, "fuzz.txt", "UTF-8"));
});
