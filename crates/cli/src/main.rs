//! The `shinchoku` binary: clap subcommands wiring the crates together.
//!
//! This file is glue: it parses the command line, calls one function per subcommand and maps
//! every error to DESIGN.md's exit codes in one place ([`Failure::exit_code`]). A closed pipe
//! (`shinchoku evaluate … | head`) is success, as in ripgrep.

mod bench_data;
mod db;
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
    ///   shinchoku evaluate --plan yamaguchi-industry-2022 --db sqlite:shinchoku.db
    #[command(verbatim_doc_comment)]
    Evaluate(EvaluateArgs),
    /// Store plans and actual values in the database, all files in one transaction.
    ///
    /// Takes plan documents (.txt: the text of a published plan, as `extract` reads it),
    /// plan files (.toml) and actuals (.csv: header plan,indicator,period,value and
    /// optionally status,as_of,source,note,breakdown; UTF-8 or Shift_JIS). A plan whose code
    /// is already stored becomes its next version (unless nothing changed); actuals replace
    /// stored values as new, audited versions. If any file or row is refused, nothing is
    /// written and every refused row is printed with its file and line (exit 1).
    /// A document's plan is named as the document names itself, with a code made from that
    /// name (printed); --title and --code choose others for a single plan.
    ///
    /// Examples:
    ///   shinchoku import examples/documents/*.txt
    ///   shinchoku import 計画.toml 実績.csv --db postgres://shinchoku@db.example/shinchoku
    ///   shinchoku import 進捗報告.txt --plan yamaguchi-strategy-2021
    ///   shinchoku import 計画.txt --title "山口県 商工業振興 産業編" --code yamaguchi-industry-2022
    #[command(verbatim_doc_comment)]
    Import(db::ImportArgs),
    /// List the stored plans: code, title, period, current version, indicators, actuals.
    Plans(db::PlansArgs),
    /// Record (or delete) one actual value, optionally only if it is still at a version.
    ///
    /// With --if-version N the write happens only if the stored value is still at version N
    /// (0: none stored); otherwise nothing is written and the exit code is 3 (conflict).
    ///
    /// Examples:
    ///   shinchoku record --plan yamaguchi-industry-2022 --indicator i1 --period FY2025 --value 24
    ///   shinchoku record --plan yamaguchi-industry-2022 --indicator i1 --period FY2025 \
    ///       --value 25 --status provisional --if-version 1
    #[command(verbatim_doc_comment)]
    Record(db::RecordArgs),
    /// What a new version of a plan changed: nodes added (新), retitled (修正), removed,
    /// indicators added, removed and their targets changed.
    ///
    /// Compares --from (default: the version before --to) with --to (default: the current
    /// one). A plan with one version lists the revision marks its document prints.
    ///
    /// Example:
    ///   shinchoku diff --plan yamaguchi-industry-2022 --from 1 --to 2
    #[command(verbatim_doc_comment)]
    Diff(db::DiffArgs),
    /// Every recorded change to an indicator's targets, baseline and actual values: who,
    /// when, the old and the new value, and the file it came from.
    ///
    /// Example:
    ///   shinchoku history --plan yamaguchi-industry-2022 --indicator i1
    #[command(verbatim_doc_comment)]
    History(db::HistoryArgs),
    /// One indicator across every stored plan (the same name and unit, or series key):
    /// baselines, actual values and targets in time order.
    ///
    /// Example:
    ///   shinchoku lineage 中小企業のIoT導入率
    #[command(verbatim_doc_comment)]
    Lineage(db::LineageArgs),
    /// Write a consistent copy of the database to a SQLite file, while it is in use.
    ///
    /// The copy is a SQLite database: open it with --db sqlite:FILE, or restore it into an
    /// empty database (SQLite or PostgreSQL) with `shinchoku restore`.
    ///
    /// Example:
    ///   shinchoku backup --out backup-2026-12-03.db
    #[command(verbatim_doc_comment)]
    Backup(db::BackupArgs),
    /// Load a backup written by `shinchoku backup` into an empty database.
    ///
    /// Example:
    ///   shinchoku restore --from backup-2026-12-03.db --db postgres://shinchoku@db.example/new
    #[command(verbatim_doc_comment)]
    Restore(db::RestoreArgs),
    /// Print what a plan document yields: its tree, indicators, roadmap, progress, data.
    ///
    /// Reads the text of a published plan (a PDF turned into text, e.g. with
    /// `pdftotext -layout`; UTF-8, Shift_JIS/CP932, EUC-JP, or UTF-16 with a BOM) and prints
    /// the extraction as JSON, or as a plan file (TOML) to correct by hand. Touches no
    /// database. Warnings go to stderr as FILE:LINE: warning: message.
    ///
    /// `shinchoku import` stores a document in the database; `--format toml` gives the plan
    /// file to correct by hand first, if the extraction needs it.
    ///
    /// Examples:
    ///   shinchoku extract 計画.txt
    ///   shinchoku extract 計画.txt --format toml > 計画.toml
    ///   pdftotext -layout 計画.pdf - | shinchoku extract - --strict
    #[command(verbatim_doc_comment)]
    Extract(ExtractArgs),
    /// Show what shinchoku does, on the bundled sample plans and documents.
    ///
    /// Stores the bundled sample plan and the five published documents in an embedded SQLite
    /// database (a temporary one, removed afterwards, unless --db names one to keep), then
    /// evaluates from it and prints the tables. Needs no files. Until the web application
    /// exists, it prints rather than serves.
    Demo(DemoArgs),
    /// Write synthetic plans and actuals for benchmarks.
    ///
    /// Writes DIR/plans/CODE.toml, one plan file per synthetic government (bench-0001 …,
    /// issued by サンプル市0001 …) with M indicators of every kind and no observations inline,
    /// and DIR/actuals.csv: every observation in the Actuals CSV form (header
    /// plan,indicator,period,value; UTF-8 without BOM), Y fiscal years ending in FY2024 per
    /// indicator, at most 30 % of the cells missing. The same seed gives the same bytes.
    ///
    /// Example (about 1,000,000 rows):
    ///   shinchoku bench-data --governments 1000 --indicators-per 100 --years 12 --out bench-1m
    #[command(verbatim_doc_comment)]
    BenchData(bench_data::BenchDataArgs),
}

#[derive(Debug, clap::Args)]
struct EvaluateArgs {
    /// Plan files (.toml) or directories holding them.
    #[arg(value_name = "FILE.toml|DIR", required_unless_present = "plan")]
    files: Vec<PathBuf>,
    /// Evaluate the stored plan with this code (from the database of --db) instead of files.
    #[arg(long, value_name = "CODE", conflicts_with = "files")]
    plan: Vec<String>,
    #[command(flatten)]
    db: db::DbArg,
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
struct DemoArgs {
    /// Keep the demo's database here (`sqlite:demo.db`, `postgres://…`) instead of a
    /// temporary SQLite file.
    #[arg(long, value_name = "URL")]
    db: Option<String>,
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
    /// Exit 3: a stale edit, or a value another writer got to first.
    Conflict(anyhow::Error),
    /// Exit 4: the database cannot be reached or failed.
    Storage(anyhow::Error),
}

impl Failure {
    fn exit_code(&self) -> u8 {
        match self {
            Failure::BadInput(_) => 1,
            Failure::Usage(_) => 2,
            Failure::Conflict(_) => 3,
            Failure::Storage(_) => 4,
        }
    }

    fn error(&self) -> &anyhow::Error {
        match self {
            Failure::BadInput(e)
            | Failure::Usage(e)
            | Failure::Conflict(e)
            | Failure::Storage(e) => e,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut stdout = io::stdout().lock();
    let result = match cli.command {
        Command::Evaluate(args) => evaluate::run(&args, &mut stdout),
        Command::Extract(args) => extract::run(&args, &mut stdout, &mut io::stderr().lock()),
        Command::Demo(args) => evaluate::demo(&args, &mut stdout),
        Command::BenchData(args) => bench_data::run(&args),
        Command::Import(args) => db::import(&args, &mut stdout),
        Command::Plans(args) => db::plans(&args, &mut stdout),
        Command::Record(args) => db::record(&args, &mut stdout),
        Command::Diff(args) => db::diff_cmd(&args, &mut stdout),
        Command::History(args) => db::history(&args, &mut stdout),
        Command::Lineage(args) => db::lineage(&args, &mut stdout),
        Command::Backup(args) => db::backup(&args, &mut stdout),
        Command::Restore(args) => db::restore(&args, &mut stdout),
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
