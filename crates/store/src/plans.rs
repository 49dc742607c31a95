//! Plans and their versions: a core [`Plan`] written as rows and read back equal.
//!
//! Saving a plan whose code is new makes version 1; saving one whose code exists makes the
//! next version, unless nothing but its observations changed (re-importing the same file is
//! harmless). Observations belong to the plan, not the version, and are merged (see
//! `observations.rs`). Every target and baseline that is new or different from the previous
//! version is written to the audit log.

use std::collections::HashMap;

use shinchoku_core::grading::GradingScheme;
use shinchoku_core::indicator::{Baseline, BaselineStat, Indicator, Target};
use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::plan::{Issuer, Marker, Plan, PlanCode, PlanIndicator};
use sqlx::{AnyConnection, FromRow};

use crate::audit::Change;
use crate::error::{AttachProblem, Missing, Refusal};
use crate::observations::{self, ObsCounts};
use crate::rows::{
    self, GradeRuleRow, IndicatorRow, LinkRow, MemberRow, NodeRow, OrganizationRow, Placeholders,
    PlanRow, PlanVersionRow, PlanVersionValues, RoadmapItemRow, SeriesRow, YearlyTargetRow,
    GRADE_RULES, INDICATORS, LINKS, MEMBERS, NODES, ORGANIZATIONS, PLANS, PLAN_VERSIONS,
    ROADMAP_ITEMS, SERIES, YEARLY_TARGETS,
};
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
        let rows = sqlx::query_as::<_, PlanSummaryRow>(
            "SELECT p.code, v.title, v.period, v.version, v.imported_at,
                    (SELECT COUNT(*) FROM indicators i WHERE i.version_id = v.id) AS indicators,
                    (SELECT COUNT(*) FROM observations o WHERE o.plan_id = p.id) AS observations
             FROM plans p
             JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
             ORDER BY p.code",
        )
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(PlanSummary {
                    period: rows::opt_period(r.period)?,
                    code: r.code,
                    title: r.title,
                    version: r.version,
                    imported_at: r.imported_at,
                    indicators: r.indicators,
                    observations: r.observations,
                })
            })
            .collect()
    }

    /// The codes of the stored plans whose current version has an indicator with id `key`.
    pub async fn plans_with_indicator(&self, key: &str) -> Result<Vec<String>, StoreError> {
        Ok(sqlx::query_scalar(
            "SELECT p.code FROM plans p
             JOIN plan_versions v ON v.plan_id = p.id AND v.version = p.current_version
             JOIN indicators i ON i.version_id = v.id
             WHERE i.key = $1 ORDER BY p.code",
        )
        .bind(key)
        .fetch_all(self.pool())
        .await?)
    }

    /// The versions of plan `code`, oldest first.
    pub async fn versions(&self, code: &str) -> Result<Vec<VersionInfo>, StoreError> {
        let rows = sqlx::query_as::<_, PlanVersionRow>(&format!(
            "SELECT {} FROM plan_versions v JOIN plans p ON p.id = v.plan_id
             WHERE p.code = $1 ORDER BY v.version",
            PLAN_VERSIONS.select("v")
        ))
        .bind(code)
        .fetch_all(self.pool())
        .await?;
        if rows.is_empty() {
            return Err(no_plan(code));
        }
        Ok(rows
            .into_iter()
            .map(|r| VersionInfo {
                version: r.values.version,
                title: r.values.title,
                source: r.values.source,
                imported_at: r.values.imported_at,
                imported_by: r.values.imported_by,
            })
            .collect())
    }
}

/// A row of [`Store::plans`]: the current version of a plan, with counts.
#[derive(Debug, FromRow)]
struct PlanSummaryRow {
    code: String,
    title: String,
    period: Option<String>,
    version: i64,
    imported_at: String,
    indicators: i64,
    observations: i64,
}

pub(crate) fn no_plan(code: &str) -> StoreError {
    StoreError::NotFound(Missing::Plan(code.to_owned()))
}

/// The id and current version of plan `code`, if stored.
pub(crate) async fn plan_id(
    conn: &mut AnyConnection,
    code: &str,
) -> Result<Option<(i64, i64)>, StoreError> {
    let row = sqlx::query_as::<_, PlanRow>(&format!("{} WHERE code = $1", PLANS.select_from()))
        .bind(code)
        .fetch_optional(&mut *conn)
        .await?;
    Ok(row.map(|r| (r.id, r.current_version)))
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
            Some(old) => shinchoku_core::diff::carry_ids(plan, old),
            None => (None, Vec::new()),
        };
        let plan = carried.as_ref().unwrap_or(plan);
        let unchanged = previous
            .as_ref()
            .is_some_and(|old| without_observations(old) == without_observations(plan));
        let (plan_id, version, created) = match existing {
            None => {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO plans (code, created_at, current_version) VALUES ($1, $2, 1)
                     RETURNING id",
                )
                .bind(code)
                .bind(&now)
                .fetch_one(self.conn())
                .await?;
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
                &now,
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

fn without_observations(p: &Plan) -> Plan {
    let mut p = p.clone();
    for pi in &mut p.indicators {
        pi.observations.clear();
    }
    p
}

/// Writes version `version` of the plan: its header, then every table of its content in one
/// multi-row statement each (several for more rows than a statement binds), so that saving a
/// plan costs a dozen round trips to the database, not one per node, indicator and target.
async fn insert_version(
    conn: &mut AnyConnection,
    plan: &Plan,
    plan_id: i64,
    version: i64,
    actor: &Actor,
    now: &str,
) -> Result<(), StoreError> {
    let header = PlanVersionValues {
        plan_id,
        version,
        title: plan.title.clone(),
        issuer_name: plan.issuer.as_ref().map(|i| i.name.clone()),
        issuer_code: plan.issuer.as_ref().and_then(|i| i.code.clone()),
        period: plan.period.map(|p| p.to_string()),
        fiscal_start_month: i64::from(plan.fiscal_start.month()),
        grading_name: plan.grading.name.clone(),
        grading_timing: rows::timing_text(plan.grading.timing).to_owned(),
        source: plan.source.clone(),
        imported_at: now.to_owned(),
        imported_by: actor.name.clone(),
        actuals_from_lineage: i64::from(plan.actuals_from_lineage),
    };
    let vid = rows::insert_returning_id(conn, &header).await?;

    if !plan.grading.is_builtin() {
        let rules: Vec<GradeRuleRow> = (plan.grading.rules.iter().enumerate())
            .map(|(ord, r)| GradeRuleRow::new(vid, ord, r))
            .collect();
        rows::insert(conn, &rules).await?;
    }
    let nodes: Vec<NodeRow> = (plan.nodes.iter().enumerate())
        .map(|(ord, n)| NodeRow::new(vid, ord, n))
        .collect();
    rows::insert(conn, &nodes).await?;
    let links: Vec<LinkRow> = (plan.links.iter().enumerate())
        .map(|(ord, l)| LinkRow::new(vid, ord, l))
        .collect();
    rows::insert(conn, &links).await?;

    let keys: Vec<String> = plan
        .indicators
        .iter()
        .map(shinchoku_core::diff::lineage_key)
        .collect();
    let series = series_ids(conn, &keys).await?;
    let mut indicators = Vec::with_capacity(plan.indicators.len());
    let mut yearly = Vec::new();
    for (ord, (pi, key)) in plan.indicators.iter().zip(&keys).enumerate() {
        let series_id = *series
            .get(key.as_str())
            .ok_or_else(|| StoreError::corrupt(format!("series {key:?} was not made")))?;
        indicators.push(IndicatorRow::new(vid, ord, series_id, pi));
        let ind = &pi.indicator;
        for (yo, y) in ind.yearly_targets.iter().enumerate() {
            yearly.push(YearlyTargetRow::new(vid, &ind.id, yo, y));
        }
    }
    rows::insert(conn, &indicators).await?;
    rows::insert(conn, &yearly).await?;

    let roadmap: Vec<RoadmapItemRow> = (plan.roadmap.iter().enumerate())
        .map(|(ord, r)| RoadmapItemRow::new(vid, ord, r))
        .collect();
    rows::insert(conn, &roadmap).await?;
    let organizations: Vec<OrganizationRow> = (plan.organizations.iter().enumerate())
        .map(|(ord, o)| OrganizationRow::new(vid, ord, o))
        .collect();
    rows::insert(conn, &organizations).await?;
    let members: Vec<MemberRow> = (plan.members.iter().enumerate())
        .map(|(ord, m)| MemberRow::new(vid, ord, m))
        .collect();
    rows::insert(conn, &members).await?;
    Ok(())
}

/// The series id of every lineage key in `keys`, each series made on first use: one
/// multi-row insert that skips the keys already there, and one select of their ids.
async fn series_ids(
    conn: &mut AnyConnection,
    keys: &[String],
) -> Result<HashMap<String, i64>, StoreError> {
    // Sorted: two transactions that make series take their locks in the same order, so they
    // wait for each other instead of deadlocking.
    let mut unique: Vec<&str> = keys.iter().map(String::as_str).collect();
    unique.sort_unstable();
    unique.dedup();
    let style = Placeholders::of(conn);
    let mut ids = HashMap::with_capacity(unique.len());
    for chunk in unique.chunks(SERIES.rows_per_statement()) {
        let mut sql = String::from("INSERT INTO series (key) VALUES ");
        style.push_rows(&mut sql, chunk.len(), 1);
        sql.push_str(" ON CONFLICT (key) DO NOTHING");
        let mut q = sqlx::query(&sql);
        for k in chunk {
            q = q.bind(*k);
        }
        q.execute(&mut *conn).await?;

        let mut sql = format!("{} WHERE key IN ", SERIES.select_from());
        style.push_list(&mut sql, chunk.len());
        let mut q = sqlx::query_as::<_, SeriesRow>(&sql);
        for k in chunk {
            q = q.bind(*k);
        }
        for row in q.fetch_all(&mut *conn).await? {
            ids.insert(row.key, row.id);
        }
    }
    Ok(ids)
}

/// Writes the audit log for every target and baseline that is new or changed since
/// `previous`, in one multi-row statement.
async fn audit_targets(
    conn: &mut AnyConnection,
    plan: &Plan,
    previous: Option<&Plan>,
    plan_id: i64,
    version: i64,
    actor: &Actor,
    now: &str,
) -> Result<(), StoreError> {
    let old: HashMap<&str, &Indicator> = previous
        .map(|p| {
            p.indicators
                .iter()
                .map(|pi| (pi.indicator.id.as_str(), &pi.indicator))
                .collect()
        })
        .unwrap_or_default();
    let mut entries = Vec::new();
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
            let change = Change {
                entity,
                action,
                plan_id,
                plan_version: Some(version),
                indicator_key: Some(&ind.id),
                period: None,
                breakdown: None,
                old_value: old_v.as_deref(),
                new_value: new_v.as_deref(),
            };
            entries.push(change.row(now, actor));
        }
    }
    rows::insert(conn, &entries).await
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
    let row = sqlx::query_as::<_, PlanVersionRow>(&format!(
        "{} WHERE plan_id = $1 AND version = $2",
        PLAN_VERSIONS.select_from()
    ))
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
    let vid = row.id;
    let v = row.values;
    let code =
        PlanCode::new(code).ok_or_else(|| StoreError::corrupt(format!("plan code {code:?}")))?;
    let mut plan = Plan::new(code, v.title);
    plan.issuer = v.issuer_name.map(|name| Issuer {
        name,
        code: v.issuer_code,
    });
    plan.period = rows::opt_period(v.period)?;
    let month = v.fiscal_start_month;
    plan.fiscal_start = u8::try_from(month)
        .ok()
        .and_then(FiscalStart::new)
        .ok_or_else(|| StoreError::corrupt(format!("fiscal start month {month}")))?;
    plan.source = v.source;
    plan.actuals_from_lineage = v.actuals_from_lineage != 0;
    plan.grading = match GradingScheme::builtin(&v.grading_name) {
        Some(s) => s,
        None => GradingScheme {
            rules: of_version::<GradeRuleRow>(conn, &GRADE_RULES, vid, "ord")
                .await?
                .into_iter()
                .map(GradeRuleRow::into_rule)
                .collect::<Result<_, _>>()?,
            name: v.grading_name,
            timing: rows::timing(&v.grading_timing),
        },
    };
    plan.nodes = of_version::<NodeRow>(conn, &NODES, vid, "ord")
        .await?
        .into_iter()
        .map(NodeRow::into_node)
        .collect::<Result<_, _>>()?;
    plan.links = of_version::<LinkRow>(conn, &LINKS, vid, "ord")
        .await?
        .into_iter()
        .map(LinkRow::into_link)
        .collect::<Result<_, _>>()?;
    let mut yearly = rows::yearly_by_indicator(
        of_version::<YearlyTargetRow>(conn, &YEARLY_TARGETS, vid, "indicator_key, ord").await?,
    )?;
    plan.indicators = of_version::<IndicatorRow>(conn, &INDICATORS, vid, "ord")
        .await?
        .into_iter()
        .map(|r| {
            let y = yearly.remove(&r.key).unwrap_or_default();
            r.into_plan_indicator(y)
        })
        .collect::<Result<_, _>>()?;
    plan.roadmap = of_version::<RoadmapItemRow>(conn, &ROADMAP_ITEMS, vid, "ord")
        .await?
        .into_iter()
        .map(RoadmapItemRow::into_item)
        .collect::<Result<_, _>>()?;
    plan.organizations = of_version::<OrganizationRow>(conn, &ORGANIZATIONS, vid, "ord")
        .await?
        .into_iter()
        .map(OrganizationRow::into_organization)
        .collect::<Result<_, _>>()?;
    plan.members = of_version::<MemberRow>(conn, &MEMBERS, vid, "ord")
        .await?
        .into_iter()
        .map(MemberRow::into_member)
        .collect();
    Ok(plan)
}

/// Every row of `table` that belongs to version `vid`, in `order`.
async fn of_version<R>(
    conn: &mut AnyConnection,
    table: &rows::Table,
    vid: i64,
    order: &str,
) -> Result<Vec<R>, StoreError>
where
    R: for<'r> FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
{
    Ok(sqlx::query_as::<_, R>(&format!(
        "{} WHERE version_id = $1 ORDER BY {order}",
        table.select_from()
    ))
    .bind(vid)
    .fetch_all(&mut *conn)
    .await?)
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
        use shinchoku_core::text::fold_name;
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
                if let Err(m) = shinchoku_core::actuals::check_value(
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
