//! A year grid run on in a paragraph whose target year the text before it names: a PDF's text
//! layer flattens `下表の2025年の数値を目標とします。 (単位:人、%) 2020年 2025年 2030年 (令和2年)
//! (令和7年) (令和12年) 圏域人口 184,250 176,400 167,900 …` into one line.
//!
//! The grid's header is a run of three years or more in ascending order, each one word
//! (`2020年`, `R2`); a second header line may follow with the same years in another form, each
//! in brackets (`(令和2年)`), which adds no column. Then rows: a name of one to
//! [`MAX_NAME_WORDS`] words, then exactly one number per year; rows are read while they fit,
//! two at least (one row of numbers after years may be prose). Such a grid is a data series
//! unless the sentence before it (back to the sentence before that one's end) names one of its
//! years as the target ([`lexicon::GRID_TARGET_PHRASES`]: `…年の数値を目標とします`): then each
//! row is an indicator, its target the value in that year's column and its baseline the value
//! in the first year's column (what the plan starts from; the later columns are projections).
//!
//! The unit is the caption's between the sentence and the grid (`(単位:人、%)`): one unit is
//! every row's; several are told apart by the names, a rate's (`…比率`, `…割合`;
//! [`lexicon::RATE_NAME_ENDS`]) `%` and every other row's the first other unit.

use super::cells::read_value;
use super::periods::{last_period, Dated};
use super::table::Draft;
use crate::extract::layout::tokens::is_year;
use crate::extract::lexicon;
use shinchoku_core::era::parse_period;
use shinchoku_core::period::Period;

/// At most this many words make one row's name (a wrapped cell is two or three pieces).
const MAX_NAME_WORDS: usize = 3;

/// At most this many words before a grid are searched for the sentence naming its target.
const SENTENCE_REACH: usize = 40;

/// The most years a grid's header may have.
const MAX_YEARS: usize = 16;

/// The indicators of every year grid in `text` (line `no`) whose target year the sentence
/// before it names; empty when there is none.
pub(super) fn named_target_grids(text: &str, no: usize) -> Vec<Draft> {
    // Most lines name no target: asked before the line is cut into words.
    if !lexicon::GRID_TARGET_PHRASES
        .iter()
        .any(|w| text.contains(w))
    {
        return Vec::new();
    }
    let toks: Vec<&str> = text.split_whitespace().collect();
    let mut out = Vec::new();
    let mut p = 0;
    while p < toks.len() {
        match grid_at(&toks, p, no) {
            Some((rows, end)) => {
                out.extend(rows);
                p = end;
            }
            None => p += 1,
        }
    }
    out
}

/// The grid whose header starts at word `p`: its rows as drafts, and the word after it.
fn grid_at(toks: &[&str], p: usize, no: usize) -> Option<(Vec<Draft>, usize)> {
    let years = year_run(toks, p, is_year)?;
    let k = years.len();
    let mut q = p + k;
    // The same years again in brackets: the header's second line.
    let bracketed = |t: &str| {
        t.strip_prefix('(')
            .and_then(|t| t.strip_suffix(')'))
            .is_some_and(is_year)
    };
    if let Some(again) = year_run(toks, q, bracketed) {
        if again == years {
            q += k;
        }
    }
    let mut rows: Vec<(String, &[&str])> = Vec::new();
    while let Some((name, values, end)) = row_at(toks, q, k) {
        rows.push((name, values));
        q = end;
    }
    if rows.len() < 2 {
        return None;
    }
    let (target_at, units) = target_sentence(toks, p, &years)?;
    let drafts = rows
        .into_iter()
        .map(|(name, values)| {
            let unit = unit_for(&name, &units);
            let side = |k: usize, period: Period| {
                let mut s = read_value(&format!("{}{unit}", values.get(k).unwrap_or(&"")));
                s.period = Some(Dated::explicit(period));
                s
            };
            let baseline = side(0, years[0]);
            let target = side(target_at, years[target_at]);
            Draft {
                line: no,
                name,
                unit: (!unit.is_empty()).then(|| unit.to_owned()),
                baseline,
                target,
                ..Draft::default()
            }
        })
        .collect();
    Some((drafts, q))
}

/// The periods of a run of three to [`MAX_YEARS`] words at `p` that `is` takes for years, in
/// ascending order.
fn year_run(toks: &[&str], p: usize, is: impl Fn(&str) -> bool) -> Option<Vec<Period>> {
    let mut years: Vec<Period> = Vec::new();
    for t in toks.get(p..)?.iter().take(MAX_YEARS) {
        if !is(t) {
            break;
        }
        let bare = t.trim_start_matches('(').trim_end_matches(')');
        let y = parse_period(bare).ok()?;
        if years.last().is_some_and(|last| *last >= y) {
            return None;
        }
        years.push(y);
    }
    (years.len() >= 3).then_some(years)
}

/// A row at word `q`: a name of words, then `k` numbers; its name, values and the word after.
fn row_at<'t>(toks: &'t [&'t str], q: usize, k: usize) -> Option<(String, &'t [&'t str], usize)> {
    let words = toks
        .get(q..)?
        .iter()
        .take(MAX_NAME_WORDS + 1)
        .take_while(|t| !is_number(t))
        .count();
    if words == 0 || words > MAX_NAME_WORDS {
        return None;
    }
    let name_words = toks.get(q..q + words)?;
    if name_words
        .iter()
        .any(|t| is_year(t) || t.ends_with('。') || t.starts_with(['※', '*']))
    {
        return None;
    }
    let values = toks.get(q + words..q + words + k)?;
    if !values.iter().all(|t| is_number(t)) {
        return None;
    }
    Some((name_words.concat(), values, q + words + k))
}

/// The column of the year the sentence before the grid at `p` names as the target, and the
/// units of the caption between that sentence and the grid.
fn target_sentence(toks: &[&str], p: usize, years: &[Period]) -> Option<(usize, Vec<String>)> {
    let from = p.saturating_sub(SENTENCE_REACH);
    let before = toks.get(from..p)?;
    // The last word before the grid that holds a target phrase, and the sentence it ends.
    let at = before
        .iter()
        .rposition(|t| lexicon::GRID_TARGET_PHRASES.iter().any(|w| t.contains(w)))?;
    let start = before
        .get(..at)?
        .iter()
        .rposition(|t| t.ends_with('。'))
        .map_or(0, |s| s + 1);
    // The year nearest before the phrase: a sentence may date itself earlier
    // (`本計画(終期:令和7年3月末)では、…2025年の数値を目標とします。`).
    let phrase_word = before.get(at)?;
    let phrase = lexicon::GRID_TARGET_PHRASES
        .iter()
        .filter_map(|w| phrase_word.find(w))
        .min()?;
    let mut sentence = before.get(start..at)?.join(" ");
    sentence.push(' ');
    sentence.push_str(phrase_word.get(..phrase)?);
    let named = last_period(&sentence)?.period;
    let column = years.iter().position(|y| *y == named)?;
    let units = before
        .get(at + 1..)?
        .iter()
        .find_map(|t| caption_units(t))
        .unwrap_or_default();
    Some((column, units))
}

/// The units of a caption word `(単位:人、%)`: `人`, `%`.
fn caption_units(t: &str) -> Option<Vec<String>> {
    let inner = t
        .trim_start_matches(['(', '【'])
        .trim_end_matches([')', '】']);
    let rest = inner.strip_prefix("単位")?;
    let rest = rest.trim_start_matches([':', '：']);
    let units: Vec<String> = rest
        .split(['、', ',', '・'])
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .map(str::to_owned)
        .collect();
    (!units.is_empty()).then_some(units)
}

/// A row's unit among the caption's: a rate's `%`, else the first other unit.
fn unit_for<'u>(name: &str, units: &'u [String]) -> &'u str {
    let rate = lexicon::RATE_NAME_ENDS.iter().any(|e| name.ends_with(e));
    let percent = units.iter().find(|u| *u == "%");
    match (units, rate, percent) {
        ([one], _, _) => one,
        (_, true, Some(p)) => p,
        _ => units.iter().find(|u| *u != "%").map_or("", String::as_str),
    }
}

/// A bare number (`184,250`, `10.8`, `▲12`): a value cell with no unit.
fn is_number(t: &str) -> bool {
    let t = t.trim_start_matches(['▲', '△', '-', '−']);
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<(String, String, String, String, String, String)> {
        named_target_grids(text, 1)
            .iter()
            .map(|d| {
                let v = |s: &super::super::cells::Side| {
                    s.value
                        .map(|v| v.normalize().to_string())
                        .unwrap_or_default()
                };
                let p = |s: &super::super::cells::Side| {
                    s.period.map(|p| p.period.to_string()).unwrap_or_default()
                };
                (
                    d.name.clone(),
                    d.unit.clone().unwrap_or_default(),
                    v(&d.baseline),
                    p(&d.baseline),
                    v(&d.target),
                    p(&d.target),
                )
            })
            .collect()
    }

    #[test]
    fn the_year_the_sentence_names_is_the_target_and_the_first_year_the_baseline() {
        let got = rows(
            "本計画(終期:令和13年3月末)では、次表の 2030 年の値を目標とします。 (単位:世帯、%) 2024年 2027年 2030年 \
             2033年 (令和6年) (令和9年) (令和12年) (令和15年) 市内世帯数 51,200 50,400 49,800 \
             48,900 高齢単身世帯率 12.4 13.1 13.9 14.6 ※2024年は住民基本台帳による。",
        );
        let row = |n: &str, u: &str, b: &str, t: &str| {
            (
                n.to_owned(),
                u.to_owned(),
                b.to_owned(),
                "CY2024".to_owned(),
                t.to_owned(),
                "CY2030".to_owned(),
            )
        };
        assert_eq!(
            got,
            vec![
                row("市内世帯数", "世帯", "51200", "49800"),
                row("高齢単身世帯率", "%", "12.4", "13.9"),
            ]
        );
    }

    #[test]
    fn a_grid_no_sentence_names_a_target_of_is_no_indicator() {
        assert!(rows(
            "人口の推移は次のとおりです。 2024年 2027年 2030年 市内世帯数 51,200 50,400 49,800 \
             高齢単身世帯率 12.4 13.1 13.9"
        )
        .is_empty());
        // A target year that is none of the grid's.
        assert!(rows(
            "2035年の値を目標とします。 2024年 2027年 2030年 市内世帯数 51,200 50,400 49,800 \
             高齢単身世帯率 12.4 13.1 13.9"
        )
        .is_empty());
    }

    #[test]
    fn rows_of_fewer_numbers_than_years_are_no_grid() {
        assert!(rows(
            "2027年の値を目標とします。 2024年 2027年 2030年 市内世帯数 51,200 50,400 \
             高齢単身世帯率 12.4 13.1"
        )
        .is_empty());
    }
}
