//! The sparse engine's fast path: an auction's matching, proved optimal (or improved until it
//! is) by shortest paths in its residual graph.
//!
//! On candidate graphs where most scores tie, the exact searches of the shortest augmenting
//! path kernel walk most of the graph for each of the last rows (see
//! [`solve_sparse`](super::solve_sparse)). A forward auction with ε-scaling, by contrast,
//! finds an almost optimal matching with local bids (its phases' last rows paired by the
//! free columns' bids, see the `reverse` module); what it lacks is a proof. The proof is a
//! feasible potential of the matching's residual graph, which exists exactly when the matching
//! is optimal (no negative cycle), and which a label-correcting shortest path method
//! (Bellman–Ford with a queue, and Tarjan's subtree disassembly to catch cycles early) finds
//! starting from the auction's prices, which are off by about its last bid increment. A
//! negative cycle, when one turns up, is an improvement: it is flipped and the correction goes
//! on. So the result is optimal whatever the auction found; the auction only decides the speed.
//!
//! The potential is the certificate [`verify_sparse`](super::verify_sparse) checks.

use super::local::{ByColumn, Local, NONE, Solved};
use super::reverse::{self, Tail};
use crate::matching::flow::bipartite::{Graph, grow_matching};
use crate::support::prefetch::prefetch_line;
use std::cmp::Ordering;
use std::collections::VecDeque;

/// What a relaxation did.
enum Relaxed {
    Kept,
    Lowered,
    /// The arc would close a negative cycle through this node.
    Cycle(usize),
}

/// Marks a row that stays out (on the pool).
const POOL: usize = usize::MAX - 3;

/// How far the correction may go and how exact its result must be.
pub(crate) struct Limits<C> {
    /// Labels are corrected only when they improve by more than this: 0 for integers; a
    /// rounding allowance for floats.
    pub(crate) slack: C,
    /// The result is returned only if its certificate holds within this (0 for integers).
    pub(crate) tolerance: C,
    /// The correction's budget: this many arc scans (tree work included) per edge and node.
    pub(crate) scans_per_size: usize,
}

/// The correction's budget in production, in arc scans per edge and node: the corrections
/// measured on generated rosters' candidate graphs (20,000 to 100,000 a side) took 2 to 13,
/// but the first solve of the 100,000 + 100,000 roster of seed 3 needed about 80: at 64 it
/// gave up after 16 s and the kernel took 57 s more; at 256 it finished in 27 s.
pub(crate) const SCANS_PER_SIZE: usize = 256;

/// The costs of the residual graph's arcs that stand for no cell (see [`Residual`]): all 0
/// when solving; when the certificate corrects a float solution's potentials, the exact
/// reduced costs of the conditions on the rows left out and the columns left free.
pub(crate) struct Specials<C> {
    pub(crate) zero: C,
    /// A paired row's arc to the pool costs `row_pool[i]`; the pool's arc to a row on it
    /// costs `-row_pool[i]`.
    pub(crate) row_pool: Vec<C>,
    /// A free column's arc to the sink costs `col_sink[j]`; the sink's arc to a taken column
    /// costs `-col_sink[j]`.
    pub(crate) col_sink: Vec<C>,
    /// The pool's arc to the sink (while the pool has room) costs this, the sink's arc to the
    /// pool (while it holds rows) its negative. `None`: no such arcs, as for the source and
    /// sink of a flow whose value is fixed.
    pub(crate) pool_sink: Option<C>,
}

impl<C: Copy> Specials<C> {
    /// The arcs of the extended problem that solving works on: every one costs 0.
    pub(crate) fn zero(nr: usize, nc: usize, zero: C) -> Self {
        Specials {
            zero,
            row_pool: vec![zero; nr],
            col_sink: vec![zero; nc],
            pool_sink: Some(zero),
        }
    }
}

/// What the correction does with a negative cycle.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Cycles {
    /// Flips it: the matching improves.
    Flip,
    /// Stops: the matching is not optimal.
    Stop,
}

/// Why the correction stopped before every arc held.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Stop {
    /// The budget of arc scans ran out.
    Budget,
    /// A negative cycle was met under [`Cycles::Stop`].
    Cycle,
    /// Rounding left a cycle without a gain.
    NoGain,
}

/// Where the correction starts: a matching and column prices close to optimal ones.
pub(crate) enum Start<'a, C> {
    /// An auction whose phases use the bid increments `phases` in turn, every column's
    /// potential starting at 0. (A warm start's prices are corrected as they are, with
    /// [`Start::Kept`]: an auction from them took longer than a cold one, see
    /// `components::KEPT_SCANS_PER_SIZE`.)
    Auction { phases: &'a [C] },
    /// A matching kept as it is (each row's column, `NONE` for none; a pair that is not an
    /// edge is dropped, and a column claimed twice keeps its first row), with its column
    /// potentials (one per column): an earlier optimum of a graph this one extends, whose
    /// prices still hold on every old edge. Only the new edges and the paths that grow the
    /// matching leave anything to correct, so the correction stays near them; an auction
    /// from the same prices would rebuild every pair to within its last bid increment, and
    /// the correction would then redo the whole graph at that precision.
    Kept {
        col4row: Vec<usize>,
        prices: &'a [C],
    },
}

/// Solves the component `g` (minimisation form) for the most pairs first, `extra` of its rows
/// left out by every maximum matching, from `start`. Returns `None` (the caller then tries
/// another start or the kernel) when the correction's budget ran out, when rounding made a
/// cycle's gain vanish, or when the certificate found does not hold within the tolerance
/// (with floats, rounding could in principle lose a correction).
pub(crate) fn solve<C>(
    g: &Local<C>,
    extra: usize,
    zero: C,
    start: Start<'_, C>,
    limits: &Limits<C>,
    report: &mut dyn FnMut(usize),
) -> Option<Solved<C>>
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    let (nr, nc) = (g.nr, g.nc);
    let (v, mut col4row, mut row4col, place) = match start {
        Start::Auction { phases } => {
            // Progress: the auction's phases share the first nine tenths of the rows, the
            // correction the rest (the correction is the short part when the auction is good).
            let count = phases.len().max(1);
            let mut phase_done = |k: usize| report(g.nr * 9 / 10 * k / count);
            let tail = Tail::for_component(g, extra);
            auction(g, extra, zero, phases, tail, &mut phase_done)
        }
        Start::Kept { col4row, prices } => {
            report(g.nr * 9 / 10);
            kept(g, zero, col4row, prices)
        }
    };
    complete(g, extra, &mut col4row, &mut row4col);
    if col4row.iter().filter(|&&j| j == NONE).count() > extra {
        return None; // not a maximum matching: cannot happen after Hopcroft–Karp
    }
    // Labels: a column's is its potential (minus its price); a row's makes its pair tight; the
    // pool's and its rows' are the cheapest place's; the sink's is 0. Any start works (it only
    // bounds the distances from above); a good one leaves little to correct.
    let mut label = vec![zero; nr + nc + 2];
    label[nr..nr + nc].copy_from_slice(&v);
    label[nr + nc] = place;
    for i in 0..nr {
        label[i] = match col4row[i] {
            NONE => place,
            j => label[nr + j] - g.cost_of(i, j),
        };
    }
    let specials = Specials::zero(nr, nc, zero);
    let mut r = Residual::new(g, &specials, limits.slack, extra, col4row, label)?;
    let budget = limits.scans_per_size * (g.col.len() + nr + nc + 64);
    r.correct(budget, Cycles::Flip).ok()?;
    let solved = r.potentials();
    holds(g, &solved, zero, limits.tolerance).then_some(solved)
}

/// Whether `s` is a certificate of `g` in the kernel's form within `tol`: `u_i + v_j <= c_ij`
/// on every edge, equality on pairs, free columns at 0 and taken ones at most 0, and every
/// row left out at least as high as every paired row. `O(E + V)`.
fn holds<C>(g: &Local<C>, s: &Solved<C>, zero: C, tol: C) -> bool
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    let mut taken = vec![false; g.nc];
    let mut paired_u: Option<C> = None;
    for i in 0..g.nr {
        let own = s.col4row[i];
        for e in g.start[i]..g.start[i + 1] {
            let j = g.col[e] as usize;
            let over = s.u[i] + s.v[j] - g.cost[e];
            // `!(x <= tol)` rather than `x > tol`: a NaN fails the check.
            if !matches!(
                over.partial_cmp(&tol),
                Some(Ordering::Less | Ordering::Equal)
            ) {
                return false;
            }
            if j == own
                && !matches!(
                    (zero - over).partial_cmp(&tol),
                    Some(Ordering::Less | Ordering::Equal)
                )
            {
                return false;
            }
        }
        if own != NONE {
            taken[own] = true;
            if paired_u.is_none_or(|m| s.u[i] > m) {
                paired_u = Some(s.u[i]);
            }
        }
    }
    let columns = (0..g.nc).all(|j| {
        if taken[j] {
            s.v[j] <= zero + tol
        } else {
            s.v[j] == zero
        }
    });
    let rows =
        paired_u.is_none_or(|m| (0..g.nr).all(|i| s.col4row[i] != NONE || s.u[i] + tol >= m));
    columns && rows
}

/// The kept matching `col4row` as the auction's result would be: the columns' potentials
/// (`prices`), the rows' columns (`NONE` for none), the columns' rows, and the pool's starting
/// label, the least label of a paired row (so every arc into the pool holds).
fn kept<C>(
    g: &Local<C>,
    zero: C,
    mut col4row: Vec<usize>,
    prices: &[C],
) -> (Vec<C>, Vec<usize>, Vec<usize>, C)
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    let mut row4col = vec![NONE; g.nc];
    let mut place: Option<C> = None;
    for (i, j) in col4row.iter_mut().enumerate() {
        if *j == NONE {
            continue;
        }
        let cols = &g.col[g.start[i]..g.start[i + 1]];
        let edge = u32::try_from(*j)
            .ok()
            .and_then(|j| cols.binary_search(&j).ok())
            .map(|k| g.start[i] + k);
        let Some(e) = edge.filter(|_| row4col[*j] == NONE) else {
            *j = NONE; // not an edge, or the column is claimed already
            continue;
        };
        row4col[*j] = i;
        let label = prices[*j] - g.cost[e];
        if place.is_none_or(|p| label < p) {
            place = Some(label);
        }
    }
    (prices.to_vec(), col4row, row4col, place.unwrap_or(zero))
}

/// Completes the matching to a maximum one with Hopcroft–Karp, keeping every pair it has: for
/// the rows the auction left without a column or a place (its budget ran out). The rows on
/// places (`POOL`) are the ones to leave out, so they join only if a maximum matching needs
/// them. Afterwards exactly `extra` rows have no column.
fn complete<C>(g: &Local<C>, extra: usize, col4row: &mut [usize], row4col: &mut [usize]) {
    let nr = g.nr;
    let mut targets = Vec::with_capacity(g.col.len());
    let mut start = Vec::with_capacity(nr + 1);
    start.push(0);
    for (i, c) in col4row.iter_mut().enumerate() {
        if *c == POOL {
            *c = NONE;
        } else {
            targets.extend_from_slice(&g.col[g.start[i]..g.start[i + 1]]);
        }
        start.push(targets.len());
    }
    let right = g.nc;
    let pairs = grow_matching(
        &Graph {
            right,
            start: &start,
            targets: &targets,
        },
        col4row,
        row4col,
    );
    if pairs < nr - extra {
        let all = Graph {
            right,
            start: &g.start,
            targets: &g.col,
        };
        grow_matching(&all, col4row, row4col);
    }
}

/// A forward auction (Bertsekas 1988) in minimisation form, one phase per bid increment in
/// `phases` (ε-scaling: prices carry over, pairs start afresh): rows bid in turn for the
/// option of least reduced cost, lowering its `v` by the gap to their second best plus the
/// increment; an option's previous bidder joins the end of the queue of rows to bid (first
/// in, first out, so that the next rows' cells are fetched from memory ahead of their bids;
/// the whole auction on the candidate graph of a 200,000 + 200,000 roster, seed 1, took
/// 10.3–11.7 s against 13.1–15.4 s with the last row out first, three interleaved rounds;
/// BENCHMARKS.md has the solve over three seeds). Every column starts at potential 0;
/// `phase_done` hears how many phases are done after each. The options are the row's columns
/// (`c_ij - v_j`), and the `places` places out, each of cost 0 and priced like a column: as
/// many as the rows a maximum matching leaves out, so the auction's result is already a
/// maximum matching. A budget of `512 n + 1024` bids in all keeps it a start. Returns the
/// columns' `v`, the rows' columns (`NONE` for out, `POOL` on a place), the columns' rows, and
/// the cheapest place's potential (the start of the pool's label). With [`Tail::Reverse`] a
/// phase's last rows are paired by the free columns' bids instead (see the `reverse` module),
/// unless the graph by columns they read cannot be allocated: the phases then end forward.
pub(crate) fn auction<C>(
    g: &Local<C>,
    places: usize,
    zero: C,
    phases: &[C],
    mut tail: Tail,
    phase_done: &mut dyn FnMut(usize),
) -> (Vec<C>, Vec<usize>, Vec<usize>, C)
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    let nc = g.nc;
    let mut column = vec![
        Column {
            v: zero,
            owner: NONE
        };
        nc
    ];
    // The places out: their `v`, owners, and a max-heap of them by `v` (the cheapest first).
    let mut place_v = vec![zero; places];
    let mut place_owner = vec![NONE; places];
    let mut heap: Vec<usize> = (0..places).collect();
    let mut budget = 512 * g.nr + 1024;
    // For a reverse ending: each row's label (`c_ij - v_j` of its pair when it last bid),
    // and the graph by columns, turned the first time a phase ends so.
    let mut label = match tail {
        Tail::Reverse { .. } => vec![zero; g.nr],
        Tail::Forward => Vec::new(),
    };
    let mut by_column: Option<ByColumn<C>> = None;
    for (phase, &eps) in phases.iter().enumerate() {
        if budget == 0 {
            break; // keep the last phase's pairs rather than start one that cannot finish
        }
        if phase > 0 {
            column.iter_mut().for_each(|c| c.owner = NONE);
            place_owner.iter_mut().for_each(|o| *o = NONE);
        }
        // First in, first out: the rows to come are known a few bids ahead, so their cells
        // can be fetched while the current row bids.
        let mut queue: VecDeque<usize> = (0..g.nr).collect();
        // Rows taken from the queue in this phase (the first `nr` are every row's first
        // bid), and of those, how many with at most `waiting` rows waiting.
        let (mut taken, mut late) = (0usize, 0usize);
        while let Some(i) = queue.pop_front() {
            if budget == 0 {
                break;
            }
            taken += 1;
            if let Tail::Reverse { waiting, after } = tail
                && queue.len() < waiting
            {
                late += 1;
                if taken > g.nr && late > after {
                    if by_column.is_none() {
                        by_column = ByColumn::of(g).ok();
                    }
                    if let Some(by_column) = &by_column {
                        queue.push_front(i);
                        reverse::finish_phase(
                            g,
                            by_column,
                            &mut column,
                            &mut label,
                            &mut queue,
                            eps,
                            &mut budget,
                        );
                        break;
                    }
                    // No room for the graph by columns: this phase and the next end with
                    // forward bids, which need no more memory (the reverse ending only saves
                    // bids), rather than the solve ending without an answer.
                    tail = Tail::Forward;
                }
            }
            budget -= 1;
            fetch_ahead(g, &column, &queue);
            // The two least reduced costs; options are columns `j < nc` and place `nc` (the
            // cheapest place), which comes first among equals.
            let mut first: Option<(C, usize)> = None;
            let mut second: Option<C> = None;
            let mut consider = |x: C, j: usize| match first {
                Some((a, _)) if x >= a => {
                    if second.is_none_or(|b| x < b) {
                        second = Some(x);
                    }
                }
                _ => {
                    second = first.map(|f| f.0);
                    first = Some((x, j));
                }
            };
            if places > 0 {
                consider(zero - place_v[heap[0]], nc);
                // The second cheapest place is a child of the top.
                let mut next: Option<C> = None;
                for &k in heap.iter().skip(1).take(2) {
                    if next.is_none_or(|b| place_v[k] > b) {
                        next = Some(place_v[k]);
                    }
                }
                // It prices the top place's bid (the second best when a row takes it). It
                // is no cheaper than the top, so it is a row's first choice only where the
                // comparison cannot tell (a NaN), and then taking a place means the top one:
                // both are option `nc`.
                if let Some(b) = next {
                    consider(zero - b, nc);
                }
            }
            let (s, e) = (g.start[i], g.start[i + 1]);
            match two_cheapest(&g.col[s..e], &g.cost[s..e], &column) {
                Cheapest::None => {}
                Cheapest::One(a, j) => consider(a, j),
                Cheapest::Two(a, j, b) => {
                    consider(a, j);
                    consider(b, j);
                }
            }
            let Some((a, j)) = first else {
                continue; // no option at all
            };
            let raise = match second {
                Some(b) => b - a + eps,
                None => eps,
            };
            if let Some(l) = label.get_mut(i) {
                *l = a + raise;
            }
            let previous = if j == nc {
                let k = heap[0];
                place_v[k] = place_v[k] - raise;
                sift_down(&mut heap, &place_v);
                std::mem::replace(&mut place_owner[k], i)
            } else {
                let c = &mut column[j];
                c.v = c.v - raise;
                std::mem::replace(&mut c.owner, i)
            };
            if previous != NONE {
                queue.push_back(previous);
            }
        }
        phase_done(phase + 1);
    }
    // Each row's option, read off the owners (a bid's row is written only there, so that a
    // bid writes one place).
    let mut mate = vec![NONE; g.nr];
    for (j, c) in column.iter().enumerate() {
        if c.owner != NONE {
            mate[c.owner] = j;
        }
    }
    for &i in &place_owner {
        if i != NONE {
            mate[i] = POOL;
        }
    }
    let top = heap.first().map_or(zero, |&k| place_v[k]);
    let owner = column.iter().map(|c| c.owner).collect();
    let v = column.into_iter().map(|c| c.v).collect();
    (v, mate, owner, top)
}

/// A column of the auction: its potential and the row that holds it (`NONE` for none), side
/// by side, as a bid reads the one and then writes the other.
#[derive(Clone, Copy)]
pub(crate) struct Column<C> {
    pub(crate) v: C,
    pub(crate) owner: usize,
}

/// The least reduced cost among a row's cells, `c - v` over its `cols` and `costs`, with the
/// first column to reach it, and the second least (equal to the least on a tie).
enum Cheapest<C> {
    None,
    One(C, usize),
    Two(C, usize, C),
}

/// [`Cheapest`] of one row. The loop has no branch on the values (the minima are selects), so
/// the reads of the columns' potentials, the slow part, all start at once.
#[inline]
fn two_cheapest<C>(cols: &[u32], costs: &[C], column: &[Column<C>]) -> Cheapest<C>
where
    C: Copy + PartialOrd + std::ops::Sub<Output = C>,
{
    let col = |k: usize| cols[k] as usize;
    let reduced = |k: usize| costs[k] - column[col(k)].v;
    match cols.len().min(costs.len()) {
        0 => Cheapest::None,
        1 => Cheapest::One(reduced(0), col(0)),
        n => {
            let (x0, x1) = (reduced(0), reduced(1));
            let (mut a, mut ja, mut b) = if x1 < x0 {
                (x1, col(1), x0)
            } else {
                (x0, col(0), x1)
            };
            for (&j, &c) in cols[2..n].iter().zip(&costs[2..n]) {
                let j = j as usize;
                let x = c - column[j].v;
                let lt = x < a;
                let hi = if lt { a } else { x };
                b = if hi < b { hi } else { b };
                ja = if lt { j } else { ja };
                a = if lt { x } else { a };
            }
            Cheapest::Two(a, ja, b)
        }
    }
}

/// Starts fetching what the next rows of the auction's `queue` will read, one step of the way
/// per row: the third row's bounds, the second row's cells, the next row's column potentials
/// (its cells fetched a bid ago). Each bid then finds its data in cache rather than waiting
/// for memory on every column; the bids are the same.
#[inline]
fn fetch_ahead<C>(g: &Local<C>, column: &[Column<C>], queue: &VecDeque<usize>) {
    if let Some(&third) = queue.get(2) {
        prefetch_line(&g.start, third);
        prefetch_line(&g.start, third + 1);
    }
    if let Some(&second) = queue.get(1) {
        let (s, e) = (g.start[second], g.start[second + 1]);
        // A 64-byte line holds sixteen `u32` columns, and eight `f64` or `i64` costs.
        for k in (s..e).step_by(16) {
            prefetch_line(&g.col, k);
        }
        for k in (s..e).step_by(8) {
            prefetch_line(&g.cost, k);
        }
    }
    if let Some(&next) = queue.front() {
        for &j in &g.col[g.start[next]..g.start[next + 1]] {
            prefetch_line(column, j as usize);
        }
    }
}

/// Restores the max-heap order of `heap` (by `key`) after its top's key went down.
fn sift_down<C: PartialOrd>(heap: &mut [usize], key: &[C]) {
    let mut at = 0;
    loop {
        let (l, r) = (2 * at + 1, 2 * at + 2);
        let mut best = at;
        if l < heap.len() && key[heap[l]] > key[heap[best]] {
            best = l;
        }
        if r < heap.len() && key[heap[r]] > key[heap[best]] {
            best = r;
        }
        if best == at {
            return;
        }
        heap.swap(at, best);
        at = best;
    }
}

/// The residual graph of a matching and its labels. Nodes: rows `0..nr`, columns
/// `nr..nr + nc`, the pool (where rows stay out) and the sink (where columns end). Arcs, each
/// with its cost: a row to every column of its row but its own (`c_ij`), and to the pool
/// unless on it; a column to its row (`-c_ij`), or to the sink when free; the pool to its
/// rows, and to the sink while it has room; the sink to every taken column, and to the pool
/// when it holds rows. The arcs that stand for no cell cost 0 when solving ([`Specials`]). The
/// matching is optimal exactly when no cycle of these arcs has a negative cost, and then the
/// shortest distances from a virtual source are labels with `label(b) <= label(a) + cost(a,
/// b)` on every arc: the certificate.
pub(crate) struct Residual<'a, C> {
    g: &'a Local<C>,
    zero: C,
    /// The costs of the arcs that stand for no cell.
    specials: &'a Specials<C>,
    slack: C,
    extra: usize,
    col4row: Vec<usize>,
    row4col: Vec<usize>,
    /// The cost of each taken column's pair.
    pair_cost: Vec<C>,
    pool: Vec<usize>,
    pool_pos: Vec<usize>,
    label: Vec<C>,
    /// The tree of last improvements over the nodes and the virtual source (the root, last):
    /// each node's parent (`NONE` when out of the tree), depth, and its neighbours in the
    /// tree's preorder (a circular thread through the root).
    parent: Vec<usize>,
    depth: Vec<usize>,
    succ: Vec<usize>,
    pred: Vec<usize>,
    queued: Vec<bool>,
    queue: VecDeque<usize>,
    /// Arcs scanned so far, against the budget.
    scans: usize,
}

impl<'a, C> Residual<'a, C>
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    fn pool_node(&self) -> usize {
        self.g.nr + self.g.nc
    }

    fn sink(&self) -> usize {
        self.g.nr + self.g.nc + 1
    }

    /// A residual graph of `g` for the matching `col4row` (`NONE`: the row is on the pool),
    /// with the nodes' starting `label`s (rows, columns, pool, sink). Any start works: it only
    /// bounds the distances from above, and a good one leaves little to correct.
    ///
    /// `None` when its tables cannot be allocated: they take about 70 bytes a row and a
    /// column, a dozen times a matrix of one row, so they are reserved before they are filled
    /// (the certificate of a 1 x 300,000 matrix under a 60 MB cap aborted here).
    pub(crate) fn new(
        g: &'a Local<C>,
        specials: &'a Specials<C>,
        slack: C,
        extra: usize,
        col4row: Vec<usize>,
        label: Vec<C>,
    ) -> Option<Self> {
        let (nr, nc) = (g.nr, g.nc);
        let zero = specials.zero;
        debug_assert_eq!(label.len(), nr + nc + 2);
        fn filled<T: Clone>(len: usize, value: T) -> Option<Vec<T>> {
            let mut v = Vec::new();
            v.try_reserve_exact(len).ok()?;
            v.resize(len, value);
            Some(v)
        }
        let nodes = nr.checked_add(nc)?.checked_add(3)?;
        let mut pool = Vec::new();
        pool.try_reserve_exact(nr).ok()?;
        let mut queue = VecDeque::new();
        queue.try_reserve_exact(nodes - 1).ok()?;
        queue.extend(0..nodes - 1);
        let mut r = Residual {
            g,
            zero,
            specials,
            slack,
            extra,
            col4row,
            row4col: filled(nc, NONE)?,
            pair_cost: filled(nc, zero)?,
            pool,
            pool_pos: filled(nr, NONE)?,
            label,
            parent: filled(nodes, NONE)?,
            depth: filled(nodes, 0)?,
            succ: filled(nodes, 0)?,
            pred: filled(nodes, 0)?,
            queued: filled(nodes - 1, true)?,
            queue,
            scans: 0,
        };
        for i in 0..nr {
            match r.col4row[i] {
                NONE => {
                    r.col4row[i] = POOL;
                    r.pool_pos[i] = r.pool.len();
                    r.pool.push(i);
                }
                j => {
                    r.row4col[j] = i;
                    r.pair_cost[j] = g.cost_of(i, j);
                }
            }
        }
        Some(r)
    }

    /// The matching (`NONE` for a row on the pool) and the labels (rows, columns, pool, sink).
    pub(crate) fn into_parts(self) -> (Vec<usize>, Vec<C>) {
        let col4row = self
            .col4row
            .into_iter()
            .map(|j| if j == POOL { NONE } else { j })
            .collect();
        (col4row, self.label)
    }

    /// Lowers `b`'s label to `label(a) + cost` if that improves it by more than the slack
    /// (see [`lower`](Self::lower)).
    ///
    /// Only the comparison is inlined into the scans: it is all that most arcs need (on the
    /// candidate graphs of 100,000 and 200,000 + 200,000 rosters, seeds 6 and 8, 3.8–4.9 % of
    /// the arcs scanned lowered a label), and a call per arc cost about 6 % of the correction
    /// (four seeds at both sizes, 24 alternated runs each; BENCHMARKS.md).
    #[inline(always)]
    fn relax(&mut self, a: usize, b: usize, cost: C) -> Relaxed {
        let x = self.label[a] + cost;
        // (A NaN, from weights near the float range's ends, never lowers anything.)
        if (x + self.slack).partial_cmp(&self.label[b]) != Some(Ordering::Less) {
            return Relaxed::Kept;
        }
        self.lower(a, b, x)
    }

    /// Lowers `b`'s label to `x`, moving `b` under `a` in the tree of last improvements. Its
    /// subtree leaves the tree (their labels are now too high by as much, and will be lowered
    /// through `b`); if `a` is in it, the arc closes a negative cycle, which is returned as
    /// its node `b` (with `parent[b] = a`) instead, the labels left as they are.
    #[inline(never)]
    fn lower(&mut self, a: usize, b: usize, x: C) -> Relaxed {
        if self.parent[b] != NONE {
            // Take `b` and its subtree (the nodes after it in preorder that are deeper) out.
            // First look for `a` (the parents must stay whole to trace a cycle), then cut.
            let mut y = self.succ[b];
            while self.depth[y] > self.depth[b] {
                if y == a {
                    self.parent[b] = a;
                    return Relaxed::Cycle(b);
                }
                y = self.succ[y];
            }
            let mut z = self.succ[b];
            while z != y {
                self.parent[z] = NONE;
                z = self.succ[z];
            }
            let p = self.pred[b];
            self.succ[p] = y;
            self.pred[y] = p;
        }
        self.label[b] = x;
        self.parent[b] = a;
        self.depth[b] = self.depth[a] + 1;
        let next = self.succ[a];
        self.succ[b] = next;
        self.pred[next] = b;
        self.succ[a] = b;
        self.pred[b] = a;
        if !self.queued[b] {
            self.queued[b] = true;
            self.queue.push_back(b);
        }
        Relaxed::Lowered
    }

    /// Every node a child of the virtual source (the root), in index order.
    fn plant(&mut self) {
        let root = self.root();
        self.scans += root;
        for x in 0..root {
            self.parent[x] = root;
            self.depth[x] = 1;
            self.succ[x] = x + 1;
            self.pred[x] = if x == 0 { root } else { x - 1 };
        }
        self.succ[root] = if root == 0 { root } else { 0 };
        self.pred[root] = if root == 0 { root } else { root - 1 };
        self.depth[root] = 0;
        self.parent[root] = NONE;
    }

    /// The virtual source: a node after the sink, joined to every node by an arc of cost 0 in
    /// spirit (the starting labels).
    fn root(&self) -> usize {
        self.g.nr + self.g.nc + 2
    }

    /// Corrects the labels until every arc holds, flipping the negative cycles met on the way
    /// (with [`Cycles::Flip`]; with [`Cycles::Stop`] the first one ends the correction).
    /// Fails when the budget runs out, a cycle is met that may not be flipped, or a cycle's
    /// gain is lost to rounding.
    ///
    /// Bellman–Ford with a queue and Tarjan's subtree disassembly: the tree of last
    /// improvements is kept as a preorder thread, so a cycle is caught the moment an arc would
    /// close it, before any label goes round it; flipping it then leaves every label valid
    /// (tree arcs hold with equality, so their reverses hold too).
    pub(crate) fn correct(&mut self, budget: usize, cycles: Cycles) -> Result<(), Stop> {
        let (nr, nc) = (self.g.nr, self.g.nc);
        let (pool, sink) = (self.pool_node(), self.sink());
        self.plant();
        while let Some(a) = self.queue.pop_front() {
            self.queued[a] = false;
            if self.parent[a] == NONE {
                continue; // out of the tree: a lower label is on its way
            }
            if self.scans > budget {
                return Err(Stop::Budget);
            }
            let mut cycle = None;
            let mut each = |r: &mut Self, b: usize, cost: C| {
                if cycle.is_none()
                    && let Relaxed::Cycle(at) = r.relax(a, b, cost)
                {
                    cycle = Some(at);
                }
            };
            let sp = self.specials;
            if a < nr {
                let g = self.g;
                let own = self.col4row[a];
                self.scans += g.start[a + 1] - g.start[a] + 1;
                for e in g.start[a]..g.start[a + 1] {
                    let j = g.col[e] as usize;
                    if j != own {
                        each(self, nr + j, g.cost[e]);
                    }
                }
                if own != POOL {
                    each(self, pool, sp.row_pool[a]);
                }
            } else if a < pool {
                let j = a - nr;
                self.scans += 1;
                match self.row4col[j] {
                    NONE => each(self, sink, sp.col_sink[j]),
                    i => each(self, i, self.zero - self.pair_cost[j]),
                }
            } else if a == pool {
                self.scans += self.pool.len() + 1;
                for k in 0..self.pool.len() {
                    let i = self.pool[k];
                    each(self, i, self.zero - sp.row_pool[i]);
                }
                if let Some(x) = sp.pool_sink
                    && self.pool.len() < self.extra
                {
                    each(self, sink, x);
                }
            } else {
                self.scans += nc + 1;
                for j in 0..nc {
                    if self.row4col[j] != NONE {
                        each(self, nr + j, self.zero - sp.col_sink[j]);
                    }
                }
                if let Some(x) = sp.pool_sink
                    && !self.pool.is_empty()
                {
                    each(self, pool, self.zero - x);
                }
            }
            if let Some(at) = cycle {
                if cycles == Cycles::Stop {
                    return Err(Stop::Cycle);
                }
                let flipped = self.flip_cycle(at)?;
                self.replant_after_flip(at, flipped);
                // `a` may have arcs left to look at.
                if !self.queued[a] {
                    self.queued[a] = true;
                    self.queue.push_back(a);
                }
            }
        }
        Ok(())
    }

    /// Mends the tree of last improvements after the cycle through `at` (its nodes
    /// `flipped`) was flipped, keeping every arc of it that is still there.
    ///
    /// A flip replaces exactly the cycle's arcs by their reverses: a row on it keeps its arcs
    /// to every column off it, a column's one arc out is to a node on it, the rows off it stay
    /// on the pool or off it and the columns off it free or taken, and the pool's size, on
    /// which the arcs between the pool and the sink depend, changes only when both are on it.
    /// So the other tree arcs stay, each still holding with equality (no label moved), and only the
    /// cycle's nodes lose their parents: each becomes a child of the root with what hangs
    /// below it, and `at`'s subtree, which holds the whole cycle, is threaded again in that
    /// shape. Nodes out of the tree stay out: the lower label on its way to them comes from a
    /// node in the tree along arcs that are not the cycle's (its nodes are all in the tree),
    /// so it still comes. Starting the tree afresh instead (every node a child of the root,
    /// as the correction begins) forgot which labels are about to fall, and each flip then
    /// cost about one more pass over the graph (BENCHMARKS.md).
    fn replant_after_flip(&mut self, at: usize, mut flipped: Vec<usize>) {
        let root = self.root();
        flipped.sort_unstable();
        let on_cycle = |x: usize| flipped.binary_search(&x).is_ok();
        // `at`'s subtree in preorder (the nodes after it that are deeper), cut out of the
        // thread.
        let mut subtree = vec![at];
        let mut after = self.succ[at];
        while self.depth[after] > self.depth[at] {
            subtree.push(after);
            after = self.succ[after];
        }
        let before = self.pred[at];
        self.succ[before] = after;
        self.pred[after] = before;
        self.scans += subtree.len();
        // Each node's new depth and the cycle node it now hangs below (its *top*, by position
        // in `subtree`), in one pass in preorder, where parents come before their children.
        // Until the subtree is threaded again, `succ` holds each of its nodes' top.
        let mut by_top: Vec<(usize, usize)> = Vec::with_capacity(subtree.len());
        for (k, &x) in subtree.iter().enumerate() {
            let top = if on_cycle(x) {
                self.parent[x] = root;
                self.depth[x] = 1;
                k
            } else {
                let parent = self.parent[x];
                self.depth[x] = self.depth[parent] + 1;
                self.succ[parent]
            };
            self.succ[x] = top;
            by_top.push((top, k));
        }
        // Each top's nodes in their old order are a preorder of what hangs below it.
        by_top.sort_unstable();
        let mut last = root;
        let first = self.succ[root];
        for &(_, k) in &by_top {
            let x = subtree[k];
            self.succ[last] = x;
            self.pred[x] = last;
            last = x;
        }
        self.succ[last] = first;
        self.pred[first] = last;
    }

    /// The cost of the arc `a -> b` of the current residual graph.
    fn arc_cost(&self, a: usize, b: usize) -> C {
        let (nr, sp) = (self.g.nr, self.specials);
        let (pool, sink) = (self.pool_node(), self.sink());
        let zero = self.zero;
        let pool_sink = sp.pool_sink.unwrap_or(zero);
        match (a, b) {
            (a, b) if a < nr && b < pool => self.g.cost_of(a, b - nr),
            (a, b) if a < nr => {
                debug_assert_eq!(b, pool);
                sp.row_pool[a]
            }
            (a, b) if a < pool && b < nr => zero - self.pair_cost[a - nr],
            (a, _) if a < pool => sp.col_sink[a - nr],
            (a, b) if a == pool && b < nr => zero - sp.row_pool[b],
            (a, _) if a == pool => pool_sink,
            (_, b) if b < pool => zero - sp.col_sink[b - nr],
            _ => {
                debug_assert_eq!((a, b), (sink, pool));
                zero - pool_sink
            }
        }
    }

    /// Flips the negative cycle of parent pointers through `at`: each arc is replaced by its
    /// reverse, so the matching's cost drops by the cycle's. Returns the cycle's nodes. Fails
    /// if rounding left the cycle without a gain (flipping it could then go on forever).
    fn flip_cycle(&mut self, at: usize) -> Result<Vec<usize>, Stop> {
        let nr = self.g.nr;
        let pool = self.pool_node();
        // Parent pointers run backwards along the arcs: parent[b] = a for the arc a -> b.
        let mut cycle = vec![at];
        let mut x = self.parent[at];
        while x != at {
            cycle.push(x);
            x = self.parent[x];
        }
        cycle.reverse();
        let m = cycle.len();
        let arcs = || (0..m).map(|k| (cycle[k], cycle[(k + 1) % m]));
        let mut gain = self.zero;
        for (a, b) in arcs() {
            gain = gain + self.arc_cost(a, b);
        }
        if (gain + self.slack).partial_cmp(&self.zero) != Some(Ordering::Less) {
            return Err(Stop::NoGain);
        }
        // Undo the pairs and pool places the cycle enters through, then make the new ones.
        for (a, b) in arcs() {
            if (nr..pool).contains(&a) && b < nr {
                self.row4col[a - nr] = NONE;
                self.col4row[b] = NONE;
            } else if a == pool && b < nr {
                let p = self.pool_pos[b];
                self.pool.swap_remove(p);
                if let Some(&moved) = self.pool.get(p) {
                    self.pool_pos[moved] = p;
                }
                self.pool_pos[b] = NONE;
                self.col4row[b] = NONE;
            }
        }
        for (a, b) in arcs() {
            if a < nr && (nr..pool).contains(&b) {
                let j = b - nr;
                self.col4row[a] = j;
                self.row4col[j] = a;
                self.pair_cost[j] = self.g.cost_of(a, j);
            } else if a < nr && b == pool {
                self.col4row[a] = POOL;
                self.pool_pos[a] = self.pool.len();
                self.pool.push(a);
            }
        }
        debug_assert!(self.pool.len() <= self.extra);
        // Look again at every node of the cycle, whose arcs changed.
        for &x in &cycle {
            if !self.queued[x] {
                self.queued[x] = true;
                self.queue.push_back(x);
            }
        }
        Ok(cycle)
    }

    /// The certificate in the kernel's form (minimisation, `u_i + v_j <= c_ij`, equality on
    /// pairs, free columns at 0), read off the labels relative to the sink's.
    fn potentials(self) -> Solved<C> {
        let (nr, nc) = (self.g.nr, self.g.nc);
        let t = self.label[self.sink()];
        let mut v: Vec<C> = (0..nc).map(|j| self.label[nr + j] - t).collect();
        let mut u: Vec<C> = (0..nr).map(|i| t - self.label[i]).collect();
        let mut col4row = self.col4row;
        for (j, x) in v.iter_mut().enumerate() {
            if self.row4col[j] == NONE {
                // At least 0 within the slack (the arc to the sink): this moves it by at most the
                // slack.
                *x = self.zero;
            }
        }
        for (i, c) in col4row.iter_mut().enumerate() {
            if *c == POOL {
                *c = NONE;
            } else {
                // Tight exactly: this moves `u_i` by at most the slack.
                u[i] = self.pair_cost[*c] - v[*c];
            }
        }
        Solved { col4row, u, v }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Integer limits: exact, with the production budget.
    pub(in crate::matching::assignment) const EXACT: Limits<i128> = Limits {
        slack: 0,
        tolerance: 0,
        scans_per_size: SCANS_PER_SIZE,
    };

    /// A graph from a row-major grid of optional costs.
    pub(in crate::matching::assignment) fn local(
        nr: usize,
        nc: usize,
        cells: &[Option<i64>],
    ) -> Local<i128> {
        let mut g = Local {
            nr,
            nc,
            start: vec![0],
            col: Vec::new(),
            cost: Vec::new(),
        };
        for r in 0..nr {
            for c in 0..nc {
                if let Some(x) = cells[r * nc + c] {
                    g.col.push(c as u32);
                    g.cost.push(i128::from(x));
                }
            }
            g.start.push(g.col.len());
        }
        g
    }

    /// The best (pairs, cost) by brute force: most pairs first and then least cost when
    /// `most`, else least cost alone (staying out costs 0).
    fn brute(g: &Local<i128>, row: usize, used: &mut [bool], most: bool) -> (usize, i128) {
        if row == g.nr {
            return (0, 0);
        }
        let better = |a: (usize, i128), b: (usize, i128)| {
            if most {
                a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
            } else {
                a.1 < b.1
            }
        };
        let mut best = brute(g, row + 1, used, most);
        for e in g.start[row]..g.start[row + 1] {
            let c = g.col[e] as usize;
            if !used[c] {
                used[c] = true;
                let (n, x) = brute(g, row + 1, used, most);
                used[c] = false;
                let here = (n + 1, x + g.cost[e]);
                if better(here, best) {
                    best = here;
                }
            }
        }
        best
    }

    /// Checks `s` against the brute-force optimum and its certificate in the kernel's form.
    pub(in crate::matching::assignment) fn check(
        g: &Local<i128>,
        most: bool,
        s: &Solved<i128>,
    ) -> Result<(), TestCaseError> {
        let best = brute(g, 0, &mut vec![false; g.nc], most);
        check_against(g, most, s, best)
    }

    /// Checks `s` against the optimum `best` (pairs, cost) and its certificate in the
    /// kernel's form.
    pub(in crate::matching::assignment) fn check_against(
        g: &Local<i128>,
        most: bool,
        s: &Solved<i128>,
        best: (usize, i128),
    ) -> Result<(), TestCaseError> {
        let mut taken = vec![false; g.nc];
        let (mut pairs, mut cost) = (0, 0);
        for (i, &j) in s.col4row.iter().enumerate() {
            if j != NONE {
                prop_assert!(!taken[j], "column {} twice", j);
                taken[j] = true;
                let e = (g.start[i]..g.start[i + 1]).find(|&e| g.col[e] as usize == j);
                prop_assert!(e.is_some(), "({}, {}) is not an edge", i, j);
                let c = g.cost[e.unwrap()];
                prop_assert_eq!(s.u[i] + s.v[j], c, "pair ({}, {}) not tight", i, j);
                pairs += 1;
                cost += c;
            }
        }
        if most {
            prop_assert_eq!((pairs, cost), best);
        } else {
            prop_assert_eq!(cost, best.1);
        }
        for i in 0..g.nr {
            for e in g.start[i]..g.start[i + 1] {
                prop_assert!(
                    s.u[i] + s.v[g.col[e] as usize] <= g.cost[e],
                    "edge ({}, {})",
                    i,
                    g.col[e]
                );
            }
        }
        let assigned_u = (0..g.nr).filter(|&i| s.col4row[i] != NONE).map(|i| s.u[i]);
        let assigned_v = (0..g.nc).filter(|&j| taken[j]).map(|j| s.v[j]);
        for j in (0..g.nc).filter(|&j| !taken[j]) {
            prop_assert_eq!(s.v[j], 0, "free column {}", j);
        }
        prop_assert!(assigned_v.clone().all(|v| v <= 0));
        if most {
            for i in (0..g.nr).filter(|&i| s.col4row[i] == NONE) {
                prop_assert!(assigned_u.clone().all(|u| u <= s.u[i]), "free row {}", i);
            }
        } else {
            prop_assert!(assigned_u.clone().all(|u| u <= 0));
            for i in (0..g.nr).filter(|&i| s.col4row[i] == NONE) {
                prop_assert_eq!(s.u[i], 0, "free row {}", i);
            }
        }
        Ok(())
    }

    /// Shapes up to 6 × 6 with about 60 % of the cells present, costs in -20..=20, as
    /// `(rows, cols, row-major cells)` for [`local`].
    pub(in crate::matching::assignment) fn small_graphs()
    -> impl Strategy<Value = (usize, usize, Vec<Option<i64>>)> {
        (1usize..=6, 1usize..=6).prop_flat_map(|(r, c)| {
            let cells =
                proptest::collection::vec(proptest::option::weighted(0.6, -20i64..=20), r * c);
            (Just(r), Just(c), cells)
        })
    }

    /// How many rows a maximum matching of `g` leaves out.
    pub(in crate::matching::assignment) fn extra(g: &Local<i128>) -> usize {
        let (k, _, _) = crate::matching::flow::bipartite::maximum_matching(&Graph {
            right: g.nc,
            start: &g.start,
            targets: &g.col,
        });
        g.nr - k
    }

    /// The auction's pairs here cost -10 where -18 is best: the repair must flip a cycle.
    #[test]
    fn a_poor_auction_is_repaired() {
        let g = local(2, 2, &[Some(-10), Some(-9), Some(-9), Some(0)]);
        let start = Start::Auction { phases: &[1000] };
        let s = solve(&g, 0, 0, start, &EXACT, &mut |_| {}).expect("within budget");
        assert_eq!(s.col4row, vec![1, 0]);
        check(&g, true, &s).unwrap();
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 600, failure_persistence: None, ..ProptestConfig::default() })]

        /// A row's two least reduced costs without branches are those of sorting them: the
        /// least, the first column that reaches it, and the second least (the least again on
        /// a tie).
        #[test]
        fn two_cheapest_agrees_with_sorting(
            cells in proptest::collection::vec((0usize..6, -4i64..=4), 0..8),
            prices in proptest::collection::vec(-4i64..=4, 6),
        ) {
            let column: Vec<Column<i64>> =
                prices.iter().map(|&v| Column { v, owner: NONE }).collect();
            let (cols, costs): (Vec<u32>, Vec<i64>) =
                cells.iter().map(|&(j, c)| (j as u32, c)).unzip();
            let reduced: Vec<i64> = cells.iter().map(|&(j, c)| c - prices[j]).collect();
            let mut sorted = reduced.clone();
            sorted.sort_unstable();
            let got = match two_cheapest(&cols, &costs, &column) {
                Cheapest::None => (None, None, None),
                Cheapest::One(a, j) => (Some(a), Some(j), None),
                Cheapest::Two(a, j, b) => (Some(a), Some(j), Some(b)),
            };
            let first = sorted
                .first()
                .map(|&a| cols[reduced.iter().position(|&x| x == a).unwrap()] as usize);
            prop_assert_eq!(got, (sorted.first().copied(), first, sorted.get(1).copied()));
        }

        /// Whatever the auction's bid increments (a coarse one leaves much to repair), the
        /// result is the brute-force optimum with a valid certificate. (Starting prices, however
        /// wrong, are [`Start::Kept`]'s case, tested below.)
        #[test]
        fn repair_finds_the_optimum_from_any_auction(
            (nr, nc, cells) in small_graphs(),
            eps in prop_oneof![Just(vec![1i128]), Just(vec![7]), Just(vec![1000]), Just(vec![1000, 10, 1])],
        ) {
            let g = local(nr, nc, &cells);
            let start = Start::Auction { phases: &eps };
            let s = solve(&g, extra(&g), 0, start, &EXACT, &mut |_| {});
            prop_assert!(s.is_some(), "budget");
            check(&g, true, &s.unwrap())?;
        }

        /// Whatever matching is kept (pairs that are no edges, columns claimed twice, rows
        /// left out that a maximum matching needs) and whatever its prices, the result is the
        /// brute-force optimum with a valid certificate.
        #[test]
        fn repair_finds_the_optimum_from_any_kept_matching(
            (nr, nc, cells) in small_graphs(),
            kept in proptest::collection::vec(proptest::option::of(0usize..6), 6),
            prices in proptest::collection::vec(-60i128..=0, 6),
        ) {
            let g = local(nr, nc, &cells);
            let col4row = kept[..nr].iter().map(|j| j.map_or(NONE, |j| j % nc)).collect();
            let start = Start::Kept { col4row, prices: &prices[..nc] };
            let s = solve(&g, extra(&g), 0, start, &EXACT, &mut |_| {});
            prop_assert!(s.is_some(), "budget");
            check(&g, true, &s.unwrap())?;
        }
    }
}
