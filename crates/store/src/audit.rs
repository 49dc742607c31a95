//! The audit log: every write to a target, a baseline, an observation or an evaluation, with
//! who, when, the old and the new value, and the file or request it came from.
//!
//! Rows are only ever appended, in the same transaction as the change they record, so the log
//! and the data cannot disagree. `shinchoku history --indicator ID` reads it back.

use sqlx::{AnyConnection, Row};

use crate::plans::no_plan;
use crate::time::now_utc;
use crate::{Actor, Store, StoreError};

/// One change as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// Order of writing.
    pub id: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who.
    pub actor: String,
    /// From what file or request (`actuals.csv:12`).
    pub source: Option<String>,
    /// `observation`, `target`, `baseline`, `plan`.
    pub entity: String,
    /// `insert`, `update` or `delete`.
    pub action: String,
    /// The plan version the change came with (targets and baselines).
    pub plan_version: Option<i64>,
    /// The indicator's id in the plan.
    pub indicator: Option<String>,
    /// The period of an observation.
    pub period: Option<String>,
    /// The breakdown of an observation (`性別=女性`), `None` for a total.
    pub breakdown: Option<String>,
    /// The value before.
    pub old_value: Option<String>,
    /// The value after.
    pub new_value: Option<String>,
}

/// A change to record.
#[derive(Debug)]
pub(crate) struct Change<'a> {
    pub entity: &'a str,
    pub action: &'a str,
    pub plan_id: i64,
    pub plan_version: Option<i64>,
    pub indicator_key: Option<&'a str>,
    pub period: Option<&'a str>,
    pub breakdown: Option<&'a str>,
    pub old_value: Option<&'a str>,
    pub new_value: Option<&'a str>,
}

/// Appends one entry.
pub(crate) async fn write(
    conn: &mut AnyConnection,
    actor: &Actor,
    c: &Change<'_>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor, source, entity, action, plan_id, plan_version,
             indicator_key, period, breakdown, old_value, new_value)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(now_utc())
    .bind(&actor.name)
    .bind(actor.source.clone())
    .bind(c.entity)
    .bind(c.action)
    .bind(c.plan_id)
    .bind(c.plan_version)
    .bind(c.indicator_key)
    .bind(c.period)
    .bind(c.breakdown.filter(|b| !b.is_empty()))
    .bind(c.old_value)
    .bind(c.new_value)
    .execute(conn)
    .await?;
    Ok(())
}

impl Store {
    /// Every recorded change to indicator `indicator` of plan `code` (its targets, baseline
    /// and observations), oldest first.
    pub async fn history(
        &self,
        code: &str,
        indicator: &str,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let mut tx = self.begin_read().await?;
        let (plan_id, _) = crate::plans::plan_id(tx.conn(), code)
            .await?
            .ok_or_else(|| no_plan(code))?;
        let rows = sqlx::query(
            "SELECT id, at, actor, source, entity, action, plan_version, indicator_key, period,
                    breakdown, old_value, new_value
             FROM audit_log WHERE plan_id = $1 AND indicator_key = $2 ORDER BY id",
        )
        .bind(plan_id)
        .bind(indicator)
        .fetch_all(tx.conn())
        .await?;
        tx.rollback().await?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    id: r.try_get(0)?,
                    at: r.try_get(1)?,
                    actor: r.try_get(2)?,
                    source: r.try_get(3)?,
                    entity: r.try_get(4)?,
                    action: r.try_get(5)?,
                    plan_version: r.try_get(6)?,
                    indicator: r.try_get(7)?,
                    period: r.try_get(8)?,
                    breakdown: r.try_get(9)?,
                    old_value: r.try_get(10)?,
                    new_value: r.try_get(11)?,
                })
            })
            .collect()
    }
}
