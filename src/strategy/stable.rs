//! Stable strategies (placeholder: being written).

use super::{Pairing, Strategy};
use crate::error::Result;
use crate::pair_scores::PairScores;

/// Which side proposes in [`DeferredAcceptance`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Proposers {
    /// Juniors propose: the junior-optimal stable matching.
    Juniors,
    /// Seniors propose: the senior-optimal stable matching.
    Seniors,
}

/// Gale–Shapley deferred acceptance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeferredAcceptance {
    proposers: Proposers,
}

impl DeferredAcceptance {
    /// Deferred acceptance with `proposers` proposing.
    pub fn new(proposers: Proposers) -> Self {
        DeferredAcceptance { proposers }
    }
}

impl Strategy for DeferredAcceptance {
    fn name(&self) -> &str {
        match self.proposers {
            Proposers::Juniors => "deferred_acceptance_juniors",
            Proposers::Seniors => "deferred_acceptance_seniors",
        }
    }
    fn pair(&self, _scores: &PairScores, _seed: u64) -> Result<Pairing> {
        unimplemented!()
    }
}

/// The stable matching with the smallest sum of ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct EgalitarianStable;

impl Strategy for EgalitarianStable {
    fn name(&self) -> &str {
        "egalitarian_stable"
    }
    fn pair(&self, _scores: &PairScores, _seed: u64) -> Result<Pairing> {
        unimplemented!()
    }
}

/// The stable matching with the smallest worst rank.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct MinimumRegretStable;

impl Strategy for MinimumRegretStable {
    fn name(&self) -> &str {
        "minimum_regret_stable"
    }
    fn pair(&self, _scores: &PairScores, _seed: u64) -> Result<Pairing> {
        unimplemented!()
    }
}
