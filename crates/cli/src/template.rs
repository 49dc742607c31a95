//! `shinchoku template`: the Excel workbook departments fill with the year's actual values — a
//! sheet per department (the owners `shinchoku assign` made), only the value, status and note
//! cells open, the earlier years beside them (`shinchoku_report::template`). `shinchoku
//! import FILE.xlsx` and the web upload read it back, all or nothing.

use std::io::Write;
use std::path::PathBuf;

use shinchoku_core::lang::Lang;
use shinchoku_report::template::{template, TemplateInput};

use crate::db::{block_on, open, write_out, DbArg};
use crate::error::CliError;

/// `shinchoku template`.
#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The plan's code.
    #[arg(long, value_name = "CODE")]
    pub plan: String,
    /// The fiscal year to fill in (default: the one that ended last, as of today).
    #[arg(long, value_name = "YEAR", value_parser = clap::value_parser!(i32).range(1000..=9999))]
    pub fy: Option<i32>,
    /// The workbook to write.
    #[arg(short = 'o', long = "output", value_name = "FILE.xlsx")]
    pub output: PathBuf,
}

/// The fiscal year (April to March) that ended last, as of today.
fn last_fiscal_year() -> i32 {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let (y, m, _) = shinchoku_core::period::civil_from_days(i64::try_from(days).unwrap_or(0));
    let ended = if m >= 4 { y - 1 } else { y - 2 };
    i32::try_from(ended).unwrap_or(2000)
}

/// Runs `template`.
pub fn run(a: &TemplateArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let fy = a.fy.unwrap_or_else(last_fiscal_year);
    let bytes = block_on(async {
        let store = open(&a.db).await?;
        let plan = store.load_plan(&a.plan, None).await?;
        let assignments = store.assignments(Some(&a.plan)).await?;
        store.close().await;
        let owners: Vec<Option<String>> = plan
            .indicators
            .iter()
            .map(|pi| {
                shinchoku_web::accounts::owner_group(&plan, &assignments, &pi.indicator.id)
                    .map(str::to_owned)
            })
            .collect();
        template(&TemplateInput {
            plan: &plan,
            fy,
            owners: &owners,
        })
        .map_err(|e| CliError::Files(anyhow::anyhow!("{e}")))
    })??;
    crate::sheet::write_file(&a.output, &bytes).map_err(CliError::Files)?;
    write_out(
        out,
        &match lang {
            Lang::Ja => format!(
                "{} に {} の入力用ブックを書きました。実績値・状態・備考を入力し、shinchoku import で取り込みます。\n",
                a.output.display(),
                crate::db::fy_text(fy, lang)
            ),
            Lang::En => format!(
                "wrote the {} input workbook to {}; fill in value, status and note, then shinchoku import it\n",
                crate::db::fy_text(fy, lang),
                a.output.display()
            ),
        },
    )
}
