//! The title a document prints and the plan period it states.
//!
//! The title is the first line, when it is a short unnumbered line; a period in brackets at
//! its end (`（令和元年8月）`) is the as-of date when it names a month or a day. A
//! `計画期間：令和2年度～令和6年度` line near the start (or a window at the end of the title) is
//! the plan period, read by `era::parse_period`.

use shinchoku_core::era::parse_period;
use shinchoku_core::period::Period;

use super::structure::{
    clean_text, collapse, is_generic, is_links_header, last_group, starts_with_heading, strip_dash,
    STRONG,
};
use super::text::{Doc, Line};

/// The title line: the first non-blank line when it is a short unnumbered line. Returns its
/// index, the title as printed and the as-of date of a bracketed month or day at its end.
pub(super) fn find_title(doc: &Doc) -> Option<(usize, String, Option<Period>)> {
    let i = doc.next_nonblank(0)?;
    let line: &Line = doc.lines.get(i)?;
    let filled: Vec<usize> = line
        .cells
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.is_empty())
        .map(|(k, _)| k)
        .collect();
    let [only] = filled.as_slice() else {
        return None;
    };
    let text = clean_text(line.cells.get(*only)?);
    let n = text.chars().count();
    if !(2..=80).contains(&n)
        || text.ends_with('。')
        || starts_with_heading(&text)
        || is_generic(&text)
        || strip_dash(&text).0
        || text.starts_with(|c: char| "([【〔《〈<".contains(c) || STRONG.contains(&c))
        || is_links_header(&text)
    {
        return None;
    }
    let as_of = last_group(&text).and_then(|(_, inner)| match parse_period(inner) {
        Ok(p @ (Period::Month { .. } | Period::Date { .. })) => Some(p),
        _ => None,
    });
    let printed = line
        .raw
        .split('\t')
        .nth(*only)
        .map(clean_text)
        .filter(|c| !c.is_empty())
        .unwrap_or(text);
    Some((i, printed, as_of))
}

/// The plan period the document states near its start: a `計画期間：令和2年度～令和6年度`
/// line (or the prose `計画期間は、令和2年度から令和6年度までの5年間`), else a window in
/// brackets at the end of the title (`（2022～2026）`).
pub(super) fn stated_period(doc: &Doc, title: Option<&str>) -> Option<Period> {
    let years = |p: Period| {
        matches!(
            p,
            Period::FiscalYears { .. }
                | Period::CalendarYears { .. }
                | Period::FiscalYear(_)
                | Period::CalendarYear(_)
        )
        .then_some(p)
    };
    let read = |text: &str| -> Option<Period> {
        let text = text.trim();
        if let Ok(p) = parse_period(text) {
            return years(p);
        }
        // `令和3年度～令和7年度（5年間）`
        if let Some((start, _)) = last_group(text) {
            if let Ok(p) = parse_period(text.get(..start)?.trim()) {
                return years(p);
            }
        }
        // `令和2年度から令和6年度までの5年間`
        let (from, rest) = text.split_once("から")?;
        let (to, _) = rest.split_once("まで")?;
        years(parse_period(&format!("{from}～{to}")).ok()?)
    };
    // Where the document presents itself: a period stated deep inside is a sub-plan's.
    for line in doc.lines.iter().filter(|l| !l.is_blank()).take(40) {
        if line.is_row() || line.text.chars().count() > 80 {
            continue;
        }
        let c = collapse(&line.text);
        let Some(rest) = c.strip_prefix("計画期間") else {
            continue;
        };
        let rest = rest.trim_start_matches(['は', '、', ':', ' ', '：']);
        if let Some(p) = read(rest) {
            return Some(p);
        }
    }
    let t = crate::extract::text::normalize(title?);
    last_group(&t).and_then(|(_, inner)| read(inner))
}
