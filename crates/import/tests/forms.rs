//! The corpus of published forms: every fixture in `tests/forms/` against its hand-checked key.
//!
//! Each fixture (`NN-short-name.txt`, `.md` or `.html`) keeps the rendering of a kind of table
//! or list that other governments publish, exactly as their pages have it (pipes, runs of
//! spaces, one cell per line, run-on paragraphs), with names and numbers of our own; its
//! `NN-short-name.key.json` says what a correct extraction yields (see `tests/README.md`).
//!
//! The score is per keyed row: an indicator is found by its normalised name (the answer key's
//! rule, `shinchoku_testkit::answer_key::name_matches`, an equal name preferred), a progress
//! entry likewise, a roadmap item by its title; the row is exact when every field its key
//! lists equals. Fields the key does not list are not compared; a field keyed `null` must be
//! null. Values are decimal strings in the key and compared as decimals.
//!
//! The test stays true as the extractor improves: `tests/forms/PENDING` lists the fixtures
//! not yet read exactly. It fails when a fixture not listed has a row that is not exact, when a
//! listed fixture has become exact (take it off the list), when the list names a fixture that
//! does not exist, and when extraction panics on any fixture.
//!
//! `.html` fixtures are also printed to PDF by chromium and `.docx` fixtures by LibreOffice,
//! and each PDF is read against the same key (`tests/forms/PENDING-PDF`).
//!
//! `cargo test -p shinchoku-import --test forms -- --nocapture` prints the per-file table and
//! the total; `FORMS_DIFF=1` adds every mismatch of every row, pending ones included.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;
use shinchoku_import::extract::extract;
use shinchoku_testkit::answer_key::{name_matches, norm, unit_eq};
use shinchoku_testkit::bin::have;

fn forms_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/forms")
}

/// The fixture files (`01-….txt`), sorted; keys and the PENDING list are not fixtures.
fn fixture_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(forms_dir())
        .expect("tests/forms exists")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            !name.ends_with(".key.json")
                && ["txt", "md", "html", "docx"]
                    .iter()
                    .any(|x| p.extension().is_some_and(|e| e == *x))
        })
        .collect();
    files.sort();
    files
}

/// `01-pipe-table` from `01-pipe-table.md`.
fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// The stems listed in `tests/forms/PENDING` (one a line, `#` starts a comment).
fn pending() -> Vec<String> {
    listed_in("PENDING")
}

/// The stems listed in the file `name` of `tests/forms/`, one a line; `#` starts a comment.
fn listed_in(name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(forms_dir().join(name)).unwrap_or_default();
    text.lines()
        .map(|l| l.split('#').next().unwrap_or_default().trim())
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

// ---- comparing one field --------------------------------------------------------------------

/// A number as a decimal: the extraction writes JSON numbers, the key decimal strings.
fn decimal(v: &Value) -> Option<Decimal> {
    let text = match v {
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        _ => return None,
    };
    Decimal::from_str(text.trim())
        .or_else(|_| Decimal::from_scientific(text.trim()))
        .ok()
        .map(|d| d.normalize())
}

/// The keyed value equals the extracted one: `null` must be null, a number equal as decimals.
fn same_value(got: &Value, want: &Value) -> bool {
    match want {
        Value::Null => got.is_null(),
        _ => decimal(want).is_some_and(|w| decimal(got) == Some(w)),
    }
}

/// Text fields (periods, marks, kinds) compare as they are; a keyed `null` must be null.
fn same_text(got: &Value, want: &Value) -> bool {
    match want {
        Value::Null => got.is_null(),
        Value::String(w) => got.as_str() == Some(w.as_str()),
        _ => got == want,
    }
}

/// Mismatches of one keyed row, as `field: got … (expected …)`.
#[derive(Default)]
struct Diffs(Vec<String>);

impl Diffs {
    fn check(&mut self, field: &str, ok: bool, got: &Value, want: &Value) {
        if !ok {
            self.0.push(format!("{field}: {got} (expected {want})"));
        }
    }

    /// Compares the keyed fields of `want` (an object) with `got`, by `how`.
    fn fields(&mut self, prefix: &str, got: &Value, want: &Value, how: &[(&str, Cmp)]) {
        let Some(w) = want.as_object() else { return };
        for (field, cmp) in how {
            let Some(wv) = w.get(*field) else { continue };
            let gv = &got[*field];
            let ok = match cmp {
                Cmp::Value => same_value(gv, wv),
                Cmp::Text => same_text(gv, wv),
                Cmp::Unit => unit_eq(gv, wv),
            };
            self.check(&format!("{prefix}{field}"), ok, gv, wv);
        }
    }
}

#[derive(Clone, Copy)]
enum Cmp {
    Value,
    Text,
    Unit,
}

/// The extracted item a keyed row names: an equal normalised name first, else the only one
/// whose name contains it (the answer key's rule).
fn find<'a>(items: &'a [Value], field: &str, name: &str) -> Result<&'a Value, String> {
    let want = norm(name);
    if let Some(v) = items
        .iter()
        .find(|i| norm(i[field].as_str().unwrap_or_default()) == want)
    {
        return Ok(v);
    }
    let near: Vec<&Value> = items
        .iter()
        .filter(|i| name_matches(i[field].as_str().unwrap_or_default(), name))
        .collect();
    match near.as_slice() {
        [one] => Ok(one),
        [] => Err("not found".to_owned()),
        many => Err(format!("{} items contain the name", many.len())),
    }
}

fn check_indicator(got: &Value, want: &Value) -> Diffs {
    let mut d = Diffs::default();
    // `units_accepted` lists the spellings a reader may choose between (`件` or `件/年`).
    if let Some(units) = want.get("units_accepted").and_then(Value::as_array) {
        let ok = units.iter().any(|u| unit_eq(&got["unit"], u));
        d.check("unit", ok, &got["unit"], &want["units_accepted"]);
    }
    d.fields(
        "",
        got,
        want,
        &[
            ("unit", Cmp::Unit),
            ("kind", Cmp::Text),
            ("direction", Cmp::Text),
            ("comparator", Cmp::Text),
        ],
    );
    for side in ["baseline", "target"] {
        let (g, w) = (&got[side], &want[side]);
        d.fields(
            &format!("{side}."),
            g,
            w,
            &[
                ("value", Cmp::Value),
                ("period", Cmp::Text),
                ("stat", Cmp::Text),
            ],
        );
        // A target in words keeps its words in `note` (DESIGN.md → Indicators).
        if let Some(text) = w.get("text").and_then(Value::as_str) {
            let ok = g["note"]
                .as_str()
                .is_some_and(|n| norm(n).contains(&norm(text)));
            d.check(&format!("{side}.text"), ok, &g["note"], &w["text"]);
        }
    }
    if let Some(years) = want.get("yearly_targets").and_then(Value::as_object) {
        for (period, wv) in years {
            let gv = &got["yearly_targets"][period.as_str()];
            d.check(
                &format!("yearly_targets.{period}"),
                same_value(gv, wv),
                gv,
                wv,
            );
        }
    }
    d
}

fn check_progress(got: &Value, want: &Value) -> Diffs {
    let mut d = Diffs::default();
    d.fields(
        "",
        got,
        want,
        &[
            ("actual", Cmp::Value),
            ("target", Cmp::Value),
            ("final_target", Cmp::Value),
            ("unit", Cmp::Unit),
            ("mark", Cmp::Text),
            ("actual_text", Cmp::Text),
            ("target_text", Cmp::Text),
            ("as_of", Cmp::Text),
            ("status", Cmp::Text),
            ("kind", Cmp::Text),
        ],
    );
    d
}

fn check_roadmap(got: &Value, want: &Value) -> Diffs {
    let mut d = Diffs::default();
    d.fields("", got, want, &[("start", Cmp::Text), ("end", Cmp::Text)]);
    d
}

/// `base` with `over`'s fields laid on top, objects merged field by field.
fn merged(base: &Value, over: &Value) -> Value {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            let mut out = b.clone();
            for (k, v) in o {
                let m = merged(b.get(k).unwrap_or(&Value::Null), v);
                out.insert(k.clone(), m);
            }
            Value::Object(out)
        }
        _ => over.clone(),
    }
}

// ---- one fixture ----------------------------------------------------------------------------

/// Compares one extracted row with its key.
type RowCheck = fn(&Value, &Value) -> Diffs;

/// What one fixture scored.
struct Score {
    file: String,
    keyed: usize,
    exact: usize,
    /// The panic's message, when extraction panicked.
    panicked: Option<String>,
    /// `kind name: field …` for every row not exact.
    misses: Vec<String>,
}

/// The key of a fixture (`NN-name.key.json` beside it).
fn key_of(path: &Path) -> Value {
    let key_path = path.with_file_name(format!("{}.key.json", stem(path)));
    let key_text = std::fs::read_to_string(&key_path)
        .unwrap_or_else(|e| panic!("{}: its key {} ({e})", path.display(), key_path.display()));
    serde_json::from_str(&key_text)
        .unwrap_or_else(|e| panic!("{}: not JSON ({e})", key_path.display()))
}

fn score(path: &Path) -> Score {
    let file = path.file_name().unwrap().to_string_lossy().into_owned();
    let bytes = std::fs::read(path).unwrap();
    score_bytes(&file, &bytes, &key_of(path))
}

/// Scores the extraction of `bytes`, read as the file `file`, against `key`.
fn score_bytes(file: &str, bytes: &[u8], key: &Value) -> Score {
    let file = file.to_owned();
    let mut s = Score {
        file: file.clone(),
        keyed: 0,
        exact: 0,
        panicked: None,
        misses: Vec::new(),
    };
    let got = match catch_unwind(AssertUnwindSafe(|| extract(bytes, &file))) {
        Err(p) => {
            let msg = p
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| p.downcast_ref::<&str>().map(|m| (*m).to_owned()))
                .unwrap_or_default();
            s.panicked = Some(msg);
            Value::Null
        }
        // An extraction error reads nothing: every keyed row misses.
        Ok(Err(e)) => {
            s.misses.push(format!("extraction failed: {e}"));
            Value::Null
        }
        Ok(Ok(ex)) => serde_json::to_value(&ex).unwrap(),
    };

    let sections: [(&str, &str, &str, RowCheck); 3] = [
        ("indicators", "indicator", "name", check_indicator),
        ("progress_entries", "progress", "name", check_progress),
        ("roadmap", "roadmap", "title", check_roadmap),
    ];
    for (section, label, field, check) in sections {
        let items = got[section].as_array().cloned().unwrap_or_default();
        for want in key[section].as_array().cloned().unwrap_or_default() {
            s.keyed += 1;
            let name = want[field].as_str().unwrap_or_default();
            match find(&items, field, name) {
                Err(why) => s.misses.push(format!("{label} {name:?}: {why}")),
                Ok(g) => {
                    // A key may list readings that are equally right (`alternatives`, each
                    // merged over the row): the row is exact when any of them is.
                    let mut d = check(g, &want);
                    for alt in want["alternatives"].as_array().cloned().unwrap_or_default() {
                        if !d.0.is_empty() && check(g, &merged(&want, &alt)).0.is_empty() {
                            d = Diffs::default();
                        }
                    }
                    if d.0.is_empty() {
                        s.exact += 1;
                    } else {
                        s.misses
                            .push(format!("{label} {name:?}: {}", d.0.join("; ")));
                    }
                }
            }
        }
    }
    s
}

// ---- the test -------------------------------------------------------------------------------

#[test]
fn every_fixture_reads_as_its_key_says_or_is_pending() {
    let files = fixture_files();
    assert!(!files.is_empty(), "no fixtures in tests/forms");
    let pending = pending();
    let stems: Vec<String> = files.iter().map(|p| stem(p)).collect();
    let show_all = std::env::var_os("FORMS_DIFF").is_some();

    let mut table = String::new();
    let mut failures = Vec::new();
    let (mut keyed, mut exact) = (0, 0);
    for path in &files {
        let s = score(path);
        let listed = pending.contains(&stem(path));
        keyed += s.keyed;
        exact += s.exact;
        let all_exact = s.exact == s.keyed && s.misses.is_empty();
        let status = match (&s.panicked, listed, all_exact) {
            (Some(_), _, _) => "PANIC",
            (None, true, true) => "exact, still listed",
            (None, true, false) => "pending",
            (None, false, true) => "exact",
            (None, false, false) => "NOT EXACT",
        };
        writeln!(
            table,
            "{:<52} {:>3} / {:<3} {status}",
            s.file, s.exact, s.keyed
        )
        .unwrap();
        if let Some(msg) = &s.panicked {
            failures.push(format!("{}: extraction panicked: {msg}", s.file));
        } else if listed && all_exact {
            failures.push(format!(
                "{}: every keyed row is exact now; take it off tests/forms/PENDING",
                s.file
            ));
        } else if !listed && !all_exact {
            failures.push(format!(
                "{}: {} of {} keyed rows exact:\n    {}",
                s.file,
                s.exact,
                s.keyed,
                s.misses.join("\n    ")
            ));
        }
        if show_all && !s.misses.is_empty() {
            for m in &s.misses {
                writeln!(table, "    {m}").unwrap();
            }
        }
    }
    for p in &pending {
        if !stems.contains(p) {
            failures.push(format!(
                "tests/forms/PENDING names {p}, which is no fixture"
            ));
        }
    }
    let pct = if keyed == 0 {
        0.0
    } else {
        100.0 * exact as f64 / keyed as f64
    };
    println!(
        "{table}total: {exact} of {keyed} keyed rows exact ({pct:.1} %), {} fixtures, {} pending",
        files.len(),
        pending.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ---- the same tables as PDFs ----------------------------------------------------------------

/// The stems listed in `tests/forms/PENDING-PDF`: HTML and Word fixtures read exactly as
/// themselves whose PDF does not read exactly yet.
fn pending_pdf() -> Vec<String> {
    listed_in("PENDING-PDF")
}

/// Every HTML fixture printed to a PDF by Debian's chromium (A4, Noto CJK fonts), then read as
/// a PDF — through poppler's `pdftotext -layout` and the front end — against the same key:
/// a plan table published as a PDF must read as the page it was printed from. A fixture still
/// pending as HTML is skipped; `tests/forms/PENDING-PDF` lists those whose PDF is not exact
/// yet, and is kept true the same way as PENDING.
#[test]
fn html_fixtures_printed_to_pdf_read_as_their_keys() {
    if !have("chromium", "chromium fonts-noto-cjk") || !have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = shinchoku_testkit::scratch::scratch("forms-pdf");
    let pending = pending();
    let pending_pdf = pending_pdf();
    let mut failures = Vec::new();
    let mut table = String::new();
    let mut printed = Vec::new();
    for path in fixture_files() {
        let name = stem(&path);
        if path.extension().is_none_or(|e| e != "html") || skip_pending(&pending, &name) {
            continue;
        }
        let pdf = dir.join(format!("{name}.pdf"));
        let out = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-pdf-header-footer",
            ])
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(&path)
            .output()
            .unwrap();
        let bytes = std::fs::read(&pdf).unwrap_or_else(|e| {
            panic!(
                "{name}: chromium made no PDF ({e}): {}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
        score_printed(
            &name,
            &bytes,
            &path,
            &pending_pdf,
            &mut table,
            &mut failures,
        );
        printed.push(name);
    }
    for p in pending_pdf.iter().filter(|p| !is_docx(p)) {
        if !printed.contains(p) {
            failures.push(format!(
                "tests/forms/PENDING-PDF names {p}, which is no HTML fixture read exactly"
            ));
        }
    }
    println!("{table}");
    assert!(!printed.is_empty(), "no HTML fixture was printed to PDF");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Scores the PDF printed from the fixture at `path` against its key: a line of `table`, and
/// a failure when it misses a row without being on `PENDING-PDF` or is listed but exact.
fn score_printed(
    name: &str,
    bytes: &[u8],
    path: &Path,
    pending_pdf: &[String],
    table: &mut String,
    failures: &mut Vec<String>,
) {
    let s = score_bytes(&format!("{name}.pdf"), bytes, &key_of(path));
    let exact = s.exact == s.keyed && s.misses.is_empty() && s.panicked.is_none();
    let listed = pending_pdf.iter().any(|p| p == name);
    // A fixture not yet read as itself is printed only to be measured (FORMS_PDF_ALL): its
    // line is in the table, and it neither passes nor fails.
    let measured_only = pending().iter().any(|p| p == name);
    writeln!(table, "{name}.pdf {:>3} / {:<3}", s.exact, s.keyed).unwrap();
    match (exact, listed) {
        _ if measured_only => {}
        (true, true) => failures.push(format!(
            "{name}.pdf reads exactly now; take it off tests/forms/PENDING-PDF"
        )),
        (false, false) => failures.push(format!(
            "{name}.pdf: {} of {} keyed rows exact:\n    {}",
            s.exact,
            s.keyed,
            s.misses.join("\n    ")
        )),
        _ => {}
    }
}

/// True when a fixture still pending as itself is not printed: always, unless `FORMS_PDF_ALL`
/// is set (to measure how its PDF reads all the same).
fn skip_pending(pending: &[String], name: &str) -> bool {
    pending.iter().any(|p| p == name) && std::env::var_os("FORMS_PDF_ALL").is_none()
}

/// True when the fixture `stem` is a Word document (`NN-name.docx`).
fn is_docx(stem: &str) -> bool {
    forms_dir().join(format!("{stem}.docx")).exists()
}

/// Every `.docx` fixture printed to a PDF by Debian's LibreOffice (`soffice --headless
/// --convert-to pdf`, the Noto CJK fonts), then read as a PDF against the same key: a plan
/// written in Word and published as a PDF must read as its document does. The second printer
/// beside chromium, whose layout differs (cell padding, where a wrapped cell's lines fall, a
/// row's number glued to its name). `tests/forms/PENDING-PDF` lists those not exact yet.
#[test]
fn docx_fixtures_printed_to_pdf_by_libreoffice_read_as_their_keys() {
    if !have("soffice", "libreoffice-writer-nogui fonts-noto-cjk")
        || !have("pdftotext", "poppler-utils")
    {
        return;
    }
    let dir = shinchoku_testkit::scratch::scratch("forms-lo");
    // A profile of its own: LibreOffice refuses to start beside another instance's profile.
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let pending = pending();
    let pending_pdf = pending_pdf();
    let mut failures = Vec::new();
    let mut table = String::new();
    let mut printed = Vec::new();
    for path in fixture_files() {
        let name = stem(&path);
        if path.extension().is_none_or(|e| e != "docx") || skip_pending(&pending, &name) {
            continue;
        }
        let out = Command::new("soffice")
            .arg(&profile)
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&*dir)
            .arg(&path)
            .output()
            .unwrap();
        let pdf = dir.join(format!("{name}.pdf"));
        let bytes = std::fs::read(&pdf).unwrap_or_else(|e| {
            panic!(
                "{name}: LibreOffice made no PDF ({e}): {}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
        score_printed(
            &name,
            &bytes,
            &path,
            &pending_pdf,
            &mut table,
            &mut failures,
        );
        printed.push(name);
    }
    for p in pending_pdf.iter().filter(|p| is_docx(p)) {
        if !printed.contains(p) {
            failures.push(format!(
                "tests/forms/PENDING-PDF names {p}, which is no .docx fixture read exactly"
            ));
        }
    }
    println!("{table}");
    assert!(!printed.is_empty(), "no .docx fixture was printed to PDF");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
