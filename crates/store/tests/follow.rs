//! Actuals that follow the series, on SQLite and PostgreSQL alike: the FY2021–23 plan (the
//! seed document 001) takes the FY2021 values that the FY2022–26 plan (seed 004) prints, each
//! naming the plan and the file it came from; its own values win; the plan's setting decides
//! what `load_plan_as_evaluated` borrows.

#![allow(clippy::unwrap_used)] // test helpers

use shinchoku_core::evaluate::ForecastMethod;
use shinchoku_core::follow::{Followed, Role};
use shinchoku_core::indicator::{ObservationStatus, ObservedValue};
use shinchoku_core::period::Period;
use shinchoku_core::plan::Plan;
use shinchoku_core::quantity::Unit;
use shinchoku_core::Decimal;
use shinchoku_store::{ActualInput, ObservationWrite, Store};
use shinchoku_testkit::db::{actor, on_every_database};
use shinchoku_testkit::fixtures::document;

const PLAN_2021: &str = "yamaguchi-industry-strategy-projects-2021";
const PLAN_2022: &str = "yamaguchi-commerce-industry-2022";
const DOC_2021: &str = "001_6ee9265e4fb6d746.txt";
const DOC_2022: &str = "004_af65ec13672d85be.txt";

fn p(s: &str) -> Period {
    Period::parse(s).unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn read(file: &str) -> Plan {
    let bytes = std::fs::read(document(file)).unwrap();
    let ex = shinchoku_import::extract::extract(&bytes, file).unwrap();
    shinchoku_import::extract::to_plan::to_plan(&ex)
}

/// Stores the two plans as `import` does, each with its document as the source.
async fn store_both(store: &Store, follow_2021: bool) {
    let mut tx = store.begin().await.unwrap();
    for file in [DOC_2021, DOC_2022] {
        let mut plan = read(file);
        plan.actuals_from_lineage = follow_2021 && file == DOC_2021;
        tx.save_plan(&plan, &actor().with_source(file))
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();
}

/// What was borrowed, as (indicator name, period, value, lending plan, role, file).
fn borrowed(f: &Followed) -> Vec<(String, String, String, String, Role, Option<String>)> {
    f.borrowed
        .iter()
        .map(|b| {
            let name = f
                .plan
                .indicator(&b.indicator)
                .unwrap()
                .indicator
                .name
                .clone();
            let value = match &b.observation.value {
                ObservedValue::Number(d) => d.to_string(),
                ObservedValue::State(s) => s.clone(),
            };
            (
                name,
                b.observation.period.to_string(),
                value,
                b.origin.plan.clone(),
                b.origin.role,
                b.origin.source.clone(),
            )
        })
        .collect()
}

fn row(
    name: &str,
    period: &str,
    value: &str,
    role: Role,
) -> (String, String, String, String, Role, Option<String>) {
    (
        name.into(),
        period.into(),
        value.into(),
        PLAN_2022.into(),
        role,
        Some(DOC_2022.into()),
    )
}

#[test]
fn the_fy2021_plan_takes_the_fy2021_values_the_fy2022_plan_prints() {
    on_every_database(|store, db| async move {
        store_both(&store, false).await;
        let own = store.load_plan(PLAN_2021, None).await.unwrap();
        let f = store.load_plan_following(PLAN_2021, None).await.unwrap();
        // Of the series the two plans share, the two of the same kind lend: the IoT rate's
        // FY2021 value (printed as an observation in the FY2022–26 plan's data table, and as
        // its baseline: the observation is preferred) and the FY2021 count of firms attracted
        // (its baseline). 地域経済牽引事業計画承認件数 is a running total in one plan and a
        // yearly flow in the other: nothing is taken.
        assert_eq!(
            borrowed(&f),
            [
                row("企業誘致件数", "FY2021", "25", Role::Baseline),
                row("中小企業のIoT導入率", "FY2016", "3.9", Role::Observation),
                row("中小企業のIoT導入率", "FY2021", "19.3", Role::Observation),
            ],
            "{db}"
        );
        for b in &f.borrowed {
            assert_eq!(
                b.origin.title, "山口県 商工業振興 産業編（令和4年度～令和8年度）",
                "{db}"
            );
            assert_eq!(b.origin.period, Some(p("FY2022-FY2026")), "{db}");
        }
        // The plan is its own but for the borrowed values.
        let mut back = f.plan.clone();
        for pi in &mut back.indicators {
            let id = pi.indicator.id.clone();
            pi.observations
                .retain(|o| f.origin(&id, o.period).is_none());
        }
        assert_eq!(back, own, "{db}");
        // And it evaluates at FY2021 with grades where it had none.
        let before = own.evaluate(2021, ForecastMethod::Linear);
        let after = f.plan.evaluate(2021, ForecastMethod::Linear);
        assert!(before.iter().all(|e| e.grade.is_none()), "{db}");
        assert_eq!(
            after.iter().filter(|e| e.grade.is_some()).count(),
            2,
            "{db}"
        );
    });
}

#[test]
fn the_plans_setting_decides_what_it_is_evaluated_with() {
    on_every_database(|store, db| async move {
        store_both(&store, false).await;
        let off = store.load_plan_as_evaluated(PLAN_2021, None).await.unwrap();
        assert_eq!(
            off,
            Followed::own(store.load_plan(PLAN_2021, None).await.unwrap())
        );

        // Turning the setting on is a new version, which keeps it.
        let mut plan = store.load_plan(PLAN_2021, None).await.unwrap();
        plan.actuals_from_lineage = true;
        let mut tx = store.begin().await.unwrap();
        let out = tx.save_plan(&plan, &actor()).await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!((out.version, out.unchanged), (2, false), "{db}");
        let on = store.load_plan_as_evaluated(PLAN_2021, None).await.unwrap();
        assert!(on.plan.actuals_from_lineage, "{db}");
        assert_eq!(on.borrowed.len(), 3, "{db}");
        assert_eq!(
            on,
            store.load_plan_following(PLAN_2021, None).await.unwrap()
        );
        // The first version, without it, borrows nothing unless asked.
        let v1 = store
            .load_plan_as_evaluated(PLAN_2021, Some(1))
            .await
            .unwrap();
        assert!(v1.borrowed.is_empty(), "{db}");
        assert_eq!(
            store
                .load_plan_following(PLAN_2021, Some(1))
                .await
                .unwrap()
                .borrowed
                .len(),
            3,
            "{db}"
        );
    });
}

#[test]
fn its_own_values_win_and_each_borrowed_value_names_the_file_it_came_from() {
    on_every_database(|store, db| async move {
        store_both(&store, true).await;
        // Its own FY2021 count, recorded by hand: nothing is borrowed for that year.
        let count = store
            .load_plan(PLAN_2021, None)
            .await
            .unwrap()
            .indicators
            .iter()
            .find(|pi| pi.indicator.name == "企業誘致件数")
            .unwrap()
            .indicator
            .id
            .clone();
        let edit = ObservationWrite {
            plan: PLAN_2021.into(),
            indicator: count.clone(),
            period: p("FY2021"),
            breakdown: String::new(),
            value: Some(ObservedValue::Number(dec("24"))),
            unit: Unit::default(),
            status: ObservationStatus::Provisional,
            as_of: None,
            source: None,
            note: None,
            expected_version: None,
        };
        store.record(&edit, &actor()).await.unwrap();
        // The lender's FY2021 IoT rate revised by an actuals file, and a new FY2022 value
        // typed in by hand.
        let mut tx = store.begin().await.unwrap();
        let mut imp = tx.import_actuals("実績.csv", &actor()).await.unwrap();
        imp.add(ActualInput {
            line: 2,
            plan: PLAN_2022.into(),
            indicator: "中小企業のIoT導入率".into(),
            period: p("FY2021"),
            value: Some(ObservedValue::Number(dec("19.4"))),
            unit: Unit::default(),
            status: None,
            as_of: None,
            source: None,
            note: None,
            breakdown: Vec::new(),
        })
        .await
        .unwrap();
        imp.finish().await.unwrap();
        tx.commit().await.unwrap();
        let iot = store
            .load_plan(PLAN_2022, None)
            .await
            .unwrap()
            .indicators
            .iter()
            .find(|pi| pi.indicator.name == "中小企業のIoT導入率")
            .unwrap()
            .indicator
            .id
            .clone();
        let typed = ObservationWrite {
            plan: PLAN_2022.into(),
            indicator: iot,
            period: p("FY2022"),
            status: ObservationStatus::Final,
            value: Some(ObservedValue::Number(dec("21"))),
            ..edit
        };
        store.record(&typed, &actor()).await.unwrap();

        let f = store.load_plan_as_evaluated(PLAN_2021, None).await.unwrap();
        let mut got = borrowed(&f);
        got.sort();
        let iot_row = |period: &str, value: &str, source: Option<&str>| {
            (
                "中小企業のIoT導入率".to_owned(),
                period.to_owned(),
                value.to_owned(),
                PLAN_2022.to_owned(),
                Role::Observation,
                source.map(str::to_owned),
            )
        };
        assert_eq!(
            got,
            [
                iot_row("FY2016", "3.9", Some(DOC_2022)),
                iot_row("FY2021", "19.4", Some("実績.csv:2")),
                iot_row("FY2022", "21", None),
            ],
            "{db}"
        );
        let own = f.plan.indicator(&count).unwrap();
        assert_eq!(own.observations.len(), 1, "{db}");
        assert_eq!(own.observations[0].as_number(), Some(dec("24")), "{db}");
    });
}
