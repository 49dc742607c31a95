//! The `shinchoku` binary: clap subcommands wiring the crates together.
//!
//! This file is glue: it parses the command line, calls one function per subcommand and maps
//! every error (a [`CliError`]) to DESIGN.md's exit codes in one place, `exit_code`; `main`
//! prints the error and its causes in the language of `--lang` (`SHINCHOKU_LANG`, Japanese
//! by default), which every command also speaks. A closed pipe (`shinchoku evaluate … |
//! head`) is success, as in ripgrep.

mod accounts;
mod actuals;
mod bench_data;
mod bench_scan;
mod db;
mod error;
mod evaluate;
mod extract;
mod output;
mod par;
mod publish;
mod remind;
mod report;
mod round;
mod serve;
mod sheet;
mod template;

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::builder::{PossibleValuesParser, TypedValueParser as _};
use clap::{Parser, Subcommand, ValueEnum};
use shinchoku_core::lang::Lang;
use shinchoku_core::round::RoundError;
use shinchoku_store::StoreError;

use crate::error::{CliError, Writing};

/// shinchoku (進捗): progress management for public strategic plans.
///
/// Import a plan as published, record actual values, evaluate every target by its kind,
/// and publish the results.
#[derive(Debug, Parser)]
#[command(name = "shinchoku", version, about, long_about = None, max_term_width = 100)]
struct Cli {
    /// Language of errors, warnings, messages and the evaluation table: Japanese (default)
    /// or English.
    #[arg(
        long,
        global = true,
        env = "SHINCHOKU_LANG",
        default_value = "ja",
        value_name = "LANG",
        value_parser = PossibleValuesParser::new(["ja", "en"])
            .map(|s: String| Lang::parse(&s).unwrap_or_default()),
    )]
    lang: Lang,
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
    ///   shinchoku evaluate plans/ --actuals 実績.csv --fy 2024 --format csv
    ///   shinchoku evaluate --plan yamaguchi-industry-2022 --db sqlite:shinchoku.db
    #[command(verbatim_doc_comment)]
    Evaluate(EvaluateArgs),
    /// Store plans and actual values in the database, all files in one transaction.
    ///
    /// Takes plan documents (a published plan as `extract` reads it: .pdf, .html/.htm,
    /// .xlsx, .docx or its text), plan files (.toml) and actuals (.csv: header
    /// plan,indicator,period,value and
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
    /// Reads a published plan as it comes: a PDF (its text layer, read by poppler's
    /// `pdftotext -layout`, which must be installed: Debian's poppler-utils), an HTML page,
    /// an Excel workbook (.xlsx) or a Word document (.docx), their tables cell by cell, or
    /// text (UTF-8, Shift_JIS/CP932, EUC-JP, or UTF-16 with a BOM). The form is told by the
    /// content first, then by the extension. Prints the extraction as JSON, or as a plan file
    /// (TOML) to correct by hand. Touches no database. Warnings go to stderr as FILE:LINE: 警告: message (warning: with --lang en).
    ///
    /// `shinchoku import` stores a document in the database; `--format toml` gives the plan
    /// file to correct by hand first, if the extraction needs it.
    ///
    /// Examples:
    ///   shinchoku extract 計画.txt
    ///   shinchoku extract 計画.txt --format toml > 計画.toml
    ///   shinchoku extract 計画.pdf --strict
    ///   shinchoku extract 成果指標.html
    #[command(verbatim_doc_comment)]
    Extract(ExtractArgs),
    /// Serve the bundled sample plans in the web application: the main way to see shinchoku.
    ///
    /// Stores the bundled sample plan and the five published documents in an embedded SQLite
    /// database (a temporary one, removed when the server stops, unless --db names one to
    /// keep), then serves them on http://127.0.0.1:8080/ (--bind to change), readable without
    /// a login. Needs no files. Ctrl-C stops it. --print prints the stored plans and their
    /// evaluations as tables instead, and stops.
    ///
    /// Examples:
    ///   shinchoku demo
    ///   shinchoku demo --bind 127.0.0.1:3000 --db sqlite:demo.db
    ///   shinchoku demo --print --lang en
    #[command(verbatim_doc_comment)]
    Demo(serve::DemoArgs),
    /// Serve the web application on the database of --db.
    ///
    /// Pages: the dashboard (/), each plan (/plans/CODE) with its indicators, the latest
    /// changes (/changes); sign-in (/login), data entry for departments (/entry) and the admin
    /// page (/admin) for the accounts of `shinchoku user add`. Without --public every page
    /// asks for a sign-in. The language is Japanese unless ?lang=en (remembered in a cookie).
    /// A write by another process (an import) shows on the next request. Sessions live in the
    /// database, so several servers on one database share them. Ctrl-C or SIGTERM stops it.
    ///
    /// Examples:
    ///   shinchoku serve --db sqlite:shinchoku.db --public
    ///   shinchoku serve --db postgres://shinchoku@db.example/shinchoku --bind 0.0.0.0:8080
    #[command(verbatim_doc_comment)]
    Serve(serve::ServeArgs),
    /// The accounts of the web application: add (password from standard input), list,
    /// remove.
    ///
    /// Examples:
    ///   shinchoku user add sato --role editor --group 商工振興課
    ///   shinchoku user list
    ///   shinchoku user remove sato
    #[command(verbatim_doc_comment)]
    User(accounts::UserArgs),
    /// Make a department (担当課) the owner of a node of a plan (every node when --node is
    /// left out); children and their indicators inherit it. Its editors enter those values.
    ///
    /// Examples:
    ///   shinchoku assign --plan yamaguchi-industry-2022 --node n3 --group 商工振興課
    ///   shinchoku assign --plan yamaguchi-industry-2022 --group 企画課
    ///   shinchoku assign --plan yamaguchi-industry-2022 --node n3 --remove
    #[command(verbatim_doc_comment)]
    Assign(accounts::AssignArgs),
    /// Bearer tokens for scripts that write through the API.
    Token(accounts::TokenArgs),
    /// The yearly evaluation round (評価): open a fiscal year's round, see what is owed by
    /// whom, submit and return items stage by stage (自己評価 → 一次評価 → 二次評価 → 外部評価),
    /// close it.
    ///
    /// Exit codes: 1 for input that is refused (a missing 要因分析 or 今後の対応), 3 for an item
    /// that is confirmed or a round that is closed (before rights are checked), 5 for acting
    /// outside one's stage or department.
    ///
    /// Examples:
    ///   shinchoku round open --plan yamaguchi-industry-2022 --fy 2024 --due 2025-06-30 --stages self,first
    ///   shinchoku round status --plan yamaguchi-industry-2022 --fy 2024 --user sato
    ///   shinchoku round draft --plan yamaguchi-industry-2022 --fy 2024 --item i1
    ///   shinchoku round submit --plan yamaguchi-industry-2022 --fy 2024 --item i1 --as sato --cause … --next …
    ///   shinchoku round return --plan yamaguchi-industry-2022 --fy 2024 --item i1 --as planner1 --reason …
    ///   shinchoku round close --plan yamaguchi-industry-2022 --fy 2024
    #[command(verbatim_doc_comment)]
    Round(round::RoundArgs),
    /// E-mail each person who owes something in an open round: the items by name (returned
    /// ones with their reason) and the due date, through a plain SMTP relay on the office
    /// network (--smtp HOST:PORT, no TLS or authentication), or printed with --dry-run.
    /// Run it from cron before the due date; accounts need an e-mail (`user add --email`).
    ///
    /// Example:
    ///   shinchoku remind --plan yamaguchi-industry-2022 --fy 2024 --smtp mail.example.lg.jp:25
    ///   shinchoku remind --plan yamaguchi-industry-2022 --fy 2024 --dry-run
    #[command(verbatim_doc_comment)]
    Remind(remind::RemindArgs),
    /// Write a round's 評価シート: per node, its indicators with baseline, target and actual
    /// values by year, 達成率, 進捗率 and grade, the department's self-evaluation and each
    /// review's comments; as xlsx (a worksheet per node) or HTML (printable on A4). A closed
    /// round's sheet is its record, unchanged by actual values revised later.
    ///
    /// Example:
    ///   shinchoku sheet --plan yamaguchi-industry-2022 --fy 2024 --format xlsx -o 評価シート.xlsx
    ///   shinchoku sheet --plan yamaguchi-industry-2022 --fy 2024 --node n3 --format html -o sheet.html
    #[command(verbatim_doc_comment)]
    Sheet(sheet::SheetArgs),
    /// Write a plan's progress report (進捗報告) of one fiscal year: a summary of the grades,
    /// then per project or measure each indicator as actual/target unit (as-of), achievement,
    /// grade and the year's comment. HTML prints on A4; CSV (UTF-8 with BOM) and xlsx hold one
    /// row per indicator with numbers in their own columns. A year whose round is closed is
    /// reported as the round recorded it; --live shows today's data.
    ///
    /// Example:
    ///   shinchoku report --plan yamaguchi-industry-2022 --fy 2024 --format html -o 進捗報告.html
    ///   shinchoku report --plan yamaguchi-industry-2022 --fy 2024 --format csv > 進捗.csv
    ///   shinchoku report --plan yamaguchi-industry-2022 --fy 2024 --live --format md
    #[command(verbatim_doc_comment)]
    Report(report::ReportArgs),
    /// Write the Excel workbook departments fill with a year's actual values: a sheet per
    /// department, only 実績値, 状態 and 備考 open to change (with drop-down lists), the target
    /// and earlier years beside them. `shinchoku import FILE.xlsx` reads it back, all or nothing.
    ///
    /// Example:
    ///   shinchoku template --plan yamaguchi-industry-2022 --fy 2024 -o 実績入力.xlsx
    ///   shinchoku import 実績入力.xlsx
    #[command(verbatim_doc_comment)]
    Template(template::TemplateArgs),
    /// Write the public open-data site: an index of the plans, a page per plan (its progress
    /// report with charts) and per indicator (chart, values, CSV and JSON), in Japanese and
    /// English, and datapackage.json, the catalogue of every dataset. Links are relative: copy
    /// the folder to any static host, or open index.html from the disk.
    ///
    /// Example:
    ///   shinchoku publish --out site/
    ///   shinchoku publish --out site/ --plan yamaguchi-industry-2022
    #[command(verbatim_doc_comment)]
    Publish(publish::PublishArgs),
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
    /// The floor of the evaluation benchmark: read every plan file and every row of an
    /// Actuals CSV, sum the values, nothing else (BENCHMARKS.md).
    #[command(hide = true)]
    BenchScan(bench_scan::BenchScanArgs),
}

#[derive(Debug, clap::Args)]
struct EvaluateArgs {
    /// Plan files (.toml) or directories holding them.
    #[arg(value_name = "FILE.toml|DIR", required_unless_present = "plan")]
    files: Vec<PathBuf>,
    /// Evaluate the stored plan with this code (from the database of --db) instead of files.
    #[arg(long, value_name = "CODE", conflicts_with = "files")]
    plan: Vec<String>,
    /// Apply the rows of this Actuals CSV (header plan,indicator,period,value and optionally
    /// status,as_of,source,note,breakdown) to the plan files first, as `import` would store
    /// them, without a database. All or nothing: a refused row is named with its line and
    /// nothing is evaluated. Repeat it for several files; a later file's value replaces an
    /// earlier one.
    #[arg(long, value_name = "FILE.csv", conflicts_with = "plan")]
    actuals: Vec<PathBuf>,
    #[command(flatten)]
    db: db::DbArg,
    /// The fiscal year to evaluate (2024 = 令和6年度). Default: the latest year with an
    /// observation.
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1000..=9999))]
    fy: Option<i32>,
    /// Output format: a readable table, the evaluation JSON, or CSV with one row per indicator.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
    /// Forecast method for the value at the target period.
    #[arg(long, value_enum, default_value_t = Forecast::Linear)]
    forecast: Forecast,
    /// With --plan: where the plan has no value for a period, take the value of the same
    /// series (lineage) from the other stored plans — a later plan prints the values that
    /// finish an earlier one. Each borrowed value is shown with the plan and file it came
    /// from. A plan stored with `actuals_from_lineage = true` does this without the flag.
    #[arg(long, conflicts_with_all = ["files", "actuals"])]
    lineage: bool,
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

/// Forecast methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Forecast {
    /// Least squares through the baseline and the observations.
    Linear,
    /// Compound annual growth rate.
    Cagr,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = cli.lang;
    match run(cli.command, lang) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let code = exit_code(&e);
            if code != 0 {
                eprintln!("shinchoku: {}", error::report(&e, lang));
            }
            ExitCode::from(code)
        }
    }
}

/// Runs one subcommand in the user's language, its output on stdout (flushed even when the
/// command failed half way, so that what it printed is not lost).
fn run(command: Command, lang: Lang) -> Result<(), CliError> {
    let mut stdout = io::stdout().lock();
    let result = match command {
        Command::Evaluate(args) => evaluate::run(&args, lang, &mut stdout),
        Command::Extract(args) => extract::run(&args, lang, &mut stdout, &mut io::stderr().lock()),
        Command::Demo(args) => serve::demo(&args, lang, &mut stdout),
        Command::Serve(args) => serve::serve(&args, lang, &mut stdout),
        Command::User(args) => accounts::user(&args, lang, &mut stdout),
        Command::Assign(args) => accounts::assign(&args, lang, &mut stdout),
        Command::Token(args) => accounts::token(&args, &mut stdout),
        Command::Round(args) => round::run(&args, lang, &mut stdout),
        Command::Remind(args) => remind::run(&args, lang, &mut stdout),
        Command::Sheet(args) => sheet::run(&args, lang, &mut stdout),
        Command::Report(args) => report::run(&args, lang, &mut stdout),
        Command::Template(args) => template::run(&args, lang, &mut stdout),
        Command::Publish(args) => publish::run(&args, lang, &mut stdout),
        Command::BenchData(args) => bench_data::run(&args, lang),
        Command::BenchScan(args) => bench_scan::run(&args, &mut stdout),
        Command::Import(args) => db::import(&args, lang, &mut stdout),
        Command::Plans(args) => db::plans(&args, lang, &mut stdout),
        Command::Record(args) => db::record(&args, lang, &mut stdout),
        Command::Diff(args) => db::diff_cmd(&args, lang, &mut stdout),
        Command::History(args) => db::history(&args, lang, &mut stdout),
        Command::Lineage(args) => db::lineage(&args, lang, &mut stdout),
        Command::Backup(args) => db::backup(&args, lang, &mut stdout),
        Command::Restore(args) => db::restore(&args, lang, &mut stdout),
    };
    let flushed = stdout.flush();
    result?;
    flushed.map_err(CliError::output(Writing::Output))
}

/// DESIGN.md's exit code for an error — the only place that decides one: 1 bad input, 2
/// usage, 3 conflict, 4 storage failure, 5 not permitted; 0 for output that nobody reads any
/// more (`shinchoku evaluate … | head` closes the pipe early: success, as in ripgrep).
///
/// A failed write of the output that is not a broken pipe (a full disk, a terminal that went
/// away) is 4, like the database failing: the input was fine, the machine did not take the
/// result, and the same command may succeed once it does.
fn exit_code(e: &CliError) -> u8 {
    match e {
        CliError::Output { source, .. } if source.kind() == io::ErrorKind::BrokenPipe => 0,
        CliError::Input(_)
        | CliError::Read { .. }
        | CliError::PlanFile(_)
        | CliError::Actuals(_)
        | CliError::Refused(_)
        | CliError::Extract { .. }
        | CliError::Strict { .. }
        | CliError::Files(_) => 1,
        CliError::Usage(_) => 2,
        CliError::Store(e) | CliError::StoreIn { error: e, .. } => match e {
            StoreError::Config(_) => 2,
            StoreError::NotFound(_) | StoreError::Invalid(_) | StoreError::Rows(_) => 1,
            StoreError::Conflict { .. } => 3,
            // Unavailable, SchemaTooNew, Io, Database, and whatever the store adds later.
            _ => 4,
        },
        // A `--db` that is no database URL is a usage error; any other reason a database
        // cannot be opened (unreachable, its schema too new) is a storage failure.
        CliError::Open {
            error: StoreError::Config(_),
            ..
        } => 2,
        CliError::Open { .. } | CliError::System { .. } | CliError::Output { .. } => 4,
        CliError::NotPermitted(_) => 5,
        CliError::Round(e) => match e {
            RoundError::Confirmed | RoundError::Closed => 3,
            RoundError::NotYours { .. } => 5,
            _ => 1,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shinchoku_core::lang::Localize as _;
    use shinchoku_import::actuals::{ActualsError, ActualsErrorKind, CsvProblem};
    use shinchoku_import::extract::ExtractError;
    use shinchoku_store::{ConfigProblem, Missing, Refusal};

    use crate::error::{Doing, Input, Reading, Usage};

    fn io(kind: io::ErrorKind) -> io::Error {
        io::Error::new(kind, "the machine's words")
    }

    /// Every kind of error, the exit code it gets, and the message printed after
    /// `shinchoku: ` (with its causes) in English and in Japanese, in one table.
    #[test]
    fn every_error_has_one_exit_code_and_its_message_in_both_languages() {
        let conflict = || StoreError::Conflict {
            what: "p i1 FY2025".into(),
            expected: Some(1),
            found: Some(2),
        };
        let unavailable = || StoreError::Unavailable {
            db: "postgres://x@h/db".into(),
            message: "connection refused".into(),
        };
        let not_a_url = || {
            StoreError::Config(ConfigProblem::NotAUrl {
                db: "mysql://x".into(),
                error: "bad scheme".into(),
            })
        };
        let plan_file = shinchoku_import::read_plan("[plan]\ncode = 1\n", "p.toml")
            .err()
            .map(CliError::from);
        let table: Vec<(Option<CliError>, u8, &str, &str)> = vec![
            (
                Some(CliError::Usage(Usage::ValueOrDelete)),
                2,
                "give --value VALUE or --delete",
                "--value VALUE か --delete を指定してください",
            ),
            (
                Some(CliError::Input(Input::Excel("x.xls".into()))),
                1,
                "x.xls: an Excel file of the old format (.xls) cannot be read",
                "x.xls: 古い形式の Excel ファイル（.xls）は読めません",
            ),
            (
                Some(CliError::Read {
                    what: Reading::File("x.txt".into()),
                    source: io(io::ErrorKind::NotFound),
                }),
                1,
                "reading x.txt: the machine's words",
                "x.txt を読めません: ファイルが見つかりません（the machine's words）",
            ),
            (
                plan_file,
                1,
                "p.toml:2:8: plan.code: ",
                "p.toml:2:8: plan.code: ",
            ),
            (
                Some(CliError::from(ActualsError {
                    file: "a.csv".into(),
                    line: 1,
                    kind: ActualsErrorKind::Empty,
                    problem: CsvProblem::Empty,
                })),
                1,
                "a.csv:1: the file is empty",
                "a.csv:1: ファイルが空です",
            ),
            (
                Some(CliError::Refused(vec![crate::error::RefusedRow {
                    file: "a.csv".into(),
                    line: 3,
                    field: Some("plan"),
                    why: crate::error::RowWhy::NoPlanFile("p".into()),
                }])),
                1,
                "1 row refused; nothing was evaluated\n  a.csv:3: column \"plan\": no plan \"p\" \
                 among the plan files given",
                "1行を受け付けられないため、何も評価していません\n  a.csv:3: 列「plan」: \
                 計画「p」は指定された計画ファイルにありません",
            ),
            (
                Some(CliError::Input(Input::SamePlan {
                    code: "p".into(),
                    first: "a.toml".into(),
                    second: "b.toml".into(),
                })),
                1,
                "a.toml and b.toml are both plan \"p\"",
                "a.toml と b.toml はどちらも計画「p」です",
            ),
            (
                Some(CliError::Extract {
                    file: "docs/x.txt".into(),
                    error: ExtractError {
                        file: "x.txt".into(),
                        line: 3,
                        message: "not text".into(),
                    },
                }),
                1,
                "docs/x.txt:3: not text",
                "docs/x.txt:3: not text",
            ),
            (
                Some(CliError::Strict {
                    file: "x.txt".into(),
                    count: 1,
                }),
                1,
                "x.txt: 1 warning (--strict)",
                "x.txt: 警告が1件あります（--strict）",
            ),
            (
                Some(CliError::Strict {
                    file: "x.txt".into(),
                    count: 2,
                }),
                1,
                "x.txt: 2 warnings (--strict)",
                "x.txt: 警告が2件あります（--strict）",
            ),
            (
                Some(CliError::Files(
                    anyhow::Error::new(io(io::ErrorKind::PermissionDenied))
                        .context("cannot create out/plans"),
                )),
                1,
                "cannot create out/plans: the machine's words",
                "ファイルを書けません（cannot create out/plans: the machine's words）",
            ),
            (
                Some(not_a_url().into()),
                2,
                "\"mysql://x\" is not a database URL",
                "「mysql://x」はデータベースの URL として読めません",
            ),
            (
                Some(StoreError::NotFound(Missing::Plan("x".into())).into()),
                1,
                "no plan \"x\" is stored",
                "計画「x」は登録されていません",
            ),
            (
                Some(StoreError::Invalid(Refusal::EditNul).into()),
                1,
                "the value's source, note or breakdown holds a NUL",
                "値の出典・備考・内訳に NUL 文字",
            ),
            (
                Some(StoreError::Rows(Vec::new()).into()),
                1,
                "0 rows refused; nothing was imported",
                "0行を受け付けられないため、何も取り込んでいません",
            ),
            (
                Some(conflict().into()),
                3,
                "conflict: observation p i1 FY2025 is at version 2",
                "競合: 実績値 p i1 FY2025 は今は第2版ですが",
            ),
            (
                Some(unavailable().into()),
                4,
                "cannot open the database",
                "データベース postgres://x@h/db を開けません",
            ),
            (
                Some(StoreError::SchemaTooNew { found: 9, known: 3 }.into()),
                4,
                "the database's schema is at version 9",
                "データベースのスキーマは第9版で",
            ),
            // A broken pipe inside the store (a database connection that went away) is a
            // storage failure, never the success a closed stdout is.
            (
                Some(StoreError::Io(io(io::ErrorKind::BrokenPipe)).into()),
                4,
                "the machine's words",
                "the machine's words",
            ),
            (
                Some(StoreError::Database(sqlx::Error::PoolTimedOut).into()),
                4,
                "database error: ",
                "データベースのエラー: ",
            ),
            (
                Some(CliError::StoreIn {
                    file: "p.toml".into(),
                    error: StoreError::NotFound(Missing::Indicator {
                        plan: "p".into(),
                        indicator: "i1".into(),
                    }),
                }),
                1,
                "p.toml: plan \"p\" has no indicator \"i1\"",
                "p.toml: 計画「p」に指標「i1」はありません",
            ),
            (
                Some(CliError::StoreIn {
                    file: "p.toml".into(),
                    error: conflict(),
                }),
                3,
                "conflict: observation p i1",
                "競合: 実績値 p i1",
            ),
            (
                Some(CliError::StoreIn {
                    file: "a.csv".into(),
                    error: StoreError::Rows(Vec::new()),
                }),
                1,
                "0 rows refused",
                "0行を受け付けられない",
            ),
            (
                Some(CliError::Open {
                    db: "postgres://x@h/db".into(),
                    error: unavailable(),
                }),
                4,
                "postgres://x@h/db: cannot open the database",
                "postgres://x@h/db: データベース postgres://x@h/db を開けません",
            ),
            (
                Some(CliError::Open {
                    db: "mysql://x".into(),
                    error: not_a_url(),
                }),
                2,
                "\"mysql://x\" is not a database URL",
                "「mysql://x」はデータベースの URL として読めません",
            ),
            (
                Some(CliError::System {
                    doing: Doing::Runtime,
                    source: io(io::ErrorKind::Other),
                }),
                4,
                "starting the async runtime: the machine's words",
                "非同期処理の実行環境を起動できません: the machine's words",
            ),
            (
                Some(CliError::output(Writing::Output)(io(
                    io::ErrorKind::StorageFull,
                ))),
                4,
                "writing the output: the machine's words",
                "出力を書けません: ディスクがいっぱいです（the machine's words）",
            ),
            (
                Some(CliError::output(Writing::Output)(io(
                    io::ErrorKind::BrokenPipe,
                ))),
                0,
                "writing the output: the machine's words",
                "出力を書けません: 読み手が出力を閉じました（the machine's words）",
            ),
            (
                Some(CliError::NotPermitted(
                    "editors may not close a round".into(),
                )),
                5,
                "editors may not close a round",
                "editors may not close a round",
            ),
        ];
        for (e, code, en, ja) in table {
            let e = e.expect("the example error was made");
            let got = exit_code(&e);
            let english = error::report(&e, Lang::En);
            let japanese = error::report(&e, Lang::Ja);
            assert_eq!(got, code, "{english}");
            assert!(
                english.starts_with(en),
                "{english:?} should start with {en:?}"
            );
            assert!(
                japanese.starts_with(ja),
                "{japanese:?} should start with {ja:?}"
            );
            // Display is the English text, for logs and programs.
            assert!(english.starts_with(&e.to_string()), "{english:?} / {e}");
            assert_eq!(e.message(Lang::En), e.to_string());
        }
    }
}
