//! Running a real programme: locked and banned pairs, rematching with little disruption, and
//! rotation rounds in which no pair meets twice.
//!
//! A [`Programme`] owns a [`Matcher`] (its scorer and rules) and adds what a coordinator
//! decides around the optimum:
//!
//! - **locks** ([`Lock`]): pairs kept whatever their score. A lock that breaks a hard rule is an
//!   error unless it is marked as an override; an override may also exceed the capacity of the
//!   people it names (their capacity is raised to their number of locks);
//! - **bans**: pairs never formed;
//! - a **history** ([`History`]): pairs of earlier rounds and pairs that must never meet again,
//!   all of them never formed;
//! - the **previous** matching: its pairs are kept unless changing them gains enough. Each
//!   previous pair that is still allowed earns a *keep bonus* ([`DEFAULT_KEEP_BONUS`] = 0.1 by
//!   default) on top of its score, so a rematch that breaks `k` pairs must raise the total
//!   score by more than `k × keep_bonus`.
//!
//! Everything else is solved exactly around them by the [many-to-many
//! solver](crate::capacitated) with the matcher's default objective: the most people with a
//! first partner, then the most pairs, then the highest total (pair scores plus keep bonuses).
//! The keep bonus only acts on the total: a pair is always broken when that lets more people
//! have a partner.
//!
//! [`Programme::round`] plans one round and reports what changed since the previous matching
//! ([`Round`]: pairs kept, broken with the reason, new, and who sits out).
//! [`Programme::rounds`] plans a rotation in which no pair repeats, one round after another
//! (each optimal given the earlier ones, not jointly optimal), rotating who sits out.
//!
//! All inputs and outputs are serde types with ids as strings; [`ProgrammeSpec`] holds a
//! coordinator's locks, bans, history, previous pairs and keep bonus as one JSON document.
//!
//! # Examples
//!
//! Ola and Kai both learn best from Jan. The coordinator locks Kai with Jan, so Ola gets Eva:
//!
//! ```
//! use mentor_match::programme::{Lock, Programme};
//! use mentor_match::{Matcher, Roster};
//!
//! let roster = Roster::from_json(r#"{"participants": [
//!   {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "wishes": {"negotiation": 5}},
//!   {"id": "kai", "side": "junior", "skills": {"cloud-tools": 3}, "wishes": {"negotiation": 2}},
//!   {"id": "jan", "side": "senior", "skills": {"negotiation": 5}, "wishes": {"cloud-tools": 5}},
//!   {"id": "eva", "side": "senior", "skills": {"negotiation": 2}, "wishes": {"cloud-tools": 2}}]}"#)?;
//! let round = Programme::new(Matcher::new())
//!     .with_lock(Lock::new("kai", "jan"))
//!     .round(&roster)?;
//! assert_eq!(round.matching.partner_of("kai"), Some("jan"));
//! assert_eq!(round.matching.partner_of("ola"), Some("eva"));
//! # Ok::<(), mentor_match::Error>(())
//! ```

use crate::matching::capacitated::{self, Options, Problem, Spreading};
use crate::matching::pair_scores::Combination;
use crate::mentoring::error::{Error, MatrixError, Result};
use crate::mentoring::matcher::{Matcher, Matching, Objective, Pair};
use crate::mentoring::mistakes::Mistakes;
use crate::mentoring::model::{ParticipantId, Roster, Side};
use crate::mentoring::roster_scores::RosterScores;
use crate::support::strict::{self, MapOnly};
use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The keep bonus used unless [`Programme::keep_bonus`] sets another: 0.1 per kept pair.
///
/// Pair scores lie in `[0, 1]` (a good pair of the pilot roster scores about 0.4 to 0.9), so a
/// rematch must raise the total by more than a tenth of a perfect pair for each pair it
/// breaks: small reshuffles that gain a few hundredths are not worth a broken relationship,
/// while a clearly better partner still wins.
pub const DEFAULT_KEEP_BONUS: f64 = 0.1;

/// The largest keep bonus accepted: 1,000,000 per kept pair.
///
/// A pair score is at most 1, so a rematch can gain at most 1 per pair formed: any bonus
/// above the number of pairs already means "never break a pair for a higher score" (pairs
/// are still broken when that lets more people have a partner). Larger bonuses add nothing but
/// would drown the pair scores in the solver's totals: with this bound, totals of a million
/// pairs stay below 1e12, where `f64` still tells scores apart to about 1e-4.
///
/// # Examples
///
/// ```
/// use mentor_match::programme::{MAX_KEEP_BONUS, PairIds, Programme};
/// use mentor_match::{Error, Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///   {"id": "ola", "side": "junior", "skills": {"cloud-tools": 2}},
///   {"id": "kai", "side": "junior", "skills": {"cloud-tools": 5}},
///   {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 5}}]}"#)?;
/// let keep = |bonus| Programme::new(Matcher::new()).with_previous([PairIds::new("ola", "jan")]).with_keep_bonus(bonus);
/// // The largest bonus keeps Ola with Jan, though Kai would teach Jan more.
/// assert_eq!(keep(MAX_KEEP_BONUS).round(&roster)?.kept, [PairIds::new("ola", "jan")]);
/// let err = keep(2.0 * MAX_KEEP_BONUS).round(&roster).unwrap_err();
/// assert!(matches!(err, Error::InvalidOption { option: "keep_bonus", .. }));
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub const MAX_KEEP_BONUS: f64 = 1e6;

/// [`Error::InvalidOption`] naming `keep_bonus` unless `bonus` is in `[0, MAX_KEEP_BONUS]`.
fn check_keep_bonus(bonus: f64) -> Result<()> {
    if (0.0..=MAX_KEEP_BONUS).contains(&bonus) {
        Ok(())
    } else {
        Err(Error::InvalidOption {
            option: "keep_bonus",
            value: bonus,
            expected: "a number from 0 to 1e6 (MAX_KEEP_BONUS)",
        })
    }
}

/// A pair named by the ids of its junior and senior.
///
/// Reads from a JSON object with `junior` and `senior` and, besides them, only the other keys
/// of a saved matching's pair ([`Pair`]: `score`, `junior_gain`, `senior_gain`,
/// `junior_learns`, `senior_learns`, whose values are not read), so the `pairs` of a saved
/// [`Matching`] read as a list of `PairIds`. Any other key is an error, so a misspelt
/// `junoir` is not silently a pair without a junior.
///
/// # Examples
///
/// ```
/// use mentor_match::programme::PairIds;
///
/// let pairs: Vec<PairIds> = serde_json::from_str(
///     r#"[{"junior": "ola", "senior": "jan", "score": 0.8}]"#).unwrap();
/// assert_eq!(pairs, [PairIds::new("ola", "jan")]);
/// let typo = serde_json::from_str::<PairIds>(r#"{"junior": "ola", "senior": "jan", "scroe": 1}"#);
/// assert!(typo.unwrap_err().to_string().starts_with("unknown field `scroe`"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct PairIds {
    /// The junior's id.
    pub junior: String,
    /// The senior's id.
    pub senior: String,
}

/// A [`PairIds`] as written: the ids, and the other keys of a saved [`Pair`], unread.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
#[expect(
    dead_code,
    reason = "a saved pair's other values are accepted so that it reads back, not used"
)]
struct PairIdsData {
    junior: String,
    senior: String,
    #[serde(default)]
    score: Option<IgnoredAny>,
    #[serde(default)]
    junior_gain: Option<IgnoredAny>,
    #[serde(default)]
    senior_gain: Option<IgnoredAny>,
    #[serde(default)]
    junior_learns: Option<IgnoredAny>,
    #[serde(default)]
    senior_learns: Option<IgnoredAny>,
}

impl<'de> Deserialize<'de> for PairIds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let data = PairIdsData::deserialize(MapOnly(d))?;
        Ok(PairIds::new(data.junior, data.senior))
    }
}

impl PairIds {
    /// The pair of `junior` and `senior`.
    pub fn new(junior: impl Into<String>, senior: impl Into<String>) -> Self {
        PairIds {
            junior: junior.into(),
            senior: senior.into(),
        }
    }
}

impl From<&Pair> for PairIds {
    fn from(pair: &Pair) -> Self {
        PairIds::new(pair.junior.clone(), pair.senior.clone())
    }
}

impl From<&PairIds> for PairIds {
    fn from(pair: &PairIds) -> Self {
        pair.clone()
    }
}

impl fmt::Display for PairIds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} – {}", self.junior, self.senior)
    }
}

/// A pair the coordinator fixes: it is in every result, whatever its score.
///
/// # Examples
///
/// ```
/// use mentor_match::programme::Lock;
///
/// let lock: Lock = serde_json::from_str(r#"{"junior": "ola", "senior": "jan"}"#).unwrap();
/// assert_eq!(lock, Lock::new("ola", "jan"));
/// assert!(Lock::new("ola", "jan").overriding_rules().override_rules);
/// // A misspelt key is an error, not a lock that silently respects the rules.
/// let typo = r#"{"junior": "ola", "senior": "jan", "override_rule": true}"#;
/// assert!(serde_json::from_str::<Lock>(typo).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Lock {
    /// The junior's id.
    pub junior: String,
    /// The senior's id.
    pub senior: String,
    /// Keep the pair even if it breaks a hard rule, or needs more places than its people
    /// offer (their capacity is then raised to their number of locks). `false` by default.
    #[serde(default)]
    pub override_rules: bool,
}

/// How a [`Lock`] reads: an object of known keys (see [`crate::strict`]).
#[derive(Deserialize)]
#[serde(remote = "Lock", deny_unknown_fields)]
struct LockMirror {
    junior: String,
    senior: String,
    #[serde(default)]
    override_rules: bool,
}

strict::map_only!(Lock, LockMirror);

impl Lock {
    /// A lock of `junior` with `senior` that must respect the rules and capacities.
    pub fn new(junior: impl Into<String>, senior: impl Into<String>) -> Self {
        Lock {
            junior: junior.into(),
            senior: senior.into(),
            override_rules: false,
        }
    }

    /// Marks the lock as the coordinator's override of the rules and capacities.
    pub fn overriding_rules(mut self) -> Self {
        self.override_rules = true;
        self
    }
}

/// Who met whom before: pairs that must not be formed again.
///
/// Every id must be in the roster; use [`retain_roster`](Self::retain_roster) to drop the
/// pairs of people who left.
///
/// # Examples
///
/// ```
/// use mentor_match::programme::{History, PairIds};
///
/// let history: History = serde_json::from_str(r#"{
///     "rounds": [[{"junior": "ola", "senior": "jan"}]],
///     "never_again": [{"junior": "kai", "senior": "eva"}]}"#).unwrap();
/// assert_eq!(history.rounds[0], [PairIds::new("ola", "jan")]);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct History {
    /// The pairs of each earlier round, oldest first.
    #[serde(default)]
    pub rounds: Vec<Vec<PairIds>>,
    /// Pairs that must never meet (again), whether or not they met.
    #[serde(default)]
    pub never_again: Vec<PairIds>,
}

/// How a [`History`] reads: an object of known keys.
#[derive(Deserialize)]
#[serde(remote = "History", deny_unknown_fields)]
struct HistoryMirror {
    #[serde(default)]
    rounds: Vec<Vec<PairIds>>,
    #[serde(default)]
    never_again: Vec<PairIds>,
}

strict::map_only!(History, HistoryMirror);

impl History {
    /// Drops every pair that names someone not in `roster` (people who left).
    pub fn retain_roster(&mut self, roster: &Roster) {
        let present =
            |p: &PairIds| roster.find(&p.junior).is_some() && roster.find(&p.senior).is_some();
        for round in &mut self.rounds {
            round.retain(present);
        }
        self.never_again.retain(present);
    }
}

/// A coordinator's decisions as one JSON document: locks, bans, history, the previous pairs and
/// the keep bonus, every key optional.
///
/// # Examples
///
/// ```
/// use mentor_match::programme::{Programme, ProgrammeSpec};
/// use mentor_match::{Matcher, Roster};
///
/// let spec = ProgrammeSpec::from_json(r#"{
///     "bans": [{"junior": "ola", "senior": "jan"}],
///     "keep_bonus": 0.2}"#)?;
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
/// let round = Programme::new(Matcher::new()).with_spec(spec).round(&roster)?;
/// assert!(round.matching.pairs().is_empty());
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ProgrammeSpec {
    /// Pairs kept whatever the score.
    #[serde(default)]
    pub locks: Vec<Lock>,
    /// Pairs never formed.
    #[serde(default)]
    pub bans: Vec<PairIds>,
    /// Pairs of earlier rounds and pairs that must never meet.
    #[serde(default)]
    pub history: History,
    /// The previous matching's pairs (a saved matching's `pairs` can be pasted as is).
    #[serde(default)]
    pub previous: Vec<PairIds>,
    /// The keep bonus, from 0 to [`MAX_KEEP_BONUS`]; [`DEFAULT_KEEP_BONUS`] when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_bonus: Option<f64>,
}

/// How a [`ProgrammeSpec`] reads: an object of known keys.
#[derive(Deserialize)]
#[serde(remote = "ProgrammeSpec", deny_unknown_fields)]
struct ProgrammeSpecMirror {
    #[serde(default)]
    locks: Vec<Lock>,
    #[serde(default)]
    bans: Vec<PairIds>,
    #[serde(default)]
    history: History,
    #[serde(default)]
    previous: Vec<PairIds>,
    #[serde(default)]
    keep_bonus: Option<f64>,
}

strict::map_only!(ProgrammeSpec, ProgrammeSpecMirror);

impl ProgrammeSpec {
    /// Reads a spec from JSON.
    ///
    /// The reading is strict, as for a roster: the document, each lock and pair must be a JSON
    /// object, no key may appear twice, and unknown keys are rejected (a misspelt
    /// `override_rules` is an error, not a lock that respects the rules). A pair may carry the
    /// other keys of a saved matching's pair (see [`PairIds`]).
    ///
    /// # Errors
    ///
    /// - [`Error::ProgrammeJson`] with the line and column of invalid JSON, a value of the
    ///   wrong type (an array for the document, say), an unknown or a repeated key;
    /// - [`Error::InvalidOption`] for a `keep_bonus` outside `[0, MAX_KEEP_BONUS]`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::ProgrammeSpec;
    /// use mentor_match::Error;
    ///
    /// let spec = ProgrammeSpec::from_json(r#"{
    ///     "locks": [{"junior": "lena", "senior": "piotr"}],
    ///     "bans": [{"junior": "ola", "senior": "jan"}],
    ///     "keep_bonus": 0.2}"#)?;
    /// assert_eq!(spec.locks[0].senior, "piotr");
    /// assert!(!spec.locks[0].override_rules);
    /// assert!(ProgrammeSpec::from_json(r#"{"lock": []}"#).is_err()); // a misspelt key
    /// assert!(ProgrammeSpec::from_json("[]").is_err()); // not an object
    /// let err = ProgrammeSpec::from_json(r#"{"keep_bonus": 1e308}"#).unwrap_err();
    /// assert!(matches!(err, Error::InvalidOption { option: "keep_bonus", .. }));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Self> {
        let spec: ProgrammeSpec = serde_json::from_str(text).map_err(|e| Error::ProgrammeJson {
            line: e.line(),
            column: e.column(),
            message: crate::mentoring::model::strip_position(&e),
        })?;
        if let Some(bonus) = spec.keep_bonus {
            check_keep_bonus(bonus)?;
        }
        Ok(spec)
    }

    /// The spec as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Why a pair of the previous matching was not kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Broken {
    /// The pair.
    pub pair: PairIds,
    /// Why it was broken.
    pub why: BreakReason,
}

/// How a [`Broken`] reads: an object of exactly its keys.
#[derive(Deserialize)]
#[serde(remote = "Broken", deny_unknown_fields)]
struct BrokenMirror {
    pair: PairIds,
    why: BreakReason,
}

strict::map_only!(Broken, BrokenMirror);

/// One round of a programme: the matching and what changed since the previous one.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
#[serde(remote = "Round", deny_unknown_fields)]
struct RoundMirror {
    matching: Matching,
    kept: Vec<PairIds>,
    broken: Vec<Broken>,
    new: Vec<PairIds>,
    sitting_out: Vec<String>,
}

strict::map_only!(Round, RoundMirror);

impl Round {
    /// The round as pretty JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// A programme's rounds: a [`Matcher`] plus the coordinator's locks, bans, history, previous
/// matching and keep bonus. See the [module docs](self).
///
/// The programme solves exactly with the matcher's scorer and rules and its default objective
/// (first partners first, most pairs, then the total), whatever objective or strategy the
/// matcher was given; the pair scores combine with the programme's
/// [`combination`](Self::combination), which it also sets on the matcher. A combination set
/// on the matcher before [`Programme::new`] is replaced by [`Combination::default`]: set it on
/// the programme instead.
///
/// # Examples
///
/// Ola and Jan were paired last time; Kai joins and would score a little better with Jan, but
/// not by more than the keep bonus, so Ola keeps Jan:
///
/// ```
/// use mentor_match::programme::{PairIds, Programme};
/// use mentor_match::{Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///   {"id": "ola", "side": "junior", "skills": {"cloud-tools": 4}},
///   {"id": "kai", "side": "junior", "skills": {"cloud-tools": 5}},
///   {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 5}}]}"#)?;
/// let round = Programme::new(Matcher::new())
///     .with_previous([PairIds::new("ola", "jan")])
///     .round(&roster)?;
/// assert_eq!(round.kept, [PairIds::new("ola", "jan")]);
/// assert_eq!(round.sitting_out, ["kai"]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
///
/// A programme is `Send + Sync` and cheap to clone, as its [`Matcher`] is.
#[derive(Debug, Clone)]
pub struct Programme {
    matcher: Matcher,
    combination: Combination,
    locks: Vec<Lock>,
    bans: Vec<PairIds>,
    history: History,
    previous: Vec<PairIds>,
    keep_bonus: f64,
    spreading: Spreading,
}

/// A pair as (row, column) of the available juniors and seniors.
type Cell = (usize, usize);

/// Why a cell may not be formed, besides the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Block {
    Banned,
    Met,
}

/// The weights and bookkeeping of one round, before solving.
struct Setup {
    scored: RosterScores,
    /// Row of each available junior, column of each available senior, by participant index.
    position: Vec<Option<usize>>,
    weights: Vec<f64>,
    blocked: Vec<Option<Block>>,
}

impl Setup {
    fn cell(&self, junior: ParticipantId, senior: ParticipantId) -> Option<(usize, usize)> {
        Some((
            self.position[junior.index()]?,
            self.position[senior.index()]?,
        ))
    }

    fn seniors(&self) -> usize {
        self.scored.seniors().len()
    }
}

impl Programme {
    /// A programme with `matcher`'s scorer and rules, no locks, bans, history or previous
    /// pairs, [`DEFAULT_KEEP_BONUS`] and [`Combination::default`] (also set on the matcher).
    pub fn new(matcher: Matcher) -> Self {
        Programme {
            matcher: matcher.with_combination(Combination::default()),
            combination: Combination::default(),
            locks: Vec::new(),
            bans: Vec::new(),
            history: History::default(),
            previous: Vec::new(),
            keep_bonus: DEFAULT_KEEP_BONUS,
            spreading: Spreading::default(),
        }
    }

    /// Sets how a pair's two directions combine, here and on the matcher.
    pub fn with_combination(mut self, combination: Combination) -> Self {
        self.matcher = self.matcher.with_combination(combination);
        self.combination = combination;
        self
    }

    /// Adds a locked pair.
    pub fn with_lock(mut self, lock: Lock) -> Self {
        self.locks.push(lock);
        self
    }

    /// Adds a banned pair: never formed, whatever its score.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::{PairIds, Programme};
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"ai-assistants": 5}},
    ///     {"id": "kai", "side": "junior", "skills": {"ai-assistants": 2}},
    ///     {"id": "jan", "side": "senior", "wishes": {"ai-assistants": 5}}]}"#)?;
    /// let round = Programme::new(Matcher::new())
    ///     .with_ban(PairIds::new("ola", "jan"))
    ///     .round(&roster)?;
    /// assert_eq!(round.matching.partner_of("jan"), Some("kai"));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_ban(mut self, pair: PairIds) -> Self {
        self.bans.push(pair);
        self
    }

    /// Replaces the history: pairs that met in earlier rounds or must never meet.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::{History, PairIds, Programme};
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"ai-assistants": 5}},
    ///     {"id": "kai", "side": "junior", "skills": {"ai-assistants": 2}},
    ///     {"id": "jan", "side": "senior", "wishes": {"ai-assistants": 5}}]}"#)?;
    /// // Ola and Jan met last quarter: this round Jan meets Kai.
    /// let history = History { rounds: vec![vec![PairIds::new("ola", "jan")]], ..History::default() };
    /// let round = Programme::new(Matcher::new()).with_history(history).round(&roster)?;
    /// assert_eq!(round.matching.partner_of("jan"), Some("kai"));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_history(mut self, history: History) -> Self {
        self.history = history;
        self
    }

    /// Sets the previous matching's pairs, for example `matching.pairs()` or a list of
    /// [`PairIds`]. Pairs naming someone no longer in the roster are how leavers show up:
    /// they are reported as broken (`left_programme`), never as an error; a pair naming a
    /// senior as its junior, or the reverse, is an [`Error::WrongSide`].
    pub fn with_previous<P: Into<PairIds>>(mut self, pairs: impl IntoIterator<Item = P>) -> Self {
        self.previous = pairs.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the bonus each previous pair still allowed earns on top of its score (default
    /// [`DEFAULT_KEEP_BONUS`]): a rematch breaking `k` pairs must raise the total score by more
    /// than `k × bonus`. 0 rematches from scratch; a bonus above the number of pairs never
    /// breaks a pair for a higher score. Accepted from 0 to [`MAX_KEEP_BONUS`] (1e6), checked
    /// when a round is planned: outside it, NaN or infinite, [`round`](Self::round) is an
    /// [`Error::InvalidOption`] naming `keep_bonus`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::{PairIds, Programme};
    /// use mentor_match::{Error, Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///   {"id": "ola", "side": "junior", "skills": {"cloud-tools": 4}},
    ///   {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 5}}]}"#)?;
    /// let huge = Programme::new(Matcher::new())
    ///     .with_previous([PairIds::new("ola", "jan")])
    ///     .with_keep_bonus(1e308)
    ///     .round(&roster);
    /// assert!(matches!(huge, Err(Error::InvalidOption { option: "keep_bonus", .. })));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_keep_bonus(mut self, bonus: f64) -> Self {
        self.keep_bonus = bonus;
        self
    }

    /// Sets the load-spreading rule for participants with several places (default
    /// [`Spreading::FirstPartnersFirst`]: a second partner only after everyone who can get a
    /// first one has one; [`Spreading::Free`] drops that level).
    pub fn with_spreading(mut self, spreading: Spreading) -> Self {
        self.spreading = spreading;
        self
    }

    /// Adds a spec's locks, bans and history pairs, and sets its previous pairs and keep bonus
    /// when it has them.
    pub fn with_spec(mut self, spec: ProgrammeSpec) -> Self {
        self.locks.extend(spec.locks);
        self.bans.extend(spec.bans);
        self.history.rounds.extend(spec.history.rounds);
        self.history.never_again.extend(spec.history.never_again);
        if !spec.previous.is_empty() {
            self.previous = spec.previous;
        }
        if let Some(bonus) = spec.keep_bonus {
            self.keep_bonus = bonus;
        }
        self
    }

    /// Plans one round: the best matching under the locks, bans and history, keeping previous
    /// pairs unless breaking them gains more than the keep bonus, and what changed.
    ///
    /// # Complexity
    ///
    /// Scoring as [`Matcher::score`], then the [many-to-many solver](crate::capacitated)
    /// (`O(F · E log V)`), once more when a pair is broken for a better score (to measure the
    /// gain against the best matching that keeps every pair).
    ///
    /// # Errors
    ///
    /// Every mistake of the programme is found before solving and reported together (see
    /// [`Error::all`]), each one as:
    /// - [`Error::InvalidOption`] for a keep bonus outside `[0, MAX_KEEP_BONUS]` or NaN;
    /// - [`Error::UnknownParticipant`] for a lock, ban or history pair naming someone not in the
    ///   roster, [`Error::WrongSide`] for any pair with a senior as junior or the reverse;
    /// - [`Error::LockBreaksRule`] for a lock that breaks a rule and is not an override;
    /// - [`Error::LockConflict`] for a lock that is banned, in the history, names someone
    ///   unavailable, or exceeds a capacity without override;
    /// - [`Error::Multiple`] listing them when there are several;
    /// - the matcher's errors ([`Matcher::score`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::{Lock, Programme};
    /// use mentor_match::{Error, Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "languages": ["pl"]},
    ///     {"id": "jan", "side": "senior", "languages": ["en"]}]}"#)?;
    /// let err = Programme::new(Matcher::new()).with_lock(Lock::new("ola", "jan")).round(&roster);
    /// assert!(matches!(err, Err(Error::LockBreaksRule { ref rule, .. }) if rule == "shared_language"));
    /// let round = Programme::new(Matcher::new())
    ///     .with_lock(Lock::new("ola", "jan").overriding_rules())
    ///     .round(&roster)?;
    /// assert_eq!(round.matching.partner_of("ola"), Some("jan"));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn round(&self, roster: &Roster) -> Result<Round> {
        self.plan(roster, &[], &[], true)
    }

    /// Plans `rounds` rotation rounds in which no pair meets twice: round `k` never repeats a
    /// pair of the history, of the previous pairs or of rounds before `k`.
    ///
    /// The rounds are planned **one after another**, each optimal given the ones before it
    /// (the most people with a first partner, then the most pairs, then the best total); the
    /// plan as a whole is not optimised jointly, so a later round may do worse than in the
    /// best joint plan, and rounds get fewer pairs once the allowed pairs run out.
    ///
    /// **Sitting out rotates.** When not everyone can have a partner, everyone who sat out in
    /// earlier rounds of the plan earns, on each of their pairs, a bonus per time they sat out,
    /// larger than any difference in total score between two matchings. So among the
    /// matchings with the most people and pairs, the one whose unmatched people sat out least
    /// is chosen: nobody sits out twice before everyone who could sit out instead has sat out
    /// once, as far as the rules and the history allow.
    ///
    /// There is no previous matching in a rotation: every round's `kept` and `broken` are
    /// empty and `new` holds all its pairs. The keep bonus does not apply.
    ///
    /// **The plan ends when the pairs run out.** Once a round forms no pair, every later round
    /// would be the same empty round, so the plan stops there: it holds at most `rounds`
    /// rounds, and fewer only when its last round forms no pair (that round is included: its
    /// matching says why each person sits out). So a large `rounds`, even `usize::MAX`, asks
    /// for "every round that can differ", at most one more than the number of pairs allowed.
    ///
    /// # Complexity
    ///
    /// [`round`](Self::round) once per round planned: at most `rounds`, and at most the number
    /// of allowed pairs plus one, since each round but the last forms a new pair.
    ///
    /// # Errors
    ///
    /// As [`round`](Self::round); a lock with `rounds >= 2` is an [`Error::LockConflict`]
    /// (its pair would meet twice).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::Programme;
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///   {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
    ///   {"id": "kai", "side": "junior", "skills": {"cloud-tools": 4}},
    ///   {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 5}}]}"#)?;
    /// let rounds = Programme::new(Matcher::new()).rounds(&roster, 2)?;
    /// assert_eq!(rounds[0].sitting_out, ["kai"]);
    /// assert_eq!(rounds[1].sitting_out, ["ola"]);
    ///
    /// // Jan can meet each junior once: two rounds with a pair, then an empty one, and no more.
    /// let all = Programme::new(Matcher::new()).rounds(&roster, usize::MAX)?;
    /// assert_eq!(all.len(), 3);
    /// assert!(all[2].matching.pairs().is_empty());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn rounds(&self, roster: &Roster, rounds: usize) -> Result<Vec<Round>> {
        let mut met = self.previous.clone();
        let mut sat_out = vec![0u32; roster.len()];
        // Grown one round at a time: `rounds` comes from the caller and may be far more than
        // can differ, so nothing is reserved for it.
        let mut plan = Vec::new();
        for _ in 0..rounds {
            let round = self.plan(roster, &met, &sat_out, false)?;
            met.extend(round.new.iter().cloned());
            for id in &round.sitting_out {
                if let Some(p) = roster.find(id) {
                    sat_out[p.index()] = sat_out[p.index()].saturating_add(1);
                }
            }
            // No pair formed: the met pairs did not change, so every later round is this one.
            let last = round.matching.pairs().is_empty();
            plan.push(round);
            if last {
                break;
            }
        }
        Ok(plan)
    }

    /// One round: `met` are pairs met in earlier rounds of a rotation (forbidden, leavers
    /// ignored), `sat_out` the times each participant sat out (empty: none), `rematch` whether
    /// the previous pairs are to be kept (else there is no previous matching).
    fn plan(
        &self,
        roster: &Roster,
        met: &[PairIds],
        sat_out: &[u32],
        rematch: bool,
    ) -> Result<Round> {
        // Every mistake of the coordinator's input is collected before anything is solved, so
        // one error lists them all; the matcher's own errors (scoring) end the round at once.
        let mut found = Mistakes::new();
        let bonus = self.keep_bonus;
        found.check(check_keep_bonus(bonus));
        let mut setup = self.setup(roster, &mut found)?;
        for pair in met {
            // People who left are skipped: a pair of theirs cannot form again anyway.
            if let (Some(j), Some(s)) = (roster.find(&pair.junior), roster.find(&pair.senior)) {
                let mut sides_ok = true;
                for (p, side) in [(j, Side::Junior), (s, Side::Senior)] {
                    if roster.side(p) != side {
                        found.push(Error::WrongSide {
                            id: roster.id(p).to_owned(),
                            expected: side,
                            context: "previous",
                        });
                        sides_ok = false;
                    }
                }
                if sides_ok {
                    block(&mut setup, j, s, Block::Met);
                }
            }
        }

        // The previous pairs: each still allowed earns the keep bonus; the others are broken
        // for a reason found before solving.
        let mut broken = Vec::new();
        let mut keepable = Vec::new();
        let previous: Vec<PairIds> = if rematch {
            dedup(&self.previous)
        } else {
            Vec::new()
        };
        for pair in &previous {
            match found.check(self.keepable(roster, &setup, pair)) {
                Some(Ok(cell)) => keepable.push((pair, cell)),
                Some(Err(why)) => broken.push(Broken {
                    pair: pair.clone(),
                    why,
                }),
                None => {}
            }
        }
        let locks = self.locks(roster, &mut setup, &mut found);
        found.finish()?;

        let ns = setup.seniors();
        for &(_, (r, c)) in &keepable {
            setup.weights[r * ns + c] += bonus;
        }
        if sat_out.iter().any(|&n| n > 0) {
            rotation_bonus(&mut setup, sat_out, roster);
        }
        let (to_solve, _) = problem(roster, &setup, &locks, &[])?;
        let solution =
            capacitated::solve(&to_solve, Options::new().with_spreading(self.spreading))?;
        let mut matching = self
            .matcher
            .explain(roster, &setup.scored, solution.pairs())?;
        matching.strategy = "programme".to_owned();
        matching.objective = Objective::MostPairs;

        let chosen: BTreeSet<(usize, usize)> = solution.pairs().iter().copied().collect();
        let by_choice: Vec<(&PairIds, Cell)> = keepable
            .iter()
            .copied()
            .filter(|(_, cell)| !chosen.contains(cell))
            .collect();
        if !by_choice.is_empty() {
            // Measure the gain against the best matching that keeps every previous pair it can.
            let cells: Vec<(usize, usize)> = keepable.iter().map(|&(_, cell)| cell).collect();
            let (baseline, unplaced) = problem(roster, &setup, &locks, &cells)?;
            let base =
                capacitated::solve(&baseline, Options::new().with_spreading(self.spreading))?;
            let base_total = self
                .matcher
                .explain(roster, &setup.scored, base.pairs())?
                .total_score;
            let unplaced: BTreeMap<Cell, String> = unplaced.into_iter().collect();
            let placed = by_choice
                .iter()
                .filter(|(_, cell)| !unplaced.contains_key(cell))
                .count();
            let (pairs, base_pairs) = (solution.pairs().len(), base.pairs().len());
            for (pair, cell) in by_choice {
                let why = match unplaced.get(&cell) {
                    Some(id) => BreakReason::NoPlaceLeft { id: id.clone() },
                    None if solution.covered() > base.covered() => BreakReason::MorePeopleMatched {
                        more: solution.covered() - base.covered(),
                    },
                    None if pairs > base_pairs => BreakReason::MorePairs {
                        more: pairs - base_pairs,
                    },
                    None => BreakReason::HigherScore {
                        gain: matching.total_score - base_total,
                        broken: placed,
                        keep_bonus: bonus,
                    },
                };
                broken.push(Broken {
                    pair: pair.clone(),
                    why,
                });
            }
            // Report in the order the previous pairs were given.
            broken.sort_by_key(|b| previous.iter().position(|p| *p == b.pair));
        }

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
        Ok(Round {
            matching,
            kept,
            broken,
            new,
            sitting_out,
        })
    }

    /// Scores the roster and applies the bans and the history, recording each pair that names
    /// someone unknown or on the wrong side.
    fn setup(&self, roster: &Roster, found: &mut Mistakes) -> Result<Setup> {
        let scored = self.matcher.score(roster)?;
        let weights = scored
            .scores()
            .weights(self.combination)?
            .as_slice()
            .to_vec();
        let mut position = vec![None; roster.len()];
        for (k, &p) in scored.juniors().iter().enumerate() {
            position[p.index()] = Some(k);
        }
        for (k, &p) in scored.seniors().iter().enumerate() {
            position[p.index()] = Some(k);
        }
        let blocked = vec![None; weights.len()];
        let mut setup = Setup {
            scored,
            position,
            weights,
            blocked,
        };
        let lists = [
            ("ban", &self.bans, Block::Banned),
            ("never_again", &self.history.never_again, Block::Met),
        ];
        let rounds = self
            .history
            .rounds
            .iter()
            .map(|r| ("history", r, Block::Met));
        for (context, pairs, why) in lists.into_iter().chain(rounds) {
            for pair in pairs {
                if let Some((j, s)) = found.check(resolve(roster, pair, context)) {
                    block(&mut setup, j, s, why);
                }
            }
        }
        Ok(setup)
    }

    /// The cell of a previous pair that may be kept, or why it cannot.
    fn keepable(
        &self,
        roster: &Roster,
        setup: &Setup,
        pair: &PairIds,
    ) -> Result<std::result::Result<(usize, usize), BreakReason>> {
        let find = |id: &str, side: Side| -> Result<Option<ParticipantId>> {
            match roster.find(id) {
                None => Ok(None),
                Some(p) if roster.side(p) != side => Err(Error::WrongSide {
                    id: id.to_owned(),
                    expected: side,
                    context: "previous",
                }),
                Some(p) => Ok(Some(p)),
            }
        };
        // Both ids are checked, so a pair with two mistakes reports both.
        let (j, s) = match (
            find(&pair.junior, Side::Junior),
            find(&pair.senior, Side::Senior),
        ) {
            (Ok(j), Ok(s)) => (j, s),
            (Err(e), Ok(_)) | (Ok(_), Err(e)) => return Err(e),
            (Err(a), Err(b)) => {
                let mut found = Mistakes::new();
                found.push(a);
                return Err(found.and(b));
            }
        };
        let (j, s) = match (j, s) {
            (None, _) => return Ok(Err(left(&pair.junior))),
            (_, None) => return Ok(Err(left(&pair.senior))),
            (Some(j), Some(s)) => (j, s),
        };
        for p in [j, s] {
            if roster.participant(p).capacity == 0 {
                return Ok(Err(BreakReason::Unavailable {
                    id: roster.id(p).to_owned(),
                }));
            }
        }
        let Some((r, c)) = setup.cell(j, s) else {
            // Not scored although available: the matcher left them out.
            return Ok(Err(BreakReason::Unavailable {
                id: roster.id(j).to_owned(),
            }));
        };
        let k = r * setup.seniors() + c;
        Ok(match setup.blocked[k] {
            Some(Block::Banned) => Err(BreakReason::Banned),
            Some(Block::Met) => Err(BreakReason::InHistory),
            None => match setup.scored.excluded_by(r, c) {
                Some(rule) => Err(BreakReason::RuleForbids {
                    rule: rule.to_owned(),
                }),
                None if setup.weights[k] == f64::NEG_INFINITY => Err(BreakReason::NothingToLearn),
                None => Ok((r, c)),
            },
        })
    }

    /// Checks the locks, recording each one that cannot hold, and makes the cells of the others
    /// formable; returns those cells with whether the lock overrides, in the order given,
    /// without repeats.
    fn locks(
        &self,
        roster: &Roster,
        setup: &mut Setup,
        found: &mut Mistakes,
    ) -> Vec<((usize, usize), bool)> {
        let mut cells: Vec<((usize, usize), bool)> = Vec::new();
        // The first lock (in the order given) of each row and column, to name in a conflict.
        let mut first: BTreeMap<(Side, usize), &Lock> = BTreeMap::new();
        for lock in &self.locks {
            if let Some(cell) = found.check(self.lock_cell(roster, setup, lock)) {
                first.entry((Side::Junior, cell.0)).or_insert(lock);
                first.entry((Side::Senior, cell.1)).or_insert(lock);
                match cells.iter_mut().find(|(c, _)| *c == cell) {
                    Some((_, over)) => *over |= lock.override_rules,
                    None => cells.push((cell, lock.override_rules)),
                }
            }
        }
        // Locks beyond someone's places: a mistake unless one of their locks overrides (then
        // the solver raises their capacity, see `problem`).
        let mut count: BTreeMap<(Side, usize), (u32, bool)> = BTreeMap::new();
        for &((r, c), over) in &cells {
            for key in [(Side::Junior, r), (Side::Senior, c)] {
                let entry = count.entry(key).or_insert((0, false));
                entry.0 += 1;
                entry.1 |= over;
            }
        }
        for (&(side, k), &(locked, over)) in &count {
            let p = match side {
                Side::Junior => setup.scored.juniors()[k],
                Side::Senior => setup.scored.seniors()[k],
            };
            let capacity = roster.participant(p).capacity;
            if locked > capacity && !over {
                let lock = first[&(side, k)];
                found.push(Error::LockConflict {
                    junior: lock.junior.clone(),
                    senior: lock.senior.clone(),
                    why: format!(
                        "`{}` has {locked} locked pairs but capacity {capacity}",
                        roster.id(p)
                    ),
                });
            }
        }
        cells
    }

    /// The cell of one lock, made formable, or why the lock cannot hold.
    fn lock_cell(&self, roster: &Roster, setup: &mut Setup, lock: &Lock) -> Result<Cell> {
        let pair = PairIds::new(lock.junior.clone(), lock.senior.clone());
        let (j, s) = resolve(roster, &pair, "lock")?;
        let conflict = |why: String| Error::LockConflict {
            junior: lock.junior.clone(),
            senior: lock.senior.clone(),
            why,
        };
        for p in [j, s] {
            if roster.participant(p).capacity == 0 {
                return Err(conflict(format!(
                    "`{}` is not available this round (capacity 0)",
                    roster.id(p)
                )));
            }
        }
        let Some((r, c)) = setup.cell(j, s) else {
            return Err(conflict("the pair was not scored".to_owned()));
        };
        let k = r * setup.seniors() + c;
        match setup.blocked[k] {
            Some(Block::Banned) => return Err(conflict("the pair is banned".to_owned())),
            Some(Block::Met) => {
                return Err(conflict(
                    "the pair met before (history, never-again list or an earlier round)"
                        .to_owned(),
                ));
            }
            None => {}
        }
        if let Some(rule) = setup.scored.excluded_by(r, c)
            && !lock.override_rules
        {
            return Err(Error::LockBreaksRule {
                junior: lock.junior.clone(),
                senior: lock.senior.clone(),
                rule: rule.to_owned(),
            });
        }
        // A locked pair is in every solution, so its weight changes no choice: a pair with
        // nothing to learn or an override only needs to be formable.
        if setup.weights[k] == f64::NEG_INFINITY {
            setup.weights[k] = 0.0;
        }
        Ok((r, c))
    }
}

/// A pair's people, checked to exist and to be on the right sides.
fn resolve(
    roster: &Roster,
    pair: &PairIds,
    context: &'static str,
) -> Result<(ParticipantId, ParticipantId)> {
    let find = |id: &str, side: Side| match roster.find(id) {
        None => Err(Error::UnknownParticipant {
            id: id.to_owned(),
            context,
        }),
        Some(p) if roster.side(p) != side => Err(Error::WrongSide {
            id: id.to_owned(),
            expected: side,
            context,
        }),
        Some(p) => Ok(p),
    };
    // Both ids are checked, so a pair with two mistakes reports both.
    match (
        find(&pair.junior, Side::Junior),
        find(&pair.senior, Side::Senior),
    ) {
        (Ok(j), Ok(s)) => Ok((j, s)),
        (Err(e), Ok(_)) | (Ok(_), Err(e)) => Err(e),
        (Err(a), Err(b)) => {
            let mut found = Mistakes::new();
            found.push(a);
            Err(found.and(b))
        }
    }
}

/// Forbids a pair (when both are available) and records why; a ban wins over a meeting.
fn block(setup: &mut Setup, junior: ParticipantId, senior: ParticipantId, why: Block) {
    if let Some((r, c)) = setup.cell(junior, senior) {
        let k = r * setup.seniors() + c;
        setup.weights[k] = f64::NEG_INFINITY;
        if setup.blocked[k] != Some(Block::Banned) {
            setup.blocked[k] = Some(why);
        }
    }
}

fn left(id: &str) -> BreakReason {
    BreakReason::LeftProgramme { id: id.to_owned() }
}

/// The pairs without repeats, in their first order.
fn dedup(pairs: &[PairIds]) -> Vec<PairIds> {
    let mut seen = BTreeSet::new();
    pairs.iter().filter(|p| seen.insert(*p)).cloned().collect()
}

/// Adds the sit-out rotation bonus: each formable pair earns `unit` per earlier sit-out of
/// each of its people, with `unit` above the largest difference two matchings' totals can
/// have (pairs at most × the largest weight, plus 1), so the sit-out counts of the matched
/// people decide before the scores do.
fn rotation_bonus(setup: &mut Setup, sat_out: &[u32], roster: &Roster) {
    let capacity = |ids: &[ParticipantId]| -> f64 {
        ids.iter()
            .map(|&p| f64::from(roster.participant(p).capacity))
            .sum()
    };
    let most_pairs = capacity(setup.scored.juniors()).min(capacity(setup.scored.seniors()));
    let largest = setup
        .weights
        .iter()
        .copied()
        .filter(|w| w.is_finite())
        .fold(0.0, f64::max);
    let unit = most_pairs * largest + 1.0;
    let ns = setup.seniors();
    for (r, &j) in setup.scored.juniors().iter().enumerate() {
        for (c, &s) in setup.scored.seniors().iter().enumerate() {
            let w = &mut setup.weights[r * ns + c];
            if w.is_finite() {
                *w += unit * (f64::from(sat_out[j.index()]) + f64::from(sat_out[s.index()]));
            }
        }
    }
}

/// The solver's problem: the weights, the capacities (raised for override locks) and the locks,
/// then `keep` cells locked as far as places allow. Returns the cells of `keep` left out, with
/// whose place ran out.
fn problem(
    roster: &Roster,
    setup: &Setup,
    locks: &[((usize, usize), bool)],
    keep: &[(usize, usize)],
) -> Result<(Problem, Vec<(Cell, String)>)> {
    let (juniors, seniors) = (setup.scored.juniors(), setup.scored.seniors());
    let mut junior_cap: Vec<u32> = juniors
        .iter()
        .map(|&p| roster.participant(p).capacity)
        .collect();
    let mut senior_cap: Vec<u32> = seniors
        .iter()
        .map(|&p| roster.participant(p).capacity)
        .collect();
    // Locks per person, and whether any of them overrides.
    let mut junior_locks = vec![(0u32, false); juniors.len()];
    let mut senior_locks = vec![(0u32, false); seniors.len()];
    for &((r, c), over) in locks {
        junior_locks[r].0 += 1;
        junior_locks[r].1 |= over;
        senior_locks[c].0 += 1;
        senior_locks[c].1 |= over;
    }
    for &((r, c), _) in locks {
        let sides = [
            (juniors[r], &mut junior_cap[r], junior_locks[r]),
            (seniors[c], &mut senior_cap[c], senior_locks[c]),
        ];
        for (p, cap, (count, over)) in sides {
            if count > *cap {
                if !over {
                    return Err(Error::LockConflict {
                        junior: roster.id(juniors[r]).to_owned(),
                        senior: roster.id(seniors[c]).to_owned(),
                        why: format!(
                            "`{}` has {count} locked pairs but capacity {cap}",
                            roster.id(p)
                        ),
                    });
                }
                *cap = count;
            }
        }
    }
    let mut problem = Problem::new(juniors.len(), seniors.len(), setup.weights.clone())?
        .with_junior_capacities(junior_cap.clone())?
        .with_senior_capacities(senior_cap.clone())?;
    for &((r, c), _) in locks {
        problem = problem
            .with_lock(r, c)
            .map_err(|e| lock_error(roster, setup, r, c, e))?;
    }
    let mut used_j = vec![0u32; juniors.len()];
    let mut used_s = vec![0u32; seniors.len()];
    for &((r, c), _) in locks {
        used_j[r] += 1;
        used_s[c] += 1;
    }
    let mut left_out = Vec::new();
    for &(r, c) in keep {
        if locks.iter().any(|&(cell, _)| cell == (r, c)) {
            continue;
        }
        if used_j[r] >= junior_cap[r] {
            left_out.push(((r, c), roster.id(juniors[r]).to_owned()));
        } else if used_s[c] >= senior_cap[c] {
            left_out.push(((r, c), roster.id(seniors[c]).to_owned()));
        } else {
            problem = problem
                .with_lock(r, c)
                .map_err(|e| lock_error(roster, setup, r, c, e))?;
            used_j[r] += 1;
            used_s[c] += 1;
        }
    }
    Ok((problem, left_out))
}

/// The solver's lock error, with ids instead of positions.
fn lock_error(roster: &Roster, setup: &Setup, r: usize, c: usize, e: MatrixError) -> Error {
    match e {
        MatrixError::InvalidPair { why, .. } => Error::LockConflict {
            junior: roster.id(setup.scored.juniors()[r]).to_owned(),
            senior: roster.id(setup.scored.seniors()[c]).to_owned(),
            why: why.to_owned(),
        },
        other => other.into(),
    }
}

crate::support::renamed::setters!(Programme {
    combination(Combination) => with_combination,
    spreading(Spreading) => with_spreading,
    spec(ProgrammeSpec) => with_spec,
    lock(Lock) => with_lock,
    keep_bonus(f64) => with_keep_bonus,
    history(History) => with_history,
    ban(PairIds) => with_ban,
});
