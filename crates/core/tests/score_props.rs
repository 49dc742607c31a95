//! The roll-up score (`GradingScheme::score`) for any counts of grades: between 0 and 100, the
//! same for the same share of grades, up with a better grade added and down with a worse one.

use proptest::prelude::*;
use shinchoku_core::grading::GradingScheme;
use shinchoku_core::Decimal;

fn counts(a: usize, b: usize, c: usize, d: usize, none: usize) -> Vec<(String, usize)> {
    [("A", a), ("B", b), ("C", c), ("D", d), ("—", none)]
        .into_iter()
        .map(|(l, n)| (l.to_owned(), n))
        .collect()
}

proptest! {
    #[test]
    fn a_score_is_bounded_and_moves_with_the_grades(
        a in 0usize..50, b in 0usize..50, c in 0usize..50, d in 0usize..50, none in 0usize..50,
    ) {
        let scheme = GradingScheme::pace();
        let here = scheme.score(&counts(a, b, c, d, none));
        prop_assert_eq!(here.is_some(), a + b + c + d > 0);
        let Some(s) = here else { return Ok(()) };
        prop_assert!(s >= Decimal::ZERO && s <= Decimal::ONE_HUNDRED);
        // Ungraded indicators count for nothing; the same shares give the same score.
        prop_assert_eq!(scheme.score(&counts(a, b, c, d, 0)), Some(s));
        prop_assert_eq!(scheme.score(&counts(2 * a, 2 * b, 2 * c, 2 * d, none)), Some(s));
        let better = scheme.score(&counts(a + 1, b, c, d, none)).unwrap_or_default();
        let worse = scheme.score(&counts(a, b, c, d + 1, none)).unwrap_or_default();
        prop_assert!(better >= s && worse <= s);
    }
}
