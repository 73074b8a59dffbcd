//! What both halves lean on and that knows neither: memory checks before allocating, the
//! seeded generator, strict JSON reading.

pub(crate) mod memory;
pub(crate) mod seeded;
pub(crate) mod strict;
