//! The Actuals CSV reader against the files offices hand over: headers in English or
//! Japanese in any order, UTF-8 with and without BOM, UTF-16, Shift_JIS from Excel,
//! full-width digits, `△` minus, milestone states, breakdowns, and broken rows, each of which
//! must come back as an error with its line and column.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::str::FromStr;

use shinchoku_core::indicator::ObservationStatus;
use shinchoku_core::lang::{Lang, Localize};
use shinchoku_core::period::Period;
use shinchoku_core::quantity::Unit;
use shinchoku_core::text::fold_printed_name;
use shinchoku_core::Decimal;
use shinchoku_import::actuals::{
    ActualRow, ActualsErrorKind, ActualsReader, RawValue, RowError, RowErrorKind,
};

const FILE: &str = "actuals.csv";

/// Every row and every error of a file, in order.
fn read(bytes: &[u8]) -> (Vec<ActualRow>, Vec<RowError>) {
    let reader = ActualsReader::new(bytes, FILE).unwrap_or_else(|e| panic!("{e}"));
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for item in reader {
        match item {
            Ok(r) => rows.push(r),
            Err(e) => errors.push(e),
        }
    }
    (rows, errors)
}

/// The rows of a file that must read without any error.
fn rows(text: &str) -> Vec<ActualRow> {
    let (rows, errors) = read(text.as_bytes());
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
    rows
}

/// The one value of a one-row file with the given value cell.
fn value(cell: &str) -> Result<RawValue, String> {
    let text = format!("plan,indicator,period,value\np,i,FY2023,{cell}\n");
    let (rows, errors) = read(text.as_bytes());
    match (rows.as_slice(), errors.as_slice()) {
        ([r], []) => Ok(r.value.clone()),
        ([], [e, ..]) => Err(e.to_string()),
        _ => panic!("{rows:?} {errors:?}"),
    }
}

fn num(s: &str) -> RawValue {
    RawValue::Number(Decimal::from_str(s).unwrap())
}

fn header_error(text: &[u8]) -> shinchoku_import::actuals::ActualsError {
    ActualsReader::new(text, FILE).expect_err("the header must be refused")
}

// --- headers -------------------------------------------------------------------------------

#[test]
fn the_four_required_columns_are_enough() {
    let r = rows("plan,indicator,period,value\nyamaguchi-industry-2022,i1,FY2023,42\n");
    assert_eq!(r.len(), 1);
    let r = &r[0];
    assert_eq!(r.line, 2);
    assert_eq!(r.plan, "yamaguchi-industry-2022");
    assert_eq!(r.indicator, "i1");
    assert_eq!(r.period, Period::FiscalYear(2023));
    assert_eq!(r.value, num("42"));
    assert_eq!(
        (&r.status, &r.as_of, &r.source, &r.note, &r.breakdown),
        (&None, &None, &None, &None, &None)
    );
}

#[test]
fn columns_may_come_in_any_order_with_any_subset_of_the_optional_ones() {
    let r = rows(
        "note, VALUE ,Period,status,Indicator,plan\n\
         速報値です,12.5,FY2024,provisional,企業誘致件数,p\n",
    );
    assert_eq!(r[0].value, num("12.5"));
    assert_eq!(r[0].indicator, "企業誘致件数");
    assert_eq!(r[0].status, Some(ObservationStatus::Provisional));
    assert_eq!(r[0].note.as_deref(), Some("速報値です"));
    assert_eq!(r[0].source, None);
}

#[test]
fn japanese_header_names_are_aliases() {
    let r = rows(
        "計画,指標,年度,実績値,状態,時点,資料,備考,内訳\n\
         p,i1,令和5年度,1,確定,R6.3,県統計,なし,性別=女性\n",
    );
    let r = &r[0];
    assert_eq!(r.period, Period::FiscalYear(2023));
    assert_eq!(r.status, Some(ObservationStatus::Final));
    assert_eq!(
        r.as_of,
        Some(Period::Month {
            year: 2024,
            month: 3
        })
    );
    assert_eq!(r.source.as_deref(), Some("県統計"));
    assert_eq!(
        r.breakdown,
        Some(vec![("性別".to_owned(), "女性".to_owned())])
    );
    let r = rows("計画,指標,期間,値,出典\np,i1,FY2023,1,x\n");
    assert_eq!(r[0].source.as_deref(), Some("x"));
}

#[test]
fn an_unknown_column_is_an_error_naming_it_with_a_suggestion() {
    let e = header_error(b"plan,indicater,period,value,region\n");
    assert_eq!(e.kind, ActualsErrorKind::Header);
    assert_eq!(e.line, 1);
    let m = e.to_string();
    assert!(m.starts_with("actuals.csv:1: "), "{m}");
    assert!(
        m.contains("\"indicater\" (did you mean \"indicator\"?)"),
        "{m}"
    );
    assert!(m.contains("\"region\""), "{m}");
    assert!(m.contains("missing required column \"indicator\""), "{m}");
}

#[test]
fn a_missing_required_column_is_an_error_naming_it() {
    let e = header_error("plan,指標,status\n".as_bytes());
    assert_eq!(e.kind, ActualsErrorKind::Header);
    let m = e.to_string();
    assert!(
        m.contains("missing required columns \"period\", \"value\""),
        "{m}"
    );
}

#[test]
fn a_column_named_twice_is_an_error() {
    let e = header_error("plan,indicator,period,value,年度\n".as_bytes());
    assert!(
        e.problem.to_string().contains("named twice"),
        "{}",
        e.problem
    );
    assert!(
        e.problem.to_string().contains("\"年度\" (period)"),
        "{}",
        e.problem
    );
}

#[test]
fn an_empty_file_and_a_workbook_are_refused_with_a_hint() {
    assert_eq!(header_error(b"").kind, ActualsErrorKind::Empty);
    assert_eq!(header_error(b"\n\n").kind, ActualsErrorKind::Empty);
    let e = header_error(b"PK\x03\x04\x14\x00\x06\x00");
    assert_eq!(e.kind, ActualsErrorKind::NotText);
    assert!(e.problem.to_string().contains("CSV UTF-8"), "{}", e.problem);
    let e = header_error(b"p\0l\0a\0n\0");
    assert_eq!(e.kind, ActualsErrorKind::NotText);
    assert!(e.problem.to_string().contains("UTF-16"), "{}", e.problem);
}

#[test]
fn the_header_may_follow_blank_lines_and_line_numbers_count_them() {
    let r = rows("\n\nplan,indicator,period,value\np,i,FY2023,1\n");
    assert_eq!(r[0].line, 4);
    let e = header_error(b"\n\nplan,x\n");
    assert_eq!(e.line, 3);
}

#[test]
fn an_empty_header_cell_is_allowed_while_its_column_stays_empty() {
    let (rows, errors) = read(b"plan,indicator,period,value,,\np,i,FY2023,1,,\np,i,FY2024,2,,x\n");
    assert_eq!(rows.len(), 1);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].kind, RowErrorKind::UnnamedColumn);
    assert_eq!(errors[0].line, 3);
    assert!(
        errors[0].problem.to_string().contains("field 6"),
        "{}",
        errors[0]
    );
}

// --- encodings -----------------------------------------------------------------------------

const JAPANESE: &str = "計画,指標,年度,値,備考\r\n\
     yamaguchi-industry-2022,企業誘致件数,令和5年度,\"1,234\",①速報～確定\r\n\
     yamaguchi-industry-2022,県内就業率,R4,△12.5,㈱調べ\r\n";

fn check_japanese(bytes: &[u8], encoding: &str) {
    let reader = ActualsReader::new(bytes, FILE).unwrap();
    let rows: Vec<ActualRow> = reader.map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2, "{encoding}");
    assert_eq!(rows[0].indicator, "企業誘致件数", "{encoding}");
    assert_eq!(rows[0].value, num("1234"), "{encoding}");
    assert_eq!(rows[0].note.as_deref(), Some("①速報～確定"), "{encoding}");
    assert_eq!(rows[1].period, Period::FiscalYear(2022), "{encoding}");
    assert_eq!(rows[1].value, num("-12.5"), "{encoding}");
    assert_eq!(rows[1].note.as_deref(), Some("㈱調べ"), "{encoding}");
    assert_eq!(rows[1].line, 3);
    let reader = ActualsReader::new(bytes, FILE).unwrap();
    let _ = reader.count();
}

#[test]
fn utf8_with_and_without_a_byte_order_mark() {
    check_japanese(JAPANESE.as_bytes(), "UTF-8");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(JAPANESE.as_bytes());
    check_japanese(&bom, "UTF-8 BOM");
    let mut reader = ActualsReader::new(bom.as_slice(), FILE).unwrap();
    assert_eq!(reader.encoding(), "UTF-8");
    assert!(reader.next().unwrap().is_ok());
}

#[test]
fn shift_jis_as_excel_writes_it_is_detected_and_converted() {
    let (bytes, _, bad) = encoding_rs::SHIFT_JIS.encode(JAPANESE);
    assert!(!bad);
    check_japanese(&bytes, "Shift_JIS");
    let mut reader = ActualsReader::new(&bytes[..], FILE).unwrap();
    assert!(reader.next().unwrap().is_ok());
    assert_eq!(reader.encoding(), "Shift_JIS");
}

#[test]
fn shift_jis_is_detected_even_after_many_ascii_rows() {
    let mut text = String::from("plan,indicator,period,value\n");
    for y in 0..5000 {
        text.push_str(&format!("p,i{y},FY2023,{y}\n"));
    }
    text.push_str("p,企業誘致件数,令和5年度,7\n");
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(sjis.len() > 64 * 1024);
    for bytes in [&sjis[..], text.as_bytes()] {
        let (rows, errors) = read(bytes);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(rows.len(), 5001);
        assert_eq!(rows[5000].indicator, "企業誘致件数");
        assert_eq!(rows[5000].line, 5002);
    }
}

#[test]
fn utf16_with_a_byte_order_mark() {
    for big_endian in [false, true] {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for u in JAPANESE.encode_utf16() {
            let b = if big_endian {
                u.to_be_bytes()
            } else {
                u.to_le_bytes()
            };
            bytes.extend_from_slice(&b);
        }
        check_japanese(&bytes, "UTF-16");
    }
}

#[test]
fn bad_bytes_in_a_shift_jis_file_are_an_error_at_their_line_and_column() {
    let (good, _, _) = encoding_rs::SHIFT_JIS.encode(JAPANESE);
    let mut bytes = good.into_owned();
    // A lead byte with nothing valid after it, in the note of a third row.
    bytes.extend_from_slice(b"p,i,FY2024,3,abc\x81\xFFdef\r\np,i,FY2025,4,ok\r\n");
    let (rows, errors) = read(&bytes);
    assert_eq!(rows.len(), 3);
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!(
        (e.line, e.field, e.kind),
        (4, Some("note"), RowErrorKind::Encoding)
    );
    assert!(e.problem.to_string().contains("not Shift_JIS"), "{e}");
}

#[test]
fn bad_bytes_in_a_utf8_file_are_an_error_at_their_line_and_column() {
    let mut bytes = JAPANESE.as_bytes().to_vec();
    bytes.extend_from_slice(b"p,i\xFF,FY2024,3,x\n");
    let (rows, errors) = read(&bytes);
    assert_eq!(rows.len(), 2);
    let e = &errors[0];
    assert_eq!(
        (e.line, e.field, e.kind),
        (4, Some("indicator"), RowErrorKind::Encoding)
    );
    assert!(e.problem.to_string().contains("0xFF"), "{e}");
}

// --- values --------------------------------------------------------------------------------

#[test]
fn numbers_with_separators_full_width_digits_and_japanese_minus() {
    assert_eq!(value("\"1,234.5\""), Ok(num("1234.5")));
    assert_eq!(value("１２３"), Ok(num("123")));
    assert_eq!(value("\"１，２３４．５\""), Ok(num("1234.5")));
    assert_eq!(value("△12"), Ok(num("-12")));
    assert_eq!(value("\"▲1,000\""), Ok(num("-1000")));
    assert_eq!(value("−5"), Ok(num("-5")));
    assert_eq!(value("-0.25"), Ok(num("-0.25")));
    assert_eq!(value("+7"), Ok(num("7")));
    assert_eq!(value(" 98.10 "), Ok(num("98.10")));
    assert_eq!(
        value("0.1234567890123456789012345678"),
        Ok(num("0.1234567890123456789012345678"))
    );
}

#[test]
fn an_empty_value_or_a_dash_is_empty() {
    assert_eq!(value(""), Ok(RawValue::Empty));
    assert_eq!(value("  "), Ok(RawValue::Empty));
    assert_eq!(value("-"), Ok(RawValue::Empty));
    assert_eq!(value("—"), Ok(RawValue::Empty));
}

#[test]
fn milestone_states_are_kept_as_text() {
    assert_eq!(value("実施中"), Ok(RawValue::Text("実施中".to_owned())));
    assert_eq!(value("検討中"), Ok(RawValue::Text("検討中".to_owned())));
    assert_eq!(value("未定"), Ok(RawValue::Text("未定".to_owned())));
}

#[test]
fn a_number_with_a_unit_is_read_with_its_unit_as_excel_writes_it() {
    let with = |n: &str, u: &str| RawValue::WithUnit(Decimal::from_str(n).unwrap(), Unit::new(u));
    assert_eq!(value("22.5%"), Ok(with("22.5", "%")));
    assert_eq!(value("２２．５％"), Ok(with("22.5", "%")));
    assert_eq!(value("22.5 %"), Ok(with("22.5", "%")));
    assert_eq!(value("27件"), Ok(with("27", "件")));
    assert_eq!(value("\"1,234人\""), Ok(with("1234", "人")));
    assert_eq!(value("△5%"), Ok(with("-5", "%")));
    // A compound is held in its last unit, as in plan documents; the store converts.
    assert_eq!(value("\"1億5,000万円\""), Ok(with("15000", "万円")));
    // Any unit is read; whether it is the indicator's own is the store's check.
    assert_eq!(value("22.5kg"), Ok(with("22.5", "kg")));
}

#[test]
fn malformed_numbers_and_numbers_with_marks_are_refused_with_a_hint() {
    let e = value("\"1,23\"").unwrap_err();
    assert!(
        e.starts_with("actuals.csv:2: column \"value\": \"1,23\""),
        "{e}"
    );
    assert!(e.contains("groups of three"), "{e}");
    let e = value("15件以上").unwrap_err();
    assert!(e.contains("write the number alone (15)"), "{e}");
    let e = value("98%以上").unwrap_err();
    assert!(e.contains("not a plain number"), "{e}");
    let e = value("1.23E+11").unwrap_err();
    assert!(e.contains("scientific notation"), "{e}");
    let e = value("99999999999999999999999999999999").unwrap_err();
    assert!(e.contains("28 significant digits"), "{e}");
    let e = value("△-5").unwrap_err();
    assert!(e.contains("not a number"), "{e}");
}

// --- periods, status, breakdown ------------------------------------------------------------

fn period(cell: &str) -> Result<Period, String> {
    let text = format!("plan,indicator,period,value\np,i,{cell},1\n");
    let (rows, errors) = read(text.as_bytes());
    match (rows.as_slice(), errors.as_slice()) {
        ([r], []) => Ok(r.period),
        ([], [e]) => Err(e.to_string()),
        _ => panic!("{rows:?} {errors:?}"),
    }
}

#[test]
fn periods_in_canonical_bare_and_japanese_forms() {
    assert_eq!(period("FY2023"), Ok(Period::FiscalYear(2023)));
    assert_eq!(period("CY2023"), Ok(Period::CalendarYear(2023)));
    assert_eq!(period("2023"), Ok(Period::FiscalYear(2023)));
    assert_eq!(period("２０２３"), Ok(Period::FiscalYear(2023)));
    assert_eq!(period("令和5年度"), Ok(Period::FiscalYear(2023)));
    assert_eq!(period("R5"), Ok(Period::FiscalYear(2023)));
    assert_eq!(period("令和元年度"), Ok(Period::FiscalYear(2019)));
    assert_eq!(
        period("2019-08"),
        Ok(Period::Month {
            year: 2019,
            month: 8
        })
    );
    assert_eq!(
        period("2019-08-31"),
        Ok(Period::Date {
            year: 2019,
            month: 8,
            day: 31
        })
    );
}

#[test]
fn a_bad_period_is_an_error_naming_the_input_and_the_forms_expected() {
    let e = period("2023年x").unwrap_err();
    assert!(
        e.starts_with("actuals.csv:2: column \"period\": \"2023年x\" is not a period (expected FY2023, CY2023"),
        "{e}"
    );
    assert!(e.contains("令和5年度"), "{e}");
    let e = period("FY2022-FY2026").unwrap_err();
    assert!(e.contains("window"), "{e}");
    let e = period("2019-02-30").unwrap_err();
    assert!(e.contains("does not exist"), "{e}");
    let e = period("").unwrap_err();
    assert!(e.contains("empty"), "{e}");
}

#[test]
fn statuses_in_english_and_japanese() {
    let r = rows(
        "plan,indicator,period,value,status\n\
         p,i,FY2023,1,確定\np,i,FY2023,1,速報\np,i,FY2023,1,見込\np,i,FY2023,1,Final\n\
         p,i,FY2023,1,\n",
    );
    let s: Vec<_> = r.iter().map(|r| r.status).collect();
    use ObservationStatus::*;
    assert_eq!(
        s,
        [
            Some(Final),
            Some(Provisional),
            Some(Estimate),
            Some(Final),
            None
        ]
    );
    let (_, errors) = read(b"plan,indicator,period,value,status\np,i,FY2023,1,done\n");
    assert_eq!(errors[0].kind, RowErrorKind::Status);
    assert!(errors[0].problem.to_string().contains("provisional (速報)"));
}

#[test]
fn breakdowns_are_key_value_pairs_in_the_order_written() {
    let r = rows(
        "plan,indicator,period,value,breakdown\n\
         p,i,FY2023,1,性別=女性\n\
         p,i,FY2023,1,性別＝女性；地域＝岩国\n\
         p,i,FY2023,1, 性別 = 男性 ; 地域=周南; \n\
         p,i,FY2023,1,\n",
    );
    let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    assert_eq!(r[0].breakdown, Some(vec![pair("性別", "女性")]));
    assert_eq!(
        r[1].breakdown,
        Some(vec![pair("性別", "女性"), pair("地域", "岩国")])
    );
    assert_eq!(
        r[2].breakdown,
        Some(vec![pair("性別", "男性"), pair("地域", "周南")])
    );
    assert_eq!(r[3].breakdown, None);
    let (_, errors) = read(
        "plan,indicator,period,value,breakdown\np,i,FY2023,1,女性\np,i,FY2023,1,a=1;a=2\n\
         p,i,FY2023,1,=x\n"
            .as_bytes(),
    );
    let lines: Vec<_> = errors.iter().map(|e| (e.line, e.kind)).collect();
    assert_eq!(
        lines,
        [
            (2, RowErrorKind::Breakdown),
            (3, RowErrorKind::Breakdown),
            (4, RowErrorKind::Breakdown)
        ]
    );
    assert!(
        errors[1].problem.to_string().contains("twice"),
        "{}",
        errors[1]
    );
}

// --- rows and lines ------------------------------------------------------------------------

#[test]
fn line_numbers_stay_right_after_a_quoted_multi_line_value() {
    let (rows, errors) = read(
        "plan,indicator,period,value,note\n\
         p,i,FY2022,1,\"一行目\n二行目\n三行目\"\n\
         p,i,FY2023,2,x\n\
         p,i,FY2024,1.2.3,x\n"
            .as_bytes(),
    );
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0].line, 2);
    assert_eq!(rows[0].note.as_deref(), Some("一行目\n二行目\n三行目"));
    assert_eq!(rows[1].line, 5);
    assert_eq!(errors[0].line, 6);
}

#[test]
fn an_unclosed_quote_that_swallows_rows_is_an_error() {
    let (rows, errors) = read(
        b"plan,indicator,period,value,note\n\
          p,i,FY2022,1,\"oops\n\
          p,i,FY2023,2,x\n\
          p,i,FY2024,3,y\n",
    );
    assert!(rows.is_empty());
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].kind, RowErrorKind::UnclosedQuote);
    assert_eq!(errors[0].line, 2);
    assert!(
        errors[0].problem.to_string().contains("closing quote"),
        "{}",
        errors[0]
    );
}

#[test]
fn blank_lines_and_rows_of_empty_cells_are_skipped() {
    let r = rows("plan,indicator,period,value\n\np,i,FY2023,1\n,,,\n\r\n  \np,i,FY2024,2\n");
    let lines: Vec<u64> = r.iter().map(|r| r.line).collect();
    assert_eq!(lines, [3, 7]);
}

#[test]
fn the_last_row_may_lack_a_line_break() {
    let r = rows("plan,indicator,period,value\r\np,i,FY2023,\"1,234\"");
    assert_eq!((r[0].line, &r[0].value), (2, &num("1234")));
    let r = rows("plan,indicator,period,value\np,i,FY2023,5");
    assert_eq!((r[0].line, &r[0].value), (2, &num("5")));
    assert!(rows("plan,indicator,period,value").is_empty());
}

#[test]
fn every_error_in_a_file_is_reported_with_its_line() {
    let (rows, errors) = read(
        "plan,indicator,period,value,status\n\
         p,i,FY2023,1,final\n\
         p,i,FY2023\n\
         p,i,FY2023,1,final,extra\n\
         ,,2023年x,1.2.3,bad\n\
         p,i,FY2024,\"1,234\",estimate\n\
         p,i,FY2024,1,234,estimate\n"
            .as_bytes(),
    );
    assert_eq!(rows.len(), 2);
    assert_eq!((rows[0].line, rows[1].line), (2, 6));
    let got: Vec<(u64, Option<&str>, RowErrorKind)> =
        errors.iter().map(|e| (e.line, e.field, e.kind)).collect();
    assert_eq!(
        got,
        [
            (3, None, RowErrorKind::FieldCount),
            (4, None, RowErrorKind::FieldCount),
            (5, Some("plan"), RowErrorKind::Missing),
            (5, Some("indicator"), RowErrorKind::Missing),
            (5, Some("period"), RowErrorKind::Period),
            (5, Some("value"), RowErrorKind::Value),
            (5, Some("status"), RowErrorKind::Status),
            (7, None, RowErrorKind::FieldCount),
        ]
    );
    assert!(errors[0]
        .to_string()
        .starts_with("actuals.csv:3: 3 fields where the header has 5"));
    assert!(
        errors[7].problem.to_string().contains("\"1,234\""),
        "{}",
        errors[7]
    );
}

#[test]
fn errors_come_in_the_order_of_the_columns_in_the_file() {
    let (_, errors) = read(b"value,period,plan,indicator\n1.2.3,bad,p,i\n");
    let fields: Vec<_> = errors.iter().map(|e| e.field).collect();
    assert_eq!(fields, [Some("value"), Some("period")]);
}

#[test]
fn an_io_error_ends_the_rows_with_an_error() {
    /// Gives its bytes, then fails.
    struct Failing(std::io::Cursor<Vec<u8>>);
    impl std::io::Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            match self.0.read(buf)? {
                0 => Err(std::io::Error::other("disk gone")),
                n => Ok(n),
            }
        }
    }
    // Small files fail while the head is read.
    let small = Failing(std::io::Cursor::new(
        b"plan,indicator,period,value
"
        .to_vec(),
    ));
    let e = ActualsReader::new(small, FILE).expect_err("the read error surfaces");
    assert_eq!(e.kind, ActualsErrorKind::Io);
    assert!(e.problem.to_string().contains("disk gone"));
    // Longer ones after the rows read so far.
    let mut text = String::from("plan,indicator,period,value\n");
    for i in 0..10_000 {
        text.push_str(&format!("p,i{i},FY2023,{i}\n"));
    }
    let big = Failing(std::io::Cursor::new(text.into_bytes()));
    let items: Vec<_> = ActualsReader::new(big, FILE).unwrap().collect();
    assert_eq!(items.len(), 10_001);
    let last = items.last().unwrap().as_ref().unwrap_err();
    assert_eq!(last.kind, RowErrorKind::Io);
    assert!(last.problem.to_string().contains("disk gone"), "{last}");
}

#[test]
fn names_are_normalised_as_the_extractor_compares_them() {
    assert_eq!(
        fold_printed_name(" 中小企業の I o T 導入率 "),
        "中小企業のIoT導入率"
    );
    assert_eq!(fold_printed_name("ＩｏＴ　導入率※1"), "IoT導入率");
    let r = rows("plan,indicator,period,value\np,  企業 誘致件数  ,FY2023,1\n");
    assert_eq!(r[0].indicator, "企業 誘致件数");
    assert_eq!(fold_printed_name(&r[0].indicator), "企業誘致件数");
}

#[test]
fn the_reader_says_which_columns_the_header_has() {
    let r = ActualsReader::new(&b"plan,indicator,period,value,note\n"[..], FILE).unwrap();
    assert!(r.has_column("note"));
    assert!(!r.has_column("status"));
    assert!(format!("{r:?}").contains("actuals.csv"));
}

// --- every refusal in both languages -------------------------------------------------------

/// Every way the reader refuses a file or a row, told in Japanese and in English: the same
/// place (`FILE:LINE: `, the column), the facts (the cell as written) and a hint at the fix in
/// both. `(file, English, Japanese)`, each the start of the first error's message.
#[test]
fn every_refusal_is_told_in_japanese_and_in_english_at_the_same_place() {
    let h = "plan,indicator,period,value,status,breakdown\n";
    let row = |cells: &str| format!("{h}{cells}\n").into_bytes();
    let table: Vec<(Vec<u8>, &str, &str)> = vec![
        // The file as a whole.
        (
            b"".to_vec(),
            "actuals.csv:1: the file is empty",
            "actuals.csv:1: ファイルが空です。1行目に plan,indicator,period,value",
        ),
        (
            b"PK\x03\x04rest".to_vec(),
            "actuals.csv:1: this is a ZIP archive",
            "actuals.csv:1: これは ZIP 形式のファイル（xlsx のブック？）で、CSV ではありません。Excel で「名前を付けて保存」",
        ),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec(),
            "actuals.csv:1: this is an old Excel workbook (xls)",
            "actuals.csv:1: これは古い形式の Excel ブック（xls）",
        ),
        (
            b"plan,ind\0".to_vec(),
            "actuals.csv:1: a NUL byte at byte offset 8",
            "actuals.csv:1: 8バイト目に NUL バイトがあります",
        ),
        (
            b"plan,indicater,period,value,region,\xe5\xb9\xb4\xe5\xba\xa6\n".to_vec(),
            "actuals.csv:1: the header has missing required column \"indicator\"; unknown columns \"indicater\" (did you mean \"indicator\"?), \"region\"; column named twice: \"年度\" (period)",
            "actuals.csv:1: 見出し行に問題があります（必須の列「indicator」がありません。知らない列「indicater」（「indicator」の誤り？）、「region」があります。同じ列が2回あります: 「年度」（period））",
        ),
        // Rows.
        (
            row("p,i,FY2023"),
            "actuals.csv:2: 3 fields where the header has 6",
            "actuals.csv:2: 欄の数が3個ですが、見出しは6個です",
        ),
        (
            row(",i,FY2023,1,,"),
            "actuals.csv:2: column \"plan\": empty: every row needs the code of its plan",
            "actuals.csv:2: 列「plan」: 空欄です。どの行にも計画のコードが必要です",
        ),
        (
            row("p,,FY2023,1,,"),
            "actuals.csv:2: column \"indicator\": empty",
            "actuals.csv:2: 列「indicator」: 空欄です。どの行にも指標の id か名前が必要です",
        ),
        (
            row("p,i,,1,,"),
            "actuals.csv:2: column \"period\": empty",
            "actuals.csv:2: 列「period」: 空欄です。どの行にも値の年度",
        ),
        (
            row("p,i,FY2022-FY2024,1,,"),
            "actuals.csv:2: column \"period\": \"FY2022-FY2024\" is a window of years",
            "actuals.csv:2: 列「period」: 「FY2022-FY2024」は複数年の期間（FY2022-FY2024）です",
        ),
        (
            row("p,i,2023-13,1,,"),
            "actuals.csv:2: column \"period\": \"2023-13\" names a month or day that does not exist",
            "actuals.csv:2: 列「period」: 「2023-13」は存在しない月か日です",
        ),
        (
            row("p,i,令和x年,1,,"),
            "actuals.csv:2: column \"period\": \"令和x年\" is not a period",
            "actuals.csv:2: 列「period」: 「令和x年」は年度として読めません。FY2023、",
        ),
        (
            row("p,i,FY2023,1.23E+11,,"),
            "actuals.csv:2: column \"value\": \"1.23E+11\" is in scientific notation",
            "actuals.csv:2: 列「value」: 「1.23E+11」は指数表記です",
        ),
        (
            row("p,i,FY2023,98%以上,,"),
            "actuals.csv:2: column \"value\": \"98%以上\" is not a plain number: write the number alone (98)",
            "actuals.csv:2: 列「value」: 「98%以上」は数値だけではありません。数値だけ（98）を",
        ),
        (
            row("p,i,FY2023,1.2.3,,"),
            "actuals.csv:2: column \"value\": \"1.2.3\" is a malformed number",
            "actuals.csv:2: 列「value」: 「1.2.3」は数値の書き方が正しくありません",
        ),
        (
            row("p,i,FY2023,99999999999999999999999999999999,,"),
            "actuals.csv:2: column \"value\": \"99999999999999999999999999999999\" is too large",
            "actuals.csv:2: 列「value」: 「99999999999999999999999999999999」は大きすぎるか",
        ),
        (
            row("p,i,FY2023,△-5,,"),
            "actuals.csv:2: column \"value\": \"△-5\" is not a number",
            "actuals.csv:2: 列「value」: 「△-5」は数値として読めません",
        ),
        (
            row("p,i,FY2023,1,sure,"),
            "actuals.csv:2: column \"status\": \"sure\" is not a status",
            "actuals.csv:2: 列「status」: 「sure」は状態として読めません。final（確定）",
        ),
        (
            row("p,i,FY2023,1,,性別"),
            "actuals.csv:2: column \"breakdown\": \"性別\" has no \"=\" in \"性別\"",
            "actuals.csv:2: 列「breakdown」: 「性別」の「性別」に「=」がありません",
        ),
        (
            row("p,i,FY2023,1,,性別=女=男"),
            "actuals.csv:2: column \"breakdown\": \"性別=女=男\" has \"性別=女=男\", which is not one key and one value",
            "actuals.csv:2: 列「breakdown」: 「性別=女=男」の「性別=女=男」は1つのキーと1つの値ではありません",
        ),
        (
            row("p,i,FY2023,1,,性別=女;性別=男"),
            "actuals.csv:2: column \"breakdown\": \"性別=女;性別=男\" names \"性別\" twice",
            "actuals.csv:2: 列「breakdown」: 「性別=女;性別=男」はキー「性別」を2回書いています",
        ),
        (
            row("p,i,FY2023,1,,;"),
            "actuals.csv:2: column \"breakdown\": \";\" has no pair",
            "actuals.csv:2: 列「breakdown」: 「;」には組がありません",
        ),
        (
            format!("{h}p,i,FY2023,1,,,x\n").into_bytes(),
            "actuals.csv:2: 7 fields where the header has 6",
            "actuals.csv:2: 欄の数が7個ですが",
        ),
        (
            b"plan,indicator,period,value,\np,i,FY2023,1,x\n".to_vec(),
            "actuals.csv:2: a value in field 5, whose header cell is empty",
            "actuals.csv:2: 5番目の欄に値がありますが、その列の見出しが空です",
        ),
        (
            b"plan,indicator,period,value,note\np,i,FY2022,1,\"oops\np,i,FY2023,2,x\n".to_vec(),
            "actuals.csv:2: column \"note\": a quoted value that runs over 2 lines",
            "actuals.csv:2: 列「note」: 引用符で囲んだ値が2行にわたり",
        ),
        (
            b"plan,indicator,period,value\np,i,FY2023,\xe5\xae\x9f\xff\n".to_vec(),
            "actuals.csv:2: column \"value\": \"実\u{FFFD}\" holds bytes that are not UTF-8",
            "actuals.csv:2: 列「value」: 「実\u{FFFD}」に UTF-8 ではないバイトがあります",
        ),
        (
            "plan,indicator,period,value\np,i,FY2023,実\u{FFFD}\n".as_bytes().to_vec(),
            "actuals.csv:2: column \"value\": \"実\u{FFFD}\" holds U+FFFD",
            "actuals.csv:2: 列「value」: 「実\u{FFFD}」に U+FFFD（�）があります",
        ),
        (
            {
                let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(JAPANESE);
                let mut b = sjis.into_owned();
                b.extend_from_slice(b"p,i,FY2024,3,abc\x81\xFFdef\r\n");
                b
            },
            "actuals.csv:4: column \"note\": \"abc\u{FFFD}def\" holds bytes that are not Shift_JIS",
            "actuals.csv:4: 列「note」: 「abc\u{FFFD}def」に Shift_JIS ではないバイトがあります",
        ),
    ];
    for (bytes, en, ja) in table {
        let shown = String::from_utf8_lossy(&bytes).into_owned();
        let (english, japanese) = match ActualsReader::new(bytes.as_slice(), FILE) {
            Err(e) => (e.message(Lang::En), e.message(Lang::Ja)),
            Ok(reader) => {
                let e = reader
                    .filter_map(Result::err)
                    .next()
                    .unwrap_or_else(|| panic!("no error in {shown:?}"));
                (e.message(Lang::En), e.message(Lang::Ja))
            }
        };
        assert!(
            english.starts_with(en),
            "{shown:?}\n{english}\nshould start with\n{en}"
        );
        assert!(
            japanese.starts_with(ja),
            "{shown:?}\n{japanese}\nshould start with\n{ja}"
        );
        // No English sentence is left in the Japanese.
        assert!(!japanese.contains(" is "), "English left in {japanese}");
    }
}
