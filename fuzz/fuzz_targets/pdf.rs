//! Fuzz target: what is ours on the way from a PDF to an extraction, never poppler. The bytes
//! are taken as what `pdftotext -layout` printed: the form detection must not panic on them,
//! and the output handling (page breaks, the refusal of a PDF without text) followed by the
//! whole extraction must give an extraction whose plan file reads back, or a refusal on
//! line 1. `pdftotext` itself is never run here.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use shinchoku_import::extract::{extract_text, input};

fuzz_target!(|data: &[u8]| {
    let _ = input::form_of(data, "fuzz.pdf");
    let _ = input::form_of(data, "fuzz");
    match input::pdf::text_of(data, "fuzz.pdf") {
        Ok(text) => common::plan_file_reads_back(&extract_text(&text, "fuzz.pdf", "PDF")),
        Err(e) => assert_eq!(e.line, 1, "{e}"),
    }
});
