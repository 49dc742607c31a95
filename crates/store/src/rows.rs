//! The tables as the code sees them: for every table, one list of its columns and one row type.
//!
//! The migrations say what the tables are; this module says it once more, for Rust, and
//! nowhere else does:
//! - **A column list per table** ([`Table`], one `const` each, all of them in [`TABLES`]): the
//!   selects name their columns from it, the multi-row inserts are written from it, and backup
//!   and restore copy tables by it. A test in `backup.rs` holds it to the migrations (every
//!   table, every column in order, its kind, the primary key).
//! - **A row type per table** the store reads (`NodeRow`, `IndicatorRow`, …): its fields are the
//!   table's columns, read by name with sqlx's `FromRow`, never by position; tables with an
//!   identity `id` keep the columns a write sets in a `…Values` part of their own, so that a
//!   new row needs no id. Rows hold the stored forms (decimals and periods as text, booleans as
//!   0/1, lists as JSON); converting them into core's types and back happens here, so the
//!   modules that query know core types and column names, not storage forms.
//! - **Inserts** of rows that implement [`Insert`] go through [`insert`]: as many rows per
//!   statement as the parameter limit allows, with `?` placeholders on SQLite (it looks named
//!   `$n` up in a list, which makes binding thousands quadratic) and `$n` on PostgreSQL.
//!
//! The tables nobody reads yet (users, sessions, assignments, evaluations, evaluation comments)
//! have their column list and no row type: backup copies them, and the row type comes with
//! the code that first reads them.

use std::collections::HashMap;

use shinchoku_core::derived::RatioSpec;
use shinchoku_core::grading::{Condition, GradeRule, Timing};
use shinchoku_core::indicator::{
    Baseline, BaselineStat, Comparator, Direction, Indicator, IndicatorKind, Observation,
    ObservationStatus, ObservedValue, Target, YearlyTarget,
};
use shinchoku_core::period::Period;
use shinchoku_core::plan::{Link, LinkKind, Marker, Member, Node, Organization, PlanIndicator};
use shinchoku_core::Decimal;
use sqlx::any::AnyArguments;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, FromRow, Row};

use crate::StoreError;

/// A statement of the `Any` driver with its arguments.
pub(crate) type AnyQuery<'q> = Query<'q, Any, AnyArguments<'q>>;

/// The two kinds of value in the schema (decimals, periods and times are text; booleans are
/// integers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Int,
    Text,
}

use Kind::{Int as I, Text as T};

/// One table: its name, key and columns, in the migration's order.
#[derive(Debug)]
pub(crate) struct Table {
    pub name: &'static str,
    /// Its primary key, in order (backup reads pages by it).
    pub key: &'static [&'static str],
    /// Every column, in the migration's order.
    pub columns: &'static [(&'static str, Kind)],
    /// Its `id` is an identity column (a sequence on PostgreSQL), numbered by the database.
    pub identity: bool,
}

impl Table {
    /// Every column's name.
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.columns.iter().map(|(c, _)| *c)
    }

    /// The columns an insert sets: all but an identity `id`.
    pub(crate) fn written(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.names().filter(move |c| !(self.identity && *c == "id"))
    }

    /// Every column for a select list, qualified with `alias` when one is given:
    /// `i."key", i."name", …`.
    pub(crate) fn select(&self, alias: &str) -> String {
        let prefix = if alias.is_empty() {
            String::new()
        } else {
            format!("{alias}.")
        };
        self.names()
            .map(|c| format!("{prefix}\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// `SELECT <every column> FROM <table> ` (a `WHERE …` follows).
    pub(crate) fn select_from(&self) -> String {
        format!("SELECT {} FROM \"{}\" ", self.select(""), self.name)
    }

    /// `INSERT INTO <table> (<written columns>) VALUES (…), …` for `rows` rows.
    pub(crate) fn insert_sql(&self, rows: usize, style: Placeholders) -> String {
        insert_sql(self.name, self.written(), rows, style)
    }

    /// Rows per multi-row insert: within SQLite's parameter limit and [`MAX_ROWS`].
    pub(crate) fn rows_per_statement(&self) -> usize {
        (MAX_PARAMS / self.written().count().max(1)).clamp(1, MAX_ROWS)
    }

    /// `INSERT INTO <table> (<every column>) VALUES (…), …` for `rows` rows: a copy, its ids
    /// as they were (backup and restore).
    pub(crate) fn copy_sql(&self, rows: usize, style: Placeholders) -> String {
        insert_sql(self.name, self.names(), rows, style)
    }

    /// Rows per statement of a copy.
    pub(crate) fn rows_per_copy(&self) -> usize {
        (MAX_PARAMS / self.columns.len().max(1)).clamp(1, MAX_ROWS)
    }
}

fn insert_sql<'a>(
    table: &str,
    columns: impl Iterator<Item = &'a str>,
    rows: usize,
    style: Placeholders,
) -> String {
    let cols: Vec<String> = columns.map(|c| format!("\"{c}\"")).collect();
    let mut sql = format!("INSERT INTO \"{table}\" ({}) VALUES ", cols.join(", "));
    style.push_rows(&mut sql, rows, cols.len());
    sql
}

/// SQLite's limit on the parameters of one statement (PostgreSQL's is higher).
pub(crate) const MAX_PARAMS: usize = 32_766;
/// Rows written or read by one statement, at most.
pub(crate) const MAX_ROWS: usize = 1_000;

/// How a statement marks its parameters: the one thing the SQL text of a batch differs in by
/// backend. SQLite finds each named parameter (`$1`) by walking a list, so binding thousands
/// of them is quadratic (it was 83 % of an actuals import's time); its anonymous `?` costs
/// nothing to bind. PostgreSQL knows only `$n`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Placeholders {
    /// `?` (SQLite).
    Anonymous,
    /// `$1`, `$2`, … (PostgreSQL).
    Numbered,
}

impl Placeholders {
    /// The style of the database `conn` talks to.
    pub(crate) fn of(conn: &AnyConnection) -> Placeholders {
        if conn.backend_name() == "SQLite" {
            Placeholders::Anonymous
        } else {
            Placeholders::Numbered
        }
    }

    /// Appends `(…)`: a list of `n` parameters, numbered from 1 (for `IN`).
    pub(crate) fn push_list(self, sql: &mut String, n: usize) {
        self.push_rows(sql, 1, n);
    }

    /// Appends `(…), (…)`: `rows` groups of `width` parameters, numbered from 1.
    pub(crate) fn push_rows(self, sql: &mut String, rows: usize, width: usize) {
        let mut n = 0;
        for r in 0..rows {
            if r > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for c in 0..width {
                if c > 0 {
                    sql.push_str(", ");
                }
                n += 1;
                match self {
                    Placeholders::Anonymous => sql.push('?'),
                    Placeholders::Numbered => {
                        sql.push('$');
                        sql.push_str(&n.to_string());
                    }
                }
            }
            sql.push(')');
        }
    }
}

/// A row that can be inserted: it binds the values of [`Table::written`] in that order.
pub(crate) trait Insert {
    /// The table it goes into.
    const TABLE: &'static Table;
    /// Binds this row's values, in the order of the table's written columns.
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q>;
}

/// Inserts `rows`, as many per statement as [`Table::rows_per_statement`] allows.
pub(crate) async fn insert<R: Insert>(
    conn: &mut AnyConnection,
    rows: &[R],
) -> Result<(), StoreError> {
    let style = Placeholders::of(conn);
    for chunk in rows.chunks(R::TABLE.rows_per_statement()) {
        let sql = R::TABLE.insert_sql(chunk.len(), style);
        let mut q = sqlx::query(&sql);
        for r in chunk {
            q = r.bind(q);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Inserts one row of a table with an identity `id`, and returns the id it was given.
pub(crate) async fn insert_returning_id<R: Insert>(
    conn: &mut AnyConnection,
    row: &R,
) -> Result<i64, StoreError> {
    let sql = format!(
        "{} RETURNING \"id\"",
        R::TABLE.insert_sql(1, Placeholders::of(conn))
    );
    let inserted = row.bind(sqlx::query(&sql)).fetch_one(&mut *conn).await?;
    Ok(inserted.try_get("id")?)
}

// ---------------------------------------------------------------------------------------------
// The tables, in foreign-key order (a table after every table it refers to).

/// A plan: its code is the stable name; its content lives in versions.
pub(crate) const PLANS: Table = Table {
    name: "plans",
    key: &["id"],
    columns: &[
        ("id", I),
        ("code", T),
        ("created_at", T),
        ("current_version", I),
    ],
    identity: true,
};

/// A row of `plans`.
#[derive(Debug, PartialEq, Eq, FromRow)]
pub(crate) struct PlanRow {
    pub id: i64,
    #[allow(dead_code, reason = "read with the row; looked up by, not read back")]
    pub code: String,
    #[allow(dead_code, reason = "read with the row; nothing shows it yet")]
    pub created_at: String,
    pub current_version: i64,
}

pub(crate) const PLAN_VERSIONS: Table = Table {
    name: "plan_versions",
    key: &["id"],
    columns: &[
        ("id", I),
        ("plan_id", I),
        ("version", I),
        ("title", T),
        ("issuer_name", T),
        ("issuer_code", T),
        ("period", T),
        ("fiscal_start_month", I),
        ("grading_name", T),
        ("grading_timing", T),
        ("source", T),
        ("imported_at", T),
        ("imported_by", T),
        ("actuals_from_lineage", I),
    ],
    identity: true,
};

/// A row of `plan_versions`.
#[derive(Debug, PartialEq, Eq, FromRow)]
pub(crate) struct PlanVersionRow {
    pub id: i64,
    #[sqlx(flatten)]
    pub values: PlanVersionValues,
}

/// The columns of `plan_versions` a write sets: the header fields of core's `Plan`.
#[derive(Debug, PartialEq, Eq, FromRow)]
pub(crate) struct PlanVersionValues {
    pub plan_id: i64,
    pub version: i64,
    pub title: String,
    pub issuer_name: Option<String>,
    pub issuer_code: Option<String>,
    pub period: Option<String>,
    pub fiscal_start_month: i64,
    pub grading_name: String,
    pub grading_timing: String,
    pub source: Option<String>,
    pub imported_at: String,
    pub imported_by: String,
    /// The plan's `actuals_from_lineage` setting, 0 or 1.
    pub actuals_from_lineage: i64,
}

impl Insert for PlanVersionValues {
    const TABLE: &'static Table = &PLAN_VERSIONS;
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.plan_id)
            .bind(self.version)
            .bind(self.title.as_str())
            .bind(self.issuer_name.as_deref())
            .bind(self.issuer_code.as_deref())
            .bind(self.period.as_deref())
            .bind(self.fiscal_start_month)
            .bind(self.grading_name.as_str())
            .bind(self.grading_timing.as_str())
            .bind(self.source.as_deref())
            .bind(self.imported_at.as_str())
            .bind(self.imported_by.as_str())
            .bind(self.actuals_from_lineage)
    }
}

/// A grading scheme's timing as stored.
pub(crate) fn timing_text(t: Timing) -> &'static str {
    match t {
        Timing::EveryYear => "every_year",
        Timing::AfterTarget => "after_target",
    }
}

/// The timing [`timing_text`] wrote (anything else is the default, every year).
pub(crate) fn timing(s: &str) -> Timing {
    match s {
        "after_target" => Timing::AfterTarget,
        _ => Timing::EveryYear,
    }
}

pub(crate) const GRADE_RULES: Table = Table {
    name: "grade_rules",
    key: &["version_id", "ord"],
    columns: &[
        ("version_id", I),
        ("ord", I),
        ("label", T),
        ("name", T),
        ("condition", T),
    ],
    identity: false,
};

/// A row of `grade_rules`: one rule of a plan's own grading scheme.
#[derive(Debug, PartialEq, Eq, FromRow)]
pub(crate) struct GradeRuleRow {
    pub version_id: i64,
    pub ord: i64,
    pub label: String,
    pub name: String,
    pub condition: String,
}

impl GradeRuleRow {
    pub(crate) fn new(version_id: i64, ord: usize, r: &GradeRule) -> Self {
        GradeRuleRow {
            version_id,
            ord: ord_of(ord),
            label: r.label.clone(),
            name: r.name.clone(),
            condition: r.condition.to_string(),
        }
    }

    pub(crate) fn into_rule(self) -> Result<GradeRule, StoreError> {
        Ok(GradeRule {
            label: self.label,
            name: self.name,
            condition: self
                .condition
                .parse::<Condition>()
                .map_err(StoreError::corrupt)?,
        })
    }
}

impl Insert for GradeRuleRow {
    const TABLE: &'static Table = &GRADE_RULES;
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.version_id)
            .bind(self.ord)
            .bind(self.label.as_str())
            .bind(self.name.as_str())
            .bind(self.condition.as_str())
    }
}

pub(crate) const NODES: Table = Table {
    name: "nodes",
    key: &["version_id", "ord"],
    columns: &[
        ("version_id", I),
        ("ord", I),
        ("key", T),
        ("parent_key", T),
        ("kind", T),
        ("label", T),
        ("title", T),
        ("body", T),
        ("marker", T),
        ("old_title", T),
        ("weight", T),
    ],
    identity: false,
};

/// A row of `nodes`: one node of the plan's tree.
#[derive(Debug, PartialEq, Eq, FromRow)]
pub(crate) struct NodeRow {
    pub version_id: i64,
    pub ord: i64,
    pub key: String,
    pub parent_key: Option<String>,
    pub kind: Option<String>,
    pub label: Option<String>,
    pub title: String,
    pub body: Option<String>,
    pub marker: Option<String>,
    pub old_title: Option<String>,
    /// Decimal text; `None` for the default weight, 1.
    pub weight: Option<String>,
}

impl NodeRow {
    pub(crate) fn new(version_id: i64, ord: usize, n: &Node) -> Self {
        let (marker, old_title) = match &n.marker {
            None => (None, None),
            Some(m @ Marker::Modified { old_title }) => (Some(m.as_str()), old_title.clone()),
            Some(m) => (Some(m.as_str()), None),
        };
        NodeRow {
            version_id,
            ord: ord_of(ord),
            key: n.id.clone(),
            parent_key: n.parent.clone(),
            kind: n.kind.clone(),
            label: n.label.clone(),
            title: n.title.clone(),
            body: n.body.clone(),
            marker: marker.map(str::to_owned),
            old_title,
            weight: n.weight.map(|w| w.to_string()),
        }
    }

    pub(crate) fn into_node(self) -> Result<Node, StoreError> {
        let marker = match self.marker.as_deref() {
            None => None,
            Some("new") => Some(Marker::New),
            Some("modified") => Some(Marker::Modified {
                old_title: self.old_title,
            }),
            Some("relisted") => Some(Marker::Relisted),
            Some(m) => return Err(StoreError::corrupt(format!("node marker {m:?}"))),
        };
        Ok(Node {
            weight: opt_decimal(self.weight)?,
            id: self.key,
            parent: self.parent_key,
            kind: self.kind,
            label: self.label,
            title: self.title,
            body: self.body,
            marker,
        })
    }
}

impl Insert for NodeRow {
    const TABLE: &'static Table = &NODES;
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.version_id)
            .bind(self.ord)
            .bind(self.key.as_str())
            .bind(self.parent_key.as_deref())
            .bind(self.kind.as_deref())
            .bind(self.label.as_deref())
            .bind(self.title.as_str())
            .bind(self.body.as_deref())
            .bind(self.marker.as_deref())
            .bind(self.old_title.as_deref())
            .bind(self.weight.as_deref())
    }
}

pub(crate) const LINKS: Table = Table {
    name: "links",
    key: &["version_id", "ord"],
    columns: &[
        ("version_id", I),
        ("ord", I),
        ("from_key", T),
        ("to_key", T),
        ("kind", T),
    ],
    identity: false,
};

/// A row of `links`: a typed link between two nodes.
#[derive(Debug, PartialEq, Eq, FromRow)]
pub(crate) struct LinkRow {
    pub version_id: i64,
    pub ord: i64,
    pub from_key: String,
    pub to_key: String,
    pub kind: String,
}

impl LinkRow {
    pub(crate) fn new(version_id: i64, ord: usize, l: &Link) -> Self {
        LinkRow {
            version_id,
            ord: ord_of(ord),
            from_key: l.from.clone(),
            to_key: l.to.clone(),
            kind: l.kind.as_str().to_owned(),
        }
    }

    pub(crate) fn into_link(self) -> Result<Link, StoreError> {
        Ok(Link {
            kind: LinkKind::parse(&self.kind)
                .ok_or_else(|| StoreError::corrupt(format!("link kind {:?}", self.kind)))?,
            from: self.from_key,
            to: self.to_key,
        })
    }
}

impl Insert for LinkRow {
    const TABLE: &'static Table = &LINKS;
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.version_id)
            .bind(self.ord)
            .bind(self.from_key.as_str())
            .bind(self.to_key.as_str())
            .bind(self.kind.as_str())
    }
}

pub(crate) const SERIES: Table = Table {
    name: "series",
    key: &["id"],
    columns: &[("id", I), ("key", T)],
    identity: true,
};

/// A row of `series`: one indicator across plans (lineage).
#[derive(Debug, PartialEq, Eq, FromRow)]
pub(crate) struct SeriesRow {
    pub id: i64,
    pub key: String,
}

pub(crate) const INDICATORS: Table = Table {
    name: "indicators",
    key: &["version_id", "ord"],
    columns: &[
        ("version_id", I),
        ("ord", I),
        ("key", T),
        ("series_id", I),
        ("series_key", T),
        ("node_key", T),
        ("name", T),
        ("unit", T),
        ("kind", T),
        ("direction", T),
        ("comparator", T),
        ("category", T),
        ("source", T),
        ("note", T),
        ("has_baseline", I),
        ("baseline_value", T),
        ("baseline_period", T),
        ("baseline_stat", T),
        ("baseline_note", T),
        ("baseline_state", T),
        ("has_target", I),
        ("target_value", T),
        ("target_period", T),
        ("target_text", T),
        ("states", T),
        ("ratio_numerator", T),
        ("ratio_denominator", T),
        ("ratio_factor", T),
    ],
    identity: false,
};

/// A row of `indicators`: an indicator of a version, its baseline and final target inline.
#[derive(Debug, PartialEq, Eq, FromRow)]
pub(crate) struct IndicatorRow {
    pub version_id: i64,
    pub ord: i64,
    pub key: String,
    pub series_id: i64,
    pub series_key: Option<String>,
    pub node_key: Option<String>,
    pub name: String,
    pub unit: String,
    pub kind: String,
    pub direction: String,
    pub comparator: String,
    pub category: Option<String>,
    pub source: Option<String>,
    pub note: Option<String>,
    pub has_baseline: i64,
    pub baseline_value: Option<String>,
    pub baseline_period: Option<String>,
    pub baseline_stat: Option<String>,
    pub baseline_note: Option<String>,
    pub baseline_state: Option<String>,
    pub has_target: i64,
    pub target_value: Option<String>,
    pub target_period: Option<String>,
    pub target_text: Option<String>,
    pub states: String,
    /// A ratio indicator's numerator and denominator ids and factor (decimal text).
    pub ratio_numerator: Option<String>,
    pub ratio_denominator: Option<String>,
    pub ratio_factor: Option<String>,
}

impl IndicatorRow {
    pub(crate) fn new(version_id: i64, ord: usize, series_id: i64, pi: &PlanIndicator) -> Self {
        let ind = &pi.indicator;
        let b = ind.baseline.as_ref();
        let t = ind.target.as_ref();
        IndicatorRow {
            version_id,
            ord: ord_of(ord),
            key: ind.id.clone(),
            series_id,
            series_key: pi.series_key.clone(),
            node_key: pi.node.clone(),
            name: ind.name.clone(),
            unit: ind.unit.clone(),
            kind: ind.kind.as_str().to_owned(),
            direction: ind.direction.as_str().to_owned(),
            comparator: ind.comparator.as_str().to_owned(),
            category: pi.category.clone(),
            source: pi.source.clone(),
            note: pi.note.clone(),
            has_baseline: i64::from(b.is_some()),
            baseline_value: b.and_then(|b| b.value).map(|d| d.to_string()),
            baseline_period: b.and_then(|b| b.period).map(|p| p.to_string()),
            baseline_stat: b.map(|b| b.stat.as_str().to_owned()),
            baseline_note: b.and_then(|b| b.note.clone()),
            baseline_state: b.and_then(|b| b.state.clone()),
            has_target: i64::from(t.is_some()),
            target_value: t.and_then(|t| t.value).map(|d| d.to_string()),
            target_period: t.and_then(|t| t.period).map(|p| p.to_string()),
            target_text: t.and_then(|t| t.text.clone()),
            states: join_list(&ind.states),
            ratio_numerator: pi.ratio.as_ref().map(|r| r.numerator.clone()),
            ratio_denominator: pi.ratio.as_ref().map(|r| r.denominator.clone()),
            ratio_factor: pi.ratio.as_ref().map(|r| r.factor.to_string()),
        }
    }

    /// The indicator's kind.
    pub(crate) fn kind(&self) -> Result<IndicatorKind, StoreError> {
        IndicatorKind::parse(&self.kind)
            .ok_or_else(|| StoreError::corrupt(format!("indicator kind {:?}", self.kind)))
    }

    /// A milestone's own states (empty: the default states).
    pub(crate) fn states(&self) -> Result<Vec<String>, StoreError> {
        split_list(&self.states)
    }

    /// The baseline, if the indicator has one.
    pub(crate) fn baseline(&self) -> Result<Option<Baseline>, StoreError> {
        if self.has_baseline == 0 {
            return Ok(None);
        }
        Ok(Some(Baseline {
            value: opt_decimal(self.baseline_value.clone())?,
            period: opt_period(self.baseline_period.clone())?,
            stat: match self.baseline_stat.as_deref() {
                None => BaselineStat::Value,
                Some(s) => BaselineStat::parse(s)
                    .ok_or_else(|| StoreError::corrupt(format!("baseline stat {s:?}")))?,
            },
            note: self.baseline_note.clone(),
            state: self.baseline_state.clone(),
        }))
    }

    /// The final target, if the indicator has one.
    pub(crate) fn target(&self) -> Result<Option<Target>, StoreError> {
        if self.has_target == 0 {
            return Ok(None);
        }
        Ok(Some(Target {
            value: opt_decimal(self.target_value.clone())?,
            period: opt_period(self.target_period.clone())?,
            text: self.target_text.clone(),
        }))
    }

    /// The indicator as the plan holds it, with its yearly targets (no observations).
    pub(crate) fn into_plan_indicator(
        self,
        yearly_targets: Vec<YearlyTarget>,
    ) -> Result<PlanIndicator, StoreError> {
        let direction = Direction::parse(&self.direction)
            .ok_or_else(|| StoreError::corrupt(format!("direction {:?}", self.direction)))?;
        let comparator = Comparator::parse(&self.comparator)
            .ok_or_else(|| StoreError::corrupt(format!("comparator {:?}", self.comparator)))?;
        let indicator = Indicator {
            kind: self.kind()?,
            states: self.states()?,
            baseline: self.baseline()?,
            target: self.target()?,
            yearly_targets,
            direction,
            comparator,
            id: self.key,
            name: self.name,
            unit: self.unit,
        };
        let ratio = match (
            self.ratio_numerator,
            self.ratio_denominator,
            self.ratio_factor,
        ) {
            (Some(numerator), Some(denominator), Some(factor)) => Some(RatioSpec {
                numerator,
                denominator,
                factor: decimal(factor)?,
            }),
            (None, None, None) => None,
            _ => return Err(StoreError::corrupt("a ratio without all three parts")),
        };
        Ok(PlanIndicator {
            ratio,
            indicator,
            series_key: self.series_key,
            node: self.node_key,
            category: self.category,
            source: self.source,
            note: self.note,
            observations: Vec::new(),
        })
    }
}

impl Insert for IndicatorRow {
    const TABLE: &'static Table = &INDICATORS;
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.version_id)
            .bind(self.ord)
            .bind(self.key.as_str())
            .bind(self.series_id)
            .bind(self.series_key.as_deref())
            .bind(self.node_key.as_deref())
            .bind(self.name.as_str())
            .bind(self.unit.as_str())
            .bind(self.kind.as_str())
            .bind(self.direction.as_str())
            .bind(self.comparator.as_str())
            .bind(self.category.as_deref())
            .bind(self.source.as_deref())
            .bind(self.note.as_deref())
            .bind(self.has_baseline)
            .bind(self.baseline_value.as_deref())
            .bind(self.baseline_period.as_deref())
            .bind(self.baseline_stat.as_deref())
            .bind(self.baseline_note.as_deref())
            .bind(self.baseline_state.as_deref())
            .bind(self.has_target)
            .bind(self.target_value.as_deref())
            .bind(self.target_period.as_deref())
            .bind(self.target_text.as_deref())
            .bind(self.states.as_str())
            .bind(self.ratio_numerator.as_deref())
            .bind(self.ratio_denominator.as_deref())
            .bind(self.ratio_factor.as_deref())
    }
}

pub(crate) const YEARLY_TARGETS: Table = Table {
    name: "yearly_targets",
    key: &["version_id", "indicator_key", "ord"],
    columns: &[
        ("version_id", I),
        ("indicator_key", T),
        ("ord", I),
        ("period", T),
        ("value", T),
    ],
    identity: false,
};

/// A row of `yearly_targets`.
#[derive(Debug, PartialEq, Eq, FromRow)]
pub(crate) struct YearlyTargetRow {
    pub version_id: i64,
    pub indicator_key: String,
    pub ord: i64,
    pub period: String,
    pub value: String,
}

impl YearlyTargetRow {
    pub(crate) fn new(version_id: i64, indicator_key: &str, ord: usize, y: &YearlyTarget) -> Self {
        YearlyTargetRow {
            version_id,
            indicator_key: indicator_key.to_owned(),
            ord: ord_of(ord),
            period: y.period.to_string(),
            value: y.value.to_string(),
        }
    }

    pub(crate) fn into_yearly_target(self) -> Result<YearlyTarget, StoreError> {
        Ok(YearlyTarget {
            period: period(self.period)?,
            value: decimal(self.value)?,
        })
    }
}

impl Insert for YearlyTargetRow {
    const TABLE: &'static Table = &YEARLY_TARGETS;
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.version_id)
            .bind(self.indicator_key.as_str())
            .bind(self.ord)
            .bind(self.period.as_str())
            .bind(self.value.as_str())
    }
}

pub(crate) const ROADMAP_ITEMS: Table = Table {
    name: "roadmap_items",
    key: &["version_id", "ord"],
    columns: &[
        ("version_id", I),
        ("ord", I),
        ("node_key", T),
        ("title", T),
        ("start_period", T),
        ("end_period", T),
        ("notes", T),
    ],
    identity: false,
};

/// A row of `roadmap_items` (工程表). `notes` holds one note per line as `FY2023<TAB>note`.
#[derive(Debug, PartialEq, Eq, FromRow)]
pub(crate) struct RoadmapItemRow {
    pub version_id: i64,
    pub ord: i64,
    pub node_key: Option<String>,
    pub title: String,
    pub start_period: Option<String>,
    pub end_period: Option<String>,
    pub notes: String,
}

impl RoadmapItemRow {
    pub(crate) fn new(version_id: i64, ord: usize, r: &shinchoku_core::plan::RoadmapItem) -> Self {
        let notes: Vec<String> = r
            .notes
            .iter()
            .map(|(p, n)| format!("{p}\t{}", escape_line(n)))
            .collect();
        RoadmapItemRow {
            version_id,
            ord: ord_of(ord),
            node_key: r.node.clone(),
            title: r.title.clone(),
            start_period: r.start.map(|p| p.to_string()),
            end_period: r.end.map(|p| p.to_string()),
            notes: notes.join("\n"),
        }
    }

    pub(crate) fn into_item(self) -> Result<shinchoku_core::plan::RoadmapItem, StoreError> {
        let notes = self
            .notes
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| {
                let (p, n) = l
                    .split_once('\t')
                    .ok_or_else(|| StoreError::corrupt(format!("roadmap note {l:?}")))?;
                Ok((period(p.to_owned())?, unescape_line(n)))
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(shinchoku_core::plan::RoadmapItem {
            node: self.node_key,
            title: self.title,
            start: opt_period(self.start_period)?,
            end: opt_period(self.end_period)?,
            notes,
        })
    }
}

impl Insert for RoadmapItemRow {
    const TABLE: &'static Table = &ROADMAP_ITEMS;
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.version_id)
            .bind(self.ord)
            .bind(self.node_key.as_deref())
            .bind(self.title.as_str())
            .bind(self.start_period.as_deref())
            .bind(self.end_period.as_deref())
            .bind(self.notes.as_str())
    }
}

pub(crate) const ORGANIZATIONS: Table = Table {
    name: "organizations",
    key: &["version_id", "ord"],
    columns: &[("version_id", I), ("ord", I), ("name", T), ("roles", T)],
    identity: false,
};

/// A row of `organizations` (支援機関), its roles a JSON array.
#[derive(Debug, PartialEq, Eq, FromRow)]
pub(crate) struct OrganizationRow {
    pub version_id: i64,
    pub ord: i64,
    pub name: String,
    pub roles: String,
}

impl OrganizationRow {
    pub(crate) fn new(version_id: i64, ord: usize, o: &Organization) -> Self {
        OrganizationRow {
            version_id,
            ord: ord_of(ord),
            name: o.name.clone(),
            roles: join_list(&o.roles),
        }
    }

    pub(crate) fn into_organization(self) -> Result<Organization, StoreError> {
        Ok(Organization {
            roles: split_list(&self.roles)?,
            name: self.name,
        })
    }
}

impl Insert for OrganizationRow {
    const TABLE: &'static Table = &ORGANIZATIONS;
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.version_id)
            .bind(self.ord)
            .bind(self.name.as_str())
            .bind(self.roles.as_str())
    }
}

pub(crate) const MEMBERS: Table = Table {
    name: "members",
    key: &["version_id", "ord"],
    columns: &[
        ("version_id", I),
        ("ord", I),
        ("organization", T),
        ("position", T),
        ("name", T),
        ("reading", T),
    ],
    identity: false,
};

/// A row of `members`: a committee member.
#[derive(Debug, PartialEq, Eq, FromRow)]
pub(crate) struct MemberRow {
    pub version_id: i64,
    pub ord: i64,
    pub organization: Option<String>,
    pub position: Option<String>,
    pub name: String,
    pub reading: Option<String>,
}

impl MemberRow {
    pub(crate) fn new(version_id: i64, ord: usize, m: &Member) -> Self {
        MemberRow {
            version_id,
            ord: ord_of(ord),
            organization: m.organization.clone(),
            position: m.position.clone(),
            name: m.name.clone(),
            reading: m.reading.clone(),
        }
    }

    pub(crate) fn into_member(self) -> Member {
        Member {
            organization: self.organization,
            position: self.position,
            name: self.name,
            reading: self.reading,
        }
    }
}

impl Insert for MemberRow {
    const TABLE: &'static Table = &MEMBERS;
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.version_id)
            .bind(self.ord)
            .bind(self.organization.as_deref())
            .bind(self.position.as_deref())
            .bind(self.name.as_str())
            .bind(self.reading.as_deref())
    }
}

pub(crate) const OBSERVATIONS: Table = Table {
    name: "observations",
    key: &["id"],
    columns: &[
        ("id", I),
        ("plan_id", I),
        ("indicator_key", T),
        ("period", T),
        ("breakdown", T),
        ("value_num", T),
        ("value_state", T),
        ("status", T),
        ("as_of", T),
        ("source", T),
        ("note", T),
        ("version", I),
        ("updated_at", T),
        ("updated_by", T),
    ],
    identity: true,
};

/// A row of `observations`.
#[derive(Debug, PartialEq, Eq, FromRow)]
pub(crate) struct ObservationRow {
    pub id: i64,
    #[sqlx(flatten)]
    pub values: ObservationValues,
}

/// The columns of `observations` a write sets: one actual value (実績値) of a plan's indicator.
#[derive(Debug, PartialEq, Eq, FromRow)]
pub(crate) struct ObservationValues {
    pub plan_id: i64,
    pub indicator_key: String,
    pub period: String,
    /// `''` for a total, else `性別=女性;地域=岩国` (keys sorted).
    pub breakdown: String,
    /// Exactly one of `value_num` (decimal text) and `value_state` (a milestone's state).
    pub value_num: Option<String>,
    pub value_state: Option<String>,
    pub status: String,
    pub as_of: Option<String>,
    pub source: Option<String>,
    pub note: Option<String>,
    /// Counts the writes of this one value.
    pub version: i64,
    pub updated_at: String,
    pub updated_by: String,
}

impl ObservationValues {
    /// The observation as core holds it.
    pub(crate) fn observation(&self) -> Result<Observation, StoreError> {
        let value = match (&self.value_num, &self.value_state) {
            (Some(n), _) => ObservedValue::Number(decimal(n.clone())?),
            (None, Some(s)) => ObservedValue::State(s.clone()),
            (None, None) => return Err(StoreError::corrupt("an observation with no value")),
        };
        Ok(Observation {
            period: period(self.period.clone())?,
            value,
            status: ObservationStatus::parse(&self.status).ok_or_else(|| {
                StoreError::corrupt(format!("observation status {:?}", self.status))
            })?,
            as_of: opt_period(self.as_of.clone())?,
        })
    }
}

impl Insert for ObservationValues {
    const TABLE: &'static Table = &OBSERVATIONS;
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.plan_id)
            .bind(self.indicator_key.as_str())
            .bind(self.period.as_str())
            .bind(self.breakdown.as_str())
            .bind(self.value_num.as_deref())
            .bind(self.value_state.as_deref())
            .bind(self.status.as_str())
            .bind(self.as_of.as_deref())
            .bind(self.source.as_deref())
            .bind(self.note.as_deref())
            .bind(self.version)
            .bind(self.updated_at.as_str())
            .bind(self.updated_by.as_str())
    }
}

pub(crate) const AUDIT_LOG: Table = Table {
    name: "audit_log",
    key: &["id"],
    columns: &[
        ("id", I),
        ("at", T),
        ("actor", T),
        ("source", T),
        ("entity", T),
        ("action", T),
        ("plan_id", I),
        ("plan_version", I),
        ("indicator_key", T),
        ("period", T),
        ("breakdown", T),
        ("old_value", T),
        ("new_value", T),
    ],
    identity: true,
};

/// A row of `audit_log`.
#[derive(Debug, PartialEq, Eq, FromRow)]
pub(crate) struct AuditRow {
    pub id: i64,
    #[sqlx(flatten)]
    pub values: AuditValues,
}

/// The columns of `audit_log` a write sets: one change, who made it, when and from what.
#[derive(Debug, PartialEq, Eq, FromRow)]
pub(crate) struct AuditValues {
    pub at: String,
    pub actor: String,
    pub source: Option<String>,
    pub entity: String,
    pub action: String,
    pub plan_id: Option<i64>,
    pub plan_version: Option<i64>,
    pub indicator_key: Option<String>,
    pub period: Option<String>,
    pub breakdown: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

impl Insert for AuditValues {
    const TABLE: &'static Table = &AUDIT_LOG;
    fn bind<'q>(&'q self, q: AnyQuery<'q>) -> AnyQuery<'q> {
        q.bind(self.at.as_str())
            .bind(self.actor.as_str())
            .bind(self.source.as_deref())
            .bind(self.entity.as_str())
            .bind(self.action.as_str())
            .bind(self.plan_id)
            .bind(self.plan_version)
            .bind(self.indicator_key.as_deref())
            .bind(self.period.as_deref())
            .bind(self.breakdown.as_deref())
            .bind(self.old_value.as_deref())
            .bind(self.new_value.as_deref())
    }
}

pub(crate) const USERS: Table = Table {
    name: "users",
    key: &["id"],
    columns: &[
        ("id", I),
        ("name", T),
        ("role", T),
        ("group_name", T),
        ("email", T),
        ("password_hash", T),
        ("created_at", T),
    ],
    identity: true,
};

pub(crate) const SESSIONS: Table = Table {
    name: "sessions",
    key: &["id"],
    columns: &[("id", T), ("user_id", I), ("data", T), ("expires_at", T)],
    identity: false,
};

pub(crate) const ASSIGNMENTS: Table = Table {
    name: "assignments",
    key: &["plan_id", "node_key"],
    columns: &[("plan_id", I), ("node_key", T), ("group_name", T)],
    identity: false,
};

pub(crate) const ROUNDS: Table = Table {
    name: "rounds",
    key: &["plan_id", "fy"],
    columns: &[
        ("plan_id", I),
        ("fy", I),
        ("state", T),
        ("due", T),
        ("stages", T),
        ("plan_version", I),
        ("opened_at", T),
        ("opened_by", T),
        ("closed_at", T),
        ("closed_by", T),
        ("unconfirmed", T),
        ("series", T),
    ],
    identity: false,
};

pub(crate) const API_TOKENS: Table = Table {
    name: "api_tokens",
    key: &["id"],
    columns: &[
        ("id", I),
        ("user_id", I),
        ("token_hash", T),
        ("label", T),
        ("created_at", T),
    ],
    identity: true,
};

pub(crate) const LOGIN_FAILURES: Table = Table {
    name: "login_failures",
    key: &["id"],
    columns: &[("id", I), ("account", T), ("address", T), ("at", T)],
    identity: true,
};

pub(crate) const EVALUATIONS: Table = Table {
    name: "evaluations",
    key: &["plan_id", "fy", "indicator_key"],
    columns: &[
        ("plan_id", I),
        ("fy", I),
        ("indicator_key", T),
        ("stage", T),
        ("state", T),
        ("grade", T),
        ("value", T),
        ("achievement", T),
        ("progress", T),
        ("cause", T),
        ("next_action", T),
        ("comment", T),
        ("version", I),
        ("updated_at", T),
        ("updated_by", T),
    ],
    identity: false,
};

pub(crate) const EVALUATION_COMMENTS: Table = Table {
    name: "evaluation_comments",
    key: &["id"],
    columns: &[
        ("id", I),
        ("plan_id", I),
        ("fy", I),
        ("indicator_key", T),
        ("stage", T),
        ("author", T),
        ("at", T),
        ("body", T),
        ("kind", T),
    ],
    identity: true,
};

/// Every table of the schema but `schema_migrations` (which the migrations write), in
/// foreign-key order: a table comes after every table it refers to.
pub(crate) const TABLES: &[Table] = &[
    PLANS,
    PLAN_VERSIONS,
    GRADE_RULES,
    NODES,
    LINKS,
    SERIES,
    INDICATORS,
    YEARLY_TARGETS,
    ROADMAP_ITEMS,
    ORGANIZATIONS,
    MEMBERS,
    OBSERVATIONS,
    AUDIT_LOG,
    USERS,
    SESSIONS,
    ASSIGNMENTS,
    EVALUATIONS,
    EVALUATION_COMMENTS,
    API_TOKENS,
    LOGIN_FAILURES,
    ROUNDS,
];

// ---------------------------------------------------------------------------------------------
// Stored forms.

/// A position in a list (`ord`) as stored.
fn ord_of(i: usize) -> i64 {
    i64::try_from(i).unwrap_or(i64::MAX)
}

/// Groups yearly-target rows by their indicator, in order.
pub(crate) fn yearly_by_indicator(
    rows: Vec<YearlyTargetRow>,
) -> Result<HashMap<String, Vec<YearlyTarget>>, StoreError> {
    let mut yearly: HashMap<String, Vec<YearlyTarget>> = HashMap::new();
    for r in rows {
        let key = r.indicator_key.clone();
        yearly.entry(key).or_default().push(r.into_yearly_target()?);
    }
    Ok(yearly)
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

    #[test]
    fn batches_number_their_parameters() {
        let sql = LINKS.insert_sql(2, Placeholders::Numbered);
        assert_eq!(
            sql,
            "INSERT INTO \"links\" (\"version_id\", \"ord\", \"from_key\", \"to_key\", \"kind\") \
             VALUES ($1, $2, $3, $4, $5), ($6, $7, $8, $9, $10)"
        );
        let sql = LINKS.insert_sql(2, Placeholders::Anonymous);
        assert!(
            sql.ends_with("VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)"),
            "{sql}"
        );
    }

    #[test]
    fn an_insert_leaves_an_identity_id_to_the_database() {
        assert!(!AUDIT_LOG.written().any(|c| c == "id"));
        assert_eq!(AUDIT_LOG.written().count(), AUDIT_LOG.columns.len() - 1);
        assert!(
            SESSIONS.written().any(|c| c == "id"),
            "a text id is written"
        );
    }

    /// Each row type binds its values in the order of its table's column list: a row written
    /// and read back (by name) is the same row, with a distinct value in every column.
    #[test]
    #[allow(clippy::unwrap_used)]
    fn every_row_type_binds_in_the_order_of_its_column_list() {
        use sqlx::Executor;
        let dir = std::env::temp_dir().join(format!("shinchoku_rows_unit_{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = format!("sqlite:{}", dir.join("rows.db").display());
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let store = crate::Store::open(&db).await.unwrap();
            let mut conn = store.pool().acquire().await.unwrap();
            // Rows one at a time, without the rows they refer to.
            conn.execute("PRAGMA foreign_keys = OFF").await.unwrap();
            let s = |c: &str| c.to_owned();
            let o = |c: &str| Some(c.to_owned());

            async fn round_trip<R>(conn: &mut AnyConnection, row: R, key: &str)
            where
                R: Insert + std::fmt::Debug + PartialEq + Send + Unpin,
                R: for<'r> FromRow<'r, sqlx::any::AnyRow>,
            {
                insert(conn, std::slice::from_ref(&row)).await.unwrap();
                let sql = format!("{} WHERE {key}", R::TABLE.select_from());
                let back: R = sqlx::query_as(&sql).fetch_one(&mut *conn).await.unwrap();
                assert_eq!(back, row, "{}", R::TABLE.name);
            }

            let values = PlanVersionValues {
                plan_id: 11,
                version: 12,
                title: s("title"),
                issuer_name: o("issuer_name"),
                issuer_code: o("issuer_code"),
                period: o("period"),
                fiscal_start_month: 13,
                grading_name: s("grading_name"),
                grading_timing: s("grading_timing"),
                source: o("source"),
                imported_at: s("imported_at"),
                imported_by: s("imported_by"),
                actuals_from_lineage: 14,
            };
            let id = insert_returning_id(&mut conn, &values).await.unwrap();
            let back: PlanVersionRow =
                sqlx::query_as(&format!("{} WHERE id = {id}", PLAN_VERSIONS.select_from()))
                    .fetch_one(&mut *conn)
                    .await
                    .unwrap();
            assert_eq!(back, PlanVersionRow { id, values });

            let grade_rule = GradeRuleRow {
                version_id: 1,
                ord: 2,
                label: s("label"),
                name: s("name"),
                condition: s("condition"),
            };
            round_trip(&mut conn, grade_rule, "version_id = 1").await;
            let node = NodeRow {
                version_id: 1,
                ord: 2,
                key: s("key"),
                parent_key: o("parent_key"),
                kind: o("kind"),
                label: o("label"),
                title: s("title"),
                body: o("body"),
                marker: o("marker"),
                old_title: o("old_title"),
                weight: o("weight"),
            };
            round_trip(&mut conn, node, "version_id = 1").await;
            let link = LinkRow {
                version_id: 1,
                ord: 2,
                from_key: s("from_key"),
                to_key: s("to_key"),
                kind: s("kind"),
            };
            round_trip(&mut conn, link, "version_id = 1").await;
            let indicator = IndicatorRow {
                version_id: 1,
                ord: 2,
                key: s("key"),
                series_id: 3,
                series_key: o("series_key"),
                node_key: o("node_key"),
                name: s("name"),
                unit: s("unit"),
                kind: s("kind"),
                direction: s("direction"),
                comparator: s("comparator"),
                category: o("category"),
                source: o("source"),
                note: o("note"),
                has_baseline: 4,
                baseline_value: o("baseline_value"),
                baseline_period: o("baseline_period"),
                baseline_stat: o("baseline_stat"),
                baseline_note: o("baseline_note"),
                baseline_state: o("baseline_state"),
                has_target: 5,
                target_value: o("target_value"),
                target_period: o("target_period"),
                target_text: o("target_text"),
                states: s("states"),
                ratio_numerator: o("ratio_numerator"),
                ratio_denominator: o("ratio_denominator"),
                ratio_factor: o("ratio_factor"),
            };
            round_trip(&mut conn, indicator, "version_id = 1").await;
            let yearly = YearlyTargetRow {
                version_id: 1,
                indicator_key: s("indicator_key"),
                ord: 2,
                period: s("period"),
                value: s("value"),
            };
            round_trip(&mut conn, yearly, "version_id = 1").await;
            let roadmap = RoadmapItemRow {
                version_id: 1,
                ord: 2,
                node_key: o("node_key"),
                title: s("title"),
                start_period: o("start_period"),
                end_period: o("end_period"),
                notes: s("notes"),
            };
            round_trip(&mut conn, roadmap, "version_id = 1").await;
            let organization = OrganizationRow {
                version_id: 1,
                ord: 2,
                name: s("name"),
                roles: s("roles"),
            };
            round_trip(&mut conn, organization, "version_id = 1").await;
            let member = MemberRow {
                version_id: 1,
                ord: 2,
                organization: o("organization"),
                position: o("position"),
                name: s("name"),
                reading: o("reading"),
            };
            round_trip(&mut conn, member, "version_id = 1").await;
            let observation = ObservationValues {
                plan_id: 1,
                indicator_key: s("indicator_key"),
                period: s("period"),
                breakdown: s("breakdown"),
                value_num: o("value_num"),
                value_state: o("value_state"),
                status: s("status"),
                as_of: o("as_of"),
                source: o("source"),
                note: o("note"),
                version: 2,
                updated_at: s("updated_at"),
                updated_by: s("updated_by"),
            };
            // Its check wants exactly one value; the row is only to see the order.
            conn.execute("PRAGMA ignore_check_constraints = ON")
                .await
                .unwrap();
            round_trip(&mut conn, observation, "plan_id = 1").await;
            let audit = AuditValues {
                at: s("at"),
                actor: s("actor"),
                source: o("source"),
                entity: s("entity"),
                action: s("action"),
                plan_id: Some(1),
                plan_version: Some(2),
                indicator_key: o("indicator_key"),
                period: o("period"),
                breakdown: o("breakdown"),
                old_value: o("old_value"),
                new_value: o("new_value"),
            };
            round_trip(&mut conn, audit, "plan_id = 1").await;
            drop(conn);
            store.close().await;
        });
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_batch_stays_under_the_parameter_limit() {
        for t in TABLES {
            let n = t.rows_per_statement();
            assert!(
                n >= 1 && n * t.written().count() <= MAX_PARAMS,
                "{}",
                t.name
            );
            let n = t.rows_per_copy();
            assert!(n >= 1 && n * t.columns.len() <= MAX_PARAMS, "{}", t.name);
        }
    }
}
