//! Imports of actuals longer than one staging batch, on SQLite and on PostgreSQL alike: rows
//! are staged while the next ones are read, and the duplicate search is skipped when no two
//! keys can be equal, yet the file is still applied whole or not at all, every duplicate is
//! named by both its lines, and the audit log reads as it did.

#![allow(clippy::unwrap_used)] // test helpers

use shinchoku_core::indicator::ObservedValue;
use shinchoku_core::period::Period;
use shinchoku_core::quantity::Unit;
use shinchoku_store::{ActualInput, StoreError, Tx};
use shinchoku_testkit::db::{actor, on_every_database, postgres_admin_url, postgres_db, runtime};
use shinchoku_testkit::fixtures::example_plan;

const PLAN: &str = "yamaguchi-industry-2022";

/// Rows well past the store's staging batch (500 rows).
const ROWS: u64 = 1_234;

fn row(line: u64, ind: &str, period: &str, value: u64) -> ActualInput {
    ActualInput {
        line,
        plan: PLAN.into(),
        indicator: ind.into(),
        period: Period::parse(period).unwrap(),
        value: Some(ObservedValue::Number(value.into())),
        unit: Unit::default(),
        status: None,
        as_of: None,
        source: None,
        note: None,
        breakdown: Vec::new(),
    }
}

/// Line `n` (2 is the first after the header) names FY3000 + n - 1: distinct and far from the
/// example plan's own FY2022-FY2024.
fn year_row(line: u64) -> ActualInput {
    row(line, "i1", &format!("FY{}", 3000 + line - 1), line)
}

async fn saved_plan(store: &shinchoku_store::Store) {
    let mut tx = store.begin().await.unwrap();
    tx.save_plan(&example_plan("design-example.toml"), &actor())
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

async fn observations_of_i1(store: &shinchoku_store::Store) -> usize {
    store.load_plan(PLAN, None).await.unwrap().indicators[0]
        .observations
        .len()
}

#[test]
fn a_file_of_many_batches_is_applied_whole_with_the_audit_in_the_same_order() {
    on_every_database(|store, db| async move {
        saved_plan(&store).await;
        let mut tx = store.begin().await.unwrap();
        let mut imp = tx.import_actuals("big.csv", &actor()).await.unwrap();
        for line in 2..2 + ROWS {
            imp.add(year_row(line)).await.unwrap();
        }
        // The last lines: a replaced value (stored 30) and the same value again (stored 20).
        imp.add(row(2 + ROWS, "i1", "FY2022", 31)).await.unwrap();
        imp.add(row(3 + ROWS, "i1", "FY2024", 20)).await.unwrap();
        let s = imp.finish().await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            (s.rows, s.inserted, s.updated, s.unchanged),
            (ROWS + 2, ROWS, 1, 1),
            "{db}"
        );
        assert_eq!(observations_of_i1(&store).await, 3 + ROWS as usize, "{db}");

        // As before: the file's replacements first, then its new values, each in line order,
        // each naming its line.
        let h = store.history(PLAN, "i1").await.unwrap();
        let ours: Vec<_> = h
            .iter()
            .filter(|e| {
                e.source
                    .as_deref()
                    .is_some_and(|s| s.starts_with("big.csv:"))
            })
            .collect();
        assert_eq!(ours.len(), ROWS as usize + 1, "{db}");
        assert_eq!(ours[0].action, "update");
        assert_eq!(ours[0].source.as_deref(), Some("big.csv:1236"));
        assert_eq!(
            (ours[0].old_value.as_deref(), ours[0].new_value.as_deref()),
            (Some("30"), Some("31"))
        );
        for (e, line) in ours[1..].iter().zip(2..) {
            assert_eq!(e.action, "insert", "{db}");
            assert_eq!(
                e.source.as_deref(),
                Some(format!("big.csv:{line}").as_str())
            );
            assert_eq!(e.new_value.as_deref(), Some(line.to_string().as_str()));
            assert_eq!(e.old_value, None);
        }
    });
}

#[test]
fn a_key_repeated_batches_later_is_refused_naming_both_lines() {
    on_every_database(|store, db| async move {
        saved_plan(&store).await;
        let mut tx = store.begin().await.unwrap();
        let mut imp = tx.import_actuals("dup.csv", &actor()).await.unwrap();
        for line in 2..2 + ROWS {
            imp.add(year_row(line)).await.unwrap();
        }
        // Line 5's indicator and period again, with another value.
        imp.add(row(2 + ROWS, "i1", "FY3004", 1)).await.unwrap();
        let Err(StoreError::Rows(rows)) = imp.finish().await else {
            panic!("{db}: expected a refusal")
        };
        assert_eq!(rows.len(), 1, "{db}: {rows:?}");
        assert_eq!(rows[0].line, 2 + ROWS);
        assert!(rows[0].to_string().contains("line 5"), "{db}: {}", rows[0]);
        tx.rollback().await.unwrap();
        assert_eq!(observations_of_i1(&store).await, 3, "{db}");
    });
}

#[test]
fn a_bad_last_row_after_many_batches_leaves_nothing() {
    on_every_database(|store, db| async move {
        saved_plan(&store).await;
        let mut tx = store.begin().await.unwrap();
        let mut imp = tx.import_actuals("bad.csv", &actor()).await.unwrap();
        for line in 2..2 + ROWS {
            imp.add(year_row(line)).await.unwrap();
        }
        imp.add(row(2 + ROWS, "no-such-indicator", "FY2025", 1))
            .await
            .unwrap();
        let Err(StoreError::Rows(rows)) = imp.finish().await else {
            panic!("{db}: expected a refusal")
        };
        assert_eq!((rows.len(), rows[0].line), (1, 2 + ROWS), "{db}");
        tx.rollback().await.unwrap();
        assert_eq!(observations_of_i1(&store).await, 3, "{db}");
        let h = store.history(PLAN, "i1").await.unwrap();
        assert!(h.iter().all(|e| e.source.as_deref() != Some("bad.csv:2")));
    });
}

/// An import abandoned part-way — its caller failed on another file — while a batch is still
/// being inserted: the transaction rolls back, and the store takes the next import.
#[test]
fn an_import_dropped_with_a_batch_in_flight_rolls_back_cleanly() {
    on_every_database(|store, db| async move {
        saved_plan(&store).await;
        let mut tx: Tx = store.begin().await.unwrap();
        let mut imp = tx.import_actuals("left.csv", &actor()).await.unwrap();
        for line in 2..2 + 600 {
            imp.add(year_row(line)).await.unwrap();
        }
        drop(imp);
        tx.rollback().await.unwrap();
        assert_eq!(observations_of_i1(&store).await, 3, "{db}");

        let mut tx = store.begin().await.unwrap();
        let mut imp = tx.import_actuals("again.csv", &actor()).await.unwrap();
        for line in 2..5 {
            imp.add(year_row(line)).await.unwrap();
        }
        let s = imp.finish().await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(s.inserted, 3, "{db}");
        assert_eq!(observations_of_i1(&store).await, 6, "{db}");
    });
}

/// A plan without any value yet takes the whole file as new values (the store then skips its
/// search for values to replace); once it holds them, the same file changes nothing, and one
/// changed value is replaced with its audit entry.
#[test]
fn a_plan_without_values_takes_the_file_then_replaces_only_what_changed() {
    on_every_database(|store, db| async move {
        let mut plan = example_plan("design-example.toml");
        for i in &mut plan.indicators {
            i.observations.clear();
        }
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(&plan, &actor()).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(observations_of_i1(&store).await, 0, "{db}");

        let import = |file: &'static str, changed: Option<u64>| {
            let store = store.clone();
            async move {
                let mut tx = store.begin().await.unwrap();
                let mut imp = tx.import_actuals(file, &actor()).await.unwrap();
                for line in 2..2 + ROWS {
                    let mut r = year_row(line);
                    if Some(line) == changed {
                        r.value = Some(ObservedValue::Number(0.into()));
                    }
                    imp.add(r).await.unwrap();
                }
                let s = imp.finish().await.unwrap();
                tx.commit().await.unwrap();
                (s.inserted, s.updated, s.unchanged)
            }
        };
        assert_eq!(import("a.csv", None).await, (ROWS, 0, 0), "{db}");
        assert_eq!(import("b.csv", None).await, (0, 0, ROWS), "{db}");
        assert_eq!(import("c.csv", Some(700)).await, (0, 1, ROWS - 1), "{db}");
        assert_eq!(observations_of_i1(&store).await, ROWS as usize, "{db}");
        let h = store.history(PLAN, "i1").await.unwrap();
        let changes: Vec<_> = h
            .iter()
            .filter(|e| e.entity == "observation")
            .map(|e| (e.action.as_str(), e.source.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(changes.len(), ROWS as usize + 1, "{db}");
        assert_eq!(changes[0], ("insert", "a.csv:2"));
        assert_eq!(changes[ROWS as usize], ("update", "c.csv:700"));
    });
}

async fn staging_tables(peek: &mut sqlx::PgConnection) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM pg_class WHERE relname LIKE 'shinchoku\\_stage\\_%'")
        .fetch_one(peek)
        .await
        .unwrap()
}

/// PostgreSQL stages by COPY, over a connection of its own, into a table that can outlive the
/// import's transaction: a refused file drops it at once, an applied one drops it with its
/// transaction, and one left behind by a rollback or a dropped import is dropped when the next
/// import starts.
#[test]
fn postgres_staging_tables_do_not_outlive_the_next_import() {
    let Some(admin) = postgres_admin_url() else {
        return;
    };
    let db = postgres_db(&admin);
    runtime().block_on(async {
        use sqlx::Connection;
        let store = shinchoku_store::Store::open(&db.url).await.unwrap();
        saved_plan(&store).await;
        let mut peek = sqlx::PgConnection::connect(&db.url).await.unwrap();

        // Refused, by a bad row and by a duplicate: nothing left.
        let mut tx = store.begin().await.unwrap();
        let mut imp = tx.import_actuals("bad.csv", &actor()).await.unwrap();
        imp.add(year_row(2)).await.unwrap();
        imp.add(row(3, "no-such-indicator", "FY2025", 1))
            .await
            .unwrap();
        assert!(imp.finish().await.is_err());
        tx.rollback().await.unwrap();
        let mut tx = store.begin().await.unwrap();
        let mut imp = tx.import_actuals("dup.csv", &actor()).await.unwrap();
        imp.add(year_row(2)).await.unwrap();
        imp.add(row(3, "i1", "FY3001", 1)).await.unwrap();
        assert!(imp.finish().await.is_err());
        tx.rollback().await.unwrap();
        assert_eq!(staging_tables(&mut peek).await, 0);

        // Applied, then rolled back: left behind.
        let mut tx = store.begin().await.unwrap();
        let mut imp = tx.import_actuals("undone.csv", &actor()).await.unwrap();
        for line in 2..2 + ROWS {
            imp.add(year_row(line)).await.unwrap();
        }
        imp.finish().await.unwrap();
        tx.rollback().await.unwrap();
        assert_eq!(staging_tables(&mut peek).await, 1);

        // Dropped part-way: its own left behind, the one before dropped as it started.
        let mut tx = store.begin().await.unwrap();
        let mut imp = tx.import_actuals("left.csv", &actor()).await.unwrap();
        for line in 2..2 + ROWS {
            imp.add(year_row(line)).await.unwrap();
        }
        drop(imp);
        tx.rollback().await.unwrap();
        assert_eq!(staging_tables(&mut peek).await, 1);

        // The next import drops them, and its own table goes with its commit.
        let mut tx = store.begin().await.unwrap();
        let mut imp = tx.import_actuals("next.csv", &actor()).await.unwrap();
        imp.add(year_row(2)).await.unwrap();
        assert_eq!(staging_tables(&mut peek).await, 1);
        let s = imp.finish().await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(s.inserted, 1);
        assert_eq!(staging_tables(&mut peek).await, 0);
        assert_eq!(observations_of_i1(&store).await, 4);
        store.close().await;
    });
}
