//! `/plans/{code}/diff?from=N&to=M`: what one stored version of a plan changed against another
//! (by default the previous version against the current one), grouped as 新 (added), 修正
//! (changed, each field old → new) and 削除 (removed), for the plan's structure and its
//! indicators; then the revisions the document marks itself (新 / 修正 / 再掲).
//!
//! The comparison is core's `diff::diff`, the same one `shinchoku diff` prints, so the page and
//! the command line never disagree on what changed.

use askama::Template;
use axum::extract::{Path, Query, State};
use serde::Deserialize;
use shinchoku_core::diff::{self, IndicatorDiff, NodeChange, NodeRef};
use shinchoku_core::plan::Marker;
use shinchoku_core::Lang;
use shinchoku_store::{StoreError, VersionInfo};

use super::plan::{load, tabs, Tab};
use super::{render, segment, Layout, Rendered};
use crate::i18n::{texts, RequestLang};
use crate::{App, PageError};

/// `?from=&to=`, version numbers; anything else is taken as not given.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    from: Option<String>,
    to: Option<String>,
}

/// The phrases of this page.
#[derive(Debug)]
pub struct Words {
    pub choose: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub compare: &'static str,
    pub only_one: &'static str,
    pub no_changes: &'static str,
    pub added: &'static str,
    pub changed: &'static str,
    pub removed: &'static str,
    pub none: &'static str,
    pub what: &'static str,
    pub name: &'static str,
    pub detail: &'static str,
    pub node: &'static str,
    pub indicator: &'static str,
    pub title_field: &'static str,
    pub place: &'static str,
    pub top: &'static str,
    pub body: &'static str,
    pub marked: &'static str,
    pub marked_intro: &'static str,
    pub no_marks: &'static str,
    pub mark: &'static str,
    pub old_title: &'static str,
}

static JA: Words = Words {
    choose: "比較する版",
    from: "比較元（旧）",
    to: "比較先（新）",
    compare: "比較する",
    only_one: "この計画は版が一つだけのため、比較できる版はまだありません。改定版を取り込むと、ここに変更点が表示されます。",
    no_changes: "二つの版の間に変更はありません。",
    added: "新",
    changed: "修正",
    removed: "削除",
    none: "なし",
    what: "種類",
    name: "名称",
    detail: "変更内容",
    node: "施策",
    indicator: "指標",
    title_field: "名称",
    place: "位置",
    top: "（最上位）",
    body: "本文を修正",
    marked: "文書に示された改訂（新・修正・再掲）",
    marked_intro: "計画書そのものが付けている改訂の印です。",
    no_marks: "この版の文書には、新・修正・再掲の印はありません。",
    mark: "印",
    old_title: "旧名称",
};

static EN: Words = Words {
    choose: "Versions to compare",
    from: "From (older)",
    to: "To (newer)",
    compare: "Compare",
    only_one: "This plan has one version only, so there is nothing to compare yet. Import a revised version and its changes will show here.",
    no_changes: "Nothing changed between the two versions.",
    added: "New",
    changed: "Changed",
    removed: "Removed",
    none: "None",
    what: "Kind",
    name: "Name",
    detail: "Change",
    node: "Measure",
    indicator: "Indicator",
    title_field: "title",
    place: "place",
    top: "(top level)",
    body: "body text changed",
    marked: "Revisions the document marks (new, modified, relisted)",
    marked_intro: "The marks the plan document itself prints.",
    no_marks: "This version's document marks no revisions.",
    mark: "Mark",
    old_title: "Former title",
};

fn words(lang: Lang) -> &'static Words {
    crate::i18n::pick(lang, &JA, &EN)
}

/// One changed node or indicator.
#[derive(Debug)]
pub struct Item {
    pub what: String,
    pub name: String,
    /// `old → new`, one line per field (empty when added or removed).
    pub details: Vec<String>,
    /// The node's index in the new version, to merge a node's several changes into one row.
    node: Option<usize>,
}

/// One of 新, 修正, 削除.
#[derive(Debug)]
pub struct Group {
    pub id: &'static str,
    pub label: &'static str,
    pub items: Vec<Item>,
    /// Whether rows carry details (only 修正 does).
    pub detailed: bool,
}

/// A version in the chooser.
#[derive(Debug)]
pub struct Choice {
    pub value: i64,
    pub label: String,
    pub from: bool,
    pub to: bool,
}

/// A node the document marks.
#[derive(Debug)]
pub struct Mark {
    pub label: &'static str,
    pub name: String,
    pub old_title: String,
}

#[derive(Template)]
#[template(path = "diff.html")]
struct Page {
    l: Layout,
    w: &'static Words,
    tabs: Vec<Tab>,
    title: String,
    action: String,
    choices: Vec<Choice>,
    /// `第1版 → 第2版`; empty with one version.
    heading: String,
    groups: Vec<Group>,
    empty: bool,
    only_one: bool,
    marks: Vec<Mark>,
}

/// `GET /plans/{code}/diff`.
pub async fn page(
    State(app): State<App>,
    Path(code): Path<String>,
    lang: RequestLang,
    Query(params): Query<Params>,
) -> Result<Rendered, PageError> {
    let lang = lang.lang;
    let ev = load(&app, &code, lang).await?;
    let store_err = |e| match e {
        StoreError::NotFound(_) => PageError::NotFound(lang),
        e => PageError::Store(lang, e),
    };
    let versions = app.store().versions(&code).await.map_err(store_err)?;
    let (from, to) = chosen(&versions, &params);
    let new = app
        .store()
        .load_plan(&code, Some(to))
        .await
        .map_err(store_err)?;
    let old = match from {
        Some(v) => Some(
            app.store()
                .load_plan(&code, Some(v))
                .await
                .map_err(store_err)?,
        ),
        None => None,
    };
    let w = words(lang);
    let t = texts(lang);
    let plan = &ev.plan;
    let base = format!("/plans/{}", segment(plan.code.as_str()));
    let action = format!("{base}/diff");
    let l = Layout::new(lang, &action)
        .titled(format!("{} | {}", t.diff, plan.title))
        .crumb(t.dashboard, Some("/".into()))
        .crumb(plan.title.clone(), Some(base))
        .crumb(t.diff, None);
    let (groups, heading) = match (&old, from) {
        (Some(old), Some(from)) => (
            groups(&diff::diff(old, &new), w, lang),
            format!("{} → {}", version_name(lang, from), version_name(lang, to)),
        ),
        _ => (Vec::new(), String::new()),
    };
    let empty = groups.iter().all(|g| g.items.is_empty());
    let marks = diff::marked(&new)
        .into_iter()
        .map(|m| Mark {
            label: match (lang, &m.marker) {
                (Lang::Ja, _) => m.label_ja(),
                (Lang::En, Marker::New) => "new",
                (Lang::En, Marker::Modified { .. }) => "modified",
                (Lang::En, Marker::Relisted) => "relisted",
            },
            name: m.node.display(),
            old_title: match &m.marker {
                Marker::Modified {
                    old_title: Some(old),
                } => old.trim().to_owned(),
                _ => String::new(),
            },
        })
        .collect();
    render(
        lang,
        &Page {
            l,
            w,
            tabs: tabs(plan, lang, "/diff"),
            title: plan.title.clone(),
            action,
            choices: versions
                .iter()
                .map(|v| Choice {
                    value: v.version,
                    label: version_label(lang, v),
                    from: Some(v.version) == from,
                    to: v.version == to,
                })
                .collect(),
            heading,
            groups,
            empty,
            only_one: versions.len() < 2,
            marks,
        },
    )
}

/// The versions compared: `to` as asked if stored, else the current one; `from` as asked if
/// stored, else the one before `to` (`to` itself when `to` is the first: nothing changed).
/// `from` is `None` only when there is a single version.
fn chosen(versions: &[VersionInfo], params: &Params) -> (Option<i64>, i64) {
    let stored = |s: &Option<String>| {
        s.as_deref()
            .and_then(|s| s.trim().parse::<i64>().ok())
            .filter(|v| versions.iter().any(|x| x.version == *v))
    };
    let current = versions.last().map_or(1, |v| v.version);
    let to = stored(&params.to).unwrap_or(current);
    let from = stored(&params.from)
        .or_else(|| versions.iter().map(|v| v.version).filter(|v| *v < to).max());
    if versions.len() < 2 {
        return (None, to);
    }
    (Some(from.unwrap_or(to)), to)
}

fn version_name(lang: Lang, v: i64) -> String {
    match lang {
        Lang::Ja => format!("第{v}版"),
        Lang::En => format!("version {v}"),
    }
}

/// `第2版（2025-04-01）`, the date the version was stored.
fn version_label(lang: Lang, v: &VersionInfo) -> String {
    let date = v.imported_at.split('T').next().unwrap_or_default();
    match lang {
        Lang::Ja => format!("{}（{date}）", version_name(lang, v.version)),
        Lang::En => format!("{} ({date})", version_name(lang, v.version)),
    }
}

fn groups(d: &diff::PlanDiff, w: &'static Words, lang: Lang) -> Vec<Group> {
    let mut added = Vec::new();
    let mut changed: Vec<Item> = Vec::new();
    let mut removed = Vec::new();
    let node_item = |n: &NodeRef, details: Vec<String>, index: Option<usize>| Item {
        what: n
            .kind
            .as_deref()
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .unwrap_or(w.node)
            .to_owned(),
        name: n.display(),
        details,
        node: index,
    };
    for c in &d.nodes {
        let detail = match c {
            NodeChange::Added { new } => {
                added.push(node_item(new, Vec::new(), None));
                continue;
            }
            NodeChange::Removed { old } => {
                removed.push(node_item(old, Vec::new(), None));
                continue;
            }
            NodeChange::Modified { old, new } => format!(
                "{} {} → {}",
                w.title_field,
                old.title.trim(),
                new.title.trim()
            ),
            NodeChange::Moved {
                old_parent,
                new_parent,
                ..
            } => {
                let parent =
                    |p: &Option<NodeRef>| p.as_ref().map_or(w.top.to_owned(), NodeRef::display);
                format!(
                    "{} {} → {}",
                    w.place,
                    parent(old_parent),
                    parent(new_parent)
                )
            }
            NodeChange::BodyChanged { .. } => w.body.to_owned(),
        };
        let index = c.new_node().map(|n| n.index);
        // A node retitled or moved whose body changed too is one row with two lines.
        match changed.last_mut() {
            Some(last) if last.node.is_some() && last.node == index => last.details.push(detail),
            _ => changed.push(node_item(c.node(), vec![detail], index)),
        }
    }
    for c in &d.indicators {
        let i = c.indicator();
        let item = Item {
            what: w.indicator.to_owned(),
            name: if i.unit.trim().is_empty() {
                i.name.clone()
            } else {
                match lang {
                    Lang::Ja => format!("{}（{}）", i.name, i.unit),
                    Lang::En => format!("{} ({})", i.name, i.unit),
                }
            },
            details: c.describe_in(lang),
            node: None,
        };
        match c {
            IndicatorDiff::Added { .. } => added.push(item),
            IndicatorDiff::Changed { .. } => changed.push(item),
            IndicatorDiff::Removed { .. } => removed.push(item),
        }
    }
    vec![
        Group {
            id: "added",
            label: w.added,
            items: added,
            detailed: false,
        },
        Group {
            id: "changed",
            label: w.changed,
            items: changed,
            detailed: true,
        },
        Group {
            id: "removed",
            label: w.removed,
            items: removed,
            detailed: false,
        },
    ]
}
