//! Everyone's shortlist against one dense matching, on synthetic rosters of 2,000 + 2,000
//! drawn from five seeds (the spread across seeds is the point: BENCHMARKS.md gives all five).
//!
//! ```text
//! cargo bench --bench shortlists            # about two minutes on 2 cores
//! cargo bench --bench shortlists -- --test  # each benchmark once, as a smoke test
//! ```
//!
//! Both sides score every pair both ways (the same cost); the matching then solves the
//! assignment exactly, the shortlists fill each list of 5 under the exposure rule.

use criterion::{BenchmarkId, Criterion, SamplingMode, criterion_group, criterion_main};
use mentor_match::generate::Population;
use mentor_match::{Matcher, Method};
use std::hint::black_box;
use std::time::Duration;

const SIDE: usize = 2000;
const SEEDS: [u64; 5] = [1, 2, 3, 4, 5];
const K: usize = 5;

fn shortlists(c: &mut Criterion) {
    let mut group = c.benchmark_group("shortlists_2000");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(6));
    let matcher = Matcher::new().with_method(Method::Dense);
    for seed in SEEDS {
        let roster = Population::new(SIDE, SIDE)
            .with_seed(seed)
            .roster()
            .expect("the default population is valid");
        group.bench_with_input(BenchmarkId::new("dense_matching", seed), &roster, |b, r| {
            b.iter(|| black_box(matcher.solve(r).expect("valid")))
        });
        group.bench_with_input(BenchmarkId::new("shortlists_k5", seed), &roster, |b, r| {
            b.iter(|| black_box(matcher.shortlists(r, K).expect("valid")))
        });
    }
    group.finish();
}

criterion_group!(benches, shortlists);
criterion_main!(benches);
