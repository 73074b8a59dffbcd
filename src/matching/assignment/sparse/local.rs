//! What the sparse solvers share: one component as a local graph ([`Local`]), its answer
//! ([`Solved`]), and a graph's cells turned by columns ([`by_columns`]).

use crate::matching::error::{MatrixError, Result};
use crate::matching::memory;

/// Marks "no row" / "no column".
pub(crate) const NONE: usize = usize::MAX;

/// The most columns a [`Local`] graph may have (its columns are `u32`), and the most rows and
/// columns together of a sparse matrix to solve (a component may be transposed, or given a
/// column per row).
pub(crate) const MAX_LOCAL: usize = u32::MAX as usize;

/// One component in minimisation form, renumbered from 0.
pub(crate) struct Local<C> {
    pub(crate) nr: usize,
    /// At most [`MAX_LOCAL`] columns.
    pub(crate) nc: usize,
    pub(crate) start: Vec<usize>,
    /// Each row's columns, in increasing order, as `u32`: a third less memory for the cells
    /// than `usize` (45 MB of a 200,000 + 200,000 candidate graph, held through the solve and
    /// again by the certificate's critical graph).
    pub(crate) col: Vec<u32>,
    pub(crate) cost: Vec<C>,
}

impl<C: Copy> Local<C> {
    /// The cost of the edge `(i, j)`, which exists (each row's columns are sorted).
    pub(crate) fn cost_of(&self, i: usize, j: usize) -> C {
        let cols = &self.col[self.start[i]..self.start[i + 1]];
        self.cost[self.start[i] + cols.partition_point(|&c| (c as usize) < j)]
    }
}

/// A graph's cells by column: column `j`'s cells are `start[j]..start[j + 1]` of `row`, their
/// rows in increasing order, and of `payload`, what each cell carries (its cost, or `()`).
/// Payloads and rows are held apart, 12 bytes a cell of an `f64` cost rather than a padded
/// pair's 16 (one copy of the graph, 45 MB less at 200,000 + 200,000, at the solve's peak).
pub(crate) struct ByColumn<P> {
    pub(crate) start: Vec<usize>,
    pub(crate) payload: Vec<P>,
    pub(crate) row: Vec<u32>,
}

impl<C: Copy> ByColumn<C> {
    /// The cells of `g` by column, each with its cost (`g` has fewer than `u32::MAX` rows).
    ///
    /// # Errors
    ///
    /// [`MatrixError::TooLarge`] when the tables cannot be allocated (see [`by_columns`]).
    pub(crate) fn of(g: &Local<C>) -> Result<ByColumn<C>> {
        let names = (
            "a component's columns (columns x 1)",
            "a component's cells by column (cells x 1)",
        );
        by_columns(g.nc, (&g.start, &g.col), |e| g.cost[e], names)
    }
}

impl<P> ByColumn<P> {
    /// Column `j`'s cells: their payloads, and their rows in increasing order.
    #[inline]
    pub(crate) fn cells(&self, j: usize) -> (&[P], &[u32]) {
        let cells = self.start[j]..self.start[j + 1];
        (&self.payload[cells.clone()], &self.row[cells])
    }
}

/// What [`by_columns`] names its tables when one cannot be allocated: where each column's cells
/// begin (`cols + 1` offsets, and as many next places while they are written), then the cells.
pub(crate) type TableNames = (&'static str, &'static str);

/// The cells of a graph held by rows (row `i`'s columns are `col[start[i]..start[i + 1]]`,
/// each below `cols`; fewer than `u32::MAX` rows) turned by columns, each cell `e` (its place
/// in `col`) carrying `payload(e)`: a counting sort of the cells by column. Rows are visited in
/// increasing order, so each column's rows come out increasing. A payload of `()` carries
/// nothing, and its table takes no memory.
///
/// The sparse engine's reverse auction reads its graph this way (a free column bids for its
/// rows), and the matcher its candidate graph from the seniors' side: one transpose for both.
///
/// # Complexity
///
/// `O(cells + rows + cols)` time; extra memory `cols + 1` offsets (and `cols` more while the
/// cells are written), then a row and a payload per cell.
///
/// # Errors
///
/// [`MatrixError::TooLarge`] naming `names.0` (`cols + 1` rows) or `names.1` (the cells) when
/// a table cannot be allocated: each is reserved before it is filled.
pub(crate) fn by_columns<P: Copy>(
    cols: usize,
    (start, col): (&[usize], &[u32]),
    payload: impl Fn(usize) -> P,
    names: TableNames,
) -> Result<ByColumn<P>> {
    let offsets = cols.checked_add(1).ok_or(MatrixError::TooLarge {
        what: names.0,
        rows: cols,
        cols: 1,
    })?;
    let mut begin = memory::filled(names.0, offsets, 1, 0usize)?;
    for &j in col {
        begin[j as usize + 1] += 1;
    }
    for j in 0..cols {
        begin[j + 1] += begin[j];
    }
    let Some(first) = (!col.is_empty()).then(|| payload(0)) else {
        return Ok(ByColumn {
            start: begin,
            payload: Vec::new(),
            row: Vec::new(),
        });
    };
    // Each column's next free place: its first, at the start.
    let mut next = memory::reserved(cols, || MatrixError::TooLarge {
        what: names.0,
        rows: offsets,
        cols: 1,
    })?;
    next.extend_from_slice(&begin[..cols]);
    let mut values = memory::filled(names.1, col.len(), 1, first)?;
    let mut row = memory::filled(names.1, col.len(), 1, 0u32)?;
    for (i, cells) in start.windows(2).enumerate() {
        let cells = cells[0]..cells[1];
        for (e, &j) in cells.clone().zip(&col[cells]) {
            let j = j as usize;
            values[next[j]] = payload(e);
            row[next[j]] = i as u32;
            next[j] += 1;
        }
    }
    Ok(ByColumn {
        start: begin,
        payload: values,
        row,
    })
}

/// What the kernel returns, in minimisation form: the column of each row (`NONE` when
/// unassigned) and potentials with `u_i + v_j <= c_ij` on every edge, equality on every pair.
pub(crate) struct Solved<C> {
    pub(crate) col4row: Vec<usize>,
    pub(crate) u: Vec<C>,
    pub(crate) v: Vec<C>,
}

impl<C: Copy + PartialOrd> Solved<C> {
    /// Whether every unassigned column has potential 0, as the certificate needs.
    pub(super) fn free_columns_at_zero(&self, zero: C) -> bool {
        let mut assigned = vec![false; self.v.len()];
        for &c in &self.col4row {
            if c != NONE {
                assigned[c] = true;
            }
        }
        self.v
            .iter()
            .zip(&assigned)
            .all(|(&v, &taken)| taken || v == zero)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NAMES: TableNames = ("starts", "cells");

    /// Two rows over three columns: `(0, 0) = 5`, `(0, 2) = 7`, `(1, 0) = 1`, `(1, 1) = 2`.
    fn two_rows() -> (Vec<usize>, Vec<u32>, Vec<i64>) {
        (vec![0, 2, 4], vec![0, 2, 0, 1], vec![5, 7, 1, 2])
    }

    /// Each cell once, with its payload, each column's rows increasing (the costs by column
    /// are the reverse auction's, see `reverse`); without a payload, the rows alone.
    #[test]
    fn by_columns_holds_every_cell_with_its_payload() {
        let (start, col, cost) = two_rows();
        let t = by_columns(3, (&start, &col), |e| cost[e], NAMES).unwrap();
        assert_eq!(t.start, [0, 2, 3, 4]);
        assert_eq!(t.cells(0), (&[5, 1][..], &[0, 1][..]));
        assert_eq!(t.cells(1), (&[2][..], &[1][..]));
        assert_eq!(t.cells(2), (&[7][..], &[0][..]));
        let rows = by_columns(3, (&start, &col), |_| (), NAMES).unwrap();
        assert_eq!((rows.start, rows.row), (t.start, t.row));
        // No cells: every column empty.
        let none = by_columns(2, (&[0, 0], &[]), |_| 0.0, NAMES).unwrap();
        assert_eq!((none.start, none.row.len()), (vec![0, 0, 0], 0));
    }

    #[test]
    fn columns_that_cannot_be_allocated_are_errors() {
        for cols in [usize::MAX, usize::MAX / 2, 1 << 60] {
            let Err(e) = by_columns(cols, (&[0], &[]), |_| (), NAMES) else {
                panic!("{cols} columns were allocated");
            };
            assert!(
                matches!(e, MatrixError::TooLarge { what: "starts", .. }),
                "{e:?}"
            );
        }
    }
}
