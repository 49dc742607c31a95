//! Importing actuals in bulk (DESIGN.md → Actuals CSV): a file's rows are checked one by one,
//! staged in a temporary table, and applied with a few set-based statements — the audit
//! entries, the replaced values, the new values — so a million rows cost a handful of
//! statements rather than millions of round trips, on both databases. Staging overlaps
//! reading: while the database stores one batch, the caller reads and checks the next —
//! SQLite's statement runs on sqlx's worker thread (see `Link`), PostgreSQL's rows stream by
//! `COPY` over a connection of their own (`copy_stage.rs`).
//!
//! All or nothing: every refused row is collected with its line, and if there is any, nothing
//! is applied (the caller's transaction is rolled back). Memory stays bounded: rows go to the
//! staging table in batches, and only the plans' indicator lists are held, with a hash of each
//! row's key (at most 32 MB; see `KeySet`) to tell whether the file can name one indicator and
//! period twice.
//!
//! Matching: `indicator` is the indicator's id in the plan's current version, or its name
//! (exactly, or after removing white space and folding full-width ASCII). A row for an
//! indicator and period that already has a value replaces it as a new, audited version; the
//! same value again changes nothing. An empty value deletes nothing: the row is skipped. The
//! same indicator and period twice in one file is refused, naming both lines.

use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::hash::{DefaultHasher, Hasher};
use std::pin::Pin;
use std::sync::Arc;
use std::task::Poll;

use shinchoku_core::actuals::{check_texts, IndicatorIndex, Refusal};
use shinchoku_core::indicator::{ObservationStatus, ObservedValue};
use shinchoku_core::lang::{Lang, Localize};
use shinchoku_core::period::Period;
use shinchoku_core::quantity::Unit;
use sqlx::any::AnyArguments;
use sqlx::{AnyConnection, Arguments, FromRow};

use crate::copy_stage::{self, CopyStage};
use crate::error::{ReadProblem, RowRefusal};
use crate::plans::plan_id;
use crate::rows::{IndicatorRow, INDICATORS};
use crate::time::now_utc;
use crate::{Actor, Backend, StoreError, Tx};

/// Rows staged at once: on SQLite one statement of 11 parameters a row, well under its 32,766
/// parameters per statement; on PostgreSQL one message of the COPY.
const BATCH: usize = 500;
const COLUMNS: usize = 11;

/// One row of an actuals file, as read (by `shinchoku-import`'s reader).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActualInput {
    /// The line in the file (the header is line 1).
    pub line: u64,
    /// The plan's code.
    pub plan: String,
    /// The indicator's id or name.
    pub indicator: String,
    /// The period the value is for.
    pub period: Period,
    /// The value; `None` for an empty cell (skipped).
    pub value: Option<ObservedValue>,
    /// The unit a number was written with (`%` of `22.5%`); empty for a bare number or a
    /// state. The indicator's own unit (or one of its scale family, converted exactly) is
    /// taken; another is refused.
    pub unit: Unit,
    /// How sure it is; `final` when not given.
    pub status: Option<ObservationStatus>,
    /// When it was counted.
    pub as_of: Option<Period>,
    /// 資料.
    pub source: Option<String>,
    /// 備考.
    pub note: Option<String>,
    /// `(key, value)` pairs (`性別`, `女性`); empty for a total.
    pub breakdown: Vec<(String, String)>,
}

/// A refused row: where, which column, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The file.
    pub file: String,
    /// The line (1 is the header).
    pub line: u64,
    /// The column (`indicator`, `value`), or empty for the whole row.
    pub field: String,
    /// What is wrong; its message ([`Localize`]) says how to fix it.
    pub problem: RowRefusal,
}

impl Localize for RowProblem {
    /// `FILE:LINE: column "value": message`, the location the same in every language.
    fn localize(&self, lang: Lang, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        if !self.field.is_empty() {
            write!(f, "{}", lang.column(&self.field))?;
        }
        self.problem.localize(lang, f)
    }
}

impl fmt::Display for RowProblem {
    /// The English text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.localize(Lang::En, f)
    }
}

/// What an import did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ActualsSummary {
    /// Rows read (not counting the header and blank lines).
    pub rows: u64,
    /// New observations.
    pub inserted: u64,
    /// Observations whose value was replaced (a new version each).
    pub updated: u64,
    /// Rows whose value was already stored.
    pub unchanged: u64,
    /// Rows with an empty value.
    pub skipped: u64,
}

/// The indicators of one plan's current version, for matching rows (by core's one rule,
/// [`IndicatorIndex`]).
#[derive(Debug)]
struct PlanIndex {
    plan_id: i64,
    index: IndicatorIndex<'static>,
    /// The ids of its ratio indicators (whose parts are never summed).
    ratios: Vec<String>,
}

/// An import of one file in progress; see the module doc. Made by [`Tx::import_actuals`].
#[derive(Debug)]
pub struct ActualsImport<'t> {
    link: Link<'t>,
    file: String,
    actor: Actor,
    plans: HashMap<String, Option<PlanIndex>>,
    batch: Vec<Staged>,
    problems: Vec<RowProblem>,
    summary: ActualsSummary,
    insert_full: Arc<str>,
    keys: KeySet,
    /// A row with a breakdown was staged: its totals are checked (or made) before applying.
    breakdowns: bool,
    /// PostgreSQL's staging table, filled by COPY; `None` on SQLite (`import_rows`).
    copy: Option<CopyStage>,
}

/// A staging statement in flight: it holds the transaction while the database works, and
/// gives it back when done.
type Flight<'t> = Pin<Box<dyn Future<Output = (Result<(), StoreError>, &'t mut Tx)> + Send + 't>>;

/// The import's transaction, free or lent to the staging statement in flight. While SQLite's
/// worker thread inserts one batch, the caller reads and checks the next: parsing and
/// inserting overlap, on two cores.
enum Link<'t> {
    Free(&'t mut Tx),
    Busy(Flight<'t>),
    /// Only after a flight was dropped unfinished (the import's future was cancelled).
    Lost,
}

impl fmt::Debug for Link<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Link::Free(_) => "Free",
            Link::Busy(_) => "Busy",
            Link::Lost => "Lost",
        })
    }
}

/// The error for a transaction lost with a cancelled statement.
fn lost() -> StoreError {
    StoreError::Database(sqlx::Error::Protocol(
        "the import's staging statement was cancelled; start the import again".into(),
    ))
}

/// The keys staged so far, hashed, to decide whether the file can hold the same indicator and
/// period twice. Equal keys hash alike, so a file whose hashes are all distinct has no
/// duplicate, and the exact search for them — a sort of every staged row in the database — is
/// skipped. A repeated hash (a duplicate, or rarely two keys that merely hash alike) or a
/// file too long to follow sends the import to that search, which names the lines.
///
/// The hashes are kept in a plain vector and sorted once at the end: appending costs a write
/// to memory in order, where a hash set would take a cache miss per row.
#[derive(Debug)]
struct KeySet {
    hashes: Vec<u64>,
    overflow: bool,
    limit: usize,
}

impl Default for KeySet {
    fn default() -> Self {
        KeySet {
            hashes: Vec::new(),
            overflow: false,
            limit: KEYS_FOLLOWED,
        }
    }
}

/// Keys followed per file: 32 MB of hashes at most. A longer file is checked by the database
/// alone.
const KEYS_FOLLOWED: usize = 1 << 22;

impl KeySet {
    fn add(&mut self, plan_id: i64, key: &str, period: &str, breakdown: &str) {
        if self.overflow {
            return;
        }
        if self.hashes.len() >= self.limit {
            self.overflow = true;
            self.hashes = Vec::new();
            return;
        }
        // The fields as the database compares them, byte for byte, each closed by a byte that
        // UTF-8 text never holds, so that ("ab", "c") and ("a", "bc") differ.
        let mut h = DefaultHasher::new();
        h.write_i64(plan_id);
        for part in [key, period, breakdown] {
            h.write(part.as_bytes());
            h.write_u8(0xff);
        }
        self.hashes.push(h.finish());
    }

    /// False when no two keys can be equal; true when they may be (or the file was too long
    /// to follow).
    fn may_repeat(&mut self) -> bool {
        if self.overflow {
            return true;
        }
        self.hashes.sort_unstable();
        let repeats = self.hashes.windows(2).any(|w| w[0] == w[1]);
        self.hashes = Vec::new();
        repeats
    }
}

#[derive(Debug)]
struct Staged {
    line: i64,
    plan_id: i64,
    key: String,
    period: String,
    breakdown: String,
    num: Option<String>,
    state: Option<String>,
    status: &'static str,
    as_of: Option<String>,
    source: Option<String>,
    note: Option<String>,
}

/// `性別=女性;地域=岩国` with keys sorted: one text for one breakdown however it was written.
pub(crate) fn breakdown_text(pairs: &[(String, String)]) -> String {
    let mut pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (k.trim(), v.trim())).collect();
    pairs.sort_unstable();
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(";")
}

/// The staging statement for `rows` rows on SQLite, with anonymous `?` parameters: SQLite
/// looks up every named parameter (`$1`) by walking a list, so binding 5,500 of them is
/// quadratic (it was 83 % of an import's time). (PostgreSQL stages by COPY: `copy_stage.rs`.)
fn insert_sql(rows: usize) -> String {
    let mut sql = String::from(
        "INSERT INTO import_rows (line, plan_id, indicator_key, period, breakdown, value_num, \
         value_state, status, as_of, source, note) VALUES ",
    );
    for r in 0..rows {
        if r > 0 {
            sql.push(',');
        }
        sql.push('(');
        for c in 0..COLUMNS {
            if c > 0 {
                sql.push(',');
            }
            sql.push('?');
        }
        sql.push(')');
    }
    sql
}

/// The staging table's columns, in either database; the first [`COLUMNS`] are staged.
const STAGE_COLUMNS: &str = "
    line          BIGINT NOT NULL,
    plan_id       BIGINT NOT NULL,
    indicator_key TEXT   NOT NULL,
    period        TEXT   NOT NULL,
    breakdown     TEXT   NOT NULL,
    value_num     TEXT,
    value_state   TEXT,
    status        TEXT   NOT NULL,
    as_of         TEXT,
    source        TEXT,
    note          TEXT,
    -- The stored observation with the same key, found once for all statements.
    existing      BIGINT";

/// The staged columns, in the order rows give them.
const STAGED: &str =
    "line, plan_id, indicator_key, period, breakdown, value_num, value_state, status, as_of, \
     source, note";

impl Tx {
    /// Starts importing the actuals of `file` into this transaction (see the module doc).
    pub async fn import_actuals(
        &mut self,
        file: &str,
        actor: &Actor,
    ) -> Result<ActualsImport<'_>, StoreError> {
        let copy = match self.backend() {
            Backend::Postgres => Some(CopyStage::open(self, STAGE_COLUMNS, STAGED).await?),
            Backend::Sqlite => {
                let conn = self.conn();
                sqlx::query("DROP TABLE IF EXISTS import_rows")
                    .execute(&mut *conn)
                    .await?;
                // A temporary table is private to this connection.
                sqlx::query(&format!(
                    "CREATE TEMPORARY TABLE import_rows ({STAGE_COLUMNS})"
                ))
                .execute(&mut *conn)
                .await?;
                None
            }
        };
        Ok(ActualsImport {
            link: Link::Free(self),
            file: file.to_owned(),
            actor: actor.with_source(file),
            plans: HashMap::new(),
            batch: Vec::with_capacity(BATCH),
            problems: Vec::new(),
            summary: ActualsSummary::default(),
            insert_full: insert_sql(BATCH).into(),
            keys: KeySet::default(),
            breakdowns: false,
            copy,
        })
    }
}

async fn load_index(conn: &mut AnyConnection, code: &str) -> Result<Option<PlanIndex>, StoreError> {
    let Some((plan_id, version)) = plan_id(conn, code).await? else {
        return Ok(None);
    };
    let rows = sqlx::query_as::<_, IndicatorRow>(&format!(
        "SELECT {} FROM indicators i
         JOIN plan_versions v ON v.id = i.version_id
         WHERE v.plan_id = $1 AND v.version = $2 ORDER BY i.ord",
        INDICATORS.select("i")
    ))
    .bind(plan_id)
    .bind(version)
    .fetch_all(&mut *conn)
    .await?;
    let mut index = PlanIndex {
        plan_id,
        index: IndicatorIndex::new(code.to_owned()),
        ratios: Vec::new(),
    };
    for r in rows {
        if r.ratio_numerator.is_some() {
            index.ratios.push(r.key.clone());
        }
        let (kind, states) = (r.kind()?, r.states()?);
        index.index.push(r.key, r.name, kind, states, r.unit);
    }
    Ok(Some(index))
}

/// A staged row of an indicator and period that has parts (内訳), as `totals_of_parts` reads it.
#[derive(Debug, FromRow)]
struct PartRow {
    line: i64,
    plan_id: i64,
    indicator_key: String,
    period: String,
    breakdown: String,
    value_num: Option<String>,
    status: String,
}

impl ActualsImport<'_> {
    /// Checks the totals of every indicator and period the file gives parts of
    /// (DESIGN.md → Ratios and breakdowns, by core's [`shinchoku_core::breakdown::totals`]):
    /// a count's given total must equal each dimension's sum, and a missing one is staged as
    /// that sum (its line the first part's, its status the least sure of the parts'); a rate's
    /// or a ratio's total must be given. Returns the problems, each at its line; the file is
    /// refused if there is one.
    async fn totals_of_parts(&mut self) -> Result<Vec<RowProblem>, StoreError> {
        use shinchoku_core::breakdown::{aggregation, totals, Part};
        let sql = format!(
            "SELECT s.line, s.plan_id, s.indicator_key, s.period, s.breakdown, s.value_num, s.status
             FROM {stage} s
             WHERE s.value_num IS NOT NULL AND EXISTS (
                 SELECT 1 FROM {stage} b
                 WHERE b.breakdown <> '' AND b.plan_id = s.plan_id
                   AND b.indicator_key = s.indicator_key AND b.period = s.period)
             ORDER BY s.plan_id, s.indicator_key, s.line",
            stage = self.table()
        );
        let rows: Vec<PartRow> = match (&self.copy, &mut self.link) {
            (Some(copy), _) => sqlx::query_as(&sql).fetch_all(copy.pool()).await?,
            (None, Link::Free(tx)) => sqlx::query_as(&sql).fetch_all(tx.conn()).await?,
            (None, _) => return Err(lost()),
        };
        let mut problems = Vec::new();
        let mut derived: Vec<Staged> = Vec::new();
        for group in
            rows.chunk_by(|a, b| (a.plan_id, &a.indicator_key) == (b.plan_id, &b.indicator_key))
        {
            let Some(first) = group.first() else { continue };
            let index = self
                .plans
                .values()
                .flatten()
                .find(|p| p.plan_id == first.plan_id);
            let unit = index
                .and_then(|p| {
                    p.index
                        .find(&first.indicator_key)
                        .ok()
                        .and_then(|at| p.index.unit(at))
                })
                .unwrap_or_default();
            let is_ratio = index.is_some_and(|p| p.ratios.contains(&first.indicator_key));
            let agg = aggregation(unit, is_ratio);
            let mut parts = Vec::with_capacity(group.len());
            for r in group {
                let dimension = (!r.breakdown.is_empty()).then(|| {
                    let pairs: Vec<(&str, &str)> = r
                        .breakdown
                        .split(';')
                        .map(|kv| kv.split_once('=').unwrap_or((kv, "")))
                        .collect();
                    let keys: Vec<&str> = pairs.iter().map(|(k, _)| *k).collect();
                    let members: Vec<&str> = pairs.iter().map(|(_, v)| *v).collect();
                    (keys.join(";"), members.join(";"))
                });
                parts.push(Part {
                    line: u64::try_from(r.line).unwrap_or(0),
                    period: crate::rows::period(r.period.clone())?,
                    dimension,
                    value: crate::rows::decimal(r.value_num.clone().unwrap_or_default())?,
                });
            }
            match totals(&parts, agg) {
                Err(found) => problems.extend(found.into_iter().map(|p| RowProblem {
                    file: self.file.clone(),
                    line: p.line().unwrap_or(0),
                    field: "breakdown".into(),
                    problem: RowRefusal::Read(ReadProblem::new(p)),
                })),
                Ok(sums) => {
                    for (period, total) in sums {
                        let text = period.to_string();
                        let of_period = || group.iter().filter(|r| r.period == text);
                        if of_period().any(|r| r.breakdown.is_empty()) {
                            continue;
                        }
                        let status = of_period()
                            .filter_map(|r| ObservationStatus::parse(&r.status))
                            .fold(
                                ObservationStatus::Final,
                                shinchoku_core::derived::weaker_status,
                            );
                        derived.push(Staged {
                            line: of_period().map(|r| r.line).min().unwrap_or(0),
                            plan_id: first.plan_id,
                            key: first.indicator_key.clone(),
                            period: text,
                            breakdown: String::new(),
                            num: Some(total.normalize().to_string()),
                            state: None,
                            status: status.as_str(),
                            as_of: None,
                            source: None,
                            note: None,
                        });
                    }
                }
            }
        }
        problems.sort_by_key(|p| p.line);
        if problems.is_empty() && !derived.is_empty() {
            let Link::Free(tx) = &mut self.link else {
                return Err(lost());
            };
            let sql = format!(
                "INSERT INTO {} ({STAGED}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                self.copy.as_ref().map_or("import_rows", CopyStage::table)
            );
            for d in &derived {
                sqlx::query(&sql)
                    .bind(d.line)
                    .bind(d.plan_id)
                    .bind(d.key.as_str())
                    .bind(d.period.as_str())
                    .bind(d.breakdown.as_str())
                    .bind(d.num.as_deref())
                    .bind(d.state.as_deref())
                    .bind(d.status)
                    .bind(d.as_of.as_deref())
                    .bind(d.source.as_deref())
                    .bind(d.note.as_deref())
                    .execute(tx.conn())
                    .await?;
            }
        }
        Ok(problems)
    }
}

/// Inserts staged rows with one statement. The arguments are gathered in one buffer of the
/// right size, and text is bound by reference (the Any driver copies an owned `String`).
async fn stage(sql: &str, rows: &[Staged], conn: &mut AnyConnection) -> Result<(), StoreError> {
    fn put<'q, T>(args: &mut AnyArguments<'q>, value: T) -> Result<(), sqlx::Error>
    where
        T: 'q + sqlx::Encode<'q, sqlx::Any> + sqlx::Type<sqlx::Any>,
    {
        args.add(value).map_err(sqlx::Error::Encode)
    }
    let mut args = AnyArguments::default();
    args.reserve(rows.len() * COLUMNS, 0);
    for s in rows {
        put(&mut args, s.line)?;
        put(&mut args, s.plan_id)?;
        put(&mut args, s.key.as_str())?;
        put(&mut args, s.period.as_str())?;
        put(&mut args, s.breakdown.as_str())?;
        put(&mut args, s.num.as_deref())?;
        put(&mut args, s.state.as_deref())?;
        put(&mut args, s.status)?;
        put(&mut args, s.as_of.as_deref())?;
        put(&mut args, s.source.as_deref())?;
        put(&mut args, s.note.as_deref())?;
    }
    sqlx::query_with(sql, args).execute(conn).await?;
    Ok(())
}

/// True when any of the plans holds a value already.
async fn any_stored(conn: &mut AnyConnection, plan_ids: &[i64]) -> Result<bool, StoreError> {
    for ids in plan_ids.chunks(500) {
        let list: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT 1 FROM observations WHERE plan_id IN ({}) LIMIT 1",
            list.join(",")
        );
        let mut q = sqlx::query(&sql);
        for id in ids {
            q = q.bind(*id);
        }
        if q.fetch_optional(&mut *conn).await?.is_some() {
            return Ok(true);
        }
    }
    Ok(false)
}

impl<'t> ActualsImport<'t> {
    /// The transaction, once the statement in flight (if any) is done.
    async fn tx(&mut self) -> Result<&mut Tx, StoreError> {
        if matches!(self.link, Link::Busy(_)) {
            if let Link::Busy(flight) = std::mem::replace(&mut self.link, Link::Lost) {
                let (result, tx) = flight.await;
                self.link = Link::Free(tx);
                result?;
            }
        }
        match &mut self.link {
            Link::Free(tx) => Ok(&mut **tx),
            _ => Err(lost()),
        }
    }

    /// The staging table's name.
    fn table(&self) -> &str {
        self.copy.as_ref().map_or("import_rows", CopyStage::table)
    }

    /// Refuses the file with `problems` (the rows refused while reading, when `None`). On
    /// PostgreSQL the staging table is dropped now, over its own connection; SQLite's
    /// temporary table goes with the rolled-back transaction.
    async fn refused(
        mut self,
        problems: Option<Vec<RowProblem>>,
    ) -> Result<ActualsSummary, StoreError> {
        if let Some(copy) = self.copy.take() {
            // Should it fail, the next import drops the table.
            let _ = copy.discard().await;
        }
        Err(StoreError::Rows(problems.unwrap_or(self.problems)))
    }

    /// Records a row the reader itself refused (a bad period, a missing column), with the
    /// problem as the reader tells it.
    pub fn refuse(
        &mut self,
        line: u64,
        field: &str,
        problem: impl Localize + Send + Sync + 'static,
    ) {
        self.summary.rows += 1;
        self.problems.push(RowProblem {
            file: self.file.clone(),
            line,
            field: field.to_owned(),
            problem: RowRefusal::Read(ReadProblem::new(problem)),
        });
    }

    /// Problems so far.
    pub fn problems(&self) -> &[RowProblem] {
        &self.problems
    }

    /// Checks one row and stages it.
    pub async fn add(&mut self, row: ActualInput) -> Result<(), StoreError> {
        self.summary.rows += 1;
        let Some(value) = row.value else {
            self.summary.skipped += 1;
            return Ok(());
        };
        let state = match &value {
            ObservedValue::State(s) => Some(s.as_str()),
            ObservedValue::Number(_) => None,
        };
        let texts = [
            Some(row.plan.as_str()),
            Some(row.indicator.as_str()),
            state,
            row.source.as_deref(),
            row.note.as_deref(),
        ];
        let pairs = row
            .breakdown
            .iter()
            .flat_map(|(k, v)| [k.as_str(), v.as_str()]);
        if let Err(r) = check_texts(texts.into_iter().flatten().chain(pairs)) {
            self.problems.push(RowProblem {
                file: self.file.clone(),
                line: row.line,
                field: String::new(),
                problem: RowRefusal::Row(r),
            });
            return Ok(());
        }
        if !self.plans.contains_key(&row.plan) {
            let index = load_index(self.tx().await?.conn(), &row.plan).await?;
            self.plans.insert(row.plan.clone(), index);
        }
        let problem = |field: &str, problem: RowRefusal| RowProblem {
            file: self.file.clone(),
            line: row.line,
            field: field.to_owned(),
            problem,
        };
        let Some(Some(index)) = self.plans.get(&row.plan) else {
            let p = problem("plan", RowRefusal::NoPlan(row.plan.clone()));
            self.problems.push(p);
            return Ok(());
        };
        let plan_id = index.plan_id;
        let (key, value) = match index.index.check(&row.indicator, value, &row.unit) {
            Ok((at, value)) => (index.index.id(at).unwrap_or_default().to_owned(), value),
            Err(r) => {
                let p = problem(r.field().unwrap_or_default(), RowRefusal::Row(r));
                self.problems.push(p);
                return Ok(());
            }
        };
        let (num, state) = match value {
            ObservedValue::Number(d) => (Some(d.to_string()), None),
            ObservedValue::State(s) => (None, Some(s.trim().to_owned())),
        };
        let period = row.period.to_string();
        let breakdown = breakdown_text(&row.breakdown);
        self.breakdowns |= !breakdown.is_empty();
        self.keys.add(plan_id, &key, &period, &breakdown);
        self.batch.push(Staged {
            line: i64::try_from(row.line).unwrap_or(i64::MAX),
            plan_id,
            key,
            period,
            breakdown,
            num,
            state,
            status: row.status.unwrap_or_default().as_str(),
            as_of: row.as_of.map(|p| p.to_string()),
            source: row.source,
            note: row.note,
        });
        if self.batch.len() >= BATCH {
            self.flush().await?;
        }
        Ok(())
    }

    /// Sends the batch to the staging table and returns once the database has it, without
    /// waiting for the insert to finish: the next call to the database waits (see [`Link`]).
    /// On PostgreSQL the rows go by COPY, which streams the same way (`copy_stage.rs`).
    async fn flush(&mut self) -> Result<(), StoreError> {
        if self.batch.is_empty() {
            return Ok(());
        }
        if let Some(copy) = &mut self.copy {
            let mut data = Vec::with_capacity(self.batch.len() * 64);
            for s in self.batch.drain(..) {
                let (line, plan_id) = (s.line.to_string(), s.plan_id.to_string());
                copy_stage::field(&mut data, Some(&line), false);
                copy_stage::field(&mut data, Some(&plan_id), false);
                copy_stage::field(&mut data, Some(&s.key), false);
                copy_stage::field(&mut data, Some(&s.period), false);
                copy_stage::field(&mut data, Some(&s.breakdown), false);
                copy_stage::field(&mut data, s.num.as_deref(), false);
                copy_stage::field(&mut data, s.state.as_deref(), false);
                copy_stage::field(&mut data, Some(s.status), false);
                copy_stage::field(&mut data, s.as_of.as_deref(), false);
                copy_stage::field(&mut data, s.source.as_deref(), false);
                copy_stage::field(&mut data, s.note.as_deref(), true);
            }
            return copy.send(data).await;
        }
        let sql: Arc<str> = if self.batch.len() == BATCH {
            Arc::clone(&self.insert_full)
        } else {
            insert_sql(self.batch.len()).into()
        };
        let rows = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
        self.tx().await?;
        let Link::Free(tx) = std::mem::replace(&mut self.link, Link::Lost) else {
            return Err(lost());
        };
        let mut flight: Flight<'t> = Box::pin(async move {
            let result = stage(&sql, &rows, tx.conn()).await;
            (result, tx)
        });
        // One poll hands the statement to SQLite's worker thread, which runs it while the
        // caller reads the next rows.
        let first = std::future::poll_fn(|cx| {
            Poll::Ready(match flight.as_mut().poll(cx) {
                Poll::Ready(done) => Some(done),
                Poll::Pending => None,
            })
        })
        .await;
        match first {
            Some((result, tx)) => {
                self.link = Link::Free(tx);
                result
            }
            None => {
                self.link = Link::Busy(flight);
                Ok(())
            }
        }
    }

    /// Applies the file: refuses it whole ([`StoreError::Rows`]) if any row was refused,
    /// else writes every change and its audit entry.
    pub async fn finish(mut self) -> Result<ActualsSummary, StoreError> {
        if !self.problems.is_empty() {
            return self.refused(None).await;
        }
        self.flush().await?;
        if let Some(copy) = &mut self.copy {
            copy.finish().await?;
        }
        self.tx().await?;
        // Only when two rows may share a key (see `KeySet`). On PostgreSQL the search reads
        // the staging table over its own connection, so that a refusal can drop it there.
        if self.keys.may_repeat() {
            let sql = format!(
                "SELECT MIN(line) AS first_line, MAX(line) AS last_line, indicator_key, period
                 FROM {}
                 GROUP BY plan_id, indicator_key, period, breakdown HAVING COUNT(*) > 1
                 ORDER BY MIN(line) LIMIT 100",
                self.table()
            );
            let dups: Vec<Duplicate> = match (&self.copy, &mut self.link) {
                (Some(copy), _) => sqlx::query_as(&sql).fetch_all(copy.pool()).await?,
                (None, Link::Free(tx)) => sqlx::query_as(&sql).fetch_all(tx.conn()).await?,
                (None, _) => return Err(lost()),
            };
            if !dups.is_empty() {
                let problems = dups
                    .into_iter()
                    .map(|d| RowProblem {
                        file: self.file.clone(),
                        line: u64::try_from(d.last_line).unwrap_or(0),
                        field: String::new(),
                        problem: RowRefusal::Row(Refusal::Repeated {
                            indicator: d.indicator_key,
                            period: d.period,
                            first: u64::try_from(d.first_line).unwrap_or(0),
                        }),
                    })
                    .collect();
                return self.refused(Some(problems)).await;
            }
        }
        if self.breakdowns {
            let problems = self.totals_of_parts().await?;
            if !problems.is_empty() {
                return self.refused(Some(problems)).await;
            }
        }
        let stage = self.table().to_owned();
        if let Some(copy) = self.copy.take() {
            copy.close().await;
        }
        let Link::Free(tx) = &mut self.link else {
            return Err(lost());
        };
        let conn = tx.conn();
        let now = now_utc();
        let actor = &self.actor.name;
        let source = self.file.as_str();
        // The stored value, and the staged one, as the audit log writes values.
        const OLD: &str = "COALESCE(o.value_num, o.value_state) ||
             CASE WHEN o.status = 'final' AND o.as_of IS NULL THEN ''
                  WHEN o.as_of IS NULL THEN ' (' || o.status || ')'
                  WHEN o.status = 'final' THEN ' (as of ' || o.as_of || ')'
                  ELSE ' (' || o.status || ', as of ' || o.as_of || ')' END";
        const NEW: &str = "COALESCE(s.value_num, s.value_state) ||
             CASE WHEN s.status = 'final' AND s.as_of IS NULL THEN ''
                  WHEN s.as_of IS NULL THEN ' (' || s.status || ')'
                  WHEN s.status = 'final' THEN ' (as of ' || s.as_of || ')'
                  ELSE ' (' || s.status || ', as of ' || s.as_of || ')' END";
        const SAME_KEY: &str = "o.plan_id = s.plan_id AND o.indicator_key = s.indicator_key
             AND o.period = s.period AND o.breakdown = s.breakdown";
        const DIFFERS: &str = "(o.value_num IS DISTINCT FROM s.value_num
             OR o.value_state IS DISTINCT FROM s.value_state
             OR o.status <> s.status OR o.as_of IS DISTINCT FROM s.as_of
             OR (s.source IS NOT NULL AND o.source IS DISTINCT FROM s.source)
             OR (s.note IS NOT NULL AND o.note IS DISTINCT FROM s.note))";

        // A row can replace a value only if its plan holds one. A first import of the plans'
        // values (the usual bulk load) skips the search for stored values and the statements
        // that replace them: every staged row is new. (A value another writer stores
        // meanwhile makes the insert below fail as a conflict, as it did after the search.)
        let plan_ids: Vec<i64> = self.plans.values().flatten().map(|p| p.plan_id).collect();
        let updated = if any_stored(&mut *conn, &plan_ids).await? {
            // Which staged rows have a stored value: one join, then every statement below
            // goes by primary key or by `existing IS NULL`.
            sqlx::query(&format!(
                "UPDATE {stage} AS s SET existing = o.id FROM observations o WHERE {SAME_KEY}"
            ))
            .execute(&mut *conn)
            .await?;
            sqlx::query(&format!(
                "INSERT INTO audit_log (at, actor, source, entity, action, plan_id, indicator_key,
                     period, breakdown, old_value, new_value)
                 SELECT $1, $2, $3 || ':' || CAST(s.line AS TEXT), 'observation', 'update',
                     s.plan_id, s.indicator_key, s.period, NULLIF(s.breakdown, ''), {OLD}, {NEW}
                 FROM {stage} s JOIN observations o ON o.id = s.existing
                 WHERE {DIFFERS}"
            ))
            .bind(&now)
            .bind(actor)
            .bind(source)
            .execute(&mut *conn)
            .await?;
            sqlx::query(&format!(
                "UPDATE observations AS o SET value_num = s.value_num, value_state = s.value_state,
                     status = s.status, as_of = s.as_of, source = COALESCE(s.source, o.source),
                     note = COALESCE(s.note, o.note), version = o.version + 1,
                     updated_at = $1, updated_by = $2
                 FROM {stage} s
                 WHERE o.id = s.existing AND {DIFFERS}"
            ))
            .bind(&now)
            .bind(actor)
            .execute(&mut *conn)
            .await?
            .rows_affected()
        } else {
            0
        };
        sqlx::query(&format!(
            "INSERT INTO audit_log (at, actor, source, entity, action, plan_id, indicator_key,
                 period, breakdown, old_value, new_value)
             SELECT $1, $2, $3 || ':' || CAST(s.line AS TEXT), 'observation', 'insert',
                 s.plan_id, s.indicator_key, s.period, NULLIF(s.breakdown, ''), NULL, {NEW}
             FROM {stage} s
             WHERE s.existing IS NULL"
        ))
        .bind(&now)
        .bind(actor)
        .bind(source)
        .execute(&mut *conn)
        .await?;
        let inserted = sqlx::query(&format!(
            "INSERT INTO observations (plan_id, indicator_key, period, breakdown, value_num,
                 value_state, status, as_of, source, note, version, updated_at, updated_by)
             SELECT s.plan_id, s.indicator_key, s.period, s.breakdown, s.value_num,
                 s.value_state, s.status, s.as_of, s.source, s.note, 1, $1, $2
             FROM {stage} s
             WHERE s.existing IS NULL"
        ))
        .bind(&now)
        .bind(actor)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        sqlx::query(&format!("DROP TABLE {stage}"))
            .execute(&mut *conn)
            .await?;
        let s = &mut self.summary;
        s.inserted = inserted;
        s.updated = updated;
        s.unchanged = s.rows.saturating_sub(s.skipped + inserted + updated);
        Ok(self.summary)
    }
}

/// An indicator and period staged twice: its first and last lines.
#[derive(Debug, FromRow)]
struct Duplicate {
    first_line: i64,
    last_line: i64,
    indicator_key: String,
    period: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use shinchoku_core::text::fold_name;

    #[test]
    fn names_fold_full_width_and_spaces() {
        assert_eq!(
            fold_name("中小企業の ＩｏＴ　導入率"),
            "中小企業のIoT導入率"
        );
    }

    #[test]
    fn breakdowns_have_one_form() {
        let a = breakdown_text(&[
            ("地域".into(), "岩国".into()),
            ("性別".into(), "女性".into()),
        ]);
        let b = breakdown_text(&[
            ("性別".into(), " 女性".into()),
            ("地域".into(), "岩国".into()),
        ]);
        assert_eq!(a, b);
        assert_eq!(breakdown_text(&[]), "");
    }

    #[test]
    fn distinct_keys_skip_the_duplicate_search() {
        let mut keys = KeySet::default();
        keys.add(1, "ab", "c", "");
        keys.add(1, "a", "bc", "");
        keys.add(2, "ab", "c", "");
        keys.add(1, "ab", "c", "性別=女性");
        keys.add(1, "ab", "", "c");
        assert!(!keys.may_repeat());
    }

    #[test]
    fn a_repeated_key_sends_the_file_to_the_duplicate_search() {
        let mut keys = KeySet::default();
        keys.add(1, "i1", "FY2023", "");
        keys.add(1, "i2", "FY2023", "");
        keys.add(1, "i1", "FY2023", "");
        assert!(keys.may_repeat());
    }

    #[test]
    fn a_file_too_long_to_follow_is_searched_by_the_database() {
        let mut keys = KeySet {
            limit: 2,
            ..KeySet::default()
        };
        for period in ["FY2021", "FY2022", "FY2023"] {
            keys.add(1, "i1", period, "");
        }
        assert!(keys.may_repeat());
        assert!(keys.hashes.is_empty());
    }

    #[test]
    fn sqlite_batches_bind_anonymous_parameters() {
        let sql = insert_sql(2);
        assert!(sql.ends_with("VALUES (?,?,?,?,?,?,?,?,?,?,?),(?,?,?,?,?,?,?,?,?,?,?)"));
    }
}
