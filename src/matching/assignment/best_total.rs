//! The best total alone ([`Cardinality::Any`](super::Cardinality::Any)) on the dense engine:
//! most pairs first, then cycles through "staying out" cancelled until none pays.
//!
//! # Why not a column per row for staying out
//!
//! The textbook reduction gives every row a private column worth 0 and solves `n x (m + n)`
//! cells. That problem is rectangular, so the kernel cannot use its fast start (column
//! reduction needs a square matrix, and would leave free columns at potentials the certificate
//! cannot use): on 2000 x 2000 matrices with 1 % of the cells allowed, worth `i + j`, it took
//! 13-16 times as long as most pairs on the same matrix (BENCHMARKS.md).
//!
//! # What is done instead
//!
//! The caller forbids every cell that costs more than staying out (no optimum uses one:
//! dropping the pair would improve the total) and runs the kernel with its fast start for the
//! most pairs. The kernel's answer is tight under feasible potentials: `u_i + v_j <= c_ij` on
//! every allowed cell, with equality on the pairs. [`improve`] then works on the residual graph
//! of the certificate module with its pool and sink merged into one node `Z` (staying out costs
//! nothing either way). The potentials rule out every negative cycle that avoids `Z`, so the
//! assignment is optimal exactly when no cycle through `Z` is negative. Each round is one
//! Dijkstra search from `Z` over reduced costs (Johnson's reweighting), sourced at every taken
//! column and every unassigned row, ending at every assigned row and every free column:
//!
//! - every negative cycle through `Z` is a path of the search's tree; the most negative is
//!   cancelled, and with it every other negative one that shares no row or column with those
//!   already taken (most negative first). Usually each gives up one pair along an alternating
//!   path: the reverse of a successive shortest path (the best totals with `k` pairs are
//!   convex in `k`). The search's distances become the potentials, under which every tree
//!   path is tight, so cancelling several keeps them feasible;
//! - when none is negative, the distances are the certificate itself: assigned rows and taken
//!   columns at labels `<= 0` from `Z`, unassigned ones at `>= 0`.
//!
//! Each round reads every allowed cell once: `O(n m)`, or over lists of the allowed cells when
//! at most one in 16 is (see [`Cells`]). When no pair is worth giving up, one round proves it;
//! on 2,000 x 2,000 matrices with 0.2-0.5 % of the cells allowed, uniform in [-50, 50), which
//! leave 7-29 % of the rows unpaired, 5-17 rounds. Rounds are capped ([`ROUNDS`]), beyond which the
//! textbook reduction finishes the job ([`private_columns`]): exact either way.

use super::core::{self, Compute, NONE, Start, Store};

/// Where the shortest cycle through `Z` leaves the assignment graph.
#[derive(Clone, Copy, Debug)]
enum Exit {
    /// An assigned row, which gives up its pair (its row to the pool).
    Row(usize),
    /// A free column, which takes a pair (its column to the sink).
    Col(usize),
}

/// Makes `col4row` an assignment with the best total alone and `(u, v)` its certificate, from
/// an assignment that is tight under feasible potentials.
///
/// `cost` is the kernel's `nr x nc` buffer in minimisation form, every cell costing more than
/// `stay` (what staying out costs, in the same units) already forbidden. On entry
/// `u_i + v_j <= c_ij` on every allowed cell of an assigned row, with equality on every pair of
/// `col4row` (an unassigned row's potential is set here). On return the same holds, and also
/// `u_i <= stay` on every assigned row and `v_j <= 0` on every taken column, every unassigned
/// row at exactly `stay` and every free column at exactly 0: the certificate of
/// [`Cardinality::Any`](super::Cardinality::Any), which also holds on the cells the caller
/// forbade (see [`settle`]); exact on integers and up to rounding on floats (which the
/// caller's certification settles).
pub(crate) fn improve<S: Store<C>, C: Compute>(
    nr: usize,
    nc: usize,
    cost: &[S],
    stay: S,
    col4row: &mut [usize],
    u: &mut [C],
    v: &mut [C],
) {
    debug_assert!(cost.len() == nr * nc && col4row.len() == nr);
    debug_assert!(u.len() == nr && v.len() == nc);
    let mut row4col = owners(col4row, nc);
    reduce_unassigned_rows(nc, cost, col4row, u, v);
    let cells = Cells::new(nr, nc, cost);
    if !improve_on(
        &cells,
        nr,
        nc,
        stay.load(),
        ROUNDS,
        col4row,
        &mut row4col,
        u,
        v,
    ) {
        private_columns(nr, nc, cost, stay, col4row, u, v);
    }
}

/// The row holding each of `nc` columns (`NONE` for a free one).
fn owners(col4row: &[usize], nc: usize) -> Vec<usize> {
    let mut row4col = vec![NONE; nc];
    for (i, &j) in col4row.iter().enumerate() {
        if j != NONE {
            row4col[j] = i;
        }
    }
    row4col
}

/// Gives every unassigned row the potential its cells need: the kernel leaves a row it could
/// not assign at its first potential, which its cells need not satisfy. Each becomes its
/// smallest reduced cost (a row with no allowed cell keeps its own).
fn reduce_unassigned_rows<S: Store<C>, C: Compute>(
    nc: usize,
    cost: &[S],
    col4row: &[usize],
    u: &mut [C],
    v: &[C],
) {
    for (i, ui) in u.iter_mut().enumerate() {
        if col4row[i] == NONE {
            let row = &cost[i * nc..(i + 1) * nc];
            let least = row
                .iter()
                .zip(v)
                .fold(C::UNREACHED, |m, (c, &vj)| m.min2(c.load() - vj));
            if least < C::THRESHOLD {
                *ui = least;
            }
        }
    }
}

/// How many rounds [`improve`] runs before it falls back to [`private_columns`]. Every round
/// cancels at least one negative cycle, which lowers the total, so the rounds end; but no
/// useful bound on their number is known (a round usually cancels many cycles, and the runs
/// measured took at most 17 rounds at 2,000 x 2,000), and on floats rounding could make a
/// cycle of cost 0 look negative.
const ROUNDS: usize = 64;

/// The textbook reduction, kept as the fallback: every row gets a private column that costs
/// `stay` and the kernel assigns every row on `nr x (nc + nr)` cells, from the row reduction
/// alone (which keeps every column that ends free at potential 0). Exact, but on some
/// matrices many times slower than [`improve_on`] (see the module's docs).
fn private_columns<S: Store<C>, C: Compute>(
    nr: usize,
    nc: usize,
    cost: &[S],
    stay: S,
    col4row: &mut [usize],
    u: &mut [C],
    v: &mut [C],
) {
    let width = nc + nr;
    let mut wide = vec![S::FORBIDDEN; nr * width];
    for (i, (to, from)) in wide
        .chunks_exact_mut(width)
        .zip(cost.chunks_exact(nc.max(1)))
        .enumerate()
    {
        to[..nc].copy_from_slice(from);
        to[nc + i] = stay;
    }
    let s = core::solve::<S, C>(nr, width, &wide, Start::JonkerVolgenant);
    for (i, &j) in s.col4row.iter().enumerate() {
        col4row[i] = if j < nc { j } else { NONE };
    }
    u.copy_from_slice(&s.u);
    v.copy_from_slice(&s.v[..nc]);
    let row4col = owners(col4row, nc);
    settle(stay.load(), col4row, &row4col, u, v);
}

/// [`improve`] on the cells in the given form, once the unassigned rows' potentials are set,
/// in at most `rounds` rounds. Returns whether it finished (else the assignment and the
/// potentials are tight and feasible, but perhaps not optimal).
#[allow(clippy::too_many_arguments)]
fn improve_on<S: Store<C>, C: Compute>(
    cells: &Cells<'_, S, C>,
    nr: usize,
    nc: usize,
    stay: C,
    rounds: usize,
    col4row: &mut [usize],
    row4col: &mut [usize],
    u: &mut [C],
    v: &mut [C],
) -> bool {
    if proves_already(stay, col4row, row4col, u, v) {
        settle(stay, col4row, row4col, u, v);
        return true;
    }
    let mut search = Search::new(nr, nc);
    for _ in 0..rounds {
        search.run(cells, stay, col4row, row4col, u, v);
        search.relabel(row4col, u, v);
        if search.exits.is_empty() {
            settle(stay, col4row, row4col, u, v);
            return true;
        }
        search.cancel_disjoint(col4row, row4col);
    }
    false
}

/// Whether the potentials already are the certificate up to [`settle`]: every assigned row
/// at most `stay` and every unassigned one at least, every taken column at most 0 and every
/// free one at least. The kernel's answer on a wide matrix often is (its start keeps every
/// column at most 0, and a free one at 0), and then no round is needed: on 1,000 x 4,000
/// uniform matrices a round's pass over the cells was most of the difference to most pairs.
fn proves_already<C: Compute>(
    stay: C,
    col4row: &[usize],
    row4col: &[usize],
    u: &[C],
    v: &[C],
) -> bool {
    let rows = u.iter().zip(col4row).all(|(&ui, &j)| match j {
        NONE => ui >= stay,
        _ => ui <= stay,
    });
    let cols = v.iter().zip(row4col).all(|(&vj, &i)| match i {
        NONE => vj >= C::ZERO,
        _ => vj <= C::ZERO,
    });
    rows && cols
}

/// States complementary slackness exactly: every unassigned row's potential lowered to
/// `stay` and every free column's to 0.
///
/// Both were at least that (the search's labels from `Z`), and neither holds a pair to keep
/// tight, so lowering keeps every allowed cell satisfied. It also satisfies the cells the
/// caller forbade for costing more than `stay`: their rows' potentials are at most `stay` and
/// their columns' at most 0. And a caller reading the potentials finds every unassigned agent
/// at exactly 0, which the leximin strategy builds on.
fn settle<C: Compute>(stay: C, col4row: &[usize], row4col: &[usize], u: &mut [C], v: &mut [C]) {
    for (ui, &j) in u.iter_mut().zip(col4row) {
        if j == NONE {
            *ui = stay;
        }
    }
    for (vj, &i) in v.iter_mut().zip(row4col) {
        if i == NONE {
            *vj = C::ZERO;
        }
    }
}

/// The allowed cells as the searches read them.
///
/// A search reads every row, so on a matrix with few allowed cells the rounds would spend
/// their time on forbidden ones: there the allowed cells are listed once, row by row, and the
/// columns wait in a heap instead of being looked through. Both forms give the same search,
/// step for step (the same distances, the same ties broken the same way).
enum Cells<'a, S, C> {
    Dense {
        nc: usize,
        cost: &'a [S],
    },
    Lists {
        start: Vec<usize>,
        col: Vec<usize>,
        cost: Vec<C>,
    },
}

impl<'a, S: Store<C>, C: Compute> Cells<'a, S, C> {
    /// Lists the allowed cells when at most one in [`SPARSE`] is.
    fn new(nr: usize, nc: usize, cost: &'a [S]) -> Self {
        let allowed = cost.iter().filter(|c| c.load() < C::THRESHOLD).count();
        if allowed.saturating_mul(SPARSE) > nr * nc {
            return Cells::Dense { nc, cost };
        }
        Self::lists(nr, nc, cost, allowed)
    }

    fn lists(nr: usize, nc: usize, cost: &[S], allowed: usize) -> Self {
        let mut start = Vec::with_capacity(nr + 1);
        let (mut col, mut kept) = (Vec::with_capacity(allowed), Vec::with_capacity(allowed));
        start.push(0);
        for row in cost.chunks_exact(nc.max(1)).take(nr) {
            for (j, c) in row.iter().enumerate() {
                let c = c.load();
                if c < C::THRESHOLD {
                    col.push(j);
                    kept.push(c);
                }
            }
            start.push(col.len());
        }
        Cells::Lists {
            start,
            col,
            cost: kept,
        }
    }
}

/// Below this share of allowed cells (one in `SPARSE`), the searches read lists of them (see
/// [`Cells`]): a listed cell costs a few times a dense one (an index, a scattered read, maybe
/// a heap entry).
const SPARSE: usize = 16;

/// A column and its distance, ordered by distance, then by column, smallest first in a
/// [`BinaryHeap`](std::collections::BinaryHeap).
#[derive(Clone, Copy, Debug)]
struct Queued<C>(C, usize);

impl<C: Compute> PartialEq for Queued<C> {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == std::cmp::Ordering::Equal
    }
}
impl<C: Compute> Eq for Queued<C> {}
impl<C: Compute> PartialOrd for Queued<C> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl<C: Compute> Ord for Queued<C> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        // Reversed, for a min-heap; distances are never NaN.
        other
            .0
            .partial_cmp(&self.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(other.1.cmp(&self.1))
    }
}

/// The scratch space of one round's search, allocated once.
struct Search<C> {
    nr: usize,
    /// Tentative reduced distance of each column not yet popped; popped columns hold
    /// [`Compute::NEG`], so no later scan lowers them.
    d: Vec<C>,
    /// Final reduced distance of each popped (taken) column.
    dfin: Vec<C>,
    /// The row whose scan gave each column its distance; `NONE` for a taken column still at
    /// its start (reached from `Z` directly).
    pred: Vec<usize>,
    /// Final reduced distance of each row.
    drow: Vec<C>,
    /// Taken columns not yet popped (dense cells), or their distances as they fell (listed
    /// cells; an entry is current while it equals the column's distance).
    open: Vec<usize>,
    heap: std::collections::BinaryHeap<Queued<C>>,
    /// Unassigned rows with their start distances, smallest first.
    starts: Vec<(C, usize)>,
    /// The exits of the negative cycles through `Z` the last search found, with their costs.
    exits: Vec<(C, Exit)>,
    /// Rows and columns on a cycle cancelled in this round.
    row_used: Vec<bool>,
    col_used: Vec<bool>,
}

impl<C: Compute> Search<C> {
    fn new(nr: usize, nc: usize) -> Self {
        Search {
            nr,
            d: vec![C::UNREACHED; nc],
            dfin: vec![C::ZERO; nc],
            pred: vec![NONE; nc],
            drow: vec![C::ZERO; nr],
            open: Vec::with_capacity(nr),
            heap: std::collections::BinaryHeap::new(),
            starts: Vec::new(),
            exits: Vec::new(),
            row_used: vec![false; nr],
            col_used: vec![false; nc],
        }
    }

    /// One Dijkstra search from `Z` over every row. Reduced costs use the potentials as
    /// Johnson labels (`-u_i` for a row, `v_j` for a column), so every arc between rows and
    /// columns is nonnegative; `Z` reaches an unassigned row at reduced distance
    /// `u_i - stay` and a taken column at `-v_j`. Lists in `exits` every exit whose cycle
    /// through `Z` is negative.
    fn run<S: Store<C>>(
        &mut self,
        cells: &Cells<'_, S, C>,
        stay: C,
        col4row: &[usize],
        row4col: &[usize],
        u: &[C],
        v: &[C],
    ) {
        let listed = matches!(cells, Cells::Lists { .. });
        self.pred.fill(NONE);
        self.open.clear();
        self.heap.clear();
        for (j, (d, &owner)) in self.d.iter_mut().zip(row4col).enumerate() {
            if owner == NONE {
                *d = C::UNREACHED;
            } else {
                *d = C::ZERO - v[j];
                if listed {
                    self.heap.push(Queued(*d, j));
                } else {
                    self.open.push(j);
                }
            }
        }
        self.starts.clear();
        self.starts.extend(
            (0..self.nr)
                .filter(|&i| col4row[i] == NONE)
                .map(|i| (u[i] - stay, i)),
        );
        // By distance, then by row: a fixed order, so the search depends on the matrix alone.
        self.starts.sort_unstable_by(|a, b| {
            a.0.partial_cmp(&b.0)
                .unwrap_or(std::cmp::Ordering::Equal)
                .then(a.1.cmp(&b.1))
        });
        self.exits.clear();
        let mut next = 0;
        loop {
            let (k, dcol) = if listed {
                self.closest_queued()
            } else {
                self.closest_open()
            };
            let row_first = match (self.starts.get(next), k) {
                (Some(&(ds, _)), Some(_)) => ds <= dcol,
                (Some(_), None) => true,
                (None, Some(_)) => false,
                (None, None) => break,
            };
            let (i, di) = if row_first {
                let (ds, i) = self.starts[next];
                next += 1;
                (i, ds)
            } else {
                let k = k.unwrap_or_else(|| unreachable!("a column was found"));
                let j = if listed {
                    self.heap.pop();
                    k
                } else {
                    self.open.swap_remove(k)
                };
                self.dfin[j] = dcol;
                self.d[j] = C::NEG;
                let i = row4col[j];
                // The row gives up its pair: the cycle's cost is its label from `Z`.
                let exit = dcol + stay - u[i];
                if exit < C::ZERO {
                    self.exits.push((exit, Exit::Row(i)));
                }
                (i, dcol)
            };
            self.drow[i] = di;
            match cells {
                Cells::Dense { nc, cost } => {
                    self.scan(&cost[i * nc..(i + 1) * nc], i, di - u[i], v);
                }
                Cells::Lists { start, col, cost } => {
                    let cells = start[i]..start[i + 1];
                    self.scan_listed(&col[cells.clone()], &cost[cells], i, di - u[i], v, row4col);
                }
            }
        }
        for (j, &owner) in row4col.iter().enumerate() {
            if owner == NONE && self.d[j] < C::THRESHOLD {
                // The column takes a pair: the cycle's cost is its label from `Z`.
                let exit = self.d[j] + v[j];
                if exit < C::ZERO {
                    self.exits.push((exit, Exit::Col(j)));
                }
            }
        }
    }

    /// The open column with the smallest distance (the smallest index among equals) and that
    /// distance, or `None` and [`Compute::UNREACHED`] when none is open.
    fn closest_open(&self) -> (Option<usize>, C) {
        let mut best: (Option<usize>, C, usize) = (None, C::UNREACHED, NONE);
        for (k, &j) in self.open.iter().enumerate() {
            let dj = self.d[j];
            if dj < best.1 || (dj == best.1 && j < best.2) {
                best = (Some(k), dj, j);
            }
        }
        (best.0, best.1)
    }

    /// The column on top of the heap with its distance (stale entries dropped first), or
    /// `None` and [`Compute::UNREACHED`] when the heap is empty. The entry stays on the heap.
    fn closest_queued(&mut self) -> (Option<usize>, C) {
        while let Some(&Queued(dj, j)) = self.heap.peek() {
            // Popped columns hold NEG, and a lowered distance was queued again.
            if self.d[j] == dj {
                return (Some(j), dj);
            }
            self.heap.pop();
        }
        (None, C::UNREACHED)
    }

    /// [`scan`](Self::scan) over the listed cells of row `i` (columns and costs), queueing
    /// every taken column whose distance falls.
    fn scan_listed(
        &mut self,
        cols: &[usize],
        costs: &[C],
        i: usize,
        h: C,
        v: &[C],
        row4col: &[usize],
    ) {
        for (&j, &c) in cols.iter().zip(costs) {
            let x = h + c - v[j];
            if x < self.d[j] {
                self.d[j] = x;
                self.pred[j] = i;
                if row4col[j] != NONE {
                    self.heap.push(Queued(x, j));
                }
            }
        }
    }

    /// Relaxes every column from row `i`, reached at `h + u_i`: a column's distance through
    /// the row is `h + c_ij - v_j`. Popped columns hold `NEG` and forbidden cells cost at least
    /// `THRESHOLD`, so neither changes.
    #[inline(always)]
    fn scan<S: Store<C>>(&mut self, row: &[S], i: usize, h: C, v: &[C]) {
        for ((d, p), (c, &vj)) in self
            .d
            .iter_mut()
            .zip(self.pred.iter_mut())
            .zip(row.iter().zip(v))
        {
            // Branch-free selects with unconditional stores, so the loop vectorises.
            let x = h + c.load() - vj;
            let better = x < *d;
            *d = if better { x } else { *d };
            *p = if better { i } else { *p };
        }
    }

    /// Turns the last search's distances into potentials: `u_i - d_i` and `v_j + d_j`. Every
    /// row and every taken column is reached; a free column that is not has no allowed cell
    /// and gets 0.
    fn relabel(&self, row4col: &[usize], u: &mut [C], v: &mut [C]) {
        for (ui, &di) in u.iter_mut().zip(&self.drow) {
            *ui = *ui - di;
        }
        for (j, vj) in v.iter_mut().enumerate() {
            *vj = if row4col[j] != NONE {
                *vj + self.dfin[j]
            } else if self.d[j] < C::THRESHOLD {
                *vj + self.d[j]
            } else {
                C::ZERO
            };
        }
    }

    /// Cancels negative cycles through `Z` that share no row or column, the most negative
    /// first (ties by their order in `exits`, which is fixed). Each is a path of the search's
    /// tree, tight under the new potentials: cancelling one reverses tight arcs only, so the
    /// potentials stay feasible for all of them together. One search then serves many pairs
    /// given up (on a 2,000 x 2,000 matrix with 0.5 % of the cells allowed, uniform in
    /// [-50, 50), about 140, which one cycle a search took 140 searches for).
    fn cancel_disjoint(&mut self, col4row: &mut [usize], row4col: &mut [usize]) {
        let mut exits = std::mem::take(&mut self.exits);
        exits.sort_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal));
        self.row_used.fill(false);
        self.col_used.fill(false);
        for &(_, exit) in &exits {
            if self.claim(exit, col4row) {
                self.cancel(exit, col4row, row4col);
            }
        }
        self.exits = exits;
    }

    /// Marks the rows and columns of the cycle that leaves at `exit` as used, if none of them
    /// is yet; returns whether it did.
    fn claim(&mut self, exit: Exit, col4row: &[usize]) -> bool {
        let (first_row, first_col) = match exit {
            Exit::Row(i) => (i, col4row[i]),
            Exit::Col(j) => (NONE, j),
        };
        let walk = |f: &mut dyn FnMut(usize, usize) -> bool| {
            // Each step: a row (or none) and the column it holds or reaches.
            let (mut i, mut j) = (first_row, first_col);
            loop {
                if !f(i, j) {
                    return false;
                }
                let r = self.pred[j];
                if r == NONE {
                    return true;
                }
                let previous = col4row[r];
                if previous == NONE {
                    return f(r, NONE);
                }
                (i, j) = (r, previous);
            }
        };
        let (rows, cols) = (&self.row_used, &self.col_used);
        let free = walk(&mut |i, j| (i == NONE || !rows[i]) && (j == NONE || !cols[j]));
        if !free {
            return false;
        }
        let mut marks: Vec<(usize, usize)> = Vec::new();
        walk(&mut |i, j| {
            marks.push((i, j));
            true
        });
        for (i, j) in marks {
            if i != NONE {
                self.row_used[i] = true;
            }
            if j != NONE {
                self.col_used[j] = true;
            }
        }
        true
    }

    /// Cancels the cycle through `Z` that leaves at `exit`, walking its search tree back to
    /// `Z`: each row on it moves to the column it reached, a taken column at the start becomes
    /// free, and an unassigned row at the start becomes assigned.
    fn cancel(&self, exit: Exit, col4row: &mut [usize], row4col: &mut [usize]) {
        let mut j = match exit {
            Exit::Row(i) => {
                let j = col4row[i];
                col4row[i] = NONE;
                row4col[j] = NONE;
                j
            }
            Exit::Col(j) => j,
        };
        loop {
            let r = self.pred[j];
            if r == NONE {
                return; // reached from `Z` directly: the column stays free
            }
            let previous = col4row[r];
            col4row[r] = j;
            row4col[j] = r;
            if previous == NONE {
                return; // an unassigned row, reached from `Z`
            }
            row4col[previous] = NONE;
            j = previous;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FORBIDDEN: f64 = f64::INFINITY;

    /// A matrix of `nr <= nc` whole costs in `-6..=6` (exact in `f64`), some forbidden.
    fn matrix() -> impl Strategy<Value = (usize, usize, Vec<f64>)> {
        (1..=6usize, 0..=2usize).prop_flat_map(|(nr, extra)| {
            let nc = nr + extra;
            let cell = prop_oneof![3 => (-6i32..=6).prop_map(f64::from), 1 => Just(FORBIDDEN)];
            proptest::collection::vec(cell, nr * nc).prop_map(move |c| (nr, nc, c))
        })
    }

    /// The best total alone by trying every matching (staying out costs 0).
    fn brute(nr: usize, nc: usize, cost: &[f64]) -> f64 {
        fn go(i: usize, nr: usize, nc: usize, cost: &[f64], used: &mut [bool]) -> f64 {
            if i == nr {
                return 0.0;
            }
            let mut best = go(i + 1, nr, nc, cost, used);
            for j in 0..nc {
                let c = cost[i * nc + j];
                if !used[j] && c < FORBIDDEN {
                    used[j] = true;
                    best = best.min(c + go(i + 1, nr, nc, cost, used));
                    used[j] = false;
                }
            }
            best
        }
        go(0, nr, nc, cost, &mut vec![false; nc])
    }

    /// The cells worth keeping (costing at most staying out), as the dense engine passes them.
    fn kept(cost: &[f64]) -> Vec<f64> {
        cost.iter()
            .map(|&c| if c > 0.0 { FORBIDDEN } else { c })
            .collect()
    }

    /// Checks the total against the brute force and the certificate, exactly, on every cell of
    /// the original matrix (the forbidden positive ones too).
    fn check(nr: usize, nc: usize, cost: &[f64], col4row: &[usize], u: &[f64], v: &[f64]) {
        let mut taken = vec![false; nc];
        let mut total = 0.0;
        for (i, &j) in col4row.iter().enumerate() {
            if j != NONE {
                assert!(!taken[j], "column {j} taken twice");
                taken[j] = true;
                total += cost[i * nc + j];
                assert_eq!(u[i] + v[j], cost[i * nc + j], "pair ({i}, {j}) not tight");
                assert!(u[i] <= 0.0, "assigned row {i} at {}", u[i]);
            } else {
                assert_eq!(u[i], 0.0, "unassigned row {i}");
            }
        }
        for (j, &t) in taken.iter().enumerate() {
            if t {
                assert!(v[j] <= 0.0, "taken column {j} at {}", v[j]);
            } else {
                assert_eq!(v[j], 0.0, "free column {j}");
            }
        }
        for i in 0..nr {
            for j in 0..nc {
                let c = cost[i * nc + j];
                assert!(
                    c == FORBIDDEN || u[i] + v[j] <= c,
                    "cell ({i}, {j}) violated"
                );
            }
        }
        assert_eq!(total, brute(nr, nc, cost), "not the best total");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// From the kernel's most pairs, as the dense engine runs it.
        #[test]
        fn from_the_most_pairs((nr, nc, cost) in matrix()) {
            let buf = kept(&cost);
            let s = core::solve::<f64, f64>(nr, nc, &buf, Start::JonkerVolgenant);
            let (mut col4row, mut u, mut v) = (s.col4row, s.u, s.v);
            // The rounds finish without the fallback.
            reduce_unassigned_rows(nc, &buf, &col4row, &mut u, &v);
            let mut row4col = owners(&col4row, nc);
            let cells = Cells::new(nr, nc, &buf[..]);
            let finished =
                improve_on(&cells, nr, nc, 0.0, ROUNDS, &mut col4row, &mut row4col, &mut u, &mut v);
            prop_assert!(finished);
            check(nr, nc, &cost, &col4row, &u, &v);
        }

        /// From no pairs at all (every round then adds or exchanges pairs), and from the most
        /// pairs of the whole matrix, positive cells included (every round gives up a pair or
        /// exchanges): `improve` relies on feasible tight potentials alone.
        #[test]
        fn from_any_feasible_start((nr, nc, cost) in matrix()) {
            let buf = kept(&cost);
            let mut v: Vec<f64> = (0..nc)
                .map(|j| (0..nr).map(|i| buf[i * nc + j]).fold(0.0, f64::min))
                .collect();
            let (mut col4row, mut u) = (vec![NONE; nr], vec![0.0; nr]);
            improve(nr, nc, &buf, 0.0, &mut col4row, &mut u, &mut v);
            check(nr, nc, &cost, &col4row, &u, &v);

            let s = core::solve::<f64, f64>(nr, nc, &cost, Start::JonkerVolgenant);
            let (mut col4row, mut u, mut v) = (s.col4row, s.u, s.v);
            improve(nr, nc, &cost, 0.0, &mut col4row, &mut u, &mut v);
            check(nr, nc, &cost, &col4row, &u, &v);
        }

        /// The fallback, on its own.
        #[test]
        fn the_fallback_is_exact((nr, nc, cost) in matrix()) {
            let buf = kept(&cost);
            let (mut col4row, mut u, mut v) = (vec![NONE; nr], vec![0.0; nr], vec![0.0; nc]);
            private_columns(nr, nc, &buf, 0.0, &mut col4row, &mut u, &mut v);
            check(nr, nc, &cost, &col4row, &u, &v);
        }

        /// The listed cells give the same search as the dense ones, step for step: the same
        /// pairs and the same potentials, bit for bit, whichever form `improve` would pick.
        #[test]
        fn listed_cells_search_as_dense_ones((nr, nc, cost) in matrix(), empty in any::<bool>()) {
            let buf = kept(&cost);
            let (col4row, u, v) = if empty {
                let v: Vec<f64> = (0..nc)
                    .map(|j| (0..nr).map(|i| buf[i * nc + j]).fold(0.0, f64::min))
                    .collect();
                (vec![NONE; nr], vec![0.0; nr], v)
            } else {
                let s = core::solve::<f64, f64>(nr, nc, &buf, Start::JonkerVolgenant);
                (s.col4row, s.u, s.v)
            };
            let allowed = buf.iter().filter(|&&c| c < FORBIDDEN).count();
            let forms = [Cells::Dense { nc, cost: &buf[..] }, Cells::lists(nr, nc, &buf, allowed)];
            let runs: Vec<_> = forms
                .iter()
                .map(|cells| {
                    let (mut col4row, mut u, mut v) = (col4row.clone(), u.clone(), v.clone());
                    let mut row4col = owners(&col4row, nc);
                    improve_on(cells, nr, nc, 0.0, ROUNDS, &mut col4row, &mut row4col, &mut u, &mut v);
                    let bits = |x: &[f64]| x.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
                    (col4row, bits(&u), bits(&v))
                })
                .collect();
            prop_assert_eq!(&runs[0], &runs[1]);
        }
    }
}
