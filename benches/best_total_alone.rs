//! The dense engine's best total alone ([`Cardinality::Any`]) against most pairs on the same
//! matrices, three seeds each (criterion reports each seed; BENCHMARKS.md gives min, median and
//! max across them):
//!
//! ```text
//! cargo bench --bench best_total_alone
//! ```
//!
//! - `staircase/{most_pairs,any}/2000/seed-S`: 2000 × 2000, each cell allowed with
//!   probability 1 %, worth `i + j`, maximised: no pair is worth giving up, and before the
//!   rounds of `best_total` the best total alone took 10–18 times as long as most pairs here;
//! - `signed/{most_pairs,any}/2000/seed-S`: each cell allowed with probability 0.5 %, worth a
//!   float uniform in [−50, 50), maximised: about 7 % of the rows are better left out, which
//!   takes the rounds 15–17 searches.
//!
//! The matrices are drawn as `examples/best_total_alone.rs` draws them, outside the timed code.

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use mentor_match::assignment::{Cardinality, Matrix, Options, Sense, solve_with};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;
use std::time::Duration;

const SEEDS: [u64; 3] = [1, 2, 3];
const N: usize = 2000;

/// The two families: each cell allowed with probability `density`, worth `value(i, j, rng)`.
#[derive(Clone, Copy)]
enum Family {
    Staircase,
    Signed,
}

impl Family {
    fn name(self) -> &'static str {
        match self {
            Family::Staircase => "staircase",
            Family::Signed => "signed",
        }
    }

    fn matrix(self, n: usize, seed: u64) -> Matrix<f64> {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let density = match self {
            Family::Staircase => 0.01,
            Family::Signed => 0.005,
        };
        let mut d = vec![f64::NEG_INFINITY; n * n];
        for i in 0..n {
            for j in 0..n {
                if rng.random::<f64>() < density {
                    d[i * n + j] = match self {
                        Family::Staircase => (i + j) as f64,
                        Family::Signed => rng.random::<f64>() * 100.0 - 50.0,
                    };
                }
            }
        }
        Matrix::from_vec(n, n, d).expect("no NaN")
    }
}

fn best_total_alone(c: &mut Criterion) {
    let mut group = c.benchmark_group("best_total_alone");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500));
    for family in [Family::Staircase, Family::Signed] {
        group.measurement_time(Duration::from_secs(match family {
            Family::Staircase => 6,
            Family::Signed => 2,
        }));
        for seed in SEEDS {
            let m = family.matrix(N, seed);
            for (mode, cardinality) in [
                ("most_pairs", Cardinality::Maximum),
                ("any", Cardinality::Any),
            ] {
                let options = Options::new(Sense::Maximize).with_cardinality(cardinality);
                let id = BenchmarkId::new(
                    format!("{}/{mode}", family.name()),
                    format!("{N}/seed-{seed}"),
                );
                group.bench_with_input(id, &m, |b, m| {
                    b.iter(|| solve_with(black_box(m), options).expect("a valid matrix"));
                });
            }
        }
    }
    group.finish();
}

criterion_group!(benches, best_total_alone);
criterion_main!(benches);
