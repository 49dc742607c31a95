//! `shinchoku report`: a plan's progress report (進捗報告) of one fiscal year as HTML (seed
//! 002's printed layout, A4), Markdown, CSV (UTF-8 with a BOM, one row per indicator) or xlsx
//! — the forms are `shinchoku_report::progress`'s.
//!
//! A year whose evaluation round is closed is reported as the round recorded it: the values
//! it kept and the grades it froze, whatever actuals arrived since (`--live` reports today's
//! data instead). The year's comment of each indicator is its self-evaluation in that year's
//! round, when there is one.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;
use shinchoku_core::lang::Lang;
use shinchoku_report::progress::Report;

use crate::db::{block_on, open, write_out, DbArg};
use crate::error::{CliError, Usage, Writing};

/// The forms of a report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A standalone HTML document, printable on A4.
    Html,
    /// Markdown: the summary and one table row per indicator.
    Md,
    /// CSV, UTF-8 with a BOM: one row per indicator, numbers in their own columns.
    Csv,
    /// An xlsx workbook (needs -o).
    Xlsx,
}

/// `shinchoku report`.
#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The plan's code.
    #[arg(long, value_name = "CODE")]
    pub plan: String,
    /// The fiscal year reported (default: the latest with an actual value).
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1000..=9999))]
    pub fy: Option<i32>,
    /// Today's data even for a year whose round is closed.
    #[arg(long)]
    pub live: bool,
    /// The form.
    #[arg(long, value_enum, default_value_t = ReportFormat::Html)]
    pub format: ReportFormat,
    /// Where to write it (default: standard output; xlsx needs a file).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Runs `report`.
pub fn run(a: &ReportArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    if a.format == ReportFormat::Xlsx && a.output.is_none() {
        return Err(CliError::Usage(Usage::XlsxNeedsOutput));
    }
    let report = block_on(build(a, lang))??;
    let bytes = match a.format {
        ReportFormat::Html => report.html().into_bytes(),
        ReportFormat::Md => report.markdown().into_bytes(),
        ReportFormat::Csv => report.csv().into_bytes(),
        ReportFormat::Xlsx => report
            .xlsx()
            .map_err(|e| CliError::Files(anyhow::anyhow!("{e}")))?,
    };
    match &a.output {
        None => out
            .write_all(&bytes)
            .and_then(|()| out.flush())
            .map_err(CliError::output(Writing::Output)),
        Some(path) => {
            crate::sheet::write_file(path, &bytes).map_err(CliError::Files)?;
            write_out(
                out,
                &match lang {
                    Lang::Ja => format!("{} に進捗報告を書きました。\n", path.display()),
                    Lang::En => format!("wrote the progress report to {}\n", path.display()),
                },
            )
        }
    }
}

async fn build(a: &ReportArgs, lang: Lang) -> Result<Report, CliError> {
    let store = open(&a.db).await?;
    let report =
        shinchoku_web::reporting::progress_report(&store, &a.plan, a.fy, a.live, lang).await?;
    store.close().await;
    Ok(report)
}
