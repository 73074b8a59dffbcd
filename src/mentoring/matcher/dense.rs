//! The dense method: score every pair, pair them on the full matrix, explain.

use super::builder::Matcher;
use super::result::Matching;
use crate::matching::assignment::{self, Matrix, Options, Sense};
use crate::matching::capacitated;
use crate::mentoring::error::{Error, Result};
use crate::mentoring::model::{ParticipantId, Roster};
use crate::mentoring::roster_scores::RosterScores;

impl Matcher {
    /// The dense method: every pair scored, then paired many-to-many when someone takes
    /// several partners, else by the strategy.
    pub(super) fn solve_dense(&self, roster: &Roster) -> Result<Matching> {
        let scored = self.score(roster)?;
        let weights = scored.weights(self.combination)?;
        let pairs = match (first_with_several_places(roster, &scored), &self.strategy) {
            (Some(p), Some(strategy)) => {
                return Err(Error::UnsupportedCapacity {
                    participant: roster.id(p).to_owned(),
                    capacity: roster.participant(p).capacity,
                    strategy: strategy.name().to_owned(),
                });
            }
            (Some(_), None) => self.pair_many_to_many(roster, &scored, &weights)?,
            (None, _) => self.pair_one_to_one(&scored, &weights)?,
        };
        self.explain(roster, &scored, &pairs)
    }

    /// The exact many-to-many pairs, with first partners first (see `capacitated`).
    fn pair_many_to_many(
        &self,
        roster: &Roster,
        scored: &RosterScores,
        weights: &Matrix<f64>,
    ) -> Result<Vec<(usize, usize)>> {
        let capacities = |ids: &[ParticipantId]| -> Vec<u32> {
            ids.iter()
                .map(|&p| roster.participant(p).capacity)
                .collect()
        };
        let problem = capacitated::Problem::new(
            scored.juniors.len(),
            scored.seniors.len(),
            weights.as_slice().to_vec(),
        )?
        .with_junior_capacities(capacities(&scored.juniors))?
        .with_senior_capacities(capacities(&scored.seniors))?;
        let options = capacitated::Options::new()
            .with_cardinality(self.cardinality())
            .with_spreading(self.spreading);
        Ok(capacitated::solve(&problem, options)?.pairs().to_vec())
    }

    /// The strategy's pairs (the utilitarian optimum under the objective by default), on an
    /// instance in which rule-breaking and zero-score pairs are forbidden.
    fn pair_one_to_one(
        &self,
        scored: &RosterScores,
        weights: &Matrix<f64>,
    ) -> Result<Vec<(usize, usize)>> {
        let mut candidates = scored.scores.clone();
        let ns = scored.seniors.len();
        for (k, w) in weights.as_slice().iter().enumerate() {
            if *w == f64::NEG_INFINITY {
                candidates.forbid(k / ns, k % ns)?;
            }
        }
        let Some(strategy) = self.strategy.as_deref() else {
            // The utilitarian optimum on the weights themselves, which hold the blended
            // scores when the roster has criteria or choices.
            let options = Options::new(Sense::Maximize).with_cardinality(self.cardinality());
            return Ok(assignment::solve_with(weights, options)?.pairs().to_vec());
        };
        Ok(strategy
            .pair_seeded(&candidates, self.seed)?
            .pairs()
            .to_vec())
    }
}

/// The first available participant, juniors first, who takes several partners.
fn first_with_several_places(roster: &Roster, scored: &RosterScores) -> Option<ParticipantId> {
    scored
        .juniors
        .iter()
        .chain(&scored.seniors)
        .copied()
        .find(|&p| roster.participant(p).capacity > 1)
}
