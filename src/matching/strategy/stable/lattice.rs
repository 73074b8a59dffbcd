//! The rotations of a stable marriage instance and their poset (Irving & Leather 1986;
//! Gusfield 1987): every stable matching is the junior-optimal one with a closed set of
//! rotations eliminated.

use super::costs::Costs;
use super::deferred_acceptance::{Proposers, deferred_acceptance};
use crate::matching::strategy::preferences::Preferences;

/// A rotation: junior `juniors[i]` leaves `seniors[i]` for `seniors[(i + 1) % r]`.
#[derive(Debug, Clone)]
pub(super) struct Rotation {
    pub(super) juniors: Vec<usize>,
    pub(super) seniors: Vec<usize>,
}

impl Rotation {
    /// `(junior, senior left, senior taken)` for each junior of the rotation.
    pub(super) fn moves(&self) -> impl Iterator<Item = (usize, usize, usize)> + '_ {
        let r = self.seniors.len();
        self.juniors
            .iter()
            .enumerate()
            .map(move |(i, &j)| (j, self.seniors[i], self.seniors[(i + 1) % r]))
    }
}

/// All stable matchings of an instance, as the junior-optimal matching and the rotation poset.
#[derive(Debug, Clone)]
pub(super) struct Lattice {
    /// The junior-optimal stable matching: the senior of each junior.
    pub(super) start: Vec<Option<usize>>,
    /// Every rotation, in the order found: an order in which they can all be eliminated, so a
    /// linear extension of the poset.
    pub(super) rotations: Vec<Rotation>,
    /// Precedence edges `(π, ρ)`, `π` before `ρ`, sorted without repeats; their transitive
    /// closure is the poset.
    pub(super) edges: Vec<(usize, usize)>,
    /// How each senior's partner improves along the rotations.
    pub(super) senior_history: Vec<History>,
}

/// How one senior's partner improves from the junior-optimal to the senior-optimal matching.
#[derive(Debug, Clone)]
pub(super) struct History {
    /// The rank she gives her junior-optimal partner; `None` if unmatched (then in every stable
    /// matching).
    pub(super) start: Option<usize>,
    /// Each rotation that moves her, in order, as `(rank of the junior it brings, rotation)`.
    /// Ranks strictly decrease along the list.
    pub(super) moves: Vec<(usize, usize)>,
}

impl Lattice {
    /// Finds every rotation from the junior-optimal to the senior-optimal stable matching and
    /// their precedence edges (Gusfield & Irving 1989, ch. 3).
    pub(super) fn new(prefs: &Preferences) -> Lattice {
        let (n, m) = (prefs.juniors(), prefs.seniors());
        // Ranks of acceptable pairs; the scans below only meet acceptable pairs.
        let junior_rank = |j, s| prefs.junior_rank(j, s).unwrap_or(usize::MAX);
        let senior_rank = |j, s| prefs.senior_rank(j, s).unwrap_or(usize::MAX);
        let start = deferred_acceptance(prefs, Proposers::Juniors);
        let last = deferred_acceptance(prefs, Proposers::Seniors);
        let mut senior_of = start.clone();
        let mut junior_of = vec![None; m];
        for (j, s) in start.iter().enumerate() {
            if let Some(s) = *s {
                junior_of[s] = Some(j);
            }
        }
        let senior_history = (0..m)
            .map(|s| History {
                start: junior_of[s].map(|j| senior_rank(j, s)),
                moves: Vec::new(),
            })
            .collect();
        let mut lattice = Lattice {
            start: start.clone(),
            rotations: Vec::new(),
            edges: Vec::new(),
            senior_history,
        };
        // `scan[j]`: where in `j`'s list to look for `next(j)`, the first senior after `j`'s
        // partner who prefers `j` to hers. Seniors only improve as rotations are eliminated, so
        // one who does not prefer `j` now never will, and `scan` only moves forward: `O(nm)` in
        // all.
        let mut scan: Vec<usize> = (0..n)
            .map(|j| senior_of[j].map_or(0, |s| junior_rank(j, s).saturating_add(1)))
            .collect();
        // The rotation that gave each junior its current partner (type-1 predecessors).
        let mut produced_by: Vec<Option<usize>> = vec![None; n];
        // A path of juniors, each one's `next` senior held by the junior above it; when the top
        // one's `next` senior is held by a junior on the path, the part of the path from that
        // junior up is a rotation exposed in the current matching.
        let mut stack: Vec<usize> = Vec::new();
        let mut on_stack = vec![false; n];
        // Juniors below `first` are at their senior-optimal partner (or unmatched) for good.
        let mut first = 0;
        let mut complete = true;
        loop {
            let Some(&j) = stack.last() else {
                while first < n && (senior_of[first].is_none() || senior_of[first] == last[first]) {
                    first += 1;
                }
                if first == n {
                    break;
                }
                stack.push(first);
                on_stack[first] = true;
                continue;
            };
            // `next(j)` exists and lies no later than `j`'s senior-optimal partner, and its
            // holder is not yet at his senior-optimal partner: otherwise `j` and that senior
            // would block the senior-optimal matching (Gusfield & Irving 1989, ch. 2).
            let list = prefs.junior_list(j);
            let next = loop {
                let Some(&s) = list.get(scan[j]) else {
                    break None;
                };
                match junior_of[s] {
                    Some(h) if senior_rank(j, s) < senior_rank(h, s) => break Some(h),
                    Some(_) => scan[j] += 1,
                    None => break None,
                }
            };
            let Some(holder) = next else {
                complete = false;
                break;
            };
            if !on_stack[holder] {
                stack.push(holder);
                on_stack[holder] = true;
                continue;
            }
            let at = stack.iter().rposition(|&x| x == holder).unwrap_or(0);
            let juniors = stack.split_off(at);
            let Some(seniors) = juniors
                .iter()
                .map(|&x| senior_of[x])
                .collect::<Option<Vec<usize>>>()
            else {
                complete = false;
                break;
            };
            let id = lattice.rotations.len();
            let rotation = Rotation { juniors, seniors };
            for (x, _, to) in rotation.moves() {
                on_stack[x] = false;
                // Type 1: the rotation that produced the pair this one breaks comes first.
                if let Some(p) = produced_by[x] {
                    lattice.edges.push((p, id));
                }
                produced_by[x] = Some(id);
                senior_of[x] = Some(to);
                junior_of[to] = Some(x);
                lattice.senior_history[to]
                    .moves
                    .push((senior_rank(x, to), id));
                scan[x] = junior_rank(x, to).saturating_add(1);
            }
            lattice.rotations.push(rotation);
        }
        debug_assert!(
            complete,
            "rotation search stopped before the senior-optimal matching"
        );
        debug_assert!(!complete || senior_of == last);
        // Type 2: when `ρ` moves junior `x` past a senior `w`, she must already prefer her
        // partner to `x`, so the rotation that moves `w` from a junior she ranks below `x` to one
        // she ranks above comes first.
        let mut type_2 = Vec::new();
        for (id, rotation) in lattice.rotations.iter().enumerate() {
            for (x, from, to) in rotation.moves() {
                let list = prefs.junior_list(x);
                let skipped = list
                    .get(junior_rank(x, from).saturating_add(1)..junior_rank(x, to))
                    .unwrap_or(&[]);
                for &w in skipped {
                    if let Some(p) = lattice.improves_past(w, senior_rank(x, w))
                        && p != id
                    {
                        type_2.push((p, id));
                    }
                }
            }
        }
        lattice.edges.extend(type_2);
        lattice.edges.sort_unstable();
        lattice.edges.dedup();
        lattice
    }

    /// The rotation that moves senior `s` from a junior she ranks below `rank` to one she ranks
    /// above it, if any.
    pub(super) fn improves_past(&self, s: usize, rank: usize) -> Option<usize> {
        let history = self.senior_history.get(s)?;
        if history.start.is_none_or(|r| r <= rank) {
            return None;
        }
        // Ranks strictly decrease along `moves`.
        let t = history.moves.partition_point(|&(r, _)| r >= rank);
        history.moves.get(t).map(|&(_, id)| id)
    }

    /// The weight of each rotation: the change of the sum of ranks, as `costs` counts them,
    /// when it is eliminated.
    pub(super) fn weights(&self, costs: Costs<'_>) -> Vec<i64> {
        let rank = |r: usize| r as i64;
        self.rotations
            .iter()
            .map(|rotation| {
                let r = rotation.juniors.len();
                rotation
                    .moves()
                    .enumerate()
                    .map(|(i, (x, from, to))| {
                        // `to` leaves her partner in the rotation, the next junior, for `x`.
                        let left = rotation.juniors[(i + 1) % r];
                        rank(costs.junior(x, to)) - rank(costs.junior(x, from))
                            + rank(costs.senior(x, to))
                            - rank(costs.senior(left, to))
                    })
                    .sum()
            })
            .collect()
    }

    /// The stable matching of the junior-optimal one with the `chosen` rotations eliminated, a
    /// closed set: the senior of each junior.
    pub(super) fn matching(&self, chosen: &[bool]) -> Vec<Option<usize>> {
        let mut senior_of = self.start.clone();
        // In the order found, each chosen rotation is exposed when its turn comes.
        for (rotation, _) in self.rotations.iter().zip(chosen).filter(|(_, c)| **c) {
            for (x, _, to) in rotation.moves() {
                senior_of[x] = Some(to);
            }
        }
        senior_of
    }
}
