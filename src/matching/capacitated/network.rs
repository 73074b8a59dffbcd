//! The residual network of a capacitated problem and its successive shortest paths (see the
//! [module docs](super#algorithm)), on any [`Arcs`]: the cells of a dense matrix or the edges
//! of a sparse graph.

use super::arcs::Arcs;
use super::{Cardinality, Options, Solution, Spreading};
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::ops::{Add, Sub};

/// A lexicographic cost: covered people, then weight, both as losses (the objective negated),
/// so that smaller is better. There is no pair component: every augmenting path adds exactly
/// one pair, so the pair level is decided by when the search stops, not by which path it takes
/// (see [`Network::takes`]).
///
/// Compared component by component in that order and added component-wise, such costs form
/// an ordered abelian group; that is all that shortest paths and potentials need.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Cost {
    pub(crate) serve: i64,
    pub(crate) cover: i64,
    pub(crate) weight: f64,
}

impl Cost {
    const ZERO: Cost = Cost {
        serve: 0,
        cover: 0,
        weight: 0.0,
    };
    /// The distance of a node not reached yet: larger than any distance, only compared.
    const UNREACHED: Cost = Cost {
        serve: i64::MAX,
        cover: i64::MAX,
        weight: f64::INFINITY,
    };
}

impl Add for Cost {
    type Output = Cost;
    fn add(self, o: Cost) -> Cost {
        Cost {
            serve: self.serve + o.serve,
            cover: self.cover + o.cover,
            weight: self.weight + o.weight,
        }
    }
}

impl Sub for Cost {
    type Output = Cost;
    fn sub(self, o: Cost) -> Cost {
        Cost {
            serve: self.serve - o.serve,
            cover: self.cover - o.cover,
            weight: self.weight - o.weight,
        }
    }
}

// Weights are finite (validated, and bounded so that no sum overflows), so the partial order
// of `f64` is total on every weight component that is compared; -0.0 equals 0.0, as `==` says.
impl Eq for Cost {}

impl Ord for Cost {
    fn cmp(&self, o: &Cost) -> Ordering {
        self.serve
            .cmp(&o.serve)
            .then(self.cover.cmp(&o.cover))
            .then_with(|| {
                if self.weight < o.weight {
                    Ordering::Less
                } else if self.weight > o.weight {
                    Ordering::Greater
                } else {
                    Ordering::Equal
                }
            })
    }
}

impl PartialOrd for Cost {
    fn partial_cmp(&self, o: &Cost) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

/// A pair arc's state.
const FREE: u8 = 0;
/// The pair carries a unit of flow: it is formed.
const USED: u8 = 1;
/// Forbidden, locked (formed outside the network) or a person without capacity left.
const CLOSED: u8 = 2;

/// No predecessor; for a junior, reached straight from the source.
const NONE: usize = usize::MAX;

/// What the network needs to know of each side's people: their capacities and minimums, one
/// value each.
pub(crate) struct Side<'a> {
    pub(crate) capacities: &'a [u32],
    pub(crate) minimums: &'a [u32],
}

/// The residual network and its potentials. Nodes: juniors `0..n`, seniors `n..n + m`, the
/// sink `n + m`; the source is implicit, with potential 0 (arcs into the source and out of
/// the sink are never on a shortest source → sink path, so they are not represented).
pub(crate) struct Network<'a, A: Arcs> {
    n: usize,
    m: usize,
    arcs: &'a A,
    spread: bool,
    most_pairs: bool,
    /// `FREE` / `USED` / `CLOSED` per arc id.
    state: Vec<u8>,
    /// Capacity left after the locked pairs.
    junior_room: Vec<u32>,
    senior_room: Vec<u32>,
    /// Units of flow through each person: pairs formed in the network.
    junior_flow: Vec<u32>,
    senior_flow: Vec<u32>,
    /// Partners so far (locked or formed).
    junior_have: Vec<u32>,
    senior_have: Vec<u32>,
    /// Minimum partners wanted.
    junior_min: &'a [u32],
    senior_min: &'a [u32],
    /// For each senior, `(junior, arc)` of its `USED` arcs, sorted by junior: the arcs back.
    partners: Vec<Vec<(usize, usize)>>,
    /// Potentials: every residual arc `u → v` a search uses (all but the arcs back into the
    /// source) has `cost + pot[u] - pot[v] >= 0`.
    pot: Vec<Cost>,
}

impl<'a, A: Arcs> Network<'a, A> {
    /// The network of `arcs` between `juniors` and `seniors`, with the `locks` formed (each
    /// fits its people's capacities; a lock without an arc is formed all the same).
    pub(crate) fn new(
        arcs: &'a A,
        juniors: Side<'a>,
        seniors: Side<'a>,
        locks: &[(usize, usize)],
        options: Options,
    ) -> Self {
        let (n, m) = (arcs.juniors(), arcs.seniors());
        let mut junior_room = juniors.capacities.to_vec();
        let mut senior_room = seniors.capacities.to_vec();
        let mut junior_have = vec![0u32; n];
        let mut senior_have = vec![0u32; m];
        let mut state: Vec<u8> = arcs
            .weights()
            .iter()
            .map(|&w| if w == f64::NEG_INFINITY { CLOSED } else { FREE })
            .collect();
        // Locks are validated to fit the capacities, so the subtractions cannot underflow.
        for &(j, s) in locks {
            junior_room[j] -= 1;
            senior_room[s] -= 1;
            junior_have[j] += 1;
            senior_have[s] += 1;
            if let Some(e) = arcs.find(j, s) {
                state[e] = CLOSED;
            }
        }
        for (j, &room) in junior_room.iter().enumerate() {
            for (e, s) in arcs.row(j).zip(arcs.row_seniors(j)) {
                if room == 0 || senior_room[s] == 0 {
                    state[e] = CLOSED;
                }
            }
        }
        let mut network = Network {
            n,
            m,
            arcs,
            spread: options.spreading == Spreading::FirstPartnersFirst,
            most_pairs: options.cardinality == Cardinality::Maximum,
            state,
            junior_room,
            senior_room,
            junior_flow: vec![0; n],
            senior_flow: vec![0; m],
            junior_have,
            senior_have,
            junior_min: juniors.minimums,
            senior_min: seniors.minimums,
            partners: vec![Vec::new(); m],
            pot: vec![Cost::ZERO; n + m + 1],
        };
        network.initial_potentials();
        network
    }

    /// The cost of forming a pair of weight `w`.
    fn pair_cost(w: f64) -> Cost {
        Cost {
            serve: 0,
            cover: 0,
            weight: -w,
        }
    }

    /// The cost of the next unit of `source → junior` (or `senior → sink`) for someone with
    /// `have` partners and a minimum of `min`: one served partner below the minimum, and one
    /// covered person for a first partner under spreading; nothing otherwise. Both only rise
    /// with `have` (convex), as the per-unit arcs need.
    fn unit_cost(&self, have: u32, min: u32) -> Cost {
        Cost {
            serve: -i64::from(have < min),
            cover: -i64::from(self.spread && have == 0),
            weight: 0.0,
        }
    }

    /// The cost of junior `j`'s next unit.
    fn junior_unit(&self, j: usize) -> Cost {
        self.unit_cost(self.junior_have[j], self.junior_min[j])
    }

    /// The cost of senior `s`'s next unit.
    fn senior_unit(&self, s: usize) -> Cost {
        self.unit_cost(self.senior_have[s], self.senior_min[s])
    }

    /// The reduced cost of the next unit of `source → j` (the source's potential is 0).
    fn entry(&self, j: usize) -> Cost {
        self.junior_unit(j) - self.pot[j]
    }

    /// The reduced cost of the next unit of `senior s → sink`.
    fn exit(&self, s: usize) -> Cost {
        let (n, m) = (self.n, self.m);
        self.senior_unit(s) + self.pot[n + s] - self.pot[n + m]
    }

    /// Shortest distances from the source before any flow: the network is acyclic (source,
    /// juniors, seniors, sink), so one pass in that order gives them, and they make every
    /// reduced cost non-negative. Nodes the source cannot reach keep potential 0; they are
    /// never reached later either (their only arcs in come from people without room).
    fn initial_potentials(&mut self) {
        let (n, m) = (self.n, self.m);
        for j in 0..n {
            if self.junior_room[j] > 0 {
                self.pot[j] = self.junior_unit(j);
            }
        }
        let mut best = vec![Cost::UNREACHED; m];
        let weights = self.arcs.weights();
        for j in 0..n {
            let row = self.arcs.row(j);
            let cells = weights[row.clone()].iter().zip(&self.state[row]);
            for (s, (&w, &st)) in self.arcs.row_seniors(j).zip(cells) {
                if st == FREE {
                    best[s] = best[s].min(self.pot[j] + Self::pair_cost(w));
                }
            }
        }
        let mut sink = Cost::UNREACHED;
        for (s, &b) in best.iter().enumerate() {
            if b != Cost::UNREACHED {
                self.pot[n + s] = b;
                sink = sink.min(b + self.senior_unit(s));
            }
        }
        if sink != Cost::UNREACHED {
            self.pot[n + m] = sink;
        }
    }

    /// Whether to take a shortest path of (true) cost `cost`. Path costs never decrease, so
    /// the first refusal ends the search. A path's cover cost is 0 or negative (it never
    /// uncovers anyone) and it always adds one pair.
    ///
    /// - [`Cardinality::Maximum`]: always. The flow ends at the largest value, of least cost
    ///   among those: the most pairs, then the most people covered, then the best total. Under
    ///   spreading this is also the most people covered of all flows (the cover costs of the
    ///   successive paths are never positive, so no smaller flow covers more), so covered,
    ///   then pairs, then total, as documented: spreading never costs a pair.
    /// - [`Cardinality::Any`]: while the cost is negative, that is while the path covers
    ///   someone new or (covering no one) raises the total.
    fn takes(&self, cost: Cost) -> bool {
        self.most_pairs || cost < Cost::ZERO
    }

    /// Augments along shortest paths while they improve the objective.
    pub(crate) fn run(&mut self) {
        let (n, m) = (self.n, self.m);
        let sink = n + m;
        let mut search = Search::new(n + m + 1);
        let mut tight = TightSearch {
            seen: vec![false; n + m],
            stack: Vec::new(),
            wait: 0,
            idle: 0,
        };
        while self.shortest_path(&mut search) {
            // The path's own cost, summed along it (more accurate in f64 than the difference
            // of potentials); taking it changes the objective by minus this.
            if !self.takes(self.path_cost(&search)) {
                return;
            }
            // New potentials: distances capped at the sink's, which keeps every reduced cost
            // non-negative although the search stopped at the sink (Ahuja et al. §9.7).
            let cap = search.dist[sink];
            for (p, &d) in self.pot.iter_mut().zip(&search.dist) {
                *p = *p + d.min(cap);
            }
            self.augment(&search);
            // A settled node whose nearest neighbour lay beyond the sink: every arc out of it
            // keeps a reduced cost of at least `slack` (the potentials of its neighbours rose
            // by at most `cap`), so its potential may drop by `slack`, and the next search
            // reaches it that much later, or not at all. Without this, every junior with room
            // sits at distance 0 from the source and every search scans every row. Arcs out of
            // a node only appear on augmenting paths: the search's, whose nodes have no slack
            // (the path leaves each within `cap`), and the tight ones taken next, which leave
            // each node by an arc of reduced cost 0, so no node on them has slack either.
            // Arcs into the source are never used, so they need no feasibility (a shortest
            // source → sink path never enters the source).
            for (v, &near) in search.nearest.iter().enumerate().take(n + m) {
                if search.done[v] && near != Cost::UNREACHED {
                    let slack = near - cap;
                    if slack > Cost::ZERO {
                        self.pot[v] = self.pot[v] - slack;
                    }
                }
            }
            // Where no tie leaves a second path, the depth-first search only costs time (on
            // uniform random weights it added 10-30 %): after a round that finds nothing, the
            // next one waits twice as many searches, up to 64; a round that finds a path makes
            // every search take one again.
            if tight.wait > 0 {
                tight.wait -= 1;
                continue;
            }
            match self.augment_tight(&mut search, &mut tight) {
                None => return,
                Some(0) => {
                    tight.idle = (2 * tight.idle).clamp(1, 64);
                    tight.wait = tight.idle;
                }
                Some(_) => tight.idle = 0,
            }
        }
    }

    /// Whether an arc of reduced cost `r` is tight: no level, and a weight of at most
    /// rounding, measured against `scale` (the magnitudes summed to compute it). The search's
    /// own path is tight under the new potentials up to the rounding of their update, and so
    /// is every other path of the same length.
    fn is_tight(r: Cost, scale: f64) -> bool {
        r.serve == 0 && r.cover == 0 && r.weight <= scale * TIGHT
    }

    /// Whether senior `s` has room and a tight next unit to the sink.
    fn ends_tight(&self, s: usize) -> bool {
        let (n, m) = (self.n, self.m);
        let scale = self.pot[n + s].weight.abs() + self.pot[n + m].weight.abs();
        self.senior_flow[s] < self.senior_room[s] && Self::is_tight(self.exit(s), scale)
    }

    /// After a search and its potential update: more augmenting paths, each along tight arcs
    /// only, found by depth-first search from every junior with room whose next unit is tight
    /// (each node entered once a round, except a senior that keeps room after a path ends at
    /// it). Such a path is a shortest one under the same potentials, so taking it keeps them
    /// valid, as another search would have found it: when many pairs tie (saturated scores),
    /// one search's potentials serve many paths, and the searches, which each settle every
    /// node up to the sink's distance, drop from one a pair to one a round. Returns how many
    /// paths it took, or `None` when a path is refused (its cost no longer improves the
    /// objective, [`takes`](Self::takes)).
    fn augment_tight(&mut self, search: &mut Search, tight: &mut TightSearch) -> Option<usize> {
        let (n, m) = (self.n, self.m);
        tight.seen.fill(false);
        let mut taken = 0;
        let weights = self.arcs.weights();
        for root in 0..n {
            if tight.seen[root] || self.junior_flow[root] >= self.junior_room[root] {
                continue;
            }
            if !Self::is_tight(self.entry(root), self.pot[root].weight.abs()) {
                continue;
            }
            tight.seen[root] = true;
            search.pred[root] = NONE;
            tight.stack.clear();
            tight.stack.push((root, 0));
            let mut end = NONE;
            while let Some(&(v, next)) = tight.stack.last() {
                let mut step = None;
                let mut at = next;
                if v < n {
                    // Two passes over the row, as the search breaks ties: first a senior the
                    // path can end at, then any.
                    let row = self.arcs.row(v);
                    let pj = self.pot[v];
                    while at < 2 * row.len() {
                        let (k, ending) = if at < row.len() {
                            (at, true)
                        } else {
                            (at - row.len(), false)
                        };
                        at += 1;
                        let e = row.start + k;
                        if self.state[e] != FREE {
                            continue;
                        }
                        let s = self.arcs.senior_at(v, k);
                        let u = n + s;
                        if tight.seen[u] || (ending && !self.ends_tight(s)) {
                            continue;
                        }
                        let (w, pu) = (weights[e], self.pot[u]);
                        let r = pj + Self::pair_cost(w) - pu;
                        if Self::is_tight(r, pj.weight.abs() + w.abs() + pu.weight.abs()) {
                            search.pred[u] = v;
                            search.pred_arc[u] = e;
                            step = Some(u);
                            break;
                        }
                    }
                } else {
                    let s = v - n;
                    let ps = self.pot[v];
                    if at == 0 {
                        at = 1;
                        if self.ends_tight(s) {
                            search.pred[n + m] = v;
                            end = s;
                        }
                    }
                    while end == NONE && at <= self.partners[s].len() {
                        let (j, e) = self.partners[s][at - 1];
                        at += 1;
                        if tight.seen[j] {
                            continue;
                        }
                        let (w, pj) = (weights[e], self.pot[j]);
                        let r = ps - Self::pair_cost(w) - pj;
                        if Self::is_tight(r, ps.weight.abs() + w.abs() + pj.weight.abs()) {
                            search.pred[j] = v;
                            search.pred_arc[j] = e;
                            step = Some(j);
                            break;
                        }
                    }
                }
                if end != NONE {
                    break;
                }
                if let Some(top) = tight.stack.last_mut() {
                    top.1 = at;
                }
                match step {
                    Some(u) => {
                        tight.seen[u] = true;
                        tight.stack.push((u, 0));
                    }
                    None => {
                        tight.stack.pop();
                    }
                }
            }
            if end == NONE {
                continue;
            }
            if !self.takes(self.path_cost(search)) {
                return None;
            }
            self.augment(search);
            taken += 1;
            // The senior at the end may take more paths this round while it has room.
            tight.seen[n + end] = self.senior_flow[end] >= self.senior_room[end];
        }
        Some(taken)
    }

    /// Dijkstra on reduced costs from the source, stopping when the sink is settled. Returns
    /// whether the sink was reached; `dist` holds the settled distances (the others are at
    /// least the sink's), `pred` and `pred_arc` the shortest-path tree, and `nearest[v]`, for
    /// each settled node, the smallest distance its arcs offer a neighbour (settled or not).
    fn shortest_path(&self, search: &mut Search) -> bool {
        let (n, m) = (self.n, self.m);
        let sink = n + m;
        // The order among equal distances: the sink, then seniors, then juniors, each by
        // index. Ending a path as soon as it can (as the engine prefers a free column) keeps
        // searches short when many pairs tie.
        let rank = |v: usize| match v {
            _ if v == sink => 0,
            _ if v >= n => v - n + 1,
            _ => v + m + 1,
        };
        let node = |r: usize| match r {
            0 => sink,
            _ if r <= m => n + r - 1,
            _ => r - m - 1,
        };
        search.reset();
        let Search {
            dist,
            done,
            pred,
            pred_arc,
            nearest,
            heap,
        } = search;
        // The juniors with room, heaped at once (linear) rather than pushed one by one.
        let mut start = std::mem::take(heap).into_vec();
        start.clear();
        for (j, dj) in dist.iter_mut().enumerate().take(n) {
            if self.junior_flow[j] < self.junior_room[j] {
                *dj = self.entry(j);
                start.push(Reverse((*dj, rank(j))));
            }
        }
        *heap = BinaryHeap::from(start);
        let weights = self.arcs.weights();
        while let Some(Reverse((d, r))) = heap.pop() {
            let v = node(r);
            if done[v] {
                continue;
            }
            // A node is settled once; later (rounding-level) improvements are ignored, so the
            // predecessors always form a tree.
            done[v] = true;
            if v == sink {
                return true;
            }
            let base = d + self.pot[v];
            if v < n {
                // Forward arcs junior → senior over the free pairs.
                let j = v;
                let row = self.arcs.row(j);
                let cells = weights[row.clone()]
                    .iter()
                    .zip(&self.state[row.clone()])
                    .zip(row);
                // The hot loop: the lexicographic comparisons are spelt out component-wise so
                // that they compile to flag selects rather than branches on `Ordering`.
                let mut near = Cost::UNREACHED;
                let seniors_pot = &self.pot[n..n + m];
                for (s, ((&w, &st), e)) in self.arcs.row_seniors(j).zip(cells) {
                    if st != FREE {
                        continue;
                    }
                    let p = seniors_pot[s];
                    let nd = Cost {
                        serve: base.serve - p.serve,
                        cover: base.cover - p.cover,
                        weight: base.weight - w - p.weight,
                    };
                    let closer = |a: Cost, b: Cost| {
                        a.serve < b.serve
                            || (a.serve == b.serve
                                && (a.cover < b.cover
                                    || (a.cover == b.cover && a.weight < b.weight)))
                    };
                    if closer(nd, near) {
                        near = nd;
                    }
                    let u = n + s;
                    if closer(nd, dist[u]) && !done[u] {
                        dist[u] = nd;
                        pred[u] = j;
                        pred_arc[u] = e;
                        heap.push(Reverse((nd, rank(u))));
                    }
                }
                nearest[j] = near;
            } else {
                // Backward arcs senior → junior over the formed pairs (undoing one), then the
                // senior's next unit to the sink.
                let s = v - n;
                let mut near = Cost::UNREACHED;
                for &(j, e) in &self.partners[s] {
                    let nd = base - Self::pair_cost(weights[e]) - self.pot[j];
                    near = near.min(nd);
                    if !done[j] && nd < dist[j] {
                        dist[j] = nd;
                        pred[j] = v;
                        pred_arc[j] = e;
                        heap.push(Reverse((nd, rank(j))));
                    }
                }
                if self.senior_flow[s] < self.senior_room[s] {
                    let nd = d + self.exit(s);
                    near = near.min(nd);
                    if nd < dist[sink] {
                        dist[sink] = nd;
                        pred[sink] = v;
                        heap.push(Reverse((nd, 0)));
                    }
                }
                nearest[v] = near;
            }
        }
        false
    }

    /// The true cost of the path that the search's tree leads back from the sink.
    fn path_cost(&self, search: &Search) -> Cost {
        let (n, m) = (self.n, self.m);
        let weights = self.arcs.weights();
        let v = search.pred[n + m];
        let mut cost = self.senior_unit(v - n);
        let mut v = v;
        loop {
            let j = search.pred[v];
            cost = cost + Self::pair_cost(weights[search.pred_arc[v]]);
            match search.pred[j] {
                NONE => return cost + self.junior_unit(j),
                back => {
                    cost = cost - Self::pair_cost(weights[search.pred_arc[j]]);
                    v = back;
                }
            }
        }
    }

    /// Pushes one unit along the search's path: the senior next to the sink and the junior
    /// next to the source each gain a partner; the pairs on the way alternate between formed
    /// and undone.
    fn augment(&mut self, search: &Search) {
        let (n, m) = (self.n, self.m);
        let mut v = search.pred[n + m];
        self.senior_flow[v - n] += 1;
        self.senior_have[v - n] += 1;
        loop {
            let s = v - n;
            let j = search.pred[v];
            let e = search.pred_arc[v];
            self.state[e] = USED;
            let list = &mut self.partners[s];
            let at = list.partition_point(|&(x, _)| x < j);
            list.insert(at, (j, e));
            match search.pred[j] {
                NONE => {
                    self.junior_flow[j] += 1;
                    self.junior_have[j] += 1;
                    return;
                }
                back => {
                    self.state[search.pred_arc[j]] = FREE;
                    self.partners[back - n].retain(|&(x, _)| x != j);
                    v = back;
                }
            }
        }
    }

    /// Labels of every node (juniors `0..n`, seniors `n..n + m`, the sink, the source) under
    /// which no arc of the final residual network gains: shortest distances from a root joined to every node at
    /// cost 0. The network holds every arc: pairs both ways, each person's next unit and last
    /// unit undone (the arcs into the source and out of the sink that the searches never
    /// take), and, with [`Cardinality::Any`], the source and the sink joined both ways (the
    /// flow may shrink or grow). The flow is optimal, so there is no cycle that gains and
    /// the distances exist; a pair arc added later with a reduced cost of at least 0 under
    /// them closes no cycle that gains either.
    ///
    /// Dijkstra on costs reduced by the searches' potentials, under which only the arcs into
    /// the source, out of the sink and between them can be negative; a node whose distance
    /// drops again is searched again (label correcting). The flow is optimal within rounding,
    /// so a cycle may gain by a rounding error: a distance only counts as lower when it is
    /// lower by more than rounding, and `None` comes back if the search still runs past
    /// `64 (n + m)` node visits.
    pub(crate) fn labels(&self) -> Option<Vec<Cost>> {
        let (n, m) = (self.n, self.m);
        let (sink, source) = (n + m, n + m + 1);
        let pot = |v: usize| if v == source { Cost::ZERO } else { self.pot[v] };
        let top = (0..source + 1).map(pot).max().unwrap_or(Cost::ZERO);
        let mut dist: Vec<Cost> = (0..source + 1).map(|v| top - pot(v)).collect();
        let mut heap: BinaryHeap<Reverse<(Cost, usize)>> =
            (0..source + 1).map(|v| Reverse((dist[v], v))).collect();
        let weights = self.arcs.weights();
        let last_unit = |have: u32, min: u32| Cost::ZERO - self.unit_cost(have - 1, min);
        let flow: u32 = self.junior_flow.iter().sum();
        let mut arcs: Vec<(usize, Cost)> = Vec::new();
        let mut visits = 0usize;
        let lower = lower_beyond_rounding;
        while let Some(Reverse((d, v))) = heap.pop() {
            if d != dist[v] {
                continue; // a stale entry: the node was reached more cheaply since
            }
            visits += 1;
            if visits > 64 * (source + 1) {
                return None;
            }
            arcs.clear();
            if v < n {
                let row = self.arcs.row(v);
                let cells = row.clone().zip(self.arcs.row_seniors(v));
                arcs.extend(
                    cells
                        .filter(|&(e, _)| self.state[e] == FREE)
                        .map(|(e, s)| (n + s, Self::pair_cost(weights[e]))),
                );
                if self.junior_flow[v] > 0 {
                    arcs.push((source, last_unit(self.junior_have[v], self.junior_min[v])));
                }
            } else if v < sink {
                let s = v - n;
                arcs.extend(
                    self.partners[s]
                        .iter()
                        .map(|&(j, e)| (j, Cost::ZERO - Self::pair_cost(weights[e]))),
                );
                if self.senior_flow[s] < self.senior_room[s] {
                    arcs.push((sink, self.senior_unit(s)));
                }
            } else if v == sink {
                arcs.extend(
                    (0..m)
                        .filter(|&s| self.senior_flow[s] > 0)
                        .map(|s| (n + s, last_unit(self.senior_have[s], self.senior_min[s]))),
                );
                if !self.most_pairs {
                    arcs.push((source, Cost::ZERO));
                }
            } else {
                arcs.extend(
                    (0..n)
                        .filter(|&j| self.junior_flow[j] < self.junior_room[j])
                        .map(|j| (j, self.junior_unit(j))),
                );
                if !self.most_pairs && flow > 0 {
                    arcs.push((sink, Cost::ZERO));
                }
            }
            let base = d + pot(v);
            for &(w, cost) in &arcs {
                let nd = base + cost - pot(w);
                if lower(nd, dist[w]) {
                    dist[w] = nd;
                    heap.push(Reverse((nd, w)));
                }
            }
        }
        Some((0..=source).map(|v| dist[v] + pot(v) - top).collect())
    }

    /// Starts the network from an earlier optimum on fewer arcs: its `pairs` formed and its
    /// `labels` (every node's, as [`labels`](Self::labels) gives them) as potentials, then
    /// every arc that gains under them (a new one) formed, and the people it puts over
    /// capacity brought back by shortest paths.
    /// [`run`](Self::run) then goes on from there. Returns `false` (the network unusable; solve
    /// from nothing) when a pair is not an arc, someone has room, the flow may shrink
    /// ([`Cardinality::Any`]), more arcs gain than a 32nd of the pairs (starting over is then
    /// about as cheap), or someone over capacity cannot be brought back.
    pub(crate) fn start_from(&mut self, pairs: &[(usize, usize)], labels: &[Cost]) -> bool {
        let (n, m) = (self.n, self.m);
        if labels.len() != n + m + 2 {
            return false;
        }
        for &(j, s) in pairs {
            let Some(e) = self.arcs.find(j, s) else {
                return false;
            };
            if self.state[e] != FREE {
                return false;
            }
            self.state[e] = USED;
            self.junior_flow[j] += 1;
            self.junior_have[j] += 1;
            self.senior_flow[s] += 1;
            self.senior_have[s] += 1;
            self.partners[s].push((j, e));
        }
        // The rebalancing searches below run over the pairs' arcs alone. That covers every cycle
        // only when nobody has room (a cycle through the source or the sink needs someone
        // with room) and the flow may not shrink (with the best total alone, the source and
        // the sink are joined): otherwise the network starts from nothing.
        if !self.most_pairs
            || (0..n).any(|j| self.junior_flow[j] != self.junior_room[j])
            || (0..m).any(|s| self.senior_flow[s] != self.senior_room[s])
        {
            return false;
        }
        for list in &mut self.partners {
            list.sort_unstable();
        }
        // The source's label becomes 0, as the searches take it.
        let source = labels[n + m + 1];
        for (p, &l) in self.pot.iter_mut().zip(labels) {
            *p = l - source;
        }
        // Every arc that gains is formed at once (its reverse then does not gain), which puts
        // its junior and its senior one partner over capacity; each senior over capacity is
        // then joined to a junior over capacity by a shortest path of pairs undone and formed
        // (one search each), as the searches from the source join it to the sink.
        //
        // An arc gains when it is cheaper by more than rounding, the margin of the labels
        // themselves: where many pairs tie (saturated scores), the arcs the labels make tight
        // come out a rounding error either side of 0, and forming the ones below would put
        // about every tenth arc of the graph through a rebalancing search (measured: 195,000
        // at 20,000 + 5,000 of capacity 4, where 32 arcs were new).
        let weights = self.arcs.weights();
        let mut gaining = Vec::new();
        for j in 0..n {
            for (e, s) in self.arcs.row(j).zip(self.arcs.row_seniors(j)) {
                let via = Self::pair_cost(weights[e]) + self.pot[j];
                if self.state[e] == FREE && lower_beyond_rounding(via, self.pot[n + s]) {
                    gaining.push((j, s, e));
                }
            }
        }
        // One search per arc that gains, against one search per round of tight paths from
        // nothing: about a 32nd of the pairs is where the two cost the same (measured at
        // 20,000 + 5,000 of capacity 4, seed 2: 348 such arcs took 1.6-1.9 s to rebalance,
        // 743 took 2.5-4.1 s, 2,057 took 12-19 s, and a solve from nothing 2-4 s).
        let pairs: u32 = self.junior_flow.iter().sum();
        if 32 * gaining.len() > pairs as usize {
            return false;
        }
        let over = gaining.len();
        for (j, s, e) in gaining {
            self.state[e] = USED;
            self.junior_flow[j] += 1;
            self.junior_have[j] += 1;
            self.senior_flow[s] += 1;
            self.senior_have[s] += 1;
            let list = &mut self.partners[s];
            let at = list.partition_point(|&(x, _)| x < j);
            list.insert(at, (j, e));
        }
        let mut search = Search::new(n + m);
        for _ in 0..over {
            let Some((target, d)) = self.rebalance_search(&mut search) else {
                return false;
            };
            // New potentials: distances capped at the target's, as after a search from the
            // source: the searched arcs keep reduced costs of 0 or more.
            for v in 0..n + m {
                let add = if search.done[v] { search.dist[v] } else { d };
                self.pot[v] = self.pot[v] + add.min(d);
            }
            self.rebalance(target, &search);
        }
        true
    }

    /// Dijkstra on reduced costs from every senior over capacity, over the pairs' arcs alone
    /// (forward over the free pairs, back over the formed ones), to the first junior over
    /// capacity reached (through a pair undone): that junior and its distance.
    fn rebalance_search(&self, search: &mut Search) -> Option<(usize, Cost)> {
        let n = self.n;
        let weights = self.arcs.weights();
        search.reset();
        let Search {
            dist,
            done,
            pred,
            pred_arc,
            heap,
            ..
        } = search;
        for s in 0..self.m {
            if self.senior_flow[s] > self.senior_room[s] {
                dist[n + s] = Cost::ZERO;
                heap.push(Reverse((Cost::ZERO, n + s)));
            }
        }
        while let Some(Reverse((d, v))) = heap.pop() {
            if done[v] {
                continue;
            }
            done[v] = true;
            if v < n && self.junior_flow[v] > self.junior_room[v] {
                return Some((v, d));
            }
            let mut relax = |w: usize, reduced: Cost, e: usize| {
                let nd = d + reduced;
                if !done[w] && nd < dist[w] {
                    dist[w] = nd;
                    pred[w] = v;
                    pred_arc[w] = e;
                    heap.push(Reverse((nd, w)));
                }
            };
            if v < n {
                for (e, s2) in self.arcs.row(v).zip(self.arcs.row_seniors(v)) {
                    if self.state[e] == FREE {
                        let reduced = Self::pair_cost(weights[e]) + self.pot[v] - self.pot[n + s2];
                        relax(n + s2, reduced, e);
                    }
                }
            } else {
                for &(j, e) in &self.partners[v - n] {
                    let reduced =
                        Cost::ZERO - Self::pair_cost(weights[e]) + self.pot[v] - self.pot[j];
                    relax(j, reduced, e);
                }
            }
        }
        None
    }

    /// Undoes and forms the pairs along the search's path to junior `target` from a senior
    /// over capacity: both end within capacity, everyone between keeps their count.
    fn rebalance(&mut self, target: usize, search: &Search) {
        let n = self.n;
        let mut v = target;
        loop {
            let (u, arc) = (search.pred[v], search.pred_arc[v]);
            if u == NONE {
                // The senior the path starts from.
                self.senior_flow[v - n] -= 1;
                self.senior_have[v - n] -= 1;
                break;
            }
            if v < n {
                // Reached from senior `u` back over a formed pair: undone.
                self.state[arc] = FREE;
                self.partners[u - n].retain(|&(x, _)| x != v);
            } else {
                // Reached from junior `u` over a free pair: formed.
                self.state[arc] = USED;
                let list = &mut self.partners[v - n];
                let at = list.partition_point(|&(x, _)| x < u);
                list.insert(at, (u, arc));
            }
            v = u;
        }
        self.junior_flow[target] -= 1;
        self.junior_have[target] -= 1;
    }

    /// The solution: the `locks` and the pairs formed, sorted, with what each person got
    /// under `capacities` (juniors', seniors').
    pub(crate) fn finish(
        &self,
        locks: &[(usize, usize)],
        capacities: (&[u32], &[u32]),
        options: Options,
    ) -> Solution {
        let weights = self.arcs.weights();
        let mut pairs: Vec<(usize, usize, f64)> = locks
            .iter()
            .map(|&(j, s)| (j, s, self.arcs.find(j, s).map_or(0.0, |e| weights[e])))
            .collect();
        for j in 0..self.n {
            let row = self.arcs.row(j);
            for (s, e) in self.arcs.row_seniors(j).zip(row) {
                if self.state[e] == USED {
                    pairs.push((j, s, weights[e]));
                }
            }
        }
        Solution::of_pairs(pairs, capacities, options)
    }
}

/// Whether `a` is lower than `b` by more than rounding: a level lower, or the weight lower by
/// a relative 1e-12 (the margin of [`Network::labels`] and of the warm start's gaining arcs).
fn lower_beyond_rounding(a: Cost, b: Cost) -> bool {
    (a.serve, a.cover) < (b.serve, b.cover)
        || ((a.serve, a.cover) == (b.serve, b.cover)
            && a.weight < b.weight - 1e-12 * (1.0 + b.weight.abs()))
}

/// How far above 0 a tight arc's reduced weight may be, relative to the magnitudes summed
/// to compute it: a few units in the last place, the rounding of a potential update.
const TIGHT: f64 = 1.0 / (1u64 << 50) as f64;

/// The scratch space of [`Network::augment_tight`], kept across rounds: the nodes entered
/// this round, and the depth-first path with each node's next arc to try; and how many
/// searches to wait before the next round (`wait`) after rounds that found nothing, the
/// wait doubling with each (`idle`).
struct TightSearch {
    seen: Vec<bool>,
    stack: Vec<(usize, usize)>,
    wait: u32,
    idle: u32,
}

/// A search's scratch space, kept across rounds: distances, settled flags, the shortest-path
/// tree (each node's predecessor and the pair arc it came by) and each settled node's nearest
/// neighbour, with the heap. The searches from the source use every node; the rebalancing
/// searches the juniors and seniors alone, and no `nearest`.
struct Search {
    dist: Vec<Cost>,
    done: Vec<bool>,
    pred: Vec<usize>,
    pred_arc: Vec<usize>,
    nearest: Vec<Cost>,
    heap: BinaryHeap<Reverse<(Cost, usize)>>,
}

impl Search {
    fn new(nodes: usize) -> Self {
        Search {
            dist: vec![Cost::UNREACHED; nodes],
            done: vec![false; nodes],
            pred: vec![NONE; nodes],
            pred_arc: vec![NONE; nodes],
            nearest: vec![Cost::UNREACHED; nodes],
            heap: BinaryHeap::new(),
        }
    }

    /// Every node unreached, unsettled and without a predecessor; the heap empty.
    fn reset(&mut self) {
        self.dist.fill(Cost::UNREACHED);
        self.done.fill(false);
        self.pred.fill(NONE);
        self.pred_arc.fill(NONE);
        self.nearest.fill(Cost::UNREACHED);
        self.heap.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cost_order_is_lexicographic() {
        let c = |cover, weight| Cost {
            serve: 0,
            cover,
            weight,
        };
        assert!(c(-1, 100.0) < c(0, -100.0));
        assert!(c(0, -1.0) < c(0, 0.0));
        assert_eq!(c(0, -0.0).cmp(&Cost::ZERO), Ordering::Equal);
        assert!(c(i64::MAX - 1, 0.0) < Cost::UNREACHED);
    }
}
