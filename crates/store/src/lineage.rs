//! Lineage: the same indicator across plans and versions, as one history.
//!
//! Indicators share a series when their lineage key is equal (an explicit series key, else
//! the normalised name and unit: `core::diff::lineage_key`). The history of a series is every
//! baseline, target and observation of its indicators in the current version of every plan,
//! in time order: 中小企業のIoT導入率 as 10.1 % in the 2019 progress report, 13.9 % (FY2019) as
//! the baseline of the FY2021–23 plan, 19.3 % (FY2021) as that of the FY2022–26 plan.

use shinchoku_core::period::Period;
use shinchoku_core::Decimal;
use sqlx::FromRow;

use crate::rows::{self, IndicatorRow, ObservationRow, INDICATORS, OBSERVATIONS};
use crate::{Store, StoreError};
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
