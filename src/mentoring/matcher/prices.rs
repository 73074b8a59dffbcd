//! The prices that let a sparse optimum be checked against every pair: the engine's
//! potentials of the candidate graph, normalised so that they certify it over the whole
//! roster once no pair outside the graph scores above them.
//!
//! The potentials are taken exactly: the engine's certificate is exact, and rounding it to
//! `f64` can leave an edge of the graph an ulp above its prices, so each potential comes with
//! what that rounding took off it (its *rest*). The prices that prove the graph's optimum are
//! then the ones the pairs outside it are priced against, and pairs that tie with them in the
//! roster stay ties: with the rounded potentials alone, at 20,000 + 20,000 (seed 2), 97 % of
//! the pairs the pricing added were within 10^-12 of their prices, each a re-solve's worth of
//! work for an ulp, and the pricing took 28 rounds (BENCHMARKS.md).
//!
//! In the residual-graph terms of the [certificate](crate::assignment#certificate), adding a
//! pair `(j, s)` to the graph adds one arc, and the optimum stays optimal if no arc closes a
//! cycle that gains: with potentials under which no arc gains (every pair scores at most
//! `u_j + v_s`), none does. The engine's potentials are such labels within each connected
//! component of the graph, which is all the graph needs; a pair outside it may join two
//! components, so the labels must agree across components too:
//!
//! - With the best total alone ([`Cardinality::Any`]), staying single is worth 0 for
//!   everyone alike: matched people's potentials are at least 0 and single people's at most
//!   0 everywhere, so the potentials already agree.
//! - With the most pairs ([`Cardinality::Maximum`]), the rows left single hang off one shared
//!   node (swapping who is left single is a cycle through it), so every single junior's price
//!   must be at most every matched junior's, across components; the engine guarantees it
//!   within each. A component's potentials can be shifted (`u + δ`, `v − δ`) without changing
//!   what they certify inside it, so each component is shifted to put its single juniors at
//!   or below 0 and its matched juniors at or above. The same holds for seniors left single
//!   (shifting the other way). When people are left single on both sides, a new pair could
//!   also let the matching grow, which no prices show: then no prices are given and the
//!   optimum stands as the graph's.
//!
//! People whose candidate search found no partner at all and saw everyone (no positive score
//! with anybody the rules allow) can gain no pair, so they do not count as left single.
//!
//! Many to many, the many-to-many network's own labels serve (see [`many_to_many`]): they
//! hold on every arc of its residual network, the source's and the sink's too, so they need
//! no shifting; they carry the objective's levels above the total (people served, covered)
//! and are sums in floats, so ties within rounding count as ties. The same caveat holds:
//! with people with room on both sides, no prices.
//!
//! Where the optimum was found on copies of the seniors' places (every junior of one
//! partner), the engine's potentials of the copies serve instead (see [`copies`]): the
//! network's successive shortest paths, which its labels come from, took 4–10 s a solve on
//! the widened graphs of 20,000 juniors and 5,000 seniors of capacity 4. They come with their
//! rests too, and are normalised exactly, so there the proof is exact as well; only the
//! network's labels are sums in floats.

use crate::matching::assignment::exact_sign;
use crate::matching::assignment::{Cardinality, Exact, Solution, compare_exact as compare};
use crate::matching::capacitated::{self, Cost, Places};
use crate::mentoring::candidates::{CandidateGraph, Level, Prices};
use std::cmp::Ordering;

/// The prices of `solution`, an optimum of `graph`, that certify it over every pair once no
/// pair outside the graph scores above them; `None` when its potentials cannot be normalised
/// so (people who could still pair are left single on both sides), or when its certificate
/// could not keep them exact (a rest beyond one float, for weights spanning extreme
/// magnitudes): rounded prices could take a tie for a gain or a gain for a tie, and prove
/// nothing.
pub(super) fn one_to_one(graph: &CandidateGraph, solution: &Solution<f64>) -> Option<Prices> {
    if !solution.rests_kept() {
        return None;
    }
    // Each potential exactly: the rounded one and what rounding took off it.
    let u: Vec<Exact> = (0..solution.row_potentials().len())
        .map(|j| [solution.row_potentials()[j], solution.row_rest(j)])
        .collect();
    let v: Vec<Exact> = (0..solution.col_potentials().len())
        .map(|s| [solution.col_potentials()[s], solution.col_rest(s)])
        .collect();
    // The prices `u + δ` and `v − δ`, `δ` the shift of each person (juniors `0..J`, then
    // seniors `J..J + S`), every part kept.
    let priced = |u: &[Exact], v: &[Exact], shift_of: &dyn Fn(usize) -> Exact| {
        let nj = u.len();
        let parts = |[a, b]: Exact, [c, d]: Exact| [a, b, c, d];
        let junior = (0..nj).map(|j| parts(u[j], shift_of(j))).collect();
        let senior = (0..v.len())
            .map(|s| {
                let [c, d] = shift_of(nj + s);
                parts(v[s], [-c, -d])
            })
            .collect();
        Prices::exact(junior, senior)
    };
    if solution.options().cardinality() == Cardinality::Any {
        return Some(priced(&u, &v, &|_| [0.0, 0.0]));
    }
    let nj = graph.juniors().len();
    let (could_pair_junior, could_pair_senior) = could_pair(graph);
    let single_juniors = solution
        .unassigned_rows()
        .iter()
        .any(|&j| could_pair_junior[j]);
    let single_seniors = solution
        .unassigned_cols()
        .iter()
        .any(|&s| could_pair_senior[s]);
    let side = match (single_juniors, single_seniors) {
        (true, true) => return None,
        (true, false) => Some(Single::Juniors),
        (false, true) => Some(Single::Seniors),
        (false, false) => None,
    };
    let component = components(graph);
    let count = component.iter().copied().max().map_or(0, |c| c + 1);
    let mut shift = vec![[0.0, 0.0]; count];
    if let Some(side) = side {
        let (singles, potentials, offset, sign) = match side {
            Single::Juniors => (solution.unassigned_rows(), &u, 0, 1.0),
            Single::Seniors => (solution.unassigned_cols(), &v, nj, -1.0),
        };
        let len = potentials.len();
        let mut single = vec![false; len];
        for &p in singles {
            single[p] = true;
        }
        // Per component, exactly: the highest potential of someone single on that side and
        // the lowest of someone matched.
        let mut highest_single: Vec<Option<Exact>> = vec![None; count];
        let mut lowest_matched: Vec<Option<Exact>> = vec![None; count];
        for p in 0..len {
            let (c, x) = (component[offset + p], potentials[p]);
            if single[p] {
                if highest_single[c].is_none_or(|h| compare(x, h) == Ordering::Greater) {
                    highest_single[c] = Some(x);
                }
            } else if lowest_matched[c].is_none_or(|l| compare(x, l) == Ordering::Less) {
                lowest_matched[c] = Some(x);
            }
        }
        for c in 0..count {
            // The shift that puts the side's single people at or below 0 and its matched
            // ones at or above; the seniors' potentials shift the other way (`v − δ`).
            let negated = |[a, b]: Exact| [-a, -b];
            let delta = match (highest_single[c], lowest_matched[c]) {
                (Some(h), _) => negated(h),
                (None, Some(l)) if compare(l, [0.0, 0.0]) == Ordering::Less => negated(l),
                _ => [0.0, 0.0],
            };
            // The engine's certificate keeps every single person at or below every matched
            // one of the side, exactly; were it otherwise, no prices.
            if let Some([a, b]) = lowest_matched[c]
                && exact_sign([a, b, delta[0], delta[1]]) == Ordering::Less
            {
                return None;
            }
            shift[c] = [sign * delta[0], sign * delta[1]];
        }
    }
    Some(priced(&u, &v, &|p| shift[component[p]]))
}

/// The prices of a many-to-many optimum of `graph` from the final network's `labels` (juniors,
/// seniors, then the sink's and the source's): leveled, since the objective's levels above the total (people covered,
/// served) weigh more than any score. `None` with the most pairs when people with room who
/// could still pair are on both sides: a new pair could then let the flow grow, which no
/// labels show.
pub(super) fn many_to_many(
    graph: &CandidateGraph,
    solution: &capacitated::Solution,
    labels: &[Cost],
    cardinality: Cardinality,
) -> Option<Prices> {
    let nj = graph.juniors().len();
    if cardinality == Cardinality::Maximum {
        let (could_pair_junior, could_pair_senior) = could_pair(graph);
        let room = |unfilled: &[u32], could: &[bool]| {
            (0..could.len()).any(|p| unfilled[p] > 0 && could[p])
        };
        if room(solution.junior_unfilled_capacity(), &could_pair_junior)
            && room(solution.senior_unfilled_capacity(), &could_pair_senior)
        {
            return None;
        }
    }
    // A pair arc `j → s` costs the score negated; it gains when `cost + L_j − L_s < 0`.
    let level = |l: &Cost| -> Level { (l.serve, l.cover) };
    let ns = graph.seniors().len();
    Some(Prices::leveled(
        labels[..nj].iter().map(|l| (level(l), l.weight)).collect(),
        labels[nj..nj + ns]
            .iter()
            .map(|l| (level(l), -l.weight))
            .collect(),
    ))
}

/// The prices of a many-to-many optimum of `graph` found on copies (every junior of one
/// partner, each senior's places as columns; see [`capacitated::CopyPotentials`]), from the
/// engine's `potentials`; `None` where they would not certify it over the whole roster.
///
/// They do where every junior who could pair has a partner and, under
/// [`Spreading::FirstPartnersFirst`](capacitated::Spreading), every senior who could pair
/// has one too: then no set of pairs anywhere has more pairs or covers more people, and
/// the sets with as many pairs are exactly those that pair every such junior. Among them the
/// potentials bound every total by linear programming duality: a junior's potential is free
/// (every such set pairs them), a place's must be at least 0 and 0 where it stays empty. So
/// each connected component's potentials are shifted (`u + δ`, `v − δ`, which changes no
/// cell's slack) to put its empty places at 0, which needs them equal, and its taken ones at
/// or above; a senior's price is then the least of their places'. The places missing from
/// the copies (more places than juniors who meet the senior) were never priced against the
/// graph's cells, so a senior with a cell and such a place gives no prices; neither does
/// anyone of capacity 0. A senior with no cell at all has only empty places, priced at 0.
pub(super) fn copies(
    graph: &CandidateGraph,
    solution: &capacitated::Solution,
    potentials: &capacitated::CopyPotentials,
    spreading: capacitated::Spreading,
) -> Option<Prices> {
    let (nj, ns) = (graph.juniors().len(), graph.seniors().len());
    let (could_pair_junior, could_pair_senior) = could_pair(graph);
    let (junior_count, senior_count) = (
        solution.junior_partner_counts(),
        solution.senior_partner_counts(),
    );
    let (junior_room, senior_room) = (
        solution.junior_unfilled_capacity(),
        solution.senior_unfilled_capacity(),
    );
    let nobody_left =
        |count: &[u32], could: &[bool]| (0..could.len()).all(|p| count[p] > 0 || !could[p]);
    let without_place =
        |count: &[u32], room: &[u32]| (0..count.len()).any(|p| count[p] + room[p] == 0);
    // Under spreading, covering the most seniors comes before the total.
    let seniors_covered = match spreading {
        capacitated::Spreading::FirstPartnersFirst => nobody_left(senior_count, &could_pair_senior),
        capacitated::Spreading::Free => true,
    };
    if !nobody_left(junior_count, &could_pair_junior)
        || !seniors_covered
        || without_place(junior_count, junior_room)
        || without_place(senior_count, senior_room)
        || potentials.senior.iter().any(Places::unpriced)
        || potentials.junior.len() != nj
        || potentials.senior.len() != ns
    {
        return None;
    }
    let component = components(graph);
    let count = component.iter().copied().max().map_or(0, |c| c + 1);
    // Per component, exactly: the potential of its empty places (all equal) and the least of
    // its taken ones.
    let equal = |a: Exact, b: Exact| compare(a, b) == Ordering::Equal;
    let mut empty: Vec<Option<Exact>> = vec![None; count];
    let mut least_taken: Vec<Option<Exact>> = vec![None; count];
    for (s, places) in potentials.senior.iter().enumerate() {
        let c = component[nj + s];
        if let Some((lo, hi)) = places.empty {
            if !equal(lo, hi) || empty[c].is_some_and(|e| !equal(e, lo)) {
                return None;
            }
            empty[c] = Some(lo);
        }
        if let Some(t) = places.taken
            && least_taken[c].is_none_or(|l| compare(t, l) == Ordering::Less)
        {
            least_taken[c] = Some(t);
        }
    }
    let mut shift = vec![[0.0, 0.0]; count];
    for c in 0..count {
        shift[c] = match (empty[c], least_taken[c]) {
            (Some(e), Some(t)) if compare(t, e) == Ordering::Less => return None,
            (Some(e), _) => e,
            (None, Some(t)) => t,
            (None, None) => [0.0, 0.0],
        };
    }
    // A senior with an empty place is priced at it (0 once shifted), else at their least
    // taken place.
    let v: Vec<Exact> = potentials
        .senior
        .iter()
        .zip(&component[nj..])
        .map(|(places, &c)| match (places.empty, places.taken) {
            (Some((e, _)), _) => e,
            (None, Some(t)) => t,
            (None, None) => shift[c],
        })
        .collect();
    // Every part kept: the potential, its rest, and the shift's two parts.
    let junior = (0..potentials.junior.len())
        .map(|j| {
            let ([a, b], [c, d]) = (potentials.junior[j], shift[component[j]]);
            [a, b, c, d]
        })
        .collect();
    let senior = (0..v.len())
        .map(|s| {
            let ([a, b], [c, d]) = (v[s], shift[component[nj + s]]);
            [a, b, -c, -d]
        })
        .collect();
    Some(Prices::exact(junior, senior))
}

/// Who could still gain a pair, juniors and seniors by position: everyone but those whose
/// search saw every partner and found none (no positive score with anyone the rules allow).
fn could_pair(graph: &CandidateGraph) -> (Vec<bool>, Vec<bool>) {
    let (nj, ns) = (graph.juniors().len(), graph.seniors().len());
    let mut senior_degree = vec![0usize; ns];
    for j in 0..nj {
        for (s, _) in graph.partners(j) {
            senior_degree[s] += 1;
        }
    }
    (
        (0..nj)
            .map(|j| graph.partners(j).next().is_some() || !graph.is_complete_junior(j))
            .collect(),
        (0..ns)
            .map(|s| senior_degree[s] > 0 || !graph.is_complete_senior(s))
            .collect(),
    )
}

/// The side whose people some optimum leaves single (and who could still pair).
#[derive(Clone, Copy)]
enum Single {
    Juniors,
    Seniors,
}

/// The connected component of every junior (`0..J`) and senior (`J..J + S`) of `graph`,
/// numbered from 0.
fn components(graph: &CandidateGraph) -> Vec<usize> {
    let nj = graph.juniors().len();
    let n = nj + graph.seniors().len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for j in 0..nj {
        for (s, _) in graph.partners(j) {
            let (a, b) = (root(&mut parent, j), root(&mut parent, nj + s));
            if a != b {
                parent[a.max(b)] = a.min(b);
            }
        }
    }
    let mut number = vec![usize::MAX; n];
    let mut next = 0;
    (0..n)
        .map(|x| {
            let r = root(&mut parent, x);
            if number[r] == usize::MAX {
                number[r] = next;
                next += 1;
            }
            number[r]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Matcher;
    use crate::generate::Population;
    use crate::matching::capacitated::{Labels, Options, Spreading, solve_sparse};

    /// What [`copies`] is given on 12 juniors and 4 seniors of capacity 4 (places to spare),
    /// solved on copies of the seniors' places: the graph, the solution, the potentials and
    /// the capacities (juniors', seniors').
    struct OnCopies {
        graph: CandidateGraph,
        solution: capacitated::Solution,
        potentials: capacitated::CopyPotentials,
        capacities: (Vec<u32>, Vec<u32>),
    }

    fn on_copies(seed: u64) -> OnCopies {
        on_copies_of((12, 4), 8, seed, Options::new())
    }

    /// [`OnCopies`] of a generated roster of `juniors` + `seniors` (seniors of capacity 4)
    /// with `k` candidates a person, solved with `options`.
    fn on_copies_of(
        (juniors, seniors): (usize, usize),
        k: usize,
        seed: u64,
        options: Options,
    ) -> OnCopies {
        let roster = Population::new(juniors, seniors)
            .with_seed(seed)
            .with_senior_capacity(4)
            .roster()
            .unwrap();
        let graph = Matcher::new()
            .with_candidates_per_person(k)
            .candidates(&roster)
            .unwrap();
        let capacity = |ids: &[crate::ParticipantId]| -> Vec<u32> {
            ids.iter()
                .map(|&p| roster.participant(p).capacity)
                .collect()
        };
        let capacities = (capacity(graph.juniors()), capacity(graph.seniors()));
        let optimum = solve_sparse(
            graph.scores(),
            &capacities.0,
            &capacities.1,
            options,
            Labels::CopiesOrNetwork,
            None,
            1,
        );
        OnCopies {
            solution: optimum.solution,
            potentials: optimum
                .copies
                .expect("every junior takes one partner: copies"),
            graph,
            capacities,
        }
    }

    /// The solution's pairs (junior, senior) as `of_pairs` takes them, weights left at 0
    /// (the prices read only who is paired).
    fn pairs_of(solution: &capacitated::Solution) -> Vec<(usize, usize, f64)> {
        solution.pairs().iter().map(|&(j, s)| (j, s, 0.0)).collect()
    }

    /// One to one, the prices hold on every edge of the graph exactly (no edge scores above
    /// them), as the engine's certificate does: the prices that prove the graph's optimum
    /// are the ones the pairs outside it are priced against. The engine's potentials rounded
    /// to `f64` alone do not: on these graphs some edge scores above them. With the most
    /// pairs and more juniors than seniors (or fewer), people are single on one side, and
    /// the prices are shifted per component, exactly.
    #[test]
    fn the_prices_hold_on_every_edge_of_the_graph_exactly() {
        use crate::matching::assignment::{self, Sense};
        let (mut rounded_missed, mut shifted) = (0, 0);
        for seed in 1..=4 {
            for (juniors, seniors, k, cardinality) in [
                (2000, 2000, 3, Cardinality::Any),
                (2000, 1500, 16, Cardinality::Maximum),
                (1500, 2000, 16, Cardinality::Maximum),
            ] {
                let roster = Population::new(juniors, seniors)
                    .with_seed(seed)
                    .roster()
                    .unwrap();
                let graph = Matcher::new()
                    .with_candidates_per_person(k)
                    .candidates(&roster)
                    .unwrap();
                let options =
                    assignment::Options::new(Sense::Maximize).with_cardinality(cardinality);
                let solution = assignment::solve_sparse(&graph.weights(), options).unwrap();
                assert!(solution.rests_kept());
                let Some(prices) = one_to_one(&graph, &solution) else {
                    // People who could pair are single on both sides: no prices to test.
                    assert_ne!(cardinality, Cardinality::Any);
                    continue;
                };
                if cardinality == Cardinality::Maximum {
                    shifted += 1;
                }
                let (u, v) = (solution.row_potentials(), solution.col_potentials());
                let rounded = Prices::exact(
                    u.iter().map(|&x| [x, 0.0, 0.0, 0.0]).collect(),
                    v.iter().map(|&x| [x, 0.0, 0.0, 0.0]).collect(),
                );
                for j in 0..graph.juniors().len() {
                    for (s, edge) in graph.partners(j) {
                        assert!(
                            !prices.exceeded_by(edge.score, j, s),
                            "seed {seed}: ({j}, {s})"
                        );
                        if cardinality == Cardinality::Any && rounded.exceeded_by(edge.score, j, s)
                        {
                            rounded_missed += 1;
                        }
                    }
                }
            }
        }
        assert!(
            rounded_missed > 0,
            "the rounded potentials held on every edge"
        );
        assert!(
            shifted > 0,
            "no prices shifted for people single on one side"
        );
    }

    /// On copies too the prices hold on every edge of the graph exactly: each place's
    /// potential comes with its rest, and the per-component shift is exact. (On these
    /// rosters every rest happens to be 0; `copies::tests` shows rounded potentials missing
    /// on weights where they are not.)
    #[test]
    fn the_copies_prices_hold_on_every_edge_of_the_graph_exactly() {
        for seed in 1..=4 {
            let free = Options::new().with_spreading(Spreading::Free);
            let c = on_copies_of((2000, 600), 16, seed, free);
            let prices = copies(&c.graph, &c.solution, &c.potentials, Spreading::Free)
                .expect("everyone who could pair is paired");
            for j in 0..c.graph.juniors().len() {
                for (s, edge) in c.graph.partners(j) {
                    assert!(
                        !prices.exceeded_by(edge.score, j, s),
                        "seed {seed}: ({j}, {s})"
                    );
                }
            }
        }
    }

    #[test]
    fn the_copies_price_an_optimum_that_pairs_everyone() {
        let c = on_copies(1);
        assert_eq!(c.solution.pairs().len(), 12);
        for spreading in [Spreading::FirstPartnersFirst, Spreading::Free] {
            assert!(copies(&c.graph, &c.solution, &c.potentials, spreading).is_some());
        }
    }

    #[test]
    fn a_junior_left_single_gives_no_prices() {
        let c = on_copies(1);
        let mut pairs = pairs_of(&c.solution);
        pairs.remove(0);
        let caps = (&c.capacities.0[..], &c.capacities.1[..]);
        let single = capacitated::Solution::of_pairs(pairs, caps, Options::new());
        assert!(copies(&c.graph, &single, &c.potentials, Spreading::Free).is_none());
    }

    #[test]
    fn unequal_empty_places_or_unpriced_ones_give_no_prices() {
        // Seed 1's potentials: senior 0's places all taken (the least at 0.0304), seniors 1
        // to 3 each with taken places at 0 and empty ones at 0, all in one component.
        let c = on_copies(1);
        let zero = [0.0, 0.0];
        assert!(c.potentials.senior[0].empty.is_none());
        assert!(
            c.potentials.senior[1..]
                .iter()
                .all(|p| p.empty == Some((zero, zero)))
        );
        let with = |senior: usize, edit: &dyn Fn(&mut Places)| {
            let mut potentials = c.potentials.clone();
            edit(&mut potentials.senior[senior]);
            copies(&c.graph, &c.solution, &potentials, Spreading::Free)
        };
        assert!(with(0, &|_| {}).is_some());
        // Empty places at the component's one potential; then at another.
        assert!(with(0, &|p| p.empty = Some((zero, zero))).is_some());
        assert!(with(0, &|p| p.empty = Some(([0.5, 0.0], [0.5, 0.0]))).is_none());
        assert!(with(1, &|p| p.empty = Some((zero, [1.0, 0.0]))).is_none());
        // Apart only by a rest: two empty places, and a taken place below the empty ones.
        let tiny = [0.0, 1e-300];
        assert!(with(1, &|p| p.empty = Some((zero, tiny))).is_none());
        assert!(with(1, &|p| p.taken = Some([-1.0, 0.0])).is_none());
        assert!(with(1, &|p| p.taken = Some([0.0, -1e-300])).is_none());
        // A place missing from the copies beside ones in them.
        assert!(with(0, &|p| p.missing = true).is_none());
    }

    #[test]
    fn under_spreading_a_senior_left_without_a_partner_gives_no_prices() {
        // Senior 0's juniors moved to the others' spare places: everyone is still paired,
        // but senior 0 has nobody.
        let c = on_copies(1);
        let mut room: Vec<u32> = c.solution.senior_unfilled_capacity().to_vec();
        let mut pairs = pairs_of(&c.solution);
        for pair in pairs.iter_mut().filter(|p| p.1 == 0) {
            let to = (1..room.len())
                .find(|&s| room[s] > 0)
                .expect("a spare place");
            room[to] -= 1;
            pair.1 = to;
        }
        let caps = (&c.capacities.0[..], &c.capacities.1[..]);
        let moved = capacitated::Solution::of_pairs(pairs.clone(), caps, Options::new());
        assert_eq!(moved.senior_partner_counts()[0], 0);
        assert!(copies(&c.graph, &moved, &c.potentials, Spreading::Free).is_some());
        assert!(
            copies(
                &c.graph,
                &moved,
                &c.potentials,
                Spreading::FirstPartnersFirst
            )
            .is_none()
        );
        // Nor does anyone of capacity 0.
        let mut seniors = c.capacities.1.clone();
        seniors[0] = 0;
        let closed = capacitated::Solution::of_pairs(pairs, (caps.0, &seniors), Options::new());
        assert!(copies(&c.graph, &closed, &c.potentials, Spreading::Free).is_none());
    }
}
