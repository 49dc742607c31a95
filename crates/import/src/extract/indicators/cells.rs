//! Cells: what kind of thing a data cell holds (`cell_kind`: a value, a period, a kind word, a
//! bare unit, text), the marks that set an indicator's kind and direction, and a value cell read
//! into a [`Side`] by core's one quantity parser (`read_value`).

use std::collections::HashSet;

use super::periods::{find_period, unit_word, Dated};
use crate::extract::lexicon::{self, has_any};
use crate::extract::scan::{is_hiragana, rate_phrase};
use shinchoku_core::era::parse_period;
use shinchoku_core::indicator::{Comparator, Direction};
use shinchoku_core::quantity::{parse_quantity, Quantity, Unit, Window, KNOWN_UNITS};
use shinchoku_core::text::fold_normalized_printed_name;
use shinchoku_core::Decimal;

/// What a data cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CellKind {
    Empty,
    /// `—`, `- Km`, `なし`.
    Dash,
    Value,
    Period,
    /// `3年`, `累計`, `単年`.
    KindWord,
    /// `兆円`, `万円/人`.
    UnitOnly,
    Text,
}

pub(super) fn cell_kind(cell: &str) -> CellKind {
    let cell = cell.trim();
    if cell.is_empty() {
        return CellKind::Empty;
    }
    if kind_mark(cell).is_some() {
        return CellKind::KindWord;
    }
    if may_be_period(cell) && parse_period(cell).is_ok() {
        return CellKind::Period;
    }
    if let Ok(q) = parse_quantity(cell) {
        match q.value {
            None => return CellKind::Dash,
            Some(_) if plausible_unit(q.unit.as_str()).is_some() => return CellKind::Value,
            Some(_) => {}
        }
    }
    if cell.chars().count() <= 8 && !cell.chars().any(|c| c.is_ascii_digit()) {
        if let Some(_u) = unit_word(cell) {
            return CellKind::UnitOnly;
        }
    }
    CellKind::Text
}

/// `Unit::is_known`, by a set built once: asked for every cell of every table, the list's
/// linear scan was most of this recogniser's time on a large table.
pub(super) fn known(unit: &Unit) -> bool {
    static SET: std::sync::OnceLock<HashSet<&'static str>> = std::sync::OnceLock::new();
    unit.is_empty()
        || SET
            .get_or_init(|| KNOWN_UNITS.iter().copied().collect())
            .contains(unit.as_str())
}

/// Cheap test before the period parser: a period is written with a year mark or an era.
fn may_be_period(cell: &str) -> bool {
    cell.contains([
        '年', 'R', 'H', 'S', 'T', 'M', '令', '平', '昭', '大', '明', 'F',
    ])
}

/// The unit a quantity was printed with, split from words that follow it (`万人の維持` →
/// `万人`, `の維持`); `None` when the "unit" is really words (`G基盤展開率`).
fn plausible_unit(u: &str) -> Option<(String, String)> {
    if u.is_empty() {
        return Some((String::new(), String::new()));
    }
    let unit = Unit::new(u);
    if known(&unit) {
        return Some((unit.as_str().to_owned(), String::new()));
    }
    let norm = unit.as_str();
    // A short unit outside the list (`万人泊`, `組織`, `万t-CO2`): kept, and warned about.
    // Words are longer, or written in kana.
    let word_chars = norm
        .chars()
        .filter(|c| !c.is_ascii() && !matches!(c, '万' | '千' | '百' | '億' | '兆'))
        .count();
    if word_chars <= 3 && norm.chars().count() <= 8 && !norm.chars().any(is_hiragana) {
        return Some((norm.to_owned(), String::new()));
    }
    // A known unit followed by words: `万人の維持`.
    let best = KNOWN_UNITS
        .iter()
        .filter(|k| norm.starts_with(**k))
        .max_by_key(|k| k.len())?;
    let rest = norm.get(best.len()..).unwrap_or_default();
    rest.starts_with(is_hiragana)
        .then(|| ((*best).to_owned(), rest.to_owned()))
}

/// A mark of how a value is counted, from a kind column or the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mark {
    Cumulative,
    Annual,
    /// `3年`: a total over so many years.
    Window(u32),
    /// `期間計`: a total over the plan's period.
    Total,
}

pub(super) fn kind_mark(cell: &str) -> Option<Mark> {
    if cell.chars().count() > 16 || !cell.contains(lexicon::KIND_MARK_CHARS) {
        return None;
    }
    let c = fold_normalized_printed_name(cell);
    let c = c.trim_matches(|ch| matches!(ch, '(' | ')' | '[' | ']' | '【' | '】' | '〔' | '〕'));
    if lexicon::CUMULATIVE_MARKS.contains(&c) {
        return Some(Mark::Cumulative);
    }
    if lexicon::ANNUAL_MARKS.contains(&c) {
        return Some(Mark::Annual);
    }
    if lexicon::PERIOD_TOTAL_MARKS.contains(&c) {
        return Some(Mark::Total);
    }
    let digits: String = c.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let rest = c.get(digits.len()..)?;
    let rest = rest.trim_start_matches(['か', 'カ', 'ヵ', 'ヶ', 'ケ', '箇']);
    if !lexicon::WINDOW_MARK_ENDS.contains(&rest) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    match n {
        0 => None,
        1 => Some(Mark::Annual),
        n => Some(Mark::Window(n)),
    }
}

/// The direction words of a cell (`減少を目指す`, `↓`), if any.
pub(super) fn direction_of(text: &str) -> Option<Direction> {
    let c = fold_normalized_printed_name(text);
    if has_any(&c, lexicon::RESTRAINED_DECREASE_WORDS) {
        return Some(Direction::Increase);
    }
    if has_any(&c, lexicon::DECREASE_WORDS) {
        return Some(Direction::Decrease);
    }
    if has_any(&c, lexicon::INCREASE_WORDS) {
        return Some(Direction::Increase);
    }
    None
}

// ---------------------------------------------------------------------------------------------
// Values.

/// A baseline or target cell as read.
#[derive(Debug, Clone, Default)]
pub(super) struct Side {
    /// The cell had something in it.
    pub(super) present: bool,
    pub(super) value: Option<Decimal>,
    pub(super) unit: Option<String>,
    pub(super) period: Option<Dated>,
    /// `/3年`.
    pub(super) window_len: Option<u32>,
    pub(super) notes: Vec<String>,
    /// An average over its period (`(24〜26年度平均)`).
    pub(super) mean: bool,
    pub(super) comparator: Comparator,
    pub(super) cumulative: bool,
    pub(super) annual: bool,
    /// A target in words (`増加を目指す`).
    pub(super) text: Option<String>,
    pub(super) direction: Option<Direction>,
    pub(super) no_value_word: bool,
}

impl Side {
    pub(super) fn has_content(&self) -> bool {
        self.value.is_some() || self.text.is_some()
    }

    fn note(&mut self, note: &str) {
        let note = note.trim().trim_start_matches('の').trim();
        if !note.is_empty() && !self.notes.iter().any(|n| n == note) {
            self.notes.push(note.to_owned());
        }
    }

    fn absorb_note(&mut self, note: &str) {
        let mean = note.contains("平均");
        if let Some(d) = find_period(&note.replace("平均", "")) {
            self.period = Some(d);
            self.mean |= mean;
        } else {
            self.mean |= mean;
            // `1,200件（増加を目指す）`: the words set the direction, the number stays.
            self.direction = self.direction.or(direction_of(note));
            self.note(note);
        }
        if note.contains("単年") {
            self.annual = true;
        }
    }

    /// Takes a parsed quantity; `None` when its "unit" is really words.
    fn from_quantity(q: &Quantity) -> Option<Side> {
        let mut s = Side {
            present: true,
            value: q.value,
            comparator: q.comparator,
            cumulative: q.cumulative,
            annual: q.annual,
            no_value_word: q.no_value_word,
            ..Side::default()
        };
        let (unit, rest) = plausible_unit(q.unit.as_str())?;
        if !unit.is_empty() {
            s.unit = Some(unit);
        }
        if !rest.is_empty() {
            s.direction = direction_of(&rest);
            s.note(&rest);
        }
        match q.window {
            Some(Window::Years(p)) => s.period = Some(Dated::explicit(p)),
            Some(Window::Length(n)) => s.window_len = Some(n),
            None => {}
        }
        if let Some(n) = &q.note {
            s.absorb_note(n);
            // `未満` and `超` are the strict forms of 以下 and 以上; the model keeps the nearer.
            if s.comparator == Comparator::Exact {
                if n.contains("未満") {
                    s.comparator = Comparator::AtMost;
                } else if n.split(' ').any(|w| w == "超") {
                    s.comparator = Comparator::AtLeast;
                }
            }
        }
        if s.comparator == Comparator::AtMost {
            s.direction = Some(Direction::Decrease);
        }
        Some(s)
    }
}

/// A phrase before the number saying how it is counted: `1年当たり312人`, `年間120件` (a
/// year's figure), `5年間累計1,750人`, `5年間で200人` (a total over five years).
fn leading_count_phrase(cell: &str) -> Option<(&str, Mark)> {
    let annual = lexicon::ANNUAL_COUNT_PHRASES
        .iter()
        .map(|w| (w, Mark::Annual));
    let cumulative = lexicon::CUMULATIVE_COUNT_PHRASES
        .iter()
        .map(|w| (w, Mark::Cumulative));
    for (word, mark) in annual.chain(cumulative) {
        if let Some(rest) = cell.strip_prefix(word) {
            if rest.trim_start().starts_with(|c: char| c.is_ascii_digit()) {
                return Some((rest.trim_start(), mark));
            }
        }
    }
    let digits: String = cell.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let rest = cell.get(digits.len()..)?;
    let rest = rest.trim_start_matches(['か', 'カ', 'ヵ', 'ヶ', 'ケ', '箇']);
    let rest = rest
        .strip_prefix("年間")
        .or_else(|| rest.strip_prefix("年"))?;
    let rest = lexicon::WINDOW_COUNT_JOINERS
        .iter()
        .find_map(|w| rest.strip_prefix(w))
        .unwrap_or(rest)
        .trim_start();
    if !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    let mark = if n <= 1 {
        Mark::Annual
    } else {
        Mark::Window(n)
    };
    Some((rest, mark))
}

/// A value printed after the span of years it was averaged or summed over (`H29～R3平均 45万人`,
/// `R1～R3累計 36件`): the value with the span as its period, an average marked as one. The
/// span must be the whole text before the word, so a name or a sentence is never read as one.
fn leading_span(cell: &str) -> Option<Side> {
    for &(word, mean) in lexicon::SPAN_WORDS {
        let Some(at) = cell.find(word) else {
            continue;
        };
        let head = cell.get(..at)?.trim().trim_end_matches('の').trim_end();
        let rest = cell.get(at + word.len()..)?;
        let rest = rest.trim_start_matches(['値', ':', ' ']);
        if !rest.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        let Ok(span) = parse_period(head) else {
            continue;
        };
        if !span.is_window() {
            continue;
        }
        let mut s = read_value(rest);
        if s.value.is_none() {
            continue;
        }
        s.period = Some(Dated::explicit(span));
        s.mean = mean;
        return Some(s);
    }
    None
}

/// The cell with each `、` that stands between a digit and a group of exactly three digits
/// written as `,`: pages typed in full-width forms separate thousands with the ideographic
/// comma (`５、０００人`), which NFKC keeps; `None` when there is no such `、`. A `、` before
/// fewer or more digits (`1、2`, `3、1000`) separates items and is left.
fn ideographic_thousands(cell: &str) -> Option<String> {
    let chars: Vec<char> = cell.chars().collect();
    let grouped = |i: usize| {
        i > 0
            && chars.get(i - 1).is_some_and(char::is_ascii_digit)
            && (1..=3).all(|k| chars.get(i + k).is_some_and(char::is_ascii_digit))
            && !chars.get(i + 4).is_some_and(char::is_ascii_digit)
    };
    let hits: Vec<usize> = (0..chars.len())
        .filter(|&i| chars.get(i) == Some(&'、') && grouped(i))
        .collect();
    if hits.is_empty() {
        return None;
    }
    Some(
        chars
            .iter()
            .enumerate()
            .map(|(i, c)| if hits.contains(&i) { ',' } else { *c })
            .collect(),
    )
}

/// The way a change moves when `cell` is a number, its unit and a [`lexicon::CHANGE_WORDS`]
/// word right after them (`25%増`, `10人減（令和3年度比）`, `2割増`); `None` for any other cell.
fn change_direction(cell: &str) -> Option<Direction> {
    if !cell.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    cell.char_indices().find_map(|(i, _)| {
        let &(_, direction) = lexicon::CHANGE_WORDS
            .iter()
            .find(|(w, _)| i > 0 && cell[i..].starts_with(w))?;
        parse_quantity(&cell[..i])
            .is_ok_and(|q| q.value.is_some())
            .then_some(if direction {
                Direction::Increase
            } else {
                Direction::Decrease
            })
    })
}

/// A cell that lists yearly figures, one `year：value` a line (`2022年度：200` / `2023年度：400`,
/// the lines run together with spaces): each year's period and value, in order; `None` unless
/// every item of the cell is such a pair.
pub(super) fn year_value_list(
    cell: &str,
) -> Option<Vec<(shinchoku_core::period::Period, Decimal)>> {
    // `2022年度: 200`: a space after the colon joins the value to its year.
    let joined = cell.replace(": ", ":").replace('：', ":");
    let mut out = Vec::new();
    for item in joined.split_whitespace() {
        let (year, value) = item.split_once(':')?;
        let period = parse_period(year).ok()?;
        out.push((period, read_value(value).value?));
    }
    (!out.is_empty()).then_some(out)
}

/// Reads a value cell: core's quantity parser, then a number followed by words (`6,308万人の
/// 維持`), then words alone (`増加を目指す`, `全国1位(2026年)`).
pub(super) fn read_value(cell: &str) -> Side {
    let cell = cell.trim();
    if cell.is_empty() {
        return Side::default();
    }
    if let Some(folded) = ideographic_thousands(cell) {
        return read_value(&folded);
    }
    if let Some((rest, mark)) = leading_count_phrase(cell) {
        let mut s = read_value(rest);
        match mark {
            Mark::Annual => s.annual = true,
            Mark::Window(n) => s.window_len = s.window_len.or(Some(n)),
            Mark::Cumulative => s.cumulative = true,
            Mark::Total => {}
        }
        return s;
    }
    if let Some(s) = leading_span(cell) {
        return s;
    }
    // What the number is counted per (`1日当たり150分`): the value in its own unit, the
    // phrase a note.
    if let Some((phrase, rest)) = rate_phrase(cell) {
        let mut s = read_value(rest);
        if s.value.is_some() {
            s.note(phrase);
            return s;
        }
    }
    // A change (`25%増`, `10人減`, `5ポイント向上`) is a target in words: it says how far
    // to move from the baseline, not the level to reach.
    if let Some(direction) = change_direction(cell) {
        return Side {
            present: true,
            text: Some(cell.to_owned()),
            direction: Some(direction),
            // `（令和3年度比）` is the year the change counts from, not the target's.
            period: find_period(cell).filter(|_| !cell.contains('比')),
            ..Side::default()
        };
    }
    match parse_quantity(cell) {
        Ok(q) => {
            if let Some(s) = Side::from_quantity(&q) {
                return s;
            }
        }
        Err(e) => {
            let prefix: String = cell.chars().take(e.column.saturating_sub(1)).collect();
            let rest: String = cell.chars().skip(e.column.saturating_sub(1)).collect();
            if let Ok(q) = parse_quantity(&prefix) {
                if q.value.is_some() {
                    if let Some(mut s) = Side::from_quantity(&q) {
                        if s.period.is_none() {
                            s.period = find_period(&rest);
                        }
                        s.direction = s.direction.or(direction_of(&rest));
                        s.note(&rest);
                        return s;
                    }
                }
            }
        }
    }
    Side {
        present: true,
        text: Some(cell.to_owned()),
        direction: direction_of(cell),
        period: find_period(cell),
        ..Side::default()
    }
}
