//! What both halves lean on and that knows neither: the seeded generator, strict JSON
//! reading, reading a document key by key to name every mistake, the byte-order mark readers
//! drop, where a value stands in a JSON text, the processor's prefetch hint, the list of every
//! mistake an input holds.

#[cfg(any(feature = "json", feature = "csv"))]
pub(crate) mod byte_order_mark;
pub(crate) mod format_version;
#[cfg(feature = "json")]
pub(crate) mod json_text;
#[cfg(feature = "json")]
pub(crate) mod key_by_key;
pub(crate) mod mistakes;
pub(crate) mod names;
pub(crate) mod prefetch;
pub(crate) mod seeded;
pub(crate) mod setters;
pub(crate) mod strict;
