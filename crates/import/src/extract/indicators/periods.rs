//! Periods in headers, captions and notes: the year a column, a caption or a note gives a value,
//! and how sure it is ([`Strength`]).

use super::cells::known;
use crate::extract::lexicon;
use shinchoku_core::era::parse_period;
use shinchoku_core::period::Period;
use shinchoku_core::quantity::Unit;
use shinchoku_core::text::fold_normalized_printed_name;

/// How sure a period is; the surer wins when tables are merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Strength {
    /// The plan's period, for a target printed without one.
    Fallback,
    /// A convention: a header's `年度・年` (fiscal unless the row says 年), a bare Western year.
    Convention,
    /// Printed for this value, its column or its table.
    Explicit,
}

/// A period and how it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Dated {
    pub(super) period: Period,
    pub(super) strength: Strength,
}

impl Dated {
    pub(super) fn explicit(period: Period) -> Self {
        Dated {
            period,
            strength: Strength::Explicit,
        }
    }
}

/// Characters a period is written with (after NFKC).
fn is_period_char(c: char) -> bool {
    c.is_ascii_digit()
        || matches!(
            c,
            '元' | '令'
                | '和'
                | '平'
                | '成'
                | '昭'
                | '大'
                | '正'
                | '明'
                | '治'
                | '年'
                | '度'
                | '月'
                | '日'
                | '.'
                | '・'
                | '('
                | ')'
                | '~'
                | '〜'
                | '～'
                | '-'
                | ' '
                | 'R'
                | 'H'
                | 'S'
                | 'T'
                | 'M'
                | 'F'
                | 'Y'
        )
}

/// The first period written somewhere in `text` (`令和5年度(2023年度)目標値`, `現状値
/// (R元年度・年)`, `全国1位(2026年)`), read by core's period parser.
pub(super) fn find_period(text: &str) -> Option<Dated> {
    periods_in(text).next()
}

/// The last period written in `text`: the one nearest what follows it (`本計画(終期:令和7年3月
/// 末)では、2025年の数値を目標とします` names 2025 as the target).
pub(super) fn last_period(text: &str) -> Option<Dated> {
    periods_in(text).last()
}

/// The periods written in `text`, in order: each run of period characters read by core's
/// period parser.
fn periods_in(text: &str) -> impl Iterator<Item = Dated> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < chars.len() {
            if !chars.get(i).is_some_and(|&c| is_period_char(c)) {
                i += 1;
                continue;
            }
            let start = i;
            while chars.get(i).is_some_and(|&c| is_period_char(c)) {
                i += 1;
            }
            let run: String = chars.get(start..i).unwrap_or_default().iter().collect();
            if !run.chars().any(|c| c.is_ascii_digit() || c == '元') {
                continue;
            }
            if let Some(d) = period_of_run(&run) {
                return Some(d);
            }
        }
        None
    })
}

/// Trims a run of period characters and drops brackets it does not close: `R7(` → `R7`.
fn tidy_run(run: &str) -> String {
    let mut t = run
        .trim_matches(|c: char| c.is_whitespace() || matches!(c, '・' | '-' | '~' | '.'))
        .to_owned();
    for _ in 0..4 {
        let opens = t.matches('(').count();
        let closes = t.matches(')').count();
        let before = t.clone();
        if let Some(rest) = t.strip_prefix(')') {
            t = rest.to_owned();
        } else if let Some(rest) = t.strip_suffix('(') {
            t = rest.to_owned();
        } else if opens > closes {
            if let Some(rest) = t.strip_prefix('(') {
                t = rest.to_owned();
            } else if let Some(pos) = t.rfind('(') {
                t.truncate(pos);
            }
        } else if closes > opens {
            if let Some(rest) = t.strip_suffix(')') {
                t = rest.to_owned();
            } else if let Some(pos) = t.find(')') {
                t = t.get(pos + 1..).unwrap_or_default().to_owned();
            }
        }
        t = t
            .trim_matches(|c: char| c.is_whitespace() || matches!(c, '・' | '-' | '~'))
            .to_owned();
        if t == before {
            break;
        }
    }
    t
}

fn period_of_run(run: &str) -> Option<Dated> {
    let t = tidy_run(run);
    if t.is_empty() {
        return None;
    }
    if let Ok(p) = parse_period(&t) {
        // `年度・年`: a column of fiscal and calendar years alike, fiscal by convention.
        let strength = if t.contains("年度・年") {
            Strength::Convention
        } else {
            Strength::Explicit
        };
        return Some(Dated {
            period: p,
            strength,
        });
    }
    if let Some(p) = abbreviated_window(&t) {
        return Some(Dated::explicit(p));
    }
    // A bare Western year in brackets beside a value or in a header (`20市町村(2020)`) is a
    // year, not a count: fiscal by convention.
    let digits = t.trim_matches(|c| c == '(' || c == ')');
    if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = digits.parse().ok()?;
        if (1900..=2100).contains(&y) {
            return Period::fiscal_year(y).ok().map(|period| Dated {
                period,
                strength: Strength::Convention,
            });
        }
    }
    None
}

/// `2009~14年` (a Western window with its end abbreviated), which core's parser leaves alone.
fn abbreviated_window(t: &str) -> Option<Period> {
    let t = t.trim_matches(|c| c == '(' || c == ')');
    let sep = t.find(['~', '～', '〜', '-'])?;
    let left = t.get(..sep)?;
    let sep_len = t.get(sep..)?.chars().next()?.len_utf8();
    let right = t.get(sep + sep_len..)?;
    if left.len() != 4 || !left.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let digits: String = right.chars().take_while(char::is_ascii_digit).collect();
    let suffix = right.get(digits.len()..)?;
    if digits.is_empty() || digits.len() > 2 || !matches!(suffix, "" | "年" | "年度") {
        return None;
    }
    let century = left.get(..4 - digits.len())?;
    parse_period(&format!("{left}~{century}{digits}{suffix}")).ok()
}

/// A header that names a statistics survey with its year (`2019工業統計値（現状値）`): the
/// survey's year, a calendar year (surveys are dated by the year they count), and the source
/// as `2019 工業統計`.
pub(super) fn survey_year(text: &str) -> Option<(Dated, String)> {
    let c = fold_normalized_printed_name(text);
    let chars: Vec<char> = c.chars().collect();
    let mut i = 0;
    while i + 4 <= chars.len() {
        let window = chars.get(i..i + 4)?;
        let before_digit = i > 0 && chars.get(i - 1).is_some_and(char::is_ascii_digit);
        let after_digit = chars.get(i + 4).is_some_and(char::is_ascii_digit);
        if window.iter().all(char::is_ascii_digit) && !before_digit && !after_digit {
            let y: i32 = window.iter().collect::<String>().parse().ok()?;
            let name: String = chars
                .get(i + 4..)?
                .iter()
                .take_while(|&&ch| !matches!(ch, '(' | ')' | '値' | '[' | ']'))
                .collect();
            if (1900..=2100).contains(&y) && lexicon::has_any(&name, lexicon::SURVEY_WORDS) {
                let period = Period::calendar_year(y).ok()?;
                return Some((Dated::explicit(period), format!("{y} {name}")));
            }
        }
        i += 1;
    }
    None
}

/// `（単位：人）`, `単位:千円` → the unit.
pub(super) fn caption_unit(text: &str) -> Option<String> {
    let pos = text.find("単位")?;
    let rest = text.get(pos + "単位".len()..)?;
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ':' | '：'));
    let unit: String = rest
        .chars()
        .take_while(|&c| {
            !c.is_whitespace() && !matches!(c, ')' | '）' | ',' | '、' | ']' | '】' | '」')
        })
        .collect();
    if unit.is_empty() || unit.chars().count() > 8 {
        return None;
    }
    Some(Unit::new(&unit).as_str().to_owned())
}

/// A unit as printed, if it is one: known, or a known unit per year (`ha/年`).
pub(super) fn unit_word(text: &str) -> Option<(String, bool)> {
    let t = fold_normalized_printed_name(text);
    let t = t.strip_prefix("単位:").unwrap_or(&t);
    let (base, annual) = match t.strip_suffix("/年") {
        Some(b) => (b, true),
        None => (t, false),
    };
    let u = Unit::new(base);
    (!u.is_empty() && known(&u)).then(|| (u.as_str().to_owned(), annual))
}
