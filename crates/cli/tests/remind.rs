//! `shinchoku remind` delivers to a local SMTP sink on 127.0.0.1: one message to each person
//! who owes something in the open round, the items by name, a returned item with its reason,
//! the due date in the reader's form; nothing to those who owe nothing. And `round return
//! --smtp` tells whoever owes the returned item at once.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers

use std::path::Path;
use std::process::Output;

use shinchoku_testkit::bin::{self, ok, stderr as err, stdout as out};
use shinchoku_testkit::fixtures::repo;
use shinchoku_testkit::scratch::scratch;
use shinchoku_testkit::smtp::{body, sink};

const SHINCHOKU: &str = env!("CARGO_BIN_EXE_shinchoku");
const PLAN: &str = "yamaguchi-industry-2022";

fn run(args: &[&str], cwd: &Path, db: &str) -> Output {
    bin::run_env(SHINCHOKU, args, cwd, &[("SHINCHOKU_DB", db)])
}

#[test]
fn reminders_reach_whoever_owes_an_item_with_the_due_date_and_the_reasons() {
    let dir = scratch("remind");
    let db = format!("sqlite:{}", dir.join("r.db").display());
    let plan = repo().join("examples/yamaguchi-industry-2022.toml");
    ok(run(&["import", plan.to_str().unwrap()], &dir, &db));
    for (name, role, group, email) in [
        (
            "sato",
            "editor",
            Some("商工振興課"),
            Some("sato@example.lg.jp"),
        ),
        (
            "suzuki",
            "editor",
            Some("新産業振興課"),
            Some("suzuki@example.lg.jp"),
        ),
        (
            "tanaka",
            "editor",
            Some("観光課"),
            Some("tanaka@example.lg.jp"),
        ),
        ("planner1", "planner", None, Some("kikaku@example.lg.jp")),
        ("noaddress", "editor", Some("新産業振興課"), None),
    ] {
        let mut args = vec!["user", "add", name, "--role", role, "--db", &db];
        if let Some(g) = group {
            args.extend(["--group", g]);
        }
        if let Some(e) = email {
            args.extend(["--email", e]);
        }
        ok(bin::run_stdin(
            SHINCHOKU,
            &args,
            "夏の朝に海を見に行く予定\n".as_bytes(),
        ));
    }
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
        &dir,
        &db,
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
        &dir,
        &db,
    ));
    let round = |args: &[&str]| {
        let mut all = vec!["round"];
        all.extend_from_slice(args);
        all.extend(["--plan", PLAN, "--fy", "2024"]);
        run(&all, &dir, &db)
    };
    ok(round(&[
        "open",
        "--due",
        "2025-06-30",
        "--stages",
        "self,first",
    ]));
    // suzuki's i5 goes to the planning office and comes back with a reason.
    ok(round(&[
        "submit",
        "--item",
        "i5",
        "--as",
        "suzuki",
        "--cause",
        "専門人材の不足",
        "--next",
        "研修を開く",
    ]));
    // Returned: whoever owes it now is told at once (the department's editors with an
    // address; the one without is named).
    let (notice_relay, notices) = sink();
    let o = ok(round(&[
        "return",
        "--item",
        "i5",
        "--as",
        "planner1",
        "--reason",
        "出典を示してください",
        "--smtp",
        &notice_relay,
    ]));
    assert!(err(&o).contains("noaddress"), "{}", err(&o));
    let notices = notices.lock().unwrap().clone();
    assert_eq!(
        notices.iter().map(|m| m.rcpt.as_str()).collect::<Vec<_>>(),
        ["suzuki@example.lg.jp"]
    );
    let text = body(&notices[0].data);
    for words in [
        "差し戻されました",
        "中小企業のIoT導入率",
        "出典を示してください",
        "planner1",
        "令和7年（2025年）6月30日",
    ] {
        assert!(text.contains(words), "{words} not in {text}");
    }
    // sato's i1 is submitted: the planning office owes it now.
    let o = round(&[
        "submit", "--item", "i1", "--as", "sato", "--cause", "c", "--next", "n",
    ]);
    ok(o);

    let (addr, got) = sink();
    let o = ok(run(
        &[
            "remind",
            "--plan",
            PLAN,
            "--fy",
            "2024",
            "--smtp",
            &addr,
            "--from",
            "kikaku@example.lg.jp",
        ],
        &dir,
        &db,
    ));
    assert!(out(&o).contains("件の督促を送信しました"), "{}", out(&o));
    assert!(
        err(&o).contains("noaddress"),
        "an account without an address is named"
    );
    let got = got.lock().unwrap().clone();
    let to: Vec<&str> = got.iter().map(|m| m.rcpt.as_str()).collect();
    let mut sorted = to.clone();
    sorted.sort_unstable();
    assert_eq!(
        sorted,
        ["kikaku@example.lg.jp", "suzuki@example.lg.jp"],
        "sato owes nothing now; tanaka's department has no item"
    );
    let suzuki = got.iter().find(|m| m.rcpt.starts_with("suzuki")).unwrap();
    assert!(
        suzuki.data.contains("Subject: =?UTF-8?B?"),
        "{}",
        suzuki.data
    );
    assert!(suzuki
        .data
        .contains("Content-Type: text/plain; charset=UTF-8"));
    let text = body(&suzuki.data);
    assert!(text.contains("令和7年（2025年）6月30日"), "{text}");
    assert!(text.contains("中小企業のIoT導入率"), "{text}");
    assert!(
        text.contains("出典を示してください"),
        "the reason of the return: {text}"
    );
    assert!(
        !text.contains("企業誘致件数"),
        "another department's item: {text}"
    );
    let planner = body(
        &got.iter()
            .find(|m| m.rcpt.starts_with("kikaku"))
            .unwrap()
            .data,
    );
    assert!(planner.contains("企業誘致件数"), "{planner}");

    // In English, the date is ISO; --dry-run prints instead of sending.
    let o = ok(run(
        &[
            "remind",
            "--plan",
            PLAN,
            "--fy",
            "2024",
            "--dry-run",
            "--lang",
            "en",
        ],
        &dir,
        &db,
    ));
    assert!(out(&o).contains("due 2025-06-30"), "{}", out(&o));
    assert!(out(&o).contains("To: suzuki@example.lg.jp"));
    // Without a relay or --dry-run: a usage error.
    let o = run(&["remind", "--plan", PLAN, "--fy", "2024"], &dir, &db);
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    // A relay that is not there: exit 4, naming it.
    let o = run(
        &[
            "remind",
            "--plan",
            PLAN,
            "--fy",
            "2024",
            "--smtp",
            "127.0.0.1:9",
        ],
        &dir,
        &db,
    );
    assert_eq!(o.status.code(), Some(4), "{}", err(&o));
    assert!(err(&o).contains("127.0.0.1:9"));
}
