//! The database commands run as a user runs them — `import`, `plans`, `evaluate --plan`,
//! `record`, `diff`, `history`, `lineage`, `backup`, `restore` — on a SQLite file and, when
//! `SHINCHOKU_TEST_POSTGRES` names a server (`.ci/run` starts one; required when `CI=true`),
//! on a fresh PostgreSQL database too.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers: a failure is a broken test machine

use std::path::Path;
use std::process::{Command, Output};

use shinchoku_testkit::bin::{self, ok, stderr as err, stdout as out};
use shinchoku_testkit::db::on_every_database_url;
use shinchoku_testkit::fixtures::{documents, repo};
use shinchoku_testkit::scratch::scratch;

/// The binary under test.
const SHINCHOKU: &str = env!("CARGO_BIN_EXE_shinchoku");

fn run(args: &[&str], cwd: &Path, db: &str) -> Output {
    bin::run_env(SHINCHOKU, args, cwd, &[("SHINCHOKU_DB", db)])
}

#[test]
fn a_stored_plan_evaluates_exactly_as_its_file() {
    on_every_database_url("evaluate", |dir, db| {
        let file = repo().join("examples/yamaguchi-industry-2022.toml");
        let file = file.to_str().unwrap();
        let o = ok(run(&["import", file], dir, db));
        assert!(out(&o).contains("第1版（新規）"), "{}", out(&o));
        for format in ["json", "csv", "table"] {
            let from_file = ok(run(
                &["evaluate", file, "--fy", "2024", "--format", format],
                dir,
                db,
            ));
            let from_db = ok(run(
                &[
                    "evaluate",
                    "--plan",
                    "yamaguchi-industry-2022",
                    "--fy",
                    "2024",
                    "--format",
                    format,
                ],
                dir,
                db,
            ));
            assert_eq!(out(&from_db), out(&from_file), "{db} {format}");
        }
        let plans = ok(run(&["plans", "--format", "json"], dir, db));
        let v: serde_json::Value = serde_json::from_str(&out(&plans)).unwrap();
        assert_eq!(v["plans"][0]["code"], "yamaguchi-industry-2022");
        assert_eq!(v["plans"][0]["indicators"], 14);
        let table = out(&ok(run(&["plans"], dir, db)));
        assert!(table.contains("令和4年度～令和8年度"), "{table}");
    });
}

#[test]
fn the_seed_documents_import_end_to_end_and_give_one_iot_history() {
    on_every_database_url("seeds", |dir, db| {
        let mut args = vec!["import"];
        let docs = documents();
        args.extend(docs.iter().map(|d| d.to_str().unwrap()));
        let o = ok(run(&args, dir, db));
        assert_eq!(out(&o).lines().count(), 5, "{}", out(&o));
        let plans = ok(run(&["plans", "--format", "json"], dir, db));
        let v: serde_json::Value = serde_json::from_str(&out(&plans)).unwrap();
        assert_eq!(v["plans"].as_array().unwrap().len(), 5);

        let o = ok(run(
            &["lineage", "中小企業の IoT 導入率", "--format", "json"],
            dir,
            db,
        ));
        let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
        assert_eq!(v["series"], "中小企業のIoT導入率|%");
        let points = v["points"].as_array().unwrap();
        let has = |role: &str, value: f64, period: Option<&str>| {
            points.iter().any(|p| {
                p["role"] == role
                    && p["value"].as_f64() == Some(value)
                    && period.is_none_or(|x| p["period"] == x)
            })
        };
        assert!(has("observation", 10.1, None), "{points:#?}");
        assert!(has("baseline", 13.9, Some("FY2019")), "{points:#?}");
        assert!(has("baseline", 19.3, Some("FY2021")), "{points:#?}");
        assert!(has("target", 28.0, Some("FY2026")), "{points:#?}");
        let plans_in: std::collections::BTreeSet<&str> =
            points.iter().map(|p| p["plan"].as_str().unwrap()).collect();
        assert_eq!(plans_in.len(), 3, "{plans_in:?}");
        let table = out(&ok(run(&["lineage", "中小企業のIoT導入率"], dir, db)));
        assert!(table.contains("令和元年度（2019年度）"), "{table}");
    });
}

#[test]
fn a_bad_row_anywhere_leaves_nothing_and_every_bad_row_is_named() {
    on_every_database_url("all-or-nothing", |dir, db| {
        let plan = repo().join("examples/design-example.toml");
        let csv = dir.join("actuals.csv");
        std::fs::write(
            &csv,
            "plan,indicator,period,value\n\
             yamaguchi-industry-2022,i1,FY2025,25\n\
             yamaguchi-industry-2022,i1,FY2026,abc\n\
             yamaguchi-industry-2022,i9,FY2026,1\n",
        )
        .unwrap();
        let o = run(
            &["import", plan.to_str().unwrap(), csv.to_str().unwrap()],
            dir,
            db,
        );
        assert_eq!(o.status.code(), Some(1), "{}", err(&o));
        let e = err(&o);
        assert!(e.contains("actuals.csv:3"), "{e}");
        assert!(e.contains("actuals.csv:4"), "{e}");
        assert!(e.contains("何も取り込んでいません"), "{e}");
        // Not even the plan file that came with it.
        let plans = ok(run(&["plans", "--format", "json"], dir, db));
        let v: serde_json::Value = serde_json::from_str(&out(&plans)).unwrap();
        assert_eq!(v["plans"].as_array().unwrap().len(), 0, "{db}");
    });
}

/// Excel writes a percentage cell as `22.5%`: the indicator's own unit is read as its number
/// (in the CSV and in `record --value`); another unit is refused naming both, in Japanese by
/// default and in English with `--lang en`, at the same file, line and column.
#[test]
fn a_value_in_the_indicators_own_unit_is_taken_and_another_unit_is_refused_in_either_language() {
    on_every_database_url("units", |dir, db| {
        let plan = repo().join("examples/yamaguchi-industry-2022.toml");
        ok(run(&["import", plan.to_str().unwrap()], dir, db));
        let good = dir.join("good.csv");
        std::fs::write(
            &good,
            "plan,indicator,period,value\n\
             yamaguchi-industry-2022,i5,FY2023,22.5%\n\
             yamaguchi-industry-2022,中小企業のIoT導入率,FY2024,２３．５％\n",
        )
        .unwrap();
        let o = ok(run(&["import", good.to_str().unwrap()], dir, db));
        assert!(out(&o).contains("新規2件"), "{}", out(&o));
        let o = ok(run(
            &[
                "record",
                "--plan",
                "yamaguchi-industry-2022",
                "--indicator",
                "i5",
                "--period",
                "FY2025",
                "--value",
                "24 %",
            ],
            dir,
            db,
        ));
        assert!(out(&o).contains("第1版"), "{}", out(&o));
        let ev = ok(run(
            &[
                "evaluate",
                "--plan",
                "yamaguchi-industry-2022",
                "--format",
                "json",
            ],
            dir,
            db,
        ));
        let v: serde_json::Value = serde_json::from_str(&out(&ev)).unwrap();
        assert_eq!(v["fy"], 2025);
        assert_eq!(v["indicators"][4]["id"], "i5");
        assert_eq!(v["indicators"][4]["value"], 24);

        let bad = dir.join("bad.csv");
        std::fs::write(
            &bad,
            "plan,indicator,period,value\nyamaguchi-industry-2022,i5,FY2026,22.5kg\n",
        )
        .unwrap();
        let o = run(&["import", bad.to_str().unwrap()], dir, db);
        assert_eq!(o.status.code(), Some(1), "{}", err(&o));
        let place = format!("  {}:2: ", bad.display());
        assert!(
            err(&o).contains(&format!(
                "{place}列「value」: 「22.5kg」は数値として読めません。単位「kg」が付いていますが、\
                 この指標の単位は「%」です。数値だけ（22.5）か、この指標の単位を付けて（22.5%）\
                 書いてください\n"
            )),
            "{}",
            err(&o)
        );
        let o = run(&["import", "--lang", "en", bad.to_str().unwrap()], dir, db);
        assert_eq!(o.status.code(), Some(1), "{}", err(&o));
        assert!(
            err(&o).contains(&format!(
                "{place}column \"value\": \"22.5kg\" is in \"kg\", but this indicator's unit \
                 is \"%\": write the number alone (22.5) or with its unit (22.5%)\n"
            )),
            "{}",
            err(&o)
        );
        let o = run(
            &[
                "record",
                "--lang",
                "en",
                "--plan",
                "yamaguchi-industry-2022",
                "--indicator",
                "i1",
                "--period",
                "FY2026",
                "--value",
                "3%",
            ],
            dir,
            db,
        );
        assert_eq!(o.status.code(), Some(1), "{}", err(&o));
        assert!(
            err(&o).contains("\"3%\" is in \"%\", but this indicator's unit is \"件\""),
            "{}",
            err(&o)
        );
    });
}

/// `evaluate FILES --actuals CSV` (in memory) prints, byte for byte, what `import FILES CSV`
/// and `evaluate --plan` print: on a synthetic set of every kind (`bench-data`), and on the
/// example plan with rows that add years, replace one of the file's own values and write a
/// value with the indicator's unit (`19.5%`).
#[test]
fn evaluate_with_actuals_prints_what_import_then_evaluate_plan_prints() {
    on_every_database_url("actuals-in-memory", |dir, db| {
        let set = dir.join("set");
        ok(run(
            &[
                "bench-data",
                "--governments",
                "3",
                "--indicators-per",
                "40",
                "--years",
                "6",
                "--seed",
                "3",
                "--out",
                set.to_str().unwrap(),
            ],
            dir,
            db,
        ));
        let example = repo().join("examples/yamaguchi-industry-2022.toml");
        let extra = dir.join("extra.csv");
        std::fs::write(
            &extra,
            "plan,indicator,period,value,status\n\
             yamaguchi-industry-2022,i1,FY2022,21,\n\
             yamaguchi-industry-2022,中小企業のIoT導入率,FY2021,19.5%,\n\
             yamaguchi-industry-2022,i1,FY2023,22,provisional\n",
        )
        .unwrap();
        let plans = set.join("plans");
        let csv = set.join("actuals.csv");
        let mut codes: Vec<String> = std::fs::read_dir(&plans)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                p.file_stem().unwrap().to_str().unwrap().to_owned()
            })
            .collect();
        codes.sort();
        let mut import = vec!["import".to_owned()];
        for c in &codes {
            import.push(plans.join(format!("{c}.toml")).display().to_string());
        }
        import.push(csv.display().to_string());
        let import: Vec<&str> = import.iter().map(String::as_str).collect();
        ok(run(&import, dir, db));
        ok(run(
            &["import", example.to_str().unwrap(), extra.to_str().unwrap()],
            dir,
            db,
        ));
        for format in ["csv", "json"] {
            let mut stored = vec!["evaluate", "--fy", "2024", "--format", format];
            for c in &codes {
                stored.extend(["--plan", c.as_str()]);
            }
            let from_db = ok(run(&stored, dir, db));
            let in_memory = ok(run(
                &[
                    "evaluate",
                    plans.to_str().unwrap(),
                    "--actuals",
                    csv.to_str().unwrap(),
                    "--fy",
                    "2024",
                    "--format",
                    format,
                ],
                dir,
                db,
            ));
            assert_eq!(out(&in_memory), out(&from_db), "bench-data {format} {db}");

            let from_db = ok(run(
                &[
                    "evaluate",
                    "--plan",
                    "yamaguchi-industry-2022",
                    "--format",
                    format,
                ],
                dir,
                db,
            ));
            let in_memory = ok(run(
                &[
                    "evaluate",
                    example.to_str().unwrap(),
                    "--actuals",
                    extra.to_str().unwrap(),
                    "--format",
                    format,
                ],
                dir,
                db,
            ));
            assert_eq!(out(&in_memory), out(&from_db), "example {format} {db}");
        }
    });
}

#[test]
fn actuals_from_csv_show_in_evaluation_and_history_and_a_stale_edit_exits_3() {
    on_every_database_url("record", |dir, db| {
        let plan = repo().join("examples/design-example.toml");
        ok(run(&["import", plan.to_str().unwrap()], dir, db));
        let csv = dir.join("実績.csv");
        // Shift_JIS, as Japanese Excel writes it, with Japanese headers and a BOM-less file.
        let text =
            "計画,指標,年度,実績値\r\nyamaguchi-industry-2022,企業誘致件数,令和7年度,\"1,5\"\r\n";
        let text = text.replace("\"1,5\"", "15");
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
        std::fs::write(&csv, &sjis).unwrap();
        let o = ok(run(&["import", csv.to_str().unwrap()], dir, db));
        assert!(out(&o).contains("新規1件"), "{}", out(&o));
        let ev = ok(run(
            &[
                "evaluate",
                "--plan",
                "yamaguchi-industry-2022",
                "--format",
                "json",
            ],
            dir,
            db,
        ));
        let v: serde_json::Value = serde_json::from_str(&out(&ev)).unwrap();
        assert_eq!(v["fy"], 2025);
        assert_eq!(v["indicators"][0]["value"], 93);

        let base = [
            "record",
            "--plan",
            "yamaguchi-industry-2022",
            "--indicator",
            "i1",
            "--period",
            "FY2025",
        ];
        let with = |extra: &[&str]| {
            let mut a = base.to_vec();
            a.extend_from_slice(extra);
            run(&a, dir, db)
        };
        let o = ok(with(&["--value", "16", "--if-version", "1"]));
        assert!(out(&o).contains("第2版（元の値 15）"), "{}", out(&o));
        let stale = with(&["--value", "17", "--if-version", "1"]);
        assert_eq!(stale.status.code(), Some(3), "{}", err(&stale));
        assert!(err(&stale).contains("第2版"), "{}", err(&stale));

        let h = ok(run(
            &["history", "--indicator", "i1", "--format", "json"],
            dir,
            db,
        ));
        let v: serde_json::Value = serde_json::from_str(&out(&h)).unwrap();
        let obs: Vec<_> = v["history"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["period"] == "FY2025")
            .collect();
        assert_eq!(obs.len(), 2, "{obs:#?}");
        assert_eq!(obs[0]["new"], "15");
        assert!(obs[0]["source"].as_str().unwrap().ends_with("実績.csv:2"));
        assert_eq!(
            (&obs[1]["old"], &obs[1]["new"]),
            (&"15".into(), &"16".into())
        );
        assert!(obs[1]["actor"].as_str().unwrap().starts_with("cli:"));
        let table = out(&ok(run(&["history", "--indicator", "i1"], dir, db)));
        assert!(table.contains("実績値 FY2025"), "{table}");
    });
}

#[test]
fn a_new_version_is_diffed_against_the_old_one() {
    on_every_database_url("diff", |dir, db| {
        let src = std::fs::read_to_string(repo().join("examples/design-example.toml")).unwrap();
        let v1 = dir.join("plan.toml");
        std::fs::write(&v1, &src).unwrap();
        ok(run(&["import", v1.to_str().unwrap()], dir, db));
        let changed = src
            .replace("value = 125", "value = 130")
            .replace("戦略的な企業誘致の推進", "戦略的な企業誘致と投資の推進");
        assert_ne!(changed, src, "the example changed shape; update this test");
        std::fs::write(&v1, &changed).unwrap();
        let o = ok(run(&["import", v1.to_str().unwrap()], dir, db));
        assert!(out(&o).contains("第2版（新しい版）"), "{}", out(&o));
        let d = ok(run(
            &[
                "diff",
                "--plan",
                "yamaguchi-industry-2022",
                "--format",
                "json",
            ],
            dir,
            db,
        ));
        let v: serde_json::Value = serde_json::from_str(&out(&d)).unwrap();
        assert_eq!((v["from"].as_i64(), v["to"].as_i64()), (Some(1), Some(2)));
        let nodes = v["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), 1, "{nodes:#?}");
        assert_eq!(nodes[0]["change"], "modified");
        assert_eq!(nodes[0]["old_title"], "戦略的な企業誘致の推進");
        let inds = v["indicators"].as_array().unwrap();
        assert_eq!(inds.len(), 1, "{inds:#?}");
        let table = out(&ok(run(
            &["diff", "--plan", "yamaguchi-industry-2022"],
            dir,
            db,
        )));
        assert!(table.contains("修正"), "{table}");
        assert!(table.contains("第1版 → 第2版"), "{table}");
        // The changed indicator is named, with what changed under it.
        let id = inds[0]["id"].as_str().unwrap();
        assert!(table.contains(&format!("変更 {id} ")), "{table}");
        assert!(table.contains("目標値 "), "{table}");
        let en = out(&ok(run(
            &["diff", "--plan", "yamaguchi-industry-2022", "--lang", "en"],
            dir,
            db,
        )));
        assert!(en.contains("version 1 → version 2"), "{en}");
        assert!(
            en.contains("modified ") && en.contains("(was: 戦略的な企業誘致の推進)"),
            "{en}"
        );
        assert!(
            en.contains(&format!("changed {id} ")) && en.contains("target "),
            "{en}"
        );
        assert!(!en.contains("修正") && !en.contains("目標値"), "{en}");
        // Re-importing the same file adds no version.
        let o = ok(run(&["import", v1.to_str().unwrap()], dir, db));
        assert!(out(&o).contains("第2版（変更なし）"), "{}", out(&o));
    });
}

#[test]
fn a_revision_list_shows_its_own_marks() {
    let dir = scratch("marks");
    let db = format!("sqlite:{}", dir.join("s.db").display());
    let doc = documents()
        .into_iter()
        .find(|d| d.to_string_lossy().contains("003_"))
        .unwrap();
    ok(run(&["import", doc.to_str().unwrap()], &dir, &db));
    let plans = ok(run(&["plans", "--format", "json"], &dir, &db));
    let v: serde_json::Value = serde_json::from_str(&out(&plans)).unwrap();
    let code = v["plans"][0]["code"].as_str().unwrap().to_owned();
    let d = ok(run(
        &["diff", "--plan", &code, "--format", "json"],
        &dir,
        &db,
    ));
    let v: serde_json::Value = serde_json::from_str(&out(&d)).unwrap();
    let marked = v["marked"].as_array().unwrap();
    assert!(marked.iter().any(|m| m["marker"] == "new"), "{marked:#?}");
    assert!(
        marked
            .iter()
            .any(|m| m["marker"] == "modified" && m["old_title"].is_string()),
        "{marked:#?}"
    );
}

#[test]
fn a_backup_taken_from_the_command_line_restores() {
    on_every_database_url("backup", |dir, db| {
        let plan = repo().join("examples/yamaguchi-industry-2022.toml");
        ok(run(&["import", plan.to_str().unwrap()], dir, db));
        let file = dir.join("backup.db");
        ok(run(&["backup", "--out", file.to_str().unwrap()], dir, db));
        let again = run(&["backup", "--out", file.to_str().unwrap()], dir, db);
        assert_ne!(
            again.status.code(),
            Some(0),
            "an existing backup is not overwritten"
        );
        let restored = format!("sqlite:{}", dir.join("restored.db").display());
        ok(run(
            &["restore", "--from", file.to_str().unwrap()],
            dir,
            &restored,
        ));
        let a = ok(run(
            &[
                "evaluate",
                "--plan",
                "yamaguchi-industry-2022",
                "--fy",
                "2024",
                "--format",
                "json",
            ],
            dir,
            db,
        ));
        let b = ok(run(
            &[
                "evaluate",
                "--plan",
                "yamaguchi-industry-2022",
                "--fy",
                "2024",
                "--format",
                "json",
            ],
            dir,
            &restored,
        ));
        assert_eq!(out(&a), out(&b));
        // The backup itself is a database.
        let c = ok(run(
            &["plans", "--format", "json"],
            dir,
            &format!("sqlite:{}", file.display()),
        ));
        assert!(out(&c).contains("yamaguchi-industry-2022"));
    });
}

#[test]
fn an_unreachable_database_is_exit_4_and_a_bad_url_exit_2() {
    let dir = scratch("exit-codes");
    let o = run(&["plans"], &dir, "postgres://nobody@127.0.0.1:1/none");
    assert_eq!(o.status.code(), Some(4), "{}", err(&o));
    assert!(err(&o).contains("127.0.0.1:1"), "{}", err(&o));
    let o = run(&["plans"], &dir, "mysql://x/y");
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
}

/// Issue 14, item 5: the audit log names who acted — the operating system's account when the
/// environment has no `USER` (`env -u USER -u USERNAME`, as under cron or in a container), or
/// the name given with `--as` — and never "unknown".
#[test]
fn the_audit_log_names_the_os_account_without_user_or_the_name_given_with_as() {
    let dir = scratch("actor");
    let db = format!("sqlite:{}", dir.join("s.db").display());
    let run_bare = |args: &[&str]| {
        bin::command(SHINCHOKU)
            .args(args)
            .current_dir(&dir)
            .env("SHINCHOKU_DB", &db)
            .env_remove("USER")
            .env_remove("USERNAME")
            .env_remove("LOGNAME")
            .output()
            .unwrap()
    };
    let plan = repo().join("examples/design-example.toml");
    ok(run_bare(&["import", plan.to_str().unwrap()]));
    let record = |value: &str, extra: &[&str]| {
        let mut a = vec![
            "record",
            "--plan",
            "yamaguchi-industry-2022",
            "--indicator",
            "i1",
            "--period",
            "FY2025",
            "--value",
            value,
        ];
        a.extend_from_slice(extra);
        run_bare(&a)
    };
    ok(record("16", &[]));
    ok(record("17", &["--as", "田中"]));
    let empty = record("18", &["--as", " "]);
    assert_eq!(empty.status.code(), Some(2), "{}", err(&empty));

    let account = Command::new("id").arg("-un").output().unwrap();
    let account = String::from_utf8(account.stdout).unwrap().trim().to_owned();
    assert!(!account.is_empty());
    let h = ok(run_bare(&[
        "history",
        "--indicator",
        "i1",
        "--format",
        "json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&out(&h)).unwrap();
    let actors: Vec<(&str, &str)> = v["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["period"].as_str().unwrap_or("-"),
                e["actor"].as_str().unwrap(),
            )
        })
        .collect();
    let os = format!("cli:{account}");
    // The import's targets, baseline and observations, then the two records.
    assert!(actors.len() > 2, "{actors:?}");
    let (imported, recorded) = actors.split_at(actors.len() - 2);
    assert!(imported.iter().all(|(_, a)| *a == os), "{actors:?}");
    assert_eq!(recorded, [("FY2025", os.as_str()), ("FY2025", "cli:田中")]);
}

/// The plans stored, as (code, title).
fn stored_plans(dir: &Path, db: &str) -> Vec<(String, String)> {
    let plans = ok(run(&["plans", "--format", "json"], dir, db));
    let v: serde_json::Value = serde_json::from_str(&out(&plans)).unwrap();
    v["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["code"].as_str().unwrap().to_owned(),
                p["title"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn import_names_one_plan_with_title_and_code_when_asked() {
    on_every_database_url("rename", |dir, db| {
        let doc = repo().join("examples/documents/004_af65ec13672d85be.txt");
        let doc = doc.to_str().unwrap();
        // Unasked, the document's own name and the code made from it, printed.
        let o = ok(run(&["import", doc], dir, db));
        assert!(
            out(&o).contains("計画 yamaguchi-commerce-industry-2022 第1版（新規）"),
            "{}",
            out(&o)
        );
        // --title names the plan, and the code follows the new title.
        let o = ok(run(
            &["import", doc, "--title", "山口県商工業振興計画 産業編"],
            dir,
            db,
        ));
        assert!(
            out(&o).contains("計画 yamaguchi-commerce-industry-plan-2022 第1版（新規）"),
            "{}",
            out(&o)
        );
        // --code chooses the code as well.
        let o = ok(run(
            &[
                "import",
                doc,
                "--title",
                "商工業振興計画 産業編",
                "--code",
                "shoko-2022",
            ],
            dir,
            db,
        ));
        assert!(
            out(&o).contains("計画 shoko-2022 第1版（新規）"),
            "{}",
            out(&o)
        );
        // A plan file writes its code: --title leaves it, --code replaces it. One plan with
        // its actuals is still one plan.
        let file = repo().join("examples/design-example.toml");
        let csv = dir.join("actuals.csv");
        std::fs::write(
            &csv,
            "plan,indicator,period,value\ndesign-copy,i1,FY2025,90\n",
        )
        .unwrap();
        ok(run(
            &[
                "import",
                file.to_str().unwrap(),
                csv.to_str().unwrap(),
                "--code",
                "design-copy",
                "--title",
                "設計例",
            ],
            dir,
            db,
        ));
        let mut plans = stored_plans(dir, db);
        plans.sort();
        let want: Vec<(String, String)> = [
            ("design-copy", "設計例"),
            ("shoko-2022", "商工業振興計画 産業編"),
            (
                "yamaguchi-commerce-industry-2022",
                "山口県 商工業振興 産業編（令和4年度～令和8年度）",
            ),
            (
                "yamaguchi-commerce-industry-plan-2022",
                "山口県商工業振興計画 産業編",
            ),
        ]
        .iter()
        .map(|(c, t)| ((*c).to_owned(), (*t).to_owned()))
        .collect();
        assert_eq!(plans, want, "{db}");
    });
}

#[test]
fn a_title_or_code_for_several_plans_or_a_malformed_code_is_refused() {
    let dir = scratch("rename-refused");
    let db = format!("sqlite:{}", dir.join("shinchoku.db").display());
    let docs = documents();
    let (a, b) = (docs[0].to_str().unwrap(), docs[1].to_str().unwrap());
    let o = run(&["import", a, b, "--title", "計画"], &dir, &db);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(
        err(&o).contains("--title と --code は1つの計画に名前を付けます")
            && err(&o).contains("（2個指定されています）"),
        "{}",
        err(&o)
    );
    let o = run(&["import", a, "--code", "Yamaguchi_2022"], &dir, &db);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("a plan code is"), "{}", err(&o));
    let o = run(&["import", a, "--title", " "], &dir, &db);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    let o = run(&["import", a, "--plan", "x", "--code", "y"], &dir, &db);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(stored_plans(&dir, &db).is_empty());
}

/// The listings speak Japanese by default and English with `--lang en`: their headings, the
/// words in their cells, and their periods (`令和4年度（2022年度）～…` and `FY2022–FY2026`).
#[test]
fn plans_history_and_lineage_speak_english_with_lang_en() {
    on_every_database_url("listings-lang", |dir, db| {
        let plan = repo().join("examples/design-example.toml");
        ok(run(&["import", plan.to_str().unwrap()], dir, db));

        let ja = out(&ok(run(&["plans"], dir, db)));
        assert!(ja.contains("計画名") && ja.contains("令和4年度"), "{ja}");
        let en = out(&ok(run(&["plans", "--lang", "en"], dir, db)));
        assert!(en.contains("title") && en.contains("indicators"), "{en}");
        assert!(en.contains("FY2022\u{2013}FY2026"), "{en}");
        assert!(!en.contains("計画名") && !en.contains("令和"), "{en}");

        let ja = out(&ok(run(&["history", "--indicator", "i1"], dir, db)));
        assert!(
            ja.contains("の変更履歴") && ja.contains("実績値 FY2022"),
            "{ja}"
        );
        let en = out(&ok(run(
            &["history", "--indicator", "i1", "--lang", "en"],
            dir,
            db,
        )));
        assert!(
            en.starts_with("History of yamaguchi-industry-2022 i1"),
            "{en}"
        );
        assert!(en.contains("value FY2022") && en.contains("insert"), "{en}");
        assert!(!en.contains("実績値") && !en.contains("変更履歴"), "{en}");

        let ja = out(&ok(run(&["lineage", "企業誘致件数"], dir, db)));
        assert!(
            ja.starts_with("系列 ") && ja.contains("令和4年度（2022年度）"),
            "{ja}"
        );
        let en = out(&ok(run(
            &["lineage", "企業誘致件数", "--lang", "en"],
            dir,
            db,
        )));
        assert!(en.starts_with("Series ") && en.contains("FY2022"), "{en}");
        assert!(en.contains("value") && en.contains("target"), "{en}");
        assert!(!en.contains("実績値") && !en.contains("令和"), "{en}");
    });
}

/// A document's code is made from its title, and two titles can make one code (a word the
/// naming does not know, such as `その２`, adds nothing to it). Such a document is refused,
/// naming both titles, rather than stored as a new version of the other plan; with `--code`
/// the user says which plan it is. The same document again is a version as before.
#[test]
fn a_title_that_makes_a_stored_plans_code_is_refused_unless_the_code_is_given() {
    on_every_database_url("code-taken", |dir, db| {
        let doc = documents()
            .into_iter()
            .find(|p| p.file_name().unwrap().to_str().unwrap().starts_with("004"))
            .unwrap();
        let doc = doc.to_str().unwrap();
        let o = ok(run(&["import", doc], dir, db));
        assert!(
            out(&o).contains("yamaguchi-commerce-industry-2022 第1版（新規）"),
            "{}",
            out(&o)
        );
        let other = "山口県 商工業振興 産業編 その２（令和4年度～令和8年度）";

        let o = run(&["import", doc, "--title", other], dir, db);
        assert_eq!(o.status.code(), Some(1), "{}", err(&o));
        assert!(
            err(&o).contains("登録済みの計画「山口県 商工業振興 産業編（令和4年度～令和8年度）」"),
            "{}",
            err(&o)
        );
        assert!(err(&o).contains("--code"), "{}", err(&o));
        let o = run(&["import", doc, "--title", other, "--lang", "en"], dir, db);
        assert_eq!(o.status.code(), Some(1), "{}", err(&o));
        assert!(err(&o).contains("which the stored plan"), "{}", err(&o));
        assert_eq!(stored_plans(dir, db).len(), 1, "{db}: nothing stored");

        // The same document: unchanged, as before.
        let o = ok(run(&["import", doc], dir, db));
        assert!(out(&o).contains("第1版（変更なし）"), "{}", out(&o));
        // Said to be the same plan: its next version.
        let code = "yamaguchi-commerce-industry-2022";
        let o = ok(run(
            &["import", doc, "--title", other, "--code", code],
            dir,
            db,
        ));
        assert!(out(&o).contains("第2版（新しい版）"), "{}", out(&o));
        // Said to be another plan: a plan of its own.
        let o = ok(run(
            &["import", doc, "--title", other, "--code", "sangyo-2"],
            dir,
            db,
        ));
        assert!(out(&o).contains("sangyo-2 第1版（新規）"), "{}", out(&o));
        assert_eq!(stored_plans(dir, db).len(), 2, "{db}");
    });
}
