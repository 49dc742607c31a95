//! Breakdowns as data: keys, which units add up, and an indicator's rows by sex and by area
//! with the totals they give or are refused for.

use super::*;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn fy(y: i32) -> Period {
    Period::FiscalYear(y)
}

#[test]
fn a_key_is_a_dimension_and_a_member() {
    let ok = |d: &str, m: &str| Ok((d.to_owned(), m.to_owned()));
    let key = |k: &str| k.to_owned();
    for (text, expected) in [
        ("性別=女性", ok("性別", "女性")),
        (" 地域 ＝ 岩国 ", ok("地域", "岩国")),
        ("学校種=小学校", ok("学校種", "小学校")),
        ("性別", Err(BreakdownProblem::NoEquals { key: key("性別") })),
        (
            "性別=女性=x",
            Err(BreakdownProblem::SecondEquals {
                key: key("性別=女性=x"),
            }),
        ),
        (
            " =女性",
            Err(BreakdownProblem::EmptyDimension {
                key: key("=女性")
            }),
        ),
        (
            "性別＝ ",
            Err(BreakdownProblem::EmptyMember {
                key: key("性別＝")
            }),
        ),
        ("", Err(BreakdownProblem::NoEquals { key: key("") })),
    ] {
        assert_eq!(parse_key(text), expected, "{text:?}");
    }
}

#[test]
fn key_refusals_read_in_both_languages() {
    let e = parse_key("性別").unwrap_err();
    assert_eq!(e.line(), None);
    assert_eq!(
        e.to_string(),
        "breakdown \"性別\" has no \"=\": write dimension=member (性別=女性)"
    );
    assert_eq!(
        e.message(Lang::Ja),
        "内訳「性別」に「=」がありません。区分=項目（性別=女性 など）の形で書いてください"
    );
}

#[test]
fn counts_are_summed_and_rates_are_not() {
    use Aggregation::{Given, Sum};
    for (unit, is_ratio, expected) in [
        ("件", false, Sum),
        ("人", false, Sum),
        ("円", false, Sum),
        ("万円", false, Sum),
        ("社", false, Sum),
        ("t", false, Sum),
        ("㎡", false, Sum),
        ("", false, Sum),
        ("件", true, Given),
        ("%", false, Given),
        ("％", false, Given),
        (" % ", false, Given),
        ("‰", false, Given),
        ("割", false, Given),
        ("ポイント", false, Given),
        ("倍", false, Given),
        ("歳", false, Given),
        ("位", false, Given),
        ("件/10万人", false, Given),
        ("円／人", false, Given),
        ("人口千対", false, Given),
        ("人当たり", false, Given),
        ("人あたり", false, Given),
        ("利用率", false, Given),
    ] {
        assert_eq!(aggregation(unit, is_ratio), expected, "{unit:?} {is_ratio}");
    }
}

/// A row: `key` `None` for a total, else `dimension=member`.
fn part(line: u64, year: i32, key: Option<&str>, value: &str) -> Part {
    Part {
        line,
        period: fy(year),
        dimension: key.map(|k| parse_key(k).unwrap()),
        value: dec(value),
    }
}

fn check(
    parts: &[Part],
    agg: Aggregation,
    expected: Result<Vec<(i32, &str)>, Vec<BreakdownProblem>>,
) {
    let expected = expected.map(|v| v.into_iter().map(|(y, d)| (fy(y), dec(d))).collect());
    assert_eq!(totals(parts, agg), expected, "{parts:?}");
    // Backwards, the same.
    let reversed: Vec<Part> = parts.iter().rev().cloned().collect();
    assert_eq!(totals(&reversed, agg), expected, "reversed {parts:?}");
}

#[test]
fn a_missing_count_total_is_the_sum_of_its_parts() {
    check(
        &[
            part(2, 2023, Some("性別=女性"), "45"),
            part(3, 2023, Some("性別=男性"), "55"),
            part(4, 2022, Some("性別=女性"), "40.5"),
            part(5, 2022, Some("性別=男性"), "50"),
            part(6, 2024, None, "120"),
        ],
        Aggregation::Sum,
        Ok(vec![(2022, "90.5"), (2023, "100"), (2024, "120")]),
    );
}

#[test]
fn a_given_total_that_agrees_with_every_dimension_is_taken() {
    check(
        &[
            part(2, 2023, None, "100"),
            part(3, 2023, Some("性別=女性"), "45"),
            part(4, 2023, Some("性別=男性"), "55"),
            part(5, 2023, Some("地域=岩国"), "30"),
            part(6, 2023, Some("地域=周南"), "70.0"),
        ],
        Aggregation::Sum,
        Ok(vec![(2023, "100")]),
    );
}

#[test]
fn a_given_total_that_differs_from_its_parts_is_refused_at_its_line() {
    let parts = [
        part(2, 2023, Some("性別=女性"), "45"),
        part(3, 2023, Some("性別=男性"), "53"),
        part(4, 2023, None, "100"),
    ];
    let expected = BreakdownProblem::TotalDiffers {
        line: 4,
        period: fy(2023),
        dimension: "性別".into(),
        total: dec("100"),
        sum: dec("98"),
    };
    check(&parts, Aggregation::Sum, Err(vec![expected.clone()]));
    assert_eq!(expected.line(), Some(4));
    assert_eq!(
        expected.to_string(),
        "the total for FY2023 is 100, but its \"性別\" parts sum to 98: correct the total or \
         the parts (a breakdown lists every member of its dimension)"
    );
    assert_eq!(
        expected.message(Lang::Ja),
        "FY2023 の合計 100 が、内訳「性別」の和 98 と一致しません。合計か内訳を直してください\
         （内訳にはその区分のすべての項目を書きます）"
    );
}

#[test]
fn two_dimensions_without_a_total_must_sum_alike() {
    let parts = [
        part(2, 2023, Some("性別=女性"), "45"),
        part(3, 2023, Some("性別=男性"), "55"),
        part(4, 2023, Some("地域=岩国"), "30"),
        part(5, 2023, Some("地域=周南"), "68"),
    ];
    let expected = BreakdownProblem::DimensionsDisagree {
        line: 4,
        period: fy(2023),
        dimension: "地域".into(),
        sum: dec("98"),
        other: "性別".into(),
        other_sum: dec("100"),
    };
    check(&parts, Aggregation::Sum, Err(vec![expected.clone()]));
    assert_eq!(
        expected.to_string(),
        "the \"地域\" parts for FY2023 sum to 98, but the \"性別\" parts sum to 100: both break \
         down the same total; correct the parts, or give the total"
    );
    assert_eq!(
        expected.message(Lang::Ja),
        "FY2023 の内訳「地域」の和 98 が、内訳「性別」の和 100 と一致しません。どちらも同じ合計の\
         内訳です。内訳を直すか、合計を書いてください"
    );
}

#[test]
fn a_rate_s_parts_are_never_summed() {
    // With its total, a rate's parts are neither added nor compared.
    check(
        &[
            part(2, 2023, Some("性別=女性"), "45.2"),
            part(3, 2023, Some("性別=男性"), "38.1"),
            part(4, 2023, None, "41.6"),
        ],
        Aggregation::Given,
        Ok(vec![(2023, "41.6")]),
    );
    // Without it, refused at the first part's line.
    let parts = [
        part(7, 2023, Some("性別=男性"), "38.1"),
        part(6, 2023, Some("性別=女性"), "45.2"),
        part(5, 2022, None, "40"),
    ];
    let expected = BreakdownProblem::RateWithoutTotal {
        line: 6,
        period: fy(2023),
        dimension: "性別".into(),
    };
    check(&parts, Aggregation::Given, Err(vec![expected.clone()]));
    assert_eq!(
        expected.to_string(),
        "FY2023 has \"性別\" parts but no total: rates are never summed, so give the total on a \
         row without a breakdown"
    );
    assert_eq!(
        expected.message(Lang::Ja),
        "FY2023 には内訳「性別」がありますが、合計がありません。率は内訳を足し合わせて求められ\
         ないので、内訳のない行に合計を書いてください"
    );
}

#[test]
fn a_total_or_a_member_twice_is_refused_at_the_later_line() {
    let parts = [
        part(2, 2023, None, "100"),
        part(3, 2023, Some("性別=女性"), "45"),
        part(4, 2023, Some("性別=男性"), "55"),
        part(5, 2023, Some("性別=女性"), "45"),
        part(6, 2023, None, "100"),
    ];
    let expected = vec![
        BreakdownProblem::RepeatedMember {
            line: 5,
            first: 3,
            period: fy(2023),
            dimension: "性別".into(),
            member: "女性".into(),
        },
        BreakdownProblem::RepeatedTotal {
            line: 6,
            first: 2,
            period: fy(2023),
        },
    ];
    check(&parts, Aggregation::Sum, Err(expected.clone()));
    assert_eq!(
        expected[0].to_string(),
        "the part \"性別=女性\" for FY2023 is also on line 3: give each part once"
    );
    assert_eq!(
        expected[1].message(Lang::Ja),
        "FY2023 の合計（内訳のない行）は2行目にもあります。1回だけ書いてください"
    );
}

#[test]
fn every_problem_of_a_file_is_returned_in_line_order() {
    let parts = [
        part(9, 2024, None, "10"),
        part(10, 2024, Some("性別=女性"), "4"),
        part(2, 2023, None, "100"),
        part(3, 2023, Some("性別=女性"), "45"),
    ];
    let lines: Vec<Option<u64>> = totals(&parts, Aggregation::Sum)
        .unwrap_err()
        .iter()
        .map(BreakdownProblem::line)
        .collect();
    assert_eq!(lines, vec![Some(2), Some(9)]);
}

#[test]
fn a_sum_beyond_the_range_is_a_problem_not_a_panic() {
    let max = Decimal::MAX.to_string();
    let parts = [
        part(2, 2023, Some("性別=女性"), &max),
        part(3, 2023, Some("性別=男性"), &max),
    ];
    let expected = BreakdownProblem::SumTooLarge {
        line: 2,
        period: fy(2023),
        dimension: "性別".into(),
    };
    check(&parts, Aggregation::Sum, Err(vec![expected.clone()]));
    assert_eq!(
        expected.message(Lang::Ja),
        "FY2023 の内訳「性別」の和が、値として扱える範囲を超えます"
    );
}

#[test]
fn no_rows_give_no_totals() {
    check(&[], Aggregation::Sum, Ok(vec![]));
    check(&[], Aggregation::Given, Ok(vec![]));
}
