//! Maximum flow and minimum cut: one implementation, for every part of the crate that needs a
//! cut (the stable strategies' minimum-weight closure, the diagnosis's Hall deficiencies).

use std::collections::VecDeque;

/// A maximum flow's value and the smallest sink side of a minimum cut.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MinCut {
    /// The value of a maximum flow (saturating at `i64::MAX`).
    pub(crate) value: i64,
    /// `sink_side[v]`: node `v` can reach the sink in the residual network of a maximum
    /// (pre)flow. The source never can.
    pub(crate) sink_side: Vec<bool>,
}

/// A flow network, arcs in pairs: arc `e ^ 1` is the reverse of arc `e`.
#[derive(Debug, Clone)]
pub(crate) struct Network {
    arcs: Vec<Vec<usize>>,
    head: Vec<usize>,
    capacity: Vec<i64>,
}

impl Network {
    /// A network of `nodes` nodes and no arcs.
    pub(crate) fn new(nodes: usize) -> Self {
        Network {
            arcs: vec![Vec::new(); nodes],
            head: Vec::new(),
            capacity: Vec::new(),
        }
    }

    /// An arc `from → to` of `capacity` (and its reverse, of capacity 0).
    pub(crate) fn add(&mut self, from: usize, to: usize, capacity: i64) {
        let e = self.head.len();
        self.arcs[from].push(e);
        self.head.push(to);
        self.capacity.push(capacity);
        self.arcs[to].push(e + 1);
        self.head.push(from);
        self.capacity.push(0);
    }

    /// The value of a maximum flow from `source` to `sink`, and the nodes that can still reach
    /// `sink` in the residual network: the sink side of a minimum cut, the smallest one.
    ///
    /// Push–relabel (Goldberg & Tarjan 1988), highest label first (`O(V²√E)`, Cheriyan &
    /// Maheshwari 1989), with exact labels recomputed from the sink at the start and after every
    /// `V` relabels. Only the first phase runs: the cut and the flow's value (the excess that
    /// reached the sink) are known once no node below height `V` holds excess, without
    /// returning that excess to the source. Rotation posets can be long chains, where
    /// augmenting-path methods need a phase per chain length and recursion would overflow the
    /// stack; here each node is pushed along its arcs without either.
    ///
    /// The network is left holding the maximum preflow.
    pub(crate) fn min_cut(&mut self, source: usize, sink: usize) -> MinCut {
        let nodes = self.arcs.len();
        let mut excess = vec![0_i64; nodes];
        for &e in &self.arcs[source] {
            let c = self.capacity[e];
            self.capacity[e] = 0;
            self.capacity[e ^ 1] = self.capacity[e ^ 1].saturating_add(c);
            let w = self.head[e];
            excess[w] = excess[w].saturating_add(c);
        }
        let mut height = self.distances_to(sink, source);
        // `current[v]`: the first arc of `v` that may still be admissible; arcs before it are
        // not until `v` is relabelled.
        let mut current = vec![0; nodes];
        // Nodes with excess below height `nodes`, by height; `top` bounds the highest one.
        let mut active: Vec<Vec<usize>> = vec![Vec::new(); nodes];
        let mut top = self.collect_active(&height, &excess, source, sink, &mut active);
        let mut relabels = 0;
        loop {
            while top > 0 && active[top].is_empty() {
                top -= 1;
            }
            let Some(v) = active[top].pop() else { break };
            // Discharge `v`: push along admissible arcs (one level down), relabel when none is
            // left, until its excess is gone or it is too high to reach the sink.
            while excess[v] > 0 && height[v] < nodes {
                let Some(&e) = self.arcs[v].get(current[v]) else {
                    height[v] = self.arcs[v]
                        .iter()
                        .filter(|&&e| self.capacity[e] > 0)
                        .map(|&e| height[self.head[e]].saturating_add(1))
                        .min()
                        .unwrap_or(nodes)
                        .max(height[v] + 1);
                    current[v] = 0;
                    relabels += 1;
                    continue;
                };
                let w = self.head[e];
                if self.capacity[e] > 0 && height[v] == height[w] + 1 {
                    let push = excess[v].min(self.capacity[e]);
                    self.capacity[e] -= push;
                    self.capacity[e ^ 1] = self.capacity[e ^ 1].saturating_add(push);
                    excess[v] -= push;
                    if excess[w] == 0 && w != sink && w != source {
                        // One below `v`, which relabelling may have lifted above `top`.
                        active[height[w]].push(w);
                        top = top.max(height[w]);
                    }
                    excess[w] = excess[w].saturating_add(push);
                } else {
                    current[v] += 1;
                }
            }
            if excess[v] > 0 && height[v] < nodes {
                active[height[v]].push(v);
                top = top.max(height[v]);
            }
            if relabels >= nodes {
                // Exact labels again: relabelling one node at a time can climb slowly.
                relabels = 0;
                height = self.distances_to(sink, source);
                current.fill(0);
                active.iter_mut().for_each(Vec::clear);
                top = self.collect_active(&height, &excess, source, sink, &mut active);
            }
        }
        let sink_side = self
            .distances_to(sink, source)
            .into_iter()
            .map(|h| h < nodes)
            .collect();
        MinCut {
            value: excess[sink],
            sink_side,
        }
    }

    /// Residual distances to `sink` (breadth first along reversed arcs with room); `V` for the
    /// `source` and for nodes that cannot reach the sink.
    fn distances_to(&self, sink: usize, source: usize) -> Vec<usize> {
        let nodes = self.arcs.len();
        let mut distance = vec![nodes; nodes];
        distance[sink] = 0;
        let mut queue = VecDeque::from([sink]);
        while let Some(v) = queue.pop_front() {
            for &e in &self.arcs[v] {
                // Arc `e ^ 1` runs from `u` into `v`.
                let u = self.head[e];
                if u != source && distance[u] == nodes && self.capacity[e ^ 1] > 0 {
                    distance[u] = distance[v] + 1;
                    queue.push_back(u);
                }
            }
        }
        distance
    }

    /// Files every node with excess below height `V` under its height; returns the highest.
    fn collect_active(
        &self,
        height: &[usize],
        excess: &[i64],
        source: usize,
        sink: usize,
        active: &mut [Vec<usize>],
    ) -> usize {
        let mut top = 0;
        for v in 0..self.arcs.len() {
            if excess[v] > 0 && height[v] < self.arcs.len() && v != source && v != sink {
                active[height[v]].push(v);
                top = top.max(height[v]);
            }
        }
        top
    }
}
