//! What both halves lean on and that knows neither: the
//! seeded generator, strict JSON reading.

pub(crate) mod renamed;
pub(crate) mod seeded;
pub(crate) mod strict;
