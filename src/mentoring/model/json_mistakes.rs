//! Every mistake of a roster or criteria document read from JSON, found at once.
//!
//! serde stops at the first mistake. When it does, the document is read again as a
//! [`Tree`] (which keeps repeated keys and reads past a number beyond `f64`), and each part
//! is read on its own: each top-level key, each criterion's every value, each participant's
//! every field, each named where it stands; then the roster as far as it reads goes through
//! [`Roster::new`](super::Roster::new)'s checks ([`check_across`]), so that a mistake in one
//! field does not hide one across participants.

use super::checks::{check_across, level_error};
use super::criterion::Criterion;
use super::{Attribute, ParticipantSpec, RosterSpec, Side, SkillSpec};
use crate::mentoring::error::Error;
use crate::mentoring::mistakes::Mistakes;
use crate::support::json_text::{Lines, is_out_of_range, is_whole_beyond_64_bits};
use crate::support::key_by_key::{KeyMistake, key_by_key, where_serde_stopped};
use crate::support::strict::{self, Tree};
use serde::Deserialize;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet};

/// Turns serde_json's error (the first mistake in document `D`, a roster or a criteria
/// document) into typed errors for every mistake that can be found: the document is read
/// again as a [`Tree`], which keeps repeated keys and reads on past a number beyond `f64`;
/// each criterion and each participant is checked on its own, naming it and its fields, and
/// the rest is read as a `D`.
pub(crate) fn json_error<D: DeserializeOwned>(
    text: &str,
    e: serde_json::Error,
    document: Document,
) -> Error {
    let first = strict::strip_position(&e);
    let json = document.mistake(e.line(), e.column(), first.clone());
    // A number beyond `f64` (`1e400`) is a syntax error to serde_json, but one within a value:
    // the second reading passes over it as over any value, and names it where it stands.
    if !e.is_data() && !is_out_of_range(&e) {
        // A syntax error: nothing after it can be read.
        return json;
    }
    let Some(Tree::Object(entries)) = Tree::read(text) else {
        return json;
    };
    // A mistake outside the participants: only serde_json's first one has a known position,
    // and it is a mistake of the key where serde_json stopped.
    let stop = where_serde_stopped::<D>(&entries);
    let outside = |key: &str, message: String| {
        let (line, column) = if stop == Some(key) && message == first {
            (e.line(), e.column())
        } else {
            (0, 0)
        };
        document.mistake(line, column, message)
    };
    let mut found = Mistakes::new();
    for key in strict::repeated(&entries) {
        found.push(outside(key, format!("duplicate field `{key}`")));
    }
    // The document without its participants and criteria (each read on its own below): the
    // catalog and the top-level keys.
    let mut rest = Vec::with_capacity(entries.len());
    let mut lines = Lines::default();
    for (key, value) in &entries {
        let value = match value {
            Tree::List(_) if key == "participants" || key == "criteria" => Tree::List(Vec::new()),
            other => {
                let too_large = other.too_large();
                if !too_large.is_empty() {
                    // Each number placed as serde_json places the first; the value is still
                    // read below for its other mistakes (a catalog's other skills), where
                    // the numbers, named here, are passed over. An unknown key is named as
                    // unknown and left out.
                    let Some(message) = unknown_key::<D>(key) else {
                        for end in too_large {
                            found.push_with(|| {
                                let (line, column) = lines.after(text, end);
                                document.mistake(line, column, TOO_LARGE.to_owned())
                            });
                        }
                        rest.push((key.clone(), other.clone()));
                        continue;
                    };
                    found.push(outside(key, message));
                    continue;
                }
                other.clone()
            }
        };
        rest.push((key.clone(), value));
    }
    // Each key read on its own: each mistake is found and named by its key (and a list's by
    // its entry), and serde_json's first (the first in the document) keeps its place.
    let mut placed = false;
    key_by_key::<D>(&rest, |key, KeyMistake { said, named }| {
        if said == TOO_LARGE {
            return; // placed above
        }
        let at_first = !placed && stop == Some(key) && said == first;
        placed |= at_first;
        let (line, column) = if at_first {
            (e.line(), e.column())
        } else {
            (0, 0)
        };
        found.push(document.mistake(line, column, named));
    });
    for (key, value) in &entries {
        match (value, key.as_str()) {
            (Tree::List(list), "criteria") => {
                for (k, c) in list.iter().enumerate() {
                    criterion_errors(k, c, &mut found);
                }
            }
            // A criteria document has no participants: its unknown key is the one mistake.
            (Tree::List(list), "participants") if document == Document::Roster => {
                for (k, p) in list.iter().enumerate() {
                    participant_errors(k, p, &mut found);
                }
            }
            _ => {}
        }
    }
    if document == Document::Roster
        && let Some((spec, whole)) = what_reads(&entries)
    {
        // A mistake already named (a level out of range, found by both) is named once.
        check_across(&spec, whole, &mut found);
    }
    found.error().unwrap_or(json)
}

/// The roster as far as it reads, for the checks across it (an id given twice, a skill not in
/// the catalog, a choice naming nobody), and whether it is whole (nothing left out): a mistake
/// in one field should not hide them, or the coordinator mends one and meets the next.
///
/// A participant's field that does not read (an unknown one too) is left out as if not given,
/// and so is an entry of a map field (`skills`, `wishes`, `ratings`, `attributes`), an
/// unknown top-level key, a weight that does not read and a criterion that does not; of a
/// repeated key only the first value counts, left out if it does not read. A capacity left
/// out, or an unknown key that may be one misspelt, takes `min_partners` with it (the default
/// capacity, 1, could seem to be below it). A participant is never left out: the checks name
/// participants by their place (`#3`) and by their side (a choice of the same side), nor is a
/// catalog skill (see [`readable_skill`]). So where a participant or a catalog skill is not an
/// object, or its id (or a participant's side) does not read or is given twice, or
/// `participants` or `skills` is not a list, there is nothing sound to check and the answer is
/// `None`.
fn what_reads(entries: &[(String, Tree)]) -> Option<(RosterSpec, bool)> {
    let mut document = serde_json::Map::new();
    let mut whole = true;
    let mut seen = BTreeSet::new();
    for (key, value) in entries {
        if !seen.insert(key.as_str()) {
            // A key given twice (a mistake named above): its first value is read, and the
            // checks that look across the roster cannot tell which is meant.
            if key == "participants" || key == "skills" {
                return None;
            }
            whole = false;
            continue;
        }
        if unknown_key::<RosterSpec>(key).is_some() {
            // Named above, and nothing reads it; but it may be a key misspelt, whose value
            // the checks of weights and criteria would miss.
            whole = false;
            continue;
        }
        let value = match (key.as_str(), value) {
            ("participants", Tree::List(list)) => serde_json::Value::Array(
                list.iter()
                    .enumerate()
                    .map(|(k, p)| readable_participant(k, p, &mut whole))
                    .collect::<Option<_>>()?,
            ),
            ("participants", _) => return None,
            // Each criterion that reads, as if the others were not given: their own mistakes
            // are named above, and a roster's duplicate id should not wait for them.
            ("criteria", Tree::List(list)) => {
                let readable: Vec<serde_json::Value> = list
                    .iter()
                    .filter(|c| c.repeated_key().is_none() && read_as::<Criterion>(c).is_ok())
                    .map(Tree::to_value)
                    .collect();
                whole &= readable.len() == list.len();
                serde_json::Value::Array(readable)
            }
            ("skills", Tree::List(list)) => {
                serde_json::Value::Array(list.iter().map(readable_skill).collect::<Option<_>>()?)
            }
            ("skills", _) => return None,
            // A weight (or the criteria, not a list) that does not read is left out, as if not
            // given: each key has a default.
            (_, other) => {
                let alone = serde_json::Map::from_iter([(key.clone(), other.to_value())]);
                let reads = other.too_large().is_empty()
                    && other.repeated_key().is_none()
                    && RosterSpec::deserialize(serde_json::Value::Object(alone)).is_ok();
                if !reads {
                    whole = false;
                    continue;
                }
                other.to_value()
            }
        };
        document.insert(key.clone(), value);
    }
    let spec = RosterSpec::deserialize(serde_json::Value::Object(document)).ok()?;
    Some((spec, whole))
}

/// A catalog skill as far as its fields read (one that does not, an unknown one too, is left
/// out as if not given), or `None` when it is not an object or its id does not read or is
/// given twice: without the skill, each participant's skill of that name would seem not to be
/// in the catalog.
fn readable_skill(skill: &Tree) -> Option<serde_json::Value> {
    let Tree::Object(entries) = skill else {
        return None;
    };
    let ids = entries.iter().filter(|(key, _)| key == "id").count();
    let id = skill.get("id").filter(|_| ids == 1)?;
    let with_id = |key: &str, value: &Tree| {
        Tree::Object(vec![
            ("id".to_owned(), id.clone()),
            (key.to_owned(), value.clone()),
        ])
    };
    read_as::<SkillSpec>(&with_id("id", id)).ok()?;
    let mut fields = serde_json::Map::new();
    let mut seen = BTreeSet::new();
    for (key, value) in entries {
        // Of a repeated key the first value counts, left out if it does not read.
        if seen.insert(key.as_str()) && read_as::<SkillSpec>(&with_id(key, value)).is_ok() {
            fields.insert(key.clone(), value.to_value());
        }
    }
    Some(serde_json::Value::Object(fields))
}

/// Participant number `k` as far as its fields read (see [`what_reads`]), or `None` when it is
/// not an object or its id or side does not read or is given twice; `whole` is cleared when a
/// value is left out.
fn readable_participant(k: usize, p: &Tree, whole: &mut bool) -> Option<serde_json::Value> {
    let Tree::Object(entries) = p else {
        return None;
    };
    let participant = format!("#{k}");
    // Whether `value` reads as the field `key` (a level out of range reads: `Roster::new`'s
    // checks name it).
    let reads = |key: &str, value: &Tree| {
        field_errors(&participant, key, value)
            .iter()
            .all(|e| !matches!(e, Error::InvalidField { .. }))
    };
    let mut fields = serde_json::Map::new();
    let mut seen = BTreeSet::new();
    let mut capacity_unsure = false;
    for (key, value) in entries {
        if !seen.insert(key.as_str()) {
            if key == "id" || key == "side" {
                return None;
            }
            continue;
        }
        let value = match (key.as_str(), value) {
            ("skills" | "wishes" | "ratings" | "attributes", Tree::Object(map)) => {
                let mut kept = serde_json::Map::new();
                let mut seen_entries = BTreeSet::new();
                for (entry, v) in map {
                    if !seen_entries.insert(entry.as_str()) {
                        continue;
                    }
                    if reads(key, &Tree::Object(vec![(entry.clone(), v.clone())])) {
                        kept.insert(entry.clone(), v.to_value());
                    } else {
                        *whole = false;
                    }
                }
                serde_json::Value::Object(kept)
            }
            _ if reads(key, value) => value.to_value(),
            _ => {
                *whole = false;
                capacity_unsure |= key == "capacity" || !PARTICIPANT_FIELDS.contains(&key.as_str());
                continue;
            }
        };
        fields.insert(key.clone(), value);
    }
    if capacity_unsure {
        fields.remove("min_partners");
    }
    (fields.contains_key("id") && fields.contains_key("side"))
        .then_some(serde_json::Value::Object(fields))
}

/// A participant's fields, as the roster format names them.
const PARTICIPANT_FIELDS: [&str; 16] = [
    "id",
    "name",
    "side",
    "skills",
    "wishes",
    "department",
    "manager",
    "languages",
    "timezone",
    "experience_years",
    "capacity",
    "attributes",
    "choices",
    "ratings",
    "avoid",
    "min_partners",
];

/// What serde_json says of a number beyond `f64`, where it stands: the roster reader's words
/// for it, wherever it is.
const TOO_LARGE: &str = "number out of range";

/// The error of a `T` given `key`, when `T` has no such key (serde's `unknown field` words):
/// a key whose value cannot be read is still named when it is unknown.
fn unknown_key<T: DeserializeOwned>(key: &str) -> Option<String> {
    let alone = serde_json::Map::from_iter([(key.to_owned(), serde_json::Value::Null)]);
    T::deserialize(serde_json::Value::Object(alone))
        .err()
        .map(|e| e.to_string())
        .filter(|message| message.starts_with("unknown field"))
}

/// The documents read with the roster's reading of every mistake.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Document {
    /// A roster: participants and criteria.
    Roster,
    /// A criteria document ([`CriteriaSpec`](super::CriteriaSpec)): criteria and weights, no
    /// participants.
    Criteria,
}

impl Document {
    /// A mistake of the document outside its criteria and participants, named as the
    /// document's own ([`Error::Json`] or [`Error::CriteriaJson`]): a coordinator told
    /// "roster JSON" about their criteria file looks in the wrong file.
    fn mistake(self, line: usize, column: usize, message: String) -> Error {
        match self {
            Document::Roster => Error::Json {
                line,
                column,
                message,
            },
            Document::Criteria => Error::CriteriaJson {
                line,
                column,
                message,
            },
        }
    }
}

/// Records the mistakes of criterion number `k`, as written in the document: each repeated
/// key, each number beyond `f64` (by its key), and what else keeps it from being read, named by
/// the criterion's name (its `name`, else `field_relation` as written, else `#k`).
fn criterion_errors(k: usize, c: &Tree, found: &mut Mistakes) {
    let text = |key: &str| match c.get(key) {
        Some(Tree::Leaf(serde_json::Value::String(s))) if !s.is_empty() => Some(s.clone()),
        _ => None,
    };
    let criterion = text("name")
        .or_else(|| Some(format!("{}_{}", text("field")?, text("relation")?)))
        .unwrap_or_else(|| format!("#{k}"));
    let invalid = |message: String| Error::InvalidCriterion {
        criterion: criterion.clone(),
        message,
    };
    let Tree::Object(entries) = c else {
        found.push(invalid("a criterion must be a JSON object".to_owned()));
        return;
    };
    for key in strict::repeated(entries) {
        found.push(invalid(format!("duplicate field `{key}`")));
    }
    // A key holding a number beyond `f64` is named (an unknown one as unknown) and left out;
    // each other value is read on its own, a repeated key's every value too
    // ([`read_criterion_keys`]), and a key left out is not missing.
    let mut left_out: Vec<&str> = Vec::new();
    for (key, value) in entries {
        if !left_out.contains(&key.as_str()) && !value.too_large().is_empty() {
            left_out.push(key);
            found.push(invalid(
                unknown_key::<Criterion>(key).unwrap_or_else(|| format!("{TOO_LARGE} in `{key}`")),
            ));
        }
    }
    let rest = entries
        .iter()
        .filter(|(key, _)| !left_out.contains(&key.as_str()));
    for message in read_criterion_keys(rest) {
        found.push(invalid(message));
    }
    for (key, _) in CRITERION_STAND_INS {
        if !left_out.contains(&key) && entries.iter().all(|(k, _)| k != key) {
            found.push(invalid(format!("missing field `{key}`")));
        }
    }
}

/// A valid value for each key a criterion must have, read beside a key read on its own.
const CRITERION_STAND_INS: [(&str, &str); 3] = [
    ("field", "field"),
    ("relation", "same"),
    ("strength", "low"),
];

/// serde's words on each of a criterion's `entries` read on its own, beside valid stand-ins
/// for the keys a criterion must have: each message ends ``in `key` `` (an unknown key's names
/// it already), each once, in the order written. Read together, serde stops at the first
/// mistake, and a criterion with a wrong `relation` and a wrong `strength` would need two
/// mendings to hear of both.
fn read_criterion_keys<'a>(entries: impl Iterator<Item = &'a (String, Tree)>) -> Vec<String> {
    let mut messages = Vec::new();
    let mut seen = BTreeSet::new();
    for (key, value) in entries {
        let message = match unknown_key::<Criterion>(key) {
            Some(unknown) => unknown,
            None => {
                let mut alone: serde_json::Map<String, serde_json::Value> = CRITERION_STAND_INS
                    .iter()
                    .filter(|(stand_in, _)| stand_in != key)
                    .map(|&(k, v)| (k.to_owned(), serde_json::Value::from(v)))
                    .collect();
                alone.insert(key.clone(), value.to_value());
                match Criterion::deserialize(serde_json::Value::Object(alone)) {
                    Ok(_) => continue,
                    Err(e) => format!("{e} in `{key}`"),
                }
            }
        };
        if seen.insert(message.clone()) {
            messages.push(message);
        }
    }
    messages
}

/// Records every mistake of participant number `k`, as written in the document.
fn participant_errors(k: usize, p: &Tree, found: &mut Mistakes) {
    let participant = match p.get("id") {
        Some(Tree::Leaf(serde_json::Value::String(id))) if !id.is_empty() => id.clone(),
        _ => format!("#{k}"),
    };
    let invalid = |field: &str, message: String| Error::InvalidField {
        participant: participant.clone(),
        field: field.to_owned(),
        message,
    };
    let Tree::Object(entries) = p else {
        found.push(invalid(
            "(participant)",
            "a participant must be a JSON object".to_owned(),
        ));
        return;
    };
    let mut any = false;
    for required in ["id", "side"] {
        if p.get(required).is_none() {
            found.push(invalid(required, "missing".to_owned()));
            any = true;
        }
    }
    for key in strict::repeated(entries) {
        found.push(invalid(key, "given more than once".to_owned()));
        any = true;
    }
    // Every value given is checked, a repeated key's too (the first stays, as `get` finds it).
    for (key, value) in entries {
        for error in field_errors(&participant, key, value) {
            // An empty skill or a level out of range is a mistake of a value read: the
            // participant reads.
            any |= matches!(error, Error::InvalidField { .. });
            found.push(error);
        }
    }
    if !any && let Err(e) = ParticipantSpec::deserialize(p.to_value()) {
        // Not one of the mistakes above: report serde's own words for the participant.
        found.push(invalid("(participant)", e.to_string()));
    }
}

/// `value` read as a `T`, or why it cannot be: serde's words, or that it holds a number beyond
/// `f64`, or a whole number beyond 64 bits that `T` does not take (out of range as well, not
/// the float serde_json holds it as).
fn read_as<T: DeserializeOwned>(value: &Tree) -> std::result::Result<T, String> {
    if !value.too_large().is_empty() {
        return Err(TOO_LARGE.to_owned());
    }
    let value = value.to_value();
    T::deserialize(&value).map_err(|e| {
        if is_whole_beyond_64_bits(&value) {
            TOO_LARGE.to_owned()
        } else {
            e.to_string()
        }
    })
}

/// The mistakes of `value` as the field `key` of `participant`: each is an
/// [`Error::InvalidField`] naming `key` itself, or `key.entry` for an entry of a map
/// (`skills.sql`), except the mistakes [`level_error`] finds in an entry of `skills` or
/// `wishes` that reads (an empty skill, a level outside 1..=5), worded as
/// [`Roster::new`](super::Roster::new) words them.
fn field_errors(participant: &str, key: &str, value: &Tree) -> Vec<Error> {
    fn check<T: DeserializeOwned>(v: &Tree) -> Option<String> {
        read_as::<T>(v).err()
    }
    let whole = |message: Option<String>| -> Vec<Error> {
        message
            .map(|m| invalid_field(participant, key.to_owned(), m))
            .into_iter()
            .collect()
    };
    let level = |field: &'static str| {
        move |skill: &str, value: u8| level_error(participant, field, skill, value)
    };
    match key {
        "id" => whole(check::<String>(value)),
        "name" | "department" | "manager" => whole(check::<Option<String>>(value)),
        "side" => whole(check::<Side>(value)),
        "skills" => map_errors::<u8>(participant, key, value, level("skills")),
        "wishes" => map_errors::<u8>(participant, key, value, level("wishes")),
        "languages" => whole(check::<Vec<String>>(value)),
        "timezone" | "experience_years" => whole(check::<Option<f64>>(value)),
        "capacity" | "min_partners" => whole(check::<u32>(value)),
        "ratings" => map_errors(participant, key, value, |_, _: i8| None),
        "attributes" => map_errors(participant, key, value, |_, _: Attribute| None),
        "choices" | "avoid" => whole(check::<Vec<String>>(value)),
        _ => whole(Some(format!(
            "unknown field `{key}`, expected one of {}",
            PARTICIPANT_FIELDS.join(", ")
        ))),
    }
}

/// The mistakes of `value` as the map field `key` of `participant`: its repeated keys (each
/// once), then each entry that does not read as a `T`, named by its key, or that reads and in
/// which `also` finds a mistake, every occurrence of a repeated key checked; a value that is
/// not a map at all is one mistake of the field.
fn map_errors<T: DeserializeOwned>(
    participant: &str,
    key: &str,
    value: &Tree,
    also: impl Fn(&str, T) -> Option<Error>,
) -> Vec<Error> {
    let Tree::Object(entries) = value else {
        return read_as::<BTreeMap<String, T>>(value)
            .err()
            .map(|m| invalid_field(participant, key.to_owned(), m))
            .into_iter()
            .collect();
    };
    let mut errors: Vec<Error> = strict::repeated(entries)
        .into_iter()
        .map(|k| invalid_field(participant, key.to_owned(), format!("duplicate key `{k}`")))
        .collect();
    // Every entry given is checked, a repeated one's too.
    for (entry, v) in entries {
        match read_as::<T>(v) {
            Ok(read) => errors.extend(also(entry, read)),
            Err(message) => errors.push(invalid_field(
                participant,
                format!("{key}.{entry}"),
                message,
            )),
        }
    }
    errors
}

/// The [`Error::InvalidField`] of `participant`'s `field`.
fn invalid_field(participant: &str, field: String, message: String) -> Error {
    Error::InvalidField {
        participant: participant.to_owned(),
        field,
        message,
    }
}
