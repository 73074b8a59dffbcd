//! Minimum numbers of partners in many-to-many assignment (`capacitated`'s minimums): against
//! a brute force over every feasible set of pairs up to 4 × 4, the solver serves as many
//! partners towards the minimums as any set can, then optimises the documented levels.

mod common;
use common::brute::each_capacitated;
use common::config;
use mentor_match::MatrixError;
use mentor_match::capacitated::{Cardinality, Options, Problem, Spreading, solve};
use proptest::prelude::*;
use proptest::sample::select;

const NEG_INF: f64 = f64::NEG_INFINITY;

fn all_options() -> [Options; 4] {
    let o = Options::new;
    [
        o(),
        o().with_cardinality(Cardinality::Any),
        o().with_spreading(Spreading::Free),
        o().with_spreading(Spreading::Free)
            .with_cardinality(Cardinality::Any),
    ]
}

/// (served, covered, pairs, total) as the module docs define them, skipped levels 0.
#[allow(clippy::too_many_arguments)]
fn objective(
    (n, m): (usize, usize),
    weights: &[f64],
    (jmin, smin): (&[u32], &[u32]),
    locks: &[(usize, usize)],
    pairs: &[(usize, usize)],
    options: Options,
) -> (i64, i64, i64, f64) {
    let mut jc = vec![0u32; n];
    let mut sc = vec![0u32; m];
    let mut total = 0.0;
    for &(j, s) in pairs {
        jc[j] += 1;
        sc[s] += 1;
        total += weights[j * m + s];
    }
    let _ = locks;
    let served: i64 = jc
        .iter()
        .zip(jmin)
        .chain(sc.iter().zip(smin))
        .map(|(&c, &l)| i64::from(c.min(l)))
        .sum();
    let covered = jc.iter().chain(&sc).filter(|&&c| c > 0).count() as i64;
    let spread = options.spreading() == Spreading::FirstPartnersFirst;
    let most = options.cardinality() == Cardinality::Maximum;
    (
        served,
        if spread { covered } else { 0 },
        if most { pairs.len() as i64 } else { 0 },
        total,
    )
}

fn better(a: (i64, i64, i64, f64), b: (i64, i64, i64, f64)) -> bool {
    (a.0, a.1, a.2) > (b.0, b.1, b.2) || ((a.0, a.1, a.2) == (b.0, b.1, b.2) && a.3 > b.3)
}

type Case = (
    usize,
    usize,
    Vec<f64>,
    Vec<(u32, u32)>,
    Vec<(u32, u32)>,
    Option<(usize, usize)>,
);

fn cases() -> impl Strategy<Value = Case> {
    let weight = prop_oneof![
        1 => Just(NEG_INF),
        4 => select(vec![-1.0, 0.0, 0.5, 1.0, 2.0]),
    ];
    // (capacity, minimum) with the minimum at most the capacity.
    let person = (0u32..=3).prop_flat_map(|c| (Just(c), 0..=c));
    (1usize..=4, 1usize..=4).prop_flat_map(move |(n, m)| {
        (
            Just(n),
            Just(m),
            proptest::collection::vec(weight.clone(), n * m),
            proptest::collection::vec(person.clone(), n),
            proptest::collection::vec(person.clone(), m),
            proptest::option::of((0..n, 0..m)),
        )
    })
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn minimums_come_first_against_brute_force(
        (n, m, weights, juniors, seniors, lock) in cases()
    ) {
        let jcap: Vec<u32> = juniors.iter().map(|p| p.0).collect();
        let jmin: Vec<u32> = juniors.iter().map(|p| p.1).collect();
        let scap: Vec<u32> = seniors.iter().map(|p| p.0).collect();
        let smin: Vec<u32> = seniors.iter().map(|p| p.1).collect();
        let mut problem = Problem::new(n, m, weights.clone()).unwrap()
            .with_junior_capacities(jcap.clone()).unwrap()
            .with_senior_capacities(scap.clone()).unwrap()
            .with_junior_minimums(jmin.clone()).unwrap()
            .with_senior_minimums(smin.clone()).unwrap();
        let mut locks = Vec::new();
        if let Some((j, s)) = lock
            && let Ok(p) = problem.clone().with_lock(j, s)
        {
            problem = p;
            locks.push((j, s));
        }
        for options in all_options() {
            let mut best: Option<(i64, i64, i64, f64)> = None;
            each_capacitated(
                (n, m),
                &|j, s| weights[j * m + s] != NEG_INF,
                (&jcap, &scap),
                &locks,
                &mut |pairs| {
                    let v = objective((n, m), &weights, (&jmin, &smin), &locks, pairs, options);
                    if best.is_none_or(|b| better(v, b)) {
                        best = Some(v);
                    }
                },
            );
            let sol = solve(&problem, options).unwrap();
            let got = objective((n, m), &weights, (&jmin, &smin), &locks, sol.pairs(), options);
            let best = best.unwrap();
            prop_assert_eq!((got.0, got.1, got.2), (best.0, best.1, best.2), "{:?}", options);
            prop_assert!((got.3 - best.3).abs() < 1e-9, "{:?}: {:?} vs {:?}", options, got, best);
            for l in &locks {
                prop_assert!(sol.pairs().contains(l));
            }
        }
    }
}

#[test]
fn a_minimum_above_the_capacity_is_named() {
    let p = Problem::new(2, 1, vec![0.5, 0.5]).unwrap();
    let err = p.clone().with_junior_minimums(vec![0, 2]).unwrap_err();
    assert_eq!(
        err,
        MatrixError::MinimumAboveCapacity {
            side: "junior",
            index: 1,
            minimum: 2,
            capacity: 1
        }
    );
    // Lowering a capacity below a minimum set earlier is refused too.
    let p = p
        .with_senior_capacities(vec![2])
        .unwrap()
        .with_senior_minimums(vec![2])
        .unwrap();
    assert!(matches!(
        p.with_senior_capacities(vec![1]),
        Err(MatrixError::MinimumAboveCapacity {
            side: "senior",
            index: 0,
            ..
        })
    ));
    assert!(matches!(
        Problem::new(1, 1, vec![0.5])
            .unwrap()
            .with_junior_minimums(vec![]),
        Err(MatrixError::LengthMismatch { .. })
    ));
}

mod matcher {
    use super::common::brute::each_capacitated;
    use super::common::config;
    use mentor_match::model::{Attribute, Criterion, Relation, Strength};
    use mentor_match::{Combination, Error, Matcher, ParticipantSpec, Roster, RosterSpec, Side};
    use proptest::prelude::*;

    const SKILLS: [&str; 2] = ["sql", "strategy"];

    /// Small rosters whose participants have capacities 0..=2 and minimums up to them, a
    /// region (sometimes missing), sometimes a first choice or an avoid, and criteria on the
    /// region: none, a `must`, a weight, or both.
    fn rosters() -> impl Strategy<Value = Roster> {
        let person = (
            prop::collection::vec(0u8..=5, 2),
            prop::collection::vec(0u8..=5, 2),
            (0u32..=2).prop_flat_map(|c| (Just(c), 0..=c)),
            (
                prop::option::of(0u8..2),
                prop::option::of(0usize..3),
                prop::option::of(0usize..3),
            ),
        );
        (
            prop::collection::vec(person.clone(), 1..=3),
            prop::collection::vec(person, 1..=3),
            0u8..4,
        )
            .prop_map(|(juniors, seniors, criteria)| {
                let counts = [juniors.len(), seniors.len()];
                let mut spec = RosterSpec::new();
                if criteria & 1 == 1 {
                    spec = spec.with_criterion(Criterion::new(
                        "region",
                        Relation::Different,
                        Strength::Must,
                    ));
                }
                if criteria & 2 == 2 {
                    spec = spec.with_criterion(Criterion::new(
                        "region",
                        Relation::Same,
                        Strength::High,
                    ));
                }
                for (side, people) in [(Side::Junior, juniors), (Side::Senior, seniors)] {
                    let others = counts[usize::from(side == Side::Junior)];
                    let other = |q: usize| {
                        format!(
                            "{}{}",
                            if side == Side::Junior { "s" } else { "j" },
                            q % others
                        )
                    };
                    for (k, (skills, wishes, (cap, min), (region, choice, avoid))) in
                        people.into_iter().enumerate()
                    {
                        let id = format!("{}{k}", if side == Side::Junior { "j" } else { "s" });
                        let mut p = ParticipantSpec::new(id, side)
                            .with_capacity(cap)
                            .with_min_partners(min);
                        if let Some(r) = region {
                            p = p.with_attribute("region", Attribute::Text(format!("r{r}")));
                        }
                        if let Some(q) = choice {
                            p = p.with_choices([other(q)]);
                        }
                        if let Some(q) = avoid {
                            p = p.with_avoid(other(q));
                        }
                        for (name, (&l, &w)) in SKILLS.iter().zip(skills.iter().zip(&wishes)) {
                            if l > 0 {
                                p = p.with_skill(*name, l);
                            }
                            if w > 0 {
                                p = p.with_wish(*name, w);
                            }
                        }
                        spec = spec.with_participant(p);
                    }
                }
                let regions = spec.participants.iter().any(|p| !p.attributes.is_empty());
                if !regions {
                    spec.criteria.clear();
                }
                Roster::new(spec).unwrap()
            })
    }

    proptest! {
        #![proptest_config(config(300))]

        /// The matcher meets every minimum exactly when some allowed set of pairs does, and
        /// otherwise names participants left short.
        #[test]
        fn minimums_are_met_or_the_short_are_named(roster in rosters()) {
            let matcher = Matcher::new();
            let scored = matcher.score(&roster).unwrap();
            let w = scored.weights(Combination::default()).unwrap();
            let (js, ss) = (scored.juniors(), scored.seniors());
            let field = |ids: &[mentor_match::ParticipantId], f: fn(&ParticipantSpec) -> u32| {
                ids.iter().map(|&p| f(roster.participant(p))).collect::<Vec<u32>>()
            };
            let (jcap, scap) = (field(js, |p| p.capacity), field(ss, |p| p.capacity));
            let (jmin, smin) = (field(js, |p| p.min_partners), field(ss, |p| p.min_partners));
            // The best (covered, pairs, total) among the allowed sets that meet every minimum:
            // the matcher's objective once the minimums are served.
            let mut best: Option<(usize, usize, f64)> = None;
            each_capacitated(
                (js.len(), ss.len()),
                &|j, s| w.get(j, s).unwrap().is_finite(),
                (&jcap, &scap),
                &[],
                &mut |pairs| {
                    let mut jc = vec![0u32; js.len()];
                    let mut sc = vec![0u32; ss.len()];
                    for &(j, s) in pairs {
                        jc[j] += 1;
                        sc[s] += 1;
                    }
                    if jc.iter().zip(&jmin).all(|(c, m)| c >= m)
                        && sc.iter().zip(&smin).all(|(c, m)| c >= m)
                    {
                        let covered = jc.iter().chain(&sc).filter(|&&c| c > 0).count();
                        let total: f64 = pairs.iter().map(|&(j, s)| w.get(j, s).unwrap()).sum();
                        let v = (covered, pairs.len(), total);
                        let better = match best {
                            None => true,
                            Some(b) => (v.0, v.1) > (b.0, b.1) || ((v.0, v.1) == (b.0, b.1) && v.2 > b.2 + 1e-12),
                        };
                        if better {
                            best = Some(v);
                        }
                    }
                },
            );
            let feasible = best.is_some();
            // Participants with capacity 0 are not available and have minimum 0.
            match matcher.solve(&roster) {
                Ok(m) => {
                    prop_assert!(feasible, "solved although no set meets the minimums");
                    let (covered, pairs, total) = best.unwrap();
                    let people: std::collections::BTreeSet<&str> = m
                        .pairs()
                        .iter()
                        .flat_map(|p| [p.junior.as_str(), p.senior.as_str()])
                        .collect();
                    prop_assert_eq!((people.len(), m.pairs().len()), (covered, pairs));
                    prop_assert!((m.total_score() - total).abs() < 1e-9, "{} vs {}", m.total_score(), total);
                    // Must criteria and avoid lists hold in every pair.
                    for pair in m.pairs() {
                        let (j, s) = (roster.find(&pair.junior).unwrap(), roster.find(&pair.senior).unwrap());
                        prop_assert!(!roster.avoids(j, s));
                        if roster.criteria().iter().any(|c| c.strength == Strength::Must) {
                            let (a, b) = (roster.attribute(j, "region"), roster.attribute(s, "region"));
                            prop_assert!(a.is_none() || b.is_none() || a != b);
                        }
                    }
                    for p in roster.participants() {
                        let got = m.partners_of(roster.id(p)).len() as u32;
                        prop_assert!(got >= roster.participant(p).min_partners);
                    }
                }
                Err(err) => {
                    prop_assert!(!feasible, "refused a feasible roster: {}", err);
                    for e in err.all() {
                        let Error::MinimumUnmet { participant, minimum, partners } = e else {
                            panic!("unexpected error {e}");
                        };
                        let p = roster.find(participant).unwrap();
                        prop_assert_eq!(*minimum, roster.participant(p).min_partners);
                        prop_assert!(partners < minimum);
                    }
                }
            }
        }
    }

    #[test]
    fn minimums_are_validated_and_refused_where_not_honoured() {
        let err = Roster::from_json(
            r#"{"participants": [{"id": "ola", "side": "junior", "min_partners": 2}]}"#,
        )
        .unwrap_err();
        assert!(
            matches!(err, Error::InvalidField { ref participant, ref field, .. }
            if participant == "ola" && field == "min_partners")
        );
        let roster = Roster::from_json(
            r#"{"participants": [
            {"id": "ola", "side": "junior", "skills": {"sql": 5}, "min_partners": 1},
            {"id": "jan", "side": "senior", "wishes": {"sql": 3}}]}"#,
        )
        .unwrap();
        let err = Matcher::new()
            .with_strategy(mentor_match::strategy::Greedy)
            .solve(&roster)
            .unwrap_err();
        assert!(
            matches!(err, Error::UnsupportedMinimum { ref participant, minimum: 1, .. }
            if participant == "ola")
        );
        let err = Matcher::new()
            .with_method(mentor_match::Method::Sparse)
            .solve(&roster)
            .unwrap_err();
        assert!(matches!(err, Error::SparseUnsupported { .. }));
        assert_eq!(
            Matcher::new().solve(&roster).unwrap().partner_of("ola"),
            Some("jan")
        );
    }

    #[test]
    fn an_unmet_minimum_names_who_cannot_be_served() {
        // Two juniors each need two seniors; only three senior places exist.
        let roster = Roster::from_json(
            r#"{"participants": [
            {"id": "ada", "side": "junior", "skills": {"sql": 5}, "capacity": 2, "min_partners": 2},
            {"id": "bo", "side": "junior", "skills": {"sql": 5}, "capacity": 2, "min_partners": 2},
            {"id": "s1", "side": "senior", "wishes": {"sql": 3}},
            {"id": "s2", "side": "senior", "wishes": {"sql": 3}},
            {"id": "s3", "side": "senior", "wishes": {"sql": 3}}]}"#,
        )
        .unwrap();
        let err = Matcher::new().solve(&roster).unwrap_err();
        assert_eq!(err.all().len(), 1);
        assert!(matches!(
            &err.all()[0],
            Error::MinimumUnmet {
                minimum: 2,
                partners: 1,
                ..
            }
        ));
    }
}
