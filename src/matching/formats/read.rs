//! Reading a matrix file whose format is known by name or by extension.

#[cfg(feature = "csv")]
use super::csv::read_csv;
use super::npy::read_npy;
use super::weight_matrix::WeightMatrix;
#[cfg(doc)]
use crate::matching::error::MatrixError;
use crate::matching::error::Result;
use std::path::Path;

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

    /// The format of a document from its first bytes, for input without a name (standard
    /// input): `.npy` when it starts with numpy's magic string `\x93NUMPY`, CSV otherwise
    /// (`.npy` when the `csv` feature is off, so the reader says what is wrong).
    ///
    /// ```
    /// use mentor_match::formats::MatrixFormat;
    ///
    /// assert_eq!(MatrixFormat::from_bytes(b"\x93NUMPY\x01\x00"), MatrixFormat::Npy);
    /// # #[cfg(feature = "csv")]
    /// assert_eq!(MatrixFormat::from_bytes(b"1, 2\n3, 4\n"), MatrixFormat::Csv);
    /// ```
    pub fn from_bytes(bytes: &[u8]) -> MatrixFormat {
        if bytes.starts_with(b"\x93NUMPY") {
            return MatrixFormat::Npy;
        }
        #[cfg(feature = "csv")]
        return MatrixFormat::Csv;
        #[cfg(not(feature = "csv"))]
        MatrixFormat::Npy
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
