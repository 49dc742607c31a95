//! `shinchoku bench-scan DIR/plans DIR/actuals.csv` (hidden): the floor of the end-to-end
//! evaluation benchmark (DESIGN.md → Benchmarks, BENCHMARKS.md).
//!
//! It does the reading that `evaluate DIR/plans --actuals DIR/actuals.csv` cannot avoid and
//! nothing more: it lists the directory, opens every plan file and reads all its bytes, reads
//! every row of the CSV (the csv crate, the same one the Actuals CSV reader is built on) and
//! parses its value as an exact decimal, and sums the values. No TOML, no checks, no plans,
//! no evaluation, no output but one line of totals on stdout (so that nothing is optimised
//! away). Like `evaluate`, it uses both cores where that pays: the plan files are read on one
//! thread while the CSV is summed on another.
//!
//! It is a subcommand of the same binary, not a separate program, so that it is built with
//! the same profile and allocator and timed the same way (`/usr/bin/time shinchoku …`); it is
//! hidden from `--help` because it is no tool for users.

use std::io::{BufReader, Write};
use std::path::{Path, PathBuf};

use shinchoku_core::Decimal;

use crate::error::{CliError, Input, Reading, Writing};

/// Arguments of `shinchoku bench-scan`.
#[derive(Debug, clap::Args)]
pub struct BenchScanArgs {
    /// The directory of plan files (every `*.toml` in it is read).
    #[arg(value_name = "DIR")]
    pub plans: PathBuf,
    /// The Actuals CSV (UTF-8, with a `value` column).
    #[arg(value_name = "FILE.csv")]
    pub actuals: PathBuf,
}

/// What the scan read.
#[derive(Debug, Default)]
struct Totals {
    files: u64,
    bytes: u64,
    rows: u64,
    numbers: u64,
    sum: Decimal,
}

/// Runs `bench-scan`.
pub fn run(args: &BenchScanArgs, out: &mut impl Write) -> Result<(), CliError> {
    let (plans, csv) = std::thread::scope(|s| {
        let plans = s.spawn(|| read_plan_bytes(&args.plans));
        let csv = sum_values(&args.actuals);
        (
            plans
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            csv,
        )
    });
    let (files, bytes) = plans?;
    let t = Totals {
        files,
        bytes,
        ..csv?
    };
    writeln!(
        out,
        "{} plan files, {} bytes; {} rows, {} numbers, sum {}",
        t.files, t.bytes, t.rows, t.numbers, t.sum
    )
    .map_err(CliError::output(Writing::Output))
}

/// Every `*.toml` of the directory read whole: (files, bytes).
fn read_plan_bytes(dir: &Path) -> Result<(u64, u64), CliError> {
    let reading = || Reading::Directory(dir.display().to_string());
    let mut files = 0;
    let mut bytes = 0;
    for entry in std::fs::read_dir(dir).map_err(CliError::read(reading()))? {
        let path = entry.map_err(CliError::read(reading()))?.path();
        if path.extension().is_none_or(|x| x != "toml") {
            continue;
        }
        let text = std::fs::read(&path)
            .map_err(CliError::read(Reading::File(path.display().to_string())))?;
        files += 1;
        bytes += text.len() as u64;
    }
    Ok((files, bytes))
}

/// Every row of the CSV, its `value` parsed as an exact decimal and summed (cells that are
/// no plain number, such as a milestone's state, are counted as rows only).
fn sum_values(path: &Path) -> Result<Totals, CliError> {
    let shown = path.display().to_string();
    let file =
        std::fs::File::open(path).map_err(CliError::read(Reading::Opening(shown.clone())))?;
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(BufReader::with_capacity(1 << 16, file));
    let mut record = csv::ByteRecord::new();
    let bad = |why: String| {
        CliError::Input(Input::Scan {
            file: shown.clone(),
            why,
        })
    };
    if !csv
        .read_byte_record(&mut record)
        .map_err(|e| bad(e.to_string()))?
    {
        return Err(bad("the file is empty".into()));
    }
    let value = record
        .iter()
        .position(|h| h.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(h) == b"value")
        .ok_or_else(|| bad("no column \"value\"".into()))?;
    let mut t = Totals::default();
    while csv
        .read_byte_record(&mut record)
        .map_err(|e| bad(e.to_string()))?
    {
        t.rows += 1;
        let number = record
            .get(value)
            .and_then(|v| std::str::from_utf8(v).ok())
            .and_then(|v| Decimal::from_str_exact(v).ok());
        if let Some(d) = number {
            t.numbers += 1;
            t.sum = t.sum.checked_add(d).unwrap_or(t.sum);
        }
    }
    Ok(t)
}
