//! [`Roster::new`](super::Roster::new)'s checks of a roster spec: the catalog, each
//! participant, their choices, the weights and the criteria, each mistake named and every one
//! found, before anything is built from the spec.

use super::criterion::{self, Criterion, MAX_WEIGHT};
use super::{
    Attribute, DEFAULT_BENEFIT_WEIGHT, DEFAULT_CHOICE_WEIGHT, ParticipantId, ParticipantSpec,
    RosterSpec, Side, SkillId, SkillSpec, Value,
};
use crate::matching::error::MatrixError;
use crate::matching::memory;
use crate::mentoring::error::{Error, Result};
use crate::mentoring::mistakes::Mistakes;
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The mistake of `skill` at `value` in `field` (`skills` or `wishes`) of `participant`, as
/// [`Roster::new`](super::Roster::new) and the JSON reader's list of every mistake both find
/// it: an empty skill is an [`Error::EmptySkill`] whatever its level, else a level outside
/// 1..=5 is an [`Error::LevelOutOfRange`].
pub(super) fn level_error(
    participant: &str,
    field: &'static str,
    skill: &str,
    value: u8,
) -> Option<Error> {
    if skill.is_empty() {
        Some(Error::EmptySkill {
            participant: participant.to_owned(),
            field,
        })
    } else if !(1..=5).contains(&value) {
        Some(Error::LevelOutOfRange {
            participant: participant.to_owned(),
            field,
            skill: skill.to_owned(),
            value,
        })
    } else {
        None
    }
}

/// The roster's skills by number, and their numbers by name: the catalog's, or without one
/// every skill a participant names, in sorted order so that the numbers do not depend on the
/// order of the input. A skill repeated in the catalog (a mistake [`check_catalog`] names)
/// keeps its first number.
pub(super) fn skill_index(spec: &RosterSpec) -> Result<(Vec<String>, HashMap<String, SkillId>)> {
    let skill_names: Vec<String> = if spec.skills.is_empty() {
        let mut all = BTreeSet::new();
        for p in &spec.participants {
            all.extend(p.skills.keys().chain(p.wishes.keys()).cloned());
        }
        let too_large = skills_too_large(all.len());
        memory::collected(all.into_iter(), too_large)?
    } else {
        let too_large = skills_too_large(spec.skills.len());
        memory::collected(spec.skills.iter().map(|s| s.id.clone()), too_large)?
    };
    let nskills = skill_names.len();
    let mut skill_ids: HashMap<String, SkillId> =
        memory::reserved_map(nskills, skills_too_large(nskills))?;
    for (k, name) in skill_names.iter().enumerate() {
        skill_ids.entry(name.clone()).or_insert(SkillId(k as u32));
    }
    Ok((skill_names, skill_ids))
}

/// [`Roster::new`](super::Roster::new)'s checks, without building the roster: those of the
/// catalog, of each participant and of their choices, and, where the spec is `whole` (nothing
/// of the document was left out), those of the weights and the criteria, which read values
/// across participants and top-level keys (with a value left out, one could seem to say that nobody
/// gives a criterion's field, or that no weight is above 0). Otherwise only their own
/// mistakes are checked: a weight's range, a criterion's parameters and name.
#[cfg(any(feature = "json", feature = "csv"))]
pub(super) fn check_across(spec: &RosterSpec, whole: bool, found: &mut Mistakes) {
    check_catalog(&spec.skills, found);
    if let Some((_, skill_ids)) = found.check(skill_index(spec)) {
        check_participants(&spec.participants, &skill_ids, found);
    }
    check_choices(&spec.participants, found);
    if whole {
        check_weights(spec, found);
        criterion_columns(spec, found);
    } else {
        // What needs nothing left out: the options' ranges and the criteria's own mistakes.
        check_weight_options(spec, found);
        criteria_alone(spec, found);
    }
}

/// What [`MatrixError::TooLarge`] names when a table of the roster's participants (their
/// records, the index of their ids, the juniors, the seniors) or one of their lists (wishes,
/// languages, choices) cannot be allocated; its rows are the participants.
const PARTICIPANTS: &str = "the roster's participants (participants x 1)";

/// What [`MatrixError::TooLarge`] names when a table of the roster's skills (their names, the
/// index of their names, their relatives) cannot be allocated; its rows are the skills.
const SKILLS: &str = "the roster's skills (skills x 1)";

/// The error of a table of `participants` participants that cannot be allocated.
pub(super) fn participants_too_large(participants: usize) -> impl Fn() -> MatrixError + Copy {
    move || MatrixError::TooLarge {
        what: PARTICIPANTS,
        rows: participants,
        cols: 1,
    }
}

/// The error of a table of `skills` skills that cannot be allocated.
pub(super) fn skills_too_large(skills: usize) -> impl Fn() -> MatrixError + Copy {
    move || MatrixError::TooLarge {
        what: SKILLS,
        rows: skills,
        cols: 1,
    }
}

/// The number of `name` among `names`, a new one (the next number) when it is not there yet;
/// `None` when the map cannot grow for it.
pub(super) fn intern<'a>(names: &mut HashMap<&'a str, u32>, name: &'a str) -> Option<u32> {
    if let Some(&k) = names.get(name) {
        return Some(k);
    }
    names.try_reserve(1).ok()?;
    let k = names.len() as u32;
    names.insert(name, k);
    Some(k)
}

/// Checks the catalog, recording every mistake; returns each skill's parent index (`None` for
/// a root or an unknown parent).
pub(super) fn check_catalog(skills: &[SkillSpec], found: &mut Mistakes) -> Vec<Option<usize>> {
    let mut index = HashMap::with_capacity(skills.len());
    let mut repeated = BTreeSet::new();
    for (k, s) in skills.iter().enumerate() {
        if s.id.is_empty() {
            found.push(Error::EmptySkill {
                participant: "catalog".into(),
                field: "skills",
            });
        } else if index.contains_key(s.id.as_str()) {
            // Reported once per skill, however often it repeats.
            if repeated.insert(s.id.as_str()) {
                found.push(Error::DuplicateSkill {
                    skill: s.id.clone(),
                });
            }
        } else {
            index.insert(s.id.as_str(), k);
        }
    }
    let mut parents = Vec::with_capacity(skills.len());
    for s in skills {
        parents.push(match &s.parent {
            None => None,
            Some(p) => {
                let parent = index.get(p.as_str()).copied();
                if parent.is_none() {
                    found.push(Error::UnknownParentSkill {
                        skill: s.id.clone(),
                        parent: p.clone(),
                    });
                }
                parent
            }
        });
    }
    // Each skill has at most one parent, so a cycle shows as a walk that revisits a skill.
    // `state`: 0 unvisited, 1 on the current walk, 2 done (reaches a root or a reported
    // cycle), so each cycle is reported once, by the walk that first closes it.
    let mut state = vec![0u8; skills.len()];
    for start in 0..skills.len() {
        let mut walk: Vec<usize> = Vec::new();
        let mut k = start;
        loop {
            match state[k] {
                2 => break,
                1 => {
                    let at = walk.iter().position(|&w| w == k).unwrap_or(0);
                    let mut cycle: Vec<String> =
                        walk[at..].iter().map(|&w| skills[w].id.clone()).collect();
                    cycle.push(skills[k].id.clone());
                    found.push(Error::SkillCycle { cycle });
                    break;
                }
                _ => {}
            }
            state[k] = 1;
            walk.push(k);
            match parents[k] {
                Some(p) => k = p,
                None => break,
            }
        }
        for w in walk {
            state[w] = 2;
        }
    }
    parents
}

/// Checks every participant against the skills known (`skill_ids`), recording every mistake:
/// per participant in roster order, its id, then its skills and wishes, manager and numbers.
pub(super) fn check_participants(
    participants: &[ParticipantSpec],
    skill_ids: &HashMap<String, SkillId>,
    found: &mut Mistakes,
) {
    let too_large = participants_too_large(participants.len());
    // The index of the ids is as long as the roster: without room for it, that is the
    // mistake found.
    let Some(mut seen) = found.check(
        memory::reserved_map::<&str, bool>(participants.len(), too_large).map_err(Error::from),
    ) else {
        return;
    };
    for (index, p) in participants.iter().enumerate() {
        if p.id.is_empty() {
            found.push(Error::EmptyId { index });
        } else {
            // `true` once the id is reported, so a repeated id is reported once.
            match seen.get_mut(p.id.as_str()) {
                None => {
                    seen.insert(p.id.as_str(), false);
                }
                Some(reported) => {
                    if !*reported {
                        found.push(Error::DuplicateParticipant { id: p.id.clone() });
                        *reported = true;
                    }
                }
            }
        }
        // A participant without an id is named by position in the mistakes of its fields.
        let name = if p.id.is_empty() {
            format!("#{index}")
        } else {
            p.id.clone()
        };
        for (field, map) in [("skills", &p.skills), ("wishes", &p.wishes)] {
            for (skill, &value) in map {
                if let Some(mistake) = level_error(&name, field, skill, value) {
                    found.push(mistake);
                }
                if !skill.is_empty() && !skill_ids.contains_key(skill) {
                    found.push(Error::UnknownSkill {
                        participant: name.clone(),
                        field,
                        skill: skill.clone(),
                    });
                }
            }
        }
        // An empty name would be a department (or manager, or language) of its own, shared
        // by everyone whose cell was blank: the rules would then keep apart, or pair, people
        // for nothing. The CSV reader takes a blank cell as no value; here it is a mistake.
        let empty = |field: &str, message: &str| Error::InvalidField {
            participant: name.clone(),
            field: field.to_owned(),
            message: message.to_owned(),
        };
        for (field, value) in [("department", &p.department), ("manager", &p.manager)] {
            if value.as_deref() == Some("") {
                found.push(empty(
                    field,
                    "is empty: leave the field out when there is none",
                ));
            }
        }
        if p.languages.iter().any(String::is_empty) {
            found.push(empty("languages", "holds an empty language"));
        }
        if !p.id.is_empty() && p.manager.as_deref() == Some(p.id.as_str()) {
            found.push(Error::OwnManager {
                participant: name.clone(),
            });
        }
        let numbers = [
            (
                "timezone",
                p.timezone,
                (|x: f64| x.is_finite() && (-24.0..=24.0).contains(&x)) as fn(f64) -> bool,
                "a finite number of hours within -24..=24",
            ),
            (
                "experience_years",
                p.experience_years,
                |x: f64| x.is_finite() && x >= 0.0,
                "a finite number of years, at least 0",
            ),
        ];
        for (field, value, ok, expected) in numbers {
            if let Some(x) = value
                && !ok(x)
            {
                found.push(Error::InvalidNumber {
                    participant: name.clone(),
                    field,
                    value: x,
                    expected,
                });
            }
        }
    }
}

/// The most criteria a roster may declare: far beyond any programme, and few enough that
/// their columns (one value per participant each) and the names of the exclusions stay small.
///
/// # Examples
///
/// ```
/// use mentor_match::model::{Criterion, MAX_CRITERIA, Relation, Strength};
/// use mentor_match::{Error, RosterSpec};
///
/// let same = Criterion::new("department", Relation::Same, Strength::Low);
/// let too_many = (0..=MAX_CRITERIA).fold(RosterSpec::new(), |spec, k| {
///     spec.with_criterion(same.clone().named(format!("department{k}")))
/// });
/// let err = too_many.validate().unwrap_err();
/// assert!(matches!(err, Error::InvalidOption { option: "criteria", .. }));
/// ```
pub const MAX_CRITERIA: usize = 1000;

/// The built-in fields a criterion may name, besides the participants' attributes.
///
/// # Examples
///
/// ```
/// use mentor_match::model::{Attribute, BUILT_IN_FIELDS};
/// use mentor_match::{ParticipantSpec, RosterSpec, Side};
///
/// assert!(BUILT_IN_FIELDS.contains(&"department"));
/// // A built-in field is given at the top level, never as an attribute.
/// let ola = ParticipantSpec::new("ola", Side::Junior)
///     .with_attribute("department", Attribute::Text("Sales".into()));
/// assert!(RosterSpec::new().with_participant(ola).validate().is_err());
/// ```
pub const BUILT_IN_FIELDS: [&str; 4] = ["department", "languages", "timezone", "experience_years"];

/// The built-in fields as a message lists them: `` `department`, `languages`, … ``. A field
/// such as `capacity` is every participant's, but not one to compare or group by: the
/// message says which are.
pub(crate) fn built_in_fields() -> String {
    let quoted: Vec<String> = BUILT_IN_FIELDS.iter().map(|f| format!("`{f}`")).collect();
    quoted.join(", ")
}

/// Checks what every participant asks for: `choices`, `ratings` and `avoid` (each id names
/// someone on the other side, no choice twice, every rating within -5..=5), `min_partners`
/// (at most the capacity) and the names and numbers of `attributes`.
pub(super) fn check_choices(participants: &[ParticipantSpec], found: &mut Mistakes) {
    let too_large = participants_too_large(participants.len());
    let Some(mut side_of) = found.check(
        memory::reserved_map::<&str, Side>(participants.len(), too_large).map_err(Error::from),
    ) else {
        return;
    };
    for p in participants {
        side_of.entry(p.id.as_str()).or_insert(p.side);
    }
    for (index, p) in participants.iter().enumerate() {
        let name = if p.id.is_empty() {
            format!("#{index}")
        } else {
            p.id.clone()
        };
        let invalid = |field: &str, message: String| Error::InvalidField {
            participant: name.clone(),
            field: field.to_owned(),
            message,
        };
        let named = p
            .choices
            .iter()
            .map(|q| ("choices", q))
            .chain(p.ratings.keys().map(|q| ("ratings", q)))
            .chain(p.avoid.iter().map(|q| ("avoid", q)));
        for (field, q) in named {
            match side_of.get(q.as_str()) {
                None => found.push(invalid(field, format!("`{q}` is not in the roster"))),
                Some(&side) if side == p.side => found.push(invalid(
                    field,
                    format!("`{q}` is a {side} too: only the other side can be named"),
                )),
                Some(_) => {}
            }
        }
        if p.min_partners > p.capacity {
            found.push(invalid(
                "min_partners",
                format!("{} is above the capacity of {}", p.min_partners, p.capacity),
            ));
        }
        let mut seen = BTreeSet::new();
        for q in &p.choices {
            if !seen.insert(q.as_str()) {
                found.push(invalid("choices", format!("`{q}` is listed twice")));
            }
        }
        for (q, &rating) in &p.ratings {
            if !(-5..=5).contains(&rating) {
                found.push(invalid(
                    "ratings",
                    format!("the rating of `{q}`, {rating}, is outside -5..=5"),
                ));
            }
        }
        for (key, value) in &p.attributes {
            if key.is_empty() {
                found.push(invalid(
                    "attributes",
                    "an attribute has an empty name".into(),
                ));
            } else if BUILT_IN_FIELDS.contains(&key.as_str()) {
                found.push(invalid(
                    "attributes",
                    format!("`{key}` is a built-in field: give it at the top level"),
                ));
            }
            if let Attribute::Number(x) = value
                && !x.is_finite()
            {
                found.push(invalid(
                    &format!("attributes.{key}"),
                    format!("{x} is not a finite number"),
                ));
            }
        }
    }
}

/// The options' own mistakes, which need nothing else of the roster: a weight outside 0 to
/// [`MAX_WEIGHT`], a top-choice guarantee of 0.
fn check_weight_options(spec: &RosterSpec, found: &mut Mistakes) {
    if spec.top_choice_guarantee == Some(0) {
        found.push(Error::InvalidOption {
            option: "top_choice_guarantee",
            value: 0_u8.into(),
            expected: "at least 1 choice",
        });
    }
    for (option, weight) in [
        ("benefit_weight", spec.benefit_weight),
        ("choice_weight", spec.choice_weight),
    ] {
        if let Some(w) = weight
            && !(0.0..=MAX_WEIGHT).contains(&w)
        {
            found.push(Error::InvalidOption {
                option,
                value: w.into(),
                expected: "a number from 0 to 1e9",
            });
        }
    }
}

/// Checks the roster's weights (each from 0 to [`MAX_WEIGHT`], not all 0 once stated choices
/// join the score) and its top-choice guarantee (at least 1, for participants of
/// capacity 1).
pub(super) fn check_weights(spec: &RosterSpec, found: &mut Mistakes) {
    check_weight_options(spec, found);
    if let Some(k) = spec.top_choice_guarantee {
        for p in &spec.participants {
            if p.capacity > 1 && !p.choices.is_empty() {
                found.push(Error::InvalidField {
                    participant: p.id.clone(),
                    field: "capacity".into(),
                    message: format!(
                        "{} partners: the top-choice guarantee holds for participants of \
                         capacity 1 (one partner, who must be among their first {k} choices)",
                        p.capacity
                    ),
                });
            }
        }
    }
    // Stated choices join the score with their weight: with it and the benefit's both 0 and
    // no soft criterion (whose weights are above 0), no pair could score above 0, so nobody
    // would be paired, each with the reason that nobody has anything to teach them. That is
    // a mistake in the weights, not a programme without a pair.
    let soft = spec.criteria.iter().any(|c| c.strength.weight().is_some());
    let stated = spec
        .participants
        .iter()
        .any(|p| !p.choices.is_empty() || !p.ratings.is_empty());
    let benefit = spec.benefit_weight.unwrap_or(DEFAULT_BENEFIT_WEIGHT);
    let choice = spec.choice_weight.unwrap_or(DEFAULT_CHOICE_WEIGHT);
    if stated && !soft && benefit == 0.0 && choice == 0.0 {
        found.push(Error::InvalidOption {
            option: "benefit_weight",
            value: benefit.into(),
            expected: "above 0 when choice_weight is 0 and no soft criterion weighs in \
                       (with every weight 0, no pair scores above 0)",
        });
    }
}

/// What a participant said of each person they chose or rated, in `[-1, 1]`, sorted by id:
/// the mean of the rank part (`1 - k / n` for the choice at position `k` from 0 of `n`, so the
/// first choice is 1 and the last `1 / n`) and the rating part (`rating / 5`), of those given.
/// `too_large()` when the list cannot be allocated.
pub(super) fn stated_preferences(
    choices: &[ParticipantId],
    ratings: &BTreeMap<String, i8>,
    by_id: &HashMap<String, ParticipantId>,
    too_large: impl Fn() -> MatrixError,
) -> std::result::Result<Vec<(ParticipantId, f64)>, MatrixError> {
    let n = choices.len() as f64;
    let mut parts: BTreeMap<ParticipantId, (f64, u32)> = BTreeMap::new();
    for (k, &q) in choices.iter().enumerate() {
        let e = parts.entry(q).or_insert((0.0, 0));
        *e = (e.0 + 1.0 - k as f64 / n, e.1 + 1);
    }
    for (q, &rating) in ratings {
        let e = parts.entry(by_id[q.as_str()]).or_insert((0.0, 0));
        *e = (e.0 + f64::from(rating) / 5.0, e.1 + 1);
    }
    memory::collected(
        parts
            .into_iter()
            .map(|(q, (sum, count))| (q, sum / f64::from(count))),
        too_large,
    )
}

/// Each criterion's field as a column of interned values, checking every criterion (its
/// parameters, its name, its field and the kind of each participant's value).
pub(super) fn criterion_columns(spec: &RosterSpec, found: &mut Mistakes) -> Vec<Vec<Value>> {
    if too_many_criteria(spec, found) {
        return Vec::new();
    }
    let mut names = BTreeSet::new();
    let n = spec.participants.len();
    // One column of `n` values a criterion: refused, not aborted, when criteria times
    // participants cannot be held.
    let too_large = || MatrixError::TooLarge {
        what: "the criteria's columns (criteria x participants)",
        rows: spec.criteria.len(),
        cols: n,
    };
    if spec.criteria.is_empty() {
        return Vec::new();
    }
    let Some(mut columns) = found
        .check(memory::reserved::<Vec<Value>>(spec.criteria.len(), too_large).map_err(Error::from))
    else {
        return Vec::new();
    };
    // The participants' ids, which name them in a column's mistakes.
    let Some(ids) = found.check(
        memory::collected(spec.participants.iter().map(|p| p.id.as_str()), too_large)
            .map_err(Error::from),
    ) else {
        return Vec::new();
    };
    for c in &spec.criteria {
        let name = c.name();
        let invalid = |message: String| Error::InvalidCriterion {
            criterion: name.clone(),
            message,
        };
        criterion_alone(c, &mut names, found);
        let Some(mut values) = found.check(
            memory::reserved::<Option<Cow<'_, Attribute>>>(n, too_large).map_err(Error::from),
        ) else {
            return Vec::new();
        };
        values.extend(spec.participants.iter().map(|p| field_value(p, &c.field)));
        let built_in = BUILT_IN_FIELDS.contains(&c.field.as_str());
        if !built_in && !c.field.is_empty() && values.iter().all(Option::is_none) {
            found.push(invalid(format!(
                "no participant has an attribute `{}`, and it is not a built-in field ({})",
                c.field,
                built_in_fields()
            )));
        }
        let field = if built_in {
            c.field.clone()
        } else {
            format!("attributes.{}", c.field)
        };
        let Some(mut column) =
            found.check(memory::reserved::<Value>(n, too_large).map_err(Error::from))
        else {
            return Vec::new();
        };
        criterion::column(c, (&name, &field), &ids, &values, &mut column, found);
        columns.push(column);
    }
    columns
}

/// Whether the roster has more than [`MAX_CRITERIA`] criteria (recorded in `found`), which are
/// then checked no further.
fn too_many_criteria(spec: &RosterSpec, found: &mut Mistakes) -> bool {
    let too_many = spec.criteria.len() > MAX_CRITERIA;
    if too_many {
        found.push(Error::InvalidOption {
            option: "criteria",
            value: spec.criteria.len().into(),
            expected: "at most 1,000 criteria",
        });
    }
    too_many
}

/// The mistakes of criterion `c` that need no participant: its parameters, and its name when
/// a criterion before it has it too (`names` holds theirs; `c`'s joins them) or it is one of
/// the roster's own exclusions.
fn criterion_alone(c: &Criterion, names: &mut BTreeSet<String>, found: &mut Mistakes) {
    let name = c.name();
    let invalid = |message: String| Error::InvalidCriterion {
        criterion: name.clone(),
        message,
    };
    for message in c.parameter_mistakes() {
        found.push(invalid(message));
    }
    if !names.insert(name.clone()) {
        found.push(invalid("another criterion has the same name".into()));
    }
    if name == "avoid" || name == "top_choices" {
        found.push(invalid(format!(
            "`{name}` names an exclusion of its own (avoid lists, the top-choice guarantee): \
             choose another name"
        )));
    }
}

/// Every criterion's mistakes that need no participant ([`criterion_alone`]), in order: a
/// reader's checks when a value was left out.
#[cfg(any(feature = "json", feature = "csv"))]
fn criteria_alone(spec: &RosterSpec, found: &mut Mistakes) {
    if too_many_criteria(spec, found) {
        return;
    }
    let mut names = BTreeSet::new();
    for c in &spec.criteria {
        criterion_alone(c, &mut names, found);
    }
}

/// A participant's value of `field`: a built-in field as an attribute, or their attribute.
fn field_value<'a>(p: &'a ParticipantSpec, field: &str) -> Option<Cow<'a, Attribute>> {
    let owned = |a: Attribute| Some(Cow::Owned(a));
    match field {
        "department" => p.department.clone().and_then(|d| owned(Attribute::Text(d))),
        "languages" if p.languages.is_empty() => None,
        "languages" => owned(Attribute::List(p.languages.clone())),
        "timezone" => p.timezone.and_then(|x| owned(Attribute::Number(x))),
        "experience_years" => p.experience_years.and_then(|x| owned(Attribute::Number(x))),
        _ => p.attributes.get(field).map(Cow::Borrowed),
    }
}
