//! Integration tests of the pairing metrics (`mentor_match::metrics`).
//!
//! - Known answers, computed by hand in the comments, for every field of [`Report`]: a full
//!   3 × 2 instance, Gini coefficients of known vectors, `min_utility` on rectangular
//!   instances, blocking pairs of an unstable matching (Gale & Shapley 1962's definition),
//!   envy, rank profiles and top-k shares, the price against a given optimum, empty instances.
//! - A property test on random instances of up to 8 × 8 (forbidden cells, gains with ties,
//!   random valid pairings): every field equals a naive recomputation written here from the
//!   definitions alone: the `O(N²)` Gini double sum, ranks by counting who is better,
//!   blocking pairs and envy by brute force over utilities.
//! - Errors instead of panics: a pairing of another shape, a pair the scores forbid, a bad
//!   optimum.

mod common;
use mentor_match::PairScores;
use mentor_match::metrics::{self, Metric, Metrics, Report};
use mentor_match::strategy::Pairing;
use mentor_match::{MatrixError, OptionValue};
use proptest::prelude::*;

const EPS: f64 = 1e-9;

fn close(x: f64, y: f64) -> bool {
    (x - y).abs() <= EPS * (1.0 + x.abs().max(y.abs()))
}

fn scores(
    n: usize,
    m: usize,
    junior: &[f64],
    senior: &[f64],
    forbid: &[(usize, usize)],
) -> PairScores {
    let mut scores = PairScores::new(n, m, junior.to_vec(), senior.to_vec()).unwrap();
    for &(j, s) in forbid {
        scores.forbid(j, s).unwrap();
    }
    scores
}

fn report(scores: &PairScores, pairs: &[(usize, usize)]) -> Report {
    metrics::report(scores, &Pairing::new(scores, pairs.to_vec()).unwrap()).unwrap()
}

/// The report of `pairs` against the utilitarian optimum `optimum`.
fn against(optimum: f64, scores: &PairScores, pairs: &[(usize, usize)]) -> Report {
    Metrics::new()
        .with_utilitarian_total(optimum)
        .report(scores, &Pairing::new(scores, pairs.to_vec()).unwrap())
        .unwrap()
}

// =============================================================================================
// Known answers
// =============================================================================================

/// Three juniors, two seniors; junior 2 may not pair with senior 0.
///
/// ```text
/// junior gains   s0    s1        senior gains   s0    s1
///   j0          0.5   0.25         j0          0.75  0.5
///   j1          1.0   0.5          j1          0.25  0.5
///   j2           —    0.75         j2           —    1.0
/// ```
fn three_by_two() -> PairScores {
    scores(
        3,
        2,
        &[0.5, 0.25, 1.0, 0.5, 0.25, 0.75],
        &[0.75, 0.5, 0.25, 0.5, 0.5, 1.0],
        &[(2, 0)],
    )
}

#[test]
fn every_field_of_a_small_rectangular_instance() {
    let scores = three_by_two();
    let pairing = Pairing::new(&scores, vec![(0, 0), (1, 1)]).unwrap();
    // The utilitarian optimum, by enumeration: (0,0)+(1,1) = 2.25, (1,0)+(0,1) = 2.0,
    // (0,0)+(2,1) = 1.25 + 1.75 = 3.0, (1,0)+(2,1) = 1.25 + 1.75 = 3.0; single pairs less.
    let r = against(3.0, &scores, &[(0, 0), (1, 1)]);

    assert_eq!(r.pairs, 2);
    assert_eq!(r.coverage, 1.0); // 2 / min(3, 2)
    // Utilities: j0 0.5, j1 0.5, j2 0 (unmatched); s0 0.75, s1 0.5.
    assert_eq!(r.junior_total, 1.0);
    assert_eq!(r.senior_total, 1.25);
    assert_eq!(r.total, 2.25);
    assert!(close(r.mean_utility, 0.45)); // 2.25 / 5
    // Seniors are the smaller side and all count; juniors only when matched: min(0.75, 0.5,
    // 0.5, 0.5). Junior 2's 0 does not count: with 3 juniors and 2 seniors one must wait.
    assert_eq!(r.min_utility, 0.5);
    // Sorted [0, 0.5, 0.5, 0.5, 0.75]: unordered differences 3 · 0.5 + 0.75 (from the 0) and
    // 3 · 0.25 (to the 0.75) = 3.0, so 6.0 over 25 ordered pairs = 0.24; / (2 · 0.45) = 4/15.
    assert!(close(r.gini, 4.0 / 15.0), "{}", r.gini);
    // Induced lists: j0 [s0, s1], j1 [s0, s1], j2 [s1]; s0 [j0, j1], s1 [j2, j0, j1] (j0 and
    // j1 tie at 0.5: lower index first). j1 wants s0, but s0 keeps j0; j2 (unmatched) and s1
    // (holding its last choice j1) want each other.
    assert_eq!(r.blocking, vec![(2, 1)]);
    assert_eq!(r.blocking_pairs, 1);
    // j0 has its 1st choice, j1 its 2nd; s0 its 1st, s1 its 3rd.
    assert_eq!(r.junior_rank_profile, vec![1, 1]);
    assert_eq!(r.senior_rank_profile, vec![1, 0, 1]);
    assert_eq!(r.top_k, 3);
    assert_eq!(r.top_k_share, 0.8); // 4 matched agents within their top 3, of 5
    assert_eq!(r.mean_rank, Some(1.75)); // (1 + 2 + 1 + 3) / 4
    // |0.5 − 0.75| = 0.25 and |0.5 − 0.5| = 0.
    assert_eq!(r.reciprocity_gap_mean, 0.125);
    assert_eq!(r.reciprocity_gap_max, 0.25);
    // j1 envies j0 (1.0 from s0 > 0.5); j2 envies j1 (0.75 from s1 > 0; s0 is forbidden);
    // j0 does not (0.25 from s1 < 0.5); s0 does not (0.25 from j1 < 0.75); s1 gains 0.5 from
    // j0, exactly its own 0.5: a tie is not envy.
    assert_eq!(r.envy, 2);
    assert_eq!(r.utilitarian_total, Some(3.0));
    assert_eq!(r.price, Some(0.25)); // (3 − 2.25) / 3

    let with_top_1 = Metrics::new()
        .with_top_k(1)
        .report(&scores, &pairing)
        .unwrap();
    assert_eq!(with_top_1.top_k_share, 0.4); // j0 and s0
    assert_eq!(with_top_1.price, None);
}

#[test]
fn values_list_every_scalar_by_its_key() {
    let scores = three_by_two();
    let r = against(3.0, &scores, &[(0, 0), (1, 1)]);
    let expected = [
        ("pairs", 2.0),
        ("coverage", 1.0),
        ("total", 2.25),
        ("junior_total", 1.0),
        ("senior_total", 1.25),
        ("mean_utility", r.mean_utility),
        ("min_utility", 0.5),
        ("gini", r.gini),
        ("blocking_pairs", 1.0),
        ("top_k_share", 0.8),
        ("mean_rank", 1.75),
        ("reciprocity_gap_mean", 0.125),
        ("reciprocity_gap_max", 0.25),
        ("envy", 2.0),
        ("price", 0.25),
    ];
    assert_eq!(r.values(), expected);

    // Without pairs there is no mean rank, without an optimum no price: both keys go.
    let empty = report(&scores, &[]);
    let keys: Vec<&str> = empty.values().iter().map(|(k, _)| *k).collect();
    assert_eq!(
        keys,
        [
            "pairs",
            "coverage",
            "total",
            "junior_total",
            "senior_total",
            "mean_utility",
            "min_utility",
            "gini",
            "blocking_pairs",
            "top_k_share",
            "reciprocity_gap_mean",
            "reciprocity_gap_max",
            "envy",
        ]
    );
}

/// Metrics by value: each name reads back as its metric, `value` agrees with `values` key by
/// key, and a misspelt name is an error that lists the names.
#[test]
fn metrics_are_values_with_names() {
    for m in Metric::ALL {
        assert_eq!(m.name().parse::<Metric>(), Ok(m));
        assert_eq!(m.to_string(), m.name());
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            format!("\"{}\"", m.name())
        );
    }
    let scores = three_by_two();
    for r in [
        against(3.0, &scores, &[(0, 0), (1, 1)]),
        report(&scores, &[]),
    ] {
        let by_value: Vec<(&str, f64)> = Metric::ALL
            .into_iter()
            .filter_map(|m| r.value(m).map(|x| (m.name(), x)))
            .collect();
        assert_eq!(by_value, r.values());
        assert_eq!(r.metrics().len(), r.values().len());
    }
    let err = "totl".parse::<Metric>().unwrap_err();
    assert!(
        matches!(&err, MatrixError::UnknownMetric { name, known } if name == "totl" && known.len() == 15),
        "{err:?}"
    );
    assert!(err.to_string().contains("min_utility"), "{err}");
}

#[test]
fn gini_of_known_vectors() {
    // Utilities [1, 0, 1, 0]: sorted [0, 0, 1, 1]. 8 of the 16 ordered pairs differ by 1, so the
    // mean absolute difference is 0.5; the mean is 0.5; 0.5 / (2 · 0.5) = 0.5.
    let s = scores(2, 2, &[1.0, 0.0, 0.0, 0.0], &[1.0, 0.0, 0.0, 0.0], &[]);
    assert_eq!(report(&s, &[(0, 0)]).gini, 0.5);
    // Utilities [4, 0, 0, 0]: 6 ordered pairs differ by 4, 24 / 16 = 1.5; the mean is 1;
    // 1.5 / 2 = 0.75 = (N − 1) / N, the largest a Gini of 4 values can be.
    let s = scores(2, 2, &[4.0, 0.0, 0.0, 0.0], &[0.0; 4], &[]);
    assert_eq!(report(&s, &[(0, 0)]).gini, 0.75);
    // Everyone equal: 0. Everyone at 0: the mean is 0, so 0 by convention.
    let s = scores(2, 2, &[0.5; 4], &[0.5; 4], &[]);
    assert_eq!(report(&s, &[(0, 0), (1, 1)]).gini, 0.0);
    assert_eq!(report(&s, &[]).gini, 0.0);
    // Utilities [1, 3, 2, 2] (j0, j1, s0, s1): sorted [1, 2, 2, 3], unordered differences
    // 1 + 1 + 2 + 0 + 1 + 1 = 6, ordered 12, / 16 = 0.75; mean 2; 0.75 / 4 = 0.1875.
    let s = scores(2, 2, &[1.0, 0.0, 0.0, 3.0], &[2.0, 0.0, 0.0, 2.0], &[]);
    assert_eq!(report(&s, &[(0, 0), (1, 1)]).gini, 0.1875);
}

#[test]
fn min_utility_counts_the_smaller_side_whole_and_the_larger_side_when_matched() {
    // 2 juniors × 3 seniors: senior 2 must stay unmatched, and does not count.
    let gains = [0.6, 0.1, 0.1, 0.1, 0.5, 0.1];
    let back = [0.3, 0.1, 0.1, 0.1, 0.8, 0.1];
    let s = scores(2, 3, &gains, &back, &[]);
    let r = report(&s, &[(0, 0), (1, 1)]);
    assert_eq!(r.min_utility, 0.3); // min(0.6, 0.5 | 0.3, 0.8)
    assert_eq!(r.coverage, 1.0);
    // Junior 1 could have been paired but was not: the smaller side's 0 counts.
    let r = report(&s, &[(0, 0)]);
    assert_eq!(r.min_utility, 0.0);
    assert_eq!(r.coverage, 0.5);

    // The same, transposed: 3 juniors × 2 seniors; junior 2 does not count.
    let gains_t = [0.6, 0.1, 0.1, 0.5, 0.1, 0.1];
    let back_t = [0.3, 0.1, 0.1, 0.8, 0.1, 0.1];
    let s = scores(3, 2, &gains_t, &back_t, &[]);
    assert_eq!(report(&s, &[(0, 0), (1, 1)]).min_utility, 0.3);
    assert_eq!(report(&s, &[(0, 0)]).min_utility, 0.0);

    // Square: every agent counts, so one left out gives 0.
    let s = scores(2, 2, &[0.5; 4], &[0.5; 4], &[]);
    assert_eq!(report(&s, &[(0, 0), (1, 1)]).min_utility, 0.5);
    assert_eq!(report(&s, &[(0, 0)]).min_utility, 0.0);
}

#[test]
fn empty_instances() {
    for (n, m) in [(0, 0), (0, 3), (2, 0)] {
        let s = scores(n, m, &[], &[], &[]);
        let r = report(&s, &[]);
        assert_eq!(r.pairs, 0);
        assert_eq!(
            r.coverage, 1.0,
            "{n} x {m}: nobody can be paired, so all who can are"
        );
        assert_eq!(r.total, 0.0);
        assert_eq!(r.mean_utility, 0.0);
        assert_eq!(r.min_utility, 0.0);
        assert_eq!(r.gini, 0.0);
        assert_eq!(r.blocking_pairs, 0);
        assert!(r.junior_rank_profile.is_empty() && r.senior_rank_profile.is_empty());
        assert_eq!(r.top_k_share, 0.0);
        assert_eq!(r.mean_rank, None);
        assert_eq!(r.reciprocity_gap_mean, 0.0);
        assert_eq!(r.reciprocity_gap_max, 0.0);
        assert_eq!(r.envy, 0);
    }
}

#[test]
fn blocking_pairs_of_an_unstable_matching() {
    // Gale & Shapley's definition: both juniors prefer senior 0 (0.75 and 0.5 against 0.25),
    // both seniors prefer junior 0 (1.0 against 0.5, 0.5 against 0.25).
    let s = scores(2, 2, &[0.75, 0.25, 0.5, 0.25], &[1.0, 0.5, 0.5, 0.25], &[]);
    // Crossed: junior 0 and senior 0 would both rather be together. Junior 1 already has its
    // favourite, so (1, 1) does not block.
    assert_eq!(report(&s, &[(0, 1), (1, 0)]).blocking, vec![(0, 0)]);
    // Straight: stable.
    assert_eq!(report(&s, &[(0, 0), (1, 1)]).blocking_pairs, 0);
    // Nobody paired: every acceptable pair blocks, since any partner beats none.
    assert_eq!(
        report(&s, &[]).blocking,
        vec![(0, 0), (0, 1), (1, 0), (1, 1)]
    );
    // Junior 1 alone with senior 1: (0, 0) and (0, 1) block (junior 0 is free, senior 1
    // prefers junior 0); (1, 0) blocks (junior 1 prefers senior 0, who is free).
    assert_eq!(report(&s, &[(1, 1)]).blocking, vec![(0, 0), (0, 1), (1, 0)]);

    // A forbidden pair never blocks: forbid (0, 0) and the crossed matching is stable.
    let mut f = s.clone();
    f.forbid(0, 0).unwrap();
    assert_eq!(report(&f, &[(0, 1), (1, 0)]).blocking_pairs, 0);
}

#[test]
fn blocking_uses_the_induced_tie_break() {
    // Everyone gains 0.5 from everyone: the induced lists break every tie to the lower index,
    // so junior 0 and senior 0 rank each other first. Crossed, they block under the induced
    // preferences, though neither would gain anything by moving.
    let s = scores(2, 2, &[0.5; 4], &[0.5; 4], &[]);
    assert_eq!(report(&s, &[(0, 1), (1, 0)]).blocking, vec![(0, 0)]);
    assert_eq!(report(&s, &[(0, 0), (1, 1)]).blocking_pairs, 0);
    // Envy, by contrast, uses the raw utilities: nobody envies an equal gain.
    assert_eq!(report(&s, &[(0, 1), (1, 0)]).envy, 0);
}

#[test]
fn envy_by_definition() {
    // Junior 0 gains 0.2 from senior 0 and 0.9 from senior 1; junior 1 gains 0.5 and 0.4.
    // Seniors gain 0.5 from everyone.
    let s = scores(2, 2, &[0.2, 0.9, 0.5, 0.4], &[0.5; 4], &[]);
    // Junior 0 (0.2) envies junior 1's senior 1 (0.9); junior 1 (0.4) envies junior 0's
    // senior 0 (0.5). The seniors are indifferent: a tie is no envy.
    assert_eq!(report(&s, &[(0, 0), (1, 1)]).envy, 2);
    // Swapped, both juniors have what they like best.
    assert_eq!(report(&s, &[(0, 1), (1, 0)]).envy, 0);
    // Forbidding (0, 1) removes junior 0's envy: it may not have senior 1 anyway.
    let mut f = s.clone();
    f.forbid(0, 1).unwrap();
    assert_eq!(report(&f, &[(0, 0), (1, 1)]).envy, 1);

    // An unmatched agent envies whoever holds an allowed partner it gains anything from.
    let s = scores(2, 1, &[0.0, 0.3], &[0.5, 0.5], &[]);
    // Junior 1 (unmatched, 0) envies junior 0 (0.3 > 0); senior 0 has junior 0 and would
    // gain the same 0.5 from junior 1: no envy.
    assert_eq!(report(&s, &[(0, 0)]).envy, 1);
    // Junior 0 unmatched gains 0 from senior 0: not strictly more than its 0, no envy.
    assert_eq!(report(&s, &[(1, 0)]).envy, 0);
}

#[test]
fn rank_profiles_and_top_k() {
    // Every junior ranks the seniors 0, 1, 2 (0.9, 0.5, 0.1). Senior 0 ranks juniors
    // 2, 1, 0 (0.3, 0.2, 0.1); senior 1 ties all (0.5): 0, 1, 2; senior 2 ranks 0, 1, 2.
    let a = [0.9, 0.5, 0.1, 0.9, 0.5, 0.1, 0.9, 0.5, 0.1];
    let b = [0.1, 0.5, 0.3, 0.2, 0.5, 0.2, 0.3, 0.5, 0.1];
    let s = scores(3, 3, &a, &b, &[]);
    let pairing = Pairing::new(&s, vec![(0, 0), (1, 1), (2, 2)]).unwrap();
    let r = metrics::report(&s, &pairing).unwrap();
    // Juniors: 1st, 2nd, 3rd choice. Seniors: s0 has its 3rd (j0), s1 its 2nd (j1), s2 its
    // 3rd (j2).
    assert_eq!(r.junior_rank_profile, vec![1, 1, 1]);
    assert_eq!(r.senior_rank_profile, vec![0, 1, 2]);
    assert_eq!(r.mean_rank, Some(14.0 / 6.0)); // (1 + 2 + 3 + 3 + 2 + 3) / 6
    let share = |k| {
        Metrics::new()
            .with_top_k(k)
            .report(&s, &pairing)
            .unwrap()
            .top_k_share
    };
    // The first 0 choices hold nobody's partner, whatever the pairing: refused, as an
    // experiment refuses it.
    assert!(matches!(
        Metrics::new().with_top_k(0).report(&s, &pairing),
        Err(MatrixError::InvalidOption {
            option: "top_k",
            ..
        })
    ));
    assert_eq!(share(1), 1.0 / 6.0); // j0
    assert_eq!(share(2), 0.5); // j0, j1, s1
    assert_eq!(share(3), 1.0);
    assert_eq!(share(100), 1.0);

    // A forbidden partner is off the list, so it does not push others down: forbid (2, 0) and
    // j2's senior 2 is its 2nd choice; senior 0's list is [j1, j0], j0 its 2nd.
    let mut f = s.clone();
    f.forbid(2, 0).unwrap();
    let r = report(&f, &[(0, 0), (1, 1), (2, 2)]);
    assert_eq!(r.junior_rank_profile, vec![1, 2]);
    assert_eq!(r.senior_rank_profile, vec![0, 2, 1]);

    // Unmatched agents appear in no profile but in the top-k denominator.
    let r = report(&s, &[(0, 0)]);
    assert_eq!(r.junior_rank_profile, vec![1]);
    assert_eq!(r.senior_rank_profile, vec![0, 0, 1]);
    assert_eq!(r.top_k_share, 2.0 / 6.0);
}

#[test]
fn price_against_the_optimum() {
    let s = three_by_two();
    let optimal = against(3.0, &s, &[(0, 0), (2, 1)]);
    assert_eq!(optimal.total, 3.0);
    assert_eq!(optimal.price, Some(0.0));
    // Nothing to lose when the optimum is 0.
    let zero = scores(1, 1, &[0.0], &[0.0], &[]);
    assert_eq!(against(0.0, &zero, &[]).price, Some(0.0));
    // Leaving everyone unmatched loses everything.
    assert_eq!(against(3.0, &s, &[]).price, Some(1.0));
}

#[test]
fn bad_inputs_are_errors_not_panics() {
    let wide = scores(2, 3, &[0.5; 6], &[0.5; 6], &[]);
    let tall = scores(3, 2, &[0.5; 6], &[0.5; 6], &[]);
    let pairing = Pairing::new(&wide, vec![(0, 2), (1, 0)]).unwrap();
    // Same number of cells, other shape: refused, both sides named, and (0, 2) is never read
    // out of range.
    let err = metrics::report(&tall, &pairing).unwrap_err();
    assert!(
        matches!(err.all(), [
            MatrixError::InvalidOption { option: "pairing.juniors", value: j, .. },
            MatrixError::InvalidOption { option: "pairing.seniors", value: s, .. },
        ] if *j == OptionValue::Integer(2) && *s == OptionValue::Integer(3)),
        "{err:?}"
    );
    let square = scores(2, 2, &[0.5; 4], &[0.5; 4], &[]);
    let err = metrics::report(&square, &pairing).unwrap_err();
    assert!(
        matches!(
            err,
            MatrixError::InvalidOption {
                option: "pairing.seniors",
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        err.to_string(),
        "option `pairing.seniors`: 3 is not the number of seniors (columns) of the scores"
    );

    // Same shape, but these scores forbid a pair of the pairing.
    let mut strict = wide.clone();
    strict.forbid(1, 0).unwrap();
    let err = metrics::report(&strict, &pairing).unwrap_err();
    assert!(
        matches!(
            err,
            MatrixError::InvalidPair {
                junior: 1,
                senior: 0,
                ..
            }
        ),
        "{err:?}"
    );

    for bad in [f64::NAN, f64::INFINITY, -1.0] {
        let err = Metrics::new()
            .with_utilitarian_total(bad)
            .report(&wide, &pairing)
            .unwrap_err();
        assert!(
            matches!(
                err,
                MatrixError::InvalidOption {
                    option: "utilitarian_total",
                    ..
                }
            ),
            "{err:?}"
        );
    }
}

#[test]
fn report_round_trips_through_json() {
    let s = three_by_two();
    let r = against(3.0, &s, &[(0, 0), (1, 1)]);
    let json = serde_json::to_string(&r).unwrap();
    assert!(json.contains("\"blocking\":[[2,1]]"), "{json}");
    assert_eq!(serde_json::from_str::<Report>(&json).unwrap(), r);
}

#[test]
fn main_types_are_send_and_sync() {
    common::assert_send_sync!(Report, Metrics);
}

// =============================================================================================
// The naive reference
// =============================================================================================

/// A random instance and a valid pairing of it.
#[derive(Debug, Clone)]
struct Case {
    n: usize,
    m: usize,
    a: Vec<f64>,
    b: Vec<f64>,
    ok: Vec<bool>,
    pairs: Vec<(usize, usize)>,
    top_k: usize,
    optimum: Option<f64>,
}

impl Case {
    fn a(&self, j: usize, s: usize) -> f64 {
        self.a[j * self.m + s]
    }
    fn b(&self, j: usize, s: usize) -> f64 {
        self.b[j * self.m + s]
    }
    fn ok(&self, j: usize, s: usize) -> bool {
        self.ok[j * self.m + s]
    }
    fn senior_of(&self, j: usize) -> Option<usize> {
        self.pairs.iter().find(|p| p.0 == j).map(|p| p.1)
    }
    fn junior_of(&self, s: usize) -> Option<usize> {
        self.pairs.iter().find(|p| p.1 == s).map(|p| p.0)
    }
    fn junior_utility(&self, j: usize) -> f64 {
        self.senior_of(j).map_or(0.0, |s| self.a(j, s))
    }
    fn senior_utility(&self, s: usize) -> f64 {
        self.junior_of(s).map_or(0.0, |j| self.b(j, s))
    }

    /// Whether `x` comes before `y` in a list ranked by `gain`, highest first, ties to the
    /// lower index: the definition of the induced preferences.
    fn before(gain: impl Fn(usize) -> f64, x: usize, y: usize) -> bool {
        gain(x) > gain(y) || (gain(x) == gain(y) && x < y)
    }
    /// 0-based rank of `s` for `j`: how many acceptable seniors come before it.
    fn junior_rank(&self, j: usize, s: usize) -> usize {
        (0..self.m)
            .filter(|&t| self.ok(j, t) && Self::before(|x| self.a(j, x), t, s))
            .count()
    }
    fn senior_rank(&self, j: usize, s: usize) -> usize {
        (0..self.n)
            .filter(|&i| self.ok(i, s) && Self::before(|x| self.b(x, s), i, j))
            .count()
    }
    fn junior_prefers(&self, j: usize, s: usize) -> bool {
        self.ok(j, s)
            && match self.senior_of(j) {
                None => true,
                Some(c) => Self::before(|x| self.a(j, x), s, c),
            }
    }
    fn senior_prefers(&self, s: usize, j: usize) -> bool {
        self.ok(j, s)
            && match self.junior_of(s) {
                None => true,
                Some(c) => Self::before(|x| self.b(x, s), j, c),
            }
    }
}

/// Random instances up to 8 × 8 with gains that often tie, about one forbidden cell in five,
/// and a valid pairing: random candidate pairs, each kept if in range, allowed and both free.
fn cases() -> impl Strategy<Value = Case> {
    let gain = prop_oneof![
        Just(0.0),
        Just(0.5),
        Just(1.0),
        (0u32..=8).prop_map(|k| f64::from(k) / 8.0),
        0.0..3.0f64,
    ]
    .boxed();
    (0usize..=8, 0usize..=8)
        .prop_flat_map(move |(n, m)| {
            (
                Just(n),
                Just(m),
                prop::collection::vec(gain.clone(), n * m),
                prop::collection::vec(gain.clone(), n * m),
                prop::collection::vec(prop::bool::weighted(0.8), n * m),
                prop::collection::vec((0..n.max(1), 0..m.max(1)), 0..=12),
                1usize..=4,
                prop_oneof![Just(None), Just(Some(0.0)), (0.0..30.0f64).prop_map(Some)],
            )
        })
        .prop_map(|(n, m, a, b, ok, candidates, top_k, optimum)| {
            let mut pairs: Vec<(usize, usize)> = Vec::new();
            for (j, s) in candidates {
                if j < n && s < m && ok[j * m + s] && pairs.iter().all(|&(i, t)| i != j && t != s) {
                    pairs.push((j, s));
                }
            }
            Case {
                n,
                m,
                a,
                b,
                ok,
                pairs,
                top_k,
                optimum,
            }
        })
}

/// Recomputes every field from the definitions, independently of the crate.
fn naive(c: &Case) -> Report {
    let (n, m) = (c.n, c.m);
    let junior_total: f64 = c.pairs.iter().map(|&(j, s)| c.a(j, s)).sum();
    let senior_total: f64 = c.pairs.iter().map(|&(j, s)| c.b(j, s)).sum();
    let total = junior_total + senior_total;
    let utilities: Vec<f64> = (0..n)
        .map(|j| c.junior_utility(j))
        .chain((0..m).map(|s| c.senior_utility(s)))
        .collect();
    let agents = utilities.len() as f64;
    let mean = if utilities.is_empty() {
        0.0
    } else {
        utilities.iter().sum::<f64>() / agents
    };

    // Smaller side whole, larger side only its matched agents.
    let mut counted = Vec::new();
    for j in 0..n {
        if n <= m || c.senior_of(j).is_some() {
            counted.push(c.junior_utility(j));
        }
    }
    for s in 0..m {
        if m <= n || c.junior_of(s).is_some() {
            counted.push(c.senior_utility(s));
        }
    }
    let min_utility = if n.min(m) == 0 {
        0.0
    } else {
        counted.iter().copied().fold(f64::INFINITY, f64::min)
    };

    // Gini as the O(N²) double sum over ordered pairs.
    let gini = if mean == 0.0 {
        0.0
    } else {
        let mut sum = 0.0;
        for x in &utilities {
            for y in &utilities {
                sum += (x - y).abs();
            }
        }
        sum / (agents * agents) / (2.0 * mean)
    };

    let mut blocking = Vec::new();
    for j in 0..n {
        for s in 0..m {
            if c.senior_of(j) != Some(s) && c.junior_prefers(j, s) && c.senior_prefers(s, j) {
                blocking.push((j, s));
            }
        }
    }

    let junior_ranks: Vec<usize> = c.pairs.iter().map(|&(j, s)| c.junior_rank(j, s)).collect();
    let senior_ranks: Vec<usize> = c.pairs.iter().map(|&(j, s)| c.senior_rank(j, s)).collect();
    let profile = |ranks: &[usize]| {
        let len = ranks.iter().map(|r| r + 1).max().unwrap_or(0);
        (0..len)
            .map(|k| ranks.iter().filter(|&&r| r == k).count())
            .collect::<Vec<usize>>()
    };
    let all_ranks = || junior_ranks.iter().chain(&senior_ranks);
    let in_top_k = all_ranks().filter(|&&r| r < c.top_k).count();
    let p = c.pairs.len();

    let gaps: Vec<f64> = c
        .pairs
        .iter()
        .map(|&(j, s)| (c.a(j, s) - c.b(j, s)).abs())
        .collect();

    // Envy: some other agent of the same side holds a partner allowed for me that I value
    // strictly more than what I have. `envious` counts the envious of `agents` on one side:
    // `partner` is an agent's partner, `better(x, p)` whether `x` may pair with `p` and values
    // `p` above what it has.
    let envious = |agents: usize,
                   partner: &dyn Fn(usize) -> Option<usize>,
                   better: &dyn Fn(usize, usize) -> bool| {
        (0..agents)
            .filter(|&x| (0..agents).any(|y| y != x && partner(y).is_some_and(|p| better(x, p))))
            .count()
    };
    let envy = envious(n, &|i| c.senior_of(i), &|j, t| {
        c.ok(j, t) && c.a(j, t) > c.junior_utility(j)
    }) + envious(m, &|t| c.junior_of(t), &|s, i| {
        c.ok(i, s) && c.b(i, s) > c.senior_utility(s)
    });

    let mut sorted_blocking = blocking.clone();
    sorted_blocking.sort_unstable();
    let mut expected = metrics::report(
        &PairScores::new(0, 0, vec![], vec![]).unwrap(),
        &Pairing::new(&PairScores::new(0, 0, vec![], vec![]).unwrap(), vec![]).unwrap(),
    )
    .unwrap();
    // `Report` is `#[non_exhaustive]`: fill a real one field by field.
    expected.pairs = p;
    expected.coverage = if n.min(m) == 0 {
        1.0
    } else {
        p as f64 / n.min(m) as f64
    };
    expected.total = total;
    expected.junior_total = junior_total;
    expected.senior_total = senior_total;
    expected.mean_utility = mean;
    expected.min_utility = min_utility;
    expected.gini = gini;
    expected.blocking_pairs = sorted_blocking.len();
    expected.blocking = sorted_blocking;
    expected.junior_rank_profile = profile(&junior_ranks);
    expected.senior_rank_profile = profile(&senior_ranks);
    expected.top_k = c.top_k;
    expected.top_k_share = if n + m == 0 {
        0.0
    } else {
        in_top_k as f64 / agents
    };
    expected.mean_rank =
        (p > 0).then(|| all_ranks().map(|r| (r + 1) as f64).sum::<f64>() / (2 * p) as f64);
    expected.reciprocity_gap_mean = if p == 0 {
        0.0
    } else {
        gaps.iter().sum::<f64>() / p as f64
    };
    expected.reciprocity_gap_max = gaps.iter().copied().fold(0.0, f64::max);
    expected.envy = envy;
    expected.utilitarian_total = c.optimum;
    expected.price = c
        .optimum
        .map(|u| if u == 0.0 { 0.0 } else { (u - total) / u });
    expected
}

fn assert_same(got: &Report, want: &Report) -> Result<(), TestCaseError> {
    for ((key, x), (key_want, y)) in got.values().into_iter().zip(want.values()) {
        prop_assert_eq!(key, key_want);
        prop_assert!(close(x, y), "{}: got {}, want {}", key, x, y);
    }
    prop_assert_eq!(got.values().len(), want.values().len());
    prop_assert_eq!(got.pairs, want.pairs);
    prop_assert_eq!(got.blocking_pairs, want.blocking_pairs);
    prop_assert_eq!(&got.blocking, &want.blocking);
    prop_assert_eq!(&got.junior_rank_profile, &want.junior_rank_profile);
    prop_assert_eq!(&got.senior_rank_profile, &want.senior_rank_profile);
    prop_assert_eq!(got.top_k, want.top_k);
    prop_assert_eq!(got.envy, want.envy);
    prop_assert_eq!(got.mean_rank.is_some(), want.mean_rank.is_some());
    prop_assert_eq!(got.price.is_some(), want.price.is_some());
    prop_assert_eq!(got.utilitarian_total, want.utilitarian_total);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_field_matches_the_naive_definitions(c in cases()) {
        let mut scores = PairScores::new(c.n, c.m, c.a.clone(), c.b.clone()).unwrap();
        for j in 0..c.n {
            for s in 0..c.m {
                if !c.ok(j, s) {
                    scores.forbid(j, s).unwrap();
                }
            }
        }
        let pairing = Pairing::new(&scores, c.pairs.clone()).unwrap();
        let mut options = Metrics::new().with_top_k(c.top_k);
        if let Some(u) = c.optimum {
            options = options.with_utilitarian_total(u);
        }
        let got = options.report(&scores, &pairing).unwrap();
        assert_same(&got, &naive(&c))?;

        // Invariants the definitions imply.
        prop_assert!((0.0..1.0).contains(&got.gini));
        prop_assert_eq!(got.junior_rank_profile.iter().sum::<usize>(), got.pairs);
        prop_assert_eq!(got.senior_rank_profile.iter().sum::<usize>(), got.pairs);
        if c.top_k == 3 && c.optimum.is_none() {
            prop_assert_eq!(&metrics::report(&scores, &pairing).unwrap(), &got);
        }
        let json = serde_json::to_string(&got).unwrap();
        prop_assert_eq!(serde_json::from_str::<Report>(&json).unwrap(), got);
    }
}
