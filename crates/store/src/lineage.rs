//! Lineage: the same indicator across plans and versions, as one history.
//!
//! Indicators share a series when their lineage key is equal (an explicit series key, else
//! the normalised name and unit: `core::diff::lineage_key`). The history of a series is every
//! baseline, target and observation of its indicators in the current version of every plan,
//! in time order: 中小企業のIoT導入率 as 10.1 % in the 2019 progress report, 13.9 % (FY2019) as
//! the baseline of the FY2021–23 plan, 19.3 % (FY2021) as that of the FY2022–26 plan.
//!
//! A plan may also take the values of its series from the other plans (actuals that follow
//! the series, DESIGN.md's `actuals_from_lineage`): [`Store::follow`] offers core's
//! [`follow`](shinchoku_core::follow::follow) every observation, and every baseline of one
//! year, of the same series in the current version of every other stored plan, each with its
//! origin — the plan, its title, and the file the value was read from (for an observation,
//! the file its last write came from as the audit log names it: a document, a plan file,
//! `実績.csv:12`; for a baseline, the document of that plan's version). Core decides which
//! it takes. Two statements per 500 series, whatever the number of plans.

use std::collections::HashMap;

use shinchoku_core::follow::{baseline_observation, follow, Followed, Offer, Origin, Role};
use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::plan::Plan;
use shinchoku_core::Decimal;
use sqlx::{AnyConnection, FromRow};

use crate::audit;
use crate::rows::{self, IndicatorRow, ObservationRow, Placeholders, INDICATORS, OBSERVATIONS};
use crate::{Store, StoreError, Tx};
use shinchoku_core::text::fold_name;

/// One point of a series' history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineagePoint {
    /// The plan it comes from.
    pub plan: String,
    /// That plan's title.
    pub plan_title: String,
    /// The indicator's id there.
    pub indicator: String,
    /// The indicator's name there.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// `baseline`, `observation` or `target`.
    pub role: &'static str,
    /// The period.
    pub period: Option<Period>,
    /// The number.
    pub value: Option<Decimal>,
    /// A state or a target in words.
    pub text: Option<String>,
    /// `final`, `provisional`, `estimate` for observations.
    pub status: Option<String>,
    /// When an observation was counted.
    pub as_of: Option<Period>,
}

impl Store {
    /// The series keys that `query` may mean: the key itself, or every key whose name part
    /// (before `|`) folds to the same name.
    pub async fn series_matching(&self, query: &str) -> Result<Vec<String>, StoreError> {
        let keys: Vec<String> = sqlx::query_scalar("SELECT key FROM series ORDER BY key")
            .fetch_all(self.pool())
            .await?;
        let folded = fold_name(query);
        let mut exact = Vec::new();
        let mut by_name = Vec::new();
        for key in keys {
            if key == query {
                exact.push(key);
            } else if fold_name(key.split('|').next().unwrap_or("")) == folded {
                by_name.push(key);
            }
        }
        Ok(if exact.is_empty() { by_name } else { exact })
    }

    /// The history of series `key` (see the module doc), in time order.
    pub async fn lineage(&self, key: &str) -> Result<Vec<LineagePoint>, StoreError> {
        let indicators = sqlx::query_as::<_, LineageRow>(&format!(
            "SELECT p.id AS plan_id, p.code AS plan_code, v.title AS plan_title, {}
             FROM series s
             JOIN indicators i ON i.series_id = s.id
             JOIN plan_versions v ON v.id = i.version_id
             JOIN plans p ON p.id = v.plan_id AND p.current_version = v.version
             WHERE s.key = $1
             ORDER BY p.code, i.ord",
            INDICATORS.select("i")
        ))
        .bind(key)
        .fetch_all(self.pool())
        .await?;
        let mut points = Vec::new();
        for r in indicators {
            let baseline = r.indicator.baseline()?;
            let target = r.indicator.target()?;
            let ind = r.indicator.key;
            let name = r.indicator.name;
            let unit = r.indicator.unit;
            let point = |role, period, value, text, status, as_of| LineagePoint {
                plan: r.plan_code.clone(),
                plan_title: r.plan_title.clone(),
                indicator: ind.clone(),
                name: name.clone(),
                unit: unit.clone(),
                role,
                period,
                value,
                text,
                status,
                as_of,
            };
            if let Some(b) = baseline {
                points.push(point("baseline", b.period, b.value, b.state, None, None));
            }
            let obs = sqlx::query_as::<_, ObservationRow>(&format!(
                "{} WHERE plan_id = $1 AND indicator_key = $2 AND breakdown = ''",
                OBSERVATIONS.select_from()
            ))
            .bind(r.plan_id)
            .bind(&ind)
            .fetch_all(self.pool())
            .await?;
            for o in obs {
                let o = o.values;
                points.push(point(
                    "observation",
                    Some(rows::period(o.period)?),
                    rows::opt_decimal(o.value_num)?,
                    o.value_state,
                    Some(o.status),
                    rows::opt_period(o.as_of)?,
                ));
            }
            if let Some(t) = target {
                points.push(point("target", t.period, t.value, t.text, None, None));
            }
        }
        // Time order: by the period's last day (a month's count before its fiscal year's
        // end), then targets after what was observed, then plan.
        let fs = shinchoku_core::period::FiscalStart::default();
        let rank = |role: &str| match role {
            "baseline" => 0,
            "observation" => 1,
            _ => 2,
        };
        points.sort_by(|a, b| {
            let ka = (a.as_of.or(a.period).map(|p| p.last_day(fs)), rank(a.role));
            let kb = (b.as_of.or(b.period).map(|p| p.last_day(fs)), rank(b.role));
            ka.cmp(&kb).then_with(|| a.plan.cmp(&b.plan))
        });
        Ok(points)
    }
}

/// An indicator of a series, with the plan it is in.
#[derive(Debug, FromRow)]
struct LineageRow {
    plan_id: i64,
    plan_code: String,
    plan_title: String,
    #[sqlx(flatten)]
    indicator: IndicatorRow,
}

impl Store {
    /// `plan` with the values it takes from the same series in the other stored plans (see
    /// the module doc): what `evaluate --lineage` evaluates. The plan need not be stored; a
    /// stored plan of the same code lends nothing to it.
    pub async fn follow(&self, plan: Plan) -> Result<Followed, StoreError> {
        let mut tx = self.begin_read().await?;
        let offers = offers(tx.conn(), &plan).await?;
        tx.rollback().await?;
        Ok(follow(&plan, &offers))
    }

    /// The plan `code` at `version` (default: the current one) as it is evaluated: with the
    /// values it takes from the same series in other stored plans when its
    /// `actuals_from_lineage` setting is on, else with its own observations only
    /// (`Followed::own`). Plan and offers are read in one transaction.
    pub async fn load_plan_as_evaluated(
        &self,
        code: &str,
        version: Option<i64>,
    ) -> Result<Followed, StoreError> {
        let mut tx = self.begin_read().await?;
        let followed = tx.load_plan_as_evaluated(code, version, false).await?;
        tx.rollback().await?;
        Ok(followed)
    }

    /// The plan `code` at `version` with the values it takes from the same series in other
    /// stored plans, whatever its setting says (`evaluate --plan CODE --lineage`).
    pub async fn load_plan_following(
        &self,
        code: &str,
        version: Option<i64>,
    ) -> Result<Followed, StoreError> {
        let mut tx = self.begin_read().await?;
        let followed = tx.load_plan_as_evaluated(code, version, true).await?;
        tx.rollback().await?;
        Ok(followed)
    }
}

impl Tx {
    /// [`Store::load_plan_as_evaluated`] as this transaction sees it; `always` borrows
    /// whatever the plan's setting says.
    async fn load_plan_as_evaluated(
        &mut self,
        code: &str,
        version: Option<i64>,
        always: bool,
    ) -> Result<Followed, StoreError> {
        let plan = self.load_plan(code, version).await?;
        if !(always || plan.actuals_from_lineage) {
            return Ok(Followed::own(plan));
        }
        let offers = offers(self.conn(), &plan).await?;
        Ok(follow(&plan, &offers))
    }
}

/// Series keys bound per statement, well inside both databases' parameter limits.
const SERIES_PER_STATEMENT: usize = 500;

/// What every other stored plan's current version offers to the series of `plan`.
async fn offers(conn: &mut AnyConnection, plan: &Plan) -> Result<Vec<Offer>, StoreError> {
    let mut keys: Vec<String> = plan
        .indicators
        .iter()
        .map(shinchoku_core::diff::lineage_key)
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let style = Placeholders::of(conn);
    let code = plan.code.as_str();
    let mut out = Vec::new();
    for chunk in keys.chunks(SERIES_PER_STATEMENT) {
        // The lending indicators: one per series and other plan's current version.
        let mut sql = format!(
            "SELECT p.id AS plan_id, p.code AS plan_code, v.title AS plan_title,
                    v.period AS plan_period, v.source AS plan_source,
                    v.fiscal_start_month AS plan_fiscal_start, s.key AS series, {}
             FROM series s
             JOIN indicators i ON i.series_id = s.id
             JOIN plan_versions v ON v.id = i.version_id
             JOIN plans p ON p.id = v.plan_id AND p.current_version = v.version
             WHERE p.code <> {} AND s.key IN ",
            INDICATORS.select("i"),
            param(style, 1),
        );
        push_list_from(style, &mut sql, 2, chunk.len());
        let mut q = sqlx::query_as::<_, LenderRow>(&sql).bind(code);
        for k in chunk {
            q = q.bind(k.as_str());
        }
        let lenders = q.fetch_all(&mut *conn).await?;
        if lenders.is_empty() {
            continue;
        }
        // Their observations (totals only), each with the file its last write came from.
        let mut sql = format!(
            "SELECT {}, {} AS written_from
             FROM observations o
             JOIN plans p ON p.id = o.plan_id
             JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
             JOIN indicators i ON i.version_id = v.id AND i.key = o.indicator_key
             JOIN series s ON s.id = i.series_id
             WHERE o.breakdown = '' AND p.code <> {} AND s.key IN ",
            OBSERVATIONS.select("o"),
            audit::WRITTEN_FROM,
            param(style, 1),
        );
        push_list_from(style, &mut sql, 2, chunk.len());
        let mut q = sqlx::query_as::<_, LentObservationRow>(&sql).bind(code);
        for k in chunk {
            q = q.bind(k.as_str());
        }
        let observations = q.fetch_all(&mut *conn).await?;

        let mut by_indicator: HashMap<(i64, &str), Lender> = HashMap::new();
        for r in &lenders {
            let lender = Lender::of(r)?;
            if let Some(b) = r
                .indicator
                .baseline()?
                .as_ref()
                .and_then(baseline_observation)
            {
                out.push(lender.offer(b, Role::Baseline, r.plan_source.clone()));
            }
            by_indicator.insert((r.plan_id, r.indicator.key.as_str()), lender);
        }
        for r in observations {
            let o = &r.observation.values;
            // Every row joins a lending indicator of the same chunk (the same conditions).
            let Some(lender) = by_indicator.get(&(o.plan_id, o.indicator_key.as_str())) else {
                continue;
            };
            out.push(lender.offer(o.observation()?, Role::Observation, r.written_from));
        }
    }
    Ok(out)
}

/// Parameter `n` in the statement's style.
fn param(style: Placeholders, n: usize) -> String {
    match style {
        Placeholders::Anonymous => "?".into(),
        Placeholders::Numbered => format!("${n}"),
    }
}

/// Appends `(…)`: a list of `n` parameters numbered from `first`.
fn push_list_from(style: Placeholders, sql: &mut String, first: usize, n: usize) {
    let list: Vec<String> = (first..first + n).map(|i| param(style, i)).collect();
    sql.push('(');
    sql.push_str(&list.join(", "));
    sql.push(')');
}

/// A lending indicator, as an offer needs it.
struct Lender {
    series: String,
    kind: shinchoku_core::indicator::IndicatorKind,
    unit: String,
    fiscal_start: FiscalStart,
    origin: Origin,
}

impl Lender {
    fn of(r: &LenderRow) -> Result<Lender, StoreError> {
        let month = r.plan_fiscal_start;
        Ok(Lender {
            series: r.series.clone(),
            kind: r.indicator.kind()?,
            unit: r.indicator.unit.clone(),
            fiscal_start: u8::try_from(month)
                .ok()
                .and_then(FiscalStart::new)
                .ok_or_else(|| StoreError::corrupt(format!("fiscal start month {month}")))?,
            origin: Origin {
                plan: r.plan_code.clone(),
                title: r.plan_title.clone(),
                period: rows::opt_period(r.plan_period.clone())?,
                indicator: r.indicator.key.clone(),
                role: Role::Observation,
                source: None,
            },
        })
    }

    fn offer(
        &self,
        observation: shinchoku_core::indicator::Observation,
        role: Role,
        source: Option<String>,
    ) -> Offer {
        Offer {
            series: self.series.clone(),
            kind: self.kind,
            unit: self.unit.clone(),
            fiscal_start: self.fiscal_start,
            observation,
            origin: Origin {
                role,
                source,
                ..self.origin.clone()
            },
        }
    }
}

/// An indicator of another plan that shares a series with the borrowing plan.
#[derive(Debug, FromRow)]
struct LenderRow {
    plan_id: i64,
    plan_code: String,
    plan_title: String,
    plan_period: Option<String>,
    plan_source: Option<String>,
    plan_fiscal_start: i64,
    series: String,
    #[sqlx(flatten)]
    indicator: IndicatorRow,
}

/// An observation of a lending indicator, with the file its last write came from.
#[derive(Debug, FromRow)]
struct LentObservationRow {
    #[sqlx(flatten)]
    observation: ObservationRow,
    written_from: Option<String>,
}
