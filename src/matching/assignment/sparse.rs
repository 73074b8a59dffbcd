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

use super::certificate;
use super::repair;
use crate::matching::assignment::options::{Cardinality, Cell, Options, Sense};
use crate::matching::assignment::solution::Solution;
use crate::matching::assignment::weight::{BEYOND_CERTIFIED, Weight};
use crate::matching::error::{MatrixError, Result};
use crate::matching::flow::bipartite::{Graph, maximum_matching, maximum_matching_size};
use petgraph::unionfind::UnionFind;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// Marks "no row" / "no column".
pub(super) const NONE: usize = usize::MAX;
/// A row on one of the shared extra columns ([`Cardinality::Maximum`], deficient component).
const SHARED: usize = usize::MAX - 1;
/// A row on its private extra column ([`Cardinality::Any`]).
const PRIVATE: usize = usize::MAX - 2;

/// A sparse `rows x cols` weight matrix: per row, the present cells as sorted column indices
/// and their weights (compressed sparse rows). Absent cells are forbidden.
///
/// Built once and validated once: NaN, a cell outside the shape and a cell given twice are
/// rejected with the cell at fault.
///
/// # Examples
///
/// ```
/// use mentor_match::assignment::SparseMatrix;
///
/// let m = SparseMatrix::from_triplets(2, 3, vec![(1, 2, 5_i64), (0, 1, 7), (1, 0, 4)])?;
/// assert_eq!((m.rows(), m.cols(), m.nnz()), (2, 3, 3));
/// assert_eq!(m.get(1, 2), Some(5));
/// assert_eq!(m.get(0, 0), None);
/// assert_eq!(m.row(1).collect::<Vec<_>>(), vec![(0, 4), (2, 5)]);
///
/// let err = SparseMatrix::from_triplets(1, 2, vec![(0, 1, 0.5), (0, 1, 0.25)]).unwrap_err();
/// assert_eq!(err.to_string(), "sparse matrix cell (0, 1) is not valid: it is given more than once");
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SparseMatrix<T> {
    rows: usize,
    cols: usize,
    /// The cells of row `r` are `start[r]..start[r + 1]`.
    start: Vec<usize>,
    col: Vec<usize>,
    val: Vec<T>,
}

impl<T: Weight> SparseMatrix<T> {
    /// A sparse matrix from `(row, column, weight)` triplets in any order.
    ///
    /// # Complexity
    ///
    /// `O(E log E)` time for `E` triplets (one sort), `O(E + rows)` memory.
    ///
    /// # Errors
    ///
    /// - [`MatrixError::InvalidTriplet`] naming the first triplet (in the order given) outside the
    ///   shape, or the first cell (in row, then column order) given more than once;
    /// - [`MatrixError::InvalidWeight`] naming the first triplet (in the order given) that holds NaN.
    pub fn from_triplets(
        rows: usize,
        cols: usize,
        mut triplets: Vec<(usize, usize, T)>,
    ) -> Result<Self> {
        for &(r, c, x) in &triplets {
            if r >= rows || c >= cols {
                return Err(MatrixError::InvalidTriplet {
                    row: r,
                    col: c,
                    why: "it lies outside the matrix",
                });
            }
            if let Some(why) = x.reject() {
                return Err(MatrixError::InvalidWeight {
                    row: r,
                    col: c,
                    value: format!("{x:?}"),
                    why,
                });
            }
        }
        triplets.sort_unstable_by_key(|&(r, c, _)| (r, c));
        if let Some(w) = triplets
            .windows(2)
            .find(|w| (w[0].0, w[0].1) == (w[1].0, w[1].1))
        {
            return Err(MatrixError::InvalidTriplet {
                row: w[0].0,
                col: w[0].1,
                why: "it is given more than once",
            });
        }
        // The row index is `rows + 1` long: a shape from outside is checked before it is
        // allocated.
        let too_large = || MatrixError::TooLarge {
            what: "a sparse matrix",
            rows,
            cols,
        };
        let mut start = crate::matching::memory::reserved(
            rows.checked_add(1).ok_or_else(too_large)?,
            too_large,
        )?;
        start.resize(rows + 1, 0);
        for &(r, _, _) in &triplets {
            start[r + 1] += 1;
        }
        for r in 0..rows {
            start[r + 1] += start[r];
        }
        let (col, val) = triplets.into_iter().map(|(_, c, x)| (c, x)).unzip();
        Ok(SparseMatrix {
            rows,
            cols,
            start,
            col,
            val,
        })
    }

    /// A sparse matrix from compressed rows the crate built itself (sorted, distinct, in
    /// range, no NaN), without the checks and the sort of [`from_triplets`](Self::from_triplets).
    pub(crate) fn from_csr(
        rows: usize,
        cols: usize,
        start: Vec<usize>,
        col: Vec<usize>,
        val: Vec<T>,
    ) -> Self {
        debug_assert_eq!(start.len(), rows + 1);
        debug_assert_eq!(start[rows], col.len());
        debug_assert!((0..rows).all(|r| col[start[r]..start[r + 1]].is_sorted_by(|a, b| a < b)));
        debug_assert!(col.iter().all(|&c| c < cols));
        SparseMatrix {
            rows,
            cols,
            start,
            col,
            val,
        }
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// Number of present cells.
    pub fn nnz(&self) -> usize {
        self.col.len()
    }

    /// The present cells of `row` as `(column, weight)`, by increasing column; nothing for a
    /// row outside the matrix.
    pub fn row(&self, row: usize) -> impl Iterator<Item = (usize, T)> + '_ {
        let range = if row < self.rows {
            self.start[row]..self.start[row + 1]
        } else {
            0..0
        };
        range.map(|k| (self.col[k], self.val[k]))
    }

    /// The present cells of `row` (which must exist): their columns and weights.
    pub(super) fn row_slices(&self, row: usize) -> (&[usize], &[T]) {
        let range = self.start[row]..self.start[row + 1];
        (&self.col[range.clone()], &self.val[range])
    }

    /// The cell `(row, col)`, or `None` when it is absent or outside the matrix.
    pub fn get(&self, row: usize, col: usize) -> Option<T> {
        if row >= self.rows {
            return None;
        }
        let (a, b) = (self.start[row], self.start[row + 1]);
        self.col[a..b]
            .binary_search(&col)
            .ok()
            .map(|k| self.val[a + k])
    }
}

/// Solves the assignment problem on the candidate graph `matrix` with the given [`Options`]:
/// the same optimum as the dense engine on the dense matrix whose absent cells are forbidden.
///
/// # Algorithm
///
/// 1. **Components.** Rows and columns joined by an allowed cell form connected components
///    (union–find); every matching splits into matchings of the components, so each is solved
///    on its own, with its rows and columns renumbered in increasing order (ties still break by
///    the original index). Isolated rows and columns are left unassigned at once. A
///    component with more rows than columns is solved transposed, so that few rows are left
///    over (the certificate's conditions are symmetric in rows and columns). When two or more
///    components have at least 4,096 rows and columns, those are solved on the machine's
///    threads at once (two 50,000 × 50,000 random components: 0.49 s together against 0.91 s
///    one after the other on two cores); the result does not depend on the threads.
/// 2. **With [`Cardinality::Maximum`], first an auction proved optimal** (see the `repair`
///    module). A forward auction (Bertsekas 1988) with ε-scaling (bid increments from 1/100
///    of the largest weight down to 1/6,400, prices kept from phase to phase) pairs the rows
///    with local bids. The rows that a maximum matching leaves out are places priced like
///    columns, so the auction's result is already a maximum matching (Hopcroft–Karp
///    completes it if the auction's budget of `512 n` bids ran out). The proof is a feasible
///    potential of the matching's residual graph (rows, columns, a node where rows stay out
///    and one where columns end), found by Bellman–Ford with a queue from the auction's
///    prices, with Tarjan's subtree disassembly so that a negative cycle is caught as soon as
///    it closes; a negative cycle is an improvement and is flipped, so the result is optimal
///    whatever the auction found. The potential is the certificate below. This path has a
///    budget of `64 (E + V)` arc scans; a component that needs more is solved by the kernel
///    of steps 3 to 5 instead. (On the candidate graphs of generated rosters, where almost
///    every score ties at 1, the kernel's last searches walk most of the graph: the raw
///    100,000 + 100,000 graph takes the kernel alone 147 s, this path 1.7 s; see
///    BENCHMARKS.md.) `f64` labels move only by more than `1e-12` times the largest weight,
///    so rounding cannot make them go round forever; `i64` weights are exact. (Float answers
///    are then made exact by the certificate, step 6.) With
///    [`Cardinality::Any`] the kernel solves directly: any row may stay out there, so the
///    residual graph's node for staying out joins every row, and on 100,000 × 100,000 random
///    graphs the correction ran out of budget after 4.3 s where the kernel takes 3.8 s.
/// 3. **Otherwise, shortest augmenting paths on adjacency lists**, in the style of LAPMOD (Jonker and
///    Volgenant 1987, "A shortest augmenting path algorithm for dense and sparse linear
///    assignment problems", Computing 38): rows are taken in increasing index order; from each,
///    Dijkstra's algorithm over the reduced costs `c_ij - u_i - v_j` (a binary heap keyed by
///    distance, then column index) finds a cheapest alternating path to a free column; the path
///    is flipped and the potentials updated as in Crouse (2016) so the new pairs are tight.
///    Only the columns a search touches are visited, so one search costs `O(E' log V')` for the
///    `E'` edges and `V'` vertices it reaches.
/// 4. **Cardinality.** With [`Cardinality::Any`] every row also owns a private extra column of
///    cost 0 (staying unassigned), so every search succeeds and the row-perfect optimum of the
///    extended problem is the best partial assignment. With [`Cardinality::Maximum`] the size
///    `k` of a maximum matching of each component is found first (Hopcroft–Karp); when it is
///    below the component's row count `r`, the rows share `r - k` extra columns of cost 0 open
///    to all of them, exactly the dense engine's construction, so every optimum uses `k` real
///    pairs and no "big M" is needed. The extra columns are never stored: free ones are one
///    shared target; taken ones share one potential (they are interchangeable, so their
///    potentials are equal) and act as one node whose rows are reached together.
/// 5. **A cheap start** for the kernel: the initialisation of Jonker and Volgenant on the adjacency lists,
///    two budgeted rounds of augmenting row reduction, which assign many rows without a
///    search. With [`Cardinality::Maximum`] it starts from the column prices of a forward
///    auction (Bertsekas 1988): rows bid for the columns everyone wants, which prices them so
///    that the searches that follow stay short; only columns every maximum matching covers
///    keep a price, so every column that ends unassigned has potential 0 as the certificate
///    needs (if one did not, the component would be solved again from the plain start). With
///    [`Cardinality::Any`], on a square component with a perfect matching, it starts with
///    column reduction; elsewhere columns start at 0. Staying unassigned (reduced cost 0)
///    counts as a row's option in the row reduction, never taken there, so every extra column
///    stays feasible.
/// 6. **An exact certificate** for `f64` weights: the answer's potentials are checked with a
///    rounding bound per comparison, and the near-tight comparisons corrected in exact
///    arithmetic (see [`verify_sparse`](super::verify_sparse)); a cycle that rounding left
///    unflipped is flipped there. `O(E + V)` plus exact work on the near-tight cells.
///
/// # Complexity
///
/// The auction path is budgeted: `O(n d)` for the bids (`512 n` of them, `d` the largest
/// row degree), `O(E √V)` for Hopcroft–Karp and `O(E + V)` for the correction (`64 (E + V)`
/// arc scans); on the fallback, the kernel is `O(n E log V)` time in the worst case for `n`
/// rows, `E` allowed cells and `V` rows and columns (each of `n` searches may reach a whole
/// component), far less in practice since a search stops at the first free column, and its
/// start `O(E + n d)` (its steps are budgeted). Extra memory is
/// `O(E + V)`: one renumbered copy of the graph in minimisation form.
///
/// # Certificate
///
/// The potentials follow the dense engine's conventions on the present cells: for
/// minimisation `u_i + v_j <= c_ij` on every allowed present cell, with equality on every
/// assigned pair (mirrored for maximisation). With [`Cardinality::Any`], every potential is
/// `<= 0` (`>= 0` when maximising) and unassigned rows and columns have potential 0. With
/// [`Cardinality::Maximum`], **within each connected component** every unassigned row has a
/// potential no smaller than any assigned row's (for minimisation), and the same for columns.
/// That is enough: every assignment with as many pairs uses, in each component, exactly as
/// many pairs as the solution does (no component can hold more), so the per-component bound
/// applies. Across components the potentials are not normalised, so the dense [`verify`](super::verify) may
/// reject a sparse certificate that [`verify_sparse`](super::verify_sparse) accepts.
///
/// # Errors
///
/// - [`MatrixError::InvalidWeight`] when a present cell cannot be used in this sense: `-inf` when
///   minimising or `+inf` when maximising (`+inf` when minimising, `-inf` when maximising, and
///   `i64::MAX` / `i64::MIN` likewise, forbid the cell as an absent one does), or an `f64`
///   beyond ±2^1020;
/// - [`MatrixError::Uncertified`] when a float answer cannot be proved optimal in exact arithmetic
///   (a total beyond `f64`, numbers too far apart); see [`verify_sparse`](super::verify_sparse);
/// - [`MatrixError::TooLarge`] when the matrix declares more columns than can be held.
///
/// # Examples
///
/// Juniors 0 and 1 both want senior 0 most; the most pairs come first:
///
/// ```
/// use mentor_match::assignment::{solve_sparse, Cardinality, Options, Sense, SparseMatrix};
///
/// let m = SparseMatrix::from_triplets(2, 2, vec![(0, 0, 5_i64), (1, 0, 4), (1, 1, 1)])?;
/// let most = solve_sparse(&m, Options::new(Sense::Maximize))?;
/// assert_eq!(most.pairs(), &[(0, 0), (1, 1)]);
/// assert_eq!(most.total(), 6);
/// // Read as costs, every pair costs more than staying apart, which is worth 0:
/// let any = solve_sparse(&m, Options::new(Sense::Minimize).with_cardinality(Cardinality::Any))?;
/// assert!(any.pairs().is_empty());
/// assert_eq!(any.unassigned_rows(), &[0, 1]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn solve_sparse<T: Weight>(matrix: &SparseMatrix<T>, options: Options) -> Result<Solution<T>> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    solve_sparse_with_progress(matrix, options, None, threads, &mut |_, _| {})
}

/// [`solve_sparse`], calling `progress(rows settled, rows to settle)` from time to time (at
/// most about a thousand times). With `warm`, a solution of the same shape (for example of a
/// graph this one extends), its potentials are the auction's starting prices: only its
/// last, finest phase then runs. The result is optimal either way; `warm` only saves time.
/// Large components are solved on up to `threads` threads.
pub(crate) fn solve_sparse_with_progress<T: Weight>(
    matrix: &SparseMatrix<T>,
    options: Options,
    warm: Option<&Solution<T>>,
    threads: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Solution<T>> {
    let zero = T::total_from_int(0);
    let sense = options.sense;
    let (nr, nc) = (matrix.rows, matrix.cols);
    if matrix.nnz() == 0 {
        // Nothing to pair; the lists are reserved first, as a shape may be huge.
        return Solution::empty(nr, nc, options);
    }
    // Per-column state below is `O(nc)`: a matrix of few rows may declare a huge number of
    // columns, checked here before anything is allocated for them.
    crate::matching::memory::reserved::<(T::Total, usize)>(nc, || MatrixError::TooLarge {
        what: "an assignment of a sparse matrix",
        rows: nr,
        cols: nc,
    })?;
    // The allowed cells in minimisation form, still in CSR order.
    let mut start = Vec::with_capacity(nr + 1);
    let mut adj: Vec<(usize, T::Total)> = Vec::with_capacity(matrix.nnz());
    start.push(0);
    for r in 0..nr {
        for k in matrix.start[r]..matrix.start[r + 1] {
            let x = matrix.val[k];
            match x.cell(sense) {
                // Refused before solving: the float arithmetic of the auction and the repair
                // would overflow on it, and the certificate refuses it anyway.
                Cell::Allowed if x.beyond_certified() => {
                    return Err(MatrixError::InvalidWeight {
                        row: r,
                        col: matrix.col[k],
                        value: format!("{x:?}"),
                        why: BEYOND_CERTIFIED,
                    });
                }
                Cell::Allowed => {
                    let c = x.to_total();
                    adj.push((
                        matrix.col[k],
                        if sense == Sense::Maximize {
                            zero - c
                        } else {
                            c
                        },
                    ));
                }
                Cell::Forbidden => {}
                Cell::Invalid(why) => {
                    return Err(MatrixError::InvalidWeight {
                        row: r,
                        col: matrix.col[k],
                        value: format!("{x:?}"),
                        why,
                    });
                }
            }
        }
        start.push(adj.len());
    }
    let comps = components(nr, nc, &start, adj.iter().map(|e| e.0));
    // The auction's bid increment: a hundredth of the largest weight (at least one unit).
    let scale = (0..nr)
        .flat_map(|r| matrix.start[r]..matrix.start[r + 1])
        .map(|k| matrix.val[k].to_f64())
        .filter(|x| x.is_finite())
        .fold(0.0f64, |a, x| a.max(x.abs()));
    let mut eps = T::total_from_f64(scale / 100.0);
    if eps <= zero {
        eps = T::total_from_int(1);
    }
    // Epsilon-scaling: each phase divides the bid increment by 4, down to 1/6,400 of the
    // largest weight (measured on generated rosters of 50,000 + 50,000: coarser ends leave
    // cycles to flip, finer ones cost more bids than they save).
    let mut phases = vec![eps];
    let mut d = 100.0;
    for _ in 1..4 {
        d *= 4.0;
        let e = T::total_from_f64(scale / d);
        if e > zero && phases.last().is_some_and(|&last| e < last) {
            phases.push(e);
        }
    }
    let warm = warm.filter(|w| w.rows == nr && w.cols == nc && w.options.sense == sense);
    if warm.is_some() {
        phases.drain(..phases.len() - 1);
    }
    // A warm start's potentials in minimisation form.
    let flip = |x: T::Total| {
        if sense == Sense::Maximize {
            zero - x
        } else {
            x
        }
    };
    let warm_u: Option<Vec<T::Total>> =
        warm.map(|w| w.row_potentials.iter().map(|&x| flip(x)).collect());
    let warm_v: Option<Vec<T::Total>> =
        warm.map(|w| w.col_potentials.iter().map(|&x| flip(x)).collect());
    // Labels improve only by more than the slack: 0 for integers, exact; for floats a
    // rounding allowance far inside `verify_sparse`'s tolerance, which the result must meet
    // ten times over (`as_f64_slice` answers for the type).
    let limits = if T::as_f64_slice(&[]).is_some() {
        repair::Limits {
            slack: T::total_from_f64(1e-12 * scale.max(1.0)),
            tolerance: T::total_from_f64(1e-10 * scale.max(1.0)),
            scans_per_size: repair::SCANS_PER_SIZE,
        }
    } else {
        repair::Limits {
            slack: zero,
            tolerance: zero,
            scans_per_size: repair::SCANS_PER_SIZE,
        }
    };
    // Progress counts the rows of the components (transposed ones by their rows as solved).
    let to_settle: usize = comps.iter().map(|c| c.rows.len().min(c.cols.len())).sum();
    let (mut settled, mut reported) = (0, 0);
    progress(0, to_settle);

    let mut col4row = vec![NONE; nr];
    let mut u = vec![zero; nr];
    let mut v = vec![zero; nc];
    // Position of each column inside its component, for renumbering.
    let mut local_col = vec![NONE; nc];
    // The component as the kernel sees it: renumbered, transposed when it has more rows than
    // columns (so that fewer rows share extra columns; the certificate's conditions are
    // symmetric in rows and columns), with the warm start's prices of its columns.
    let mut prepare = |comp: &Component| {
        for (k, &c) in comp.cols.iter().enumerate() {
            local_col[c] = k;
        }
        let g = local_graph(comp, &start, &adj, &local_col, zero);
        let prices: Option<Vec<T::Total>> = match (&warm_u, &warm_v) {
            (Some(wu), Some(wv)) => Some(if comp.rows.len() > comp.cols.len() {
                comp.rows.iter().map(|&r| wu[r]).collect()
            } else {
                comp.cols.iter().map(|&c| wv[c]).collect()
            }),
            _ => None,
        };
        (g, prices)
    };
    let solve =
        |g: &Local<T::Total>, prices: Option<&[T::Total]>, report: &mut dyn FnMut(usize)| {
            solve_component(
                g,
                options.cardinality,
                zero,
                eps,
                &phases,
                prices,
                &limits,
                report,
            )
        };
    // Components of at least `PARALLEL_SIZE` rows and columns are solved on `threads`
    // threads first when there are two or more of them (each result is the component's
    // own, so the pairs do not depend on the threads); progress then moves once per such
    // component. The rest are solved in order.
    let large: Vec<usize> = (0..comps.len())
        .filter(|&k| comps[k].rows.len() + comps[k].cols.len() >= PARALLEL_SIZE)
        .collect();
    let mut early: Vec<Option<Solved<T::Total>>> = (0..comps.len()).map(|_| None).collect();
    if threads > 1 && large.len() > 1 {
        let work: Vec<_> = large
            .iter()
            .map(|&k| {
                let (g, prices) = prepare(&comps[k]);
                (k, g, prices)
            })
            .collect();
        let next = std::sync::atomic::AtomicUsize::new(0);
        let done = std::sync::Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..threads.min(work.len()) {
                scope.spawn(|| {
                    loop {
                        let w = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((k, g, prices)) = work.get(w) else {
                            break;
                        };
                        let s = solve(g, prices.as_deref(), &mut |_| {});
                        // A poisoned lock only means another component's solve panicked,
                        // which `scope` passes on anyway.
                        done.lock().unwrap_or_else(|e| e.into_inner()).push((*k, s));
                    }
                });
            }
        });
        for (k, s) in done.into_inner().unwrap_or_else(|e| e.into_inner()) {
            early[k] = Some(s);
        }
    }
    for (k, comp) in comps.iter().enumerate() {
        let transposed = comp.rows.len() > comp.cols.len();
        let s = match early[k].take() {
            Some(s) => s,
            None => {
                let (g, prices) = prepare(comp);
                let mut report = |done: usize| {
                    let now = settled + done;
                    if now == to_settle || now >= reported + to_settle.div_ceil(1000) {
                        reported = now;
                        progress(now, to_settle);
                    }
                };
                solve(&g, prices.as_deref(), &mut report)
            }
        };
        settled += s.col4row.len();
        if settled == to_settle || settled >= reported + to_settle.div_ceil(1000) {
            reported = settled;
            progress(settled, to_settle);
        }
        if transposed {
            for (lj, &c) in comp.cols.iter().enumerate() {
                if s.col4row[lj] != NONE {
                    col4row[comp.rows[s.col4row[lj]]] = c;
                }
                v[c] = s.u[lj];
            }
            for (li, &r) in comp.rows.iter().enumerate() {
                u[r] = s.v[li];
            }
        } else {
            for (li, &r) in comp.rows.iter().enumerate() {
                col4row[r] = match s.col4row[li] {
                    NONE => NONE,
                    lj => comp.cols[lj],
                };
                u[r] = s.u[li];
            }
            for (lj, &c) in comp.cols.iter().enumerate() {
                v[c] = s.v[lj];
            }
        }
    }

    if sense == Sense::Maximize {
        for x in u.iter_mut().chain(v.iter_mut()) {
            *x = zero - *x;
        }
    }
    let mut pairs = Vec::new();
    let mut col_used = vec![false; nc];
    let mut unassigned_rows = Vec::new();
    let mut total = zero;
    for (r, &c) in col4row.iter().enumerate() {
        if c == NONE {
            unassigned_rows.push(r);
        } else {
            pairs.push((r, c));
            col_used[c] = true;
            // Present: the kernel only pairs along allowed cells.
            let x = matrix.get(r, c).map_or(zero, T::to_total);
            total = total + x;
        }
    }
    let unassigned_cols = (0..nc).filter(|&c| !col_used[c]).collect();
    let mut solution = Solution {
        options,
        rows: nr,
        cols: nc,
        pairs,
        total,
        unassigned_rows,
        unassigned_cols,
        row_potentials: u,
        col_potentials: v,
    };
    // Float labels hold up to rounding: make them an exact proof, or improve the pairs where
    // rounding misled the solver. (Integer weights are exact already.)
    certificate::certify(certificate::Cells::Sparse(matrix), &mut solution)?;
    Ok(solution)
}

/// Components at least this large (rows and columns) are solved on threads of their own when
/// there are two or more: below it, a thread costs more than it saves.
const PARALLEL_SIZE: usize = 4096;

/// The component's edges (`adj`, rows' lists from `start`, in minimisation form) renumbered:
/// `local_col` gives each column's place in the component. Transposed when the component has
/// more rows than columns.
fn local_graph<C: Copy>(
    comp: &Component,
    start: &[usize],
    adj: &[(usize, C)],
    local_col: &[usize],
    zero: C,
) -> Local<C> {
    let transposed = comp.rows.len() > comp.cols.len();
    let (lr, lc) = if transposed {
        (comp.cols.len(), comp.rows.len())
    } else {
        (comp.rows.len(), comp.cols.len())
    };
    let mut g = Local {
        nr: lr,
        nc: lc,
        start: vec![0; lr + 1],
        col: Vec::new(),
        cost: Vec::new(),
    };
    if transposed {
        // Counting sort by column; rows are visited in increasing order, so each column's
        // list comes out sorted.
        for &r in &comp.rows {
            for &(c, _) in &adj[start[r]..start[r + 1]] {
                g.start[local_col[c] + 1] += 1;
            }
        }
        for k in 0..lr {
            g.start[k + 1] += g.start[k];
        }
        let mut next = g.start.clone();
        g.col = vec![0; g.start[lr]];
        g.cost = vec![zero; g.start[lr]];
        for (li, &r) in comp.rows.iter().enumerate() {
            for &(c, x) in &adj[start[r]..start[r + 1]] {
                let e = &mut next[local_col[c]];
                g.col[*e] = li;
                g.cost[*e] = x;
                *e += 1;
            }
        }
    } else {
        for (li, &r) in comp.rows.iter().enumerate() {
            // Columns keep their order: the renumbering is increasing within the component.
            for &(c, x) in &adj[start[r]..start[r + 1]] {
                g.col.push(local_col[c]);
                g.cost.push(x);
            }
            g.start[li + 1] = g.col.len();
        }
    }
    g
}

/// Solves one component: from an auction, certified by label correction (see
/// [`repair`](super::repair)); if that runs out of budget, by the shortest augmenting path
/// kernel ([`kernel_component`]).
#[allow(clippy::too_many_arguments)] // one call site; a struct would only rename them
fn solve_component<C>(
    g: &Local<C>,
    cardinality: Cardinality,
    zero: C,
    eps: C,
    phases: &[C],
    start: Option<&[C]>,
    limits: &repair::Limits<C>,
    report: &mut dyn FnMut(usize),
) -> Solved<C>
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    // Most pairs first only: with the best total alone, any row may stay out, and the
    // correction's node for staying out joins every row, so each drop of its label walks
    // them all (on 100,000 × 100,000 random graphs it ran out of budget after 4.3 s, where
    // the kernel takes 3.8 s).
    if cardinality == Cardinality::Any {
        return kernel_component(g, cardinality, zero, eps, report);
    }
    let extra = g.nr
        - maximum_matching_size(&Graph {
            right: g.nc,
            start: &g.start,
            targets: &g.col,
        });
    match repair::solve(g, extra, zero, phases, start, limits, report) {
        Some(s) => {
            report(g.nr);
            s
        }
        None => kernel_component(g, cardinality, zero, eps, report),
    }
}

/// Solves one component with the shortest augmenting path kernel, from the auction start with
/// bid increment `eps` when the most pairs are asked.
fn kernel_component<C>(
    g: &Local<C>,
    cardinality: Cardinality,
    zero: C,
    eps: C,
    report: &mut dyn FnMut(usize),
) -> Solved<C>
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    match cardinality {
        Cardinality::Any => Kernel::new(g, Mode::Any, zero).run(None, report),
        _ => {
            let (k, mate_row, _) = maximum_matching(&Graph {
                right: g.nc,
                start: &g.start,
                targets: &g.col,
            });
            let mode = Mode::Maximum { extra: g.nr - k };
            let free = columns_free_in_some_maximum_matching(g, &mate_row);
            let s = Kernel::new(g, mode, zero).run(Some((eps, &free)), report);
            if s.free_columns_at_zero(zero) {
                return s;
            }
            // Never expected (see `Kernel::auction`), but the certificate needs it: solve
            // again from the plain start, which keeps free columns at 0 by construction.
            Kernel::new(g, mode, zero).run(None, report)
        }
    }
}

/// The rows and columns of one connected component with at least one edge, each in increasing
/// order.
struct Component {
    rows: Vec<usize>,
    cols: Vec<usize>,
}

/// The connected components with at least one edge of the bipartite graph (rows `0..nr`,
/// columns `nr..nr + nc` in the union–find), in order of their smallest row.
fn components(
    nr: usize,
    nc: usize,
    start: &[usize],
    targets: impl Iterator<Item = usize>,
) -> Vec<Component> {
    let mut uf = UnionFind::<usize>::new(nr + nc);
    let targets: Vec<usize> = targets.collect();
    for r in 0..nr {
        for &c in &targets[start[r]..start[r + 1]] {
            uf.union(r, nr + c);
        }
    }
    // Number the components by their first row; isolated vertices get none.
    let mut id_of_root = vec![NONE; nr + nc];
    let mut comps: Vec<Component> = Vec::new();
    for r in 0..nr {
        if start[r] == start[r + 1] {
            continue;
        }
        let root = uf.find_mut(r);
        if id_of_root[root] == NONE {
            id_of_root[root] = comps.len();
            comps.push(Component {
                rows: Vec::new(),
                cols: Vec::new(),
            });
        }
        comps[id_of_root[root]].rows.push(r);
    }
    for c in 0..nc {
        let root = uf.find_mut(nr + c);
        // A column with an edge shares its root with a row, which numbered the component.
        if id_of_root[root] != NONE {
            comps[id_of_root[root]].cols.push(c);
        }
    }
    comps
}

/// One component in minimisation form, renumbered from 0.
pub(super) struct Local<C> {
    pub(super) nr: usize,
    pub(super) nc: usize,
    pub(super) start: Vec<usize>,
    /// Each row's columns, in increasing order.
    pub(super) col: Vec<usize>,
    pub(super) cost: Vec<C>,
}

impl<C: Copy> Local<C> {
    /// The cost of the edge `(i, j)`, which exists (each row's columns are sorted).
    pub(super) fn cost_of(&self, i: usize, j: usize) -> C {
        let cols = &self.col[self.start[i]..self.start[i + 1]];
        self.cost[self.start[i] + cols.partition_point(|&c| c < j)]
    }
}

/// How the extra columns are laid out (see the [module docs](solve_sparse#algorithm)).
#[derive(Clone, Copy)]
enum Mode {
    /// A private extra column of cost 0 per row.
    Any,
    /// `extra` shared extra columns of cost 0 open to every row.
    Maximum { extra: usize },
}

/// Where a path ends or passes.
#[derive(Clone, Copy, PartialEq)]
enum Target {
    Col(usize),
    Shared,
    Private,
}

/// The best free target seen in a search: distance, tie-break key, row it is reached from.
#[derive(Clone, Copy)]
struct Offer<C> {
    d: C,
    key: usize,
    pred: usize,
    target: Target,
}

/// A column's potential, its row (`NONE` when free) and its search state.
#[derive(Clone, Copy)]
struct ColState<C> {
    v: C,
    /// Tentative or final distance, valid when `seen` is the current search's stamp.
    d: C,
    row: usize,
    pred: usize,
    seen: u32,
    /// The current search's stamp once the column is scanned.
    done: u32,
}

/// A heap entry: smallest distance first, then smallest key.
struct Entry<C> {
    d: C,
    key: usize,
}

impl<C: PartialOrd> Ord for Entry<C> {
    fn cmp(&self, other: &Self) -> Ordering {
        // Reversed: `BinaryHeap` is a max-heap. Distances are never NaN.
        other
            .d
            .partial_cmp(&self.d)
            .unwrap_or(Ordering::Equal)
            .then(other.key.cmp(&self.key))
    }
}
impl<C: PartialOrd> PartialOrd for Entry<C> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<C: PartialOrd> PartialEq for Entry<C> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl<C: PartialOrd> Eq for Entry<C> {}

/// What the kernel returns, in minimisation form: the column of each row (`NONE` when
/// unassigned) and potentials with `u_i + v_j <= c_ij` on every edge, equality on every pair.
pub(super) struct Solved<C> {
    pub(super) col4row: Vec<usize>,
    pub(super) u: Vec<C>,
    pub(super) v: Vec<C>,
}

impl<C: Copy + PartialOrd> Solved<C> {
    /// Whether every unassigned column has potential 0, as the certificate needs.
    fn free_columns_at_zero(&self, zero: C) -> bool {
        let mut assigned = vec![false; self.v.len()];
        for &c in &self.col4row {
            if c != NONE {
                assigned[c] = true;
            }
        }
        self.v
            .iter()
            .zip(&assigned)
            .all(|(&v, &taken)| taken || v == zero)
    }
}

/// The columns left unassigned by some maximum matching of `g`, given one (`mate_row`): those
/// reached from its unassigned columns by alternating paths (Dulmage and Mendelsohn). Every
/// maximum matching covers the others.
fn columns_free_in_some_maximum_matching<C>(g: &Local<C>, mate_row: &[usize]) -> Vec<bool> {
    // The rows of each column.
    let mut start = vec![0usize; g.nc + 1];
    for &c in &g.col {
        start[c + 1] += 1;
    }
    for c in 0..g.nc {
        start[c + 1] += start[c];
    }
    let mut next = start.clone();
    let mut rows = vec![0usize; g.col.len()];
    for r in 0..g.nr {
        for &c in &g.col[g.start[r]..g.start[r + 1]] {
            rows[next[c]] = r;
            next[c] += 1;
        }
    }
    let mut covered = vec![false; g.nc];
    for &c in mate_row.iter().filter(|&&c| c != NONE) {
        covered[c] = true;
    }
    let mut free: Vec<bool> = covered.iter().map(|&c| !c).collect();
    let mut seen_row = vec![false; g.nr];
    let mut queue: Vec<usize> = (0..g.nc).filter(|&c| free[c]).collect();
    while let Some(c) = queue.pop() {
        for &r in &rows[start[c]..start[c + 1]] {
            if seen_row[r] {
                continue;
            }
            seen_row[r] = true;
            // `r` is matched (else the matching would not be maximum): its column can be
            // freed by moving `r` to `c`.
            let m = mate_row[r];
            if m != NONE && !free[m] {
                free[m] = true;
                queue.push(m);
            }
        }
    }
    free
}

/// The shortest-augmenting-path kernel on one component.
///
/// Invariants between searches: `(u, v)` is dual feasible on every edge of the extended
/// problem (real edges, and the extra columns of cost 0) and tight on every pair; a free real
/// column has `v = 0` (it is never scanned: a search ends at a free column) and every `v`
/// only decreases, so assigned columns have `v <= 0`. (On a square component with a perfect
/// matching, the start's column reduction moves every `v`, free columns' too; there every
/// column ends assigned, so nothing needs a free column at 0.) In [`Mode::Maximum`] the taken shared
/// columns all have potential `vz` and their rows potential `-vz` (stored implicitly); while a
/// shared column is free, `vz` stays 0, since the free one is never farther than a taken one.
struct Kernel<'a, C> {
    g: &'a Local<C>,
    mode: Mode,
    zero: C,
    col4row: Vec<usize>,
    /// Everything about a column in one place: a scan touches one cache line per edge.
    cs: Vec<ColState<C>>,
    u: Vec<C>,
    vz: C,
    /// The rows on shared extra columns, and each row's position in that list.
    group: Vec<usize>,
    gpos: Vec<usize>,
    /// How many shared extra columns are taken.
    used: usize,
    // Per search, valid where the stamps equal the current search's.
    stamp: u32,
    heap: BinaryHeap<Entry<C>>,
    /// Rows scanned, with their distance and whether they sit on a shared extra column.
    rows: Vec<(usize, C, bool)>,
    /// Columns scanned (popped).
    cols: Vec<usize>,
    best: Option<Offer<C>>,
    /// The taken shared columns as one node: distance, predecessor row, seen, scanned.
    dz: C,
    predz: usize,
    z_seen: bool,
    z_done: bool,
}

impl<'a, C> Kernel<'a, C>
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    fn new(g: &'a Local<C>, mode: Mode, zero: C) -> Self {
        Kernel {
            g,
            mode,
            zero,
            col4row: vec![NONE; g.nr],
            cs: vec![
                ColState {
                    v: zero,
                    d: zero,
                    row: NONE,
                    pred: NONE,
                    seen: 0,
                    done: 0,
                };
                g.nc
            ],
            u: vec![zero; g.nr],
            vz: zero,
            group: Vec::new(),
            gpos: vec![NONE; g.nr],
            used: 0,
            stamp: 0,
            heap: BinaryHeap::new(),
            rows: Vec::new(),
            cols: Vec::new(),
            best: None,
            dz: zero,
            predz: NONE,
            z_seen: false,
            z_done: false,
        }
    }

    /// Solves the component, calling `progress` with the rows assigned so far (rows on extra
    /// columns included). With `auction = Some((eps, may_end_free))` (most pairs only), the
    /// start's column potentials are an auction's prices (see [`Kernel::auction`]).
    fn run(mut self, auction: Option<(C, &[bool])>, progress: &mut dyn FnMut(usize)) -> Solved<C> {
        match auction {
            Some((eps, may_end_free)) => {
                self.auction(eps, may_end_free);
                self.row_reduction(false);
            }
            None => {
                // With a perfect matching no column ends free, so every column's potential may
                // move from the start (column reduction); otherwise only columns that get a
                // row.
                let perfect =
                    matches!(self.mode, Mode::Maximum { extra: 0 }) && self.g.nr == self.g.nc;
                self.row_reduction(perfect);
            }
        }
        // Rows in increasing index order, so the result depends only on the graph.
        for cur in 0..self.g.nr {
            if self.col4row[cur] != NONE {
                continue;
            }
            let found = self.search(cur);
            debug_assert!(
                found,
                "every row has an augmenting path in the extended problem"
            );
            if cur % 256 == 255 {
                progress(cur + 1);
            }
        }
        progress(self.g.nr);
        let mut u = self.u;
        for (i, c) in self.col4row.iter_mut().enumerate() {
            match *c {
                SHARED => {
                    u[i] = self.zero - self.vz;
                    *c = NONE;
                }
                PRIVATE => *c = NONE,
                _ => {}
            }
        }
        Solved {
            col4row: self.col4row,
            u,
            v: self.cs.iter().map(|c| c.v).collect(),
        }
    }

    /// Column potentials from the forward auction of [`repair`](super::repair) (one phase,
    /// bid increment `eps`, the rows a maximum matching leaves out as places), for a component
    /// solved for the most pairs. Only the potentials are kept, not the pairs: they price the
    /// columns everyone wants, so the exact searches that follow stay short. (On graphs where
    /// everyone's best partners are the same few people, the plain start leaves the last rows
    /// searches that walk most of the graph: at 100,000 + 100,000 participants, each solve of
    /// the candidate graph took about 300 s from the plain start and 70–80 s from an auction's
    /// prices.)
    ///
    /// Any `v <= 0` is a valid start (row reduction and the searches set the rows'
    /// potentials); the certificate needs `v = 0` only on the columns that end unassigned.
    /// Every maximum matching covers the columns outside `may_end_free`, and the result is a
    /// maximum matching, so those are the columns priced; the others are put back to 0.
    fn auction(&mut self, eps: C, may_end_free: &[bool]) {
        let extra = match self.mode {
            Mode::Maximum { extra } => extra,
            Mode::Any => self.g.nr,
        };
        let prices = repair::auction(self.g, extra, self.zero, &[eps], None, &mut |_| {}).0;
        for ((c, v), &free) in self.cs.iter_mut().zip(prices).zip(may_end_free) {
            c.v = if free { self.zero } else { v };
        }
    }

    /// Augmenting row reduction (Jonker and Volgenant 1987), two rounds, after column
    /// reduction when `column_reduction` (a square component with a perfect matching): each
    /// free row takes its cheapest column `j1`, lowering `v_j1` until the row's second best
    /// ties with it, and frees the column's previous row; a column once taken stays taken, so
    /// free columns keep `v = 0` without column reduction. Lowering a
    /// column's potential only ever follows a change of its row, so every assigned row keeps
    /// a cheapest column of its row, and `u_i = c_ij - v_j` makes `(u, v)` feasible and tight.
    /// A budget keeps it a cheap start; the rows left free go to the searches.
    fn row_reduction(&mut self, column_reduction: bool) {
        let g = self.g;
        let n = g.nr;
        if column_reduction {
            // Every column starts at its cheapest cell, so the rows compete on what they pay
            // beyond it.
            let mut first = vec![true; g.nc];
            for (&j, &c) in g.col.iter().zip(&g.cost) {
                if first[j] || c < self.cs[j].v {
                    self.cs[j].v = c;
                    first[j] = false;
                }
            }
        }
        // With extra columns, a row may stay unassigned at reduced cost 0 (its private column,
        // or a shared one, free at potential 0 throughout this start): that option counts
        // among the two smallest, so `u_i <= 0` keeps every extra column feasible, but it is
        // never taken here; a row whose best it is is left to the searches.
        let extra = match self.mode {
            Mode::Any => true,
            Mode::Maximum { extra } => extra > 0,
        };
        let mut free: Vec<usize> = (0..n).collect();
        for _ in 0..2 {
            let mut queue = std::mem::take(&mut free);
            let mut k = 0;
            let mut budget = 8 * n;
            while k < queue.len() {
                if budget == 0 {
                    free.extend_from_slice(&queue[k..]);
                    break;
                }
                budget -= 1;
                let i = queue[k];
                k += 1;
                // The two smallest reduced costs `c_ij - v_j` of the row, first columns first.
                let mut first: Option<(C, usize)> = None;
                let mut second: Option<(C, usize)> = None;
                let options = g.start[i]..g.start[i + 1] + usize::from(extra);
                for e in options {
                    // `e == g.start[i + 1]`: the extra option, reduced cost 0, column NONE.
                    let (j, x) = if e < g.start[i + 1] {
                        (g.col[e], g.cost[e] - self.cs[g.col[e]].v)
                    } else {
                        (NONE, self.zero)
                    };
                    match first {
                        Some((a, _)) if x >= a => {
                            if second.is_none_or(|(b, _)| x < b) {
                                second = Some((x, j));
                            }
                        }
                        _ => {
                            second = first;
                            first = Some((x, j));
                        }
                    }
                }
                let Some((umin, mut j1)) = first.filter(|f| f.1 != NONE) else {
                    free.push(i);
                    continue;
                };
                let mut i0 = self.cs[j1].row;
                let strict = match second {
                    None if i0 != NONE => {
                        // Its only column is taken: the search settles it exactly.
                        free.push(i);
                        continue;
                    }
                    None => false,
                    Some((usub, j2)) => {
                        if umin < usub {
                            let c = &mut self.cs[j1];
                            c.v = c.v - (usub - umin);
                            true
                        } else {
                            if i0 != NONE {
                                if j2 == NONE {
                                    // Its tie is the extra option: the searches decide.
                                    free.push(i);
                                    continue;
                                }
                                j1 = j2;
                                i0 = self.cs[j2].row;
                            }
                            false
                        }
                    }
                };
                if i0 != NONE {
                    self.col4row[i0] = NONE;
                }
                self.col4row[i] = j1;
                self.cs[j1].row = i;
                if i0 != NONE {
                    if strict {
                        // Re-examine the displaced row at once: its column got dearer.
                        k -= 1;
                        queue[k] = i0;
                    } else {
                        free.push(i0);
                    }
                }
            }
        }
        for i in 0..n {
            let j = self.col4row[i];
            self.u[i] = if j == NONE {
                self.zero
            } else {
                let e = g.start[i] + g.col[g.start[i]..g.start[i + 1]].partition_point(|&c| c < j);
                g.cost[e] - self.cs[j].v
            };
        }
    }

    /// Keeps `offer` if it beats the best free target so far (distance, then key).
    fn offer(&mut self, o: Offer<C>) {
        let better = match &self.best {
            None => true,
            Some(b) => o.d < b.d || (o.d == b.d && o.key < b.key),
        };
        if better {
            self.best = Some(o);
        }
    }

    /// Relaxes every edge of row `i`, reached at distance `dr`, with potential `ui`.
    fn scan(&mut self, i: usize, dr: C, ui: C, shared: bool) {
        self.rows.push((i, dr, shared));
        let g = self.g;
        let h = dr - ui;
        for k in g.start[i]..g.start[i + 1] {
            let j = g.col[k];
            let c = &mut self.cs[j];
            if c.done == self.stamp {
                continue;
            }
            let nd = h + g.cost[k] - c.v;
            if c.row == NONE {
                self.offer(Offer {
                    d: nd,
                    key: j,
                    pred: i,
                    target: Target::Col(j),
                });
            } else if c.seen != self.stamp || nd < c.d {
                c.seen = self.stamp;
                c.d = nd;
                c.pred = i;
                self.heap.push(Entry { d: nd, key: j });
            }
        }
        // The extra columns cost 0: reduced cost `0 - u_i - v`.
        let nc = g.nc;
        match self.mode {
            Mode::Any => self.offer(Offer {
                d: h,
                key: nc + 1 + i,
                pred: i,
                target: Target::Private,
            }),
            Mode::Maximum { extra } if extra > 0 => {
                if self.used < extra {
                    self.offer(Offer {
                        d: h,
                        key: nc + 1,
                        pred: i,
                        target: Target::Shared,
                    });
                } else if !self.z_done {
                    let nd = h - self.vz;
                    if !self.z_seen || nd < self.dz {
                        self.z_seen = true;
                        self.dz = nd;
                        self.predz = i;
                        self.heap.push(Entry { d: nd, key: nc });
                    }
                }
            }
            Mode::Maximum { .. } => {}
        }
    }

    /// One Dijkstra search from the free row `cur`, then the potential update and the flip
    /// of the path. Returns false, changing nothing, when no free target is reachable.
    fn search(&mut self, cur: usize) -> bool {
        self.stamp += 1;
        self.heap.clear();
        self.rows.clear();
        self.cols.clear();
        self.best = None;
        self.z_seen = false;
        self.z_done = false;
        // `cur` may have edges of negative reduced cost: that shifts every distance by the
        // same amount (every path starts with one of them), which the update below absorbs.
        self.scan(cur, self.zero, self.u[cur], false);
        let nc = self.g.nc;
        loop {
            let top = self.heap.peek().map(|e| (e.d, e.key));
            match (self.best, top) {
                (Some(_), None) => break,
                // A free target at most as far as every unscanned node ends the search
                // (on a tie the free one wins, which keeps `vz` at 0 while shared columns
                // are free).
                (Some(b), Some((d, _))) if b.d <= d => break,
                (None, None) => return false,
                _ => {}
            }
            let Some(Entry { d, key }) = self.heap.pop() else {
                break;
            };
            if key == nc {
                if self.z_done {
                    continue;
                }
                self.z_done = true;
                // Every row on a taken shared column is reached at once, through its column.
                let group = std::mem::take(&mut self.group);
                let ur = self.zero - self.vz;
                for &r in &group {
                    self.scan(r, d, ur, true);
                }
                self.group = group;
                continue;
            }
            let c = &mut self.cs[key];
            if c.done == self.stamp || d > c.d {
                continue; // stale entry
            }
            c.done = self.stamp;
            let r = c.row;
            self.cols.push(key);
            self.scan(r, d, self.u[r], false);
        }
        let Some(best) = self.best else {
            return false;
        };
        let delta = best.d;
        // Potentials (Crouse 2016, eqs. 14-15): feasibility kept, the new path tight.
        for &(i, dr, shared) in &self.rows {
            if !shared {
                self.u[i] = self.u[i] + (delta - dr);
            }
        }
        for &j in &self.cols {
            let c = &mut self.cs[j];
            c.v = c.v - (delta - c.d);
        }
        if self.z_done {
            self.vz = self.vz - (delta - self.dz);
        }
        // Flip the path from its end back to `cur`.
        if best.target == Target::Shared {
            self.used += 1;
        }
        let mut i = best.pred;
        let mut target = best.target;
        loop {
            let prev = self.col4row[i];
            match target {
                Target::Col(j) => {
                    self.col4row[i] = j;
                    self.cs[j].row = i;
                }
                Target::Shared => {
                    self.col4row[i] = SHARED;
                    self.gpos[i] = self.group.len();
                    self.group.push(i);
                }
                Target::Private => {
                    self.col4row[i] = PRIVATE;
                    // Tight on its own extra column, which stays at 0.
                    self.u[i] = self.zero;
                }
            }
            if i == cur {
                break;
            }
            if prev == SHARED {
                // `i` leaves the shared columns for a real one; the path reached it through
                // the taken shared columns, entered from `predz`, who takes its place.
                let p = self.gpos[i];
                self.group.swap_remove(p);
                if let Some(&moved) = self.group.get(p) {
                    self.gpos[moved] = p;
                }
                self.gpos[i] = NONE;
                self.u[i] = self.zero - self.vz;
                target = Target::Shared;
                i = self.predz;
            } else {
                target = Target::Col(prev);
                i = self.cs[prev].pred;
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::assignment::verify_sparse;
    use proptest::prelude::*;

    /// Every matching of a small graph, as the columns it covers, by brute force.
    fn matchings(g: &Local<i64>, row: usize, used: &mut Vec<bool>, out: &mut Vec<Vec<bool>>) {
        if row == g.nr {
            out.push(used.clone());
            return;
        }
        matchings(g, row + 1, used, out); // the row stays unmatched
        for &c in &g.col[g.start[row]..g.start[row + 1]] {
            if !used[c] {
                used[c] = true;
                matchings(g, row + 1, used, out);
                used[c] = false;
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 500, failure_persistence: None, ..ProptestConfig::default() })]

        /// The columns that some maximum matching leaves free are exactly those found from one
        /// maximum matching by alternating paths.
        #[test]
        fn columns_free_in_some_maximum_matching_agree_with_brute_force(
            (nr, nc, cells) in (1usize..=6, 1usize..=6).prop_flat_map(|(r, c)| {
                (Just(r), Just(c), proptest::collection::vec(any::<bool>(), r * c))
            })
        ) {
            let mut g = Local { nr, nc, start: vec![0], col: Vec::new(), cost: Vec::new() };
            for r in 0..nr {
                for c in 0..nc {
                    if cells[r * nc + c] {
                        g.col.push(c);
                        g.cost.push(0i64);
                    }
                }
                g.start.push(g.col.len());
            }
            let (k, mate_row, _) = maximum_matching(&Graph { right: nc, start: &g.start, targets: &g.col });
            let found = columns_free_in_some_maximum_matching(&g, &mate_row);
            let mut all = Vec::new();
            matchings(&g, 0, &mut vec![false; nc], &mut all);
            let size = |m: &Vec<bool>| m.iter().filter(|&&x| x).count();
            prop_assert_eq!(all.iter().map(size).max().unwrap_or(0), k);
            for c in 0..nc {
                let expected = all.iter().any(|m| size(m) == k && !m[c]);
                prop_assert_eq!(found[c], expected, "column {}", c);
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, failure_persistence: None, ..ProptestConfig::default() })]

        /// The kernel (the fallback when the auction's correction runs out of budget) finds the
        /// brute-force optimum with a valid certificate on its own.
        #[test]
        fn kernel_finds_the_optimum(
            (nr, nc, cells) in super::super::repair::tests::small_graphs(),
            most in any::<bool>(),
        ) {
            use super::super::repair::tests::{check, local};
            let g = local(nr, nc, &cells);
            let cardinality = if most { Cardinality::Maximum } else { Cardinality::Any };
            let s = kernel_component(&g, cardinality, 0, 1, &mut |_| {});
            check(&g, most, &s)?;
        }

        /// With no budget for the correction, a component falls back to the kernel and still
        /// gets the brute-force optimum with a valid certificate.
        #[test]
        fn a_component_falls_back_to_the_kernel(
            (nr, nc, cells) in super::super::repair::tests::small_graphs(),
        ) {
            use super::super::repair::tests::{check, extra, local};
            let g = local(nr, nc, &cells);
            let none = repair::Limits { slack: 0, tolerance: 0, scans_per_size: 0 };
            let repaired = repair::solve(&g, extra(&g), 0, &[1], None, &none, &mut |_| {});
            prop_assert!(repaired.is_none());
            let s = solve_component(&g, Cardinality::Maximum, 0, 1, &[1], None, &none, &mut |_| {});
            check(&g, true, &s)?;
        }

        /// Starting from the potentials of a solve of fewer edges gives the cold optimum and a
        /// valid certificate.
        #[test]
        fn warm_start_gives_the_cold_optimum(
            (nr, nc, cells) in (1usize..=8, 1usize..=8).prop_flat_map(|(r, c)| {
                (Just(r), Just(c), proptest::collection::vec(
                    (proptest::option::weighted(0.5, 0.0f64..1.0), any::<bool>()), r * c))
            }),
            most in any::<bool>(),
        ) {
            let cardinality = if most { Cardinality::Maximum } else { Cardinality::Any };
            let options = Options::new(Sense::Maximize).with_cardinality(cardinality);
            let triplets = |all: bool| -> Vec<(usize, usize, f64)> {
                cells.iter().enumerate().filter_map(|(k, &(w, keep))| {
                    w.filter(|_| all || keep).map(|w| (k / nc, k % nc, w))
                }).collect()
            };
            let fewer = SparseMatrix::from_triplets(nr, nc, triplets(false)).unwrap();
            let full = SparseMatrix::from_triplets(nr, nc, triplets(true)).unwrap();
            let before = solve_sparse(&fewer, options).unwrap();
            let cold = solve_sparse(&full, options).unwrap();
            let warm = solve_sparse_with_progress(&full, options, Some(&before), 1, &mut |_, _| {}).unwrap();
            prop_assert!((warm.total() - cold.total()).abs() < 1e-9, "{} vs {}", warm.total(), cold.total());
            prop_assert_eq!(warm.pairs().len(), cold.pairs().len());
            prop_assert!(verify_sparse(&full, &warm).is_ok());
        }
    }

    /// Large components solved on two threads give exactly the one-thread solution: the
    /// pairs, the potentials and the progress's last report.
    #[test]
    fn threads_do_not_change_the_solution() {
        // Three components of 2,100 + 2,100 (above `PARALLEL_SIZE`), one small, and a
        // transposed one; weights from a fixed generator.
        let mut state = 99u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let blocks = [(2100, 2100), (2100, 2100), (30, 20), (2300, 2000)];
        let (nr, nc) = blocks.iter().fold((0, 0), |(r, c), b| (r + b.0, c + b.1));
        let mut cells = Vec::new();
        let (mut r0, mut c0) = (0, 0);
        for &(br, bc) in &blocks {
            for r in 0..br {
                for _ in 0..6 {
                    let c = (next() % bc as u64) as usize;
                    cells.push((r0 + r, c0 + c, (next() % 1000) as i64));
                }
            }
            r0 += br;
            c0 += bc;
        }
        cells.sort_by_key(|&(r, c, _)| (r, c));
        cells.dedup_by_key(|&mut (r, c, _)| (r, c));
        let m = SparseMatrix::from_triplets(nr, nc, cells).unwrap();
        for cardinality in [Cardinality::Maximum, Cardinality::Any] {
            let options = Options::new(Sense::Maximize).with_cardinality(cardinality);
            let mut last = Vec::new();
            let mut solve = |threads| {
                let mut seen = (0, 0);
                let s = solve_sparse_with_progress(&m, options, None, threads, &mut |d, t| {
                    seen = (d, t);
                })
                .unwrap();
                last.push(seen);
                s
            };
            let one = solve(1);
            let two = solve(2);
            assert_eq!(one.pairs(), two.pairs());
            assert_eq!(one.row_potentials(), two.row_potentials());
            assert_eq!(one.col_potentials(), two.col_potentials());
            assert_eq!(one.total(), two.total());
            verify_sparse(&m, &two).unwrap();
            assert_eq!(last[0], last[1]);
            assert_eq!(last[0].0, last[0].1, "progress ends at the total");
        }
    }
}
