//! The storage story, on SQLite and on PostgreSQL alike: a plan stored and read back equal,
//! new versions, all-or-nothing imports of actuals, stale edits refused, the audit log.

#![allow(clippy::unwrap_used)] // test helpers

use shinchoku_core::indicator::{ObservationStatus, ObservedValue};
use shinchoku_core::period::Period;
use shinchoku_core::quantity::Unit;
use shinchoku_core::Decimal;
use shinchoku_store::{ActualInput, ObservationWrite, StoreError};
use shinchoku_testkit::db::{actor, canonical, databases, on_every_database, runtime, sqlite_db};
use shinchoku_testkit::fixtures::{documents, example_plan};

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn row(line: u64, plan: &str, ind: &str, period: &str, value: &str) -> ActualInput {
    ActualInput {
        line,
        plan: plan.into(),
        indicator: ind.into(),
        period: Period::parse(period).unwrap(),
        value: Some(ObservedValue::Number(dec(value))),
        unit: Unit::default(),
        status: None,
        as_of: None,
        source: None,
        note: None,
        breakdown: Vec::new(),
    }
}

#[test]
fn a_plan_comes_back_equal() {
    for name in ["design-example.toml", "yamaguchi-industry-2022.toml"] {
        on_every_database(|store, db| async move {
            let plan = example_plan(name);
            let mut tx = store.begin().await.unwrap();
            let out = tx.save_plan(&plan, &actor()).await.unwrap();
            tx.commit().await.unwrap();
            assert!(out.created, "{db} {name}");
            assert_eq!(out.version, 1);
            let back = store.load_plan(plan.code.as_str(), None).await.unwrap();
            assert_eq!(back, canonical(plan.clone()), "{db} {name}");
            let listed = store.plans().await.unwrap();
            assert_eq!(listed.len(), 1, "{db}");
            assert_eq!(listed[0].code, plan.code.as_str());
            assert_eq!(listed[0].indicators, plan.indicators.len() as i64);
        });
    }
}

/// A plan with more nodes, indicators and yearly targets than one multi-row statement holds
/// (the store writes a version's tables in batches of at most 1,000 rows) comes back equal,
/// with the audit entries of the last indicator.
#[test]
fn a_plan_larger_than_one_statement_comes_back_equal() {
    on_every_database(|store, db| async move {
        let mut plan = example_plan("design-example.toml");
        for pi in &mut plan.indicators {
            pi.observations.clear();
        }
        let node = plan.nodes[0].clone();
        for n in 0..1_200 {
            let mut extra = node.clone();
            extra.id = format!("extra-node-{n}");
            extra.parent = None;
            extra.title = format!("施策 {n}");
            plan.nodes.push(extra);
        }
        let template = plan.indicators[0].clone();
        assert!(template.indicator.target.is_some() && template.indicator.baseline.is_some());
        for n in 0..2_100 {
            let mut pi = template.clone();
            pi.indicator.id = format!("extra-{n}");
            pi.indicator.name = format!("指標 {n}");
            pi.series_key = None;
            pi.indicator.yearly_targets = vec![shinchoku_core::indicator::YearlyTarget {
                period: Period::parse("FY2024").unwrap(),
                value: dec(&format!("{n}.5")),
            }];
            plan.indicators.push(pi);
        }
        assert!(plan.check().is_empty(), "{db}: {:?}", plan.check());
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(&plan, &actor()).await.unwrap();
        tx.commit().await.unwrap();
        let back = store.load_plan(plan.code.as_str(), None).await.unwrap();
        assert_eq!(back, plan, "{db}");
        let h = store
            .history(plan.code.as_str(), "extra-2099")
            .await
            .unwrap();
        let entities: Vec<&str> = h.iter().map(|e| e.entity.as_str()).collect();
        assert_eq!(entities, ["target", "baseline"], "{db}: {h:#?}");
    });
}

#[test]
fn seed_documents_come_back_equal() {
    on_every_database(|store, db| async move {
        let names = documents();
        assert_eq!(names.len(), 5);
        for path in names {
            let bytes = std::fs::read(&path).unwrap();
            let file = path.file_name().unwrap().to_string_lossy().into_owned();
            let ex = shinchoku_import::extract::extract(&bytes, &file).unwrap();
            let plan = shinchoku_import::extract::to_plan::to_plan(&ex);
            let mut tx = store.begin().await.unwrap();
            tx.save_plan(&plan, &actor()).await.unwrap();
            tx.commit().await.unwrap();
            let back = store.load_plan(plan.code.as_str(), None).await.unwrap();
            assert_eq!(back, canonical(plan), "{db} {file}");
        }
    });
}

#[test]
fn saving_a_changed_plan_makes_a_new_version_and_the_same_one_does_not() {
    on_every_database(|store, db| async move {
        let mut plan = example_plan("design-example.toml");
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(&plan, &actor()).await.unwrap();
        tx.commit().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        let again = tx.save_plan(&plan, &actor()).await.unwrap();
        tx.commit().await.unwrap();
        assert!(again.unchanged, "{db}");
        assert_eq!(again.version, 1);

        plan.indicators[0].indicator.target.as_mut().unwrap().value = Some(dec("130"));
        let mut tx = store.begin().await.unwrap();
        let v2 = tx.save_plan(&plan, &actor()).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!((v2.version, v2.unchanged), (2, false), "{db}");
        let versions = store.versions(plan.code.as_str()).await.unwrap();
        assert_eq!(versions.len(), 2);
        let v1 = store.load_plan(plan.code.as_str(), Some(1)).await.unwrap();
        assert_eq!(
            v1.indicators[0].indicator.target.as_ref().unwrap().value,
            Some(dec("125"))
        );
        // The target change is in the audit log, with the old and the new value.
        let h = store.history(plan.code.as_str(), "i1").await.unwrap();
        let t: Vec<_> = h.iter().filter(|e| e.entity == "target").collect();
        assert_eq!(t.len(), 2, "{db}: {h:#?}");
        assert_eq!(t[1].action, "update");
        assert_eq!(t[1].old_value.as_deref(), Some("125 (FY2022-FY2026)"));
        assert_eq!(t[1].new_value.as_deref(), Some("130 (FY2022-FY2026)"));
        assert_eq!(t[1].plan_version, Some(2));
    });
}

#[test]
fn an_actuals_file_with_a_bad_last_row_leaves_nothing() {
    on_every_database(|store, db| async move {
        let plan = example_plan("design-example.toml");
        let code = plan.code.as_str().to_owned();
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(&plan, &actor()).await.unwrap();
        tx.commit().await.unwrap();
        let before = store.load_plan(&code, None).await.unwrap();

        let mut tx = store.begin().await.unwrap();
        let mut imp = tx.import_actuals("actuals.csv", &actor()).await.unwrap();
        for (i, y) in (2022..2027).enumerate() {
            imp.add(row(i as u64 + 2, &code, "i1", &format!("FY{y}"), "31"))
                .await
                .unwrap();
        }
        imp.add(row(7, &code, "no-such-indicator", "FY2025", "1"))
            .await
            .unwrap();
        let err = imp.finish().await.unwrap_err();
        let StoreError::Rows(rows) = err else {
            panic!("{db}: expected refused rows, got {err}")
        };
        assert_eq!(rows.len(), 1);
        assert_eq!((rows[0].line, rows[0].field.as_str()), (7, "indicator"));
        tx.rollback().await.unwrap();
        assert_eq!(store.load_plan(&code, None).await.unwrap(), before, "{db}");
        assert!(store
            .history(&code, "i1")
            .await
            .unwrap()
            .iter()
            .all(|e| e.entity != "observation" || e.source.is_none()));
    });
}

#[test]
fn an_actuals_file_inserts_replaces_and_audits() {
    on_every_database(|store, db| async move {
        let plan = example_plan("design-example.toml");
        let code = plan.code.as_str().to_owned();
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(&plan, &actor()).await.unwrap();
        tx.commit().await.unwrap();

        let mut tx = store.begin().await.unwrap();
        let mut imp = tx.import_actuals("actuals.csv", &actor()).await.unwrap();
        // FY2023 is stored as 28: replaced. FY2024 = 20 is the same: unchanged. FY2025 is new;
        // the name works as well as the id.
        imp.add(row(2, &code, "i1", "FY2023", "29")).await.unwrap();
        imp.add(row(3, &code, "i1", "FY2024", "20")).await.unwrap();
        imp.add(row(
            4,
            &code,
            "企業 誘致件数",
            "FY2025",
            "1,0".replace(',', "").as_str(),
        ))
        .await
        .unwrap();
        let mut empty = row(5, &code, "i1", "FY2026", "0");
        empty.value = None;
        imp.add(empty).await.unwrap();
        let s = imp.finish().await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(
            (s.rows, s.inserted, s.updated, s.unchanged, s.skipped),
            (4, 1, 1, 1, 1),
            "{db}"
        );
        let p = store.load_plan(&code, None).await.unwrap();
        let obs: Vec<(String, String)> = p.indicators[0]
            .observations
            .iter()
            .map(|o| (o.period.to_string(), o.as_number().unwrap().to_string()))
            .collect();
        assert_eq!(
            obs,
            [
                ("FY2022", "30"),
                ("FY2023", "29"),
                ("FY2024", "20"),
                ("FY2025", "10")
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned()))
        );
        let h = store.history(&code, "i1").await.unwrap();
        let upd = h
            .iter()
            .find(|e| e.entity == "observation" && e.action == "update")
            .unwrap();
        assert_eq!(upd.period.as_deref(), Some("FY2023"));
        assert_eq!(upd.old_value.as_deref(), Some("28"));
        assert_eq!(upd.new_value.as_deref(), Some("29"));
        assert_eq!(upd.source.as_deref(), Some("actuals.csv:2"));
        assert_eq!(
            store
                .observation_version(&code, "i1", Period::parse("FY2023").unwrap(), "")
                .await
                .unwrap(),
            2
        );
    });
}

#[test]
fn a_file_that_names_one_period_twice_is_refused_naming_both_lines() {
    on_every_database(|store, db| async move {
        let plan = example_plan("design-example.toml");
        let code = plan.code.as_str().to_owned();
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(&plan, &actor()).await.unwrap();
        let mut imp = tx.import_actuals("a.csv", &actor()).await.unwrap();
        imp.add(row(2, &code, "i1", "FY2025", "1")).await.unwrap();
        imp.add(row(3, &code, "i1", "FY2026", "1")).await.unwrap();
        imp.add(row(9, &code, "i1", "FY2025", "2")).await.unwrap();
        let Err(StoreError::Rows(rows)) = imp.finish().await else {
            panic!("{db}: expected a refusal")
        };
        assert_eq!(rows[0].line, 9);
        assert!(
            rows[0].problem.to_string().contains("line 2"),
            "{}",
            rows[0]
        );
    });
}

#[test]
fn a_stale_edit_is_a_conflict_and_changes_nothing() {
    on_every_database(|store, db| async move {
        let plan = example_plan("design-example.toml");
        let code = plan.code.as_str().to_owned();
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(&plan, &actor()).await.unwrap();
        tx.commit().await.unwrap();
        let fy = Period::parse("FY2024").unwrap();
        let base = store
            .observation_version(&code, "i1", fy, "")
            .await
            .unwrap();
        assert_eq!(base, 1);
        let edit = |value: &str, expected| ObservationWrite {
            plan: code.clone(),
            indicator: "i1".into(),
            period: fy,
            breakdown: String::new(),
            value: Some(ObservedValue::Number(dec(value))),
            unit: Unit::default(),
            status: ObservationStatus::Provisional,
            as_of: None,
            source: None,
            note: Some("速報".into()),
            expected_version: expected,
        };
        // Two editors load version 1; the first saves, the second is refused.
        let first = store.record(&edit("21", Some(1)), &actor()).await.unwrap();
        assert_eq!(first.version, 2);
        assert_eq!(first.old_value.as_deref(), Some("20"));
        let err = store
            .record(&edit("22", Some(1)), &actor())
            .await
            .unwrap_err();
        match err {
            StoreError::Conflict {
                expected, found, ..
            } => assert_eq!((expected, found), (Some(1), Some(2)), "{db}"),
            e => panic!("{db}: expected a conflict, got {e}"),
        }
        let p = store.load_plan(&code, None).await.unwrap();
        let o = p.indicators[0]
            .observations
            .iter()
            .find(|o| o.period == fy)
            .unwrap();
        assert_eq!(o.as_number(), Some(dec("21")));
        assert_eq!(o.status, ObservationStatus::Provisional);
        // Deleting needs the current version too.
        let mut del = edit("0", Some(2));
        del.value = None;
        let gone = store.record(&del, &actor()).await.unwrap();
        assert_eq!(gone.version, 0);
        let h = store.history(&code, "i1").await.unwrap();
        let actions: Vec<_> = h
            .iter()
            .filter(|e| e.period.as_deref() == Some("FY2024"))
            .map(|e| e.action.as_str())
            .collect();
        assert_eq!(actions, ["insert", "update", "delete"], "{db}");
        assert_eq!(
            h.last().unwrap().old_value.as_deref(),
            Some("21 (provisional)")
        );
        // Only real states go to a milestone; only numbers elsewhere.
        let mut bad = edit("0", None);
        bad.value = Some(ObservedValue::State("実施中".into()));
        assert!(matches!(
            store.record(&bad, &actor()).await,
            Err(StoreError::Invalid(_))
        ));
    });
}

#[test]
fn a_failed_transaction_leaves_no_plan() {
    on_every_database(|store, db| async move {
        let plan = example_plan("design-example.toml");
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(&plan, &actor()).await.unwrap();
        drop(tx);
        assert!(store.plans().await.unwrap().is_empty(), "{db}");
        assert!(matches!(
            store.load_plan(plan.code.as_str(), None).await,
            Err(StoreError::NotFound(_))
        ));
    });
}

#[test]
fn sqlite_runs_in_wal_mode_with_foreign_keys_on() {
    let db = sqlite_db();
    runtime().block_on(async {
        let store = shinchoku_store::Store::open(&db.url).await.unwrap();
        store.close().await;
        // WAL is a property of the file: a plain connection sees it.
        use sqlx::{Connection, Row};
        let path = db.url.trim_start_matches("sqlite:");
        let mut c = sqlx::SqliteConnection::connect(&format!("sqlite:{path}"))
            .await
            .unwrap();
        let mode: String = sqlx::query("PRAGMA journal_mode")
            .fetch_one(&mut c)
            .await
            .unwrap()
            .get(0);
        assert_eq!(mode, "wal");
        // The schema holds the key the store relies on: an observation of no plan is refused
        // (sqlx turns foreign keys on for its SQLite connections, as the store does).
        let err = sqlx::query(
            "INSERT INTO observations (plan_id, indicator_key, period, breakdown, value_num,
                 status, version, updated_at, updated_by)
             VALUES (999, 'i1', 'FY2024', '', '1', 'final', 1, 'now', 'test')",
        )
        .execute(&mut c)
        .await
        .unwrap_err();
        assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
    });
}

/// The web server will await these inside handlers and spawned tasks: their futures must be
/// `Send`. (This is checked when the test compiles; nothing runs.)
#[test]
fn the_store_futures_are_send() {
    fn send<T: Send>(_: &T) {}
    let open = shinchoku_store::Store::open("sqlite::memory:");
    send(&open);
    drop(open);
    #[allow(dead_code)]
    async fn uses(store: shinchoku_store::Store) {
        let p = std::path::Path::new("x");
        fn send<T: Send>(t: T) -> T {
            t
        }
        let _ = send(store.load_plan("x", None)).await;
        let _ = send(store.plans()).await;
        let _ = send(store.history("x", "i1")).await;
        let _ = send(store.lineage("x")).await;
        let _ = send(store.load_plan_following("x", None)).await;
        let _ = send(store.load_plan_as_evaluated("x", None)).await;
        let _ = send(store.backup(p, false)).await;
        let _ = send(store.restore_from(p)).await;
        if let Ok(mut tx) = send(store.begin()).await {
            let plan = shinchoku_core::plan::Plan::new(
                shinchoku_core::plan::PlanCode::new("x").unwrap(),
                "x",
            );
            let _ = send(tx.save_plan(&plan, &actor())).await;
            let _ = send(store.follow(plan)).await;
        }
    }
}

/// Several processes write at once (a CLI import while the server records a value): each
/// waits its turn, none fails, and nothing is lost. Threads with stores of their own stand in
/// for the processes.
#[test]
fn concurrent_writers_wait_their_turn() {
    for db in databases() {
        let url = db.url.clone();
        runtime().block_on(async {
            let store = shinchoku_store::Store::open(&url).await.unwrap();
            let mut tx = store.begin().await.unwrap();
            tx.save_plan(&example_plan("design-example.toml"), &actor())
                .await
                .unwrap();
            tx.commit().await.unwrap();
            store.close().await;
        });
        let threads: Vec<_> = (0..4)
            .map(|t| {
                let url = url.clone();
                std::thread::spawn(move || {
                    runtime().block_on(async move {
                        let store = shinchoku_store::Store::open(&url).await.unwrap();
                        for k in 0..5 {
                            let year = 2030 + t * 5 + k;
                            let mut tx = store.begin().await.unwrap();
                            let mut imp = tx.import_actuals("t.csv", &actor()).await.unwrap();
                            imp.add(row(
                                2,
                                "yamaguchi-industry-2022",
                                "i1",
                                &format!("FY{year}"),
                                "1",
                            ))
                            .await
                            .unwrap();
                            imp.finish().await.unwrap();
                            tx.commit().await.unwrap();
                        }
                        store.close().await;
                    })
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        runtime().block_on(async {
            let store = shinchoku_store::Store::open(&url).await.unwrap();
            let p = store
                .load_plan("yamaguchi-industry-2022", None)
                .await
                .unwrap();
            let new = p.indicators[0]
                .observations
                .iter()
                .filter(|o| o.period >= Period::parse("FY2030").unwrap())
                .count();
            assert_eq!(new, 20, "{}", db.label);
            store.close().await;
        });
    }
}

/// A document re-read after a revision numbers its indicators anew: one inserted at the top
/// shifts every id. Each series keeps its id, and so its actuals.
#[test]
fn a_reread_document_keeps_each_indicators_actuals() {
    on_every_database(|store, db| async move {
        let v1 = example_plan("yamaguchi-industry-2022.toml");
        let code = v1.code.as_str().to_owned();
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(&v1, &actor()).await.unwrap();
        tx.commit().await.unwrap();
        let before = store.load_plan(&code, None).await.unwrap();

        // The revision: a new indicator first, then the old ones, all renumbered i1, i2, …
        // and without the actuals (a document prints none, or only some).
        let mut v2 = v1.clone();
        let mut new = v2.indicators[0].clone();
        new.indicator.name = "新しい指標".into();
        new.observations.clear();
        v2.indicators.insert(0, new);
        for (n, pi) in v2.indicators.iter_mut().enumerate() {
            pi.indicator.id = format!("i{}", n + 1);
            pi.observations.clear();
        }
        let mut tx = store.begin().await.unwrap();
        let out = tx.save_plan(&v2, &actor()).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(out.version, 2);
        assert_eq!(
            out.renamed.len(),
            v2.indicators.len(),
            "{db}: {:?}",
            out.renamed
        );
        let after = store.load_plan(&code, None).await.unwrap();
        for old in &before.indicators {
            let now = after
                .indicators
                .iter()
                .find(|p| p.indicator.name == old.indicator.name)
                .unwrap();
            assert_eq!(now.indicator.id, old.indicator.id, "{db}");
            assert_eq!(
                now.observations, old.observations,
                "{db} {}",
                old.indicator.name
            );
        }
        let added = after
            .indicators
            .iter()
            .find(|p| p.indicator.name == "新しい指標")
            .unwrap();
        assert!(added.observations.is_empty());
        assert!(
            before.indicator(&added.indicator.id).is_none(),
            "{db}: a fresh id"
        );
        assert!(after.check().is_empty());
    });
}
