//! Whose preferences a strategy other than the default reads: those the scores induce, or
//! those the participants stated.

use crate::support::strict;
use serde::{Deserialize, Deserializer, Serialize};

/// What a [strategy](crate::strategy) set with [`Matcher::with_strategy`](super::Matcher::with_strategy)
/// ranks partners by. The default utilitarian matching always maximises the pair scores
/// (which already blend stated choices in, see [`crate::score::criteria`]).
///
/// # Examples
///
/// ```
/// use mentor_match::matcher::PreferenceSource;
/// use mentor_match::strategy::{DeferredAcceptance, Proposers};
/// use mentor_match::{Matcher, Roster};
///
/// // Ola learns more from Jan, but said she wants Eva.
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "wishes": {"strategy": 5}, "choices": ["eva"]},
///     {"id": "jan", "side": "senior", "skills": {"strategy": 5}},
///     {"id": "eva", "side": "senior", "skills": {"strategy": 2}}]}"#)?;
/// let da = Matcher::new().with_strategy(DeferredAcceptance::new(Proposers::Juniors));
/// assert_eq!(da.solve(&roster)?.partner_of("ola"), Some("jan"));
/// let stated = da.with_preferences(PreferenceSource::Stated).solve(&roster)?;
/// assert_eq!(stated.partner_of("ola"), Some("eva"));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PreferenceSource {
    /// Each participant ranks the partners the rules allow by what they would gain (their
    /// side's blended gain), ties to the earlier in the roster; partners with whom the pair
    /// scores 0 are not acceptable.
    #[default]
    Induced,
    /// What people said. A participant who listed choices or gave ratings finds acceptable
    /// exactly the people they named, ranked by what they said of them
    /// ([`Roster::stated`](crate::Roster::stated): the first choice highest, ratings as
    /// given), ties to the earlier in the roster; incomplete lists are incomplete. A
    /// participant who said nothing ranks everyone the rules allow by their own blended gain,
    /// as under [`Induced`](Self::Induced), except that partners with whom the pair scores 0
    /// stay acceptable. The rules, `must` criteria and `avoid` lists still forbid pairs.
    Stated,
}

/// How a [`PreferenceSource`] reads: its name as a string only.
#[derive(Deserialize)]
#[serde(remote = "PreferenceSource", rename_all = "snake_case")]
enum PreferenceSourceMirror {
    Induced,
    Stated,
}

impl<'de> Deserialize<'de> for PreferenceSource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        strict::named(d, PreferenceSourceMirror::deserialize)
    }
}
