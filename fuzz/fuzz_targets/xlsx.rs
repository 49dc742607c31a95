//! Fuzz target: the workbook reader never panics, stays within its bounds, and what it reads
//! extracts into a plan file that reads back; a workbook read as actual values
//! (`workbook::actuals_sheets`) gives sheets the Actuals CSV reader reads without panicking.
//!
//! The first byte chooses what the rest is: the whole file (0), or one XML part of an
//! otherwise valid workbook, stored uncompressed so that the fuzzer's bytes reach the XML
//! reader: the sheet (1), the shared strings (2), the styles (3) or the workbook (4).

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;
use shinchoku_import::extract::{extract, input};

const WORKBOOK: &str = r#"<workbook xmlns:r="r"><workbookPr/><sheets><sheet name="指標" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const RELS: &str = r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#;
const STRINGS: &str = r#"<sst><si><t>指標名</t></si><si><t>現状値</t></si><si><t>目標値</t></si><si><r><t>観光客数</t></r><rPh><t>カンコウ</t></rPh></si></sst>"#;
const STYLES: &str = r#"<styleSheet><numFmts><numFmt numFmtId="176" formatCode="0.0%"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="176"/><xf numFmtId="14"/></cellXfs></styleSheet>"#;
const SHEET: &str = r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2" t="s"><v>3</v></c><c r="B2" s="1"><v>0.225</v></c><c r="C2" s="2"><v>45017</v></c></row></sheetData></worksheet>"#;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut parts = vec![
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", RELS),
        ("xl/sharedStrings.xml", STRINGS),
        ("xl/styles.xml", STYLES),
        ("xl/worksheets/sheet1.xml", SHEET),
    ];
    let bytes = match mode % 5 {
        0 => rest.to_vec(),
        m => {
            let name = match m {
                1 => "xl/worksheets/sheet1.xml",
                2 => "xl/sharedStrings.xml",
                3 => "xl/styles.xml",
                _ => "xl/workbook.xml",
            };
            parts.retain(|(n, _)| *n != name);
            common::package(&parts, name, rest)
        }
    };
    let _ = input::xlsx::read(&bytes, "fuzz.xlsx");
    // A workbook of actual values (the filled input template): its sheets as Actuals CSVs,
    // each of which the CSV reader reads without panicking.
    if let Ok(Some(sheets)) = shinchoku_import::workbook::actuals_sheets(&bytes, "fuzz.xlsx") {
        for sheet in sheets {
            if let Ok(reader) =
                shinchoku_import::actuals::ActualsReader::new(&sheet.csv[..], &sheet.label)
            {
                for row in reader {
                    if let Err(e) = row {
                        assert!(e.line >= 1, "a row error without a line");
                    }
                }
            }
        }
    }
    match extract(&bytes, "fuzz.xlsx") {
        Ok(ex) => common::plan_file_reads_back(&ex),
        Err(e) => assert!(e.line >= 1, "an error without a line: {e}"),
    }
});
