//! Properties of the era module that examples cannot pin down: the parser survives any text, and
//! every display form reads back to the period it came from.

use proptest::prelude::*;
use shinchoku_core::era::{format_en, format_ja, format_short, parse_period, Era};
use shinchoku_core::period::{days_in_month, Period};

/// The characters period text is made of, in both widths, so random strings get deep into the
/// grammar instead of failing at the first character.
const VOCABULARY: &[&str] = &[
    "令和",
    "平成",
    "昭和",
    "大正",
    "明治",
    "R",
    "H",
    "S",
    "r",
    "元",
    "年",
    "度",
    "月",
    "日",
    "・",
    "．",
    ".",
    "/",
    "～",
    "〜",
    "~",
    "-",
    "−",
    "ー",
    "(",
    ")",
    "（",
    "）",
    "現在",
    "末",
    "時点",
    "FY",
    "CY",
    "0",
    "1",
    "2",
    "9",
    "１",
    "２",
    "19",
    "2019",
    "２０２３",
    "99999999999",
    " ",
    "\u{3000}",
];

fn vocabulary_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCABULARY), 0..16).prop_map(|v| v.concat())
}

fn year() -> impl Strategy<Value = i32> {
    1868..=2100i32
}

/// Any valid period, built only through the constructors.
fn any_period() -> impl Strategy<Value = Period> {
    let y = 1000..=9999i32;
    prop_oneof![
        y.clone()
            .prop_filter_map("in range", |y| Period::fiscal_year(y).ok()),
        y.clone()
            .prop_filter_map("in range", |y| Period::calendar_year(y).ok()),
        (y.clone(), 1..=30i32)
            .prop_filter_map("valid", |(s, n)| Period::fiscal_years(s, s + n).ok()),
        (y.clone(), 1..=30i32)
            .prop_filter_map("valid", |(s, n)| Period::calendar_years(s, s + n).ok()),
        (y.clone(), 1..=12u8).prop_filter_map("valid", |(y, m)| Period::month(y, m).ok()),
        (y, 1..=12u8, 1..=31u8).prop_filter_map("valid", |(y, m, d)| {
            (d <= days_in_month(y, m))
                .then(|| Period::date(y, m, d).ok())
                .flatten()
        }),
    ]
}

/// Periods in the years that have eras, where the Japanese display carries an era year.
fn era_period() -> impl Strategy<Value = Period> {
    prop_oneof![
        year().prop_map(Period::FiscalYear),
        year().prop_map(Period::CalendarYear),
        (year(), 1..=12u8).prop_map(|(year, month)| Period::Month { year, month }),
        (year(), 1..=40i32).prop_filter_map("valid", |(s, n)| Period::fiscal_years(s, s + n).ok()),
        (year(), 1..=40i32)
            .prop_filter_map("valid", |(s, n)| Period::calendar_years(s, s + n).ok()),
        (year(), 1..=12u8, 1..=31u8).prop_filter_map("valid", |(y, m, d)| {
            (d <= days_in_month(y, m))
                .then(|| Period::date(y, m, d).ok())
                .flatten()
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn parser_survives_any_text(text in "\\PC*") {
        let _ = parse_period(&text);
    }

    #[test]
    fn parser_survives_period_like_text(text in vocabulary_text()) {
        let _ = parse_period(&text);
    }

    #[test]
    fn japanese_display_reads_back(p in era_period()) {
        prop_assert_eq!(parse_period(&format_ja(p)), Ok(p), "{}", format_ja(p));
    }

    #[test]
    fn short_display_reads_back(p in any_period()) {
        prop_assert_eq!(parse_period(&format_short(p)), Ok(p), "{}", format_short(p));
    }

    #[test]
    fn japanese_display_reads_back_for_every_year(p in any_period()) {
        prop_assert_eq!(parse_period(&format_ja(p)), Ok(p), "{}", format_ja(p));
    }

    #[test]
    fn canonical_text_reads_back(p in any_period()) {
        prop_assert_eq!(Period::parse(&p.to_string()), Ok(p));
        prop_assert_eq!(parse_period(&p.to_string()), Ok(p));
    }

    #[test]
    fn english_years_and_windows_read_back(p in any_period()) {
        if !matches!(p, Period::Month { .. } | Period::Date { .. }) {
            prop_assert_eq!(parse_period(&format_en(p)), Ok(p), "{}", format_en(p));
        }
    }

    #[test]
    fn era_years_and_western_years_agree(y in year()) {
        let Some((era, n)) = Era::of_year(y) else {
            return Err(TestCaseError::fail(format!("no era for {y}")));
        };
        prop_assert_eq!(era.western_year(n), Some(y));
        let fiscal = format!("{}{}年度", era.name_ja(), n);
        prop_assert_eq!(parse_period(&fiscal), Ok(Period::FiscalYear(y)));
        let short = format!("{}{}", era.letter(), n);
        prop_assert_eq!(parse_period(&short), Ok(Period::FiscalYear(y)));
    }
}

/// Every year the task names, exhaustively rather than sampled: fiscal and calendar years
/// 1868–2100 and every month of them read back from their Japanese display.
#[test]
fn japanese_display_reads_back_for_every_era_year_and_month() {
    for y in 1868..=2100 {
        let mut all = vec![Period::FiscalYear(y), Period::CalendarYear(y)];
        all.extend((1..=12).map(|month| Period::Month { year: y, month }));
        for p in all {
            assert_eq!(parse_period(&format_ja(p)), Ok(p), "{}", format_ja(p));
        }
    }
}
