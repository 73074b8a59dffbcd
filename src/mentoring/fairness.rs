//! How each group of participants fared in a matching: a fairness report by any attribute.
//!
//! A programme coordinator asks whether the matching treated every region, department or
//! other group alike: did the people of each group who took part get a partner as often,
//! were their pairs as good, and did they get their first choice as often? [`report`] splits
//! each side into groups by the value of one field (a participant's attribute, or one of the
//! built-in fields `department`, `languages`, `timezone` and `experience_years`) and gives each
//! group its figures ([`Group`]); [`FairnessReport::table`] prints them one line a group.
//!
//! # How to read it
//!
//! Compare the groups of one side with each other. A group whose `match_rate` or
//! `mean_score` is markedly lower than its side's other groups is the signal: its members
//! were left out more often, or paired less well. Its `unmatched_reasons` say why (nobody
//! with their wishes to learn from, every fitting partner taken by others, a rule). Small
//! groups swing by chance: one person more or less moves a group of three by a third, so
//! look at `available` and `pairs` before reading much into a rate. Nor is a gap proof of a
//! biased matching by itself: a group that wishes for skills few can teach scores lower under
//! any matching, and [`diagnosis`](crate::diagnosis) says whether any matching could place
//! more people.
//!
//! # Choices
//!
//! - **Groups** are keyed by side and by the value's label: the value as
//!   [`Attribute`]'s `Display` writes it (a number in Rust's shortest round-trip form, a flag
//!   as `true`/`false`). A list (an attribute list, or `languages`) is labelled by its items
//!   sorted and each once, joined by `;`, so `["pl", "en"]` and `["en", "pl"]` form one group
//!   `en;pl`; an empty list counts as not given. A participant who does not give the field is
//!   in the group [`NOT_GIVEN`] (and so is a text that reads `(not given)`).
//! - **Unavailable** participants (capacity 0) count in their group's `participants`, but
//!   are reported apart as `unavailable` and left out of everything else: the match rate
//!   answers "of those who took part, how many got a partner", and the choice figures count
//!   only those who took part. Their unmatched reason (`unavailable`) is still counted in
//!   `unmatched_reasons`.
//! - **Order**: juniors first, then seniors; within a side by label, in byte order of the
//!   label (so numbers sort as text: `10` before `2`), with [`NOT_GIVEN`] last.
//!
//! # Examples
//!
//! ```
//! use mentor_match::fairness::report;
//! use mentor_match::{Matcher, Roster, Side};
//!
//! let roster = Roster::from_json(r#"{"participants": [
//!   {"id": "ola", "side": "junior", "skills": {"data-analytics": 5}, "wishes": {"negotiation": 4},
//!    "attributes": {"region": "EMEA"}},
//!   {"id": "kai", "side": "junior", "skills": {"social-media": 4}, "wishes": {"strategy": 5},
//!    "attributes": {"region": "APAC"}},
//!   {"id": "mei", "side": "junior", "capacity": 0, "attributes": {"region": "APAC"}},
//!   {"id": "jan", "side": "senior", "skills": {"negotiation": 5}, "wishes": {"data-analytics": 3},
//!    "attributes": {"region": "EMEA"}},
//!   {"id": "eva", "side": "senior", "skills": {"strategy": 5}, "wishes": {"social-media": 4}}]}"#)?;
//! let matching = Matcher::new().solve(&roster)?;
//! let fairness = report(&roster, &matching, "region")?;
//!
//! // Mei is unavailable this round: APAC's juniors who took part were all matched.
//! let apac = fairness.group(Side::Junior, "APAC").unwrap();
//! assert_eq!((apac.participants, apac.unavailable, apac.available), (2, 1, 1));
//! assert_eq!(apac.match_rate, Some(1.0));
//! assert_eq!(apac.unmatched_reasons["unavailable"], 1);
//! // Eva gives no region.
//! assert_eq!(fairness.group(Side::Senior, "(not given)").unwrap().matched, 1);
//! # Ok::<(), mentor_match::Error>(())
//! ```

use crate::mentoring::error::{Error, Result};
use crate::mentoring::matcher::{Matching, Reason};
use crate::mentoring::model::{Attribute, BUILT_IN_FIELDS, ParticipantId, Roster, Side};
use crate::support::format_version::FormatVersion;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// The label of the group of participants who do not give the field.
///
/// # Examples
///
/// ```
/// use mentor_match::fairness::{NOT_GIVEN, report};
/// use mentor_match::{Matcher, Roster, Side};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "department": "Sales"},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}}]}"#)?;
/// let matching = Matcher::new().solve(&roster)?;
/// let fairness = report(&roster, &matching, "department")?;
/// assert_eq!(fairness.groups[1].value, NOT_GIVEN);
/// assert_eq!(fairness.groups[1].side, Side::Senior);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub const NOT_GIVEN: &str = "(not given)";

/// How each group of participants fared in a matching; see the
/// [module docs](crate::fairness) for how groups are formed and how to read it.
///
/// Serialises to JSON with the keys `format` (the layout version, see [`FormatVersion`]),
/// `attribute` and `groups`.
///
/// # Examples
///
/// ```
/// use mentor_match::fairness::report;
/// use mentor_match::{Matcher, Roster, Side};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "languages": ["pl", "en"]},
///     {"id": "kai", "side": "junior", "skills": {"cloud-tools": 3}, "languages": ["en", "pl"]},
///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}, "languages": ["en"]}]}"#)?;
/// let matching = Matcher::new().solve(&roster)?;
/// let fairness = report(&roster, &matching, "languages")?;
/// assert_eq!(fairness.attribute, "languages");
/// // One junior group: the order of a list does not matter.
/// let juniors = fairness.group(Side::Junior, "en;pl").unwrap();
/// assert_eq!((juniors.available, juniors.matched), (2, 1));
/// assert_eq!(juniors.match_rate, Some(0.5));
/// assert_eq!(juniors.unmatched_reasons["partners_taken"], 1);
/// let json = serde_json::to_value(&fairness).unwrap();
/// assert_eq!(json["groups"][1]["value"], "en");
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct FairnessReport {
    /// The layout version of the JSON document.
    pub format: FormatVersion,
    /// The field the participants are grouped by.
    pub attribute: String,
    /// The groups: juniors first, then seniors; within a side by label, [`NOT_GIVEN`] last.
    pub groups: Vec<Group>,
}

/// The participants of one side who share a value of the field, and how they fared.
///
/// `participants = available + unavailable`; every figure but `participants`, `unavailable`
/// and `unmatched_reasons` is over the available members only (capacity above 0).
///
/// # Examples
///
/// ```
/// use mentor_match::fairness::report;
/// use mentor_match::{Matcher, Roster, Side};
///
/// let roster = Roster::from_json(r#"{"participants": [
///     {"id": "ola", "side": "junior", "skills": {"strategy": 1}, "choices": ["eva", "jan"],
///      "attributes": {"remote": true}},
///     {"id": "jan", "side": "senior", "wishes": {"strategy": 1}},
///     {"id": "eva", "side": "senior", "wishes": {"strategy": 1}}]}"#)?;
/// let matching = Matcher::new().solve(&roster)?;
/// let remote = report(&roster, &matching, "remote")?.groups[0].clone();
/// assert_eq!((remote.side, remote.value.as_str()), (Side::Junior, "true"));
/// assert_eq!((remote.stated_choices, remote.first_choices), (1, 1));
/// assert_eq!(remote.first_choice_rate, Some(1.0));
/// assert_eq!(remote.pairs, 1);
/// assert_eq!(remote.mean_score, Some(matching.pairs()[0].score));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Group {
    /// The group's side.
    pub side: Side,
    /// The value's label (see the [module docs](crate::fairness)), or [`NOT_GIVEN`].
    pub value: String,
    /// How many participants of this side give this value, unavailable ones included.
    pub participants: usize,
    /// How many of them are unavailable this round (capacity 0).
    pub unavailable: usize,
    /// How many of them are available (capacity above 0).
    pub available: usize,
    /// How many available members have at least one partner.
    pub matched: usize,
    /// `matched / available`; `None` when nobody of the group is available.
    pub match_rate: Option<f64>,
    /// How many pairs have a member of the group (a member with several partners counts each).
    pub pairs: usize,
    /// The mean score of those pairs; `None` without pairs.
    pub mean_score: Option<f64>,
    /// How many available members listed choices.
    pub stated_choices: usize,
    /// How many of those are paired with their first choice (as one of their partners, when
    /// they have several).
    pub first_choices: usize,
    /// `first_choices / stated_choices`; `None` when no available member listed choices.
    pub first_choice_rate: Option<f64>,
    /// The members without a partner, by the kind of their reason as the matching's JSON tags
    /// it (`unavailable`, `other_side_empty`, `no_allowed_partner`, `nothing_to_learn`,
    /// `partners_taken`): kind → count. Kinds nobody has are left out.
    pub unmatched_reasons: BTreeMap<String, usize>,
}

impl FairnessReport {
    /// The group of `side` whose label is `value`, if any participant is in it.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::fairness::report;
    /// use mentor_match::{Matcher, Roster, Side};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "timezone": 1},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}, "timezone": -5.5}]}"#)?;
    /// let matching = Matcher::new().solve(&roster)?;
    /// let fairness = report(&roster, &matching, "timezone")?;
    /// assert_eq!(fairness.group(Side::Senior, "-5.5").unwrap().matched, 1);
    /// assert!(fairness.group(Side::Junior, "-5.5").is_none());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn group(&self, side: Side, value: &str) -> Option<&Group> {
        self.groups
            .iter()
            .find(|g| g.side == side && g.value == value)
    }

    /// The report as a plain text table for people: a header line and a rule, then one line
    /// per group in the report's order. Rates are percentages with one decimal, the mean score
    /// has three decimals, `—` stands for a figure that does not exist (`None`), and the last
    /// column lists the unmatched reasons as `kind: count`. Columns are aligned by characters;
    /// control characters in a label are escaped so that each group stays on one line. Every
    /// line ends with a newline.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::fairness::report;
    /// use mentor_match::{Matcher, Roster};
    ///
    /// let roster = Roster::from_json(r#"{"participants": [
    ///     {"id": "ola", "side": "junior", "skills": {"cloud-tools": 5}, "department": "Sales"},
    ///     {"id": "kai", "side": "junior", "skills": {"cloud-tools": 3}, "department": "IT"},
    ///     {"id": "jan", "side": "senior", "wishes": {"cloud-tools": 4}, "department": "Finance"}]}"#)?;
    /// let matching = Matcher::new().solve(&roster)?;
    /// let table = report(&roster, &matching, "department")?.table();
    /// let lines: Vec<&str> = table.lines().collect();
    /// assert_eq!(lines.len(), 5);
    /// assert!(lines[0].starts_with("side    department  participants"));
    /// assert!(lines[2].starts_with("junior  IT") && lines[2].contains("0.0%"));
    /// assert!(lines[2].ends_with("partners_taken: 1"));
    /// assert!(lines[3].starts_with("junior  Sales") && lines[3].contains("100.0%"));
    /// assert!(lines[4].starts_with("senior  Finance"));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn table(&self) -> String {
        const NONE: &str = "—";
        let rate = |r: Option<f64>| r.map_or(NONE.to_owned(), |r| format!("{:.1}%", 100.0 * r));
        let header = [
            "side".to_owned(),
            self.attribute.clone(),
            "participants".to_owned(),
            "unavailable".to_owned(),
            "available".to_owned(),
            "matched".to_owned(),
            "match_rate".to_owned(),
            "pairs".to_owned(),
            "mean_score".to_owned(),
            "stated_choices".to_owned(),
            "first_choice_rate".to_owned(),
            "unmatched_reasons".to_owned(),
        ];
        let rows: Vec<[String; 12]> = self
            .groups
            .iter()
            .map(|g| {
                let reasons: Vec<String> = g
                    .unmatched_reasons
                    .iter()
                    .map(|(kind, n)| format!("{kind}: {n}"))
                    .collect();
                [
                    g.side.to_string(),
                    one_line(&g.value),
                    g.participants.to_string(),
                    g.unavailable.to_string(),
                    g.available.to_string(),
                    g.matched.to_string(),
                    rate(g.match_rate),
                    g.pairs.to_string(),
                    g.mean_score.map_or(NONE.to_owned(), |s| format!("{s:.3}")),
                    g.stated_choices.to_string(),
                    rate(g.first_choice_rate),
                    reasons.join(", "),
                ]
            })
            .collect();
        let header = header.map(|title| one_line(&title));
        // Each column as wide as its widest cell, in characters (labels may be any text).
        let mut widths = header.clone().map(|cell| cell.chars().count());
        for row in &rows {
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.chars().count());
            }
        }
        // Side, label and reasons are text, left-aligned; the figures are right-aligned.
        let left = |k: usize| k <= 1 || k == header.len() - 1;
        let line = |cells: &[String]| {
            let mut text = String::new();
            for (k, cell) in cells.iter().enumerate() {
                if k > 0 {
                    text.push_str("  ");
                }
                let w = widths[k];
                if left(k) {
                    text.push_str(&format!("{cell:<w$}"));
                } else {
                    text.push_str(&format!("{cell:>w$}"));
                }
            }
            let mut text = text.trim_end().to_owned();
            text.push('\n');
            text
        };
        let mut out = line(&header);
        let rule = out.trim_end().chars().count();
        out.push_str(&"-".repeat(rule));
        out.push('\n');
        for row in &rows {
            out.push_str(&line(row));
        }
        out
    }
}

/// `text` with its control characters (a newline, a tab) escaped, so that it fits on one line.
fn one_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_control() {
            line.extend(c.escape_default());
        } else {
            line.push(c);
        }
    }
    line
}

/// The fairness report of `matching` by `attribute`: each side split into groups by the value
/// of the field, with each group's match rate, mean pair score, first-choice rate and the
/// reasons of its unmatched members (see the [module docs](crate::fairness) for the choices).
///
/// `attribute` is the name of a participant attribute (a key of their `attributes`) or one of
/// the built-in fields [`BUILT_IN_FIELDS`] (`department`, `languages`, `timezone`,
/// `experience_years`). A built-in field is always accepted, even when nobody gives it (then
/// everyone is in the [`NOT_GIVEN`] group), as the roster's criteria accept it.
///
/// The matching must be one of this roster, as [`Matcher::solve`](crate::Matcher::solve) or
/// [`Matcher::explain`](crate::Matcher::explain) made it: every id of its pairs and unmatched
/// list is in the roster on the side it is named for, every participant is either in a pair
/// or listed unmatched (once), nobody unavailable is paired, and no pair appears twice.
///
/// # Complexity
///
/// `O(n log n + p log p + u)` time for `n` participants, `p` pairs and `u` unmatched
/// participants (sorting the groups' labels, and checking that no pair repeats); extra memory
/// `O(n + p)`. Ids are looked up in the roster's index, never searched.
///
/// # Errors
///
/// - [`Error::InvalidField`] (participant `(roster)`, the field named `attribute`) when
///   `attribute` is not a built-in field and no participant gives it;
/// - [`Error::UnknownParticipant`] (context `matching`) when the matching names an id not in
///   the roster;
/// - [`Error::WrongSide`] (context `matching`) when it names a participant for the other side;
/// - [`Error::InvalidField`] (field `matching`) when it leaves a participant out, lists them
///   both paired and unmatched or twice unmatched, pairs someone unavailable, or repeats a
///   pair.
///
/// # Examples
///
/// Two juniors from EMEA and one from APAC want what the two seniors teach; the matching can
/// take only two of them, and the APAC junior's one fitting partner is taken:
///
/// ```
/// use mentor_match::fairness::report;
/// use mentor_match::{Matcher, Roster, Side};
///
/// let roster = Roster::from_json(r#"{"participants": [
///   {"id": "ola", "side": "junior", "wishes": {"strategy": 5}, "skills": {"ai-assistants": 5},
///    "attributes": {"region": "EMEA"}},
///   {"id": "kai", "side": "junior", "wishes": {"negotiation": 5}, "skills": {"cloud-tools": 5},
///    "attributes": {"region": "EMEA"}},
///   {"id": "lin", "side": "junior", "wishes": {"strategy": 3}, "skills": {"ai-assistants": 2},
///    "attributes": {"region": "APAC"}},
///   {"id": "jan", "side": "senior", "skills": {"strategy": 5}, "wishes": {"ai-assistants": 4}},
///   {"id": "eva", "side": "senior", "skills": {"negotiation": 5}, "wishes": {"cloud-tools": 4}}]}"#)?;
/// let matching = Matcher::new().solve(&roster)?;
/// let fairness = report(&roster, &matching, "region")?;
///
/// let apac = fairness.group(Side::Junior, "APAC").unwrap();
/// assert_eq!(apac.match_rate, Some(0.0));
/// assert_eq!(apac.mean_score, None);
/// assert_eq!(apac.unmatched_reasons["partners_taken"], 1);
/// let emea = fairness.group(Side::Junior, "EMEA").unwrap();
/// assert_eq!(emea.match_rate, Some(1.0));
/// assert_eq!(emea.pairs, 2);
///
/// assert!(report(&roster, &matching, "regoin").is_err());
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn report(roster: &Roster, matching: &Matching, attribute: &str) -> Result<FairnessReport> {
    let built_in = BUILT_IN_FIELDS.contains(&attribute);
    if !built_in
        && !roster
            .participants()
            .any(|p| roster.attribute(p, attribute).is_some())
    {
        return Err(Error::InvalidField {
            participant: "(roster)".into(),
            field: attribute.into(),
            message: format!(
                "no participant has this attribute, and it is not a built-in field ({})",
                crate::model::built_in_fields()
            ),
        });
    }

    // Each participant's group: the keys sort juniors first, then by label with "not given"
    // (`true`) after every given label.
    let keys: Vec<(Side, bool, String)> = roster
        .participants()
        .map(|p| match label(roster, p, attribute) {
            Some(label) => (roster.side(p), false, label),
            None => (roster.side(p), true, NOT_GIVEN.to_owned()),
        })
        .collect();
    let mut index: BTreeMap<&(Side, bool, String), usize> =
        keys.iter().map(|key| (key, 0)).collect();
    let mut groups: Vec<Group> = Vec::with_capacity(index.len());
    for (k, ((side, _, value), at)) in index.iter_mut().enumerate() {
        *at = k;
        groups.push(Group::new(*side, value.clone()));
    }
    let group_of: Vec<usize> = keys.iter().map(|key| index[key]).collect();

    // The pairs, in the matching's order: each partner list, and each group's pair scores
    // summed in that order.
    let mut partners: Vec<Vec<ParticipantId>> = vec![Vec::new(); roster.len()];
    let mut score_sums = vec![0.0; groups.len()];
    let mut seen = BTreeSet::new();
    for pair in matching.pairs() {
        let junior = member(roster, &pair.junior, Side::Junior)?;
        let senior = member(roster, &pair.senior, Side::Senior)?;
        if !seen.insert((junior, senior)) {
            return Err(mismatch(
                &pair.junior,
                format!("is paired with `{}` twice", pair.senior),
            ));
        }
        partners[junior.index()].push(senior);
        partners[senior.index()].push(junior);
        for p in [junior, senior] {
            let g = group_of[p.index()];
            groups[g].pairs += 1;
            score_sums[g] += pair.score;
        }
    }

    let mut listed = vec![false; roster.len()];
    for u in matching.unmatched() {
        let p = member(roster, &u.id, u.side)?;
        if !partners[p.index()].is_empty() {
            return Err(mismatch(
                &u.id,
                "is both paired and listed unmatched".into(),
            ));
        }
        if std::mem::replace(&mut listed[p.index()], true) {
            return Err(mismatch(&u.id, "is listed unmatched twice".into()));
        }
        *groups[group_of[p.index()]]
            .unmatched_reasons
            .entry(kind(&u.reason).to_owned())
            .or_insert(0) += 1;
    }

    for p in roster.participants() {
        let paired = &partners[p.index()];
        if paired.is_empty() && !listed[p.index()] {
            return Err(mismatch(
                roster.id(p),
                "is neither paired nor listed unmatched".into(),
            ));
        }
        let group = &mut groups[group_of[p.index()]];
        group.participants += 1;
        if roster.participant(p).capacity == 0 {
            if !paired.is_empty() {
                return Err(mismatch(roster.id(p), "is unavailable, yet paired".into()));
            }
            group.unavailable += 1;
            continue;
        }
        group.available += 1;
        group.matched += usize::from(!paired.is_empty());
        if let Some(first) = roster.choices(p).first() {
            group.stated_choices += 1;
            group.first_choices += usize::from(paired.contains(first));
        }
    }

    let ratio = |part: usize, whole: usize| (whole > 0).then(|| part as f64 / whole as f64);
    for (group, sum) in groups.iter_mut().zip(score_sums) {
        group.match_rate = ratio(group.matched, group.available);
        group.mean_score = (group.pairs > 0).then(|| sum / group.pairs as f64);
        group.first_choice_rate = ratio(group.first_choices, group.stated_choices);
    }
    Ok(FairnessReport {
        format: FormatVersion,
        attribute: attribute.to_owned(),
        groups,
    })
}

impl Group {
    /// An empty group of `side` labelled `value`.
    fn new(side: Side, value: String) -> Group {
        Group {
            side,
            value,
            participants: 0,
            unavailable: 0,
            available: 0,
            matched: 0,
            match_rate: None,
            pairs: 0,
            mean_score: None,
            stated_choices: 0,
            first_choices: 0,
            first_choice_rate: None,
            unmatched_reasons: BTreeMap::new(),
        }
    }
}

/// Participant `p`'s label of `field` (a built-in field or an attribute); `None` when they do
/// not give it, give an empty list, or give a text that reads [`NOT_GIVEN`].
fn label(roster: &Roster, p: ParticipantId, field: &str) -> Option<String> {
    let spec = roster.participant(p);
    let label = match field {
        "department" => spec.department.clone(),
        "languages" => list_label(&spec.languages),
        "timezone" => spec.timezone.map(|x| Attribute::Number(x).to_string()),
        "experience_years" => spec
            .experience_years
            .map(|x| Attribute::Number(x).to_string()),
        _ => match roster.attribute(p, field)? {
            Attribute::List(items) => list_label(items),
            value => Some(value.to_string()),
        },
    };
    label.filter(|l| l != NOT_GIVEN)
}

/// A list's label: its items sorted, each once, joined by `;`; `None` when it is empty.
fn list_label(items: &[String]) -> Option<String> {
    let items: BTreeSet<&str> = items.iter().map(String::as_str).collect();
    (!items.is_empty()).then(|| items.into_iter().collect::<Vec<_>>().join(";"))
}

/// The participant `id` of the roster, who must be on `side`, as the matching names them.
fn member(roster: &Roster, id: &str, side: Side) -> Result<ParticipantId> {
    let p = roster.find(id).ok_or_else(|| Error::UnknownParticipant {
        id: id.to_owned(),
        context: "matching",
    })?;
    if roster.side(p) != side {
        return Err(Error::WrongSide {
            id: id.to_owned(),
            expected: side,
            context: "matching",
        });
    }
    Ok(p)
}

/// The error of a matching that does not fit the roster at participant `id`.
fn mismatch(id: &str, what: String) -> Error {
    Error::InvalidField {
        participant: id.to_owned(),
        field: "matching".into(),
        message: format!("{what}: the matching was made for another roster"),
    }
}

/// A reason's kind, as the `kind` tag of its JSON.
fn kind(reason: &Reason) -> &'static str {
    match reason {
        Reason::Unavailable => "unavailable",
        Reason::OtherSideEmpty { .. } => "other_side_empty",
        Reason::NoAllowedPartner { .. } => "no_allowed_partner",
        Reason::NothingToLearn { .. } => "nothing_to_learn",
        Reason::PartnersTaken { .. } => "partners_taken",
    }
}
