//! Benchmarks of the exact assignment engine on square matrices of n = 100 to 2000, three
//! seeded instances of each (`NAME/n/seed-S`, seeds 1 to 3; BENCHMARKS.md gives min, median
//! and max across them).
//!
//! ```text
//! cargo bench --bench assignment            # full run, a few minutes on 2 cores
//! cargo bench --bench assignment -- --test  # each benchmark once, as a smoke test
//! ```
//!
//! Inputs are built from fixed ChaCha8 seeds outside the timed closure, so every run solves the
//! same matrices:
//!
//! - `uniform_f64`: costs drawn uniformly from [0, 1) (the general floating-point path);
//! - `skill_overlap_i64`: integer costs `40 - popcount(a_i & b_j)` from random 62-bit skill
//!   masks, a score matrix with heavy ties in a range of about 30 values (the narrow integer
//!   path). `pathfinding/n` in this group is `pathfinding::kuhn_munkres::kuhn_munkres_min`
//!   (the O(n³) Hungarian algorithm) on the same matrices, for n <= 1000 only as it is slow;
//! - `skill_overlap_f64`: the same values as `f64`, which the engine detects as whole numbers
//!   and solves on the exact integer path too.

use criterion::{BenchmarkGroup, BenchmarkId, Criterion, SamplingMode, criterion_group};
use criterion::{criterion_main, measurement::WallTime};
use mentor_match::assignment::{Matrix, Sense, Weight, solve};
use rand::RngExt;
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;
use std::time::Duration;

mod common;
use common::{SEED, SEEDS, generator, skill_overlap};

const SIZES: [usize; 4] = [100, 500, 1000, 2000];
/// Largest n the pathfinding baseline runs on.
const BASELINE_MAX: usize = 1000;

/// An `n x n` matrix of costs uniform in [0, 1), instance `seed`.
fn uniform(n: usize, seed: u64) -> Matrix<f64> {
    let mut rng: ChaCha8Rng = generator(SEED, n, seed);
    let data = (0..n * n).map(|_| rng.random::<f64>()).collect();
    Matrix::from_vec(n, n, data).expect("finite weights")
}

/// Sets the group's sampling for matrices of size `n`: small samples for the large ones so the
/// whole run stays within a few minutes.
fn configure(group: &mut BenchmarkGroup<'_, WallTime>, n: usize) {
    if n >= 1000 {
        group
            .sample_size(10)
            .sampling_mode(SamplingMode::Flat)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(if n >= 2000 { 8 } else { 4 }));
    } else {
        group
            .sample_size(if n >= 500 { 20 } else { 50 })
            .sampling_mode(SamplingMode::Auto)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(2));
    }
}

/// The benchmark id of `solver` on instance `seed` of size `n`.
fn id(solver: &str, n: usize, seed: u64) -> BenchmarkId {
    BenchmarkId::new(solver, format!("{n}/seed-{seed}"))
}

fn bench_engine<T: Weight>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    n: usize,
    seed: u64,
    m: &Matrix<T>,
) {
    group.bench_with_input(id("mentor_match", n, seed), m, |b, m| {
        b.iter(|| solve(black_box(m), Sense::Minimize).expect("a valid matrix"));
    });
}

fn uniform_f64(c: &mut Criterion) {
    let mut group = c.benchmark_group("uniform_f64");
    for n in SIZES {
        configure(&mut group, n);
        for seed in SEEDS {
            bench_engine(&mut group, n, seed, &uniform(n, seed));
        }
    }
    group.finish();
}

fn skill_overlap_i64(c: &mut Criterion) {
    let mut group = c.benchmark_group("skill_overlap_i64");
    for n in SIZES {
        configure(&mut group, n);
        for seed in SEEDS {
            let costs = skill_overlap(n, seed);
            let m = Matrix::from_vec(n, n, costs.clone()).expect("valid weights");
            bench_engine(&mut group, n, seed, &m);
            if n <= BASELINE_MAX {
                let weights = pathfinding::matrix::Matrix::from_vec(n, n, costs).expect("n x n");
                if n == SIZES[0] {
                    // Both solve the same problem: the optimal totals agree.
                    let ours = solve(&m, Sense::Minimize).expect("a valid matrix").total();
                    let (theirs, _) = pathfinding::kuhn_munkres::kuhn_munkres_min(&weights);
                    assert_eq!(ours, i128::from(theirs), "optimal totals differ at n = {n}");
                }
                group.bench_with_input(id("pathfinding", n, seed), &weights, |b, w| {
                    b.iter(|| pathfinding::kuhn_munkres::kuhn_munkres_min(black_box(w)));
                });
            }
        }
    }
    group.finish();
}

fn skill_overlap_f64(c: &mut Criterion) {
    let mut group = c.benchmark_group("skill_overlap_f64");
    for n in SIZES {
        configure(&mut group, n);
        for seed in SEEDS {
            let costs = skill_overlap(n, seed)
                .into_iter()
                .map(|x| x as f64)
                .collect();
            let m = Matrix::from_vec(n, n, costs).expect("finite weights");
            bench_engine(&mut group, n, seed, &m);
        }
    }
    group.finish();
}

criterion_group!(benches, uniform_f64, skill_overlap_i64, skill_overlap_f64);
criterion_main!(benches);
