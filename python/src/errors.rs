//! How the crate's errors reach Python: `ValueError` for bad values (the crate's message names
//! the culprit), `TypeError` for bad types; the package's own checks list every bad value as
//! the crate does.

use mentor_match::error::MAX_LISTED;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::{PyErr, PyResult};
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

/// The bad values found in what a caller gave, as the crate lists its mistakes: the first
/// [`MAX_LISTED`] named, the rest counted.
#[derive(Default)]
pub struct Bad {
    listed: Vec<String>,
    more: usize,
}

impl Bad {
    /// Records a bad value, its message built only while the list has room.
    pub fn push(&mut self, message: impl FnOnce() -> String) {
        if self.listed.len() < MAX_LISTED {
            self.listed.push(message());
        } else {
            self.more += 1;
        }
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.listed.is_empty() && self.more == 0
    }

    /// Counts `more` bad values found and not listed (the crate's own list's count).
    pub fn count(&mut self, more: usize) {
        self.more += more;
    }

    /// Nothing found: `Ok`; else everything found as one error (see [`and`](Self::and)).
    pub fn finish(self) -> PyResult<()> {
        if self.listed.is_empty() && self.more == 0 {
            return Ok(());
        }
        Err(self.into_error())
    }

    /// Records `message` and returns everything found as one error.
    pub fn and(mut self, message: String) -> PyErr {
        self.push(|| message);
        self.into_error()
    }

    /// Everything found as one error (see [`message`](Self::message)).
    fn into_error(self) -> PyErr {
        value_error(self.message())
    }

    /// One bad value: its message; several: `N mistakes found:` and each on its own line, as
    /// the crate's lists read.
    pub fn message(self) -> String {
        let Bad { mut listed, more } = self;
        if listed.len() == 1 && more == 0 {
            return listed.remove(0);
        }
        let mut text = format!("{} mistakes found:", listed.len() + more);
        for line in &listed {
            text.push_str("\n- ");
            text.push_str(line);
        }
        if more > 0 {
            text.push_str(&format!("\n- and {more} more"));
        }
        text
    }
}

/// The values of `values` (`len` of them) in a buffer reserved first, so that a length taken
/// from outside (an answer for a matrix declaring 10**8 columns, indices read through zero
/// strides) is a `ValueError` naming `what`, not an abort when it cannot be allocated.
pub fn collected<T>(
    len: usize,
    values: impl IntoIterator<Item = T>,
    what: &str,
) -> PyResult<Vec<T>> {
    let mut out = Vec::new();
    out.try_reserve_exact(len)
        .map_err(|_| too_large(what, len))?;
    out.extend(values);
    Ok(out)
}

/// The `ValueError` of a buffer of `len` entries for `what` that cannot be allocated.
pub fn too_large(what: &str, len: usize) -> PyErr {
    value_error(format!(
        "{what} of {len} entries needs more memory than can be allocated"
    ))
}
