//! PostgreSQL's staging of an actuals import (`actuals.rs`): the rows go by `COPY` into an
//! unlogged table, over a connection of the import's own, and the import's transaction reads
//! them from there.
//!
//! Why a second connection: `COPY … FROM STDIN` is PostgreSQL's fast way in — for a million
//! rows it cut a whole import by an eighth against multi-row INSERTs (BENCHMARKS.md → Import of
//! actuals) — but sqlx's `Any` driver, which runs every other statement, cannot send it. A
//! native `PgConnection` can, in its own session only; so the staging table is a real table,
//! which the import's session can see once the COPY is committed, not a temporary one.
//!
//! Its name carries the id of the import's transaction (`shinchoku_stage_<xid>`). The import
//! drops it in that transaction when it applies the rows, or over the staging connection when
//! it refuses the file. If the transaction rolls back after applying, or the process dies, the
//! table outlives it: every import first drops each such table whose transaction is no longer in
//! progress. The table is unlogged (staged rows need no crash safety, so they cost no WAL) and
//! left alone by autovacuum (which would analyse it just before it is dropped).

use std::fmt;

use sqlx::pool::PoolConnection;
use sqlx::postgres::{PgConnectOptions, PgCopyIn, PgPool, PgPoolCopyExt, PgPoolOptions};
use sqlx::{ConnectOptions, Postgres};

use crate::{StoreError, Tx};

/// The staging table of one import, and the connection that fills it.
pub(crate) struct CopyStage {
    pool: PgPool,
    copy: Option<PgCopyIn<PoolConnection<Postgres>>>,
    table: String,
}

impl fmt::Debug for CopyStage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CopyStage")
            .field("table", &self.table)
            .field("copying", &self.copy.is_some())
            .finish_non_exhaustive()
    }
}

/// The prefix of every staging table's name; the rest is a transaction id.
const PREFIX: &str = "shinchoku_stage_";

impl CopyStage {
    /// Creates the staging table of the import running in `tx` and starts the COPY into it.
    /// `columns` defines the table (`name TYPE, …`); `copied` lists the columns the COPY
    /// fills, in the order [`CopyStage::send`]'s rows give them.
    pub(crate) async fn open(
        tx: &mut Tx,
        columns: &str,
        copied: &str,
    ) -> Result<CopyStage, StoreError> {
        let xid: i64 = sqlx::query_scalar("SELECT CAST(txid_current() AS BIGINT)")
            .fetch_one(tx.conn())
            .await?;
        let options = PgConnectOptions::try_from(tx.connect_options())?.disable_statement_logging();
        let pool = PgPoolOptions::new()
            .max_connections(1)
            .connect_with(options)
            .await?;
        sweep(&pool).await;
        let table = format!("{PREFIX}{xid}");
        sqlx::query(&format!(
            "CREATE UNLOGGED TABLE {table} ({columns}) WITH (autovacuum_enabled = false)"
        ))
        .execute(&pool)
        .await?;
        let copy = pool
            .copy_in_raw(&format!("COPY {table} ({copied}) FROM STDIN"))
            .await?;
        Ok(CopyStage {
            pool,
            copy: Some(copy),
            table,
        })
    }

    /// The staging table's name.
    pub(crate) fn table(&self) -> &str {
        &self.table
    }

    /// The staging connection, to read the table before the import's transaction touches it.
    pub(crate) fn pool(&self) -> &PgPool {
        &self.pool
    }

    /// Sends rows in COPY's text format (see [`field`]). Returns once they are on their way:
    /// the server stores them while the caller reads the next.
    pub(crate) async fn send(&mut self, rows: Vec<u8>) -> Result<(), StoreError> {
        if let Some(copy) = &mut self.copy {
            copy.send(rows).await?;
        }
        Ok(())
    }

    /// Ends the COPY: the staged rows are committed, for the import's transaction to read.
    pub(crate) async fn finish(&mut self) -> Result<(), StoreError> {
        if let Some(copy) = self.copy.take() {
            copy.finish().await?;
        }
        Ok(())
    }

    /// Closes the staging connection, leaving the table to the import's transaction, which
    /// drops it.
    pub(crate) async fn close(self) {
        self.pool.close().await;
    }

    /// Drops the table over the staging connection (the import's transaction must not have
    /// read it: it would hold a lock until it ends) and closes the connection.
    pub(crate) async fn discard(mut self) -> Result<(), StoreError> {
        if let Some(copy) = self.copy.take() {
            copy.abort("the import was refused").await?;
        }
        sqlx::query(&format!("DROP TABLE IF EXISTS {}", self.table))
            .execute(&self.pool)
            .await?;
        self.pool.close().await;
        Ok(())
    }
}

/// Drops the staging tables of imports whose transaction has ended (rolled back after applying
/// the rows, or cut off with its process). Best effort: a table that cannot be dropped now
/// (another user's, say) is left for the next import.
async fn sweep(pool: &PgPool) {
    let Ok(tables) = sqlx::query_scalar::<_, String>(
        "SELECT c.relname::text FROM pg_class c
         WHERE c.relkind = 'r' AND c.relpersistence = 'u'
           AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema())
           AND c.relname ~ '^shinchoku_stage_[0-9]{1,18}$'
           AND txid_status(CAST(substr(c.relname, 17) AS BIGINT))
               IS DISTINCT FROM 'in progress'",
    )
    .fetch_all(pool)
    .await
    else {
        return;
    };
    for table in tables {
        // The name matched the pattern above: the prefix and digits only.
        let _ = sqlx::query(&format!("DROP TABLE IF EXISTS {table}"))
            .execute(pool)
            .await;
    }
}

/// Appends one field of a row in COPY's text format: `\N` for NULL; backslash, tab, line feed
/// and carriage return escaped; then a tab, or a line feed after the row's last field.
pub(crate) fn field(buf: &mut Vec<u8>, value: Option<&str>, last: bool) {
    match value {
        None => buf.extend_from_slice(b"\\N"),
        Some(text) => {
            for b in text.bytes() {
                match b {
                    b'\\' => buf.extend_from_slice(b"\\\\"),
                    b'\t' => buf.extend_from_slice(b"\\t"),
                    b'\n' => buf.extend_from_slice(b"\\n"),
                    b'\r' => buf.extend_from_slice(b"\\r"),
                    b => buf.push(b),
                }
            }
        }
    }
    buf.push(if last { b'\n' } else { b'\t' });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_escaped_as_copy_reads_them() {
        let mut buf = Vec::new();
        field(&mut buf, Some("a\tb\\c"), false);
        field(&mut buf, None, false);
        field(&mut buf, Some("行\r\n2"), true);
        assert_eq!(buf, "a\\tb\\\\c\t\\N\t行\\r\\n2\n".as_bytes());
    }
}
