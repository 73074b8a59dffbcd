//! The `mentor_match` Python package: the crate's exact assignment engine with a
//! scipy-compatible face, the pairing strategies and their metrics, the seeded population
//! generator, experiments, and the reverse-mentoring matcher, from numpy.
//!
//! Every solve releases the GIL. Errors of the crate become `ValueError` (bad values, with the
//! crate's message naming the culprit) or `TypeError` (bad types).

use pyo3::prelude::*;

mod engine;
mod errors;
mod research;
mod roster;

/// The module `mentor_match`.
#[pymodule]
fn mentor_match(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    engine::register(m)?;
    research::register(m)?;
    roster::register(m)?;
    Ok(())
}
