//! A 工程表 as plain text: the year header is a line of words the front end did not cut into
//! a row (`取組内容   R4年度 R5年度    R6年度`, or the years alone, `R5 R6 R7 … R14`), and each
//! line below it is one item. Where a PDF's text keeps its layout (`pdftotext -layout`), the
//! words of an item's bar sit under the years they span, printed once, with an arrow where the
//! bar runs on (`対象手続の拡大 → 全手続のオンライン化 ──────→`): the item starts in the column
//! its first word is nearest, and ends in the column its last word is nearest — or, when it
//! ends in an arrow, in the table's last column. Where the bars are lost (a text layer that
//! gives one item a line), the items have no years.
//!
//! The rules:
//! - **Header.** A line that is no row, whose words end in at least two years in increasing
//!   order ([`super::column_of`]) with nothing after them, and that a roadmap heading
//!   ([`lexicon::ROADMAP_HEADINGS`]) or a label word ([`lexicon::ROADMAP_LABEL_HEADERS`]) in
//!   it or on the few lines above names.
//! - **Items.** Each line below, to a blank line or the next header: its title is the text up
//!   to the first run of two spaces. A vertical group label printed one character a line
//!   interleaves the items: a line of two characters or fewer is such a piece, and a single
//!   character then a space opening an item line (`ビ 進捗確認と…`) is one glued to it.

use shinchoku_core::period::Period;
use shinchoku_core::text::normalize;

use super::{column_of, year_of, year_shaped, Column};
use crate::extract::lexicon;
use crate::extract::model::RoadmapOut;
use crate::extract::text::{Doc, Line};

/// How many non-blank lines above a header may name it a roadmap.
const HEADING_REACH: usize = 6;

/// The words of a line with the character column each starts at.
fn words(raw: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None;
    for (col, (byte, c)) in raw.char_indices().enumerate() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some((col, byte)),
            (true, Some((sc, sb))) => {
                if let Some(w) = raw.get(sb..byte) {
                    out.push((sc, w));
                }
                start = None;
            }
            _ => {}
        }
    }
    if let Some((sc, sb)) = start {
        if let Some(w) = raw.get(sb..) {
            out.push((sc, w));
        }
    }
    out
}

/// A header line's year columns, each with the character column its word starts at.
fn header(line: &Line) -> Option<Vec<(usize, Column)>> {
    if line.is_row() {
        return None;
    }
    let words = words(&line.raw);
    let first = words.iter().position(|(_, w)| year_shaped(w))?;
    let mut cols: Vec<(usize, Column)> = Vec::new();
    for (at, w) in words.get(first..)? {
        let col = year_shaped(w).then(|| column_of(w)).flatten()?;
        if cols
            .last()
            .is_some_and(|(_, p)| year_of(col.start) <= year_of(p.end))
        {
            return None;
        }
        cols.push((*at, col));
    }
    (cols.len() >= 2).then_some(cols)
}

/// True when the header line or the lines just above it name a roadmap.
fn named(doc: &Doc, i: usize) -> bool {
    let here = doc.lines.get(i).is_some_and(|l| {
        lexicon::has_any(&l.text, lexicon::ROADMAP_LABEL_HEADERS)
            || lexicon::has_any(&l.text, lexicon::ROADMAP_HEADINGS)
    });
    here || (0..i)
        .rev()
        .filter_map(|j| doc.lines.get(j))
        .filter(|l| !l.is_blank())
        .take(HEADING_REACH)
        .any(|l| {
            lexicon::has_any(&l.text, lexicon::ROADMAP_HEADINGS)
                || (l.text.chars().count() <= 4
                    && lexicon::has_any(&l.text, lexicon::ROADMAP_LABEL_HEADERS))
        })
}

/// The year column whose header word starts nearest to character column `at`.
fn nearest(cols: &[(usize, Column)], at: usize) -> Option<Column> {
    cols.iter()
        .min_by_key(|(c, _)| c.abs_diff(at))
        .map(|(_, col)| *col)
}

/// True for a word of arrows and bars only, or one ending in an arrow (`──────→`).
fn is_arrow(w: &str) -> bool {
    w.ends_with(['→', '⇒', '▶', '➡'])
}

/// Every item of every roadmap printed as text in `doc`.
pub(super) fn read(doc: &Doc) -> Vec<RoadmapOut> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < doc.lines.len() {
        let Some(cols) = doc.lines.get(i).and_then(header).filter(|_| named(doc, i)) else {
            i += 1;
            continue;
        };
        i += 1;
        while let Some(line) = doc.lines.get(i) {
            if line.is_blank() || header(line).is_some() {
                break;
            }
            if let Some(item) = item(line, &cols) {
                out.push(item);
            }
            i += 1;
        }
    }
    out
}

/// One item line read against the header's columns.
fn item(line: &Line, cols: &[(usize, Column)]) -> Option<RoadmapOut> {
    let raw = line.raw.trim_end();
    let words = words(raw);
    // The title: the words up to the first run of two spaces.
    let mut title_end = 0;
    for (k, (at, _)) in words.iter().enumerate() {
        if k > 0 {
            let prev_end = words.get(k - 1).map_or(0, |(a, p)| a + p.chars().count());
            if at.saturating_sub(prev_end) >= 2 {
                break;
            }
        }
        title_end = k + 1;
    }
    let mut title_words = words.get(..title_end)?;
    // A vertical label's character glued to the item (`ビ 進捗確認と…`).
    if title_words.len() >= 2
        && title_words
            .first()
            .is_some_and(|(_, w)| w.chars().count() == 1)
    {
        title_words = title_words.get(1..)?;
    }
    let title = normalize(
        &title_words
            .iter()
            .map(|(_, w)| *w)
            .collect::<Vec<_>>()
            .join(" "),
    );
    let title = title.trim().to_owned();
    if title.chars().count() <= 2 {
        return None;
    }
    let bar = words.get(title_end..).unwrap_or_default();
    let (start, end) = match (bar.first(), bar.last()) {
        (Some((first, _)), Some((last, w))) => {
            let start = nearest(cols, *first).map(|c| c.start);
            let end = if is_arrow(w) {
                cols.last().map(|(_, c)| c.end)
            } else {
                nearest(cols, *last).map(|c| c.end)
            };
            (start, end)
        }
        _ => (None, None),
    };
    Some(RoadmapOut {
        node: None,
        group: None,
        title,
        content: None,
        start,
        end: end.filter(|e| start.is_none_or(|s| period_le(s, *e))),
        notes: Vec::new(),
        line: line.no,
    })
}

fn period_le(a: Period, b: Period) -> bool {
    year_of(a) <= year_of(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
        read(&Doc::new("t.txt", text))
            .into_iter()
            .map(|r| {
                (
                    r.title,
                    r.start.map(|p| p.to_string()),
                    r.end.map(|p| p.to_string()),
                )
            })
            .collect()
    }

    #[test]
    fn a_laid_out_roadmap_reads_spans_from_word_positions_and_trailing_arrows() {
        let text = [
            "【工程表】",
            "  事業       R6年度  R7年度  R8年度  R9年度",
            "案内板の更新     設計   改修工事 ────→",
            "通学路の点検     点検・整備",
            "空き家の調査                 調査  補助制度",
        ]
        .join("\n");
        assert_eq!(
            items(&text),
            vec![
                (
                    "案内板の更新".into(),
                    Some("FY2024".into()),
                    Some("FY2027".into())
                ),
                (
                    "通学路の点検".into(),
                    Some("FY2024".into()),
                    Some("FY2024".into())
                ),
                (
                    "空き家の調査".into(),
                    Some("FY2026".into()),
                    Some("FY2027".into())
                ),
            ]
        );
    }

    #[test]
    fn items_one_a_line_drop_vertical_label_pieces() {
        let text = [
            "スケジュール",
            "項目",
            "R6 R7 R8 R9",
            "公園の再整備",
            "緑",
            "化",
            "推 街路樹の更新",
            "進",
            "ベンチの設置",
        ]
        .join("\n");
        let got: Vec<String> = items(&text).into_iter().map(|i| i.0).collect();
        assert_eq!(got, vec!["公園の再整備", "街路樹の更新", "ベンチの設置"]);
    }

    #[test]
    fn years_without_a_roadmap_name_are_no_roadmap() {
        assert!(items("人口の推移\nR2 R3 R4\n12,000 11,800 11,600\n").is_empty());
    }
}
