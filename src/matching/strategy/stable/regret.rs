//! Bounds on the regret (the largest rank of a partner) of the stable matchings that a set of
//! rotations allows, for the minimum-regret stable matching.

use super::closure::Fixed;
use super::costs::Costs;
use super::lattice::Lattice;

/// What "regret at most `t`" asks of the rotations.
#[derive(Debug, Clone)]
pub(super) struct RegretBounds {
    /// The regret of the junior-optimal matching: an upper bound that it meets.
    pub(super) start: usize,
    /// The largest rank any junior gives its junior-optimal partner.
    start_juniors: usize,
    /// The rank each senior gives her junior-optimal partner (`None` if unmatched, then in
    /// every stable matching).
    senior_start: Vec<Option<usize>>,
    /// Each rotation that moves a senior, in order, as `(rank of the junior it brings,
    /// rotation)`; ranks never rise along each list (they may stay when two clones of one
    /// junior follow each other, and stay 0 for the agents of a pair's gadget).
    senior_moves: Vec<Vec<(usize, usize)>>,
    /// For each rotation, the largest rank a junior gives the senior it moves to.
    moved_to: Vec<usize>,
    /// Predecessors of each rotation, as `predecessors[first[ρ]..first[ρ + 1]]`.
    first: Vec<usize>,
    predecessors: Vec<usize>,
}

impl RegretBounds {
    /// The bounds of `lattice`'s stable matchings, ranks as `costs` counts them.
    pub(super) fn new(lattice: &Lattice, costs: Costs<'_>) -> Self {
        let start_juniors = lattice
            .start
            .iter()
            .enumerate()
            .map(|(j, s)| s.map_or(0, |s| costs.junior(j, s)))
            .max()
            .unwrap_or(0);
        // Each senior's partner's rank from the junior-optimal matching on, rotation by
        // rotation in the order found (ranks never rise along it).
        let mut senior_moves: Vec<Vec<(usize, usize)>> =
            vec![Vec::new(); lattice.senior_history.len()];
        let mut senior_start: Vec<Option<usize>> = vec![None; lattice.senior_history.len()];
        for (j, s) in lattice.start.iter().enumerate() {
            if let Some(s) = *s {
                senior_start[s] = Some(costs.senior(j, s));
            }
        }
        for (id, rotation) in lattice.rotations.iter().enumerate() {
            for (x, _, to) in rotation.moves() {
                senior_moves[to].push((costs.senior(x, to), id));
            }
        }
        let start_seniors = senior_start
            .iter()
            .map(|r| r.unwrap_or(0))
            .max()
            .unwrap_or(0);
        let moved_to = lattice
            .rotations
            .iter()
            .map(|rotation| {
                rotation
                    .moves()
                    .map(|(x, _, to)| costs.junior(x, to))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        // `edges` is sorted by predecessor; count, then place, by successor.
        let count = lattice.rotations.len();
        let mut first = vec![0; count + 1];
        for &(_, succ) in &lattice.edges {
            first[succ + 1] += 1;
        }
        for i in 0..count {
            first[i + 1] += first[i];
        }
        let mut fill = first.clone();
        let mut predecessors = vec![0; lattice.edges.len()];
        for &(pred, succ) in &lattice.edges {
            predecessors[fill[succ]] = pred;
            fill[succ] += 1;
        }
        RegretBounds {
            start: start_juniors.max(start_seniors),
            start_juniors,
            senior_start,
            senior_moves,
            moved_to,
            first,
            predecessors,
        }
    }

    /// The rotations forced in and out for regret at most `t`, or `None` when no stable matching
    /// has regret at most `t`.
    pub(super) fn fixed(&self, lattice: &Lattice, t: usize) -> Option<Vec<Fixed>> {
        // Juniors only get worse along the rotations.
        if self.start_juniors > t {
            return None;
        }
        let count = lattice.rotations.len();
        let mut fixed: Vec<Fixed> = self
            .moved_to
            .iter()
            .map(|&r| if r > t { Fixed::Out } else { Fixed::Free })
            .collect();
        // Each senior above `t` needs the first rotation that brings her within `t`, and all of
        // its predecessors: a depth-first search over the predecessor lists.
        let mut stack = Vec::new();
        for (start, moves) in self.senior_start.iter().zip(&self.senior_moves) {
            if start.is_some_and(|r| r > t) {
                let (_, id) = moves.iter().find(|&&(r, _)| r <= t)?;
                stack.push(*id);
            }
        }
        let mut seen = vec![false; count];
        while let Some(id) = stack.pop() {
            if seen[id] {
                continue;
            }
            seen[id] = true;
            if fixed[id] == Fixed::Out {
                return None;
            }
            fixed[id] = Fixed::In;
            stack.extend(&self.predecessors[self.first[id]..self.first[id + 1]]);
        }
        Some(fixed)
    }
}
