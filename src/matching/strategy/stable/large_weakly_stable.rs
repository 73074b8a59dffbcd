//! A large weakly stable pairing when utilities tie: Király's 3/2-approximation (Király 2013).

use super::deferred_acceptance::Proposers;
use super::sides::Sides;
use crate::matching::error::Result;
use crate::matching::pair_scores::PairScores;
use crate::matching::strategy::pairing::{Pairing, Strategy};
use std::cmp::Ordering;

/// A weakly stable pairing with at least two thirds as many pairs as the largest weakly stable
/// pairing, with ties kept as ties (two partners of equal utility are equally good).
///
/// When utilities tie, weakly stable pairings (no allowed pair, not paired together, in which
/// both agents strictly prefer each other) differ in size, and which one deferred acceptance
/// finds depends on how its lists break the ties: the [strategy
/// table](crate::strategy#the-built-in-strategies)'s stable strategies break them by the lower
/// index and may leave out people a different tie-break would pair. Finding the largest weakly
/// stable pairing is NP-hard, even with ties on one side only (Manlove et al. 2002); this
/// strategy is Király's linear-time 3/2-approximation for ties on both sides (Király 2013, the
/// "new algorithm" of its section 3), a change of deferred acceptance in three rules:
///
/// 1. Each proposer goes down its list a tie at a time, and within a tie asks first the
///    receivers nobody has asked yet (*maidens*), then the others. An engaged proposer whose
///    current tie still holds a maiden is *uncertain*: it could be equally happy elsewhere.
/// 2. A receiver whose partner is uncertain accepts any proposal (the partner then asks the
///    maidens of its tie, keeping her for later); otherwise she accepts a proposer she strictly
///    prefers to her partner, as in deferred acceptance.
/// 3. A proposer turned down by every receiver on its list gets a second chance: its list is
///    restored and it goes down it once more as a *bachelor*; a receiver prefers a bachelor to
///    a first-round proposer she likes as much. Turned down twice, it stays unmatched.
///
/// The result is weakly stable with ties as ties, whatever the order of proposals, and has at
/// least 2/3 as many pairs as the largest weakly stable pairing (Király 2013): the rules leave
/// no path of three pairs, alternating between this pairing and a largest one, that would let
/// the largest one pair two people this one leaves out. Both guarantees are checked
/// against every matching of random instances up to 6 × 6 in the tests. With no ties on
/// either side it is deferred acceptance itself: each tie holds one receiver, so nobody is
/// uncertain and every receiver is asked in list order; a receiver never likes two proposers
/// as much, so the bachelor rule never applies; and a second pass changes nothing, since each
/// receiver who turned a proposer down holds someone she strictly prefers for good. So every
/// agent is matched as in [`DeferredAcceptance`](crate::strategy::DeferredAcceptance) with the
/// same proposers (tested). Ties on the receivers' side alone already differ: a bachelor wins
/// a tie that deferred acceptance gives to the lower index.
///
/// Deterministic: proposers start in index order, a proposer left for another proposes again
/// at once, and within a tie a proposer asks the lower index first. One to one only (capacities above 1 are refused).
///
/// # Complexity
///
/// `O(nm log(n + m))` to sort the lists, then `O(nm)`: each proposer reads its list at most
/// twice, and each receiver sends back an uncertain partner at most once (she is a maiden when
/// an uncertain proposer gets her, and never again after).
///
/// # References
///
/// - Z. Király (2013), *Linear time local approximation algorithm for maximum stable marriage*,
///   Algorithms 6(3), 471–484.
/// - D. F. Manlove, R. W. Irving, K. Iwama, S. Miyazaki, Y. Morita (2002), *Hard variants of
///   stable marriage*, Theoretical Computer Science 276(1–2), 261–279.
///
/// # Errors
///
/// None in practice: the pairing is built with [`Pairing::new`], whose checks it passes.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{DeferredAcceptance, LargeWeaklyStable, Proposers, Strategy};
/// use mentor_match::PairScores;
///
/// // Junior 0 likes both seniors as much; junior 1 may only go to senior 0, who likes both
/// // juniors as much.
/// let mut scores = PairScores::new(2, 2, vec![0.5, 0.5, 0.5, 0.0], vec![0.5, 0.5, 0.5, 0.0])?;
/// scores.forbid(1, 1)?;
/// // Ties broken by the lower index: junior 0 takes senior 0 and junior 1 is left out.
/// assert_eq!(DeferredAcceptance::new(Proposers::Juniors).pair(&scores)?.pairs(), &[(0, 0)]);
/// // Junior 0 is uncertain with senior 0 (senior 1 is as good and nobody has asked her), so
/// // senior 0 takes junior 1 and junior 0 goes to senior 1: both weakly stable, one twice the
/// // size.
/// let large = LargeWeaklyStable::new(Proposers::Juniors).pair(&scores)?;
/// assert_eq!(large.pairs(), &[(0, 1), (1, 0)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LargeWeaklyStable {
    proposers: Proposers,
}

impl LargeWeaklyStable {
    /// Király's algorithm with `proposers` proposing.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{LargeWeaklyStable, Proposers, Strategy};
    ///
    /// let seniors_first = LargeWeaklyStable::new(Proposers::Seniors);
    /// assert_eq!(seniors_first.name(), "large_weakly_stable_seniors");
    /// assert_eq!(seniors_first.proposers(), Proposers::Seniors);
    /// ```
    pub fn new(proposers: Proposers) -> Self {
        LargeWeaklyStable { proposers }
    }

    /// The proposing side.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{LargeWeaklyStable, Proposers};
    ///
    /// assert_eq!(LargeWeaklyStable::new(Proposers::Juniors).proposers(), Proposers::Juniors);
    /// ```
    pub fn proposers(&self) -> Proposers {
        self.proposers
    }
}

impl Strategy for LargeWeaklyStable {
    fn name(&self) -> &str {
        match self.proposers {
            Proposers::Juniors => "large_weakly_stable_juniors",
            Proposers::Seniors => "large_weakly_stable_seniors",
        }
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        let sides = Sides::new(scores, self.proposers);
        let (proposers, receivers) = sides.counts();
        let pairs = Kiraly::new(
            proposers,
            receivers,
            |p, r| sides.proposer_gain(p, r),
            // Read for acceptable pairs only, which are allowed.
            |r, p| sides.receiver_gain(r, p).unwrap_or(0.0),
        )
        .run();
        Pairing::new(scores, sides.junior_senior(pairs))
    }
}

/// Which pass down its list a proposer is on (Király's lad, bachelor and old bachelor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pass {
    First,
    Second,
    Done,
}

/// Where a proposer stands: its pass, the end of its current tie (a place in its list), how far
/// the maiden scan and the in-order reading of that tie have got (both start at the tie's
/// start), and the place of its partner.
#[derive(Debug, Clone, Copy)]
struct Proposer {
    pass: Pass,
    tie_end: usize,
    maiden_scan: usize,
    reading: usize,
    partner_at: Option<usize>,
}

/// Whether a receiver who leaves a proposer for another stays on his list: yes when she left
/// him only because he was uncertain, so that he may ask her again once his tie has no maidens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Leaving {
    KeepHer,
    StrikeHer,
}

/// The state of Király's algorithm for `receivers` receivers and the proposers' flat lists.
struct Kiraly<G> {
    /// Proposer `p`'s list is `list[start[p]..start[p + 1]]`, best first, ties in index order;
    /// `gain` holds what `p` gains from each, for finding the ties.
    start: Vec<usize>,
    list: Vec<usize>,
    gain: Vec<f64>,
    /// `struck[k]`: the receiver at place `k` turned the proposer down for good in this pass.
    struck: Vec<bool>,
    proposer: Vec<Proposer>,
    /// Each receiver's partner; a receiver once engaged is never free again.
    partner: Vec<Option<usize>>,
    receiver_gain: G,
}

impl<G: Fn(usize, usize) -> f64> Kiraly<G> {
    /// The lists of `proposers` proposers over `receivers` receivers: `proposer_gain(p, r)` is
    /// `None` for an unacceptable pair; `receiver_gain(r, p)` is read for acceptable ones only.
    fn new(
        proposers: usize,
        receivers: usize,
        proposer_gain: impl Fn(usize, usize) -> Option<f64>,
        receiver_gain: G,
    ) -> Self {
        let mut start = Vec::with_capacity(proposers + 1);
        let mut entries: Vec<(usize, f64)> = Vec::new();
        start.push(0);
        for p in 0..proposers {
            let from = entries.len();
            entries.extend((0..receivers).filter_map(|r| proposer_gain(p, r).map(|g| (r, g))));
            // Stable: a tie keeps index order, so the lower index is asked first. Equal gains
            // compare equal here as in the ties below (-0.0 with 0.0 too); no gain is NaN.
            entries[from..].sort_by(|x, y| y.1.partial_cmp(&x.1).unwrap_or(Ordering::Equal));
            start.push(entries.len());
        }
        let proposer = (0..proposers)
            .map(|p| Proposer {
                pass: Pass::First,
                tie_end: start[p],
                maiden_scan: start[p],
                reading: start[p],
                partner_at: None,
            })
            .collect();
        Kiraly {
            struck: vec![false; entries.len()],
            list: entries.iter().map(|e| e.0).collect(),
            gain: entries.iter().map(|e| e.1).collect(),
            start,
            proposer,
            partner: vec![None; receivers],
            receiver_gain,
        }
    }

    /// Runs every proposer until each is engaged or done; the `(proposer, receiver)` pairs.
    fn run(mut self) -> Vec<(usize, usize)> {
        let mut free: Vec<usize> = (0..self.proposer.len()).rev().collect();
        while let Some(p) = free.pop() {
            if let Some(left) = self.propose(p) {
                free.push(left);
            }
        }
        self.partner
            .iter()
            .enumerate()
            .filter_map(|(r, p)| p.map(|p| (p, r)))
            .collect()
    }

    /// Free proposer `p` proposes until it is engaged or done; the proposer its new partner
    /// left for it, if any.
    fn propose(&mut self, p: usize) -> Option<usize> {
        loop {
            // Rule 1: a maiden of the current tie first (she always accepts).
            if let Some(k) = self.maiden(p) {
                return self.engage(p, k, Leaving::KeepHer);
            }
            // Then the rest of the tie in list order; a refusal now is for this whole pass.
            while self.proposer[p].reading < self.proposer[p].tie_end {
                let k = self.proposer[p].reading;
                self.proposer[p].reading += 1;
                if self.struck[k] {
                    continue;
                }
                if let Some(leaving) = self.accepts(p, k) {
                    return self.engage(p, k, leaving);
                }
                self.struck[k] = true;
            }
            if !self.next_tie(p) {
                return None;
            }
        }
    }

    /// Moves `p` to its next tie, or (rule 3) to the head of its restored list for the second
    /// pass; `false` when both passes are over.
    fn next_tie(&mut self, p: usize) -> bool {
        let end = self.start[p + 1];
        let me = &mut self.proposer[p];
        if me.tie_end == end {
            match me.pass {
                Pass::First if self.start[p] < end => {
                    me.pass = Pass::Second;
                    me.tie_end = self.start[p];
                    self.struck[self.start[p]..end].fill(false);
                }
                Pass::First | Pass::Second | Pass::Done => {
                    me.pass = Pass::Done;
                    return false;
                }
            }
        }
        let from = me.tie_end;
        let head = self.gain[from];
        let len = self.gain[from..end]
            .iter()
            .take_while(|&&g| g == head)
            .count();
        *me = Proposer {
            tie_end: from + len,
            maiden_scan: from,
            reading: from,
            ..*me
        };
        true
    }

    /// The place of the first maiden in `p`'s current tie, if any. Receivers stop being
    /// maidens for good, so the scan only moves forward.
    fn maiden(&mut self, p: usize) -> Option<usize> {
        let me = &mut self.proposer[p];
        while me.maiden_scan < me.tie_end {
            if self.partner[self.list[me.maiden_scan]].is_none() {
                return Some(me.maiden_scan);
            }
            me.maiden_scan += 1;
        }
        None
    }

    /// Rule 1's uncertainty: `p` is engaged on its first pass with a maiden left in its tie.
    fn uncertain(&mut self, p: usize) -> bool {
        self.proposer[p].pass == Pass::First && self.maiden(p).is_some()
    }

    /// Whether the receiver at place `k` of `p`'s list accepts `p` (rule 2, and rule 3's
    /// preference for a bachelor), and what it means for the partner she leaves.
    fn accepts(&mut self, p: usize, k: usize) -> Option<Leaving> {
        let r = self.list[k];
        // A free receiver is a maiden, whom `maiden` finds before the in-order reading starts.
        debug_assert!(self.partner[r].is_some(), "a maiden read in order");
        let Some(q) = self.partner[r] else {
            return Some(Leaving::StrikeHer);
        };
        if self.uncertain(q) {
            return Some(Leaving::KeepHer);
        }
        let (mine, theirs) = ((self.receiver_gain)(r, p), (self.receiver_gain)(r, q));
        let bachelor_over_lad =
            self.proposer[p].pass == Pass::Second && self.proposer[q].pass == Pass::First;
        (mine > theirs || (mine == theirs && bachelor_over_lad)).then_some(Leaving::StrikeHer)
    }

    /// Engages `p` to the receiver at place `k`; the partner she leaves, if any, loses her from
    /// its list for this pass unless `leaving` keeps her.
    fn engage(&mut self, p: usize, k: usize, leaving: Leaving) -> Option<usize> {
        let r = self.list[k];
        let left = self.partner[r].replace(p);
        self.proposer[p].partner_at = Some(k);
        if let Some(q) = left {
            let at = self.proposer[q].partner_at.take();
            if let (Leaving::StrikeHer, Some(at)) = (leaving, at) {
                self.struck[at] = true;
            }
        }
        left
    }
}
