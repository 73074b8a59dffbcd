//! Many to many as one to one: each agent as copies, and each acceptable pair as a gadget of
//! four agents whose stable states say whether the pair is formed. The pairwise stable
//! pairings under capacities on both sides are exactly the images of the stable matchings of
//! this stable marriage instance, so the rotations and the fair strategies apply unchanged;
//! only the costs they count are those of the original agents' ranks
//! ([`Costs`](super::costs::Costs)).
//!
//! # The instance
//!
//! Agent `x` of capacity `c` becomes `c'` copies (`c` capped by its partners in any stable
//! pairing plus one, as in [`Clones`](super::clones::Clones), and by its list's length). Each
//! acceptable pair `e = (j, s)` becomes four agents: `e_j` and `q_e` among the seniors, `e_s`
//! and `p_e` among the juniors, with these lists, best first:
//!
//! | agent | list |
//! |---|---|
//! | each copy of `j` | `e_j` of each pair of `j`, in `j`'s order |
//! | each copy of `s` | `e_s` of each pair of `s`, in `s`'s order |
//! | `e_j` | `p_e`, the copies of `j` (first copy first), `e_s` |
//! | `e_s` | `e_j`, the copies of `s` (first copy first), `q_e` |
//! | `p_e` | `q_e`, `e_j` |
//! | `q_e` | `e_s`, `p_e` |
//!
//! The pair is formed when `e_j` holds a copy of `j` (then `e_s` holds a copy of `s` and `p_e`
//! holds `q_e`), and not formed when the four agents hold each other: `e_j`–`e_s` and
//! `p_e`–`q_e` (`e_j` holds its last choice, so a copy of `j` would take it: stable exactly when
//! `j` would not take `s`, being full with partners it prefers), or `e_j`–`p_e` and `e_s`–`q_e`
//! (`e_s` holds its last choice: stable exactly when `s` would not take `j`). When both would
//! take each other neither state is stable, so a stable matching forms the pair: the pair
//! blocks nothing. When neither would, both states are stable, so one pairing has several
//! images, which changes no cost (every gadget agent costs 0) and no optimum.
//!
//! The two-agent gadgets one tries first (`e_j` and `e_s` alone, each listing the copies and
//! the other in either order) all let a stable matching use half a pair: `e_j` holding a copy
//! of `j` while `e_s` is free. The four-agent cycle above was found by a search over every
//! gadget of two to four agents and checked against every pairwise stable pairing of random
//! instances up to 4 + 4 agents of capacity up to 3 (26,700 instances): the images of the
//! stable matchings were exactly the pairwise stable pairings, with no half-used pair. The
//! tests check the fair strategies built on it against brute force. Gadgets of this kind go
//! back to Cechlárová & Fleiner (2005), who reduce stable b-matching to stable roommates.
//!
//! # Size
//!
//! `Σ c' + 2p` agents a side for `p` acceptable pairs, and list entries `Σ c'·(list length) +
//! p·(c'_j + c'_s + 8)`: linear in the pairs for bounded capacities. Ranks are looked up by a
//! binary search in a list ([`Preferences::from_short_lists`]). The fair strategies build it
//! on the lists [`stable_range`] cuts to the pairs a stable pairing may hold: at 1000 juniors
//! of capacity 2 and 250 seniors of capacity 4 (250,000 acceptable pairs) they took about
//! 0.36 s on the whole lists and take about 8 ms on the cut ones (BENCHMARKS.md).
//!
//! Reference: K. Cechlárová, T. Fleiner (2005), *On a generalization of the stable roommates
//! problem*, ACM Transactions on Algorithms 1(1), 143–156.

use crate::matching::error::{MatrixError, Result};
use crate::matching::memory;
use crate::matching::strategy::capacities::Capacities;
use crate::matching::strategy::preferences::Preferences;

/// A stable marriage instance of copies and pair gadgets (the module docs), and how to read its
/// matchings back.
#[derive(Debug, Clone)]
pub(super) struct Gadgets {
    /// The instance: junior copies, then `e_s` and `p_e` of each pair `e`; senior copies, then
    /// `e_j` and `q_e` of each pair.
    pub(super) prefs: Preferences,
    /// How many junior copies and senior copies come first on each side.
    junior_copies: usize,
    senior_copies: usize,
    /// Each pair `e` as `(junior, senior)`: pairs in the order of the juniors' lists.
    pairs: Vec<(usize, usize)>,
}

impl Gadgets {
    /// The instance for `prefs` (mutual lists) under `capacities`, with each agent's copies
    /// capped by its number of partners in the stable pairing `stable` plus one (see the module
    /// docs).
    ///
    /// # Errors
    ///
    /// [`MatrixError::TooLarge`] when the instance's size overflows or its memory cannot be
    /// reserved.
    pub(super) fn new(
        prefs: &Preferences,
        capacities: &Capacities,
        stable: &[(usize, usize)],
    ) -> Result<Gadgets> {
        let copies = Copies::new(prefs, capacities, stable);
        // Pair `e` is the `e`-th entry of the juniors' lists, in order.
        let pairs: Vec<(usize, usize)> = (0..prefs.juniors())
            .flat_map(|j| prefs.junior_list(j).iter().map(move |&s| (j, s)))
            .collect();
        let layout = Layout {
            junior_copies: copies.junior_first[prefs.juniors()],
            senior_copies: copies.senior_first[prefs.seniors()],
        };
        let too_large = || MatrixError::TooLarge {
            what: "the many-to-many gadget instance (agents a side)",
            rows: layout
                .junior_copies
                .saturating_add(pairs.len().saturating_mul(2)),
            cols: layout
                .senior_copies
                .saturating_add(pairs.len().saturating_mul(2)),
        };
        let bytes = copies.bytes(prefs, pairs.len()).ok_or_else(too_large)?;
        drop(memory::reserved::<u8>(bytes, too_large)?);
        let (junior_lists, senior_lists) = layout.lists(prefs, &copies, &pairs);
        let prefs = Preferences::from_short_lists(&junior_lists, &senior_lists, too_large)?;
        Ok(Gadgets {
            prefs,
            junior_copies: layout.junior_copies,
            senior_copies: layout.senior_copies,
            pairs,
        })
    }

    /// The pair whose `e_j` is senior-side agent `x`, if `x` is one.
    fn pair_at_e_j(&self, x: usize) -> Option<(usize, usize)> {
        let k = x.checked_sub(self.senior_copies)?;
        (k % 2 == 0).then(|| self.pairs[k / 2])
    }

    /// The pair whose `e_s` is junior-side agent `x`, if `x` is one.
    fn pair_at_e_s(&self, x: usize) -> Option<(usize, usize)> {
        let k = x.checked_sub(self.junior_copies)?;
        (k % 2 == 0).then(|| self.pairs[k / 2])
    }

    /// The original `(junior, senior)` pairs of a matching of the instance (the senior-side
    /// agent of each junior-side one), sorted: the pairs whose `e_j` holds a junior copy.
    pub(super) fn pairs(&self, senior_of: &[Option<usize>]) -> Vec<(usize, usize)> {
        let mut pairs: Vec<(usize, usize)> = senior_of[..self.junior_copies]
            .iter()
            .filter_map(|x| x.and_then(|x| self.pair_at_e_j(x)))
            .collect();
        pairs.sort_unstable();
        pairs
    }

    /// The original pair a junior copy `x` holds through `e_j` agent `y`, if both are such.
    pub(super) fn junior_holds(&self, x: usize, y: usize) -> Option<(usize, usize)> {
        (x < self.junior_copies)
            .then(|| self.pair_at_e_j(y))
            .flatten()
    }

    /// The original pair a senior copy `y` holds through `e_s` agent `x`, if both are such.
    pub(super) fn senior_holds(&self, x: usize, y: usize) -> Option<(usize, usize)> {
        (y < self.senior_copies)
            .then(|| self.pair_at_e_s(x))
            .flatten()
    }
}

/// How many copies each agent has, and where each agent's copies start (copies of one agent
/// in a row, agents in index order).
struct Copies {
    junior_count: Vec<usize>,
    senior_count: Vec<usize>,
    junior_first: Vec<usize>,
    senior_first: Vec<usize>,
}

impl Copies {
    /// An agent's capacity, capped by its load in `stable` plus one and by its list's length.
    fn new(prefs: &Preferences, capacities: &Capacities, stable: &[(usize, usize)]) -> Copies {
        let (n, m) = (prefs.juniors(), prefs.seniors());
        let (mut junior_load, mut senior_load) = (vec![0_usize; n], vec![0_usize; m]);
        for &(j, s) in stable {
            junior_load[j] += 1;
            senior_load[s] += 1;
        }
        let copies = |capacity: u32, load: usize, listed: usize| {
            (capacity as usize).min(load.saturating_add(1)).min(listed)
        };
        let junior_count: Vec<usize> = (0..n)
            .map(|j| {
                copies(
                    capacities.junior(j),
                    junior_load[j],
                    prefs.junior_list(j).len(),
                )
            })
            .collect();
        let senior_count: Vec<usize> = (0..m)
            .map(|s| {
                copies(
                    capacities.senior(s),
                    senior_load[s],
                    prefs.senior_list(s).len(),
                )
            })
            .collect();
        Copies {
            junior_first: prefix_sums(&junior_count),
            senior_first: prefix_sums(&senior_count),
            junior_count,
            senior_count,
        }
    }

    /// The bytes the instance of `pairs` acceptable pairs takes, `None` on overflow: the
    /// copies' lists, the gadgets' lists of copies (as long again) and 8 more entries a pair,
    /// each entry at most three times (its list, the flat copy, the ranks by senior: 8 + 8 + 16
    /// bytes; the ranks hold only the juniors' side, so this overestimates), and a list per
    /// agent.
    fn bytes(&self, prefs: &Preferences, pairs: usize) -> Option<usize> {
        let entries = |counts: &[usize], length: &dyn Fn(usize) -> usize| {
            counts.iter().enumerate().try_fold(0_usize, |sum, (x, &c)| {
                c.checked_mul(length(x)).and_then(|e| sum.checked_add(e))
            })
        };
        let juniors = entries(&self.junior_count, &|j| prefs.junior_list(j).len())?;
        let seniors = entries(&self.senior_count, &|s| prefs.senior_list(s).len())?;
        let entries = juniors
            .checked_add(seniors)?
            .checked_mul(2)?
            .checked_add(pairs.checked_mul(8)?)?;
        let agents = self.junior_first[self.junior_count.len()]
            .checked_add(self.senior_first[self.senior_count.len()])?
            .checked_add(pairs.checked_mul(4)?)?;
        entries
            .checked_mul(32)?
            .checked_add(agents.checked_mul(56)?)
    }
}

/// Where the agents of the instance are: junior copies, then `e_s` and `p_e` of each pair `e`
/// (`junior_copies + 2e` and `+ 1`); senior copies, then `e_j` and `q_e` (`senior_copies + 2e`
/// and `+ 1`).
#[derive(Clone, Copy)]
struct Layout {
    junior_copies: usize,
    senior_copies: usize,
}

impl Layout {
    fn e_s(self, e: usize) -> usize {
        self.junior_copies + 2 * e
    }

    fn p_e(self, e: usize) -> usize {
        self.junior_copies + 2 * e + 1
    }

    fn e_j(self, e: usize) -> usize {
        self.senior_copies + 2 * e
    }

    fn q_e(self, e: usize) -> usize {
        self.senior_copies + 2 * e + 1
    }

    /// The lists of the module docs' table: the junior side's, then the senior side's.
    fn lists(
        self,
        prefs: &Preferences,
        copies: &Copies,
        pairs: &[(usize, usize)],
    ) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
        let pair_start = prefix_sums(
            &(0..prefs.juniors())
                .map(|j| prefs.junior_list(j).len())
                .collect::<Vec<_>>(),
        );
        // The pair of `j` and `s`: the lists are mutual, so `s` is on `j`'s list.
        let pair_of = |j: usize, s: usize| {
            let rank = prefs.junior_rank(j, s);
            debug_assert!(rank.is_some(), "the lists must be mutual");
            pair_start[j] + rank.unwrap_or(0)
        };
        let mut juniors: Vec<Vec<usize>> =
            Vec::with_capacity(copies.junior_first[copies.junior_count.len()] + 2 * pairs.len());
        for (j, &count) in copies.junior_count.iter().enumerate() {
            let list: Vec<usize> = (pair_start[j]..pair_start[j + 1])
                .map(|e| self.e_j(e))
                .collect();
            juniors.extend(std::iter::repeat_n(list, count));
        }
        let mut seniors: Vec<Vec<usize>> =
            Vec::with_capacity(copies.senior_first[copies.senior_count.len()] + 2 * pairs.len());
        for (s, &count) in copies.senior_count.iter().enumerate() {
            let list: Vec<usize> = prefs
                .senior_list(s)
                .iter()
                .map(|&j| self.e_s(pair_of(j, s)))
                .collect();
            seniors.extend(std::iter::repeat_n(list, count));
        }
        for (e, &(j, s)) in pairs.iter().enumerate() {
            // e_s: e_j, the copies of s, q_e; p_e: q_e, e_j.
            let mut list = vec![self.e_j(e)];
            list.extend(copies.senior_first[s]..copies.senior_first[s + 1]);
            list.push(self.q_e(e));
            juniors.push(list);
            juniors.push(vec![self.q_e(e), self.e_j(e)]);
            // e_j: p_e, the copies of j, e_s; q_e: e_s, p_e (pushed in the same order, so
            // `e_j` and `q_e` land at `senior_copies + 2e` and `+ 1`).
            let mut list = vec![self.p_e(e)];
            list.extend(copies.junior_first[j]..copies.junior_first[j + 1]);
            list.push(self.e_s(e));
            seniors.push(list);
            seniors.push(vec![self.e_s(e), self.p_e(e)]);
        }
        (juniors, seniors)
    }
}

/// `[0, c0, c0 + c1, ...]`.
fn prefix_sums(counts: &[usize]) -> Vec<usize> {
    let mut first = Vec::with_capacity(counts.len() + 1);
    first.push(0);
    for &c in counts {
        first.push(first.last().copied().unwrap_or(0) + c);
    }
    first
}

/// The lists of `prefs` cut to the pairs some pairwise stable pairing may hold, as the
/// many-to-many form of Gale–Shapley lists (Gusfield & Irving 1989, §1.2.5): the pairs of a
/// senior full in the juniors' optimum `first` with a junior she ranks below all her partners
/// there, and of a junior full in the seniors' optimum `last` with a senior he ranks below all
/// his partners there, go. The stable pairings stay the same: a senior's partners in any
/// stable pairing are as many as in `first` and each one she has only there beats each one she
/// has only in `first` (the juniors' optimum is her worst), so a full senior never holds such a
/// junior, nor would she take him (the same for juniors with `last`); and `first` stays the
/// juniors' optimum of the cut lists, as the pairs cut were either never proposed or turned
/// down. Checked against every stable pairing of small instances by the fair strategies' tests
/// (cutting one rank more makes them fail).
///
/// Most pairs of a programme can never be stable, so the clones and the gadgets built on the
/// cut lists are far smaller: at 1000 juniors of capacity 2 and 250 seniors of capacity 4 the
/// fair strategies went from about 0.36 s to about 8 ms (BENCHMARKS.md).
pub(super) fn stable_range(
    prefs: &Preferences,
    capacities: &Capacities,
    first: &[(usize, usize)],
    last: &[(usize, usize)],
) -> Result<Preferences> {
    let (n, m) = (prefs.juniors(), prefs.seniors());
    // Each senior's worst rank in `first` and how many partners, each junior's in `last`.
    let mut senior_worst = vec![(0_usize, 0_usize); m];
    for &(j, s) in first {
        let rank = prefs.senior_rank(j, s).unwrap_or(0);
        senior_worst[s] = (senior_worst[s].0.max(rank), senior_worst[s].1 + 1);
    }
    let mut junior_worst = vec![(0_usize, 0_usize); n];
    for &(j, s) in last {
        let rank = prefs.junior_rank(j, s).unwrap_or(0);
        junior_worst[j] = (junior_worst[j].0.max(rank), junior_worst[j].1 + 1);
    }
    let full = |(_, load): (usize, usize), capacity: u32| load >= capacity as usize;
    let below = |worst: (usize, usize), rank: Option<usize>| rank.is_some_and(|r| r > worst.0);
    let keeps = |j: usize, s: usize| {
        let senior_cuts = full(senior_worst[s], capacities.senior(s))
            && below(senior_worst[s], prefs.senior_rank(j, s));
        let junior_cuts = full(junior_worst[j], capacities.junior(j))
            && below(junior_worst[j], prefs.junior_rank(j, s));
        !(senior_cuts || junior_cuts)
    };
    let junior_lists: Vec<Vec<usize>> = (0..n)
        .map(|j| {
            prefs
                .junior_list(j)
                .iter()
                .copied()
                .filter(|&s| keeps(j, s))
                .collect()
        })
        .collect();
    let senior_lists: Vec<Vec<usize>> = (0..m)
        .map(|s| {
            prefs
                .senior_list(s)
                .iter()
                .copied()
                .filter(|&j| keeps(j, s))
                .collect()
        })
        .collect();
    Preferences::from_short_lists(&junior_lists, &senior_lists, || MatrixError::TooLarge {
        what: "the stable pairs' preference lists",
        rows: n,
        cols: m,
    })
}
