//! The commands that use the database: `import`, `plans`, `record`, `diff`, `history`,
//! `lineage`, `backup` and `restore` (and `evaluate --plan`, in `evaluate.rs`).
//!
//! Each opens the store named by `--db` (or `SHINCHOKU_DB`, default `sqlite:shinchoku.db`),
//! runs one async call of `shinchoku-store` on a single-threaded runtime, and prints the result.
//! Reading files is done here with `shinchoku-import`; the store sees only core values. An
//! import is one transaction over every file named: a refused row anywhere leaves the database
//! as it was, and every refused row is printed with its file and line.

use std::future::Future;
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde_json::json;
use shinchoku_core::diff::{diff, marked};
use shinchoku_core::indicator::{ObservationStatus, ObservedValue};
use shinchoku_core::lang::Lang;
use shinchoku_core::period::Period;
use shinchoku_core::plan::{Plan, PlanCode};
use shinchoku_core::quantity::Unit;
use shinchoku_core::text::fold_name;
use shinchoku_import::actuals::{ActualsReader, RawValue};
use shinchoku_import::extract::model::Warning;
use shinchoku_import::extract::{extract, to_plan};
use shinchoku_import::json::number;
use shinchoku_store::{redact, Actor, ActualInput, ObservationWrite, Store, StoreError, Tx};

use crate::error::{CliError, Doing, Input, Reading, Usage, Writing};
use crate::output::period_text;

/// The database to use.
#[derive(Debug, Clone, clap::Args)]
pub struct DbArg {
    /// The database: `sqlite:PATH` (created if missing), `postgres://USER@HOST/DB`, or a bare
    /// path (SQLite).
    #[arg(
        long,
        env = "SHINCHOKU_DB",
        default_value = "sqlite:shinchoku.db",
        value_name = "URL"
    )]
    pub db: String,
}

/// Output formats of the listing commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Aligned columns for people.
    Table,
    /// JSON for programs.
    Json,
}

/// `shinchoku import`.
#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Files to import: plan documents (`.txt`, the text of a published plan), plan files
    /// (`.toml`) and actuals (`.csv`).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub db: DbArg,
    /// Record a progress report's values on this stored plan instead of storing the document
    /// as a plan of its own (indicators are matched by name).
    #[arg(long, value_name = "CODE")]
    pub plan: Option<String>,
    /// Store the plan under this title instead of the one read from the document (with one
    /// plan document or plan file).
    #[arg(long, value_name = "TEXT", conflicts_with = "plan", value_parser = title_arg)]
    pub title: Option<String>,
    /// Store the plan under this code instead of the one derived from its title (with one
    /// plan document or plan file).
    #[arg(long, value_name = "CODE", conflicts_with = "plan", value_parser = code_arg)]
    pub code: Option<PlanCode>,
    #[command(flatten)]
    pub who: ActorArg,
}

/// Who acts, for the audit log of the writing commands.
#[derive(Debug, Clone, clap::Args)]
pub struct ActorArg {
    /// The name the audit log records for these changes, as `cli:NAME`. Default: the
    /// operating-system account running the command (as `id -un` names it).
    #[arg(long = "as", value_name = "NAME")]
    pub name: Option<String>,
}

fn title_arg(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() {
        return Err("a plan's title cannot be empty".into());
    }
    Ok(t.to_owned())
}

fn code_arg(s: &str) -> Result<PlanCode, String> {
    PlanCode::new(s).ok_or_else(|| {
        "a plan code is 1–64 characters of a-z, 0-9 and '-' (e.g. yamaguchi-industry-2022)".into()
    })
}

/// `shinchoku plans`.
#[derive(Debug, clap::Args)]
pub struct PlansArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// `shinchoku record`.
#[derive(Debug, clap::Args)]
pub struct RecordArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The plan's code.
    #[arg(long, value_name = "CODE")]
    pub plan: String,
    /// The indicator's id (`i1`).
    #[arg(long, value_name = "ID")]
    pub indicator: String,
    /// The year or month the value is for: `FY2024`, `2024` (= FY2024), `令和6年度`, `2024-09`.
    #[arg(long, value_name = "PERIOD")]
    pub period: String,
    /// The value: a number (`1,234.5`) or, for a milestone, its state (`実施中`).
    #[arg(long, value_name = "VALUE", required_unless_present = "delete")]
    pub value: Option<String>,
    /// Delete the stored value instead.
    #[arg(long, conflicts_with = "value")]
    pub delete: bool,
    /// `final` (確定, default), `provisional` (速報) or `estimate` (見込).
    #[arg(long, value_name = "STATUS", default_value = "final")]
    pub status: String,
    /// The date the value was counted at (`2024-09-30`), when not the period's end.
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Where the value comes from (資料).
    #[arg(long)]
    pub source: Option<String>,
    /// A note (備考).
    #[arg(long)]
    pub note: Option<String>,
    /// The version of the value this change is based on (`shinchoku history` shows it; 0 =
    /// there was none). If the stored value has changed since, nothing is written and the
    /// exit code is 3.
    #[arg(long, value_name = "N")]
    pub if_version: Option<i64>,
    #[command(flatten)]
    pub who: ActorArg,
}

/// `shinchoku diff`.
#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The plan's code.
    #[arg(long, value_name = "CODE")]
    pub plan: String,
    /// The older version (default: the one before `--to`).
    #[arg(long, value_name = "N")]
    pub from: Option<i64>,
    /// The newer version (default: the current one).
    #[arg(long, value_name = "N")]
    pub to: Option<i64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// `shinchoku history`.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The plan's code (needed when several stored plans have the indicator).
    #[arg(long, value_name = "CODE")]
    pub plan: Option<String>,
    /// The indicator's id (`i1`).
    #[arg(long, value_name = "ID")]
    pub indicator: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// `shinchoku lineage`.
#[derive(Debug, clap::Args)]
pub struct LineageArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The indicator's name (`中小企業のIoT導入率`) or its series key (`中小企業のIoT導入率|%`).
    #[arg(value_name = "NAME")]
    pub name: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// `shinchoku backup`.
#[derive(Debug, clap::Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The backup file to write (a SQLite database).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// Replace `--out` if it exists.
    #[arg(long)]
    pub force: bool,
}

/// `shinchoku restore`.
#[derive(Debug, clap::Args)]
pub struct RestoreArgs {
    #[command(flatten)]
    pub db: DbArg,
    /// The backup file (written by `shinchoku backup`).
    #[arg(long, value_name = "FILE")]
    pub from: PathBuf,
}

/// Runs one future on a runtime of its own.
pub fn block_on<F: Future>(f: F) -> Result<F::Output, CliError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|source| CliError::System {
            doing: Doing::Runtime,
            source,
        })?;
    Ok(rt.block_on(f))
}

/// Opens the store of `--db`.
pub async fn open(db: &DbArg) -> Result<Store, CliError> {
    Store::open(&db.db).await.map_err(|error| CliError::Open {
        db: redact(&db.db),
        error,
    })
}

/// Who is writing, as the audit log records it: `cli:NAME`, NAME from `--as`, else the name
/// of the operating-system account the command runs as.
///
/// The account's name comes from the system's user database (the effective uid's entry, as
/// `id -un` prints it), so a cron job or a container without `USER` still records who it is;
/// `USER` / `USERNAME` / `LOGNAME` are the fallback for a uid that has no entry. An account
/// with no name anywhere is refused rather than recorded as nobody in particular.
/// [`actor`] for the other command modules.
pub fn actor_of(who: &ActorArg) -> Result<Actor, CliError> {
    actor(who)
}

/// A fiscal year as the messages name it: `令和6年度（2024年度）`, `FY2024`.
pub fn fy_text(fy: i32, lang: Lang) -> String {
    let p = shinchoku_core::period::Period::FiscalYear(fy);
    match lang {
        Lang::Ja => shinchoku_core::era::format_ja(p),
        Lang::En => shinchoku_core::era::format_en(p),
    }
}

fn actor(who: &ActorArg) -> Result<Actor, CliError> {
    let name = match &who.name {
        Some(given) => {
            let given = given.trim();
            if given.is_empty() {
                return Err(CliError::Usage(Usage::EmptyActor));
            }
            given.to_owned()
        }
        None => os_account().ok_or(CliError::Usage(Usage::NoAccount))?,
    };
    Ok(Actor::new(format!("cli:{name}")))
}

/// The name of the account the process runs as: the system's, else the environment's.
fn os_account() -> Option<String> {
    let named = |n: String| Some(n.trim().to_owned()).filter(|n| !n.is_empty());
    whoami::fallible::username()
        .ok()
        .and_then(named)
        .or_else(|| {
            ["USER", "USERNAME", "LOGNAME"]
                .into_iter()
                .find_map(|v| std::env::var(v).ok().and_then(named))
        })
}

/// Writes a command's output (and flushes it, so a reader sees it before the command ends).
pub fn write_out(out: &mut impl Write, text: &str) -> Result<(), CliError> {
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(CliError::output(Writing::Output))
}

/// A JSON value, pretty-printed (`{:#}` is serde_json's pretty form, and cannot fail).
fn json_out(out: &mut impl Write, v: &serde_json::Value) -> Result<(), CliError> {
    write_out(out, &format!("{v:#}\n"))
}

/// What kind of file an import argument is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    PlanFile,
    Actuals,
    /// An xlsx workbook whose sheets carry the Actuals CSV's header (the input template).
    Workbook,
    Document,
}

fn kind_of(path: &Path) -> Result<FileKind, CliError> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "toml" => Ok(FileKind::PlanFile),
        "csv" => Ok(FileKind::Actuals),
        "xls" => Err(CliError::Input(Input::Excel(path.display().to_string()))),
        "xlsx" => {
            let shown = path.display().to_string();
            let bytes =
                std::fs::read(path).map_err(CliError::read(Reading::File(shown.clone())))?;
            match shinchoku_import::workbook::actuals_sheets(&bytes, &shown) {
                Ok(Some(_)) => Ok(FileKind::Workbook),
                Ok(None) => Ok(FileKind::Document),
                Err(error) => Err(CliError::Extract { file: shown, error }),
            }
        }
        // Text, .pdf, .html/.htm, .xlsx and .docx: the extractor tells the form by content.
        _ => Ok(FileKind::Document),
    }
}

/// Runs `import`.
pub fn import(args: &ImportArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    // Plans before actuals, so that one command can bring a plan and its values; otherwise in
    // the order given.
    let mut files: Vec<(FileKind, &PathBuf)> = Vec::with_capacity(args.files.len());
    for f in &args.files {
        files.push((kind_of(f)?, f));
    }
    files.sort_by_key(|(k, _)| matches!(k, FileKind::Actuals | FileKind::Workbook));
    let actor = actor(&args.who)?;
    let plans = files
        .iter()
        .filter(|(k, _)| !matches!(k, FileKind::Actuals | FileKind::Workbook))
        .count();
    if (args.title.is_some() || args.code.is_some()) && plans != 1 {
        return Err(CliError::Usage(Usage::OnePlanToName(plans)));
    }
    let rename = Rename {
        title: args.title.as_deref(),
        code: args.code.as_ref(),
    };
    block_on(async {
        let store = open(&args.db).await?;
        let mut tx = store.begin().await?;
        let mut report = String::new();
        for (kind, path) in &files {
            let line = match kind {
                FileKind::PlanFile => import_plan_file(&mut tx, path, &actor, rename, lang).await?,
                FileKind::Document => {
                    import_document(&mut tx, path, args.plan.as_deref(), &actor, rename, lang)
                        .await?
                }
                FileKind::Actuals => import_actuals(&mut tx, path, &actor, lang).await?,
                FileKind::Workbook => import_workbook(&mut tx, path, &actor, lang).await?,
            };
            report.push_str(&line);
            report.push('\n');
        }
        tx.commit().await?;
        store.close().await;
        write_out(out, &report)
    })?
}

fn describe_save(
    file: &str,
    s: &shinchoku_store::SaveOutcome,
    indicators: usize,
    lang: Lang,
) -> String {
    let (new, replaced) = (s.observations_inserted, s.observations_updated);
    let (code, version) = (&s.code, s.version);
    let mut line = match lang {
        Lang::En => {
            let what = if s.created {
                format!("plan {code} version 1 (new)")
            } else if s.unchanged {
                format!("plan {code} version {version} (unchanged)")
            } else {
                format!("plan {code} version {version} (new version)")
            };
            format!(
                "{file}: {what}, {indicators} indicators, observations: {new} new, {replaced} \
                 replaced"
            )
        }
        Lang::Ja => {
            let what = if s.created {
                format!("計画 {code} 第1版（新規）")
            } else if s.unchanged {
                format!("計画 {code} 第{version}版（変更なし）")
            } else {
                format!("計画 {code} 第{version}版（新しい版）")
            };
            format!("{file}: {what}、指標{indicators}件、実績値: 新規{new}件・置き換え{replaced}件")
        }
    };
    if !s.renamed.is_empty() {
        let pairs: Vec<String> = s.renamed.iter().map(|(a, b)| format!("{a}→{b}")).collect();
        line.push_str(&match lang {
            Lang::En => format!(
                "; indicator ids kept from the previous version so their actuals follow them: {}",
                pairs.join(", ")
            ),
            Lang::Ja => format!(
                "。実績値が指標についていくよう、前の版の指標 id を引き継ぎました: {}",
                pairs.join("、")
            ),
        });
    }
    line
}

/// `--title` and `--code`: the name to store the one plan of an import under.
#[derive(Debug, Clone, Copy)]
struct Rename<'a> {
    title: Option<&'a str>,
    code: Option<&'a PlanCode>,
}

async fn import_plan_file(
    tx: &mut Tx,
    path: &Path,
    actor: &Actor,
    rename: Rename<'_>,
    lang: Lang,
) -> Result<String, CliError> {
    let shown = path.display().to_string();
    let mut plan = shinchoku_import::read_plan_file(path)?;
    // A plan file writes its code: --title leaves it, --code replaces it.
    if let Some(t) = rename.title {
        plan.title = t.to_owned();
    }
    if let Some(c) = rename.code {
        plan.code = c.clone();
    }
    let saved = tx
        .save_plan(&plan, &actor.with_source(&shown))
        .await
        .map_err(in_file(&shown))?;
    Ok(describe_save(&shown, &saved, plan.indicators.len(), lang))
}

/// A store error about what came from one imported file.
fn in_file(file: &str) -> impl FnOnce(StoreError) -> CliError + '_ {
    move |error| CliError::StoreIn {
        file: file.to_owned(),
        error,
    }
}

async fn import_document(
    tx: &mut Tx,
    path: &Path,
    attach_to: Option<&str>,
    actor: &Actor,
    rename: Rename<'_>,
    lang: Lang,
) -> Result<String, CliError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(CliError::read(Reading::File(shown.clone())))?;
    let name = path
        .file_name()
        .map_or_else(|| shown.clone(), |n| n.to_string_lossy().into_owned());
    let mut ex = extract(&bytes, &name).map_err(|error| CliError::Extract {
        file: shown.clone(),
        error,
    })?;
    // A document's code comes from its title: --title gives both, unless --code is given.
    if let Some(t) = rename.title {
        ex.plan.title = Some(t.to_owned());
    }
    let (mut plan, more) = to_plan::to_plan_with_warnings(&ex);
    if let Some(c) = rename.code {
        plan.code = c.clone();
    }
    let mut warnings: Vec<Warning> = ex.warnings.clone();
    warnings.extend(more);
    warnings.sort_by_key(|w| w.line);
    eprint!("{}", crate::extract::warning_lines(lang, &shown, &warnings));
    let actor = actor.with_source(&name);
    match attach_to {
        Some(code) => {
            let a = tx
                .attach_observations(code, &plan, &actor)
                .await
                .map_err(in_file(&shown))?;
            Ok(match lang {
                Lang::En => format!(
                    "{shown}: values of {} indicators recorded on plan {code}: {} new, {} \
                     replaced, {} unchanged",
                    a.matched, a.inserted, a.updated, a.unchanged
                ),
                Lang::Ja => format!(
                    "{shown}: 計画 {code} に指標{}件の値を記録しました: 新規{}件・置き換え{}件・\
                     変更なし{}件",
                    a.matched, a.inserted, a.updated, a.unchanged
                ),
            })
        }
        None => {
            if rename.code.is_none() {
                code_is_free(tx, &plan, &shown).await?;
            }
            let saved = tx.save_plan(&plan, &actor).await.map_err(in_file(&shown))?;
            Ok(describe_save(&shown, &saved, plan.indicators.len(), lang))
        }
    }
}

/// A document's code is made from its title, so two documents can be given one code: the
/// second would silently become a new version of the first. A code made here (not given with
/// `--code`) that a stored plan of another title holds is refused; with `--code` the user
/// says which plan the document is.
async fn code_is_free(tx: &mut Tx, plan: &Plan, shown: &str) -> Result<(), CliError> {
    let stored = match tx.load_plan(plan.code.as_str(), None).await {
        Ok(stored) => stored,
        Err(StoreError::NotFound(_)) => return Ok(()),
        Err(e) => return Err(in_file(shown)(e)),
    };
    if fold_name(&stored.title) == fold_name(&plan.title) {
        return Ok(());
    }
    Err(CliError::Input(Input::CodeTaken {
        file: shown.to_owned(),
        code: plan.code.to_string(),
        title: plan.title.clone(),
        stored: stored.title,
    }))
}

/// Imports the actual values of a workbook: each sheet with the Actuals CSV's header as that
/// CSV (`shinchoku_import::workbook`), all in the import's one transaction, so the workbook
/// is taken whole or not at all. Every refused cell of every sheet is reported.
async fn import_workbook(
    tx: &mut Tx,
    path: &Path,
    actor: &Actor,
    lang: Lang,
) -> Result<String, CliError> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(CliError::read(Reading::File(shown.clone())))?;
    let sheets = shinchoku_import::workbook::actuals_sheets(&bytes, &shown)
        .map_err(|error| CliError::Extract {
            file: shown.clone(),
            error,
        })?
        .unwrap_or_default();
    let mut lines = Vec::new();
    let mut refused = Vec::new();
    for sheet in sheets {
        let size = sheet.csv.len() as u64;
        match import_actuals_from(tx, Cursor::new(sheet.csv), size, &sheet.label, actor, lang).await
        {
            Ok(line) => lines.push(line),
            Err(CliError::Store(StoreError::Rows(rows))) => refused.extend(rows),
            Err(e) => return Err(e),
        }
    }
    if !refused.is_empty() {
        return Err(CliError::Store(StoreError::Rows(refused)));
    }
    Ok(lines.join("\n"))
}

async fn import_actuals(
    tx: &mut Tx,
    path: &Path,
    actor: &Actor,
    lang: Lang,
) -> Result<String, CliError> {
    let shown = path.display().to_string();
    let file =
        std::fs::File::open(path).map_err(CliError::read(Reading::Opening(shown.clone())))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    import_actuals_from(tx, file, size, &shown, actor, lang).await
}

/// Imports one Actuals CSV read from `file` (`size` bytes, named `shown` in messages).
async fn import_actuals_from(
    tx: &mut Tx,
    file: impl std::io::Read,
    size: u64,
    shown: &str,
    actor: &Actor,
    lang: Lang,
) -> Result<String, CliError> {
    let shown = shown.to_owned();
    let bar = progress_bar(size, &shown);
    let reader = ActualsReader::new(
        std::io::BufReader::with_capacity(1 << 16, bar.wrap_read(file)),
        &shown,
    )?;
    let mut imp = tx.import_actuals(&shown, actor).await?;
    for item in reader {
        match item {
            Ok(row) => {
                let (value, unit) = row.value.observed();
                imp.add(ActualInput {
                    line: row.line,
                    plan: row.plan,
                    indicator: row.indicator,
                    period: row.period,
                    value,
                    unit,
                    status: row.status,
                    as_of: row.as_of,
                    source: row.source,
                    note: row.note,
                    breakdown: row.breakdown.unwrap_or_default(),
                })
                .await?;
            }
            Err(e) => imp.refuse(e.line, e.field.unwrap_or(""), e.problem),
        }
    }
    bar.set_message(match lang {
        Lang::Ja => "反映中",
        Lang::En => "applying",
    });
    let summary = imp.finish().await?;
    bar.finish_and_clear();
    let s = summary;
    Ok(match lang {
        Lang::En => format!(
            "{shown}: {} rows: {} new, {} replaced, {} unchanged, {} empty (skipped)",
            s.rows, s.inserted, s.updated, s.unchanged, s.skipped
        ),
        Lang::Ja => format!(
            "{shown}: {}行: 新規{}件・置き換え{}件・変更なし{}件・空欄{}件（読み飛ばし）",
            s.rows, s.inserted, s.updated, s.unchanged, s.skipped
        ),
    })
}

/// A progress bar on stderr for a file of `size` bytes; hidden when stderr is no terminal or
/// the file is small.
fn progress_bar(size: u64, name: &str) -> indicatif::ProgressBar {
    use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
    if size < 4 << 20 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(size), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{prefix} [{bar:30}] {bytes}/{total_bytes} ({eta}) {msg}")
    {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(name.to_owned());
    bar
}

/// Runs `plans`.
pub fn plans(args: &PlansArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let list = block_on(async {
        let store = open(&args.db).await?;
        let list = store.plans().await?;
        store.close().await;
        Ok::<_, CliError>(list)
    })??;
    match args.format {
        ListFormat::Json => json_out(
            out,
            &json!({ "plans": list.iter().map(|p| json!({
                "code": p.code, "title": p.title,
                "period": p.period.map(|x| x.to_string()),
                "version": p.version, "indicators": p.indicators,
                "observations": p.observations, "imported_at": p.imported_at,
            })).collect::<Vec<_>>() }),
        ),
        ListFormat::Table => {
            let text = match (list.is_empty(), lang) {
                (true, Lang::Ja) => {
                    "計画はまだありません。`shinchoku import FILE` で取り込みます。\n".to_owned()
                }
                (true, Lang::En) => {
                    "No plans yet: `shinchoku import FILE` brings one in.\n".to_owned()
                }
                (false, _) => plans_table(&list, lang),
            };
            write_out(out, &text)
        }
    }
}

/// The stored plans as `shinchoku plans` prints them.
pub fn plans_table(list: &[shinchoku_store::PlanSummary], lang: Lang) -> String {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|p| {
            vec![
                p.code.clone(),
                p.title.clone(),
                p.period
                    .map(|x| period_text(x, lang))
                    .unwrap_or_else(|| "—".into()),
                p.version.to_string(),
                p.indicators.to_string(),
                p.observations.to_string(),
            ]
        })
        .collect();
    let header = match lang {
        Lang::Ja => ["コード", "計画名", "計画期間", "版", "指標数", "実績数"],
        Lang::En => ["code", "title", "period", "version", "indicators", "values"],
    };
    crate::output::simple_table(&header, &rows)
}

/// Runs `record`.
pub fn record(args: &RecordArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let period = parse_period(&args.period, "--period")?;
    let as_of = args
        .as_of
        .as_deref()
        .map(|a| parse_period(a, "--as-of"))
        .transpose()?;
    let status = ObservationStatus::parse(&args.status)
        .ok_or_else(|| CliError::Usage(Usage::Status(args.status.clone())))?;
    let (value, unit) = match (&args.value, args.delete) {
        (_, true) => (None, Unit::default()),
        (Some(v), false) => {
            let (value, unit) = parse_value(v)?;
            (Some(value), unit)
        }
        (None, false) => return Err(CliError::Usage(Usage::ValueOrDelete)),
    };
    let actor = actor(&args.who)?;
    let w = ObservationWrite {
        plan: args.plan.clone(),
        indicator: args.indicator.clone(),
        period,
        breakdown: String::new(),
        value,
        unit,
        status,
        as_of,
        source: args.source.clone(),
        note: args.note.clone(),
        expected_version: args.if_version,
    };
    let outcome = block_on(async {
        let store = open(&args.db).await?;
        let r = store.record(&w, &actor).await.map_err(CliError::from);
        store.close().await;
        r
    })??;
    let what = format!("{} {} {}", args.plan, args.indicator, period);
    let (version, old) = (outcome.version, outcome.old_value.as_deref().unwrap_or("—"));
    let text = match (lang, outcome.unchanged, version) {
        (Lang::En, true, _) => format!("{what}: unchanged (version {version})\n"),
        (Lang::En, false, 0) => format!("{what}: deleted (was {old})\n"),
        (Lang::En, false, _) => format!("{what}: version {version} (was {old})\n"),
        (Lang::Ja, true, _) => format!("{what}: 変更なし（第{version}版）\n"),
        (Lang::Ja, false, 0) => format!("{what}: 削除しました（元の値 {old}）\n"),
        (Lang::Ja, false, _) => format!("{what}: 第{version}版（元の値 {old}）\n"),
    };
    write_out(out, &text)
}

fn parse_period(text: &str, flag: &'static str) -> Result<Period, CliError> {
    shinchoku_import::actuals::parse_period_cell(text)
        .map_err(|problem| CliError::Usage(Usage::Flag { flag, problem }))
}

/// `--value` read as a CSV value cell is: a number (with the indicator's unit, if written:
/// the store checks it), or a milestone's state.
fn parse_value(text: &str) -> Result<(ObservedValue, Unit), CliError> {
    match shinchoku_import::actuals::parse_value_cell(text) {
        Ok(RawValue::Empty) => Err(CliError::Usage(Usage::EmptyValue)),
        Ok(v) => {
            let (value, unit) = v.observed();
            value
                .map(|v| (v, unit))
                .ok_or(CliError::Usage(Usage::EmptyValue))
        }
        Err(problem) => Err(CliError::Usage(Usage::Flag {
            flag: "--value",
            problem,
        })),
    }
}

/// Runs `diff`.
pub fn diff_cmd(args: &DiffArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let (from_v, to_v, old, new) = block_on(async {
        let store = open(&args.db).await?;
        let versions = store.versions(&args.plan).await?;
        let current = versions.last().map_or(1, |v| v.version);
        let to_v = args.to.unwrap_or(current);
        let from_v = args.from.unwrap_or(to_v - 1);
        let new = store.load_plan(&args.plan, Some(to_v)).await?;
        let old = if from_v >= 1 {
            Some(store.load_plan(&args.plan, Some(from_v)).await?)
        } else {
            None
        };
        store.close().await;
        Ok::<_, CliError>((from_v, to_v, old, new))
    })??;
    // With one version only, the document's own markers (新 / 修正 / 再掲) are the change list.
    let Some(old) = old else {
        let marks = marked(&new);
        return match args.format {
            ListFormat::Json => json_out(
                out,
                &json!({
                    "plan": args.plan, "from": null, "to": to_v,
                    "marked": marks.iter().map(|m| json!({
                        "marker": m.marker.as_str(), "node": m.node.id,
                        "label": m.node.label, "title": m.node.title,
                        "old_title": match &m.marker {
                            shinchoku_core::plan::Marker::Modified { old_title } => old_title.clone(),
                            _ => None,
                        },
                    })).collect::<Vec<_>>(),
                }),
            ),
            ListFormat::Table => {
                let mut s = match lang {
                    Lang::Ja => format!(
                        "{} は第{to_v}版のみです。文書が示す改訂（新・修正・再掲）:\n",
                        args.plan
                    ),
                    Lang::En => format!(
                        "{} has version {to_v} only. The revisions the document marks (new, \
                         modified, relisted):\n",
                        args.plan
                    ),
                };
                if marks.is_empty() {
                    s.push_str(match lang {
                        Lang::Ja => "（なし）\n",
                        Lang::En => "(none)\n",
                    });
                }
                for m in &marks {
                    s.push_str(&format!("  {}\n", m.describe_in(lang)));
                }
                write_out(out, &s)
            }
        };
    };
    let d = diff(&old, &new);
    match args.format {
        ListFormat::Json => json_out(
            out,
            &json!({
                "plan": args.plan, "from": from_v, "to": to_v,
                "nodes": d.nodes.iter().map(|c| json!({
                    "change": c.as_str(),
                    "node": c.new_node().map(|n| n.id.clone()),
                    "old_node": c.old_node().map(|n| n.id.clone()),
                    "label": c.node().label, "title": c.node().title,
                    "old_title": c.old_title(),
                })).collect::<Vec<_>>(),
                "indicators": d.indicators.iter().map(|c| json!({
                    "change": c.as_str(), "id": c.indicator().id, "name": c.indicator().name,
                    "unit": c.indicator().unit,
                    "fields": c.changes().iter().map(|f| json!({
                        "field": f.field(), "old": f.old_text(), "new": f.new_text(),
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            }),
        ),
        ListFormat::Table => {
            let (mut s, none, nodes, indicators) = match lang {
                Lang::Ja => (
                    format!("{}: 第{from_v}版 → 第{to_v}版\n", args.plan),
                    "変更はありません。\n",
                    "\n構成（施策・取組）\n",
                    "\n指標\n",
                ),
                Lang::En => (
                    format!("{}: version {from_v} → version {to_v}\n", args.plan),
                    "No changes.\n",
                    "\nStructure (measures and actions)\n",
                    "\nIndicators\n",
                ),
            };
            if d.is_empty() {
                s.push_str(none);
            }
            if !d.nodes.is_empty() {
                s.push_str(nodes);
                for c in &d.nodes {
                    s.push_str(&format!("  {}\n", c.describe_in(lang)));
                }
            }
            if !d.indicators.is_empty() {
                s.push_str(indicators);
                // Each indicator by its id and name, then (when changed) what changed.
                for c in &d.indicators {
                    let label = match lang {
                        Lang::Ja => c.label_ja(),
                        Lang::En => c.as_str(),
                    };
                    let i = c.indicator();
                    s.push_str(&format!("  {label} {} {}\n", i.id, i.name.trim()));
                    for line in c.describe_in(lang) {
                        s.push_str(&format!("    {line}\n"));
                    }
                }
            }
            write_out(out, &s)
        }
    }
}

/// Runs `history`.
pub fn history(args: &HistoryArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let (code, entries) = block_on(async {
        let store = open(&args.db).await?;
        let code = match &args.plan {
            Some(c) => c.clone(),
            None => {
                let with = store.plans_with_indicator(&args.indicator).await?;
                match with.as_slice() {
                    [one] => one.clone(),
                    [] => {
                        return Err(CliError::Input(Input::NoPlanWithIndicator(
                            args.indicator.clone(),
                        )))
                    }
                    many => {
                        return Err(CliError::Usage(Usage::AmbiguousIndicator {
                            indicator: args.indicator.clone(),
                            plans: many.to_vec(),
                        }))
                    }
                }
            }
        };
        let entries = store.history(&code, &args.indicator).await?;
        store.close().await;
        Ok((code, entries))
    })??;
    match args.format {
        ListFormat::Json => json_out(
            out,
            &json!({
                "plan": code, "indicator": args.indicator,
                "history": entries.iter().map(|e| json!({
                    "at": e.at, "actor": e.actor, "source": e.source, "entity": e.entity,
                    "action": e.action, "plan_version": e.plan_version, "period": e.period,
                    "breakdown": e.breakdown, "old": e.old_value, "new": e.new_value,
                })).collect::<Vec<_>>(),
            }),
        ),
        ListFormat::Table => {
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| {
                    let what = match (e.entity.as_str(), lang) {
                        ("observation", Lang::Ja) => "実績値",
                        ("target", Lang::Ja) => "目標値",
                        ("baseline", Lang::Ja) => "基準値",
                        ("observation", Lang::En) => "value",
                        ("target", Lang::En) => "target",
                        ("baseline", Lang::En) => "baseline",
                        (other, _) => other,
                    };
                    let action = match (e.action.as_str(), lang) {
                        ("insert", Lang::Ja) => "登録",
                        ("update", Lang::Ja) => "変更",
                        ("delete", Lang::Ja) => "削除",
                        (other, _) => other,
                    };
                    vec![
                        e.at.clone(),
                        e.actor.clone(),
                        format!(
                            "{what}{}",
                            e.period
                                .as_deref()
                                .map(|p| format!(" {p}"))
                                .unwrap_or_default()
                        ),
                        action.to_owned(),
                        e.old_value.clone().unwrap_or_else(|| "—".into()),
                        e.new_value.clone().unwrap_or_else(|| "—".into()),
                        e.source.clone().unwrap_or_default(),
                    ]
                })
                .collect();
            let (mut s, none, header) = match lang {
                Lang::Ja => (
                    format!("{code} {} の変更履歴\n", args.indicator),
                    "（記録はありません）\n",
                    [
                        "日時(UTC)",
                        "実行者",
                        "対象",
                        "操作",
                        "変更前",
                        "変更後",
                        "出典",
                    ],
                ),
                Lang::En => (
                    format!("History of {code} {}\n", args.indicator),
                    "(nothing recorded)\n",
                    ["at (UTC)", "by", "what", "action", "old", "new", "source"],
                ),
            };
            if rows.is_empty() {
                s.push_str(none);
            } else {
                s.push_str(&crate::output::simple_table(&header, &rows));
            }
            write_out(out, &s)
        }
    }
}

/// Runs `lineage`.
pub fn lineage(args: &LineageArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let (key, points) = block_on(async {
        let store = open(&args.db).await?;
        let keys = store.series_matching(&args.name).await?;
        let key = match keys.as_slice() {
            [one] => one.clone(),
            [] => return Err(CliError::Input(Input::NoIndicatorNamed(args.name.clone()))),
            many => {
                return Err(CliError::Usage(Usage::AmbiguousSeries {
                    name: args.name.clone(),
                    keys: many.to_vec(),
                }))
            }
        };
        let points = store.lineage(&key).await?;
        store.close().await;
        Ok((key, points))
    })??;
    match args.format {
        ListFormat::Json => json_out(
            out,
            &json!({
                "series": key,
                "points": points.iter().map(|p| json!({
                    "plan": p.plan, "indicator": p.indicator, "role": p.role,
                    "period": p.period.map(|x| x.to_string()),
                    "value": p.value.map(number), "text": p.text, "unit": p.unit,
                    "status": p.status, "as_of": p.as_of.map(|x| x.to_string()),
                })).collect::<Vec<_>>(),
            }),
        ),
        ListFormat::Table => {
            let rows: Vec<Vec<String>> = points
                .iter()
                .map(|p| {
                    let role = match (p.role, lang) {
                        ("baseline", Lang::Ja) => "基準値",
                        ("observation", Lang::Ja) => "実績値",
                        (_, Lang::Ja) => "目標値",
                        ("baseline", Lang::En) => "baseline",
                        ("observation", Lang::En) => "value",
                        (_, Lang::En) => "target",
                    };
                    let mut when = p
                        .period
                        .map(|x| period_text(x, lang))
                        .unwrap_or_else(|| "—".into());
                    if let Some(a) = p.as_of {
                        when.push_str(&match lang {
                            Lang::Ja => format!("（{a}時点）"),
                            Lang::En => format!(" (as of {a})"),
                        });
                    }
                    let value = match (p.value, &p.text) {
                        (Some(v), _) => format!("{}{}", v.normalize(), p.unit),
                        (None, Some(t)) => t.clone(),
                        (None, None) => "—".into(),
                    };
                    vec![
                        when,
                        role.to_owned(),
                        value,
                        p.plan.clone(),
                        p.plan_title.clone(),
                    ]
                })
                .collect();
            let (mut s, header) = match lang {
                Lang::Ja => (
                    format!("系列 {key}\n"),
                    ["時期", "種別", "値", "計画", "計画名"],
                ),
                Lang::En => (
                    format!("Series {key}\n"),
                    ["period", "kind", "value", "plan", "title"],
                ),
            };
            s.push_str(&crate::output::simple_table(&header, &rows));
            write_out(out, &s)
        }
    }
}

/// Runs `backup`.
pub fn backup(args: &BackupArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let info = block_on(async {
        let store = open(&args.db).await?;
        let r = store
            .backup(&args.out, args.force)
            .await
            .map_err(CliError::from);
        store.close().await;
        r
    })??;
    let (file, tables, rows) = (args.out.display(), info.tables, info.rows);
    write_out(
        out,
        &match lang {
            Lang::En => format!("{file}: backup written ({tables} tables, {rows} rows)\n"),
            Lang::Ja => format!("{file}: バックアップを書きました（{tables}表、{rows}行）\n"),
        },
    )
}

/// Runs `restore`.
pub fn restore(args: &RestoreArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let info = block_on(async {
        let store = open(&args.db).await?;
        let r = store.restore_from(&args.from).await.map_err(CliError::from);
        store.close().await;
        r
    })??;
    let (from, db) = (args.from.display(), redact(&args.db.db));
    let (tables, rows) = (info.tables, info.rows);
    write_out(
        out,
        &match lang {
            Lang::En => format!("{from} restored into {db} ({tables} tables, {rows} rows)\n"),
            Lang::Ja => format!("{from} を {db} に復元しました（{tables}表、{rows}行）\n"),
        },
    )
}
