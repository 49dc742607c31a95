//! Documents in the forms they are published in, read end to end: a PDF printed by Debian's
//! chromium from an HTML plan table (its ruled table read cell by cell from its lines and
//! words' boxes; the same table without lines through `pdftotext -layout`), a PDF with no
//! text (a scan), xlsx and docx packages built here (including one that inflates past the
//! bound on a part), and packages real writers saved — LibreOffice Calc and Writer, and
//! openpyxl — committed in `tests/fixtures/packages/` with the script that made them.
//!
//! The PDF tests need `chromium` (with `fonts-noto-cjk` for the glyphs) and `pdftotext`
//! (`poppler-utils`): without them they print why and pass, except under `CI=true`, where a
//! missing program is a failure (`.ci/run` installs both).

// Test code: a panic, with its message, is how a test reports a failure.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
use std::process::Command;

use shinchoku_import::extract::input::{self, Read};
use shinchoku_import::extract::{extract, text::Split};
use shinchoku_testkit::bin::have;
use shinchoku_testkit::scratch::scratch;

/// A plan table as a city prints it: several columns, Japanese, and a name long enough to
/// wrap over two lines in its column.
const PLAN_TABLE: &str = r#"<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><title>成果指標</title>
<style>body{font-family:"Noto Sans CJK JP";font-size:11pt} table{border-collapse:collapse}
td,th{border:1px solid #000;padding:2px 6px} td.n{width:9em}</style></head>
<body><h1>第３章　施策の展開</h1><p>（１）地域産業の振興</p>
<table>
<tr><th>指標名</th><th>単位</th><th>現状値（R4）</th><th>目標値（R9）</th></tr>
<tr><td class="n">市内で創業した事業者の累計件数</td><td>件</td><td>42</td><td>120</td></tr>
<tr><td class="n">観光客数</td><td>万人</td><td>86.7</td><td>110</td></tr>
<tr><td class="n">中小企業のデジタル化率</td><td>％</td><td>22.5</td><td>50.0</td></tr>
</table></body></html>"#;

/// Prints `html` to a PDF with chromium.
fn print_pdf(dir: &Path, html: &str) -> Vec<u8> {
    let page = dir.join("page.html");
    std::fs::write(&page, html).unwrap();
    let pdf = dir.join("page.pdf");
    let o = Command::new("chromium")
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        pdf.exists(),
        "chromium made no PDF: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    std::fs::read(pdf).unwrap()
}

#[test]
fn a_ruled_table_in_a_pdf_reads_cell_by_cell_with_its_wrapped_name_whole() {
    if !have("chromium", "chromium fonts-noto-cjk") || !have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = scratch("pdf-ruled");
    let pdf = print_pdf(&dir, PLAN_TABLE);
    let Read::Doc { doc, encoding } = input::read(&pdf, "計画.pdf").unwrap() else {
        panic!("a PDF with a ruled table reads as rows of cells");
    };
    assert_eq!(encoding, "PDF");
    let cells = |l: &shinchoku_import::extract::text::Line| l.cells.clone();
    let rows: Vec<Vec<String>> = doc.lines.iter().filter(|l| l.is_row()).map(cells).collect();
    // Each row's cells as the table has them (NFKC applied, as to every line); the name
    // wrapped in its cell is one name.
    assert_eq!(
        rows,
        [
            ["指標名", "単位", "現状値(R4)", "目標値(R9)"],
            ["市内で創業した事業者の累計件数", "件", "42", "120"],
            ["観光客数", "万人", "86.7", "110"],
            ["中小企業のデジタル化率", "%", "22.5", "50.0"],
        ]
    );
    let row = doc.lines.iter().find(|l| l.cells[0] == "観光客数").unwrap();
    assert_eq!(
        row.split,
        Split::Table {
            table: "1 ページの表 1".into(),
            row: 3
        }
    );
    // The text around the table, before it, in order.
    let texts: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
    let heading = texts.iter().position(|t| t.starts_with("第3章")).unwrap();
    let section = texts
        .iter()
        .position(|t| *t == "(1)地域産業の振興")
        .unwrap();
    let header = texts.iter().position(|t| t.starts_with("指標名")).unwrap();
    assert!(heading < section && section < header, "{texts:?}");
    let ex = extract(&pdf, "計画.pdf").unwrap();
    assert_eq!(ex.encoding, "PDF");
    assert_eq!(ex.indicators.len(), 3, "{:?}", ex.indicators);
}

#[test]
fn a_pdf_table_without_lines_reads_back_each_row_on_one_line_in_column_order() {
    if !have("chromium", "chromium fonts-noto-cjk") || !have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = scratch("pdf");
    let pdf = print_pdf(
        &dir,
        &PLAN_TABLE.replace("border:1px solid #000", "border:none"),
    );
    let Read::Text { text, encoding } = input::read(&pdf, "計画.pdf").unwrap() else {
        panic!("a PDF without ruled tables reads as its -layout text");
    };
    assert_eq!(encoding, "PDF");
    let words = |l: &str| l.split_whitespace().map(str::to_owned).collect::<Vec<_>>();
    let lines: Vec<Vec<String>> = text.lines().map(words).collect();
    // The Japanese exactly as printed (full-width forms kept; NFKC comes later), each row's
    // cells on one line, in the order of the columns.
    for row in [
        vec!["指標名", "単位", "現状値（R4）", "目標値（R9）"],
        vec!["観光客数", "万人", "86.7", "110"],
    ] {
        assert!(
            lines.contains(&row.iter().map(|s| s.to_string()).collect()),
            "{row:?} in\n{text}"
        );
    }
    assert!(text.contains("第３章"), "{text}");
    // The wrapped name: its first part on the row's line, the rest on the next line.
    let at = lines
        .iter()
        .position(|l| l.first().is_some_and(|c| c.starts_with("市内で創業")))
        .expect(&text);
    assert_eq!(lines[at][1..], ["件", "42", "120"]);
    assert_eq!(
        lines[at][0].clone() + &lines[at + 1].concat(),
        "市内で創業した事業者の累計件数"
    );
    // And the whole path reads the same file.
    let ex = extract(&pdf, "計画.pdf").unwrap();
    assert_eq!(ex.encoding, "PDF");
}

#[test]
fn a_pdf_with_no_text_a_scan_is_refused_with_what_to_do() {
    if !have("chromium", "chromium fonts-noto-cjk") || !have("pdftotext", "poppler-utils") {
        return;
    }
    let dir = scratch("scan");
    // A page with nothing but an image, as a scanner makes.
    const PNG: &str = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    let pdf = print_pdf(
        &dir,
        &format!("<!doctype html><body><img style='width:600px;height:800px' src='data:image/png;base64,{PNG}'></body>"),
    );
    let e = extract(&pdf, "scan.pdf").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("scan.pdf:1: 文字情報のない PDF（スキャン画像）です"),
        "{e}"
    );
}

/// An Office package of the given parts, deflated as Office saves them.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in parts {
        zip.start_file(*name, opts).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A workbook of one sheet `指標`, with shared strings (one with its phonetic reading), a
/// percentage format, a merged heading and a formula.
fn workbook() -> Vec<u8> {
    package(&[
        ("[Content_Types].xml", b"<Types/>"),
        (
            "xl/workbook.xml",
            r#"<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="指標" sheetId="1" r:id="rId1"/><sheet name="作業用" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>"#.as_bytes(),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            br#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Target="/xl/worksheets/sheet2.xml"/></Relationships>"#,
        ),
        (
            "xl/sharedStrings.xml",
            r#"<sst><si><t>成果指標</t></si><si><t>指標名</t></si><si><t>現状値（R4）</t></si><si><t>目標値（R9）</t></si><si><r><t>観光</t></r><r><t>客数</t></r><rPh><t>カンコウキャクスウ</t></rPh></si><si><t>中小企業のデジタル化率</t></si><si><t>隠し</t></si></sst>"#.as_bytes(),
        ),
        (
            "xl/styles.xml",
            br#"<styleSheet><numFmts><numFmt numFmtId="176" formatCode="0.0%"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="176"/></cellXfs></styleSheet>"#,
        ),
        (
            "xl/worksheets/sheet1.xml",
            br#"<worksheet><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c></row>
<row r="3"><c r="A3" t="s"><v>1</v></c><c r="B3" t="s"><v>2</v></c><c r="C3" t="s"><v>3</v></c></row>
<row r="4"><c r="A4" t="s"><v>4</v></c><c r="B4"><v>86.7</v></c><c r="C4"><f>B4+23.3</f><v>110.00000000000001</v></c></row>
<row r="5"><c r="A5" t="s"><v>5</v></c><c r="B5" s="1"><v>0.225</v></c><c r="C5" s="1"><v>0.5</v></c></row>
</sheetData><mergeCells><mergeCell ref="A1:C1"/></mergeCells></worksheet>"#,
        ),
        (
            "xl/worksheets/sheet2.xml",
            br#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>6</v></c></row></sheetData></worksheet>"#,
        ),
    ])
}

fn cells(rows: &[(Vec<String>, Split)]) -> Vec<Vec<&str>> {
    rows.iter()
        .map(|(c, _)| c.iter().map(String::as_str).collect())
        .collect()
}

#[test]
fn a_workbook_is_read_cell_by_cell_as_excel_shows_it() {
    let bytes = workbook();
    // Told by content, whatever the name.
    assert_eq!(input::form_of(&bytes, "指標.bin"), input::Form::Xlsx);
    let rows = input::xlsx::read(&bytes, "指標.xlsx").unwrap();
    assert_eq!(
        cells(&rows),
        [
            vec!["成果指標"],
            vec![],
            vec!["指標名", "現状値（R4）", "目標値（R9）"],
            vec!["観光客数", "86.7", "110"],
            vec!["中小企業のデジタル化率", "22.5%", "50.0%"],
        ]
    );
    assert_eq!(rows[3].1.describe(), "シート「指標」 の 4 行目");
    let ex = extract(&bytes, "指標.xlsx").unwrap();
    assert_eq!(ex.encoding, "xlsx");
    assert_eq!(
        indicators(&ex),
        ["観光客数 86.7 → 110", "中小企業のデジタル化率 22.5 → 50"]
    );
}

/// Each indicator as `name baseline → target`.
fn indicators(ex: &shinchoku_import::extract::Extraction) -> Vec<String> {
    let v = |q: &shinchoku_import::extract::model::ValueAt| {
        q.value.map_or("-".to_owned(), |v| v.to_string())
    };
    ex.indicators
        .iter()
        .map(|i| format!("{} {} → {}", i.name, v(&i.baseline), v(&i.target)))
        .collect()
}

#[test]
fn an_html_plan_table_yields_its_indicators() {
    let ex = extract(PLAN_TABLE.as_bytes(), "成果指標.html").unwrap();
    assert_eq!(ex.encoding, "HTML (UTF-8)");
    assert_eq!(
        indicators(&ex),
        [
            "市内で創業した事業者の累計件数 42 → 120",
            "観光客数 86.7 → 110",
            "中小企業のデジタル化率 22.5 → 50"
        ]
    );
}

#[test]
fn a_word_document_is_read_paragraph_by_paragraph_and_cell_by_cell() {
    let body = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>成果指標</w:t></w:r></w:p>
<w:tbl>
<w:tr><w:tc><w:p><w:r><w:t>指標名</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>現状値（R4）</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>目標値（R9）</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:tc><w:p><w:r><w:t>市内で創業した事業者の</w:t></w:r></w:p><w:p><w:r><w:t>累計件数</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>42件</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>120件</w:t></w:r></w:p></w:tc></w:tr>
</w:tbl></w:body></w:document>"#;
    let bytes = package(&[("word/document.xml", body.as_bytes())]);
    assert_eq!(input::form_of(&bytes, "x"), input::Form::Docx);
    let rows = input::docx::read(&bytes, "計画.docx").unwrap();
    assert_eq!(
        cells(&rows),
        [
            vec!["成果指標"],
            vec![],
            vec!["指標名", "現状値（R4）", "目標値（R9）"],
            vec!["市内で創業した事業者の 累計件数", "42件", "120件"],
        ]
    );
    assert_eq!(rows[3].1.describe(), "Word の表 1 の 2 行目");
    assert_eq!(extract(&bytes, "計画.docx").unwrap().encoding, "docx");
}

#[test]
fn a_part_that_inflates_past_the_bound_is_refused_in_bounded_memory() {
    // 65 MiB of zeros deflate to about 64 KiB: a small ZIP bomb.
    let zeros = vec![b'0'; 65 << 20];
    let bytes = package(&[
        ("word/document.xml", b"<w:document/>".as_slice()),
        ("xl/workbook.xml", b"<workbook/>"),
    ]);
    assert_eq!(input::form_of(&bytes, "x"), input::Form::Docx);
    let bomb = package(&[("word/document.xml", zeros.as_slice())]);
    assert!(bomb.len() < 1 << 20);
    let e = extract(&bomb, "bomb.docx").unwrap_err();
    assert!(
        e.to_string().starts_with(
            "bomb.docx:1: docx の部品 word/document.xml が展開すると 64 MiB を超えます"
        ),
        "{e}"
    );
    let bomb = package(&[("xl/workbook.xml", zeros.as_slice())]);
    let e = extract(&bomb, "bomb.xlsx").unwrap_err();
    assert!(e.message.contains("ZIP bomb"), "{e}");
}

#[test]
fn damaged_or_foreign_packages_are_refused_naming_the_file() {
    let e = extract(b"PK\x03\x04 not really", "x.xlsx").unwrap_err();
    assert!(
        e.to_string()
            .starts_with("x.xlsx:1: xlsx ファイルとして開けません"),
        "{e}"
    );
    let other = package(&[("content.xml", b"<office/>".as_slice())]);
    let e = extract(&other, "x.docx").unwrap_err();
    assert!(e.message.contains("Word の文書ではありません"), "{e}");
    let e = extract(&other, "x.ods").unwrap_err();
    assert!(e.message.contains("neither an Excel workbook"), "{e}");
    let bad = package(&[(
        "word/document.xml",
        b"<w:document><w:body></w:document>".as_slice(),
    )]);
    let e = extract(&bad, "bad.docx").unwrap_err();
    assert!(e.message.contains("XML として壊れています"), "{e}");
}

/// A package from `tests/fixtures/packages/`, made by real writers (`make.py` there).
fn real_package(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/packages")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each indicator as `name unit baseline@period → target@period (kind)`.
fn indicators_in_full(ex: &shinchoku_import::extract::Extraction) -> Vec<String> {
    let v = |q: &shinchoku_import::extract::model::ValueAt| {
        format!(
            "{}@{}",
            q.value.map_or("-".to_owned(), |v| v.to_string()),
            q.period.map_or("-".to_owned(), |p| p.to_string())
        )
    };
    ex.indicators
        .iter()
        .map(|i| {
            format!(
                "{} {} {} → {} ({:?})",
                i.name,
                i.unit,
                v(&i.baseline),
                v(&i.target),
                i.kind
            )
        })
        .collect()
}

/// A workbook LibreOffice Calc saved (its own styles, shared strings and number formats, a
/// merged title, merged group cells, a formula it computed): read as Excel shows it, the
/// formula as its stored value, the percentages as the sheet prints them.
#[test]
fn a_workbook_saved_by_libreoffice_reads_as_its_sheet_shows() {
    let bytes = real_package("kpi-libreoffice.xlsx");
    assert_eq!(input::form_of(&bytes, "x"), input::Form::Xlsx);
    let ex = extract(&bytes, "kpi.xlsx").unwrap();
    assert_eq!(
        ex.plan.title.as_deref(),
        Some("第2期 若葉市まち・ひと・しごと創生総合戦略 重要業績評価指標(KPI)")
    );
    assert_eq!(
        indicators_in_full(&ex),
        [
            "市内の新規創業件数 件 1234@FY2020 → 1500@FY2025 (Cumulative)",
            "若者の市内就職率 % 22.5@FY2020 → 30@FY2025 (Level)",
            "観光入込客数 万人 86.7@FY2020 → 110@FY2025 (Level)",
            "移住相談件数 件 312@FY2020 → 450@FY2025 (Level)",
        ]
    );
    assert!(ex.warnings.is_empty(), "{:?}", ex.warnings);
}

/// The same workbook as openpyxl wrote it, before any spreadsheet opened it: its formula has
/// no stored value, and a formula is never evaluated, so that target is read as missing and
/// every other cell as in the sheet Calc saved.
#[test]
fn a_formula_saved_without_its_value_is_read_as_no_value_never_evaluated() {
    let ex = extract(&real_package("kpi-openpyxl.xlsx"), "kpi.xlsx").unwrap();
    let rows = indicators_in_full(&ex);
    assert_eq!(
        rows[0],
        "市内の新規創業件数 件 1234@FY2020 → -@- (Cumulative)"
    );
    assert_eq!(
        rows[1..],
        [
            "若者の市内就職率 % 22.5@FY2020 → 30@FY2025 (Level)",
            "観光入込客数 万人 86.7@FY2020 → 110@FY2025 (Level)",
            "移住相談件数 件 312@FY2020 → 450@FY2025 (Level)",
        ]
    );
}

/// A plan section LibreOffice Writer saved as Word 2007 XML (its own numbering, styles and a
/// table with a row span): the headings make the nodes, the table its indicators under the
/// last heading.
#[test]
fn a_word_document_saved_by_libreoffice_yields_its_sections_and_indicators() {
    let bytes = real_package("plan-libreoffice.docx");
    assert_eq!(input::form_of(&bytes, "x"), input::Form::Docx);
    let ex = extract(&bytes, "plan.docx").unwrap();
    let titles: Vec<&str> = ex.nodes.iter().map(|n| n.title.as_str()).collect();
    assert_eq!(titles, ["施策の展開", "ひとの流れをつくる", "観光の振興"]);
    assert_eq!(
        indicators_in_full(&ex),
        [
            "観光入込客数 万人 86.7@FY2022 → 110@FY2027 (Level)",
            "宿泊者数 千人 412@FY2022 → 500@FY2027 (Level)",
            "移住相談件数 件 312@FY2022 → 450@FY2027 (Level)",
        ]
    );
    let last = ex.nodes.last().map(|n| n.id.as_str());
    assert!(ex.indicators.iter().all(|i| i.node.as_deref() == last));
}
