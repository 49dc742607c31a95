//! The yearly evaluation round as stored: a `rounds` row per plan and fiscal year, an
//! `evaluations` row per item (indicator), and `evaluation_comments` for reviews' comments and
//! the reasons of returns (DESIGN.md → The yearly evaluation round; the rules are core's
//! [`shinchoku_core::round`], applied by the caller).
//!
//! Every change of an item carries the version it was based on (a stale one is a
//! [`StoreError::Conflict`], as for observations) and is in the audit log (`evaluation`, with the
//! stage and state before and after). When an item is confirmed, or its round closed, the
//! caller hands over the computed figures (grade, value, achievement, progress) to freeze: the
//! round's record then no longer follows the actual values, which stay revisable.

use serde_json::{json, Value};
use shinchoku_core::indicator::{Observation, ObservationStatus, ObservedValue};
use sqlx::FromRow;

use crate::audit::{self, Change};
use crate::plans::{no_plan, plan_id};
use crate::time::now_utc;
use crate::{Actor, Store, StoreError};

/// A round, as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundInfo {
    /// The plan's code.
    pub plan: String,
    /// The fiscal year.
    pub fy: i32,
    /// `open` or `closed`.
    pub state: String,
    /// The due date, `YYYY-MM-DD`.
    pub due: String,
    /// The stages in order, `self,first`.
    pub stages: String,
    /// The plan version it reviews.
    pub plan_version: i64,
    /// When and by whom it was opened.
    pub opened_at: String,
    /// Who opened it.
    pub opened_by: String,
    /// When it was closed.
    pub closed_at: Option<String>,
    /// Who closed it.
    pub closed_by: Option<String>,
    /// The items that were not confirmed when it was closed (`--force`).
    pub unconfirmed: Vec<String>,
}

/// One item of a round.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct RoundItem {
    /// The indicator's id.
    #[sqlx(rename = "indicator_key")]
    pub indicator: String,
    /// The stage it is at (`self`, …).
    pub stage: String,
    /// Its state there (`not_started`, …).
    pub state: String,
    /// The frozen grade's label, once confirmed or closed.
    pub grade: Option<String>,
    /// The frozen value.
    pub value: Option<String>,
    /// The frozen 達成率.
    pub achievement: Option<String>,
    /// The frozen 進捗率.
    pub progress: Option<String>,
    /// 要因分析.
    pub cause: Option<String>,
    /// 今後の対応.
    #[sqlx(rename = "next_action")]
    pub next: Option<String>,
    /// The self-evaluation's comment.
    pub comment: Option<String>,
    /// Counts its changes.
    pub version: i64,
    /// When it last changed.
    pub updated_at: String,
    /// Who changed it last.
    pub updated_by: String,
}

/// A review's comment, or the reason of a return.
#[derive(Debug, Clone, PartialEq, Eq, FromRow)]
pub struct ItemComment {
    /// The indicator's id.
    #[sqlx(rename = "indicator_key")]
    pub indicator: String,
    /// The stage it was written at.
    pub stage: String,
    /// `comment` or `return`.
    pub kind: String,
    /// Who wrote it.
    pub author: String,
    /// When.
    pub at: String,
    /// The words.
    pub body: String,
}

/// A round with its items and comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Round {
    /// The round.
    pub info: RoundInfo,
    /// Its items, by indicator id in the order they were opened.
    pub items: Vec<RoundItem>,
    /// Comments and reasons, oldest first.
    pub comments: Vec<ItemComment>,
    /// Once closed: every indicator's observations as the round saw them (by indicator id), so
    /// that its report and sheets reproduce it whatever actuals arrive later.
    pub series: Option<Vec<(String, Vec<Observation>)>>,
}

/// The computed figures of an item, frozen as text (decimals in their canonical form).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures {
    /// The grade's label (`B`, `—`).
    pub grade: Option<String>,
    /// The value compared.
    pub value: Option<String>,
    /// 達成率.
    pub achievement: Option<String>,
    /// 進捗率.
    pub progress: Option<String>,
}

/// A change of one item.
#[derive(Debug, Clone, Default)]
pub struct ItemChange<'a> {
    /// The indicator's id.
    pub indicator: &'a str,
    /// The version the change is based on.
    pub expected_version: i64,
    /// The new stage.
    pub stage: &'a str,
    /// The new state.
    pub state: &'a str,
    /// 要因分析, when given (otherwise kept).
    pub cause: Option<&'a str>,
    /// 今後の対応, when given.
    pub next: Option<&'a str>,
    /// A comment of the self-evaluation, when given.
    pub comment: Option<&'a str>,
    /// The figures to freeze (confirming).
    pub figures: Option<Figures>,
    /// A review's comment or a return's reason to keep: (kind, stage, words).
    pub note: Option<(&'a str, &'a str, &'a str)>,
}

/// A round to open.
#[derive(Debug, Clone, Copy)]
pub struct NewRound<'a> {
    /// The plan's code.
    pub code: &'a str,
    /// The fiscal year.
    pub fy: i32,
    /// The due date, `YYYY-MM-DD`.
    pub due: &'a str,
    /// The stages in order, `self,first`.
    pub stages: &'a str,
    /// Where every item starts.
    pub first_stage: &'a str,
    /// The items: the ids of the plan's indicators.
    pub indicators: &'a [String],
}

#[derive(FromRow)]
struct RoundRow {
    state: String,
    due: String,
    stages: String,
    plan_version: i64,
    opened_at: String,
    opened_by: String,
    closed_at: Option<String>,
    closed_by: Option<String>,
    unconfirmed: Option<String>,
    /// Selected by `round` only (the list of rounds leaves it out).
    #[sqlx(default)]
    series: Option<String>,
}

fn info(plan: String, fy: i32, r: RoundRow) -> RoundInfo {
    RoundInfo {
        plan,
        fy,
        state: r.state,
        due: r.due,
        stages: r.stages,
        plan_version: r.plan_version,
        opened_at: r.opened_at,
        opened_by: r.opened_by,
        closed_at: r.closed_at,
        closed_by: r.closed_by,
        unconfirmed: r
            .unconfirmed
            .map(|u| u.lines().map(str::to_owned).collect())
            .unwrap_or_default(),
    }
}

/// The stored form of a closed round's series (the migration `0005_round_series` shows it).
fn series_to_json(series: &[(String, Vec<Observation>)]) -> String {
    let list: Vec<Value> = series
        .iter()
        .map(|(id, obs)| {
            let obs: Vec<Value> = obs
                .iter()
                .map(|o| {
                    let mut v = json!({
                        "period": o.period.to_string(),
                        "status": o.status.as_str(),
                    });
                    match &o.value {
                        ObservedValue::Number(n) => v["value"] = json!(n.to_string()),
                        ObservedValue::State(s) => v["state"] = json!(s),
                    }
                    if let Some(a) = o.as_of {
                        v["as_of"] = json!(a.to_string());
                    }
                    v
                })
                .collect();
            json!({ "id": id, "observations": obs })
        })
        .collect();
    Value::Array(list).to_string()
}

/// A closed round's series read back.
fn series_from_json(text: &str) -> Result<Vec<(String, Vec<Observation>)>, StoreError> {
    let bad = |what: &str| StoreError::corrupt(format!("a round's series: {what}"));
    let list: Vec<Value> = serde_json::from_str(text).map_err(|_| bad("not JSON"))?;
    let text_of = |v: &Value, key: &str| v.get(key).and_then(Value::as_str).map(str::to_owned);
    list.iter()
        .map(|entry| {
            let id = text_of(entry, "id").ok_or_else(|| bad("an entry without id"))?;
            let obs = entry
                .get("observations")
                .and_then(Value::as_array)
                .ok_or_else(|| bad("an entry without observations"))?
                .iter()
                .map(|o| {
                    let period =
                        crate::rows::period(text_of(o, "period").ok_or_else(|| bad("no period"))?)?;
                    let value = match (text_of(o, "value"), text_of(o, "state")) {
                        (Some(n), _) => ObservedValue::Number(crate::rows::decimal(n)?),
                        (None, Some(s)) => ObservedValue::State(s),
                        (None, None) => return Err(bad("an observation with no value")),
                    };
                    let status = text_of(o, "status")
                        .as_deref()
                        .and_then(ObservationStatus::parse)
                        .ok_or_else(|| bad("an observation's status"))?;
                    Ok(Observation {
                        period,
                        value,
                        status,
                        as_of: crate::rows::opt_period(text_of(o, "as_of"))?,
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            Ok((id, obs))
        })
        .collect()
}

const ITEM_COLUMNS: &str = "indicator_key, stage, state, grade, value, achievement, progress, \
                            cause, next_action, comment, version, updated_at, updated_by";

impl Store {
    /// Opens a round (see [`NewRound`]): one item per indicator, at the first stage, not
    /// started. A round of that plan and year is a [`StoreError::Conflict`].
    pub async fn open_round(&self, new: &NewRound<'_>, actor: &Actor) -> Result<(), StoreError> {
        let NewRound {
            code,
            fy,
            due,
            stages,
            first_stage,
            indicators,
        } = *new;
        let mut tx = self.begin().await?;
        let (plan, version) = plan_id(tx.conn(), code)
            .await?
            .ok_or_else(|| no_plan(code))?;
        let exists: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM rounds WHERE plan_id = $1 AND fy = $2")
                .bind(plan)
                .bind(i64::from(fy))
                .fetch_one(tx.conn())
                .await?;
        if exists > 0 {
            return Err(StoreError::Conflict {
                what: format!("round {code} FY{fy}"),
                expected: None,
                found: None,
            });
        }
        let now = now_utc();
        sqlx::query(
            "INSERT INTO rounds (plan_id, fy, state, due, stages, plan_version, opened_at,
                                 opened_by)
             VALUES ($1, $2, 'open', $3, $4, $5, $6, $7)",
        )
        .bind(plan)
        .bind(i64::from(fy))
        .bind(due)
        .bind(stages)
        .bind(version)
        .bind(&now)
        .bind(&actor.name)
        .execute(tx.conn())
        .await?;
        // An item left from an earlier round of the same year (a round is never deleted, but a
        // database restored from before one might hold its rows): start afresh.
        sqlx::query("DELETE FROM evaluations WHERE plan_id = $1 AND fy = $2")
            .bind(plan)
            .bind(i64::from(fy))
            .execute(tx.conn())
            .await?;
        for id in indicators {
            sqlx::query(
                "INSERT INTO evaluations (plan_id, fy, indicator_key, stage, state, version,
                                          updated_at, updated_by)
                 VALUES ($1, $2, $3, $4, 'not_started', 1, $5, $6)",
            )
            .bind(plan)
            .bind(i64::from(fy))
            .bind(id)
            .bind(first_stage)
            .bind(&now)
            .bind(&actor.name)
            .execute(tx.conn())
            .await?;
        }
        let period = format!("FY{fy}");
        audit::write(
            tx.conn(),
            actor,
            &Change {
                entity: "round",
                action: "insert",
                plan_id: plan,
                plan_version: Some(version),
                indicator_key: None,
                period: Some(&period),
                breakdown: None,
                old_value: None,
                new_value: Some(&format!("open {stages} due {due}")),
            },
        )
        .await?;
        tx.commit().await
    }

    /// Every round of every plan: open ones first, then by year (newest first) and plan.
    pub async fn rounds(&self) -> Result<Vec<RoundInfo>, StoreError> {
        #[derive(FromRow)]
        struct Listed {
            code: String,
            fy: i64,
            #[sqlx(flatten)]
            row: RoundRow,
        }
        let rows = sqlx::query_as::<_, Listed>(
            "SELECT p.code, r.fy, r.state, r.due, r.stages, r.plan_version, r.opened_at,
                    r.opened_by, r.closed_at, r.closed_by, r.unconfirmed
             FROM rounds r JOIN plans p ON p.id = r.plan_id
             ORDER BY r.state DESC, r.fy DESC, p.code",
        )
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .into_iter()
            .map(|l| info(l.code, i32::try_from(l.fy).unwrap_or(0), l.row))
            .collect())
    }

    /// The round of plan `code` in fiscal year `fy`, if one was opened.
    pub async fn round(&self, code: &str, fy: i32) -> Result<Option<Round>, StoreError> {
        let mut tx = self.begin_read().await?;
        let (plan, _) = plan_id(tx.conn(), code)
            .await?
            .ok_or_else(|| no_plan(code))?;
        let row = sqlx::query_as::<_, RoundRow>(
            "SELECT state, due, stages, plan_version, opened_at, opened_by, closed_at,
                    closed_by, unconfirmed, series
             FROM rounds WHERE plan_id = $1 AND fy = $2",
        )
        .bind(plan)
        .bind(i64::from(fy))
        .fetch_optional(tx.conn())
        .await?;
        let Some(r) = row else {
            tx.rollback().await?;
            return Ok(None);
        };
        let items = sqlx::query_as::<_, RoundItem>(&format!(
            "SELECT {ITEM_COLUMNS} FROM evaluations WHERE plan_id = $1 AND fy = $2
             ORDER BY indicator_key"
        ))
        .bind(plan)
        .bind(i64::from(fy))
        .fetch_all(tx.conn())
        .await?;
        let comments = sqlx::query_as::<_, ItemComment>(
            "SELECT indicator_key, stage, kind, author, at, body FROM evaluation_comments
             WHERE plan_id = $1 AND fy = $2 ORDER BY id",
        )
        .bind(plan)
        .bind(i64::from(fy))
        .fetch_all(tx.conn())
        .await?;
        tx.rollback().await?;
        let series = r.series.as_deref().map(series_from_json).transpose()?;
        Ok(Some(Round {
            info: info(code.to_owned(), fy, r),
            items,
            comments,
            series,
        }))
    }

    /// Changes one item of the round of plan `code` in `fy`, if it is still at
    /// `change.expected_version` (else a [`StoreError::Conflict`]); returns its new version.
    /// One transaction with its comment and its audit entry.
    pub async fn change_item(
        &self,
        code: &str,
        fy: i32,
        change: &ItemChange<'_>,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        let mut tx = self.begin().await?;
        let (plan, version) = plan_id(tx.conn(), code)
            .await?
            .ok_or_else(|| no_plan(code))?;
        let old: Option<(String, String, i64)> = sqlx::query_as(
            "SELECT stage, state, version FROM evaluations
             WHERE plan_id = $1 AND fy = $2 AND indicator_key = $3",
        )
        .bind(plan)
        .bind(i64::from(fy))
        .bind(change.indicator)
        .fetch_optional(tx.conn())
        .await?;
        let what = || format!("evaluation {code} FY{fy} {}", change.indicator);
        let Some((old_stage, old_state, found)) = old else {
            return Err(StoreError::Conflict {
                what: what(),
                expected: Some(change.expected_version),
                found: None,
            });
        };
        let f = change.figures.clone();
        let frozen = f.is_some();
        let f = f.unwrap_or_default();
        let done = sqlx::query(
            "UPDATE evaluations SET stage = $1, state = $2,
                 cause = COALESCE($3, cause), next_action = COALESCE($4, next_action),
                 comment = COALESCE($5, comment),
                 grade = CASE WHEN $6 = 1 THEN $7 ELSE grade END,
                 value = CASE WHEN $6 = 1 THEN $8 ELSE value END,
                 achievement = CASE WHEN $6 = 1 THEN $9 ELSE achievement END,
                 progress = CASE WHEN $6 = 1 THEN $10 ELSE progress END,
                 version = version + 1, updated_at = $11, updated_by = $12
             WHERE plan_id = $13 AND fy = $14 AND indicator_key = $15 AND version = $16",
        )
        .bind(change.stage)
        .bind(change.state)
        .bind(change.cause)
        .bind(change.next)
        .bind(change.comment)
        .bind(i64::from(frozen))
        .bind(f.grade)
        .bind(f.value)
        .bind(f.achievement)
        .bind(f.progress)
        .bind(now_utc())
        .bind(&actor.name)
        .bind(plan)
        .bind(i64::from(fy))
        .bind(change.indicator)
        .bind(change.expected_version)
        .execute(tx.conn())
        .await?
        .rows_affected();
        if done != 1 {
            return Err(StoreError::Conflict {
                what: what(),
                expected: Some(change.expected_version),
                found: Some(found),
            });
        }
        if let Some((kind, stage, body)) = change.note {
            sqlx::query(
                "INSERT INTO evaluation_comments (plan_id, fy, indicator_key, stage, author, at,
                                                  body, kind)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            )
            .bind(plan)
            .bind(i64::from(fy))
            .bind(change.indicator)
            .bind(stage)
            .bind(&actor.name)
            .bind(now_utc())
            .bind(body)
            .bind(kind)
            .execute(tx.conn())
            .await?;
        }
        let period = format!("FY{fy}");
        audit::write(
            tx.conn(),
            actor,
            &Change {
                entity: "evaluation",
                action: "update",
                plan_id: plan,
                plan_version: Some(version),
                indicator_key: Some(change.indicator),
                period: Some(&period),
                breakdown: None,
                old_value: Some(&format!("{old_stage} {old_state}")),
                new_value: Some(&format!("{} {}", change.stage, change.state)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(found + 1)
    }

    /// Closes the round of plan `code` in `fy`: its items not confirmed are listed as such
    /// (`unconfirmed`), every item in `frozen` gets its figures frozen, and `series` (every
    /// indicator's observations as the round evaluated them) is kept with the round. A closed
    /// round is a [`StoreError::Conflict`].
    pub async fn close_round(
        &self,
        code: &str,
        fy: i32,
        unconfirmed: &[String],
        frozen: &[(String, Figures)],
        series: &[(String, Vec<Observation>)],
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let mut tx = self.begin().await?;
        let (plan, version) = plan_id(tx.conn(), code)
            .await?
            .ok_or_else(|| no_plan(code))?;
        let now = now_utc();
        let done = sqlx::query(
            "UPDATE rounds SET state = 'closed', closed_at = $1, closed_by = $2, unconfirmed = $3,
                               series = $4
             WHERE plan_id = $5 AND fy = $6 AND state = 'open'",
        )
        .bind(&now)
        .bind(&actor.name)
        .bind((!unconfirmed.is_empty()).then(|| unconfirmed.join("\n")))
        .bind(series_to_json(series))
        .bind(plan)
        .bind(i64::from(fy))
        .execute(tx.conn())
        .await?
        .rows_affected();
        if done != 1 {
            return Err(StoreError::Conflict {
                what: format!("round {code} FY{fy}"),
                expected: None,
                found: None,
            });
        }
        for (id, f) in frozen {
            sqlx::query(
                "UPDATE evaluations SET grade = $1, value = $2, achievement = $3, progress = $4
                 WHERE plan_id = $5 AND fy = $6 AND indicator_key = $7",
            )
            .bind(&f.grade)
            .bind(&f.value)
            .bind(&f.achievement)
            .bind(&f.progress)
            .bind(plan)
            .bind(i64::from(fy))
            .bind(id)
            .execute(tx.conn())
            .await?;
        }
        let period = format!("FY{fy}");
        audit::write(
            tx.conn(),
            actor,
            &Change {
                entity: "round",
                action: "update",
                plan_id: plan,
                plan_version: Some(version),
                indicator_key: None,
                period: Some(&period),
                breakdown: None,
                old_value: Some("open"),
                new_value: Some("closed"),
            },
        )
        .await?;
        tx.commit().await
    }
}
