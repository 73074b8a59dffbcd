//! The certificate is a proof: the engine's answers are optimal for the exact values of the
//! weights, and `verify` / `verify_sparse` accept nothing else, also where floats mix
//! magnitudes from 1e-3 to 1e15 or come near the ends of their range; sizes from outside are
//! refused, not allocated.
//!
//! The reference enumerates every matching of matrices up to 5 x 5 and sums weights exactly
//! (`common::exact`), so a total that is off in its last bit is caught.

mod common;
use common::brute::each_matching;
use common::config;
use common::exact::ExactSum;
use mentor_match::MatrixError;
use mentor_match::assignment::{
    Cardinality, CertificateError, Matrix, Options, Sense, Solution, SparseMatrix, solve,
    solve_sparse, solve_with, verify, verify_sparse,
};
use proptest::prelude::*;
use std::cmp::Ordering;

// ---------------------------------------------------------------------------------------------
// The reference
// ---------------------------------------------------------------------------------------------

/// The best (pair count, exact total in minimisation form) over every matching: the most pairs
/// first with `Cardinality::Maximum`, the best total alone with `Any`.
fn best(m: &Matrix<f64>, options: Options) -> (usize, ExactSum) {
    let sign = match options.sense() {
        Sense::Minimize => 1.0,
        Sense::Maximize => -1.0,
    };
    let allowed = |r: usize, c: usize| (sign * m.get(r, c).unwrap()).is_finite();
    let mut top: Option<(usize, ExactSum)> = None;
    each_matching(m.rows(), m.cols(), &allowed, &mut |pairs| {
        let total = ExactSum::of(pairs.iter().map(|&(r, c)| sign * m.get(r, c).unwrap()));
        let better = match &top {
            None => true,
            Some((k, t)) => match options.cardinality() {
                Cardinality::Any => total.compare(t) == Ordering::Less,
                _ => pairs.len() > *k || (pairs.len() == *k && total.compare(t) == Ordering::Less),
            },
        };
        if better {
            top = Some((pairs.len(), total));
        }
    });
    top.expect("the empty matching always exists")
}

/// The solution's (pair count, exact total in minimisation form).
fn value(m: &Matrix<f64>, s: &Solution<f64>) -> (usize, ExactSum) {
    let sign = match s.options().sense() {
        Sense::Minimize => 1.0,
        Sense::Maximize => -1.0,
    };
    let total = ExactSum::of(s.pairs().iter().map(|&(r, c)| sign * m.get(r, c).unwrap()));
    (s.pairs().len(), total)
}

/// Whether `s` is optimal for `m` by brute force, exactly.
fn optimal(m: &Matrix<f64>, s: &Solution<f64>) -> bool {
    let (k, total) = value(m, s);
    let (bk, btotal) = best(m, s.options());
    let count_ok = s.options().cardinality() == Cardinality::Any || k == bk;
    count_ok && total.compare(&btotal) == Ordering::Equal
}

/// The same cells as a sparse matrix (forbidden cells left out).
fn sparse(m: &Matrix<f64>, sense: Sense) -> SparseMatrix<f64> {
    let mut triplets = Vec::new();
    for r in 0..m.rows() {
        for c in 0..m.cols() {
            let x = m.get(r, c).unwrap();
            let forbidden = match sense {
                Sense::Minimize => x == f64::INFINITY,
                Sense::Maximize => x == f64::NEG_INFINITY,
            };
            if !forbidden {
                triplets.push((r, c, x));
            }
        }
    }
    SparseMatrix::from_triplets(m.rows(), m.cols(), triplets).unwrap()
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/// A weight with a random 52-bit mantissa and a magnitude from 1e-3 to 1e15, either sign.
fn spread() -> impl Strategy<Value = f64> + Clone {
    (1.0f64..2.0, -3.0f64..15.0, any::<bool>()).prop_map(|(m, e, neg)| {
        let x = m * 10f64.powf(e);
        if neg { -x } else { x }
    })
}

/// Weights near the ends of the float range, mixed with ordinary ones.
fn extreme() -> impl Strategy<Value = f64> + Clone {
    prop_oneof![
        spread(),
        Just(f64::MAX),
        Just(-f64::MAX),
        Just(1.7e308),
        Just(-1.7e308),
        Just(1e300),
        Just(-1e300),
        Just(8.9e307),
        Just(5e-324),
        Just(1e-300),
        Just(0.5),
        Just(0.0),
        Just(i64::MAX as f64),
    ]
}

/// Matrices from `least` x `least` up to 5 x 5 with about 20 % of the cells forbidden (for
/// `sense`).
fn matrices(
    cell: impl Strategy<Value = f64> + Clone + 'static,
    least: usize,
) -> impl Strategy<Value = (Matrix<f64>, Options)> {
    (least..=5, least..=5, any::<bool>(), any::<bool>()).prop_flat_map(
        move |(rows, cols, max, any)| {
            let sense = if max {
                Sense::Maximize
            } else {
                Sense::Minimize
            };
            let card = if any {
                Cardinality::Any
            } else {
                Cardinality::Maximum
            };
            let forbidden = match sense {
                Sense::Minimize => f64::INFINITY,
                Sense::Maximize => f64::NEG_INFINITY,
            };
            proptest::collection::vec(proptest::option::weighted(0.8, cell.clone()), rows * cols)
                .prop_map(move |cells| {
                    let data = cells.into_iter().map(|c| c.unwrap_or(forbidden)).collect();
                    (
                        Matrix::from_vec(rows, cols, data).unwrap(),
                        Options::new(sense).with_cardinality(card),
                    )
                })
        },
    )
}

/// A refusal the engine may give on weights near the float range's ends.
fn typed_refusal(e: &MatrixError) -> bool {
    // Several weights refused at once come as a list of them.
    e.all().iter().all(|e| {
        matches!(
            e,
            MatrixError::InvalidWeight { .. } | MatrixError::Uncertified { .. }
        )
    })
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(400))]

    /// Weights from 1e-3 to 1e15: the dense and the sparse engines find the exact optimum,
    /// and their certificates verify.
    #[test]
    fn mixed_magnitudes_are_solved_exactly((m, options) in matrices(spread(), 0)) {
        let dense = solve_with(&m, options).expect("ordinary floats are certified");
        prop_assert!(optimal(&m, &dense), "dense: not the exact optimum: {:?}", dense.pairs());
        prop_assert_eq!(verify(&m, &dense), Ok(()));
        let sm = sparse(&m, options.sense());
        let sp = solve_sparse(&sm, options).expect("ordinary floats are certified");
        prop_assert!(optimal(&m, &sp), "sparse: not the exact optimum: {:?}", sp.pairs());
        prop_assert_eq!(verify_sparse(&sm, &sp), Ok(()));
    }

    /// Near the ends of the float range: the exact optimum with a certificate, or a typed
    /// refusal, never a wrong answer or a panic.
    #[test]
    fn extreme_weights_are_solved_exactly_or_refused((m, options) in matrices(extreme(), 0)) {
        match solve_with(&m, options) {
            Ok(s) => {
                prop_assert!(optimal(&m, &s), "dense: not the exact optimum: {:?}", s.pairs());
                prop_assert_eq!(verify(&m, &s), Ok(()));
            }
            Err(e) => prop_assert!(typed_refusal(&e), "{e}"),
        }
        let sm = sparse(&m, options.sense());
        match solve_sparse(&sm, options) {
            Ok(s) => {
                prop_assert!(optimal(&m, &s), "sparse: not the exact optimum: {:?}", s.pairs());
                prop_assert_eq!(verify_sparse(&sm, &s), Ok(()));
            }
            Err(e) => prop_assert!(typed_refusal(&e), "{e}"),
        }
    }

    /// `verify` never accepts a solution that is not optimal: the solution of one matrix is
    /// checked against another that differs in one cell, by one unit in the last place, a
    /// relative 1e-12, or anything.
    #[test]
    fn verify_accepts_only_optimal_solutions(
        (m, options) in matrices(spread(), 1),
        at in any::<prop::sample::Index>(),
        change in prop_oneof![
            Just(Change::NextUp), Just(Change::NextDown), Just(Change::Relative(1e-12)),
            Just(Change::Relative(-1e-12)), spread().prop_map(Change::To),
        ],
    ) {
        let s = solve_with(&m, options).unwrap();
        let k = at.index(m.rows() * m.cols());
        let mut data = m.as_slice().to_vec();
        if data[k].is_finite() {
            data[k] = change.apply(data[k]);
        }
        let other = Matrix::from_vec(m.rows(), m.cols(), data).unwrap();
        if verify(&other, &s).is_ok() {
            prop_assert!(optimal(&other, &s), "accepted a solution that is not optimal");
        }
        let so = sparse(&other, options.sense());
        let sp = solve_sparse(&sparse(&m, options.sense()), options).unwrap();
        if verify_sparse(&so, &sp).is_ok() {
            prop_assert!(optimal(&other, &sp), "sparse: accepted a solution that is not optimal");
        }
    }
}

/// How [`verify_accepts_only_optimal_solutions`] changes a cell.
#[derive(Debug, Clone, Copy)]
enum Change {
    NextUp,
    NextDown,
    Relative(f64),
    To(f64),
}

impl Change {
    fn apply(self, x: f64) -> f64 {
        match self {
            Change::NextUp => x.next_up(),
            Change::NextDown => x.next_down(),
            Change::Relative(r) => x * (1.0 + r),
            Change::To(y) => y,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The reproducers of issue 13, and the holes found beside them
// ---------------------------------------------------------------------------------------------

/// A cheap cell next to a weight of 1e12: the answer must be the cheap cell, and the
/// certificate of the dearer one must be refused.
#[test]
fn a_large_weight_does_not_hide_a_better_cell() {
    let m =
        SparseMatrix::from_triplets(1, 3, vec![(0, 0, 1.0), (0, 1, 1e12), (0, 2, 2.0)]).unwrap();
    let s = solve_sparse(&m, Options::new(Sense::Minimize)).unwrap();
    assert_eq!(s.pairs(), &[(0, 0)]);
    assert_eq!(s.total(), 1.0);
    verify_sparse(&m, &s).unwrap();
    // The optimum of a matrix whose first cell is dearer is (0, 2), total 2, as on `m`:
    // its certificate must not pass for `m`.
    let other =
        SparseMatrix::from_triplets(1, 3, vec![(0, 0, 3.0), (0, 1, 1e12), (0, 2, 2.0)]).unwrap();
    let wrong = solve_sparse(&other, Options::new(Sense::Minimize)).unwrap();
    assert_eq!(wrong.pairs(), &[(0, 2)]);
    assert!(verify_sparse(&m, &wrong).is_err());
    // Fractional weights too.
    for big in [1e12, 1e13 + 0.5, 3e15 + 0.25, 1e18] {
        let m = SparseMatrix::from_triplets(1, 3, vec![(0, 0, 1.25), (0, 1, big), (0, 2, 2.5)])
            .unwrap();
        let s = solve_sparse(&m, Options::new(Sense::Minimize)).unwrap();
        assert_eq!(s.pairs(), &[(0, 0)], "largest weight {big}");
    }
}

/// Maximising with weights near `f64::MAX`: every assignment's total overflows, so the answer
/// is a typed refusal naming a cell, not an optimum that `verify` rejects.
#[test]
fn weights_near_the_float_limit_are_refused_or_certified() {
    let m = Matrix::from_vec(
        3,
        3,
        vec![
            1.7e308, -1.7e308, 0.0, -1.7e308, 1.7e308, 1.0, 0.5, 1.7e308, -1.7e308,
        ],
    )
    .unwrap();
    let err = solve(&m, Sense::Maximize).unwrap_err();
    // Every weight beyond the range is named, each with the reason.
    assert_eq!(
        common::invalid_cells(&err),
        [(0, 0), (0, 1), (1, 0), (1, 1), (2, 1), (2, 2)]
    );
    assert!(
        err.all().iter().all(|e| e.to_string().contains("2^1020")),
        "{err}"
    );
    let m = SparseMatrix::from_triplets(
        2,
        2,
        vec![(0, 0, 1e308), (0, 1, -1e308), (1, 0, -1e308), (1, 1, 1e308)],
    )
    .unwrap();
    let err = solve_sparse(&m, Options::new(Sense::Minimize)).unwrap_err();
    // Every cell is beyond the certified range, and each is named.
    assert_eq!(
        common::invalid_cells(&err),
        [(0, 0), (0, 1), (1, 0), (1, 1)]
    );
    // Within the certified range but with totals beyond `f64`: refused too.
    let m = Matrix::from_vec(2, 2, vec![8e307, 0.0, 0.0, 8e307]).unwrap();
    match solve(&m, Sense::Maximize) {
        Ok(s) => verify(&m, &s).unwrap(),
        Err(e) => assert!(typed_refusal(&e), "{e}"),
    }
}

/// Found by the property above: a matrix whose units span more than `i128` holds, where the
/// solver's certificate came out of the repair in wide numbers and `verify_sparse` then ran
/// out of the range of the narrow ones. Both now agree, on the exact optimum.
#[test]
fn solve_and_verify_agree_when_units_overflow_i128() {
    let inf = f64::INFINITY;
    let m = Matrix::from_vec(
        3,
        4,
        vec![
            0.0,
            1e-300,
            inf,
            inf,
            5e-324,
            5e-324,
            inf,
            5e-324,
            1e300,
            5e-324,
            9.223372036854776e18,
            -61785601468986.28,
        ],
    )
    .unwrap();
    let options = Options::new(Sense::Minimize).with_cardinality(Cardinality::Maximum);
    let dense = solve_with(&m, options).unwrap();
    assert!(optimal(&m, &dense), "{:?}", dense.pairs());
    verify(&m, &dense).unwrap();
    let sm = sparse(&m, Sense::Minimize);
    let s = solve_sparse(&sm, options).unwrap();
    assert!(optimal(&m, &s), "{:?}", s.pairs());
    verify_sparse(&sm, &s).unwrap();
}

/// Found by the long fuzz run (`tests/fuzz.rs`), each shrunk: optimal answers whose
/// certificates `verify` refused as not optimal. A cost beyond `i128`'s range was clamped to a
/// stand-in value, and two huge costs clamped alike cancelled on a cycle through one forwards
/// and the other backwards (an arc of the matching), which looked negative.
#[test]
fn huge_costs_on_pairs_do_not_fake_a_negative_cycle() {
    let cases: [(usize, usize, &[f64]); 8] = [
        (2, 2, &[-8e307, 3.0, -1e116, 6.0]),
        (2, 2, &[3.0, 1.0, -2e85, -8e307]),
        (2, 2, &[-1.0, -8.9e307, -5e-324, -1.0]),
        (2, 2, &[1.0, -3.0, 8.9e307, 4.4989137945431964e161]),
        (3, 3, &[7.0, 0.0, 1.0, 3.0, 1e103, 5.0, 1.0, -5e-31, 0.6]),
        (3, 3, &[7.0, 0.0, 1.0, 63.0, 4e103, 6.0, 5e-20, 5.0, 0.0]),
        (
            3,
            3,
            &[
                9007199254740992.0,
                274877906944.0,
                0.0,
                2430572106314.901,
                1.3066052810242014e206,
                8730.653957284361,
                -0.0,
                -4.603141323690667e-9,
                437968476.9716316,
            ],
        ),
        (
            4,
            3,
            &[
                0.0,
                -1.2800915657415366,
                67958.08183403243,
                2.042649480849095e75,
                0.0,
                2.0,
                9360952.24256934,
                -8.9e307,
                191.04579294998763,
                -1.0,
                9.223372036854776e18,
                9007199254740992.0,
            ],
        ),
    ];
    for (rows, cols, data) in cases {
        let m = Matrix::from_vec(rows, cols, data.to_vec()).unwrap();
        for sense in [Sense::Minimize, Sense::Maximize] {
            for card in [Cardinality::Maximum, Cardinality::Any] {
                let options = Options::new(sense).with_cardinality(card);
                let what = format!("{data:?} {options:?}");
                match solve_with(&m, options) {
                    Ok(s) => {
                        assert!(optimal(&m, &s), "dense {what}: {:?}", s.pairs());
                        assert_eq!(verify(&m, &s), Ok(()), "dense {what}");
                    }
                    Err(e) => assert!(typed_refusal(&e), "dense {what}: {e}"),
                }
                let sm = sparse(&m, sense);
                match solve_sparse(&sm, options) {
                    Ok(s) => {
                        assert!(optimal(&m, &s), "sparse {what}: {:?}", s.pairs());
                        assert_eq!(verify_sparse(&sm, &s), Ok(()), "sparse {what}");
                    }
                    Err(e) => assert!(typed_refusal(&e), "sparse {what}: {e}"),
                }
            }
        }
    }
}

/// Found by the long fuzz run: a sparse matrix holding `-f64::MAX` made the sparse engine's
/// auction index past its columns (its prices overflowed to NaN). Weights beyond ±2^1020 are
/// now refused before solving, naming the cell, as the dense engine refuses them.
#[test]
fn the_sparse_engine_refuses_weights_beyond_the_range_before_solving() {
    let inf = f64::INFINITY;
    #[rustfmt::skip]
    let data = [
        -f64::MAX, 0.0, -2.8796017118537356, 21.080978382719053, inf,
        6.183260036827614e172, 0.5, -0.0, 1.7e308, 701586493.3436097,
        1225.6041513028852, 3.0, 0.0, -0.08177862436727162, -2.0,
        -8.119617690959016e-296, 907530734.1062713, 367457537551531.44, 5422798997369.4375,
        -3.693297946099844e-45,
        -5e-324, -1.3465947907963836e213, -f64::MAX, -0.0, -1.1730495045007344e254,
    ];
    let dropped = [
        false, true, false, false, true, true, false, false, true, false, false, true, true, true,
        true, false, true, true, true, true, false, true, true, true, true,
    ];
    let triplets = (0..25)
        .filter(|&k| !dropped[k] && data[k] != inf)
        .map(|k| (k / 5, k % 5, data[k]))
        .collect();
    let m = SparseMatrix::from_triplets(5, 5, triplets).unwrap();
    let err = solve_sparse(&m, Options::new(Sense::Minimize)).unwrap_err();
    assert!(
        matches!(err, MatrixError::InvalidWeight { row: 0, col: 0, .. }),
        "{err}"
    );
    assert!(err.to_string().contains("2^1020"), "{err}");
}

/// The old check accepted an assignment with fewer pairs than possible when its potentials
/// fitted: the most pairs are now checked by a search.
#[test]
fn verify_refuses_an_assignment_without_the_most_pairs() {
    let inf = f64::INFINITY;
    let one = Matrix::from_vec(2, 2, vec![1.0, inf, inf, inf]).unwrap();
    let s = solve(&one, Sense::Minimize).unwrap();
    assert_eq!(s.pairs(), &[(0, 0)]);
    let two = Matrix::from_vec(2, 2, vec![1.0, inf, inf, 5.0]).unwrap();
    assert_eq!(
        verify(&two, &s),
        Err(CertificateError::NotMaximum { row: 1 })
    );
    let ione = Matrix::from_vec(2, 2, vec![1_i64, i64::MAX, i64::MAX, i64::MAX]).unwrap();
    let is = solve(&ione, Sense::Minimize).unwrap();
    let itwo = Matrix::from_vec(2, 2, vec![1_i64, i64::MAX, i64::MAX, 5]).unwrap();
    assert_eq!(
        verify(&itwo, &is),
        Err(CertificateError::NotMaximum { row: 1 })
    );
}

/// Sums that are ties in decimal are not ties in binary: 0.1 + 0.2 > 0.3 + 0 exactly.
#[test]
fn binary_ties_are_broken_exactly() {
    // Pairing (0,0) and (1,1) costs 0.1 + 0.2; the other way 0.3 + 0.0, which is less.
    let m = Matrix::from_vec(2, 2, vec![0.1, 0.3, 0.0, 0.2]).unwrap();
    let s = solve(&m, Sense::Minimize).unwrap();
    assert_eq!(s.pairs(), &[(0, 1), (1, 0)]);
    verify(&m, &s).unwrap();
    let s = solve(&m, Sense::Maximize).unwrap();
    assert_eq!(s.pairs(), &[(0, 0), (1, 1)]);
    verify(&m, &s).unwrap();
}

/// Shapes from outside are refused before anything is allocated for them.
#[test]
fn huge_shapes_are_refused_not_allocated() {
    let m = Matrix::<f64>::from_vec(0, usize::MAX, vec![]).unwrap();
    assert!(matches!(
        solve(&m, Sense::Minimize),
        Err(MatrixError::TooLarge {
            rows: 0,
            cols: usize::MAX,
            ..
        })
    ));
    let m = Matrix::<i64>::from_vec(usize::MAX, 0, vec![]).unwrap();
    assert!(matches!(
        solve(&m, Sense::Maximize),
        Err(MatrixError::TooLarge { .. })
    ));
    assert!(matches!(
        SparseMatrix::<f64>::from_triplets(usize::MAX, 1, vec![]),
        Err(MatrixError::TooLarge { .. })
    ));
    assert!(matches!(
        SparseMatrix::<f64>::from_triplets(1 << 40, 1, vec![]),
        Err(MatrixError::TooLarge { .. })
    ));
    // Column indices are held in 32 bits: a wider shape is refused when it is built.
    assert!(matches!(
        SparseMatrix::from_triplets(1, 1 << 60, vec![(0, 3, 1.0)]),
        Err(MatrixError::TooLarge { .. })
    ));
    let widest = SparseMatrix::<f64>::MAX_COLS;
    assert!(matches!(
        SparseMatrix::from_triplets(1, widest + 1, vec![(0, 3, 1.0)]),
        Err(MatrixError::TooLarge { .. })
    ));
    let m =
        SparseMatrix::from_triplets(1, widest, vec![(0, widest - 1, 2.0), (0, 3, 1.0)]).unwrap();
    assert_eq!(m.get(0, widest - 1), Some(2.0));
    assert_eq!(m.get(0, widest), None);
    assert_eq!(m.get(0, usize::MAX), None);
    assert_eq!(
        m.row(0).collect::<Vec<_>>(),
        vec![(3, 1.0), (widest - 1, 2.0)]
    );
    // A small empty shape is answered, with everyone unassigned.
    let m = Matrix::<f64>::from_vec(0, 3, vec![]).unwrap();
    let s = solve(&m, Sense::Minimize).unwrap();
    assert_eq!(s.unassigned_cols(), &[0, 1, 2]);
    verify(&m, &s).unwrap();
}

#[test]
fn exact_sums_do_not_round() {
    // 0.1 + 0.2 - 0.3 is 2^-55 for the binary values, though floats give 2^-54.
    let s = ExactSum::of([0.1, 0.2, -0.3]);
    assert_eq!(s, ExactSum::of([2f64.powi(-55)]));
    assert_eq!(
        ExactSum::of([1e15, 1e-3]).compare(&ExactSum::of([1e15])),
        Ordering::Greater
    );
    assert_eq!(
        ExactSum::of([1e300, -1e300, 5e-324]).sign(),
        Ordering::Greater
    );
    assert_eq!(ExactSum::of([-1.0, 0.5, 0.5]).sign(), Ordering::Equal);
    assert_eq!(ExactSum::of([-1.0, 0.25]).sign(), Ordering::Less);
    assert_eq!(
        ExactSum::of([f64::MAX, f64::MAX, -f64::MAX]),
        ExactSum::of([f64::MAX])
    );
}

#[test]
fn a_two_by_two_complete_graph_has_seven_matchings() {
    let mut all = Vec::new();
    each_matching(2, 2, &|_, _| true, &mut |m| all.push(m.to_vec()));
    assert_eq!(all.len(), 7);
    assert!(all.contains(&vec![(0, 1), (1, 0)]));
    assert!(all.contains(&vec![]));
}

/// The variable that marks the child process of a test run under a memory limit, holding the
/// test's name (see [`in_a_child_under_a_data_limit`]).
const CHILD: &str = "MENTOR_MATCH_CERTIFICATE_CHILD";

/// Runs the test `name` of this binary again, alone, in a child process whose data segment
/// (heap included) is capped at `kib` KiB, with [`CHILD`] set to `name`; fails unless the child
/// passes. An allocation that aborts ends the child by a signal, which fails the test.
#[cfg(unix)]
fn in_a_child_under_a_data_limit(name: &str, kib: u32) {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -d {kib} && exec \"$0\" \"$@\""))
        .arg(std::env::current_exe().unwrap())
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(CHILD, name)
        .env("RUST_BACKTRACE", "0")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{name} under {kib} KiB: {:?}\n{}{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `solve_sparse` on 2^22 rows x 3 columns with one cell, in a child process whose data
/// segment is capped at 250 MB: the solver's own tables fit (it ran within about 130 MB), the
/// certificate's tables of the rows (several dozen bytes a row) do not (the whole solve ran
/// within about 365 MB). The answer is [`MatrixError::TooLarge`] naming the certificate, where
/// the child aborted in the certificate before ("memory allocation of ... failed", a signal).
#[cfg(unix)]
#[test]
fn a_certificate_too_large_for_memory_is_an_error_not_an_abort() {
    const NAME: &str = "a_certificate_too_large_for_memory_is_an_error_not_an_abort";
    if std::env::var(CHILD).is_ok_and(|v| v == NAME) {
        let rows = 1 << 22;
        let m = SparseMatrix::from_triplets(rows, 3, vec![(0, 0, 1.5)]).unwrap();
        assert_eq!(
            solve_sparse(&m, Options::new(Sense::Maximize)).map(|s| s.pairs().len()),
            Err(MatrixError::TooLarge {
                what: "the certificate of an assignment",
                rows,
                cols: 3
            })
        );
        return;
    }
    in_a_child_under_a_data_limit(NAME, 250_000);
}
