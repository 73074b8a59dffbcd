//! The scores read from the proposing side's point of view, for the stable algorithms that
//! are written for proposers and receivers (super-stable, Király's): who is which, what each
//! gains from the other, and the pairs turned back into `(junior, senior)`.

use super::deferred_acceptance::Proposers;
use crate::matching::pair_scores::PairScores;

/// `scores` with `proposers` proposing.
#[derive(Debug, Clone, Copy)]
pub(super) struct Sides<'a> {
    scores: &'a PairScores,
    proposers: Proposers,
}

impl<'a> Sides<'a> {
    pub(super) fn new(scores: &'a PairScores, proposers: Proposers) -> Self {
        Sides { scores, proposers }
    }

    /// How many proposers and how many receivers.
    pub(super) fn counts(&self) -> (usize, usize) {
        let (n, m) = (self.scores.juniors(), self.scores.seniors());
        match self.proposers {
            Proposers::Juniors => (n, m),
            Proposers::Seniors => (m, n),
        }
    }

    /// The score cell of proposer `p` and receiver `r`.
    fn cell(&self, p: usize, r: usize) -> usize {
        let m = self.scores.seniors();
        match self.proposers {
            Proposers::Juniors => p * m + r,
            Proposers::Seniors => r * m + p,
        }
    }

    /// What proposer `p` gains from receiver `r`; `None` when the pair is forbidden.
    pub(super) fn proposer_gain(&self, p: usize, r: usize) -> Option<f64> {
        let cell = self.cell(p, r);
        let gains = match self.proposers {
            Proposers::Juniors => self.scores.junior_gains(),
            Proposers::Seniors => self.scores.senior_gains(),
        };
        self.scores.allowed()[cell].then(|| gains[cell])
    }

    /// What receiver `r` gains from proposer `p`; `None` when the pair is forbidden.
    pub(super) fn receiver_gain(&self, r: usize, p: usize) -> Option<f64> {
        let cell = self.cell(p, r);
        let gains = match self.proposers {
            Proposers::Juniors => self.scores.senior_gains(),
            Proposers::Seniors => self.scores.junior_gains(),
        };
        self.scores.allowed()[cell].then(|| gains[cell])
    }

    /// `(proposer, receiver)` pairs as `(junior, senior)` pairs.
    pub(super) fn junior_senior(&self, pairs: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
        match self.proposers {
            Proposers::Juniors => pairs,
            Proposers::Seniors => pairs.into_iter().map(|(s, j)| (j, s)).collect(),
        }
    }
}
