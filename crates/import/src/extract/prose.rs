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
//! A list of targets and results copied from an e-book page comes glued, each row the
//! measure, the target's year and the target, then the actual with its year in parentheses
//! (`一般廃棄物の再生利用率2030年度37%25.3%(2021年度)`): [`dated_results`] reads those rows
//! of a line that names both 目標 and 実績, the measure being the words after the last figure
//! before them.
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

/// The longest unit read after a glued figure (`万トン`).
const MAX_GLUED_UNIT_CHARS: usize = 4;

/// Every result a glued list of targets and results gives (see the module doc): each
/// `(YYYY年度)` closes an actual, the figure before it, and the figure before that, right after
/// a `YYYY年度`, is the target. A row that does not read so (a target in words, a count in
/// brackets) gives nothing but still ends the measure of the next.
pub fn dated_results(text: &str) -> Vec<ProseResult> {
    let mut out = Vec::new();
    if !(text.contains("目標") && text.contains("実績")) {
        return out;
    }
    let chars: Vec<char> = text.chars().collect();
    let mut from = 0; // where the next measure may start, in chars
    let mut k = 0;
    while k < chars.len() {
        let Some(close) = year_in_brackets(&chars, k) else {
            k += 1;
            continue;
        };
        if let Some((actual, a_start)) = figure_before(&chars, k) {
            if let Some((target, t_start)) =
                figure_before(&chars, a_start).or_else(|| word_number_before(&chars, a_start))
            {
                if let Some(y_start) = year_before(&chars, t_start) {
                    let name = measure(&chars[from.min(y_start)..y_start]);
                    if is_measure(&name) {
                        out.push(ProseResult {
                            name,
                            actual,
                            target,
                        });
                    }
                }
            }
        }
        from = close;
        k = close;
    }
    out
}

/// The words a chart's name ends with before its data, in its alternative text.
const CHART_WORDS: &[&str] = &["棒グラフ", "折れ線グラフ", "グラフ", "の推移", "推移"];

/// The result a series told in one line gives, as an accessible page writes a chart's
/// alternative text: the measure (and the chart's kind), a colon, then year–value pairs
/// separated by `、`, one of them the target's (`目標年度`, `目標値`, `目標`):
/// `職員1人当たり処理件数棒グラフ:2019年度 310件、2020年度 322件、目標年度 345件`. The actual
/// is the last dated value before the target. Fewer than two dated values, no target, or a
/// pair that is neither gives nothing: a line of prose that happens to hold a colon.
pub fn series_results(text: &str) -> Vec<ProseResult> {
    let Some((head, list)) = text.split_once([':', '：']) else {
        return Vec::new();
    };
    let mut name = clean_name(head);
    while let Some(stripped) = CHART_WORDS.iter().find_map(|w| name.strip_suffix(w)) {
        name = stripped.trim().to_owned();
    }
    let letters = name.chars().filter(|c| !c.is_ascii_digit()).count();
    if letters < 2 || name.chars().count() > MAX_NAME_CHARS {
        return Vec::new();
    }
    let (mut dated, mut actual, mut target) = (0, None, None);
    for item in list.split('、') {
        let item = item.trim().trim_end_matches('。');
        let Some((label, value)) = item.split_once(char::is_whitespace) else {
            return Vec::new();
        };
        let value = value.trim();
        let numeric = value
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || matches!(c, '-' | '▲' | '△'));
        if !numeric || value.chars().count() > MAX_VALUE_CHARS {
            return Vec::new();
        }
        if label.starts_with("目標") && target.is_none() {
            target = Some(value.to_owned());
        } else if (label.ends_with("年度") || label.ends_with('年'))
            && label.chars().any(|c| c.is_ascii_digit() || c == '元')
            && target.is_none()
        {
            dated += 1;
            actual = Some(value.to_owned());
        } else {
            return Vec::new();
        }
    }
    match (actual, target) {
        (Some(actual), Some(target)) if dated >= 2 => vec![ProseResult {
            name,
            actual,
            target,
        }],
        _ => Vec::new(),
    }
}

/// The end (one past `)`) of a `(YYYY年度)` or `(YYYY年)` opening at `k`.
fn year_in_brackets(chars: &[char], k: usize) -> Option<usize> {
    if chars.get(k) != Some(&'(') {
        return None;
    }
    let digits = chars.get(k + 1..k + 5)?;
    if !digits.iter().all(char::is_ascii_digit) {
        return None;
    }
    let rest: String = chars.get(k + 5..(k + 8).min(chars.len()))?.iter().collect();
    ["年度)", "年)"]
        .iter()
        .find(|e| rest.starts_with(*e))
        .map(|e| k + 5 + e.chars().count())
}

/// The figure that ends right before `end` (a number, its unit, a qualifier such as `削減`
/// read past), as printed without the qualifier, and where it starts.
fn figure_before(chars: &[char], end: usize) -> Option<(String, usize)> {
    let head: String = chars.get(..end)?.iter().collect();
    let mut stop = end;
    if let Some(q) = lexicon::FIGURE_QUALIFIERS
        .iter()
        .find(|q| head.ends_with(*q))
    {
        stop -= q.chars().count();
    }
    let mut u = stop;
    while u > 0
        && stop - u < MAX_GLUED_UNIT_CHARS
        && !chars[u - 1].is_ascii_digit()
        && !matches!(chars[u - 1], '(' | ')' | '年' | '度')
    {
        u -= 1;
    }
    let unit: String = chars[u..stop].iter().collect();
    // The unit stands between two figures or a figure and its year, so it need not be one
    // the lexicon knows (`万トン`); but words of a sentence (hiragana, but `か` of `か所`) are
    // no unit.
    if unit
        .chars()
        .any(|c| matches!(c, '\u{3041}'..='\u{309f}') && c != 'か')
    {
        return None;
    }
    let mut n = u;
    while n > 0 && (chars[n - 1].is_ascii_digit() || matches!(chars[n - 1], ',' | '.')) {
        n -= 1;
    }
    // A number starts with a digit (`,5` is no number) and is no year's digits.
    while n < u && !chars[n].is_ascii_digit() {
        n += 1;
    }
    if n == u {
        return None;
    }
    Some((chars[n..stop].iter().collect(), n))
}

/// A target written as a word for its number (`ゼロ`), ending right before `end`.
fn word_number_before(chars: &[char], end: usize) -> Option<(String, usize)> {
    let head: String = chars.get(..end)?.iter().collect();
    lexicon::WORD_NUMBERS.iter().find_map(|(w, n)| {
        head.ends_with(w)
            .then(|| ((*n).to_owned(), end - w.chars().count()))
    })
}

/// Where a `YYYY年度` (or `YYYY年`) that ends right before `end` starts.
fn year_before(chars: &[char], end: usize) -> Option<usize> {
    let head: String = chars.get(..end)?.iter().collect();
    let len = ["年度", "年"]
        .iter()
        .find(|e| head.ends_with(*e))?
        .chars()
        .count();
    let d = end.checked_sub(len + 4)?;
    chars[d..end - len]
        .iter()
        .all(char::is_ascii_digit)
        .then_some(d)
}

/// The measure in the words before a row's target year: after the last digit outside
/// brackets (a 施策's number, the figure of the row before), at most [`MAX_NAME_CHARS`].
fn measure(words: &[char]) -> String {
    let mut depth = 0usize;
    let mut start = 0;
    for (k, c) in words.iter().enumerate() {
        match c {
            '(' | '「' => depth += 1,
            ')' | '」' => depth = depth.saturating_sub(1),
            c if c.is_ascii_digit() && depth == 0 => start = k + 1,
            _ => {}
        }
    }
    let tail = &words[start..];
    let tail = &tail[tail.len().saturating_sub(MAX_NAME_CHARS)..];
    clean_name(&tail.iter().collect::<String>())
}

/// True when the words before a row's year can be a measure: two characters or more, not a
/// sentence's end.
fn is_measure(s: &str) -> bool {
    s.chars().count() >= 2 && !s.ends_with('。')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_series_told_in_one_line_gives_its_last_value_against_its_target() {
        let r = series_results(
            "窓口1件当たり処理時間折れ線グラフ:2019年度 14.5分、2020年度 13.8分、2021年度 12.9分、目標年度 12.0分",
        );
        assert_eq!(
            r,
            vec![ProseResult {
                name: "窓口1件当たり処理時間".into(),
                actual: "12.9分".into(),
                target: "12.0分".into()
            }]
        );
        let r =
            series_results("来庁者数の推移:令和元年度 1,200人、令和2年度 1,350人、目標値 1,500人");
        assert_eq!(r[0].name, "来庁者数");
        assert_eq!(
            (r[0].actual.as_str(), r[0].target.as_str()),
            ("1,350人", "1,500人")
        );
        // Prose with a colon, one dated value, no target: nothing.
        assert!(series_results("注:目標年度は、いずれも2021年度である。").is_empty());
        assert!(series_results("件数:2019年度 12件、目標年度 15件").is_empty());
        assert!(series_results("件数:2019年度 12件、2020年度 14件").is_empty());
        assert!(series_results("").is_empty());
    }

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

    #[test]
    fn glued_rows_of_target_year_target_and_dated_actual_are_results() {
        let got = dated_results(
            "分野目標実績1緑の保全市民緑地の面積2030年度120ha以上96.5ha(2022年度)\
             街路樹の本数2030年度5,000本4,210本(2022年度)\
             堆肥の生産量2030年度2万トン1.6万トン(2022年度)騒音の苦情件数2030年度ゼロ7件(2022年度)\
             河川水質2030年度2mg/L以下を達成90%(10地点中9地点)(2022年度)",
        );
        let rows: Vec<(&str, &str, &str)> = got
            .iter()
            .map(|r| (r.name.as_str(), r.actual.as_str(), r.target.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                ("緑の保全市民緑地の面積", "96.5ha", "120ha"),
                ("街路樹の本数", "4,210本", "5,000本"),
                ("堆肥の生産量", "1.6万トン", "2万トン"),
                ("騒音の苦情件数", "7件", "0"),
            ]
        );
    }

    #[test]
    fn glued_figures_without_target_and_result_words_are_no_results() {
        assert!(dated_results("人口2030年度5,000人4,210人(2022年度)").is_empty());
    }
}
