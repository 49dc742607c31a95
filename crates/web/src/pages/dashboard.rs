//! `/`: every plan with its period, issuing body, grades as a bar and in words, its latest
//! fiscal year with data; then the latest changes.

use askama::Template;
use axum::extract::{Query, State};
use serde::Deserialize;
use shinchoku_core::Lang;
use shinchoku_store::RecentChange;

use super::{render, segment, Layout, Rendered};
use crate::cache::Evaluated;
use crate::i18n::{RequestLang, Texts};
use crate::view::{self, Badge};
use crate::{App, PageError};

/// Plans per page of the dashboard.
pub const PER_PAGE: usize = 50;

/// How many of the latest changes the dashboard lists.
const CHANGES: u32 = 10;

/// `?page=`.
#[derive(Debug, Deserialize)]
pub struct Params {
    page: Option<usize>,
}

/// One grade's count, with its badge.
#[derive(Debug)]
pub struct Count {
    pub badge: Badge,
    pub n: usize,
}

/// One segment of a bar of grades, in per cent of its width.
#[derive(Debug)]
pub struct Segment {
    pub x: String,
    pub width: String,
    pub class: String,
}

/// Grades as counts and as a bar.
#[derive(Debug, Default)]
pub struct Grades {
    pub counts: Vec<Count>,
    pub bar: Vec<Segment>,
    pub total: usize,
    /// The roll-up score (`GradingScheme::score`), shown with its label, when any indicator
    /// beneath has a grade.
    pub score: Option<String>,
}

impl Grades {
    /// The grades of `ev`'s indicators (under `node`, or all).
    pub fn of(ev: &Evaluated, node: Option<&str>, lang: Lang) -> Grades {
        let graded = ev.graded();
        let counts = ev.plan.grade_counts(&graded, node);
        let score = ev.plan.score(&graded, node);
        Grades::from_counts(ev, counts, score, lang)
    }

    /// Grades from counts by label, as `Plan::grade_counts` gives them, and their score
    /// (`Plan::score`, which weighs the indicators by their nodes' weights).
    pub fn from_counts(
        ev: &Evaluated,
        counts: Vec<(String, usize)>,
        score: Option<rust_decimal::Decimal>,
        lang: Lang,
    ) -> Grades {
        let score = score.map(|s| match lang {
            Lang::Ja => format!("スコア {s}（最上位の評価を100、最下位を0とした平均）"),
            Lang::En => format!("score {s} (the best grade 100, the worst 0, averaged)"),
        });
        let total: usize = counts.iter().map(|c| c.1).sum();
        let mut bar = Vec::new();
        let mut x = 0.0f64;
        for (label, n) in &counts {
            if *n == 0 || total == 0 {
                continue;
            }
            #[allow(clippy::cast_precision_loss)] // a share of a bar's width
            let w = *n as f64 * 100.0 / total as f64;
            bar.push(Segment {
                x: format!("{x:.3}"),
                width: format!("{w:.3}"),
                class: Badge::of_label(&ev.plan.grading, label, lang).class,
            });
            x += w;
        }
        Grades {
            counts: counts
                .into_iter()
                .map(|(label, n)| Count {
                    badge: Badge::of_label(&ev.plan.grading, &label, lang),
                    n,
                })
                .collect(),
            bar,
            total,
            score,
        }
    }
}

/// A plan on the dashboard.
#[derive(Debug)]
pub struct PlanCard {
    pub href: String,
    pub code: String,
    pub title: String,
    pub period: String,
    pub issuer: String,
    pub version: i64,
    pub indicators: usize,
    pub latest: String,
    pub grades: Grades,
}

/// A change in the list of the latest.
#[derive(Debug)]
pub struct Change {
    pub at: String,
    pub actor: String,
    pub plan_href: String,
    pub plan: String,
    pub what: String,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct Page {
    l: Layout,
    plans: Vec<PlanCard>,
    total: usize,
    page: usize,
    pages: usize,
    prev: Option<String>,
    next: Option<String>,
    changes: Vec<Change>,
}

/// `GET /`.
pub async fn page(
    State(app): State<App>,
    lang: RequestLang,
    Query(params): Query<Params>,
) -> Result<Rendered, PageError> {
    let lang = lang.lang;
    let store_err = |e| PageError::Store(lang, e);
    let list = app.plans().list().await.map_err(store_err)?;
    let pages = list.len().div_ceil(PER_PAGE).max(1);
    let page = params.page.unwrap_or(1).clamp(1, pages);
    let mut plans = Vec::new();
    for summary in list.iter().skip((page - 1) * PER_PAGE).take(PER_PAGE) {
        let Some(ev) = app.plans().get(&summary.code).await.map_err(store_err)? else {
            continue; // removed since the list was read
        };
        plans.push(card(&ev, summary.version, lang));
    }
    let changes = app
        .store()
        .recent_changes(CHANGES)
        .await
        .map_err(store_err)?
        .iter()
        .map(|c| change(c, lang))
        .collect();
    let l = Layout::new(lang, "/").titled(texts_of(lang).dashboard);
    let page_href = |n: usize| format!("/?page={n}");
    render(
        lang,
        &Page {
            l,
            total: list.len(),
            prev: (page > 1).then(|| page_href(page - 1)),
            next: (page < pages).then(|| page_href(page + 1)),
            page,
            pages,
            plans,
            changes,
        },
    )
}

fn texts_of(lang: Lang) -> &'static Texts {
    crate::i18n::texts(lang)
}

fn card(ev: &Evaluated, version: i64, lang: Lang) -> PlanCard {
    let t = texts_of(lang);
    let plan = &ev.plan;
    PlanCard {
        href: format!("/plans/{}", segment(plan.code.as_str())),
        code: plan.code.as_str().to_owned(),
        title: plan.title.clone(),
        period: plan
            .period
            .map(|p| view::period(lang, p))
            .unwrap_or_else(|| "—".into()),
        issuer: plan
            .issuer
            .as_ref()
            .map(|i| i.name.clone())
            .unwrap_or_else(|| "—".into()),
        version,
        indicators: plan.indicators.len(),
        latest: ev
            .fy
            .map(|fy| view::fy(lang, fy))
            .unwrap_or_else(|| t.no_data_year.to_owned()),
        grades: Grades::of(ev, None, lang),
    }
}

/// A change in words: `i1 FY2023 実績値 10 → 12（修正）`.
pub(crate) fn change(c: &RecentChange, lang: Lang) -> Change {
    let t = texts_of(lang);
    let e = &c.entry;
    let entity = match e.entity.as_str() {
        "observation" => t.value,
        "target" => t.target,
        "baseline" => t.baseline,
        other => other,
    };
    let action = match e.action.as_str() {
        "insert" => t.inserted,
        "update" => t.updated,
        "delete" => t.deleted,
        other => other,
    };
    let mut what = String::new();
    if let Some(i) = &e.indicator {
        what.push_str(i);
        what.push(' ');
    }
    if let Some(p) = &e.period {
        match shinchoku_core::period::Period::parse(p) {
            Ok(p) => what.push_str(&view::period(lang, p)),
            Err(_) => what.push_str(p),
        }
        what.push(' ');
    }
    what.push_str(entity);
    match (&e.old_value, &e.new_value) {
        (Some(old), Some(new)) => what.push_str(&format!(" {old} → {new}")),
        (None, Some(new)) => what.push_str(&format!(" {new}")),
        (Some(old), None) => what.push_str(&format!(" {old}")),
        (None, None) => {}
    }
    what.push_str(&match lang {
        Lang::Ja => format!("（{action}）"),
        Lang::En => format!(" ({action})"),
    });
    Change {
        at: e.at.replace('T', " ").trim_end_matches('Z').to_owned(),
        actor: e.actor.clone(),
        plan_href: format!("/plans/{}", segment(&c.plan)),
        plan: c.plan.clone(),
        what,
    }
}
