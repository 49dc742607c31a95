//! An evaluation sheet's indicator grid (施策評価調書): a name column, a row-label column and
//! years, each indicator a group of labelled rows, its name cell holding its baseline.
//!
//! ```text
//! 指標名                              区分     R2     R3     R4     R5     R6
//! 図書館の利用者数(千人)基準値 198(R1)  目標値   210    220    230    240    250
//!                                     実績値   205    226    228
//!                                     達成率   97.6%  102.7%  99.1%
//! ```
//!
//! The data-series reader keeps the figures as a series; this reader reads the grid as the
//! sheet means it. An indicator is a group whose first row names it: its name cell is the
//! name, the unit in its brackets, then a baseline word (`基準値`, [`lexicon::ARROW_BASELINE_WORDS`])
//! and the baseline with its year in brackets. The target row ([`lexicon::SERIES_TARGET_ROWS`])
//! gives the yearly targets, the last of them the target; the actual row
//! ([`lexicon::SERIES_ACTUAL_ROWS`]) gives the progress entry: the latest year's actual
//! against that year's target, with the last target as the final one. Derived rows
//! (`達成率`) are the sheet's arithmetic and read no further. A group with no target row is
//! no indicator.

use shinchoku_core::era::parse_period;
use shinchoku_core::indicator::{Comparator, Direction, IndicatorKind};
use shinchoku_core::period::Period;
use shinchoku_core::quantity::parse_quantity;
use shinchoku_core::Decimal;

use super::super::blocks::Block;
use super::super::lexicon::{self, head_word, HeadKind};
use super::super::model::{Extraction, IndicatorOut, ProgressEntry, ValueAt};
use super::super::text::{Doc, Line};

/// One indicator's group of rows.
struct Group<'a> {
    line: usize,
    name: &'a str,
    rows: Vec<&'a Line>,
}

/// Reads the sheet grids among the data-series blocks.
pub(super) fn recognize<'a>(
    doc: &Doc,
    blocks: impl Iterator<Item = &'a Block>,
    ex: &mut Extraction,
) {
    for b in blocks {
        let Some(head) = doc.lines.get(b.header) else {
            continue;
        };
        let Some(years) = grid_years(&head.cells) else {
            continue;
        };
        let body = doc.lines.get(b.header + 1..b.end).unwrap_or_default();
        let mut groups: Vec<Group<'_>> = Vec::new();
        for l in body {
            let name = l.cells.first().map(String::as_str).unwrap_or_default();
            if !name.is_empty() {
                groups.push(Group {
                    line: l.no,
                    name,
                    rows: Vec::new(),
                });
            }
            if let Some(g) = groups.last_mut() {
                g.rows.push(l);
            }
        }
        for g in groups {
            read_group(doc, &g, &years, ex);
        }
    }
}

/// The years of a sheet grid's header (`指標名 | 区分 | R2 | R3 …`); `None` for any other.
fn grid_years(cells: &[String]) -> Option<Vec<Period>> {
    let (name, rest) = cells.split_first()?;
    let (label, years) = rest.split_first()?;
    if head_word(name) != Some(HeadKind::Name)
        || !lexicon::ROW_LABEL_HEADS.contains(&label.as_str())
        || years.len() < 2
    {
        return None;
    }
    years.iter().map(|y| parse_period(y).ok()).collect()
}

/// The values of a row under the years: (year, value, unit) for each number.
fn row_values(l: &Line, years: &[Period]) -> Vec<(Period, Decimal, String)> {
    years
        .iter()
        .zip(l.cells.iter().skip(2))
        .filter_map(|(p, c)| {
            let q = parse_quantity(c).ok()?;
            Some((*p, q.value?, q.unit.as_str().to_owned()))
        })
        .collect()
}

fn label_is(l: &Line, words: &[&str]) -> bool {
    l.cells.get(1).is_some_and(|c| words.contains(&c.as_str()))
}

/// The indicator and progress entry of one group.
fn read_group(doc: &Doc, g: &Group<'_>, years: &[Period], ex: &mut Extraction) {
    let Some(targets_row) = g
        .rows
        .iter()
        .find(|l| label_is(l, lexicon::SERIES_TARGET_ROWS))
    else {
        return;
    };
    let targets = row_values(targets_row, years);
    let Some((last, rest)) = targets.split_last() else {
        return;
    };
    let (name, unit, baseline) = name_cell(g.name);
    let unit = unit.unwrap_or_else(|| last.2.clone());
    let direction = match baseline.value {
        Some(b) if last.1 < b => Direction::Decrease,
        _ => Direction::Increase,
    };
    let node = super::super::block_node(doc, ex, g.line).map(str::to_owned);
    let actuals = g
        .rows
        .iter()
        .find(|l| label_is(l, lexicon::SERIES_ACTUAL_ROWS))
        .map(|l| row_values(l, years))
        .unwrap_or_default();
    if let Some((p, actual, _)) = actuals.last() {
        ex.progress_entries.push(ProgressEntry {
            name: name.clone(),
            actual: Some(*actual),
            target: targets.iter().find(|t| t.0 == *p).map(|t| t.1),
            final_target: Some(last.1),
            unit: unit.clone(),
            line: g.line,
            ..ProgressEntry::default()
        });
    }
    ex.indicators.push(IndicatorOut {
        id: format!("i{}", ex.indicators.len() + 1),
        name,
        unit,
        kind: IndicatorKind::Level,
        direction,
        comparator: Comparator::Exact,
        baseline,
        target: ValueAt {
            value: Some(last.1),
            period: Some(last.0),
            ..ValueAt::default()
        },
        yearly_targets: rest.iter().map(|t| (t.0, t.1)).collect(),
        node,
        project: None,
        category: None,
        label: None,
        definition: None,
        source: None,
        source_line: g.line,
        also_at: Vec::new(),
    });
}

/// A name cell: the name, the unit in its brackets, and the baseline after a baseline word
/// (`製造品出荷額(億円)基準値 4,512(R1)`).
fn name_cell(cell: &str) -> (String, Option<String>, ValueAt) {
    let (name, base) = lexicon::ARROW_BASELINE_WORDS
        .iter()
        .filter_map(|w| cell.find(w).map(|i| (i, w.len())))
        .min_by_key(|&(i, len)| (i, usize::MAX - len))
        .map_or((cell, ""), |(i, len)| (&cell[..i], &cell[i + len..]));
    let name = name.trim();
    let (name, unit) = match name.strip_suffix(')').and_then(|n| n.rsplit_once('(')) {
        Some((n, u)) if lexicon::is_unit(u) => (n.trim(), Some(u.to_owned())),
        _ => (name, None),
    };
    let base = base.trim().trim_start_matches([':', '：']).trim();
    let (number, year) = match base.split_once('(') {
        Some((n, y)) => (n.trim(), y.trim_end_matches(')')),
        None => (base, ""),
    };
    let baseline = ValueAt {
        value: parse_quantity(number).ok().and_then(|q| q.value),
        period: parse_period(year).ok(),
        ..ValueAt::default()
    };
    (name.to_owned(), unit, baseline)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::blocks::{classify, Kind};
    use shinchoku_core::quantity::format_decimal;

    fn run(text: &str) -> Extraction {
        let doc = Doc::new("t.txt", text);
        let blocks = classify(&doc);
        let mut ex = Extraction::default();
        recognize(&doc, blocks.of(Kind::Series), &mut ex);
        ex
    }

    #[test]
    fn a_group_of_labelled_rows_is_an_indicator_and_its_latest_progress() {
        let ex = run("令和5年度 施策評価調書\n\
             指標名\t区分\tR3\tR4\tR5\tR6\n\
             図書館の利用者数(千人)基準値 198(R2)\t目標値\t210\t220\t230\t240\n\
             \t実績値\t205\t226\t\t\n\
             \t達成率\t97.6%\t102.7%\t\t\n");
        let i = &ex.indicators[0];
        assert_eq!(i.name, "図書館の利用者数");
        assert_eq!(i.unit, "千人");
        assert_eq!(i.baseline.value.map(format_decimal), Some("198".into()));
        assert_eq!(i.baseline.period, Some(Period::FiscalYear(2020)));
        assert_eq!(i.target.value.map(format_decimal), Some("240".into()));
        assert_eq!(i.target.period, Some(Period::FiscalYear(2024)));
        assert_eq!(i.yearly_targets.len(), 3);
        let p = &ex.progress_entries[0];
        assert_eq!(p.actual.map(format_decimal), Some("226".into()));
        assert_eq!(p.target.map(format_decimal), Some("220".into()));
        assert_eq!(p.final_target.map(format_decimal), Some("240".into()));
    }

    #[test]
    fn a_group_without_a_target_row_is_no_indicator() {
        let ex = run("指標名\t区分\tR3\tR4\n\
             図書館の利用者数(千人)\t実績値\t205\t226\n");
        assert!(ex.indicators.is_empty());
    }
}
