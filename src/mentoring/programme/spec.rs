//! A coordinator's decisions as written: pairs by id, locks, the history and the whole spec,
//! each read strictly from JSON.

#[cfg(feature = "json")]
use super::keep_bonus::check_keep_bonus;
#[cfg(feature = "json")]
use crate::mentoring::error::Result;
use crate::mentoring::matcher::Pair;
use crate::mentoring::model::Roster;
use crate::support::strict::{self, MapOnly};
use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;

/// A pair named by the ids of its junior and senior.
///
/// Reads from a JSON object with `junior` and `senior` and, besides them, only the other keys
/// of a saved matching's pair ([`Pair`]: `score`, `junior_gain`, `senior_gain`,
/// `junior_learns`, `senior_learns`, whose values are not read), so the `pairs` of a saved
/// [`Matching`](crate::Matching) read as a list of `PairIds`. Any other key is an error, so a misspelt
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
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::PairIds;
    ///
    /// let pair = PairIds::new("ola", "jan");
    /// assert_eq!((pair.junior.as_str(), pair.senior.as_str()), ("ola", "jan"));
    /// assert_eq!(pair.to_string(), "ola – jan");
    /// ```
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
#[serde(
    remote = "Lock",
    deny_unknown_fields,
    expecting = "a lock (a JSON object of a junior and a senior)"
)]
struct LockMirror {
    junior: String,
    senior: String,
    #[serde(default)]
    override_rules: bool,
}

strict::map_only!(Lock, LockMirror);

impl Lock {
    /// A lock of `junior` with `senior` that must respect the rules and capacities.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::{Lock, Programme};
    /// use mentor_match::{Matcher, Roster};
    ///
    /// // Jan is Ola's manager: a plain lock must respect the rules, so it is refused.
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "manager": "jan"},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
    /// let lock = Lock::new("ola", "jan");
    /// assert!(!lock.override_rules);
    /// let refused = Programme::new(Matcher::new())
    ///     .with_lock(lock)
    ///     .round(&roster);
    /// assert!(refused.is_err());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn new(junior: impl Into<String>, senior: impl Into<String>) -> Self {
        Lock {
            junior: junior.into(),
            senior: senior.into(),
            override_rules: false,
        }
    }

    /// Marks the lock as the coordinator's override of the rules and capacities.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::{Lock, Programme};
    /// use mentor_match::{Matcher, Roster};
    ///
    /// // Jan is Ola's manager; the coordinator pairs them anyway.
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "manager": "jan"},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
    /// let lock = Lock::new("ola", "jan").overriding_rules();
    /// let round = Programme::new(Matcher::new())
    ///     .with_lock(lock)
    ///     .round(&roster)?;
    /// assert_eq!(round.matching.partner_of("ola"), Some("jan"));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
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
#[serde(
    remote = "History",
    deny_unknown_fields,
    expecting = "a history (a JSON object of rounds)"
)]
struct HistoryMirror {
    #[serde(default)]
    rounds: Vec<Vec<PairIds>>,
    #[serde(default)]
    never_again: Vec<PairIds>,
}

strict::map_only!(History, HistoryMirror);

impl History {
    /// Drops every pair that names someone not in `roster` (people who left).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::Roster;
    /// use mentor_match::programme::{History, PairIds};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior"}, {"id": "jan", "side": "senior"}]}"#)?;
    /// let mut history = History {
    ///     rounds: vec![vec![PairIds::new("ola", "jan"), PairIds::new("kai", "jan")]],
    ///     never_again: vec![PairIds::new("ola", "eva")],
    /// };
    /// // Kai and Eva left.
    /// history.retain_roster(&roster);
    /// assert_eq!(history.rounds[0], [PairIds::new("ola", "jan")]);
    /// assert!(history.never_again.is_empty());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
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
    /// The keep bonus, from 0 to [`MAX_KEEP_BONUS`](crate::programme::MAX_KEEP_BONUS);
    /// [`DEFAULT_KEEP_BONUS`](crate::programme::DEFAULT_KEEP_BONUS) when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keep_bonus: Option<f64>,
}

/// How a [`ProgrammeSpec`] reads: an object of known keys.
#[derive(Deserialize)]
#[serde(
    remote = "ProgrammeSpec",
    deny_unknown_fields,
    expecting = "a programme (a JSON object)"
)]
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
    /// - [`Error::ProgrammeJson`](crate::Error::ProgrammeJson) with the line and column of
    ///   invalid JSON, a value of the wrong type (an array for the document, say), an unknown
    ///   or a repeated key, a number beyond `f64`;
    /// - [`Error::InvalidOption`](crate::Error::InvalidOption) for a `keep_bonus` outside
    ///   `[0, MAX_KEEP_BONUS]`.
    ///
    /// Every mistake is named at once ([`Error::Multiple`](crate::Error::Multiple) when there
    /// are several): each key of the document is read on its own, and a list that does not
    /// read entry by entry. The first mistake in the document has its line and column; the
    /// others name their key and entry (``… in entry #2 of `locks` ``, from 0).
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
    /// // Every mistake at once: a lock's misspelt key and the bonus out of range.
    /// let err = ProgrammeSpec::from_json(r#"{"keep_bonus": -1, "locks": [
    ///     {"junior": "lena", "senior": "piotr"}, {"junior": "ola", "senoir": "jan"}]}"#)
    /// .unwrap_err();
    /// assert_eq!(err.all().len(), 2);
    /// assert!(err.to_string().contains("unknown field `senoir`"));
    /// assert!(err.to_string().contains("in entry #1 of `locks`"));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn from_json(text: &str) -> Result<Self> {
        let text = crate::support::byte_order_mark::without_mark(text);
        let spec: ProgrammeSpec = serde_json::from_str(text)
            .map_err(|e| super::every_mistake::every_mistake(text, &e))?;
        if let Some(bonus) = spec.keep_bonus {
            check_keep_bonus(bonus)?;
        }
        Ok(spec)
    }

    /// The spec as pretty JSON.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::programme::ProgrammeSpec;
    ///
    /// let spec = ProgrammeSpec::from_json(r#"{"bans": [{"junior": "ola", "senior": "jan"}]}"#)?;
    /// let json = spec.to_json();
    /// assert!(json.contains(r#""junior": "ola""#));
    /// assert_eq!(ProgrammeSpec::from_json(&json)?, spec);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
