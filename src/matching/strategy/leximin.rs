//! The leximin strategy: the sorted vector of utilities, lexicographically largest, exactly.

use super::capacities::{CapacitatedPairing, Capacities};
use super::pairing::{Pairing, Strategy, one_to_one_only};
use crate::matching::assignment::{self, Cardinality, Matrix, Options, Sense};
use crate::matching::error::{MatrixError, Result};
use crate::matching::pair_scores::PairScores;

/// The leximin pairing: the vector of all agents' utilities (unmatched agents count 0), sorted
/// from the smallest up, is lexicographically largest; among several, the largest summed
/// utility. The built-in `leximin`, defined (ties included) in the
/// [strategy table](super#the-built-in-strategies).
///
/// Comparing sorted vectors lexicographically is the same as comparing, for each utility value
/// `v` from the smallest up, how many agents get at least `v`. The search maximises those
/// counts one value at a time, exactly, as one assignment problem that changes a little from
/// value to value:
///
/// - every pairing is a perfect matching of a doubled graph: juniors and one slot per senior
///   on one side, seniors and one slot per junior on the other; a junior matched to its own
///   slot (a senior to hers) is unmatched, and the slots of paired agents pair up among
///   themselves, the senior's slot with the junior's. At value `v` a pair is worth how many
///   of its two agents get at least `v` (0, 1 or 2), everything else 0;
/// - after the first value (solved by the [engine](crate::assignment)), the next value only
///   lowers the worth of the pairs through which some agent got exactly the value before.
///   A paired one is unpaired, and its agents are paired again by shortest augmenting paths
///   over the reduced costs of the dual certificate, which stays feasible throughout. Every
///   open edge is tight when a value starts and a worth drops by 1 or 2, so paths are short
///   and their lengths small integers (the search's queue is a list of buckets); a value
///   whose pairs are all outside the current pairing only closes them;
/// - after each value, every edge that is not tight under the certificate is closed for good:
///   by complementary slackness, the perfect matchings on tight edges are exactly the optimal
///   ones, so later values optimise among them without losing what earlier values won. The
///   edges to look at are only those whose worth changed or whose ends' potentials moved.
///
/// A last solve picks the largest sum among the leximin-optimal pairings (the perfect
/// matchings left), on the sparse engine. This is the lexicographic bottleneck idea of
/// Burkard & Rendl (1991), with agents on both sides, made incremental.
///
/// # Complexity
///
/// One engine solve on the `n × m` matrix, a sort of the `2nm` utilities, then per value with
/// a paired crossing one augmenting-path search per unpaired pair, each `O(d (n + m))` for the
/// `d` agents it reaches; in practice the searches stay small because every edge left open is
/// tight. `O(n m)` memory.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{Bottleneck, Leximin, Strategy};
/// use mentor_match::PairScores;
///
/// // Bottleneck only looks at the worst-off agent (0.2 either way, junior 2 or senior 2) and
/// // then maximises the sum; leximin also lifts the second worst-off.
/// let scores = PairScores::new(
///     3, 3,
///     vec![0.9, 0.3, 0.2, 0.3, 0.9, 0.2, 0.2, 0.2, 0.2],
///     vec![0.9, 0.3, 0.2, 0.3, 0.9, 0.2, 0.2, 0.2, 0.2],
/// )?;
/// let leximin = Leximin.pair(&scores)?;
/// assert_eq!(leximin.pairs(), &[(0, 0), (1, 1), (2, 2)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Leximin;

impl Strategy for Leximin {
    fn name(&self) -> &str {
        "leximin"
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        let pairs = LeximinSearch::new(scores)?.run()?;
        Pairing::new(scores, pairs)
    }

    fn pair_within(
        &self,
        scores: &PairScores,
        capacities: &Capacities,
        seed: u64,
    ) -> Result<CapacitatedPairing> {
        one_to_one_only(
            self,
            scores,
            capacities,
            seed,
            "an agent's utility under capacities is a sum over its partners, and maximising the smallest such sum is NP-hard (max-min allocation, Bezakova & Dani 2005); not offered rather than approximated silently",
        )
    }
}

/// Marks a vertex without a partner.
const NONE: usize = usize::MAX;

/// The doubled graph's open edges and their worth at the current value.
///
/// Rows are the juniors `0..n` and the seniors' slots `n..n + m`; columns the seniors `0..m`
/// and the juniors' slots `m..m + n`. Edges: a pair `(j, s)`; a junior's stay-out `(j, m + j)`;
/// a senior's stay-out `(n + s, s)`; and the slots' pairing `(n + s, m + j)`, one per pair.
/// A pair and its slots' edge are open or closed together: a pairing that uses the pair is
/// optimal only if the matching that pairs their slots too is (it has the same worth), so
/// when either edge stops being tight, no optimal pairing uses the pair.
struct Graph<'a> {
    scores: &'a PairScores,
    n: usize,
    m: usize,
    /// Per pair (`j * m + s`), how many of its two agents get at least the value whose count
    /// is maximised: its worth, kept as the value rises rather than recomputed from the
    /// gains, so that reading a senior's pairs touches one byte a pair.
    worth: Vec<i8>,
    /// Pairs still open, `j * m + s`.
    pair_open: Vec<bool>,
    /// The same, transposed (`s * n + j`), so that a senior's pairs are contiguous too.
    pair_open_t: Vec<bool>,
    /// Stay-out edges still open: juniors `0..n`, seniors `n..n + m`.
    out_open: Vec<bool>,
}

/// An edge of the doubled graph, by what closes it.
#[derive(Debug, Clone, Copy)]
enum Edge {
    /// The pair `j * m + s`, with its slots' edge.
    Pair(usize),
    /// An agent's stay-out edge: juniors `0..n`, seniors `n..n + m`.
    Out(usize),
}

impl Graph<'_> {
    /// How many agents of pair cell `k` get at least the current value.
    fn count(&self, k: usize) -> i64 {
        i64::from(self.worth[k])
    }

    /// The cost (minimised: minus the worth) of the edge `(row, col)`.
    fn cost(&self, row: usize, col: usize) -> i64 {
        if row < self.n && col < self.m {
            -self.count(row * self.m + col)
        } else {
            0
        }
    }

    /// What the edge `(row, col)` is.
    fn edge(&self, row: usize, col: usize) -> Edge {
        let (n, m) = (self.n, self.m);
        match (row < n, col < m) {
            (true, true) => Edge::Pair(row * m + col),
            (false, false) => Edge::Pair((col - m) * m + (row - n)),
            _ => Edge::Out(row),
        }
    }

    /// Calls `f(col, cost)` for every open edge of `row`.
    fn row_edges(&self, row: usize, mut f: impl FnMut(usize, i64)) {
        let (n, m) = (self.n, self.m);
        if row < n {
            let cells = &self.pair_open[row * m..(row + 1) * m];
            for (s, _) in cells.iter().enumerate().filter(|&(_, &open)| open) {
                f(s, -self.count(row * m + s));
            }
            if self.out_open[row] {
                f(m + row, 0);
            }
        } else {
            let s = row - n;
            if self.out_open[row] {
                f(s, 0);
            }
            let cells = &self.pair_open_t[s * n..(s + 1) * n];
            for (j, _) in cells.iter().enumerate().filter(|&(_, &open)| open) {
                f(m + j, 0);
            }
        }
    }

    /// Calls `f(row, cost)` for every open edge of `col`.
    fn col_edges(&self, col: usize, mut f: impl FnMut(usize, i64)) {
        let (n, m) = (self.n, self.m);
        if col < m {
            let cells = &self.pair_open_t[col * n..(col + 1) * n];
            for (j, _) in cells.iter().enumerate().filter(|&(_, &open)| open) {
                f(j, -self.count(j * m + col));
            }
            if self.out_open[n + col] {
                f(n + col, 0);
            }
        } else {
            let j = col - m;
            if self.out_open[j] {
                f(j, 0);
            }
            let cells = &self.pair_open[j * m..(j + 1) * m];
            for (s, _) in cells.iter().enumerate().filter(|&(_, &open)| open) {
                f(n + s, 0);
            }
        }
    }

    fn close(&mut self, edge: Edge) {
        match edge {
            Edge::Pair(k) => {
                let (j, s) = (k / self.m, k % self.m);
                self.pair_open[k] = false;
                self.pair_open_t[s * self.n + j] = false;
            }
            Edge::Out(agent) => self.out_open[agent] = false,
        }
    }
}

/// A perfect matching of the doubled graph with its dual certificate: potentials with
/// `cost - row - col >= 0` on every open edge, equal on matched ones.
struct Certified {
    row_pot: Vec<i64>,
    col_pot: Vec<i64>,
    col_of: Vec<usize>,
    row_of: Vec<usize>,
    /// Columns whose potential went down since the last closing, and flags to list them once.
    /// (Rows' potentials only go up, which lowers reduced costs: no edge gets loose that way.)
    moved_cols: Vec<usize>,
    col_moved: Vec<bool>,
}

impl Certified {
    fn reduced(&self, graph: &Graph, row: usize, col: usize) -> i64 {
        graph.cost(row, col) - self.row_pot[row] - self.col_pot[col]
    }

    /// Whether `edge` is tight (both halves of a pair).
    fn is_tight(&self, graph: &Graph, edge: Edge) -> bool {
        let (n, m) = (graph.n, graph.m);
        match edge {
            Edge::Pair(k) => {
                let (j, s) = (k / m, k % m);
                self.reduced(graph, j, s) == 0 && self.reduced(graph, n + s, m + j) == 0
            }
            Edge::Out(agent) if agent < n => self.reduced(graph, agent, m + agent) == 0,
            Edge::Out(agent) => self.reduced(graph, agent, agent - n) == 0,
        }
    }

    /// Whether `edge` is in the matching.
    fn is_matched(&self, graph: &Graph, edge: Edge) -> bool {
        let (n, m) = (graph.n, graph.m);
        match edge {
            Edge::Pair(k) => self.col_of[k / m] == k % m,
            Edge::Out(agent) if agent < n => self.col_of[agent] == m + agent,
            Edge::Out(agent) => self.col_of[agent] == agent - n,
        }
    }

    /// Pairs the slots as their agents are paired (`(n + s, m + j)` for each pair `(j, s)`).
    /// The slots of the paired agents are exactly the slots not on stay-out edges, so this is
    /// a perfect matching again, of the same worth; optimal, its edges are tight.
    fn mirror_slots(&mut self, n: usize, m: usize) {
        for j in 0..n {
            let s = self.col_of[j];
            if s < m {
                self.pair(n + s, m + j);
            }
        }
    }

    fn pair(&mut self, row: usize, col: usize) {
        self.col_of[row] = col;
        self.row_of[col] = row;
    }

    fn move_row(&mut self, row: usize, by: i64) {
        self.row_pot[row] += by;
    }

    fn move_col(&mut self, col: usize, by: i64) {
        self.col_pot[col] += by;
        if !std::mem::replace(&mut self.col_moved[col], true) {
            self.moved_cols.push(col);
        }
    }
}

/// The shortest augmenting path search's buffers, reused across searches.
///
/// Reduced costs are small integers (every open edge is tight when a value starts, and a
/// crossing pair's worth drops by at most 2), so the queue is a list of buckets by distance
/// (Dial's), each a stack.
struct PathSearch {
    dist: Vec<i64>,
    pred: Vec<usize>,
    done: Vec<bool>,
    /// Columns with a finite distance, to reset.
    touched: Vec<usize>,
    /// Columns settled, in order.
    settled: Vec<usize>,
    /// Columns by tentative distance; `buckets[d]` may hold stale entries.
    buckets: Vec<Vec<usize>>,
    /// The lowest bucket that may be non-empty.
    lowest: usize,
    /// The nearest free column offered so far, with its distance.
    nearest_free: Option<(i64, usize)>,
}

impl PathSearch {
    fn new(size: usize) -> Self {
        PathSearch {
            dist: vec![i64::MAX; size],
            pred: vec![NONE; size],
            done: vec![false; size],
            touched: Vec::new(),
            settled: Vec::new(),
            buckets: Vec::new(),
            lowest: 0,
            nearest_free: None,
        }
    }

    fn reset(&mut self) {
        for &c in &self.touched {
            self.dist[c] = i64::MAX;
            self.done[c] = false;
        }
        self.touched.clear();
        self.settled.clear();
        let from = self.lowest.min(self.buckets.len());
        for bucket in &mut self.buckets[from..] {
            bucket.clear();
        }
        self.lowest = 0;
        self.nearest_free = None;
    }

    /// Offers the columns of `row`'s open edges at `base` plus their reduced cost.
    fn relax(&mut self, graph: &Graph, cert: &Certified, row: usize, base: i64) {
        let (u, v) = (cert.row_pot[row], &cert.col_pot);
        graph.row_edges(row, |col, cost| {
            let d = base + cost - u - v[col];
            if !self.done[col] && d < self.dist[col] {
                if self.dist[col] == i64::MAX {
                    self.touched.push(col);
                }
                self.dist[col] = d;
                self.pred[col] = row;
                if cert.row_of[col] == NONE {
                    if self.nearest_free.is_none_or(|(best, _)| d < best) {
                        self.nearest_free = Some((d, col));
                    }
                } else {
                    // Reduced costs are never negative (the certificate is feasible).
                    debug_assert!(d >= 0);
                    let at = usize::try_from(d).unwrap_or(0);
                    if self.buckets.len() <= at {
                        self.buckets.resize_with(at + 1, Vec::new);
                    }
                    self.buckets[at].push(col);
                }
            }
        });
    }

    /// The matched column nearest the root, not yet settled, with its distance.
    fn pop(&mut self) -> Option<(i64, usize)> {
        while let Some(bucket) = self.buckets.get_mut(self.lowest) {
            while let Some(col) = bucket.pop() {
                let d = self.lowest as i64;
                if !self.done[col] && self.dist[col] == d {
                    return Some((d, col));
                }
            }
            self.lowest += 1;
        }
        None
    }
}

/// The state of the leximin search.
struct LeximinSearch<'a> {
    graph: Graph<'a>,
    cert: Certified,
    search: PathSearch,
}

impl<'a> LeximinSearch<'a> {
    fn new(scores: &'a PairScores) -> Result<Self> {
        let (n, m) = (scores.juniors(), scores.seniors());
        let size = n + m;
        let mut pair_open_t = vec![false; m * n];
        for (k, _) in scores.allowed().iter().enumerate().filter(|&(_, &ok)| ok) {
            pair_open_t[(k % m) * n + k / m] = true;
        }
        // Everyone on their own stay-out edge, all potentials 0: a perfect matching, certified
        // while every pair is worth 0 (the value above every utility).
        let col_of: Vec<usize> = (0..n).map(|j| m + j).chain(0..m).collect();
        let row_of: Vec<usize> = (0..m).map(|s| n + s).chain(0..n).collect();
        Ok(LeximinSearch {
            graph: Graph {
                scores,
                n,
                m,
                // Above every utility: nobody gets it.
                worth: vec![0; n * m],
                pair_open: scores.allowed().to_vec(),
                pair_open_t,
                out_open: vec![true; size],
            },
            cert: Certified {
                row_pot: vec![0; size],
                col_pot: vec![0; size],
                col_of,
                row_of,
                moved_cols: Vec::new(),
                col_moved: vec![false; size],
            },
            search: PathSearch::new(size),
        })
    }

    fn run(mut self) -> Result<Vec<(usize, usize)>> {
        let crossings = self.crossings();
        let mut next = 0;
        if let Some(&(first, _)) = crossings.first() {
            self.solve_first(f64::from_bits(first))?;
        }
        while next < crossings.len() {
            // The pairs through which an agent gets exactly this value stop counting it at the
            // next value.
            let value = crossings[next].0;
            let start = next;
            while next < crossings.len() && crossings[next].0 == value {
                next += 1;
            }
            if next == crossings.len() {
                break;
            }
            self.raise_level(&crossings[start..next])?;
        }
        self.best_sum()
    }

    /// Every positive utility of an allowed pair with its cell, increasing (ties by cell).
    /// Utilities are kept as their bits: for numbers that are not negative, the bits' order is
    /// the numbers' order, and integers sort faster.
    fn crossings(&self) -> Vec<(u64, usize)> {
        let scores = self.graph.scores;
        let (a, b) = (scores.junior_gains(), scores.senior_gains());
        let mut crossings: Vec<(u64, usize)> = (0..a.len())
            .filter(|&k| scores.allowed()[k])
            .flat_map(|k| [(a[k], k), (b[k], k)])
            .filter(|&(u, _)| u > 0.0)
            .map(|(u, k)| (u.to_bits(), k))
            .collect();
        crossings.sort_unstable();
        crossings
    }

    /// Maximises the count at the smallest positive value `level` with the engine (on the
    /// `n × m` matrix, staying unmatched allowed), takes its pairing and certificate into the
    /// doubled graph, and closes the edges that are not tight.
    fn solve_first(&mut self, level: f64) -> Result<()> {
        let Self { graph, cert, .. } = self;
        let (n, m) = (graph.n, graph.m);
        let (a, b) = (graph.scores.junior_gains(), graph.scores.senior_gains());
        for k in (0..n * m).filter(|&k| graph.pair_open[k]) {
            graph.worth[k] = i8::from(a[k] >= level) + i8::from(b[k] >= level);
        }
        let data = (0..n * m)
            .map(|k| {
                if graph.pair_open[k] {
                    graph.count(k)
                } else {
                    i64::MIN
                }
            })
            .collect();
        let weights = Matrix::from_vec(n, m, data)?;
        let options = Options::new(Sense::Maximize).with_cardinality(Cardinality::Any);
        let solution = assignment::solve_with(&weights, options)?;
        // The engine maximises with u + w >= worth, u, w >= 0 and unmatched agents at 0; in the
        // doubled graph (minimising minus the worth) that is row and column potentials -u, -w
        // on the agents and 0 on the slots: stay-out edges are tight exactly for potentials 0,
        // slot edges always.
        let potential = |x: i128| {
            i64::try_from(x).map_err(|_| MatrixError::Uncertified {
                why: format!("leximin: a potential of {x} at the first value"),
            })
        };
        for (j, &u) in solution.row_potentials().iter().enumerate() {
            cert.row_pot[j] = -potential(u)?;
        }
        for (s, &w) in solution.col_potentials().iter().enumerate() {
            cert.col_pot[s] = -potential(w)?;
        }
        for &(j, s) in solution.pairs() {
            cert.pair(j, s);
            cert.pair(n + s, m + j);
        }
        // Close what is not tight, everywhere once.
        let loose: Vec<Edge> = (0..n * m)
            .filter(|&k| graph.pair_open[k])
            .map(Edge::Pair)
            .chain((0..n + m).map(Edge::Out))
            .filter(|&edge| !cert.is_tight(graph, edge))
            .collect();
        for edge in loose {
            graph.close(edge);
        }
        Ok(())
    }

    /// Moves from the value of `crossings` to the next one: those pairs lose one count each;
    /// paired ones are unpaired and their agents paired again along shortest augmenting
    /// paths; then the edges no longer tight are closed.
    fn raise_level(&mut self, crossings: &[(u64, usize)]) -> Result<()> {
        let (n, m) = (self.graph.n, self.graph.m);
        let mut free = Vec::new();
        for &(_, k) in crossings {
            let (j, s) = (k / m, k % m);
            if self.graph.pair_open[k] && self.cert.col_of[j] == s {
                // Its worth drops, so it is no longer tight: unpair both sides.
                self.cert.col_of[j] = NONE;
                self.cert.row_of[s] = NONE;
                free.push(j);
            }
        }
        for &(_, k) in crossings {
            self.graph.worth[k] -= 1;
        }
        let augmented = !free.is_empty();
        for row in free {
            self.augment(row)?;
        }
        if augmented {
            self.cert.mirror_slots(n, m);
        }
        // Close the loose edges. Every open edge was tight before this value; since then only
        // the crossing pairs' worth changed, and the searches raised row potentials (which
        // only lowers reduced costs) and lowered column potentials (which raises them): so the
        // loose edges are among the crossing pairs and the edges of the moved columns.
        let (graph, cert) = (&self.graph, &self.cert);
        let mut loose = Vec::new();
        let mut check = |edge: Edge| {
            if !cert.is_tight(graph, edge) {
                loose.push(edge);
            }
        };
        for &(_, k) in crossings {
            if graph.pair_open[k] {
                check(Edge::Pair(k));
            }
        }
        for &col in &cert.moved_cols {
            graph.col_edges(col, |row, _| check(graph.edge(row, col)));
        }
        for edge in loose {
            debug_assert!(!self.cert.is_matched(&self.graph, edge));
            self.graph.close(edge);
        }
        let cert = &mut self.cert;
        for col in cert.moved_cols.drain(..) {
            cert.col_moved[col] = false;
        }
        // The full check reads every edge: small instances only (the property tests').
        debug_assert!(n * m > 400 || self.is_certified());
        Ok(())
    }

    /// Pairs the free row `root` along a shortest augmenting path (Dijkstra on reduced costs)
    /// and moves the potentials so that the certificate stays feasible and the path tight.
    fn augment(&mut self, root: usize) -> Result<()> {
        let Self {
            graph,
            cert,
            search,
        } = self;
        search.reset();
        search.relax(graph, cert, root, 0);
        // Free columns are not queued: the nearest one ends the search once no queued column
        // is nearer (then every column left is at least as far, as the update needs).
        let (end, length) = loop {
            let next = search.pop();
            if let Some((d, col)) = search.nearest_free
                && next.is_none_or(|(at, _)| d <= at)
            {
                break (col, d);
            }
            let Some((d, col)) = next else {
                return Err(MatrixError::Uncertified {
                    why: "leximin: no augmenting path, though a perfect matching exists".into(),
                });
            };
            search.done[col] = true;
            search.settled.push(col);
            search.relax(graph, cert, cert.row_of[col], d);
        };
        // Settled columns get closer by what they were short of the path's length, their
        // partners follow, and the root takes the whole length: matched edges stay tight,
        // none gets negative, the path becomes tight.
        if length > 0 {
            cert.move_row(root, length);
        }
        for &col in &search.settled {
            let by = length - search.dist[col];
            if by > 0 {
                cert.move_col(col, -by);
                cert.move_row(cert.row_of[col], by);
            }
        }
        let mut col = end;
        loop {
            let row = search.pred[col];
            let next = cert.col_of[row];
            cert.pair(row, col);
            if row == root {
                break;
            }
            col = next;
        }
        Ok(())
    }

    /// Whether the matching is perfect on open edges and every open edge is tight, after a
    /// value's closing (debug builds).
    fn is_certified(&self) -> bool {
        let (graph, cert) = (&self.graph, &self.cert);
        (0..graph.n + graph.m).all(|row| {
            let (mut tight, mut on_open_edge) = (true, false);
            graph.row_edges(row, |col, _| {
                tight &= cert.reduced(graph, row, col) == 0;
                on_open_edge |= cert.col_of[row] == col;
            });
            let col = cert.col_of[row];
            tight && on_open_edge && cert.row_of[col] == row
        })
    }

    /// Among the pairings left (all leximin-optimal), one with the largest summed utility: the
    /// perfect matching of the open edges with the largest sum, pairs worth both utilities.
    fn best_sum(&self) -> Result<Vec<(usize, usize)>> {
        let graph = &self.graph;
        let (n, m) = (graph.n, graph.m);
        let (a, b) = (graph.scores.junior_gains(), graph.scores.senior_gains());
        let mut triplets = Vec::new();
        for row in 0..n + m {
            graph.row_edges(row, |col, _| {
                let worth = if row < n && col < m {
                    a[row * m + col] + b[row * m + col]
                } else {
                    0.0
                };
                triplets.push((row, col, worth));
            });
        }
        let size = n + m;
        let weights = assignment::SparseMatrix::from_triplets(size, size, triplets)?;
        let solution = assignment::solve_sparse(&weights, Options::new(Sense::Maximize))?;
        debug_assert_eq!(solution.pairs().len(), size, "a perfect matching exists");
        Ok(solution
            .pairs()
            .iter()
            .copied()
            .filter(|&(row, col)| row < n && col < m)
            .collect())
    }
}
