//! Progress told in sentences: a progress report's prose, where each result is a clause that
//! names the measure and gives the actual and the target in words around the numbers.
//!
//! Reports of 環境 action programmes, 総合戦略 reviews and council papers write their results
//! as sentences rather than tables, in a handful of set phrasings (names and numbers here are
//! made up):
//!
//! | phrasing | actual | target |
//! |---|---|---|
//! | `削減率は4.2%(目標8%)` | 4.2 % | 8 % |
//! | `認定は、目標を上回る64件(目標50件)となった` | 64 件 | 50 件 |
//! | `受講者数は、目標の1万2千人を上回る約1万3千8百人` | 13,800 人 | 12,000 人 |
//! | `認定件数は482件で、450件の目標を達成し` | 482 件 | 450 件 |
//! | `閲覧数は、1万2600回の目標に対し、実績が1万155回` | 10,155 回 | 12,600 回 |
//!
//! The measure is the topic of the clause (the words before `は`, from the clause's start), and
//! a sentence that opens with `Xについて、` puts `Xの` before the measures of its clauses
//! (`一般廃棄物について、排出量の削減率は…` → `一般廃棄物の排出量の削減率`). A clause with no
//! topic, or with numbers in no set phrasing, gives nothing: prose says too many other things
//! with numbers to guess.
//!
//! Guarantees: pure, never panics, linear in the text (each clause is read from a bounded
//! number of starting points, each value tried at a bounded number of lengths).

use shinchoku_core::quantity::{parse_quantity, Quantity};
use shinchoku_core::Decimal;

use super::lexicon;

/// One result read from a sentence: the measure, and the actual and target as printed
/// (`約1万3千8百人`, `1万2千人`), for the progress reader's value parser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProseResult {
    /// The measure, as printed (not yet compacted).
    pub name: String,
    /// The actual value's text, with its unit; compound kanji numbers in one unit.
    pub actual: String,
    /// The target value's text, with its unit.
    pub target: String,
}

/// The longest value text tried (`約1万3千8百人` is 8).
const MAX_VALUE_CHARS: usize = 16;
/// The longest measure name taken from a clause.
const MAX_NAME_CHARS: usize = 40;

/// Every result the sentences of `text` state in a set phrasing.
pub fn results(text: &str) -> Vec<ProseResult> {
    let mut out = Vec::new();
    for sentence in text.split('。') {
        let (topic, rest) = match sentence.split_once("について") {
            Some((t, r)) if r.starts_with(['、', ',']) && t.chars().count() <= 20 => {
                (Some(clean_name(t)), r.trim_start_matches(['、', ',']))
            }
            _ => (None, sentence),
        };
        read_clauses(rest, topic.as_deref(), &mut out);
    }
    out
}

/// Reads the clauses of one sentence: each `Xは` opens a measure whose value phrase runs to
/// the next topic.
fn read_clauses(s: &str, topic: Option<&str>, out: &mut Vec<ProseResult>) {
    // Each `は` that follows a name-like run of text opens a clause.
    let mut opens: Vec<(usize, usize)> = Vec::new(); // (name start, value start), byte offsets
    let mut clause_start = 0;
    for (k, c) in s.char_indices() {
        match c {
            // A comma right after `は` belongs to the clause (`受講者数は、目標の…`).
            '、' | ',' | '(' | ')' | '「' | '」' | '|'
                if !s.get(..k).is_some_and(|b| b.ends_with('は')) =>
            {
                clause_start = k + c.len_utf8();
            }
            'は' => {
                let name = s.get(clause_start..k).unwrap_or_default();
                if is_name(name) {
                    opens.push((clause_start, k + 'は'.len_utf8()));
                }
            }
            _ => {}
        }
    }
    for (n, &(name_start, value_start)) in opens.iter().enumerate() {
        let end = opens.get(n + 1).map_or(s.len(), |&(ns, _)| ns);
        let (Some(name), Some(phrase)) = (s.get(name_start..value_start), s.get(value_start..end))
        else {
            continue;
        };
        let name = clean_name(name.strip_suffix('は').unwrap_or(name));
        let Some((actual, target)) = value_phrase(phrase.trim_start_matches(['、', ',', ' ']))
        else {
            continue;
        };
        let name = match topic {
            Some(t) if !name.starts_with(t) => format!("{t}の{name}"),
            _ => name,
        };
        out.push(ProseResult {
            name,
            actual: figures(&actual),
            target: figures(&target),
        });
    }
}

/// A name: short, with letters, and no digits (a value before `は` is no name).
fn is_name(s: &str) -> bool {
    let s = s.trim();
    let n = s.chars().count();
    (2..=MAX_NAME_CHARS).contains(&n)
        && !s.chars().any(|c| c.is_ascii_digit())
        && !s.ends_with(['で', 'に', 'を', 'が', 'と'])
}

/// A name without the bullets, pipes and spaces of a converted page around it.
fn clean_name(s: &str) -> String {
    s.trim()
        .trim_start_matches(['○', '●', '・', '◆', '◇', '■', '□', '|', ' '])
        .trim()
        .to_owned()
}

/// The actual and the target of a value phrase, in one of the set phrasings.
fn value_phrase(p: &str) -> Option<(String, String)> {
    // `目標の B を上回る 約A`, `目標の B に対し、実績が A`.
    if let Some(rest) = lexicon::TARGET_OF_WORDS
        .iter()
        .find_map(|w| p.strip_prefix(w))
    {
        let (target, after) = value_at(rest)?;
        for link in lexicon::TARGET_TO_ACTUAL_LINKS {
            if let Some(a) = after.strip_prefix(link) {
                let (actual, _) = value_at(a.trim_start_matches(['、', ',']))?;
                return Some((actual, target));
            }
        }
        return None;
    }
    // `目標を上回る 64件(目標50件)`: the value with its target in brackets after.
    let p = lexicon::ACTUAL_PHRASE_OPENERS
        .iter()
        .find_map(|w| p.strip_prefix(w))
        .unwrap_or(p);
    let (first, after) = value_at(p)?;
    // `A(目標B)`
    if let Some(inner) = after
        .strip_prefix('(')
        .and_then(|r| r.split_once(')'))
        .map(|(i, _)| i)
    {
        let inner = lexicon::TARGET_LABELS
            .iter()
            .find_map(|w| inner.strip_prefix(w))?;
        let (target, _) = value_at(inner.trim_start_matches([':', ' ']))?;
        return Some((first, target));
    }
    // `B の目標に対し、実績が A`: the target first.
    if let Some(a) = after.strip_prefix("の目標に対し") {
        let a = a.trim_start_matches(['て', '、', ',']);
        let a = lexicon::ACTUAL_AFTER_TARGET_WORDS
            .iter()
            .find_map(|w| a.strip_prefix(w))
            .unwrap_or(a);
        let (actual, _) = value_at(a)?;
        return Some((actual, first));
    }
    // `A で、B の目標を達成`: the actual first.
    let after = after
        .strip_prefix("で、")
        .or_else(|| after.strip_prefix("で,"))?;
    let (second, rest) = value_at(after)?;
    rest.starts_with("の目標").then_some((first, second))
}

/// The value at the start of `s` (`約`, a number in figures or with kanji multipliers, its
/// unit), as text, and the rest. `None` unless `s` starts with one.
fn value_at(s: &str) -> Option<(String, &str)> {
    let s = s.trim_start();
    let body = s.strip_prefix('約').unwrap_or(s);
    if !body.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    // The longest prefix that reads as a value with a unit, or a bare number, within the
    // text up to the first bracket or particle (a value's unit holds none).
    let ends: Vec<usize> = s
        .char_indices()
        .take_while(|&(_, c)| {
            !matches!(
                c,
                '(' | ')' | '、' | '。' | 'を' | 'で' | 'に' | 'と' | 'の' | 'が' | 'は' | ' '
            )
        })
        .map(|(k, c)| k + c.len_utf8())
        .take(MAX_VALUE_CHARS)
        .collect();
    for &e in ends.iter().rev() {
        let Some(cand) = s.get(..e) else { continue };
        if let Ok(q) = parse_quantity(cand) {
            if q.value.is_some() && plain(&q) {
                return Some((cand.to_owned(), s.get(e..).unwrap_or_default()));
            }
        }
    }
    None
}

/// A compound number in kanji multipliers written in figures (`約1万3千8百人` → `約13800人`,
/// `1万2千人` → `12000人`), so both sides of a result are in one unit; a number with one
/// multiplier and nothing after it (`12万人`, whose unit is 万人) and plain figures are
/// returned as they are.
fn figures(s: &str) -> String {
    let (about, body) = match s.strip_prefix('約') {
        Some(b) => ("約", b),
        None => ("", s),
    };
    let mut total = Decimal::ZERO;
    let mut groups = 0;
    let mut digits = String::new();
    let mut rest = body;
    for (k, c) in body.char_indices() {
        let scale = match c {
            '億' => Some(100_000_000i64),
            '万' => Some(10_000),
            '千' => Some(1_000),
            '百' => Some(100),
            _ => None,
        };
        match scale {
            _ if c.is_ascii_digit() || c == '.' => digits.push(c),
            None if c == ',' => {}
            Some(m) if !digits.is_empty() => {
                let Ok(d) = digits.parse::<Decimal>() else {
                    return s.to_owned();
                };
                total += d * Decimal::from(m);
                groups += 1;
                digits.clear();
            }
            _ => {
                rest = body.get(k..).unwrap_or_default();
                break;
            }
        }
        rest = body.get(k + c.len_utf8()..).unwrap_or_default();
    }
    let tail_digits = !digits.is_empty();
    if tail_digits {
        let Ok(d) = digits.parse::<Decimal>() else {
            return s.to_owned();
        };
        total += d;
    }
    // One multiplier with nothing after it is a unit (`12万人`), not a compound.
    if groups == 0 || (groups == 1 && !tail_digits) {
        return s.to_owned();
    }
    format!("{about}{}{rest}", total.normalize())
}

/// A value whose unit is a unit and not the words after it.
fn plain(q: &Quantity) -> bool {
    q.unit.as_str().chars().count() <= 6 && q.window.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<String> {
        results(text)
            .into_iter()
            .map(|r| format!("{} {}/{}", r.name, r.actual, r.target))
            .collect()
    }

    #[test]
    fn the_set_phrasings_of_a_result() {
        assert_eq!(
            read("一般廃棄物について、排出量の削減率は4.2%(目標8%)、リサイクル率は21.3%(目標30%)であり、一層の推進が必要。"),
            [
                "一般廃棄物の排出量の削減率 4.2%/8%",
                "一般廃棄物のリサイクル率 21.3%/30%"
            ]
        );
        assert_eq!(
            read("リサイクル製品の認定は、目標を上回る64件(目標50件)となった。"),
            ["リサイクル製品の認定 64件/50件"]
        );
        assert_eq!(
            read("環境学習出前講座の受講者数は、目標の1万2千人を上回る約1万3千8百人。"),
            ["環境学習出前講座の受講者数 約13800人/12000人"]
        );
        assert_eq!(
            read("エコ事業所の認定件数は482件で、450件の目標を達成し、順調である。"),
            ["エコ事業所の認定件数 482件/450件"]
        );
        assert_eq!(
            read("年間閲覧数は、1万2600回の目標に対し、実績が1万155回であった。"),
            ["年間閲覧数 10155回/12600回"]
        );
    }

    #[test]
    fn compound_kanji_numbers_are_written_in_figures() {
        assert_eq!(figures("約1万3千8百人"), "約13800人");
        assert_eq!(figures("29万7千人"), "297000人");
        assert_eq!(figures("1万2600回"), "12600回");
        assert_eq!(figures("12万人"), "12万人");
        assert_eq!(figures("1,250件"), "1,250件");
        assert_eq!(figures("4.2%"), "4.2%");
    }

    #[test]
    fn prose_without_a_set_phrasing_gives_nothing() {
        assert!(read("本市の人口は約12万人で、前年より300人減少した。").is_empty());
        assert!(read("令和4年度は、相談件数が大きく伸びた。").is_empty());
        assert!(read("").is_empty());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "[はのを、。()目標上回約0-9万千百人件%.,a-z ]{0,80}") {
            let _ = results(&s);
        }
    }
}
