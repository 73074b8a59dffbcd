//! Integration tests of the optimising and baseline strategies (`mentor_match::strategy`):
//! each optimising strategy against a brute force over every matching of random instances up
//! to 6 × 6, on its own objective; the baselines on their defining properties.

mod common;
use common::brute::matchings_of;
use common::utilities;
use mentor_match::PairScores;
use mentor_match::strategy::{
    self, Bottleneck, Greedy, Leximin, Nash, Pairing, RandomPairing, RandomSerialDictatorship,
    Strategy as PairingStrategy, Utilitarian,
};
use proptest::prelude::*;

fn total(scores: &PairScores, pairs: &[(usize, usize)]) -> f64 {
    pairs
        .iter()
        .map(|&(j, s)| scores.junior_gain(j, s) + scores.senior_gain(j, s))
        .sum()
}

/// The crate's minimum utility: every agent of the smaller side and the matched agents of the
/// larger side (both sides when equal); 0 when the smaller side is empty.
fn min_utility(scores: &PairScores, pairs: &[(usize, usize)]) -> f64 {
    let (n, m) = (scores.juniors(), scores.seniors());
    let u = utilities(scores, pairs);
    let mut counted: Vec<f64> = Vec::new();
    let junior_matched = |j: usize| pairs.iter().any(|p| p.0 == j);
    let senior_matched = |s: usize| pairs.iter().any(|p| p.1 == s);
    for (j, &uj) in u.iter().enumerate().take(n) {
        if n <= m || junior_matched(j) {
            counted.push(uj);
        }
    }
    for s in 0..m {
        if m <= n || senior_matched(s) {
            counted.push(u[n + s]);
        }
    }
    if n.min(m) == 0 {
        return 0.0;
    }
    counted.into_iter().fold(f64::INFINITY, f64::min)
}

/// (agents with a positive utility, sum of their logarithms).
fn nash_key(scores: &PairScores, pairs: &[(usize, usize)]) -> (usize, f64) {
    let u = utilities(scores, pairs);
    let positive: Vec<f64> = u.into_iter().filter(|&x| x > 0.0).collect();
    (positive.len(), positive.iter().map(|x| x.ln()).sum())
}

fn sorted_utilities(scores: &PairScores, pairs: &[(usize, usize)]) -> Vec<f64> {
    let mut u = utilities(scores, pairs);
    u.sort_by(f64::total_cmp);
    u
}

/// The best total among the matchings of `all` that `keep` accepts.
fn best_total_among(
    scores: &PairScores,
    all: &[Vec<(usize, usize)>],
    keep: impl Fn(&[(usize, usize)]) -> bool,
) -> f64 {
    all.iter()
        .filter(|p| keep(p))
        .map(|p| total(scores, p))
        .fold(f64::NEG_INFINITY, f64::max)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

const VALUES: [f64; 6] = [0.0, 0.1, 0.25, 0.5, 0.75, 1.0];

fn instance(max: usize) -> impl proptest::strategy::Strategy<Value = PairScores> {
    (0..=max, 0..=max).prop_flat_map(|(n, m)| {
        (
            proptest::collection::vec(0..VALUES.len(), n * m),
            proptest::collection::vec(0..VALUES.len(), n * m),
            proptest::collection::vec(0..4u8, n * m),
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

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn optimising_strategies_match_brute_force(scores in instance(6)) {
        let all = matchings_of(&scores);

        let best_total = best_total_among(&scores, &all, |_| true);
        let got = Utilitarian::new().pair(&scores).unwrap();
        prop_assert!(close(total(&scores, got.pairs()), best_total));

        let best_nash = all.iter().map(|p| nash_key(&scores, p)).fold((0, f64::NEG_INFINITY), |x, y| {
            if y.0 > x.0 || (y.0 == x.0 && y.1 > x.1) { y } else { x }
        });
        let got = nash_key(&scores, Nash.pair(&scores).unwrap().pairs());
        prop_assert_eq!(got.0, best_nash.0);
        prop_assert!(close(got.1, best_nash.1), "{:?} {:?}", got, best_nash);

        let best_min = all.iter().map(|p| min_utility(&scores, p)).fold(f64::NEG_INFINITY, f64::max);
        let best_sum_at_min = best_total_among(&scores, &all, |p| min_utility(&scores, p) == best_min);
        let got = Bottleneck.pair(&scores).unwrap();
        prop_assert_eq!(min_utility(&scores, got.pairs()), best_min);
        prop_assert!(close(total(&scores, got.pairs()), best_sum_at_min));

        let best_lex = all
            .iter()
            .map(|p| sorted_utilities(&scores, p))
            .max_by(|x, y| x.partial_cmp(y).unwrap())
            .unwrap();
        let best_sum_at_lex = best_total_among(&scores, &all, |p| sorted_utilities(&scores, p) == best_lex);
        let got = Leximin.pair(&scores).unwrap();
        prop_assert_eq!(sorted_utilities(&scores, got.pairs()), best_lex);
        prop_assert!(close(total(&scores, got.pairs()), best_sum_at_lex));
    }

    #[test]
    fn baselines_are_maximal_and_reproducible(scores in instance(6), seed in any::<u64>()) {
        for s in [&Greedy as &dyn PairingStrategy, &RandomSerialDictatorship, &RandomPairing] {
            let p = s.pair_seeded(&scores, seed).unwrap();
            prop_assert!(is_maximal(&scores, &p), "{} is not maximal", s.name());
            prop_assert_eq!(&p, &s.pair_seeded(&scores, seed).unwrap());
        }
    }

    #[test]
    fn greedy_gets_at_least_half_the_optimum(scores in instance(6)) {
        let greedy = total(&scores, Greedy.pair(&scores).unwrap().pairs());
        let best = total(&scores, Utilitarian::new().pair(&scores).unwrap().pairs());
        prop_assert!(greedy >= best / 2.0 - 1e-12);
    }
}

fn is_maximal(scores: &PairScores, p: &Pairing) -> bool {
    (0..scores.juniors()).all(|j| {
        p.senior_of(j).is_some()
            || (0..scores.seniors()).all(|s| !scores.is_allowed(j, s) || p.junior_of(s).is_some())
    })
}

/// Greedy takes the best pair first, ties to the lower junior, then the lower senior.
#[test]
fn greedy_breaks_ties_by_index() {
    let scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4]).unwrap();
    assert_eq!(Greedy.pair(&scores).unwrap().pairs(), &[(0, 0), (1, 1)]);
    // Junior 1's pair with senior 0 is the single best: taken first.
    let scores = PairScores::new(2, 2, vec![0.5, 0.5, 0.9, 0.5], vec![0.5; 4]).unwrap();
    assert_eq!(Greedy.pair(&scores).unwrap().pairs(), &[(0, 1), (1, 0)]);
}

/// Bottleneck maximises `min_utility` as the metrics define it, then the sum; not "most pairs,
/// then the largest smallest utility of a matched agent". The instance is issue 16's, 3 juniors
/// × 2 seniors, `null` a forbidden pair:
/// `{"junior_gain": [[0.0,null],[0.75,0.0],[0.0,null]],
///   "senior_gain": [[0.75,null],[0.5,0.25],[0.5,null]]}`.
///
/// By hand: seniors are the smaller side, and senior 1 may only pair with junior 1. A pairing
/// that pairs both seniors holds (1, 1), where junior 1 gains 0, so every pairing's
/// `min_utility` is 0 and the largest sum decides: (1, 0) alone, 0.75 + 0.5 = 1.25, against
/// 1.0 for (0, 0) + (1, 1) and 0.75 for (2, 0) + (1, 1). "Most pairs first" would give
/// (0, 0) + (1, 1) instead.
#[test]
fn bottleneck_follows_the_metrics_min_utility_then_the_sum() {
    let mut scores = PairScores::new(
        3,
        2,
        vec![0.0, 0.0, 0.75, 0.0, 0.0, 0.0],
        vec![0.75, 0.0, 0.5, 0.25, 0.5, 0.0],
    )
    .unwrap();
    for junior in [0, 2] {
        scores.forbid(junior, 1).unwrap();
    }
    let pairing = Bottleneck.pair(&scores).unwrap();
    assert_eq!(pairing.pairs(), &[(1, 0)]);
    let report = mentor_match::metrics::report(&scores, &pairing).unwrap();
    assert_eq!(report.min_utility, 0.0); // senior 1 is unmatched
    assert_eq!(report.total, 1.25);
    // No pairing does better on `min_utility`, and none reaching it sums higher.
    let all = matchings_of(&scores);
    assert!(all.iter().all(|p| min_utility(&scores, p) == 0.0));
    assert_eq!(best_total_among(&scores, &all, |_| true), 1.25);
}

/// Random strategies depend on the seed: over 20 seeds on a 6 × 6 instance with every pair
/// allowed, more than one pairing comes out.
#[test]
fn random_strategies_depend_on_the_seed() {
    let scores = PairScores::new(
        6,
        6,
        (0..36).map(|k| (k % 7) as f64 / 7.0).collect(),
        (0..36).map(|k| (k % 5) as f64 / 5.0).collect(),
    )
    .unwrap();
    for s in [
        &RandomSerialDictatorship as &dyn PairingStrategy,
        &RandomPairing,
    ] {
        let mut seen: Vec<Pairing> = Vec::new();
        for seed in 0..20 {
            let p = s.pair_seeded(&scores, seed).unwrap();
            if !seen.contains(&p) {
                seen.push(p);
            }
        }
        assert!(seen.len() > 1, "{} ignores its seed", s.name());
    }
}

/// Utilities drawn from a continuum (almost surely distinct) or, with `zeros`, a third of them
/// 0; about a quarter of the pairs forbidden; any shape up to `max × max`.
fn continuous_instance(max: usize) -> impl proptest::strategy::Strategy<Value = PairScores> {
    (0..=max, 0..=max, any::<bool>()).prop_flat_map(|(n, m, zeros)| {
        let gain = move || {
            (0.0..1.0f64, 0..3u8).prop_map(move |(x, z)| if zeros && z == 0 { 0.0 } else { x })
        };
        (
            proptest::collection::vec(gain(), n * m),
            proptest::collection::vec(gain(), n * m),
            proptest::collection::vec(0..4u8, n * m),
        )
            .prop_map(move |(a, b, f)| {
                let mut scores = PairScores::new(n, m, a, b).unwrap();
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
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Leximin on utilities without ties (every value its own level, the case with the most
    /// levels) and with many zeros: the lexicographically largest sorted vector, then the
    /// largest sum among those, as a brute force finds them.
    #[test]
    fn leximin_matches_brute_force_on_continuous_utilities(scores in continuous_instance(6)) {
        let all = matchings_of(&scores);
        let best_lex = all
            .iter()
            .map(|p| sorted_utilities(&scores, p))
            .max_by(|x, y| x.partial_cmp(y).unwrap())
            .unwrap();
        let best_sum_at_lex =
            best_total_among(&scores, &all, |p| sorted_utilities(&scores, p) == best_lex);
        let got = Leximin.pair(&scores).unwrap();
        prop_assert_eq!(sorted_utilities(&scores, got.pairs()), best_lex);
        prop_assert!(close(total(&scores, got.pairs()), best_sum_at_lex));
    }
}

/// Every built-in strategy handles empty sides and fully forbidden instances.
#[test]
fn degenerate_instances() {
    let mut shapes = vec![
        PairScores::new(0, 0, vec![], vec![]).unwrap(),
        PairScores::new(0, 3, vec![], vec![]).unwrap(),
        PairScores::new(3, 0, vec![], vec![]).unwrap(),
    ];
    let mut none = PairScores::new(2, 3, vec![0.5; 6], vec![0.5; 6]).unwrap();
    for k in 0..6 {
        none.forbid(k / 3, k % 3).unwrap();
    }
    shapes.push(none);
    shapes.push(PairScores::new(3, 3, vec![0.0; 9], vec![0.0; 9]).unwrap());
    for scores in &shapes {
        for s in strategy::builtin() {
            let p = s.pair_seeded(scores, 1).unwrap();
            if scores.allowed().iter().all(|&ok| !ok) {
                assert!(p.is_empty(), "{}", s.name());
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Across every built-in strategy, measured with the crate's metrics: the utilitarian total
    /// is the largest, the bottleneck minimum the largest, and the stable strategies leave no
    /// blocking pair.
    #[test]
    fn strategies_keep_their_promises_across_metrics(scores in instance(7), seed in any::<u64>()) {
        let reports: Vec<(String, mentor_match::metrics::Report)> = strategy::builtin()
            .iter()
            .map(|s| {
                let p = s.pair_seeded(&scores, seed).unwrap();
                (s.name().to_string(), mentor_match::metrics::report(&scores, &p).unwrap())
            })
            .collect();
        let get = |name: &str| &reports.iter().find(|r| r.0 == name).unwrap().1;
        let (utilitarian, bottleneck) = (get("utilitarian"), get("bottleneck"));
        for (name, r) in &reports {
            prop_assert!(utilitarian.total >= r.total - 1e-9, "{} beats utilitarian", name);
            prop_assert!(bottleneck.min_utility >= r.min_utility, "{} beats bottleneck", name);
            if name.contains("stable") || name.starts_with("deferred") {
                prop_assert_eq!(r.blocking_pairs, 0, "{} has blocking pairs", name);
            }
        }
    }
}

/// The matcher pairs a roster with any strategy, and whatever the strategy, it never forms a
/// pair that breaks a rule or where nobody learns anything; the default strategy is the
/// utilitarian optimum of the combined scores with the most pairs.
#[test]
fn the_matcher_uses_any_strategy_within_the_rules() {
    use mentor_match::{Matcher, Population};
    let roster = Population::new(30, 25).with_seed(5).roster().unwrap();
    let scored = Matcher::new().score(&roster).unwrap();
    let index = |ids: &[mentor_match::ParticipantId], id: &str| {
        ids.iter().position(|&p| roster.id(p) == id).unwrap()
    };
    let default = Matcher::new().solve(&roster).unwrap();
    assert_eq!(default.strategy(), "utilitarian");
    for name in strategy::NAMES {
        let matching = Matcher::new()
            .with_strategy(strategy::by_name(name).unwrap())
            .with_seed(3)
            .solve(&roster)
            .unwrap();
        assert_eq!(matching.strategy(), name);
        assert!(matching.pairs().len() <= default.pairs().len(), "{name}");
        for pair in matching.pairs() {
            let (j, s) = (
                index(scored.juniors(), &pair.junior),
                index(scored.seniors(), &pair.senior),
            );
            assert!(scored.scores().is_allowed(j, s), "{name} broke a rule");
            assert!(pair.score > 0.0, "{name} formed a pair where nobody learns");
        }
    }
}

/// Out-of-range indices give empty lists and no rank, never a panic.
#[test]
fn preferences_out_of_range_are_empty() {
    let scores = PairScores::new(1, 1, vec![0.5], vec![0.5]).unwrap();
    let prefs = strategy::Preferences::induced(&scores);
    assert!(prefs.junior_list(usize::MAX).is_empty());
    assert!(prefs.senior_list(7).is_empty());
    assert_eq!(prefs.junior_rank(usize::MAX, 0), None);
}
