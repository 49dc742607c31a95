//! The `shinchoku` binary: clap subcommands wiring the crates together.
//!
//! This file is glue: it parses the command line, calls one function per subcommand and maps
//! every error to DESIGN.md's exit codes in one place ([`Failure::exit_code`]). A closed pipe
//! (`shinchoku evaluate … | head`) is success, as in ripgrep.

mod evaluate;
mod extract;
mod output;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// shinchoku (進捗): progress management for public strategic plans.
///
/// Import a plan as published, record actual values, evaluate every target by its kind,
/// and publish the results.
#[derive(Debug, Parser)]
#[command(name = "shinchoku", version, about, long_about = None, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Evaluate every indicator of a plan in one fiscal year.
    ///
    /// Reads plan files (TOML) or directories of them and prints, per indicator, the value
    /// compared, the target, 達成率 (achievement), 進捗率 (progress), the expected progress,
    /// the pace, the grade, the forecast and the pace still required.
    ///
    /// Examples:
    ///   shinchoku evaluate examples/design-example.toml --fy 2024
    ///   shinchoku evaluate examples/ --format csv > 評価.csv
    #[command(verbatim_doc_comment)]
    Evaluate(EvaluateArgs),
    /// Print what a plan document yields: its tree, indicators, roadmap, progress, data.
    ///
    /// Reads the text of a published plan (a PDF turned into text, e.g. with
    /// `pdftotext -layout`; UTF-8, Shift_JIS/CP932, EUC-JP, or UTF-16 with a BOM) and prints
    /// the extraction as JSON, or as a plan file (TOML) to correct by hand. Touches no
    /// database. Warnings go to stderr as FILE:LINE: warning: message.
    ///
    /// Storing a document (`shinchoku import`) arrives with the database; until then, save
    /// the TOML, correct it, and evaluate it as a plan file.
    ///
    /// Examples:
    ///   shinchoku extract 計画.txt
    ///   shinchoku extract 計画.txt --format toml > 計画.toml
    ///   pdftotext -layout 計画.pdf - | shinchoku extract - --strict
    #[command(verbatim_doc_comment)]
    Extract(ExtractArgs),
    /// Show what shinchoku does, on the bundled sample plans.
    ///
    /// Until the web application exists, this evaluates the bundled examples and prints the
    /// tables; it needs no files and no database.
    Demo,
}

#[derive(Debug, clap::Args)]
struct EvaluateArgs {
    /// Plan files (.toml) or directories holding them.
    #[arg(required = true, value_name = "FILE.toml|DIR")]
    files: Vec<PathBuf>,
    /// The fiscal year to evaluate (2024 = 令和6年度). Default: the latest year with an
    /// observation.
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1000..=9999))]
    fy: Option<i32>,
    /// Output format: a readable table, the evaluation JSON, or CSV with one row per indicator.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Language of the table: Japanese (default) or English.
    #[arg(long, value_enum, default_value_t = Lang::Ja, env = "SHINCHOKU_LANG")]
    lang: Lang,
    /// Forecast method for the value at the target period.
    #[arg(long, value_enum, default_value_t = Forecast::Linear)]
    forecast: Forecast,
}

#[derive(Debug, clap::Args)]
struct ExtractArgs {
    /// The document's text; `-` reads standard input.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Output format: the extraction JSON, or the plan file (TOML) it makes.
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    format: ExtractFormat,
    /// Fail (exit 1) when there is any warning, after printing everything.
    #[arg(long)]
    strict: bool,
}

/// Output formats of `extract`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// DESIGN.md's extraction JSON.
    Json,
    /// The plan file, to correct by hand and use as a plan.
    Toml,
}

/// Output formats of `evaluate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// DESIGN.md's evaluation JSON.
    Json,
    /// One header line, one line per indicator; UTF-8 with BOM for Excel.
    Csv,
}

/// Languages of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    /// 日本語.
    Ja,
    /// English.
    En,
}

/// Forecast methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Forecast {
    /// Least squares through the baseline and the observations.
    Linear,
    /// Compound annual growth rate.
    Cagr,
}

/// What went wrong, sorted by DESIGN.md's exit codes.
#[derive(Debug)]
pub enum Failure {
    /// Exit 1: a file or a value that cannot be used.
    BadInput(anyhow::Error),
    /// Exit 2: the command line itself is wrong (clap reports most of these itself).
    Usage(anyhow::Error),
}

impl Failure {
    fn exit_code(&self) -> u8 {
        match self {
            Failure::BadInput(_) => 1,
            Failure::Usage(_) => 2,
        }
    }

    fn error(&self) -> &anyhow::Error {
        match self {
            Failure::BadInput(e) | Failure::Usage(e) => e,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = io::stdout().lock();
    let result = match cli.command {
        Command::Evaluate(args) => evaluate::run(&args, &mut stdout),
        Command::Extract(args) => extract::run(&args, &mut stdout, &mut io::stderr().lock()),
        Command::Demo => evaluate::demo(&mut stdout),
    };
    let flushed = stdout.flush();
    match result.and_then(|()| flushed.map_err(|e| Failure::BadInput(e.into()))) {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) if is_broken_pipe(f.error()) => ExitCode::SUCCESS,
        Err(f) => {
            eprintln!("shinchoku: {:#}", f.error());
            ExitCode::from(f.exit_code())
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}
