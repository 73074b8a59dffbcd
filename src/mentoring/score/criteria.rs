//! How a roster's criteria and its participants' stated choices enter a pair's score.
//!
//! # Credit
//!
//! Each criterion gives a pair a credit in `[0, 1]` from the junior's value `a` and the
//! senior's value `b` of its field ([`credit`](CriterionPart::credit)):
//!
//! | relation | credit |
//! |---|---|
//! | `same` | 1 when `a` and `b` are equal (lists: the same set), else 0 |
//! | `different` | 1 when they differ, else 0 |
//! | `overlap` | the share of the smaller list that the other has: `|a ∩ b| / min(|a|, |b|)` (a text is a list of one) |
//! | `closest` | `max(0, 1 - |a - b| / scale)` |
//! | `at_most` | 1 when `|a - b| <= bound`, else 0 |
//! | `junior_less_than` | 1 when `a < b`, else 0 |
//!
//! When either participant does not give the field (or gives an empty list) the credit is
//! unknown.
//!
//! # Hard rules
//!
//! A `must` criterion forbids a pair whose credit is 0; an unknown credit never forbids (as
//! the built-in rules: a missing value never excludes a pair). A participant's `avoid` list
//! forbids the pair with each person on it, whoever wrote it. Under the roster's
//! `top_choice_guarantee` `k`, a participant who listed choices may only be paired with one
//! of their first `k` (and must be paired: see [`Roster::required_partners`]). All count in
//! the reasons given to the unmatched, by criterion name, as `avoid` and as `top_choices`,
//! after the matcher's own rules.
//!
//! A criterion named like one of the matcher's rules (`not_own_manager`,
//! `junior_less_experienced`, `shared_language`, or one added) *replaces* that rule for this
//! roster: `{"name": "shared_language", "field": "languages", "relation": "overlap",
//! "strength": "low"}` turns the default language rule into a preference.
//!
//! # The pair score
//!
//! With `B` the roster's `benefit_weight` (default 10), `w_i` the weight of each soft
//! criterion and `c_i` its credit (an unknown credit counts one half), `P` the
//! `choice_weight` (default 5) when anyone in the roster stated choices or ratings and 0
//! otherwise, and `N = B + Σ w_i + P`:
//!
//! ```text
//! junior_gain = (B · benefit(senior → junior) + Σ w_i c_i + P · pref(junior, senior)) / N
//! senior_gain = (B · benefit(junior → senior) + Σ w_i c_i + P · pref(senior, junior)) / N
//! score       = (B · combine(both benefits)   + Σ w_i c_i + P · mean of both prefs) / N
//! ```
//!
//! where `benefit` is the scorer's (mutual benefit by default), `combine` the matcher's
//! [`Combination`], and `pref(x, y) = (1 + stated) / 2` with `stated` what `x` said of `y` in
//! `[-1, 1]` ([`Roster::stated`]; 0 when `x` said nothing of `y`, so silence is neutral, any
//! choice above it and a negative rating below). Every term is in `[0, 1]`, so the gains and
//! the score are too, and the score is *linear* in every weight: raising a criterion's weight
//! can only make the optimum keep or add pairs that satisfy it. A pair where both ranked the
//! other first gets the whole choice term.
//!
//! A roster without soft criteria and without stated choices scores exactly as before: the
//! gains are the benefits and the score their combination, whatever `benefit_weight` says.
//! A soft criterion weighs above 0, so `N = 0` only with stated choices, no soft criterion
//! and both `benefit_weight` and `choice_weight` 0: such a roster is refused
//! ([`Error::InvalidOption`](crate::Error::InvalidOption) on `benefit_weight`), since no
//! pair could score above 0.
//!
//! # Examples
//!
//! ```
//! use mentor_match::{Matcher, Roster};
//!
//! // Both juniors teach the seniors equally well; the region criterion decides.
//! let roster = Roster::from_json(r#"{
//!   "criteria": [{"field": "region", "relation": "different", "strength": "high"}],
//!   "participants": [
//!     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 4}, "attributes": {"region": "EMEA"}},
//!     {"id": "kai", "side": "junior", "skills": {"cloud-tools": 4}, "attributes": {"region": "APAC"}},
//!     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 3}, "attributes": {"region": "EMEA"}}]}"#)?;
//! let m = Matcher::new().solve(&roster)?;
//! assert_eq!(m.partner_of("jan"), Some("kai"));
//! let parts = m.pair_of("jan").unwrap().parts.as_ref().unwrap();
//! assert_eq!(parts.criteria[0].criterion, "region_different");
//! assert_eq!(parts.criteria[0].credit, Some(1.0));
//! # Ok::<(), mentor_match::Error>(())
//! ```

use crate::matching::pair_scores::Combination;
use crate::mentoring::model::{Criterion, ParticipantId, Relation, Roster, Value};
use crate::support::strict;
use serde::{Deserialize, Serialize};

/// The credit a soft criterion gives when either value is unknown.
///
/// # Examples
///
/// ```
/// use mentor_match::score::criteria::UNKNOWN_CREDIT;
/// use mentor_match::{Matcher, Roster};
///
/// // Jan gives no region: the criterion's credit is unknown and counts one half.
/// let roster = Roster::from_json(r#"{
///   "criteria": [{"field": "region", "relation": "different", "strength": "high"}],
///   "participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 4},
///      "attributes": {"region": "EMEA"}},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 3}}]}"#)?;
/// let matching = Matcher::new().solve(&roster)?;
/// let part = &matching.pairs()[0].parts.as_ref().unwrap().criteria[0];
/// assert_eq!(part.credit, None);
/// // Weight 5 of N = 10 (benefit) + 5.
/// assert!((part.share - 5.0 * UNKNOWN_CREDIT / 15.0).abs() < 1e-12);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub const UNKNOWN_CREDIT: f64 = 0.5;

/// The credit of `criterion` for a pair whose junior has `junior` and senior `senior` as the
/// field's value; `None` when either is not given (see the [module docs](self)).
pub(crate) fn credit(criterion: &Criterion, junior: &Value, senior: &Value) -> Option<f64> {
    let yes = |b: bool| Some(if b { 1.0 } else { 0.0 });
    match (criterion.relation, junior, senior) {
        (_, Value::Missing, _) | (_, _, Value::Missing) => None,
        // An empty list says nothing, for every relation.
        (_, Value::Words(a), _) | (_, _, Value::Words(a)) if a.is_empty() => None,
        (Relation::Same | Relation::Different, a, b) => {
            let same = a == b;
            yes(same == (criterion.relation == Relation::Same))
        }
        (Relation::Overlap, Value::Words(a), Value::Words(b)) => {
            let smaller = a.len().min(b.len());
            (smaller > 0).then(|| shared(a, b) as f64 / smaller as f64)
        }
        (Relation::Closest, Value::Number(a), Value::Number(b)) => {
            let scale = criterion.scale.unwrap_or(f64::INFINITY);
            Some((1.0 - (a - b).abs() / scale).max(0.0))
        }
        (Relation::AtMost, Value::Number(a), Value::Number(b)) => {
            yes((a - b).abs() <= criterion.bound.unwrap_or(f64::INFINITY))
        }
        (Relation::JuniorLessThan, Value::Number(a), Value::Number(b)) => yes(a < b),
        // A value of another kind was reported when the roster was validated.
        _ => None,
    }
}

/// How many ids two sorted lists share.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut k, mut n) = (0, 0, 0);
    while i < a.len() && k < b.len() {
        match a[i].cmp(&b[k]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => k += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                k += 1;
            }
        }
    }
    n
}

/// One soft criterion's part of a pair's score.
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{
///   "criteria": [{"field": "region", "relation": "different", "strength": "high"}],
///   "participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 4},
///      "attributes": {"region": "APAC"}},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 3},
///      "attributes": {"region": "EMEA"}}]}"#)?;
/// let matching = Matcher::new().solve(&roster)?;
/// let part = &matching.pairs()[0].parts.as_ref().unwrap().criteria[0];
/// assert_eq!(
///     (part.criterion.as_str(), part.credit),
///     ("region_different", Some(1.0))
/// );
/// // Weight 5 (`high`) of N = 10 (benefit) + 5, at full credit.
/// assert!((part.share - 5.0 / 15.0).abs() < 1e-12);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct CriterionPart {
    /// The criterion's name.
    pub criterion: String,
    /// Its credit for the pair, in `[0, 1]`; `null` when a value is missing (counted as
    /// [`UNKNOWN_CREDIT`]).
    pub credit: Option<f64>,
    /// What it adds to the pair score (and to each partner's gain): `weight · credit / N`.
    pub share: f64,
}

/// How a [`CriterionPart`] reads: an object of exactly its keys.
#[derive(Deserialize)]
#[serde(remote = "CriterionPart", deny_unknown_fields)]
struct CriterionPartMirror {
    criterion: String,
    credit: Option<f64>,
    share: f64,
}

strict::map_only!(CriterionPart, CriterionPartMirror);

/// A pair's score taken apart, when the roster has soft criteria or stated choices: the
/// benefit, each criterion's share and the choices' share add up to the score.
///
/// # Examples
///
/// ```
/// use mentor_match::{Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"ai-assistants": 5}, "choices": ["jan"]},
///     {"id": "jan", "side": "senior", "wishes": {"ai-assistants": 5}, "choices": ["ola"]}]}"#)?;
/// let matching = Matcher::new().solve(&roster)?;
/// let pair = &matching.pairs()[0];
/// let parts = pair.parts.as_ref().unwrap();
/// assert_eq!((parts.junior_rank, parts.senior_rank), (Some(1), Some(1)));
/// assert!((parts.benefit + parts.choices - pair.score).abs() < 1e-12);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct ScoreParts {
    /// The mutual benefit's part: `B · combine(benefits) / N`.
    pub benefit: f64,
    /// Each soft criterion's part, in the roster's order.
    pub criteria: Vec<CriterionPart>,
    /// The stated choices' part: `P · mean of both prefs / N`.
    pub choices: f64,
    /// Where the junior ranked the senior among their choices, from 1.
    pub junior_rank: Option<usize>,
    /// Where the senior ranked the junior among their choices, from 1.
    pub senior_rank: Option<usize>,
}

/// How a [`ScoreParts`] reads: an object of exactly its keys.
#[derive(Deserialize)]
#[serde(remote = "ScoreParts", deny_unknown_fields)]
struct ScorePartsMirror {
    benefit: f64,
    criteria: Vec<CriterionPart>,
    choices: f64,
    junior_rank: Option<usize>,
    senior_rank: Option<usize>,
}

strict::map_only!(ScoreParts, ScorePartsMirror);

/// One pair's gains and score after blending.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Blended {
    pub(crate) junior_gain: f64,
    pub(crate) senior_gain: f64,
    pub(crate) score: f64,
}

/// A roster's criteria and choices, ready to score pairs: the weights of the formula in the
/// [module docs](self), and which criteria are hard rules.
#[derive(Debug, Clone)]
pub(crate) struct Blend {
    benefit: f64,
    /// The soft criteria: (position in the roster's criteria, weight).
    soft: Vec<(usize, f64)>,
    /// The hard criteria, by position in the roster's criteria.
    must: Vec<usize>,
    /// `P`: the choice weight, 0 when nobody stated anything.
    choices: f64,
    /// Whether anyone stated choices or ratings (the parts then show the ranks, whatever `P`).
    stated: bool,
    /// `N`, the sum of the weights.
    total: f64,
    /// Whether anything besides the matcher's rules can forbid a pair: a `must` criterion, an
    /// `avoid` list or the top-choice guarantee.
    excludes: bool,
}

impl Blend {
    /// The blend of `roster`'s criteria, choices and weights.
    pub(crate) fn new(roster: &Roster) -> Blend {
        let mut soft = Vec::new();
        let mut must = Vec::new();
        for (k, c) in roster.criteria().iter().enumerate() {
            match c.strength.weight() {
                Some(w) => soft.push((k, w)),
                None => must.push(k),
            }
        }
        let benefit = roster.benefit_weight();
        let stated = roster.has_stated_choices();
        let choices = if stated { roster.choice_weight() } else { 0.0 };
        let total = benefit + soft.iter().map(|&(_, w)| w).sum::<f64>() + choices;
        let excludes = !must.is_empty()
            || roster.top_choice_guarantee().is_some()
            || roster
                .participants()
                .any(|p| !roster.participant(p).avoid.is_empty());
        Blend {
            benefit,
            soft,
            must,
            choices,
            stated,
            total,
            excludes,
        }
    }

    /// Whether the blend leaves scores as the scorer and the combination give them: no soft
    /// criterion and nobody stated a choice.
    pub(crate) fn is_plain(&self) -> bool {
        self.soft.is_empty() && !self.stated
    }

    /// The names of the exclusions the blend adds after the matcher's rules: each `must`
    /// criterion, then `avoid`, then `top_choices`.
    pub(crate) fn exclusion_names(&self, roster: &Roster) -> Vec<String> {
        let criteria = roster.criteria();
        self.must
            .iter()
            .map(|&k| criteria[k].name())
            .chain(["avoid".to_owned(), "top_choices".to_owned()])
            .collect()
    }

    /// Whether anything besides the matcher's rules can forbid a pair; when not, callers skip
    /// [`excluded`](Self::excluded) for every pair (the common case, decided once a roster).
    pub(crate) fn excludes(&self) -> bool {
        self.excludes
    }

    /// The first exclusion that forbids the pair, as a position in
    /// [`exclusion_names`](Self::exclusion_names).
    pub(crate) fn excluded(
        &self,
        roster: &Roster,
        junior: ParticipantId,
        senior: ParticipantId,
    ) -> Option<usize> {
        if !self.excludes {
            return None;
        }
        let criteria = roster.criteria();
        self.must
            .iter()
            .position(|&k| {
                let value = |p| roster.criterion_value(k, p);
                credit(&criteria[k], value(junior), value(senior)) == Some(0.0)
            })
            .or_else(|| roster.avoids(junior, senior).then_some(self.must.len()))
            .or_else(|| {
                let outside = |p: ParticipantId, q: ParticipantId| {
                    roster.has_top_choice_guarantee(p) && !among_first(roster, p, q)
                };
                (outside(junior, senior) || outside(senior, junior)).then_some(self.must.len() + 1)
            })
    }

    /// `Σ w_i c_i` over the soft criteria, an unknown credit counting [`UNKNOWN_CREDIT`].
    fn criteria_sum(&self, roster: &Roster, junior: ParticipantId, senior: ParticipantId) -> f64 {
        let criteria = roster.criteria();
        self.soft.iter().fold(0.0, |sum, &(k, w)| {
            let value = |p| roster.criterion_value(k, p);
            let c = credit(&criteria[k], value(junior), value(senior)).unwrap_or(UNKNOWN_CREDIT);
            sum + w * c
        })
    }

    /// The gains and the score of a pair whose benefits are `junior_benefit` (what the junior
    /// learns) and `senior_benefit`.
    pub(crate) fn blend(
        &self,
        roster: &Roster,
        (junior, senior): (ParticipantId, ParticipantId),
        (junior_benefit, senior_benefit): (f64, f64),
        combination: Combination,
    ) -> Blended {
        let combined = combination.combine(junior_benefit, senior_benefit);
        if self.is_plain() {
            return Blended {
                junior_gain: junior_benefit,
                senior_gain: senior_benefit,
                score: combined,
            };
        }
        if self.total <= 0.0 {
            return Blended {
                junior_gain: 0.0,
                senior_gain: 0.0,
                score: 0.0,
            };
        }
        let shared = self.criteria_sum(roster, junior, senior);
        let (pj, ps) = (pref(roster, junior, senior), pref(roster, senior, junior));
        let (b, p, n) = (self.benefit, self.choices, self.total);
        // Clamped: rounding may not push a mean of values in [0, 1] out of it.
        let unit = |x: f64| x.clamp(0.0, 1.0);
        Blended {
            junior_gain: unit((b * junior_benefit + shared + p * pj) / n),
            senior_gain: unit((b * senior_benefit + shared + p * ps) / n),
            score: unit((b * combined + shared + p * (pj + ps) / 2.0) / n),
        }
    }

    /// The pair's score taken apart; `None` for a plain blend.
    pub(crate) fn parts(
        &self,
        roster: &Roster,
        (junior, senior): (ParticipantId, ParticipantId),
        (junior_benefit, senior_benefit): (f64, f64),
        combination: Combination,
    ) -> Option<ScoreParts> {
        if self.is_plain() {
            return None;
        }
        let n = if self.total > 0.0 { self.total } else { 1.0 };
        let criteria = roster.criteria();
        let parts = self
            .soft
            .iter()
            .map(|&(k, w)| {
                let value = |p| roster.criterion_value(k, p);
                let credit = credit(&criteria[k], value(junior), value(senior));
                CriterionPart {
                    criterion: criteria[k].name(),
                    credit,
                    share: w * credit.unwrap_or(UNKNOWN_CREDIT) / n,
                }
            })
            .collect();
        let prefs = (pref(roster, junior, senior) + pref(roster, senior, junior)) / 2.0;
        let rank = |p: ParticipantId, q: ParticipantId| {
            roster
                .choices(p)
                .iter()
                .position(|&c| c == q)
                .map(|k| k + 1)
        };
        Some(ScoreParts {
            benefit: self.benefit * combination.combine(junior_benefit, senior_benefit) / n,
            criteria: parts,
            choices: self.choices * prefs / n,
            junior_rank: rank(junior, senior),
            senior_rank: rank(senior, junior),
        })
    }
}

/// Whether `q` is among `p`'s first `k` choices, `k` the roster's top-choice guarantee.
fn among_first(roster: &Roster, p: ParticipantId, q: ParticipantId) -> bool {
    let k = roster.top_choice_guarantee().unwrap_or(0) as usize;
    roster.choices(p).iter().take(k).any(|&c| c == q)
}

/// How much `x` wanted `y`, in `[0, 1]`: `(1 + stated) / 2`, one half when `x` said nothing.
fn pref(roster: &Roster, x: ParticipantId, y: ParticipantId) -> f64 {
    (1.0 + roster.stated(x, y).unwrap_or(0.0)) / 2.0
}
