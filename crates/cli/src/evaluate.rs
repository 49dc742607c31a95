//! `shinchoku evaluate`, and `shinchoku demo --print` (the demo as tables, without the web).
//!
//! Loads plan files (or every `.toml` in a directory, in name order; or, with `--plan CODE`,
//! the stored plans of the database), applies the rows of `--actuals` files to them
//! (`crate::actuals`), picks the year (the latest with an observation unless `--fy` says),
//! calls the core's one evaluation and renders the result. Every plan and every row is read
//! before anything is printed, so a bad file prints nothing.
//!
//! A stored plan is loaded as it is evaluated (`Store::load_plan_as_evaluated`): with the
//! values its series has in other stored plans when its `actuals_from_lineage` setting is
//! on, or whenever `--lineage` is given; each borrowed value is rendered with its origin.

use std::io::Write;
use std::path::PathBuf;

use shinchoku_core::evaluate::ForecastMethod;
use shinchoku_core::follow::Followed;
use shinchoku_core::plan::Plan;

use shinchoku_core::lang::Lang;

use crate::error::{CliError, Input, Reading, Usage, Writing};
use crate::output::{self, Evaluated};
use crate::{EvaluateArgs, Forecast, Format};

/// The sample plans bundled into the binary, so that `demo` runs from anywhere.
const SAMPLES: [(&str, &str); 2] = [
    (
        "examples/yamaguchi-industry-2022.toml",
        include_str!("../../../examples/yamaguchi-industry-2022.toml"),
    ),
    (
        "examples/design-example.toml",
        include_str!("../../../examples/design-example.toml"),
    ),
];

/// Runs `evaluate`.
pub fn run(args: &EvaluateArgs, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let (files, plans) = if args.plan.is_empty() {
        let files = plan_files(&args.files)?;
        let plans = if args.actuals.is_empty() {
            read_plans(&files)?
        } else {
            crate::actuals::load(&files, &args.actuals)?
        };
        // Plan files lend and borrow nothing: only stored plans hold a series' other plans.
        (files, plans.into_iter().map(Followed::own).collect())
    } else {
        (Vec::new(), stored_plans(args)?)
    };
    // Whether a borrowed value can appear: the CSV then has its `from` column, on every line.
    let following = args.lineage
        || plans
            .iter()
            .any(|f: &Followed| !args.plan.is_empty() && f.plan.actuals_from_lineage);
    let method = match args.forecast {
        Forecast::Linear => ForecastMethod::Linear,
        Forecast::Cagr => ForecastMethod::Cagr,
    };
    let fy = match args.fy {
        Some(y) => y,
        None => plans
            .iter()
            .filter_map(|f| f.plan.latest_observed_year())
            .max()
            .ok_or_else(|| {
                let named: Vec<String> = if files.is_empty() {
                    args.plan.clone()
                } else {
                    files.iter().map(|f| f.display().to_string()).collect()
                };
                CliError::Usage(Usage::NoObservations(named))
            })?,
    };
    let several = plans.len() > 1 || args.files.iter().any(|f| f.is_dir());
    let how = How {
        method,
        several,
        following,
        format: args.format,
        lang,
    };
    let mut write = |text: &str| {
        out.write_all(text.as_bytes())
            .map_err(CliError::output(Writing::Output))
    };
    match how.format {
        // JSON is one value: every plan rendered before any of it is written.
        Format::Json => write(&render_json(&plans, fy, &how))?,
        // The lines are written a batch of plans at a time, and each batch's texts freed
        // before the next is rendered, so that the next reuses their memory: the output of
        // the national set is 30 MB, which kept whole cost a page fault per 4 KiB of it.
        Format::Csv | Format::Table => {
            if how.format == Format::Csv {
                let from = if how.following { ",from" } else { "" };
                write(&format!("\u{feff}{}{from}\r\n", output::CSV_HEADER))?;
            }
            for (b, batch) in plans.chunks(BATCH).enumerate() {
                for (i, text) in render_texts(batch, fy, &how).iter().enumerate() {
                    // A table's plans are separated by an empty line.
                    if how.format == Format::Table && (b, i) != (0, 0) {
                        write("\n")?;
                    }
                    write(text)?;
                }
            }
        }
    }
    // The plans are not freed one allocation at a time: the process ends after this, and
    // the system takes the memory back at once (freeing 143,040 indicators was 4 % of the
    // national benchmark's time).
    std::mem::forget(plans);
    Ok(())
}

/// How to evaluate and render.
struct How {
    method: ForecastMethod,
    /// Several plans: JSON as `{"plans": [...]}`.
    several: bool,
    /// Borrowed values may appear: the CSV has its `from` column.
    following: bool,
    format: Format,
    lang: Lang,
}

/// The plans rendered as CSV or a table (of the national set's 1,788 plans, 128 at a time:
/// 14 batches, each started on fresh threads, which cost microseconds).
const BATCH: usize = 128;

/// Each plan evaluated in `fy` and rendered as CSV lines or a table (`par::map`: on every
/// core, in order).
fn render_texts(plans: &[Followed], fy: i32, how: &How) -> Vec<String> {
    let parts = crate::par::map(
        plans,
        |followed| {
            let ev = Evaluated::of(followed, fy, how.method);
            match how.format {
                Format::Table => output::table(&ev, how.lang),
                Format::Csv | Format::Json => {
                    let mut s = String::new();
                    output::csv_rows(&ev, how.following, &mut s);
                    s
                }
            }
        },
        |_| false,
    );
    parts.into_iter().flatten().collect()
}

/// Each plan evaluated in `fy` as JSON (`par::map`: on every core, in order): one plan's
/// object, or with several `{"plans": [...]}`, in serde_json's pretty form.
fn render_json(plans: &[Followed], fy: i32, how: &How) -> String {
    let parts = crate::par::map(
        plans,
        |followed| output::json(&Evaluated::of(followed, fy, how.method)),
        |_| false,
    );
    let json: Vec<serde_json::Value> = parts.into_iter().flatten().collect();
    let value = if how.several {
        serde_json::json!({ "plans": json })
    } else {
        json.into_iter().next().unwrap_or(serde_json::Value::Null)
    };
    // `{:#}` is serde_json's pretty form, and cannot fail.
    format!("{value:#}\n")
}

/// The plan files read, in their order, on every core (`par::map`). The error is the first
/// file's in that order that has one; after an error no new file is started.
fn read_plans(files: &[PathBuf]) -> Result<Vec<Plan>, CliError> {
    let read = crate::par::map(
        files,
        |f| shinchoku_import::planfile::read_plan_file(f),
        Result::is_err,
    );
    let mut plans = Vec::with_capacity(files.len());
    for plan in read.into_iter().flatten() {
        plans.push(plan?);
    }
    Ok(plans)
}

/// The plans of `--plan CODE…`, read from the database of `--db` as they are evaluated:
/// with borrowed values when their setting or `--lineage` says so.
fn stored_plans(args: &EvaluateArgs) -> Result<Vec<Followed>, CliError> {
    crate::db::block_on(async {
        let store = crate::db::open(&args.db).await?;
        let mut plans = Vec::with_capacity(args.plan.len());
        for code in &args.plan {
            plans.push(if args.lineage {
                store.load_plan_following(code, None).await?
            } else {
                store.load_plan_as_evaluated(code, None).await?
            });
        }
        store.close().await;
        Ok(plans)
    })?
}

/// The plan files named: files as given, directories expanded to their `.toml` files.
fn plan_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, CliError> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .map_err(CliError::read(Reading::Directory(p.display().to_string())))?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "toml") && f.is_file())
                .collect();
            if found.is_empty() {
                return Err(CliError::Input(Input::NoPlanFiles(p.display().to_string())));
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

/// The sample documents bundled into the binary (the customer's published plan texts).
const DOCUMENTS: [(&str, &[u8]); 5] = [
    (
        "000_f60bbd089ba62cab.txt",
        include_bytes!("../../../examples/documents/000_f60bbd089ba62cab.txt"),
    ),
    (
        "001_6ee9265e4fb6d746.txt",
        include_bytes!("../../../examples/documents/001_6ee9265e4fb6d746.txt"),
    ),
    (
        "002_37690a6720ce00f4.txt",
        include_bytes!("../../../examples/documents/002_37690a6720ce00f4.txt"),
    ),
    (
        "003_37a24a92b93bc0eb.txt",
        include_bytes!("../../../examples/documents/003_37a24a92b93bc0eb.txt"),
    ),
    (
        "004_af65ec13672d85be.txt",
        include_bytes!("../../../examples/documents/004_af65ec13672d85be.txt"),
    ),
];

/// The bundled document whose plan (FY2021–23) the demo evaluates with the values of its
/// series that the later plan (FY2022–26, document 004) prints.
const FOLLOWING_DOCUMENT: &str = "001_6ee9265e4fb6d746.txt";

/// The settings `demo` gives every bundled plan before storing it: actuals that follow the
/// series (`actuals_from_lineage`), so that the FY2021–23 plan, whose final years only later
/// documents measure, is graded at FY2021 with the values the FY2022–26 plan prints rather
/// than shown as a column of `—`. Loaded with `Store::load_plan_as_evaluated`, a plan so
/// stored comes with those values and their origins.
pub fn demo_settings(plan: &mut Plan) {
    plan.actuals_from_lineage = true;
}

/// The codes of what [`store_samples`] stored.
#[derive(Debug, Clone)]
pub struct Samples {
    /// The bundled sample plan file's plan.
    pub sample: String,
    /// The FY2021–23 plan that follows its series.
    pub following: Option<String>,
}

/// Stores the bundled sample plan and the five published documents in `store`, in one
/// transaction, each with [`demo_settings`], as `demo` shows them.
pub async fn store_samples(store: &shinchoku_store::Store) -> Result<Samples, CliError> {
    let (name, source) = SAMPLES[0];
    // A bundled file that does not read is named by its path in the repository.
    let mut sample = shinchoku_import::planfile::read_plan(source, name)?;
    demo_settings(&mut sample);
    let mut tx = store.begin().await?;
    let actor = shinchoku_store::Actor::new("demo");
    tx.save_plan(&sample, &actor.with_source(name)).await?;
    let mut following = None;
    for (file, bytes) in DOCUMENTS {
        let ex =
            shinchoku_import::extract::extract(bytes, file).map_err(|error| CliError::Extract {
                file: format!("bundled {file}"),
                error,
            })?;
        let mut plan = shinchoku_import::extract::to_plan::to_plan(&ex);
        demo_settings(&mut plan);
        let saved = tx.save_plan(&plan, &actor.with_source(file)).await?;
        if file == FOLLOWING_DOCUMENT {
            following = Some(saved.code);
        }
    }
    tx.commit().await?;
    Ok(Samples {
        sample: sample.code.as_str().to_owned(),
        following,
    })
}

/// Runs `demo --print` on the database `db`: the bundled samples stored, then evaluated from
/// it and printed as tables; then DESIGN.md's example plan, evaluated from its file.
pub fn demo_print(db: &str, lang: Lang, out: &mut impl Write) -> Result<(), CliError> {
    let mut text = String::from(match lang {
        Lang::Ja => {
            "shinchoku デモ: 同梱のサンプル計画と公表文書を組み込みのSQLiteデータベースに取り込み、評価します\n\
             （--print なしでは Web アプリで表示します）。\n\n"
        }
        Lang::En => {
            "shinchoku demo: the bundled sample plan and documents, stored in an embedded SQLite database\n\
             and evaluated from it (without --print, the web application shows them).\n\n"
        }
    });
    let (name, _) = SAMPLES[0];
    let db_arg = crate::db::DbArg { db: db.to_owned() };
    let stored = crate::db::block_on(async {
        let store = crate::db::open(&db_arg).await?;
        let samples = store_samples(&store).await?;
        let list = store.plans().await?;
        let mut shown = vec![store.load_plan_as_evaluated(&samples.sample, None).await?];
        if let Some(code) = samples.following {
            shown.push(store.load_plan_as_evaluated(&code, None).await?);
        }
        store.close().await;
        Ok::<_, CliError>((list, shown))
    })??;
    let (list, stored) = stored;
    text.push_str(&format!(
        "$ shinchoku import {name} examples/documents/*.txt\n$ shinchoku plans\n"
    ));
    text.push_str(&crate::db::plans_table(&list, lang));
    text.push('\n');
    text.push_str(match lang {
        Lang::Ja => {
            "（デモでは各計画を actuals_from_lineage = true で保存しています。計画に実績のない年度は、\n\
             同じ系列の指標を持つ他の計画の値で補い、出典を示します。）\n\n"
        }
        Lang::En => {
            "(The demo stores every plan with actuals_from_lineage = true: a year a plan has no value for\n\
             takes the value of the same series from another plan, which is named.)\n\n"
        }
    });
    let mut shown: Vec<(String, Followed)> = stored
        .into_iter()
        .map(|f| (format!("--plan {}", f.plan.code), f))
        .collect();
    let (name, source) = SAMPLES[1];
    let design = shinchoku_import::planfile::read_plan(source, name)?;
    shown.push((name.to_owned(), Followed::own(design)));
    for (what, followed) in &shown {
        let Some(fy) = followed.plan.latest_observed_year() else {
            continue;
        };
        let ev = Evaluated::of(followed, fy, ForecastMethod::Linear);
        text.push_str(&format!("$ shinchoku evaluate {what} --fy {fy}\n"));
        text.push_str(&output::table(&ev, lang));
        text.push('\n');
    }
    out.write_all(text.as_bytes())
        .map_err(CliError::output(Writing::Output))
}
