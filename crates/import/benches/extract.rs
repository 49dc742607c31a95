//! Benchmarks of the extractor's speed: MB/s on each seed document, and on a document of about
//! 10 MB, which must extract in under 2 seconds (linear time: ISSUE 3); and time that grows
//! with the size of a document in every shape (ISSUE 14): one indicator table of 10,000 to
//! 100,000 rows, and documents of 1,000 to 20,000 numbered headings; and that table in each
//! rendering of a table the front end reads (tabs, ` | ` cells, columns aligned by spaces).
//!
//! `cargo bench -p shinchoku-import --bench extract`; the figures and the machine are in
//! BENCHMARKS.md → Extraction. The large document is the five seeds concatenated, again and
//! again, to 10 MB: the same shapes at scale, so a recogniser that rescans the document per line
//! or per table shows as a collapse of MB/s between the seeds and it. The huge table and the
//! many headings are made by `shinchoku_testkit::synthetic` (the test `large_shapes.rs` checks
//! what they extract to): a step that compares every row with every other shows as a time
//! that grows faster than the size. Every document is built before the timed closure. No peer
//! runs: there is no comparable extractor on this machine.
//!
//! The structured forms (ISSUE 16): the five seeds, concatenated to about 2 MB of text, written
//! as an HTML page, a Word document and a workbook (each tab-separated line a table row, each
//! other line a paragraph, or for the workbook a row of one cell), then read by the form's
//! reader alone (`input_reader`) and through the whole extraction (`input_extract`), in MB of
//! the file as published per second. The PDF reader is poppler's and is not benchmarked here
//! (BENCHMARKS.md → Reading PDFs).

use divan::counter::BytesCount;
use divan::{black_box, Bencher};
use shinchoku_import::extract::text::Doc;
use shinchoku_import::extract::{extract, input, to_plan};
use shinchoku_testkit::fixtures::document;
use shinchoku_testkit::{renderings, synthetic};

fn main() {
    divan::main();
}

/// The seed documents, by file name.
const SEEDS: [&str; 5] = [
    "000_f60bbd089ba62cab.txt",
    "001_6ee9265e4fb6d746.txt",
    "002_37690a6720ce00f4.txt",
    "003_37a24a92b93bc0eb.txt",
    "004_af65ec13672d85be.txt",
];

/// The size of the large document.
const LARGE: usize = 10 * 1024 * 1024;

fn seed(name: &str) -> Vec<u8> {
    let path = document(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The seeds concatenated until the text reaches [`LARGE`] bytes.
fn large() -> Vec<u8> {
    let seeds: Vec<Vec<u8>> = SEEDS.iter().map(|s| seed(s)).collect();
    let mut out = Vec::with_capacity(LARGE + 100_000);
    while out.len() < LARGE {
        for s in &seeds {
            out.extend_from_slice(s);
            out.push(b'\n');
        }
    }
    out
}

/// One seed document, read from its bytes (UTF-8) into an extraction.
#[divan::bench(args = SEEDS)]
fn seed_document(bencher: Bencher, name: &str) {
    let bytes = seed(name);
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| extract(black_box(&bytes), name).map(|ex| ex.nodes.len()));
}

/// The 10 MB document: the figure the 2-second guarantee is about.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn ten_mb(bencher: Bencher) {
    let bytes = large();
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| extract(black_box(&bytes), "large.txt").map(|ex| ex.nodes.len()));
}

/// The 10 MB document saved as Shift_JIS: detection and decoding on top of extraction.
#[divan::bench(sample_count = 5, sample_size = 1)]
fn ten_mb_shift_jis(bencher: Bencher) {
    let text = String::from_utf8(large()).unwrap_or_default();
    let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    let bytes = bytes.into_owned();
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| extract(black_box(&bytes), "large.txt").map(|ex| ex.nodes.len()));
}

/// One indicator table of `ROWS` rows (distinct names, units, baselines and targets with
/// their years): linear when the time grows as the rows do.
#[divan::bench(consts = [10_000, 20_000, 40_000, 100_000], sample_count = 3, sample_size = 1)]
fn huge_table<const ROWS: usize>(bencher: Bencher) {
    let bytes = synthetic::huge_table(ROWS).into_bytes();
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| extract(black_box(&bytes), "table.txt").map(|ex| ex.indicators.len()));
}

/// One indicator table of 100,000 rows in each rendering the front end cuts
/// (`extract/layout/`): tabs as written, ` | ` cells, and columns aligned by runs of spaces as
/// `pdftotext -layout` prints them. MB/s side by side: what reading a table's rendering costs
/// on top of the recognisers.
#[divan::bench(args = ["tabs", "pipes", "spaces"], sample_count = 3, sample_size = 1)]
fn rendering(bencher: Bencher, rendering: &str) {
    let tabs = synthetic::huge_table(100_000);
    let text = match rendering {
        "pipes" => renderings::as_pipes(&tabs),
        "spaces" => renderings::as_spaces(&tabs),
        _ => tabs,
    };
    let bytes = text.into_bytes();
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| extract(black_box(&bytes), "table.txt").map(|ex| ex.indicators.len()));
}

/// The front end alone on the same table: the text cut into rows of cells (`text::Doc::new`),
/// no recogniser.
#[divan::bench(args = ["tabs", "pipes", "spaces"], sample_count = 3, sample_size = 1)]
fn rendering_front_end(bencher: Bencher, rendering: &str) {
    let tabs = synthetic::huge_table(100_000);
    let text = match rendering {
        "pipes" => renderings::as_pipes(&tabs),
        "spaces" => renderings::as_spaces(&tabs),
        _ => tabs,
    };
    bencher
        .counter(BytesCount::new(text.len()))
        .bench(|| Doc::new("table.txt", black_box(&text)).lines.len());
}

/// A document of about `HEADINGS` numbered headings (chapters, sections, subsections and
/// items), with text and a table of two indicators under every subsection.
#[divan::bench(consts = [1_000, 5_000, 20_000], sample_count = 3, sample_size = 1)]
fn many_headings<const HEADINGS: usize>(bencher: Bencher) {
    let bytes = synthetic::many_headings(HEADINGS).0.into_bytes();
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| extract(black_box(&bytes), "headings.txt").map(|ex| ex.nodes.len()));
}

/// `extract --format toml` past the extraction: the plan and its file, from the extraction of
/// the largest seed, and of 1 MB and 4 MB of the concatenated seeds.
#[divan::bench(consts = [0, 1, 4], sample_count = 3, sample_size = 1)]
fn plan_file<const MB: usize>(bencher: Bencher) {
    let bytes = if MB == 0 {
        seed(SEEDS[4])
    } else {
        concatenated(MB)
    };
    let Ok(ex) = extract(&bytes, "large.txt") else {
        return;
    };
    bencher
        .counter(BytesCount::new(bytes.len()))
        .bench(|| to_plan::to_plan_file(black_box(&ex)).len());
}

/// The stages of [`extract`] in order, so that a slow one can be found.
const STAGES: [&str; 8] = [
    "decode",
    "lines",
    "structure",
    "indicators",
    "progress",
    "roadmap",
    "tables",
    "checks",
];

/// The seeds concatenated to `mb` megabytes.
fn concatenated(mb: usize) -> Vec<u8> {
    let mut out = large();
    out.truncate(mb * 1024 * 1024);
    // Cut at a line end, so that the text stays whole characters.
    let end = out.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    out.truncate(end);
    out
}

/// A recogniser's signature.
type Recognizer =
    fn(&shinchoku_import::extract::text::Doc, &mut shinchoku_import::extract::Extraction);

/// Runs the stages before `stage` and returns the document and the extraction so far.
fn before(
    bytes: &[u8],
    stage: &str,
) -> (
    shinchoku_import::extract::text::Doc,
    shinchoku_import::extract::Extraction,
) {
    use shinchoku_import::extract::{
        checks, indicators, progress, roadmap, structure, tables, text, Extraction,
    };
    let decoded = shinchoku_import::extract::decode::decode(bytes, "large.txt");
    let text_ = decoded.map(|d| d.text).unwrap_or_default();
    let doc = text::Doc::new("large.txt", &text_);
    let mut ex = Extraction::default();
    let steps: [(&str, Recognizer); 6] = [
        ("structure", structure::recognize),
        ("indicators", indicators::recognize),
        ("progress", progress::recognize),
        ("roadmap", roadmap::recognize),
        ("tables", tables::recognize),
        ("checks", checks::recognize),
    ];
    for (name, f) in steps {
        if name == stage {
            break;
        }
        f(&doc, &mut ex);
        if name == "structure" {
            // As `extract_text` does: the node index is built once, after the structure.
            ex.node_index = Some(shinchoku_import::extract::NodeIndex::with_parts(&doc, &ex));
        }
    }
    (doc, ex)
}

/// Each stage alone on 1 MB and on 4 MB of the concatenated seeds: a stage that takes four
/// times as long on four times the text is linear; sixteen times, quadratic.
#[divan::bench(consts = [1, 4], args = STAGES, sample_count = 3, sample_size = 1)]
fn stage<const MB: usize>(bencher: Bencher, stage: &str) {
    use shinchoku_import::extract::{
        checks, decode, indicators, progress, roadmap, structure, tables, text,
    };
    let bytes = concatenated(MB);
    let (doc, ex) = before(&bytes, stage);
    let text_ = String::from_utf8_lossy(&bytes).into_owned();
    bencher
        .counter(BytesCount::new(bytes.len()))
        .with_inputs(|| ex.clone())
        .bench_local_values(|mut ex| {
            match stage {
                "decode" => drop(black_box(decode::decode(&bytes, "large.txt"))),
                "lines" => drop(black_box(text::Doc::new("large.txt", &text_))),
                "structure" => structure::recognize(&doc, &mut ex),
                "indicators" => indicators::recognize(&doc, &mut ex),
                "progress" => progress::recognize(&doc, &mut ex),
                "roadmap" => roadmap::recognize(&doc, &mut ex),
                "tables" => tables::recognize(&doc, &mut ex),
                _ => checks::recognize(&doc, &mut ex),
            }
            ex
        });
}

/// The forms of the structured-input benchmarks.
const FORMS: [&str; 3] = ["html", "docx", "xlsx"];

/// About 2 MB of the seeds' text, as lines.
fn structured_text() -> Vec<String> {
    let seeds: Vec<String> = SEEDS
        .iter()
        .map(|s| String::from_utf8_lossy(&seed(s)).into_owned())
        .collect();
    let mut lines = Vec::new();
    let mut size = 0;
    while size < 2 << 20 {
        for s in &seeds {
            for l in s.lines() {
                size += l.len() + 1;
                lines.push(l.to_owned());
            }
        }
    }
    lines
}

/// Escapes text for XML and HTML.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The lines as a published file of `form`: runs of tab-separated lines as one table.
fn structured(form: &str) -> Vec<u8> {
    use std::io::Write;
    let lines = structured_text();
    let is_row = |l: &str| l.contains('\t');
    let mut out = String::new();
    match form {
        "html" => {
            out.push_str("<!doctype html><html><head><meta charset=\"utf-8\"></head><body>\n");
            let mut in_table = false;
            for l in &lines {
                match (is_row(l), in_table) {
                    (true, false) => out.push_str("<table>\n"),
                    (false, true) => out.push_str("</table>\n"),
                    _ => {}
                }
                in_table = is_row(l);
                if in_table {
                    out.push_str("<tr>");
                    for c in l.split('\t') {
                        out.push_str(&format!("<td>{}</td>", esc(c)));
                    }
                    out.push_str("</tr>\n");
                } else {
                    out.push_str(&format!("<p>{}</p>\n", esc(l)));
                }
            }
            out.push_str("</body></html>\n");
            return out.into_bytes();
        }
        "docx" => {
            let p = |t: &str| {
                format!(
                    "<w:p><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                    esc(t)
                )
            };
            out.push_str("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>");
            let mut in_table = false;
            for l in &lines {
                match (is_row(l), in_table) {
                    (true, false) => out.push_str("<w:tbl>"),
                    (false, true) => out.push_str("</w:tbl>"),
                    _ => {}
                }
                in_table = is_row(l);
                if in_table {
                    out.push_str("<w:tr>");
                    for c in l.split('\t') {
                        out.push_str(&format!("<w:tc>{}</w:tc>", p(c)));
                    }
                    out.push_str("</w:tr>");
                } else {
                    out.push_str(&p(l));
                }
            }
            if in_table {
                out.push_str("</w:tbl>");
            }
            out.push_str("</w:body></w:document>");
            return zip_of(&[("word/document.xml", out)]);
        }
        _ => {
            out.push_str("<worksheet><sheetData>");
            for (i, l) in lines.iter().enumerate() {
                out.push_str(&format!("<row r=\"{}\">", i + 1));
                for c in l.split('\t') {
                    out.push_str(&format!(
                        "<c t=\"inlineStr\"><is><t>{}</t></is></c>",
                        esc(c)
                    ));
                }
                out.push_str("</row>");
            }
            out.push_str("</sheetData></worksheet>");
            let book = "<workbook xmlns:r=\"r\"><sheets><sheet name=\"計画\" r:id=\"rId1\"/></sheets></workbook>";
            let rels = "<Relationships><Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
            return zip_of(&[
                ("xl/workbook.xml", book.to_owned()),
                ("xl/_rels/workbook.xml.rels", rels.to_owned()),
                ("xl/worksheets/sheet1.xml", out),
            ]);
        }
    }

    fn zip_of(parts: &[(&str, String)]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, body) in parts {
            zip.start_file(*name, opts)
                .and_then(|()| Ok(zip.write_all(body.as_bytes())?))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        zip.finish()
            .unwrap_or_else(|e| panic!("the package: {e}"))
            .into_inner()
    }
}

/// A structured document read by its form's reader alone, into rows (MB of the file per s).
#[divan::bench(args = FORMS, sample_count = 5, sample_size = 1)]
fn input_reader(bencher: Bencher, form: &str) {
    let bytes = structured(form);
    let file = format!("plan.{form}");
    assert!(input::read(&bytes, &file).is_ok(), "{file} does not read");
    bencher
        .counter(BytesCount::of_slice(&bytes))
        .bench(|| input::read(black_box(&bytes), &file).map(black_box).is_ok());
}

/// A structured document read through the whole extraction.
#[divan::bench(args = FORMS, sample_count = 5, sample_size = 1)]
fn input_extract(bencher: Bencher, form: &str) {
    let bytes = structured(form);
    let file = format!("plan.{form}");
    bencher
        .counter(BytesCount::of_slice(&bytes))
        .bench(|| extract(black_box(&bytes), &file).map(|ex| ex.indicators.len()));
}
