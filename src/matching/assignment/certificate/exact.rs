//! Exact arithmetic on `f64` values, for the certificate's comparisons that rounding could
//! decide wrongly.
//!
//! Every finite `f64` is an integer multiple of a power of two, so a difference of a few of
//! them is exactly a short sum of floats (Knuth's TwoSum), and such sums, counted in units of
//! the smallest power of two that divides all their terms, are integers. The certificate adds
//! those integers along paths in `i128`, where nothing rounds.

/// `a + b` exactly, as the rounded sum and its rounding error (Knuth's TwoSum: six float
/// operations, exact in round-to-nearest binary arithmetic with gradual underflow, provided
/// nothing overflows). Both results are multiples of every power of two that divides `a` and
/// `b`.
pub(super) fn two_sum(a: f64, b: f64) -> (f64, f64) {
    let s = a + b;
    let bb = s - a;
    let e = (a - (s - bb)) + (b - bb);
    (s, e)
}

/// The exact sum of `xs` rounded once to the nearest `f64` (ties to even): Shewchuk's
/// adaptive partials, as Python's `math.fsum`. Rounding is monotone, so of two sets of values
/// whose exact sums compare one way, the results never compare the other way, which sums
/// rounded term by term do not promise. Falls back to the plain sum when an intermediate
/// overflows (a sum beyond `f64`, which no certified answer has).
pub(crate) fn correctly_rounded_sum(xs: impl IntoIterator<Item = f64>) -> f64 {
    let mut partials: Vec<f64> = Vec::new();
    let mut plain = 0.0;
    for x in xs {
        plain += x;
        partials.push(0.0);
        let len = add_partial(&mut partials, x);
        partials.truncate(len);
    }
    if !partials.iter().all(|p| p.is_finite()) {
        return plain;
    }
    // The partials do not overlap and grow in magnitude: add them from the top until one is
    // lost, then correct the half-way case so that it rounds to even.
    let Some(mut hi) = partials.pop() else {
        return 0.0;
    };
    let mut lo = 0.0;
    while let Some(y) = partials.pop() {
        let x = hi;
        hi = x + y;
        lo = y - (hi - x);
        if lo != 0.0 {
            break;
        }
    }
    if let Some(&next) = partials.last()
        && ((lo < 0.0 && next < 0.0) || (lo > 0.0 && next > 0.0))
    {
        let y = lo * 2.0;
        let x = hi + y;
        if y == x - hi {
            hi = x;
        }
    }
    hi
}

/// The sign of the exact sum of `xs` (finite, not overflowing), without allocating: the
/// partials of [`correctly_rounded_sum`] do not overlap, so the largest one's sign is the
/// sum's.
pub(crate) fn exact_sign<const N: usize>(xs: [f64; N]) -> std::cmp::Ordering {
    let mut partials = [0.0f64; N];
    let mut len = 0;
    // Zeros change nothing, and callers pass many (a price's parts are mostly 0).
    for x in xs.into_iter().filter(|&x| x != 0.0) {
        len = add_partial(&mut partials[..=len], x);
    }
    let top = partials[..len].iter().rev().find(|&&p| p != 0.0);
    top.map_or(std::cmp::Ordering::Equal, |&p| {
        p.partial_cmp(&0.0).unwrap_or(std::cmp::Ordering::Equal)
    })
}

/// A number held exactly as the sum of two floats: a potential as `f64` and what rounding
/// took off it (its rest, see [`corrected`]).
pub(crate) type Exact = [f64; 2];

/// How `a` compares with `b`, exactly (`1 + 2^-60` is above `1`, though both round to `1.0`).
pub(crate) fn compare_exact([a0, a1]: Exact, [b0, b1]: Exact) -> std::cmp::Ordering {
    exact_sign([a0, a1, -b0, -b1])
}

/// Adds `x` to the partials `partials[..partials.len() - 1]` (non-overlapping, growing in
/// magnitude; the last slot is room for one more) by Shewchuk's grow step, zeros dropped;
/// returns how many partials there are now, from the start of `partials`.
fn add_partial(partials: &mut [f64], mut x: f64) -> usize {
    let mut kept = 0;
    for k in 0..partials.len() - 1 {
        let mut y = partials[k];
        if x.abs() < y.abs() {
            std::mem::swap(&mut x, &mut y);
        }
        let hi = x + y;
        let lo = y - (hi - x);
        if lo != 0.0 {
            partials[kept] = lo;
            kept += 1;
        }
        x = hi;
    }
    partials[kept] = x;
    kept + 1
}

/// `a - b - c` exactly, as three floats whose sum it is (two TwoSums). Inputs of magnitude at
/// most 2^1021 cannot overflow.
pub(super) fn difference3(a: f64, b: f64, c: f64) -> [f64; 3] {
    let (s1, e1) = two_sum(a, -b);
    let (s2, e2) = two_sum(s1, -c);
    [s2, e2, e1]
}

/// The exponent `k` of the lowest set bit of a nonzero finite `x`: `x = m · 2^k` with `m` an
/// odd integer. `None` for 0 (a multiple of every power of two).
pub(super) fn lowest_bit(x: f64) -> Option<i32> {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, scale) = if exponent == 0 {
        (fraction, -1074) // subnormal: fraction · 2^-1074
    } else {
        (fraction | (1 << 52), exponent - 1075)
    };
    (mantissa != 0).then(|| scale + mantissa.trailing_zeros() as i32)
}

/// The exponent `k` of the highest set bit of a nonzero finite `x`: `2^k <= |x| < 2^(k+1)`.
fn highest_bit(x: f64) -> i32 {
    let bits = x.to_bits();
    let exponent = ((bits >> 52) & 0x7ff) as i32;
    if exponent == 0 {
        let fraction = bits & ((1 << 52) - 1);
        -1074 + 63 - fraction.leading_zeros() as i32
    } else {
        exponent - 1023
    }
}

/// `2^k` as an `f64`, exactly, for `k` within `-1074..=1023`.
pub(super) fn pow2(k: i32) -> f64 {
    debug_assert!((-1074..=1023).contains(&k));
    if k >= -1022 {
        f64::from_bits(((k + 1023) as u64) << 52)
    } else {
        f64::from_bits(1u64 << (k + 1074))
    }
}

/// The largest magnitude, in units, that an exact value in `i128` ([`Fixed`]) may have: sums
/// along paths of up to 2^20 of them stay below 2^120.
pub(super) const UNITS_LIMIT: i128 = 1 << 100;

/// A sum of floats counted in units of `2^k`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Units {
    /// The exact value.
    Exact(i128),
    /// Positive and beyond [`UNITS_LIMIT`] units.
    Large,
    /// Negative and beyond [`UNITS_LIMIT`] units.
    Small,
}

/// The exact sum of `parts`, which must all be multiples of `2^k`, counted in units of `2^k`.
pub(super) fn units(parts: &[f64], k: i32) -> Units {
    let parts = || parts.iter().copied().filter(|p| *p != 0.0);
    // Each part below 2^120 units: their sum fits in `i128` as it is.
    if parts().all(|p| highest_bit(p) - k < 120) {
        let total: i128 = parts().map(|p| to_units(p, k)).sum();
        return clamp(total);
    }
    // Some part is huge against the smallest: add them in a wide integer (two's complement,
    // 36 limbs of 64 bits hold every float in units of any float's lowest bit), which decides
    // the sign whatever cancels.
    let mut acc = [0u64; 36];
    for p in parts() {
        let low = lowest_bit(p).expect("nonzero");
        let odd = (p.abs() / pow2(low)) as u64; // exact: an odd integer below 2^53
        add_shifted(&mut acc, odd, (low - k) as u32, p < 0.0);
    }
    let negative = acc[35] >> 63 == 1;
    if negative {
        negate(&mut acc);
    }
    // Within `i128` only when the top limb's sign bit is clear too (else the negation below
    // would overflow); anything larger is beyond the limit anyway.
    let small = acc[2..].iter().all(|&l| l == 0) && acc[1] >> 63 == 0;
    if !small {
        return if negative { Units::Small } else { Units::Large };
    }
    let magnitude = ((acc[1] as i128) << 64) | acc[0] as i128;
    clamp(if negative { -magnitude } else { magnitude })
}

/// An exact sum in units, or its side when it is beyond [`UNITS_LIMIT`].
fn clamp(total: i128) -> Units {
    if total > UNITS_LIMIT {
        Units::Large
    } else if total < -UNITS_LIMIT {
        Units::Small
    } else {
        Units::Exact(total)
    }
}

/// Adds (or subtracts, when `negative`) `m · 2^shift` to the two's complement number `acc`.
fn add_shifted(acc: &mut [u64; 36], m: u64, shift: u32, negative: bool) {
    let (limb, bit) = ((shift / 64) as usize, shift % 64);
    let wide = (m as u128) << bit;
    let words = [wide as u64, (wide >> 64) as u64];
    let mut carry = false;
    for (k, slot) in acc.iter_mut().enumerate().skip(limb) {
        let w = words.get(k - limb).copied().unwrap_or(0);
        if w == 0 && !carry {
            if k >= limb + 2 {
                break;
            }
            continue;
        }
        if negative {
            let (d, b1) = slot.overflowing_sub(w);
            let (d, b2) = d.overflowing_sub(carry as u64);
            *slot = d;
            carry = b1 || b2;
        } else {
            let (d, c1) = slot.overflowing_add(w);
            let (d, c2) = d.overflowing_add(carry as u64);
            *slot = d;
            carry = c1 || c2;
        }
    }
}

/// Negates the two's complement number `acc`.
fn negate(acc: &mut [u64; 36]) {
    let mut carry = true;
    for slot in acc.iter_mut() {
        let (d, c) = (!*slot).overflowing_add(carry as u64);
        *slot = d;
        carry = c;
    }
}

/// `x / 2^k` for a nonzero multiple `x` of `2^k` below `2^(k + 120)` in magnitude.
fn to_units(x: f64, k: i32) -> i128 {
    let low = lowest_bit(x).expect("nonzero");
    debug_assert!(low >= k, "{x} is not a multiple of 2^{k}");
    let odd = (x.abs() / pow2(low)) as i128; // exact: an odd integer below 2^53
    let shifted = odd << (low - k);
    if x < 0.0 { -shifted } else { shifted }
}

/// `x · 2^e` for any `e`, without overflowing or underflowing on the way (only the result
/// may).
fn ldexp(x: f64, e: i32) -> f64 {
    let (mut x, mut e) = (x, e);
    while e > 1000 {
        x *= pow2(1000);
        e -= 1000;
    }
    while e < -1000 {
        x *= pow2(-1000);
        e += 1000;
    }
    x * pow2(e)
}

/// `base + d · 2^k`, computed exactly and rounded once (to within an ulp of the result, not
/// of `base` or of the correction, which may cancel each other: a wrong solver's potentials
/// may need corrections as large as themselves), and what the rounding took off: the float
/// `rest` such that the rounded value plus `rest` is `base + d · 2^k` exactly, where one
/// float holds it (`None` where it does not, or where the sum was made in wide integers).
/// The rounded potentials need not certify a tight cell exactly; with their rests they do.
pub(super) fn corrected<C: Exactly>(base: f64, d: C, k: i32) -> (f64, Option<f64>) {
    let kk = lowest_bit(base).map_or(k, |b| b.min(k));
    // In `i128` when everything fits (the common case): the sum is exact, and its conversion
    // to `f64` rounds once, to nearest.
    if let Some(d) = d.as_i128() {
        if d == 0 {
            return (base, Some(0.0));
        }
        let base_bits = if base == 0.0 {
            0
        } else {
            highest_bit(base) - kk + 1
        };
        let d_bits = 128 - d.unsigned_abs().leading_zeros() as i32 + (k - kk);
        if base_bits < 120 && d_bits < 120 {
            let b = if base == 0.0 { 0 } else { to_units(base, kk) };
            let total = b + (d << (k - kk));
            let rounded = ldexp(total as f64, kk);
            return (rounded, rest_of(total, rounded, kk));
        }
    }
    let sum = Wide::of(&[base], kk).expect("wide integers hold every float")
        + d.to_wide().shl((k - kk) as u32);
    let (hi, lo) = sum.scaled(kk);
    (hi + lo, None)
}

/// `total · 2^kk − rounded` as one float, where it is one exactly: `rounded` is `total · 2^kk`
/// rounded to `f64`, so the rest is below an ulp of it, in units of `2^kk`.
fn rest_of(total: i128, rounded: f64, kk: i32) -> Option<f64> {
    if !rounded.is_finite() {
        return None;
    }
    let units = match lowest_bit(rounded) {
        None => 0,
        // Rounded into the subnormals below the units: not a whole number of them.
        Some(low) if low < kk => return None,
        Some(_) => to_units(rounded, kk),
    };
    let rest = total.checked_sub(units)?;
    // With at most 53 bits from its highest to its lowest set one, the rest is one float, and
    // scaling it by `2^kk` (at least 2^-1074, the least float) is exact.
    let magnitude = rest.unsigned_abs();
    let span = magnitude
        .checked_shr(magnitude.trailing_zeros())
        .unwrap_or(0);
    (span < 1u128 << 53).then(|| ldexp(rest as f64, kk))
}

/// The exact number types of the certificate's correction: [`Fixed`] for the common case,
/// [`Wide`] when the numbers span more than `i128` holds.
pub(super) trait Exactly:
    Copy + PartialOrd + std::ops::Add<Output = Self> + std::ops::Sub<Output = Self>
{
    /// Zero.
    const ZERO: Self;
    /// The exact sum of `parts` (multiples of `2^k`) in units of `2^k`, or `None` when it does
    /// not fit.
    fn of(parts: &[f64], k: i32) -> Option<Self>;
    /// Whether the value is below zero.
    fn is_negative(self) -> bool;
    /// `self · 2^k` as two floats whose sum is within `2^-100` of it (relative).
    fn scaled(self, k: i32) -> (f64, f64);
    /// Whether the value lies where no saturated operation can have produced it (always, for
    /// types that do not saturate).
    fn sound(self) -> bool;
    /// The value as a [`Wide`].
    fn to_wide(self) -> Wide;
    /// The value as an `i128`, when this type keeps it in one.
    fn as_i128(self) -> Option<i128>;
}

/// A count of units in `i128`, for numbers within [`UNITS_LIMIT`] units (a problem with any
/// number beyond it is solved in [`Wide`] numbers). Its arithmetic saturates: labels along
/// paths of fewer than 2^20 arcs stay within 2^120 units, so a label beyond 2^121 means
/// something saturated, and is refused ([`Exactly::sound`]), never trusted.
///
/// Huge positive costs are not clamped to a stand-in value: an arc of the matching runs
/// backwards at the negated cost, and two different huge costs clamped alike would cancel on
/// a cycle through one of them forwards and the other backwards, showing a negative cycle
/// where there is none (or hiding one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Fixed(pub(super) i128);

impl std::ops::Add for Fixed {
    type Output = Fixed;
    fn add(self, other: Fixed) -> Fixed {
        Fixed(self.0.saturating_add(other.0))
    }
}

impl std::ops::Sub for Fixed {
    type Output = Fixed;
    fn sub(self, other: Fixed) -> Fixed {
        Fixed(self.0.saturating_sub(other.0))
    }
}

impl Exactly for Fixed {
    const ZERO: Self = Fixed(0);
    fn of(parts: &[f64], k: i32) -> Option<Self> {
        match units(parts, k) {
            Units::Exact(x) => Some(Fixed(x)),
            Units::Large | Units::Small => None,
        }
    }
    fn is_negative(self) -> bool {
        self.0 < 0
    }
    fn scaled(self, k: i32) -> (f64, f64) {
        let hi = self.0 as f64;
        let lo = self.0 - hi as i128; // exact: below 2^-52 of `hi`
        (ldexp(hi, k), ldexp(lo as f64, k))
    }
    fn sound(self) -> bool {
        self.0.unsigned_abs() < 1 << 121
    }
    fn to_wide(self) -> Wide {
        let mut limbs = [0u64; WIDE];
        limbs[0] = self.0 as u64;
        limbs[1] = (self.0 >> 64) as u64;
        // Sign extension of two's complement.
        let fill = if self.0 < 0 { u64::MAX } else { 0 };
        limbs[2..].fill(fill);
        Wide(limbs)
    }
    fn as_i128(self) -> Option<i128> {
        Some(self.0)
    }
}

/// Limbs of [`Wide`]: 36 × 64 bits hold every float in units of any float's lowest bit (2^2098
/// at most), and sums along any path of them.
const WIDE: usize = 36;

/// A count of units in a 2,304-bit two's complement integer: exact for any floats, slower.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Wide([u64; WIDE]);

impl std::ops::Add for Wide {
    type Output = Wide;
    fn add(self, other: Wide) -> Wide {
        let mut out = [0u64; WIDE];
        let mut carry = false;
        for ((o, &a), &b) in out.iter_mut().zip(&self.0).zip(&other.0) {
            let (d, c1) = a.overflowing_add(b);
            let (d, c2) = d.overflowing_add(carry as u64);
            *o = d;
            carry = c1 || c2;
        }
        Wide(out)
    }
}

impl std::ops::Sub for Wide {
    type Output = Wide;
    fn sub(self, other: Wide) -> Wide {
        // a - b = a + (-b) in two's complement.
        let mut negated = other;
        negate(&mut negated.0);
        std::ops::Add::add(self, negated)
    }
}

impl PartialOrd for Wide {
    fn partial_cmp(&self, other: &Wide) -> Option<std::cmp::Ordering> {
        let (a, b) = (self.is_negative(), other.is_negative());
        if a != b {
            return Some(if a {
                std::cmp::Ordering::Less
            } else {
                std::cmp::Ordering::Greater
            });
        }
        // Same sign: two's complement orders like the unsigned limbs.
        Some(self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

impl Exactly for Wide {
    const ZERO: Self = Wide([0; WIDE]);
    fn of(parts: &[f64], k: i32) -> Option<Self> {
        let mut acc = [0u64; WIDE];
        for &p in parts.iter().filter(|p| **p != 0.0) {
            let low = lowest_bit(p).expect("nonzero");
            let odd = (p.abs() / pow2(low)) as u64; // exact: an odd integer below 2^53
            add_shifted(&mut acc, odd, (low - k) as u32, p < 0.0);
        }
        Some(Wide(acc))
    }
    fn is_negative(self) -> bool {
        self.0[WIDE - 1] >> 63 == 1
    }
    fn scaled(self, k: i32) -> (f64, f64) {
        let negative = self.is_negative();
        let mut m = self.0;
        if negative {
            negate(&mut m);
        }
        let Some(top) = (0..WIDE).rev().find(|&l| m[l] != 0) else {
            return (0.0, 0.0);
        };
        // The 128 bits from the highest set bit down, as two 64-bit words.
        let p = 64 * top as i32 + 63 - m[top].leading_zeros() as i32;
        let bits = |from: i32| -> u64 {
            // The 64 bits whose lowest is bit `from` (bits below 0 are 0).
            let word = |w: i32| {
                if (0..WIDE as i32).contains(&w) {
                    m[w as usize]
                } else {
                    0
                }
            };
            let (w, off) = (from.div_euclid(64), from.rem_euclid(64) as u32);
            if off == 0 {
                word(w)
            } else {
                (word(w) >> off) | (word(w + 1) << (64 - off))
            }
        };
        let (high, low) = (bits(p - 63), bits(p - 127));
        let high_f = high as f64;
        // `high as f64` rounded `high` by less than 2^11; that difference joins the low part.
        let missed = high as i128 - high_f as i128;
        let hi = ldexp(high_f, p - 63 + k);
        let lo = ldexp(missed as f64, p - 63 + k) + ldexp(low as f64, p - 127 + k);
        if negative { (-hi, -lo) } else { (hi, lo) }
    }
    fn sound(self) -> bool {
        true
    }
    fn to_wide(self) -> Wide {
        self
    }
    fn as_i128(self) -> Option<i128> {
        None
    }
}

impl Wide {
    /// `self · 2^bits` (the caller keeps it within range).
    fn shl(self, bits: u32) -> Wide {
        let (limbs, bit) = ((bits / 64) as usize, bits % 64);
        let mut out = [0u64; WIDE];
        for k in (limbs..WIDE).rev() {
            let from = k - limbs;
            let mut x = self.0[from] << bit;
            if bit > 0 && from > 0 {
                x |= self.0[from - 1] >> (64 - bit);
            }
            out[k] = x;
        }
        Wide(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::cmp::Ordering;

    /// `mantissa · 2^exponent` for small integers: values whose exact sums `i128` holds.
    fn value(mantissa: i64, exponent: i32) -> f64 {
        mantissa as f64 * 2f64.powi(exponent)
    }

    /// Two-part numbers compare by their exact sums: by the rest where the rounded parts tie.
    #[test]
    fn compare_exact_reads_the_rest() {
        use std::cmp::Ordering::{Equal, Greater, Less};
        let tiny = 2f64.powi(-60);
        assert_eq!(compare_exact([1.0, tiny], [1.0, 0.0]), Greater);
        assert_eq!(compare_exact([1.0, -tiny], [1.0, 0.0]), Less);
        assert_eq!(compare_exact([1.0, tiny], [tiny, 1.0]), Equal);
        assert_eq!(compare_exact([0.5, 0.5], [1.0, 0.0]), Equal);
    }

    proptest! {
        #[test]
        fn exact_sign_is_the_sign_of_the_exact_sum(
            terms in proptest::collection::vec((-(1i64 << 40)..(1i64 << 40), -40i32..=40), 5)
        ) {
            let xs: [f64; 5] = std::array::from_fn(|k| value(terms[k].0, terms[k].1));
            // In units of 2^-40 every term is an integer below 2^(40 + 80): five fit in i128.
            let exact: i128 = terms
                .iter()
                .map(|&(m, e)| i128::from(m) << (e + 40) as u32)
                .sum();
            prop_assert_eq!(exact_sign(xs), exact.cmp(&0));
        }
    }

    #[test]
    fn exact_sign_sees_what_rounding_hides() {
        // 1 + 2^-60 - 1 rounds to 0 term by term; exactly it is positive.
        assert_eq!(exact_sign([1.0, value(1, -60), -1.0]), Ordering::Greater);
        assert_eq!(exact_sign([1.0, -value(1, -60), -1.0]), Ordering::Less);
        assert_eq!(exact_sign([0.5, 0.25, -0.75]), Ordering::Equal);
        assert_eq!(exact_sign::<0>([]), Ordering::Equal);
    }

    /// Floats with any mantissa, of magnitudes within 2^-40 .. 2^40 (so that three of them
    /// and their parts span under 2^120 units), and a few decimal fractions.
    fn moderate() -> impl Strategy<Value = f64> {
        prop_oneof![
            (any::<u64>(), -40i32..40, any::<bool>()).prop_map(|(m, e, neg)| {
                let x = (m >> 11) as f64 * 2f64.powi(e - 52);
                if neg { -x } else { x }
            }),
            (-1e6f64..1e6),
            Just(0.1),
            Just(1.0 / 3.0),
            Just(0.0),
        ]
    }

    #[test]
    fn lowest_and_highest_bits() {
        assert_eq!(lowest_bit(1.0), Some(0));
        assert_eq!(lowest_bit(6.0), Some(1));
        assert_eq!(lowest_bit(0.375), Some(-3));
        assert_eq!(lowest_bit(-0.375), Some(-3));
        assert_eq!(lowest_bit(0.0), None);
        assert_eq!(lowest_bit(f64::from_bits(1)), Some(-1074));
        assert_eq!(lowest_bit(f64::MAX), Some(971));
        assert_eq!(highest_bit(1.0), 0);
        assert_eq!(highest_bit(0.75), -1);
        assert_eq!(highest_bit(f64::from_bits(1)), -1074);
        assert_eq!(highest_bit(f64::MAX), 1023);
        assert_eq!(pow2(-1074), f64::from_bits(1));
        assert_eq!(pow2(-1022), f64::MIN_POSITIVE);
        assert_eq!(pow2(10), 1024.0);
    }

    /// The rounded value alone.
    fn add_correction<C: Exactly>(base: f64, d: C, k: i32) -> f64 {
        corrected(base, d, k).0
    }

    #[test]
    fn corrections_cancel_without_losing_the_result() {
        // 2^63 - 1 is not a float: a naive `base - d` would give 0.
        let base = 9.223372036854776e18; // 2^63
        let d = Fixed(-((1i128 << 63) - 1)).to_wide();
        assert_eq!(add_correction(base, d, 0), 1.0);
        assert_eq!(add_correction(base, Fixed(-((1i128 << 63) - 1)), 0), 1.0);
        assert_eq!(add_correction(0.5, Fixed(3), -2), 1.25);
        assert_eq!(add_correction(0.5, Fixed(3).to_wide(), -2), 1.25);
        assert_eq!(add_correction(1e300, Fixed(0).to_wide(), -1074), 1e300);
        let w = Wide::of(&[-9.223372036854776e18, 1.0], 0).unwrap();
        assert_eq!(add_correction(base, w, 0), 1.0);
        // A correction that cancels the base down to 1e-300 keeps it.
        let w = Wide::of(&[-0.5, 1e-300], -1049).unwrap();
        assert_eq!(add_correction(0.5, w, -1049), 1e-300);
        assert_eq!(add_correction(0.5, Fixed(-4).to_wide(), -3), 0.0);
        assert_eq!(add_correction(-2.0, Fixed(-4).to_wide(), 1), -10.0);
        // 1e300 in units of 2^-1074 is far beyond i128, not beyond `Wide`.
        let w = Wide::of(&[1e300, 1e-300], -1074).unwrap();
        let (hi, lo) = w.scaled(-1074);
        assert_eq!(hi, 1e300);
        assert!(lo.abs() < 1e285);
        assert!(Fixed::of(&[1e300, 1e-300], -1074).is_none());
        assert!(Fixed::of(&[-1e300, 1e-300], -1074).is_none());
    }

    /// Rounding a correction keeps what it took off: the rounded value plus the rest is the
    /// exact sum. 0.1 + 2^-80 is no float (it rounds to 0.1); the rest is 2^-80.
    #[test]
    fn a_rounded_correction_keeps_its_rest() {
        assert_eq!(corrected(0.1, Fixed(1), -80), (0.1, Some(pow2(-80))));
        assert_eq!(corrected(0.5, Fixed(3), -2), (1.25, Some(0.0)));
        assert_eq!(corrected(0.5, Fixed(0), -2), (0.5, Some(0.0)));
        // 1 + 2^-60: the rest is 2^-60, one float.
        assert_eq!(corrected(1.0, Fixed(1), -60), (1.0, Some(pow2(-60))));
        // (1 + 2^-52) + 3 · 2^-60 rounds to 1 + 2^-52 and leaves 3 · 2^-60, two bits.
        let base = 1.0 + pow2(-52);
        assert_eq!(
            corrected(base, Fixed(3), -60),
            (base, Some(3.0 * pow2(-60)))
        );
        // 1 + 2^-200 spans more units than `i128` holds: summed wide, no rest.
        assert_eq!(corrected(1.0, Fixed(1), -200), (1.0, None));
        let w = Wide::of(&[1.0, pow2(-60)], -60).unwrap();
        assert_eq!(corrected(0.5, w, -60).1, None, "wide sums keep no rest");
    }

    proptest::proptest! {
        /// Wherever a rest is given, the rounded value plus the rest is the exact sum, and
        /// the rest is within half an ulp of the rounded value.
        #[test]
        fn a_rest_makes_the_rounded_correction_exact(
            base in -1e6f64..1e6,
            d in -(1i64 << 52)..(1i64 << 52),
            k in -90i32..-20,
        ) {
            let (rounded, rest) = corrected(base, Fixed(i128::from(d)), k);
            let step = d as f64 * pow2(k); // exact: `d` is below 2^53
            if let Some(rest) = rest {
                proptest::prop_assert_eq!(
                    exact_sign([rounded, rest, -base, -step]),
                    std::cmp::Ordering::Equal
                );
                let ulp = f64::from_bits(rounded.abs().to_bits() + 1) - rounded.abs();
                proptest::prop_assert!(rest.abs() <= ulp / 2.0);
            }
        }
    }

    /// `Wide` adds, subtracts and compares like the integers it holds.
    #[test]
    fn wide_arithmetic_agrees_with_i128() {
        let cases: [i128; 7] = [0, 1, -1, 12345, -(1 << 100), (1 << 90) + 7, -3];
        let wide = |x: i128| Wide::of(&[x as f64], 0).unwrap();
        for &a in &cases {
            for &b in &cases {
                // The cases are floats exactly, so `of` reads them exactly.
                assert_eq!(
                    wide(a) + wide(b),
                    Wide::of(&[a as f64, b as f64], 0).unwrap()
                );
                assert_eq!(
                    wide(a) - wide(b),
                    Wide::of(&[a as f64, -(b as f64)], 0).unwrap()
                );
                assert_eq!(
                    wide(a).partial_cmp(&wide(b)),
                    a.partial_cmp(&b),
                    "{a} vs {b}"
                );
                assert_eq!((wide(a) - wide(b)).is_negative(), a < b);
            }
        }
    }

    #[test]
    fn units_of_small_sums() {
        // 0.1 + 0.2 - 0.3 is not 0 for the binary values: 2^-55 exactly (floats round it to
        // 2^-54).
        let parts = difference3(0.1, -0.2, 0.3);
        assert_eq!((0.1 + 0.2) - 0.3, 2f64.powi(-54));
        let k = parts.iter().filter_map(|&p| lowest_bit(p)).min().unwrap();
        assert_eq!(units(&parts, k), Units::Exact(1 << (-55 - k)));
        assert_eq!(units(&[0.0, 0.0], 3), Units::Exact(0));
        assert_eq!(units(&[1e300, 1.0], 0), Units::Large);
        assert_eq!(units(&[-1e300, 1.0], 0), Units::Small);
        // A huge part cancelled by another leaves a small exact sum, whatever their order.
        let big = 2f64.powi(200);
        assert_eq!(units(&[1.0, big, -big], 0), Units::Exact(1));
        assert_eq!(units(&[-big, 3.0, big], 0), Units::Exact(3));
        assert_eq!(units(&[big, -big, -3.0], 0), Units::Exact(-3));
        assert_eq!(units(&[big, 1.0, -1.0], 0), Units::Large);
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        /// TwoSum's parts add up exactly: checked by comparing the sum in units with the
        /// units of each input.
        #[test]
        fn difference3_is_exact(a in moderate(), b in moderate(), c in moderate()) {
            let parts = difference3(a, b, c);
            let k = [a, b, c].iter().chain(&parts).filter_map(|&p| lowest_bit(p)).min();
            let Some(k) = k else { return Ok(()); };
            let terms = [a, -b, -c];
            let terms = terms.iter().filter(|x| **x != 0.0);
            // The reference sums in `i128`: only where each term fits with room.
            prop_assume!(terms.clone().all(|&x| highest_bit(x) - k < 120));
            let direct = terms.map(|&x| to_units(x, k)).sum::<i128>();
            let expected = if direct > UNITS_LIMIT {
                Units::Large
            } else if direct < -UNITS_LIMIT {
                Units::Small
            } else {
                Units::Exact(direct)
            };
            prop_assert_eq!(units(&parts, k), expected);
        }
    }
}

#[cfg(test)]
mod sum_tests {
    use super::correctly_rounded_sum;
    use proptest::prelude::*;

    proptest! {
        /// Two terms: one IEEE addition is the correctly rounded sum.
        #[test]
        fn two_terms_are_one_addition(a in -1e300_f64..1e300, b in -1e300_f64..1e300) {
            prop_assert_eq!(correctly_rounded_sum([a, b]), a + b);
        }

        /// Multiples of 2^-20 below 2^30: their exact sum fits an `f64` with room to spare,
        /// so the correctly rounded sum is that exact sum, in any order.
        #[test]
        fn exact_sums_come_back_exactly(xs in proptest::collection::vec(-(1_i64 << 50)..(1 << 50), 0..40)) {
            let exact: i64 = xs.iter().sum();
            let scale = (2.0_f64).powi(-20);
            let floats: Vec<f64> = xs.iter().map(|&x| x as f64 * scale).collect();
            prop_assert_eq!(correctly_rounded_sum(floats.iter().copied()), exact as f64 * scale);
            prop_assert_eq!(correctly_rounded_sum(floats.iter().rev().copied()), exact as f64 * scale);
        }
    }

    #[test]
    fn sums_are_rounded_once() {
        assert_eq!(correctly_rounded_sum([0.1, 0.2, 0.3]), 0.6);
        assert_eq!(correctly_rounded_sum([0.1, 0.2]), 0.30000000000000004);
        assert_eq!(correctly_rounded_sum([1e100, 1.0, -1e100]), 1.0);
        assert_eq!(correctly_rounded_sum([]), 0.0);
        // The half-way case rounds to even: 1 + 2^-53 + 2^-106 is above half way.
        let tiny = f64::EPSILON / 2.0;
        assert_eq!(correctly_rounded_sum([1.0, tiny]), 1.0);
        assert_eq!(
            correctly_rounded_sum([1.0, tiny, tiny * tiny]),
            1.0 + f64::EPSILON
        );
        // Order does not matter.
        let xs = [0.7, 1e-17, -0.3, 2.5e16, -2.5e16, 0.1];
        let mut ys = xs;
        ys.reverse();
        assert_eq!(correctly_rounded_sum(xs), correctly_rounded_sum(ys));
    }
}
