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
use shinchoku_core::era;
use shinchoku_core::evaluate::Evaluation;
use shinchoku_core::indicator::Comparator;
use shinchoku_core::plan::{Plan, PlanIndicator};
use shinchoku_core::Lang;

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
    pub at_least: &'static str,
    pub at_most: &'static str,
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
    at_least: "以上",
    at_most: "以下",
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
    at_least: " or more",
    at_most: " or less",
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

fn rows(ev: &Evaluated, lang: Lang) -> Vec<Row> {
    let plan = &ev.plan;
    let mut by_node: HashMap<&str, Vec<Entry>> = HashMap::new();
    let mut loose = Vec::new();
    for (i, pi) in plan.indicators.iter().enumerate() {
        let entry = entry(plan, pi, ev.evaluation(i), ev.fy, lang);
        match pi.node.as_deref().filter(|n| plan.node(n).is_some()) {
            Some(n) => by_node.entry(n).or_default().push(entry),
            None => loose.push(entry),
        }
    }
    let mut rows = Vec::new();
    for n in &plan.nodes {
        let Some(entries) = by_node.remove(n.id.as_str()) else {
            continue;
        };
        rows.push(Row {
            context: ancestors(plan, &n.id),
            name: node_name(n),
            parts: plan
                .nodes
                .iter()
                .filter(|c| c.parent.as_deref() == Some(n.id.as_str()))
                .map(node_name)
                .collect(),
            entries,
        });
    }
    if !loose.is_empty() {
        rows.push(Row {
            context: Vec::new(),
            name: texts(lang).unassigned.to_owned(),
            parts: Vec::new(),
            entries: loose,
        });
    }
    rows
}

/// The names of the nodes above `id`, from the top.
fn ancestors(plan: &Plan, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = plan.node(id).and_then(|n| n.parent.as_deref());
    while let Some(node) = at.and_then(|p| plan.node(p)) {
        // A plan is checked acyclic on reading; the bound only guards a bad row.
        if out.len() > plan.nodes.len() {
            break;
        }
        out.push(node_name(node));
        at = node.parent.as_deref();
    }
    out.reverse();
    out
}

fn entry(
    plan: &Plan,
    pi: &PlanIndicator,
    e: Option<&Evaluation>,
    fy: Option<i32>,
    lang: Lang,
) -> Entry {
    let w = words(lang);
    let ind = &pi.indicator;
    let unit = ind.unit.trim();
    let with_unit = |d| format!("{}{unit}", view::number(d));
    let actual = match e.map(|e| (e.value, e.state)) {
        Some((Some(v), _)) => Some(with_unit(v)),
        Some((None, Some(rank))) => ind.milestone_states().nth(rank).map(str::to_owned),
        _ => None,
    };
    let target = match (e.and_then(|e| e.target), &ind.target) {
        (Some(v), _) => {
            let bound = match ind.comparator {
                Comparator::Exact => "",
                Comparator::AtLeast => w.at_least,
                Comparator::AtMost => w.at_most,
            };
            format!("{}{bound}", with_unit(v))
        }
        (None, Some(t)) => t
            .text
            .clone()
            .or_else(|| t.value.map(with_unit))
            .unwrap_or_else(|| "—".into()),
        (None, None) => "—".into(),
    };
    // The date of the value: the latest observation the evaluation could take, as the
    // document wrote it (`R1.8` for a count at August 2019, `H30` for FY2018).
    let fs = plan.fiscal_start;
    let as_of = match (&actual, fy) {
        (Some(_), Some(fy)) => pi
            .observations
            .iter()
            .filter(|o| o.period.end_year(fs) <= fy)
            .max_by_key(|o| o.period.last_day(fs))
            .map(|o| {
                let p = o.as_of.unwrap_or(o.period);
                match lang {
                    Lang::Ja => format!("（{}）", era::format_short(p)),
                    Lang::En => format!(" ({})", era::format_en(p)),
                }
            })
            .unwrap_or_default(),
        _ => String::new(),
    };
    Entry {
        name: ind.name.clone(),
        figure: format!("{}/{target}", actual.unwrap_or_else(|| "—".into())),
        as_of,
        achievement: view::percent(e.and_then(|e| e.achievement)),
        badge: Badge::of(&plan.grading, e.and_then(|e| e.grade), lang),
    }
}
