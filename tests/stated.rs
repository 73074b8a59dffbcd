//! Stable strategies on the preferences participants stated (`PreferenceSource::Stated`):
//! checked against a brute-force stability test on small rosters with incomplete lists, ties
//! and silent participants.

mod common;

use mentor_match::matcher::PreferenceSource;
use mentor_match::strategy::{
    self as pairing, DeferredAcceptance, EgalitarianStable, MinimumRegretStable, Proposers,
};
use mentor_match::{Matcher, ParticipantId, ParticipantSpec, Roster, RosterSpec, Side};
use proptest::prelude::*;

const SKILLS: [&str; 2] = ["sql", "strategy"];

/// What a participant states: nothing, or a ranked list (a permutation prefix of the other
/// side) and ratings from a small set so that ties happen.
#[derive(Debug, Clone)]
struct Statement {
    choices: Vec<usize>,
    ratings: Vec<(usize, i8)>,
}

fn statements(others: usize) -> impl Strategy<Value = Option<Statement>> {
    let list = Just((0..others).collect::<Vec<usize>>())
        .prop_shuffle()
        .prop_flat_map(move |order| (Just(order), 0..=others))
        .prop_map(|(order, len)| order[..len].to_vec());
    let ratings = prop::collection::vec(
        (0..others, prop::sample::select(vec![-3i8, 0, 2, 2, 5])),
        0..=2,
    );
    prop::option::of((list, ratings).prop_map(|(choices, ratings)| Statement { choices, ratings }))
}

fn rosters() -> impl Strategy<Value = Roster> {
    (1usize..=4, 1usize..=4).prop_flat_map(|(nj, ns)| {
        let levels = prop::collection::vec(0u8..=5, 4);
        (
            prop::collection::vec((levels.clone(), statements(ns)), nj),
            prop::collection::vec((levels, statements(nj)), ns),
        )
            .prop_map(move |(juniors, seniors)| {
                let id = |side: Side, k: usize| {
                    format!("{}{k}", if side == Side::Junior { "j" } else { "s" })
                };
                let mut spec = RosterSpec::new();
                for (side, people) in [(Side::Junior, juniors), (Side::Senior, seniors)] {
                    for (k, (levels, statement)) in people.into_iter().enumerate() {
                        let mut p = ParticipantSpec::new(id(side, k), side);
                        for (s, name) in SKILLS.iter().enumerate() {
                            if levels[s] > 0 {
                                p = p.with_skill(*name, levels[s]);
                            }
                            if levels[2 + s] > 0 {
                                p = p.with_wish(*name, levels[2 + s]);
                            }
                        }
                        if let Some(st) = statement {
                            p = p.with_choices(st.choices.iter().map(|&q| id(side.other(), q)));
                            for (q, r) in st.ratings {
                                p = p.with_rating(id(side.other(), q), r);
                            }
                        }
                        spec = spec.with_participant(p);
                    }
                }
                Roster::new(spec).expect("valid roster")
            })
    })
}

/// `p`'s utility for `q` as the docs of `PreferenceSource::Stated` define it; `None` when `q`
/// is not acceptable to `p`. `gain` is `p`'s induced (blended) gain with `q`.
fn utility(roster: &Roster, p: ParticipantId, q: ParticipantId, gain: f64) -> Option<f64> {
    if roster.has_stated(p) {
        roster.stated(p, q).map(|v| (1.0 + v) / 2.0)
    } else {
        Some(gain)
    }
}

fn strategies() -> Vec<Box<dyn pairing::Strategy>> {
    vec![
        Box::new(DeferredAcceptance::new(Proposers::Juniors)),
        Box::new(DeferredAcceptance::new(Proposers::Seniors)),
        Box::new(EgalitarianStable),
        Box::new(MinimumRegretStable),
    ]
}

proptest! {
    #![proptest_config(common::config(300))]

    #[test]
    fn stable_on_stated_preferences(roster in rosters()) {
        let scored = Matcher::new().score(&roster).unwrap();
        let scores = scored.scores();
        let (js, ss) = (scored.juniors(), scored.seniors());
        for strategy in strategies() {
            let name = strategy.name().to_owned();
            let matching = Matcher::new()
                .with_strategy(strategy)
                .with_preferences(PreferenceSource::Stated)
                .solve(&roster)
                .unwrap();
            // Utilities of each pair both ways (None: unacceptable or forbidden).
            let u = |r: usize, c: usize| -> (Option<f64>, Option<f64>) {
                if !scores.is_allowed(r, c) {
                    return (None, None);
                }
                (
                    utility(&roster, js[r], ss[c], scores.junior_gain(r, c)),
                    utility(&roster, ss[c], js[r], scores.senior_gain(r, c)),
                )
            };
            let position = |id: &str, list: &[ParticipantId]| list.iter().position(|&p| roster.id(p) == id);
            let mut junior_now: Vec<Option<f64>> = vec![None; js.len()];
            let mut senior_now: Vec<Option<f64>> = vec![None; ss.len()];
            for pair in matching.pairs() {
                let (r, c) = (position(&pair.junior, js).unwrap(), position(&pair.senior, ss).unwrap());
                let (a, b) = u(r, c);
                prop_assert!(a.is_some() && b.is_some(), "{}: unacceptable pair {:?}", name, (r, c));
                junior_now[r] = a;
                senior_now[c] = b;
            }
            for (r, junior) in junior_now.iter().enumerate() {
                for (c, senior) in senior_now.iter().enumerate() {
                    if let (Some(a), Some(b)) = u(r, c) {
                        let junior_wants = junior.is_none_or(|now| a > now);
                        let senior_wants = senior.is_none_or(|now| b > now);
                        prop_assert!(
                            !(junior_wants && senior_wants),
                            "{}: blocking pair ({}, {})", name, r, c
                        );
                    }
                }
            }
        }
    }
}

#[test]
fn a_pair_that_ranked_each_other_first_is_stable_and_formed() {
    // Benefits pull ola to jan, but ola and eva chose each other first.
    let roster = Roster::from_json(
        r#"{"participants": [
        {"id": "ola", "side": "junior", "skills": {"sql": 5}, "wishes": {"strategy": 5}, "choices": ["eva", "jan"]},
        {"id": "kai", "side": "junior", "skills": {"sql": 1}, "wishes": {"strategy": 1}},
        {"id": "jan", "side": "senior", "skills": {"strategy": 5}, "wishes": {"sql": 5}},
        {"id": "eva", "side": "senior", "skills": {"strategy": 1}, "wishes": {"sql": 1}, "choices": ["ola"]}]}"#,
    )
    .unwrap();
    for strategy in strategies() {
        let m = Matcher::new()
            .with_strategy(strategy)
            .with_preferences(PreferenceSource::Stated)
            .solve(&roster)
            .unwrap();
        assert_eq!(m.partner_of("ola"), Some("eva"));
        // Eva named only ola: an incomplete list, so she is never paired with kai.
        assert_ne!(m.partner_of("kai"), Some("eva"));
    }
}
