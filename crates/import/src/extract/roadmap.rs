//! Roadmaps (工程表): the rows of a table under fiscal-year columns, as items with a start
//! and an end year.
//!
//! A plan prints, per measure, what it will do in which year: a table whose header names the
//! years (`取組 | 令和3年度(2021年度) | 令和4年度(2022年度)`, `取組 | R4 | R5 | R6`,
//! `取 組 | 2022 | 2023`, `事業 | 2024年度 | 2025年度 | 2026年度以降`) and whose rows hold
//! either the work itself in the year cells (`<オープンイノベーション推進体制の強化> ・…`) or
//! the row's title in the first column and marks in the year cells (`検討 | 実施 | → | →`).
//! On paper a bar or an arrow spans the years; in the text a PDF yields, the bar is gone and
//! its words are printed once, in the column where the bar starts.
//!
//! The rules (each proven by a test below, on hand-made tables in the shapes plans use):
//! - **The table.** A row with at least two year cells in increasing order (read with
//!   [`parse_period`]; a bare `2022` counts in such a row, since a header of consecutive
//!   Western years is a header of fiscal years; `2026年度以降` is its year) heads a roadmap
//!   when a label cell of the header says what the rows are (取組, 事業, 施策, 項目, 内容, 工程)
//!   or a heading just above says 工程表 / ロードマップ / 年次計画 / スケジュール, and at most
//!   a quarter of its filled year cells are numbers (else it is a data table, `tables`' part).
//! - **Group.** The label column (取組) is the item's group; an empty label cell means "same
//!   as above".
//! - **Text tables** (the work is written in the year cells): every filled year cell starts
//!   an item, and in one cell each bracketed title (`<…>`, `〈…〉`, `《…》`) starts an item
//!   whose content (`content`) is the text after it; text before the first title is an item of
//!   its own; a cell without titles is one item, its first paragraph (`<p>…</p>`) or first
//!   `・` item the title and the rest its content. HTML debris a converter leaves (`<ul …>`,
//!   `<p>`, `</p>`, `<li>`) is stripped; `<DXの推進>` is a title, not a tag. An item starts
//!   in its column and, the bar being printed only once, **ends in the column before the
//!   next filled cell of its row, or in the table's last column**. So
//!   `<策定> 次期計画の策定 | | <p>計画に基づく承認</p>` is two items, FY1–FY2 and FY3, and a
//!   row whose first cells are empty starts later.
//! - **Continuation marks.** A cell of arrows or bars only (`→`, `━━▶`), or `継続` / `〃` /
//!   `同上`, starts nothing: it extends the item before it, and a word among them is that
//!   year's note (`notes`). When a table prints arrows or dots anywhere, its bars are in the
//!   text: an item ends at its last mark, unless that mark is an arrow (a cell of arrows, or
//!   text ending in one, `補助制度による支援 →`), which runs on to the next filled cell of
//!   its row or the table's end.
//! - **Mark tables** (every filled year cell is a short word or a mark, `検討`, `実施`, `●`):
//!   the row's label is the item's title, its first filled column the start, and the words are
//!   notes by year; a row with no label continues the item above; a row with a label and no
//!   marks is a group heading for the rows below. Where the marks are in the text (arrows,
//!   dots), a gap between them splits the row: `● | | | ●` is two one-year items. A word with
//!   its bar drawn after it (`本格運行 ──→`, `継続実施 ─→`: a cell spanning years) is such a
//!   word, and runs on as an arrow does; a `・` between two words (`調査・検討`) is one word,
//!   a `・` opening the cell a list.
//! - **Lost columns.** A row printed wholly in the label column of a text table (the PDF lost
//!   its column) is an item over the whole table when it opens with a bracketed title, and
//!   otherwise the group of the rows below it (or, when no row below takes it as its group,
//!   an item over the whole table).
//!
//! - **Node.** An item belongs to the node its row's line is under ([`super::node_at`]), or
//!   to the ancestor of that node its group names: a 工程表 at the end of a measure's section
//!   whose 取組 column prints the measure's title is the measure's, not its last sub-item's.
//!
//! Guarantees: never panics (no indexing without a check, no slicing at a non-char boundary);
//! linear in the size of each table.

use shinchoku_core::era::parse_period;
use shinchoku_core::period::Period;
use shinchoku_core::quantity::parse_quantity;
use shinchoku_core::text::{close_up_spaces, collapse_spaces, fold_printed_name};

use std::collections::HashMap;

use super::blocks::{self, Blocks, Kind};
use super::lexicon;
use super::model::{Extraction, RoadmapOut};
use super::scan::{clean_text, html_segments, YEAR_CELL_MAX_CHARS};
use super::text::{Doc, Line, RowBlock};

mod columns;

/// Adds what this recogniser finds in `doc` to `ex`.
pub fn recognize(doc: &Doc, ex: &mut Extraction) {
    recognize_in(doc, &blocks::classify(doc), ex);
}

/// Adds the items of the roadmaps `blocks` labels to `ex`. A roadmap runs from its header to
/// the next row of year columns (two roadmaps printed back to back) or the end of its rows.
pub fn recognize_in(doc: &Doc, blocks: &Blocks, ex: &mut Extraction) {
    let mut found: Vec<RoadmapOut> = Vec::new();
    for block in blocks.of(Kind::Roadmap) {
        let Some(header) = doc.lines.get(block.header).and_then(header_of) else {
            continue;
        };
        let body = RowBlock {
            start: block.header + 1,
            end: block.end,
        };
        found.extend(read_table(doc, &header, body));
    }
    // A 工程表 whose year header the front end left uncut: read by the words' positions.
    found.extend(columns::read(doc));
    let index: HashMap<&str, usize> = ex
        .nodes
        .iter()
        .enumerate()
        .map(|(k, n)| (n.id.as_str(), k))
        .collect();
    let nodes: Vec<Option<String>> = found
        .iter()
        .map(|item| {
            let under = node_of(ex, item.line)?;
            Some(named_ancestor(ex, &index, &under, item.group.as_deref()).unwrap_or(under))
        })
        .collect();
    for (mut item, node) in found.into_iter().zip(nodes) {
        item.node = node;
        ex.roadmap.push(item);
    }
}

/// The node at or above `under` whose title is the item's group (取組): a 工程表 printed at
/// the end of a measure's section names the measure in its first column, and belongs to it
/// rather than to the section's last sub-item.
fn named_ancestor(
    ex: &Extraction,
    index: &HashMap<&str, usize>,
    under: &str,
    group: Option<&str>,
) -> Option<String> {
    let group = fold_printed_name(group?);
    if group.is_empty() {
        return None;
    }
    let mut at = index.get(under).copied();
    // A tree is finite, but a malformed one could cycle: at most as many steps as nodes.
    for _ in 0..=ex.nodes.len() {
        let node = ex.nodes.get(at?)?;
        if fold_printed_name(&node.title) == group {
            return Some(node.id.clone());
        }
        at = node.parent.as_deref().and_then(|p| index.get(p).copied());
    }
    None
}

/// [`super::node_at`] by binary search: the nodes are in document order, so a document of
/// many items stays linear.
pub(crate) fn node_of(ex: &Extraction, line: usize) -> Option<String> {
    let after = ex.nodes.partition_point(|n| n.line <= line);
    ex.nodes.get(after.checked_sub(1)?).map(|n| n.id.clone())
}

/// A year column: the first and last year it covers (`R9～R12` covers four).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Column {
    start: Period,
    end: Period,
}

/// A roadmap header: how many label cells precede the year cells, and the years.
#[derive(Debug, Clone)]
struct Header {
    labels: usize,
    columns: Vec<Column>,
    /// Label columns that name who carries an item out (`担当課`, `所管`): no item's title.
    owners: Vec<bool>,
}

/// True when a row is a header of year columns ([`header_of`]).
pub(crate) fn is_header(line: &Line) -> bool {
    header_of(line).is_some()
}

/// True when the table headed by `doc.lines[header_index]` over `body` is a roadmap
/// ([`is_roadmap`]).
pub(crate) fn is_roadmap_table(doc: &Doc, header_index: usize, body: RowBlock) -> bool {
    doc.lines
        .get(header_index)
        .and_then(header_of)
        .is_some_and(|h| is_roadmap(doc, header_index, &h, body))
}

/// Reads a row as a header of year columns: label cells, then at least two year cells in
/// increasing order. Cells after the years (`備考`) are not columns.
fn header_of(line: &Line) -> Option<Header> {
    // Two cells shaped like years first, before any period is parsed: data rows (`5件`,
    // `12.5%`) are passed over cheaply.
    if !line.is_row() || line.cells.iter().filter(|c| year_shaped(c)).take(2).count() < 2 {
        return None;
    }
    let mut first = None;
    let mut columns: Vec<Column> = Vec::new();
    for (k, cell) in line.cells.iter().enumerate() {
        let col = if year_shaped(cell) {
            column_of(cell)
        } else {
            None
        };
        match (col, first) {
            (Some(col), _) => {
                if let Some(prev) = columns.last() {
                    if year_of(col.start) <= year_of(prev.end) {
                        return None;
                    }
                }
                first.get_or_insert(k);
                columns.push(col);
            }
            // The year columns end at the first cell after them that is no year.
            (None, Some(_)) => break,
            (None, None) => {}
        }
    }
    let first = first?;
    let owners = line
        .cells
        .iter()
        .take(first)
        .map(|c| lexicon::has_any(c, lexicon::OWNER_HEADS))
        .collect();
    (columns.len() >= 2).then_some(Header {
        labels: first,
        columns,
        owners,
    })
}

/// Whether a cell could be a year: short, and opening with an era (`令和`, `R4`, `H30`), `FY`,
/// or a Western year, or holding `年`.
fn year_shaped(cell: &str) -> bool {
    let t = cell.trim();
    if t.is_empty() || t.chars().count() > YEAR_CELL_MAX_CHARS {
        return false;
    }
    let mut chars = t.chars();
    let (a, b) = (chars.next(), chars.next());
    let era_letter = a.is_some_and(|c| "RHSTMrhstm".contains(c))
        && b.is_some_and(|c| c.is_ascii_digit() || c == '元');
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    era_letter
        || digits == 4
        || t.contains('年')
        || lexicon::YEAR_PREFIXES.iter().any(|e| t.starts_with(e))
}

fn year_of(p: Period) -> i32 {
    match p {
        Period::FiscalYear(y) | Period::CalendarYear(y) => y,
        Period::FiscalYears { start, .. } | Period::CalendarYears { start, .. } => start,
        Period::Month { year, .. } | Period::Date { year, .. } => year,
    }
}

/// A header cell as a year column: any period [`parse_period`] reads as a year or a window of
/// years, a bare Western year (`2022`: in a header of years, a fiscal year), and an
/// open-ended last column (`2026年度以降`, `2026年度～`) as its first year.
fn column_of(cell: &str) -> Option<Column> {
    let mut t: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
    // `2026年度以降`, then `2026年度～`.
    let dashes = ["~", "〜", "～", "-"];
    for suffix in lexicon::OPEN_END_WORDS.iter().chain(&dashes) {
        if let Some(rest) = t.strip_suffix(suffix) {
            t = rest.to_owned();
        }
    }
    if t.is_empty() {
        return None;
    }
    match parse_period(&t) {
        Ok(p @ (Period::FiscalYear(_) | Period::CalendarYear(_))) => {
            Some(Column { start: p, end: p })
        }
        Ok(Period::FiscalYears { start, end }) => Some(Column {
            start: Period::FiscalYear(start),
            end: Period::FiscalYear(end),
        }),
        Ok(Period::CalendarYears { start, end }) => Some(Column {
            start: Period::CalendarYear(start),
            end: Period::CalendarYear(end),
        }),
        Ok(_) => None,
        Err(_) => {
            let y: i32 = t
                .strip_suffix('年')
                .unwrap_or(&t)
                .parse()
                .ok()
                .filter(|y| (1900..=2100).contains(y))?;
            let digits = t.chars().filter(char::is_ascii_digit).count();
            (digits == 4).then_some(Column {
                start: Period::FiscalYear(y),
                end: Period::FiscalYear(y),
            })
        }
    }
}

/// Whether the table headed at `header_index` is a roadmap: named so by its label cells or a
/// heading above, with text (not numbers) in its year cells.
fn is_roadmap(doc: &Doc, header_index: usize, header: &Header, body: RowBlock) -> bool {
    let Some(header_line) = doc.lines.get(header_index) else {
        return false;
    };
    let label_named = header_line
        .cells
        .iter()
        .take(header.labels)
        .map(|c| close_up_spaces(c))
        .any(|c| lexicon::has_any(&c, lexicon::ROADMAP_LABEL_HEADERS));
    // The heading may be on the line before the table, a blank line or two above, or at the
    // end of a line that carries other text (`▽ … 【工程表】`).
    let heading_named = (0..header_index)
        .rev()
        .filter_map(|j| doc.lines.get(j))
        .filter(|l| !l.is_blank())
        .take(2)
        .any(|l| lexicon::has_any(&l.text, lexicon::ROADMAP_HEADINGS));
    if !(label_named || heading_named) {
        return false;
    }
    let (mut filled, mut numeric) = (0usize, 0usize);
    for line in doc.lines.get(body.start..body.end).unwrap_or_default() {
        for j in 0..header.columns.len() {
            let Some(cell) = line.cells.get(header.labels + j) else {
                break;
            };
            if cell.is_empty() {
                continue;
            }
            // Most cells hold no HTML: they are read as they are.
            let cell = if cell.contains('<') {
                clean_text(cell)
            } else {
                cell.clone()
            };
            if cell.is_empty() {
                continue;
            }
            filled += 1;
            if is_number_cell(&cell) {
                numeric += 1;
            }
        }
    }
    numeric * 4 <= filled
}

/// A cell that is a value (`5件`, `12.5%`, `(56件)`), as a data table prints.
fn is_number_cell(cell: &str) -> bool {
    cell.chars().any(|c| c.is_ascii_digit())
        && parse_quantity(cell).is_ok_and(|q| q.value.is_some())
}

// ---------------------------------------------------------------------------------------
// Cells

/// Marks that open a list item or a title and carry no words (`・`, `●`, `◆`, `▽`).
fn is_item_mark(c: char) -> bool {
    matches!(
        c,
        '・' | '●'
            | '○'
            | '◎'
            | '◆'
            | '◇'
            | '■'
            | '□'
            | '▼'
            | '▽'
            | '▲'
            | '△'
            | '-'
            | '*'
    )
}

fn trim_marks(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || is_item_mark(c))
}

/// What a year cell says about the item before it.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Mark {
    /// Arrows or bars only (`→`, `━━▶`): the item runs on.
    Arrow,
    /// A word that continues the item (`継続`), kept as the year's note; `None` for `〃`.
    Continue(Option<String>),
    /// A dot marking the year (`●`, `○`).
    Dot,
    /// Anything else: words.
    Text,
}

/// Arrow glyphs: a table that prints them has its bars in the text.
fn is_arrow(c: char) -> bool {
    matches!(
        c,
        '→' | '⇒'
            | '⇨'
            | '➡'
            | '➔'
            | '➜'
            | '➝'
            | '➞'
            | '⟶'
            | '⇢'
            | '▶'
            | '►'
            | '▷'
            | '▸'
    )
}

/// Bar glyphs, drawn across the years a row runs.
fn is_bar(c: char) -> bool {
    matches!(c, '━' | '─' | '―' | '—' | '–' | '═' | '…' | '⋯')
}

/// A cell whose text ends in an arrow or a bar (`補助制度による支援 →`).
fn ends_with_arrow(cell: &str) -> bool {
    cell.trim_end()
        .chars()
        .last()
        .is_some_and(|c| is_arrow(c) || is_bar(c))
}

fn mark_of(cell: &str) -> Mark {
    // The words besides arrows and bars; a continuation word is short, so a longer text is
    // words without reading it all.
    let mut words = String::new();
    let mut n = 0;
    for c in cell.chars() {
        if is_arrow(c) || is_bar(c) || c.is_whitespace() || "-~=>".contains(c) {
            continue;
        }
        n += 1;
        if n > 8 {
            return Mark::Text;
        }
        words.push(c);
    }
    if words.is_empty() {
        return Mark::Arrow;
    }
    let w = words.as_str();
    if lexicon::DITTO_MARKS.contains(&w) {
        Mark::Continue(None)
    } else if lexicon::CONTINUE_WORDS.contains(&w) {
        Mark::Continue(Some(words))
    } else if lexicon::ROADMAP_DOT_MARKS.contains(&w) {
        Mark::Dot
    } else {
        Mark::Text
    }
}

/// The longest bracketed title looked for.
const MAX_TITLE_CHARS: usize = 150;

/// Bracket pairs that enclose an item's title in a cell.
const TITLE_BRACKETS: &[(char, char)] = &[('<', '>'), ('〈', '〉'), ('《', '》'), ('≪', '≫')];

/// One item read from a cell: its title and the text after the title.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    title: String,
    content: Option<String>,
}

/// The items a text cell holds: one per bracketed title, the text before the first title an
/// item of its own; without titles, a paragraph (`<p>…</p>`) or the first of a list of
/// `・` items is the title and the rest its content; a cell wrapped in brackets loses them.
fn pieces_of(cell: &str) -> Vec<Piece> {
    let segments = html_segments(cell);
    let text = collapse_spaces(&segments.join(" "));
    let titles = bracket_titles(&text);
    let mut out = Vec::new();
    if let Some(first) = titles.first() {
        let before = trim_marks(text.get(..first.0).unwrap_or_default());
        if before.chars().any(char::is_alphanumeric) {
            push_piece(&mut out, before, None);
        }
        for (k, &(_, inner_start, inner_end, after)) in titles.iter().enumerate() {
            let next = titles.get(k + 1).map_or(text.len(), |t| t.0);
            let title = text.get(inner_start..inner_end).unwrap_or_default();
            let content = text.get(after..next).map(trim_marks).unwrap_or_default();
            push_piece(&mut out, title, Some(content));
        }
        return out;
    }
    if segments.len() >= 2 {
        let rest = collapse_spaces(&segments.get(1..).unwrap_or_default().join(" "));
        push_piece(
            &mut out,
            segments.first().map_or("", String::as_str),
            Some(&rest),
        );
        return out;
    }
    let unwrapped = unwrap_brackets(&text);
    let bullets: Vec<&str> = split_bullets(unwrapped);
    match bullets.as_slice() {
        [first, rest @ ..] if !rest.is_empty() => {
            let rest: Vec<String> = rest.iter().map(|b| format!("・{b}")).collect();
            push_piece(&mut out, first, Some(&rest.join(" ")));
        }
        _ => push_piece(&mut out, unwrapped, None),
    }
    out
}

fn push_piece(out: &mut Vec<Piece>, title: &str, content: Option<&str>) {
    let title =
        trim_marks(title).trim_end_matches(|c: char| is_arrow(c) || is_bar(c) || c.is_whitespace());
    let title = close_up_spaces(title);
    if title.is_empty() {
        return;
    }
    let content = content
        .map(|c| collapse_spaces(trim_marks(c)))
        .filter(|c| c.chars().any(char::is_alphanumeric));
    out.push(Piece { title, content });
}

/// Bracketed titles in `text`: (start of the bracket, start and end of its inner text, end of
/// the bracket), byte offsets. A title holds no line of its own brackets and is not empty.
fn bracket_titles(text: &str) -> Vec<(usize, usize, usize, usize)> {
    let mut out = Vec::new();
    let mut iter = text.char_indices();
    while let Some((i, c)) = iter.next() {
        let Some(&(_, close)) = TITLE_BRACKETS.iter().find(|(o, _)| *o == c) else {
            continue;
        };
        let inner_start = i + c.len_utf8();
        let Some(rest) = text.get(inner_start..) else {
            break;
        };
        // A title is short: look for its close nearby only, so a cell of many brackets is
        // read in linear time.
        let Some(len) = rest
            .char_indices()
            .take(MAX_TITLE_CHARS)
            .take_while(|&(_, x)| x != c)
            .find(|&(_, x)| x == close)
            .map(|(k, _)| k)
        else {
            continue;
        };
        let inner = rest.get(..len).unwrap_or_default();
        if inner.trim().is_empty() {
            continue;
        }
        let inner_end = inner_start + len;
        let after = inner_end + close.len_utf8();
        out.push((i, inner_start, inner_end, after));
        // Continue after the title.
        while iter.clone().next().is_some_and(|(j, _)| j < after) {
            iter.next();
        }
    }
    out
}

/// `(…)` or `「…」` around the whole text, removed.
fn unwrap_brackets(s: &str) -> &str {
    for (open, close) in [('(', ')'), ('「', '」'), ('【', '】')] {
        if let Some(inner) = s.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            if !inner.contains(open) && !inner.contains(close) {
                return inner.trim();
            }
        }
    }
    s
}

/// A text's `・` list items; a `・` between words (`国道・県道`) is not a bullet.
fn split_bullets(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut prev_space = true;
    for (i, c) in s.char_indices() {
        if matches!(c, '・' | '●') && prev_space {
            if let Some(piece) = s.get(start..i).map(str::trim).filter(|p| !p.is_empty()) {
                out.push(piece);
            }
            start = i + c.len_utf8();
        }
        prev_space = c.is_whitespace();
    }
    if let Some(piece) = s.get(start..).map(str::trim).filter(|p| !p.is_empty()) {
        out.push(piece);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Rows

/// An item being read: its columns as indices into the header's years.
#[derive(Debug, Clone)]
struct Draft {
    group: Option<String>,
    title: String,
    content: Option<String>,
    start: usize,
    /// The last column a mark of the row extends it to (explicit bars).
    marked_end: usize,
    /// The column the next item of the same row starts in, if any.
    next_start: Option<usize>,
    /// When the item's columns were lost: it spans the table.
    whole: bool,
    /// Its last mark is an arrow (`→`, `━━▶`, `支援 →`): it runs on to the next filled cell
    /// of its row or the table's end, even where the table prints its bars.
    runs_on: bool,
    notes: Vec<(usize, String)>,
    line: usize,
}

fn read_table(doc: &Doc, header: &Header, body: RowBlock) -> Vec<RoadmapOut> {
    let rows: &[Line] = doc.lines.get(body.start..body.end).unwrap_or_default();
    let n = header.columns.len();
    let year_cells = |line: &Line| -> Vec<String> {
        (0..n)
            .map(|j| {
                line.cells
                    .get(header.labels + j)
                    .map(|c| clean_text(c))
                    .unwrap_or_default()
            })
            .collect()
    };
    // The label cells, those of an owner column (`担当課`) left empty: who carries an item out
    // is no title.
    let label_cells = |line: &Line| -> Vec<String> {
        (0..header.labels)
            .map(|j| {
                if header.owners.get(j).copied().unwrap_or(false) {
                    return String::new();
                }
                line.cells.get(j).map(|c| clean_text(c)).unwrap_or_default()
            })
            .collect()
    };
    // Bars in the text: items end at their last mark instead of running on.
    let cells: Vec<Vec<String>> = rows.iter().map(&year_cells).collect();
    let explicit = cells.iter().flatten().any(|c| {
        c.chars().any(is_arrow) || (!c.is_empty() && matches!(mark_of(c), Mark::Arrow | Mark::Dot))
    });
    let marks_only = header.labels > 0 && is_mark_table(rows, &cells, header.labels);
    let mut drafts: Vec<Draft> = Vec::new();
    // The label cells in force ("same as above"), by column.
    let mut labels_in_force: Vec<Option<String>> = vec![None; header.labels];
    let mut heading_group: Option<String> = None;
    for (r, (line, years)) in rows.iter().zip(&cells).enumerate() {
        let labels = label_cells(line);
        let years = years.as_slice();
        let own_label = labels.iter().rposition(|l| !l.is_empty());
        let has_years = years.iter().any(|c| !c.is_empty());
        if marks_only {
            read_mark_row(
                line,
                &labels,
                years,
                &mut labels_in_force,
                &mut heading_group,
                &mut drafts,
                explicit,
            );
            continue;
        }
        if !has_years {
            let Some(own) = own_label else { continue };
            let text = labels.get(own).cloned().unwrap_or_default();
            // Items are read from the cell as printed, its paragraphs (`<p>`) still marked.
            let raw = line.cells.get(own).map_or(text.as_str(), String::as_str);
            let group = group_in_force(&labels_in_force, own);
            if !bracket_titles(&text).is_empty() {
                // An item whose column was lost; the group above still holds.
                for p in pieces_of(raw) {
                    drafts.push(whole_table_item(group.clone(), p, line.no));
                }
                continue;
            }
            set_label(&mut labels_in_force, own, &text);
            // A group heading, unless no row below takes it as its group.
            let taken = rows.get(r + 1).is_some_and(|next| {
                let next_labels = label_cells(next);
                let next_years = year_cells(next);
                let next_own = next_labels.iter().rposition(|l| !l.is_empty());
                match next_own {
                    None => true,
                    Some(k) => {
                        k > own
                            || (!next_years.iter().any(|c| !c.is_empty())
                                && next_labels
                                    .get(k)
                                    .is_some_and(|t| !bracket_titles(t).is_empty()))
                    }
                }
            });
            if !taken {
                let group = Some(close_up_spaces(&text)).filter(|g| !g.is_empty());
                for p in pieces_of(raw) {
                    drafts.push(whole_table_item(group.clone(), p, line.no));
                }
            }
            continue;
        }
        if let Some(own) = own_label {
            let text = labels.get(own).cloned().unwrap_or_default();
            set_label(&mut labels_in_force, own, &text);
        }
        let group = own_label
            .or_else(|| labels_in_force.iter().rposition(Option::is_some))
            .and_then(|k| group_in_force(&labels_in_force, k));
        read_text_row(line, header.labels, group, years, &mut drafts);
    }
    drafts
        .into_iter()
        .filter_map(|d| finish(d, &header.columns, explicit))
        .collect()
}

/// Whether the year cells hold marks and status words only, the row's title being its label:
/// every filled cell a mark or a short word, every such row with a label of its own, and
/// something that text tables do not print (an arrow or a dot, two filled cells in a row, or
/// words no longer than a status word, and no phrase: `検討`, `制度設計`, `見直し`).
fn is_mark_table(rows: &[Line], cells: &[Vec<String>], labels: usize) -> bool {
    let short = |c: &str| {
        c.chars().count() <= 10
            && bracket_titles(c).is_empty()
            // A `・` opening an item is a list; between two words (`調査・検討`) it is one.
            && !c.starts_with('・')
            && !c.contains(' ')
    };
    let mut evidence = false;
    let mut words_short = true;
    let mut any = false;
    for (line, years) in rows.iter().zip(cells) {
        let filled: Vec<&String> = years.iter().filter(|c| !c.is_empty()).collect();
        if filled.is_empty() {
            continue;
        }
        any = true;
        let own_label = line
            .cells
            .iter()
            .take(labels)
            .any(|c| !clean_text(c).is_empty());
        if !own_label {
            return false;
        }
        if filled.len() >= 2 {
            evidence = true;
        }
        for c in filled {
            // A word with its bar drawn after it (`本格運行 ───→`, a cell spanning years) is
            // the word, and the bar is evidence of marks.
            let bare = c.trim_end_matches(|ch: char| {
                is_arrow(ch) || is_bar(ch) || ch.is_whitespace() || "-~=>".contains(ch)
            });
            match mark_of(c) {
                Mark::Text if !short(bare) => return false,
                Mark::Text if bare.len() < c.len() => evidence = true,
                // A status is a word (`検討`, `本格実施`), not a phrase (`説明会の開催`).
                Mark::Text => words_short &= c.chars().count() <= 6 && !c.contains('の'),
                _ => evidence = true,
            }
        }
    }
    any && (evidence || words_short)
}

fn set_label(labels: &mut [Option<String>], at: usize, text: &str) {
    if let Some(slot) = labels.get_mut(at) {
        *slot = Some(close_up_spaces(text)).filter(|t| !t.is_empty());
    }
    // A new label ends the sub-labels under the one it replaces.
    for deeper in labels.iter_mut().skip(at + 1) {
        *deeper = None;
    }
}

/// The deepest label in force at or above column `at`.
fn group_in_force(labels: &[Option<String>], at: usize) -> Option<String> {
    labels
        .get(..=at)
        .unwrap_or(labels)
        .iter()
        .rev()
        .find_map(Clone::clone)
}

fn whole_table_item(group: Option<String>, p: Piece, line: usize) -> Draft {
    Draft {
        group,
        title: p.title,
        content: p.content,
        start: 0,
        marked_end: 0,
        next_start: None,
        whole: true,
        runs_on: false,
        notes: Vec::new(),
        line,
    }
}

/// A row of a text table: each filled year cell starts items, continuation marks extend them.
fn read_text_row(
    line: &Line,
    labels: usize,
    group: Option<String>,
    years: &[String],
    drafts: &mut Vec<Draft>,
) {
    // The items of this row, by index into `drafts`, of the cell last started.
    let mut current: Vec<usize> = Vec::new();
    for (j, cell) in years.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        match mark_of(cell) {
            mark @ (Mark::Arrow | Mark::Dot | Mark::Continue(None)) => {
                for &d in &current {
                    if let Some(d) = drafts.get_mut(d) {
                        d.marked_end = j;
                        // `〃` repeats the mark before it.
                        if mark != Mark::Continue(None) {
                            d.runs_on = mark == Mark::Arrow;
                        }
                    }
                }
            }
            Mark::Continue(Some(word)) => {
                for &d in &current {
                    if let Some(d) = drafts.get_mut(d) {
                        d.marked_end = j;
                        d.runs_on = false;
                        d.notes.push((j, word.clone()));
                    }
                }
            }
            Mark::Text => {
                for &d in &current {
                    if let Some(d) = drafts.get_mut(d) {
                        d.next_start = Some(j);
                    }
                }
                current.clear();
                // Items are read from the cell as printed, its paragraphs still marked.
                let raw = line
                    .cells
                    .get(labels + j)
                    .map_or(cell.as_str(), String::as_str);
                for p in pieces_of(raw) {
                    current.push(drafts.len());
                    drafts.push(Draft {
                        group: group.clone(),
                        title: p.title,
                        content: p.content,
                        start: j,
                        marked_end: j,
                        next_start: None,
                        whole: false,
                        runs_on: ends_with_arrow(cell),
                        notes: Vec::new(),
                        line: line.no,
                    });
                }
            }
        }
    }
}

/// A row of a mark table: the label is the title, the marks place it in the years.
fn read_mark_row(
    line: &Line,
    labels: &[String],
    years: &[String],
    labels_in_force: &mut [Option<String>],
    heading_group: &mut Option<String>,
    drafts: &mut Vec<Draft>,
    explicit: bool,
) {
    let filled: Vec<usize> = (0..years.len())
        .filter(|&j| years.get(j).is_some_and(|c| !c.is_empty()))
        .collect();
    let own = labels.iter().rposition(|l| !l.is_empty());
    let Some(own) = own else {
        // No label: the row continues the item above (a second line of its marks).
        if let Some(d) = drafts.last_mut() {
            add_marks(d, years, &filled);
        }
        return;
    };
    let text = labels.get(own).cloned().unwrap_or_default();
    if filled.is_empty() {
        // A label with no marks heads the rows below.
        *heading_group = Some(close_up_spaces(&text)).filter(|t| !t.is_empty());
        set_label(labels_in_force, own, &text);
        return;
    }
    set_label(labels_in_force, own, &text);
    let group = own
        .checked_sub(1)
        .and_then(|k| group_in_force(labels_in_force, k))
        .or_else(|| heading_group.clone());
    let raw = line.cells.get(own).map_or(text.as_str(), String::as_str);
    let Some(piece) = pieces_of(raw).into_iter().next() else {
        return;
    };
    // With the marks in the text, a gap between them is a year without the work: each run of
    // marked years is an item (`● | | | ●` is done twice).
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for &j in &filled {
        match runs.last_mut() {
            Some(run) if !explicit || run.last().is_some_and(|&k| k + 1 == j) => run.push(j),
            _ => runs.push(vec![j]),
        }
    }
    let starts: Vec<usize> = runs.iter().filter_map(|r| r.first().copied()).collect();
    for (k, run) in runs.iter().enumerate() {
        let Some(&first) = run.first() else { continue };
        let mut d = Draft {
            group: group.clone(),
            title: piece.title.clone(),
            content: piece.content.clone(),
            start: first,
            marked_end: first,
            next_start: starts.get(k + 1).copied(),
            whole: false,
            runs_on: false,
            notes: Vec::new(),
            line: line.no,
        };
        add_marks(&mut d, years, run);
        drafts.push(d);
    }
}

fn add_marks(d: &mut Draft, years: &[String], filled: &[usize]) {
    for &j in filled {
        let Some(cell) = years.get(j) else { continue };
        d.start = d.start.min(j);
        d.marked_end = d.marked_end.max(j);
        let mark = mark_of(cell);
        if mark != Mark::Continue(None) {
            // Words with an arrow after them (`本格運行 →`, `継続実施 ──→`) run on as the arrow.
            d.runs_on = mark == Mark::Arrow
                || (matches!(mark, Mark::Text | Mark::Continue(Some(_))) && ends_with_arrow(cell));
        }
        let word = match mark {
            Mark::Arrow | Mark::Dot | Mark::Continue(None) => None,
            Mark::Continue(Some(w)) => Some(w),
            Mark::Text => {
                Some(close_up_spaces(cell.trim_matches(|c: char| {
                    is_arrow(c) || is_bar(c) || c.is_whitespace()
                })))
            }
        };
        if let Some(w) = word.filter(|w| !w.is_empty()) {
            d.notes.push((j, w));
        }
    }
}

/// The item with its periods: see the module documentation for where an item ends.
fn finish(d: Draft, columns: &[Column], explicit: bool) -> Option<RoadmapOut> {
    let last = columns.len().checked_sub(1)?;
    let (start, end) = if d.whole {
        (0, last)
    } else if explicit && !d.runs_on {
        (d.start, d.marked_end.min(last))
    } else {
        let end = d.next_start.map_or(last, |n| n.saturating_sub(1));
        (d.start, end.max(d.marked_end).max(d.start).min(last))
    };
    let notes = d
        .notes
        .into_iter()
        .filter_map(|(j, t)| columns.get(j).map(|c| (c.start, t)))
        .collect();
    Some(RoadmapOut {
        node: None,
        group: d.group,
        title: d.title,
        content: d.content,
        start: columns.get(start).map(|c| c.start),
        end: columns.get(end).map(|c| c.end),
        notes,
        line: d.line,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_year_shaped_cell_is_limited_in_characters_not_bytes() {
        // 24 characters, 66 bytes of UTF-8: a year cell still; one more and it is text.
        let cell = "令和4年度末時点の見込値(速報値・暫定値を含む)";
        assert_eq!(cell.chars().count(), YEAR_CELL_MAX_CHARS);
        assert!(year_shaped(cell));
        assert!(!year_shaped(&format!("{cell}等")));
    }

    /// The items a document yields, as `(group, title, start, end)` with periods printed.
    fn items(text: &str) -> Vec<(Option<String>, String, String, String)> {
        let doc = Doc::new("t.txt", text);
        let mut ex = Extraction::default();
        recognize(&doc, &mut ex);
        ex.roadmap
            .iter()
            .map(|r| {
                (
                    r.group.clone(),
                    r.title.clone(),
                    r.start.map(|p| p.to_string()).unwrap_or_default(),
                    r.end.map(|p| p.to_string()).unwrap_or_default(),
                )
            })
            .collect()
    }

    /// Checks `(title, start, end)` of every item.
    fn check(text: &str, expected: &[(&str, &str, &str)]) {
        let got: Vec<(String, String, String)> = items(text)
            .into_iter()
            .map(|(_, t, s, e)| (t, s, e))
            .collect();
        let want: Vec<(String, String, String)> = expected
            .iter()
            .map(|(t, s, e)| ((*t).to_owned(), (*s).to_owned(), (*e).to_owned()))
            .collect();
        assert_eq!(got, want, "in:\n{text}");
    }

    #[test]
    fn steps_with_their_bars_drawn_after_them_are_marks_of_the_row_title() {
        // Each row's cells are steps (`測量・設計`, a word with a bar `供用開始 ──→`): the row's
        // label is the item, from its first step to where its last bar runs.
        check(
            "実施スケジュール
事業	R6	R7	R8	R9
             河川敷公園の再整備	測量・設計	工事	供用開始 ──→	
             遊歩道の照明更新		照明更新 ─→		
",
            &[
                ("河川敷公園の再整備", "FY2024", "FY2027"),
                ("遊歩道の照明更新", "FY2025", "FY2027"),
            ],
        );
    }

    #[test]
    fn a_continuation_word_with_an_arrow_runs_on_to_the_end() {
        check(
            "年次計画
取組	R6	R7	R8
             防災無線の保守点検	継続実施 ───→		
             避難所の備蓄更新	更新		更新
",
            &[
                ("防災無線の保守点検", "FY2024", "FY2026"),
                ("避難所の備蓄更新", "FY2024", "FY2024"),
                ("避難所の備蓄更新", "FY2026", "FY2026"),
            ],
        );
    }

    #[test]
    fn text_in_the_first_year_column_runs_to_the_end_of_the_table() {
        check(
            "3 工程表\n\n取組\t令和3年度(2021年度)\t令和4年度(2022年度)\t令和5年度(2023年度)\n\
             体制の強化\t<推進体制の強化> ・連携強化\t\t\n",
            &[("推進体制の強化", "FY2021", "FY2023")],
        );
    }

    #[test]
    fn a_later_cell_ends_the_item_before_it_and_starts_a_new_one() {
        check(
            "取組\tR3\tR4\tR5\n\
             計画\t<p><基本計画の策定> 次期基本計画の策定</p>\t\t<p>基本計画に基づく承認等</p>\n",
            &[
                ("基本計画の策定", "FY2021", "FY2022"),
                ("基本計画に基づく承認等", "FY2023", "FY2023"),
            ],
        );
    }

    #[test]
    fn a_row_that_starts_in_a_later_column_starts_later() {
        check(
            "取 組\t2022\t2023\t2024\t2025\t2026\n\
             関連産業の振興\t\t技術の開発促進\t\t\t\n\
             \t\t〈セミナー実施による参入促進〉\t\t\t\n",
            &[
                ("技術の開発促進", "FY2023", "FY2026"),
                ("セミナー実施による参入促進", "FY2023", "FY2026"),
            ],
        );
    }

    #[test]
    fn empty_label_cells_mean_the_group_above() {
        let got = items(
            "取組\tR4\tR5\n\
             企業誘致の推進\t誘致活動\t\n\
             \t〈PR〉 〈新規開拓〉\t\n",
        );
        let groups: Vec<Option<&str>> = got.iter().map(|i| i.0.as_deref()).collect();
        assert_eq!(groups, [Some("企業誘致の推進"); 3]);
        let titles: Vec<&str> = got.iter().map(|i| i.1.as_str()).collect();
        assert_eq!(titles, ["誘致活動", "PR", "新規開拓"]);
    }

    #[test]
    fn a_bracketed_title_keeps_the_text_after_it_as_content() {
        let doc = Doc::new(
            "t.txt",
            "取組\tR3\tR4\n\
             連携\t<ul style=\"list-style-type: none\"> <p><研究会の開催 ></p> ・官民一体の研究会 <p><事業の支援></p> ・実証事業\t\n",
        );
        let mut ex = Extraction::default();
        recognize(&doc, &mut ex);
        let got: Vec<(&str, Option<&str>)> = ex
            .roadmap
            .iter()
            .map(|r| (r.title.as_str(), r.content.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("研究会の開催", Some("官民一体の研究会")),
                ("事業の支援", Some("実証事業"))
            ]
        );
    }

    #[test]
    fn a_column_of_who_carries_an_item_out_is_no_title() {
        check(
            "【工程表】\n\n取組項目\t担当課\tR5\tR6\tR7\n\
             図書館システムの更新\t生涯学習課\t検討\t更新 →\t\n\
             公用車の電動化\t管財課\t\t\t導入\n",
            &[
                ("図書館システムの更新", "FY2023", "FY2025"),
                ("公用車の電動化", "FY2025", "FY2025"),
            ],
        );
    }

    #[test]
    fn a_row_printed_in_the_label_column_spans_the_table() {
        check(
            "【工程表】\n\n取組\t2022\t2023\t2024\n\
             中小企業の支援\t生産性向上の支援\t\t\n\
             〈脱炭素化の普及啓発 等〉\t\t\t\n\
             研究開発部門の移転\t\t\t\n\
             〈誘致活動〉 首都圏の企業への誘致\t\t\t\n\
             資源循環型産業の強化\t\t\t\n",
            &[
                ("生産性向上の支援", "FY2022", "FY2024"),
                ("脱炭素化の普及啓発等", "FY2022", "FY2024"),
                ("誘致活動", "FY2022", "FY2024"),
                ("資源循環型産業の強化", "FY2022", "FY2024"),
            ],
        );
        let got =
            items("取組\t2022\t2023\n研究開発部門の移転\t\t\n〈誘致活動〉 首都圏の企業\t\t\n");
        assert_eq!(got[0].0.as_deref(), Some("研究開発部門の移転"));
    }

    #[test]
    fn status_words_under_years_are_notes_of_the_row_titled_in_the_label_column() {
        let doc = Doc::new(
            "t.txt",
            "ロードマップ\n事業名\tR4\tR5\tR6\tR7\tR8\n\
             窓口のオンライン化\t検討\t→\t実施\t→\t→\n\
             補助制度の創設\t\t制度設計\t運用\t\t\n",
        );
        let mut ex = Extraction::default();
        recognize(&doc, &mut ex);
        let got: Vec<(String, String, String, Vec<String>)> = ex
            .roadmap
            .iter()
            .map(|r| {
                (
                    r.title.clone(),
                    r.start.map(|p| p.to_string()).unwrap_or_default(),
                    r.end.map(|p| p.to_string()).unwrap_or_default(),
                    r.notes.iter().map(|(p, t)| format!("{p}:{t}")).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (
                    "窓口のオンライン化".to_owned(),
                    "FY2022".to_owned(),
                    "FY2026".to_owned(),
                    vec!["FY2022:検討".to_owned(), "FY2024:実施".to_owned()]
                ),
                // Arrows elsewhere in the table: bars are in the text, so it ends at its last
                // mark.
                (
                    "補助制度の創設".to_owned(),
                    "FY2023".to_owned(),
                    "FY2024".to_owned(),
                    vec!["FY2023:制度設計".to_owned(), "FY2024:運用".to_owned()]
                ),
            ]
        );
    }

    #[test]
    fn without_arrows_a_status_word_is_printed_once_and_runs_on() {
        check(
            "年次計画\n取組\tR5\tR6\tR7\n相談窓口の設置\t実施\t\t\n計画の改定\t\t\t改定\n",
            &[
                ("相談窓口の設置", "FY2023", "FY2025"),
                ("計画の改定", "FY2025", "FY2025"),
            ],
        );
    }

    #[test]
    fn a_mark_row_without_marks_heads_the_rows_below() {
        let got = items("取組\tR5\tR6\n(1) 産業振興\t\t\n企業誘致\t●\t●\n人材育成\t\t●\n");
        assert_eq!(
            got,
            [
                (
                    Some("(1)産業振興".to_owned()),
                    "企業誘致".to_owned(),
                    "FY2023".to_owned(),
                    "FY2024".to_owned()
                ),
                (
                    Some("(1)産業振興".to_owned()),
                    "人材育成".to_owned(),
                    "FY2024".to_owned(),
                    "FY2024".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn an_open_ended_last_column_and_continuation_words() {
        let doc = Doc::new(
            "t.txt",
            "工程表\n取組\t2024年度\t2025年度\t2026年度以降\n\
             <標準化システムへの移行> 各団体の移行支援\t━━━━▶\t継続\t\n",
        );
        let mut ex = Extraction::default();
        recognize(&doc, &mut ex);
        assert_eq!(ex.roadmap.len(), 1, "{:#?}", ex.roadmap);
        let r = &ex.roadmap[0];
        assert_eq!(r.title, "標準化システムへの移行");
        assert_eq!(r.start.map(|p| p.to_string()).as_deref(), Some("FY2024"));
        assert_eq!(r.end.map(|p| p.to_string()).as_deref(), Some("FY2025"));
        assert_eq!(r.notes, [(Period::FiscalYear(2025), "継続".to_owned())]);
    }

    #[test]
    fn data_tables_with_year_columns_are_no_roadmap() {
        check(
            "海外展開の成約件数\n\n\t2018年度\t2019年度\t2020年度\t合計\n\
             目標\t5件\t5件\t5件\t15件\n実績\t5件\t12件\t20件\t(37件)\n",
            &[],
        );
        // Year columns without a word saying what the rows are: not a roadmap either.
        check("\tR4\tR5\n誘致\t実施\t\n", &[]);
    }

    #[test]
    fn header_cells_read_as_year_columns() {
        let y = |s: &str| column_of(s).map(|c| (c.start.to_string(), c.end.to_string()));
        let fy = |a: &str, b: &str| Some((a.to_owned(), b.to_owned()));
        assert_eq!(y("令和3年度(2021年度)"), fy("FY2021", "FY2021"));
        assert_eq!(y("R4"), fy("FY2022", "FY2022"));
        assert_eq!(y("2022"), fy("FY2022", "FY2022"));
        assert_eq!(y("2022年度"), fy("FY2022", "FY2022"));
        assert_eq!(y("2026年度以降"), fy("FY2026", "FY2026"));
        assert_eq!(y("R9~R12"), fy("FY2027", "FY2030"));
        assert_eq!(y("取組"), None);
        assert_eq!(y("25件"), None);
        assert_eq!(y("【現状】(2021年度)"), None);
        assert_eq!(y("12"), None);
    }

    #[test]
    fn an_item_belongs_to_the_ancestor_its_group_names_else_to_the_node_of_its_line() {
        use crate::extract::model::NodeOut;
        let doc = Doc::new(
            "t.txt",
            "(1) 企業誘致の推進\n① 誘致活動の展開\n【工程表】\n取組\tR4\tR5\n\
             企業誘致 の推進\t誘致活動の展開\t\n人材の確保\t合同説明会の開催\t\n",
        );
        let node = |id: &str, parent: Option<&str>, title: &str, line: usize| NodeOut {
            id: id.into(),
            parent: parent.map(Into::into),
            title: title.into(),
            line,
            ..NodeOut::default()
        };
        let mut ex = Extraction {
            nodes: vec![
                node("n1", None, "企業誘致の推進", 1),
                node("n2", Some("n1"), "誘致活動の展開", 2),
            ],
            ..Extraction::default()
        };
        recognize(&doc, &mut ex);
        let got: Vec<(&str, Option<&str>)> = ex
            .roadmap
            .iter()
            .map(|r| (r.title.as_str(), r.node.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("誘致活動の展開", Some("n1")),
                ("合同説明会の開催", Some("n2"))
            ]
        );
    }

    #[test]
    fn never_panics_on_odd_tables() {
        for text in [
            "取組\tR4\tR5\n\t<\t>\n",
            "取組\tR4\tR5\n<<<>\t〈\t\n",
            "工程表\n\tR4\tR5\n\t\t\n",
            "取組\tR5\tR4\n誘致\t実施\t\n",
            "取組\tR4\tR5\n\u{3000}\t→\t→\n〃\t\t\n",
            "取組\t2022\t2023\n<p\t</\t<ul \n",
        ] {
            let _ = items(text);
        }
    }
}
