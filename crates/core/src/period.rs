//! Periods: fiscal years, calendar years, windows of either, months and dates.
//!
//! Japanese public plans count time in fiscal years (年度) that start in April by default, but
//! some statistics are by calendar year (年) and progress reports are dated by month (`R1.8`).
//! [`Period`] is the one type for all of them, and its canonical text form (`FY2023`, `CY2023`,
//! `FY2021-FY2023`, `2019-08`, `2019-08-31`) is what JSON, CSV, the database and URLs carry.
//!
//! Guarantees: every `Period` that exists is valid (years 1000–9999, windows non-empty, real
//! dates), and `Period::parse(&p.to_string()) == Ok(p)` for every `p`. Parsing never panics.
//! Japanese era forms (`令和5年度`, `H30`) are parsed by [`crate::era`], which returns this type.

use std::fmt;
use std::str::FromStr;

/// The smallest and largest year a period may name. Four digits keep the text form unambiguous.
pub const MIN_YEAR: i32 = 1000;
/// See [`MIN_YEAR`].
pub const MAX_YEAR: i32 = 9999;

/// A span of time as plans and statistics name it.
///
/// The fiscal year's start month is not part of the period: it is a setting of the plan
/// ([`FiscalStart`]), applied when a period is placed on the plan's time line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Period {
    /// 年度: `FY2023` starts in the plan's start month of 2023.
    FiscalYear(i32),
    /// 年: `CY2023` is January–December 2023.
    CalendarYear(i32),
    /// A window of fiscal years, both ends included: `FY2022-FY2026`.
    FiscalYears { start: i32, end: i32 },
    /// A window of calendar years, both ends included: `CY2021-CY2023`.
    CalendarYears { start: i32, end: i32 },
    /// A month, as in an as-of note `（R1.8）`: `2019-08`.
    Month { year: i32, month: u8 },
    /// A day: `2019-09-30`.
    Date { year: i32, month: u8, day: u8 },
}

/// What went wrong reading a period, with what was expected instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError {
    /// The text that was read (cut to a readable length).
    pub input: String,
    /// Why it is not a period.
    pub kind: PeriodErrorKind,
}

/// The ways a text can fail to be a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PeriodErrorKind {
    /// Not in any form this parser knows.
    Syntax,
    /// A year outside 1000–9999 (or an era year before the era began).
    YearOutOfRange,
    /// A month that is not 1–12, or a day that the month does not have.
    InvalidDate,
    /// A window whose end comes before its start, or that mixes fiscal and calendar years.
    InvalidWindow,
}

impl PeriodError {
    pub(crate) fn new(input: &str, kind: PeriodErrorKind) -> Self {
        let input: String = input.chars().take(40).collect();
        PeriodError { input, kind }
    }
}

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.kind {
            PeriodErrorKind::Syntax => "not a period",
            PeriodErrorKind::YearOutOfRange => "year out of range (1000-9999)",
            PeriodErrorKind::InvalidDate => "no such month or day",
            PeriodErrorKind::InvalidWindow => {
                "not a window: the end must not come before the start, and both ends must be FY or both CY"
            }
        };
        write!(
            f,
            "{why}: {:?}; expected FY2023, CY2023, FY2021-FY2023, 2019-08, 2019-08-31 \
             or a Japanese form such as 令和5年度, 平成30年, H30, R1.8",
            self.input
        )
    }
}

impl std::error::Error for PeriodError {}

/// The month a fiscal year starts in (1–12; April by default, as for Japanese governments).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FiscalStart(u8);

impl FiscalStart {
    /// April: 年度 of the Japanese public sector.
    pub const APRIL: FiscalStart = FiscalStart(4);

    /// `None` unless `month` is 1–12.
    pub fn new(month: u8) -> Option<Self> {
        (1..=12).contains(&month).then_some(FiscalStart(month))
    }

    /// The month number, 1–12.
    pub fn month(self) -> u8 {
        self.0
    }

    /// The fiscal year that contains the given month.
    pub fn fiscal_year_of(self, year: i32, month: u8) -> i32 {
        if month >= self.0 {
            year
        } else {
            year.saturating_sub(1)
        }
    }
}

impl Default for FiscalStart {
    fn default() -> Self {
        FiscalStart::APRIL
    }
}

fn check_year(y: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&y)
}

/// Year, month (1–12) and day of a day counted from 1970-01-01, in the proleptic Gregorian
/// calendar (Howard Hinnant's `civil_from_days`): the one conversion the store's timestamps,
/// the web's current fiscal year and a workbook's date cells share. Exact for every `i64`
/// day a year can hold.
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Days in a month of the Gregorian calendar.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl Period {
    /// A fiscal year, if the year is in range.
    pub fn fiscal_year(year: i32) -> Result<Self, PeriodErrorKind> {
        check_year(year)
            .then_some(Period::FiscalYear(year))
            .ok_or(PeriodErrorKind::YearOutOfRange)
    }

    /// A calendar year, if the year is in range.
    pub fn calendar_year(year: i32) -> Result<Self, PeriodErrorKind> {
        check_year(year)
            .then_some(Period::CalendarYear(year))
            .ok_or(PeriodErrorKind::YearOutOfRange)
    }

    /// A window of fiscal years; a window of one year is that year.
    pub fn fiscal_years(start: i32, end: i32) -> Result<Self, PeriodErrorKind> {
        if !check_year(start) || !check_year(end) {
            return Err(PeriodErrorKind::YearOutOfRange);
        }
        match start.cmp(&end) {
            std::cmp::Ordering::Less => Ok(Period::FiscalYears { start, end }),
            std::cmp::Ordering::Equal => Ok(Period::FiscalYear(start)),
            std::cmp::Ordering::Greater => Err(PeriodErrorKind::InvalidWindow),
        }
    }

    /// A window of calendar years; a window of one year is that year.
    pub fn calendar_years(start: i32, end: i32) -> Result<Self, PeriodErrorKind> {
        if !check_year(start) || !check_year(end) {
            return Err(PeriodErrorKind::YearOutOfRange);
        }
        match start.cmp(&end) {
            std::cmp::Ordering::Less => Ok(Period::CalendarYears { start, end }),
            std::cmp::Ordering::Equal => Ok(Period::CalendarYear(start)),
            std::cmp::Ordering::Greater => Err(PeriodErrorKind::InvalidWindow),
        }
    }

    /// A month.
    pub fn month(year: i32, month: u8) -> Result<Self, PeriodErrorKind> {
        if !check_year(year) {
            return Err(PeriodErrorKind::YearOutOfRange);
        }
        if !(1..=12).contains(&month) {
            return Err(PeriodErrorKind::InvalidDate);
        }
        Ok(Period::Month { year, month })
    }

    /// A day.
    pub fn date(year: i32, month: u8, day: u8) -> Result<Self, PeriodErrorKind> {
        Period::month(year, month)?;
        if day == 0 || day > days_in_month(year, month) {
            return Err(PeriodErrorKind::InvalidDate);
        }
        Ok(Period::Date { year, month, day })
    }

    /// Parses the canonical text form (`FY2023`, `CY2023`, `FY2021-FY2023`, `CY2021-CY2023`,
    /// `2019-08`, `2019-08-31`). Lower-case `fy`/`cy` and surrounding spaces are accepted.
    /// For Japanese forms use [`crate::era::parse_period`], which also accepts these.
    pub fn parse(text: &str) -> Result<Self, PeriodError> {
        let t = text.trim();
        let err = |kind| PeriodError::new(text, kind);
        if let Some((a, b)) = t.split_once('-') {
            // Either a window `FY2021-FY2023` or a month/date `2019-08(-31)`.
            if let (Some((ka, ya)), Some((kb, yb))) = (prefixed_year(a), prefixed_year(b)) {
                let make = match (ka, kb) {
                    (YearKind::Fiscal, YearKind::Fiscal) => Period::fiscal_years,
                    (YearKind::Calendar, YearKind::Calendar) => Period::calendar_years,
                    _ => return Err(err(PeriodErrorKind::InvalidWindow)),
                };
                return match make(ya, yb) {
                    // `FY2023-FY2023` is a one-year window; its canonical form is `FY2023`,
                    // which is what the constructor gives.
                    Ok(p) => Ok(p),
                    Err(k) => Err(err(k)),
                };
            }
            let mut parts = t.split('-');
            let year = parts
                .next()
                .and_then(digits4)
                .ok_or_else(|| err(PeriodErrorKind::Syntax))?;
            let month = parts
                .next()
                .and_then(digits2)
                .ok_or_else(|| err(PeriodErrorKind::Syntax))?;
            let day = match parts.next() {
                None => None,
                Some(d) => Some(digits2(d).ok_or_else(|| err(PeriodErrorKind::Syntax))?),
            };
            if parts.next().is_some() {
                return Err(err(PeriodErrorKind::Syntax));
            }
            let p = match day {
                None => Period::month(year, month),
                Some(d) => Period::date(year, month, d),
            };
            return p.map_err(err);
        }
        match prefixed_year(t) {
            Some((YearKind::Fiscal, y)) => Period::fiscal_year(y).map_err(err),
            Some((YearKind::Calendar, y)) => Period::calendar_year(y).map_err(err),
            None => Err(err(PeriodErrorKind::Syntax)),
        }
    }

    /// True for a window of several years.
    pub fn is_window(self) -> bool {
        matches!(
            self,
            Period::FiscalYears { .. } | Period::CalendarYears { .. }
        )
    }

    /// True for fiscal years and windows of them.
    pub fn is_fiscal(self) -> bool {
        matches!(self, Period::FiscalYear(_) | Period::FiscalYears { .. })
    }

    /// The first and last year a period covers on the plan's year line, both included.
    ///
    /// Fiscal and calendar years map to their own number (a plan's `CY2021-CY2023` window is
    /// compared with fiscal years of the same numbers, as the documents do); a month or a date
    /// maps to the fiscal year that contains it.
    pub fn year_span(self, start: FiscalStart) -> (i32, i32) {
        match self {
            Period::FiscalYear(y) | Period::CalendarYear(y) => (y, y),
            Period::FiscalYears { start, end } | Period::CalendarYears { start, end } => {
                (start, end)
            }
            Period::Month { year, month } | Period::Date { year, month, .. } => {
                let fy = start.fiscal_year_of(year, month);
                (fy, fy)
            }
        }
    }

    /// The year a period ends in on the plan's year line (see [`Period::year_span`]).
    pub fn end_year(self, start: FiscalStart) -> i32 {
        self.year_span(start).1
    }

    /// The year a period starts in on the plan's year line.
    pub fn start_year(self, start: FiscalStart) -> i32 {
        self.year_span(start).0
    }

    /// How many years the period covers (1 for a year, a month or a day).
    pub fn year_count(self) -> i32 {
        match self {
            Period::FiscalYears { start, end } | Period::CalendarYears { start, end } => {
                end.saturating_sub(start).saturating_add(1)
            }
            _ => 1,
        }
    }

    /// The first day (year, month, day) of the period under the given fiscal start month.
    pub fn first_day(self, fs: FiscalStart) -> (i32, u8, u8) {
        match self {
            Period::FiscalYear(y) | Period::FiscalYears { start: y, .. } => (y, fs.month(), 1),
            Period::CalendarYear(y) | Period::CalendarYears { start: y, .. } => (y, 1, 1),
            Period::Month { year, month } => (year, month, 1),
            Period::Date { year, month, day } => (year, month, day),
        }
    }

    /// The last day (year, month, day) of the period under the given fiscal start month.
    pub fn last_day(self, fs: FiscalStart) -> (i32, u8, u8) {
        match self {
            Period::FiscalYear(y) | Period::FiscalYears { end: y, .. } => {
                let (year, month) = if fs.month() == 1 {
                    (y, 12)
                } else {
                    (y + 1, fs.month() - 1)
                };
                (year, month, days_in_month(year, month))
            }
            Period::CalendarYear(y) | Period::CalendarYears { end: y, .. } => (y, 12, 31),
            Period::Month { year, month } => (year, month, days_in_month(year, month)),
            Period::Date { year, month, day } => (year, month, day),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum YearKind {
    Fiscal,
    Calendar,
}

/// `FY2023` / `CY2023` (either case) → kind and year.
fn prefixed_year(s: &str) -> Option<(YearKind, i32)> {
    let s = s.trim();
    let (prefix, rest) = (s.get(..2)?, s.get(2..)?);
    let kind = if prefix.eq_ignore_ascii_case("FY") {
        YearKind::Fiscal
    } else if prefix.eq_ignore_ascii_case("CY") {
        YearKind::Calendar
    } else {
        return None;
    };
    Some((kind, digits4(rest)?))
}

fn digits4(s: &str) -> Option<i32> {
    (s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn digits2(s: &str) -> Option<u8> {
    ((1..=2).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

impl fmt::Display for Period {
    /// The canonical text form.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Period::FiscalYear(y) => write!(f, "FY{y}"),
            Period::CalendarYear(y) => write!(f, "CY{y}"),
            Period::FiscalYears { start, end } => write!(f, "FY{start}-FY{end}"),
            Period::CalendarYears { start, end } => write!(f, "CY{start}-CY{end}"),
            Period::Month { year, month } => write!(f, "{year}-{month:02}"),
            Period::Date { year, month, day } => write!(f, "{year}-{month:02}-{day:02}"),
        }
    }
}

impl FromStr for Period {
    type Err = PeriodError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Period::parse(s)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_from_days_counts_from_1970() {
        use super::civil_from_days;
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(19_417), (2023, 3, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    use super::*;

    fn check(text: &str, expected: Period) {
        assert_eq!(Period::parse(text), Ok(expected), "{text}");
    }

    fn check_err(text: &str, kind: PeriodErrorKind) {
        assert_eq!(Period::parse(text).map_err(|e| e.kind), Err(kind), "{text}");
    }

    #[test]
    fn canonical_forms_parse() {
        check("FY2023", Period::FiscalYear(2023));
        check("fy2023", Period::FiscalYear(2023));
        check(" CY2019 ", Period::CalendarYear(2019));
        check(
            "FY2021-FY2023",
            Period::FiscalYears {
                start: 2021,
                end: 2023,
            },
        );
        check(
            "CY2021-CY2023",
            Period::CalendarYears {
                start: 2021,
                end: 2023,
            },
        );
        check(
            "2019-08",
            Period::Month {
                year: 2019,
                month: 8,
            },
        );
        check(
            "2019-8",
            Period::Month {
                year: 2019,
                month: 8,
            },
        );
        check(
            "2019-09-30",
            Period::Date {
                year: 2019,
                month: 9,
                day: 30,
            },
        );
        check(
            "2024-02-29",
            Period::Date {
                year: 2024,
                month: 2,
                day: 29,
            },
        );
    }

    #[test]
    fn one_year_window_is_that_year() {
        check("FY2023-FY2023", Period::FiscalYear(2023));
    }

    #[test]
    fn non_periods_are_rejected_with_a_reason() {
        check_err("", PeriodErrorKind::Syntax);
        check_err("2023", PeriodErrorKind::Syntax);
        check_err("FY23", PeriodErrorKind::Syntax);
        check_err("FY2023-CY2024", PeriodErrorKind::InvalidWindow);
        check_err("FY2024-FY2023", PeriodErrorKind::InvalidWindow);
        check_err("2019-13", PeriodErrorKind::InvalidDate);
        check_err("2023-02-29", PeriodErrorKind::InvalidDate);
        check_err("0999-01", PeriodErrorKind::YearOutOfRange);
        check_err("2019-08-01-02", PeriodErrorKind::Syntax);
        check_err("FY２０２３", PeriodErrorKind::Syntax);
    }

    #[test]
    fn error_message_says_what_was_expected() {
        let e = Period::parse("来年").unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("来年") && msg.contains("FY2023"), "{msg}");
    }

    #[test]
    fn fiscal_year_bounds_follow_the_start_month() {
        let april = FiscalStart::APRIL;
        assert_eq!(Period::FiscalYear(2023).first_day(april), (2023, 4, 1));
        assert_eq!(Period::FiscalYear(2023).last_day(april), (2024, 3, 31));
        let jan = FiscalStart::new(1).unwrap();
        assert_eq!(Period::FiscalYear(2023).last_day(jan), (2023, 12, 31));
        let july = FiscalStart::new(7).unwrap();
        assert_eq!(Period::FiscalYear(2023).last_day(july), (2024, 6, 30));
    }

    #[test]
    fn months_fall_in_the_fiscal_year_that_contains_them() {
        let april = FiscalStart::APRIL;
        assert_eq!(
            Period::Month {
                year: 2019,
                month: 8
            }
            .end_year(april),
            2019
        );
        assert_eq!(
            Period::Month {
                year: 2020,
                month: 3
            }
            .end_year(april),
            2019
        );
        assert_eq!(
            Period::Date {
                year: 2020,
                month: 4,
                day: 1
            }
            .end_year(april),
            2020
        );
    }

    #[test]
    fn windows_span_their_years() {
        let w = Period::FiscalYears {
            start: 2022,
            end: 2026,
        };
        assert_eq!(w.year_span(FiscalStart::APRIL), (2022, 2026));
        assert_eq!(w.year_count(), 5);
        assert!(w.is_window());
        assert_eq!(Period::FiscalYear(2022).year_count(), 1);
    }
}
