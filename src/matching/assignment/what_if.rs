//! What-if: the optimum after a coordinator forces or forbids one pair, the change in total,
//! and the pairs that change, from the current optimum and its certificate.

use crate::matching::assignment::certificate::verify;
use crate::matching::assignment::constrained::{Alternative, Constraints, best_with};
use crate::matching::assignment::matrix::Matrix;
use crate::matching::assignment::options::{Cell, Sense};
use crate::matching::assignment::solution::Solution;
use crate::matching::assignment::weight::Weight;
use crate::matching::error::{MatrixError, Result};
use serde::Serialize;

/// One change a coordinator asks about.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::Change;
///
/// let change = Change::Pair { row: 0, col: 2 };
/// assert_eq!(change.cell(), (0, 2));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum Change {
    /// "Pair row `row` with column `col`": the best assignment that holds the pair.
    Pair {
        /// The row, from 0.
        row: usize,
        /// The column, from 0.
        col: usize,
    },
    /// "Never pair row `row` with column `col`": the best assignment without the pair.
    Never {
        /// The row, from 0.
        row: usize,
        /// The column, from 0.
        col: usize,
    },
}

impl Change {
    /// The `(row, column)` cell the change is about.
    pub fn cell(&self) -> (usize, usize) {
        match *self {
            Change::Pair { row, col } | Change::Never { row, col } => (row, col),
        }
    }
}

/// The answer to a [`Change`]: the new optimum, how its total differs from the current one,
/// and the pairs that come and go.
///
/// # Examples
///
/// See [`what_if`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(bound(serialize = ""))]
pub struct WhatIf<T: Weight> {
    change: Change,
    optimum: Alternative<T>,
    difference: T::Total,
    bound: Option<T::Total>,
    formed: Vec<(usize, usize)>,
    broken: Vec<(usize, usize)>,
}

impl<T: Weight> WhatIf<T> {
    /// The change asked about.
    pub fn change(&self) -> Change {
        self.change
    }

    /// The best assignment under the change, by the current solution's options.
    pub fn optimum(&self) -> &Alternative<T> {
        &self.optimum
    }

    /// The new total minus the current one (`<= 0` when maximising, `>= 0` when minimising,
    /// as long as the number of pairs stays).
    pub fn difference(&self) -> T::Total {
        self.difference
    }

    /// For [`Change::Pair`], the best total an assignment holding the pair can reach, read off
    /// the certificate at once: the current total worsened by the pair's reduced cost (for
    /// floats, up to the rounding of that one sum). The exact optimum is never better. Under
    /// [`Cardinality::Maximum`](super::Cardinality::Maximum) the bound holds among the
    /// assignments with as many pairs as the current one; forcing a pair can also cost pairs,
    /// and then [`optimum`](Self::optimum) has fewer. `None` for [`Change::Never`].
    pub fn bound(&self) -> Option<T::Total> {
        self.bound
    }

    /// The pairs of the new optimum that the current one does not hold, by row.
    pub fn formed(&self) -> &[(usize, usize)] {
        &self.formed
    }

    /// The pairs of the current optimum that the new one does not hold, by row.
    pub fn broken(&self) -> &[(usize, usize)] {
        &self.broken
    }
}

/// What the optimum `current` of `matrix` becomes under `change`: the exact new optimum (by
/// `current`'s options), the difference in total, and the pairs formed and broken.
///
/// `current` must be proved optimal for `matrix` by its own certificate (it is checked first:
/// a solution of another matrix would give a difference that means nothing). For
/// [`Change::Pair`] the pair's reduced cost gives a [`bound`](WhatIf::bound) on the new total
/// at once; the exact optimum is one engine solve on the matrix without the pair's row and
/// column. For [`Change::Never`] it is one solve on the matrix with the cell forbidden. A
/// change that `current` already meets (the pair is there, or is not) changes nothing and
/// costs no solve.
///
/// # Errors
///
/// - [`MatrixError::InvalidPair`] when the cell lies outside the matrix, or when
///   [`Change::Pair`] names a forbidden cell;
/// - [`MatrixError::NotOptimum`] when the certificate of `current` does not prove it optimal
///   for `matrix`;
/// - as [`solve_with`](super::solve_with) for the new solve.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{solve, what_if, Change, Matrix, Sense};
///
/// let gains = Matrix::from_vec(3, 3, vec![
///     9_i64, 2, 1,
///     3, 8, 2,
///     1, 2, 7,
/// ])?;
/// let best = solve(&gains, Sense::Maximize)?;
/// assert_eq!(best.total(), 24);
/// // "Why not row 0 with column 1?"
/// let answer = what_if(&gains, &best, Change::Pair { row: 0, col: 1 })?;
/// assert_eq!(answer.optimum().total(), 12);
/// assert_eq!(answer.difference(), -12);
/// assert_eq!(answer.formed(), &[(0, 1), (1, 0)]);
/// assert_eq!(answer.broken(), &[(0, 0), (1, 1)]);
/// // The certificate bounded the answer before the solve: no better than its bound.
/// assert!(answer.bound().unwrap() >= answer.optimum().total());
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn what_if<T: Weight>(
    matrix: &Matrix<T>,
    current: &Solution<T>,
    change: Change,
) -> Result<WhatIf<T>> {
    let (row, col) = change.cell();
    let sense = current.options.sense;
    if row >= matrix.rows || col >= matrix.cols {
        return Err(MatrixError::InvalidPair {
            junior: row,
            senior: col,
            why: "the cell lies outside the matrix",
        });
    }
    let weight = matrix.data[row * matrix.cols + col];
    if matches!(change, Change::Pair { .. }) && weight.cell(sense) == Cell::Forbidden {
        return Err(MatrixError::InvalidPair {
            junior: row,
            senior: col,
            why: "the cell is forbidden, so no assignment can hold the pair",
        });
    }
    verify(matrix, current).map_err(MatrixError::NotOptimum)?;
    let held = current.col_of(row) == Some(col);
    let mut constraints = Constraints::default();
    let bound = match change {
        Change::Pair { .. } => {
            constraints.forced.push((row, col));
            Some(pair_bound(current, row, col, weight))
        }
        Change::Never { .. } => {
            constraints.forbidden.push((row, col));
            None
        }
    };
    let unchanged = match change {
        Change::Pair { .. } => held,
        Change::Never { .. } => !held,
    };
    let optimum = if unchanged {
        Alternative::of(matrix, current.pairs.clone())
    } else {
        match best_with(matrix, current.options, &constraints, None)? {
            Some(found) => found,
            // With no pair count asked for and no pair more than the forced one, the part
            // always has a best assignment (the forced pair alone, at worst).
            None => unreachable!("a part with no count to meet always has a best assignment"),
        }
    };
    let formed = minus(&optimum.pairs, &current.pairs);
    let broken = minus(&current.pairs, &optimum.pairs);
    let difference = optimum.total - Alternative::of(matrix, current.pairs.clone()).total;
    Ok(WhatIf {
        change,
        optimum,
        difference,
        bound,
        formed,
        broken,
    })
}

/// The best total an assignment holding `(row, col)` can reach by the certificate of
/// `current`: its total worsened by the cell's reduced cost.
fn pair_bound<T: Weight>(current: &Solution<T>, row: usize, col: usize, weight: T) -> T::Total {
    let (u, v) = (current.row_potentials[row], current.col_potentials[col]);
    let w = weight.to_total();
    match current.options.sense {
        // Reduced cost `w - u - v >= 0`: the total rises by at least that much.
        Sense::Minimize => current.total + (w - u - v),
        // Reduced cost `u + v - w >= 0`: the total falls by at least that much.
        Sense::Maximize => current.total - (u + v - w),
    }
}

/// The pairs of `a` that `b` does not hold; both sorted by row.
fn minus(a: &[(usize, usize)], b: &[(usize, usize)]) -> Vec<(usize, usize)> {
    a.iter()
        .copied()
        .filter(|p| b.binary_search(p).is_err())
        .collect()
}
