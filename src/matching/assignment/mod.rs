//! The exact assignment engine: weight matrix in, optimal one-to-one assignment out.
//!
//! This module knows nothing of mentoring. Give it a [`Matrix`] of `f64` or `i64` weights of any
//! shape, say whether to [`Sense::Minimize`] or [`Sense::Maximize`], and [`solve`] returns the
//! best assignment with a dual certificate of its optimality that [`verify`] checks.
//!
//! # What is solved
//!
//! - **Any shape.** Every row of the smaller side is assigned when the allowed cells permit;
//!   0 rows or 0 columns give an empty assignment.
//! - **Forbidden pairs.** `+inf` when minimising and `-inf` when maximising mark a cell that may
//!   not be used (for `i64`, `i64::MAX` and `i64::MIN`). When forbidden cells make it impossible
//!   to cover the smaller side, [`solve`] does not fail: by default ([`Cardinality::Maximum`]) it
//!   returns an assignment with the most pairs and, among those, the best total, and lists who is
//!   left unassigned. With [`Cardinality::Any`] it optimises the total alone, as if staying
//!   unassigned were worth 0 (a pair of weight exactly 0 may or may not be formed: it does not
//!   change the total).
//! - **Exact integers.** `i64` weights, and `f64` weights that are all whole numbers of at most
//!   2^53 in magnitude, are solved in integer arithmetic with no rounding. They are shifted to
//!   start at 0 and stored in the narrowest unsigned type that holds them (one byte a cell for
//!   small scores), so large matrices stay in cache.
//! - **Deterministic.** The same matrix gives the same pairs on every run and platform: every
//!   step follows a fixed order (columns and rows by index, a free column first on a tie in the
//!   search), and exact integer or IEEE arithmetic gives the same values everywhere.
//!
//! # Sparse candidate graphs
//!
//! When only some pairs are candidates, [`SparseMatrix`] lists them alone (absent cells are
//! forbidden) and [`solve_sparse`] finds the same optimum on adjacency lists, one connected
//! component at a time, with the same [`Options`] and a certificate that [`verify_sparse`]
//! checks; see [`solve_sparse`] for the algorithm; the result is the dense engine's [`Solution`].
//!
//! # Algorithm
//!
//! Shortest augmenting paths over reduced costs, in the form of Crouse (2016), "On implementing
//! 2D rectangular assignment algorithms", IEEE Trans. Aerospace and Electronic Systems 52(4),
//! the algorithm behind `scipy.optimize.linear_sum_assignment`, with three additions:
//!
//! 1. On a complete square matrix, the initialisation of Jonker and Volgenant (1987), "A
//!    shortest augmenting path algorithm for dense and sparse linear assignment problems",
//!    Computing 38: column reduction, reduction transfer and two rounds of augmenting row
//!    reduction, which assign most rows before any search (on a wider matrix, the row
//!    reduction alone). The row reduction works within a budget of steps that grows with the
//!    size, as a search grows dearer.
//! 2. Each Dijkstra step scans a whole row with branch-free `min`/`max` selects over a flat
//!    row-major buffer (scanned columns are masked, not removed), so the compiler vectorises
//!    it; the path is recovered afterwards from the distances instead of being written during
//!    the scan. On ties the search prefers a column that is still free, which keeps tie-heavy
//!    score matrices from exploring long equal-cost paths. On integer costs a distance is kept
//!    as `2d + [column assigned]`, so one plain minimum gives the distance and the free-column
//!    preference at once, reading one array besides the matrix row. On x86-64 processors with
//!    AVX2 the kernel runs compiled for AVX2 (checked at run time), and the float scan is
//!    written with AVX2 intrinsics (the compiler's own vectorisation of it ran 2–3 times
//!    slower); both builds do the same operations in the same order and return the same
//!    result.
//! 3. Float matrices are not read once just to be validated: the survey stops at the first
//!    fractional value, and the initialisation checks each cell for a wrong-signed infinity
//!    as it first reads it (NaN is rejected when the [`Matrix`] is built); a bad cell sends
//!    the matrix to the full survey, which names it.
//!
//! When some row of the smaller side cannot be reached, the rows that could be assigned form a
//! maximum matching (Kuhn's argument: a row without an augmenting path never gains one later).
//! Its size `k` known, the problem is solved again with `n - k` extra columns of equal cost that
//! every row may use: every optimum of that problem uses exactly `k` real pairs, so it is the
//! best total among the assignments with the most pairs, found exactly with no "big M".
//!
//! # Complexity
//!
//! `O(n² m)` time in the worst case for `n <= m` rows and columns (each of `n` searches scans at
//! most `n` rows of `m` cells), far less in practice after the initialisation. Extra memory is
//! `O(m)` beyond the matrix, plus the narrowed or transposed copy of the matrix that the engine
//! solves (never larger than the input for integers, the same size for floats).
//!
//! # Certificate
//!
//! The returned potentials `u` (rows) and `v` (columns) satisfy, for minimisation,
//! `u_i + v_j <= c_ij` on every allowed cell, with equality on every assigned pair (mirrored,
//! `>=`, for maximisation). With [`Cardinality::Maximum`], the assignment has the most pairs
//! (no alternating path joins an unassigned row to a free column), and within each connected
//! component of the allowed cells every unassigned row has a potential no smaller than any
//! assigned row's (for minimisation; no larger for maximisation), and the same for columns:
//! then no assignment with as many pairs has a better total. With [`Cardinality::Any`],
//! assigned rows and columns have potentials `<= 0` (`>= 0` when maximising) and unassigned
//! ones have potential 0: then no assignment at all has a better total. [`verify`] checks
//! these conditions.
//!
//! **Exact for floats too.** Integer weights are checked in exact integer arithmetic. For
//! `f64` weights each comparison is first made in floats with a bound on its rounding taken
//! from the numbers in it, and the comparisons that bound cannot settle (the pairs, and the
//! cells within rounding of tight) are made again in exact arithmetic, where the rounded
//! potentials are corrected by exact shortest paths (the `certificate` module documents the
//! argument). So a certificate that [`verify`] accepts proves the assignment optimal for the
//! exact values of the weights, and [`solve`] runs the same correction on its own float
//! answers: where rounding misled the kernel into a slightly worse assignment (sums that tie in
//! decimal do not tie in binary: `0.1 + 0.2 > 0.3`), the assignment is improved first. The
//! returned potentials are the exact ones rounded to `f64`. Weights and potentials beyond
//! ±2^1020 (about 9e307) are not certified: a weight there is an [`MatrixError::InvalidWeight`],
//! and an answer that cannot be proved (a total beyond `f64`, potentials beyond the range) is
//! an [`MatrixError::Uncertified`], never a result that may not be optimal. This costs one more
//! read of the matrix after the solve (on two threads for a large matrix; see BENCHMARKS.md).
//!
//! # Examples
//!
//! Three juniors, two seniors; how much each pair would gain (higher is better), one pair
//! forbidden:
//!
//! ```
//! use mentor_match::assignment::{solve, verify, Matrix, Sense};
//!
//! let gains = Matrix::from_vec(3, 2, vec![
//!     0.9, 0.4,
//!     0.8, f64::NEG_INFINITY,
//!     0.3, 0.2,
//! ])?;
//! let best = solve(&gains, Sense::Maximize)?;
//! assert_eq!(best.pairs(), &[(0, 1), (1, 0)]);
//! assert!((best.total() - 1.2).abs() < 1e-12);
//! assert_eq!(best.unassigned_rows(), &[2]);
//! verify(&gains, &best)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod avx2;
mod certificate;
mod core;
mod repair;
mod sparse;
pub use certificate::{CertificateError, verify, verify_sparse};
pub(crate) use sparse::solve_sparse_with_progress;
pub use sparse::{SparseMatrix, solve_sparse};

use self::core::{Compute, NONE, Solved, Store};
use crate::matching::error::{MatrixError, Result};
use crate::matching::memory;
use serde::{Deserialize, Serialize};
use std::fmt::Debug;

/// Whether the engine looks for the smallest or the largest total.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{solve, Matrix, Sense};
///
/// let m = Matrix::from_vec(2, 2, vec![1_i64, 2, 3, 5])?;
/// assert_eq!(solve(&m, Sense::Minimize)?.total(), 5);
/// assert_eq!(solve(&m, Sense::Maximize)?.total(), 6);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sense {
    /// The smallest total (costs). `+inf` forbids a cell.
    Minimize,
    /// The largest total (gains, scores). `-inf` forbids a cell.
    Maximize,
}

/// How many pairs an assignment must have.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{solve_with, Cardinality, Matrix, Options, Sense};
///
/// // Pairing row 0 with column 0 is worth 1; pairing both rows is worth 0.5 in all.
/// let m = Matrix::from_vec(2, 2, vec![1.0, f64::NEG_INFINITY, 0.25, -0.5])?;
/// let most = solve_with(&m, Options::new(Sense::Maximize))?;
/// assert_eq!(most.pairs().len(), 2);
/// assert_eq!(most.total(), 0.5);
/// let best = solve_with(&m, Options::new(Sense::Maximize).with_cardinality(Cardinality::Any))?;
/// assert_eq!(best.pairs(), &[(0, 0)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Cardinality {
    /// As many pairs as the allowed cells permit, then the best total among those.
    #[default]
    Maximum,
    /// The best total, with as many pairs as that takes (staying unassigned counts as 0; a pair
    /// of weight exactly 0 may or may not be formed).
    Any,
}

/// Options of [`solve_with`], set with by-value setters so new ones do not break callers.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{Cardinality, Options, Sense};
///
/// let options = Options::new(Sense::Maximize).with_cardinality(Cardinality::Any);
/// assert_eq!(options.sense(), Sense::Maximize);
/// assert_eq!(Options::default().sense(), Sense::Minimize);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Options {
    sense: Sense,
    cardinality: Cardinality,
}

impl Default for Options {
    fn default() -> Self {
        Options::new(Sense::Minimize)
    }
}

impl Options {
    /// Options for `sense`, with [`Cardinality::Maximum`].
    pub fn new(sense: Sense) -> Self {
        Options {
            sense,
            cardinality: Cardinality::Maximum,
        }
    }

    /// Sets the sense.
    pub fn with_sense(mut self, sense: Sense) -> Self {
        self.sense = sense;
        self
    }

    /// Sets how many pairs the assignment must have.
    pub fn with_cardinality(mut self, cardinality: Cardinality) -> Self {
        self.cardinality = cardinality;
        self
    }

    /// The sense.
    pub fn sense(&self) -> Sense {
        self.sense
    }

    /// The cardinality rule.
    pub fn cardinality(&self) -> Cardinality {
        self.cardinality
    }
}

/// What a cell means under a sense.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    Allowed,
    Forbidden,
    Invalid(&'static str),
}

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
    /// The values as `f64`, when they are `f64` already.
    #[doc(hidden)]
    fn as_f64_slice(data: &[Self]) -> Option<&[f64]>;
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
    fn as_f64_slice(data: &[f64]) -> Option<&[f64]> {
        Some(data)
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
    fn as_f64_slice(_: &[i64]) -> Option<&[f64]> {
        None
    }
    fn reject(self) -> Option<&'static str> {
        None
    }
    fn beyond_certified(self) -> bool {
        false
    }
}

/// A dense `rows x cols` weight matrix in one row-major buffer.
///
/// Built once and validated once: NaN is rejected with the cell that holds it, so solvers never
/// check again.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::Matrix;
///
/// let m = Matrix::from_fn(2, 3, |r, c| (r * 10 + c) as f64)?;
/// assert_eq!((m.rows(), m.cols()), (2, 3));
/// assert_eq!(m.get(1, 2), Some(12.0));
/// assert_eq!(m.get(2, 0), None);
///
/// let err = Matrix::from_vec(1, 2, vec![0.5, f64::NAN]).unwrap_err();
/// assert_eq!(err.to_string(), "matrix cell (0, 1) holds NaN, which is not a usable weight: NaN is not a weight");
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix<T> {
    rows: usize,
    cols: usize,
    data: Vec<T>,
}

impl<T: Weight> Matrix<T> {
    /// A matrix from a row-major buffer of `rows * cols` values.
    ///
    /// # Errors
    ///
    /// - [`MatrixError::MatrixShape`] when `data.len() != rows * cols`;
    /// - [`MatrixError::InvalidWeight`] naming the first cell that holds NaN.
    pub fn from_vec(rows: usize, cols: usize, data: Vec<T>) -> Result<Self> {
        if rows.checked_mul(cols) != Some(data.len()) {
            return Err(MatrixError::MatrixShape {
                rows,
                cols,
                len: data.len(),
            });
        }
        if let Some((k, why)) = data
            .iter()
            .enumerate()
            .find_map(|(k, x)| x.reject().map(|w| (k, w)))
        {
            return Err(MatrixError::InvalidWeight {
                row: k / cols,
                col: k % cols,
                value: format!("{:?}", data[k]),
                why,
            });
        }
        Ok(Matrix { rows, cols, data })
    }

    /// A matrix whose cell `(r, c)` is `f(r, c)`, filled row by row.
    ///
    /// # Errors
    ///
    /// - [`MatrixError::MatrixShape`] when `rows * cols` overflows `usize` or cannot be allocated;
    /// - [`MatrixError::InvalidWeight`] naming the first cell that holds NaN.
    pub fn from_fn(rows: usize, cols: usize, mut f: impl FnMut(usize, usize) -> T) -> Result<Self> {
        let len = rows
            .checked_mul(cols)
            .ok_or(MatrixError::MatrixShape { rows, cols, len: 0 })?;
        let mut data = Vec::new();
        // A shape too large to allocate is an error, not an abort.
        data.try_reserve_exact(len)
            .map_err(|_| MatrixError::MatrixShape { rows, cols, len: 0 })?;
        // With no cell there is nothing to call `f` on, however many rows there are.
        if len > 0 {
            for r in 0..rows {
                for c in 0..cols {
                    data.push(f(r, c));
                }
            }
        }
        Matrix::from_vec(rows, cols, data)
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The cell `(row, col)`, or `None` outside the matrix.
    pub fn get(&self, row: usize, col: usize) -> Option<T> {
        (row < self.rows && col < self.cols).then(|| self.data[row * self.cols + col])
    }

    /// The row-major buffer.
    pub fn as_slice(&self) -> &[T] {
        &self.data
    }

    /// The row-major buffer, giving the matrix back.
    pub fn into_vec(self) -> Vec<T> {
        self.data
    }
}

/// An optimal assignment with its total and its dual certificate.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{solve, Matrix, Sense};
///
/// let m = Matrix::from_vec(2, 3, vec![4_i64, 1, 3, 2, 0, 5])?;
/// let s = solve(&m, Sense::Minimize)?;
/// assert_eq!(s.pairs(), &[(0, 1), (1, 0)]);
/// assert_eq!(s.col_of(0), Some(1));
/// assert_eq!(s.row_of(2), None);
/// assert_eq!(s.total(), 3);
/// assert_eq!(s.unassigned_cols(), &[2]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(bound(serialize = ""))]
pub struct Solution<T: Weight> {
    options: Options,
    rows: usize,
    cols: usize,
    pairs: Vec<(usize, usize)>,
    total: T::Total,
    unassigned_rows: Vec<usize>,
    unassigned_cols: Vec<usize>,
    row_potentials: Vec<T::Total>,
    col_potentials: Vec<T::Total>,
}

impl<T: Weight> Solution<T> {
    /// The solution with no pairs: every row and column unassigned, potentials 0 (which
    /// certify it when nothing can be paired).
    ///
    /// # Errors
    ///
    /// [`MatrixError::TooLarge`] when the lists of `rows` and `cols` cannot be reserved.
    pub(crate) fn empty(rows: usize, cols: usize, options: Options) -> Result<Self> {
        let zero = T::total_from_int(0);
        let too_large = || MatrixError::TooLarge {
            what: "an assignment of a matrix",
            rows,
            cols,
        };
        let list = |n: usize| -> Result<Vec<usize>> {
            let mut v = memory::reserved(n, too_large)?;
            v.extend(0..n);
            Ok(v)
        };
        let zeros = |n: usize| -> Result<Vec<T::Total>> {
            let mut v = memory::reserved(n, too_large)?;
            v.resize(n, zero);
            Ok(v)
        };
        Ok(Solution {
            options,
            rows,
            cols,
            pairs: Vec::new(),
            total: zero,
            unassigned_rows: list(rows)?,
            unassigned_cols: list(cols)?,
            row_potentials: zeros(rows)?,
            col_potentials: zeros(cols)?,
        })
    }

    /// The assigned `(row, column)` pairs, sorted by row.
    pub fn pairs(&self) -> &[(usize, usize)] {
        &self.pairs
    }

    /// The sum of the weights of the assigned pairs, computed from the matrix.
    pub fn total(&self) -> T::Total {
        self.total
    }

    /// The rows left unassigned, in increasing order.
    pub fn unassigned_rows(&self) -> &[usize] {
        &self.unassigned_rows
    }

    /// The columns left unassigned, in increasing order.
    pub fn unassigned_cols(&self) -> &[usize] {
        &self.unassigned_cols
    }

    /// The dual potential of each row (`u`).
    pub fn row_potentials(&self) -> &[T::Total] {
        &self.row_potentials
    }

    /// The dual potential of each column (`v`).
    pub fn col_potentials(&self) -> &[T::Total] {
        &self.col_potentials
    }

    /// The options the solution was found with.
    pub fn options(&self) -> Options {
        self.options
    }

    /// The column assigned to `row`, if any.
    pub fn col_of(&self, row: usize) -> Option<usize> {
        self.pairs
            .binary_search_by_key(&row, |p| p.0)
            .ok()
            .map(|k| self.pairs[k].1)
    }

    /// The row assigned to `col`, if any.
    pub fn row_of(&self, col: usize) -> Option<usize> {
        self.pairs.iter().find(|p| p.1 == col).map(|p| p.0)
    }
}

/// Solves the assignment problem on `matrix` with [`Cardinality::Maximum`]: the most pairs the
/// allowed cells permit, then the best total in `sense`.
///
/// # Complexity
///
/// `O(n² m)` time in the worst case for `n <= m`, `O(n m)` memory for the engine's copy of the
/// matrix and `O(m)` beyond it (see the [module docs](self)).
///
/// # Errors
///
/// - [`MatrixError::InvalidWeight`] when a cell cannot be used in this sense: `-inf` when minimising
///   or `+inf` when maximising, or an `f64` beyond ±2^1020;
/// - [`MatrixError::Uncertified`] when a float answer cannot be proved optimal in exact arithmetic
///   (a total beyond `f64`, numbers too far apart; see the [module docs](self#certificate));
/// - [`MatrixError::TooLarge`] when a matrix with no cells declares more rows or columns than the
///   answer's lists can hold.
///
/// # Examples
///
/// Two seniors, three juniors, scores out of 100:
///
/// ```
/// use mentor_match::assignment::{solve, Matrix, Sense};
///
/// let scores = Matrix::from_vec(2, 3, vec![80_i64, 60, 10, 70, 20, 10])?;
/// let best = solve(&scores, Sense::Maximize)?;
/// assert_eq!(best.pairs(), &[(0, 1), (1, 0)]);
/// assert_eq!(best.total(), 130);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn solve<T: Weight>(matrix: &Matrix<T>, sense: Sense) -> Result<Solution<T>> {
    solve_with(matrix, Options::new(sense))
}

/// Solves the assignment problem on `matrix` with the given [`Options`].
///
/// # Complexity
///
/// As [`solve`]. With [`Cardinality::Any`] the engine works on `n x (m + n)` cells.
///
/// # Errors
///
/// As [`solve`].
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{solve_with, Cardinality, Matrix, Options, Sense};
///
/// // Minimising costs where a negative cost is a gain: only pairs that pay are kept.
/// let m = Matrix::from_vec(2, 2, vec![-3_i64, 2, 4, 1])?;
/// let s = solve_with(&m, Options::new(Sense::Minimize).with_cardinality(Cardinality::Any))?;
/// assert_eq!(s.pairs(), &[(0, 0)]);
/// assert_eq!(s.total(), -3);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn solve_with<T: Weight>(matrix: &Matrix<T>, options: Options) -> Result<Solution<T>> {
    if matrix.rows == 0 || matrix.cols == 0 {
        // Nothing to pair; but the other side may be huge (a shape read from a file), so its
        // lists are reserved first.
        return Solution::empty(matrix.rows, matrix.cols, options);
    }
    let survey = survey(matrix, options)?;
    let problem = Oriented::new(matrix, options.sense);
    let raw = if survey.integral {
        solve_integral(&problem, &survey, options.cardinality)
    } else {
        // In minimisation form a forbidden cell is +inf, the kernel's forbidden cost, so the
        // mapping is a plain copy (or negation) with no per-cell case analysis. The only other
        // infinity, a wrong-signed one (-inf in minimisation form), was either ruled out by
        // the survey or is left to the kernel's check (`survey.checked`).
        let sense = options.sense;
        let min_form = move |x: T| match sense {
            Sense::Minimize => Some(x.to_f64()),
            Sense::Maximize => Some(-x.to_f64()),
        };
        let direct = match (sense, problem.transposed) {
            (Sense::Minimize, false) => T::as_f64_slice(&matrix.data),
            _ => None,
        };
        let run = |check| {
            drive::<T, f64, f64>(&problem, min_form, 0.0, options.cardinality, direct, check)
        };
        let (col4row, u, v) = match run(!survey.checked) {
            Some(solved) => solved,
            None => {
                // The kernel met a wrong-signed infinity, and the full survey names its cell.
                // (The kernel may also stop at a reduced cost that overflowed to -inf from
                // finite costs near f64::MAX; then the survey finds nothing wrong, having
                // checked every cell, and the kernel runs again without checking.)
                survey_cells(matrix, options)?;
                run(false).unwrap_or_else(|| unreachable!("only a checking run stops early"))
            }
        };
        let to_total = |x: &f64| T::total_from_f64(*x);
        Raw {
            col4row,
            u: u.iter().map(to_total).collect(),
            v: v.iter().map(to_total).collect(),
        }
    };
    let mut solution = finish(matrix, &problem, options, raw);
    if !survey.integral {
        // The float kernel's potentials hold up to rounding: make them an exact proof, or
        // improve the pairs where rounding misled the kernel.
        certificate::certify(certificate::Cells::Dense(matrix), &mut solution)?;
    }
    Ok(solution)
}

/// What one pass over the matrix learns before solving.
struct Survey {
    /// Every allowed value is an integer the integer path holds exactly.
    integral: bool,
    /// Every cell was checked. When not, the matrix holds a fractional float and the kernel's
    /// start checks every cell as it first reads it (see `core::solve`), so a float matrix is
    /// read once less.
    checked: bool,
    /// Smallest and largest allowed value in minimisation form (`-x` when maximising).
    lo: i128,
    hi: i128,
}

fn survey<T: Weight>(m: &Matrix<T>, options: Options) -> Result<Survey> {
    // Float matrices: a branch-free pass the compiler vectorises learns whether every cell is
    // whole (and the range), where the general pass below branches on every cell (on a
    // 2,000 × 4,000 uniform matrix that pass took about a third of the solve). A matrix with
    // an infinity in the chunks read takes the general pass. (NaN never reaches here: a
    // `Matrix` rejects it when built.)
    if let Some(d) = T::as_f64_slice(&m.data) {
        const LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53, as `exact_integer`
        // The kernel's start checks every cell it reads when it runs (the first solve under
        // `Maximum`, with at least two rows and two columns): then the survey stops at the
        // first fractional value, which settles the float path. On a 2,000 × 4,000 uniform
        // matrix the full pass took about a quarter of the solve.
        let kernel_checks = options.cardinality == Cardinality::Maximum && m.rows.min(m.cols) >= 2;
        let (mut finite, mut whole, mut lo, mut hi) =
            (true, true, f64::INFINITY, f64::NEG_INFINITY);
        // Chunk by chunk: whether all are finite (vectorised), then, while all so far are
        // whole, whether these are too, with the range.
        for c in d.chunks(4096) {
            if !c.iter().fold(true, |all, &x| all & x.is_finite()) {
                finite = false;
                break;
            }
            if whole {
                let (w, l, h) =
                    c.iter()
                        .fold((true, f64::INFINITY, f64::NEG_INFINITY), |(w, l, h), &x| {
                            let is_whole = x.abs() <= LIMIT && (x as i64) as f64 == x;
                            (w & is_whole, l.min(x), h.max(x))
                        });
                (lo, hi) = (lo.min(l), hi.max(h));
                if !w {
                    whole = false;
                    if kernel_checks {
                        return Ok(Survey {
                            integral: false,
                            checked: false,
                            lo: 0,
                            hi: 0,
                        });
                    }
                }
            }
        }
        if finite {
            let (mut lo, mut hi) = if !whole || d.is_empty() {
                (0, 0)
            } else if options.sense == Sense::Maximize {
                (-(hi as i128), -(lo as i128))
            } else {
                (lo as i128, hi as i128)
            };
            if whole && options.cardinality == Cardinality::Any {
                lo = lo.min(0);
                hi = hi.max(0);
            }
            return Ok(Survey {
                integral: whole,
                checked: true,
                lo,
                hi,
            });
        }
    }
    survey_cells(m, options)
}

/// The general survey: every cell in order, with its case (allowed, forbidden or invalid).
fn survey_cells<T: Weight>(m: &Matrix<T>, options: Options) -> Result<Survey> {
    let mut s = Survey {
        integral: true,
        checked: true,
        lo: i128::MAX,
        hi: i128::MIN,
    };
    for (k, &x) in m.data.iter().enumerate() {
        match x.cell(options.sense) {
            Cell::Allowed => {
                if s.integral {
                    match x.exact_integer() {
                        Some(i) => {
                            let i = i as i128;
                            let i = if options.sense == Sense::Maximize {
                                -i
                            } else {
                                i
                            };
                            s.lo = s.lo.min(i);
                            s.hi = s.hi.max(i);
                        }
                        None => s.integral = false,
                    }
                }
            }
            Cell::Forbidden => {}
            Cell::Invalid(why) => {
                return Err(MatrixError::InvalidWeight {
                    row: k / m.cols,
                    col: k % m.cols,
                    value: format!("{x:?}"),
                    why,
                });
            }
        }
    }
    if s.lo > s.hi {
        (s.lo, s.hi) = (0, 0);
    }
    if options.cardinality == Cardinality::Any {
        // Staying unassigned is worth 0, so 0 must be representable after the shift.
        s.lo = s.lo.min(0);
        s.hi = s.hi.max(0);
    }
    Ok(s)
}

/// The matrix as the kernel sees it: at most as many rows as columns (transposed if needed).
struct Oriented<'a, T> {
    m: &'a Matrix<T>,
    transposed: bool,
    nr: usize,
    nc: usize,
    sense: Sense,
}

impl<'a, T: Weight> Oriented<'a, T> {
    fn new(m: &'a Matrix<T>, sense: Sense) -> Self {
        let transposed = m.rows > m.cols;
        let (nr, nc) = if transposed {
            (m.cols, m.rows)
        } else {
            (m.rows, m.cols)
        };
        Oriented {
            m,
            transposed,
            nr,
            nc,
            sense,
        }
    }

    /// Fills `out` (`nr x width`, `width >= nc`) row by row with `f` of each source cell; the
    /// extra columns are left to the caller.
    fn fill<S: Copy>(&self, out: &mut [S], width: usize, f: &impl Fn(T) -> S) {
        if self.nr == 0 || self.nc == 0 {
            return; // nothing to copy (and a zero chunk width would be invalid)
        }
        let src = &self.m.data;
        if self.transposed {
            // Oriented row i is source column i: read in blocks of source rows so each block
            // of the source is touched once while it is in cache.
            const B: usize = 64;
            let cols = self.m.cols;
            for r0 in (0..self.nc).step_by(B) {
                let r1 = (r0 + B).min(self.nc);
                for i in 0..self.nr {
                    let dst = &mut out[i * width..i * width + self.nc];
                    for r in r0..r1 {
                        dst[r] = f(src[r * cols + i]);
                    }
                }
            }
        } else {
            for (dst, row) in out.chunks_exact_mut(width).zip(src.chunks_exact(self.nc)) {
                for (d, &x) in dst.iter_mut().zip(row) {
                    *d = f(x);
                }
            }
        }
    }
}

/// Kernel output mapped to totals: oriented column of each oriented row, and potentials in
/// minimisation form, in the units of the input.
struct Raw<W> {
    col4row: Vec<usize>,
    u: Vec<W>,
    v: Vec<W>,
}

/// Runs the kernel under the cardinality rule. Returns the column of each oriented row (`NONE`
/// if unassigned) and the potentials in the kernel's units, restricted to the real columns.
///
/// `direct`, when given, is the oriented cost buffer itself (the caller's own `f64` costs when
/// minimising untransposed), used for the first run without a copy.
///
/// With `check` (under `Maximum` alone, with at least two oriented rows), the kernel checks
/// every cost as it first reads it, and `None` means it found a `-inf` (in minimisation
/// form: a wrong-signed infinity).
fn drive<T: Weight, S: Store<C>, C: Compute>(
    p: &Oriented<'_, T>,
    load: impl Fn(T) -> Option<S>,
    zero: S,
    cardinality: Cardinality,
    direct: Option<&[S]>,
    check: bool,
) -> Option<(Vec<usize>, Vec<C>, Vec<C>)> {
    let (nr, nc) = (p.nr, p.nc);
    let to_store = |x: T| load(x).unwrap_or(S::FORBIDDEN);
    // The kernel's answer with the extra columns dropped: a row assigned to one is unassigned.
    let trim = |s: Solved<C>| {
        let col4row = s
            .col4row
            .into_iter()
            .map(|j| if j < nc { j } else { NONE })
            .collect();
        let mut v = s.v;
        v.truncate(nc);
        (col4row, s.u, v)
    };
    match cardinality {
        Cardinality::Any => {
            // Each row gets a private extra column worth 0: staying unassigned. Every row can
            // then be assigned, and the kernel maximises the total alone.
            let width = nc + nr;
            let mut buf = vec![S::FORBIDDEN; nr * width];
            p.fill(&mut buf, width, &to_store);
            for i in 0..nr {
                buf[i * width + nc + i] = zero;
            }
            debug_assert!(!check, "the survey checks every cell under `Any`");
            Some(trim(core::solve::<S, C>(nr, width, &buf, false, false)))
        }
        Cardinality::Maximum => {
            let owned: Vec<S>;
            let buf: &[S] = match direct {
                Some(costs) => costs,
                None if !p.transposed => {
                    // One pass straight into a fresh buffer: no zero-fill to overwrite.
                    owned = p.m.data.iter().map(|&x| to_store(x)).collect();
                    &owned
                }
                None => {
                    owned = {
                        let mut b = vec![zero; nr * nc];
                        p.fill(&mut b, nc, &to_store);
                        b
                    };
                    &owned
                }
            };
            let s = core::solve::<S, C>(nr, nc, buf, true, check);
            if s.invalid {
                return None;
            }
            let k = s.col4row.iter().filter(|&&j| j != NONE).count();
            if k == nr {
                return Some((s.col4row, s.u, s.v));
            }
            Some(deficient(p, &to_store, zero, &trim, Some(k)))
        }
        #[allow(unreachable_patterns)]
        _ => unreachable!("every cardinality rule is handled above"),
    }
}

/// The deficient case: fewer than `nr` rows can be assigned. The rows a run assigns form a
/// maximum matching of size `k` (given, or found here by a plain run); with `nr - k` extra columns of equal cost open to every row,
/// every optimum uses exactly `k` real pairs and is the best total among the assignments with
/// `k` pairs.
fn deficient<T: Weight, S: Store<C>, C: Compute>(
    p: &Oriented<'_, T>,
    to_store: &impl Fn(T) -> S,
    zero: S,
    trim: &impl Fn(Solved<C>) -> (Vec<usize>, Vec<C>, Vec<C>),
    k: Option<usize>,
) -> (Vec<usize>, Vec<C>, Vec<C>) {
    let (nr, nc) = (p.nr, p.nc);
    let k = k.unwrap_or_else(|| {
        let mut buf = vec![zero; nr * nc];
        p.fill(&mut buf, nc, to_store);
        let s = core::solve::<S, C>(nr, nc, &buf, false, false);
        s.col4row.iter().filter(|&&j| j != NONE).count()
    });
    let width = nc + (nr - k);
    let mut buf = vec![zero; nr * width];
    p.fill(&mut buf, width, to_store);
    trim(core::solve::<S, C>(nr, width, &buf, false, false))
}

/// A compute type whose values convert back to exact integers.
trait IntCompute: Compute {
    fn to_i128(self) -> i128;
}
impl IntCompute for i32 {
    fn to_i128(self) -> i128 {
        self as i128
    }
}
impl IntCompute for i64 {
    fn to_i128(self) -> i128 {
        self as i128
    }
}
impl IntCompute for i128 {
    fn to_i128(self) -> i128 {
        self
    }
}

/// An unsigned storage type for shifted integer costs.
trait IntStore: Copy {
    fn from_shifted(x: i128) -> Self;
    fn from_shifted_u64(x: u64) -> Self;
}
macro_rules! int_store_from {
    ($($t:ty),*) => {$(
        impl IntStore for $t {
            fn from_shifted(x: i128) -> Self {
                x as $t
            }
            #[inline(always)]
            fn from_shifted_u64(x: u64) -> Self {
                x as $t
            }
        }
    )*};
}
int_store_from!(u8, u16, u32, u64);

/// Solves on the exact integer path: costs in minimisation form, shifted by `lo` to `[0, R]`,
/// stored in the narrowest type with room for the forbidden sentinel, computed in the
/// narrowest type that no potential or distance can overflow.
fn solve_integral<T: Weight>(p: &Oriented<'_, T>, sv: &Survey, card: Cardinality) -> Raw<T::Total> {
    fn run<T: Weight, S: Store<C> + IntStore, C: IntCompute>(
        p: &Oriented<'_, T>,
        sv: &Survey,
        card: Cardinality,
    ) -> Raw<T::Total> {
        let (lo, max, sense) = (sv.lo, p.sense == Sense::Maximize, p.sense);
        // The shifted cost `min_form(x) - lo` lies in [0, 2^64 - 2], so wrapping u64
        // arithmetic gives it exactly, without i128 on the hot path.
        let lo64 = lo as u64;
        let load = move |x: T| {
            let i = x.allowed_integer(sense)? as u64;
            let min_form = if max { i.wrapping_neg() } else { i };
            Some(S::from_shifted_u64(min_form.wrapping_sub(lo64)))
        };
        // The extra columns' cost: staying unassigned is worth 0 under `Any` (and 0 lies in
        // the shifted range there); under `Maximum` any constant works, and shifted 0 is one.
        let extra = if card == Cardinality::Any { -lo } else { 0 };
        let (col4row, u, v) = drive::<T, S, C>(p, load, S::from_shifted(extra), card, None, false)
            .unwrap_or_else(|| unreachable!("only a checking run stops early"));
        Raw {
            col4row,
            u: u.into_iter()
                .map(|x| T::total_from_int(x.to_i128() + lo))
                .collect(),
            v: v.into_iter()
                .map(|x| T::total_from_int(x.to_i128()))
                .collect(),
        }
    }
    let range = (sv.hi - sv.lo) as u128;
    // Potentials and distances stay within a small multiple of (rows + columns) * range; the
    // margins below keep them under a sixteenth of the kernel's forbidden cost.
    let bound = (p.nr as u128 + p.nc as u128 + p.nr as u128 + 2) * range.max(1);
    if bound < 1 << 22 && range < u8::MAX as u128 {
        run::<T, u8, i32>(p, sv, card)
    } else if bound < 1 << 22 && range < u16::MAX as u128 {
        run::<T, u16, i32>(p, sv, card)
    } else if bound < 1 << 54 {
        if range < u8::MAX as u128 {
            run::<T, u8, i64>(p, sv, card)
        } else if range < u16::MAX as u128 {
            run::<T, u16, i64>(p, sv, card)
        } else if range < u32::MAX as u128 {
            run::<T, u32, i64>(p, sv, card)
        } else {
            run::<T, u64, i64>(p, sv, card)
        }
    } else {
        run::<T, u64, i128>(p, sv, card)
    }
}

/// Maps the kernel's answer back to the caller's matrix: orientation, sense, normalised
/// certificate, recomputed total.
fn finish<T: Weight>(
    m: &Matrix<T>,
    p: &Oriented<'_, T>,
    options: Options,
    raw: Raw<T::Total>,
) -> Solution<T> {
    let Raw { col4row, mut u, v } = raw;
    let zero = T::total_from_int(0);
    if options.cardinality == Cardinality::Any {
        // An unassigned row's own extra column is worth 0 and tight, so its potential is >= 0;
        // lowering it to 0 keeps feasibility and states complementary slackness directly.
        for (ui, &j) in u.iter_mut().zip(&col4row) {
            if j == NONE {
                *ui = zero;
            }
        }
    }
    let (mut row_pot, mut col_pot) = if p.transposed { (v, u) } else { (u, v) };
    if options.sense == Sense::Maximize {
        for x in row_pot.iter_mut().chain(col_pot.iter_mut()) {
            *x = zero - *x;
        }
    }
    let mut pairs: Vec<(usize, usize)> = col4row
        .iter()
        .enumerate()
        .filter(|&(_, &j)| j != NONE)
        .map(|(i, &j)| if p.transposed { (j, i) } else { (i, j) })
        .collect();
    pairs.sort_unstable();
    let mut row_used = vec![false; m.rows];
    let mut col_used = vec![false; m.cols];
    let mut total = zero;
    for &(r, c) in &pairs {
        row_used[r] = true;
        col_used[c] = true;
        total = total + T::to_total(m.data[r * m.cols + c]);
    }
    let unused = |used: Vec<bool>| {
        used.iter()
            .enumerate()
            .filter(|(_, u)| !**u)
            .map(|(k, _)| k)
            .collect()
    };
    Solution {
        options,
        rows: m.rows,
        cols: m.cols,
        pairs,
        total,
        unassigned_rows: unused(row_used),
        unassigned_cols: unused(col_used),
        row_potentials: row_pot,
        col_potentials: col_pot,
    }
}
