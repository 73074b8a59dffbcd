//! The best assignment under constraints: some pairs forced, some forbidden, and (under
//! [`Cardinality::Any`]) possibly at least one pair more than the forced ones. The k best
//! assignments and the what-if answers are both made of such solves.

use crate::matching::assignment::certificate::correctly_rounded_sum;
use crate::matching::assignment::dense::solve_with;
use crate::matching::assignment::matrix::Matrix;
use crate::matching::assignment::options::{Cardinality, Cell, Options, Sense};
use crate::matching::assignment::weight::Weight;
use crate::matching::error::Result;
use serde::Serialize;
use std::cmp::Ordering;

/// An assignment and its total: one of the k best ([`k_best`](super::k_best)), or the optimum
/// after a change ([`what_if`](super::what_if)).
///
/// Unlike a [`Solution`](super::Solution) it carries no certificate of its own: it is the best
/// of a part of the assignments (those with some pairs forced and some forbidden), which the
/// engine solved and proved optimal on that part.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{k_best, Matrix, Options, Sense};
///
/// let m = Matrix::from_vec(2, 2, vec![1_i64, 5, 4, 2])?;
/// let best = k_best(&m, Options::new(Sense::Maximize), 1)?;
/// assert_eq!(best[0].pairs(), &[(0, 1), (1, 0)]);
/// assert_eq!(best[0].total(), 9);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(bound(serialize = ""))]
pub struct Alternative<T: Weight> {
    pub(super) pairs: Vec<(usize, usize)>,
    pub(super) total: T::Total,
}

impl<T: Weight> Alternative<T> {
    /// The `(row, column)` pairs, sorted by row.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{k_best, Matrix, Options, Sense};
    ///
    /// let m = Matrix::from_vec(2, 2, vec![1_i64, 5, 4, 2])?;
    /// let two = k_best(&m, Options::new(Sense::Maximize), 2)?;
    /// assert_eq!(two[0].pairs(), &[(0, 1), (1, 0)]);
    /// assert_eq!(two[1].pairs(), &[(0, 0), (1, 1)]); // the runner-up
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn pairs(&self) -> &[(usize, usize)] {
        &self.pairs
    }

    /// The sum of the pairs' weights: exact for integers, and for floats the exact sum rounded
    /// once, so that totals keep the order of the exact sums they round.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{k_best, Matrix, Options, Sense};
    ///
    /// let m = Matrix::from_vec(2, 2, vec![1_i64, 5, 4, 2])?;
    /// let two = k_best(&m, Options::new(Sense::Maximize), 2)?;
    /// assert_eq!((two[0].total(), two[1].total()), (5 + 4, 1 + 2));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn total(&self) -> T::Total {
        self.total
    }

    /// The column paired with `row`, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{k_best, Matrix, Options, Sense};
    ///
    /// let m = Matrix::from_vec(2, 2, vec![1_i64, 5, 4, 2])?;
    /// let two = k_best(&m, Options::new(Sense::Maximize), 2)?;
    /// assert_eq!(two[1].col_of(0), Some(0));
    /// assert_eq!(two[1].col_of(2), None);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn col_of(&self, row: usize) -> Option<usize> {
        self.pairs
            .binary_search_by_key(&row, |p| p.0)
            .ok()
            .map(|k| self.pairs[k].1)
    }

    /// An alternative of these pairs (sorted here), with their total read off `matrix`
    /// (see [`total`](Self::total)).
    pub(super) fn of(matrix: &Matrix<T>, mut pairs: Vec<(usize, usize)>) -> Self {
        pairs.sort_unstable();
        let weight = |&(r, c): &(usize, usize)| matrix.data[r * matrix.cols + c];
        let total = if T::EXACT {
            let zero = T::total_from_int(0);
            pairs
                .iter()
                .fold(zero, |sum, p| sum + T::to_total(weight(p)))
        } else {
            T::total_from_f64(correctly_rounded_sum(
                pairs.iter().map(|p| weight(p).to_f64()),
            ))
        };
        Alternative { pairs, total }
    }
}

/// Which assignments a constrained solve looks among.
#[derive(Debug, Clone, Default)]
pub(super) struct Constraints {
    /// Pairs every assignment holds.
    pub forced: Vec<(usize, usize)>,
    /// Pairs no assignment holds.
    pub forbidden: Vec<(usize, usize)>,
    /// Under [`Cardinality::Any`]: at least one pair besides the forced ones.
    pub one_more: bool,
}

/// The rows and columns a part keeps (all but those of its forced pairs), in order, and where
/// each row and column of the matrix lands among them (`usize::MAX` for one taken out).
pub(super) struct Kept {
    /// The rows kept, increasing.
    pub rows: Vec<usize>,
    /// The columns kept, increasing.
    pub cols: Vec<usize>,
    /// For each row of the matrix, its place among the kept rows.
    pub row_at: Vec<usize>,
    /// For each column of the matrix, its place among the kept columns.
    pub col_at: Vec<usize>,
}

impl Kept {
    /// What a part with `constraints` keeps of a `rows x cols` matrix.
    pub(super) fn of(constraints: &Constraints, rows: usize, cols: usize) -> Kept {
        let mut row_at = vec![0; rows];
        let mut col_at = vec![0; cols];
        for &(r, c) in &constraints.forced {
            row_at[r] = usize::MAX;
            col_at[c] = usize::MAX;
        }
        let number = |at: &mut [usize]| -> Vec<usize> {
            let kept: Vec<usize> = (0..at.len()).filter(|&k| at[k] == 0).collect();
            for (place, &k) in kept.iter().enumerate() {
                at[k] = place;
            }
            kept
        };
        let rows = number(&mut row_at);
        let cols = number(&mut col_at);
        Kept {
            rows,
            cols,
            row_at,
            col_at,
        }
    }
}

/// The best assignment of `matrix` under `options` among those that meet `constraints`, and
/// under [`Cardinality::Maximum`] with exactly `pairs` pairs when given; `None` when there is
/// none.
///
/// The rows and columns of the forced pairs are taken out, the forbidden cells are marked
/// forbidden, and the engine solves what is left exactly; the forced pairs are then added
/// back. Under `Maximum`, the engine's answer has the most pairs of what is left, so with
/// fewer than `pairs - forced` of them no assignment of the part has `pairs` pairs.
///
/// Under `Any` with [`Constraints::one_more`], when the best of what is left is to pair no
/// one, the best assignment with a pair is the best single allowed cell: if no assignment of
/// what is left has a total better than 0, every assignment's total is at most (for
/// maximisation) the weight of its best pair, which is at most the best cell's.
///
/// # Errors
///
/// As [`solve_with`] on the matrix left (a cell the sense cannot use; an answer that cannot be
/// certified).
pub(super) fn best_with<T: Weight>(
    matrix: &Matrix<T>,
    options: Options,
    constraints: &Constraints,
    pairs: Option<usize>,
) -> Result<Option<Alternative<T>>> {
    let cols = matrix.cols;
    let Kept {
        rows: kept_rows,
        cols: kept_cols,
        row_at: position_of_row,
        col_at: position_of_col,
    } = Kept::of(constraints, matrix.rows, cols);
    let (sub_rows, sub_cols) = (kept_rows.len(), kept_cols.len());
    let mut data = Vec::with_capacity(sub_rows * sub_cols);
    for &r in &kept_rows {
        let row = &matrix.data[r * cols..(r + 1) * cols];
        data.extend(kept_cols.iter().map(|&c| row[c]));
    }
    let no = T::forbidden_in(options.sense);
    for &(r, c) in &constraints.forbidden {
        let (i, j) = (position_of_row[r], position_of_col[c]);
        if i != usize::MAX && j != usize::MAX {
            data[i * sub_cols + j] = no;
        }
    }
    let sub = Matrix {
        rows: sub_rows,
        cols: sub_cols,
        data,
    };
    let solved = solve_with(&sub, options)?;
    let mut found: Vec<(usize, usize)> = constraints.forced.clone();
    found.extend(
        solved
            .pairs()
            .iter()
            .map(|&(i, j)| (kept_rows[i], kept_cols[j])),
    );
    if let (Cardinality::Maximum, Some(wanted)) = (options.cardinality, pairs)
        && found.len() != wanted
    {
        return Ok(None);
    }
    if options.cardinality == Cardinality::Any && constraints.one_more && solved.pairs().is_empty()
    {
        match best_cell(&sub, options.sense) {
            Some((i, j)) => found.push((kept_rows[i], kept_cols[j])),
            None => return Ok(None),
        }
    }
    Ok(Some(Alternative::of(matrix, found)))
}

/// The best allowed cell of `m` under `sense` (the first in row-major order on a tie).
fn best_cell<T: Weight>(m: &Matrix<T>, sense: Sense) -> Option<(usize, usize)> {
    let mut best: Option<(usize, T)> = None;
    for (k, &x) in m.data.iter().enumerate() {
        if x.cell(sense) != Cell::Allowed {
            continue;
        }
        let better = match best {
            None => true,
            Some((_, b)) => by_sense(sense, x.to_total(), b.to_total()) == Ordering::Greater,
        };
        if better {
            best = Some((k, x));
        }
    }
    best.map(|(k, _)| (k / m.cols, k % m.cols))
}

/// How `a` compares with `b` under `sense`: `Greater` when `a` is the better total.
pub(super) fn by_sense<X: PartialOrd>(sense: Sense, a: X, b: X) -> Ordering {
    let order = a.partial_cmp(&b).unwrap_or(Ordering::Equal);
    match sense {
        Sense::Maximize => order,
        Sense::Minimize => order.reverse(),
    }
}
