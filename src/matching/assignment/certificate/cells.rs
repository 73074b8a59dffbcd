//! The cells a certificate is checked on: a dense matrix or a sparse one, read the same way.

use crate::matching::assignment::matrix::Matrix;
use crate::matching::assignment::sparse::SparseMatrix;
use crate::matching::assignment::weight::Weight;
use std::any::Any;

/// The allowed cells of a dense or a sparse matrix, as the certificate reads them.
#[derive(Clone, Copy)]
pub(crate) enum Cells<'a, T> {
    Dense(&'a Matrix<T>),
    Sparse(&'a SparseMatrix<T>),
}

impl<'a, T: Weight> Cells<'a, T> {
    pub(super) fn rows(&self) -> usize {
        match self {
            Cells::Dense(m) => m.rows,
            Cells::Sparse(m) => m.rows(),
        }
    }

    pub(super) fn cols(&self) -> usize {
        match self {
            Cells::Dense(m) => m.cols,
            Cells::Sparse(m) => m.cols(),
        }
    }

    /// Calls `f(column, weight)` for each cell of `row` that is present (every cell of a dense
    /// matrix), in increasing column order.
    #[inline]
    pub(super) fn for_each_in_row(&self, row: usize, mut f: impl FnMut(usize, T)) {
        match self {
            Cells::Dense(m) => {
                for (c, &x) in m.data[row * m.cols..(row + 1) * m.cols].iter().enumerate() {
                    f(c, x);
                }
            }
            Cells::Sparse(m) => {
                let (cols, vals) = m.row_slices(row);
                for (&c, &x) in cols.iter().zip(vals) {
                    f(c as usize, x);
                }
            }
        }
    }

    /// The cell `(row, col)` when present.
    pub(super) fn get(&self, row: usize, col: usize) -> Option<T> {
        match self {
            Cells::Dense(m) => m.get(row, col),
            Cells::Sparse(m) => m.get(row, col),
        }
    }

    /// The same cells with weights of type `U`, when `U` is `T`.
    pub(super) fn downcast<U: Weight>(self) -> Option<Cells<'a, U>> {
        Some(match self {
            Cells::Dense(m) => Cells::Dense((m as &dyn Any).downcast_ref()?),
            Cells::Sparse(m) => Cells::Sparse((m as &dyn Any).downcast_ref()?),
        })
    }
}
