//! What a round reports: the matching, and what changed since the previous one (pairs kept,
//! broken with the reason, new, and who sits out).

use super::spec::PairIds;
use crate::mentoring::matcher::Matching;
use crate::mentoring::model::Roster;
use crate::support::strict;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// Why a pair of the previous matching was not kept.
///
/// # Examples
///
/// ```
/// use mentor_match::programme::{BreakReason, PairIds, Programme};
/// use mentor_match::{Matcher, Roster};
///
/// // Jan left the programme since the last round.
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
///     {"id": "eva", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
/// let round = Programme::new(Matcher::new())
///     .with_previous([PairIds::new("ola", "jan")])
///     .round(&roster)?;
/// let why = &round.broken[0].why;
/// assert_eq!(why, &BreakReason::LeftProgramme { id: "jan".into() });
/// assert_eq!(why.to_string(), "`jan` left the programme");
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum BreakReason {
    /// One of the two is no longer in the roster.
    LeftProgramme {
        /// Who left.
        id: String,
    },
    /// One of the two has capacity 0 this round.
    Unavailable {
        /// Who is unavailable.
        id: String,
    },
    /// The coordinator banned the pair.
    Banned,
    /// The pair is in the history (an earlier round) or on the never-again list.
    InHistory,
    /// A hard rule now forbids the pair (for example after a change of department).
    RuleForbids {
        /// The rule's name.
        rule: String,
    },
    /// Neither partner learns anything from the other any more (changed wishes or skills).
    NothingToLearn,
    /// Someone's places were taken by locks, or their capacity went down.
    NoPlaceLeft {
        /// Whose places ran out.
        id: String,
    },
    /// Re-pairing lets more people have a partner than keeping every pair would.
    MorePeopleMatched {
        /// How many more people have a partner.
        more: usize,
    },
    /// Re-pairing forms more pairs (someone takes a further partner) than keeping every pair
    /// would, with as many people matched.
    MorePairs {
        /// How many more pairs.
        more: usize,
    },
    /// Re-pairing raises the total score by more than the keep bonus of the pairs it breaks.
    HigherScore {
        /// The total pair score gained over the best matching that keeps every pair.
        gain: f64,
        /// How many pairs were broken for that gain.
        broken: usize,
        /// The keep bonus per pair.
        keep_bonus: f64,
    },
}

/// How a [`BreakReason`] reads: `{"kind": ..., ...}` with exactly its variant's keys.
#[derive(Deserialize)]
#[serde(
    remote = "BreakReason",
    tag = "kind",
    rename_all = "snake_case",
    deny_unknown_fields
)]
enum BreakReasonMirror {
    LeftProgramme {
        id: String,
    },
    Unavailable {
        id: String,
    },
    Banned,
    InHistory,
    RuleForbids {
        rule: String,
    },
    NothingToLearn,
    NoPlaceLeft {
        id: String,
    },
    MorePeopleMatched {
        more: usize,
    },
    MorePairs {
        more: usize,
    },
    HigherScore {
        gain: f64,
        broken: usize,
        keep_bonus: f64,
    },
}

impl<'de> Deserialize<'de> for BreakReason {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        strict::tagged(d, BreakReasonMirror::deserialize)
    }
}

impl fmt::Display for BreakReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BreakReason::LeftProgramme { id } => write!(f, "`{id}` left the programme"),
            BreakReason::Unavailable { id } => {
                write!(f, "`{id}` is not available this round (capacity 0)")
            }
            BreakReason::Banned => f.write_str("the coordinator banned the pair"),
            BreakReason::InHistory => {
                f.write_str("the pair is in the history or on the never-again list")
            }
            BreakReason::RuleForbids { rule } => write!(f, "the rule `{rule}` now forbids it"),
            BreakReason::NothingToLearn => f.write_str("neither partner has anything to learn"),
            BreakReason::NoPlaceLeft { id } => write!(
                f,
                "`{id}` has no place left (taken by locked pairs, or a lower capacity)"
            ),
            BreakReason::MorePeopleMatched { more } => write!(
                f,
                "re-pairing gives {more} more {} a partner",
                if *more == 1 { "person" } else { "people" }
            ),
            BreakReason::MorePairs { more } => write!(
                f,
                "re-pairing forms {more} more pair{}",
                if *more == 1 { "" } else { "s" }
            ),
            BreakReason::HigherScore {
                gain,
                broken,
                keep_bonus,
            } => write!(
                f,
                "re-pairing raises the total score by {gain:.3}, more than the keep bonus of the \
                 {broken} broken pair{} ({broken} × {keep_bonus})",
                if *broken == 1 { "" } else { "s" }
            ),
        }
    }
}

/// A pair of the previous matching that was not kept, with the reason.
///
/// # Examples
///
/// ```
/// use mentor_match::programme::{BreakReason, PairIds, Programme};
/// use mentor_match::{Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
/// let round = Programme::new(Matcher::new())
///     .with_previous([PairIds::new("ola", "jan")])
///     .with_ban(PairIds::new("ola", "jan"))
///     .round(&roster)?;
/// assert_eq!(round.broken[0].pair, PairIds::new("ola", "jan"));
/// assert_eq!(round.broken[0].why, BreakReason::Banned);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Broken {
    /// The pair.
    pub pair: PairIds,
    /// Why it was broken.
    pub why: BreakReason,
}

/// How a [`Broken`] reads: an object of exactly its keys.
#[derive(Deserialize)]
#[serde(
    remote = "Broken",
    deny_unknown_fields,
    expecting = "a broken pair (a JSON object)"
)]
struct BrokenMirror {
    pair: PairIds,
    why: BreakReason,
}

strict::map_only!(Broken, BrokenMirror);

/// One round of a programme: the matching and what changed since the previous one.
///
/// # Examples
///
/// ```
/// use mentor_match::programme::{PairIds, Programme};
/// use mentor_match::{Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
///     {"id": "kai", "side": "junior", "skills": {"social-media": 5}},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}},
///     {"id": "eva", "side": "senior", "wishes": {"social-media": 4}}]}"#)?;
/// let round = Programme::new(Matcher::new())
///     .with_previous([PairIds::new("ola", "jan")])
///     .round(&roster)?;
/// assert_eq!(round.kept, [PairIds::new("ola", "jan")]);
/// assert_eq!(round.new, [PairIds::new("kai", "eva")]);
/// assert!(round.broken.is_empty() && round.sitting_out.is_empty());
/// assert_eq!(round.matching.strategy(), "programme");
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Round {
    /// The pairs with scores and lessons, and the unmatched with reasons. Its `strategy` is
    /// `programme`.
    pub matching: Matching,
    /// Previous pairs still together, in the matching's order.
    pub kept: Vec<PairIds>,
    /// Previous pairs not kept, with the reason, in the order they were given.
    pub broken: Vec<Broken>,
    /// Pairs that were not in the previous matching, in the matching's order.
    pub new: Vec<PairIds>,
    /// Available people (capacity at least 1) without a partner this round, in roster order.
    pub sitting_out: Vec<String>,
}

/// How a [`Round`] reads: an object of exactly its keys.
#[derive(Deserialize)]
#[serde(
    remote = "Round",
    deny_unknown_fields,
    expecting = "a round (a JSON object)"
)]
struct RoundMirror {
    matching: Matching,
    kept: Vec<PairIds>,
    broken: Vec<Broken>,
    new: Vec<PairIds>,
    sitting_out: Vec<String>,
}

strict::map_only!(Round, RoundMirror);

impl Round {
    /// The round of `matching`, given the `previous` pairs and those `broken` before or by
    /// solving: which pairs were kept, which are new, and who sits out.
    pub(super) fn new(
        roster: &Roster,
        matching: Matching,
        previous: &[PairIds],
        mut broken: Vec<Broken>,
    ) -> Self {
        let now: Vec<PairIds> = matching.pairs().iter().map(PairIds::from).collect();
        // A pair broken for a reason found before solving is still formed when it is locked.
        let formed: BTreeSet<&PairIds> = now.iter().collect();
        broken.retain(|b| !formed.contains(&b.pair));
        let before: BTreeSet<&PairIds> = previous.iter().collect();
        let (kept, new) = now.iter().cloned().partition(|p| before.contains(p));
        let sitting_out = roster
            .participants()
            .filter(|&p| roster.participant(p).capacity > 0)
            .map(|p| roster.id(p))
            .filter(|id| matching.pair_of(id).is_none())
            .map(str::to_owned)
            .collect();
        Round {
            matching,
            kept,
            broken,
            new,
            sitting_out,
        }
    }

    /// The round as pretty JSON.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::{PairIds, Programme};
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
    /// let round = Programme::new(Matcher::new())
    ///     .with_previous([PairIds::new("ola", "jan")])
    ///     .round(&roster)?;
    /// let json: serde_json::Value = serde_json::from_str(&round.to_json()).unwrap();
    /// assert_eq!(json["kept"][0]["senior"], "jan");
    /// assert_eq!(json["matching"]["strategy"], "programme");
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
