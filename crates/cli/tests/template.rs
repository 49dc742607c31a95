//! The Excel round trip: `template` writes a sheet per department with only the value, status
//! and note cells open; the workbook filled in (as Excel would: a number and a word typed into
//! those cells) comes back through `import` all or nothing — a bad cell refuses the whole
//! workbook naming its sheet, row and column — and what it brings is what `evaluate` reads.
//! LibreOffice Calc opens the template and saves it again, and that file imports too.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers

use std::io::{Cursor, Read, Write};
use std::path::Path;
use std::process::Output;

use shinchoku_testkit::bin::{self, ok, stderr as err, stdout as out};
use shinchoku_testkit::fixtures::repo;
use shinchoku_testkit::scratch::scratch;

const SHINCHOKU: &str = env!("CARGO_BIN_EXE_shinchoku");
const PLAN: &str = "yamaguchi-industry-2022";

fn run(args: &[&str], cwd: &Path, db: &str) -> Output {
    bin::run_env(SHINCHOKU, args, cwd, &[("SHINCHOKU_DB", db)])
}

/// The workbook with the cells `fills` (reference, XML of the cell's content) typed into the
/// sheet `sheet`, as Excel saves a typed number (`<v>`) or word (an inline string).
fn filled(xlsx: &[u8], sheet: usize, fills: &[(&str, &str)]) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(Cursor::new(xlsx)).unwrap();
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let target = format!("xl/worksheets/sheet{sheet}.xml");
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().into_owned();
        let mut body = String::new();
        f.read_to_string(&mut body).unwrap();
        if name == target {
            for (cell, content) in fills {
                let empty = format!("<c r=\"{cell}\" s=\"7\"/>");
                assert!(body.contains(&empty), "{cell} is no open cell");
                body = body.replace(&empty, &format!("<c r=\"{cell}\" s=\"7\"{content}</c>"));
            }
        }
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(body.as_bytes()).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn value_of(dir: &Path, db: &str, id: &str) -> String {
    let o = ok(run(
        &[
            "evaluate", "--plan", PLAN, "--fy", "2024", "--format", "json",
        ],
        dir,
        db,
    ));
    let v: serde_json::Value = serde_json::from_str(&out(&o)).unwrap();
    v["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap()["value"]
        .to_string()
}

#[test]
fn a_filled_template_comes_back_whole_or_not_at_all() {
    let dir = scratch("template");
    let db = format!("sqlite:{}", dir.join("t.db").display());
    let plan = repo().join("examples/yamaguchi-industry-2022.toml");
    ok(run(&["import", plan.to_str().unwrap()], &dir, &db));
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
    let tpl = dir.join("実績入力.xlsx");
    ok(run(
        &[
            "template",
            "--plan",
            PLAN,
            "--fy",
            "2024",
            "-o",
            tpl.to_str().unwrap(),
        ],
        &dir,
        &db,
    ));
    let bytes = std::fs::read(&tpl).unwrap();
    let sheet1 = {
        let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        let mut s = String::new();
        zip.by_name("xl/worksheets/sheet1.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    assert!(sheet1.contains("<sheetProtection sheet=\"1\""), "protected");
    assert!(sheet1.contains("type=\"list\""), "the status is a list");
    let book = {
        let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        let mut s = String::new();
        zip.by_name("xl/workbook.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    assert!(
        book.contains("name=\"商工振興課\"") && book.contains("name=\"新産業振興課\""),
        "a sheet per department: {book}"
    );

    // A word where a number goes: the whole workbook is refused, naming sheet, row and
    // column; the good cell of the other sheet is not stored either.
    let bad = dir.join("bad.xlsx");
    std::fs::write(
        &bad,
        filled(
            &filled(&bytes, 1, &[("J2", "><v>33</v>")]),
            2,
            &[("J2", " t=\"inlineStr\"><is><t>たくさん</t></is>")],
        ),
    )
    .unwrap();
    let o = run(&["import", bad.to_str().unwrap()], &dir, &db);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(
        err(&o).contains("bad.xlsx シート「担当課未設定」:2: 列「value」"),
        "{}",
        err(&o)
    );
    assert_ne!(
        value_of(&dir, &db, "i1"),
        "33",
        "nothing of a refused workbook"
    );

    // A workbook that links to another file is refused before anything is read.
    let linked = {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let mut zip = zip::ZipArchive::new(Cursor::new(&bytes[..])).unwrap();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let name = f.name().unwrap().into_owned();
            let mut body = Vec::new();
            f.read_to_end(&mut body).unwrap();
            w.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            w.write_all(&body).unwrap();
        }
        w.start_file(
            "xl/externalLinks/externalLink1.xml",
            zip::write::SimpleFileOptions::default(),
        )
        .unwrap();
        w.write_all(b"<externalLink/>").unwrap();
        w.finish().unwrap().into_inner()
    };
    let linked_file = dir.join("linked.xlsx");
    std::fs::write(&linked_file, linked).unwrap();
    let o = run(&["import", linked_file.to_str().unwrap()], &dir, &db);
    assert_eq!(o.status.code(), Some(1), "{}", out(&o));
    assert!(err(&o).contains("外部参照"), "{}", err(&o));

    // Filled well: a number and its status.
    let good = dir.join("good.xlsx");
    std::fs::write(
        &good,
        filled(
            &bytes,
            1,
            &[
                ("J2", "><v>33</v>"),
                ("K2", " t=\"inlineStr\"><is><t>速報</t></is>"),
            ],
        ),
    )
    .unwrap();
    let o = ok(run(&["import", good.to_str().unwrap()], &dir, &db));
    assert!(out(&o).contains("シート「商工振興課」"), "{}", out(&o));
    let o = ok(run(
        &["history", "--indicator", "i1", "--format", "json"],
        &dir,
        &db,
    ));
    assert!(out(&o).contains("33 (provisional)"), "{}", out(&o));

    // Calc opens the template and saves it again; that workbook imports as well.
    if !bin::have("soffice", "libreoffice-calc-nogui") {
        return;
    }
    let calc = dir.join("calc");
    std::fs::create_dir_all(&calc).unwrap();
    std::fs::write(
        calc.join("in.xlsx"),
        filled(&bytes, 1, &[("J2", "><v>41</v>")]),
    )
    .unwrap();
    bin::soffice_convert(
        &calc.join("in.xlsx"),
        "xlsx:Calc MS Excel 2007 XML",
        &calc.join("out"),
        &calc.join("profile"),
    );
    let saved = calc.join("out/in.xlsx");
    let o = ok(run(&["import", saved.to_str().unwrap()], &dir, &db));
    assert!(out(&o).contains("シート「商工振興課」"), "{}", out(&o));
    assert_eq!(value_of(&dir, &db, "i1").trim_matches('"'), "41");
}
