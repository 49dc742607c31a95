//! The token-assembly reader: text forms no table reader claimed (evaluation sheets, KPI
//! review pages, comparison tables flattened in the order a PDF drew them), read as a grid
//! from the order of their tokens rather than from their lines.
//!
//! A form's grid is (name, role, year) → value. Flattened to text, its cells may come one per
//! line, run on in one line, as paragraphs, values before their names, the year header after
//! the first rows, labels spaced one character per token. What stays is the ORDER in which the
//! form declares its header (role labels, years, year notes) and prints its values. So:
//!
//! 1. `lex` cuts a block into typed tokens (role labels from the lexicon's words, spaced
//!    labels rejoined; years of every form, era-less ones given the nearest era; numbers with
//!    units, dashes as empty cells; grades; arrows; list labels; units alone; names; noise).
//! 2. `assemble` finds the grid's declarations and assigns each run of values to
//!    (name, role, year) by the declared order and the counts (its module doc has the rules).
//! 3. Here, records become indicators (baseline, yearly targets, the final target) and
//!    progress entries (the latest actual against its year's target and the final one), as
//!    the other recognisers give them, with a warning naming the rule and evidence.
//!
//! **Which text.** The document is cut into regions at two blank lines (or a form feed); a
//! region in which another recogniser found an indicator, progress entry or series is theirs.
//! The reader runs last, on the regions left, so no table already read is read twice.
//!
//! Never panics; linear in the region's tokens (each window is read once).

mod assemble;
mod lex;
#[cfg(test)]
mod tests;

use shinchoku_core::indicator::{Comparator, Direction, IndicatorKind};
use shinchoku_core::period::Period;
use shinchoku_core::Decimal;

use super::model::{Extraction, IndicatorOut, ProgressEntry, ValueAt, Warning};
use super::text::Doc;
use assemble::{Cell, Record};
use lex::{Qual, Role};

/// Reads the regions of `doc` no other recogniser took.
pub fn recognize(doc: &Doc, ex: &mut Extraction) {
    let claimed = claimed_lines(ex);
    let era = doc.lines.iter().find_map(|l| lex::document_era(&l.text));
    for (from, to) in regions(doc) {
        let Some(lines) = doc.lines.get(from..to) else {
            continue;
        };
        let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
            continue;
        };
        // The first claimed line at or after the region's first: inside it?
        let at = claimed.partition_point(|&l| l < first.no);
        if claimed.get(at).is_some_and(|&l| l <= last.no) {
            continue;
        }
        // The lines as printed (normalised), not as a table reader cut them: the cut is what
        // failed here.
        let texts: Vec<(usize, String)> = lines
            .iter()
            .map(|l| (l.no, shinchoku_core::text::normalize(&l.raw)))
            .collect();
        let toks = lex::tokenize(texts.iter().map(|(n, t)| (*n, t.as_str())), era);
        let records = assemble::assemble(&toks);
        for r in records {
            emit(doc, &r, ex);
        }
    }
}

/// The lines at which something was read already, sorted.
fn claimed_lines(ex: &Extraction) -> Vec<usize> {
    let mut out: Vec<usize> = Vec::new();
    for i in &ex.indicators {
        out.push(i.source_line);
        out.extend(&i.also_at);
    }
    out.extend(ex.progress_entries.iter().map(|p| p.line));
    out.extend(ex.series.iter().map(|s| s.line));
    out.extend(ex.roadmap.iter().map(|r| r.line));
    out.sort_unstable();
    out
}

/// Index ranges of the document's regions: runs of lines cut at two blank lines in a row or
/// a form feed.
fn regions(doc: &Doc) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut blanks = 0;
    for (k, l) in doc.lines.iter().enumerate() {
        let feed = l.raw.contains('\u{c}');
        if l.is_blank() {
            blanks += 1;
            if blanks >= 2 {
                if let Some(s) = start.take() {
                    out.push((s, k));
                }
            }
            continue;
        }
        if feed {
            if let Some(s) = start.take() {
                out.push((s, k));
            }
        }
        blanks = 0;
        if start.is_none() {
            start = Some(k);
        }
    }
    if let Some(s) = start {
        out.push((s, doc.lines.len()));
    }
    out
}

/// One record into an indicator and a progress entry.
fn emit(doc: &Doc, r: &Record, ex: &mut Extraction) {
    let Some(name) = r.name.as_deref().map(clean_name).filter(|n| !n.is_empty()) else {
        return;
    };
    if r.cells.len() < 2 || r.cells.iter().all(|c| c.value.is_none()) {
        return;
    }
    let has_baseline = r.cells.iter().any(|c| c.role == Role::Baseline);
    // 現状 beside a baseline is the check year's actual; alone, the plan's baseline.
    let role_of = |c: &Cell| match c.role {
        Role::Current if has_baseline => Role::Actual,
        Role::Current => Role::Baseline,
        other => other,
    };
    let cells: Vec<(Role, &Cell)> = r.cells.iter().map(|c| (role_of(c), c)).collect();
    let targets: Vec<&Cell> = cells
        .iter()
        .filter(|(role, c)| {
            matches!(role, Role::Target | Role::Final | Role::Plan) && c.qual != Some(Qual::Base)
        })
        .map(|(_, c)| *c)
        .collect();
    let baseline: Option<&Cell> = cells
        .iter()
        .find(|(role, c)| *role == Role::Baseline && c.value.is_some())
        .map(|(_, c)| *c)
        .or_else(|| {
            r.cells
                .iter()
                .find(|c| c.qual == Some(Qual::Base) && c.value.is_some())
        });
    // The plan's target: a final one, else the latest target (a 計画 is a year's plan only).
    let final_target: Option<&Cell> = targets
        .iter()
        .filter(|c| c.value.is_some() && c.role != Role::Plan)
        .max_by_key(|c| {
            (
                c.qual == Some(Qual::Final) || c.role == Role::Final,
                c.period,
            )
        })
        .copied();
    let unit = r
        .unit
        .clone()
        .or_else(|| {
            r.cells
                .iter()
                .find(|c| !c.unit.is_empty())
                .map(|c| c.unit.clone())
        })
        .unwrap_or_default();
    let node = super::block_node(doc, ex, r.line).map(str::to_owned);
    let comparator = final_target.map_or(Comparator::Exact, |c| c.comparator);
    let direction = r.direction.unwrap_or(match (baseline, final_target) {
        _ if comparator == Comparator::AtMost => Direction::Decrease,
        (Some(b), Some(t)) if t.value < b.value => Direction::Decrease,
        _ => Direction::Increase,
    });
    let actual: Option<&Cell> = cells
        .iter()
        .filter(|(role, c)| {
            *role == Role::Actual && c.value.is_some() && c.qual != Some(Qual::Base)
        })
        .max_by_key(|(_, c)| c.period)
        .map(|(_, c)| *c);
    let mut read = false;
    if final_target.is_some() || baseline.is_some() {
        let yearly: Vec<(Period, Decimal)> = targets
            .iter()
            .filter(|c| final_target.is_none_or(|f| f.period != c.period))
            .filter_map(|c| Some((c.period?, c.value?)))
            .collect();
        ex.indicators.push(IndicatorOut {
            id: format!("i{}", ex.indicators.len() + 1),
            name: name.clone(),
            unit: unit.clone(),
            kind: IndicatorKind::Level,
            direction,
            comparator,
            baseline: ValueAt {
                value: baseline.and_then(|b| b.value),
                period: baseline.and_then(|b| b.period),
                ..ValueAt::default()
            },
            target: ValueAt {
                value: final_target.and_then(|t| t.value),
                period: final_target.and_then(|t| t.period),
                ..ValueAt::default()
            },
            yearly_targets: yearly,
            node: node.clone(),
            project: None,
            category: None,
            label: None,
            definition: None,
            source: None,
            source_line: r.line,
            also_at: Vec::new(),
        });
        read = true;
    }
    if let Some(a) = actual {
        // The year's target; a grid's `R5 年` is the same year as its `R5 年度`.
        // An actual with no year of its own is the year of the one target printed beside it
        // (`目標値150団体 実績値142団体`).
        let undated = || match targets.as_slice() {
            [t] if a.period.is_none() => Some(t),
            _ => None,
        };
        let target = targets
            .iter()
            .find(|t| t.period.is_some() && t.period == a.period)
            .or_else(|| {
                targets
                    .iter()
                    .find(|t| same_year(t.period, a.period) && t.value.is_some())
            })
            .or_else(undated)
            .and_then(|t| t.value);
        ex.progress_entries.push(ProgressEntry {
            name: name.clone(),
            actual: a.value,
            target,
            final_target: final_target.and_then(|t| t.value),
            unit,
            mark: r.mark.clone(),
            line: r.line,
            ..ProgressEntry::default()
        });
        read = true;
    }
    if read {
        ex.warnings.push(Warning {
            line: r.line,
            code: "form_tokens".to_owned(),
            message: format!(
                "{name}: 表の形をしない書式から、ラベル・年・値の並びで読んだ値です / values \
                 read from a form's text by the order of its labels, years and values: check them"
            ),
            evidence: Some(evidence(r)),
        });
    }
}

/// True when two periods are the same numbered year, one fiscal and one calendar.
fn same_year(a: Option<Period>, b: Option<Period>) -> bool {
    let year = |p: Option<Period>| match p {
        Some(Period::FiscalYear(y) | Period::CalendarYear(y)) => Some(y),
        _ => None,
    };
    year(a).is_some() && year(a) == year(b)
}

/// What the record was read from, for a person: each value with its role and year.
fn evidence(r: &Record) -> String {
    let cells: Vec<String> = r
        .cells
        .iter()
        .map(|c| {
            let v = c
                .value
                .map_or("-".to_owned(), shinchoku_core::quantity::format_decimal);
            let p = c.period.map_or(String::new(), |p| format!(" {p}"));
            format!("{:?}{p}={v}", c.role)
        })
        .collect();
    format!("トークンの並び / token order: {}", cells.join(", "))
}

/// A name as the key reads it: white space and a list's bullet removed.
fn clean_name(n: &str) -> String {
    n.trim_start_matches(|c: char| c.is_whitespace() || super::lexicon::BULLETS.contains(&c))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}
