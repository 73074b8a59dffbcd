//! How a matcher finds the optimum: on every pair (dense), on a candidate graph (sparse), or
//! by the roster's size.

use crate::support::strict;
use serde::{Deserialize, Deserializer, Serialize};

/// How [`Matcher::solve`](crate::Matcher::solve) finds the optimum: on every pair, or on a sparse candidate graph.
///
/// # Examples
///
/// ```
/// use mentor_match::generate::Population;
/// use mentor_match::{Matcher, Method};
///
/// let roster = Population::new(200, 200).with_seed(4).roster()?;
/// let dense = Matcher::new().with_method(Method::Dense).solve(&roster)?;
/// let sparse = Matcher::new().with_method(Method::Sparse).solve(&roster)?;
/// assert_eq!(sparse.pairs().len(), dense.pairs().len());
/// assert!(sparse.total_score() >= 0.999 * dense.total_score());
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Method {
    /// Dense up to [`SPARSE_ABOVE`] junior × senior pairs, sparse above, when the sparse method
    /// supports the matcher's options (else dense). The default.
    #[default]
    Auto,
    /// Score every pair and solve exactly on the full matrix: `O(J · S)` memory.
    Dense,
    /// Solve exactly on the [candidate graph](crate::candidates): each participant's best
    /// [`candidates_per_person`](crate::Matcher::with_candidates_per_person) partners, widened for
    /// the unmatched (see "Dense or sparse" in [`Matcher::solve`](crate::Matcher::solve)).
    /// Needs the [`MutualBenefit`](crate::MutualBenefit) scorer, the default strategy and no
    /// minimum numbers of partners (capacities above 1 are solved many to many); otherwise
    /// [`Error::SparseUnsupported`](crate::Error::SparseUnsupported).
    Sparse,
}

/// How a [`Method`] reads: its name as a string only.
#[derive(Deserialize)]
#[serde(remote = "Method", rename_all = "snake_case")]
enum MethodMirror {
    Auto,
    Dense,
    Sparse,
}

impl<'de> Deserialize<'de> for Method {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        strict::named(d, MethodMirror::deserialize)
    }
}

/// Above this many junior × senior pairs, [`Method::Auto`] solves sparse.
///
/// Up to it the dense method is affordable, and it proves the optimum over all pairs, not only
/// over the candidates: at 2,000 + 2,000 (4,000,000 pairs) it holds about 100 MB of scores and
/// takes about half a second. Beyond it the dense method grows with the square of the roster
/// (about 4 s and 0.7 GB at 5,000 + 5,000), while the sparse one took 0.06 s at 2,000 + 2,000
/// and 0.24 s at 5,000 + 5,000 (BENCHMARKS.md).
///
/// # Examples
///
/// Whether a roster of a given size will be solved sparse by default:
///
/// ```
/// use mentor_match::matcher::SPARSE_ABOVE;
///
/// let sparse = |juniors: usize, seniors: usize| juniors * seniors > SPARSE_ABOVE;
/// assert!(!sparse(2_000, 2_000));
/// assert!(sparse(2_001, 2_000));
/// ```
pub const SPARSE_ABOVE: usize = 4_000_000;
