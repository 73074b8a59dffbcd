//! Deferred acceptance (Gale & Shapley 1962) from either side: the strategy and the algorithm.

use crate::matching::error::Result;
use crate::matching::pair_scores::PairScores;
use crate::matching::strategy::capacities::{CapacitatedPairing, Capacities};
use crate::matching::strategy::pairing::{Pairing, Strategy};
use crate::matching::strategy::preferences::Preferences;
use std::collections::{BinaryHeap, VecDeque};

/// Which side proposes in [`DeferredAcceptance`]; the proposing side gets its optimal stable
/// matching.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{DeferredAcceptance, Proposers, Strategy};
///
/// assert_eq!(DeferredAcceptance::new(Proposers::Seniors).name(), "deferred_acceptance_seniors");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Proposers {
    /// Juniors propose: the junior-optimal stable matching.
    Juniors,
    /// Seniors propose: the senior-optimal stable matching.
    Seniors,
}

/// Gale–Shapley deferred acceptance: the proposing side's optimal stable matching. The
/// built-ins `deferred_acceptance_juniors` and `deferred_acceptance_seniors`, defined in the
/// [strategy table](crate::strategy#the-built-in-strategies).
///
/// Each free proposer offers itself to the next partner on its list; a receiver holds the best
/// offer so far and turns the others down, until nobody free has anyone left to ask (Gale &
/// Shapley 1962). The result is stable, and every proposer has its best partner in any stable
/// matching while every receiver has its worst (Gale & Shapley 1962; McVitie & Wilson 1971 for
/// the receivers). Preferences are the induced ones of [`Preferences`]; lists may be incomplete
/// (forbidden pairs) and the sides of different sizes: proposers left unmatched are unmatched in
/// every stable matching.
///
/// The matching does not depend on the order of the proposals; free proposers are served in
/// index order, first in, first out.
///
/// # Complexity
///
/// `O(nm)` time for the proposals (each proposer asks each partner at most once; under
/// capacities `O(nm log c)` for receivers of capacity up to `c`), `O(n + m)` extra memory one to
/// one and `O(n + m + p)` for `p` pairs under capacities, after building the preferences in
/// `O(nm log(n + m))` time and `O(nm)` memory.
///
/// # Errors
///
/// None in practice: the pairing is built with [`Pairing::new`], whose checks it passes.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{DeferredAcceptance, Proposers, Strategy};
/// use mentor_match::PairScores;
///
/// // Both juniors want senior 0 most; senior 0 would rather teach junior 1.
/// let junior_gain = vec![0.9, 0.5, 0.8, 0.6];
/// let senior_gain = vec![0.2, 0.7, 0.9, 0.4];
/// let scores = PairScores::new(2, 2, junior_gain, senior_gain)?;
/// let juniors = DeferredAcceptance::new(Proposers::Juniors).pair(&scores)?;
/// assert_eq!(juniors.pairs(), &[(0, 1), (1, 0)]);
/// // Here each senior's favourite is also stable: both sides' optima coincide.
/// let seniors = DeferredAcceptance::new(Proposers::Seniors).pair(&scores)?;
/// assert_eq!(seniors, juniors);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeferredAcceptance {
    proposers: Proposers,
}

impl DeferredAcceptance {
    /// Deferred acceptance with `proposers` proposing.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{DeferredAcceptance, Proposers, Strategy};
    ///
    /// let da = DeferredAcceptance::new(Proposers::Juniors);
    /// assert_eq!(da.proposers(), Proposers::Juniors);
    /// assert_eq!(da.name(), "deferred_acceptance_juniors");
    /// ```
    pub fn new(proposers: Proposers) -> Self {
        DeferredAcceptance { proposers }
    }

    /// The proposing side.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{DeferredAcceptance, Proposers};
    ///
    /// assert_eq!(DeferredAcceptance::new(Proposers::Seniors).proposers(), Proposers::Seniors);
    /// ```
    pub fn proposers(&self) -> Proposers {
        self.proposers
    }
}

impl Strategy for DeferredAcceptance {
    fn name(&self) -> &str {
        match self.proposers {
            Proposers::Juniors => "deferred_acceptance_juniors",
            Proposers::Seniors => "deferred_acceptance_seniors",
        }
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        let one_to_one = Capacities::one_to_one(scores.juniors(), scores.seniors());
        self.pair_within(scores, &one_to_one, 0)?.to_pairing(scores)
    }

    fn pair_within(
        &self,
        scores: &PairScores,
        capacities: &Capacities,
        _seed: u64,
    ) -> Result<CapacitatedPairing> {
        capacities.check(scores)?;
        let prefs = Preferences::induced(scores);
        let pairs = deferred_acceptance_within(&prefs, self.proposers, capacities);
        CapacitatedPairing::new(scores, capacities, pairs)
    }
}

/// Deferred acceptance with `proposers` proposing, one to one: the senior of each junior.
pub(super) fn deferred_acceptance(prefs: &Preferences, proposers: Proposers) -> Vec<Option<usize>> {
    let one_to_one = Capacities::one_to_one(prefs.juniors(), prefs.seniors());
    let mut senior_of = vec![None; prefs.juniors()];
    for (j, s) in deferred_acceptance_within(prefs, proposers, &one_to_one) {
        senior_of[j] = Some(s);
    }
    senior_of
}

/// Deferred acceptance with `proposers` proposing under `capacities`: the `(junior, senior)`
/// pairs.
pub(super) fn deferred_acceptance_within(
    prefs: &Preferences,
    proposers: Proposers,
    capacities: &Capacities,
) -> Vec<(usize, usize)> {
    let (n, m) = (prefs.juniors(), prefs.seniors());
    match proposers {
        Proposers::Juniors => propose(
            Side {
                count: n,
                capacity: capacities.juniors(),
            },
            Side {
                count: m,
                capacity: capacities.seniors(),
            },
            |j| prefs.junior_list(j),
            |s, j| prefs.senior_rank(j, s),
        ),
        Proposers::Seniors => propose(
            Side {
                count: m,
                capacity: capacities.seniors(),
            },
            Side {
                count: n,
                capacity: capacities.juniors(),
            },
            |s| prefs.senior_list(s),
            |j, s| prefs.junior_rank(j, s),
        )
        .into_iter()
        .map(|(s, j)| (j, s))
        .collect(),
    }
}

/// One side of the proposals: how many agents, and each one's capacity.
struct Side<'a> {
    count: usize,
    capacity: &'a [u32],
}

/// Deferred acceptance on one side's lists and the other side's ranks (`rank(receiver,
/// proposer)`), each agent within its capacity (Roth 1984): the `(proposer, receiver)` pairs.
///
/// A proposer with capacity left asks the next partner on its list; a receiver holds the best
/// offers up to its capacity and turns down the worst of them when a better one comes.
fn propose<'a>(
    proposers: Side<'_>,
    receivers: Side<'_>,
    list: impl Fn(usize) -> &'a [usize],
    rank: impl Fn(usize, usize) -> Option<usize>,
) -> Vec<(usize, usize)> {
    // `next[p]`: where `p` stands in its list; everyone before has turned it down for good or
    // holds it, since a receiver's held offers only improve.
    let mut next = vec![0; proposers.count];
    let mut holding = vec![0_u32; proposers.count];
    // Each receiver's held offers as `(rank, proposer)`, the worst on top.
    let mut held: Vec<BinaryHeap<(usize, usize)>> = vec![BinaryHeap::new(); receivers.count];
    let mut asking: VecDeque<usize> = (0..proposers.count).collect();
    while let Some(p) = asking.pop_front() {
        let list = list(p);
        while holding[p] < proposers.capacity[p] {
            let Some(&r) = list.get(next[p]) else { break };
            next[p] += 1;
            // Lists are mutual (both hold exactly the allowed pairs), so `r` ranks `p`.
            let Some(rank_p) = rank(r, p) else { continue };
            let offers = &mut held[r];
            if offers.len() < receivers.capacity[r] as usize {
                offers.push((rank_p, p));
                holding[p] += 1;
            } else if let Some(&(worst, q)) = offers.peek()
                && rank_p < worst
            {
                offers.pop();
                offers.push((rank_p, p));
                holding[p] += 1;
                holding[q] -= 1;
                asking.push_back(q);
            }
        }
    }
    held.into_iter()
        .enumerate()
        .flat_map(|(r, offers)| offers.into_iter().map(move |(_, p)| (p, r)))
        .collect()
}
