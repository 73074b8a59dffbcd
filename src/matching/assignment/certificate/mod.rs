//! The certificate: the proof that an assignment is optimal, checked the same way for dense and
//! sparse matrices.
//!
//! # What proves an assignment optimal
//!
//! In minimisation form (weights negated when maximising), an assignment `M` of a matrix whose
//! allowed cells cost `c_ij` is optimal exactly when its *residual graph* has no cycle of
//! negative cost (Klein's cycle condition for minimum-cost flows). The nodes are the rows, the
//! columns, a *pool* where rows stay unassigned and a *sink* where columns end; the arcs are
//! `i -> j` (cost `c_ij`) for every allowed cell outside `M`, `j -> i` (cost `-c_ij`) for every
//! pair, a paired row to the pool and the pool to every unassigned row, a free column to the
//! sink and the sink to every taken column (cost 0 each), and, when staying unassigned is worth
//! 0 ([`Cardinality::Any`]), the pool and the sink joined both ways. There is no negative cycle
//! exactly when node labels exist that no arc can lower, and the solution's potentials are such
//! labels: `u_i + v_j <= c_ij` on every allowed cell with equality on the pairs, and
//!
//! - with [`Cardinality::Maximum`], within each connected component of the allowed cells, every
//!   unassigned row's potential at least every assigned row's, and every free column's at least
//!   every taken column's; and the assignment has the most pairs (no augmenting path, Berge
//!   1957), which no potential shows, so it is checked by a search;
//! - with [`Cardinality::Any`], assigned rows and columns at most 0 and unassigned ones at
//!   least 0.
//!
//! # Exact for floats too
//!
//! Integer weights are checked exactly in `i128`. Float weights cannot be compared naively:
//! `u_i + v_j` rounds, so a tolerance that is too wide accepts wrong answers and one that is too
//! narrow rejects right ones. Each comparison is first made in floats with a bound on its
//! rounding error taken from the numbers in it; the comparisons that bound cannot decide, and
//! the pairs, are made again in exact arithmetic, where rounded potentials are corrected by
//! exact shortest paths (see the `float` module). So [`verify`] and [`verify_sparse`] accept
//! only assignments that are optimal for the exact values of the weights, and the solvers run
//! the same correction on their own answers (improving them where rounding misled them), or
//! refuse to answer.

mod exact;
mod float;

use super::sparse::SparseMatrix;
use super::{Cardinality, Cell, Matrix, Sense, Solution, Weight};
use crate::matching::error::Result;
use petgraph::unionfind::UnionFind;
use std::any::Any;

/// Marks "no row" / "no column".
const NONE: usize = usize::MAX;

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
    /// With [`Cardinality::Maximum`], more pairs are possible: an alternating path joins an
    /// unassigned row to a free column.
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

/// The allowed cells of a dense or a sparse matrix, as the certificate reads them.
#[derive(Clone, Copy)]
pub(super) enum Cells<'a, T> {
    Dense(&'a Matrix<T>),
    Sparse(&'a SparseMatrix<T>),
}

impl<'a, T: Weight> Cells<'a, T> {
    fn rows(&self) -> usize {
        match self {
            Cells::Dense(m) => m.rows,
            Cells::Sparse(m) => m.rows(),
        }
    }

    fn cols(&self) -> usize {
        match self {
            Cells::Dense(m) => m.cols,
            Cells::Sparse(m) => m.cols(),
        }
    }

    /// Calls `f(column, weight)` for each cell of `row` that is present (every cell of a dense
    /// matrix), in increasing column order.
    #[inline]
    fn for_each_in_row(&self, row: usize, mut f: impl FnMut(usize, T)) {
        match self {
            Cells::Dense(m) => {
                for (c, &x) in m.data[row * m.cols..(row + 1) * m.cols].iter().enumerate() {
                    f(c, x);
                }
            }
            Cells::Sparse(m) => {
                let (cols, vals) = m.row_slices(row);
                for (&c, &x) in cols.iter().zip(vals) {
                    f(c, x);
                }
            }
        }
    }

    /// The cell `(row, col)` when present.
    fn get(&self, row: usize, col: usize) -> Option<T> {
        match self {
            Cells::Dense(m) => m.get(row, col),
            Cells::Sparse(m) => m.get(row, col),
        }
    }

    /// The same cells with weights of type `U`, when `U` is `T`.
    fn downcast<U: Weight>(self) -> Option<Cells<'a, U>> {
        Some(match self {
            Cells::Dense(m) => Cells::Dense((m as &dyn Any).downcast_ref()?),
            Cells::Sparse(m) => Cells::Sparse((m as &dyn Any).downcast_ref()?),
        })
    }
}

/// Checks that `solution` is a valid assignment of `matrix` and that its potentials prove it
/// optimal under its options (see the [module docs](super#certificate)). Integer weights are
/// checked exactly; `f64` weights too: comparisons that rounding could decide wrongly are made
/// again in exact arithmetic.
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
/// prove it optimal under its options (see the [module docs](super::solve_sparse#certificate)):
/// conditions on the present cells only, and for [`Cardinality::Maximum`] the left-out
/// conditions within each connected component. Exact for integer and `f64` weights alike, as
/// [`verify`].
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
pub(super) fn certify<T: Weight>(cells: Cells<'_, T>, solution: &mut Solution<T>) -> Result<()> {
    let (Some(cells), Some(solution)) = (
        cells.downcast::<f64>(),
        (solution as &mut dyn Any).downcast_mut::<Solution<f64>>(),
    ) else {
        return Ok(());
    };
    float::repair(cells, solution)
}

fn check<T: Weight>(
    cells: Cells<'_, T>,
    s: &Solution<T>,
) -> std::result::Result<(), CertificateError> {
    let matching = structure(cells, s)?;
    if s.options.cardinality == Cardinality::Maximum {
        most_pairs(cells, s.options.sense, &matching)?;
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

/// The assignment read off a solution, both ways.
pub(super) struct Matching {
    /// The column of each row, `NONE` when unassigned.
    pub(super) col_of: Vec<usize>,
    /// The row of each column, `NONE` when free.
    pub(super) row_of: Vec<usize>,
}

impl Matching {
    pub(super) fn from_col_of(col_of: Vec<usize>, cols: usize) -> Self {
        let mut row_of = vec![NONE; cols];
        for (r, &c) in col_of.iter().enumerate() {
            if c != NONE {
                row_of[c] = r;
            }
        }
        Matching { col_of, row_of }
    }
}

/// Checks everything but the potentials' values: shapes, pairs on allowed cells, each row and
/// column at most once, the unassigned lists, and the total (recomputed in the same order).
fn structure<T: Weight>(
    cells: Cells<'_, T>,
    s: &Solution<T>,
) -> std::result::Result<Matching, CertificateError> {
    let (rows, cols) = (cells.rows(), cells.cols());
    let shape = |what, expected, found| {
        if expected == found {
            Ok(())
        } else {
            Err(CertificateError::Shape {
                what,
                expected,
                found,
            })
        }
    };
    shape("rows", rows, s.rows)?;
    shape("columns", cols, s.cols)?;
    shape("row potentials", rows, s.row_potentials.len())?;
    shape("column potentials", cols, s.col_potentials.len())?;
    let sense = s.options.sense;
    let mut col_of = vec![NONE; rows];
    let mut row_of = vec![NONE; cols];
    let mut total = T::total_from_int(0);
    let mut previous_row = None;
    for &(r, c) in &s.pairs {
        let bad = |why| {
            Err(CertificateError::InvalidPair {
                row: r,
                col: c,
                why,
            })
        };
        if r >= rows || c >= cols {
            return bad("outside the matrix");
        }
        if previous_row.is_some_and(|p| p >= r) {
            return bad("pairs are not sorted by row, or a row repeats");
        }
        previous_row = Some(r);
        if row_of[c] != NONE {
            return bad("the column is assigned twice");
        }
        let Some(x) = cells.get(r, c).filter(|x| x.cell(sense) == Cell::Allowed) else {
            return bad("the cell is absent or forbidden");
        };
        col_of[r] = c;
        row_of[c] = r;
        total = total + x.to_total();
    }
    let listed = |what, of: &[usize], list: &[usize]| {
        if of.iter().filter(|&&k| k == NONE).count() == list.len()
            && list.iter().all(|&k| k < of.len() && of[k] == NONE)
            && list.is_sorted_by(|a, b| a < b)
        {
            Ok(())
        } else {
            Err(CertificateError::Unassigned { what })
        }
    };
    listed("rows", &col_of, &s.unassigned_rows)?;
    listed("columns", &row_of, &s.unassigned_cols)?;
    // The solvers sum the pairs in this order, so the totals agree to the last bit.
    if total != s.total {
        return Err(CertificateError::Total);
    }
    Ok(Matching { col_of, row_of })
}

/// With [`Cardinality::Maximum`]: no alternating path joins an unassigned row to a free
/// column, so no assignment has more pairs (Berge 1957). One breadth-first search from all the
/// unassigned rows at once, `O(E + V)`.
fn most_pairs<T: Weight>(
    cells: Cells<'_, T>,
    sense: Sense,
    m: &Matching,
) -> std::result::Result<(), CertificateError> {
    let (rows, cols) = (cells.rows(), cells.cols());
    if !m.col_of.contains(&NONE) || !m.row_of.contains(&NONE) {
        return Ok(());
    }
    // The unassigned row each reached row's search started from.
    let mut origin = vec![NONE; rows];
    let mut queue = Vec::new();
    for (r, &c) in m.col_of.iter().enumerate() {
        if c == NONE {
            origin[r] = r;
            queue.push(r);
        }
    }
    let mut seen_col = vec![false; cols];
    let mut head = 0;
    while head < queue.len() {
        let r = queue[head];
        head += 1;
        let mut found = None;
        cells.for_each_in_row(r, |c, x| {
            if found.is_some() || seen_col[c] || x.cell(sense) != Cell::Allowed {
                return;
            }
            seen_col[c] = true;
            match m.row_of[c] {
                NONE => found = Some(origin[r]),
                next => {
                    origin[next] = origin[r];
                    queue.push(next);
                }
            }
        });
        if let Some(row) = found {
            return Err(CertificateError::NotMaximum { row });
        }
    }
    Ok(())
}

/// The parts of a matrix whose left-out conditions are checked apart: each row's and column's
/// part, `NONE` for one left out of every part.
///
/// A sparse matrix's parts are the connected components of its allowed cells, `NONE` for a
/// vertex without one: the sparse engine solves each component on its own and states its
/// potentials per component. A dense matrix is one part, every row and column in it: the dense
/// engine's potentials meet the conditions across the whole matrix, and no union–find pass is
/// then needed. Either is a proof: with the most pairs, no cycle of the residual graph runs
/// through two components.
pub(super) struct Components {
    pub(super) of_row: Vec<usize>,
    pub(super) of_col: Vec<usize>,
    pub(super) count: usize,
}

impl Components {
    /// The parts of `cells`: union–find over a sparse matrix's allowed cells, `O(E α(V))`; one
    /// part for a dense matrix, `O(rows + cols)`.
    pub(super) fn of<T: Weight>(cells: Cells<'_, T>, sense: Sense) -> Self {
        let (rows, cols) = (cells.rows(), cells.cols());
        if matches!(cells, Cells::Dense(_)) && rows > 0 && cols > 0 {
            return Components {
                of_row: vec![0; rows],
                of_col: vec![0; cols],
                count: 1,
            };
        }
        let mut uf = UnionFind::<usize>::new(rows + cols);
        let mut has_edge = vec![false; rows + cols];
        for r in 0..rows {
            cells.for_each_in_row(r, |c, x| {
                if x.cell(sense) == Cell::Allowed {
                    uf.union(r, rows + c);
                    has_edge[r] = true;
                    has_edge[rows + c] = true;
                }
            });
        }
        let mut id = vec![NONE; rows + cols];
        let mut count = 0;
        let mut of = |x: usize, uf: &mut UnionFind<usize>| {
            if !has_edge[x] {
                return NONE;
            }
            let root = uf.find_mut(x);
            if id[root] == NONE {
                id[root] = count;
                count += 1;
            }
            id[root]
        };
        let of_row = (0..rows).map(|r| of(r, &mut uf)).collect();
        let of_col = (0..cols).map(|c| of(rows + c, &mut uf)).collect();
        Components {
            of_row,
            of_col,
            count,
        }
    }
}

/// The potentials' conditions for integer weights, in exact `i128` arithmetic.
fn integer_duals(
    cells: Cells<'_, i64>,
    s: &Solution<i64>,
    m: &Matching,
) -> std::result::Result<(), CertificateError> {
    let sense = s.options.sense;
    let mf = |x: i128| if sense == Sense::Maximize { -x } else { x };
    let u: Vec<i128> = s.row_potentials.iter().map(|&x| mf(x)).collect();
    let v: Vec<i128> = s.col_potentials.iter().map(|&x| mf(x)).collect();
    let mut bad = None;
    for (r, &ur) in u.iter().enumerate() {
        cells.for_each_in_row(r, |c, x| {
            if x.cell(sense) != Cell::Allowed {
                return;
            }
            let slack = mf(i128::from(x)) - ur - v[c];
            if bad.is_none() {
                if m.col_of[r] == c && slack != 0 {
                    bad = Some(CertificateError::NotTight { row: r, col: c });
                } else if slack < 0 {
                    bad = Some(CertificateError::Infeasible { row: r, col: c });
                }
            }
        });
        if let Some(e) = bad {
            return Err(e);
        }
    }
    let left_out = |what, index| Err(CertificateError::LeftOut { what, index });
    match s.options.cardinality {
        Cardinality::Any => {
            // Assigned rows and columns at most 0, unassigned ones at least 0.
            for (r, &x) in u.iter().enumerate() {
                if (m.col_of[r] == NONE && x < 0) || (m.col_of[r] != NONE && x > 0) {
                    return left_out("row", r);
                }
            }
            for (c, &x) in v.iter().enumerate() {
                if (m.row_of[c] == NONE && x < 0) || (m.row_of[c] != NONE && x > 0) {
                    return left_out("column", c);
                }
            }
        }
        Cardinality::Maximum => {
            // Per component: the assigned rows carry the smallest potentials, and so do the
            // assigned columns.
            let comps = Components::of(cells, sense);
            let top = |of: &[usize], pot: &[i128], assigned: &dyn Fn(usize) -> bool| {
                let mut top: Vec<Option<i128>> = vec![None; comps.count];
                for k in (0..of.len()).filter(|&k| of[k] != NONE && assigned(k)) {
                    let t = &mut top[of[k]];
                    *t = Some(t.map_or(pot[k], |t| t.max(pot[k])));
                }
                top
            };
            let row_top = top(&comps.of_row, &u, &|r| m.col_of[r] != NONE);
            let col_top = top(&comps.of_col, &v, &|c| m.row_of[c] != NONE);
            for (r, &x) in u.iter().enumerate() {
                let k = comps.of_row[r];
                if m.col_of[r] == NONE && k != NONE && row_top[k].is_some_and(|t| x < t) {
                    return left_out("row", r);
                }
            }
            for (c, &x) in v.iter().enumerate() {
                let k = comps.of_col[c];
                if m.row_of[c] == NONE && k != NONE && col_top[k].is_some_and(|t| x < t) {
                    return left_out("column", c);
                }
            }
        }
    }
    Ok(())
}

/// The solution rebuilt after the certificate changed its pairs: pairs, unassigned lists and
/// total from `col_of`, in the order the solvers use.
pub(super) fn rebuild<T: Weight>(cells: Cells<'_, T>, s: &mut Solution<T>, col_of: &[usize]) {
    let m = Matching::from_col_of(col_of.to_vec(), cells.cols());
    s.pairs = (0..col_of.len())
        .filter(|&r| col_of[r] != NONE)
        .map(|r| (r, col_of[r]))
        .collect();
    s.unassigned_rows = (0..col_of.len()).filter(|&r| col_of[r] == NONE).collect();
    s.unassigned_cols = (0..m.row_of.len())
        .filter(|&c| m.row_of[c] == NONE)
        .collect();
    let mut total = T::total_from_int(0);
    for &(r, c) in &s.pairs {
        total = total + cells.get(r, c).map_or(total_zero::<T>(), T::to_total);
    }
    s.total = total;
}

fn total_zero<T: Weight>() -> T::Total {
    T::total_from_int(0)
}
