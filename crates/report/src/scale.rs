//! Axes: round value ticks computed exactly from decimals, and the fiscal-year axis.
//!
//! A value axis is chosen in [`Decimal`] arithmetic, so its ticks are the round numbers they
//! print as (`0.2`, `1,000`, never `0.30000000000000004`), for any values a plan can hold —
//! a few hundredths of a percent or a hundred trillion yen. Only the final placement on the
//! drawing, a fraction between 0 and 1, becomes a float. Every operation that could overflow
//! the decimal range is checked; where one would, the axis falls back to the data's own range,
//! which is still exact.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use shinchoku_core::period::{MAX_YEAR, MIN_YEAR};
use shinchoku_core::quantity::format_grouped;

/// A value axis: the range it spans and the round values labelled on it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ValueAxis {
    /// The lowest value on the axis: the first tick, unless rounding down would leave the
    /// decimal range.
    lo: Decimal,
    /// The highest value on the axis.
    hi: Decimal,
    /// Labelled values, lowest first, all within `lo..=hi`.
    ticks: Vec<Decimal>,
    /// The power of ten tick labels are written in (`2×10²⁸`) when plain digits would be
    /// too long to read; 0 for plain digits.
    exponent: i32,
}

/// The longest tick label written in plain digits.
const MAX_PLAIN_LABEL: usize = 12;

impl ValueAxis {
    /// An axis covering every value, with about five intervals between round ticks; `None`
    /// without values. Zero is included when the values are all on one side of it and not far
    /// from it, so a count that doubled looks doubled.
    pub(crate) fn covering(values: impl IntoIterator<Item = Decimal>) -> Option<ValueAxis> {
        let mut it = values.into_iter();
        let first = it.next()?;
        let (mut lo, mut hi) = it.fold((first, first), |(lo, hi), v| (lo.min(v), hi.max(v)));
        if lo > Decimal::ZERO && lo <= hi / Decimal::TWO {
            lo = Decimal::ZERO;
        } else if hi < Decimal::ZERO && hi >= lo / Decimal::TWO {
            hi = Decimal::ZERO;
        }
        if lo == hi {
            // One value: an axis a power of ten either side of it.
            let pad = if lo.is_zero() {
                Decimal::ONE
            } else {
                pow10_floor(lo.abs()).unwrap_or(Decimal::ONE)
            };
            lo = lo.checked_sub(pad).unwrap_or(lo);
            hi = hi.checked_add(pad).unwrap_or(hi);
        }
        let mut axis = match nice_ticks(lo, hi) {
            Some(nice) => ValueAxis {
                lo: nice.lo,
                hi: nice.hi,
                ticks: nice.ticks,
                exponent: 0,
            },
            None => ValueAxis {
                lo,
                hi,
                ticks: vec![lo, hi],
                exponent: 0,
            },
        };
        let longest = axis.ticks.iter().map(|t| format_grouped(*t).len()).max();
        if longest.unwrap_or(0) > MAX_PLAIN_LABEL {
            // The smallest non-zero tick's power of ten: every tick is a multiple of the step,
            // which is at least that, so each label is a short exact mantissa.
            let step = axis.ticks.windows(2).find_map(|w| match w {
                [a, b] => b.checked_sub(*a),
                _ => None,
            });
            axis.exponent = step.and_then(pow10_exponent).unwrap_or(0);
        }
        Some(axis)
    }

    /// The labelled values, lowest first.
    pub(crate) fn ticks(&self) -> &[Decimal] {
        &self.ticks
    }

    /// Where `v` lies between the axis's ends: 0 at the lowest, 1 at the highest, clamped to
    /// that range.
    pub(crate) fn fraction(&self, v: Decimal) -> f64 {
        let (lo, hi) = (self.lo, self.hi);
        let exact = v
            .checked_sub(lo)
            .zip(hi.checked_sub(lo))
            .and_then(|(num, den)| num.checked_div(den))
            .and_then(|f| f.to_f64());
        let f = exact.or_else(|| {
            // Only at the very edges of the decimal range, where hi − lo overflows: in floats,
            // which are exact enough for a position on a drawing.
            let (v, lo, hi) = (v.to_f64()?, lo.to_f64()?, hi.to_f64()?);
            (hi > lo).then(|| (v - lo) / (hi - lo))
        });
        match f {
            Some(f) if f.is_finite() => f.clamp(0.0, 1.0),
            _ => 0.5,
        }
    }

    /// A tick's label: `1,000`, `0.25`, or `2×10²⁸` on an axis whose digits would be too many.
    pub(crate) fn label(&self, v: Decimal) -> String {
        if self.exponent == 0 {
            return format_grouped(v);
        }
        match pow10(self.exponent).and_then(|p| v.checked_div(p)) {
            Some(m) if m.is_zero() => "0".to_owned(),
            Some(m) => format!("{}×10{}", format_grouped(m), superscript(self.exponent)),
            None => format_grouped(v),
        }
    }

    /// The widest label, in characters.
    pub(crate) fn widest_label(&self) -> usize {
        self.ticks
            .iter()
            .map(|t| self.label(*t).chars().count())
            .max()
            .unwrap_or(0)
    }
}

/// What [`nice_ticks`] chose.
struct Nice {
    lo: Decimal,
    hi: Decimal,
    ticks: Vec<Decimal>,
}

/// Round ticks one of 1, 2 or 5 times a power of ten apart, about five intervals, from the
/// multiple of the step at or below `lo` to the one at or above `hi` (`lo < hi`). Where
/// rounding out would leave the decimal range, the axis ends at the value itself and the
/// ticks stop at the last multiple inside. `None` where no step can be found.
fn nice_ticks(lo: Decimal, hi: Decimal) -> Option<Nice> {
    // Quarters first: hi − lo itself can overflow (MAX − (−MAX)), and so can the difference
    // of halves once each is rounded to 28 digits.
    let four = Decimal::from(4);
    let quarter_span = (hi / four).checked_sub(lo / four)?;
    if quarter_span <= Decimal::ZERO {
        return None;
    }
    // A fifth of the span is 0.8 of its quarter.
    let raw = quarter_span.checked_mul(Decimal::new(8, 1))?;
    let raw = if raw.is_zero() {
        Decimal::new(1, 28)
    } else {
        raw
    };
    let p = pow10_floor(raw)?;
    let step = [1, 2, 5, 10]
        .into_iter()
        .filter_map(|m| p.checked_mul(Decimal::from(m)))
        .find(|s| *s >= raw)?;
    let down = |x: Decimal| {
        x.checked_div(step)
            .map(|q| q.floor())
            .and_then(|q| q.checked_mul(step))
    };
    let up = |x: Decimal| {
        x.checked_div(step)
            .map(|q| q.ceil())
            .and_then(|q| q.checked_mul(step))
    };
    let (axis_lo, first) = match down(lo) {
        Some(s) => (s.min(lo), s),
        None => (lo, up(lo)?),
    };
    let (axis_hi, last) = match up(hi) {
        Some(e) => (e.max(hi), e),
        None => (hi, down(hi)?),
    };
    let mut ticks = Vec::new();
    let mut t = first;
    // About five intervals; the bound only guards against a step that a rounding at 28
    // digits made too small to reach `last`.
    for _ in 0..16 {
        if t > last {
            break;
        }
        ticks.push(t.normalize());
        match t.checked_add(step) {
            Some(next) => t = next,
            None => break,
        }
    }
    (!ticks.is_empty()).then_some(Nice {
        lo: axis_lo,
        hi: axis_hi,
        ticks,
    })
}

/// The exponent of the largest power of ten at or below `x` (`x > 0`).
fn pow10_exponent(x: Decimal) -> Option<i32> {
    if x <= Decimal::ZERO {
        return None;
    }
    let digits = i32::try_from(x.mantissa().unsigned_abs().to_string().len()).ok()?;
    let scale = i32::try_from(x.scale()).ok()?;
    Some(digits - 1 - scale)
}

/// `10^e` as a decimal, where the decimal range holds it (−28 ≤ e ≤ 28).
fn pow10(e: i32) -> Option<Decimal> {
    if e < 0 {
        Decimal::try_new(1, e.unsigned_abs()).ok()
    } else {
        (0..e).try_fold(Decimal::ONE, |p, _| p.checked_mul(Decimal::TEN))
    }
}

/// The largest power of ten at or below `x` (`x > 0`).
fn pow10_floor(x: Decimal) -> Option<Decimal> {
    pow10(pow10_exponent(x)?)
}

fn superscript(e: i32) -> String {
    e.to_string()
        .chars()
        .map(|c| match c {
            '-' => '⁻',
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect()
}

/// The fiscal years a drawing spans, laid out left to right in equal slots, each year drawn at
/// its slot's centre.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct YearAxis {
    first: i32,
    last: i32,
    left: f64,
    width: f64,
}

/// True for a year that can be drawn: the years a period may name (1000–9999). A period built
/// by hand with another year is left out of the drawing rather than stretch it.
pub(crate) fn placeable(year: i32) -> bool {
    (MIN_YEAR..=MAX_YEAR).contains(&year)
}

impl YearAxis {
    /// The years from the earliest to the latest of `years` that are [`placeable`], over
    /// `width` units from `left`; `None` when there is none.
    pub(crate) fn spanning(
        years: impl IntoIterator<Item = i32>,
        left: f64,
        width: f64,
    ) -> Option<YearAxis> {
        let mut years = years.into_iter().filter(|y| placeable(*y));
        let first = years.next()?;
        let (first, last) = years.fold((first, first), |(a, b), y| (a.min(y), b.max(y)));
        Some(YearAxis {
            first,
            last,
            left,
            width,
        })
    }

    /// The first year.
    pub(crate) fn first(self) -> i32 {
        self.first
    }

    /// The last year.
    pub(crate) fn last(self) -> i32 {
        self.last
    }

    /// How many years.
    pub(crate) fn count(self) -> i32 {
        self.last - self.first + 1
    }

    /// The width of one year's slot.
    pub(crate) fn slot(self) -> f64 {
        self.width / f64::from(self.count())
    }

    /// True if `year` is on the axis.
    pub(crate) fn contains(self, year: i32) -> bool {
        (self.first..=self.last).contains(&year)
    }

    /// The left edge of `year`'s slot.
    pub(crate) fn slot_left(self, year: i32) -> f64 {
        self.left + f64::from(year.saturating_sub(self.first)) * self.slot()
    }

    /// The centre of `year`'s slot.
    pub(crate) fn x(self, year: i32) -> f64 {
        self.slot_left(year) + self.slot() / 2.0
    }

    /// Every how many years a label fits, when a label needs `label_width` units.
    pub(crate) fn label_every(self, label_width: f64) -> i32 {
        let slot = self.slot();
        if slot <= 0.0 || !slot.is_finite() {
            return self.count().max(1);
        }
        let every = (label_width / slot).ceil();
        if every.is_finite() && every >= 1.0 {
            // At most the number of years: a label needs no more room than the whole axis.
            (every.min(f64::from(self.count()))) as i32
        } else {
            1
        }
    }

    /// The years that carry a label: every `every`-th from the first.
    pub(crate) fn labelled(self, every: i32) -> impl Iterator<Item = i32> {
        let every = usize::try_from(every.max(1)).unwrap_or(1);
        (self.first..=self.last).step_by(every)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn ticks(values: &[&str]) -> Vec<String> {
        let axis = ValueAxis::covering(values.iter().map(|v| d(v))).unwrap();
        axis.ticks().iter().map(|t| axis.label(*t)).collect()
    }

    #[test]
    fn ticks_are_round_numbers_that_cover_the_values() {
        assert_eq!(ticks(&["25", "125", "30", "58"]), ["0", "50", "100", "150"]);
        assert_eq!(ticks(&["41.2", "44.9"]), ["41", "42", "43", "44", "45"]);
        assert_eq!(ticks(&["0.1", "0.3"]), ["0", "0.1", "0.2", "0.3"]);
        assert_eq!(
            ticks(&["300000", "380000"]),
            ["300,000", "320,000", "340,000", "360,000", "380,000"]
        );
    }

    #[test]
    fn decimal_ticks_are_exact() {
        let axis = ValueAxis::covering([d("0.1"), d("0.7")]).unwrap();
        assert_eq!(axis.ticks().last(), Some(&d("0.8")));
        assert!(axis.ticks().contains(&d("0.2")));
    }

    #[test]
    fn negative_values_reach_zero_from_below() {
        assert_eq!(ticks(&["-80", "-50"]), ["-80", "-70", "-60", "-50"]);
        assert_eq!(ticks(&["-80", "-30"]), ["-80", "-60", "-40", "-20", "0"]);
        assert_eq!(ticks(&["-5", "5"]), ["-6", "-4", "-2", "0", "2", "4", "6"]);
    }

    #[test]
    fn one_value_gets_an_axis_around_it() {
        assert_eq!(ticks(&["42", "42"]), ["30", "35", "40", "45", "50", "55"]);
        assert_eq!(ticks(&["0"]), ["-1", "-0.5", "0", "0.5", "1"]);
    }

    #[test]
    fn huge_and_tiny_values_are_written_with_a_power_of_ten() {
        let max = Decimal::MAX.to_string();
        let labels = ticks(&[max.as_str(), "0"]);
        assert!(labels.iter().all(|l| l.len() <= 16), "{labels:?}");
        assert!(labels.iter().any(|l| l.contains("×10²⁸")), "{labels:?}");
        let min = Decimal::MIN.to_string();
        let both = ValueAxis::covering([Decimal::MIN, Decimal::MAX]).unwrap();
        assert!(both.ticks().len() >= 2, "{min}");
        assert_eq!(both.fraction(Decimal::MIN), 0.0);
        assert_eq!(both.fraction(Decimal::MAX), 1.0);
        let tiny = ticks(&[
            "0.0000000000000000000000000001",
            "0.0000000000000000000000000005",
        ]);
        assert!(tiny.iter().any(|l| l.contains("×10⁻")), "{tiny:?}");
    }

    #[test]
    fn fractions_place_values_between_the_ends() {
        let axis = ValueAxis::covering([d("0"), d("100")]).unwrap();
        assert_eq!(axis.fraction(d("0")), 0.0);
        assert_eq!(axis.fraction(d("50")), 0.5);
        assert_eq!(axis.fraction(d("100")), 1.0);
        assert_eq!(axis.fraction(d("1000")), 1.0);
    }

    #[test]
    fn years_sit_at_the_centres_of_equal_slots() {
        let axis = YearAxis::spanning([2023, 2021, 2025, 0, 10_000], 0.0, 100.0).unwrap();
        assert_eq!((axis.first(), axis.last(), axis.count()), (2021, 2025, 5));
        assert_eq!(axis.x(2021), 10.0);
        assert_eq!(axis.x(2025), 90.0);
        assert_eq!(axis.label_every(30.0), 2);
        assert_eq!(axis.labelled(2).collect::<Vec<_>>(), [2021, 2023, 2025]);
        assert!(YearAxis::spanning([0], 0.0, 100.0).is_none());
    }
}
