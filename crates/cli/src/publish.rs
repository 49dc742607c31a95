//! `shinchoku publish`: the public open-data site — every stored plan (or one) as static pages
//! in Japanese and English, each indicator's chart, values, CSV and JSON, and a catalogue of
//! every dataset (`datapackage.json`); the files are `shinchoku_report::site`'s. The site's
//! links are relative, so it works from any static host or from the disk.
//!
//! Every file is written under `--out`: the paths the site makes never leave it (an indicator
//! id becomes a file name of letters, digits and `~xx`), and each is checked before it is
//! written. A progress bar counts the files on a long run.
//!
//! Publishing is made to be repeated into the same folder: a file whose bytes are already
//! there is not written again (its date stays, so a copy to the web server sends only the
//! changes), and the list of files written (`.shinchoku-site`) lets the next run remove the
//! pages and data of what it no longer publishes, and only those.

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
    /// The folder to write the site into (made if missing). Publishing again into the same
    /// folder rewrites only the files whose content changed (the others keep their dates) and
    /// removes the files the last run wrote that are no longer published; nothing else in the
    /// folder is touched.
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
    let done = write_site(&a.out, &inputs).map_err(CliError::Files)?;
    let (files, unchanged, removed) = (done.files, done.unchanged, done.removed);
    write_out(
        out,
        &match lang {
            Lang::Ja => format!(
                "{} に公開用サイトを書きました（計画{}件、{}ファイル、うち前回と同じ{}件はそのまま、\
                 公開しなくなった{}件を削除）。{}/index.html から開けます。\n",
                a.out.display(),
                plans.len(),
                files,
                unchanged,
                removed,
                a.out.display()
            ),
            Lang::En => format!(
                "wrote the public site to {} ({} plans, {} files, {} of them unchanged and left \
                 as they were; {} no longer published removed); open {}/index.html\n",
                a.out.display(),
                plans.len(),
                files,
                unchanged,
                removed,
                a.out.display()
            ),
        },
    )
}

/// What [`write_site`] did: how many files the site has, how many of them were already there
/// with the same bytes (left untouched, their modification time kept), and how many files of
/// the previous run were removed as no longer published.
struct Written {
    files: u64,
    unchanged: u64,
    removed: u64,
}

/// Writes every file of the site under `root` as it is made, refusing any path that is not a
/// plain relative one. A file already there with the same bytes is left as it is, so that
/// publishing again changes only what changed: a copy to the web server (`rsync`) sends only
/// those, and readers' caches keep the rest. (Rewriting a file in place is also dearer than
/// writing a new one on ext4, which flushes a file truncated and written again as it closes.)
fn write_site(root: &Path, plans: &[SitePlan<'_>]) -> anyhow::Result<Written> {
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
    // Each folder once, and whether it was there before (if not, nothing in it is to compare).
    let mut folders: std::collections::HashMap<PathBuf, bool> = std::collections::HashMap::new();
    let mut done = Written {
        files: 0,
        unchanged: 0,
        removed: 0,
    };
    let mut paths = Vec::with_capacity(usize::try_from(total).unwrap_or(0));
    site_each(plans, |f: SiteFile| -> anyhow::Result<()> {
        let rel = Path::new(&f.path);
        if !rel.components().all(|c| matches!(c, Component::Normal(_))) {
            anyhow::bail!("refusing to write {} outside {}", f.path, root.display());
        }
        let path = root.join(rel);
        let existed = match path.parent() {
            Some(dir) => match folders.get(dir) {
                Some(existed) => *existed,
                None => {
                    let existed = dir.is_dir();
                    std::fs::create_dir_all(dir).with_context(|| dir.display().to_string())?;
                    folders.insert(dir.to_path_buf(), existed);
                    existed
                }
            },
            None => true,
        };
        done.files += 1;
        bar.inc(1);
        if existed && same_bytes(&path, &f.bytes) {
            done.unchanged += 1;
            paths.push(f.path);
            return Ok(());
        }
        paths.push(f.path);
        std::fs::write(&path, &f.bytes).with_context(|| path.display().to_string())
    })?;
    bar.finish_and_clear();
    done.removed = remove_stale(root, &mut paths)?;
    Ok(done)
}

/// The list of the files the last run wrote, kept in the site's folder so that the next run
/// removes what is no longer published (a plan or an indicator taken away) and nothing else.
const MANIFEST: &str = ".shinchoku-site";

/// Removes the files the previous run listed in [`MANIFEST`] that this run did not write (and
/// folders they leave empty), then lists this run's `paths`. Only plain relative paths under
/// `root` are ever removed, whatever the list says. Returns how many files were removed.
fn remove_stale(root: &Path, paths: &mut [String]) -> anyhow::Result<u64> {
    paths.sort_unstable();
    let listed = root.join(MANIFEST);
    let mut removed = 0;
    if let Ok(old) = std::fs::read_to_string(&listed) {
        for line in old.lines() {
            let rel = Path::new(line);
            if line.is_empty()
                || paths.binary_search_by(|p| p.as_str().cmp(line)).is_ok()
                || !rel.components().all(|c| matches!(c, Component::Normal(_)))
            {
                continue;
            }
            let path = root.join(rel);
            if path.is_file() && !path.is_symlink() {
                std::fs::remove_file(&path).with_context(|| path.display().to_string())?;
                removed += 1;
                // Folders left empty go too; a folder with anything else in it stays.
                let mut dir = path.parent();
                while let Some(d) = dir.filter(|d| *d != root) {
                    if std::fs::remove_dir(d).is_err() {
                        break;
                    }
                    dir = d.parent();
                }
            }
        }
    }
    let mut list = paths.join("\n");
    list.push('\n');
    if !same_bytes(&listed, list.as_bytes()) {
        std::fs::write(&listed, list).with_context(|| listed.display().to_string())?;
    }
    Ok(removed)
}

/// True when `path` is a file holding exactly `bytes` (its size is looked at first).
fn same_bytes(path: &Path, bytes: &[u8]) -> bool {
    match std::fs::metadata(path) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {
            std::fs::read(path).is_ok_and(|old| old == bytes)
        }
        _ => false,
    }
}
