//! The `shinchoku` binary run as a user runs it: real files, real exit codes, real output.

#![allow(clippy::unwrap_used)] // test helpers: a failure here is a broken test machine

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use shinchoku_testkit::bin::{self, stderr, stdout};
use shinchoku_testkit::fixtures::{example, repo};
use shinchoku_testkit::scratch::scratch;

/// The binary under test.
const SHINCHOKU: &str = env!("CARGO_BIN_EXE_shinchoku");

fn shinchoku(args: &[&str], cwd: &Path) -> Output {
    bin::run(SHINCHOKU, args, cwd)
}

#[test]
fn design_example_json_comes_out_exactly() {
    let file = example("design-example.toml");
    let o = shinchoku(
        &[
            "evaluate",
            file.to_str().unwrap(),
            "--fy",
            "2024",
            "--format",
            "json",
        ],
        &repo(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["plan"], "yamaguchi-industry-2022");
    assert_eq!(v["fy"], 2024);
    let i1 = &v["indicators"][0];
    let expected = serde_json::json!({
        "id": "i1", "name": "企業誘致件数", "kind": "period_total", "unit": "件",
        "value": 78, "target": 125, "achievement": 0.624, "progress": 0.624, "expected": 0.6,
        "pace": 1.04, "grade": "B", "forecast": 130, "required_pace": 23.5, "reasons": []
    });
    for (k, want) in expected.as_object().unwrap() {
        assert_eq!(&i1[k], want, "{k}");
    }
    assert_eq!(v["grades"]["B"], 1);
}

/// Issue 14, item 3: JSON numbers are the decimals' own digits, never an `f64`'s — a ratio
/// of 1/14 with all 28 decimals, integers past `i64` (and past an `f64`'s 2^53) as written.
#[test]
fn evaluation_json_prints_a_repeating_decimal_and_a_large_integer_digit_for_digit() {
    let dir = scratch("precision");
    std::fs::write(
        dir.join("precision.toml"),
        r#"[plan]
code = "precision"
title = "桁の試験"
period = "FY2021-FY2024"

[[indicators]]
id = "i1"
name = "割合"
unit = "件"
kind = "level"
target = { value = 14, period = "FY2024" }
observations = { FY2024 = 1 }

[[indicators]]
id = "i2"
name = "県内総生産"
unit = "円"
kind = "level"
target = { value = "12345678901234567890123", period = "FY2024" }
observations = { FY2024 = "12345678901234567890122" }
"#,
    )
    .unwrap();
    let o = shinchoku(
        &[
            "evaluate",
            "precision.toml",
            "--fy",
            "2024",
            "--format",
            "json",
        ],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    for want in [
        "\"achievement\": 0.0714285714285714285714285714,",
        "\"progress\": 0.0714285714285714285714285714,",
        "\"target\": 14,",
        "\"value\": 1\n",
        // 1 − 1/12345678901234567890123, to the 28 decimals a decimal holds.
        "\"achievement\": 0.999999999999999999999919,",
        "\"target\": 12345678901234567890123,",
        "\"value\": 12345678901234567890122\n",
    ] {
        assert!(text.contains(want), "{want:?} not in {text}");
    }
}

#[test]
fn csv_has_a_bom_a_header_and_one_line_per_indicator() {
    let file = example("yamaguchi-industry-2022.toml");
    let o = shinchoku(
        &[
            "evaluate",
            file.to_str().unwrap(),
            "--fy",
            "2024",
            "--format",
            "csv",
        ],
        &repo(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    assert!(text.starts_with('\u{feff}'));
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines[0],
        "plan,id,name,kind,unit,value,target,achievement,progress,expected,pace,grade,forecast,required_pace,reasons"
    );
    assert_eq!(lines.len(), 1 + 14);
}

#[test]
fn table_is_japanese_by_default_and_english_on_request() {
    let file = example("design-example.toml");
    let ja = shinchoku(
        &["evaluate", file.to_str().unwrap(), "--fy", "2024"],
        &repo(),
    );
    assert!(ja.status.success(), "{}", stderr(&ja));
    let text = stdout(&ja);
    assert!(text.contains("令和6年度（2024年度）"), "{text}");
    assert!(text.contains("62.4%"), "{text}");
    assert!(text.contains("B 順調"), "{text}");
    let en = shinchoku(
        &[
            "evaluate",
            file.to_str().unwrap(),
            "--fy",
            "2024",
            "--lang",
            "en",
        ],
        &repo(),
    );
    let text = stdout(&en);
    assert!(text.contains("FY2024"), "{text}");
    assert!(text.contains("Achiev."), "{text}");
}

#[test]
fn without_fy_the_latest_observed_year_is_used() {
    let file = example("design-example.toml");
    let o = shinchoku(
        &["evaluate", file.to_str().unwrap(), "--format", "json"],
        &repo(),
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["fy"], 2024);
}

#[test]
fn a_directory_gives_every_plan() {
    let o = shinchoku(
        &[
            "evaluate",
            example("").to_str().unwrap(),
            "--fy",
            "2024",
            "--format",
            "json",
        ],
        &repo(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v["plans"].as_array().unwrap().len() >= 2);
}

#[test]
fn a_bad_plan_file_exits_1_naming_file_line_and_key() {
    let dir = scratch("bad");
    std::fs::write(
        dir.join("bad.toml"),
        "[plan]\ncode = \"x\"\ntitle = \"x\"\n\n[[indicators]]\nid = \"i1\"\nname = \"n\"\nunit = \"件\"\nkind = \"levle\"\n",
    )
    .unwrap();
    let o = shinchoku(&["evaluate", "bad.toml", "--fy", "2024"], &dir);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("bad.toml:9"), "{err}");
    assert!(err.contains("kind"), "{err}");
    assert!(stdout(&o).is_empty());
}

/// Errors speak Japanese by default and English with `--lang en` (before or after the
/// subcommand) or `SHINCHOKU_LANG=en`; the file, line, column and key are the same in both.
#[test]
fn errors_are_japanese_by_default_and_english_with_lang_en() {
    let dir = scratch("lang");
    std::fs::write(
        dir.join("bad.toml"),
        "[plan]\ncode = \"x\"\ntitle = \"x\"\n\n[[indicators]]\nid = \"i1\"\nname = \"n\"\nunit = \"件\"\nkind = \"levle\"\n",
    )
    .unwrap();
    let place = "shinchoku: bad.toml:9:8: indicators[i1].kind: ";
    let ja = format!(
        "{place}「levle」は指標の種別ではありません。level、cumulative、period_total、annual、\
         milestone、monitor のいずれかを書いてください\n"
    );
    let en = format!(
        "{place}\"levle\" is not a kind; expected one of level, cumulative, period_total, \
         annual, milestone, monitor\n"
    );
    let o = shinchoku(&["evaluate", "bad.toml", "--fy", "2024"], &dir);
    assert_eq!((o.status.code(), stderr(&o)), (Some(1), ja.clone()));
    for args in [
        &["evaluate", "bad.toml", "--fy", "2024", "--lang", "en"][..],
        &["--lang", "en", "evaluate", "bad.toml", "--fy", "2024"][..],
    ] {
        let o = shinchoku(args, &dir);
        assert_eq!(
            (o.status.code(), stderr(&o)),
            (Some(1), en.clone()),
            "{args:?}"
        );
    }
    let o = bin::command(SHINCHOKU)
        .args(["evaluate", "bad.toml", "--fy", "2024"])
        .current_dir(&dir)
        .env("SHINCHOKU_LANG", "en")
        .output()
        .unwrap();
    assert_eq!((o.status.code(), stderr(&o)), (Some(1), en));
    // The command line's own messages too.
    let o = shinchoku(&["evaluate", "nowhere.toml"], &dir);
    assert!(
        stderr(&o).starts_with("shinchoku: nowhere.toml: 計画ファイルを読めません（"),
        "{}",
        stderr(&o)
    );
    let o = shinchoku(&["import", "--lang", "en", "plan.xls"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).starts_with("shinchoku: plan.xls: an Excel file of the old format"),
        "{}",
        stderr(&o)
    );
    let o = shinchoku(&["import", "plan.xls"], &dir);
    assert!(
        stderr(&o)
            .starts_with("shinchoku: plan.xls: 古い形式の Excel ファイル（.xls）は読めません"),
        "{}",
        stderr(&o)
    );
    // Any other language is a usage error, as clap says it.
    let o = shinchoku(&["--lang", "fr", "plans"], &dir);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

#[test]
fn a_missing_file_exits_1() {
    let dir = scratch("missing");
    let o = shinchoku(&["evaluate", "nowhere.toml"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nowhere.toml"));
}

#[test]
fn usage_errors_exit_2() {
    let dir = scratch("usage");
    assert_eq!(shinchoku(&["evaluate"], &dir).status.code(), Some(2));
    assert_eq!(
        shinchoku(&["evaluate", "x.toml", "--format", "pdf"], &dir)
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        shinchoku(&["evaluate", "x.toml", "--fy", "24"], &dir)
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn demo_prints_anywhere_without_files() {
    let dir = scratch("demo");
    let o = shinchoku(&["demo", "--print"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("企業誘致件数"));
    // The documents went through the database: the stored plans are listed, by names and
    // codes a planner recognises, never by their file names.
    for name in [
        "yamaguchi-commerce-industry-2022",
        "山口県 商工業振興 産業編（令和4年度～令和8年度）",
        "山口県 産業戦略プロジェクト（令和3年度～令和5年度）",
    ] {
        assert!(stdout(&o).contains(name), "{name}:\n{}", stdout(&o));
    }
    // (A value a plan borrowed from another names the document it was read from, under its
    // table: the listing is what must not show file names.)
    let text = stdout(&o);
    let listing = &text[text.find("$ shinchoku plans").unwrap()..];
    let listing = &listing[..listing.find("$ shinchoku evaluate").unwrap()];
    assert!(!listing.contains("af65ec13672d85be"), "{listing}");
    assert!(stdout(&o).contains("--plan yamaguchi-industry-2022"));
    // And the temporary database is gone; nothing was left in the working directory.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

// Exit codes (DESIGN.md → Command line): 0 ok, 1 bad input, 2 usage, 3 conflict, 4 storage
// failure; 5 (not permitted) arrives with users and rights.

#[test]
fn every_exit_code_the_binary_gives_today() {
    let dir = scratch("exit-codes");
    let db = format!("sqlite:{}", dir.join("s.db").display());
    let plan = example("design-example.toml");
    let plan = plan.to_str().unwrap();
    let code = |args: &[&str]| {
        let o = shinchoku(args, &dir);
        (o.status.code(), stderr(&o))
    };
    assert_eq!(code(&["import", plan, "--db", &db]).0, Some(0));
    let record = |value: &str| {
        code(&[
            "record",
            "--plan",
            "yamaguchi-industry-2022",
            "--indicator",
            "i1",
            "--period",
            "FY2025",
            "--value",
            value,
            "--if-version",
            "0",
            "--db",
            &db,
        ])
    };
    assert_eq!(record("16").0, Some(0));
    let cases = [
        (code(&["evaluate", "nowhere.toml"]), 1),
        (code(&["evaluate", plan, "--fy", "24"]), 2),
        (record("17"), 3),
        (
            code(&[
                "plans",
                "--db",
                &format!("sqlite:{}", dir.join("no-such-dir/s.db").display()),
            ]),
            4,
        ),
    ];
    for ((got, err), want) in cases {
        assert_eq!(got, Some(want), "{err}");
        assert!(err.starts_with("shinchoku: ") || want == 2, "{err}");
    }
}

/// A disk that is full (here `/dev/full`) is no bad input: the output failed, exit 4, and
/// the message says what could not be written.
#[cfg(target_os = "linux")]
#[test]
fn a_failed_write_of_the_output_exits_4_and_says_so() {
    let file = example("design-example.toml");
    let o = bin::command(SHINCHOKU)
        .args(["evaluate", file.to_str().unwrap(), "--fy", "2024"])
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(4), "{}", stderr(&o));
    assert!(
        stderr(&o).starts_with("shinchoku: 出力を書けません: "),
        "{}",
        stderr(&o)
    );
}

/// `shinchoku extract … | head`: the reader stops early, the pipe breaks, and that is success
/// with no error printed (the extraction JSON is larger than a pipe's buffer, so the write
/// meets the closed pipe whenever the reader closes it).
#[test]
fn a_reader_that_stops_early_is_success() {
    let doc = repo().join("examples/documents/004_af65ec13672d85be.txt");
    let mut child = bin::command(SHINCHOKU)
        .args(["extract", doc.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("shinchoku:"), "{}", stderr(&o));
}

// ---------------------------------------------------------------------------------------------
// evaluate FILE|DIR --actuals FILE.csv

/// DESIGN.md's example plan without its observations, in `dir`, with `code`.
fn bare_design_example(dir: &Path, code: &str) -> PathBuf {
    let text = std::fs::read_to_string(example("design-example.toml")).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("observations = "))
        .unwrap();
    let text = text.replace(line, "").replace(
        "code = \"yamaguchi-industry-2022\"",
        &format!("code = \"{code}\""),
    );
    let file = dir.join(format!("{code}.toml"));
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn actuals_applied_to_a_plan_file_give_what_its_own_observations_give() {
    let dir = scratch("actuals-same");
    let bare = bare_design_example(&dir, "yamaguchi-industry-2022");
    let csv = dir.join("actuals.csv");
    // The example's own observations, in the Actuals CSV form, with a blank line and an
    // empty value (skipped) among them.
    std::fs::write(
        &csv,
        "plan,indicator,period,value\n\
         yamaguchi-industry-2022,i1,FY2022,30\n\
         \n\
         yamaguchi-industry-2022,企業誘致件数,FY2023,28\n\
         yamaguchi-industry-2022,i1,FY2025,\n\
         yamaguchi-industry-2022,i1,FY2024,20\n",
    )
    .unwrap();
    for format in ["json", "csv", "table"] {
        let with_file = shinchoku(
            &[
                "evaluate",
                example("design-example.toml").to_str().unwrap(),
                "--format",
                format,
            ],
            &repo(),
        );
        let with_csv = shinchoku(
            &[
                "evaluate",
                bare.to_str().unwrap(),
                "--actuals",
                csv.to_str().unwrap(),
                "--format",
                format,
            ],
            &repo(),
        );
        assert!(with_csv.status.success(), "{}", stderr(&with_csv));
        assert_eq!(stdout(&with_csv), stdout(&with_file), "{format}");
    }
}

#[test]
fn a_row_of_actuals_replaces_the_plan_files_value_for_its_period() {
    let dir = scratch("actuals-replace");
    let csv = dir.join("actuals.csv");
    std::fs::write(
        &csv,
        "plan,indicator,period,value\nyamaguchi-industry-2022,i1,FY2024,50\n",
    )
    .unwrap();
    let o = shinchoku(
        &[
            "evaluate",
            example("design-example.toml").to_str().unwrap(),
            "--actuals",
            csv.to_str().unwrap(),
            "--format",
            "json",
        ],
        &repo(),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    // 30 + 28 + 50, where the file alone gives 30 + 28 + 20.
    assert_eq!(v["indicators"][0]["value"], 108);
}

#[test]
fn a_refused_row_in_the_middle_of_the_actuals_prints_nothing_and_exits_1() {
    let dir = scratch("actuals-refused");
    let bare = bare_design_example(&dir, "yamaguchi-industry-2022");
    let csv = dir.join("actuals.csv");
    std::fs::write(
        &csv,
        "plan,indicator,period,value\n\
         yamaguchi-industry-2022,i1,FY2022,30\n\
         yamaguchi-industry-2022,i9,FY2023,28\n\
         yamaguchi-industry-2022,i1,FY2023,未定\n\
         other-plan,i1,FY2023,1\n\
         yamaguchi-industry-2022,i1,FY2024,20\n",
    )
    .unwrap();
    let run = |lang: &str| {
        shinchoku(
            &[
                "evaluate",
                bare.to_str().unwrap(),
                "--actuals",
                csv.to_str().unwrap(),
                "--format",
                "csv",
                "--lang",
                lang,
            ],
            &dir,
        )
    };
    let o = run("ja");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let e = stderr(&o);
    assert!(
        e.contains("3行を受け付けられないため、何も評価していません"),
        "{e}"
    );
    assert!(
        e.contains("列「indicator」: 計画「yamaguchi-industry-2022」に指標「i9」はありません"),
        "{e}"
    );
    let o = run("en");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let e = stderr(&o);
    let shown = csv.display().to_string();
    for want in [
        "3 rows refused; nothing was evaluated".to_owned(),
        format!(
            "{shown}:3: column \"indicator\": plan \"yamaguchi-industry-2022\" has no indicator \
             \"i9\" (neither an id nor a name); its plan file {} lists them",
            bare.display()
        ),
        format!(
            "{shown}:4: column \"value\": \"未定\" is not a number (a period_total indicator \
             takes numbers)"
        ),
        format!("{shown}:5: column \"plan\": no plan \"other-plan\" among the plan files given"),
    ] {
        assert!(e.contains(&want), "{want:?} not in {e}");
    }
}

#[test]
fn the_same_indicator_and_period_twice_in_the_actuals_names_both_lines() {
    let dir = scratch("actuals-twice");
    let bare = bare_design_example(&dir, "yamaguchi-industry-2022");
    let csv = dir.join("actuals.csv");
    std::fs::write(
        &csv,
        "plan,indicator,period,value\n\
         yamaguchi-industry-2022,i1,FY2022,30\n\
         yamaguchi-industry-2022,i1,FY2023,28\n\
         yamaguchi-industry-2022,企業誘致件数,FY2022,31\n",
    )
    .unwrap();
    let o = shinchoku(
        &[
            "evaluate",
            bare.to_str().unwrap(),
            "--actuals",
            csv.to_str().unwrap(),
            "--lang",
            "en",
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert_eq!(stdout(&o), "");
    let e = stderr(&o);
    assert!(
        e.contains(":4: indicator \"i1\" FY2022 is also on line 2"),
        "{e}"
    );
}

#[test]
fn a_directory_with_actuals_gives_every_plan_in_one_json() {
    let dir = scratch("actuals-dir");
    let plans = dir.join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    bare_design_example(&plans, "city-a");
    bare_design_example(&plans, "city-b");
    let csv = dir.join("actuals.csv");
    std::fs::write(
        &csv,
        "plan,indicator,period,value\ncity-b,i1,FY2024,40\ncity-a,i1,FY2024,10\n",
    )
    .unwrap();
    let o = shinchoku(
        &[
            "evaluate",
            plans.to_str().unwrap(),
            "--actuals",
            csv.to_str().unwrap(),
            "--format",
            "json",
        ],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let all = v["plans"].as_array().unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(
        (&all[0]["plan"], &all[1]["plan"]),
        (&"city-a".into(), &"city-b".into())
    );
    assert_eq!(all[0]["fy"], 2024);
    assert_eq!(all[0]["indicators"][0]["value"], 10);
    assert_eq!(all[1]["indicators"][0]["value"], 40);
    let o = shinchoku(
        &[
            "evaluate",
            plans.to_str().unwrap(),
            "--actuals",
            csv.to_str().unwrap(),
            "--format",
            "csv",
        ],
        &dir,
    );
    let text = stdout(&o);
    assert_eq!(text.trim_start_matches('\u{feff}').lines().count(), 1 + 2);
}

#[test]
fn two_plan_files_of_one_plan_are_refused_with_actuals() {
    let dir = scratch("actuals-two-files");
    let csv = dir.join("actuals.csv");
    std::fs::write(&csv, "plan,indicator,period,value\n").unwrap();
    let o = shinchoku(
        &[
            "evaluate",
            example("design-example.toml").to_str().unwrap(),
            example("yamaguchi-industry-2022.toml").to_str().unwrap(),
            "--actuals",
            csv.to_str().unwrap(),
            "--lang",
            "en",
        ],
        &repo(),
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("are both plan \"yamaguchi-industry-2022\""),
        "{}",
        stderr(&o)
    );
}

#[test]
fn rows_with_a_breakdown_are_parts_of_the_total_that_is_evaluated() {
    let dir = scratch("actuals-breakdown");
    let bare = bare_design_example(&dir, "yamaguchi-industry-2022");
    let csv = dir.join("actuals.csv");
    let run = |text: &str| {
        std::fs::write(&csv, text).unwrap();
        shinchoku(
            &[
                "evaluate",
                bare.to_str().unwrap(),
                "--actuals",
                csv.to_str().unwrap(),
                "--format",
                "json",
                "--lang",
                "en",
            ],
            &dir,
        )
    };
    let o = run("plan,indicator,period,value,breakdown\n\
         yamaguchi-industry-2022,i1,FY2024,20,\n\
         yamaguchi-industry-2022,i1,FY2024,12,地域=岩国;性別=女性\n\
         yamaguchi-industry-2022,i1,FY2024,8,地域=岩国;性別=男性\n");
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["indicators"][0]["value"], 20);
    // A total its parts do not sum to is refused at its line.
    let o = run("plan,indicator,period,value,breakdown\n\
         yamaguchi-industry-2022,i1,FY2024,20,\n\
         yamaguchi-industry-2022,i1,FY2024,12,地域=岩国;性別=女性\n");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(":2: column \"breakdown\""),
        "{}",
        stderr(&o)
    );
    // The same breakdown written in another order is the same breakdown, given twice.
    let o = run("plan,indicator,period,value,breakdown\n\
         yamaguchi-industry-2022,i1,FY2024,12,地域=岩国;性別=女性\n\
         yamaguchi-industry-2022,i1,FY2024,13,性別=女性;地域=岩国\n");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(":3: indicator \"i1\" FY2024 is also on line 2"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_large_actuals_file_read_in_two_halves_gives_what_one_reader_gives() {
    // A CSV of more than a megabyte is read in two halves on two threads; the same bytes on
    // standard input (no plain file) are read by one. Both must print the same, accepted or
    // refused.
    let dir = scratch("actuals-halves");
    let set = dir.join("set");
    let set_arg = set.to_str().unwrap();
    bin::ok(shinchoku(
        &[
            "bench-data",
            "--governments",
            "60",
            "--indicators-per",
            "80",
            "--years",
            "10",
            "--seed",
            "5",
            "--out",
            set_arg,
        ],
        &dir,
    ));
    let plans = set.join("plans");
    let csv = set.join("actuals.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.len() >= 1 << 20, "{} bytes", text.len());
    let both = |file: &Path, text: &str| {
        std::fs::write(file, text).unwrap();
        let args = |actuals: &str| {
            [
                "evaluate",
                plans.to_str().unwrap(),
                "--actuals",
                actuals,
                "--fy",
                "2024",
                "--format",
                "csv",
                "--lang",
                "en",
            ]
            .map(str::to_owned)
        };
        let two = args(file.to_str().unwrap());
        let two = shinchoku(&two.each_ref().map(String::as_str), &dir);
        let one = args("/dev/stdin");
        let one = bin::run_stdin(
            SHINCHOKU,
            &one.each_ref().map(String::as_str),
            text.as_bytes(),
        );
        (two, one)
    };
    let (two, one) = both(&csv, &text);
    assert!(two.status.success(), "{}", stderr(&two));
    assert_eq!(stdout(&two), stdout(&one));
    // Refused: the first row again at the end (a repeat across the cut); and besides, a bad
    // period in the second half (refused rows come before repeats).
    let first = text.lines().nth(1).unwrap();
    let bad = dir.join("bad.csv");
    let repeated = format!("{text}{first}\n");
    let wrong = format!("{repeated}{}\n", first.replace(",FY", ",FY9"));
    for (text, said) in [
        (repeated, "is also on line 2"),
        (wrong, "\"FY92015\" has a year out of range"),
    ] {
        let (two, one) = both(&bad, &text);
        assert_eq!(two.status.code(), Some(1), "{}", stderr(&two));
        assert_eq!(one.status.code(), Some(1), "{}", stderr(&one));
        let named = stderr(&two).replace(bad.to_str().unwrap(), "FILE");
        assert_eq!(named, stderr(&one).replace("/dev/stdin", "FILE"));
        assert!(named.contains(said), "{named}");
    }
}

#[test]
fn bench_scan_reads_every_plan_file_and_sums_every_value() {
    let dir = scratch("bench-scan");
    let plans = dir.join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    bare_design_example(&plans, "city-a");
    std::fs::write(plans.join("notes.txt"), "not a plan file").unwrap();
    let csv = dir.join("actuals.csv");
    std::fs::write(
        &csv,
        "\u{feff}plan,indicator,period,value\ncity-a,i1,FY2022,30\ncity-a,i1,FY2023,0.25\ncity-a,i2,FY2023,実施中\n",
    )
    .unwrap();
    let o = shinchoku(
        &["bench-scan", plans.to_str().unwrap(), csv.to_str().unwrap()],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::metadata(plans.join("city-a.toml")).unwrap().len();
    assert_eq!(
        stdout(&o),
        format!("1 plan files, {bytes} bytes; 3 rows, 2 numbers, sum 30.25\n")
    );
}
