//! Roster builders: participants by side, specs and validated rosters, written once for every
//! test file that builds rosters in code.

use mentor_match::{Matcher, Matching, Method, ParticipantSpec, Roster, RosterSpec, Side};

/// The example roster of the `model` module docs, verbatim.
pub const MODULE_DOC_EXAMPLE: &str = r#"{"skills": [{"id": "data-analytics", "category": "digital"},
            {"id": "spreadsheets", "category": "digital", "parent": "data-analytics"},
            {"id": "negotiation", "category": "leadership"}],
 "participants": [
   {"id": "ola", "side": "junior", "department": "Sales", "manager": "ewa",
    "languages": ["pl", "en"], "experience_years": 2,
    "skills": {"spreadsheets": 5}, "wishes": {"negotiation": 4}},
   {"id": "jan", "side": "senior", "department": "Finance", "experience_years": 25,
    "skills": {"negotiation": 5}, "wishes": {"data-analytics": 3}}]}"#;

/// A junior with this id and nothing else.
pub fn junior(id: impl Into<String>) -> ParticipantSpec {
    ParticipantSpec::new(id, Side::Junior)
}

/// A senior with this id and nothing else.
pub fn senior(id: impl Into<String>) -> ParticipantSpec {
    ParticipantSpec::new(id, Side::Senior)
}

/// The id of junior `k` of a generated roster: `j0`, `j1`, …
pub fn junior_id(k: usize) -> String {
    format!("j{k}")
}

/// The id of senior `k` of a generated roster: `s0`, `s1`, …
pub fn senior_id(k: usize) -> String {
    format!("s{k}")
}

/// `p` with these skill levels and wishes.
pub fn with_levels(
    mut p: ParticipantSpec,
    skills: &[(&str, u8)],
    wishes: &[(&str, u8)],
) -> ParticipantSpec {
    for &(s, l) in skills {
        p = p.with_skill(s, l);
    }
    for &(s, w) in wishes {
        p = p.with_wish(s, w);
    }
    p
}

/// `base` with `people` added in order.
pub fn spec_with(
    base: RosterSpec,
    people: impl IntoIterator<Item = ParticipantSpec>,
) -> RosterSpec {
    people.into_iter().fold(base, RosterSpec::with_participant)
}

/// A spec of `people`, in order, with no catalog.
pub fn spec(people: impl IntoIterator<Item = ParticipantSpec>) -> RosterSpec {
    spec_with(RosterSpec::new(), people)
}

/// The valid roster of `people`, in order, with no catalog (panics if it is not valid).
pub fn roster(people: impl IntoIterator<Item = ParticipantSpec>) -> Roster {
    spec(people).validate().unwrap()
}

/// The roster of juniors and seniors with these ids and nothing else, juniors first.
pub fn ids(juniors: &[&str], seniors: &[&str]) -> Roster {
    let juniors = juniors.iter().map(|&j| junior(j));
    roster(juniors.chain(seniors.iter().map(|&s| senior(s))))
}

/// On `base`: junior teacher `t` with the `teacher` skills and senior learner `l` with the
/// `learner` levels and `wishes`.
pub fn duo_on(
    base: RosterSpec,
    teacher: &[(&str, u8)],
    learner: &[(&str, u8)],
    wishes: &[(&str, u8)],
) -> Roster {
    let t = with_levels(junior("t"), teacher, &[]);
    let l = with_levels(senior("l"), learner, wishes);
    spec_with(base, [t, l]).validate().unwrap()
}

/// A junior who knows `skill` at `level` and a senior who wishes it at `priority` and takes up
/// to `capacity` partners.
pub fn teacher_and_learner(
    skill: &str,
    (junior_id, level): (&str, u8),
    (senior_id, priority, capacity): (&str, u8, u32),
) -> Roster {
    roster([
        junior(junior_id).with_skill(skill, level),
        senior(senior_id)
            .with_wish(skill, priority)
            .with_capacity(capacity),
    ])
}

/// `roster` solved by a default matcher with `method`.
pub fn solve_by(roster: &Roster, method: Method) -> Matching {
    Matcher::new().with_method(method).solve(roster).unwrap()
}

/// `roster` solved sparse and dense, each with the defaults, `(sparse, dense)`; asserts that
/// sparse pairs as many and comes within a thousandth of dense's total without passing it
/// (`what` names the roster in a failure).
pub fn sparse_and_dense(roster: &Roster, what: &str) -> (Matching, Matching) {
    let sparse = solve_by(roster, Method::Sparse);
    let dense = solve_by(roster, Method::Dense);
    assert_eq!(sparse.pairs().len(), dense.pairs().len(), "{what}");
    let (s, d) = (sparse.total_score(), dense.total_score());
    assert!(s >= 0.999 * d, "{what}: sparse {s} dense {d}");
    assert!(s <= d + 1e-9, "{what}: sparse {s} dense {d}");
    (sparse, dense)
}
