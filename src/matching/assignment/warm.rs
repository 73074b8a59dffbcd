//! A part of the assignments re-solved from an optimum next to it: one search of the kernel
//! from that optimum's pairs and potentials instead of a solve. What-if answers and the k best
//! assignments' parts are made this way on float matrices.

use crate::matching::assignment::certificate::{self, Cells};
use crate::matching::assignment::constrained::{Alternative, Constraints, Kept};
use crate::matching::assignment::core::{self, NONE};
use crate::matching::assignment::matrix::Matrix;
use crate::matching::assignment::options::{Options, Sense};
use crate::matching::assignment::solution::{Rests, Solution};
use crate::matching::assignment::weight::Weight;

/// An optimum with its potentials in minimisation form, indexed by the matrix's own rows and
/// columns (0 for those its part took out): where a neighbouring part starts from.
#[derive(Debug, Clone)]
pub(super) struct Start {
    /// The pairs, each row at most once; on the rows and columns the part keeps, complete.
    pub pairs: Vec<(usize, usize)>,
    /// `u` of each row of the matrix.
    pub u: Vec<f64>,
    /// `v` of each column of the matrix.
    pub v: Vec<f64>,
}

impl Start {
    /// The start of a solution of the whole matrix, its potentials turned to minimisation form.
    pub(super) fn of<T: Weight>(solution: &Solution<T>) -> Start {
        let flip = flipper(solution.options.sense);
        let form = |x: &T::Total| flip(T::total_to_f64(*x));
        Start {
            pairs: solution.pairs.clone(),
            u: solution.row_potentials.iter().map(form).collect(),
            v: solution.col_potentials.iter().map(form).collect(),
        }
    }
}

/// Turns a value of `sense` into minimisation form and back (negating is exact).
fn flipper(sense: Sense) -> impl Fn(f64) -> f64 + Copy {
    move |x| match sense {
        Sense::Minimize => x,
        Sense::Maximize => -x,
    }
}

/// The best assignment of `matrix` in `sense` that meets `constraints` and pairs every row and
/// column they keep, found from `start`: the optimum of a neighbouring part, complete on its
/// own rows and columns, whose pairs the constraints keep but for one row and one column left
/// free (a forced pair's row and column taken out, or a pair forbidden).
///
/// The pairs of `start` kept stay tight and its potentials feasible on the part (taking out
/// rows, columns and cells keeps both), so the shortest augmenting path from the free row to
/// the free column, one search of the kernel, is the part's optimum: with one free column, the
/// nearest free column is the right one. The answer is then proved like any float answer of
/// the engine, by the certificate's exact correction, on the part in minimisation form.
///
/// `None` when the part is not square, `start` does not leave exactly one row and one column
/// free on it, no augmenting path exists (the part has no complete assignment), or the proof
/// fails: the caller solves the part afresh. Float weights only: integers are `None`, since the
/// engine's integer path solves them afresh faster (BENCHMARKS.md).
pub(super) fn resolve<T: Weight>(
    matrix: &Matrix<T>,
    sense: Sense,
    constraints: &Constraints,
    start: &Start,
) -> Option<(Alternative<T>, Start)> {
    if T::EXACT {
        return None;
    }
    let (rows, cols) = (matrix.rows, matrix.cols);
    let Kept {
        rows: keep_rows,
        cols: keep_cols,
        row_at: position_of_row,
        col_at: position,
    } = Kept::of(constraints, rows, cols);
    let m = keep_rows.len();
    if keep_cols.len() != m || m == 0 {
        return None;
    }
    // The part in minimisation form as `f64`, one buffer for the search and the proof: a
    // forbidden cell is +inf in that form (the caller's matrix holds no cell its sense cannot
    // use), and negating a float is exact, so a proof of this problem is one of the part.
    let flip = flipper(sense);
    let mut cost: Vec<f64> = Vec::with_capacity(m * m);
    for &r in &keep_rows {
        let full = &matrix.data[r * cols..(r + 1) * cols];
        cost.extend(keep_cols.iter().map(|&c| flip(full[c].to_f64())));
    }
    for &(r, c) in &constraints.forbidden {
        let (i, j) = (position_of_row[r], position[c]);
        if i != NONE && j != NONE {
            cost[i * m + j] = f64::INFINITY;
        }
    }
    // The pairs of `start` the part keeps: on kept rows and columns, on allowed cells.
    let mut col4row = vec![NONE; m];
    for &(r, c) in &start.pairs {
        let (i, j) = (position_of_row[r], position[c]);
        if i != NONE && j != NONE && cost[i * m + j] < f64::INFINITY {
            col4row[i] = j;
        }
    }
    if col4row.iter().filter(|&&j| j == NONE).count() != 1 {
        return None;
    }
    let u = keep_rows.iter().map(|&r| start.u[r]).collect();
    let v = keep_cols.iter().map(|&c| start.v[c]).collect();
    let solved = core::resume::<f64, f64>(m, &cost, col4row, u, v);
    if solved.col4row.contains(&NONE) {
        return None;
    }
    let part = Matrix {
        rows: m,
        cols: m,
        data: cost,
    };
    let pairs: Vec<(usize, usize)> = solved.col4row.iter().copied().enumerate().collect();
    let total = pairs.iter().map(|&(i, j)| part.data[i * m + j]).sum();
    let mut solution = Solution {
        options: Options::new(Sense::Minimize),
        rows: m,
        cols: m,
        pairs,
        total,
        unassigned_rows: Vec::new(),
        unassigned_cols: Vec::new(),
        row_potentials: solved.u,
        col_potentials: solved.v,
        rests: Rests::before_certificate::<T>(),
    };
    certificate::certify(Cells::Dense(&part), &mut solution).ok()?;
    let mut found = constraints.forced.clone();
    found.extend(
        solution
            .pairs
            .iter()
            .map(|&(i, j)| (keep_rows[i], keep_cols[j])),
    );
    let alternative = Alternative::of(matrix, found);
    let mut next = Start {
        pairs: alternative.pairs.clone(),
        u: vec![0.0; rows],
        v: vec![0.0; cols],
    };
    for (k, &r) in keep_rows.iter().enumerate() {
        next.u[r] = solution.row_potentials[k];
    }
    for (k, &c) in keep_cols.iter().enumerate() {
        next.v[c] = solution.col_potentials[k];
    }
    Some((alternative, next))
}
