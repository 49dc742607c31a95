//! A table printed one cell per line in the order a PDF drew its cells: the text layer of a
//! table with merged cells and vertical headers gives the cells neither row after row nor
//! column after column. The header's words stand one character per line, scattered
//! (`目` / `標` / `値`, later `現`, `状`); a row's name may come before its values or long
//! after them; a cell may stand far from its row.
//!
//! ```text
//! 成果指標                      ← a name head word opens the table
//! ①暮らしの安心                 ← a group label (circled number): no name
//! 目 / 標 / 値 / (2030年)        ← the target's header, one character a line, and its year
//! 図書館の年間貸出冊数           ← a name with its values after it
//! 41万冊(2022年) / 50万冊        ← a value with its date: the baseline; one without: the target
//! 12.5%(2022年) / 20.0%         ← values whose names come later
//! 公民館の利用者数 / 集会所の数    ← names without values: they take those values, in order
//! ```
//!
//! The rule, for the table that opens at a line that is a name head word alone
//! ([`HeadKind::Name`]) and runs to a blank line, a page number, a sentence or
//! [`MAX_LINES`] lines:
//! - a value cell (a number with its unit, or a dash) with a date in brackets (`(2022年)`,
//!   `(2015~19年)`) or a dash is a baseline; one without a date (`50万冊`, `3,100人以上`,
//!   `750人(期間平均)`) a target; a baseline and the target right after it are one row's;
//! - a name followed by values owns the first of them (a pair, or a lone target); the pairs
//!   left over take, in order, the names printed without values, and only when they are as
//!   many; a lone baseline left over completes the one row that has a target and no baseline;
//! - lines of one character are the header's, spelled apart; the bracket line after the
//!   target's word spelled so is its year; a line opening with a circled number is a group
//!   label (the words after its last space, a name printed beside it); a short line of kana
//!   after a label is the label's wrapped end.
//!
//! Anything left unpaired (a name without values, values without a name, a lone value with
//! no row to complete) and the table is not cut: no value is ever given a name by a guess
//! the counts do not back. The rows come out in the order of their first lines, as
//! `name | baseline | target` under a header of the name word, the baseline's word and the
//! target's word with its year; each row's [`Split::Columns`] lists the lines its cells came
//! from.

use shinchoku_core::era::parse_period;
use shinchoku_core::quantity::parse_quantity;
use shinchoku_core::text::close_up_spaces;

use super::tokens::{is_year, kind, Kind};
use super::{cell, row, Source};
use crate::extract::lexicon::{self, head_word, HeadKind};
use crate::extract::scan::enclosed_number;
use crate::extract::text::{Line, Split};

/// The most lines such a table may have.
const MAX_LINES: usize = 200;

/// The fewest rows such a table must have: fewer is no table to pair by order.
const MIN_ROWS: usize = 3;

/// The longest kana line read as the wrapped end of a group label.
const MAX_LABEL_TAIL_CHARS: usize = 4;

/// What a line of the table is.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    /// A row's name (its line, and its text: a line may hold a label before it).
    Name(usize, String),
    /// A value cell: its line, and whether it is a baseline (dated, or a dash).
    Value(usize, bool),
}

/// A row being paired: its name and its cells' lines.
#[derive(Debug, Clone, Default)]
struct Row {
    name: Option<(usize, String)>,
    baseline: Option<usize>,
    target: Option<usize>,
}

/// Reads the table drawn cell by cell at `i` into `out`; the number of lines used.
pub fn block(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    let open = src.get(i)?;
    let name_word = open.norm.trim();
    if head_word(name_word) != Some(HeadKind::Name) {
        return None;
    }
    let end = (i + 1..src.len().min(i + 1 + MAX_LINES))
        .find(|&j| ends_table(&src[j]))
        .unwrap_or(src.len().min(i + 1 + MAX_LINES));
    let body = &src[i + 1..end];
    let header = spelled_header(body)?;
    let items = items(body, &header)?;
    let rows = pair(&items)?;
    // Every row named (`pair` guarantees it) before anything is written out.
    let mut cut = Vec::with_capacity(rows.len());
    for r in rows {
        let (name_line, name) = r.name?;
        let value = |k: Option<usize>| k.map_or_else(String::new, |k| cell(body[k].raw));
        let cells: Vec<usize> = [Some(name_line), r.baseline, r.target]
            .into_iter()
            .flatten()
            .collect();
        let raw = cells
            .iter()
            .map(|&k| body[k].raw)
            .collect::<Vec<_>>()
            .join("\n");
        let mut lines: Vec<usize> = cells.iter().map(|&k| body[k].no).collect();
        lines.sort_unstable();
        // A row is numbered by its first line, and the rows go in that order.
        let first = lines.first().copied().unwrap_or(open.no);
        cut.push(row(
            first,
            raw,
            vec![name, value(r.baseline), value(r.target)],
            Split::Columns { lines },
        ));
    }
    cut.sort_by_key(|l| l.no);
    // The header: the name word, the baseline's, the target's with its year.
    let target_head = match header.year {
        Some(k) => format!("{} {}", header.target, cell(body[k].raw)),
        None => header.target.clone(),
    };
    let mut head_lines = vec![open.no];
    head_lines.extend(header.lines.iter().map(|&k| body[k].no));
    out.push(row(
        open.no,
        open.raw.to_owned(),
        vec![cell(open.raw), header.baseline.clone(), target_head],
        Split::OneCellPerLine { lines: head_lines },
    ));
    out.extend(cut);
    Some(end - i)
}

/// A line that ends the table: blank, a page number (`- 80 -`), or a sentence.
fn ends_table(s: &Source<'_>) -> bool {
    let t = s.norm.trim();
    t.is_empty() || t.contains('。') || is_page_number(t)
}

/// `- 80 -`, `-3-`.
fn is_page_number(t: &str) -> bool {
    let inner = t
        .strip_prefix('-')
        .and_then(|r| r.strip_suffix('-'))
        .map(str::trim);
    inner.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// The header spelled one character per line.
#[derive(Debug, Clone)]
struct Header {
    /// The target's word (`目標値`).
    target: String,
    /// The bracket line after it (its year), by index into the body.
    year: Option<usize>,
    /// The baseline's word, spelled by single characters elsewhere in the table (`現状値`).
    baseline: String,
    /// The lines of both words, by index into the body.
    lines: Vec<usize>,
}

/// The target's word spelled on consecutive lines of one character, with the bracket line
/// after it, and a baseline's word whose characters stand alone elsewhere.
fn spelled_header(body: &[Source<'_>]) -> Option<Header> {
    let single = |k: usize| -> Option<char> {
        let t = body.get(k)?.norm.trim().to_owned();
        let mut cs = t.chars();
        let c = cs.next()?;
        cs.next().is_none().then_some(c)
    };
    let mut found: Option<(String, Vec<usize>)> = None;
    'search: for k in 0..body.len() {
        for w in lexicon::TARGET_LABELS {
            let n = w.chars().count();
            if n < 2 {
                continue;
            }
            if w.chars().enumerate().all(|(d, c)| single(k + d) == Some(c)) {
                found = Some(((*w).to_owned(), (k..k + n).collect()));
                break 'search;
            }
        }
    }
    let (target, mut lines) = found?;
    let after = lines.last().map_or(0, |&l| l + 1);
    let year = body
        .get(after)
        .is_some_and(|s| is_bracket_only(s.norm.trim()))
        .then_some(after);
    // The baseline's word: a value head word of the baselines whose characters all stand
    // alone on lines not used by the target's word.
    let mut spare: Vec<(usize, char)> = (0..body.len())
        .filter(|k| !lines.contains(k))
        .filter_map(|k| single(k).map(|c| (k, c)))
        .collect();
    let baseline = lexicon::VALUE_HEADS.iter().find(|w| {
        lexicon::BASELINE_HEADERS.iter().any(|b| w.starts_with(b))
            && w.chars()
                .all(|c| spare.iter().filter(|(_, s)| *s == c).count() >= w.matches(c).count())
    })?;
    for c in baseline.chars() {
        if let Some(p) = spare.iter().position(|(_, s)| *s == c) {
            lines.push(spare.remove(p).0);
        }
    }
    Some(Header {
        target,
        year,
        baseline: (*baseline).to_owned(),
        lines,
    })
}

/// A line that is one bracketed group (`(2025(R7)年)`, `(ターゲット)`), nested ones inside.
fn is_bracket_only(t: &str) -> bool {
    if !t.starts_with('(') || !t.ends_with(')') {
        return false;
    }
    let mut depth = 0usize;
    for (i, c) in t.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.saturating_sub(1);
                if depth == 0 && i + c.len_utf8() < t.len() {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// The names and values of the table, in order; `None` when a line is none of the kinds a
/// table drawn so holds.
fn items(body: &[Source<'_>], header: &Header) -> Option<Vec<Item>> {
    let mut out = Vec::new();
    let mut after_label = false;
    for (k, s) in body.iter().enumerate() {
        let t = s.norm.trim();
        let was_label = std::mem::replace(&mut after_label, false);
        if header.lines.contains(&k) || header.year == Some(k) {
            continue;
        }
        // A header's character spelled alone; a dash alone is a value.
        let fragment = t.chars().count() == 1 && kind(t) != Kind::Dash;
        if fragment || is_bracket_only(t) || head_word(t).is_some() {
            continue;
        }
        if t.chars().next().and_then(enclosed_number).is_some() {
            after_label = true;
            // A name printed beside the label: the words after its last space.
            if let Some((_, name)) = t.rsplit_once(' ') {
                if !name.is_empty() {
                    out.push(Item::Name(k, name.to_owned()));
                }
            }
            continue;
        }
        if was_label
            && t.chars().count() <= MAX_LABEL_TAIL_CHARS
            && t.chars().all(|c| matches!(c, '\u{3041}'..='\u{309f}'))
        {
            continue;
        }
        match value_cell(t) {
            Some(baseline) => out.push(Item::Value(k, baseline)),
            None if kind(t.split_whitespace().next().unwrap_or_default()) == Kind::Text => {
                out.push(Item::Name(k, t.to_owned()))
            }
            None => return None,
        }
    }
    Some(out)
}

/// A value cell: `Some(true)` for a baseline (dated, or a dash), `Some(false)` for a target,
/// `None` for no value.
fn value_cell(t: &str) -> Option<bool> {
    let t = close_up_spaces(t);
    let (core, note) = match t.find('(') {
        Some(p) if t.ends_with(')') => (&t[..p], t.get(p + 1..t.len() - 1)),
        _ => (t.as_str(), None),
    };
    if kind(core) == Kind::Dash && note.is_none() {
        return Some(true);
    }
    if kind(core) != Kind::Num || !parse_quantity(core).is_ok_and(|q| q.value.is_some()) {
        return None;
    }
    Some(note.is_some_and(is_date))
}

/// A bracket's text that dates a value: a year (`2019年`, `R1`) or a span of years
/// (`2015~19年`).
fn is_date(n: &str) -> bool {
    let n = n.trim();
    is_year(n)
        || parse_period(n).is_ok()
        || ((n.ends_with('年') || n.ends_with("年度"))
            && n.starts_with(|c: char| c.is_ascii_digit()))
}

/// Rows from the items, or `None` when the counts do not pair every name with values.
fn pair(items: &[Item]) -> Option<Vec<Row>> {
    // Value groups: a baseline and the target after it, or a lone value.
    let mut rows: Vec<Row> = Vec::new();
    let mut nameless: Vec<(usize, String)> = Vec::new();
    let mut k = 0;
    let mut pending_name: Option<(usize, String)> = None;
    while let Some(item) = items.get(k) {
        match item {
            Item::Name(l, n) => {
                if let Some(p) = pending_name.replace((*l, n.clone())) {
                    nameless.push(p);
                }
                k += 1;
            }
            Item::Value(l, baseline) => {
                let mut r = Row::default();
                if *baseline {
                    r.baseline = Some(*l);
                    if let Some(Item::Value(t, false)) = items.get(k + 1) {
                        r.target = Some(*t);
                        k += 1;
                    }
                } else {
                    r.target = Some(*l);
                }
                k += 1;
                // A lone baseline is a cell drawn apart from its row: it takes no name.
                if r.target.is_some() {
                    r.name = pending_name.take();
                }
                rows.push(r);
            }
        }
    }
    nameless.extend(pending_name);
    // A lone baseline completes the one named row with a target and no baseline.
    let lone: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.name.is_none() && r.target.is_none())
        .map(|(k, _)| k)
        .collect();
    for k in lone.into_iter().rev() {
        let open: Vec<usize> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.name.is_some() && r.baseline.is_none() && r.target.is_some())
            .map(|(j, _)| j)
            .collect();
        let [j] = open.as_slice() else { return None };
        let b = rows.remove(k).baseline;
        let j = if *j > k { j - 1 } else { *j };
        rows[j].baseline = b;
    }
    // The pairs without a name take the names without values, in order.
    let unnamed = rows.iter().filter(|r| r.name.is_none()).count();
    if unnamed != nameless.len() || rows.len() < MIN_ROWS {
        return None;
    }
    let mut names = nameless.into_iter();
    for r in rows.iter_mut().filter(|r| r.name.is_none()) {
        r.name = names.next();
    }
    Some(rows)
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
    fn values_drawn_before_their_names_take_the_names_in_order() {
        let rows = cut("成果指標\n①暮らしの安心\n現\n目\n標\n値\n(2030年)\n\
             図書館の年間貸出冊数\n41万冊(2022年)\n50万冊\n\
             12.5%(2022年)\n20.0%\n―\n8団体\n\
             ②地域の活力 公民館の利用率\n状\n自主防災組織の数\n値\n");
        assert_eq!(rows[0], ["成果指標", "現状値", "目標値 (2030年)"]);
        assert_eq!(
            rows[1],
            ["図書館の年間貸出冊数", "41万冊(2022年)", "50万冊"]
        );
        assert_eq!(rows[2], ["公民館の利用率", "12.5%(2022年)", "20.0%"]);
        assert_eq!(rows[3], ["自主防災組織の数", "―", "8団体"]);
    }

    #[test]
    fn a_lone_dated_value_completes_the_row_with_only_a_target() {
        let rows = cut("成果指標\n目\n標\n値\n(2030年)\n\
             健診の受診率\n65%\n\
             22件(2022年)\n30件\n18人(2018~22年)\n25人\n\
             相談の件数\n現\n57.1%(2023年)\n状\n講座の参加者数\n値\n");
        assert_eq!(rows[1], ["健診の受診率", "57.1%(2023年)", "65%"]);
        assert_eq!(rows[2], ["相談の件数", "22件(2022年)", "30件"]);
        assert_eq!(rows[3], ["講座の参加者数", "18人(2018~22年)", "25人"]);
    }

    #[test]
    fn names_and_values_that_do_not_pair_are_not_cut() {
        assert!(cut("成果指標\n目\n標\n値\n(2030年)\n\
             22件(2022年)\n30件\n18人(2018~22年)\n25人\n5件(2022年)\n9件\n\
             相談の件数\n講座の参加者数\n現\n状\n値\n")
        .is_empty());
    }
}
