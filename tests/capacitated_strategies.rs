//! Integration tests of the strategies under capacities (`Strategy::pair_within`): every
//! many-to-many pairing of small instances (up to 16 cells, capacities 0 to 3) is enumerated,
//! and each strategy is checked on its own objective or defining property against that list;
//! the metrics' capacitated blocking pairs against their definition; every refusal.

mod common;
use common::brute::each_capacitated;
use common::config;
use mentor_match::metrics::many_to_many;
use mentor_match::strategy::{
    self, Builtin, CapacitatedPairing, Capacities, DeferredAcceptance, EgalitarianStable, Greedy,
    MinimumRegretStable, Nash, Proposers, RandomPairing, RandomSerialDictatorship,
    Strategy as PairingStrategy, Utilitarian,
};
use mentor_match::{MatrixError, PairScores};
use proptest::prelude::*;

const VALUES: [f64; 5] = [0.0, 0.25, 0.5, 0.75, 1.0];

/// Scores, capacities and the seed of a small instance.
#[derive(Debug, Clone)]
struct Case {
    scores: PairScores,
    capacities: Capacities,
    seed: u64,
}

/// Up to 16 cells (5 x 3, 4 x 4, ...; empty sides too), gains from a few values (many ties),
/// about an eighth of the pairs forbidden, capacities 1 to `max_capacity` or 0. A third of the
/// cases draw both gains at random, a third oppose the sides' tastes (a senior gains the more
/// the less her junior does), and a third follow a cycle of tastes, which gives several stable
/// pairings.
fn cases(max_capacity: u32) -> impl proptest::strategy::Strategy<Value = Case> {
    (0..=5_usize, 0..=5_usize)
        .prop_filter("at most 16 cells", |(n, m)| n * m <= 16)
        .prop_flat_map(move |(n, m)| {
            (
                proptest::collection::vec(0..VALUES.len(), n * m),
                proptest::collection::vec(0..VALUES.len(), n * m),
                proptest::collection::vec(0..8_u8, n * m),
                proptest::collection::vec(capacity(max_capacity), n),
                proptest::collection::vec(capacity(max_capacity), m),
                0..3_u8,
                any::<u64>(),
            )
                .prop_map(move |(a, b, f, jc, sc, kind, seed)| {
                    let (a, b): (Vec<usize>, Vec<usize>) = match kind {
                        0 => (a, b),
                        1 => {
                            let b = a.iter().map(|&i| VALUES.len() - 1 - i).collect();
                            (a, b)
                        }
                        // Gale and Shapley's cycle: junior j likes the senior d steps ahead
                        // (mod m) less as d grows, the senior likes that junior more; a small
                        // random change on some cells breaks the pattern now and then.
                        _ => (0..n * m)
                            .map(|k| {
                                let d = (k % m + m * n - k / m) % m;
                                let d = (d + usize::from(f[k] == 1)).min(VALUES.len() - 1);
                                (VALUES.len() - 1 - d, d)
                            })
                            .unzip(),
                    };
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
                    Case {
                        scores,
                        capacities: Capacities::new(jc, sc).unwrap(),
                        seed,
                    }
                })
        })
}

/// A capacity up to `max`: 0 (the agent left out) one time in eight, otherwise mostly 1 or 2,
/// small enough to bind, so that several stable pairings are common.
fn capacity(max: u32) -> impl proptest::strategy::Strategy<Value = u32> {
    prop_oneof![1 => Just(0), 3 => Just(1), 3 => Just(2.min(max)), 1 => 1..=max]
}

/// Every pairing of `case` within its capacities, each pair at most once.
fn all_pairings(case: &Case) -> Vec<Vec<(usize, usize)>> {
    let scores = &case.scores;
    let mut all = Vec::new();
    each_capacitated(
        (scores.juniors(), scores.seniors()),
        &|j, s| scores.is_allowed(j, s),
        (case.capacities.juniors(), case.capacities.seniors()),
        &[],
        &mut |pairs: &[(usize, usize)]| {
            let mut pairs = pairs.to_vec();
            pairs.sort_unstable();
            all.push(pairs);
        },
    );
    all
}

fn total(scores: &PairScores, pairs: &[(usize, usize)]) -> f64 {
    pairs
        .iter()
        .map(|&(j, s)| scores.junior_gain(j, s) + scores.senior_gain(j, s))
        .sum()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

/// Junior `j`'s rank of senior `s`: the allowed seniors it gains strictly more from, or as much
/// from at a lower index (the induced lists, written out again here).
fn junior_rank(scores: &PairScores, j: usize, s: usize) -> usize {
    let g = |t| scores.junior_gain(j, t);
    (0..scores.seniors())
        .filter(|&t| scores.is_allowed(j, t) && (g(t) > g(s) || (g(t) == g(s) && t < s)))
        .count()
}

/// Senior `s`'s rank of junior `j`, as [`junior_rank`].
fn senior_rank(scores: &PairScores, j: usize, s: usize) -> usize {
    let g = |i| scores.senior_gain(i, s);
    (0..scores.juniors())
        .filter(|&i| scores.is_allowed(i, s) && (g(i) > g(j) || (g(i) == g(j) && i < j)))
        .count()
}

/// The pairwise blocking pairs of `pairs`, from the definition: an allowed pair not formed in
/// which each agent has capacity left or would drop its worst partner for the other.
fn blocking(case: &Case, pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let scores = &case.scores;
    let (n, m) = (scores.juniors(), scores.seniors());
    let mut found = Vec::new();
    for j in 0..n {
        for s in 0..m {
            if !scores.is_allowed(j, s) || pairs.contains(&(j, s)) {
                continue;
            }
            let mine: Vec<usize> = pairs.iter().filter(|p| p.0 == j).map(|p| p.1).collect();
            let hers: Vec<usize> = pairs.iter().filter(|p| p.1 == s).map(|p| p.0).collect();
            let junior_wants = (mine.len() as u32) < case.capacities.junior(j)
                || mine
                    .iter()
                    .any(|&t| junior_rank(scores, j, t) > junior_rank(scores, j, s));
            let senior_wants = (hers.len() as u32) < case.capacities.senior(s)
                || hers
                    .iter()
                    .any(|&i| senior_rank(scores, i, s) > senior_rank(scores, j, s));
            if junior_wants && senior_wants {
                found.push((j, s));
            }
        }
    }
    found
}

/// Whether `pairs` is maximal: no allowed pair left whose two agents both have capacity left.
fn maximal(case: &Case, pairs: &[(usize, usize)]) -> bool {
    let scores = &case.scores;
    let load = |side: usize, i: usize| {
        pairs
            .iter()
            .filter(|p| if side == 0 { p.0 == i } else { p.1 == i })
            .count() as u32
    };
    (0..scores.juniors()).all(|j| {
        (0..scores.seniors()).all(|s| {
            !scores.is_allowed(j, s)
                || pairs.contains(&(j, s))
                || load(0, j) >= case.capacities.junior(j)
                || load(1, s) >= case.capacities.senior(s)
        })
    })
}

/// The partners of proposer `p` in `pairs` (`juniors`: whether the juniors propose).
fn partners(pairs: &[(usize, usize)], p: usize, juniors: bool) -> Vec<usize> {
    pairs
        .iter()
        .filter(|x| if juniors { x.0 == p } else { x.1 == p })
        .map(|x| if juniors { x.1 } else { x.0 })
        .collect()
}

proptest! {
    #![proptest_config(config(400))]

    /// Utilitarian and Nash reach their own objectives over every pairing within the
    /// capacities; greedy keeps at least half the utilitarian total and is maximal, as are
    /// both random strategies.
    #[test]
    fn optimising_and_baseline_strategies_against_brute_force(case in cases(3)) {
        let all = all_pairings(&case);
        let (scores, capacities, seed) = (&case.scores, &case.capacities, case.seed);

        let best = all.iter().map(|p| total(scores, p)).fold(f64::NEG_INFINITY, f64::max);
        let utilitarian = Utilitarian::new().pair_within(scores, capacities, seed).unwrap();
        prop_assert!(close(total(scores, utilitarian.pairs()), best),
            "utilitarian {} against {best}", total(scores, utilitarian.pairs()));

        // Nash under capacities: most positive gains over the pairs' two sides, then the
        // largest sum of their logarithms.
        let key = |pairs: &[(usize, usize)]| {
            let gains: Vec<f64> = pairs
                .iter()
                .flat_map(|&(j, s)| [scores.junior_gain(j, s), scores.senior_gain(j, s)])
                .filter(|&u| u > 0.0)
                .collect();
            (gains.len(), gains.iter().map(|u| u.ln()).sum::<f64>())
        };
        let most = all.iter().map(|p| key(p).0).max().unwrap();
        let best_log = all
            .iter()
            .map(|p| key(p))
            .filter(|k| k.0 == most)
            .map(|k| k.1)
            .fold(f64::NEG_INFINITY, f64::max);
        let nash = key(Nash.pair_within(scores, capacities, seed).unwrap().pairs());
        prop_assert_eq!(nash.0, most);
        prop_assert!(close(nash.1, best_log), "nash {} against {best_log}", nash.1);

        let greedy = Greedy.pair_within(scores, capacities, seed).unwrap();
        prop_assert!(total(scores, greedy.pairs()) >= best / 2.0 - 1e-9);
        prop_assert!(maximal(&case, greedy.pairs()));
        for s in [&RandomPairing as &dyn PairingStrategy, &RandomSerialDictatorship] {
            let pairing = s.pair_within(scores, capacities, seed).unwrap();
            prop_assert!(maximal(&case, pairing.pairs()), "{}", s.name());
            prop_assert_eq!(&pairing, &s.pair_within(scores, capacities, seed).unwrap());
        }
    }

    /// The many-to-many metrics count the blocking pairs of the definition, and sum each
    /// agent's gains over its partners; the price of the utilitarian optimum is 0.
    #[test]
    fn many_to_many_metrics_follow_their_definitions(case in cases(3)) {
        let all = all_pairings(&case);
        let scores = &case.scores;
        let optimum = Utilitarian::new().pair_within(scores, &case.capacities, 0).unwrap();
        let optimum_total = many_to_many(scores, &case.capacities, &optimum, None).unwrap().total;
        let at_optimum =
            many_to_many(scores, &case.capacities, &optimum, Some(optimum_total)).unwrap();
        prop_assert_eq!(at_optimum.price, Some(0.0));
        // A few pairings of the list, spread over it.
        for pairs in all.iter().step_by(all.len().div_ceil(7)) {
            let pairing =
                CapacitatedPairing::new(scores, &case.capacities, pairs.clone()).unwrap();
            let m = many_to_many(scores, &case.capacities, &pairing, Some(optimum_total)).unwrap();
            prop_assert_eq!(&m.blocking, &blocking(&case, pairs));
            prop_assert!(close(m.total, total(scores, pairs)));
            prop_assert!(m.price.unwrap() >= -1e-12);
            let mut utility = vec![0.0; scores.juniors() + scores.seniors()];
            for &(j, s) in pairs {
                utility[j] += scores.junior_gain(j, s);
                utility[scores.juniors() + s] += scores.senior_gain(j, s);
            }
            let partnered: Vec<usize> = (0..utility.len())
                .filter(|&i| pairs.iter().any(|p| p.0 == i || scores.juniors() + p.1 == i))
                .collect();
            let smallest = partnered.iter().map(|&i| utility[i]).fold(f64::INFINITY, f64::min);
            let expected = if partnered.is_empty() { 0.0 } else { smallest };
            prop_assert!(close(m.min_utility, expected), "{} against {}", m.min_utility, expected);
        }
    }

    /// With no capacity above 1, every built-in strategy pairs as it does one to one, the
    /// agents of capacity 0 left out.
    #[test]
    fn unit_capacities_pair_as_one_to_one(case in cases(1)) {
        let mut kept = case.scores.clone();
        for j in 0..kept.juniors() {
            for s in 0..kept.seniors() {
                if case.capacities.junior(j) == 0 || case.capacities.senior(s) == 0 {
                    kept.forbid(j, s).unwrap();
                }
            }
        }
        for s in strategy::builtin() {
            let within = s.pair_within(&case.scores, &case.capacities, case.seed).unwrap();
            let one = s.pair_seeded(&kept, case.seed).unwrap();
            prop_assert_eq!(within.pairs(), one.pairs(), "{}", s.name());
        }
    }
}

/// The strategies without an exact capacitated form refuse capacities above 1 with a reason,
/// and every strategy refuses capacities of the wrong length.
#[test]
fn refusals_name_the_strategy_and_the_reason() {
    let scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4]).unwrap();
    // Junior 0 may take two seniors, senior 0 two juniors: three pairs fit.
    let two = Capacities::new(vec![2, 1], vec![2, 1]).unwrap();
    let supported = [
        Builtin::Utilitarian,
        Builtin::Nash,
        Builtin::Greedy,
        Builtin::DeferredAcceptanceJuniors,
        Builtin::DeferredAcceptanceSeniors,
        Builtin::EgalitarianStable,
        Builtin::MinimumRegretStable,
        Builtin::RandomSerialDictatorship,
        Builtin::Random,
    ];
    // Both sides above 1: bottleneck and leximin refuse (the fair stable strategies are tested
    // against brute force above).
    for builtin in Builtin::ALL {
        let s = builtin.strategy();
        match s.pair_within(&scores, &two, 0) {
            Ok(pairing) => {
                assert!(supported.contains(&builtin), "{builtin}");
                // Maximal: 3 pairs, or 2 when (1, 1) is formed first.
                assert!((2..=3).contains(&pairing.len()), "{builtin}");
            }
            Err(MatrixError::CapacitiesUnsupported { strategy, why }) => {
                assert!(!supported.contains(&builtin), "{builtin}");
                assert_eq!(strategy, builtin.name());
                assert!(!why.is_empty());
            }
            Err(e) => panic!("{builtin}: {e}"),
        }
        let short = Capacities::new(vec![1], vec![1, 1]).unwrap();
        assert_eq!(
            s.pair_within(&scores, &short, 0).unwrap_err(),
            MatrixError::LengthMismatch {
                what: "junior capacities",
                expected: 2,
                len: 1
            },
            "{builtin}"
        );
    }
}

/// Each fault of a hand-made pairing is named.
#[test]
fn a_capacitated_pairing_names_each_fault() {
    let mut scores = PairScores::new(2, 3, vec![0.5; 6], vec![0.5; 6]).unwrap();
    scores.forbid(1, 2).unwrap();
    let caps = Capacities::new(vec![2, 1], vec![1, 2, 1]).unwrap();
    let why = |pairs: Vec<(usize, usize)>| match CapacitatedPairing::new(&scores, &caps, pairs) {
        Err(MatrixError::InvalidPair { why, .. }) => why,
        other => panic!("{other:?}"),
    };
    assert_eq!(why(vec![(2, 0)]), "out of range");
    assert_eq!(why(vec![(1, 2)]), "the pair is forbidden");
    assert_eq!(why(vec![(1, 0), (1, 1)]), "the junior is over capacity");
    assert_eq!(why(vec![(0, 0), (1, 0)]), "the senior is over capacity");
    assert_eq!(why(vec![(0, 1), (0, 1)]), "the pair is formed twice");
    let ok = CapacitatedPairing::new(&scores, &caps, vec![(1, 1), (0, 2), (0, 1)]).unwrap();
    assert_eq!(ok.pairs(), &[(0, 1), (0, 2), (1, 1)]);
    assert_eq!(ok.seniors_of(0).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(ok.juniors_of(1).collect::<Vec<_>>(), [0, 1]);
    assert_eq!(
        (ok.junior_load(0), ok.senior_load(1), ok.senior_load(0)),
        (2, 2, 0)
    );
}

/// Capacities far above what anyone can use (a hostile `u32::MAX`) pair everyone with every
/// allowed partner, without allocating for the capacity.
#[test]
fn huge_capacities_cost_nothing_extra() {
    let scores = PairScores::new(3, 2, vec![0.5; 6], vec![0.25; 6]).unwrap();
    let caps = Capacities::new(vec![u32::MAX; 3], vec![u32::MAX; 2]).unwrap();
    for name in [
        "utilitarian",
        "nash",
        "greedy",
        "deferred_acceptance_juniors",
        "deferred_acceptance_seniors",
        "random_serial_dictatorship",
        "random",
    ] {
        let pairing = strategy::by_name(name)
            .unwrap()
            .pair_within(&scores, &caps, 1)
            .unwrap();
        assert_eq!(pairing.len(), 6, "{name}");
    }
    // Many to one, seniors of capacity u32::MAX: the fair stable strategies clone each senior
    // only as often as a stable pairing can use (its partners plus one), not u32::MAX times.
    let scores = PairScores::new(300, 40, vec![0.5; 12_000], vec![0.25; 12_000]).unwrap();
    let caps = Capacities::new(vec![1; 300], vec![u32::MAX; 40]).unwrap();
    for s in [
        &EgalitarianStable as &dyn PairingStrategy,
        &MinimumRegretStable,
    ] {
        let pairing = s.pair_within(&scores, &caps, 0).unwrap();
        assert_eq!(pairing.len(), 300, "{}", s.name());
    }
    // Many to many, both sides of capacity u32::MAX, strict and different lists: every
    // acceptable pair is then stable, and the only stable pairing is all of them but the
    // forbidden ones.
    let (n, m) = (60, 50);
    let gain = |a: usize, b: usize| ((a * 7 + b * 13) % 97) as f64 / 97.0 + 0.01;
    let junior: Vec<f64> = (0..n * m).map(|k| gain(k / m, k % m)).collect();
    let senior: Vec<f64> = (0..n * m).map(|k| gain(k % m, k / m + 3)).collect();
    let mut scores = PairScores::new(n, m, junior, senior).unwrap();
    scores.forbid(0, 0).unwrap();
    scores.forbid(59, 49).unwrap();
    let caps = Capacities::new(vec![u32::MAX; n], vec![u32::MAX; m]).unwrap();
    for s in [
        &EgalitarianStable as &dyn PairingStrategy,
        &MinimumRegretStable,
    ] {
        let pairing = s.pair_within(&scores, &caps, 0).unwrap();
        assert_eq!(pairing.len(), n * m - 2, "{}", s.name());
        assert!(!pairing.pairs().contains(&(0, 0)) && !pairing.pairs().contains(&(59, 49)));
    }
}

/// A senior who may take two juniors: both juniors' favourite takes them both when she likes
/// them best, and deferred acceptance from either side agrees (one stable pairing).
#[test]
fn deferred_acceptance_fills_a_popular_seniors_places() {
    // Juniors prefer senior 0; senior 0 prefers junior 1, then junior 0, then junior 2.
    let junior_gain = vec![0.9, 0.1, 0.9, 0.1, 0.9, 0.1];
    let senior_gain = vec![0.5, 0.5, 0.9, 0.5, 0.2, 0.5];
    let scores = PairScores::new(3, 2, junior_gain, senior_gain).unwrap();
    let caps = Capacities::new(vec![1; 3], vec![2, 1]).unwrap();
    for proposers in [Proposers::Juniors, Proposers::Seniors] {
        let da = DeferredAcceptance::new(proposers)
            .pair_within(&scores, &caps, 0)
            .unwrap();
        assert_eq!(da.pairs(), &[(0, 0), (1, 0), (2, 1)], "{proposers:?}");
    }
}

proptest! {
    // Several stable pairings are rare in small random instances (about one case in forty
    // here), and only those tell the two sides' optima apart: more cases.
    #![proptest_config(config(4000))]

    /// Deferred acceptance from either side is stable in the capacitated (pairwise) sense and
    /// proposer-optimal among all stable pairings: against each of them, every proposer has as
    /// many partners and likes each partner it alone has better than each one only the other
    /// pairing gives it.
    #[test]
    fn deferred_acceptance_is_stable_and_proposer_optimal(case in cases(3)) {
        let all = all_pairings(&case);
        let stable: Vec<&Vec<(usize, usize)>> =
            all.iter().filter(|p| blocking(&case, p).is_empty()).collect();
        prop_assert!(!stable.is_empty());
        let scores = &case.scores;
        for proposers in [Proposers::Juniors, Proposers::Seniors] {
            let juniors = proposers == Proposers::Juniors;
            let da = DeferredAcceptance::new(proposers)
                .pair_within(scores, &case.capacities, 0)
                .unwrap();
            prop_assert!(blocking(&case, da.pairs()).is_empty(), "{:?}", proposers);
            let metrics = many_to_many(scores, &case.capacities, &da, None).unwrap();
            prop_assert_eq!(metrics.blocking_pairs, 0);
            let count = if juniors { scores.juniors() } else { scores.seniors() };
            let rank = |p: usize, q: usize| {
                if juniors { junior_rank(scores, p, q) } else { senior_rank(scores, q, p) }
            };
            for other in &stable {
                for p in 0..count {
                    let mine = partners(da.pairs(), p, juniors);
                    let theirs = partners(other, p, juniors);
                    prop_assert_eq!(mine.len(), theirs.len(), "proposer {}", p);
                    for &x in mine.iter().filter(|x| !theirs.contains(x)) {
                        for &y in theirs.iter().filter(|y| !mine.contains(y)) {
                            prop_assert!(rank(p, x) < rank(p, y),
                                "{:?}: proposer {} prefers {} in {:?} to {} of {:?}",
                                proposers, p, y, other, x, da.pairs());
                        }
                    }
                }
            }
        }
    }
}

/// `case` with the capacities of one side (juniors when `juniors`) cut to at most 1: a
/// many-to-one programme.
fn many_to_one(case: Case, juniors: bool) -> Case {
    let cut = |caps: &[u32]| caps.iter().map(|&c| c.min(1)).collect::<Vec<u32>>();
    let (j, s) = (case.capacities.juniors(), case.capacities.seniors());
    let capacities = if juniors {
        Capacities::new(cut(j), s.to_vec())
    } else {
        Capacities::new(j.to_vec(), cut(s))
    }
    .unwrap();
    Case { capacities, ..case }
}

/// `case` with its first junior and first senior (if any) of capacity at least 2: a
/// many-to-many programme, which the fair stable strategies solve on pair gadgets.
fn both_sides_above_one(case: Case) -> Case {
    let raise = |caps: &[u32]| -> Vec<u32> {
        caps.iter()
            .enumerate()
            .map(|(i, &c)| if i == 0 { c.max(2) } else { c })
            .collect()
    };
    let capacities = Capacities::new(
        raise(case.capacities.juniors()),
        raise(case.capacities.seniors()),
    )
    .unwrap();
    Case { capacities, ..case }
}

/// `case`'s scores with every pair of an agent of capacity 0 forbidden: the lists the stable
/// strategies rank on.
fn taking_part(case: &Case) -> PairScores {
    let mut kept = case.scores.clone();
    for j in 0..kept.juniors() {
        for s in 0..kept.seniors() {
            if case.capacities.junior(j) == 0 || case.capacities.senior(s) == 0 {
                kept.forbid(j, s).unwrap();
            }
        }
    }
    kept
}

proptest! {
    // Several stable pairings are rare in small random instances: more cases.
    #![proptest_config(config(3000))]

    /// Many to one (one side's capacities at most 1, on clones) and many to many (both sides'
    /// capacities as drawn, on pair gadgets), the egalitarian and minimum-regret strategies
    /// return stable pairings with the smallest sum of ranks, and the smallest largest rank
    /// then the smallest sum, over every stable pairing (ranks of both agents of each pair, on
    /// the lists of the agents who take part).
    #[test]
    fn fair_stable_strategies_under_capacities_against_brute_force(
        case in cases(3),
        one_side in 0..3_u8,
    ) {
        let case = match one_side {
            0 => many_to_one(case, true),
            1 => many_to_one(case, false),
            _ => both_sides_above_one(case),
        };
        let kept = taking_part(&case);
        let all = all_pairings(&case);
        let costs = |pairs: &[(usize, usize)]| {
            let ranks: Vec<usize> = pairs
                .iter()
                .flat_map(|&(j, s)| [junior_rank(&kept, j, s), senior_rank(&kept, j, s)])
                .collect();
            (ranks.iter().sum::<usize>(), ranks.iter().copied().max().unwrap_or(0))
        };
        let stable: Vec<(usize, usize)> = all
            .iter()
            .filter(|p| blocking(&case, p).is_empty())
            .map(|p| costs(p))
            .collect();
        let least_sum = stable.iter().map(|c| c.0).min().unwrap();
        let least_regret = stable.iter().map(|c| c.1).min().unwrap();
        let then_sum = stable.iter().filter(|c| c.1 == least_regret).map(|c| c.0).min().unwrap();

        let egalitarian = EgalitarianStable.pair_within(&case.scores, &case.capacities, 0).unwrap();
        prop_assert!(blocking(&case, egalitarian.pairs()).is_empty());
        prop_assert_eq!(costs(egalitarian.pairs()).0, least_sum, "{:?}", egalitarian.pairs());
        let regret = MinimumRegretStable.pair_within(&case.scores, &case.capacities, 0).unwrap();
        prop_assert!(blocking(&case, regret.pairs()).is_empty());
        prop_assert_eq!(costs(regret.pairs()), (then_sum, least_regret), "{:?}", regret.pairs());
    }
}
