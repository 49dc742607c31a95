//! Data tables whose columns (or rows) are years → yearly series.
//!
//! Plans print the history behind a target as a small table under a caption, with its source
//! below:
//!
//! ```text
//! 関係支援機関の支援による創業数
//!
//! 年度      H30  R1   R2   R3
//! 創業数(件) 239  208  214  201
//! うち女性創業数 86 63  82   95
//!
//! 資料 県商工労働部
//! ```
//!
//! The rules, each a rule of how Japanese statistical tables are written:
//!
//! - **Header.** A row whose cells after the first are years (every form
//!   [`parse_period`] reads: `H30`, `R元`, `平成29年度`, `2018年度`, windows `H26-29`,
//!   bare `2018` in a header of years), at least two of them, in order (either way), is a
//!   year header. A bare era year is a fiscal year unless the header's first cell says `年`
//!   (then a calendar year). `合計` / `計` / `累計` columns hold the row's total; `R7(目標)`
//!   and `目標値(R7)` are columns of targets (two years of values are still needed); other
//!   word columns (`対前年比`, `区分`) are ignored. Not a header: a row with numbers beside its years (`1.42 | H30年 | 1.60 | R7年` are values with
//!   their dates), or years on a second header line under `基準値 | 目標値` (an indicator
//!   table's periods, the indicator recogniser's). The transposed layout (years down the
//!   first column, series across, units on an optional line of `（人）` under the names) is
//!   read the same way.
//! - **Rows.** A row with at least one number is a data row; a row with a label and no
//!   numbers is a group heading (`■中小企業経営革新計画`) naming the rows under it; a row with
//!   long text (a roadmap under year columns) means the table is no data table. `—`, `-` are
//!   no value; cells are read with [`parse_quantity`], so `5件`, `3.9%`, `1,229` all work. An
//!   empty label means "same as above".
//! - **Targets.** Adjacent rows labelled (or marked in a 区分 column) 目標 / 計画 / 見込量 /
//!   期待値 and 実績 / 実績値 are one series, the former its targets, the latter its values;
//!   達成率 / 対前年比 rows are derived figures and no series.
//! - **Bracketed rows.** A row whose numbers are all in brackets (`(1,229)`, under a label
//!   like `(累計(H11~))`) is the running total of the row above; it is kept as its own series
//!   named after that row with `(累計)`, so no figure of the table is lost and the yearly
//!   series stays a series of flows.
//! - **Names** (compacted, as DESIGN.md normalises names), from the row label and its context:
//!   a group heading (or grouping cell), or for a `うち` row the row above it (a `うち` row is
//!   a part of that row, and counted in its unit), else the caption with figure numbers, a
//!   dating note and `の推移`-like endings removed.
//!   * A label that is generic (`目標`, `件数`, `計`) or that the context ends with (`創業数`
//!     under `関係支援機関の支援による創業数`) takes the context; a label that ends with the
//!     context is its own name.
//!   * A label sharing the context's last word after a particle replaces that word
//!     (`うち女性創業数` under `…支援による創業数` → `…支援による女性創業数`).
//!   * A measure (`承認件数`, `導入率`) under a group heading is `group の measure`; under a
//!     caption it names itself.
//!   * A category (`医療関連分野`) under a measured context is the measure with the category
//!     in brackets (`事業化件数(医療関連分野)` under `…、医療、バイオ関連分野の事業化件数`):
//!     a breakdown is a part of the subject, and a name like `医療関連分野の事業化件数` would
//!     read as contained in the whole (and be matched with the whole's indicator).
//!   * A `(累計)` in the label stays at the end of the name.
//!
//!   Finally a series that an indicator of the plan cites — the indicator's name contains the
//!   series' name, and its baseline is the series' sum over the baseline window (or its value
//!   in the baseline year) — takes the indicator's fuller name, so the table and the target are
//!   seen as one subject.
//! - **Units**: the label's `(件)` / `【%】`, else the unit line of a transposed table, else the
//!   cells' unit, else the `（単位：件）` line or the caption's, else the counter the name
//!   ends with (`件数` → `件`, `率` → `%`).
//! - **Totals**: a printed total that is not the sum of the row's values is warned
//!   (`series_total`); running totals and rates are not sums and are not checked.
//!
//! Guarantees: never panics; linear in the size of each block.

use std::collections::HashMap;

use shinchoku_core::era::parse_period;
use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::quantity::{parse_quantity, Unit};
use shinchoku_core::text::fold_printed_name;
use shinchoku_core::Decimal;

use super::super::blocks::Block;
use super::super::lexicon;
use super::super::model::{Extraction, IndicatorOut, SeriesOut, Warning};
use super::super::scan::YEAR_CELL_MAX_CHARS;
use super::super::scan::{is_hiragana, strip_tags};
use super::super::text::{Doc, Line};
use super::{caption_above, source_below};

/// Adds the series of the data series `blocks` (in document order) to `ex`. A run of rows
/// with its years down the first column is read that way only when no table of years across
/// in the same run gave a series.
pub(super) fn recognize<'a>(
    doc: &Doc,
    blocks: impl Iterator<Item = &'a Block>,
    ex: &mut Extraction,
) {
    let mut found = Vec::new();
    let mut blocks = blocks.peekable();
    while let Some(first) = blocks.peek().copied() {
        let b = first.rows;
        // The source line below the run serves every table in it; it is looked for once.
        let mut source: Option<Option<String>> = None;
        let mut source_of = |doc: &Doc| {
            source
                .get_or_insert_with(|| source_below(doc, b.end))
                .clone()
        };
        let mut any = false;
        let mut down = false;
        while let Some(block) = blocks.next_if(|n| n.rows == b) {
            if block.down {
                down = true;
                continue;
            }
            let Some(cols) = doc
                .lines
                .get(block.header)
                .and_then(|r| year_columns(&r.cells))
            else {
                continue;
            };
            let body = doc
                .lines
                .get(block.header + 1..block.end)
                .unwrap_or_default();
            let grid = Grid::across(cols, body);
            let context = table_context(doc, block.header, source_of(doc));
            any |= read_grid(&grid, &context, &mut found, &mut ex.warnings);
        }
        if !any && down {
            let rows = doc.lines.get(b.start..b.end).unwrap_or_default();
            if let Some(grid) = Grid::down(rows) {
                let context = table_context(doc, b.start, source_of(doc));
                read_grid(&grid, &context, &mut found, &mut ex.warnings);
            }
        }
    }
    adopt_indicator_names(&mut found, &ex.indicators);
    ex.series.extend(found);
}

/// The caption and unit above a table whose header is `doc.lines[header]`, with its source.
fn table_context(doc: &Doc, header: usize, source: Option<String>) -> Context {
    let caption = caption_above(doc, header);
    let title = caption.text.map(|(t, _)| t);
    let (title, title_unit) = match title {
        Some(t) => {
            let (t, u) = clean_caption(&t);
            (Some(t).filter(|t| !t.is_empty()), u)
        }
        None => (None, None),
    };
    Context {
        caption: title,
        unit: caption.unit.or(title_unit),
        source,
    }
}

/// What surrounds a table.
#[derive(Debug, Clone, Default)]
struct Context {
    /// The caption, compacted and cleaned.
    caption: Option<String>,
    /// The unit the caption or a unit line gives.
    unit: Option<String>,
    /// 資料.
    source: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------

/// What a column of a year table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    /// The values of one year (or window); `target` for a column marked `(目標)`.
    Year { period: Period, target: bool },
    /// The row's total (`合計`).
    Total,
    /// The row's unit (a column headed `単位`).
    Unit,
    /// Anything else (`対前年比`, an empty column).
    Skip,
}

/// The columns of a year header.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Columns {
    /// One per cell after the first.
    cols: Vec<Col>,
    /// A unit the header's first cell gives (`年度(件)`).
    unit: Option<String>,
}

/// The longest label cell, in characters, read as a word (a total, a role): `合計(R3~R7)` is
/// 9, `対 前 年 増 減` letter-spaced 9; longer cells are names or text.
const LABEL_WORD_MAX_CHARS: usize = 12;

/// A first cell that totals the years above it (`合計`, `累計(H27~)`).
fn is_total_label(cell: &str) -> bool {
    cell.chars().count() <= LABEL_WORD_MAX_CHARS && is_total_word(&fold_printed_name(cell))
}

/// The role a 区分 cell beside the years names (`期待値`, `実績値`, `達成率`), if it names one.
fn side_role(cell: &str) -> Option<Role> {
    if cell.chars().count() > LABEL_WORD_MAX_CHARS {
        return None;
    }
    role_word(&fold_printed_name(cell))
}

/// Words that head a total column.
fn is_total_word(c: &str) -> bool {
    c == "計" || lexicon::TOTAL_COLUMN_WORDS.iter().any(|w| c.starts_with(w))
}

/// True when the header's first cell says the years are calendar years (`年`, `暦年`,
/// `区分/年`), not fiscal years (`年度`).
fn is_calendar_label(first: &str) -> bool {
    let f = first.trim_end_matches([')', '(']);
    (f.ends_with('年') || lexicon::CALENDAR_YEAR_LABELS.contains(&f)) && !f.ends_with("年度")
}

/// Reads a year header: `cells[1..]` are years, at least two, strictly in order (ascending or
/// descending), with no more other columns than years. `None` for any other row.
fn year_columns(cells: &[String]) -> Option<Columns> {
    // Most rows are not headers: a header has two cells that look like years before any cell
    // is parsed.
    if cells.len() < 3
        || cells
            .iter()
            .skip(1)
            .filter(|c| looks_like_year(c))
            .nth(1)
            .is_none()
    {
        return None;
    }
    let first = fold_printed_name(cells.first()?);
    if year_cell(&first, false).is_some() {
        return None;
    }
    // `| 時点 | R4年度 | R9年度`: the dates of the values in the row above (an indicator
    // table's 数値/時点 pair), not the years of a table.
    if cells.iter().take(2).any(|c| fold_printed_name(c) == "時点") {
        return None;
    }
    let calendar = is_calendar_label(&first);
    let cols: Vec<Col> = cells.iter().skip(1).map(|c| column(c, calendar)).collect();
    let years: Vec<Period> = cols
        .iter()
        .filter_map(|c| match c {
            Col::Year { period, .. } => Some(*period),
            _ => None,
        })
        .collect();
    // At least two years of values: a header of a baseline and a target year is an indicator
    // table's.
    let value_years = cols
        .iter()
        .filter(|c| matches!(c, Col::Year { target: false, .. }))
        .count();
    if value_years < 2 {
        return None;
    }
    let mut others = 0;
    for (c, k) in cells.iter().skip(1).zip(&cols) {
        if *k == Col::Skip && !c.trim().is_empty() {
            // A number beside the years makes the row a row of values (`1.42 | H30年 | 1.60 |
            // R7年`: values with their dates), not a header.
            if parse_quantity(c).is_ok_and(|q| q.value.is_some()) {
                return None;
            }
            others += 1;
        }
    }
    if years.len() < 2 || others > years.len() || !monotonic(&years) {
        return None;
    }
    Some(Columns {
        cols,
        unit: super::unit_in(&first).or_else(|| bracket_unit(&first)),
    })
}

/// A cheap test that a cell may be a year: it says 年, starts with an era letter and a
/// number (`H30`, `R元`), names an era, or starts with four digits (`2018`, `2018~2021`).
fn looks_like_year(c: &str) -> bool {
    let c = c.trim();
    if c.chars().count() > YEAR_CELL_MAX_CHARS {
        return false;
    }
    let mut chars = c.chars();
    let era_letter = matches!(
        chars.next(),
        Some('H' | 'R' | 'S' | 'T' | 'M' | 'h' | 'r' | 's' | 't' | 'm')
    ) && chars
        .next()
        .is_some_and(|d| d.is_ascii_digit() || d == '元' || d == ' ');
    let four_digits = c.len() >= 4 && c.bytes().take(4).all(|b| b.is_ascii_digit());
    era_letter || four_digits || c.contains('年') || lexicon::has_any(c, lexicon::ERAS)
}

/// True for a header line of an indicator table (`指標名 | 単位 | 基準値 | 目標値`).
pub(super) fn heads_indicator_columns(cells: &[String]) -> bool {
    cells
        .iter()
        .filter(|c| c.chars().count() <= YEAR_CELL_MAX_CHARS)
        .any(|c| {
            let c = fold_printed_name(c);
            lexicon::INDICATOR_COLUMN_HEADERS
                .iter()
                .any(|w| c == *w || c.starts_with(w) && c.chars().count() <= 8)
        })
}

/// True when a row is a header of years across ([`year_columns`]).
pub(super) fn is_year_header(cells: &[String]) -> bool {
    year_columns(cells).is_some()
}

/// True when a run of rows is a table with its years down the first column ([`Grid::down`]).
pub(super) fn has_years_down(rows: &[Line]) -> bool {
    Grid::down(rows).is_some()
}

/// True when the periods' start years strictly increase, or strictly decrease.
fn monotonic(ps: &[Period]) -> bool {
    let fs = FiscalStart::APRIL;
    let ys: Vec<i32> = ps.iter().map(|p| p.start_year(fs)).collect();
    let up = ys.windows(2).all(|w| w.first() < w.get(1));
    let down = ys.windows(2).all(|w| w.first() > w.get(1));
    up || down
}

fn column(cell: &str, calendar: bool) -> Col {
    let c = fold_printed_name(cell);
    if c.is_empty() {
        return Col::Skip;
    }
    if is_total_word(&c) {
        return Col::Total;
    }
    if c == "単位" {
        return Col::Unit;
    }
    let (core, target) = strip_year_note(&c);
    if let Some(period) = year_cell(core, calendar) {
        return Col::Year { period, target };
    }
    // `目標値(R7)`, `【目標】(2026年度)`: the target of a later year beside the history.
    let bare = c.replace(['【', '】', '[', ']'], "");
    lexicon::TARGET_LABELS
        .iter()
        .find_map(|w| bare.strip_prefix(w))
        .and_then(|rest| {
            let inner = rest.strip_prefix('(')?.strip_suffix(')')?;
            year_cell(inner, calendar)
        })
        .map_or(Col::Skip, |period| Col::Year {
            period,
            target: true,
        })
}

/// Removes a note after a year (`2026年度(目標)`, `R3(見込)`, `R2実績`); true when the note
/// makes the column a column of targets.
fn strip_year_note(c: &str) -> (&str, bool) {
    for &(note, target) in lexicon::YEAR_NOTES {
        if let Some(core) = c.strip_suffix(note) {
            if !core.is_empty() {
                return (core, target);
            }
        }
    }
    (c, false)
}

/// A year or window cell; a bare era year becomes a calendar year under a `年` header, and a
/// bare four-digit year (`2018`) is read as a year only here, in a header.
fn year_cell(c: &str, calendar: bool) -> Option<Period> {
    let p = match parse_period(c) {
        Ok(p) => p,
        Err(_) if c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit()) => {
            parse_period(&format!("{c}年度")).ok()?
        }
        Err(_) => return None,
    };
    let p = if calendar && !c.contains("年度") {
        match p {
            Period::FiscalYear(y) => Period::CalendarYear(y),
            Period::FiscalYears { start, end } => Period::CalendarYears { start, end },
            p => p,
        }
    } else {
        p
    };
    match p {
        Period::FiscalYear(_)
        | Period::CalendarYear(_)
        | Period::FiscalYears { .. }
        | Period::CalendarYears { .. } => Some(p),
        Period::Month { .. } | Period::Date { .. } => None,
    }
}

// ---------------------------------------------------------------------------------------------
// The grid: columns of years, rows of labelled cells
// ---------------------------------------------------------------------------------------------

/// A table with years down its first column holds a handful of series across; a wider one
/// is some other table (and reading it would cost its width times its length).
const MAX_DOWN_SERIES: usize = 32;

/// A year table in one orientation: every row holds one cell per column.
#[derive(Debug, Clone)]
struct Grid {
    cols: Columns,
    rows: Vec<GridRow>,
}

#[derive(Debug, Clone)]
struct GridRow {
    line: usize,
    /// Label cells (several when grouping columns precede the label).
    labels: Vec<String>,
    /// One cell per column.
    cells: Vec<String>,
    /// A unit printed for this row alone (the unit line under a transposed header).
    unit: Option<String>,
}

impl Grid {
    /// Years across: the header's columns, each body row's cells aligned to them from the
    /// right when the row has extra leading (grouping) cells, else from the left.
    fn across(cols: Columns, body: &[Line]) -> Grid {
        let n = cols.cols.len();
        let rows = body
            .iter()
            .map(|r| {
                let mut cells: Vec<String> = r.cells.clone();
                while cells.len() > n + 1 && cells.last().is_some_and(String::is_empty) {
                    cells.pop();
                }
                let split = cells.len().saturating_sub(n).max(1).min(cells.len());
                let (labels, values) = cells.split_at(split);
                let mut values = values.to_vec();
                values.resize(n, String::new());
                GridRow {
                    line: r.no,
                    labels: labels.to_vec(),
                    cells: values,
                    unit: None,
                }
            })
            .collect();
        Grid { cols, rows }
    }

    /// Years down: a header row of series names (`年度 | 件数 | 人数`), optionally a line of
    /// units under it (` | （所） | （人）`), over rows whose first cell is a year, turned so
    /// that each series is a row. `None` unless at least two rows start with a year, in
    /// order, and every row after the header does.
    fn down(rows: &[Line]) -> Option<Grid> {
        let (head, mut body) = rows.split_first()?;
        let mut units: Vec<Option<String>> = Vec::new();
        if let Some((second, rest)) = body.split_first() {
            if second.cells.first().is_some_and(|c| c.trim().is_empty()) {
                units = second.cells.iter().map(|c| unit_cell(c)).collect();
                if units.iter().skip(1).any(Option::is_some) {
                    body = rest;
                } else {
                    units.clear();
                }
            }
        }
        let first = fold_printed_name(head.cells.first()?);
        let calendar = is_calendar_label(&first);
        if head.cells.len() < 2 || head.cells.len() > MAX_DOWN_SERIES || body.len() < 2 {
            return None;
        }
        let mut cols = Vec::new();
        let mut years = Vec::new();
        for r in body {
            let first = r.cells.first()?;
            let total = is_total_label(first);
            if !looks_like_year(first) && !total {
                return None;
            }
            let c = fold_printed_name(first);
            let col = if is_total_word(&c) {
                Col::Total
            } else {
                let (core, target) = strip_year_note(&c);
                let period = year_cell(core, calendar)?;
                years.push(period);
                Col::Year { period, target }
            };
            cols.push(col);
        }
        if years.len() < 2 || !monotonic(&years) {
            return None;
        }
        let line = body.first().map_or(head.no, |r| r.no);
        let rows = head
            .cells
            .iter()
            .enumerate()
            .skip(1)
            .map(|(k, label)| GridRow {
                line,
                labels: vec![label.clone()],
                cells: body
                    .iter()
                    .map(|r| r.cells.get(k).cloned().unwrap_or_default())
                    .collect(),
                unit: units.get(k).cloned().flatten(),
            })
            .collect();
        Some(Grid {
            cols: Columns {
                cols,
                unit: super::unit_in(&first).or_else(|| bracket_unit(&first)),
            },
            rows,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Rows
// ---------------------------------------------------------------------------------------------

/// Text in a value cell longer than this is prose, not a value with a note.
const VALUE_TEXT_MAX_CHARS: usize = 12;

/// What a label says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Label {
    /// The name part, compacted: without `うち`, unit brackets and `(累計)`.
    base: String,
    /// A unit printed in the label (`(件)`, `【%】`).
    unit: Option<String>,
    /// `(累計)` in the label.
    cumulative: bool,
    /// The label is wholly bracketed (`(累計(H11~))`): a note on the row above.
    annotation: bool,
    /// `うち…`: a part of the row above, counted in its unit.
    subset: bool,
    /// What the row holds.
    role: Role,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
enum Role {
    /// A series' values.
    #[default]
    Plain,
    /// 目標 / 計画: the targets of the series beside it.
    Target,
    /// 実績: the values of the series beside it.
    Actual,
    /// 達成率, 対前年比: figures derived from the rows beside it, no series.
    Derived,
}

/// The role a word names (`目標`, `期待値`, `実績値`, `達成率`), if it names one.
fn role_word(w: &str) -> Option<Role> {
    if lexicon::SERIES_TARGET_ROWS.contains(&w) {
        Some(Role::Target)
    } else if lexicon::SERIES_ACTUAL_ROWS.contains(&w) {
        Some(Role::Actual)
    } else if lexicon::SERIES_DERIVED_ROWS.contains(&w) {
        Some(Role::Derived)
    } else {
        None
    }
}
/// Reads a row label (`創業数(件)`, `うち女性創業数`, `誘致件数(累計)`, `(累計(H11~))`).
fn row_label(raw: &str) -> Label {
    let mut s = fold_printed_name(&strip_tags(raw));
    let mut out = Label::default();
    // Heading marks and list labels before the name.
    let trimmed = s
        .trim_start_matches(|c: char| {
            matches!(c, '■' | '□' | '◆' | '◇' | '●' | '・' | '-' | '▼' | '▽')
                || ('\u{2460}'..='\u{24FF}').contains(&c)
        })
        .to_owned();
    s = trimmed;
    if let Some(inner) = s.strip_prefix('(').and_then(|t| t.strip_suffix(')')) {
        out.annotation = true;
        out.cumulative = inner.contains("累計");
        s = inner.to_owned();
        if out.cumulative {
            s.clear();
        }
    }
    if let Some(rest) = s.strip_prefix("うち") {
        s = rest.to_owned();
        out.subset = true;
    }
    // Trailing brackets: units and (累計); anything else (a definition) stays in the name.
    while let Some((open, close)) = [('(', ')'), ('【', '】'), ('[', ']')]
        .into_iter()
        .find(|(_, c)| s.ends_with(*c))
    {
        let Some(start) = s.rfind(open) else { break };
        let inner = &s[start + open.len_utf8()..s.len() - close.len_utf8()];
        if inner.contains("累計") {
            out.cumulative = true;
        } else if let Some(u) = unit_text(inner) {
            out.unit.get_or_insert(u);
        } else {
            break;
        }
        s.truncate(start);
    }
    out.role = role_word(&s).unwrap_or_default();
    out.base = s;
    out
}

/// The unit a bracket's content names (`件`, `単位:千人`), if it names one the plans use.
fn unit_text(inner: &str) -> Option<String> {
    let inner = inner
        .strip_prefix("単位")
        .map(|r| r.trim_start_matches([':', '：']))
        .unwrap_or(inner);
    let u = Unit::new(inner);
    (!u.is_empty() && u.is_known()).then(|| u.as_str().to_owned())
}

/// A cell of a unit line: a bracketed short word without digits (`（所）`, `(万円)`).
fn unit_cell(c: &str) -> Option<String> {
    let c = fold_printed_name(c);
    let inner = c.strip_prefix('(')?.strip_suffix(')')?;
    let inner = inner
        .strip_prefix("単位")
        .map(|r| r.trim_start_matches([':', '：']))
        .unwrap_or(inner);
    let u = Unit::new(inner);
    let ok = !u.is_empty()
        && u.as_str().chars().count() <= 6
        && !u
            .as_str()
            .chars()
            .any(|ch| ch.is_ascii_digit() || ch == '(');
    ok.then(|| u.as_str().to_owned())
}

/// The unit in a trailing bracket of a header cell (`年度(件)`).
fn bracket_unit(c: &str) -> Option<String> {
    let inner = c.strip_suffix(')')?;
    let start = inner.rfind('(')?;
    unit_text(&inner[start + 1..])
}

/// One row read.
#[derive(Debug, Clone)]
enum RowRead {
    /// A label over empty cells: a group heading.
    Heading(String),
    /// Numbers.
    Data(DataRow),
    /// Nothing (an empty row).
    Empty,
    /// Prose in the value cells: the table is no data table.
    Prose,
}

#[derive(Debug, Clone)]
struct DataRow {
    line: usize,
    label: Label,
    /// Grouping cells before the label, joined.
    group: Option<String>,
    values: Vec<(Period, Decimal)>,
    targets: Vec<(Period, Decimal)>,
    total: Option<Decimal>,
    /// Every number was bracketed.
    bracketed: bool,
    /// The unit printed in the cells.
    unit: Option<String>,
}

fn read_row(row: &GridRow, cols: &[Col]) -> RowRead {
    let label_raw = row
        .labels
        .iter()
        .rev()
        .find(|l| !l.trim().is_empty())
        .cloned()
        .unwrap_or_default();
    let group: Vec<String> = row
        .labels
        .iter()
        .rev()
        .skip_while(|l| l.trim().is_empty())
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| fold_printed_name(&strip_tags(l)))
        .collect();
    let mut data = DataRow {
        line: row.line,
        label: row_label(&label_raw),
        group: group.into_iter().next_back(),
        values: Vec::new(),
        targets: Vec::new(),
        total: None,
        bracketed: true,
        unit: row.unit.clone(),
    };
    // A 区分 column beside the years (`期待値`, `実績値`, `達成率`) says what the row holds.
    if data.label.role == Role::Plain {
        let side = row
            .cells
            .iter()
            .zip(cols)
            .filter(|(_, col)| **col == Col::Skip)
            .find_map(|(c, _)| side_role(c));
        if let Some(role) = side {
            data.label.role = role;
        }
    }
    // The unit column says the row's unit before any cell does (`千人` where the cells print
    // bare numbers, and where the name's counter would say `人`).
    if let Some(u) = row
        .cells
        .iter()
        .zip(cols)
        .find(|(_, col)| **col == Col::Unit)
        .map(|(c, _)| c.trim())
        .filter(|c| !c.is_empty() && c.chars().count() <= 12)
    {
        data.unit = Some(u.trim_matches(['(', ')']).to_owned());
    }
    let mut numbers = 0;
    for (cell, col) in row.cells.iter().zip(cols) {
        let text = cell.trim();
        if text.is_empty() || *col == Col::Unit {
            continue;
        }
        let q = match parse_quantity(text) {
            Ok(q) => q,
            Err(_) if text.chars().count() > VALUE_TEXT_MAX_CHARS => return RowRead::Prose,
            Err(_) => continue,
        };
        let Some(v) = q.value else { continue };
        numbers += 1;
        data.bracketed &= q.bracketed;
        // A side column (`対前年比 108.9%`) says nothing of the series' unit.
        if !q.unit.is_empty() && data.unit.is_none() && *col != Col::Skip {
            data.unit = Some(q.unit.as_str().to_owned());
        }
        match *col {
            Col::Year { period, target } => {
                let list = if target {
                    &mut data.targets
                } else {
                    &mut data.values
                };
                if !list.iter().any(|(p, _)| *p == period) {
                    list.push((period, v));
                }
            }
            Col::Total => data.total = Some(v),
            Col::Unit | Col::Skip => {}
        }
    }
    if numbers == 0 {
        let heading = fold_printed_name(&strip_tags(&label_raw));
        let heading = heading.trim_start_matches(['■', '□', '◆', '◇', '●', '・', '<', '〈', '【']);
        let heading = heading.trim_end_matches(['>', '〉', '】']);
        return if heading.is_empty() {
            RowRead::Empty
        } else {
            RowRead::Heading(heading.to_owned())
        };
    }
    RowRead::Data(data)
}

// ---------------------------------------------------------------------------------------------
// Series
// ---------------------------------------------------------------------------------------------

/// Reads every series of a grid into `out`; warns about totals that are not sums. True when
/// the grid held data.
fn read_grid(
    grid: &Grid,
    ctx: &Context,
    out: &mut Vec<SeriesOut>,
    warnings: &mut Vec<Warning>,
) -> bool {
    let mut reads = Vec::with_capacity(grid.rows.len());
    for r in &grid.rows {
        match read_row(r, &grid.cols.cols) {
            RowRead::Prose => return false,
            read => reads.push(read),
        }
    }
    let mut heading: Option<String> = None;
    let mut built: Vec<(SeriesOut, Role)> = Vec::new();
    let mut previous: Option<(String, String)> = None; // name and unit of the last data row
    let mut last_label: Option<Label> = None;
    for read in reads {
        let mut row = match read {
            RowRead::Heading(h) => {
                heading = Some(h);
                continue;
            }
            RowRead::Empty | RowRead::Prose => continue,
            RowRead::Data(row) => row,
        };
        // An empty label means "same as above" (`| 実績値 | …` under `新規就職者数 | 期待値 |`).
        if row.label.base.is_empty() && !row.label.annotation {
            if let Some(above) = &last_label {
                row.label = Label {
                    role: row.label.role,
                    ..above.clone()
                };
            }
        }
        if row.label.role == Role::Derived {
            continue;
        }
        if !row.label.annotation {
            last_label = Some(row.label.clone());
        }
        // A `うち` row is a part of the row above: that row's subject (without a bracketed
        // category) is its context.
        let above = previous
            .as_ref()
            .filter(|_| row.label.subset)
            .map(|(n, _)| Subject::Group(strip_trailing_brackets(n).to_owned()));
        let context = above
            .or_else(|| row.group.clone().map(Subject::Group))
            .or_else(|| heading.clone().map(Subject::Group))
            .or_else(|| ctx.caption.clone().map(Subject::Caption));
        let (name, inherited_unit) = match (&previous, row.label.annotation && row.bracketed) {
            (Some((prev, unit)), true) => {
                let base = prev.strip_suffix("(累計)").unwrap_or(prev);
                let name = if row.label.cumulative || row.label.base.is_empty() {
                    format!("{base}(累計)")
                } else {
                    format!("{base}({})", row.label.base)
                };
                (name, Some(unit.clone()))
            }
            (prev, _) => {
                let inherited = prev
                    .as_ref()
                    .filter(|_| row.label.subset)
                    .map(|(_, u)| u.clone())
                    .filter(|u| !u.is_empty());
                (series_name(context.as_ref(), &row.label), inherited)
            }
        };
        let unit = row
            .label
            .unit
            .clone()
            .or_else(|| row.unit.clone())
            .or(inherited_unit)
            .or_else(|| ctx.unit.clone())
            .or_else(|| grid.cols.unit.clone())
            .or_else(|| counter_unit(&name).map(str::to_owned))
            .unwrap_or_default();
        check_total(&name, &unit, &row, warnings);
        if !row.label.annotation {
            previous = Some((name.clone(), unit.clone()));
        }
        built.push((
            SeriesOut {
                name,
                unit,
                values: row.values,
                targets: row.targets,
                total: row.total,
                source: ctx.source.clone(),
                line: row.line,
            },
            row.label.role,
        ));
    }
    let any = !built.is_empty();
    out.extend(
        pair_targets(built)
            .into_iter()
            .filter(|s| !s.values.is_empty() || !s.targets.is_empty()),
    );
    any
}

/// Merges each 目標 row with the 実績 row beside it (either order) into one series.
fn pair_targets(built: Vec<(SeriesOut, Role)>) -> Vec<SeriesOut> {
    let mut out: Vec<SeriesOut> = Vec::with_capacity(built.len());
    let mut pending: Option<(SeriesOut, Role)> = None;
    for (s, role) in built {
        match (pending.take(), role) {
            (Some((t, Role::Target)), Role::Actual) | (Some((t, Role::Actual)), Role::Target)
                if t.name == s.name =>
            {
                let (actual, target) = if role == Role::Actual { (s, t) } else { (t, s) };
                let mut targets = target.values;
                targets.extend(target.targets);
                out.push(SeriesOut {
                    targets,
                    unit: if actual.unit.is_empty() {
                        target.unit
                    } else {
                        actual.unit
                    },
                    ..actual
                });
            }
            (p, _) => {
                if let Some((p, prole)) = p {
                    out.push(finish_lone(p, prole));
                }
                if role == Role::Plain {
                    out.push(s);
                } else {
                    pending = Some((s, role));
                }
            }
        }
    }
    if let Some((p, prole)) = pending {
        out.push(finish_lone(p, prole));
    }
    out
}

/// A 目標 row without its 実績: its numbers are targets.
fn finish_lone(mut s: SeriesOut, role: Role) -> SeriesOut {
    if role == Role::Target {
        let mut targets = std::mem::take(&mut s.values);
        targets.append(&mut s.targets);
        s.targets = targets;
    }
    s
}

/// Warns when the printed total is not the sum of the row's values. Running totals and rates
/// are not sums of their years, so they are not checked.
fn check_total(name: &str, unit: &str, row: &DataRow, warnings: &mut Vec<Warning>) {
    let Some(total) = row.total else { return };
    if row.label.cumulative || unit == "%" || row.values.is_empty() && row.targets.is_empty() {
        return;
    }
    let list = if row.values.is_empty() {
        &row.targets
    } else {
        &row.values
    };
    let mut sum = Decimal::ZERO;
    for (_, v) in list {
        match sum.checked_add(*v) {
            Some(s) => sum = s,
            None => return,
        }
    }
    if sum != total {
        let what = if row.label.base.is_empty() {
            name
        } else {
            row.label.base.as_str()
        };
        warnings.push(Warning {
            line: row.line,
            code: "series_total".into(),
            message: format!(
                "{name}: {what}の合計 {} が各年の和 {} と一致しません / the printed total {} is \
                 not the sum {} of the years",
                total.normalize(),
                sum.normalize(),
                total.normalize(),
                sum.normalize()
            ),
            evidence: None,
        });
    }
}

/// Cleans a caption into a subject: figure numbers, heading marks and brackets around it, a
/// trailing period or unit bracket, and endings such as `の推移` removed; returns the unit a
/// bracket gave.
fn clean_caption(text: &str) -> (String, Option<String>) {
    let mut c = fold_printed_name(&strip_tags(text));
    let mut unit = None;
    // Figure and table numbers: `図表3`, `図1-2`, `表2`, `グラフ1`.
    for prefix in lexicon::FIGURE_PREFIXES {
        if let Some(rest) = c.strip_prefix(prefix) {
            let rest = rest.trim_start_matches(|ch: char| {
                ch.is_ascii_digit() || matches!(ch, '-' | '.' | '－' | ':' | '：')
            });
            if rest.len() < c.len() - prefix.len() {
                c = rest.to_owned();
            }
            break;
        }
    }
    c = c
        .trim_start_matches(['■', '□', '◆', '◇', '●', '○', '▼', '・'])
        .to_owned();
    for (open, close) in [
        ('【', '】'),
        ('<', '>'),
        ('〈', '〉'),
        ('〔', '〕'),
        ('[', ']'),
    ] {
        if let Some(inner) = c.strip_prefix(open).and_then(|t| t.strip_suffix(close)) {
            c = inner.to_owned();
        }
    }
    while let Some(inner) = c.strip_suffix(')') {
        let Some(start) = inner.rfind('(') else { break };
        let content = &inner[start + 1..];
        // A unit, a period or a dating note (`各年12月31日現在`, `速報値`) is about the table,
        // not its subject.
        let note = lexicon::has_any(content, lexicon::CAPTION_DATING_NOTES);
        if let Some(u) = super::unit_in(content).or_else(|| unit_text(content)) {
            unit.get_or_insert(u);
        } else if !note && parse_period(content).is_err() {
            break;
        }
        c.truncate(start);
    }
    for ending in lexicon::CAPTION_ENDINGS {
        if let Some(rest) = c.strip_suffix(ending) {
            if !rest.is_empty() {
                c = rest.to_owned();
                break;
            }
        }
    }
    (c, unit)
}

/// True for a name that ends in a measure (`件数`, `導入率`, `金額`, `割合`), as opposed to a
/// category (`医療関連分野`).
fn is_measure(s: &str) -> bool {
    // `製造品出荷額等`: the measure is before the `等`.
    let s = s
        .strip_suffix("など")
        .or_else(|| s.strip_suffix('等'))
        .unwrap_or(s);
    s.ends_with("割合")
        || s.chars()
            .last()
            .is_some_and(|c| lexicon::MEASURE_END_CHARS.contains(&c))
}

/// The length in chars of the longest common suffix.
fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// `s` without its last `n` chars.
fn drop_last_chars(s: &str, n: usize) -> &str {
    if n == 0 {
        return s;
    }
    let cut = s.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
    &s[..cut]
}

/// What a row's name is read against.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Subject {
    /// A heading inside the table (`■中小企業経営革新計画`), a grouping cell, or the row a
    /// `うち` row is part of: the rows under it are its measures or parts.
    Group(String),
    /// The table's caption: the rows are its parts, or name their own measures.
    Caption(String),
}

/// A series' name from its context (group heading or caption) and its label; see the module
/// documentation for the rules.
fn series_name(context: Option<&Subject>, label: &Label) -> String {
    let base = label.base.as_str();
    let generic = base.is_empty()
        || lexicon::GENERIC_SERIES_LABELS.contains(&base)
        || role_word(base).is_some()
        || base.starts_with('(');
    let (context, group) = match context {
        Some(Subject::Group(g)) => (Some(g.as_str()), true),
        Some(Subject::Caption(c)) => (Some(c.as_str()), false),
        None => (None, false),
    };
    let mut name = match context.map(fold_printed_name).filter(|c| !c.is_empty()) {
        None => base.to_owned(),
        Some(ctx) => {
            if generic || ctx == base || ctx.ends_with(base) {
                ctx
            } else if base.ends_with(ctx.as_str()) {
                base.to_owned()
            } else {
                let common = common_suffix_chars(&ctx, base);
                let prefix = drop_last_chars(&ctx, common);
                if common >= 2 {
                    // A prefix that ends in kana (a particle, `ー`) runs into the name.
                    if prefix
                        .chars()
                        .last()
                        .is_some_and(|c| is_hiragana(c) || c == 'ー')
                    {
                        format!("{prefix}{base}")
                    } else {
                        base.to_owned()
                    }
                } else if is_measure(base) {
                    // A measure under a group heading is the group's (`…計画の承認件数`); under
                    // a caption it names itself.
                    if group && !is_measure(&ctx) {
                        format!("{ctx}の{base}")
                    } else {
                        base.to_owned()
                    }
                } else if is_measure(&ctx) {
                    let measure = ctx.rsplit_once('の').map_or(ctx.as_str(), |(_, m)| m);
                    format!("{measure}({base})")
                } else {
                    format!("{ctx}({base})")
                }
            }
        }
    };
    if label.cumulative && !name.ends_with("(累計)") {
        name.push_str("(累計)");
    }
    name
}

/// `name` without the bracketed groups at its end (`事業化件数(医療関連分野)(累計)` →
/// `事業化件数`).
fn strip_trailing_brackets(name: &str) -> &str {
    let mut n = name;
    while let Some(inner) = n.strip_suffix(')') {
        match inner.rfind('(') {
            Some(start) if start > 0 => n = &inner[..start],
            _ => break,
        }
    }
    n
}

/// The unit a name's last word counts in (`誘致件数` → `件`), for tables that print none.
fn counter_unit(name: &str) -> Option<&'static str> {
    // The counter is the word before any trailing brackets (`(累計)`, a category).
    let n = strip_trailing_brackets(name);
    lexicon::COUNTER_UNITS
        .iter()
        .find(|(suffix, _)| n.ends_with(suffix))
        .map(|(_, u)| *u)
        .or_else(|| n.ends_with('率').then_some("%"))
}

// ---------------------------------------------------------------------------------------------
// Series the indicators cite
// ---------------------------------------------------------------------------------------------

/// A name as subjects are compared: compacted, `(累計)` and `の` set aside.
fn subject_key(name: &str) -> String {
    let c = fold_printed_name(name);
    let c = c.strip_suffix("(累計)").unwrap_or(&c);
    c.replace('の', "")
}

/// True when the indicator's baseline is what the series shows: the sum of its years over a
/// baseline window (every year present), or its value in the baseline year.
fn baseline_agrees(ind: &IndicatorOut, s: &SeriesOut) -> bool {
    let (Some(b), Some(p)) = (ind.baseline.value, ind.baseline.period) else {
        return false;
    };
    let fs = FiscalStart::APRIL;
    if p.is_window() {
        window_sum(s, p) == Some(b)
    } else {
        let y = p.end_year(fs);
        s.values
            .iter()
            .any(|(sp, v)| !sp.is_window() && sp.end_year(fs) == y && *v == b)
    }
}

/// Renames each series that exactly one indicator cites (see the module documentation).
///
/// Every series against every indicator would be quadratic in a plan that prints a data
/// table beside each of thousands of targets, so a series is compared only with the shorter
/// of two lists, both found through maps built once: the indicators whose baseline it can
/// show (one of its values in the baseline's year, or its sum over a baseline window), and
/// those whose name holds the rarest run of three characters of its own.
fn adopt_indicator_names(series: &mut [SeriesOut], indicators: &[IndicatorOut]) {
    let fs = FiscalStart::APRIL;
    // The indicators' keys once, not once per series; only those with a baseline value and
    // period, as no other can agree with a series.
    let mut keys: Vec<Option<String>> = vec![None; indicators.len()];
    // (year, value) → indicators with that single-year baseline.
    let mut by_year: HashMap<(i32, Decimal), Vec<usize>> = HashMap::new();
    // window → (sum → indicators with that baseline over the window).
    let mut by_window: HashMap<Period, HashMap<Decimal, Vec<usize>>> = HashMap::new();
    // Three characters in a row → indicators whose key holds them.
    let mut by_run: HashMap<[char; 3], Vec<usize>> = HashMap::new();
    for (i, ind) in indicators.iter().enumerate() {
        let (Some(b), Some(p)) = (ind.baseline.value, ind.baseline.period) else {
            continue;
        };
        let key = subject_key(&ind.name);
        for run in runs(&key) {
            let list = by_run.entry(run).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
        if let Some(k) = keys.get_mut(i) {
            *k = Some(key);
        }
        if p.is_window() {
            by_window
                .entry(p)
                .or_default()
                .entry(b.normalize())
                .or_default()
                .push(i);
        } else {
            by_year
                .entry((p.end_year(fs), b.normalize()))
                .or_default()
                .push(i);
        }
    }
    let mut by_value: Vec<usize> = Vec::new();
    // The citing indicator of each subject and values already looked at: a table printed
    // again (a document and its reprint, a plan with its summary) asks once.
    let mut asked: HashMap<Asking, Option<usize>> = HashMap::new();
    for s in series.iter_mut() {
        let key = subject_key(&s.name);
        if key.is_empty() {
            continue;
        }
        let asking = (key, s.values.clone());
        if let Some(cited) = asked.get(&asking) {
            if let Some(ind) = cited.and_then(|i| indicators.get(i)) {
                s.name = fold_printed_name(&ind.name);
            }
            continue;
        }
        let key = &asking.0;
        by_value.clear();
        for (sp, v) in &s.values {
            if !sp.is_window() {
                if let Some(found) = by_year.get(&(sp.end_year(fs), v.normalize())) {
                    by_value.extend(found);
                }
            }
        }
        for (p, by_sum) in &by_window {
            if let Some(sum) = window_sum(s, *p) {
                if let Some(found) = by_sum.get(&sum.normalize()) {
                    by_value.extend(found);
                }
            }
        }
        by_value.sort_unstable();
        by_value.dedup();
        // A key shorter than three characters has no run: the baselines alone narrow it down.
        let by_name = runs(key)
            .map(|run| by_run.get(&run).map_or(&[][..], Vec::as_slice))
            .min_by_key(|list| list.len());
        let candidates = match by_name {
            Some(list) if list.len() < by_value.len() => list,
            _ => by_value.as_slice(),
        };
        let mut citing = candidates.iter().copied().filter(|&i| {
            let (Some(ind), Some(Some(k))) = (indicators.get(i), keys.get(i)) else {
                return false;
            };
            k.len() > key.len() && k.contains(key.as_str()) && baseline_agrees(ind, s)
        });
        let cited = match (citing.next(), citing.next()) {
            (Some(i), None) => Some(i),
            _ => None,
        };
        if let Some(ind) = cited.and_then(|i| indicators.get(i)) {
            s.name = fold_printed_name(&ind.name);
        }
        asked.insert(asking, cited);
    }
}

/// A series as [`adopt_indicator_names`] asks about it: its subject key and its values.
type Asking = (String, Vec<(Period, Decimal)>);

/// The runs of three characters of `key`, each run starting one character after the last.
fn runs(key: &str) -> impl Iterator<Item = [char; 3]> + '_ {
    key.chars()
        .zip(key.chars().skip(1))
        .zip(key.chars().skip(2))
        .map(|((a, b), c)| [a, b, c])
}

/// The sum of a series over a window, when every year of the window is present (`None`
/// when one is missing or the sum overflows).
fn window_sum(s: &SeriesOut, p: Period) -> Option<Decimal> {
    let fs = FiscalStart::APRIL;
    let (from, to) = p.year_span(fs);
    let mut sum = Decimal::ZERO;
    let mut years = 0;
    for (sp, v) in &s.values {
        if !sp.is_window() && (from..=to).contains(&sp.end_year(fs)) {
            sum = sum.checked_add(*v)?;
            years += 1;
        }
    }
    (years == p.year_count()).then_some(sum)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::Kind;
    use crate::extract::model::ValueAt;
    use shinchoku_core::indicator::{Comparator, Direction, IndicatorKind};

    fn run(text: &str) -> Extraction {
        let doc = Doc::new("t.txt", text);
        let mut ex = Extraction::default();
        recognize(
            &doc,
            crate::extract::blocks::classify(&doc).of(Kind::Series),
            &mut ex,
        );
        ex
    }

    /// `(name, unit, [(period, value)])` of a series.
    type Row = (String, String, Vec<(String, String)>);
    type WantRow<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

    fn series(ex: &Extraction) -> Vec<Row> {
        ex.series
            .iter()
            .map(|s| {
                (
                    s.name.clone(),
                    s.unit.clone(),
                    s.values
                        .iter()
                        .map(|(p, v)| (p.to_string(), v.normalize().to_string()))
                        .collect(),
                )
            })
            .collect()
    }

    fn check(text: &str, want: &[WantRow]) {
        let got = series(&run(text));
        let want: Vec<Row> = want
            .iter()
            .map(|(n, u, vs)| {
                (
                    n.to_string(),
                    u.to_string(),
                    vs.iter()
                        .map(|(p, v)| (p.to_string(), v.to_string()))
                        .collect(),
                )
            })
            .collect();
        assert_eq!(got, want, "{text}");
    }

    #[test]
    fn a_year_table_under_a_caption_is_a_series_named_by_the_caption() {
        check(
            "企業の誘致件数\n\n年\tH30\tR1\tR2\tR3\n誘致件数(累計)\t28\t55\t78\t103\n\n資料 県商工労働部\n",
            &[(
                "企業の誘致件数(累計)",
                "件",
                &[
                    ("CY2018", "28"),
                    ("CY2019", "55"),
                    ("CY2020", "78"),
                    ("CY2021", "103"),
                ],
            )],
        );
        let ex = run("企業の誘致件数\n\n年\tH30\tR1\n誘致件数\t28\t55\n\n資料 県商工労働部\n");
        assert_eq!(ex.series[0].source.as_deref(), Some("県商工労働部"));
        assert_eq!(ex.series[0].line, 4);
    }

    #[test]
    fn a_unit_column_gives_each_row_its_unit_and_later_years_may_stay_empty() {
        // The header lists more years than the rows have values: the values are the first
        // years', and nothing is guessed for the rest.
        check(
            "指標名\t単位\tR1\tR2\tR3\tR4\tR5\n観光入込客数\t万人\t120\t80\t95\n宿泊者数\t千人\t300\t210\n",
            &[
                (
                    "観光入込客数",
                    "万人",
                    &[("FY2019", "120"), ("FY2020", "80"), ("FY2021", "95")],
                ),
                ("宿泊者数", "千人", &[("FY2019", "300"), ("FY2020", "210")]),
            ],
        );
    }

    #[test]
    fn a_row_of_dates_under_values_is_no_year_header() {
        let ex = run("成果指標\t区分\t基準値\t目標値\n公園の利用者数\t数値\t35万人\t40万人\n\t時点\tR3年度\tR9年度\n市民活動団体数\t数値\t120団体\t150団体\n\t時点\tR4年度\tR9年度\n");
        assert_eq!(series(&ex), []);
    }

    #[test]
    fn a_uchi_row_is_named_from_the_caption_and_its_own_word() {
        check(
            "関係支援機関の支援による創業数\n\n年度\tH30\tR1\n創業数(件)\t239\t208\nうち女性創業数\t86\t63\n",
            &[
                (
                    "関係支援機関の支援による創業数",
                    "件",
                    &[("FY2018", "239"), ("FY2019", "208")],
                ),
                (
                    "関係支援機関の支援による女性創業数",
                    "件",
                    &[("FY2018", "86"), ("FY2019", "63")],
                ),
            ],
        );
    }

    #[test]
    fn window_columns_totals_and_dashes() {
        let text = "環境・エネルギー、医療関連分野の事業化件数\n\n年度\tH26-29\tH30\tR1\t合計\n\
                    環境・エネルギー関連分野\t35\t26\t3\t64\nバイオ関連分野\t—\t—\t2\t2\n\n資料：県\n";
        check(
            text,
            &[
                (
                    "事業化件数(環境・エネルギー関連分野)",
                    "件",
                    &[("FY2014-FY2017", "35"), ("FY2018", "26"), ("FY2019", "3")],
                ),
                ("事業化件数(バイオ関連分野)", "件", &[("FY2019", "2")]),
            ],
        );
        let ex = run(text);
        assert_eq!(ex.series[0].total, Some(Decimal::from(64)));
        assert!(ex.warnings.is_empty(), "{:?}", ex.warnings);
    }

    /// A year cell 24 characters long (66 bytes of UTF-8), and one character more.
    const YEAR_CELL_24: &str = "令和4年度末時点の見込値(速報値・暫定値を含む)";

    #[test]
    fn a_year_cell_is_limited_in_characters_not_bytes() {
        assert_eq!(YEAR_CELL_24.chars().count(), YEAR_CELL_MAX_CHARS);
        assert!(looks_like_year(YEAR_CELL_24));
        assert!(!looks_like_year(&format!("{YEAR_CELL_24}等")));
    }

    #[test]
    fn an_indicator_header_cell_is_limited_in_characters() {
        // `目標値` spaced out across a PDF conversion's columns, 24 characters and 25.
        let spaced = |n: usize| format!("目{}標{}値", " ".repeat(10), " ".repeat(n - 13));
        assert!(heads_indicator_columns(&[spaced(24)]));
        assert!(!heads_indicator_columns(&[spaced(25)]));
    }

    #[test]
    fn a_total_or_role_label_is_limited_in_characters() {
        // 12 characters, 28 bytes: read as a total now that the limit counts characters.
        assert!(is_total_label("合計(令和3年〜令和7)"));
        assert!(!is_total_label("合計(令和3年度〜令和7)"));
        let spaced = |n: usize| format!("対前年{}増減", " ".repeat(n - 5));
        assert_eq!(side_role(&spaced(12)), Some(Role::Derived));
        assert_eq!(side_role(&spaced(13)), None);
    }

    #[test]
    fn a_total_that_is_not_the_sum_is_warned() {
        let ex = run("件数\n\n年度\tH30\tR1\t合計\n相談件数\t5\t6\t12\n");
        assert_eq!(ex.warnings.len(), 1);
        assert_eq!(ex.warnings[0].code, "series_total");
        assert_eq!(ex.warnings[0].line, 4);
    }

    #[test]
    fn target_and_actual_rows_pair_into_one_series() {
        let text = "海外展開の成約件数\n\n\t2018年度\t2019年度\t2020年度\t合計\n目標\t5件\t5件\t5件\t15件\n\
                    実績\t5件\t12件\t20件\t(37件)\n";
        let ex = run(text);
        assert_eq!(ex.series.len(), 1, "{:?}", ex.series);
        let s = &ex.series[0];
        assert_eq!(s.name, "海外展開の成約件数");
        assert_eq!(s.unit, "件");
        assert_eq!(s.values.len(), 3);
        assert_eq!(s.targets.len(), 3);
        assert_eq!(s.values[1].1, Decimal::from(12));
        assert_eq!(s.total, Some(Decimal::from(37)));
        assert!(ex.warnings.is_empty(), "{:?}", ex.warnings);
    }

    #[test]
    fn paired_rows_report_their_latest_actual_against_that_years_target() {
        let text = "海外展開の成約件数\n\n\t2018年度\t2019年度\t2020年度\t2021年度\n\
                    目標\t5件\t6件\t7件\t8件\n実績\t5件\t12件\t4件\t\n";
        let mut ex = run(text);
        crate::extract::tables::progress_of_paired_series(&mut ex);
        let got: Vec<String> = ex
            .progress_entries
            .iter()
            .map(|e| {
                format!(
                    "{} {:?} {:?} {:?} {} {:?}",
                    e.name,
                    e.actual.map(|d| d.to_string()),
                    e.target.map(|d| d.to_string()),
                    e.final_target.map(|d| d.to_string()),
                    e.unit,
                    e.as_of.map(|p| p.to_string()),
                )
            })
            .collect();
        // FY2020's 4 against FY2020's 7; FY2021's 8 is the plan's target, not yet measured.
        assert_eq!(
            got,
            [r#"海外展開の成約件数 Some("4") Some("7") Some("8") 件 Some("FY2020")"#]
        );
        // Once a progress entry names the series, it is not read twice.
        crate::extract::tables::progress_of_paired_series(&mut ex);
        assert_eq!(ex.progress_entries.len(), 1);
    }

    #[test]
    fn group_headings_and_bracketed_running_totals() {
        check(
            "中小企業経営革新計画・技術革新計画\n\n区 分\tH29\tH30\n■中小企業経営革新計画\t\t\n\
             承認件数\t68\t76\n(累計(H11~))\t(1,229)\t(1,305)\n達成件数\t24\t33\n",
            &[
                (
                    "中小企業経営革新計画の承認件数",
                    "件",
                    &[("FY2017", "68"), ("FY2018", "76")],
                ),
                (
                    "中小企業経営革新計画の承認件数(累計)",
                    "件",
                    &[("FY2017", "1229"), ("FY2018", "1305")],
                ),
                (
                    "中小企業経営革新計画の達成件数",
                    "件",
                    &[("FY2017", "24"), ("FY2018", "33")],
                ),
            ],
        );
    }

    #[test]
    fn a_row_with_the_full_name_keeps_it_and_a_rate_keeps_its_percent() {
        check(
            "中小企業の I o T 導入率\n\n年度\tH28\tR3\n中小企業の I o T 導入率\t3.9%\t19.3%\n",
            &[(
                "中小企業のIoT導入率",
                "%",
                &[("FY2016", "3.9"), ("FY2021", "19.3")],
            )],
        );
        check(
            "首都圏における商談会件数の推移\n\n年度\tH30\tR1\n地域商社が参加した首都圏における商談会件数\t4件\t6件\n",
            &[(
                "地域商社が参加した首都圏における商談会件数",
                "件",
                &[("FY2018", "4"), ("FY2019", "6")],
            )],
        );
    }

    #[test]
    fn roadmaps_and_indicator_tables_are_no_series() {
        assert!(
            run("取組\t2022\t2023\t2024\n企業誘致の推進\t戦略的な企業誘致活動の実施\t\t\n")
                .series
                .is_empty()
        );
        assert!(run(
            "項目\t【現状】(2021年度)\t【目標値】(2026年度)\n①企業誘致件数\t25件\t125件\n"
        )
        .series
        .is_empty());
        // Years on a second header line under 基準値 / 目標値 are an indicator table's.
        assert!(run(
            "指標名\t単位\t基準値\t目標値\n\t\tR2\tR3\tR4\n観光客数\t万人\t412\t430\t450\n"
        )
        .series
        .is_empty());
        // Values with their dates beside them are no year table.
        assert!(run(
            "指標\t基準値\t基準時点\t目標値\t目標時点\n出生率\t1.42\tH30年\t1.60\tR7年\n\
                     登録者数\t1,215人\tR2.3末\t1,500人\tR7年度\n"
        )
        .series
        .is_empty());
        assert!(
            run("1\t対応できる人材がない\t54.1%\n2\t時間がない\t37.6%\n")
                .series
                .is_empty()
        );
        // Counts that happen to look like years are no header: they are not in order.
        assert!(run("区分\t2021\t2019\t2020\n件数\t1\t2\t3\n")
            .series
            .is_empty());
    }

    #[test]
    fn indicators_citing_a_series_lend_it_their_name() {
        let mut ex = Extraction {
            indicators: vec![IndicatorOut {
                id: "i1".into(),
                name: "中小企業の海外展開成約件数".into(),
                unit: "件".into(),
                kind: IndicatorKind::PeriodTotal,
                direction: Direction::Increase,
                comparator: Comparator::Exact,
                baseline: ValueAt {
                    value: Some(Decimal::from(37)),
                    period: Some(Period::FiscalYears {
                        start: 2018,
                        end: 2020,
                    }),
                    ..ValueAt::default()
                },
                target: ValueAt::default(),
                yearly_targets: Vec::new(),
                node: None,
                project: None,
                category: None,
                label: None,
                definition: None,
                source: None,
                source_line: 1,
                also_at: Vec::new(),
            }],
            ..Extraction::default()
        };
        let text = "海外展開の成約件数\n\n\t2018年度\t2019年度\t2020年度\n目標\t5件\t5件\t5件\n\
                    実績\t5件\t12件\t20件\n";
        let doc = Doc::new("t.txt", text);
        recognize(
            &doc,
            crate::extract::blocks::classify(&doc).of(Kind::Series),
            &mut ex,
        );
        assert_eq!(ex.series[0].name, "中小企業の海外展開成約件数");
        // Not when the numbers disagree.
        ex.series.clear();
        if let Some(i) = ex.indicators.first_mut() {
            i.baseline.value = Some(Decimal::from(36));
        }
        recognize(
            &doc,
            crate::extract::blocks::classify(&doc).of(Kind::Series),
            &mut ex,
        );
        assert_eq!(ex.series[0].name, "海外展開の成約件数");
    }

    #[test]
    fn labels_are_read_into_name_unit_and_marks() {
        let l = row_label("創業数(件)");
        assert_eq!((l.base.as_str(), l.unit.as_deref()), ("創業数", Some("件")));
        let l = row_label("誘致件数(累計)");
        assert_eq!((l.base.as_str(), l.cumulative), ("誘致件数", true));
        let l = row_label("うち女性創業数");
        assert_eq!(l.base, "女性創業数");
        let l = row_label("(累計(H11~))");
        assert!(l.annotation && l.cumulative && l.base.is_empty());
        let l = row_label("売上高【億円】");
        assert_eq!(
            (l.base.as_str(), l.unit.as_deref()),
            ("売上高", Some("億円"))
        );
        let l = row_label("センター(周南地域)");
        assert_eq!(l.base, "センター(周南地域)");
        assert_eq!(row_label("実績値").role, Role::Actual);
        assert_eq!(row_label("目 標").role, Role::Target);
    }

    #[test]
    fn captions_are_cleaned_into_subjects() {
        for (raw, want, unit) in [
            (
                "首都圏における商談会件数の推移",
                "首都圏における商談会件数",
                None,
            ),
            (
                "図表3 観光客数の推移（単位：千人）",
                "観光客数",
                Some("千人"),
            ),
            ("【創業数】", "創業数", None),
            ("成約件数(2018年度~2021年度)", "成約件数", None),
            ("工業の推移(各年12月31日現在)", "工業", None),
            ("センター(周南地域)", "センター(周南地域)", None),
        ] {
            let (c, u) = clean_caption(raw);
            assert_eq!((c.as_str(), u.as_deref()), (want, unit), "{raw}");
        }
    }

    #[test]
    fn year_headers_in_every_form() {
        let cells = |s: &str| s.split('\t').map(str::to_owned).collect::<Vec<_>>();
        let periods = |s: &str| -> Vec<String> {
            year_columns(&cells(s))
                .map(|c| {
                    c.cols
                        .iter()
                        .map(|c| match c {
                            Col::Year { period, target } => {
                                format!("{period}{}", if *target { "*" } else { "" })
                            }
                            Col::Total => "total".into(),
                            Col::Unit => "unit".into(),
                            Col::Skip => "-".into(),
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(periods("年\tH30\tR1"), ["CY2018", "CY2019"]);
        assert_eq!(periods("年度\tH30\tR元"), ["FY2018", "FY2019"]);
        assert_eq!(
            periods("区分\t平成29年度\t平成30年度\t令和元年度"),
            ["FY2017", "FY2018", "FY2019"]
        );
        assert_eq!(
            periods("\t2018年度\t2019年度\t合計"),
            ["FY2018", "FY2019", "total"]
        );
        assert_eq!(
            periods("年度\tH26-29\tH30\t合計"),
            ["FY2014-FY2017", "FY2018", "total"]
        );
        assert_eq!(
            periods("年\t2012年\t2011年\t2010年"),
            ["CY2012", "CY2011", "CY2010"]
        );
        assert_eq!(
            periods("区分\t2019\t2020\t2021"),
            ["FY2019", "FY2020", "FY2021"]
        );
        assert_eq!(periods("区分\tR2\tR3\t対前年比"), ["FY2020", "FY2021", "-"]);
        assert_eq!(
            periods("指標\tR2(実績)\tR3(実績)\tR7(目標)"),
            ["FY2020", "FY2021", "FY2025*"]
        );
        assert_eq!(
            periods("指標名\tH30\tR1\t目標値(R7)"),
            ["FY2018", "FY2019", "FY2025*"]
        );
        assert!(periods("項目\t【現状】(2021年度)\t【目標値】(2026年度)").is_empty());
        assert!(periods("指標\tR3(実績)\tR7(目標)").is_empty());
        assert!(periods("取組\t戦略\t実施").is_empty());
        assert!(periods("年度\tH30").is_empty());
    }

    #[test]
    fn names_follow_the_context_rules() {
        let cap = |c: &str| Some(Subject::Caption(c.to_owned()));
        let group = |c: &str| Some(Subject::Group(c.to_owned()));
        let name = |ctx: Option<Subject>, label: &str| series_name(ctx.as_ref(), &row_label(label));
        assert_eq!(
            name(cap("企業の誘致件数"), "誘致件数(累計)"),
            "企業の誘致件数(累計)"
        );
        assert_eq!(name(cap("観光客数"), "宿泊者数"), "宿泊者数");
        assert_eq!(name(cap("工業"), "事業所数"), "事業所数");
        assert_eq!(
            name(group("中小企業経営革新計画"), "承認件数"),
            "中小企業経営革新計画の承認件数"
        );
        assert_eq!(name(cap("業種別の事業所数"), "製造業"), "事業所数(製造業)");
        assert_eq!(name(cap("地域別"), "東部"), "地域別(東部)");
        assert_eq!(name(None, "相談件数"), "相談件数");
        assert_eq!(name(cap("相談件数"), "実績"), "相談件数");
        assert_eq!(
            name(group("関係支援機関の支援による創業数"), "うち女性創業数"),
            "関係支援機関の支援による女性創業数"
        );
    }

    #[test]
    fn counters_give_units_to_unitless_tables() {
        assert_eq!(counter_unit("企業の誘致件数(累計)"), Some("件"));
        assert_eq!(counter_unit("就業率"), Some("%"));
        assert_eq!(counter_unit("有効求人倍率"), Some("倍"));
        assert_eq!(counter_unit("付加価値額"), None);
        assert_eq!(counter_unit("事業化件数(医療関連分野)"), Some("件"));
    }

    #[test]
    fn never_panics_on_odd_tables() {
        for text in [
            "\t\t\n\t\t\n",
            "年度\tH30\tR1\n",
            "年度\tH30\tR1\n\t\t\n()\t(1)\t(\n",
            "年度\n H30\t1\nR1\t2\n",
            "(\tH30\tR1\n(\t(\t)\n",
            "年度\tH30\tR1\n\u{3000}うち\t1\t2\t3\t4\t5\n",
        ] {
            let _ = run(text);
        }
    }

    #[test]
    fn a_series_takes_the_name_of_the_one_indicator_citing_it_and_of_none_when_two_do() {
        let indicator = |name: &str, value: i64, period: Period| IndicatorOut {
            id: String::new(),
            name: name.into(),
            unit: "件".into(),
            kind: IndicatorKind::Level,
            direction: Direction::Increase,
            comparator: Comparator::Exact,
            baseline: ValueAt {
                value: Some(Decimal::from(value)),
                period: Some(period),
                ..ValueAt::default()
            },
            target: ValueAt::default(),
            yearly_targets: Vec::new(),
            node: None,
            project: None,
            category: None,
            label: None,
            definition: None,
            source: None,
            source_line: 1,
            also_at: Vec::new(),
        };
        let fy = |y| Period::FiscalYear(y);
        let text = "創業数の推移\n\n年度\tH30\tR1\tR2\n創業数(件)\t239\t208\t214\n";
        let doc = Doc::new("t.txt", text);
        let named = |indicators: Vec<IndicatorOut>| {
            let mut ex = Extraction {
                indicators,
                ..Extraction::default()
            };
            recognize(
                &doc,
                crate::extract::blocks::classify(&doc).of(Kind::Series),
                &mut ex,
            );
            ex.series
                .first()
                .map(|s| s.name.clone())
                .unwrap_or_default()
        };
        // The baseline of one year, among indicators that do not cite the series: others with
        // the same baseline (more of them than names holding the series'), one with the name
        // but another number, one of a year the table does not print.
        let others = || {
            vec![
                indicator("事業承継件数", 208, fy(2019)),
                indicator("観光客数", 208, fy(2019)),
                indicator("移住者数", 208, fy(2019)),
                indicator("関係支援機関の支援による創業数", 207, fy(2019)),
                indicator("女性の創業数の合計", 208, fy(2021)),
            ]
        };
        let mut one = others();
        one.push(indicator("関係支援機関の支援による創業数", 208, fy(2019)));
        assert_eq!(named(one.clone()), "関係支援機関の支援による創業数");
        // The same table printed again takes the name again.
        let twice = Doc::new("t.txt", &format!("{text}\n本文です。\n\n{text}"));
        let mut ex = Extraction {
            indicators: one,
            ..Extraction::default()
        };
        recognize(
            &twice,
            crate::extract::blocks::classify(&twice).of(Kind::Series),
            &mut ex,
        );
        let names: Vec<&str> = ex.series.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["関係支援機関の支援による創業数"; 2]);
        // Two indicators citing it: the series keeps its own name.
        let mut two = others();
        two.push(indicator("関係支援機関の支援による創業数", 208, fy(2019)));
        two.push(indicator("市の創業数(累計)", 214, fy(2020)));
        assert_eq!(named(two), "創業数");
        assert_eq!(named(others()), "創業数");
    }
}
