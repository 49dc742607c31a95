//! The audit log: every write to a target, a baseline, an observation or an evaluation, with
//! who, when, the old and the new value, and the file or request it came from.
//!
//! Rows are only ever appended, in the same transaction as the change they record, so the log
//! and the data cannot disagree. `shinchoku history --indicator ID` reads it back.

use sqlx::AnyConnection;

use crate::plans::no_plan;
use crate::rows::{self, AuditRow, AuditValues, AUDIT_LOG};
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

/// The file or request the last write of observation `o` (a total) came from, as the audit
/// log names it: a select expression over `observations o`.
pub(crate) const WRITTEN_FROM: &str = "(SELECT a.source FROM audit_log a
     WHERE a.plan_id = o.plan_id AND a.indicator_key = o.indicator_key
       AND a.entity = 'observation' AND a.period = o.period
       AND a.breakdown IS NULL
     ORDER BY a.id DESC LIMIT 1)";

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

impl Change<'_> {
    /// The audit-log row that records this change, made by `actor` at `at`.
    pub(crate) fn row(&self, at: &str, actor: &Actor) -> AuditValues {
        AuditValues {
            at: at.to_owned(),
            actor: actor.name.clone(),
            source: actor.source.clone(),
            entity: self.entity.to_owned(),
            action: self.action.to_owned(),
            plan_id: Some(self.plan_id),
            plan_version: self.plan_version,
            indicator_key: self.indicator_key.map(str::to_owned),
            period: self.period.map(str::to_owned),
            breakdown: self.breakdown.filter(|b| !b.is_empty()).map(str::to_owned),
            old_value: self.old_value.map(str::to_owned),
            new_value: self.new_value.map(str::to_owned),
        }
    }
}

/// Appends one entry. (Many at once: collect their [`Change::row`]s and [`rows::insert`]
/// them.)
pub(crate) async fn write(
    conn: &mut AnyConnection,
    actor: &Actor,
    c: &Change<'_>,
) -> Result<(), StoreError> {
    rows::insert(conn, &[c.row(&now_utc(), actor)]).await
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
        let rows = sqlx::query_as::<_, AuditRow>(&format!(
            "{} WHERE plan_id = $1 AND indicator_key = $2 ORDER BY id",
            AUDIT_LOG.select_from()
        ))
        .bind(plan_id)
        .bind(indicator)
        .fetch_all(tx.conn())
        .await?;
        tx.rollback().await?;
        Ok(rows.into_iter().map(entry).collect())
    }
}

/// An audit-log row as the API shows it.
pub(crate) fn entry(r: AuditRow) -> AuditEntry {
    let v = r.values;
    AuditEntry {
        id: r.id,
        at: v.at,
        actor: v.actor,
        source: v.source,
        entity: v.entity,
        action: v.action,
        plan_version: v.plan_version,
        indicator: v.indicator_key,
        period: v.period,
        breakdown: v.breakdown,
        old_value: v.old_value,
        new_value: v.new_value,
    }
}
