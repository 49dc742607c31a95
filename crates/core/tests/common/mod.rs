//! Generators the property tests of core share.

use proptest::prelude::*;
use proptest::sample::select;
use shinchoku_core::Decimal;

/// Any decimal: every scale, random 96-bit mantissas, the edges of the range.
pub fn any_decimal() -> BoxedStrategy<Decimal> {
    prop_oneof![
        1 => select(vec![
            Decimal::ZERO,
            Decimal::ONE,
            Decimal::NEGATIVE_ONE,
            Decimal::MAX,
            Decimal::MIN,
            Decimal::new(1, 28),
            Decimal::new(-1, 28),
            Decimal::new(0, 28),
        ]),
        3 => (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28)
            .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale)),
        3 => (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s)),
        3 => (-100_000i64..=100_000, 0u32..=6).prop_map(|(m, s)| Decimal::new(m, s)),
    ]
    .boxed()
}
