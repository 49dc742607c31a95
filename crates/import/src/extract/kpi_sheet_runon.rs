//! A KPI sheet's year grid run on in a line: one indicator's table of years as a PDF
//! flattens it, the header's years after their role words, the name, then each row as its
//! label and its values.
//!
//! ```text
//! [単位] 人 現状値 R1 R2 R3 R4 目標値 R5 移住相談件数 出典: 相談記録 期待値 410 430 450 470 500
//! 実績値 425 462 達成率評価(※) A
//! ```
//!
//! - The header: a baseline word ([`lexicon::GRID_CURRENT_ROLE_WORDS`]) and its years, then a
//!   target word ([`lexicon::TARGET_LABELS`]) and its year: the first year is the baseline's,
//!   the last the target's, those between the yearly targets' years.
//! - The name: the words after the header up to a source note (`出典:`,
//!   [`lexicon::SOURCE_LINE_WORDS`]) or the first row label.
//! - The row of the year's expected values ([`lexicon::GRID_EXPECTED_ROW_WORDS`]): exactly one
//!   value (or a dash) per year, else the grid is not read.
//! - The row of actuals ([`lexicon::ACTUAL_WORDS`]): as many values as years, or fewer, which
//!   are the years after the baseline's in order (the baseline's year has the baseline as its
//!   actual); more is no grid.
//! - The unit: after a `単位` label before the header (`[単位] 人`); the grade: the word after a
//!   label ending in a [`lexicon::GRADE_HEADERS`] word (`達成率評価(※)`) after the actuals.
//!
//! Guarantees: pure, never panics, linear in the number of words (each header is read once).

use shinchoku_core::era::parse_period;
use shinchoku_core::period::Period;
use shinchoku_core::quantity::parse_quantity;
use shinchoku_core::Decimal;

use shinchoku_core::text::fold_normalized_printed_name;

use super::layout::tokens::{is_year, kind, Kind};
use super::lexicon;
use super::model::IndicatorOut;
use super::text::Doc;

/// The most words a grid's name may have.
const MAX_NAME_WORDS: usize = 4;

/// How far before the header a unit label may stand, in words.
const UNIT_REACH: usize = 4;

/// One grid: its years and rows.
#[derive(Debug, Clone, PartialEq)]
pub struct YearGrid {
    /// The indicator's name as printed.
    pub name: String,
    /// The unit, when a `単位` label gives it.
    pub unit: Option<String>,
    /// The header's years, the baseline's first and the target's last.
    pub years: Vec<Period>,
    /// The expected value of each year (`None` for a dash).
    pub expected: Vec<Option<Decimal>>,
    /// The actual of each year printed (`None` for a year without one).
    pub actual: Vec<Option<Decimal>>,
    /// The grade printed after the actuals.
    pub mark: Option<String>,
}

impl YearGrid {
    /// The yearly targets: the expected values of the years between the baseline's and the
    /// target's.
    pub fn yearly_targets(&self) -> Vec<(Period, Decimal)> {
        let n = self.years.len();
        (1..n.saturating_sub(1))
            .filter_map(|k| Some((*self.years.get(k)?, (*self.expected.get(k)?)?)))
            .collect()
    }

    /// The latest actual with its year and that year's expected value.
    pub fn latest(&self) -> Option<(Period, Decimal, Decimal)> {
        (0..self.actual.len()).rev().find_map(|k| {
            Some((
                *self.years.get(k)?,
                (*self.actual.get(k)?)?,
                (*self.expected.get(k)?)?,
            ))
        })
    }
}

/// Gives each indicator without yearly targets those of the grid of the same name run on in
/// a line of `doc`, when the grid's first and last years are the indicator's baseline's and
/// target's (or the indicator has none).
pub fn attach_yearly(doc: &Doc, indicators: &mut [IndicatorOut]) {
    for line in doc.lines.iter().filter(|l| !l.is_row()) {
        for g in year_grids(&line.text) {
            let (Some(first), Some(last)) = (g.years.first(), g.years.last()) else {
                continue;
            };
            let name = fold_normalized_printed_name(&g.name);
            for ind in indicators.iter_mut().filter(|i| {
                i.yearly_targets.is_empty()
                    && fold_normalized_printed_name(&i.name) == name
                    && i.baseline.period.is_none_or(|p| p == *first)
                    && i.target.period.is_none_or(|p| p == *last)
            }) {
                ind.yearly_targets = g.yearly_targets();
            }
        }
    }
}

/// Every grid run on in `text`.
pub fn year_grids(text: &str) -> Vec<YearGrid> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match grid_at(&words, i) {
            Some((g, end)) => {
                out.push(g);
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// The years after `words[i]`, and where they end.
fn years_from(words: &[&str], mut i: usize) -> (Vec<Period>, usize) {
    let mut out = Vec::new();
    while let Some(p) = words
        .get(i)
        .filter(|w| is_year(w))
        .and_then(|w| parse_period(w).ok())
    {
        out.push(p);
        i += 1;
    }
    (out, i)
}

/// A value word: a number, or a dash for none; `None` for any other word.
fn value(w: &str) -> Option<Option<Decimal>> {
    match kind(w) {
        Kind::Dash => Some(None),
        Kind::Num => parse_quantity(w).ok().map(|q| q.value),
        _ => None,
    }
}

/// The values after a row label at `i`, and where they end.
fn values_from(words: &[&str], mut i: usize) -> (Vec<Option<Decimal>>, usize) {
    let mut out = Vec::new();
    while let Some(v) = words.get(i).and_then(|w| value(w)) {
        out.push(v);
        i += 1;
    }
    (out, i)
}

/// The grid whose header starts at `words[i]`, and the index after it.
fn grid_at(words: &[&str], i: usize) -> Option<(YearGrid, usize)> {
    if !lexicon::GRID_CURRENT_ROLE_WORDS.contains(words.get(i)?) {
        return None;
    }
    let (mut years, j) = years_from(words, i + 1);
    if years.is_empty() || !lexicon::TARGET_LABELS.contains(words.get(j)?) {
        return None;
    }
    let (target_years, mut k) = years_from(words, j + 1);
    years.push(*target_years.last()?);
    let n = years.len();
    // The name, up to a source note or the first row label.
    let mut name_words = Vec::new();
    while let Some(w) = words.get(k) {
        if lexicon::GRID_EXPECTED_ROW_WORDS.contains(w)
            || lexicon::SOURCE_LINE_WORDS.iter().any(|s| w.starts_with(s))
        {
            break;
        }
        name_words.push(*w);
        k += 1;
        if name_words.len() > MAX_NAME_WORDS {
            return None;
        }
    }
    let name = name_words.concat();
    if name.is_empty() || kind(&name) != Kind::Text {
        return None;
    }
    // The expected row, after any source note.
    let e = (k..words.len().min(k + 2 * MAX_NAME_WORDS + 2)).find(|&e| {
        words
            .get(e)
            .is_some_and(|w| lexicon::GRID_EXPECTED_ROW_WORDS.contains(w))
    })?;
    let (expected, a) = values_from(words, e + 1);
    if expected.len() != n {
        return None;
    }
    let mut end = a;
    let mut actual = Vec::new();
    if words
        .get(a)
        .is_some_and(|w| lexicon::ACTUAL_WORDS.contains(w))
    {
        let (values, b) = values_from(words, a + 1);
        if values.len() > n {
            return None;
        }
        // Fewer values than years: the years after the baseline's.
        if values.len() < n {
            actual.push(None);
        }
        actual.extend(values);
        end = b;
    }
    let mut mark = None;
    if let (Some(label), Some(g)) = (words.get(end), words.get(end + 1)) {
        let label = label.trim_end_matches("(※)").trim_end_matches('※');
        if lexicon::GRADE_HEADERS.iter().any(|h| label.ends_with(h)) {
            mark = super::progress::grade(g);
            if mark.is_some() {
                end += 2;
            }
        }
    }
    let unit = (i.saturating_sub(UNIT_REACH)..i).find_map(|u| {
        let label = words
            .get(u)?
            .trim_matches(|c| matches!(c, '[' | ']' | '(' | ')' | '【' | '】'));
        let label = label.strip_suffix(':').unwrap_or(label);
        let unit = words.get(u + 1)?;
        (label == "単位" && lexicon::is_unit(unit)).then(|| (*unit).to_owned())
    });
    Some((
        YearGrid {
            name,
            unit,
            years,
            expected,
            actual,
            mark,
        },
        end,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_on_grid_gives_its_yearly_targets_and_its_latest_actual() {
        let g = year_grids(
            "3 数値目標の進捗 [単位] 人 現状値 R1 R2 R3 R4 目標値 R5 移住相談件数 出典: 相談記録 \
             (毎年度) 期待値 410 430 450 470 500 実績値 425 462 達成率評価(※) A 最新データ",
        );
        assert_eq!(g.len(), 1);
        let g = &g[0];
        assert_eq!(g.name, "移住相談件数");
        assert_eq!(g.unit.as_deref(), Some("人"));
        let fy = |y| Period::fiscal_year(y).unwrap();
        assert_eq!(
            g.yearly_targets(),
            [
                (fy(2020), Decimal::from(430)),
                (fy(2021), Decimal::from(450)),
                (fy(2022), Decimal::from(470)),
            ]
        );
        assert_eq!(
            g.latest(),
            Some((fy(2021), Decimal::from(462), Decimal::from(450)))
        );
        assert_eq!(g.mark.as_deref(), Some("A"));
    }

    #[test]
    fn the_grid_gives_the_indicator_its_yearly_targets_and_a_progress_entry() {
        let ex = crate::extract::extract_text(
            "12 移住施策の進捗調書 1 項目 [KPI] 移住相談件数 (R1)410 人 → (R5)500 人 \
             2 進捗状況 [単位] 人 現状値 R1 R2 R3 R4 目標値 R5 移住相談件数 出典: 相談記録 \
             期待値 410 430 450 470 500 実績値 425 462 達成率評価(※) B 3 取組の成果 \
             相談会を開いた。\n",
            "t.txt",
            "utf-8",
        );
        let ind = ex
            .indicators
            .iter()
            .find(|i| i.name == "移住相談件数")
            .expect("the indicator");
        assert_eq!(ind.yearly_targets.len(), 3);
        let e = &ex.progress_entries[0];
        assert_eq!(e.name, "移住相談件数");
        assert_eq!(e.actual, Some(Decimal::from(462)));
        assert_eq!(e.target, Some(Decimal::from(450)));
        assert_eq!(e.unit, "人");
        assert_eq!(e.mark.as_deref(), Some("B"));
    }

    #[test]
    fn a_row_of_expected_values_that_does_not_match_the_years_is_no_grid() {
        assert!(year_grids("現状値 R1 R2 R3 目標値 R5 移住相談件数 期待値 410 430 500").is_empty());
    }
}
