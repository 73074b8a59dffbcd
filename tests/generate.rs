//! Integration tests of the synthetic populations (`mentor_match::generate`).
//!
//! - Value stability: a 3 + 3 population pinned as its whole JSON, and a digest of a 200 + 200
//!   one (sums and counts of every drawn attribute, and the first participants' skills and
//!   wishes), so that any change in sampling shows.
//! - Determinism and validity: a property test over random options (same seed, same spec;
//!   every spec validates and obeys its options), different seeds give different populations,
//!   a participant does not depend on how many others there are, and options that do not
//!   touch skills leave them unchanged (common random numbers).
//! - The model's knobs work: the leans, the taste correlation.
//! - Every option out of range is an error naming it.
//! - The default matcher pairs most of a default population.

mod common;
use mentor_match::generate::{DIGITAL, LEADERSHIP, Population};
use mentor_match::{Error, Matcher, OptionValue, ParticipantSpec, Roster, RosterSpec, Side};
use proptest::prelude::*;
use std::collections::BTreeMap;

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/// The population's spec, which must build.
#[track_caller]
fn build(p: &Population) -> RosterSpec {
    match p.build() {
        Ok(spec) => spec,
        Err(e) => panic!("{p:?} does not build: {e}"),
    }
}

/// The participants of one side.
fn side(spec: &RosterSpec, side: Side) -> impl Iterator<Item = &ParticipantSpec> {
    spec.participants.iter().filter(move |p| p.side == side)
}

/// A skill's category in the spec's catalog.
fn category<'a>(spec: &'a RosterSpec, skill: &str) -> Option<&'a str> {
    spec.skills
        .iter()
        .find(|s| s.id == skill)
        .and_then(|s| s.category.as_deref())
}

/// The average level of one side in the skills of one category, counting 0 for a skill not held.
fn average_level(spec: &RosterSpec, who: Side, of: &str) -> f64 {
    let skills = spec
        .skills
        .iter()
        .filter(|s| s.category.as_deref() == Some(of))
        .count();
    let (mut sum, mut people) = (0u64, 0u64);
    for p in side(spec, who) {
        people += 1;
        for (skill, &level) in &p.skills {
            if category(spec, skill) == Some(of) {
                sum += u64::from(level);
            }
        }
    }
    sum as f64 / (people * skills as u64) as f64
}

/// The share of a side's participants who wish for the side's most wished skill.
fn top_wish_share(spec: &RosterSpec, who: Side) -> f64 {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    let mut people = 0;
    for p in side(spec, who) {
        people += 1;
        for skill in p.wishes.keys() {
            *counts.entry(skill).or_default() += 1;
        }
    }
    *counts.values().max().unwrap_or(&0) as f64 / people as f64
}

/// A participant's id, `skill:level` and `skill:priority` lists, manager and timezone.
fn summary(p: &ParticipantSpec) -> String {
    let list = |m: &BTreeMap<String, u8>| {
        m.iter()
            .map(|(s, v)| format!("{s}:{v}"))
            .collect::<Vec<_>>()
            .join(",")
    };
    format!(
        "{} [{}] [{}] {:?} {:?}",
        p.id,
        list(&p.skills),
        list(&p.wishes),
        p.manager,
        p.timezone
    )
}

/// The option named by an `InvalidOption` error, which `p` must produce.
#[track_caller]
fn invalid_option(p: Population) -> &'static str {
    match p.build() {
        Err(Error::InvalidOption { option, .. }) => option,
        Err(e) => panic!("expected InvalidOption, got {e:?}"),
        Ok(_) => panic!("expected InvalidOption, got a population"),
    }
}

// ---------------------------------------------------------------------------------------------
// Value stability
// ---------------------------------------------------------------------------------------------

/// `Population::new(3, 3).with_seed(7)`, with every other option at its default.
const PINNED_3_3_SEED_7: &str = r#"{
  "skills": [
    {
      "id": "social-media",
      "category": "digital"
    },
    {
      "id": "data-analytics",
      "category": "digital"
    },
    {
      "id": "cloud-tools",
      "category": "digital"
    },
    {
      "id": "ai-assistants",
      "category": "digital"
    },
    {
      "id": "security-hygiene",
      "category": "digital"
    },
    {
      "id": "communication",
      "category": "leadership"
    },
    {
      "id": "strategy",
      "category": "leadership"
    },
    {
      "id": "negotiation",
      "category": "leadership"
    },
    {
      "id": "career",
      "category": "leadership"
    },
    {
      "id": "leadership",
      "category": "leadership"
    }
  ],
  "participants": [
    {
      "id": "j0001",
      "side": "junior",
      "skills": {
        "cloud-tools": 4,
        "security-hygiene": 4
      },
      "wishes": {
        "career": 5,
        "communication": 4,
        "negotiation": 5
      },
      "department": "d03",
      "languages": [
        "en"
      ],
      "experience_years": 10.0
    },
    {
      "id": "j0002",
      "side": "junior",
      "skills": {
        "cloud-tools": 3,
        "data-analytics": 5
      },
      "wishes": {
        "career": 4,
        "negotiation": 4
      },
      "department": "d01",
      "languages": [
        "en"
      ],
      "experience_years": 6.0
    },
    {
      "id": "j0003",
      "side": "junior",
      "skills": {
        "ai-assistants": 4,
        "security-hygiene": 4
      },
      "wishes": {
        "career": 4,
        "communication": 4,
        "strategy": 4
      },
      "department": "d01",
      "languages": [
        "en"
      ],
      "experience_years": 3.0
    },
    {
      "id": "s0001",
      "side": "senior",
      "skills": {
        "career": 4,
        "leadership": 3,
        "negotiation": 5
      },
      "wishes": {
        "social-media": 3
      },
      "department": "d07",
      "languages": [
        "en"
      ],
      "experience_years": 24.0
    },
    {
      "id": "s0002",
      "side": "senior",
      "skills": {
        "communication": 5,
        "negotiation": 5
      },
      "wishes": {
        "social-media": 4
      },
      "department": "d07",
      "languages": [
        "en"
      ],
      "experience_years": 21.0
    },
    {
      "id": "s0003",
      "side": "senior",
      "skills": {
        "career": 5,
        "communication": 2,
        "leadership": 5,
        "negotiation": 3
      },
      "wishes": {
        "ai-assistants": 4,
        "data-analytics": 4
      },
      "department": "d01",
      "languages": [
        "en"
      ],
      "experience_years": 21.0
    }
  ]
}"#;

#[test]
fn a_small_population_is_pinned() {
    let spec = build(&Population::new(3, 3).with_seed(7));
    assert_eq!(spec.to_json(), PINNED_3_3_SEED_7);
}

/// Sums and counts of everything drawn in a 200 + 200 population, and its first participants.
#[test]
fn a_larger_population_is_pinned_by_digest() {
    let spec = build(
        &Population::new(200, 200)
            .with_seed(7)
            .with_timezone_spread(12.0),
    );
    // The sum over the participants of a count or a level total of each.
    let total = |of: &dyn Fn(&ParticipantSpec) -> usize| -> usize {
        spec.participants.iter().map(of).sum()
    };
    let sum_levels = |levels: &BTreeMap<String, u8>| levels.values().map(|&l| usize::from(l)).sum();
    let levels = total(&|p| sum_levels(&p.skills));
    let priorities = total(&|p| sum_levels(&p.wishes));
    let skills = total(&|p| p.skills.len());
    let wishes = total(&|p| p.wishes.len());
    let managed = total(&|p| usize::from(p.manager.is_some()));
    let years: f64 = spec
        .participants
        .iter()
        .filter_map(|p| p.experience_years)
        .sum();
    let hours: f64 = spec.participants.iter().filter_map(|p| p.timezone).sum();
    let languages = total(&|p| p.languages.len());
    let mut departments: BTreeMap<&str, usize> = BTreeMap::new();
    for p in &spec.participants {
        *departments
            .entry(p.department.as_deref().unwrap_or("-"))
            .or_default() += 1;
    }
    let digest = format!(
        "levels {levels}, priorities {priorities}, skills {skills}, wishes {wishes}, \
         managed {managed}, years {years}, hours {hours}, languages {languages}, \
         departments {:?}",
        departments.values().collect::<Vec<_>>()
    );
    assert_eq!(
        digest,
        "levels 5041, priorities 3091, skills 1230, wishes 829, managed 44, years 5211, \
         hours 12, languages 549, departments [48, 46, 42, 50, 56, 47, 56, 55]"
    );
    // The first participants are those of the small population (see
    // `a_participant_does_not_depend_on_how_many_others_there_are`): pin later ones.
    let some: Vec<String> = ["j0100", "j0199", "j0200", "s0100", "s0200"]
        .iter()
        .map(|id| summary(spec.participants.iter().find(|p| p.id == *id).unwrap()))
        .collect();
    assert_eq!(
        some,
        [
            "j0100 [ai-assistants:5,cloud-tools:3,security-hygiene:4,social-media:2] [strategy:4] \
             None Some(-6.0)",
            "j0199 [ai-assistants:4,social-media:5] [career:4,leadership:3] Some(\"s0065\") \
             Some(-3.0)",
            "j0200 [data-analytics:5,security-hygiene:4] [career:5,negotiation:3,strategy:4] \
             None Some(-1.0)",
            "s0100 [career:4,communication:5] [data-analytics:4,social-media:5] None Some(-5.0)",
            "s0200 [leadership:5,negotiation:4] [cloud-tools:5,security-hygiene:5] None Some(4.0)",
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Determinism and validity
// ---------------------------------------------------------------------------------------------

/// Random options, every one in range, with the numbers of juniors and seniors.
fn population() -> impl Strategy<Value = (Population, usize, usize)> {
    let catalog = prop_oneof![
        Just(None),
        proptest::collection::vec((0u8..3, any::<bool>()), 1..8).prop_map(Some),
    ];
    // Each language once (a repeat is refused), in any order.
    let languages = proptest::collection::vec((0u8..4, 0.0f64..=1.0), 0..4).prop_map(|langs| {
        let mut seen = std::collections::BTreeSet::new();
        langs
            .into_iter()
            .filter(|&(l, _)| seen.insert(l))
            .collect::<Vec<_>>()
    });
    let counts = (0usize..6, 0usize..6, 0usize..6, 0usize..6);
    let years = (any::<u8>(), any::<u8>(), any::<u8>(), any::<u8>());
    (
        (0usize..12, 0usize..12, any::<u64>(), catalog),
        (0.0f64..=1.0, 0.0f64..=1.0, 0.0f64..=1.0, 0.0f64..=1.0),
        (counts, years, 0usize..5, languages),
        proptest::option::of(0.0f64..=24.0),
    )
        .prop_map(
            |((j, s, seed, catalog), (jl, sl, tau, managed), (c, y, d, langs), spread)| {
                let mut p = Population::new(j, s)
                    .with_seed(seed)
                    .with_junior_digital_lean(jl)
                    .with_senior_leadership_lean(sl)
                    .with_taste_correlation(tau)
                    .with_managed_share(managed)
                    .with_skill_count(c.0.min(c.1)..=c.0.max(c.1))
                    .with_wish_count(c.2.min(c.3)..=c.2.max(c.3))
                    .with_junior_experience(y.0.min(y.1)..=y.0.max(y.1))
                    .with_senior_experience(y.2.min(y.3)..=y.2.max(y.3))
                    .with_departments(d)
                    .with_languages(langs.into_iter().map(|(l, share)| (format!("l{l}"), share)));
                if let Some(catalog) = catalog {
                    let categories = [DIGITAL, LEADERSHIP, "other"];
                    p =
                        p.with_catalog(catalog.iter().enumerate().map(|(k, &(c, _))| {
                            (format!("skill-{k}"), categories[usize::from(c)])
                        }));
                }
                if let Some(hours) = spread {
                    p = p.with_timezone_spread(hours);
                }
                (p, j, s)
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    /// Every population builds, twice the same, validates, and obeys its options.
    #[test]
    fn every_population_is_deterministic_valid_and_as_asked((p, juniors, seniors) in population()) {
        let spec = build(&p);
        prop_assert_eq!(&build(&p), &spec);
        let roster = Roster::new(spec.clone());
        prop_assert!(roster.is_ok(), "{:?}", roster.err());
        prop_assert_eq!(side(&spec, Side::Junior).count(), juniors);
        prop_assert_eq!(side(&spec, Side::Senior).count(), seniors);
        for (k, p) in side(&spec, Side::Junior).enumerate() {
            prop_assert_eq!(&p.id, &format!("j{:04}", k + 1));
        }
        for (k, p) in side(&spec, Side::Senior).enumerate() {
            prop_assert_eq!(&p.id, &format!("s{:04}", k + 1));
        }
        for person in &spec.participants {
            prop_assert_eq!(person.capacity, 1);
            // No one wishes for what they already practise.
            for skill in person.wishes.keys() {
                prop_assert!(person.skills.get(skill).is_none_or(|&l| l < 3), "{:?}", person);
            }
            if let Some(hours) = person.timezone {
                prop_assert!((-12.0..=12.0).contains(&hours) && hours.fract() == 0.0);
            }
            if let Some(manager) = &person.manager {
                prop_assert_eq!(person.side, Side::Junior);
                let boss = spec.participants.iter().find(|q| &q.id == manager).unwrap();
                prop_assert_eq!(boss.side, Side::Senior);
                prop_assert_eq!(&boss.department, &person.department);
            }
        }
    }
}

#[test]
fn options_bound_what_is_drawn() {
    let spec = build(
        &Population::new(300, 300)
            .with_seed(11)
            .with_skill_count(1..=2)
            .with_wish_count(2..=2)
            .with_junior_experience(1..=3)
            .with_senior_experience(20..=20)
            .with_departments(3)
            .with_managed_share(1.0)
            .with_timezone_spread(6.0)
            .with_languages([("fi", 0.0), ("sv", 0.5)]),
    );
    for p in &spec.participants {
        assert!((1..=2).contains(&p.skills.len()), "{p:?}");
        // Two wishes among the eight or more skills they do not hold.
        assert_eq!(p.wishes.len(), 2, "{p:?}");
        assert!(
            p.skills
                .values()
                .chain(p.wishes.values())
                .all(|v| (1..=5).contains(v))
        );
        let years = p.experience_years.unwrap();
        match p.side {
            Side::Junior => assert!([1.0, 2.0, 3.0].contains(&years)),
            Side::Senior => assert_eq!(years, 20.0),
        }
        assert!(["d01", "d02", "d03"].contains(&p.department.as_deref().unwrap()));
        assert!((-3.0..=3.0).contains(&p.timezone.unwrap()));
        // "fi" is never drawn: someone who draws no language speaks the first listed.
        assert!(p.languages == ["sv"] || p.languages == ["fi"], "{p:?}");
        if p.side == Side::Junior {
            assert!(p.manager.is_some(), "every junior's department has seniors");
        }
    }
}

#[test]
fn no_departments_no_languages_no_managers() {
    let spec = build(
        &Population::new(20, 20)
            .with_departments(0)
            .with_managed_share(1.0)
            .with_languages(Vec::<(String, f64)>::new()),
    );
    for p in &spec.participants {
        assert_eq!(
            (&p.department, &p.manager, p.timezone),
            (&None, &None, None)
        );
        assert!(p.languages.is_empty());
    }
}

#[test]
fn different_seeds_give_different_populations() {
    let specs: Vec<RosterSpec> = (0..20)
        .map(|seed| build(&Population::new(10, 10).with_seed(seed)))
        .collect();
    for a in 0..specs.len() {
        for b in a + 1..specs.len() {
            assert_ne!(specs[a], specs[b], "seeds {a} and {b}");
        }
    }
    // Juniors and seniors draw from different streams, even at the same index.
    let spec = build(
        &Population::new(50, 50)
            .with_senior_leadership_lean(0.2)
            .with_seed(3),
    );
    let (j, s) = spec.participants.split_at(50);
    let same = (0..50).filter(|&k| j[k].skills == s[k].skills).count();
    assert!(same < 10, "{same} juniors have their senior twin's skills");
}

#[test]
fn a_participant_does_not_depend_on_how_many_others_there_are() {
    let small = build(&Population::new(50, 30).with_seed(9));
    let large = build(&Population::new(120, 80).with_seed(9));
    let (small_j, small_s) = small.participants.split_at(50);
    let (large_j, large_s) = large.participants.split_at(120);
    let without_manager = |p: &ParticipantSpec| {
        let mut p = p.clone();
        p.manager = None;
        p
    };
    for (a, b) in small_j.iter().zip(large_j) {
        assert_eq!(without_manager(a), without_manager(b));
    }
    assert_eq!(small_s, &large_s[..30]);
}

#[test]
fn options_that_do_not_touch_skills_leave_them_unchanged() {
    let base = Population::new(80, 80).with_seed(5);
    let skills = |spec: &RosterSpec| -> Vec<BTreeMap<String, u8>> {
        spec.participants.iter().map(|p| p.skills.clone()).collect()
    };
    let profile = |spec: &RosterSpec| -> Vec<String> {
        spec.participants
            .iter()
            .map(|p| {
                format!(
                    "{:?} {:?} {:?}",
                    p.department, p.languages, p.experience_years
                )
            })
            .collect()
    };
    let reference = build(&base);
    // The taste correlation re-weighs wishes only; the profile options touch no skill.
    let tasteful = build(&base.clone().with_taste_correlation(1.0));
    assert_eq!(skills(&tasteful), skills(&reference));
    assert_ne!(tasteful, reference);
    let moved = build(
        &base
            .clone()
            .with_timezone_spread(20.0)
            .with_departments(3)
            .with_managed_share(0.9),
    );
    for (a, b) in moved.participants.iter().zip(&reference.participants) {
        assert_eq!((&a.skills, &a.wishes), (&b.skills, &b.wishes));
    }
    // The leans re-weigh skills but leave the profile as it was.
    let leaning = build(&base.clone().with_junior_digital_lean(0.6));
    assert_eq!(profile(&leaning), profile(&reference));
    assert_ne!(skills(&leaning), skills(&reference));
}

// ---------------------------------------------------------------------------------------------
// The knobs
// ---------------------------------------------------------------------------------------------

/// The average levels of `who` in the digital and the leadership skills.
fn digital_and_leadership(spec: &RosterSpec, who: Side) -> (f64, f64) {
    (
        average_level(spec, who, DIGITAL),
        average_level(spec, who, LEADERSHIP),
    )
}

/// 500 juniors and `seniors` seniors drawn with `seed`, the juniors' digital lean `junior`
/// and, when given, the seniors' leadership lean `senior`.
fn leaning(seniors: usize, seed: u64, junior: f64, senior: Option<f64>) -> RosterSpec {
    let p = Population::new(500, seniors)
        .with_seed(seed)
        .with_junior_digital_lean(junior);
    build(&match senior {
        Some(lean) => p.with_senior_leadership_lean(lean),
        None => p,
    })
}

#[test]
fn juniors_lean_digital_and_seniors_lean_to_leadership() {
    let spec = leaning(500, 1, 0.9, Some(0.9));
    let (jd, jl) = digital_and_leadership(&spec, Side::Junior);
    let (sd, sl) = digital_and_leadership(&spec, Side::Senior);
    assert!(jd > 3.0 * jl, "juniors: digital {jd}, leadership {jl}");
    assert!(sl > 3.0 * sd, "seniors: digital {sd}, leadership {sl}");
    // And each side wishes for what the other teaches.
    let wishes_in = |who: Side, of: &str| {
        side(&spec, who)
            .flat_map(|p| p.wishes.keys())
            .filter(|s| category(&spec, s) == Some(of))
            .count()
    };
    assert!(wishes_in(Side::Junior, LEADERSHIP) > 3 * wishes_in(Side::Junior, DIGITAL));
    assert!(wishes_in(Side::Senior, DIGITAL) > 3 * wishes_in(Side::Senior, LEADERSHIP));

    // The other way round, the lean reverses.
    let (d, l) = digital_and_leadership(&leaning(0, 1, 0.1, None), Side::Junior);
    assert!(d < l, "reversed: digital {d}, leadership {l}");
}

#[test]
fn no_lean_treats_both_categories_alike() {
    let (d, l) = digital_and_leadership(&leaning(0, 2, 0.5, None), Side::Junior);
    assert!((d - l).abs() < 0.1 * (d + l), "digital {d}, leadership {l}");
}

#[test]
fn correlated_tastes_concentrate_wishes() {
    let share = |tau: f64| {
        let spec = build(
            &Population::new(500, 500)
                .with_seed(4)
                .with_taste_correlation(tau),
        );
        (
            top_wish_share(&spec, Side::Junior),
            top_wish_share(&spec, Side::Senior),
        )
    };
    let (independent, shared) = (share(0.0), share(1.0));
    assert!(shared.0 > independent.0 + 0.2, "{independent:?} {shared:?}");
    assert!(shared.1 > independent.1 + 0.2, "{independent:?} {shared:?}");
    // Full correlation: everyone who can wishes for the side's favourite.
    assert!(shared.0 > 0.95 && shared.1 > 0.95, "{shared:?}");
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

#[test]
#[expect(clippy::reversed_empty_ranges, reason = "empty ranges are under test")]
fn options_out_of_range_are_errors_naming_the_option() {
    let p = || Population::new(5, 5);
    let cases: Vec<(Population, &str)> = vec![
        (p().with_junior_digital_lean(1.5), "junior_digital_lean"),
        (
            p().with_junior_digital_lean(f64::NAN),
            "junior_digital_lean",
        ),
        (
            p().with_senior_leadership_lean(-0.1),
            "senior_leadership_lean",
        ),
        (p().with_taste_correlation(2.0), "taste_correlation"),
        (
            p().with_taste_correlation(f64::INFINITY),
            "taste_correlation",
        ),
        (p().with_managed_share(-1.0), "managed_share"),
        (p().with_languages([("en", 1.0), ("pl", 1.2)]), "languages"),
        (p().with_languages([("en", f64::NAN)]), "languages"),
        (p().with_timezone_spread(25.0), "timezone_spread"),
        (p().with_timezone_spread(-1.0), "timezone_spread"),
        (p().with_skill_count(3..=2), "skill_count"),
        (p().with_wish_count(1..=0), "wish_count"),
        (p().with_junior_experience(5..=4), "junior_experience"),
        (p().with_senior_experience(30..=8), "senior_experience"),
        (p().with_idiosyncratic(1.5), "idiosyncratic"),
        (p().with_idiosyncratic(-0.1), "idiosyncratic"),
        (p().with_idiosyncratic(f64::NAN), "idiosyncratic"),
        (p().with_catalog(Vec::<(String, String)>::new()), "catalog"),
        (Population::new(usize::MAX, 1), "juniors + seniors"),
    ];
    for (population, option) in cases {
        assert_eq!(invalid_option(population), option);
    }
    let err = p().with_taste_correlation(1.5).build().unwrap_err();
    assert_eq!(
        err.to_string(),
        "option `taste_correlation`: 1.5 is not a number in [0, 1]"
    );
}

#[test]
fn a_bad_catalog_is_the_model_s_catalog_error() {
    let twice = Population::new(1, 1).with_catalog([("a", DIGITAL), ("a", LEADERSHIP)]);
    assert!(matches!(twice.build(), Err(Error::DuplicateSkill { skill }) if skill == "a"));
    let empty = Population::new(1, 1).with_catalog([("", DIGITAL)]);
    assert!(matches!(empty.roster(), Err(Error::EmptySkill { .. })));
    assert!(matches!(empty.pair_scores(), Err(Error::EmptySkill { .. })));
}

// ---------------------------------------------------------------------------------------------
// Mentoring is possible
// ---------------------------------------------------------------------------------------------

#[test]
fn the_default_matcher_pairs_most_of_a_default_population() {
    let roster = Population::new(100, 100).roster().unwrap();
    let matching = Matcher::new().solve(&roster).unwrap();
    assert!(matching.pairs().len() >= 80, "{}", matching.pairs().len());
    assert!(matching.total_score() >= 0.5 * matching.pairs().len() as f64);

    // The scores for experiments: every pair, some forbidden by the default rules (managers,
    // experience), most allowed.
    let scores = Population::new(100, 100).pair_scores().unwrap();
    assert_eq!((scores.juniors(), scores.seniors()), (100, 100));
    let forbidden = scores.allowed().iter().filter(|&&ok| !ok).count();
    assert!(
        (1..1000).contains(&forbidden),
        "{forbidden} forbidden pairs"
    );
}

#[test]
fn population_is_send_and_sync() {
    common::assert_send_sync!(Population);
}

/// 100,000 + 100,000 participants: a few seconds in release mode. `cargo test --release --test
/// generate -- --ignored`.
#[test]
#[ignore = "large: run in release mode"]
fn a_large_population_is_feasible() {
    let start = std::time::Instant::now();
    let spec = build(&Population::new(100_000, 100_000).with_seed(1));
    assert_eq!(spec.participants.len(), 200_000);
    assert!(Roster::new(spec).is_ok());
    eprintln!("built and validated in {:.2?}", start.elapsed());
}

/// More departments than participants is an option error, not an allocation failure.
#[test]
fn too_many_departments_is_an_option_error() {
    let err = mentor_match::Population::new(2, 2)
        .with_departments(usize::MAX)
        .build()
        .unwrap_err();
    assert!(
        matches!(
            err,
            mentor_match::Error::InvalidOption {
                option: "departments",
                ..
            }
        ),
        "{err:?}"
    );
}

/// A language listed twice is refused, not drawn as one language with a larger share: each
/// repeated language is named once, every one of them.
#[test]
fn a_language_listed_twice_is_refused_by_name() {
    let err = Population::new(4, 4)
        .with_languages([("pl", 0.5), ("en", 1.0), ("pl", 0.2)])
        .build()
        .unwrap_err();
    assert_eq!(
        err,
        Error::DuplicateLanguage {
            language: "pl".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "language `pl` appears more than once in the population's languages"
    );
    let err = Population::new(4, 4)
        .with_languages([
            ("pl", 0.5),
            ("de", 0.1),
            ("en", 1.0),
            ("de", 0.2),
            ("pl", 0.2),
            ("pl", 0.3),
        ])
        .build()
        .unwrap_err();
    let named: Vec<&str> = err
        .all()
        .iter()
        .map(|e| match e {
            Error::DuplicateLanguage { language } => language.as_str(),
            other => panic!("expected DuplicateLanguage, got {other:?}"),
        })
        .collect();
    assert_eq!(named, ["de", "pl"], "{err}");
    // Scoring the population refuses it too.
    assert!(
        Population::new(4, 4)
            .with_languages([("en", 0.5), ("en", 0.5)])
            .pair_scores()
            .is_err()
    );
}

/// A count in an option error keeps every digit: 2^62 + 1 as an `f64` would print as
/// 4611686018427388000, a number nobody gave.
#[test]
fn option_errors_quote_whole_numbers_exactly() {
    let big = (1_usize << 62) + 1;
    let err = Population::new(2, 2)
        .with_departments(big)
        .build()
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidOption {
                option: "departments",
                value: OptionValue::Integer(4_611_686_018_427_387_905),
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "option `departments`: 4611686018427387905 is not at most 1000000 departments"
    );
    // Sizes whose sum overflows: the sum itself, exactly.
    let err = Population::new(usize::MAX, usize::MAX).build().unwrap_err();
    assert_eq!(
        err.to_string(),
        "option `juniors + seniors`: 36893488147419103230 is not at most 4294967295 \
         participants in all"
    );
    // An empty range names its start, exactly, and a fraction stays a float.
    let err = Population::new(2, 2)
        .with_skill_count(big..=1)
        .build()
        .unwrap_err();
    assert!(err.to_string().contains(" 4611686018427387905 "), "{err}");
    let err = Population::new(2, 2)
        .with_taste_correlation(1.5)
        .build()
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::InvalidOption {
                value: OptionValue::Float(1.5),
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn a_population_too_large_for_memory_is_an_error_not_an_abort() {
    // Within the participant limit (2^32 − 1 in all), far beyond any memory: the roster's
    // lists are reserved before anything is drawn, and the reservation fails.
    let population = Population::new(2_000_000_000, 2_000_000_000);
    for result in [
        population.build().map(|_| ()),
        population.pair_scores().map(|_| ()),
    ] {
        match result {
            Err(Error::Matrix(mentor_match::MatrixError::TooLarge { what, rows, .. })) => {
                assert!(what.contains("synthetic roster"), "{what}");
                assert_eq!(rows, 4_000_000_000);
            }
            other => panic!("expected TooLarge, got {other:?}"),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Continuous, unsaturated utilities
// ---------------------------------------------------------------------------------------------

/// The share of the allowed gains (both directions) that are exactly 0 or exactly 1, and the
/// number of distinct allowed gains.
fn saturation(scores: &mentor_match::PairScores) -> (f64, usize) {
    let allowed = scores.allowed();
    let gains: Vec<f64> = (0..allowed.len())
        .filter(|&k| allowed[k])
        .flat_map(|k| [scores.junior_gains()[k], scores.senior_gains()[k]])
        .collect();
    let saturated = gains.iter().filter(|&&g| g == 0.0 || g == 1.0).count();
    let mut distinct = gains.clone();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    (saturated as f64 / gains.len() as f64, distinct.len())
}

/// The default scores saturate; with an idiosyncratic part no allowed gain is 0 or 1 and no two
/// are equal, the forbidden pairs stay those of the mentoring scores, and every gain is the
/// documented blend of the mentoring gain (weight 0 is the mentoring score itself).
#[test]
fn an_idiosyncratic_part_makes_gains_continuous_and_unsaturated() {
    let base = Population::new(200, 200).with_seed(4);
    let plain = base.pair_scores().unwrap();
    let (share, _) = saturation(&plain);
    assert!(share > 0.3, "the mentoring scores saturate: {share}");
    assert_eq!(
        base.clone().with_idiosyncratic(0.0).pair_scores().unwrap(),
        plain
    );
    for w in [0.05, 0.3, 1.0] {
        let blended = base.clone().with_idiosyncratic(w).pair_scores().unwrap();
        assert_eq!(blended.allowed(), plain.allowed(), "w = {w}");
        let (share, distinct) = saturation(&blended);
        assert_eq!(share, 0.0, "w = {w}");
        let allowed = blended.allowed().iter().filter(|&&ok| ok).count();
        assert_eq!(distinct, 2 * allowed, "w = {w}: no ties");
        for k in (0..allowed).filter(|&k| blended.allowed()[k]) {
            for (g, b) in [
                (plain.junior_gains()[k], blended.junior_gains()[k]),
                (plain.senior_gains()[k], blended.senior_gains()[k]),
            ] {
                // b = (1 - w) g + w e with e in [0, 1).
                let e = (b - (1.0 - w) * g) / w;
                assert!((-1e-12..1.0).contains(&e), "w = {w}: {g} -> {b}");
            }
        }
        // The same seed and weight give the same gains; another seed others.
        assert_eq!(
            base.clone().with_idiosyncratic(w).pair_scores().unwrap(),
            blended
        );
        assert_ne!(
            base.clone()
                .with_seed(5)
                .with_idiosyncratic(w)
                .pair_scores()
                .unwrap(),
            blended
        );
    }
}

/// A pair's idiosyncratic draws do not depend on how many juniors there are, nor on the seniors
/// after it: the first rows and columns of a larger population's blended gains are those of a
/// smaller one, wherever their mentoring gains agree.
#[test]
fn idiosyncratic_draws_do_not_depend_on_the_population_size() {
    let small = Population::new(20, 15).with_seed(9);
    let large = Population::new(40, 30).with_seed(9);
    let (sp, lp) = (small.pair_scores().unwrap(), large.pair_scores().unwrap());
    let (sb, lb) = (
        small.with_idiosyncratic(0.5).pair_scores().unwrap(),
        large.with_idiosyncratic(0.5).pair_scores().unwrap(),
    );
    let mut compared = 0;
    for j in 0..20 {
        for s in 0..15 {
            let (ks, kl) = (j * 15 + s, j * 30 + s);
            if sp.junior_gains()[ks] == lp.junior_gains()[kl] && sp.allowed()[ks] {
                assert_eq!(sb.junior_gains()[ks], lb.junior_gains()[kl], "({j}, {s})");
                compared += 1;
            }
        }
    }
    assert!(compared > 100, "{compared}");
}

/// Pinned values: a change in the draws is a visible change of the crate.
#[test]
fn idiosyncratic_gains_are_pinned() {
    let scores = Population::new(3, 3)
        .with_seed(7)
        .with_idiosyncratic(0.25)
        .pair_scores()
        .unwrap();
    let digest: Vec<String> = scores
        .junior_gains()
        .iter()
        .chain(scores.senior_gains())
        .map(|g| format!("{g:.6}"))
        .collect();
    assert_eq!(
        digest.join(" "),
        "0.557678 0.575578 0.880060 0.774350 0.435351 0.983472 0.465729 0.437466 0.629190 \
         0.127676 0.017438 0.032998 0.008062 0.215160 0.427243 0.228338 0.061458 0.400806"
    );
}
