//! The files researchers feed the tools: weight matrices as numpy `.npy` or CSV, and
//! strategies instances as JSON.
//!
//! Every reader takes the file's contents (bytes or text) and returns a checked value of the
//! crate, or an [`Error`] that names the place at fault: the header field or shape of a `.npy`
//! file ([`MatrixError::Npy`]), the line and value of a CSV ([`MatrixError::Csv`]), the key, row and column
//! of an instance ([`MatrixError::InstanceJson`]). Nothing here reads files, prints or panics on
//! what it is given; the caller reads the file and decides what to do with the error.
//!
//! | format | reader | result |
//! |---|---|---|
//! | numpy `.npy`, 2-D `float64` or `int64` | [`read_npy`] | [`WeightMatrix`] |
//! | CSV, one matrix row per line (feature `csv`, on by default) | [`read_csv`] | [`Matrix<f64>`](Matrix) |
//! | either, chosen by the file name | [`MatrixFormat::from_path`], [`read_matrix`] | [`WeightMatrix`] |
//! | strategies instance (JSON) | [`Instance::from_json`] | [`Instance`] |
//!
//! # Sizes
//!
//! A size written in a file is never trusted: nothing is allocated for it before it is checked
//! against the file, so memory stays proportional to the input. A `.npy` header's shape must
//! match the data that follows it, and no dimension may exceed the file's length in bytes (an
//! empty array's shape is otherwise unbounded: `(0, 10^12)` in a 128-byte file); CSV rows and
//! instance rows are counted from the lines and lists actually read; capacities, seeds and
//! `top_k` are bounded by their types and allocate nothing by themselves.
//!
//! # Numbers
//!
//! NaN is an error in every format. A number too large for `f64` is an error, never a silent
//! infinity: `1e400` in a CSV or an instance. Infinities are read only where they are spelt
//! out (`inf` in a CSV, a `float64` infinity in a `.npy` file), and forbid a cell.
//!
//! # Examples
//!
//! ```
//! use mentor_match::assignment::{solve, Sense};
//! use mentor_match::formats::{read_matrix, MatrixFormat, WeightMatrix};
//! use std::path::Path;
//!
//! let format = MatrixFormat::from_path(Path::new("costs.CSV")).expect("a matrix file");
//! let WeightMatrix::F64(costs) = read_matrix(b"4, 1\n2, 8\n", format)? else { unreachable!() };
//! assert_eq!(solve(&costs, Sense::Minimize)?.total(), 3.0);
//! # Ok::<(), mentor_match::Error>(())
//! ```

#[cfg(feature = "csv")]
mod csv;
mod instance;
mod npy;

#[cfg(feature = "csv")]
pub use self::csv::read_csv;
pub use self::instance::{DEFAULT_TOP_K, INSTANCE_KEYS, Instance};
pub use self::npy::read_npy;

use crate::matching::assignment::Matrix;
#[cfg(doc)]
use crate::matching::error::MatrixError;
use crate::matching::error::Result;
use std::path::Path;

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

/// The file formats a weight matrix is read from.
///
/// # Examples
///
/// ```
/// use mentor_match::formats::MatrixFormat;
/// use std::path::Path;
///
/// assert_eq!(MatrixFormat::from_path(Path::new("scores.npy")), Some(MatrixFormat::Npy));
/// assert_eq!(MatrixFormat::from_path(Path::new("scores.json")), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MatrixFormat {
    /// numpy's `.npy` ([`read_npy`]).
    Npy,
    /// CSV, one matrix row per line ([`read_csv`]).
    #[cfg(feature = "csv")]
    Csv,
}

impl MatrixFormat {
    /// The format a file name's extension names (`.npy`, `.csv`, in any case), if any.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::formats::MatrixFormat;
    /// use std::path::Path;
    ///
    /// assert_eq!(MatrixFormat::from_path(Path::new("run/a.NPY")), Some(MatrixFormat::Npy));
    /// assert_eq!(MatrixFormat::from_path(Path::new("npy")), None);
    /// ```
    pub fn from_path(path: &Path) -> Option<MatrixFormat> {
        let extension = path.extension()?.to_str()?;
        if extension.eq_ignore_ascii_case("npy") {
            return Some(MatrixFormat::Npy);
        }
        #[cfg(feature = "csv")]
        if extension.eq_ignore_ascii_case("csv") {
            return Some(MatrixFormat::Csv);
        }
        None
    }
}

/// Reads a weight matrix in `format` from a file's bytes.
///
/// # Errors
///
/// As [`read_npy`] or [`read_csv`].
///
/// # Examples
///
/// ```
/// use mentor_match::formats::{read_matrix, MatrixFormat};
///
/// let err = read_matrix(b"1, 2\n3\n", MatrixFormat::Csv).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "CSV line 2: 1 value, but the first line has 2: every line needs the same number of values"
/// );
/// ```
pub fn read_matrix(bytes: &[u8], format: MatrixFormat) -> Result<WeightMatrix> {
    match format {
        MatrixFormat::Npy => read_npy(bytes),
        #[cfg(feature = "csv")]
        MatrixFormat::Csv => read_csv(bytes).map(WeightMatrix::F64),
    }
}
