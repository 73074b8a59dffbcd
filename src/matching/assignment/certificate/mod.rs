//! The certificate: the proof that an assignment is optimal, checked the same way for dense and
//! sparse matrices.
//!
//! # What proves an assignment optimal
//!
//! In minimisation form (weights negated when maximising), an assignment `M` of a matrix whose
//! allowed cells cost `c_ij` is optimal exactly when its *residual graph* has no cycle of
//! negative cost (Klein's cycle condition for minimum-cost flows). The nodes are the rows, the
//! columns, a *pool* where rows stay unassigned and a *sink* where columns end; the arcs are
//! `i -> j` (cost `c_ij`) for every allowed cell outside `M`, `j -> i` (cost `-c_ij`) for every
//! pair, a paired row to the pool and the pool to every unassigned row, a free column to the
//! sink and the sink to every taken column (cost 0 each), and, when staying unassigned is worth
//! 0 ([`Cardinality::Any`]), the pool and the sink joined both ways. There is no negative cycle
//! exactly when node labels exist that no arc can lower, and the solution's potentials are such
//! labels: `u_i + v_j <= c_ij` on every allowed cell with equality on the pairs, and
//!
//! - with [`Cardinality::Maximum`], within each connected component of the allowed cells, every
//!   unassigned row's potential at least every assigned row's, and every free column's at least
//!   every taken column's; and the assignment has the most pairs (no augmenting path, Berge
//!   1957), which no potential shows, so it is checked by a search;
//! - with [`Cardinality::Any`], assigned rows and columns at most 0 and unassigned ones at
//!   least 0.
//!
//! # Exact for floats too
//!
//! Integer weights are checked exactly in `i128`. Float weights cannot be compared naively:
//! `u_i + v_j` rounds, so a tolerance that is too wide accepts wrong answers and one that is too
//! narrow rejects right ones. Each comparison is first made in floats with a bound on its
//! rounding error taken from the numbers in it; the comparisons that bound cannot decide, and
//! the pairs, are made again in exact arithmetic, where rounded potentials are corrected by
//! exact shortest paths (see the `float` module). So [`verify`] and [`verify_sparse`] accept
//! only assignments that are optimal for the exact values of the weights, and the solvers run
//! the same correction on their own answers (improving them where rounding misled them), or
//! refuse to answer.

mod cells;
mod check;
mod error;
mod exact;
mod float;
mod integer;
mod structure;

pub(crate) use cells::Cells;
pub(crate) use check::{certify, certify_listed};
pub use check::{verify, verify_sparse};
pub use error::CertificateError;
pub(crate) use exact::{Exact, compare_exact, correctly_rounded_sum, exact_sign};
