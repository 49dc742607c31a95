//! A small writer of Office Open XML workbooks (`.xlsx`): the parts Excel and LibreOffice need
//! for sheets of text and numbers, with a fixed set of cell styles, column widths, merged
//! cells, a frozen header and A4 print settings — what the 評価シート and the reports write.
//!
//! Why not a general library: the one the design names (rust_xlsxwriter) brings zlib-rs and
//! zopfli and about a hundred thousand lines to the build, for the few parts written here; the
//! ZIP package (deflate through flate2's pure-Rust backend) is already built for reading
//! documents.
//!
//! Everything written is valid whatever the text: XML is escaped, characters XML cannot carry
//! are written as OOXML's `_xHHHH_` escapes (and a literal `_xHHHH_` is escaped in turn, so a
//! reader gets back exactly the text given), sheet names are made legal and unique, and a
//! number Excel would round (more than 15 significant digits) is written as text.
//!
//! ```
//! use shinchoku_report::xlsx::{Style, Workbook, Worksheet};
//! use shinchoku_core::Decimal;
//!
//! let mut sheet = Worksheet::new("評価シート");
//! sheet.text(0, 0, "企業誘致件数", Style::Header);
//! sheet.number(1, 0, Decimal::new(125, 1), Style::Number);
//! sheet.width(0, 30.0);
//! let bytes = Workbook { sheets: vec![sheet] }.to_bytes();
//! assert!(bytes.is_ok());
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{Cursor, Write};

use shinchoku_core::Decimal;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// The cell styles a sheet may use (one `cellXfs` entry each, in this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// No border, the default font.
    #[default]
    Plain,
    /// A sheet's title: bold, larger.
    Title,
    /// A table's column heading: bold on grey, bordered, centred, wrapped.
    Header,
    /// Text in a table: bordered, wrapped, at the top.
    Text,
    /// A number in a table: bordered, right-aligned.
    Number,
    /// A form's label (「要因分析」 beside its text): bold on grey, bordered, wrapped.
    Label,
    /// A number shown as a percentage of one (0.624 → 62.4%): bordered.
    Percent,
    /// A cell to fill in: bordered, on pale yellow, and not locked when the sheet is
    /// protected ([`Worksheet::protect`]).
    Input,
}

impl Style {
    fn index(self) -> u32 {
        match self {
            Style::Plain => 0,
            Style::Title => 1,
            Style::Header => 2,
            Style::Text => 3,
            Style::Number => 4,
            Style::Label => 5,
            Style::Percent => 6,
            Style::Input => 7,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Value {
    Text(String),
    Number(Decimal),
}

/// A range of cells: first row, first column, last row, last column (all from 0).
pub type Range = (u32, u32, u32, u32);

/// What a range of cells accepts ([`Worksheet::validate`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Validation {
    /// One of these words (a drop-down list in Excel and LibreOffice).
    List(Vec<String>),
    /// A number (decimals and negatives allowed).
    Decimal,
}

/// One worksheet: cells by (row, column), both from 0.
#[derive(Debug, Clone, Default)]
pub struct Worksheet {
    /// The name on its tab (made legal and unique when written).
    pub name: String,
    cells: BTreeMap<(u32, u32), (Value, Style)>,
    widths: BTreeMap<u32, f64>,
    merges: Vec<(u32, u32, u32, u32)>,
    freeze_rows: u32,
    landscape: bool,
    protected: bool,
    validations: Vec<(Range, Validation, String)>,
}

impl Worksheet {
    /// An empty sheet named `name`, printed in portrait.
    pub fn new(name: impl Into<String>) -> Self {
        Worksheet {
            name: name.into(),
            ..Worksheet::default()
        }
    }

    /// Writes text at (`row`, `col`); an empty text leaves the cell with its style only.
    pub fn text(&mut self, row: u32, col: u32, text: impl Into<String>, style: Style) {
        self.cells
            .insert((row, col), (Value::Text(text.into()), style));
    }

    /// Writes a number at (`row`, `col`): a number cell when Excel keeps its digits (at most 15
    /// significant), otherwise its digits as text, so nothing is rounded away.
    pub fn number(&mut self, row: u32, col: u32, value: Decimal, style: Style) {
        let v = value.normalize();
        let digits = v.mantissa().unsigned_abs().to_string().len();
        let value = if digits <= 15 {
            Value::Number(v)
        } else {
            Value::Text(v.to_string())
        };
        self.cells.insert((row, col), (value, style));
    }

    /// Sets column `col`'s width, in characters of the default font.
    pub fn width(&mut self, col: u32, chars: f64) {
        if chars.is_finite() && chars > 0.0 {
            self.widths.insert(col, chars.min(255.0));
        }
    }

    /// Merges the cells from (`row`, `col`) to (`last_row`, `last_col`) into one.
    pub fn merge(&mut self, row: u32, col: u32, last_row: u32, last_col: u32) {
        if last_row >= row && last_col >= col && (last_row, last_col) != (row, col) {
            self.merges.push((row, col, last_row, last_col));
        }
    }

    /// Keeps the first `rows` rows in view when scrolling.
    pub fn freeze_rows(&mut self, rows: u32) {
        self.freeze_rows = rows;
    }

    /// Protects the sheet: only [`Style::Input`] cells can be changed (no password: it keeps
    /// mistakes out, not people).
    pub fn protect(&mut self) {
        self.protected = true;
    }

    /// Lets the cells from (`row`, `col`) to (`last_row`, `last_col`) take only what `rule`
    /// allows, with `message` shown when something else is typed.
    pub fn validate(
        &mut self,
        (row, col, last_row, last_col): Range,
        rule: Validation,
        message: impl Into<String>,
    ) {
        if last_row >= row && last_col >= col {
            self.validations
                .push(((row, col, last_row, last_col), rule, message.into()));
        }
    }

    /// Prints the sheet across the page (A4 landscape).
    pub fn landscape(&mut self) {
        self.landscape = true;
    }

    /// The number of the last row written, plus one.
    pub fn rows(&self) -> u32 {
        self.cells
            .keys()
            .next_back()
            .map_or(0, |(r, _)| r.saturating_add(1))
    }
}

/// A workbook: its sheets in order.
#[derive(Debug, Clone, Default)]
pub struct Workbook {
    /// The sheets, in tab order; an empty workbook is written with one empty sheet.
    pub sheets: Vec<Worksheet>,
}

/// Why a workbook could not be written (the ZIP package refused a part).
#[derive(Debug)]
pub struct XlsxError(String);

impl std::fmt::Display for XlsxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "writing the workbook: {}", self.0)
    }
}

impl std::error::Error for XlsxError {}

impl Workbook {
    /// The workbook as the bytes of an `.xlsx` file.
    ///
    /// # Errors
    /// Only if the ZIP writer fails, which writing to memory does not.
    pub fn to_bytes(&self) -> Result<Vec<u8>, XlsxError> {
        let empty = [Worksheet::new("Sheet1")];
        let sheets: &[Worksheet] = if self.sheets.is_empty() {
            &empty
        } else {
            &self.sheets
        };
        let names = sheet_names(sheets.iter().map(|s| s.name.as_str()));
        let mut strings = Strings::default();
        let bodies: Vec<String> = sheets.iter().map(|s| sheet_xml(s, &mut strings)).collect();

        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
        let mut put = |name: &str, body: &str| -> Result<(), XlsxError> {
            zip.start_file(name, opts)
                .map_err(|e| XlsxError(e.to_string()))?;
            zip.write_all(body.as_bytes())
                .map_err(|e| XlsxError(e.to_string()))
        };
        put("[Content_Types].xml", &content_types(sheets.len()))?;
        put("_rels/.rels", RELS)?;
        put("docProps/app.xml", APP)?;
        put("xl/workbook.xml", &workbook_xml(&names))?;
        put("xl/_rels/workbook.xml.rels", &workbook_rels(sheets.len()))?;
        put("xl/styles.xml", STYLES)?;
        put("xl/sharedStrings.xml", &strings.xml())?;
        for (i, body) in bodies.iter().enumerate() {
            put(&format!("xl/worksheets/sheet{}.xml", i + 1), body)?;
        }
        let cursor = zip.finish().map_err(|e| XlsxError(e.to_string()))?;
        Ok(cursor.into_inner())
    }
}

/// `A`, `B`, …, `Z`, `AA`, … for column `col` (from 0).
pub fn column_name(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

fn cell_ref(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), u64::from(row) + 1)
}

/// Sheet names as Excel takes them: none of `[]:*?/\`, not empty, at most 31 characters, no
/// apostrophe at either end, and unique regardless of case (`名前 (2)` for a second).
pub fn sheet_names<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    let mut out = Vec::new();
    for name in names {
        let clean: String = name
            .chars()
            .map(|c| {
                if "[]:*?/\\".contains(c) || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let clean = clean.trim().trim_matches('\'').trim().to_owned();
        let base = if clean.is_empty() {
            "Sheet".to_owned()
        } else {
            clean
        };
        let mut n = 1;
        loop {
            let suffix = if n == 1 {
                String::new()
            } else {
                format!(" ({n})")
            };
            let room = 31 - suffix.chars().count();
            let candidate: String = base.chars().take(room).collect::<String>() + &suffix;
            let folded = candidate.to_lowercase();
            if !taken.contains(&folded) {
                taken.push(folded);
                out.push(candidate);
                break;
            }
            n += 1;
        }
    }
    out
}

/// XML text with `&`, `<`, `>` and `"` escaped, and the characters XML 1.0 cannot carry (and
/// a literal `_xHHHH_`) as OOXML's `_xHHHH_` escapes.
fn escape(text: &str, out: &mut String) {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            '_' if looks_escaped(&chars[i..]) => out.push_str("_x005F_"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                let _ = write!(out, "_x{:04X}_", c as u32);
            }
            c => out.push(c),
        }
    }
}

/// Whether `rest` begins with `_xHHHH_`.
fn looks_escaped(rest: &[char]) -> bool {
    rest.len() >= 7
        && rest[1] == 'x'
        && rest[2..6].iter().all(char::is_ascii_hexdigit)
        && rest[6] == '_'
}

#[derive(Default)]
struct Strings {
    index: HashMap<String, usize>,
    list: Vec<String>,
    uses: usize,
}

impl Strings {
    fn id(&mut self, s: &str) -> usize {
        self.uses += 1;
        if let Some(&i) = self.index.get(s) {
            return i;
        }
        let i = self.list.len();
        self.list.push(s.to_owned());
        self.index.insert(s.to_owned(), i);
        i
    }

    fn xml(&self) -> String {
        let mut out = format!(
            "{HEAD}<sst xmlns=\"{MAIN}\" count=\"{}\" uniqueCount=\"{}\">",
            self.uses,
            self.list.len()
        );
        for s in &self.list {
            out.push_str("<si><t xml:space=\"preserve\">");
            escape(s, &mut out);
            out.push_str("</t></si>");
        }
        out.push_str("</sst>");
        out
    }
}

fn sheet_xml(sheet: &Worksheet, strings: &mut Strings) -> String {
    let mut out = format!("{HEAD}<worksheet xmlns=\"{MAIN}\" xmlns:r=\"{REL}\">");
    out.push_str("<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>");
    let last = sheet
        .cells
        .keys()
        .fold((0, 0), |(r, c), &(row, col)| (r.max(row), c.max(col)));
    let _ = write!(out, "<dimension ref=\"A1:{}\"/>", cell_ref(last.0, last.1));
    out.push_str("<sheetViews><sheetView workbookViewId=\"0\"");
    if sheet.freeze_rows > 0 {
        let _ = write!(
            out,
            "><pane ySplit=\"{}\" topLeftCell=\"{}\" activePane=\"bottomLeft\" state=\"frozen\"/>\
             <selection pane=\"bottomLeft\"/></sheetView>",
            sheet.freeze_rows,
            cell_ref(sheet.freeze_rows, 0)
        );
    } else {
        out.push_str("/>");
    }
    out.push_str("</sheetViews><sheetFormatPr defaultRowHeight=\"18\"/>");
    if !sheet.widths.is_empty() {
        out.push_str("<cols>");
        for (col, w) in &sheet.widths {
            let n = u64::from(*col) + 1;
            let _ = write!(
                out,
                "<col min=\"{n}\" max=\"{n}\" width=\"{w:.2}\" customWidth=\"1\"/>"
            );
        }
        out.push_str("</cols>");
    }
    out.push_str("<sheetData>");
    let mut row_open: Option<u32> = None;
    for (&(row, col), (value, style)) in &sheet.cells {
        if row_open != Some(row) {
            if row_open.is_some() {
                out.push_str("</row>");
            }
            let _ = write!(out, "<row r=\"{}\">", u64::from(row) + 1);
            row_open = Some(row);
        }
        let r = cell_ref(row, col);
        let s = style.index();
        match value {
            Value::Text(t) if t.is_empty() => {
                let _ = write!(out, "<c r=\"{r}\" s=\"{s}\"/>");
            }
            Value::Text(t) => {
                let _ = write!(
                    out,
                    "<c r=\"{r}\" s=\"{s}\" t=\"s\"><v>{}</v></c>",
                    strings.id(t)
                );
            }
            Value::Number(n) => {
                let _ = write!(out, "<c r=\"{r}\" s=\"{s}\"><v>{n}</v></c>");
            }
        }
    }
    if row_open.is_some() {
        out.push_str("</row>");
    }
    out.push_str("</sheetData>");
    if sheet.protected {
        out.push_str(
            "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatColumns=\"0\" \
             formatRows=\"0\"/>",
        );
    }
    if !sheet.merges.is_empty() {
        let _ = write!(out, "<mergeCells count=\"{}\">", sheet.merges.len());
        for (r0, c0, r1, c1) in &sheet.merges {
            let _ = write!(
                out,
                "<mergeCell ref=\"{}:{}\"/>",
                cell_ref(*r0, *c0),
                cell_ref(*r1, *c1)
            );
        }
        out.push_str("</mergeCells>");
    }
    if !sheet.validations.is_empty() {
        let _ = write!(
            out,
            "<dataValidations count=\"{}\">",
            sheet.validations.len()
        );
        for ((r0, c0, r1, c1), rule, message) in &sheet.validations {
            let range = format!("{}:{}", cell_ref(*r0, *c0), cell_ref(*r1, *c1));
            let (kind, formula) = match rule {
                Validation::List(items) => {
                    // A list written in the rule itself: its items joined by commas, quoted.
                    let joined: String = items
                        .iter()
                        .map(|i| i.replace([',', '"'], ""))
                        .collect::<Vec<_>>()
                        .join(",");
                    ("list", format!("\"{joined}\""))
                }
                Validation::Decimal => ("decimal", "-1E+15".to_owned()),
            };
            let _ = write!(
                out,
                "<dataValidation type=\"{kind}\" allowBlank=\"1\" showErrorMessage=\"1\"{} \
                 errorTitle=\"shinchoku\" error=\"",
                if matches!(rule, Validation::Decimal) {
                    " operator=\"between\""
                } else {
                    ""
                }
            );
            escape(message, &mut out);
            let _ = write!(out, "\" sqref=\"{range}\"><formula1>");
            escape(&formula, &mut out);
            out.push_str("</formula1>");
            if matches!(rule, Validation::Decimal) {
                out.push_str("<formula2>1E+15</formula2>");
            }
            out.push_str("</dataValidation>");
        }
        out.push_str("</dataValidations>");
    }
    out.push_str(
        "<pageMargins left=\"0.4\" right=\"0.4\" top=\"0.5\" bottom=\"0.5\" header=\"0.3\" \
         footer=\"0.3\"/>",
    );
    let _ = write!(
        out,
        "<pageSetup paperSize=\"9\" orientation=\"{}\" fitToWidth=\"1\" fitToHeight=\"0\"/>",
        if sheet.landscape {
            "landscape"
        } else {
            "portrait"
        }
    );
    out.push_str("</worksheet>");
    out
}

fn content_types(sheets: usize) -> String {
    let mut out = format!(
        "{HEAD}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
         <Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
    );
    for i in 1..=sheets {
        let _ = write!(
            out,
            "<Override PartName=\"/xl/worksheets/sheet{i}.xml\" \
             ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        );
    }
    out.push_str("</Types>");
    out
}

fn workbook_xml(names: &[String]) -> String {
    let mut out = format!(
        "{HEAD}<workbook xmlns=\"{MAIN}\" xmlns:r=\"{REL}\">\
         <bookViews><workbookView/></bookViews><sheets>"
    );
    for (i, name) in names.iter().enumerate() {
        out.push_str("<sheet name=\"");
        escape(name, &mut out);
        let _ = write!(out, "\" sheetId=\"{}\" r:id=\"rId{}\"/>", i + 1, i + 1);
    }
    out.push_str("</sheets></workbook>");
    out
}

fn workbook_rels(sheets: usize) -> String {
    let mut out = format!(
        "{HEAD}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    );
    for i in 1..=sheets {
        let _ = write!(
            out,
            "<Relationship Id=\"rId{i}\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>"
        );
    }
    let _ = write!(
        out,
        "<Relationship Id=\"rId{}\" Type=\"{REL}/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rId{}\" Type=\"{REL}/sharedStrings\" Target=\"sharedStrings.xml\"/>\
         </Relationships>",
        sheets + 1,
        sheets + 2
    );
    out
}

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>";

const APP: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>shinchoku</Application></Properties>";

/// Fonts: the default, bold, the title's. Fills: none, the required gray125, light grey,
/// pale yellow (cells to fill).
/// Borders: none, thin all round. `cellXfs` in [`Style`]'s order.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/></numFmts>\
<fonts count=\"3\">\
<font><sz val=\"10.5\"/><name val=\"游ゴシック\"/><family val=\"3\"/><charset val=\"128\"/></font>\
<font><b/><sz val=\"10.5\"/><name val=\"游ゴシック\"/><family val=\"3\"/><charset val=\"128\"/></font>\
<font><b/><sz val=\"14\"/><name val=\"游ゴシック\"/><family val=\"3\"/><charset val=\"128\"/></font>\
</fonts>\
<fills count=\"4\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>\
<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFEFEFEF\"/><bgColor indexed=\"64\"/></patternFill></fill>\
<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFFFF6D5\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>\
<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>\
<border><left style=\"thin\"><color auto=\"1\"/></left><right style=\"thin\"><color auto=\"1\"/></right>\
<top style=\"thin\"><color auto=\"1\"/></top><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>\
<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
<cellXfs count=\"8\">\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>\
<xf numFmtId=\"0\" fontId=\"2\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment horizontal=\"center\" vertical=\"center\" wrapText=\"1\"/></xf>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\"/></xf>\
<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\" wrapText=\"1\"/></xf>\
<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyBorder=\"1\" applyAlignment=\"1\"><alignment vertical=\"top\"/></xf>\
<xf numFmtId=\"0\" fontId=\"0\" fillId=\"3\" borderId=\"1\" xfId=\"0\" applyFill=\"1\" applyBorder=\"1\" applyProtection=\"1\"><protection locked=\"0\"/></xf>\
</cellXfs>\
<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>\
</styleSheet>";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_excel_names_them() {
        for (i, name) in [
            (0, "A"),
            (25, "Z"),
            (26, "AA"),
            (51, "AZ"),
            (52, "BA"),
            (701, "ZZ"),
            (702, "AAA"),
        ] {
            assert_eq!(column_name(i), name);
        }
        assert_eq!(column_name(u32::MAX), "MWLQKWV");
    }

    #[test]
    fn sheet_names_are_made_legal_and_unique() {
        let names = sheet_names(
            [
                "1-(1) 産業/雇用",
                "",
                "'quoted'",
                "とても長い名前とても長い名前とても長い名前とても長い名前とても長い名前",
                "とても長い名前とても長い名前とても長い名前とても長い名前とても長い名前",
                "Sheet",
                "sheet",
            ]
            .into_iter(),
        );
        assert_eq!(names[0], "1-(1) 産業_雇用");
        assert_eq!(names[1], "Sheet");
        assert_eq!(names[2], "quoted");
        assert_eq!(names[3].chars().count(), 31);
        assert!(names[4].ends_with(" (2)") && names[4].chars().count() == 31);
        assert_eq!(names[5], "Sheet (2)");
        assert_eq!(names[6], "sheet (3)");
    }

    #[test]
    fn text_xml_cannot_carry_is_escaped_and_reads_back() {
        let mut out = String::new();
        escape("a<b>&\"c\u{1}_x0041_\u{FFFF}", &mut out);
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c_x0001__x005F_x0041__xFFFF_");
    }

    #[test]
    fn a_number_with_more_digits_than_excel_keeps_is_text() {
        let mut s = Worksheet::new("s");
        s.number(0, 0, Decimal::new(1234567890123456, 3), Style::Number);
        s.number(0, 1, Decimal::new(123456789012345, 3), Style::Number);
        assert_eq!(
            s.cells.get(&(0, 0)).map(|c| c.0.clone()),
            Some(Value::Text("1234567890123.456".into()))
        );
        assert_eq!(
            s.cells.get(&(0, 1)).map(|c| c.0.clone()),
            Some(Value::Number(Decimal::new(123456789012345, 3)))
        );
    }
}
