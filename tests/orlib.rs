//! Known-answer tests of the assignment engine on J. E. Beasley's OR-Library linear assignment
//! instances: the solver must reach the published optimum exactly, with a valid certificate.
//!
//! `assign100` … `assign400` are in `tests/data/orlib/` and run on every `cargo test`. The larger
//! dense instances (`assign500` … `assign800`) and the sparse ones (`assignp800` …
//! `assignp5000`) are read from `../shared/data/orlib/` by `#[ignore]`d tests:
//! `cargo test --release --test orlib -- --ignored --nocapture` (they skip with a note when that
//! folder is missing).

use mentor_match::assignment::{Matrix, Sense, Weight, solve, verify};
use std::path::PathBuf;
use std::time::Instant;

/// Every number of an instance file, in order.
fn numbers(name: &str, text: &str) -> Vec<i64> {
    text.split_ascii_whitespace()
        .map(|t| {
            t.parse()
                .unwrap_or_else(|e| panic!("{name}: `{t}` is not an integer: {e}"))
        })
        .collect()
}

/// A dense instance: `N`, then `N * N` costs row by row. Returns `N` and the costs.
fn parse_dense(name: &str, text: &str) -> (usize, Vec<i64>) {
    let mut all = numbers(name, text);
    assert!(!all.is_empty(), "{name}: empty file");
    let n = usize::try_from(all.remove(0)).expect("a size");
    assert_eq!(all.len(), n * n, "{name}: {n} x {n} costs expected");
    (n, all)
}

/// A sparse instance: `N`, then one arc `row col cost` per line, 1-based. Returns `N` and the
/// dense costs, `i64::MAX` (forbidden when minimising) where there is no arc.
fn parse_sparse(name: &str, text: &str) -> (usize, Vec<i64>) {
    let all = numbers(name, text);
    assert!(!all.is_empty(), "{name}: empty file");
    let n = usize::try_from(all[0]).expect("a size");
    let arcs = &all[1..];
    assert_eq!(arcs.len() % 3, 0, "{name}: arcs come in triples");
    let mut costs = vec![i64::MAX; n * n];
    for arc in arcs.chunks_exact(3) {
        let index = |x: i64| {
            usize::try_from(x)
                .ok()
                .filter(|&k| (1..=n).contains(&k))
                .unwrap_or_else(|| panic!("{name}: arc {arc:?} out of range"))
                - 1
        };
        let cell = &mut costs[index(arc[0]) * n + index(arc[1])];
        assert_eq!(*cell, i64::MAX, "{name}: arc {arc:?} repeated");
        *cell = arc[2];
    }
    (n, costs)
}

/// Solves `m`, checks the total against `expected` (exactly, or within 1e-9 relative for
/// floats through `close`), the number of pairs and the certificate; prints the time.
fn check<T: Weight>(
    name: &str,
    what: &str,
    m: &Matrix<T>,
    sense: Sense,
    expected: T::Total,
    close: impl Fn(T::Total, T::Total) -> bool,
) {
    let start = Instant::now();
    let s = solve(m, sense).unwrap_or_else(|e| panic!("{name} ({what}): {e}"));
    let elapsed = start.elapsed();
    assert!(
        close(s.total(), expected),
        "{name} ({what}): total {:?}, the published optimum gives {expected:?}",
        s.total()
    );
    assert_eq!(s.pairs().len(), m.rows(), "{name} ({what}): pairs");
    assert!(s.unassigned_rows().is_empty() && s.unassigned_cols().is_empty());
    assert_eq!(verify(m, &s), Ok(()), "{name} ({what}): certificate");
    println!("{name} ({what}): {:?} in {elapsed:.2?}", s.total());
}

/// Solves the instance as `i64` costs, as `f64` costs (whole: the exact integer path), as `f64`
/// costs plus 0.5 (the floating-point path: the optimum grows by `N / 2`), and negated as `i64`
/// gains to maximise.
fn solve_instance(name: &str, n: usize, costs: Vec<i64>, optimum: i64) {
    let m = Matrix::from_vec(n, n, costs).expect("a valid matrix");
    let exact = |a: i128, b: i128| a == b;
    check(name, "i64", &m, Sense::Minimize, i128::from(optimum), exact);

    let to_f64 = |shift: f64| {
        Matrix::from_fn(n, n, |r, c| match m.get(r, c).expect("inside") {
            i64::MAX => f64::INFINITY,
            x => x as f64 + shift,
        })
        .expect("a valid matrix")
    };
    let f = to_f64(0.0);
    check(name, "f64", &f, Sense::Minimize, optimum as f64, |a, b| {
        a == b
    });
    drop(f);
    let f = to_f64(0.5);
    let expected = optimum as f64 + n as f64 / 2.0;
    let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs();
    check(name, "f64 + 0.5", &f, Sense::Minimize, expected, close);
    drop(f);

    let gains = Matrix::from_fn(n, n, |r, c| match m.get(r, c).expect("inside") {
        i64::MAX => i64::MIN,
        x => -x,
    })
    .expect("a valid matrix");
    drop(m);
    check(
        name,
        "i64 negated, maximised",
        &gains,
        Sense::Maximize,
        -i128::from(optimum),
        exact,
    );
}

/// A test of a dense instance bundled in `tests/data/orlib`.
macro_rules! bundled_instance {
    ($test:ident, $n:expr, $optimum:expr) => {
        #[test]
        fn $test() {
            let name = stringify!($test);
            let text = include_str!(concat!("data/orlib/", stringify!($test), ".txt"));
            let (n, costs) = parse_dense(name, text);
            assert_eq!(n, $n);
            solve_instance(name, n, costs, $optimum);
        }
    };
}

bundled_instance!(assign100, 100, 305);
bundled_instance!(assign200, 200, 475);
bundled_instance!(assign300, 300, 626);
bundled_instance!(assign400, 400, 804);

#[test]
fn parsers_read_both_formats() {
    let (n, costs) = parse_dense("inline", " 2\n 1 2\n 3\n 4 \n");
    assert_eq!((n, costs), (2, vec![1, 2, 3, 4]));
    let (n, costs) = parse_sparse("inline", " 2 \n 1 2 7 \n 2 1 5 \n");
    assert_eq!((n, costs), (2, vec![i64::MAX, 7, 5, i64::MAX]));
}

/// Reads `file` from the shared OR-Library folder, or prints why the test is skipped.
fn shared(file: &str) -> Option<String> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/orlib");
    if !dir.is_dir() {
        println!("skipped: {} is missing", dir.display());
        return None;
    }
    let path = dir.join(file);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            println!("skipped: cannot read {}: {e}", path.display());
            None
        }
    }
}

/// An `#[ignore]`d test of a dense (`dense`) or sparse (`sparse`) instance in the shared folder.
macro_rules! shared_instance {
    ($test:ident, dense, $n:expr, $optimum:expr) => {
        shared_instance!(@ $test, parse_dense, $n, $optimum);
    };
    ($test:ident, sparse, $n:expr, $optimum:expr) => {
        shared_instance!(@ $test, parse_sparse, $n, $optimum);
    };
    (@ $test:ident, $parse:ident, $n:expr, $optimum:expr) => {
        #[test]
        #[ignore = "reads ../shared/data/orlib; run with --release -- --ignored"]
        fn $test() {
            let name = stringify!($test);
            let Some(text) = shared(&format!("{name}.txt")) else {
                return;
            };
            let (n, costs) = $parse(name, &text);
            assert_eq!(n, $n);
            solve_instance(name, n, costs, $optimum);
        }
    };
}

shared_instance!(assign500, dense, 500, 991);
shared_instance!(assign600, dense, 600, 1176);
shared_instance!(assign700, dense, 700, 1362);
shared_instance!(assign800, dense, 800, 1552);
shared_instance!(assignp800, sparse, 800, 2239);
shared_instance!(assignp1500, sparse, 1500, 5839);
shared_instance!(assignp3000, sparse, 3000, 18696);
shared_instance!(assignp5000, sparse, 5000, 48533);
