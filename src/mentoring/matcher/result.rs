//! What a matching says: the pairs with what each partner teaches the other, and everyone
//! unmatched with the reason. Each type writes itself as JSON and reads back strictly.

use super::choice_report::ChoiceReport;
use super::objective::Objective;
use crate::mentoring::model::Side;
use crate::mentoring::score::{Lesson, ScoreParts};
use crate::support::format_version::FormatVersion;
use crate::support::strict;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// One pair of the matching, with what each partner teaches the other.
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "wishes": {"career-planning": 2}},
///     {"id": "jan", "side": "senior", "skills": {"career-planning": 5}, "wishes": {"cloud-tools": 4}}]}"#)?;
/// let matching = Matcher::new().solve(&roster)?;
/// let pair = &matching.pairs()[0];
/// assert_eq!((pair.junior.as_str(), pair.senior.as_str()), ("ola", "jan"));
/// assert_eq!((pair.junior_gain, pair.senior_gain), (1.0, 1.0));
/// assert_eq!(pair.score, 1.0);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Pair {
    /// The junior's id.
    pub junior: String,
    /// The senior's id.
    pub senior: String,
    /// The combined pair score, in `[0, 1]`.
    pub score: f64,
    /// What the junior gains from the senior, in `[0, 1]`.
    pub junior_gain: f64,
    /// What the senior gains from the junior, in `[0, 1]`.
    pub senior_gain: f64,
    /// What the senior teaches the junior, biggest share first.
    pub junior_learns: Vec<Lesson>,
    /// What the junior teaches the senior, biggest share first.
    pub senior_learns: Vec<Lesson>,
    /// The score taken apart (benefit, each criterion, choices) when the roster has soft
    /// criteria or stated choices; absent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parts: Option<ScoreParts>,
}

/// How a [`Pair`] reads: an object of exactly its keys (see [`crate::strict`]).
#[derive(Deserialize)]
#[serde(remote = "Pair", deny_unknown_fields)]
struct PairMirror {
    junior: String,
    senior: String,
    score: f64,
    junior_gain: f64,
    senior_gain: f64,
    junior_learns: Vec<Lesson>,
    senior_learns: Vec<Lesson>,
    #[serde(default)]
    parts: Option<ScoreParts>,
}

strict::map_only!(Pair, PairMirror);

/// How many of a participant's possible partners one rule excluded.
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Reason, Roster};
///
/// // Ola and Jan share no language: the default rule excludes Ola's only partner.
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "languages": ["pl"]},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}, "languages": ["en"]}]}"#)?;
/// let matching = Matcher::new().solve(&roster)?;
/// let Reason::NoAllowedPartner { excluded_by } = &matching.unmatched()[0].reason else {
///     panic!("ola has no allowed partner");
/// };
/// assert_eq!(
///     (excluded_by[0].rule.as_str(), excluded_by[0].partners),
///     ("shared_language", 1)
/// );
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct RuleExclusion {
    /// The rule's name.
    pub rule: String,
    /// How many partners it excluded (each pair is counted for the first rule that forbids it).
    pub partners: usize,
}

/// Why a participant is unmatched.
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Reason, Roster, Side};
///
/// let roster = Roster::from_json(r#"{"participants": [{"id": "ola", "side": "junior"}]}"#)?;
/// let m = Matcher::new().solve(&roster)?;
/// assert_eq!(m.unmatched()[0].reason, Reason::OtherSideEmpty { side: Side::Senior });
/// assert_eq!(m.unmatched()[0].reason.to_string(), "nobody is available on the senior side");
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Reason {
    /// Capacity 0: not available this round.
    Unavailable,
    /// Nobody is available on the other side.
    OtherSideEmpty {
        /// The empty side.
        side: Side,
    },
    /// Every possible partner is excluded by a rule.
    NoAllowedPartner {
        /// Which rules excluded how many partners.
        excluded_by: Vec<RuleExclusion>,
    },
    /// Partners are allowed, but no pair with them scores above zero: nobody learns anything,
    /// or (under [`Combination::Minimum`](crate::Combination::Minimum) or
    /// [`Combination::Product`](crate::Combination::Product)) only one side would.
    NothingToLearn {
        /// How many partners the rules allow.
        allowed_partners: usize,
    },
    /// Every partner with whom someone would learn was matched with someone else, because the
    /// optimum needed them there.
    PartnersTaken {
        /// How many such partners there were.
        candidates: usize,
    },
}

/// How a [`RuleExclusion`] reads: an object of exactly its keys.
#[derive(Deserialize)]
#[serde(remote = "RuleExclusion", deny_unknown_fields)]
struct RuleExclusionMirror {
    rule: String,
    partners: usize,
}

strict::map_only!(RuleExclusion, RuleExclusionMirror);

/// How a [`Reason`] reads: `{"kind": ..., ...}` with exactly its variant's keys.
#[derive(Deserialize)]
#[serde(
    remote = "Reason",
    tag = "kind",
    rename_all = "snake_case",
    deny_unknown_fields
)]
enum ReasonMirror {
    Unavailable,
    OtherSideEmpty { side: Side },
    NoAllowedPartner { excluded_by: Vec<RuleExclusion> },
    NothingToLearn { allowed_partners: usize },
    PartnersTaken { candidates: usize },
}

impl<'de> Deserialize<'de> for Reason {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        strict::tagged(d, ReasonMirror::deserialize)
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Unavailable => f.write_str("not available this round (capacity 0)"),
            Reason::OtherSideEmpty { side } => write!(f, "nobody is available on the {side} side"),
            Reason::NoAllowedPartner { excluded_by } => {
                f.write_str("no allowed partner: excluded by ")?;
                for (k, e) in excluded_by.iter().enumerate() {
                    let sep = if k > 0 { ", " } else { "" };
                    write!(
                        f,
                        "{sep}{} ({} partner{})",
                        e.rule,
                        e.partners,
                        if e.partners == 1 { "" } else { "s" }
                    )?;
                }
                Ok(())
            }
            Reason::NothingToLearn { allowed_partners } => write!(
                f,
                "no pair with the {allowed_partners} allowed partner{} scores above zero: nobody to \
                 learn from or teach (or, under a minimum or product combination, only one side would learn)",
                if *allowed_partners == 1 { "" } else { "s" }
            ),
            Reason::PartnersTaken { candidates: 1 } => f.write_str(
                "the only partner with something to learn was matched with someone else",
            ),
            Reason::PartnersTaken { candidates } => write!(
                f,
                "all {candidates} partners with something to learn were matched with others"
            ),
        }
    }
}

/// A participant left unmatched, with the reason.
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Reason, Roster, Side};
///
/// // Jan can take one partner, and learns most from Ola.
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
///     {"id": "kai", "side": "junior", "skills": {"cloud-tools": 1}},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
/// let matching = Matcher::new().solve(&roster)?;
/// let kai = &matching.unmatched()[0];
/// assert_eq!((kai.id.as_str(), kai.side), ("kai", Side::Junior));
/// assert_eq!(kai.reason, Reason::PartnersTaken { candidates: 1 });
/// assert!(kai.excluded_by.is_empty());
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Unmatched {
    /// Their id.
    pub id: String,
    /// Their side.
    pub side: Side,
    /// Why.
    pub reason: Reason,
    /// How many of their possible partners each rule, `must` criterion, `avoid` list or the
    /// top-choice guarantee excluded, when some partners were allowed (when none was, the
    /// reason [`Reason::NoAllowedPartner`] lists them itself). Empty when nothing excluded
    /// anyone, and under the sparse method for someone with partners in the candidate graph
    /// (their possible partners are not scanned).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excluded_by: Vec<RuleExclusion>,
}

/// How an [`Unmatched`] reads: an object of exactly its keys.
#[derive(Deserialize)]
#[serde(remote = "Unmatched", deny_unknown_fields)]
struct UnmatchedMirror {
    id: String,
    side: Side,
    reason: Reason,
    #[serde(default)]
    excluded_by: Vec<RuleExclusion>,
}

strict::map_only!(Unmatched, UnmatchedMirror);

/// The result of [`Matcher::solve`](crate::Matcher::solve): pairs with explanations, and the
/// unmatched with reasons.
///
/// Serialises to JSON with the keys `format` (the layout version, see [`FormatVersion`]),
/// `pairs` (each with `junior`, `senior`, `score`, the gains, the lessons and, when the
/// roster has soft criteria or stated choices, `parts`), `unmatched` (each with `id`, `side`,
/// `reason` and, when rules or criteria excluded partners, `excluded_by`), `total_score`,
/// `objective`, `strategy` and, when anyone listed choices, `choices` (see
/// [`ChoiceReport`]), and reads back from the same (only those keys, each once; `format` may
/// be missing).
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
/// let m = Matcher::new().solve(&roster)?;
/// assert_eq!(m.partner_of("jan"), Some("ola"));
/// let json = serde_json::to_value(&m).unwrap();
/// assert_eq!(json["pairs"][0]["senior"], "jan");
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Matching {
    // Read through the accessors only (one way to read a matching); the total is kept equal to
    // the pairs' scores by construction. `format` comes first in the JSON: the layout version.
    pub(crate) format: FormatVersion,
    pub(crate) pairs: Vec<Pair>,
    pub(crate) unmatched: Vec<Unmatched>,
    pub(crate) total_score: f64,
    pub(crate) objective: Objective,
    pub(crate) strategy: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) choices: Option<ChoiceReport>,
}

/// How a [`Matching`] reads: an object of exactly its keys.
#[derive(Deserialize)]
#[serde(remote = "Matching", deny_unknown_fields)]
struct MatchingMirror {
    // Documents written before the key existed have none.
    #[serde(default)]
    format: FormatVersion,
    pairs: Vec<Pair>,
    unmatched: Vec<Unmatched>,
    total_score: f64,
    objective: Objective,
    strategy: String,
    #[serde(default)]
    choices: Option<ChoiceReport>,
}

strict::map_only!(Matching, MatchingMirror);

impl Matching {
    /// The matching of `pairs` and `unmatched`, with the pairs' total score.
    pub(super) fn new(
        pairs: Vec<Pair>,
        unmatched: Vec<Unmatched>,
        objective: Objective,
        strategy: &str,
    ) -> Self {
        Matching {
            format: FormatVersion,
            total_score: pairs.iter().fold(0.0, |sum, p| sum + p.score),
            pairs,
            unmatched,
            objective,
            strategy: strategy.to_owned(),
            choices: None,
        }
    }

    /// The matching labelled with the objective it was asked for (one that chose the same
    /// pairs as another may have been solved as that one).
    pub(super) fn with_objective(mut self, objective: Objective) -> Self {
        self.objective = objective;
        self
    }

    /// The matching with its choice report.
    pub(super) fn with_choices(mut self, choices: Option<ChoiceReport>) -> Self {
        self.choices = choices;
        self
    }

    /// How many on each side got their first choice, one of their top three, or none of
    /// their choices; `None` when nobody listed choices.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "choices": ["jan"]},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
    /// let report = *Matcher::new().solve(&roster)?.choices().unwrap();
    /// assert_eq!((report.juniors.stated, report.juniors.first), (1, 1));
    /// // Nobody listed choices: no report.
    /// let quiet = Roster::from_json(r#"{"participants": [{"id": "ola", "side": "junior"}]}"#)?;
    /// assert!(Matcher::new().solve(&quiet)?.choices().is_none());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn choices(&self) -> Option<&ChoiceReport> {
        self.choices.as_ref()
    }

    /// The pairs, in the order of the juniors in the roster.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
    ///     {"id": "kai", "side": "junior", "skills": {"social-media": 5}},
    ///     {"id": "jan", "side": "senior", "wishes": {"social-media": 4}},
    ///     {"id": "eva", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
    /// let matching = Matcher::new().solve(&roster)?;
    /// let pairs: Vec<_> = matching
    ///     .pairs()
    ///     .iter()
    ///     .map(|p| (&*p.junior, &*p.senior))
    ///     .collect();
    /// assert_eq!(pairs, [("ola", "eva"), ("kai", "jan")]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn pairs(&self) -> &[Pair] {
        &self.pairs
    }

    /// Everyone unmatched, with reasons, in roster order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Reason, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}},
    ///     {"id": "eva", "side": "senior", "capacity": 0}]}"#)?;
    /// let matching = Matcher::new().solve(&roster)?;
    /// assert_eq!(matching.unmatched().len(), 1);
    /// assert_eq!(matching.unmatched()[0].id, "eva");
    /// assert_eq!(matching.unmatched()[0].reason, Reason::Unavailable);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn unmatched(&self) -> &[Unmatched] {
        &self.unmatched
    }

    /// The sum of the pair scores.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5},
    ///      "wishes": {"strategy": 2}},
    ///     {"id": "kai", "side": "junior", "skills": {"social-media": 5}},
    ///     {"id": "jan", "side": "senior", "skills": {"strategy": 5},
    ///      "wishes": {"cloud-tools": 4}},
    ///     {"id": "eva", "side": "senior", "wishes": {"social-media": 4}}]}"#)?;
    /// let matching = Matcher::new().solve(&roster)?;
    /// let sum: f64 = matching.pairs().iter().map(|p| p.score).sum();
    /// assert!((matching.total_score() - sum).abs() < 1e-12);
    /// assert!(matching.total_score() > 1.0);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn total_score(&self) -> f64 {
        self.total_score
    }

    /// What was optimised by the default strategy.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Objective, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [{"id": "ola", "side": "junior"}]}"#)?;
    /// assert_eq!(
    ///     Matcher::new().solve(&roster)?.objective(),
    ///     Objective::MostPairs
    /// );
    /// let matcher = Matcher::new().with_objective(Objective::TotalScore);
    /// assert_eq!(matcher.solve(&roster)?.objective(), Objective::TotalScore);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn objective(&self) -> Objective {
        self.objective
    }

    /// The name of the strategy that paired the participants (`utilitarian` by default).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Greedy;
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [{"id": "ola", "side": "junior"}]}"#)?;
    /// assert_eq!(Matcher::new().solve(&roster)?.strategy(), "utilitarian");
    /// let greedy = Matcher::new().with_strategy(Greedy).solve(&roster)?;
    /// assert_eq!(greedy.strategy(), "greedy");
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn strategy(&self) -> &str {
        &self.strategy
    }

    /// The first pair that includes the participant `id`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}},
    ///     {"id": "eva", "side": "senior"}]}"#)?;
    /// let matching = Matcher::new().solve(&roster)?;
    /// let pair = matching.pair_of("jan").unwrap();
    /// assert_eq!(pair.senior_learns[0].skill, "cloud-tools");
    /// assert!(matching.pair_of("eva").is_none());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn pair_of(&self, id: &str) -> Option<&Pair> {
        self.pairs.iter().find(|p| p.junior == id || p.senior == id)
    }

    /// The first partner of the participant `id` (see [`partners_of`](Self::partners_of) for
    /// participants with several).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}},
    ///     {"id": "eva", "side": "senior"}]}"#)?;
    /// let matching = Matcher::new().solve(&roster)?;
    /// assert_eq!(matching.partner_of("ola"), Some("jan"));
    /// assert_eq!(matching.partner_of("jan"), Some("ola"));
    /// assert_eq!(matching.partner_of("eva"), None);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn partner_of(&self, id: &str) -> Option<&str> {
        self.pair_of(id).map(|p| {
            if p.junior == id {
                p.senior.as_str()
            } else {
                p.junior.as_str()
            }
        })
    }

    /// Every partner of the participant `id`, in the order of the pairs: several when their
    /// capacity is above 1.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "wishes": {"strategy": 4}},
    ///     {"id": "kai", "side": "junior", "wishes": {"strategy": 5}},
    ///     {"id": "jan", "side": "senior", "skills": {"strategy": 5}, "capacity": 2}]}"#)?;
    /// let matching = Matcher::new().solve(&roster)?;
    /// assert_eq!(matching.partners_of("jan"), ["ola", "kai"]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn partners_of(&self, id: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter_map(|p| {
                if p.junior == id {
                    Some(p.senior.as_str())
                } else if p.senior == id {
                    Some(p.junior.as_str())
                } else {
                    None
                }
            })
            .collect()
    }

    /// The matching as one JSON object.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5},
    ///      "wishes": {"strategy": 2}},
    ///     {"id": "jan", "side": "senior", "skills": {"strategy": 5},
    ///      "wishes": {"cloud-tools": 4}}]}"#)?;
    /// let json = Matcher::new().solve(&roster)?.to_json();
    /// let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    /// assert_eq!(value["pairs"][0]["junior"], "ola");
    /// assert_eq!(value["total_score"], 1.0);
    /// assert_eq!(value["strategy"], "utilitarian");
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
