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
//! against that year's target, with the last target as the final one. A unit column may stand
//! between the names and the row labels, and a year may carry its role (`R2（基準）`,
//! `R7（目標）`): the baseline is then the actual under the 基準 year, the target the value
//! under the 目標 year; an indicator the table reader already read from the same row is
//! completed, not doubled. Derived rows
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
        let Some(grid) = grid_of(&head.cells) else {
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
            read_group(doc, &g, &grid, ex);
        }
    }
}

/// A sheet grid's header (`指標名 | [単位 |] 区分 | R2 | R3 …`): where its columns are.
struct Grid {
    /// The unit column, when the grid has one between the names and the row labels.
    unit: Option<usize>,
    /// The row-label column (区分); the years follow it.
    label: usize,
    years: Vec<Period>,
    /// The year column whose note marks the baseline (`R2（基準）`), and the target's
    /// (`R7（目標）`), by index into `years`.
    base: Option<usize>,
    target: Option<usize>,
}

/// The grid of a sheet header; `None` for any other.
fn grid_of(cells: &[String]) -> Option<Grid> {
    let name = cells.first()?;
    let unit = cells
        .get(1)
        .is_some_and(|c| head_word(c) == Some(HeadKind::Unit))
        .then_some(1);
    let label = unit.map_or(1, |u| u + 1);
    let years_cells = cells.get(label + 1..)?;
    if head_word(name) != Some(HeadKind::Name)
        || !cells
            .get(label)
            .is_some_and(|l| lexicon::ROW_LABEL_HEADS.contains(&l.as_str()))
        || years_cells.len() < 2
    {
        return None;
    }
    let mut grid = Grid {
        unit,
        label,
        years: Vec::new(),
        base: None,
        target: None,
    };
    for (k, y) in years_cells.iter().enumerate() {
        // A role noted after the year: `R2 (基準)`, `R7 (目標)`.
        let (year, note) = match y.split_once('(') {
            Some((y, n)) => (y.trim(), n.trim_end_matches(')').trim()),
            None => (y.as_str(), ""),
        };
        grid.years.push(parse_period(year).ok()?);
        if lexicon::SHEET_YEAR_BASELINE_NOTES.contains(&note) {
            grid.base = Some(k);
        } else if lexicon::SHEET_YEAR_TARGET_NOTES.contains(&note) {
            grid.target = Some(k);
        } else if !note.is_empty() {
            return None;
        }
    }
    Some(grid)
}

/// The values of a row under the years: (column, year, value, unit) for each number.
fn row_values(l: &Line, grid: &Grid) -> Vec<(usize, Period, Decimal, String)> {
    grid.years
        .iter()
        .zip(l.cells.iter().skip(grid.label + 1))
        .enumerate()
        .filter_map(|(k, (p, c))| {
            let q = parse_quantity(c).ok()?;
            Some((k, *p, q.value?, q.unit.as_str().to_owned()))
        })
        .collect()
}

fn label_is(l: &Line, grid: &Grid, words: &[&str]) -> bool {
    l.cells
        .get(grid.label)
        .is_some_and(|c| words.contains(&c.as_str()))
}

/// The indicator and progress entry of one group.
fn read_group(doc: &Doc, g: &Group<'_>, grid: &Grid, ex: &mut Extraction) {
    let Some(targets_row) = g
        .rows
        .iter()
        .find(|l| label_is(l, grid, lexicon::SERIES_TARGET_ROWS))
    else {
        return;
    };
    let targets = row_values(targets_row, grid);
    // The target: the column the header marks, else the last with a value.
    let last = match grid.target {
        Some(k) => targets.iter().find(|t| t.0 == k),
        None => targets.last(),
    };
    let Some(last) = last.cloned() else {
        return;
    };
    let rest: Vec<_> = targets
        .iter()
        .filter(|t| t.0 < last.0 && Some(t.0) != grid.base)
        .cloned()
        .collect();
    let (name, unit, mut baseline) = name_cell(g.name);
    let first = g.rows.first();
    let unit = grid
        .unit
        .and_then(|k| first.and_then(|l| l.cells.get(k)))
        .filter(|u| !u.is_empty())
        .cloned()
        .or(unit)
        .unwrap_or_else(|| last.3.clone());
    let actuals = g
        .rows
        .iter()
        .find(|l| label_is(l, grid, lexicon::SERIES_ACTUAL_ROWS))
        .map(|l| row_values(l, grid))
        .unwrap_or_default();
    // Without a baseline in the name cell, the actual under the column the header marks as
    // the baseline's (`R2（基準）`).
    if baseline.value.is_none() {
        if let Some(b) = grid.base.and_then(|k| actuals.iter().find(|a| a.0 == k)) {
            baseline = ValueAt {
                value: Some(b.2),
                period: Some(b.1),
                ..ValueAt::default()
            };
        }
    }
    let comparator = plan_comparator(targets_row, grid, last.0);
    let direction = match baseline.value {
        Some(b) if last.2 < b => Direction::Decrease,
        _ if comparator == Comparator::AtMost => Direction::Decrease,
        _ => Direction::Increase,
    };
    let node = super::super::block_node(doc, ex, g.line).map(str::to_owned);
    // The progress: the latest actual after the baseline's column.
    if let Some((_, p, actual, _)) = actuals.iter().rfind(|a| Some(a.0) != grid.base) {
        ex.progress_entries.push(ProgressEntry {
            name: name.clone(),
            actual: Some(*actual),
            target: targets.iter().find(|t| t.1 == *p).map(|t| t.2),
            final_target: Some(last.2),
            unit: unit.clone(),
            line: g.line,
            ..ProgressEntry::default()
        });
    }
    let out = IndicatorOut {
        id: format!("i{}", ex.indicators.len() + 1),
        name,
        unit,
        kind: IndicatorKind::Level,
        direction,
        comparator,
        baseline,
        target: ValueAt {
            value: Some(last.2),
            period: Some(last.1),
            ..ValueAt::default()
        },
        yearly_targets: rest.iter().map(|t| (t.1, t.2)).collect(),
        node,
        project: None,
        category: None,
        label: None,
        definition: None,
        source: None,
        source_line: g.line,
        also_at: Vec::new(),
    };
    // The indicator table's reader may have read the same row's name and target from the
    // header's role notes: the sheet's reading completes it rather than doubling it.
    match ex
        .indicators
        .iter_mut()
        .find(|i| i.source_line == g.line && i.name == out.name)
    {
        Some(i) => {
            if i.baseline.value.is_none() {
                i.baseline = out.baseline;
            }
            if i.yearly_targets.is_empty() {
                i.yearly_targets = out.yearly_targets;
            }
        }
        None => ex.indicators.push(out),
    }
}

/// The comparator of a row of plans (`93.0以下` … `91.0以下`): the target column's, else the one
/// the other plan values are written with (`以下` on the yearly plans only).
fn plan_comparator(l: &Line, grid: &Grid, target: usize) -> Comparator {
    let of = |k: usize| {
        l.cells
            .get(grid.label + 1 + k)
            .and_then(|c| parse_quantity(c).ok())
            .map_or(Comparator::Exact, |q| q.comparator)
    };
    std::iter::once(target)
        .chain(0..grid.years.len())
        .map(of)
        .find(|c| *c != Comparator::Exact)
        .unwrap_or(Comparator::Exact)
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
    fn at_most_on_the_plan_values_is_the_targets_comparator() {
        let ex = run("指標名\t区分\tR4\tR5\tR6\n\
             ごみの1人1日当たり排出量(g)\t計画\t880以下\t860以下\t840以下\n\
             \t実績\t892\t871\t\n\
             市税の収納率(%)\t計画\t97.0\t97.5\t98.0以上\n\
             \t実績\t96.8\t97.2\t\n");
        assert_eq!(ex.indicators[0].comparator, Comparator::AtMost);
        assert_eq!(ex.indicators[0].direction, Direction::Decrease);
        assert_eq!(ex.indicators[1].comparator, Comparator::AtLeast);
    }

    #[test]
    fn a_unit_column_and_role_notes_on_the_years_give_the_baseline_and_target_columns() {
        // 基準 and 目標 noted after the years; the baseline is the actual under 基準, the
        // target the value under 目標, a dash where a row has none.
        let ex = run("成果指標\t単位\t区分\tR1 (基準)\tR2\tR3\tR6 (目標)\n\
             自治会加入率\t%\t目標値\t-\t71.0\t72.0\t75.0\n\
             \t\t実績値\t70.2\t70.8\t71.5\t-\n");
        let i = &ex.indicators[0];
        assert_eq!(i.name, "自治会加入率");
        assert_eq!(i.unit, "%");
        assert_eq!(i.baseline.value.map(format_decimal), Some("70.2".into()));
        assert_eq!(i.baseline.period, Some(Period::FiscalYear(2019)));
        assert_eq!(i.target.value.map(format_decimal), Some("75".into()));
        assert_eq!(i.target.period, Some(Period::FiscalYear(2024)));
        assert_eq!(i.yearly_targets.len(), 2);
        let p = &ex.progress_entries[0];
        assert_eq!(p.actual.map(format_decimal), Some("71.5".into()));
        assert_eq!(p.target.map(format_decimal), Some("72".into()));
        assert_eq!(p.final_target.map(format_decimal), Some("75".into()));
    }

    #[test]
    fn a_group_without_a_target_row_is_no_indicator() {
        let ex = run("指標名\t区分\tR3\tR4\n\
             図書館の利用者数(千人)\t実績値\t205\t226\n");
        assert!(ex.indicators.is_empty());
    }
}
