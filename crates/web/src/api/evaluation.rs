//! `GET /api/v1/plans/{code}/evaluation?fy=YEAR`: DESIGN.md's evaluation object, with the
//! command line's field names (`shinchoku evaluate --plan CODE --format json`, in
//! `crates/cli/src/output.rs`) — the same plan evaluated in the same year answers the same
//! numbers, digit for digit.

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use shinchoku_core::evaluate::Evaluation as CoreEvaluation;
use shinchoku_core::follow::Borrowed;
use shinchoku_core::indicator::Target;
use shinchoku_core::plan::{Plan, PlanIndicator};
use utoipa::ToSchema;

use super::error::{Path, Query};
use super::schema::{Amount, BorrowedValue, Counts, Number};
use super::{load, ApiError, ErrorBody, FyParam};
use crate::cache::Evaluated;
use crate::i18n::RequestLang;
use crate::App;

/// A plan evaluated in one fiscal year.
#[derive(Debug, Serialize, ToSchema)]
pub struct Evaluation {
    /// The plan's code.
    pub plan: String,
    /// The fiscal year evaluated.
    pub fy: i32,
    /// One evaluation per indicator, in the plan's order.
    pub indicators: Vec<IndicatorEvaluation>,
    /// The whole plan's indicators by grade.
    pub grades: Counts,
    /// The plan's score: each graded indicator's grade worth its place in the scheme (the
    /// best 100, the worst 0), averaged; `null` when none is graded.
    pub score: Option<Number>,
    /// Each node with the grades of the indicators beneath it.
    pub nodes: Vec<NodeGrades>,
}

/// A node's roll-up of grades.
#[derive(Debug, Serialize, ToSchema)]
pub struct NodeGrades {
    /// The node's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The indicators on it and beneath it, by grade.
    pub grades: Counts,
    /// Their score, as the plan's.
    pub score: Option<Number>,
}

/// One indicator evaluated in one year. Ratios are plain fractions (0.624, not 62.4); a metric
/// that cannot be computed is `null` and `reasons` says why.
#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorEvaluation {
    /// The indicator's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its kind (`level`, `period_total`, …).
    pub kind: String,
    /// Its unit.
    pub unit: String,
    /// A(t), the value compared: a number, or a milestone's state.
    #[schema(required = true)]
    pub value: Option<Amount>,
    /// The target: a number, or words.
    #[schema(required = true)]
    pub target: Option<Amount>,
    /// 達成率.
    #[schema(required = true)]
    pub achievement: Option<Number>,
    /// 進捗率.
    #[schema(required = true)]
    pub progress: Option<Number>,
    /// 想定進捗: the share of the way due by this year.
    #[schema(required = true)]
    pub expected: Option<Number>,
    /// progress / expected.
    #[schema(required = true)]
    pub pace: Option<Number>,
    /// `A`, `B`, `C`, `D` (or the plan's own labels), `—` when it cannot be graded.
    pub grade: String,
    /// The value expected at the target period.
    #[schema(required = true)]
    pub forecast: Option<Number>,
    /// What must be gained per remaining year.
    #[schema(required = true)]
    pub required_pace: Option<Number>,
    /// Why metrics are missing or unusual (`no_data`, `no_baseline`, `window_incomplete`, …).
    pub reasons: Vec<String>,
    /// The values up to this year taken from other plans of the same series, each with its
    /// origin; absent when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub borrowed: Vec<BorrowedValue>,
}

impl IndicatorEvaluation {
    /// `e`, the evaluation of `pi` in `fy`; `borrowed` is every value the plan took.
    pub fn of(
        plan: &Plan,
        pi: &PlanIndicator,
        e: &CoreEvaluation,
        borrowed: &[Borrowed],
        fy: i32,
    ) -> IndicatorEvaluation {
        let ind = &pi.indicator;
        let value = match e.state {
            Some(rank) => ind
                .milestone_states()
                .nth(rank)
                .map(|s| Amount::Text(s.to_owned())),
            None => e.value.map(|d| Amount::Number(Number(d))),
        };
        let target = match &ind.target {
            Some(Target { value: Some(v), .. }) => Some(Amount::Number(Number(*v))),
            Some(Target { text: Some(t), .. }) => Some(Amount::Text(t.clone())),
            _ => None,
        };
        let fs = plan.fiscal_start;
        IndicatorEvaluation {
            id: ind.id.clone(),
            name: ind.name.clone(),
            kind: ind.kind.as_str().to_owned(),
            unit: ind.unit.clone(),
            value,
            target,
            achievement: e.achievement.map(Number),
            progress: e.progress.map(Number),
            expected: e.expected.map(Number),
            pace: e.pace.map(Number),
            grade: plan.grading.label(e.grade).to_owned(),
            forecast: e.forecast.map(Number),
            required_pace: e.required_pace.map(Number),
            reasons: e.reasons.iter().map(|r| r.as_str().to_owned()).collect(),
            // A value of a later year is not read by this evaluation.
            borrowed: borrowed
                .iter()
                .filter(|b| b.indicator == ind.id && b.observation.period.end_year(fs) <= fy)
                .map(BorrowedValue::of)
                .collect(),
        }
    }
}

impl Evaluation {
    /// `ev` as the API shows it; `None` if it was not evaluated (no year).
    pub fn of(ev: &Evaluated) -> Option<Evaluation> {
        let fy = ev.fy?;
        let plan = &ev.plan;
        Some(Evaluation {
            plan: plan.code.as_str().to_owned(),
            fy,
            indicators: plan
                .indicators
                .iter()
                .zip(&ev.evaluations)
                .map(|(pi, e)| IndicatorEvaluation::of(plan, pi, e, &ev.borrowed, fy))
                .collect(),
            score: plan.score(&ev.evaluations, None).map(Number),
            grades: Counts(plan.grade_counts(&ev.evaluations, None)),
            nodes: plan
                .nodes
                .iter()
                .zip(plan.grade_counts_by_node(&ev.evaluations))
                .zip(plan.scores_by_node(&ev.evaluations))
                .map(|((n, counts), score)| NodeGrades {
                    id: n.id.clone(),
                    title: n.title.clone(),
                    score: score.map(Number),
                    grades: Counts(counts),
                })
                .collect(),
        })
    }
}

/// The plan evaluated in a fiscal year: every indicator's value, target, metrics and grade,
/// and the grades of the plan and of each node.
#[utoipa::path(
    get,
    path = "/api/v1/plans/{code}/evaluation",
    tag = "read",
    params(
        ("code" = String, Path, description = "The plan's code."),
        ("fy" = Option<i32>, Query, minimum = 1000, maximum = 9999,
         description = "The fiscal year (2024 = FY2024). Without it, the plan's latest fiscal \
                        year with an observation, or the current fiscal year when it has none."),
    ),
    responses(
        (status = 200, description = "The evaluation.", body = Evaluation),
        (status = 400, description = "`fy` is not a year from 1000 to 9999.", body = ErrorBody),
        (status = 404, description = "No such plan.", body = ErrorBody),
    )
)]
pub async fn evaluation(
    State(app): State<App>,
    lang: RequestLang,
    Path(code): Path<String>,
    Query(params): Query<FyParam>,
) -> Result<Json<Evaluation>, ApiError> {
    let lang = lang.lang;
    let asked = params.year(lang)?;
    let ev = load(&app, &code, lang).await?;
    let json = match asked.or(ev.fy) {
        Some(fy) if Some(fy) == ev.fy => Evaluation::of(&ev),
        Some(fy) => Evaluation::of(&ev.in_year(fy)),
        None => Evaluation::of(&ev.in_year(app.current_fy())),
    };
    // `of` gives `None` only for a plan evaluated in no year, which no arm above leaves.
    json.map(Json).ok_or_else(|| {
        tracing::error!(plan = %code, "evaluated in no year");
        ApiError::internal(lang)
    })
}
