//! Cells separated by pipes: ` | ` tables and Markdown tables.
//!
//! A block is the run of consecutive lines that hold a `|` (`｜` is `|` once normalised). It is
//! a table when it has a Markdown separator line (`|---|:--:|`) and at least one line of two
//! filled cells or more, or when every line has the same number of cells (two or more) and at
//! least two lines have two filled cells or more (a web page's bullets leave pipe debris, `|`
//! alone and `text |`, which is no table). Otherwise, a pipe inside text (`A|B の比較`) is
//! text: the whole run of lines is left as written.
//!
//! The leading and trailing pipes are dropped when every line of the block has both
//! (`| a | b |` is `a`, `b`; ` | | (R4)` keeps its empty first cell). The separator line is no
//! line of the `Doc` (it is no row, and a non-row would end the table for the recognisers).
//! A `<br>` inside a cell is the space a line break inside a cell is.
//!
//! A table copied from a web page may come with its rows broken after some of their cells:
//! every cell ends with its own `|`, and a physical line holds only the first cells of a row
//! (`name | 12 (R1) |` / `15 (R4) |` / `16 | ○ | |`). Such a block has a separator line and
//! lines of different cell counts that all end with `|` and do not start with one: a row is
//! then the cells of consecutive lines up to the separator's cell count (a line that would
//! overflow the row ends it short). A line that does not end with its `|` is a cell broken
//! over lines where the page broke a line inside it (`1.2万人` / `(平成29年度) |`): the lines up
//! to the one that ends it are one cell, a space between them. A short line of words right after the header is the
//! header's second line: its first cell names the first column again, the others head
//! columns that each data row gives on a second line of values alone (`20 | ||||`), which is
//! joined to its row ([`broken`]).
//!
//! A web page's table may also come with every cell on a line of its own, each ending in its
//! `|` and no separator line (`code |` / `name |` / `36% |` …). Such a block is a table when
//! it opens with a header of three words or more (cells with no number in them) and goes on
//! with at least one whole row of as many cells: the cells after the header are then cut
//! into rows of the header's count, and a last shorter row is a row cut off ([`stacked`]).
//!
//! Some converters give a web page's tables with every cell on a line of its own, indented
//! and ending in ` | `, each row's cells between blank lines (lines of spaces), a row's first
//! cell opening with `| ` unless it spans several rows ([`cell_lines`]).

use super::tokens::{tokens, Kind};
use super::{as_written, collapse, row, Source};
use crate::extract::lexicon;
use crate::extract::text::{Line, Split};

/// Reads the run of pipe lines at `i` into `out`; the number of lines used, or `None` when
/// line `i` has no pipe.
pub fn block(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    if !src.get(i)?.norm.contains('|') {
        return None;
    }
    if let Some(used) = cell_lines(src, i, out) {
        return Some(used);
    }
    let end = block_end(src, i);
    let lines = &src[i..end];
    let separator = lines.iter().any(|l| is_separator(&l.norm));
    // Outer pipes are dropped only when every line has both (`| a | b |`): a line of ` | `
    // cells may start with an empty cell (` | | (R4)`), whose pipe is no border.
    let outer = lines.iter().all(|l| {
        let t = l.norm.trim();
        t.starts_with('|') && t.ends_with('|') && t.len() > 1
    });
    let counts: Vec<usize> = lines
        .iter()
        .filter(|l| !is_separator(&l.norm))
        .map(|l| cells(&l.norm, outer).len())
        .collect();
    // Lines of two filled cells or more: what makes the pipes a table, not the debris a web
    // page's bullets leave (`|` alone, `text |`).
    let filled = lines
        .iter()
        .filter(|l| {
            !is_separator(&l.norm)
                && cells(&l.norm, outer)
                    .iter()
                    .filter(|c| !c.is_empty())
                    .count()
                    >= 2
        })
        .count();
    if separator && !outer && counts.iter().any(|&c| c != counts[0]) {
        if let Some(rows) = broken(lines) {
            out.extend(rows);
            return Some(end - i);
        }
    }
    if !separator && !outer {
        if let Some(rows) = stacked(lines) {
            out.extend(rows);
            return Some(end - i);
        }
    }
    let same = counts.len() >= 2 && counts.iter().all(|&c| c == counts[0] && c >= 2);
    let table = filled >= if separator { 1 } else { 2 }
        && ((separator && counts.iter().all(|&c| c >= 2)) || same);
    if !table && !separator && !outer {
        if let Some(rows) = small_tables(lines) {
            out.extend(rows);
            return Some(end - i);
        }
    }
    if !table {
        out.extend(lines.iter().map(as_written));
        return Some(end - i);
    }
    let split = if separator || outer {
        Split::Markdown
    } else {
        Split::Pipes
    };
    let body: Vec<&Source<'_>> = lines.iter().filter(|l| !is_separator(&l.norm)).collect();
    let mut rows: Vec<Vec<String>> = body.iter().map(|l| cells(&l.norm, outer)).collect();
    align_short_rows(&mut rows);
    for (l, cells) in body.into_iter().zip(rows) {
        out.push(row(l.no, l.raw.to_owned(), cells, split.clone()));
    }
    Some(end - i)
}

/// The widest table whose short rows [`align_short_rows`] tries to place: beyond it a row is
/// left as it is (the placing tries each shift against each cell).
const MAX_ALIGNED_COLUMNS: usize = 40;

/// Places the short rows of a table whose first columns span several rows (an HTML `rowspan`
/// printed as text): such a row is printed without its leading cells (`name | 31 | 45 |` under
/// `節 | 内容 | 指標 | 現状値 | 目標値 |`), so its cells belong at the right, not the left. A row
/// whose filled cells do not fit the last whole data row above it where they stand (a value under a
/// column of words) is moved right to the first place where each fits (a value under a value,
/// words under words); a row that fits where it stands, or fits nowhere, stays.
fn align_short_rows(rows: &mut [Vec<String>]) {
    let w = rows.iter().map(Vec::len).max().unwrap_or(0);
    if w > MAX_ALIGNED_COLUMNS {
        return;
    }
    let mut above: Option<usize> = None;
    for i in 0..rows.len() {
        if let Some(shift) = above.and_then(|a| right_shift(&rows[a], &rows[i], w)) {
            let r = &mut rows[i];
            r.truncate(w - shift);
            r.splice(0..0, std::iter::repeat_n(String::new(), shift));
        }
        let r = &rows[i];
        if r.len() == w && r.iter().any(|c| is_values(c)) {
            above = Some(i);
        }
    }
}

/// How far right `cells` must move for each of its filled cells to stand under a filled cell of
/// `above` of its kind (values or words); `None` when they fit where they are (an empty cell
/// above fits anything there), or nowhere in a row of `w` cells, or the row has no value.
fn right_shift(above: &[String], cells: &[String], w: usize) -> Option<usize> {
    let last = cells.iter().rposition(|c| !c.is_empty())?;
    if !cells.iter().any(|c| is_values(c)) {
        return None;
    }
    let kinds: Vec<Option<bool>> = cells
        .iter()
        .map(|c| (!c.is_empty()).then(|| is_values(c)))
        .collect();
    let above: Vec<Option<bool>> = above
        .iter()
        .map(|c| (!c.is_empty()).then(|| is_values(c)))
        .collect();
    // Where it stands, a cell under an empty one fits; moved, each must meet its kind.
    let fits = |s: usize| {
        kinds
            .iter()
            .enumerate()
            .all(|(p, k)| match (k, above.get(p + s)) {
                (None, _) => true,
                (Some(_), Some(None)) => s == 0,
                (Some(v), Some(Some(a))) => v == a,
                (Some(_), None) => false,
            })
    };
    if fits(0) {
        return None;
    }
    (1..w.saturating_sub(last)).find(|&s| fits(s))
}

/// The most lines a table of cells on lines of their own may have.
const MAX_CELL_LINE_BLOCK: usize = 4096;

/// The most rows of one cell such a table may open with before a row of two cells or more.
const MAX_NARROW_ROWS: usize = 8;

/// A web page's tables as some converters give their text: every cell on a line of its own,
/// ending in ` | ` (`                    単位 | `), a row's cells between blank lines (lines of
/// spaces), the first cell of a row opening with `| ` — but for a cell spanning several rows
/// (`成 果 指 標 | `), which is left out, so that every row lines up with the header — and a
/// long cell's closing pipe alone on the line after it. Each group of cell lines between blank
/// lines is a row; `None` unless the block has two rows of two cells or more, one of them
/// opening with `| `, and every line of it is such a cell line.
fn cell_lines(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    let t = src.get(i)?.norm.trim();
    if !(t.starts_with('|') && t.ends_with('|') && t.len() > 1 && t.matches('|').count() == 2) {
        return None;
    }
    let mut rows: Vec<(Vec<String>, Vec<&Source<'_>>, bool)> = Vec::new();
    let mut cur: (Vec<String>, Vec<&Source<'_>>, bool) = (Vec::new(), Vec::new(), false);
    let mut j = i;
    let limit = src.len().min(i + MAX_CELL_LINE_BLOCK);
    while j < limit {
        let l = &src[j];
        if l.is_blank() {
            if !cur.0.is_empty() {
                rows.push(std::mem::take(&mut cur));
                // Rows of one cell only so far: captions between paragraphs, no table. Given
                // up early, so that a text of many such lines is not rescanned from each.
                if rows.len() > MAX_NARROW_ROWS && rows.iter().all(|r| r.0.len() < 2) {
                    return None;
                }
            }
            j += 1;
            continue;
        }
        let t = l.norm.trim();
        // A long cell whose closing pipe stands alone on the next line.
        let (text, used) = if !t.ends_with('|') {
            match src.get(j + 1).map(|n| n.norm.trim()) {
                Some("|") if !t.contains('|') => (format!("{t} |"), 2),
                _ => break,
            }
        } else {
            (t.to_owned(), 1)
        };
        let opened = text.starts_with('|');
        let body = text.trim_start_matches('|').trim_end_matches('|');
        if body.contains('|') || (opened && text.len() == 1) {
            break;
        }
        if cur.1.is_empty() {
            cur.2 = opened;
        }
        cur.0.push(collapse(&without_breaks(body)));
        cur.1.extend(src.get(j..j + used).unwrap_or_default());
        j += used;
    }
    if !cur.0.is_empty() {
        rows.push(cur);
    }
    // The blank lines after the last row are no part of the table.
    while j > i && src.get(j - 1).is_some_and(Source::is_blank) {
        j -= 1;
    }
    let wide = rows.iter().filter(|r| r.0.len() >= 2).count();
    if wide < 2 || !rows.iter().any(|r| r.2 && r.0.len() >= 2) {
        return None;
    }
    for (mut cells, lines, opened) in rows {
        // A cell spanning several rows opens its row without a pipe: left out.
        if !opened && cells.len() >= 2 {
            cells.remove(0);
        }
        let no = lines.first().map_or(0, |l| l.no);
        let raw = lines.iter().map(|l| l.raw).collect::<Vec<_>>().join("\n");
        let split = Split::OneCellPerLine {
            lines: lines.iter().map(|l| l.no).collect(),
        };
        out.push(row(no, raw, cells, split));
    }
    Some(j - i)
}

/// The most lines one cell of a row broken after its cells is broken over.
const MAX_CELL_LINES: usize = 4;

/// The end of the run of pipe lines at `i`: the first blank line, line with a tab, or line
/// with no pipe — unless, in a table whose rows are broken after their cells (its first line
/// ends with its own `|` and does not start with one, and a separator line is seen), the
/// line before left a cell open (no `|` at its end): the cell goes on over up to
/// [`MAX_CELL_LINES`] lines (`2 | 241 | name | 1.2万人` / `(平成29年度) |`).
fn block_end(src: &[Source<'_>], i: usize) -> usize {
    let ended = |l: &Source<'_>| l.norm.trim_end().ends_with('|');
    let broken_style = src
        .get(i)
        .is_some_and(|l| ended(l) && !l.norm.trim_start().starts_with('|'));
    let (mut separator, mut open) = (false, 0usize);
    let mut j = i;
    while let Some(l) = src.get(j) {
        if l.is_blank() || l.norm.contains('\t') {
            break;
        }
        let piped = l.norm.contains('|');
        if !piped && (open == 0 || open >= MAX_CELL_LINES) {
            break;
        }
        separator |= is_separator(&l.norm);
        open = if broken_style && separator && !ended(l) {
            open + 1
        } else {
            0
        };
        j += 1;
    }
    // A cell left open at the end closes nothing: its lines are no part of the table.
    while open > 0 && j > i {
        j -= 1;
        open -= 1;
    }
    j
}

/// A row of a block whose rows are broken after some of their cells, before it becomes a line.
struct Broken<'s, 'a> {
    cells: Vec<String>,
    lines: Vec<&'s Source<'a>>,
}

/// The rows of a block whose rows are broken after some of their cells (see the module doc);
/// `None` when some line does not end with `|` or the separator has fewer than two cells.
fn broken(lines: &[Source<'_>]) -> Option<Vec<Line>> {
    let n = lines
        .iter()
        .find(|l| is_separator(&l.norm))
        .map(|l| ended_cells(&l.norm).len())?;
    if n < 2 {
        return None;
    }
    let mut rows: Vec<Broken<'_, '_>> = Vec::new();
    let mut cur = Broken {
        cells: Vec::new(),
        lines: Vec::new(),
    };
    // A cell broken over lines (`3.4万人` / `(平成29年度) |`): its lines read as one, a space
    // between them.
    let mut open: Option<(String, Vec<&Source<'_>>)> = None;
    for l in lines.iter().filter(|l| !is_separator(&l.norm)) {
        let (text, ls) = match open.take() {
            Some((mut text, mut ls)) => {
                text.push(' ');
                text.push_str(&l.norm);
                ls.push(l);
                (text, ls)
            }
            None => (l.norm.clone(), vec![l]),
        };
        if !text.trim_end().ends_with('|') {
            if ls.len() > MAX_CELL_LINES {
                return None;
            }
            open = Some((text, ls));
            continue;
        }
        let cells = ended_cells(&text);
        if !cur.cells.is_empty() && cur.cells.len() + cells.len() > n {
            rows.push(std::mem::replace(
                &mut cur,
                Broken {
                    cells: Vec::new(),
                    lines: Vec::new(),
                },
            ));
        }
        cur.cells.extend(cells);
        cur.lines.extend(ls);
        if cur.cells.len() >= n {
            rows.push(std::mem::replace(
                &mut cur,
                Broken {
                    cells: Vec::new(),
                    lines: Vec::new(),
                },
            ));
        }
    }
    if open.is_some() {
        return None;
    }
    if !cur.cells.is_empty() {
        rows.push(cur);
    }
    let mut rows = second_lines(rows, n);
    let mut cells: Vec<Vec<String>> = rows
        .iter_mut()
        .map(|r| std::mem::take(&mut r.cells))
        .collect();
    align_short_rows(&mut cells);
    for (r, c) in rows.iter_mut().zip(cells) {
        r.cells = c;
    }
    Some(rows.into_iter().map(to_line).collect())
}

/// The rows of a block whose every line is one cell ending in `|` (see the module doc): the
/// leading cells of words are the header, the cells after it rows of the header's count;
/// `None` when the block is not of that shape.
fn stacked(lines: &[Source<'_>]) -> Option<Vec<Line>> {
    let mut cells = Vec::with_capacity(lines.len());
    for l in lines {
        let t = l.norm.trim();
        let body = t.strip_suffix('|')?;
        if body.contains('|') {
            return None;
        }
        cells.push(collapse(&without_breaks(body)));
    }
    // The header: the leading cells that are words, not values (a header names its years,
    // `令和2年`, `5ヵ年目標`); the first value (a code, a number with its unit) opens a row.
    let n = cells.iter().take_while(|c| is_header_word(c)).count();
    if n < 3 || cells.len() < 2 * n {
        return None;
    }
    let mut rows = Vec::with_capacity(cells.len() / n + 1);
    let mut at = 0;
    while at < cells.len() {
        let to = (at + n).min(cells.len());
        rows.push(Broken {
            cells: cells[at..to].to_vec(),
            lines: lines[at..to].iter().collect(),
        });
        at = to;
    }
    Some(rows.into_iter().map(to_line).collect())
}

/// True when a cell is words, not a value: a number followed by a unit or nothing is a value
/// (`36%`, `8,214人`, `21101`), a number followed by other words is a header word
/// (`5ヵ年目標`), and so is any cell of words (`令和4年実績`) but a dash.
fn is_header_word(c: &str) -> bool {
    if c.is_empty() {
        return false;
    }
    let t = c.trim_start_matches(['+', '-', '−', '△', '▲', '約']);
    let rest = t.trim_start_matches(|ch: char| ch.is_ascii_digit() || matches!(ch, ',' | '.'));
    if rest.len() == t.len() {
        return !is_values(c);
    }
    !(rest.is_empty() || lexicon::is_unit(rest))
}

/// Joins the header's second line to the header, and each data row's second line of values
/// to its row, when the header has one (see the module doc).
fn second_lines<'s, 'a>(rows: Vec<Broken<'s, 'a>>, n: usize) -> Vec<Broken<'s, 'a>> {
    let mut out: Vec<Broken<'_, '_>> = Vec::with_capacity(rows.len());
    let mut header: Option<usize> = None;
    let mut extra = 0usize;
    // Whether the last row out is a data row (one with a value), which a second line joins.
    let mut data = false;
    for r in rows {
        let filled: Vec<&String> = r.cells.iter().filter(|c| !c.is_empty()).collect();
        let words = filled.iter().all(|c| !is_values(c));
        if let (Some(h), true) = (header, out.len() == header.map_or(0, |h| h + 1)) {
            // The row right after the header: its second line when short and of words.
            if extra == 0 && r.cells.len() < n && words && filled.len() >= 2 {
                let more: Vec<String> = r.cells.iter().skip(1).cloned().collect();
                extra = more.len();
                out[h].cells.extend(more);
                out[h].lines.extend(r.lines);
                continue;
            }
        }
        let leading = r.cells.iter().take_while(|c| !c.is_empty()).count();
        if extra > 0
            && data
            && !filled.is_empty()
            && filled.len() <= extra
            && leading == filled.len()
            && filled.iter().all(|c| is_values(c))
        {
            if let Some(last) = out.last_mut() {
                let mut more: Vec<String> = filled.into_iter().cloned().collect();
                more.resize(extra, String::new());
                last.cells.extend(more);
                last.lines.extend(r.lines);
                data = false;
                continue;
            }
        }
        if header.is_none() && r.cells.len() == n && words && filled.len() >= 2 {
            header = Some(out.len());
        }
        data = !words;
        out.push(r);
    }
    out
}

/// True when a cell holds values only (numbers, dashes, years, their units and brackets),
/// with a number or a dash.
fn is_values(c: &str) -> bool {
    let Some(t) = tokens(c, 8) else {
        return false;
    };
    t.iter().any(|t| matches!(t.kind, Kind::Num | Kind::Dash))
        && t.iter().all(|t| !matches!(t.kind, Kind::Text))
}

fn to_line(r: Broken<'_, '_>) -> Line {
    let no = r.lines.first().map_or(0, |l| l.no);
    let raw = r.lines.iter().map(|l| l.raw).collect::<Vec<_>>().join("\n");
    let split = if r.lines.len() > 1 {
        Split::Joined {
            lines: r.lines.iter().map(|l| l.no).collect(),
        }
    } else {
        Split::Markdown
    };
    row(no, raw, r.cells, split)
}

/// The cells of a line whose every cell ends with its own `|` (the last one dropped).
fn ended_cells(norm: &str) -> Vec<String> {
    let t = norm.trim();
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(|c| collapse(&without_breaks(c))).collect()
}

/// A form of small pipe tables printed one under another with no line between them (a web
/// page's sheet: `指標名 | 指標の分類 |` over `name | 成果指標 |`, then `| 基準値 | 目標値 |` over
/// `数値 | 412km | 460km |` and `時点 | H27 | R9 |`): each run of consecutive lines with the same
/// number of cells, two lines at least and two filled cells on two of them, is a table of its
/// own, a blank line before the next; a trailing pipe every line of a run ends with is no
/// cell. Lines in no such run stay as written. `None` unless two tables at least are found.
fn small_tables(lines: &[Source<'_>]) -> Option<Vec<Line>> {
    let counts: Vec<usize> = lines.iter().map(|l| cells(&l.norm, false).len()).collect();
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut a = 0;
    while a < lines.len() {
        let b = (a..lines.len())
            .find(|&k| counts[k] != counts[a])
            .unwrap_or(lines.len());
        let filled = lines[a..b]
            .iter()
            .filter(|l| {
                cells(&l.norm, false)
                    .iter()
                    .filter(|c| !c.is_empty())
                    .count()
                    >= 2
            })
            .count();
        if b - a >= 2 && counts[a] >= 2 && filled >= 2 {
            runs.push((a, b));
        }
        a = b;
    }
    if runs.len() < 2 {
        return None;
    }
    let mut out = Vec::with_capacity(lines.len() + runs.len());
    let mut at = 0;
    for (a, b) in runs {
        out.extend(lines[at..a].iter().map(as_written));
        if let Some(first) = lines.get(a).filter(|_| !out.is_empty()) {
            out.push(blank(first.no));
        }
        let run = &lines[a..b];
        let ended = run.iter().all(|l| l.norm.trim_end().ends_with('|'));
        for l in run {
            let mut c = cells(&l.norm, false);
            if ended {
                c.pop();
            }
            out.push(row(l.no, l.raw.to_owned(), c, Split::Pipes));
        }
        at = b;
    }
    out.extend(lines[at..].iter().map(as_written));
    Some(out)
}

/// An empty line numbered `no`, put between two tables cut from one block of lines.
fn blank(no: usize) -> Line {
    Line {
        no,
        raw: String::new(),
        text: String::new(),
        cells: vec![String::new()],
        split: Split::AsWritten,
    }
}

/// The cells of a pipe line, its leading and trailing pipe dropped when `outer`.
fn cells(norm: &str, outer: bool) -> Vec<String> {
    let mut t = norm.trim();
    if outer {
        t = t.strip_prefix('|').unwrap_or(t);
        t = t.strip_suffix('|').unwrap_or(t);
    }
    t.split('|').map(|c| collapse(&without_breaks(c))).collect()
}

/// A cell's `<br>` (a line break inside a cell of a Markdown table made from a web page) as
/// the space a line break inside a cell is: `1,842万人<br>(R1)` reads `1,842万人 (R1)`.
fn without_breaks(c: &str) -> String {
    let mut out = c.to_owned();
    if !c.contains('<') {
        return out;
    }
    for br in ["<br>", "<br/>", "<br />", "<BR>", "<BR/>", "<BR />"] {
        if out.contains(br) {
            out = out.replace(br, " ");
        }
    }
    out
}

/// A Markdown separator line: pipes, dashes, colons and spaces only, with a dash.
fn is_separator(norm: &str) -> bool {
    let t = norm.trim();
    t.contains('-')
        && t.contains('|')
        && t.chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '—' | '―'))
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
    fn small_tables_one_under_another_are_cut_each_of_its_own_count() {
        let rows = cut("指標名 | 指標の分類 |\n\
             県管理道路の歩道整備延長 | 成果指標 |\n\
             | 基準値 | 今年度目標値 | 長期的目標値 |\n\
             数値 | 412km | 436km | 460km |\n\
             時点 | H27 | R5 | R9 |\n\
             根拠となる計画等 | その他計画の名称 | 計画指標の選定理由 |\n\
             将来ビジョン | 仮想県道路整備プログラム | 安全確保の進み具合を示すため |\n");
        assert_eq!(rows[0], ["指標名", "指標の分類"]);
        assert_eq!(rows[1], ["県管理道路の歩道整備延長", "成果指標"]);
        assert_eq!(rows[2], [""], "a blank line between two tables");
        assert_eq!(rows[3], ["", "基準値", "今年度目標値", "長期的目標値"]);
        assert_eq!(rows[4], ["数値", "412km", "436km", "460km"]);
        assert_eq!(rows[5], ["時点", "H27", "R5", "R9"]);
        assert_eq!(rows[6], [""]);
        assert_eq!(rows.len(), 9);
        // One run of equal lines only, among pipe debris, is no form of tables.
        let rows = cut("| メニュー |\nお知らせ | 更新情報 |\n");
        assert!(rows.iter().all(|r| r.len() == 1), "{rows:?}");
    }

    #[test]
    fn cells_on_lines_of_their_own_between_blank_lines_are_rows() {
        let pad = " ".repeat(20);
        let text = format!(
            "| 指標名 | \n{pad}単位 | \n{pad}令和5年度 | \n{pad}目標値 | \n{b}\n{b}\n\
             {pad}成 果 指 標 | \n{pad}貸出冊数 | \n{pad}冊 | \n{pad}6.3 | \n{pad}7.0 | \n{b}\n\
             {pad}| 購入冊数 | \n{pad}冊 | \n{pad}22,100 | \n{pad}22,000 | \n{b}\n\
             {pad}説明 | \n{pad}購入冊数は受け入れた冊数。\n|\n\
             {b}\n次の段落\n",
            b = " ".repeat(16)
        );
        let src = super::super::sources(&text);
        let mut out = Vec::new();
        let used = block(&src, 0, &mut out);
        let rows: Vec<Vec<String>> = out.into_iter().map(|l| l.cells).collect();
        assert_eq!(rows[0], ["指標名", "単位", "令和5年度", "目標値"]);
        // The cell spanning rows (`成 果 指 標`) is left out; a pipe alone ends a long cell.
        assert_eq!(rows[1], ["貸出冊数", "冊", "6.3", "7.0"]);
        assert_eq!(rows[2], ["購入冊数", "冊", "22,100", "22,000"]);
        assert_eq!(rows[3], ["購入冊数は受け入れた冊数。"]);
        // The blank line after the table and the paragraph are no part of it.
        assert_eq!(used, Some(20));
        // Cells of one row only are no table of this kind.
        let one = format!("| 指標名 | \n{pad}単位 | \n");
        let src = super::super::sources(&one);
        assert_eq!(cell_lines(&src, 0, &mut Vec::new()), None);
    }

    #[test]
    fn a_cell_broken_over_lines_in_rows_broken_after_their_cells_is_one_cell() {
        let text = "No | 指標名 | 策定時 | 目標 | 出典 |\n\
                    ---|---|---|---|---|\n\
                    1 | 創業件数 | 24件 (R1) |\n\
                    35件 | 本市実績 |\n\
                    2 | 空き店舗数 | 58店舗\n\
                    (R2) |\n\
                    40店舗 | 実態調査\n\
                    による |\n\
                    次の段落。\n";
        let src = super::super::sources(text);
        let mut out = Vec::new();
        // The paragraph after the table is no part of it.
        assert_eq!(block(&src, 0, &mut out), Some(8));
        let rows: Vec<Vec<String>> = out.into_iter().map(|l| l.cells).collect();
        assert_eq!(rows[1], ["1", "創業件数", "24件 (R1)", "35件", "本市実績"]);
        assert_eq!(
            rows[2],
            [
                "2",
                "空き店舗数",
                "58店舗 (R2)",
                "40店舗",
                "実態調査 による"
            ]
        );
    }

    #[test]
    fn a_line_without_a_pipe_ends_a_table_whose_lines_do_not_end_in_one() {
        // `a | b` rows: a line after them is text, not a cell going on.
        let text = "指標名 | 目標\n---|---\n創業件数 | 35件\n次の段落。\n";
        let src = super::super::sources(text);
        let mut out = Vec::new();
        assert_eq!(block(&src, 0, &mut out), Some(3));
        // A cell left open at the end of the text is no cell.
        let text = "No | 指標名 | 目標 |\n---|---|---|\n1 | 創業件数 | 24件\n(R1)\n";
        let src = super::super::sources(text);
        assert_eq!(block_end(&src, 0), 2);
    }

    #[test]
    fn rows_broken_after_cells_end_at_the_separators_cell_count() {
        let rows = cut(
            "項目 | 当初 |\n実績 |\n目標 | 評価 |\n---|---|---|---|---|\n\
                        空き家の改修数 | 30 (R2) |\n41 (R5) |\n45 | ○ |\n",
        );
        assert_eq!(rows[0], ["項目", "当初", "実績", "目標", "評価"]);
        assert_eq!(rows[1], ["空き家の改修数", "30 (R2)", "41 (R5)", "45", "○"]);
        assert_eq!(rows.len(), 2);
    }

    #[test]
    fn a_second_header_line_brings_each_rows_second_line_of_values() {
        let rows = cut(
            "区分 | 当初 |\n実績 | 評価 |\n細目 | 最終目標 |\n---|---|---|---|\n\
                        分野A | |||\n---|---|---|---|\n\
                        里山の保全面積 | 120 |\n130 | △ |\n150 | |||\n\
                        湧水の観測地点数 | 8 |\n9 | ○ |\n12 |\n",
        );
        assert_eq!(rows[0], ["区分", "当初", "実績", "評価", "最終目標"]);
        assert_eq!(rows[1], ["分野A", "", "", ""]);
        assert_eq!(rows[2], ["里山の保全面積", "120", "130", "△", "150"]);
        assert_eq!(rows[3], ["湧水の観測地点数", "8", "9", "○", "12"]);
        assert_eq!(rows.len(), 4);
    }

    #[test]
    fn cells_one_per_line_each_ending_in_a_pipe_are_rows_of_the_headers_count() {
        let rows = cut("番号 |\n指標 |\n令和3年 |\n令和4年実績 |\n目標 |\n\
             11 |\n駅前駐輪場の利用台数 |\n1,240台 |\n1,310台 |\n1,500台 |\n\
             12 |\n公園愛護団体数 |\nなし |\n");
        assert_eq!(rows[0], ["番号", "指標", "令和3年", "令和4年実績", "目標"]);
        assert_eq!(
            rows[1],
            [
                "11",
                "駅前駐輪場の利用台数",
                "1,240台",
                "1,310台",
                "1,500台"
            ]
        );
        assert_eq!(rows[2], ["12", "公園愛護団体数", "なし"]);
        assert_eq!(rows.len(), 3);
    }

    #[test]
    fn lines_of_pipe_debris_without_a_whole_row_are_no_table() {
        let rows = cut("お知らせ |\n募集案内 |\n申込方法 |\n1 |\n");
        assert_eq!(rows.len(), 4);
        assert!(rows.iter().all(|r| r.len() == 1));
    }

    #[test]
    fn a_row_printed_without_its_leading_spanned_cells_aligns_right() {
        // Broken rows: the continuation row of a spanned 地区 ends at the values' columns.
        let rows = cut("地区 | 指標 | 現状 | 目標 | 備考 |\n---|---|---|---|---|\n\
             北部 | 防犯灯の数 | 410基 | 450基 | 増設 |\n\
             防犯カメラの数 | 12台 | 20台 |\n|\n\
             南部 | 避難所の数 | 8か所 | 9か所 | 新設 |\n");
        assert_eq!(rows[2], ["", "防犯カメラの数", "12台", "20台", ""]);
        assert_eq!(rows[3][0], "南部");
        // A Markdown table's short line alike; a row cut off at its end stays where it is.
        let rows = cut("| 地区 | 指標 | 現状 | 目標 |\n|---|---|---|---|\n\
             | 北部 | 防犯灯の数 | 410基 | 450基 |\n\
             | 防犯カメラの数 | 12台 | 20台 |\n\
             | 南部 | 避難所の数 | 8か所 |\n");
        assert_eq!(rows[2], ["", "防犯カメラの数", "12台", "20台"]);
        assert_eq!(rows[3], ["南部", "避難所の数", "8か所"]);
    }

    #[test]
    fn without_a_separator_lines_are_not_joined() {
        let rows = cut("項目 | 当初 |\n実績 |\n");
        assert_eq!(rows.len(), 2);
    }
}
