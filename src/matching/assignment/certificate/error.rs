//! Why a certificate was refused ([`CertificateError`]).

/// Why a solution's certificate does not prove it optimal.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{solve, verify, CertificateError, Matrix, Sense};
///
/// let m = Matrix::from_vec(2, 2, vec![1_i64, 5, 5, 1])?;
/// let s = solve(&m, Sense::Minimize)?;
/// assert_eq!(s.pairs(), &[(0, 0), (1, 1)]);
/// assert_eq!(verify(&m, &s), Ok(()));
/// // The same pairs cost the same here, but the other two cells are cheaper.
/// let other = Matrix::from_vec(2, 2, vec![1_i64, 0, 0, 1])?;
/// assert!(matches!(verify(&other, &s), Err(CertificateError::Infeasible { .. })));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CertificateError {
    /// The solution was made for a matrix of another shape.
    #[error("the solution has {found} {what}, the matrix needs {expected}")]
    Shape {
        /// What is counted.
        what: &'static str,
        /// What the matrix needs.
        expected: usize,
        /// What the solution has.
        found: usize,
    },
    /// A pair is out of range, repeated, out of order or on a forbidden cell.
    #[error("pair ({row}, {col}) is not valid: {why}")]
    InvalidPair {
        /// Row of the pair.
        row: usize,
        /// Column of the pair.
        col: usize,
        /// What is wrong with it.
        why: &'static str,
    },
    /// The unassigned lists are not exactly the rows and columns outside the pairs.
    #[error("the unassigned {what} do not match the pairs")]
    Unassigned {
        /// `rows` or `columns`.
        what: &'static str,
    },
    /// An allowed cell is cheaper (costlier, when maximising) than its two potentials, by
    /// more than rounding explains.
    #[error("cell ({row}, {col}) violates dual feasibility")]
    Infeasible {
        /// Row of the cell.
        row: usize,
        /// Column of the cell.
        col: usize,
    },
    /// An assigned pair's weight differs from the sum of its potentials by more than rounding
    /// explains.
    #[error("pair ({row}, {col}) is not tight")]
    NotTight {
        /// Row of the pair.
        row: usize,
        /// Column of the pair.
        col: usize,
    },
    /// An unassigned row's or column's potential breaks the cardinality rule's condition.
    #[error("unassigned {what} {index} has a potential that does not certify leaving it out")]
    LeftOut {
        /// `row` or `column`.
        what: &'static str,
        /// Its index.
        index: usize,
    },
    /// The total is not the sum of the assigned weights.
    #[error("the total is not the sum of the assigned weights")]
    Total,
    /// With [`Cardinality::Maximum`](crate::assignment::Cardinality::Maximum), more pairs are
    /// possible: an alternating path joins an unassigned row to a free column.
    #[error(
        "the assignment does not have the most pairs: unassigned row {row} can be paired by an alternating path"
    )]
    NotMaximum {
        /// The unassigned row the path starts from.
        row: usize,
    },
    /// Exact arithmetic found an assignment with as many pairs and a better total: the
    /// solution is not optimal.
    #[error(
        "a better assignment exists: exact arithmetic found a cycle of pairs that improves the total"
    )]
    NotOptimal,
    /// The certificate could not be checked in exact arithmetic: the numbers span too many
    /// orders of magnitude, or the potentials are too far from a proof. The solution may be
    /// optimal, but these potentials do not prove it.
    #[error("the certificate cannot be checked exactly: {why}")]
    Inconclusive {
        /// Why.
        why: &'static str,
    },
}
