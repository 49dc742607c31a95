//! Ratio indicators and node weights from the command line (DESIGN.md → Ratios and
//! breakdowns; issue 18's per-node weights): a plan file's `ratio = { numerator, denominator,
//! factor }` is computed each year from its two operands — from the file, and from the
//! database on SQLite and PostgreSQL alike — and a ratio or a weight the plan cannot hold is
//! refused naming its key.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers

use std::path::{Path, PathBuf};

use shinchoku_testkit::bin::{self, ok, stderr as err, stdout as out};
use shinchoku_testkit::db::on_every_database_url;

const SHINCHOKU: &str = env!("CARGO_BIN_EXE_shinchoku");

fn plan_file() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ratio-plan.toml")
}

fn indicator<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()
}

/// 1180 件 / 236,500 人 × 100,000 = 498.94291754756871…, kept to ten decimals.
const RATIO_2024: &str = "498.9429175476";

#[test]
fn a_ratio_is_computed_from_its_operands_in_a_file() {
    let dir = plan_file();
    let o = ok(bin::run(
        SHINCHOKU,
        &[
            "evaluate",
            dir.to_str().unwrap(),
            "--fy",
            "2024",
            "--format",
            "json",
        ],
        dir.parent().unwrap(),
    ));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    assert_eq!(indicator(&v, "i3")["value"].to_string(), RATIO_2024);
    // Evaluated like any level: 498.94… against 500 → 400 (decrease).
    assert_eq!(indicator(&v, "i3")["grade"], "D");
}

#[test]
fn a_stored_plan_keeps_its_ratio_which_follows_its_operands() {
    on_every_database_url("ratios", |dir, db| {
        let plan = plan_file();
        let run = |args: &[&str]| bin::run_env(SHINCHOKU, args, dir, &[("SHINCHOKU_DB", db)]);
        ok(run(&["import", plan.to_str().unwrap()]));
        let o = ok(run(&[
            "evaluate",
            "--plan",
            "anzen-2022",
            "--fy",
            "2024",
            "--format",
            "json",
        ]));
        let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
        assert_eq!(indicator(&v, "i3")["value"].to_string(), RATIO_2024, "{db}");
        // A new population changes the ratio: it follows its operands.
        ok(run(&[
            "record",
            "--plan",
            "anzen-2022",
            "--indicator",
            "i2",
            "--period",
            "FY2024",
            "--value",
            "200000",
        ]));
        let o = ok(run(&[
            "evaluate",
            "--plan",
            "anzen-2022",
            "--fy",
            "2024",
            "--format",
            "json",
        ]));
        let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
        assert_eq!(indicator(&v, "i3")["value"].to_string(), "590", "{db}");
        // m1 (the ratio's node) weighs 3: the plan's score counts its grade three times.
        let d1 = v["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| n["id"] == "d1")
            .unwrap();
        assert_eq!(d1["grades"]["D"], 2, "{d1}");
    });
}

#[test]
fn a_ratio_or_weight_the_plan_cannot_hold_is_refused_naming_its_key() {
    let text = std::fs::read_to_string(plan_file()).unwrap();
    let bad = text
        .replace("numerator = \"i1\"", "numerator = \"nope\"")
        .replace("weight = 3", "weight = -3");
    let dir = shinchoku_testkit::scratch::scratch("ratios-bad");
    let file = dir.join("bad.toml");
    std::fs::write(&file, bad).unwrap();
    let o = bin::run(
        SHINCHOKU,
        &["evaluate", file.to_str().unwrap(), "--fy", "2024"],
        &dir,
    );
    assert_eq!(o.status.code(), Some(1));
    let e = err(&o);
    assert!(
        e.contains("indicators[i3].ratio") && e.contains("nope"),
        "{e}"
    );
    assert!(e.contains("nodes[m1].weight") && e.contains("-3"), "{e}");
    let circle = text.replace(
        "[[indicators]]\nid = \"i2\"",
        "[[indicators]]\nid = \"i2\"\nratio = { numerator = \"i3\", denominator = \"i1\" }",
    );
    std::fs::write(&file, circle).unwrap();
    let o = bin::run(
        SHINCHOKU,
        &[
            "evaluate",
            file.to_str().unwrap(),
            "--fy",
            "2024",
            "--lang",
            "en",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(1), "{}", err(&o));
    assert!(
        err(&o).contains("i2 → i3 → i2") || err(&o).contains("i3 → i2 → i3"),
        "{}",
        err(&o)
    );
}

/// `import FILE.csv` into `db`, from `dir`.
fn import_csv(dir: &Path, db: &str, name: &str, text: &str) -> std::process::Output {
    let file = dir.join(name);
    std::fs::write(&file, text).unwrap();
    bin::run_env(
        SHINCHOKU,
        &["import", file.to_str().unwrap()],
        dir,
        &[("SHINCHOKU_DB", db)],
    )
}

fn value_in(dir: &Path, db: &str, fy: &str, id: &str) -> String {
    let o = ok(bin::run_env(
        SHINCHOKU,
        &[
            "evaluate",
            "--plan",
            "anzen-2022",
            "--fy",
            fy,
            "--format",
            "json",
        ],
        dir,
        &[("SHINCHOKU_DB", db)],
    ));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    indicator(&v, id)["value"].to_string()
}

#[test]
fn breakdowns_sum_to_a_count_s_total_and_never_to_a_rate_s() {
    on_every_database_url("breakdowns", |dir, db| {
        ok(bin::run_env(
            SHINCHOKU,
            &["import", plan_file().to_str().unwrap()],
            dir,
            &[("SHINCHOKU_DB", db)],
        ));
        // A count's missing total is the sum of its parts; parts of two dimensions agree.
        ok(import_csv(
            dir,
            db,
            "parts.csv",
            "plan,indicator,period,value,breakdown\n\
             anzen-2022,i1,FY2025,600,性別=男性\n\
             anzen-2022,i1,FY2025,400,性別=女性\n\
             anzen-2022,i1,FY2025,700,地域=東部\n\
             anzen-2022,i1,FY2025,300,地域=西部\n\
             anzen-2022,i2,FY2025,235000,\n\
             anzen-2022,i2,FY2025,115000,性別=男性\n\
             anzen-2022,i2,FY2025,120000,性別=女性\n",
        ));
        assert_eq!(value_in(dir, db, "2025", "i1"), "1000", "{db}");
        assert_eq!(value_in(dir, db, "2025", "i2"), "235000", "{db}");

        // A given total that differs from its parts: the file is refused at the total's line,
        // and nothing of it is stored.
        let o = import_csv(
            dir,
            db,
            "differs.csv",
            "plan,indicator,period,value,breakdown\n\
             anzen-2022,i1,FY2026,50,\n\
             anzen-2022,i2,FY2026,230000,\n\
             anzen-2022,i2,FY2026,110000,性別=男性\n\
             anzen-2022,i2,FY2026,110000,性別=女性\n",
        );
        assert_eq!(o.status.code(), Some(1), "{db}: {}", out(&o));
        assert!(err(&o).contains("differs.csv:3"), "{}", err(&o));
        assert!(
            err(&o).contains("230000") && err(&o).contains("220000"),
            "{}",
            err(&o)
        );
        // (A level's value in FY2026 is its latest: FY2025's 1000, not the refused file's 50.)
        assert_eq!(value_in(dir, db, "2026", "i1"), "1000", "all or nothing");

        // Two dimensions that sum differently without a total.
        let o = import_csv(
            dir,
            db,
            "disagree.csv",
            "plan,indicator,period,value,breakdown\n\
             anzen-2022,i1,FY2026,600,性別=男性\n\
             anzen-2022,i1,FY2026,400,性別=女性\n\
             anzen-2022,i1,FY2026,900,地域=東部\n",
        );
        assert_eq!(o.status.code(), Some(1), "{db}");
        assert!(err(&o).contains("disagree.csv:4"), "{}", err(&o));

        // A rate (the ratio indicator, 件/10万人) is never summed: its total must be given.
        let o = import_csv(
            dir,
            db,
            "rate.csv",
            "plan,indicator,period,value,breakdown\n\
             anzen-2022,i3,FY2026,450,地域=東部\n\
             anzen-2022,i3,FY2026,550,地域=西部\n",
        );
        assert_eq!(o.status.code(), Some(1), "{db}");
        assert!(err(&o).contains("rate.csv:2"), "{}", err(&o));
    });
}

#[test]
fn evaluating_files_with_an_actuals_csv_makes_the_same_totals_as_import() {
    let dir = shinchoku_testkit::scratch::scratch("breakdown-files");
    let csv = dir.join("parts.csv");
    std::fs::write(
        &csv,
        "plan,indicator,period,value,breakdown\n\
         anzen-2022,i1,FY2025,600,性別=男性\n\
         anzen-2022,i1,FY2025,400,性別=女性\n",
    )
    .unwrap();
    let plan = plan_file();
    let eval = |csv: &Path| {
        bin::run(
            SHINCHOKU,
            &[
                "evaluate",
                plan.to_str().unwrap(),
                "--actuals",
                csv.to_str().unwrap(),
                "--fy",
                "2025",
                "--format",
                "json",
            ],
            &dir,
        )
    };
    let v: serde_json::Value = serde_json::from_str(&out(&ok(eval(&csv)))).unwrap();
    assert_eq!(indicator(&v, "i1")["value"].to_string(), "1000");
    let bad = dir.join("differs.csv");
    std::fs::write(
        &bad,
        "plan,indicator,period,value,breakdown\n\
         anzen-2022,i2,FY2025,230000,\n\
         anzen-2022,i2,FY2025,110000,性別=男性\n\
         anzen-2022,i2,FY2025,110000,性別=女性\n",
    )
    .unwrap();
    let o = eval(&bad);
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("differs.csv:2"), "{}", err(&o));
}
