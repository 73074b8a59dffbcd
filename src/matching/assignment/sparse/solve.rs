//! The sparse engine's driver: validation, the split into components, each component solved
//! by the auction with its repair (or the kernel), the threads, progress, and the certificate.

use crate::matching::assignment::certificate;
use crate::matching::assignment::options::{Cardinality, Cell, Options, Sense};
use crate::matching::assignment::solution::{Rests, Solution};
use crate::matching::assignment::sparse::components::{
    Component, WarmStart, components, local_graph, solve_component,
};
use crate::matching::assignment::sparse::local::Local;
use crate::matching::assignment::sparse::local::Solved;
use crate::matching::assignment::sparse::local::{MAX_LOCAL, NONE};
use crate::matching::assignment::sparse::matrix::SparseMatrix;
use crate::matching::assignment::sparse::repair;
use crate::matching::assignment::weight::{BEYOND_CERTIFIED, Weight};
use crate::matching::error::{MatrixError, Mistakes, Result};

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
///    completes it if the auction's budget of `512 n` bids ran out). On a square component
///    without places, a phase's last rows are paired by reverse bids instead, the free
///    columns bidding for rows (Bertsekas 1990), once at most one row in a thousand waits and
///    the phase's bids with that few waiting pass a quarter of the rows: on tied scores a
///    forward ending walks the whole plateau one displacement at a time (at 200,000 + 200,000,
///    seed 3, 8.7 of the auction's 15.4 million bids; the reverse endings took 1.7 million,
///    the waiting rows' labels first raised as far as ε-complementary slackness allows).
///    The proof is a feasible potential of the matching's residual graph (rows, columns, a node
///    where rows stay out and one where columns end), found by Bellman–Ford with a queue from
///    the auction's prices, with Tarjan's subtree disassembly so that a negative cycle is
///    caught as soon as it closes; a negative cycle is an improvement and is flipped, so the
///    result is optimal whatever the auction found. The potential is the certificate below.
///    This path has a budget of `256 (E + V)` arc scans (from a warm start first, then cold); a
///    component that needs more is solved by the kernel of steps 3 to 5 instead. A warm start
///    (an optimum of a graph this one extends) skips the auction: its pairs are kept, completed
///    by Hopcroft–Karp, and its potentials are the correction's starting labels, so only the
///    new edges and the grown paths leave anything to correct. (On the candidate graphs of
///    generated rosters, where almost every score ties at 1, the kernel's last searches walk
///    most of the graph: the raw 100,000 + 100,000 graph takes the kernel alone 147 s, this
///    path 1.7 s; see BENCHMARKS.md.) `f64` labels move only by more than `1e-12` times the
///    largest weight, so rounding cannot make them go round forever; `i64` weights are exact.
///    (Float answers are then made exact by the certificate, step 6.) With [`Cardinality::Any`]
///    this path solves the component's *doubled graph* instead: rows are the rows and one slot
///    per column, columns the columns and one slot per row; a row's edge to its own slot (and a
///    column's to its slot) is staying out, at cost 0, and the slots of each edge's row and
///    column are joined at cost 0 so that they can pair up. Its perfect matchings are the
///    component's assignments at the same cost; its potentials map back (a row's plus its
///    slot's, a column's plus its slot's) to a certificate of the best total alone. Asked
///    directly, the correction's node for staying out would join every row (on 100,000 ×
///    100,000 random graphs it ran out of budget after 4.3 s where the kernel takes 3.8 s). The
///    doubled graph's correction starts from the component's most pairs' optimum (found first
///    by this path), which on generated rosters differs from the best total alone in a few
///    pairs: at 20,000 + 20,000 the matcher's solves take 0.40–0.66 s where the doubled graph's
///    own auction took 0.63–9.85 s, and the kernel 20.2–37.2 s (seeds 1–3, BENCHMARKS.md).
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
///    arithmetic (see [`verify_sparse`](crate::assignment::verify_sparse)); a cycle that
///    rounding left unflipped is flipped there. `O(E + V)` plus exact work on the near-tight
///    cells.
///
/// # Complexity
///
/// The auction path is budgeted: `O(n d)` for the bids (`512 n` of them, `d` the largest
/// row degree), `O(E √V)` for Hopcroft–Karp and `O(E + V)` for the correction (`256 (E + V)`
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
/// applies. Across components the potentials are not normalised, so the dense
/// [`verify`](crate::assignment::verify) may reject a sparse certificate that
/// [`verify_sparse`](crate::assignment::verify_sparse) accepts.
///
/// # Errors
///
/// - [`MatrixError::InvalidWeight`] when a present cell cannot be used in this sense: `-inf` when
///   minimising or `+inf` when maximising (`+inf` when minimising, `-inf` when maximising, and
///   `i64::MAX` / `i64::MIN` likewise, forbid the cell as an absent one does), or an `f64`
///   beyond ±2^1020 (every such cell, in row, then column order, as a
///   [`MatrixError::Multiple`] when there are several);
/// - [`MatrixError::Uncertified`] when a float answer cannot be proved optimal in exact arithmetic
///   (a total beyond `f64`, numbers too far apart); see
///   [`verify_sparse`](crate::assignment::verify_sparse);
/// - [`MatrixError::TooLarge`] when the matrix declares more columns than can be held, or more
///   than `2^32 - 1` rows and columns together (its graphs number them in 32 bits).
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
    solve_sparse_with_progress(matrix, options, None, None, threads, &mut |_, _| {})
}

/// [`solve_sparse`], calling `progress(rows settled, rows to settle)` from time to time (at
/// most about a thousand times). With `warm`, a solution of the same shape (for example of a
/// graph this one extends), its pairs that are still edges and its potentials are where the
/// correction starts, with no auction; if that proof runs out of its own, smaller budget, the
/// full schedule runs from a cold start (see `solve_component`). (On
/// generated rosters of 100,000 + 100,000 the solves after a widening that added a few
/// hundred edges took 0.1–0.4 s this way, against about 3 s from the auction.) The result is
/// optimal either way; `warm` only saves time. Without `warm`, `matching` (each row's
/// column, `usize::MAX` for none; one per row, else ignored), a matching of the matrix such
/// as a maximum one the caller has found, seeds the maximum matching the solve needs (pairs
/// that are not cells, or take a column twice, are dropped): it too only saves time.
/// Large components are solved on up to `threads` threads.
pub(crate) fn solve_sparse_with_progress<T: Weight>(
    matrix: &SparseMatrix<T>,
    options: Options,
    warm: Option<&Solution<T>>,
    matching: Option<&[usize]>,
    threads: usize,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Solution<T>> {
    let (nr, nc) = (matrix.rows, matrix.cols);
    if matrix.nnz() == 0 {
        // Nothing to pair; the lists are reserved first, as a shape may be huge.
        return Solution::empty(nr, nc, options);
    }
    // Per-column state below is `O(nc)`: a matrix of few rows may declare a huge number of
    // columns, checked here before anything is allocated for them.
    let too_large = || MatrixError::TooLarge {
        what: "an assignment of a sparse matrix",
        rows: nr,
        cols: nc,
    };
    // The components' graphs number their columns in 32 bits, and a component may be
    // transposed or given a column per row.
    if nr.checked_add(nc).is_none_or(|n| n > MAX_LOCAL) {
        return Err(too_large());
    }
    crate::matching::memory::reserved::<(T::Total, usize)>(nc, too_large)?;
    let cells = Minimising::<T>::new(matrix, options.sense)?;
    let comps = components(nr, nc, &cells.start, &cells.col);
    let warm = warm.filter(|w| w.rows == nr && w.cols == nc && w.options.sense == options.sense);
    let plan = Plan::<T>::new(matrix);
    let warm = match (warm, matching) {
        (Some(w), _) => Some(WarmPrices::new(w, options.sense)),
        (None, Some(m)) if m.len() == nr => Some(WarmPrices::matching(m)),
        (None, _) => None,
    };
    // The warm pairs are looked up in the matrix's rows, sorted by column.
    let has_edge = |r: usize, c: usize| {
        let row = &cells.col[cells.start[r]..cells.start[r + 1]];
        u32::try_from(c).is_ok_and(|c| row.binary_search(&c).is_ok())
    };
    let mut progress = Throttled::new(
        // Rows of the components (transposed ones by their rows as solved).
        comps.iter().map(|c| c.rows.len().min(c.cols.len())).sum(),
        progress,
    );
    let mut parts = Parts::<T>::new(nr, nc);
    if let [comp] = &comps[..]
        && comp.rows.len() == nr
        && comp.cols.len() == nc
        && nr <= nc
    {
        // One component of every row and column, numbered as the matrix is and not
        // transposed: the cells are its graph as they are (a candidate graph usually is
        // one such component; copying it cost 180 MB at 200,000 + 200,000).
        let same: Vec<usize> = (0..nc).collect();
        let warm = warm.as_ref().map(|w| w.of(comp, &same, &has_edge));
        drop(same);
        let g = Local {
            nr,
            nc,
            start: cells.start,
            col: cells.col,
            cost: cells.cost,
        };
        let s = plan.solve(&g, options.cardinality, warm.as_ref(), &mut |done| {
            progress.at(done)
        });
        progress.settle(s.col4row.len());
        parts.place(comp, &s);
    } else {
        // Position of each column inside its component, for renumbering.
        let mut local_col = vec![NONE; nc];
        let mut prepare = |comp: &Component| {
            for (k, &c) in comp.cols.iter().enumerate() {
                local_col[c] = k;
            }
            let g = local_graph(
                comp,
                (&cells.start, &cells.col, &cells.cost),
                &local_col,
                T::total_from_int(0),
            );
            let warm = warm.as_ref().map(|w| w.of(comp, &local_col, &has_edge));
            (g, warm)
        };
        let mut early =
            solve_large_in_parallel(&comps, threads, &mut prepare, &plan, options.cardinality);
        for (k, comp) in comps.iter().enumerate() {
            let s = match early[k].take() {
                Some(s) => s,
                None => {
                    let (g, warm) = prepare(comp);
                    let settled = progress.settled;
                    plan.solve(&g, options.cardinality, warm.as_ref(), &mut |done| {
                        progress.at(settled + done)
                    })
                }
            };
            progress.settle(s.col4row.len());
            parts.place(comp, &s);
        }
        drop(cells);
    }
    // The solver's copy of the cells is gone (the branches own it) before the certificate
    // makes its own: at 200,000 + 200,000 rosters it was 180 MB of the certificate's peak.
    let mut solution = parts.into_solution(matrix, options);
    // Float labels hold up to rounding: make them an exact proof, or improve the pairs where
    // rounding misled the solver. (Integer weights are exact already.)
    certificate::certify(certificate::Cells::Sparse(matrix), &mut solution)?;
    Ok(solution)
}

/// The allowed cells in minimisation form (`-x` when maximising), still in CSR order: row
/// `r`'s columns are `col[start[r]..start[r + 1]]`, with their weights in `cost`, the way
/// a component's [`Local`] graph holds them: a matrix that is one whole component becomes
/// its graph without a copy.
struct Minimising<T: Weight> {
    start: Vec<usize>,
    col: Vec<u32>,
    cost: Vec<T::Total>,
}

impl<T: Weight> Minimising<T> {
    /// # Errors
    ///
    /// [`MatrixError::InvalidWeight`] for a cell the sense cannot use, or beyond the certified
    /// range: the float arithmetic of the auction and the repair would overflow on it, and the
    /// certificate refuses it anyway, so it is refused before solving.
    fn new(matrix: &SparseMatrix<T>, sense: Sense) -> Result<Self> {
        let zero = T::total_from_int(0);
        let mut start = Vec::with_capacity(matrix.rows + 1);
        let mut col = Vec::with_capacity(matrix.nnz());
        let mut cost = Vec::with_capacity(matrix.nnz());
        start.push(0);
        let mut found = Mistakes::new();
        for r in 0..matrix.rows {
            for k in matrix.start[r]..matrix.start[r + 1] {
                let (x, c) = (matrix.val[k], matrix.col[k]);
                let invalid = |why| MatrixError::InvalidWeight {
                    row: r,
                    col: c as usize,
                    value: format!("{x:?}"),
                    why,
                };
                let allowed = match x.cell(sense) {
                    Cell::Allowed if x.beyond_certified() => {
                        found.push_with(|| invalid(BEYOND_CERTIFIED));
                        continue;
                    }
                    Cell::Allowed if sense == Sense::Maximize => zero - x.to_total(),
                    Cell::Allowed => x.to_total(),
                    Cell::Forbidden => continue,
                    Cell::Invalid(why) => {
                        found.push_with(|| invalid(why));
                        continue;
                    }
                };
                col.push(c);
                cost.push(allowed);
            }
            start.push(col.len());
        }
        found.finish()?;
        Ok(Minimising { start, col, cost })
    }
}

/// How every component is solved: the auction's ε schedule and the repair's limits.
struct Plan<T: Weight> {
    /// The bid increment of the kernel's one-phase auction (a hundredth of the largest
    /// weight, at least one unit).
    eps: T::Total,
    /// The increments of the phases, coarsest first.
    phases: Vec<T::Total>,
    limits: repair::Limits<T::Total>,
}

impl<T: Weight> Plan<T> {
    fn new(matrix: &SparseMatrix<T>) -> Self {
        let zero = T::total_from_int(0);
        let scale = matrix
            .val
            .iter()
            .map(|x| x.to_f64())
            .filter(|x| x.is_finite())
            .fold(0.0f64, |a, x| a.max(x.abs()));
        // The auction's bid increment: a hundredth of the largest weight (at least one unit).
        let mut eps = T::total_from_f64(scale / 100.0);
        if eps <= zero {
            eps = T::total_from_int(1);
        }
        // Epsilon-scaling: the phases start at 1/25 of the largest weight and divide the bid
        // increment by 4, down to 1/6,400 of it (measured on generated rosters of 50,000 +
        // 50,000: coarser ends leave cycles to flip, finer ones cost more bids than they
        // save), once more from 65,536 rows, and once more for every fourfold beyond
        // (262,144, 1,048,576, ...): the auction's total is within `n` last increments of the
        // optimum, and the correction's work grows with that gap. (At 200,000 + 200,000, seed
        // 3, one more phase took the solve from 50.0 s to 25.5 s; at 100,000 seeds 1 to 5 from
        // 4.5 / 7.9 / 11.6 s to 6.0 / 7.0 / 8.8 s, min / median / max; at 20,000 and 50,000 it
        // cost 0.1–0.35 s.) The first phase at 1/25 rather than at `eps`, 1/100: on candidate
        // graphs everyone's best partners are the same few people, and at 1/100 their prices
        // rose a hundredth at a time, 66 bids a row in that phase alone (100,000 + 100,000,
        // seed 1), against 17 at 1/25 and then 7 at 1/100 (the auction's bids from 8.3 s to
        // 6.0 s; at 200,000, 24.0 s to 16.1 s). A warm start's pairs and prices are corrected
        // as they are, with no auction (see `solve_component`).
        let mut count = 5;
        let mut rows = matrix.rows / 65_536;
        while rows > 0 {
            count += 1;
            rows /= 4;
        }
        let first = T::total_from_f64(scale / 25.0);
        let mut phases = if first > eps { vec![first] } else { Vec::new() };
        phases.push(eps);
        let mut d = 100.0;
        for _ in 2..count {
            d *= 4.0;
            let e = T::total_from_f64(scale / d);
            if e > zero && phases.last().is_some_and(|&last| e < last) {
                phases.push(e);
            }
        }
        // And half a step more where the rows have doubled since the last fourfold (131,072
        // to 262,144 rows, 524,288 to 1,048,576, ...), so that the gap of `n` last increments
        // is never more than twice that at the fourfold's start: at 200,000 + 200,000 the
        // correction otherwise flipped 13–21 cycles where 100,000 flipped 6–15 (seeds 5 and
        // 6) and scanned 3.5–3.8 times the nodes. With it, over seeds 1, 2, 5, 6 and 8 in two
        // interleaved rounds, the correction took less time in every run, the auction more in
        // eight of ten (by up to 1.2 s), and solving 63.5 s against 66.8 s in all; in one
        // more round of seeds 1 to 8, 47.2 s against 47.6 s (BENCHMARKS.md).
        if (matrix.rows / 65_536)
            .checked_ilog2()
            .is_some_and(|b| b % 2 == 1)
        {
            let e = T::total_from_f64(scale / (2.0 * d));
            if e > zero && phases.last().is_some_and(|&last| e < last) {
                phases.push(e);
            }
        }
        // Labels improve only by more than the slack: 0 for integers, exact; for floats a
        // rounding allowance far inside `verify_sparse`'s tolerance, which the result must
        // meet ten times over.
        let (slack, tolerance) = if T::EXACT {
            (zero, zero)
        } else {
            (
                T::total_from_f64(1e-12 * scale.max(1.0)),
                T::total_from_f64(1e-10 * scale.max(1.0)),
            )
        };
        let limits = repair::Limits {
            slack,
            tolerance,
            scans_per_size: repair::SCANS_PER_SIZE,
        };
        Plan {
            eps,
            phases,
            limits,
        }
    }

    fn solve(
        &self,
        g: &Local<T::Total>,
        cardinality: Cardinality,
        warm: Option<&WarmStart<T::Total>>,
        report: &mut dyn FnMut(usize),
    ) -> Solved<T::Total> {
        solve_component(
            g,
            cardinality,
            T::total_from_int(0),
            self.eps,
            &self.phases,
            warm,
            &self.limits,
            report,
        )
    }
}

/// A warm start in minimisation form: an earlier solution's potentials (rows', columns') and
/// pairs, or a matching alone.
struct WarmPrices<T: Weight> {
    prices: Option<Potentials<T::Total>>,
    /// Each row's column in the earlier solution (`NONE` for none).
    col_of_row: Vec<usize>,
}

/// An earlier solution's potentials, in minimisation form.
struct Potentials<C> {
    rows: Vec<C>,
    cols: Vec<C>,
}

impl<T: Weight> WarmPrices<T> {
    fn new(warm: &Solution<T>, sense: Sense) -> Self {
        let zero = T::total_from_int(0);
        let flip = |&x: &T::Total| {
            if sense == Sense::Maximize {
                zero - x
            } else {
                x
            }
        };
        let mut col_of_row = vec![NONE; warm.rows];
        for &(r, c) in &warm.pairs {
            col_of_row[r] = c;
        }
        WarmPrices {
            prices: Some(Potentials {
                rows: warm.row_potentials.iter().map(flip).collect(),
                cols: warm.col_potentials.iter().map(flip).collect(),
            }),
            col_of_row,
        }
    }

    /// A matching alone (each row's column), with no prices.
    fn matching(col_of_row: &[usize]) -> Self {
        WarmPrices {
            prices: None,
            col_of_row: col_of_row.to_vec(),
        }
    }

    /// The component's warm start as the kernel sees it (transposed when the component has
    /// more rows than columns; see [`local_graph`]): the prices of its columns, and the
    /// earlier pairs that are still edges, renumbered (`local_col`: each column's place in the
    /// component; rows are in the component's order). A pair whose edge is gone is dropped:
    /// its row and column may lie in different components now.
    fn of(
        &self,
        comp: &Component,
        local_col: &[usize],
        has_edge: &dyn Fn(usize, usize) -> bool,
    ) -> WarmStart<T::Total> {
        let partner = |r: usize| match self.col_of_row[r] {
            c if c != NONE && has_edge(r, c) => Some(c),
            _ => None,
        };
        if comp.rows.len() > comp.cols.len() {
            let mut pairs = vec![NONE; comp.cols.len()];
            for (k, &r) in comp.rows.iter().enumerate() {
                if let Some(c) = partner(r) {
                    pairs[local_col[c]] = k;
                }
            }
            WarmStart {
                prices: (self.prices.as_ref())
                    .map(|p| comp.rows.iter().map(|&r| p.rows[r]).collect()),
                pairs,
            }
        } else {
            let pairs = comp
                .rows
                .iter()
                .map(|&r| partner(r).map_or(NONE, |c| local_col[c]))
                .collect();
            WarmStart {
                prices: (self.prices.as_ref())
                    .map(|p| comp.cols.iter().map(|&c| p.cols[c]).collect()),
                pairs,
            }
        }
    }
}

/// Progress in rows settled, passed on at most about a thousand times.
struct Throttled<'a> {
    to_settle: usize,
    settled: usize,
    reported: usize,
    progress: &'a mut dyn FnMut(usize, usize),
}

impl<'a> Throttled<'a> {
    fn new(to_settle: usize, progress: &'a mut dyn FnMut(usize, usize)) -> Self {
        progress(0, to_settle);
        Throttled {
            to_settle,
            settled: 0,
            reported: 0,
            progress,
        }
    }

    /// `now` rows are settled: reported when a thousandth more than last time, or all.
    fn at(&mut self, now: usize) {
        if now == self.to_settle || now >= self.reported + self.to_settle.div_ceil(1000) {
            self.reported = now;
            (self.progress)(now, self.to_settle);
        }
    }

    /// A component of `rows` rows is solved.
    fn settle(&mut self, rows: usize) {
        self.settled += rows;
        self.at(self.settled);
    }
}

/// Components of at least `PARALLEL_SIZE` rows and columns, solved on `threads` threads when
/// there are two or more of them (each result is the component's own, so the pairs do not
/// depend on the threads); progress then moves once per such component. The others are left
/// `None`, to be solved in order.
type Prepared<C> = (Local<C>, Option<WarmStart<C>>);

fn solve_large_in_parallel<T: Weight>(
    comps: &[Component],
    threads: usize,
    prepare: &mut dyn FnMut(&Component) -> Prepared<T::Total>,
    plan: &Plan<T>,
    cardinality: Cardinality,
) -> Vec<Option<Solved<T::Total>>> {
    let mut early: Vec<Option<Solved<T::Total>>> = (0..comps.len()).map(|_| None).collect();
    let large: Vec<usize> = (0..comps.len())
        .filter(|&k| comps[k].rows.len() + comps[k].cols.len() >= PARALLEL_SIZE)
        .collect();
    if threads <= 1 || large.len() <= 1 {
        return early;
    }
    let work: Vec<_> = large
        .iter()
        .map(|&k| {
            let (g, warm) = prepare(&comps[k]);
            (k, g, warm)
        })
        .collect();
    let next = std::sync::atomic::AtomicUsize::new(0);
    let done = std::sync::Mutex::new(Vec::new());
    // Each thread takes the next component left until none is: this one too, so every
    // component is solved even where no other thread can be started (its stack is memory).
    let take_and_solve = || {
        loop {
            let w = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some((k, g, warm)) = work.get(w) else {
                break;
            };
            let s = plan.solve(g, cardinality, warm.as_ref(), &mut |_| {});
            // A poisoned lock only means another component's solve panicked, which
            // `scope` passes on anyway.
            done.lock().unwrap_or_else(|e| e.into_inner()).push((*k, s));
        }
    };
    std::thread::scope(|scope| {
        for _ in 1..threads.min(work.len()) {
            // A thread that cannot be started leaves its share to the others.
            let _ = std::thread::Builder::new().spawn_scoped(scope, take_and_solve);
        }
        take_and_solve();
    });
    for (k, s) in done.into_inner().unwrap_or_else(|e| e.into_inner()) {
        early[k] = Some(s);
    }
    early
}

/// The whole matrix's answer, assembled from its components' (in minimisation form).
struct Parts<T: Weight> {
    col4row: Vec<usize>,
    u: Vec<T::Total>,
    v: Vec<T::Total>,
}

impl<T: Weight> Parts<T> {
    fn new(rows: usize, cols: usize) -> Self {
        let zero = T::total_from_int(0);
        Parts {
            col4row: vec![NONE; rows],
            u: vec![zero; rows],
            v: vec![zero; cols],
        }
    }

    /// Takes in one component's answer, in the whole matrix's numbering (undoing the
    /// transposition of a component with more rows than columns).
    fn place(&mut self, comp: &Component, s: &Solved<T::Total>) {
        if comp.rows.len() > comp.cols.len() {
            for (lj, &c) in comp.cols.iter().enumerate() {
                if s.col4row[lj] != NONE {
                    self.col4row[comp.rows[s.col4row[lj]]] = c;
                }
                self.v[c] = s.u[lj];
            }
            for (li, &r) in comp.rows.iter().enumerate() {
                self.u[r] = s.v[li];
            }
        } else {
            for (li, &r) in comp.rows.iter().enumerate() {
                self.col4row[r] = match s.col4row[li] {
                    NONE => NONE,
                    lj => comp.cols[lj],
                };
                self.u[r] = s.u[li];
            }
            for (lj, &c) in comp.cols.iter().enumerate() {
                self.v[c] = s.v[lj];
            }
        }
    }

    /// The solution: the potentials back in `options.sense`, the pairs, the unassigned rows
    /// and columns, and the total of the chosen cells.
    fn into_solution(self, matrix: &SparseMatrix<T>, options: Options) -> Solution<T> {
        let zero = T::total_from_int(0);
        let Parts {
            col4row,
            mut u,
            mut v,
        } = self;
        if options.sense == Sense::Maximize {
            for x in u.iter_mut().chain(v.iter_mut()) {
                *x = zero - *x;
            }
        }
        let mut pairs = Vec::new();
        let mut col_used = vec![false; matrix.cols];
        let mut unassigned_rows = Vec::new();
        let mut total = zero;
        for (r, &c) in col4row.iter().enumerate() {
            if c == NONE {
                unassigned_rows.push(r);
            } else {
                pairs.push((r, c));
                col_used[c] = true;
                // Present: the kernel only pairs along allowed cells.
                total = total + matrix.get(r, c).map_or(zero, T::to_total);
            }
        }
        Solution {
            options,
            rows: matrix.rows,
            cols: matrix.cols,
            pairs,
            total,
            unassigned_rows,
            unassigned_cols: (0..matrix.cols).filter(|&c| !col_used[c]).collect(),
            row_potentials: u,
            col_potentials: v,
            rests: Rests::before_certificate::<T>(),
        }
    }
}

/// Components at least this large (rows and columns) are solved on threads of their own when
/// there are two or more: below it, a thread costs more than it saves.
const PARALLEL_SIZE: usize = 4096;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matching::assignment::options::Cardinality;
    use crate::matching::assignment::sparse::components::{
        kernel_component, maximum_matching_size_from,
    };
    use crate::matching::assignment::sparse::kernel::columns_free_in_some_maximum_matching;
    use crate::matching::assignment::verify_sparse;
    use crate::matching::flow::bipartite::{Graph, maximum_matching};
    use proptest::prelude::*;

    /// Every matching of a small graph, as the columns it covers, by brute force.
    fn matchings<C>(g: &Local<C>, row: usize, used: &mut Vec<bool>, out: &mut Vec<Vec<bool>>) {
        if row == g.nr {
            out.push(used.clone());
            return;
        }
        matchings(g, row + 1, used, out); // the row stays unmatched
        for &c in &g.col[g.start[row]..g.start[row + 1]] {
            let c = c as usize;
            if !used[c] {
                used[c] = true;
                matchings(g, row + 1, used, out);
                used[c] = false;
            }
        }
    }

    /// The graph of the cells flagged in `cells` (row by row), every weight 0.
    fn unweighted(nr: usize, nc: usize, cells: &[bool]) -> Local<i128> {
        let grid: Vec<Option<i64>> = cells.iter().map(|&on| on.then_some(0)).collect();
        super::super::repair::tests::local(nr, nc, &grid)
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
            let g = unweighted(nr, nc, &cells);
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

        /// On larger graphs of few distinct costs (many ties, many optimal matchings), a
        /// coarse auction leaves many negative cycles for the correction to flip, and after
        /// each flip the correction goes on with the tree it kept (see
        /// `Residual::replant_after_flip`): it must still end on labels that hold, so the
        /// repair succeeds, and on the kernel's optimum.
        #[test]
        fn the_repair_flips_many_cycles_to_the_kernels_optimum(
            (nr, nc, cells) in (8usize..=40, 8usize..=40).prop_flat_map(|(r, c)| {
                let cells =
                    proptest::collection::vec(proptest::option::weighted(0.5, -3i64..=3), r * c);
                (Just(r), Just(c), cells)
            }),
            phases in prop_oneof![Just(vec![1000i128]), Just(vec![30, 1])],
        ) {
            use super::super::repair::tests::{EXACT, check_against, extra, local};
            let g = local(nr, nc, &cells);
            let kernel = kernel_component(&g, Cardinality::Maximum, 0, 1, &mut |_| {});
            let pairs = kernel.col4row.iter().filter(|&&j| j != NONE).count();
            let cost = (0..g.nr)
                .filter(|&i| kernel.col4row[i] != NONE)
                .map(|i| g.cost_of(i, kernel.col4row[i]))
                .sum::<i128>();
            let start = repair::Start::Auction { phases: &phases };
            let repaired = repair::solve(&g, extra(&g), 0, start, &EXACT, &mut |_| {});
            prop_assert!(repaired.is_some(), "budget");
            check_against(&g, true, &repaired.unwrap(), (pairs, cost))?;
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
            let repaired = repair::solve(
                &g,
                extra(&g),
                0,
                repair::Start::Auction { phases: &[1] },
                &none,
                &mut |_| {},
            );
            prop_assert!(repaired.is_none());
            let s = solve_component(&g, Cardinality::Maximum, 0, 1, &[1], None, &none, &mut |_| {});
            check(&g, true, &s)?;
        }

        /// The best total alone through the doubled graph (the auction and its correction, with
        /// the production budget) finds the brute-force optimum with a valid certificate.
        #[test]
        fn the_best_total_alone_is_solved_on_the_doubled_graph(
            (nr, nc, cells) in super::super::repair::tests::small_graphs(),
        ) {
            use super::super::repair::tests::{EXACT, check, local};
            let g = local(nr, nc, &cells);
            let mut reports = Vec::new();
            let s = solve_component(&g, Cardinality::Any, 0, 1, &[1], None, &EXACT, &mut |k| reports.push(k));
            check(&g, false, &s)?;
            // Progress stays within the component's rows and ends at all of them.
            prop_assert!(reports.iter().all(|&k| k <= nr));
            prop_assert_eq!(reports.last().copied(), Some(nr));
        }

        /// Starting from the pairs and potentials of a solve of fewer edges (or of more) gives
        /// the cold optimum and a valid certificate.
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
            let warm = solve_sparse_with_progress(&full, options, Some(&before), None, 1, &mut |_, _| {}).unwrap();
            prop_assert!((warm.total() - cold.total()).abs() < 1e-9, "{} vs {}", warm.total(), cold.total());
            prop_assert_eq!(warm.pairs().len(), cold.pairs().len());
            prop_assert!(verify_sparse(&full, &warm).is_ok());
            // And the other way: a warm start whose pairs are partly no longer edges (the
            // components may differ too).
            let fewer_cold = solve_sparse(&fewer, options).unwrap();
            let back = solve_sparse_with_progress(&fewer, options, Some(&cold), None, 1, &mut |_, _| {}).unwrap();
            prop_assert!((back.total() - fewer_cold.total()).abs() < 1e-9, "{} vs {}", back.total(), fewer_cold.total());
            prop_assert_eq!(back.pairs().len(), fewer_cold.pairs().len());
            prop_assert!(verify_sparse(&fewer, &back).is_ok());
        }

        /// Whatever matching seeds the solve (a maximum one, a partial one, or one with pairs
        /// that are no cells, columns taken twice, columns out of range), the optimum and its
        /// certificate are those of the solve without it; a seed of the wrong length is
        /// ignored.
        #[test]
        fn any_matching_seed_gives_the_unseeded_optimum(
            (nr, nc, cells) in (1usize..=8, 1usize..=8).prop_flat_map(|(r, c)| {
                (Just(r), Just(c), proptest::collection::vec(
                    proptest::option::weighted(0.5, 0.0f64..1.0), r * c))
            }),
            seed in proptest::collection::vec(proptest::option::of(0usize..10), 9),
            most in any::<bool>(),
            use_optimum in any::<bool>(),
        ) {
            let cardinality = if most { Cardinality::Maximum } else { Cardinality::Any };
            let options = Options::new(Sense::Maximize).with_cardinality(cardinality);
            let triplets: Vec<(usize, usize, f64)> = cells.iter().enumerate()
                .filter_map(|(k, w)| w.map(|w| (k / nc, k % nc, w))).collect();
            let m = SparseMatrix::from_triplets(nr, nc, triplets).unwrap();
            let cold = solve_sparse(&m, options).unwrap();
            let mut matching: Vec<usize> = seed.iter().map(|s| s.unwrap_or(NONE)).collect();
            if use_optimum {
                matching = vec![NONE; nr];
                for &(r, c) in cold.pairs() {
                    matching[r] = c;
                }
            }
            // One per row, then (unless it is the optimum's) the nine drawn: ignored.
            for seed in [&matching[..nr], &matching[..]] {
                let seeded = solve_sparse_with_progress(&m, options, None, Some(seed), 1, &mut |_, _| {}).unwrap();
                prop_assert!((seeded.total() - cold.total()).abs() < 1e-9, "{} vs {}", seeded.total(), cold.total());
                prop_assert_eq!(seeded.pairs().len(), cold.pairs().len());
                prop_assert!(verify_sparse(&m, &seeded).is_ok());
            }
        }

        /// The maximum matching's size grown from any seed is the brute-force maximum.
        #[test]
        fn maximum_matching_from_any_seed_is_maximum(
            (nr, nc, cells) in (1usize..=6, 1usize..=6).prop_flat_map(|(r, c)| {
                (Just(r), Just(c), proptest::collection::vec(any::<bool>(), r * c))
            }),
            seed in proptest::option::of(proptest::collection::vec(proptest::option::of(0usize..8), 0..8)),
        ) {
            let g = unweighted(nr, nc, &cells);
            let seed: Option<Vec<usize>> = seed.map(|s| s.iter().map(|x| x.unwrap_or(NONE)).collect());
            let mut all = Vec::new();
            matchings(&g, 0, &mut vec![false; nc], &mut all);
            let best = all.iter().map(|m| m.iter().filter(|&&x| x).count()).max().unwrap_or(0);
            prop_assert_eq!(maximum_matching_size_from(&g, seed.as_deref()), best);
        }
    }

    /// The auction's increments: from 1/25 of the largest weight, by fourfold steps to
    /// 1/6,400, a step more from 65,536 rows and each fourfold beyond, and half a step more
    /// where the rows have doubled since (131,072 to 262,144, 524,288 to 1,048,576).
    #[test]
    fn the_increments_follow_the_rows() {
        let divisors = |rows: usize| -> Vec<f64> {
            let m = SparseMatrix::from_triplets(rows, 1, vec![(0, 0, 1.0)]).unwrap();
            Plan::<f64>::new(&m)
                .phases
                .iter()
                .map(|e| (1.0 / e).round())
                .collect()
        };
        let up_to = |last: f64| -> Vec<f64> {
            let mut d = vec![25.0, 100.0];
            while *d.last().unwrap() < last {
                d.push(d.last().unwrap() * 4.0);
            }
            d
        };
        assert_eq!(divisors(1), up_to(6_400.0));
        assert_eq!(divisors(65_535), up_to(6_400.0));
        assert_eq!(divisors(65_536), up_to(25_600.0));
        assert_eq!(divisors(131_071), up_to(25_600.0));
        let with_half = |last: f64| [up_to(last), vec![2.0 * last]].concat();
        assert_eq!(divisors(131_072), with_half(25_600.0));
        assert_eq!(divisors(262_143), with_half(25_600.0));
        assert_eq!(divisors(262_144), up_to(102_400.0));
        assert_eq!(divisors(524_288), with_half(102_400.0));
        assert_eq!(divisors(1_048_576), up_to(409_600.0));
        // Integer weights: an increment below one unit is no phase.
        let m = SparseMatrix::from_triplets(200_000, 1, vec![(0, 0, 1_000i64)]).unwrap();
        let phases = Plan::<i64>::new(&m).phases;
        assert_eq!(phases, vec![40, 10, 2]);
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
                let s =
                    solve_sparse_with_progress(&m, options, None, None, threads, &mut |d, t| {
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
