//! Backups, on SQLite and on PostgreSQL alike: a backup file opens as a store equal to the
//! original, restores into an empty database of either backend with ids that keep working,
//! is one snapshot, never replaces a file unasked, and never silently leaves data out.

#![allow(clippy::unwrap_used)] // test helpers

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use shinchoku_core::indicator::{ObservationStatus, ObservedValue};
use shinchoku_core::period::Period;
use shinchoku_core::plan::Plan;
use shinchoku_core::quantity::Unit;
use shinchoku_store::{AuditEntry, LineagePoint, ObservationWrite, PlanSummary, Store, StoreError};
use shinchoku_testkit::db::{
    actor, databases, postgres_admin_url, postgres_db, runtime, sqlite_db, TestDb,
};
use shinchoku_testkit::fixtures::{documents, example_plan};
use shinchoku_testkit::scratch::scratch;
use sqlx::Row;

/// The schema version the migrations reach (one more with each new migration).
const SCHEMA: i64 = 6;

/// One run's databases: the store under test, its URL (for SQL the store's API does not
/// offer), and a second, empty database of the same backend to restore into.
struct Run {
    store: Store,
    db: &'static str,
    url: String,
    empty_url: String,
}

/// A fresh database of the same backend as `db`.
fn fresh_like(db: &TestDb) -> TestDb {
    match db.label {
        "sqlite" => sqlite_db(),
        _ => postgres_db(&postgres_admin_url().unwrap()),
    }
}

/// Like `shinchoku_testkit::db::on_every_database`, with the URL and an empty second database.
fn on_every_database<F, Fut>(body: F)
where
    F: Fn(Run) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for db in databases() {
        let empty = fresh_like(&db);
        let rt = runtime();
        rt.block_on(async {
            let store = Store::open(&db.url)
                .await
                .unwrap_or_else(|e| panic!("{}: {e}", db.label));
            body(Run {
                store: store.clone(),
                db: db.label,
                url: db.url.clone(),
                empty_url: empty.url.clone(),
            })
            .await;
            store.close().await;
        });
    }
}

async fn raw(url: &str) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(url).await.unwrap()
}

fn sqlite(path: &Path) -> String {
    format!("sqlite:{}", path.display())
}

fn edit(plan: &str, ind: &str, fy: &str, value: &str, expected: Option<i64>) -> ObservationWrite {
    ObservationWrite {
        plan: plan.into(),
        indicator: ind.into(),
        period: Period::parse(fy).unwrap(),
        breakdown: String::new(),
        value: Some(ObservedValue::Number(value.parse().unwrap())),
        unit: Unit::default(),
        status: ObservationStatus::Provisional,
        as_of: None,
        source: Some("速報.xlsx".into()),
        note: None,
        expected_version: expected,
    }
}

const YAMAGUCHI: &str = "yamaguchi-industry-2022";

/// The design example under a code of its own (it shares the example plan's).
fn another_plan(code: &str) -> Plan {
    let mut p = example_plan("design-example.toml");
    p.code = shinchoku_core::plan::PlanCode::new(code).unwrap();
    p
}

/// The example plan, every seed document as a plan of its own, a second version, observation
/// edits (one a replacement), and a row in every table the store's API does not write yet
/// (users, sessions, assignments, evaluations, comments, an audit entry without a plan), with
/// NULLs in integer and text columns.
async fn populate(store: &Store, url: &str) -> Vec<String> {
    let mut codes = Vec::new();
    let mut plans: Vec<Plan> = vec![example_plan("yamaguchi-industry-2022.toml")];
    for path in documents() {
        let bytes = std::fs::read(&path).unwrap();
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let ex = shinchoku_import::extract::extract(&bytes, &file).unwrap();
        plans.push(shinchoku_import::extract::to_plan::to_plan(&ex));
    }
    for plan in &plans {
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(plan, &actor()).await.unwrap();
        tx.commit().await.unwrap();
        codes.push(plan.code.as_str().to_owned());
    }
    // Version 2 of the example: a changed target.
    let mut v2 = plans[0].clone();
    v2.indicators[0].indicator.target.as_mut().unwrap().value = Some("130".parse().unwrap());
    // A scheme of the plan's own: its rules are rows of their own.
    v2.grading = shinchoku_core::grading::GradingScheme {
        name: "県独自".into(),
        ..shinchoku_core::grading::GradingScheme::pace()
    };
    let mut tx = store.begin().await.unwrap();
    assert_eq!(tx.save_plan(&v2, &actor()).await.unwrap().version, 2);
    tx.commit().await.unwrap();
    // Observation edits: new ones, and a replacement based on the version it read.
    let first = store
        .record(&edit(YAMAGUCHI, "i1", "FY2022", "30", Some(0)), &actor())
        .await
        .unwrap();
    store
        .record(
            &edit(YAMAGUCHI, "i1", "FY2022", "31", Some(first.version)),
            &actor(),
        )
        .await
        .unwrap();
    store
        .record(&edit(YAMAGUCHI, "i5", "FY2022", "21.5", None), &actor())
        .await
        .unwrap();

    let pool = raw(url).await;
    let plan_id: i64 = sqlx::query("SELECT id FROM plans WHERE code = $1")
        .bind(YAMAGUCHI)
        .fetch_one(&pool)
        .await
        .unwrap()
        .try_get(0)
        .unwrap();
    for (name, group) in [("sato", Some("商工労働部")), ("admin", None)] {
        sqlx::query(
            "INSERT INTO users (name, role, group_name, email, password_hash, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(name)
        .bind("editor")
        .bind(group)
        .bind(None::<String>)
        .bind("$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA")
        .bind("2026-12-03T16:12:00Z")
        .execute(&pool)
        .await
        .unwrap();
    }
    for (id, user) in [("s1", Some("sato")), ("s2", None)] {
        sqlx::query(
            "INSERT INTO sessions (id, user_id, data, expires_at)
             VALUES ($1, (SELECT id FROM users WHERE name = $2), $3, $4)",
        )
        .bind(id)
        .bind(user)
        .bind("{\"csrf\":\"x\"}")
        .bind("2026-12-04T16:12:00Z")
        .execute(&pool)
        .await
        .unwrap();
    }
    sqlx::query(
        "INSERT INTO api_tokens (user_id, token_hash, label, created_at)
         VALUES ((SELECT id FROM users WHERE name = $1), $2, $3, $4)",
    )
    .bind("sato")
    .bind("0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8")
    .bind(Some("集計スクリプト"))
    .bind("2026-12-03T16:12:00Z")
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO rounds (plan_id, fy, state, due, stages, plan_version, opened_at, opened_by)
         VALUES ($1, $2, 'open', '2023-06-30', 'self,first', 1, $3, 'admin')",
    )
    .bind(plan_id)
    .bind(2022_i64)
    .bind("2026-12-03T16:12:00Z")
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO login_failures (account, address, at) VALUES ($1, $2, $3)")
        .bind("sato")
        .bind("192.0.2.1")
        .bind("2026-12-03T16:12:00Z")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("INSERT INTO assignments (plan_id, node_key, group_name) VALUES ($1, $2, $3)")
        .bind(plan_id)
        .bind("d1")
        .bind("商工労働部")
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query(
        "INSERT INTO evaluations (plan_id, fy, indicator_key, stage, state, grade, value,
             achievement, progress, cause, next_action, comment, version, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(plan_id)
    .bind(2022_i64)
    .bind("i1")
    .bind("review")
    .bind("draft")
    .bind(Some("B"))
    .bind(Some("31"))
    .bind(Some("0.248"))
    .bind(None::<String>)
    .bind(Some("誘致活動の強化"))
    .bind(None::<String>)
    .bind(None::<String>)
    .bind(1_i64)
    .bind("2026-12-03T16:12:00Z")
    .bind("sato")
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO evaluation_comments (plan_id, fy, indicator_key, stage, author, at, body)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(plan_id)
    .bind(2022_i64)
    .bind("i1")
    .bind("review")
    .bind("sato")
    .bind("2026-12-03T16:12:00Z")
    .bind("要因を追記してください")
    .execute(&pool)
    .await
    .unwrap();
    sqlx::query("INSERT INTO audit_log (at, actor, entity, action) VALUES ($1, $2, $3, $4)")
        .bind("2026-12-03T16:12:00Z")
        .bind("cli:root")
        .bind("user")
        .bind("insert")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    codes
}

/// Everything the store's API shows: the plan list, every version of every plan, the history
/// of every indicator, and the lineage of every series.
#[derive(Debug, PartialEq)]
struct Snapshot {
    plans: Vec<PlanSummary>,
    versions: Vec<Plan>,
    history: Vec<Vec<AuditEntry>>,
    lineage: Vec<Vec<LineagePoint>>,
}

async fn snapshot(store: &Store, codes: &[String]) -> Snapshot {
    let plans = store.plans().await.unwrap();
    let mut versions = Vec::new();
    let mut history = Vec::new();
    let mut series = BTreeSet::new();
    for code in codes {
        for v in store.versions(code).await.unwrap() {
            versions.push(store.load_plan(code, Some(v.version)).await.unwrap());
        }
        let current = store.load_plan(code, None).await.unwrap();
        for pi in &current.indicators {
            history.push(store.history(code, &pi.indicator.id).await.unwrap());
            series.extend(store.series_matching(&pi.indicator.name).await.unwrap());
        }
    }
    let mut lineage = Vec::new();
    for key in &series {
        lineage.push(store.lineage(key).await.unwrap());
    }
    assert!(!lineage.is_empty());
    Snapshot {
        plans,
        versions,
        history,
        lineage,
    }
}

/// Every table's name and row count, as the database's own catalog lists them.
async fn counts(url: &str) -> Vec<(String, i64)> {
    let pool = raw(url).await;
    let sql = if url.starts_with("sqlite:") {
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
    } else {
        "SELECT table_name::text FROM information_schema.tables
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
    };
    let mut tables: Vec<String> = sqlx::query(sql)
        .fetch_all(&pool)
        .await
        .unwrap()
        .iter()
        .map(|r| r.try_get(0).unwrap())
        .collect();
    tables.retain(|t| t != "schema_migrations");
    tables.sort();
    let mut out = Vec::new();
    for t in tables {
        let n: i64 = sqlx::query(&format!("SELECT COUNT(*) FROM {t}"))
            .fetch_one(&pool)
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
        out.push((t, n));
    }
    pool.close().await;
    out
}

/// The rows the store's API does not read back yet, every column, as text.
async fn extras(url: &str) -> Vec<String> {
    let pool = raw(url).await;
    let mut out = Vec::new();
    for r in sqlx::query(
        "SELECT id, name, role, group_name, email, password_hash, created_at FROM users
         ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    {
        out.push(format!(
            "{:?}",
            (
                r.try_get::<i64, _>(0).unwrap(),
                r.try_get::<String, _>(1).unwrap(),
                r.try_get::<String, _>(2).unwrap(),
                r.try_get::<Option<String>, _>(3).unwrap(),
                r.try_get::<Option<String>, _>(4).unwrap(),
                r.try_get::<Option<String>, _>(5).unwrap(),
                r.try_get::<String, _>(6).unwrap(),
            )
        ));
    }
    for r in sqlx::query("SELECT id, user_id, data, expires_at FROM sessions ORDER BY id")
        .fetch_all(&pool)
        .await
        .unwrap()
    {
        out.push(format!(
            "{:?}",
            (
                r.try_get::<String, _>(0).unwrap(),
                r.try_get::<Option<i64>, _>(1).unwrap(),
                r.try_get::<String, _>(2).unwrap(),
                r.try_get::<String, _>(3).unwrap(),
            )
        ));
    }
    for r in sqlx::query(
        "SELECT plan_id, fy, indicator_key, stage, state, grade, value, achievement, progress,
                cause, next_action, comment, version, updated_at, updated_by
         FROM evaluations ORDER BY plan_id, fy, indicator_key",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    {
        let mut s = format!(
            "{:?}",
            (
                r.try_get::<i64, _>(0).unwrap(),
                r.try_get::<i64, _>(1).unwrap(),
                r.try_get::<i64, _>(12).unwrap()
            )
        );
        for i in (2..12).chain(13..15) {
            s.push_str(&format!(
                " {:?}",
                r.try_get::<Option<String>, _>(i).unwrap()
            ));
        }
        out.push(s);
    }
    for r in sqlx::query(
        "SELECT id, plan_id, fy, indicator_key, stage, author, at, body FROM evaluation_comments
         ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    {
        out.push(format!(
            "{:?} {:?}",
            (
                r.try_get::<i64, _>(0).unwrap(),
                r.try_get::<i64, _>(1).unwrap(),
                r.try_get::<i64, _>(2).unwrap()
            ),
            (3..8)
                .map(|i| r.try_get::<String, _>(i).unwrap())
                .collect::<Vec<_>>()
        ));
    }
    for r in sqlx::query(
        "SELECT id, plan_id, plan_version, entity, action, actor FROM audit_log
         WHERE plan_id IS NULL ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    {
        out.push(format!(
            "{:?}",
            (
                r.try_get::<i64, _>(0).unwrap(),
                r.try_get::<Option<i64>, _>(1).unwrap(),
                r.try_get::<Option<i64>, _>(2).unwrap(),
                r.try_get::<String, _>(3).unwrap(),
                r.try_get::<String, _>(4).unwrap(),
                r.try_get::<String, _>(5).unwrap(),
            )
        ));
    }
    for r in sqlx::query("SELECT plan_id, node_key, group_name FROM assignments")
        .fetch_all(&pool)
        .await
        .unwrap()
    {
        out.push(format!(
            "{:?}",
            (
                r.try_get::<i64, _>(0).unwrap(),
                r.try_get::<String, _>(1).unwrap(),
                r.try_get::<String, _>(2).unwrap(),
            )
        ));
    }
    pool.close().await;
    assert_eq!(out.len(), 8, "{out:#?}");
    out
}

#[test]
fn a_backup_opens_as_a_store_equal_to_the_original() {
    on_every_database(|run| async move {
        let db = run.db;
        let codes = populate(&run.store, &run.url).await;
        let before = snapshot(&run.store, &codes).await;
        let dir = scratch("backups");
        let out = dir.join("shinchoku-backup.db");
        let info = run.store.backup(&out, false).await.unwrap();
        assert_eq!(info.path, out);
        assert_eq!(info.tables, 21, "{db}");
        assert_eq!(info.schema_version, SCHEMA);
        assert!(info.bytes > 0);
        let source_counts = counts(&run.url).await;
        assert_eq!(
            info.rows,
            source_counts.iter().map(|(_, n)| *n as u64).sum::<u64>(),
            "{db}"
        );
        // A self-contained file: nothing beside it, not even the temporary name.
        assert_eq!(dir.others(&["shinchoku-backup.db"]), Vec::<String>::new());

        // Every table, every row, whatever the backend was.
        assert_eq!(counts(&sqlite(&out)).await, source_counts, "{db}");
        assert!(
            source_counts.iter().all(|(_, n)| *n > 0),
            "{source_counts:?}"
        );
        assert_eq!(extras(&sqlite(&out)).await, extras(&run.url).await, "{db}");

        let copy = Store::open(&sqlite(&out)).await.unwrap();
        let after = snapshot(&copy, &codes).await;
        copy.close().await;
        assert_eq!(after, before, "{db}");
    });
}

#[test]
fn a_backup_restores_into_an_empty_database_and_new_writes_get_new_ids() {
    on_every_database(|run| async move {
        let db = run.db;
        let codes = populate(&run.store, &run.url).await;
        let before = snapshot(&run.store, &codes).await;
        let dir = scratch("backups");
        let out = dir.join("b.db");
        let made = run.store.backup(&out, false).await.unwrap();

        // Opening the backup as a store first (it becomes a WAL database then) changes
        // nothing for a restore.
        let opened = Store::open(&sqlite(&out)).await.unwrap();
        opened.close().await;

        let restored = Store::open(&run.empty_url).await.unwrap();
        assert_eq!(restored.backend(), run.store.backend());
        let info = restored.restore_from(&out).await.unwrap();
        assert_eq!((info.tables, info.rows), (made.tables, made.rows), "{db}");
        assert_eq!(info.schema_version, SCHEMA);
        assert_eq!(snapshot(&restored, &codes).await, before, "{db}");
        assert_eq!(counts(&run.empty_url).await, counts(&run.url).await, "{db}");
        assert_eq!(extras(&run.empty_url).await, extras(&run.url).await, "{db}");

        // New rows in every kind of table with an identity id: an observation and its audit
        // entry, a new version with a new series, a new plan, a user, a comment.
        let max_audit = before.history.iter().flatten().map(|e| e.id).max().unwrap();
        let w = restored
            .record(&edit(YAMAGUCHI, "i2", "FY2023", "2", Some(0)), &actor())
            .await
            .unwrap();
        assert_eq!(w.version, 1, "{db}");
        let h = restored.history(YAMAGUCHI, "i2").await.unwrap();
        assert!(h.last().unwrap().id > max_audit, "{db}: {h:#?}");

        let mut v3 = restored.load_plan(YAMAGUCHI, None).await.unwrap();
        let mut extra = v3.indicators[0].clone();
        extra.indicator.id = "i99".into();
        extra.indicator.name = "復元後に加えた指標".into();
        extra.observations.clear();
        v3.indicators.push(extra);
        let mut tx = restored.begin().await.unwrap();
        let saved = tx.save_plan(&v3, &actor()).await.unwrap();
        let other = another_plan("after-restore");
        let new_plan = tx.save_plan(&other, &actor()).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!((saved.version, new_plan.created), (3, true), "{db}");
        assert_eq!(
            restored
                .load_plan(YAMAGUCHI, None)
                .await
                .unwrap()
                .indicators
                .len(),
            v3.indicators.len()
        );
        assert_eq!(
            restored
                .series_matching("復元後に加えた指標")
                .await
                .unwrap()
                .len(),
            1
        );

        let pool = raw(&run.empty_url).await;
        sqlx::query("INSERT INTO users (name, role, created_at) VALUES ($1, $2, $3)")
            .bind("suzuki")
            .bind("viewer")
            .bind("2026-12-05T00:00:00Z")
            .execute(&pool)
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO evaluation_comments (plan_id, fy, indicator_key, stage, author, at, body)
             SELECT id, 2023, 'i1', 'review', 'suzuki', '2026-12-05T00:00:00Z', '了解'
             FROM plans WHERE code = $1",
        )
        .bind(YAMAGUCHI)
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
        restored.close().await;
    });
}

#[test]
fn restoring_into_a_store_that_holds_anything_is_refused_and_changes_nothing() {
    on_every_database(|run| async move {
        let db = run.db;
        let codes = populate(&run.store, &run.url).await;
        let dir = scratch("backups");
        let out = dir.join("b.db");
        run.store.backup(&out, false).await.unwrap();
        let before = snapshot(&run.store, &codes).await;
        let before_counts = counts(&run.url).await;

        let err = run.store.restore_from(&out).await.unwrap_err();
        let StoreError::Invalid(m) = &err else {
            panic!("{db}: expected a refusal, got {err}")
        };
        assert!(
            m.to_string().contains("not empty") && m.to_string().contains("plans"),
            "{m}"
        );
        assert!(m.to_string().contains("new, empty database"), "{m}");
        assert_eq!(snapshot(&run.store, &codes).await, before, "{db}");
        assert_eq!(counts(&run.url).await, before_counts, "{db}");

        // A database with no plan but a user is not empty either.
        let other = Store::open(&run.empty_url).await.unwrap();
        let pool = raw(&run.empty_url).await;
        sqlx::query("INSERT INTO users (name, role, created_at) VALUES ($1, $2, $3)")
            .bind("admin")
            .bind("admin")
            .bind("2026-12-05T00:00:00Z")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
        let err = other.restore_from(&out).await.unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(m) if m.to_string().contains("users")),
            "{db}: {err}"
        );
        assert!(other.plans().await.unwrap().is_empty());
        other.close().await;
    });
}

#[test]
fn a_backup_leaves_out_what_another_connection_has_not_committed() {
    on_every_database(|run| async move {
        let db = run.db;
        let codes = populate(&run.store, &run.url).await;
        let before = snapshot(&run.store, &codes).await;

        // Another writer, mid-transaction: a new plan and a changed observation, not committed.
        let pending = another_plan("pending");
        let mut tx = run.store.begin().await.unwrap();
        tx.save_plan(&pending, &actor()).await.unwrap();
        let mut v3 = tx.load_plan(YAMAGUCHI, None).await.unwrap();
        v3.title.push_str("(改訂中)");
        tx.save_plan(&v3, &actor()).await.unwrap();

        let dir = scratch("backups");
        let out = dir.join("b.db");
        run.store.backup(&out, false).await.unwrap();
        tx.commit().await.unwrap();

        let copy = Store::open(&sqlite(&out)).await.unwrap();
        let got = copy.load_plan(pending.code.as_str(), None).await;
        assert!(
            matches!(got, Err(StoreError::NotFound(_))),
            "{db}: the uncommitted plan is in the backup: {got:?}"
        );
        assert_eq!(snapshot(&copy, &codes).await, before, "{db}");
        copy.close().await;
        // …and it was committed after all, in the live database.
        assert_eq!(
            run.store.load_plan(YAMAGUCHI, None).await.unwrap().title,
            v3.title
        );
        assert!(run
            .store
            .load_plan(pending.code.as_str(), None)
            .await
            .is_ok());
    });
}

#[test]
fn an_existing_file_is_replaced_only_when_forced() {
    on_every_database(|run| async move {
        let db = run.db;
        let codes = populate(&run.store, &run.url).await;
        let dir = scratch("backups");
        let out = dir.join("b.db");
        std::fs::write(&out, "yesterday's backup").unwrap();

        let err = run.store.backup(&out, false).await.unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(m) if m.to_string().contains("already exists")),
            "{db}: {err}"
        );
        assert_eq!(std::fs::read(&out).unwrap(), b"yesterday's backup");
        assert_eq!(dir.others(&["b.db"]), Vec::<String>::new(), "{db}");

        run.store.backup(&out, true).await.unwrap();
        let copy = Store::open(&sqlite(&out)).await.unwrap();
        assert_eq!(
            copy.plans().await.unwrap().len(),
            codes.len(),
            "{db}: the forced backup replaced the file"
        );
        copy.close().await;

        // A directory that is not there: refused, nothing written.
        let err = run
            .store
            .backup(&dir.join("no/such/dir/b.db"), true)
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{db}: {err}");
    });
}

#[test]
fn the_live_sqlite_file_is_never_a_backup_target() {
    on_every_database(|run| async move {
        if run.db != "sqlite" {
            return;
        }
        let live = PathBuf::from(run.url.trim_start_matches("sqlite:"));
        let err = run.store.backup(&live, true).await.unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(m) if m.to_string().contains("the database itself")),
            "{err}"
        );
        assert!(run.store.plans().await.is_ok());
    });
}

#[test]
fn a_backup_from_a_newer_schema_is_refused() {
    on_every_database(|run| async move {
        let db = run.db;
        populate(&run.store, &run.url).await;
        let dir = scratch("backups");
        let out = dir.join("b.db");
        run.store.backup(&out, false).await.unwrap();
        let pool = raw(&sqlite(&out)).await;
        sqlx::query(
            "INSERT INTO schema_migrations (version, name, applied_at)
             VALUES (99, 'future', '2030-01-01T00:00:00Z')",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;

        let empty = Store::open(&run.empty_url).await.unwrap();
        let err = empty.restore_from(&out).await.unwrap_err();
        assert!(
            matches!(
                err,
                StoreError::SchemaTooNew {
                    found: 99,
                    known: SCHEMA
                }
            ),
            "{db}: {err}"
        );
        assert!(empty.plans().await.unwrap().is_empty());
        empty.close().await;
    });
}

#[test]
fn a_column_the_backup_does_not_know_is_never_silently_dropped() {
    on_every_database(|run| async move {
        let db = run.db;
        populate(&run.store, &run.url).await;
        // A column added behind shinchoku's back (or by a newer schema).
        let pool = raw(&run.url).await;
        sqlx::query("ALTER TABLE observations ADD COLUMN reviewed_by TEXT")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
        let dir = scratch("backups");
        let out = dir.join("b.db");
        let refused = match run.store.backup(&out, false).await {
            // PostgreSQL copies by the list of columns: the backup is refused, no file left.
            Err(e) => {
                assert_eq!(db, "postgres", "{e}");
                assert!(!out.exists());
                assert_eq!(dir.others(&[]), Vec::<String>::new());
                e
            }
            // SQLite's VACUUM INTO copies the file as it is, column and all; restoring it is
            // what would drop the column, and is refused.
            Ok(_) => {
                assert_eq!(db, "sqlite");
                let empty = Store::open(&run.empty_url).await.unwrap();
                let e = empty.restore_from(&out).await.unwrap_err();
                assert!(empty.plans().await.unwrap().is_empty());
                empty.close().await;
                e
            }
        };
        assert!(
            matches!(&refused, StoreError::Invalid(m) if m.to_string().contains("observations.reviewed_by")),
            "{db}: {refused}"
        );
    });
}

#[test]
fn a_file_that_is_not_a_backup_is_refused() {
    on_every_database(|run| async move {
        let db = run.db;
        let dir = scratch("backups");
        let missing = run
            .store
            .restore_from(&dir.join("missing.db"))
            .await
            .unwrap_err();
        assert!(
            matches!(missing, StoreError::NotFound(_)),
            "{db}: {missing}"
        );
        let text = dir.join("notes.txt");
        std::fs::write(&text, "not a database at all, just some words").unwrap();
        let err = run.store.restore_from(&text).await.unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(m) if m.to_string().contains("not a shinchoku backup")),
            "{db}: {err}"
        );
        // A SQLite database of something else.
        let other = dir.join("other.db");
        let pool = raw(&format!("sqlite:{}?mode=rwc", other.display())).await;
        sqlx::query("CREATE TABLE t (x INTEGER)")
            .execute(&pool)
            .await
            .unwrap();
        pool.close().await;
        let err = run.store.restore_from(&other).await.unwrap_err();
        assert!(
            matches!(&err, StoreError::Invalid(m) if m.to_string().contains("not a shinchoku backup")),
            "{db}: {err}"
        );
        assert!(run.store.plans().await.unwrap().is_empty());
    });
}

/// A SQLite deployment moves to PostgreSQL through a backup, and back.
#[test]
fn a_backup_moves_between_backends() {
    let Some(admin) = postgres_admin_url() else {
        return;
    };
    let lite = sqlite_db();
    let pg = postgres_db(&admin);
    let lite_again = sqlite_db();
    runtime().block_on(async {
        let source = Store::open(&lite.url).await.unwrap();
        let codes = populate(&source, &lite.url).await;
        let before = snapshot(&source, &codes).await;
        let dir = scratch("backups");
        source.backup(&dir.join("lite.db"), false).await.unwrap();

        let server = Store::open(&pg.url).await.unwrap();
        server.restore_from(&dir.join("lite.db")).await.unwrap();
        assert_eq!(snapshot(&server, &codes).await, before);
        assert_eq!(counts(&pg.url).await, counts(&lite.url).await);
        assert_eq!(extras(&pg.url).await, extras(&lite.url).await);
        server
            .record(&edit(YAMAGUCHI, "i2", "FY2023", "2", Some(0)), &actor())
            .await
            .unwrap();

        server.backup(&dir.join("pg.db"), false).await.unwrap();
        let back = Store::open(&lite_again.url).await.unwrap();
        back.restore_from(&dir.join("pg.db")).await.unwrap();
        assert_eq!(
            snapshot(&back, &codes).await,
            snapshot(&server, &codes).await
        );
        back.close().await;
        server.close().await;
        source.close().await;
    });
}

/// Tables of more than one page (a page is at most 1,000 rows): every row arrives once, with
/// keys of one integer and of integer, text and integer.
#[test]
fn large_tables_are_copied_page_by_page() {
    on_every_database(|run| async move {
        let db = run.db;
        populate(&run.store, &run.url).await;
        let pool = raw(&run.url).await;
        sqlx::query(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2345)
             INSERT INTO audit_log (at, actor, entity, action, old_value, new_value)
             SELECT '2026-12-03T16:12:00Z', 'bulk', 'observation', 'update', NULL, 'v' || i
             FROM n",
        )
        .execute(&pool)
        .await
        .unwrap();
        sqlx::query(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3001)
             INSERT INTO yearly_targets (version_id, indicator_key, ord, period, value)
             SELECT (SELECT MIN(id) FROM plan_versions), 'bulk-' || (i % 3), i, 'FY2030', '1'
             FROM n",
        )
        .execute(&pool)
        .await
        .unwrap();
        pool.close().await;
        let sums = |url: String| async move {
            let pool = raw(&url).await;
            let r = sqlx::query(
                "SELECT (SELECT COUNT(*) FROM audit_log),
                        (SELECT CAST(SUM(id) AS BIGINT) FROM audit_log),
                        (SELECT CAST(SUM(LENGTH(new_value)) AS BIGINT) FROM audit_log),
                        (SELECT COUNT(*) FROM yearly_targets),
                        (SELECT CAST(SUM(ord + LENGTH(indicator_key)) AS BIGINT)
                         FROM yearly_targets)",
            )
            .fetch_one(&pool)
            .await
            .unwrap();
            let v: Vec<i64> = (0..5).map(|i| r.try_get(i).unwrap()).collect();
            pool.close().await;
            v
        };
        let before = sums(run.url.clone()).await;
        assert!(before[0] > 2345 && before[3] > 3001, "{before:?}");

        let dir = scratch("backups");
        let out = dir.join("big.db");
        run.store.backup(&out, false).await.unwrap();
        assert_eq!(sums(sqlite(&out)).await, before, "{db}: backup");
        let restored = Store::open(&run.empty_url).await.unwrap();
        restored.restore_from(&out).await.unwrap();
        restored.close().await;
        assert_eq!(sums(run.empty_url.clone()).await, before, "{db}: restore");
        assert_eq!(counts(&run.empty_url).await, counts(&run.url).await);
    });
}

/// PostgreSQL: the backup reads every table in one snapshot, not each table as it is when
/// its turn comes. The backup is held up at `users` (another transaction has it locked);
/// meanwhile a write commits to tables read before it and after it; the backup holds neither.
#[test]
fn a_postgres_backup_is_one_snapshot() {
    let Some(admin) = postgres_admin_url() else {
        return;
    };
    let pg = postgres_db(&admin);
    let dir = scratch("backups");
    let out = dir.join("snapshot.db");
    // A local task set: the backup runs beside the test body on one thread.
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime(), async {
        let store = Store::open(&pg.url).await.unwrap();
        let codes = populate(&store, &pg.url).await;
        let before = snapshot(&store, &codes).await;
        let pool = raw(&pg.url).await;
        let mut lock = pool.begin().await.unwrap();
        sqlx::query("LOCK TABLE users IN ACCESS EXCLUSIVE MODE")
            .execute(&mut *lock)
            .await
            .unwrap();
        let backup = tokio::task::spawn_local({
            let store = store.clone();
            let out = out.clone();
            async move { store.backup(&out, false).await }
        });
        let mut waiting = false;
        for _ in 0..400 {
            tokio::task::yield_now().await;
            let n: i64 = sqlx::query(
                "SELECT COUNT(*) FROM pg_locks WHERE NOT granted AND relation = 'users'::regclass",
            )
            .fetch_one(&pool)
            .await
            .unwrap()
            .try_get(0)
            .unwrap();
            if n > 0 {
                waiting = true;
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert!(waiting, "the backup never reached the locked table");
        // Committed while the backup waits: an observation (its table already read) and an
        // assignment (its table not read yet).
        store
            .record(&edit(YAMAGUCHI, "i3", "FY2023", "130", Some(0)), &actor())
            .await
            .unwrap();
        sqlx::query(
            "INSERT INTO assignments (plan_id, node_key, group_name)
             SELECT id, 'd2', '環境政策課' FROM plans WHERE code = $1",
        )
        .bind(YAMAGUCHI)
        .execute(&pool)
        .await
        .unwrap();
        lock.rollback().await.unwrap();
        backup.await.unwrap().unwrap();
        pool.close().await;

        let copy = Store::open(&sqlite(&out)).await.unwrap();
        assert_eq!(snapshot(&copy, &codes).await, before);
        copy.close().await;
        let assignments = counts(&sqlite(&out))
            .await
            .into_iter()
            .find(|(t, _)| t == "assignments")
            .unwrap();
        assert_eq!(
            assignments.1, 1,
            "the assignment committed later is in the backup"
        );
        store.close().await;
    });
}
