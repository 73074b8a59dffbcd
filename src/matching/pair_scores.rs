//! Both directions of benefit for every junior × senior pair, and how to combine them.
//!
//! This is the hand-over point between the two halves of the crate: the mentoring half
//! ([`score`](crate::score), [`rules`](crate::rules)) produces a [`PairScores`], and the
//! matching half (the [`assignment`](crate::assignment) engine, later strategies and metrics)
//! works on it without knowing about participants. Rows are juniors and columns are seniors,
//! by position.

use crate::matching::assignment::Matrix;
use crate::matching::error::{MatrixError, Mistakes, Result, refuse_cells};
use crate::matching::memory;
use crate::support::strict::{self, MapOnly};
use serde::{Deserialize, Deserializer, Serialize, de};

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
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
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

/// How a [`Combination`] reads: `{"kind": ..., ...}` with exactly its variant's keys (see
/// [`crate::strict`]). Its parameters are checked where it is used ([`Combination::validate`]),
/// like those of a combination built in Rust.
#[derive(Deserialize)]
#[serde(
    remote = "Combination",
    tag = "kind",
    rename_all = "snake_case",
    deny_unknown_fields
)]
enum CombinationMirror {
    Mutual { balance: f64 },
    Sum,
    Minimum,
    Product,
    Weighted { junior: f64, senior: f64 },
}

impl<'de> Deserialize<'de> for Combination {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        strict::tagged(d, CombinationMirror::deserialize)
    }
}

/// The largest weight of [`Combination::Weighted`]: a weight times a gain (at most
/// [`MAX_GAIN`]) and the sum of both weights then stay finite.
///
/// # Examples
///
/// ```
/// use mentor_match::pair_scores::MAX_WEIGHT;
/// use mentor_match::Combination;
///
/// let heavy = Combination::Weighted { junior: MAX_WEIGHT, senior: MAX_WEIGHT };
/// assert_eq!(heavy.validate()?.combine(0.5, 0.25), 0.375);
/// assert!(Combination::Weighted { junior: 1e101, senior: 1.0 }.validate().is_err());
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub const MAX_WEIGHT: f64 = 1e100;

impl Combination {
    /// The pair score of a pair where the junior gains `junior` and the senior gains `senior`.
    ///
    /// It is plain arithmetic on a combination taken as valid: every part of the library that
    /// takes a combination checks it with [`validate`](Combination::validate) first, and so
    /// should a caller of this method with a combination from outside. An invalid one gives an
    /// unusable score (both weights 0 give NaN, 0 / 0).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::Combination;
    ///
    /// assert_eq!(Combination::Sum.combine(0.5, 0.25), 0.375);
    /// assert_eq!(Combination::Product.combine(0.5, 0.5), 0.25);
    /// // Balance 1: the geometric mean alone.
    /// assert_eq!(Combination::Mutual { balance: 1.0 }.combine(1.0, 0.25), 0.5);
    /// // Check a combination from outside before using it.
    /// let unweighted = Combination::Weighted { junior: 0.0, senior: 0.0 };
    /// assert!(unweighted.validate().is_err());
    /// assert!(unweighted.combine(0.5, 0.5).is_nan());
    /// ```
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
    /// [`MatrixError::InvalidOption`] naming the parameter for a `balance` outside `[0, 1]` (or NaN),
    /// or a weight that is NaN, negative or above [`MAX_WEIGHT`] (1e100) (both weights, as a
    /// [`MatrixError::Multiple`], when both are), or both weights 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Combination, MatrixError};
    /// assert!(Combination::Mutual { balance: 1.5 }.validate().is_err());
    /// assert!(Combination::Weighted { junior: 2.0, senior: 1.0 }.validate().is_ok());
    /// // Huge weights would make the score inf / inf: refused, each by name.
    /// let err = Combination::Weighted { junior: 1e308, senior: 1e308 }.validate().unwrap_err();
    /// assert!(matches!(err.all(), [
    ///     MatrixError::InvalidOption { option: "combination.junior", .. },
    ///     MatrixError::InvalidOption { option: "combination.senior", .. },
    /// ]));
    /// ```
    pub fn validate(self) -> Result<Self> {
        let bad = |option, value: f64, expected| {
            Err(MatrixError::InvalidOption {
                option,
                value: value.into(),
                expected,
            })
        };
        match self {
            Combination::Mutual { balance } if !(0.0..=1.0).contains(&balance) => {
                bad("combination.balance", balance, "a number in [0, 1]")
            }
            Combination::Weighted { junior, senior } => {
                let mut found = Mistakes::new();
                for (option, w) in [
                    ("combination.junior", junior),
                    ("combination.senior", senior),
                ] {
                    if !(0.0..=MAX_WEIGHT).contains(&w) {
                        found.push(MatrixError::InvalidOption {
                            option,
                            value: w.into(),
                            expected: "a weight from 0 to 1e100",
                        });
                    }
                }
                if found.is_empty() && junior + senior <= 0.0 {
                    return bad(
                        "combination.junior",
                        junior,
                        "positive when the senior weight is 0",
                    );
                }
                found.finish()?;
                Ok(self)
            }
            _ => Ok(self),
        }
    }
}

/// The largest gain [`PairScores::new`] accepts: sums of gains over any pairing of any size
/// that fits in memory then stay far from overflowing `f64`.
///
/// # Examples
///
/// ```
/// use mentor_match::{PairScores, MAX_GAIN};
///
/// assert!(PairScores::new(1, 1, vec![MAX_GAIN], vec![0.0]).is_ok());
/// assert!(PairScores::new(1, 1, vec![MAX_GAIN * 10.0], vec![0.0]).is_err());
/// ```
pub const MAX_GAIN: f64 = 1e100;

/// The longest side of a [`PairScores`] whose other side is empty: 65,536.
///
/// Strategies and metrics keep tables per junior and per senior. When both sides hold people,
/// the gains the caller supplied (one per pair) are at least as long as either side, so those
/// tables never outgrow the input; with one side empty nothing bounds the other, and a shape
/// such as `0 x 2^40` from a 100-byte file would ask for terabytes. It is refused instead.
///
/// # Examples
///
/// ```
/// use mentor_match::{MatrixError, PairScores, MAX_EMPTY_SIDE};
///
/// assert!(PairScores::new(0, MAX_EMPTY_SIDE, vec![], vec![]).is_ok());
/// let err = PairScores::new(0, 1 << 40, vec![], vec![]).unwrap_err();
/// assert!(matches!(err, MatrixError::TooLarge { .. }));
/// ```
pub const MAX_EMPTY_SIDE: usize = 1 << 16;

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
/// scores.forbid(1, 1)?;
/// assert!(!scores.is_allowed(1, 1));
/// let w = scores.weights(Combination::Sum)?;
/// assert_eq!(w.get(0, 0), Some(0.5));
/// assert_eq!(w.get(0, 1), Some(f64::NEG_INFINITY)); // nobody learns: never formed
/// # Ok::<(), mentor_match::Error>(())
/// ```
///
/// # Serde
///
/// Serialises as `{"juniors", "seniors", "junior_gain", "senior_gain", "allowed"}` (buffers
/// row-major) and reads back with the checks of [`new`](Self::new): a document whose buffers
/// have the wrong length, whose gains are out of range, or with an unknown or repeated key, is
/// an error, never scores that fail later.
///
/// ```
/// use mentor_match::PairScores;
///
/// let scores = PairScores::new(1, 2, vec![0.5, 0.25], vec![1.0, 0.0])?;
/// let back: PairScores = serde_json::from_str(&serde_json::to_string(&scores).unwrap()).unwrap();
/// assert_eq!(back, scores);
/// let short = r#"{"juniors": 1, "seniors": 2, "junior_gain": [0.5, 0.25],
///                 "senior_gain": [1.0, 0.0], "allowed": [true]}"#;
/// let err = serde_json::from_str::<PairScores>(short).unwrap_err();
/// assert!(err.to_string().starts_with("allowed: expected 2 values, got 1"));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairScores {
    juniors: usize,
    seniors: usize,
    junior_gain: Vec<f64>,
    senior_gain: Vec<f64>,
    allowed: Vec<bool>,
}

/// A [`PairScores`] as written, before its checks.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PairScoresData {
    juniors: usize,
    seniors: usize,
    junior_gain: Vec<f64>,
    senior_gain: Vec<f64>,
    allowed: Vec<bool>,
}

impl<'de> Deserialize<'de> for PairScores {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let data = PairScoresData::deserialize(MapOnly(d))?;
        PairScores::from_data(data).map_err(de::Error::custom)
    }
}

impl PairScores {
    /// Both directions for every pair, row-major (juniors × seniors), every pair allowed.
    ///
    /// # Errors
    ///
    /// - [`MatrixError::MatrixShape`] when a buffer's length is not `juniors * seniors` (each
    ///   such buffer; once when the product overflows);
    /// - [`MatrixError::InvalidWeight`] naming the cell of a gain that is NaN, negative or above
    ///   [`MAX_GAIN`] (1e100, so that sums over any pairing stay finite): every such cell, the
    ///   juniors' gains first, each in row-major order, as a [`MatrixError::Multiple`] when
    ///   there are several;
    /// - [`MatrixError::TooLarge`] when one side is empty and the other longer than
    ///   [`MAX_EMPTY_SIDE`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{MatrixError, PairScores};
    ///
    /// // Two juniors (rows) by two seniors (columns), row-major.
    /// let scores = PairScores::new(2, 2, vec![0.9, 0.1, 0.8, 0.1], vec![0.5; 4])?;
    /// assert_eq!(scores.junior_gain(1, 0), 0.8);
    /// assert!(scores.is_allowed(0, 1));
    /// // Three gains for four pairs: refused.
    /// let err = PairScores::new(2, 2, vec![0.9, 0.1, 0.8], vec![0.5; 4]).unwrap_err();
    /// assert!(matches!(err, MatrixError::MatrixShape { rows: 2, cols: 2, len: 3 }));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn new(
        juniors: usize,
        seniors: usize,
        junior_gain: Vec<f64>,
        senior_gain: Vec<f64>,
    ) -> Result<Self> {
        if (juniors == 0 || seniors == 0) && juniors.max(seniors) > MAX_EMPTY_SIDE {
            return Err(MatrixError::TooLarge {
                what: "the gains (juniors x seniors) of an empty side",
                rows: juniors,
                cols: seniors,
            });
        }
        let mut found = Mistakes::new();
        // A shape whose cells overflow is one mistake, whatever the buffers hold.
        let cells = juniors
            .checked_mul(seniors)
            .ok_or(MatrixError::MatrixShape {
                rows: juniors,
                cols: seniors,
                len: junior_gain.len(),
            })?;
        for buf in [&junior_gain, &senior_gain] {
            if cells != buf.len() {
                found.push_with(|| MatrixError::MatrixShape {
                    rows: juniors,
                    cols: seniors,
                    len: buf.len(),
                });
            }
        }
        found.finish()?;
        let whys = [
            "a junior's gain must be a number from 0 to 1e100",
            "a senior's gain must be a number from 0 to 1e100",
        ];
        let mut found = Mistakes::new();
        for (buf, why) in [&junior_gain, &senior_gain].into_iter().zip(whys) {
            let refuse = |x: &f64| (!(0.0..=MAX_GAIN).contains(x)).then_some(why);
            refuse_cells(buf, seniors, refuse, &mut found);
        }
        found.finish()?;
        let allowed = memory::filled(
            "the allowed pairs (juniors x seniors)",
            juniors,
            seniors,
            true,
        )?;
        Ok(PairScores {
            juniors,
            seniors,
            junior_gain,
            senior_gain,
            allowed,
        })
    }

    /// A [`PairScores`] read from a document: each buffer's length checked by name, then the
    /// gains as in [`new`](Self::new).
    fn from_data(data: PairScoresData) -> Result<Self> {
        // A shape whose cells overflow is one mistake, whatever the buffers hold.
        let cells = data
            .juniors
            .checked_mul(data.seniors)
            .ok_or(MatrixError::MatrixShape {
                rows: data.juniors,
                cols: data.seniors,
                len: data.junior_gain.len(),
            })?;
        let mut found = Mistakes::new();
        for (what, len) in [
            ("junior_gain", data.junior_gain.len()),
            ("senior_gain", data.senior_gain.len()),
            ("allowed", data.allowed.len()),
        ] {
            if cells != len {
                found.push(MatrixError::LengthMismatch {
                    what,
                    expected: cells,
                    len,
                });
            }
        }
        found.finish()?;
        let mut scores = PairScores::new(
            data.juniors,
            data.seniors,
            data.junior_gain,
            data.senior_gain,
        )?;
        scores.allowed = data.allowed;
        Ok(scores)
    }

    /// Forbids the pair of junior `junior` and senior `senior`.
    ///
    /// # Errors
    ///
    /// [`MatrixError::InvalidPair`] naming the junior and senior when either is outside the matrix:
    /// a pair that does not exist cannot be forbidden, and ignoring it would hide a mistake in
    /// the caller's indices.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{MatrixError, PairScores};
    ///
    /// let mut scores = PairScores::new(2, 1, vec![0.5; 2], vec![0.5; 2])?;
    /// scores.forbid(1, 0)?;
    /// assert!(!scores.is_allowed(1, 0));
    /// let err = scores.forbid(2, 0).unwrap_err();
    /// assert_eq!(err.to_string(), "pair (junior 2, senior 0) is not valid: outside the matrix");
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn forbid(&mut self, junior: usize, senior: usize) -> Result<()> {
        if junior >= self.juniors || senior >= self.seniors {
            return Err(MatrixError::InvalidPair {
                junior,
                senior,
                why: "outside the matrix",
            });
        }
        self.allowed[junior * self.seniors + senior] = false;
        Ok(())
    }

    /// Number of juniors (rows).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(3, 2, vec![0.5; 6], vec![0.5; 6])?;
    /// assert_eq!(scores.juniors(), 3);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn juniors(&self) -> usize {
        self.juniors
    }

    /// Number of seniors (columns).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(3, 2, vec![0.5; 6], vec![0.5; 6])?;
    /// assert_eq!(scores.seniors(), 2);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn seniors(&self) -> usize {
        self.seniors
    }

    /// What the junior gains from the senior; 0 outside the matrix.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(2, 2, vec![0.9, 0.1, 0.8, 0.2], vec![0.5; 4])?;
    /// assert_eq!(scores.junior_gain(0, 1), 0.1);
    /// assert_eq!(scores.junior_gain(5, 0), 0.0); // outside the matrix
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn junior_gain(&self, junior: usize, senior: usize) -> f64 {
        self.cell(&self.junior_gain, junior, senior).unwrap_or(0.0)
    }

    /// What the senior gains from the junior; 0 outside the matrix.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.9, 0.1, 0.8, 0.2])?;
    /// assert_eq!(scores.senior_gain(1, 0), 0.8);
    /// assert_eq!(scores.senior_gain(0, 7), 0.0); // outside the matrix
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn senior_gain(&self, junior: usize, senior: usize) -> f64 {
        self.cell(&self.senior_gain, junior, senior).unwrap_or(0.0)
    }

    /// Whether the pair may be formed; false outside the matrix.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::PairScores;
    ///
    /// let mut scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4])?;
    /// scores.forbid(0, 1)?;
    /// assert!(scores.is_allowed(0, 0));
    /// assert!(!scores.is_allowed(0, 1));
    /// assert!(!scores.is_allowed(2, 0)); // outside the matrix
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn is_allowed(&self, junior: usize, senior: usize) -> bool {
        self.cell(&self.allowed, junior, senior).unwrap_or(false)
    }

    /// What each junior gains from each senior, row-major (juniors × seniors).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(2, 2, vec![0.9, 0.1, 0.8, 0.2], vec![0.5; 4])?;
    /// assert_eq!(scores.junior_gains(), [0.9, 0.1, 0.8, 0.2]);
    /// assert_eq!(scores.junior_gains()[scores.seniors()], scores.junior_gain(1, 0));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn junior_gains(&self) -> &[f64] {
        &self.junior_gain
    }

    /// What each senior gains from each junior, row-major (juniors × seniors).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.9, 0.1, 0.8, 0.2])?;
    /// assert_eq!(scores.senior_gains(), [0.9, 0.1, 0.8, 0.2]);
    /// assert_eq!(scores.senior_gains()[1], scores.senior_gain(0, 1));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn senior_gains(&self) -> &[f64] {
        &self.senior_gain
    }

    /// Whether each pair may be formed, row-major (juniors × seniors).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::PairScores;
    ///
    /// let mut scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4])?;
    /// scores.forbid(1, 0)?;
    /// assert_eq!(scores.allowed(), [true, true, false, true]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
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
    /// [`MatrixError::InvalidOption`] when the combination's parameters are invalid (see
    /// [`Combination::validate`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Combination, PairScores};
    ///
    /// let mut scores = PairScores::new(1, 3, vec![0.8, 0.4, 0.6], vec![0.4, 0.0, 0.2])?;
    /// scores.forbid(0, 2)?;
    /// let w = scores.weights(Combination::Minimum)?;
    /// assert_eq!(w.get(0, 0), Some(0.4));
    /// assert_eq!(w.get(0, 1), Some(f64::NEG_INFINITY)); // one-way: 0 under `Minimum`
    /// assert_eq!(w.get(0, 2), Some(f64::NEG_INFINITY)); // forbidden
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
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
