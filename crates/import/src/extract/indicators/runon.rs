//! An indicator list run on in one line: a PDF's text layer, copied, gives a whole table —
//! header, then every row — as one paragraph with a single space between cells, and names that
//! wrapped in their cell hold a space too (`就労 による自立世帯数`). One space then tells no
//! cell boundary, so a row is found by the pattern of its values instead: an optional unit
//! token, two numbers (baseline and target) and a direction cell from the lexicon
//! ([`lexicon::DIRECTION_CELLS`]: `増加を目指す`, `上昇を抑制`). The name is the words before
//! them back to the previous sentence's end (`。`, where the previous row's reason ends) or the
//! header's last word ([`lexicon::RUN_ON_HEADER_WORDS`]); the periods are the years the header
//! prints after its baseline and target words (`現状値 (令和2年度) 目標値 (令和7年度)`).
//! A row cut off before its direction cell is not read.

use super::cells::{known, read_value};
use super::periods::{find_period, Dated};
use super::table::Draft;
use crate::extract::lexicon;
use shinchoku_core::quantity::Unit;

/// At most this many tokens make one name (a wrapped cell is two or three pieces); more is
/// text the previous row left without a sentence end.
const MAX_NAME_TOKENS: usize = 3;

/// Lines shorter than this are rows of their own, read by the table readers.
const MIN_RUN_ON_CHARS: usize = 120;

/// Every row of an indicator list run on in `text` (line `no`); empty unless two rows or more
/// are found, since one number pair and a direction word alone may be prose.
pub(super) fn run_on_list(text: &str, no: usize) -> Vec<Draft> {
    if text.chars().count() < MIN_RUN_ON_CHARS {
        return Vec::new();
    }
    let toks: Vec<&str> = text.split_whitespace().collect();
    let anchors: Vec<usize> = (3..toks.len())
        .filter(|&d| {
            toks.get(d).is_some_and(|t| is_direction(t))
                && is_number(toks[d - 1])
                && is_number(toks[d - 2])
        })
        .collect();
    if anchors.len() < 2 {
        return Vec::new();
    }
    let head_end = anchors.first().copied().unwrap_or(0);
    let (b_period, t_period) = header_periods(toks.get(..head_end).unwrap_or_default());
    let mut out = Vec::new();
    for &d in &anchors {
        let mut first = d - 2;
        let unit = toks
            .get(first.wrapping_sub(1))
            .filter(|t| is_unit(t))
            .copied();
        if unit.is_some() {
            first -= 1;
        }
        let mut start = first;
        while start > 0 && first - start < MAX_NAME_TOKENS {
            let t = toks[start - 1];
            if t.ends_with('。') || is_number(t) || is_direction(t) || is_header_word(t) {
                break;
            }
            start -= 1;
        }
        let Some(name) = toks.get(start..first).map(join_wrapped) else {
            continue;
        };
        if name.chars().count() < 2 {
            continue;
        }
        let u = unit.unwrap_or_default();
        let mut baseline = read_value(&format!("{}{u}", toks[d - 2]));
        let mut target = read_value(&format!("{}{u}", toks[d - 1]));
        baseline.period = b_period;
        target.period = t_period;
        let annual = baseline.annual;
        let unit = baseline.unit.clone();
        out.push(Draft {
            line: no,
            name,
            unit,
            annual,
            baseline,
            target,
            direction: super::cells::direction_of(toks[d]),
            ..Draft::default()
        });
    }
    if out.len() < 2 {
        out.clear();
    }
    out
}

/// The periods printed after the header's baseline and target words, each as its own token
/// (`現状値 (令和2年度)`) or in the same one (`目標値(令和7年度)`).
fn header_periods(head: &[&str]) -> (Option<Dated>, Option<Dated>) {
    let find = |words: &[&str]| {
        head.iter().enumerate().find_map(|(k, t)| {
            let w = words.iter().find(|w| t.starts_with(**w))?;
            let rest = t.get(w.len()..).unwrap_or_default();
            let text = if rest.is_empty() {
                head.get(k + 1).filter(|n| n.starts_with('('))?
            } else {
                rest
            };
            find_period(text)
        })
    };
    (
        find(lexicon::ARROW_BASELINE_WORDS),
        find(lexicon::TARGET_LABELS),
    )
}

/// A direction cell alone (`増加を目指す`).
fn is_direction(t: &str) -> bool {
    lexicon::DIRECTION_CELLS.contains(&t)
}

/// A token holding a header word.
fn is_header_word(t: &str) -> bool {
    lexicon::RUN_ON_HEADER_WORDS.iter().any(|w| t.contains(w))
}

/// A bare number (`2,315`, `38.2`, `▲12`): a value cell with no unit.
fn is_number(t: &str) -> bool {
    let t = t.trim_start_matches(['▲', '△', '-', '−']);
    t.starts_with(|c: char| c.is_ascii_digit())
        && t.chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

/// A unit cell: a known unit, alone or per year (`人`, `%`, `人/年`, `世帯/年`).
fn is_unit(t: &str) -> bool {
    if t.chars().any(|c| c.is_ascii_digit()) || t.chars().count() > 6 {
        return false;
    }
    match t.strip_suffix("/年") {
        Some(base) => !base.is_empty() && !base.chars().any(is_kana),
        None => !t.is_empty() && known(&Unit::new(t)),
    }
}

fn is_kana(c: char) -> bool {
    matches!(c, '\u{3041}'..='\u{30ff}')
}

/// The pieces of a wrapped name joined: without a space between two Japanese characters (the
/// space is where the cell wrapped), with one between Latin letters or digits.
fn join_wrapped(parts: &[&str]) -> String {
    let mut out = String::new();
    for p in parts {
        let glue = out
            .chars()
            .last()
            .zip(p.chars().next())
            .is_some_and(|(a, b)| a.is_ascii_alphanumeric() && b.is_ascii_alphanumeric());
        if glue {
            out.push(' ');
        }
        out.push_str(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: &str = "緑地の計画 成果指標 指標名 単位 基準値 (令和3年度) 目標値 (令和8年度) \
        方向性 算出方法 公園の 清掃ボランティア数 人/年 310 400 増加を目指す 登録団体の延べ人数。 \
        河川の水質基準達成率 % 82.5 90.0 向上を目指す 12地点の測定による。 不法投棄件数 57 30 \
        減少を目指す 通報の件数 街路樹の本";

    #[test]
    fn a_run_on_list_yields_a_row_per_value_pattern_with_the_header_periods() {
        let rows = run_on_list(LIST, 4);
        let got: Vec<(String, Option<String>, String, String)> = rows
            .iter()
            .map(|d| {
                (
                    d.name.clone(),
                    d.unit.clone(),
                    d.baseline.value.map(|v| v.to_string()).unwrap_or_default(),
                    d.target.value.map(|v| v.to_string()).unwrap_or_default(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "公園の清掃ボランティア数".into(),
                    Some("人".into()),
                    "310".into(),
                    "400".into()
                ),
                (
                    "河川の水質基準達成率".into(),
                    Some("%".into()),
                    "82.5".into(),
                    "90".into()
                ),
                ("不法投棄件数".into(), None, "57".into(), "30".into()),
            ]
        );
        let first = &rows[0];
        assert!(first.annual);
        assert_eq!(
            first
                .baseline
                .period
                .map(|p| p.period.to_string())
                .as_deref(),
            Some("FY2021")
        );
        assert_eq!(
            first.target.period.map(|p| p.period.to_string()).as_deref(),
            Some("FY2026")
        );
        assert_eq!(
            rows[2].direction,
            Some(shinchoku_core::indicator::Direction::Decrease)
        );
    }

    #[test]
    fn one_value_pattern_in_prose_is_no_list() {
        let prose = "本市では、これまでの取組により参加者は 120 150 増加 となりましたが、今後も\
            引き続き事業の周知と会場の確保に努め、より多くの市民が参加できるよう取り組んでまいります。";
        assert!(run_on_list(prose, 1).is_empty());
    }
}
