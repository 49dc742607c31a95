//! `shinchoku sheet`: a round's 評価シート per node as a file — an HTML document printable on
//! A4 (its stylesheet inline) or an xlsx workbook with a worksheet per node (the model and
//! both renderings are `shinchoku_web::sheet`, which the web page serves too). A closed round's
//! sheet is made from what the round kept, so it is the same whatever actuals arrive later.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::ValueEnum;
use shinchoku_core::lang::Lang;
use shinchoku_web::round::LoadedRound;
use shinchoku_web::sheet::{Sheet, SheetError};

use crate::db::{block_on, open, write_out};
use crate::error::{CliError, Input};
use crate::round::Which;

/// The forms of a sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SheetFormat {
    /// An xlsx workbook (Excel, LibreOffice): a worksheet per node.
    Xlsx,
    /// An HTML document, printable on A4: a page per node.
    Html,
}

/// `shinchoku sheet`.
#[derive(Debug, clap::Args)]
pub struct SheetArgs {
    #[command(flatten)]
    pub which: Which,
    /// Only this node (its indicators and those beneath it); default: a sheet per node.
    #[arg(long, value_name = "ID")]
    pub node: Option<String>,
    /// The file's form.
    #[arg(long, value_enum)]
    pub format: SheetFormat,
    /// Where to write it (`-`: standard output).
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: PathBuf,
}

/// Runs `sheet`.
pub fn run(a: &SheetArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let sheet = block_on(async {
        let store = open(&a.which.db).await?;
        let l = LoadedRound::load(&store, &a.which.plan, a.which.fy)
            .await?
            .ok_or_else(|| {
                CliError::Input(Input::NoRound {
                    plan: a.which.plan.clone(),
                    fy: a.which.fy,
                })
            })?;
        Sheet::of(&l, a.node.as_deref(), lang).map_err(|e| match e {
            SheetError::NoNode(node) => CliError::Input(Input::NoNode {
                plan: a.which.plan.clone(),
                node,
            }),
        })
    })??;
    let bytes = match a.format {
        SheetFormat::Html => sheet
            .html(true)
            .map_err(|e| CliError::Files(anyhow::anyhow!("{e}")))?
            .into_bytes(),
        SheetFormat::Xlsx => sheet
            .xlsx()
            .map_err(|e| CliError::Files(anyhow::anyhow!("{e}")))?,
    };
    if a.output.as_os_str() == "-" {
        return out
            .write_all(&bytes)
            .and_then(|()| out.flush())
            .map_err(CliError::output(crate::error::Writing::Output));
    }
    write_file(&a.output, &bytes).map_err(CliError::Files)?;
    let pages = sheet.pages.len();
    write_out(
        out,
        &match lang {
            Lang::Ja => format!(
                "{} に評価シート {pages} 枚を書きました。\n",
                a.output.display()
            ),
            Lang::En => format!("wrote {pages} sheet(s) to {}\n", a.output.display()),
        },
    )
}

/// Writes `bytes` to `path` whole or not at all: into a temporary file beside it, then renamed.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written.with_context(|| format!("{}", path.display()))
}
