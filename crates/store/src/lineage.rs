//! Lineage: the same indicator across plans and versions, as one history.
//!
//! Indicators share a series when their lineage key is equal (an explicit series key, else
//! the normalised name and unit: `core::diff::lineage_key`). The history of a series is every
//! baseline, target and observation of its indicators in the current version of every plan,
//! in time order: 中小企業のIoT導入率 as 10.1 % in the 2019 progress report, 13.9 % (FY2019) as
//! the baseline of the FY2021–23 plan, 19.3 % (FY2021) as that of the FY2022–26 plan.

use shinchoku_core::period::Period;
use shinchoku_core::Decimal;
use sqlx::Row;

use crate::plans::{opt_decimal, opt_period};
use crate::{Store, StoreError};
use shinchoku_core::diff::fold_name;

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
        let rows = sqlx::query("SELECT key FROM series ORDER BY key")
            .fetch_all(self.pool())
            .await?;
        let folded = fold_name(query);
        let mut exact = Vec::new();
        let mut by_name = Vec::new();
        for r in rows {
            let key: String = r.try_get(0)?;
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
        let indicators = sqlx::query(
            "SELECT p.id, p.code, v.title, i.key, i.name, i.unit, v.fiscal_start_month,
                    i.has_baseline, i.baseline_value, i.baseline_period, i.baseline_state,
                    i.has_target, i.target_value, i.target_period, i.target_text
             FROM series s
             JOIN indicators i ON i.series_id = s.id
             JOIN plan_versions v ON v.id = i.version_id
             JOIN plans p ON p.id = v.plan_id AND p.current_version = v.version
             WHERE s.key = $1
             ORDER BY p.code, i.ord",
        )
        .bind(key)
        .fetch_all(self.pool())
        .await?;
        let mut points = Vec::new();
        for r in &indicators {
            let plan_id: i64 = r.try_get(0)?;
            let plan: String = r.try_get(1)?;
            let plan_title: String = r.try_get(2)?;
            let ind: String = r.try_get(3)?;
            let name: String = r.try_get(4)?;
            let unit: String = r.try_get(5)?;
            let point = |role, period, value, text, status, as_of| LineagePoint {
                plan: plan.clone(),
                plan_title: plan_title.clone(),
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
            if r.try_get::<i64, _>(7)? != 0 {
                points.push(point(
                    "baseline",
                    opt_period(r.try_get(9)?)?,
                    opt_decimal(r.try_get(8)?)?,
                    r.try_get(10)?,
                    None,
                    None,
                ));
            }
            let obs = sqlx::query(
                "SELECT period, value_num, value_state, status, as_of FROM observations
                 WHERE plan_id = $1 AND indicator_key = $2 AND breakdown = ''",
            )
            .bind(plan_id)
            .bind(&ind)
            .fetch_all(self.pool())
            .await?;
            for o in obs {
                points.push(point(
                    "observation",
                    opt_period(o.try_get(0)?)?,
                    opt_decimal(o.try_get(1)?)?,
                    o.try_get(2)?,
                    o.try_get(3)?,
                    opt_period(o.try_get(4)?)?,
                ));
            }
            if r.try_get::<i64, _>(11)? != 0 {
                points.push(point(
                    "target",
                    opt_period(r.try_get(13)?)?,
                    opt_decimal(r.try_get(12)?)?,
                    r.try_get(14)?,
                    None,
                    None,
                ));
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
