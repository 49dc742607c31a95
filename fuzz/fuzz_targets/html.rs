//! Fuzz target: the HTML reader never panics and stays within its cell budget, and what it
//! reads extracts into a plan file that reads back.
//!
//! The bytes go through the whole path an `.html` file takes (form detection, encoding, the
//! tokenizer, tables and spans, `Doc::from_rows`, every recogniser). An error (a page of too
//! many cells) is a correct answer; a panic, an overflow, a hang or a plan file that
//! `read_plan` refuses is a bug.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use shinchoku_import::extract::{extract, input};

fuzz_target!(|data: &[u8]| {
    match extract(data, "fuzz.html") {
        Ok(ex) => common::plan_file_reads_back(&ex),
        Err(e) => assert!(e.line >= 1, "an error without a line: {e}"),
    }
    // The page's own rows, whatever the form detection says of the bytes.
    let _ = input::html::read(data, "fuzz.html");
});
