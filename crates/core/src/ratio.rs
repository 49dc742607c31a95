//! Exact fractions of decimals: the ratios an evaluation grades by.
//!
//! Why it exists: a pace is progress over expected, and both are often repeating decimals
//! (1/7, 1/14). Dividing rounded decimals put a pace of exactly 0.5 at 0.4999…97 and graded it
//! D instead of C (issue 14). DESIGN.md → Metrics asks instead that every ratio be one fraction
//! of the values as written, rounded only when it is shown. A [`Ratio`] is that fraction:
//! achievement, progress, expected and pace are built from the decimals and the years with
//! integer arithmetic that never rounds, compared with a grading threshold by
//! cross-multiplying, and divided once, at the end, into the [`Decimal`] that is printed.
//!
//! What it guarantees: every operation is exact or says why not ([`RatioError`]); nothing
//! allocates, nothing panics, there is no NaN. The integers are of fixed size and wide enough
//! for any decimal: a `Decimal` has a 96-bit mantissa and a scale up to 28, so a value brought
//! to a common scale stays below 2^190, a difference of two below 2^191, times a span of years
//! (an `i32` difference, below 2^33) below 2^224 — within the 256 bits of a numerator or a
//! denominator; a comparison multiplies two of them into 512 bits. A fraction whose value
//! lies beyond the decimal range is still compared exactly; only [`Ratio::to_decimal`] fails.

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::Decimal;

/// Why a fraction could not be made or shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatioError {
    /// The denominator is zero.
    DivisionByZero,
    /// A number beyond the range: an integer past 256 bits (no fraction of decimals and years
    /// reaches it) or a quotient past the decimal range.
    Overflow,
}

/// An exact, signed fraction: `num / den` with `den > 0`.
///
/// Equality and order are by value (`1/2 == 2/4`), through cross-multiplication.
#[derive(Clone, Copy)]
pub struct Ratio {
    /// True for a negative fraction; never for zero.
    neg: bool,
    num: U256,
    den: U256,
}

impl Ratio {
    /// 0.
    pub const ZERO: Ratio = Ratio {
        neg: false,
        num: U256::ZERO,
        den: U256::ONE,
    };

    /// 1.
    pub const ONE: Ratio = Ratio {
        neg: false,
        num: U256::ONE,
        den: U256::ONE,
    };

    fn new(num: Int, den: Int) -> Result<Ratio, RatioError> {
        if den.mag.is_zero() {
            return Err(RatioError::DivisionByZero);
        }
        Ok(Ratio {
            neg: num.neg != den.neg && !num.mag.is_zero(),
            num: num.mag,
            den: den.mag,
        })
    }

    /// `a / b`, exactly.
    pub fn of(a: Decimal, b: Decimal) -> Result<Ratio, RatioError> {
        // Both at the larger scale, whose power of ten then cancels.
        let s = a.scale().max(b.scale());
        if let (Some(a), Some(b)) = (small_at(a, s), small_at(b, s)) {
            return Ratio::new(Int::from_i128(a), Int::from_i128(b));
        }
        Ratio::new(Int::scaled(a, s)?, Int::scaled(b, s)?)
    }

    /// `(a − b) / (c − b)`, exactly: how far `a` has come from `b` on the way to `c`.
    pub fn of_gains(a: Decimal, b: Decimal, c: Decimal) -> Result<Ratio, RatioError> {
        let s = a.scale().max(b.scale()).max(c.scale());
        // The usual case, in i128: values as plans print them, at one scale or near it.
        if let (Some(a), Some(b), Some(c)) = (small_at(a, s), small_at(b, s), small_at(c, s)) {
            if let (Some(n), Some(d)) = (a.checked_sub(b), c.checked_sub(b)) {
                return Ratio::new(Int::from_i128(n), Int::from_i128(d));
            }
        }
        let (a, b, c) = (Int::scaled(a, s)?, Int::scaled(b, s)?, Int::scaled(c, s)?);
        Ratio::new(a.sub(b)?, c.sub(b)?)
    }

    /// `n / d` of two whole numbers (counts of years).
    pub fn of_ints(n: i64, d: i64) -> Result<Ratio, RatioError> {
        Ratio::new(Int::from_i128(i128::from(n)), Int::from_i128(i128::from(d)))
    }

    /// `self / other`, exactly.
    pub fn checked_div(self, other: Ratio) -> Result<Ratio, RatioError> {
        if other.num.is_zero() {
            return Err(RatioError::DivisionByZero);
        }
        Ok(Ratio {
            neg: self.neg != other.neg && !self.num.is_zero(),
            num: self.num.checked_mul(&other.den)?,
            den: self.den.checked_mul(&other.num)?,
        })
    }

    /// True for 0.
    pub fn is_zero(&self) -> bool {
        self.num.is_zero()
    }

    /// The decimal nearest the fraction, with as many decimals as fit (at most 28), ties to
    /// even: the one rounding, made when the value is shown. For fractions of decimals that
    /// fit (the usual case) this is `Decimal`'s own division.
    pub fn to_decimal(self) -> Result<Decimal, RatioError> {
        if let (Some(n), Some(d)) = (self.num.mantissa_96(), self.den.mantissa_96()) {
            let n = if self.neg { -n } else { n };
            return n.checked_div(d).ok_or(RatioError::Overflow);
        }
        self.long_division()
    }

    /// [`Ratio::to_decimal`] for numerators or denominators past 96 bits: the integer part,
    /// then one decimal at a time while the mantissa fits, then the rounding.
    fn long_division(self) -> Result<Decimal, RatioError> {
        let (mut q, mut rem) = self.num.div_rem(&self.den)?;
        let max = U256::from_u128(MAX_MANTISSA);
        if q > max {
            return Err(RatioError::Overflow);
        }
        let mut scale = 0u32;
        while scale < MAX_SCALE && !rem.is_zero() {
            let mut next = rem.checked_mul_small(10)?;
            let mut digit = 0u64;
            while next >= self.den {
                next = next.checked_sub(&self.den)?;
                digit += 1;
            }
            let shifted = q
                .checked_mul_small(10)?
                .checked_add(&U256::from_u128(u128::from(digit)))?;
            if shifted > max {
                break;
            }
            (q, rem, scale) = (shifted, next, scale + 1);
        }
        let mut m = q.low_u128();
        let twice = rem.checked_mul_small(2)?;
        if twice > self.den || (twice == self.den && m % 2 == 1) {
            m += 1;
            if m > MAX_MANTISSA {
                // 2^96 does not fit: one decimal fewer (2^96 ends in 6, so no tie).
                if scale == 0 {
                    return Err(RatioError::Overflow);
                }
                m = m / 10 + u128::from(m % 10 >= 5);
                scale -= 1;
            }
        }
        let signed = i128::try_from(m).map_err(|_| RatioError::Overflow)?;
        let signed = if self.neg { -signed } else { signed };
        Decimal::try_from_i128_with_scale(signed, scale).map_err(|_| RatioError::Overflow)
    }
}

impl From<Decimal> for Ratio {
    /// A decimal as the fraction `mantissa / 10^scale`.
    fn from(d: Decimal) -> Ratio {
        let mag = U256::from_u128(d.mantissa().unsigned_abs());
        Ratio {
            neg: d.is_sign_negative() && !mag.is_zero(),
            num: mag,
            // A scale is at most 28, and 10^28 fits in a u128.
            den: U256::from_u128(pow10(d.scale()).unwrap_or(1)),
        }
    }
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Ratio) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Ratio {}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Ratio) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Ratio) -> Ordering {
        match (self.neg, other.neg) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            // a/b against c/d with b, d > 0: a·d against c·b.
            (neg, _) => {
                let small = |x: &U256, y: &U256| x.to_u128()?.checked_mul(y.to_u128()?);
                let by_magnitude =
                    match (small(&self.num, &other.den), small(&other.num, &self.den)) {
                        (Some(left), Some(right)) => left.cmp(&right),
                        _ => cmp_limbs(
                            &self.num.widening_mul(&other.den),
                            &other.num.widening_mul(&self.den),
                        ),
                    };
                if neg {
                    by_magnitude.reverse()
                } else {
                    by_magnitude
                }
            }
        }
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.neg {
            f.write_str("-")?;
        }
        write!(f, "{}/{}", self.num, self.den)
    }
}

impl fmt::Debug for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ratio({self})")
    }
}

/// `Decimal`'s largest mantissa, 2^96 − 1.
const MAX_MANTISSA: u128 = (1 << 96) - 1;
/// `Decimal`'s largest scale.
const MAX_SCALE: u32 = 28;

/// 10^0 … 10^28: every power a scale can ask for.
const POWERS_OF_TEN: [u128; 29] = {
    let mut p = [1u128; 29];
    let mut i = 1;
    while i < 29 {
        p[i] = p[i - 1] * 10;
        i += 1;
    }
    p
};

/// 10^k, for k up to 28.
fn pow10(k: u32) -> Option<u128> {
    POWERS_OF_TEN.get(usize::try_from(k).ok()?).copied()
}

/// `d × 10^s` in an i128, when it fits (`s` at least the decimal's scale).
fn small_at(d: Decimal, s: u32) -> Option<i128> {
    let m = d.mantissa();
    match s.checked_sub(d.scale())? {
        0 => Some(m),
        up => m.checked_mul(i128::try_from(pow10(up)?).ok()?),
    }
}

/// A signed integer of 256 bits: a decimal brought to a common scale, or a difference of two.
#[derive(Clone, Copy)]
struct Int {
    neg: bool,
    mag: U256,
}

impl Int {
    fn from_i128(x: i128) -> Int {
        Int {
            neg: x < 0,
            mag: U256::from_u128(x.unsigned_abs()),
        }
    }

    /// `d × 10^s` as an integer, for `s` at least the decimal's own scale.
    fn scaled(d: Decimal, s: u32) -> Result<Int, RatioError> {
        let mut mag = U256::from_u128(d.mantissa().unsigned_abs());
        let up = s.checked_sub(d.scale()).ok_or(RatioError::Overflow)?;
        if up > 0 {
            let power = pow10(up).ok_or(RatioError::Overflow)?;
            mag = mag.checked_mul(&U256::from_u128(power))?;
        }
        Ok(Int {
            neg: d.is_sign_negative() && !mag.is_zero(),
            mag,
        })
    }

    fn sub(self, other: Int) -> Result<Int, RatioError> {
        if self.neg != other.neg {
            // a − (−b) = a + b; −a − b = −(a + b).
            return Ok(Int {
                neg: self.neg,
                mag: self.mag.checked_add(&other.mag)?,
            });
        }
        // Same sign: the difference of the magnitudes, its sign flipped when the subtrahend is
        // the larger.
        if self.mag >= other.mag {
            let mag = self.mag.checked_sub(&other.mag)?;
            Ok(Int {
                neg: self.neg && !mag.is_zero(),
                mag,
            })
        } else {
            Ok(Int {
                neg: !self.neg,
                mag: other.mag.checked_sub(&self.mag)?,
            })
        }
    }
}

/// An unsigned integer of 256 bits, least significant 64-bit limb first.
#[derive(Clone, Copy, PartialEq, Eq)]
struct U256([u64; 4]);

impl U256 {
    const ZERO: U256 = U256([0; 4]);
    const ONE: U256 = U256([1, 0, 0, 0]);

    fn from_u128(x: u128) -> U256 {
        U256([x as u64, (x >> 64) as u64, 0, 0])
    }

    fn is_zero(&self) -> bool {
        self.0 == [0; 4]
    }

    /// The low 128 bits.
    fn low_u128(&self) -> u128 {
        u128::from(self.0[0]) | (u128::from(self.0[1]) << 64)
    }

    /// The number as a `Decimal` of scale 0, when it fits in 96 bits.
    fn mantissa_96(self) -> Option<Decimal> {
        if self.0[2] != 0 || self.0[3] != 0 || self.0[1] >> 32 != 0 {
            return None;
        }
        let (lo, mid, hi) = (self.0[0] as u32, (self.0[0] >> 32) as u32, self.0[1] as u32);
        Some(Decimal::from_parts(lo, mid, hi, false, 0))
    }

    /// The number of limbs up to the highest that is not zero.
    fn len(&self) -> usize {
        self.0.iter().rposition(|&l| l != 0).map_or(0, |i| i + 1)
    }

    /// The full product, in 512 bits.
    fn widening_mul(&self, other: &U256) -> [u64; 8] {
        let mut out = [0u64; 8];
        let (la, lb) = (self.len(), other.len());
        for (i, &a) in self.0.iter().enumerate().take(la) {
            let mut carry = 0u128;
            for (j, &b) in other.0.iter().enumerate().take(lb) {
                let t = u128::from(a) * u128::from(b) + u128::from(out[i + j]) + carry;
                out[i + j] = t as u64;
                carry = t >> 64;
            }
            out[i + lb] = carry as u64;
        }
        out
    }

    /// The number, when it fits in 128 bits.
    fn to_u128(self) -> Option<u128> {
        (self.0[2] == 0 && self.0[3] == 0).then(|| self.low_u128())
    }

    fn checked_mul(&self, other: &U256) -> Result<U256, RatioError> {
        if let (Some(a), Some(b)) = (self.to_u128(), other.to_u128()) {
            if let Some(p) = a.checked_mul(b) {
                return Ok(U256::from_u128(p));
            }
        }
        let wide = self.widening_mul(other);
        if wide[4..] != [0; 4] {
            return Err(RatioError::Overflow);
        }
        Ok(U256([wide[0], wide[1], wide[2], wide[3]]))
    }

    fn checked_mul_small(&self, k: u64) -> Result<U256, RatioError> {
        let mut out = [0u64; 4];
        let mut carry = 0u128;
        for (o, &a) in out.iter_mut().zip(&self.0) {
            let t = u128::from(a) * u128::from(k) + carry;
            *o = t as u64;
            carry = t >> 64;
        }
        if carry != 0 {
            return Err(RatioError::Overflow);
        }
        Ok(U256(out))
    }

    fn checked_add(&self, other: &U256) -> Result<U256, RatioError> {
        let mut out = [0u64; 4];
        let mut carry = false;
        for ((o, &a), &b) in out.iter_mut().zip(&self.0).zip(&other.0) {
            let (s, c1) = a.overflowing_add(b);
            let (s, c2) = s.overflowing_add(u64::from(carry));
            *o = s;
            carry = c1 || c2;
        }
        if carry {
            return Err(RatioError::Overflow);
        }
        Ok(U256(out))
    }

    fn checked_sub(&self, other: &U256) -> Result<U256, RatioError> {
        let mut out = [0u64; 4];
        let mut borrow = false;
        for ((o, &a), &b) in out.iter_mut().zip(&self.0).zip(&other.0) {
            let (s, b1) = a.overflowing_sub(b);
            let (s, b2) = s.overflowing_sub(u64::from(borrow));
            *o = s;
            borrow = b1 || b2;
        }
        if borrow {
            return Err(RatioError::Overflow);
        }
        Ok(U256(out))
    }

    /// Quotient and remainder, by shifting and subtracting one bit at a time: only numbers
    /// past 96 bits come here, and they are rare.
    fn div_rem(&self, d: &U256) -> Result<(U256, U256), RatioError> {
        if d.is_zero() {
            return Err(RatioError::DivisionByZero);
        }
        let mut q = U256::ZERO;
        let mut r = U256::ZERO;
        for bit in (0..256).rev() {
            // r = 2r + the next bit of self; r < d ≤ 2^256 − 1 before, so 2r + 1 < 2^257:
            // the bit shifted out of the top is kept to compare.
            let top = r.0[3] >> 63;
            r = r.shl1();
            r.0[0] |= (self.0[bit / 64] >> (bit % 64)) & 1;
            if top == 1 || r >= *d {
                r = r.wrapping_sub(d);
                q.0[bit / 64] |= 1 << (bit % 64);
            }
        }
        Ok((q, r))
    }

    fn shl1(&self) -> U256 {
        let l = &self.0;
        U256([
            l[0] << 1,
            (l[1] << 1) | (l[0] >> 63),
            (l[2] << 1) | (l[1] >> 63),
            (l[3] << 1) | (l[2] >> 63),
        ])
    }

    /// `self − other` modulo 2^256 (the long division's remainder, where a bit above the top
    /// makes the true difference fit).
    fn wrapping_sub(&self, other: &U256) -> U256 {
        let mut out = [0u64; 4];
        let mut borrow = false;
        for ((o, &a), &b) in out.iter_mut().zip(&self.0).zip(&other.0) {
            let (s, b1) = a.overflowing_sub(b);
            let (s, b2) = s.overflowing_sub(u64::from(borrow));
            *o = s;
            borrow = b1 || b2;
        }
        U256(out)
    }

    /// Divides by a small number, returning the quotient and the remainder.
    fn div_rem_small(&self, k: u64) -> (U256, u64) {
        let mut out = [0u64; 4];
        let mut rem = 0u128;
        let k = u128::from(k.max(1));
        for (o, &a) in out.iter_mut().zip(&self.0).rev() {
            let cur = (rem << 64) | u128::from(a);
            *o = (cur / k) as u64;
            rem = cur % k;
        }
        (U256(out), rem as u64)
    }
}

impl PartialOrd for U256 {
    fn partial_cmp(&self, other: &U256) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for U256 {
    fn cmp(&self, other: &U256) -> Ordering {
        cmp_limbs(&self.0, &other.0)
    }
}

/// Compares two numbers of the same number of limbs, least significant first.
fn cmp_limbs(a: &[u64], b: &[u64]) -> Ordering {
    a.iter().rev().cmp(b.iter().rev())
}

impl fmt::Display for U256 {
    /// In decimal digits: at most 78, printed as five groups of up to 19 (no allocation).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const GROUP: u64 = 10_000_000_000_000_000_000;
        let mut groups = [0u64; 5];
        let mut n = *self;
        let mut count = 0;
        for g in groups.iter_mut() {
            let (q, r) = n.div_rem_small(GROUP);
            *g = r;
            count += 1;
            n = q;
            if n.is_zero() {
                break;
            }
        }
        let mut printed = groups.iter().take(count).rev();
        if let Some(first) = printed.next() {
            write!(f, "{first}")?;
        }
        for g in printed {
            write!(f, "{g:019}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    #[test]
    fn fractions_are_equal_by_value() {
        assert_eq!(Ratio::of_ints(1, 2).unwrap(), Ratio::of_ints(2, 4).unwrap());
        assert_eq!(
            Ratio::of_ints(-1, 2).unwrap(),
            Ratio::of_ints(1, -2).unwrap()
        );
        assert_eq!(Ratio::of_ints(0, -3).unwrap(), Ratio::ZERO);
        assert_eq!(Ratio::from(d("0.50")), Ratio::of_ints(1, 2).unwrap());
        assert_eq!(Ratio::from(d("-0")), Ratio::ZERO);
    }

    #[test]
    fn the_issue_pace_is_exactly_one_half() {
        // (10.7 − 10.5) / (13.3 − 10.5) over 1/7.
        let progress = Ratio::of_gains(d("10.7"), d("10.5"), d("13.3")).unwrap();
        let expected = Ratio::of_ints(1, 7).unwrap();
        let pace = progress.checked_div(expected).unwrap();
        assert_eq!(pace, Ratio::from(d("0.5")));
        assert_eq!(pace.to_decimal(), Ok(d("0.5")));
    }

    #[test]
    fn order_is_exact_next_to_a_threshold() {
        let half = Ratio::from(d("0.5"));
        let below = Ratio::of(d("1.4999999999999999999999999999"), d("3")).unwrap();
        assert!(below < half);
        // Shown, it rounds to the threshold; the order did not use that.
        assert_eq!(below.to_decimal().map(|x| x.normalize()), Ok(d("0.5")));
        let neg = Ratio::of_ints(-1, 3).unwrap();
        assert!(neg < Ratio::ZERO && Ratio::ZERO < half);
        assert!(Ratio::of_ints(-1, 2).unwrap() < neg);
    }

    #[test]
    fn differences_of_mixed_scales_are_exact() {
        let max = Decimal::MAX;
        let tiny = Decimal::new(1, 28);
        // (MAX − tiny) / (MAX − tiny) is 1, though neither difference is a decimal.
        let r = Ratio::of_gains(max, tiny, max).unwrap();
        assert_eq!(r, Ratio::ONE);
        // (tiny − (−MAX)) / (MAX − (−MAX)): just over one half.
        let r = Ratio::of_gains(tiny, -max, max).unwrap();
        assert!(r > Ratio::from(d("0.5")));
        assert_eq!(r.to_decimal(), Ok(d("0.5")));
        assert_eq!(
            Ratio::of_gains(d("1"), d("2"), d("2")),
            Err(RatioError::DivisionByZero)
        );
    }

    #[test]
    fn shown_decimals_round_once_to_even() {
        assert_eq!(
            Ratio::of_ints(2, 3).unwrap().to_decimal(),
            Ok(d("2") / d("3"))
        );
        assert_eq!(
            Ratio::of_ints(-1, 7).unwrap().to_decimal(),
            Ok(d("-1") / d("7"))
        );
        // Past 96 bits: the long division gives Decimal's own digits.
        let big = Ratio::of(Decimal::MAX, Decimal::new(3, 28)).unwrap();
        assert_eq!(big.to_decimal(), Err(RatioError::Overflow));
        let r = Ratio::of(Decimal::new(1, 28), Decimal::MAX).unwrap();
        assert_eq!(r.to_decimal(), Ok(Decimal::ZERO));
        let r = Ratio::of_gains(Decimal::MAX, Decimal::new(1, 28), Decimal::new(7, 0)).unwrap();
        // (MAX − 1e-28) / (7 − 1e-28) ≈ MAX / 7.
        assert_eq!(r.to_decimal(), Ok(Decimal::MAX / d("7")));
    }

    #[test]
    fn fractions_print_as_num_over_den() {
        assert_eq!(Ratio::of_ints(-3, 6).unwrap().to_string(), "-3/6");
        let big = Ratio::of(Decimal::MAX, Decimal::new(1, 28)).unwrap();
        assert_eq!(
            big.to_string(),
            format!("{}0000000000000000000000000000/1", Decimal::MAX)
        );
    }
}
