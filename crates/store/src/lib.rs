//! shinchoku-store: plans, their versions, actuals and the audit log, in SQLite or PostgreSQL.
//!
//! One schema and one code path serve both databases: every query is written once, with `$1`
//! placeholders (`?` in SQLite's multi-row inserts, see `rows.rs`), and runs through sqlx's
//! `Any` driver on either; only the migrations differ where the dialects do
//! (`migrations/sqlite/`, `migrations/postgres/`). Each table has one column list and one row
//! type, read by column name (`rows.rs`). SQLite is the embedded
//! default (`sqlite:shinchoku.db`, WAL mode, a busy timeout, foreign keys on); PostgreSQL is for
//! a deployment that needs several processes (`postgres://…`, through a pool).
//!
//! The crate converts rows into the core's types and back — [`Plan`](shinchoku_core::plan::Plan)
//! in, `Plan` out — and knows nothing of files, CSV or HTTP: the caller reads those (with
//! `shinchoku-import`) and hands the store values.
//!
//! Guarantees:
//! - Everything a caller writes in one [`Tx`] is committed together or not at all.
//! - Every write to a target, a baseline or an observation writes the audit log (who, when,
//!   old, new, source) in the same transaction.
//! - An observation edit that names a stale version is refused with [`StoreError::Conflict`],
//!   never silently applied.
//! - What is stored comes back equal: `load_plan(save_plan(p)) == p` (observations in period
//!   order), decimals exact (they are stored as text).
//! - Every value is bound as a parameter; no SQL is built from input.

mod actuals;
mod audit;
mod backup;
mod changes;
mod copy_stage;
mod error;
mod lineage;
mod migrate;
mod observations;
mod plans;
mod rounds;
mod rows;
mod time;
mod users;

use std::sync::Arc;
use std::time::Duration;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyPool, ConnectOptions, Executor};

pub use actuals::{ActualInput, ActualsImport, ActualsSummary, RowProblem};
pub use audit::AuditEntry;
pub use backup::{BackupInfo, RestoreInfo};
pub use changes::{DataStamp, RecentChange};
pub use error::{
    AttachProblem, ConfigProblem, Missing, ReadProblem, Refusal, RowRefusal, SchemaSide,
    StoreError, ValueRefusal,
};
pub use lineage::LineagePoint;
pub use observations::{ObservationRecord, ObservationWrite, RecordOutcome};
pub use plans::{AttachOutcome, PlanSummary, SaveOutcome, VersionInfo};
pub use rounds::{Figures, ItemChange, ItemComment, NewRound, Round, RoundInfo, RoundItem};
pub use users::{Assignment, Failures, NewUser, Session, User, UserSummary};

/// Which database a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

impl Backend {
    /// `sqlite` or `postgres`.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// Who writes, and from what: recorded in the audit log with every change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// A user name (`tanaka`), or `cli:<login>` for the command line.
    pub name: String,
    /// The file or request the change came from (`actuals.csv:12`, `004_….txt`).
    pub source: Option<String>,
}

impl Actor {
    /// An actor with no source.
    pub fn new(name: impl Into<String>) -> Self {
        Actor {
            name: name.into(),
            source: None,
        }
    }

    /// The same actor, writing from `source`.
    pub fn with_source(&self, source: impl Into<String>) -> Self {
        Actor {
            name: self.name.clone(),
            source: Some(source.into()),
        }
    }
}

/// The database URL a `--db` value means: `sqlite:PATH`, `postgres://…` (or `postgresql://…`),
/// or a bare path, taken as SQLite. A SQLite file is created when it does not exist.
pub fn database_url(db: &str) -> Result<(String, Backend), StoreError> {
    let db = db.trim();
    if db.is_empty() {
        return Err(StoreError::Config(ConfigProblem::Empty));
    }
    if db.starts_with("postgres://") || db.starts_with("postgresql://") {
        return Ok((db.to_owned(), Backend::Postgres));
    }
    let path = db
        .strip_prefix("sqlite://")
        .or_else(|| db.strip_prefix("sqlite:"))
        .unwrap_or(db);
    if path.is_empty() {
        return Err(StoreError::Config(ConfigProblem::NoFile(db.to_owned())));
    }
    if let Some((scheme, _)) = db.split_once("://") {
        if scheme != "sqlite" {
            return Err(StoreError::Config(ConfigProblem::Scheme(scheme.to_owned())));
        }
    }
    // `mode=rwc` creates the file; a URL that already says how to open it is left alone.
    let url = if path.contains('?') {
        format!("sqlite:{path}")
    } else {
        format!("sqlite:{path}?mode=rwc")
    };
    Ok((url, Backend::Sqlite))
}

/// The storage: a connection pool and the backend it talks to. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
}

/// A transaction: every write made through it lands together on [`Tx::commit`], or not at all
/// (dropping it rolls back).
#[derive(Debug)]
pub struct Tx {
    tx: sqlx::Transaction<'static, sqlx::Any>,
    backend: Backend,
    /// How to open another connection to the same database (an actuals import stages its
    /// rows over one on PostgreSQL).
    options: Arc<AnyConnectOptions>,
}

impl Store {
    /// Connects (creating a SQLite file if needed) and brings the schema up to date.
    pub async fn open(db: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let (url, backend) = database_url(db)?;
        let options: AnyConnectOptions = url.parse::<AnyConnectOptions>().map_err(|e| {
            StoreError::Config(ConfigProblem::NotAUrl {
                db: db.to_owned(),
                error: e.to_string(),
            })
        })?;
        let options = options.disable_statement_logging();
        let pool = AnyPoolOptions::new()
            .max_connections(match backend {
                // One writer at a time in SQLite anyway; a few readers beside it in WAL mode.
                Backend::Sqlite => 4,
                Backend::Postgres => 8,
            })
            .acquire_timeout(Duration::from_secs(30))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL: readers never wait for the writer; the busy timeout makes a
                        // second writer (another CLI import, the server) wait its turn instead
                        // of failing; foreign keys are off by default in SQLite.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA busy_timeout = 30000").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        // 32 MiB of page cache (the default is 2 MiB): a large import's
                        // transaction then stays in memory instead of spilling pages to the
                        // WAL before it commits.
                        conn.execute("PRAGMA cache_size = -32768").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await
            .map_err(|e| StoreError::Unavailable {
                db: redact(db),
                message: e.to_string(),
            })?;
        let store = Store { pool, backend };
        migrate::run(&store).await?;
        Ok(store)
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Starts a transaction that will write. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), waiting up to the busy timeout for another writer to finish: a
    /// deferred transaction that reads first could not upgrade after another process wrote,
    /// and would fail instead of waiting.
    pub async fn begin(&self) -> Result<Tx, StoreError> {
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Backend::Postgres => self.pool.begin().await?,
        };
        Ok(Tx {
            tx,
            backend: self.backend,
            options: self.pool.connect_options(),
        })
    }

    /// Starts a transaction that only reads: one consistent view, and on SQLite no lock that
    /// would make writers wait.
    pub(crate) async fn begin_read(&self) -> Result<Tx, StoreError> {
        let tx = self.pool.begin().await?;
        Ok(Tx {
            tx,
            backend: self.backend,
            options: self.pool.connect_options(),
        })
    }

    /// Checks the database after a crash: on SQLite `PRAGMA integrity_check` (every page,
    /// index and constraint) and `PRAGMA foreign_key_check`; on PostgreSQL, which has no such
    /// statement without an extension, every row of every table is read and counted (a damaged
    /// page fails the read). The problems found, empty when there are none.
    pub async fn integrity_check(&self) -> Result<Vec<String>, StoreError> {
        let mut problems = Vec::new();
        match self.backend {
            Backend::Sqlite => {
                let rows: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
                    .fetch_all(&self.pool)
                    .await?;
                problems.extend(rows.into_iter().filter(|r| r != "ok"));
                let fk: Vec<sqlx::any::AnyRow> = sqlx::query("PRAGMA foreign_key_check")
                    .fetch_all(&self.pool)
                    .await?;
                if !fk.is_empty() {
                    problems.push(format!("{} rows break a foreign key", fk.len()));
                }
            }
            Backend::Postgres => {
                for t in rows::TABLES {
                    let sql = format!("SELECT COUNT(*) FROM (SELECT * FROM {}) AS t", t.name);
                    if let Err(e) = sqlx::query_scalar::<_, i64>(&sql)
                        .fetch_one(&self.pool)
                        .await
                    {
                        problems.push(format!("{}: {e}", t.name));
                    }
                }
            }
        }
        Ok(problems)
    }

    /// Closes the pool, waiting for connections to finish (SQLite checkpoints its WAL then).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    pub(crate) fn pool(&self) -> &AnyPool {
        &self.pool
    }
}

impl Tx {
    /// Makes every write of the transaction durable, together.
    pub async fn commit(self) -> Result<(), StoreError> {
        self.tx.commit().await?;
        Ok(())
    }

    /// Undoes every write of the transaction.
    pub async fn rollback(self) -> Result<(), StoreError> {
        self.tx.rollback().await?;
        Ok(())
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub(crate) fn conn(&mut self) -> &mut sqlx::AnyConnection {
        &mut self.tx
    }

    pub(crate) fn connect_options(&self) -> &AnyConnectOptions {
        &self.options
    }
}

/// A database URL with its password (if any) replaced by `***`, for messages.
pub fn redact(db: &str) -> String {
    match db.split_once("://") {
        Some((scheme, rest)) => match rest.split_once('@') {
            Some((creds, host)) => match creds.split_once(':') {
                Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
                None => db.to_owned(),
            },
            None => db.to_owned(),
        },
        None => db.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bare_path_is_sqlite_and_is_created() {
        let (url, b) = database_url("data/shinchoku.db").unwrap();
        assert_eq!(b, Backend::Sqlite);
        assert_eq!(url, "sqlite:data/shinchoku.db?mode=rwc");
        assert_eq!(
            database_url("sqlite:x.db").unwrap().0,
            "sqlite:x.db?mode=rwc"
        );
        assert_eq!(
            database_url("sqlite:x.db?mode=ro").unwrap().0,
            "sqlite:x.db?mode=ro"
        );
    }

    #[test]
    fn postgres_urls_pass_through_and_others_are_refused() {
        let (url, b) = database_url("postgres://u@127.0.0.1/db").unwrap();
        assert_eq!(
            (url.as_str(), b),
            ("postgres://u@127.0.0.1/db", Backend::Postgres)
        );
        assert!(database_url("mysql://x").is_err());
        assert!(database_url("").is_err());
        assert!(database_url("sqlite:").is_err());
    }

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("postgres://u@h/db"), "postgres://u@h/db");
    }
}
