//! The top-choice guarantee: everyone available who listed choices gets one of their first
//! `k`, or the matcher names who cannot. Against a brute force over every matching of small
//! rosters, the result is the best of the documented objective among the matchings that keep
//! the guarantee.

mod common;

use common::brute::each_matching;
use mentor_match::{Combination, Error, Matcher, ParticipantSpec, Roster, RosterSpec, Side};
use proptest::prelude::*;

const SKILLS: [&str; 2] = ["sql", "strategy"];

type Person = (Vec<u8>, u32, Option<Vec<usize>>);

fn person(others: usize) -> impl Strategy<Value = Person> {
    let choices = Just((0..others).collect::<Vec<usize>>())
        .prop_shuffle()
        .prop_flat_map(move |order| (Just(order), 1..=others))
        .prop_map(|(order, len)| order[..len].to_vec());
    (
        prop::collection::vec(0u8..=5, 4),
        prop::sample::select(vec![0u32, 1, 1, 1]),
        prop::option::weighted(0.6, choices),
    )
}

fn rosters() -> impl Strategy<Value = (Roster, u32)> {
    (1usize..=4, 1usize..=4, 1u32..=2).prop_flat_map(|(nj, ns, k)| {
        (
            prop::collection::vec(person(ns), nj),
            prop::collection::vec(person(nj), ns),
            Just(k),
        )
            .prop_map(|(juniors, seniors, k)| {
                let id = |side: Side, i: usize| {
                    format!("{}{i}", if side == Side::Junior { "j" } else { "s" })
                };
                let mut spec = RosterSpec::new().with_top_choice_guarantee(Some(k));
                for (side, people) in [(Side::Junior, juniors), (Side::Senior, seniors)] {
                    for (i, (levels, capacity, choices)) in people.into_iter().enumerate() {
                        let mut p = ParticipantSpec::new(id(side, i), side).with_capacity(capacity);
                        for (s, name) in SKILLS.iter().enumerate() {
                            if levels[s] > 0 {
                                p = p.with_skill(*name, levels[s]);
                            }
                            if levels[2 + s] > 0 {
                                p = p.with_wish(*name, levels[2 + s]);
                            }
                        }
                        if let Some(list) = choices {
                            p = p.with_choices(list.into_iter().map(|q| id(side.other(), q)));
                        }
                        spec = spec.with_participant(p);
                    }
                }
                (Roster::new(spec).expect("valid roster"), k)
            })
    })
}

proptest! {
    #![proptest_config(common::config(400))]

    #[test]
    fn the_guarantee_holds_or_the_unserved_are_named((roster, k) in rosters()) {
        let matcher = Matcher::new();
        let scored = matcher.score(&roster).unwrap();
        let w = scored.weights(Combination::default()).unwrap();
        let (js, ss) = (scored.juniors(), scored.seniors());
        let spec = |p| roster.participant(p);
        // Whether `q` is among `p`'s first `k` choices, from the spec alone.
        let among = |p, q| {
            spec(p).choices.iter().take(k as usize).any(|c| c == roster.id(q))
        };
        let guaranteed = |p| !spec(p).choices.is_empty();
        // Every pair the scores allow keeps the guarantee of both.
        for (r, &j) in js.iter().enumerate() {
            for (c, &s) in ss.iter().enumerate() {
                if w.get(r, c).unwrap().is_finite() {
                    prop_assert!(!guaranteed(j) || among(j, s));
                    prop_assert!(!guaranteed(s) || among(s, j));
                }
            }
        }
        // The best (pairs, total) among the matchings that serve every guaranteed person.
        let mut best: Option<(usize, f64)> = None;
        each_matching(js.len(), ss.len(), &|r, c| w.get(r, c).unwrap().is_finite(), &mut |pairs| {
            let served = js.iter().enumerate().all(|(r, &j)| !guaranteed(j) || pairs.iter().any(|p| p.0 == r))
                && ss.iter().enumerate().all(|(c, &s)| !guaranteed(s) || pairs.iter().any(|p| p.1 == c));
            if served {
                let total: f64 = pairs.iter().map(|&(r, c)| w.get(r, c).unwrap()).sum();
                let better = match best {
                    None => true,
                    Some((n, t)) => pairs.len() > n || (pairs.len() == n && total > t + 1e-12),
                };
                if better {
                    best = Some((pairs.len(), total));
                }
            }
        });
        match matcher.solve(&roster) {
            Ok(m) => {
                let (n, t) = best.expect("solved, so some matching keeps the guarantee");
                prop_assert_eq!(m.pairs().len(), n);
                prop_assert!((m.total_score() - t).abs() < 1e-9, "{} vs {}", m.total_score(), t);
                for &p in js.iter().chain(ss) {
                    if guaranteed(p) {
                        let partner = m.partner_of(roster.id(p)).expect("guaranteed, so matched");
                        prop_assert!(among(p, roster.find(partner).unwrap()));
                    }
                }
            }
            Err(err) => {
                prop_assert!(best.is_none(), "refused, but a matching keeps the guarantee: {}", err);
                for e in err.all() {
                    let Error::TopChoiceUnmet { participant, top } = e else {
                        panic!("unexpected error {e}");
                    };
                    prop_assert_eq!(*top, k);
                    prop_assert!(guaranteed(roster.find(participant).unwrap()));
                }
            }
        }
    }
}

#[test]
fn the_guarantee_is_validated() {
    let err = Roster::from_json(
        r#"{"top_choice_guarantee": 0, "participants": [
        {"id": "ola", "side": "junior", "capacity": 2, "choices": ["jan"]},
        {"id": "jan", "side": "senior"}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.all().len(), 2);
    assert!(matches!(
        err.all()[0],
        Error::InvalidOption {
            option: "top_choice_guarantee",
            ..
        }
    ));
    assert!(
        matches!(&err.all()[1], Error::InvalidField { participant, field, .. }
        if participant == "ola" && field == "capacity")
    );
}

#[test]
fn a_guaranteed_choice_beats_a_better_score_and_the_unserved_are_named() {
    // Ola learns far more from jan, but was promised one of her first choices: eva.
    let roster = Roster::from_json(
        r#"{"top_choice_guarantee": 1, "participants": [
        {"id": "ola", "side": "junior", "wishes": {"sql": 5}, "choices": ["eva", "jan"]},
        {"id": "jan", "side": "senior", "skills": {"sql": 5}},
        {"id": "eva", "side": "senior", "skills": {"sql": 2}}]}"#,
    )
    .unwrap();
    let m = Matcher::new().solve(&roster).unwrap();
    assert_eq!(m.partner_of("ola"), Some("eva"));
    // Two juniors promised the same first choice: one of them cannot be served.
    let roster = Roster::from_json(
        r#"{"top_choice_guarantee": 1, "participants": [
        {"id": "ola", "side": "junior", "wishes": {"sql": 5}, "choices": ["eva"]},
        {"id": "kai", "side": "junior", "wishes": {"sql": 4}, "choices": ["eva"]},
        {"id": "eva", "side": "senior", "skills": {"sql": 2}}]}"#,
    )
    .unwrap();
    let err = Matcher::new().solve(&roster).unwrap_err();
    assert!(matches!(err, Error::TopChoiceUnmet { top: 1, .. }), "{err}");
}

#[test]
fn a_programme_round_keeps_the_guarantee_and_minimums_or_names_who_cannot_be_served() {
    use mentor_match::Programme;
    use mentor_match::programme::PairIds;
    let roster = Roster::from_json(
        r#"{"top_choice_guarantee": 1, "participants": [
        {"id": "ola", "side": "junior", "wishes": {"sql": 5}, "choices": ["eva"]},
        {"id": "jan", "side": "senior", "skills": {"sql": 5}},
        {"id": "eva", "side": "senior", "skills": {"sql": 2}}]}"#,
    )
    .unwrap();
    let round = Programme::new(Matcher::new()).round(&roster).unwrap();
    assert_eq!(round.matching.partner_of("ola"), Some("eva"));
    // A ban on her only first choice: the round is refused, naming her.
    let err = Programme::new(Matcher::new())
        .with_ban(PairIds::new("ola", "eva"))
        .round(&roster)
        .unwrap_err();
    assert!(
        matches!(&err, Error::TopChoiceUnmet { participant, top: 1 } if participant == "ola"),
        "{err}"
    );
    // A minimum of two partners with one senior allowed: refused too.
    let roster = Roster::from_json(
        r#"{"participants": [
        {"id": "ola", "side": "junior", "wishes": {"sql": 5}, "capacity": 2, "min_partners": 2},
        {"id": "jan", "side": "senior", "skills": {"sql": 5}},
        {"id": "eva", "side": "senior", "skills": {"sql": 2}}]}"#,
    )
    .unwrap();
    let err = Programme::new(Matcher::new())
        .with_ban(PairIds::new("ola", "jan"))
        .round(&roster)
        .unwrap_err();
    assert!(
        matches!(
            &err,
            Error::MinimumUnmet {
                minimum: 2,
                partners: 1,
                ..
            }
        ),
        "{err}"
    );
}
