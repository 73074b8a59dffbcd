//! An assignment's solution as a JSON document: what `mentor-match assign` prints.

use crate::matching::assignment::{Alternative, Matrix, Solution, Weight};
use crate::support::format_version::FormatVersion;
use serde::Serialize;

/// An assignment problem's optimum as one JSON document, fields in this order: `format`,
/// `rows`, `cols`, `total`, `pairs` (`[row, col]` lists, by row), `unassigned_rows`,
/// `unassigned_cols` and `solve_seconds` (the solve call alone, as the caller measured it);
/// then, only when asked for ([`with_k_best`](Self::with_k_best)), `k_best`: the best
/// assignments in order of total, each with its `total` and `pairs`, the optimum first.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{solve, Matrix, Sense};
/// use mentor_match::formats::SolutionDocument;
///
/// let costs = Matrix::from_vec(2, 2, vec![4i64, 1, 2, 8])?;
/// let solution = solve(&costs, Sense::Minimize)?;
/// let document = SolutionDocument::new(&costs, &solution, 0.5);
/// assert_eq!(
///     serde_json::to_string(&document).unwrap(),
///     r#"{"format":1,"rows":2,"cols":2,"total":3,"pairs":[[0,1],[1,0]],"unassigned_rows":[],"unassigned_cols":[],"solve_seconds":0.5}"#
/// );
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct SolutionDocument {
    /// The document's layout version.
    pub format: FormatVersion,
    /// Rows of the matrix.
    pub rows: usize,
    /// Columns of the matrix.
    pub cols: usize,
    /// The sum of the assigned weights.
    pub total: Total,
    /// The assigned cells, `[row, col]`, by row.
    pub pairs: Vec<[usize; 2]>,
    /// The rows left without a column.
    pub unassigned_rows: Vec<usize>,
    /// The columns left without a row.
    pub unassigned_cols: Vec<usize>,
    /// The time of the solve call alone, in seconds.
    pub solve_seconds: f64,
    /// The best assignments in order of total, the optimum first, without repeats (fewer
    /// than asked when the matrix has fewer); absent unless asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub k_best: Option<Vec<AlternativeDocument>>,
}

/// One of the best assignments in a [`SolutionDocument`]: its total and its pairs.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{k_best, Matrix, Options, Sense};
/// use mentor_match::formats::AlternativeDocument;
///
/// let costs = Matrix::from_vec(2, 2, vec![4i64, 1, 2, 8])?;
/// let second = &k_best(&costs, Options::new(Sense::Minimize), 2)?[1];
/// assert_eq!(
///     serde_json::to_string(&AlternativeDocument::new(second)).unwrap(),
///     r#"{"total":12,"pairs":[[0,0],[1,1]]}"#
/// );
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct AlternativeDocument {
    /// The sum of the assigned weights.
    pub total: Total,
    /// The assigned cells, `[row, col]`, by row.
    pub pairs: Vec<[usize; 2]>,
}

impl AlternativeDocument {
    /// The document of one of the best assignments.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{k_best, Matrix, Options, Sense};
    /// use mentor_match::formats::{AlternativeDocument, Total};
    ///
    /// let gains = Matrix::from_vec(2, 2, vec![0.5, 0.25, 0.75, 0.5])?;
    /// let best = k_best(&gains, Options::new(Sense::Maximize), 1)?;
    /// let document = AlternativeDocument::new(&best[0]);
    /// assert_eq!(document.total, Total::Number(1.0));
    /// assert_eq!(document.pairs, [[0, 1], [1, 0]]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn new<T: Weight>(alternative: &Alternative<T>) -> AlternativeDocument
    where
        T::Total: Into<Total>,
    {
        AlternativeDocument {
            total: alternative.total().into(),
            pairs: alternative.pairs().iter().map(|&(r, c)| [r, c]).collect(),
        }
    }
}

impl SolutionDocument {
    /// The document of `solution`, the optimum of `matrix`, solved in `solve_seconds`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{solve, Matrix, Sense};
    /// use mentor_match::formats::{SolutionDocument, Total};
    ///
    /// // Three rows, two columns: one row is left out.
    /// let gains = Matrix::from_vec(3, 2, vec![0.5, 0.25, 0.75, 0.5, 0.0, 0.0])?;
    /// let document = SolutionDocument::new(&gains, &solve(&gains, Sense::Maximize)?, 0.01);
    /// assert_eq!((document.rows, document.cols), (3, 2));
    /// assert_eq!(document.total, Total::Number(1.0));
    /// assert_eq!(document.unassigned_rows, [2]);
    /// assert!(document.k_best.is_none());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn new<T: Weight>(
        matrix: &Matrix<T>,
        solution: &Solution<T>,
        solve_seconds: f64,
    ) -> SolutionDocument
    where
        T::Total: Into<Total>,
    {
        SolutionDocument {
            format: FormatVersion,
            rows: matrix.rows(),
            cols: matrix.cols(),
            total: solution.total().into(),
            pairs: solution.pairs().iter().map(|&(r, c)| [r, c]).collect(),
            unassigned_rows: solution.unassigned_rows().to_vec(),
            unassigned_cols: solution.unassigned_cols().to_vec(),
            solve_seconds,
            k_best: None,
        }
    }

    /// The same document with the best assignments listed under `k_best`, in their order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{k_best, solve, Matrix, Options, Sense};
    /// use mentor_match::formats::SolutionDocument;
    ///
    /// let costs = Matrix::from_vec(2, 2, vec![4i64, 1, 2, 8])?;
    /// let best = k_best(&costs, Options::new(Sense::Minimize), 5)?;
    /// let document = SolutionDocument::new(&costs, &solve(&costs, Sense::Minimize)?, 0.5)
    ///     .with_k_best(&best);
    /// let json = serde_json::to_string(&document).unwrap();
    /// assert!(json.ends_with(r#""k_best":[{"total":3,"pairs":[[0,1],[1,0]]},{"total":12,"pairs":[[0,0],[1,1]]}]}"#));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_k_best<T: Weight>(mut self, best: &[Alternative<T>]) -> SolutionDocument
    where
        T::Total: Into<Total>,
    {
        self.k_best = Some(best.iter().map(AlternativeDocument::new).collect());
        self
    }
}

/// A total in JSON: an exact integer for integer weights when it fits in 64 bits, a number for
/// float weights, and a string of digits (or `inf`) otherwise, so nothing is rounded or lost.
///
/// # Examples
///
/// ```
/// use mentor_match::formats::Total;
///
/// assert_eq!(Total::from(-172i128), Total::Integer(-172));
/// assert_eq!(Total::from(i128::MAX), Total::Text(i128::MAX.to_string()));
/// assert_eq!(Total::from(1.5), Total::Number(1.5));
/// assert_eq!(Total::from(f64::INFINITY), Total::Text("inf".into()));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
#[non_exhaustive]
pub enum Total {
    /// An integer total that fits in `i64`.
    Integer(i64),
    /// An integer total above `i64::MAX` that fits in `u64`.
    Unsigned(u64),
    /// A finite float total.
    Number(f64),
    /// A total JSON cannot hold as a number: a larger integer's digits, or a float sum that
    /// overflowed to infinity.
    Text(String),
}

impl From<f64> for Total {
    fn from(x: f64) -> Total {
        if x.is_finite() {
            Total::Number(x)
        } else {
            Total::Text(x.to_string())
        }
    }
}

impl From<i128> for Total {
    fn from(x: i128) -> Total {
        if let Ok(x) = i64::try_from(x) {
            Total::Integer(x)
        } else if let Ok(x) = u64::try_from(x) {
            Total::Unsigned(x)
        } else {
            Total::Text(x.to_string())
        }
    }
}
