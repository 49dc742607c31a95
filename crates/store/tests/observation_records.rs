//! One indicator's stored observations with their source, note, version and the file each
//! last write came from, on SQLite and PostgreSQL alike (`Store::observation_records`, which
//! the indicator page reads).

#![allow(clippy::unwrap_used)] // test helpers

use shinchoku_core::indicator::{ObservationStatus, ObservedValue};
use shinchoku_core::period::Period;
use shinchoku_core::quantity::Unit;
use shinchoku_core::Decimal;
use shinchoku_store::{ActualInput, ObservationWrite, StoreError};
use shinchoku_testkit::db::{actor, on_every_database};
use shinchoku_testkit::fixtures::example_plan;

fn p(s: &str) -> Period {
    Period::parse(s).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn records_carry_the_source_the_version_and_the_file_of_the_last_write() {
    on_every_database(|store, db| async move {
        // DESIGN.md's example plan: i1 observed in FY2022, FY2023 and FY2024.
        let plan = example_plan("design-example.toml");
        let code = plan.code.as_str().to_owned();
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(&plan, &actor().with_source("design-example.toml"))
            .await
            .unwrap();
        tx.commit().await.unwrap();

        // FY2024 revised from an actuals file with its 資料; FY2025 typed in, provisional,
        // with its parts by area beside it, which sum to it (and are no total).
        let mut tx = store.begin().await.unwrap();
        let mut imp = tx.import_actuals("実績.csv", &actor()).await.unwrap();
        let row = ActualInput {
            line: 2,
            plan: code.clone(),
            indicator: "i1".into(),
            period: p("FY2024"),
            value: Some(ObservedValue::Number(dec("21"))),
            unit: Unit::default(),
            status: None,
            as_of: None,
            source: Some("企業立地動向調査".into()),
            note: Some("速報から確定".into()),
            breakdown: Vec::new(),
        };
        imp.add(row.clone()).await.unwrap();
        imp.add(ActualInput {
            line: 3,
            breakdown: vec![("地域".into(), "岩国".into())],
            value: Some(ObservedValue::Number(dec("4"))),
            ..row.clone()
        })
        .await
        .unwrap();
        imp.add(ActualInput {
            line: 4,
            breakdown: vec![("地域".into(), "その他".into())],
            value: Some(ObservedValue::Number(dec("17"))),
            ..row
        })
        .await
        .unwrap();
        imp.finish().await.unwrap();
        tx.commit().await.unwrap();
        let typed = ObservationWrite {
            plan: code.clone(),
            indicator: "i1".into(),
            period: p("FY2025"),
            breakdown: String::new(),
            value: Some(ObservedValue::Number(dec("12"))),
            unit: Unit::default(),
            status: ObservationStatus::Provisional,
            as_of: Some(p("2025-09")),
            source: None,
            note: None,
            expected_version: Some(0),
        };
        store.record(&typed, &actor()).await.unwrap();

        let records = store.observation_records(&code, "i1").await.unwrap();
        let got: Vec<_> = records
            .iter()
            .map(|r| {
                (
                    r.observation.period.to_string(),
                    r.observation.as_number(),
                    r.observation.status,
                    r.source.as_deref(),
                    r.note.as_deref(),
                    r.version,
                    r.written_from.as_deref(),
                )
            })
            .collect();
        let final_ = ObservationStatus::Final;
        let plan_file = Some("design-example.toml");
        assert_eq!(
            got,
            [
                (
                    "FY2022".into(),
                    Some(dec("30")),
                    final_,
                    None,
                    None,
                    1,
                    plan_file
                ),
                (
                    "FY2023".into(),
                    Some(dec("28")),
                    final_,
                    None,
                    None,
                    1,
                    plan_file
                ),
                (
                    "FY2024".into(),
                    Some(dec("21")),
                    final_,
                    Some("企業立地動向調査"),
                    Some("速報から確定"),
                    2,
                    Some("実績.csv:2"),
                ),
                (
                    "FY2025".into(),
                    Some(dec("12")),
                    ObservationStatus::Provisional,
                    None,
                    None,
                    1,
                    None,
                ),
            ],
            "{db}"
        );
        assert_eq!(records[3].observation.as_of, Some(p("2025-09")), "{db}");
        assert!(
            records.iter().all(|r| r.updated_by == "test"),
            "{db}: {records:?}"
        );

        // An indicator with none, and a plan that is not stored.
        assert!(store
            .observation_records(&code, "no-such")
            .await
            .unwrap()
            .is_empty());
        assert!(matches!(
            store.observation_records("no-such-plan", "i1").await,
            Err(StoreError::NotFound(_))
        ));
    });
}
