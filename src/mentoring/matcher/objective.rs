//! What the matching optimises: the most pairs first, or the total score alone.

use crate::support::strict;
use serde::{Deserialize, Deserializer, Serialize};

/// What the matching optimises.
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Objective, Roster};
///
/// // Jan mostly wants AI assistants, which only Ola teaches; Kim wants cloud tools.
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"ai-assistants": 5, "cloud-tools": 5}},
///     {"id": "eve", "side": "junior", "skills": {"cloud-tools": 2}},
///     {"id": "jan", "side": "senior", "wishes": {"ai-assistants": 5, "cloud-tools": 1}},
///     {"id": "kim", "side": "senior", "wishes": {"cloud-tools": 5}}]}"#)?;
/// let most = Matcher::new().solve(&roster)?;
/// assert_eq!(most.pairs().len(), 2);
/// let best = Matcher::new().with_objective(Objective::TotalScore).solve(&roster)?;
/// assert!(best.total_score() >= most.total_score());
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Objective {
    /// Match as many participants as the rules allow, then maximise the total pair score among
    /// those matchings. The default: a programme usually wants everyone who can be matched to
    /// be matched.
    #[default]
    MostPairs,
    /// Maximise the total pair score alone. Pair scores are positive, so this leaves someone
    /// unmatched only when matching them would lower the total elsewhere by more.
    ///
    /// Under capacities the spreading level comes first (see
    /// [`Matcher::with_spreading`](crate::Matcher::with_spreading)): the most people with a
    /// partner. Where everyone on one side takes one partner, that already needs the most
    /// pairs, so the optimal sets of pairs are those of [`MostPairs`](Self::MostPairs), and
    /// the sparse method solves it as that objective.
    /// [`Spreading::Free`](crate::capacitated::Spreading::Free) drops the level and weighs
    /// the total alone.
    TotalScore,
}

/// How an [`Objective`] reads: its name as a string only (see [`crate::strict`]).
#[derive(Deserialize)]
#[serde(remote = "Objective", rename_all = "snake_case")]
enum ObjectiveMirror {
    MostPairs,
    TotalScore,
}

impl<'de> Deserialize<'de> for Objective {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        strict::named(d, ObjectiveMirror::deserialize)
    }
}
