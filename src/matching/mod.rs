//! The matching half: matrices in, pairs out. It knows rows and columns, never people, and
//! imports nothing from the mentoring half.
//!
//! - [`assignment`]: the exact assignment engine (dense and sparse) and its certificate;
//! - [`flow`]: maximum bipartite matching (Hopcroft–Karp) and maximum flow (push–relabel);
//! - [`capacitated`]: exact many-to-many assignment by minimum-cost flow;
//! - [`pair_scores`]: the two utility matrices every strategy reads;
//! - [`strategy`]: the pairing strategies; [`metrics`]: what a pairing achieves;
//! - [`evaluation`]: every strategy on one instance, with its metrics;
//! - [`experiment`]: strategies over many seeded instances; [`formats`]: matrix and instance files.

pub mod assignment;
pub mod capacitated;
pub mod error;
#[cfg(feature = "json")]
pub mod evaluation;
pub mod experiment;
pub(crate) mod flow;
pub mod formats;
pub(crate) mod memory;
pub mod metrics;
pub mod pair_scores;
pub mod strategy;
