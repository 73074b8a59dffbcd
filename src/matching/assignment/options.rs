//! The engine's options: which way to optimise ([`Sense`]), how many pairs ([`Cardinality`]),
//! both together ([`Options`]), and what a cell means under a sense ([`Cell`]).

use serde::{Deserialize, Serialize};
use std::fmt::Debug;

/// Whether the engine looks for the smallest or the largest total.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{solve, Matrix, Sense};
///
/// let m = Matrix::from_vec(2, 2, vec![1_i64, 2, 3, 5])?;
/// assert_eq!(solve(&m, Sense::Minimize)?.total(), 5);
/// assert_eq!(solve(&m, Sense::Maximize)?.total(), 6);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Sense {
    /// The smallest total (costs). `+inf` forbids a cell.
    Minimize,
    /// The largest total (gains, scores). `-inf` forbids a cell.
    Maximize,
}

/// How many pairs an assignment must have.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{solve_with, Cardinality, Matrix, Options, Sense};
///
/// // Pairing row 0 with column 0 is worth 1; pairing both rows is worth 0.5 in all.
/// let m = Matrix::from_vec(2, 2, vec![1.0, f64::NEG_INFINITY, 0.25, -0.5])?;
/// let most = solve_with(&m, Options::new(Sense::Maximize))?;
/// assert_eq!(most.pairs().len(), 2);
/// assert_eq!(most.total(), 0.5);
/// let best = solve_with(&m, Options::new(Sense::Maximize).with_cardinality(Cardinality::Any))?;
/// assert_eq!(best.pairs(), &[(0, 0)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Cardinality {
    /// As many pairs as the allowed cells permit, then the best total among those.
    #[default]
    Maximum,
    /// The best total, with as many pairs as that takes (staying unassigned counts as 0; a pair
    /// of weight exactly 0 may or may not be formed).
    Any,
}

/// Options of [`solve_with`](crate::assignment::solve_with), set with by-value setters so new
/// ones do not break callers.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::{Cardinality, Options, Sense};
///
/// let options = Options::new(Sense::Maximize).with_cardinality(Cardinality::Any);
/// assert_eq!(options.sense(), Sense::Maximize);
/// assert_eq!(Options::default().sense(), Sense::Minimize);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Options {
    pub(super) sense: Sense,
    pub(super) cardinality: Cardinality,
}

impl Default for Options {
    fn default() -> Self {
        Options::new(Sense::Minimize)
    }
}

impl Options {
    /// Options for `sense`, with [`Cardinality::Maximum`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{Cardinality, Options, Sense};
    ///
    /// let options = Options::new(Sense::Maximize);
    /// assert_eq!(options.sense(), Sense::Maximize);
    /// assert_eq!(options.cardinality(), Cardinality::Maximum);
    /// ```
    pub fn new(sense: Sense) -> Self {
        Options {
            sense,
            cardinality: Cardinality::Maximum,
        }
    }

    crate::support::setters::field_setters! {
        /// Sets the sense.
        with_sense(sense: Sense);

        /// Sets how many pairs the assignment must have.
        with_cardinality(cardinality: Cardinality);
    }

    /// The sense.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{Options, Sense};
    ///
    /// assert_eq!(Options::new(Sense::Maximize).sense(), Sense::Maximize);
    /// assert_eq!(Options::default().with_sense(Sense::Maximize).sense(), Sense::Maximize);
    /// ```
    pub fn sense(&self) -> Sense {
        self.sense
    }

    /// The cardinality rule.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::assignment::{Cardinality, Options, Sense};
    ///
    /// let options = Options::new(Sense::Minimize).with_cardinality(Cardinality::Any);
    /// assert_eq!(options.cardinality(), Cardinality::Any);
    /// assert_eq!(Options::default().cardinality(), Cardinality::Maximum);
    /// ```
    pub fn cardinality(&self) -> Cardinality {
        self.cardinality
    }
}

/// What a cell means under a sense.
#[doc(hidden)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell {
    Allowed,
    Forbidden,
    Invalid(&'static str),
}
