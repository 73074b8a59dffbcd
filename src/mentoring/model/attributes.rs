//! A participant's own fields: the `attributes` object, where a programme puts whatever it
//! describes people by (region, function, gender, interests, available slots, ...).
//!
//! The roster's top-level fields are fixed and a typo among them is an error; the attributes
//! object is the one place for free fields. A value is a string, a number, a boolean or a list
//! of strings; the criteria (see [`Criterion`](super::Criterion)) and the fairness report read
//! them. Inside the roster each attribute becomes a column of interned [`Value`]s, so comparing
//! two participants' values costs no string work.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::fmt;

/// One value of a participant's `attributes`.
///
/// In JSON: a string, a finite number, `true`/`false`, or an array of strings. `null` and
/// objects are mistakes (leave the key out for "not given").
///
/// # Examples
///
/// ```
/// use mentor_match::model::Attribute;
///
/// let region: Attribute = serde_json::from_str(r#""EMEA""#).unwrap();
/// assert_eq!(region, Attribute::Text("EMEA".into()));
/// let slots: Attribute = serde_json::from_str("3").unwrap();
/// assert_eq!(slots, Attribute::Number(3.0));
/// let interests: Attribute = serde_json::from_str(r#"["ai", "cloud"]"#).unwrap();
/// assert_eq!(interests.items(), ["ai", "cloud"]);
/// assert!(serde_json::from_str::<Attribute>("null").is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
#[non_exhaustive]
pub enum Attribute {
    /// A yes/no field.
    Flag(bool),
    /// A number (finite).
    Number(f64),
    /// One word or phrase.
    Text(String),
    /// Several words or phrases (interests, slots); order does not matter.
    List(Vec<String>),
}

impl Attribute {
    /// The strings of a text (one) or a list (each); none for a number or a flag.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::Attribute;
    ///
    /// let interests = Attribute::List(vec!["ai".into(), "cloud".into()]);
    /// assert_eq!(interests.items(), ["ai", "cloud"]);
    /// assert_eq!(Attribute::Text("EMEA".into()).items(), ["EMEA"]);
    /// assert!(Attribute::Number(3.0).items().is_empty());
    /// ```
    pub fn items(&self) -> Vec<&str> {
        match self {
            Attribute::Text(t) => vec![t.as_str()],
            Attribute::List(l) => l.iter().map(String::as_str).collect(),
            Attribute::Flag(_) | Attribute::Number(_) => Vec::new(),
        }
    }

    /// What kind of value this is.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::{Attribute, AttributeKind};
    ///
    /// assert_eq!(Attribute::Flag(true).kind(), AttributeKind::Flag);
    /// assert_eq!(Attribute::Number(3.0).kind(), AttributeKind::Number);
    /// assert_eq!(Attribute::Text("EMEA".into()).kind(), AttributeKind::Words);
    /// ```
    pub fn kind(&self) -> AttributeKind {
        match self {
            Attribute::Flag(_) => AttributeKind::Flag,
            Attribute::Number(_) => AttributeKind::Number,
            Attribute::Text(_) | Attribute::List(_) => AttributeKind::Words,
        }
    }
}

impl fmt::Display for Attribute {
    /// As a group label: a number as written by Rust's shortest round trip, a list joined by
    /// `;` in the order given.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Attribute::Flag(b) => write!(f, "{b}"),
            Attribute::Number(x) => write!(f, "{x}"),
            Attribute::Text(t) => f.write_str(t),
            Attribute::List(l) => f.write_str(&l.join(";")),
        }
    }
}

/// The kinds of [`Attribute`] a criterion tells apart: a text and a list are both words.
///
/// # Examples
///
/// ```
/// use mentor_match::model::{Attribute, AttributeKind};
/// assert_eq!(Attribute::Text("a".into()).kind(), AttributeKind::Words);
/// assert_eq!(Attribute::List(vec![]).kind(), AttributeKind::Words);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum AttributeKind {
    /// `true` or `false`.
    Flag,
    /// A number.
    Number,
    /// A text or a list of texts.
    Words,
}

impl fmt::Display for AttributeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            AttributeKind::Flag => "a boolean",
            AttributeKind::Number => "a number",
            AttributeKind::Words => "a text or a list of texts",
        })
    }
}

impl<'de> Deserialize<'de> for Attribute {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct AttributeVisitor;

        impl<'de> Visitor<'de> for AttributeVisitor {
            type Value = Attribute;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, a number, a boolean or a list of strings")
            }

            fn visit_bool<E: de::Error>(self, v: bool) -> Result<Attribute, E> {
                Ok(Attribute::Flag(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Attribute, E> {
                Ok(Attribute::Number(v as f64))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Attribute, E> {
                Ok(Attribute::Number(v as f64))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Attribute, E> {
                if v.is_finite() {
                    Ok(Attribute::Number(v))
                } else {
                    Err(E::custom(format_args!("{v} is not a finite number")))
                }
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Attribute, E> {
                Ok(Attribute::Text(v.to_owned()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Attribute, E> {
                Ok(Attribute::Text(v))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Attribute, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<String>()? {
                    items.push(item);
                }
                Ok(Attribute::List(items))
            }
        }

        d.deserialize_any(AttributeVisitor)
    }
}

/// An attribute as the roster keeps it: words interned to ids of their column (sorted, each
/// once), so that comparing two values is integer work.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    /// Not given.
    Missing,
    /// A boolean.
    Flag(bool),
    /// A finite number.
    Number(f64),
    /// A text (one id) or a list (its distinct ids, sorted).
    Words(Box<[u32]>),
}

/// Interns the words of one column: each distinct string gets the next id.
#[derive(Debug, Default)]
pub(crate) struct Words<'a> {
    ids: HashMap<&'a str, u32>,
}

impl<'a> Words<'a> {
    /// The value of `items` in this column: their ids, sorted and each once.
    pub(crate) fn intern(&mut self, items: impl IntoIterator<Item = &'a str>) -> Value {
        let mut ids: Vec<u32> = items
            .into_iter()
            .map(|item| {
                let next = self.ids.len() as u32;
                *self.ids.entry(item).or_insert(next)
            })
            .collect();
        ids.sort_unstable();
        ids.dedup();
        Value::Words(ids.into_boxed_slice())
    }

    /// The value of an attribute in this column.
    pub(crate) fn value(&mut self, attribute: Option<&'a Attribute>) -> Value {
        match attribute {
            None => Value::Missing,
            Some(Attribute::Flag(b)) => Value::Flag(*b),
            Some(Attribute::Number(x)) => Value::Number(*x),
            Some(a @ (Attribute::Text(_) | Attribute::List(_))) => self.intern(a.items()),
        }
    }
}
