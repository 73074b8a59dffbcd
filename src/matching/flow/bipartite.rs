//! Maximum-cardinality bipartite matching (Hopcroft & Karp 1973), for the feasibility tests of
//! the strategies that search thresholds.
use crate::support::prefetch::prefetch_line;

/// A bipartite graph with `left` and `right` vertices as compressed adjacency rows: the
/// neighbours of left vertex `i` are `targets[start[i]..start[i + 1]]`, as `usize` or (the
/// candidate graphs, read as they are stored) `u32`.
pub(crate) struct Graph<'a, T = usize> {
    pub(crate) right: usize,
    pub(crate) start: &'a [usize],
    pub(crate) targets: &'a [T],
}

/// A right vertex as an adjacency list stores it.
pub(crate) trait Target: Copy {
    /// Its index.
    fn at(self) -> usize;
}

impl Target for usize {
    #[inline]
    fn at(self) -> usize {
        self
    }
}

impl Target for u32 {
    #[inline]
    fn at(self) -> usize {
        self as usize
    }
}

const NONE: usize = usize::MAX;

/// The size of a maximum matching of `graph`.
///
/// Hopcroft–Karp: breadth-first layers from the free left vertices, then vertex-disjoint
/// shortest augmenting paths along the layers, `O(E √V)` time, `O(V)` memory. The depth-first
/// phase uses an explicit stack, so deep paths cannot overflow the call stack.
pub(crate) fn maximum_matching_size<T: Target>(graph: &Graph<'_, T>) -> usize {
    maximum_matching(graph).0
}

/// A maximum matching of `graph`: its size, and the partner of every left vertex and every
/// right vertex (`usize::MAX` for none). See [`maximum_matching_size`].
pub(crate) fn maximum_matching<T: Target>(graph: &Graph<'_, T>) -> (usize, Vec<usize>, Vec<usize>) {
    let left = graph.start.len().saturating_sub(1);
    let mut mate_left = vec![NONE; left];
    let mut mate_right = vec![NONE; graph.right];
    let size = grow_matching(graph, &mut mate_left, &mut mate_right);
    (size, mate_left, mate_right)
}

/// Grows the matching given by `mate_left` and `mate_right` (partners, `usize::MAX` for none)
/// into a maximum matching of `graph`, keeping every vertex it covers covered, and returns
/// its size. See [`maximum_matching_size`].
pub(crate) fn grow_matching<T: Target>(
    graph: &Graph<'_, T>,
    mate_left: &mut [usize],
    mate_right: &mut [usize],
) -> usize {
    let mut closed = vec![false; graph.start.len().saturating_sub(1)];
    grow_matching_around(graph, mate_left, mate_right, &mut closed)
}

/// [`grow_matching`], passing over the left vertices flagged in `closed` (one flag per left
/// vertex) and flagging more.
///
/// A left vertex is *closed* when no alternating path from it reaches a free right vertex.
/// It then lies on no augmenting path, and stays so as the matching grows: a path that met
/// it would go on from it to a free right vertex. So a search can pass over it, and the
/// last phase, which finds no augmenting path, closes every left vertex it reached. What
/// makes a closed vertex open again is a new edge at it or at a left vertex its paths reach:
/// a caller that grows the graph and the matching again keeps the flags only while the new
/// edges start at free left vertices (no path reaches those), which it must open.
///
/// The sparse matcher's widening rounds for the people a matching leaves out are such calls:
/// each adds edges between people left out, and without the flags each round's phases walked
/// again the paths the last round had found closed (seed 1 of a 200,000 + 200,000 roster,
/// when those rounds came first: 70,000 to 110,000 left vertices a phase). Its rounds for
/// everyone a maximum matching could leave out add edges at matched people, and open every
/// flag.
pub(crate) fn grow_matching_around<T: Target>(
    graph: &Graph<'_, T>,
    mate_left: &mut [usize],
    mate_right: &mut [usize],
    closed: &mut [bool],
) -> usize {
    let left = graph.start.len().saturating_sub(1);
    if left.max(graph.right) < u32::LIMIT {
        grow_with::<u32, T>(graph, mate_left, mate_right, closed)
    } else {
        grow_with::<usize, T>(graph, mate_left, mate_right, closed)
    }
}

/// [`grow_matching_around`] with vertices stored as `V`.
fn grow_with<V: Vertex, T: Target>(
    graph: &Graph<'_, T>,
    mate_left: &mut [usize],
    mate_right: &mut [usize],
    closed: &mut [bool],
) -> usize {
    Phases::<V>::new(mate_left, mate_right, closed).run(graph, mate_left, mate_right, closed)
}

/// A vertex index as the phases store it: `u32` where the graph allows (the phases' reads
/// land anywhere in the per-vertex lists, and half the bytes is half the memory they touch),
/// else `usize`. The largest values are marks.
trait Vertex: Copy + Eq {
    /// No mate.
    const FREE: Self;
    /// A layer not reached in this phase.
    const UNSEEN: Self;
    /// The layer of a closed left vertex's mate: never reached.
    const SHUT: Self;
    /// Graphs with fewer vertices than this on each side can use the type.
    const LIMIT: usize;
    fn of(i: usize) -> Self;
    fn at(self) -> usize;
}

impl Vertex for u32 {
    const FREE: u32 = u32::MAX;
    const UNSEEN: u32 = u32::MAX;
    const SHUT: u32 = u32::MAX - 1;
    const LIMIT: usize = (u32::MAX - 2) as usize;
    #[inline]
    fn of(i: usize) -> u32 {
        i as u32
    }
    #[inline]
    fn at(self) -> usize {
        self as usize
    }
}

impl Vertex for usize {
    const FREE: usize = usize::MAX;
    const UNSEEN: usize = usize::MAX;
    const SHUT: usize = usize::MAX - 1;
    const LIMIT: usize = usize::MAX - 2;
    #[inline]
    fn of(i: usize) -> usize {
        i
    }
    #[inline]
    fn at(self) -> usize {
        self
    }
}

/// A right vertex in the phases: its mate, and its mate's layer beside it. A step along an
/// edge then reads one place, where it read the mate and then, somewhere else, the mate's
/// layer (the layers reach a matched left vertex only through its mate). On the first
/// maximum matching of 200,000 + 200,000 candidate graphs this cut the phases from
/// 1.45–1.66 s to 1.22–1.29 s (seed 1).
#[derive(Clone, Copy)]
struct Right<V> {
    mate: V,
    layer: V,
}

/// The state of the phases: each left vertex's mate and each right vertex's [`Right`].
struct Phases<V> {
    mate_left: Vec<V>,
    right: Vec<Right<V>>,
}

impl<V: Vertex> Phases<V> {
    /// The state of the matching `mate_left`, `mate_right` (`usize::MAX` for none), with the
    /// mates of `closed` left vertices shut: a closed vertex keeps its mate while the
    /// matching grows, as no augmenting path meets it.
    fn new(mate_left: &[usize], mate_right: &[usize], closed: &[bool]) -> Self {
        let of = |m: usize| if m == NONE { V::FREE } else { V::of(m) };
        Phases {
            mate_left: mate_left.iter().map(|&m| of(m)).collect(),
            right: mate_right
                .iter()
                .map(|&m| Right {
                    mate: of(m),
                    layer: if m != NONE && closed[m] {
                        V::SHUT
                    } else {
                        V::UNSEEN
                    },
                })
                .collect(),
        }
    }

    /// Grows the matching to a maximum one of `graph` (see [`grow_matching_around`]), writes
    /// it to `mate_left` and `mate_right`, and returns its size.
    fn run<T: Target>(
        mut self,
        graph: &Graph<'_, T>,
        mate_left: &mut [usize],
        mate_right: &mut [usize],
        closed: &mut [bool],
    ) -> usize {
        let Phases {
            mate_left: mate,
            right,
        } = &mut self;
        let left = mate.len();
        let range = |i: usize| graph.start[i]..graph.start[i + 1];
        // A free left vertex with a free neighbour takes it first: a cheap pass that leaves the
        // phases only the pairs that need paths (from nothing, most pairs).
        for i in 0..left {
            if mate[i] == V::FREE
                && !closed[i]
                && let Some(r) = graph.targets[range(i)]
                    .iter()
                    .map(|&r| r.at())
                    .find(|&r| right[r].mate == V::FREE)
            {
                mate[i] = V::of(r);
                right[r].mate = V::of(i);
            }
        }
        let mut size = mate.iter().filter(|&&m| m != V::FREE).count();
        // The layers' queue, each vertex with its layer; the paths' stack, each vertex with
        // its layer and the right vertex it was reached through (none for the root).
        let mut queue: Vec<(V, usize)> = Vec::with_capacity(left);
        let mut stack: Vec<(usize, usize, usize)> = Vec::new();
        let mut next_edge = vec![0usize; left];
        loop {
            // Layers: distance from a free left vertex along alternating paths.
            queue.clear();
            queue.extend(
                (0..left)
                    .filter(|&i| mate[i] == V::FREE && !closed[i])
                    .map(|i| (V::of(i), 0)),
            );
            for r in right.iter_mut().filter(|r| r.layer != V::SHUT) {
                r.layer = V::UNSEEN;
            }
            // The layers stop at the first with a free right neighbour: the shortest
            // augmenting paths end there, and the phase looks for no others. Growing a
            // matching that is nearly maximum (the sparse matcher's widening rounds), the new
            // edges are mostly paths of length one, and going on would walk the whole graph
            // each phase.
            let mut shortest = usize::MAX;
            let mut head = 0;
            while head < queue.len() {
                let (i, layer) = queue[head];
                head += 1;
                if layer >= shortest {
                    break; // the queue holds layers in order: the rest are as deep or deeper
                }
                fetch_ahead(graph, right, &queue[head..]);
                for &r in &graph.targets[range(i.at())] {
                    let at = &mut right[r.at()];
                    if at.mate == V::FREE {
                        shortest = layer;
                    } else if at.layer == V::UNSEEN {
                        at.layer = V::of(layer + 1);
                        queue.push((at.mate, layer + 1));
                    }
                }
            }
            if shortest == usize::MAX {
                // No augmenting path: the layers reached every vertex alternating paths from
                // the free ones reach, and none of those reaches a free right vertex.
                for &(i, _) in &queue {
                    closed[i.at()] = true;
                }
                break;
            }
            // Augment along vertex-disjoint shortest paths, each left vertex's edges tried once.
            next_edge.copy_from_slice(&graph.start[..left]);
            for root in 0..left {
                if mate[root] != V::FREE || closed[root] {
                    continue;
                }
                stack.clear();
                stack.push((root, 0, NONE));
                while let Some(&(i, layer, through)) = stack.last() {
                    // The next edge to a free right vertex or one layer deeper, in a loop of
                    // its own: most edges lead to neither, and passing over them then costs
                    // one read and one test each, where each went round the stack. The same
                    // edges are taken. On the first maximum matching of 200,000 + 200,000
                    // candidate graphs (seed 1, three runs of each build alternating) the
                    // paths' searches took 0.56–0.94 s against 0.84–1.14 s.
                    let (end, deeper) = (graph.start[i + 1], V::of(layer + 1));
                    let mut e = next_edge[i];
                    let mut step = None;
                    while e < end {
                        let r = graph.targets[e].at();
                        e += 1;
                        let at = right[r];
                        if at.mate == V::FREE || at.layer == deeper {
                            step = Some((r, at));
                            break;
                        }
                    }
                    next_edge[i] = e;
                    let Some((r, at)) = step else {
                        // Dead end: no shortest path through i in this phase.
                        if through != NONE {
                            right[through].layer = V::UNSEEN;
                        }
                        stack.pop();
                        continue;
                    };
                    if at.mate == V::FREE {
                        // Flip the path root → … → i → r: each left vertex on the stack takes
                        // the right vertex its edge pointer has just passed, and its layer
                        // moves there with it.
                        for &(p, layer, _) in stack.iter().rev() {
                            let took = graph.targets[next_edge[p] - 1].at();
                            mate[p] = V::of(took);
                            right[took] = Right {
                                mate: V::of(p),
                                layer: V::of(layer),
                            };
                        }
                        size += 1;
                        break;
                    } else {
                        stack.push((at.mate.at(), layer + 1, r));
                    }
                }
            }
        }
        let back = |m: V| if m == V::FREE { NONE } else { m.at() };
        for (out, &m) in mate_left.iter_mut().zip(mate.iter()) {
            *out = back(m);
        }
        for (out, r) in mate_right.iter_mut().zip(right.iter()) {
            *out = back(r.mate);
        }
        size
    }
}

/// Starts fetching what the next left vertices of the layers' queue (`ahead`, the next
/// first) will read, one step of the way per vertex: the ninth's bounds, the fifth's edges,
/// the second's right vertices (its edges asked for three vertices ago). The queue is known
/// ahead, and without this each vertex waited on memory for its edges and then for each right
/// vertex. The layers, and so the matching, are the same. On the first maximum matching of
/// 200,000 + 200,000 candidate graphs, seeds 1–3 twice each, the phases took 0.73 / 0.93 /
/// 1.71 s against 1.09 / 1.37 / 1.52 s (min / median / max; BENCHMARKS.md).
#[inline]
fn fetch_ahead<V: Vertex, T: Target>(
    graph: &Graph<'_, T>,
    right: &[Right<V>],
    ahead: &[(V, usize)],
) {
    if let Some(&(far, _)) = ahead.get(8) {
        prefetch_line(graph.start, far.at());
        prefetch_line(graph.start, far.at() + 1);
    }
    if let Some(&(mid, _)) = ahead.get(4) {
        let (s, e) = (graph.start[mid.at()], graph.start[mid.at() + 1]);
        // One target a 64-byte line.
        for k in (s..e).step_by((64 / std::mem::size_of::<T>()).max(1)) {
            prefetch_line(graph.targets, k);
        }
    }
    if let Some(&(near, _)) = ahead.get(1) {
        for &r in &graph.targets[graph.start[near.at()]..graph.start[near.at() + 1]] {
            prefetch_line(right, r.at());
        }
    }
}

/// The vertices that some maximum matching of `graph` leaves out, given one maximum matching
/// (`mate_left`, `mate_right`): those joined by an alternating path to a vertex it leaves out
/// on the same side, the even vertices of Dulmage and Mendelsohn's decomposition (every
/// maximum matching covers the others). Flags of the left and of the right vertices. A new
/// edge lets a maximum matching grow only if it joins two such vertices. `O(E + V)`.
pub(crate) fn left_out_by_some_maximum_matching<T: Target>(
    graph: &Graph<'_, T>,
    mate_left: &[usize],
    mate_right: &[usize],
) -> (Vec<bool>, Vec<bool>) {
    let left = graph.start.len().saturating_sub(1);
    // The right vertices' lists of left vertices: the graph transposed.
    let mut right_start = vec![0usize; graph.right + 1];
    for &r in graph.targets {
        right_start[r.at() + 1] += 1;
    }
    for r in 0..graph.right {
        right_start[r + 1] += right_start[r];
    }
    let mut fill = right_start.clone();
    let mut lefts = vec![0usize; graph.targets.len()];
    for i in 0..left {
        for &r in &graph.targets[graph.start[i]..graph.start[i + 1]] {
            lefts[fill[r.at()]] = i;
            fill[r.at()] += 1;
        }
    }
    (
        even(mate_left, mate_right, graph.start, graph.targets),
        even(mate_right, mate_left, &right_start, &lefts),
    )
}

/// The vertices of one side reached from its unmatched ones by alternating paths: along any
/// edge to the other side, then back along the matching. `start`/`list`: each vertex's
/// neighbours on the other side.
fn even<T: Target>(own: &[usize], other: &[usize], start: &[usize], list: &[T]) -> Vec<bool> {
    let mut reached: Vec<bool> = own.iter().map(|&m| m == NONE).collect();
    let mut stack: Vec<usize> = (0..own.len()).filter(|&p| reached[p]).collect();
    while let Some(p) = stack.pop() {
        for &q in &list[start[p]..start[p + 1]] {
            let next = other[q.at()];
            if next != NONE && !reached[next] {
                reached[next] = true;
                stack.push(next);
            }
        }
    }
    reached
}

#[cfg(test)]
mod tests {
    use super::*;

    fn graph(
        left: usize,
        right: usize,
        edges: &[(usize, usize)],
    ) -> (Vec<usize>, Vec<usize>, usize) {
        let mut start = vec![0; left + 1];
        let mut targets = Vec::new();
        for i in 0..left {
            targets.extend(edges.iter().filter(|e| e.0 == i).map(|e| e.1));
            start[i + 1] = targets.len();
        }
        (start, targets, right)
    }

    /// The size of a maximum matching, after checking that the partners returned are a
    /// matching of that size along edges of the graph.
    fn size(left: usize, right: usize, edges: &[(usize, usize)]) -> usize {
        let (start, targets, right) = graph(left, right, edges);
        let (size, mate_left, mate_right) = maximum_matching(&Graph {
            right,
            start: &start,
            targets: &targets,
        });
        let pairs: Vec<(usize, usize)> = (0..left)
            .filter(|&i| mate_left[i] != NONE)
            .map(|i| (i, mate_left[i]))
            .collect();
        assert_eq!(pairs.len(), size);
        for &(i, r) in &pairs {
            assert!(edges.contains(&(i, r)), "({i}, {r}) is not an edge");
            assert_eq!(mate_right[r], i);
        }
        assert_eq!(mate_right.iter().filter(|&&m| m != NONE).count(), size);
        size
    }

    fn brute(left: usize, right: usize, edges: &[(usize, usize)]) -> usize {
        fn go(i: usize, left: usize, used: &mut Vec<bool>, edges: &[(usize, usize)]) -> usize {
            if i == left {
                return 0;
            }
            let mut best = go(i + 1, left, used, edges);
            for &(a, b) in edges {
                if a == i && !used[b] {
                    used[b] = true;
                    best = best.max(1 + go(i + 1, left, used, edges));
                    used[b] = false;
                }
            }
            best
        }
        go(0, left, &mut vec![false; right], edges)
    }

    #[test]
    fn small_cases() {
        assert_eq!(size(0, 3, &[]), 0);
        assert_eq!(size(3, 0, &[]), 0);
        // A path that needs an augmenting flip: 0-0, 0-1, 1-0.
        assert_eq!(size(2, 2, &[(0, 0), (0, 1), (1, 0)]), 2);
        // Two left vertices that only like the same right vertex.
        assert_eq!(size(2, 3, &[(0, 1), (1, 1)]), 1);
    }

    /// A fixed pseudo-random sequence (xorshift) for the randomised tests.
    fn sequence(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    /// A random graph of at most 6 × 6 vertices and a random density: `(left, right, edges)`.
    fn random_graph(next: &mut impl FnMut() -> u64) -> (usize, usize, Vec<(usize, usize)>) {
        let left = (next() % 7) as usize;
        let right = (next() % 7) as usize;
        let p = next() % 100;
        let mut edges = Vec::new();
        for a in 0..left {
            for b in 0..right {
                if next() % 100 < p {
                    edges.push((a, b));
                }
            }
        }
        (left, right, edges)
    }

    #[test]
    fn agrees_with_brute_force() {
        let mut next = sequence(12345);
        for _ in 0..2000 {
            let (left, right, edges) = random_graph(&mut next);
            assert_eq!(
                size(left, right, &edges),
                brute(left, right, &edges),
                "{edges:?}"
            );
        }
    }

    /// Growing a greedy matching reaches the maximum and keeps every left vertex it covered.
    #[test]
    fn grow_keeps_the_covered_and_reaches_the_maximum() {
        let mut next = sequence(777);
        for _ in 0..2000 {
            let (left, right, edges) = random_graph(&mut next);
            let (start, targets, right) = graph(left, right, &edges);
            let (mut mate_left, mut mate_right) = (vec![NONE; left], vec![NONE; right]);
            // A greedy start, skipping some vertices so that growth has work to do.
            for &(a, b) in &edges {
                if mate_left[a] == NONE && mate_right[b] == NONE && !next().is_multiple_of(3) {
                    mate_left[a] = b;
                    mate_right[b] = a;
                }
            }
            let before = mate_left.clone();
            let g = Graph {
                right,
                start: &start,
                targets: &targets,
            };
            let size = grow_matching(&g, &mut mate_left, &mut mate_right);
            assert_eq!(size, brute(left, right, &edges), "{edges:?}");
            for a in 0..left {
                assert!(
                    before[a] == NONE || mate_left[a] != NONE,
                    "{a} lost its partner"
                );
                if mate_left[a] != NONE {
                    assert!(edges.contains(&(a, mate_left[a])));
                    assert_eq!(mate_right[mate_left[a]], a);
                }
            }
        }
    }

    /// The phases give the same matching and flags with vertices stored as `u32` (every graph
    /// that fits) and as `usize` (larger ones), from the same start.
    #[test]
    fn narrow_and_wide_vertices_grow_the_same_matching() {
        let mut next = sequence(99);
        for _ in 0..1000 {
            let (left, right) = (1 + (next() % 40) as usize, 1 + (next() % 40) as usize);
            let p = 2 + next() % 20;
            let edges: Vec<(usize, usize)> = (0..left)
                .flat_map(|a| (0..right).map(move |b| (a, b)))
                .filter(|_| next() % 100 < p)
                .collect();
            let (start, targets, right) = graph(left, right, &edges);
            let g = Graph {
                right,
                start: &start,
                targets: &targets,
            };
            let (mut mate_left, mut mate_right) = (vec![NONE; left], vec![NONE; right]);
            for &(a, b) in &edges {
                if mate_left[a] == NONE && mate_right[b] == NONE && next().is_multiple_of(4) {
                    mate_left[a] = b;
                    mate_right[b] = a;
                }
            }
            let closed = vec![false; left];
            let mut narrow = (mate_left.clone(), mate_right.clone(), closed.clone());
            let mut wide = (mate_left, mate_right, closed);
            let a = grow_with::<u32, usize>(&g, &mut narrow.0, &mut narrow.1, &mut narrow.2);
            let b = grow_with::<usize, usize>(&g, &mut wide.0, &mut wide.1, &mut wide.2);
            assert_eq!(a, b);
            assert_eq!(narrow, wide, "{edges:?}");
        }
    }

    /// Growing round after round with the closed flags kept, where each round adds edges at
    /// the free left vertices only (which are opened, as the sparse matcher does), reaches
    /// the maximum of every round's graph, as brute force finds it.
    #[test]
    fn closed_flags_kept_across_rounds_still_reach_the_maximum() {
        let mut next = sequence(4242);
        for case in 0..1000 {
            // Small graphs, and larger ones (up to 30 × 30, sparse) where paths grow long.
            let (left, right, mut edges) = if case % 2 == 0 {
                random_graph(&mut next)
            } else {
                let (left, right) = (1 + (next() % 30) as usize, 1 + (next() % 30) as usize);
                let mut edges = Vec::new();
                for a in 0..left {
                    for b in 0..right {
                        if next() % 100 < 8 {
                            edges.push((a, b));
                        }
                    }
                }
                (left, right, edges)
            };
            let (mut mate_left, mut mate_right) = (vec![NONE; left], vec![NONE; right]);
            let mut closed = vec![false; left];
            for _round in 0..3 {
                for (c, &m) in closed.iter_mut().zip(&mate_left) {
                    if m == NONE {
                        *c = false;
                    }
                }
                let (start, targets, right) = graph(left, right, &edges);
                let g = Graph {
                    right,
                    start: &start,
                    targets: &targets,
                };
                let size = grow_matching_around(&g, &mut mate_left, &mut mate_right, &mut closed);
                assert_eq!(size, maximum_matching_size(&g), "{edges:?}");
                if left <= 6 && right <= 6 {
                    assert_eq!(size, brute(left, right, &edges), "{edges:?}");
                }
                // Every closed vertex really reaches no free right vertex: the flags a
                // round leaves are what the next one trusts.
                let free_right: Vec<bool> = mate_right.iter().map(|&m| m == NONE).collect();
                for a in (0..left).filter(|&a| closed[a]) {
                    let (mut seen, mut stack) = (vec![false; left], vec![a]);
                    seen[a] = true;
                    while let Some(x) = stack.pop() {
                        for &(_, b) in edges.iter().filter(|e| e.0 == x) {
                            assert!(!free_right[b], "closed {a} reaches free {b}: {edges:?}");
                            let y = mate_right[b];
                            if !seen[y] {
                                seen[y] = true;
                                stack.push(y);
                            }
                        }
                    }
                }
                // New edges at free left vertices, to any right vertex.
                for a in (0..left).filter(|&a| mate_left[a] == NONE) {
                    for b in 0..right {
                        if !edges.contains(&(a, b)) && next().is_multiple_of(3) {
                            edges.push((a, b));
                        }
                    }
                }
            }
        }
    }

    /// The vertices some maximum matching leaves out, against every maximum matching by
    /// brute force.
    #[test]
    fn left_out_by_some_maximum_matching_agrees_with_brute_force() {
        fn all_maximum(
            i: usize,
            left: usize,
            used: &mut Vec<bool>,
            mates: &mut Vec<usize>,
            edges: &[(usize, usize)],
            out: &mut Vec<Vec<usize>>,
        ) {
            if i == left {
                out.push(mates.clone());
                return;
            }
            all_maximum(i + 1, left, used, mates, edges, out);
            for &(a, b) in edges {
                if a == i && !used[b] {
                    used[b] = true;
                    mates[i] = b;
                    all_maximum(i + 1, left, used, mates, edges, out);
                    mates[i] = NONE;
                    used[b] = false;
                }
            }
        }
        let mut next = sequence(4242);
        for _ in 0..1000 {
            let (left, right, edges) = random_graph(&mut next);
            let (start, targets, right) = graph(left, right, &edges);
            let g = Graph {
                right,
                start: &start,
                targets: &targets,
            };
            let (size, mate_left, mate_right) = maximum_matching(&g);
            let found = left_out_by_some_maximum_matching(&g, &mate_left, &mate_right);
            let mut matchings = Vec::new();
            let mut used = vec![false; right];
            let mut mates = vec![NONE; left];
            all_maximum(0, left, &mut used, &mut mates, &edges, &mut matchings);
            let mut expected = (vec![false; left], vec![false; right]);
            for m in matchings
                .iter()
                .filter(|m| m.iter().filter(|&&b| b != NONE).count() == size)
            {
                let mut covered = vec![false; right];
                for a in 0..left {
                    if m[a] == NONE {
                        expected.0[a] = true;
                    } else {
                        covered[m[a]] = true;
                    }
                }
                for (out, covered) in expected.1.iter_mut().zip(covered) {
                    *out |= !covered;
                }
            }
            assert_eq!(found, expected, "{edges:?}");
        }
    }
}
