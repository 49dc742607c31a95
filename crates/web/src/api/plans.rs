//! `GET /api/v1/plans` and what lies under one plan: its nodes, its indicators, one indicator
//! with its evaluation, and an indicator's observations with the origin of each borrowed one.

use axum::extract::State;
use axum::Json;
use serde::{Deserialize, Serialize};
use shinchoku_core::evaluate::Evaluation as CoreEvaluation;
use shinchoku_core::grading::GradingScheme;
use shinchoku_core::Lang;
use utoipa::ToSchema;

use super::error::{Path, Query};
use super::evaluation::IndicatorEvaluation;
use super::schema::{Amount, Counts, Indicator, Issuer, Node, Origin};
use super::{load, ApiError, ErrorBody, NotFound};
use crate::cache::Evaluated;
use crate::i18n::RequestLang;
use crate::App;

/// Plans per page of the list.
pub const PER_PAGE: usize = 100;

/// One page of the stored plans, by code.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanList {
    /// This page (from 1).
    pub page: u32,
    /// How many pages there are (at least 1).
    pub pages: u32,
    /// Plans per page.
    pub per_page: u32,
    /// Plans stored.
    pub total: u64,
    /// The plans of this page.
    pub plans: Vec<PlanSummary>,
}

/// A plan in the list.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanSummary {
    /// Its code (`yamaguchi-industry-2022`).
    pub code: String,
    /// Its title.
    pub title: String,
    /// Its period (`FY2022-FY2026`); `null` if the document states none.
    #[schema(required = true)]
    pub period: Option<String>,
    /// Who issues it.
    #[schema(required = true)]
    pub issuer: Option<Issuer>,
    /// The current version (1, 2, …).
    pub version: i64,
    /// Nodes of its tree.
    pub nodes: u64,
    /// Indicators.
    pub indicators: u64,
    /// Observations stored for it (not counting values taken from other plans).
    pub observations: u64,
    /// The latest fiscal year with an observation; `null` when it has none.
    #[schema(required = true)]
    pub latest_fy: Option<i32>,
    /// Its indicators by grade in `latest_fy` (every one `—` without data).
    pub grades: Counts,
    /// Its address in this API.
    pub href: String,
}

/// `?page=N`.
#[derive(Debug, Deserialize)]
pub struct PageParam {
    page: Option<String>,
}

/// The stored plans, a page at a time.
#[utoipa::path(
    get,
    path = "/api/v1/plans",
    tag = "read",
    params(
        ("page" = Option<i32>, Query, minimum = 1, description = "The page, from 1 (100 plans a page)."),
    ),
    responses(
        (status = 200, description = "A page of the plans, by code.", body = PlanList),
        (status = 400, description = "`page` is not a whole number from 1.", body = ErrorBody),
    )
)]
pub async fn list(
    State(app): State<App>,
    lang: RequestLang,
    Query(params): Query<PageParam>,
) -> Result<Json<PlanList>, ApiError> {
    let lang = lang.lang;
    // An `i32`, as documented (OpenAPI's int32): a larger number is refused, not clamped.
    let page = match params.page.as_deref().map(str::parse::<i32>) {
        None => 1,
        Some(Ok(n)) if n >= 1 => n.unsigned_abs(),
        Some(_) => {
            return Err(ApiError::bad_request(match lang {
                Lang::Ja => "page は 1 以上の整数で指定してください。".into(),
                Lang::En => "page must be a whole number from 1.".into(),
            }))
        }
    };
    let store_err = |e| ApiError::store(lang, &e);
    app.plans().refresh().await.map_err(store_err)?;
    let list = app.plans().list().await.map_err(store_err)?;
    let skip = usize::try_from(page - 1)
        .unwrap_or(usize::MAX)
        .saturating_mul(PER_PAGE);
    let mut plans = Vec::new();
    for summary in list.iter().skip(skip).take(PER_PAGE) {
        let Some(ev) = app.plans().get(&summary.code).await.map_err(store_err)? else {
            continue; // removed since the list was read
        };
        plans.push(PlanSummary {
            code: summary.code.clone(),
            title: ev.plan.title.clone(),
            period: ev.plan.period.map(|p| p.to_string()),
            issuer: Issuer::of(&ev.plan),
            version: summary.version,
            nodes: count(ev.plan.nodes.len()),
            indicators: count(ev.plan.indicators.len()),
            observations: u64::try_from(summary.observations).unwrap_or(0),
            latest_fy: ev.fy,
            grades: grades(&ev),
            href: format!("/api/v1/plans/{}", crate::pages::segment(&summary.code)),
        });
    }
    let pages = list.len().div_ceil(PER_PAGE).max(1);
    Ok(Json(PlanList {
        page,
        pages: u32::try_from(pages).unwrap_or(u32::MAX),
        per_page: u32::try_from(PER_PAGE).unwrap_or(u32::MAX),
        total: count(list.len()),
        plans,
    }))
}

fn count(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

/// The plan's indicators by grade, every one `—` when it has no data to be evaluated on.
pub fn grades(ev: &Evaluated) -> Counts {
    if ev.evaluations.is_empty() {
        // Not evaluated: each indicator counts as an evaluation without a grade.
        let none = vec![CoreEvaluation::default(); ev.plan.indicators.len()];
        return Counts(ev.plan.grade_counts(&none, None));
    }
    Counts(ev.plan.grade_counts(&ev.evaluations, None))
}

/// A plan: its settings, tree, indicators, roadmap and people.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanDetail {
    /// Its code.
    pub code: String,
    /// Its title.
    pub title: String,
    /// Who issues it.
    #[schema(required = true)]
    pub issuer: Option<Issuer>,
    /// Its period (`FY2022-FY2026`).
    #[schema(required = true)]
    pub period: Option<String>,
    /// The month its fiscal years start in (4 = April).
    pub fiscal_year_start_month: u8,
    /// How its indicators are graded.
    pub grading: Grading,
    /// The document or file it was read from.
    #[schema(required = true)]
    pub source: Option<String>,
    /// The current version.
    pub version: i64,
    /// Its evaluation takes actuals from the same series in other stored plans.
    pub actuals_from_lineage: bool,
    /// The latest fiscal year with an observation (its own or borrowed).
    #[schema(required = true)]
    pub latest_fy: Option<i32>,
    /// The tree, in document order.
    pub nodes: Vec<Node>,
    /// Links between nodes.
    pub links: Vec<Link>,
    /// The indicators, in document order.
    pub indicators: Vec<Indicator>,
    /// The roadmap (工程表).
    pub roadmap: Vec<RoadmapItem>,
    /// Support institutions and their roles.
    pub organizations: Vec<Organization>,
    /// Committee members.
    pub members: Vec<Member>,
}

/// A grading scheme.
#[derive(Debug, Serialize, ToSchema)]
pub struct Grading {
    /// `pace`, `final`, or the plan's own name.
    pub name: String,
    /// Its grades, best first; an indicator that cannot be graded is `—`.
    pub grades: Vec<GradeName>,
}

/// A grade's label and meaning.
#[derive(Debug, Serialize, ToSchema)]
pub struct GradeName {
    /// `A`.
    pub label: String,
    /// `達成`.
    pub name: String,
}

impl Grading {
    fn of(g: &GradingScheme) -> Grading {
        Grading {
            name: g.name.clone(),
            grades: g
                .labels()
                .into_iter()
                .map(|label| GradeName {
                    label: label.to_owned(),
                    name: g
                        .rules
                        .iter()
                        .rev()
                        .find(|r| r.label == label)
                        .map(|r| r.name.clone())
                        .unwrap_or_default(),
                })
                .collect(),
        }
    }
}

/// A typed link between two nodes.
#[derive(Debug, Serialize, ToSchema)]
pub struct Link {
    /// The node it starts from.
    pub from: String,
    /// The node it points to.
    pub to: String,
    /// `corresponds` (対応), `related` (関連) or `relisted` (再掲).
    pub kind: String,
}

/// A roadmap item (工程表).
#[derive(Debug, Serialize, ToSchema)]
pub struct RoadmapItem {
    /// The node it belongs to.
    #[schema(required = true)]
    pub node: Option<String>,
    /// What is done.
    pub title: String,
    /// First year.
    #[schema(required = true)]
    pub start: Option<String>,
    /// Last year.
    #[schema(required = true)]
    pub end: Option<String>,
    /// Notes printed under single years.
    pub notes: Vec<YearNote>,
}

/// A note under one year of the roadmap.
#[derive(Debug, Serialize, ToSchema)]
pub struct YearNote {
    /// The year.
    pub period: String,
    /// The note.
    pub text: String,
}

/// A support institution (支援機関).
#[derive(Debug, Serialize, ToSchema)]
pub struct Organization {
    /// Its name.
    pub name: String,
    /// Its roles, from the plan's vocabulary.
    pub roles: Vec<String>,
}

/// A committee member.
#[derive(Debug, Serialize, ToSchema)]
pub struct Member {
    /// Their organisation.
    #[schema(required = true)]
    pub organization: Option<String>,
    /// Their position.
    #[schema(required = true)]
    pub position: Option<String>,
    /// Their name as printed.
    pub name: String,
    /// Its reading.
    #[schema(required = true)]
    pub reading: Option<String>,
}

/// Where the plan's version comes from: the store's list (one query per change of the data).
async fn version(app: &App, code: &str, lang: Lang) -> Result<i64, ApiError> {
    let list = app
        .plans()
        .list()
        .await
        .map_err(|e| ApiError::store(lang, &e))?;
    Ok(list
        .iter()
        .find(|s| s.code == code)
        .map_or(0, |s| s.version))
}

/// One plan with its tree and indicators.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{code}",
    tag = "read",
    params(("code" = String, Path, description = "The plan's code.")),
    responses(
        (status = 200, description = "The plan.", body = PlanDetail),
        (status = 404, description = "No such plan.", body = ErrorBody),
    )
)]
pub async fn plan(
    State(app): State<App>,
    lang: RequestLang,
    Path(code): Path<String>,
) -> Result<Json<PlanDetail>, ApiError> {
    let lang = lang.lang;
    let ev = load(&app, &code, lang).await?;
    let version = version(&app, &code, lang).await?;
    let p = &ev.plan;
    Ok(Json(PlanDetail {
        code: p.code.as_str().to_owned(),
        title: p.title.clone(),
        issuer: Issuer::of(p),
        period: p.period.map(|p| p.to_string()),
        fiscal_year_start_month: p.fiscal_start.month(),
        grading: Grading::of(&p.grading),
        source: p.source.clone(),
        version,
        actuals_from_lineage: p.actuals_from_lineage,
        latest_fy: ev.fy,
        nodes: p.nodes.iter().map(|n| Node::of(p, n)).collect(),
        links: p
            .links
            .iter()
            .map(|l| Link {
                from: l.from.clone(),
                to: l.to.clone(),
                kind: l.kind.as_str().to_owned(),
            })
            .collect(),
        indicators: p.indicators.iter().map(Indicator::of).collect(),
        roadmap: p
            .roadmap
            .iter()
            .map(|r| RoadmapItem {
                node: r.node.clone(),
                title: r.title.clone(),
                start: r.start.map(|p| p.to_string()),
                end: r.end.map(|p| p.to_string()),
                notes: r
                    .notes
                    .iter()
                    .map(|(period, text)| YearNote {
                        period: period.to_string(),
                        text: text.clone(),
                    })
                    .collect(),
            })
            .collect(),
        organizations: p
            .organizations
            .iter()
            .map(|o| Organization {
                name: o.name.clone(),
                roles: o.roles.clone(),
            })
            .collect(),
        members: p
            .members
            .iter()
            .map(|m| Member {
                organization: m.organization.clone(),
                position: m.position.clone(),
                name: m.name.clone(),
                reading: m.reading.clone(),
            })
            .collect(),
    }))
}

/// A plan's nodes.
#[derive(Debug, Serialize, ToSchema)]
pub struct NodeList {
    /// The plan's code.
    pub plan: String,
    /// Its nodes in document order.
    pub nodes: Vec<Node>,
}

/// The plan's tree, node by node in document order.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{code}/nodes",
    tag = "read",
    params(("code" = String, Path, description = "The plan's code.")),
    responses(
        (status = 200, description = "The plan's nodes.", body = NodeList),
        (status = 404, description = "No such plan.", body = ErrorBody),
    )
)]
pub async fn nodes(
    State(app): State<App>,
    lang: RequestLang,
    Path(code): Path<String>,
) -> Result<Json<NodeList>, ApiError> {
    let ev = load(&app, &code, lang.lang).await?;
    let p = &ev.plan;
    Ok(Json(NodeList {
        plan: p.code.as_str().to_owned(),
        nodes: p.nodes.iter().map(|n| Node::of(p, n)).collect(),
    }))
}

/// A plan's indicators.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorList {
    /// The plan's code.
    pub plan: String,
    /// Its indicators in document order.
    pub indicators: Vec<Indicator>,
}

/// The plan's indicators with their baselines, targets and yearly targets.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{code}/indicators",
    tag = "read",
    params(("code" = String, Path, description = "The plan's code.")),
    responses(
        (status = 200, description = "The plan's indicators.", body = IndicatorList),
        (status = 404, description = "No such plan.", body = ErrorBody),
    )
)]
pub async fn indicators(
    State(app): State<App>,
    lang: RequestLang,
    Path(code): Path<String>,
) -> Result<Json<IndicatorList>, ApiError> {
    let ev = load(&app, &code, lang.lang).await?;
    Ok(Json(IndicatorList {
        plan: ev.plan.code.as_str().to_owned(),
        indicators: ev.plan.indicators.iter().map(Indicator::of).collect(),
    }))
}

/// One indicator, with its evaluation in the plan's latest fiscal year with data.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorDetail {
    /// The plan's code.
    pub plan: String,
    /// The indicator.
    pub indicator: Indicator,
    /// The fiscal year evaluated: the plan's latest with an observation; `null` without one.
    #[schema(required = true)]
    pub fy: Option<i32>,
    /// Its evaluation in `fy`; `null` when the plan has no observation to be evaluated on.
    #[schema(required = true)]
    pub evaluation: Option<IndicatorEvaluation>,
}

/// The indicator at `id` of the plan, with its index, or 404.
fn find<'e>(
    ev: &'e Evaluated,
    id: &str,
    lang: Lang,
) -> Result<(usize, &'e shinchoku_core::plan::PlanIndicator), ApiError> {
    ev.plan
        .indicators
        .iter()
        .enumerate()
        .find(|(_, pi)| pi.indicator.id == id)
        .ok_or(ApiError::not_found(lang, NotFound::Indicator))
}

/// One indicator and its evaluation.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{code}/indicators/{id}",
    tag = "read",
    params(
        ("code" = String, Path, description = "The plan's code."),
        ("id" = String, Path, description = "The indicator's id in the plan."),
    ),
    responses(
        (status = 200, description = "The indicator.", body = IndicatorDetail),
        (status = 404, description = "No such plan, or no such indicator in it.", body = ErrorBody),
    )
)]
pub async fn indicator(
    State(app): State<App>,
    lang: RequestLang,
    Path((code, id)): Path<(String, String)>,
) -> Result<Json<IndicatorDetail>, ApiError> {
    let lang = lang.lang;
    let ev = load(&app, &code, lang).await?;
    let (index, pi) = find(&ev, &id, lang)?;
    let evaluation = match (ev.fy, ev.evaluation(index)) {
        (Some(fy), Some(e)) => Some(IndicatorEvaluation::of(&ev.plan, pi, e, &ev.borrowed, fy)),
        _ => None,
    };
    Ok(Json(IndicatorDetail {
        plan: ev.plan.code.as_str().to_owned(),
        indicator: Indicator::of(pi),
        fy: ev.fy,
        evaluation,
    }))
}

/// An indicator's observations.
#[derive(Debug, Serialize, ToSchema)]
pub struct ObservationList {
    /// The plan's code.
    pub plan: String,
    /// The indicator's id.
    pub indicator: String,
    /// The unit of every value.
    pub unit: String,
    /// Its observations in time order, those taken from other plans included.
    pub observations: Vec<ObservationItem>,
}

/// One observed value (実績値).
#[derive(Debug, Serialize, ToSchema)]
pub struct ObservationItem {
    /// The year or month it is for (`FY2023`, `2019-08`).
    pub period: String,
    /// A number in the indicator's unit, or a milestone's state.
    pub value: Amount,
    /// `final` (確定), `provisional` (速報) or `estimate` (見込).
    pub status: String,
    /// The date it was counted at, when not the period's end (`2019-08`).
    #[schema(required = true)]
    pub as_of: Option<String>,
    /// For a value taken from another plan of the same series, where it comes from; `null`
    /// for the plan's own.
    #[schema(required = true)]
    pub from: Option<Origin>,
}

/// An indicator's observations, each with its status, as-of date and, for a value taken
/// from another plan of the same series, its origin.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{code}/indicators/{id}/observations",
    tag = "read",
    params(
        ("code" = String, Path, description = "The plan's code."),
        ("id" = String, Path, description = "The indicator's id in the plan."),
    ),
    responses(
        (status = 200, description = "The observations.", body = ObservationList),
        (status = 404, description = "No such plan, or no such indicator in it.", body = ErrorBody),
    )
)]
pub async fn observations(
    State(app): State<App>,
    lang: RequestLang,
    Path((code, id)): Path<(String, String)>,
) -> Result<Json<ObservationList>, ApiError> {
    let lang = lang.lang;
    let ev = load(&app, &code, lang).await?;
    let (_, pi) = find(&ev, &id, lang)?;
    let observations = pi
        .observations
        .iter()
        .map(|o| ObservationItem {
            period: o.period.to_string(),
            value: Amount::of_observed(&o.value),
            status: o.status.as_str().to_owned(),
            as_of: o.as_of.map(|p| p.to_string()),
            from: ev
                .origin(&pi.indicator.id, o.period)
                .map(|b| Origin::of(&b.origin)),
        })
        .collect();
    Ok(Json(ObservationList {
        plan: ev.plan.code.as_str().to_owned(),
        indicator: pi.indicator.id.clone(),
        unit: pi.indicator.unit.clone(),
        observations,
    }))
}
