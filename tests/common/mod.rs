//! Helpers shared by the integration tests (each test file includes this module).
//!
//! Each test file is its own crate and uses only some of these helpers, so unused ones are not
//! warnings here.
#![allow(dead_code)]

pub mod brute;
pub mod exact;

use proptest::test_runner::Config as ProptestConfig;

/// `cases` per property, unless `PROPTEST_CASES` asks for another number (for a longer hunt).
/// Failures are reported in the test output, not written to files.
pub fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|x| x.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}
