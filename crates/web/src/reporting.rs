//! A plan's progress report as `shinchoku report` and the web's downloads make it: today's
//! evaluation, or — for a year whose round is closed — the round's record (the values it kept,
//! the grades it froze), with each indicator's self-evaluation in that year's round as its
//! comment. The forms are `shinchoku_report::progress`'s.

use std::collections::HashMap;

use shinchoku_core::evaluate::ForecastMethod;
use shinchoku_core::lang::Lang;
use shinchoku_report::progress::{Report, ReportInput};
use shinchoku_store::{Store, StoreError};

use crate::round::LoadedRound;

/// The progress report of plan `code` in `fy` (default: its latest year with a value); `live`
/// reports today's data even for a closed round's year.
///
/// # Errors
/// The store's (an unknown plan is [`StoreError::NotFound`]).
pub async fn progress_report(
    store: &Store,
    code: &str,
    fy: Option<i32>,
    live: bool,
    lang: Lang,
) -> Result<Report, StoreError> {
    let followed = store.load_plan_as_evaluated(code, None).await?;
    let fy = fy.or_else(|| followed.plan.latest_observed_year());
    let round = match fy {
        Some(fy) => LoadedRound::load(store, code, fy).await?,
        None => None,
    };
    let comments: HashMap<String, String> = round
        .iter()
        .flat_map(|l| &l.round.items)
        .filter_map(|i| {
            let words = i
                .comment
                .clone()
                .filter(|c| !c.trim().is_empty())
                .or_else(|| i.cause.clone().filter(|c| !c.trim().is_empty()))?;
            Some((i.indicator.clone(), words))
        })
        .collect();
    Ok(match round.filter(|l| l.closed() && !live) {
        Some(l) => {
            let evaluations = l.recorded();
            let when: String = l
                .round
                .info
                .closed_at
                .as_deref()
                .unwrap_or_default()
                .chars()
                .take(10)
                .collect();
            Report::of(
                &ReportInput {
                    plan: &l.plan,
                    evaluations: &evaluations,
                    fy,
                    comments: &comments,
                    recorded: Some(&when),
                },
                lang,
            )
        }
        None => {
            let plan = followed.plan;
            let evaluations = fy
                .map(|fy| plan.evaluate(fy, ForecastMethod::Linear))
                .unwrap_or_default();
            Report::of(
                &ReportInput {
                    plan: &plan,
                    evaluations: &evaluations,
                    fy,
                    comments: &comments,
                    recorded: None,
                },
                lang,
            )
        }
    })
}
