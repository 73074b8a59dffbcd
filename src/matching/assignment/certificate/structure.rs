//! The structure of an answer before its numbers: a valid matching of allowed cells with the
//! most pairs (a maximum matching, Hopcroft–Karp), its components, and rebuilding the answer.

use crate::matching::assignment::certificate::cells::Cells;
use crate::matching::assignment::certificate::error::CertificateError;
use crate::matching::assignment::options::{Cell, Sense};
use crate::matching::assignment::solution::Solution;
use crate::matching::assignment::weight::Weight;
use petgraph::unionfind::UnionFind;

/// Marks "no row" / "no column".
pub(super) const NONE: usize = usize::MAX;

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
pub(super) fn structure<T: Weight>(
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
pub(super) fn most_pairs<T: Weight>(
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
