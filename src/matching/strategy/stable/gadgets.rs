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
//! of `j` while `e_s` is free. The four-agent cycle above came from a one-off search outside
//! the repository over every gadget of two to four agents, checked there against every
//! pairwise stable pairing of random instances up to 4 + 4 agents of capacity up to 3 (26,700
//! instances): the images of the stable matchings were exactly the pairwise stable pairings,
//! with no half-used pair. In the repository, the tests check the fair strategies built on it
//! against every stable pairing of small instances. Gadgets of this kind go
//! back to Cechlárová & Fleiner (2005), who reduce stable b-matching to stable roommates.
//!
//! # Size
//!
//! `Σ c' + 2p` agents a side for `p` acceptable pairs, and list entries `Σ c'·(list length) +
//! p·(c'_j + c'_s + 8)`: linear in the pairs for bounded capacities. Ranks are looked up by a
//! binary search in a list ([`Preferences::from_short_lists`]). The fair strategies build it
//! on the lists [`stable_range`](super::range::stable_range) cuts to the pairs a stable
//! pairing may hold (their times are in [`EgalitarianStable`](super::EgalitarianStable)'s
//! docs).
//!
//! Reference: K. Cechlárová, T. Fleiner (2005), *On a generalization of the stable roommates
//! problem*, ACM Transactions on Algorithms 1(1), 143–156.

use super::copies::{Copies, prefix_sums};
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
