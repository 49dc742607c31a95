//! Fuzz target: the plan file reader never panics, and its fast path for the canonical form
//! changes no answer.
//!
//! `read_plan` reads a file in the canonical form (what `write_plan` writes) with that form's
//! own reader and leaves every other file, and every file with a problem, to the TOML reader.
//! These are bugs:
//! - a panic, an overflow or a hang in either reader;
//! - `read_plan` answering other than `read_plan_with_toml` (the TOML reader alone): another
//!   plan, or other errors or places;
//! - a plan read that `write_plan` does not write back into the same plan.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shinchoku_import::planfile::{read_plan, read_plan_with_toml, write_plan};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let read = read_plan(text, "fuzz.toml");
    assert_eq!(read, read_plan_with_toml(text, "fuzz.toml"), "{text}");
    if let Ok(plan) = read {
        let written = write_plan(&plan);
        assert_eq!(read_plan(&written, "fuzz.toml"), Ok(plan), "{written}");
    }
});
