//! Super-stable pairings when utilities tie (Irving 1994; Manlove 2002 for incomplete lists).

use super::deferred_acceptance::Proposers;
use super::sides::Sides;
use crate::matching::error::{MatrixError, Result};
use crate::matching::pair_scores::PairScores;
use crate::matching::strategy::pairing::{Pairing, Strategy};

/// A super-stable pairing, when one exists: with ties kept as ties (two partners of equal
/// utility are equally good), no allowed pair, not paired together, in which each agent likes
/// the other at least as much as its partner (an unmatched agent likes any acceptable partner
/// more). Of the three stability notions under ties it is the strongest: a super-stable pairing
/// is stable for every way of breaking the ties, so nobody can find a partner at least as good
/// who would not mind leaving theirs.
///
/// Found by Irving's algorithm SUPER (Irving 1994, for incomplete lists Manlove 2002): each
/// free proposer proposes to every partner tied at the head of its list and becomes engaged to
/// each; a receiver then deletes from her list everyone she likes less than the proposer
/// (breaking their engagements with her); a receiver engaged to several proposers breaks all
/// those engagements and deletes the last tie of her list. When nobody free has a list left,
/// the engagements are a super-stable pairing unless a proposer is engaged to several receivers
/// or a receiver who was ever proposed to is free, in which case none exists (Irving 1994,
/// Theorem 2). The result is the proposers' best super-stable pairing. All super-stable
/// pairings pair the same agents.
///
/// *Weakly* stable pairings (no pair in which both agents strictly prefer each other) always
/// exist: every one of the stable strategies of the [strategy
/// table](crate::strategy#the-built-in-strategies) returns one, ties broken by lower index as
/// stated there.
///
/// # Complexity
///
/// `O(nm log(n + m))` to sort the lists, then `O(nm)` for the proposals and deletions (each
/// pair is proposed at most once and deleted at most once) when ties are short: a receiver
/// finds the end of a proposer's tie by reading it, and a proposer freed again re-reads the tie
/// at its head, so with ties of length up to `t` the bound is `O(nm · t)`.
///
/// # Errors
///
/// [`MatrixError::NoneExists`] when no super-stable pairing exists.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{Proposers, Strategy, SuperStable};
/// use mentor_match::{MatrixError, PairScores};
///
/// // Both seniors are equally good for junior 0; each senior likes junior 0 best.
/// let scores = PairScores::new(2, 2, vec![0.5, 0.5, 0.9, 0.1], vec![0.9, 0.9, 0.2, 0.2])?;
/// // Junior 0 with either senior leaves the other senior blocking with him (he is indifferent
/// // and she prefers him): no super-stable pairing.
/// assert!(matches!(
///     SuperStable::new(Proposers::Juniors).pair(&scores),
///     Err(MatrixError::NoneExists { .. })
/// ));
/// // Without the tie there is one.
/// let strict = PairScores::new(2, 2, vec![0.6, 0.5, 0.9, 0.1], vec![0.9, 0.9, 0.2, 0.2])?;
/// let pairing = SuperStable::new(Proposers::Juniors).pair(&strict)?;
/// assert_eq!(pairing.pairs(), &[(0, 0), (1, 1)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SuperStable {
    proposers: Proposers,
}

impl SuperStable {
    /// The proposers' best super-stable pairing, when one exists.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{Proposers, Strategy, SuperStable};
    /// use mentor_match::PairScores;
    ///
    /// // Strict lists: each junior's favourite senior also likes that junior best.
    /// let scores = PairScores::new(2, 2, vec![0.9, 0.1, 0.2, 0.8], vec![0.7, 0.3, 0.4, 0.6])?;
    /// let seniors = SuperStable::new(Proposers::Seniors);
    /// assert_eq!(seniors.name(), "super_stable_seniors");
    /// assert_eq!(seniors.pair(&scores)?.pairs(), &[(0, 0), (1, 1)]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn new(proposers: Proposers) -> Self {
        SuperStable { proposers }
    }

    /// The proposing side.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{Proposers, SuperStable};
    ///
    /// assert_eq!(SuperStable::new(Proposers::Juniors).proposers(), Proposers::Juniors);
    /// ```
    pub fn proposers(&self) -> Proposers {
        self.proposers
    }
}

impl Strategy for SuperStable {
    fn name(&self) -> &str {
        match self.proposers {
            Proposers::Juniors => "super_stable_juniors",
            Proposers::Seniors => "super_stable_seniors",
        }
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        let sides = Sides::new(scores, self.proposers);
        let (proposers, receivers) = sides.counts();
        let pairs = super_stable(
            proposers,
            receivers,
            |p, r| sides.proposer_gain(p, r),
            |r, p| sides.receiver_gain(r, p),
        )
        .ok_or(MatrixError::NoneExists {
            what: "super-stable pairing",
        })?;
        Pairing::new(scores, sides.junior_senior(pairs))
    }
}

/// Algorithm SUPER for `proposers` and `receivers`: `proposer_gain(p, r)` and
/// `receiver_gain(r, p)` are what each gains (`None`: unacceptable). The `(proposer, receiver)`
/// pairs of the proposers' best super-stable matching, or `None` when none exists.
fn super_stable(
    proposers: usize,
    receivers: usize,
    proposer_gain: impl Fn(usize, usize) -> Option<f64>,
    receiver_gain: impl Fn(usize, usize) -> Option<f64>,
) -> Option<Vec<(usize, usize)>> {
    // Lists sorted best first (stable sort: ties keep index order, which does not matter here:
    // a tie is handled as a whole).
    let sorted = |count: usize, others: usize, gain: &dyn Fn(usize, usize) -> Option<f64>| {
        (0..count)
            .map(|x| {
                let mut list: Vec<(usize, f64)> = (0..others)
                    .filter_map(|y| gain(x, y).map(|g| (y, g)))
                    .collect();
                list.sort_by(|p, q| q.1.total_cmp(&p.1));
                list
            })
            .collect::<Vec<_>>()
    };
    let proposer_lists = sorted(proposers, receivers, &proposer_gain);
    let receiver_lists = sorted(receivers, proposers, &receiver_gain);
    // Where each proposer stands in each receiver's list, so that "deleted" is one comparison:
    // a receiver's deletions always cut her list from the end, at `end[r]`.
    let mut place = vec![usize::MAX; proposers * receivers];
    for (r, list) in receiver_lists.iter().enumerate() {
        for (i, &(p, _)) in list.iter().enumerate() {
            place[p * receivers + r] = i;
        }
    }
    let mut end: Vec<usize> = receiver_lists.iter().map(Vec::len).collect();
    let deleted = |end: &[usize], p: usize, r: usize| place[p * receivers + r] >= end[r];
    // `next[p]`: where `p`'s undeleted list may start; deletions only move it forward.
    let mut next = vec![0_usize; proposers];
    let mut engaged_to: Vec<Vec<usize>> = vec![Vec::new(); receivers];
    let mut engagements = vec![0_usize; proposers];
    let mut proposed_to = vec![false; receivers];
    let mut free: Vec<usize> = (0..proposers).rev().collect();
    // Breaks the engagements of `r` with the proposers at places `from..` of her list, deletes
    // those pairs, and frees the proposers left without an engagement.
    let cut = |r: usize,
               from: usize,
               end: &mut [usize],
               engaged_to: &mut [Vec<usize>],
               engagements: &mut [usize],
               free: &mut Vec<usize>| {
        if from >= end[r] {
            return;
        }
        end[r] = from;
        engaged_to[r].retain(|&p| {
            let keep = place[p * receivers + r] < from;
            if !keep {
                engagements[p] -= 1;
                if engagements[p] == 0 {
                    free.push(p);
                }
            }
            keep
        });
    };
    loop {
        while let Some(p) = free.pop() {
            if engagements[p] > 0 {
                continue;
            }
            let list = &proposer_lists[p];
            while next[p] < list.len() && deleted(&end, p, list[next[p]].0) {
                next[p] += 1;
            }
            let Some(&(_, head)) = list.get(next[p]) else {
                continue; // an empty list: stays unmatched
            };
            let tie: Vec<usize> = list[next[p]..]
                .iter()
                .take_while(|&&(_, g)| g == head)
                .map(|&(r, _)| r)
                .filter(|&r| !deleted(&end, p, r))
                .collect();
            // A receiver's cuts touch her own list only, so the tie stays undeleted throughout.
            for r in tie {
                proposed_to[r] = true;
                engaged_to[r].push(p);
                engagements[p] += 1;
                // Delete every proposer `r` likes less than `p`: her list after `p`'s tie.
                let list = &receiver_lists[r];
                let mine = list[place[p * receivers + r]].1;
                let after = list[place[p * receivers + r]..end[r]]
                    .iter()
                    .position(|&(_, g)| g < mine)
                    .map_or(end[r], |k| place[p * receivers + r] + k);
                cut(
                    r,
                    after,
                    &mut end,
                    &mut engaged_to,
                    &mut engagements,
                    &mut free,
                );
            }
        }
        // Receivers engaged to several proposers break every engagement and delete their tail.
        let mut any = false;
        for r in 0..receivers {
            if engaged_to[r].len() > 1 {
                any = true;
                let list = &receiver_lists[r];
                let last = list[end[r] - 1].1;
                let tail = list[..end[r]]
                    .iter()
                    .rposition(|&(_, g)| g != last)
                    .map_or(0, |k| k + 1);
                // Every engaged proposer lies in the tail (the receiver deleted everyone she
                // likes less than any of them, and they tie), so cutting the tail breaks all.
                cut(
                    r,
                    tail,
                    &mut end,
                    &mut engaged_to,
                    &mut engagements,
                    &mut free,
                );
                debug_assert!(engaged_to[r].is_empty());
            }
        }
        if !any {
            break;
        }
    }
    let several = engagements.iter().any(|&e| e > 1);
    let jilted = (0..receivers).any(|r| proposed_to[r] && engaged_to[r].is_empty());
    if several || jilted {
        return None;
    }
    Some(
        engaged_to
            .iter()
            .enumerate()
            .flat_map(|(r, ps)| ps.iter().map(move |&p| (p, r)))
            .collect(),
    )
}
