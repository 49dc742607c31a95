//! The `shinchoku` binary run as a user runs it: real files, real exit codes, real output.

#![allow(clippy::unwrap_used)] // test helpers: a failure here is a broken test machine

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example(name: &str) -> PathBuf {
    repo().join("examples").join(name)
}

/// A fresh, empty directory for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("shinchoku-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn shinchoku(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_shinchoku"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SHINCHOKU_LANG")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
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
fn demo_runs_anywhere_without_files() {
    let dir = scratch("demo");
    let o = shinchoku(&["demo"], &dir);
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
    assert!(!stdout(&o).contains("af65ec13672d85be"), "{}", stdout(&o));
    assert!(stdout(&o).contains("--plan yamaguchi-industry-2022"));
    // And the temporary database is gone; nothing was left in the working directory.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}
