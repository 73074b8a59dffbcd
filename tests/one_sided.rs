//! Integration tests of the strategies on one side's preferences (`RankMaximal`, `Popular`) and
//! of stability with ties kept as ties (`SuperStable`, weak stability): against every matching
//! of random instances up to 5 × 5, the signature of the rank-maximal pairing is the
//! lexicographically largest, a popular or super-stable pairing is found exactly when brute
//! force finds one and has its property, the stable strategies are weakly stable, and Király's
//! large weakly stable pairing (up to 6 × 6) is weakly stable with at least 2/3 of the largest
//! one's pairs.

mod common;
use common::brute::matchings_of;
use common::config;
use mentor_match::strategy::{
    Applicants, DeferredAcceptance, EgalitarianStable, LargeWeaklyStable, MinimumRegretStable,
    Popular, Proposers, RankMaximal, Strategy as PairingStrategy, SuperStable,
};
use mentor_match::{MatrixError, PairScores};
use proptest::prelude::*;

const VALUES: [f64; 5] = [0.0, 0.25, 0.5, 0.75, 1.0];

/// Up to 5 × 5 (empty sides too), gains from a few values (the induced lists break ties by
/// index), about a fifth of the pairs forbidden.
fn instances() -> impl proptest::strategy::Strategy<Value = PairScores> {
    (0..=5_usize, 0..=5_usize).prop_flat_map(|(n, m)| {
        (
            proptest::collection::vec(0..VALUES.len(), n * m),
            proptest::collection::vec(0..VALUES.len(), n * m),
            proptest::collection::vec(0..5_u8, n * m),
        )
            .prop_map(move |(a, b, f)| {
                let mut scores = PairScores::new(
                    n,
                    m,
                    a.iter().map(|&i| VALUES[i]).collect(),
                    b.iter().map(|&i| VALUES[i]).collect(),
                )
                .unwrap();
                for (k, &x) in f.iter().enumerate() {
                    if x == 0 {
                        scores.forbid(k / m, k % m).unwrap();
                    }
                }
                scores
            })
    })
}

/// Applicant `a`'s rank of post `p` on the induced strict lists (written out again here):
/// the allowed posts it gains strictly more from, or as much from at a lower index.
fn rank(scores: &PairScores, applicants: Applicants, a: usize, p: usize) -> usize {
    // (gain of post q, whether q is allowed) for applicant a.
    let post = |q: usize| match applicants {
        Applicants::Juniors => (scores.junior_gain(a, q), scores.is_allowed(a, q)),
        Applicants::Seniors => (scores.senior_gain(q, a), scores.is_allowed(q, a)),
    };
    let posts = match applicants {
        Applicants::Juniors => scores.seniors(),
        Applicants::Seniors => scores.juniors(),
    };
    let mine = post(p).0;
    (0..posts)
        .filter(|&q| {
            let (g, ok) = post(q);
            ok && (g > mine || (g == mine && q < p))
        })
        .count()
}

/// Each applicant's rank of its post in `pairs` (`None` when unmatched).
fn ranks_of(
    scores: &PairScores,
    applicants: Applicants,
    pairs: &[(usize, usize)],
) -> Vec<Option<usize>> {
    let count = match applicants {
        Applicants::Juniors => scores.juniors(),
        Applicants::Seniors => scores.seniors(),
    };
    (0..count)
        .map(|a| {
            pairs.iter().find_map(|&(j, s)| match applicants {
                Applicants::Juniors if j == a => Some(rank(scores, applicants, a, s)),
                Applicants::Seniors if s == a => Some(rank(scores, applicants, a, j)),
                _ => None,
            })
        })
        .collect()
}

/// The signature: how many applicants have their first, second, ... choice.
fn signature(ranks: &[Option<usize>], width: usize) -> Vec<usize> {
    let mut counts = vec![0; width];
    for r in ranks.iter().flatten() {
        counts[*r] += 1;
    }
    counts
}

/// Whether applicant with rank `x` prefers it to rank `y` (`None`: unmatched, the worst).
fn prefers(x: Option<usize>, y: Option<usize>) -> bool {
    match (x, y) {
        (Some(_), None) => true,
        (Some(x), Some(y)) => x < y,
        _ => false,
    }
}

/// Whether `m` is popular among `all`: no matching is preferred by more applicants.
fn is_popular(m: &[Option<usize>], all: &[Vec<Option<usize>>]) -> bool {
    all.iter().all(|other| {
        let to_other = m
            .iter()
            .zip(other)
            .filter(|(x, y)| prefers(**y, **x))
            .count();
        let to_m = m
            .iter()
            .zip(other)
            .filter(|(x, y)| prefers(**x, **y))
            .count();
        to_other <= to_m
    })
}

proptest! {
    #![proptest_config(config(600))]

    #[test]
    fn rank_maximal_and_popular_against_brute_force(scores in instances()) {
        let all = matchings_of(&scores);
        let width = scores.juniors().max(scores.seniors()).max(1);
        for applicants in [Applicants::Juniors, Applicants::Seniors] {
            let all_ranks: Vec<Vec<Option<usize>>> =
                all.iter().map(|p| ranks_of(&scores, applicants, p)).collect();

            let best = all_ranks.iter().map(|r| signature(r, width)).max().unwrap();
            let rank_maximal = RankMaximal::new(applicants).pair(&scores).unwrap();
            let got = signature(&ranks_of(&scores, applicants, rank_maximal.pairs()), width);
            prop_assert_eq!(&got, &best, "{:?}: {:?}", applicants, rank_maximal.pairs());

            let exists = all_ranks.iter().any(|r| is_popular(r, &all_ranks));
            match Popular::new(applicants).pair(&scores) {
                Ok(pairing) => {
                    let ranks = ranks_of(&scores, applicants, pairing.pairs());
                    prop_assert!(is_popular(&ranks, &all_ranks),
                        "{:?}: {:?} is not popular", applicants, pairing.pairs());
                }
                Err(MatrixError::NoneExists { what }) => {
                    prop_assert_eq!(what, "popular pairing");
                    prop_assert!(!exists, "{:?}: brute force finds a popular pairing", applicants);
                }
                Err(e) => prop_assert!(false, "{e}"),
            }
        }
    }
}

/// The names say which side's lists count.
#[test]
fn names_say_the_side() {
    assert_eq!(
        RankMaximal::new(Applicants::Juniors).name(),
        "rank_maximal_juniors"
    );
    assert_eq!(Popular::new(Applicants::Seniors).name(), "popular_seniors");
    assert_eq!(
        Popular::new(Applicants::Juniors).applicants(),
        Applicants::Juniors
    );
}

// ---------------------------------------------------------------------------------------------
// Ties: super-stable and weakly stable pairings
// ---------------------------------------------------------------------------------------------

/// What junior `j` has in `pairs` (`None`: unmatched) and what senior `s` has.
fn junior_has(scores: &PairScores, pairs: &[(usize, usize)], j: usize) -> Option<f64> {
    pairs
        .iter()
        .find(|p| p.0 == j)
        .map(|&(_, s)| scores.junior_gain(j, s))
}

fn senior_has(scores: &PairScores, pairs: &[(usize, usize)], s: usize) -> Option<f64> {
    pairs
        .iter()
        .find(|p| p.1 == s)
        .map(|&(j, _)| scores.senior_gain(j, s))
}

/// Whether an agent holding `has` would take a partner worth `offer`: strictly (`strict`) or
/// at least as much; any partner beats none.
fn takes(offer: f64, has: Option<f64>, strict: bool) -> bool {
    match has {
        None => true,
        Some(h) if strict => offer > h,
        Some(h) => offer >= h,
    }
}

/// Whether `pairs` is super-stable (`strict` false) or weakly stable (`strict` true) with
/// ties as ties: no allowed pair, not formed, that both agents would take.
fn stable_with_ties(scores: &PairScores, pairs: &[(usize, usize)], strict: bool) -> bool {
    (0..scores.juniors()).all(|j| {
        (0..scores.seniors()).all(|s| {
            !scores.is_allowed(j, s)
                || pairs.contains(&(j, s))
                || !(takes(
                    scores.junior_gain(j, s),
                    junior_has(scores, pairs, j),
                    strict,
                ) && takes(
                    scores.senior_gain(j, s),
                    senior_has(scores, pairs, s),
                    strict,
                ))
        })
    })
}

proptest! {
    #![proptest_config(config(1500))]

    /// A super-stable pairing is found exactly when brute force finds one, it is super-stable,
    /// and the proposers have in it at least what they have in any other; the stable
    /// strategies' pairings are weakly stable with ties as ties.
    #[test]
    fn super_stable_and_weakly_stable_against_brute_force(scores in instances()) {
        let all = matchings_of(&scores);
        let super_stable: Vec<&Vec<(usize, usize)>> =
            all.iter().filter(|p| stable_with_ties(&scores, p, false)).collect();
        for proposers in [Proposers::Juniors, Proposers::Seniors] {
            match SuperStable::new(proposers).pair(&scores) {
                Ok(pairing) => {
                    prop_assert!(stable_with_ties(&scores, pairing.pairs(), false),
                        "{:?}: {:?} is not super-stable", proposers, pairing.pairs());
                    for other in &super_stable {
                        let at_least = match proposers {
                            Proposers::Juniors => (0..scores.juniors()).all(|j| {
                                junior_has(&scores, pairing.pairs(), j)
                                    >= junior_has(&scores, other, j)
                            }),
                            Proposers::Seniors => (0..scores.seniors()).all(|s| {
                                senior_has(&scores, pairing.pairs(), s)
                                    >= senior_has(&scores, other, s)
                            }),
                        };
                        prop_assert!(at_least, "{:?}: {:?} beats {:?}", proposers, other,
                            pairing.pairs());
                    }
                }
                Err(MatrixError::NoneExists { what }) => {
                    prop_assert_eq!(what, "super-stable pairing");
                    prop_assert!(super_stable.is_empty(),
                        "{:?}: brute force finds {:?}", proposers, super_stable[0]);
                }
                Err(e) => prop_assert!(false, "{e}"),
            }
        }
        for s in [
            &DeferredAcceptance::new(Proposers::Juniors) as &dyn PairingStrategy,
            &DeferredAcceptance::new(Proposers::Seniors),
            &EgalitarianStable,
            &MinimumRegretStable,
        ] {
            let pairing = s.pair(&scores).unwrap();
            prop_assert!(stable_with_ties(&scores, pairing.pairs(), true), "{}", s.name());
        }
    }
}

/// Up to 6 × 6, each side's gains from `values` values (2: almost every list one long tie),
/// about a fifth of the pairs forbidden.
fn tied_instances(values: usize) -> impl proptest::strategy::Strategy<Value = PairScores> {
    (0..=6_usize, 0..=6_usize).prop_flat_map(move |(n, m)| {
        (
            proptest::collection::vec(0..values, n * m),
            proptest::collection::vec(0..values, n * m),
            proptest::collection::vec(0..5_u8, n * m),
        )
            .prop_map(move |(a, b, f)| {
                let gain = |i: usize| i as f64 / values as f64;
                let mut scores = PairScores::new(
                    n,
                    m,
                    a.iter().map(|&i| gain(i)).collect(),
                    b.iter().map(|&i| gain(i)).collect(),
                )
                .unwrap();
                for (k, &x) in f.iter().enumerate() {
                    if x == 0 {
                        scores.forbid(k / m, k % m).unwrap();
                    }
                }
                scores
            })
    })
}

proptest! {
    #![proptest_config(config(1500))]

    /// Király's pairing, from either side, is weakly stable with ties as ties and has at least
    /// 2/3 as many pairs as the largest weakly stable matching brute force finds.
    #[test]
    fn large_weakly_stable_is_within_three_halves_of_the_largest(
        scores in (2..=5_usize).prop_flat_map(tied_instances),
    ) {
        let largest = matchings_of(&scores)
            .iter()
            .filter(|p| stable_with_ties(&scores, p, true))
            .map(Vec::len)
            .max()
            .unwrap();
        for proposers in [Proposers::Juniors, Proposers::Seniors] {
            let pairing = LargeWeaklyStable::new(proposers).pair(&scores).unwrap();
            prop_assert!(stable_with_ties(&scores, pairing.pairs(), true),
                "{:?}: {:?} is not weakly stable", proposers, pairing.pairs());
            prop_assert!(3 * pairing.len() >= 2 * largest,
                "{:?}: {} pairs, the largest weakly stable has {}", proposers, pairing.len(),
                largest);
        }
    }

    /// Without ties on either side Király's algorithm is deferred acceptance: the same pairs.
    #[test]
    fn large_weakly_stable_without_ties_is_deferred_acceptance(
        (n, m, a, b) in (0..=7_usize, 0..=7_usize).prop_flat_map(|(n, m)| {
            let distinct = Just((0..n * m).collect::<Vec<usize>>()).prop_shuffle();
            (Just(n), Just(m), distinct.clone(), distinct)
        }),
        forbidden in proptest::collection::vec(0..5_u8, 49),
    ) {
        let gain = |v: &[usize]| v.iter().map(|&i| i as f64 + 1.0).collect::<Vec<f64>>();
        let mut scores = PairScores::new(n, m, gain(&a), gain(&b)).unwrap();
        for (k, &x) in forbidden.iter().enumerate().take(n * m) {
            if x == 0 {
                scores.forbid(k / m, k % m).unwrap();
            }
        }
        for proposers in [Proposers::Juniors, Proposers::Seniors] {
            let large = LargeWeaklyStable::new(proposers).pair(&scores).unwrap();
            let deferred = DeferredAcceptance::new(proposers).pair(&scores).unwrap();
            prop_assert_eq!(large.pairs(), deferred.pairs(), "{:?}", proposers);
        }
    }
}

/// Where breaking ties by index leaves half the people out, Király's pairing takes them all:
/// in each block of two, junior `2k` likes seniors `2k` and `2k + 1` as much, junior `2k + 1`
/// may only go to senior `2k`, and senior `2k` likes both juniors as much.
#[test]
fn large_weakly_stable_pairs_more_than_index_tie_breaks() {
    let n = 6;
    let mut scores = PairScores::new(n, n, vec![0.5; n * n], vec![0.5; n * n]).unwrap();
    for j in 0..n {
        for s in 0..n {
            let block = s / 2 == j / 2;
            if !block || (j % 2 == 1 && s % 2 == 1) {
                scores.forbid(j, s).unwrap();
            }
        }
    }
    for proposers in [Proposers::Juniors, Proposers::Seniors] {
        let deferred = DeferredAcceptance::new(proposers).pair(&scores).unwrap();
        let large = LargeWeaklyStable::new(proposers).pair(&scores).unwrap();
        assert!(stable_with_ties(&scores, large.pairs(), true));
        assert!(stable_with_ties(&scores, deferred.pairs(), true));
        assert_eq!(large.len(), n, "{proposers:?}: {:?}", large.pairs());
        if proposers == Proposers::Juniors {
            assert_eq!(deferred.len(), n / 2, "{:?}", deferred.pairs());
        }
    }
}

/// The names say which side proposes, and `any_by_name` finds both.
#[test]
fn large_weakly_stable_names() {
    for proposers in [Proposers::Juniors, Proposers::Seniors] {
        let s = LargeWeaklyStable::new(proposers);
        assert_eq!(s.proposers(), proposers);
        let by_name = mentor_match::strategy::any_by_name(s.name()).unwrap();
        assert_eq!(by_name.name(), s.name());
    }
    assert_eq!(
        LargeWeaklyStable::new(Proposers::Seniors).name(),
        "large_weakly_stable_seniors"
    );
}
