//! Fuzz target: the streaming Actuals CSV reader never panics, whatever the bytes, and what
//! it reports is located and in file order.
//!
//! The bytes are the file (`std::io::Cursor`), read to the end. An [`ActualsError`] or any
//! mix of rows and row errors is a correct answer; these are bugs:
//! - a panic, an overflow, or a hang (iteration must end: libFuzzer's `-timeout`, and a bound
//!   on the number of items below);
//! - a header error without a line (≥ 1);
//! - a row or row error on line 1 or before (the header is line 1: data is on line 2 on), or
//!   on a line past the file's last;
//! - lines out of order: an item's line is never below the one before it, and only the
//!   several errors of one row share a line;
//! - a different answer when the same bytes arrive a few at a time (as from a pipe) instead
//!   of all at once;
//! - a different answer when the file is read in two halves (as `evaluate --actuals` reads a
//!   large file on two threads), cut after a line break or at any byte: the first half's
//!   reader stopped there, a reader of the rest from there on, the two joined when the
//!   first says they may be, else the first reading on.
//!
//! [`ActualsError`]: shinchoku_import::actuals::ActualsError

#![no_main]

use std::io::{self, Cursor, Read};

use libfuzzer_sys::fuzz_target;
use shinchoku_import::actuals::{ActualRow, ActualsError, ActualsReader, RowError};

/// Every item of the file read in two halves cut at byte `at` (see the module's list).
fn halves(data: &[u8], at: u64) -> Answer {
    let mut first = ActualsReader::new(Cursor::new(data), FILE)?;
    first.stop_at(at);
    let mut out = Vec::new();
    while let Some(item) = first.next_row() {
        out.push(item.map(|row| row.into_owned()));
    }
    if !first.passed_stop() {
        if let Ok(mut rest) = first.rest().reader(Cursor::new(data), at) {
            let mut theirs = Vec::new();
            while let Some(item) = rest.next_row() {
                theirs.push(item.map(|row| row.into_owned()));
            }
            if first.continued_by(&rest) {
                out.extend(theirs);
                return Ok(out);
            }
        }
    }
    first.read_on();
    while let Some(item) = first.next_row() {
        out.push(item.map(|row| row.into_owned()));
    }
    Ok(out)
}

const FILE: &str = "fuzz.csv";

/// What a reader made of a file: the header error, or every item in order.
type Answer = Result<Vec<Result<ActualRow, RowError>>, ActualsError>;

/// Reads the whole file, checking each item as it comes.
fn read_all(reader: impl Read, data: &[u8]) -> Answer {
    let items = ActualsReader::new(reader, FILE)?;
    // Physical lines: every record starts on one of them. A line break in any encoding read
    // here (UTF-8, Shift_JIS, UTF-16) holds the byte 0x0A, so this is an upper bound.
    let lines = data.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    // A row gives one item, or one error per column and per unnamed field: never more than
    // the row has bytes and columns. Far more items than that is an endless iteration.
    let bound = 16 * (data.len() + 16);
    let mut out: Vec<Result<ActualRow, RowError>> = Vec::new();
    for item in items {
        let (line, is_error) = match &item {
            Ok(row) => (row.line, false),
            Err(e) => (e.line, true),
        };
        assert!(
            line >= 2,
            "an item on line {line}, not after the header: {item:?}"
        );
        assert!(
            line <= lines,
            "an item on line {line} of a file of {lines} lines: {item:?}"
        );
        if let Some(prev) = out.last() {
            let (prev_line, prev_is_error) = match prev {
                Ok(row) => (row.line, false),
                Err(e) => (e.line, true),
            };
            assert!(
                line >= prev_line,
                "line {line} after line {prev_line}: {prev:?} then {item:?}"
            );
            assert!(
                line > prev_line || (is_error && prev_is_error),
                "two items on line {line} that are not the errors of one row: {prev:?} then \
                 {item:?}"
            );
        }
        out.push(item);
        assert!(
            out.len() <= bound,
            "more than {bound} items: the iteration does not end"
        );
    }
    Ok(out)
}

/// A reader that hands out the bytes 1 to 7 at a time, as a pipe or a socket may.
struct Trickle<'a> {
    data: &'a [u8],
    step: usize,
}

impl Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.step = self.step % 7 + 1;
        let n = self.step.min(buf.len()).min(self.data.len());
        let (head, rest) = self.data.split_at(n);
        buf[..n].copy_from_slice(head);
        self.data = rest;
        Ok(n)
    }
}

fuzz_target!(|data: &[u8]| {
    let whole = read_all(Cursor::new(data), data);
    if let Err(e) = &whole {
        assert!(e.line >= 1, "a header error without a line: {e}");
    }
    let trickled = read_all(Trickle { data, step: 0 }, data);
    assert_eq!(
        whole, trickled,
        "the answer depends on how the bytes arrive (all at once, then a few at a time)"
    );
    // Cuts: after the first line break past the middle and past a quarter, and at a byte the
    // first byte picks.
    let len = data.len();
    let after_break = |from: usize| {
        data.iter()
            .skip(from)
            .position(|&b| b == b'\n')
            .map(|i| (from + i + 1) as u64)
    };
    let picked = data.first().map(|&b| (usize::from(b) * len / 256) as u64);
    for at in [after_break(len / 2), after_break(len / 4), picked]
        .into_iter()
        .flatten()
        .filter(|&at| at > 0 && at < len as u64)
    {
        assert_eq!(
            whole,
            halves(data, at),
            "the answer read in two halves cut at byte {at} is not one reader's"
        );
    }
});
