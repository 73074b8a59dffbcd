//! `Guarantee::EveryPair`: the sparse optimum priced against every pair outside its graph.
//!
//! - Property test: on generated rosters up to 40 + 40 with lists of 1 to 3 candidates (far
//!   too short for the graph alone to hold the optimum), the sparse result with the guarantee
//!   has the dense optimum's pair count and total, under both objectives.
//! - The same under capacities (many to many), and at 2,000 + 500 seniors of capacity 4;
//!   with places to spare, where the copies' potentials price the optimum.
//! - The default does not price (no `Phase::Pricing` reported).

mod common;
use common::config;
use mentor_match::candidates::{Phase, Progress};
use mentor_match::capacitated::Spreading;
use mentor_match::generate::Population;
use mentor_match::{
    Guarantee, Matcher, Matching, Method, MutualBenefit, Objective, Roster, Scorer,
};
use proptest::prelude::*;
use std::sync::{Arc, Mutex};

fn solve(roster: &Roster, matcher: Matcher) -> Matching {
    matcher.solve(roster).unwrap()
}

/// `roster` solved sparse with the every-pair guarantee and `k` candidates a person, and
/// dense, under `objective`: `(sparse, dense)`, with the totals checked equal. (Where the
/// sparse result leaves people with room on both sides no prices certify it; the widening's
/// rounds over swaps made it the dense optimum all the same in every case tried: 1,600
/// random cases of each property besides the fixed ones.)
fn every_pair_and_dense(
    roster: &Roster,
    objective: Objective,
    k: usize,
) -> Result<(Matching, Matching), TestCaseError> {
    every_pair_and_dense_spread(roster, objective, k, Spreading::default())
}

/// [`every_pair_and_dense`] under `spreading`.
fn every_pair_and_dense_spread(
    roster: &Roster,
    objective: Objective,
    k: usize,
    spreading: Spreading,
) -> Result<(Matching, Matching), TestCaseError> {
    let sparse = solve(
        roster,
        Matcher::new()
            .with_method(Method::Sparse)
            .with_objective(objective)
            .with_spreading(spreading)
            .with_candidates_per_person(k)
            .with_guarantee(Guarantee::EveryPair),
    );
    let dense = solve(
        roster,
        Matcher::new()
            .with_method(Method::Dense)
            .with_objective(objective)
            .with_spreading(spreading),
    );
    // Each pair's gains are what the scorer gives the two, whichever search found the pair
    // (the graph's or the pricing's): the edges carry the searches' own scores.
    let scorer = MutualBenefit::new();
    for pair in sparse.pairs() {
        let (j, s) = (
            roster.find(&pair.junior).unwrap(),
            roster.find(&pair.senior).unwrap(),
        );
        prop_assert_eq!(pair.junior_gain, scorer.teaches(roster, s, j));
        prop_assert_eq!(pair.senior_gain, scorer.teaches(roster, j, s));
    }
    // Under capacities the many-to-many network keeps totals within rounding.
    prop_assert!(
        (sparse.total_score() - dense.total_score()).abs() < 1e-9,
        "sparse {} dense {}",
        sparse.total_score(),
        dense.total_score()
    );
    Ok((sparse, dense))
}

fn objective(total_score: bool) -> Objective {
    if total_score {
        Objective::TotalScore
    } else {
        Objective::MostPairs
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn every_pair_reaches_the_dense_optimum(
        juniors in 1usize..=40,
        seniors in 1usize..=40,
        seed in 0u64..10_000,
        k in 1usize..=3,
        total_score in any::<bool>(),
    ) {
        let roster = Population::new(juniors, seniors).with_seed(seed).roster().unwrap();
        let (sparse, dense) = every_pair_and_dense(&roster, objective(total_score), k)?;
        if !total_score {
            prop_assert_eq!(sparse.pairs().len(), dense.pairs().len());
        }
    }
}

#[test]
fn short_lists_fall_short_without_the_guarantee_and_not_with_it() {
    // A roster where the graph of 2 candidates a person misses the optimum (found by search
    // over seeds when this test was written, and checked here so that the test means
    // something): the guarantee closes the gap.
    let mut fell_short = 0;
    for seed in 1..=20 {
        let roster = Population::new(120, 120).with_seed(seed).roster().unwrap();
        let sparse = |guarantee| {
            solve(
                &roster,
                Matcher::new()
                    .with_method(Method::Sparse)
                    .with_candidates_per_person(2)
                    .with_guarantee(guarantee),
            )
        };
        let dense = solve(&roster, Matcher::new().with_method(Method::Dense));
        let graph = sparse(Guarantee::CandidateGraph);
        let every = sparse(Guarantee::EveryPair);
        assert!(
            (every.total_score() - dense.total_score()).abs() < 1e-9,
            "seed {seed}"
        );
        assert_eq!(every.pairs().len(), dense.pairs().len(), "seed {seed}");
        if graph.total_score() < dense.total_score() - 1e-9 {
            fell_short += 1;
        }
    }
    assert!(
        fell_short > 0,
        "no roster needed the guarantee: the test proves nothing"
    );
}

#[test]
fn only_the_guarantee_prices() {
    let roster = Population::new(200, 200).with_seed(2).roster().unwrap();
    let phases = |guarantee| {
        let seen = Arc::new(Mutex::new(Vec::new()));
        let shared = Arc::clone(&seen);
        Matcher::new()
            .with_method(Method::Sparse)
            .with_candidates_per_person(2)
            .with_guarantee(guarantee)
            .with_progress(move |p: Progress| shared.lock().unwrap().push(p.phase))
            .solve(&roster)
            .unwrap();
        seen.lock().unwrap().clone()
    };
    assert!(!phases(Guarantee::CandidateGraph).contains(&Phase::Pricing));
    let priced = phases(Guarantee::EveryPair);
    assert!(priced.contains(&Phase::Pricing));
    assert_eq!(priced.last(), Some(&Phase::Explaining));
}

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn every_pair_reaches_the_dense_optimum_under_capacities(
        juniors in 1usize..=30,
        seniors in 1usize..=12,
        seed in 0u64..10_000,
        k in 1usize..=3,
        junior_capacity in 1u32..=2,
        senior_capacity in 1u32..=4,
        total_score in any::<bool>(),
    ) {
        let roster = Population::new(juniors, seniors)
            .with_seed(seed)
            .with_junior_capacity(junior_capacity)
            .with_senior_capacity(senior_capacity)
            .roster()
            .unwrap();
        let (sparse, dense) = every_pair_and_dense(&roster, objective(total_score), k)?;
        prop_assert_eq!(sparse.pairs().len(), dense.pairs().len());
        prop_assert_eq!(sparse.unmatched().len(), dense.unmatched().len());
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// As many places as juniors: the optimum fills every place, so each pricing round's
    /// solve starts from the last flow (the network's warm start) where few pairs gain.
    #[test]
    fn every_pair_reaches_the_dense_optimum_with_every_place_filled(
        seniors in 1usize..=15,
        capacity in 2u32..=4,
        seed in 0u64..10_000,
        k in 1usize..=2,
    ) {
        let roster = Population::new(seniors * capacity as usize, seniors)
            .with_seed(seed)
            .with_senior_capacity(capacity)
            .roster()
            .unwrap();
        let (sparse, dense) = every_pair_and_dense(&roster, Objective::MostPairs, k)?;
        prop_assert_eq!(sparse.pairs().len(), dense.pairs().len());
    }
}

proptest! {
    #![proptest_config(config(96))]

    /// Juniors of one partner and more places than juniors: the optimum is found on copies of
    /// the seniors' places, and the copies' potentials price it, the empty places' shifted to
    /// 0 in each component (see `prices::copies`); with and without spreading.
    #[test]
    fn every_pair_reaches_the_dense_optimum_with_places_to_spare(
        juniors in 1usize..=24,
        seniors in 1usize..=10,
        capacity in 2u32..=4,
        seed in 0u64..10_000,
        k in 1usize..=3,
        free in any::<bool>(),
    ) {
        prop_assume!(seniors * capacity as usize > juniors);
        let roster = Population::new(juniors, seniors)
            .with_seed(seed)
            .with_senior_capacity(capacity)
            .roster()
            .unwrap();
        let spreading = if free { Spreading::Free } else { Spreading::FirstPartnersFirst };
        let (sparse, dense) =
            every_pair_and_dense_spread(&roster, Objective::MostPairs, k, spreading)?;
        prop_assert_eq!(sparse.pairs().len(), dense.pairs().len());
    }
}

#[test]
fn seniors_of_capacity_4_reach_the_dense_optimum_at_2000_and_500() {
    // The check: 2,000 juniors and 500 seniors of capacity 4, seeds 1 to 3. Without
    // the guarantee the graph's optimum fell short on seeds 2 and 3 (1984.607 and 1990.618
    // against 1985.416 and 1991.046 when this test was written).
    for seed in 1..=3 {
        let roster = Population::new(2000, 500)
            .with_seed(seed)
            .with_senior_capacity(4)
            .roster()
            .unwrap();
        let sparse = solve(
            &roster,
            Matcher::new()
                .with_method(Method::Sparse)
                .with_guarantee(Guarantee::EveryPair),
        );
        let dense = solve(&roster, Matcher::new().with_method(Method::Dense));
        assert_eq!(sparse.pairs().len(), dense.pairs().len(), "seed {seed}");
        assert!(
            (sparse.total_score() - dense.total_score()).abs() < 1e-9,
            "seed {seed}: sparse {} dense {}",
            sparse.total_score(),
            dense.total_score()
        );
    }
}
