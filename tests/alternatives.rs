//! The alternatives a coordinator reviews: the k best assignments and what-if answers, against
//! a brute force that enumerates every matching of small matrices, and every error.

mod common;

use common::brute::all_matchings;
use mentor_match::MatrixError;
use mentor_match::assignment::{
    Cardinality, Cell, Change, Matrix, Options, Sense, Weight, k_best, solve_with, what_if,
};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// A matrix of up to `max x max` small integers (many ties), with some cells forbidden in
/// `sense`, and the options.
fn instances(max: usize) -> impl Strategy<Value = (Matrix<i64>, Options)> {
    (1..=max, 1..=max, common::options()).prop_flat_map(|(r, c, options)| {
        let no = match options.sense() {
            Sense::Minimize => i64::MAX,
            _ => i64::MIN,
        };
        let cell = prop_oneof![4 => -3_i64..6, 1 => Just(no)];
        proptest::collection::vec(cell, r * c)
            .prop_map(move |data| (Matrix::from_vec(r, c, data).unwrap(), options))
    })
}

/// The same shapes with float weights: tenths (sums that do not tie in binary) and a few
/// large magnitudes.
fn float_instances(max: usize) -> impl Strategy<Value = (Matrix<f64>, Options)> {
    (1..=max, 1..=max, common::options()).prop_flat_map(|(r, c, options)| {
        let no = match options.sense() {
            Sense::Minimize => f64::INFINITY,
            _ => f64::NEG_INFINITY,
        };
        let cell = prop_oneof![
            6 => (-30_i32..60).prop_map(|x| f64::from(x) / 10.0),
            1 => Just(1e12),
            1 => Just(no),
        ];
        proptest::collection::vec(cell, r * c)
            .prop_map(move |data| (Matrix::from_vec(r, c, data).unwrap(), options))
    })
}

/// Whether cell `(r, c)` of `m` may be paired under `sense`.
fn allowed<T: Weight>(m: &Matrix<T>, sense: Sense) -> impl Fn(usize, usize) -> bool + '_ {
    move |r, c| m.get(r, c).unwrap().cell(sense) == Cell::Allowed
}

/// The total of `pairs` in `f64` (exact for the small integers and tenths here, up to the
/// sums' rounding for floats).
fn total_of<T: Weight>(m: &Matrix<T>, pairs: &[(usize, usize)]) -> f64 {
    pairs
        .iter()
        .map(|&(r, c)| m.get(r, c).unwrap().to_f64())
        .sum()
}

/// Which matchings a ranking keeps.
type Keep<'a> = dyn Fn(&[(usize, usize)]) -> bool + 'a;

/// Every matching that takes part under `options` and `keep`, with its total, best first.
fn ranked<T: Weight>(
    m: &Matrix<T>,
    options: Options,
    keep: &Keep<'_>,
) -> Vec<(f64, Vec<(usize, usize)>)> {
    let all: Vec<_> = all_matchings(m.rows(), m.cols(), &allowed(m, options.sense()))
        .into_iter()
        .filter(|p| keep(p))
        .collect();
    let most = all.iter().map(Vec::len).max().unwrap_or(0);
    let mut out: Vec<_> = all
        .into_iter()
        .filter(|p| options.cardinality() == Cardinality::Any || p.len() == most)
        .map(|p| (total_of(m, &p), p))
        .collect();
    out.sort_by(|a, b| {
        let o = a.0.partial_cmp(&b.0).unwrap();
        if options.sense() == Sense::Maximize {
            o.reverse()
        } else {
            o
        }
    });
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * (1.0 + a.abs().max(b.abs()))
}

/// The k best against the brute force: the same totals in order, no repeats, every one a
/// matching of allowed cells with the right number of pairs and its own total.
fn check_k_best<T: Weight>(m: &Matrix<T>, options: Options, k: usize) -> Result<(), TestCaseError>
where
    T::Total: Into<AsF64>,
{
    let reference = ranked(m, options, &|_| true);
    let found = k_best(m, options, k).unwrap();
    prop_assert_eq!(found.len(), k.min(reference.len()));
    // The totals as reported never go the wrong way, not even by a rounding.
    for w in found.windows(2) {
        let (a, b): (f64, f64) = (w[0].total().into().0, w[1].total().into().0);
        let ordered = match options.sense() {
            Sense::Maximize => a >= b,
            _ => a <= b,
        };
        prop_assert!(ordered, "{} then {}", a, b);
    }
    let mut seen = BTreeSet::new();
    let ok = allowed(m, options.sense());
    for (rank, alt) in found.iter().enumerate() {
        prop_assert!(
            seen.insert(alt.pairs().to_vec()),
            "repeated: {:?}",
            alt.pairs()
        );
        let mut rows = BTreeSet::new();
        let mut cols = BTreeSet::new();
        for &(r, c) in alt.pairs() {
            prop_assert!(ok(r, c), "forbidden pair ({}, {})", r, c);
            prop_assert!(
                rows.insert(r) && cols.insert(c),
                "not a matching: {:?}",
                alt.pairs()
            );
        }
        let total: f64 = alt.total().into().0;
        prop_assert!(close(total, total_of(m, alt.pairs())));
        prop_assert!(
            close(total, reference[rank].0),
            "rank {}: {} against the brute force's {} ({:?})",
            rank,
            total,
            reference[rank].0,
            alt.pairs()
        );
        if options.cardinality() == Cardinality::Maximum {
            prop_assert_eq!(alt.pairs().len(), reference[0].1.len());
        }
    }
    Ok(())
}

/// A total as `f64`, whatever the weight type (test-side only).
struct AsF64(f64);
impl From<i128> for AsF64 {
    fn from(x: i128) -> Self {
        AsF64(x as f64)
    }
}
impl From<f64> for AsF64 {
    fn from(x: f64) -> Self {
        AsF64(x)
    }
}

/// What-if against the brute force: the exact new optimum under the change (most pairs first
/// under `Maximum`), the difference, the pairs formed and broken, and the bound.
fn check_what_if<T: Weight>(
    m: &Matrix<T>,
    options: Options,
    change: Change,
) -> Result<(), TestCaseError>
where
    T::Total: Into<AsF64>,
{
    let current = solve_with(m, options).unwrap();
    let (row, col) = change.cell();
    let is_allowed = allowed(m, options.sense())(row, col);
    let answer = what_if(m, &current, change);
    if let (Change::Pair { .. }, false) = (change, is_allowed) {
        prop_assert!(
            matches!(answer, Err(MatrixError::InvalidPair { .. })),
            "{:?}",
            answer
        );
        return Ok(());
    }
    let answer = answer.unwrap();
    let holds = |p: &[(usize, usize)]| {
        let has = p.contains(&(row, col));
        match change {
            Change::Pair { .. } => has,
            _ => !has,
        }
    };
    let reference = ranked(m, options, &holds);
    let best = &reference[0];
    let new = answer.optimum();
    prop_assert!(holds(new.pairs()), "{:?} breaks the change", new.pairs());
    if options.cardinality() == Cardinality::Maximum {
        // Under `Any`, pairs of weight 0 make ties of several sizes.
        prop_assert_eq!(
            new.pairs().len(),
            best.1.len(),
            "{:?} against {:?}",
            new.pairs(),
            best.1
        );
    }
    let new_total: f64 = new.total().into().0;
    prop_assert!(
        close(new_total, best.0),
        "{} against the brute force's {}",
        new_total,
        best.0
    );
    let old_total: f64 = current.total().into().0;
    let difference: f64 = answer.difference().into().0;
    // Two totals, each rounded: their difference within rounding of their size.
    let slack = 1e-12 * (1.0 + new_total.abs() + old_total.abs());
    prop_assert!((difference - (new_total - old_total)).abs() <= slack);
    // A change can only cost: exactly, in its sign, when the number of pairs stays.
    if options.cardinality() == Cardinality::Any || new.pairs().len() == current.pairs().len() {
        match options.sense() {
            Sense::Maximize => prop_assert!(difference <= 0.0, "{}", difference),
            _ => prop_assert!(difference >= 0.0, "{}", difference),
        }
    }
    for p in answer.formed() {
        prop_assert!(new.pairs().contains(p) && !current.pairs().contains(p));
    }
    for p in answer.broken() {
        prop_assert!(current.pairs().contains(p) && !new.pairs().contains(p));
    }
    let kept = current.pairs().len() - answer.broken().len();
    prop_assert_eq!(kept + answer.formed().len(), new.pairs().len());
    match (change, answer.bound()) {
        (Change::Pair { .. }, Some(bound)) => {
            let bound: f64 = bound.into().0;
            let same_count = new.pairs().len() == current.pairs().len();
            if options.cardinality() == Cardinality::Any || same_count {
                // The bound is one float sum of totals and potentials: rounding of their size.
                let scale: f64 = (0..m.rows())
                    .flat_map(|r| (0..m.cols()).map(move |c| (r, c)))
                    .filter(|&(r, c)| allowed(m, options.sense())(r, c))
                    .map(|(r, c)| m.get(r, c).unwrap().to_f64().abs())
                    .sum();
                let slack = 1e-9 * (1.0 + scale);
                match options.sense() {
                    Sense::Maximize => prop_assert!(new_total <= bound + slack),
                    _ => prop_assert!(new_total >= bound - slack),
                }
            }
        }
        (Change::Never { .. }, None) => {}
        other => prop_assert!(false, "bound {:?}", other),
    }
    Ok(())
}

fn changes(rows: usize, cols: usize) -> impl Strategy<Value = Change> {
    (0..rows, 0..cols, any::<bool>()).prop_map(|(row, col, pair)| {
        if pair {
            Change::Pair { row, col }
        } else {
            Change::Never { row, col }
        }
    })
}

proptest! {
    #![proptest_config(common::config(300))]

    #[test]
    fn k_best_integers_match_the_brute_force((m, options) in instances(5), k in 1_usize..40) {
        check_k_best(&m, options, k)?;
    }

    #[test]
    fn k_best_floats_match_the_brute_force((m, options) in float_instances(4), k in 1_usize..30) {
        check_k_best(&m, options, k)?;
    }

    #[test]
    fn what_if_integers_match_the_brute_force(
        (m, options, change) in instances(5).prop_flat_map(|(m, o)| {
            let (r, c) = (m.rows(), m.cols());
            (Just(m), Just(o), changes(r, c))
        })
    ) {
        check_what_if(&m, options, change)?;
    }

    #[test]
    fn what_if_floats_match_the_brute_force(
        (m, options, change) in float_instances(4).prop_flat_map(|(m, o)| {
            let (r, c) = (m.rows(), m.cols());
            (Just(m), Just(o), changes(r, c))
        })
    ) {
        check_what_if(&m, options, change)?;
    }
}

proptest! {
    #![proptest_config(common::config(60))]

    /// Beyond the brute force's reach: whole numbers as floats (each part started from its
    /// parent's potentials, waiting with a reduced-cost bound) and as integers (each part
    /// solved afresh) give the same totals in the same order.
    #[test]
    fn k_best_from_potentials_agrees_with_fresh_solves(
        n in 6_usize..12,
        cells in proptest::collection::vec(0_i64..30, 144),
        maximise in any::<bool>(),
        k in 1_usize..40,
    ) {
        let ints = Matrix::from_vec(n, n, cells[..n * n].to_vec()).unwrap();
        let floats = Matrix::from_vec(n, n, cells[..n * n].iter().map(|&x| x as f64).collect()).unwrap();
        let sense = if maximise { Sense::Maximize } else { Sense::Minimize };
        let options = Options::new(sense);
        let a: Vec<f64> = k_best(&ints, options, k).unwrap().iter().map(|x| x.total() as f64).collect();
        let b: Vec<f64> = k_best(&floats, options, k).unwrap().iter().map(|x| x.total()).collect();
        prop_assert_eq!(a, b);
    }
}

#[test]
fn k_best_of_zero_is_empty_and_enumerates_everything_at_most() {
    let m = Matrix::from_vec(2, 2, vec![1_i64, 2, 3, 4]).unwrap();
    let options = Options::new(Sense::Maximize);
    assert!(k_best(&m, options, 0).unwrap().is_empty());
    // Two perfect assignments, and a huge k asks for no memory up front.
    let all = k_best(&m, options, usize::MAX).unwrap();
    let totals: Vec<i128> = all.iter().map(|a| a.total()).collect();
    assert_eq!(totals, [5, 5]);
    // Under `Any`, every matching: 2 of two pairs, 4 of one, the empty one.
    let any = k_best(&m, options.with_cardinality(Cardinality::Any), usize::MAX).unwrap();
    let totals: Vec<i128> = any.iter().map(|a| a.total()).collect();
    assert_eq!(totals, [5, 5, 4, 3, 2, 1, 0]);
    assert!(any.last().unwrap().pairs().is_empty());
}

#[test]
fn k_best_refuses_what_the_engine_refuses() {
    let m = Matrix::from_vec(1, 2, vec![1.0, f64::NEG_INFINITY]).unwrap();
    assert!(matches!(
        k_best(&m, Options::new(Sense::Minimize), 3),
        Err(MatrixError::InvalidWeight { row: 0, col: 1, .. })
    ));
}

#[test]
fn what_if_names_the_cell_at_fault() {
    let m = Matrix::from_vec(2, 2, vec![1_i64, i64::MAX, 3, 4]).unwrap();
    let best = solve_with(&m, Options::new(Sense::Minimize)).unwrap();
    let outside = what_if(&m, &best, Change::Never { row: 2, col: 0 });
    assert!(matches!(
        outside,
        Err(MatrixError::InvalidPair {
            junior: 2,
            senior: 0,
            ..
        })
    ));
    let forbidden = what_if(&m, &best, Change::Pair { row: 0, col: 1 });
    assert!(matches!(
        forbidden,
        Err(MatrixError::InvalidPair {
            junior: 0,
            senior: 1,
            ..
        })
    ));
    // Never pairing a forbidden cell changes nothing.
    let never = what_if(&m, &best, Change::Never { row: 0, col: 1 }).unwrap();
    assert_eq!(never.difference(), 0);
    assert!(never.formed().is_empty() && never.broken().is_empty());
}

#[test]
fn what_if_refuses_the_optimum_of_a_matrix_of_another_shape() {
    // The optimum of a 2 x 3 matrix pairs column 2, which a 2 x 2 matrix lacks.
    let wide = Matrix::from_vec(2, 3, vec![5_i64, 5, 0, 0, 5, 5]).unwrap();
    let best = solve_with(&wide, Options::new(Sense::Minimize)).unwrap();
    let square = Matrix::from_vec(2, 2, vec![1_i64, 2, 3, 4]).unwrap();
    let floats = Matrix::from_vec(2, 2, vec![1.5, 2.0, 3.0, 4.0]).unwrap();
    let float_best = solve_with(
        &Matrix::from_vec(2, 3, vec![5.0, 5.0, 0.0, 0.0, 5.0, 5.5]).unwrap(),
        Options::new(Sense::Minimize),
    )
    .unwrap();
    for change in [
        Change::Never { row: 0, col: 0 },
        Change::Pair { row: 1, col: 1 },
    ] {
        let err = what_if(&square, &best, change).unwrap_err();
        assert!(matches!(err, MatrixError::NotOptimum(_)), "{err}");
        let err = what_if(&floats, &float_best, change).unwrap_err();
        assert!(matches!(err, MatrixError::NotOptimum(_)), "{err}");
    }
}

#[test]
fn what_if_refuses_the_optimum_of_another_matrix() {
    let m = Matrix::from_vec(2, 2, vec![1_i64, 5, 5, 1]).unwrap();
    let other = Matrix::from_vec(2, 2, vec![1_i64, 0, 0, 1]).unwrap();
    let best = solve_with(&m, Options::new(Sense::Minimize)).unwrap();
    let err = what_if(&other, &best, Change::Never { row: 0, col: 0 }).unwrap_err();
    assert!(matches!(err, MatrixError::NotOptimum(_)), "{err}");
    assert!(err.to_string().contains("not a proved optimum"), "{err}");
}
