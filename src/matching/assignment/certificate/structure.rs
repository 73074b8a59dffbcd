//! The structure of an answer before its numbers: a valid matching of allowed cells with the
//! most pairs (a maximum matching, Hopcroft–Karp), its components, and rebuilding the answer.

use crate::matching::assignment::certificate::cells::Cells;
use crate::matching::assignment::certificate::error::CertificateError;
use crate::matching::assignment::options::{Cell, Sense};
use crate::matching::assignment::solution::Solution;
use crate::matching::assignment::weight::Weight;
use crate::matching::error::MatrixError;
use crate::matching::memory;
use petgraph::unionfind::UnionFind;

/// Marks "no row" / "no column".
pub(super) const NONE: usize = usize::MAX;

/// What [`MatrixError::TooLarge`] names when one of the certificate's tables cannot be
/// allocated; its rows and columns are the matrix's. The tables of its rows and columns
/// (the assignment both ways, the potentials' copies, the screening's, the components') take
/// several dozen bytes a row: a matrix of few cells may declare more rows than they fit in.
pub(super) const TABLES: &str = "the certificate of an assignment";

/// Why a certificate could not be checked when its tables cannot be allocated, as
/// [`CertificateError::Inconclusive`] says it.
pub(super) const NO_ROOM: &str = "its tables need more memory than can be allocated";

/// An empty list with room for `len` values, for the certificate of a matrix of `shape`
/// (rows, columns): [`MatrixError::TooLarge`] naming it when the room cannot be reserved.
pub(super) fn room<T>(shape: (usize, usize), len: usize) -> Result<Vec<T>, MatrixError> {
    memory::reserved(len, || MatrixError::TooLarge {
        what: TABLES,
        rows: shape.0,
        cols: shape.1,
    })
}

/// `len` copies of `value`, as [`room`] reserves them.
pub(super) fn table<T: Clone>(
    shape: (usize, usize),
    len: usize,
    value: T,
) -> Result<Vec<T>, MatrixError> {
    let mut t = room(shape, len)?;
    t.resize(len, value);
    Ok(t)
}

/// A copy of `values`, as [`room`] reserves it.
pub(super) fn copied<T: Clone>(shape: (usize, usize), values: &[T]) -> Result<Vec<T>, MatrixError> {
    let mut t = room(shape, values.len())?;
    t.extend_from_slice(values);
    Ok(t)
}

/// The row of each of `cols` columns under the assignment `col_of` (the column of each row,
/// `NONE` when unassigned), `NONE` when free; [`MatrixError::TooLarge`] when the table cannot
/// be allocated.
pub(super) fn rows_of(col_of: &[usize], cols: usize) -> Result<Vec<usize>, MatrixError> {
    let mut row_of = table((col_of.len(), cols), cols, NONE)?;
    for (r, &c) in col_of.iter().enumerate() {
        if c != NONE {
            row_of[c] = r;
        }
    }
    Ok(row_of)
}

/// The assignment read off a solution, both ways.
pub(super) struct Matching {
    /// The column of each row, `NONE` when unassigned.
    pub(super) col_of: Vec<usize>,
    /// The row of each column, `NONE` when free.
    pub(super) row_of: Vec<usize>,
}

impl Matching {
    /// The assignment `col_of` of a matrix of `cols` columns, both ways;
    /// [`MatrixError::TooLarge`] when the table of columns cannot be allocated.
    pub(super) fn from_col_of(col_of: Vec<usize>, cols: usize) -> Result<Self, MatrixError> {
        let row_of = rows_of(&col_of, cols)?;
        Ok(Matching { col_of, row_of })
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
    let no_room = |_| CertificateError::Inconclusive { why: NO_ROOM };
    let mut col_of = table((rows, cols), rows, NONE).map_err(no_room)?;
    let mut row_of = table((rows, cols), cols, NONE).map_err(no_room)?;
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

/// With [`Cardinality::Maximum`]: an unassigned row that an alternating path joins to a free
/// column (more pairs are possible), or `None` when there is none: then no assignment has
/// more pairs (Berge 1957). One breadth-first search from all the unassigned rows at once,
/// `O(E + V)`; [`MatrixError::TooLarge`] when its tables cannot be allocated.
pub(super) fn most_pairs<T: Weight>(
    cells: Cells<'_, T>,
    sense: Sense,
    m: &Matching,
) -> Result<Option<usize>, MatrixError> {
    let (rows, cols) = (cells.rows(), cells.cols());
    if !m.col_of.contains(&NONE) || !m.row_of.contains(&NONE) {
        return Ok(None);
    }
    // The unassigned row each reached row's search started from.
    let mut origin = table((rows, cols), rows, NONE)?;
    // Each row joins the queue at most once: unassigned at the start, or as the row of a
    // column reached for the first time.
    let mut queue = room((rows, cols), rows)?;
    for (r, &c) in m.col_of.iter().enumerate() {
        if c == NONE {
            origin[r] = r;
            queue.push(r);
        }
    }
    let mut seen_col = table((rows, cols), cols, false)?;
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
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
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
    /// part for a dense matrix, `O(rows + cols)`. [`MatrixError::TooLarge`] when the tables
    /// cannot be allocated.
    pub(super) fn of<T: Weight>(cells: Cells<'_, T>, sense: Sense) -> Result<Self, MatrixError> {
        let (rows, cols) = (cells.rows(), cells.cols());
        let shape = (rows, cols);
        if matches!(cells, Cells::Dense(_)) && rows > 0 && cols > 0 {
            return Ok(Components {
                of_row: table(shape, rows, 0)?,
                of_col: table(shape, cols, 0)?,
                count: 1,
            });
        }
        let too_large = || MatrixError::TooLarge {
            what: TABLES,
            rows,
            cols,
        };
        let nodes = rows.checked_add(cols).ok_or_else(too_large)?;
        let mut uf = UnionFind::<usize>::new_empty();
        uf.try_reserve_exact(nodes).map_err(|_| too_large())?;
        for _ in 0..nodes {
            uf.new_set();
        }
        let mut has_edge = table(shape, nodes, false)?;
        for r in 0..rows {
            cells.for_each_in_row(r, |c, x| {
                if x.cell(sense) == Cell::Allowed {
                    uf.union(r, rows + c);
                    has_edge[r] = true;
                    has_edge[rows + c] = true;
                }
            });
        }
        let mut id = table(shape, nodes, NONE)?;
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
        let mut of_row = room(shape, rows)?;
        of_row.extend((0..rows).map(|r| of(r, &mut uf)));
        let mut of_col = room(shape, cols)?;
        of_col.extend((0..cols).map(|c| of(rows + c, &mut uf)));
        Ok(Components {
            of_row,
            of_col,
            count,
        })
    }
}

/// The solution rebuilt after the certificate changed its pairs: pairs, unassigned lists and
/// total from `col_of`, in the order the solvers use; [`MatrixError::TooLarge`] (and `s`
/// unchanged) when the lists cannot be allocated.
pub(super) fn rebuild<T: Weight>(
    cells: Cells<'_, T>,
    s: &mut Solution<T>,
    col_of: &[usize],
) -> Result<(), MatrixError> {
    let shape = (col_of.len(), cells.cols());
    let row_of = rows_of(col_of, cells.cols())?;
    // Each pair takes a row and a column of its own.
    let paired = col_of.iter().filter(|&&c| c != NONE).count();
    let mut pairs = room(shape, paired)?;
    pairs.extend(
        (0..col_of.len())
            .filter(|&r| col_of[r] != NONE)
            .map(|r| (r, col_of[r])),
    );
    let mut unassigned_rows = room(shape, col_of.len() - paired)?;
    unassigned_rows.extend((0..col_of.len()).filter(|&r| col_of[r] == NONE));
    let mut unassigned_cols = room(shape, row_of.len() - paired)?;
    unassigned_cols.extend((0..row_of.len()).filter(|&c| row_of[c] == NONE));
    s.pairs = pairs;
    s.unassigned_rows = unassigned_rows;
    s.unassigned_cols = unassigned_cols;
    let mut total = T::total_from_int(0);
    for &(r, c) in &s.pairs {
        total = total + cells.get(r, c).map_or(total_zero::<T>(), T::to_total);
    }
    s.total = total;
    Ok(())
}

fn total_zero<T: Weight>() -> T::Total {
    T::total_from_int(0)
}
