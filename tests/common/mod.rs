//! Helpers shared by the integration tests (each test file includes this module).
//!
//! Each test file is its own crate and uses only some of these helpers, so unused ones are not
//! warnings here.
#![allow(dead_code)]

pub mod brute;
pub mod exact;
pub mod files;
pub mod roster;
pub mod skills;

use mentor_match::assignment::{Cardinality, Options, Sense};
use mentor_match::{MatrixError, PairScores};
use proptest::sample::select;
use proptest::strategy::Strategy;
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

/// Either sense.
pub fn senses() -> impl Strategy<Value = Sense> {
    select(vec![Sense::Minimize, Sense::Maximize])
}

/// Either cardinality.
pub fn cardinalities() -> impl Strategy<Value = Cardinality> {
    select(vec![Cardinality::Maximum, Cardinality::Any])
}

/// Solver options of either sense and either cardinality.
pub fn options() -> impl Strategy<Value = Options> {
    (senses(), cardinalities())
        .prop_map(|(sense, cardinality)| Options::new(sense).with_cardinality(cardinality))
}

/// SplitMix64: a tiny seeded generator, enough for test inputs.
pub struct SplitMix(pub u64);

impl SplitMix {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (slightly biased, which test inputs do not mind).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The cells the mistakes of `e` name, in order: each must be an `InvalidWeight` (one, or each
/// of a list).
pub fn invalid_cells(e: &MatrixError) -> Vec<(usize, usize)> {
    e.all()
        .iter()
        .map(|e| match e {
            MatrixError::InvalidWeight { row, col, .. } => (*row, *col),
            other => panic!("expected InvalidWeight, got {other:?}"),
        })
        .collect()
}
