//! The weight types the engine solves exactly (`f64` and `i64`) and what it needs to know of
//! each: how a cell reads under a sense, and the range within which its answers are certified.

use crate::matching::assignment::options::{Cell, Sense};
use serde::Serialize;
use std::fmt::Debug;

mod sealed {
    pub trait Sealed {}
    impl Sealed for f64 {}
    impl Sealed for i64 {}
}

/// A weight type the engine solves exactly: `f64` or `i64`.
///
/// The trait is sealed: the engine's exactness rests on knowing each type's arithmetic.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{solve, Matrix, Sense, Weight};
///
/// fn best_total<W: Weight>(m: &Matrix<W>) -> W::Total {
///     solve(m, Sense::Maximize).expect("a valid matrix").total()
/// }
/// assert_eq!(best_total(&Matrix::from_vec(1, 2, vec![3_i64, 4])?), 4);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub trait Weight: Copy + PartialOrd + Debug + Send + Sync + 'static + sealed::Sealed {
    /// The type of totals and potentials: `f64` for `f64`, `i128` for `i64` (sums of `i64`
    /// can overflow `i64`; in `i128` they are exact).
    type Total: Copy
        + PartialOrd
        + Debug
        + Send
        + Sync
        + Serialize
        + std::ops::Add<Output = Self::Total>
        + std::ops::Sub<Output = Self::Total>
        + 'static;

    /// Whether sums of the type are exact (integers), so that the solvers need no rounding
    /// allowance.
    #[doc(hidden)]
    const EXACT: bool;
    /// What the cell means when solving with `sense`.
    #[doc(hidden)]
    fn cell(self, sense: Sense) -> Cell;
    /// The value as an exact integer, if it is one the integer path can hold exactly.
    #[doc(hidden)]
    fn exact_integer(self) -> Option<i64>;
    /// On a matrix the survey found integral: the cell's integer, or `None` when it is
    /// forbidden in `sense`.
    #[doc(hidden)]
    fn allowed_integer(self, sense: Sense) -> Option<i64>;
    /// The value as `f64` (exact for `f64`).
    #[doc(hidden)]
    fn to_f64(self) -> f64;
    /// A total from an exact integer.
    #[doc(hidden)]
    fn total_from_int(x: i128) -> Self::Total;
    /// A total from a float (only used where the weights are floats).
    #[doc(hidden)]
    fn total_from_f64(x: f64) -> Self::Total;
    /// The value as a total.
    #[doc(hidden)]
    fn to_total(self) -> Self::Total;
    /// A total as a float (rounded for `i128` totals beyond 2^53).
    #[doc(hidden)]
    fn total_to_f64(x: Self::Total) -> f64;
    /// The values as `f64`, when they are `f64` already.
    #[doc(hidden)]
    fn as_f64_slice(data: &[Self]) -> Option<&[f64]>;
    /// The value that forbids a cell when solving with `sense`.
    #[doc(hidden)]
    fn forbidden_in(sense: Sense) -> Self;
    /// Whether [`Matrix`] construction must reject the value, and why.
    #[doc(hidden)]
    fn reject(self) -> Option<&'static str>;
    /// Whether the value is finite but beyond what the engine certifies ([`CERTIFIED_RANGE`]
    /// for floats; never for integers).
    #[doc(hidden)]
    fn beyond_certified(self) -> bool;
}

/// The largest magnitude of a float weight that the engine solves and certifies: 2^1020
/// (about 9e307). Below it, no sum of three weights or potentials overflows.
pub(crate) const CERTIFIED_RANGE: f64 = 8.98846567431158e307; // 2^1020

/// Why a float weight beyond [`CERTIFIED_RANGE`] is refused.
pub(crate) const BEYOND_CERTIFIED: &str =
    "beyond ±2^1020 (about 9e307), the largest magnitude the float engine certifies";

impl Weight for f64 {
    type Total = f64;
    const EXACT: bool = false;
    fn cell(self, sense: Sense) -> Cell {
        match (self.is_nan(), self.is_infinite(), sense) {
            (true, ..) => Cell::Invalid("NaN is not a weight"),
            (false, false, _) => Cell::Allowed,
            (false, true, Sense::Minimize) if self > 0.0 => Cell::Forbidden,
            (false, true, Sense::Maximize) if self < 0.0 => Cell::Forbidden,
            (false, true, Sense::Minimize) => {
                Cell::Invalid("-inf cannot be minimised (+inf forbids a pair when minimising)")
            }
            (false, true, Sense::Maximize) => {
                Cell::Invalid("+inf cannot be maximised (-inf forbids a pair when maximising)")
            }
        }
    }
    fn exact_integer(self) -> Option<i64> {
        const LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
        // Within ±2^53 the round trip through i64 is exact exactly for whole numbers; it costs
        // two conversions, where `fract` is a library call on baseline x86-64.
        let i = self as i64;
        (self.abs() <= LIMIT && i as f64 == self).then_some(i)
    }
    fn allowed_integer(self, _: Sense) -> Option<i64> {
        // After the survey the only non-integers left are the forbidden infinities.
        self.exact_integer()
    }
    fn to_f64(self) -> f64 {
        self
    }
    fn total_from_int(x: i128) -> f64 {
        x as f64
    }
    fn total_from_f64(x: f64) -> f64 {
        x
    }
    fn to_total(self) -> f64 {
        self
    }
    fn total_to_f64(x: f64) -> f64 {
        x
    }
    fn as_f64_slice(data: &[f64]) -> Option<&[f64]> {
        Some(data)
    }
    fn forbidden_in(sense: Sense) -> f64 {
        match sense {
            Sense::Minimize => f64::INFINITY,
            Sense::Maximize => f64::NEG_INFINITY,
        }
    }
    fn reject(self) -> Option<&'static str> {
        self.is_nan().then_some("NaN is not a weight")
    }
    fn beyond_certified(self) -> bool {
        self.is_finite() && self.abs() > CERTIFIED_RANGE
    }
}

impl Weight for i64 {
    type Total = i128;
    const EXACT: bool = true;
    fn cell(self, sense: Sense) -> Cell {
        match (self, sense) {
            (i64::MAX, Sense::Minimize) | (i64::MIN, Sense::Maximize) => Cell::Forbidden,
            _ => Cell::Allowed,
        }
    }
    fn exact_integer(self) -> Option<i64> {
        Some(self)
    }
    fn allowed_integer(self, sense: Sense) -> Option<i64> {
        match (self, sense) {
            (i64::MAX, Sense::Minimize) | (i64::MIN, Sense::Maximize) => None,
            _ => Some(self),
        }
    }
    fn to_f64(self) -> f64 {
        self as f64
    }
    fn total_from_int(x: i128) -> i128 {
        x
    }
    fn total_from_f64(x: f64) -> i128 {
        x as i128
    }
    fn to_total(self) -> i128 {
        self as i128
    }
    fn total_to_f64(x: i128) -> f64 {
        x as f64
    }
    fn as_f64_slice(_: &[i64]) -> Option<&[f64]> {
        None
    }
    fn forbidden_in(sense: Sense) -> i64 {
        match sense {
            Sense::Minimize => i64::MAX,
            Sense::Maximize => i64::MIN,
        }
    }
    fn reject(self) -> Option<&'static str> {
        None
    }
    fn beyond_certified(self) -> bool {
        false
    }
}
