//! End-to-end matching on synthetic rosters: scoring every pair both ways, then the engine.
//!
//! `cargo bench --bench matching`. The roster is built outside the timed code from a fixed
//! seed, so every run measures the same input.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use mentor_match::assignment::{self, Options, Sense};
use mentor_match::{Matcher, ParticipantSpec, Roster, RosterSpec, Side, SkillSpec};
use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::hint::black_box;

const DIGITAL: [&str; 6] = [
    "social-media",
    "data-analytics",
    "cloud-tools",
    "ai-assistants",
    "collaboration-tools",
    "security-hygiene",
];
const LEADERSHIP: [&str; 6] = [
    "communication",
    "strategy",
    "negotiation",
    "stakeholder-management",
    "career-planning",
    "leading-teams",
];

/// A reverse-mentoring roster: juniors lean digital, seniors lean leadership, with noise.
fn roster(juniors: usize, seniors: usize, seed: u64) -> Roster {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut spec = RosterSpec::new();
    for s in DIGITAL {
        spec = spec.with_skill(SkillSpec::new(s).with_category("digital"));
    }
    for s in LEADERSHIP {
        spec = spec.with_skill(SkillSpec::new(s).with_category("leadership"));
    }
    spec = spec.with_skill(
        SkillSpec::new("spreadsheets")
            .with_category("digital")
            .with_parent("data-analytics"),
    );
    let languages = ["en", "pl", "de"];
    for k in 0..juniors + seniors {
        let side = if k < juniors {
            Side::Junior
        } else {
            Side::Senior
        };
        let (teach, learn) = if side == Side::Junior {
            (DIGITAL, LEADERSHIP)
        } else {
            (LEADERSHIP, DIGITAL)
        };
        let mut p = ParticipantSpec::new(format!("p{k}"), side)
            .with_department(format!("d{}", rng.random_range(0..8)))
            .with_languages(["en", languages[rng.random_range(0..3)]]);
        p = match side {
            Side::Junior => p.with_experience_years(rng.random_range(0..8) as f64),
            Side::Senior => p.with_experience_years(rng.random_range(8..35) as f64),
        };
        for _ in 0..rng.random_range(2..5) {
            p = p.with_skill(teach[rng.random_range(0..6)], rng.random_range(2..6));
        }
        if rng.random_bool(0.3) {
            p = p.with_skill(learn[rng.random_range(0..6)], rng.random_range(1..4));
        }
        for _ in 0..rng.random_range(1..4) {
            p = p.with_wish(learn[rng.random_range(0..6)], rng.random_range(1..6));
        }
        spec = spec.with_participant(p);
    }
    Roster::new(spec).expect("the synthetic roster is valid")
}

fn matching(c: &mut Criterion) {
    let mut group = c.benchmark_group("matching");
    group.sample_size(10);
    for n in [500usize, 2000] {
        let r = roster(n, n, 7);
        let matcher = Matcher::new();
        group.bench_with_input(BenchmarkId::new("score", n), &r, |b, r| {
            b.iter(|| black_box(matcher.score(r).expect("valid")))
        });
        let weights = matcher
            .score(&r)
            .expect("valid")
            .scores()
            .weights(Default::default())
            .expect("valid");
        group.bench_with_input(BenchmarkId::new("assign", n), &weights, |b, w| {
            b.iter(|| {
                black_box(assignment::solve_with(w, Options::new(Sense::Maximize)).expect("valid"))
            })
        });
        group.bench_with_input(BenchmarkId::new("end_to_end", n), &r, |b, r| {
            b.iter(|| black_box(matcher.solve(r).expect("valid")))
        });
    }
    group.finish();
}

criterion_group!(benches, matching);
criterion_main!(benches);
