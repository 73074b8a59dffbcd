//! The matching half's error type: what can be wrong with a matrix, a pairing of rows and
//! columns, a strategy or metric name, or a matrix file.
//!
//! It knows rows, columns and cells, never participants: the mentoring half wraps it in
//! [`Error::Matrix`](crate::Error::Matrix) and speaks of people in its own variants. Messages
//! are lowercase without a trailing period, as is usual for Rust errors.

use thiserror::Error;

use crate::support::mistakes::{Listing, lines};

/// Everything the matching half (the engine, capacities, strategies, metrics, experiments and
/// the matrix files) refuses.
///
/// No function of the matching half panics on its input: bad input comes back as one of these.
/// The crate's [`Error`](crate::Error) converts from it (`?` works), so code that calls both
/// halves can use one error type.
///
/// # Examples
///
/// ```
/// use mentor_match::MatrixError;
/// use mentor_match::assignment::Matrix;
///
/// let err = Matrix::from_vec(2, 2, vec![1.0, 2.0, 3.0]).unwrap_err();
/// assert_eq!(err, MatrixError::MatrixShape { rows: 2, cols: 2, len: 3 });
/// assert_eq!(err.to_string(), "matrix of 2 x 2 needs 4 values, got 3");
/// assert!(matches!(
///     Matrix::from_vec(1, 2, vec![1.0, f64::NAN]),
///     Err(MatrixError::InvalidWeight { row: 0, col: 1, .. })
/// ));
/// ```
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum MatrixError {
    /// A matrix was given a buffer whose length is not `rows * cols`.
    #[error("matrix of {rows} x {cols} needs {} values, got {len}", rows.saturating_mul(*cols))]
    MatrixShape {
        /// Rows asked for.
        rows: usize,
        /// Columns asked for.
        cols: usize,
        /// Length of the buffer given.
        len: usize,
    },
    /// A matrix cell holds NaN (or a value the chosen sense cannot use, such as `-inf` when
    /// minimising).
    #[error("matrix cell ({row}, {col}) holds {value}, which is not a usable weight: {why}")]
    InvalidWeight {
        /// Row of the cell, from 0.
        row: usize,
        /// Column of the cell, from 0.
        col: usize,
        /// The value found, as text (`NaN`, `-inf`, ...).
        value: String,
        /// Why it cannot be used.
        why: &'static str,
    },
    /// A scoring or matching option is out of its range.
    #[error("option `{option}`: {value} is not {expected}")]
    InvalidOption {
        /// The option's name.
        option: &'static str,
        /// The value given: a whole number exactly as given, a float as Rust prints it.
        value: OptionValue,
        /// What the option accepts.
        expected: &'static str,
    },
    /// A pairing or a lock names a junior or senior out of range, a pair twice, a forbidden
    /// pair, or more pairs than a capacity allows.
    #[error("pair (junior {junior}, senior {senior}) is not valid: {why}")]
    InvalidPair {
        /// The junior's index (row).
        junior: usize,
        /// The senior's index (column).
        senior: usize,
        /// What is wrong with it.
        why: &'static str,
    },
    /// No strategy has this name; `known` lists the names the lookup knows.
    #[error("unknown strategy `{name}`; the known strategies are: {}", known.join(", "))]
    UnknownStrategy {
        /// The name asked for.
        name: String,
        /// The names that exist.
        known: Vec<&'static str>,
    },
    /// No metric has this name (see [`Metric`](crate::metrics::Metric)).
    #[error("unknown metric `{name}`; the metrics are: {}", known.join(", "))]
    UnknownMetric {
        /// The name asked for.
        name: String,
        /// The names that exist.
        known: Vec<&'static str>,
    },
    /// A list that needs one value per row or column (per junior or senior, such as
    /// capacities) has another length.
    #[error("{what}: expected {expected} values, got {len}")]
    LengthMismatch {
        /// What the list holds (`junior capacities`, ...).
        what: &'static str,
        /// How many values it needs.
        expected: usize,
        /// How many it has.
        len: usize,
    },
    /// A person's minimum number of partners is above their capacity.
    #[error("{side} {index}: a minimum of {minimum} partners is above the capacity of {capacity}")]
    MinimumAboveCapacity {
        /// `junior` or `senior`.
        side: &'static str,
        /// The person's index (row or column).
        index: usize,
        /// The minimum asked for.
        minimum: u32,
        /// Their capacity.
        capacity: u32,
    },
    /// A strategy was asked to pair under capacities above 1 that it does not honour (see the
    /// [strategy table](crate::strategy#capacities)).
    #[error("strategy `{strategy}` does not pair under capacities above 1: {why}")]
    CapacitiesUnsupported {
        /// The strategy's name.
        strategy: String,
        /// Why not.
        why: &'static str,
    },
    /// The pairing asked for does not exist for these scores (a popular pairing, for one): a
    /// property of the instance, not a fault of the input.
    #[error("no {what} exists for these scores")]
    NoneExists {
        /// What was asked for (`popular pairing`, ...).
        what: &'static str,
    },
    /// The engine could not prove its answer optimal in exact arithmetic, so it gives none
    /// rather than one that may not be optimal (see the
    /// [certificate](crate::assignment::verify)).
    #[error("no certified optimum: {why}")]
    Uncertified {
        /// Why no proof could be made.
        why: String,
    },
    /// A what-if was asked of an assignment that its certificate does not prove optimal for
    /// the matrix given (the solution of another matrix, or one changed by hand): the change
    /// in total would mean nothing.
    #[error("the current assignment is not a proved optimum of this matrix: {0}")]
    NotOptimum(#[source] crate::matching::assignment::CertificateError),
    /// A sparse matrix cell lies outside the matrix or is given more than once.
    #[error("sparse matrix cell ({row}, {col}) is not valid: {why}")]
    InvalidTriplet {
        /// Row of the cell, from 0.
        row: usize,
        /// Column of the cell, from 0.
        col: usize,
        /// What is wrong with it.
        why: &'static str,
    },
    /// A size from outside asks for more memory than can be reserved: a table of rows ×
    /// columns (a roster's levels, a score matrix), or the lists an assignment of a `rows x
    /// cols` matrix must return. It is refused before anything is allocated for it, instead of
    /// an abort.
    #[error("{what} of {rows} x {cols} needs more memory than can be allocated")]
    TooLarge {
        /// The table or result, with what its rows and columns are.
        what: &'static str,
        /// Its rows.
        rows: usize,
        /// Its columns.
        cols: usize,
    },
    // The file formats of `crate::formats`: each variant names the place in the file.
    /// A `.npy` file is not a 2-D `float64` or `int64` array this crate reads: a bad magic
    /// string, version or header, a header field out of place, or data whose length differs
    /// from what the header declares.
    #[error(".npy file, {at}: {why}")]
    Npy {
        /// The part of the file at fault: `magic`, `version`, `header length`, `header`, one
        /// of its fields (`` header field `shape` ``, `` `descr` ``, `` `fortran_order` ``) or
        /// `data`.
        at: &'static str,
        /// What is wrong, with the value found.
        why: String,
    },
    /// A CSV matrix has a ragged row, an empty or non-numeric value, NaN, or a number too
    /// large for `f64`.
    #[error("CSV line {line}{}: {why}", csv_value(*value))]
    Csv {
        /// Line of the record, from 1.
        line: usize,
        /// Position of the value in its line, from 1; 0 when the whole line is at fault.
        value: usize,
        /// What is wrong, with the text found.
        why: String,
    },
    /// A strategies instance is not valid JSON, or a key, matrix cell or list entry holds
    /// something it may not.
    #[error("{}", instance_message(at, why, *line, *column))]
    InstanceJson {
        /// Where: a key (`` `seed` ``), a matrix row or cell (`` `junior_gain` row 1, column
        /// 2 ``) or a list entry (`` `senior_capacity` entry 0 ``); empty for the whole
        /// document.
        at: String,
        /// What is wrong.
        why: String,
        /// Line in the JSON text, from 1; 0 for a fault between keys found after reading
        /// (two matrices of different shapes, a missing key).
        line: usize,
        /// Column in the JSON text, from 1; 0 with `line`.
        column: usize,
    },
    /// Several mistakes were found at once (a matrix with more than one bad cell, a file with
    /// more than one bad value): each is listed, in the order found, up to
    /// [`MAX_LISTED`](crate::error::MAX_LISTED); `more` counts the ones beyond. A single
    /// mistake is returned as itself, never wrapped in this variant. (As the crate's
    /// [`Error`](crate::Error), the list becomes an [`Error::Multiple`](crate::Error::Multiple).)
    #[error("{} mistakes found:{}", errors.len() + more, lines(errors, *more))]
    Multiple {
        /// The mistakes, at most [`MAX_LISTED`](crate::error::MAX_LISTED) of them, none of
        /// them itself `Multiple`.
        errors: Vec<MatrixError>,
        /// How many more were found and not listed.
        more: usize,
    },
}

impl MatrixError {
    /// Every mistake this error reports: the list of a [`MatrixError::Multiple`], or the
    /// error itself.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::MatrixError;
    /// use mentor_match::assignment::Matrix;
    ///
    /// let err = Matrix::from_vec(2, 2, vec![1.0, f64::NAN, 3.0, f64::NAN]).unwrap_err();
    /// let cells: Vec<_> = err
    ///     .all()
    ///     .iter()
    ///     .map(|e| match e {
    ///         MatrixError::InvalidWeight { row, col, .. } => (*row, *col),
    ///         other => panic!("{other}"),
    ///     })
    ///     .collect();
    /// assert_eq!(cells, [(0, 1), (1, 1)]);
    /// ```
    pub fn all(&self) -> &[MatrixError] {
        match self {
            MatrixError::Multiple { errors, .. } => errors,
            other => std::slice::from_ref(other),
        }
    }
}

impl Listing for MatrixError {
    fn into_list(self) -> std::result::Result<(Vec<Self>, usize), Self> {
        match self {
            MatrixError::Multiple { errors, more } => Ok((errors, more)),
            one => Err(one),
        }
    }

    fn from_list(errors: Vec<Self>, more: usize) -> Self {
        MatrixError::Multiple { errors, more }
    }
}

/// The value of an option refused by [`MatrixError::InvalidOption`] or
/// [`Error::InvalidOption`](crate::Error::InvalidOption), kept in its own kind so that the
/// message repeats it as given.
///
/// A count or a size is a whole number and keeps every digit: as an `f64` it would lose
/// the ones beyond 2^53, and a message quoting `2^62 + 1` would print another number. A
/// number that may have a fraction (a weight, a share, a bonus) stays an `f64`, NaN and
/// infinities included, and prints as Rust prints an `f64`.
///
/// # Examples
///
/// ```
/// use mentor_match::generate::Population;
/// use mentor_match::{Error, OptionValue};
///
/// let err = Population::new(2, 2).with_departments((1 << 62) + 1).build().unwrap_err();
/// assert!(matches!(
///     err,
///     Error::InvalidOption { option: "departments", value: OptionValue::Integer(4_611_686_018_427_387_905), .. }
/// ));
/// assert!(err.to_string().contains(" 4611686018427387905 "));
/// assert_eq!(OptionValue::from(0.5).to_string(), "0.5");
/// assert_eq!(OptionValue::from(f64::NAN).to_string(), "NaN");
/// assert_eq!(OptionValue::from(1e308).to_string(), "1e308"); // not 309 digits
/// assert_eq!(OptionValue::from(-2.5e-9).to_string(), "-2.5e-9");
/// assert_eq!(OptionValue::from(-1.0).to_string(), "-1");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum OptionValue {
    /// A whole number (a count, a size, a level), exactly as given. Wide enough for the sum
    /// of two `u64` sizes, and for a negative number.
    Integer(i128),
    /// A number that may have a fraction, or be NaN or infinite.
    Float(f64),
}

impl std::fmt::Display for OptionValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OptionValue::Integer(n) => write!(f, "{n}"),
            // Rust writes every digit of a float (1e308 as 309 of them): far from 1, the
            // exponent form says the same in a few characters.
            OptionValue::Float(x)
                if x.is_finite() && *x != 0.0 && !(1e-6..1e16).contains(&x.abs()) =>
            {
                write!(f, "{x:e}")
            }
            OptionValue::Float(x) => write!(f, "{x}"),
        }
    }
}

impl From<f64> for OptionValue {
    fn from(x: f64) -> Self {
        OptionValue::Float(x)
    }
}

/// Whole numbers of every width the options take, each exact in an `i128`.
macro_rules! integer_values {
    ($($t:ty),*) => {$(
        impl From<$t> for OptionValue {
            fn from(n: $t) -> Self {
                OptionValue::Integer(i128::from(n))
            }
        }
    )*};
}

integer_values!(u8, u16, u32, u64, i8, i16, i32, i64, i128);

impl From<usize> for OptionValue {
    fn from(n: usize) -> Self {
        // Lossless: `usize` is at most 64 bits on every target Rust supports.
        OptionValue::Integer(n as i128)
    }
}

/// The mistakes of an input of the matching half, found so far.
pub(crate) type Mistakes = crate::support::mistakes::Mistakes<MatrixError>;

/// Every cell of the row-major buffer `cells` (rows of `cols` values) that `refuse` gives a
/// reason for, as an [`MatrixError::InvalidWeight`] into `found`, in row-major order.
pub(crate) fn refuse_cells<T: std::fmt::Debug>(
    cells: &[T],
    cols: usize,
    refuse: impl Fn(&T) -> Option<&'static str>,
    found: &mut Mistakes,
) {
    for (k, x) in cells.iter().enumerate() {
        if let Some(why) = refuse(x) {
            found.push_with(|| MatrixError::InvalidWeight {
                row: k / cols,
                col: k % cols,
                value: format!("{x:?}"),
                why,
            });
        }
    }
}

/// `, value 3` for a value's position, nothing for a whole line (0).
fn csv_value(value: usize) -> String {
    if value == 0 {
        String::new()
    } else {
        format!(", value {value}")
    }
}

/// `at: why at line L column C`, leaving out what is unknown.
fn instance_message(at: &str, why: &str, line: usize, column: usize) -> String {
    let mut message = if at.is_empty() {
        why.to_owned()
    } else {
        format!("{at}: {why}")
    };
    if line > 0 {
        message.push_str(&format!(" at line {line} column {column}"));
    }
    message
}

/// Shorthand for results whose error is [`MatrixError`].
pub type Result<T, E = MatrixError> = std::result::Result<T, E>;
