//! Integration tests of the exact assignment engine (`mentor_match::assignment`).
//!
//! - Property tests against a brute-force reference that enumerates every partial matching of
//!   matrices up to 7 x 7 (both senses, both cardinality rules, forbidden cells, `f64` and
//!   `i64`), checking the pair count, the total, the certificate, the validity of the pairs and
//!   the unassigned lists, transposition and determinism.
//! - Property tests against `pathfinding::kuhn_munkres` on integer matrices up to 64 x 64.
//! - Unit tests of edge cases and of every error.
//!
//! Each property runs a fixed number of cases; `PROPTEST_CASES=20000 cargo test --test
//! assignment` hunts longer.

mod common;
use common::brute::each_matching;
use common::{cardinalities, config, options, senses};
use mentor_match::Error;
use mentor_match::MatrixError;
use mentor_match::assignment::{
    Cardinality, CertificateError, Matrix, Options, Sense, Solution, Weight, solve, solve_with,
    verify,
};
use proptest::prelude::*;
use proptest::sample::select;
use std::fmt::Debug;

// ---------------------------------------------------------------------------------------------
// The brute-force reference
// ---------------------------------------------------------------------------------------------

/// What the reference needs of a weight type, written independently of the engine.
trait Reference: Weight {
    /// The cell's value as a total, or `None` when the cell is forbidden under `sense`.
    fn value(self, sense: Sense) -> Option<Self::Total>;
    /// The zero total.
    fn zero() -> Self::Total;
    /// Whether two totals agree: exactly for integers, within `tol` for floats.
    fn close(a: Self::Total, b: Self::Total, tol: f64) -> bool;
    /// The total as `f64`, for tolerances.
    fn magnitude(self) -> f64;
    /// Whether the engine solves the value exactly: every `i64`, and whole `f64` values of at
    /// most 2^53 in magnitude.
    fn exact(self) -> bool;
    /// The forbidden sentinel under `sense`.
    fn forbidden(sense: Sense) -> Self;
}

impl Reference for f64 {
    fn value(self, sense: Sense) -> Option<f64> {
        match sense {
            Sense::Minimize if self == f64::INFINITY => None,
            Sense::Maximize if self == f64::NEG_INFINITY => None,
            _ => Some(self),
        }
    }
    fn zero() -> f64 {
        0.0
    }
    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }
    fn magnitude(self) -> f64 {
        if self.is_finite() { self.abs() } else { 0.0 }
    }
    fn exact(self) -> bool {
        self.fract() == 0.0 && self.abs() <= 9_007_199_254_740_992.0
    }
    fn forbidden(sense: Sense) -> f64 {
        match sense {
            Sense::Minimize => f64::INFINITY,
            Sense::Maximize => f64::NEG_INFINITY,
        }
    }
}

impl Reference for i64 {
    fn value(self, sense: Sense) -> Option<i128> {
        match sense {
            Sense::Minimize if self == i64::MAX => None,
            Sense::Maximize if self == i64::MIN => None,
            _ => Some(i128::from(self)),
        }
    }
    fn zero() -> i128 {
        0
    }
    fn close(a: i128, b: i128, _tol: f64) -> bool {
        a == b
    }
    fn magnitude(self) -> f64 {
        (self as f64).abs()
    }
    fn exact(self) -> bool {
        true
    }
    fn forbidden(sense: Sense) -> i64 {
        match sense {
            Sense::Minimize => i64::MAX,
            Sense::Maximize => i64::MIN,
        }
    }
}

/// Whether total `a` is strictly better than `b` under `sense`.
fn better<S: PartialOrd>(sense: Sense, a: S, b: S) -> bool {
    match sense {
        Sense::Minimize => a < b,
        Sense::Maximize => a > b,
    }
}

/// The best total of the matchings with exactly `k` pairs, for every `k` (`None`: no matching
/// of that size uses only allowed cells). Enumerates every partial matching.
fn brute_force<T: Reference>(m: &Matrix<T>, sense: Sense) -> Vec<Option<T::Total>> {
    let cols = m.cols();
    let cells: Vec<Option<T::Total>> = m.as_slice().iter().map(|x| x.value(sense)).collect();
    let mut best = vec![None; m.rows().min(cols) + 1];
    each_matching(
        m.rows(),
        cols,
        &|r, c| cells[r * cols + c].is_some(),
        &mut |pairs| {
            // Added in row order from zero, as a solver's total is.
            let sum = pairs
                .iter()
                .fold(T::zero(), |a, &(r, c)| a + cells[r * cols + c].unwrap());
            let k = pairs.len();
            if best[k].is_none_or(|b| better(sense, sum, b)) {
                best[k] = Some(sum);
            }
        },
    );
    best
}

/// The optimum the reference finds under `cardinality`: the pair count (the largest possible
/// for `Maximum`; `None` for `Any`, whose count is not unique under ties) and the total.
fn reference<T: Reference>(
    best: &[Option<T::Total>],
    sense: Sense,
    cardinality: Cardinality,
) -> (Option<usize>, T::Total) {
    match cardinality {
        Cardinality::Maximum => {
            let k = best
                .iter()
                .rposition(Option::is_some)
                .expect("k = 0 always");
            (Some(k), best[k].expect("found"))
        }
        _ => {
            let total = best
                .iter()
                .flatten()
                .fold(T::zero(), |a, &x| if better(sense, x, a) { x } else { a });
            (None, total)
        }
    }
}

fn transpose<T: Weight>(m: &Matrix<T>) -> Matrix<T> {
    Matrix::from_fn(m.cols(), m.rows(), |r, c| m.get(c, r).expect("in range")).expect("valid")
}

/// The tolerance for comparing `f64` totals of `m`: 1e-9 relative to the largest finite weight,
/// per pair.
fn tolerance<T: Reference>(m: &Matrix<T>) -> f64 {
    let scale = m
        .as_slice()
        .iter()
        .fold(1.0f64, |a, &x| a.max(x.magnitude()));
    1e-9 * scale * (m.rows().min(m.cols()).max(1) as f64)
}

/// The size of a maximum matching on the allowed cells, by Kuhn's augmenting paths.
fn maximum_matching<T: Reference>(m: &Matrix<T>, sense: Sense) -> usize {
    fn augment<T: Reference>(
        m: &Matrix<T>,
        sense: Sense,
        row: usize,
        seen: &mut [bool],
        row_of: &mut [Option<usize>],
    ) -> bool {
        for col in 0..m.cols() {
            let allowed = m.get(row, col).and_then(|x| x.value(sense)).is_some();
            if allowed && !seen[col] {
                seen[col] = true;
                if row_of[col].is_none_or(|r| augment(m, sense, r, seen, row_of)) {
                    row_of[col] = Some(row);
                    return true;
                }
            }
        }
        false
    }
    let mut row_of = vec![None; m.cols()];
    (0..m.rows())
        .filter(|&row| augment(m, sense, row, &mut vec![false; m.cols()], &mut row_of))
        .count()
}

/// Solves `m` and checks the solution: valid pairs and unassigned lists, the most pairs
/// possible under `Maximum`, no pair that loses under `Any`, the certificate, and, when the
/// brute-force reference `best` is given (for `m` or its transpose: it is the same), the pair
/// count and the total.
fn check<T: Reference>(
    m: &Matrix<T>,
    options: Options,
    best: Option<&[Option<T::Total>]>,
) -> Result<Solution<T>, TestCaseError> {
    let sense = options.sense();
    let s = solve_with(m, options).map_err(|e| TestCaseError::fail(format!("solve: {e}")))?;
    let tol = tolerance(m);

    // Valid pairs: inside, allowed, sorted by row, rows and columns distinct.
    let mut row_used = vec![false; m.rows()];
    let mut col_used = vec![false; m.cols()];
    let mut sum = T::zero();
    for (k, &(r, c)) in s.pairs().iter().enumerate() {
        prop_assert!(r < m.rows() && c < m.cols(), "pair {:?} outside", (r, c));
        if k > 0 {
            prop_assert!(s.pairs()[k - 1].0 < r, "pairs not sorted: {:?}", s.pairs());
        }
        prop_assert!(!col_used[c], "column {} used twice: {:?}", c, s.pairs());
        row_used[r] = true;
        col_used[c] = true;
        let x = m.get(r, c).expect("inside");
        let value = x.value(sense);
        prop_assert!(value.is_some(), "pair {:?} on a forbidden cell", (r, c));
        sum = sum + value.expect("allowed");
    }
    let complement =
        |used: &[bool]| -> Vec<usize> { (0..used.len()).filter(|&k| !used[k]).collect() };
    prop_assert_eq!(s.unassigned_rows(), &complement(&row_used)[..]);
    prop_assert_eq!(s.unassigned_cols(), &complement(&col_used)[..]);
    prop_assert_eq!(s.row_potentials().len(), m.rows());
    prop_assert_eq!(s.col_potentials().len(), m.cols());
    prop_assert!(
        T::close(s.total(), sum, tol),
        "total {:?} is not the sum of the pairs {:?}",
        s.total(),
        sum
    );

    // Optimal: as many pairs as possible (Maximum) and the reference's total.
    if options.cardinality() == Cardinality::Maximum {
        let most = maximum_matching(m, sense);
        prop_assert_eq!(
            s.pairs().len(),
            most,
            "not a maximum matching: {:?}",
            s.pairs()
        );
    }
    if let Some(best) = best {
        let (count, total) = reference::<T>(best, sense, options.cardinality());
        if let Some(count) = count {
            prop_assert_eq!(s.pairs().len(), count, "pair count; pairs {:?}", s.pairs());
        }
        prop_assert!(
            T::close(s.total(), total, tol),
            "total {:?}, the reference finds {:?} (pairs {:?})",
            s.total(),
            total,
            s.pairs()
        );
    }
    if options.cardinality() == Cardinality::Any {
        // No pair makes the total worse than leaving its row and column out.
        let exact = m
            .as_slice()
            .iter()
            .all(|&x| x.value(sense).is_none() || x.exact());
        for &(r, c) in s.pairs() {
            let x = m.get(r, c).expect("inside").value(sense).expect("allowed");
            // Off the exact path, a loss within rounding of 0 can still be part of an optimum.
            let loses = better(sense, T::zero(), x);
            let worse = loses && (exact || !T::close(x, T::zero(), tol));
            prop_assert!(!worse, "Any formed pair {:?} worth {:?}", (r, c), x);
        }
    }

    // The certificate.
    prop_assert_eq!(verify(m, &s), Ok(()), "pairs {:?}", s.pairs());
    Ok(s)
}

/// Solving `m` and a clone of it gives the same solution.
fn same_solution_twice<T: Weight>(m: &Matrix<T>, options: Options) -> Result<(), TestCaseError>
where
    Solution<T>: PartialEq + Debug,
{
    let a = solve_with(m, options).expect("valid");
    let b = solve_with(&m.clone(), options).expect("valid");
    prop_assert_eq!(a.pairs(), b.pairs());
    prop_assert_eq!(&a, &b);
    Ok(())
}

/// The full check on `m` and on its transpose (against the brute force when `brute`), plus
/// determinism.
fn check_all<T: Reference>(
    m: &Matrix<T>,
    options: Options,
    brute: bool,
) -> Result<(), TestCaseError> {
    let best = brute.then(|| brute_force(m, options.sense()));
    let s = check(m, options, best.as_deref())?;
    let again = solve_with(m, options).expect("solved once");
    prop_assert_eq!(&again, &s, "two solves differ");
    let t = check(&transpose(m), options, best.as_deref())?;
    // Transposing changes neither the best total nor, under Maximum, the pair count.
    prop_assert!(
        T::close(t.total(), s.total(), tolerance(m)),
        "transposed total {:?} vs {:?}",
        t.total(),
        s.total()
    );
    if options.cardinality() == Cardinality::Maximum {
        prop_assert_eq!(t.pairs().len(), s.pairs().len());
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------------

/// A matrix before the sense is known: `None` is a forbidden cell.
#[derive(Debug, Clone)]
struct Grid<V> {
    rows: usize,
    cols: usize,
    cells: Vec<Option<V>>,
}

impl<V: Reference> Grid<V> {
    fn matrix(&self, sense: Sense) -> Matrix<V> {
        let data = self
            .cells
            .iter()
            .map(|x| x.unwrap_or_else(|| V::forbidden(sense)))
            .collect();
        Matrix::from_vec(self.rows, self.cols, data).expect("valid grid")
    }
}

/// Grids of every shape from 0 x 0 to `max x max`: one value distribution per matrix (so small
/// integer ones have many ties), forbidden cells from none to all, and sometimes whole rows and
/// columns forbidden.
fn grid<V: Clone + Debug + 'static>(
    max: usize,
    values: fn(u8) -> BoxedStrategy<V>,
    distributions: u8,
) -> impl Strategy<Value = Grid<V>> {
    let shape = (0..=max, 0..=max, 0..distributions);
    let density = select(vec![1.0, 1.0, 1.0, 0.85, 0.6, 0.35, 0.15, 0.0]);
    let dead = select(vec![0.0, 0.0, 0.0, 0.25]);
    (shape, density, dead)
        .prop_flat_map(move |((rows, cols, d), density, dead)| {
            (
                Just(rows),
                Just(cols),
                prop::collection::vec((prop::bool::weighted(density), values(d)), rows * cols),
                prop::collection::vec(prop::bool::weighted(dead), rows),
                prop::collection::vec(prop::bool::weighted(dead), cols),
            )
        })
        .prop_map(|(rows, cols, cells, dead_rows, dead_cols)| {
            let cells = cells
                .into_iter()
                .enumerate()
                .map(|(k, (allowed, x))| {
                    (allowed && !dead_rows[k / cols] && !dead_cols[k % cols]).then_some(x)
                })
                .collect();
            Grid { rows, cols, cells }
        })
}

const TERA: i64 = 1_000_000_000_000;

/// Values whose ranges fall at the edges of the narrow integer types the engine stores in.
const STORAGE_EDGES: [i64; 14] = [
    -1,
    0,
    1,
    253,
    254,
    255,
    256,
    65_533,
    65_534,
    65_535,
    65_536,
    4_294_967_294,
    4_294_967_295,
    4_294_967_296,
];

fn i64_values(d: u8) -> BoxedStrategy<i64> {
    match d {
        0 => (0i64..=3).boxed(),
        1 => (-4i64..=4).boxed(),
        2 => (-1_000_000i64..=1_000_000).boxed(),
        3 => prop_oneof![Just(-TERA), Just(TERA), -TERA..=TERA, -5i64..=5].boxed(),
        4 => prop_oneof![
            Just(i64::MIN),
            Just(i64::MIN + 1),
            Just(i64::MAX - 1),
            Just(i64::MAX),
            -2i64..=2,
            any::<i64>(),
        ]
        .boxed(),
        5 => (0i64..=1000).boxed(),
        // Ranges at the edges of the engine's 1-, 2- and 4-byte storage.
        6 => select(STORAGE_EDGES.to_vec()).boxed(),
        _ => prop_oneof![
            0i64..=3,
            -TERA..=TERA,
            Just(i64::MAX - 1),
            Just(i64::MIN + 1)
        ]
        .boxed(),
    }
}

fn f64_values(d: u8) -> BoxedStrategy<f64> {
    let tera = TERA as f64;
    match d {
        0 => (0i32..=3).prop_map(f64::from).boxed(),
        1 => (-4i32..=4).prop_map(f64::from).boxed(),
        // Not whole: the floating-point path.
        2 => (-100.0f64..100.0).boxed(),
        3 => (-40i32..=40).prop_map(|x| f64::from(x) / 8.0).boxed(),
        4 => prop_oneof![
            Just(-tera),
            Just(tera),
            Just(tera + 0.5),
            -tera..tera,
            (-5i32..=5).prop_map(f64::from),
        ]
        .boxed(),
        // Whole numbers beyond 2^53: not exact integers, so the floating-point path.
        5 => prop_oneof![Just(1e17), Just(-3e17), (-5i32..=5).prop_map(f64::from)].boxed(),
        6 => select(STORAGE_EDGES.map(|x| x as f64).to_vec()).boxed(),
        7 => (0i32..=1000).prop_map(f64::from).boxed(),
        _ => prop_oneof![Just(-0.0), Just(tera), (-3i32..=3).prop_map(f64::from)].boxed(),
    }
}

/// An integer and a float matrix of up to `max x max` (as [`grid`] makes them) and the options
/// both are solved under.
fn matrices(max: usize) -> impl Strategy<Value = (Matrix<i64>, Matrix<f64>, Options)> {
    (
        grid(max, i64_values, 8),
        grid(max, f64_values, 9),
        options(),
    )
        .prop_map(|(g, h, options)| {
            (
                g.matrix(options.sense()),
                h.matrix(options.sense()),
                options,
            )
        })
}

// ---------------------------------------------------------------------------------------------
// Properties against the brute force
// ---------------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(256))]

    /// Both weight types against the brute force; a failure names the type.
    #[test]
    fn i64_and_f64_match_brute_force((g, h, options) in matrices(7)) {
        let named = |what: &'static str| move |e| TestCaseError::fail(format!("{what}: {e}"));
        check_all(&g, options, true).map_err(named("i64"))?;
        check_all(&h, options, true).map_err(named("f64"))?;
    }

    #[test]
    fn solving_twice_gives_the_same_solution((g, h, options) in matrices(7)) {
        same_solution_twice(&g, options)?;
        same_solution_twice(&h, options)?;
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// Beyond the brute force's reach: the certificate proves the total optimal among
    /// assignments with as many pairs, and Kuhn's algorithm that there are as many as possible.
    #[test]
    fn larger_matrices_are_certified((g, h, options) in matrices(40)) {
        check_all(&g, options, false)?;
        check_all(&h, options, false)?;
    }
}

// ---------------------------------------------------------------------------------------------
// Properties against pathfinding's Kuhn–Munkres
// ---------------------------------------------------------------------------------------------

/// A wide integer matrix (`rows <= cols`, up to 64 x 64) and its values, row-major.
fn wide(max: usize) -> impl Strategy<Value = (usize, usize, Vec<i64>)> {
    (1..=max, 0..=max, prop::bool::ANY).prop_flat_map(move |(rows, extra, ties)| {
        let cols = (rows + extra).min(max);
        let values = if ties {
            (0i64..=3).boxed()
        } else {
            (-1_000_000i64..=1_000_000).boxed()
        };
        (
            Just(rows),
            Just(cols),
            prop::collection::vec(values, rows * cols),
        )
    })
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn agrees_with_kuhn_munkres((rows, cols, data) in wide(64)) {
        let weights = pathfinding::matrix::Matrix::from_vec(rows, cols, data.clone())
            .expect("valid");
        let (most, _) = pathfinding::kuhn_munkres::kuhn_munkres(&weights);
        let (least, _) = pathfinding::kuhn_munkres::kuhn_munkres_min(&weights);

        let m = Matrix::from_vec(rows, cols, data).expect("valid");
        let t = transpose(&m);
        for (matrix, what) in [(&m, "wide"), (&t, "tall (transposed)")] {
            for (sense, expected) in [(Sense::Maximize, most), (Sense::Minimize, least)] {
                let s = solve(matrix, sense).expect("valid");
                prop_assert_eq!(s.total(), i128::from(expected), "{} {:?}", what, sense);
                prop_assert_eq!(s.pairs().len(), rows);
                prop_assert_eq!(verify(matrix, &s), Ok(()));
            }
        }

        // The same matrices as f64, whole (exact integer path) and shifted by 0.5 (floating
        // point path): every full assignment gains rows / 2.
        let half = rows as f64 / 2.0;
        for shift in [0.0, 0.5] {
            let f = Matrix::from_fn(rows, cols, |r, c| m.get(r, c).expect("in") as f64 + shift)
                .expect("valid");
            let ft = transpose(&f);
            for matrix in [&f, &ft] {
                for (sense, expected) in [(Sense::Maximize, most), (Sense::Minimize, least)] {
                    let s = solve(matrix, sense).expect("valid");
                    let expected = expected as f64 + if shift > 0.0 { half } else { 0.0 };
                    prop_assert!(
                        (s.total() - expected).abs() <= 1e-9 * expected.abs().max(1.0),
                        "f64 shift {} {:?}: {} vs {}", shift, sense, s.total(), expected
                    );
                    prop_assert_eq!(verify(matrix, &s), Ok(()));
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Edge cases
// ---------------------------------------------------------------------------------------------

/// Every combination of sense and cardinality.
fn all_options() -> Vec<Options> {
    let mut out = Vec::new();
    for cardinality in [Cardinality::Maximum, Cardinality::Any] {
        for sense in [Sense::Minimize, Sense::Maximize] {
            out.push(Options::new(sense).with_cardinality(cardinality));
        }
    }
    out
}

fn solved<T: Weight>(m: &Matrix<T>, options: Options) -> Solution<T> {
    let s = solve_with(m, options).expect("valid matrix");
    assert_eq!(verify(m, &s), Ok(()), "certificate of {:?}", s);
    s
}

#[test]
fn empty_matrices_have_empty_solutions() {
    for options in all_options() {
        for (rows, cols) in [(0, 0), (0, 4), (3, 0)] {
            let m = Matrix::<i64>::from_vec(rows, cols, vec![]).unwrap();
            let s = solved(&m, options);
            assert!(s.pairs().is_empty());
            assert_eq!(s.total(), 0);
            assert_eq!(s.unassigned_rows(), (0..rows).collect::<Vec<_>>());
            assert_eq!(s.unassigned_cols(), (0..cols).collect::<Vec<_>>());
            assert_eq!(s.row_potentials().len(), rows);
            assert_eq!(s.col_potentials().len(), cols);

            let m = Matrix::<f64>::from_fn(rows, cols, |_, _| 1.0).unwrap();
            let s = solved(&m, options);
            assert!(s.pairs().is_empty());
            assert_eq!(s.total(), 0.0);
            assert_eq!(s.unassigned_rows().len(), rows);
            assert_eq!(s.unassigned_cols().len(), cols);
        }
    }
}

#[test]
fn one_by_one() {
    let m = Matrix::from_vec(1, 1, vec![5_i64]).unwrap();
    for sense in [Sense::Minimize, Sense::Maximize] {
        let s = solved(&m, Options::new(sense));
        assert_eq!(s.pairs(), &[(0, 0)]);
        assert_eq!(s.total(), 5);
        assert!(s.unassigned_rows().is_empty() && s.unassigned_cols().is_empty());
    }
    // With Any, a cost of 5 is not worth paying; a gain of 5 is worth taking.
    let any = |sense| Options::new(sense).with_cardinality(Cardinality::Any);
    let s = solved(&m, any(Sense::Minimize));
    assert!(s.pairs().is_empty());
    assert_eq!(s.total(), 0);
    assert_eq!(
        (s.unassigned_rows(), s.unassigned_cols()),
        (&[0][..], &[0][..])
    );
    assert_eq!(solved(&m, any(Sense::Maximize)).pairs(), &[(0, 0)]);
    let m = Matrix::from_vec(1, 1, vec![-5.5]).unwrap();
    assert_eq!(solved(&m, any(Sense::Minimize)).total(), -5.5);
    assert!(solved(&m, any(Sense::Maximize)).pairs().is_empty());
    assert_eq!(solved(&m, Options::new(Sense::Maximize)).total(), -5.5);
    // Forbidden.
    let m = Matrix::from_vec(1, 1, vec![f64::INFINITY]).unwrap();
    let s = solved(&m, Options::new(Sense::Minimize));
    assert!(s.pairs().is_empty());
    assert_eq!(s.total(), 0.0);
    assert_eq!(s.unassigned_rows(), &[0]);
}

#[test]
fn all_equal() {
    for (rows, cols) in [(4, 4), (3, 5), (5, 3), (1, 6)] {
        let m = Matrix::from_vec(rows, cols, vec![7_i64; rows * cols]).unwrap();
        let n = rows.min(cols);
        for sense in [Sense::Minimize, Sense::Maximize] {
            let s = solved(&m, Options::new(sense));
            assert_eq!(s.pairs().len(), n);
            assert_eq!(s.total(), 7 * n as i128);
            assert_eq!(
                s.unassigned_rows().len() + s.unassigned_cols().len(),
                rows + cols - 2 * n
            );
        }
        let f = Matrix::from_vec(rows, cols, vec![0.3; rows * cols]).unwrap();
        let s = solved(&f, Options::new(Sense::Maximize));
        assert_eq!(s.pairs().len(), n);
        assert!((s.total() - 0.3 * n as f64).abs() < 1e-12);
    }
    // Ties follow a fixed rule (module docs): the same matrix gives the same pairs, also when
    // solved from an independent copy.
    let m = Matrix::from_vec(3, 5, vec![7_i64; 15]).unwrap();
    let first = solved(&m, Options::new(Sense::Minimize));
    let copy = Matrix::from_vec(3, 5, m.as_slice().to_vec()).unwrap();
    assert_eq!(
        first.pairs(),
        solved(&copy, Options::new(Sense::Minimize)).pairs()
    );
    assert_eq!(first.pairs().len(), 3);
}

#[test]
fn all_forbidden() {
    let check = |s: Solution<f64>, rows: usize, cols: usize| {
        assert!(s.pairs().is_empty());
        assert_eq!(s.total(), 0.0);
        assert_eq!(s.unassigned_rows(), (0..rows).collect::<Vec<_>>());
        assert_eq!(s.unassigned_cols(), (0..cols).collect::<Vec<_>>());
    };
    for (rows, cols) in [(3, 4), (4, 3), (3, 3)] {
        for options in all_options() {
            let sense = options.sense();
            let m = Matrix::from_vec(rows, cols, vec![f64::forbidden(sense); rows * cols]).unwrap();
            check(solved(&m, options), rows, cols);
            let m = Matrix::from_vec(rows, cols, vec![i64::forbidden(sense); rows * cols]).unwrap();
            let s = solved(&m, options);
            assert!(s.pairs().is_empty());
            assert_eq!(s.total(), 0);
            assert_eq!(s.unassigned_rows().len(), rows);
        }
    }
}

#[test]
fn a_single_allowed_cell_per_row() {
    const F: i64 = i64::MAX;
    // Row i may only go to column perm[i]; the costs would prefer otherwise.
    let perm = [2, 0, 3, 1];
    let m = Matrix::from_fn(4, 5, |r, c| if perm[r] == c { 100 + r as i64 } else { F }).unwrap();
    let s = solved(&m, Options::new(Sense::Minimize));
    assert_eq!(s.pairs(), &[(0, 2), (1, 0), (2, 3), (3, 1)]);
    assert_eq!(s.total(), 100 + 101 + 102 + 103);
    assert_eq!(s.unassigned_cols(), &[4]);

    // Three rows that all need column 1: only one can have it, the cheapest; row 3 is free.
    let m = Matrix::from_vec(4, 3, vec![F, 9, F, F, 4, F, F, 6, F, 1, F, F]).unwrap();
    let s = solved(&m, Options::new(Sense::Minimize));
    assert_eq!(s.pairs(), &[(1, 1), (3, 0)]);
    assert_eq!(s.total(), 5);
    assert_eq!(s.unassigned_rows(), &[0, 2]);
    assert_eq!(s.unassigned_cols(), &[2]);
}

/// Rows that cannot all be assigned: the assigned ones must be the best among the maximum
/// matchings, whichever row comes first.
#[test]
fn deficient_rows_get_the_best_total() {
    const F: i64 = i64::MAX;
    let m = Matrix::from_vec(2, 2, vec![5_i64, F, 1, F]).unwrap();
    let s = solved(&m, Options::new(Sense::Minimize));
    assert_eq!((s.pairs(), s.total()), (&[(1, 0)][..], 1));

    let inf = f64::INFINITY;
    let m = Matrix::from_vec(2, 2, vec![5.0, inf, 1.0, inf]).unwrap();
    let s = solved(&m, Options::new(Sense::Minimize));
    assert_eq!((s.pairs(), s.total()), (&[(1, 0)][..], 1.0));

    let m = Matrix::from_vec(2, 2, vec![5.5, inf, 1.5, inf]).unwrap();
    let s = solved(&m, Options::new(Sense::Minimize));
    assert_eq!((s.pairs(), s.total()), (&[(1, 0)][..], 1.5));

    // Mirrored for maximisation, and with the rows the other way round.
    let m = Matrix::from_vec(2, 2, vec![-5_i64, i64::MIN, -1, i64::MIN]).unwrap();
    let s = solved(&m, Options::new(Sense::Maximize));
    assert_eq!((s.pairs(), s.total()), (&[(1, 0)][..], -1));
    let m = Matrix::from_vec(2, 2, vec![1_i64, F, 5, F]).unwrap();
    let s = solved(&m, Options::new(Sense::Minimize));
    assert_eq!((s.pairs(), s.total()), (&[(0, 0)][..], 1));
}

#[test]
fn duplicate_rows() {
    let m = Matrix::from_vec(3, 3, [1_i64, 2, 3].repeat(3)).unwrap();
    for sense in [Sense::Minimize, Sense::Maximize] {
        let s = solved(&m, Options::new(sense));
        assert_eq!(s.total(), 6);
        assert_eq!(s.pairs().len(), 3);
    }
    // Four identical rows, three columns: one row is left out.
    let m = Matrix::from_vec(4, 3, [1.0, 2.0, 4.0].repeat(4)).unwrap();
    let s = solved(&m, Options::new(Sense::Minimize));
    assert_eq!(s.total(), 7.0);
    assert_eq!(s.unassigned_rows().len(), 1);
    assert!(s.unassigned_cols().is_empty());
    // Identical rows where one cell is cheap in each column.
    let m = Matrix::from_vec(3, 2, vec![3_i64, 8, 3, 8, 3, 8]).unwrap();
    let s = solved(&m, Options::new(Sense::Minimize));
    assert_eq!(s.total(), 11);
    assert_eq!(s.unassigned_rows().len(), 1);
}

#[test]
fn tall_and_wide() {
    // 2 x 5: row 0 best at column 3, row 1 best at column 3 too but second best is cheap.
    let wide = Matrix::from_vec(2, 5, vec![9_i64, 8, 7, 1, 9, 9, 2, 9, 0, 9]).unwrap();
    let s = solved(&wide, Options::new(Sense::Minimize));
    assert_eq!(s.pairs(), &[(0, 3), (1, 1)]);
    assert_eq!(s.total(), 3);
    assert_eq!(s.unassigned_cols(), &[0, 2, 4]);
    assert!(s.unassigned_rows().is_empty());

    let tall = transpose(&wide);
    let s = solved(&tall, Options::new(Sense::Minimize));
    assert_eq!(s.pairs(), &[(1, 1), (3, 0)]);
    assert_eq!(s.total(), 3);
    assert_eq!(s.unassigned_rows(), &[0, 2, 4]);
    assert!(s.unassigned_cols().is_empty());

    let s = solved(&tall, Options::new(Sense::Maximize));
    assert_eq!(s.total(), 18);
    assert_eq!(s.pairs().len(), 2);

    // A single row and a single column.
    let row = Matrix::from_vec(1, 4, vec![4.0, -2.0, 3.0, -1.0]).unwrap();
    let col = transpose(&row);
    for (shape, m, sense, pair) in [
        ("row", &row, Sense::Minimize, (0, 1)),
        ("row", &row, Sense::Maximize, (0, 0)),
        ("column", &col, Sense::Minimize, (1, 0)),
        ("column", &col, Sense::Maximize, (0, 0)),
    ] {
        let s = solved(m, Options::new(sense));
        assert_eq!(s.pairs(), &[pair], "a single {shape}, {sense:?}");
    }
}

#[test]
fn whole_f64_values_are_exact() {
    // Whole numbers up to 2^53 take the integer path: no rounding, even with mixed magnitudes.
    let big = 9_007_199_254_740_992.0; // 2^53
    let m = Matrix::from_vec(2, 2, vec![big, 1.0, 2.0, big - 2.0]).unwrap();
    let s = solved(&m, Options::new(Sense::Maximize));
    assert_eq!(s.pairs(), &[(0, 0), (1, 1)]);
    assert_eq!(s.total(), big + (big - 2.0));
    let s = solved(&m, Options::new(Sense::Minimize));
    assert_eq!(s.pairs(), &[(0, 1), (1, 0)]);
    assert_eq!(s.total(), 3.0);

    // A tie broken by 1 next to values of 1e12.
    let t = 1e12;
    let m = Matrix::from_vec(3, 3, vec![t, -t, 0.0, -t, t, 1.0, 0.0, 1.0, t]).unwrap();
    let s = solved(&m, Options::new(Sense::Maximize));
    assert_eq!(s.pairs(), &[(0, 0), (1, 1), (2, 2)]);
    assert_eq!(s.total(), 3.0 * t);
    let s = solved(&m, Options::new(Sense::Minimize));
    assert_eq!(s.pairs(), &[(0, 1), (1, 0), (2, 2)]);
    assert_eq!(s.total(), -t);

    // The same matrix as i64 gives the same answer.
    let i = Matrix::from_fn(3, 3, |r, c| m.get(r, c).unwrap() as i64).unwrap();
    let s = solved(&i, Options::new(Sense::Minimize));
    assert_eq!(s.pairs(), &[(0, 1), (1, 0), (2, 2)]);
    assert_eq!(s.total(), -i128::from(TERA));
}

#[test]
fn fractional_f64_values() {
    let m = Matrix::from_vec(
        3,
        3,
        vec![0.1, 0.2, 0.3, 0.25, 0.15, 0.35, 0.3, 0.3, 0.05], //
    )
    .unwrap();
    let s = solved(&m, Options::new(Sense::Minimize));
    assert_eq!(s.pairs(), &[(0, 0), (1, 1), (2, 2)]);
    assert!((s.total() - 0.3).abs() < 1e-12);
    let s = solved(&m, Options::new(Sense::Maximize));
    assert_eq!(s.pairs(), &[(0, 2), (1, 0), (2, 1)]);
    assert!((s.total() - 0.85).abs() < 1e-12);

    // Fractions next to 1e12 and beyond 2^53 still give the optimum within 1e-9 relative.
    let m = Matrix::from_vec(2, 2, vec![1e12 + 0.5, 0.25, 0.75, 1e12]).unwrap();
    let s = solved(&m, Options::new(Sense::Minimize));
    assert_eq!(s.pairs(), &[(0, 1), (1, 0)]);
    assert_eq!(s.total(), 1.0);
    let m = Matrix::from_vec(2, 2, vec![1e17, 0.5, 3.0, 2e17]).unwrap();
    let s = solved(&m, Options::new(Sense::Maximize));
    assert_eq!(s.pairs(), &[(0, 0), (1, 1)]);
    assert!((s.total() - 3e17).abs() <= 3e17 * 1e-9);
}

#[test]
fn i64_extremes() {
    let (hi, lo) = (i64::MAX - 1, i64::MIN + 1);
    let m = Matrix::from_vec(2, 2, vec![hi, lo, lo, hi]).unwrap();
    let s = solved(&m, Options::new(Sense::Minimize));
    assert_eq!(s.pairs(), &[(0, 1), (1, 0)]);
    assert_eq!(s.total(), 2 * i128::from(lo));
    let s = solved(&m, Options::new(Sense::Maximize));
    assert_eq!(s.pairs(), &[(0, 0), (1, 1)]);
    assert_eq!(s.total(), 2 * i128::from(hi));
    let any = Options::new(Sense::Maximize).with_cardinality(Cardinality::Any);
    assert_eq!(solved(&m, any).total(), 2 * i128::from(hi));

    // i64::MIN is an ordinary (very good) cost when minimising, i64::MAX an ordinary gain when
    // maximising; the other extreme is forbidden.
    let m = Matrix::from_vec(2, 3, vec![i64::MIN, 0, i64::MAX, 5, i64::MIN, hi]).unwrap();
    let s = solved(&m, Options::new(Sense::Minimize));
    assert_eq!(s.pairs(), &[(0, 0), (1, 1)]);
    assert_eq!(s.total(), 2 * i128::from(i64::MIN));
    let s = solved(&m, Options::new(Sense::Maximize));
    assert_eq!(s.pairs(), &[(0, 2), (1, 0)]);
    assert_eq!(s.total(), i128::from(i64::MAX) + 5);

    // A full range of values in a bigger matrix.
    let m = Matrix::from_fn(6, 6, |r, c| match (r * 7 + c * 3) % 5 {
        0 => i64::MIN + 1,
        1 => i64::MAX - 1,
        2 => -1,
        3 => 0,
        _ => 1,
    })
    .unwrap();
    for options in all_options() {
        let s = solved(&m, options);
        let best = brute_force(&m, options.sense());
        let (count, total) = reference::<i64>(&best, options.sense(), options.cardinality());
        assert_eq!(s.total(), total, "{options:?}");
        if let Some(count) = count {
            assert_eq!(s.pairs().len(), count);
        }
    }
}

#[test]
fn cardinality_rules_differ() {
    // Maximising: pairing only row 0 with column 0 is worth 10; pairing both rows costs that
    // cell and is worth 3.
    let m = Matrix::from_vec(2, 2, vec![10_i64, i64::MIN, 1, 2]).unwrap();
    let most = solved(&m, Options::new(Sense::Maximize));
    assert_eq!(most.pairs(), &[(0, 0), (1, 1)]);
    assert_eq!(most.total(), 12);
    let m = Matrix::from_vec(2, 2, vec![10_i64, i64::MIN, 1, -4]).unwrap();
    let most = solved(&m, Options::new(Sense::Maximize));
    assert_eq!((most.pairs(), most.total()), (&[(0, 0), (1, 1)][..], 6));
    let best = solved(
        &m,
        Options::new(Sense::Maximize).with_cardinality(Cardinality::Any),
    );
    assert_eq!((best.pairs(), best.total()), (&[(0, 0)][..], 10));
    assert_eq!(best.unassigned_rows(), &[1]);
    assert_eq!(best.unassigned_cols(), &[1]);
    assert_eq!(best.options().cardinality(), Cardinality::Any);

    // Minimising with Any: only negative costs are taken.
    let m = Matrix::from_vec(2, 3, vec![-3.0, 2.0, 0.5, 4.0, 1.0, -0.25]).unwrap();
    let s = solved(
        &m,
        Options::new(Sense::Minimize).with_cardinality(Cardinality::Any),
    );
    assert_eq!(s.pairs(), &[(0, 0), (1, 2)]);
    assert_eq!(s.total(), -3.25);
}

#[test]
fn verify_rejects_a_foreign_solution() {
    let m = Matrix::from_vec(2, 2, vec![1_i64, 2, 3, 4]).unwrap();
    let s = solved(&m, Options::new(Sense::Minimize));
    let cheaper = Matrix::from_vec(2, 2, vec![1_i64, 2, 3, -4]).unwrap();
    assert!(verify(&cheaper, &s).is_err());
    let other = Matrix::from_vec(2, 3, vec![1_i64, 2, 3, 4, 5, 6]).unwrap();
    assert!(matches!(
        verify(&other, &s),
        Err(CertificateError::Shape { .. })
    ));
    // A solution that uses a cell now forbidden.
    let forbidden = Matrix::from_vec(2, 2, vec![i64::MAX, 2, 3, 4]).unwrap();
    let s = solved(
        &Matrix::from_vec(2, 2, vec![0_i64, 2, 3, 4]).unwrap(),
        Options::new(Sense::Minimize),
    );
    assert!(matches!(
        verify(&forbidden, &s),
        Err(CertificateError::InvalidPair { row: 0, col: 0, .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------

#[test]
fn wrong_buffer_length_is_a_shape_error() {
    let err = Matrix::<f64>::from_vec(2, 3, vec![0.0; 5]).unwrap_err();
    assert_eq!(
        err,
        MatrixError::MatrixShape {
            rows: 2,
            cols: 3,
            len: 5
        }
    );
    assert_eq!(err.to_string(), "matrix of 2 x 3 needs 6 values, got 5");
    assert!(matches!(
        Matrix::<i64>::from_vec(0, 3, vec![1]),
        Err(MatrixError::MatrixShape {
            rows: 0,
            cols: 3,
            len: 1
        })
    ));
    assert!(matches!(
        Matrix::<i64>::from_vec(usize::MAX, 2, vec![]),
        Err(MatrixError::MatrixShape { .. })
    ));
    assert!(matches!(
        Matrix::<i64>::from_fn(usize::MAX, 2, |_, _| 0),
        Err(MatrixError::MatrixShape { .. })
    ));
}

#[test]
fn nan_is_an_invalid_weight_naming_the_cell() {
    let err = Matrix::from_vec(2, 3, vec![0.0, 1.0, 2.0, 3.0, f64::NAN, 5.0]).unwrap_err();
    assert!(
        matches!(err, MatrixError::InvalidWeight { row: 1, col: 1, .. }),
        "{err:?}"
    );
    let message = err.to_string();
    assert!(
        message.contains("(1, 1)") && message.contains("NaN"),
        "{message}"
    );
    // Every NaN is named, in row-major order.
    let err = Matrix::from_fn(3, 2, |r, c| if r + c >= 2 { f64::NAN } else { 0.0 }).unwrap_err();
    assert_eq!(common::invalid_cells(&err), [(1, 1), (2, 0), (2, 1)]);
    assert!(
        err.to_string().starts_with("3 mistakes found:\n- "),
        "{err}"
    );
}

#[test]
fn infinities_of_the_wrong_sign_are_invalid_weights() {
    let m = Matrix::from_vec(2, 2, vec![1.0, f64::NEG_INFINITY, 2.0, 3.0]).unwrap();
    for cardinality in [Cardinality::Maximum, Cardinality::Any] {
        let options = Options::new(Sense::Minimize).with_cardinality(cardinality);
        let err = solve_with(&m, options).unwrap_err();
        match &err {
            MatrixError::InvalidWeight {
                row: 0,
                col: 1,
                value,
                ..
            } => assert_eq!(value, "-inf"),
            other => panic!("expected InvalidWeight at (0, 1), got {other:?}"),
        }
        assert!(err.to_string().contains("(0, 1)"), "{err}");
    }
    // The same matrix is fine when maximising: -inf forbids the cell.
    let s = solved(&m, Options::new(Sense::Maximize));
    assert_eq!((s.pairs(), s.total()), (&[(0, 0), (1, 1)][..], 4.0));

    let m = Matrix::from_vec(2, 2, vec![1.0, 2.0, f64::INFINITY, 3.0]).unwrap();
    for cardinality in [Cardinality::Maximum, Cardinality::Any] {
        let options = Options::new(Sense::Maximize).with_cardinality(cardinality);
        let err = solve_with(&m, options).unwrap_err();
        assert!(
            matches!(err, MatrixError::InvalidWeight { row: 1, col: 0, ref value, .. } if value == "inf"),
            "{err:?}"
        );
        assert!(err.to_string().contains("(1, 0)"), "{err}");
    }
    let s = solved(&m, Options::new(Sense::Minimize));
    assert_eq!((s.pairs(), s.total()), (&[(0, 0), (1, 1)][..], 4.0));
}

#[test]
fn main_types_are_send_and_sync() {
    common::assert_send_sync!(
        Matrix<f64>,
        Matrix<i64>,
        Solution<f64>,
        Solution<i64>,
        Error,
        CertificateError,
        Options
    );
}

/// The float survey: whole numbers with best-total-alone (staying out is worth 0), and a
/// matrix whole for its first several thousand cells with a half at the end, which must not
/// take the integer path.
#[test]
fn float_survey_edge_cases() {
    let m = Matrix::from_vec(2, 3, vec![3.0, -2.0, 5.0, 4.0, 7.0, -1.0]).unwrap();
    let any = Options::new(Sense::Minimize).with_cardinality(Cardinality::Any);
    let s = solved(&m, any);
    assert_eq!(s.pairs(), &[(0, 1), (1, 2)]);
    assert_eq!(s.total(), -3.0);
    let i = Matrix::from_fn(2, 3, |r, c| m.get(r, c).unwrap() as i64).unwrap();
    assert_eq!(solved(&i, any).pairs(), s.pairs());

    let n = 70; // 4,900 cells: more than one chunk of the survey
    let cell = |r: usize, c: usize| ((r * 31 + c * 17) % 23) as f64;
    let half = Matrix::from_fn(n, n, |r, c| {
        if r == n - 1 && c == n - 1 {
            0.5
        } else {
            cell(r, c)
        }
    })
    .unwrap();
    let double = Matrix::from_fn(n, n, |r, c| 2.0 * half.get(r, c).unwrap()).unwrap();
    for sense in [Sense::Minimize, Sense::Maximize] {
        let a = solved(&half, Options::new(sense));
        let b = solved(&double, Options::new(sense));
        assert_eq!(2.0 * a.total(), b.total(), "{sense:?}");
    }
}

proptest! {
    #![proptest_config(config(40))]

    /// On a fractional float matrix the survey stops at its first chunk and the kernel checks
    /// the rest as it reads it: a wrong-signed infinity further on is still named, both in
    /// row-major order when there are two, and a forbidden cell further on is respected.
    #[test]
    fn infinities_past_the_first_survey_chunk(
        shape in select(vec![(70usize, 70usize), (50, 100), (100, 50), (2, 2100), (2100, 2)]),
        sense in senses(),
        cardinality in cardinalities(),
        at in 0..10_000usize,
        later in 0..10_000usize,
        seed in any::<u64>(),
    ) {
        let (rows, cols) = shape;
        let cell = move |r: usize, c: usize| {
            let x = (seed ^ (r as u64 * 0x9E37_79B9) ^ (c as u64 * 0x85EB_CA6B)).wrapping_mul(0x2545_F491_4F6C_DD1D);
            (x >> 11) as f64 / (1u64 << 53) as f64 * 100.0 - 50.0
        };
        let (wrong, forbidden) = match sense {
            Sense::Minimize => (f64::NEG_INFINITY, f64::INFINITY),
            _ => (f64::INFINITY, f64::NEG_INFINITY),
        };
        // Both cells past the first 4,096 (the survey's first chunk), `at` first.
        let past = |k: usize| 4096 + k % (rows * cols - 4096);
        let (at, second) = (past(at), past(later).max(past(at)));
        let bad = Matrix::from_fn(rows, cols, |r, c| {
            let k = r * cols + c;
            if k == at || k == second { wrong } else { cell(r, c) }
        }).unwrap();
        let options = Options::new(sense).with_cardinality(cardinality);
        let named: Vec<(usize, usize)> = match solve_with(&bad, options) {
            Err(e) => e
                .all()
                .iter()
                .filter_map(|e| match e {
                    MatrixError::InvalidWeight { row, col, .. } => Some((*row, *col)),
                    _ => None,
                })
                .collect(),
            Ok(_) => Vec::new(),
        };
        let mut expected = vec![(at / cols, at % cols)];
        if second != at {
            expected.push((second / cols, second % cols));
        }
        prop_assert_eq!(named, expected);
        // The same cells forbidden instead: solved, certified, and never used.
        let fine = Matrix::from_fn(rows, cols, |r, c| {
            let k = r * cols + c;
            if k == at || k == second { forbidden } else { cell(r, c) }
        }).unwrap();
        let s = solved(&fine, options);
        prop_assert!(s.pairs().iter().all(|&(r, c)| r * cols + c != at && r * cols + c != second));
        if cardinality == Cardinality::Maximum {
            prop_assert_eq!(s.pairs().len(), rows.min(cols));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Large square float matrices: the start from each row's cheapest cells
// ---------------------------------------------------------------------------------------------

/// Float matrices of `rows × cols` cells, row-major, of the kinds the engine's fast starts
/// are tried on: uniform on [0, 1) from a generator seeded with `seed`, negated, scaled to
/// 1e100 (where the cheapest cells suffice), distances between points and values spread over
/// decades (where they do not).
fn float_kinds(rows: usize, cols: usize, seed: u64) -> Vec<(&'static str, Vec<f64>)> {
    use rand::{RngExt, SeedableRng};
    let cells = rows * cols;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed);
    let mut uniform =
        |scale: f64| -> Vec<f64> { (0..cells).map(|_| scale * rng.random::<f64>()).collect() };
    let points: Vec<(f64, f64)> = (0..rows + cols)
        .map(|k| ((k * 7919 % 1009) as f64, (k * 104_729 % 997) as f64))
        .collect();
    let distances: Vec<f64> = (0..cells)
        .map(|k| {
            let (a, b) = (points[k / cols], points[rows + k % cols]);
            ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt()
        })
        .collect();
    // Drawn first, as the square test always drew it.
    let decades: Vec<f64> = uniform(1.0)
        .iter()
        .enumerate()
        .map(|(k, x)| (x - 0.5) * 10f64.powi((k * 31 % 7) as i32 - 3))
        .collect();
    vec![
        ("uniform", uniform(1.0)),
        ("negated", uniform(-1.0)),
        ("1e100", uniform(1e100)),
        ("distances", distances),
        ("decades", decades),
    ]
}

/// Square float matrices of 1,500 rows and more are first solved from each row's cheapest
/// cells (see the module docs of `assignment`). The answer must be the usual start's optimum:
/// the same matrix widened by a forbidden column (which no assignment of the rows uses, and
/// which keeps the usual start, as the matrix is no longer square) gives the same total, and
/// both answers pass `verify`. Kinds where the cheapest cells suffice (uniform, negated,
/// magnitudes near 1e100) and where they do not (distances between points; values spread
/// over decades), both senses.
#[test]
fn large_square_float_matrices_agree_with_the_usual_start() {
    let n = 1500;
    for (kind, cells) in float_kinds(n, n, 20261205) {
        let square = Matrix::from_vec(n, n, cells.clone()).unwrap();
        for sense in [Sense::Minimize, Sense::Maximize] {
            let forbidden = match sense {
                Sense::Minimize => f64::INFINITY,
                _ => f64::NEG_INFINITY,
            };
            let wide = Matrix::from_fn(
                n,
                n + 1,
                |r, c| if c == n { forbidden } else { cells[r * n + c] },
            )
            .unwrap();
            let a = solve(&square, sense).unwrap();
            let b = solve(&wide, sense).unwrap();
            verify(&square, &a).unwrap();
            verify(&wide, &b).unwrap();
            assert_eq!(a.pairs().len(), n, "{kind} {sense:?}");
            let scale = cells.iter().fold(0.0f64, |s, x| s.max(x.abs()));
            assert!(
                (a.total() - b.total()).abs() <= 1e-12 * scale * n as f64,
                "{kind} {sense:?}: {} against {}",
                a.total(),
                b.total()
            );
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Large wide float matrices: the rows' cheapest cells listed first
// ---------------------------------------------------------------------------------------------

/// Float matrices with fewer rows than columns and 2^22 cells or more list each row's
/// cheapest cells first, for the kernel's start and for the certificate (see the module docs
/// of `assignment`). The answer must be the one found without them: the transposed matrix
/// (more rows than columns, so nothing is listed) gives the same pairs, and both answers pass
/// `verify`. Kinds where the lists settle nearly every row (uniform, negated, 1e100, with
/// forbidden cells) and where they settle few (distances between points, values spread over
/// decades, heavy ties), both senses.
#[test]
fn large_wide_float_matrices_agree_with_their_transpose() {
    let (rows, cols) = (1024, 4096);
    let mut kinds = float_kinds(rows, cols, 20261207);
    let holes: Vec<f64> = (kinds[0].1.iter().enumerate())
        .map(|(k, &x)| if k % 19 == 3 { f64::NAN } else { x })
        .collect();
    let ties: Vec<f64> = (0..rows * cols)
        .map(|k| (k * 7 % 13) as f64 * 0.25 + 0.1)
        .collect();
    kinds.extend([("forbidden cells", holes), ("ties", ties)]);
    for (kind, data) in kinds {
        for sense in [Sense::Minimize, Sense::Maximize] {
            let forbidden = match sense {
                Sense::Minimize => f64::INFINITY,
                _ => f64::NEG_INFINITY,
            };
            // NaN above marks a forbidden cell of either sense.
            let cell = |k: usize| if data[k].is_nan() { forbidden } else { data[k] };
            let wide = Matrix::from_fn(rows, cols, |r, c| cell(r * cols + c)).unwrap();
            let tall = Matrix::from_fn(cols, rows, |c, r| cell(r * cols + c)).unwrap();
            let a = solve(&wide, sense).unwrap();
            let b = solve(&tall, sense).unwrap();
            verify(&wide, &a).unwrap();
            verify(&tall, &b).unwrap();
            assert_eq!(a.pairs().len(), rows, "{kind} {sense:?}");
            let scale = data.iter().fold(0.0f64, |s, x| s.max(x.abs()));
            assert!(
                (a.total() - b.total()).abs() <= 1e-12 * scale * rows as f64,
                "{kind} {sense:?}: {} against {}",
                a.total(),
                b.total()
            );
            if kind != "ties" {
                // A unique optimum: the same pairs.
                let mut from_tall: Vec<(usize, usize)> =
                    b.pairs().iter().map(|&(c, r)| (r, c)).collect();
                from_tall.sort_unstable();
                assert_eq!(a.pairs(), &from_tall[..], "{kind} {sense:?}");
            }
        }
    }
}

/// A weight beyond the certified range, or a wrong-signed infinity, among a large wide
/// matrix's cells that are not any row's cheapest, is named as it is without the lists.
#[test]
fn large_wide_float_matrices_name_their_bad_cells() {
    let (rows, cols) = (1024, 4096);
    let cell = |r: usize, c: usize| ((r * 7919 + c * 104_729) % 10_007) as f64 / 10_007.0 + 0.5;
    let at = (700, 3999);
    for (bad, sense) in [
        (1e308, Sense::Minimize),
        (-1e308, Sense::Maximize),
        (f64::NEG_INFINITY, Sense::Minimize),
        (f64::INFINITY, Sense::Maximize),
    ] {
        let m = Matrix::from_fn(
            rows,
            cols,
            |r, c| if (r, c) == at { bad } else { cell(r, c) },
        )
        .unwrap();
        match solve(&m, sense) {
            Err(MatrixError::InvalidWeight { row, col, .. }) => {
                assert_eq!((row, col), at, "{bad} {sense:?}")
            }
            other => panic!("{bad} {sense:?}: expected InvalidWeight, got {other:?}"),
        }
    }
}
