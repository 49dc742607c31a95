//! `shinchoku demo` and `shinchoku serve` as a user starts them: the address printed, the
//! pages answering over HTTP, the JSON API answering what `evaluate` prints, a clean stop on
//! SIGTERM, nothing left behind.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Stdio};

use shinchoku_testkit::bin;
use shinchoku_testkit::http;
use shinchoku_testkit::scratch::scratch;

const SHINCHOKU: &str = env!("CARGO_BIN_EXE_shinchoku");

/// The server's child process, killed if the test fails before stopping it.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts `shinchoku args…` in `dir` and reads the address from its first line, and `more`
/// lines after it.
fn start(args: &[&str], dir: &std::path::Path, more: usize) -> (Running, SocketAddr, String) {
    let mut child = bin::command(SHINCHOKU)
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    let mut rest = String::new();
    for _ in 0..more {
        out.read_line(&mut rest).unwrap();
    }
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|s| s.split('/').next())
        .unwrap_or_else(|| panic!("no address in {first:?}"))
        .parse()
        .unwrap();
    (Running(child), addr, first + &rest)
}

fn terminate(mut running: Running) -> std::process::ExitStatus {
    let pid = running.0.id().to_string();
    std::process::Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .unwrap();
    running.0.wait().unwrap()
}

#[test]
fn demo_serves_the_bundled_plans_and_removes_its_database_on_stop() {
    let dir = scratch("demo-serve");
    let (running, addr, printed) = start(&["demo", "--bind", "127.0.0.1:0", "--quiet"], &dir, 3);
    assert!(printed.contains("http://127.0.0.1:"), "{printed}");
    // The administrator it created, with a password of its own, printed once.
    let password = printed
        .split("パスワード: ")
        .nth(1)
        .and_then(|s| s.split_whitespace().next())
        .unwrap_or_else(|| panic!("no password in {printed}"));
    assert!(printed.contains("管理者アカウント: admin"), "{printed}");
    assert_eq!(password.chars().count(), 16, "{printed}");
    let dash = http::get(addr, "/", &[]);
    assert_eq!(dash.status, 200);
    let body = dash.text();
    for title in [
        "山口県 商工業振興 産業編（令和4年度～令和8年度）",
        "山口県 産業戦略プロジェクト（令和3年度～令和5年度）",
    ] {
        assert!(body.contains(title), "{title}");
    }
    let plan = http::get(addr, "/plans/yamaguchi-industry-2022", &[]);
    assert_eq!(plan.status, 200);
    assert!(plan.text().contains("企業誘致件数"));
    let status = terminate(running);
    assert!(status.success(), "{status:?}");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        0,
        "nothing left behind"
    );
}

#[test]
fn serve_shows_an_import_made_while_it_runs() {
    let dir = scratch("serve-import");
    let db = format!("sqlite:{}", dir.join("s.db").display());
    let (running, addr, _) = start(
        &[
            "serve",
            "--db",
            &db,
            "--bind",
            "127.0.0.1:0",
            "--quiet",
            "--public",
        ],
        &dir,
        0,
    );
    assert!(http::get(addr, "/", &[])
        .text()
        .contains("計画はまだ登録されていません"));
    let plan = shinchoku_testkit::fixtures::example("design-example.toml");
    bin::ok(bin::run(
        SHINCHOKU,
        &["import", plan.to_str().unwrap(), "--db", &db],
        &dir,
    ));
    let body = http::get(addr, "/", &[]).text();
    assert!(!body.contains("計画はまだ登録されていません"), "{body}");
    assert!(terminate(running).success());
}

#[test]
fn serve_without_public_asks_for_a_sign_in_and_the_cli_makes_the_accounts() {
    let dir = scratch("serve-private");
    let db = format!("sqlite:{}", dir.join("s.db").display());
    let plan = shinchoku_testkit::fixtures::example("design-example.toml");
    bin::ok(bin::run(
        SHINCHOKU,
        &["import", plan.to_str().unwrap(), "--db", &db],
        &dir,
    ));
    let input = |args: &[&str], stdin: &str| {
        let mut child = std::process::Command::new(SHINCHOKU)
            .args(args)
            .current_dir(&dir)
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        use std::io::Write as _;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let add = ["user", "add", "sato", "--role", "editor", "--db", &db];
    let o = input(&add, "夏の朝に海を見に行く予定\n");
    assert_eq!(o.status.code(), Some(1), "an editor needs --group");
    let add = [&add[..], &["--group", "商工振興課"]].concat();
    let o = input(&add, "password1234\n");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        bin::stderr(&o).contains("よく使われて"),
        "{}",
        bin::stderr(&o)
    );
    bin::ok(input(&add, "夏の朝に海を見に行く予定\n"));
    let o = bin::run(
        SHINCHOKU,
        &["user", "list", "--format", "json", "--db", &db],
        &dir,
    );
    let list: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(list[0]["name"], "sato");
    assert_eq!(list[0]["group"], "商工振興課");
    let plan_code = "yamaguchi-industry-2022";
    let o = bin::run(
        SHINCHOKU,
        &[
            "assign", "--plan", plan_code, "--node", "nope", "--group", "x", "--db", &db,
        ],
        &dir,
    );
    assert_eq!(o.status.code(), Some(1), "no such node");
    bin::ok(bin::run(
        SHINCHOKU,
        &[
            "assign",
            "--plan",
            plan_code,
            "--node",
            "m1",
            "--group",
            "商工振興課",
            "--db",
            &db,
        ],
        &dir,
    ));
    let o = bin::run(
        SHINCHOKU,
        &["token", "add", "--user", "sato", "--db", &db],
        &dir,
    );
    let token = String::from_utf8(o.stdout).unwrap().trim().to_owned();
    assert_eq!(token.len(), 64, "the token alone on stdout");
    let (running, addr, _) = start(
        &["serve", "--db", &db, "--bind", "127.0.0.1:0", "--quiet"],
        &dir,
        0,
    );
    let r = http::get(addr, "/", &[]);
    assert_eq!(r.status, 303);
    assert_eq!(r.header("location"), Some("/login?next=%2F"));
    assert_eq!(http::get(addr, "/api/v1/plans", &[]).status, 401);
    let auth = format!("Bearer {token}");
    assert_eq!(
        http::get(addr, "/api/v1/plans", &[("authorization", &auth)]).status,
        200
    );
    let body =
        format!(r#"{{"plan": "{plan_code}", "indicator": "i1", "period": "FY2025", "value": 42}}"#);
    let r = http::request(
        addr,
        "POST",
        "/api/v1/observations",
        &[
            ("authorization", &auth),
            ("content-type", "application/json"),
        ],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(terminate(running).success());
    bin::ok(bin::run(
        SHINCHOKU,
        &["user", "remove", "sato", "--db", &db],
        &dir,
    ));
    let o = bin::run(SHINCHOKU, &["user", "remove", "sato", "--db", &db], &dir);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn an_address_in_use_is_a_clear_error() {
    let dir = scratch("serve-busy");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let db = format!("sqlite:{}", dir.join("s.db").display());
    let o = bin::run(SHINCHOKU, &["serve", "--db", &db, "--bind", &addr], &dir);
    assert_eq!(o.status.code(), Some(4));
    assert!(bin::stderr(&o).contains(&addr), "{}", bin::stderr(&o));
}

#[test]
fn the_api_evaluates_every_plan_as_evaluate_prints_it() {
    let dir = scratch("serve-api");
    let db = format!("sqlite:{}", dir.join("demo.db").display());
    let (running, addr, _) = start(
        &["demo", "--db", &db, "--bind", "127.0.0.1:0", "--quiet"],
        &dir,
        3,
    );
    let list = http::get(addr, "/api/v1/plans", &[]).json();
    let plans = list["plans"].as_array().unwrap();
    assert!(plans.len() >= 5, "{list:#}");
    let mut borrowed = 0;
    for p in plans {
        let code = p["code"].as_str().unwrap();
        // The plan's latest year with data, and a year of its period that has none.
        let mut years: Vec<i64> = p["latest_fy"].as_i64().into_iter().collect();
        years.push(2025);
        for fy in years {
            let api = http::get(
                addr,
                &format!("/api/v1/plans/{code}/evaluation?fy={fy}"),
                &[],
            );
            assert_eq!(api.status, 200, "{code} {fy}: {}", api.text());
            let cli = bin::ok(bin::run(
                SHINCHOKU,
                &[
                    "evaluate",
                    "--plan",
                    code,
                    "--fy",
                    &fy.to_string(),
                    "--format",
                    "json",
                    "--db",
                    &db,
                ],
                &dir,
            ));
            let cli: serde_json::Value = serde_json::from_str(&bin::stdout(&cli)).unwrap();
            // Numbers compare by their digits (serde_json's arbitrary precision): equal
            // objects mean the same fields and the same numbers, digit for digit.
            assert_eq!(api.json(), cli, "{code} FY{fy}");
            borrowed += cli["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|i| i.get("borrowed").is_some())
                .count();
        }
    }
    assert!(
        borrowed > 0,
        "the demo's plans borrow values, and both show them"
    );
    assert!(terminate(running).success());
}
