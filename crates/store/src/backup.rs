//! Backups: a consistent copy of the whole database, taken while the server runs, written as
//! one SQLite file — and the way back.
//!
//! Years of targets, actuals, reviews and their audit log live in one database; a backup has
//! to be something an administrator can take at any hour without stopping the server, keep as
//! one file, open with nothing but shinchoku (or `sqlite3`), and restore from. So whatever the
//! store's backend, a backup is a SQLite database with the schema of `migrations/sqlite/`:
//!
//! - SQLite: `VACUUM INTO` a temporary file. SQLite copies the committed state in one read
//!   transaction; writers carry on meanwhile (WAL mode).
//! - PostgreSQL: every table is read inside one `REPEATABLE READ READ ONLY` transaction — one
//!   snapshot, as `pg_dump` takes it — and written into a new SQLite database (the migrations
//!   make its schema) in one transaction, a page of rows at a time in primary-key order, so
//!   memory stays bounded however many observations there are.
//!
//! Guarantees:
//! - A backup is one snapshot: what was committed at one moment, never a write in flight.
//! - The target file is either the complete backup or not touched: the copy is written under
//!   a temporary name in the same directory (`.NAME.partial-PID-N`), synced, and renamed into
//!   place only when complete; a failure removes it.
//! - An existing file is never replaced unless `force` says so (`shinchoku backup --force`),
//!   and the live SQLite database file never, even then.
//! - Nothing is silently left out. Tables and columns are copied by name from the store's one
//!   column list per table (`rows.rs`, [`TABLES`]); a test here holds it to the migrations,
//!   and before copying rows the source's columns are compared with it: a column the list
//!   does not know (a hand-made change, a newer schema) refuses the copy instead of dropping
//!   the column's data.
//! - The file is a self-contained database (rollback-journal mode, no `-wal` beside it).
//!
//! Restoring:
//! - A backup file *is* a database: `--db sqlite:backup.db` opens it as it is (to read, report
//!   or serve from). To restore a SQLite deployment, stop the server and copy the file into
//!   place of the database — after removing any `shinchoku.db-wal` and `shinchoku.db-shm` left
//!   beside the old one, which SQLite would otherwise replay into the copy.
//! - [`Store::restore_from`] copies a backup into an empty database of either backend (the
//!   way back to PostgreSQL, or into a new SQLite file) in one transaction, every id as it was;
//!   on PostgreSQL the identity sequences are then moved past the restored ids, so new rows get
//!   fresh ones. A backup from a newer schema is refused ([`StoreError::SchemaTooNew`]); an
//!   older one is brought up to date on a temporary copy first. The backup file itself is only
//!   read.

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use sqlx::any::{AnyConnectOptions, AnyPoolOptions, AnyRow};
use sqlx::{AnyConnection, ConnectOptions, Connection, Executor, FromRow, Row};

use crate::error::{Missing, Refusal, SchemaSide};
use crate::rows::{AnyQuery, Kind, Placeholders, Table, TABLES};
use crate::{migrate, Backend, Store, StoreError};

/// What [`Store::backup`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupInfo {
    /// The backup file.
    pub path: PathBuf,
    /// Tables copied (`schema_migrations` aside).
    pub tables: usize,
    /// Rows in them, all together.
    pub rows: u64,
    /// The schema version of the backup (`schema_migrations`).
    pub schema_version: i64,
    /// The file's size.
    pub bytes: u64,
}

/// What [`Store::restore_from`] copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreInfo {
    /// Tables copied (`schema_migrations` aside).
    pub tables: usize,
    /// Rows in them, all together.
    pub rows: u64,
    /// The schema version the backup was written with.
    pub schema_version: i64,
}

static PARTIAL_SEQ: AtomicU64 = AtomicU64::new(0);

impl Store {
    /// Writes a consistent copy of the whole database to `out`, a SQLite file (see the module
    /// doc), while other connections go on reading and writing. Refuses an existing `out`
    /// unless `force` is given; never replaces the live database file.
    pub async fn backup(&self, out: &Path, force: bool) -> Result<BackupInfo, StoreError> {
        if !force && std::fs::symlink_metadata(out).is_ok() {
            return Err(exists(out));
        }
        let dir = parent_dir(out);
        if !dir.is_dir() {
            return Err(StoreError::Invalid(Refusal::BackupDirMissing {
                out: out.display().to_string(),
                dir: dir.display().to_string(),
            }));
        }
        if self.backend() == Backend::Sqlite {
            self.refuse_live_file(out).await?;
        }
        let tmp = partial_path(out)?;
        remove_partial(&tmp);
        let written = async {
            match self.backend() {
                Backend::Sqlite => {
                    // One read transaction of its own; it must not run inside another.
                    sqlx::query("VACUUM INTO $1")
                        .bind(utf8(&tmp)?)
                        .execute(self.pool())
                        .await?;
                }
                Backend::Postgres => self.copy_snapshot_into(&tmp).await?,
            }
            seal(&tmp).await
        }
        .await;
        let (rows, schema_version) = match written {
            Ok(w) => w,
            Err(e) => {
                remove_partial(&tmp);
                return Err(e);
            }
        };
        if let Err(e) = place(&tmp, out, force) {
            remove_partial(&tmp);
            return Err(e);
        }
        let bytes = std::fs::metadata(out)?.len();
        Ok(BackupInfo {
            path: out.to_path_buf(),
            tables: TABLES.len(),
            rows,
            schema_version,
            bytes,
        })
    }

    /// Copies the backup file `backup` into this store, which must be empty (no plans, no
    /// users, nothing): one transaction, every id as it was. Works on both backends; see the
    /// module doc.
    pub async fn restore_from(&self, backup: &Path) -> Result<RestoreInfo, StoreError> {
        if !backup.is_file() {
            return Err(StoreError::NotFound(Missing::BackupFile(
                backup.display().to_string(),
            )));
        }
        sqlx::any::install_default_drivers();
        let mut src = AnyConnection::connect(&sqlite_url(backup, "ro")?)
            .await
            .map_err(|e| not_a_backup(backup, e))?;
        let version = match schema_version(&mut src).await {
            Ok(v) if v >= 1 => v,
            Ok(_) => {
                let _ = src.close().await;
                return Err(not_a_backup(backup, "its schema_migrations is empty"));
            }
            Err(e) => {
                let _ = src.close().await;
                return Err(not_a_backup(backup, e));
            }
        };
        if version > migrate::latest() {
            let _ = src.close().await;
            return Err(StoreError::SchemaTooNew {
                found: version,
                known: migrate::latest(),
            });
        }
        if version == migrate::latest() {
            let restored = self.restore_rows(&mut src, version).await;
            let _ = src.close().await;
            return restored;
        }
        // An older schema: bring a copy up to date with the migrations and copy from that; the
        // backup itself is only ever read.
        src.close().await?;
        let tmp = std::env::temp_dir().join(format!(
            "shinchoku-restore-{}-{}.db",
            std::process::id(),
            PARTIAL_SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        remove_partial(&tmp);
        let restored = async {
            std::fs::copy(backup, &tmp)?;
            let upgraded = Store::open(&sqlite_url(&tmp, "rw")?).await?;
            let restored = match upgraded.pool().acquire().await {
                Ok(mut conn) => self.restore_rows(&mut conn, version).await,
                Err(e) => Err(e.into()),
            };
            upgraded.close().await;
            restored
        }
        .await;
        remove_partial(&tmp);
        restored
    }

    /// The rows of the backup open as `src` (at the current schema), into this store.
    async fn restore_rows(
        &self,
        src: &mut AnyConnection,
        schema_version: i64,
    ) -> Result<RestoreInfo, StoreError> {
        // One read transaction on the backup too: one state of it, whatever else opens it.
        let mut src = src.begin().await?;
        let mut tx = self.begin().await?;
        refuse_non_empty(tx.conn()).await?;
        check_columns(&mut src, Backend::Sqlite, SchemaSide::Backup).await?;
        check_columns(tx.conn(), self.backend(), SchemaSide::ThisDatabase).await?;
        let mut rows = 0;
        for t in TABLES {
            rows += copy_table(&mut src, tx.conn(), t).await?;
        }
        if self.backend() == Backend::Postgres {
            // The ids came with the rows; the sequences have to move past them, or the next
            // insert would take id 1 again.
            for t in TABLES.iter().filter(|t| t.identity) {
                sqlx::query(&format!(
                    "SELECT setval(pg_get_serial_sequence($1, 'id'),
                         COALESCE((SELECT MAX(\"id\") FROM {}), 0) + 1, false)",
                    t.name
                ))
                .bind(t.name)
                .execute(tx.conn())
                .await?;
            }
        }
        tx.commit().await?;
        src.rollback().await?;
        Ok(RestoreInfo {
            tables: TABLES.len(),
            rows,
            schema_version,
        })
    }

    /// A PostgreSQL store's rows, as one snapshot, into a new SQLite store at `tmp`.
    async fn copy_snapshot_into(&self, tmp: &Path) -> Result<(), StoreError> {
        let dst = new_sqlite_file(tmp).await?;
        let copied = async {
            let mut src = self.pool().begin().await?;
            // Must be the transaction's first statement: every read below sees one snapshot.
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *src)
                .await?;
            check_columns(&mut src, Backend::Postgres, SchemaSide::Database).await?;
            let mut tx = dst.begin().await?;
            check_columns(tx.conn(), Backend::Sqlite, SchemaSide::Backup).await?;
            for t in TABLES {
                copy_table(&mut src, tx.conn(), t).await?;
            }
            tx.commit().await?;
            src.commit().await?;
            Ok::<_, StoreError>(())
        }
        .await;
        dst.close().await;
        copied
    }

    /// Refuses `out` when it is this SQLite store's own file.
    async fn refuse_live_file(&self, out: &Path) -> Result<(), StoreError> {
        let Ok(out_real) = std::fs::canonicalize(out) else {
            return Ok(()); // does not exist (yet): cannot be the database
        };
        let files: Vec<Option<String>> =
            sqlx::query_scalar("SELECT file FROM pragma_database_list WHERE name = 'main'")
                .fetch_all(self.pool())
                .await?;
        for file in files {
            let same = file
                .filter(|f| !f.is_empty())
                .and_then(|f| std::fs::canonicalize(f).ok())
                .is_some_and(|db| db == out_real);
            if same {
                return Err(StoreError::Invalid(Refusal::BackupIsDatabase(
                    out.display().to_string(),
                )));
            }
        }
        Ok(())
    }
}

/// A new SQLite database at `path` with the current schema, for a backup to be written into:
/// one connection, and the rollback journal rather than WAL — so the finished file is one file,
/// and a connection of the pool still shutting down when the file is sealed holds no lock.
async fn new_sqlite_file(path: &Path) -> Result<Store, StoreError> {
    let options = sqlite_url(path, "rwc")?
        .parse::<AnyConnectOptions>()?
        .disable_statement_logging();
    let pool = AnyPoolOptions::new()
        .max_connections(1)
        .after_connect(|conn, _meta| {
            Box::pin(async move {
                // The copy is checked as it is written: a row whose parent is missing fails.
                conn.execute("PRAGMA foreign_keys = ON").await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await?;
    let store = Store {
        pool,
        backend: Backend::Sqlite,
    };
    migrate::run(&store).await?;
    Ok(store)
}

/// One value of a row: the schema holds only integers and text, either possibly NULL. The
/// kind travels with a NULL so that PostgreSQL gets a NULL of the column's type.
#[derive(Debug, Clone)]
enum Value {
    Int(Option<i64>),
    Text(Option<String>),
}

/// The value of column `name` of `row`.
fn decode(row: &AnyRow, name: &str, kind: Kind) -> Result<Value, StoreError> {
    Ok(match kind {
        Kind::Int => Value::Int(row.try_get(name)?),
        Kind::Text => Value::Text(row.try_get(name)?),
    })
}

fn bind(q: AnyQuery<'_>, v: Value) -> AnyQuery<'_> {
    match v {
        Value::Int(i) => q.bind(i),
        Value::Text(s) => q.bind(s),
    }
}

fn quoted(names: impl Iterator<Item = &'static str>) -> String {
    names
        .map(|c| format!("\"{c}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Copies every row of `t` from `src` to `dst`, a page at a time in primary-key order (each
/// page starts after the last key of the one before, so every page is one index range).
async fn copy_table(
    src: &mut AnyConnection,
    dst: &mut AnyConnection,
    t: &Table,
) -> Result<u64, StoreError> {
    let width = t.columns.len();
    let cols = t.select("");
    let keys = quoted(t.key.iter().copied());
    let key_at = t
        .key
        .iter()
        .map(|k| t.columns.iter().position(|(c, _)| c == k))
        .collect::<Option<Vec<usize>>>()
        .ok_or_else(|| {
            StoreError::Invalid(Refusal::SchemaDiffers {
                side: SchemaSide::Migrations,
                problems: vec![format!("table {}: a key is not a column", t.name)],
            })
        })?;
    let page = t.rows_per_copy();
    let first = format!("SELECT {cols} FROM \"{}\" ORDER BY {keys} LIMIT $1", t.name);
    let after = (1..=t.key.len())
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ");
    let next = format!(
        "SELECT {cols} FROM \"{}\" WHERE ({keys}) > ({after}) ORDER BY {keys} LIMIT ${}",
        t.name,
        t.key.len() + 1
    );
    let limit = i64::try_from(page).unwrap_or(1);
    let mut last: Option<Vec<Value>> = None;
    let mut copied = 0u64;
    loop {
        let rows = match &last {
            None => sqlx::query(&first).bind(limit).fetch_all(&mut *src).await?,
            Some(key) => {
                let mut q = sqlx::query(&next);
                for v in key {
                    q = bind(q, v.clone());
                }
                q.bind(limit).fetch_all(&mut *src).await?
            }
        };
        let n = rows.len();
        if n == 0 {
            break;
        }
        let mut values = Vec::with_capacity(n * width);
        for r in &rows {
            for (name, kind) in t.columns {
                values.push(decode(r, name, *kind)?);
            }
        }
        drop(rows);
        let last_row = &values[(n - 1) * width..];
        last = Some(key_at.iter().map(|&i| last_row[i].clone()).collect());
        insert_rows(dst, t, n, values).await?;
        copied += n as u64;
        if n < page {
            break;
        }
    }
    Ok(copied)
}

/// One multi-row INSERT of `n` rows, `values` row after row, every column (ids as they were).
async fn insert_rows(
    dst: &mut AnyConnection,
    t: &Table,
    n: usize,
    values: Vec<Value>,
) -> Result<(), StoreError> {
    let sql = t.copy_sql(n, Placeholders::of(dst));
    let mut q = sqlx::query(&sql);
    for v in values {
        q = bind(q, v);
    }
    q.execute(&mut *dst).await?;
    Ok(())
}

/// The kind a declared column type stores: SQLite's `INTEGER` / `TEXT`, PostgreSQL's
/// `bigint` / `text`.
fn kind_of(declared: &str) -> Option<Kind> {
    let d = declared.to_ascii_uppercase();
    if d.contains("INT") {
        Some(Kind::Int)
    } else if d == "TEXT" {
        Some(Kind::Text)
    } else {
        None
    }
}

/// A column as the database's catalog describes it.
#[derive(Debug, FromRow)]
struct DeclaredColumn {
    name: String,
    /// The declared type: SQLite's `INTEGER`, PostgreSQL's `bigint`.
    declared: String,
}

/// Refuses a database whose tables do not have exactly the columns (and kinds) of [`TABLES`]:
/// copying it would drop data, or fail half-way.
async fn check_columns(
    conn: &mut AnyConnection,
    backend: Backend,
    what: SchemaSide,
) -> Result<(), StoreError> {
    let sql = match backend {
        Backend::Sqlite => "SELECT name, type AS declared FROM pragma_table_info($1)",
        Backend::Postgres => {
            "SELECT column_name::text AS name, data_type::text AS declared
             FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1"
        }
    };
    let mut problems = Vec::new();
    for t in TABLES {
        let found: Vec<(String, String)> = sqlx::query_as::<_, DeclaredColumn>(sql)
            .bind(t.name)
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .map(|c| (c.name, c.declared))
            .collect();
        if found.is_empty() {
            problems.push(format!("table {} is missing", t.name));
            continue;
        }
        for (name, declared) in &found {
            match t.columns.iter().find(|(c, _)| c == name) {
                None => problems.push(format!(
                    "{}.{name} ({declared}) is a column this shinchoku does not know",
                    t.name
                )),
                Some((_, kind)) if kind_of(declared) != Some(*kind) => problems.push(format!(
                    "{}.{name} is {declared}, not {}",
                    t.name,
                    match kind {
                        Kind::Int => "an integer",
                        Kind::Text => "text",
                    }
                )),
                Some(_) => {}
            }
        }
        for (c, _) in t.columns {
            if !found.iter().any(|(name, _)| name == c) {
                problems.push(format!("{}.{c} is missing", t.name));
            }
        }
    }
    if problems.is_empty() {
        return Ok(());
    }
    Err(StoreError::Invalid(Refusal::SchemaDiffers {
        side: what,
        problems,
    }))
}

/// Refuses to restore into a database that holds anything.
async fn refuse_non_empty(conn: &mut AnyConnection) -> Result<(), StoreError> {
    let mut holding = Vec::new();
    for t in TABLES {
        let any = sqlx::query(&format!("SELECT 1 FROM \"{}\" LIMIT 1", t.name))
            .fetch_optional(&mut *conn)
            .await?;
        if any.is_some() {
            holding.push(t.name);
        }
    }
    if holding.is_empty() {
        return Ok(());
    }
    Err(StoreError::Invalid(Refusal::NotEmpty {
        tables: holding.iter().map(|t| (*t).to_owned()).collect(),
    }))
}

async fn schema_version(conn: &mut AnyConnection) -> Result<i64, StoreError> {
    Ok(
        sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
            .fetch_one(&mut *conn)
            .await?,
    )
}

/// Makes the finished copy at `tmp` a self-contained file on disk, and counts its rows.
async fn seal(tmp: &Path) -> Result<(u64, i64), StoreError> {
    sqlx::any::install_default_drivers();
    let mut conn = AnyConnection::connect(&sqlite_url(tmp, "rw")?).await?;
    let sealed = async {
        sqlx::query("PRAGMA journal_mode = DELETE")
            .execute(&mut conn)
            .await?;
        let version = schema_version(&mut conn).await?;
        let mut rows = 0u64;
        for t in TABLES {
            let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM \"{}\"", t.name))
                .fetch_one(&mut conn)
                .await?;
            rows += u64::try_from(n).unwrap_or(0);
        }
        Ok::<_, StoreError>((rows, version))
    }
    .await;
    conn.close().await?;
    let sealed = sealed?;
    std::fs::File::open(tmp)?.sync_all()?;
    Ok(sealed)
}

/// Moves the sealed copy into place: without `force`, never over an existing file (a hard
/// link fails if the name is taken, atomically; where links are not supported, the check and
/// the rename are two steps).
fn place(tmp: &Path, out: &Path, force: bool) -> Result<(), StoreError> {
    if force {
        std::fs::rename(tmp, out)?;
    } else {
        match std::fs::hard_link(tmp, out) {
            Ok(()) => std::fs::remove_file(tmp)?,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Err(exists(out)),
            Err(_) => {
                if std::fs::symlink_metadata(out).is_ok() {
                    return Err(exists(out));
                }
                std::fs::rename(tmp, out)?;
            }
        }
    }
    // The rename itself durable too (where a directory can be opened to sync it).
    if let Ok(d) = std::fs::File::open(parent_dir(out)) {
        let _ = d.sync_all();
    }
    Ok(())
}

fn exists(out: &Path) -> StoreError {
    StoreError::Invalid(Refusal::BackupExists(out.display().to_string()))
}

fn not_a_backup(path: &Path, why: impl fmt::Display) -> StoreError {
    StoreError::Invalid(Refusal::NotABackup {
        path: path.display().to_string(),
        why: why.to_string(),
    })
}

fn parent_dir(out: &Path) -> &Path {
    match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `.NAME.partial-PID-N` beside `out`: the same file system, so the final rename is atomic.
fn partial_path(out: &Path) -> Result<PathBuf, StoreError> {
    let name = out
        .file_name()
        .ok_or_else(|| StoreError::Invalid(Refusal::BackupNoFileName(out.display().to_string())))?;
    Ok(parent_dir(out).join(format!(
        ".{}.partial-{}-{}",
        name.to_string_lossy(),
        std::process::id(),
        PARTIAL_SEQ.fetch_add(1, Ordering::Relaxed)
    )))
}

/// Removes a temporary database and whatever SQLite kept beside it.
fn remove_partial(tmp: &Path) {
    let _ = std::fs::remove_file(tmp);
    for suffix in ["-journal", "-wal", "-shm"] {
        let mut side = OsString::from(tmp.as_os_str());
        side.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(side));
    }
}

fn utf8(path: &Path) -> Result<&str, StoreError> {
    path.to_str()
        .ok_or_else(|| StoreError::Invalid(Refusal::PathNotUtf8(path.display().to_string())))
}

/// A `sqlite:` URL for `path` (`%`, `?` and `#` escaped, as sqlx decodes them).
fn sqlite_url(path: &Path, mode: &str) -> Result<String, StoreError> {
    let mut escaped = String::new();
    for c in utf8(path)?.chars() {
        match c {
            '%' => escaped.push_str("%25"),
            '?' => escaped.push_str("%3F"),
            '#' => escaped.push_str("%23"),
            c => escaped.push(c),
        }
    }
    Ok(format!("sqlite:{escaped}?mode={mode}"))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    /// The list is the migrations' schema: every table, every column with its kind, the
    /// primary key in order (pages are read by it, so it must be the real, unique key) and
    /// which tables have an identity `id`. A migration that adds a table or a column fails
    /// this test until the list copies it.
    #[test]
    fn the_table_list_is_the_schema_of_the_migrations() {
        let dir = std::env::temp_dir().join(format!(
            "shinchoku_backup_unit_{}_{}",
            std::process::id(),
            PARTIAL_SEQ.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("schema.db");
        runtime().block_on(async {
            let store = Store::open(&format!("sqlite:{}", db.display()))
                .await
                .unwrap();
            let mut conn = store.pool().acquire().await.unwrap();
            let mut tables: Vec<String> = sqlx::query(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                 AND name NOT LIKE 'sqlite_%' ORDER BY name",
            )
            .fetch_all(&mut *conn)
            .await
            .unwrap()
            .iter()
            .map(|r| r.try_get(0).unwrap())
            .collect();
            tables.retain(|t| t != "schema_migrations");
            let mut listed: Vec<String> = TABLES.iter().map(|t| t.name.to_owned()).collect();
            listed.sort();
            assert_eq!(listed, tables, "a table of the migrations is not backed up");

            check_columns(&mut conn, Backend::Sqlite, SchemaSide::Migrations)
                .await
                .unwrap();
            for t in TABLES {
                let cols = sqlx::query("SELECT name, type, pk FROM pragma_table_info($1)")
                    .bind(t.name)
                    .fetch_all(&mut *conn)
                    .await
                    .unwrap();
                let names: Vec<String> = cols.iter().map(|r| r.try_get(0).unwrap()).collect();
                let listed: Vec<&str> = t.columns.iter().map(|(c, _)| *c).collect();
                assert_eq!(names, listed, "{}: columns or their order", t.name);
                let mut pk: Vec<(i64, String)> = cols
                    .iter()
                    .map(|r| (r.try_get(2).unwrap(), r.try_get(0).unwrap()))
                    .filter(|(pk, _)| *pk > 0)
                    .collect();
                pk.sort();
                let pk: Vec<&str> = pk.iter().map(|(_, n)| n.as_str()).collect();
                assert_eq!(pk, t.key, "{}: primary key", t.name);
                let identity = cols.iter().any(|r| {
                    r.try_get::<String, _>(0).unwrap() == "id"
                        && r.try_get::<String, _>(1).unwrap() == "INTEGER"
                        && r.try_get::<i64, _>(2).unwrap() == 1
                }) && t.key == ["id"];
                assert_eq!(identity, t.identity, "{}: identity id", t.name);
            }

            // Foreign-key order: every table a table refers to comes before it.
            for (i, t) in TABLES.iter().enumerate() {
                let refs: Vec<String> =
                    sqlx::query("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list($1)")
                        .bind(t.name)
                        .fetch_all(&mut *conn)
                        .await
                        .unwrap()
                        .iter()
                        .map(|r| r.try_get(0).unwrap())
                        .collect();
                for r in refs {
                    let at = TABLES.iter().position(|x| x.name == r).unwrap();
                    assert!(at < i, "{} refers to {r}, which comes after it", t.name);
                }
            }
            drop(conn);
            store.close().await;
        });
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn urls_escape_what_sqlx_decodes() {
        assert_eq!(
            sqlite_url(Path::new("/b/50%?#.db"), "ro").unwrap(),
            "sqlite:/b/50%25%3F%23.db?mode=ro"
        );
        let p = partial_path(Path::new("backup.db")).unwrap();
        assert!(p.starts_with("."), "{}", p.display());
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.starts_with(".backup.db.partial-"), "{name}");
    }
}
