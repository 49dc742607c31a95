//! A table run on inside a line of prose: what a PDF flattened to one line gives, the header
//! words and every row's cells one after another with single spaces
//! (`…を設定しました。 指標名 単位 現状 目標 図書館の貸出冊数 万冊 41 50 公民館の利用者数 人
//! 8,200 9,000 ②…`).
//!
//! A header starts at a word that heads a column of names (a lexicon word), followed by header
//! words (each with its bracketed part: `目標(令和7年度)`), three columns at least, one of them a value
//! column. The words after it are read as rows of one word per column while every word fits its
//! column ([`cell_cost`] at most 1, a number, year or dash under a value column), and the rows end
//! at the first group of words that does not fit: nothing is shifted to make a row fit, and a line
//! that ends on a row cut short (fewer words than columns, each fitting its column, a number among
//! them) is no table. The words before the header and after the rows stay text on lines of their
//! own (with the line's number), and the rest of the line is searched for the next such table. A
//! line with a tab or a pipe, or fewer words than a header and a row, is left to the other
//! renderings.
//!
//! The same line may print a table column after column instead ([`in_sequence`]): the names,
//! then each value column as its header word and exactly as many values (`… 施策指標 第1章 第2章
//! 街路樹の本数 花壇の数 中間目標値 (A) 1,200 40 R5実績値 (B) 1,150 44`). The columns are
//! paired by their count and order, and nothing is paired when any count differs.

use super::fit::cell_cost;
use super::tokens::{tokens, Kind, Token};
use super::{cell, row, Source};
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
    let toks = tokens(s.raw, MAX_WORDS)?;
    let mut lines = Vec::new();
    let mut text_from = 0;
    let mut p = 0;
    while p < toks.len() {
        if let Some((names, cells, rows, end)) = in_sequence(&toks, p, text_from) {
            if text_from < names {
                lines.push(text(s, &toks[text_from..names]));
            }
            let n = cells.len();
            lines.push(row(
                s.no,
                s.raw.to_owned(),
                cells,
                Split::RunOn { columns: n },
            ));
            for r in rows {
                lines.push(row(s.no, s.raw.to_owned(), r, Split::RunOn { columns: n }));
            }
            p = end;
            text_from = end;
            continue;
        }
        let Some((kinds, cells, used)) = header(&toks[p..]) else {
            p += 1;
            continue;
        };
        let n = kinds.len();
        let body = p + used;
        let mut rows = 0;
        while let Some(g) = toks.get(body + rows * n..body + (rows + 1) * n) {
            if !fits(g, &kinds) {
                break;
            }
            rows += 1;
        }
        // The line ending on a row cut short (`消防団員数 人 1,240` under four columns): the
        // counts do not decide where the rows are, so none is taken.
        let rest = &toks[body + rows * n..];
        let cut_short = rest.len() < n
            && rest
                .iter()
                .zip(&kinds)
                .all(|(t, &h)| cell_cost(&[t.kind], h) <= 1)
            && rest.iter().zip(&kinds).any(|(t, &h)| {
                matches!(h, HeadKind::Value | HeadKind::Period) && t.kind == Kind::Num
            });
        if rows == 0 {
            if let Some((rows, end)) = interleaved(&toks, body, &kinds) {
                if text_from < p {
                    lines.push(text(s, &toks[text_from..p]));
                }
                lines.push(row(
                    s.no,
                    s.raw.to_owned(),
                    cells,
                    Split::RunOn { columns: n },
                ));
                for r in rows {
                    lines.push(row(s.no, s.raw.to_owned(), r, Split::RunOn { columns: n }));
                }
                p = end;
                text_from = end;
                continue;
            }
        }
        if rows == 0 || cut_short {
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
        for g in toks[body..body + rows * n].chunks(n) {
            let cells = g.iter().map(|t| t.text.clone()).collect();
            lines.push(row(
                s.no,
                s.raw.to_owned(),
                cells,
                Split::RunOn { columns: n },
            ));
        }
        p = body + rows * n;
        text_from = p;
    }
    if lines.is_empty() {
        return None;
    }
    if text_from < toks.len() {
        lines.push(text(s, &toks[text_from..]));
    }
    out.extend(lines);
    Some(1)
}

/// The header at the start of `toks`: its columns' kinds and cells, and the words it used.
fn header(toks: &[Token]) -> Option<(Vec<HeadKind>, Vec<String>, usize)> {
    if head_word(&toks.first()?.text) != Some(HeadKind::Name) {
        return None;
    }
    let mut kinds: Vec<HeadKind> = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut used = 0;
    for t in toks {
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

/// A table printed column after column in the line, its value columns starting at word `p`:
/// `k` names (single words of text), then two value columns or more, each a word holding a
/// value header word (`R3実績値`, with its brackets `(B)`) and exactly `k` numbers or dashes.
/// The name column's header is the nearest word before the names holding a name header word
/// (`施策指標`), at most `k` + [`MAX_COLUMNS`] words back. Returns where the names start, the
/// header's cells, the rows, and the word after the last value; `None` when anything does not
/// pair up (names that are not `k` single words of text, columns of other counts).
#[allow(clippy::type_complexity)]
fn in_sequence(
    toks: &[Token],
    p: usize,
    from: usize,
) -> Option<(usize, Vec<String>, Vec<Vec<String>>, usize)> {
    let mut heads: Vec<String> = Vec::new();
    let mut columns: Vec<&[Token]> = Vec::new();
    let mut q = p;
    let mut k = 0;
    while let Some(t) = toks.get(q) {
        if !is_value_head(t) {
            break;
        }
        let mut head = t.text.clone();
        q += 1;
        while let Some(b) = toks.get(q).filter(|b| b.kind == Kind::Paren) {
            head.push(' ');
            head.push_str(&b.text);
            q += 1;
        }
        let n = toks[q..]
            .iter()
            .take_while(|t| matches!(t.kind, Kind::Num | Kind::Dash))
            .count();
        if n < 2 || (k != 0 && n != k) {
            break;
        }
        k = n;
        heads.push(head);
        columns.push(&toks[q..q + n]);
        q += n;
        if heads.len() == MAX_COLUMNS {
            break;
        }
    }
    if columns.len() < 2 {
        return None;
    }
    let end = q;
    let names_at = p.checked_sub(k).filter(|&a| a >= from)?;
    let names = &toks[names_at..p];
    if !names
        .iter()
        .all(|t| t.kind == Kind::Text && head_word(&t.text).is_none() && !is_value_head(t))
    {
        return None;
    }
    let back = names_at.saturating_sub(k + MAX_COLUMNS).max(from);
    let name_head = toks[back..names_at]
        .iter()
        .rev()
        .find(|t| lexicon::NAME_HEADS.iter().any(|w| t.text.contains(w)))?;
    let mut cells = vec![name_head.text.clone()];
    cells.extend(heads);
    let rows = (0..k)
        .map(|r| {
            let mut row = vec![names[r].text.clone()];
            row.extend(columns.iter().map(|c| c[r].text.clone()));
            row
        })
        .collect();
    Some((names_at, cells, rows, end))
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
/// a value column and nothing else there.
fn fits(words: &[Token], kinds: &[HeadKind]) -> bool {
    let mut value = false;
    for (t, &h) in words.iter().zip(kinds) {
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

/// The words as a line of text.
fn text(s: &Source<'_>, words: &[Token]) -> Line {
    let t = match (words.first(), words.last()) {
        (Some(a), Some(b)) => cell(s.raw.get(a.bytes.0..b.bytes.1).unwrap_or_default()),
        _ => String::new(),
    };
    Line {
        no: s.no,
        raw: s.raw.to_owned(),
        text: t.clone(),
        cells: vec![t],
        split: Split::AsWritten,
    }
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
    fn prose_without_a_header_is_left_alone() {
        assert!(cut("この計画は 市民と 共に 進める もので 指標 は 別に 定める").is_empty());
    }
}
