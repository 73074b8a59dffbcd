//! Integration tests of the fairness report (`mentor_match::fairness`).
//!
//! - Known answers on two hand-built rosters whose optimum is plain by reading them: one
//!   with a mutual pair (score 1), a one-way pair (score `(1 − λ)/2 = 0.25` under the default
//!   mutual combination), someone whose only partner is taken, someone with nothing to learn
//!   and unavailable people on both sides; one with ranked choices and a senior who takes two
//!   juniors. Each group's every figure, the order of the groups, the text table and the JSON.
//! - Labels: lists as sets, numbers, flags, a built-in field nobody gives, a label with a
//!   newline in the table.
//! - Errors: an attribute nobody gives, and matchings of other rosters (unknown ids, a side
//!   swapped, a participant left out, someone unavailable paired).
//! - A property test on random rosters of 2 to 6 juniors and 2 to 6 seniors with random
//!   skills, wishes, capacities 0 to 2, choices, a `region` attribute among three values or
//!   missing, departments and languages: every group's figures against a recomputation written
//!   here from the roster spec and the matching alone, and the groups' order and coverage.

mod common;
use common::config;
use common::roster::{junior, roster, senior, with_levels};
use mentor_match::fairness::{FairnessReport, Group, NOT_GIVEN, report};
use mentor_match::model::Attribute;
use mentor_match::{Error, Matcher, Matching, ParticipantSpec, Roster, RosterSpec, Side};
use proptest::prelude::*;
use std::collections::BTreeMap;

const _: () = common::assert_send_sync!(FairnessReport, Group);

fn region(p: ParticipantSpec, value: &str) -> ParticipantSpec {
    p.with_attribute("region", Attribute::Text(value.into()))
}

fn reasons(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|&(k, n)| (k.to_owned(), n)).collect()
}

/// The figures of a group, in field order, for one comparison per group.
#[derive(Debug, PartialEq)]
struct Figures {
    side: Side,
    value: String,
    participants: usize,
    unavailable: usize,
    available: usize,
    matched: usize,
    match_rate: Option<f64>,
    pairs: usize,
    mean_score: Option<f64>,
    stated_choices: usize,
    first_choices: usize,
    first_choice_rate: Option<f64>,
    unmatched_reasons: BTreeMap<String, usize>,
}

fn figures(g: &Group) -> Figures {
    Figures {
        side: g.side,
        value: g.value.clone(),
        participants: g.participants,
        unavailable: g.unavailable,
        available: g.available,
        matched: g.matched,
        match_rate: g.match_rate,
        pairs: g.pairs,
        mean_score: g.mean_score,
        stated_choices: g.stated_choices,
        first_choices: g.first_choices,
        first_choice_rate: g.first_choice_rate,
        unmatched_reasons: g.unmatched_reasons.clone(),
    }
}

// =============================================================================================
// Known answers
// =============================================================================================

/// Ola and Jan teach each other what the other wishes, at level 5: a mutual pair, score 1.
/// Eva teaches Kai and wishes nothing: a one-way pair, `(1 − 0.5)·1/2 = 0.25`. Lin wants what
/// Jan teaches but Jan is better spent on Ola; Tom wishes what nobody teaches and teaches
/// nothing; Mei and Ann are unavailable. Tom gives no region.
fn regions() -> Roster {
    roster([
        region(
            with_levels(junior("ola"), &[("cloud-tools", 5)], &[("strategy", 5)]),
            "EMEA",
        ),
        region(
            with_levels(
                junior("kai"),
                &[("data-analytics", 5)],
                &[("negotiation", 5)],
            ),
            "EMEA",
        ),
        region(
            with_levels(junior("lin"), &[("ai-assistants", 5)], &[("strategy", 3)]),
            "APAC",
        ),
        region(junior("mei").with_capacity(0), "APAC"),
        with_levels(junior("tom"), &[], &[("career-planning", 5)]),
        region(
            with_levels(senior("jan"), &[("strategy", 5)], &[("cloud-tools", 5)]),
            "EMEA",
        ),
        region(
            with_levels(senior("eva"), &[("negotiation", 5)], &[]),
            "APAC",
        ),
        region(senior("ann").with_capacity(0), "APAC"),
    ])
}

#[test]
fn known_figures_by_region() {
    let roster = regions();
    let matching = Matcher::new().solve(&roster).unwrap();
    // The optimum the figures below rest on.
    assert_eq!(matching.partner_of("ola"), Some("jan"));
    assert_eq!(matching.partner_of("kai"), Some("eva"));
    assert_eq!(matching.pairs().len(), 2);

    let fairness = report(&roster, &matching, "region").unwrap();
    assert_eq!(fairness.attribute, "region");
    let got: Vec<Figures> = fairness.groups.iter().map(figures).collect();
    let want = vec![
        Figures {
            side: Side::Junior,
            value: "APAC".into(),
            participants: 2,
            unavailable: 1,
            available: 1,
            matched: 0,
            match_rate: Some(0.0),
            pairs: 0,
            mean_score: None,
            stated_choices: 0,
            first_choices: 0,
            first_choice_rate: None,
            unmatched_reasons: reasons(&[("partners_taken", 1), ("unavailable", 1)]),
        },
        Figures {
            side: Side::Junior,
            value: "EMEA".into(),
            participants: 2,
            unavailable: 0,
            available: 2,
            matched: 2,
            match_rate: Some(1.0),
            pairs: 2,
            mean_score: Some(0.625),
            stated_choices: 0,
            first_choices: 0,
            first_choice_rate: None,
            unmatched_reasons: reasons(&[]),
        },
        Figures {
            side: Side::Junior,
            value: NOT_GIVEN.into(),
            participants: 1,
            unavailable: 0,
            available: 1,
            matched: 0,
            match_rate: Some(0.0),
            pairs: 0,
            mean_score: None,
            stated_choices: 0,
            first_choices: 0,
            first_choice_rate: None,
            unmatched_reasons: reasons(&[("nothing_to_learn", 1)]),
        },
        Figures {
            side: Side::Senior,
            value: "APAC".into(),
            participants: 2,
            unavailable: 1,
            available: 1,
            matched: 1,
            match_rate: Some(1.0),
            pairs: 1,
            mean_score: Some(0.25),
            stated_choices: 0,
            first_choices: 0,
            first_choice_rate: None,
            unmatched_reasons: reasons(&[("unavailable", 1)]),
        },
        Figures {
            side: Side::Senior,
            value: "EMEA".into(),
            participants: 1,
            unavailable: 0,
            available: 1,
            matched: 1,
            match_rate: Some(1.0),
            pairs: 1,
            mean_score: Some(1.0),
            stated_choices: 0,
            first_choices: 0,
            first_choice_rate: None,
            unmatched_reasons: reasons(&[]),
        },
    ];
    assert_eq!(got, want);
}

/// Ola and Kai both chose Eva first; Jan takes two juniors, Eva one. Eva goes to Kai: Ola's
/// second choice is Jan, so Kai with Eva and Ola with Jan honour more of what was chosen than
/// the other way round. Lin chose nobody.
fn choices() -> Roster {
    let teaches = |p: ParticipantSpec| with_levels(p, &[("strategy", 3)], &[]);
    let learns = |p: ParticipantSpec| with_levels(p, &[], &[("strategy", 3)]);
    roster([
        region(teaches(junior("ola")).with_choices(["eva", "jan"]), "north"),
        region(teaches(junior("kai")).with_choices(["eva"]), "north"),
        region(teaches(junior("lin")), "south"),
        learns(senior("jan")).with_capacity(2),
        learns(senior("eva")),
    ])
}

#[test]
fn known_figures_with_choices_and_capacities() {
    let roster = choices();
    let matching = Matcher::new().solve(&roster).unwrap();
    assert_eq!(matching.partners_of("eva"), ["kai"]);
    assert_eq!(matching.partners_of("jan"), ["ola", "lin"]);

    let fairness = report(&roster, &matching, "region").unwrap();
    let north = fairness.group(Side::Junior, "north").unwrap();
    assert_eq!((north.stated_choices, north.first_choices), (2, 1));
    assert_eq!(north.first_choice_rate, Some(0.5));
    assert_eq!((north.available, north.matched, north.pairs), (2, 2, 2));
    let south = fairness.group(Side::Junior, "south").unwrap();
    assert_eq!((south.stated_choices, south.first_choice_rate), (0, None));
    // Nobody gives the seniors a region: one group of three pairs between two seniors.
    let seniors = fairness.group(Side::Senior, NOT_GIVEN).unwrap();
    assert_eq!(
        (seniors.participants, seniors.matched, seniors.pairs),
        (2, 2, 3)
    );
    assert_eq!(seniors.match_rate, Some(1.0));
    let scores: f64 = matching.pairs().iter().map(|p| p.score).sum();
    assert!((seniors.mean_score.unwrap() - scores / 3.0).abs() < 1e-15);
    assert_eq!(fairness.groups.len(), 3);
}

#[test]
fn table_of_the_known_roster() {
    let roster = regions();
    let matching = Matcher::new().solve(&roster).unwrap();
    let table = report(&roster, &matching, "region").unwrap().table();
    let want = "\
side    region       participants  unavailable  available  matched  match_rate  pairs  mean_score  stated_choices  first_choice_rate  unmatched_reasons
-------------------------------------------------------------------------------------------------------------------------------------------------------
junior  APAC                    2            1          1        0        0.0%      0           —               0                  —  partners_taken: 1, unavailable: 1
junior  EMEA                    2            0          2        2      100.0%      2       0.625               0                  —
junior  (not given)             1            0          1        0        0.0%      0           —               0                  —  nothing_to_learn: 1
senior  APAC                    2            1          1        1      100.0%      1       0.250               0                  —  unavailable: 1
senior  EMEA                    1            0          1        1      100.0%      1       1.000               0                  —
";
    assert_eq!(table, want);
}

#[test]
fn json_of_the_known_roster() {
    let roster = regions();
    let matching = Matcher::new().solve(&roster).unwrap();
    let json = serde_json::to_value(report(&roster, &matching, "region").unwrap()).unwrap();
    assert_eq!(json["format"], 1);
    assert_eq!(json["attribute"], "region");
    let apac = &json["groups"][0];
    assert_eq!(apac["side"], "junior");
    assert_eq!(apac["value"], "APAC");
    assert_eq!(apac["mean_score"], serde_json::Value::Null);
    assert_eq!(apac["unmatched_reasons"]["partners_taken"], 1);
    assert_eq!(json["groups"][1]["mean_score"], 0.625);
    assert_eq!(json["groups"].as_array().unwrap().len(), 5);
}

// =============================================================================================
// Labels
// =============================================================================================

#[test]
fn labels_of_lists_numbers_flags_and_built_in_fields() {
    let roster = roster([
        junior("ola")
            .with_skill("cloud-tools", 5)
            .with_languages(["pl", "en", "pl"])
            .with_experience_years(2.0)
            .with_attribute("remote", Attribute::Flag(true))
            .with_attribute("slots", Attribute::List(vec!["tue".into(), "mon".into()])),
        junior("kai")
            .with_skill("cloud-tools", 3)
            .with_languages(["en", "pl"])
            .with_experience_years(10.5)
            .with_attribute("slots", Attribute::List(vec![])),
        senior("jan").with_wish("cloud-tools", 4),
    ]);
    let matching = Matcher::new().solve(&roster).unwrap();
    let values = |attribute: &str| -> Vec<(Side, String, usize)> {
        report(&roster, &matching, attribute)
            .unwrap()
            .groups
            .iter()
            .map(|g| (g.side, g.value.clone(), g.participants))
            .collect()
    };
    let nobody = (Side::Senior, NOT_GIVEN.to_owned(), 1);
    let junior = |value: &str, n| (Side::Junior, value.to_owned(), n);
    assert_eq!(values("languages"), [junior("en;pl", 2), nobody.clone()]);
    // Numbers sort as text.
    assert_eq!(
        values("experience_years"),
        [junior("10.5", 1), junior("2", 1), nobody.clone()]
    );
    assert_eq!(
        values("remote"),
        [junior("true", 1), junior(NOT_GIVEN, 1), nobody.clone()]
    );
    // An empty list gives nothing.
    assert_eq!(
        values("slots"),
        [junior("mon;tue", 1), junior(NOT_GIVEN, 1), nobody.clone()]
    );
    // A built-in field nobody gives is no error: everyone is "not given".
    assert_eq!(values("timezone"), [junior(NOT_GIVEN, 2), nobody]);
}

#[test]
fn a_text_that_reads_not_given_joins_that_group() {
    let roster = roster([
        region(junior("ola").with_skill("cloud-tools", 5), NOT_GIVEN),
        junior("kai"),
        senior("jan").with_wish("cloud-tools", 4),
    ]);
    let matching = Matcher::new().solve(&roster).unwrap();
    let fairness = report(&roster, &matching, "region").unwrap();
    assert_eq!(fairness.groups.len(), 2);
    assert_eq!(fairness.groups[0].participants, 2);
}

#[test]
fn a_label_with_a_newline_stays_on_one_line_of_the_table() {
    let roster = roster([
        region(junior("ola").with_skill("cloud-tools", 5), "north\neast"),
        senior("jan").with_wish("cloud-tools", 4),
    ]);
    let matching = Matcher::new().solve(&roster).unwrap();
    let fairness = report(&roster, &matching, "region").unwrap();
    assert_eq!(fairness.groups[0].value, "north\neast");
    let table = fairness.table();
    assert_eq!(table.lines().count(), 4);
    assert!(
        table
            .lines()
            .nth(2)
            .unwrap()
            .starts_with("junior  north\\neast")
    );
}

// =============================================================================================
// Errors
// =============================================================================================

#[test]
fn an_attribute_nobody_gives_is_an_error() {
    let roster = regions();
    let matching = Matcher::new().solve(&roster).unwrap();
    let err = report(&roster, &matching, "regoin").unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidField { ref participant, ref field, .. }
                if participant == "(roster)" && field == "regoin"
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "participant `(roster)`, field `regoin`: no participant has this attribute, and it is \
         not a built-in field (`department`, `languages`, `timezone`, `experience_years`)"
    );
    assert!(report(&roster, &matching, "").is_err());
    // Everyone has a capacity, but it is not a field to group by: the message says which are.
    let err = report(&roster, &matching, "capacity").unwrap_err();
    assert!(
        err.to_string()
            .contains("not a built-in field (`department`"),
        "{err}"
    );
}

#[test]
fn a_matching_of_another_roster_is_an_error() {
    let roster = regions();
    let matching = Matcher::new().solve(&roster).unwrap();
    let spec = roster.spec().clone();
    let other = |change: &dyn Fn(&mut RosterSpec)| {
        let mut spec = spec.clone();
        change(&mut spec);
        let other = Roster::new(spec).unwrap();
        report(&other, &matching, "region").unwrap_err()
    };

    // Ola is not in the other roster.
    let err = other(&|s| s.participants.retain(|p| p.id != "ola"));
    assert_eq!(
        err,
        Error::UnknownParticipant {
            id: "ola".into(),
            context: "matching"
        }
    );
    // Jan is a junior there.
    let err = other(&|s| {
        s.participants
            .iter_mut()
            .find(|p| p.id == "jan")
            .unwrap()
            .side = Side::Junior;
    });
    assert_eq!(
        err,
        Error::WrongSide {
            id: "jan".into(),
            expected: Side::Senior,
            context: "matching"
        }
    );
    // Someone the matching never heard of.
    let err = other(&|s| s.participants.push(region(junior("new"), "EMEA")));
    assert!(
        matches!(err, Error::InvalidField { ref participant, ref field, .. }
            if participant == "new" && field == "matching"),
        "{err:?}"
    );
    assert!(err.to_string().contains("another roster"));
    // Ola is unavailable there, yet paired.
    let err = other(&|s| {
        s.participants
            .iter_mut()
            .find(|p| p.id == "ola")
            .unwrap()
            .capacity = 0;
    });
    assert!(
        matches!(err, Error::InvalidField { ref participant, .. } if participant == "ola"),
        "{err:?}"
    );
    // The same roster is fine.
    assert!(report(&Roster::new(spec).unwrap(), &matching, "region").is_ok());
}

#[test]
fn a_matching_that_lists_someone_twice_is_an_error() {
    let roster = regions();
    let matching = Matcher::new().solve(&roster).unwrap();
    let mut json = serde_json::to_value(&matching).unwrap();
    let first = json["unmatched"][0].clone();
    json["unmatched"].as_array_mut().unwrap().push(first);
    let twice: Matching = serde_json::from_value(json).unwrap();
    let err = report(&roster, &twice, "region").unwrap_err();
    assert!(err.to_string().contains("listed unmatched twice"), "{err}");

    let mut json = serde_json::to_value(&matching).unwrap();
    let pair = json["pairs"][0].clone();
    json["pairs"].as_array_mut().unwrap().push(pair);
    let repeated: Matching = serde_json::from_value(json).unwrap();
    let err = report(&roster, &repeated, "region").unwrap_err();
    assert!(err.to_string().contains("twice"), "{err}");
}

// =============================================================================================
// Property: every figure against a naive recomputation
// =============================================================================================

const SKILLS: [&str; 4] = ["cloud-tools", "data-analytics", "strategy", "negotiation"];
const REGIONS: [&str; 3] = ["EMEA", "APAC", "AMER"];
const DEPARTMENTS: [&str; 2] = ["Sales", "IT"];
const LANGUAGES: [&str; 3] = ["pl", "en", "de"];
const MAX_SIDE: usize = 6;

/// One generated participant; `choices[k]` is the rank key of the `k`-th person of the other
/// side, or `None` when they are not chosen.
#[derive(Debug, Clone)]
struct Person {
    skills: Vec<Option<u8>>,
    wishes: Vec<Option<u8>>,
    region: Option<usize>,
    department: Option<usize>,
    languages: Vec<usize>,
    capacity: u32,
    choices: Vec<Option<u8>>,
}

fn person() -> impl Strategy<Value = Person> {
    let levels = || prop::collection::vec(prop::option::weighted(0.4, 1..=5u8), SKILLS.len());
    (
        levels(),
        levels(),
        prop::option::weighted(0.75, 0..REGIONS.len()),
        prop::option::of(0..DEPARTMENTS.len()),
        prop::collection::vec(0..LANGUAGES.len(), 0..=3),
        0..=2u32,
        prop::collection::vec(prop::option::weighted(0.4, any::<u8>()), MAX_SIDE),
    )
        .prop_map(
            |(skills, wishes, region, department, languages, capacity, choices)| Person {
                skills,
                wishes,
                region,
                department,
                languages,
                capacity,
                choices,
            },
        )
}

fn spec_of(person: &Person, id: String, side: Side, others: &[String]) -> ParticipantSpec {
    let mut p = ParticipantSpec::new(id, side).with_capacity(person.capacity);
    for (k, skill) in SKILLS.iter().enumerate() {
        if let Some(level) = person.skills[k] {
            p = p.with_skill(*skill, level);
        }
        if let Some(priority) = person.wishes[k] {
            p = p.with_wish(*skill, priority);
        }
    }
    if let Some(r) = person.region {
        p = region(p, REGIONS[r]);
    }
    if let Some(d) = person.department {
        p = p.with_department(DEPARTMENTS[d]);
    }
    p = p.with_languages(person.languages.iter().map(|&l| LANGUAGES[l]));
    let mut chosen: Vec<(u8, usize)> = others
        .iter()
        .enumerate()
        .filter_map(|(k, _)| person.choices[k].map(|key| (key, k)))
        .collect();
    chosen.sort_unstable();
    p.with_choices(chosen.into_iter().map(|(_, k)| others[k].clone()))
}

fn generated(juniors: &[Person], seniors: &[Person]) -> Roster {
    let j_ids: Vec<String> = (0..juniors.len()).map(|k| format!("j{k}")).collect();
    let s_ids: Vec<String> = (0..seniors.len()).map(|k| format!("s{k}")).collect();
    let people = juniors
        .iter()
        .zip(&j_ids)
        .map(|(p, id)| spec_of(p, id.clone(), Side::Junior, &s_ids))
        .chain(
            seniors
                .iter()
                .zip(&s_ids)
                .map(|(p, id)| spec_of(p, id.clone(), Side::Senior, &j_ids)),
        );
    roster(people)
}

/// The label the module docs promise, written again: the text, the department, or the
/// languages sorted and each once joined by `;`; `(not given)` when missing or empty.
fn naive_label(p: &ParticipantSpec, attribute: &str) -> String {
    let given = match attribute {
        "region" => p.attributes.get("region").map(|a| match a {
            Attribute::Text(t) => t.clone(),
            other => panic!("generated regions are texts, not {other:?}"),
        }),
        "department" => p.department.clone(),
        "languages" => {
            let mut l = p.languages.clone();
            l.sort();
            l.dedup();
            (!l.is_empty()).then(|| l.join(";"))
        }
        other => panic!("no naive label for {other}"),
    };
    given.unwrap_or_else(|| "(not given)".to_owned())
}

/// The figures of the group (`side`, `value`), recomputed from the roster spec and the
/// matching's pairs, partners and unmatched list alone.
fn naive_group(
    spec: &RosterSpec,
    matching: &Matching,
    attribute: &str,
    side: Side,
    value: &str,
) -> Figures {
    let members: Vec<&ParticipantSpec> = spec
        .participants
        .iter()
        .filter(|p| p.side == side && naive_label(p, attribute) == value)
        .collect();
    let is_member = |id: &str| members.iter().any(|p| p.id == id);
    let available: Vec<&ParticipantSpec> =
        members.iter().copied().filter(|p| p.capacity > 0).collect();
    let matched = available
        .iter()
        .filter(|p| !matching.partners_of(&p.id).is_empty())
        .count();
    let scores: Vec<f64> = matching
        .pairs()
        .iter()
        .filter(|pair| match side {
            Side::Junior => is_member(&pair.junior),
            Side::Senior => is_member(&pair.senior),
        })
        .map(|pair| pair.score)
        .collect();
    let stating: Vec<&ParticipantSpec> = available
        .iter()
        .copied()
        .filter(|p| !p.choices.is_empty())
        .collect();
    let first = stating
        .iter()
        .filter(|p| matching.partners_of(&p.id).contains(&p.choices[0].as_str()))
        .count();
    let mut unmatched_reasons = BTreeMap::new();
    for u in matching.unmatched().iter().filter(|u| is_member(&u.id)) {
        let json = serde_json::to_value(&u.reason).unwrap();
        let kind = json["kind"].as_str().unwrap().to_owned();
        *unmatched_reasons.entry(kind).or_insert(0) += 1;
    }
    let rate = |part: usize, whole: usize| {
        if whole == 0 {
            None
        } else {
            Some(part as f64 / whole as f64)
        }
    };
    Figures {
        side,
        value: value.to_owned(),
        participants: members.len(),
        unavailable: members.len() - available.len(),
        available: available.len(),
        matched,
        match_rate: rate(matched, available.len()),
        pairs: scores.len(),
        mean_score: if scores.is_empty() {
            None
        } else {
            Some(scores.iter().sum::<f64>() / scores.len() as f64)
        },
        stated_choices: stating.len(),
        first_choices: first,
        first_choice_rate: rate(first, stating.len()),
        unmatched_reasons,
    }
}

fn sides() -> impl Strategy<Value = (Vec<Person>, Vec<Person>)> {
    (2..=MAX_SIDE, 2..=MAX_SIDE).prop_flat_map(|(j, s)| {
        (
            prop::collection::vec(person(), j),
            prop::collection::vec(person(), s),
        )
    })
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn figures_match_a_naive_recomputation(
        (juniors, seniors) in sides(),
        attribute in prop::sample::select(vec!["region", "department", "languages"]),
    ) {
        let roster = generated(&juniors, &seniors);
        let matching = Matcher::new().solve(&roster).unwrap();
        let spec = roster.spec();
        if attribute == "region" && spec.participants.iter().all(|p| p.attributes.is_empty()) {
            let is_field_error = matches!(
                report(&roster, &matching, attribute),
                Err(Error::InvalidField { .. })
            );
            prop_assert!(is_field_error);
            return Ok(());
        }
        let fairness = report(&roster, &matching, attribute).unwrap();
        prop_assert_eq!(&fairness.attribute, attribute);

        // Every participant in exactly one group, the groups distinct and in the promised
        // order: juniors first, then by label with "(not given)" last.
        let total: usize = fairness.groups.iter().map(|g| g.participants).sum();
        prop_assert_eq!(total, spec.participants.len());
        let mut keys: Vec<(Side, bool, String)> = spec
            .participants
            .iter()
            .map(|p| {
                let label = naive_label(p, attribute);
                (p.side, label == "(not given)", label)
            })
            .collect();
        keys.sort();
        keys.dedup();
        let got: Vec<(Side, bool, String)> = fairness
            .groups
            .iter()
            .map(|g| (g.side, g.value == "(not given)", g.value.clone()))
            .collect();
        prop_assert_eq!(got, keys);

        for g in &fairness.groups {
            let mut want = naive_group(spec, &matching, attribute, g.side, &g.value);
            let mut got = figures(g);
            // The mean may differ in the last bits with the order of the sum.
            match (got.mean_score, want.mean_score) {
                (Some(a), Some(b)) => prop_assert!((a - b).abs() <= 1e-12, "{} vs {}", a, b),
                (a, b) => prop_assert_eq!(a, b),
            }
            got.mean_score = None;
            want.mean_score = None;
            prop_assert_eq!(got, want);
        }
    }
}
