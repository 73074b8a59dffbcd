//! Integration tests of the stable strategies (`mentor_match::strategy`): deferred acceptance
//! from both sides, the egalitarian and the minimum-regret stable matching.
//!
//! - Known answers, each naming its source: Gale & Shapley's (1962) two marriage examples, the
//!   4 x 4 instance with ten stable matchings from Malkevitch's notes, two 4 x 4 instances found
//!   for this file (one whose four stable matchings are the four answers, one that needs the
//!   precedence through a skipped senior; all their stable matchings are listed), the cyclic
//!   family that generalises Gale & Shapley's first example (answers proved below, at
//!   101 x 101), and edge cases (empty sides, all pairs forbidden, all utilities tied, someone
//!   unmatched in every stable matching). The brute force confirms every listed set of stable
//!   matchings.
//! - Property tests against a brute force that enumerates every matching of random instances
//!   up to 6 x 6 (any shapes, forbidden cells, utilities from a few values so ties are common;
//!   independent, opposed and cyclic tastes, the last two with many stable matchings) and keeps
//!   the stable ones under `Preferences::induced`: deferred acceptance is stable and
//!   proposer-optimal (and receiver-pessimal), the egalitarian and minimum-regret strategies
//!   reach the brute force's optimum and break ties as documented.
//! - Invariants on random 200 x 200 and 200 x 150 instances: every output stable, the same
//!   agents matched, each side's deferred acceptance best for that side and worst for the other,
//!   egalitarian and minimum regret no worse than the others on their own objective.
//!
//! Each property runs a fixed number of cases; `PROPTEST_CASES=20000 cargo test --test stable`
//! hunts longer.

mod common;
use common::SplitMix;
use common::brute::matchings_of;
use common::config;
use mentor_match::PairScores;
use mentor_match::strategy::{
    self, DeferredAcceptance, EgalitarianStable, MinimumRegretStable, Pairing, Preferences,
    Proposers, Strategy,
};
use proptest::prelude::*;
use proptest::strategy::Strategy as _;

// =============================================================================================
// Helpers and the brute force
// =============================================================================================

/// The senior of each junior.
type Matching = Vec<Option<usize>>;

fn juniors_propose() -> DeferredAcceptance {
    DeferredAcceptance::new(Proposers::Juniors)
}

fn seniors_propose() -> DeferredAcceptance {
    DeferredAcceptance::new(Proposers::Seniors)
}

/// Scores whose induced preferences are the given lists: junior `j` ranks the seniors of
/// `junior_lists[j]`, best first, and senior `s` the juniors of `senior_lists[s]`; the utility of
/// a partner at rank `r` is `size - r` (`size` the longest list), and a pair in neither list is
/// forbidden. A pair must be in both lists or in neither.
fn from_lists(junior_lists: &[&[usize]], senior_lists: &[&[usize]]) -> PairScores {
    let (n, m) = (junior_lists.len(), senior_lists.len());
    let size = junior_lists
        .iter()
        .chain(senior_lists)
        .map(|l| l.len())
        .max()
        .unwrap_or(0);
    let mut junior = vec![0.0; n * m];
    let mut senior = vec![0.0; n * m];
    let mut listed = vec![(false, false); n * m];
    for (j, list) in junior_lists.iter().enumerate() {
        for (rank, &s) in list.iter().enumerate() {
            junior[j * m + s] = (size - rank) as f64;
            listed[j * m + s].0 = true;
        }
    }
    for (s, list) in senior_lists.iter().enumerate() {
        for (rank, &j) in list.iter().enumerate() {
            senior[j * m + s] = (size - rank) as f64;
            listed[j * m + s].1 = true;
        }
    }
    let mut scores = PairScores::new(n, m, junior, senior).unwrap();
    for j in 0..n {
        for s in 0..m {
            let (a, b) = listed[j * m + s];
            assert_eq!(a, b, "pair ({j}, {s}) must be in both lists or neither");
            if !a {
                scores.forbid(j, s).unwrap();
            }
        }
    }
    // The lists are exactly the induced preferences.
    let prefs = Preferences::induced(&scores);
    for (j, list) in junior_lists.iter().enumerate() {
        assert_eq!(prefs.junior_list(j), *list);
    }
    for (s, list) in senior_lists.iter().enumerate() {
        assert_eq!(prefs.senior_list(s), *list);
    }
    scores
}

fn matching(pairing: &Pairing) -> Matching {
    (0..pairing.juniors())
        .map(|j| pairing.senior_of(j))
        .collect()
}

fn junior_of(matching: &Matching, seniors: usize) -> Vec<Option<usize>> {
    let mut junior_of = vec![None; seniors];
    for (j, s) in matching.iter().enumerate() {
        if let Some(s) = *s {
            junior_of[s] = Some(j);
        }
    }
    junior_of
}

/// Whether no allowed pair blocks `matching` (both strictly prefer each other to their partners,
/// an unmatched agent preferring any acceptable partner).
fn is_stable(prefs: &Preferences, matching: &Matching) -> bool {
    let junior_of = junior_of(matching, prefs.seniors());
    (0..prefs.juniors()).all(|j| {
        prefs.junior_list(j).iter().all(|&s| {
            !(prefs.junior_prefers(j, s, matching[j]) && prefs.senior_prefers(s, j, junior_of[s]))
        })
    })
}

/// Every matching of the allowed pairs, junior by junior.
fn all_matchings(scores: &PairScores) -> Vec<Matching> {
    matchings_of(scores)
        .iter()
        .map(|pairs| {
            let mut matching = vec![None; scores.juniors()];
            for &(j, s) in pairs {
                matching[j] = Some(s);
            }
            matching
        })
        .collect()
}

/// Every stable matching, by brute force.
fn all_stable(scores: &PairScores) -> Vec<Matching> {
    let prefs = Preferences::induced(scores);
    all_matchings(scores)
        .into_iter()
        .filter(|m| is_stable(&prefs, m))
        .collect()
}

/// The ranks every matched agent, junior or senior, gives its partner.
fn ranks(prefs: &Preferences, matching: &Matching) -> Vec<usize> {
    let mut ranks = Vec::new();
    for (j, s) in matching.iter().enumerate() {
        if let Some(s) = *s {
            ranks.push(prefs.junior_rank(j, s).unwrap());
            ranks.push(prefs.senior_rank(j, s).unwrap());
        }
    }
    ranks
}

fn rank_sum(prefs: &Preferences, matching: &Matching) -> usize {
    ranks(prefs, matching).iter().sum()
}

fn regret(prefs: &Preferences, matching: &Matching) -> usize {
    ranks(prefs, matching).into_iter().max().unwrap_or(0)
}

/// Whether every junior likes `a` at least as much as `b`.
fn juniors_weakly_prefer(prefs: &Preferences, a: &Matching, b: &Matching) -> bool {
    (0..a.len()).all(|j| b[j].is_none_or(|s| !prefs.junior_prefers(j, s, a[j])))
}

/// Whether every senior likes `a` at least as much as `b`.
fn seniors_weakly_prefer(prefs: &Preferences, a: &Matching, b: &Matching) -> bool {
    let (a, b) = (junior_of(a, prefs.seniors()), junior_of(b, prefs.seniors()));
    (0..a.len()).all(|s| b[s].is_none_or(|j| !prefs.senior_prefers(s, j, a[s])))
}

/// The four stable strategies' matchings: juniors propose, seniors propose, egalitarian,
/// minimum regret.
fn solve_all(scores: &PairScores) -> [Matching; 4] {
    let strategies: [&dyn Strategy; 4] = [
        &juniors_propose(),
        &seniors_propose(),
        &EgalitarianStable,
        &MinimumRegretStable,
    ];
    strategies.map(|s| matching(&s.pair(scores).unwrap()))
}

/// Checks the four strategies against the brute force; `Err` names what failed.
fn check_against_brute_force(scores: &PairScores) -> Result<(), String> {
    let prefs = Preferences::induced(scores);
    let stable = all_stable(scores);
    if stable.is_empty() {
        return Err("the brute force found no stable matching".into());
    }
    let [by_juniors, by_seniors, egalitarian, min_regret] = solve_all(scores);
    for (name, m) in [
        ("juniors propose", &by_juniors),
        ("seniors propose", &by_seniors),
        ("egalitarian", &egalitarian),
        ("minimum regret", &min_regret),
    ] {
        if !stable.contains(m) {
            return Err(format!("{name}: {m:?} is not stable"));
        }
    }
    for other in &stable {
        if !juniors_weakly_prefer(&prefs, &by_juniors, other) {
            return Err(format!("juniors propose: a junior prefers {other:?}"));
        }
        if !seniors_weakly_prefer(&prefs, other, &by_juniors) {
            return Err(format!(
                "juniors propose: a senior is better off than in {other:?}"
            ));
        }
        if !seniors_weakly_prefer(&prefs, &by_seniors, other) {
            return Err(format!("seniors propose: a senior prefers {other:?}"));
        }
        if !juniors_weakly_prefer(&prefs, other, &by_seniors) {
            return Err(format!(
                "seniors propose: a junior is better off than in {other:?}"
            ));
        }
    }
    // Egalitarian: the smallest rank sum, and of those the juniors' favourite.
    let best_sum = stable.iter().map(|m| rank_sum(&prefs, m)).min().unwrap();
    if rank_sum(&prefs, &egalitarian) != best_sum {
        return Err(format!(
            "egalitarian: rank sum {} but {best_sum} is possible",
            rank_sum(&prefs, &egalitarian)
        ));
    }
    for other in stable.iter().filter(|m| rank_sum(&prefs, m) == best_sum) {
        if !juniors_weakly_prefer(&prefs, &egalitarian, other) {
            return Err(format!("egalitarian: juniors prefer the tie {other:?}"));
        }
    }
    // Minimum regret: the smallest regret, then the smallest sum, then the juniors' favourite.
    let best_regret = stable.iter().map(|m| regret(&prefs, m)).min().unwrap();
    if regret(&prefs, &min_regret) != best_regret {
        return Err(format!(
            "minimum regret: regret {} but {best_regret} is possible",
            regret(&prefs, &min_regret)
        ));
    }
    let best_sum_at_regret = stable
        .iter()
        .filter(|m| regret(&prefs, m) == best_regret)
        .map(|m| rank_sum(&prefs, m))
        .min()
        .unwrap();
    if rank_sum(&prefs, &min_regret) != best_sum_at_regret {
        return Err(format!(
            "minimum regret: rank sum {} but {best_sum_at_regret} is possible at regret \
             {best_regret}",
            rank_sum(&prefs, &min_regret)
        ));
    }
    for other in stable
        .iter()
        .filter(|m| regret(&prefs, m) == best_regret && rank_sum(&prefs, m) == best_sum_at_regret)
    {
        if !juniors_weakly_prefer(&prefs, &min_regret, other) {
            return Err(format!("minimum regret: juniors prefer the tie {other:?}"));
        }
    }
    Ok(())
}

fn pairs(matching: &Matching) -> Vec<(usize, usize)> {
    matching
        .iter()
        .enumerate()
        .filter_map(|(j, s)| s.map(|s| (j, s)))
        .collect()
}

// =============================================================================================
// Known answers
// =============================================================================================

/// Gale & Shapley (1962), *College admissions and the stability of marriage*, Example 1: men
/// α, β, γ (juniors 0, 1, 2) and women A, B, C (seniors 0, 1, 2) with the ranking matrix
///
/// ```text
///        A       B       C
/// α   (1, 3)  (2, 2)  (3, 1)
/// β   (3, 1)  (1, 3)  (2, 2)
/// γ   (2, 2)  (3, 1)  (1, 3)
/// ```
///
/// (the man's rank of the woman, then the woman's rank of the man). "There are six possible
/// sets of marriages; of these three are stable": every man his first choice, every woman her
/// first choice, and everyone their second choice.
fn gale_shapley_example_1() -> PairScores {
    from_lists(
        &[&[0, 1, 2], &[1, 2, 0], &[2, 0, 1]],
        &[&[1, 2, 0], &[2, 0, 1], &[0, 1, 2]],
    )
}

#[test]
fn gale_shapley_1962_example_1() {
    let scores = gale_shapley_example_1();
    let stable = all_stable(&scores);
    assert_eq!(all_matchings(&scores).len(), 34); // 1 + 9 + 18 + 6 partial matchings
    assert_eq!(
        stable,
        vec![
            vec![Some(0), Some(1), Some(2)],
            vec![Some(1), Some(2), Some(0)],
            vec![Some(2), Some(0), Some(1)],
        ]
    );
    let [by_juniors, by_seniors, egalitarian, min_regret] = solve_all(&scores);
    // Men propose: every man his first choice, αA βB γC.
    assert_eq!(pairs(&by_juniors), [(0, 0), (1, 1), (2, 2)]);
    // Women propose: every woman her first choice, αC βA γB.
    assert_eq!(pairs(&by_seniors), [(0, 2), (1, 0), (2, 1)]);
    // Everyone's second choice, αB βC γA: regret 1 (0-based ranks) against 2 for the others.
    assert_eq!(pairs(&min_regret), [(0, 1), (1, 2), (2, 0)]);
    // All three sum to 6 ranks; of tied egalitarian matchings the juniors' favourite.
    assert_eq!(egalitarian, by_juniors);
    check_against_brute_force(&scores).unwrap();
}

/// Gale & Shapley (1962), Example 2: four men α, β, γ, δ and four women A, B, C, D with the
/// ranking matrix
///
/// ```text
///        A       B       C       D
/// α   (1, 3)  (2, 3)  (3, 2)  (4, 3)
/// β   (1, 4)  (4, 1)  (3, 3)  (2, 2)
/// γ   (2, 2)  (1, 4)  (3, 4)  (4, 1)
/// δ   (4, 1)  (2, 2)  (3, 1)  (1, 4)
/// ```
///
/// which has only one stable set of marriages, αC, βD, γA, δB. (The matrix is quoted from
/// memory of the paper; the brute force below confirms that it has exactly that one stable
/// matching.)
#[test]
fn gale_shapley_1962_example_2() {
    let scores = from_lists(
        &[&[0, 1, 2, 3], &[0, 3, 2, 1], &[1, 0, 2, 3], &[3, 1, 2, 0]],
        &[&[3, 2, 0, 1], &[1, 3, 0, 2], &[3, 0, 1, 2], &[2, 1, 0, 3]],
    );
    let expected = vec![Some(2), Some(3), Some(0), Some(1)];
    assert_eq!(all_stable(&scores), vec![expected.clone()]);
    for m in solve_all(&scores) {
        assert_eq!(m, expected);
    }
}

/// J. Malkevitch, "Gale–Shapley example with ten stable marriages" (York College, CUNY, course
/// notes): men m1..m4 rank the women 1 2 3 4, 2 1 4 3, 3 4 1 2, 4 3 2 1; women w1..w4 rank the
/// men 4 3 2 1, 3 4 1 2, 2 1 4 3, 1 2 3 4. Ten stable matchings, all with rank sum 12 (0-based
/// ranks); four of them have regret 2, the rest 3.
#[test]
fn malkevitch_ten_stable_marriages() {
    let scores = from_lists(
        &[&[0, 1, 2, 3], &[1, 0, 3, 2], &[2, 3, 0, 1], &[3, 2, 1, 0]],
        &[&[3, 2, 1, 0], &[2, 3, 0, 1], &[1, 0, 3, 2], &[0, 1, 2, 3]],
    );
    let prefs = Preferences::induced(&scores);
    let stable = all_stable(&scores);
    assert_eq!(stable.len(), 10);
    assert!(stable.iter().all(|m| rank_sum(&prefs, m) == 12));
    let regret_2: Vec<&Matching> = stable.iter().filter(|m| regret(&prefs, m) == 2).collect();
    assert_eq!(regret_2.len(), 4);
    let [by_juniors, by_seniors, egalitarian, min_regret] = solve_all(&scores);
    assert_eq!(pairs(&by_juniors), [(0, 0), (1, 1), (2, 2), (3, 3)]);
    assert_eq!(pairs(&by_seniors), [(0, 3), (1, 2), (2, 1), (3, 0)]);
    // Every stable matching ties on the sum: the juniors' favourite is the junior-optimal one.
    assert_eq!(egalitarian, by_juniors);
    // Of the four with regret 2 (all sum 12), the one where every man has his second choice:
    // m1w2, m2w1, m3w4, m4w3.
    assert_eq!(pairs(&min_regret), [(0, 1), (1, 0), (2, 3), (3, 2)]);
    check_against_brute_force(&scores).unwrap();
}

/// Built for this file (found by a search over random 4 x 4 instances): the four answers all
/// differ and the egalitarian and minimum-regret optima are unique. Junior lists (seniors, best
/// first) 0 1 3 2 / 2 1 3 0 / 3 2 1 0 / 1 3 0 2; senior lists (juniors, best first)
/// 1 2 3 0 / 0 3 1 2 / 3 2 1 0 / 1 3 0 2. Its stable matchings, as the senior of juniors 0..3,
/// with the juniors' and the seniors' 0-based ranks (the brute force below checks the list):
///
/// ```text
/// matching      junior ranks  senior ranks  sum  regret
/// 0 2 3 1       0 0 0 0       3 1 2 3        9     3    junior-optimal
/// 0 3 2 1       0 2 1 0       3 1 1 0        8     3    egalitarian (unique smallest sum)
/// 1 3 2 0       1 2 1 2       2 0 1 0        9     2    minimum regret (unique regret 2)
/// 1 3 0 2       1 2 3 3       1 0 0 0       10     3    senior-optimal
/// ```
#[test]
fn four_answers_differ() {
    let scores = from_lists(
        &[&[0, 1, 3, 2], &[2, 1, 3, 0], &[3, 2, 1, 0], &[1, 3, 0, 2]],
        &[&[1, 2, 3, 0], &[0, 3, 1, 2], &[3, 2, 1, 0], &[1, 3, 0, 2]],
    );
    let prefs = Preferences::induced(&scores);
    let some = |v: [usize; 4]| v.map(Some).to_vec();
    let stable = all_stable(&scores);
    assert_eq!(
        stable,
        vec![
            some([0, 2, 3, 1]),
            some([0, 3, 2, 1]),
            some([1, 3, 0, 2]),
            some([1, 3, 2, 0]),
        ]
    );
    let sums: Vec<usize> = stable.iter().map(|m| rank_sum(&prefs, m)).collect();
    let regrets: Vec<usize> = stable.iter().map(|m| regret(&prefs, m)).collect();
    assert_eq!((sums, regrets), (vec![9, 8, 10, 9], vec![3, 3, 3, 2]));
    let [by_juniors, by_seniors, egalitarian, min_regret] = solve_all(&scores);
    assert_eq!(by_juniors, some([0, 2, 3, 1]));
    assert_eq!(by_seniors, some([1, 3, 0, 2]));
    assert_eq!(egalitarian, some([0, 3, 2, 1]));
    assert_eq!(min_regret, some([1, 3, 2, 0]));
    check_against_brute_force(&scores).unwrap();
}

/// Found for this file by the property tests with the "type 2" precedence edges (Gusfield &
/// Irving 1989, ch. 3) left out. Junior lists 2 1 3 0 / 0 3 2 1 / 1 3 2 0 / 1 0 2 3, senior lists
/// 0 2 3 1 / 0 1 3 2 / 3 1 0 2 / 1 2 3 0. Three stable matchings, a chain of two rotations:
///
/// ```text
/// matching   junior ranks  senior ranks  sum
/// 2 0 3 1    0 0 1 0       3 2 2 1        9    junior-optimal
/// 2 3 0 1    0 1 3 0       1 2 2 0        9    after ρ1 = (j1 s0, j2 s3)
/// 1 3 0 2    1 1 3 2       1 0 0 0        8    after ρ2 = (j0 s2, j3 s1): senior-optimal
/// ```
///
/// `ρ1` and `ρ2` share no junior, so no pair produced by one is broken by the other; yet `ρ2`
/// moves junior 3 from senior 1 past senior 0 to senior 2, which is stable only once senior 0
/// prefers her partner to junior 3, that is after `ρ1`. Eliminating `ρ2` alone (weight −1
/// against 0 for `ρ1`) gives 1 0 3 2, which junior 3 and senior 0 block.
#[test]
fn precedence_through_a_skipped_senior() {
    let scores = from_lists(
        &[&[2, 1, 3, 0], &[0, 3, 2, 1], &[1, 3, 2, 0], &[1, 0, 2, 3]],
        &[&[0, 2, 3, 1], &[0, 1, 3, 2], &[3, 1, 0, 2], &[1, 2, 3, 0]],
    );
    let some = |v: [usize; 4]| v.map(Some).to_vec();
    assert_eq!(
        all_stable(&scores),
        vec![some([1, 3, 0, 2]), some([2, 0, 3, 1]), some([2, 3, 0, 1])]
    );
    let [by_juniors, by_seniors, egalitarian, min_regret] = solve_all(&scores);
    assert_eq!(by_juniors, some([2, 0, 3, 1]));
    assert_eq!(by_seniors, some([1, 3, 0, 2]));
    assert_eq!(egalitarian, some([1, 3, 0, 2]));
    // All three have regret 3; the smallest sum decides.
    assert_eq!(min_regret, some([1, 3, 0, 2]));
    check_against_brute_force(&scores).unwrap();
}

/// The cyclic family that generalises Gale & Shapley's Example 1 (which is `n = 3`): junior `i`
/// ranks seniors `i, i + 1, …, i + n − 1`, senior `w` ranks juniors `w + 1, w + 2, …, w + n`
/// (all mod `n`).
fn cyclic(n: usize) -> PairScores {
    let juniors: Vec<Vec<usize>> = (0..n)
        .map(|i| (0..n).map(|d| (i + d) % n).collect())
        .collect();
    let seniors: Vec<Vec<usize>> = (0..n)
        .map(|w| (0..n).map(|d| (w + 1 + d) % n).collect())
        .collect();
    let juniors: Vec<&[usize]> = juniors.iter().map(Vec::as_slice).collect();
    let seniors: Vec<&[usize]> = seniors.iter().map(Vec::as_slice).collect();
    from_lists(&juniors, &seniors)
}

/// The cyclic family at `n = 101`, answers proved: a pair `(i, i + d)` has junior rank `d` and
/// senior rank `(i − (i + d) − 1) mod n = n − 1 − d`, so every perfect matching, and so every
/// stable one (all lists are complete and the sides equal), has rank sum `n(n − 1)`: the
/// egalitarian tie goes to the juniors' favourite, the junior-optimal matching. The shift
/// `i → i + k` is stable: junior `i` prefers only seniors `i + d`, `d < k`, each of whom holds
/// a junior she ranks `n − 1 − k < n − 1 − d`. So shift 0 is junior-optimal, shift `n − 1`
/// (every senior's first choice) senior-optimal, and as every pair has regret
/// `max(d, n − 1 − d) ≥ (n − 1)/2`, with equality only at `d = (n − 1)/2` for odd `n`, the
/// shift by `(n − 1)/2` is the unique minimum-regret stable matching. Its rotation poset is a
/// chain of `n − 1` rotations of `n` pairs each.
#[test]
fn cyclic_101() {
    let n = 101;
    let scores = cyclic(n);
    let shift = |k: usize| -> Matching { (0..n).map(|i| Some((i + k) % n)).collect() };
    let [by_juniors, by_seniors, egalitarian, min_regret] = solve_all(&scores);
    assert_eq!(by_juniors, shift(0));
    assert_eq!(by_seniors, shift(n - 1));
    assert_eq!(egalitarian, shift(0));
    assert_eq!(min_regret, shift((n - 1) / 2));
    let prefs = Preferences::induced(&scores);
    assert_eq!(rank_sum(&prefs, &min_regret), n * (n - 1));
    assert_eq!(regret(&prefs, &min_regret), (n - 1) / 2);
}

/// The cyclic family's small members, against the brute force: `n` stable matchings, the
/// shifts.
#[test]
fn cyclic_small_against_brute_force() {
    for n in 1..=6 {
        let scores = cyclic(n);
        assert_eq!(all_stable(&scores).len(), n, "n = {n}");
        check_against_brute_force(&scores).unwrap_or_else(|e| panic!("n = {n}: {e}"));
    }
}

/// Incomplete lists and unequal sides, worked by hand: juniors 0, 1, 2 and seniors 0, 1; junior
/// 0 ranks seniors 0 1, junior 1 ranks 1 0, junior 2 only senior 0; senior 0 ranks juniors
/// 1 2 0, senior 1 ranks 0 1. Juniors proposing: 0 → s0, 1 → s1, 2 → s0 (s0 drops 0 for 2),
/// 0 → s1 (s1 drops 1), 1 → s0 (s0 drops 2), 2 has nobody left. Seniors proposing: s0 → 1,
/// s1 → 0, both accepted at once. So the only stable matching is (0, 1), (1, 0), and junior 2
/// is unmatched in every one (Gale & Sotomayor 1985).
#[test]
fn incomplete_lists_leave_the_same_agent_unmatched() {
    let scores = from_lists(&[&[0, 1], &[1, 0], &[0]], &[&[1, 2, 0], &[0, 1]]);
    let expected = vec![Some(1), Some(0), None];
    assert_eq!(all_stable(&scores), vec![expected.clone()]);
    for m in solve_all(&scores) {
        assert_eq!(m, expected);
    }
}

#[test]
fn empty_and_degenerate_shapes() {
    for (n, m) in [(0, 0), (0, 3), (3, 0), (1, 1), (2, 5), (5, 2)] {
        let mut scores = PairScores::new(n, m, vec![0.5; n * m], vec![0.5; n * m]).unwrap();
        // Everything tied: every list is in index order, and the only stable matching is the
        // diagonal (junior 0 and senior 0 are each other's first choice, then 1 and 1, ...).
        let diagonal: Matching = (0..n).map(|i| (i < m).then_some(i)).collect();
        for got in solve_all(&scores) {
            assert_eq!(got, diagonal, "{n} x {m}");
        }
        // Everything forbidden: nobody is paired.
        for j in 0..n {
            for s in 0..m {
                scores.forbid(j, s).unwrap();
            }
        }
        for got in solve_all(&scores) {
            assert_eq!(got, vec![None; n], "{n} x {m}, all forbidden");
        }
    }
    // Zero utilities still make allowed partners acceptable.
    let scores = PairScores::new(2, 3, vec![0.0; 6], vec![0.0; 6]).unwrap();
    for got in solve_all(&scores) {
        assert_eq!(got, vec![Some(0), Some(1)]);
    }
}

#[test]
fn names_and_lookup() {
    assert_eq!(juniors_propose().name(), "deferred_acceptance_juniors");
    assert_eq!(seniors_propose().name(), "deferred_acceptance_seniors");
    assert_eq!(EgalitarianStable.name(), "egalitarian_stable");
    assert_eq!(MinimumRegretStable.name(), "minimum_regret_stable");
    assert_eq!(juniors_propose().proposers(), Proposers::Juniors);
    // `by_name` gives the same strategies, and the seed plays no part.
    let scores = gale_shapley_example_1();
    let ours: [&dyn Strategy; 4] = [
        &juniors_propose(),
        &seniors_propose(),
        &EgalitarianStable,
        &MinimumRegretStable,
    ];
    for s in ours {
        let by_name = strategy::by_name(s.name()).unwrap();
        assert_eq!(
            by_name.pair_seeded(&scores, 9).unwrap(),
            s.pair(&scores).unwrap()
        );
    }
}

#[test]
fn strategies_are_send_and_sync() {
    common::assert_send_sync!(
        DeferredAcceptance,
        Proposers,
        EgalitarianStable,
        MinimumRegretStable
    );
}

// =============================================================================================
// Properties against the brute force
// =============================================================================================

/// How the random instances of the property tests draw their utilities.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// Both sides independently, from `levels` values (few levels, many ties).
    Independent { levels: u32 },
    /// The senior's utility mirrors the junior's (`levels − 1 − a`), a third of them disturbed:
    /// the sides disagree, so there are many stable matchings.
    Opposed { levels: u32 },
    /// Gale & Shapley's cyclic pattern with noise: the junior likes the senior `d` steps ahead
    /// (mod the number of seniors) less as `d` grows, the senior likes the junior more.
    Cyclic,
}

/// Random scores of `kind`, between `min` x `min` and `max` x `max` (any shape), each pair
/// forbidden with probability `forbid_percent` %.
fn instances(
    kind: Kind,
    min: usize,
    max: usize,
    forbid_percent: u32,
) -> impl proptest::strategy::Strategy<Value = PairScores> {
    (min..=max, min..=max)
        .prop_flat_map(|(n, m)| {
            let cells = || proptest::collection::vec(0..1000_u32, n * m);
            (Just(n), Just(m), cells(), cells(), cells())
        })
        .prop_map(move |(n, m, x, y, z)| {
            let mut a = vec![0.0; n * m];
            let mut b = vec![0.0; n * m];
            for k in 0..n * m {
                let (j, s) = (k / m, k % m);
                let (ak, bk) = match kind {
                    Kind::Independent { levels } => (x[k] % levels, y[k] % levels),
                    Kind::Opposed { levels } => {
                        let ak = x[k] % levels;
                        let noise = if z[k].is_multiple_of(3) {
                            y[k] % levels
                        } else {
                            0
                        };
                        (ak, levels - 1 - ak + noise)
                    }
                    Kind::Cyclic => {
                        let d = ((s + m * n - j) % m) as u32;
                        (4 * (m as u32 - d) + x[k] % 5, 4 * (d + 1) + y[k] % 5)
                    }
                };
                a[k] = f64::from(ak);
                b[k] = f64::from(bk);
            }
            let mut scores = PairScores::new(n, m, a, b).unwrap();
            for (k, &zk) in z.iter().enumerate() {
                if zk / 10 < forbid_percent {
                    scores.forbid(k / m, k % m).unwrap();
                }
            }
            scores
        })
}

proptest! {
    #![proptest_config(config(2000))]

    /// Any shape from 0 x 0 to 6 x 6, many ties, up to a third of the pairs forbidden.
    #[test]
    fn against_brute_force_independent(
        scores in prop_oneof![
            instances(Kind::Independent { levels: 2 }, 0, 6, 10),
            instances(Kind::Independent { levels: 3 }, 0, 6, 30),
            instances(Kind::Independent { levels: 1000 }, 0, 6, 5),
        ]
    ) {
        check_against_brute_force(&scores).map_err(TestCaseError::fail)?;
    }

    /// Opposed tastes: most instances have several stable matchings.
    #[test]
    fn against_brute_force_opposed(
        scores in prop_oneof![
            instances(Kind::Opposed { levels: 3 }, 3, 6, 10),
            instances(Kind::Opposed { levels: 6 }, 3, 6, 10),
            instances(Kind::Opposed { levels: 1000 }, 3, 6, 5),
        ]
    ) {
        check_against_brute_force(&scores).map_err(TestCaseError::fail)?;
    }

    /// Cyclic tastes with noise: long rotations and up to a few dozen stable matchings.
    #[test]
    fn against_brute_force_cyclic(
        scores in prop_oneof![
            instances(Kind::Cyclic, 3, 6, 8),
            instances(Kind::Cyclic, 5, 5, 4),
            instances(Kind::Cyclic, 6, 6, 4),
        ]
    ) {
        check_against_brute_force(&scores).map_err(TestCaseError::fail)?;
    }
}

// =============================================================================================
// Invariants on larger instances
// =============================================================================================

/// Random `n` x `m` scores: junior utilities from `levels` values; senior utilities independent
/// from as many, or when `opposed` mirroring the junior's (`levels − 1 − a`, a third disturbed);
/// a pair forbidden with probability `forbid_percent` %.
fn random_scores(
    seed: u64,
    (n, m): (usize, usize),
    levels: u64,
    opposed: bool,
    forbid_percent: u64,
) -> PairScores {
    let mut rng = SplitMix(seed);
    let a: Vec<u64> = (0..n * m).map(|_| rng.below(levels)).collect();
    let b: Vec<u64> = a
        .iter()
        .map(|&x| match opposed {
            false => rng.below(levels),
            true if rng.below(3) == 0 => levels - 1 - x + rng.below(levels),
            true => levels - 1 - x,
        })
        .collect();
    let to_gain = |v: Vec<u64>| v.into_iter().map(|x| x as f64).collect();
    let mut scores = PairScores::new(n, m, to_gain(a), to_gain(b)).unwrap();
    for k in 0..n * m {
        if rng.below(100) < forbid_percent {
            scores.forbid(k / m, k % m).unwrap();
        }
    }
    scores
}

/// Checks the invariants on `scores`; returns whether it has more than one stable matching.
fn check_invariants(scores: &PairScores) -> bool {
    let prefs = Preferences::induced(scores);
    let all = solve_all(scores);
    let [by_juniors, by_seniors, egalitarian, min_regret] = &all;
    for m in &all {
        assert!(is_stable(&prefs, m));
        // The same juniors matched in every stable matching (and so the same number of seniors).
        let matched = |x: &Matching| x.iter().map(Option::is_some).collect::<Vec<_>>();
        assert_eq!(matched(m), matched(by_juniors));
        assert!(juniors_weakly_prefer(&prefs, by_juniors, m));
        assert!(seniors_weakly_prefer(&prefs, by_seniors, m));
        assert!(juniors_weakly_prefer(&prefs, m, by_seniors));
        assert!(seniors_weakly_prefer(&prefs, m, by_juniors));
        assert!(rank_sum(&prefs, egalitarian) <= rank_sum(&prefs, m));
        assert!(regret(&prefs, min_regret) <= regret(&prefs, m));
    }
    // Equal regret would leave the egalitarian matching a candidate of the minimum-regret one.
    if regret(&prefs, egalitarian) == regret(&prefs, min_regret) {
        assert_eq!(rank_sum(&prefs, egalitarian), rank_sum(&prefs, min_regret));
    }
    by_juniors != by_seniors
}

#[test]
fn large_random_instances_hold_the_invariants() {
    // (shape, levels, opposed, forbidden %). With independent tastes a balanced market has many
    // stable matchings and an unbalanced one very few (Ashlagi, Kanoria & Leshno 2017); opposed
    // tastes keep several even on unequal sides.
    let cases = [
        ((200, 200), 1 << 20, true, 5),
        ((200, 200), 6, true, 20),
        ((200, 200), 1 << 20, false, 0),
        ((200, 150), 1 << 20, true, 5),
        ((150, 200), 5, false, 40),
    ];
    let mut several = [0; 5];
    for seed in 0..3 {
        for (i, &(shape, levels, opposed, forbid)) in cases.iter().enumerate() {
            let scores = random_scores(seed * 10 + i as u64, shape, levels, opposed, forbid);
            several[i] += usize::from(check_invariants(&scores));
        }
    }
    // All but the last kind have several stable matchings, so the checks above bite.
    assert_eq!(several[..4], [3; 4]);
}

/// On square complete instances with distinct utilities the fair strategies move well away from
/// both one-sided optima: a check that the rotations are really used at this size.
#[test]
fn large_random_instance_has_rotations() {
    let scores = random_scores(7, (200, 200), 1 << 20, false, 0);
    let prefs = Preferences::induced(&scores);
    let [by_juniors, by_seniors, egalitarian, _] = solve_all(&scores);
    assert_ne!(by_juniors, by_seniors);
    assert!(rank_sum(&prefs, &egalitarian) < rank_sum(&prefs, &by_juniors));
    assert!(rank_sum(&prefs, &egalitarian) < rank_sum(&prefs, &by_seniors));
}
