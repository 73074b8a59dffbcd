//! The exact assignment engine: weight matrix in, optimal one-to-one assignment out.
//!
//! This module knows nothing of mentoring. Give it a [`Matrix`] of `f64` or `i64` weights of any
//! shape, say whether to [`Sense::Minimize`] or [`Sense::Maximize`], and [`solve`] returns the
//! best assignment with a dual certificate of its optimality that [`verify`] checks.
//!
//! # What is solved
//!
//! - **Any shape.** Every row of the smaller side is assigned when the allowed cells permit;
//!   0 rows or 0 columns give an empty assignment.
//! - **Forbidden pairs.** `+inf` when minimising and `-inf` when maximising mark a cell that may
//!   not be used (for `i64`, `i64::MAX` and `i64::MIN`). When forbidden cells make it impossible
//!   to cover the smaller side, [`solve`] does not fail: by default ([`Cardinality::Maximum`]) it
//!   returns an assignment with the most pairs and, among those, the best total, and lists who is
//!   left unassigned. With [`Cardinality::Any`] it optimises the total alone, as if staying
//!   unassigned were worth 0 (a pair of weight exactly 0 may or may not be formed: it does not
//!   change the total).
//! - **Exact integers.** `i64` weights, and `f64` weights that are all whole numbers of at most
//!   2^53 in magnitude, are solved in integer arithmetic with no rounding. They are shifted to
//!   start at 0 and stored in the narrowest unsigned type that holds them (one byte a cell for
//!   small scores), so large matrices stay in cache.
//! - **Deterministic.** The same matrix gives the same pairs on every run and platform: every
//!   step follows a fixed order (columns and rows by index, a free column first on a tie in the
//!   search), and exact integer or IEEE arithmetic gives the same values everywhere.
//!
//! # Sparse candidate graphs
//!
//! When only some pairs are candidates, [`SparseMatrix`] lists them alone (absent cells are
//! forbidden) and [`solve_sparse`] finds the same optimum on adjacency lists, one connected
//! component at a time, with the same [`Options`] and a certificate that [`verify_sparse`]
//! checks; see [`solve_sparse`] for the algorithm; the result is the dense engine's [`Solution`].
//!
//! # Alternatives
//!
//! One optimum is one answer; a coordinator reviews others. [`k_best`] lists the `k` best
//! assignments in order of total, without repeats (Murty's ranking, solved lazily), and
//! [`what_if`] answers "pair A with B" or "never pair A with B" ([`Change`]) from an optimum and
//! its certificate: the exact new optimum, the difference in total, the pairs formed and
//! broken, and for a forced pair the bound its reduced cost gives at once ([`WhatIf`]). Both
//! follow the [`Options`] of the problem, [`Cardinality`] included.
//!
//! # Algorithm
//!
//! Shortest augmenting paths over reduced costs, in the form of Crouse (2016), "On implementing
//! 2D rectangular assignment algorithms", IEEE Trans. Aerospace and Electronic Systems 52(4),
//! the algorithm behind `scipy.optimize.linear_sum_assignment`, with four additions:
//!
//! 1. On a complete square matrix, the initialisation of Jonker and Volgenant (1987), "A
//!    shortest augmenting path algorithm for dense and sparse linear assignment problems",
//!    Computing 38: column reduction, reduction transfer and two rounds of augmenting row
//!    reduction, which assign most rows before any search (on a wider matrix, the row
//!    reduction alone). The row reduction works within a budget of steps that grows with the
//!    size, as a search grows dearer.
//! 2. Each Dijkstra step scans a whole row with branch-free `min`/`max` selects over a flat
//!    row-major buffer (scanned columns are masked, not removed), so the compiler vectorises
//!    it; the path is recovered afterwards from the distances instead of being written during
//!    the scan. On ties the search prefers a column that is still free, which keeps tie-heavy
//!    score matrices from exploring long equal-cost paths. On integer costs a distance is kept
//!    as `2d + [column assigned]`, so one plain minimum gives the distance and the free-column
//!    preference at once, reading one array besides the matrix row. On x86-64 processors with
//!    AVX2 the kernel runs compiled for AVX2 (checked at run time), and the float scan is
//!    written with AVX2 intrinsics (the compiler's own vectorisation of it ran 2–3 times
//!    slower); both builds do the same operations in the same order and return the same
//!    result.
//! 3. Float matrices are not read once just to be validated: the survey stops at the first
//!    fractional value, and the initialisation checks each cell for a wrong-signed infinity
//!    as it first reads it (NaN is rejected when the [`Matrix`] is built); a bad cell sends
//!    the matrix to the full survey, which names it.
//! 4. A square float matrix of 1,500 rows or more, every cell finite and at most 1e150 in
//!    magnitude, is first solved from each row's 16 cheapest cells (once every column is
//!    reduced by its minimum): their optimum by the sparse engine's kernel, then one pass over
//!    the whole matrix that makes that optimum's potentials feasible on every cell and keeps
//!    the rows whose pairs stay tight, and the searches above for the rows it frees. Reading
//!    rows is bound by memory bandwidth; this reads the matrix three times, on the machine's
//!    threads (each row's part found alone, so the answer does not depend on them). When
//!    those cells hold no perfect matching, or the pass frees more than one row in 16, the
//!    usual start solves the matrix (the attempt cost two or three reads of it;
//!    BENCHMARKS.md).
//! 5. A float matrix with fewer rows than columns and 2^22 cells or more (oriented
//!    that way: not transposed) first lists each row's 16 cheapest cells, in one pass on the
//!    machine's threads. Its column potentials start at 0 and only fall, so a cell outside
//!    its row's list costs at least the list's largest, and stays so. A row reduction step
//!    reads a row's list instead of the row wherever the list settles the row's two smallest
//!    reduced costs (the same values and columns, so the same answer bit for bit), and the
//!    certificate screens a row by its list when the row's potential is below the list's
//!    largest cost by more than its threshold: every other cell then has a known slack. On
//!    uniform 2,000 × 4,000 matrices the lists settled every row in both places, and the
//!    matrix was read once instead of about 2.25 times: the solve took 0.52–0.69 of its
//!    time without them (BENCHMARKS.md).
//!
//! When some row of the smaller side cannot be reached, the rows that could be assigned form a
//! maximum matching (Kuhn's argument: a row without an augmenting path never gains one later).
//! Its size `k` known, the problem is solved again with `n - k` extra columns of equal cost that
//! every row may use: every optimum of that problem uses exactly `k` real pairs, so it is the
//! best total among the assignments with the most pairs, found exactly with no "big M".
//!
//! With [`Cardinality::Any`], the cells that cost more than staying unassigned are dropped (no
//! optimum uses one) and the kernel pairs the most it can on the rest, with its fast start.
//! Then rounds of one Dijkstra search each, from a node that stands for staying unassigned,
//! give up the pairs that do not pay (each round cancels every negative cycle through that
//! node that it can, sharing no row or column), until a round finds none: its distances are
//! the certificate. When no pair is worth giving up, one round proves it, so the best total
//! alone costs about what the most pairs cost.
//!
//! # Complexity
//!
//! `O(n² m)` time in the worst case for `n <= m` rows and columns (each of `n` searches scans at
//! most `n` rows of `m` cells), far less in practice after the initialisation. Extra memory is
//! `O(m)` beyond the matrix, plus the narrowed or transposed copy of the matrix that the engine
//! solves (never larger than the input for integers, the same size for floats).
//!
//! # Certificate
//!
//! The returned potentials `u` (rows) and `v` (columns) satisfy, for minimisation,
//! `u_i + v_j <= c_ij` on every allowed cell, with equality on every assigned pair (mirrored,
//! `>=`, for maximisation). With [`Cardinality::Maximum`], the assignment has the most pairs
//! (no alternating path joins an unassigned row to a free column), and within each connected
//! component of the allowed cells every unassigned row has a potential no smaller than any
//! assigned row's (for minimisation; no larger for maximisation), and the same for columns:
//! then no assignment with as many pairs has a better total. With [`Cardinality::Any`],
//! assigned rows and columns have potentials `<= 0` (`>= 0` when maximising) and unassigned
//! ones have potential 0: then no assignment at all has a better total. [`verify`] checks
//! these conditions.
//!
//! **Exact for floats too.** Integer weights are checked in exact integer arithmetic. For
//! `f64` weights each comparison is first made in floats with a bound on its rounding taken
//! from the numbers in it, and the comparisons that bound cannot settle (the pairs, and the
//! cells within rounding of tight) are made again in exact arithmetic, where the rounded
//! potentials are corrected by exact shortest paths (the `certificate` module documents the
//! argument). So a certificate that [`verify`] accepts proves the assignment optimal for the
//! exact values of the weights, and [`solve`] runs the same correction on its own float
//! answers: where rounding misled the kernel into a slightly worse assignment (sums that tie in
//! decimal do not tie in binary: `0.1 + 0.2 > 0.3`), the assignment is improved first. The
//! returned potentials are the exact ones rounded to `f64`. Weights and potentials beyond
//! ±2^1020 (about 9e307) are not certified: a weight there is an
//! [`MatrixError::InvalidWeight`](crate::MatrixError::InvalidWeight), and an answer that
//! cannot be proved (a total beyond `f64`, potentials beyond the range) is an
//! [`MatrixError::Uncertified`](crate::MatrixError::Uncertified), never a result that may not
//! be optimal. This costs one more read of the matrix after the solve (on two threads for a
//! large matrix; see BENCHMARKS.md).
//!
//! # Examples
//!
//! Three juniors, two seniors; how much each pair would gain (higher is better), one pair
//! forbidden:
//!
//! ```
//! use mentor_match::assignment::{solve, verify, Matrix, Sense};
//!
//! let gains = Matrix::from_vec(3, 2, vec![
//!     0.9, 0.4,
//!     0.8, f64::NEG_INFINITY,
//!     0.3, 0.2,
//! ])?;
//! let best = solve(&gains, Sense::Maximize)?;
//! assert_eq!(best.pairs(), &[(0, 1), (1, 0)]);
//! assert!((best.total() - 1.2).abs() < 1e-12);
//! assert_eq!(best.unassigned_rows(), &[2]);
//! verify(&gains, &best)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod avx2;
mod best_total;
mod certificate;
mod cheapest;
mod constrained;
mod core;
mod dense;
mod k_best;
mod matrix;
mod options;

mod solution;
mod sparse;
pub(crate) mod split;
mod warm;
mod weight;
mod what_if;
mod wide;

pub use certificate::{CertificateError, verify, verify_sparse};
pub(crate) use certificate::{Exact, compare_exact, correctly_rounded_sum, exact_sign};
pub use constrained::Alternative;
pub(crate) use dense::solve_with_progress;
pub use dense::{solve, solve_with};
pub use k_best::k_best;
pub use matrix::Matrix;
pub use options::{Cardinality, Cell, Options, Sense};
pub use solution::Solution;
pub(crate) use sparse::solve_sparse_with_progress;
pub(crate) use sparse::{ByColumn, TableNames, by_columns};
pub use sparse::{SparseMatrix, solve_sparse};
pub use weight::Weight;
pub(crate) use weight::{BEYOND_CERTIFIED, CERTIFIED_RANGE};
pub use what_if::{Change, WhatIf, what_if};
