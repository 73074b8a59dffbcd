//! A sparse weight matrix in compressed sparse rows, validated when built.

use crate::matching::assignment::weight::Weight;
use crate::matching::error::{MatrixError, Mistakes, Result};
use serde::Serialize;

/// A sparse `rows x cols` weight matrix: per row, the present cells as sorted column indices
/// and their weights (compressed sparse rows). Absent cells are forbidden.
///
/// Built once and validated once: NaN, a cell outside the shape and a cell given twice are
/// rejected with the cell at fault. Column indices are held in 32 bits, so a matrix has at most
/// [`MAX_COLS`](Self::MAX_COLS) columns.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::SparseMatrix;
///
/// let m = SparseMatrix::from_triplets(2, 3, vec![(1, 2, 5_i64), (0, 1, 7), (1, 0, 4)])?;
/// assert_eq!((m.rows(), m.cols(), m.nnz()), (2, 3, 3));
/// assert_eq!(m.get(1, 2), Some(5));
/// assert_eq!(m.get(0, 0), None);
/// assert_eq!(m.row(1).collect::<Vec<_>>(), vec![(0, 4), (2, 5)]);
///
/// let err = SparseMatrix::from_triplets(1, 2, vec![(0, 1, 0.5), (0, 1, 0.25)]).unwrap_err();
/// assert_eq!(err.to_string(), "sparse matrix cell (0, 1) is not valid: it is given more than once");
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SparseMatrix<T> {
    pub(super) rows: usize,
    pub(super) cols: usize,
    /// The cells of row `r` are `start[r]..start[r + 1]`.
    pub(super) start: Vec<usize>,
    /// Column indices as `u32` (at most [`SparseMatrix::MAX_COLS`] columns): a third less
    /// memory for a matrix's cells than `usize`, 45 MB of a 200,000 + 200,000 candidate graph.
    pub(super) col: Vec<u32>,
    pub(super) val: Vec<T>,
}

impl<T: Weight> SparseMatrix<T> {
    /// The most columns a sparse matrix may have, `2^32 - 1`: its column indices are held in
    /// 32 bits.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::SparseMatrix;
    ///
    /// let too_wide = SparseMatrix::<f64>::from_triplets(1, SparseMatrix::<f64>::MAX_COLS + 1, vec![]);
    /// assert!(too_wide.is_err());
    /// ```
    pub const MAX_COLS: usize = u32::MAX as usize;

    /// A sparse matrix from `(row, column, weight)` triplets in any order.
    ///
    /// # Complexity
    ///
    /// `O(E log E)` time for `E` triplets (one sort), `O(E + rows)` memory.
    ///
    /// # Errors
    ///
    /// - [`MatrixError::InvalidTriplet`] naming a cell outside the shape, or a cell given more
    ///   than once;
    /// - [`MatrixError::InvalidWeight`] naming a cell that holds NaN;
    /// - [`MatrixError::Multiple`] when there are several of those: every one, in row, then
    ///   column order, each cell's mistakes once however many of its triplets make them
    ///   (outside, then NaN, then given more than once; a cell outside is not also named as
    ///   given twice);
    /// - [`MatrixError::TooLarge`] for more than [`MAX_COLS`](Self::MAX_COLS) columns, or a row
    ///   index too large to allocate.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::SparseMatrix;
    /// use mentor_match::MatrixError;
    ///
    /// // Each junior's candidate seniors only, in any order.
    /// let m = SparseMatrix::from_triplets(2, 2, vec![(1, 0, 0.8), (0, 1, 0.4), (0, 0, 0.9)])?;
    /// assert_eq!(m.row(0).collect::<Vec<_>>(), vec![(0, 0.9), (1, 0.4)]);
    /// let err = SparseMatrix::from_triplets(2, 2, vec![(2, 0, 0.5)]).unwrap_err();
    /// assert!(matches!(err, MatrixError::InvalidTriplet { row: 2, col: 0, .. }));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn from_triplets(
        rows: usize,
        cols: usize,
        mut triplets: Vec<(usize, usize, T)>,
    ) -> Result<Self> {
        let too_large = || MatrixError::TooLarge {
            what: "a sparse matrix",
            rows,
            cols,
        };
        if cols > Self::MAX_COLS {
            return Err(too_large());
        }
        // The cells in row, then column order; each cell's mistakes are named once, however
        // many of its triplets make them.
        triplets.sort_unstable_by_key(|&(r, c, _)| (r, c));
        let mut found = Mistakes::new();
        for cell in triplets.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            let (r, c) = (cell[0].0, cell[0].1);
            let inside = r < rows && c < cols;
            if !inside {
                found.push_with(|| MatrixError::InvalidTriplet {
                    row: r,
                    col: c,
                    why: "it lies outside the matrix",
                });
            }
            if let Some((x, why)) = cell
                .iter()
                .find_map(|&(_, _, x)| x.reject().map(|w| (x, w)))
            {
                found.push_with(|| MatrixError::InvalidWeight {
                    row: r,
                    col: c,
                    value: format!("{x:?}"),
                    why,
                });
            }
            if inside && cell.len() > 1 {
                found.push_with(|| MatrixError::InvalidTriplet {
                    row: r,
                    col: c,
                    why: "it is given more than once",
                });
            }
        }
        found.finish()?;
        // The row index is `rows + 1` long: a shape from outside is checked before it is
        // allocated.
        let mut start = crate::matching::memory::reserved(
            rows.checked_add(1).ok_or_else(too_large)?,
            too_large,
        )?;
        start.resize(rows + 1, 0);
        for &(r, _, _) in &triplets {
            start[r + 1] += 1;
        }
        for r in 0..rows {
            start[r + 1] += start[r];
        }
        // Every column is below `cols`, at most `MAX_COLS`: it fits.
        let (col, val) = triplets.into_iter().map(|(_, c, x)| (c as u32, x)).unzip();
        Ok(SparseMatrix {
            rows,
            cols,
            start,
            col,
            val,
        })
    }

    /// A sparse matrix from compressed rows the crate built itself (sorted, distinct, in
    /// range, no NaN, at most [`MAX_COLS`](Self::MAX_COLS) columns), without the checks and
    /// the sort of [`from_triplets`](Self::from_triplets).
    pub(crate) fn from_csr(
        rows: usize,
        cols: usize,
        start: Vec<usize>,
        col: Vec<u32>,
        val: Vec<T>,
    ) -> Self {
        debug_assert_eq!(start.len(), rows + 1);
        debug_assert_eq!(start[rows], col.len());
        debug_assert!((0..rows).all(|r| col[start[r]..start[r + 1]].is_sorted_by(|a, b| a < b)));
        debug_assert!(cols <= Self::MAX_COLS);
        debug_assert!(col.iter().all(|&c| (c as usize) < cols));
        SparseMatrix {
            rows,
            cols,
            start,
            col,
            val,
        }
    }

    /// Number of rows.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::SparseMatrix;
    ///
    /// // A row with no cell still counts.
    /// let m = SparseMatrix::from_triplets(3, 2, vec![(0, 1, 0.5)])?;
    /// assert_eq!(m.rows(), 3);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::SparseMatrix;
    ///
    /// let m = SparseMatrix::from_triplets(1, 4, vec![(0, 1, 0.5)])?;
    /// assert_eq!(m.cols(), 4);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Number of present cells.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::SparseMatrix;
    ///
    /// let m = SparseMatrix::from_triplets(2, 3, vec![(0, 1, 0.5), (1, 2, 0.0)])?;
    /// assert_eq!(m.nnz(), 2); // a weight of 0 is present, not absent
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn nnz(&self) -> usize {
        self.col.len()
    }

    /// The present cells of `row` as `(column, weight)`, by increasing column; nothing for a
    /// row outside the matrix.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::SparseMatrix;
    ///
    /// let m = SparseMatrix::from_triplets(2, 3, vec![(0, 2, 3_i64), (0, 0, 1)])?;
    /// assert_eq!(m.row(0).collect::<Vec<_>>(), vec![(0, 1), (2, 3)]);
    /// assert_eq!(m.row(1).count(), 0);
    /// assert_eq!(m.row(9).count(), 0); // outside the matrix
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn row(&self, row: usize) -> impl Iterator<Item = (usize, T)> + '_ {
        let range = if row < self.rows {
            self.start[row]..self.start[row + 1]
        } else {
            0..0
        };
        range.map(|k| (self.col[k] as usize, self.val[k]))
    }

    /// The present cells of `row` (which must exist): their columns and weights.
    pub(crate) fn row_slices(&self, row: usize) -> (&[u32], &[T]) {
        let range = self.start[row]..self.start[row + 1];
        (&self.col[range.clone()], &self.val[range])
    }

    /// The positions of `row`'s cells (which must exist) in [`values`](Self::values).
    pub(crate) fn row_range(&self, row: usize) -> std::ops::Range<usize> {
        self.start[row]..self.start[row + 1]
    }

    /// The compressed rows as they are held: where each row's cells start (and one past the
    /// last), their columns, their weights.
    pub(crate) fn csr(&self) -> (&[usize], &[u32], &[T]) {
        (&self.start, &self.col, &self.val)
    }

    /// The compressed rows, to change in place. The caller keeps them a matrix: `rows + 1`
    /// starts, each row's columns increasing and below `cols`, one weight a column, no NaN.
    pub(crate) fn csr_mut(&mut self) -> (&mut Vec<usize>, &mut Vec<u32>, &mut Vec<T>) {
        (&mut self.start, &mut self.col, &mut self.val)
    }

    /// Every present cell's weight, row by row.
    pub(crate) fn values(&self) -> &[T] {
        &self.val
    }

    /// The cell `(row, col)`, or `None` when it is absent or outside the matrix.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::SparseMatrix;
    ///
    /// let m = SparseMatrix::from_triplets(2, 2, vec![(0, 1, 7_i64)])?;
    /// assert_eq!(m.get(0, 1), Some(7));
    /// assert_eq!(m.get(0, 0), None); // absent: forbidden
    /// assert_eq!(m.get(5, 1), None); // outside
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn get(&self, row: usize, col: usize) -> Option<T> {
        let Ok(col) = u32::try_from(col) else {
            return None;
        };
        if row >= self.rows {
            return None;
        }
        let (a, b) = (self.start[row], self.start[row + 1]);
        self.col[a..b]
            .binary_search(&col)
            .ok()
            .map(|k| self.val[a + k])
    }
}
