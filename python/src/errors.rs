//! How the crate's errors reach Python: `ValueError` for bad values (the crate's message names
//! the culprit), `TypeError` for bad types.

use pyo3::PyErr;
use pyo3::exceptions::{PyTypeError, PyValueError};
use std::fmt::Display;

/// A `ValueError` with the crate's message.
#[allow(dead_code)]
pub fn value_error(error: impl Display) -> PyErr {
    PyValueError::new_err(error.to_string())
}

/// A `TypeError` with `message`.
#[allow(dead_code)]
pub fn type_error(message: impl Display) -> PyErr {
    PyTypeError::new_err(message.to_string())
}
