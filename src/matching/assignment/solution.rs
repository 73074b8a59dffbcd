//! What the engine returns: the pairs, the total, the unassigned rows and columns, and the
//! dual potentials that certify optimality.

use crate::matching::assignment::options::Options;
use crate::matching::assignment::weight::Weight;
use crate::matching::error::{MatrixError, Result};
use crate::matching::memory;
use serde::Serialize;
use std::fmt::Debug;

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
    pub(super) options: Options,
    pub(super) rows: usize,
    pub(super) cols: usize,
    pub(super) pairs: Vec<(usize, usize)>,
    pub(super) total: T::Total,
    pub(super) unassigned_rows: Vec<usize>,
    pub(super) unassigned_cols: Vec<usize>,
    pub(super) row_potentials: Vec<T::Total>,
    pub(super) col_potentials: Vec<T::Total>,
    /// What rounding to `f64` took off the potentials.
    #[serde(skip)]
    pub(super) rests: Rests,
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
            // Potentials of 0, and nothing to certify: exact.
            rests: Rests::None,
        })
    }

    /// The assigned `(row, column)` pairs, sorted by row.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{solve, Matrix, Sense};
    ///
    /// let m = Matrix::from_vec(3, 2, vec![0.9, 0.4, 0.8, 0.1, 0.3, 0.2])?;
    /// assert_eq!(solve(&m, Sense::Maximize)?.pairs(), &[(0, 1), (1, 0)]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn pairs(&self) -> &[(usize, usize)] {
        &self.pairs
    }

    /// The sum of the weights of the assigned pairs, computed from the matrix.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{solve, Matrix, Sense};
    ///
    /// let m = Matrix::from_vec(2, 2, vec![1_i64, 2, 3, 5])?;
    /// let s = solve(&m, Sense::Minimize)?;
    /// assert_eq!(s.pairs(), &[(0, 1), (1, 0)]);
    /// assert_eq!(s.total(), 2 + 3);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn total(&self) -> T::Total {
        self.total
    }

    /// The rows left unassigned, in increasing order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{solve, Matrix, Sense};
    ///
    /// // Three juniors for two seniors: one junior stays unassigned.
    /// let m = Matrix::from_vec(3, 2, vec![0.9, 0.4, 0.8, 0.1, 0.3, 0.2])?;
    /// assert_eq!(solve(&m, Sense::Maximize)?.unassigned_rows(), &[2]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn unassigned_rows(&self) -> &[usize] {
        &self.unassigned_rows
    }

    /// The columns left unassigned, in increasing order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{solve, Matrix, Sense};
    ///
    /// let m = Matrix::from_vec(1, 3, vec![0.2, 0.9, 0.5])?;
    /// assert_eq!(solve(&m, Sense::Maximize)?.unassigned_cols(), &[0, 2]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn unassigned_cols(&self) -> &[usize] {
        &self.unassigned_cols
    }

    /// The dual potential of each row (`u`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{solve, Matrix, Sense};
    ///
    /// let m = Matrix::from_vec(2, 2, vec![1_i64, 2, 3, 5])?;
    /// let s = solve(&m, Sense::Minimize)?;
    /// let (u, v) = (s.row_potentials(), s.col_potentials());
    /// let cost = |r: usize, c: usize| i128::from(m.get(r, c).unwrap());
    /// // Never above a cost, and equal to it on every assigned pair: no assignment costs less.
    /// assert!((0..2).all(|r| (0..2).all(|c| u[r] + v[c] <= cost(r, c))));
    /// assert!(s.pairs().iter().all(|&(r, c)| u[r] + v[c] == cost(r, c)));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn row_potentials(&self) -> &[T::Total] {
        &self.row_potentials
    }

    /// The dual potential of each column (`v`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{solve, Matrix, Sense};
    ///
    /// let m = Matrix::from_vec(2, 2, vec![1_i64, 2, 3, 5])?;
    /// let s = solve(&m, Sense::Minimize)?;
    /// // Every row and column assigned, every pair tight: the potentials add up to the total.
    /// let dual = s.row_potentials().iter().chain(s.col_potentials()).sum::<i128>();
    /// assert_eq!(dual, s.total());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn col_potentials(&self) -> &[T::Total] {
        &self.col_potentials
    }

    /// What rounding to `f64` took off row `r`'s potential (0 where nothing did; see
    /// [`Rests`]).
    pub(crate) fn row_rest(&self, r: usize) -> f64 {
        match &self.rests {
            Rests::Kept(rows, _) => rows[r],
            Rests::None | Rests::Lost => 0.0,
        }
    }

    /// What rounding to `f64` took off column `c`'s potential (see [`row_rest`](Self::row_rest)).
    pub(crate) fn col_rest(&self, c: usize) -> f64 {
        match &self.rests {
            Rests::Kept(_, cols) => cols[c],
            Rests::None | Rests::Lost => 0.0,
        }
    }

    /// Whether the potentials plus their rests certify the solution exactly: always for exact
    /// weights, and for `f64` where the certificate kept every rest.
    pub(crate) fn rests_kept(&self) -> bool {
        !matches!(self.rests, Rests::Lost)
    }

    /// The options the solution was found with.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{solve_with, Cardinality, Matrix, Options, Sense};
    ///
    /// let m = Matrix::from_vec(1, 1, vec![0.5])?;
    /// let options = Options::new(Sense::Maximize).with_cardinality(Cardinality::Any);
    /// assert_eq!(solve_with(&m, options)?.options(), options);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn options(&self) -> Options {
        self.options
    }

    /// The column assigned to `row`, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{solve, Matrix, Sense};
    ///
    /// let m = Matrix::from_vec(3, 2, vec![0.9, 0.4, 0.8, 0.1, 0.3, 0.2])?;
    /// let s = solve(&m, Sense::Maximize)?;
    /// assert_eq!(s.col_of(0), Some(1));
    /// assert_eq!(s.col_of(2), None); // unassigned
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn col_of(&self, row: usize) -> Option<usize> {
        self.pairs
            .binary_search_by_key(&row, |p| p.0)
            .ok()
            .map(|k| self.pairs[k].1)
    }

    /// The row assigned to `col`, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{solve, Matrix, Sense};
    ///
    /// let m = Matrix::from_vec(2, 3, vec![0.9, 0.4, 0.1, 0.8, 0.1, 0.2])?;
    /// let s = solve(&m, Sense::Maximize)?;
    /// assert_eq!(s.row_of(1), Some(0));
    /// assert_eq!(s.row_of(2), None); // unassigned
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn row_of(&self, col: usize) -> Option<usize> {
        self.pairs.iter().find(|p| p.1 == col).map(|p| p.0)
    }
}

/// What rounding to `f64` took off a solution's potentials. The certificate of a float answer
/// is exact, and rounding it to `f64` can miss a tight cell by an ulp (`0.1 + 0.2` is not
/// `0.3`); the potentials plus their rests are the exact certificate again, which is what
/// a proof beyond the matrix (the matcher's pricing of pairs outside a candidate graph)
/// builds on.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Rests {
    /// Nothing: the potentials are exact as they are (exact weights, or nothing to certify).
    None,
    /// Each row's and column's rest.
    Kept(Vec<f64>, Vec<f64>),
    /// Not known: float potentials not (yet) certified, or a rest that does not fit one float.
    Lost,
}

impl Rests {
    /// Before the certificate: exact weights need none, float potentials are rounded.
    pub(crate) fn before_certificate<T: Weight>() -> Rests {
        if T::EXACT { Rests::None } else { Rests::Lost }
    }
}
