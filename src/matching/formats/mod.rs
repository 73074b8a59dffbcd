//! The files researchers feed the tools: weight matrices as numpy `.npy` or CSV, and
//! strategies instances as JSON.
//!
//! Every reader takes the file's contents (bytes or text) and returns a checked value of the
//! crate, or a [`MatrixError`](crate::MatrixError) that names the place at fault: the header
//! field or shape of a `.npy` file ([`MatrixError::Npy`](crate::MatrixError::Npy)), the line
//! and value of a CSV ([`MatrixError::Csv`](crate::MatrixError::Csv)), the key, row and column
//! of an instance ([`MatrixError::InstanceJson`](crate::MatrixError::InstanceJson)). Nothing
//! here opens files, prints or panics on what it is given; the caller opens the file and
//! decides what to do with the error.
//!
//! Two helpers read the stream the caller opened, chunk by chunk, and stop at the first byte
//! that shows it is not what it should be, so a binary file or a device named by mistake
//! (`/dev/zero`) is refused at once, by line and column, instead of filling memory:
//! [`read_text`] for JSON documents (rosters, programme specs, instances) and
//! [`read_matrix_bytes`] for a matrix file. Both fail with a [`ReadError`].
//!
//! | format | reader | result |
//! |---|---|---|
//! | numpy `.npy`, 2-D `float64` or `int64` | [`read_npy`] | [`WeightMatrix`] |
//! | CSV, one matrix row per line (feature `csv`, on by default) | [`read_csv`] | [`Matrix<f64>`](crate::assignment::Matrix) |
//! | either, chosen by the file name | [`MatrixFormat::from_path`], [`read_matrix`] | [`WeightMatrix`] |
//! | strategies instance (JSON, feature `json`, on by default) | [`Instance::from_json`] | [`Instance`] |
//!
//! and one writer: an assignment's optimum as a JSON document, [`SolutionDocument`].
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
#[cfg(feature = "json")]
mod instance;
mod npy;
mod read;
mod solution;
mod text;
mod weight_matrix;

#[cfg(feature = "csv")]
pub use self::csv::read_csv;
#[cfg(feature = "json")]
pub use self::instance::{DEFAULT_TOP_K, INSTANCE_KEYS, Instance, MAX_K_BEST};
pub use self::npy::read_npy;
pub use self::read::{MatrixFormat, read_matrix};
pub use self::solution::{AlternativeDocument, SolutionDocument, Total};
pub use self::text::{ReadError, TextFault, read_matrix_bytes, read_text};
pub use self::weight_matrix::WeightMatrix;
