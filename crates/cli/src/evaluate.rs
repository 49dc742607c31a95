//! `shinchoku evaluate` and, until the web application exists, `shinchoku demo`.
//!
//! Loads plan files (or every `.toml` in a directory, in name order; or, with `--plan CODE`,
//! the stored plans of the database), picks the year (the
//! latest with an observation unless `--fy` says), calls the core's one evaluation and renders
//! the result. Every plan is read before anything is printed, so a bad file prints nothing.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{anyhow, Context as _};
use shinchoku_core::evaluate::ForecastMethod;
use shinchoku_core::plan::Plan;

use crate::output::{self, Evaluated};
use crate::{EvaluateArgs, Failure, Forecast, Format, Lang};

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
pub fn run(args: &EvaluateArgs, out: &mut impl Write) -> Result<(), Failure> {
    let (files, plans) = if args.plan.is_empty() {
        let files = plan_files(&args.files)?;
        let mut plans = Vec::with_capacity(files.len());
        for f in &files {
            let plan = shinchoku_import::planfile::read_plan_file(f)
                .map_err(|e| Failure::BadInput(anyhow!("{e}")))?;
            plans.push(plan);
        }
        (files, plans)
    } else {
        (Vec::new(), stored_plans(args)?)
    };
    let method = match args.forecast {
        Forecast::Linear => ForecastMethod::Linear,
        Forecast::Cagr => ForecastMethod::Cagr,
    };
    let fy = match args.fy {
        Some(y) => y,
        None => plans
            .iter()
            .filter_map(Plan::latest_observed_year)
            .max()
            .ok_or_else(|| {
                let named: Vec<String> = if files.is_empty() {
                    args.plan.clone()
                } else {
                    files.iter().map(|f| f.display().to_string()).collect()
                };
                Failure::Usage(anyhow!(
                    "no observations in {}: give the year to evaluate with --fy YEAR",
                    named.join(", ")
                ))
            })?,
    };
    let evaluated: Vec<Evaluated<'_>> = plans
        .iter()
        .map(|plan| Evaluated {
            plan,
            fy,
            evaluations: plan.evaluate(fy, method),
        })
        .collect();
    let several = evaluated.len() > 1 || args.files.iter().any(|f| f.is_dir());
    render(&evaluated, several, args.format, args.lang, out)
}

fn render(
    evaluated: &[Evaluated<'_>],
    several: bool,
    format: Format,
    lang: Lang,
    out: &mut impl Write,
) -> Result<(), Failure> {
    let text = match format {
        Format::Json => {
            let value = if several {
                serde_json::json!({ "plans": evaluated.iter().map(output::json).collect::<Vec<_>>() })
            } else {
                evaluated
                    .first()
                    .map(output::json)
                    .unwrap_or(serde_json::Value::Null)
            };
            let mut s =
                serde_json::to_string_pretty(&value).map_err(|e| Failure::BadInput(e.into()))?;
            s.push('\n');
            s
        }
        Format::Csv => {
            let mut s = String::from("\u{feff}");
            s.push_str(output::CSV_HEADER);
            s.push_str("\r\n");
            for ev in evaluated {
                output::csv_rows(ev, &mut s);
            }
            s
        }
        Format::Table => evaluated
            .iter()
            .map(|ev| output::table(ev, lang))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    out.write_all(text.as_bytes())
        .context("writing the output")
        .map_err(Failure::BadInput)
}

/// The plans of `--plan CODE…`, read from the database of `--db`.
fn stored_plans(args: &EvaluateArgs) -> Result<Vec<Plan>, Failure> {
    crate::db::block_on(async {
        let store = crate::db::open(&args.db).await?;
        let mut plans = Vec::with_capacity(args.plan.len());
        for code in &args.plan {
            plans.push(
                store
                    .load_plan(code, None)
                    .await
                    .map_err(crate::db::failure)?,
            );
        }
        store.close().await;
        Ok(plans)
    })?
}

/// The plan files named: files as given, directories expanded to their `.toml` files.
fn plan_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Failure> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("reading the directory {}", p.display()))
                .map_err(Failure::BadInput)?
                .filter_map(|entry| entry.ok().map(|e| e.path()))
                .filter(|f| f.extension().is_some_and(|x| x == "toml") && f.is_file())
                .collect();
            if found.is_empty() {
                return Err(Failure::BadInput(anyhow!(
                    "{}: no plan files (*.toml) in this directory",
                    p.display()
                )));
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(p.clone());
        }
    }
    Ok(files)
}

/// Runs `demo`: the bundled sample plans, evaluated and printed as tables.
pub fn demo(out: &mut impl Write) -> Result<(), Failure> {
    let mut text = String::from(
        "shinchoku デモ: 同梱のサンプル計画を評価します（Webアプリは今後のリリースで提供します）。\n\
         shinchoku demo: the bundled sample plans, evaluated (the web application comes in a later release).\n\n",
    );
    for (name, source) in SAMPLES {
        let plan = shinchoku_import::planfile::read_plan(source, name)
            .map_err(|e| Failure::BadInput(anyhow!("bundled sample {e}")))?;
        let Some(fy) = plan.latest_observed_year() else {
            continue;
        };
        let evaluations = plan.evaluate(fy, ForecastMethod::Linear);
        let ev = Evaluated {
            plan: &plan,
            fy,
            evaluations,
        };
        text.push_str(&format!("$ shinchoku evaluate {name} --fy {fy}\n"));
        text.push_str(&output::table(&ev, Lang::Ja));
        text.push('\n');
    }
    out.write_all(text.as_bytes())
        .context("writing the output")
        .map_err(Failure::BadInput)
}
