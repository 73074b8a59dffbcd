//! Many to many as one to one: each agent as copies, and each acceptable pair as a gadget of
//! four agents whose stable states say whether the pair is formed. The pairwise stable
//! pairings under capacities on both sides are exactly the images of the stable matchings of
//! this stable marriage instance, so the rotations and the fair strategies apply unchanged;
//! only the costs they count are those of the original agents' ranks ([`Costs`]).
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
//! `p_e`–`q_e`, stable exactly when `s` would not take `j` (full with partners it prefers), or
//! `e_j`–`p_e` and `e_s`–`q_e`, stable exactly when `j` would not take `s`. When both would
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
//! p·(c'_j + c'_s + 6)`: linear in the pairs for bounded capacities.
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
    /// The instance for `prefs` under `capacities`, with each agent's copies capped by its
    /// number of partners in the stable pairing `stable` plus one (see the module docs).
    ///
    /// # Errors
    ///
    /// [`MatrixError::TooLarge`] when the instance's size overflows.
    pub(super) fn new(
        prefs: &Preferences,
        capacities: &Capacities,
        stable: &[(usize, usize)],
    ) -> Result<Gadgets> {
        let (n, m) = (prefs.juniors(), prefs.seniors());
        let (mut junior_load, mut senior_load) = (vec![0_usize; n], vec![0_usize; m]);
        for &(j, s) in stable {
            junior_load[j] += 1;
            senior_load[s] += 1;
        }
        let copies = |capacity: u32, load: usize, listed: usize| {
            (capacity as usize).min(load + 1).min(listed)
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
        let first = |counts: &[usize]| -> Vec<usize> {
            let mut first = Vec::with_capacity(counts.len() + 1);
            first.push(0);
            for &c in counts {
                first.push(first.last().copied().unwrap_or(0) + c);
            }
            first
        };
        let (junior_first, senior_first) = (first(&junior_count), first(&senior_count));
        let (jc, sc) = (junior_first[n], senior_first[m]);
        // Pair `e` is the `e`-th entry of the juniors' lists, in order.
        let pair_start = first(
            &(0..n)
                .map(|j| prefs.junior_list(j).len())
                .collect::<Vec<_>>(),
        );
        let pairs: Vec<(usize, usize)> = (0..n)
            .flat_map(|j| prefs.junior_list(j).iter().map(move |&s| (j, s)))
            .collect();
        let p = pairs.len();
        let too_large = || MatrixError::TooLarge {
            what: "the many-to-many gadget instance (agents a side)",
            rows: jc.saturating_add(p.saturating_mul(2)),
            cols: sc.saturating_add(p.saturating_mul(2)),
        };
        let (juniors, seniors) = (
            p.checked_mul(2).and_then(|x| x.checked_add(jc)),
            p.checked_mul(2).and_then(|x| x.checked_add(sc)),
        );
        let (Some(juniors), Some(seniors)) = (juniors, seniors) else {
            return Err(too_large());
        };
        // Checked before anything is built: the copies' lists, the gadgets' lists of copies
        // (as long again) and 8 more entries a pair, each entry held three times (its list,
        // the flat copy, the ranks by senior: 8 + 8 + 16 bytes), and a list per agent.
        let copy_entries = |counts: &[usize], length: &dyn Fn(usize) -> usize| {
            counts.iter().enumerate().try_fold(0_usize, |sum, (x, &c)| {
                c.checked_mul(length(x)).and_then(|e| sum.checked_add(e))
            })
        };
        let entries = copy_entries(&junior_count, &|j| prefs.junior_list(j).len())
            .zip(copy_entries(&senior_count, &|s| prefs.senior_list(s).len()))
            .and_then(|(a, b)| a.checked_add(b)?.checked_mul(2))
            .and_then(|e| e.checked_add(p.checked_mul(8)?));
        let bytes = entries
            .and_then(|e| e.checked_mul(32))
            .and_then(|b| b.checked_add((juniors + seniors).checked_mul(56)?))
            .ok_or_else(too_large)?;
        drop(memory::reserved::<u8>(bytes, too_large)?);
        // The pair of `j` and `s` (acceptable to each other).
        let pair_of = |j: usize, s: usize| pair_start[j] + prefs.junior_rank(j, s).unwrap_or(0);
        let (e_s, p_e) = (|e: usize| jc + 2 * e, |e: usize| jc + 2 * e + 1);
        let (e_j, q_e) = (|e: usize| sc + 2 * e, |e: usize| sc + 2 * e + 1);
        let mut junior_lists: Vec<Vec<usize>> = Vec::with_capacity(juniors);
        for (j, &count) in junior_count.iter().enumerate() {
            let list: Vec<usize> = (pair_start[j]..pair_start[j + 1]).map(e_j).collect();
            junior_lists.extend(std::iter::repeat_n(list, count));
        }
        let mut senior_lists: Vec<Vec<usize>> = Vec::with_capacity(seniors);
        for (s, &count) in senior_count.iter().enumerate() {
            let list: Vec<usize> = prefs
                .senior_list(s)
                .iter()
                .map(|&j| e_s(pair_of(j, s)))
                .collect();
            senior_lists.extend(std::iter::repeat_n(list, count));
        }
        for (e, &(_, s)) in pairs.iter().enumerate() {
            // e_s, then p_e, among the juniors.
            let mut list = vec![e_j(e)];
            list.extend(senior_first[s]..senior_first[s + 1]);
            list.push(q_e(e));
            junior_lists.push(list);
            junior_lists.push(vec![q_e(e), e_j(e)]);
        }
        for (e, &(j, _)) in pairs.iter().enumerate() {
            // e_j, then q_e, among the seniors.
            let mut list = vec![p_e(e)];
            list.extend(junior_first[j]..junior_first[j + 1]);
            list.push(e_s(e));
            senior_lists.push(list);
            senior_lists.push(vec![e_s(e), p_e(e)]);
        }
        let prefs = Preferences::from_short_lists(&junior_lists, &senior_lists, too_large)?;
        Ok(Gadgets {
            prefs,
            junior_copies: jc,
            senior_copies: sc,
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
