//! A weight matrix read from a file, in the weight type the file holds.

use crate::matching::assignment::Matrix;

/// A weight matrix read from a file, in the weight type the file holds.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::Matrix;
/// use mentor_match::formats::WeightMatrix;
///
/// let m = WeightMatrix::I64(Matrix::from_vec(1, 3, vec![4, 1, 2])?);
/// assert_eq!((m.rows(), m.cols()), (1, 3));
/// # Ok::<(), mentor_match::Error>(())
/// ```
// Exhaustive on purpose, unlike the crate's error enums: the variants are the engine's weight
// types, and every caller matches them to call the solver typed (`solve::<f64>`,
// `solve::<i64>`). A file type the readers may learn later (`float32`, `int32`) widens into
// these without loss. A new weight type of the engine is a change every caller must handle:
// exhaustive, it is a compile error at each match; `#[non_exhaustive]` would force a wildcard
// arm on callers, which could only refuse the matrix at run time.
#[derive(Debug, Clone, PartialEq)]
pub enum WeightMatrix {
    /// `float64` weights (`.npy` `<f8`/`>f8`, every CSV).
    F64(Matrix<f64>),
    /// `int64` weights (`.npy` `<i8`/`>i8`), solved in exact integer arithmetic.
    I64(Matrix<i64>),
}

impl WeightMatrix {
    /// Number of rows.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::formats::{read_csv, WeightMatrix};
    ///
    /// let m = WeightMatrix::F64(read_csv(b"1, 2, 3\n4, 5, 6\n")?);
    /// assert_eq!(m.rows(), 2);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn rows(&self) -> usize {
        match self {
            WeightMatrix::F64(m) => m.rows(),
            WeightMatrix::I64(m) => m.rows(),
        }
    }

    /// Number of columns.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::formats::{read_csv, WeightMatrix};
    ///
    /// let m = WeightMatrix::F64(read_csv(b"1, 2, 3\n4, 5, 6\n")?);
    /// assert_eq!(m.cols(), 3);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn cols(&self) -> usize {
        match self {
            WeightMatrix::F64(m) => m.cols(),
            WeightMatrix::I64(m) => m.cols(),
        }
    }
}
