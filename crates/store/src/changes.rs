//! What changed, for readers that keep results between requests: a stamp that moves with every
//! write, and the latest changes across all plans.
//!
//! The web application caches evaluated plans and asks for the [`DataStamp`] on each request; a
//! write by any process (a CLI import, another server) moves it, so the next request sees the
//! write. Every write to a target, baseline or observation appends to the audit log, and every
//! new plan version adds a `plan_versions` row, so the two largest ids and the number of plans
//! move with every write that changes what a page shows.

use sqlx::FromRow;

use crate::rows::{AuditRow, AUDIT_LOG};
use crate::{AuditEntry, Store, StoreError};

/// A value that differs after any write to plans or observations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DataStamp {
    audit: i64,
    versions: i64,
    plans: i64,
}

#[derive(FromRow)]
struct StampRow {
    audit: i64,
    versions: i64,
    plans: i64,
}

/// One entry of the latest changes, with the plan it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentChange {
    /// The plan's code.
    pub plan: String,
    /// The change.
    pub entry: AuditEntry,
}

#[derive(FromRow)]
struct RecentRow {
    code: String,
    #[sqlx(flatten)]
    row: AuditRow,
}

impl Store {
    /// The stamp of the data as it is now: three index lookups.
    pub async fn data_stamp(&self) -> Result<DataStamp, StoreError> {
        let row = sqlx::query_as::<_, StampRow>(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM audit_log) AS audit,
                    (SELECT COALESCE(MAX(id), 0) FROM plan_versions) AS versions,
                    (SELECT COUNT(*) FROM plans) AS plans",
        )
        .fetch_one(self.pool())
        .await?;
        Ok(DataStamp {
            audit: row.audit,
            versions: row.versions,
            plans: row.plans,
        })
    }

    /// The `limit` latest changes to targets, baselines and observations of every plan, newest
    /// first.
    pub async fn recent_changes(&self, limit: u32) -> Result<Vec<RecentChange>, StoreError> {
        let rows = sqlx::query_as::<_, RecentRow>(&format!(
            "SELECT p.code, {} FROM audit_log a JOIN plans p ON p.id = a.plan_id
             ORDER BY a.id DESC LIMIT $1",
            AUDIT_LOG.select("a")
        ))
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|r| RecentChange {
                plan: r.code,
                entry: crate::audit::entry(r.row),
            })
            .collect())
    }
}
