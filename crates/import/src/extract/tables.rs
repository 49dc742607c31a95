//! Data tables, support-institution matrices and member lists: the tables of a plan that are
//! not indicator tables.
//!
//! A plan's 現状と課題 carries small statistical tables (`年度 | H30 | R1 | R2 | R3` over a
//! row of counts, a caption above, `資料 …` below); its closing pages carry a matrix of
//! support institutions against support roles (`○` where an institution plays a role) and
//! the list of the committee that wrote it. Each shape has its own submodule, each reading the
//! blocks the classifier ([`super::blocks`]) labels its own, by the header test it gives the
//! classifier (`is_year_header`, `is_role_header`, `is_member_header` below):
//!
//! - `series`: tables whose columns are years become [`super::model::SeriesOut`]s (values,
//!   targets where rows pair 目標 with 実績, a printed 合計, the 資料 line);
//! - `matrix`: tables whose cells are only marks under a header of words become
//!   organisations with roles, and the header becomes the plan's role vocabulary;
//! - `members`: tables with a 氏名 column become members (organisation, position, name and
//!   reading), dated by the `（令和2年10月現在）` of their caption.
//!
//! This file holds what they share: the caption above a table, the unit line, the source line
//! below it, and the character classes names are judged by.
//!
//! Guarantees: never panics on any input (no unchecked indexing, strings cut only at char
//! boundaries); time linear in the document (each block is read a bounded number of times, and
//! captions and sources are looked for a few lines around a block, never across the document).

mod evaluation_sheet;
mod matrix;
mod members;
mod series;

use shinchoku_core::quantity::Unit;
use shinchoku_core::text::fold_printed_name;

use super::blocks::{self, Blocks, Kind};
use super::lexicon;
use super::model::{Extraction, ProgressEntry};
use super::scan::strip_tags;
use super::text::{Doc, Line};

/// Adds what this recogniser finds in `doc` to `ex`.
pub fn recognize(doc: &Doc, ex: &mut Extraction) {
    recognize_in(doc, &blocks::classify(doc), ex);
}

/// Adds the data series, role matrices and member lists `blocks` labels to `ex`.
pub fn recognize_in(doc: &Doc, blocks: &Blocks, ex: &mut Extraction) {
    series::recognize(doc, blocks.of(Kind::Series), ex);
    evaluation_sheet::recognize(doc, blocks.of(Kind::Series), ex);
    matrix::recognize(doc, blocks.of(Kind::Matrix), ex);
    members::recognize(doc, blocks.of(Kind::Members), ex);
    progress_of_paired_series(ex);
}

/// A progress entry for each data series whose rows pair 目標値 with 実績値 year by year
/// (`目標値 | 37.5 | … | 35.5` over `実績値 | 37.9 | … | 34.9`) and that no progress entry
/// names yet: its latest actual against the same year's target, and the last year's target
/// as the plan's when that year comes later. A series whose latest actual has no target of
/// its year gives none: which target it is measured against is not printed.
fn progress_of_paired_series(ex: &mut Extraction) {
    let mut entries = Vec::new();
    for s in &ex.series {
        if s.targets.is_empty() || ex.progress_entries.iter().any(|e| e.name == s.name) {
            continue;
        }
        let Some(&(year, actual)) = s.values.iter().max_by_key(|(p, _)| *p) else {
            continue;
        };
        let Some(&(_, target)) = s.targets.iter().find(|(p, _)| *p == year) else {
            continue;
        };
        let last = s.targets.iter().max_by_key(|(p, _)| *p);
        // A row printing bare numbers counts in its indicator's unit (`61,240人` beside it).
        let unit = match s.unit.as_str() {
            "" => ex
                .indicators
                .iter()
                .find(|i| i.name == s.name)
                .map_or_else(String::new, |i| i.unit.clone()),
            u => u.to_owned(),
        };
        entries.push(ProgressEntry {
            name: s.name.clone(),
            actual: Some(actual),
            target: Some(target),
            final_target: last.filter(|(p, _)| *p > year).map(|&(_, v)| v),
            unit,
            as_of: Some(year),
            line: s.line,
            ..ProgressEntry::default()
        });
    }
    ex.progress_entries.extend(entries);
}

/// True when a row heads a data series with its years across (`年度 | H30 | R1 | R2`).
pub(crate) fn is_year_header(cells: &[String]) -> bool {
    series::is_year_header(cells)
}

/// True when a row heads an indicator table's columns (`指標名 | 単位 | 基準値 | 目標値`): the
/// years on the line under it are that table's, not a data series'.
pub(crate) fn heads_indicator_columns(cells: &[String]) -> bool {
    series::heads_indicator_columns(cells)
}

/// True when a run of rows is a data series with its years down the first column.
pub(crate) fn has_years_down(rows: &[Line]) -> bool {
    series::has_years_down(rows)
}

/// True when a row heads a role matrix (a row of short role words).
pub(crate) fn is_role_header(line: &Line) -> bool {
    matrix::role_header(line).is_some()
}

/// True when a row heads a member list (a 氏名 column beside another field).
pub(crate) fn is_member_header(line: &Line) -> bool {
    members::is_member_header(line)
}

/// How many non-blank lines above a table are searched for its caption (a caption, a unit
/// line and a figure number at most sit between a table and the text before it).
const CAPTION_REACH: usize = 4;
/// A caption is a title, not a sentence: longer lines are body text.
const CAPTION_MAX_CHARS: usize = 60;

/// What the lines just above a table say about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Caption {
    /// The title (`企業の誘致件数`), as printed (normalised), with its line.
    text: Option<(String, usize)>,
    /// A unit given by a `（単位：件）` line or in the title.
    unit: Option<String>,
}

/// The caption of the table whose first row is `doc.lines[idx]`: the nearest title-like line
/// above it (blank lines skipped), and a unit line on the way. A row line (another table), a
/// sentence (`。`, a `-` or `・` bullet) or a source line (`資料 …`, the previous table's) ends
/// the search.
fn caption_above(doc: &Doc, idx: usize) -> Caption {
    let mut out = Caption::default();
    let mut seen = 0;
    let mut i = idx;
    while i > 0 && seen < CAPTION_REACH {
        i -= 1;
        let Some(line) = doc.lines.get(i) else { break };
        if line.is_blank() {
            continue;
        }
        seen += 1;
        if line.is_row() {
            break;
        }
        let text = strip_tags(&line.text);
        let c = fold_printed_name(&text);
        if is_unit_line(&c) {
            if out.unit.is_none() {
                out.unit = unit_in(&c);
            }
            continue;
        }
        if is_source_line(&c) || !is_title_like(&text) {
            break;
        }
        if out.unit.is_none() {
            out.unit = unit_in(&c);
        }
        out.text = Some((text, line.no));
        break;
    }
    out
}

/// True for a line that only gives a unit: `（単位：件）`, `単位:千人`.
fn is_unit_line(c: &str) -> bool {
    let inner = c
        .strip_prefix('(')
        .and_then(|s| s.strip_suffix(')'))
        .unwrap_or(c);
    inner.starts_with("単位") && inner.chars().count() <= 16
}

/// The unit a `単位：件` phrase names, anywhere in `c` (compacted text).
fn unit_in(c: &str) -> Option<String> {
    let (_, rest) = c.split_once("単位")?;
    let separated = rest.starts_with([':', '：', '=']);
    let rest = rest.trim_start_matches([':', '：', '=']);
    let unit: String = rest
        .chars()
        .take_while(|ch| {
            !matches!(ch, ')' | ']' | '】' | '、' | ',' | ';' | '/') && !ch.is_whitespace()
        })
        .collect();
    let unit = Unit::new(&unit);
    // `単位：人` names a unit; `単位なし` does not, so without a separator the unit must be one
    // the plans use.
    let plausible = separated && unit.as_str().chars().count() <= 6 || unit.is_known();
    (!unit.is_empty() && plausible).then(|| unit.as_str().to_owned())
}

/// True for a `資料 …` / `出典：…` line.
fn is_source_line(c: &str) -> bool {
    lexicon::SOURCE_MARKS.iter().any(|w| c.starts_with(w))
}

/// True for a line that can be a table's title: short, not a sentence, not a bullet or note.
fn is_title_like(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.chars().count() <= CAPTION_MAX_CHARS
        && !t.ends_with('。')
        && !t.starts_with(['-', '・', '※', '*', '注'])
}

/// The source printed below the table that ends before `doc.lines[end]`: the first non-blank
/// line (or the one after a `※` note) when it starts with `資料` or `出典`, without that word
/// and its separator (`資料 県商工労働部` → `県商工労働部`).
fn source_below(doc: &Doc, end: usize) -> Option<String> {
    let mut seen = 0;
    for line in doc.lines.iter().skip(end) {
        if line.is_blank() {
            continue;
        }
        seen += 1;
        if seen > 2 || line.is_row() {
            return None;
        }
        let text = line.text.trim();
        for word in lexicon::SOURCE_MARKS {
            if let Some(rest) = text.strip_prefix(word) {
                let rest = rest.trim_start_matches([':', '：', ' ', '\u{3000}', '\t']);
                let rest = rest.trim();
                return (!rest.is_empty()).then(|| rest.to_owned());
            }
        }
        if !text.starts_with(['※', '注', '*']) {
            return None;
        }
    }
    None
}

/// The bracketed groups of `s` (`(` … `)`, outermost only), as (byte start of `(`, byte end
/// after `)`, inner text). Unbalanced brackets end the scan.
fn bracket_groups(s: &str) -> Vec<(usize, usize, &str)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    start = i;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push((start, i + 1, &s[start + 1..i]));
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Doc {
        Doc::new("t.txt", text)
    }

    #[test]
    fn the_caption_is_the_title_line_above_with_its_unit_line() {
        let d = doc("本文です。\n\n創業数の推移\n（単位：件）\n\n年度\tH30\tR1\n");
        let c = caption_above(&d, 5);
        assert_eq!(c.text, Some(("創業数の推移".to_owned(), 3)));
        assert_eq!(c.unit.as_deref(), Some("件"));
    }

    #[test]
    fn a_sentence_or_a_source_line_is_no_caption() {
        let d = doc("件数は増加しています。\n\n年度\tH30\tR1\n");
        assert_eq!(caption_above(&d, 2).text, None);
        let d = doc("資料 県商工労働部\n\n年度\tH30\tR1\n");
        assert_eq!(caption_above(&d, 2).text, None);
        let d = doc("- 件数は増加\n年度\tH30\tR1\n");
        assert_eq!(caption_above(&d, 1).text, None);
    }

    #[test]
    fn the_source_is_the_shiryou_line_below() {
        for (text, want) in [
            ("a\tb\n\n資料 県商工労働部\n", Some("県商工労働部")),
            (
                "a\tb\n資料：帝国データバンク「調査」\n",
                Some("帝国データバンク「調査」"),
            ),
            (
                "a\tb\n\n出典:総務省「経済センサス」\n",
                Some("総務省「経済センサス」"),
            ),
            ("a\tb\n\n本文\n\n資料 県\n", None),
            ("a\tb\n\n- 本文\n", None),
        ] {
            let d = doc(text);
            assert_eq!(source_below(&d, 1).as_deref(), want, "{text:?}");
        }
    }

    #[test]
    fn units_are_read_from_tani_phrases() {
        assert_eq!(unit_in("(単位:件)").as_deref(), Some("件"));
        assert_eq!(unit_in("観光客数(単位:千人、%)").as_deref(), Some("千人"));
        assert_eq!(unit_in("単位:億円").as_deref(), Some("億円"));
        assert_eq!(unit_in("単位なし"), None);
        assert!(is_unit_line("(単位:件)"));
        assert!(!is_unit_line("創業数(件)"));
    }

    proptest::proptest! {
        /// Any text made of the pieces these tables are written with is read without a panic.
        #[test]
        fn never_panics_on_table_like_text(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "\t", "\n", " ", "　", "(", ")", "（", "）", "【", "】", "[", "]", "<p>", "</p>",
                "<", ">", "年", "年度", "H30", "R元", "R1", "2018", "H26-29", "~", "合計", "計",
                "目標", "実績", "うち", "累計", "(累計)", "単位:", "件", "%", "1,229", "5件", "—",
                "-", "○", "◎", "氏名", "所属", "役職", "ふりがな", "所属・役職", "あだち", "安達",
                "ひでき", "秀樹", "名", "現在", "令和2年10月", "資料", "■", "①", "é", "\u{0}",
            ]),
            0..80,
        )) {
            let text: String = pieces.concat();
            let doc = Doc::new("p.txt", &text);
            let mut ex = Extraction::default();
            recognize(&doc, &mut ex);
        }
    }

    #[test]
    fn bracket_groups_are_outermost_and_balanced() {
        let s = "委員名簿(令和2年10月現在)(注(1))";
        let g: Vec<&str> = bracket_groups(s).into_iter().map(|(_, _, t)| t).collect();
        assert_eq!(g, ["令和2年10月現在", "注(1)"]);
        assert!(bracket_groups("((").is_empty());
        assert!(bracket_groups(")(").is_empty());
    }
}
