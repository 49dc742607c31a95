//! Tables under a header line of header words, their cells apart by spaces: what
//! `pdftotext -layout` prints, and PDF paragraphs where a row's cells run on with single
//! spaces.
//!
//! The header decides the columns: a line whose words are all header words of the lexicon
//! (`指標名 単位 現状値 (R4) 目標値 (R9)`, a bracketed year staying with its word) gives the
//! count of columns, what each holds and where each stands. Each following line is cut into
//! that many cells by [`fit`]: at runs of spaces where the layout has them, else by what the
//! words look like (a name, a unit, a number with its unit, a year), and only when one cut
//! fits best. A line with fewer words than columns whose words stand under distinct columns
//! is a row with empty cells. A short line of words with no number under a column (a wrapped
//! name `市民の割合（年間）`, a `(累計)`, a unit) is part of a row: of the row above, or of
//! the row below when the block's first data line is such a part (the name's first part
//! printed above its values, as a cell centred vertically prints); between two rows in that
//! case, the first half of the parts goes up and the rest down. The block ends at a blank
//! line, a line with a tab or a pipe, or a line that is none of these.
//!
//! A header printed over up to three lines (`現状値 目標値` above `No. 指標名 単位` above
//! `(R3) (R8)`: cells of one header row centred vertically) is one header when a line after
//! the first also holds header words: its words in the order of where they stand, each year or
//! bracket with the value column nearest it. Under a leading `No.` column, a line whose number
//! stands before the name's first part starts a row (the part never joins the row above), and
//! the line of values after it, with no number, is cut against the other columns; likewise a
//! row whose trailing note columns (`指標の説明`) are blank.
//!
//! A line under the header of period and value words only, one same group per value column
//! (`年度 値 年度 値` under `基準値 目標値`: each spanned two subcolumns), splits each value
//! column into that group's subcolumns, in order rather than by position (pdftotext packs
//! such a line to the left).
//!
//! A wrapped part of words that pdftotext printed under a value column but that reaches
//! further right than it overlaps that column is the next line of the note column after the
//! values. A line cut by where its groups of words stand yields to the cut by kinds when that
//! fills more value columns (a name and its unit a single space apart make one group).
//!
//! A table nested in a form's cell prints the cell's label on its header's line (`成果指標`
//! before `指標名`): a name word followed by another, with the rows indented well right of it,
//! is such a label and heads no column; and a line of words standing left of every named row
//! (`評価  B`) is the form's next label, which ends the table.
//!
//! A header whose years outnumber its value words (`基準値 実績値 目標値` over five years,
//! printed over up to six lines at staggered heights) has a column per year, headed by its
//! role word: the baseline and the target one year each, the actual word the years between.
//!
//! LibreOffice centres a wrapped name on its row: the values' line holds no name (it is cut
//! against the columns after the name when it starts right of the name's header word), and
//! the row takes at least the part just above it; a one-line name may touch its row's number
//! (`1市内の…`), which goes to the `No.` column when it is the next row number. Under a `No.`
//! column, a values' line with its number and no name is cut against the other columns.
//!
//! A first header line complete by itself with bare years among its columns (`基準値 R3 R4 R5
//! 目標値`) over a line of role words and brackets (`(R1) 実績 実績 実績 (R6)`, packed to the
//! left) takes the brackets on its value words and the role words on its years, by order and
//! kind; a year glued to the value word before it by one space stands apart when the role
//! words outnumber the bare years, and a header word after them is a column at the end.
//!
//! A header line of a lone full stop (`.`, the end of a narrow cell's `No.` wrapped onto a
//! line of its own) is no obstacle to the header's other lines.
//!
//! A line right under the header made only of header words, years and brackets
//! (`(令和3年度)  (令和8年度)`) is a second header line, each word under the column it stands
//! under.
//!
//! A header line followed, on the same line, by a whole table of single words
//! (`指標名 単位 現状値 目標値 自主防災組織数 組織 16 21 消防団員数 人 1,240 1,500`) is cut into
//! rows of that many words when the count divides and every row fits.
//!
//! A line of bracketed dates right under a row (`(H29～R1平均)  (R7)`: a value cell printed
//! with its period on a second line) joins the row, each bracket to the value it stands
//! under.
//!
//! Rows in 数値/時点 pairs (`数値 72.1 73.0` over `時点 R1 R7`, the label printed where the
//! name stands) get a label column of their own, as the tab rendering has it, and the name,
//! printed between the pair's two rows (a cell spanning both, centred vertically), joins the
//! row of values.
//!
//! Refused (left as lines of text): a header with a word the lexicon does not know, rows whose
//! words can be cut two equally good ways, rows with no number, year or dash where the header
//! has value columns, and more than three wrapped parts in a row.

use super::fit::{cell_cost, fit, MAX_EXTRA};
use super::tokens::{gap, tokens, Kind, Token};
use super::{cell, join_wrapped, row, Source};
use crate::extract::lexicon::{
    head_word, HeadKind, ACTUAL_WORDS, PAIR_LABEL_HEAD, PERIOD_ROW_LABELS, VALUE_ROW_LABELS,
    YEARLY_TARGET_WORDS,
};
use crate::extract::text::{Line, Split};

/// The most columns a header may have.
const MAX_COLUMNS: usize = 16;

/// The most lines a header prints over (chromium prints the cells of a two-row header with
/// spans at staggered heights, a role word and its years on lines of their own).
const MAX_HEADER_LINES: usize = 6;

/// The most wrapped parts in a row, one after another.
const MAX_PARTS: usize = 3;

/// The display columns by which a line of a cell must fall short of its column's widest,
/// beyond the next word's first character, to say the cell did not wrap there: proportional
/// fonts make `pdftotext -layout` widths approximate.
const ROOM_MARGIN: usize = 2;

/// The widest wrapped part, in display columns.
const MAX_PART_WIDTH: usize = 40;

/// A header: its columns' kinds, where each stands, and its cells.
struct Head {
    kinds: Vec<HeadKind>,
    spans: Vec<(usize, usize)>,
    cells: Vec<String>,
    /// True when two header cells stand a single space apart.
    single: bool,
}

/// Reads the header at `i` and the rows under it into `out`; the number of lines used.
pub fn block(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    let s = src.get(i)?;
    if !s.norm.contains(' ') || s.norm.contains('|') {
        return None;
    }
    // Most lines do not start with a header word or a year: asked before the line is cut
    // into words.
    let first = s.norm.split_whitespace().next()?;
    if head_word(first).is_none() && super::tokens::kind(first) != Kind::Year {
        return None;
    }
    let toks = tokens(s.raw, 4 * MAX_COLUMNS)?;
    let (mut head, used) = header(&toks, s.raw)?;
    // A header over several lines (`現状値 目標値` above `No. 指標名 単位` above `(R3) (R8)`).
    let mut head_lines = vec![s.no];
    if used == toks.len() {
        let more = header_lines(src, i + 1, toks.len());
        if more
            .iter()
            .any(|t| t.iter().any(|w| head_word(&w.text).is_some()))
        {
            let mut all = vec![toks.clone()];
            for (k, t) in more.into_iter().enumerate() {
                head_lines.push(src[i + 1 + k].no);
                all.push(t);
            }
            head = match roles_under_years(&head, &all[1..]) {
                Some(h) => h,
                None => merged_header(&all)?,
            };
        }
    }
    // Value columns split under the header (`基準値` over `年度 値`).
    if let Some(l) = src.get(i + head_lines.len()) {
        if let Some(split) = tokens(l.raw, 4 * MAX_COLUMNS).and_then(|t| subcolumns(&head, &t)) {
            head = split;
            head_lines.push(l.no);
        }
    }
    if let Some(t) = src
        .get(i + head_lines.len())
        .and_then(|l| tokens(l.raw, 4 * MAX_COLUMNS))
    {
        drop_sheet_label(&mut head, &t);
    }
    let n = head.kinds.len();
    // A whole table run on in the header's line.
    let mut first_rows = Vec::new();
    if used < toks.len() {
        first_rows = run_on_rows(&toks[used..], &head, s)?;
    }
    // The lines under the header, as rows and wrapped parts.
    let mut items: Vec<Item> = Vec::new();
    let mut parts_in_a_row = 0;
    // Where the leftmost row starts, in display columns.
    let mut row_left: Option<usize> = None;
    let mut j = i + head_lines.len();
    while let Some(l) = src.get(j) {
        if l.is_blank() || l.norm.contains('\t') || l.norm.contains('|') {
            break;
        }
        let Some(t) =
            tokens(l.raw, n + MAX_EXTRA).map(|t| super::tokens::comparators_to_numbers(l.raw, t))
        else {
            break;
        };
        if items.is_empty() && first_rows.is_empty() {
            if let Some(r) = subheader(&t, &head, l) {
                items.push(Item::Row(r));
                j += 1;
                continue;
            }
        }
        if let Some(Item::Row(last)) = items.last_mut() {
            if dates_under(&t, &head, l, last) {
                j += 1;
                continue;
            }
        }
        if let Some(r) = data_row(&t, &head, l) {
            // Rows with a name of their own say where the table's rows start (a row of a
            // 数値/時点 pair prints its name apart, left of its label).
            let named = head
                .kinds
                .iter()
                .position(|k| *k == HeadKind::Name)
                .and_then(|c| r.cells.get(c))
                .is_some_and(|c| {
                    !c.is_empty()
                        && !VALUE_ROW_LABELS.contains(&c.as_str())
                        && !PERIOD_ROW_LABELS.contains(&c.as_str())
                });
            if let Some(w) = t.first().filter(|_| named) {
                row_left = Some(row_left.map_or(w.start, |x: usize| x.min(w.start)));
            }
            items.push(Item::Row(r));
            parts_in_a_row = 0;
        } else if let Some(p) = part(&t, &head, l.no) {
            // A line of words standing left of every row is no wrapped cell: the next label
            // of a form whose table is nested in a cell (`評価  B`) ends the table.
            if p.lead.is_none()
                && row_left
                    .zip(t.first())
                    .is_some_and(|(x, w)| w.start + 2 <= x)
            {
                break;
            }
            parts_in_a_row += 1;
            if parts_in_a_row > MAX_PARTS {
                break;
            }
            items.push(Item::Part(p));
        } else {
            break;
        }
        j += 1;
    }
    // Trailing parts beyond the rows are only kept when a row stands above them.
    if first_rows.is_empty() && !items.iter().any(|it| matches!(it, Item::Row(_))) {
        return None;
    }
    let (items, n) = label_column(items, &mut head);
    let mut rows = attach_parts(items, n);
    number_glued_to_name(&mut rows, &head);
    let evidence = |single: bool| {
        if single {
            Split::RunOn { columns: n }
        } else {
            Split::Spaces { columns: n }
        }
    };
    let head_split = if head_lines.len() > 1 {
        Split::Joined { lines: head_lines }
    } else {
        evidence(head.single)
    };
    out.push(row(s.no, s.raw.to_owned(), head.cells, head_split));
    out.extend(first_rows);
    for r in rows {
        let split = if r.lines.len() > 1 {
            Split::Joined { lines: r.lines }
        } else {
            evidence(r.single)
        };
        out.push(row(r.no, r.raw, r.cells, split));
    }
    Some(j - i)
}

/// A data row in the making.
struct Row {
    no: usize,
    raw: String,
    cells: Vec<String>,
    /// How wide each cell prints on its line, in display columns (0 when empty).
    widths: Vec<usize>,
    single: bool,
    lines: Vec<usize>,
}

enum Item {
    Row(Row),
    /// A wrapped part of a cell.
    Part(Part),
}

/// The header's cells: header words, each with the bracketed words (`(R4)`) and the year
/// after it; the number of words it used. `None` when the line does not start with at least
/// two header cells, one of them a value or period column.
fn header(toks: &[Token], raw: &str) -> Option<(Head, usize)> {
    let mut kinds = Vec::new();
    let mut spans: Vec<(usize, usize)> = Vec::new();
    let mut bytes: Vec<(usize, usize)> = Vec::new();
    let mut years: Vec<bool> = Vec::new();
    let mut single = false;
    let mut used = toks.len();
    for (k, t) in toks.iter().enumerate() {
        let close = k > 0 && gap(&toks[k - 1], t) < 2;
        let last = kinds.len().checked_sub(1);
        let attach = match (t.kind, last) {
            (Kind::Paren, Some(_)) => true,
            (Kind::Year, Some(l)) => {
                close && !years[l] && matches!(kinds[l], HeadKind::Value | HeadKind::Period)
            }
            _ => false,
        };
        if attach {
            if let Some(l) = last {
                spans[l].1 = t.end;
                bytes[l].1 = t.bytes.1;
                years[l] |= t.kind == Kind::Year || t.kind == Kind::Paren;
            }
            continue;
        }
        let kind = match head_word(&t.text) {
            Some(h) => h,
            None if t.kind == Kind::Year => HeadKind::Value,
            None => {
                used = k;
                break;
            }
        };
        if close {
            single = true;
        }
        kinds.push(kind);
        spans.push((t.start, t.end));
        bytes.push(t.bytes);
        years.push(t.kind == Kind::Year);
    }
    let words = toks[..used]
        .iter()
        .filter(|t| head_word(&t.text).is_some())
        .count();
    if kinds.len() < 2
        || kinds.len() > MAX_COLUMNS
        || words < 2
        || !kinds
            .iter()
            .any(|k| matches!(k, HeadKind::Value | HeadKind::Period))
    {
        return None;
    }
    let cells = bytes
        .iter()
        .map(|&(a, b)| cell(raw.get(a..b).unwrap_or_default()))
        .collect();
    Some((
        Head {
            kinds,
            spans,
            cells,
            single,
        },
        used,
    ))
}

/// The words of up to five lines after a header that are header words, years and brackets
/// only (more lines of the same header), each line's words.
fn header_lines(src: &[Source<'_>], from: usize, max_words: usize) -> Vec<Vec<Token>> {
    let mut out = Vec::new();
    for l in src.iter().skip(from).take(MAX_HEADER_LINES - 1) {
        if l.is_blank() || l.norm.contains(['\t', '|']) {
            break;
        }
        let Some(mut t) = tokens(l.raw, max_words.max(8)) else {
            break;
        };
        // A narrow `No.` cell wraps its full stop onto a line of its own (`No` / `.`).
        t.retain(|w| w.text != ".");
        let headerish = !t.is_empty()
            && t.iter().all(|w| {
                matches!(w.kind, Kind::Paren | Kind::Year) || head_word(&w.text).is_some()
            });
        if !headerish {
            break;
        }
        out.push(t);
    }
    out
}

/// Drops the first header word when it is a form's label printed on the header's line, not
/// a column: a table nested in a sheet's cell (`成果指標` in the label cell, then the nested
/// table's `指標名 単位 基準値 …`) prints the label and the nested header as one line. Such a
/// label is a name word followed by another name word, and the rows under it start well right
/// of it (indented by the label's cell), where a column of groups would print its first cell.
fn drop_sheet_label(head: &mut Head, next: &[Token]) {
    let (Some(first), Some(row)) = (head.spans.first(), next.first()) else {
        return;
    };
    let names = head.kinds.iter().take(2).all(|k| *k == HeadKind::Name);
    if head.kinds.len() < 3 || !names || row.start < first.0 + 4 {
        return;
    }
    head.kinds.remove(0);
    head.spans.remove(0);
    head.cells.remove(0);
}

/// The header with each value column split into subcolumns, when the line under it names
/// them: one group of period and value words (`年度 値`, `数値 時点`) per value column, the
/// same group each time, as a header printed with `基準値` and `目標値` each spanning a year
/// and a value subcolumn gives. `pdftotext -layout` packs such a line to the left of where its
/// cells stood, so the groups go to the value columns in order, not by position. Each
/// subcolumn is headed by both words as the table recogniser reads them: a period under
/// `基準値` heads the column `基準年度`, a value under it `基準値`.
fn subcolumns(head: &Head, t: &[Token]) -> Option<Head> {
    let values: Vec<usize> = (0..head.kinds.len())
        .filter(|&c| head.kinds[c] == HeadKind::Value)
        .collect();
    let sub_kind = |w: &Token| {
        if PERIOD_ROW_LABELS.contains(&w.text.as_str()) {
            Some(HeadKind::Period)
        } else if VALUE_ROW_LABELS.contains(&w.text.as_str()) {
            Some(HeadKind::Value)
        } else {
            None
        }
    };
    let kinds: Vec<HeadKind> = t.iter().map(sub_kind).collect::<Option<_>>()?;
    let group = kinds.len().checked_div(values.len())?;
    if group < 2 || group * values.len() != kinds.len() || !kinds.contains(&HeadKind::Value) {
        return None;
    }
    let pattern = kinds.get(..group)?;
    if kinds.chunks(group).any(|c| c != pattern)
        || head.kinds.len() + values.len() * (group - 1) > MAX_COLUMNS
    {
        return None;
    }
    let mut out = Head {
        kinds: Vec::new(),
        spans: Vec::new(),
        cells: Vec::new(),
        single: head.single,
    };
    for c in 0..head.kinds.len() {
        let (kind, span, cell) = (head.kinds[c], head.spans[c], &head.cells[c]);
        let Some(g) = values.iter().position(|&v| v == c) else {
            out.kinds.push(kind);
            out.spans.push(span);
            out.cells.push(cell.clone());
            continue;
        };
        let width = (span.1 - span.0).max(group) / group;
        for (k, (sk, w)) in pattern
            .iter()
            .zip(&t[g * group..(g + 1) * group])
            .enumerate()
        {
            out.kinds.push(*sk);
            let start = span.0 + k * width;
            let end = if k + 1 == group {
                span.1
            } else {
                start + width
            };
            out.spans.push((start, end));
            out.cells.push(match sk {
                HeadKind::Period => format!("{}{}", cell.trim_end_matches('値'), w.text),
                _ => cell.clone(),
            });
        }
    }
    Some(out)
}

/// One header from the lines of a header printed over several lines: its header words, in
/// the order of where they stand (their centres), and each bracket or year with the value or
/// period column nearest it.
/// A first header line that is complete by itself with bare years among its columns (`指標
/// 基準値 R3 R4 R5 目標値`), and a line under it of the years' role words and the value words'
/// years (`(R1) 実績 実績 実績 (R6)`: each year's cell held its role word on a second line, each
/// value word's its year). pdftotext packs the second line to the left, so its words are laid
/// on the columns by order and kind, not position: a bracket or year on the next value-word
/// column without one, an actual word on the next bare-year column; a header word after them
/// (`達成度`, which stood lower in its cell) is a column of its own at the end.
/// `None` unless every word finds its column and some role word a year.
fn roles_under_years(head: &Head, more: &[Vec<Token>]) -> Option<Head> {
    let head = &years_apart(head, more)?;
    let bare_year = |c: usize| super::tokens::kind(&head.cells[c]) == Kind::Year;
    let yearless_value = |c: usize| {
        head.kinds[c] == HeadKind::Value
            && !bare_year(c)
            && !head.cells[c].contains(['(', '率'])
            && !head.cells[c].contains("達成度")
    };
    let mut out = Head {
        kinds: head.kinds.clone(),
        spans: head.spans.clone(),
        cells: head.cells.clone(),
        single: head.single,
    };
    let mut roles = 0;
    let placed = |t: &Token| {
        matches!(t.kind, Kind::Paren | Kind::Year) || ACTUAL_WORDS.contains(&t.text.as_str())
    };
    for line in more {
        let mut cursor = 0;
        for (k, t) in line.iter().enumerate() {
            let role = ACTUAL_WORDS.contains(&t.text.as_str());
            let trailing = !line[k + 1..].iter().any(placed);
            let c = if matches!(t.kind, Kind::Paren | Kind::Year) {
                (cursor..head.kinds.len()).find(|&c| yearless_value(c))?
            } else if role {
                (cursor..head.kinds.len()).find(|&c| bare_year(c))?
            } else if let Some(k) = head_word(&t.text).filter(|_| trailing) {
                out.kinds.push(k);
                out.spans.push((t.start, t.end));
                out.cells.push(t.text.clone());
                cursor = head.kinds.len();
                continue;
            } else {
                return None;
            };
            roles += usize::from(role);
            out.cells[c] = format!("{} {}", out.cells[c].trim_end(), t.text);
            cursor = c + 1;
        }
    }
    (roles > 0 && out.kinds.len() <= MAX_COLUMNS).then_some(out)
}

/// The header with a bare year that a single space glued to the value word before it
/// (`基準値 R3`) made a column of its own, when the lines below hold more role words than the
/// header has bare-year columns: the year was its own cell, the word's year is below it.
fn years_apart(head: &Head, more: &[Vec<Token>]) -> Option<Head> {
    let is_year = |w: &str| super::tokens::kind(w) == Kind::Year;
    let roles = more
        .iter()
        .flatten()
        .filter(|t| ACTUAL_WORDS.contains(&t.text.as_str()))
        .count();
    let bare = head.cells.iter().filter(|c| is_year(c)).count();
    let mut out = Head {
        kinds: Vec::new(),
        spans: Vec::new(),
        cells: Vec::new(),
        single: head.single,
    };
    let width = |w: &str| w.chars().map(super::tokens::width).sum::<usize>();
    for ((kind, &(a, b)), cell) in head.kinds.iter().zip(&head.spans).zip(&head.cells) {
        let glued = cell.rsplit_once(' ').filter(|(w, y)| {
            roles > bare && *kind == HeadKind::Value && head_word(w).is_some() && is_year(y)
        });
        match glued {
            Some((w, y)) => {
                out.kinds.extend([HeadKind::Value, HeadKind::Value]);
                out.spans.push((a, (a + width(w)).min(b)));
                out.spans.push((b.saturating_sub(width(y)).max(a), b));
                out.cells.extend([w.to_owned(), y.to_owned()]);
            }
            None => {
                out.kinds.push(*kind);
                out.spans.push((a, b));
                out.cells.push(cell.clone());
            }
        }
    }
    (out.kinds.len() <= MAX_COLUMNS).then_some(out)
}

fn merged_header(lines: &[Vec<Token>]) -> Option<Head> {
    // Header words in the order read (lines, then left to right), sorted by their centres.
    let mut words: Vec<(usize, usize, &Token, HeadKind)> = Vec::new();
    for t in lines.iter().flatten() {
        if let Some(k) = head_word(&t.text) {
            words.push((t.start + t.end, words.len(), t, k));
        }
    }
    if words.len() < 2 || words.len() > MAX_COLUMNS {
        return None;
    }
    words.sort_by_key(|w| (w.0, w.1));
    let mut cells: Vec<String> = words.iter().map(|w| w.2.text.clone()).collect();
    let kinds: Vec<HeadKind> = words.iter().map(|w| w.3).collect();
    let spans: Vec<(usize, usize)> = words.iter().map(|w| (w.2.start, w.2.end)).collect();
    if !kinds
        .iter()
        .any(|k| matches!(k, HeadKind::Value | HeadKind::Period))
    {
        return None;
    }
    // The brackets and years go to the value and period columns (not a rate's: `達成率` has no
    // year). pdftotext may print a header's second line shifted against its first (a wide cell
    // at its start pushes it right), so the brackets are laid onto the columns with the one
    // shift that fits them best, the smallest among equals, then each to the nearest column.
    let eligible: Vec<usize> = (0..kinds.len())
        .filter(|&c| {
            matches!(kinds[c], HeadKind::Value | HeadKind::Period)
                && !cells[c].contains('率')
                && !cells[c].contains("達成度")
        })
        .collect();
    let centre_of = |c: usize| (spans[c].0 + spans[c].1) as i64;
    let marks: Vec<&Token> = lines
        .iter()
        .flatten()
        .filter(|t| matches!(t.kind, Kind::Paren | Kind::Year))
        .collect();
    if let Some(grid) = year_columns(&cells, &kinds, &spans, &eligible, &marks) {
        return Some(grid);
    }
    let nearest = |x: i64| {
        eligible
            .iter()
            .copied()
            .min_by_key(|&c| (centre_of(c) - x).unsigned_abs())
    };
    let misfit = |shift: i64| -> u64 {
        marks
            .iter()
            .map(|t| {
                let x = (t.start + t.end) as i64 - shift;
                nearest(x).map_or(0, |c| (centre_of(c) - x).unsigned_abs())
            })
            .sum()
    };
    let shift = marks
        .iter()
        .flat_map(|t| {
            eligible
                .iter()
                .map(move |&c| (t.start + t.end) as i64 - centre_of(c))
        })
        .chain([0])
        .min_by_key(|&d| (misfit(d), d.unsigned_abs()))
        .unwrap_or(0);
    for t in marks {
        if let Some(c) = nearest((t.start + t.end) as i64 - shift) {
            cells[c] = format!("{} {}", cells[c].trim_end(), t.text);
        }
    }
    Some(Head {
        kinds,
        spans,
        cells,
        single: false,
    })
}

/// A header whose years outnumber its value words (`基準値 実績値 目標値` over `R3 R4 R5 R6
/// R8`): each year is a column, headed by its role word and its year. The years go to the
/// role words in order; the baseline and the target each hold one year and the actual word
/// (`実績値`, a `colspan` over the years measured) the rest, for pdftotext prints a spanning
/// word centred over its years, which leaves a year between two words as near to either.
/// `None` unless every mark is a year and exactly one value word is an actual one.
fn year_columns(
    cells: &[String],
    kinds: &[HeadKind],
    spans: &[(usize, usize)],
    eligible: &[usize],
    marks: &[&Token],
) -> Option<Head> {
    if eligible.len() < 2
        || marks.len() <= eligible.len()
        || marks.iter().any(|t| t.kind != Kind::Year)
    {
        return None;
    }
    let is_actual = |c: &usize| ACTUAL_WORDS.iter().any(|w| cells[*c].starts_with(w));
    let actual: Vec<usize> = eligible.iter().copied().filter(is_actual).collect();
    let [actual] = actual.as_slice() else {
        return None;
    };
    let mut years: Vec<&Token> = marks.to_vec();
    years.sort_by_key(|t| t.start + t.end);
    let extra = years.len() - eligible.len();
    let mut out = Head {
        kinds: Vec::new(),
        spans: Vec::new(),
        cells: Vec::new(),
        single: false,
    };
    let mut next = years.iter();
    for c in 0..kinds.len() {
        if !eligible.contains(&c) {
            out.kinds.push(kinds[c]);
            out.spans.push(spans[c]);
            out.cells.push(cells[c].clone());
            continue;
        }
        let count = if c == *actual { 1 + extra } else { 1 };
        for _ in 0..count {
            let y = next.next()?;
            out.kinds.push(HeadKind::Value);
            out.spans.push((y.start, y.end));
            out.cells
                .push(format!("{} {}", cells[c].trim_end(), y.text));
        }
    }
    (out.kinds.len() <= MAX_COLUMNS).then_some(out)
}

/// True when the cells of the ranges hold a number, year or dash under a value or period
/// column, or the header has no such column.
fn has_value(toks: &[Token], ranges: &[(usize, usize)], kinds: &[HeadKind]) -> bool {
    let mut any_value_col = false;
    for (&(s, e), k) in ranges.iter().zip(kinds) {
        if matches!(k, HeadKind::Value | HeadKind::Period) {
            any_value_col = true;
            if toks[s..e]
                .iter()
                .any(|t| matches!(t.kind, Kind::Num | Kind::Year | Kind::Dash))
            {
                return true;
            }
        }
    }
    !any_value_col
}

/// The text of words `s..e` of a line as read, as one cell.
fn words(raw: &str, toks: &[Token]) -> String {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => cell(raw.get(a.bytes.0..b.bytes.1).unwrap_or_default()),
        _ => String::new(),
    }
}

/// How wide the words print, in display columns.
fn span_width(toks: &[Token]) -> usize {
    match (toks.first(), toks.last()) {
        (Some(a), Some(b)) => b.end.saturating_sub(a.start),
        _ => 0,
    }
}

/// A second header line right under the header (`(令和3年度)  (令和8年度)`, `数値 年度`): words
/// that are all header words, years or brackets, each put under the column it stands under.
fn subheader(t: &[Token], head: &Head, l: &Source<'_>) -> Option<Row> {
    if t.is_empty()
        || !t
            .iter()
            .all(|t| matches!(t.kind, Kind::Paren | Kind::Year) || head_word(&t.text).is_some())
    {
        return None;
    }
    let n = head.kinds.len();
    let mut cells = vec![String::new(); n];
    let mut widths = vec![0; n];
    let mut next = 0;
    for w in t {
        let col = column_at(w.start, w.end, &head.spans);
        if col + 1 < next {
            return None;
        }
        let c = &mut cells[col];
        if !c.is_empty() {
            c.push(' ');
        }
        c.push_str(&words(l.raw, std::slice::from_ref(w)));
        widths[col] += w.end - w.start;
        next = col + 1;
    }
    Some(Row {
        no: l.no,
        raw: l.raw.to_owned(),
        cells,
        widths,
        single: false,
        lines: vec![l.no],
    })
}

/// A line of bracketed dates right under a row (`(H29～R1平均)  (R7)`, a value cell's second
/// line): each bracket joins the value it stands under in row `r`. Only when every word is a
/// bracket holding a number or a yearly word and each stands under its own value or period
/// column, left to right; a bracket with no number (`(累計)`, `(人/年)`) stays a wrapped part.
fn dates_under(t: &[Token], head: &Head, l: &Source<'_>, r: &mut Row) -> bool {
    let dated = |w: &Token| {
        let inner = w.text.trim_start_matches(['(', '[', '【']);
        w.kind == Kind::Paren
            && (inner.contains(|c: char| c.is_ascii_digit())
                || YEARLY_TARGET_WORDS.iter().any(|y| inner.starts_with(y)))
    };
    if t.is_empty() || !t.iter().all(dated) {
        return false;
    }
    let cols: Vec<usize> = t
        .iter()
        .map(|w| column_at(w.start, w.end, &head.spans))
        .collect();
    let ok = cols.windows(2).all(|c| c[0] < c[1])
        && cols
            .iter()
            .all(|&c| matches!(head.kinds[c], HeadKind::Value | HeadKind::Period));
    if !ok {
        return false;
    }
    for (w, &c) in t.iter().zip(&cols) {
        if let Some(cell) = r.cells.get_mut(c) {
            cell.push_str(&words(l.raw, std::slice::from_ref(w)));
        }
    }
    r.raw.push('\n');
    r.raw.push_str(l.raw);
    r.lines.push(l.no);
    true
}

/// A line as a data row: cut by [`fit`], or, with fewer words than columns, by where its
/// groups of words stand.
fn data_row(t: &[Token], head: &Head, l: &Source<'_>) -> Option<Row> {
    let n = head.kinds.len();
    let (cells, widths, single) = if let Some((ranges, single)) = fit(t, &head.kinds) {
        if !has_value(t, &ranges, &head.kinds) {
            return None;
        }
        let cells = ranges
            .iter()
            .map(|&(s, e)| words(l.raw, &t[s..e]))
            .collect();
        let widths = ranges.iter().map(|&(s, e)| span_width(&t[s..e])).collect();
        (cells, widths, single)
    } else if let Some((cells, widths)) = (t.len() < n)
        .then(|| by_position(t, head, l.raw))
        .flatten()
        .filter(|(cells, _)| {
            // Where the words are spaced so that a name and its unit make one group
            // (`…登録団体数 団体   128   150`), positions leave a value column empty that a cut
            // by kinds fills: the cut that fills more value columns wins.
            let by_kinds = without_number(t, head, l.raw);
            by_kinds.is_none_or(|(k, _, _)| filled_values(&k, head) <= filled_values(cells, head))
        })
    {
        (cells, widths, false)
    } else {
        without_number(t, head, l.raw)?
    };
    Some(Row {
        no: l.no,
        raw: l.raw.to_owned(),
        cells,
        widths,
        single,
        lines: vec![l.no],
    })
}

/// How many value and period columns of `head` a row's cells fill.
fn filled_values(cells: &[String], head: &Head) -> usize {
    cells
        .iter()
        .zip(&head.kinds)
        .filter(|(c, k)| !c.is_empty() && matches!(k, HeadKind::Value | HeadKind::Period))
        .count()
}

/// A row with its cells empty under a leading `No.` column (the second line of a row whose
/// number stood on the line above with the name's first part) or under trailing columns of
/// notes (`指標の説明` left blank): cut by [`fit`] against the other columns.
fn without_number(t: &[Token], head: &Head, raw: &str) -> Option<(Vec<String>, Vec<usize>, bool)> {
    let n = head.kinds.len();
    if t.len() >= n {
        return None;
    }
    let other = |k: &HeadKind| *k == HeadKind::Other;
    // The name column is empty too when the line starts right of its header word: a name
    // printed over the lines around its values (a cell centred vertically), its values' line
    // holding none of it.
    let name_apart = head.kinds.first() == Some(&HeadKind::Name)
        && t.first()
            .zip(head.spans.first())
            .is_some_and(|(w, &(_, e))| w.start > e);
    let lead = usize::from(head.kinds.first().is_some_and(other) || name_apart);
    let trail = head.kinds.iter().rev().take_while(|k| other(k)).count();
    // Leading `No.` empty, trailing notes empty, or both, in that order of preference.
    for (a, b) in [(lead, 0), (0, trail), (lead, trail)] {
        if (a == 0 && b == 0) || a + b >= n {
            continue;
        }
        let rest = &head.kinds[a..n - b];
        let Some((ranges, single)) = fit(t, rest) else {
            continue;
        };
        if !has_value(t, &ranges, rest) {
            continue;
        }
        let mut cells = vec![String::new(); a];
        let mut widths = vec![0; a];
        for &(s, e) in &ranges {
            cells.push(words(raw, &t[s..e]));
            widths.push(span_width(&t[s..e]));
        }
        cells.resize(n, String::new());
        widths.resize(n, 0);
        return Some((cells, widths, single));
    }
    name_apart_after_number(t, head, raw)
}

/// A row under `No. | name | …` whose values' line holds its number and values but no name
/// (the name printed on the lines around it): the number stands before the name column and the
/// next word right of the name's header word. Cut against the columns other than the name's.
fn name_apart_after_number(
    t: &[Token],
    head: &Head,
    raw: &str,
) -> Option<(Vec<String>, Vec<usize>, bool)> {
    if head.kinds.first() != Some(&HeadKind::Other) || head.kinds.get(1) != Some(&HeadKind::Name) {
        return None;
    }
    let (&(name_start, name_end), [no, next, ..]) = (head.spans.get(1)?, t) else {
        return None;
    };
    if no.kind != Kind::Num || no.end > name_start || next.start <= name_end {
        return None;
    }
    let mut rest: Vec<HeadKind> = head.kinds.clone();
    rest.remove(1);
    let (ranges, single) = fit(t, &rest)?;
    if !has_value(t, &ranges, &rest) {
        return None;
    }
    let mut cells: Vec<String> = ranges.iter().map(|&(s, e)| words(raw, &t[s..e])).collect();
    let mut widths: Vec<usize> = ranges.iter().map(|&(s, e)| span_width(&t[s..e])).collect();
    cells.insert(1, String::new());
    widths.insert(1, 0);
    Some((cells, widths, single))
}

/// Groups of words (apart by runs of spaces) put under the columns they stand under, when
/// each group stands under its own column, left to right, and one of them is a number under
/// a value column.
fn by_position(t: &[Token], head: &Head, raw: &str) -> Option<(Vec<String>, Vec<usize>)> {
    let mut groups: Vec<&[Token]> = Vec::new();
    let mut s = 0;
    for k in 1..=t.len() {
        if k == t.len() || gap(&t[k - 1], &t[k]) >= 2 {
            groups.push(&t[s..k]);
            s = k;
        }
    }
    let mut cells = vec![String::new(); head.kinds.len()];
    let mut widths = vec![0; head.kinds.len()];
    let mut next = 0;
    let mut value = false;
    let last_value = head
        .kinds
        .iter()
        .rposition(|k| matches!(k, HeadKind::Value | HeadKind::Period))
        .unwrap_or(usize::MAX);
    for g in groups {
        let (a, b) = (g.first()?.start, g.last()?.end);
        let col = column_at(a, b, &head.spans);
        if col < next {
            return None;
        }
        let kinds: Vec<Kind> = g.iter().map(|t| t.kind).collect();
        if cell_cost(&kinds, head.kinds[col]) > 1 {
            return None;
        }
        // A lone number under a column of notes after the values stands there only because
        // values print right of their header word: the row is cut by kinds instead.
        if col > last_value && kinds.iter().all(|k| *k == Kind::Num) {
            return None;
        }
        value |= matches!(head.kinds[col], HeadKind::Value) && kinds.contains(&Kind::Num);
        cells[col] = words(raw, g);
        widths[col] = span_width(g);
        next = col + 1;
    }
    value.then_some((cells, widths))
}

/// The column a span of display columns stands under: the one it overlaps most, else the
/// nearest.
fn column_at(a: usize, b: usize, spans: &[(usize, usize)]) -> usize {
    let mut best = (0usize, usize::MAX, 0usize); // (overlap, distance, column)
    for (c, &(s, e)) in spans.iter().enumerate() {
        let overlap = b.min(e).saturating_sub(a.max(s));
        let distance = (a + b).abs_diff(s + e);
        if overlap > best.0 || (overlap == best.0 && distance < best.1) {
            best = (overlap, distance, c);
        }
    }
    best.2
}

/// A wrapped part: words with no number, not too wide, no sentence or note, under a column;
/// the column and the text.
fn part(t: &[Token], head: &Head, no: usize) -> Option<Part> {
    // A row's number under a leading `No.` column starts the row: kept, and the rest is
    // the part.
    let mut lead = None;
    let mut t = t;
    if let (Some(HeadKind::Other), Some(first), Some(&(s1, _))) =
        (head.kinds.first(), t.first(), head.spans.get(1))
    {
        if first.kind == Kind::Num && first.end <= s1 && t.len() > 1 {
            lead = Some(first.text.clone());
            t = &t[1..];
        }
    }
    let (a, b) = (t.first()?.start, t.last()?.end);
    if b - a > MAX_PART_WIDTH
        || !t
            .iter()
            .all(|t| matches!(t.kind, Kind::Text | Kind::Paren | Kind::Unit))
    {
        return None;
    }
    let text: Vec<&str> = t.iter().map(|t| t.text.as_str()).collect();
    let text = text.join(" ");
    if text.ends_with('。') || text.starts_with(['※', '*', '注']) || text.starts_with("資料")
    {
        return None;
    }
    // Under the name column when it starts left of the column after it (a wrapped name
    // starts at the left edge of its cell, whatever the header's word is centred on).
    let name = head
        .kinds
        .iter()
        .position(|k| *k == HeadKind::Name)
        .unwrap_or(0);
    let col = match head.spans.get(name + 1) {
        Some(&(s, _)) if a < s => name,
        _ => column_at(a, b, &head.spans),
    };
    let col = text_beside_values(t, head, col);
    if lead.is_some() && col == 0 {
        return None;
    }
    // A header of value columns only (a small table captioned by its indicator's name) has
    // no cell words wrap in: words under it are the text after the table (`算定方法`).
    let unnamed = !head.kinds.contains(&HeadKind::Name);
    if unnamed && head.kinds.get(col) == Some(&HeadKind::Value) {
        return None;
    }
    Some(Part {
        no,
        col,
        text,
        width: b - a,
        lead,
    })
}

/// The column of a wrapped part of words that `column_at` put under a value column: words
/// that reach further right of that column than they overlap it are the second line of the
/// text cell after the values (`指標の説明`), which pdftotext printed left of where its first
/// line starts; the first column after it that holds no values takes them.
fn text_beside_values(t: &[Token], head: &Head, col: usize) -> usize {
    let (Some(first), Some(last)) = (t.first(), t.last()) else {
        return col;
    };
    let (a, b) = (first.start, last.end);
    let Some(&(s, e)) = head.spans.get(col) else {
        return col;
    };
    let is_value = |k: &HeadKind| matches!(k, HeadKind::Value | HeadKind::Period);
    if !head.kinds.get(col).is_some_and(is_value)
        || !t.iter().all(|w| w.kind == Kind::Text)
        || b.saturating_sub(e) <= b.min(e).saturating_sub(a.max(s))
    {
        return col;
    }
    (col + 1..head.kinds.len())
        .find(|&c| head.kinds.get(c).is_some_and(|k| !is_value(k)))
        .unwrap_or(col)
}

/// Rows in 数値/時点 pairs (`数値 72.1 73.0` over `時点 R1 R7`): the label printed where the
/// name stands is a column of its own, `区分`, as the same table written with tabs has it, and
/// the name, printed between the pair's two rows (a cell spanning both, centred vertically),
/// joins the row of values. Applied when a row labelled as values is followed by a row
/// labelled as periods; the items and the new count of columns.
fn label_column(items: Vec<Item>, head: &mut Head) -> (Vec<Item>, usize) {
    let n = head.kinds.len();
    let Some(name) = head.kinds.iter().position(|k| *k == HeadKind::Name) else {
        return (items, n);
    };
    let label = |r: &Row, list: &[&str]| {
        r.cells
            .get(name)
            .is_some_and(|c| list.contains(&c.as_str()))
    };
    let rows: Vec<&Row> = items
        .iter()
        .filter_map(|it| match it {
            Item::Row(r) => Some(r),
            Item::Part(_) => None,
        })
        .collect();
    let paired = rows
        .windows(2)
        .any(|w| label(w[0], VALUE_ROW_LABELS) && label(w[1], PERIOD_ROW_LABELS));
    if !paired {
        return (items, n);
    }
    head.kinds.insert(name + 1, HeadKind::Other);
    head.cells.insert(name + 1, PAIR_LABEL_HEAD.to_owned());
    let at = head.spans.get(name).map_or((0, 0), |&(_, e)| (e, e));
    head.spans.insert(name + 1, at);
    let mut out: Vec<Item> = Vec::with_capacity(items.len());
    // The row of values whose period row has not come yet: the parts after it are its name.
    let mut open: Option<usize> = None;
    for it in items {
        match it {
            Item::Row(mut r) => {
                let values = label(&r, VALUE_ROW_LABELS);
                let is_label = values || label(&r, PERIOD_ROW_LABELS);
                let text = if is_label {
                    std::mem::take(&mut r.cells[name])
                } else {
                    String::new()
                };
                let width = if is_label { r.widths[name] } else { 0 };
                if is_label {
                    r.widths[name] = 0;
                }
                r.cells.insert(name + 1, text);
                r.widths.insert(name + 1, width);
                open = values.then_some(out.len());
                out.push(Item::Row(r));
            }
            Item::Part(mut p) => {
                if p.col > name {
                    p.col += 1;
                }
                match open {
                    Some(k) if p.col == name && p.lead.is_none() => {
                        if let Some(Item::Row(r)) = out.get_mut(k) {
                            append(r, p);
                        }
                    }
                    _ => out.push(Item::Part(p)),
                }
            }
        }
    }
    (out, n + 1)
}

/// Joins the wrapped parts to their rows (see the module's doc for which row).
fn attach_parts(items: Vec<Item>, columns: usize) -> Vec<Row> {
    let below = matches!(items.first(), Some(Item::Part(..)));
    // The widest each column prints: a line of a cell narrower than that by more than the
    // next word had room for it, so a wrap did not happen there.
    let mut widest = vec![0usize; columns];
    for it in &items {
        match it {
            Item::Row(r) => {
                for (w, &x) in widest.iter_mut().zip(&r.widths) {
                    *w = (*w).max(x);
                }
            }
            Item::Part(p) => {
                if let Some(w) = widest.get_mut(p.col) {
                    *w = (*w).max(p.width);
                }
            }
        }
    }
    let mut rows: Vec<Row> = Vec::new();
    // How many parts the last row took from above it.
    let mut above_last = 0usize;
    let mut run: Vec<Part> = Vec::new();
    for it in items {
        match it {
            Item::Part(p) => run.push(p),
            Item::Row(mut r) => {
                let up = split_run(rows.last(), &run, &r, below, above_last, &widest);
                let down = run.split_off(up);
                if let Some(a) = rows.last_mut() {
                    for p in run.drain(..) {
                        append(a, p);
                    }
                }
                above_last = down.len();
                if !down.is_empty() {
                    prepend(&mut r, down);
                }
                rows.push(r);
            }
        }
    }
    if let Some(a) = rows.last_mut() {
        for p in run {
            append(a, p);
        }
    }
    rows
}

/// Row numbers printed against their names with no space (`1市内の…`: a narrow `No.` cell
/// whose number touches the name's cell) go to the `No.` column, when that column is empty in
/// the row and the number is the one after the row above's (1 for the first row), so a name
/// that opens with a number (`3歳児…`) keeps it.
fn number_glued_to_name(rows: &mut [Row], head: &Head) {
    if head.kinds.first() != Some(&HeadKind::Other) || head.kinds.get(1) != Some(&HeadKind::Name) {
        return;
    }
    let mut last = 0u32;
    for r in rows.iter_mut() {
        let [no, name, ..] = r.cells.as_mut_slice() else {
            return;
        };
        if no.is_empty() {
            let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
            let rest = name.get(digits.len()..).unwrap_or_default();
            let apart = rest.chars().next().is_some_and(|c| !c.is_ascii());
            if digits.parse::<u32>().ok() == Some(last + 1) && apart {
                *name = rest.to_owned();
                *no = digits;
            }
        }
        last = no.parse().unwrap_or(last);
    }
}

/// A wrapped part of a cell.
struct Part {
    /// Its line.
    no: usize,
    /// The column it stands under.
    col: usize,
    text: String,
    /// How wide it prints, in display columns.
    width: usize,
    /// The row's number printed before it under a leading `No.` column: the part starts a
    /// row, so it never joins the row above.
    lead: Option<String>,
}

/// How many of the parts between rows `a` and `b` belong to `a` (the rest to `b`). With no
/// row above, none; a part that cannot start a name (it opens with `の`, a closing bracket, a
/// small kana) stays with what stands before it, and a part that cannot end one (an open
/// bracket, a trailing `の` or `・`) with what follows. A line of a cell that left room for
/// the next word (narrower than the column's widest by more than that word and a margin) did
/// not wrap: the cut is there. Otherwise all go up, unless the block's names start above
/// their values (cells centred vertically): then as many go up as the row above took from
/// above it, and at least one.
fn split_run(
    a: Option<&Row>,
    run: &[Part],
    b: &Row,
    below: bool,
    above_a: usize,
    widest: &[usize],
) -> usize {
    let r = run.len();
    if a.is_none() || r == 0 {
        return 0;
    }
    let col = run[0].col;
    let text_of = |k: usize| -> &str {
        // Position 0 is row a, 1..=r the parts, r + 1 row b.
        if k == 0 {
            a.and_then(|a| a.cells.get(col)).map_or("", String::as_str)
        } else if k <= r {
            run[k - 1].text.as_str()
        } else {
            b.cells.get(col).map_or("", String::as_str)
        }
    };
    let width_of = |k: usize| -> usize {
        if k == 0 {
            a.and_then(|a| a.widths.get(col)).copied().unwrap_or(0)
        } else {
            run[k - 1].width
        }
    };
    let full = widest.get(col).copied().unwrap_or(0);
    // Cutting after position x (0..=r) separates x and x + 1; a part with its row's number
    // starts a row.
    let allowed = |x: usize| !glued(text_of(x), text_of(x + 1));
    if let Some(k) = run.iter().position(|p| p.lead.is_some()) {
        return k;
    }
    let room = |x: usize| {
        let next = text_of(x + 1)
            .chars()
            .next()
            .map_or(0, super::tokens::width);
        width_of(x) + next + ROOM_MARGIN <= full
    };
    // A row whose own line leaves the cell empty (its text printed around its values, a
    // cell centred vertically) takes at least the part just above it.
    let most_up = if b.cells.get(col).is_some_and(String::is_empty) {
        r - 1
    } else {
        r
    };
    if let Some(x) = (0..=most_up).find(|&x| room(x) && allowed(x)) {
        return x;
    }
    let want = if below { r.min(above_a.max(1)) } else { r }.min(most_up);
    (0..=r)
        .filter(|&x| allowed(x))
        .min_by_key(|&x| x.abs_diff(want))
        .unwrap_or(want)
}

/// True when text `b` must continue text `a` in one cell: `a` leaves a bracket open or ends
/// on a particle, or `b` opens with what no name starts with.
fn glued(a: &str, b: &str) -> bool {
    let open =
        a.matches(['(', '[', '「', '【']).count() > a.matches([')', ']', '」', '】']).count();
    let ends = a.ends_with(['の', '・', '、', 'を']);
    let starts = b.starts_with([
        'の', 'を', '・', '、', ')', ']', '」', '】', 'ー', 'っ', 'ゃ', 'ゅ', 'ょ', 'ッ', 'ャ',
        'ュ', 'ョ',
    ]);
    open || ends || starts
}

/// A part joined at the end of its cell in row `r`.
fn append(r: &mut Row, p: Part) {
    if let Some(c) = r.cells.get_mut(p.col) {
        join_wrapped(c, &p.text);
    }
    r.lines.push(p.no);
}

/// Parts joined before the cells of row `r`, which then starts at the first part's line.
fn prepend(r: &mut Row, parts: Vec<Part>) {
    let mut cells = vec![String::new(); r.cells.len()];
    let mut lines = Vec::new();
    for p in parts {
        if let Some(c) = cells.get_mut(p.col) {
            join_wrapped(c, &p.text);
        }
        if let (Some(lead), Some(c)) = (&p.lead, cells.first_mut()) {
            join_wrapped(c, lead);
        }
        // A cell the row's own line leaves empty last printed on this part's line: its
        // width is the one a wrap after it is judged by.
        if r.cells.get(p.col).is_some_and(String::is_empty) {
            if let Some(w) = r.widths.get_mut(p.col) {
                *w = p.width;
            }
        }
        lines.push(p.no);
    }
    for (c, own) in cells.iter_mut().zip(&r.cells) {
        join_wrapped(c, own);
    }
    if let Some(&first) = lines.first() {
        r.no = first;
    }
    lines.append(&mut r.lines);
    r.lines = lines;
    r.cells = cells;
}

/// The rows of a table run on in its header's line: as many single words a row as the header
/// has columns, every row fitting its columns.
fn run_on_rows(rest: &[Token], head: &Head, s: &Source<'_>) -> Option<Vec<Line>> {
    let n = head.kinds.len();
    if rest.is_empty() || !rest.len().is_multiple_of(n) {
        return None;
    }
    let mut out = Vec::new();
    for chunk in rest.chunks(n) {
        let ranges: Vec<(usize, usize)> = (0..n).map(|k| (k, k + 1)).collect();
        if !chunk
            .iter()
            .zip(&head.kinds)
            .all(|(t, &k)| cell_cost(&[t.kind], k) <= 1)
            || !has_value(chunk, &ranges, &head.kinds)
        {
            return None;
        }
        let cells = chunk.iter().map(|t| t.text.clone()).collect();
        out.push(row(
            s.no,
            s.raw.to_owned(),
            cells,
            Split::RunOn { columns: n },
        ));
    }
    Some(out)
}
