//! Exact sums of `f64` values, written independently of the crate, for references that must
//! not round: the total of an assignment whose weights span many orders of magnitude.

use std::cmp::Ordering;

/// Limbs of 32 bits from 2^-1074 up: 70 of them reach past 2^1100, above any sum of a few
/// million floats.
const LIMBS: usize = 70;

/// The exact value of a sum of `f64`s, as a fixed-point integer in units of 2^-1074.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExactSum {
    /// Signed base-2^32 digits, least significant first; normalised by [`ExactSum::sign`].
    limbs: [i64; LIMBS],
}

impl Default for ExactSum {
    fn default() -> Self {
        ExactSum { limbs: [0; LIMBS] }
    }
}

impl ExactSum {
    /// The exact sum of `xs` (finite).
    pub fn of(xs: impl IntoIterator<Item = f64>) -> Self {
        let mut s = ExactSum::default();
        for x in xs {
            s.add(x);
        }
        s
    }

    /// Adds a finite `x` exactly.
    pub fn add(&mut self, x: f64) {
        assert!(x.is_finite(), "{x} is not finite");
        let bits = x.to_bits();
        let exponent = ((bits >> 52) & 0x7ff) as i64;
        let fraction = (bits & ((1 << 52) - 1)) as i64;
        // x = mantissa · 2^(shift - 1074)
        let (mantissa, shift) = if exponent == 0 {
            (fraction, 0)
        } else {
            (fraction | (1 << 52), exponent - 1)
        };
        let mantissa = if x < 0.0 { -mantissa } else { mantissa };
        let (limb, offset) = ((shift / 32) as usize, shift % 32);
        // mantissa · 2^offset spans at most three 32-bit digits.
        let wide = (mantissa as i128) << offset;
        for k in 0..3 {
            let digit = ((wide >> (32 * k)) & 0xffff_ffff) as i64;
            self.limbs[limb + k] += digit;
        }
        // The top digit carries the sign of `wide`.
        self.limbs[limb + 3] += (wide >> 96) as i64;
        self.normalise();
    }

    fn normalise(&mut self) {
        for k in 0..LIMBS - 1 {
            let carry = self.limbs[k] >> 32;
            self.limbs[k] -= carry << 32;
            self.limbs[k + 1] += carry;
        }
    }

    /// `self - other`, exactly.
    pub fn minus(&self, other: &ExactSum) -> ExactSum {
        let mut d = self.clone();
        for (a, b) in d.limbs.iter_mut().zip(&other.limbs) {
            *a -= b;
        }
        d.normalise();
        d
    }

    /// The sign of the value.
    pub fn sign(&self) -> Ordering {
        // After normalising, every digit but the top one is in 0..2^32.
        match self.limbs[LIMBS - 1].cmp(&0) {
            Ordering::Equal => {
                if self.limbs.iter().any(|&d| d != 0) {
                    Ordering::Greater
                } else {
                    Ordering::Equal
                }
            }
            o => o,
        }
    }

    /// Compares two exact values.
    pub fn compare(&self, other: &ExactSum) -> Ordering {
        self.minus(other).sign()
    }
}
