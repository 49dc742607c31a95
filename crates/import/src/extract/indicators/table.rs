//! Tables: a header and the rows below it read into [`Draft`]s (`read_tables`), the columns
//! profiled and the header's roles laid onto them (`resolve`), wrapped names joined, periods
//! taken from the cell, the period column, the header, a caption or the era last written; and
//! a line `name baseline → target` outside any table (`arrow_line`).

use std::collections::{HashMap, HashSet};

use super::cells::{
    cell_kind, direction_of, kind_mark, read_value, year_value_list, CellKind, Mark, Side,
};
use super::header::{classify_header, header_cols, is_header_start, is_subheader, HeaderCol, Role};
use super::names::{leading_label, split_name, trailing_group};
use super::periods::{caption_unit, find_period, unit_word, Dated, EraContext};
use crate::extract::blocks::{Blocks, Kind};
use crate::extract::lexicon;
use crate::extract::text::{Doc, Line};
use shinchoku_core::era::parse_period;
use shinchoku_core::indicator::Direction;
use shinchoku_core::period::{FiscalStart, Period};
use shinchoku_core::quantity::{parse_quantity, Quantity, Unit};
use shinchoku_core::text::{close_up_spaces, fold_normalized_printed_name};
use shinchoku_core::Decimal;

/// One indicator row as printed.
#[derive(Debug, Clone, Default)]
pub(super) struct Draft {
    pub(super) line: usize,
    pub(super) name: String,
    pub(super) label: Option<String>,
    pub(super) category: Option<String>,
    pub(super) definition: Option<String>,
    pub(super) project: Option<String>,
    pub(super) source: Option<String>,
    /// A unit from the name, the unit column, the header or a caption.
    pub(super) unit: Option<String>,
    pub(super) relisted: bool,
    pub(super) cumulative: bool,
    pub(super) annual: bool,
    pub(super) window_len: Option<u32>,
    pub(super) total: bool,
    pub(super) baseline: Side,
    pub(super) target: Side,
    pub(super) yearly: Vec<(Period, Decimal)>,
    pub(super) direction: Option<Direction>,
    /// The table has no target column: watched, not graded.
    pub(super) monitor: bool,
}

/// A table of indicators.
#[derive(Debug, Clone, Default)]
pub(super) struct Table {
    pub(super) rows: Vec<Draft>,
    /// It has a project column: a summary of other tables.
    pub(super) project_col: bool,
    /// It lists indicators that other tables place (see [`mark_overviews`]).
    pub(super) overview: bool,
}

/// How the columns of one table are used (data column indices).
#[derive(Debug, Clone, Default)]
struct Layout {
    name: usize,
    project: Option<usize>,
    groups: Vec<usize>,
    unit: Option<usize>,
    kind: Option<usize>,
    direction: Option<usize>,
    definition: Option<usize>,
    source: Option<usize>,
    baseline: Option<(usize, usize)>,
    target: Option<(usize, usize)>,
    yearly: Vec<(usize, usize)>,
    /// Columns whose cells list yearly targets (`2022年度：200` / `2023年度：400`).
    yearly_lists: Vec<usize>,
    baseline_period: Option<usize>,
    target_period: Option<usize>,
}

/// What the data of a column look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColClass {
    Empty,
    Value,
    Period,
    Kind,
    Unit,
    Text,
}

pub(super) fn cell(line: &Line, j: usize) -> &str {
    line.cells.get(j).map(String::as_str).unwrap_or_default()
}

fn profile(rows: &[&Line], width: usize) -> Vec<ColClass> {
    (0..width)
        .map(|j| {
            let mut n = [0usize; 7];
            for r in rows {
                let k = cell_kind(cell(r, j));
                let slot = match k {
                    CellKind::Empty => 0,
                    CellKind::Dash => 1,
                    CellKind::Value => 2,
                    CellKind::Period => 3,
                    CellKind::KindWord => 4,
                    CellKind::UnitOnly => 5,
                    CellKind::Text => 6,
                };
                if let Some(x) = n.get_mut(slot) {
                    *x += 1;
                }
            }
            let [empty, dash, value, period, kind, unit, text] = n;
            let total = rows.len();
            if kind >= 1 && kind + empty == total {
                ColClass::Kind
            } else if period >= 1 && value == 0 && text == 0 && kind == 0 {
                ColClass::Period
            } else if unit >= 1 && unit + empty == total {
                ColClass::Unit
            } else if value + dash >= 1 && value + dash >= text {
                ColClass::Value
            } else if text + kind + unit + period >= 1 {
                ColClass::Text
            } else {
                ColClass::Empty
            }
        })
        .collect()
}

/// Lays the header's roles onto the data columns; `None` when the table has no name column
/// or no value column.
fn resolve(head: &[HeaderCol], rows: &[&Line]) -> Option<Layout> {
    let width = rows
        .iter()
        .map(|r| r.cells.len())
        .max()
        .unwrap_or(0)
        .max(head.len());
    let class = profile(rows, width);
    let class_of = |j: usize| class.get(j).copied().unwrap_or(ColClass::Empty);
    let role_of = |j: usize| head.get(j).map(|h| h.role.clone()).unwrap_or(Role::Empty);
    let mut l = Layout::default();

    // Value columns: by position where the header's value columns hold values, else in order
    // (a header cell spanning two data columns shifts the ones after it).
    let hv: Vec<(usize, Role)> = head
        .iter()
        .enumerate()
        .filter(|(_, h)| h.role.is_value())
        .map(|(i, h)| (i, h.role.clone()))
        .collect();
    // A header may list more columns than any row fills (later years' targets not printed
    // yet, a row cut off): those columns are in place, and empty.
    let filled = rows.iter().map(|r| r.cells.len()).max().unwrap_or(0);
    let aligned = hv.iter().any(|(i, _)| *i < filled)
        && hv.iter().all(|(i, _)| {
            *i > 0 && (*i >= filled || matches!(class_of(*i), ColClass::Value | ColClass::Text))
        });
    let mapped: Vec<(usize, usize, Role)> = if aligned {
        hv.iter().map(|(i, r)| (*i, *i, r.clone())).collect()
    } else {
        let dv: Vec<usize> = (0..width)
            .filter(|&j| class_of(j) == ColClass::Value)
            .collect();
        hv.iter()
            .zip(dv)
            .map(|((i, r), j)| (j, *i, r.clone()))
            .collect()
    };
    let mut targets: Vec<(usize, usize)> = Vec::new();
    for (j, h, role) in &mapped {
        match role {
            Role::Baseline if l.baseline.is_none() => l.baseline = Some((*j, *h)),
            Role::Target => targets.push((*j, *h)),
            Role::Interim | Role::Year(_) => l.yearly.push((*j, *h)),
            _ => {}
        }
    }
    if l.baseline.is_none() {
        l.baseline = mapped
            .iter()
            .find(|(_, _, r)| *r == Role::Current)
            .map(|(j, h, _)| (*j, *h));
    }
    // A target column whose cells list a figure per year (`参考年間目標`: `2022年度：200` /
    // `2023年度：400`) holds yearly targets, not the final target.
    targets.retain(|&(j, _)| {
        let lists = rows
            .iter()
            .any(|r| year_value_list(cell(r, j)).is_some_and(|v| v.len() >= 2));
        if lists {
            l.yearly_lists.push(j);
        }
        !lists
    });
    // Several targets: the latest is the target, the others yearly targets (DESIGN.md).
    let years_after_target = targets
        .last()
        .is_some_and(|t| l.yearly.iter().any(|y| y.0 > t.0));
    if years_after_target {
        l.yearly.append(&mut targets);
        l.yearly.sort_unstable();
    }
    l.target = targets.pop();
    l.yearly.extend(targets);
    if l.target.is_none() {
        l.target = l.yearly.pop();
    }
    // Year columns before the target and no baseline column (`指標 | H30 | R1 | R2 | 目標(R7)`):
    // the years observed so far, the latest of which is the baseline.
    if l.baseline.is_none() {
        if let Some(t) = l.target {
            if let Some(last) = l.yearly.iter().rfind(|y| y.0 < t.0).copied() {
                l.baseline = Some(last);
                l.yearly.retain(|y| y.0 > t.0);
            }
        }
    }
    let used: HashSet<usize> = mapped.iter().map(|m| m.0).collect();

    for (j, h) in head.iter().enumerate() {
        let free = !used.contains(&j);
        match h.role {
            Role::BaselinePeriod | Role::TargetPeriod
                if free && !matches!(class_of(j), ColClass::Kind | ColClass::Unit) =>
            {
                let after_target = l.target.is_some_and(|t| j > t.0)
                    && l.baseline.is_none_or(|b| b.0 < l.target.map_or(0, |t| t.0));
                if h.role == Role::TargetPeriod || after_target {
                    l.target_period.get_or_insert(j);
                } else {
                    l.baseline_period.get_or_insert(j);
                }
            }
            Role::Project if free => l.project = Some(j),
            Role::Group if free => l.groups.push(j),
            Role::Unit if free => l.unit = Some(j),
            Role::Direction if free => l.direction = Some(j),
            Role::Definition if free => l.definition = Some(j),
            Role::Source if free => l.source = Some(j),
            _ => {}
        }
    }
    // Period columns the header does not name belong to the value column before them.
    for j in 0..width {
        if class_of(j) != ColClass::Period
            || used.contains(&j)
            || l.baseline_period == Some(j)
            || l.target_period == Some(j)
        {
            continue;
        }
        match (l.baseline, l.target) {
            (_, Some(t)) if j > t.0 => {
                l.target_period.get_or_insert(j);
            }
            (Some(b), _) if j > b.0 => {
                l.baseline_period.get_or_insert(j);
            }
            _ => {}
        }
    }
    if l.unit.is_none() {
        l.unit = (0..width).find(|&j| class_of(j) == ColClass::Unit && !used.contains(&j));
    }
    // A column its header says to pass over (`調査周期` of `毎年`, `2年`) is no kind column,
    // whatever its cells look like.
    let ignored = |j: usize| head.get(j).is_some_and(|h| h.role == Role::Ignore);
    l.kind =
        (0..width).find(|&j| class_of(j) == ColClass::Kind && !used.contains(&j) && !ignored(j));

    let taken = |j: usize, l: &Layout| {
        used.contains(&j)
            || l.project == Some(j)
            || l.groups.contains(&j)
            || l.unit == Some(j)
            || l.kind == Some(j)
            || l.direction == Some(j)
            || l.definition == Some(j)
            || l.source == Some(j)
            || l.baseline_period == Some(j)
            || l.target_period == Some(j)
    };
    let first_value = mapped.iter().map(|m| m.0).min().unwrap_or(width);
    let by_header = head
        .iter()
        .position(|h| h.role == Role::Name)
        .filter(|&j| matches!(class_of(j), ColClass::Text | ColClass::Value) && !taken(j, &l));
    let by_data = || {
        (0..first_value)
            .find(|&j| class_of(j) == ColClass::Text && !taken(j, &l) && role_of(j) != Role::Other)
            .or_else(|| (0..first_value).find(|&j| class_of(j) == ColClass::Text && !taken(j, &l)))
    };
    l.name = by_header.or_else(by_data)?;
    (l.baseline.is_some() || l.target.is_some()).then_some(l)
}

/// Lines before a header that caption the table: `（単位：人）`, `目標年度：令和7年度`.
pub(super) fn captions(doc: &Doc, header: usize) -> Captions {
    let mut unit = None;
    let mut target = None;
    let mut dated = None;
    let mut roles: (Option<Dated>, Option<Dated>) = (None, None);
    let mut seen = 0;
    let mut i = header;
    while i > 0 && seen < 3 {
        i -= 1;
        let Some(l) = doc.lines.get(i) else { break };
        if l.is_blank() {
            continue;
        }
        if l.is_row() {
            break;
        }
        seen += 1;
        unit = unit.or_else(|| caption_unit(&l.text));
        if let Some(pos) = l.text.find("目標年") {
            target = target.or_else(|| find_period(l.text.get(pos..).unwrap_or_default()));
        }
        dated = dated.or_else(|| caption_date(&l.text));
        let (b, t) = role_years(&l.text);
        roles.0 = roles.0.or(b);
        roles.1 = roles.1.or(t);
    }
    Captions {
        unit,
        target,
        dated,
        baseline_role: roles.0,
        target_role: roles.1,
    }
}

/// The most characters of a clause a role word's year is read from (`令和 11 年度(2029年度)`).
const MAX_ROLE_YEAR_CHARS: usize = 16;

/// The years a sentence gives the baseline and target columns (`現状は令和5年度、目標は令和11年度
/// の値です`, `基準値:2020年度`): a role word ([`lexicon::CAPTION_BASELINE_ROLES`],
/// [`lexicon::CAPTION_TARGET_ROLES`]), `は` or a colon, then the year at once.
fn role_years(text: &str) -> (Option<Dated>, Option<Dated>) {
    let year_after = |words: &[&str]| {
        words.iter().find_map(|w| {
            text.match_indices(w).find_map(|(i, _)| {
                let rest = text.get(i + w.len()..)?;
                let rest = rest.strip_prefix('値').unwrap_or(rest);
                let rest = ["は", ":", "："]
                    .iter()
                    .find_map(|j| rest.strip_prefix(j))?
                    .trim_start();
                // The clause's opening words (a printed line may space a year, `令和 11 年度`).
                let clause: String = rest
                    .split(['、', '。', ','])
                    .next()?
                    .chars()
                    .take(MAX_ROLE_YEAR_CHARS)
                    .collect();
                let head: String = clause.chars().take(3).collect();
                let opens = clause.starts_with(|c: char| c.is_ascii_digit())
                    || EraContext::of(&head).is_some();
                opens.then(|| find_period(&clause)).flatten()
            })
        })
    };
    (
        year_after(lexicon::CAPTION_BASELINE_ROLES),
        year_after(lexicon::CAPTION_TARGET_ROLES),
    )
}

/// What the lines above a table say about it.
pub(super) struct Captions {
    /// The unit of every value (`(単位:人)`).
    pub(super) unit: Option<String>,
    /// The targets' period (`目標年度:令和7年度`).
    pub(super) target: Option<Dated>,
    /// The date of the table's figures, from its numbered caption's bracket (`表3.2 …の状況
    /// (令和3年度)`).
    pub(super) dated: Option<Dated>,
    /// The baseline's and the target's years a sentence above gives their columns (`現状は
    /// 令和5年度、目標は令和11年度の値です`): theirs when the cells and header give none.
    pub(super) baseline_role: Option<Dated>,
    pub(super) target_role: Option<Dated>,
}

/// The period in the bracket after a numbered caption (`表3.2 経営指標の状況(令和3年度)`,
/// `図2 …(2023年)`): the caption is a figure word and a number, and the period is the first
/// bracket after it that holds one.
fn caption_date(text: &str) -> Option<Dated> {
    let at = lexicon::FIGURE_PREFIXES.iter().find_map(|w| {
        text.match_indices(w).find_map(|(i, _)| {
            let rest = &text[i + w.len()..];
            rest.starts_with(|c: char| c.is_ascii_digit())
                .then_some(rest)
        })
    })?;
    at.split('(')
        .skip(1)
        .take(3)
        .find_map(|b| find_period(b.split(')').next().unwrap_or_default()))
}

/// A `資料：` / `出典：` line just after a table.
fn source_after(doc: &Doc, end: usize) -> Option<String> {
    let mut i = end;
    let mut seen = 0;
    while seen < 3 {
        let l = doc.lines.get(i)?;
        i += 1;
        if l.is_blank() {
            continue;
        }
        seen += 1;
        let t = l.text.trim_start_matches(['(', '※', ' ']);
        for w in lexicon::SOURCE_LINE_WORDS {
            if let Some(rest) = t.strip_prefix(w) {
                let rest = rest
                    .trim_start_matches([':', '：', ' '])
                    .trim_end_matches(')');
                if !rest.is_empty() {
                    return Some(rest.trim().to_owned());
                }
            }
        }
        if l.is_row() {
            return None;
        }
    }
    None
}

/// Reads every indicator table `blocks` labels, and the targets written on lines of text
/// outside them.
pub(super) fn read_tables(doc: &Doc, blocks: &Blocks) -> Vec<Table> {
    let is_head = |i: usize| blocks.is_header(i, Kind::Indicators);
    let mut tables = Vec::new();
    let n = doc.lines.len();
    let mut i = 0;
    while i < n {
        let Some(line) = doc.lines.get(i) else { break };
        if !is_head(i) {
            // A table printed on its side: the names across its first row, the values down
            // under them (`transposed`).
            if let Some((side, end)) = transposed(doc, i) {
                if let Some((table, _)) = read_table(&side, 0, &|_| false) {
                    if !table.rows.is_empty() {
                        tables.push(table);
                    }
                }
                i = end;
                continue;
            }
            if !line.is_row() {
                // A paragraph may run several targets on in one line (`①婚姻件数:… → … ②出生数:
                // … → …`, `◆女性の就業率 74% (2019 年 71.2%) ◆…`): each item is read alone.
                let segs = item_segments(&line.text);
                let pieces = segs.iter().flat_map(|&(seg, item)| {
                    arrow_pieces(seg)
                        .into_iter()
                        .enumerate()
                        .map(move |(k, p)| (p, item && k == 0))
                });
                for (seg, item) in pieces {
                    let d = arrow_line(seg, line.no)
                        .or_else(|| item.then(|| bracketed_baseline(seg, line.no)).flatten());
                    let found = match d {
                        Some(d) => vec![d],
                        None => run_on_arrows(seg, line.no),
                    };
                    for d in found {
                        tables.push(Table {
                            rows: vec![d],
                            ..Table::default()
                        });
                    }
                }
                // A whole indicator list run on in the line (`runon.rs`).
                let rows = super::runon::run_on_list(&line.text, line.no);
                if !rows.is_empty() {
                    tables.push(Table {
                        rows,
                        ..Table::default()
                    });
                }
                // A year grid whose target year the sentence before it names (`year_grid.rs`).
                let rows = super::year_grid::named_target_grids(&line.text, line.no);
                if !rows.is_empty() {
                    tables.push(Table {
                        rows,
                        ..Table::default()
                    });
                }
            }
            i += 1;
            continue;
        }
        match read_table(doc, i, &is_head) {
            Some((table, end)) => {
                if !table.rows.is_empty() {
                    tables.push(table);
                }
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    // KPI sheets' year grids, their rows drawn apart from their headers (`kpi_sheet_rows.rs`; the same sheet run on in one line is `extract/kpi_sheet_runon.rs`).
    for d in super::kpi_sheet_rows::sheet_grids(doc) {
        tables.push(Table {
            rows: vec![d],
            ..Table::default()
        });
    }
    tables
}

/// A target written on one line with an arrow, outside any table: `【KPI】観光入込客数
/// 3,100千人（R2）→ 3,500千人（R7）`, `農業産出額 (H25)4,356億円 → (H31)4,380億円`,
/// `移住者数：現状 512人 ⇒ 目標 800人`.
fn arrow_line(t: &str, no: usize) -> Option<Draft> {
    if t.chars().count() > 160 {
        return None;
    }
    let pos = t.find(lexicon::ARROWS)?;
    let left = t.get(..pos)?.trim();
    let arrow_len = t.get(pos..)?.chars().next()?.len_utf8();
    let right = t.get(pos + arrow_len..)?.trim();
    let right = lexicon::TARGET_LABELS
        .iter()
        .find_map(|w| right.strip_prefix(w))
        .unwrap_or(right)
        .trim_start_matches([':', ' ']);
    let left = left
        .trim_start_matches(['・', '○', '●', '◆', '◇', '■', '□', '-', ' '])
        .trim();
    let left = lexicon::ARROW_LINE_LABELS
        .iter()
        .find_map(|w| left.strip_prefix(w))
        .unwrap_or(left)
        .trim();
    // The value starts at the first digit or bracket from which the rest reads as one; a
    // dash after the name's colon is a baseline not measured yet (`新規雇用者数: ― → 60人`).
    // After a colon the value follows it (`14歳…の「転入者数」: ▲420 人(…)`): a number in the
    // name before the colon is no baseline.
    // After a baseline word the value follows it (`ごみの1人1日当たり排出量 現状値 912g(R1)`):
    // the figures in the name before it are no baseline either.
    let after_word = lexicon::ARROW_BASELINE_WORDS
        .iter()
        .filter_map(|w| left.rfind(w).map(|k| k + w.len()))
        .max()
        .unwrap_or(0);
    let from = left.rfind(':').map_or(0, |k| k + 1).max(after_word);
    let (name, baseline) = left
        .char_indices()
        .filter(|(k, c)| *k >= from && (c.is_ascii_digit() || matches!(c, '(' | '▲' | '△')))
        .find_map(|(k, _)| {
            let name = left.get(..k)?;
            let b = arrow_value(left.get(k..)?)?;
            Some((name, b))
        })
        .or_else(|| {
            let (name, value) = left.rsplit_once(':')?;
            matches!(value.trim(), "―" | "-" | "—" | "−" | "ー" | "‐")
                .then(|| (name, Side::default()))
        })?;
    let target = arrow_value(right)?;
    let name = name.trim().trim_end_matches([':', ' ', 'は']);
    // A leading zero before a digit is no count's: it is a circled label the text lost
    // (`④14歳…` printed `014 歳…`); the number after it belongs to the name, so its space is
    // closed up lest `14 ` read as a list label.
    let lost_label = name
        .strip_prefix('0')
        .filter(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        .map(close_up_spaces);
    let name = lost_label.as_deref().unwrap_or(name);
    let name = lexicon::ARROW_BASELINE_WORDS
        .iter()
        .find_map(|w| name.strip_suffix(w))
        .unwrap_or(name)
        .trim_end_matches([':', ' ']);
    let parts = split_name(name);
    let word_chars = parts
        .name
        .chars()
        .filter(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation())
        .count();
    if word_chars < 2
        || parts.name.ends_with('第')
        || lexicon::RECENT_ERAS.iter().any(|e| parts.name.ends_with(e))
    {
        return None;
    }
    let mut d = Draft {
        line: no,
        name: parts.name,
        label: parts.label,
        category: parts.category,
        definition: parts.definition,
        unit: parts.unit,
        relisted: parts.relisted,
        cumulative: parts.cumulative,
        annual: parts.annual,
        window_len: parts.window_len,
        total: parts.total,
        baseline,
        target,
        ..Draft::default()
    };
    if let Some(w) = parts.window {
        d.target.period = Some(Dated::explicit(w));
    }
    if let Some(n) = d.target.window_len.or(d.window_len) {
        if let Some(t) = d.target.period.filter(|t| !t.period.is_window()) {
            d.target.period = window_ending(t.period, n).map(|period| Dated {
                period,
                strength: t.strength,
            });
        }
    }
    Some(d)
}

/// Arrow targets inside a line too long to be one (a page run on in one line): each arrow
/// whose left side opens with a marker ([`lexicon::RUN_ON_MARKERS`]) after the previous arrow, read as
/// an arrow line from that marker to the next marker or arrow. Without a marker the name's
/// start cannot be told in running text, and nothing is read.
fn run_on_arrows(seg: &str, no: usize) -> Vec<Draft> {
    if seg.chars().count() <= 160 {
        return Vec::new();
    }
    let arrows: Vec<usize> = seg.match_indices(lexicon::ARROWS).map(|(k, _)| k).collect();
    let mut out = Vec::new();
    let mut from = 0;
    for (n, &a) in arrows.iter().enumerate() {
        let Some(left) = seg.get(from..a) else { break };
        let marker = lexicon::RUN_ON_MARKERS
            .iter()
            .filter_map(|m| left.rfind(m).map(|k| k + m.len()))
            .max();
        let next = arrows.get(n + 1).copied().unwrap_or(seg.len());
        let arrow_len = seg
            .get(a..)
            .and_then(|r| r.chars().next())
            .map_or(1, char::len_utf8);
        let right = seg.get(a + arrow_len..next).unwrap_or_default();
        // The right side ends where the next target's marker starts.
        let right_end = lexicon::RUN_ON_MARKERS
            .iter()
            .filter_map(|m| right.find(m))
            .min()
            .unwrap_or(right.len());
        let right = right.get(..right_end).unwrap_or(right);
        // At most the value and a few words of what follows it.
        let right: String = right.chars().take(40).collect();
        if let Some(m) = marker {
            if let Some(mut d) = left
                .get(m..)
                .and_then(|l| arrow_line(&format!("{l}→{right}"), no))
            {
                // Words after the value are the next box's text, not a note on the target.
                d.target.notes.clear();
                out.push(d);
            }
        }
        from = a + arrow_len;
    }
    out
}

/// A segment holding several arrow targets, or one target and the rest of a paragraph, cut
/// after each arrow's right side when that side is a value then its period in brackets
/// (`→1,550 件(令和 6 年)`): the bracket that closes the period ends the target, and the next
/// target's name starts after it. A right side of another shape (`→ (R1)3,100 億円`) gives no
/// end, and the rest is left whole, as is a short segment with one arrow (its words after the
/// value are its note).
fn arrow_pieces(seg: &str) -> Vec<&str> {
    let arrows = seg.matches(lexicon::ARROWS).count();
    if arrows == 0 || (arrows == 1 && seg.chars().count() <= 160) {
        return vec![seg];
    }
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(a) = seg
        .get(from..)
        .and_then(|r| r.find(lexicon::ARROWS))
        .map(|k| k + from)
    {
        let after = a + seg
            .get(a..)
            .and_then(|r| r.chars().next())
            .map_or(1, char::len_utf8);
        let Some(end) = seg.get(after..).and_then(value_then_period_end) else {
            break;
        };
        let cut = (after + end).min(seg.len());
        if let Some(p) = seg.get(from..cut) {
            out.push(p.trim());
        }
        from = cut;
    }
    if let Some(p) = seg.get(from..).map(str::trim).filter(|p| !p.is_empty()) {
        out.push(p);
    }
    out
}

/// Where a right side `1,550 件(令和 6 年)` ends (the byte after its closing bracket): a digit
/// outside brackets, then a bracket closed, within a few words and before the next arrow.
fn value_then_period_end(rest: &str) -> Option<usize> {
    let mut digit = false;
    let mut depth = 0usize;
    for (n, (k, c)) in rest.char_indices().enumerate() {
        if n > 30 || matches!(c, '→' | '⇒' | '➡' | '➔') {
            return None;
        }
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => {
                depth -= 1;
                if digit && depth == 0 {
                    return Some(k + 1);
                }
            }
            c if c.is_ascii_digit() && depth == 0 => digit = true,
            _ => {}
        }
    }
    None
}

/// True for a mark that opens an item of a list printed inline: `①`–`⑳`, `◆`, `◇`, `■`, `□`,
/// `●`.
fn is_item_mark(c: char) -> bool {
    matches!(c, '\u{2460}'..='\u{2473}' | '◆' | '◇' | '■' | '□' | '●')
}

/// The items of a line, each with whether it opens with an item mark: the whole line when it
/// holds fewer than two marks, else one piece from each mark that opens the line or follows a
/// space to the next (what comes before the first mark is a piece of its own).
fn item_segments(text: &str) -> Vec<(&str, bool)> {
    let mut starts: Vec<usize> = Vec::new();
    let mut prev_space = true;
    for (k, c) in text.char_indices() {
        if is_item_mark(c) && prev_space {
            starts.push(k);
        }
        prev_space = c.is_whitespace();
    }
    let opens = |s: &str| s.starts_with(is_item_mark);
    if starts.len() < 2 {
        return vec![(text, opens(text))];
    }
    let mut out = Vec::with_capacity(starts.len() + 1);
    if let Some(head) = starts.first().and_then(|&f| text.get(..f)) {
        if !head.trim().is_empty() {
            out.push((head.trim(), false));
        }
    }
    for (n, &a) in starts.iter().enumerate() {
        let b = starts.get(n + 1).copied().unwrap_or(text.len());
        if let Some(seg) = text.get(a..b) {
            out.push((seg.trim(), true));
        }
    }
    out
}

/// An item printing its target and, in brackets after it, the baseline with its year:
/// `◆女性の就業率 2025 年までに 74% (2019 年 71.2%)`, `◆県外からの移住者数 年間 2,400 人 (2019 年度
/// 1,730 人)`, `◆結婚希望実績指標 80%(2015 年 66%)`. The target's year comes from a `2025 年までに`
/// before it; `年間` marks an annual figure. Only for items that open with a mark: in running
/// prose a number and a bracket say too many other things.
fn bracketed_baseline(seg: &str, no: usize) -> Option<Draft> {
    if seg.chars().count() > 160 {
        return None;
    }
    let t = seg.trim_start_matches(is_item_mark).trim();
    // The baseline: the last bracket, `(2019 年 71.2%)`; what follows it in a run-on line is
    // the next box's text.
    let t = t.get(..t.rfind(')')?)?;
    let open = t.rfind('(')?;
    let inner = t.get(open + 1..)?;
    let outer = t.get(..open)?.trim();
    let cut = inner.rfind(['年', '度'])?;
    let year: String = inner
        .get(..cut + '年'.len_utf8())?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let b_period = parse_period(&year).ok()?;
    let mut baseline = read_value(&close_up_spaces(inner.get(cut + '年'.len_utf8()..)?));
    baseline.value?;
    baseline.period = Some(Dated::explicit(b_period));
    // The target: from the start of the last number of the text before the bracket.
    let mut start = None;
    let mut prev: Option<char> = None;
    for (k, c) in outer.char_indices() {
        if c.is_ascii_digit() && !prev.is_some_and(|p| p.is_ascii_digit() || matches!(p, ',' | '.'))
        {
            start = Some(k);
        }
        prev = Some(c);
    }
    let start = start?;
    let mut target = read_value(&close_up_spaces(outer.get(start..)?));
    target.value?;
    if target.text.is_some() {
        return None;
    }
    let mut head = outer.get(..start)?.trim();
    let mut annual = false;
    for w in lexicon::YEARLY_TARGET_WORDS {
        if let Some(h) = head.strip_suffix(w) {
            head = h.trim();
            annual = true;
        }
    }
    // `2025 年までに`: the target's year.
    if let Some(h) = head.strip_suffix("までに") {
        let k = h.rfind(|c: char| {
            !(c.is_ascii_digit() || c.is_whitespace() || matches!(c, '年' | '度'))
        })?;
        let boundary = h.get(k..)?.chars().next()?.len_utf8();
        let year: String = h
            .get(k + boundary..)?
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let p = parse_period(&year).ok()?;
        target.period = Some(Dated::explicit(p));
        head = h.get(..k + boundary)?.trim();
    }
    let parts = split_name(&close_up_spaces(head));
    if parts.name.chars().filter(|c| !c.is_ascii_digit()).count() < 2 {
        return None;
    }
    Some(Draft {
        line: no,
        name: parts.name,
        label: parts.label,
        unit: parts.unit,
        annual: annual || parts.annual,
        cumulative: parts.cumulative,
        baseline,
        target,
        ..Draft::default()
    })
}

/// One side of an arrow: an optional period in brackets, then a value (`(H25)4,356億円`,
/// `512人（R1）`); `None` unless it holds a number that is no year.
fn arrow_value(text: &str) -> Option<Side> {
    let text = text.trim();
    let (lead, rest) = match text.strip_prefix('(') {
        Some(r) => {
            let close = r.find(')')?;
            (find_period(r.get(..close)?), r.get(close + 1..)?.trim())
        }
        None => (None, text),
    };
    let mut s = read_value(rest);
    let unit = s.unit.as_deref().unwrap_or_default();
    // A date is no value (`4月1日` has no number of its own); a count of days is one.
    let date_unit = lexicon::DATE_UNITS.contains(&unit)
        || (unit == "日" && s.value.is_some_and(|v| v <= Decimal::from(31)) && rest.contains('月'));
    if s.value.is_none() || s.text.is_some() || date_unit {
        return None;
    }
    if s.period.is_none() {
        s.period = lead;
    }
    Some(s)
}

/// The header texts after a second header line `subs` is laid under the first, `top`
/// (both compacted). A word over several subcolumns (`基準値` over `年度` and `値`, a
/// `colspan` cell, whose first line is empty after it) heads each of them, so `値` under the
/// empty cell is the baseline's value; a period word under a role word (`年度` under
/// `基準値`) makes that role's period column (`基準年度`). A subheader cell beyond the
/// first line's cells heads a column of its own.
fn spanned_header(top: &[String], subs: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(top.len().max(subs.len()));
    let mut group: Option<&str> = None;
    for j in 0..top.len().max(subs.len()) {
        let above = top.get(j).map_or("", String::as_str);
        let below = subs.get(j).map_or("", String::as_str);
        if !above.is_empty() {
            group = Some(above);
        }
        // The word this column falls under: its own, or the spanning one to its left.
        let head = if above.is_empty() && !below.is_empty() && j < top.len() {
            group.unwrap_or("")
        } else {
            above
        };
        let period_under_role = !below.is_empty()
            && matches!(classify_header(below), Role::BaselinePeriod)
            && matches!(classify_header(head), Role::Baseline | Role::Target);
        let text = if period_under_role {
            format!("{}{below}", head.trim_end_matches('値'))
        } else {
            format!("{head}{below}")
        };
        out.push(text);
    }
    out
}

/// Reads the table whose header starts at line index `start`; returns it and the index after.
/// `is_head` says which lines start a table (the labels of the block classifier).
fn read_table(doc: &Doc, start: usize, is_head: &dyn Fn(usize) -> bool) -> Option<(Table, usize)> {
    let first = doc.lines.get(start)?;
    let mut texts: Vec<String> = first
        .cells
        .iter()
        .map(|c| fold_normalized_printed_name(c))
        .collect();
    let mut i = start + 1;
    while i < start + 3 {
        let Some(l) = doc.lines.get(i) else { break };
        if !is_subheader(l) {
            break;
        }
        let subs: Vec<String> = l
            .cells
            .iter()
            .map(|c| fold_normalized_printed_name(c))
            .collect();
        let spans = spanned_header(&texts, &subs);
        for (j, c) in spans.into_iter().enumerate() {
            match texts.get_mut(j) {
                Some(t) => *t = c,
                None => texts.push(c),
            }
        }
        i += 1;
    }
    let mut head = header_cols(&texts);
    // Era-less years (`4年度実績` in the header, `(3年度)` in a value cell) are in the era of
    // the nearest era-qualified year: the header's (`令和5年度実績`), or else the one the
    // document last wrote above the table (`令和4年度事務事業評価表`, a caption, a page's title).
    let table_era = header_era(doc, start, &texts).or_else(|| era_of_document(doc));
    let undated = |h: &HeaderCol| h.period.is_none() && h.role.is_value();
    if let Some(era) = table_era {
        for h in head.iter_mut().filter(|h| undated(h)) {
            h.period = leading_year(&h.text).and_then(|y| era.resolve(&y));
        }
    }
    // Data rows: consecutive rows, across a page break (blank lines) when the rows go on
    // with the same width.
    let width = texts.len();
    let mut rows: Vec<&Line> = Vec::new();
    // Names wrapped onto a line of their own: the first part before the row (keyed by the
    // row's line number), or a bracketed last part after it.
    let mut wrapped: HashMap<usize, (String, String)> = HashMap::new();
    let mut end = i;
    while let Some(l) = doc.lines.get(i) {
        if !l.is_row() && !l.is_blank() {
            if let Some(next) = doc.lines.get(i + 1).filter(|n| name_wraps_onto(l, n)) {
                wrapped.entry(next.no).or_default().0 = l.text.clone();
                i += 1;
                continue;
            }
            if let Some(prev) = rows.last().filter(|_| is_name_tail(l)) {
                wrapped.entry(prev.no).or_default().1 = l.text.clone();
                i += 1;
                end = i;
                continue;
            }
        }
        if l.is_row() {
            if is_head(i) {
                break;
            }
            rows.push(l);
            i += 1;
            end = i;
        } else if l.is_blank() {
            let Some(j) = doc.next_nonblank(i) else { break };
            let Some(next) = doc.lines.get(j) else { break };
            let continues = j - i <= 2
                && next.is_row()
                && !is_head(j)
                && next.cells.len() == width
                && !rows.is_empty()
                && next
                    .cells
                    .iter()
                    .skip(1)
                    .any(|c| cell_kind(c) == CellKind::Value);
            if !continues {
                break;
            }
            i = j;
        } else {
            break;
        }
    }
    if rows.is_empty() {
        return None;
    }
    let layout = resolve(&head, &rows)?;
    let caps = captions(doc, start);
    let after = source_after(doc, end);
    let table_source = head.iter().find_map(|h| h.source.clone()).or(after);
    let monitor = layout.target.is_none() && layout.yearly.is_empty();
    let mut table = Table {
        project_col: layout.project.is_some(),
        ..Table::default()
    };
    let mut carry: Vec<Option<String>> = vec![None; layout_width(&layout)];
    // Value cells' era-less years (`(3年度)`) take the era the table writes once, or else the
    // header's or the one the document last named above it (a second table under the first).
    let mut era = table_era;
    for &r in &rows {
        // Grouping and period columns: an empty cell is the one above.
        for &j in layout
            .groups
            .iter()
            .chain(layout.project.iter())
            .chain(layout.baseline_period.iter())
            .chain(layout.target_period.iter())
        {
            let c = cell(r, j);
            if !c.is_empty() {
                if let Some(slot) = carry.get_mut(j) {
                    *slot = Some(c.to_owned());
                }
            }
        }
        let ctx = RowContext {
            head: &head,
            layout: &layout,
            carry: &carry,
            caption_unit: caps.unit.as_deref(),
            caption_target: caps.target,
            caption_dated: caps.dated,
            caption_roles: (caps.baseline_role, caps.target_role),
            source: table_source.as_deref(),
            monitor,
        };
        // A row of periods under a row of values (`数値 | 120 | 150` then `時点 | R4 | R9`):
        // the dates of the values above, column by column.
        if let Some(prev) = table.rows.last_mut() {
            if let Some((b, t)) = period_row(r, &layout) {
                if let Some(b) = b {
                    prev.baseline.period = Some(Dated::explicit(b));
                }
                if let Some(t) = t {
                    prev.target.period = Some(Dated::explicit(t));
                }
                continue;
            }
        }
        let wrap = if wrapped.is_empty() {
            None
        } else {
            wrapped.get(&r.no)
        };
        let name = match (wrap, ctx.layout.name) {
            (Some((head, tail)), j) => format!("{head}{}{tail}", cell(r, j)),
            (None, j) => cell(r, j).to_owned(),
        };
        if let Some(d) = read_row(r, &ctx, &name, &mut era) {
            table.rows.push(d);
        }
    }
    note_baseline_periods(doc, end, &mut table.rows, &rows, layout.name);
    // A table of words only (`目標 | 向上`, plans of action) is no table of numeric targets.
    let numeric = table
        .rows
        .iter()
        .any(|d| d.baseline.value.is_some() || d.target.value.is_some() || !d.yearly.is_empty());
    if !numeric {
        table.rows.clear();
    }
    Some((table, end))
}

/// True when cells are values, dashes or empty, with at least one value: the one row of a
/// captioned table, a value row of a table on its side; not a row of names.
pub(super) fn values_only(cells: &[String]) -> bool {
    cells.iter().any(|c| cell_kind(c) == CellKind::Value)
        && cells
            .iter()
            .all(|c| c.is_empty() || matches!(cell_kind(c), CellKind::Value | CellKind::Dash))
}

/// True when the roles hold a target and a baseline or current value: what a header needs to
/// be one of indicators when nothing else (a name column) says so.
pub(super) fn target_and_start<'r>(roles: impl IntoIterator<Item = &'r Role>) -> bool {
    let (mut target, mut start) = (false, false);
    for r in roles {
        target |= *r == Role::Target;
        start |= matches!(r, Role::Baseline | Role::Current);
    }
    target && start
}

/// An indicator table printed on its side, from line `at`: the names across the first row
/// (`項目 | 市内の創業件数 | 観光入込客数`), and under it rows headed by what they hold
/// (`現状値(令和4年度) | 32件 | 412万人`, `目標値(令和9年度) | 50件 | 500万人`), as plans print two or
/// three targets of one goal side by side. The table turned the right way up, as a document
/// of its own (a header of the row heads after a name column, then a row per name, each on
/// the line of its name), and the line after it; `None` when the lines are not such a table.
///
/// The first row has two names at least (text, not values or years); the rows under it, as
/// wide, are headed by a baseline, current, target or interim value, a year, a unit or a
/// period, with a target and a baseline or current row among them, and a value row holds
/// values, dashes or empty cells, one value at least.
fn transposed(doc: &Doc, at: usize) -> Option<(Doc, usize)> {
    let first = doc.lines.get(at).filter(|l| l.is_row())?;
    let width = first.cells.len();
    let names = first.cells.get(1..)?;
    let is_name =
        |c: &String| !c.is_empty() && c.chars().count() <= 40 && cell_kind(c) == CellKind::Text;
    if names.len() < 2 || !names.iter().all(is_name) || is_header_start(first) {
        return None;
    }
    let mut under: Vec<&Line> = Vec::new();
    let mut roles = Vec::new();
    for l in doc.lines.iter().skip(at + 1) {
        if !l.is_row() || l.cells.len() != width {
            break;
        }
        let head = l.cells.first().map(|c| fold_normalized_printed_name(c))?;
        let role = classify_header(&head);
        let fits = if role.is_value() {
            values_only(l.cells.get(1..).unwrap_or_default())
        } else {
            matches!(
                role,
                Role::Unit | Role::BaselinePeriod | Role::TargetPeriod | Role::Direction
            )
        };
        if !fits {
            break;
        }
        roles.push(role);
        under.push(l);
    }
    if !target_and_start(&roles) {
        return None;
    }
    let mut header = vec![lexicon::NAME_COLUMN_HEAD.to_owned()];
    header.extend(
        under
            .iter()
            .map(|l| l.cells.first().cloned().unwrap_or_default()),
    );
    let mut lines = vec![Line {
        cells: header,
        ..first.clone()
    }];
    for (j, name) in names.iter().enumerate() {
        let mut cells = vec![name.clone()];
        cells.extend(
            under
                .iter()
                .map(|l| l.cells.get(j + 1).cloned().unwrap_or_default()),
        );
        lines.push(Line {
            cells,
            ..first.clone()
        });
    }
    for l in &mut lines {
        l.text = l.cells.join("\t");
    }
    let side = Doc {
        file: doc.file.clone(),
        lines,
    };
    Some((side, at + 1 + under.len()))
}

/// A note under a table that dates the baselines of the rows its mark is on (`…割合※` with
/// `※ 現状値は令和2年度の値。` below): those rows' baselines take the note's period. A mark
/// with a number (`※2`) matches only names ending in it; the note is one of the three lines
/// after the table that open with the mark.
fn note_baseline_periods(
    doc: &Doc,
    end: usize,
    drafts: &mut [Draft],
    rows: &[&Line],
    name_col: usize,
) {
    let notes = doc
        .lines
        .iter()
        .skip(end)
        .filter(|l| !l.is_blank())
        .take(3)
        .filter(|l| !l.is_row())
        .filter_map(|l| note_baseline_period(&l.text));
    for (mark, period) in notes {
        for d in drafts.iter_mut() {
            let marked = rows
                .iter()
                .any(|r| r.no == d.line && cell(r, name_col).trim_end().ends_with(mark.as_str()));
            if marked && d.baseline.value.is_some() {
                d.baseline.period = Some(period);
            }
        }
    }
}

/// The mark and the period of a note saying when the baselines are from (`※ 現状値は令和2年度
/// の値。`, `※2 基準値はR2年度の数値`): a baseline word, `は`, then a period.
fn note_baseline_period(text: &str) -> Option<(String, Dated)> {
    let rest = text.trim_start().strip_prefix(lexicon::NOTE_MARK)?;
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let mark = format!("{}{digits}", lexicon::NOTE_MARK);
    let body = &rest[digits.len()..];
    for w in lexicon::BASELINE_HEADERS {
        for form in [format!("{w}値は"), format!("{w}は")] {
            if let Some(at) = body.find(&form) {
                let after = &body[at + form.len()..];
                let upto = after.find(['。', '、']).unwrap_or(after.len());
                return find_period(&after[..upto]).map(|p| (mark, p));
            }
        }
    }
    None
}

/// The periods of a row that holds only periods under the baseline and target columns and no
/// name: the dates of the row above (`数値/時点` pairs of a 施策評価 sheet). `None` for any
/// other row.
fn period_row(r: &Line, l: &Layout) -> Option<(Option<Period>, Option<Period>)> {
    if !cell(r, l.name).is_empty() {
        return None;
    }
    // `令和10年度末` (a stock counted at the year's end) is that fiscal year.
    let period_of = |c: &str| {
        let c = c.trim_start_matches('(').trim_end_matches(')');
        parse_period(c)
            .ok()
            .or_else(|| parse_period(c.strip_suffix('末')?).ok())
    };
    let period_in = |j: Option<(usize, usize)>| -> Option<Period> { period_of(cell(r, j?.0)) };
    let (b, t) = (period_in(l.baseline), period_in(l.target));
    if b.is_none() && t.is_none() {
        return None;
    }
    // Every other cell is empty, a period, or the row's label.
    let only_periods = r.cells.iter().all(|c| {
        let k = fold_normalized_printed_name(c);
        k.is_empty()
            || lexicon::PERIOD_ROW_LABELS.contains(&k.as_str())
            || cell_kind(&k) == CellKind::Dash
            || period_of(&k).is_some()
    });
    only_periods.then_some((b, t))
}

/// One past the highest column a layout uses.
fn layout_width(l: &Layout) -> usize {
    [
        Some(l.name),
        l.project,
        l.unit,
        l.kind,
        l.direction,
        l.definition,
        l.source,
        l.baseline.map(|b| b.0),
        l.target.map(|t| t.0),
        l.baseline_period,
        l.target_period,
    ]
    .into_iter()
    .flatten()
    .chain(l.groups.iter().copied())
    .chain(l.yearly.iter().map(|y| y.0))
    .chain(l.yearly_lists.iter().copied())
    .max()
    .map_or(0, |m| m + 1)
}

/// A line of text that is the first part of the next row's name: short, no note or heading,
/// and followed by a row with values.
fn name_wraps_onto(l: &Line, next: &Line) -> bool {
    let t = &l.text;
    next.is_row()
        && !is_header_start(next)
        && next
            .cells
            .iter()
            .skip(1)
            .any(|c| matches!(cell_kind(c), CellKind::Value | CellKind::Dash))
        && t.chars().count() <= 40
        && !t.starts_with(['※', '*', '注', '(', '<', '【', '■', '●', '・', '-'])
        && !t.starts_with("資料")
        && !t.starts_with("出典")
        && !t.contains('。')
        && leading_label(t).0.is_none()
}

/// A line holding only the bracketed end of the row above's name: `（累計）`, `（年間）`.
fn is_name_tail(l: &Line) -> bool {
    let t = fold_normalized_printed_name(&l.text);
    trailing_group(&t).is_some_and(|(open, inner)| {
        open == 0 && (kind_mark(&inner).is_some() || unit_word(&inner).is_some() || inner == "再掲")
    })
}

/// What a row needs from its table.
struct RowContext<'a> {
    head: &'a [HeaderCol],
    layout: &'a Layout,
    carry: &'a [Option<String>],
    caption_unit: Option<&'a str>,
    caption_target: Option<Dated>,
    /// The caption's date: the period of the values of a table with no target column.
    caption_dated: Option<Dated>,
    /// The baseline's and target's years a sentence above the table gives.
    caption_roles: (Option<Dated>, Option<Dated>),
    source: Option<&'a str>,
    monitor: bool,
}

/// A period cell (or the one above it): `Some(None)` for a dash, which says there is none.
fn period_cell(ctx: &RowContext, col: Option<usize>) -> Option<Option<Dated>> {
    let c = ctx.carry.get(col?)?.as_ref()?;
    match cell_kind(c) {
        CellKind::Dash => Some(None),
        _ => Some(find_period(c)),
    }
}

fn read_row(
    r: &Line,
    ctx: &RowContext,
    name_cell: &str,
    era: &mut Option<EraContext>,
) -> Option<Draft> {
    let l = ctx.layout;
    if name_cell.is_empty() {
        return None;
    }
    let parts = split_name(name_cell);
    if parts.name.is_empty() {
        return None;
    }
    let mut d = Draft {
        line: r.no,
        name: parts.name,
        label: parts.label,
        category: parts.category,
        definition: parts.definition,
        relisted: parts.relisted,
        cumulative: parts.cumulative,
        annual: parts.annual,
        window_len: parts.window_len,
        total: parts.total,
        monitor: ctx.monitor,
        ..Draft::default()
    };
    let name_window = parts.window;
    d.project = l
        .project
        .and_then(|j| ctx.carry.get(j))
        .and_then(Option::as_ref)
        .map(|p| fold_normalized_printed_name(p));
    if let Some(k) = l.kind.and_then(|j| kind_mark(cell(r, j))) {
        match k {
            Mark::Cumulative => d.cumulative = true,
            Mark::Annual => d.annual = true,
            Mark::Window(n) => d.window_len = Some(n),
            Mark::Total => d.total = true,
        }
    }
    d.direction = l.direction.and_then(|j| direction_of(cell(r, j)));
    if d.definition.is_none() {
        d.definition = l
            .definition
            .map(|j| cell(r, j).to_owned())
            .filter(|s| !s.is_empty());
    }
    d.source = l
        .source
        .map(|j| cell(r, j).to_owned())
        .filter(|s| !s.is_empty())
        .or(ctx.source.map(str::to_owned));
    // A definition or source cell that ends in `(累計)` (`本市実績による(累計)`): the figure is
    // a running total.
    let cumulative_note = [l.definition, l.source].into_iter().flatten().any(|j| {
        trailing_group(cell(r, j)).and_then(|(_, g)| kind_mark(&format!("({g})")))
            == Some(Mark::Cumulative)
    });
    d.cumulative |= cumulative_note;
    // A unit column's `件/年` marks an annual flow, as `/年` does everywhere.
    let column_unit = l
        .unit
        .map(|j| cell(r, j))
        // A dash in the unit column: the row has no unit (a milestone, a state).
        .filter(|c| !c.is_empty() && !matches!(*c, "-" | "−" | "―" | "—" | "ー"))
        .map(|c| match unit_word(c) {
            Some((u, annual)) => {
                d.annual |= annual;
                u
            }
            None => Unit::new(c).as_str().to_owned(),
        });
    let head_unit = |h: usize| ctx.head.get(h).and_then(|c| c.unit.clone());
    d.unit = parts
        .unit
        .or(column_unit)
        .or_else(|| l.target.and_then(|t| head_unit(t.1)))
        .or_else(|| l.baseline.and_then(|b| head_unit(b.1)))
        .or(ctx.caption_unit.map(str::to_owned));

    // Baseline: the cell's own period, else the period column (a dash there says none),
    // else the header's, which applies only to a value.
    if let Some((j, h)) = l.baseline {
        let mut b = read_value(cell(r, j));
        if b.period.is_none() {
            b.period = match period_cell(ctx, l.baseline_period) {
                Some(p) => p,
                None if b.has_content() => ctx
                    .head
                    .get(h)
                    .and_then(|c| c.period)
                    .or(ctx.caption_dated.filter(|_| ctx.monitor)),
                None => None,
            };
        }
        d.baseline = b;
    }
    if let Some((j, h)) = l.target {
        let mut t = read_value(cell(r, j));
        if t.period.is_none() {
            t.period = match period_cell(ctx, l.target_period) {
                Some(p) => p,
                None if t.has_content() => ctx
                    .head
                    .get(h)
                    .and_then(|c| c.period)
                    .or(ctx.caption_target),
                None => None,
            };
        }
        d.target = t;
    }
    // A table that writes the era once (`50%（平成28年度）`, then `（28年度）`, `（32年度）`).
    if let Some(e) = r.cells.iter().find_map(|c| EraContext::of(c)) {
        *era = Some(e);
    }
    if let Some(e) = *era {
        for side in [&mut d.baseline, &mut d.target] {
            if side.period.is_none() {
                // A target in words ends with its year, `減少を目指します(7年)`.
                let in_words = side
                    .text
                    .as_deref()
                    .and_then(trailing_group)
                    .and_then(|(_, inner)| e.resolve(&inner));
                side.period = side.notes.iter().find_map(|n| e.resolve(n)).or(in_words);
            }
        }
    }
    // Else the years the sentence above the table gives the columns.
    let (caption_baseline, caption_target) = ctx.caption_roles;
    for (side, year) in [
        (&mut d.baseline, caption_baseline),
        (&mut d.target, caption_target),
    ] {
        if side.period.is_none() && side.has_content() {
            side.period = year;
        }
    }
    // A window in the name (`（R3～R7累計）`) is the target's period.
    if let Some(w) = name_window {
        if d.target.period.is_none_or(|t| !t.period.is_window()) {
            d.target.period = Some(Dated::explicit(w));
        }
    }
    for &(j, h) in &l.yearly {
        let y = read_value(cell(r, j));
        let period = y.period.or(ctx.head.get(h).and_then(|c| c.period));
        if let (Some(v), Some(p)) = (y.value, period) {
            d.yearly.push((p.period, v));
        }
        if d.unit.is_none() {
            d.unit = y.unit;
        }
    }
    for &j in &l.yearly_lists {
        d.yearly
            .extend(year_value_list(cell(r, j)).into_iter().flatten());
    }
    // A target in words with a number of the baseline's unit in it (`全国1位` beside `2位`).
    if d.target.value.is_none() {
        if let (Some(text), Some(unit)) = (&d.target.text, &d.baseline.unit) {
            if let Some(q) = embedded_quantity(text, unit) {
                d.target.value = q.value;
                d.target.comparator = q.comparator;
            }
        }
    }
    // Prose in the value columns (a plan of action, a note spanning the table) is no target.
    let prose = |s: &Side| s.text.as_ref().is_some_and(|t| t.chars().count() > 30);
    if d.baseline.value.is_none()
        && d.target.value.is_none()
        && (prose(&d.baseline) || prose(&d.target))
    {
        return None;
    }
    if !d.baseline.present && !d.target.present && d.yearly.is_empty() {
        // A heading row inside the table, or a name wrapped onto its own row.
        return None;
    }
    // A length (`/3年`, kind column `3年`) ends in the target's year: `令和5年度` with `/3年` is
    // FY2021-FY2023, `令和5年` CY2021-CY2023.
    if let Some(n) = d.target.window_len.or(d.window_len) {
        if let Some(t) = d.target.period {
            if !t.period.is_window() {
                if let Some(w) = window_ending(t.period, n) {
                    d.target.period = Some(Dated {
                        period: w,
                        strength: t.strength,
                    });
                }
            }
        }
    }
    Some(d)
}

/// How many lines above a table [`era_before`] looks.
const ERA_LOOKBACK: usize = 400;

/// The era of the nearest line above `start` that names one (`令和4年度…`), within
/// [`ERA_LOOKBACK`] lines.
fn era_before(doc: &Doc, start: usize) -> Option<EraContext> {
    doc.lines
        .get(start.saturating_sub(ERA_LOOKBACK)..start)?
        .iter()
        .rev()
        .find_map(|l| EraContext::of(&l.text))
}

/// The era a header's era-less years are in: the one its own cells write (`令和5年度実績`), or
/// else the one the document last wrote above it ([`era_before`]).
fn header_era(doc: &Doc, start: usize, cells: &[String]) -> Option<EraContext> {
    cells
        .iter()
        .find_map(|c| EraContext::of(c))
        .or_else(|| era_before(doc, start))
}

/// The era of a table whose text above names none: the first the document names below it, or,
/// when it names none at all, the present era ([`EraContext::present`]).
fn era_of_document(doc: &Doc) -> Option<EraContext> {
    doc.lines
        .iter()
        .find_map(|l| EraContext::of(&l.text))
        .or_else(|| Some(EraContext::present()))
}

/// A header's cells with each era-less year they open with (`5年度計画`, `4年度 実績`) written
/// as the Western year it means in the era of the nearest era-qualified year — the header's
/// own, or the one the text above last wrote (`令和5年度 点検・評価`) — as this reader dates
/// its own headers: `2023年度計画`. `None` when no cell opens with such a year or no era is
/// found.
pub(crate) fn eraless_header_years(
    doc: &Doc,
    header: usize,
    cells: &[String],
) -> Option<Vec<String>> {
    let years: Vec<Option<String>> = cells.iter().map(|c| leading_year(c)).collect();
    if years.iter().all(Option::is_none) {
        return None;
    }
    let era = header_era(doc, header, cells)?;
    let dated = cells
        .iter()
        .zip(years)
        .map(|(c, y)| {
            let western = y.as_deref().and_then(|y| {
                let end = if y.ends_with("年度") {
                    "年度"
                } else {
                    "年"
                };
                let year = match era.resolve(y)?.period {
                    Period::FiscalYear(n) | Period::CalendarYear(n) => n,
                    _ => return None,
                };
                Some(format!("{year}{end}{}", c.get(y.len()..)?))
            });
            western.unwrap_or_else(|| c.clone())
        })
        .collect();
    Some(dated)
}

/// The era-less year a header opens with (`4年度` of `4年度実績`, `元年度` of `元年度末`).
fn leading_year(text: &str) -> Option<String> {
    let digits: String = match text.strip_prefix('元') {
        Some(_) => "元".to_owned(),
        None => text.chars().take_while(char::is_ascii_digit).collect(),
    };
    let rest = text.get(digits.len()..)?;
    let end = ["年度", "年"].into_iter().find(|e| rest.starts_with(e))?;
    (!digits.is_empty() && digits.chars().count() <= 2).then(|| format!("{digits}{end}"))
}

/// The first number in `text` printed with `unit` (`全国1位 (2026年)` → 1 位).
fn embedded_quantity(text: &str, unit: &str) -> Option<Quantity> {
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let rest = text.get(start..)?;
    let end = rest.find(['(', ' ']).unwrap_or(rest.len());
    let q = parse_quantity(rest.get(..end)?).ok()?;
    (q.value.is_some() && q.unit.as_str() == unit).then_some(q)
}

/// The window of `n` years that ends with `end` (fiscal or calendar as `end` is).
pub(super) fn window_ending(end: Period, n: u32) -> Option<Period> {
    let y = end.end_year(FiscalStart::APRIL);
    let start = y.checked_sub(i32::try_from(n).ok()?.checked_sub(1)?)?;
    if end.is_fiscal() {
        Period::fiscal_years(start, y).ok()
    } else {
        Period::calendar_years(start, y).ok()
    }
}
