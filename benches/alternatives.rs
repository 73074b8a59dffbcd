//! What-if answers from an optimum and its certificate against solving the changed problem
//! afresh, at 2000 × 2000, three seeds each (criterion reports each seed; BENCHMARKS.md gives
//! min, median and max across them):
//!
//! ```text
//! cargo bench --bench alternatives
//! ```
//!
//! - `{uniform,scores}/{never,pair}/{what_if,fresh}/2000/seed-S`: a complete matrix of floats
//!   uniform in [0, 1) or of whole scores 0–100 (many ties), maximised. `never` forbids the
//!   pair the optimum gives row 1000; `pair` forces row 1000 with the column the optimum gives
//!   row 1001. `what_if` is [`what_if`] on the optimum: its certificate checked, then for the
//!   uniform floats one search from the potentials and the answer proved, for the whole scores
//!   a fresh solve inside `what_if` (the integer path is faster than a search on a float
//!   copy); `fresh` is one solve of the changed matrix, made ready outside the timed code.
//! - `uniform/k_best/10/500/seed-S`: the 10 best assignments of a 500 × 500 uniform matrix.
//!
//! The optimum and the changed matrices are made outside the timed code.

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use mentor_match::assignment::{
    Change, Matrix, Options, Sense, Solution, k_best, solve_with, what_if,
};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;
use std::time::Duration;

const SEEDS: [u64; 3] = [1, 2, 3];
const N: usize = 2000;

/// A complete `n x n` matrix: floats uniform in [0, 1), or whole scores 0–100.
fn matrix(n: usize, seed: u64, scores: bool) -> Matrix<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    Matrix::from_fn(n, n, |_, _| {
        if scores {
            f64::from(rng.random_range(0..=100_u32))
        } else {
            rng.random::<f64>()
        }
    })
    .expect("no NaN")
}

/// The changed problem a fresh solve sees: the matrix with the cell forbidden, or without the
/// forced pair's row and column.
fn changed(m: &Matrix<f64>, change: Change) -> Matrix<f64> {
    let n = m.rows();
    match change {
        Change::Never { row, col } => Matrix::from_fn(n, n, |r, c| {
            if (r, c) == (row, col) {
                f64::NEG_INFINITY
            } else {
                m.get(r, c).unwrap()
            }
        }),
        Change::Pair { row, col } => Matrix::from_fn(n - 1, n - 1, |r, c| {
            let r = if r >= row { r + 1 } else { r };
            let c = if c >= col { c + 1 } else { c };
            m.get(r, c).unwrap()
        }),
        _ => unreachable!("two kinds of change"),
    }
    .expect("no NaN")
}

fn what_if_against_fresh(c: &mut Criterion) {
    let options = Options::new(Sense::Maximize);
    let mut group = c.benchmark_group("alternatives");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for (family, scores) in [("uniform", false), ("scores", true)] {
        for seed in SEEDS {
            let m = matrix(N, seed, scores);
            let best: Solution<f64> = solve_with(&m, options).expect("a valid matrix");
            let row = N / 2;
            let held = best.col_of(row).expect("a complete matrix pairs every row");
            let other = best
                .col_of(row + 1)
                .expect("a complete matrix pairs every row");
            for (name, change) in [
                ("never", Change::Never { row, col: held }),
                ("pair", Change::Pair { row, col: other }),
            ] {
                let id = |how: &str| {
                    BenchmarkId::new(format!("{family}/{name}/{how}"), format!("{N}/seed-{seed}"))
                };
                group.bench_function(id("what_if"), |b| {
                    b.iter(|| what_if(black_box(&m), &best, change).expect("a valid change"));
                });
                let fresh = changed(&m, change);
                group.bench_function(id("fresh"), |b| {
                    b.iter(|| solve_with(black_box(&fresh), options).expect("a valid matrix"));
                });
            }
        }
    }
    for seed in SEEDS {
        let m = matrix(500, seed, false);
        let id = BenchmarkId::new("uniform/k_best/10", format!("500/seed-{seed}"));
        group.bench_function(id, |b| {
            b.iter(|| k_best(black_box(&m), options, 10).expect("a valid matrix"));
        });
    }
    group.finish();
}

criterion_group!(benches, what_if_against_fresh);
criterion_main!(benches);
