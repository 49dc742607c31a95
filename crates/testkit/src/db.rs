//! The harness every storage test runs through: the same test body against SQLite (always)
//! and PostgreSQL (when `SHINCHOKU_TEST_POSTGRES` names a server: `.ci/run` starts one).
//!
//! Each run gets a database of its own — a fresh SQLite file in a scratch directory, or a
//! fresh PostgreSQL database with a unique name, dropped afterwards — so tests never see each
//! other's rows. Without a server the PostgreSQL half is skipped with a message saying so;
//! under `CI=true` a missing server fails the test instead (a suite that silently never ran
//! is worse than none).
//!
//! Two ways in: [`on_every_database`] hands the body an open [`Store`] (the store's own
//! tests); [`on_every_database_url`] hands it a scratch directory and a database URL (the
//! command line's tests, which give the URL to the binary). The pieces under them
//! ([`databases`], [`sqlite_db`], [`postgres_db`]) are there for a test that needs more than
//! one database at once.

use std::future::Future;
use std::path::Path;

use shinchoku_core::plan::Plan;
use shinchoku_store::{Actor, Store};

use crate::scratch::{scratch, unique, Scratch};

/// A database for one test run; a SQLite file's directory is removed, a PostgreSQL database
/// dropped, on drop.
#[derive(Debug)]
pub struct TestDb {
    /// What `Store::open` and the binary's `SHINCHOKU_DB` take.
    pub url: String,
    /// `"sqlite"` or `"postgres"`, for assertion messages.
    pub label: &'static str,
    /// A SQLite file's scratch directory, held for its drop.
    _dir: Option<Scratch>,
    pg: Option<(String, String)>,
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg.take() {
            let _ = runtime().block_on(async move {
                use sqlx::Connection;
                let mut c = sqlx::PgConnection::connect(&admin).await?;
                sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&mut c)
                    .await?;
                Ok::<_, sqlx::Error>(())
            });
        }
        // A SQLite file's directory goes when `_dir` is dropped, after this.
    }
}

/// A runtime for one test body (the store is async; tests are not).
pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// A fresh SQLite database in its own scratch directory.
pub fn sqlite_db() -> TestDb {
    let dir = scratch("store");
    TestDb {
        url: format!("sqlite:{}", dir.join("test.db").display()),
        label: "sqlite",
        _dir: Some(dir),
        pg: None,
    }
}

/// The PostgreSQL server to test against, if any; panics under CI when there is none.
pub fn postgres_admin_url() -> Option<String> {
    match std::env::var("SHINCHOKU_TEST_POSTGRES") {
        Ok(u) if !u.trim().is_empty() => Some(u),
        _ => {
            if std::env::var("CI").is_ok_and(|v| v == "true" || v == "1") {
                panic!(
                    "CI=true but SHINCHOKU_TEST_POSTGRES is not set: the PostgreSQL suite must \
                     run in CI (.ci/run starts a server with .ci/postgres.sh)"
                );
            }
            eprintln!(
                "note: PostgreSQL half SKIPPED — set SHINCHOKU_TEST_POSTGRES=postgres://… \
                 (eval \"$(.ci/postgres.sh start)\") to run it"
            );
            None
        }
    }
}

/// A fresh PostgreSQL database on the test server `admin`.
pub fn postgres_db(admin: &str) -> TestDb {
    let name = unique("shinchoku_test");
    runtime().block_on(async {
        use sqlx::Connection;
        let mut c = sqlx::PgConnection::connect(admin)
            .await
            .unwrap_or_else(|e| panic!("cannot reach the PostgreSQL test server {admin}: {e}"));
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(&mut c)
            .await
            .unwrap();
    });
    let base = admin.rsplit_once('/').map_or(admin, |(b, _)| b);
    TestDb {
        url: format!("{base}/{name}"),
        label: "postgres",
        _dir: None,
        pg: Some((admin.to_owned(), name)),
    }
}

/// Every database this run tests against, each fresh.
pub fn databases() -> Vec<TestDb> {
    let mut dbs = vec![sqlite_db()];
    if let Some(admin) = postgres_admin_url() {
        dbs.push(postgres_db(&admin));
    }
    dbs
}

/// Runs `body` once per database with a freshly opened store and the database's label.
pub fn on_every_database<F, Fut>(body: F)
where
    F: Fn(Store, &'static str) -> Fut,
    Fut: Future<Output = ()>,
{
    for db in databases() {
        runtime().block_on(async {
            let store = Store::open(&db.url)
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", db.label));
            body(store.clone(), db.label).await;
            store.close().await;
        });
    }
}

/// Runs `story` once per database with a scratch directory of its own and the database's URL:
/// a SQLite file `shinchoku.db` in that directory, then, if there is a server, a fresh
/// PostgreSQL database. `name` names the scratch directories.
pub fn on_every_database_url(name: &str, story: impl Fn(&Path, &str)) {
    let dir = scratch(name);
    story(
        &dir,
        &format!("sqlite:{}", dir.join("shinchoku.db").display()),
    );
    if let Some(admin) = postgres_admin_url() {
        let pg = postgres_db(&admin);
        let dir = scratch(&format!("{name}-pg"));
        story(&dir, &pg.url);
    }
}

/// The actor the tests write as.
pub fn actor() -> Actor {
    Actor::new("test")
}

/// A plan with every indicator's observations in the order the store returns them.
pub fn canonical(mut p: Plan) -> Plan {
    let fs = p.fiscal_start;
    for pi in &mut p.indicators {
        pi.observations
            .sort_by_key(|o| (o.period.last_day(fs), o.period, o.as_of));
    }
    p
}
