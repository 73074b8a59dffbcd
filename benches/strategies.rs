//! Every built-in pairing strategy at 1000 juniors × 1000 seniors.
//!
//! `cargo bench --bench strategies`. The instance is the pair scores of a default
//! [`Population`] of 1000 + 1000 (seed 7), built outside the timed code, so every run and every
//! strategy sees the same utilities (mentoring scores take a few hundred distinct values, and the
//! default rules forbid a few percent of pairs). Randomised strategies get the same seed on
//! every iteration.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mentor_match::generate::Population;
use mentor_match::strategy;
use std::hint::black_box;
use std::time::Duration;

fn strategies(c: &mut Criterion) {
    let scores = Population::new(1000, 1000)
        .with_seed(7)
        .pair_scores()
        .expect("the default population is valid");
    let mut group = c.benchmark_group("strategy");
    // Leximin takes seconds per run at this size; ten samples keep the whole file in minutes.
    group.sample_size(10);
    group.warm_up_time(Duration::from_millis(500));
    for s in strategy::builtin() {
        group.bench_with_input(BenchmarkId::new(s.name(), 1000), &scores, |b, scores| {
            b.iter(|| black_box(s.pair_seeded(scores, 1).expect("valid scores")))
        });
    }
    group.finish();
}

criterion_group!(benches, strategies);
criterion_main!(benches);
