//! The exact kernel for one component: shortest augmenting paths on the sparse graph, with
//! the extra columns of the cardinality rules.

use crate::matching::assignment::sparse::local::Local;
use crate::matching::assignment::sparse::local::NONE;
use crate::matching::assignment::sparse::local::Solved;
use crate::matching::assignment::sparse::repair;
use crate::matching::assignment::sparse::reverse::Tail;
use crate::matching::flow::bipartite::{Graph, left_out_by_some_maximum_matching};
use std::cmp::Ordering;
use std::collections::BinaryHeap;

/// A row on one of the shared extra columns ([`Cardinality::Maximum`], deficient component).
pub(super) const SHARED: usize = usize::MAX - 1;
/// A row on its private extra column ([`Cardinality::Any`]).
pub(super) const PRIVATE: usize = usize::MAX - 2;

/// How the extra columns are laid out (see the [module docs](solve_sparse#algorithm)).
#[derive(Clone, Copy)]
pub(super) enum Mode {
    /// A private extra column of cost 0 per row.
    Any,
    /// `extra` shared extra columns of cost 0 open to every row.
    Maximum { extra: usize },
}

/// Where a path ends or passes.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Target {
    Col(usize),
    Shared,
    Private,
}

/// The best free target seen in a search: distance, tie-break key, row it is reached from.
#[derive(Clone, Copy)]
pub(super) struct Offer<C> {
    pub(super) d: C,
    pub(super) key: usize,
    pub(super) pred: usize,
    pub(super) target: Target,
}

/// A column's potential, its row (`NONE` when free) and its search state.
#[derive(Clone, Copy)]
pub(super) struct ColState<C> {
    pub(super) v: C,
    /// Tentative or final distance, valid when `seen` is the current search's stamp.
    pub(super) d: C,
    pub(super) row: usize,
    pub(super) pred: usize,
    pub(super) seen: u32,
    /// The current search's stamp once the column is scanned.
    pub(super) done: u32,
}

/// A heap entry: smallest distance first, then smallest key.
pub(super) struct Entry<C> {
    pub(super) d: C,
    pub(super) key: usize,
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

/// The columns left unassigned by some maximum matching of `g`, given one (`mate_row`): see
/// [`left_out_by_some_maximum_matching`]. Every maximum matching covers the others.
pub(super) fn columns_free_in_some_maximum_matching<C>(
    g: &Local<C>,
    mate_row: &[usize],
) -> Vec<bool> {
    let mut mate_col = vec![NONE; g.nc];
    for (r, &c) in mate_row.iter().enumerate() {
        if c != NONE {
            mate_col[c] = r;
        }
    }
    let graph = Graph {
        right: g.nc,
        start: &g.start,
        targets: &g.col,
    };
    left_out_by_some_maximum_matching(&graph, mate_row, &mate_col).1
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
pub(super) struct Kernel<'a, C> {
    pub(super) g: &'a Local<C>,
    pub(super) mode: Mode,
    pub(super) zero: C,
    pub(super) col4row: Vec<usize>,
    /// Everything about a column in one place: a scan touches one cache line per edge.
    pub(super) cs: Vec<ColState<C>>,
    pub(super) u: Vec<C>,
    pub(super) vz: C,
    /// The rows on shared extra columns, and each row's position in that list.
    pub(super) group: Vec<usize>,
    pub(super) gpos: Vec<usize>,
    /// How many shared extra columns are taken.
    pub(super) used: usize,
    // Per search, valid where the stamps equal the current search's.
    pub(super) stamp: u32,
    pub(super) heap: BinaryHeap<Entry<C>>,
    /// Rows scanned, with their distance and whether they sit on a shared extra column.
    pub(super) rows: Vec<(usize, C, bool)>,
    /// Columns scanned (popped).
    pub(super) cols: Vec<usize>,
    pub(super) best: Option<Offer<C>>,
    /// The taken shared columns as one node: distance, predecessor row, seen, scanned.
    pub(super) dz: C,
    pub(super) predz: usize,
    pub(super) z_seen: bool,
    pub(super) z_done: bool,
}

impl<'a, C> Kernel<'a, C>
where
    C: Copy + PartialOrd + std::ops::Add<Output = C> + std::ops::Sub<Output = C>,
{
    pub(super) fn new(g: &'a Local<C>, mode: Mode, zero: C) -> Self {
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
    pub(super) fn run(
        mut self,
        auction: Option<(C, &[bool])>,
        progress: &mut dyn FnMut(usize),
    ) -> Solved<C> {
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
    pub(super) fn auction(&mut self, eps: C, may_end_free: &[bool]) {
        let extra = match self.mode {
            Mode::Maximum { extra } => extra,
            Mode::Any => self.g.nr,
        };
        // Forward to the end: a reverse ending raises potentials, and this start needs them
        // at most 0.
        let tail = Tail::Forward;
        let prices = repair::auction(self.g, extra, self.zero, &[eps], tail, &mut |_| {}).0;
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
    pub(super) fn row_reduction(&mut self, column_reduction: bool) {
        let g = self.g;
        let n = g.nr;
        if column_reduction {
            // Every column starts at its cheapest cell, so the rows compete on what they pay
            // beyond it.
            let mut first = vec![true; g.nc];
            for (&j, &c) in g.col.iter().zip(&g.cost) {
                let j = j as usize;
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
                        let j = g.col[e] as usize;
                        (j, g.cost[e] - self.cs[j].v)
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
                let e = g.start[i]
                    + g.col[g.start[i]..g.start[i + 1]].partition_point(|&c| (c as usize) < j);
                g.cost[e] - self.cs[j].v
            };
        }
    }

    /// Keeps `offer` if it beats the best free target so far (distance, then key).
    pub(super) fn offer(&mut self, o: Offer<C>) {
        let better = match &self.best {
            None => true,
            Some(b) => o.d < b.d || (o.d == b.d && o.key < b.key),
        };
        if better {
            self.best = Some(o);
        }
    }

    /// Relaxes every edge of row `i`, reached at distance `dr`, with potential `ui`.
    pub(super) fn scan(&mut self, i: usize, dr: C, ui: C, shared: bool) {
        self.rows.push((i, dr, shared));
        let g = self.g;
        let h = dr - ui;
        for k in g.start[i]..g.start[i + 1] {
            let j = g.col[k] as usize;
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
    pub(super) fn search(&mut self, cur: usize) -> bool {
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
