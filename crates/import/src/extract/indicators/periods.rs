//! Periods in headers, captions and notes: the year a column, a caption or a note gives a value,
//! and how sure it is ([`Strength`]).

use super::cells::known;
use crate::extract::lexicon;
use shinchoku_core::era::{parse_period, Era};
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

/// How far (in years) an era-less year may fall from the era-qualified year that gives it its
/// era: a plan's baselines and targets lie within about a decade of the year it is written in.
const ERA_REACH: i32 = 15;

/// The era a table's era-less years (`(2年度)`, `(元年度)`, `(12年)`) are written in: the era
/// of the nearest era-qualified year (`令和5年度`, `R5`) in the table, its header or the text
/// before it, with that year when it is printed, which bounds what the shorthand may mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct EraContext {
    era: Era,
    year: Option<i32>,
}

/// The year a plan of today is taken to be written in when its text names no era at all (a
/// 数値目標 table headed `5年度現状値 | 11年度目標値`): era-less years are 令和's within
/// [`ERA_REACH`] of it, else 平成's (`26年度現状値` of a plan written before 2019).
const PRESENT_YEAR: i32 = 2025;

impl EraContext {
    /// The era of a document that names none: the present one, 令和, bounded by
    /// [`PRESENT_YEAR`].
    pub(super) fn present() -> EraContext {
        EraContext {
            era: Era::Reiwa,
            year: Some(PRESENT_YEAR),
        }
    }

    /// The era `text` first writes a year in (`令和5年度` → 令和 2023, `R元` → 令和 2019), or
    /// the era it names without a year.
    pub(super) fn of(text: &str) -> Option<EraContext> {
        let chars: Vec<char> = text.chars().collect();
        let mut named: Option<EraContext> = None;
        for (i, &c) in chars.iter().enumerate() {
            let (era, after) = match era_at(&chars, i) {
                Some(e) => e,
                None => continue,
            };
            // A letter is an era only before its year (`R5`), never inside a word (`DRAM`).
            let letter = c.is_ascii_alphabetic();
            if letter && i > 0 && chars.get(i - 1).is_some_and(char::is_ascii_alphanumeric) {
                continue;
            }
            match era_year_at(&chars, after) {
                // A letter's year ends the word (`R5年度`, `R5.4`, not `H2O`).
                Some((_, end))
                    if letter && chars.get(end).is_some_and(char::is_ascii_alphanumeric) => {}
                Some((n, _)) => {
                    return Some(EraContext {
                        era,
                        year: era.western_year(n),
                    })
                }
                None if !letter && named.is_none() => named = Some(EraContext { era, year: None }),
                None => {}
            }
        }
        named
    }

    /// `note` (`2年度`, `元年度`, `32年`, `12年度末`), an era-less year, in this era — or in the
    /// era before it when this era's reading lies too far from the year that named it (`30年度`
    /// under `令和3年度` is 平成30年度): the reading must lie within [`ERA_REACH`] years of it.
    pub(super) fn resolve(self, note: &str) -> Option<Dated> {
        let t = fold_normalized_printed_name(note);
        let (n, rest) = match t.strip_prefix('元') {
            Some(rest) => (1, rest),
            None => {
                let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
                if digits.is_empty() || digits.len() > 2 {
                    return None;
                }
                (digits.parse::<u32>().ok()?, t.get(digits.len()..)?)
            }
        };
        if !lexicon::ERALESS_YEAR_ENDS.contains(&rest) && !is_month_after_year(rest) {
            return None;
        }
        let previous = Era::ALL
            .iter()
            .position(|&e| e == self.era)
            .and_then(|k| k.checked_sub(1))
            .and_then(|k| Era::ALL.get(k).copied());
        let fits = |era: Era, own: bool| {
            let Some(y) = era.western_year(n) else {
                return false;
            };
            // The era before ended when this one began (平成 has no 35年).
            let ended = !own && y > self.era.start_year();
            !ended && self.year.is_none_or(|c| (y - c).abs() <= ERA_REACH)
        };
        let era = if fits(self.era, true) {
            self.era
        } else {
            previous.filter(|&e| self.year.is_some() && fits(e, false))?
        };
        parse_period(&format!("{}{n}{rest}", era.name_ja()))
            .ok()
            .map(Dated::explicit)
    }
}

/// True for what follows an era-less year's digits when it names a month of that year
/// (`年4月`, `年4月1日`, `年3月末`, `年4月1日現在`): a date the era's year completes
/// (`（31年4月）` under `（29年度）` is 平成31年4月).
fn is_month_after_year(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix('年') else {
        return false;
    };
    let digits = |s: &str| s.chars().take_while(char::is_ascii_digit).count();
    let m = digits(rest);
    if !(1..=2).contains(&m) {
        return false;
    }
    let Some(mut rest) = rest[m..].strip_prefix('月') else {
        return false;
    };
    let d = digits(rest);
    if d > 0 {
        match rest[d..].strip_prefix('日') {
            Some(r) if d <= 2 => rest = r,
            _ => return false,
        }
    }
    ["", "末", "現在", "時点"].contains(&rest)
}

/// The era whose name (`令和`) or letter (`R`) is written at `i`, and the index after it.
fn era_at(chars: &[char], i: usize) -> Option<(Era, usize)> {
    let c = *chars.get(i)?;
    if c.is_ascii_uppercase() {
        return Era::from_letter(c).map(|e| (e, i + 1));
    }
    lexicon::RECENT_ERAS.iter().find_map(|name| {
        let n = name.chars().count();
        let at: String = chars.get(i..i + n)?.iter().collect();
        (at == *name)
            .then(|| Era::from_name_ja(name))
            .flatten()
            .map(|e| (e, i + n))
    })
}

/// The era year written at `i` (`5年`, ` 5`, `元`), spaces before it skipped: one or two digits,
/// or `元`; and the index after it.
fn era_year_at(chars: &[char], mut i: usize) -> Option<(u32, usize)> {
    while chars.get(i).is_some_and(|c| *c == ' ') {
        i += 1;
    }
    if chars.get(i) == Some(&'元') {
        return Some((1, i + 1));
    }
    let digits: String = chars
        .get(i..)?
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    Some((digits.parse().ok()?, i + digits.len()))
}
