//! Actuals that follow the series, as a user meets them: `demo` grades the FY2021–23 plan at
//! FY2021 with the values the FY2022–26 plan prints, `evaluate --plan CODE --lineage` and a
//! plan file's `actuals_from_lineage = true` do the same for any stored plan, and the table,
//! JSON and CSV name the plan and file of every borrowed value — on SQLite and, when
//! `SHINCHOKU_TEST_POSTGRES` names a server, on PostgreSQL.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a failure is a broken test machine

use std::path::Path;
use std::process::Output;

use serde_json::Value;
use shinchoku_testkit::bin::{self, ok, stderr as err, stdout as out};
use shinchoku_testkit::db::on_every_database_url;
use shinchoku_testkit::fixtures::document;

/// The binary under test.
const SHINCHOKU: &str = env!("CARGO_BIN_EXE_shinchoku");

/// The FY2021–23 plan (sample document 001) and the FY2022–26 plan (document 004), under the
/// codes `import` gives them.
const PLAN_2021: &str = "yamaguchi-industry-strategy-projects-2021";
const PLAN_2022: &str = "yamaguchi-commerce-industry-2022";
const DOC_2022: &str = "004_af65ec13672d85be.txt";

fn run(args: &[&str], cwd: &Path, db: &str) -> Output {
    bin::run_env(SHINCHOKU, args, cwd, &[("SHINCHOKU_DB", db)])
}

fn json(o: &Output) -> Value {
    serde_json::from_str(&out(o)).unwrap_or_else(|e| panic!("{e}: {}", out(o)))
}

/// The grades of an evaluation JSON, indicator by indicator.
fn grades(v: &Value) -> Vec<String> {
    v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["grade"].as_str().unwrap().to_owned())
        .collect()
}

fn import_001_and_004(dir: &Path, db: &str) {
    let docs = [document("001_6ee9265e4fb6d746.txt"), document(DOC_2022)];
    let docs: Vec<&str> = docs.iter().map(|d| d.to_str().unwrap()).collect();
    let mut args = vec!["import"];
    args.extend(docs);
    ok(run(&args, dir, db));
}

#[test]
fn demo_grades_the_fy2021_plan_at_fy2021_with_values_that_name_their_origin() {
    on_every_database_url("lineage-demo", |dir, db| {
        let demo = ok(run(&["demo", "--print", "--db", db], dir, db));
        let text = out(&demo);
        let shown = format!("$ shinchoku evaluate --plan {PLAN_2021} --fy 2021\n");
        let at = text.find(&shown).unwrap_or_else(|| panic!("{text}"));
        let table = &text[at..];
        let table = &table[..table.find("評価の内訳").unwrap()];
        assert!(table.contains("B 順調"), "{table}");
        assert!(table.contains(&format!("{PLAN_2022}「")), "{table}");
        assert!(table.contains(&format!("（{DOC_2022}）")), "{table}");

        // The demo's database keeps the setting: a plain `evaluate --plan` borrows.
        let v = json(&ok(run(
            &[
                "evaluate", "--plan", PLAN_2021, "--fy", "2021", "--format", "json",
            ],
            dir,
            db,
        )));
        let graded: Vec<&Value> = v["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["grade"] != "—")
            .collect();
        assert!(!graded.is_empty(), "all —: {v:#}");
        for i in graded {
            // Every graded indicator got there with borrowed values, each naming its origin.
            let borrowed = i["borrowed"].as_array().unwrap_or_else(|| panic!("{i:#}"));
            let last = borrowed.last().unwrap();
            assert_eq!(last["period"], "FY2021", "{i:#}");
            assert_eq!(last["from"]["plan"], PLAN_2022, "{i:#}");
            assert_eq!(last["from"]["source"], DOC_2022, "{i:#}");
            assert_eq!(
                last["from"]["title"], "山口県 商工業振興 産業編（令和4年度～令和8年度）",
                "{i:#}"
            );
        }
        let iot = v["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["name"] == "中小企業のIoT導入率")
            .unwrap();
        assert_eq!(
            (&iot["value"], &iot["grade"]),
            (&Value::from(19.3), &Value::from("B"))
        );
    });
}

#[test]
fn evaluate_borrows_only_with_lineage_and_names_each_origin_in_every_format() {
    on_every_database_url("lineage-flag", |dir, db| {
        import_001_and_004(dir, db);
        let args = ["evaluate", "--plan", PLAN_2021, "--fy", "2021"];
        let with = |extra: &[&str]| {
            let mut a = args.to_vec();
            a.extend_from_slice(extra);
            ok(run(&a, dir, db))
        };

        // Imported as they are, the plans keep to themselves.
        let own = json(&with(&["--format", "json"]));
        assert!(grades(&own).iter().all(|g| g == "—"), "{own:#}");
        assert!(!out(&with(&["--format", "json"])).contains("borrowed"));
        let csv = out(&with(&["--format", "csv"]));
        assert!(csv.lines().next().unwrap().ends_with(",reasons"), "{csv}");

        let v = json(&with(&["--lineage", "--format", "json"]));
        assert_eq!(grades(&v).iter().filter(|g| *g == "B").count(), 2, "{v:#}");
        let csv = out(&with(&["--lineage", "--format", "csv"]));
        let mut lines = csv.lines();
        assert!(lines.next().unwrap().ends_with(",reasons,from"), "{csv}");
        let iot = lines.find(|l| l.contains("中小企業のIoT導入率")).unwrap();
        assert!(
            iot.ends_with(&format!("FY2021:{PLAN_2022}:{DOC_2022}")),
            "{iot}"
        );
        let table = out(&with(&["--lineage"]));
        assert!(table.contains("19.3※"), "{table}");
        assert!(
            table.contains(&format!(
                "令和3年度（2021年度） 19.3% — {PLAN_2022}「山口県 商工業振興 産業編（令和4年度～令和8年度）」の実績（{DOC_2022}）"
            )),
            "{table}"
        );
        let en = out(&with(&["--lineage", "--lang", "en"]));
        assert!(
            en.contains(&format!("FY2021 19.3% from {PLAN_2022} \"")),
            "{en}"
        );

        // Without --plan there is nothing stored to borrow from: a usage error.
        let file = document(DOC_2022);
        let o = run(&["evaluate", file.to_str().unwrap(), "--lineage"], dir, db);
        assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    });
}

#[test]
fn a_plan_file_with_actuals_from_lineage_borrows_without_the_flag() {
    on_every_database_url("lineage-setting", |dir, db| {
        let plan = dir.join("iot.toml");
        std::fs::write(
            &plan,
            r#"[plan]
code = "iot-2021"
title = "IoT 導入の計画"
period = "FY2021-FY2023"
actuals_from_lineage = true

[[indicators]]
id = "iot"
name = "中小企業の IoT 導入率"
unit = "%"
kind = "level"
baseline = { value = 13.9, period = "FY2019" }
target = { value = 24, period = "FY2023" }
"#,
        )
        .unwrap();
        let doc = document(DOC_2022);
        ok(run(
            &["import", plan.to_str().unwrap(), doc.to_str().unwrap()],
            dir,
            db,
        ));
        // Without --fy: the latest year with a value, borrowed ones included.
        let v = json(&ok(run(
            &["evaluate", "--plan", "iot-2021", "--format", "json"],
            dir,
            db,
        )));
        assert_eq!(v["fy"], 2021, "{v:#}");
        let iot = &v["indicators"][0];
        assert_eq!(iot["grade"], "B", "{v:#}");
        assert_eq!(iot["borrowed"][1]["from"]["plan"], PLAN_2022, "{v:#}");
        assert_eq!(iot["borrowed"][1]["from"]["role"], "observation", "{v:#}");
        // The same file evaluated from itself has nothing to borrow from.
        let from_file = ok(run(
            &[
                "evaluate",
                plan.to_str().unwrap(),
                "--fy",
                "2021",
                "--format",
                "json",
            ],
            dir,
            db,
        ));
        assert_eq!(json(&from_file)["indicators"][0]["grade"], "—");
    });
}
