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

    /// Nothing found: `Ok`; one: its message; several: `N mistakes found:` and each on its
    /// own line, as the crate's lists read.
    pub fn finish(self) -> PyResult<()> {
        let Bad { listed, more } = self;
        match (listed.as_slice(), more) {
            ([], _) => Ok(()),
            ([one], 0) => Err(value_error(one)),
            _ => {
                let mut text = format!("{} mistakes found:", listed.len() + more);
                for line in &listed {
                    text.push_str("\n- ");
                    text.push_str(line);
                }
                if more > 0 {
                    text.push_str(&format!("\n- and {more} more"));
                }
                Err(value_error(text))
            }
        }
    }
}
