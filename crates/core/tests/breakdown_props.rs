//! Properties of breakdowns (`shinchoku_core::breakdown`): parts that sum to their total are
//! always taken, a total off by any amount is always refused at its line, a rate's parts are
//! never summed, and neither the order of the rows nor any value makes a difference to what
//! is decided, or a panic.

use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::Config;
use shinchoku_core::breakdown::{totals, Aggregation, BreakdownProblem, Part};
use shinchoku_core::period::Period;
use shinchoku_core::Decimal;

fn config() -> Config {
    Config {
        cases: 1024,
        failure_persistence: None,
        ..Config::default()
    }
}

/// A value as plans print them.
fn value() -> impl Strategy<Value = Decimal> {
    (-1_000_000i64..=1_000_000, 0u32..=3).prop_map(|(m, s)| Decimal::new(m, s))
}

fn fy(y: i32) -> Period {
    Period::FiscalYear(y)
}

/// A row before its line is known: period, `(dimension, member)` or `None` for a total, value.
type Row = (Period, Option<(String, String)>, Decimal);

/// The members of two dimensions that break down one amount, for one period: 性別 with
/// `sexes` values, 地域 with `areas` values and a last member that makes up the difference.
#[derive(Debug, Clone)]
struct Year {
    year: i32,
    sexes: Vec<Decimal>,
    areas: Vec<Decimal>,
}

impl Year {
    fn sum(&self) -> Decimal {
        self.sexes.iter().copied().sum()
    }

    /// The rows: 性別 members, then 地域 members summing to the same amount (when `areas` is
    /// not empty), and the total when `total` says so.
    fn parts(&self, total: Option<Decimal>) -> Vec<Row> {
        let p = fy(self.year);
        let mut rows = Vec::new();
        for (i, v) in self.sexes.iter().enumerate() {
            rows.push((p, Some(("性別".to_owned(), format!("s{i}"))), *v));
        }
        if !self.areas.is_empty() {
            let given: Decimal = self.areas.iter().copied().sum();
            for (i, v) in self.areas.iter().enumerate() {
                rows.push((p, Some(("地域".to_owned(), format!("a{i}"))), *v));
            }
            rows.push((
                p,
                Some(("地域".to_owned(), "rest".to_owned())),
                self.sum() - given,
            ));
        }
        if let Some(t) = total {
            rows.push((p, None, t));
        }
        rows
    }
}

fn years() -> impl Strategy<Value = Vec<Year>> {
    prop::collection::btree_set(2015i32..2030, 1..4).prop_flat_map(|set| {
        let n = set.len();
        (
            Just(set.into_iter().collect::<Vec<_>>()),
            prop::collection::vec(
                (
                    prop::collection::vec(value(), 1..5),
                    prop::collection::vec(value(), 0..4),
                ),
                n,
            ),
        )
            .prop_map(|(ys, members)| {
                ys.into_iter()
                    .zip(members)
                    .map(|(year, (sexes, areas))| Year { year, sexes, areas })
                    .collect()
            })
    })
}

/// Rows numbered from line 2 (under the header), in the order given.
fn numbered(rows: Vec<Row>) -> Vec<Part> {
    rows.into_iter()
        .zip(2u64..)
        .map(|((period, dimension, value), line)| Part {
            line,
            period,
            dimension,
            value,
        })
        .collect()
}

/// Any rows at all: few periods, dimensions and members so that they collide, any values.
fn any_parts() -> impl Strategy<Value = Vec<Part>> {
    let dimension = prop::option::of((select(vec!["性別", "地域"]), select(vec!["x", "y", "z"])));
    let value = prop_oneof![
        4 => value(),
        1 => select(vec![Decimal::MAX, Decimal::MIN, Decimal::new(1, 28)]),
    ];
    prop::collection::vec((2020i32..2023, dimension, value), 0..14).prop_map(|rows| {
        numbered(
            rows.into_iter()
                .map(|(y, d, v)| (fy(y), d.map(|(a, b)| (a.to_owned(), b.to_owned())), v))
                .collect(),
        )
    })
}

proptest! {
    #![proptest_config(config())]

    /// Members summed, then checked against their own sum as the total, always pass; without
    /// the total, the sum is the total.
    #[test]
    fn parts_with_their_own_sum_as_total_always_pass(years in years(), give in any::<bool>()) {
        let rows = years
            .iter()
            .flat_map(|y| y.parts(give.then(|| y.sum())))
            .collect();
        let expected: Vec<(Period, Decimal)> = years.iter().map(|y| (fy(y.year), y.sum())).collect();
        prop_assert_eq!(totals(&numbered(rows), Aggregation::Sum), Ok(expected));
    }

    /// A total off by any nonzero amount is refused, at the total's line, for every dimension.
    #[test]
    fn a_total_off_by_anything_is_refused_at_its_line(
        years in years(),
        at in any::<prop::sample::Index>(),
        delta in value(),
    ) {
        prop_assume!(!delta.is_zero());
        let off = at.index(years.len());
        let rows = years
            .iter()
            .enumerate()
            .flat_map(|(i, y)| y.parts(Some(if i == off { y.sum() + delta } else { y.sum() })))
            .collect();
        let parts = numbered(rows);
        let total_line = parts
            .iter()
            .find(|p| p.dimension.is_none() && p.period == fy(years[off].year))
            .unwrap()
            .line;
        let Err(problems) = totals(&parts, Aggregation::Sum) else {
            return Err(TestCaseError::fail("a wrong total was taken"));
        };
        let dimensions = if years[off].areas.is_empty() { 1 } else { 2 };
        prop_assert_eq!(problems.len(), dimensions);
        for p in &problems {
            prop_assert!(matches!(p, BreakdownProblem::TotalDiffers { .. }), "{:?}", p);
            prop_assert_eq!(p.line(), Some(total_line));
        }
    }

    /// A rate's parts are never summed: with its totals, the totals as given whatever the
    /// parts; without, each period with parts is refused at its first part's line.
    #[test]
    fn a_rate_is_never_summed(years in years(), totals_given in prop::collection::vec(value(), 4)) {
        let with: Vec<Decimal> = years.iter().zip(&totals_given).map(|(_, t)| *t).collect();
        let rows = years
            .iter()
            .zip(&with)
            .flat_map(|(y, t)| y.parts(Some(*t)))
            .collect();
        let expected: Vec<(Period, Decimal)> =
            years.iter().zip(&with).map(|(y, t)| (fy(y.year), *t)).collect();
        prop_assert_eq!(totals(&numbered(rows), Aggregation::Given), Ok(expected));

        let parts = numbered(years.iter().flat_map(|y| y.parts(None)).collect());
        let Err(problems) = totals(&parts, Aggregation::Given) else {
            return Err(TestCaseError::fail("a rate was summed"));
        };
        prop_assert_eq!(problems.len(), years.len());
        for (p, y) in problems.iter().zip(&years) {
            let first = parts.iter().find(|q| q.period == fy(y.year)).unwrap().line;
            prop_assert!(matches!(p, BreakdownProblem::RateWithoutTotal { .. }), "{:?}", p);
            prop_assert_eq!(p.line(), Some(first));
        }
    }

    /// The order of the rows changes nothing — totals or problems — and nothing panics.
    #[test]
    fn the_order_of_the_rows_changes_nothing(
        (parts, shuffled) in any_parts().prop_flat_map(|p| (Just(p.clone()), Just(p).prop_shuffle())),
        agg in select(vec![Aggregation::Sum, Aggregation::Given]),
    ) {
        prop_assert_eq!(totals(&parts, agg), totals(&shuffled, agg));
    }
}
