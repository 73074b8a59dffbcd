//! A dense weight matrix, row-major, validated when built.

use crate::matching::assignment::weight::Weight;
use crate::matching::error::{MatrixError, Mistakes, Result, refuse_cells};
use serde::Serialize;
use std::fmt::Debug;

/// A dense `rows x cols` weight matrix in one row-major buffer.
///
/// Built once and validated once: NaN is rejected with the cell that holds it, so solvers never
/// check again.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::Matrix;
///
/// let m = Matrix::from_fn(2, 3, |r, c| (r * 10 + c) as f64)?;
/// assert_eq!((m.rows(), m.cols()), (2, 3));
/// assert_eq!(m.get(1, 2), Some(12.0));
/// assert_eq!(m.get(2, 0), None);
///
/// let err = Matrix::from_vec(1, 2, vec![0.5, f64::NAN]).unwrap_err();
/// assert_eq!(err.to_string(), "matrix cell (0, 1) holds NaN, which is not a usable weight: NaN is not a weight");
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Matrix<T> {
    pub(super) rows: usize,
    pub(super) cols: usize,
    pub(super) data: Vec<T>,
}

impl<T: Weight> Matrix<T> {
    /// A matrix from a row-major buffer of `rows * cols` values.
    ///
    /// # Errors
    ///
    /// - [`MatrixError::MatrixShape`] when `data.len() != rows * cols`;
    /// - [`MatrixError::InvalidWeight`] naming the cell that holds NaN; with several, a
    ///   [`MatrixError::Multiple`] of them, in row-major order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::Matrix;
    /// use mentor_match::MatrixError;
    ///
    /// let m = Matrix::from_vec(2, 2, vec![1_i64, 2, 3, 4])?;
    /// assert_eq!(m.get(1, 0), Some(3));
    /// let err = Matrix::from_vec(2, 2, vec![1_i64, 2, 3]).unwrap_err();
    /// assert!(matches!(err, MatrixError::MatrixShape { rows: 2, cols: 2, len: 3 }));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn from_vec(rows: usize, cols: usize, data: Vec<T>) -> Result<Self> {
        if rows.checked_mul(cols) != Some(data.len()) {
            return Err(MatrixError::MatrixShape {
                rows,
                cols,
                len: data.len(),
            });
        }
        let mut found = Mistakes::new();
        refuse_cells(&data, cols, |x| x.reject(), &mut found);
        found.finish()?;
        Ok(Matrix { rows, cols, data })
    }

    /// A matrix whose cell `(r, c)` is `f(r, c)`, filled row by row.
    ///
    /// # Errors
    ///
    /// - [`MatrixError::MatrixShape`] when `rows * cols` overflows `usize` or cannot be allocated;
    /// - [`MatrixError::InvalidWeight`] naming the cell that holds NaN; with several, a
    ///   [`MatrixError::Multiple`] of them, in row-major order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::Matrix;
    ///
    /// // How far apart junior `r` and senior `c` sit on a seniority ladder.
    /// let m = Matrix::from_fn(2, 3, |r, c| r.abs_diff(c) as i64)?;
    /// assert_eq!(m.as_slice(), [0, 1, 2, 1, 0, 1]);
    /// assert!(Matrix::from_fn(usize::MAX, 2, |_, _| 0.0).is_err()); // overflows
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn from_fn(rows: usize, cols: usize, mut f: impl FnMut(usize, usize) -> T) -> Result<Self> {
        let len = rows
            .checked_mul(cols)
            .ok_or(MatrixError::MatrixShape { rows, cols, len: 0 })?;
        let mut data = Vec::new();
        // A shape too large to allocate is an error, not an abort.
        data.try_reserve_exact(len)
            .map_err(|_| MatrixError::MatrixShape { rows, cols, len: 0 })?;
        // With no cell there is nothing to call `f` on, however many rows there are.
        if len > 0 {
            for r in 0..rows {
                for c in 0..cols {
                    data.push(f(r, c));
                }
            }
        }
        Matrix::from_vec(rows, cols, data)
    }

    /// Number of rows.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::Matrix;
    ///
    /// let m = Matrix::from_vec(3, 2, vec![0.5; 6])?;
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
    /// use mentor_match::assignment::Matrix;
    ///
    /// let m = Matrix::from_vec(3, 2, vec![0.5; 6])?;
    /// assert_eq!(m.cols(), 2);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The cell `(row, col)`, or `None` outside the matrix.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::Matrix;
    ///
    /// let m = Matrix::from_vec(2, 2, vec![0.9, 0.1, 0.8, f64::NEG_INFINITY])?;
    /// assert_eq!(m.get(0, 1), Some(0.1));
    /// assert_eq!(m.get(1, 1), Some(f64::NEG_INFINITY));
    /// assert_eq!(m.get(0, 2), None);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn get(&self, row: usize, col: usize) -> Option<T> {
        (row < self.rows && col < self.cols).then(|| self.data[row * self.cols + col])
    }

    /// The row-major buffer.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::Matrix;
    ///
    /// let m = Matrix::from_fn(2, 2, |r, c| (10 * r + c) as i64)?;
    /// assert_eq!(m.as_slice(), [0, 1, 10, 11]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn as_slice(&self) -> &[T] {
        &self.data
    }

    /// The row-major buffer, giving the matrix back.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::Matrix;
    ///
    /// let m = Matrix::from_vec(1, 3, vec![0.5, 0.25, 0.0])?;
    /// assert_eq!(m.into_vec(), vec![0.5, 0.25, 0.0]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn into_vec(self) -> Vec<T> {
        self.data
    }
}
