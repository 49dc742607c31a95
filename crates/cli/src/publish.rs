//! `shinchoku publish`: the public open-data site — every stored plan (or one) as static pages
//! in Japanese and English, each indicator's chart, values, CSV and JSON, and a catalogue of
//! every dataset (`datapackage.json`); the files are `shinchoku_report::site`'s. The site's
//! links are relative, so it works from any static host or from the disk.
//!
//! Every file is written under `--out`: the paths the site makes never leave it (an indicator
//! id becomes a file name of letters, digits and `~xx`), and each is checked before it is
//! written. A progress bar counts the files on a long run.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use anyhow::Context;
use shinchoku_core::evaluate::ForecastMethod;
use shinchoku_core::lang::Lang;
use shinchoku_report::site::{file_count, site_each, SiteFile, SitePlan};

use crate::db::{block_on, open, write_out, DbArg};
use crate::error::CliError;

/// `shinchoku publish`.
#[derive(Debug, clap::Args)]
pub struct PublishArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The folder to write the site into (made if missing; files in it are replaced).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Only this plan (default: every stored plan).
    #[arg(long, value_name = "CODE")]
    pub plan: Option<String>,
}

/// Runs `publish`.
pub fn run(a: &PublishArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let plans = block_on(async {
        let store = open(&a.db).await?;
        let codes: Vec<String> = match &a.plan {
            Some(code) => vec![code.clone()],
            None => store.plans().await?.into_iter().map(|p| p.code).collect(),
        };
        let mut plans = Vec::with_capacity(codes.len());
        for code in codes {
            let followed = store.load_plan_as_evaluated(&code, None).await?;
            let plan = followed.plan;
            let fy = plan.latest_observed_year();
            let evaluations = fy
                .map(|fy| plan.evaluate(fy, ForecastMethod::Linear))
                .unwrap_or_default();
            plans.push((plan, evaluations, fy));
        }
        store.close().await;
        Ok::<_, CliError>(plans)
    })??;
    let inputs: Vec<SitePlan<'_>> = plans
        .iter()
        .map(|(plan, evaluations, fy)| SitePlan {
            plan,
            evaluations,
            fy: *fy,
        })
        .collect();
    let files = write_site(&a.out, &inputs).map_err(CliError::Files)?;
    write_out(
        out,
        &match lang {
            Lang::Ja => format!(
                "{} に公開用サイトを書きました（計画{}件、{}ファイル）。{}/index.html から開けます。\n",
                a.out.display(),
                plans.len(),
                files,
                a.out.display()
            ),
            Lang::En => format!(
                "wrote the public site to {} ({} plans, {} files); open {}/index.html\n",
                a.out.display(),
                plans.len(),
                files,
                a.out.display()
            ),
        },
    )
}

/// Writes every file of the site under `root` as it is made, refusing any path that is not a
/// plain relative one; returns how many were written.
fn write_site(root: &Path, plans: &[SitePlan<'_>]) -> anyhow::Result<u64> {
    if root.exists() && !root.is_dir() {
        anyhow::bail!("{} exists and is not a folder", root.display());
    }
    let total = file_count(plans);
    let bar = if total >= 2000 {
        indicatif::ProgressBar::with_draw_target(
            Some(total),
            indicatif::ProgressDrawTarget::stderr(),
        )
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut made: std::collections::HashSet<PathBuf> = std::collections::HashSet::new();
    let mut written = 0u64;
    site_each(plans, |f: SiteFile| -> anyhow::Result<()> {
        let rel = Path::new(&f.path);
        if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
            anyhow::bail!("refusing to write {} outside {}", f.path, root.display());
        }
        let path = root.join(rel);
        if let Some(dir) = path.parent() {
            if !made.contains(dir) {
                std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
                made.insert(dir.to_path_buf());
            }
        }
        std::fs::write(&path, &f.bytes).with_context(|| path.display().to_string())?;
        written += 1;
        bar.inc(1);
        Ok(())
    })?;
    bar.finish_and_clear();
    Ok(written)
}
