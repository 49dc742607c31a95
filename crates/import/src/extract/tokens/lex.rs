//! The token scanner: a block's words, typed by what they can be in a form's grid.
//!
//! Lines are cut at white space; pieces a PDF printed apart are joined when together they make
//! one token (`平成 22 年度`, `(21 年度)`, `3 年度`, `1,850 人/年`, a label spaced one
//! character per token `実 績`). Each token remembers its line and whether it opened it, the
//! evidence the assembler may weigh; the assembler never needs the line structure to read a
//! grid.

use shinchoku_core::era::parse_period;
use shinchoku_core::indicator::{Comparator, Direction};
use shinchoku_core::period::Period;
use shinchoku_core::quantity::parse_quantity;
use shinchoku_core::Decimal;

use super::super::lexicon;
use super::super::scan;

/// What a cell of a form's grid says its values are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// 基準値, 当初値, 策定時: the baseline.
    Baseline,
    /// 現状値, 現状: the baseline of a plan, or the check year's actual beside a baseline.
    Current,
    /// 目標値, 年度目標: a year's target; the latest is the plan's.
    Target,
    /// 計画値, 期待値, `N年度計画`: a year's planned figure, never the plan's final target.
    Plan,
    /// 最終目標, 長期目標値, 目標年度: the plan's final target.
    Final,
    /// 実績値, 実績, `N年度末`: an actual.
    Actual,
    /// 達成率: derived from the others, read no further.
    Rate,
    /// 評価, 達成度, 判定: a column of grades.
    Grade,
    /// 見込: a projection.
    Estimate,
}

/// A note in brackets after a year (`(基準年度)`, `(最終)`): the year's column is the
/// baseline's or the final target's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Qual {
    Base,
    Final,
}

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    /// A number with its unit, or an empty cell (`-`, `―`: `value` none).
    Value {
        value: Option<Decimal>,
        unit: String,
        comparator: Comparator,
    },
    /// A year (era, Western or era-less, resolved by [`resolve_eras`]); `role` when the year
    /// carries what its column holds (`4 年度計画`, `2 年度末`), `bracketed` when printed in
    /// brackets (a value's own year, or a column word's).
    Period {
        period: Option<Period>,
        eraless: Option<(u32, String)>,
        role: Option<Role>,
        bracketed: bool,
    },
    /// A bracketed note on the year before or after it.
    Qual(Qual),
    /// A label saying what values are.
    Role(Role),
    /// A word heading the names (`指標名`, `成果指標1`).
    NameHead,
    /// A list label (`①`, `ア`, `(2)`).
    ListLabel,
    /// A unit printed alone (`(g)`, `単位: 人`, `%`).
    Unit(String),
    /// A printed grade (`A`, `B+`, `◎`).
    Mark(String),
    /// A direction arrow (`⇧`, `↓`).
    Dir(Direction),
    /// Japanese text that may name an indicator.
    Name,
    /// A sentence, or text too long to be a name.
    Sentence,
    /// Anything else (header words of no role, page numbers, notes).
    Noise,
}

/// One token: what it is, its text, its line (1-based, the document's numbering).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Tok {
    pub kind: Kind,
    pub text: String,
    pub line: usize,
    /// True when the token opened its line.
    pub first: bool,
}

/// The longest a name may be (characters); longer text is a sentence.
const MAX_NAME_CHARS: usize = 60;

/// Words pieced together into one token at most.
const MAX_JOIN: usize = 4;

/// The longest a token pieced together may be (characters): years, roles and header words
/// are short.
const MAX_JOINED_CHARS: usize = 16;

/// The role a label word gives, by the whole word.
fn role_of(w: &str) -> Option<Role> {
    Some(match w {
        "基準値" | "当初値" | "策定時" | "計画策定時" | "従前値" | "基準" | "基準年度"
        | "基準年" => Role::Baseline,
        "現状値" | "現状" | "現況値" | "直近値" | "最新値" => Role::Current,
        "目標値" | "目標" | "年度目標" | "中間目標" => Role::Target,
        "計画値" | "計画" | "期待値" => Role::Plan,
        "最終目標" | "最終目標値" | "長期目標値" | "長期目標" | "目標年度" => {
            Role::Final
        }
        "実績値" | "実績" => Role::Actual,
        "達成率" | "進捗率" => Role::Rate,
        "評価" | "達成度" | "判定" => Role::Grade,
        "見込" | "見込み" | "見込値" => Role::Estimate,
        _ => return None,
    })
}

/// Words that head no values but belong to a grid's header (区分, 単位, 時期, 進捗確認).
fn is_grid_word(w: &str) -> bool {
    matches!(
        w,
        "区分" | "単位" | "時期" | "(時期)" | "進捗確認" | "進捗確認年度" | "年度" | "年  度"
    ) || lexicon::head_word(w) == Some(lexicon::HeadKind::Other)
        || lexicon::head_word(w) == Some(lexicon::HeadKind::Period)
}

fn is_name_head(w: &str) -> bool {
    let base = w.trim_end_matches(|c: char| c.is_ascii_alphanumeric());
    let base = base.split('(').next().unwrap_or(base);
    lexicon::NAME_HEADS.contains(&base) || matches!(base, "活動指標" | "対象指標" | "指標名称")
}

/// A bracketed note on a year.
fn qual_of(inner: &str) -> Option<Qual> {
    match inner {
        "基準年度" | "基準" | "基準年" | "基準値" | "策定時" => Some(Qual::Base),
        "最終" | "目標年度" | "最終年度" | "目標" | "最終目標" => Some(Qual::Final),
        _ => None,
    }
}

fn strip_brackets(w: &str) -> (&str, bool) {
    let open = w.starts_with(['(', '【', '[']);
    let close = w.ends_with([')', '】', ']']);
    let inner = w
        .trim_start_matches(['(', '【', '['])
        .trim_end_matches([')', '】', ']']);
    (inner, open || close)
}

/// A year word: `H23`, `R5`, `令和5年度`, `平成22年度`, `2023年`, `3年度`, `(21年度)`,
/// `4年度計画`, `2年度末`; with what its column holds when the year says it.
fn period_of(w: &str) -> Option<Kind> {
    let (inner, bracketed) = strip_brackets(w);
    if inner.is_empty() || inner.chars().count() > 16 {
        return None;
    }
    // What the year's column holds, written after it.
    let (year, role) = [
        ("末", Role::Actual),
        ("実績値", Role::Actual),
        ("実績", Role::Actual),
        ("計画値", Role::Plan),
        ("計画", Role::Plan),
        ("目標値", Role::Target),
        ("目標", Role::Target),
        ("見込み", Role::Estimate),
        ("見込", Role::Estimate),
    ]
    .iter()
    .find_map(|(s, r)| inner.strip_suffix(s).map(|y| (y, Some(*r))))
    .unwrap_or((inner, None));
    if !year.chars().any(|c| c.is_ascii_digit() || c == '元') {
        return None;
    }
    let first = year.chars().next()?;
    let era = lexicon::ERAS.iter().any(|e| year.starts_with(e))
        || (matches!(first, 'R' | 'H' | 'S')
            && year
                .chars()
                .nth(1)
                .is_some_and(|c| c.is_ascii_digit() || c == '元'));
    if era {
        // `R5`, `H30年度`, `令和5年度`, `R1年` (read as the fiscal year a plan's grid means).
        let p = parse_period(year).ok()?;
        if !matches!(p, Period::FiscalYear(_) | Period::CalendarYear(_)) {
            // A month or a date (`令和6年6月`) is when a sheet was made, no column.
            return None;
        }
        return Some(Kind::Period {
            period: Some(p),
            eraless: None,
            role,
            bracketed,
        });
    }
    // Western: `2023年度`, `2023年`.
    let digits: String = year.chars().take_while(char::is_ascii_digit).collect();
    let rest = year.get(digits.len()..).unwrap_or("");
    if digits.len() == 4 && matches!(rest, "年度" | "年") {
        return Some(Kind::Period {
            period: parse_period(year).ok(),
            eraless: None,
            role,
            bracketed,
        });
    }
    // Era-less: `3年度`, `元年度`, `21年度`, resolved by the era printed nearest.
    let (n, rest) = match year.strip_prefix('元') {
        Some(r) => (1, r),
        None if (1..=2).contains(&digits.len()) => (digits.parse().ok()?, rest),
        None => return None,
    };
    if matches!(rest, "年度" | "年") {
        return Some(Kind::Period {
            period: None,
            eraless: Some((n, rest.to_owned())),
            role,
            bracketed,
        });
    }
    None
}

fn is_dash(w: &str) -> bool {
    matches!(w, "-" | "−" | "―" | "－" | "—" | "‐" | "ー" | "–" | "─")
}

/// A number with its unit (`72.4%`, `3,000人/年`, `850g以下`, `75%↑`), when the unit is one
/// plans use or has a unit's form.
fn value_of(w: &str) -> Option<Kind> {
    if is_dash(w) {
        return Some(Kind::Value {
            value: None,
            unit: String::new(),
            comparator: Comparator::Exact,
        });
    }
    let (w, arrow) = match w.strip_suffix('↑') {
        Some(v) => (v, Comparator::AtLeast),
        None => (w, Comparator::Exact),
    };
    if !w
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '▲' | '△' | '-' | '.'))
    {
        return None;
    }
    // `04`, `02`: a code's digits, no value.
    let mut digits = w.chars();
    if digits.next() == Some('0') && digits.next().is_some_and(|c| c.is_ascii_digit()) {
        return None;
    }
    let q = parse_quantity(w).ok()?;
    let value = q.value?;
    let unit = q.unit.as_str().to_owned();
    let known = q.unit.is_known()
        || lexicon::is_unit(&unit)
        || scan::latin_unit(&unit).is_some()
        || unit == "%";
    if !known {
        return None;
    }
    let comparator = if arrow == Comparator::Exact {
        q.comparator
    } else {
        arrow
    };
    Some(Kind::Value {
        value: Some(value),
        unit,
        comparator,
    })
}

fn is_mark(w: &str) -> bool {
    let mut cs = w.chars();
    let (Some(c), rest) = (cs.next(), cs.as_str()) else {
        return false;
    };
    (lexicon::GRADE_MARKS.contains(&c) && rest.is_empty())
        || (lexicon::GRADE_LETTERS.contains(&c) && matches!(rest, "" | "+" | "-" | "a" | "b" | "c"))
}

fn direction_of(w: &str) -> Option<Direction> {
    match w {
        "⇧" | "↑" | "↗" => Some(Direction::Increase),
        "⇩" | "↓" | "↘" => Some(Direction::Decrease),
        _ => None,
    }
}

fn is_list_label(w: &str) -> bool {
    let mut cs = w.chars();
    let Some(c) = cs.next() else {
        return false;
    };
    let rest = cs.as_str();
    if rest.is_empty() && (scan::enclosed_number(c).is_some() || ('ア'..='ン').contains(&c)) {
        return true;
    }
    let (n, after) = scan::split_label(w);
    n.is_some() && after.is_empty()
}

fn has_japanese(w: &str) -> bool {
    w.chars().any(|c| scan::is_kana(c) || scan::is_kanji(c))
}

/// A unit alone: `(g)`, `(%)`, `%`, `km`, `人`.
fn unit_of(w: &str) -> Option<String> {
    let (inner, _) = strip_brackets(w);
    let inner = inner.trim();
    if inner.is_empty() {
        return None;
    }
    (lexicon::is_unit(inner) || scan::latin_unit(inner).is_some()).then(|| inner.to_owned())
}

/// The kind of one word (already joined).
fn kind_of(w: &str) -> Kind {
    if let Some(r) = role_of(w) {
        return Kind::Role(r);
    }
    if let Some(p) = period_of(w) {
        return p;
    }
    let (inner, bracketed) = strip_brackets(w);
    if bracketed {
        if let Some(q) = qual_of(inner) {
            return Kind::Qual(q);
        }
    }
    if let Some(v) = value_of(w) {
        return v;
    }
    if let Some(d) = direction_of(w) {
        return Kind::Dir(d);
    }
    if is_mark(w) {
        return Kind::Mark(w.to_owned());
    }
    if let Some(u) = unit_of(w) {
        return Kind::Unit(u);
    }
    if is_name_head(w) {
        // A numbered head (`成果指標1`, `対象指標A`) labels one row, as a list label does.
        if w.ends_with(|c: char| c.is_ascii_alphanumeric()) && !lexicon::NAME_HEADS.contains(&w) {
            return Kind::ListLabel;
        }
        return Kind::NameHead;
    }
    if is_grid_word(w) {
        return Kind::Noise;
    }
    if is_list_label(w) {
        return Kind::ListLabel;
    }
    if !has_japanese(w)
        || w.starts_with(['※', '*'])
        || w.contains(['÷', '×', '=', '＝'])
        || lexicon::NUMBER_QUALIFIERS.contains(&w)
    {
        return Kind::Noise;
    }
    if w.contains('。') || w.chars().count() > MAX_NAME_CHARS {
        return Kind::Sentence;
    }
    Kind::Name
}

/// True when the kind is worth joining pieces for: a year, a role, a value with a unit.
fn joins(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::Period { .. } | Kind::Role(_) | Kind::Qual(_) | Kind::NameHead
    )
}

/// The longest role word `w` begins with, and the rest.
fn role_prefix(w: &str) -> Option<(&str, &str)> {
    w.char_indices()
        .skip(1)
        .map(|(i, _)| i)
        .chain(std::iter::once(w.len()))
        .take(6)
        .filter_map(|i| Some((w.get(..i)?, w.get(i..)?)))
        .filter(|(head, _)| role_of(head).is_some())
        .last()
}

/// A word a page printed without spaces, cut where a role label ends before its year or value
/// (`現状値(2019年度)12件` → `現状値`, `(2019年度)`, `12件`; `目標値:0人(令和6年度)` →
/// `目標値`, `0人(令和6年度)`) and around an arrow between values (`12件→20件`). Anything else
/// stays whole: a word that only begins with a label (`目標達成率`), a label and a bracket that
/// holds no year (`基準値(時期)`), a name.
pub(crate) fn split_glued(w: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = w;
    while let Some((i, arrow)) = rest
        .char_indices()
        .find(|(_, c)| lexicon::ARROWS.contains(c))
    {
        let before = rest.get(..i).unwrap_or_default();
        let after = rest.get(i + arrow.len_utf8()..).unwrap_or_default();
        // Only an arrow between figures is a cell's edge; `A→B` in words is text.
        let figures = before.ends_with(|c: char| c.is_ascii_digit() || matches!(c, ')' | '%'))
            || after.starts_with(|c: char| c.is_ascii_digit() || c == '(')
            || role_prefix(after).is_some();
        if !figures {
            break;
        }
        if !before.is_empty() {
            split_label(before, &mut out);
        }
        out.push(arrow.to_string());
        rest = after;
    }
    if !rest.is_empty() {
        split_label(rest, &mut out);
    }
    out
}

/// `rest` cut after a role label glued to a bracketed year or a value, or whole.
fn split_label(w: &str, out: &mut Vec<String>) {
    let whole = |out: &mut Vec<String>| out.push(w.to_owned());
    let Some((label, after)) = role_prefix(w) else {
        return whole(out);
    };
    let after_sep = after.trim_start_matches([':', '=']);
    if after_sep.is_empty() {
        // `現状値:`: the label alone, its value in the next word.
        out.push(label.to_owned());
        return;
    }
    if after_sep.starts_with('(') {
        let Some(close) = after_sep.find(')') else {
            return whole(out);
        };
        let (bracket, tail) = after_sep.split_at(close + 1);
        if !matches!(period_of(bracket), Some(Kind::Period { .. })) {
            return whole(out);
        }
        out.push(label.to_owned());
        out.push(bracket.to_owned());
        let tail = tail.trim_start_matches([':', '=']);
        if !tail.is_empty() {
            out.push(tail.to_owned());
        }
        return;
    }
    let grade = role_of(label) == Some(Role::Grade) && is_mark(after_sep);
    if grade || after_sep.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '▲' | '△')) {
        // `評価B`, `評価:A`: the grade label and its mark.
        out.push(label.to_owned());
        out.push(after_sep.to_owned());
        return;
    }
    whole(out)
}

/// The words of one line, pieces joined, typed.
fn line_tokens(text: &str, line: usize, out: &mut Vec<Tok>) {
    let owned: Vec<String> = text.split_whitespace().flat_map(split_glued).collect();
    let words: Vec<&str> = owned.iter().map(String::as_str).collect();
    let mut i = 0;
    let mut first = true;
    while let Some(&w) = words.get(i) {
        // Pieces printed apart that make one year, role or header word together.
        let mut taken = None;
        for k in (2..=MAX_JOIN).rev() {
            let Some(parts) = words.get(i..i + k) else {
                continue;
            };
            // Numbers printed apart stay apart (`612 2 年度末` is 612 and `2 年度末`).
            let numbers = parts
                .iter()
                .filter(|p| p.chars().any(|c| c.is_ascii_digit()))
                .count();
            // A role word printed apart after a year is a label of its own (`R5 目標`: the
            // header's last year, then the row label).
            if numbers > 1 || parts.last().is_some_and(|p| role_of(p).is_some()) {
                continue;
            }
            let joined: String = parts.concat();
            if joined.chars().count() > MAX_JOINED_CHARS {
                continue;
            }
            let kind = kind_of(&joined);
            if joins(&kind) {
                taken = Some((k, joined, kind));
                break;
            }
        }
        if let Some((k, joined, kind)) = taken {
            push(out, kind, joined, line, first);
            i += k;
            first = false;
            continue;
        }
        // A label spaced one character per token (`実 績`, `指 標 名`).
        if w.chars().count() == 1 && has_japanese(w) {
            let mut k = 1;
            let mut joined = w.to_owned();
            let mut best = None;
            while let Some(next) = words.get(i + k).filter(|n| n.chars().count() == 1) {
                joined.push_str(next);
                k += 1;
                let kind = kind_of(&joined);
                if matches!(kind, Kind::Role(_) | Kind::NameHead) || is_grid_word(&joined) {
                    best = Some((k, joined.clone(), kind));
                }
                if k > 6 {
                    break;
                }
            }
            if let Some((k, joined, kind)) = best {
                push(out, kind, joined, line, first);
                i += k;
                first = false;
                continue;
            }
        }
        // `-905`: an empty cell's dash glued to the next cell's number.
        if let Some(rest) = w
            .strip_prefix('-')
            .filter(|r| r.starts_with(|c: char| c.is_ascii_digit()))
        {
            push(out, kind_of("-"), "-".to_owned(), line, first);
            first = false;
            push_value(out, rest, words.get(i + 1).copied(), line, &mut i);
            i += 1;
            continue;
        }
        // `【目標値】name`: a bracketed role label glued to what it labels.
        if let Some((label, rest)) = w.strip_prefix('【').and_then(|r| r.split_once('】')) {
            if let Some(r) = role_of(label) {
                push(out, Kind::Role(r), format!("【{label}】"), line, first);
                first = false;
                if !rest.is_empty() {
                    push_name(out, rest, line, false);
                }
                i += 1;
                continue;
            }
        }
        // `【指標】name`, `【環境基準】name`: a bracketed heading before a name is no part of it.
        if let Some((label, rest)) = w.strip_prefix('【').and_then(|r| r.split_once('】')) {
            if !rest.is_empty() && has_japanese(rest) {
                push(out, Kind::Noise, format!("【{label}】"), line, first);
                push_name(out, rest, line, false);
                first = false;
                i += 1;
                continue;
            }
        }
        // `92%(令和5年度)`: a value with its own year glued in brackets.
        if let Some((v, y)) = w.strip_suffix(')').and_then(|x| x.rsplit_once('(')) {
            let year = format!("({y})");
            if let (Some(Kind::Value { .. }), Some(p @ Kind::Period { role: None, .. })) =
                (value_of(v), period_of(&year))
            {
                push_value(out, v, None, line, &mut i);
                push(out, p, year, line, false);
                first = false;
                i += 1;
                continue;
            }
        }
        let kind = kind_of(w);
        if matches!(kind, Kind::Value { .. }) {
            push_value(out, w, words.get(i + 1).copied(), line, &mut i);
            first = false;
            i += 1;
            continue;
        }
        // `単位: 人`, `単位:千円`.
        if let Some(rest) = w.strip_prefix("単位") {
            let rest = rest.trim_start_matches([':', '：']);
            let unit = if rest.is_empty() {
                words
                    .get(i + 1)
                    .and_then(|n| unit_of(n))
                    .inspect(|_| i += 1)
            } else {
                unit_of(rest)
            };
            if let Some(u) = unit {
                push(out, Kind::Unit(u), w.to_owned(), line, first);
                first = false;
                i += 1;
                continue;
            }
        }
        // A list label glued to its name (`①市政に…`, `ア特定…`).
        let (n, after) = scan::split_label(w);
        if n.is_some() && !after.is_empty() && has_japanese(after) {
            let label_len = w.len() - after.len();
            push(
                out,
                Kind::ListLabel,
                w.get(..label_len).unwrap_or("").trim().to_owned(),
                line,
                first,
            );
            push_name(out, after, line, false);
            first = false;
            i += 1;
            continue;
        }
        push_name(out, w, line, first);
        first = false;
        i += 1;
    }
}

/// A value, with a unit or comparator printed apart after it (`1,850 人/年`, `50 以上`).
fn push_value(out: &mut Vec<Tok>, w: &str, next: Option<&str>, line: usize, i: &mut usize) {
    let mut kind = kind_of(w);
    let mut text = w.to_owned();
    if let (
        Kind::Value {
            value: Some(_),
            unit,
            ..
        },
        Some(n),
    ) = (&kind, next)
    {
        if unit.is_empty() && (lexicon::is_unit(n) || lexicon::COMPARATOR_WORDS.contains(&n)) {
            let joined = format!("{w}{n}");
            if let Some(k) = value_of(&joined) {
                kind = k;
                text = joined;
                *i += 1;
            }
        }
    }
    if matches!(kind, Kind::Value { .. }) {
        push(out, kind, text, line, false);
    } else {
        push_name(out, w, line, false);
    }
}

/// A word of text: a name's piece joins the name before it when it cannot open one (a
/// particle, an unclosed bracket before it).
fn push_name(out: &mut Vec<Tok>, w: &str, line: usize, first: bool) {
    let kind = kind_of(w);
    if kind == Kind::Name {
        if let Some(prev) = out.last_mut() {
            let open = prev.text.matches('(').count() > prev.text.matches(')').count();
            let particle = w
                .chars()
                .next()
                .is_some_and(|c| scan::is_hiragana(c) || c == ')' || c == '、');
            if prev.kind == Kind::Name && (open || (particle && prev.line == line)) {
                prev.text.push_str(w);
                if prev.text.chars().count() > MAX_NAME_CHARS || prev.text.contains('。') {
                    prev.kind = Kind::Sentence;
                }
                return;
            }
        }
    }
    push(out, kind, w.to_owned(), line, first);
}

fn push(out: &mut Vec<Tok>, kind: Kind, text: String, line: usize, first: bool) {
    out.push(Tok {
        kind,
        text,
        line,
        first,
    });
}

/// The tokens of a block of lines (number, text), era-less years resolved.
pub(crate) fn tokenize<'a>(
    lines: impl Iterator<Item = (usize, &'a str)>,
    era: Option<shinchoku_core::era::Era>,
) -> Vec<Tok> {
    let mut out = Vec::new();
    for (no, text) in lines {
        line_tokens(text, no, &mut out);
    }
    glue_wrapped_roles(&mut out);
    resolve_eras(&mut out, era);
    out
}

/// A role word between two names is the end of the first, wrapped (`河川の水質環境基準` /
/// `達成率` / `下水道接続率`): no label heads nothing but a name.
fn glue_wrapped_roles(toks: &mut Vec<Tok>) {
    let old = std::mem::take(toks);
    let mut it = old.into_iter().peekable();
    while let Some(t) = it.next() {
        let sandwiched = matches!(t.kind, Kind::Role(_))
            && !t.text.starts_with('【')
            && toks.last().is_some_and(|p| p.kind == Kind::Name)
            && it.peek().is_some_and(|n| n.kind == Kind::Name);
        match toks.last_mut() {
            Some(prev) if sandwiched => prev.text.push_str(&t.text),
            _ => toks.push(t),
        }
    }
}

/// Era-less years (`3 年度`) take the era of the nearest era-qualified year before them, else
/// after them, else the era the document names.
fn resolve_eras(toks: &mut [Tok], doc_era: Option<shinchoku_core::era::Era>) {
    use shinchoku_core::era::Era;
    let era_of = |t: &Tok| -> Option<Era> {
        match &t.kind {
            Kind::Period {
                period: Some(_),
                eraless: None,
                ..
            } => {
                let s = t.text.trim_start_matches(['(', '【', '[']);
                lexicon::ERAS
                    .iter()
                    .find(|e| s.starts_with(**e))
                    .and_then(|e| Era::from_name_ja(e))
                    .or_else(|| s.chars().next().and_then(Era::from_letter))
            }
            _ => None,
        }
    };
    let eras: Vec<Option<Era>> = toks.iter().map(era_of).collect();
    for (k, t) in toks.iter_mut().enumerate() {
        let Kind::Period {
            period, eraless, ..
        } = &mut t.kind
        else {
            continue;
        };
        let Some((n, end)) = eraless.take() else {
            continue;
        };
        let before = eras.get(..k).and_then(|e| e.iter().rev().find_map(|x| *x));
        let after = eras.get(k..).and_then(|e| e.iter().find_map(|x| *x));
        let Some(era) = before.or(after).or(doc_era) else {
            continue;
        };
        *period = parse_period(&format!("{}{n}{end}", era.name_ja())).ok();
    }
}

/// The era a document names first (`令和` alone on a line above a form), for its era-less
/// years when the block prints none.
pub(crate) fn document_era(text: &str) -> Option<shinchoku_core::era::Era> {
    lexicon::RECENT_ERAS
        .iter()
        .filter_map(|e| text.find(e).map(|i| (i, *e)))
        .min()
        .and_then(|(_, e)| shinchoku_core::era::Era::from_name_ja(e))
}
