//! Tables printed one cell per line: a header whose words each stand on their own line
//! (`指標名` / `単位` / `現状値` / `目標値`), then the values in groups of as many lines, row
//! after row; or, what a PDF's text layer gives for some tables, column after column (all the
//! names, then all the units, then all the values).
//!
//! The header is three to [`MAX_COLUMNS`] consecutive lines, each one header word of the
//! lexicon (with its bracketed year: `現状値(R4)`), one of them a value or period column. Row
//! after row is tried first (a value's bracketed year printed on the line after it, a cell
//! with a line break, joining that cell): each group of lines must fit its columns (a name under the name
//! column, a number or a dash under a value column; [`fit::cell_cost`]), and rows are read
//! while they fit. When the first group does not fit, column after column is tried: the lines
//! up to the next blank line must be a multiple of the columns, and paired that way every
//! cell must fit. Otherwise nothing is cut.

use super::beneath::year_heading;
use super::fit::{cell_cost, PLAUSIBLE};
use super::tokens::{is_year, tokens, Kind};
use super::{cell, row, Source};
use crate::extract::lexicon::{self, head_word, HeadKind};
use crate::extract::text::{Line, Split};

/// The most columns a header of one word per line may have.
const MAX_COLUMNS: usize = 12;

/// The most lines a table printed column after column may have.
const MAX_LINES: usize = 4096;

/// Reads the table of one cell per line at `i` into `out`; the number of lines used.
pub fn block(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    if head_line(src.get(i)?).is_none() && is_value_head(&src[i]) {
        return unnamed(src, i, out);
    }
    let mut kinds = Vec::new();
    // Whether each column's word is a year.
    let mut years: Vec<bool> = Vec::new();
    // Each column's header lines: its word, and its bracketed year when printed on the next
    // line (`目標値` / `(R4)`).
    let mut head_lines: Vec<Vec<&Source<'_>>> = Vec::new();
    let mut j = i;
    while let Some(l) = src.get(j) {
        if let Some(last) = head_lines.last_mut() {
            if last.len() == 1 && is_bracket_line(l) {
                last.push(l);
                j += 1;
                continue;
            }
        }
        // A year alone is a column of values when the header opens with its name column
        // (`指標名` / `現状値` / `R3` / `R4` / `目標値`).
        let year = kinds.first() == Some(&HeadKind::Name) && is_year_line(l);
        match head_line(l).or(year.then_some(HeadKind::Value)) {
            Some(k) if kinds.len() < MAX_COLUMNS => {
                kinds.push(k);
                head_lines.push(vec![l]);
                years.push(year);
                j += 1;
            }
            _ => break,
        }
    }
    // Years after the last header word, as many as the value words printed without a year:
    // the header's second row, those words' years (`計画策定` … `目標値` / `H19` / `H24`).
    let trailing = years.iter().rev().take_while(|&&y| y).count();
    let yearless: Vec<usize> = (0..kinds.len() - trailing)
        .filter(|&c| kinds[c] == HeadKind::Value && !years[c] && head_lines[c].len() == 1)
        .collect();
    let mut second: Vec<(usize, &Source<'_>)> = Vec::new();
    if trailing > 0 && trailing == yearless.len() && trailing < kinds.len() {
        let first_row = kinds.len() - trailing;
        second = yearless
            .iter()
            .zip(&head_lines[first_row..])
            .filter_map(|(&c, l)| Some((c, *l.first()?)))
            .collect();
        kinds.truncate(first_row);
        head_lines.truncate(first_row);
    }
    let k = kinds.len();
    if k < 3
        || !kinds
            .iter()
            .any(|h| matches!(h, HeadKind::Value | HeadKind::Period))
    {
        return None;
    }
    let body = j;
    let head_used = j - i;
    // Row after row, a value's year on the line after it joining its cell.
    if let Some(used) = rows_with_years(src, body, &kinds, &head_lines, &second, out) {
        return Some(head_used + used);
    }
    let mut groups = 0;
    while let Some(g) = src.get(body + groups * k..body + (groups + 1) * k) {
        if !fits(g.iter(), &kinds) {
            break;
        }
        groups += 1;
    }
    if groups > 0 {
        push_header(&head_lines, &second, out);
        for g in 0..groups {
            let lines: Vec<&Source<'_>> = src[body + g * k..body + (g + 1) * k].iter().collect();
            let split = Split::OneCellPerLine {
                lines: lines.iter().map(|l| l.no).collect(),
            };
            push_row(&lines, split, out);
        }
        return Some(head_used + groups * k);
    }
    // Column after column.
    let end = (body..src.len().min(body + MAX_LINES))
        .find(|&j| src[j].is_blank())
        .unwrap_or(src.len().min(body + MAX_LINES));
    let m = end - body;
    if m < 2 * k || !m.is_multiple_of(k) {
        return anchored(src, i, body, &kinds, &head_lines, out);
    }
    let n = m / k;
    let rows: Vec<Vec<&Source<'_>>> = (0..n)
        .map(|r| (0..k).map(|c| &src[body + c * n + r]).collect())
        .collect();
    if !rows.iter().all(|r| fits(r.iter().copied(), &kinds)) {
        return anchored(src, i, body, &kinds, &head_lines, out);
    }
    push_header(&head_lines, &second, out);
    for r in rows {
        let split = Split::Columns {
            lines: r.iter().map(|l| l.no).collect(),
        };
        push_row(&r, split, out);
    }
    Some(head_used + m)
}

/// Rows after a header of one word per line whose value cells print their year on a line of
/// its own (`市民活動団体数` / `112団体` / `(令和元年度)` / `150団体` / `(令和6年度)`: a web table's
/// cell with a line break before its year). A bracketed year right after a value is that
/// value's cell's second line; rows are read while each group of cells fits its columns. Only
/// when such a year is found after the first value and two rows at least are read; the
/// number of lines used.
fn rows_with_years(
    src: &[Source<'_>],
    body: usize,
    kinds: &[HeadKind],
    head_lines: &[Vec<&Source<'_>>],
    second: &[(usize, &Source<'_>)],
    out: &mut Vec<Line>,
) -> Option<usize> {
    let is_value = |l: &Source<'_>| matches!(tokens(l.raw, 3).as_deref(), Some([w, ..]) if w.kind == Kind::Num);
    let is_year_bracket = |l: &Source<'_>| {
        is_bracket_line(l) && {
            let inner = l.norm.trim().trim_start_matches('(').trim_end_matches(')');
            shinchoku_core::era::parse_period(inner).is_ok()
        }
    };
    // The cells: a line each, and the year after a value with it.
    let mut cells: Vec<Vec<&Source<'_>>> = Vec::new();
    let mut j = body;
    let mut joined = false;
    while let Some(l) = src.get(j) {
        if l.is_blank() || j - body > MAX_LINES {
            break;
        }
        match src.get(j + 1) {
            Some(next) if is_value(l) && is_year_bracket(next) => {
                cells.push(vec![l, next]);
                joined = true;
                j += 2;
            }
            _ => {
                cells.push(vec![l]);
                j += 1;
            }
        }
    }
    if !joined {
        return None;
    }
    let k = kinds.len();
    let mut groups = 0;
    while let Some(g) = cells.get(groups * k..(groups + 1) * k) {
        if !fits(g.iter().filter_map(|c| c.first().copied()), kinds) {
            break;
        }
        groups += 1;
    }
    if groups < 2 {
        return None;
    }
    push_header(head_lines, second, out);
    let used = cells
        .chunks(k)
        .take(groups)
        .map(|g| push_cells(g, out))
        .sum();
    Some(used)
}

/// The most lines a name wraps over in a table whose text cells wrap.
const MAX_NAME_LINES: usize = 3;

/// The most characters of a name wrapped over lines.
const MAX_NAME_CHARS: usize = 60;

/// Rows of a table of one cell per line whose text cells wrap over several lines, what a
/// PDF's text layer gives for a progress table with prose columns: a header of a name
/// column first and value columns after it (`目標指標` / `基準値` / `(R1)` / `現状値` / `(R5)` /
/// `目標値` / `(R6)`, more words after them), then per row the name (over one to
/// [`MAX_NAME_LINES`] lines), its values one a line, and prose and grades of any length.
///
/// Each row is found by its values, one line each, as many as the header's value columns and
/// no more, one of them a number; its name is the lines just above them, up to a line that
/// ends a cell of the row before (a grade or dash alone, a sentence's `。`, a header word,
/// a value, a bracketed word), the last of them its bracketed note alone (`(累計)`) or not. A run of values with no name above (the name missing from the text) is no row.
/// The rows' cells are the name and the values; the lines between rows (the prose and
/// grades) stay in the raw text of the row above, those after the last row as they are. The
/// table ends at a blank line, a name column's header word over another header word (the
/// next table's header), or [`MAX_LINES`].
fn anchored(
    src: &[Source<'_>],
    i: usize,
    body: usize,
    kinds: &[HeadKind],
    head_lines: &[Vec<&Source<'_>>],
    out: &mut Vec<Line>,
) -> Option<usize> {
    // The header opens with its one name column (a title word above it, `成果指標`, would be
    // a second), and its value columns follow.
    let names = kinds.iter().filter(|k| **k == HeadKind::Name).count();
    let first_value = kinds.iter().position(|k| *k == HeadKind::Value)?;
    let m = kinds[first_value..]
        .iter()
        .take_while(|k| **k == HeadKind::Value)
        .count();
    if kinds.first() != Some(&HeadKind::Name) || names != 1 || m < 2 {
        return None;
    }
    let mut heads: Vec<&[&Source<'_>]> = vec![head_lines.first()?.as_slice()];
    heads.extend(
        head_lines
            .get(first_value..first_value + m)?
            .iter()
            .map(Vec::as_slice),
    );
    anchored_rows(src, i, body, &heads, out)
}

/// The most value headings a header of value headings alone may have.
const MAX_VALUE_HEADS: usize = 8;

/// A header of value headings alone, one a line, with no name column (`H25プラン` / `H25決算` /
/// `差引`, a plan against its result): a target's or plan's heading and an actual's among
/// them; its rows read as [`anchored`]'s are, each named by the lines above its values
/// (`①1日入院患者数`).
fn unnamed(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    let heads: Vec<&Source<'_>> = src
        .get(i..)?
        .iter()
        .take(MAX_VALUE_HEADS + 1)
        .take_while(|l| is_value_head(l))
        .collect();
    if !(2..=MAX_VALUE_HEADS).contains(&heads.len()) {
        return None;
    }
    let has = |words: &[&str]| {
        heads
            .iter()
            .any(|l| words.iter().any(|w| l.norm.contains(w)))
    };
    if !(has(lexicon::PLAN_HEAD_WORDS) && has(lexicon::RESULT_HEAD_WORDS)) {
        return None;
    }
    let none: &[&Source<'_>] = &[];
    let mut cols = vec![none];
    cols.extend(heads.iter().map(std::slice::from_ref));
    anchored_rows(src, i, i + heads.len(), &cols, out)
}

/// A line that is one heading of values: a header word of values, a year with what its figure
/// is (`H25決算`, `R5計画`), or a difference's heading (`差引`).
fn is_value_head(l: &Source<'_>) -> bool {
    let t = l.norm.trim();
    t.chars().count() <= 16
        && !t.contains(char::is_whitespace)
        && (head_word(t) == Some(HeadKind::Value)
            || year_heading(t)
            || lexicon::DIFFERENCE_HEADS.contains(&t))
}

/// The rows under a header of one cell per line whose columns are `heads`: a name column (no
/// lines: a header that prints none) and value columns; see [`anchored`].
fn anchored_rows(
    src: &[Source<'_>],
    i: usize,
    body: usize,
    heads: &[&[&Source<'_>]],
    out: &mut Vec<Line>,
) -> Option<usize> {
    let m = heads.len().checked_sub(1)?;
    if m < 2 {
        return None;
    }
    let limit = src.len().min(body + MAX_LINES);
    let end = (body..limit)
        .find(|&j| {
            src[j].is_blank()
                || (head_line(&src[j]) == Some(HeadKind::Name)
                    && src.get(j + 1).is_some_and(|n| head_line(n).is_some()))
                || (is_value_head(&src[j]) && src.get(j + 1).is_some_and(is_value_head))
        })
        .unwrap_or(limit);
    // Each row: where its name starts, and where its values start.
    let mut rows: Vec<(usize, usize)> = Vec::new();
    let mut j = body;
    while j + m <= end {
        let run = (j..j + m).all(|r| is_value_line(&src[r]));
        let numbers = (j..j + m).any(|r| has_number(&src[r]));
        let longer = src.get(j + m).is_some_and(is_value_line);
        if !(run && numbers && !longer) {
            // A longer run is values out of step with the header: passed over whole.
            j = if run {
                (j..end).find(|&r| !is_value_line(&src[r])).unwrap_or(end)
            } else {
                j + 1
            };
            continue;
        }
        let floor = rows.last().map_or(body, |r| r.1 + m);
        // The name's last line may be its bracketed note alone (`(累計)`).
        let mut start = j;
        if start > floor && is_bracket_line(&src[start - 1]) {
            start -= 1;
        }
        let tail = j - start;
        while start > floor && j - start < MAX_NAME_LINES && is_name_line(&src[start - 1]) {
            start -= 1;
        }
        let chars: usize = src[start..j]
            .iter()
            .map(|l| l.norm.trim().chars().count())
            .sum();
        if j - start > tail && chars <= MAX_NAME_CHARS {
            rows.push((start, j));
        }
        j += m;
    }
    if rows.is_empty() {
        return None;
    }
    // A grade alone right after a row's values (bracketed lines of its sub-row between them,
    // `(410人)`): the row's mark.
    let marks: Vec<Option<String>> = rows
        .iter()
        .map(|&(_, values)| {
            let after = src.get(values + m..end).unwrap_or_default();
            after
                .iter()
                .take(MAX_BRACKET_LINES + 1)
                .find(|l| !is_bracketed(l))
                .filter(|l| is_grade(l))
                .map(|l| cell(l.raw))
        })
        .collect();
    let marked = marks.iter().any(Option::is_some);
    let header_end = rows.first().map_or(body, |r| r.0);
    let mut lines: Vec<&Source<'_>> = Vec::new();
    let mut cells = Vec::new();
    for col in heads {
        lines.extend(col.iter().copied());
        let text = col
            .iter()
            .map(|l| cell(l.raw))
            .collect::<Vec<_>>()
            .join(" ");
        cells.push(if text.is_empty() {
            lexicon::NAME_COLUMN_HEAD.to_owned()
        } else {
            text
        });
    }
    if marked {
        cells.push(lexicon::GRADE_COLUMN_HEAD.to_owned());
    }
    let raw = src[i..header_end]
        .iter()
        .map(|l| l.raw)
        .collect::<Vec<_>>()
        .join("\n");
    let split = Split::OneCellPerLine {
        lines: lines.iter().map(|l| l.no).collect(),
    };
    out.push(row(src[i].no, raw, cells, split));
    let mut last = header_end;
    for (k, &(start, values)) in rows.iter().enumerate() {
        let next = rows.get(k + 1).map_or(values + m, |r| r.0);
        let name = src[start..values]
            .iter()
            .map(|l| cell(l.raw))
            .collect::<String>();
        let mut cells = vec![name];
        cells.extend(src[values..values + m].iter().map(|l| cell(l.raw)));
        if marked {
            cells.push(marks.get(k).cloned().flatten().unwrap_or_default());
        }
        let raw = src[start..next]
            .iter()
            .map(|l| l.raw)
            .collect::<Vec<_>>()
            .join("\n");
        let split = Split::OneCellPerLine {
            lines: (start..values + m).map(|r| src[r].no).collect(),
        };
        out.push(row(src[start].no, raw, cells, split));
        last = next;
    }
    Some(last - i)
}

/// The most bracketed lines (a sub-row's figures) between a row's values and its mark.
const MAX_BRACKET_LINES: usize = 3;

/// A line of bracketed words only (`(410人)`, `(23,500円) (24,180円)`).
fn is_bracketed(l: &Source<'_>) -> bool {
    tokens(l.raw, 8).is_some_and(|t| !t.is_empty() && t.iter().all(|w| w.kind == Kind::Paren))
}

/// A line that is a printed grade alone (`○`, `×`, `A`).
fn is_grade(l: &Source<'_>) -> bool {
    let mut c = l.norm.trim().chars();
    match (c.next(), c.next()) {
        (Some(g), None) => lexicon::GRADE_MARKS.contains(&g) || lexicon::GRADE_LETTERS.contains(&g),
        _ => false,
    }
}

/// A line that is one value: a number with or without its unit (`118経営体`), or a dash.
fn is_value_line(l: &Source<'_>) -> bool {
    matches!(tokens(l.raw, 2).as_deref(), Some([w]) if matches!(w.kind, Kind::Num | Kind::Dash))
}

/// A line that is one number with or without its unit.
fn has_number(l: &Source<'_>) -> bool {
    matches!(tokens(l.raw, 2).as_deref(), Some([w]) if w.kind == Kind::Num)
}

/// A line that may be part of a name: text that is no sentence's end, no grade or dash alone,
/// no header word and no value.
fn is_name_line(l: &Source<'_>) -> bool {
    let t = l.norm.trim();
    let chars = t.chars().count();
    chars >= 2
        && !t.contains('。')
        && head_line(l).is_none()
        && !is_bracket_line(l)
        && !is_bracketed(l)
        && !is_value_line(l)
        && tokens(l.raw, 8).is_some()
}

/// A line that is only a bracketed word (`(R4)`, `(令和4年度)`): the year of the header word
/// on the line above.
fn is_bracket_line(l: &Source<'_>) -> bool {
    let t = l.norm.trim();
    if t.is_empty() || t.len() > 32 {
        return false;
    }
    matches!(tokens(l.raw, 2).as_deref(), Some([w]) if w.kind == Kind::Paren)
}

/// The column kind of a line that is one header word (with its bracketed year), else `None`.
fn head_line(l: &Source<'_>) -> Option<HeadKind> {
    let t = l.norm.trim();
    // Most lines are no header word: asked before the line is cut into words.
    if t.is_empty() || t.len() > 64 || head_word(t).is_none() {
        return None;
    }
    let toks = tokens(l.raw, 2)?;
    match toks.as_slice() {
        [w]
        | [w, Token {
            kind: Kind::Paren, ..
        }] => head_word(&w.text),
        _ => None,
    }
}

use super::tokens::Token;

/// True when the lines, one cell each, fit the columns and one holds a number under a value
/// column (a line with a tab or pipe, or blank, never fits). Words under a value column (a
/// number cell holding text) fit while the row has as many numbers as such cells or more.
fn fits<'a, 'b: 'a>(lines: impl Iterator<Item = &'a Source<'b>>, kinds: &[HeadKind]) -> bool {
    let mut value = false;
    // Cells of words under a value column (`調査未実施`): a few are text in a number cell,
    // but a row of them is a row read out of step.
    let (mut words, mut numbers) = (0usize, 0usize);
    for (l, &h) in lines.zip(kinds) {
        if l.is_blank() || l.norm.contains(['\t', '|']) || head_line(l).is_some() {
            return false;
        }
        let Some(t) = tokens(l.raw, 8) else {
            return false;
        };
        let ks: Vec<Kind> = t.iter().map(|t| t.kind).collect();
        let cost = cell_cost(&ks, h);
        if h == HeadKind::Value && cost == PLAUSIBLE {
            words += 1;
        } else if cost > 1 {
            return false;
        }
        let number = matches!(h, HeadKind::Value | HeadKind::Period)
            && ks.iter().any(|k| matches!(k, Kind::Num | Kind::Dash));
        numbers += usize::from(number);
        value |= number;
    }
    value && words <= numbers
}

/// A row of cells each printed over one line or more (a header word and its year, a value
/// and its year), each cell its lines' texts joined by a space; the number of lines used, 0
/// when there are none.
fn push_cells(cols: &[Vec<&Source<'_>>], out: &mut Vec<Line>) -> usize {
    let lines: Vec<&Source<'_>> = cols.iter().flatten().copied().collect();
    let Some(first) = lines.first() else {
        return 0;
    };
    let cells = cols
        .iter()
        .map(|c| c.iter().map(|l| cell(l.raw)).collect::<Vec<_>>().join(" "))
        .collect();
    let raw = lines.iter().map(|l| l.raw).collect::<Vec<_>>().join("\n");
    let split = Split::OneCellPerLine {
        lines: lines.iter().map(|l| l.no).collect(),
    };
    out.push(row(first.no, raw, cells, split));
    lines.len()
}

/// The header row: each column's word with its year, when printed on the next line; and the
/// header's second row of years under some of its words, when it has one.
fn push_header(cols: &[Vec<&Source<'_>>], second: &[(usize, &Source<'_>)], out: &mut Vec<Line>) {
    if push_cells(cols, out) == 0 {
        return;
    }
    if let Some((_, l)) = second.first() {
        let mut cells = vec![String::new(); cols.len()];
        for (c, y) in second {
            if let Some(slot) = cells.get_mut(*c) {
                *slot = cell(y.raw);
            }
        }
        let raw = second
            .iter()
            .map(|(_, y)| y.raw)
            .collect::<Vec<_>>()
            .join("\n");
        let split = Split::OneCellPerLine {
            lines: second.iter().map(|(_, y)| y.no).collect(),
        };
        out.push(row(l.no, raw, cells, split));
    }
}

/// A line that is a year alone (`H20年度`, `R4`), a bracket lost at either end
/// (`H24年度)`) or not.
fn is_year_line(l: &Source<'_>) -> bool {
    let t = l.norm.trim();
    let t = t
        .strip_suffix(')')
        .filter(|r| !r.contains('('))
        .unwrap_or(t);
    let t = t
        .strip_prefix('(')
        .filter(|r| !r.contains(')'))
        .unwrap_or(t);
    !t.contains(char::is_whitespace) && is_year(t)
}

/// One row from lines of one cell each; its number is its first line's.
fn push_row(lines: &[&Source<'_>], split: Split, out: &mut Vec<Line>) {
    let Some(first) = lines.first() else { return };
    let cells = lines.iter().map(|l| cell(l.raw)).collect();
    let raw = lines.iter().map(|l| l.raw).collect::<Vec<_>>().join("\n");
    out.push(row(first.no, raw, cells, split));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(text: &str) -> Vec<Vec<String>> {
        let src = super::super::sources(text);
        let mut out = Vec::new();
        let _ = block(&src, 0, &mut out);
        out.into_iter().map(|l| l.cells).collect()
    }

    #[test]
    fn a_values_year_on_the_line_after_it_is_its_cells() {
        let rows = cut(
            "指標名\n基準値\n目標値\n市民活動団体数\n112団体\n（令和元年度）\n\
             150団体\n（令和6年度）\nごみの1人1日当たり排出量\n912g\n（令和元年度）\n850g\n\
             （令和6年度）\n",
        );
        assert_eq!(rows[0], ["指標名", "基準値", "目標値"]);
        assert_eq!(
            rows[1],
            [
                "市民活動団体数",
                "112団体 (令和元年度)",
                "150団体 (令和6年度)"
            ]
        );
        assert_eq!(rows[2][0], "ごみの1人1日当たり排出量");
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn a_header_words_year_on_the_next_line_stays_with_its_word() {
        let rows = cut("指標名\n現状値\n(R2)\n目標値\n(R8)\n図書館の貸出冊数\n41万冊\n50万冊\n");
        assert_eq!(rows[0], ["指標名", "現状値 (R2)", "目標値 (R8)"]);
        assert_eq!(rows[1], ["図書館の貸出冊数", "41万冊", "50万冊"]);
    }

    #[test]
    fn text_in_a_number_cell_keeps_the_rows_in_step() {
        let rows = cut("指標名\n現状値\n目標値\n単位\n\
             公民館の利用者数\n集計中\n9,000\n人\n\
             駐輪場の台数\n310\n400\n台\n");
        assert_eq!(rows[1], ["公民館の利用者数", "集計中", "9,000", "人"]);
        assert_eq!(rows[2], ["駐輪場の台数", "310", "400", "台"]);
    }

    #[test]
    fn years_under_a_name_word_are_columns_and_years_after_them_the_second_header_row() {
        let rows = cut("指標名\n策定時\nR3\nR4\n目標値\nR2\nR7)\n\
             公民館の利用者数\n8,200人\n8,400人\n8,600人\n9,000人\n\
             駐輪場の台数\n310台\n330台\n350台\n400台\n");
        assert_eq!(rows[0], ["指標名", "策定時", "R3", "R4", "目標値"]);
        assert_eq!(rows[1], ["", "R2", "", "", "R7)"]);
        assert_eq!(
            rows[2],
            [
                "公民館の利用者数",
                "8,200人",
                "8,400人",
                "8,600人",
                "9,000人"
            ]
        );
        assert_eq!(
            rows[3],
            ["駐輪場の台数", "310台", "330台", "350台", "400台"]
        );
        // Years with no name word above them head nothing.
        assert!(cut("現状値\nR3\nR4\n目標値\n館の数\n3\n4\n5\n6\n").is_empty());
    }

    #[test]
    fn rows_whose_text_cells_wrap_are_found_by_their_values() {
        let rows = cut("目標指標\n基準値\n(R2)\n現状値\n(R5)\n目標値\n(R7)\n\
             取組の成果\n評価\n方向性\n\
             図書館の年間\n貸出冊数\n41万冊\n44万冊\n50万冊\n\
             電子書籍の導入により、貸出冊数は\n増加した。\nB\n継続する。\nA\n\
             -\n-\n-\n-\n\
             講座の開催により増えた。\nA\n\
             12件\n15件\n20件\n\
             名前の欠けた行。\nB\n\
             読み聞かせボランティアの登録者数\n(累計)\n80人\n126人\n150人\n\
             登録者は順調に増えている。\nA\n");
        assert_eq!(
            rows[0],
            ["目標指標", "基準値 (R2)", "現状値 (R5)", "目標値 (R7)"]
        );
        assert_eq!(
            rows[1],
            ["図書館の年間貸出冊数", "41万冊", "44万冊", "50万冊"]
        );
        // A row of dashes is out of step (four, not three) and a run after a grade has no
        // name: neither is a row.
        assert_eq!(
            rows[2],
            [
                "読み聞かせボランティアの登録者数(累計)",
                "80人",
                "126人",
                "150人"
            ]
        );
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn a_table_of_wrapped_cells_needs_its_name_column_first() {
        // A second name column.
        assert!(cut("指標名\n現状値\n目標値\n成果指標\n取組の成果。\n\
             図書館の年間貸出冊数\n41万冊\n50万冊\n")
        .is_empty());
        // One value column is no table.
        assert!(cut("指標名\n目標値\n進捗\n図書館の年間貸出冊数\n50万冊\n増えた。\n").is_empty());
    }

    #[test]
    fn value_headings_alone_head_rows_named_above_their_values_with_their_marks() {
        let rows = cut("R5プラン\nR5決算\n差引\n\
             ①経常収支比率\n100.5%\n98.2%\n△2.3%\n×\n\
             ②病床利用率\n78.0%\n81.6%\n3.6%\n(132人)\n(138人)\n○\n\
             イ その他\n");
        assert_eq!(rows[0], ["指標名", "R5プラン", "R5決算", "差引", "評価"]);
        assert_eq!(rows[1], ["①経常収支比率", "100.5%", "98.2%", "△2.3%", "×"]);
        // Bracketed lines of a sub-row between the values and the mark.
        assert_eq!(rows[2], ["②病床利用率", "78.0%", "81.6%", "3.6%", "○"]);
        // No plan heading, or no result heading: no such header.
        assert!(cut("R5決算\n差引\n経常収支比率\n98.2%\n△2.3%\n").is_empty());
        assert!(cut("R5プラン\n差引\n経常収支比率\n100.5%\n△2.3%\n").is_empty());
    }

    #[test]
    fn a_group_of_words_alone_is_no_row() {
        let rows = cut("指標名\n現状値\n目標値\n公民館の利用者数\n集計中\n未定\n");
        assert!(rows.is_empty());
    }
}
