//! Fuzz target: what is ours on the way from a PDF to an extraction, never poppler. The bytes
//! are taken as what `pdftotext -layout` printed: the form detection must not panic on them,
//! and the output handling (page breaks, the refusal of a PDF without text) followed by the
//! whole extraction must give an extraction whose plan file reads back, or a refusal on
//! line 1. The same bytes, cut in three by the two lengths their first four bytes hold (u16,
//! little-endian: the text's, the boxes'), are also taken as what the
//! three programs print for the geometry of ruled tables — `pdftotext -layout`, the words'
//! boxes of `pdftotext -bbox-layout` and the drawing of `pdftocairo -svg` — and composed into
//! a document ([`input::pdf::compose`]) that must extract the same way. No program is run.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use shinchoku_import::extract::input::pdf::{compose, rules, words};
use shinchoku_import::extract::{extract_doc, extract_text, input};

fuzz_target!(|data: &[u8]| {
    let _ = input::form_of(data, "fuzz.pdf");
    let _ = input::form_of(data, "fuzz");
    match input::pdf::text_of(data, "fuzz.pdf") {
        Ok(text) => common::plan_file_reads_back(&extract_text(&text, "fuzz.pdf", "PDF")),
        Err(e) => assert_eq!(e.line, 1, "{e}"),
    }
    if let [a0, a1, b0, b1, rest @ ..] = data {
        let cut_a = usize::from(u16::from_le_bytes([*a0, *a1])).min(rest.len());
        let (layout, more) = rest.split_at(cut_a);
        let cut_b = usize::from(u16::from_le_bytes([*b0, *b1])).min(more.len());
        let (boxes, drawing) = more.split_at(cut_b);
        let pages = words::pages(boxes);
        let lines = rules::pages(drawing);
        let layout = String::from_utf8_lossy(layout);
        if let Some(doc) = compose("fuzz.pdf", &layout, &pages, &lines) {
            common::plan_file_reads_back(&extract_doc(&doc, "fuzz.pdf", "PDF"));
        }
    }
});
