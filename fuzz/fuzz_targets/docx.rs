//! Fuzz target: the Word reader never panics, stays within its bounds, and what it reads
//! extracts into a plan file that reads back.
//!
//! The first byte chooses what the rest is: the whole file (even), or the body
//! (`word/document.xml`) of a package, stored uncompressed so that the fuzzer's bytes reach
//! the XML reader (odd).

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use shinchoku_import::extract::{extract, input};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let bytes = if mode % 2 == 0 {
        rest.to_vec()
    } else {
        common::package(&[], "word/document.xml", rest)
    };
    let _ = input::docx::read(&bytes, "fuzz.docx");
    match extract(&bytes, "fuzz.docx") {
        Ok(ex) => common::plan_file_reads_back(&ex),
        Err(e) => assert!(e.line >= 1, "an error without a line: {e}"),
    }
});
