//! Shortlists: every listed partner is allowed and scores above 0, nobody is listed more often
//! than the exposure bound, and the lists are exactly the documented greedy fill, checked
//! against a naive recomputation (every pair sorted at once).

mod common;

use mentor_match::model::{Attribute, Criterion, Relation, Strength};
use mentor_match::{Error, Matcher, ParticipantSpec, Roster, RosterSpec, Side};
use proptest::prelude::*;
use std::collections::BTreeMap;

const SKILLS: [&str; 3] = ["sql", "strategy", "cloud-tools"];

/// A small random roster: skills and wishes from three, a region, capacities 0 to 3, and
/// sometimes a `must` criterion on the region and an avoid.
fn rosters() -> impl Strategy<Value = Roster> {
    let person = (
        prop::collection::vec(0u8..=5, 3),
        prop::collection::vec(0u8..=5, 3),
        0u32..=3,
        prop::option::of(0usize..3),
    );
    (
        prop::collection::vec(person.clone(), 1..=10),
        prop::collection::vec(person, 1..=10),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(juniors, seniors, must, avoid)| {
            let mut spec = RosterSpec::new();
            for (side, people) in [(Side::Junior, juniors), (Side::Senior, seniors)] {
                for (k, (skills, wishes, capacity, region)) in people.into_iter().enumerate() {
                    let id = format!("{}{k}", if side == Side::Junior { "j" } else { "s" });
                    let mut p = ParticipantSpec::new(id, side).with_capacity(capacity);
                    for (name, (&level, &wish)) in SKILLS.iter().zip(skills.iter().zip(&wishes)) {
                        if level > 0 {
                            p = p.with_skill(*name, level);
                        }
                        if wish > 0 {
                            p = p.with_wish(*name, wish);
                        }
                    }
                    if let Some(r) = region {
                        p = p.with_attribute("region", Attribute::Text(format!("r{r}")));
                    }
                    if avoid && side == Side::Junior && k == 0 {
                        p = p.with_avoid("s0");
                    }
                    spec = spec.with_participant(p);
                }
            }
            let regions = spec
                .participants
                .iter()
                .any(|p| p.attributes.contains_key("region"));
            if must && regions {
                spec = spec.with_criterion(Criterion::new(
                    "region",
                    Relation::Different,
                    Strength::Must,
                ));
            }
            Roster::new(spec).expect("valid roster")
        })
}

/// The documented fill, naively: every positive pair of one direction sorted at once by
/// decreasing score, then owner, then candidate; bounds as documented.
fn naive(
    roster: &Roster,
    owners_side: Side,
    k: usize,
    exposure: f64,
) -> BTreeMap<String, Vec<String>> {
    let scored = Matcher::new().score(roster).unwrap();
    let w = scored
        .weights(mentor_match::Combination::default())
        .unwrap();
    let (owners, candidates) = match owners_side {
        Side::Junior => (scored.juniors(), scored.seniors()),
        Side::Senior => (scored.seniors(), scored.juniors()),
    };
    let places: f64 = candidates
        .iter()
        .map(|&q| f64::from(roster.participant(q).capacity))
        .sum();
    let bound = |q: usize| {
        let cap = f64::from(roster.participant(candidates[q]).capacity);
        let share = exposure * k as f64 * owners.len() as f64 * cap / places;
        // The documented ceiling of the exact share: a share within rounding of a whole
        // number is that number.
        let whole = share.round();
        let bound = if (share - whole).abs() <= 1e-9 * whole.max(1.0) {
            whole
        } else {
            share.ceil()
        };
        (bound as usize).max(1)
    };
    let mut all = Vec::new();
    for o in 0..owners.len() {
        for c in 0..candidates.len() {
            let x = match owners_side {
                Side::Junior => w.get(o, c),
                Side::Senior => w.get(c, o),
            }
            .unwrap();
            if x > 0.0 {
                all.push((x, o, c));
            }
        }
    }
    all.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut shown = vec![0usize; candidates.len()];
    let mut lists: BTreeMap<String, Vec<String>> = owners
        .iter()
        .map(|&o| (roster.id(o).to_owned(), Vec::new()))
        .collect();
    for (_, o, c) in all {
        let list = lists.get_mut(roster.id(owners[o])).unwrap();
        if list.len() < k && shown[c] < bound(c) {
            shown[c] += 1;
            list.push(roster.id(candidates[c]).to_owned());
        }
    }
    lists
}

proptest! {
    #![proptest_config(common::config(300))]

    #[test]
    fn lists_are_the_documented_fill_and_respect_the_rules(
        roster in rosters(),
        k in 1usize..=3,
        exposure in prop::sample::select(vec![1.0, 1.5, 3.0]),
    ) {
        let matcher = Matcher::new().with_exposure(exposure);
        let lists = matcher.shortlists(&roster, k).unwrap();
        let scored = matcher.score(&roster).unwrap();
        for side in [Side::Junior, Side::Senior] {
            let expected = naive(&roster, side, k, exposure);
            let got: BTreeMap<String, Vec<String>> = lists
                .lists
                .iter()
                .filter(|l| l.side == side)
                .map(|l| {
                    let partners = l
                        .pairs
                        .iter()
                        .map(|p| if side == Side::Junior { p.senior.clone() } else { p.junior.clone() })
                        .collect();
                    (l.id.clone(), partners)
                })
                .collect();
            prop_assert_eq!(&got, &expected);
        }
        for list in &lists.lists {
            prop_assert!(list.pairs.len() <= k);
            for pair in &list.pairs {
                // Allowed by the rules, the must criterion and the avoid list, and above 0.
                let j = scored.juniors().iter().position(|&p| roster.id(p) == pair.junior).unwrap();
                let s = scored.seniors().iter().position(|&p| roster.id(p) == pair.senior).unwrap();
                prop_assert!(scored.scores().is_allowed(j, s));
                prop_assert!(pair.score > 0.0);
            }
            for w in list.pairs.windows(2) {
                prop_assert!(w[0].score >= w[1].score);
            }
        }
    }
}

#[test]
fn nobody_is_listed_beyond_the_bound_and_the_spread_is_reported() {
    // Six juniors all want the one expert; two other seniors teach less well.
    let mut spec = RosterSpec::new();
    for k in 0..6 {
        spec = spec.with_participant(
            ParticipantSpec::new(format!("j{k}"), Side::Junior).with_wish("sql", 5),
        );
    }
    for (id, level) in [("star", 5), ("mid", 3), ("low", 2)] {
        spec =
            spec.with_participant(ParticipantSpec::new(id, Side::Senior).with_skill("sql", level));
    }
    let roster = Roster::new(spec).unwrap();
    let lists = Matcher::new().shortlists(&roster, 1).unwrap();
    // 6 lists of 1 over 3 seniors of capacity 1: each may be shown twice.
    let star = lists
        .lists
        .iter()
        .filter(|l| l.side == Side::Junior && l.pairs.iter().any(|p| p.senior == "star"))
        .count();
    assert_eq!(star, 2);
    let seniors = lists
        .exposure
        .iter()
        .find(|e| e.side == Side::Senior)
        .unwrap();
    assert_eq!(
        (
            seniors.min,
            seniors.median,
            seniors.max,
            seniors.never_shown
        ),
        (2, 2, 2, 0)
    );
    // Without the rule the star would be on every list.
    let naive = Matcher::new()
        .with_exposure(100.0)
        .shortlists(&roster, 1)
        .unwrap();
    let seniors = naive
        .exposure
        .iter()
        .find(|e| e.side == Side::Senior)
        .unwrap();
    assert_eq!((seniors.max, seniors.never_shown), (6, 2));
}

#[test]
fn single_shortlist_is_the_batch_list_and_errors_are_named() {
    let roster = Roster::from_json(
        r#"{"participants": [
        {"id": "ola", "side": "junior", "skills": {"sql": 5}, "wishes": {"strategy": 3}},
        {"id": "kai", "side": "junior", "capacity": 0},
        {"id": "jan", "side": "senior", "skills": {"strategy": 5}, "wishes": {"sql": 4}}]}"#,
    )
    .unwrap();
    let matcher = Matcher::new();
    let one = matcher.shortlist(&roster, "jan", 2).unwrap();
    assert_eq!(
        Some(&one),
        matcher.shortlists(&roster, 2).unwrap().of("jan")
    );
    assert_eq!(one.pairs[0].junior, "ola");
    assert!(
        matcher
            .shortlist(&roster, "kai", 2)
            .unwrap()
            .pairs
            .is_empty()
    );
    assert!(matches!(
        matcher.shortlist(&roster, "nobody", 2),
        Err(Error::UnknownParticipant { ref id, .. }) if id == "nobody"
    ));
    assert!(matches!(
        matcher.shortlists(&roster, 0),
        Err(Error::InvalidOption { option: "k", .. })
    ));
    for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            Matcher::new().with_exposure(bad).shortlists(&roster, 1),
            Err(Error::InvalidOption {
                option: "exposure",
                ..
            })
        ));
    }
}

/// Many owners who all want the same few candidates: most owners find their first block of
/// candidates full and draw again, the path small rosters rarely take.
fn crowded() -> impl Strategy<Value = Roster> {
    (
        10usize..=30,
        prop::collection::vec((1u8..=5, 1u32..=2), 5..=12),
        prop::collection::vec(0u8..=2, 30),
    )
        .prop_map(|(juniors, seniors, extra)| {
            let mut spec = RosterSpec::new();
            for (k, &extra) in extra.iter().enumerate().take(juniors) {
                let mut p = ParticipantSpec::new(format!("j{k}"), Side::Junior).with_wish("sql", 5);
                if extra > 0 {
                    p = p.with_wish("strategy", extra);
                }
                spec = spec.with_participant(p);
            }
            for (k, (level, capacity)) in seniors.into_iter().enumerate() {
                let mut p = ParticipantSpec::new(format!("s{k}"), Side::Senior)
                    .with_skill("sql", level)
                    .with_capacity(capacity);
                if k % 3 == 0 {
                    p = p.with_skill("strategy", 5);
                }
                spec = spec.with_participant(p);
            }
            Roster::new(spec).expect("valid roster")
        })
}

proptest! {
    #![proptest_config(common::config(200))]

    #[test]
    fn crowded_lists_are_the_documented_fill(roster in crowded(), k in 1usize..=2) {
        let lists = Matcher::new().shortlists(&roster, k).unwrap();
        let got: BTreeMap<String, Vec<String>> = lists
            .lists
            .iter()
            .filter(|l| l.side == Side::Junior)
            .map(|l| (l.id.clone(), l.pairs.iter().map(|p| p.senior.clone()).collect()))
            .collect();
        prop_assert_eq!(got, naive(&roster, Side::Junior, k, 1.0));
    }
}

#[test]
fn a_whole_share_is_not_rounded_up() {
    // 10 juniors, lists of 3, one senior, exposure 0.1: the share is 0.1 · 3 · 10 = 3 (in
    // floating point 3.0000000000000004), so the senior is on 3 lists, not 4.
    let mut spec = RosterSpec::new();
    for k in 0..10 {
        spec = spec.with_participant(
            ParticipantSpec::new(format!("j{k}"), Side::Junior).with_wish("sql", 5),
        );
    }
    spec = spec.with_participant(ParticipantSpec::new("s0", Side::Senior).with_skill("sql", 5));
    let roster = Roster::new(spec).unwrap();
    let lists = Matcher::new()
        .with_exposure(0.1)
        .shortlists(&roster, 3)
        .unwrap();
    let senior = lists
        .exposure
        .iter()
        .find(|e| e.side == Side::Senior)
        .unwrap();
    assert_eq!(senior.max, 3);
}
