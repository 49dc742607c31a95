//! Merging: rows of different tables that are one indicator become one group (`merge`), a list
//! of all targets is recognised as an overview (`mark_overviews`), and conflicts are warned
//! about.

use std::collections::{HashMap, HashSet};

use super::cells::Side;
use super::table::{Draft, Table};
use crate::extract::model::Warning;
use shinchoku_core::quantity::{format_decimal, Unit};

/// A row of a table: (table index, row index).
pub(super) type RowId = (usize, usize);

pub(super) fn draft(tables: &[Table], id: RowId) -> Option<&Draft> {
    tables.get(id.0).and_then(|t| t.rows.get(id.1))
}

/// Whether two values agree: `None` when either is missing or the units do not compare.
fn agree(a: &Side, ua: &str, b: &Side, ub: &str) -> Option<bool> {
    let (x, y) = (a.value?, b.value?);
    let y = if ua == ub || ub.is_empty() || ua.is_empty() {
        y
    } else {
        Unit::convert(y, &Unit::new(ub), &Unit::new(ua))?
    };
    Some(x == y)
}

fn unit_of(d: &Draft) -> String {
    d.baseline
        .unit
        .clone()
        .or(d.target.unit.clone())
        .or(d.unit.clone())
        .unwrap_or_default()
}

/// Baseline and target agreement of two drafts: (agreeing, disagreeing) counts.
fn compare(a: &Draft, b: &Draft) -> (i32, i32) {
    let (ua, ub) = (unit_of(a), unit_of(b));
    let mut yes = 0;
    let mut no = 0;
    for (x, y) in [(&a.baseline, &b.baseline), (&a.target, &b.target)] {
        match agree(x, &ua, y, &ub) {
            Some(true) => yes += 1,
            Some(false) => no += 1,
            None if !x.has_content() && !y.has_content() => yes += 1,
            None => {}
        }
    }
    (yes, no)
}

/// How well two normalised names match: 2 equal, 1 one contains the other with a few
/// characters more (`県航空宇宙…` in `山口県航空宇宙…`).
pub(super) fn name_match(a: &str, b: &str) -> u8 {
    if a == b {
        return 2;
    }
    let contains = |a: &str, b: &str| {
        let (la, lb) = (a.chars().count(), b.chars().count());
        let (short, long, ls, ll) = if la <= lb {
            (a, b, la, lb)
        } else {
            (b, a, lb, la)
        };
        ls >= 3 && long.contains(short) && ll - ls <= (ll / 5).max(3)
    };
    u8::from(contains(a, b) || contains(&bare(a), &bare(b)))
}

/// A name without the particles and quotation marks that come and go between two printings
/// of it (`若者の県内定着率` / `若者県内定着率`).
pub(super) fn bare(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, 'の' | '・' | '「' | '」' | '『' | '』'))
        .collect()
}

/// Marks the lists of targets that other tables place under their headings (a `数値目標`
/// section near the start that lists every target of the plan in one table, which the
/// sections after it print again under their own headings; or a summary table with a
/// project column): an indicator belongs where it is placed, not where a list repeats it. A list's names are spread over two or more other tables, none of which
/// holds them all.
pub(super) fn mark_overviews(tables: &mut [Table]) {
    // Which tables print each name (tables without a project column), in table order.
    let mut by_name: HashMap<&str, Vec<usize>> = HashMap::new();
    for (ti, t) in tables.iter().enumerate() {
        if t.project_col {
            continue;
        }
        // A `【再掲】` row repeats an indicator placed elsewhere; it does not place it.
        for d in t.rows.iter().filter(|d| !d.relisted) {
            let e = by_name.entry(d.name.as_str()).or_default();
            if e.last() != Some(&ti) {
                e.push(ti);
            }
        }
    }
    let overview: Vec<bool> = tables
        .iter()
        .enumerate()
        .map(|(ti, t)| t.project_col || is_overview(ti, t, &by_name))
        .collect();

    for (t, o) in tables.iter_mut().zip(overview) {
        t.overview = o;
    }
}

/// Whether table `ti` is a list of targets placed elsewhere: two or more of its rows name
/// indicators other tables print, those spread over two or more tables, and no other table
/// prints them all. `by_name` holds, for each name, the tables printing it in order.
///
/// The other tables of a name are not counted one by one (a name printed in every one of
/// thousands of tables would make that quadratic): at most two are looked at for the spread,
/// and "no table prints them all" is asked of the tables of the rarest name only, each
/// checked by binary search and given up at its first missing name.
fn is_overview(ti: usize, t: &Table, by_name: &HashMap<&str, Vec<usize>>) -> bool {
    // The rows whose name some other table prints, by the tables printing it.
    let mut found: Vec<&[usize]> = Vec::new();
    // Up to two of the other tables.
    let mut spread: Vec<usize> = Vec::with_capacity(2);
    for d in &t.rows {
        let Some(list) = by_name.get(d.name.as_str()) else {
            continue;
        };
        let own = usize::from(list.binary_search(&ti).is_ok());
        if list.len() <= own {
            continue;
        }
        found.push(list);
        for &o in list.iter().filter(|&&o| o != ti).take(2) {
            if spread.len() < 2 && !spread.contains(&o) {
                spread.push(o);
            }
        }
    }
    if found.len() < 2 || spread.len() < 2 {
        return false;
    }
    let Some(rarest) = found.iter().min_by_key(|l| l.len()) else {
        return false;
    };
    let holds_all = |o: usize| found.iter().all(|l| l.binary_search(&o).is_ok());
    !rarest.iter().any(|&o| o != ti && holds_all(o))
}

/// Merges the rows of all tables into indicators (lists of rows).
pub(super) fn merge(
    tables: &[Table],
    warnings: &mut Vec<Warning>,
) -> (Vec<Vec<RowId>>, HashMap<usize, String>) {
    // A name some table prints twice (for two projects, under two categories) names several
    // indicators: rows of that name are one only when their numbers agree.
    let mut ambiguous: HashSet<&str> = HashSet::new();
    for t in tables {
        let mut seen: HashSet<&str> = HashSet::new();
        for d in &t.rows {
            if !seen.insert(d.name.as_str()) {
                ambiguous.insert(d.name.as_str());
            }
        }
    }

    // Tables without a project column: the same name is the same indicator (numbers that
    // differ are warned about), unless the name is ambiguous and the numbers differ.
    let mut groups: Vec<Vec<RowId>> = Vec::new();
    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    // Per group: whether a row of it is a `【再掲】` repeat, and whether one is in an overview
    // list; kept as rows join, so that a name printed in thousands of tables is not rescanned
    // for each of them.
    let mut group_relisted: Vec<bool> = Vec::new();
    let mut group_listed: Vec<bool> = Vec::new();
    for (ti, t) in tables.iter().enumerate() {
        if t.project_col {
            continue;
        }
        for (ri, d) in t.rows.iter().enumerate() {
            let mut candidates = by_key.get(&d.name).cloned().unwrap_or_default();
            // Agreeing numbers first.
            candidates.sort_by_key(|&gi| {
                let no = groups
                    .get(gi)
                    .and_then(|g| g.first())
                    .and_then(|&id| draft(tables, id))
                    .map_or(0, |f| compare(f, d).1);
                (no, gi)
            });
            let mut chosen = None;
            for gi in candidates {
                let Some(g) = groups.get(gi) else { continue };
                // Rows join in table order, so the last row holds the group's latest table.
                if g.last().is_some_and(|id| id.0 == ti) {
                    continue;
                }
                let Some(first) = g.first().and_then(|&id| draft(tables, id)) else {
                    continue;
                };
                if first.category.is_some() && d.category.is_some() && first.category != d.category
                {
                    continue;
                }
                let (_, no) = compare(first, d);
                let relisted = d.relisted || group_relisted.get(gi).copied().unwrap_or(false);
                let listed = t.overview || group_listed.get(gi).copied().unwrap_or(false);
                let unique = !ambiguous.contains(d.name.as_str());
                if no == 0 || relisted || listed || unique {
                    chosen = Some(gi);
                    break;
                }
            }
            match chosen {
                Some(gi) => {
                    if let Some(g) = groups.get_mut(gi) {
                        conflict(tables, g, d, warnings);
                        g.push((ti, ri));
                    }
                    if let Some(r) = group_relisted.get_mut(gi) {
                        *r |= d.relisted;
                    }
                    if let Some(l) = group_listed.get_mut(gi) {
                        *l |= t.overview;
                    }
                }
                None => {
                    by_key.entry(d.name.clone()).or_default().push(groups.len());
                    groups.push(vec![(ti, ri)]);
                    group_relisted.push(d.relisted);
                    group_listed.push(t.overview);
                }
            }
        }
    }

    // Summary tables (with a project column): each row to the best matching indicator of the
    // tables it summarises (those between the summary tables before and after it), by name
    // and numbers; a table once matched to a project stays with it.
    let mut table_project: HashMap<usize, String> = HashMap::new();
    let summaries: Vec<usize> = (0..tables.len())
        .filter(|&ti| tables.get(ti).is_some_and(|t| t.project_col))
        .collect();
    // The groups made above, which start in table order: those of the tables between two
    // summaries are found by binary search, not by a pass over all groups per summary. (The
    // groups a summary row starts, added below, start in a summary table, which no later
    // summary's scope holds.)
    let plain = groups.len();
    for (k, &ti) in summaries.iter().enumerate() {
        let Some(t) = tables.get(ti) else { continue };
        let lo = k.checked_sub(1).and_then(|p| summaries.get(p)).copied();
        let hi = summaries.get(k + 1).copied().unwrap_or(tables.len());
        let start = |g: &Vec<RowId>| g.first().map_or(0, |id| id.0);
        let made = groups.get(..plain).unwrap_or_default();
        let from = lo.map_or(0, |lo| made.partition_point(|g| start(g) <= lo));
        let to = made.partition_point(|g| start(g) < hi);
        let scope: Vec<usize> = (from..to.max(from))
            .filter(|&gi| made.get(gi).is_some_and(|g| start(g) != ti))
            .collect();
        // A summary and its tables are compared row by row; should they be huge, only names
        // equal but for particles are compared, which keeps the work linear.
        let huge = scope.len().saturating_mul(t.rows.len()) > 1_000_000;
        let mut by_bare: HashMap<String, Vec<usize>> = HashMap::new();
        if huge {
            for &gi in &scope {
                if let Some(f) = groups
                    .get(gi)
                    .and_then(|g| g.first())
                    .and_then(|&id| draft(tables, id))
                {
                    by_bare.entry(bare(&f.name)).or_default().push(gi);
                }
            }
        }
        let mut claimed: HashSet<usize> = HashSet::new();
        for (ri, d) in t.rows.iter().enumerate() {
            let mut best: Option<(i32, usize)> = None;
            let candidates: &[usize] = if huge {
                by_bare.get(&bare(&d.name)).map_or(&[], Vec::as_slice)
            } else {
                &scope
            };
            for &gi in candidates {
                if claimed.contains(&gi) {
                    continue;
                }
                let Some(g) = groups.get(gi) else { continue };
                let Some(first) = g.first().and_then(|&id| draft(tables, id)) else {
                    continue;
                };
                let nm = name_match(&first.name, &d.name);
                if nm == 0 {
                    continue;
                }
                if first.project.is_some() && d.project.is_some() && first.project != d.project {
                    continue;
                }
                if first.category.is_some() && d.category.is_some() && first.category != d.category
                {
                    continue;
                }
                let (yes, no) = compare(first, d);
                if nm == 1 && yes == 0 {
                    continue;
                }
                let mut score = 2 * i32::from(nm) + yes - no;
                if let (Some(p), Some(home)) = (
                    &d.project,
                    g.first().and_then(|id| table_project.get(&id.0)),
                ) {
                    score += if p == home { 2 } else { -3 };
                }
                if best.is_none_or(|(s, _)| score > s) {
                    best = Some((score, gi));
                }
            }
            match best {
                Some((_, gi)) => {
                    claimed.insert(gi);
                    if let Some(g) = groups.get_mut(gi) {
                        if let (Some(p), Some(home)) = (&d.project, g.first()) {
                            table_project.entry(home.0).or_insert_with(|| p.clone());
                        }
                        conflict(tables, g, d, warnings);
                        g.push((ti, ri));
                    }
                }
                None => groups.push(vec![(ti, ri)]),
            }
        }
    }
    for g in &mut groups {
        g.sort_by_key(|id| draft(tables, *id).map_or(0, |d| d.line));
        g.dedup();
    }
    (groups, table_project)
}

/// Warns when a row about to be merged prints other numbers than the indicator has.
fn conflict(tables: &[Table], g: &[RowId], d: &Draft, warnings: &mut Vec<Warning>) {
    let Some(first) = g.first().and_then(|&id| draft(tables, id)) else {
        return;
    };
    let (ua, ub) = (unit_of(first), unit_of(d));
    for (what, x, y) in [
        ("現状値 / baseline", &first.baseline, &d.baseline),
        ("目標値 / target", &first.target, &d.target),
    ] {
        if agree(x, &ua, y, &ub) == Some(false) {
            let show = |s: &Side| s.value.map(format_decimal).unwrap_or_default();
            warnings.push(Warning {
                line: d.line,
                code: "conflicting_values".into(),
                message: format!(
                    "{}: {what} が {}行目 ({}) と {}行目 ({}) で異なります / the same indicator \
                     is printed with different numbers on lines {} and {}",
                    d.name,
                    first.line,
                    show(x),
                    d.line,
                    show(y),
                    first.line,
                    d.line
                ),
                evidence: None,
            });
        }
    }
}
