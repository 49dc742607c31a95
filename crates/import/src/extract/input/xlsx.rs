//! An Excel workbook (`.xlsx`) read into rows: each visible sheet's used range, cell by cell,
//! as Excel displays the values.
//!
//! The package is read part by part within [`super::package`]'s bounds, as XML events:
//! `xl/workbook.xml` and its relationships (the sheets, in tab order, and the 1904 date
//! system), `xl/sharedStrings.xml` (the text of each shared string, without its phonetic
//! reading, `rPh`, which Japanese Excel stores beside the kanji), `xl/styles.xml` (each cell
//! style's number format) and each sheet.
//!
//! - A sheet's rows become rows of cells, [`Split::Table`] `シート「名前」` with the row as
//!   Excel numbers it. Rows run from the first used row to the last, an empty row being a
//!   blank line; each row's cells run from the sheet's first used column, with the trailing
//!   empty ones dropped. Sheets are separated by a blank line; hidden sheets are not read.
//! - A value is shown as its number format shows it: a percentage as `22.5%`, a number with
//!   fixed decimals or thousands separators as formatted (`1,234`, `50.0`), a date as
//!   `2023/4/1` (and a time as `13:05`), any other number as Excel's General shows it (no
//!   `.0` on an integer, at most 15 significant digits). A formula is read as the value Excel
//!   saved with it; nothing is computed. Booleans are `TRUE`/`FALSE`, errors as written
//!   (`#DIV/0!`).
//! - A merged range keeps its value in its top-left cell; any value the file keeps in its
//!   other cells is dropped (Excel keeps none), so a merge reads as a span does in HTML.
//!
//! Limits: every part within [`super::package::MAX_PART`]; shared strings and cells within
//! [`MAX_CELLS`], counting the empty cells laid out before a row's last value.

use std::collections::{BTreeMap, HashMap};

use quick_xml::events::Event;
use quick_xml::Reader;

use super::package::{attr, local, reference, text, Package, MAX_CELLS};
use super::{blank_line, Rows};
use crate::extract::text::Split;
use crate::extract::ExtractError;

/// Reads a workbook into rows.
pub fn read(bytes: &[u8], file: &str) -> Result<Rows, ExtractError> {
    let mut p = Package::open(bytes, file, "xlsx")?;
    let book_xml = p.part("xl/workbook.xml")?.ok_or_else(|| {
        super::refuse(
            file,
            "Excel のブックではありません（xl/workbook.xml がありません）".into(),
            "this is not an Excel workbook (it has no xl/workbook.xml)".into(),
        )
    })?;
    let book = workbook(&book_xml).map_err(|e| p.bad_xml("xl/workbook.xml", &e))?;
    let rels_name = "xl/_rels/workbook.xml.rels";
    let rels = match p.part(rels_name)? {
        Some(x) => relationships(&x).map_err(|e| p.bad_xml(rels_name, &e))?,
        None => HashMap::new(),
    };
    let mut budget = MAX_CELLS;
    let strings = match p.part("xl/sharedStrings.xml")? {
        Some(x) => shared_strings(&x, &mut budget).map_err(|e| match e {
            Error::Xml(e) => p.bad_xml("xl/sharedStrings.xml", &e),
            Error::TooManyCells => p.too_many_cells(),
        })?,
        None => Vec::new(),
    };
    let formats = match p.part("xl/styles.xml")? {
        Some(x) => styles(&x).map_err(|e| p.bad_xml("xl/styles.xml", &e))?,
        None => Vec::new(),
    };
    let ctx = Context {
        strings: &strings,
        formats: &formats,
        date1904: book.date1904,
    };
    let mut out: Rows = Vec::new();
    for sheet in &book.sheets {
        if sheet.hidden {
            continue;
        }
        let Some(target) = rels.get(&sheet.rel) else {
            continue;
        };
        let name = part_name(target);
        let Some(xml) = p.part(&name)? else {
            continue;
        };
        let rows = worksheet(&xml, &ctx, &sheet.name, &mut budget).map_err(|e| match e {
            Error::Xml(e) => p.bad_xml(&name, &e),
            Error::TooManyCells => p.too_many_cells(),
        })?;
        blank_line(&mut out);
        out.extend(rows);
    }
    Ok(out)
}

/// Why a part could not be read.
#[derive(Debug)]
pub enum Error {
    /// Not well-formed XML.
    Xml(quick_xml::Error),
    /// More than [`MAX_CELLS`] strings or cells.
    TooManyCells,
}

impl From<quick_xml::Error> for Error {
    fn from(e: quick_xml::Error) -> Self {
        Error::Xml(e)
    }
}

/// A sheet as the workbook lists it.
#[derive(Debug)]
struct Sheet {
    name: String,
    rel: String,
    hidden: bool,
}

#[derive(Debug, Default)]
struct Book {
    sheets: Vec<Sheet>,
    date1904: bool,
}

fn reader(xml: &[u8]) -> Reader<&[u8]> {
    let mut r = Reader::from_reader(xml);
    r.config_mut().expand_empty_elements = true;
    r.config_mut().trim_text(false);
    r
}

fn workbook(xml: &[u8]) -> Result<Book, quick_xml::Error> {
    let mut r = reader(xml);
    let mut book = Book::default();
    loop {
        match r.read_event()? {
            Event::Start(e) => match local(&e) {
                "sheet" => book.sheets.push(Sheet {
                    name: attr(&e, "name").unwrap_or_default(),
                    rel: attr(&e, "id").unwrap_or_default(),
                    hidden: attr(&e, "state").is_some_and(|s| s != "visible"),
                }),
                "workbookPr" => {
                    book.date1904 = attr(&e, "date1904").is_some_and(|v| v == "1" || v == "true")
                }
                _ => {}
            },
            Event::Eof => return Ok(book),
            _ => {}
        }
    }
}

/// Relationship id → target.
fn relationships(xml: &[u8]) -> Result<HashMap<String, String>, quick_xml::Error> {
    let mut r = reader(xml);
    let mut out = HashMap::new();
    loop {
        match r.read_event()? {
            Event::Start(e) if local(&e) == "Relationship" => {
                if let (Some(id), Some(t)) = (attr(&e, "Id"), attr(&e, "Target")) {
                    out.insert(id, t);
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// The part a workbook relationship's target names: relative to `xl/`, or absolute.
fn part_name(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_owned(),
        None => format!("xl/{}", target.trim_start_matches("./")),
    }
}

fn shared_strings(xml: &[u8], budget: &mut usize) -> Result<Vec<String>, Error> {
    let mut r = reader(xml);
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let (mut in_t, mut phonetic) = (false, 0usize);
    loop {
        match r.read_event()? {
            Event::Start(e) => match local(&e) {
                "si" => current = Some(String::new()),
                "t" => in_t = true,
                "rPh" => phonetic += 1,
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "si" => {
                    *budget = budget.checked_sub(1).ok_or(Error::TooManyCells)?;
                    out.push(current.take().unwrap_or_default());
                }
                "t" => in_t = false,
                "rPh" => phonetic = phonetic.saturating_sub(1),
                _ => {}
            },
            Event::Text(t) if in_t && phonetic == 0 => {
                if let Some(c) = &mut current {
                    c.push_str(&text(&t));
                }
            }
            Event::GeneralRef(g) if in_t && phonetic == 0 => {
                if let Some(c) = &mut current {
                    c.push_str(&reference(&g));
                }
            }
            Event::Eof => return Ok(out),
            _ => {}
        }
    }
}

/// How a number is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Excel's General.
    General,
    /// Fixed decimals, with or without thousands separators.
    Fixed {
        /// Digits after the point.
        places: usize,
        /// Thousands separators.
        grouping: bool,
    },
    /// A percentage with this many decimals.
    Percent(usize),
    /// A date, a time, or both.
    Date {
        /// The date part.
        date: bool,
        /// The time part.
        time: bool,
    },
}

/// Each cell style's (`cellXfs`) number format.
fn styles(xml: &[u8]) -> Result<Vec<Format>, quick_xml::Error> {
    let mut r = reader(xml);
    let mut custom: HashMap<u32, String> = HashMap::new();
    let mut ids: Vec<u32> = Vec::new();
    let mut in_xfs = false;
    loop {
        match r.read_event()? {
            Event::Start(e) => match local(&e) {
                "numFmt" => {
                    if let (Some(id), Some(code)) = (attr(&e, "numFmtId"), attr(&e, "formatCode")) {
                        if let Ok(id) = id.parse() {
                            custom.insert(id, code);
                        }
                    }
                }
                "cellXfs" => in_xfs = true,
                "xf" if in_xfs => ids.push(
                    attr(&e, "numFmtId")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0),
                ),
                _ => {}
            },
            Event::End(e) if e.local_name().as_ref() == "cellXfs" => in_xfs = false,
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(ids
        .into_iter()
        .map(|id| match custom.get(&id) {
            Some(code) => format_of_code(code),
            None => builtin(id),
        })
        .collect())
}

/// The built-in number formats (ECMA-376 18.8.30, with the Japanese locale's date formats).
fn builtin(id: u32) -> Format {
    match id {
        1 => Format::Fixed {
            places: 0,
            grouping: false,
        },
        2 => Format::Fixed {
            places: 2,
            grouping: false,
        },
        3 | 37 | 38 | 41 | 42 => Format::Fixed {
            places: 0,
            grouping: true,
        },
        4 | 39 | 40 | 43 | 44 => Format::Fixed {
            places: 2,
            grouping: true,
        },
        9 => Format::Percent(0),
        10 => Format::Percent(2),
        14..=17 | 27..=31 | 34..=36 | 50..=54 | 57 | 58 => Format::Date {
            date: true,
            time: false,
        },
        18..=21 | 32 | 33 | 45..=47 | 55 | 56 => Format::Date {
            date: false,
            time: true,
        },
        22 => Format::Date {
            date: true,
            time: true,
        },
        _ => Format::General,
    }
}

/// The format a custom format code shows a positive number in (its first section).
pub fn format_of_code(code: &str) -> Format {
    // The first section, without quoted text, escaped characters, [colour] or [$-411] tags.
    let mut plain = String::new();
    let mut chars = code.chars();
    while let Some(c) = chars.next() {
        match c {
            ';' => break,
            '"' => {
                for q in chars.by_ref() {
                    if q == '"' {
                        break;
                    }
                }
            }
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => {
                let tag: String = chars.by_ref().take_while(|&q| q != ']').collect();
                // Elapsed time: [h]:mm.
                if matches!(
                    tag.to_ascii_lowercase().as_str(),
                    "h" | "hh" | "m" | "mm" | "s" | "ss"
                ) {
                    plain.push('h');
                }
            }
            c => plain.push(c.to_ascii_lowercase()),
        }
    }
    let plain = plain.replace("general", "");
    let has = |set: &str| plain.chars().any(|c| set.contains(c));
    if has("%") {
        return Format::Percent(places(&plain));
    }
    if plain.contains("e+") || plain.contains("e-") {
        return Format::General;
    }
    let date = has("ydge");
    let time = has("hs");
    if date || time || has("m") {
        return Format::Date {
            date: date || !time,
            time,
        };
    }
    if has("0#?") {
        return Format::Fixed {
            places: places(&plain),
            grouping: plain.contains(','),
        };
    }
    Format::General
}

/// Digits after the decimal point of a number format.
fn places(code: &str) -> usize {
    code.split_once('.').map_or(0, |(_, after)| {
        after
            .chars()
            .take_while(|c| matches!(c, '0' | '#' | '?'))
            .count()
    })
}

/// A number as `format` shows it.
pub fn show(v: f64, format: Format, date1904: bool) -> String {
    if !v.is_finite() {
        return general(v);
    }
    match format {
        Format::General => general(v),
        Format::Fixed { places, grouping } => fixed(v, places, grouping),
        Format::Percent(places) => format!("{}%", fixed(v * 100.0, places, false)),
        Format::Date { date, time } => {
            date_time(v, date, time, date1904).unwrap_or_else(|| general(v))
        }
    }
}

/// Excel's General: at most 15 significant digits, no trailing zeros.
fn general(v: f64) -> String {
    if !v.is_finite() {
        return "#NUM!".to_owned();
    }
    let rounded = round15(v);
    let s = if rounded != 0.0 && !(1e-9..1e15).contains(&rounded.abs()) {
        format!("{rounded:e}")
    } else {
        format!("{rounded}")
    };
    if s == "-0" {
        "0".to_owned()
    } else {
        s
    }
}

/// `v` to 15 significant digits, as Excel keeps it (`0.1 + 0.2` is `0.3`).
fn round15(v: f64) -> f64 {
    format!("{v:.14e}").parse().unwrap_or(v)
}

/// `v` with `places` decimals, halves rounded away from zero as Excel rounds them.
fn fixed(v: f64, places: usize, grouping: bool) -> String {
    let scale = 10f64.powi(places.min(30) as i32);
    let v = round15(v);
    let r = (v * scale).round() / scale;
    let v = if r.is_finite() { r } else { v };
    let s = format!("{v:.places$}");
    let s = if s.starts_with('-')
        && s.trim_start_matches('-')
            .chars()
            .all(|c| c == '0' || c == '.')
    {
        s.trim_start_matches('-').to_owned()
    } else {
        s
    };
    if !grouping {
        return s;
    }
    let (sign, rest) = s.strip_prefix('-').map_or(("", s.as_str()), |r| ("-", r));
    let (int, frac) = rest
        .split_once('.')
        .map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A serial date as `2023/4/1`, `13:05` or both; `None` outside Excel's range.
fn date_time(v: f64, date: bool, time: bool, date1904: bool) -> Option<String> {
    if !(0.0..2_958_466.0).contains(&v) {
        return None;
    }
    let day = v.floor() as i64;
    let seconds = ((v - v.floor()) * 86_400.0).round() as i64;
    // Days from 1970-01-01: the 1900 system counts a 29 February 1900 that never was.
    let unix = if date1904 {
        day - 24_107
    } else if day >= 60 {
        day - 25_569
    } else {
        day - 25_568
    };
    let (y, m, d) = shinchoku_core::period::civil_from_days(unix);
    let mut out = Vec::new();
    if date {
        out.push(format!("{y}/{m}/{d}"));
    }
    if time {
        let s = seconds.min(86_399);
        out.push(format!("{}:{:02}", s / 3600, s / 60 % 60));
    }
    Some(out.join(" "))
}

/// What a sheet's values are read with.
#[derive(Debug)]
struct Context<'a> {
    strings: &'a [String],
    formats: &'a [Format],
    date1904: bool,
}

/// A cell reference's (0-based) column and (1-based) row: `B3` → (1, 3).
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let letters = r.chars().take_while(char::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col: u32 = 0;
    for c in r.get(..letters)?.chars() {
        col = col * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1);
    }
    let row: u32 = r.get(letters..)?.parse().ok()?;
    Some((col - 1, row))
}

/// The cell being read.
#[derive(Debug, Default)]
struct Cell {
    at: (u32, u32),
    kind: String,
    style: usize,
    value: String,
    inline: String,
}

fn worksheet(xml: &[u8], ctx: &Context<'_>, name: &str, budget: &mut usize) -> Result<Rows, Error> {
    let mut r = reader(xml);
    // row → column → shown value
    let mut grid: BTreeMap<u32, BTreeMap<u32, String>> = BTreeMap::new();
    let mut merges: Vec<((u32, u32), (u32, u32))> = Vec::new();
    let (mut row, mut col) = (0u32, 0u32);
    let mut cell: Option<Cell> = None;
    // Inside <v>, inside <t> of an inline string, inside a phonetic run.
    let (mut in_v, mut in_t, mut phonetic) = (false, false, 0usize);
    loop {
        match r.read_event()? {
            Event::Start(e) => match local(&e) {
                "row" => {
                    row = attr(&e, "r")
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(row + 1);
                    col = 0;
                }
                "c" => {
                    // One pass over the attributes, read as written: a reference, a type
                    // and a style index are ASCII without entities (a sheet has a `<c>` for
                    // every cell, so this is the reader's inner loop).
                    let mut c = Cell {
                        at: (col, row),
                        ..Cell::default()
                    };
                    for a in e.attributes().flatten() {
                        match a.key.local_name().into_inner() {
                            "r" => c.at = cell_ref(&a.value).unwrap_or(c.at),
                            "t" => c.kind = a.value.into_owned(),
                            "s" => c.style = a.value.trim().parse().unwrap_or(0),
                            _ => {}
                        }
                    }
                    col = c.at.0 + 1;
                    row = c.at.1;
                    cell = Some(c);
                }
                "v" => in_v = true,
                "t" => in_t = true,
                "rPh" => phonetic += 1,
                "mergeCell" => {
                    if let Some((a, b)) = attr(&e, "ref").as_deref().and_then(|v| v.split_once(':'))
                    {
                        if let (Some(a), Some(b)) = (cell_ref(a), cell_ref(b)) {
                            merges.push((a, b));
                        }
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.local_name().as_ref() {
                "v" => in_v = false,
                "t" => in_t = false,
                "rPh" => phonetic = phonetic.saturating_sub(1),
                "c" => {
                    if let Some(c) = cell.take() {
                        let shown = value(&c, ctx);
                        if !shown.is_empty() {
                            *budget = budget.checked_sub(1).ok_or(Error::TooManyCells)?;
                            grid.entry(c.at.1).or_default().insert(c.at.0, shown);
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) => {
                if let Some(c) = &mut cell {
                    if in_v {
                        c.value.push_str(&text(&t));
                    } else if in_t && phonetic == 0 {
                        c.inline.push_str(&text(&t));
                    }
                }
            }
            Event::GeneralRef(g) => {
                if let Some(c) = &mut cell {
                    if in_v {
                        c.value.push_str(&reference(&g));
                    } else if in_t && phonetic == 0 {
                        c.inline.push_str(&reference(&g));
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    // A merged range's value is its top-left cell's; a value kept in its other cells is not
    // shown by Excel. Each visit is counted, so a file of many huge ranges stays bounded.
    let mut visits = MAX_CELLS.saturating_mul(4);
    for ((c1, r1), (c2, r2)) in merges {
        let (r1, r2) = (r1.min(r2), r1.max(r2));
        let (c1, c2) = (c1.min(c2), c1.max(c2));
        for (&r, cols) in grid.range_mut(r1..=r2) {
            visits = visits.checked_sub(1).ok_or(Error::TooManyCells)?;
            for (&c, v) in cols.range_mut(c1..=c2) {
                visits = visits.checked_sub(1).ok_or(Error::TooManyCells)?;
                if (r, c) != (r1, c1) {
                    v.clear();
                }
            }
        }
    }
    let first_col = grid
        .values()
        .filter_map(|cols| cols.iter().find(|(_, v)| !v.is_empty()).map(|(&c, _)| c))
        .min()
        .unwrap_or(0);
    let mut out: Rows = Vec::new();
    let mut last: Option<u32> = None;
    let table = format!("シート「{name}」");
    for (r, cols) in grid {
        let Some(end) = cols
            .iter()
            .rev()
            .find(|(_, v)| !v.is_empty())
            .map(|(&c, _)| c)
        else {
            continue;
        };
        if let Some(l) = last {
            if r > l + 1 {
                blank_line(&mut out);
            }
        }
        last = Some(r);
        let width = (end - first_col + 1) as usize;
        *budget = budget.checked_sub(width).ok_or(Error::TooManyCells)?;
        let mut cells = vec![String::new(); width];
        for (c, v) in cols {
            if let Some(slot) = c
                .checked_sub(first_col)
                .and_then(|i| cells.get_mut(i as usize))
            {
                *slot = v;
            }
        }
        out.push((
            cells,
            Split::Table {
                table: table.clone(),
                row: r as usize,
            },
        ));
    }
    Ok(out)
}

/// A cell's value as Excel shows it.
fn value(c: &Cell, ctx: &Context<'_>) -> String {
    let v = c.value.trim();
    match c.kind.as_str() {
        "s" => v
            .parse::<usize>()
            .ok()
            .and_then(|i| ctx.strings.get(i))
            .cloned()
            .unwrap_or_default(),
        "inlineStr" => c.inline.clone(),
        "str" | "e" => c.value.clone(),
        "b" => match v {
            "1" => "TRUE".to_owned(),
            "0" => "FALSE".to_owned(),
            _ => v.to_owned(),
        },
        // An ISO 8601 date: its date, as a date format shows it.
        "d" => v
            .split('T')
            .next()
            .map(|d| d.replace('-', "/"))
            .unwrap_or_default(),
        _ => match v.parse::<f64>() {
            Ok(n) => show(
                n,
                ctx.formats.get(c.style).copied().unwrap_or(Format::General),
                ctx.date1904,
            ),
            Err(_) => v.to_owned(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_shown_as_their_format_shows_them() {
        let pct = format_of_code("0.0%");
        assert_eq!(show(0.225, pct, false), "22.5%");
        assert_eq!(show(0.225, builtin(9), false), "23%");
        assert_eq!(show(0.5, builtin(10), false), "50.00%");
        assert_eq!(show(12.0, Format::General, false), "12");
        assert_eq!(show(0.1 + 0.2, Format::General, false), "0.3");
        assert_eq!(show(-0.0, Format::General, false), "0");
        assert_eq!(show(1234567.0, builtin(3), false), "1,234,567");
        assert_eq!(show(-1234.5, format_of_code("#,##0.0"), false), "-1,234.5");
        assert_eq!(show(50.0, format_of_code("0.0_ "), false), "50.0");
        assert_eq!(show(86.7, format_of_code("0.0\"万人\""), false), "86.7");
        assert_eq!(show(3.0, format_of_code("General\"件\""), false), "3");
        assert_eq!(show(1.5e20, format_of_code("0.00E+00"), false), "1.5e20");
        assert_eq!(show(0.125, format_of_code("0.00"), false), "0.13");
    }

    #[test]
    fn dates_are_shown_as_year_month_day() {
        // 2023-04-01 is serial 45017 in the 1900 system.
        assert_eq!(show(45017.0, builtin(14), false), "2023/4/1");
        assert_eq!(
            show(45017.0, format_of_code("yyyy\"年\"m\"月\"d\"日\""), false),
            "2023/4/1"
        );
        assert_eq!(
            show(
                45017.0,
                format_of_code("[$-411]ggge\"年\"m\"月\"d\"日\""),
                false
            ),
            "2023/4/1"
        );
        assert_eq!(show(45017.5, builtin(22), false), "2023/4/1 12:00");
        assert_eq!(show(0.5451, format_of_code("h:mm"), false), "13:04");
        assert_eq!(show(1.0, builtin(14), false), "1900/1/1");
        assert_eq!(show(61.0, builtin(14), false), "1900/3/1");
        assert_eq!(show(0.0, builtin(14), true), "1904/1/1");
        assert_eq!(show(-5.0, builtin(14), false), "-5");
        assert_eq!(show(1e300, builtin(14), false), "1e300");
    }

    #[test]
    fn cell_references_are_read() {
        assert_eq!(cell_ref("A1"), Some((0, 1)));
        assert_eq!(cell_ref("xfd1048576"), Some((16383, 1_048_576)));
        assert_eq!(cell_ref("1A"), None);
        assert_eq!(cell_ref("ABCD1"), None);
        assert_eq!(cell_ref("A"), None);
    }

    #[test]
    fn shared_strings_leave_out_their_phonetic_reading() {
        let xml = r#"<sst><si><t>成果指標</t></si><si><r><t>観光</t></r><r><t xml:space="preserve">客数 &amp; 人</t></r><rPh sb="0" eb="2"><t>カンコウ</t></rPh></si><si/></sst>"#;
        let mut budget = 10;
        assert_eq!(
            shared_strings(xml.as_bytes(), &mut budget).unwrap(),
            ["成果指標", "観光客数 & 人", ""]
        );
        let mut small = 2;
        assert!(matches!(
            shared_strings(xml.as_bytes(), &mut small),
            Err(Error::TooManyCells)
        ));
    }

    #[test]
    fn a_sheet_is_rows_from_its_first_used_column_with_merges_and_gaps() {
        let ctx = Context {
            strings: &["指標名".into(), "観光客数".into(), "残り".into()],
            formats: &[Format::General, Format::Percent(1)],
            date1904: false,
        };
        let xml = r#"<worksheet><sheetData>
            <row r="2"><c r="B2" t="s"><v>0</v></c><c r="C2" t="inlineStr"><is><t>目標値</t><rPh><t>モク</t></rPh></is></c><c r="D2" s="1"/></row>
            <row r="3"><c r="B3" t="s"><v>1</v></c><c r="C3" s="1"><f>A1/2</f><v>0.225</v></c><c r="D3" t="s"><v>2</v></c></row>
            <row r="5"><c r="C5" t="b"><v>1</v></c><c t="e"><v>#DIV/0!</v></c></row>
            </sheetData><mergeCells><mergeCell ref="C3:D3"/></mergeCells></worksheet>"#;
        let mut budget = 100;
        let rows = worksheet(xml.as_bytes(), &ctx, "指標", &mut budget).unwrap();
        let cells: Vec<Vec<&str>> = rows
            .iter()
            .map(|(c, _)| c.iter().map(String::as_str).collect())
            .collect();
        assert_eq!(
            cells,
            [
                vec!["指標名", "目標値"],
                vec!["観光客数", "22.5%"],
                vec![],
                vec!["", "TRUE", "#DIV/0!"],
            ]
        );
        assert_eq!(rows[1].1.describe(), "シート「指標」 の 3 行目");
        let mut small = 5;
        assert!(matches!(
            worksheet(xml.as_bytes(), &ctx, "指標", &mut small),
            Err(Error::TooManyCells)
        ));
    }
}
