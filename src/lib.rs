//! Pairs the participants of mentoring programmes, above all reverse mentoring.
#![forbid(unsafe_code)]

pub mod assignment;
pub mod error;

pub use error::{Error, Result};
