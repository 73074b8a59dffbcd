//! What the sparse method's result is proven optimal over: its candidate graph, or every pair.

use crate::support::strict;
use serde::{Deserialize, Deserializer, Serialize};

/// What [`Method::Sparse`](crate::Method::Sparse) proves its result optimal over. The dense
/// method always solves over every pair.
///
/// The sparse method solves exactly on a [candidate graph](crate::candidates), widened for the
/// people it leaves out. Its optimum is usually the roster's, but where scores saturate (many
/// partners tie for someone's best) the roster's optimum can need pairs outside everyone's
/// lists: on generated rosters of 2,000 + 2,000 (seeds 2 and 3) the graph's optimum was
/// 0.008 % and 0.004 % below the dense one, at 20,000 + 20,000 (seed 3) 0.02 %.
/// [`EveryPair`](Self::EveryPair) closes that gap and proves it closed, at a price in time.
///
/// # Examples
///
/// ```
/// use mentor_match::generate::Population;
/// use mentor_match::{Guarantee, Matcher, Method};
///
/// let roster = Population::new(300, 300).with_seed(2).roster()?;
/// let sparse = Matcher::new()
///     .with_method(Method::Sparse)
///     .with_candidates_per_person(2)
///     .with_guarantee(Guarantee::EveryPair)
///     .solve(&roster)?;
/// let dense = Matcher::new().with_method(Method::Dense).solve(&roster)?;
/// assert_eq!(sparse.pairs().len(), dense.pairs().len());
/// assert!((sparse.total_score() - dense.total_score()).abs() < 1e-9);
/// # Ok::<(), mentor_match::Error>(())
/// ```
///
/// It reads and writes as its name in snake case (`"candidate_graph"`, `"every_pair"`), a
/// string only, as the Python package's `guarantee=` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Guarantee {
    /// The optimum of the widened candidate graph, with the engine's certificate for that
    /// graph (the default: the fastest).
    #[default]
    CandidateGraph,
    /// The optimum over every pair the rules allow, as the dense method finds it. After the
    /// graph is solved, every pair outside it is checked against the optimum's prices (its
    /// dual potentials, in exact arithmetic), without scoring most pairs; the pairs that
    /// score above their prices join the graph, which is solved again, until none does: then
    /// the prices prove the result optimal over the whole roster. One to one the proof is
    /// exact: the prices are the engine's certificate itself, its potentials with what their
    /// rounding to `f64` took off them, so a pair that ties with its prices in the roster is a
    /// tie, not a gain (where a potential's rest does not fit one float, for scores spanning
    /// extreme magnitudes, the result is returned unproven, as below). So is it under
    /// capacities where every junior takes one partner and the optimum is found on copies of
    /// the seniors' places: the prices are the copies' potentials with their rests (where a
    /// rest does not fit, the network prices it). Otherwise under capacities the prices are
    /// the final network's labels, exact where sums of scores are, else within rounding. With
    /// the most pairs, when people who could still pair are left with room on both sides (the
    /// prices cannot show whether a pair outside the graph would let the matching grow), the
    /// graph's optimum is returned as it is, unproven (in every property test case it was
    /// the dense optimum all the same).
    ///
    /// Measured on generated rosters (BENCHMARKS.md): at 20,000 + 20,000 end to end 2.1–2.3 /
    /// 5.0–5.1 / 7.3–7.7 s on seeds 1 to 3 against 0.81–0.97 / 0.96 / 0.91–0.92 s without it
    /// (30.7–30.8 s on seed 5); at 20,000 juniors + 5,000 seniors of capacity 4, 1.9–2.1 /
    /// 9.4–9.9 / 10.6–11.7 s against 0.95–0.99 / 1.8 / 3.0–3.1 s, where the graph's optimum
    /// was 0.0001 %, 0.66 % and 0.87 % below the proven one.
    EveryPair,
}

/// How a [`Guarantee`] reads: its name as a string only.
#[derive(Deserialize)]
#[serde(remote = "Guarantee", rename_all = "snake_case")]
enum GuaranteeMirror {
    CandidateGraph,
    EveryPair,
}

impl<'de> Deserialize<'de> for Guarantee {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        strict::named(d, GuaranteeMirror::deserialize)
    }
}
