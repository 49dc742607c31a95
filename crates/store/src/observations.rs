//! Actual values (実績値): one row per plan, indicator, period and breakdown, with a version
//! that counts its writes.
//!
//! Two ways in: a merge (a plan file's inline observations, a document's progress entries)
//! that replaces a different value as a new version, and an edit ([`Store::record`]) that may
//! carry the version it was based on — if another write came in between, it is refused as a
//! conflict. Both write the audit log. An edit checks the value against the indicator's kind:
//! a milestone takes one of its states, every other kind a number.

use shinchoku_core::actuals::{check_value, in_own_unit};
use shinchoku_core::indicator::{IndicatorKind, Observation, ObservationStatus, ObservedValue};
use shinchoku_core::period::Period;
use shinchoku_core::plan::Plan;
use shinchoku_core::quantity::Unit;
use sqlx::AnyConnection;

use crate::audit::{self, Change};
use crate::error::{Missing, Refusal};
use crate::plans::{no_plan, plan_id};
use crate::rows::{
    self, IndicatorRow, ObservationRow, ObservationValues, INDICATORS, OBSERVATIONS,
};
use crate::time::now_utc;
use crate::{Actor, Store, StoreError};

/// How many observations a merge wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct ObsCounts {
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
}

/// An edit of one observation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObservationWrite {
    /// The plan's code.
    pub plan: String,
    /// The indicator's id in the plan.
    pub indicator: String,
    /// The year (or month) the value is for.
    pub period: Period,
    /// `breakdown` as `性別=女性;地域=岩国` (keys sorted), empty for a total.
    pub breakdown: String,
    /// The value; `None` deletes the observation.
    pub value: Option<ObservedValue>,
    /// The unit a number was written with (`%` of `22.5%`); empty for a bare number or a
    /// state. A unit other than the indicator's own (or of its scale family) is refused.
    pub unit: Unit,
    /// How sure it is.
    pub status: ObservationStatus,
    /// When it was counted, if not at the period's end.
    pub as_of: Option<Period>,
    /// Where it comes from (資料).
    pub source: Option<String>,
    /// A note.
    pub note: Option<String>,
    /// The version the edit was based on: `Some(0)` means "there was none", `None` writes
    /// whatever is stored (an import). A mismatch is a conflict.
    pub expected_version: Option<i64>,
}

/// What an edit did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordOutcome {
    /// The observation's version now (0 once deleted).
    pub version: i64,
    /// The value before, as text (`28`, `実施中`), if there was one.
    pub old_value: Option<String>,
    /// Nothing changed: the same value was already stored.
    pub unchanged: bool,
}

/// One stored observation (a total) with what a reader asks of it beside its value: its
/// source (資料), note, version, when and by whom it was last written, and the file or
/// request that write came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ObservationRecord {
    /// The value, its period, status and as-of, as core holds it.
    pub observation: Observation,
    /// Where the value comes from (資料), as the actuals file or form gave it.
    pub source: Option<String>,
    /// A note.
    pub note: Option<String>,
    /// Counts the writes of this value.
    pub version: i64,
    /// When it was last written (RFC 3339, UTC).
    pub updated_at: String,
    /// Who wrote it last.
    pub updated_by: String,
    /// The file or request its last write came from, as the audit log names it (a plan
    /// file, a document, `実績.csv:12`).
    pub written_from: Option<String>,
}

/// The stored form of a value: (value_num, value_state).
fn columns(v: &ObservedValue) -> (Option<String>, Option<String>) {
    match v {
        ObservedValue::Number(d) => (Some(d.to_string()), None),
        ObservedValue::State(s) => (None, Some(s.clone())),
    }
}

/// A value as the audit log shows it: `28`, `実施中`, `30 (provisional, as of 2024-09)`.
pub(crate) fn value_text(
    num: Option<&str>,
    state: Option<&str>,
    status: &str,
    as_of: Option<&str>,
) -> String {
    let mut s = num.or(state).unwrap_or("").to_owned();
    match (status, as_of) {
        ("final", None) => {}
        ("final", Some(a)) => s.push_str(&format!(" (as of {a})")),
        (st, None) => s.push_str(&format!(" ({st})")),
        (st, Some(a)) => s.push_str(&format!(" ({st}, as of {a})")),
    }
    s
}

/// The value of a stored observation as the audit log shows it.
fn stored_text(s: &ObservationValues) -> String {
    value_text(
        s.value_num.as_deref(),
        s.value_state.as_deref(),
        &s.status,
        s.as_of.as_deref(),
    )
}

/// The observation stored under one key, if any.
async fn stored(
    conn: &mut AnyConnection,
    plan_id: i64,
    key: &str,
    period: &str,
    breakdown: &str,
) -> Result<Option<ObservationRow>, StoreError> {
    Ok(sqlx::query_as::<_, ObservationRow>(&format!(
        "{} WHERE plan_id = $1 AND indicator_key = $2 AND period = $3 AND breakdown = $4",
        OBSERVATIONS.select_from()
    ))
    .bind(plan_id)
    .bind(key)
    .bind(period)
    .bind(breakdown)
    .fetch_optional(&mut *conn)
    .await?)
}

/// Writes `o` unless the same value is stored: a new row (version 1) or a new version of the
/// stored one. `source`/`note` replace the stored ones only when given.
#[allow(clippy::too_many_arguments)]
pub(crate) async fn merge(
    conn: &mut AnyConnection,
    plan_id: i64,
    key: &str,
    o: &Observation,
    breakdown: &str,
    source: Option<&str>,
    note: Option<&str>,
    actor: &Actor,
    counts: &mut ObsCounts,
) -> Result<(), StoreError> {
    let period_s = o.period.to_string();
    let (num, state) = columns(&o.value);
    let as_of = o.as_of.map(|p| p.to_string());
    let current = stored(conn, plan_id, key, &period_s, breakdown).await?;
    let row = ObsRow {
        plan_id,
        key,
        period: &period_s,
        breakdown,
        num,
        state,
        status: o.status.as_str(),
        as_of,
        source,
        note,
    };
    match write_one(conn, &row, current, actor).await? {
        Written::Inserted => counts.inserted += 1,
        Written::Updated { .. } => counts.updated += 1,
        Written::Unchanged { .. } => counts.unchanged += 1,
    }
    Ok(())
}

/// One observation to write, in its stored form.
struct ObsRow<'a> {
    plan_id: i64,
    key: &'a str,
    period: &'a str,
    breakdown: &'a str,
    num: Option<String>,
    state: Option<String>,
    status: &'a str,
    as_of: Option<String>,
    source: Option<&'a str>,
    note: Option<&'a str>,
}

/// What [`write_one`] did.
enum Written {
    Inserted,
    Updated { old: String, version: i64 },
    Unchanged { old: String, version: i64 },
}

/// Writes `row` over `current` (what is stored under its key, as read in this transaction):
/// a new row at version 1, nothing if the same value is stored, or the next version — only if
/// the stored one is still the version read (another process may have written since: then a
/// conflict, never an overwrite). `source`/`note` replace the stored ones only when given.
/// The audit entry is written with it.
async fn write_one(
    conn: &mut AnyConnection,
    row: &ObsRow<'_>,
    current: Option<ObservationRow>,
    actor: &Actor,
) -> Result<Written, StoreError> {
    let now = now_utc();
    let new_text = value_text(
        row.num.as_deref(),
        row.state.as_deref(),
        row.status,
        row.as_of.as_deref(),
    );
    let Some(ObservationRow { id, values: s }) = current else {
        let new = ObservationValues {
            plan_id: row.plan_id,
            indicator_key: row.key.to_owned(),
            period: row.period.to_owned(),
            breakdown: row.breakdown.to_owned(),
            value_num: row.num.clone(),
            value_state: row.state.clone(),
            status: row.status.to_owned(),
            as_of: row.as_of.clone(),
            source: row.source.map(str::to_owned),
            note: row.note.map(str::to_owned),
            version: 1,
            updated_at: now,
            updated_by: actor.name.clone(),
        };
        rows::insert(conn, &[new]).await?;
        audit_obs(conn, actor, row, "insert", None, Some(&new_text)).await?;
        return Ok(Written::Inserted);
    };
    let old = stored_text(&s);
    let same = s.value_num == row.num
        && s.value_state == row.state
        && s.status == row.status
        && s.as_of == row.as_of
        && row.source.is_none_or(|x| s.source.as_deref() == Some(x))
        && row.note.is_none_or(|x| s.note.as_deref() == Some(x));
    if same {
        return Ok(Written::Unchanged {
            old,
            version: s.version,
        });
    }
    let done = sqlx::query(
        "UPDATE observations SET value_num = $1, value_state = $2, status = $3, as_of = $4,
             source = COALESCE($5, source), note = COALESCE($6, note),
             version = version + 1, updated_at = $7, updated_by = $8
         WHERE id = $9 AND version = $10",
    )
    .bind(row.num.clone())
    .bind(row.state.clone())
    .bind(row.status)
    .bind(row.as_of.clone())
    .bind(row.source)
    .bind(row.note)
    .bind(&now)
    .bind(&actor.name)
    .bind(id)
    .bind(s.version)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if done != 1 {
        return Err(StoreError::Conflict {
            what: format!("{} {}", row.key, row.period),
            expected: Some(s.version),
            found: None,
        });
    }
    audit_obs(conn, actor, row, "update", Some(&old), Some(&new_text)).await?;
    Ok(Written::Updated {
        old,
        version: s.version + 1,
    })
}

async fn audit_obs(
    conn: &mut AnyConnection,
    actor: &Actor,
    row: &ObsRow<'_>,
    action: &str,
    old: Option<&str>,
    new: Option<&str>,
) -> Result<(), StoreError> {
    audit::write(
        conn,
        actor,
        &Change {
            entity: "observation",
            action,
            plan_id: row.plan_id,
            plan_version: None,
            indicator_key: Some(row.key),
            period: Some(row.period),
            breakdown: Some(row.breakdown),
            old_value: old,
            new_value: new,
        },
    )
    .await
}

/// Puts the stored totals (no breakdown) on the plan's indicators, in time order.
pub(crate) async fn attach(
    conn: &mut AnyConnection,
    plan_id: i64,
    plan: &mut Plan,
) -> Result<(), StoreError> {
    let rows = sqlx::query_as::<_, ObservationRow>(&format!(
        "{} WHERE plan_id = $1 AND breakdown = ''",
        OBSERVATIONS.select_from()
    ))
    .bind(plan_id)
    .fetch_all(&mut *conn)
    .await?;
    let index: std::collections::HashMap<String, usize> = plan
        .indicators
        .iter()
        .enumerate()
        .map(|(i, pi)| (pi.indicator.id.clone(), i))
        .collect();
    for r in rows {
        // Actuals of an indicator this version no longer has stay stored, unseen.
        let Some(&i) = index.get(&r.values.indicator_key) else {
            continue;
        };
        plan.indicators[i]
            .observations
            .push(r.values.observation()?);
    }
    let fs = plan.fiscal_start;
    for pi in &mut plan.indicators {
        pi.observations
            .sort_by_key(|o| (o.period.last_day(fs), o.period, o.as_of));
    }
    Ok(())
}

/// The kind, states and unit of indicator `key` in the plan's current version.
pub(crate) async fn indicator_kind(
    conn: &mut AnyConnection,
    plan_id: i64,
    version: i64,
    key: &str,
) -> Result<Option<(IndicatorKind, Vec<String>, String)>, StoreError> {
    let row = sqlx::query_as::<_, IndicatorRow>(&format!(
        "SELECT {} FROM indicators i
         JOIN plan_versions v ON v.id = i.version_id
         WHERE v.plan_id = $1 AND v.version = $2 AND i.key = $3",
        INDICATORS.select("i")
    ))
    .bind(plan_id)
    .bind(version)
    .bind(key)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        None => Ok(None),
        Some(r) => Ok(Some((r.kind()?, r.states()?, r.unit))),
    }
}

impl Store {
    /// Writes (or, with no value, deletes) one observation, refusing a stale edit (see
    /// [`ObservationWrite::expected_version`]). One transaction; the audit log included.
    pub async fn record(
        &self,
        w: &ObservationWrite,
        actor: &Actor,
    ) -> Result<RecordOutcome, StoreError> {
        let mut tx = self.begin().await?;
        let conn = tx.conn();
        let (plan_id, version) = plan_id(conn, &w.plan)
            .await?
            .ok_or_else(|| no_plan(&w.plan))?;
        let (kind, states, unit) = indicator_kind(conn, plan_id, version, &w.indicator)
            .await?
            .ok_or_else(|| {
                StoreError::NotFound(Missing::Indicator {
                    plan: w.plan.clone(),
                    indicator: w.indicator.clone(),
                })
            })?;
        let refused = |r| StoreError::Invalid(Refusal::Value(r));
        let value = match w.value.clone() {
            Some(v) => {
                check_value(kind, &states, &v).map_err(refused)?;
                Some(in_own_unit(&unit, v, &w.unit).map_err(refused)?)
            }
            None => None,
        };
        let texts = [
            w.source.as_deref(),
            w.note.as_deref(),
            Some(w.breakdown.as_str()),
        ];
        if texts.iter().flatten().any(|t| t.contains('\0')) {
            return Err(StoreError::Invalid(Refusal::EditNul));
        }
        let period_s = w.period.to_string();
        let what = || {
            let mut s = format!("{} {} {}", w.plan, w.indicator, period_s);
            if !w.breakdown.is_empty() {
                s.push_str(&format!(" [{}]", w.breakdown));
            }
            s
        };
        let current = stored(conn, plan_id, &w.indicator, &period_s, &w.breakdown).await?;
        let found = current.as_ref().map(|s| s.values.version);
        if let Some(expected) = w.expected_version {
            if found.unwrap_or(0) != expected {
                return Err(StoreError::Conflict {
                    what: what(),
                    expected: Some(expected),
                    found,
                });
            }
        }
        let outcome = match (&value, current) {
            (None, None) => RecordOutcome {
                version: 0,
                old_value: None,
                unchanged: true,
            },
            (None, Some(s)) => {
                // The version check is in the statement too: another process may have written
                // since we read (PostgreSQL's READ COMMITTED does not stop it).
                let done = sqlx::query("DELETE FROM observations WHERE id = $1 AND version = $2")
                    .bind(s.id)
                    .bind(s.values.version)
                    .execute(&mut *conn)
                    .await?
                    .rows_affected();
                if done != 1 {
                    return Err(StoreError::Conflict {
                        what: what(),
                        expected: Some(s.values.version),
                        found: None,
                    });
                }
                let old = stored_text(&s.values);
                let row = ObsRow {
                    plan_id,
                    key: &w.indicator,
                    period: &period_s,
                    breakdown: &w.breakdown,
                    num: None,
                    state: None,
                    status: w.status.as_str(),
                    as_of: None,
                    source: None,
                    note: None,
                };
                audit_obs(conn, actor, &row, "delete", Some(&old), None).await?;
                RecordOutcome {
                    version: 0,
                    old_value: Some(old),
                    unchanged: false,
                }
            }
            (Some(v), current) => {
                let (num, state) = columns(v);
                let row = ObsRow {
                    plan_id,
                    key: &w.indicator,
                    period: &period_s,
                    breakdown: &w.breakdown,
                    num,
                    state,
                    status: w.status.as_str(),
                    as_of: w.as_of.map(|p| p.to_string()),
                    source: w.source.as_deref(),
                    note: w.note.as_deref(),
                };
                match write_one(conn, &row, current, actor).await {
                    Ok(Written::Inserted) => RecordOutcome {
                        version: 1,
                        old_value: None,
                        unchanged: false,
                    },
                    Ok(Written::Updated { old, version }) => RecordOutcome {
                        version,
                        old_value: Some(old),
                        unchanged: false,
                    },
                    Ok(Written::Unchanged { old, version }) => RecordOutcome {
                        version,
                        old_value: Some(old),
                        unchanged: true,
                    },
                    // A concurrent first write of the same key took the row first (the
                    // unique constraint: PostgreSQL's READ COMMITTED lets two transactions
                    // see no row); for an edit based on a version that is the same stale
                    // edit as a changed version.
                    Err(StoreError::Conflict {
                        expected, found, ..
                    }) => {
                        return Err(StoreError::Conflict {
                            what: what(),
                            expected: expected.or(w.expected_version),
                            found,
                        })
                    }
                    Err(e) => return Err(e),
                }
            }
        };
        tx.commit().await?;
        Ok(outcome)
    }

    /// The stored observations (totals, no breakdown) of indicator `indicator` of plan
    /// `code`, in the order they were first written; empty for an indicator with none (or
    /// none of that id). One statement.
    pub async fn observation_records(
        &self,
        code: &str,
        indicator: &str,
    ) -> Result<Vec<ObservationRecord>, StoreError> {
        let mut tx = self.begin_read().await?;
        let (plan_id, _) = plan_id(tx.conn(), code)
            .await?
            .ok_or_else(|| no_plan(code))?;
        let rows = sqlx::query_as::<_, RecordRow>(&format!(
            "SELECT {}, {} AS written_from FROM observations o
             WHERE o.plan_id = $1 AND o.indicator_key = $2 AND o.breakdown = ''
             ORDER BY o.id",
            OBSERVATIONS.select("o"),
            audit::WRITTEN_FROM,
        ))
        .bind(plan_id)
        .bind(indicator)
        .fetch_all(tx.conn())
        .await?;
        tx.rollback().await?;
        rows.into_iter()
            .map(|r| {
                let v = r.row.values;
                Ok(ObservationRecord {
                    observation: v.observation()?,
                    source: v.source,
                    note: v.note,
                    version: v.version,
                    updated_at: v.updated_at,
                    updated_by: v.updated_by,
                    written_from: r.written_from,
                })
            })
            .collect()
    }

    /// The stored version of one observation (0 when there is none): what an edit form shows
    /// and sends back as [`ObservationWrite::expected_version`].
    pub async fn observation_version(
        &self,
        plan: &str,
        indicator: &str,
        period: Period,
        breakdown: &str,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin_read().await?;
        let (plan_id, _) = plan_id(tx.conn(), plan)
            .await?
            .ok_or_else(|| no_plan(plan))?;
        let s = stored(
            tx.conn(),
            plan_id,
            indicator,
            &period.to_string(),
            breakdown,
        )
        .await?;
        tx.rollback().await?;
        Ok(s.map_or(0, |s| s.values.version))
    }
}

/// An observation row with the file its last write came from.
#[derive(Debug, sqlx::FromRow)]
struct RecordRow {
    #[sqlx(flatten)]
    row: ObservationRow,
    written_from: Option<String>,
}
