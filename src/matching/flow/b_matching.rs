//! Maximum bipartite b-matching: the most pairs when each person has a number of places and
//! each compatible pair forms at most once. Dinic's algorithm (Dinic 1970) on the network
//! source → left (places) → right (one per pair) → sink (places), the capacitated form of
//! Hopcroft–Karp: each phase is `O(E)` (every path uses up its pair arcs), and there are
//! `O(√E)` phases when every place count is 1 (Even & Tarjan 1975). The diagnosis reads Hall
//! deficiencies off its residual network.
//!
//! Why not the general [`max_flow`](super::max_flow): the witnesses need the smallest cut on
//! each side, which push–relabel's first phase gives only for the sink's side, so it would run
//! twice on a network of every pair arc; this one runs once and hands back which pairs carry
//! flow, from which both witnesses are read. (Tried on one roster each of 1,000, 2,000 and
//! 3,000 a side, the diagnosis took about three times as long through the general one.)

const UNSEEN: u32 = u32::MAX;

/// One side of the network seen from its people: the pair edges of person `v` are
/// `edges[start[v]..start[v + 1]]` (edge ids), edge `e` leads to `end[e]` on the other side.
pub(crate) struct Half<'a> {
    pub(crate) start: &'a [usize],
    pub(crate) edges: &'a [usize],
    pub(crate) end: &'a [usize],
    pub(crate) places: &'a [u32],
}

impl Half<'_> {
    /// How many people this side has.
    pub(crate) fn len(&self) -> usize {
        self.places.len()
    }

    /// `(edge, person on the other side)` for each pair edge of `v`.
    pub(crate) fn arcs(&self, v: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        self.edges[self.start[v]..self.start[v + 1]]
            .iter()
            .map(|&e| (e, self.end[e]))
    }
}

/// Dinic's maximum flow from `left` to `right`; fills `used` (the pairs formed) and each
/// person's flow (their filled places), and returns the flow's value.
///
/// Nodes are numbered left `0..nl`, right `nl..nl + nr`. In the residual network a left node
/// leads to a right one along a pair not formed, a right node back to a left one along a pair
/// formed; the source leads to left nodes with a free place and right nodes with a free place
/// lead to the sink. Each phase labels the nodes by their distance from the source (`level`)
/// up to the first layer that reaches the sink, then sends a blocking flow along paths whose
/// levels rise by one at every step. Every path carries one unit and uses up every pair edge
/// on it, so `arc` (each node's current edge) only moves forward within a phase.
pub(crate) fn max_flow(
    left: &Half<'_>,
    right: &Half<'_>,
    used: &mut [bool],
    left_flow: &mut [u32],
    right_flow: &mut [u32],
) -> u64 {
    let (nl, nr) = (left.len(), right.len());
    let free_left = |a: usize, flow: &[u32]| flow[a] < left.places[a];
    let mut level = vec![UNSEEN; nl + nr];
    let mut arc = vec![0usize; nl + nr];
    let (mut frontier, mut next, mut stack) = (Vec::new(), Vec::new(), Vec::new());
    let mut total = 0u64;
    loop {
        // Breadth-first layers from the left nodes with a free place.
        level.fill(UNSEEN);
        frontier.clear();
        frontier.extend((0..nl).filter(|&a| free_left(a, left_flow)));
        for &a in &frontier {
            level[a] = 0;
        }
        let (mut depth, mut reached) = (0u32, false);
        while !frontier.is_empty() {
            next.clear();
            for &v in &frontier {
                if v < nl {
                    for (e, b) in left.arcs(v) {
                        if !used[e] && level[nl + b] == UNSEEN {
                            level[nl + b] = depth + 1;
                            next.push(nl + b);
                        }
                    }
                } else if right_flow[v - nl] < right.places[v - nl] {
                    reached = true;
                } else {
                    for (e, a) in right.arcs(v - nl) {
                        if used[e] && level[a] == UNSEEN {
                            level[a] = depth + 1;
                            next.push(a);
                        }
                    }
                }
            }
            if reached {
                // The sink is one step beyond this layer: nodes further out are no use.
                for &w in &next {
                    level[w] = UNSEEN;
                }
                break;
            }
            std::mem::swap(&mut frontier, &mut next);
            depth += 1;
        }
        if !reached {
            return total;
        }
        // Blocking flow: depth-first along rising levels, with an explicit stack. A node with
        // no way on is marked UNSEEN (dead) for the rest of the phase.
        arc[..nl].copy_from_slice(&left.start[..nl]);
        arc[nl..].copy_from_slice(&right.start[..nr]);
        for root in 0..nl {
            if level[root] != 0 {
                continue;
            }
            'paths: while free_left(root, left_flow) && level[root] != UNSEEN {
                stack.clear();
                stack.push(root);
                while let Some(&v) = stack.last() {
                    if v >= nl && right_flow[v - nl] < right.places[v - nl] {
                        // Augment: flip every pair edge on the path and move past it.
                        for &u in &stack[..stack.len() - 1] {
                            if u < nl {
                                used[left.edges[arc[u]]] = true;
                            } else {
                                used[right.edges[arc[u]]] = false;
                            }
                            arc[u] += 1;
                        }
                        left_flow[root] += 1;
                        right_flow[v - nl] += 1;
                        total += 1;
                        continue 'paths;
                    }
                    let (half, base, want_used, end) = if v < nl {
                        (left, nl, false, left.start[v + 1])
                    } else {
                        (right, 0, true, right.start[v - nl + 1])
                    };
                    let mut step = None;
                    while arc[v] < end {
                        let e = half.edges[arc[v]];
                        let w = base + half.end[e];
                        if used[e] == want_used && level[w] == level[v] + 1 {
                            step = Some(w);
                            break;
                        }
                        arc[v] += 1;
                    }
                    match step {
                        Some(w) => stack.push(w),
                        None => {
                            level[v] = UNSEEN;
                            stack.pop();
                        }
                    }
                }
                // The root itself is dead: no more paths from it this phase.
                break;
            }
        }
    }
}
