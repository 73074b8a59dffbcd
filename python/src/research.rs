//! The research harness: the pairing strategies, their metrics, the seeded synthetic
//! populations and experiments, on two numpy gain matrices.
//!
//! Gains cross as 2-D float arrays, `junior_gain[j, s]` (what junior `j` gains from senior `s`)
//! and `senior_gain[j, s]`; a pair is forbidden where either is NaN or where the optional
//! boolean `mask` is False. Both are copied once into the crate's `PairScores` (a forbidden
//! cell's gains become 0, as a `null` cell of a strategies instance does), so `pair`, `metrics`
//! and `evaluate` see the same scores. Documents of the crate (a metrics report, an
//! evaluation, a roster) cross as its JSON, parsed by Python's `json`, which reads every
//! number back exactly. Every strategy, evaluation, population and experiment runs with the
//! GIL released.
//!
//! The files: `convert` (Python objects to the crate's values, and its JSON documents back),
//! `options` (a population's keyword options and size limits), `strategies` (`strategies`,
//! `pair`, `metrics`, `evaluate`) and `populations` (`population`, `population_roster`,
//! `experiment`).

use pyo3::prelude::*;

mod convert;
mod options;
mod populations;
mod strategies;

pub(crate) use convert::{count_of, json_to_python, type_name, whole};

/// Registers the research functions in the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(strategies::strategies, m)?)?;
    m.add_function(wrap_pyfunction!(strategies::pair, m)?)?;
    m.add_function(wrap_pyfunction!(strategies::metrics, m)?)?;
    m.add_function(wrap_pyfunction!(strategies::evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(populations::population, m)?)?;
    m.add_function(wrap_pyfunction!(populations::population_roster, m)?)?;
    m.add_function(wrap_pyfunction!(populations::experiment, m)?)?;
    Ok(())
}
