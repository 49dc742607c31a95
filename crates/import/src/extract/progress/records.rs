//! Labelled records printed one field per line: a progress list whose table a PDF's text
//! layer gives cell by cell, each field's label on a line of its own and its value on the
//! lines below it.
//!
//! ```text
//! 3
//! 2030 年度までに、市内の新規就農者数を年間 45 人とする。
//! 最新の数値
//! 38
//! 人
//! (2023 年度)
//! KPI の進捗
//! B
//! ```
//!
//! A record is read at a label of the latest value ([`lexicon::RECORD_LATEST_LABELS`]):
//! - the actual is the lines below the label that are pieces of one value — a number, a unit
//!   (printed apart or split over characters: `億 円`), its period in brackets, a dash for
//!   none — joined, at most [`MAX_VALUE_LINES`] of them;
//! - the name and the target are the record's statement of its target, the nearest line above
//!   the label within [`MAX_STATEMENT_DISTANCE`] lines that says `…までに、<name>を<value>とする`
//!   ([`target_statement`]);
//! - the grade is the line after a grade label (`KPI の進捗`, `評価`: a short line ending in a
//!   [`lexicon::GRADE_HEADERS`] word) right after the value, when that line is a grade.
//!
//! A label without such a statement above it gives nothing: a latest value alone is no
//! entry. Guarantees: never panics; each label looks at a bounded number of lines around it.

use shinchoku_core::quantity::parse_quantity;
use shinchoku_core::text::close_up_spaces;

use super::{grade_cell, read_value, Context};
use crate::extract::kpi_sheet_runon::YearGrid;
use crate::extract::layout::tokens::{kind, Kind};
use crate::extract::lexicon;
use crate::extract::model::{ProgressEntry, Warning};
use crate::extract::text::Line;

/// The most lines one value is printed over (`2,874` / `億 円` / `(2022 年度)`).
const MAX_VALUE_LINES: usize = 4;

/// How far above its latest value's label a record's statement may stand.
const MAX_STATEMENT_DISTANCE: usize = 3;

/// The longest name a target statement gives.
const MAX_STATEMENT_NAME_CHARS: usize = 40;

/// The longest grade label (`KPI の進捗`), in characters with spaces closed up.
const MAX_GRADE_LABEL_CHARS: usize = 12;

/// Every record of `lines` (the lines outside tables, in order) with a statement and a value.
pub(super) fn read(
    lines: &[&Line],
    ctx: &Context,
    warnings: &mut Vec<Warning>,
) -> Vec<ProgressEntry> {
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if !is_latest_label(line) {
            continue;
        }
        let Some((name, target)) = (1..=MAX_STATEMENT_DISTANCE)
            .filter_map(|d| i.checked_sub(d).and_then(|k| lines.get(k)))
            .find_map(|l| target_statement(&l.text))
        else {
            continue;
        };
        let mut actual = String::new();
        let mut end = i + 1;
        while let Some(l) = lines.get(end).filter(|_| end - i <= MAX_VALUE_LINES) {
            let piece = close_up_spaces(&l.text);
            if !is_value_piece(&piece) {
                break;
            }
            actual.push_str(&piece);
            end += 1;
        }
        if actual.is_empty() {
            continue;
        }
        let Some(mut v) = read_value(&format!("{actual}/{target}"), ctx) else {
            continue;
        };
        let label = lines.get(end).filter(|l| is_grade_label(l));
        if let Some(m) = label
            .and_then(|_| lines.get(end + 1))
            .and_then(|l| super::grade(&l.text).or_else(|| grade_cell(&l.text)))
        {
            v.mark = Some(m);
        }
        out.push(v.into_entry(name, line.no, warnings));
    }
    out
}

/// The entry of a KPI sheet's year grid ([`YearGrid`]): its latest actual against the same
/// year's expected value, with the grid's unit and grade, as of that year.
pub(super) fn from_grid(
    g: &YearGrid,
    line: usize,
    ctx: &Context,
    warnings: &mut Vec<Warning>,
) -> Option<ProgressEntry> {
    let (year, actual, expected) = g.latest()?;
    let unit = g.unit.as_deref().unwrap_or_default();
    let text = format!(
        "{}{unit}/{}{unit}",
        actual.normalize(),
        expected.normalize()
    );
    let mut v = read_value(&text, ctx)?;
    v.as_of = Some(year);
    v.mark.clone_from(&g.mark);
    Some(v.into_entry(g.name.clone(), line, warnings))
}

/// A line that is only a label of the latest value (`最新の数値`).
fn is_latest_label(line: &Line) -> bool {
    let t = close_up_spaces(&line.text);
    lexicon::RECORD_LATEST_LABELS.contains(&t.as_str())
}

/// A short line that labels a grade (`KPI の進捗`, `評価`).
fn is_grade_label(line: &Line) -> bool {
    let t = close_up_spaces(&line.text);
    t.chars().count() <= MAX_GRADE_LABEL_CHARS
        && lexicon::GRADE_HEADERS.iter().any(|w| t.ends_with(w))
}

/// A line that is one piece of a value printed over lines: a number (with its unit), a unit,
/// a bracketed note, or a dash.
fn is_value_piece(t: &str) -> bool {
    if t.is_empty() {
        return false;
    }
    if t.starts_with('(') && t.ends_with(')') {
        return true;
    }
    if lexicon::is_unit(t) || t == "%" {
        return true;
    }
    parse_quantity(t).is_ok_and(|q| q.value.is_some()) || kind(t) == Kind::Dash
}

/// The name and the target of a sentence that sets a target: `<when>までに、<name>を<value>とする`
/// (the `<when>までに、` may be absent; an annual mark before the value, `年間`, is dropped).
/// The value must be a number; the name is the words before the last `を` ahead of it.
pub fn target_statement(text: &str) -> Option<(String, String)> {
    let t = close_up_spaces(text);
    let t = t.trim_end_matches(['。', '.']);
    let body = lexicon::TARGET_STATEMENT_ENDS
        .iter()
        .find_map(|e| t.strip_suffix(e))?;
    let body = match body.split_once(lexicon::TARGET_STATEMENT_BY) {
        Some((_, rest)) => rest.trim_start_matches(['、', ',']),
        None => body,
    };
    let (name, value) = body.rsplit_once('を')?;
    let value = lexicon::ANNUAL_MARKS
        .iter()
        .find_map(|m| value.strip_prefix(m))
        .unwrap_or(value);
    let name = name.trim();
    if name.is_empty() || name.chars().count() > MAX_STATEMENT_NAME_CHARS {
        return None;
    }
    parse_quantity(value)
        .ok()
        .filter(|q| q.value.is_some() && !q.unit.is_empty())?;
    Some((name.to_owned(), value.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::Doc;
    use shinchoku_core::Decimal;

    fn records(text: &str) -> Vec<ProgressEntry> {
        let doc = Doc::new("t.txt", text);
        let lines: Vec<&Line> = doc.lines.iter().filter(|l| !l.is_blank()).collect();
        read(
            &lines,
            &Context {
                report_date: None,
                in_columns: false,
            },
            &mut Vec::new(),
        )
    }

    #[test]
    fn a_sentence_setting_a_target_gives_its_measure_and_value() {
        assert_eq!(
            target_statement("2030 年度までに、市内の新規就農者数を年間 45 人とする。"),
            Some(("市内の新規就農者数".to_owned(), "45人".to_owned()))
        );
        assert_eq!(
            target_statement("港の取扱貨物量を 1,600 万 トンとする。"),
            Some(("港の取扱貨物量".to_owned(), "1,600万トン".to_owned()))
        );
        assert_eq!(target_statement("今後の方針を整理することとする。"), None);
    }

    #[test]
    fn a_record_of_labelled_lines_is_an_entry_with_its_grade() {
        let got = records(
            "7\n2030 年度までに、市内の新規就農者数を年間 45 人とする。\n最新の数値\n38\n人\n\
             (2023 年度)\nKPI の進捗\nB\n\
             8\n2030 年までに、港の取扱貨物量を 1,600 万 トンとする。\n最新の数値\n―\n\
             KPI の進捗\nN\n",
        );
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].name, "市内の新規就農者数");
        assert_eq!(got[0].actual, Some(Decimal::from(38)));
        assert_eq!(got[0].target, Some(Decimal::from(45)));
        assert_eq!(got[0].unit, "人");
        assert_eq!(got[0].mark.as_deref(), Some("B"));
        assert_eq!(got[1].name, "港の取扱貨物量");
        assert_eq!(got[1].actual, None);
        assert_eq!(got[1].target, Some(Decimal::from(1600)));
        assert_eq!(got[1].mark.as_deref(), Some("N"));
    }

    #[test]
    fn a_latest_value_without_a_statement_above_is_no_entry() {
        assert!(records("集計の概要\n最新の数値\n38\n人\n").is_empty());
    }
}
