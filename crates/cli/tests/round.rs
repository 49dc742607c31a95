//! A whole evaluation round driven from the command line on the FY2022–26 plan, on SQLite and
//! on PostgreSQL: open, what is owed by whom, submit with and without the explanations an item
//! needs (and not with the draft unedited), return, resubmit, review at each stage, confirm,
//! close; rights per stage and department (exit 5), exit 3 on a confirmed item before rights
//! are checked and on a closed round; the closed round's record unchanged by new actuals.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers

use std::path::Path;
use std::process::Output;

use shinchoku_testkit::bin::{self, ok, stderr as err, stdout as out};
use shinchoku_testkit::db::on_every_database_url;
use shinchoku_testkit::fixtures::repo;

const SHINCHOKU: &str = env!("CARGO_BIN_EXE_shinchoku");
const PLAN: &str = "yamaguchi-industry-2022";

fn run(args: &[&str], cwd: &Path, db: &str) -> Output {
    bin::run_env(SHINCHOKU, args, cwd, &[("SHINCHOKU_DB", db)])
}

fn user(name: &str, role: &str, group: Option<&str>, db: &str) {
    let mut args = vec!["user", "add", name, "--role", role, "--db", db];
    if let Some(g) = group {
        args.extend(["--group", g]);
    }
    ok(bin::run_stdin(
        SHINCHOKU,
        &args,
        "夏の朝に海を見に行く予定\n".as_bytes(),
    ));
}

fn code(o: &Output) -> Option<i32> {
    o.status.code()
}

/// `round ARGS… --plan PLAN --fy FY`.
fn round(dir: &Path, db: &str, fy: &str, args: &[&str]) -> Output {
    let mut all = vec!["round"];
    all.extend_from_slice(args);
    all.extend(["--plan", PLAN, "--fy", fy]);
    run(&all, dir, db)
}

fn status(dir: &Path, db: &str, fy: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["status", "--format", "json"];
    args.extend_from_slice(extra);
    let o = ok(round(dir, db, fy, &args));
    serde_json::from_str(&out(&o)).unwrap()
}

fn item<'a>(s: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    s["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id} in {s}"))
}

/// The round of FY2024's sheets: the HTML document and the workbook (node d3, whose i5 went
/// through every stage, and every node).
fn sheets(dir: &Path, db: &str) -> (String, Vec<u8>) {
    let html = dir.join("sheet.html");
    let xlsx = dir.join("sheet.xlsx");
    let base = ["sheet", "--plan", PLAN, "--fy", "2024"];
    let mut a = base.to_vec();
    a.extend([
        "--node",
        "d3",
        "--format",
        "html",
        "-o",
        html.to_str().unwrap(),
    ]);
    ok(run(&a, dir, db));
    let mut a = base.to_vec();
    a.extend(["--format", "xlsx", "-o", xlsx.to_str().unwrap()]);
    ok(run(&a, dir, db));
    let mut a = base.to_vec();
    a.extend(["--node", "nowhere", "--format", "html", "-o", "-"]);
    let o = run(&a, dir, db);
    assert_eq!(code(&o), Some(1), "{}", err(&o));
    assert!(err(&o).contains("nowhere"), "{}", err(&o));
    (
        std::fs::read_to_string(html).unwrap(),
        std::fs::read(xlsx).unwrap(),
    )
}

/// LibreOffice Calc (Debian, headless) opens the workbook and saves every sheet as CSV with
/// the sheet's words and numbers in it.
fn opened_by_libreoffice(dir: &Path, xlsx: &[u8]) {
    if !bin::have("soffice", "libreoffice-calc-nogui") {
        return;
    }
    let work = dir.join("calc");
    std::fs::create_dir_all(&work).unwrap();
    std::fs::write(work.join("s.xlsx"), xlsx).unwrap();
    bin::soffice_convert(
        &work.join("s.xlsx"),
        // Every sheet (the last field, -1), UTF-8 (76), comma-separated, quoted text.
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
        &work,
        &work.join("profile"),
    );
    let mut all = String::new();
    let mut files = 0;
    for e in std::fs::read_dir(&work).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "csv") {
            files += 1;
            all.push_str(&std::fs::read_to_string(&p).unwrap());
        }
    }
    assert!(files >= 2, "a CSV per sheet: {files}");
    for words in [
        "評価シート",
        "導入率の出典を示してください",
        "確認済み",
        "専門人材の不足により導入が進まなかった。",
        "19.3",
        "企業誘致件数",
    ] {
        assert!(all.contains(words), "{words} not in what Calc read:\n{all}");
    }
}

#[test]
fn a_whole_round_from_opening_to_closing() {
    on_every_database_url("round", |dir, db| {
        let plan = repo().join("examples/yamaguchi-industry-2022.toml");
        ok(run(&["import", plan.to_str().unwrap()], dir, db));
        user("sato", "editor", Some("商工振興課"), db);
        user("suzuki", "editor", Some("新産業振興課"), db);
        user("planner1", "planner", None, db);
        user("exec1", "executive", None, db);
        user("iin1", "committee", None, db);
        user("viewer1", "viewer", None, db);
        ok(run(
            &[
                "assign",
                "--plan",
                PLAN,
                "--node",
                "d1",
                "--group",
                "商工振興課",
            ],
            dir,
            db,
        ));
        ok(run(
            &[
                "assign",
                "--plan",
                PLAN,
                "--node",
                "d3",
                "--group",
                "新産業振興課",
            ],
            dir,
            db,
        ));
        for (fy, v) in [("FY2022", "30"), ("FY2023", "28"), ("FY2024", "40")] {
            ok(run(
                &[
                    "record",
                    "--plan",
                    PLAN,
                    "--indicator",
                    "i1",
                    "--period",
                    fy,
                    "--value",
                    v,
                ],
                dir,
                db,
            ));
        }

        // Opening: once.
        let o = ok(round(dir, db, "2024", &["open", "--due", "2025-06-30"]));
        assert!(out(&o).contains("14項目"), "{}", out(&o));
        assert_eq!(
            code(&round(dir, db, "2024", &["open", "--due", "2025-06-30"])),
            Some(3)
        );
        assert_eq!(
            code(&round(dir, db, "2025", &["open", "--due", "2025-02-30"])),
            Some(1)
        );
        assert_eq!(
            code(&round(
                dir,
                db,
                "2025",
                &["open", "--due", "2025-06-30", "--stages", "self,ninth"]
            )),
            Some(1)
        );
        let s = status(dir, db, "2024", &[]);
        assert_eq!(s["state"], "open");
        assert_eq!(s["due"], "2025-06-30");
        assert_eq!(
            s["stages"],
            serde_json::json!(["self", "first", "second", "external"])
        );
        assert_eq!(s["items"].as_array().unwrap().len(), 14);
        let i1 = item(&s, "i1");
        assert_eq!(
            (
                i1["group"].as_str(),
                i1["stage"].as_str(),
                i1["state"].as_str()
            ),
            (Some("商工振興課"), Some("self"), Some("not_started"))
        );
        assert_eq!(i1["grade"], "B", "a B needs no explanation");
        assert_eq!(i1["needs_explanation"], false);
        let i5 = item(&s, "i5");
        assert_eq!(
            (i5["grade"].as_str(), i5["needs_explanation"].as_bool()),
            (Some("D"), Some(true))
        );
        assert_eq!(item(&s, "i2")["needs_explanation"], true, "no value");

        // The self-evaluation belongs to the owning department's editors.
        for who in ["suzuki", "viewer1", "planner1", "iin1"] {
            let o = round(dir, db, "2024", &["submit", "--item", "i1", "--as", who]);
            assert_eq!(code(&o), Some(5), "{who}: {}", err(&o));
        }
        let o = ok(round(
            dir,
            db,
            "2024",
            &["submit", "--item", "i1", "--as", "sato"],
        ));
        assert!(out(&o).contains("自己評価・提出済"), "{}", out(&o));

        // A D needs its cause and what will be done; the draft alone is not enough.
        let o = round(
            dir,
            db,
            "2024",
            &["submit", "--item", "i5", "--as", "suzuki"],
        );
        assert_eq!(code(&o), Some(1));
        assert!(
            err(&o).contains("要因分析") && err(&o).contains("今後の対応"),
            "{}",
            err(&o)
        );
        let draft = out(&ok(round(dir, db, "2024", &["draft", "--item", "i5"])));
        assert!(
            draft.contains("令和6年度（2024年度）の実績値は19.3%"),
            "{draft}"
        );
        let draft = draft.trim();
        let o = round(
            dir,
            db,
            "2024",
            &[
                "submit",
                "--item",
                "i5",
                "--as",
                "suzuki",
                "--cause",
                draft,
                "--next",
                "支援を拡充する",
            ],
        );
        assert_eq!(code(&o), Some(1), "the draft unedited");
        assert!(err(&o).contains("下書き"), "{}", err(&o));
        let cause = format!("{draft}専門人材の不足により導入が進まなかった。");
        let submit_i5 = [
            "submit",
            "--item",
            "i5",
            "--as",
            "suzuki",
            "--cause",
            &cause,
            "--next",
            "支援を拡充する",
        ];
        ok(round(dir, db, "2024", &submit_i5));

        // Returned by the planning office, with its reason, and submitted again.
        let o = round(
            dir,
            db,
            "2024",
            &["return", "--item", "i5", "--as", "suzuki", "--reason", "x"],
        );
        assert_eq!(code(&o), Some(5), "the editor does not return its own");
        let o = round(
            dir,
            db,
            "2024",
            &[
                "return", "--item", "i5", "--as", "planner1", "--reason", " ",
            ],
        );
        assert_eq!(code(&o), Some(1), "a return needs a reason");
        ok(round(
            dir,
            db,
            "2024",
            &[
                "return",
                "--item",
                "i5",
                "--as",
                "planner1",
                "--reason",
                "導入率の出典を示してください",
            ],
        ));
        let s = status(dir, db, "2024", &[]);
        assert_eq!(
            (
                item(&s, "i5")["stage"].as_str(),
                item(&s, "i5")["state"].as_str()
            ),
            (Some("self"), Some("returned"))
        );
        let owed = status(dir, db, "2024", &["--user", "suzuki"]);
        let ids: Vec<&str> = owed["items"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["id"].as_str())
            .collect();
        assert!(ids.contains(&"i5") && !ids.contains(&"i1"), "{ids:?}");
        ok(round(dir, db, "2024", &submit_i5));

        // The reviews, each by its role, to confirmation.
        ok(round(
            dir,
            db,
            "2024",
            &[
                "submit",
                "--item",
                "i5",
                "--as",
                "planner1",
                "--comment",
                "確認済み",
            ],
        ));
        ok(round(
            dir,
            db,
            "2024",
            &["submit", "--item", "i5", "--as", "exec1"],
        ));
        let o = round(
            dir,
            db,
            "2024",
            &["submit", "--item", "i5", "--as", "planner1"],
        );
        assert_eq!(code(&o), Some(5), "the external review is the committee's");
        let o = ok(round(
            dir,
            db,
            "2024",
            &["submit", "--item", "i5", "--as", "iin1"],
        ));
        assert!(out(&o).contains("外部評価・確定"), "{}", out(&o));
        // Confirmed: refused with 3 whoever asks, before rights are checked.
        for (who, action) in [
            ("viewer1", "submit"),
            ("iin1", "submit"),
            ("nobody-at-all", "submit"),
        ] {
            let o = round(dir, db, "2024", &[action, "--item", "i5", "--as", who]);
            assert_eq!(code(&o), Some(3), "{who}: {}", err(&o));
        }
        let o = round(
            dir,
            db,
            "2024",
            &["return", "--item", "i5", "--as", "iin1", "--reason", "r"],
        );
        assert_eq!(code(&o), Some(3));

        // Closing: every item confirmed, or --force.
        let o = round(dir, db, "2024", &["close"]);
        assert_eq!(code(&o), Some(1));
        assert!(err(&o).contains("i1"), "{}", err(&o));
        ok(round(dir, db, "2024", &["close", "--force"]));
        let closed = status(dir, db, "2024", &[]);
        let sheets_closed = sheets(dir, db);
        let report = |extra: &[&str]| {
            let mut a = vec!["report", "--plan", PLAN, "--fy", "2024"];
            a.extend_from_slice(extra);
            if !a.contains(&"--format") {
                a.extend(["--format", "md"]);
            }
            out(&ok(run(&a, dir, db)))
        };
        let report_closed = (report(&[]), report(&["--format", "csv"]));
        assert!(
            report_closed.0.contains("締切時の記録") && report_closed.0.contains("19.3%"),
            "{}",
            report_closed.0
        );
        let (html, _) = &sheets_closed;
        for words in [
            "評価シート",
            "導入率の出典を示してください",
            "確認済み",
            "専門人材の不足により導入が進まなかった。",
            "支援を拡充する",
            "19.3",
            "令和6年度（2024年度）",
            "@page",
        ] {
            assert!(html.contains(words), "{words} not in the sheet");
        }
        assert_eq!(closed["state"], "closed");
        assert_eq!(
            code(&round(
                dir,
                db,
                "2024",
                &["submit", "--item", "i1", "--as", "planner1"]
            )),
            Some(3)
        );
        assert_eq!(
            code(&round(dir, db, "2024", &["close", "--force"])),
            Some(3)
        );

        // New actuals change today's evaluation, not the closed round's record.
        ok(run(
            &[
                "record",
                "--plan",
                PLAN,
                "--indicator",
                "i5",
                "--period",
                "FY2024",
                "--value",
                "27",
            ],
            dir,
            db,
        ));
        ok(run(
            &[
                "record",
                "--plan",
                PLAN,
                "--indicator",
                "i2",
                "--period",
                "FY2024",
                "--value",
                "5",
            ],
            dir,
            db,
        ));
        let after = status(dir, db, "2024", &[]);
        assert!(
            sheets(dir, db) == sheets_closed,
            "a closed round's sheets do not change with new actuals"
        );
        assert_eq!(
            (report(&[]), report(&["--format", "csv"])),
            report_closed,
            "nor does its report"
        );
        let live = report(&["--live"]);
        assert!(
            !live.contains("締切時の記録") && live.contains("27%"),
            "{live}"
        );
        if db.starts_with("sqlite") {
            opened_by_libreoffice(dir, &sheets_closed.1);
        }
        for id in ["i5", "i2", "i1"] {
            assert_eq!(
                item(&after, id)["grade"],
                item(&closed, id)["grade"],
                "{id} frozen"
            );
        }
        let live = out(&ok(run(
            &[
                "evaluate", "--plan", PLAN, "--fy", "2024", "--format", "json",
            ],
            dir,
            db,
        )));
        let live: serde_json::Value = serde_json::from_str(&live).unwrap();
        let i5_live = live["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == "i5")
            .unwrap();
        assert_ne!(
            i5_live["grade"], "D",
            "today's evaluation follows the new value"
        );

        // A round of two stages confirms at the planning office.
        ok(round(
            dir,
            db,
            "2023",
            &["open", "--due", "2024-06-30", "--stages", "self,first"],
        ));
        ok(round(
            dir,
            db,
            "2023",
            &["submit", "--item", "i1", "--as", "sato"],
        ));
        let o = ok(round(
            dir,
            db,
            "2023",
            &["submit", "--item", "i1", "--as", "planner1"],
        ));
        assert!(out(&o).contains("一次評価・確定"), "{}", out(&o));
        // The history names who did each step.
        let h = out(&ok(run(
            &["history", "--plan", PLAN, "--indicator", "i5"],
            dir,
            db,
        )));
        assert!(h.contains("suzuki") && h.contains("iin1"), "{h}");
    });
}
