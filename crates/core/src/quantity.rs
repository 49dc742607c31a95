//! Quantities: numbers with units as Japanese plan documents print them.
//!
//! A value cell of a plan (`38,300万円 (2018～2021)`, `98%以上`, `15件/3年`, `- Km`, `（累計）`)
//! carries more than a number: a unit, how the target was written, the window a total is summed
//! over, and marks that decide the indicator's kind. This module is the one parser for such
//! cells — the importer, the CSV reader and the web forms all call [`parse_quantity`] — so that
//! `１５件`, `15 件` and `15件` mean the same thing everywhere.
//!
//! Guarantees:
//! - Values are exact [`Decimal`]s; no float is involved anywhere, and a number too large or too
//!   precise for `Decimal` is an error, never a rounded value.
//! - Full-width digits, letters, `％`, `，`, `．` and brackets are folded by hand (NFKC for the
//!   characters that occur in value cells), and units are normalised by [`Unit::new`].
//! - A number written with several scale words (`1兆5,000億円`) is held in the last unit printed
//!   (`15000` `億円`); [`Unit::convert`] moves values between units of one scale family.
//! - [`parse_quantity`] never panics; every refusal is a [`QuantityError`] with the column
//!   where reading stopped and a message saying what was expected.
//!
//! Years in a window are read here only in their plain form (`(2022～2026)`, `2018-2021`); any
//! other bracketed text, such as an as-of date `（R1.8）`, is left in [`Quantity::note`] for
//! callers to read with [`crate::era`].

use std::fmt;

use rust_decimal::Decimal;

use crate::indicator::Comparator;
use crate::period::Period;
use crate::text::{fold_width, is_space};

/// Units the documents use. A unit outside this list is still accepted ([`Unit::is_known`] lets
/// the importer warn about it).
///
/// `人/年` and the like are deliberately absent: DESIGN.md makes `/年` the mark of an annual
/// flow, so [`parse_quantity`] moves it to [`Quantity::annual`] and a unit never carries it.
pub const KNOWN_UNITS: &[&str] = &[
    // Counts.
    "件",
    "人",
    "者",
    "世帯",
    "社",
    "団体",
    "企業",
    "事業者",
    "店舗",
    "施設",
    "所",
    "園",
    "校",
    "箇所",
    "か所",
    "カ所",
    "ヵ所",
    "ヶ所",
    "地区",
    "市町",
    "市町村",
    "事業",
    "プロジェクト",
    "品目",
    "回",
    "台",
    "基",
    "隻",
    "棟",
    "軒",
    "区画",
    "路線",
    "便",
    "講座",
    "組",
    "組織",
    "種",
    "種類",
    // Things counted (`貸出冊数`, `認定商品数`).
    "冊",
    "点",
    "枚",
    "個",
    "匹",
    "羽",
    // Animals (`捕獲頭数`, `飼養頭数`).
    "頭",
    "本",
    "戸",
    "泊",
    "人泊",
    "万人泊",
    "千人",
    "万人",
    // Measures.
    "km",
    "km2",
    "m",
    "m2",
    "m3",
    "ha",
    "t",
    "千t",
    "kW",
    "kWh",
    // Concentrations (water quality, air): as symbols and as words.
    "mg/L",
    "ミリグラム/リットル",
    "ppm",
    "時間",
    "分",
    "日",
    "人日",
    // Ages (`健康寿命`).
    "歳",
    // Volumes, weights and energy.
    "L",
    "kL",
    "mm",
    "kg",
    "g",
    "MW",
    "MWh",
    "GWh",
    "t-CO2",
    "千t-CO2",
    "万t-CO2",
    // Rates.
    "%",
    "ポイント",
    "倍",
    // Money.
    "円",
    "千円",
    "万円",
    "百万円",
    "億円",
    "兆円",
    "万円/人",
    // A price per cubic metre (water and sewerage rates).
    "円/m3",
];

/// A normalised unit (`件`, `%`, `km`, `億円`, `万円/人`); may be empty.
///
/// The only way in is [`Unit::new`], so two units that print alike compare equal: `ｋｍ`, `Km`
/// and `KM` are all `km`, `％` is `%`, `ｈａ` is `ha`, and spaces are dropped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Unit(String);

impl Unit {
    /// Normalises a unit as printed.
    pub fn new(text: &str) -> Unit {
        let mut s = String::with_capacity(text.len());
        for c in text.chars().map(fold_value_char) {
            match c {
                c if is_space(c) => {}
                '㎞' => s.push_str("km"),
                '㎢' => s.push_str("km2"),
                '㎡' => s.push_str("m2"),
                '㏊' => s.push_str("ha"),
                '²' => s.push('2'),
                _ => s.push(c),
            }
        }
        // Letter case carries no meaning in these units as the documents print them (`Km`).
        let canonical = match s.to_ascii_lowercase().as_str() {
            "km" => Some("km"),
            "km2" => Some("km2"),
            "ha" => Some("ha"),
            "kw" => Some("kW"),
            "kwh" => Some("kWh"),
            _ => None,
        };
        match canonical {
            Some(c) => Unit(c.to_owned()),
            None => Unit(s),
        }
    }

    /// The normalised text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True for the empty unit (a bare number).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True if the unit is one of [`KNOWN_UNITS`] (or empty).
    pub fn is_known(&self) -> bool {
        self.0.is_empty() || KNOWN_UNITS.contains(&self.0.as_str())
    }

    /// Converts `value` from one unit to another of the same scale family, exactly.
    ///
    /// A unit is a scale word (`千` 10³, `百` 10², `万` 10⁴, `億` 10⁸, `兆` 10¹², or `千万`,
    /// `百万` …) followed by a base: `円`, `千円`, `万円`, `百万円`, `億円`, `兆円` are one family,
    /// as are `人`/`千人`/`万人`, `t`/`千t`, `万円/人`/`円/人`. `None` when the bases differ or
    /// the result does not fit a `Decimal` without rounding.
    pub fn convert(value: Decimal, from: &Unit, to: &Unit) -> Option<Decimal> {
        let (from_exp, from_base) = split_scale(&from.0);
        let (to_exp, to_base) = split_scale(&to.0);
        if from_base != to_base {
            return None;
        }
        shift(value, i64::from(from_exp) - i64::from(to_exp))
    }

    /// A value written with the unit `written` (`%` of `22.5%`), read as a value in this
    /// unit, an indicator's own: the number itself when `written` is empty (a bare number is
    /// in the indicator's unit) or the same unit once both are normalised (`％` is `%`,
    /// `ｋｍ` is `km`, spaces dropped); converted exactly within one scale family, as plan
    /// values are (`1億5,000万円`, read as 15000 `万円`, is 1.5 for a `億円` indicator; see
    /// [`Unit::convert`]). Any other unit, or any unit for an indicator that has none, is
    /// [`UnitMismatch::Other`].
    pub fn value_from(&self, value: Decimal, written: &Unit) -> Result<Decimal, UnitMismatch> {
        if written.is_empty() || written == self {
            return Ok(value);
        }
        if self.is_empty() || split_scale(&written.0).1 != split_scale(&self.0).1 {
            return Err(UnitMismatch::Other);
        }
        Unit::convert(value, written, self).ok_or(UnitMismatch::OutOfRange)
    }
}

/// Why a value written with one unit is no value of an indicator in another
/// ([`Unit::value_from`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum UnitMismatch {
    /// Another unit (`kg` for a `%` indicator, `%` for `ポイント`), or a unit for an indicator
    /// that has none.
    Other,
    /// A unit of the same scale family whose conversion does not fit an exact decimal.
    OutOfRange,
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The window a value is counted over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Window {
    /// A window with its years: `(2022～2026)` is `FY2022-FY2026` (a one-year window is that
    /// fiscal year).
    Years(Period),
    /// A length only: `/3年` is 3 years, placed by the plan's period.
    Length(u32),
}

/// A value cell as read: number, unit and the marks around them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quantity {
    /// The number; `None` for `—`, `-`, `- Km`, `なし`, `該当なし`, `未定` or an empty cell.
    pub value: Option<Decimal>,
    /// The unit printed after the number (or after the dash); may be empty.
    pub unit: Unit,
    /// `以上` (or a leading `≧`) is [`Comparator::AtLeast`], `以下` (`≦`) is
    /// [`Comparator::AtMost`].
    pub comparator: Comparator,
    /// `(2022～2026)`, `2018-2021` or `/3年`.
    pub window: Option<Window>,
    /// A `累計` mark, bracketed or not.
    pub cumulative: bool,
    /// A `単年`, `/年` or `(年間)` mark.
    pub annual: bool,
    /// What the parser kept without understanding, brackets removed and pieces joined by a
    /// space: an approximation word (`約`, `程度`, `超`, `未満`), a note mark (`※1`), any
    /// other bracketed text such as an as-of date (`R1.8`, in folded form).
    pub note: Option<String>,
    /// True when the cell held a word for "no value" (`なし`, `該当なし`, `未定`): the importer
    /// warns, since a count of zero is written `0`. False for dashes and empty cells.
    pub no_value_word: bool,
    /// True when the whole number was printed in brackets, `(1,229)`: in the documents' data
    /// tables that is a secondary figure (a running total under the year's count), never a
    /// negative number (negatives are printed `△5` / `▲5`).
    pub bracketed: bool,
}

impl Quantity {
    /// The value held in another unit of the same family (see [`Unit::convert`]).
    pub fn value_in(&self, unit: &Unit) -> Option<Decimal> {
        self.value.and_then(|v| Unit::convert(v, &self.unit, unit))
    }
}

/// Why a text is not a quantity, where, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuantityError {
    /// The text that was read (cut to a readable length).
    pub input: String,
    /// The column (1-based, in characters) where reading stopped.
    pub column: usize,
    /// What went wrong.
    pub kind: QuantityErrorKind,
}

/// The ways a text can fail to be a quantity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum QuantityErrorKind {
    /// No number where one was expected (`abc`, `件`).
    NoNumber,
    /// A malformed number: separators not between groups of three digits (`1,2,3`), two
    /// decimal points (`1.2.3`), or a compound out of order (`1兆15,000億円`).
    BadNumber,
    /// A number too large or too precise for an exact decimal.
    OutOfRange,
    /// A window whose years are out of order or out of range, or `/0年`.
    BadWindow,
    /// Marks that contradict each other: `以上` and `以下`, or two different windows.
    Conflict,
    /// A `(` without its `)`.
    Unclosed,
    /// Text after the value that is none of the marks this parser knows (`41件/45件`).
    TrailingText,
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.kind {
            QuantityErrorKind::NoNumber => {
                "no number: expected a value such as 38,300万円, 98%以上 or 15件/3年, \
                 or —, なし for no value"
            }
            QuantityErrorKind::BadNumber => {
                "malformed number: thousands separators go between groups of three digits \
                 (1,200), a number has at most one decimal point, and a compound such as \
                 1兆5,000億円 goes from the largest scale word down"
            }
            QuantityErrorKind::OutOfRange => {
                "number out of range: at most 28 significant digits can be held exactly"
            }
            QuantityErrorKind::BadWindow => {
                "bad window: expected (2022～2026) with the first year not after the last, \
                 years 1000-9999, or /N年 with N of at least 1"
            }
            QuantityErrorKind::Conflict => {
                "contradicting marks: a value takes one of 以上 / 以下 and at most one window"
            }
            QuantityErrorKind::Unclosed => "unclosed bracket: add the closing )",
            QuantityErrorKind::TrailingText => {
                "unexpected text: after the value only a unit, 以上 / 以下, (累計), (単年), \
                 a window (2022～2026) or /3年, or a bracketed note may follow"
            }
        };
        write!(f, "{why} (column {} of {:?})", self.column, self.input)
    }
}

impl std::error::Error for QuantityError {}

/// Reads a value cell as plan documents print it.
///
/// | text | value | unit | also |
/// |---|---|---|---|
/// | `38,300万円 (2018～2021)` | 38300 | `万円` | window FY2018-FY2021 |
/// | `1兆5,000億円` | 15000 | `億円` | compound: held in the last unit printed |
/// | `98％以上` | 98 | `%` | at least |
/// | `15件/3年` | 15 | `件` | window of 3 years |
/// | `123件（累計）` | 123 | `件` | cumulative |
/// | `△5`, `▲5`, `-5` | −5 | | a dash touching a digit is a minus sign |
/// | `—`, `- Km` | none | (empty), `km` | a lone dash is no value |
/// | `なし`, `該当なし`, `未定` | none | | `no_value_word` |
/// | `約100件` | 100 | `件` | note `約` |
/// | `(1,229)` | 1229 | | `bracketed` |
///
/// An empty (or blank) text is no value. Never panics.
pub fn parse_quantity(text: &str) -> Result<Quantity, QuantityError> {
    Parser {
        input: text,
        chars: text.chars().map(fold_value_char).collect(),
        pos: 0,
        q: Quantity::default(),
        notes: Vec::new(),
        open_bracket: None,
    }
    .run()
}

/// A decimal printed without trailing zeros: `98.10` → `98.1`, `125.0` → `125`, `-0` → `0`.
pub fn format_decimal(d: Decimal) -> String {
    let mut s = String::with_capacity(32);
    write_decimal(&mut s, d);
    s
}

/// [`format_decimal`] appended to `out`, with no allocation: the text is `Decimal`'s own
/// (`d.normalize().to_string()`), written from the integer and the scale directly, because an
/// evaluation CSV prints a million decimals and `Display` went through a formatter for each.
pub fn write_decimal(out: &mut String, d: Decimal) {
    let d = d.normalize();
    let scale = d.scale() as usize;
    let mantissa = d.mantissa();
    if mantissa == 0 {
        out.push('0');
        return;
    }
    if mantissa < 0 {
        out.push('-');
    }
    // At most 29 digits (a 96-bit integer); written from the last, in two u64 halves so that
    // only one division is 128-bit.
    let mut buf = [b'0'; 40];
    let mut at = buf.len();
    let mut rest = mantissa.unsigned_abs();
    const HALF: u128 = 10_000_000_000_000_000_000; // 10^19
    loop {
        let (high, mut low) = if rest >= HALF {
            (rest / HALF, (rest % HALF) as u64)
        } else {
            (0, rest as u64)
        };
        let mut written = 0;
        while low > 0 || (high > 0 && written < 19) {
            at -= 1;
            if let Some(b) = buf.get_mut(at) {
                *b = b'0' + (low % 10) as u8;
            }
            low /= 10;
            written += 1;
        }
        rest = high;
        if rest == 0 {
            break;
        }
    }
    // ASCII digits only, so always UTF-8.
    let digits = std::str::from_utf8(buf.get(at..).unwrap_or_default()).unwrap_or_default();
    if scale == 0 {
        out.push_str(digits);
    } else if digits.len() > scale {
        let (int, frac) = digits.split_at(digits.len() - scale);
        out.push_str(int);
        out.push('.');
        out.push_str(frac);
    } else {
        out.push_str("0.");
        for _ in digits.len()..scale {
            out.push('0');
        }
        out.push_str(digits);
    }
}

/// A decimal printed for people, with thousands separators: `300000` → `300,000`,
/// `38300.5` → `38,300.5`, `-1234` → `-1,234`. [`parse_quantity`] reads it back.
pub fn format_grouped(d: Decimal) -> String {
    let plain = format_decimal(d);
    let (sign, unsigned) = match plain.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", plain.as_str()),
    };
    let (int, frac) = match unsigned.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (unsigned, None),
    };
    let mut out = String::with_capacity(plain.len() + plain.len() / 3);
    out.push_str(sign);
    let len = int.len();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (len - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Character classes.

/// Folds one character the way NFKC does for the characters of value cells, one for one (so
/// that a position in the folded text is a column of the input): full-width ASCII and the
/// ideographic space as [`fold_width`] folds them, the wave dash to `~`, and hyphens, dashes
/// and the minus sign to `-`.
fn fold_value_char(c: char) -> char {
    match c {
        '〜' | '∼' => '~',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        _ => fold_width(c),
    }
}

/// A dash that stands for "no value" when it does not touch a digit (`ー` is the long-vowel
/// mark that PDF text often has in place of a dash; it is never a minus sign).
fn is_dash(c: char) -> bool {
    matches!(c, '-' | 'ー' | '─' | '━')
}

fn is_tilde(c: char) -> bool {
    c == '~'
}

/// Words that end a unit: they are marks of their own.
const UNIT_STOP_WORDS: &[&str] = &["以上", "以下", "未満", "超", "程度", "前後", "累計", "単年"];

/// Words that stand for no value.
const NO_VALUE_WORDS: &[&str] = &["該当なし", "なし", "無し", "未定"];

/// Words of approximation before a number, kept in the note.
const APPROX_PREFIXES: &[&str] = &["約", "およそ", "概ね", "おおむね"];

/// Words after a value that only qualify it, kept in the note.
const NOTE_SUFFIXES: &[&str] = &["未満", "超", "程度", "前後"];

/// The exponent of a scale word's character: small words multiply a big one (`千億`).
fn small_scale(c: char) -> Option<u32> {
    match c {
        '千' => Some(3),
        '百' => Some(2),
        _ => None,
    }
}

fn big_scale(c: char) -> Option<u32> {
    match c {
        '兆' => Some(12),
        '億' => Some(8),
        '万' => Some(4),
        _ => None,
    }
}

/// The scale word a unit starts with, and the base after it: `百万円` → (6, `円`).
fn split_scale(unit: &str) -> (u32, &str) {
    let mut exp = 0;
    let mut rest = unit;
    let mut chars = rest.chars();
    if let Some(e) = chars.next().and_then(small_scale) {
        exp += e;
        rest = chars.as_str();
    }
    let mut chars = rest.chars();
    if let Some(e) = chars.next().and_then(big_scale) {
        exp += e;
        rest = chars.as_str();
    }
    (exp, rest)
}

// ---------------------------------------------------------------------------------------------
// Exact arithmetic.

/// `d × 10^k`, exactly, or `None` if that does not fit a `Decimal`.
fn shift(d: Decimal, k: i64) -> Option<Decimal> {
    if d.is_zero() {
        return Some(Decimal::ZERO);
    }
    let d = d.normalize();
    let scale = i64::from(d.scale()) - k;
    if scale >= 0 {
        let scale = u32::try_from(scale).ok()?;
        Decimal::try_from_i128_with_scale(d.mantissa(), scale).ok()
    } else {
        let factor = 10i128.checked_pow(u32::try_from(-scale).ok()?)?;
        let m = d.mantissa().checked_mul(factor)?;
        Decimal::try_from_i128_with_scale(m, 0).ok()
    }
}

/// `a + b`, exactly (`Decimal`'s own addition rounds when the digits do not fit).
fn exact_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let scale = a.scale().max(b.scale());
    let up = |d: Decimal| {
        10i128
            .checked_pow(scale - d.scale())
            .and_then(|f| d.mantissa().checked_mul(f))
    };
    let sum = up(a)?.checked_add(up(b)?)?;
    let mut r = Decimal::try_from_i128_with_scale(sum, scale).ok()?;
    if r.scale() > 0 && r.is_zero() {
        r = Decimal::ZERO;
    }
    Some(r)
}

// ---------------------------------------------------------------------------------------------
// The parser: prefixes, the core (number or no-value mark, then unit), suffixes.

struct Parser<'a> {
    input: &'a str,
    /// The folded input, one char per input char.
    chars: Vec<char>,
    pos: usize,
    q: Quantity,
    notes: Vec<String>,
    /// Where the `(` of a bracketed number `(1,229)` is, until its `)` is read.
    open_bracket: Option<usize>,
}

impl Parser<'_> {
    fn run(mut self) -> Result<Quantity, QuantityError> {
        self.skip_space();
        if self.at_end() {
            return Ok(self.q);
        }
        self.prefixes()?;
        self.core()?;
        self.suffixes()?;
        if let Some(open) = self.open_bracket {
            return Err(self.error(QuantityErrorKind::Unclosed, open));
        }
        if !self.notes.is_empty() {
            self.q.note = Some(self.notes.join(" "));
        }
        Ok(self.q)
    }

    fn error(&self, kind: QuantityErrorKind, at: usize) -> QuantityError {
        QuantityError {
            input: self.input.chars().take(40).collect(),
            column: at + 1,
            kind,
        }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn char_at(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }

    fn digit_at(&self, i: usize) -> bool {
        self.char_at(i).is_some_and(|c| c.is_ascii_digit())
    }

    fn starts_with_at(&self, i: usize, word: &str) -> bool {
        word.chars()
            .enumerate()
            .all(|(k, w)| self.char_at(i + k) == Some(w))
    }

    /// Consumes `word` if the text continues with it.
    fn eat(&mut self, word: &str) -> bool {
        if self.starts_with_at(self.pos, word) {
            self.pos += word.chars().count();
            true
        } else {
            false
        }
    }

    /// Consumes the first of `words` the text continues with, and returns it.
    fn eat_any(&mut self, words: &[&'static str]) -> Option<&'static str> {
        words.iter().copied().find(|w| self.eat(w))
    }

    fn skip_space(&mut self) {
        while self.peek().is_some_and(is_space) {
            self.pos += 1;
        }
    }

    /// True if a number (with its sign) starts at `i`.
    fn number_starts_at(&self, i: usize) -> bool {
        match self.char_at(i) {
            Some(c) if c.is_ascii_digit() => true,
            Some('△' | '▲') => true,
            Some('-' | '+') => self.digit_at(i + 1),
            _ => false,
        }
    }

    fn set_comparator(&mut self, c: Comparator, at: usize) -> Result<(), QuantityError> {
        if self.q.comparator != Comparator::Exact && self.q.comparator != c {
            return Err(self.error(QuantityErrorKind::Conflict, at));
        }
        self.q.comparator = c;
        Ok(())
    }

    fn set_window(&mut self, w: Window, at: usize) -> Result<(), QuantityError> {
        if self.q.window.is_some_and(|old| old != w) {
            return Err(self.error(QuantityErrorKind::Conflict, at));
        }
        self.q.window = Some(w);
        Ok(())
    }

    /// Marks before the number: `約`, `≧`, `累計`, `(累計)`, or the `(` of `(1,229)`.
    fn prefixes(&mut self) -> Result<(), QuantityError> {
        loop {
            self.skip_space();
            let at = self.pos;
            if let Some(w) = self.eat_any(APPROX_PREFIXES) {
                self.notes.push(w.to_owned());
            } else if self.eat("≧") || self.eat("≥") {
                self.set_comparator(Comparator::AtLeast, at)?;
            } else if self.eat("≦") || self.eat("≤") {
                self.set_comparator(Comparator::AtMost, at)?;
            } else if self.eat("累計") || self.eat("延べ") {
                // `延べ 3`: a total over the period, as `累計`.
                self.q.cumulative = true;
            } else if self.eat("単年度") || self.eat("単年") {
                self.q.annual = true;
            } else if self.peek() == Some('(') {
                let mut inner = at + 1;
                while self.char_at(inner).is_some_and(is_space) {
                    inner += 1;
                }
                let window = self.chars.get(inner..).and_then(window_years).is_some();
                if self.open_bracket.is_none() && !window && self.number_starts_at(inner) {
                    self.open_bracket = Some(at);
                    self.q.bracketed = true;
                    self.pos = inner;
                    return Ok(());
                }
                self.bracket_group()?;
            } else {
                return Ok(());
            }
        }
    }

    /// The number (or the mark of no value) and its unit.
    fn core(&mut self) -> Result<(), QuantityError> {
        if self.eat_any(NO_VALUE_WORDS).is_some() {
            self.q.no_value_word = true;
            return Ok(());
        }
        let dash = self.peek().is_some_and(is_dash);
        if dash && !(self.peek() == Some('-') && self.digit_at(self.pos + 1)) {
            while self.peek().is_some_and(is_dash) {
                self.pos += 1;
            }
            self.skip_space();
            self.q.unit = Unit::new(&self.unit_run());
            return Ok(());
        }
        let negative = match self.peek() {
            Some('△' | '▲') => {
                self.pos += 1;
                self.skip_space();
                true
            }
            Some('-') => {
                self.pos += 1;
                true
            }
            Some('+') if self.digit_at(self.pos + 1) => {
                self.pos += 1;
                false
            }
            _ => false,
        };
        if !self.digit_at(self.pos) {
            return Err(self.error(QuantityErrorKind::NoNumber, self.pos));
        }

        // A compound number: each part but the last is followed by a scale word and a digit.
        let mut parts: Vec<(Decimal, u32, usize)> = Vec::new();
        let (mut last, last_at) = loop {
            let part_at = self.pos;
            let n = self.number()?;
            let (exp, len) = self.scale_word_at(self.pos);
            if len > 0 && self.digit_at(self.pos + len) {
                parts.push((n, exp, part_at));
                self.pos += len;
            } else {
                break (n, part_at);
            }
        };
        self.skip_space();
        let run = self.unit_run();
        let mut unit = Unit::new(&run);
        // `1千億円` is 1000 億円, but `142百万円` stays in the known unit 百万円.
        let mut run_chars = run.chars();
        let first = run_chars.next();
        let rest = run_chars.as_str();
        // After a larger part, `千` or `百` alone is a digit's place, not a unit's scale:
        // `2万1千人` is 21000 人 (and `1億5百万円` keeps the unit 百万円, as above).
        if let Some(small) = first.and_then(small_scale) {
            let big_next = rest.chars().next().and_then(big_scale).is_some();
            if (big_next && !unit.is_known()) || (!big_next && !parts.is_empty()) {
                last = shift(last, i64::from(small))
                    .ok_or_else(|| self.error(QuantityErrorKind::OutOfRange, last_at))?;
                unit = Unit::new(rest);
            }
        }
        let unit_exp = split_scale(unit.as_str()).0;

        let mut total = Decimal::ZERO;
        let mut upper: Option<u32> = None;
        let terms = parts
            .into_iter()
            .chain(std::iter::once((last, unit_exp, last_at)));
        for (n, exp, at) in terms {
            if let Some(upper) = upper {
                // Each part must be smaller than one of the scale word before it (a part too
                // small to shift is certainly smaller).
                let fits = exp < upper
                    && shift(n, i64::from(exp) - i64::from(upper)).is_none_or(|r| r < Decimal::ONE);
                if !fits {
                    return Err(self.error(QuantityErrorKind::BadNumber, at));
                }
            }
            upper = Some(exp);
            let term = shift(n, i64::from(exp) - i64::from(unit_exp))
                .ok_or_else(|| self.error(QuantityErrorKind::OutOfRange, at))?;
            total = exact_add(total, term)
                .ok_or_else(|| self.error(QuantityErrorKind::OutOfRange, at))?;
        }
        if negative && !total.is_zero() {
            total = -total;
        }
        self.q.value = Some(total);
        self.q.unit = unit;
        Ok(())
    }

    /// A scale word (`兆`, `千億`, `百万`, …) at `i`: its exponent and length.
    fn scale_word_at(&self, i: usize) -> (u32, usize) {
        let mut exp = 0;
        let mut len = 0;
        if let Some(e) = self.char_at(i).and_then(small_scale) {
            exp += e;
            len += 1;
        }
        if let Some(e) = self.char_at(i + len).and_then(big_scale) {
            exp += e;
            len += 1;
        }
        (exp, len)
    }

    /// Digits with `,` between groups of three and at most one `.`; no sign.
    fn number(&mut self) -> Result<Decimal, QuantityError> {
        let start = self.pos;
        while self
            .peek()
            .is_some_and(|c| c.is_ascii_digit() || c == ',' || c == '.')
        {
            self.pos += 1;
        }
        let run: String = self.chars[start..self.pos].iter().collect();
        let bad = |p: &Self| p.error(QuantityErrorKind::BadNumber, start);
        let (int, frac) = match run.split_once('.') {
            Some((i, f)) => (i, f),
            None => (run.as_str(), ""),
        };
        let frac_ok =
            !run.contains('.') || (!frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()));
        let mut groups = int.split(',');
        let first_ok = groups.next().is_some_and(|g| {
            !g.is_empty()
                && g.bytes().all(|b| b.is_ascii_digit())
                && (!int.contains(',') || g.len() <= 3)
        });
        let rest_ok = groups.all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
        if !(frac_ok && first_ok && rest_ok) {
            return Err(bad(self));
        }
        // Trailing zeros of the fraction say nothing about the value; dropping them lets
        // `0.5000…0` with many zeros still be held exactly.
        let frac = frac.trim_end_matches('0');
        let out_of_range = |p: &Self| p.error(QuantityErrorKind::OutOfRange, start);
        let mut mantissa: i128 = 0;
        for b in int.bytes().filter(u8::is_ascii_digit).chain(frac.bytes()) {
            mantissa = mantissa
                .checked_mul(10)
                .and_then(|m| m.checked_add(i128::from(b - b'0')))
                .ok_or_else(|| out_of_range(self))?;
        }
        let scale = u32::try_from(frac.len()).map_err(|_| out_of_range(self))?;
        Decimal::try_from_i128_with_scale(mantissa, scale).map_err(|_| out_of_range(self))
    }

    /// The unit after a number or a dash: up to a space, a bracket, a mark word or a
    /// `/3年`-style window. Digits belong to it only right after a Latin letter (`km2`,
    /// `t-CO2`).
    fn unit_run(&mut self) -> String {
        let start = self.pos;
        let mut out = String::new();
        while let Some(c) = self.peek() {
            let prev = (self.pos > start)
                .then(|| self.char_at(self.pos - 1))
                .flatten();
            let after_letter = prev.is_some_and(|p| p.is_ascii_alphanumeric());
            let stop = is_space(c)
                || "()[]【】「」,.~:;、。*※△▲≧≦".contains(c)
                || (c.is_ascii_digit() && !after_letter)
                || (c == '/'
                    && (self.digit_at(self.pos + 1) || self.char_at(self.pos + 1) == Some('年')))
                || (c == '-'
                    && !(after_letter
                        && self
                            .char_at(self.pos + 1)
                            .is_some_and(|n| n.is_ascii_alphabetic())))
                || matches!(c, '─' | '━')
                || UNIT_STOP_WORDS
                    .iter()
                    .any(|w| self.starts_with_at(self.pos, w));
            if stop {
                break;
            }
            out.push(c);
            self.pos += 1;
        }
        out
    }

    /// Marks after the value: comparators, windows, `累計`, `単年`, notes; the `)` of a
    /// bracketed number.
    fn suffixes(&mut self) -> Result<(), QuantityError> {
        loop {
            self.skip_space();
            let at = self.pos;
            let Some(c) = self.peek() else {
                return Ok(());
            };
            if c == ')' && self.open_bracket.is_some() {
                self.pos += 1;
                self.open_bracket = None;
            } else if c == '(' {
                self.bracket_group()?;
            } else if self.eat("以上") {
                self.set_comparator(Comparator::AtLeast, at)?;
            } else if self.eat("以下") {
                self.set_comparator(Comparator::AtMost, at)?;
            } else if let Some(w) = self.eat_any(NOTE_SUFFIXES) {
                self.notes.push(w.to_owned());
            } else if self.eat("累計") {
                self.q.cumulative = true;
            } else if self.eat("単年度") || self.eat("単年") {
                self.q.annual = true;
            } else if c == '/' {
                self.slash_mark()?;
            } else if c == '*' || c == '※' {
                // A note mark (`*`, `※1`) pointing to a footnote.
                self.pos += 1;
                while self.digit_at(self.pos) {
                    self.pos += 1;
                }
                self.notes.push(self.chars[at..self.pos].iter().collect());
            } else if let Some((a, b, len)) = window_years(&self.chars[self.pos..]) {
                let p = Period::fiscal_years(a, b)
                    .map_err(|_| self.error(QuantityErrorKind::BadWindow, at))?;
                self.pos += len;
                self.set_window(Window::Years(p), at)?;
            } else {
                return Err(self.error(QuantityErrorKind::TrailingText, at));
            }
        }
    }

    /// `/3年` (a window length) or `/年` (an annual flow); `年間` and `年度` are read alike.
    fn slash_mark(&mut self) -> Result<(), QuantityError> {
        let at = self.pos;
        self.pos += 1;
        let digits_at = self.pos;
        while self.digit_at(self.pos) {
            self.pos += 1;
        }
        let digits: String = self.chars[digits_at..self.pos].iter().collect();
        if !self.eat("年") {
            return Err(self.error(QuantityErrorKind::TrailingText, at));
        }
        if !self.eat("間") {
            self.eat("度");
        }
        if digits.is_empty() {
            self.q.annual = true;
            return Ok(());
        }
        match digits.parse::<u32>() {
            Ok(n) if n > 0 => self.set_window(Window::Length(n), at),
            _ => Err(self.error(QuantityErrorKind::BadWindow, digits_at)),
        }
    }

    /// A bracketed group at `(`: `(累計)`, `(単年)`, `(年間)`, a window `(2022～2026)`, or a
    /// note.
    fn bracket_group(&mut self) -> Result<(), QuantityError> {
        let open = self.pos;
        let mut depth = 0usize;
        let mut close = None;
        for (i, &c) in self.chars.iter().enumerate().skip(open) {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        close = Some(i);
                        break;
                    }
                }
                _ => {}
            }
        }
        let Some(close) = close else {
            return Err(self.error(QuantityErrorKind::Unclosed, open));
        };
        self.pos = close + 1;
        let inner = &self.chars[open + 1..close];
        let first = inner
            .iter()
            .position(|&c| !is_space(c))
            .unwrap_or(inner.len());
        let last = inner
            .iter()
            .rposition(|&c| !is_space(c))
            .map_or(first, |i| i + 1);
        let inner = &inner[first..last.max(first)];
        let text: String = inner.iter().collect();
        match text.as_str() {
            "" => {}
            "累計" => self.q.cumulative = true,
            "単年" | "単年度" | "年間" => self.q.annual = true,
            _ => match window_years(inner) {
                Some((a, b, len)) if len == inner.len() => {
                    let p = Period::fiscal_years(a, b)
                        .map_err(|_| self.error(QuantityErrorKind::BadWindow, open + 1 + first))?;
                    self.set_window(Window::Years(p), open)?;
                }
                _ => self.notes.push(text),
            },
        }
        Ok(())
    }
}

/// `2022～2026` or `2018-2021` (four-digit years, spaces allowed around the sign) at the start
/// of `s`: the years and the length read.
fn window_years(s: &[char]) -> Option<(i32, i32, usize)> {
    let year = |from: usize| -> Option<i32> {
        let digits = s.get(from..from + 4)?;
        if !digits.iter().all(char::is_ascii_digit)
            || s.get(from + 4).is_some_and(char::is_ascii_digit)
        {
            return None;
        }
        digits.iter().collect::<String>().parse().ok()
    };
    let skip = |mut i: usize| {
        while s.get(i).is_some_and(|&c| is_space(c)) {
            i += 1;
        }
        i
    };
    let a = year(0)?;
    let i = skip(4);
    let sep = *s.get(i)?;
    if !(is_tilde(sep) || sep == '-') {
        return None;
    }
    let j = skip(i + 1);
    let b = year(j)?;
    Some((a, b, j + 4))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    fn parse(input: &str) -> Quantity {
        parse_quantity(input).unwrap_or_else(|e| panic!("{input:?}: {e}"))
    }

    /// Parses `input` and checks its value and unit; returns the rest for further checks.
    fn check(input: &str, value: Option<&str>, unit: &str) -> Quantity {
        let q = parse(input);
        assert_eq!(q.value, value.map(dec), "value of {input:?}");
        assert_eq!(q.unit.as_str(), unit, "unit of {input:?}");
        q
    }

    fn check_err(input: &str, kind: QuantityErrorKind) {
        assert_eq!(
            parse_quantity(input).map_err(|e| e.kind),
            Err(kind),
            "{input:?}"
        );
    }

    fn fy(a: i32, b: i32) -> Option<Window> {
        Some(Window::Years(Period::FiscalYears { start: a, end: b }))
    }

    /// `(written cell, indicator unit, value taken)`; `None`: refused as another unit.
    #[test]
    fn a_value_in_the_indicators_own_unit_is_its_number() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("22.5%", "%", Some("22.5")),
            ("２２．５％", "%", Some("22.5")),
            ("22.5 %", "％", Some("22.5")),
            ("27件", "件", Some("27")),
            ("27", "件", Some("27")),
            ("3 km", "ｋｍ", Some("3")),
            ("1億5,000万円", "億円", Some("1.5")),
            ("1.5億円", "万円", Some("15000")),
            ("3千人", "人", Some("3000")),
            ("22.5kg", "%", None),
            ("22.5%", "ポイント", None),
            ("27件", "", None),
            ("27件", "人", None),
            ("3km", "m", None),
        ];
        for &(cell, own, want) in cases {
            let q = parse(cell);
            let got = q
                .value
                .map(|v| Unit::new(own).value_from(v, &q.unit))
                .and_then(Result::ok);
            assert_eq!(got, want.map(dec), "{cell:?} for an indicator in {own:?}");
        }
    }

    #[test]
    fn a_conversion_that_does_not_fit_is_out_of_range_not_another_unit() {
        let big = dec("79228162514264337593543950335");
        assert_eq!(
            Unit::new("円").value_from(big, &Unit::new("兆円")),
            Err(UnitMismatch::OutOfRange)
        );
    }

    #[test]
    fn money_keeps_its_scale_unit() {
        check("38,300万円", Some("38300"), "万円");
        check("98.1億円", Some("98.1"), "億円");
        check("98.1 億円", Some("98.1"), "億円");
        check("1.9 兆円", Some("1.9"), "兆円");
        check("142百万円", Some("142"), "百万円");
        check("1,993万円/人", Some("1993"), "万円/人");
    }

    #[test]
    fn compound_numbers_are_held_in_the_last_unit_printed() {
        check("1兆5,000億円", Some("15000"), "億円");
        check("12兆4,800億円", Some("124800"), "億円");
        check("9兆1千億円", Some("91000"), "億円");
        check("1千億円", Some("1000"), "億円");
        check("1億5百万円", Some("105"), "百万円");
        check("1万5件", Some("10005"), "件");
        check("2万1千人", Some("21000"), "人");
        check("3万2千", Some("32000"), "");
        check("1億2千万円", Some("12000"), "万円");
        check("4万5百件", Some("40500"), "件");
        // Alone, a small scale word before the unit is the unit's own (`千人` columns).
        check("1,250千人", Some("1250"), "千人");
    }

    #[test]
    fn compound_parts_out_of_order_are_rejected() {
        check_err("1兆15,000億円", QuantityErrorKind::BadNumber);
        check_err("5億1兆円", QuantityErrorKind::BadNumber);
    }

    #[test]
    fn windows_with_years_are_fiscal_year_windows() {
        let q = check("300,000万円 (2022～2026)", Some("300000"), "万円");
        assert_eq!(q.window, fy(2022, 2026));
        assert_eq!(
            check("125件 (2022～2026)", Some("125"), "件").window,
            fy(2022, 2026)
        );
        assert_eq!(
            check("1,200件 (2022～2026)", Some("1200"), "件").window,
            fy(2022, 2026)
        );
        assert_eq!(
            check("56件 (2018〜2021)", Some("56"), "件").window,
            fy(2018, 2021)
        );
        assert_eq!(
            check("56件（2018～2021）", Some("56"), "件").window,
            fy(2018, 2021)
        );
        assert_eq!(
            check("56件 2018-2021", Some("56"), "件").window,
            fy(2018, 2021)
        );
        assert_eq!(
            check("56件(2018 ～ 2021)", Some("56"), "件").window,
            fy(2018, 2021)
        );
    }

    #[test]
    fn window_lengths_come_from_slash_years() {
        let q = check("15件/3年", Some("15"), "件");
        assert_eq!(q.window, Some(Window::Length(3)));
        assert!(!q.annual);
        assert_eq!(
            check("115億円/3年", Some("115"), "億円").window,
            Some(Window::Length(3))
        );
    }

    #[test]
    fn bad_windows_are_rejected() {
        check_err("5件 (2026～2022)", QuantityErrorKind::BadWindow);
        check_err("5件/0年", QuantityErrorKind::BadWindow);
        check_err("5件 (2022～2026) /3年", QuantityErrorKind::Conflict);
    }

    #[test]
    fn comparators_follow_the_value() {
        assert_eq!(
            check("98%以上", Some("98"), "%").comparator,
            Comparator::AtLeast
        );
        assert_eq!(
            check("98％以上", Some("98"), "%").comparator,
            Comparator::AtLeast
        );
        assert_eq!(
            check("98 %以上", Some("98"), "%").comparator,
            Comparator::AtLeast
        );
        assert_eq!(
            check("5件以上", Some("5"), "件").comparator,
            Comparator::AtLeast
        );
        assert_eq!(
            check("30万人以上", Some("30"), "万人").comparator,
            Comparator::AtLeast
        );
        assert_eq!(
            check("10件以下", Some("10"), "件").comparator,
            Comparator::AtMost
        );
        assert_eq!(
            check("≧98%", Some("98"), "%").comparator,
            Comparator::AtLeast
        );
        assert_eq!(
            check("19.3%", Some("19.3"), "%").comparator,
            Comparator::Exact
        );
        check_err("5件以上以下", QuantityErrorKind::Conflict);
    }

    #[test]
    fn spaces_and_full_width_forms_mean_the_same() {
        check("15 件", Some("15"), "件");
        check("１５件", Some("15"), "件");
        check("１，２００．５　件", Some("1200.5"), "件");
        check("3.5km", Some("3.5"), "km");
        check("3.5 Km", Some("3.5"), "km");
        check("3.5ｋｍ", Some("3.5"), "km");
        check("12ｈａ", Some("12"), "ha");
    }

    #[test]
    fn dashes_alone_are_no_value() {
        for dash in ["—", "―", "－", "-", "‐", "ー", "--"] {
            let q = check(dash, None, "");
            assert!(!q.no_value_word, "{dash}");
        }
        check("- Km", None, "km");
        check("- 件", None, "件");
        check("―", None, "");
    }

    #[test]
    fn words_of_no_value_are_flagged() {
        for word in ["なし", "該当なし", "未定"] {
            assert!(check(word, None, "").no_value_word, "{word}");
        }
    }

    #[test]
    fn empty_text_is_no_value() {
        for blank in ["", "   ", "\u{3000}"] {
            assert_eq!(parse(blank), Quantity::default(), "{blank:?}");
        }
    }

    #[test]
    fn negative_signs_touch_the_number() {
        check("△5", Some("-5"), "");
        check("▲5", Some("-5"), "");
        check("▲ 1.5億円", Some("-1.5"), "億円");
        check("-5件", Some("-5"), "件");
        check("－5件", Some("-5"), "件");
        check("+2.3%", Some("2.3"), "%");
        check("-0", Some("0"), "");
        check_err("- 5", QuantityErrorKind::TrailingText);
    }

    #[test]
    fn zero_is_a_value() {
        check("0件", Some("0"), "件");
        check("0 %", Some("0"), "%");
    }

    #[test]
    fn cumulative_and_annual_marks_are_read() {
        assert!(check("123件（累計）", Some("123"), "件").cumulative);
        assert!(check("123件(累計)", Some("123"), "件").cumulative);
        assert!(check("(累計)123件", Some("123"), "件").cumulative);
        assert!(check("累計 123件", Some("123"), "件").cumulative);
        assert!(check("延べ 40", Some("40"), "").cumulative);
        let q = check("21件(単年)", Some("21"), "件");
        assert!(q.annual && !q.cumulative && q.note.is_none());
        assert!(check("10人/年", Some("10"), "人").annual);
        assert!(check("10人(年間)", Some("10"), "人").annual);
        assert!(check("10人 単年", Some("10"), "人").annual);
    }

    #[test]
    fn unknown_bracketed_text_is_kept_as_a_note() {
        assert_eq!(
            check("41件（R1.8）", Some("41"), "件").note.as_deref(),
            Some("R1.8")
        );
        assert_eq!(
            check("67億円 (H30)", Some("67"), "億円").note.as_deref(),
            Some("H30")
        );
        assert_eq!(check("5件 ※1", Some("5"), "件").note.as_deref(), Some("※1"));
    }

    #[test]
    fn approximations_are_noted() {
        assert_eq!(
            check("約100件", Some("100"), "件").note.as_deref(),
            Some("約")
        );
        assert_eq!(
            check("約70社", Some("70"), "社").note.as_deref(),
            Some("約")
        );
        assert_eq!(
            check("100件程度", Some("100"), "件").note.as_deref(),
            Some("程度")
        );
    }

    #[test]
    fn bracketed_numbers_are_flagged_not_negative() {
        let q = check("(1,229)", Some("1229"), "");
        assert!(q.bracketed && q.note.is_none());
        assert!(check("（1,229件）", Some("1229"), "件").bracketed);
        assert!(!check("1,229", Some("1229"), "").bracketed);
        check_err("(1,229", QuantityErrorKind::Unclosed);
    }

    #[test]
    fn malformed_numbers_are_rejected() {
        check_err("1,2,3,,件", QuantityErrorKind::BadNumber);
        check_err("1.2.3件", QuantityErrorKind::BadNumber);
        check_err("1,2345件", QuantityErrorKind::BadNumber);
        check_err("1234,567件", QuantityErrorKind::BadNumber);
        check_err("1.件", QuantityErrorKind::BadNumber);
        check_err("1,200,", QuantityErrorKind::BadNumber);
    }

    #[test]
    fn text_without_a_number_is_rejected() {
        check_err("abc", QuantityErrorKind::NoNumber);
        check_err("件", QuantityErrorKind::NoNumber);
        check_err("約", QuantityErrorKind::NoNumber);
        check_err("H30", QuantityErrorKind::NoNumber);
    }

    #[test]
    fn text_after_the_value_must_be_a_known_mark() {
        check_err("41件/45件", QuantityErrorKind::TrailingText);
        check_err("5件 abc", QuantityErrorKind::TrailingText);
    }

    #[test]
    fn numbers_beyond_decimal_range_are_errors_not_rounding() {
        check_err(
            "99999999999999999999999999999999",
            QuantityErrorKind::OutOfRange,
        );
        check_err(
            "9999999999999999999999999兆1円",
            QuantityErrorKind::OutOfRange,
        );
        check_err(
            "1兆0.00000000000000000000000001億円",
            QuantityErrorKind::OutOfRange,
        );
        check("0.1000000000000000000000000000000000", Some("0.1"), "");
    }

    #[test]
    fn errors_say_where_and_what_was_expected() {
        let Err(e) = parse_quantity("41件/45件") else {
            panic!("41件/45件 parsed")
        };
        assert_eq!(e.column, 4);
        let msg = e.to_string();
        assert!(
            msg.contains("41件/45件") && msg.contains("column 4"),
            "{msg}"
        );
        let Err(e) = parse_quantity("１，２") else {
            panic!("１，２ parsed")
        };
        assert_eq!((e.kind, e.column), (QuantityErrorKind::BadNumber, 1));
        assert!(e.to_string().contains("1,200"));
    }

    #[test]
    fn units_are_normalised() {
        assert_eq!(Unit::new("Km").as_str(), "km");
        assert_eq!(Unit::new("ＫＭ").as_str(), "km");
        assert_eq!(Unit::new("ｈａ").as_str(), "ha");
        assert_eq!(Unit::new("％").as_str(), "%");
        assert_eq!(Unit::new("万円 / 人").as_str(), "万円/人");
        assert_eq!(Unit::new("㎞").as_str(), "km");
        assert!(Unit::new("件").is_known());
        assert!(Unit::new("").is_known());
        assert!(!Unit::new("ダース").is_known());
        for u in KNOWN_UNITS {
            assert_eq!(Unit::new(u).as_str(), *u, "known units are canonical");
        }
    }

    #[test]
    fn animals_counted_by_the_head_are_in_a_known_unit() {
        // `捕獲頭数(頭/年)`, `飼養頭数`: 頭 counts animals as 人 counts people.
        assert!(Unit::new("頭").is_known());
        let q = parse_quantity("1,250頭").unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(q.unit.as_str(), "頭");
    }

    #[test]
    fn unknown_units_are_still_read() {
        let q = check("3ダース", Some("3"), "ダース");
        assert!(!q.unit.is_known());
        check("2t-CO2", Some("2"), "t-CO2");
    }

    #[test]
    fn units_convert_within_their_scale_family() {
        let u = Unit::new;
        assert_eq!(
            Unit::convert(dec("1.5"), &u("兆円"), &u("億円")),
            Some(dec("15000"))
        );
        assert_eq!(
            Unit::convert(dec("1"), &u("万円"), &u("億円")),
            Some(dec("0.0001"))
        );
        assert_eq!(
            Unit::convert(dec("142"), &u("百万円"), &u("万円")),
            Some(dec("14200"))
        );
        assert_eq!(
            Unit::convert(dec("30"), &u("万人"), &u("人")),
            Some(dec("300000"))
        );
        assert_eq!(
            Unit::convert(dec("2"), &u("千t"), &u("t")),
            Some(dec("2000"))
        );
        assert_eq!(Unit::convert(dec("7"), &u("件"), &u("件")), Some(dec("7")));
        assert_eq!(Unit::convert(dec("7"), &u("件"), &u("人")), None);
        assert_eq!(Unit::convert(dec("7"), &u("万円"), &u("万円/人")), None);
        assert_eq!(Unit::convert(Decimal::MAX, &u("兆円"), &u("円")), None);
        assert_eq!(
            Unit::convert(dec("1"), &u("円"), &u("兆円")),
            Some(dec("0.000000000001"))
        );
    }

    #[test]
    fn quantity_value_in_converts() {
        let q = parse("1.9 兆円");
        assert_eq!(q.value_in(&Unit::new("億円")), Some(dec("19000")));
        assert_eq!(q.value_in(&Unit::new("件")), None);
    }

    #[test]
    fn decimals_print_without_trailing_zeros() {
        assert_eq!(format_decimal(dec("98.10")), "98.1");
        assert_eq!(format_decimal(dec("125.0")), "125");
        assert_eq!(format_decimal(dec("-0.0")), "0");
        assert_eq!(format_decimal(dec("0.0001")), "0.0001");
    }

    #[test]
    fn grouped_decimals_have_thousands_separators() {
        assert_eq!(format_grouped(dec("300000")), "300,000");
        assert_eq!(format_grouped(dec("38300.5")), "38,300.5");
        assert_eq!(format_grouped(dec("-1234")), "-1,234");
        assert_eq!(format_grouped(dec("999")), "999");
        assert_eq!(format_grouped(dec("-999.50")), "-999.5");
        assert_eq!(format_grouped(dec("1000000")), "1,000,000");
        assert_eq!(format_grouped(Decimal::ZERO), "0");
    }

    #[test]
    fn printed_value_cells_parse() {
        // Value cells as plan documents print them in their target tables: a count with its
        // counter word, a span of years after the value, a dash for none, a percentage, 万円
        // and 億円 with thousands separators, a count per period.
        for cell in [
            "25件",
            "125件 (2022～2026)",
            "—",
            "6件 (2022～2026)",
            "35台",
            "13.4%",
            "38,300万円 (2018～2021)",
            "7,500件 (2022～2026)",
            "862件 (2018～2021)",
            "15件/3年",
            "210件/3年",
            "98.1億円",
            "115億円/3年",
            "21件(単年)",
            "3.5 Km",
            "- Km",
            "30 Km",
            "0 %",
            "98 %以上",
            "1 箇所",
            "15 件",
            "1,993",
            "1.9",
            "(1,597)",
            "99.99%以上",
        ] {
            assert!(parse_quantity(cell).is_ok(), "{cell}");
        }
    }
}
