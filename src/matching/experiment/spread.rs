//! The spread of many values (per-agent utilities pooled over repeats, run times): quantiles
//! and the five numbers of a box plot.

use serde::{Deserialize, Serialize};

/// The `q`-quantile (`0 ≤ q ≤ 1`) of values sorted in increasing order, by linear
/// interpolation between the two nearest ranks (numpy's default, "type 7"); 0 without values.
///
/// # Examples
///
/// ```
/// use mentor_match::experiment::quantile;
///
/// let sorted = [1.0, 2.0, 3.0, 4.0];
/// assert_eq!(quantile(&sorted, 0.5), 2.5);
/// assert_eq!(quantile(&sorted, 0.0), 1.0);
/// assert_eq!(quantile(&sorted, 1.0), 4.0);
/// assert_eq!(quantile(&[], 0.5), 0.0);
/// ```
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = q.clamp(0.0, 1.0) * (sorted.len() - 1) as f64;
    let (low, high) = (rank.floor() as usize, rank.ceil() as usize);
    sorted[low] + (sorted[high] - sorted[low]) * (rank - low as f64)
}

/// A box plot's numbers and the mean: 5th percentile, quartiles, median, 95th percentile.
///
/// # Examples
///
/// ```
/// use mentor_match::experiment::Spread;
///
/// let s = Spread::of(&[4.0, 0.0, 2.0, 1.0, 3.0]);
/// assert_eq!((s.q1, s.median, s.q3), (1.0, 2.0, 3.0));
/// assert_eq!(s.mean, 2.0);
/// assert!((s.p5 - 0.2).abs() < 1e-12 && (s.p95 - 3.8).abs() < 1e-12);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Spread {
    /// 5th percentile.
    pub p5: f64,
    /// First quartile.
    pub q1: f64,
    /// Median.
    pub median: f64,
    /// Third quartile.
    pub q3: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Mean (0 without values).
    pub mean: f64,
}

impl Spread {
    /// The spread of `values`, in any order (NaN sorts last, as `f64::total_cmp` orders it).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::experiment::Spread;
    ///
    /// // The order of the values does not matter.
    /// assert_eq!(Spread::of(&[3.0, 1.0, 2.0]), Spread::of(&[1.0, 2.0, 3.0]));
    /// assert_eq!(Spread::of(&[3.0, 1.0, 2.0]).median, 2.0);
    /// // NaN sorts last: the lower numbers stay meaningful, the mean does not.
    /// let s = Spread::of(&[f64::NAN, 1.0, 0.0]);
    /// assert_eq!((s.q1, s.median), (0.5, 1.0));
    /// assert!(s.mean.is_nan());
    /// ```
    pub fn of(values: &[f64]) -> Spread {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let mean = if sorted.is_empty() {
            0.0
        } else {
            sorted.iter().sum::<f64>() / sorted.len() as f64
        };
        Spread {
            p5: quantile(&sorted, 0.05),
            q1: quantile(&sorted, 0.25),
            median: quantile(&sorted, 0.5),
            q3: quantile(&sorted, 0.75),
            p95: quantile(&sorted, 0.95),
            mean,
        }
    }
}
