//! The roster: participants, their skills and wishes, and the optional skill catalog.
//!
//! Two layers, one direction: a [`RosterSpec`] is plain data exactly as the user wrote it (and
//! as the roster JSON says it); [`Roster::new`] validates it once, names every culprit in its
//! errors, and interns skills and participants to dense ids so that scoring a pair costs no
//! string work. The roster keeps the spec it was built from, so nothing the caller passed is
//! lost.
//!
//! # The roster JSON format
//!
//! ```json
//! {"skills": [{"id": "data-analytics", "category": "digital"},
//!             {"id": "spreadsheets", "category": "digital", "parent": "data-analytics"},
//!             {"id": "negotiation", "category": "leadership"}],
//!  "participants": [
//!    {"id": "ola", "side": "junior", "department": "Sales", "manager": "ewa",
//!     "languages": ["pl", "en"], "experience_years": 2,
//!     "skills": {"spreadsheets": 5}, "wishes": {"negotiation": 4}},
//!    {"id": "jan", "side": "senior", "department": "Finance", "experience_years": 25,
//!     "skills": {"negotiation": 5}, "wishes": {"data-analytics": 3}}]}
//! ```
//!
//! - `skills` (optional): the catalog. Without it (absent or empty) skill ids are free strings;
//!   with it, every skill a participant names must be in it, and `parent` links make a taxonomy
//!   (a wish for `data-analytics` is partly served by someone who knows its child
//!   `spreadsheets`).
//! - Each participant: `id` (unique, non-empty), `side` (`junior` or `senior`), optional `name`;
//!   `skills`: what they can teach, skill → proficiency level on the scale of [`Level`];
//!   `wishes`: what they want to learn, skill → priority 1 (nice to have) … 5 (most wanted);
//!   optional `department`, `manager` (the id of their manager, who may or may not be in the
//!   roster), `languages`, `timezone` (hours from UTC), `experience_years`, `capacity`
//!   (partners wanted, default 1; 0 = not available this round).
//! - Unknown fields are rejected rather than ignored, so a typo such as `wishs` is an error
//!   instead of a participant who silently wishes for nothing. A key given twice (a field, or
//!   a skill in `skills` or `wishes`) is an error too, not "the last one wins"; so is an
//!   array where an object belongs, and a number too large for its field.
//! - Optional, for programmes that say more: `attributes` (the programme's own fields, see
//!   [`Attribute`]), `choices` (ids on the other side, best first), `ratings` (id → -5 … 5),
//!   `avoid` (ids never to be paired with), `min_partners` (at most `capacity`); and at the
//!   top level `criteria` (see [`Criterion`]), `benefit_weight` and `choice_weight` (see
//!   [`crate::score::criteria`]). An HR export reads as CSV (feature `csv`, see [`csv`]).
//! - Every mistake is reported at once, each naming its participant and field, up to
//!   [`MAX_LISTED`](crate::error::MAX_LISTED) (see [`Error::Multiple`] and [`Error::all`]).

mod attributes;
mod checks;
mod criteria_spec;
mod criterion;
#[cfg(feature = "csv")]
pub mod csv;
#[cfg(feature = "json")]
mod json_mistakes;
mod rule_facts;
pub(crate) mod side;

pub(crate) use attributes::Value;
pub use attributes::{Attribute, AttributeKind};
pub use criteria_spec::CriteriaSpec;
pub use criterion::{Criterion, MAX_WEIGHT, Relation, Strength};
pub use side::Side;

pub(crate) use checks::built_in_fields;
#[cfg(feature = "csv")]
use checks::check_across;
pub use checks::{BUILT_IN_FIELDS, MAX_CRITERIA};
use checks::{
    check_catalog, check_choices, check_participants, check_weights, criterion_columns, intern,
    participants_too_large, skill_index, skills_too_large, stated_preferences,
};
#[cfg(feature = "json")]
pub(crate) use json_mistakes::{Document, json_error};

use crate::matching::memory;
// The docs name the errors the readers and checks return.
#[cfg(doc)]
use crate::mentoring::error::Error;
use crate::mentoring::error::Result;
use crate::mentoring::mistakes::Mistakes;
use crate::support::strict;
use rule_facts::{LanguageSet, RuleFacts};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fmt;

/// The proficiency scale of a participant's `skills`, 1 to 5.
///
/// | level | meaning |
/// |---|---|
/// | 1 | aware: knows what it is |
/// | 2 | beginner: has used it with help |
/// | 3 | practitioner: uses it on their own |
/// | 4 | advanced: handles hard cases, helps others |
/// | 5 | expert: could teach a course on it |
///
/// A participant who does not list a skill is at level 0 in it.
///
/// # Examples
///
/// ```
/// use mentor_match::model::Level;
/// assert_eq!(Level::EXPERT, 5);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Level;

impl Level {
    /// Knows what it is.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::Level;
    /// assert_eq!(Level::AWARE, 1);
    /// assert!(Level::AWARE < Level::BEGINNER);
    /// ```
    pub const AWARE: u8 = 1;
    /// Has used it with help.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::Level;
    /// use mentor_match::{ParticipantSpec, Side};
    ///
    /// let ewa =
    ///     ParticipantSpec::new("ewa", Side::Senior).with_skill("cloud-tools", Level::BEGINNER);
    /// assert_eq!(ewa.skills["cloud-tools"], 2);
    /// ```
    pub const BEGINNER: u8 = 2;
    /// Uses it on their own.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::Level;
    /// assert_eq!(Level::PRACTITIONER, 3);
    /// ```
    pub const PRACTITIONER: u8 = 3;
    /// Handles hard cases, helps others.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::Level;
    /// assert_eq!(Level::ADVANCED, 4);
    /// ```
    pub const ADVANCED: u8 = 4;
    /// Could teach a course on it.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::Level;
    /// use mentor_match::{ParticipantSpec, Side};
    ///
    /// let ola =
    ///     ParticipantSpec::new("ola", Side::Junior).with_skill("social-media", Level::EXPERT);
    /// assert_eq!(ola.skills["social-media"], 5);
    /// ```
    pub const EXPERT: u8 = 5;
}

/// One entry of the skill catalog.
///
/// # Examples
///
/// ```
/// use mentor_match::SkillSpec;
/// let s = SkillSpec::new("spreadsheets").with_category("digital").with_parent("data-analytics");
/// assert_eq!(s.parent.as_deref(), Some("data-analytics"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct SkillSpec {
    /// The skill's id, as participants name it.
    pub id: String,
    /// A free-form category, for example `digital` or `leadership`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The broader skill this one belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
}

/// How a [`SkillSpec`] reads: an object of known keys (see [`crate::strict`]).
#[derive(Deserialize)]
#[serde(
    remote = "SkillSpec",
    deny_unknown_fields,
    expecting = "a skill (a JSON object)"
)]
struct SkillSpecMirror {
    id: String,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    parent: Option<String>,
}

strict::map_only!(SkillSpec, SkillSpecMirror);

impl SkillSpec {
    /// A catalog skill with no category and no parent.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::SkillSpec;
    ///
    /// let skill = SkillSpec::new("social-media");
    /// assert_eq!(skill.id, "social-media");
    /// assert_eq!((skill.category, skill.parent), (None, None));
    /// ```
    pub fn new(id: impl Into<String>) -> Self {
        SkillSpec {
            id: id.into(),
            category: None,
            parent: None,
        }
    }

    /// Sets the category.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::SkillSpec;
    ///
    /// let skill = SkillSpec::new("negotiation").with_category("leadership");
    /// assert_eq!(skill.category.as_deref(), Some("leadership"));
    /// ```
    pub fn with_category(mut self, category: impl Into<String>) -> Self {
        self.category = Some(category.into());
        self
    }

    /// Sets the parent skill.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side, SkillSpec};
    ///
    /// let ola = ParticipantSpec::new("ola", Side::Junior).with_skill("spreadsheets", 3);
    /// let roster = RosterSpec::new()
    ///     .with_skill(SkillSpec::new("data-analytics"))
    ///     .with_skill(SkillSpec::new("spreadsheets").with_parent("data-analytics"))
    ///     .with_participant(ola)
    ///     .validate()?;
    /// let parent = roster.skill("data-analytics").unwrap();
    /// assert_eq!(
    ///     roster.relatives(parent),
    ///     [roster.skill("spreadsheets").unwrap()]
    /// );
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_parent(mut self, parent: impl Into<String>) -> Self {
        self.parent = Some(parent.into());
        self
    }
}

fn one() -> u32 {
    1
}

fn is_one(x: &u32) -> bool {
    *x == 1
}

/// A participant as the user describes them.
///
/// # Examples
///
/// ```
/// use mentor_match::{ParticipantSpec, Side};
///
/// let ola = ParticipantSpec::new("ola", Side::Junior)
///     .with_skill("spreadsheets", 5)
///     .with_wish("negotiation", 4)
///     .with_languages(["pl", "en"]);
/// assert_eq!(ola.skills["spreadsheets"], 5);
/// assert_eq!(ola.capacity, 1);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct ParticipantSpec {
    /// Unique, non-empty id.
    pub id: String,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Junior or senior.
    pub side: Side,
    /// What they can teach: skill → level 1..=5 (see [`Level`]).
    #[serde(default)]
    pub skills: BTreeMap<String, u8>,
    /// What they want to learn: skill → priority 1..=5 (5 = most wanted).
    #[serde(default)]
    pub wishes: BTreeMap<String, u8>,
    /// Their department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// The id of their direct manager, who may or may not be in the roster.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub manager: Option<String>,
    /// Languages they can mentor in.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<String>,
    /// Hours from UTC (finite, within -24..=24).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<f64>,
    /// Years of work experience (finite, at least 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub experience_years: Option<f64>,
    /// Partners wanted: 1 by default, 0 = not available this round.
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub capacity: u32,
    /// The programme's own fields (see [`Attribute`]): name → value.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, Attribute>,
    /// Ids on the other side they would like as partners, best first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub choices: Vec<String>,
    /// Their ratings of people on the other side: id → -5 (rather not) … 5 (very much).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ratings: BTreeMap<String, i8>,
    /// Ids on the other side they must not be paired with (a hard rule, whoever lists it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub avoid: Vec<String>,
    /// The fewest partners they must get (0 by default, at most `capacity`): the matcher
    /// meets every minimum or names who cannot be served.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub min_partners: u32,
}

fn is_zero(x: &u32) -> bool {
    *x == 0
}

/// How a [`ParticipantSpec`] reads: an object of known keys, each skill once in `skills` and
/// in `wishes` (see [`crate::strict`]).
#[derive(Deserialize)]
#[serde(
    remote = "ParticipantSpec",
    deny_unknown_fields,
    expecting = "a participant (a JSON object)"
)]
struct ParticipantSpecMirror {
    id: String,
    #[serde(default)]
    name: Option<String>,
    side: Side,
    #[serde(default, deserialize_with = "strict::unique_map")]
    skills: BTreeMap<String, u8>,
    #[serde(default, deserialize_with = "strict::unique_map")]
    wishes: BTreeMap<String, u8>,
    #[serde(default)]
    department: Option<String>,
    #[serde(default)]
    manager: Option<String>,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    timezone: Option<f64>,
    #[serde(default)]
    experience_years: Option<f64>,
    #[serde(default = "one")]
    capacity: u32,
    #[serde(default, deserialize_with = "strict::unique_map")]
    attributes: BTreeMap<String, Attribute>,
    #[serde(default)]
    choices: Vec<String>,
    #[serde(default, deserialize_with = "strict::unique_map")]
    ratings: BTreeMap<String, i8>,
    #[serde(default)]
    avoid: Vec<String>,
    #[serde(default)]
    min_partners: u32,
}

strict::map_only!(ParticipantSpec, ParticipantSpecMirror);

impl ParticipantSpec {
    /// A participant with no skills, no wishes and capacity 1.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, Side};
    ///
    /// let jan = ParticipantSpec::new("jan", Side::Senior);
    /// assert_eq!(
    ///     (jan.id.as_str(), jan.side, jan.capacity),
    ///     ("jan", Side::Senior, 1)
    /// );
    /// assert!(jan.skills.is_empty() && jan.wishes.is_empty());
    /// ```
    pub fn new(id: impl Into<String>, side: Side) -> Self {
        ParticipantSpec {
            id: id.into(),
            name: None,
            side,
            skills: BTreeMap::new(),
            wishes: BTreeMap::new(),
            department: None,
            manager: None,
            languages: Vec::new(),
            timezone: None,
            experience_years: None,
            capacity: 1,
            attributes: BTreeMap::new(),
            choices: Vec::new(),
            ratings: BTreeMap::new(),
            avoid: Vec::new(),
            min_partners: 0,
        }
    }

    /// Sets one of the programme's own fields.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::Attribute;
    /// use mentor_match::{ParticipantSpec, Side};
    ///
    /// let ola = ParticipantSpec::new("ola", Side::Junior)
    ///     .with_attribute("region", Attribute::Text("EMEA".into()));
    /// assert_eq!(ola.attributes["region"], Attribute::Text("EMEA".into()));
    /// ```
    pub fn with_attribute(mut self, name: impl Into<String>, value: Attribute) -> Self {
        self.attributes.insert(name.into(), value);
        self
    }

    /// Sets their ranked choices of partners (ids on the other side, best first).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, Side};
    ///
    /// let ola = ParticipantSpec::new("ola", Side::Junior).with_choices(["jan", "eva"]);
    /// assert_eq!(ola.choices, ["jan", "eva"]);
    /// ```
    pub fn with_choices<S: Into<String>>(mut self, ids: impl IntoIterator<Item = S>) -> Self {
        self.choices = ids.into_iter().map(Into::into).collect();
        self
    }

    /// Rates someone on the other side, from -5 to 5.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior))
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior).with_rating("ola", 4))
    ///     .validate()?;
    /// let [ola, jan] = ["ola", "jan"].map(|id| roster.find(id).unwrap());
    /// assert_eq!(roster.stated(jan, ola), Some(0.8));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_rating(mut self, id: impl Into<String>, rating: i8) -> Self {
        self.ratings.insert(id.into(), rating);
        self
    }

    /// Adds someone on the other side they must not be paired with.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior).with_avoid("jan"))
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior))
    ///     .validate()?;
    /// let [ola, jan] = ["ola", "jan"].map(|id| roster.find(id).unwrap());
    /// assert!(roster.avoids(jan, ola));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_avoid(mut self, id: impl Into<String>) -> Self {
        self.avoid.push(id.into());
        self
    }

    /// Sets the display name.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, Side};
    ///
    /// let ola = ParticipantSpec::new("ola", Side::Junior).with_name("Ola Nowak");
    /// assert_eq!(ola.name.as_deref(), Some("Ola Nowak"));
    /// ```
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Adds a skill they can teach, at `level` (1..=5).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, Side};
    ///
    /// let ola = ParticipantSpec::new("ola", Side::Junior)
    ///     .with_skill("social-media", 5)
    ///     .with_skill("cloud-tools", 3);
    /// assert_eq!(ola.skills["cloud-tools"], 3);
    /// assert_eq!(ola.skills.len(), 2);
    /// ```
    pub fn with_skill(mut self, skill: impl Into<String>, level: u8) -> Self {
        self.skills.insert(skill.into(), level);
        self
    }

    /// Adds a wish, with `priority` (1..=5).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, Side};
    ///
    /// let jan = ParticipantSpec::new("jan", Side::Senior).with_wish("social-media", 5);
    /// assert_eq!(jan.wishes["social-media"], 5);
    /// ```
    pub fn with_wish(mut self, skill: impl Into<String>, priority: u8) -> Self {
        self.wishes.insert(skill.into(), priority);
        self
    }

    /// Sets the department.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior).with_department("Sales"))
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior).with_department("Sales"))
    ///     .validate()?;
    /// let [ola, jan] = ["ola", "jan"].map(|id| roster.find(id).unwrap());
    /// assert_eq!(roster.same_department(ola, jan), Some(true));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_department(mut self, department: impl Into<String>) -> Self {
        self.department = Some(department.into());
        self
    }

    /// Sets the id of their direct manager.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior).with_manager("jan"))
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior))
    ///     .validate()?;
    /// let [ola, jan] = ["ola", "jan"].map(|id| roster.find(id).unwrap());
    /// assert_eq!(roster.manager(ola), Some(jan));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_manager(mut self, manager: impl Into<String>) -> Self {
        self.manager = Some(manager.into());
        self
    }

    /// Sets the languages.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, Side};
    ///
    /// let ola = ParticipantSpec::new("ola", Side::Junior).with_languages(["pl", "en"]);
    /// assert_eq!(ola.languages, ["pl", "en"]);
    /// ```
    pub fn with_languages<S: Into<String>>(
        mut self,
        languages: impl IntoIterator<Item = S>,
    ) -> Self {
        self.languages = languages.into_iter().map(Into::into).collect();
        self
    }

    /// Sets the timezone, in hours from UTC.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let ola = ParticipantSpec::new("ola", Side::Junior).with_timezone(1.0);
    /// assert_eq!(ola.timezone, Some(1.0));
    /// // Beyond 24 hours from UTC, the roster is refused.
    /// let far = ParticipantSpec::new("jan", Side::Senior).with_timezone(25.0);
    /// assert!(RosterSpec::new().with_participant(far).validate().is_err());
    /// ```
    pub fn with_timezone(mut self, hours: f64) -> Self {
        self.timezone = Some(hours);
        self
    }

    /// Sets the years of experience.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior).with_experience_years(25.0))
    ///     .validate()?;
    /// assert_eq!(
    ///     roster.experience_years(roster.find("jan").unwrap()),
    ///     Some(25.0)
    /// );
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_experience_years(mut self, years: f64) -> Self {
        self.experience_years = Some(years);
        self
    }

    crate::support::setters::field_setters! {
        /// Sets the capacity (0 = not available this round).
        with_capacity(capacity: u32);
        /// Sets the fewest partners they must get (at most the capacity).
        with_min_partners(min_partners: u32);
    }
}

/// A roster as the user wrote it: the skill catalog and the participants.
///
/// # Examples
///
/// ```
/// use mentor_match::{ParticipantSpec, RosterSpec, Side};
///
/// let spec = RosterSpec::new()
///     .with_participant(ParticipantSpec::new("ola", Side::Junior).with_skill("cloud-tools", 4))
///     .with_participant(ParticipantSpec::new("jan", Side::Senior).with_wish("cloud-tools", 5));
/// let again = RosterSpec::from_json(&spec.to_json())?;
/// assert_eq!(again, spec);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
#[non_exhaustive]
pub struct RosterSpec {
    /// The skill catalog; empty means skill ids are free strings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<SkillSpec>,
    /// The programme's criteria (see [`Criterion`]), in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub criteria: Vec<Criterion>,
    /// The weight of mutual benefit in the pair score (default
    /// [`DEFAULT_BENEFIT_WEIGHT`]); see [`crate::score::criteria`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit_weight: Option<f64>,
    /// The weight of participants' stated choices and ratings in the pair score (default
    /// [`DEFAULT_CHOICE_WEIGHT`]); see [`crate::score::criteria`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice_weight: Option<f64>,
    /// `k`: everyone available who listed choices gets one of their first `k` (a hard rule for
    /// their pairs, and a partner they must get; for participants of capacity 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub top_choice_guarantee: Option<u32>,
    /// The participants, juniors and seniors in any order.
    #[serde(default)]
    pub participants: Vec<ParticipantSpec>,
}

/// The weight of mutual benefit in the pair score when the roster does not set
/// `benefit_weight`: twice a `high` criterion, so that benefit leads unless the coordinator
/// weighs otherwise.
///
/// # Examples
///
/// ```
/// use mentor_match::RosterSpec;
/// use mentor_match::model::DEFAULT_BENEFIT_WEIGHT;
///
/// assert_eq!(
///     RosterSpec::new().validate()?.benefit_weight(),
///     DEFAULT_BENEFIT_WEIGHT
/// );
/// assert_eq!(DEFAULT_BENEFIT_WEIGHT, 10.0);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub const DEFAULT_BENEFIT_WEIGHT: f64 = 10.0;

/// The weight of stated choices and ratings when the roster does not set `choice_weight`: that
/// of a `high` criterion.
///
/// # Examples
///
/// ```
/// use mentor_match::RosterSpec;
/// use mentor_match::model::DEFAULT_CHOICE_WEIGHT;
///
/// assert_eq!(
///     RosterSpec::new().validate()?.choice_weight(),
///     DEFAULT_CHOICE_WEIGHT
/// );
/// assert_eq!(DEFAULT_CHOICE_WEIGHT, 5.0);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub const DEFAULT_CHOICE_WEIGHT: f64 = 5.0;

/// How a [`RosterSpec`] reads: an object of known keys (see [`crate::strict`]).
#[derive(Deserialize)]
#[serde(
    remote = "RosterSpec",
    deny_unknown_fields,
    expecting = "a roster (a JSON object of participants)"
)]
struct RosterSpecMirror {
    #[serde(default)]
    skills: Vec<SkillSpec>,
    #[serde(default)]
    criteria: Vec<Criterion>,
    #[serde(default)]
    benefit_weight: Option<f64>,
    #[serde(default)]
    choice_weight: Option<f64>,
    #[serde(default)]
    top_choice_guarantee: Option<u32>,
    #[serde(default)]
    participants: Vec<ParticipantSpec>,
}

strict::map_only!(RosterSpec, RosterSpecMirror);

impl RosterSpec {
    /// An empty roster with no catalog.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::RosterSpec;
    ///
    /// let spec = RosterSpec::new();
    /// assert!(spec.participants.is_empty() && spec.skills.is_empty());
    /// assert!(spec.validate()?.is_empty());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn new() -> Self {
        RosterSpec::default()
    }

    /// Adds a catalog skill.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Error, ParticipantSpec, RosterSpec, Side, SkillSpec};
    ///
    /// // With a catalog, every skill a participant names must be in it.
    /// let ola = ParticipantSpec::new("ola", Side::Junior).with_skill("cloud-tools", 4);
    /// let err = RosterSpec::new()
    ///     .with_skill(SkillSpec::new("social-media"))
    ///     .with_participant(ola)
    ///     .validate()
    ///     .unwrap_err();
    /// assert!(matches!(err, Error::UnknownSkill { ref skill, .. } if skill == "cloud-tools"));
    /// ```
    pub fn with_skill(mut self, skill: SkillSpec) -> Self {
        self.skills.push(skill);
        self
    }

    /// Adds a participant.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let spec = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior))
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior));
    /// assert_eq!(spec.participants[1].id, "jan");
    /// ```
    pub fn with_participant(mut self, participant: ParticipantSpec) -> Self {
        self.participants.push(participant);
        self
    }

    /// Adds a criterion.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::RosterSpec;
    /// use mentor_match::model::{Criterion, Relation, Strength};
    ///
    /// let spec = RosterSpec::new().with_criterion(Criterion::new(
    ///     "department",
    ///     Relation::Different,
    ///     Strength::Medium,
    /// ));
    /// assert_eq!(spec.criteria[0].name(), "department_different");
    /// ```
    pub fn with_criterion(mut self, criterion: Criterion) -> Self {
        self.criteria.push(criterion);
        self
    }

    /// Adds the criteria of a separate document after the roster's own, and takes its weights
    /// where it gives them.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::{CriteriaSpec, Criterion, Relation, Strength};
    /// use mentor_match::RosterSpec;
    ///
    /// let criteria = CriteriaSpec::from_json(r#"{"benefit_weight": 4}"#)?;
    /// let spec = RosterSpec::new()
    ///     .with_criterion(Criterion::new("region", Relation::Same, Strength::Low))
    ///     .with_criteria_spec(criteria);
    /// assert_eq!((spec.criteria.len(), spec.benefit_weight), (1, Some(4.0)));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_criteria_spec(mut self, spec: CriteriaSpec) -> Self {
        self.criteria.extend(spec.criteria);
        self.benefit_weight = spec.benefit_weight.or(self.benefit_weight);
        self.choice_weight = spec.choice_weight.or(self.choice_weight);
        self.top_choice_guarantee = spec.top_choice_guarantee.or(self.top_choice_guarantee);
        self
    }

    crate::support::setters::field_setters! {
        /// Sets the weight of mutual benefit in the pair score.
        with_benefit_weight(benefit_weight: Option<f64>);
        /// Sets the weight of stated choices and ratings in the pair score.
        with_choice_weight(choice_weight: Option<f64>);
        /// Guarantees everyone who listed choices one of their first `k`.
        with_top_choice_guarantee(top_choice_guarantee: Option<u32>);
    }

    /// Reads the roster JSON format (see the [module docs](self)).
    ///
    /// The reading is strict: the document and each participant and catalog skill must be a
    /// JSON object (an array is not read field by field), no key may appear twice (in a
    /// participant's `skills` or `wishes` either: `{"a": 3, "a": 5}` is a mistake, not level
    /// 5), unknown keys are rejected, and a number too large for its field (`1e400`, a
    /// capacity above 4,294,967,295) is a mistake rather than infinity or a wrapped value.
    ///
    /// Every participant that cannot be read is reported, each with its fields at fault, in
    /// one [`Error::Multiple`] when there are several mistakes (see [`Error::all`]). A number
    /// beyond `f64` does not end the reading, as a syntax error does: it is named where it
    /// stands, among the other mistakes.
    ///
    /// When the document has such mistakes, [`Roster::new`]'s checks across the roster (an id
    /// given twice, a skill not in the catalog, a choice naming nobody, ...) run on what of it
    /// reads, and their mistakes are listed too: a field that does not read is left out as if
    /// not given, so mending one mistake does not uncover the next. They run where every
    /// participant's id and side read (once each) and every known top-level key and criterion
    /// reads (otherwise there is nothing sound to check); with a value or an unknown key left
    /// out, the checks of the weights and the criteria are not run (one could seem to say that
    /// nobody gives a criterion's field), and neither is a minimum against a capacity that
    /// may be misspelt.
    ///
    /// # Errors
    ///
    /// - [`Error::Json`] for malformed JSON (the first syntax error, with line and column), a
    ///   document that is not an object, or a wrong key or value outside a participant (with
    ///   the line and column of the first such mistake in the document, 0 for the others; a
    ///   number beyond `f64` with its own);
    /// - [`Error::InvalidField`] for a participant's field of the wrong type, out of range
    ///   (`number out of range` beyond `f64`), unknown, given twice, or with a skill given
    ///   twice, an unknown side, or a missing `id` or `side`, naming the participant and the
    ///   field;
    /// - [`Error::LevelOutOfRange`] for a level or priority that reads but is outside 1..=5,
    ///   when the document has mistakes of the kinds above (else [`Roster::new`] finds it);
    /// - [`Error::InvalidCriterion`] for each criterion that cannot be read, naming it;
    /// - with mistakes of the kinds above, [`Roster::new`]'s on what reads (see above);
    /// - [`Error::Multiple`] listing them when there are several.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Error, RosterSpec};
    ///
    /// let err = RosterSpec::from_json(r#"{"participants": [{"id": "ola", "side": "mentor"}]}"#)
    ///     .unwrap_err();
    /// assert!(matches!(err, Error::InvalidField { ref participant, ref field, .. }
    ///     if participant == "ola" && field == "side"));
    ///
    /// let err = RosterSpec::from_json("{\"participants\": [\n  {\"id\": \"ola\",}]}").unwrap_err();
    /// assert!(matches!(err, Error::Json { line: 2, .. }));
    ///
    /// // A skill given twice, and a capacity that is not a number: both are listed.
    /// let err = RosterSpec::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"sql": 3, "sql": 5}},
    ///     {"id": "jan", "side": "senior", "capacity": "two"}]}"#).unwrap_err();
    /// assert_eq!(err.all().len(), 2);
    /// assert_eq!(
    ///     err.all()[0].to_string(),
    ///     "participant `ola`, field `skills`: duplicate key `sql`"
    /// );
    ///
    /// // A timezone that does not read does not hide an id given twice.
    /// let err = RosterSpec::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "timezone": "CET"},
    ///     {"id": "ola", "side": "senior"}]}"#).unwrap_err();
    /// assert!(matches!(err.all()[1], Error::DuplicateParticipant { ref id } if id == "ola"));
    /// ```
    #[cfg(feature = "json")]
    pub fn from_json(text: &str) -> Result<RosterSpec> {
        let text = crate::support::byte_order_mark::without_mark(text);
        serde_json::from_str(text).map_err(|e| json_error::<RosterSpec>(text, e, Document::Roster))
    }

    /// Writes the roster JSON format, pretty-printed.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let spec = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior).with_skill("strategy", 5));
    /// let json = spec.to_json();
    /// assert!(json.contains(r#""strategy": 5"#));
    /// assert_eq!(RosterSpec::from_json(&json)?, spec);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Validates the spec into a [`Roster`]; the spec is cloned into it, unchanged.
    ///
    /// # Errors
    ///
    /// As [`Roster::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Error, ParticipantSpec, RosterSpec, Side};
    ///
    /// let ola = ParticipantSpec::new("ola", Side::Junior).with_skill("social-media", 5);
    /// let spec = RosterSpec::new().with_participant(ola);
    /// let roster = spec.validate()?;
    /// assert_eq!(roster.spec(), &spec);
    /// let bad = spec.with_participant(ParticipantSpec::new("ola", Side::Senior));
    /// assert!(matches!(bad.validate(), Err(Error::DuplicateParticipant { .. })));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn validate(&self) -> Result<Roster> {
        Roster::new(self.clone())
    }
}

/// A participant's position in its [`Roster`], as a typed id.
///
/// Ids come from a roster ([`Roster::find`], [`Roster::juniors`], ...) and are meant for that
/// roster: the roster's accessors panic on an id from a larger roster, as indexing would.
/// An id can be written out (`Serialize`) but not read in: a number from elsewhere would name
/// someone else or no one. Keep the participant's own id and look it up with
/// [`Roster::find`].
///
/// # Examples
///
/// ```
/// use mentor_match::{ParticipantSpec, RosterSpec, Side};
///
/// let roster = RosterSpec::new()
///     .with_participant(ParticipantSpec::new("ola", Side::Junior))
///     .validate()?;
/// let ola = roster.find("ola").unwrap();
/// assert_eq!(roster.id(ola), "ola");
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ParticipantId(u32);

impl ParticipantId {
    /// The participant's position in the roster, from 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior))
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior))
    ///     .validate()?;
    /// assert_eq!(roster.find("jan").unwrap().index(), 1);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl fmt::Display for ParticipantId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "participant #{}", self.0)
    }
}

/// A skill's dense id in its [`Roster`].
///
/// Like [`ParticipantId`], meant for the roster it came from ([`Roster::skill`]): the
/// roster's accessors panic on an id beyond its skills, and an id is written out but not read
/// in (keep the skill's name).
///
/// # Examples
///
/// ```
/// use mentor_match::{ParticipantSpec, RosterSpec, Side};
///
/// let roster = RosterSpec::new()
///     .with_participant(ParticipantSpec::new("ola", Side::Junior).with_skill("cloud-tools", 3))
///     .validate()?;
/// let cloud = roster.skill("cloud-tools").unwrap();
/// assert_eq!(roster.skill_name(cloud), "cloud-tools");
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SkillId(u32);

impl SkillId {
    /// The skill's position in the roster's skill list, from 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let jan = ParticipantSpec::new("jan", Side::Senior)
    ///     .with_skill("strategy", 5)
    ///     .with_wish("cloud-tools", 4);
    /// let roster = RosterSpec::new().with_participant(jan).validate()?;
    /// // Without a catalog, skills are numbered in name order.
    /// let strategy = roster.skill("strategy").unwrap();
    /// assert_eq!(strategy.index(), 1);
    /// assert_eq!(
    ///     roster.levels(roster.find("jan").unwrap())[strategy.index()],
    ///     5
    /// );
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The skill at position `k` of a roster's skill list (below its
    /// [`skill_count`](Roster::skill_count), which fits a `u32`).
    pub(crate) fn at(k: usize) -> SkillId {
        SkillId(k as u32)
    }
}

impl fmt::Display for SkillId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "skill #{}", self.0)
    }
}

/// What the roster keeps of a participant, interned.
#[derive(Debug, Clone)]
struct Person {
    side: Side,
    wishes: Vec<(SkillId, u8)>,
    /// Their languages, interned and sorted (see also [`RuleFacts::languages`]).
    languages: Vec<u32>,
    /// Their ranked choices, best first.
    choices: Vec<ParticipantId>,
    /// What they said of each person they chose or rated, in `[-1, 1]`, sorted by id.
    stated: Vec<(ParticipantId, f64)>,
    /// Whom they must not be paired with, sorted, each once.
    avoid: Vec<ParticipantId>,
}

/// A validated roster: every id unique, every level in range, every skill known, and skills and
/// participants interned to dense ids.
///
/// # Examples
///
/// ```
/// use mentor_match::{ParticipantSpec, RosterSpec, Side};
///
/// let roster = RosterSpec::new()
///     .with_participant(ParticipantSpec::new("ola", Side::Junior).with_skill("social-media", 5))
///     .with_participant(ParticipantSpec::new("jan", Side::Senior).with_wish("social-media", 4))
///     .validate()?;
/// assert_eq!(roster.juniors().len(), 1);
/// let (ola, skill) = (roster.find("ola").unwrap(), roster.skill("social-media").unwrap());
/// assert_eq!(roster.level(ola, skill), 5);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Roster {
    spec: RosterSpec,
    people: Vec<Person>,
    /// What the built-in rules read of each participant, by index.
    facts: Vec<RuleFacts>,
    by_id: HashMap<String, ParticipantId>,
    juniors: Vec<ParticipantId>,
    seniors: Vec<ParticipantId>,
    skill_names: Vec<String>,
    skill_ids: HashMap<String, SkillId>,
    /// Parent and children of each skill, in id order.
    relatives: Vec<Vec<SkillId>>,
    /// Level of every participant in every skill: row-major, participants x skills.
    levels: Vec<u8>,
    /// Each criterion's field, one value per participant, parallel to `spec.criteria`.
    criterion_columns: Vec<Vec<Value>>,
    /// Whether anyone stated choices or ratings.
    any_stated: bool,
}

impl Roster {
    /// Validates `spec` and interns it.
    ///
    /// Every mistake is found in one pass and reported together (see [`Error::all`]): the
    /// catalog's first, then each participant's in roster order.
    ///
    /// # Memory
    ///
    /// Besides the spec, one byte per participant per distinct skill (the level table that
    /// makes scoring a pair free of lookups): 100,000 participants naming 1,000 skills in all
    /// take 100 MB. Then a few hundred bytes per participant (their records, the index of their
    /// ids, their lists) and a few dozen per skill. Every table, and every participant's
    /// list, is reserved before it is filled: when one cannot be allocated the result is
    /// [`MatrixError::TooLarge`](crate::MatrixError::TooLarge), never an abort.
    ///
    /// # Errors
    ///
    /// Each mistake as one of these, several together as [`Error::Multiple`]:
    /// - [`Error::DuplicateSkill`], [`Error::EmptySkill`], [`Error::UnknownParentSkill`],
    ///   [`Error::SkillCycle`] for the catalog;
    /// - [`Error::EmptyId`], [`Error::DuplicateParticipant`];
    /// - [`Error::LevelOutOfRange`] for a level or priority outside 1..=5;
    /// - [`Error::UnknownSkill`] for a skill outside a given catalog, [`Error::EmptySkill`];
    /// - [`Error::OwnManager`];
    /// - [`Error::InvalidField`] for an empty `department` or `manager` (leave the field out
    ///   when there is none) or an empty language;
    /// - [`Error::InvalidNumber`] for a non-finite or out-of-range `timezone` or a non-finite or
    ///   negative `experience_years`;
    /// - [`MatrixError::TooLarge`](crate::MatrixError::TooLarge) when the level table, or
    ///   another table of the participants or the skills, cannot be allocated.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{Error, ParticipantSpec, Roster, RosterSpec, Side};
    ///
    /// let spec = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior).with_wish("negotiation", 9));
    /// let err = Roster::new(spec).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "participant `ola`, field `wishes`, skill `negotiation`: 9 is outside 1..=5"
    /// );
    ///
    /// // Two mistakes: both are listed, each on its own line.
    /// let spec = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior).with_timezone(30.0))
    ///     .with_participant(ParticipantSpec::new("", Side::Senior));
    /// let err = Roster::new(spec).unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "2 mistakes found:\n\
    ///      - participant `ola`, field `timezone`: 30 is not a finite number of hours within -24..=24\n\
    ///      - participant #1 has an empty id"
    /// );
    /// ```
    pub fn new(spec: RosterSpec) -> Result<Roster> {
        // The roster's tables and each participant's lists are reserved before they are
        // filled: a spec that fits in memory may leave no room for its interned copy, and
        // that is an error rather than an abort.
        let n = spec.participants.len();
        let people_too_large = participants_too_large(n);
        let mut found = Mistakes::new();
        let parents = check_catalog(&spec.skills, &mut found);
        let (skill_names, skill_ids) = skill_index(&spec)?;
        let nskills = skill_names.len();
        check_participants(&spec.participants, &skill_ids, &mut found);
        check_choices(&spec.participants, &mut found);
        check_weights(&spec, &mut found);
        let criterion_columns = criterion_columns(&spec, &mut found);
        found.finish()?;

        let mut relatives = memory::reserved(nskills, skills_too_large(nskills))?;
        relatives.resize_with(nskills, Vec::new);
        for (child, parent) in parents.iter().enumerate() {
            if let Some(parent) = *parent {
                relatives[child].push(SkillId(parent as u32));
                relatives[parent].push(SkillId(child as u32));
            }
        }
        for r in &mut relatives {
            r.sort_unstable();
        }
        let mut levels = memory::filled(
            "the table of skill levels (participants x skills)",
            n,
            nskills,
            0u8,
        )?;
        let mut by_id: HashMap<String, ParticipantId> = memory::reserved_map(n, people_too_large)?;
        let mut people = memory::reserved(n, people_too_large)?;
        let mut facts = memory::reserved(n, people_too_large)?;
        let junior_count = spec
            .participants
            .iter()
            .filter(|p| p.side == Side::Junior)
            .count();
        let mut juniors = memory::reserved(junior_count, people_too_large)?;
        let mut seniors = memory::reserved(n - junior_count, people_too_large)?;
        for (index, p) in spec.participants.iter().enumerate() {
            let mut id = String::new();
            id.try_reserve_exact(p.id.len())
                .map_err(|_| people_too_large())?;
            id.push_str(&p.id);
            by_id.insert(id, ParticipantId(index as u32));
        }
        let mut departments: HashMap<&str, u32> = HashMap::new();
        let mut languages: HashMap<&str, u32> = HashMap::new();
        for (index, p) in spec.participants.iter().enumerate() {
            // Every skill is known and every level in range: checked above.
            let id = |skill: &str| skill_ids[skill];
            for (skill, &level) in &p.skills {
                levels[index * nskills + id(skill).index()] = level;
            }
            let wishes = memory::collected(
                p.wishes
                    .iter()
                    .map(|(skill, &priority)| (id(skill), priority)),
                people_too_large,
            )?;
            let department = match p.department.as_deref() {
                Some(d) => Some(intern(&mut departments, d).ok_or_else(people_too_large)?),
                None => None,
            };
            let mut langs: Vec<u32> = memory::reserved(p.languages.len(), people_too_large)?;
            for l in &p.languages {
                langs.push(intern(&mut languages, l).ok_or_else(people_too_large)?);
            }
            langs.sort_unstable();
            langs.dedup();
            let named = |ids: &[String]| {
                // Every id is known: checked above.
                memory::collected(ids.iter().map(|q| by_id[q.as_str()]), people_too_large)
            };
            let choices = named(&p.choices)?;
            let mut avoid = named(&p.avoid)?;
            avoid.sort_unstable();
            avoid.dedup();
            let stated = stated_preferences(&choices, &p.ratings, &by_id, people_too_large)?;
            let id = ParticipantId(index as u32);
            match p.side {
                Side::Junior => juniors.push(id),
                Side::Senior => seniors.push(id),
            }
            facts.push(RuleFacts {
                manager: p.manager.as_ref().and_then(|m| by_id.get(m).copied()),
                department,
                experience_years: p.experience_years,
                languages: LanguageSet::of(&langs),
            });
            people.push(Person {
                side: p.side,
                wishes,
                languages: langs,
                choices,
                stated,
                avoid,
            });
        }
        let any_stated = people.iter().any(|p| !p.stated.is_empty());
        Ok(Roster {
            spec,
            people,
            facts,
            by_id,
            juniors,
            seniors,
            skill_names,
            skill_ids,
            relatives,
            levels,
            criterion_columns,
            any_stated,
        })
    }

    /// Reads and validates the roster JSON format in one step.
    ///
    /// # Errors
    ///
    /// As [`RosterSpec::from_json`] and [`Roster::new`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::Roster;
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"ai-assistants": 4}}]}"#)?;
    /// assert_eq!(roster.len(), 1);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    #[cfg(feature = "json")]
    pub fn from_json(text: &str) -> Result<Roster> {
        Roster::new(RosterSpec::from_json(text)?)
    }

    /// The spec the roster was built from, unchanged.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let spec = RosterSpec::new().with_participant(ParticipantSpec::new("ola", Side::Junior));
    /// let roster = spec.clone().validate()?;
    /// assert_eq!(roster.spec(), &spec);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn spec(&self) -> &RosterSpec {
        &self.spec
    }

    /// Number of participants.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior))
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior))
    ///     .validate()?;
    /// assert_eq!(roster.len(), 2);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.people.len()
    }

    /// Whether the roster has no participants.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// assert!(RosterSpec::new().validate()?.is_empty());
    /// let one = RosterSpec::new().with_participant(ParticipantSpec::new("ola", Side::Junior));
    /// assert!(!one.validate()?.is_empty());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// Every participant, in input order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior))
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior))
    ///     .validate()?;
    /// let ids: Vec<&str> = roster.participants().map(|p| roster.id(p)).collect();
    /// assert_eq!(ids, ["jan", "ola"]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn participants(&self) -> impl ExactSizeIterator<Item = ParticipantId> + '_ {
        (0..self.people.len() as u32).map(ParticipantId)
    }

    /// The juniors, in input order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior))
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior))
    ///     .validate()?;
    /// assert_eq!(roster.juniors(), [roster.find("ola").unwrap()]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn juniors(&self) -> &[ParticipantId] {
        &self.juniors
    }

    /// The seniors, in input order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior))
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior))
    ///     .with_participant(ParticipantSpec::new("ewa", Side::Senior))
    ///     .validate()?;
    /// let seniors: Vec<&str> = roster.seniors().iter().map(|&p| roster.id(p)).collect();
    /// assert_eq!(seniors, ["jan", "ewa"]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn seniors(&self) -> &[ParticipantId] {
        &self.seniors
    }

    /// The participant with this id.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior))
    ///     .validate()?;
    /// assert_eq!(roster.find("ola").map(|p| p.index()), Some(0));
    /// assert_eq!(roster.find("nobody"), None);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn find(&self, id: &str) -> Option<ParticipantId> {
        self.by_id.get(id).copied()
    }

    /// A participant's id.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior))
    ///     .validate()?;
    /// assert_eq!(roster.id(roster.seniors()[0]), "jan");
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn id(&self, p: ParticipantId) -> &str {
        &self.spec.participants[p.index()].id
    }

    /// A participant as the spec describes them.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let jan = ParticipantSpec::new("jan", Side::Senior).with_name("Jan Kowalski");
    /// let roster = RosterSpec::new().with_participant(jan).validate()?;
    /// let spec = roster.participant(roster.find("jan").unwrap());
    /// assert_eq!(spec.name.as_deref(), Some("Jan Kowalski"));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn participant(&self, p: ParticipantId) -> &ParticipantSpec {
        &self.spec.participants[p.index()]
    }

    /// A participant's side.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior))
    ///     .validate()?;
    /// assert_eq!(roster.side(roster.find("ola").unwrap()), Side::Junior);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn side(&self, p: ParticipantId) -> Side {
        self.people[p.index()].side
    }

    /// A participant's level in a skill, 0 if they do not list it.
    ///
    /// # Panics
    ///
    /// On an id from another, larger roster (a skill beyond this roster's is not read as the
    /// next participant's).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let ola = ParticipantSpec::new("ola", Side::Junior).with_skill("cloud-tools", 4);
    /// let roster = RosterSpec::new()
    ///     .with_participant(ola)
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior).with_skill("strategy", 5))
    ///     .validate()?;
    /// let [ola, jan] = ["ola", "jan"].map(|id| roster.find(id).unwrap());
    /// let cloud = roster.skill("cloud-tools").unwrap();
    /// assert_eq!((roster.level(ola, cloud), roster.level(jan, cloud)), (4, 0));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    #[inline]
    pub fn level(&self, p: ParticipantId, skill: SkillId) -> u8 {
        self.levels(p)[skill.index()]
    }

    /// Starts fetching what the built-in rules read of `p` into the processor's cache (a
    /// hint: nothing is read, and nothing can fail).
    #[inline]
    pub(crate) fn fetch_rule_facts(&self, p: ParticipantId) {
        crate::support::prefetch::prefetch_line(&self.facts, p.index());
    }

    /// A participant's levels in every skill, indexed by [`SkillId::index`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let ola = ParticipantSpec::new("ola", Side::Junior).with_skill("cloud-tools", 4);
    /// let roster = RosterSpec::new()
    ///     .with_participant(ola)
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior).with_skill("strategy", 5))
    ///     .validate()?;
    /// // Skills in name order: cloud-tools, strategy.
    /// assert_eq!(roster.levels(roster.find("jan").unwrap()), [0, 5]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    #[inline]
    pub fn levels(&self, p: ParticipantId) -> &[u8] {
        let k = self.skill_names.len();
        &self.levels[p.index() * k..(p.index() + 1) * k]
    }

    /// A participant's wishes with their priorities, in skill-name order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let jan = ParticipantSpec::new("jan", Side::Senior)
    ///     .with_wish("social-media", 5)
    ///     .with_wish("cloud-tools", 2);
    /// let roster = RosterSpec::new().with_participant(jan).validate()?;
    /// let wishes = roster.wishes(roster.find("jan").unwrap());
    /// let named: Vec<_> = wishes
    ///     .iter()
    ///     .map(|&(s, p)| (roster.skill_name(s), p))
    ///     .collect();
    /// assert_eq!(named, [("cloud-tools", 2), ("social-media", 5)]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    #[inline]
    pub fn wishes(&self, p: ParticipantId) -> &[(SkillId, u8)] {
        &self.people[p.index()].wishes
    }

    /// Their direct manager, when the manager is in the roster.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior).with_manager("jan"))
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior).with_manager("ceo"))
    ///     .validate()?;
    /// let [ola, jan] = ["ola", "jan"].map(|id| roster.find(id).unwrap());
    /// assert_eq!(roster.manager(ola), Some(jan));
    /// // `ceo` is not in the roster.
    /// assert_eq!(roster.manager(jan), None);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn manager(&self, p: ParticipantId) -> Option<ParticipantId> {
        self.facts[p.index()].manager
    }

    /// Their years of work experience, when given.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::Roster;
    ///
    /// let r = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "experience_years": 2.5},
    ///     {"id": "jan", "side": "senior"}]}"#)?;
    /// assert_eq!(r.experience_years(r.find("ola").unwrap()), Some(2.5));
    /// assert_eq!(r.experience_years(r.find("jan").unwrap()), None);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn experience_years(&self, p: ParticipantId) -> Option<f64> {
        self.facts[p.index()].experience_years
    }

    /// Whether the two are in the same department; `None` when either gives none.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior).with_department("Sales"))
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior).with_department("Finance"))
    ///     .with_participant(ParticipantSpec::new("ewa", Side::Senior))
    ///     .validate()?;
    /// let [ola, jan, ewa] = ["ola", "jan", "ewa"].map(|id| roster.find(id).unwrap());
    /// assert_eq!(roster.same_department(ola, jan), Some(false));
    /// assert_eq!(roster.same_department(ola, ewa), None);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn same_department(&self, a: ParticipantId, b: ParticipantId) -> Option<bool> {
        let (x, y) = (
            self.facts[a.index()].department?,
            self.facts[b.index()].department?,
        );
        Some(x == y)
    }

    /// Whether the two share a language; `None` when either lists none.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let ola = ParticipantSpec::new("ola", Side::Junior).with_languages(["pl", "en"]);
    /// let roster = RosterSpec::new()
    ///     .with_participant(ola)
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior).with_languages(["en"]))
    ///     .with_participant(ParticipantSpec::new("ewa", Side::Senior))
    ///     .validate()?;
    /// let [ola, jan, ewa] = ["ola", "jan", "ewa"].map(|id| roster.find(id).unwrap());
    /// assert_eq!(roster.share_language(ola, jan), Some(true));
    /// assert_eq!(roster.share_language(ola, ewa), None);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn share_language(&self, a: ParticipantId, b: ParticipantId) -> Option<bool> {
        let (x, y) = (
            self.facts[a.index()].languages,
            self.facts[b.index()].languages,
        );
        if x.is_empty() || y.is_empty() {
            return None;
        }
        if let Some(shared) = x.shares(y) {
            return Some(shared);
        }
        // Both list languages beyond what the sets hold: the sorted lists, by a merge walk.
        let (x, y) = (
            &self.people[a.index()].languages,
            &self.people[b.index()].languages,
        );
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Equal => return Some(true),
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
            }
        }
        Some(false)
    }

    /// The roster's criteria, as written.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::{Criterion, Relation, Strength};
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_criterion(Criterion::new(
    ///         "department",
    ///         Relation::Different,
    ///         Strength::Low,
    ///     ))
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior).with_department("Sales"))
    ///     .validate()?;
    /// assert_eq!(roster.criteria()[0].name(), "department_different");
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn criteria(&self) -> &[Criterion] {
        &self.spec.criteria
    }

    /// Participant `p`'s value of criterion number `criterion`'s field, interned.
    pub(crate) fn criterion_value(&self, criterion: usize, p: ParticipantId) -> &Value {
        &self.criterion_columns[criterion][p.index()]
    }

    /// One of participant `p`'s own fields.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::Attribute;
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let ola = ParticipantSpec::new("ola", Side::Junior)
    ///     .with_attribute("remote", Attribute::Flag(true));
    /// let roster = RosterSpec::new().with_participant(ola).validate()?;
    /// let ola = roster.find("ola").unwrap();
    /// assert_eq!(
    ///     roster.attribute(ola, "remote"),
    ///     Some(&Attribute::Flag(true))
    /// );
    /// assert_eq!(roster.attribute(ola, "region"), None);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn attribute(&self, p: ParticipantId, name: &str) -> Option<&Attribute> {
        self.participant(p).attributes.get(name)
    }

    /// Participant `p`'s ranked choices, best first.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let ola = ParticipantSpec::new("ola", Side::Junior).with_choices(["ewa", "jan"]);
    /// let roster = RosterSpec::new()
    ///     .with_participant(ola)
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior))
    ///     .with_participant(ParticipantSpec::new("ewa", Side::Senior))
    ///     .validate()?;
    /// let [ola, jan, ewa] = ["ola", "jan", "ewa"].map(|id| roster.find(id).unwrap());
    /// assert_eq!(roster.choices(ola), [ewa, jan]);
    /// assert!(roster.choices(jan).is_empty());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn choices(&self, p: ParticipantId) -> &[ParticipantId] {
        &self.people[p.index()].choices
    }

    /// What `p` said of `q`, in `[-1, 1]`: the mean of the rank part (`1 - k / n` for `q` at
    /// position `k` from 0 of `p`'s `n` choices) and the rating part (`rating / 5`), of those
    /// `p` gave; `None` when `p` neither chose nor rated `q`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::Roster;
    ///
    /// let r = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "choices": ["jan", "eva"], "ratings": {"eva": -5}},
    ///     {"id": "jan", "side": "senior"}, {"id": "eva", "side": "senior"}]}"#)?;
    /// let [ola, jan, eva] = ["ola", "jan", "eva"].map(|id| r.find(id).unwrap());
    /// assert_eq!(r.stated(ola, jan), Some(1.0));
    /// assert_eq!(r.stated(ola, eva), Some((0.5 - 1.0) / 2.0));
    /// assert_eq!(r.stated(jan, ola), None);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn stated(&self, p: ParticipantId, q: ParticipantId) -> Option<f64> {
        let stated = &self.people[p.index()].stated;
        stated
            .binary_search_by_key(&q, |&(id, _)| id)
            .ok()
            .map(|k| stated[k].1)
    }

    /// Whether participant `p` listed choices or gave ratings.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior))
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior).with_rating("ola", 3))
    ///     .validate()?;
    /// let [ola, jan] = ["ola", "jan"].map(|id| roster.find(id).unwrap());
    /// assert!(roster.has_stated(jan) && !roster.has_stated(ola));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn has_stated(&self, p: ParticipantId) -> bool {
        !self.people[p.index()].stated.is_empty()
    }

    /// The roster's top-choice guarantee `k`, if it has one.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::RosterSpec;
    ///
    /// assert_eq!(RosterSpec::new().validate()?.top_choice_guarantee(), None);
    /// let spec = RosterSpec::new().with_top_choice_guarantee(Some(2));
    /// assert_eq!(spec.validate()?.top_choice_guarantee(), Some(2));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn top_choice_guarantee(&self) -> Option<u32> {
        self.spec.top_choice_guarantee
    }

    /// Whether participant `p` is guaranteed one of their first choices: the roster has a
    /// guarantee, `p` is available and listed choices.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_top_choice_guarantee(Some(1))
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior).with_choices(["jan"]))
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior))
    ///     .validate()?;
    /// let [ola, jan] = ["ola", "jan"].map(|id| roster.find(id).unwrap());
    /// // Only those who listed choices are guaranteed one.
    /// assert!(roster.has_top_choice_guarantee(ola));
    /// assert!(!roster.has_top_choice_guarantee(jan));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn has_top_choice_guarantee(&self, p: ParticipantId) -> bool {
        self.spec.top_choice_guarantee.is_some()
            && self.participant(p).capacity > 0
            && !self.choices(p).is_empty()
    }

    /// The fewest partners `p` must get: their `min_partners`, and at least 1 under the
    /// top-choice guarantee.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let jan = ParticipantSpec::new("jan", Side::Senior)
    ///     .with_capacity(3)
    ///     .with_min_partners(2);
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior))
    ///     .with_participant(jan)
    ///     .validate()?;
    /// let [ola, jan] = ["ola", "jan"].map(|id| roster.find(id).unwrap());
    /// assert_eq!(
    ///     (roster.required_partners(ola), roster.required_partners(jan)),
    ///     (0, 2)
    /// );
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn required_partners(&self, p: ParticipantId) -> u32 {
        let guaranteed = u32::from(self.has_top_choice_guarantee(p));
        self.participant(p).min_partners.max(guaranteed)
    }

    /// Whether anyone in the roster stated choices or ratings.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let spec = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior))
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior));
    /// assert!(!spec.validate()?.has_stated_choices());
    /// let eva = ParticipantSpec::new("eva", Side::Junior).with_choices(["jan"]);
    /// assert!(spec.with_participant(eva).validate()?.has_stated_choices());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn has_stated_choices(&self) -> bool {
        self.any_stated
    }

    /// Whether either of `a` and `b` lists the other in `avoid`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let roster = RosterSpec::new()
    ///     .with_participant(ParticipantSpec::new("ola", Side::Junior).with_avoid("jan"))
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior))
    ///     .with_participant(ParticipantSpec::new("ewa", Side::Senior))
    ///     .validate()?;
    /// let [ola, jan, ewa] = ["ola", "jan", "ewa"].map(|id| roster.find(id).unwrap());
    /// // Either side's `avoid` list counts, in both directions.
    /// assert!(roster.avoids(ola, jan) && roster.avoids(jan, ola));
    /// assert!(!roster.avoids(ola, ewa));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn avoids(&self, a: ParticipantId, b: ParticipantId) -> bool {
        self.people[a.index()].avoid.binary_search(&b).is_ok()
            || self.people[b.index()].avoid.binary_search(&a).is_ok()
    }

    /// The weight of mutual benefit in the pair score: the roster's `benefit_weight`, or
    /// [`DEFAULT_BENEFIT_WEIGHT`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::RosterSpec;
    ///
    /// assert_eq!(RosterSpec::new().validate()?.benefit_weight(), 10.0);
    /// let spec = RosterSpec::new().with_benefit_weight(Some(4.0));
    /// assert_eq!(spec.validate()?.benefit_weight(), 4.0);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn benefit_weight(&self) -> f64 {
        self.spec.benefit_weight.unwrap_or(DEFAULT_BENEFIT_WEIGHT)
    }

    /// The weight of stated choices and ratings in the pair score: the roster's
    /// `choice_weight`, or [`DEFAULT_CHOICE_WEIGHT`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::RosterSpec;
    ///
    /// assert_eq!(RosterSpec::new().validate()?.choice_weight(), 5.0);
    /// let spec = RosterSpec::new().with_choice_weight(Some(0.0));
    /// assert_eq!(spec.validate()?.choice_weight(), 0.0);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn choice_weight(&self) -> f64 {
        self.spec.choice_weight.unwrap_or(DEFAULT_CHOICE_WEIGHT)
    }

    /// Number of distinct skills (catalog skills, or every skill named when there is no catalog).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let ola = ParticipantSpec::new("ola", Side::Junior).with_skill("cloud-tools", 4);
    /// let roster = RosterSpec::new()
    ///     .with_participant(ola)
    ///     .with_participant(ParticipantSpec::new("jan", Side::Senior).with_wish("cloud-tools", 5))
    ///     .validate()?;
    /// // A skill both taught and wished for counts once.
    /// assert_eq!(roster.skill_count(), 1);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn skill_count(&self) -> usize {
        self.skill_names.len()
    }

    /// The skill with this id string.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let jan = ParticipantSpec::new("jan", Side::Senior).with_skill("negotiation", 5);
    /// let roster = RosterSpec::new().with_participant(jan).validate()?;
    /// assert_eq!(roster.skill("negotiation").map(|s| s.index()), Some(0));
    /// assert_eq!(roster.skill("juggling"), None);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn skill(&self, name: &str) -> Option<SkillId> {
        self.skill_ids.get(name).copied()
    }

    /// A skill's id string.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side};
    ///
    /// let jan = ParticipantSpec::new("jan", Side::Senior).with_wish("social-media", 4);
    /// let roster = RosterSpec::new().with_participant(jan).validate()?;
    /// let (wish, _) = roster.wishes(roster.find("jan").unwrap())[0];
    /// assert_eq!(roster.skill_name(wish), "social-media");
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn skill_name(&self, skill: SkillId) -> &str {
        &self.skill_names[skill.index()]
    }

    /// A skill's parent and children in the catalog taxonomy.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::{ParticipantSpec, RosterSpec, Side, SkillSpec};
    ///
    /// let jan = ParticipantSpec::new("jan", Side::Senior).with_skill("negotiation", 5);
    /// let roster = RosterSpec::new()
    ///     .with_skill(SkillSpec::new("data-analytics"))
    ///     .with_skill(SkillSpec::new("spreadsheets").with_parent("data-analytics"))
    ///     .with_skill(SkillSpec::new("negotiation"))
    ///     .with_participant(jan)
    ///     .validate()?;
    /// let [analytics, sheets, talks] =
    ///     ["data-analytics", "spreadsheets", "negotiation"].map(|s| roster.skill(s).unwrap());
    /// assert_eq!(roster.relatives(sheets), [analytics]);
    /// assert!(roster.relatives(talks).is_empty());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    #[inline]
    pub fn relatives(&self, skill: SkillId) -> &[SkillId] {
        &self.relatives[skill.index()]
    }
}
