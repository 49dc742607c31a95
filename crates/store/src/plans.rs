//! Plans and their versions: a core [`Plan`] written as rows and read back equal.
//!
//! Saving a plan whose code is new makes version 1; saving one whose code exists makes the
//! next version, unless nothing but its observations changed (re-importing the same file is
//! harmless). Observations belong to the plan, not the version, and are merged (see
//! `observations.rs`). Every target and baseline that is new or different from the previous
//! version is written to the audit log.

use std::collections::HashMap;

use shinchoku_core::grading::{Condition, GradeRule, GradingScheme, Timing};
use shinchoku_core::indicator::{
    Baseline, BaselineStat, Comparator, Direction, Indicator, IndicatorKind, Target, YearlyTarget,
};
use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::plan::{
    Issuer, Link, LinkKind, Marker, Member, Node, Organization, Plan, PlanCode, PlanIndicator,
    RoadmapItem,
};
use shinchoku_core::Decimal;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

use crate::audit::{self, Change};
use crate::error::{AttachProblem, Missing, Refusal};
use crate::observations::{self, ObsCounts};
use crate::time::now_utc;
use crate::{Actor, Store, StoreError, Tx};

/// What saving a plan did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveOutcome {
    /// The plan's code.
    pub code: String,
    /// The version now current.
    pub version: i64,
    /// The code was new: this is version 1.
    pub created: bool,
    /// The plan equals its current version (observations aside): no version was added.
    pub unchanged: bool,
    /// Observations written: new ones.
    pub observations_inserted: u64,
    /// Observations written: replaced values.
    pub observations_updated: u64,
    /// Indicators whose id was changed to keep their series' id from the previous version,
    /// as (id in the saved plan, id stored): a new version keeps the ids its series had
    /// before, so that their actuals follow them.
    pub renamed: Vec<(String, String)>,
}

/// One stored plan, as `shinchoku plans` lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSummary {
    /// Its code.
    pub code: String,
    /// The current version's title.
    pub title: String,
    /// The current version's period (`FY2022-FY2026`).
    pub period: Option<Period>,
    /// The current version.
    pub version: i64,
    /// Indicators in the current version.
    pub indicators: i64,
    /// Observations stored for the plan.
    pub observations: i64,
    /// When the current version was imported.
    pub imported_at: String,
}

/// One version of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionInfo {
    /// 1, 2, …
    pub version: i64,
    /// Its title.
    pub title: String,
    /// The file it was read from.
    pub source: Option<String>,
    /// When.
    pub imported_at: String,
    /// By whom.
    pub imported_by: String,
}

impl Store {
    /// The plan `code` at `version` (default: the current one), with its observations.
    pub async fn load_plan(&self, code: &str, version: Option<i64>) -> Result<Plan, StoreError> {
        let mut tx = self.begin_read().await?;
        let plan = tx.load_plan(code, version).await?;
        tx.rollback().await?;
        Ok(plan)
    }

    /// Every stored plan, by code.
    pub async fn plans(&self) -> Result<Vec<PlanSummary>, StoreError> {
        let rows = sqlx::query(
            "SELECT p.code, v.title, v.period, v.version, v.imported_at,
                    (SELECT COUNT(*) FROM indicators i WHERE i.version_id = v.id),
                    (SELECT COUNT(*) FROM observations o WHERE o.plan_id = p.id)
             FROM plans p
             JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
             ORDER BY p.code",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(PlanSummary {
                    code: r.try_get(0)?,
                    title: r.try_get(1)?,
                    period: opt_period(r.try_get(2)?)?,
                    version: r.try_get(3)?,
                    imported_at: r.try_get(4)?,
                    indicators: r.try_get(5)?,
                    observations: r.try_get(6)?,
                })
            })
            .collect()
    }

    /// The codes of the stored plans whose current version has an indicator with id `key`.
    pub async fn plans_with_indicator(&self, key: &str) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query(
            "SELECT p.code FROM plans p
             JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
             JOIN indicators i ON i.version_id = v.id
             WHERE i.key = $1 ORDER BY p.code",
        )
        .bind(key)
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|r| Ok(r.try_get(0)?)).collect()
    }

    /// The versions of plan `code`, oldest first.
    pub async fn versions(&self, code: &str) -> Result<Vec<VersionInfo>, StoreError> {
        let rows = sqlx::query(
            "SELECT v.version, v.title, v.source, v.imported_at, v.imported_by
             FROM plan_versions v JOIN plans p ON p.id = v.plan_id
             WHERE p.code = $1 ORDER BY v.version",
        )
        .bind(code)
        .fetch_all(self.pool())
        .await?;
        if rows.is_empty() {
            return Err(no_plan(code));
        }
        rows.iter()
            .map(|r| {
                Ok(VersionInfo {
                    version: r.try_get(0)?,
                    title: r.try_get(1)?,
                    source: r.try_get(2)?,
                    imported_at: r.try_get(3)?,
                    imported_by: r.try_get(4)?,
                })
            })
            .collect()
    }
}

pub(crate) fn no_plan(code: &str) -> StoreError {
    StoreError::NotFound(Missing::Plan(code.to_owned()))
}

/// The id and current version of plan `code`, if stored.
pub(crate) async fn plan_id(
    conn: &mut AnyConnection,
    code: &str,
) -> Result<Option<(i64, i64)>, StoreError> {
    let row = sqlx::query("SELECT id, current_version FROM plans WHERE code = $1")
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        Some(r) => Ok(Some((r.try_get(0)?, r.try_get(1)?))),
        None => Ok(None),
    }
}

impl Tx {
    /// Saves `plan`: a new plan, or a new version of the stored plan with the same code (see
    /// the module doc). Refuses a plan that does not check.
    pub async fn save_plan(
        &mut self,
        plan: &Plan,
        actor: &Actor,
    ) -> Result<SaveOutcome, StoreError> {
        let problems = plan.check();
        if !problems.is_empty() {
            return Err(StoreError::Invalid(Refusal::PlanInconsistent {
                plan: plan.code.to_string(),
                problems,
            }));
        }
        if let Some(field) = nul_field(plan) {
            return Err(StoreError::Invalid(Refusal::PlanNul {
                plan: plan.code.to_string(),
                field: field.to_string(),
            }));
        }
        let code = plan.code.as_str();
        let now = now_utc();
        let existing = plan_id(self.conn(), code).await?;
        let previous = match existing {
            Some(_) => Some(self.load_plan(code, None).await?),
            None => None,
        };
        let (carried, renamed) = match &previous {
            Some(old) => carry_ids(plan, old),
            None => (None, Vec::new()),
        };
        let plan = carried.as_ref().unwrap_or(plan);
        let unchanged = previous
            .as_ref()
            .is_some_and(|old| without_observations(old) == without_observations(plan));
        let (plan_id, version, created) = match existing {
            None => {
                let id: i64 = sqlx::query(
                    "INSERT INTO plans (code, created_at, current_version) VALUES ($1, $2, 1)
                     RETURNING id",
                )
                .bind(code)
                .bind(&now)
                .fetch_one(self.conn())
                .await?
                .try_get(0)?;
                (id, 1, true)
            }
            Some((id, current)) if unchanged => (id, current, false),
            Some((id, current)) => {
                sqlx::query("UPDATE plans SET current_version = $1 WHERE id = $2")
                    .bind(current + 1)
                    .bind(id)
                    .execute(self.conn())
                    .await?;
                (id, current + 1, false)
            }
        };
        if !unchanged {
            insert_version(self.conn(), plan, plan_id, version, actor, &now).await?;
            audit_targets(
                self.conn(),
                plan,
                previous.as_ref(),
                plan_id,
                version,
                actor,
            )
            .await?;
        }
        let mut counts = ObsCounts::default();
        for pi in &plan.indicators {
            for o in &pi.observations {
                observations::merge(
                    self.conn(),
                    plan_id,
                    &pi.indicator.id,
                    o,
                    "",
                    None,
                    None,
                    actor,
                    &mut counts,
                )
                .await?;
            }
        }
        Ok(SaveOutcome {
            code: code.to_owned(),
            version,
            created,
            unchanged,
            observations_inserted: counts.inserted,
            observations_updated: counts.updated,
            renamed,
        })
    }

    /// The plan `code` at `version` (default: the current one), with its observations, as
    /// this transaction sees it.
    pub async fn load_plan(
        &mut self,
        code: &str,
        version: Option<i64>,
    ) -> Result<Plan, StoreError> {
        let (plan_id, current) = plan_id(self.conn(), code)
            .await?
            .ok_or_else(|| no_plan(code))?;
        let version = version.unwrap_or(current);
        let mut plan = load_version(self.conn(), code, plan_id, version).await?;
        observations::attach(self.conn(), plan_id, &mut plan).await?;
        Ok(plan)
    }
}

/// The first text field of `p` that holds U+0000 (PostgreSQL's text cannot; SQLite's can, and
/// both databases must accept the same plans).
fn nul_field(p: &Plan) -> Option<String> {
    let has = |s: &str| s.contains('\0');
    let opt = |s: &Option<String>| s.as_deref().is_some_and(has);
    if has(&p.title) || opt(&p.source) {
        return Some("the title or source".into());
    }
    if let Some(i) = &p.issuer {
        if has(&i.name) || opt(&i.code) {
            return Some("the issuer".into());
        }
    }
    if p.grading.name.contains('\0')
        || p.grading
            .rules
            .iter()
            .any(|r| has(&r.label) || has(&r.name))
    {
        return Some("the grading scheme".into());
    }
    for n in &p.nodes {
        let old = match &n.marker {
            Some(Marker::Modified { old_title }) => opt(old_title),
            _ => false,
        };
        if has(&n.id)
            || opt(&n.parent)
            || opt(&n.kind)
            || opt(&n.label)
            || has(&n.title)
            || opt(&n.body)
            || old
        {
            return Some(format!("node {:?}", n.id));
        }
    }
    if p.links.iter().any(|l| has(&l.from) || has(&l.to)) {
        return Some("a link".into());
    }
    for pi in &p.indicators {
        let i = &pi.indicator;
        let b = i.baseline.as_ref();
        let t = i.target.as_ref();
        let obs = pi.observations.iter().any(
            |o| matches!(&o.value, shinchoku_core::indicator::ObservedValue::State(s) if has(s)),
        );
        if has(&i.id)
            || has(&i.name)
            || has(&i.unit)
            || i.states.iter().any(|s| has(s))
            || opt(&pi.node)
            || opt(&pi.category)
            || opt(&pi.source)
            || opt(&pi.note)
            || opt(&pi.series_key)
            || b.is_some_and(|b| opt(&b.note) || opt(&b.state))
            || t.is_some_and(|t| opt(&t.text))
            || obs
        {
            return Some(format!("indicator {:?}", i.id));
        }
    }
    if p.roadmap
        .iter()
        .any(|r| opt(&r.node) || has(&r.title) || r.notes.iter().any(|(_, n)| has(n)))
    {
        return Some("a roadmap item".into());
    }
    if p.organizations
        .iter()
        .any(|o| has(&o.name) || o.roles.iter().any(|r| has(r)))
    {
        return Some("an organization".into());
    }
    if p.members
        .iter()
        .any(|m| opt(&m.organization) || opt(&m.position) || has(&m.name) || opt(&m.reading))
    {
        return Some("a member".into());
    }
    None
}

/// Gives every indicator of a new version the id its series had in the previous version.
///
/// Observations belong to the plan and the indicator id. A plan file keeps its ids, but a
/// document re-read after a revision numbers its indicators anew (`i1`, `i2`, … by position),
/// so one inserted indicator would shift every id and hang each series' actuals on its
/// neighbour. So: an indicator whose lineage key (name and unit, or series key) was in the
/// previous version takes that indicator's id; an indicator whose own id is now taken by
/// another series gets a fresh one (the next free `iN`). Returns the plan to store (`None`: unchanged)
/// and the renames made.
pub(crate) fn carry_ids(new: &Plan, old: &Plan) -> (Option<Plan>, Vec<(String, String)>) {
    use shinchoku_core::diff::lineage_key;
    use std::collections::HashSet;
    let mut old_by_key: HashMap<String, Vec<&str>> = HashMap::new();
    for pi in &old.indicators {
        old_by_key
            .entry(lineage_key(pi))
            .or_default()
            .push(pi.indicator.id.as_str());
    }
    // First the ids series keep, in document order, each old id claimed once.
    let mut wanted: Vec<Option<String>> = Vec::with_capacity(new.indicators.len());
    let mut claimed: HashSet<String> = HashSet::new();
    for pi in &new.indicators {
        let key = lineage_key(pi);
        let candidates = old_by_key.get(&key).map(Vec::as_slice).unwrap_or(&[]);
        // Its own id if that is one of its series' old ids, else the first unclaimed one.
        let pick = candidates
            .iter()
            .find(|c| **c == pi.indicator.id && !claimed.contains(**c))
            .or_else(|| candidates.iter().find(|c| !claimed.contains(**c)))
            .map(|c| (*c).to_owned());
        if let Some(id) = &pick {
            claimed.insert(id.clone());
        }
        wanted.push(pick);
    }
    // Then the new series: their own id unless another series holds it now.
    let mut taken: HashSet<String> = claimed.clone();
    let mut ids: Vec<String> = Vec::with_capacity(new.indicators.len());
    for (pi, w) in new.indicators.iter().zip(&wanted) {
        let id = match w {
            Some(id) => id.clone(),
            None => {
                let own = &pi.indicator.id;
                let mut id = own.clone();
                // `i1` → the next free `iN`; any other id → `id-2`, `id-3`, …
                let digits = own.len() - own.trim_end_matches(|c: char| c.is_ascii_digit()).len();
                let (stem, numbered) = if digits > 0 && digits < own.len() {
                    (&own[..own.len() - digits], true)
                } else {
                    (own.as_str(), false)
                };
                let mut n: u64 = if numbered { 1 } else { 2 };
                while taken.contains(&id) {
                    id = if numbered {
                        format!("{stem}{n}")
                    } else {
                        format!("{stem}-{n}")
                    };
                    n += 1;
                }
                id
            }
        };
        taken.insert(id.clone());
        ids.push(id);
    }
    let renamed: Vec<(String, String)> = new
        .indicators
        .iter()
        .zip(&ids)
        .filter(|(pi, id)| pi.indicator.id != **id)
        .map(|(pi, id)| (pi.indicator.id.clone(), id.clone()))
        .collect();
    if renamed.is_empty() {
        return (None, renamed);
    }
    let mut plan = new.clone();
    for (pi, id) in plan.indicators.iter_mut().zip(ids) {
        pi.indicator.id = id;
    }
    (Some(plan), renamed)
}

fn without_observations(p: &Plan) -> Plan {
    let mut p = p.clone();
    for pi in &mut p.indicators {
        pi.observations.clear();
    }
    p
}

async fn insert_version(
    conn: &mut AnyConnection,
    plan: &Plan,
    plan_id: i64,
    version: i64,
    actor: &Actor,
    now: &str,
) -> Result<(), StoreError> {
    let timing = match plan.grading.timing {
        Timing::EveryYear => "every_year",
        Timing::AfterTarget => "after_target",
    };
    let vid: i64 = sqlx::query(
        "INSERT INTO plan_versions (plan_id, version, title, issuer_name, issuer_code, period,
             fiscal_start_month, grading_name, grading_timing, source, imported_at, imported_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(plan_id)
    .bind(version)
    .bind(&plan.title)
    .bind(plan.issuer.as_ref().map(|i| i.name.clone()))
    .bind(plan.issuer.as_ref().and_then(|i| i.code.clone()))
    .bind(plan.period.map(|p| p.to_string()))
    .bind(i64::from(plan.fiscal_start.month()))
    .bind(&plan.grading.name)
    .bind(timing)
    .bind(plan.source.clone())
    .bind(now)
    .bind(&actor.name)
    .fetch_one(&mut *conn)
    .await?
    .try_get(0)?;

    if !plan.grading.is_builtin() {
        for (ord, r) in plan.grading.rules.iter().enumerate() {
            sqlx::query(
                "INSERT INTO grade_rules (version_id, ord, label, name, condition)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(vid)
            .bind(ord as i64)
            .bind(&r.label)
            .bind(&r.name)
            .bind(r.condition.to_string())
            .execute(&mut *conn)
            .await?;
        }
    }
    for (ord, n) in plan.nodes.iter().enumerate() {
        let (marker, old_title) = match &n.marker {
            None => (None, None),
            Some(m @ Marker::Modified { old_title }) => (Some(m.as_str()), old_title.clone()),
            Some(m) => (Some(m.as_str()), None),
        };
        sqlx::query(
            "INSERT INTO nodes (version_id, ord, key, parent_key, kind, label, title, body,
                 marker, old_title)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        )
        .bind(vid)
        .bind(ord as i64)
        .bind(&n.id)
        .bind(n.parent.clone())
        .bind(n.kind.clone())
        .bind(n.label.clone())
        .bind(&n.title)
        .bind(n.body.clone())
        .bind(marker)
        .bind(old_title)
        .execute(&mut *conn)
        .await?;
    }
    for (ord, l) in plan.links.iter().enumerate() {
        sqlx::query(
            "INSERT INTO links (version_id, ord, from_key, to_key, kind) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(vid)
        .bind(ord as i64)
        .bind(&l.from)
        .bind(&l.to)
        .bind(l.kind.as_str())
        .execute(&mut *conn)
        .await?;
    }
    for (ord, pi) in plan.indicators.iter().enumerate() {
        let series_id = series_id(conn, &shinchoku_core::diff::lineage_key(pi)).await?;
        let ind = &pi.indicator;
        let b = ind.baseline.as_ref();
        let t = ind.target.as_ref();
        sqlx::query(
            "INSERT INTO indicators (version_id, ord, key, series_id, series_key, node_key, name,
                 unit, kind, direction, comparator, category, source, note,
                 has_baseline, baseline_value, baseline_period, baseline_stat, baseline_note,
                 baseline_state, has_target, target_value, target_period, target_text, states)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
                 $18, $19, $20, $21, $22, $23, $24, $25)",
        )
        .bind(vid)
        .bind(ord as i64)
        .bind(&ind.id)
        .bind(series_id)
        .bind(pi.series_key.clone())
        .bind(pi.node.clone())
        .bind(&ind.name)
        .bind(&ind.unit)
        .bind(ind.kind.as_str())
        .bind(ind.direction.as_str())
        .bind(ind.comparator.as_str())
        .bind(pi.category.clone())
        .bind(pi.source.clone())
        .bind(pi.note.clone())
        .bind(i64::from(b.is_some()))
        .bind(b.and_then(|b| b.value).map(|d| d.to_string()))
        .bind(b.and_then(|b| b.period).map(|p| p.to_string()))
        .bind(b.map(|b| b.stat.as_str()))
        .bind(b.and_then(|b| b.note.clone()))
        .bind(b.and_then(|b| b.state.clone()))
        .bind(i64::from(t.is_some()))
        .bind(t.and_then(|t| t.value).map(|d| d.to_string()))
        .bind(t.and_then(|t| t.period).map(|p| p.to_string()))
        .bind(t.and_then(|t| t.text.clone()))
        .bind(join_list(&ind.states))
        .execute(&mut *conn)
        .await?;
        for (yo, y) in ind.yearly_targets.iter().enumerate() {
            sqlx::query(
                "INSERT INTO yearly_targets (version_id, indicator_key, ord, period, value)
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(vid)
            .bind(&ind.id)
            .bind(yo as i64)
            .bind(y.period.to_string())
            .bind(y.value.to_string())
            .execute(&mut *conn)
            .await?;
        }
    }
    for (ord, r) in plan.roadmap.iter().enumerate() {
        let notes: Vec<String> = r
            .notes
            .iter()
            .map(|(p, n)| format!("{p}\t{}", escape_line(n)))
            .collect();
        sqlx::query(
            "INSERT INTO roadmap_items (version_id, ord, node_key, title, start_period, end_period,
                 notes)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(vid)
        .bind(ord as i64)
        .bind(r.node.clone())
        .bind(&r.title)
        .bind(r.start.map(|p| p.to_string()))
        .bind(r.end.map(|p| p.to_string()))
        .bind(notes.join("\n"))
        .execute(&mut *conn)
        .await?;
    }
    for (ord, o) in plan.organizations.iter().enumerate() {
        sqlx::query(
            "INSERT INTO organizations (version_id, ord, name, roles) VALUES ($1, $2, $3, $4)",
        )
        .bind(vid)
        .bind(ord as i64)
        .bind(&o.name)
        .bind(join_list(&o.roles))
        .execute(&mut *conn)
        .await?;
    }
    for (ord, m) in plan.members.iter().enumerate() {
        sqlx::query(
            "INSERT INTO members (version_id, ord, organization, position, name, reading)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(vid)
        .bind(ord as i64)
        .bind(m.organization.clone())
        .bind(m.position.clone())
        .bind(&m.name)
        .bind(m.reading.clone())
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// The series id for a lineage key, made on first use.
async fn series_id(conn: &mut AnyConnection, key: &str) -> Result<i64, StoreError> {
    sqlx::query("INSERT INTO series (key) VALUES ($1) ON CONFLICT (key) DO NOTHING")
        .bind(key)
        .execute(&mut *conn)
        .await?;
    Ok(sqlx::query("SELECT id FROM series WHERE key = $1")
        .bind(key)
        .fetch_one(&mut *conn)
        .await?
        .try_get(0)?)
}

/// Writes the audit log for every target and baseline that is new or changed since `previous`.
async fn audit_targets(
    conn: &mut AnyConnection,
    plan: &Plan,
    previous: Option<&Plan>,
    plan_id: i64,
    version: i64,
    actor: &Actor,
) -> Result<(), StoreError> {
    let old: HashMap<&str, &Indicator> = previous
        .map(|p| {
            p.indicators
                .iter()
                .map(|pi| (pi.indicator.id.as_str(), &pi.indicator))
                .collect()
        })
        .unwrap_or_default();
    for pi in &plan.indicators {
        let ind = &pi.indicator;
        let before = old.get(ind.id.as_str());
        let pairs = [
            (
                "target",
                before.and_then(|o| o.target.as_ref()).map(target_text),
                ind.target.as_ref().map(target_text),
            ),
            (
                "baseline",
                before.and_then(|o| o.baseline.as_ref()).map(baseline_text),
                ind.baseline.as_ref().map(baseline_text),
            ),
        ];
        for (entity, old_v, new_v) in pairs {
            if old_v == new_v {
                continue;
            }
            let action = match (&old_v, &new_v) {
                (None, _) => "insert",
                (_, None) => "delete",
                _ => "update",
            };
            audit::write(
                conn,
                actor,
                &Change {
                    entity,
                    action,
                    plan_id,
                    plan_version: Some(version),
                    indicator_key: Some(&ind.id),
                    period: None,
                    breakdown: None,
                    old_value: old_v.as_deref(),
                    new_value: new_v.as_deref(),
                },
            )
            .await?;
        }
    }
    Ok(())
}

/// A target as the audit log shows it: `125 (FY2022-FY2026)`, `増加を目指す`.
pub(crate) fn target_text(t: &Target) -> String {
    let mut parts = Vec::new();
    if let Some(v) = t.value {
        parts.push(v.to_string());
    }
    if let Some(text) = &t.text {
        parts.push(text.clone());
    }
    if let Some(p) = t.period {
        parts.push(format!("({p})"));
    }
    parts.join(" ")
}

/// A baseline as the audit log shows it: `25 (FY2021)`, `13.9 (FY2019) mean`.
pub(crate) fn baseline_text(b: &Baseline) -> String {
    let mut parts = Vec::new();
    if let Some(v) = b.value {
        parts.push(v.to_string());
    }
    if let Some(s) = &b.state {
        parts.push(s.clone());
    }
    if let Some(p) = b.period {
        parts.push(format!("({p})"));
    }
    if b.stat == BaselineStat::Mean {
        parts.push("mean".into());
    }
    if let Some(n) = &b.note {
        parts.push(format!("[{n}]"));
    }
    parts.join(" ")
}

async fn load_version(
    conn: &mut AnyConnection,
    code: &str,
    plan_id: i64,
    version: i64,
) -> Result<Plan, StoreError> {
    let row = sqlx::query(
        "SELECT id, title, issuer_name, issuer_code, period, fiscal_start_month, grading_name,
                grading_timing, source
         FROM plan_versions WHERE plan_id = $1 AND version = $2",
    )
    .bind(plan_id)
    .bind(version)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| {
        StoreError::NotFound(Missing::Version {
            plan: code.to_owned(),
            version,
        })
    })?;
    let vid: i64 = row.try_get(0)?;
    let code =
        PlanCode::new(code).ok_or_else(|| StoreError::corrupt(format!("plan code {code:?}")))?;
    let mut plan = Plan::new(code, row.try_get::<String, _>(1)?);
    let issuer_name: Option<String> = row.try_get(2)?;
    let issuer_code: Option<String> = row.try_get(3)?;
    plan.issuer = issuer_name.map(|name| Issuer {
        name,
        code: issuer_code,
    });
    plan.period = opt_period(row.try_get(4)?)?;
    let month: i64 = row.try_get(5)?;
    plan.fiscal_start = u8::try_from(month)
        .ok()
        .and_then(FiscalStart::new)
        .ok_or_else(|| StoreError::corrupt(format!("fiscal start month {month}")))?;
    let grading_name: String = row.try_get(6)?;
    let timing: String = row.try_get(7)?;
    plan.source = row.try_get(8)?;
    plan.grading = match GradingScheme::builtin(&grading_name) {
        Some(s) => s,
        None => {
            let rules = sqlx::query(
                "SELECT label, name, condition FROM grade_rules WHERE version_id = $1 ORDER BY ord",
            )
            .bind(vid)
            .fetch_all(&mut *conn)
            .await?;
            let rules = rules
                .iter()
                .map(|r| {
                    let cond: String = r.try_get(2)?;
                    Ok(GradeRule {
                        label: r.try_get(0)?,
                        name: r.try_get(1)?,
                        condition: cond.parse::<Condition>().map_err(StoreError::corrupt)?,
                    })
                })
                .collect::<Result<Vec<_>, StoreError>>()?;
            GradingScheme {
                name: grading_name,
                timing: match timing.as_str() {
                    "after_target" => Timing::AfterTarget,
                    _ => Timing::EveryYear,
                },
                rules,
            }
        }
    };

    plan.nodes = sqlx::query(
        "SELECT key, parent_key, kind, label, title, body, marker, old_title
         FROM nodes WHERE version_id = $1 ORDER BY ord",
    )
    .bind(vid)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(node_from_row)
    .collect::<Result<_, _>>()?;

    plan.links =
        sqlx::query("SELECT from_key, to_key, kind FROM links WHERE version_id = $1 ORDER BY ord")
            .bind(vid)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| {
                let kind: String = r.try_get(2)?;
                Ok(Link {
                    from: r.try_get(0)?,
                    to: r.try_get(1)?,
                    kind: LinkKind::parse(&kind)
                        .ok_or_else(|| StoreError::corrupt(format!("link kind {kind:?}")))?,
                })
            })
            .collect::<Result<_, StoreError>>()?;

    let mut yearly: HashMap<String, Vec<YearlyTarget>> = HashMap::new();
    for r in sqlx::query(
        "SELECT indicator_key, period, value FROM yearly_targets WHERE version_id = $1
         ORDER BY indicator_key, ord",
    )
    .bind(vid)
    .fetch_all(&mut *conn)
    .await?
    {
        let key: String = r.try_get(0)?;
        yearly.entry(key).or_default().push(YearlyTarget {
            period: period(r.try_get(1)?)?,
            value: decimal(r.try_get(2)?)?,
        });
    }

    plan.indicators = sqlx::query(
        "SELECT key, series_key, node_key, name, unit, kind, direction, comparator, category,
                source, note, has_baseline, baseline_value, baseline_period, baseline_stat,
                baseline_note, baseline_state, has_target, target_value, target_period,
                target_text, states
         FROM indicators WHERE version_id = $1 ORDER BY ord",
    )
    .bind(vid)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| indicator_from_row(r, &mut yearly))
    .collect::<Result<_, _>>()?;

    plan.roadmap = sqlx::query(
        "SELECT node_key, title, start_period, end_period, notes
         FROM roadmap_items WHERE version_id = $1 ORDER BY ord",
    )
    .bind(vid)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        let notes: String = r.try_get(4)?;
        let notes = notes
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (p, n) = l
                    .split_once('\t')
                    .ok_or_else(|| StoreError::corrupt(format!("roadmap note {l:?}")))?;
                Ok((period(p.to_owned())?, unescape_line(n)))
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(RoadmapItem {
            node: r.try_get(0)?,
            title: r.try_get(1)?,
            start: opt_period(r.try_get(2)?)?,
            end: opt_period(r.try_get(3)?)?,
            notes,
        })
    })
    .collect::<Result<_, StoreError>>()?;

    plan.organizations =
        sqlx::query("SELECT name, roles FROM organizations WHERE version_id = $1 ORDER BY ord")
            .bind(vid)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| {
                Ok(Organization {
                    name: r.try_get(0)?,
                    roles: split_list(&r.try_get::<String, _>(1)?)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;

    plan.members = sqlx::query(
        "SELECT organization, position, name, reading FROM members WHERE version_id = $1
         ORDER BY ord",
    )
    .bind(vid)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        Ok(Member {
            organization: r.try_get(0)?,
            position: r.try_get(1)?,
            name: r.try_get(2)?,
            reading: r.try_get(3)?,
        })
    })
    .collect::<Result<_, StoreError>>()?;
    Ok(plan)
}

fn node_from_row(r: &AnyRow) -> Result<Node, StoreError> {
    let marker: Option<String> = r.try_get(6)?;
    let old_title: Option<String> = r.try_get(7)?;
    let marker = match marker.as_deref() {
        None => None,
        Some("new") => Some(Marker::New),
        Some("modified") => Some(Marker::Modified { old_title }),
        Some("relisted") => Some(Marker::Relisted),
        Some(m) => return Err(StoreError::corrupt(format!("node marker {m:?}"))),
    };
    Ok(Node {
        id: r.try_get(0)?,
        parent: r.try_get(1)?,
        kind: r.try_get(2)?,
        label: r.try_get(3)?,
        title: r.try_get(4)?,
        body: r.try_get(5)?,
        marker,
    })
}

fn indicator_from_row(
    r: &AnyRow,
    yearly: &mut HashMap<String, Vec<YearlyTarget>>,
) -> Result<PlanIndicator, StoreError> {
    let key: String = r.try_get(0)?;
    let kind: String = r.try_get(5)?;
    let direction: String = r.try_get(6)?;
    let comparator: String = r.try_get(7)?;
    let has_baseline: i64 = r.try_get(11)?;
    let has_target: i64 = r.try_get(17)?;
    let baseline = if has_baseline != 0 {
        let stat: Option<String> = r.try_get(14)?;
        Some(Baseline {
            value: opt_decimal(r.try_get(12)?)?,
            period: opt_period(r.try_get(13)?)?,
            stat: match stat.as_deref() {
                None => BaselineStat::Value,
                Some(s) => BaselineStat::parse(s)
                    .ok_or_else(|| StoreError::corrupt(format!("baseline stat {s:?}")))?,
            },
            note: r.try_get(15)?,
            state: r.try_get(16)?,
        })
    } else {
        None
    };
    let target = if has_target != 0 {
        Some(Target {
            value: opt_decimal(r.try_get(18)?)?,
            period: opt_period(r.try_get(19)?)?,
            text: r.try_get(20)?,
        })
    } else {
        None
    };
    let states: String = r.try_get(21)?;
    let indicator = Indicator {
        yearly_targets: yearly.remove(&key).unwrap_or_default(),
        id: key,
        name: r.try_get(3)?,
        unit: r.try_get(4)?,
        kind: IndicatorKind::parse(&kind)
            .ok_or_else(|| StoreError::corrupt(format!("indicator kind {kind:?}")))?,
        direction: Direction::parse(&direction)
            .ok_or_else(|| StoreError::corrupt(format!("direction {direction:?}")))?,
        comparator: Comparator::parse(&comparator)
            .ok_or_else(|| StoreError::corrupt(format!("comparator {comparator:?}")))?,
        baseline,
        target,
        states: split_list(&states)?,
    };
    Ok(PlanIndicator {
        indicator,
        series_key: r.try_get(1)?,
        node: r.try_get(2)?,
        category: r.try_get(8)?,
        source: r.try_get(9)?,
        note: r.try_get(10)?,
        observations: Vec::new(),
    })
}

/// A list of names (milestone states, roles) as one text: a JSON array, so that any name,
/// line breaks included, comes back as it was.
pub(crate) fn join_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_owned())
}

/// The list [`join_list`] wrote.
pub(crate) fn split_list(s: &str) -> Result<Vec<String>, StoreError> {
    serde_json::from_str(s).map_err(|_| StoreError::corrupt(format!("list {s:?}")))
}

/// A note on one line: `\` → `\\`, line feed → `\n`, carriage return → `\r`.
fn escape_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out
}

fn unescape_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

pub(crate) fn period(s: String) -> Result<Period, StoreError> {
    Period::parse(&s).map_err(|_| StoreError::corrupt(format!("period {s:?}")))
}

pub(crate) fn opt_period(s: Option<String>) -> Result<Option<Period>, StoreError> {
    s.map(period).transpose()
}

pub(crate) fn decimal(s: String) -> Result<Decimal, StoreError> {
    s.parse::<Decimal>()
        .map_err(|_| StoreError::corrupt(format!("decimal {s:?}")))
}

pub(crate) fn opt_decimal(s: Option<String>) -> Result<Option<Decimal>, StoreError> {
    s.map(decimal).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_survive_the_one_line_form() {
        for s in ["", "a", "a\nb", "c:\\path\\n", "\r\n", "末尾\\"] {
            assert_eq!(unescape_line(&escape_line(s)), s);
            assert!(!escape_line(s).contains('\n'));
        }
    }
}

/// What [`Tx::attach_observations`] did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AttachOutcome {
    /// Indicators of the document matched to the stored plan's.
    pub matched: usize,
    /// Observations written: new ones.
    pub inserted: u64,
    /// Observations written: replaced values.
    pub updated: u64,
    /// Observations already stored as they are.
    pub unchanged: u64,
}

impl Tx {
    /// Records the observations of `from` (a progress report read from a document) on the
    /// stored plan `code`, matching indicators by name (white space and full-width ASCII
    /// folded) and, where a name occurs twice, by name and unit. Refuses the whole document
    /// when an indicator with observations matches nothing, or a value does not fit the
    /// indicator's kind: nothing is written then.
    pub async fn attach_observations(
        &mut self,
        code: &str,
        from: &Plan,
        actor: &Actor,
    ) -> Result<AttachOutcome, StoreError> {
        use shinchoku_core::diff::fold_name;
        let target = self.load_plan(code, None).await?;
        let (plan_id, _) = plan_id(self.conn(), code)
            .await?
            .ok_or_else(|| no_plan(code))?;
        let mut by_name: HashMap<String, Vec<&PlanIndicator>> = HashMap::new();
        for pi in &target.indicators {
            by_name
                .entry(fold_name(&pi.indicator.name))
                .or_default()
                .push(pi);
        }
        let mut problems = Vec::new();
        let mut pairs = Vec::new();
        for pi in from
            .indicators
            .iter()
            .filter(|p| !p.observations.is_empty())
        {
            let name = fold_name(&pi.indicator.name);
            let candidates = by_name.get(&name).map(Vec::as_slice).unwrap_or(&[]);
            let chosen = match candidates {
                [one] => Some(*one),
                [] => None,
                many => {
                    let unit = fold_name(&pi.indicator.unit);
                    let same: Vec<_> = many
                        .iter()
                        .filter(|c| fold_name(&c.indicator.unit) == unit)
                        .collect();
                    match same.as_slice() {
                        [one] => Some(**one),
                        _ => None,
                    }
                }
            };
            let Some(to) = chosen else {
                problems.push(AttachProblem {
                    name: pi.indicator.name.clone(),
                    unit: pi.indicator.unit.clone(),
                    period: None,
                    value: None,
                });
                continue;
            };
            for o in &pi.observations {
                if let Err(m) = crate::observations::check_value(
                    to.indicator.kind,
                    &to.indicator.states,
                    &o.value,
                ) {
                    problems.push(AttachProblem {
                        name: pi.indicator.name.clone(),
                        unit: pi.indicator.unit.clone(),
                        period: Some(o.period.to_string()),
                        value: Some(m),
                    });
                }
            }
            pairs.push((to.indicator.id.clone(), pi));
        }
        if !problems.is_empty() {
            return Err(StoreError::Invalid(Refusal::Attach {
                plan: code.to_owned(),
                problems,
            }));
        }
        let mut counts = ObsCounts::default();
        for (key, pi) in &pairs {
            for o in &pi.observations {
                observations::merge(
                    self.conn(),
                    plan_id,
                    key,
                    o,
                    "",
                    None,
                    None,
                    actor,
                    &mut counts,
                )
                .await?;
            }
        }
        Ok(AttachOutcome {
            matched: pairs.len(),
            inserted: counts.inserted,
            updated: counts.updated,
            unchanged: counts.unchanged,
        })
    }
}
