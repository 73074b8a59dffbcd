//! Integration tests of the roster model (`mentor_match::model`): reading the roster JSON,
//! validating a spec into a [`Roster`], and every validation error, each checked by variant,
//! fields and Display message.
//!
//! Also: empty and one-sided rosters, capacity 0, the JSON round trip of a [`RosterSpec`], the
//! example roster of the module docs, and that the public result types are `Send + Sync`.

use mentor_match::{
    Error, Matcher, Matching, ParticipantSpec, Reason, Roster, RosterSpec, Side, SkillSpec,
};
mod common;
use common::roster::{junior, senior, spec, teacher_and_learner};
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The error of reading and validating `json`, which must fail.
fn json_err(json: &str) -> Error {
    match Roster::from_json(json) {
        Ok(r) => panic!(
            "expected an error, got a roster of {} participants",
            r.len()
        ),
        Err(e) => e,
    }
}

/// The error of validating `spec`, which must fail.
fn spec_err(spec: RosterSpec) -> Error {
    match Roster::new(spec) {
        Ok(r) => panic!(
            "expected an error, got a roster of {} participants",
            r.len()
        ),
        Err(e) => e,
    }
}

/// The error of reading `json`, which must be an [`Error::InvalidField`] of `participant`'s
/// `field`: its message and its text.
#[track_caller]
fn invalid_field(json: &str, participant: &str, field: &str) -> (String, String) {
    let err = json_err(json);
    match &err {
        Error::InvalidField {
            participant: p,
            field: f,
            message,
        } if p == participant && f == field => (message.clone(), err.to_string()),
        _ => panic!("expected participant `{participant}`, field `{field}`: {err:?}"),
    }
}

/// Asserts that `err` matches the pattern (and its guard) and that its text is exactly `text`.
macro_rules! assert_error {
    ($err:ident, $pattern:pat $(if $guard:expr)?, $text:expr) => {{
        assert!(matches!($err, $pattern $(if $guard)?), "{:?}", $err);
        assert_eq!($err.to_string(), $text);
    }};
}

/// Asserts that `text` contains every one of `parts`.
#[track_caller]
fn assert_mentions(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(
            text.contains(part),
            "message {text:?} does not mention {part:?}"
        );
    }
}

/// The error of validating a spec of no participants and the catalog `skills`, each an id
/// and its parent.
fn catalog_err(skills: &[(&str, Option<&str>)]) -> Error {
    let mut spec = RosterSpec::new();
    for &(id, parent) in skills {
        spec = spec.with_skill(match parent {
            Some(parent) => SkillSpec::new(id).with_parent(parent),
            None => SkillSpec::new(id),
        });
    }
    spec_err(spec)
}

/// Asserts that `err` is an [`Error::InvalidNumber`] of `who`'s `what`, holding `given` (or
/// NaN for NaN), whose text mentions every one of `mentions`.
#[track_caller]
fn assert_invalid_number(err: &Error, (who, what, given): (&str, &str, f64), mentions: &[&str]) {
    assert!(
        matches!(*err, Error::InvalidNumber { ref participant, field, value, .. }
            if participant == who && field == what
                && (value == given || (value.is_nan() && given.is_nan()))),
        "{given}: {err:?}"
    );
    assert_mentions(&err.to_string(), mentions);
}

/// A one-participant roster spec.
fn one(p: ParticipantSpec) -> RosterSpec {
    spec([p])
}

/// A catalog of `a`, `b` (child of `a`) and `c`.
fn small_catalog() -> RosterSpec {
    RosterSpec::new()
        .with_skill(SkillSpec::new("a"))
        .with_skill(SkillSpec::new("b").with_parent("a"))
        .with_skill(SkillSpec::new("c"))
}

// ---------------------------------------------------------------------------------------------
// JSON: syntax and types
// ---------------------------------------------------------------------------------------------

#[test]
fn malformed_json_gives_line_and_column() {
    // Line 2 is `  {"id": "ola",}`: the `}` after the trailing comma is column 16.
    let err = json_err("{\"participants\": [\n  {\"id\": \"ola\",}]}");
    assert_error!(
        err,
        Error::Json { line: 2, column: 16, ref message } if message.contains("trailing comma"),
        "roster JSON, line 2 column 16: trailing comma"
    );
}

#[test]
fn malformed_json_on_line_three() {
    // An unterminated document: serde_json reports the end of input.
    let text = "{\n\"participants\": [\n{\"id\": \"ola\", \"side\": \"junior\"}";
    let err = json_err(text);
    // Line 3 is `{"id": "ola", "side": "junior"}`: 31 characters, EOF right after them.
    assert!(
        matches!(
            err,
            Error::Json {
                line: 3,
                column: 31,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("roster JSON, line 3 column 31: ")
    );
    // The position is carried in the fields, not repeated in the message.
    if let Error::Json { message, .. } = &err {
        assert!(!message.contains(" at line "), "{message:?}");
    }
}

#[test]
fn not_json_at_all() {
    let err = json_err("participants");
    assert!(
        matches!(
            err,
            Error::Json {
                line: 1,
                column: 1,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn wrong_top_level_type_is_json_error_with_position() {
    let err = json_err("{\"participants\": 5}");
    assert!(matches!(err, Error::Json { line: 1, .. }), "{err:?}");
    assert_mentions(&err.to_string(), &["roster JSON, line 1 column"]);
}

#[test]
fn unknown_top_level_field_is_json_error() {
    let err = json_err("{\"participant\": []}");
    assert!(
        matches!(err, Error::Json { line: 1, ref message, .. } if message.contains("participant")),
        "{err:?}"
    );
}

/// What a case of [`invalid_fields_name_participant_and_field`] asks of the error.
enum Expect {
    /// The text mentions every one of these.
    Mentions(&'static [&'static str]),
    /// The message contains the first; the text mentions every one of the rest.
    MessageAndMentions(&'static str, &'static [&'static str]),
    /// The text is exactly the second; the message too is exactly the first when given.
    Exactly(Option<&'static str>, &'static str),
}

#[test]
fn invalid_fields_name_participant_and_field() {
    use Expect::{Exactly, Mentions, MessageAndMentions};
    // (case, JSON, participant, field, what the error says)
    let cases = [
        (
            "level given as a string",
            r#"{"participants": [
            {"id": "ok", "side": "senior"},
            {"id": "ola", "side": "junior", "skills": {"cloud-tools": "5"}}]}"#,
            "ola",
            "skills.cloud-tools",
            Mentions(&["participant `ola`", "field `skills.cloud-tools`", "string"]),
        ),
        (
            "level 300 is not a u8",
            r#"{"participants": [{"id": "ola", "side": "junior", "wishes": {"negotiation": 300}}]}"#,
            "ola",
            "wishes.negotiation",
            Mentions(&["`ola`", "`wishes.negotiation`", "300"]),
        ),
        (
            "languages as a string",
            r#"{"participants": [{"id": "jan", "side": "senior", "languages": "pl"}]}"#,
            "jan",
            "languages",
            Mentions(&["participant `jan`", "field `languages`"]),
        ),
        (
            "unknown side",
            r#"{"participants": [{"id": "ola", "side": "mentor"}]}"#,
            "ola",
            "side",
            Mentions(&["participant `ola`", "field `side`", "mentor"]),
        ),
        (
            "unknown field is named",
            r#"{"participants": [{"id": "ola", "side": "junior", "wishs": {"negotiation": 4}}]}"#,
            "ola",
            "wishs",
            MessageAndMentions(
                "unknown field",
                &["participant `ola`", "field `wishs`", "wishes"],
            ),
        ),
        (
            "missing id",
            r#"{"participants": [{"id": "a", "side": "junior"}, {"side": "senior"}]}"#,
            "#1",
            "id",
            Exactly(Some("missing"), "participant `#1`, field `id`: missing"),
        ),
        (
            "missing side",
            r#"{"participants": [{"id": "ola"}]}"#,
            "ola",
            "side",
            Exactly(None, "participant `ola`, field `side`: missing"),
        ),
        (
            "participant not an object",
            r#"{"participants": [{"id": "ola", "side": "junior"}, "jan"]}"#,
            "#1",
            "(participant)",
            Mentions(&["participant `#1`", "JSON object"]),
        ),
    ];
    for (case, json, participant, field, expect) in cases {
        let err = match Roster::from_json(json) {
            Ok(r) => panic!(
                "{case}: expected an error, got a roster of {} participants",
                r.len()
            ),
            Err(e) => e,
        };
        let Error::InvalidField {
            participant: p,
            field: f,
            message,
        } = &err
        else {
            panic!("{case}: expected an invalid field: {err:?}");
        };
        assert_eq!(
            (p.as_str(), f.as_str()),
            (participant, field),
            "{case}: {err:?}"
        );
        let text = err.to_string();
        let mentions = |parts: &[&str]| {
            for part in parts {
                assert!(
                    text.contains(part),
                    "{case}: message {text:?} does not mention {part:?}"
                );
            }
        };
        match expect {
            Mentions(parts) => mentions(parts),
            MessageAndMentions(part, parts) => {
                assert!(message.contains(part), "{case}: {message}");
                mentions(parts);
            }
            Exactly(want_message, want_text) => {
                if let Some(want) = want_message {
                    assert_eq!(message, want, "{case}");
                }
                assert_eq!(text, want_text, "{case}");
            }
        }
    }
}

#[test]
fn other_wrong_types() {
    for (field, value) in [
        ("timezone", r#""+1""#),
        ("experience_years", "true"),
        ("capacity", "-1"),
        ("capacity", "1.5"),
        ("department", "3"),
        ("manager", "[]"),
        ("name", "{}"),
        ("id", "7"),
    ] {
        let text = format!(
            r#"{{"participants": [{{"side": "junior", "id": "ola", "{field}": {value}}}]}}"#
        );
        // A participant whose `id` is not a string has no readable id: `#0`.
        let text = if field == "id" {
            format!(r#"{{"participants": [{{"side": "junior", "id": {value}}}]}}"#)
        } else {
            text
        };
        let who = if field == "id" { "#0" } else { "ola" };
        let err = json_err(&text);
        assert!(
            matches!(err, Error::InvalidField { ref participant, field: ref f, .. }
                if participant == who && f == field),
            "{field} = {value}: {err:?}"
        );
        assert_mentions(
            &err.to_string(),
            &[&format!("participant `{who}`"), &format!("field `{field}`")],
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Validation: ids
// ---------------------------------------------------------------------------------------------

#[test]
fn empty_id_gives_index() {
    let err = json_err(
        r#"{"participants": [{"id": "ola", "side": "junior"}, {"id": "", "side": "senior"}]}"#,
    );
    assert_error!(
        err,
        Error::EmptyId { index: 1 },
        "participant #1 has an empty id"
    );
}

#[test]
fn duplicate_ids() {
    let spec = RosterSpec::new()
        .with_participant(junior("ola"))
        .with_participant(senior("jan"))
        .with_participant(junior("jan"));
    let err = spec_err(spec);
    assert_error!(
        err,
        Error::DuplicateParticipant { ref id } if id == "jan",
        "participant id `jan` appears more than once"
    );
}

// ---------------------------------------------------------------------------------------------
// Validation: levels, priorities and skills
// ---------------------------------------------------------------------------------------------

#[test]
fn skill_level_0_and_6_out_of_range() {
    for level in [0u8, 6, 255] {
        let err = spec_err(one(junior("ola")
            .with_skill("cloud-tools", 3)
            .with_skill("social-media", level)));
        assert_error!(
            err,
            Error::LevelOutOfRange { ref participant, field: "skills", ref skill, value }
                if participant == "ola" && skill == "social-media" && value == level,
            format!(
                "participant `ola`, field `skills`, skill `social-media`: {level} is outside 1..=5"
            )
        );
    }
}

#[test]
fn wish_priority_0_and_6_out_of_range() {
    for priority in [0u8, 6] {
        let err = json_err(&format!(
            r#"{{"participants": [{{"id": "jan", "side": "senior", "wishes": {{"ai-assistants": {priority}}}}}]}}"#
        ));
        assert!(
            matches!(err, Error::LevelOutOfRange { ref participant, field: "wishes", ref skill, value }
                if participant == "jan" && skill == "ai-assistants" && value == priority),
            "{err:?}"
        );
        assert_mentions(
            &err.to_string(),
            &[
                "participant `jan`",
                "field `wishes`",
                "skill `ai-assistants`",
            ],
        );
    }
}

#[test]
fn levels_1_to_5_are_valid() {
    let mut p = junior("ola");
    for level in 1..=5u8 {
        p = p
            .with_skill(format!("s{level}"), level)
            .with_wish(format!("w{level}"), level);
    }
    let roster = one(p).validate().unwrap();
    let ola = roster.find("ola").unwrap();
    for level in 1..=5u8 {
        assert_eq!(
            roster.level(ola, roster.skill(&format!("s{level}")).unwrap()),
            level
        );
    }
    assert_eq!(roster.wishes(ola).len(), 5);
}

#[test]
fn unknown_skill_with_catalog() {
    let spec = small_catalog()
        .with_participant(junior("ola").with_skill("a", 4))
        .with_participant(senior("jan").with_wish("zz", 2));
    let err = spec_err(spec);
    assert_error!(
        err,
        Error::UnknownSkill { ref participant, field: "wishes", ref skill }
            if participant == "jan" && skill == "zz",
        "participant `jan`, field `wishes`: skill `zz` is not in the skill catalog"
    );

    let spec = small_catalog().with_participant(junior("ola").with_skill("zz", 4));
    let err = spec_err(spec);
    assert!(
        matches!(err, Error::UnknownSkill { ref participant, field: "skills", ref skill }
            if participant == "ola" && skill == "zz"),
        "{err:?}"
    );
}

#[test]
fn skills_are_free_strings_without_catalog() {
    let roster = RosterSpec::new()
        .with_participant(
            junior("ola")
                .with_skill("anything at all", 3)
                .with_wish("Ünïcode ✓", 2),
        )
        .with_participant(senior("jan").with_skill("zz", 5))
        .validate()
        .unwrap();
    assert_eq!(roster.skill_count(), 3);
    // Interned in sorted (byte) order, whatever the input order.
    let id = |s| roster.skill(s).unwrap();
    assert!(id("anything at all") < id("zz"));
    assert!(id("zz") < id("Ünïcode ✓"));
    assert_eq!(roster.skill_name(id("Ünïcode ✓")), "Ünïcode ✓");
    assert!(roster.relatives(roster.skill("zz").unwrap()).is_empty());
}

#[test]
fn empty_skill_id_in_participant() {
    let err = spec_err(one(junior("ola").with_wish("", 3)));
    assert_error!(
        err,
        Error::EmptySkill { ref participant, field: "wishes" } if participant == "ola",
        "participant `ola`, field `wishes`: a skill id is empty"
    );

    let err = json_err(r#"{"participants": [{"id": "jan", "side": "senior", "skills": {"": 4}}]}"#);
    assert!(
        matches!(err, Error::EmptySkill { ref participant, field: "skills" } if participant == "jan"),
        "{err:?}"
    );
}

#[test]
fn empty_skill_id_in_catalog() {
    let err = spec_err(
        RosterSpec::new()
            .with_skill(SkillSpec::new("a"))
            .with_skill(SkillSpec::new("")),
    );
    assert!(
        matches!(err, Error::EmptySkill { ref participant, field: "skills" } if participant == "catalog"),
        "{err:?}"
    );
    assert_mentions(&err.to_string(), &["`catalog`", "empty"]);
}

// ---------------------------------------------------------------------------------------------
// Validation: the catalog
// ---------------------------------------------------------------------------------------------

#[test]
fn duplicate_catalog_skill() {
    let err = json_err(r#"{"skills": [{"id": "a"}, {"id": "b"}, {"id": "a", "category": "x"}]}"#);
    assert_error!(
        err,
        Error::DuplicateSkill { ref skill } if skill == "a",
        "skill `a` appears more than once in the skill catalog"
    );
}

#[test]
fn unknown_parent() {
    let err = catalog_err(&[("a", None), ("b", Some("nope"))]);
    assert_error!(
        err,
        Error::UnknownParentSkill { ref skill, ref parent } if skill == "b" && parent == "nope",
        "skill `b` has parent `nope`, which is not in the skill catalog"
    );
}

#[test]
fn parent_cycle_is_listed() {
    let err = json_err(
        r#"{"skills": [{"id": "a", "parent": "b"}, {"id": "b", "parent": "c"},
                      {"id": "c", "parent": "a"}]}"#,
    );
    assert_error!(
        err,
        Error::SkillCycle { ref cycle } if cycle == &["a", "b", "c", "a"],
        "the skill catalog has a parent cycle: a -> b -> c -> a"
    );
}

#[test]
fn parent_cycle_reached_from_outside_lists_only_the_cycle() {
    // x -> a -> b -> a: x leads into the cycle but is not on it.
    let err = catalog_err(&[("x", Some("a")), ("a", Some("b")), ("b", Some("a"))]);
    assert!(
        matches!(err, Error::SkillCycle { ref cycle } if cycle == &["a", "b", "a"]),
        "{err:?}"
    );
}

/// A long cycle (a generated or hostile catalog) keeps every skill in the error, but its
/// message shows the ends and how many lie between: one cycle of 100,000 skills was one line of
/// about a megabyte.
#[test]
fn a_long_parent_cycle_is_shown_by_its_ends() {
    let err = cycle_err("s", 100_000);
    let Error::SkillCycle { ref cycle } = err else {
        panic!("{err:?}")
    };
    assert_eq!(cycle.len(), 100_001);
    assert_eq!(
        err.to_string(),
        "the skill catalog has a parent cycle: s0 -> s1 -> s2 -> s3 -> s4 -> s5 -> ... 99989 \
         more ... -> s99995 -> s99996 -> s99997 -> s99998 -> s99999 -> s0"
    );
    // A cycle of 12 (13 names, the first repeated) is shown whole.
    let said = cycle_err("t", 12).to_string();
    assert!(said.ends_with("t10 -> t11 -> t0"), "{said}");
    assert!(!said.contains("more"), "{said}");
}

/// The error of a catalog of `n` skills `{prefix}0`, `{prefix}1`, …, each with the next as its
/// parent and the last with the first: one cycle through them all.
fn cycle_err(prefix: &str, n: usize) -> Error {
    let names: Vec<String> = (0..n).map(|k| format!("{prefix}{k}")).collect();
    let skills: Vec<(&str, Option<&str>)> = names
        .iter()
        .enumerate()
        .map(|(k, name)| (name.as_str(), Some(names[(k + 1) % n].as_str())))
        .collect();
    catalog_err(&skills)
}

#[test]
fn self_parent_is_a_cycle() {
    let err = catalog_err(&[("a", None), ("s", Some("s"))]);
    assert_error!(
        err,
        Error::SkillCycle { ref cycle } if cycle == &["s", "s"],
        "the skill catalog has a parent cycle: s -> s"
    );
}

#[test]
fn catalog_tree_is_valid_and_relatives_are_parent_and_children() {
    let roster = RosterSpec::new()
        .with_skill(SkillSpec::new("root"))
        .with_skill(SkillSpec::new("kid1").with_parent("root"))
        .with_skill(SkillSpec::new("kid2").with_parent("root"))
        .with_skill(SkillSpec::new("grandkid").with_parent("kid1"))
        .validate()
        .unwrap();
    let id = |s| roster.skill(s).unwrap();
    assert_eq!(roster.skill_count(), 4);
    assert_eq!(roster.relatives(id("root")), [id("kid1"), id("kid2")]);
    assert_eq!(roster.relatives(id("kid1")), [id("root"), id("grandkid")]);
    assert_eq!(roster.relatives(id("grandkid")), [id("kid1")]);
}

// ---------------------------------------------------------------------------------------------
// Validation: manager, numbers, capacity
// ---------------------------------------------------------------------------------------------

#[test]
fn own_manager() {
    let err = json_err(r#"{"participants": [{"id": "ewa", "side": "senior", "manager": "ewa"}]}"#);
    assert_error!(
        err,
        Error::OwnManager { ref participant } if participant == "ewa",
        "participant `ewa` names themself as their own manager"
    );
}

/// A blank department, manager or language is refused, each named: two blank departments
/// would otherwise be one department to the rules.
#[test]
fn empty_department_manager_and_language_are_named() {
    let err = json_err(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "department": "", "manager": "", "languages": ["pl", ""]},
            {"id": "jan", "side": "senior", "department": "Sales", "languages": [""]}]}"#,
    );
    let found: Vec<String> = err.all().iter().map(ToString::to_string).collect();
    assert_eq!(
        found,
        [
            "participant `ola`, field `department`: is empty: leave the field out when there is none",
            "participant `ola`, field `manager`: is empty: leave the field out when there is none",
            "participant `ola`, field `languages`: holds an empty language",
            "participant `jan`, field `languages`: holds an empty language",
        ]
    );
    // Built in Rust, the same.
    let spec = RosterSpec::new()
        .with_participant(ParticipantSpec::new("ola", Side::Junior).with_department(""));
    assert!(matches!(
        Roster::new(spec).unwrap_err(),
        Error::InvalidField { ref field, .. } if field == "department"
    ));
}

#[test]
fn manager_outside_the_roster_is_fine() {
    let roster = Roster::from_json(
        r#"{"participants": [{"id": "ola", "side": "junior", "manager": "somebody"},
                             {"id": "jan", "side": "senior", "manager": "ola"}]}"#,
    )
    .unwrap();
    assert_eq!(roster.manager(roster.find("ola").unwrap()), None);
    assert_eq!(
        roster.manager(roster.find("jan").unwrap()),
        roster.find("ola")
    );
}

#[test]
fn invalid_timezone() {
    for tz in [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        24.5,
        -25.0,
        1e300,
    ] {
        let err = spec_err(one(junior("ola").with_timezone(tz)));
        let mentions = ["participant `ola`", "field `timezone`", &tz.to_string()];
        assert_invalid_number(&err, ("ola", "timezone", tz), &mentions);
    }
    for tz in [-24.0, 0.0, 5.5, 24.0] {
        one(junior("ola").with_timezone(tz)).validate().unwrap();
    }
}

#[test]
fn invalid_experience_years() {
    for years in [-1.0, -1e-9, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let err = spec_err(one(senior("jan").with_experience_years(years)));
        let mentions = [
            "participant `jan`",
            "field `experience_years`",
            "at least 0",
        ];
        assert_invalid_number(&err, ("jan", "experience_years", years), &mentions);
    }
    for years in [0.0, 0.5, 40.0] {
        one(senior("jan").with_experience_years(years))
            .validate()
            .unwrap();
    }
}

#[test]
fn capacities_above_1_and_0_are_valid() {
    let roster = Roster::from_json(
        r#"{"participants": [{"id": "ola", "side": "junior", "capacity": 0},
                             {"id": "jan", "side": "senior", "capacity": 3}]}"#,
    )
    .unwrap();
    assert_eq!(roster.participant(roster.find("ola").unwrap()).capacity, 0);
    assert_eq!(roster.participant(roster.find("jan").unwrap()).capacity, 3);
}

#[test]
fn catalog_errors_come_before_participant_errors() {
    let spec = RosterSpec::new()
        .with_participant(junior(""))
        .with_skill(SkillSpec::new("a"))
        .with_skill(SkillSpec::new("a"));
    let err = spec_err(spec);
    assert_eq!(
        err.all(),
        [
            Error::DuplicateSkill { skill: "a".into() },
            Error::EmptyId { index: 0 }
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Valid rosters and the matcher on degenerate ones
// ---------------------------------------------------------------------------------------------

#[test]
fn empty_roster() {
    for text in [
        "{}",
        r#"{"participants": []}"#,
        r#"{"skills": [], "participants": []}"#,
    ] {
        let roster = Roster::from_json(text).unwrap();
        assert!(roster.is_empty());
        assert_eq!(roster.len(), 0);
        let m = Matcher::new().solve(&roster).unwrap();
        assert!(m.pairs().is_empty());
        assert!(m.unmatched().is_empty());
        assert_eq!(m.total_score(), 0.0);
    }
}

#[test]
fn one_sided_rosters() {
    for side in [Side::Junior, Side::Senior] {
        let roster = RosterSpec::new()
            .with_participant(
                ParticipantSpec::new("a", side)
                    .with_skill("x", 5)
                    .with_wish("y", 3),
            )
            .with_participant(
                ParticipantSpec::new("b", side)
                    .with_skill("y", 5)
                    .with_wish("x", 3),
            )
            .validate()
            .unwrap();
        let m = Matcher::new().solve(&roster).unwrap();
        assert!(m.pairs().is_empty());
        assert_eq!(m.total_score(), 0.0);
        let ids: Vec<&str> = m.unmatched().iter().map(|u| u.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        for u in m.unmatched() {
            assert_eq!(u.side, side);
            assert_eq!(u.reason, Reason::OtherSideEmpty { side: side.other() });
            assert_eq!(
                u.reason.to_string(),
                format!("nobody is available on the {} side", side.other())
            );
        }
    }
}

#[test]
fn capacity_zero_is_unavailable() {
    let roster = Roster::from_json(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "skills": {"x": 5}, "wishes": {"y": 5}, "capacity": 0},
            {"id": "kai", "side": "junior", "skills": {"x": 4}},
            {"id": "jan", "side": "senior", "skills": {"y": 5}, "wishes": {"x": 5}},
            {"id": "eva", "side": "senior", "wishes": {"x": 5}, "capacity": 0}]}"#,
    )
    .unwrap();
    let m = Matcher::new().solve(&roster).unwrap();
    assert_eq!(m.partner_of("kai"), Some("jan"));
    let unmatched: Vec<(&str, &Reason)> = m
        .unmatched()
        .iter()
        .map(|u| (u.id.as_str(), &u.reason))
        .collect();
    assert_eq!(
        unmatched,
        [("ola", &Reason::Unavailable), ("eva", &Reason::Unavailable)]
    );
    assert_eq!(
        Reason::Unavailable.to_string(),
        "not available this round (capacity 0)"
    );
    let scored = Matcher::new().score(&roster).unwrap();
    assert_eq!(scored.juniors(), [roster.find("kai").unwrap()]);
    assert_eq!(scored.seniors(), [roster.find("jan").unwrap()]);
}

#[test]
fn other_side_all_unavailable_is_other_side_empty() {
    let roster = teacher_and_learner("x", ("ola", 5), ("jan", 5, 0));
    let m = Matcher::new().solve(&roster).unwrap();
    assert!(m.pairs().is_empty());
    assert_eq!(m.unmatched()[0].id, "ola");
    assert_eq!(
        m.unmatched()[0].reason,
        Reason::OtherSideEmpty { side: Side::Senior }
    );
    assert_eq!(m.unmatched()[1].reason, Reason::Unavailable);
}

// ---------------------------------------------------------------------------------------------
// Round trips and the documented example
// ---------------------------------------------------------------------------------------------

/// A spec with every optional field set somewhere.
fn full_spec() -> RosterSpec {
    RosterSpec::new()
        .with_skill(SkillSpec::new("data-analytics").with_category("digital"))
        .with_skill(
            SkillSpec::new("spreadsheets")
                .with_category("digital")
                .with_parent("data-analytics"),
        )
        .with_skill(SkillSpec::new("negotiation"))
        .with_participant(
            junior("ola")
                .with_name("Ola Nowak")
                .with_skill("spreadsheets", 5)
                .with_wish("negotiation", 4)
                .with_department("Sales")
                .with_manager("ewa")
                .with_languages(["pl", "en"])
                .with_timezone(5.5)
                .with_experience_years(2.25),
        )
        .with_participant(
            senior("jan")
                .with_skill("negotiation", 5)
                .with_wish("data-analytics", 3)
                .with_experience_years(25.0)
                .with_timezone(-3.5),
        )
        .with_participant(senior("ewa").with_capacity(0))
}

#[test]
fn roster_spec_json_round_trip() {
    let spec = full_spec();
    let json = spec.to_json();
    let again = RosterSpec::from_json(&json).unwrap();
    assert_eq!(again, spec);
    // And again: the text is stable.
    assert_eq!(again.to_json(), json);
    // Defaults are omitted: capacity 1 and empty optional fields do not appear for jan.
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let jan = &value["participants"][1];
    assert!(jan.get("capacity").is_none());
    assert!(jan.get("languages").is_none());
    assert_eq!(value["participants"][2]["capacity"], 0);
}

#[test]
fn empty_spec_round_trip() {
    let spec = RosterSpec::new();
    assert_eq!(RosterSpec::from_json(&spec.to_json()).unwrap(), spec);
}

#[test]
fn roster_keeps_spec_unchanged() {
    let spec = full_spec();
    let roster = spec.validate().unwrap();
    assert_eq!(roster.spec(), &spec);
    let roster = Roster::new(spec.clone()).unwrap();
    assert_eq!(roster.spec(), &spec);
    let roster = Roster::from_json(&spec.to_json()).unwrap();
    assert_eq!(roster.spec(), &spec);
    for p in roster.participants() {
        assert_eq!(roster.participant(p), &spec.participants[p.index()]);
        assert_eq!(roster.id(p), spec.participants[p.index()].id);
        assert_eq!(roster.side(p), spec.participants[p.index()].side);
    }
}

#[test]
fn round_trip_keeps_float_bits() {
    // Found by the property below: the shortest representation of this number is printed by
    // `to_json`, but read back one unit in the last place off.
    let years = 123424.33042973401_f64;
    let spec = one(senior("p").with_experience_years(years));
    let again = RosterSpec::from_json(&spec.to_json()).unwrap();
    assert_eq!(
        again.participants[0].experience_years.map(f64::to_bits),
        Some(years.to_bits()),
        "{:?} came back as {:?}",
        years,
        again.participants[0].experience_years
    );
}

proptest! {
    #![proptest_config(common::config(256))]

    /// Any finite numbers survive the JSON round trip exactly.
    #[test]
    fn round_trip_keeps_numbers(
        tz in -24.0f64..=24.0,
        years in 0.0f64..1e6,
        level in 1u8..=5,
        capacity in 0u32..=1,
    ) {
        let spec = RosterSpec::new().with_participant(
            junior("p")
                .with_timezone(tz)
                .with_experience_years(years)
                .with_skill("s", level)
                .with_capacity(capacity),
        );
        let again = RosterSpec::from_json(&spec.to_json()).unwrap();
        prop_assert_eq!(again, spec);
    }
}

#[test]
fn module_doc_example_parses_and_validates() {
    let spec = RosterSpec::from_json(common::roster::MODULE_DOC_EXAMPLE).unwrap();
    assert_eq!(spec.skills.len(), 3);
    assert_eq!(spec.skills[1].parent.as_deref(), Some("data-analytics"));
    assert_eq!(spec.skills[2].category.as_deref(), Some("leadership"));
    let ola = &spec.participants[0];
    assert_eq!(ola.side, Side::Junior);
    assert_eq!(ola.manager.as_deref(), Some("ewa"));
    assert_eq!(ola.languages, ["pl", "en"]);
    assert_eq!(ola.experience_years, Some(2.0));
    assert_eq!(ola.capacity, 1);
    assert_eq!(ola.wishes["negotiation"], 4);

    let roster = spec.validate().unwrap();
    assert_eq!(roster.len(), 2);
    assert_eq!(roster.skill_count(), 3);
    let (o, j) = (roster.find("ola").unwrap(), roster.find("jan").unwrap());
    assert_eq!(roster.juniors(), [o]);
    assert_eq!(roster.seniors(), [j]);
    assert_eq!(roster.manager(o), None); // ewa is not in the roster
    assert_eq!(roster.same_department(o, j), Some(false));
    assert_eq!(roster.share_language(o, j), None); // jan lists none
    let (da, sp) = (
        roster.skill("data-analytics").unwrap(),
        roster.skill("spreadsheets").unwrap(),
    );
    assert_eq!(roster.relatives(da), [sp]);
    assert_eq!(roster.level(o, sp), 5);
    assert_eq!(roster.level(o, da), 0);

    let m = Matcher::new().solve(&roster).unwrap();
    assert_eq!(m.partner_of("ola"), Some("jan"));
    let pair = m.pair_of("jan").unwrap();
    assert_eq!(pair.senior_learns[0].skill, "data-analytics");
    assert_eq!(pair.senior_learns[0].via, "spreadsheets");
}

// ---------------------------------------------------------------------------------------------
// Thread safety
// ---------------------------------------------------------------------------------------------

/// Compile-time check: the public data types can cross threads.
const _: () = common::assert_send_sync!(Error, Roster, RosterSpec, Matching);

// ---------------------------------------------------------------------------------------------
// Strict reading: objects only, no key twice, numbers in range (issue 13)
// ---------------------------------------------------------------------------------------------

#[test]
fn arrays_are_not_read_as_rosters() {
    // serde's derived readers accept a struct as an array of its fields by position: `[]` was
    // an empty roster, and this one a roster of one junior.
    for text in [
        "[]",
        r#"[[], [{"id": "a", "side": "junior"}]]"#,
        r#"[[{"id": "x"}], []]"#,
    ] {
        let err = json_err(text);
        assert!(
            matches!(err, Error::Json { line: 1, ref message, .. }
                if message.starts_with("invalid type: sequence, expected a roster (a JSON object of participants)")),
            "{text}: {err:?}"
        );
    }
    // Nor as a participant (field by position) or a catalog skill.
    invalid_field(
        r#"{"participants": [["a", null, "junior"]]}"#,
        "#0",
        "(participant)",
    );
    let err = json_err(r#"{"skills": [["a"]], "participants": []}"#);
    assert!(
        matches!(err, Error::Json { ref message, .. } if message.contains("sequence")),
        "{err:?}"
    );
    // Other top-level types too.
    for text in ["3", "\"roster\"", "null", "true"] {
        assert!(matches!(json_err(text), Error::Json { .. }), "{text}");
    }
}

#[test]
fn a_skill_or_wish_given_twice_is_named() {
    let err = json_err(
        r#"{"participants": [{"id": "ola", "side": "junior", "skills": {"a": 3, "a": 5}}]}"#,
    );
    assert_eq!(
        err,
        Error::InvalidField {
            participant: "ola".into(),
            field: "skills".into(),
            message: "duplicate key `a`".into(),
        }
    );
    assert_eq!(
        err.to_string(),
        "participant `ola`, field `skills`: duplicate key `a`"
    );
    // Through `RosterSpec::from_json` and serde_json directly alike: never "last one wins".
    let text = r#"{"participants": [{"id": "jan", "side": "senior",
        "wishes": {"strategy": 1, "ai": 2, "strategy": 5}}]}"#;
    assert!(RosterSpec::from_json(text).is_err());
    assert!(serde_json::from_str::<RosterSpec>(text).is_err());
    assert!(
        serde_json::from_str::<ParticipantSpec>(
            r#"{"id": "a", "side": "junior", "skills": {"x": 1, "x": 1}}"#
        )
        .is_err()
    );
}

#[test]
fn a_field_given_twice_is_named() {
    let err = json_err(r#"{"participants": [{"id": "ola", "side": "junior", "side": "senior"}]}"#);
    assert_eq!(
        err,
        Error::InvalidField {
            participant: "ola".into(),
            field: "side".into(),
            message: "given more than once".into(),
        }
    );
    let err = json_err(r#"{"participants": [], "participants": [{"id": "a", "side": "junior"}]}"#);
    assert!(
        matches!(err, Error::Json { ref message, .. } if message == "duplicate field `participants`"),
        "{err:?}"
    );
    let err = json_err(r#"{"skills": [{"id": "a", "id": "b"}]}"#);
    assert!(
        matches!(err, Error::Json { ref message, .. } if message.contains("duplicate field `id`")),
        "{err:?}"
    );
}

#[test]
fn numbers_out_of_range_are_errors_not_infinity_or_wrapped() {
    // Too large for an f64: named by participant and field, as serde_json words it.
    for (field, value) in [("experience_years", "1e400"), ("timezone", "-1e400")] {
        let text = format!(
            "{{\"participants\": [\n{{\"id\": \"ola\", \"side\": \"junior\", \"{field}\": {value}}}]}}"
        );
        let err = json_err(&text);
        assert_eq!(
            err.to_string(),
            format!("participant `ola`, field `{field}`: number out of range")
        );
    }
    // Too large for the integer field: named by participant and field.
    for (field, value, expected) in [
        ("capacity", "4294967296", "u32"),
        ("capacity", "1e3", "u32"),
    ] {
        let text = format!(
            r#"{{"participants": [{{"id": "ola", "side": "junior", "{field}": {value}}}]}}"#
        );
        let err = json_err(&text);
        assert!(
            matches!(err, Error::InvalidField { ref participant, field: ref f, ref message }
                if participant == "ola" && f == field && message.contains(expected)),
            "{field} = {value}: {err:?}"
        );
    }
    let err =
        json_err(r#"{"participants": [{"id": "ola", "side": "junior", "skills": {"a": 256}}]}"#);
    assert!(
        matches!(err, Error::InvalidField { ref field, ref message, .. }
            if field == "skills.a" && message.contains("u8")),
        "{err:?}"
    );
    // A whole number beyond 64 bits, which serde_json holds as a float: out of range too, in
    // a level, a priority or a capacity, not "invalid type: floating point".
    for (field, value) in [
        ("skills", r#"{"x": 18446744073709551616}"#),
        ("wishes", r#"{"x": -9223372036854775809}"#),
        ("capacity", "18446744073709551616"),
    ] {
        let text = format!(
            r#"{{"participants": [{{"id": "ola", "side": "junior", "{field}": {value}}}]}}"#
        );
        let named = if field == "capacity" {
            field.to_owned()
        } else {
            format!("{field}.x")
        };
        assert_eq!(
            json_err(&text).to_string(),
            format!("participant `ola`, field `{named}`: number out of range")
        );
    }
    // A float stays a float, and a whole number within 64 bits an integer out of range.
    for (value, message) in [
        ("2.5", "invalid type: floating point `2.5`, expected u8"),
        (
            "18446744073709551615",
            "invalid value: integer `18446744073709551615`, expected u8",
        ),
    ] {
        let text = format!(
            r#"{{"participants": [{{"id": "ola", "side": "junior", "skills": {{"x": {value}}}}}]}}"#
        );
        assert_eq!(
            json_err(&text).to_string(),
            format!("participant `ola`, field `skills.x`: {message}")
        );
    }
    // Each entry of a map that does not read is named by its key, all of them.
    let err = json_err(
        r#"{"participants": [{"id": "ola", "side": "junior", "skills": {"a": -1, "b": 3, "c": "x"},
            "wishes": {"d": 256}, "ratings": {"jan": 9000}}]}"#,
    );
    let fields: Vec<String> = err
        .all()
        .iter()
        .map(|e| match e {
            Error::InvalidField {
                participant, field, ..
            } if participant == "ola" => field.clone(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        fields,
        ["skills.a", "skills.c", "wishes.d", "ratings.jan"],
        "{err}"
    );
    // A map that is not a map is one mistake of its field.
    let err = json_err(r#"{"participants": [{"id": "ola", "side": "junior", "skills": [3]}]}"#);
    assert!(
        matches!(err, Error::InvalidField { ref field, .. } if field == "skills"),
        "{err:?}"
    );
    // The largest capacity is accepted as it is.
    let roster = Roster::from_json(
        r#"{"participants": [{"id": "ola", "side": "junior", "capacity": 4294967295}]}"#,
    )
    .unwrap();
    assert_eq!(
        roster.participant(roster.find("ola").unwrap()).capacity,
        u32::MAX
    );
}

/// A number beyond `f64` stops serde_json, but not the reader: it is named where it stands,
/// at its line and column outside the participants, and every other mistake is listed too.
#[test]
fn a_number_beyond_f64_does_not_hide_the_other_mistakes() {
    let text = r#"{"benefit_weight": 1e400,
        "participants": [
          {"id": "ola", "side": "junior", "timezone": 1e400, "capacity": "two",
           "skills": {"sql": -1e400, "ai": 7}},
          {"id": "jan", "side": "mentor", "attributes": {"age": [1e400]}, "wishs": 1e400}],
        "criteria": [{"field": "age", "relation": "closest", "scale": 1e400, "strength": "urgent"}],
        "choice_weight": 1e400, "participant": -1e400}"#;
    let err = json_err(text);
    // Where serde_json stops on each number: past its last byte.
    let end_of = |line: usize, number: &str| {
        let column = text.lines().nth(line - 1).unwrap().find(number).unwrap() + number.len();
        (line, column)
    };
    let field = |participant: &str, field: &str, message: &str| Error::InvalidField {
        participant: participant.into(),
        field: field.into(),
        message: message.into(),
    };
    let criterion = |message: &str| Error::InvalidCriterion {
        criterion: "age_closest".into(),
        message: message.into(),
    };
    let all = err.all();
    let json = |k: usize| match &all[k] {
        Error::Json {
            line,
            column,
            message,
        } => ((*line, *column), message.as_str()),
        other => panic!("{other:?}"),
    };
    assert_eq!(all.len(), 12, "{err}");
    assert_eq!(json(0), (end_of(1, "1e400"), "number out of range"));
    assert_eq!(json(1), (end_of(7, "1e400"), "number out of range"));
    // An unknown key is named as unknown, whatever its value.
    assert!(
        json(2).1.starts_with("unknown field `participant`"),
        "{err}"
    );
    assert_eq!(all[3], field("ola", "timezone", "number out of range"));
    assert!(matches!(&all[4], Error::InvalidField { field, .. } if field == "capacity"));
    assert_eq!(all[5], field("ola", "skills.sql", "number out of range"));
    assert_eq!(
        all[6],
        Error::LevelOutOfRange {
            participant: "ola".into(),
            field: "skills",
            skill: "ai".into(),
            value: 7,
        }
    );
    assert!(matches!(&all[7], Error::InvalidField { field, .. } if field == "side"));
    assert_eq!(
        all[8],
        field("jan", "attributes.age", "number out of range")
    );
    assert!(
        matches!(&all[9], Error::InvalidField { field, message, .. }
            if field == "wishs" && message.starts_with("unknown field `wishs`")),
        "{err}"
    );
    assert_eq!(all[10], criterion("number out of range in `scale`"));
    assert!(
        matches!(&all[11], Error::InvalidCriterion { criterion, message }
            if criterion == "age_closest" && message.contains("\"urgent\"")),
        "{err}"
    );
    // Alone, the number is the one mistake, placed where serde_json stops on it.
    let err = json_err("{\"participants\": [],\n \"choice_weight\": -1e400}");
    assert_eq!(
        err.to_string(),
        "roster JSON, line 2 column 24: number out of range"
    );
    // Syntax at fault after it: nothing more can be read, the number is the one mistake.
    let err = json_err(r#"{"choice_weight": 1e400, "participants": [{"id": "ola",}]}"#);
    assert_eq!(
        err.to_string(),
        "roster JSON, line 1 column 23: number out of range"
    );
}

/// Every entry of a participant's `skills` or `wishes` is checked: one that does not read
/// does not keep the others' levels from being checked, in the words of `Roster::new`.
#[test]
fn every_bad_entry_of_a_skill_map_is_named() {
    let err = json_err(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "skills": {"x": 6, "z": -1},
             "wishes": {"a": 0, "b": 3, "c": "high"}},
            {"id": "jan", "side": "senior", "capacity": "two", "skills": {"sql": 9}}]}"#,
    );
    let level =
        |participant: &str, field: &'static str, skill: &str, value: u8| Error::LevelOutOfRange {
            participant: participant.into(),
            field,
            skill: skill.into(),
            value,
        };
    let all = err.all();
    assert_eq!(all.len(), 6, "{err}");
    assert_eq!(all[0], level("ola", "skills", "x", 6));
    assert!(
        matches!(&all[1], Error::InvalidField { participant, field, message }
            if participant == "ola" && field == "skills.z" && message.contains("u8")),
        "{err}"
    );
    assert_eq!(all[2], level("ola", "wishes", "a", 0));
    assert!(matches!(&all[3], Error::InvalidField { field, .. } if field == "wishes.c"));
    assert!(matches!(&all[4], Error::InvalidField { field, .. } if field == "capacity"));
    assert_eq!(all[5], level("jan", "skills", "sql", 9));
    assert_eq!(
        all[0].to_string(),
        "participant `ola`, field `skills`, skill `x`: 6 is outside 1..=5"
    );
}

#[test]
fn every_participant_that_cannot_be_read_is_listed() {
    let err = json_err(
        r#"{"participants": [
            {"id": "ola", "side": "junior", "capacity": "two"},
            {"id": "kai", "side": "junior"},
            {"id": "jan", "side": "mentor", "languages": "en", "wishs": {}},
            "eva",
            {"side": "senior", "skills": {"a": 1, "a": 2}}]}"#,
    );
    let found: Vec<(String, String)> = err
        .all()
        .iter()
        .map(|e| match e {
            Error::InvalidField {
                participant, field, ..
            } => (participant.clone(), field.clone()),
            other => panic!("expected a field error, got {other:?}"),
        })
        .collect();
    let expected = [
        ("ola", "capacity"),
        ("jan", "side"),
        ("jan", "languages"),
        ("jan", "wishs"),
        ("#3", "(participant)"),
        ("#4", "id"),
        ("#4", "skills"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(p, f)| (p.to_string(), f.to_string()))
        .collect();
    assert_eq!(found, expected);
    let text = err.to_string();
    assert!(
        text.starts_with("7 mistakes found:\n- participant `ola`, field `capacity`: "),
        "{text}"
    );
    assert_eq!(text.lines().count(), 8, "{text}");
}

#[test]
fn mistakes_outside_and_inside_the_participants_are_listed_together() {
    let err = json_err(r#"{"participant": [], "participants": [{"id": "ola", "side": "mentor"}]}"#);
    let all = err.all();
    assert_eq!(all.len(), 2, "{err:?}");
    assert!(
        matches!(&all[0], Error::Json { line: 1, message, .. } if message.starts_with("unknown field `participant`")),
        "{err:?}"
    );
    assert!(matches!(&all[1], Error::InvalidField { field, .. } if field == "side"));
}

#[test]
fn a_roster_with_many_mistakes_lists_each_by_participant_and_field() {
    let spec = RosterSpec::new()
        .with_skill(SkillSpec::new("sql"))
        .with_skill(SkillSpec::new("strategy"))
        .with_participant(junior("").with_skill("sql", 3))
        .with_participant(junior("ola").with_skill("sql", 9).with_wish("cooking", 2))
        .with_participant(senior("jan").with_timezone(f64::NAN))
        .with_participant(senior("ola").with_timezone(25.0))
        .with_participant(
            senior("eva")
                .with_manager("eva")
                .with_experience_years(-1.0),
        );
    let err = spec_err(spec);
    let expected = [
        Error::EmptyId { index: 0 },
        Error::LevelOutOfRange {
            participant: "ola".into(),
            field: "skills",
            skill: "sql".into(),
            value: 9,
        },
        Error::UnknownSkill {
            participant: "ola".into(),
            field: "wishes",
            skill: "cooking".into(),
        },
        Error::DuplicateParticipant { id: "ola".into() },
        Error::InvalidNumber {
            participant: "ola".into(),
            field: "timezone",
            value: 25.0,
            expected: "a finite number of hours within -24..=24",
        },
        Error::OwnManager {
            participant: "eva".into(),
        },
        Error::InvalidNumber {
            participant: "eva".into(),
            field: "experience_years",
            value: -1.0,
            expected: "a finite number of years, at least 0",
        },
    ];
    // NaN is not equal to itself: jan's timezone is checked apart.
    let all = err.all();
    assert_eq!(all.len(), expected.len() + 1, "{err}");
    assert!(
        matches!(&all[3], Error::InvalidNumber { participant, field: "timezone", value, .. }
            if participant == "jan" && value.is_nan()),
        "{err}"
    );
    let rest: Vec<&Error> = all
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != 3)
        .map(|(_, e)| e)
        .collect();
    assert_eq!(rest, expected.iter().collect::<Vec<_>>());
    let text = err.to_string();
    assert!(
        text.starts_with("8 mistakes found:\n- participant #0 has an empty id\n"),
        "{text}"
    );
    assert!(
        text.contains("\n- participant `jan`, field `timezone`: NaN is not"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 9);
    assert!(matches!(err, Error::Multiple { more: 0, .. }));
}

#[test]
fn a_catalog_with_many_mistakes_lists_each() {
    let err = catalog_err(&[
        ("a", Some("b")),
        ("b", Some("a")),
        ("c", Some("c")),
        ("d", Some("nowhere")),
        ("d", None),
        ("d", None),
        ("", None),
    ]);
    assert_eq!(
        err.all(),
        [
            Error::DuplicateSkill { skill: "d".into() },
            Error::EmptySkill {
                participant: "catalog".into(),
                field: "skills"
            },
            Error::UnknownParentSkill {
                skill: "d".into(),
                parent: "nowhere".into()
            },
            Error::SkillCycle {
                cycle: vec!["a".into(), "b".into(), "a".into()]
            },
            Error::SkillCycle {
                cycle: vec!["c".into(), "c".into()]
            },
        ]
    );
}

#[test]
fn the_list_of_mistakes_is_capped() {
    let mut spec = RosterSpec::new();
    for _ in 0..150 {
        spec = spec.with_participant(junior(""));
    }
    let err = spec_err(spec);
    match &err {
        Error::Multiple { errors, more } => {
            assert_eq!(errors.len(), mentor_match::error::MAX_LISTED);
            assert_eq!(*more, 50);
            assert_eq!(errors[99], Error::EmptyId { index: 99 });
        }
        other => panic!("expected a list, got {other:?}"),
    }
    let text = err.to_string();
    assert!(text.starts_with("150 mistakes found:\n"));
    assert!(
        text.ends_with("\n- participant #99 has an empty id\n- and 50 more"),
        "{text}"
    );
}

#[test]
fn one_mistake_is_itself_not_a_list() {
    let err = spec_err(one(junior("ola").with_wish("x", 0)));
    assert!(
        matches!(err, Error::LevelOutOfRange { value: 0, .. }),
        "{err:?}"
    );
    assert_eq!(err.all(), std::slice::from_ref(&err));
}

#[test]
fn names_are_strings_only() {
    assert_eq!(
        serde_json::from_str::<Side>(r#""junior""#).unwrap(),
        Side::Junior
    );
    // serde's derived reader also took the object form of a name.
    for text in [r#"{"junior": null}"#, r#"["junior"]"#, "0"] {
        assert!(serde_json::from_str::<Side>(text).is_err(), "{text}");
        assert!(
            serde_json::from_str::<mentor_match::Objective>(text).is_err(),
            "{text}"
        );
        assert!(
            serde_json::from_str::<mentor_match::Method>(text).is_err(),
            "{text}"
        );
        assert!(
            serde_json::from_str::<mentor_match::Guarantee>(text).is_err(),
            "{text}"
        );
    }
    let err = serde_json::from_str::<Side>(r#""mentor""#).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("unknown variant `mentor`, expected `junior` or `senior`"),
        "{err}"
    );
    assert_eq!(
        serde_json::from_str::<mentor_match::Method>(r#""sparse""#).unwrap(),
        mentor_match::Method::Sparse
    );
    for guarantee in [
        mentor_match::Guarantee::CandidateGraph,
        mentor_match::Guarantee::EveryPair,
    ] {
        let name = serde_json::to_string(&guarantee).unwrap();
        assert_eq!(
            serde_json::from_str::<mentor_match::Guarantee>(&name).unwrap(),
            guarantee
        );
    }
    assert_eq!(
        serde_json::to_string(&mentor_match::Guarantee::EveryPair).unwrap(),
        r#""every_pair""#
    );
    let err = serde_json::from_str::<mentor_match::Guarantee>(r#""every-pair""#).unwrap_err();
    assert!(
        err.to_string().starts_with(
            "unknown variant `every-pair`, expected `candidate_graph` or `every_pair`"
        ),
        "{err}"
    );
    let err = json_err(r#"{"participants": [{"id": "ola", "side": {"junior": null}}]}"#);
    assert!(
        matches!(err, Error::InvalidField { ref field, .. } if field == "side"),
        "{err:?}"
    );
}

proptest! {
    #![proptest_config(common::config(200))]

    /// Whether two people share a language is what their lists say, however many languages
    /// the roster names: the first listed names 80, so that later ids run past the 63 the
    /// roster's bit sets hold and the lists themselves must be compared.
    #[test]
    fn share_language_is_the_lists_overlap_past_63_languages(
        lists in proptest::collection::vec(proptest::collection::btree_set(0usize..80, 0..5), 2..8),
    ) {
        let name = |l: usize| format!("l{l:02}");
        let mut spec = RosterSpec::new().with_participant(
            ParticipantSpec::new("everyone", Side::Senior).with_languages((0..80).map(name)),
        );
        for (k, list) in lists.iter().enumerate() {
            let side = if k % 2 == 0 { Side::Junior } else { Side::Senior };
            spec = spec.with_participant(
                ParticipantSpec::new(format!("p{k}"), side).with_languages(list.iter().map(|&l| name(l))),
            );
        }
        let roster = spec.validate().unwrap();
        for (a, x) in lists.iter().enumerate() {
            for (b, y) in lists.iter().enumerate() {
                let (pa, pb) = (
                    roster.find(&format!("p{a}")).unwrap(),
                    roster.find(&format!("p{b}")).unwrap(),
                );
                let expected = (!x.is_empty() && !y.is_empty()).then(|| x.intersection(y).next().is_some());
                prop_assert_eq!(roster.share_language(pa, pb), expected, "{:?} and {:?}", x, y);
            }
        }
    }
}

/// A skill id from a roster with more skills is refused by a smaller roster's `level` with a
/// panic, as an out-of-range index is, and never read as another participant's level.
#[test]
fn a_skill_from_a_larger_roster_is_not_read_as_another_participant_s_level() {
    let small = RosterSpec::new()
        .with_participant(ParticipantSpec::new("ola", Side::Junior).with_skill("sql", 1))
        .with_participant(ParticipantSpec::new("kai", Side::Junior).with_skill("sql", 5))
        .validate()
        .unwrap();
    let large = RosterSpec::new()
        .with_participant(
            ParticipantSpec::new("eva", Side::Senior)
                .with_skill("cloud-tools", 2)
                .with_skill("sql", 3),
        )
        .validate()
        .unwrap();
    let foreign = large.skill("sql").unwrap();
    assert_eq!(foreign.index(), 1);
    let ola = small.find("ola").unwrap();
    let read = std::panic::catch_unwind(|| small.level(ola, foreign));
    assert!(read.is_err(), "read {read:?}, which is kai's level");
}

/// A leading byte-order mark, as spreadsheet and Windows tools write it, is dropped by every
/// reader; a mistake after it is placed as an editor shows it (the mark hidden).
#[test]
fn every_reader_drops_a_leading_byte_order_mark() {
    use mentor_match::formats::Instance;
    use mentor_match::model::CriteriaSpec;
    use mentor_match::programme::ProgrammeSpec;
    let roster = "\u{feff}{\"participants\": [{\"id\": \"ola\", \"side\": \"junior\"}]}";
    assert_eq!(Roster::from_json(roster).unwrap().len(), 1);
    assert_eq!(
        Roster::from_csv("\u{feff}id,side\nola,junior\n")
            .unwrap()
            .len(),
        1
    );
    let criteria = "\u{feff}{\"benefit_weight\": 4}";
    assert_eq!(
        CriteriaSpec::from_json(criteria).unwrap().benefit_weight,
        Some(4.0)
    );
    let instance = "\u{feff}{\"junior_gain\": [[1]], \"senior_gain\": [[1]]}";
    assert_eq!(Instance::from_json(instance).unwrap().scores().juniors(), 1);
    assert!(ProgrammeSpec::from_json("\u{feff}{}").is_ok());
    // Only a leading mark: one inside the text is a mistake like any other character.
    assert!(Roster::from_json("{}\u{feff}").is_err());
    match json_err("\u{feff}{\"participants\": 3}") {
        Error::Json { line, column, .. } => assert_eq!((line, column), (1, 18)),
        other => panic!("{other:?}"),
    }
}

/// Every value of a repeated key is checked, whichever occurrence it is: a bad value is named
/// first or last, in a skill map and in a participant's own fields, and the repeat once.
#[test]
fn every_value_of_a_repeated_key_is_checked() {
    let roster = |p: &str| format!(r#"{{"participants": [{{"id": "ola", {p}}}]}}"#);
    for skills in [
        r#"{"sql": 3, "sql": 9}"#,
        r#"{"sql": 9, "sql": 3, "sql": 9}"#,
    ] {
        let err = json_err(&roster(&format!(r#""side": "junior", "skills": {skills}"#)));
        assert_eq!(
            err.all(),
            [
                Error::InvalidField {
                    participant: "ola".into(),
                    field: "skills".into(),
                    message: "duplicate key `sql`".into(),
                },
                Error::LevelOutOfRange {
                    participant: "ola".into(),
                    field: "skills",
                    skill: "sql".into(),
                    value: 9,
                },
            ],
            "{skills}: {err}"
        );
    }
    for sides in [
        r#""side": "junior", "side": "mentor""#,
        r#""side": "mentor", "side": "junior""#,
    ] {
        let err = json_err(&roster(sides));
        let side: Vec<&str> = err
            .all()
            .iter()
            .map(|e| match e {
                Error::InvalidField { field, message, .. } if field == "side" => message.as_str(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(side.len(), 2, "{sides}: {err}");
        assert_eq!(side[0], "given more than once");
        assert!(side[1].contains("unknown variant `mentor`"), "{err}");
    }
}

/// An empty skill is an `EmptySkill` whatever its level, whether the roster is checked
/// (nothing else wrong) or the document's every mistake is listed (something else wrong).
#[test]
fn an_empty_skill_is_named_alongside_other_mistakes() {
    let text = |other: &str| {
        format!(
            r#"{{"participants": [
            {{"id": "ola", "side": "junior", "skills": {{"": 9}}, "wishes": {{"": 0, "ai": 7}}}},
            {{"id": "jan", "side": "senior"{other}}}]}}"#
        )
    };
    let empty = |field| Error::EmptySkill {
        participant: "ola".into(),
        field,
    };
    let ai = Error::LevelOutOfRange {
        participant: "ola".into(),
        field: "wishes",
        skill: "ai".into(),
        value: 7,
    };
    // Read, then checked by `Roster::new`.
    let err = json_err(&text(""));
    assert_eq!(
        err.all(),
        [empty("skills"), empty("wishes"), ai.clone()],
        "{err}"
    );
    // Not read (jan's capacity): the same mistakes of ola, with jan's.
    let err = json_err(&text(r#", "capacity": "two""#));
    assert_eq!(err.all().len(), 4, "{err}");
    assert_eq!(
        err.all()[..3],
        [empty("skills"), empty("wishes"), ai],
        "{err}"
    );
    assert!(
        matches!(&err.all()[3], Error::InvalidField { participant, field, .. }
            if participant == "jan" && field == "capacity"),
        "{err}"
    );
}

/// Each mistake of `json`'s error, as its text.
fn mistakes(json: &str) -> Vec<String> {
    json_err(json)
        .all()
        .iter()
        .map(ToString::to_string)
        .collect()
}

/// A field that does not read does not hide the checks across the roster: the list is the
/// fields' mistakes, then exactly what `Roster::new` finds once those fields are mended (here,
/// left out), each once.
#[test]
fn a_field_that_does_not_read_hides_no_check_across_the_roster() {
    let with = |bad: &[&str; 5]| {
        format!(
            r#"{{"skills": [{{"id": "sql"}}, {{"id": "ai"}}],
            "participants": [
            {{"id": "ola", "side": "junior", {}"skills": {{"sql": 9{}}}}},
            {{"id": "kai", "side": "junior"{}, "choices": ["jan", "zed"]}},
            {{"id": "kai", "side": "senior", "skills": {{"cobol": 3}}{}}},
            {{"id": "jan", "side": "senior", "ratings": {{"ola": 9}}{}}}]}}"#,
            bad[0], bad[1], bad[2], bad[3], bad[4]
        )
    };
    let faulty = with(&[
        r#""timezone": "CET", "#,
        r#", "ai": "high""#,
        r#", "capacity": -1"#,
        r#", "wishes": {"sql": "x"}"#,
        r#", "departement": "it""#,
    ]);
    let mended = with(&[r#""timezone": 1, "#, "", "", "", ""]);
    let fields = [
        "participant `ola`, field `timezone`: invalid type: string \"CET\", expected f64",
        "participant `ola`, field `skills`, skill `sql`: 9 is outside 1..=5",
        "participant `ola`, field `skills.ai`: invalid type: string \"high\", expected u8",
        "participant `kai`, field `capacity`: invalid value: integer `-1`, expected u32",
        "participant `kai`, field `wishes.sql`: invalid type: string \"x\", expected u8",
    ];
    let found = mistakes(&faulty);
    assert_eq!(found[..5], fields, "{found:#?}");
    // The unknown field's words are serde's, with the list of fields: named by its start.
    assert!(
        found[5].starts_with("participant `jan`, field `departement`: unknown field"),
        "{found:#?}"
    );
    // Then what the mended roster's validation finds, but `ola`'s level 9 (it reads, and
    // both name it) once.
    let across = mistakes(&mended);
    let unlisted: Vec<&String> = across.iter().filter(|m| !found[..6].contains(m)).collect();
    assert_eq!(
        found[6..].iter().collect::<Vec<_>>(),
        unlisted,
        "{found:#?}"
    );
    assert_eq!(across.len(), unlisted.len() + 1, "{across:#?}");
    for expected in [
        "participant id `kai` appears more than once",
        "participant `kai`, field `skills`: skill `cobol` is not in the skill catalog",
        "participant `kai`, field `choices`: `zed` is not in the roster",
        "participant `jan`, field `ratings`: the rating of `ola`, 9, is outside -5..=5",
    ] {
        assert!(
            unlisted.iter().any(|m| *m == expected),
            "{expected}: {across:#?}"
        );
    }
}

/// What is left out makes no mistake of its own: a capacity that does not read takes its
/// minimum with it (the default capacity, 1, is below 2), and an attribute that does not read
/// does not make a criterion's field one that nobody gives.
#[test]
fn what_does_not_read_makes_no_mistake_of_its_own() {
    let found = mistakes(
        r#"{"criteria": [{"field": "team", "relation": "same", "strength": 1}],
        "participants": [
        {"id": "ola", "side": "junior", "capacity": "3", "min_partners": 2},
        {"id": "jan", "side": "senior", "attributes": {"team": [1]}},
        {"id": "jan", "side": "senior"}]}"#,
    );
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(
        found[0].starts_with("participant `ola`, field `capacity`:"),
        "{found:#?}"
    );
    assert!(
        found[1].starts_with("participant `jan`, field `attributes.team`:"),
        "{found:#?}"
    );
    assert_eq!(found[2], "participant id `jan` appears more than once");
}

/// The review's cases of a mistake the document does not have: a value left out changes the
/// kind most participants give a `same` criterion's field (the vote would name `b`); a
/// misspelt top-level key leaves the criteria without participants; a misspelt capacity would
/// leave a minimum above the default capacity; a repeated id whose first value does not read
/// would name the participant by the second.
#[test]
fn nothing_left_out_makes_a_mistake_of_its_own() {
    let found = mistakes(
        r#"{"criteria": [{"field": "team", "relation": "same", "strength": 1}],
        "participants": [
        {"id": "a", "side": "junior", "attributes": {"team": "x"}},
        {"id": "b", "side": "junior", "attributes": {"team": 3}},
        {"id": "c", "side": "senior", "attributes": {"team": 1e400}},
        {"id": "d", "side": "senior", "capacty": 3, "min_partners": 2}]}"#,
    );
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].starts_with("participant `c`, field `attributes.team`:"),
        "{found:#?}"
    );
    assert!(
        found[1].starts_with("participant `d`, field `capacty`: unknown"),
        "{found:#?}"
    );
    let found = mistakes(
        r#"{"criteria": [{"field": "team", "relation": "same", "strength": 1}],
        "participant": [{"id": "a", "side": "junior", "attributes": {"team": "x"}}]}"#,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].contains("unknown field `participant`"),
        "{found:#?}"
    );
    let found = mistakes(
        r#"{"participants": [
        {"id": 7, "id": "ola", "side": "junior", "choices": ["zed"]},
        {"id": "kai", "side": "senior"}]}"#,
    );
    assert!(found.iter().all(|m| !m.contains("zed")), "{found:#?}");
}

/// With a value left out, the checks that need nothing left out still run: a criterion's own
/// mistakes (its parameters, a name given twice or reserved) and the options' ranges are named
/// with the field's, as the mended roster names them, not once the field is mended.
#[test]
fn a_value_left_out_hides_no_criterion_or_option_of_its_own() {
    let with = |timezone: &str| {
        format!(
            r#"{{"benefit_weight": -1, "top_choice_guarantee": 0,
            "criteria": [
            {{"field": "team", "relation": "closest", "strength": 1}},
            {{"name": "avoid", "field": "department", "relation": "same", "strength": 1}},
            {{"field": "team", "relation": "closest", "scale": 2, "strength": 1}}],
            "participants": [
            {{"id": "ola", "side": "junior", "timezone": {timezone}, "attributes": {{"team": 1}}}},
            {{"id": "jan", "side": "senior", "attributes": {{"team": 2}}}}]}}"#
        )
    };
    let found = mistakes(&with(r#""CET""#));
    let mended = mistakes(&with("1"));
    assert!(
        found[0].starts_with("participant `ola`, field `timezone`: invalid type"),
        "{found:#?}"
    );
    let own = [
        "option `top_choice_guarantee`: 0 is not at least 1 choice",
        "option `benefit_weight`: -1 is not a number from 0 to 1e9",
        "criterion `team_closest`: `closest` needs a `scale`",
        "criterion `avoid`: `avoid` names an exclusion of its own (avoid lists, the top-choice \
         guarantee): choose another name",
        "criterion `team_closest`: another criterion has the same name",
    ];
    assert_eq!(found[1..], own, "{found:#?}");
    // The mended roster names the same, in the same order, among the rest of its checks.
    let in_mended: Vec<&String> = mended
        .iter()
        .filter(|m| own.contains(&m.as_str()))
        .collect();
    assert_eq!(in_mended, own.iter().collect::<Vec<_>>(), "{mended:#?}");
}

/// Where a participant's id or side does not read, the checks across the roster have nothing
/// sound to run on (a choice of the same side, a place): the fields' mistakes alone.
#[test]
fn without_every_id_and_side_only_the_fields_are_named() {
    let found = mistakes(
        r#"{"participants": [
        {"id": "ola", "side": "mentor"},
        {"id": "kai", "side": "junior", "choices": ["zed"]},
        {"id": "kai", "side": "senior"}]}"#,
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(
        found[0].starts_with("participant `ola`, field `side`:"),
        "{found:#?}"
    );
}

/// Every mistake among a roster's own keys is found, each named by its key (read together,
/// serde stops at the first, and the others have no place in the file to go by).
#[test]
fn every_top_level_mistake_is_named_by_its_key() {
    let err = json_err(
        r#"{"benefit_weight": "high", "choice_weight": [1], "top_choice_guarantee": -1,
            "participants": []}"#,
    );
    let said: Vec<String> = err.all().iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        [
            "roster JSON, line 1 column 25: invalid type: string \"high\", expected f64 in \
             `benefit_weight`",
            "roster JSON: invalid type: sequence, expected f64 in `choice_weight`",
            "roster JSON: invalid value: integer `-1`, expected u32 in `top_choice_guarantee`",
        ]
    );
}

/// A top-level weight or a criterion that does not read does not hide the mistakes across
/// the roster (an id given twice, a skill not in the catalog): they are named with it, and
/// the options that read are still checked.
#[test]
fn a_weight_or_criterion_that_does_not_read_hides_no_mistake_across_the_roster() {
    let twice = r#"{"id": "a", "side": "junior"}, {"id": "a", "side": "senior"}"#;
    for rest in [
        r#""benefit_weight": "x""#,
        r#""criteria": [{"field": "x", "relation": "samee", "strength": "low"}]"#,
        r#""criteria": 3"#,
        r#""top_choice_guarantee": -1"#,
    ] {
        let err = json_err(&format!(r#"{{"participants": [{twice}], {rest}}}"#));
        let all = err.all();
        assert_eq!(all.len(), 2, "{rest}: {err}");
        assert!(
            all.iter()
                .any(|e| matches!(e, Error::DuplicateParticipant { id } if id == "a")),
            "{rest}: {err}"
        );
    }
    // An option out of range is named beside a weight that does not read.
    let err = json_err(r#"{"participants": [], "benefit_weight": "x", "choice_weight": -1}"#);
    let said = err.to_string();
    assert_eq!(err.all().len(), 2, "{said}");
    assert!(said.contains("choice_weight"), "{said}");
    // A criterion that reads is still checked on its own beside one that does not.
    let err = json_err(
        r#"{"participants": [], "criteria": [
            {"field": "age", "relation": "closest", "strength": "low"},
            {"field": "x", "relation": "samee", "strength": "low"}]}"#,
    );
    let said = err.to_string();
    assert_eq!(err.all().len(), 2, "{said}");
    assert!(said.contains("`closest` needs a `scale`"), "{said}");
    // A catalog skill with a field that does not read keeps its id: the participants' skills
    // are still checked against the catalog, and the ids.
    let err = json_err(
        r#"{"participants": [{"id": "a", "side": "junior", "skills": {"zz": 3, "q": 2}},
                             {"id": "a", "side": "senior"}],
            "skills": [{"id": "q", "x": 1}]}"#,
    );
    let said = err.to_string();
    assert_eq!(err.all().len(), 3, "{said}");
    assert!(
        said.contains(
            "unknown field `x`, expected one of `id`, `category`, `parent` in entry #0 of `skills`"
        ),
        "{said}"
    );
    assert!(said.contains("`zz`"), "{said}");
    assert!(
        err.all()
            .iter()
            .any(|e| matches!(e, Error::DuplicateParticipant { id } if id == "a")),
        "{said}"
    );
    // A catalog skill whose id does not read is its one mistake: each participant's skill of
    // that name would seem not to be in the catalog, so nothing across the roster is checked.
    let err = json_err(
        r#"{"participants": [{"id": "a", "side": "junior", "skills": {"zz": 3}}],
            "skills": [{"id": 7}]}"#,
    );
    assert_eq!(err.all().len(), 1, "{err}");
    // Each catalog entry at fault is named by its place, a key given twice in one too.
    let err = json_err(r#"{"skills": [{"id": "q"}, {"id": 3}, {"id": "r", "id": "s"}]}"#);
    let said: Vec<String> = err.all().iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        [
            "roster JSON, line 1 column 33: invalid type: integer `3`, expected a string in entry \
             #1 of `skills`",
            "roster JSON: duplicate field `id` in entry #2 of `skills`",
        ],
        "{err}"
    );
}

/// A number beyond `f64` in one catalog skill does not hide another skill's mistake; a key
/// given twice at the top level (its first value read) does not make the checks across the
/// roster name mistakes that are not there.
#[test]
fn a_number_beyond_f64_or_a_repeated_key_hides_nothing_and_invents_nothing() {
    let err = json_err(r#"{"skills": [{"id": "a", "category": 1e400}, {"id": "b", "colour": 1}]}"#);
    let said: Vec<String> = err.all().iter().map(ToString::to_string).collect();
    assert_eq!(said.len(), 2, "{err}");
    assert_eq!(
        said[0],
        "roster JSON, line 1 column 41: number out of range"
    );
    assert!(
        said[1].contains("unknown field `colour`") && said[1].ends_with("in entry #1 of `skills`"),
        "{err}"
    );
    let err = json_err(
        r#"{"participants": [{"id": "a", "side": "junior", "choices": ["b"], "skills": {"sql": 3}}],
            "skills": [{"id": "py"}],
            "participants": [{"id": "b", "side": "senior"}],
            "skills": [{"id": "sql"}]}"#,
    );
    let said: Vec<String> = err.all().iter().map(ToString::to_string).collect();
    assert_eq!(
        said,
        [
            "roster JSON, line 3 column 26: duplicate field `participants`",
            "roster JSON: duplicate field `skills`",
        ],
        "{err}"
    );
}

/// serde_json's line and column go to the mistake where it stopped, not to a later one of the
/// same words: here it stopped in a participant, and the top-level weight's mistake, said in
/// the same words, is on line 2.
#[test]
fn the_first_mistakes_place_goes_to_the_key_where_serde_stopped() {
    let err = json_err(
        r#"{"participants": [{"id": "a", "side": "junior", "timezone": "x"}],
"benefit_weight": "x"}"#,
    );
    let all = err.all();
    assert_eq!(all.len(), 2, "{err}");
    assert!(
        all.iter()
            .any(|e| matches!(e, Error::InvalidField { field, .. } if field == "timezone")),
        "{err}"
    );
    assert!(
        all.iter().any(|e| *e
            == Error::Json {
                line: 0,
                column: 0,
                message: "invalid type: string \"x\", expected f64 in `benefit_weight`".into(),
            }),
        "{err:?}"
    );
}
