//! Indicator tables (数値目標, 取組目標, KPI): every row that states a baseline or a target
//! becomes an indicator, and the same indicator printed in several tables becomes one.
//!
//! Plans print their targets in tables whose columns vary from one government to the next
//! (`指標名 | 現状値 | 目標値`, `KPI | 策定時 | 現状 | 目標(R7)`, `指標 | 単位 | 基準値 | 基準年度 |
//! 目標値 | 目標年度`, `項目 | 【現状】(2021年度) | 【目標値】(2026年度)`, yearly target columns
//! `R3 R4 R5`), so nothing here depends on column positions. The path a table takes:
//!
//! 0. A table printed on its side (the names across its first row, rows headed 現状値 /
//!    目標値 under them) is turned the right way up first (`table.rs`'s `transposed`). A
//!    header with no name column over one row of values (one small table per indicator) has
//!    been given the name column it means before any reader runs (`captioned.rs`,
//!    `name_captioned`, called by the extractor on the whole document), its caption the
//!    row's name.
//! 1. A header row is found by its words (`classify_header`: 指標 / 項目 / KPI name the
//!    indicator, 現状 / 基準 / 策定時 the baseline, 目標 the target, 単位 the unit, 年度 / 時点 a
//!    period column, `R3` a year); a second header line (`\t数値\t基準年/年度\t`, `\t(R4年度)\t
//!    (R9年度)`) is merged into it column by column.
//! 2. The data rows below are profiled column by column (`CellKind`: values, periods, kind
//!    words such as `3年` / `累計`, bare units, text), and the header's roles are laid onto the
//!    data columns (`resolve`): by position where they fit, else in order, so a header cell
//!    that spans two data columns does not shift the table. A name wrapped onto a line of its
//!    own is joined to its row; rows go on across a page break.
//! 3. Each row becomes a `Draft`: the name split into label, `[category]`, definition, unit
//!    and marks (`split_name`); each value cell read by core's one quantity parser
//!    (`read_value`); periods from the cell, the period column (an empty cell is the one
//!    above), the header, a caption, or — for a year without its era (`（32年度）`) — the era
//!    the table wrote last. Grouping columns carry their value down. A line `name baseline →
//!    target` outside any table is a table of one row.
//! 4. Rows of different tables are merged (`merge`): the same normalised name is one indicator
//!    (other numbers are kept as first printed, and warned about), unless some table prints
//!    that name twice (for two projects) and the numbers differ; a summary row (one with a
//!    project column) joins the project's own row, matched by name (one containing the other)
//!    and numbers. An indicator's node is where it is placed, not where a list of all targets
//!    repeats it (`mark_overviews`), nor a `【再掲】` repeat.
//! 5. The kind follows the marks (DESIGN.md → Indicators): a window (`/3年`, `(2022～2026)`,
//!    `（R3～R7累計）`, `5年間で`, kind column `3年`) makes a period total, `累計` a cumulative
//!    count, `単年` / `年間` / `/年` an annual flow; a table without a target column holds monitor
//!    indicators. A period printed for the row beats a header's `年度・年` convention. The
//!    direction is a decrease for `以下` / `未満`, words such as `減少`, a rank (`位`), or a bare
//!    target below its baseline.
//!
//! The module is split by concern, in the order a table is read: `periods.rs` (the years a
//! header, caption or note gives), `header.rs` (column roles), `cells.rs` (what a cell holds, and
//! value cells read into a `Side`), `names.rs` (a name cell taken apart), `table.rs` (a header and
//! its rows read into `Draft`s, and arrow lines), `runon.rs`, `kpi_sheet_rows.rs` and `year_grid.rs` (a
//! list run on in a line; a KPI sheet's year grid drawn apart from its header; a year grid run
//! on in a paragraph whose target year the text names), `merge.rs` (one indicator from many
//! printings),
//! and this file, which runs them and finishes each merged group into an indicator.
//!
//! Guarantees: never panics on any input (no unchecked indexing or slicing); time linear in the
//! document, except that a summary table is compared with the tables it summarises.

mod captioned;
mod cells;
mod header;
mod kpi_sheet_rows;
mod merge;
mod names;
mod periods;
mod runon;
mod table;
#[cfg(test)]
mod tests;
mod year_grid;

use std::collections::HashMap;

use shinchoku_core::indicator::{Comparator, Direction, IndicatorKind};
use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::quantity::Unit;
use shinchoku_core::text::fold_normalized_printed_name;
use shinchoku_core::Decimal;

use super::blocks::{self, Blocks};
use super::model::{Extraction, IndicatorOut, NodeOut, ValueAt, Warning};
use super::text::Doc;
use cells::Side;
use merge::{draft, mark_overviews, merge, RowId};
use periods::{Dated, Strength};
use table::{read_tables, window_ending, Draft, Table};

pub(crate) use captioned::name_captioned;
pub(crate) use header::{is_header_start, is_period_header};
pub(crate) use table::eraless_header_years;

/// The unit a caption above the table's header states once for it (`（単位：人）`), as the
/// indicator tables read it; the progress tables read the same captions.
pub(crate) fn caption_unit_above(doc: &Doc, header: usize) -> Option<String> {
    table::captions(doc, header).unit
}

/// Adds what this recogniser finds in `doc` to `ex`.
pub fn recognize(doc: &Doc, ex: &mut Extraction) {
    let named = name_captioned(doc);
    let doc = named.as_ref().unwrap_or(doc);
    recognize_in(doc, &blocks::classify(doc), ex);
}

/// Adds what this recogniser finds in the indicator tables of `blocks` (and in the lines of
/// text around them) to `ex`.
pub fn recognize_in(doc: &Doc, blocks: &Blocks, ex: &mut Extraction) {
    let mut tables = read_tables(doc, blocks);
    mark_overviews(&mut tables);
    let mut warnings = Vec::new();
    for t in &tables {
        for d in &t.rows {
            for side in [&d.baseline, &d.target] {
                if side.no_value_word {
                    warnings.push(Warning {
                        line: d.line,
                        code: "no_value_word".into(),
                        message: format!(
                            "{}: 値の欄に「なし」などの語があります（値なしとして読みました。0 \
                             なら 0 と書いてください） / a word for no value in a value cell, \
                             read as no value (a count of zero is written 0)",
                            d.name
                        ),
                        evidence: None,
                    });
                }
            }
        }
    }
    let (groups, table_project) = merge(&tables, &mut warnings);
    let plan = ex.plan.period;
    // The nodes by id, for walking up from an indicator's node to its project: once, not a
    // search of every node per indicator.
    let mut nodes: HashMap<&str, &NodeOut> = HashMap::with_capacity(ex.nodes.len());
    for n in &ex.nodes {
        // The first node of an id, as a search would find.
        nodes.entry(n.id.as_str()).or_insert(n);
    }
    let ctx = Finish {
        tables: &tables,
        table_project: &table_project,
        plan,
        doc,
        ex,
        nodes: &nodes,
    };
    let mut out: Vec<IndicatorOut> = groups.iter().map(|g| finish(g, &ctx)).collect();
    out.sort_by_key(|i| i.source_line);
    // Yearly targets a KPI sheet prints in a year grid run on in a line.
    super::kpi_sheet_runon::attach_yearly(doc, &mut out);
    for (n, ind) in out.iter_mut().enumerate() {
        ind.id = format!("i{}", n + 1);
        if !Unit::new(&ind.unit).is_known() {
            warnings.push(Warning {
                line: ind.source_line,
                code: "unknown_unit".into(),
                message: format!(
                    "{}: 単位「{}」は計画でよく使われる単位の一覧にありません / the unit {:?} is \
                     not one plans use; check it",
                    ind.name, ind.unit, ind.unit
                ),
                evidence: None,
            });
        }
    }
    ex.indicators.extend(out);
    ex.warnings.extend(warnings);
}

// ---------------------------------------------------------------------------------------------
// The indicator.

/// The surer of two periods (the first among equals).
fn surer(a: Option<Dated>, b: Option<Dated>) -> Option<Dated> {
    match (a, b) {
        (Some(x), Some(y)) if y.strength > x.strength => Some(y),
        (Some(x), _) => Some(x),
        (None, y) => y,
    }
}

/// What [`finish`] needs besides the rows of one indicator.
struct Finish<'a> {
    tables: &'a [Table],
    table_project: &'a HashMap<usize, String>,
    plan: Option<Period>,
    doc: &'a Doc,
    ex: &'a Extraction,
    /// The structure's nodes by id.
    nodes: &'a HashMap<&'a str, &'a NodeOut>,
}

fn finish(g: &[RowId], ctx: &Finish) -> IndicatorOut {
    let Finish {
        tables,
        table_project,
        plan,
        doc,
        ex,
        nodes,
    } = *ctx;
    let drafts: Vec<&Draft> = g.iter().filter_map(|&id| draft(tables, id)).collect();
    let first = |f: &dyn Fn(&Draft) -> Option<String>| drafts.iter().find_map(|d| f(d));
    let name = drafts
        .iter()
        .map(|d| d.name.clone())
        .max_by_key(|n| n.chars().count())
        .unwrap_or_default();
    let unit = first(&|d| d.baseline.unit.clone())
        .or_else(|| first(&|d| d.target.unit.clone()))
        .or_else(|| first(&|d| d.unit.clone()))
        .unwrap_or_default();
    let value_in = |s: &Side, d: &Draft| -> Option<Decimal> {
        let v = s.value?;
        let from = s.unit.clone().or(d.unit.clone()).unwrap_or_default();
        if from.is_empty() || from == unit || unit.is_empty() {
            Some(v)
        } else {
            Unit::convert(v, &Unit::new(&from), &Unit::new(&unit)).or(Some(v))
        }
    };

    let mut baseline = ValueAt::default();
    let mut target = ValueAt::default();
    let mut b_period: Option<Dated> = None;
    let mut t_period: Option<Dated> = None;
    let mut b_notes: Vec<String> = Vec::new();
    let mut t_notes: Vec<String> = Vec::new();
    let mut comparator = Comparator::Exact;
    let mut direction = None;
    let mut window = false;
    let mut cumulative = false;
    let mut annual = false;
    let mut mean = false;
    let mut target_mean = false;
    let mut win_len: Option<u32> = None;
    let mut yearly = Vec::new();
    for d in &drafts {
        baseline.value = baseline.value.or(value_in(&d.baseline, d));
        target.value = target.value.or(value_in(&d.target, d));
        b_period = surer(b_period, d.baseline.period);
        t_period = surer(t_period, d.target.period);
        for n in &d.baseline.notes {
            if !b_notes.contains(n) {
                b_notes.push(n.clone());
            }
        }
        // Words where the baseline's number belongs (`調査中`, `未集計`) are what the
        // document says of it: kept, as a target's words are.
        if let Some(t) = d
            .baseline
            .text
            .as_ref()
            .filter(|_| d.baseline.value.is_none())
        {
            if !b_notes.contains(t) {
                b_notes.push(t.clone());
            }
        }
        if d.baseline.annual && !b_notes.iter().any(|n| n == "単年") {
            b_notes.push("単年".into());
        }
        if let Some(t) = &d.target.text {
            if !t_notes.contains(t) {
                t_notes.push(t.clone());
            }
        }
        for n in &d.target.notes {
            if !t_notes.contains(n) {
                t_notes.push(n.clone());
            }
        }
        if comparator == Comparator::Exact {
            comparator = d.target.comparator;
        }
        direction = direction.or(d.direction).or(d.target.direction);
        window |= d.window_len.is_some() || d.total || d.target.window_len.is_some();
        win_len = win_len.or(d.target.window_len).or(d.window_len);
        cumulative |= d.cumulative || d.target.cumulative;
        annual |= d.annual || d.target.annual;
        mean |= d.baseline.mean;
        target_mean |= d.target.mean;
        if yearly.is_empty() {
            yearly = d.yearly.clone();
        }
    }
    window |= t_period.is_some_and(|t| t.period.is_window());
    let monitor = drafts.iter().all(|d| d.monitor);
    // A state under way in words against a state to reach (`策定中` → `策定`): a milestone.
    let milestone = baseline.value.is_none()
        && target.value.is_none()
        && drafts.iter().any(|d| {
            d.baseline
                .text
                .as_deref()
                .is_some_and(|t| t.ends_with('中'))
                && d.target.text.is_some()
        });
    let kind = if milestone {
        IndicatorKind::Milestone
    } else if monitor {
        IndicatorKind::Monitor
    } else if window {
        IndicatorKind::PeriodTotal
    } else if cumulative {
        IndicatorKind::Cumulative
    } else if annual || drafts.iter().any(|d| d.baseline.annual) {
        IndicatorKind::Annual
    } else {
        IndicatorKind::Level
    };
    // A target printed without a period is for the plan's end (its whole period for a total).
    if t_period.is_none() && !monitor && (target.value.is_some() || !t_notes.is_empty()) {
        if let Some(p) = plan {
            let y = p.end_year(FiscalStart::APRIL);
            let end = if p.is_fiscal() {
                Period::fiscal_year(y).ok()
            } else {
                Period::calendar_year(y).ok()
            };
            let fallback = match (kind, win_len) {
                (IndicatorKind::PeriodTotal, Some(n)) => end.and_then(|e| window_ending(e, n)),
                (IndicatorKind::PeriodTotal, None) => Some(p),
                _ => end,
            };
            t_period = fallback.map(|period| Dated {
                period,
                strength: Strength::Fallback,
            });
        }
    }
    baseline.period = b_period.map(|d| d.period);
    baseline.note = (!b_notes.is_empty()).then(|| b_notes.join(" "));
    baseline.stat = mean.then(|| "mean".to_owned());
    target.period = t_period.map(|d| d.period);
    target.note = (!t_notes.is_empty()).then(|| t_notes.join(" "));
    target.stat = target_mean.then(|| "mean".to_owned());
    let direction = if comparator == Comparator::AtMost {
        Direction::Decrease
    } else {
        // A rank (`位`) is better when lower.
        direction.unwrap_or_else(|| match comparator {
            _ if unit == "位" => Direction::Decrease,
            Comparator::Exact => implied_direction(kind, &baseline, &target, &yearly),
            _ => Direction::Increase,
        })
    };

    // The node: where the indicator is placed, not where a list of all targets repeats it.
    let placed = g
        .iter()
        .filter(|id| !tables.get(id.0).is_some_and(|t| t.overview))
        .filter_map(|&id| draft(tables, id))
        .filter(|d| !d.relisted)
        .map(|d| d.line)
        .min();
    let source_line = drafts.iter().map(|d| d.line).min().unwrap_or(0);
    let node_line = placed.unwrap_or(source_line);
    let node = super::block_node(doc, ex, node_line).map(str::to_owned);
    // The project: from a summary row, else from the summary rows that matched the rest of
    // its table (a project's own table may list more than the summary), else the structure.
    let project = first(&|d| d.project.clone())
        .or_else(|| g.iter().find_map(|id| table_project.get(&id.0).cloned()))
        .or_else(|| project_of(nodes, node.as_deref()));
    let mut also_at: Vec<usize> = drafts
        .iter()
        .map(|d| d.line)
        .filter(|&l| l != source_line)
        .collect();
    also_at.sort_unstable();
    also_at.dedup();
    IndicatorOut {
        id: String::new(),
        name,
        unit,
        kind,
        direction,
        comparator,
        baseline,
        target,
        yearly_targets: yearly,
        node,
        project,
        category: first(&|d| d.category.clone()),
        label: first(&|d| d.label.clone()),
        definition: first(&|d| d.definition.clone()),
        source: first(&|d| d.source.clone()),
        source_line,
        also_at,
    }
}

/// The direction of a target printed as a bare number with no word for it: lower than the
/// baseline (`待機児童数 48人 → 0人`, `耕作放棄地 412ha → 380ha`) is a decrease. Only for stocks
/// and yearly flows, where baseline and target are the same kind of figure; a target written
/// `以上` against a higher baseline is a level to hold (DESIGN.md), not a decrease, and is
/// never seen here (its comparator is not exact).
fn implied_direction(
    kind: IndicatorKind,
    baseline: &ValueAt,
    target: &ValueAt,
    yearly: &[(Period, Decimal)],
) -> Direction {
    let comparable = matches!(kind, IndicatorKind::Level | IndicatorKind::Annual);
    match (baseline.value, target.value) {
        (Some(b), Some(t)) if comparable && t < b => {
            // Yearly targets, where printed, must step down too.
            let mut path: Vec<Decimal> = yearly.iter().map(|y| y.1).collect();
            path.push(t);
            if path.windows(2).all(|w| w.first() >= w.get(1)) {
                Direction::Decrease
            } else {
                Direction::Increase
            }
        }
        _ => Direction::Increase,
    }
}

/// The project a node belongs to, when the structure names one (`…プロジェクト`).
fn project_of(nodes: &HashMap<&str, &NodeOut>, node: Option<&str>) -> Option<String> {
    let mut id = node?;
    for _ in 0..32 {
        let n = nodes.get(id)?;
        let title = fold_normalized_printed_name(&n.title);
        if title.ends_with("プロジェクト") {
            return Some(title);
        }
        id = n.parent.as_deref()?;
    }
    None
}
