//! The data stamp moves with every write a page shows, and the latest changes list them newest
//! first, on SQLite and on PostgreSQL alike.

#![allow(clippy::unwrap_used)] // test helpers

use shinchoku_core::indicator::{ObservationStatus, ObservedValue};
use shinchoku_core::period::Period;
use shinchoku_core::quantity::Unit;
use shinchoku_store::ObservationWrite;
use shinchoku_testkit::db::{actor, on_every_database};
use shinchoku_testkit::fixtures::example_plan;

#[test]
fn the_stamp_moves_with_a_new_plan_a_new_version_and_an_observation() {
    on_every_database(|store, db| async move {
        let empty = store.data_stamp().await.unwrap();
        assert_eq!(
            empty,
            store.data_stamp().await.unwrap(),
            "{db}: no write, same stamp"
        );

        let mut plan = example_plan("design-example.toml");
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(&plan, &actor()).await.unwrap();
        tx.commit().await.unwrap();
        let saved = store.data_stamp().await.unwrap();
        assert_ne!(empty, saved, "{db}: a new plan");

        plan.title.push_str("（改定版）");
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(&plan, &actor()).await.unwrap();
        tx.commit().await.unwrap();
        let revised = store.data_stamp().await.unwrap();
        assert_ne!(saved, revised, "{db}: a new version");

        let id = plan.indicators[0].indicator.id.clone();
        store
            .record(
                &ObservationWrite {
                    plan: plan.code.as_str().to_owned(),
                    indicator: id.clone(),
                    period: Period::FiscalYear(2030),
                    breakdown: String::new(),
                    value: Some(ObservedValue::Number(7.into())),
                    unit: Unit::default(),
                    status: ObservationStatus::Final,
                    as_of: None,
                    source: None,
                    note: None,
                    expected_version: None,
                },
                &actor(),
            )
            .await
            .unwrap();
        assert_ne!(
            revised,
            store.data_stamp().await.unwrap(),
            "{db}: an observation"
        );

        let latest = store.recent_changes(3).await.unwrap();
        assert_eq!(latest.len(), 3, "{db}");
        assert_eq!(latest[0].plan, plan.code.as_str());
        assert_eq!(latest[0].entry.entity, "observation", "{db}: newest first");
        assert_eq!(latest[0].entry.indicator.as_deref(), Some(id.as_str()));
        assert_eq!(latest[0].entry.period.as_deref(), Some("FY2030"));
        assert!(latest[0].entry.id > latest[1].entry.id, "{db}");
    });
}

#[test]
fn an_account_is_created_once_and_listed_without_its_hash() {
    on_every_database(|store, db| async move {
        let admin = shinchoku_store::NewUser {
            name: "admin",
            role: "admin",
            group: None,
            email: Some("admin@example.invalid"),
            password_hash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
        };
        store.add_user(&admin).await.unwrap();
        let again = store.add_user(&admin).await;
        assert!(
            matches!(again, Err(shinchoku_store::StoreError::Conflict { .. })),
            "{db}: {again:?}"
        );
        let users = store.users().await.unwrap();
        assert_eq!(users.len(), 1, "{db}");
        assert_eq!(users[0].name, "admin");
        assert_eq!(users[0].role, "admin");
        assert_eq!(users[0].email.as_deref(), Some("admin@example.invalid"));
    });
}
