//! The smallest minimum-weight closed set of a poset, as the side of a minimum cut (Picard
//! 1976), on the crate's one [maximum flow](crate::matching::flow::max_flow).

use crate::matching::flow::max_flow::Network;

/// Whether a rotation must be, must not be, or may be in the closed set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Fixed {
    Free,
    In,
    Out,
}

/// The smallest closed set (with each rotation's predecessors under `edges`, `(π, ρ)` = `π`
/// before `ρ`) of minimum total `weight` that respects `fixed`, which must allow one (a set
/// forced in that is closed and holds nothing forced out). Picard (1976): the source side of a
/// minimum cut.
pub(super) fn min_weight_closure(
    edges: &[(usize, usize)],
    weight: &[i64],
    fixed: &[Fixed],
) -> Vec<bool> {
    let count = weight.len();
    if count == 0 {
        return Vec::new();
    }
    // Picard's network has source → ρ (capacity −w(ρ) when w(ρ) < 0), ρ → sink (w(ρ) when
    // w(ρ) > 0) and succ → pred (infinite). It is built here reversed, every arc turned round
    // and the two ends swapped, so that the nodes that can still reach `to` after a maximum
    // preflow from `from` are the smallest source side of Picard's network: the smallest
    // optimal closed set.
    let (to, from) = (count, count + 1);
    // More than every finite capacity together, so no minimum cut crosses an infinite arc.
    let infinite = weight
        .iter()
        .fold(1_i64, |acc, w| acc.saturating_add(w.saturating_abs()));
    let mut net = Network::new(count + 2);
    for (id, (&w, &f)) in weight.iter().zip(fixed).enumerate() {
        match f {
            Fixed::In => net.add(id, to, infinite),
            Fixed::Out => net.add(from, id, infinite),
            // Leaving out a rotation of negative weight forgoes its gain `−w`.
            Fixed::Free if w < 0 => net.add(id, to, -w),
            Fixed::Free if w > 0 => net.add(from, id, w),
            Fixed::Free => {}
        }
    }
    for &(pred, succ) in edges {
        // Taking `succ` without `pred` would cut an infinite arc.
        net.add(pred, succ, infinite);
    }
    let mut chosen = net.min_cut(from, to).sink_side;
    chosen.truncate(count);
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closure_respects_precedence_and_weights() {
        // 0 before 1; taking 1 gains 5 but needs 0, which costs 3: take both.
        let chosen = min_weight_closure(&[(0, 1)], &[3, -5], &[Fixed::Free; 2]);
        assert_eq!(chosen, vec![true, true]);
        // When 0 costs 6, neither.
        let chosen = min_weight_closure(&[(0, 1)], &[6, -5], &[Fixed::Free; 2]);
        assert_eq!(chosen, vec![false, false]);
        // A tie (0 costs 5): the smaller closed set.
        let chosen = min_weight_closure(&[(0, 1)], &[5, -5], &[Fixed::Free; 2]);
        assert_eq!(chosen, vec![false, false]);
        // Forced in and out.
        let chosen = min_weight_closure(&[(0, 1)], &[6, -5], &[Fixed::Free, Fixed::In]);
        assert_eq!(chosen, vec![true, true]);
        let chosen = min_weight_closure(&[], &[-1, -1], &[Fixed::Out, Fixed::Free]);
        assert_eq!(chosen, vec![false, true]);
    }

    /// A tiny deterministic generator for the randomised unit tests.
    fn lcg(state: &mut u64) -> u64 {
        *state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        *state >> 33
    }

    #[test]
    fn closure_matches_brute_force_on_random_dags() {
        let mut state = 1;
        for _ in 0..3000 {
            let count = (lcg(&mut state) % 12) as usize;
            let density = 2 + lcg(&mut state) % 5;
            let mut edges = Vec::new();
            for a in 0..count {
                for b in a + 1..count {
                    if lcg(&mut state).is_multiple_of(density) {
                        edges.push((a, b));
                    }
                }
            }
            let weight: Vec<i64> = (0..count)
                .map(|_| (lcg(&mut state) % 11) as i64 - 5)
                .collect();
            let fixed: Vec<Fixed> = (0..count)
                .map(|_| match lcg(&mut state) % 10 {
                    0 => Fixed::In,
                    1 => Fixed::Out,
                    _ => Fixed::Free,
                })
                .collect();
            let closed = |set: u32| {
                edges
                    .iter()
                    .all(|&(p, q)| set >> q & 1 == 0 || set >> p & 1 == 1)
                    && (0..count).all(|i| match fixed[i] {
                        Fixed::In => set >> i & 1 == 1,
                        Fixed::Out => set >> i & 1 == 0,
                        Fixed::Free => true,
                    })
            };
            let total = |set: u32| {
                (0..count)
                    .filter(|&i| set >> i & 1 == 1)
                    .map(|i| weight[i])
                    .sum::<i64>()
            };
            let feasible: Vec<u32> = (0..1u32 << count).filter(|&s| closed(s)).collect();
            if feasible.is_empty() {
                continue;
            }
            let best = feasible.iter().map(|&s| total(s)).min().unwrap();
            let chosen = min_weight_closure(&edges, &weight, &fixed);
            let set = (0..count)
                .filter(|&i| chosen[i])
                .fold(0u32, |acc, i| acc | 1 << i);
            assert!(
                closed(set),
                "{edges:?} {weight:?} {fixed:?}: {chosen:?} not feasible"
            );
            assert_eq!(
                total(set),
                best,
                "{edges:?} {weight:?} {fixed:?}: {chosen:?}"
            );
            for &other in feasible.iter().filter(|&&s| total(s) == best) {
                assert_eq!(
                    set & other,
                    set,
                    "{edges:?} {weight:?} {fixed:?}: not the smallest"
                );
            }
        }
    }

    #[test]
    fn long_chains_are_quick() {
        // A chain of 200 000 rotations, each needing the one before; only the last one pays.
        let count = 200_000;
        let edges: Vec<(usize, usize)> = (1..count).map(|i| (i - 1, i)).collect();
        let mut weight = vec![1; count];
        weight[count - 1] = -(count as i64);
        let chosen = min_weight_closure(&edges, &weight, &vec![Fixed::Free; count]);
        assert!(chosen.iter().all(|&c| c));
    }
}
