//! `/plans/{code}`: the plan's node tree as the document numbers it, each node with the
//! roll-up of its grades and its indicators (latest value, target, achievement, grade);
//! filtered by grade and node, searched by name (`?grade=C&node=n3&q=観光&fy=2023`).

use std::collections::HashMap;
use std::sync::Arc;

use askama::Template;
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use shinchoku_core::evaluate::Evaluation;
use shinchoku_core::plan::{Plan, PlanIndicator};
use shinchoku_core::text::fold_name;
use shinchoku_core::Lang;

use super::dashboard::Grades;
use super::{render, segment, Layout, Rendered};
use crate::cache::Evaluated;
use crate::i18n::{texts, RequestLang};
use crate::view::{self, Badge};
use crate::{App, PageError};

/// The filters, all optional.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    grade: Option<String>,
    node: Option<String>,
    q: Option<String>,
    fy: Option<String>,
}

/// One indicator's row.
#[derive(Debug)]
pub struct Row {
    pub href: String,
    pub name: String,
    pub value: String,
    pub target: String,
    pub unit: String,
    pub achievement: String,
    pub badge: Badge,
}

/// One node with its roll-up and its own indicators.
#[derive(Debug)]
pub struct NodeView {
    pub id: String,
    pub depth: usize,
    /// `h3` … `h6`.
    pub heading: usize,
    pub label: String,
    pub title: String,
    pub grades: Grades,
    pub rows: Vec<Row>,
}

/// An option of a filter's `<select>`.
#[derive(Debug)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The plan's sub-pages, for the navigation under its title.
#[derive(Debug)]
pub struct Tab {
    pub href: String,
    pub label: &'static str,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "plan.html")]
struct Page {
    l: Layout,
    tabs: Vec<Tab>,
    code: String,
    title: String,
    issuer: String,
    period: String,
    evaluated: String,
    grades: Grades,
    nodes: Vec<NodeView>,
    loose: Vec<Row>,
    grade_choices: Vec<Choice>,
    node_choices: Vec<Choice>,
    q: String,
    filtered: bool,
    shown: usize,
    total: usize,
}

/// `GET /plans/{code}`.
pub async fn page(
    State(app): State<App>,
    Path(code): Path<String>,
    lang: RequestLang,
    Query(params): Query<Params>,
) -> Result<Rendered, PageError> {
    let lang = lang.lang;
    let ev = load(&app, &code, lang).await?;
    let ev = super::in_asked_year(ev, params.fy.as_deref());
    render(lang, &build(&ev, &params, lang))
}

/// Plan `code` from the cache, or 404.
pub async fn load(app: &App, code: &str, lang: Lang) -> Result<Arc<Evaluated>, PageError> {
    let store_err = |e| PageError::Store(lang, e);
    app.plans()
        .get(code)
        .await
        .map_err(store_err)?
        .ok_or(PageError::NotFound(lang))
}

/// The plan's tabs, with `current` marked.
pub fn tabs(plan: &Plan, lang: Lang, current: &str) -> Vec<Tab> {
    let t = texts(lang);
    let base = format!("/plans/{}", segment(plan.code.as_str()));
    [
        ("", t.indicators),
        ("/roadmap", t.roadmap),
        ("/organizations", t.organizations),
        ("/diff", t.diff),
        ("/report", t.report),
    ]
    .into_iter()
    .map(|(tail, label)| Tab {
        href: format!("{base}{tail}"),
        label,
        current: tail == current,
    })
    .collect()
}

fn build(ev: &Evaluated, params: &Params, lang: Lang) -> Page {
    let t = texts(lang);
    let plan = &ev.plan;
    let path = format!("/plans/{}", segment(plan.code.as_str()));
    let grade = params.grade.as_deref().filter(|g| !g.is_empty());
    let node = params.node.as_deref().filter(|n| plan.node(n).is_some());
    let q = params.q.as_deref().map(str::trim).unwrap_or_default();
    let folded = fold_name(q);
    let keep = |pi: &PlanIndicator, e: Option<&Evaluation>| {
        let label = plan.grading.label(e.and_then(|e| e.grade));
        grade.is_none_or(|g| g == label)
            && node.is_none_or(|n| pi.node.as_deref().is_some_and(|at| plan.is_within(at, n)))
            && (folded.is_empty() || fold_name(&pi.indicator.name).contains(&folded))
    };
    let mut by_node: HashMap<&str, Vec<Row>> = HashMap::new();
    let mut loose = Vec::new();
    let mut shown = 0;
    for (i, pi) in plan.indicators.iter().enumerate() {
        let e = ev.evaluation(i);
        if !keep(pi, e) {
            continue;
        }
        shown += 1;
        let r = row(plan, &path, pi, e, lang);
        match pi.node.as_deref().filter(|n| plan.node(n).is_some()) {
            Some(n) => by_node.entry(n).or_default().push(r),
            None => loose.push(r),
        }
    }
    let filtered = grade.is_some() || node.is_some() || !folded.is_empty();
    let graded = ev.graded();
    let counts = plan.grade_counts_by_node(&graded);
    let scores = plan.scores_by_node(&graded);
    let depths = depths(plan);
    let mut nodes = Vec::new();
    for (i, n) in plan.nodes.iter().enumerate() {
        let rows = by_node.remove(n.id.as_str()).unwrap_or_default();
        let inside =
            node.is_none_or(|sel| plan.is_within(&n.id, sel) || plan.is_within(sel, &n.id));
        if !inside {
            continue;
        }
        let grades = Grades::from_counts(
            ev,
            counts.get(i).cloned().unwrap_or_default(),
            scores.get(i).copied().flatten(),
            lang,
        );
        nodes.push(NodeView {
            id: n.id.clone(),
            depth: depths.get(i).copied().unwrap_or(0),
            heading: (depths.get(i).copied().unwrap_or(0) + 3).min(6),
            label: n.label.clone().unwrap_or_default(),
            title: n.title.clone(),
            grades,
            rows,
        });
    }
    if filtered {
        // Only the nodes that hold a shown indicator, and the nodes above them.
        let mut keep_node = vec![false; nodes.len()];
        for (i, nv) in nodes.iter().enumerate() {
            if !nv.rows.is_empty() {
                for (j, other) in nodes.iter().enumerate() {
                    if plan.is_within(&nv.id, &other.id) {
                        keep_node[j] = true;
                    }
                }
                keep_node[i] = true;
            }
        }
        let mut k = keep_node.into_iter();
        nodes.retain(|_| k.next().unwrap_or(false));
    }
    // A node listed after one much shallower (a document's numbering can put a `①` straight
    // under a chapter) keeps its indent but not a heading level that skips one: a screen
    // reader's outline goes h3, h4, h5, never h4 to h6.
    let mut above = 2;
    for n in &mut nodes {
        n.heading = n.heading.min(above + 1);
        above = n.heading;
    }
    let labels = plan.grading.labels();
    let grade_choices = labels
        .iter()
        .copied()
        .chain(std::iter::once("—"))
        .map(|l| {
            let b = Badge::of_label(&plan.grading, l, lang);
            Choice {
                value: l.to_owned(),
                label: format!("{} {}", b.letter, b.word),
                selected: grade == Some(l),
            }
        })
        .collect();
    let node_choices = plan
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| Choice {
            value: n.id.clone(),
            label: format!(
                "{}{} {}",
                "　".repeat(depths.get(i).copied().unwrap_or(0)),
                n.label.as_deref().unwrap_or_default(),
                n.title
            ),
            selected: node == Some(n.id.as_str()),
        })
        .collect();
    let l = Layout::new(lang, &path)
        .titled(plan.title.clone())
        .crumb(t.dashboard, Some("/".into()))
        .crumb(plan.title.clone(), None);
    Page {
        l,
        tabs: tabs(plan, lang, ""),
        code: plan.code.as_str().to_owned(),
        title: plan.title.clone(),
        issuer: plan
            .issuer
            .as_ref()
            .map(|i| i.name.clone())
            .unwrap_or_else(|| "—".into()),
        period: plan
            .period
            .map(|p| view::period(lang, p))
            .unwrap_or_else(|| "—".into()),
        evaluated: ev
            .fy
            .map(|fy| view::fy(lang, fy))
            .unwrap_or_else(|| t.no_data_year.to_owned()),
        grades: Grades::of(ev, None, lang),
        nodes,
        loose,
        grade_choices,
        node_choices,
        q: q.to_owned(),
        filtered,
        shown,
        total: plan.indicators.len(),
    }
}

/// Each node's depth in the tree (0 for a root), in the order of `plan.nodes`.
fn depths(plan: &Plan) -> Vec<usize> {
    let index: HashMap<&str, usize> = plan
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    plan.nodes
        .iter()
        .map(|n| {
            let mut depth = 0;
            let mut at = n.parent.as_deref();
            // A plan is checked acyclic on reading; the bound only guards a bad row.
            while let Some(p) = at.and_then(|p| index.get(p)) {
                depth += 1;
                if depth > plan.nodes.len() {
                    break;
                }
                at = plan.nodes[*p].parent.as_deref();
            }
            depth
        })
        .collect()
}

fn row(plan: &Plan, path: &str, pi: &PlanIndicator, e: Option<&Evaluation>, lang: Lang) -> Row {
    let ind = &pi.indicator;
    let value = match e {
        Some(e) => match (e.value, e.state) {
            (Some(v), _) => view::number(v),
            (None, Some(rank)) => ind
                .milestone_states()
                .nth(rank)
                .map(str::to_owned)
                .unwrap_or_else(|| "—".into()),
            (None, None) => "—".into(),
        },
        None => "—".into(),
    };
    let target = match (e.and_then(|e| e.target), &ind.target) {
        (Some(t), _) => view::number(t),
        (None, Some(t)) => t
            .text
            .clone()
            .or_else(|| t.value.map(view::number))
            .unwrap_or_else(|| "—".into()),
        (None, None) => "—".into(),
    };
    Row {
        href: format!("{path}/indicators/{}", segment(&ind.id)),
        name: ind.name.clone(),
        value,
        target,
        unit: ind.unit.clone(),
        achievement: view::percent(e.and_then(|e| e.achievement)),
        badge: Badge::of(&plan.grading, e.and_then(|e| e.grade), lang),
    }
}
