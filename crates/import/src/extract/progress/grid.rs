//! A year grid run on in one line: a PDF's text layer gives a small table of one indicator's
//! years as `name 令和元 (基準値) 令和 2 令和 3 (現状値) 令和 6 (目標値) 1,482 件 1,405 件 1,398 件
//! 1,550 件` — the header's years, some followed by their role in brackets, then the values in
//! the same order, with the unit on some values and not on others. The value under the year
//! marked current ([`lexicon::GRID_CURRENT_ROLE_WORDS`]) is the actual and the one under the
//! year marked target ([`lexicon::TARGET_LABELS`]) the target: one progress entry.
//!
//! A year is an era and its number, printed together or apart (`令和3`, `令和 3`, `R3`,
//! `令和元`), or a Western year with `年`. The values must be exactly as many as the years; else
//! the grid is not read (a count that does not match would pair a value with the wrong year).
//! The name is the words just before the first year, back to a label that ends in a circled
//! number (`数値目標①`), a sentence end or a number.

use shinchoku_core::quantity::Unit;
use shinchoku_core::Decimal;

use crate::extract::lexicon;
use crate::extract::model::ProgressEntry;

/// At most this many words make a grid's name.
const MAX_NAME_TOKENS: usize = 3;

/// A role printed after a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Current,
    Target,
    Other,
}

/// Every run-on year grid in `text` (line `no`) with a current and a target year.
pub(super) fn run_on_grids(text: &str, no: usize) -> Vec<ProgressEntry> {
    let toks: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match grid_at(&toks, i, no) {
            Some((entry, end)) => {
                out.extend(entry);
                i = end.max(i + 1);
            }
            None => i += 1,
        }
    }
    out
}

/// The length in tokens of a year starting at `toks[i]`, if one does.
fn year_len(toks: &[&str], i: usize) -> Option<usize> {
    let t = *toks.get(i)?;
    let t = t
        .strip_suffix("年度")
        .or_else(|| t.strip_suffix('年'))
        .unwrap_or(t);
    if lexicon::ERAS.contains(&t) {
        let n = toks.get(i + 1)?;
        let n = n
            .strip_suffix("年度")
            .or_else(|| n.strip_suffix('年'))
            .unwrap_or(n);
        return (!n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit()))
            .then_some(2);
    }
    let era = lexicon::ERAS
        .iter()
        .find_map(|e| t.strip_prefix(e))
        .or_else(|| t.strip_prefix(['R', 'H']));
    match era {
        Some(n) => (n == "元"
            || (!n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit())))
        .then_some(1),
        None => None,
    }
}

/// A role bracket after a year (`(現状値)`).
fn role_of(t: &str) -> Option<Role> {
    let inner = t.strip_prefix('(')?.strip_suffix(')')?;
    Some(if lexicon::GRID_CURRENT_ROLE_WORDS.contains(&inner) {
        Role::Current
    } else if lexicon::TARGET_LABELS.contains(&inner) {
        Role::Target
    } else {
        Role::Other
    })
}

/// A bare number (`1,398`, `1.27`, `▲12`).
fn number(t: &str) -> Option<Decimal> {
    let (neg, t) = match t.strip_prefix(['▲', '△', '-', '−']) {
        Some(r) => (true, r),
        None => (false, t),
    };
    if !t.starts_with(|c: char| c.is_ascii_digit())
        || !t
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return None;
    }
    let v: Decimal = t.replace(',', "").parse().ok()?;
    Some(if neg { -v } else { v })
}

/// A unit printed after a value (`件`, `%`).
fn unit(t: &str) -> Option<&str> {
    let u = Unit::new(t);
    (!u.is_empty() && u.is_known() && t.chars().count() <= 3).then_some(t)
}

/// The grid whose first year is at `toks[at]`, and the token after it.
fn grid_at(toks: &[&str], at: usize, no: usize) -> Option<(Option<ProgressEntry>, usize)> {
    let mut roles = Vec::new();
    let mut i = at;
    while let Some(n) = year_len(toks, i) {
        i += n;
        let role = toks.get(i).and_then(|t| role_of(t));
        if role.is_some() {
            i += 1;
        }
        roles.push(role.unwrap_or(Role::Other));
    }
    if roles.len() < 3 {
        return None;
    }
    let mut values = Vec::with_capacity(roles.len());
    let mut unit_seen: Option<&str> = None;
    while values.len() < roles.len() {
        let v = toks.get(i).and_then(|t| number(t))?;
        values.push(v);
        i += 1;
        if let Some(u) = toks.get(i).and_then(|t| unit(t)) {
            unit_seen = unit_seen.or(Some(u));
            i += 1;
        }
    }
    let find = |r: Role| {
        roles
            .iter()
            .position(|x| *x == r)
            .and_then(|k| values.get(k))
    };
    let (Some(actual), Some(target)) = (find(Role::Current), find(Role::Target)) else {
        return Some((None, i));
    };
    let mut start = at;
    while start > 0 && at - start < MAX_NAME_TOKENS {
        let t = toks.get(start - 1)?;
        let label = t.ends_with(|c: char| matches!(c, '\u{2460}'..='\u{2473}'));
        if label || t.ends_with(['。', ')']) || number(t).is_some() || unit(t).is_some() {
            break;
        }
        start -= 1;
    }
    let name: String = toks.get(start..at)?.concat();
    if name.chars().count() < 2 {
        return Some((None, i));
    }
    Some((
        Some(ProgressEntry {
            name,
            actual: Some(*actual),
            target: Some(*target),
            unit: unit_seen.unwrap_or_default().to_owned(),
            line: no,
            ..ProgressEntry::default()
        }),
        i,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(String, String, String, String)> {
        run_on_grids(text, 1)
            .into_iter()
            .map(|e| {
                (
                    e.name,
                    e.actual.map(|v| v.to_string()).unwrap_or_default(),
                    e.target.map(|v| v.to_string()).unwrap_or_default(),
                    e.unit,
                )
            })
            .collect()
    }

    #[test]
    fn a_run_on_year_grid_pairs_the_current_and_target_years_with_their_values() {
        let text = "目標② 観光客数 平成 30 (基準値) 令和元 令和 2 (現状値) 令和 5 (目標値) \
            820 人 790 640 人 900 人 備考 目標③ 宿泊率 R1 (基準値) R2 (現状値) R5 (目標値) 31.5 % 29.0 35.0";
        assert_eq!(
            read(text),
            vec![
                ("観光客数".into(), "640".into(), "900".into(), "人".into()),
                ("宿泊率".into(), "29.0".into(), "35.0".into(), "%".into()),
            ]
        );
    }

    #[test]
    fn a_grid_with_fewer_values_than_years_is_not_read() {
        let text = "来館者数 令和 2 (基準値) 令和 3 (現状値) 令和 6 (目標値) 1,200 1,350 終わり";
        assert!(read(text).is_empty());
    }
}
