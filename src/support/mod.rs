//! What both halves lean on and that knows neither: the
//! seeded generator, strict JSON reading.

pub(crate) mod format_version;
pub(crate) mod names;
pub(crate) mod seeded;
pub(crate) mod setters;
pub(crate) mod strict;
