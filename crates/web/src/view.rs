//! How values are shown on a page: fiscal years with their era, numbers with their digits,
//! ratios as percentages, grades as a letter and a word.

use std::time::{SystemTime, UNIX_EPOCH};

use rust_decimal::Decimal;
use shinchoku_core::era;
use shinchoku_core::grading::{Grade, GradingScheme};
use shinchoku_core::period::Period;
use shinchoku_core::Lang;

use crate::i18n;

/// `令和5年度（2023年度）` in Japanese, `FY2023` in English.
pub fn fy(lang: Lang, year: i32) -> String {
    period(lang, Period::FiscalYear(year))
}

/// A period as people read it: `令和4年度（2022年度）～令和8年度（2026年度）`, `FY2022–FY2026`.
pub fn period(lang: Lang, p: Period) -> String {
    match lang {
        Lang::Ja => era::format_ja(p),
        Lang::En => era::format_en(p),
    }
}

/// A decimal with its own digits and thousands separators: `38,300`, `12.5`, `-0.25` (the
/// report crate's rule, so pages, reports and sheets print a value alike).
pub fn number(d: Decimal) -> String {
    shinchoku_report::progress::number(d)
}

/// A ratio as a percentage with one decimal (`62.4%`), `—` without one.
pub fn percent(d: Option<Decimal>) -> String {
    shinchoku_report::progress::percent(d)
}

/// A grade as a badge shows it: never by colour alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Badge {
    /// `A`, `B`, …, `—`.
    pub letter: String,
    /// `達成`, `on track`, …
    pub word: String,
    /// The CSS class of its colour: `grade-a` … `grade-d`, `grade-none`.
    pub class: String,
}

impl Badge {
    /// The badge of `grade` in `scheme`.
    pub fn of(scheme: &GradingScheme, grade: Option<Grade>, lang: Lang) -> Badge {
        let letter = scheme.label(grade).to_owned();
        let name = match grade {
            Some(_) => scheme.name_of(grade),
            None => "未把握",
        };
        Badge {
            class: grade_class(&letter),
            word: i18n::grade_word(lang, name),
            letter,
        }
    }

    /// The badge of a grade counted under its `label` (`A`, `—`).
    ///
    /// A grade is the index of the rule that gave it, and a label may name several rules (the
    /// built-in schemes' early `D` for "worse than the baseline"), so the label is looked up
    /// among the rules, not among the distinct labels, whose order differs.
    pub fn of_label(scheme: &GradingScheme, label: &str, lang: Lang) -> Badge {
        let grade = scheme
            .rules
            .iter()
            .rposition(|r| r.label == label)
            .and_then(|i| u8::try_from(i).ok())
            .map(Grade);
        Badge::of(scheme, grade, lang)
    }
}

fn grade_class(letter: &str) -> String {
    match letter {
        "A" | "B" | "C" | "D" => format!("grade-{}", letter.to_ascii_lowercase()),
        _ => "grade-none".into(),
    }
}

/// The fiscal year (April to March) of today's date, by the system clock in Japan (UTC+9).
pub fn current_fiscal_year() -> i32 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
        + 9 * 3600;
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let (year, month) = civil_year_month(days);
    if month >= 4 {
        year
    } else {
        year - 1
    }
}

/// The year and month of a day counted from 1970-01-01 (core's `civil_from_days`).
fn civil_year_month(days: i64) -> (i32, u32) {
    let (year, month, _) = shinchoku_core::period::civil_from_days(days);
    (
        i32::try_from(year).unwrap_or(i32::MAX),
        u32::try_from(month).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_keep_their_digits_with_separators() {
        let d = |s: &str| s.parse::<Decimal>().unwrap_or_default();
        assert_eq!(number(d("38300")), "38,300");
        assert_eq!(number(d("1234567.250")), "1,234,567.25");
        assert_eq!(number(d("-1000")), "-1,000");
        assert_eq!(number(d("999")), "999");
        assert_eq!(number(d("0.001")), "0.001");
    }

    #[test]
    fn percentages_have_one_decimal() {
        assert_eq!(percent("0.5604".parse().ok()), "56.0%");
        assert_eq!(percent(Some(Decimal::ONE)), "100.0%");
        assert_eq!(percent(None), "—");
    }

    #[test]
    fn fiscal_years_show_their_era_in_japanese() {
        assert_eq!(fy(Lang::Ja, 2023), "令和5年度（2023年度）");
        assert_eq!(fy(Lang::En, 2023), "FY2023");
    }

    #[test]
    fn a_counted_label_shows_its_own_letter_and_word() {
        // The pace scheme's rules are A, D, B, C, D: the labels counted are A, B, C, D.
        let scheme = GradingScheme::pace();
        for (label, word) in [
            ("A", "達成"),
            ("B", "順調"),
            ("C", "やや遅れ"),
            ("D", "遅れ"),
        ] {
            let b = Badge::of_label(&scheme, label, Lang::Ja);
            assert_eq!((b.letter.as_str(), b.word.as_str()), (label, word));
            assert_eq!(b.class, format!("grade-{}", label.to_ascii_lowercase()));
        }
        let none = Badge::of_label(&scheme, "—", Lang::En);
        assert_eq!((none.letter.as_str(), none.word.as_str()), ("—", "no data"));
        assert_eq!(none.class, "grade-none");
    }

    #[test]
    fn days_become_dates() {
        assert_eq!(civil_year_month(0), (1970, 1));
        // 2026-12-06 is day 20,793.
        assert_eq!(civil_year_month(20_793), (2026, 12));
        assert_eq!(civil_year_month(19_448), (2023, 4)); // 2023-04-01
    }
}
