//! Every built-in pairing strategy at 1000 juniors × 1000 seniors, and leximin on utilities
//! without ties.
//!
//! `cargo bench --bench strategies`. Two groups, each on three seeds so that the spread shows
//! (criterion reports each seed; BENCHMARKS.md gives min, median and max across them):
//!
//! - `strategy/NAME/1000/seed-S`: the pair scores of a default [`Population`] of 1000 + 1000
//!   (seeds 1 to 3), built outside the timed code (mentoring scores take a few hundred distinct
//!   values, and the default rules forbid a few percent of pairs). Randomised strategies get
//!   the same seed on every iteration.
//! - `leximin_distinct/400/seed-S`: leximin on 400 × 400 utilities uniform in [0, 1) both
//!   ways (seeds 1 to 3): 320,000 distinct values, the most levels leximin can meet.
//! - `capacitated/NAME/1000+250x4/seed-S`: each strategy with a capacitated form under
//!   capacities ([`Strategy::pair_within`]) on a default [`Population`] of 1000 juniors
//!   (capacity 1) and 250 seniors of capacity 4 (seeds 1 to 3), scores built outside the timed
//!   code; and `capacitated/NAME/1000x2+250x4/seed-S`, the same with juniors of capacity 2
//!   (many to many). The strategies that refuse capacities above 1 are left out.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mentor_match::PairScores;
use mentor_match::generate::Population;
use mentor_match::strategy::{self, Capacities, Leximin, Strategy};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;
use std::time::Duration;

const SEEDS: [u64; 3] = [1, 2, 3];

fn strategies(c: &mut Criterion) {
    let mut group = c.benchmark_group("strategy");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    for seed in SEEDS {
        let scores = Population::new(1000, 1000)
            .with_seed(seed)
            .pair_scores()
            .expect("the default population is valid");
        for s in strategy::builtin() {
            let id = BenchmarkId::new(s.name(), format!("1000/seed-{seed}"));
            group.bench_with_input(id, &scores, |b, scores| {
                b.iter(|| black_box(s.pair_seeded(scores, 1).expect("valid scores")))
            });
        }
    }
    group.finish();
}

/// `n × n` utilities uniform in [0, 1), both directions, from `seed`.
fn distinct(n: usize, seed: u64) -> PairScores {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut draw = || {
        (0..n * n)
            .map(|_| rng.random::<f64>())
            .collect::<Vec<f64>>()
    };
    let (a, b) = (draw(), draw());
    PairScores::new(n, n, a, b).expect("gains in [0, 1)")
}

fn leximin_distinct(c: &mut Criterion) {
    let mut group = c.benchmark_group("leximin_distinct");
    group.sample_size(10);
    for seed in SEEDS {
        let scores = distinct(400, seed);
        let id = BenchmarkId::new("400", format!("seed-{seed}"));
        group.bench_with_input(id, &scores, |b, scores| {
            b.iter(|| black_box(Leximin.pair(scores).expect("valid scores")))
        });
    }
    group.finish();
}

fn capacitated(c: &mut Criterion) {
    let mut group = c.benchmark_group("capacitated");
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    for seed in SEEDS {
        let scores = Population::new(1000, 250)
            .with_seed(seed)
            .pair_scores()
            .expect("the default population is valid");
        for (label, junior_capacity) in [("1000+250x4", 1), ("1000x2+250x4", 2)] {
            let capacities =
                Capacities::new(vec![junior_capacity; 1000], vec![4; 250]).expect("capacities");
            for s in strategy::builtin() {
                if s.pair_within(&scores, &capacities, 1).is_err() {
                    continue; // refuses capacities above 1
                }
                let id = BenchmarkId::new(s.name(), format!("{label}/seed-{seed}"));
                group.bench_with_input(id, &scores, |b, scores| {
                    b.iter(|| {
                        black_box(s.pair_within(scores, &capacities, 1).expect("valid scores"))
                    })
                });
            }
        }
    }
    group.finish();
}

criterion_group!(benches, strategies, leximin_distinct, capacitated);
criterion_main!(benches);
