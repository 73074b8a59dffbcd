//! A programme's criteria as data: which field to compare, how, and how much it matters.
//!
//! A roster may declare `criteria`, each naming a field (a participant's attribute or one of
//! the built-in fields `department`, `languages`, `timezone`, `experience_years`), a
//! [`Relation`] and a [`Strength`]:
//!
//! ```json
//! {"criteria": [
//!    {"field": "region", "relation": "different", "strength": "medium"},
//!    {"field": "interests", "relation": "overlap", "strength": "high"},
//!    {"field": "age", "relation": "closest", "scale": 20, "strength": 2.5},
//!    {"field": "gender", "relation": "same", "strength": "must", "name": "same_gender"}],
//!  "participants": [ ... ]}
//! ```
//!
//! This file holds the data and its validation; how a criterion scores a pair is
//! [`crate::score::criteria`].

use super::attributes::{Attribute, AttributeKind, Value, Words};
use crate::matching::error::OptionValue;
use crate::mentoring::error::Error;
use crate::mentoring::mistakes::Mistakes;
use crate::support::strict;
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::borrow::Cow;
use std::fmt;

/// How a criterion compares the junior's value with the senior's.
///
/// Each gives a pair a *credit* in `[0, 1]`; see [`crate::score::criteria`] for the
/// numbers. When either participant does not give the field the credit is unknown.
///
/// # Examples
///
/// ```
/// use mentor_match::model::Relation;
/// assert_eq!(Relation::JuniorLessThan.name(), "junior_less_than");
/// assert_eq!(serde_json::to_string(&Relation::AtMost).unwrap(), "\"at_most\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Relation {
    /// The same value (lists: the same set of items).
    Same,
    /// Different values.
    Different,
    /// Words in common: the share of the smaller list that the other list also has.
    Overlap,
    /// Numbers close together: credit falls linearly from 1 to 0 as the distance grows to
    /// `scale`.
    Closest,
    /// Numbers at most `bound` apart.
    AtMost,
    /// The junior's number is smaller than the senior's.
    JuniorLessThan,
}

/// How a [`Relation`] reads: its snake_case name, a string only.
#[derive(Deserialize)]
#[serde(remote = "Relation", rename_all = "snake_case")]
enum RelationMirror {
    Same,
    Different,
    Overlap,
    Closest,
    AtMost,
    JuniorLessThan,
}

impl<'de> Deserialize<'de> for Relation {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        strict::named(d, RelationMirror::deserialize)
    }
}

impl Relation {
    /// The relation's name, as written in a roster.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::Relation;
    ///
    /// assert_eq!(Relation::AtMost.name(), "at_most");
    /// // The name is how a roster writes the relation.
    /// let read: Relation = serde_json::from_str(r#""at_most""#).unwrap();
    /// assert_eq!(read, Relation::AtMost);
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Relation::Same => "same",
            Relation::Different => "different",
            Relation::Overlap => "overlap",
            Relation::Closest => "closest",
            Relation::AtMost => "at_most",
            Relation::JuniorLessThan => "junior_less_than",
        }
    }

    /// Whether the relation compares numbers (`closest`, `at_most`, `junior_less_than`).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::Relation;
    ///
    /// assert!(Relation::Closest.on_numbers());
    /// assert!(!Relation::Overlap.on_numbers());
    /// ```
    pub fn on_numbers(self) -> bool {
        matches!(
            self,
            Relation::Closest | Relation::AtMost | Relation::JuniorLessThan
        )
    }
}

/// The largest weight a criterion, `benefit_weight` or `choice_weight` may have: far beyond
/// any useful ratio (a criterion that must hold is `must`), and small enough that sums of
/// weights stay exact enough and finite.
///
/// # Examples
///
/// ```
/// use mentor_match::RosterSpec;
/// use mentor_match::model::MAX_WEIGHT;
///
/// let heaviest = RosterSpec::new().with_benefit_weight(Some(MAX_WEIGHT));
/// assert!(heaviest.validate().is_ok());
/// let heavier = RosterSpec::new().with_benefit_weight(Some(MAX_WEIGHT * 10.0));
/// assert!(heavier.validate().is_err());
/// ```
pub const MAX_WEIGHT: f64 = 1e9;

/// How much a criterion matters: a hard rule, or a weight in the pair score.
///
/// Written as `"must"`, `"high"` (5), `"medium"` (3), `"low"` (1) or a positive number.
///
/// # Examples
///
/// ```
/// use mentor_match::model::Strength;
/// assert_eq!(Strength::High.weight(), Some(5.0));
/// assert_eq!(Strength::Must.weight(), None);
/// let s: Strength = serde_json::from_str("2.5").unwrap();
/// assert_eq!(s, Strength::Weight(2.5));
/// assert_eq!(serde_json::to_string(&Strength::Low).unwrap(), "\"low\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Strength {
    /// A hard rule: a pair it fails (credit 0, both values known) is never formed, and the
    /// unmatched are told how many partners it excluded. Adds nothing to the score.
    Must,
    /// Weight 5.
    High,
    /// Weight 3.
    Medium,
    /// Weight 1.
    Low,
    /// A weight of the coordinator's own: above 0 and at most [`MAX_WEIGHT`].
    Weight(f64),
}

impl Strength {
    /// The weight in the pair score; `None` for [`Strength::Must`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::Strength;
    ///
    /// assert_eq!(Strength::Medium.weight(), Some(3.0));
    /// assert_eq!(Strength::Weight(2.5).weight(), Some(2.5));
    /// // A hard rule weighs nothing in the score.
    /// assert_eq!(Strength::Must.weight(), None);
    /// ```
    pub fn weight(self) -> Option<f64> {
        match self {
            Strength::Must => None,
            Strength::High => Some(5.0),
            Strength::Medium => Some(3.0),
            Strength::Low => Some(1.0),
            Strength::Weight(w) => Some(w),
        }
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Strength {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Strength".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                {"type": "string", "enum": ["must", "high", "medium", "low"]},
                {"type": "number", "exclusiveMinimum": 0}
            ]
        })
    }
}

impl Serialize for Strength {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Strength::Must => s.serialize_str("must"),
            Strength::High => s.serialize_str("high"),
            Strength::Medium => s.serialize_str("medium"),
            Strength::Low => s.serialize_str("low"),
            Strength::Weight(w) => s.serialize_f64(*w),
        }
    }
}

impl<'de> Deserialize<'de> for Strength {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct StrengthVisitor;

        impl Visitor<'_> for StrengthVisitor {
            type Value = Strength;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("\"must\", \"high\", \"medium\", \"low\" or a positive number")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Strength, E> {
                match v {
                    "must" => Ok(Strength::Must),
                    "high" => Ok(Strength::High),
                    "medium" => Ok(Strength::Medium),
                    "low" => Ok(Strength::Low),
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Strength, E> {
                Ok(Strength::Weight(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Strength, E> {
                Ok(Strength::Weight(v as f64))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Strength, E> {
                Ok(Strength::Weight(v as f64))
            }
        }

        d.deserialize_any(StrengthVisitor)
    }
}

/// One criterion of a programme: compare `field` by `relation`, with `strength`.
///
/// Checked when the roster is validated ([`Roster::new`](crate::Roster::new)): the field must
/// be a built-in field or an attribute someone gives, of the kind the relation compares;
/// `closest` needs a `scale` above 0 and `at_most` a `bound` of at least 0, and no other
/// relation takes either; a weight is finite and above 0; names are unique.
///
/// # Examples
///
/// ```
/// use mentor_match::model::{Criterion, Relation, Strength};
///
/// let age = Criterion::new("age", Relation::Closest, Strength::Low).with_scale(15.0);
/// assert_eq!(age.name(), "age_closest");
/// let json = r#"{"field": "region", "relation": "different", "strength": "medium"}"#;
/// let region: Criterion = serde_json::from_str(json).unwrap();
/// assert_eq!(region.relation, Relation::Different);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Criterion {
    /// The name in explanations and reasons (written `name`); by default
    /// `<field>_<relation>`.
    #[serde(default, rename = "name", skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The attribute or built-in field compared.
    pub field: String,
    /// How the two values are compared.
    pub relation: Relation,
    /// For `closest`: the distance at which credit reaches 0.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<f64>,
    /// For `at_most`: the largest distance that passes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<f64>,
    /// A hard rule or a weight.
    pub strength: Strength,
}

/// How a [`Criterion`] reads: an object of exactly its keys; the name is written `name`.
#[derive(Deserialize)]
#[serde(
    remote = "Criterion",
    deny_unknown_fields,
    expecting = "a criterion (a JSON object)"
)]
struct CriterionMirror {
    #[serde(default, rename = "name")]
    label: Option<String>,
    field: String,
    relation: Relation,
    #[serde(default)]
    scale: Option<f64>,
    #[serde(default)]
    bound: Option<f64>,
    strength: Strength,
}

strict::map_only!(Criterion, CriterionMirror);

impl Criterion {
    /// Compares `field` by `relation` with `strength`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::{Criterion, Relation, Strength};
    ///
    /// let c = Criterion::new("department", Relation::Different, Strength::High);
    /// assert_eq!(
    ///     (c.field.as_str(), c.relation),
    ///     ("department", Relation::Different)
    /// );
    /// assert_eq!((c.scale, c.bound, c.label), (None, None, None));
    /// ```
    pub fn new(field: impl Into<String>, relation: Relation, strength: Strength) -> Self {
        Criterion {
            label: None,
            field: field.into(),
            relation,
            scale: None,
            bound: None,
            strength,
        }
    }

    /// Names the criterion (for example after a built-in rule it replaces).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::{Criterion, Relation, Strength};
    ///
    /// // Named after a built-in rule, the criterion replaces it (here: a preference, not a rule).
    /// let c =
    ///     Criterion::new("languages", Relation::Overlap, Strength::Low).named("shared_language");
    /// assert_eq!(c.name(), "shared_language");
    /// ```
    pub fn named(mut self, name: impl Into<String>) -> Self {
        self.label = Some(name.into());
        self
    }

    /// Sets the scale of `closest`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::{Criterion, Relation, Strength};
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let age = Criterion::new("experience_years", Relation::Closest, Strength::Low);
    /// assert_eq!(age.clone().with_scale(10.0).scale, Some(10.0));
    /// // `closest` needs a scale: without one the roster is refused.
    /// let jan = ParticipantSpec::new("jan", Side::Senior).with_experience_years(20.0);
    /// let spec = RosterSpec::new().with_criterion(age).with_participant(jan);
    /// assert!(spec.validate().is_err());
    /// ```
    pub fn with_scale(mut self, scale: f64) -> Self {
        self.scale = Some(scale);
        self
    }

    /// Sets the bound of `at_most`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::{Criterion, Relation, Strength};
    ///
    /// let near = Criterion::new("timezone", Relation::AtMost, Strength::Must).with_bound(3.0);
    /// assert_eq!(near.bound, Some(3.0));
    /// assert_eq!(near.name(), "timezone_at_most");
    /// ```
    pub fn with_bound(mut self, bound: f64) -> Self {
        self.bound = Some(bound);
        self
    }

    /// Its name: the one given, else `<field>_<relation>`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::{Criterion, Relation, Strength};
    ///
    /// let region = Criterion::new("region", Relation::Same, Strength::Must);
    /// assert_eq!(region.name(), "region_same");
    /// assert_eq!(region.named("same_region").name(), "same_region");
    /// ```
    pub fn name(&self) -> String {
        match &self.label {
            Some(name) => name.clone(),
            None => format!("{}_{}", self.field, self.relation.name()),
        }
    }

    /// Why the criterion's own parameters are wrong, one message per mistake (the field is
    /// checked against the roster elsewhere).
    pub(crate) fn parameter_mistakes(&self) -> Vec<String> {
        let mut mistakes = Vec::new();
        if self.field.is_empty() {
            mistakes.push("the field is empty".to_owned());
        }
        if self.label.as_deref() == Some("") {
            mistakes.push("the name is empty".to_owned());
        }
        match (self.relation, self.scale) {
            (Relation::Closest, None) => mistakes.push("`closest` needs a `scale`".to_owned()),
            (Relation::Closest, Some(x)) if !(x.is_finite() && x > 0.0) => {
                let x = OptionValue::from(x);
                mistakes.push(format!("scale {x} is not a finite number above 0"))
            }
            (Relation::Closest, Some(_)) | (_, None) => {}
            (other, Some(_)) => mistakes.push(format!("`{}` takes no `scale`", other.name())),
        }
        match (self.relation, self.bound) {
            (Relation::AtMost, None) => mistakes.push("`at_most` needs a `bound`".to_owned()),
            (Relation::AtMost, Some(x)) if !(x.is_finite() && x >= 0.0) => {
                let x = OptionValue::from(x);
                mistakes.push(format!("bound {x} is not a finite number of at least 0"))
            }
            (Relation::AtMost, Some(_)) | (_, None) => {}
            (other, Some(_)) => mistakes.push(format!("`{}` takes no `bound`", other.name())),
        }
        if let Some(w) = self.strength.weight()
            && !(w > 0.0 && w <= MAX_WEIGHT)
        {
            // As an option's value is written: 1e308, not 309 digits.
            let w = OptionValue::from(w);
            mistakes.push(format!(
                "weight {w} is not a number above 0 and at most {MAX_WEIGHT:e}"
            ));
        }
        mistakes
    }
}

/// The column of criterion `c` (named `name`, reading `field`), pushed onto `column`: each
/// participant's value interned, after checking it is of the kind the relation compares (numbers for `closest`,
/// `at_most` and `junior_less_than`; words for `overlap`; one kind throughout for `same` and
/// `different`). A value of the wrong kind is a mistake naming the participant and the field,
/// and counts as not given.
pub(crate) fn column(
    c: &Criterion,
    (name, field): (&str, &str),
    ids: &[&str],
    values: &[Option<Cow<'_, Attribute>>],
    column: &mut Vec<Value>,
    found: &mut Mistakes,
) {
    let expected = if c.relation.on_numbers() {
        Some(AttributeKind::Number)
    } else if c.relation == Relation::Overlap {
        Some(AttributeKind::Words)
    } else {
        // `same` and `different`: the kind most participants give (ties to the kind given
        // first), so that the odd ones out are the ones named.
        let kinds = [
            AttributeKind::Flag,
            AttributeKind::Number,
            AttributeKind::Words,
        ];
        let count = |kind| values.iter().flatten().filter(|v| v.kind() == kind).count();
        let first = values.iter().flatten().map(|v| v.kind()).next();
        let most = kinds.iter().map(|&k| count(k)).max().unwrap_or(0);
        first.filter(|&k| count(k) == most).or_else(|| {
            kinds
                .iter()
                .copied()
                .find(|&k| most > 0 && count(k) == most)
        })
    };
    let mut words = Words::default();
    let interned = values
        .iter()
        .zip(ids)
        .enumerate()
        .map(|(k, (value, id))| match value {
            Some(v) if Some(v.kind()) != expected => {
                let participant = if id.is_empty() {
                    format!("#{k}")
                } else {
                    (*id).to_owned()
                };
                found.push(Error::InvalidField {
                    participant,
                    field: field.to_owned(),
                    message: format!(
                        "criterion `{name}` compares {}, but this is {}",
                        expected.map_or("nothing".to_owned(), |e| e.to_string()),
                        v.kind()
                    ),
                });
                Value::Missing
            }
            other => words.value(other.as_deref()),
        });
    column.extend(interned);
}
