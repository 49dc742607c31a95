//! Actual values in an Excel workbook: the input template `shinchoku template` writes, filled
//! in and saved by Excel or LibreOffice, or any workbook whose sheets carry the Actuals CSV's
//! header (`計画`, `指標`, `年度`, `実績値`, and optionally `状態`, `時点`, `出典`, `備考`, `内訳`).
//!
//! Each such sheet becomes the Actuals CSV it would be ([`ActualsSheet`]): its known columns
//! only (the template's `指標名`, `目標値` and the earlier years are there to help the person
//! filling it and are not read), its rows at their own line numbers, so that a refused cell
//! is named `FILE シート「名前」:ROW: 列「value」…` as the sheet numbers it. The values are
//! read as Excel shows them (the workbook reader's rules: a formula as the value it was saved
//! with, never computed), then by the Actuals CSV's cell reader, whose rules they follow.
//!
//! Refused before anything is read: a workbook that links to other files (`xl/externalLinks/`,
//! whose values would come from elsewhere), and everything the workbook reader refuses (a part
//! past its size bound, more cells or shared strings than it keeps, an encrypted package).

use std::io::Cursor;

use crate::extract::input::xlsx;
use crate::extract::text::Split;
use crate::extract::ExtractError;

/// A sheet's rows: each with its row number.
type SheetRows = Vec<(usize, Vec<String>)>;

/// One sheet of actual values, as an Actuals CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActualsSheet {
    /// How errors name it: `実績.xlsx シート「商工振興課」`.
    pub label: String,
    /// The CSV (UTF-8): the header, then each row of the sheet at its own line.
    pub csv: Vec<u8>,
}

/// The Actuals CSV column a header cell names, in the reader's own spelling.
fn known(header: &str) -> bool {
    let h = shinchoku_core::text::normalize(header)
        .trim()
        .to_ascii_lowercase();
    matches!(
        h.as_str(),
        "plan"
            | "計画"
            | "indicator"
            | "指標"
            | "period"
            | "年度"
            | "期間"
            | "value"
            | "値"
            | "実績値"
            | "status"
            | "状態"
            | "as_of"
            | "時点"
            | "source"
            | "出典"
            | "資料"
            | "note"
            | "備考"
            | "breakdown"
            | "内訳"
    )
}

/// Whether a header row names the four columns an Actuals CSV needs.
fn is_header(cells: &[String]) -> bool {
    let has = |names: &[&str]| {
        cells.iter().any(|c| {
            let h = shinchoku_core::text::normalize(c)
                .trim()
                .to_ascii_lowercase();
            names.contains(&h.as_str())
        })
    };
    has(&["plan", "計画"])
        && has(&["indicator", "指標"])
        && has(&["period", "年度", "期間"])
        && has(&["value", "値", "実績値"])
}

/// The sheets of workbook `bytes` (named `file`) that hold actual values, as Actuals CSVs;
/// `None` when no sheet has the header (the workbook is then a plan document).
///
/// # Errors
/// A workbook with external links, or one the workbook reader refuses.
pub fn actuals_sheets(bytes: &[u8], file: &str) -> Result<Option<Vec<ActualsSheet>>, ExtractError> {
    if let Ok(zip) = zip::ZipArchive::new(Cursor::new(bytes)) {
        if zip
            .file_names()
            .any(|n| n.is_ok_and(|n| n.starts_with("xl/externalLinks/")))
        {
            return Err(ExtractError {
                file: file.to_owned(),
                line: 1,
                message: "このブックは他のファイルへのリンク（外部参照）を含みます。値を貼り付けて\
                          リンクを外してから取り込んでください / this workbook links to other \
                          files (external references): paste the values and remove the links \
                          before importing it"
                    .to_owned(),
            });
        }
    }
    let rows = xlsx::read(bytes, file)?;
    // Rows of one sheet share the Split's table name.
    let mut sheets: Vec<(String, SheetRows)> = Vec::new();
    for (cells, split) in rows {
        let Split::Table { table, row } = split else {
            continue;
        };
        match sheets.last_mut() {
            Some((name, rows)) if *name == table => rows.push((row, cells)),
            _ => sheets.push((table, vec![(row, cells)])),
        }
    }
    let mut out = Vec::new();
    for (name, rows) in sheets {
        let Some(h) = rows.iter().position(|(_, cells)| is_header(cells)) else {
            continue;
        };
        let (header_row, header) = &rows[h];
        let keep: Vec<usize> = header
            .iter()
            .enumerate()
            .filter(|(_, c)| known(c))
            .map(|(i, _)| i)
            .collect();
        let mut csv = String::new();
        // Blank lines before the header keep each row at its own line number.
        for _ in 1..*header_row {
            csv.push('\n');
        }
        let mut line = *header_row;
        for (row, cells) in &rows[h..] {
            while line < *row {
                csv.push('\n');
                line += 1;
            }
            let fields: Vec<String> = keep
                .iter()
                .map(|&i| field(cells.get(i).map(String::as_str).unwrap_or_default()))
                .collect();
            if fields.iter().all(String::is_empty) && *row != *header_row {
                csv.push('\n');
            } else {
                csv.push_str(&fields.join(","));
                csv.push('\n');
            }
            line += 1;
        }
        out.push(ActualsSheet {
            label: format!("{file} {name}"),
            csv: csv.into_bytes(),
        });
    }
    Ok((!out.is_empty()).then_some(out))
}

/// A CSV field, quoted when it must be.
fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}
