//! The one certificate checker, for the dense and the sparse engine alike: [`verify`],
//! [`verify_sparse`], and `certify`, which the solvers call on their own answers.

use crate::matching::assignment::certificate::cells::Cells;
use crate::matching::assignment::certificate::error::CertificateError;
use crate::matching::assignment::certificate::float;
use crate::matching::assignment::certificate::integer::integer_duals;
use crate::matching::assignment::certificate::structure::{NO_ROOM, most_pairs, structure};
use crate::matching::assignment::matrix::Matrix;
use crate::matching::assignment::options::Cardinality;
use crate::matching::assignment::solution::Solution;
use crate::matching::assignment::sparse::SparseMatrix;
use crate::matching::assignment::weight::Weight;
use crate::matching::assignment::wide::Lists;
use crate::matching::error::Result;
use std::any::Any;

/// Checks that `solution` is a valid assignment of `matrix` and that its potentials prove it
/// optimal under its options (see the [module docs](crate::assignment#certificate)). Integer
/// weights are checked exactly; `f64` weights too: comparisons that rounding could decide
/// wrongly are made again in exact arithmetic.
///
/// # Complexity
///
/// `O(rows * cols)` time and `O(rows + cols)` extra memory, plus, for `f64` weights, exact
/// work on the cells within rounding of tight (usually the pairs alone).
///
/// # Errors
///
/// The first violated condition, as a [`CertificateError`]; [`CertificateError::Inconclusive`]
/// when the potentials are too far from a proof, or the numbers too far apart, to decide in
/// exact arithmetic.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{solve, verify, Matrix, Sense};
///
/// let m = Matrix::from_fn(30, 20, |r, c| ((r * 7 + c * 13) % 10) as f64 / 3.0)?;
/// let s = solve(&m, Sense::Maximize)?;
/// verify(&m, &s)?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify<T: Weight>(
    matrix: &Matrix<T>,
    solution: &Solution<T>,
) -> std::result::Result<(), CertificateError> {
    check(Cells::Dense(matrix), solution)
}

/// Checks that `solution` is a valid assignment of the sparse `matrix` and that its potentials
/// prove it optimal under its options (see the
/// [module docs](crate::assignment::solve_sparse#certificate)): conditions on the present cells
/// only, and for [`Cardinality::Maximum`] the left-out conditions within each connected
/// component. Exact for integer and `f64` weights alike, as [`verify`].
///
/// # Complexity
///
/// `O(E + V)` time and memory, plus a binary search per pair, plus, for `f64` weights, exact
/// work on the cells within rounding of tight.
///
/// # Errors
///
/// As [`verify`].
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{solve_sparse, verify_sparse, Options, Sense, SparseMatrix};
///
/// let m = SparseMatrix::from_triplets(3, 2, vec![(0, 0, 2.0), (1, 0, 1.0), (2, 1, 3.0)])?;
/// let s = solve_sparse(&m, Options::new(Sense::Minimize))?;
/// verify_sparse(&m, &s)?;
/// let other = SparseMatrix::from_triplets(3, 2, vec![(0, 0, 2.0), (1, 0, 9.0), (2, 1, 3.0)])?;
/// assert!(verify_sparse(&other, &s).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn verify_sparse<T: Weight>(
    matrix: &SparseMatrix<T>,
    solution: &Solution<T>,
) -> std::result::Result<(), CertificateError> {
    check(Cells::Sparse(matrix), solution)
}

/// Makes a solver's `f64` answer exact: its potentials are corrected into a proof in exact
/// arithmetic, and where rounding misled the solver into a slightly worse assignment, the
/// assignment is improved first. Integer answers are exact already and are left alone.
///
/// # Errors
///
/// [`MatrixError::Uncertified`](crate::Error::Uncertified) when no proof can be made within the
/// exact arithmetic's range (weights spanning more than about 2^100 of their smallest unit
/// among the cells that decide the optimum) or its budget.
pub(crate) fn certify<T: Weight>(cells: Cells<'_, T>, solution: &mut Solution<T>) -> Result<()> {
    certify_listed(cells, solution, None)
}

/// [`certify`] with a wide dense matrix's rows' cheapest cells in minimisation form (see
/// `wide`), which settle the screening of most rows without reading them.
pub(crate) fn certify_listed<T: Weight>(
    cells: Cells<'_, T>,
    solution: &mut Solution<T>,
    lists: Option<&Lists>,
) -> Result<()> {
    let (Some(cells), Some(solution)) = (
        cells.downcast::<f64>(),
        (solution as &mut dyn Any).downcast_mut::<Solution<f64>>(),
    ) else {
        return Ok(());
    };
    float::repair(cells, solution, lists)
}

fn check<T: Weight>(
    cells: Cells<'_, T>,
    s: &Solution<T>,
) -> std::result::Result<(), CertificateError> {
    let matching = structure(cells, s)?;
    if s.options.cardinality == Cardinality::Maximum {
        match most_pairs(cells, s.options.sense, &matching) {
            Ok(None) => {}
            Ok(Some(row)) => return Err(CertificateError::NotMaximum { row }),
            Err(_) => return Err(CertificateError::Inconclusive { why: NO_ROOM }),
        }
    }
    if let (Some(fc), Some(fs)) = (
        cells.downcast::<f64>(),
        (s as &dyn Any).downcast_ref::<Solution<f64>>(),
    ) {
        return float::verify(fc, fs, &matching);
    }
    match (
        cells.downcast::<i64>(),
        (s as &dyn Any).downcast_ref::<Solution<i64>>(),
    ) {
        (Some(ic), Some(is)) => integer_duals(ic, is, &matching),
        _ => unreachable!("the weight types are f64 and i64"),
    }
}
