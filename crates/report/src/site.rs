//! The public open-data site (`shinchoku publish`), in the spirit of Open SDG: static files that
//! work from any web server or straight from the disk.
//!
//! - `index.html` — every plan with its grades; `en/index.html` the same in English.
//! - `plans/CODE/index.html` — a plan's progress report (seed 002's layout, a chart per
//!   indicator), and its indicators with links to their pages.
//! - `plans/CODE/indicators/ID.html` — one indicator: its chart, its values year by year, its
//!   figures; `ID.csv` (UTF-8 with a BOM) and `ID.json` beside it.
//! - `datapackage.json` — the catalogue of every CSV, as a Frictionless Data Package (name,
//!   path, format, encoding, the columns and their types).
//! - `style.css` — the one stylesheet.
//!
//! Every link is relative, so the site can be copied anywhere. Every path is made here, under
//! the site's root: a plan code is `[a-z0-9-]`, and an indicator id is written as a file name by
//! [`file_name`] (ASCII letters, digits, `-` and `_` as they are, every other byte as `~xx`), so
//! no id can name a file outside its plan's folder. Pure: files in memory; the caller writes
//! them.

use std::fmt::Write as _;

use shinchoku_core::evaluate::Evaluation;
use shinchoku_core::indicator::{ObservationStatus, ObservedValue};
use shinchoku_core::plan::Plan;
use shinchoku_core::{Decimal, Lang};

use crate::progress::{csv_text, figure, percent, Report, ReportInput};
use crate::svg::Esc;

/// One plan to publish: the plan with its observations, evaluated in `fy`.
#[derive(Debug, Clone, Copy)]
pub struct SitePlan<'a> {
    /// The plan.
    pub plan: &'a Plan,
    /// Its evaluation in `fy`, one per indicator.
    pub evaluations: &'a [Evaluation],
    /// The year evaluated; `None` when the plan has no data.
    pub fy: Option<i32>,
}

/// A file of the site: its path under the root (`plans/x/index.html`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteFile {
    /// The path, `/`-separated, relative to the site's root, never with `..`.
    pub path: String,
    /// The content.
    pub bytes: Vec<u8>,
}

/// An indicator id as a file name: ASCII letters, digits, `-` and `_` kept, every other byte
/// written `~xx` (lower-case hex). Distinct ids give distinct names; none contains `/` or is
/// `..`; an empty id is `~`.
pub fn file_name(id: &str) -> String {
    if id.is_empty() {
        return "~".into();
    }
    let mut out = String::with_capacity(id.len());
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "~{b:02x}");
        }
    }
    out
}

struct Words {
    site: &'static str,
    plans: &'static str,
    values: &'static str,
    period: &'static str,
    value: &'static str,
    status: &'static str,
    data: &'static str,
    other: &'static str,
    other_href: &'static str,
    home: &'static str,
    grades: &'static str,
    fy: &'static str,
    baseline: &'static str,
    target: &'static str,
    achievement: &'static str,
    progress: &'static str,
    grade: &'static str,
    none: &'static str,
}

static JA: Words = Words {
    site: "計画の進捗（オープンデータ）",
    plans: "計画",
    values: "実績値の推移",
    period: "年度",
    value: "実績値",
    status: "状態",
    data: "データ",
    other: "English",
    other_href: "en/",
    home: "トップ",
    grades: "評価の内訳",
    fy: "評価年度",
    baseline: "基準値",
    target: "目標値",
    achievement: "達成率",
    progress: "進捗率",
    grade: "評価",
    none: "—",
};

static EN: Words = Words {
    site: "Progress of the plans (open data)",
    plans: "Plans",
    values: "Values by year",
    period: "Year",
    value: "Value",
    status: "Status",
    data: "Data",
    other: "日本語",
    other_href: "",
    home: "Home",
    grades: "Grades",
    fy: "Evaluated in",
    baseline: "Baseline",
    target: "Target",
    achievement: "Achievement",
    progress: "Progress",
    grade: "Grade",
    none: "—",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Ja => &JA,
        Lang::En => &EN,
    }
}

/// Every file of the site for `plans`, in both languages (Japanese at the root, English under
/// `en/`), with the catalogue: [`site_each`] collected, in the order of their paths.
pub fn site(plans: &[SitePlan<'_>]) -> Vec<SiteFile> {
    let mut files = Vec::new();
    let _ = site_each(plans, |f| {
        files.push(f);
        Ok::<(), std::convert::Infallible>(())
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}

/// How many files [`site_each`] gives for `plans` (for a progress bar).
pub fn file_count(plans: &[SitePlan<'_>]) -> u64 {
    let indicators: usize = plans.iter().map(|p| p.plan.indicators.len()).sum();
    (4 + 2 * plans.len() + 4 * indicators) as u64
}

/// How many indicators one piece of work renders: small enough that the pieces in flight
/// hold little memory, large enough that handing them over costs nothing.
const CHUNK: usize = 16;

/// Hands every file of the site to `put` as soon as it is made, so that a site of any size
/// is written in the memory of a few pages; stops at `put`'s first error.
///
/// The pages are made on every core the machine offers (`std::thread::available_parallelism`),
/// a plan's indicators sixteen at a time, while `put` runs on the calling thread: a writer
/// to the disk works while the next pages are drawn. The order in which files reach `put`
/// therefore varies from run to run; each file's bytes do not, and `datapackage.json`, given
/// last, lists the plans and their indicators in order.
///
/// # Errors
/// `put`'s.
pub fn site_each<E>(
    plans: &[SitePlan<'_>],
    mut put: impl FnMut(SiteFile) -> Result<(), E>,
) -> Result<(), E> {
    put(SiteFile {
        path: "style.css".into(),
        bytes: CSS.as_bytes().to_vec(),
    })?;
    for lang in [Lang::Ja, Lang::En] {
        put(SiteFile {
            path: format!("{}index.html", prefix(lang)),
            bytes: index(plans, lang).into_bytes(),
        })?;
    }
    // The pieces of work: each plan's own pages, then its indicators CHUNK at a time.
    let pieces: Vec<Piece> = plans
        .iter()
        .enumerate()
        .flat_map(|(plan, p)| {
            let n = p.plan.indicators.len();
            std::iter::once(Piece::Plan(plan)).chain(
                (0..n)
                    .step_by(CHUNK)
                    .map(move |from| Piece::Indicators(plan, from..(from + CHUNK).min(n))),
            )
        })
        .collect();
    let workers = std::thread::available_parallelism()
        .map_or(1, std::num::NonZeroUsize::get)
        .min(pieces.len());
    if workers <= 1 {
        for piece in &pieces {
            for f in piece.files(plans) {
                put(f)?;
            }
        }
    } else {
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            // Bounded: the drawers wait while the writer is behind, so memory stays small.
            let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<SiteFile>>(2 * workers);
            for _ in 0..workers {
                let tx = tx.clone();
                let (next, pieces) = (&next, &pieces);
                scope.spawn(move || loop {
                    let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(piece) = pieces.get(k) else { break };
                    // The writer has stopped (an error) when the channel is closed.
                    if tx.send(piece.files(plans)).is_err() {
                        break;
                    }
                });
            }
            drop(tx);
            // Leaving this loop early drops `rx`, which closes the channel and ends the drawers.
            for files in rx {
                for f in files {
                    put(f)?;
                }
            }
            Ok(())
        })?;
    }
    put(SiteFile {
        path: "datapackage.json".into(),
        bytes: datapackage(plans).into_bytes(),
    })
}

/// A piece of the site's work: a plan's own pages (in both languages), or some of its
/// indicators' pages and data.
enum Piece {
    Plan(usize),
    Indicators(usize, std::ops::Range<usize>),
}

impl Piece {
    fn files(&self, plans: &[SitePlan<'_>]) -> Vec<SiteFile> {
        match self {
            Piece::Plan(k) => {
                let p = &plans[*k];
                [Lang::Ja, Lang::En]
                    .into_iter()
                    .map(|lang| SiteFile {
                        path: format!("{}plans/{}/index.html", prefix(lang), p.plan.code),
                        bytes: plan_page(p, lang).into_bytes(),
                    })
                    .collect()
            }
            Piece::Indicators(k, range) => {
                let p = &plans[*k];
                let code = p.plan.code.as_str();
                let mut files = Vec::with_capacity(4 * range.len());
                for i in range.clone() {
                    let name = file_name(&p.plan.indicators[i].indicator.id);
                    for lang in [Lang::Ja, Lang::En] {
                        files.push(SiteFile {
                            path: format!("{}plans/{code}/indicators/{name}.html", prefix(lang)),
                            bytes: indicator_page(p, i, lang).into_bytes(),
                        });
                    }
                    // The data, once (its column names are the same in both languages' pages).
                    files.push(SiteFile {
                        path: format!("plans/{code}/indicators/{name}.csv"),
                        bytes: indicator_csv(p, i).into_bytes(),
                    });
                    files.push(SiteFile {
                        path: format!("plans/{code}/indicators/{name}.json"),
                        bytes: indicator_json(p, i).into_bytes(),
                    });
                }
                files
            }
        }
    }
}

/// Where a language's pages live: Japanese at the root, English under `en/`.
fn prefix(lang: Lang) -> &'static str {
    match lang {
        Lang::Ja => "",
        Lang::En => "en/",
    }
}

/// The catalogue of every indicator's CSV, as a Frictionless Data Package.
fn datapackage(plans: &[SitePlan<'_>]) -> String {
    let mut resources = Vec::new();
    for p in plans {
        let code = p.plan.code.as_str();
        for pi in &p.plan.indicators {
            let name = file_name(&pi.indicator.id);
            resources.push(serde_json::json!({
                "name": format!("{code}-{}", name.to_ascii_lowercase().replace('~', "-x")),
                "title": format!("{}: {}", p.plan.title, pi.indicator.name),
                "path": format!("plans/{code}/indicators/{name}.csv"),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "schema": {
                    "fields": [
                        {"name": "period", "type": "string", "description": "FY2024 (fiscal year), CY2024, 2024-08"},
                        {"name": "fiscal_year", "type": "integer"},
                        {"name": "value", "type": "number"},
                        {"name": "state", "type": "string"},
                        {"name": "unit", "type": "string"},
                        {"name": "status", "type": "string", "constraints": {"enum": ["final", "provisional", "estimate"]}},
                    ]
                },
            }));
        }
    }
    let package = serde_json::json!({
        "name": "shinchoku-open-data",
        "title": JA.site,
        "profile": "data-package",
        "resources": resources,
    });
    format!("{package:#}\n")
}

/// The relative way up from a page at `depth` folders below its language's root, to the
/// site's root (where `style.css` and the data are).
fn to_root(lang: Lang, depth: usize) -> String {
    let up = depth
        + match lang {
            Lang::Ja => 0,
            Lang::En => 1,
        };
    "../".repeat(up)
}

fn page(lang: Lang, depth: usize, title: &str, other: &str, body: &str) -> String {
    let w = words(lang);
    let root = to_root(lang, depth);
    let html_lang = match lang {
        Lang::Ja => "ja",
        Lang::En => "en",
    };
    format!(
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{} | {}</title>\n<link rel=\"stylesheet\" href=\"{root}style.css\">\n</head>\n\
         <body>\n<header><p class=\"site\"><a href=\"{}index.html\">{}</a></p>\
         <p class=\"lang\"><a href=\"{other}\" lang=\"{}\">{}</a></p></header>\n<main>\n{body}</main>\n\
         </body>\n</html>\n",
        Esc(title),
        Esc(w.site),
        "../".repeat(depth),
        Esc(w.site),
        match lang {
            Lang::Ja => "en",
            Lang::En => "ja",
        },
        Esc(w.other)
    )
}

/// The same page in the other language, from this one.
fn other_language(lang: Lang, depth: usize, path_in_language: &str) -> String {
    match lang {
        Lang::Ja => format!("{}{}{path_in_language}", "../".repeat(depth), JA.other_href),
        Lang::En => format!(
            "{}../{}{path_in_language}",
            "../".repeat(depth),
            EN.other_href
        ),
    }
}

fn grades_text(plan: &Plan, evaluations: &[Evaluation]) -> String {
    plan.grade_counts(evaluations, None)
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect::<Vec<_>>()
        .join("・")
}

fn fy_text(lang: Lang, fy: Option<i32>) -> String {
    fy.map_or_else(|| "—".into(), |fy| crate::progress::fy_text(lang, fy))
}

fn index(plans: &[SitePlan<'_>], lang: Lang) -> String {
    let w = words(lang);
    let mut body = format!(
        "<h1>{}</h1>\n<p><a href=\"{}datapackage.json\">datapackage.json</a></p>\n<table>\n<thead><tr>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        Esc(w.site),
        to_root(lang, 0),
        Esc(w.plans),
        Esc(w.fy),
        Esc(w.grades)
    );
    for p in plans {
        let _ = writeln!(
            body,
            "<tr><th scope=\"row\"><a href=\"plans/{}/index.html\">{}</a></th><td>{}</td><td>{}</td></tr>",
            p.plan.code.as_str(),
            Esc(&p.plan.title),
            Esc(&fy_text(lang, p.fy)),
            Esc(&grades_text(p.plan, p.evaluations))
        );
    }
    body.push_str("</tbody>\n</table>\n");
    page(
        lang,
        0,
        w.site,
        &other_language(lang, 0, "index.html"),
        &body,
    )
}

fn plan_page(p: &SitePlan<'_>, lang: Lang) -> String {
    let w = words(lang);
    let comments = std::collections::HashMap::new();
    let report = Report::of(
        &ReportInput {
            plan: p.plan,
            evaluations: p.evaluations,
            fy: p.fy,
            comments: &comments,
            recorded: None,
        },
        lang,
    );
    let mut body = format!(
        "<nav aria-label=\"breadcrumb\"><a href=\"../../index.html\">{}</a> › {}</nav>\n<h1>{}</h1>\n\
         <p>{}: {}　{}: {}</p>\n",
        Esc(w.home),
        Esc(&p.plan.title),
        Esc(&p.plan.title),
        Esc(w.fy),
        Esc(&fy_text(lang, p.fy)),
        Esc(w.grades),
        Esc(&grades_text(p.plan, p.evaluations))
    );
    for s in &report.sections {
        let _ = write!(body, "<section>\n<h2>");
        if !s.context.is_empty() {
            let _ = write!(
                body,
                "<span class=\"context\">{}</span>",
                Esc(&s.context.join(" › "))
            );
        }
        let _ = writeln!(body, "{}</h2>\n<ul class=\"lines\">", Esc(&s.name));
        for l in &s.lines {
            let _ = writeln!(
                body,
                "<li><a href=\"indicators/{}.html\">{}</a>：{}{}　{}　<strong>{}</strong>\
                 <div class=\"chart\">{}</div></li>",
                file_name(&l.id),
                Esc(&l.name),
                Esc(&figure(l)),
                if l.as_of.is_empty() {
                    String::new()
                } else {
                    format!("（{}）", Esc(&l.as_of))
                },
                Esc(&percent(l.achievement)),
                Esc(&l.grade.0),
                l.chart
            );
        }
        body.push_str("</ul>\n</section>\n");
    }
    let code = p.plan.code.as_str();
    page(
        lang,
        2,
        &p.plan.title,
        &other_language(lang, 2, &format!("plans/{code}/index.html")),
        &body,
    )
}

fn indicator_page(p: &SitePlan<'_>, i: usize, lang: Lang) -> String {
    let w = words(lang);
    let Some(pi) = p.plan.indicators.get(i) else {
        return String::new();
    };
    let ind = &pi.indicator;
    let e = p.evaluations.get(i);
    let name = file_name(&ind.id);
    let code = p.plan.code.as_str();
    let chart = crate::indicator_chart(
        &crate::ChartInput {
            indicator: pi,
            evaluation: e,
            earlier: &[],
            current_fy: p.fy,
            plan_period: p.plan.period,
            fiscal_start: p.plan.fiscal_start,
        },
        lang,
    );
    let num = |d: Option<Decimal>| {
        d.map_or_else(
            || w.none.to_owned(),
            |d| format!("{}{}", d.normalize(), ind.unit),
        )
    };
    let mut body = format!(
        "<nav aria-label=\"breadcrumb\"><a href=\"../../../index.html\">{}</a> › \
         <a href=\"../index.html\">{}</a> › {}</nav>\n<h1>{}</h1>\n<div class=\"chart\">{chart}</div>\n\
         <table class=\"facts\"><tbody>\n\
         <tr><th scope=\"row\">{}</th><td>{}</td></tr>\n<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n\
         <tr><th scope=\"row\">{}</th><td>{}</td></tr>\n<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n\
         <tr><th scope=\"row\">{}</th><td>{}</td></tr>\n<tr><th scope=\"row\">{}</th><td>{}</td></tr>\n\
         </tbody></table>\n",
        Esc(w.home),
        Esc(&p.plan.title),
        Esc(&ind.name),
        Esc(&ind.name),
        Esc(w.fy),
        Esc(&fy_text(lang, p.fy)),
        Esc(w.baseline),
        Esc(&num(ind.baseline.as_ref().and_then(|b| b.value))),
        Esc(w.target),
        Esc(&num(ind.target.as_ref().and_then(|t| t.value))),
        Esc(w.achievement),
        Esc(&percent(e.and_then(|e| e.achievement))),
        Esc(w.progress),
        Esc(&percent(e.and_then(|e| e.progress))),
        Esc(w.grade),
        Esc(p.plan.grading.label(e.and_then(|e| e.grade))),
    );
    let _ = write!(
        body,
        "<h2>{}</h2>\n<table>\n<thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th></tr></thead>\n<tbody>\n",
        Esc(w.values),
        Esc(w.period),
        Esc(w.value),
        Esc(w.status)
    );
    for o in &pi.observations {
        let value = match &o.value {
            ObservedValue::Number(n) => format!("{}{}", n.normalize(), ind.unit),
            ObservedValue::State(s) => s.clone(),
        };
        let _ = writeln!(
            body,
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            Esc(&match lang {
                Lang::Ja => shinchoku_core::era::format_ja(o.period),
                Lang::En => shinchoku_core::era::format_en(o.period),
            }),
            Esc(&value),
            Esc(status_word(o.status, lang))
        );
    }
    let root = to_root(lang, 3);
    let _ = write!(
        body,
        "</tbody>\n</table>\n<h2>{}</h2>\n<ul><li><a href=\"{root}plans/{code}/indicators/{name}.csv\">CSV</a></li>\
         <li><a href=\"{root}plans/{code}/indicators/{name}.json\">JSON</a></li></ul>\n",
        Esc(w.data)
    );
    page(
        lang,
        3,
        &ind.name,
        &other_language(lang, 3, &format!("plans/{code}/indicators/{name}.html")),
        &body,
    )
}

fn status_word(s: ObservationStatus, lang: Lang) -> &'static str {
    match (s, lang) {
        (ObservationStatus::Final, Lang::Ja) => "確定",
        (ObservationStatus::Provisional, Lang::Ja) => "速報",
        (ObservationStatus::Estimate, Lang::Ja) => "見込",
        (ObservationStatus::Final, Lang::En) => "final",
        (ObservationStatus::Provisional, Lang::En) => "provisional",
        (ObservationStatus::Estimate, Lang::En) => "estimate",
    }
}

/// An indicator's values as CSV: UTF-8 with a BOM, one row per observation.
fn indicator_csv(p: &SitePlan<'_>, i: usize) -> String {
    let mut out = String::from("\u{feff}period,fiscal_year,value,state,unit,status\r\n");
    let Some(pi) = p.plan.indicators.get(i) else {
        return out;
    };
    let fs = p.plan.fiscal_start;
    let unit = csv_text(&pi.indicator.unit);
    for o in &pi.observations {
        let (value, state) = match &o.value {
            ObservedValue::Number(n) => (n.normalize().to_string(), String::new()),
            ObservedValue::State(s) => (String::new(), csv_text(s)),
        };
        let _ = write!(
            out,
            "{},{},{value},{},{},{}\r\n",
            o.period,
            o.period.end_year(fs),
            state,
            unit,
            o.status.as_str()
        );
    }
    out
}

/// An indicator as JSON: its definition, its values and its evaluation in the year.
fn indicator_json(p: &SitePlan<'_>, i: usize) -> String {
    let Some(pi) = p.plan.indicators.get(i) else {
        return "{}\n".into();
    };
    let ind = &pi.indicator;
    let e = p.evaluations.get(i);
    let n = |d: Option<Decimal>| d.map(|d| serde_json::Value::String(d.normalize().to_string()));
    let v = serde_json::json!({
        "plan": p.plan.code.as_str(),
        "plan_title": p.plan.title,
        "id": ind.id,
        "name": ind.name,
        "unit": ind.unit,
        "kind": ind.kind.as_str(),
        "baseline": n(ind.baseline.as_ref().and_then(|b| b.value)),
        "target": n(ind.target.as_ref().and_then(|t| t.value)),
        "observations": pi.observations.iter().map(|o| serde_json::json!({
            "period": o.period.to_string(),
            "value": match &o.value {
                ObservedValue::Number(d) => serde_json::Value::String(d.normalize().to_string()),
                ObservedValue::State(s) => serde_json::Value::String(s.clone()),
            },
            "status": o.status.as_str(),
        })).collect::<Vec<_>>(),
        "evaluation": {
            "fy": p.fy,
            "achievement": n(e.and_then(|e| e.achievement)),
            "progress": n(e.and_then(|e| e.progress)),
            "grade": p.plan.grading.label(e.and_then(|e| e.grade)),
        },
    });
    format!("{v:#}\n")
}

const CSS: &str = "body { font-family: \"Noto Sans JP\", \"Hiragino Sans\", \"Yu Gothic\", sans-serif; \
color: #1a1a1a; background: #fff; margin: 0; line-height: 1.7; }
header { display: flex; justify-content: space-between; padding: 8px 16px; border-bottom: 1px solid #ccc; }
header p { margin: 0; }
main { max-width: 960px; margin: 0 auto; padding: 16px; }
a { color: #0031d8; }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; }
th, td { border: 1px solid #767676; padding: 4px 8px; text-align: left; vertical-align: top; }
thead th, tbody th { background: #f2f2f2; }
.context { display: block; font-size: 0.85em; font-weight: normal; }
.lines li { margin-bottom: 12px; }
.chart { max-width: 640px; }
.chart svg { width: 100%; height: auto; }
@media print { header { display: none; } }
";
