//! End-to-end matching on synthetic rosters: scoring every pair both ways, then the engine.
//!
//! `cargo bench --bench matching`. The rosters are default [`Population`]s (juniors lean
//! digital, seniors lean to leadership; see `mentor_match::generate`) drawn outside the timed
//! code from fixed seeds (7, 8 and 9: `NAME/n/seed-S`), so every run measures the same inputs
//! and BENCHMARKS.md can give the spread across them.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mentor_match::assignment::{self, Options, Sense};
use mentor_match::generate::Population;
use mentor_match::{Matcher, Roster};
use std::hint::black_box;

/// A reverse-mentoring roster of `juniors` + `seniors`, drawn from `seed`.
fn roster(juniors: usize, seniors: usize, seed: u64) -> Roster {
    Population::new(juniors, seniors)
        .with_seed(seed)
        .roster()
        .expect("the default population is valid")
}

fn matching(c: &mut Criterion) {
    let mut group = c.benchmark_group("matching");
    group.sample_size(10);
    for n in [500usize, 2000] {
        for seed in [7, 8, 9] {
            let r = roster(n, n, seed);
            let id = |what: &str| BenchmarkId::new(what, format!("{n}/seed-{seed}"));
            let matcher = Matcher::new();
            group.bench_with_input(id("score"), &r, |b, r| {
                b.iter(|| black_box(matcher.score(r).expect("valid")))
            });
            let weights = matcher
                .score(&r)
                .expect("valid")
                .scores()
                .weights(Default::default())
                .expect("valid");
            group.bench_with_input(id("assign"), &weights, |b, w| {
                b.iter(|| {
                    black_box(
                        assignment::solve_with(w, Options::new(Sense::Maximize)).expect("valid"),
                    )
                })
            });
            group.bench_with_input(id("end_to_end"), &r, |b, r| {
                b.iter(|| black_box(matcher.solve(r).expect("valid")))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, matching);
criterion_main!(benches);
