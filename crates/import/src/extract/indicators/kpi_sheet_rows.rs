//! A KPI sheet's year grid as a PDF's text layer gives it: the cells of the form come out in
//! drawing order, so the rows of values stand apart from the header that labels them.
//!
//! The header is a line of its own: a baseline word, the unit's bracket, the years and a
//! target word (`従前値 (単位) R2 R3 R4 R5 R6 目標値`, [`lexicon::SHEET_GRID_BASELINE_WORDS`],
//! [`lexicon::TARGET_LABELS`]). Its rows are the lines near it (within [`NEAR`] lines, before
//! or after, and not past another grid's header) made only of numbers, dashes for the years not reached, units and years
//! (`件 R3年度 - - - - 38 38 件 R6年度`, `22 - - - - 22 件`). A row holds a value for every
//! column, or one fewer: then a row that opens with a value starts at the baseline column and
//! one that opens with a unit or a year ends at the target column. The baseline is the first
//! row's value under the baseline column, the target the first row's value under the target
//! column; the unit the one the rows print. The target's year is the year printed after it in
//! its row (`38 件 R6年度`), else the header's last year; the baseline's is the year a sentence
//! of the sheet gives the same value with, beside a word for the plan's making
//! (`計画策定時(令和元年度)の…は22件`, [`lexicon::ANCHORED_BASELINE_HEADERS`]).
//!
//! The name is the line under the sheet's name label nearest the header (`KPI その2`, a name
//! header word alone or with its number, [`lexicon::SHEET_NAME_LABELS`]); without one, no
//! indicator is read. Which row holds the actuals the sheet does not say, so they are not read.

use shinchoku_core::era::parse_period;
use shinchoku_core::period::Period;
use shinchoku_core::Decimal;

use super::cells::Side;
use super::periods::{find_period, Dated};
use super::table::Draft;
use crate::extract::layout::tokens::{tokens, Kind, Token};
use crate::extract::lexicon;
use crate::extract::text::Doc;

/// How many lines from the header its rows and its name label may stand.
const NEAR: usize = 12;

/// The most words a header or a row of the grid has.
const MAX_WORDS: usize = 40;

/// Every year grid of a KPI sheet in `doc`, one draft each.
pub(super) fn sheet_grids(doc: &Doc) -> Vec<Draft> {
    let heads: Vec<(usize, Header)> = doc
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_row())
        .filter_map(|(h, l)| grid_header(&l.text).map(|head| (h, head)))
        .collect();
    let mut out = Vec::new();
    for (k, (h, head)) in heads.iter().enumerate() {
        // A sheet's lines reach no further than the next sheet's header, nor back past the
        // one before.
        let from = match k.checked_sub(1).and_then(|j| heads.get(j)) {
            Some((prev, _)) => (prev + 1).max(h.saturating_sub(NEAR)),
            None => h.saturating_sub(NEAR),
        };
        let to = match heads.get(k + 1) {
            Some((next, _)) => (*next).min(h + NEAR + 1),
            None => (h + NEAR + 1).min(doc.lines.len()),
        };
        if let Some(d) = read_grid(doc, *h, head, from..to) {
            out.push(d);
        }
    }
    out
}

/// A grid header: its years, in order.
struct Header {
    years: Vec<Period>,
}

/// `従前値 (単位) R2 R3 R4 R5 R6 目標値`: a baseline word, the unit's bracket (optional), two
/// years or more, a target word, and nothing else.
fn grid_header(text: &str) -> Option<Header> {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() > MAX_WORDS {
        return None;
    }
    let (first, rest) = words.split_first()?;
    let (last, middle) = rest.split_last()?;
    if !lexicon::SHEET_GRID_BASELINE_WORDS.contains(first) || !lexicon::TARGET_LABELS.contains(last)
    {
        return None;
    }
    let middle = match middle.split_first() {
        Some((u, m)) if u.starts_with('(') && u.contains("単位") => m,
        _ => middle,
    };
    let years = middle
        .iter()
        .map(|w| parse_period(w).ok())
        .collect::<Option<Vec<Period>>>()?;
    (years.len() >= 2).then_some(Header { years })
}

/// One row of the grid: a value (or `None` for a dash) per column it covers, from `first`.
struct Row {
    first: usize,
    values: Vec<Option<Decimal>>,
    /// The year printed after the row's last value.
    year_after: Option<Period>,
    units: Vec<String>,
}

/// A line of numbers, dashes, units and years laid onto `columns` columns.
fn grid_row(text: &str, columns: usize) -> Option<Row> {
    let toks: Vec<Token> = tokens(text, MAX_WORDS)?;
    if toks.is_empty()
        || !toks
            .iter()
            .all(|t| matches!(t.kind, Kind::Num | Kind::Dash | Kind::Unit | Kind::Year))
    {
        return None;
    }
    let is_value = |t: &Token| matches!(t.kind, Kind::Num | Kind::Dash);
    let values: Vec<Option<Decimal>> = toks
        .iter()
        .filter(|t| is_value(t))
        .map(|t| number(&t.text))
        .collect();
    if !values.iter().any(Option::is_some) {
        return None;
    }
    let first = if values.len() == columns {
        0
    } else if values.len() + 1 == columns {
        usize::from(!toks.first().is_some_and(is_value))
    } else {
        return None;
    };
    let last_value = toks.iter().rposition(is_value)?;
    let year_after = toks[last_value..]
        .iter()
        .find(|t| t.kind == Kind::Year)
        .and_then(|t| parse_period(&t.text).ok());
    let units = toks
        .iter()
        .filter(|t| t.kind == Kind::Unit)
        .map(|t| t.text.clone())
        .collect();
    Some(Row {
        first,
        values,
        year_after,
        units,
    })
}

/// A number as printed (`1,234`, `38`), or `None` for a dash or a number with more to it.
fn number(t: &str) -> Option<Decimal> {
    t.replace(',', "").parse().ok()
}

/// The grid whose header is line `h`, its rows and name among the lines `near`, as a draft.
fn read_grid(doc: &Doc, h: usize, head: &Header, near: std::ops::Range<usize>) -> Option<Draft> {
    let columns = head.years.len() + 2;
    let rows: Vec<Row> = near
        .clone()
        .filter(|&i| i != h)
        .filter_map(|i| doc.lines.get(i))
        .filter(|l| !l.is_row())
        .filter_map(|l| grid_row(&l.text, columns))
        .collect();
    let at = |r: &Row, c: usize| {
        c.checked_sub(r.first)
            .and_then(|k| r.values.get(k).copied().flatten())
    };
    let baseline = rows.iter().find_map(|r| at(r, 0));
    let (target, target_row) = rows
        .iter()
        .find_map(|r| at(r, columns - 1).map(|v| (v, r)))?;
    let mut units: Vec<&String> = rows.iter().flat_map(|r| &r.units).collect();
    units.dedup();
    let unit = match units.as_slice() {
        [u] => Some((*u).clone()),
        _ => None,
    };
    let name = name_near(doc, h, near.clone())?;
    let target_year = target_row.year_after.or_else(|| head.years.last().copied());
    let baseline_year = baseline.and_then(|v| {
        near.clone()
            .filter_map(|i| doc.lines.get(i))
            .find_map(|l| year_of_value(&l.text, v, unit.as_deref()))
    });
    Some(Draft {
        line: doc.lines.get(h)?.no,
        name,
        unit,
        baseline: Side {
            present: baseline.is_some(),
            value: baseline,
            period: baseline_year.map(Dated::explicit),
            ..Side::default()
        },
        target: Side {
            present: true,
            value: Some(target),
            period: target_year.map(Dated::explicit),
            ..Side::default()
        },
        ..Draft::default()
    })
}

/// The name under the sheet's name label nearest line `h` (`KPI その2` over the name).
fn name_near(doc: &Doc, h: usize, near: std::ops::Range<usize>) -> Option<String> {
    let mut best: Option<(usize, String)> = None;
    for i in near {
        let Some(l) = doc.lines.get(i) else { continue };
        if l.is_row() || !is_name_label(&l.text) {
            continue;
        }
        let Some(name) = doc
            .next_nonblank(i + 1)
            .and_then(|j| doc.lines.get(j))
            .filter(|n| !n.is_row())
            .map(|n| n.text.trim().to_owned())
            .filter(|n| is_name(n))
        else {
            continue;
        };
        let d = i.abs_diff(h);
        if best.as_ref().is_none_or(|(bd, _)| d < *bd) {
            best = Some((d, name));
        }
    }
    best.map(|(_, n)| n)
}

/// A name label: a name header word alone or with its number (`KPI その2`, `指標 1`).
fn is_name_label(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    match words.as_slice() {
        [w] => lexicon::SHEET_NAME_LABELS.contains(w),
        [w, n] => lexicon::SHEET_NAME_LABELS.contains(w) && is_ordinal(n),
        _ => false,
    }
}

/// `その2`, `2`, `(2)`, `②`.
fn is_ordinal(n: &str) -> bool {
    let n = n.strip_prefix("その").unwrap_or(n);
    let n = n
        .strip_prefix('(')
        .and_then(|x| x.strip_suffix(')'))
        .unwrap_or(n);
    (!n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        || (n.chars().count() == 1 && n.chars().all(|c| ('①'..='⑳').contains(&c)))
}

/// A line that may be a name: text without a sentence end, a colon or a header word, not
/// too long.
fn is_name(n: &str) -> bool {
    let len = n.chars().count();
    (2..=60).contains(&len)
        && !n.contains(['。', ':', '：'])
        && !n.chars().next().is_some_and(|c| c.is_ascii_digit())
        && crate::extract::lexicon::head_word(n).is_none()
}

/// The year a sentence gives `value` with (`計画策定時(令和元年度)の創業支援件数は22件`): the
/// sentence prints the value with the unit, a word for the plan's making, and a period in
/// brackets before the value.
fn year_of_value(text: &str, value: Decimal, unit: Option<&str>) -> Option<Period> {
    let unit = unit?;
    let printed = format!("{value}{unit}");
    for sentence in text.split('。') {
        let plain: String = sentence
            .chars()
            .filter(|&c| c != ',' && !c.is_whitespace())
            .collect();
        let Some(at) = find_number(&plain, &printed) else {
            continue;
        };
        let before = &plain[..at];
        if !lexicon::has_any(before, lexicon::ANCHORED_BASELINE_HEADERS) {
            continue;
        }
        let bracket = before.rfind('(').map(|o| &before[o..])?;
        if let Some(d) = find_period(bracket) {
            return Some(d.period);
        }
    }
    None
}

/// Where `printed` (`22件`) stands in `s` as a number of its own (no digit before it).
fn find_number(s: &str, printed: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(k) = s.get(from..)?.find(printed) {
        let at = from + k;
        let digit_before = s[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_digit() || c == '.');
        if !digit_before {
            return Some(at);
        }
        from = at + printed.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grids(text: &str) -> Vec<Draft> {
        sheet_grids(&Doc::new("t.txt", text))
    }

    #[test]
    fn a_sheets_grid_drawn_before_its_header_gives_the_baseline_and_the_target() {
        let got = grids(
            "基準年度 目標年度\n\
             人 R4年度 - - 120 120 人 R7年度\n\
             85 - - 96 人\n\
             設定根拠 計画策定時(令和3年度)の講座受講者は85人であり、120人を目指します。\n\
             従前値 (単位) R5 R6 R7 目標値\n\
             指標 1\n\
             市民大学講座の受講者数\n",
        );
        assert_eq!(got.len(), 1);
        let d = &got[0];
        assert_eq!(d.name, "市民大学講座の受講者数");
        assert_eq!(d.unit.as_deref(), Some("人"));
        assert_eq!(d.baseline.value, Some(Decimal::from(85)));
        assert_eq!(
            d.baseline.period.map(|p| p.period),
            Some(Period::FiscalYear(2021))
        );
        assert_eq!(d.target.value, Some(Decimal::from(120)));
        assert_eq!(
            d.target.period.map(|p| p.period),
            Some(Period::FiscalYear(2025))
        );
    }

    #[test]
    fn without_a_name_label_or_rows_of_as_many_values_no_grid_is_read() {
        assert!(grids("85 - - 96 人\n従前値 R5 R6 R7 目標値\n市民大学講座の受講者数\n").is_empty());
        assert!(
            grids("85 96 人\n従前値 R5 R6 R7 目標値\n指標\n市民大学講座の受講者数\n").is_empty()
        );
    }

    #[test]
    fn each_sheet_reads_its_own_rows_not_the_next_sheets() {
        let got = grids(
            "人 R4年度 - - 120 120 人 R7年度\n\
             85 - - 96 人\n\
             従前値 (単位) R5 R6 R7 目標値\n\
             指標 1\n\
             市民大学講座の受講者数\n\
             従前値 (単位) R5 R6 R7 目標値\n\
             指標 2\n\
             図書館ボランティアの登録者数\n",
        );
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].name, "市民大学講座の受講者数");
    }

    #[test]
    fn a_header_with_other_words_is_no_grid_header() {
        assert!(grid_header("従前値 (単位) R5 R6 R7 目標値").is_some());
        assert!(grid_header("現状値 R5 R6 目標値 説明").is_none());
        assert!(grid_header("従前値 目標値").is_none());
    }
}
