//! Japanese era years (和暦): the one place that reads and writes them.
//!
//! Plans date everything in era years, and write the same period in a dozen ways: `令和元年度`,
//! `平成31年度`, `令和5年度（2023年度）`, `2021（令和3）年`, `H30`, `R元年度・年`, `R1.8`,
//! `H26-29`, `(2022～2026)`, with full-width digits and brackets and stray spaces. Everything
//! downstream wants a [`Period`], so [`parse_period`] turns any of these (and the canonical
//! `FY2023` forms, which it hands to [`Period::parse`]) into one, and [`format_ja`],
//! [`format_en`] and [`format_short`] turn a period back into what people read.
//!
//! Guarantees:
//! - [`parse_period`] never panics and returns a [`PeriodError`] for anything it cannot read
//!   with certainty; numbers are read with checked arithmetic and inputs are length-capped.
//! - `parse_period(&format_ja(p)) == Ok(p)` and `parse_period(&format_short(p)) == Ok(p)` for
//!   every valid period (`tests/era_props.rs` checks it).
//! - A gloss in brackets (`令和5年（2023年）`, `2016（平成28）年度`) must agree with what it glosses;
//!   a disagreement is an error, never a silent choice of one side.
//!
//! How the documents' conventions are read:
//! - 年度 is a fiscal year, 年 a calendar year. A bare era year (`H30`, `R元`), a bare Western
//!   window (`2022～2026`) and the table header `年度・年` mean the fiscal year (DESIGN.md, Time).
//!   A bare Western year on its own (`2019`) is rejected: in a document it is as likely a count.
//! - Era years past an era's end are arithmetic, not errors: plans written before 2019 say
//!   `平成32年度` for FY2020, and `S64` is 1989. But an era year has at most two digits: no era
//!   has lasted a hundred years, and `R2019` is a slip for 2019, not the year 4037.
//! - Era-less short years (`24〜26年度`) are rejected: nothing in the text says which era. The
//!   end of a window after a Western year, marked as a year (`2015~19年`), is that century's.
//! - A trailing `現在`, `時点` or `末` (as in `2019年9月30日現在`, `R3.3月末`) marks an as-of note and
//!   does not change the period.

use crate::period::{Period, PeriodError, PeriodErrorKind, MAX_YEAR, MIN_YEAR};
use crate::text::fold_width;

/// Which era, with its first Western year, kanji name and one-letter abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Era {
    /// 明治 (M), from 1868.
    Meiji,
    /// 大正 (T), from 30 July 1912.
    Taisho,
    /// 昭和 (S), from 25 December 1926.
    Showa,
    /// 平成 (H), from 8 January 1989.
    Heisei,
    /// 令和 (R), from 1 May 2019.
    Reiwa,
}

impl Era {
    /// All eras, oldest first.
    pub const ALL: [Era; 5] = [Era::Meiji, Era::Taisho, Era::Showa, Era::Heisei, Era::Reiwa];

    /// The Western year of the era's first year (元年).
    pub fn start_year(self) -> i32 {
        self.start_date().0
    }

    /// The first day (year, month, day) the era was in force.
    ///
    /// Meiji is taken to start on 1 January 1868: the era was proclaimed retroactively to the new
    /// year, and Japan kept the lunar calendar until 1873, so no Gregorian day is more right.
    pub fn start_date(self) -> (i32, u8, u8) {
        match self {
            Era::Meiji => (1868, 1, 1),
            Era::Taisho => (1912, 7, 30),
            Era::Showa => (1926, 12, 25),
            Era::Heisei => (1989, 1, 8),
            Era::Reiwa => (2019, 5, 1),
        }
    }

    /// The kanji name: `令和`.
    pub fn name_ja(self) -> &'static str {
        match self {
            Era::Meiji => "明治",
            Era::Taisho => "大正",
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    /// The romanised name: `Reiwa`.
    pub fn name_en(self) -> &'static str {
        match self {
            Era::Meiji => "Meiji",
            Era::Taisho => "Taisho",
            Era::Showa => "Showa",
            Era::Heisei => "Heisei",
            Era::Reiwa => "Reiwa",
        }
    }

    /// The one-letter abbreviation tables use: `R` in `R5`.
    pub fn letter(self) -> char {
        match self {
            Era::Meiji => 'M',
            Era::Taisho => 'T',
            Era::Showa => 'S',
            Era::Heisei => 'H',
            Era::Reiwa => 'R',
        }
    }

    /// The era a letter abbreviates, either case (`r` as well as `R`).
    pub fn from_letter(c: char) -> Option<Era> {
        let c = c.to_ascii_uppercase();
        Era::ALL.into_iter().find(|e| e.letter() == c)
    }

    /// The era a kanji name names (`令和`).
    pub fn from_name_ja(name: &str) -> Option<Era> {
        Era::ALL.into_iter().find(|e| e.name_ja() == name)
    }

    /// The Western year of year `era_year` of this era (元年 is 1); `None` for year 0 or a year
    /// too large to count. Years past the era's end are counted on (`平成32` is 2020), because
    /// plans written before an era change do so.
    pub fn western_year(self, era_year: u32) -> Option<i32> {
        if era_year == 0 {
            return None;
        }
        let n = i32::try_from(era_year).ok()?;
        self.start_year().checked_add(n - 1)
    }

    /// The era a fiscal or calendar year is displayed in, and its year in that era.
    ///
    /// The rule is the official one: a year belongs to the latest era that began in or before it,
    /// so 2019 is 令和元年(度) and 1989 is 平成元年(度), though each began in the previous era.
    /// `None` before 1868.
    pub fn of_year(year: i32) -> Option<(Era, u32)> {
        let era = Era::ALL
            .into_iter()
            .rev()
            .find(|e| e.start_year() <= year)?;
        Some((era, era_year_number(era, year)?))
    }

    /// The era in force on a day, and the day's year in that era: 30 April 2019 is 平成31年,
    /// 1 May 2019 is 令和元年. `None` before 1868.
    pub fn of_date(year: i32, month: u8, day: u8) -> Option<(Era, u32)> {
        let era = Era::ALL
            .into_iter()
            .rev()
            .find(|e| e.start_date() <= (year, month, day))?;
        Some((era, era_year_number(era, year)?))
    }
}

fn era_year_number(era: Era, year: i32) -> Option<u32> {
    u32::try_from(year.checked_sub(era.start_year())?.checked_add(1)?).ok()
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------

/// No period a document writes is longer; longer text is refused before any work is done.
const MAX_CHARS: usize = 128;
/// Brackets inside brackets (`令和元年（2019（令和元）年）`) are read this deep and no deeper, so
/// adversarial nesting cannot exhaust the stack.
const MAX_DEPTH: u8 = 4;
/// More digits than this cannot be a year, month or day; they are refused before counting.
const MAX_DIGITS: usize = 9;
/// The largest era year read or written; see the module documentation.
const MAX_ERA_YEAR: u32 = 99;

/// Parses any period text a Japanese plan or the canonical form writes.
///
/// Accepts the canonical forms of [`Period::parse`] and the Japanese forms described in the
/// module documentation, after folding full-width characters, spaces and the many dashes and
/// tildes. Errors: [`PeriodErrorKind::YearOutOfRange`] for a year outside 1000–9999 or an era
/// year below 1; [`PeriodErrorKind::InvalidDate`] for a month or day that does not exist;
/// [`PeriodErrorKind::InvalidWindow`] for a window that runs backwards, mixes 年度 and 年, or has
/// a month at an end; [`PeriodErrorKind::Syntax`] for everything else, including a bracketed
/// gloss that disagrees with its period (the text contradicts itself, so it names no period).
pub fn parse_period(text: &str) -> Result<Period, PeriodError> {
    parse_inner(text).map_err(|kind| PeriodError::new(text, kind))
}

type Parsed<T> = Result<T, PeriodErrorKind>;

fn parse_inner(text: &str) -> Parsed<Period> {
    if text.chars().nth(MAX_CHARS).is_some() {
        return Err(PeriodErrorKind::Syntax);
    }
    let folded = fold_period_text(text);
    let core = strip_wrapping(&folded);
    if core.is_empty() {
        return Err(PeriodErrorKind::Syntax);
    }
    // The canonical form is read by its own parser, so there is one definition of it. Tildes
    // were folded to `~`, which it does not know, so `2019～08` cannot pass for a month.
    let canonical: String = core.iter().collect();
    match Period::parse(&canonical) {
        Ok(p) => return Ok(p),
        Err(e) if e.kind != PeriodErrorKind::Syntax => return Err(e.kind),
        Err(_) => {}
    }
    resolve(parse_expr(core, 0)?)
}

/// Folds the characters period text is written with to one spelling each, as NFKC would for
/// these, and drops all white space (documents space digits out: `令和 5 年度`, `15 件`).
fn fold_period_text(text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::new();
    let mut spaced = false;
    for c in text.chars() {
        if c.is_whitespace() {
            spaced = true;
            continue;
        }
        let before = out.len();
        match c {
            // Full-width ASCII: digits, letters, （）．／～－.
            '\u{FF01}'..='\u{FF5E}' => out.push(fold_width(c)),
            // Hyphens, dashes and minus signs. Em dash and bar are left alone: a table cell of
            // `—` means "no value", and must not become half of a window.
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' | '\u{FE63}' => {
                out.push('-')
            }
            // Wave dash and tilde operator, written for 'from … to'.
            '\u{301C}' | '\u{223C}' => out.push('~'),
            '\u{FF65}' => out.push('・'),
            // The single-glyph era names of old fonts.
            '\u{337E}' => out.extend("明治".chars()),
            '\u{337D}' => out.extend("大正".chars()),
            '\u{337C}' => out.extend("昭和".chars()),
            '\u{337B}' => out.extend("平成".chars()),
            '\u{32FF}' => out.extend("令和".chars()),
            _ => out.push(c),
        }
        // A space between digits (`2019 08`, `H30 3`) is kept, so the grammar refuses the text
        // instead of reading one number `201908`.
        let joins_digits = before > 0
            && out[before - 1].is_ascii_digit()
            && out.get(before).is_some_and(|d| d.is_ascii_digit());
        if spaced && joins_digits {
            out.insert(before, ' ');
        }
        spaced = false;
    }
    out
}

/// Removes brackets around the whole text (`（R1.8）`) and as-of words at its end (`現在`, `時点`,
/// `末`), in any order and as often as they occur.
fn strip_wrapping(mut s: &[char]) -> &[char] {
    loop {
        if s.first() == Some(&'(') && closing(s, 0) == Some(s.len() - 1) {
            s = &s[1..s.len() - 1];
            continue;
        }
        if let Some(rest) = ["現在", "時点", "末"]
            .iter()
            .find_map(|w| strip_suffix(s, w))
        {
            s = rest;
            continue;
        }
        return s;
    }
}

fn strip_suffix<'a>(s: &'a [char], suffix: &str) -> Option<&'a [char]> {
    let n = suffix.chars().count();
    let cut = s.len().checked_sub(n)?;
    s[cut..]
        .iter()
        .copied()
        .eq(suffix.chars())
        .then_some(&s[..cut])
}

/// The index of the `)` that closes the `(` at `open`.
fn closing(s: &[char], open: usize) -> Option<usize> {
    if s.get(open) != Some(&'(') {
        return None;
    }
    let mut depth = 0usize;
    for (i, &c) in s.iter().enumerate().skip(open) {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn is_range_separator(c: char) -> bool {
    c == '~' || c == '-'
}

/// Indices of window separators outside brackets; `None` if the brackets do not balance.
fn top_level_separators(s: &[char]) -> Option<Vec<usize>> {
    let mut depth = 0usize;
    let mut found = Vec::new();
    for (i, &c) in s.iter().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.checked_sub(1)?,
            c if depth == 0 && is_range_separator(c) => found.push(i),
            _ => {}
        }
    }
    (depth == 0).then_some(found)
}

/// Whether a period says fiscal or calendar year, or leaves it to convention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Unstated,
    Fiscal,
    Calendar,
}

impl Kind {
    /// Two statements of kind, if they do not contradict each other.
    fn merge(self, other: Kind) -> Option<Kind> {
        match (self, other) {
            (Kind::Unstated, k) | (k, Kind::Unstated) => Some(k),
            (a, b) => (a == b).then_some(a),
        }
    }
}

/// One point in time as written, before conventions are applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Point {
    year: i32,
    kind: Kind,
    month: Option<u8>,
    day: Option<u8>,
    /// The era the year was written in, which a window's abbreviated end (`H26-29`) reuses.
    era: Option<Era>,
    /// Something besides a bare Western number says this is a year: an era, `FY`, 年, a month.
    marked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expr {
    One(Point),
    Window(Point, Point),
}

fn parse_expr(s: &[char], depth: u8) -> Parsed<Expr> {
    if depth > MAX_DEPTH {
        return Err(PeriodErrorKind::Syntax);
    }
    let seps = top_level_separators(s).ok_or(PeriodErrorKind::Syntax)?;
    // A window glossed as a whole: `令和4年度～令和8年度（2022～2026年度）`.
    if seps.len() == 1 && s.last() == Some(&')') {
        if let Some(open) = (0..s.len())
            .rev()
            .find(|&i| closing(s, i) == Some(s.len() - 1))
        {
            let inner = &s[open + 1..s.len() - 1];
            let inner_has_window = top_level_separators(inner).is_some_and(|v| !v.is_empty());
            if open > seps[0] && inner_has_window {
                let main = parse_window(&s[..open], seps[0], depth)?;
                let gloss = parse_expr(inner, depth + 1)?;
                return merge_window_gloss(main, gloss);
            }
        }
    }
    match seps.as_slice() {
        [] => Ok(Expr::One(parse_point(s, None, depth)?)),
        [sep] => parse_window(s, *sep, depth),
        _ => Err(PeriodErrorKind::Syntax),
    }
}

fn parse_window(s: &[char], sep: usize, depth: u8) -> Parsed<Expr> {
    let start = parse_point(&s[..sep], None, depth)?;
    let end_text = &s[sep + 1..];
    // `2015~19年`: a Western start year's window may end in the last two digits of its end
    // year marked as a year (年, 年度), which shares the start's century. Bare (`2018～21`) or
    // with no Western start (`24〜26年度`), the end stays refused: nothing says it is a year
    // of the same reckoning.
    let widened: Vec<char>;
    let two_digits = end_text.len() >= 3
        && end_text[..2].iter().all(char::is_ascii_digit)
        && end_text[2] == '年';
    let end_text = if start.era.is_none() && start.year >= 1000 && two_digits {
        widened = format!("{:02}", start.year / 100)
            .chars()
            .chain(end_text.iter().copied())
            .collect();
        &widened
    } else {
        end_text
    };
    let end = parse_point(end_text, start.era, depth)?;
    if start.month.is_some() || end.month.is_some() {
        return Err(PeriodErrorKind::InvalidWindow);
    }
    Ok(Expr::Window(start, end))
}

fn window_kind(a: &Point, b: &Point) -> Parsed<Kind> {
    a.kind.merge(b.kind).ok_or(PeriodErrorKind::InvalidWindow)
}

fn merge_window_gloss(main: Expr, gloss: Expr) -> Parsed<Expr> {
    let (Expr::Window(a, b), Expr::Window(c, d)) = (main, gloss) else {
        return Err(PeriodErrorKind::Syntax);
    };
    let kind = window_kind(&a, &b)?
        .merge(window_kind(&c, &d)?)
        .ok_or(PeriodErrorKind::Syntax)?;
    if (a.year, b.year) != (c.year, d.year) {
        return Err(PeriodErrorKind::Syntax);
    }
    Ok(Expr::Window(Point { kind, ..a }, Point { kind, ..b }))
}

/// Applies the conventions (a bare year is fiscal) and builds the period.
fn resolve(e: Expr) -> Parsed<Period> {
    match e {
        // `FY2019.8`: a month is not in a fiscal year's calendar, so the text contradicts itself.
        Expr::One(p) if p.month.is_some() && p.kind == Kind::Fiscal => Err(PeriodErrorKind::Syntax),
        Expr::One(p) => match (p.month, p.day) {
            (Some(m), Some(d)) => Period::date(p.year, m, d),
            (Some(m), None) => Period::month(p.year, m),
            _ => match p.kind {
                Kind::Calendar => Period::calendar_year(p.year),
                Kind::Fiscal => Period::fiscal_year(p.year),
                Kind::Unstated if p.marked => Period::fiscal_year(p.year),
                Kind::Unstated => Err(PeriodErrorKind::Syntax),
            },
        },
        Expr::Window(a, b) => match window_kind(&a, &b)? {
            Kind::Calendar => Period::calendar_years(a.year, b.year),
            Kind::Fiscal | Kind::Unstated => Period::fiscal_years(a.year, b.year),
        },
    }
}

struct Cursor<'a> {
    s: &'a [char],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        if hit {
            self.i += 1;
        }
        hit
    }

    fn eat_str(&mut self, word: &str) -> bool {
        let n = word.chars().count();
        let hit = self
            .s
            .get(self.i..self.i + n)
            .is_some_and(|w| w.iter().copied().eq(word.chars()));
        if hit {
            self.i += n;
        }
        hit
    }

    fn at_digit(&self) -> bool {
        self.peek().is_some_and(|c| c.is_ascii_digit())
    }

    /// A run of digits: its length, and its value unless it is longer than [`MAX_DIGITS`].
    fn digits(&mut self) -> (usize, Option<u32>) {
        let start = self.i;
        while self.at_digit() {
            self.i += 1;
        }
        let run = &self.s[start..self.i];
        let value = (run.len() <= MAX_DIGITS)
            .then(|| {
                run.iter().try_fold(0u32, |acc, c| {
                    acc.checked_mul(10)?.checked_add(c.to_digit(10)?)
                })
            })
            .flatten();
        (run.len(), value)
    }

    /// A month or day number (one or two digits).
    fn small(&mut self) -> Parsed<u8> {
        let (len, value) = self.digits();
        if len == 0 {
            return Err(PeriodErrorKind::Syntax);
        }
        value
            .and_then(|v| u8::try_from(v).ok())
            .filter(|_| len <= 2)
            .ok_or(PeriodErrorKind::InvalidDate)
    }
}

fn check_year(y: i32) -> Parsed<i32> {
    if (MIN_YEAR..=MAX_YEAR).contains(&y) {
        Ok(y)
    } else {
        Err(PeriodErrorKind::YearOutOfRange)
    }
}

/// Reads an era name or letter at the cursor.
fn era_marker(c: &mut Cursor<'_>) -> Option<Era> {
    if let Some(e) = Era::ALL.into_iter().find(|e| c.eat_str(e.name_ja())) {
        return Some(e);
    }
    let e = Era::from_letter(c.peek()?)?;
    // A letter is an era only when a year follows, so `R` alone or `Rx` is not a period.
    let next = c.s.get(c.i + 1).copied()?;
    (next.is_ascii_digit() || next == '元').then(|| {
        c.i += 1;
        e
    })
}

fn era_year(c: &mut Cursor<'_>, era: Era) -> Parsed<i32> {
    let n = if c.eat('元') {
        1
    } else {
        match c.digits() {
            (0, _) => return Err(PeriodErrorKind::Syntax),
            (_, Some(n)) if n <= MAX_ERA_YEAR => n,
            _ => return Err(PeriodErrorKind::YearOutOfRange),
        }
    };
    check_year(era.western_year(n).ok_or(PeriodErrorKind::YearOutOfRange)?)
}

/// The year a point starts with: `令和5`, `R元`, `FY2023`, `2023`, or (as a window's end after an
/// era year) `29`.
fn head(c: &mut Cursor<'_>, inherited: Option<Era>) -> Parsed<Point> {
    let point = |year, kind, era, marked| Point {
        year,
        kind,
        month: None,
        day: None,
        era,
        marked,
    };
    if let Some(era) = era_marker(c) {
        return Ok(point(era_year(c, era)?, Kind::Unstated, Some(era), true));
    }
    let prefix = c.s.get(c.i..c.i + 2).map(|p| {
        let upper: String = p.iter().map(|ch| ch.to_ascii_uppercase()).collect();
        upper
    });
    let kind = match prefix.as_deref() {
        Some("FY") => Some(Kind::Fiscal),
        Some("CY") => Some(Kind::Calendar),
        _ => None,
    };
    if let Some(kind) = kind {
        c.i += 2;
        return Ok(point(western_year(c)?, kind, None, true));
    }
    let start = c.i;
    let (len, _) = c.digits();
    c.i = start;
    match (len, inherited) {
        (0, _) => Err(PeriodErrorKind::Syntax),
        (1..=3, Some(era)) => Ok(point(era_year(c, era)?, Kind::Unstated, Some(era), true)),
        // `24〜26年度` is some era's 24 to 26, but the text does not say which.
        (1..=3, None) => Err(PeriodErrorKind::Syntax),
        _ => Ok(point(western_year(c)?, Kind::Unstated, None, false)),
    }
}

/// A Western year: four digits (more are out of range, fewer are not a Western year).
fn western_year(c: &mut Cursor<'_>) -> Parsed<i32> {
    match c.digits() {
        (0..=3, _) => Err(PeriodErrorKind::Syntax),
        (4, Some(y)) => check_year(i32::try_from(y).map_err(|_| PeriodErrorKind::YearOutOfRange)?),
        _ => Err(PeriodErrorKind::YearOutOfRange),
    }
}

fn set_kind(p: &mut Point, kind: Kind) -> Parsed<()> {
    p.kind = p.kind.merge(kind).ok_or(PeriodErrorKind::Syntax)?;
    p.marked = true;
    Ok(())
}

/// Reads one point: a head, then 年度 / 年 [M月 [D日]] / .M[.D], with bracketed glosses
/// (`（2018年）`, `（令和3）`, `(2020)`) allowed between the parts.
fn parse_point(s: &[char], inherited: Option<Era>, depth: u8) -> Parsed<Point> {
    let mut c = Cursor { s, i: 0 };
    let mut p = head(&mut c, inherited)?;
    gloss(&mut c, &mut p, depth)?;
    if c.eat_str("年度") {
        set_kind(&mut p, Kind::Fiscal)?;
        // The header `年度・年`: the column holds either, and DESIGN.md reads it as fiscal.
        c.eat_str("・年");
    } else if c.eat('年') {
        if c.eat_str("・年度") {
            set_kind(&mut p, Kind::Fiscal)?;
        } else {
            set_kind(&mut p, Kind::Calendar)?;
            gloss(&mut c, &mut p, depth)?;
            if c.at_digit() {
                p.month = Some(month(&mut c)?);
                if !c.eat('月') {
                    return Err(PeriodErrorKind::Syntax);
                }
                if c.at_digit() {
                    p.day = Some(c.small()?);
                    if !c.eat('日') {
                        return Err(PeriodErrorKind::Syntax);
                    }
                }
            }
        }
    } else if c.eat('.') || c.eat('/') {
        p.marked = true;
        p.month = Some(month(&mut c)?);
        c.eat('月');
        if c.eat('.') || c.eat('/') {
            p.day = Some(c.small()?);
            c.eat('日');
        }
    }
    gloss(&mut c, &mut p, depth)?;
    if c.peek().is_some() {
        return Err(PeriodErrorKind::Syntax);
    }
    Ok(p)
}

fn month(c: &mut Cursor<'_>) -> Parsed<u8> {
    let m = c.small()?;
    if (1..=12).contains(&m) {
        Ok(m)
    } else {
        Err(PeriodErrorKind::InvalidDate)
    }
}

/// Reads a bracketed gloss at the cursor, if there is one, and checks that it says the same as
/// what has been read so far; its 年 or 年度 then applies to the point.
fn gloss(c: &mut Cursor<'_>, p: &mut Point, depth: u8) -> Parsed<()> {
    if c.peek() != Some('(') {
        return Ok(());
    }
    if depth >= MAX_DEPTH {
        return Err(PeriodErrorKind::Syntax);
    }
    let close = closing(c.s, c.i).ok_or(PeriodErrorKind::Syntax)?;
    let g = parse_point(&c.s[c.i + 1..close], None, depth + 1)?;
    c.i = close + 1;
    if (g.year, g.month, g.day) != (p.year, p.month, p.day) {
        return Err(PeriodErrorKind::Syntax);
    }
    p.kind = p.kind.merge(g.kind).ok_or(PeriodErrorKind::Syntax)?;
    p.marked |= g.marked;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Display
// ---------------------------------------------------------------------------------------------

/// `元` for the first year of an era, the number otherwise.
fn era_number_ja(n: u32) -> String {
    if n == 1 {
        "元".to_string()
    } else {
        n.to_string()
    }
}

/// The era a year is displayed in, if it has one that people would write (see
/// [`MAX_ERA_YEAR`]).
fn displayed_era(year: i32) -> Option<(Era, u32)> {
    Era::of_year(year).filter(|&(_, n)| n <= MAX_ERA_YEAR)
}

/// [`displayed_era`] for a month or day.
fn displayed_era_on(year: i32, month: u8, day: u8) -> Option<(Era, u32)> {
    Era::of_date(year, month, day).filter(|&(_, n)| n <= MAX_ERA_YEAR)
}

/// `令和5` for 2023, or `None` before 1868 and after 令和99.
fn era_year_ja(year: i32) -> Option<String> {
    displayed_era(year).map(|(e, n)| format!("{}{}", e.name_ja(), era_number_ja(n)))
}

/// Formats for people, era year first and Western year in brackets:
///
/// | period          | text                                   |
/// |-----------------|----------------------------------------|
/// | `FY2023`        | `令和5年度（2023年度）`                  |
/// | `FY2019`        | `令和元年度（2019年度）`                 |
/// | `CY2023`        | `令和5年（2023年）`                      |
/// | `FY2022-FY2026` | `令和4年度～令和8年度（2022～2026年度）`  |
/// | `CY2021-CY2023` | `令和3年～令和5年（2021～2023年）`        |
/// | `2019-08`       | `令和元年8月（2019年8月）`               |
/// | `2019-09-30`    | `令和元年9月30日（2019年9月30日）`        |
///
/// Years take the era that began in or before them ([`Era::of_year`]); months and days take the
/// era in force on their first day ([`Era::of_date`]), so April 2019 is `平成31年4月`. Before 1868,
/// and past 令和99, there is no era year to give and only the Western form is written
/// (`1800年度`). The text reads back through [`parse_period`] to the same period.
pub fn format_ja(p: Period) -> String {
    match p {
        Period::FiscalYear(y) => match era_year_ja(y) {
            Some(e) => format!("{e}年度（{y}年度）"),
            None => format!("{y}年度"),
        },
        Period::CalendarYear(y) => match era_year_ja(y) {
            Some(e) => format!("{e}年（{y}年）"),
            None => format!("{y}年"),
        },
        Period::FiscalYears { start, end } => match (era_year_ja(start), era_year_ja(end)) {
            (Some(a), Some(b)) => format!("{a}年度～{b}年度（{start}～{end}年度）"),
            _ => format!("{start}～{end}年度"),
        },
        Period::CalendarYears { start, end } => match (era_year_ja(start), era_year_ja(end)) {
            (Some(a), Some(b)) => format!("{a}年～{b}年（{start}～{end}年）"),
            _ => format!("{start}～{end}年"),
        },
        Period::Month { year, month } => match displayed_era_on(year, month, 1) {
            Some((e, n)) => format!(
                "{}{}年{month}月（{year}年{month}月）",
                e.name_ja(),
                era_number_ja(n)
            ),
            None => format!("{year}年{month}月"),
        },
        Period::Date { year, month, day } => match displayed_era_on(year, month, day) {
            Some((e, n)) => format!(
                "{}{}年{month}月{day}日（{year}年{month}月{day}日）",
                e.name_ja(),
                era_number_ja(n)
            ),
            None => format!("{year}年{month}月{day}日"),
        },
    }
}

/// English display: `FY2023`, `CY2023`, `FY2022–FY2026` and `CY2021–CY2023` (en dash),
/// `Aug 2019`, `30 Sep 2019` (day month year, unambiguous on both sides of the Atlantic).
///
/// Years and windows are the canonical form with a typographic dash, so they read back through
/// [`parse_period`]; months and days are for reading only.
pub fn format_en(p: Period) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    // A period built by hand can hold month 0 or 13; it prints as a number rather than panic.
    let name = |m: u8| {
        usize::from(m)
            .checked_sub(1)
            .and_then(|i| MONTHS.get(i))
            .map_or_else(|| m.to_string(), |s| (*s).to_string())
    };
    match p {
        Period::FiscalYear(y) => format!("FY{y}"),
        Period::CalendarYear(y) => format!("CY{y}"),
        Period::FiscalYears { start, end } => format!("FY{start}\u{2013}FY{end}"),
        Period::CalendarYears { start, end } => format!("CY{start}\u{2013}CY{end}"),
        Period::Month { year, month } => format!("{} {year}", name(month)),
        Period::Date { year, month, day } => format!("{day} {} {year}", name(month)),
    }
}

/// The short era form of table cells: `R5` (FY2023), `R5年` (CY2023), `R4～R8` (FY2022–FY2026),
/// `R3年～R5年`, `R1.8` (August 2019), `R1.9.30`.
///
/// The first year of an era is `R1`, as tables write it. Before 1868 and past 令和99 the
/// canonical form is given. The text reads back through [`parse_period`] to the same period.
pub fn format_short(p: Period) -> String {
    let short = |year: i32| displayed_era(year).map(|(e, n)| format!("{}{n}", e.letter()));
    let short_on = |year: i32, month: u8, day: u8| {
        displayed_era_on(year, month, day).map(|(e, n)| format!("{}{n}", e.letter()))
    };
    let text = match p {
        Period::FiscalYear(y) => short(y),
        Period::CalendarYear(y) => short(y).map(|e| format!("{e}年")),
        Period::FiscalYears { start, end } => short(start)
            .zip(short(end))
            .map(|(a, b)| format!("{a}～{b}")),
        Period::CalendarYears { start, end } => short(start)
            .zip(short(end))
            .map(|(a, b)| format!("{a}年～{b}年")),
        Period::Month { year, month } => short_on(year, month, 1).map(|e| format!("{e}.{month}")),
        Period::Date { year, month, day } => {
            short_on(year, month, day).map(|e| format!("{e}.{month}.{day}"))
        }
    };
    text.unwrap_or_else(|| p.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use PeriodErrorKind::*;

    fn check(text: &str, expected: Period) {
        assert_eq!(parse_period(text), Ok(expected), "{text:?}");
    }

    fn check_err(text: &str, kind: PeriodErrorKind) {
        assert_eq!(
            parse_period(text).map_err(|e| e.kind),
            Err(kind),
            "{text:?}"
        );
    }

    fn fy(y: i32) -> Period {
        Period::FiscalYear(y)
    }

    fn cy(y: i32) -> Period {
        Period::CalendarYear(y)
    }

    fn fys(start: i32, end: i32) -> Period {
        Period::FiscalYears { start, end }
    }

    fn cys(start: i32, end: i32) -> Period {
        Period::CalendarYears { start, end }
    }

    fn month(year: i32, month: u8) -> Period {
        Period::Month { year, month }
    }

    fn date(year: i32, month: u8, day: u8) -> Period {
        Period::Date { year, month, day }
    }

    #[test]
    fn eras_know_their_names_and_first_years() {
        let table: Vec<_> = Era::ALL
            .iter()
            .map(|e| (e.name_ja(), e.letter(), e.start_year()))
            .collect();
        assert_eq!(
            table,
            [
                ("明治", 'M', 1868),
                ("大正", 'T', 1912),
                ("昭和", 'S', 1926),
                ("平成", 'H', 1989),
                ("令和", 'R', 2019),
            ]
        );
        assert_eq!(Era::from_letter('r'), Some(Era::Reiwa));
        assert_eq!(Era::from_name_ja("平成"), Some(Era::Heisei));
        assert_eq!(Era::Reiwa.name_en(), "Reiwa");
    }

    #[test]
    fn a_year_is_displayed_in_the_era_that_began_in_or_before_it() {
        assert_eq!(Era::of_year(2019), Some((Era::Reiwa, 1)));
        assert_eq!(Era::of_year(2018), Some((Era::Heisei, 30)));
        assert_eq!(Era::of_year(1989), Some((Era::Heisei, 1)));
        assert_eq!(Era::of_year(1926), Some((Era::Showa, 1)));
        assert_eq!(Era::of_year(1868), Some((Era::Meiji, 1)));
        assert_eq!(Era::of_year(1867), None);
        assert_eq!(Era::of_year(i32::MIN), None);
        assert_eq!(Era::of_year(i32::MAX).map(|(e, _)| e), Some(Era::Reiwa));
    }

    #[test]
    fn a_day_is_in_the_era_in_force_on_it() {
        assert_eq!(Era::of_date(2019, 4, 30), Some((Era::Heisei, 31)));
        assert_eq!(Era::of_date(2019, 5, 1), Some((Era::Reiwa, 1)));
        assert_eq!(Era::of_date(1989, 1, 7), Some((Era::Showa, 64)));
        assert_eq!(Era::of_date(1989, 1, 8), Some((Era::Heisei, 1)));
        assert_eq!(Era::of_date(1912, 7, 29), Some((Era::Meiji, 45)));
    }

    #[test]
    fn era_years_count_on_past_the_era_end() {
        assert_eq!(Era::Heisei.western_year(32), Some(2020));
        assert_eq!(Era::Showa.western_year(64), Some(1989));
        assert_eq!(Era::Reiwa.western_year(0), None);
        assert_eq!(Era::Reiwa.western_year(u32::MAX), None);
    }

    #[test]
    fn canonical_forms_are_delegated() {
        check("FY2023", fy(2023));
        check("CY2023", cy(2023));
        check("FY2021-FY2023", fys(2021, 2023));
        check("CY2021-CY2023", cys(2021, 2023));
        check("2019-08", month(2019, 8));
        check("2019-08-31", date(2019, 8, 31));
        check_err("FY2021-CY2023", InvalidWindow);
        check_err("2019-13", InvalidDate);
    }

    #[test]
    fn canonical_forms_survive_width_and_dashes() {
        check("ＦＹ２０２３", fy(2023));
        check("FY2021–FY2023", fys(2021, 2023));
        check("FY2021〜FY2023", fys(2021, 2023));
        check("FY2021～2023", fys(2021, 2023));
        check("２０１９−０８", month(2019, 8));
    }

    #[test]
    fn first_year_of_an_era_is_gannen() {
        check("令和元年度", fy(2019));
        check("令和元年", cy(2019));
        check("R元", fy(2019));
        check("R元年度", fy(2019));
        check("R元年", cy(2019));
        check("R1", fy(2019));
    }

    #[test]
    fn last_and_first_years_of_adjacent_eras_meet() {
        check("平成31年度", fy(2019));
        check("令和元年度", fy(2019));
        check("S64", fy(1989));
        check("平成元年", cy(1989));
    }

    #[test]
    fn era_years_name_fiscal_or_calendar_years() {
        check("令和5年度", fy(2023));
        check("令和5年", cy(2023));
        check("平成26年度", fy(2014));
        check("明治1年", cy(1868));
        check("大正15年", cy(1926));
        check("㋿5年度", fy(2023));
    }

    #[test]
    fn full_width_digits_are_read() {
        check("令和５年度", fy(2023));
        check("Ｈ３０", fy(2018));
        check("（Ｒ１．８）", month(2019, 8));
        check("２０１９年度", fy(2019));
    }

    #[test]
    fn spaces_of_either_width_are_ignored() {
        check("令和 5 年度", fy(2023));
        check("令和\u{3000}5\u{3000}年度", fy(2023));
        check(" 2019 年 9 月 30 日 ", date(2019, 9, 30));
    }

    #[test]
    fn a_space_does_not_join_two_numbers() {
        check_err("H30 3", Syntax);
        check_err("2019 08", Syntax);
        check_err("令和1 0年", Syntax);
        check("H30 .3", month(2018, 3));
    }

    #[test]
    fn bare_era_year_is_fiscal() {
        check("H30", fy(2018));
        check("R1", fy(2019));
        check("R3", fy(2021));
        check("h30", fy(2018));
        check("r1", fy(2019));
        check("H30年度", fy(2018));
    }

    #[test]
    fn header_nendo_nen_means_fiscal() {
        check("R元年度・年", fy(2019));
        check("R5年度・年", fy(2023));
        check("R5年度･年", fy(2023));
    }

    #[test]
    fn bracketed_western_year_glosses_the_era_year() {
        check("令和5年(2023年)", cy(2023));
        check("令和5年（2023年）", cy(2023));
        check("令和3年度（2021年度）", fy(2021));
        check("令和元年度(2019年度)", fy(2019));
        check("令和元年(2019年)", cy(2019));
    }

    #[test]
    fn bracketed_western_year_must_agree() {
        check_err("令和5年(2022年)", Syntax);
        check_err("令和3年度（2022年度）", Syntax);
        check_err("令和3年度（2021年）", Syntax);
        check_err("2021（令和2）年", Syntax);
        check_err("R2(2021).8", Syntax);
    }

    #[test]
    fn bracketed_era_year_glosses_the_western_year() {
        check("2021(令和3)年", cy(2021));
        check("2016（平成28）年度", fy(2016));
        check("2019（令和元）年", cy(2019));
        check("2023年度（令和5年度）", fy(2023));
    }

    #[test]
    fn western_years_need_a_unit_or_a_window() {
        check("2019年度", fy(2019));
        check("(2019年度)", fy(2019));
        check("（2021年度）", fy(2021));
        check("2019年", cy(2019));
        check_err("2019", Syntax);
        check_err("(2019)", Syntax);
    }

    #[test]
    fn dotted_era_dates_are_months_and_days() {
        check("R1.8", month(2019, 8));
        check("(R1.8)", month(2019, 8));
        check("（R1.8）", month(2019, 8));
        check("H30.3", month(2018, 3));
        check("H31.1", month(2019, 1));
        check("R1.8.31", date(2019, 8, 31));
        check("H29.4.1", date(2017, 4, 1));
        check("R2(2020).8", month(2020, 8));
    }

    #[test]
    fn written_out_months_and_days_are_read() {
        check("令和元年8月", month(2019, 8));
        check("令和元年9月30日", date(2019, 9, 30));
        check("2019年8月", month(2019, 8));
        check("平成30年（2018年）4月", month(2018, 4));
        check("2020（令和2）年10月", month(2020, 10));
        check("令和元年8月（2019年8月）", month(2019, 8));
    }

    #[test]
    fn as_of_words_do_not_change_the_period() {
        check("2019年9月30日現在", date(2019, 9, 30));
        check("R3.3月末", month(2021, 3));
        check("令和2年10月現在", month(2020, 10));
        check("令和元年度（2019年度）末時点", fy(2019));
        check("令和4年度末", fy(2022));
        check("（令和元年度末現在）", fy(2019));
        check("2019-08-31現在", date(2019, 8, 31));
    }

    #[test]
    fn era_windows_abbreviate_the_end() {
        check("H26-29", fys(2014, 2017));
        check("H26～29", fys(2014, 2017));
        check("H29~31年度", fys(2017, 2019));
        check("H26〜R1", fys(2014, 2019));
        check("R4～R8", fys(2022, 2026));
        check("R4～8年度", fys(2022, 2026));
    }

    #[test]
    fn western_windows_may_end_in_two_digits_of_the_same_century() {
        check("2016~21年", cys(2016, 2021));
        check("2016～21年度", fys(2016, 2021));
        check_err("2016～21", Syntax);
        // Across a century the end runs backwards: refused, not guessed.
        check_err("1998-03年度", InvalidWindow);
    }

    #[test]
    fn written_out_windows_are_read() {
        check("令和4年度～令和8年度", fys(2022, 2026));
        check("平成26年度～平成29年度", fys(2014, 2017));
        check("令和4年度～令和8年度（2022～2026年度）", fys(2022, 2026));
        check("令和3年～令和5年（2021～2023年）", cys(2021, 2023));
        check("令和4年～令和8年（2022～2026）", cys(2022, 2026));
        check("2018年～2021年", cys(2018, 2021));
        check("2018～2021年", cys(2018, 2021));
    }

    #[test]
    fn bare_western_windows_are_fiscal() {
        check("2022～2026", fys(2022, 2026));
        check("(2022～2026)", fys(2022, 2026));
        check("（2018～2021）", fys(2018, 2021));
        check("2022‐2026", fys(2022, 2026));
        check("2022−2026", fys(2022, 2026));
        check("2022~2026", fys(2022, 2026));
    }

    #[test]
    fn every_documented_tilde_and_dash_separates_a_window() {
        for sep in ['〜', '～', '~', '-', '‐', '–', '−', '－'] {
            check(&format!("H26{sep}29"), fys(2014, 2017));
        }
        check_err("H26ー29", Syntax);
        check_err("H26—29", Syntax);
    }

    #[test]
    fn era_less_short_years_are_ambiguous() {
        check_err("24〜26年度", Syntax);
        check_err("30年度", Syntax);
        check_err("2018～21", Syntax);
        check("H24〜26年度", fys(2012, 2014));
    }

    #[test]
    fn bad_windows_are_rejected() {
        check_err("R8～R4", InvalidWindow);
        check_err("2018年度～2021年", InvalidWindow);
        check_err("R1.8～R2.3", InvalidWindow);
        check_err("令和4年度～令和8年度（2022～2025年度）", Syntax);
        check_err("H26-29-30", Syntax);
        check_err("H11~", Syntax);
        check("R1～R1", fy(2019));
    }

    #[test]
    fn non_periods_are_rejected_without_panicking() {
        check_err("来年", Syntax);
        check_err("", Syntax);
        check_err("   ", Syntax);
        check_err("()", Syntax);
        check_err("R", Syntax);
        check_err("Rx", Syntax);
        check_err("元年度", Syntax);
        check_err("令和", Syntax);
        check_err("令和5年度度", Syntax);
        check_err("令和5年(2023年", Syntax);
        check_err("令和5年)", Syntax);
        check_err("—", Syntax);
    }

    #[test]
    fn era_year_zero_and_huge_years_are_out_of_range() {
        check_err("令和0年", YearOutOfRange);
        check_err("R0", YearOutOfRange);
        check_err("令和99999999999年", YearOutOfRange);
        check_err("令和4294967295年", YearOutOfRange);
        check_err("99999年", YearOutOfRange);
        check_err("02019年", YearOutOfRange);
        check_err("0999年", YearOutOfRange);
        check_err(&format!("R{}", "9".repeat(100)), YearOutOfRange);
    }

    #[test]
    fn era_years_have_at_most_two_digits() {
        check("令和99年度", fy(2117));
        check("R01", fy(2019));
        check_err("R2019", YearOutOfRange);
        check_err("令和100年度", YearOutOfRange);
        assert_eq!(format_ja(fy(2117)), "令和99年度（2117年度）");
        assert_eq!(format_ja(fy(2118)), "2118年度");
        assert_eq!(format_short(fy(2118)), "FY2118");
    }

    #[test]
    fn era_years_past_the_era_end_are_arithmetic() {
        check("平成32年度", fy(2020));
        check("平成33年度", fy(2021));
        check("S64", fy(1989));
    }

    #[test]
    fn months_and_days_that_do_not_exist_are_rejected() {
        check_err("H30.13", InvalidDate);
        check_err("H30.0", InvalidDate);
        check_err("FY2019.8", Syntax);
        check("CY2019.8", month(2019, 8));
        check_err("R1.2.30", InvalidDate);
        check_err("令和元年13月", InvalidDate);
        check_err("R1.123", InvalidDate);
        check_err("2019年2月29日", InvalidDate);
        check("2020年2月29日", date(2020, 2, 29));
    }

    #[test]
    fn overlong_and_deeply_bracketed_text_is_refused() {
        check_err(&"1".repeat(10_000), Syntax);
        let nested = format!("{}R1{}", "(".repeat(60), ")".repeat(60));
        check(&nested, fy(2019));
        let inner = format!("令和元年{}", "(2019年".repeat(10) + &")".repeat(10));
        check_err(&inner, Syntax);
    }

    #[test]
    fn error_keeps_the_text_as_written() {
        let e = parse_period("令和０年");
        assert_eq!(e.map_err(|e| e.input), Err("令和０年".to_string()));
    }

    #[test]
    fn japanese_display_writes_era_then_western() {
        assert_eq!(format_ja(fy(2023)), "令和5年度（2023年度）");
        assert_eq!(format_ja(fy(2019)), "令和元年度（2019年度）");
        assert_eq!(format_ja(cy(2023)), "令和5年（2023年）");
        assert_eq!(
            format_ja(fys(2022, 2026)),
            "令和4年度～令和8年度（2022～2026年度）"
        );
        assert_eq!(
            format_ja(cys(2021, 2023)),
            "令和3年～令和5年（2021～2023年）"
        );
        assert_eq!(format_ja(month(2019, 8)), "令和元年8月（2019年8月）");
        assert_eq!(
            format_ja(date(2019, 9, 30)),
            "令和元年9月30日（2019年9月30日）"
        );
    }

    #[test]
    fn japanese_display_dates_by_the_era_in_force() {
        assert_eq!(format_ja(month(2019, 4)), "平成31年4月（2019年4月）");
        assert_eq!(
            format_ja(date(1989, 1, 7)),
            "昭和64年1月7日（1989年1月7日）"
        );
        assert_eq!(
            format_ja(date(1989, 1, 8)),
            "平成元年1月8日（1989年1月8日）"
        );
    }

    #[test]
    fn years_before_meiji_display_without_an_era() {
        assert_eq!(format_ja(fy(1800)), "1800年度");
        assert_eq!(format_ja(fys(1800, 1900)), "1800～1900年度");
        assert_eq!(format_ja(month(1800, 8)), "1800年8月");
        assert_eq!(format_short(fy(1800)), "FY1800");
    }

    #[test]
    fn english_display_is_canonical_for_years() {
        assert_eq!(format_en(fy(2023)), "FY2023");
        assert_eq!(format_en(cy(2023)), "CY2023");
        assert_eq!(format_en(fys(2022, 2026)), "FY2022–FY2026");
        assert_eq!(format_en(month(2019, 8)), "Aug 2019");
        assert_eq!(format_en(date(2019, 9, 30)), "30 Sep 2019");
        assert_eq!(format_en(month(2019, 13)), "13 2019");
        check(&format_en(fys(2022, 2026)), fys(2022, 2026));
    }

    #[test]
    fn short_display_is_for_table_cells() {
        assert_eq!(format_short(fy(2023)), "R5");
        assert_eq!(format_short(fy(2019)), "R1");
        assert_eq!(format_short(cy(2023)), "R5年");
        assert_eq!(format_short(fys(2014, 2019)), "H26～R1");
        assert_eq!(format_short(cys(2021, 2023)), "R3年～R5年");
        assert_eq!(format_short(month(2019, 8)), "R1.8");
        assert_eq!(format_short(date(2019, 8, 31)), "R1.8.31");
    }

    #[test]
    fn every_display_reads_back() {
        let samples = [
            fy(1868),
            fy(2019),
            cy(1989),
            fys(1988, 2020),
            cys(1800, 1900),
            cys(1860, 1870),
            month(1989, 1),
            month(2019, 4),
            date(1912, 7, 30),
            fys(2100, 2200),
            date(9999, 12, 31),
        ];
        for p in samples {
            check(&format_ja(p), p);
            check(&format_short(p), p);
            check(&p.to_string(), p);
        }
    }
}
