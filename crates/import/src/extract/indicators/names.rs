//! Names: a printed name cell split into its label, `[category]`, definition, unit and marks
//! (`split_name`).

use super::cells::{kind_mark, Mark};
use super::periods::{find_period, unit_word};
use crate::extract::lexicon;
use crate::extract::scan::latin_unit;
use shinchoku_core::period::Period;
use shinchoku_core::text::fold_normalized_printed_name;

/// A name cell, taken apart.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct NameParts {
    pub(super) name: String,
    pub(super) label: Option<String>,
    pub(super) category: Option<String>,
    pub(super) definition: Option<String>,
    pub(super) unit: Option<String>,
    pub(super) cumulative: bool,
    pub(super) annual: bool,
    pub(super) relisted: bool,
    /// `（R3～R7累計）`: a total over these years.
    pub(super) window: Option<Period>,
    /// `（5年間累計）`: a total over so many years.
    pub(super) window_len: Option<u32>,
    /// `（期間計）`: a total over the plan.
    pub(super) total: bool,
}

/// List labels that NFKC keeps (text.rs protects them): `①`, `⑴`, `❶`, `Ⅱ`.
fn is_label_char(c: char) -> bool {
    matches!(c,
        '\u{2160}'..='\u{217F}'
        | '\u{2460}'..='\u{24FF}'
        | '\u{2776}'..='\u{2793}'
        | '\u{3251}'..='\u{325F}'
        | '\u{32B1}'..='\u{32BF}'
    )
}

/// A leading list label (`①`, `(1)`, `1.`, `1)`, `1 `) and the rest.
pub(super) fn leading_label(t: &str) -> (Option<String>, &str) {
    let t = t.trim();
    let mut chars = t.chars();
    if let Some(c) = chars.next() {
        if is_label_char(c) {
            return (Some(c.to_string()), chars.as_str().trim_start());
        }
    }
    if let Some(rest) = t.strip_prefix('(') {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if (1..=2).contains(&digits.len()) {
            if let Some(after) = rest.get(digits.len()..).and_then(|r| r.strip_prefix(')')) {
                if !after.trim().is_empty() {
                    return (Some(format!("({digits})")), after.trim_start());
                }
            }
        }
    }
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    if (1..=2).contains(&digits.len()) {
        let after = t.get(digits.len()..).unwrap_or_default();
        for sep in ['.', ')', ' '] {
            if let Some(rest) = after.strip_prefix(sep) {
                let next = rest.trim_start().chars().next();
                if next.is_some_and(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation()) {
                    let label = if sep == ' ' {
                        digits.clone()
                    } else {
                        format!("{digits}{sep}")
                    };
                    return (Some(label), rest.trim_start());
                }
            }
        }
    }
    (None, t)
}

/// The bracketed group a text ends with: where it opens (byte index) and what it holds.
pub(super) fn trailing_group(t: &str) -> Option<(usize, String)> {
    let last = t.chars().last()?;
    let open = match last {
        ')' => '(',
        '】' => '【',
        ']' => '[',
        '〕' => '〔',
        _ => return None,
    };
    let mut depth = 0usize;
    for (i, c) in t.char_indices().rev() {
        if c == last {
            depth += 1;
        } else if c == open {
            depth = depth.saturating_sub(1);
            if depth == 0 {
                let inner = t.get(i + open.len_utf8()..t.len() - last.len_utf8())?;
                return Some((i, inner.to_owned()));
            }
        }
    }
    None
}

/// Splits a name cell: `fold_printed_name`, then a leading label, a `[category]` prefix, `【再掲】`, and
/// trailing marks, units and definitions in brackets.
pub(super) fn split_name(cell: &str) -> NameParts {
    let mut p = NameParts::default();
    let (label, rest) = leading_label(cell);
    p.label = label;
    let mut c = fold_normalized_printed_name(rest);
    for mark in lexicon::RELISTED_MARKS {
        if c.contains(mark) {
            p.relisted = true;
            c = c.replace(mark, "");
        }
    }
    if let Some(rest) = c.strip_prefix('[') {
        if let Some(end) = rest.find(']') {
            let cat = rest.get(..end).unwrap_or_default();
            let after = rest.get(end + 1..).unwrap_or_default();
            if !cat.is_empty() && !after.is_empty() {
                p.category = Some(cat.to_owned());
                c = after.to_owned();
            }
        }
    }
    while let Some((open, inner)) = trailing_group(&c) {
        if open == 0 {
            break;
        }
        // A window of years with a total word: `R3～R7累計`, `2022～2026年度の合計`.
        let bare = lexicon::WINDOW_TOTAL_WORDS
            .iter()
            .find_map(|w| inner.strip_suffix(w))
            .filter(|_| inner.chars().count() <= 24);
        let window = bare.and_then(find_period).filter(|d| d.period.is_window());
        match (inner.as_str(), kind_mark(&inner), window) {
            ("再掲", _, _) => p.relisted = true,
            (_, Some(Mark::Cumulative), _) => p.cumulative = true,
            (_, Some(Mark::Annual), _) => p.annual = true,
            (_, Some(Mark::Window(n)), _) => p.window_len = Some(n),
            (_, Some(Mark::Total), _) => p.total = true,
            (_, None, Some(w)) => p.window = Some(w.period),
            _ => {
                if let Some((u, annual)) = unit_word(&inner) {
                    p.unit.get_or_insert(u);
                    p.annual |= annual;
                } else if let Some(u) = latin_unit(&inner) {
                    p.unit.get_or_insert(u);
                } else if inner.chars().count() >= 15
                    || inner.contains('、')
                    || inner.contains('。')
                    || inner.starts_with('※')
                {
                    p.definition.get_or_insert(inner);
                } else {
                    break;
                }
            }
        }
        c.truncate(open);
    }
    p.name = c;
    p
}
