//! `shinchoku report`: snapshots of the Markdown and CSV report of the FY2022–26 plan (kept in
//! `tests/snapshots/`; `UPDATE_SNAPSHOTS=1` writes them anew, to be read in review), and every
//! number the bundled sample plans hold — baselines, targets and every actual value up to
//! the year reported — is in their reports.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers

use std::path::Path;

use calamine::Reader;

use shinchoku_testkit::bin::{self, ok, stdout as out};
use shinchoku_testkit::fixtures::repo;
use shinchoku_testkit::scratch::scratch;

const SHINCHOKU: &str = env!("CARGO_BIN_EXE_shinchoku");

fn snapshot(name: &str, got: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var("UPDATE_SNAPSHOTS").is_ok() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "{} is missing: UPDATE_SNAPSHOTS=1 writes it",
            path.display()
        )
    });
    assert!(
        want == got,
        "{} differs (UPDATE_SNAPSHOTS=1 writes it anew):\n--- want\n{want}\n--- got\n{got}",
        path.display()
    );
}

#[test]
fn the_markdown_and_csv_reports_are_as_kept() {
    let dir = scratch("report-snapshots");
    let db = format!("sqlite:{}", dir.join("r.db").display());
    let run = |args: &[&str]| bin::run_env(SHINCHOKU, args, &dir, &[("SHINCHOKU_DB", &db)]);
    let plan = repo().join("examples/yamaguchi-industry-2022.toml");
    ok(run(&["import", plan.to_str().unwrap()]));
    let report = |format: &str| {
        out(&ok(run(&[
            "report",
            "--plan",
            "yamaguchi-industry-2022",
            "--fy",
            "2023",
            "--format",
            format,
        ])))
    };
    snapshot("report-yamaguchi-2023.md", &report("md"));
    let csv = report("csv");
    assert!(csv.starts_with('\u{feff}'), "a BOM for Excel");
    snapshot("report-yamaguchi-2023.csv", &csv);
}

/// `38300` → `38,300`, as the HTML report prints numbers.
fn grouped(n: &str) -> String {
    let (sign, digits) = n.strip_prefix('-').map_or(("", n), |d| ("-", d));
    let (int, frac) = digits
        .split_once('.')
        .map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = sign.to_owned();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

#[test]
fn every_number_of_the_sample_plans_is_in_their_reports() {
    let dir = scratch("report-numbers");
    let db = format!("sqlite:{}", dir.join("r.db").display());
    let run = |args: &[&str]| bin::run_env(SHINCHOKU, args, &dir, &[("SHINCHOKU_DB", &db)]);
    ok(run(&["demo", "--print", "--db", &db]));
    // Each indicator's numbers as the site's JSON gives them, straight from the stored plan.
    let site = dir.join("site");
    ok(run(&["publish", "--out", site.to_str().unwrap()]));
    let list: serde_json::Value =
        serde_json::from_str(&out(&ok(run(&["plans", "--format", "json"])))).unwrap();
    let mut checked = 0;
    for p in list["plans"].as_array().unwrap() {
        let code = p["code"].as_str().unwrap();
        let html = out(&ok(run(&["report", "--plan", code, "--format", "html"])));
        let csv = out(&ok(run(&["report", "--plan", code, "--format", "csv"])));
        let folder = site.join("plans").join(code).join("indicators");
        if !folder.exists() {
            continue; // a plan without indicators
        }
        for e in std::fs::read_dir(&folder).unwrap() {
            let path = e.unwrap().path();
            if path.extension().is_none_or(|x| x != "json") {
                continue;
            }
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let fy = v["evaluation"]["fy"].as_i64();
            let mut numbers: Vec<String> = ["baseline", "target"]
                .iter()
                .filter_map(|k| v[k].as_str().map(str::to_owned))
                .collect();
            for o in v["observations"].as_array().unwrap() {
                let year: i64 = o["period"].as_str().unwrap()[2..6].parse().unwrap_or(0);
                let value = o["value"].as_str().unwrap();
                if fy.is_some_and(|fy| year <= fy) && value.parse::<f64>().is_ok() {
                    numbers.push(value.to_owned());
                }
            }
            for n in numbers {
                let shown = grouped(&n);
                assert!(
                    html.contains(&shown) || csv.contains(&format!(",{n},")),
                    "{code} {}: {n} is in neither report",
                    v["id"]
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "{checked} numbers checked");
}

/// The fields of a CSV (RFC 4180), row by row (a BOM dropped).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// A cell as the CSV writes it: text as it is, a number in its shortest form.
fn cell_text(c: &calamine::Data) -> String {
    match c {
        calamine::Data::Empty => String::new(),
        calamine::Data::String(s) => s.clone(),
        calamine::Data::Float(f) => f.to_string(),
        calamine::Data::Int(i) => i.to_string(),
        other => panic!("unexpected cell {other:?}"),
    }
}

#[test]
fn the_workbook_holds_what_the_csv_holds_read_back_and_in_libreoffice() {
    let dir = scratch("report-xlsx");
    let db = format!("sqlite:{}", dir.join("r.db").display());
    let run = |args: &[&str]| bin::run_env(SHINCHOKU, args, &dir, &[("SHINCHOKU_DB", &db)]);
    let plan = repo().join("examples/yamaguchi-industry-2022.toml");
    ok(run(&["import", plan.to_str().unwrap()]));
    let args = [
        "report",
        "--plan",
        "yamaguchi-industry-2022",
        "--fy",
        "2023",
    ];
    let csv = out(&ok(run(&[&args[..], &["--format", "csv"]].concat())));
    let xlsx = dir.join("進捗.xlsx");
    ok(run(&[
        &args[..],
        &["--format", "xlsx", "-o", xlsx.to_str().unwrap()],
    ]
    .concat()));
    let want = parse_csv(&csv);
    // Read back by calamine, a reader that is not ours, cell by cell: text as text, numbers as
    // numbers (trailing empty cells are not kept by the range).
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(std::fs::read(&xlsx).unwrap()))
            .unwrap();
    let sheets = book.sheet_names();
    assert_eq!(sheets.len(), 1, "{sheets:?}");
    let range = book.worksheet_range(&sheets[0]).unwrap();
    assert_eq!(range.start(), Some((0, 0)), "the table starts at A1");
    let got: Vec<Vec<String>> = range
        .rows()
        .map(|row| {
            let mut cells: Vec<String> = row.iter().map(cell_text).collect();
            while cells.last().is_some_and(String::is_empty) {
                cells.pop();
            }
            cells
        })
        .collect();
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(&want) {
        let w: Vec<&str> = w.iter().map(String::as_str).collect();
        assert_eq!(
            &w[..g.len()],
            &g.iter().map(String::as_str).collect::<Vec<_>>()[..]
        );
        assert!(w[g.len()..].iter().all(|c| c.is_empty()), "{w:?}");
    }
    // Numbers are stored as numbers, not as text that looks like one.
    let numbers = range
        .used_cells()
        .filter(|(_, _, c)| matches!(c, calamine::Data::Float(_) | calamine::Data::Int(_)))
        .count();
    assert!(numbers > 20, "{numbers} numeric cells");
    // LibreOffice Calc opens it and saves it as CSV: the same rows and cells.
    if !bin::have("soffice", "libreoffice-calc-nogui") {
        return;
    }
    bin::soffice_convert(
        &xlsx,
        "csv:Text - txt - csv (StarCalc):44,34,76,1",
        &dir.join("calc"),
        &dir.join("profile"),
    );
    let calc = std::fs::read_to_string(dir.join("calc/進捗.csv")).unwrap();
    assert_eq!(
        parse_csv(&calc),
        want,
        "what Calc read is what the CSV holds"
    );
}
