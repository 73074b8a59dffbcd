//! Integration tests of the sparse engine (`mentor_match::assignment::solve_sparse`).
//!
//! - Property tests against the dense engine on random candidate graphs up to 12 x 12 (absent
//!   cells forbidden in the dense matrix), both senses, both cardinality rules, `f64` and `i64`,
//!   with isolated vertices and several components: the same number of pairs and the same
//!   total, a certificate that `verify_sparse` accepts, valid pairs and unassigned lists.
//! - Unit tests of edge cases and of every construction error.
//! - A seeded 20,000 x 20,000 smoke test; a 100,000 x 100,000 timing run is `#[ignore]`d
//!   (`cargo test --release --test sparse -- --ignored --nocapture`).

mod common;
use common::SplitMix;
use common::{cardinalities, config, senses};
use mentor_match::MatrixError;
use mentor_match::assignment::{
    Cardinality, CertificateError, Matrix, Options, Sense, Solution, SparseMatrix, Weight,
    solve_sparse, solve_with, verify_sparse,
};
use proptest::prelude::*;
use std::time::Instant;

/// A random candidate graph up to 12 x 12: rows and columns are dealt into 1 to 4 blocks
/// (`index % blocks`) and only cells within a block may be present, so there are often
/// several components, and low densities leave isolated rows and columns. Each present
/// cell's weight comes from `weight(small integer, fraction)`.
fn graph<T: Weight>(
    weight: fn(i64, f64) -> T,
) -> impl Strategy<Value = (usize, usize, Vec<(usize, usize, T)>)> {
    (0usize..=12, 0usize..=12, 1usize..=4, 0u32..=80)
        .prop_flat_map(|(r, c, blocks, p)| {
            let cells = proptest::collection::vec((0u32..100, -20i64..=20, 0.0f64..1.0), r * c);
            (Just(r), Just(c), Just(blocks), Just(p), cells)
        })
        .prop_map(move |(r, c, blocks, p, cells)| {
            let mut triplets = Vec::new();
            for (k, &(roll, w, f)) in cells.iter().enumerate() {
                let (i, j) = (k / c, k % c);
                if i % blocks == j % blocks && roll < p {
                    triplets.push((i, j, weight(w, f)));
                }
            }
            // Any order must do: reverse half of the time.
            if p % 2 == 1 {
                triplets.reverse();
            }
            (r, c, triplets)
        })
}

/// The graph of `triplets` solved sparse and dense (absent cells `forbidden[0]` when
/// minimising, `forbidden[1]` when maximising), `(graph, sparse, dense)`; checks that the pair
/// counts agree under `Maximum` (under `Any` a pair of weight 0 may or may not be formed: only
/// totals compare) and that `verify_sparse` accepts the sparse solution.
#[allow(clippy::type_complexity)]
fn sparse_and_dense<T: Weight>(
    (r, c, triplets): (usize, usize, Vec<(usize, usize, T)>),
    sense: Sense,
    card: Cardinality,
    forbidden: [T; 2],
) -> Result<(SparseMatrix<T>, Solution<T>, Solution<T>), TestCaseError> {
    let m = SparseMatrix::from_triplets(r, c, triplets)?;
    let options = Options::new(sense).with_cardinality(card);
    let s = solve_sparse(&m, options)?;
    let forbidden = if sense == Sense::Minimize {
        forbidden[0]
    } else {
        forbidden[1]
    };
    let d = solve_with(&dense(&m, forbidden), options)?;
    if card == Cardinality::Maximum {
        prop_assert_eq!(s.pairs().len(), d.pairs().len());
    }
    prop_assert_eq!(verify_sparse(&m, &s), Ok(()));
    Ok((m, s, d))
}

/// The dense matrix of a candidate graph: absent cells forbidden in `sense`.
fn dense<T: Weight>(m: &SparseMatrix<T>, forbidden: T) -> Matrix<T> {
    Matrix::from_fn(m.rows(), m.cols(), |r, c| m.get(r, c).unwrap_or(forbidden))
        .expect("a valid dense matrix")
}

/// Independent checks of a sparse solution: pairs sorted, distinct, on present cells; the
/// unassigned lists complete; the total the sum of the pairs' weights.
fn check_valid<T: Weight>(m: &SparseMatrix<T>, s: &Solution<T>, to_f64: fn(T) -> f64) -> f64 {
    let mut row_used = vec![false; m.rows()];
    let mut col_used = vec![false; m.cols()];
    let mut sum = 0.0;
    for w in s.pairs().windows(2) {
        assert!(w[0].0 < w[1].0, "pairs not sorted by row: {:?}", s.pairs());
    }
    for &(r, c) in s.pairs() {
        let x = m.get(r, c).expect("a pair on a present cell");
        assert!(!row_used[r] && !col_used[c], "row or column used twice");
        row_used[r] = true;
        col_used[c] = true;
        sum += to_f64(x);
    }
    let free = |used: &[bool]| -> Vec<usize> { (0..used.len()).filter(|&k| !used[k]).collect() };
    assert_eq!(s.unassigned_rows(), free(&row_used));
    assert_eq!(s.unassigned_cols(), free(&col_used));
    sum
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

proptest! {
    #![proptest_config(config(600))]

    #[test]
    fn f64_agrees_with_dense(
        g in graph(|w, f| if f < 0.5 { w as f64 } else { w as f64 + f }),
        sense in senses(),
        card in cardinalities(),
    ) {
        let (m, s, d) = sparse_and_dense(g, sense, card, [f64::INFINITY, f64::NEG_INFINITY])?;
        prop_assert!(close(s.total(), d.total()), "sparse {} dense {}", s.total(), d.total());
        let sum = check_valid(&m, &s, |x| x);
        prop_assert!(close(sum, s.total()));
        // Deterministic.
        prop_assert_eq!(&solve_sparse(&m, Options::new(sense).with_cardinality(card))?, &s);
    }

    #[test]
    fn i64_agrees_with_dense(
        g in graph(|w, f| w * 1_000_000_007 + (f * 1000.0) as i64),
        sense in senses(),
        card in cardinalities(),
    ) {
        let (m, s, d) = sparse_and_dense(g, sense, card, [i64::MAX, i64::MIN])?;
        prop_assert_eq!(s.total(), d.total());
        check_valid(&m, &s, |x| x as f64);
    }

    #[test]
    fn small_integer_ties_agree_with_dense(
        g in graph(|w, _| w.rem_euclid(3)),
        sense in senses(),
        card in cardinalities(),
    ) {
        let (_, s, d) = sparse_and_dense(g, sense, card, [i64::MAX, i64::MIN])?;
        prop_assert_eq!(s.total(), d.total());
    }
}

proptest! {
    #![proptest_config(config(600))]

    /// Square graphs with a perfect matching (the diagonal is always present), where the
    /// engine starts with augmenting row reduction.
    #[test]
    fn square_perfect_agrees_with_dense(
        n in 1usize..=12,
        cells in proptest::collection::vec((0u32..100, -5i64..=5), 144),
        p in 10u32..=100,
        sense in senses(),
    ) {
        let mut triplets = Vec::new();
        for i in 0..n {
            for j in 0..n {
                let (roll, w) = cells[i * 12 + j];
                if i == j || roll < p {
                    triplets.push((i, j, w));
                }
            }
        }
        let m = SparseMatrix::from_triplets(n, n, triplets)?;
        let options = Options::new(sense);
        let s = solve_sparse(&m, options)?;
        let forbidden = if sense == Sense::Minimize { i64::MAX } else { i64::MIN };
        let d = solve_with(&dense(&m, forbidden), options)?;
        prop_assert_eq!(s.pairs().len(), n);
        prop_assert_eq!(s.total(), d.total());
        prop_assert_eq!(verify_sparse(&m, &s), Ok(()));
    }
}

#[test]
fn zero_by_zero() {
    let m = SparseMatrix::<f64>::from_triplets(0, 0, vec![]).unwrap();
    for card in [Cardinality::Maximum, Cardinality::Any] {
        let s = solve_sparse(&m, Options::new(Sense::Maximize).with_cardinality(card)).unwrap();
        assert!(s.pairs().is_empty());
        assert_eq!(s.total(), 0.0);
        assert!(s.unassigned_rows().is_empty() && s.unassigned_cols().is_empty());
        assert_eq!(verify_sparse(&m, &s), Ok(()));
    }
}

#[test]
fn empty_graph_leaves_everyone_unassigned() {
    let m = SparseMatrix::<i64>::from_triplets(3, 2, vec![]).unwrap();
    let s = solve_sparse(&m, Options::new(Sense::Minimize)).unwrap();
    assert!(s.pairs().is_empty());
    assert_eq!(s.unassigned_rows(), &[0, 1, 2]);
    assert_eq!(s.unassigned_cols(), &[0, 1]);
    assert_eq!(s.row_potentials().len(), 3);
    assert_eq!(s.col_potentials().len(), 2);
    assert_eq!(verify_sparse(&m, &s), Ok(()));
}

#[test]
fn one_edge() {
    let m = SparseMatrix::from_triplets(4, 5, vec![(2, 3, 7_i64)]).unwrap();
    let s = solve_sparse(&m, Options::new(Sense::Maximize)).unwrap();
    assert_eq!(s.pairs(), &[(2, 3)]);
    assert_eq!(s.total(), 7);
    assert_eq!(s.col_of(2), Some(3));
    assert_eq!(s.row_of(3), Some(2));
    assert_eq!(s.unassigned_rows(), &[0, 1, 3]);
    assert_eq!(verify_sparse(&m, &s), Ok(()));
    // Under `Any`, a pair that costs more than nothing is left out.
    let any = Options::new(Sense::Minimize).with_cardinality(Cardinality::Any);
    let s = solve_sparse(&m, any).unwrap();
    assert!(s.pairs().is_empty());
    assert_eq!(verify_sparse(&m, &s), Ok(()));
}

/// The most pairs come before the best total: a known answer.
#[test]
fn most_pairs_first() {
    // Row 0 alone with column 0 would be worth 10; two pairs are worth 1 + 1.
    let m =
        SparseMatrix::from_triplets(2, 2, vec![(0, 0, 10.0), (0, 1, 1.0), (1, 0, 1.0)]).unwrap();
    let s = solve_sparse(&m, Options::new(Sense::Maximize)).unwrap();
    assert_eq!(s.pairs(), &[(0, 1), (1, 0)]);
    assert_eq!(s.total(), 2.0);
    let any = Options::new(Sense::Maximize).with_cardinality(Cardinality::Any);
    let s = solve_sparse(&m, any).unwrap();
    assert_eq!(s.pairs(), &[(0, 0)]);
    assert_eq!(s.total(), 10.0);
}

#[test]
fn forbidden_values_act_as_absent_cells() {
    let m =
        SparseMatrix::from_triplets(2, 2, vec![(0, 0, f64::INFINITY), (0, 1, 1.0), (1, 0, 2.0)])
            .unwrap();
    let s = solve_sparse(&m, Options::new(Sense::Minimize)).unwrap();
    assert_eq!(s.pairs(), &[(0, 1), (1, 0)]);
    assert_eq!(verify_sparse(&m, &s), Ok(()));
    // `+inf` cannot be maximised: the cell is named.
    let err = solve_sparse(&m, Options::new(Sense::Maximize)).unwrap_err();
    assert!(
        matches!(err, MatrixError::InvalidWeight { row: 0, col: 0, .. }),
        "{err}"
    );
}

/// Checks that `err` is `MatrixError::InvalidTriplet` (`kind` "triplet") or
/// `MatrixError::InvalidWeight` (`kind` "weight") naming `cell`.
fn assert_cell_error(err: &MatrixError, kind: &str, cell: (usize, usize)) {
    let named = match *err {
        MatrixError::InvalidTriplet { row, col, .. } => ("triplet", (row, col)),
        MatrixError::InvalidWeight { row, col, .. } => ("weight", (row, col)),
        _ => panic!("neither an invalid triplet nor an invalid weight: {err}"),
    };
    assert_eq!(named, (kind, cell), "{err}");
}

#[test]
fn duplicate_triplet_is_an_error() {
    let err =
        SparseMatrix::from_triplets(3, 3, vec![(2, 1, 1.0), (0, 0, 1.0), (2, 1, 3.0)]).unwrap_err();
    assert_cell_error(&err, "triplet", (2, 1));
    assert_eq!(
        err.to_string(),
        "sparse matrix cell (2, 1) is not valid: it is given more than once"
    );
}

#[test]
fn out_of_range_is_an_error() {
    let err = SparseMatrix::from_triplets(2, 3, vec![(0, 0, 1_i64), (1, 3, 1)]).unwrap_err();
    assert_cell_error(&err, "triplet", (1, 3));
    let err = SparseMatrix::from_triplets(2, 3, vec![(2, 0, 1_i64)]).unwrap_err();
    assert_cell_error(&err, "triplet", (2, 0));
}

#[test]
fn nan_is_an_error_naming_the_cell() {
    let err = SparseMatrix::from_triplets(4, 4, vec![(0, 0, 1.0), (3, 2, f64::NAN)]).unwrap_err();
    assert_cell_error(&err, "weight", (3, 2));
    assert_eq!(
        err.to_string(),
        "matrix cell (3, 2) holds NaN, which is not a usable weight: NaN is not a weight"
    );
}

#[test]
fn a_wrong_certificate_is_rejected() {
    let m = SparseMatrix::from_triplets(2, 2, vec![(0, 0, 1.0), (0, 1, 2.0), (1, 0, 2.0)]).unwrap();
    let s = solve_sparse(&m, Options::new(Sense::Minimize)).unwrap();
    assert_eq!(verify_sparse(&m, &s), Ok(()));
    let cheaper = SparseMatrix::from_triplets(
        2,
        2,
        vec![(0, 0, 1.0), (0, 1, 2.0), (1, 0, 2.0), (1, 1, 0.0)],
    )
    .unwrap();
    assert!(matches!(
        verify_sparse(&cheaper, &s),
        Err(CertificateError::Unassigned { .. } | CertificateError::Infeasible { .. })
    ));
    let other_shape = SparseMatrix::from_triplets(3, 2, vec![(0, 0, 1.0)]).unwrap();
    assert!(matches!(
        verify_sparse(&other_shape, &s),
        Err(CertificateError::Shape { .. })
    ));
}

#[test]
fn types_are_send_and_sync() {
    common::assert_send_sync!(SparseMatrix<f64>, Solution<i64>);
}

/// `n x n` with `per_row` distinct random columns a row and weights in [-0.5, 0.5).
fn random_graph(n: usize, per_row: usize, seed: u64) -> SparseMatrix<f64> {
    let mut rng = SplitMix(seed);
    let mut triplets = Vec::with_capacity(n * per_row);
    let mut row: Vec<usize> = Vec::with_capacity(per_row);
    for r in 0..n {
        row.clear();
        while row.len() < per_row {
            let c = (rng.next() % n as u64) as usize;
            if !row.contains(&c) {
                row.push(c);
            }
        }
        for &c in &row {
            triplets.push((r, c, (rng.next() >> 11) as f64 / (1u64 << 53) as f64 - 0.5));
        }
    }
    SparseMatrix::from_triplets(n, n, triplets).expect("a valid graph")
}

/// Solves and verifies a random `n` x `n` graph of `per_row` edges a row, printing the size
/// of the answer and the time it took.
fn timed(n: usize, per_row: usize, seed: u64, options: Options) -> Solution<f64> {
    let m = random_graph(n, per_row, seed);
    let t = Instant::now();
    let s = solve_sparse(&m, options).expect("a solution");
    let secs = t.elapsed().as_secs_f64();
    assert_eq!(verify_sparse(&m, &s), Ok(()));
    eprintln!(
        "{n} x {n}, {per_row} edges a row, seed {seed}, {options:?}: {} pairs, total {:.3}, {secs:.2} s",
        s.pairs().len(),
        s.total()
    );
    s
}

#[test]
fn smoke_20000_by_20000() {
    for options in [
        Options::new(Sense::Maximize),
        Options::new(Sense::Minimize).with_cardinality(Cardinality::Any),
    ] {
        let s = timed(20_000, 10, 2026, options);
        if options.cardinality() == Cardinality::Maximum {
            // 10 random edges a row leave almost no one without a partner.
            assert!(s.pairs().len() > 19_900, "{} pairs", s.pairs().len());
        }
    }
}

#[test]
#[ignore = "a timing run: cargo test --release --test sparse -- --ignored --nocapture"]
fn time_100000_by_100000() {
    // Three instances: one graph is not every graph.
    for seed in [2026, 2027, 2028] {
        for options in [
            Options::new(Sense::Maximize),
            Options::new(Sense::Minimize),
            Options::new(Sense::Maximize).with_cardinality(Cardinality::Any),
        ] {
            timed(100_000, 20, seed, options);
        }
    }
}

/// Two independent halves in one matrix: solved together (large components on the machine's
/// threads) against each half alone, one after the other.
#[test]
#[ignore = "a timing run: cargo test --release --test sparse -- --ignored --nocapture"]
fn time_two_components_of_50000() {
    let halves = [random_graph(50_000, 20, 1), random_graph(50_000, 20, 2)];
    let mut triplets = Vec::new();
    for (k, h) in halves.iter().enumerate() {
        for r in 0..h.rows() {
            triplets.extend(h.row(r).map(|(c, x)| (k * 50_000 + r, k * 50_000 + c, x)));
        }
    }
    let both = SparseMatrix::from_triplets(100_000, 100_000, triplets).expect("a valid graph");
    for options in [
        Options::new(Sense::Maximize),
        Options::new(Sense::Maximize).with_cardinality(Cardinality::Any),
    ] {
        let mut alone = 0.0;
        let mut total = 0.0;
        for h in &halves {
            let t = Instant::now();
            let s = solve_sparse(h, options).expect("a solution");
            alone += t.elapsed().as_secs_f64();
            total += s.total();
        }
        let t = Instant::now();
        let s = solve_sparse(&both, options).expect("a solution");
        let together = t.elapsed().as_secs_f64();
        assert_eq!(verify_sparse(&both, &s), Ok(()));
        assert!((s.total() - total).abs() < 1e-6 * total.abs().max(1.0));
        eprintln!(
            "two 50,000 x 50,000 components, {options:?}: together {together:.2} s, each alone \
             in turn {alone:.2} s"
        );
    }
}
