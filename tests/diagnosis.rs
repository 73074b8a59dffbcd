//! Integration tests of the diagnosis (`mentor_match::diagnosis`).
//!
//! - Known answers on hand-built rosters: the reverse-mentoring bottleneck of the issue (nine
//!   seniors who want AI assistants, three juniors who teach it), a juniors' bottleneck with
//!   several skills and their order, a roster where everyone can be placed, the combination's
//!   effect on which pairs count, serde, and the errors.
//! - A property test on random rosters of 1 to 6 juniors and 1 to 6 seniors with random skills,
//!   wishes, languages, departments, capacities 0 or 1, rules and combinations. The
//!   compatibility graph is read off the public scores; against it, by brute force: the most
//!   pairs, each side's deficiency (available people minus the most pairs), the witness's
//!   `|X| − |N(X)|`, no subset with a larger Hall deficiency, and the witness inside every subset
//!   that reaches it. The matcher's own matching under the default objective leaves exactly the
//!   deficiency unmatched on each side. Capacities above 1 cannot be written in a roster yet;
//!   they are tested on plain compatibility data in the module's unit tests.

mod common;
use common::brute::most_pairs;
use common::config;
use common::roster::{junior, junior_id, roster, senior, senior_id};
use mentor_match::MatrixError;
use mentor_match::diagnosis::{Diagnosis, Shortage, SkillShortage, diagnose};
use mentor_match::rules::{DifferentDepartments, Rules};
use mentor_match::{Combination, Error, Matcher, ParticipantSpec, Reason, Roster, Side};
use proptest::prelude::*;
use proptest::sample::select;

fn diagnosis_of(roster: &Roster) -> Diagnosis {
    let scored = Matcher::new().score(roster).unwrap();
    diagnose(roster, &scored, Combination::default()).unwrap()
}

fn strings(ids: &[&str]) -> Vec<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

// =============================================================================================
// Known answers
// =============================================================================================

/// The issue's example: nine seniors want to learn AI assistants and three juniors can teach
/// it; two more juniors teach cloud tools to the two seniors who want those. Participants are
/// interleaved so that "roster order" is tested.
fn ai_bottleneck() -> Roster {
    let mut people = Vec::new();
    for k in 1..=9 {
        people.push(
            senior(senior_id(k))
                .with_wish("ai-assistants", 5)
                .with_skill("negotiation", 5),
        );
        if k <= 3 {
            people.push(junior(format!("ai{k}")).with_skill("ai-assistants", 5));
        }
        if k == 5 {
            people.push(junior("cl1").with_skill("cloud-tools", 4));
            people.push(senior("w1").with_wish("cloud-tools", 3));
        }
    }
    people.push(junior("cl2").with_skill("cloud-tools", 5));
    people.push(senior("w2").with_wish("cloud-tools", 2));
    roster(people)
}

#[test]
fn nine_seniors_want_ai_assistants_and_three_juniors_teach_it() {
    let roster = ai_bottleneck();
    let d = diagnosis_of(&roster);
    assert_eq!(d.max_pairs, 5);
    assert_eq!(d.juniors, None);
    let nine: Vec<String> = (1..=9).map(senior_id).collect();
    let seniors = d.seniors.clone().unwrap();
    assert_eq!(seniors.side, Side::Senior);
    assert_eq!(seniors.deficiency, 6);
    assert_eq!(seniors.people, nine);
    assert_eq!(seniors.places, 9);
    assert_eq!(seniors.partners, ["ai1", "ai2", "ai3"]);
    assert_eq!(seniors.partner_places, 3);
    let lines: Vec<(&str, u32, u64, u32, u64)> = seniors
        .skills
        .iter()
        .map(|s| {
            (
                s.skill.as_str(),
                s.wishing,
                s.wishing_places,
                s.teachers,
                s.places,
            )
        })
        .collect();
    assert_eq!(lines, [("ai-assistants", 9, 9, 3, 3)]);
    assert_eq!(
        seniors.to_string(),
        "6 seniors cannot be matched: 9 seniors can pair only with 3 juniors, who have 3 places \
         for them; 9 seniors wish to learn ai-assistants; 3 juniors can teach it and have 3 places"
    );
    assert_eq!(d.to_string(), seniors.to_string());

    // The matcher leaves exactly six of those nine seniors unmatched, because the partners they
    // could have were taken.
    let m = Matcher::new().solve(&roster).unwrap();
    assert_eq!(m.pairs().len(), 5);
    let unmatched: Vec<&str> = m.unmatched().iter().map(|u| u.id.as_str()).collect();
    assert_eq!(unmatched.len(), 6);
    assert!(unmatched.iter().all(|id| nine.iter().any(|s| s == id)));
    assert!(
        m.unmatched()
            .iter()
            .all(|u| matches!(u.reason, Reason::PartnersTaken { candidates: 3 }))
    );
}

/// Juniors who want leadership skills: j1, j2, j3 can only pair with s1 and s2, one junior too
/// many; j4 and s3 pair with each other and are not part of the bottleneck; j0 is not available.
/// Skills with the same shortage come in name order; public-speaking, with none, comes last.
#[test]
fn juniors_bottleneck_with_several_skills() {
    let roster = roster(vec![
        junior("j0").with_wish("negotiation", 5).with_capacity(0),
        junior("j1")
            .with_wish("negotiation", 5)
            .with_wish("public-speaking", 2),
        senior("s1")
            .with_skill("negotiation", 5)
            .with_skill("public-speaking", 4),
        junior("j2")
            .with_wish("negotiation", 3)
            .with_wish("strategy", 4),
        senior("s2").with_skill("strategy", 2),
        // Level 1 in strategy: s2 (level 2) still teaches her; budgeting has no teacher.
        junior("j3")
            .with_skill("strategy", 1)
            .with_wish("strategy", 5)
            .with_wish("budgeting", 2),
        junior("j4").with_wish("career-planning", 4),
        senior("s3").with_skill("career-planning", 5),
    ]);
    let d = diagnosis_of(&roster);
    assert_eq!(d.max_pairs, 3);
    assert_eq!(d.seniors, None);
    let j = d.juniors.clone().unwrap();
    assert_eq!(j.side, Side::Junior);
    assert_eq!(j.deficiency, 1);
    assert_eq!(j.people, ["j1", "j2", "j3"]);
    assert_eq!(j.partners, ["s1", "s2"]);
    assert_eq!((j.places, j.partner_places), (3, 2));
    let lines: Vec<(&str, u32, u32, u64)> = j
        .skills
        .iter()
        .map(|s| (s.skill.as_str(), s.wishing, s.teachers, s.places))
        .collect();
    assert_eq!(
        lines,
        [
            ("budgeting", 1, 0, 0),
            ("negotiation", 2, 1, 1),
            ("strategy", 2, 1, 1),
            ("public-speaking", 1, 1, 1),
        ]
    );
    assert_eq!(
        j.to_string(),
        "1 junior cannot be matched: 3 juniors can pair only with 2 seniors, who have 2 places for \
         them; 1 junior wishes to learn budgeting; no senior can teach it; 2 juniors wish to learn \
         negotiation; 1 senior can teach it and has 1 place; 2 juniors wish to learn strategy; 1 \
         senior can teach it and has 1 place; 1 junior wishes to learn public-speaking; 1 senior \
         can teach it and has 1 place"
    );
}

#[test]
fn a_teacher_at_the_learners_level_does_not_count() {
    // Both know strategy at level 3: no lesson, no pair; the junior is alone.
    let roster = roster(vec![
        junior("ola")
            .with_skill("strategy", 3)
            .with_wish("strategy", 5),
        senior("jan").with_skill("strategy", 3),
    ]);
    let d = diagnosis_of(&roster);
    assert_eq!(d.max_pairs, 0);
    let j = d.juniors.unwrap();
    assert_eq!(
        (j.people.clone(), j.partners.clone()),
        (strings(&["ola"]), vec![])
    );
    assert_eq!(
        j.to_string(),
        "1 junior cannot be matched: 1 junior can pair with nobody; 1 junior wishes to learn \
         strategy; no senior can teach it"
    );
    let s = d.seniors.unwrap();
    assert_eq!(s.people, ["jan"]);
    assert!(s.skills.is_empty(), "jan wishes nothing");
}

#[test]
fn everyone_can_be_placed() {
    let roster = roster(vec![
        junior("ola")
            .with_skill("social-media", 5)
            .with_wish("strategy", 3),
        junior("kai").with_skill("cloud-tools", 4),
        senior("jan")
            .with_skill("strategy", 5)
            .with_wish("social-media", 4),
        senior("eva").with_wish("cloud-tools", 4),
        // Not available this round: not a shortage.
        senior("tom").with_wish("cloud-tools", 4).with_capacity(0),
    ]);
    let d = diagnosis_of(&roster);
    assert_eq!(d.max_pairs, 2);
    assert_eq!((d.juniors.clone(), d.seniors.clone()), (None, None));
    assert_eq!(d.to_string(), "every place can be filled");
}

#[test]
fn nobody_on_the_other_side() {
    // No senior at all, and one who is unavailable: every junior place stays empty.
    for seniors in [vec![], vec![senior("jan").with_capacity(0)]] {
        let mut people = vec![
            junior("ola").with_wish("strategy", 4),
            junior("kai").with_capacity(0),
            junior("eve"),
        ];
        people.extend(seniors);
        let d = diagnosis_of(&roster(people));
        assert_eq!(d.max_pairs, 0);
        assert_eq!(d.seniors, None);
        let j = d.juniors.unwrap();
        assert_eq!(
            (j.deficiency, j.people.clone()),
            (2, strings(&["ola", "eve"]))
        );
        assert_eq!(
            j.to_string(),
            "2 juniors cannot be matched: 2 juniors can pair with nobody; 1 junior wishes to \
             learn strategy; no senior can teach it"
        );
    }
    // Nobody at all.
    let d = diagnosis_of(&roster(vec![]));
    assert_eq!((d.max_pairs, d.juniors, d.seniors), (0, None, None));
}

#[test]
fn the_combination_decides_which_pairs_count() {
    // Only the senior learns: a pair under the default combination, not under Minimum.
    let roster = roster(vec![
        junior("ola").with_skill("ai-assistants", 5),
        senior("jan").with_wish("ai-assistants", 5),
    ]);
    let scored = Matcher::new().score(&roster).unwrap();
    let mutual = diagnose(&roster, &scored, Combination::default()).unwrap();
    assert_eq!(
        (mutual.max_pairs, mutual.juniors, mutual.seniors),
        (1, None, None)
    );
    let minimum = diagnose(&roster, &scored, Combination::Minimum).unwrap();
    assert_eq!(minimum.max_pairs, 0);
    assert_eq!(minimum.juniors.unwrap().people, ["ola"]);
    assert_eq!(minimum.seniors.unwrap().people, ["jan"]);
    // And the rules decide too: no shared language, no pair.
    let apart = Roster::from_json(
        r#"{"participants": [
        {"id": "ola", "side": "junior", "skills": {"ai-assistants": 5}, "languages": ["pl"]},
        {"id": "jan", "side": "senior", "wishes": {"ai-assistants": 5}, "languages": ["en"]}]}"#,
    )
    .unwrap();
    assert_eq!(diagnosis_of(&apart).max_pairs, 0);
    let scored = Matcher::new()
        .with_rules(Rules::none())
        .score(&apart)
        .unwrap();
    let d = diagnose(&apart, &scored, Combination::default()).unwrap();
    assert_eq!(d.max_pairs, 1);
}

#[test]
fn serialises_to_json_and_back() {
    let d = diagnosis_of(&ai_bottleneck());
    let json = serde_json::to_value(&d).unwrap();
    assert_eq!(json["max_pairs"], 5);
    assert_eq!(json["juniors"], serde_json::Value::Null);
    assert_eq!(json["seniors"]["side"], "senior");
    assert_eq!(json["seniors"]["deficiency"], 6);
    assert_eq!(json["seniors"]["skills"][0]["skill"], "ai-assistants");
    assert_eq!(json["seniors"]["skills"][0]["teachers"], 3);
    let back: Diagnosis = serde_json::from_value(json).unwrap();
    assert_eq!(back, d);
}

#[test]
fn errors() {
    let one = roster(vec![junior("ola"), senior("jan")]);
    let other = roster(vec![junior("ola"), junior("kai"), senior("jan")]);
    let scored = Matcher::new().score(&one).unwrap();
    let err = diagnose(&other, &scored, Combination::default()).unwrap_err();
    assert_eq!(err, Error::RosterMismatch { side: Side::Junior });
    assert_eq!(
        err.to_string(),
        "the scores were computed for another roster: their juniors are not this roster's"
    );
    // Same people, but one is unavailable in the other roster.
    let fewer = roster(vec![junior("ola"), senior("jan").with_capacity(0)]);
    let err = diagnose(&fewer, &scored, Combination::default()).unwrap_err();
    assert_eq!(err, Error::RosterMismatch { side: Side::Senior });
    let err = diagnose(&one, &scored, Combination::Mutual { balance: 2.0 }).unwrap_err();
    assert!(matches!(
        err,
        Error::Matrix(MatrixError::InvalidOption { .. })
    ));
}

#[test]
fn types_are_send_and_sync() {
    common::assert_send_sync!(Diagnosis, Shortage, SkillShortage);
}

// =============================================================================================
// Properties against brute force
// =============================================================================================

const SKILLS: [&str; 4] = ["ai-assistants", "cloud-tools", "negotiation", "strategy"];

/// A random participant: levels and wish priorities by skill, languages (0 to 2 none, 3 pl,
/// 4 en, 5 both), department (0 none, 1 A, 2 B), and whether they are unavailable.
type Person = (Vec<Option<u8>>, Vec<Option<u8>>, usize, usize, bool);

fn person() -> impl Strategy<Value = Person> {
    (
        proptest::collection::vec(proptest::option::weighted(0.5, 1u8..=5), SKILLS.len()),
        proptest::collection::vec(proptest::option::weighted(0.5, 1u8..=5), SKILLS.len()),
        0usize..6, // languages: none (0 to 2), pl, en, both
        0usize..3, // department: none, A, B
        proptest::bool::weighted(0.1),
    )
}

fn spec(id: String, side: Side, p: &Person) -> ParticipantSpec {
    let mut s = ParticipantSpec::new(id, side);
    for (k, level) in p.0.iter().enumerate() {
        if let Some(level) = level {
            s = s.with_skill(SKILLS[k], *level);
        }
    }
    for (k, priority) in p.1.iter().enumerate() {
        if let Some(priority) = priority {
            s = s.with_wish(SKILLS[k], *priority);
        }
    }
    s = s.with_languages(match p.2 {
        0..=2 => vec![],
        3 => vec!["pl"],
        4 => vec!["en"],
        _ => vec!["pl", "en"],
    });
    if p.3 > 0 {
        s = s.with_department(if p.3 == 1 { "A" } else { "B" });
    }
    if p.4 {
        s = s.with_capacity(0);
    }
    s
}

fn combinations() -> impl Strategy<Value = Combination> {
    select(vec![
        Combination::default(),
        Combination::Mutual { balance: 1.0 },
        Combination::Sum,
        Combination::Minimum,
        Combination::Product,
        Combination::Weighted {
            junior: 0.0,
            senior: 1.0,
        },
    ])
}

/// Checks one side's diagnosis against every subset of the side; `adj[x][y]` says whether
/// person `x` of the side may pair with person `y` of the other side (positions among the
/// available people), `ids` and `other_ids` their ids.
fn check_side(
    roster: &Roster,
    shortage: &Option<Shortage>,
    side: Side,
    adj: &[Vec<bool>],
    ids: &[String],
    other_ids: &[String],
    deficiency: usize,
) -> Result<(), TestCaseError> {
    let hall = |mask: u32| -> i64 {
        let x = mask.count_ones() as i64;
        let n = (0..other_ids.len())
            .filter(|&y| (0..ids.len()).any(|k| mask >> k & 1 == 1 && adj[k][y]))
            .count() as i64;
        x - n
    };
    let Some(s) = shortage else {
        prop_assert_eq!(deficiency, 0);
        for mask in 0..1u32 << ids.len() {
            prop_assert!(hall(mask) <= 0);
        }
        return Ok(());
    };
    prop_assert_eq!(s.side, side);
    prop_assert_eq!(s.deficiency as usize, deficiency);
    prop_assert!(deficiency > 0);
    // The witness, as positions; in roster order.
    let xs: Vec<usize> = s
        .people
        .iter()
        .map(|id| {
            ids.iter()
                .position(|i| i == id)
                .expect("an available person")
        })
        .collect();
    prop_assert!(xs.windows(2).all(|w| w[0] < w[1]), "not in roster order");
    let x_mask = xs.iter().fold(0u32, |m, &k| m | 1 << k);
    let partners: Vec<String> = (0..other_ids.len())
        .filter(|&y| xs.iter().any(|&k| adj[k][y]))
        .map(|y| other_ids[y].clone())
        .collect();
    prop_assert_eq!(&s.partners, &partners);
    prop_assert_eq!(s.places as usize, xs.len());
    prop_assert_eq!(s.partner_places as usize, partners.len());
    prop_assert_eq!(hall(x_mask), deficiency as i64);
    for mask in 0..1u32 << ids.len() {
        let h = hall(mask);
        prop_assert!(h <= deficiency as i64, "a larger deficiency: {:b}", mask);
        if h == deficiency as i64 {
            prop_assert_eq!(x_mask & !mask, 0, "not the smallest: {:b}", mask);
        }
    }
    // The skill lines, recounted.
    let find = |id: &str| roster.find(id).unwrap();
    let mut expected = Vec::new();
    for name in SKILLS {
        let Some(skill) = roster.skill(name) else {
            continue;
        };
        let wishers: Vec<u8> = s
            .people
            .iter()
            .map(|id| find(id))
            .filter(|&p| roster.wishes(p).iter().any(|w| w.0 == skill))
            .map(|p| roster.level(p, skill))
            .collect();
        let Some(&lowest) = wishers.iter().min() else {
            continue;
        };
        let teachers = s
            .partners
            .iter()
            .filter(|id| roster.level(find(id), skill) > lowest)
            .count() as u32;
        expected.push((name.to_string(), wishers.len() as u32, teachers));
    }
    expected.sort_by_key(|(name, w, t)| (std::cmp::Reverse(*w as i64 - *t as i64), name.clone()));
    let got: Vec<(String, u32, u32)> = s
        .skills
        .iter()
        .map(|l| (l.skill.clone(), l.wishing, l.teachers))
        .collect();
    prop_assert_eq!(got, expected);
    prop_assert!(
        s.skills
            .iter()
            .all(|l| l.wishing_places == u64::from(l.wishing) && l.places == u64::from(l.teachers))
    );
    Ok(())
}

proptest! {
    #![proptest_config(config(384))]

    #[test]
    fn agrees_with_brute_force_and_the_matcher(
        juniors in proptest::collection::vec(person(), 1..=6),
        seniors in proptest::collection::vec(person(), 1..=6),
        departments in any::<bool>(),
        combination in combinations(),
    ) {
        // Interleave the sides, so that positions and roster order differ.
        let mut people = Vec::new();
        for k in 0..juniors.len().max(seniors.len()) {
            if let Some(p) = seniors.get(k) {
                people.push(spec(senior_id(k), Side::Senior, p));
            }
            if let Some(p) = juniors.get(k) {
                people.push(spec(junior_id(k), Side::Junior, p));
            }
        }
        let roster = roster(people);
        let rules = if departments {
            Rules::default().with(DifferentDepartments)
        } else {
            Rules::default()
        };
        let matcher = Matcher::new().with_rules(rules).with_combination(combination);
        let scored = matcher.score(&roster).unwrap();
        let d = diagnose(&roster, &scored, combination).unwrap();

        // The compatibility graph, read off the public scores.
        let weights = scored.scores().weights(combination).unwrap();
        let (nj, ns) = (scored.juniors().len(), scored.seniors().len());
        let adj: Vec<Vec<bool>> = (0..nj)
            .map(|r| (0..ns).map(|c| weights.get(r, c).unwrap().is_finite()).collect())
            .collect();
        let adj_t: Vec<Vec<bool>> = (0..ns).map(|c| (0..nj).map(|r| adj[r][c]).collect()).collect();
        let max = most_pairs(adj.len(), ns, &|r, c| adj[r][c]);
        prop_assert_eq!(d.max_pairs as usize, max);

        let ids = |list: &[mentor_match::ParticipantId]| -> Vec<String> {
            list.iter().map(|&p| roster.id(p).to_owned()).collect()
        };
        let (jids, sids) = (ids(scored.juniors()), ids(scored.seniors()));
        check_side(&roster, &d.juniors, Side::Junior, &adj, &jids, &sids, nj - max)?;
        check_side(&roster, &d.seniors, Side::Senior, &adj_t, &sids, &jids, ns - max)?;

        // The matcher, under the default objective (most pairs), leaves exactly the
        // deficiency unmatched on each side, besides those not available.
        let m = matcher.solve(&roster).unwrap();
        for (side, shortage) in [(Side::Junior, &d.juniors), (Side::Senior, &d.seniors)] {
            let unmatched = m
                .unmatched()
                .iter()
                .filter(|u| u.side == side && u.reason != Reason::Unavailable)
                .count() as u64;
            prop_assert_eq!(unmatched, shortage.as_ref().map_or(0, |s| s.deficiency));
        }
    }
}
