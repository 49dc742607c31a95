//! A table run on inside a line of prose: what a PDF flattened to one line gives, the header
//! words and every row's cells one after another with single spaces
//! (`…を設定しました。 指標名 単位 現状 目標 図書館の貸出冊数 万冊 41 50 公民館の利用者数 人
//! 8,200 9,000 ②…`).
//!
//! A header starts at a word that heads a column of names (a lexicon word), followed by header
//! words (each with its bracketed part: `目標(令和7年度)`) or bare years (`令和4年`, the year's
//! figures), three columns at least, one of them a value column. The words after it are read as rows of one word per column while every word fits its
//! column ([`cell_cost`] at most 1, a number, year or dash under a value column), and the rows end
//! at the first group of words that does not fit: nothing is shifted to make a row fit, and a line
//! that ends on a row cut short (fewer words than columns, each fitting its column, a number among
//! them) is no table. The words before the header and after the rows stay text on lines of their
//! own (with the line's number), and the rest of the line is searched for the next such table. A
//! line with a tab or a pipe, or fewer words than a header and a row, is left to the other
//! renderings.
//!
//! A PDF draws a table's cells in its own order, and the line keeps that order:
//! - the header's name word may be drawn apart from the others (`目標(指標)名 … 単位 現状
//!   目標(令和7年度) 健康教室の参加者数 人 …`): a header of unit and value words takes, as its
//!   first column, the name header word printed nearest before it ([`header`]);
//! - rows may go on column after column under a header already read (`… 巡回バスの運行回数
//!   防犯カメラの設置率 回 % 18 41.5 24 60.0`): `k` names, then `k` words for each further
//!   column, each of the column's kind ([`column_block`]);
//! - or the whole table is printed column after column ([`in_sequence`]): each column as its
//!   header word and exactly as many words (`… 施策指標 第1章 第2章 街路樹の本数 花壇の数
//!   中間目標値 (A) 1,200 40 R5実績値 (B) 1,150 44`; or `単位 人 回 現状 75 12 目標(令和9年度)
//!   ④生涯学習 指標名 講座の受講者数 講座の開催回数 … 90 20`, the names after the values, a
//!   section label among the columns, and a value column whose numbers are the next run of as
//!   many later in the line). The columns are paired by their count and order, and nothing is
//!   paired when any count differs.

use super::fit::cell_cost;
use super::tokens::{qualifiers_to_numbers, tokens, units_to_numbers, Kind, Token};
use super::{row, text, Source};
use crate::extract::lexicon::{self, head_word, HeadKind};
use crate::extract::text::{Line, Split};

/// The most words a run-on line may have.
const MAX_WORDS: usize = 2048;

/// The most columns a run-on header may have.
const MAX_COLUMNS: usize = 12;

/// Reads the tables run on in line `i` into `out`; the number of lines used (1), or `None`
/// when the line holds none.
pub fn block(src: &[Source<'_>], i: usize, out: &mut Vec<Line>) -> Option<usize> {
    let s = src.get(i)?;
    if s.norm.contains(['\t', '|']) || s.norm.split_whitespace().nth(7).is_none() {
        return None;
    }
    let toks = qualifiers_to_numbers(s.raw, tokens(s.raw, MAX_WORDS)?);
    // A figure and its unit a transcription printed apart (`112 団体 150 団体`) are one cell
    // when nothing was read with them apart (a unit word may be a unit column's cell).
    let lines = read(s, &toks).or_else(|| read(s, &units_to_numbers(s.raw, toks.clone())))?;
    out.extend(lines);
    Some(1)
}

/// The tables run on in line `s`, its words `toks`, as lines; `None` when it holds none.
fn read(s: &Source<'_>, toks: &[Token]) -> Option<Vec<Line>> {
    let mut lines = Vec::new();
    let mut text_from = 0;
    let mut p = 0;
    while p < toks.len() {
        if let Some(seq) = in_sequence(toks, p, text_from) {
            if text_from < seq.start {
                lines.push(text(s, &toks[text_from..seq.start]));
            }
            if let Some(l) = seq.label {
                lines.push(text(s, &toks[l..=l]));
            }
            let n = seq.cells.len();
            lines.push(row(
                s.no,
                s.raw.to_owned(),
                seq.cells,
                Split::RunOn { columns: n },
            ));
            for r in seq.rows {
                lines.push(row(s.no, s.raw.to_owned(), r, Split::RunOn { columns: n }));
            }
            // The words between the columns and the values printed later stay text.
            let mut at = seq.end;
            for (a, b) in seq.later {
                if at < a {
                    lines.push(text(s, &toks[at..a]));
                }
                at = b;
            }
            p = at;
            text_from = at;
            continue;
        }
        let (kinds, cells, used, first) = match header(toks, p, text_from) {
            Some((kinds, cells, used)) => (kinds, cells, used, None),
            None => match interrupted_header(toks, p) {
                Some(h) => (h.kinds, h.cells, h.used, Some(h.first)),
                None => {
                    p += 1;
                    continue;
                }
            },
        };
        let n = kinds.len();
        let grades: Vec<bool> = cells.iter().map(|c| is_grade_head(c)).collect();
        let body = p + used;
        let mut rows: Vec<Vec<String>> = first.into_iter().collect();
        // Prose printed between two rows (a row's comment).
        let mut between: Vec<std::ops::Range<usize>> = Vec::new();
        let mut at = body;
        loop {
            if let Some(g) = toks.get(at..at + n).filter(|g| fits(g, &kinds, &grades)) {
                rows.push(g.iter().map(|t| t.text.clone()).collect());
                at += n;
            } else if let Some((block_rows, used)) = column_block(&toks[at..], &kinds) {
                rows.extend(block_rows);
                at += used;
            } else if let Some(next) = (!rows.is_empty())
                .then(|| row_after_prose(toks, at, &kinds, &grades))
                .flatten()
            {
                between.push(at..next);
                at = next;
            } else {
                break;
            }
        }
        // The line ending on a row cut short (`消防団員数 人 1,240` under four columns): the
        // counts do not decide where the rows are, so none is taken.
        let rest = &toks[at..];
        let cut_short = rest.len() < n
            && rest
                .iter()
                .zip(&kinds)
                .all(|(t, &h)| cell_cost(&[t.kind], h) <= 1)
            && rest.iter().zip(&kinds).any(|(t, &h)| {
                matches!(h, HeadKind::Value | HeadKind::Period) && t.kind == Kind::Num
            });
        // No row under the header: its cells may be interleaved (names first, each row's
        // values after its explanation).
        if rows.is_empty() {
            if let Some((interleaved_rows, end)) = interleaved(toks, body, &kinds) {
                rows = interleaved_rows;
                at = end;
            } else if let Some((late_rows, used)) = values_then_names(&toks[body..], &kinds) {
                rows = late_rows;
                at = body + used;
            } else {
                p += 1;
                continue;
            }
        } else if cut_short {
            p += 1;
            continue;
        }
        if text_from < p {
            lines.push(text(s, &toks[text_from..p]));
        }
        lines.push(row(
            s.no,
            s.raw.to_owned(),
            cells,
            Split::RunOn { columns: n },
        ));
        for cells in rows {
            lines.push(row(
                s.no,
                s.raw.to_owned(),
                cells,
                Split::RunOn { columns: n },
            ));
        }
        // The prose between rows stays text, after the table so that its rows stay together.
        for range in between {
            lines.push(text(s, &toks[range]));
        }
        p = at;
        text_from = p;
    }
    if lines.is_empty() {
        return None;
    }
    if text_from < toks.len() {
        lines.push(text(s, &toks[text_from..]));
    }
    Some(lines)
}

/// The header at word `p`: its columns' kinds and cells, and the words it used. A header
/// starts with its name column's word (`指標名`), or — where the PDF drew the name column's
/// header apart from the others (`目標(指標)名 … 単位 現状 目標(令和7年度)`) — with a unit or
/// value column's word: the name column is then the first, headed by the nearest name header
/// word before it (at most 2 × [`MAX_COLUMNS`] words back, none of an earlier table's).
fn header(toks: &[Token], p: usize, from: usize) -> Option<(Vec<HeadKind>, Vec<String>, usize)> {
    let mut kinds: Vec<HeadKind> = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    match head_word(&toks.get(p)?.text)? {
        HeadKind::Name => {}
        HeadKind::Unit | HeadKind::Value => {
            let back = p.saturating_sub(2 * MAX_COLUMNS).max(from);
            let name = toks[back..p]
                .iter()
                .rev()
                .find(|t| head_word(&t.text) == Some(HeadKind::Name))?;
            kinds.push(HeadKind::Name);
            cells.push(name.text.clone());
        }
        HeadKind::Period | HeadKind::Other => return None,
    }
    let mut used = 0;
    for t in &toks[p..] {
        if t.kind == Kind::Paren && !cells.is_empty() {
            if let Some(c) = cells.last_mut() {
                c.push(' ');
                c.push_str(&t.text);
            }
        } else if let Some(h) = head_word(&t.text).filter(|_| kinds.len() < MAX_COLUMNS) {
            if h == HeadKind::Name && !kinds.is_empty() {
                break;
            }
            kinds.push(h);
            cells.push(t.text.clone());
        } else if t.kind == Kind::Year && !kinds.is_empty() && kinds.len() < MAX_COLUMNS {
            // A bare year among the headings heads that year's figures (`基準値(平成30年)
            // 令和4年 令和5年 目標値(令和7年)`).
            kinds.push(HeadKind::Value);
            cells.push(t.text.clone());
        } else {
            break;
        }
        used += 1;
    }
    let values = kinds
        .iter()
        .any(|h| matches!(h, HeadKind::Value | HeadKind::Period));
    (kinds.len() >= 3 && values).then_some((kinds, cells, used))
}

/// Rows of a table printed column after column under a header already read, its first column
/// of names (`ウォーキング大会の参加者数 特定保健指導の実施率 人 % 415 52.3 600 60.0` under
/// `指標名 単位 現状 目標`): `k` names (two or more), then `k` words for each further column in
/// the header's order, each the column's kind (a unit or a dash under a unit column, a number
/// or a dash under a value column, a year or a dash under a period column). Returns the rows
/// and the words used; `None` when any word does not fit.
fn column_block(toks: &[Token], kinds: &[HeadKind]) -> Option<(Vec<Vec<String>>, usize)> {
    if kinds.first() != Some(&HeadKind::Name) {
        return None;
    }
    let k = toks.iter().take_while(|t| is_name_word(t)).count();
    let used = k.checked_mul(kinds.len())?;
    if k < 2 || toks.len() < used {
        return None;
    }
    let fits_column = kinds.iter().enumerate().skip(1).all(|(c, &h)| {
        toks[c * k..(c + 1) * k]
            .iter()
            .all(|t| fits_strictly(t.kind, h))
    });
    if !fits_column {
        return None;
    }
    let rows = (0..k)
        .map(|r| {
            (0..kinds.len())
                .map(|c| toks[c * k + r].text.clone())
                .collect()
        })
        .collect();
    Some((rows, used))
}

/// How many words of prose [`row_after_prose`] looks past for the next row.
const MAX_PROSE_WORDS: usize = 64;

/// The word where rows under a header go on after prose printed between them (a row's
/// comment, `≪成果≫ 参加者は増えた。 … 駐輪場の台数 台 310 400`): the first word, within
/// [`MAX_PROSE_WORDS`] words of `at`, that follows a sentence's end (`。`) and starts a group of
/// words that fits the columns, a name first. `None` when there is none.
fn row_after_prose(
    toks: &[Token],
    at: usize,
    kinds: &[HeadKind],
    grades: &[bool],
) -> Option<usize> {
    let n = kinds.len();
    let end = toks.len().min(at.saturating_add(MAX_PROSE_WORDS));
    (at + 1..end).find(|&q| {
        toks[q - 1].text.ends_with('。')
            && is_name_word(&toks[q])
            && toks.get(q..q + n).is_some_and(|g| fits(g, kinds, grades))
    })
}

/// A header interrupted by its first row's cells, read by [`interrupted_header`].
struct Interrupted {
    kinds: Vec<HeadKind>,
    cells: Vec<String>,
    /// The first row's cells: the words among the header's, then as many after it as are
    /// left, in order.
    first: Vec<String>,
    /// The words used, the first row's included.
    used: usize,
}

/// The header word at `q` (`None` for none): its kind and text, and the words it takes — one,
/// or two for a word wrapped after `・` (`改善・ 悪化`).
fn head_at(toks: &[Token], q: usize) -> Option<(HeadKind, String, usize)> {
    let t = toks.get(q)?;
    if let Some(h) = head_word(&t.text) {
        return Some((h, t.text.clone(), 1));
    }
    if t.text.ends_with('・') {
        let joined = format!("{}{}", t.text, toks.get(q + 1)?.text);
        return head_word(&joined).map(|h| (h, joined, 2));
    }
    None
}

/// A header whose words are interrupted by the first row's cells, as a PDF draws a table's
/// header and first row side by side (`指標名 図書館の貸出冊数(万冊) 現状値 (R4) 41 実績 目標値
/// (R9) 44 50`): a name column's header word at `p`, then header words (with their brackets)
/// each of which may follow one word that is no header word, a cell of the first row; the
/// header ends before two such words in a row. The first row is the words among the header
/// words and as many after it as there are columns left, each fitting its column: a name
/// first, then a number, year or dash under a value or period column (a grade under a grade
/// column), a number among them. Three columns at least, one of values, one interruption at
/// least (else [`header`] reads it).
fn interrupted_header(toks: &[Token], p: usize) -> Option<Interrupted> {
    let (first_kind, first_text, _) = head_at(toks, p)?;
    if first_kind != HeadKind::Name {
        return None;
    }
    let mut kinds = vec![HeadKind::Name];
    let mut cells = vec![first_text];
    let mut pool: Vec<&Token> = Vec::new();
    let mut q = p + 1;
    let mut after_head = true;
    while let Some(t) = toks.get(q) {
        if t.kind == Kind::Paren && after_head {
            if let Some(c) = cells.last_mut() {
                c.push(' ');
                c.push_str(&t.text);
            }
            q += 1;
            continue;
        }
        if let Some((h, text, w)) = head_at(toks, q) {
            if h == HeadKind::Name || kinds.len() == MAX_COLUMNS {
                break;
            }
            kinds.push(h);
            cells.push(text);
            q += w;
            after_head = true;
            continue;
        }
        if !after_head || head_at(toks, q + 1).is_none() {
            break;
        }
        pool.push(t);
        q += 1;
        after_head = false;
    }
    let n = kinds.len();
    let values = kinds
        .iter()
        .any(|h| matches!(h, HeadKind::Value | HeadKind::Period));
    if pool.is_empty() || pool.len() >= n || n < 3 || !values {
        return None;
    }
    let rest = toks.get(q..q + (n - pool.len()))?;
    let words: Vec<&Token> = pool.into_iter().chain(rest).collect();
    let grades: Vec<bool> = cells.iter().map(|c| is_grade_head(c)).collect();
    let mut number = false;
    for (c, (t, &h)) in words.iter().zip(&kinds).enumerate() {
        let ok = match h {
            HeadKind::Name => c == 0 && is_name_word(t),
            _ if grades[c] && is_grade(&t.text) => true,
            HeadKind::Value | HeadKind::Period => {
                number |= t.kind == Kind::Num;
                matches!(t.kind, Kind::Num | Kind::Year | Kind::Dash)
            }
            HeadKind::Unit => matches!(t.kind, Kind::Unit | Kind::Dash),
            HeadKind::Other => head_word(&t.text).is_none() && t.kind != Kind::Num,
        };
        if !ok {
            return None;
        }
    }
    if !number {
        return None;
    }
    Some(Interrupted {
        kinds,
        cells,
        first: words.iter().map(|t| t.text.clone()).collect(),
        used: q - p + rest.len(),
    })
}

/// A header cell of a column of grades (`達成度`, `評価`).
fn is_grade_head(cell: &str) -> bool {
    lexicon::GRADE_HEADERS.iter().any(|w| cell.starts_with(w))
}

/// A grade as a progress table prints it: a mark (`○`, `△`) or a letter (`A`, `B+`).
fn is_grade(w: &str) -> bool {
    let mut cs = w.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(c), None, None) => {
            lexicon::GRADE_MARKS.contains(&c) || lexicon::GRADE_LETTERS.contains(&c) || c == '〇'
        }
        (Some(c), Some(sign), None) => {
            lexicon::GRADE_LETTERS.contains(&c) && matches!(sign, '+' | '-')
        }
        _ => false,
    }
}

/// Rows printed values first, names after (`… 現状 目標 310 400 18 24 駐輪場の台数
/// 巡回バスの運行回数` under `指標名 現状 目標`): a run of `m` × `v` words, each the kind of
/// its column in the header's order (`v` columns after the name column, none of names), then
/// exactly `m` names (two or more) and no further name word. Row `r` is the `r`-th name and
/// the `r`-th group of `v` words. Returns the rows and the words used; `None` when the counts
/// do not divide or any word does not fit.
fn values_then_names(toks: &[Token], kinds: &[HeadKind]) -> Option<(Vec<Vec<String>>, usize)> {
    let (&first, cols) = kinds.split_first()?;
    if first != HeadKind::Name || cols.is_empty() || cols.contains(&HeadKind::Name) {
        return None;
    }
    let v = cols.len();
    let n = toks
        .iter()
        .enumerate()
        .take_while(|(i, t)| fits_strictly(t.kind, cols[i % v]))
        .count();
    if n == 0 || n % v != 0 {
        return None;
    }
    let m = n / v;
    let names = toks[n..].iter().take_while(|t| is_name_word(t)).count();
    if m < 2 || names != m {
        return None;
    }
    let rows = (0..m)
        .map(|r| {
            let mut row = vec![toks[n + r].text.clone()];
            row.extend(toks[r * v..(r + 1) * v].iter().map(|t| t.text.clone()));
            row
        })
        .collect();
    Some((rows, n + m))
}

/// True when a word of this kind is what a column of this kind holds, no guess: a unit
/// under 単位, a number under a value column, a year under a period column, a dash for none.
fn fits_strictly(kind: Kind, col: HeadKind) -> bool {
    match col {
        HeadKind::Unit => matches!(kind, Kind::Unit | Kind::Dash),
        HeadKind::Value => matches!(kind, Kind::Num | Kind::Dash),
        HeadKind::Period => matches!(kind, Kind::Year | Kind::Dash),
        HeadKind::Name | HeadKind::Other => kind == Kind::Text,
    }
}

/// A word that may be a name in a column of names: text that heads no column.
fn is_name_word(t: &Token) -> bool {
    t.kind == Kind::Text && head_word(&t.text).is_none() && !is_value_head(t)
}

/// A table printed column after column in a line, read by [`in_sequence`].
#[derive(Debug)]
struct Sequence {
    /// The first word of the table.
    start: usize,
    /// A word printed among the columns that belongs to none (a section label, `③地域福祉`).
    label: Option<usize>,
    /// The header's cells, the name column's first.
    cells: Vec<String>,
    /// The rows, cells in the header's order.
    rows: Vec<Vec<String>>,
    /// The word after the last column.
    end: usize,
    /// The word ranges after `end` that hold a column's values printed apart from its header.
    later: Vec<(usize, usize)>,
}

/// One column printed in sequence: its header cell, its kind, its words.
struct Column {
    head: String,
    kind: HeadKind,
    cells: std::ops::Range<usize>,
}

/// A table printed column after column in the line, starting at word `p`: columns of `k`
/// words each (two or more), each a header word (with its brackets: `R3実績値 (B)`) and its
/// words — names under a name header, units under 単位, numbers or dashes under a value
/// header (a word holding a value header word: `中間目標値`). Without a name column, the
/// names are the `k` single words of text before the first column, headed by the nearest word
/// before them holding a name header word (at most `k` + [`MAX_COLUMNS`] words back). One word
/// that heads nothing may stand between two columns (a section label drawn among the
/// header's cells: `目標(令和7年度) ③地域福祉 目標(指標)名 …`). A value column whose header
/// (a header word, `目標(令和7年度)`) has no words after it was printed apart from its values:
/// they are the next run of numbers in the line, before any other table's header, when that
/// run has exactly `k` words (else the column is left out). The columns are paired by their
/// count and order; nothing is paired when the counts differ, when there are no names, or
/// fewer than two columns besides them, one of values.
fn in_sequence(toks: &[Token], p: usize, from: usize) -> Option<Sequence> {
    let mut columns: Vec<Column> = Vec::new();
    // A word that heads nothing, a label once a column follows it.
    let mut label: Option<usize> = None;
    let mut pending: Option<usize> = None;
    let mut q = p;
    let mut k = 0;
    while let Some(t) = toks.get(q) {
        let Some(kind) = column_head(t) else {
            let between = label.is_none()
                && pending.is_none()
                && !columns.is_empty()
                && t.kind == Kind::Text
                && toks.get(q + 1).and_then(column_head).is_some();
            if !between {
                break;
            }
            pending = Some(q);
            q += 1;
            continue;
        };
        let mut head = t.text.clone();
        let mut at = q + 1;
        while let Some(b) = toks.get(at).filter(|b| b.kind == Kind::Paren) {
            head.push(' ');
            head.push_str(&b.text);
            at += 1;
        }
        let n = toks[at..]
            .iter()
            .take_while(|t| match kind {
                HeadKind::Name => is_name_word(t),
                _ => fits_strictly(t.kind, kind),
            })
            .count();
        let printed_apart = n == 0 && head_word(&t.text) == Some(HeadKind::Value);
        if !printed_apart && (n < 2 || (k != 0 && n != k)) {
            break;
        }
        if !printed_apart {
            k = n;
        }
        if pending.is_some() {
            label = pending.take();
        }
        columns.push(Column {
            head,
            kind,
            cells: at..at + n,
        });
        q = at + n;
        if columns.len() == MAX_COLUMNS {
            break;
        }
    }
    if k < 2 {
        return None;
    }
    let end = columns.last()?.cells.end;
    // Values printed apart from their headers, in the columns' order.
    let mut later = Vec::new();
    let mut at = end;
    for c in columns.iter_mut().filter(|c| c.cells.is_empty()) {
        let run = next_numbers(toks, at).filter(|r| r.len() == k);
        match run {
            Some(r) => {
                at = r.end;
                later.push((r.start, r.end));
                c.cells = r;
            }
            None => break,
        }
    }
    columns.retain(|c| !c.cells.is_empty());
    let names = columns.iter().position(|c| c.kind == HeadKind::Name);
    let (start, name_head, name_cells) = match names {
        Some(i) => {
            let c = columns.remove(i);
            (p, c.head, c.cells)
        }
        None => {
            let names_at = p.checked_sub(k).filter(|&a| a >= from)?;
            if !toks[names_at..p].iter().all(is_name_word) {
                return None;
            }
            let back = names_at.saturating_sub(k + MAX_COLUMNS).max(from);
            let head = toks[back..names_at]
                .iter()
                .rev()
                .find(|t| lexicon::NAME_HEADS.iter().any(|w| t.text.contains(w)))?;
            (names_at, head.text.clone(), names_at..p)
        }
    };
    if columns.len() < 2 || !columns.iter().any(|c| c.kind == HeadKind::Value) {
        return None;
    }
    let mut cells = vec![name_head];
    cells.extend(columns.iter().map(|c| c.head.clone()));
    let rows = (0..k)
        .map(|r| {
            let mut row = vec![toks[name_cells.start + r].text.clone()];
            row.extend(columns.iter().map(|c| toks[c.cells.start + r].text.clone()));
            row
        })
        .collect();
    Some(Sequence {
        start,
        label,
        cells,
        rows,
        end,
        later,
    })
}

/// The kind of column a word heads in a table printed column after column: names, units or
/// values (`中間目標値` and `R3実績値` hold a value header word); `None` for any other word,
/// and for the header words of other columns (`目標(指標)の説明`).
fn column_head(t: &Token) -> Option<HeadKind> {
    if t.kind != Kind::Text {
        return None;
    }
    match head_word(&t.text) {
        Some(h @ (HeadKind::Name | HeadKind::Unit | HeadKind::Value)) => Some(h),
        Some(_) => None,
        None => is_value_head(t).then_some(HeadKind::Value),
    }
}

/// The next run of numbers or dashes from word `at`, before any word that heads a column of
/// names, units or values (another table's header).
fn next_numbers(toks: &[Token], at: usize) -> Option<std::ops::Range<usize>> {
    let start = at
        + toks
            .get(at..)?
            .iter()
            .position(|t| matches!(t.kind, Kind::Num | Kind::Dash) || column_head(t).is_some())?;
    if column_head(&toks[start]).is_some() {
        return None;
    }
    let n = toks[start..]
        .iter()
        .take_while(|t| matches!(t.kind, Kind::Num | Kind::Dash))
        .count();
    Some(start..start + n)
}

/// A table whose columns end in its value columns, flattened so that its cells interleave
/// (what a PDF gives when a tall name cell and a column of explanations print side by side):
/// the names first, then each row's explanation with its values, a later name among them.
/// Each row is found by its values, `v` (the value columns, two at least) numbers or dashes in
/// a row and no more; each name is a word of text outside brackets that ends in a measure
/// ([`lexicon::MEASURE_END_CHARS`]: `…率`, `…件数`), is no header word and no sentence. The
/// names and the rows pair by order, and nothing is paired unless their counts are equal (two
/// at least). The cells of the columns between the name and the values are left empty.
/// Returns the rows and the word after the last value.
fn interleaved(
    toks: &[Token],
    body: usize,
    kinds: &[HeadKind],
) -> Option<(Vec<Vec<String>>, usize)> {
    let v = kinds
        .iter()
        .rev()
        .take_while(|h| matches!(h, HeadKind::Value))
        .count();
    if v < 2 || kinds.first() != Some(&HeadKind::Name) {
        return None;
    }
    let is_value = |t: &Token| matches!(t.kind, Kind::Num | Kind::Dash);
    let mut names: Vec<&Token> = Vec::new();
    let mut groups: Vec<&[Token]> = Vec::new();
    let mut end = body;
    let mut depth = 0i32;
    let mut q = body;
    while q < toks.len() {
        let t = &toks[q];
        if depth == 0 && is_value(t) {
            let run = toks[q..].iter().take_while(|t| is_value(t)).count();
            if run == v {
                groups.push(&toks[q..q + v]);
                end = q + v;
            }
            q += run;
            continue;
        }
        let at_depth = depth;
        for c in t.text.chars() {
            match c {
                '(' | '[' | '【' => depth += 1,
                ')' | ']' | '】' => depth -= 1,
                _ => {}
            }
        }
        let name = at_depth == 0
            && depth == 0
            && t.kind == Kind::Text
            && !t.text.contains(['。', '、'])
            && head_word(&t.text).is_none()
            && t.text.chars().count() >= 3
            && t.text
                .chars()
                .last()
                .is_some_and(|c| lexicon::MEASURE_END_CHARS.contains(&c));
        if name {
            names.push(t);
        }
        depth = depth.max(0);
        q += 1;
    }
    // Names after the last row belong to no row here.
    names.retain(|t| t.bytes.0 < toks.get(end.saturating_sub(1)).map_or(0, |e| e.bytes.0));
    if groups.len() < 2 || names.len() != groups.len() {
        return None;
    }
    let rows = names
        .iter()
        .zip(&groups)
        .map(|(nm, g)| {
            let mut r = vec![nm.text.clone()];
            r.extend(std::iter::repeat_n(String::new(), kinds.len() - 1 - v));
            r.extend(g.iter().map(|t| t.text.clone()));
            r
        })
        .collect();
    Some((rows, end))
}

/// A word that holds a value header word (`R3実績値`, `中間目標値`, `進捗率`).
fn is_value_head(t: &Token) -> bool {
    t.kind == Kind::Text && lexicon::VALUE_HEADS.iter().any(|w| t.text.contains(w))
}

/// True when the words, one a column, fit their columns, with a number, year or dash under
/// a value column and nothing else there (but a grade under a grade column, `達成度`, where
/// `grades` says so).
fn fits(words: &[Token], kinds: &[HeadKind], grades: &[bool]) -> bool {
    let mut value = false;
    for (c, (t, &h)) in words.iter().zip(kinds).enumerate() {
        if grades.get(c) == Some(&true) && is_grade(&t.text) {
            continue;
        }
        if head_word(&t.text).is_some() || cell_cost(&[t.kind], h) > 1 {
            return false;
        }
        if matches!(h, HeadKind::Value | HeadKind::Period) {
            if !matches!(t.kind, Kind::Num | Kind::Year | Kind::Dash) {
                return false;
            }
            value = true;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(raw: &str) -> Vec<Vec<String>> {
        let src = super::super::sources(raw);
        let mut out = Vec::new();
        let _ = block(&src, 0, &mut out);
        out.into_iter().map(|l| l.cells).collect()
    }

    #[test]
    fn figures_and_units_printed_apart_are_one_cell_when_nothing_reads_them_apart() {
        let rows = cut(
            "12 第 2 章 安全・安心 成果指標 指標名 現状値 ( 令和 元 年度 ) 目標値 ( 令和 7 年度 ) \
             市民活動団体数 112 団体 150 団体 自主防災組織の結成率 78.5 % 90.0 % 主な取組",
        );
        assert_eq!(
            rows[1..4],
            [
                ["指標名", "現状値(令和元年度)", "目標値(令和7年度)"],
                ["市民活動団体数", "112団体", "150団体"],
                ["自主防災組織の結成率", "78.5%", "90.0%"],
            ]
        );
        // With a unit column, the unit is that column's cell.
        let rows = cut(
            "成果指標 指標名 単位 現状値 (R1) 目標値 (R7) 市民活動団体数 団体 112 150 \
             自主防災組織の結成率 % 78.5 90.0 主な取組",
        );
        assert_eq!(rows[2], ["市民活動団体数", "団体", "112", "150"]);
    }

    #[test]
    fn bare_years_among_the_headings_head_their_years_figures() {
        let rows = cut(
            "進行管理を行っています 目標指標 基準値 ( 平成 30 年 ) 令和 4 年 令和 5 年 目標値 \
             ( 令和 7 年 ) 達成率 観光入込客数 ( 万人 ) 1,012 688 941 1,050 89.6% 宿泊客数 ( 万人 ) \
             214 152 203 230 88.3% 達成率は令和5年の実績を目標で割ったもの",
        );
        assert_eq!(
            rows[1..4],
            [
                [
                    "目標指標",
                    "基準値(平成30年)",
                    "令和4年",
                    "令和5年",
                    "目標値(令和7年)",
                    "達成率"
                ],
                [
                    "観光入込客数(万人)",
                    "1,012",
                    "688",
                    "941",
                    "1,050",
                    "89.6%"
                ],
                ["宿泊客数(万人)", "214", "152", "203", "230", "88.3%"],
            ]
        );
    }

    #[test]
    fn names_first_then_explanations_with_values_pair_by_order() {
        let rows = cut(
            "目標一覧 指標 指標の説明 現状値 (R4) 目標値 (R9) 下水道接続率 (接続人口/処理区域人口) \
             2 安全なまち 公共施設の点検件数 下水道への接続の進み具合を表す指標で す。 71.5% 80% \
             点検の進み具合を表 す指標です。 120件 150件 継続 汚泥の再生利用量 再生利用された汚泥の量です。 \
             3.2千t 4千t 以上",
        );
        assert_eq!(
            rows[1],
            ["指標", "指標の説明", "現状値 (R4)", "目標値 (R9)"]
        );
        assert_eq!(rows[2], ["下水道接続率", "", "71.5%", "80%"]);
        assert_eq!(rows[3], ["公共施設の点検件数", "", "120件", "150件"]);
        assert_eq!(rows[4], ["汚泥の再生利用量", "", "3.2千t", "4千t"]);
        assert_eq!(rows[5], ["以上"]);
    }

    #[test]
    fn interleaved_names_and_rows_of_other_counts_pair_nothing() {
        let rows = cut(
            "指標 指標の説明 現状値 目標値 下水道接続率 公共施設の点検件数 進み具合です。 71.5% 80%",
        );
        assert!(rows.is_empty());
    }

    #[test]
    fn a_table_run_on_in_prose_is_cut_into_its_rows() {
        let rows = cut("次の指標を設定します。 指標名 単位 現状 目標(令和9年度) \
             図書館の貸出冊数 万冊 41 50 公民館の利用者数 人 8,200 9,000 ②文化の振興");
        assert_eq!(rows[0], ["次の指標を設定します。"]);
        assert_eq!(rows[1], ["指標名", "単位", "現状", "目標(令和9年度)"]);
        assert_eq!(rows[2], ["図書館の貸出冊数", "万冊", "41", "50"]);
        assert_eq!(rows[3], ["公民館の利用者数", "人", "8,200", "9,000"]);
        assert_eq!(rows[4], ["②文化の振興"]);
    }

    #[test]
    fn rows_end_where_the_words_stop_fitting_never_shifted() {
        let rows =
            cut("指標名 単位 現状 目標 駐輪場の台数 台 310 400 全館開館 美術館の入館者数 人 1,200");
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[2], ["全館開館 美術館の入館者数 人 1,200"]);
    }

    #[test]
    fn columns_printed_one_after_another_pair_by_count_and_order() {
        let rows = cut("主な指標 分野 指標名 第1節 第2節 街路樹の本数 花壇の数 \
             中間目標値 (A) 1,200 40 R5実績値 (B) 1,150 44 -2-");
        assert_eq!(rows[0], ["主な指標 分野 指標名 第1節 第2節"]);
        assert_eq!(rows[1], ["指標名", "中間目標値 (A)", "R5実績値 (B)"]);
        assert_eq!(rows[2], ["街路樹の本数", "1,200", "1,150"]);
        assert_eq!(rows[3], ["花壇の数", "40", "44"]);
        assert_eq!(rows[4], ["-2-"]);
    }

    #[test]
    fn a_header_drawn_apart_from_its_name_column_takes_the_name_header_before_it() {
        let rows = cut("③環境 指標名 単位 件 基準 R9 単位 基準 目標(R9) \
             太陽光発電の設置件数 件 180 260 ④交通");
        assert_eq!(rows[0], ["③環境 指標名 単位 件 基準 R9"]);
        assert_eq!(rows[1], ["指標名", "単位", "基準", "目標(R9)"]);
        assert_eq!(rows[2], ["太陽光発電の設置件数", "件", "180", "260"]);
        assert_eq!(rows[3], ["④交通"]);
    }

    #[test]
    fn rows_go_on_as_columns_printed_one_after_another_under_the_header() {
        let rows = cut("指標名 単位 現状 目標 駐輪場の台数 台 310 400 \
             巡回バスの運行回数 防犯カメラの設置率 回 % 18 41.5 24 60.0 ⑤防災");
        assert_eq!(rows[1], ["駐輪場の台数", "台", "310", "400"]);
        assert_eq!(rows[2], ["巡回バスの運行回数", "回", "18", "24"]);
        assert_eq!(rows[3], ["防犯カメラの設置率", "%", "41.5", "60.0"]);
        assert_eq!(rows[4], ["⑤防災"]);
    }

    #[test]
    fn a_column_printed_apart_from_its_values_takes_the_next_run_of_as_many_numbers() {
        let rows = cut(
            "単位 人 回 % 現状 75 12 33.0 目標(令和9年度) ④生涯学習 指標名 \
             公民館講座の受講者数 読み聞かせ会の開催回数 学習成果の発表率 指標の説明 \
             市民の学びを 支える。 指標の説明 90 20 40.0 指標の説明",
        );
        assert_eq!(rows[0], ["④生涯学習"]);
        assert_eq!(rows[1], ["指標名", "単位", "現状", "目標(令和9年度)"]);
        assert_eq!(rows[2], ["公民館講座の受講者数", "人", "75", "90"]);
        assert_eq!(rows[3], ["読み聞かせ会の開催回数", "回", "12", "20"]);
        assert_eq!(rows[4], ["学習成果の発表率", "%", "33.0", "40.0"]);
        assert_eq!(rows[5], ["指標の説明 市民の学びを 支える。 指標の説明"]);
        assert_eq!(rows[6], ["指標の説明"]);
    }

    #[test]
    fn values_printed_apart_in_another_count_are_left_out() {
        let rows = cut("単位 人 回 現状 75 12 目標(令和9年度) 指標名 \
             公民館講座の受講者数 読み聞かせ会の開催回数 指標の説明 90 20 40.0");
        assert_eq!(rows[0], ["指標名", "単位", "現状"]);
        assert_eq!(rows[1], ["公民館講座の受講者数", "人", "75"]);
    }

    #[test]
    fn columns_of_different_counts_are_not_paired() {
        let rows = cut("指標名 第1節 第2節 街路樹の本数 花壇の数 \
             中間目標値 1,200 40 実績値 1,150 44 9 以上");
        assert!(rows.is_empty());
    }

    #[test]
    fn a_line_ending_on_a_row_cut_short_is_no_table() {
        assert!(
            cut("指標名 単位 現状 目標 駐輪場の台数 台 310 400 美術館の入館者数 人 1,200")
                .is_empty()
        );
    }

    #[test]
    fn values_printed_before_their_names_pair_by_count_and_order() {
        let rows = cut("主な指標 指標名 現状 (R4) 目標 (R9) 310 400 約 18 約 24 \
             駐輪場の台数 巡回バスの運行回数 (2)交通");
        assert_eq!(rows[1], ["指標名", "現状 (R4)", "目標 (R9)"]);
        assert_eq!(rows[2], ["駐輪場の台数", "310", "400"]);
        assert_eq!(rows[3], ["巡回バスの運行回数", "約 18", "約 24"]);
        assert_eq!(rows[4], ["(2)交通"]);
    }

    #[test]
    fn values_before_names_of_another_count_pair_nothing() {
        let rows = cut("主な指標 指標名 現状 目標 310 400 18 24 5 \
             駐輪場の台数 巡回バスの運行回数 (2)交通");
        assert!(rows.is_empty());
        let rows = cut("主な指標 指標名 現状 目標 310 400 18 24 \
             駐輪場の台数 巡回バスの運行回数 公園の数");
        assert!(rows.is_empty());
    }

    #[test]
    fn a_header_interrupted_by_its_first_rows_cells_takes_them_as_that_row() {
        let rows = cut(
            "■施策1 指標名 図書館の貸出冊数(万冊) 現状値 (R4) 41 実績 評価 目標値 (R9) \
             44 ○ 50 ≪所見≫ 貸出は増えた。 今後も続ける。 公民館の利用者数(人) 8,200 8,400 △ 9,000 \
             ≪所見≫ 伸びは小さい。",
        );
        assert_eq!(rows[0], ["■施策1"]);
        assert_eq!(
            rows[1],
            ["指標名", "現状値 (R4)", "実績", "評価", "目標値 (R9)"]
        );
        assert_eq!(rows[2], ["図書館の貸出冊数(万冊)", "41", "44", "○", "50"]);
        assert_eq!(
            rows[3],
            ["公民館の利用者数(人)", "8,200", "8,400", "△", "9,000"]
        );
        assert_eq!(rows[4], ["≪所見≫ 貸出は増えた。 今後も続ける。"]);
        assert_eq!(rows[5], ["≪所見≫ 伸びは小さい。"]);
    }

    #[test]
    fn a_header_word_wrapped_after_a_middle_dot_is_one_word() {
        let rows = cut("指標名 公園の数 現状値 12 実績 改善・ 悪化 目標値 14 ○ 20");
        assert_eq!(
            rows[0],
            ["指標名", "現状値", "実績", "改善・悪化", "目標値"]
        );
        assert_eq!(rows[1], ["公園の数", "12", "14", "○", "20"]);
    }

    #[test]
    fn a_header_interrupted_by_words_that_fit_no_row_is_no_table() {
        assert!(cut("指標名 公園の数 現状値 多い 目標値 14 20 以上").is_empty());
    }

    #[test]
    fn prose_without_a_header_is_left_alone() {
        assert!(cut("この計画は 市民と 共に 進める もので 指標 は 別に 定める").is_empty());
    }
}
