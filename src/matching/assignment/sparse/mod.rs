//! The exact sparse engine: a candidate graph in, an optimal assignment on that graph out.
//!
//! A [`SparseMatrix`] lists only the allowed `(row, column, weight)` cells; every absent cell is
//! forbidden. [`solve_sparse`] returns the same optimum as the dense [`solve_with`](super::solve_with) would on
//! the dense matrix with the absent cells forbidden, with the same [`Options`]: most pairs
//! first with [`Cardinality::Maximum`], the best total alone with [`Cardinality::Any`], the
//! unassigned rows and columns, and a dual certificate that [`verify_sparse`](super::verify_sparse) checks.
//!
//! The algorithm, its complexity and the certificate are documented on [`solve_sparse`].
//!
//! # Examples
//!
//! Three juniors, three seniors, only the pairs a candidate search kept:
//!
//! ```
//! use mentor_match::assignment::{solve_sparse, verify_sparse, Options, Sense, SparseMatrix};
//!
//! let gains = SparseMatrix::from_triplets(3, 3, vec![
//!     (0, 0, 0.9), (0, 1, 0.4),
//!     (1, 0, 0.8),
//!     (2, 2, 0.3),
//! ])?;
//! let best = solve_sparse(&gains, Options::new(Sense::Maximize))?;
//! assert_eq!(best.pairs(), &[(0, 1), (1, 0), (2, 2)]);
//! assert!((best.total() - 1.5).abs() < 1e-12);
//! verify_sparse(&gains, &best)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod components;
mod kernel;
pub(crate) mod local;
mod matrix;
pub(crate) mod repair;
mod reverse;
mod solve;

pub(crate) use components::perfect_optimum;
pub(crate) use local::{ByColumn, TableNames, by_columns};
pub use matrix::SparseMatrix;
pub use solve::solve_sparse;
pub(crate) use solve::solve_sparse_with_progress;
