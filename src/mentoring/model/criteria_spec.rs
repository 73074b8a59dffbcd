//! A programme's criteria as a document of its own, for rosters that cannot hold them (a CSV
//! export from an HR system) or programmes that keep one set of criteria across rosters.
//!
//! ```json
//! {"criteria": [{"field": "function", "relation": "different", "strength": "medium"}],
//!  "benefit_weight": 10,
//!  "choice_weight": 5}
//! ```
//!
//! Every key is optional; unknown and repeated keys are errors. Applied to a roster with
//! [`RosterSpec::with_criteria_spec`](super::RosterSpec::with_criteria_spec).

use super::criterion::Criterion;
#[cfg(doc)]
use crate::mentoring::error::Error;
#[cfg(feature = "json")]
use crate::mentoring::error::Result;
use crate::support::strict;
use serde::{Deserialize, Serialize};

/// The criteria and weights of a programme, apart from its participants.
///
/// # Examples
///
/// ```
/// use mentor_match::model::CriteriaSpec;
///
/// let spec = CriteriaSpec::from_json(r#"{"criteria": [
///     {"field": "region", "relation": "different", "strength": "low"}], "choice_weight": 2}"#)?;
/// assert_eq!(spec.criteria.len(), 1);
/// assert_eq!(spec.choice_weight, Some(2.0));
/// assert!(CriteriaSpec::from_json(r#"{"critera": []}"#).is_err());
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[non_exhaustive]
pub struct CriteriaSpec {
    /// The criteria, in order (see [`Criterion`]).
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// The weight of mutual benefit in the pair score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit_weight: Option<f64>,
    /// The weight of stated choices and ratings in the pair score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice_weight: Option<f64>,
    /// Everyone who listed choices gets one of their first `k`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_choice_guarantee: Option<u32>,
}

/// How a [`CriteriaSpec`] reads: an object of exactly its keys.
#[derive(Deserialize)]
#[serde(
    remote = "CriteriaSpec",
    deny_unknown_fields,
    expecting = "a criteria document (a JSON object of criteria and weights)"
)]
struct CriteriaSpecMirror {
    #[serde(default)]
    criteria: Vec<Criterion>,
    #[serde(default)]
    benefit_weight: Option<f64>,
    #[serde(default)]
    choice_weight: Option<f64>,
    #[serde(default)]
    top_choice_guarantee: Option<u32>,
}

strict::map_only!(CriteriaSpec, CriteriaSpecMirror);

impl CriteriaSpec {
    /// Reads the criteria document: the keys of [`CriteriaSpec`]'s fields, read as the
    /// [roster format](crate::model#the-roster-json-format) reads its own.
    ///
    /// # Errors
    ///
    /// [`Error::CriteriaJson`] for malformed JSON, an unknown or repeated key, or a value of
    /// the wrong type, with its line and column (the first mistake's, and each number beyond
    /// `f64`'s; every mistake is listed, as in a roster, each named by its key);
    /// [`Error::InvalidCriterion`] for each mistake of a criterion (a repeated key, a number
    /// beyond `f64`, what else keeps it from being read), named by its name, or its field and
    /// relation as written, or its position. The criteria themselves are checked against a
    /// roster when it is validated ([`Roster::new`](crate::Roster::new)).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::Error;
    /// use mentor_match::model::{CriteriaSpec, Strength};
    ///
    /// let spec = CriteriaSpec::from_json(r#"{"criteria": [
    ///     {"field": "function", "relation": "different", "strength": "medium"}]}"#)?;
    /// assert_eq!(spec.criteria[0].strength, Strength::Medium);
    /// assert_eq!(spec.benefit_weight, None);
    /// // Keys are checked: a typo is an error, not an empty document.
    /// let err = CriteriaSpec::from_json(r#"{"benefit_wieght": 4}"#).unwrap_err();
    /// assert!(matches!(err, Error::CriteriaJson { line: 1, .. }));
    /// // Each criterion is read on its own, and named.
    /// let err = CriteriaSpec::from_json(r#"{"criteria": [
    ///     {"field": "function", "relation": "different", "strength": "urgent"},
    ///     {"name": "near", "field": "site", "relation": "same", "strength": "low", "x": 1}]}"#)
    /// .unwrap_err();
    /// assert_eq!(err.all().len(), 2);
    /// assert!(err.to_string().contains("criterion `function_different`: invalid value"));
    /// assert!(err.to_string().contains("criterion `near`: unknown field `x`"));
    /// // A roster given by mistake: its participants are not read as a roster's.
    /// let err = CriteriaSpec::from_json(r#"{"participants": [{"x": 1}]}"#).unwrap_err();
    /// assert_eq!(err.all().len(), 1);
    /// assert!(err.to_string().contains("unknown field `participants`"));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn from_json(text: &str) -> Result<CriteriaSpec> {
        let text = crate::support::byte_order_mark::without_mark(text);
        serde_json::from_str(text)
            .map_err(|e| super::json_error::<CriteriaSpec>(text, e, super::Document::Criteria))
    }

    /// Writes the criteria document, pretty-printed.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::CriteriaSpec;
    ///
    /// let spec = CriteriaSpec::from_json(r#"{"choice_weight": 2}"#)?;
    /// let json = spec.to_json();
    /// assert!(json.contains(r#""choice_weight": 2.0"#));
    /// assert_eq!(CriteriaSpec::from_json(&json)?, spec);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
