//! `/plans/{code}/report?fy=2023`: the progress report, printable on A4, in the layout of the
//! prefecture's own report (seed 002, 産業戦略プロジェクトの進捗状況): one row per project or
//! measure, and under it each indicator as `actual/target unit (as-of)` — `42件/75件（R1.8）` —
//! with its achievement and grade; a summary of the grades at the top.
//!
//! The figures are the evaluation's (A(t) and T of the fiscal year shown), so the report, the
//! plan page and `shinchoku evaluate` agree. The print styles (`@media print` in `app.css`)
//! hide the navigation, keep a row on one page and repeat the plan's title and the year at the
//! top of every page (the report table's `thead`, which browsers repeat on each printed page).

use std::collections::{BTreeSet, HashMap};

use askama::Template;
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use shinchoku_core::plan::Plan;
use shinchoku_core::Lang;
use shinchoku_report::progress::{figure, Report, ReportInput};

use super::dashboard::Grades;
use super::plan::{load, tabs, Tab};
use super::roadmap::node_name;
use super::{render, segment, Layout, Rendered};
use crate::cache::Evaluated;
use crate::i18n::{texts, RequestLang};
use crate::view::{self, Badge};
use crate::{App, PageError};

/// `?fy=2023`; anything that is not a year is taken as not given. `?live=1` shows today's data
/// for a year whose round is closed.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    fy: Option<String>,
    live: Option<String>,
}

/// The phrases of this page.
#[derive(Debug)]
pub struct Words {
    pub heading: &'static str,
    pub print_hint: &'static str,
    pub summary: &'static str,
    pub count: &'static str,
    pub project: &'static str,
    pub status: &'static str,
    pub legend: &'static str,
    pub sep: &'static str,
    pub no_indicators: &'static str,
    pub year: &'static str,
    pub show: &'static str,
    pub download: &'static str,
    pub recorded_before: &'static str,
    pub recorded_after: &'static str,
    pub live: &'static str,
}

static JA: Words = Words {
    heading: "進捗報告",
    print_hint: "印刷するには、ブラウザーの印刷（Ctrl+P、Mac では ⌘+P）をお使いください。A4 用紙に合わせて印刷されます。",
    summary: "評価の概要",
    count: "指標数",
    project: "プロジェクト・施策",
    status: "取組目標に対する状況",
    legend: "表記：指標名：実績値/目標値（時点）、達成率、評価",
    sep: "：",
    no_indicators: "この計画には指標がありません。",
    year: "報告年度",
    show: "表示",
    download: "ダウンロード",
    recorded_before: "この年度の評価は締め切られています（",
    recorded_after: "）。締切時の記録を表示しています。その後に届いた実績値は反映していません。",
    live: "今日のデータで表示する",
};

static EN: Words = Words {
    heading: "Progress report",
    print_hint: "To print, use your browser's Print command (Ctrl+P, or ⌘+P on a Mac); the report fits A4 paper.",
    summary: "Summary of grades",
    count: "Indicators",
    project: "Project or measure",
    status: "Progress against the targets",
    legend: "Each line: indicator: actual/target (as of), achievement, grade",
    sep: ": ",
    no_indicators: "This plan has no indicators.",
    year: "Fiscal year",
    show: "Show",
    download: "Download",
    recorded_before: "This year's round was closed (",
    recorded_after: "): this is its record; actual values that arrived later are not in it.",
    live: "Show today's data",
};

fn words(lang: Lang) -> &'static Words {
    crate::i18n::pick(lang, &JA, &EN)
}

/// One indicator's line: `企業誘致件数：42件/75件（R1.8） 56.0% C やや遅れ`.
#[derive(Debug)]
pub struct Entry {
    pub name: String,
    /// `42件/75件`.
    pub figure: String,
    /// `（R1.8）`, the date of the value shown; empty without a value.
    pub as_of: String,
    pub achievement: String,
    pub badge: Badge,
}

/// One project or measure: its row of the report.
#[derive(Debug)]
pub struct Row {
    /// The nodes above it (`1 産業基盤の整備`), from the top.
    pub context: Vec<String>,
    /// Its number label and title.
    pub name: String,
    /// The nodes under it (002's `▼港湾の機能強化`).
    pub parts: Vec<String>,
    pub entries: Vec<Entry>,
}

/// A year in the chooser.
#[derive(Debug)]
pub struct Year {
    pub value: i32,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "report.html")]
struct Page {
    l: Layout,
    w: &'static Words,
    tabs: Vec<Tab>,
    title: String,
    /// `令和元年度（2019年度）`, or that there is no data.
    year: String,
    years: Vec<Year>,
    grades: Grades,
    total: usize,
    rows: Vec<Row>,
    /// Set when the year's round is closed: the report is its record.
    recorded: Option<Recorded>,
    /// `/plans/CODE/report` and `?fy=2024`: where the downloads are.
    download_base: String,
    download_query: String,
}

/// `GET /plans/{code}/report`.
pub async fn page(
    State(app): State<App>,
    Path(code): Path<String>,
    lang: RequestLang,
    Query(params): Query<Params>,
) -> Result<Rendered, PageError> {
    let lang = lang.lang;
    let ev = load(&app, &code, lang).await?;
    let ev = super::in_asked_year(ev, params.fy.as_deref());
    let live = params
        .live
        .as_deref()
        .is_some_and(|v| !v.is_empty() && v != "0");
    // A year whose round is closed is reported as the round recorded it, whatever actuals
    // arrived since (DESIGN.md → The yearly evaluation round); `?live=1` shows today's.
    let closed = match ev.fy {
        Some(fy) if !live => crate::round::LoadedRound::load(app.store(), &code, fy)
            .await
            .map_err(|e| PageError::Store(lang, e))?
            .filter(crate::round::LoadedRound::closed),
        _ => None,
    };
    let Some(l) = closed else {
        return render(lang, &build(&ev, lang, None));
    };
    let recorded = Evaluated {
        evaluations: l.recorded(),
        fy: Some(l.round.info.fy),
        borrowed: Vec::new(),
        plan: l.plan.clone(),
    };
    let when = l
        .round
        .info
        .closed_at
        .as_deref()
        .map(|t| t.chars().take(10).collect::<String>())
        .unwrap_or_default();
    let w = words(lang);
    let note = Recorded {
        text: format!("{}{when}{}", w.recorded_before, w.recorded_after),
        live_href: format!(
            "/plans/{}/report?fy={}&live=1",
            segment(&code),
            l.round.info.fy
        ),
    };
    render(lang, &build(&recorded, lang, Some(note)))
}

/// That the report is a closed round's record, and where today's data is.
#[derive(Debug)]
pub struct Recorded {
    pub text: String,
    pub live_href: String,
}

fn build(ev: &Evaluated, lang: Lang, recorded: Option<Recorded>) -> Page {
    let t = texts(lang);
    let w = words(lang);
    let plan = &ev.plan;
    let base = format!("/plans/{}", segment(plan.code.as_str()));
    let year = ev
        .fy
        .map(|fy| view::fy(lang, fy))
        .unwrap_or_else(|| t.no_data_year.to_owned());
    let l = Layout::new(lang, &format!("{base}/report"))
        .titled(format!("{} | {}", t.report, plan.title))
        .crumb(t.dashboard, Some("/".into()))
        .crumb(plan.title.clone(), Some(base))
        .crumb(t.report, None);
    Page {
        l,
        w,
        tabs: tabs(plan, lang, "/report"),
        title: plan.title.clone(),
        year,
        years: years(plan, ev.fy, lang),
        grades: Grades::of(ev, None, lang),
        total: plan.indicators.len(),
        rows: rows(ev, lang),
        download_query: ev.fy.map_or_else(String::new, |fy| format!("?fy={fy}")),
        download_base: format!("/plans/{}/report", segment(plan.code.as_str())),
        recorded,
    }
}

/// The years a reader may choose: the plan's period and every year with an observation.
fn years(plan: &Plan, selected: Option<i32>, lang: Lang) -> Vec<Year> {
    let fs = plan.fiscal_start;
    let mut set = BTreeSet::new();
    if let Some((s, e)) = plan.period.map(|p| p.year_span(fs)) {
        // A period is a handful of years; the bound only guards a bad row.
        if e >= s && e - s <= 50 {
            set.extend(s..=e);
        }
    }
    for pi in &plan.indicators {
        set.extend(pi.observations.iter().map(|o| o.period.end_year(fs)));
    }
    set.extend(selected);
    set.into_iter()
        .filter(|y| (1900..=2200).contains(y))
        .map(|y| Year {
            value: y,
            label: view::fy(lang, y),
            selected: Some(y) == selected,
        })
        .collect()
}

/// The rows of the page: the progress report's model (`shinchoku_report::progress`, which
/// `shinchoku report` writes too), with each measure's own sub-measures and a badge per grade.
fn rows(ev: &Evaluated, lang: Lang) -> Vec<Row> {
    let plan = &ev.plan;
    let comments = HashMap::new();
    let report = Report::of(
        &ReportInput {
            plan,
            evaluations: &ev.evaluations,
            fy: ev.fy,
            comments: &comments,
            recorded: None,
        },
        lang,
    );
    report
        .sections
        .into_iter()
        .map(|s| Row {
            parts: plan
                .nodes
                .iter()
                .filter(|c| !s.id.is_empty() && c.parent.as_deref() == Some(s.id.as_str()))
                .map(node_name)
                .collect(),
            context: s.context,
            name: if s.id.is_empty() {
                texts(lang).unassigned.to_owned()
            } else {
                s.name
            },
            entries: s
                .lines
                .iter()
                .map(|l| Entry {
                    name: l.name.clone(),
                    figure: figure(l),
                    as_of: match (l.as_of.is_empty(), lang) {
                        (true, _) => String::new(),
                        (false, Lang::Ja) => format!("（{}）", l.as_of),
                        (false, Lang::En) => format!(" ({})", l.as_of),
                    },
                    achievement: view::percent(l.achievement),
                    badge: Badge::of_label(&plan.grading, &l.grade.0, lang),
                })
                .collect(),
        })
        .collect()
}

/// The forms a report downloads in.
#[derive(Debug, Clone, Copy)]
enum Download {
    Csv,
    Markdown,
    Xlsx,
}

async fn download(
    app: &App,
    code: &str,
    form: Download,
    lang: Lang,
    params: &Params,
) -> axum::response::Response {
    use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
    use axum::http::HeaderValue;
    use axum::response::IntoResponse;
    let fy = super::asked_year(params.fy.as_deref());
    let live = params
        .live
        .as_deref()
        .is_some_and(|v| !v.is_empty() && v != "0");
    let report = match crate::reporting::progress_report(app.store(), code, fy, live, lang).await {
        Ok(r) => r,
        Err(shinchoku_store::StoreError::NotFound(_)) => {
            return PageError::NotFound(lang).into_response()
        }
        Err(e) => return PageError::Store(lang, e).into_response(),
    };
    let year = report.fy.map_or_else(String::new, |y| format!("-{y}"));
    let (bytes, kind, ext) = match form {
        Download::Csv => (report.csv().into_bytes(), "text/csv; charset=utf-8", "csv"),
        Download::Markdown => (
            report.markdown().into_bytes(),
            "text/markdown; charset=utf-8",
            "md",
        ),
        Download::Xlsx => match report.xlsx() {
            Ok(b) => (
                b,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "xlsx",
            ),
            Err(_) => return axum::http::StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
    };
    let mut r = bytes.into_response();
    let h = r.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    // The code is [a-z0-9-]: a plain file name.
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"report-{}{year}.{ext}\"",
        segment(code)
    )) {
        h.insert(CONTENT_DISPOSITION, v);
    }
    r
}

/// `GET /plans/{code}/report.csv`: the report as CSV (UTF-8 with a BOM, one row per indicator).
pub async fn csv(
    State(app): State<App>,
    Path(code): Path<String>,
    lang: RequestLang,
    Query(params): Query<Params>,
) -> axum::response::Response {
    download(&app, &code, Download::Csv, lang.lang, &params).await
}

/// `GET /plans/{code}/report.md`: the report as Markdown.
pub async fn markdown(
    State(app): State<App>,
    Path(code): Path<String>,
    lang: RequestLang,
    Query(params): Query<Params>,
) -> axum::response::Response {
    download(&app, &code, Download::Markdown, lang.lang, &params).await
}

/// `GET /plans/{code}/report.xlsx`: the report as an Excel workbook.
pub async fn xlsx(
    State(app): State<App>,
    Path(code): Path<String>,
    lang: RequestLang,
    Query(params): Query<Params>,
) -> axum::response::Response {
    download(&app, &code, Download::Xlsx, lang.lang, &params).await
}
