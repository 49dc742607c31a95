//! `/plans/{code}/roadmap`: the plan's 工程表 as an SVG Gantt chart by fiscal year with the
//! current year marked (drawn by `shinchoku_report`), then the same items as a table, which is
//! what a screen reader, a search and a copy-and-paste get.

use askama::Template;
use axum::extract::{Path, State};
use shinchoku_core::period::Period;
use shinchoku_core::plan::{Node, Plan, RoadmapItem};
use shinchoku_core::Lang;

use super::plan::{load, tabs, Tab};
use super::{render, segment, Layout, Rendered};
use crate::i18n::{texts, RequestLang};
use crate::view;
use crate::{App, PageError};

/// The phrases of this page.
#[derive(Debug)]
pub struct Words {
    pub table: &'static str,
    pub item: &'static str,
    pub node: &'static str,
    pub start: &'static str,
    pub end: &'static str,
    pub notes: &'static str,
    pub current: &'static str,
    pub empty: &'static str,
}

static JA: Words = Words {
    table: "工程表の項目一覧",
    item: "取組",
    node: "施策",
    start: "開始",
    end: "終了",
    notes: "年度ごとの内容",
    current: "現在の年度",
    empty: "この計画には工程表がありません。",
};

static EN: Words = Words {
    table: "The roadmap's items",
    item: "Item",
    node: "Measure",
    start: "Start",
    end: "End",
    notes: "Notes by year",
    current: "Current fiscal year",
    empty: "This plan has no roadmap.",
};

fn words(lang: Lang) -> &'static Words {
    crate::i18n::pick(lang, &JA, &EN)
}

/// One item's row.
#[derive(Debug)]
pub struct Row {
    pub title: String,
    pub node: String,
    pub start: String,
    pub end: String,
    /// `(year, text)`, in the order the plan gives them.
    pub notes: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "roadmap.html")]
struct Page {
    l: Layout,
    w: &'static Words,
    tabs: Vec<Tab>,
    title: String,
    current: String,
    /// The chart, SVG the report crate escaped itself.
    svg: String,
    rows: Vec<Row>,
}

/// `GET /plans/{code}/roadmap`.
pub async fn page(
    State(app): State<App>,
    Path(code): Path<String>,
    lang: RequestLang,
) -> Result<Rendered, PageError> {
    let lang = lang.lang;
    let ev = load(&app, &code, lang).await?;
    let plan = &ev.plan;
    let current_fy = app.current_fy();
    let svg = if plan.roadmap.is_empty() {
        String::new()
    } else {
        shinchoku_report::roadmap_gantt(
            &plan.roadmap,
            plan.period,
            plan.fiscal_start,
            Some(current_fy),
            lang,
        )
    };
    let w = words(lang);
    let t = texts(lang);
    let base = format!("/plans/{}", segment(plan.code.as_str()));
    let l = Layout::new(lang, &format!("{base}/roadmap"))
        .titled(format!("{} | {}", t.roadmap, plan.title))
        .crumb(t.dashboard, Some("/".into()))
        .crumb(plan.title.clone(), Some(base))
        .crumb(t.roadmap, None);
    render(
        lang,
        &Page {
            l,
            w,
            tabs: tabs(plan, lang, "/roadmap"),
            title: plan.title.clone(),
            current: view::fy(lang, current_fy),
            svg,
            rows: plan.roadmap.iter().map(|i| row(plan, i, lang)).collect(),
        },
    )
}

fn row(plan: &Plan, item: &RoadmapItem, lang: Lang) -> Row {
    // As the chart draws it: an item without a start or an end runs from or to the plan's.
    let fs = plan.fiscal_start;
    let shown = |p: Option<Period>| p.map_or_else(|| "—".to_owned(), |p| view::period(lang, p));
    let start = item
        .start
        .or_else(|| plan.period.map(|p| Period::FiscalYear(p.start_year(fs))));
    let end = item
        .end
        .or_else(|| plan.period.map(|p| Period::FiscalYear(p.end_year(fs))));
    Row {
        title: item.title.clone(),
        node: item
            .node
            .as_deref()
            .and_then(|id| plan.node(id))
            .map_or_else(|| "—".into(), node_name),
        start: shown(start),
        end: shown(end),
        notes: item
            .notes
            .iter()
            .map(|(p, text)| (view::period(lang, *p), text.clone()))
            .collect(),
    }
}

/// A node as a reader finds it in the document: its number label and its title
/// (`(1) 戦略的な企業誘致の推進`).
pub fn node_name(n: &Node) -> String {
    shinchoku_report::progress::node_name(n)
}
