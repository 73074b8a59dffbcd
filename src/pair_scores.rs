//! Both directions of benefit for every junior × senior pair, and how to combine them.
//!
//! This is the hand-over point between the two halves of the crate: the mentoring half
//! ([`score`](crate::score), [`rules`](crate::rules)) produces a [`PairScores`], and the
//! matching half (the [`assignment`](crate::assignment) engine, later strategies and metrics)
//! works on it without knowing about participants. Rows are juniors and columns are seniors,
//! by position.

use crate::assignment::Matrix;
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};

/// How a pair's two directions of benefit combine into one pair score.
///
/// With `a` what the junior gains and `b` what the senior gains (each in `[0, 1]` when they come
/// from a [`Scorer`](crate::Scorer), so the pair score is in `[0, 1]` too; any gains of at least
/// 0 are accepted):
///
/// | combination | pair score | one-way pair (`b = 0`) |
/// |---|---|---|
/// | [`Mutual`](Self::Mutual) `{ balance: λ }` (default, λ = 0.5) | `(1 − λ)(a + b)/2 + λ·√(ab)` | `(1 − λ)a/2 > 0` |
/// | [`Sum`](Self::Sum) | `(a + b)/2` | `a/2` |
/// | [`Minimum`](Self::Minimum) | `min(a, b)` | 0: never formed |
/// | [`Product`](Self::Product) | `a·b` | 0: never formed |
/// | [`Weighted`](Self::Weighted) `{ junior: wj, senior: ws }` | `(wj·a + ws·b)/(wj + ws)` | `wj·a/(wj + ws)` |
///
/// The default rewards mutuality: of two pairs with the same `a + b`, the one where both learn
/// has the larger `√(ab)` and so the higher score, while a one-way pair still scores above zero.
/// A pair whose score is 0 (nobody learns anything, or one-way under `Minimum` and `Product`)
/// is never formed.
///
/// # Examples
///
/// ```
/// use mentor_match::Combination;
///
/// let mutual = Combination::default();
/// // Same sum, both learn: higher.
/// assert!(mutual.combine(0.4, 0.4) > mutual.combine(0.8, 0.0));
/// // One-way still counts.
/// assert!(mutual.combine(0.8, 0.0) > 0.0);
/// assert_eq!(Combination::Minimum.combine(0.8, 0.0), 0.0);
/// assert_eq!(mutual.combine(0.0, 0.0), 0.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Combination {
    /// The mean of both directions blended with their geometric mean; `balance` in `[0, 1]` is
    /// the weight of the geometric mean (0 = plain mean).
    Mutual {
        /// Weight of the geometric mean, in `[0, 1]`.
        balance: f64,
    },
    /// The mean of both directions.
    Sum,
    /// The smaller direction: only pairs where both learn.
    Minimum,
    /// The product of both directions.
    Product,
    /// A weighted mean: `junior` weighs what the junior gains, `senior` what the senior gains.
    Weighted {
        /// Weight of the junior's gain, at least 0.
        junior: f64,
        /// Weight of the senior's gain, at least 0.
        senior: f64,
    },
}

impl Default for Combination {
    fn default() -> Self {
        Combination::Mutual { balance: 0.5 }
    }
}

impl Combination {
    /// The pair score of a pair where the junior gains `junior` and the senior gains `senior`.
    #[inline]
    pub fn combine(self, junior: f64, senior: f64) -> f64 {
        match self {
            Combination::Mutual { balance } => {
                (1.0 - balance) * (junior + senior) / 2.0 + balance * (junior * senior).sqrt()
            }
            Combination::Sum => (junior + senior) / 2.0,
            Combination::Minimum => junior.min(senior),
            Combination::Product => junior * senior,
            Combination::Weighted {
                junior: wj,
                senior: ws,
            } => (wj * junior + ws * senior) / (wj + ws),
        }
    }

    /// Checks the combination's parameters.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] for a `balance` outside `[0, 1]`, or weights that are negative,
    /// not finite, or both 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::Combination;
    /// assert!(Combination::Mutual { balance: 1.5 }.validate().is_err());
    /// assert!(Combination::Weighted { junior: 2.0, senior: 1.0 }.validate().is_ok());
    /// ```
    pub fn validate(self) -> Result<Self> {
        let bad = |option, value, expected| {
            Err(Error::InvalidOption {
                option,
                value,
                expected,
            })
        };
        match self {
            Combination::Mutual { balance } if !(0.0..=1.0).contains(&balance) => {
                bad("combination.balance", balance, "a number in [0, 1]")
            }
            Combination::Weighted { junior, senior } => {
                for (option, w) in [
                    ("combination.junior", junior),
                    ("combination.senior", senior),
                ] {
                    if !(w.is_finite() && w >= 0.0) {
                        return bad(option, w, "a finite weight of at least 0");
                    }
                }
                if junior + senior <= 0.0 {
                    return bad(
                        "combination.junior",
                        junior,
                        "positive when the senior weight is 0",
                    );
                }
                Ok(self)
            }
            _ => Ok(self),
        }
    }
}

/// The largest gain [`PairScores::new`] accepts: sums of gains over any pairing of any size
/// that fits in memory then stay far from overflowing `f64`.
pub const MAX_GAIN: f64 = 1e100;

/// Two utility matrices, juniors × seniors, and the pairs that may not be formed.
///
/// `junior_gain(j, s)` is what junior `j` gains from senior `s`, `senior_gain(j, s)` what the
/// senior gains from the junior. Gains from a [`Scorer`](crate::Scorer) are in `[0, 1]`; a
/// researcher's own utilities may be any numbers from 0 to [`MAX_GAIN`] (ratings from 1 to 10, say).
/// Strategies and metrics need both directions, so both are kept; [`weights`](Self::weights)
/// combines them for the assignment engine.
///
/// # Examples
///
/// ```
/// use mentor_match::{Combination, PairScores};
///
/// let mut scores = PairScores::new(2, 2, vec![0.5, 0.0, 0.2, 0.9], vec![0.5, 0.0, 0.7, 0.1])?;
/// scores.forbid(1, 1);
/// assert!(!scores.is_allowed(1, 1));
/// let w = scores.weights(Combination::Sum)?;
/// assert_eq!(w.get(0, 0), Some(0.5));
/// assert_eq!(w.get(0, 1), Some(f64::NEG_INFINITY)); // nobody learns: never formed
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairScores {
    juniors: usize,
    seniors: usize,
    junior_gain: Vec<f64>,
    senior_gain: Vec<f64>,
    allowed: Vec<bool>,
}

impl PairScores {
    /// Both directions for every pair, row-major (juniors × seniors), every pair allowed.
    ///
    /// # Errors
    ///
    /// - [`Error::MatrixShape`] when a buffer's length is not `juniors * seniors`;
    /// - [`Error::InvalidWeight`] naming the cell of a gain that is NaN, negative or above
    ///   [`MAX_GAIN`] (1e100, so that sums over any pairing stay finite).
    pub fn new(
        juniors: usize,
        seniors: usize,
        junior_gain: Vec<f64>,
        senior_gain: Vec<f64>,
    ) -> Result<Self> {
        for buf in [&junior_gain, &senior_gain] {
            if juniors.checked_mul(seniors) != Some(buf.len()) {
                return Err(Error::MatrixShape {
                    rows: juniors,
                    cols: seniors,
                    len: buf.len(),
                });
            }
        }
        for buf in [&junior_gain, &senior_gain] {
            if let Some(k) = buf.iter().position(|x| !(0.0..=MAX_GAIN).contains(x)) {
                return Err(Error::InvalidWeight {
                    row: k / seniors,
                    col: k % seniors,
                    value: format!("{:?}", buf[k]),
                    why: "a gain must be a number from 0 to 1e100",
                });
            }
        }
        let allowed = vec![true; junior_gain.len()];
        Ok(PairScores {
            juniors,
            seniors,
            junior_gain,
            senior_gain,
            allowed,
        })
    }

    /// Forbids the pair of junior `junior` and senior `senior`; out-of-range pairs are ignored.
    pub fn forbid(&mut self, junior: usize, senior: usize) {
        if junior < self.juniors && senior < self.seniors {
            self.allowed[junior * self.seniors + senior] = false;
        }
    }

    /// Number of juniors (rows).
    pub fn juniors(&self) -> usize {
        self.juniors
    }

    /// Number of seniors (columns).
    pub fn seniors(&self) -> usize {
        self.seniors
    }

    /// What the junior gains from the senior; 0 outside the matrix.
    pub fn junior_gain(&self, junior: usize, senior: usize) -> f64 {
        self.cell(&self.junior_gain, junior, senior).unwrap_or(0.0)
    }

    /// What the senior gains from the junior; 0 outside the matrix.
    pub fn senior_gain(&self, junior: usize, senior: usize) -> f64 {
        self.cell(&self.senior_gain, junior, senior).unwrap_or(0.0)
    }

    /// Whether the pair may be formed; false outside the matrix.
    pub fn is_allowed(&self, junior: usize, senior: usize) -> bool {
        self.cell(&self.allowed, junior, senior).unwrap_or(false)
    }

    /// What each junior gains from each senior, row-major (juniors × seniors).
    pub fn junior_gains(&self) -> &[f64] {
        &self.junior_gain
    }

    /// What each senior gains from each junior, row-major (juniors × seniors).
    pub fn senior_gains(&self) -> &[f64] {
        &self.senior_gain
    }

    /// Whether each pair may be formed, row-major (juniors × seniors).
    pub fn allowed(&self) -> &[bool] {
        &self.allowed
    }

    fn cell<T: Copy>(&self, buf: &[T], junior: usize, senior: usize) -> Option<T> {
        (junior < self.juniors && senior < self.seniors)
            .then(|| buf[junior * self.seniors + senior])
    }

    /// The combined pair scores as a weight matrix for the engine (maximise): a forbidden pair,
    /// and a pair whose combined score is 0, is `-inf`, never formed.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] when the combination's parameters are invalid (see
    /// [`Combination::validate`]).
    pub fn weights(&self, combination: Combination) -> Result<Matrix<f64>> {
        combination.validate()?;
        let data = self
            .junior_gain
            .iter()
            .zip(&self.senior_gain)
            .zip(&self.allowed)
            .map(|((&a, &b), &ok)| {
                let w = combination.combine(a, b);
                if ok && w > 0.0 { w } else { f64::NEG_INFINITY }
            })
            .collect();
        Matrix::from_vec(self.juniors, self.seniors, data)
    }
}
