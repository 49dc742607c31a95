//! Migrations, embedded in the binary and run when a store opens.
//!
//! Each migration is one SQL file per dialect (`migrations/sqlite/NNNN_name.sql`,
//! `migrations/postgres/NNNN_name.sql`) describing the same schema change. `schema_migrations`
//! records what has been applied; a migration runs in its own transaction, so a failure leaves
//! the schema as it was. A database whose schema is newer than this program is refused rather
//! than written with assumptions that no longer hold.

use sqlx::Executor;

use crate::time::now_utc;
use crate::{Backend, Store, StoreError};

/// One schema change in both dialects.
struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

/// Every migration, in order. Append only: a released migration is never edited.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "init",
        sqlite: include_str!("../migrations/sqlite/0001_init.sql"),
        postgres: include_str!("../migrations/postgres/0001_init.sql"),
    },
    Migration {
        version: 2,
        name: "actuals_from_lineage",
        sqlite: include_str!("../migrations/sqlite/0002_actuals_from_lineage.sql"),
        postgres: include_str!("../migrations/postgres/0002_actuals_from_lineage.sql"),
    },
    Migration {
        version: 3,
        name: "accounts",
        sqlite: include_str!("../migrations/sqlite/0003_accounts.sql"),
        postgres: include_str!("../migrations/postgres/0003_accounts.sql"),
    },
    Migration {
        version: 4,
        name: "rounds",
        sqlite: include_str!("../migrations/sqlite/0004_rounds.sql"),
        postgres: include_str!("../migrations/postgres/0004_rounds.sql"),
    },
    Migration {
        version: 5,
        name: "round_series",
        sqlite: include_str!("../migrations/sqlite/0005_round_series.sql"),
        postgres: include_str!("../migrations/postgres/0005_round_series.sql"),
    },
    Migration {
        version: 6,
        name: "weights_and_ratios",
        sqlite: include_str!("../migrations/sqlite/0006_weights_and_ratios.sql"),
        postgres: include_str!("../migrations/postgres/0006_weights_and_ratios.sql"),
    },
];

/// The newest schema version this program knows.
pub(crate) fn latest() -> i64 {
    MIGRATIONS.last().map_or(0, |m| m.version)
}

/// Applies every migration the database does not have yet.
pub(crate) async fn run(store: &Store) -> Result<(), StoreError> {
    let pool = store.pool();
    sqlx::query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    BIGINT NOT NULL PRIMARY KEY,
             name       TEXT   NOT NULL,
             applied_at TEXT   NOT NULL
         )",
    )
    .execute(pool)
    .await?;
    let applied: i64 =
        sqlx::query_scalar("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
            .fetch_one(pool)
            .await?;
    if applied > latest() {
        return Err(StoreError::SchemaTooNew {
            found: applied,
            known: latest(),
        });
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > applied) {
        // Two processes may open a new database at once (an import and the server): each
        // migration takes the write lock first (SQLite: BEGIN IMMEDIATE; PostgreSQL: a lock on
        // the table), then looks again, so the second one waits and finds it applied.
        let mut tx = store.begin().await?;
        if store.backend() == Backend::Postgres {
            tx.conn()
                .execute("LOCK TABLE schema_migrations IN EXCLUSIVE MODE")
                .await?;
        }
        let done: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM schema_migrations WHERE version = $1")
                .bind(m.version)
                .fetch_one(tx.conn())
                .await?;
        if done > 0 {
            tx.rollback().await?;
            continue;
        }
        sqlx::query(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
        )
        .bind(m.version)
        .bind(m.name)
        .bind(now_utc())
        .execute(tx.conn())
        .await?;
        let sql = match store.backend() {
            Backend::Sqlite => m.sqlite,
            Backend::Postgres => m.postgres,
        };
        // `Executor::execute` rather than `RawSql::execute`: the latter's future is not `Send`
        // (a known sqlx limitation), which would make `Store::open` unusable in a server.
        tx.conn().execute(sqlx::raw_sql(sql)).await?;
        tx.commit().await?;
    }
    Ok(())
}
