//! `shinchoku extract` run as a user runs it: real documents, real exit codes, stdout for the
//! result and stderr for warnings and errors.

#![allow(clippy::unwrap_used)] // test helpers: a failure here is a broken test machine

use std::path::Path;
use std::process::Output;

use shinchoku_testkit::bin::{self, stderr, stdout};
use shinchoku_testkit::fixtures::{document, repo, seeds};
use shinchoku_testkit::scratch::scratch;

/// The binary under test.
const SHINCHOKU: &str = env!("CARGO_BIN_EXE_shinchoku");

fn shinchoku(args: &[&str], cwd: &Path) -> Output {
    bin::run(SHINCHOKU, args, cwd)
}

fn shinchoku_stdin(args: &[&str], input: &[u8]) -> Output {
    bin::run_stdin(SHINCHOKU, args, input)
}

/// A value table with a unit no plan uses: the extractor warns about it.
const UNKNOWN_UNIT: &str = "■ 数値目標\n\
    指標名\t現状値(2021年度)\t目標値(2026年度)\n\
    防災備蓄品の確保\t3ダース\t5ダース\n";

#[test]
fn json_output_parses_and_names_the_document() {
    for name in seeds() {
        let path = document(&name);
        let o = shinchoku(&["extract", path.to_str().unwrap()], &repo());
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        // The file's name, not the path it was given by.
        assert_eq!(v["document"], name.as_str());
        assert_eq!(v["encoding"], "UTF-8");
        assert!(
            v["nodes"].is_array() && v["indicators"].is_array(),
            "{name}"
        );
    }
}

#[test]
fn toml_output_reads_back_as_a_plan() {
    for name in seeds() {
        let path = document(&name);
        let o = shinchoku(
            &["extract", path.to_str().unwrap(), "--format", "toml"],
            &repo(),
        );
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let plan = shinchoku_import::read_plan(&stdout(&o), &name)
            .unwrap_or_else(|e| panic!("{name}: {e}\n{}", stdout(&o)));
        // Coded by what the document is called (all five are 山口県's), not by its file name.
        let hex = name.get(4..20).unwrap();
        assert!(
            plan.code.as_str().starts_with("yamaguchi-") && !plan.code.as_str().contains(hex),
            "{name}: {}",
            plan.code
        );
        assert_eq!(plan.source.as_deref(), Some(name.as_str()));
    }
}

#[test]
fn the_toml_of_a_plan_evaluates_as_a_plan_file() {
    let dir = scratch("evaluate-toml");
    let o = shinchoku(
        &[
            "extract",
            document("004_af65ec13672d85be.txt").to_str().unwrap(),
            "--format",
            "toml",
        ],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::write(dir.join("plan.toml"), &o.stdout).unwrap();
    let e = shinchoku(
        &["evaluate", "plan.toml", "--fy", "2024", "--format", "json"],
        &dir,
    );
    assert!(e.status.success(), "{}", stderr(&e));
    let v: serde_json::Value = serde_json::from_str(&stdout(&e)).unwrap();
    assert_eq!(v["plan"], "yamaguchi-commerce-industry-2022");
}

#[test]
fn warnings_go_to_stderr_with_file_and_line_and_strict_makes_them_fail() {
    let dir = scratch("strict");
    std::fs::write(dir.join("kpi.txt"), UNKNOWN_UNIT).unwrap();
    let o = shinchoku(&["extract", "kpi.txt"], &dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let warnings = stderr(&o);
    assert!(
        warnings.lines().any(|l| l.starts_with("kpi.txt:3: 警告: ")),
        "no warning at line 3: {warnings:?}"
    );
    assert!(warnings.contains("ダース"), "{warnings}");
    // The JSON is clean: warnings are in it, never mixed into stdout as text.
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(!v["warnings"].as_array().unwrap().is_empty());

    let strict = shinchoku(&["extract", "kpi.txt", "--strict"], &dir);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    assert_eq!(
        strict.stdout, o.stdout,
        "the output is printed all the same"
    );
    assert!(
        stderr(&strict).contains("（--strict）"),
        "{}",
        stderr(&strict)
    );
}

/// A warning on a line the extractor cut from aligned spaces ends with how it was cut, in
/// the frame's language.
#[test]
fn a_warning_on_a_line_cut_from_spaces_says_how_it_was_cut() {
    let dir = scratch("evidence");
    let text = "成果指標\n指標名            単位      現状値(R4)      目標値(R8)\n\
                川の観察会        ぴよ      3               6\n";
    std::fs::write(dir.join("spaced.txt"), text).unwrap();
    let ja = stderr(&shinchoku(&["extract", "spaced.txt"], &dir));
    assert!(
        ja.lines().any(|l| l.starts_with("spaced.txt:3: 警告: ")
            && l.ends_with("（読み方: 空白の列揃えで 4 列に区切った行 / a line cut into 4 columns by aligned spaces）")),
        "{ja}"
    );
    let en = stderr(&shinchoku(&["--lang", "en", "extract", "spaced.txt"], &dir));
    assert!(
        en.lines().any(|l| l.starts_with("spaced.txt:3: warning: ")
            && l.ends_with(" (read as: 空白の列揃えで 4 列に区切った行 / a line cut into 4 columns by aligned spaces)")),
        "{en}"
    );
}

#[test]
fn strict_passes_a_document_without_warnings() {
    let dir = scratch("strict-clean");
    std::fs::write(dir.join("memo.txt"), "メモ\n").unwrap();
    let o = shinchoku(
        &["extract", "memo.txt", "--strict", "--format", "toml"],
        &dir,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn shift_jis_input_reads_like_its_utf8() {
    let dir = scratch("sjis");
    // The seed as a Shift_JIS office would have saved it: the few characters Shift_JIS lacks
    // (`—`, `₂`, simplified Chinese from the PDF's conversion) are left out of both files.
    let text: String = std::fs::read_to_string(document("004_af65ec13672d85be.txt"))
        .unwrap()
        .chars()
        .filter(|c| !encoding_rs::SHIFT_JIS.encode(c.encode_utf8(&mut [0; 4])).2)
        .collect();
    let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(!unmappable);
    std::fs::write(dir.join("plan.txt"), &sjis).unwrap();
    std::fs::write(dir.join("plan-utf8.txt"), &text).unwrap();
    let a = shinchoku(&["extract", "plan-utf8.txt"], &dir);
    let b = shinchoku(&["extract", "plan.txt"], &dir);
    assert!(b.status.success(), "{}", stderr(&b));
    let mut a: serde_json::Value = serde_json::from_str(&stdout(&a)).unwrap();
    let mut b: serde_json::Value = serde_json::from_str(&stdout(&b)).unwrap();
    assert_eq!(b["encoding"], "Shift_JIS");
    for v in [&mut a, &mut b] {
        v["encoding"] = serde_json::Value::Null;
        v["document"] = serde_json::Value::Null;
    }
    assert_eq!(a, b);
}

#[test]
fn a_dash_reads_standard_input() {
    let o = shinchoku_stdin(&["extract", "-"], UNKNOWN_UNIT.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["document"], "-");
    assert!(stderr(&o).starts_with("<stdin>:"), "{}", stderr(&o));
    let t = shinchoku_stdin(&["extract", "-", "--format", "toml"], "計画\n".as_bytes());
    assert!(t.status.success(), "{}", stderr(&t));
    let plan = shinchoku_import::read_plan(&stdout(&t), "-").unwrap();
    // Standard input has no file name: the code is the title's (`計画` → `plan`).
    assert_eq!(plan.code.as_str(), "plan");
    assert_eq!(plan.source, None);
}

#[test]
fn undecodable_bytes_exit_1_naming_file_and_line() {
    let dir = scratch("bad-bytes");
    let mut bytes = "数値目標\n指標名\n".as_bytes().to_vec();
    bytes.extend(b"\xFF\xFF\n");
    std::fs::write(dir.join("bad.txt"), bytes).unwrap();
    let o = shinchoku(&["extract", "bad.txt"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "");
    assert!(stderr(&o).contains("bad.txt:3: "), "{}", stderr(&o));
    // A path is named as given.
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::rename(dir.join("bad.txt"), sub.join("bad.txt")).unwrap();
    let o = shinchoku(&["extract", "sub/bad.txt"], &dir);
    assert!(stderr(&o).contains("sub/bad.txt:3: "), "{}", stderr(&o));
}

#[test]
fn a_damaged_pdf_exits_1_naming_the_file_and_what_read_it() {
    // The bytes are a PDF's start and nothing more: pdftotext refuses them (or is missing);
    // either way the message names the file and pdftotext.
    let dir = scratch("pdf");
    std::fs::write(dir.join("plan.pdf"), b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n").unwrap();
    let o = shinchoku(&["extract", "plan.pdf"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("plan.pdf:1: "), "{}", stderr(&o));
    assert!(stderr(&o).contains("pdftotext"), "{}", stderr(&o));
}

#[test]
fn an_html_table_is_extracted_cell_by_cell() {
    let dir = scratch("html");
    std::fs::write(
        dir.join("指標.html"),
        "<!doctype html><meta charset=utf-8><h1>成果指標</h1><table>\
         <tr><th>指標名<th>単位<th>現状値（R4）<th>目標値（R9）\
         <tr><td>観光客数<td>万人<td>86.7<td>110</table>",
    )
    .unwrap();
    let o = shinchoku(&["extract", "指標.html"], &dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("\"encoding\": \"HTML (UTF-8)\""), "{out}");
    assert!(out.contains("観光客数"), "{out}");
}

#[test]
fn a_missing_file_exits_1() {
    let dir = scratch("missing");
    let o = shinchoku(&["extract", "nowhere.txt"], &dir);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nowhere.txt"), "{}", stderr(&o));
}

#[test]
fn help_says_import_arrives_with_storage() {
    let o = shinchoku(&["extract", "--help"], &repo());
    assert!(o.status.success());
    let help = stdout(&o);
    assert!(help.contains("--strict") && help.contains("toml"), "{help}");
    assert!(help.contains("shinchoku import"), "{help}");
}
