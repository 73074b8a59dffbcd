//! The mentoring half: people in, pairs with reasons out. It turns a roster into the matching
//! half's matrices, solves them there, and speaks of participants again in its results and
//! errors. It may import the matching half; the matching half never imports it.
//!
//! - [`model`]: participants, skills, the roster as written and as validated;
//! - [`score`] and [`rules`]: mutual benefit in each direction, and the hard rules;
//! - [`roster_scores`]: a roster's pair scores, kept with the roster they belong to;
//! - [`candidates`]: sparse candidate graphs for large rosters;
//! - [`matcher`]: the front door, a roster to a matching with reasons;
//! - [`diagnosis`]: why a programme cannot match everyone;
//! - [`fairness`]: how each group of participants, by any attribute, fared in a matching;
//! - [`programme`]: locks, bans, rematching and rotation rounds;
//! - [`generate`]: seeded synthetic populations (feature `generate`, on by default);
//! - [`error`]: the crate's error, which wraps the matching half's.

pub mod candidates;
pub mod diagnosis;
pub mod error;
pub mod fairness;
#[cfg(feature = "generate")]
pub mod generate;
pub mod matcher;
pub(crate) mod mistakes;
pub mod model;
pub mod programme;
pub(crate) mod roster_scores;
pub mod rules;
pub mod score;
