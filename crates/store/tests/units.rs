//! Values written with a unit, as Excel writes a percentage cell (`22.5%`, `27件`): the
//! indicator's own unit is read as its number, a unit of its scale family is converted exactly
//! (`1億5,000万円` for an `億円` indicator), and any other unit is refused naming both units, in
//! Japanese and in English. On SQLite and on PostgreSQL, through both ways in: an actuals
//! import and `record`. Cells are read by the Actuals CSV's own cell reader.

#![allow(clippy::unwrap_used)] // test code: a panic is how a test reports a failure

use std::str::FromStr;

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, TestRunner};
use shinchoku_core::indicator::{ObservationStatus, ObservedValue};
use shinchoku_core::lang::{Lang, Localize};
use shinchoku_core::period::Period;
use shinchoku_core::plan::Plan;
use shinchoku_core::quantity::Unit;
use shinchoku_core::Decimal;
use shinchoku_import::actuals::{parse_value_cell, RawValue};
use shinchoku_store::{ActualInput, ObservationWrite, Store, StoreError};
use shinchoku_testkit::db::{actor, on_every_database};

/// One indicator per unit, and a milestone; id `u0`, `u1`, … in the order of [`UNITS`].
const UNITS: [&str; 9] = [
    "%",
    "件",
    "人",
    "億円",
    "万円",
    "km",
    "ポイント",
    "千円",
    "",
];

fn plan(code: &str) -> Plan {
    let mut text =
        format!("[plan]\ncode = \"{code}\"\ntitle = \"単位\"\nperiod = \"FY2020-FY2030\"\n");
    for (i, u) in UNITS.iter().enumerate() {
        text.push_str(&format!(
            "\n[[indicators]]\nid = \"u{i}\"\nname = \"指標{i}\"\nunit = \"{u}\"\nkind = \"level\"\n"
        ));
    }
    text.push_str("\n[[indicators]]\nid = \"m\"\nname = \"段階\"\nkind = \"milestone\"\n");
    shinchoku_import::read_plan(&text, "units.toml").unwrap()
}

/// A value cell as the store takes it, read by the Actuals CSV's cell reader.
fn cell(text: &str) -> (Option<ObservedValue>, Unit) {
    match parse_value_cell(text).unwrap_or_else(|e| panic!("{text:?}: {e}")) {
        RawValue::Number(d) => (Some(ObservedValue::Number(d)), Unit::default()),
        RawValue::WithUnit(d, u) => (Some(ObservedValue::Number(d)), u),
        RawValue::Text(s) => (Some(ObservedValue::State(s)), Unit::default()),
        RawValue::Empty => (None, Unit::default()),
    }
}

fn row(line: u64, plan: &str, ind: &str, fy: i32, text: &str) -> ActualInput {
    let (value, unit) = cell(text);
    ActualInput {
        line,
        plan: plan.into(),
        indicator: ind.into(),
        period: Period::fiscal_year(fy).unwrap(),
        value,
        unit,
        status: None,
        as_of: None,
        source: None,
        note: None,
        breakdown: Vec::new(),
    }
}

/// Imports `rows` in one file; the refusal's problems if refused.
async fn import(store: &Store, rows: Vec<ActualInput>) -> Result<(), StoreError> {
    let mut tx = store.begin().await?;
    let mut imp = tx.import_actuals("実績.csv", &actor()).await?;
    for r in rows {
        imp.add(r).await?;
    }
    imp.finish().await?;
    tx.commit().await
}

/// The stored value of `ind` in `fy`, as the store gives it back.
async fn stored(store: &Store, code: &str, ind: &str, fy: i32) -> Option<ObservedValue> {
    let p = store.load_plan(code, None).await.unwrap();
    let pi = p.indicator(ind).unwrap();
    pi.observations
        .iter()
        .find(|o| o.period == Period::fiscal_year(fy).unwrap())
        .map(|o| o.value.clone())
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// `12.5` → `１２．５`: how a Japanese spreadsheet may write it.
fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

#[test]
fn the_indicators_own_unit_is_read_as_its_number_and_another_is_refused_naming_both() {
    on_every_database(|store, db| async move {
        let code = "units-examples";
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(&plan(code), &actor()).await.unwrap();
        tx.commit().await.unwrap();

        let taken = [
            ("u0", "22.5%", "22.5"),
            ("u0", "２２．５％", "22.5"),
            ("u1", "27件", "27"),
            ("u3", "1億5,000万円", "1.5"),
            ("u4", "1.5億円", "15000"),
            ("u5", "3 ｋｍ", "3"),
            ("u2", "3千人", "3000"),
        ];
        let rows = taken
            .iter()
            .enumerate()
            .map(|(i, (ind, text, _))| row(i as u64 + 2, code, ind, 2021 + i as i32, text))
            .collect();
        import(&store, rows).await.unwrap();
        for (i, (ind, text, want)) in taken.iter().enumerate() {
            assert_eq!(
                stored(&store, code, ind, 2021 + i as i32).await,
                Some(ObservedValue::Number(dec(want))),
                "{db}: {text} for {ind}"
            );
        }
        // Milestone states and plain numbers as before.
        import(
            &store,
            vec![
                row(2, code, "m", 2020, "実施中"),
                row(3, code, "u8", 2020, "5"),
            ],
        )
        .await
        .unwrap();
        assert_eq!(
            stored(&store, code, "m", 2020).await,
            Some(ObservedValue::State("実施中".into()))
        );

        // Another unit: refused, naming both, at its line and column, in both languages.
        let refused = [
            (
                "u0",
                "22.5kg",
                "実績.csv:2: column \"value\": \"22.5kg\" is in \"kg\", but this indicator's unit is \"%\": write the number alone (22.5) or with its unit (22.5%)",
                "実績.csv:2: 列「value」: 「22.5kg」は数値として読めません。単位「kg」が付いていますが、この指標の単位は「%」です。数値だけ（22.5）か、この指標の単位を付けて（22.5%）書いてください",
            ),
            (
                "u6",
                "3%",
                "実績.csv:2: column \"value\": \"3%\" is in \"%\", but this indicator's unit is \"ポイント\"",
                "実績.csv:2: 列「value」: 「3%」は数値として読めません。単位「%」が付いていますが、この指標の単位は「ポイント」です",
            ),
            (
                "u8",
                "27件",
                "実績.csv:2: column \"value\": \"27件\" carries the unit \"件\", but this indicator has no unit: write the number alone (27)",
                "実績.csv:2: 列「value」: 「27件」には単位「件」が付いていますが、この指標には単位がありません。数値だけ（27）を書いてください",
            ),
            (
                "m",
                "3件",
                "実績.csv:2: column \"value\": 3 is a number, but this indicator is a milestone",
                "実績.csv:2: 列「value」: 3 は数値ですが、この指標はマイルストーンです",
            ),
        ];
        for (ind, text, en, ja) in refused {
            let Err(StoreError::Rows(problems)) =
                import(&store, vec![row(2, code, ind, 2030, text)]).await
            else {
                panic!("{db}: {text} for {ind} was not refused")
            };
            let (english, japanese) =
                (problems[0].message(Lang::En), problems[0].message(Lang::Ja));
            assert!(
                english.starts_with(en),
                "{db}: {english}\nshould start with\n{en}"
            );
            assert!(
                japanese.starts_with(ja),
                "{db}: {japanese}\nshould start with\n{ja}"
            );
            assert_eq!(stored(&store, code, ind, 2030).await, None, "{db}");
        }
    });
}

#[test]
fn record_reads_a_value_with_the_indicators_unit_and_refuses_another() {
    on_every_database(|store, db| async move {
        let code = "units-record";
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(&plan(code), &actor()).await.unwrap();
        tx.commit().await.unwrap();
        let write = |text: &str| {
            let (value, unit) = cell(text);
            ObservationWrite {
                plan: code.into(),
                indicator: "u0".into(),
                period: Period::fiscal_year(2024).unwrap(),
                breakdown: String::new(),
                value,
                unit,
                status: ObservationStatus::Final,
                as_of: None,
                source: None,
                note: None,
                expected_version: None,
            }
        };
        store.record(&write("22.5%"), &actor()).await.unwrap();
        assert_eq!(
            stored(&store, code, "u0", 2024).await,
            Some(ObservedValue::Number(dec("22.5")))
        );
        let same = store.record(&write("22.5"), &actor()).await.unwrap();
        assert!(same.unchanged, "{db}: 22.5 and 22.5% are the same value");
        let err = store.record(&write("22.5kg"), &actor()).await.unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{db}: {err}");
        assert!(
            err.message(Lang::Ja)
                .starts_with("「22.5kg」は数値として読めません。単位「kg」が付いていますが、この指標の単位は「%」です"),
            "{}",
            err.message(Lang::Ja)
        );
    });
}

/// Property: a number written bare, and the same number written with the indicator's own
/// unit in any form a spreadsheet gives it (`12.5%`, `12.5 %`, `１２．５％`), are stored as the
/// same value, on every database.
#[test]
fn a_plain_number_and_the_same_number_with_the_indicators_unit_are_stored_alike() {
    on_every_database(|store, db| async move {
        let code = "units-props";
        let mut tx = store.begin().await.unwrap();
        tx.save_plan(&plan(code), &actor()).await.unwrap();
        tx.commit().await.unwrap();
        let mut runner = TestRunner::new(Config {
            cases: 64,
            failure_persistence: None,
            ..Config::default()
        });
        let case = (
            -10_000_000i64..10_000_000,
            0u32..5,
            0usize..UNITS.len() - 1,
            0usize..3,
        );
        let mut cases = Vec::new();
        for _ in 0..64 {
            cases.push(case.new_tree(&mut runner).unwrap().current());
        }
        // Two years per case: the bare number, then the same with its unit.
        let mut rows = Vec::new();
        for (i, &(mantissa, scale, u, form)) in cases.iter().enumerate() {
            let d = Decimal::new(mantissa, scale);
            let unit = UNITS[u];
            let bare = d.to_string();
            let with = match form {
                0 => format!("{bare}{unit}"),
                1 => format!("{bare} {unit}"),
                _ => full_width(&format!("{bare}{unit}")),
            };
            let fy = 2000 + 2 * i as i32;
            let ind = format!("u{u}");
            rows.push(row(2 * i as u64 + 2, code, &ind, fy, &bare));
            rows.push(row(2 * i as u64 + 3, code, &ind, fy + 1, &with));
        }
        import(&store, rows).await.unwrap();
        let p = store.load_plan(code, None).await.unwrap();
        for (i, &(mantissa, scale, u, form)) in cases.iter().enumerate() {
            let fy = 2000 + 2 * i as i32;
            let pi = p.indicator(&format!("u{u}")).unwrap();
            let at = |y: i32| {
                pi.observations
                    .iter()
                    .find(|o| o.period == Period::fiscal_year(y).unwrap())
                    .map(|o| o.value.clone())
            };
            let d = Decimal::new(mantissa, scale);
            assert_eq!(
                at(fy),
                at(fy + 1),
                "{db}: {d} in {:?}, form {form}",
                UNITS[u]
            );
            assert_eq!(at(fy), Some(ObservedValue::Number(d)), "{db}: {d}");
            // The stored text too (no 1.50 against 1.5).
            if let (Some(ObservedValue::Number(a)), Some(ObservedValue::Number(b))) =
                (at(fy), at(fy + 1))
            {
                assert_eq!(a.to_string(), b.to_string(), "{db}");
            }
        }
    });
}
