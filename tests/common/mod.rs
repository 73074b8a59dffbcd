//! Helpers shared by the integration tests (each test file includes this module).
//!
//! Each test file is its own crate and uses only some of these helpers, so unused ones are not
//! warnings here.
#![allow(dead_code)]

pub mod brute;
pub mod exact;
pub mod files;
pub mod roster;

use mentor_match::PairScores;
use proptest::test_runner::{Config as ProptestConfig, RngSeed};

/// The seed of every property's cases unless `PROPTEST_RNG_SEED` names another: the same cases
/// on every run, so that CI passes or fails on the code alone.
const SEED: u64 = 20_261_203;

/// `cases` per property, unless `PROPTEST_CASES` asks for another number, and a fixed seed
/// unless `PROPTEST_RNG_SEED` asks for another (for a longer or a fresh hunt: the seed is
/// printed with a failure). Failures are reported in the test output, not written to files.
pub fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|x| x.parse().ok())
        .unwrap_or(cases);
    let default = ProptestConfig::default();
    let rng_seed = match std::env::var("PROPTEST_RNG_SEED") {
        Ok(_) => default.rng_seed,
        Err(_) => RngSeed::Fixed(SEED),
    };
    ProptestConfig {
        cases,
        rng_seed,
        failure_persistence: None,
        ..default
    }
}

/// Each agent's utility under `pairs` (juniors first, unmatched 0).
pub fn utilities(scores: &PairScores, pairs: &[(usize, usize)]) -> Vec<f64> {
    let n = scores.juniors();
    let mut u = vec![0.0; n + scores.seniors()];
    for &(j, s) in pairs {
        u[j] = scores.junior_gain(j, s);
        u[n + s] = scores.senior_gain(j, s);
    }
    u
}

/// Does not compile unless every type named is `Send + Sync + 'static`; usable in a test and in
/// a `const` item.
#[allow(unused_macros)]
macro_rules! assert_send_sync {
    ($($t:ty),+ $(,)?) => {{
        const fn check<T: Send + Sync + 'static>() {}
        $(check::<$t>();)+
    }};
}
#[allow(unused_imports)]
pub(crate) use assert_send_sync;
