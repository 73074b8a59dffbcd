//! Helpers shared by the integration tests (each test file includes this module).

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
