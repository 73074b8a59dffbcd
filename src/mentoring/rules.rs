//! Hard rules: pairs that may never be formed, whatever their score.
//!
//! On by default ([`Rules::default`]): [`NotOwnManager`], [`JuniorLessExperienced`],
//! [`SharedLanguage`]. Off by default, add them when a programme wants them:
//! [`DifferentDepartments`], [`MaxTimezoneGap`]. Your own rule is any type implementing
//! [`Rule`], or a closure wrapped by [`rule`].
//!
//! A rule that needs an attribute only applies when both participants give it: a missing
//! `experience_years`, `languages` or `timezone` never excludes a pair.
//!
//! Every built-in rule but [`NotOwnManager`] is a `must` [`Criterion`] on a built-in field,
//! and says which with `criterion()`: a roster can state it as data, and a roster criterion of
//! the same name replaces the rule (for example to make the shared language a preference; see
//! [`crate::score::criteria`]). The manager line compares ids, not values, so it has no
//! criterion of its own; a roster criterion named `not_own_manager` still replaces it, which
//! drops the manager line for that roster.

use crate::mentoring::error::{Error, Result};
use crate::mentoring::model::{Criterion, ParticipantId, Relation, Roster, Strength};
use std::sync::Arc;

/// A hard constraint on a junior × senior pair.
///
/// # Examples
///
/// ```
/// use mentor_match::rules::{Rule, Rules};
/// use mentor_match::{ParticipantId, Roster};
///
/// struct NoInterns;
/// impl Rule for NoInterns {
///     fn name(&self) -> &str { "no_interns" }
///     fn allows(&self, r: &Roster, junior: ParticipantId, _senior: ParticipantId) -> bool {
///         !r.id(junior).starts_with("intern-")
///     }
/// }
/// let rules = Rules::default().with(NoInterns);
/// assert_eq!(rules.names(), ["not_own_manager", "junior_less_experienced", "shared_language", "no_interns"]);
/// ```
pub trait Rule: Send + Sync {
    /// A short snake_case name, used in the reasons given to unmatched participants.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::rules::{MaxTimezoneGap, NotOwnManager, Rule};
    ///
    /// assert_eq!(NotOwnManager.name(), "not_own_manager");
    /// assert_eq!(MaxTimezoneGap::new(3.0)?.name(), "max_timezone_gap");
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    fn name(&self) -> &str;

    /// Whether `junior` and `senior` may be paired.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::Roster;
    /// use mentor_match::rules::{Rule, SharedLanguage};
    ///
    /// let r = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "languages": ["pl", "en"]},
    ///     {"id": "jan", "side": "senior", "languages": ["en"]},
    ///     {"id": "eva", "side": "senior", "languages": ["de"]}]}"#)?;
    /// let [ola, jan, eva] = ["ola", "jan", "eva"].map(|id| r.find(id).unwrap());
    /// assert!(SharedLanguage.allows(&r, ola, jan));
    /// assert!(!SharedLanguage.allows(&r, ola, eva));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    fn allows(&self, roster: &Roster, junior: ParticipantId, senior: ParticipantId) -> bool;
}

/// Never pair someone with their direct manager, either way round. On by default.
///
/// # Examples
///
/// ```
/// use mentor_match::rules::{NotOwnManager, Rule};
/// use mentor_match::Roster;
///
/// let r = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "manager": "ewa"},
///     {"id": "ewa", "side": "senior"}]}"#)?;
/// assert!(!NotOwnManager.allows(&r, r.find("ola").unwrap(), r.find("ewa").unwrap()));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct NotOwnManager;

impl Rule for NotOwnManager {
    fn name(&self) -> &str {
        "not_own_manager"
    }
    fn allows(&self, r: &Roster, junior: ParticipantId, senior: ParticipantId) -> bool {
        r.manager(junior) != Some(senior) && r.manager(senior) != Some(junior)
    }
}

/// When both give `experience_years`, the junior must have fewer. On by default.
///
/// # Examples
///
/// ```
/// use mentor_match::rules::{JuniorLessExperienced, Rule};
/// use mentor_match::Roster;
///
/// let r = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "experience_years": 12},
///     {"id": "jan", "side": "senior", "experience_years": 10}]}"#)?;
/// assert!(!JuniorLessExperienced.allows(&r, r.find("ola").unwrap(), r.find("jan").unwrap()));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct JuniorLessExperienced;

impl JuniorLessExperienced {
    /// The same rule as a criterion: `experience_years`, `junior_less_than`, `must`, named
    /// `junior_less_experienced`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::rules::JuniorLessExperienced;
    /// assert_eq!(JuniorLessExperienced.criterion().name(), "junior_less_experienced");
    /// ```
    pub fn criterion(&self) -> Criterion {
        Criterion::new("experience_years", Relation::JuniorLessThan, Strength::Must)
            .named("junior_less_experienced")
    }
}

impl Rule for JuniorLessExperienced {
    fn name(&self) -> &str {
        "junior_less_experienced"
    }
    fn allows(&self, r: &Roster, junior: ParticipantId, senior: ParticipantId) -> bool {
        match (r.experience_years(junior), r.experience_years(senior)) {
            (Some(j), Some(s)) => j < s,
            _ => true,
        }
    }
}

/// When both list languages, they must share one. On by default.
///
/// # Examples
///
/// ```
/// use mentor_match::rules::{Rule, SharedLanguage};
/// use mentor_match::Roster;
///
/// let r = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "languages": ["pl"]},
///     {"id": "jan", "side": "senior", "languages": ["en", "de"]}]}"#)?;
/// assert!(!SharedLanguage.allows(&r, r.find("ola").unwrap(), r.find("jan").unwrap()));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct SharedLanguage;

impl SharedLanguage {
    /// The same rule as a criterion: `languages`, `overlap`, `must`, named `shared_language`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::model::Relation;
    /// use mentor_match::rules::SharedLanguage;
    /// assert_eq!(SharedLanguage.criterion().relation, Relation::Overlap);
    /// ```
    pub fn criterion(&self) -> Criterion {
        Criterion::new("languages", Relation::Overlap, Strength::Must).named("shared_language")
    }
}

impl Rule for SharedLanguage {
    fn name(&self) -> &str {
        "shared_language"
    }
    fn allows(&self, r: &Roster, junior: ParticipantId, senior: ParticipantId) -> bool {
        r.share_language(junior, senior) != Some(false)
    }
}

/// When both give a department, they must be in different ones. Off by default.
///
/// # Examples
///
/// ```
/// use mentor_match::rules::{DifferentDepartments, Rule};
/// use mentor_match::Roster;
///
/// let r = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "department": "Sales"},
///     {"id": "jan", "side": "senior", "department": "Sales"}]}"#)?;
/// assert!(!DifferentDepartments.allows(&r, r.find("ola").unwrap(), r.find("jan").unwrap()));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
pub struct DifferentDepartments;

impl DifferentDepartments {
    /// The same rule as a criterion: `department`, `different`, `must`, named
    /// `different_departments`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::rules::DifferentDepartments;
    /// assert_eq!(DifferentDepartments.criterion().field, "department");
    /// ```
    pub fn criterion(&self) -> Criterion {
        Criterion::new("department", Relation::Different, Strength::Must)
            .named("different_departments")
    }
}

impl Rule for DifferentDepartments {
    fn name(&self) -> &str {
        "different_departments"
    }
    fn allows(&self, r: &Roster, junior: ParticipantId, senior: ParticipantId) -> bool {
        r.same_department(junior, senior) != Some(true)
    }
}

/// When both give a timezone, they may be at most this many hours apart. Off by default.
///
/// # Examples
///
/// ```
/// use mentor_match::rules::{MaxTimezoneGap, Rule};
/// use mentor_match::Roster;
///
/// let r = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "timezone": 1},
///     {"id": "jan", "side": "senior", "timezone": -5}]}"#)?;
/// let (ola, jan) = (r.find("ola").unwrap(), r.find("jan").unwrap());
/// assert!(!MaxTimezoneGap::new(3.0)?.allows(&r, ola, jan));
/// assert!(MaxTimezoneGap::new(6.0)?.allows(&r, ola, jan));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy)]
pub struct MaxTimezoneGap {
    hours: f64,
}

impl MaxTimezoneGap {
    /// At most `hours` apart.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidOption`] unless `hours` is finite and at least 0.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::Error;
    /// use mentor_match::rules::MaxTimezoneGap;
    ///
    /// assert_eq!(MaxTimezoneGap::new(3.0)?.hours(), 3.0);
    /// let err = MaxTimezoneGap::new(-1.0).unwrap_err();
    /// assert!(matches!(err, Error::InvalidOption { option: "max_timezone_gap", .. }));
    /// assert!(MaxTimezoneGap::new(f64::NAN).is_err());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn new(hours: f64) -> Result<Self> {
        if hours.is_finite() && hours >= 0.0 {
            Ok(MaxTimezoneGap { hours })
        } else {
            Err(Error::InvalidOption {
                option: "max_timezone_gap",
                value: hours.into(),
                expected: "a finite number of hours, at least 0",
            })
        }
    }

    /// The largest gap allowed, in hours.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::rules::MaxTimezoneGap;
    ///
    /// assert_eq!(MaxTimezoneGap::new(4.5)?.hours(), 4.5);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn hours(&self) -> f64 {
        self.hours
    }

    /// The same rule as a criterion: `timezone`, `at_most` with this bound, `must`, named
    /// `max_timezone_gap`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::rules::MaxTimezoneGap;
    /// assert_eq!(MaxTimezoneGap::new(3.0)?.criterion().bound, Some(3.0));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn criterion(&self) -> Criterion {
        Criterion::new("timezone", Relation::AtMost, Strength::Must)
            .with_bound(self.hours)
            .named("max_timezone_gap")
    }
}

impl Rule for MaxTimezoneGap {
    fn name(&self) -> &str {
        "max_timezone_gap"
    }
    fn allows(&self, r: &Roster, junior: ParticipantId, senior: ParticipantId) -> bool {
        match (
            r.participant(junior).timezone,
            r.participant(senior).timezone,
        ) {
            (Some(a), Some(b)) => (a - b).abs() <= self.hours,
            _ => true,
        }
    }
}

/// A rule from a name and a closure; see [`rule`].
///
/// # Examples
///
/// ```
/// use mentor_match::rules::rule;
/// use mentor_match::{Matcher, Roster};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}},
///     {"id": "eva", "side": "senior", "wishes": {"cloud-tools": 3}}]}"#)?;
/// // Jan is on leave: a closure rule keeps him out of every pair.
/// let on_leave = rule("on_leave", |r: &Roster, _junior, senior| {
///     r.id(senior) != "jan"
/// });
/// let matching = Matcher::new().with_rule(on_leave).solve(&roster)?;
/// assert_eq!(matching.partner_of("ola"), Some("eva"));
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub struct FnRule<F> {
    name: String,
    allows: F,
}

impl<F> Rule for FnRule<F>
where
    F: Fn(&Roster, ParticipantId, ParticipantId) -> bool + Send + Sync,
{
    fn name(&self) -> &str {
        &self.name
    }
    fn allows(&self, roster: &Roster, junior: ParticipantId, senior: ParticipantId) -> bool {
        (self.allows)(roster, junior, senior)
    }
}

/// A rule named `name` that allows a pair when `allows(roster, junior, senior)` is true.
///
/// # Examples
///
/// ```
/// use mentor_match::rules::{rule, Rule};
/// use mentor_match::Roster;
///
/// let not_jan = rule("not_jan", |r: &Roster, _j, s| r.id(s) != "jan");
/// assert_eq!(not_jan.name(), "not_jan");
/// ```
pub fn rule<F>(name: impl Into<String>, allows: F) -> FnRule<F>
where
    F: Fn(&Roster, ParticipantId, ParticipantId) -> bool + Send + Sync,
{
    FnRule {
        name: name.into(),
        allows,
    }
}

/// An ordered set of rules; a pair is allowed when every rule allows it.
///
/// `Send + Sync` (every [`Rule`] is), and cheap to clone: the rules are shared, not copied.
///
/// # Examples
///
/// ```
/// use mentor_match::rules::{DifferentDepartments, MaxTimezoneGap, Rules};
///
/// let rules = Rules::default().with(DifferentDepartments).with(MaxTimezoneGap::new(4.0)?);
/// assert_eq!(rules.len(), 5);
/// let relaxed = Rules::default().without("shared_language");
/// assert_eq!(relaxed.names(), ["not_own_manager", "junior_less_experienced"]);
/// assert!(Rules::none().is_empty());
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Clone)]
pub struct Rules {
    rules: Vec<Arc<dyn Rule>>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules::none()
            .with(NotOwnManager)
            .with(JuniorLessExperienced)
            .with(SharedLanguage)
    }
}

impl std::fmt::Debug for Rules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

impl Rules {
    /// No rules at all: every pair is allowed.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::rules::Rules;
    /// use mentor_match::{Matcher, Roster};
    ///
    /// assert!(Rules::none().is_empty());
    /// // Without rules, Ola may be paired with her own manager.
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "manager": "jan"},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
    /// assert!(Matcher::new().solve(&roster)?.pairs().is_empty());
    /// let free = Matcher::new().with_rules(Rules::none()).solve(&roster)?;
    /// assert_eq!(free.partner_of("ola"), Some("jan"));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn none() -> Self {
        Rules { rules: Vec::new() }
    }

    /// Adds a rule at the end.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::rules::{DifferentDepartments, Rules};
    ///
    /// let rules = Rules::none().with(DifferentDepartments);
    /// assert_eq!(rules.names(), ["different_departments"]);
    /// ```
    pub fn with(mut self, rule: impl Rule + 'static) -> Self {
        self.rules.push(Arc::new(rule));
        self
    }

    /// Removes every rule with this name.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::rules::Rules;
    ///
    /// let rules = Rules::default().without("junior_less_experienced");
    /// assert_eq!(rules.names(), ["not_own_manager", "shared_language"]);
    /// // An unknown name removes nothing.
    /// assert_eq!(Rules::default().without("no_such_rule").len(), 3);
    /// ```
    pub fn without(mut self, name: &str) -> Self {
        self.rules.retain(|r| r.name() != name);
        self
    }

    /// The rules' names, in order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::rules::Rules;
    ///
    /// let rules = Rules::default();
    /// let names = rules.names();
    /// assert_eq!(names.len(), 3);
    /// assert_eq!((names[0], names[2]), ("not_own_manager", "shared_language"));
    /// ```
    pub fn names(&self) -> Vec<&str> {
        self.rules.iter().map(|r| r.name()).collect()
    }

    /// Number of rules.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::rules::{MaxTimezoneGap, Rules};
    ///
    /// assert_eq!(Rules::default().len(), 3);
    /// assert_eq!(Rules::default().with(MaxTimezoneGap::new(2.0)?).len(), 4);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether there are no rules.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::rules::{Rules, SharedLanguage};
    ///
    /// assert!(Rules::none().is_empty());
    /// assert!(!Rules::none().with(SharedLanguage).is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The position of the first rule that forbids the pair, or `None` when all allow it.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::Roster;
    /// use mentor_match::rules::Rules;
    ///
    /// let r = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "languages": ["pl"], "experience_years": 3},
    ///     {"id": "jan", "side": "senior", "languages": ["en"], "experience_years": 20},
    ///     {"id": "eva", "side": "senior", "languages": ["pl"], "experience_years": 12}]}"#)?;
    /// let [ola, jan, eva] = ["ola", "jan", "eva"].map(|id| r.find(id).unwrap());
    /// let rules = Rules::default();
    /// // Rule 2 of 0, 1, 2 is `shared_language`.
    /// assert_eq!(rules.first_violated(&r, ola, jan), Some(2));
    /// assert_eq!(rules.first_violated(&r, ola, eva), None);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn first_violated(
        &self,
        roster: &Roster,
        junior: ParticipantId,
        senior: ParticipantId,
    ) -> Option<usize> {
        self.rules
            .iter()
            .position(|r| !r.allows(roster, junior, senior))
    }
}
