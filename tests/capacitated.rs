//! Integration tests of many-to-many assignment with capacities (`mentor_match::capacitated`).
//!
//! - Property test against a brute force over every feasible set of pairs of instances up to
//!   4 × 4 (capacities 0..=3, forbidden cells, valid locks, weights from a small set so that
//!   ties happen): the same objective value under every combination of options, and a valid
//!   result (capacities, locks, forbidden cells, no pair twice, counts and total consistent).
//! - Property test against the one-to-one engine (`assignment::solve_with`) when every
//!   capacity is 1 and nothing is locked, up to 12 × 12.
//! - Property test against the engine on a reduction (a column per senior place, a bonus for
//!   coverage) with junior capacity 1, senior capacities 0..=3 and locks, up to 12 × 8.
//! - Property test against a textbook min-cost flow (explicit unit arcs, Bellman–Ford, big-M
//!   integer costs) with every capacity 0..=3 and locks, up to 7 × 6.
//! - Hand-made instances of the spreading rule, tie-breaking, every error, and a smoke test at
//!   300 × 150.
//!
//! Each property runs a fixed number of cases; `PROPTEST_CASES=20000 cargo test --test
//! capacitated` hunts longer.

mod common;
use common::brute::each_capacitated;
use common::config;
use mentor_match::MatrixError;
use mentor_match::assignment::{self, Matrix, Sense};
use mentor_match::capacitated::{Cardinality, Options, Problem, Solution, Spreading, solve};
use proptest::prelude::*;
use proptest::sample::select;
use std::ops::RangeInclusive;
use std::time::Instant;

const NEG_INF: f64 = f64::NEG_INFINITY;

/// Every combination of options.
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

/// An instance as plain data, written independently of `Problem`.
#[derive(Debug, Clone)]
struct Instance {
    n: usize,
    m: usize,
    weights: Vec<f64>,
    junior_caps: Vec<u32>,
    senior_caps: Vec<u32>,
    locks: Vec<(usize, usize)>,
}

/// The objective of a set of pairs under `options`, as the module docs state it: (covered,
/// pairs, total) with the levels the options skip set to 0.
fn objective(inst: &Instance, pairs: &[(usize, usize)], options: Options) -> (i64, i64, f64) {
    let mut junior_has = vec![false; inst.n];
    let mut senior_has = vec![false; inst.m];
    let mut total = 0.0;
    for &(j, s) in pairs {
        junior_has[j] = true;
        senior_has[s] = true;
        total += inst.weights[j * inst.m + s];
    }
    let covered = junior_has.iter().chain(&senior_has).filter(|&&x| x).count() as i64;
    let spread = options.spreading() == Spreading::FirstPartnersFirst;
    let most = options.cardinality() == Cardinality::Maximum;
    (
        if spread { covered } else { 0 },
        if most { pairs.len() as i64 } else { 0 },
        total,
    )
}

/// Whether `a` is lexicographically better than `b` (totals compared exactly: the brute-force
/// instances use weights whose sums are exact).
fn better(a: (i64, i64, f64), b: (i64, i64, f64)) -> bool {
    (a.0, a.1) > (b.0, b.1) || ((a.0, a.1) == (b.0, b.1) && a.2 > b.2)
}

/// The best objective value under each of `all_options()`, over every feasible set of pairs:
/// every locked pair in, no forbidden pair, capacities kept, each pair at most once.
fn brute_force(inst: &Instance) -> Vec<(i64, i64, f64)> {
    let mut best = vec![None; 4];
    each_capacitated(
        (inst.n, inst.m),
        &|j, s| inst.weights[j * inst.m + s] != NEG_INF,
        (&inst.junior_caps, &inst.senior_caps),
        &inst.locks,
        &mut |pairs| {
            for (b, o) in best.iter_mut().zip(all_options()) {
                let v = objective(inst, pairs, o);
                if b.is_none_or(|b| better(v, b)) {
                    *b = Some(v);
                }
            }
        },
    );
    best.into_iter()
        .map(|b| b.expect("the locked pairs alone are feasible"))
        .collect()
}

/// Checks that `sol` is a valid answer to `inst`: sorted distinct allowed pairs, every lock in,
/// capacities kept, counts, unfilled capacity and total consistent with the pairs.
fn check_valid(inst: &Instance, sol: &Solution) {
    let pairs = sol.pairs();
    assert!(
        pairs.windows(2).all(|w| w[0] < w[1]),
        "unsorted or repeated pairs {pairs:?}"
    );
    let mut jc = vec![0u32; inst.n];
    let mut sc = vec![0u32; inst.m];
    let mut total = 0.0;
    for &(j, s) in pairs {
        assert!(j < inst.n && s < inst.m, "pair ({j}, {s}) out of range");
        let w = inst.weights[j * inst.m + s];
        assert!(w != NEG_INF, "forbidden pair ({j}, {s}) formed");
        jc[j] += 1;
        sc[s] += 1;
        total += w;
    }
    for lock in &inst.locks {
        assert!(
            pairs.contains(lock),
            "locked pair {lock:?} missing from {pairs:?}"
        );
    }
    for (j, (&count, &cap)) in jc.iter().zip(&inst.junior_caps).enumerate() {
        assert!(count <= cap, "junior {j} over capacity");
        assert_eq!(sol.junior_unfilled_capacity()[j], cap - count);
        assert_eq!(sol.seniors_of(j).count(), count as usize);
    }
    for (s, (&count, &cap)) in sc.iter().zip(&inst.senior_caps).enumerate() {
        assert!(count <= cap, "senior {s} over capacity");
        assert_eq!(sol.senior_unfilled_capacity()[s], cap - count);
        assert_eq!(sol.juniors_of(s).count(), count as usize);
    }
    assert_eq!(sol.junior_partner_counts(), &jc[..]);
    assert_eq!(sol.senior_partner_counts(), &sc[..]);
    let covered = jc.iter().chain(&sc).filter(|&&c| c > 0).count();
    assert_eq!(sol.covered(), covered);
    let scale = 1.0
        + inst
            .weights
            .iter()
            .filter(|w| w.is_finite())
            .map(|w| w.abs())
            .sum::<f64>();
    assert!((sol.total() - total).abs() <= 1e-12 * scale);
}

/// Builds the problem, adding each candidate lock that is valid by the rules written here, and
/// checking that `with_lock` accepts exactly those. Returns the problem and its instance.
fn build(
    n: usize,
    m: usize,
    weights: Vec<f64>,
    junior_caps: Vec<u32>,
    senior_caps: Vec<u32>,
    candidates: &[(usize, usize)],
) -> (Problem, Instance) {
    let mut problem = Problem::new(n, m, weights.clone())
        .unwrap()
        .with_junior_capacities(junior_caps.clone())
        .unwrap()
        .with_senior_capacities(senior_caps.clone())
        .unwrap();
    let mut locks: Vec<(usize, usize)> = Vec::new();
    for &(j, s) in candidates {
        let valid = j < n
            && s < m
            && weights[j * m + s] != NEG_INF
            && !locks.contains(&(j, s))
            && (locks.iter().filter(|l| l.0 == j).count() as u32) < junior_caps[j]
            && (locks.iter().filter(|l| l.1 == s).count() as u32) < senior_caps[s];
        match problem.clone().with_lock(j, s) {
            Ok(p) => {
                assert!(valid, "lock ({j}, {s}) accepted, expected an error");
                problem = p;
                locks.push((j, s));
            }
            Err(e) => {
                assert!(!valid, "valid lock ({j}, {s}) rejected: {e}");
                assert!(
                    matches!(e, MatrixError::InvalidPair { junior, senior, .. } if (junior, senior) == (j, s))
                );
            }
        }
    }
    assert_eq!(problem.locks(), &locks[..]);
    let inst = Instance {
        n,
        m,
        weights,
        junior_caps,
        senior_caps,
        locks,
    };
    (problem, inst)
}

/// A generated case: juniors, seniors, weights, junior capacities, senior capacities and
/// candidate locks.
type Case = (
    usize,
    usize,
    Vec<f64>,
    Vec<u32>,
    Vec<u32>,
    Vec<(usize, usize)>,
);

/// Up to `max_n` × `max_m`, weights from `weight`, junior capacities from `junior_caps`, senior
/// capacities 0..=3, up to `locks` candidate locks on cells below `lock_cells` (some out of
/// range or otherwise invalid).
fn instances(
    (max_n, max_m): (usize, usize),
    weight: BoxedStrategy<f64>,
    junior_caps: RangeInclusive<u32>,
    (locks, lock_cells): (usize, (usize, usize)),
) -> impl Strategy<Value = Case> {
    (0..=max_n, 0..=max_m).prop_flat_map(move |(n, m)| {
        (
            Just(n),
            Just(m),
            proptest::collection::vec(weight.clone(), n * m),
            proptest::collection::vec(junior_caps.clone(), n),
            proptest::collection::vec(0..=3u32, m),
            proptest::collection::vec((0..lock_cells.0, 0..lock_cells.1), 0..=locks),
        )
    })
}

/// Integer weights from -3 to 5 (ties, losses) or forbidden.
fn integer_weights() -> BoxedStrategy<f64> {
    prop_oneof![
        1 => Just(NEG_INF),
        4 => (-3..=5i32).prop_map(f64::from),
    ]
    .boxed()
}

/// A small instance: up to 4 × 4, weights from a small set (ties, negatives, forbidden cells),
/// capacities 0..=3, up to 5 candidate locks (some out of range or otherwise invalid).
fn small_instance() -> impl Strategy<Value = Case> {
    let weight = prop_oneof![
        1 => Just(NEG_INF),
        4 => select(vec![-1.0, 0.0, 0.5, 1.0, 2.0]),
    ];
    instances((4, 4), weight.boxed(), 0..=3, (5, (5, 5)))
}

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn optimal_against_brute_force(
        (n, m, weights, jc, sc, candidates) in small_instance()
    ) {
        let (problem, inst) = build(n, m, weights, jc, sc, &candidates);
        let best = brute_force(&inst);
        // The documented claim that spreading never costs a pair under `Maximum`: the most
        // pairs among the sets covering the most people is the most pairs of all.
        prop_assert_eq!(best[0].1, best[2].1);
        for (options, want) in all_options().into_iter().zip(best) {
            let sol = solve(&problem, options).unwrap();
            check_valid(&inst, &sol);
            prop_assert_eq!(sol.options(), options);
            let got = objective(&inst, sol.pairs(), options);
            prop_assert_eq!((got.0, got.1), (want.0, want.1), "{:?}: {:?}", options, sol.pairs());
            prop_assert!((got.2 - want.2).abs() <= 1e-9, "{:?}: total {} against {}", options, got.2, want.2);
        }
    }
}

/// A matrix of up to 12 × 12, about a quarter forbidden, with integer or fractional weights.
fn engine_instance() -> impl Strategy<Value = (usize, usize, Vec<f64>)> {
    (0..=12usize, 0..=12usize).prop_flat_map(|(n, m)| {
        let weight = prop_oneof![
            1 => Just(NEG_INF),
            1 => (0..10i32).prop_map(f64::from),
            2 => -1.0..1.0f64,
        ];
        (Just(n), Just(m), proptest::collection::vec(weight, n * m))
    })
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn unit_capacities_match_the_engine((n, m, weights) in engine_instance()) {
        let problem = Problem::new(n, m, weights.clone()).unwrap();
        let matrix = Matrix::from_vec(n, m, weights.clone()).unwrap();
        let scale = 1.0 + weights.iter().filter(|w| w.is_finite()).map(|w| w.abs()).sum::<f64>();
        let engine = |cardinality| {
            assignment::solve_with(
                &matrix,
                assignment::Options::new(Sense::Maximize).with_cardinality(cardinality),
            )
            .unwrap()
        };
        let most = engine(Cardinality::Maximum);
        let any = engine(Cardinality::Any);
        let inst = Instance {
            n,
            m,
            weights,
            junior_caps: vec![1; n],
            senior_caps: vec![1; m],
            locks: Vec::new(),
        };
        for options in all_options() {
            let sol = solve(&problem, options).unwrap();
            check_valid(&inst, &sol);
            // With capacities 1, covering people is forming pairs (two people each): spreading
            // with `Any` maximises the pair count first, as `Maximum` does.
            let reference = if options == Options::new().with_spreading(Spreading::Free)
                .with_cardinality(Cardinality::Any) { &any } else { &most };
            if options.cardinality() == Cardinality::Maximum
                || options.spreading() == Spreading::FirstPartnersFirst
            {
                prop_assert_eq!(sol.pairs().len(), reference.pairs().len(), "{:?}", options);
            }
            prop_assert!(
                (sol.total() - reference.total()).abs() <= 1e-9 * scale,
                "{:?}: total {} against the engine's {}", options, sol.total(), reference.total()
            );
        }
    }
}

/// The engine's best pairs for `inst` (every junior capacity 1) under `options`, by a
/// reduction written independently of the module: each senior becomes one column per place
/// left after the locks, locked juniors leave, and under spreading a pair earns a bonus `big`
/// for covering its junior and another for the first place of a senior no lock covers (`big`
/// exceeds any difference the weights can make, and integer weights keep it exact).
fn engine_reference(inst: &Instance, options: Options) -> Vec<(usize, usize)> {
    let spread = options.spreading() == Spreading::FirstPartnersFirst;
    let big: i64 = 1 + inst
        .weights
        .iter()
        .filter(|w| w.is_finite())
        .map(|w| w.abs() as i64)
        .sum::<i64>();
    let rows: Vec<usize> = (0..inst.n)
        .filter(|&j| inst.junior_caps[j] > 0 && !inst.locks.iter().any(|l| l.0 == j))
        .collect();
    let mut cols: Vec<(usize, bool)> = Vec::new(); // (senior, earns the senior bonus)
    for k in 0..inst.m {
        let locked = inst.locks.iter().filter(|l| l.1 == k).count() as u32;
        for place in 0..inst.senior_caps[k] - locked {
            cols.push((k, place == 0 && locked == 0));
        }
    }
    let matrix = Matrix::from_fn(rows.len(), cols.len(), |r, c| {
        let (j, (k, first)) = (rows[r], cols[c]);
        let w = inst.weights[j * inst.m + k];
        if w == NEG_INF {
            return i64::MIN;
        }
        let bonus = if spread {
            big * (1 + i64::from(first))
        } else {
            0
        };
        w as i64 + bonus
    })
    .unwrap();
    let engine = assignment::solve_with(
        &matrix,
        assignment::Options::new(Sense::Maximize).with_cardinality(options.cardinality()),
    )
    .unwrap();
    let mut pairs: Vec<(usize, usize)> = engine
        .pairs()
        .iter()
        .map(|&(r, c)| (rows[r], cols[c].0))
        .chain(inst.locks.iter().copied())
        .collect();
    pairs.sort_unstable();
    pairs
}

/// Up to 12 juniors of capacity 1 and 8 seniors of capacity 0..=3, integer weights from -3 to
/// 5 (ties, losses) or forbidden, up to 4 candidate locks.
fn medium_instance() -> impl Strategy<Value = Case> {
    instances((12, 8), integer_weights(), 1..=1, (4, (12, 8)))
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn senior_capacities_match_the_engine_on_copies(
        (n, m, weights, jc, sc, candidates) in medium_instance()
    ) {
        let (problem, inst) = build(n, m, weights, jc, sc, &candidates);
        for options in all_options() {
            let sol = solve(&problem, options).unwrap();
            check_valid(&inst, &sol);
            let got = objective(&inst, sol.pairs(), options);
            let want = objective(&inst, &engine_reference(&inst, options), options);
            prop_assert_eq!(got, want, "{:?}: {:?}", options, sol.pairs());
        }
    }
}

/// The best pairs for `inst` (integer weights) under `options`, by a textbook min-cost flow
/// written independently of the module: an explicit residual graph with one arc per unit of
/// capacity, Bellman–Ford shortest paths (no potentials), and the levels folded into one `i64`
/// cost with big multipliers (exact for integers): one path at a time while it lowers the cost.
fn flow_reference(inst: &Instance, options: Options) -> Vec<(usize, usize)> {
    struct Arc {
        to: usize,
        cap: i64,
        cost: i64,
        pair: Option<(usize, usize)>,
    }
    let (n, m) = (inst.n, inst.m);
    let spread = options.spreading() == Spreading::FirstPartnersFirst;
    let most = options.cardinality() == Cardinality::Maximum;
    let pair_unit: i64 = 1 + inst
        .weights
        .iter()
        .filter(|w| w.is_finite())
        .map(|w| w.abs() as i64)
        .sum::<i64>();
    let cover_unit = pair_unit * (2 + (n * m) as i64);
    let (source, sink) = (n + m, n + m + 1);
    let mut arcs: Vec<Arc> = Vec::new();
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n + m + 2];
    let mut add = |arcs: &mut Vec<Arc>, a: usize, b: usize, cost: i64, pair| {
        out[a].push(arcs.len());
        arcs.push(Arc {
            to: b,
            cap: 1,
            cost,
            pair,
        });
        out[b].push(arcs.len());
        arcs.push(Arc {
            to: a,
            cap: 0,
            cost: -cost,
            pair: None,
        });
    };
    let locked = |j: Option<usize>, k: Option<usize>| {
        inst.locks
            .iter()
            .filter(|l| j.is_none_or(|j| l.0 == j) && k.is_none_or(|k| l.1 == k))
            .count() as u32
    };
    // Unit arcs source → junior and senior → sink for the places left after the locks, the
    // first one carrying the coverage reward unless a lock covers the person already.
    let used_j: Vec<u32> = (0..n).map(|j| locked(Some(j), None)).collect();
    let used_k: Vec<u32> = (0..m).map(|k| locked(None, Some(k))).collect();
    let room_j: Vec<u32> = (0..n).map(|j| inst.junior_caps[j] - used_j[j]).collect();
    let room_k: Vec<u32> = (0..m).map(|k| inst.senior_caps[k] - used_k[k]).collect();
    let units = (0..n)
        .map(|j| (source, j, room_j[j], used_j[j]))
        .chain((0..m).map(|k| (n + k, sink, room_k[k], used_k[k])));
    for (from, to, room, used) in units {
        for unit in 0..room {
            let reward = spread && used == 0 && unit == 0;
            let cost = if reward { -cover_unit } else { 0 };
            add(&mut arcs, from, to, cost, None);
        }
    }
    for (j, &rj) in room_j.iter().enumerate() {
        for (k, &rk) in room_k.iter().enumerate() {
            let w = inst.weights[j * m + k];
            if w != NEG_INF && locked(Some(j), Some(k)) == 0 && rj > 0 && rk > 0 {
                let cost = -(w as i64) - if most { pair_unit } else { 0 };
                add(&mut arcs, j, n + k, cost, Some((j, k)));
            }
        }
    }
    loop {
        // Bellman–Ford from the source over arcs with capacity left.
        let mut dist = vec![i64::MAX; n + m + 2];
        let mut via = vec![usize::MAX; n + m + 2];
        dist[source] = 0;
        for _ in 0..n + m + 2 {
            let mut changed = false;
            for v in 0..n + m + 2 {
                if dist[v] == i64::MAX {
                    continue;
                }
                for &a in &out[v] {
                    let arc = &arcs[a];
                    if arc.cap > 0 && dist[v] + arc.cost < dist[arc.to] {
                        dist[arc.to] = dist[v] + arc.cost;
                        via[arc.to] = a;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        if dist[sink] == i64::MAX || dist[sink] >= 0 {
            break;
        }
        let mut v = sink;
        while v != source {
            let a = via[v];
            arcs[a].cap -= 1;
            arcs[a ^ 1].cap += 1;
            v = arcs[a ^ 1].to;
        }
    }
    let mut pairs: Vec<(usize, usize)> = arcs
        .iter()
        .filter(|a| a.cap == 0)
        .filter_map(|a| a.pair)
        .chain(inst.locks.iter().copied())
        .collect();
    pairs.sort_unstable();
    pairs
}

/// Up to 7 × 6 with every capacity 0..=3, integer weights from -3 to 5 or forbidden, up to 5
/// candidate locks.
fn flow_instance() -> impl Strategy<Value = Case> {
    instances((7, 6), integer_weights(), 0..=3, (5, (7, 6)))
}

proptest! {
    // More cases than the others: some potential updates only matter with juniors and
    // seniors that both take several partners, which few small cases exercise.
    #![proptest_config(config(2000))]

    #[test]
    fn capacities_match_a_textbook_flow(
        (n, m, weights, jc, sc, candidates) in flow_instance()
    ) {
        let (problem, inst) = build(n, m, weights, jc, sc, &candidates);
        for options in all_options() {
            let sol = solve(&problem, options).unwrap();
            check_valid(&inst, &sol);
            let got = objective(&inst, sol.pairs(), options);
            let want = objective(&inst, &flow_reference(&inst, options), options);
            prop_assert_eq!(got, want, "{:?}: {:?}", options, sol.pairs());
        }
    }
}

#[test]
fn a_popular_senior_leaves_room_for_another_first() {
    // Ana (senior 0, capacity 2) is every junior's best; Ben (senior 1, capacity 1) is worse
    // for everyone. Spreading: Ben gets a junior while Ana could still take a second one.
    let problem = Problem::new(2, 2, vec![1.0, 0.25, 1.0, 0.25])
        .unwrap()
        .with_senior_capacities(vec![2, 1])
        .unwrap();
    for cardinality in [Cardinality::Maximum, Cardinality::Any] {
        let options = Options::new().with_cardinality(cardinality);
        let spread = solve(&problem, options).unwrap();
        assert_eq!(spread.pairs(), &[(0, 0), (1, 1)], "{options:?}");
        assert_eq!(spread.senior_partner_counts(), &[1, 1]);
        assert_eq!(spread.covered(), 4);
        assert_eq!(spread.total(), 1.25);
        // Without spreading, Ana's second junior raises the total: 2 against 1.25.
        let free = solve(&problem, options.with_spreading(Spreading::Free)).unwrap();
        assert_eq!(free.pairs(), &[(0, 0), (1, 0)], "{options:?}");
        assert_eq!(free.senior_partner_counts(), &[2, 0]);
        assert_eq!(free.senior_unfilled_capacity(), &[0, 1]);
        assert_eq!(free.covered(), 3);
        assert_eq!(free.total(), 2.0);
    }
}

#[test]
fn a_junior_with_room_for_two_leaves_a_senior_to_another_junior() {
    // Junior 0 may take two seniors and is both seniors' best; junior 1 can only meet senior 1.
    let problem = Problem::new(2, 2, vec![1.0, 1.0, NEG_INF, 0.25])
        .unwrap()
        .with_junior_capacities(vec![2, 1])
        .unwrap();
    let spread = solve(&problem, Options::new().with_cardinality(Cardinality::Any)).unwrap();
    assert_eq!(spread.pairs(), &[(0, 0), (1, 1)]);
    let free = solve(
        &problem,
        Options::new()
            .with_spreading(Spreading::Free)
            .with_cardinality(Cardinality::Any),
    )
    .unwrap();
    assert_eq!(free.pairs(), &[(0, 0), (0, 1)]);
    assert_eq!(free.junior_partner_counts(), &[2, 0]);
}

#[test]
fn spreading_pays_for_coverage_with_a_loss_under_any() {
    // Covering senior 1 costs 1 in total: spreading takes the loss, `Free` + `Any` does not
    // even form the negative pair on its own.
    let problem = Problem::new(1, 2, vec![3.0, -1.0])
        .unwrap()
        .with_junior_capacities(vec![2])
        .unwrap();
    let any = Options::new().with_cardinality(Cardinality::Any);
    assert_eq!(solve(&problem, any).unwrap().pairs(), &[(0, 0), (0, 1)]);
    let free_any = any.with_spreading(Spreading::Free);
    assert_eq!(solve(&problem, free_any).unwrap().pairs(), &[(0, 0)]);
    let free_most = Options::new().with_spreading(Spreading::Free);
    assert_eq!(
        solve(&problem, free_most).unwrap().pairs(),
        &[(0, 0), (0, 1)]
    );
}

#[test]
fn locks_are_kept_and_the_rest_is_optimised_around_them() {
    // Locking (0, 1) takes junior 0's only place; junior 1 then gets senior 0.
    let problem = Problem::new(2, 2, vec![5.0, 1.0, 4.0, 0.0])
        .unwrap()
        .with_lock(0, 1)
        .unwrap();
    for options in all_options() {
        let s = solve(&problem, options).unwrap();
        assert_eq!(s.pairs(), &[(0, 1), (1, 0)], "{options:?}");
        assert_eq!(s.total(), 5.0);
    }
    // A lock on a pair of negative weight stays, even with `Any` and no spreading.
    let problem = Problem::new(1, 1, vec![-2.0])
        .unwrap()
        .with_lock(0, 0)
        .unwrap();
    let options = all_options()[3];
    assert_eq!(solve(&problem, options).unwrap().pairs(), &[(0, 0)]);
}

#[test]
fn juniors_and_seniors_with_several_partners() {
    // Found by `capacities_match_a_textbook_flow` against a version whose potential update
    // overlooked some arcs back from a senior: both juniors take two seniors, one senior two
    // juniors. Only junior 0 can meet senior 2, so covering everyone costs 5 in total.
    let problem = Problem::new(2, 4, vec![NEG_INF, 5.0, 0.0, 3.0, 4.0, 4.0, NEG_INF, -3.0])
        .unwrap()
        .with_junior_capacities(vec![2, 2])
        .unwrap()
        .with_senior_capacities(vec![1, 2, 1, 1])
        .unwrap();
    for options in all_options() {
        let s = solve(&problem, options).unwrap();
        if options.spreading() == Spreading::FirstPartnersFirst {
            assert_eq!(s.pairs(), &[(0, 2), (0, 3), (1, 0), (1, 1)], "{options:?}");
            assert_eq!((s.covered(), s.total()), (6, 11.0));
        } else {
            assert_eq!(s.pairs(), &[(0, 1), (0, 3), (1, 0), (1, 1)], "{options:?}");
            assert_eq!((s.covered(), s.total()), (5, 16.0));
        }
    }
}

#[test]
fn ties_go_to_lower_indices() {
    let problem = Problem::new(3, 3, vec![0.5; 9]).unwrap();
    for options in all_options() {
        let s = solve(&problem, options).unwrap();
        if options.spreading() == Spreading::Free && options.cardinality() == Cardinality::Any {
            // Every pair is worth something: the same as `Maximum`.
            assert_eq!(s.pairs().len(), 3);
        }
        assert_eq!(s.pairs(), &[(0, 0), (1, 1), (2, 2)], "{options:?}");
        assert_eq!(solve(&problem, options).unwrap(), s);
    }
}

#[test]
fn empty_and_unavailable() {
    for (n, m) in [(0, 0), (0, 3), (3, 0)] {
        let s = solve(&Problem::new(n, m, Vec::new()).unwrap(), Options::new()).unwrap();
        assert!(s.pairs().is_empty());
        assert_eq!(s.total(), 0.0);
        assert_eq!(s.junior_unfilled_capacity(), &vec![1; n][..]);
    }
    let problem = Problem::new(2, 2, vec![1.0; 4])
        .unwrap()
        .with_junior_capacities(vec![0, 0])
        .unwrap();
    assert!(solve(&problem, Options::new()).unwrap().pairs().is_empty());
}

#[test]
fn every_error() {
    // NaN and +inf cells, named.
    let err = Problem::new(2, 2, vec![0.0, 1.0, f64::NAN, 0.5]).unwrap_err();
    assert!(
        matches!(err, MatrixError::InvalidWeight { row: 1, col: 0, ref value, .. } if value == "NaN")
    );
    let err = Problem::new(1, 2, vec![0.0, f64::INFINITY]).unwrap_err();
    assert!(matches!(
        err,
        MatrixError::InvalidWeight { row: 0, col: 1, .. }
    ));
    let err = Problem::new(1, 2, vec![f64::MAX, 0.0]).unwrap_err();
    assert!(matches!(
        err,
        MatrixError::InvalidWeight { row: 0, col: 0, .. }
    ));
    // Wrong buffer length.
    assert_eq!(
        Problem::new(2, 3, vec![0.0; 5]).unwrap_err(),
        MatrixError::MatrixShape {
            rows: 2,
            cols: 3,
            len: 5
        }
    );
    // Wrong capacity lengths.
    let problem = Problem::new(2, 3, vec![0.0, 1.0, NEG_INF, 0.5, 0.5, 0.5]).unwrap();
    let err = problem
        .clone()
        .with_junior_capacities(vec![1; 3])
        .unwrap_err();
    assert_eq!(
        err,
        MatrixError::LengthMismatch {
            what: "junior capacities",
            expected: 2,
            len: 3
        }
    );
    assert_eq!(
        err.to_string(),
        "junior capacities: expected 2 values, got 3"
    );
    let err = problem
        .clone()
        .with_senior_capacities(vec![1; 2])
        .unwrap_err();
    assert!(matches!(
        err,
        MatrixError::LengthMismatch {
            what: "senior capacities",
            expected: 3,
            len: 2
        }
    ));
    // Locks out of range, on a forbidden pair, twice.
    let invalid = |r: Result<Problem, MatrixError>, j: usize, s: usize, text: &str| {
        let e = r.unwrap_err();
        assert!(
            matches!(e, MatrixError::InvalidPair { junior, senior, .. } if (junior, senior) == (j, s)),
            "{e:?}"
        );
        assert!(e.to_string().contains(text), "{e}");
    };
    invalid(
        problem.clone().with_lock(2, 0),
        2,
        0,
        "junior is out of range",
    );
    invalid(
        problem.clone().with_lock(0, 3),
        0,
        3,
        "senior is out of range",
    );
    invalid(problem.clone().with_lock(0, 2), 0, 2, "forbidden");
    let locked = problem.clone().with_lock(1, 1).unwrap();
    invalid(locked.clone().with_lock(1, 1), 1, 1, "locked twice");
    // Locks beyond a capacity: when locking, and when lowering a capacity later.
    invalid(
        locked.clone().with_lock(1, 2),
        1,
        2,
        "exceed the junior's capacity",
    );
    invalid(
        locked.clone().with_lock(0, 1),
        0,
        1,
        "exceed the senior's capacity",
    );
    let two = locked
        .clone()
        .with_senior_capacities(vec![1, 2, 1])
        .unwrap()
        .with_lock(0, 1)
        .unwrap();
    invalid(
        two.clone().with_senior_capacities(vec![1, 1, 1]),
        0,
        1,
        "exceed the senior's capacity",
    );
    invalid(
        two.with_junior_capacities(vec![1, 0]),
        1,
        1,
        "exceed the junior's capacity",
    );
    invalid(
        problem
            .with_junior_capacities(vec![0, 1])
            .unwrap()
            .with_lock(0, 0),
        0,
        0,
        "exceed the junior's capacity",
    );
}

/// Weights from a seeded xorshift generator (no dependency): 10 % forbidden, the others
/// uniform in [0, 1), or whole numbers 0..=5 (many ties) when `integral`.
fn weights(n: usize, m: usize, seed: u64, integral: bool) -> Vec<f64> {
    let mut state = seed;
    (0..n * m)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            if state.is_multiple_of(10) {
                NEG_INF
            } else if integral {
                ((state >> 11) % 6) as f64
            } else {
                (state >> 11) as f64 / (1u64 << 53) as f64
            }
        })
        .collect()
}

fn smoke(n: usize, m: usize, senior_capacity: u32, integral: bool) {
    let w = weights(n, m, 0x9E37_79B9_7F4A_7C15, integral);
    let problem = Problem::new(n, m, w.clone())
        .unwrap()
        .with_senior_capacities(vec![senior_capacity; m])
        .unwrap()
        .with_lock(0, 0)
        .unwrap();
    let inst = Instance {
        n,
        m,
        weights: w,
        junior_caps: vec![1; n],
        senior_caps: vec![senior_capacity; m],
        locks: vec![(0, 0)],
    };
    for options in all_options() {
        let start = Instant::now();
        let s = solve(&problem, options).unwrap();
        eprintln!(
            "{n} x {m}, senior capacity {senior_capacity}, integral {integral}, {options:?}: {} pairs, {} covered, total {:.3}, {:?}",
            s.pairs().len(),
            s.covered(),
            s.total(),
            start.elapsed()
        );
        check_valid(&inst, &s);
        // 90 % of the pairs are allowed: the most pairs fill every place on the smaller side,
        // and spreading covers everyone when there are enough places for every junior.
        let places = n.min(m * senior_capacity as usize);
        if options.cardinality() == Cardinality::Maximum {
            assert_eq!(s.pairs().len(), places);
        }
        if options.spreading() == Spreading::FirstPartnersFirst && places == n {
            assert_eq!(s.covered(), n + m);
        }
    }
}

#[test]
fn smoke_300_by_150() {
    smoke(300, 150, 2, false);
    smoke(300, 150, 2, true);
    // More places than juniors: spreading decides who gets a second junior.
    smoke(300, 200, 2, false);
}

/// Timing in release mode: `cargo test --release --test capacitated -- --ignored --nocapture`.
#[test]
#[ignore = "timing, run in release mode"]
fn timing_1000_by_500() {
    smoke(1000, 500, 2, false);
    smoke(1000, 500, 2, true);
}

#[test]
fn main_types_are_send_and_sync() {
    common::assert_send_sync!(Problem, Solution, Options, Spreading);
}

/// Where nobody's capacity limits them, every optimum holds every open pair (and under
/// `Cardinality::Any` every pair of weight above 0, with those a lock or a minimum needs):
/// the solver forms them without a search, and the locks and minimums still hold.
#[test]
fn without_a_limit_every_open_pair_is_formed() {
    let (n, m) = (30, 20);
    // Weights from -0.5 to 0.5 by 1/16, every seventh cell forbidden.
    let weights: Vec<f64> = (0..n * m)
        .map(|k| {
            if k % 7 == 3 {
                NEG_INF
            } else {
                ((k * 5) % 17) as f64 / 16.0 - 0.5
            }
        })
        .collect();
    let open: Vec<(usize, usize)> = (0..n * m)
        .filter(|&k| weights[k] != NEG_INF)
        .map(|k| (k / m, k % m))
        .collect();
    let problem = Problem::new(n, m, weights.clone())
        .unwrap()
        .with_junior_capacities(vec![m as u32; n])
        .unwrap()
        .with_senior_capacities(vec![n as u32; m])
        .unwrap();
    for options in all_options() {
        let sol = solve(&problem, options).unwrap();
        let want: Vec<(usize, usize)> = match options.cardinality() {
            Cardinality::Maximum => open.clone(),
            // Spreading takes a pair of weight 0 or below only to cover someone new, and
            // everyone here has a pair above 0.
            _ => open
                .iter()
                .copied()
                .filter(|&(j, s)| weights[j * m + s] > 0.0)
                .collect(),
        };
        assert_eq!(sol.pairs(), &want[..], "{options:?}");
    }
    // A junior with room for all but one of their open pairs is not free: the search decides
    // their pairs, and drops the worst one. A locked pair stays whatever its weight.
    let worst = (1..m)
        .filter(|&s| weights[s] != NEG_INF)
        .fold(0, |b, s| if weights[s] < weights[b] { s } else { b });
    let junior_0_open = open.iter().filter(|p| p.0 == 0).count() as u32;
    let mut caps = vec![m as u32; n];
    caps[0] = junior_0_open - 1;
    let locked = open
        .iter()
        .copied()
        .find(|&(j, s)| j == 1 && weights[j * m + s] < 0.0)
        .unwrap();
    let problem = problem
        .with_junior_capacities(caps)
        .unwrap()
        .with_lock(locked.0, locked.1)
        .unwrap();
    let sol = solve(&problem, Options::new()).unwrap();
    let mut want: Vec<(usize, usize)> = open.iter().copied().filter(|&p| p != (0, worst)).collect();
    want.sort_unstable();
    assert_eq!(sol.pairs(), &want[..]);
}
