//! The dense method: score every pair, pair them on the full matrix, explain.

use super::builder::Matcher;
use super::preference_source::PreferenceSource;
use super::result::Matching;
use crate::matching::assignment::{self, Matrix, Options, Sense};
use crate::matching::capacitated;
use crate::matching::error::MatrixError;
use crate::matching::pair_scores::PairScores;
use crate::matching::strategy::{Capacities, Strategy};
use crate::mentoring::candidates::Phase;
use crate::mentoring::error::{Error, Result};
use crate::mentoring::mistakes::Mistakes;
use crate::mentoring::model::{ParticipantId, ParticipantSpec, Roster};
use crate::mentoring::roster_scores::{RosterScores, check_minimums};

impl Matcher {
    /// The dense method: every pair scored, then paired by the strategy (under the
    /// participants' capacities), or by default many-to-many when someone takes several
    /// partners or has a minimum, else one to one.
    pub(super) fn solve_dense(&self, roster: &Roster) -> Result<Matching> {
        let scored = self.score(roster)?;
        let weights = scored.weights(self.combination)?;
        // The default one-to-one solve reports its rows; the others only start and end.
        let one_to_one = self.strategy.is_none() && first_needing_flow(roster, &scored).is_none();
        if !one_to_one {
            self.report(Phase::Solving, 0, 1);
        }
        let pairs = match &self.strategy {
            Some(strategy) => {
                // No strategy pairs under minimums: every participant who asks for one is
                // named, and with them every capacity the strategy refuses, so that one run
                // names all that keeps this roster from this strategy.
                let mut found = Mistakes::new();
                for p in available(&scored).filter(|&p| roster.required_partners(p) > 0) {
                    found.push_with(|| Error::UnsupportedMinimum {
                        participant: roster.id(p).to_owned(),
                        minimum: roster.required_partners(p),
                        strategy: strategy.name().to_owned(),
                    });
                }
                if !found.is_empty()
                    && let Some((name, why)) =
                        refused_capacities(roster, &scored, strategy.as_ref())?
                {
                    name_capacities(roster, &scored, &name, why, &mut found);
                }
                found.finish()?;
                self.pair_by_strategy(roster, &scored, &weights, strategy.as_ref())?
            }
            None if first_needing_flow(roster, &scored).is_some() => {
                self.pair_many_to_many(roster, &scored, &weights)?
            }
            None => self.pair_one_to_one(&weights)?,
        };
        if !one_to_one {
            self.report(Phase::Solving, 1, 1);
        }
        self.report(Phase::Explaining, 0, pairs.len());
        let matching = self.explain(roster, &scored, &pairs)?;
        self.report(Phase::Explaining, pairs.len(), pairs.len());
        Ok(matching)
    }

    /// The exact many-to-many pairs, minimums first, then first partners first (see
    /// `capacitated`); [`Error::MinimumUnmet`] for each participant whose minimum the best
    /// pairs still miss.
    fn pair_many_to_many(
        &self,
        roster: &Roster,
        scored: &RosterScores,
        weights: &Matrix<f64>,
    ) -> Result<Vec<(usize, usize)>> {
        let of = |ids: &[ParticipantId], field: fn(&ParticipantSpec) -> u32| -> Vec<u32> {
            ids.iter().map(|&p| field(roster.participant(p))).collect()
        };
        let required = |ids: &[ParticipantId]| -> Vec<u32> {
            ids.iter().map(|&p| roster.required_partners(p)).collect()
        };
        let problem = capacitated::Problem::new(
            scored.juniors.len(),
            scored.seniors.len(),
            weights.as_slice().to_vec(),
        )?
        .with_junior_capacities(of(&scored.juniors, |p| p.capacity))?
        .with_senior_capacities(of(&scored.seniors, |p| p.capacity))?
        .with_junior_minimums(required(&scored.juniors))?
        .with_senior_minimums(required(&scored.seniors))?;
        let options = capacitated::Options::new()
            .with_cardinality(self.cardinality())
            .with_spreading(self.spreading);
        let solution = capacitated::solve(&problem, options)?;
        check_minimums(roster, scored, &solution)?;
        Ok(solution.pairs().to_vec())
    }

    /// The utilitarian optimum under the objective, one to one, on the weights themselves,
    /// which hold the blended scores when the roster has criteria or choices.
    fn pair_one_to_one(&self, weights: &Matrix<f64>) -> Result<Vec<(usize, usize)>> {
        let options = Options::new(Sense::Maximize).with_cardinality(self.cardinality());
        let mut progress = |done, total| self.report(Phase::Solving, done, total);
        let solution = assignment::solve_with_progress(weights, options, &mut progress)?;
        Ok(solution.pairs().to_vec())
    }

    /// The strategy's pairs under the participants' capacities ([`Strategy::pair_within`]),
    /// on an instance in which rule-breaking and zero-score pairs are forbidden;
    /// [`Error::UnsupportedCapacity`] for each participant with a capacity above 1 when the
    /// strategy does not pair under capacities.
    fn pair_by_strategy(
        &self,
        roster: &Roster,
        scored: &RosterScores,
        weights: &Matrix<f64>,
        strategy: &dyn Strategy,
    ) -> Result<Vec<(usize, usize)>> {
        let candidates = match self.preferences {
            PreferenceSource::Induced => {
                let mut candidates = scored.scores.clone();
                let ns = scored.seniors.len();
                for (k, w) in weights.as_slice().iter().enumerate() {
                    if *w == f64::NEG_INFINITY {
                        candidates.forbid(k / ns, k % ns)?;
                    }
                }
                candidates
            }
            PreferenceSource::Stated => stated_scores(roster, scored)?,
        };
        let capacity = |ids: &[ParticipantId]| -> Vec<u32> {
            ids.iter()
                .map(|&p| roster.participant(p).capacity)
                .collect()
        };
        let capacities = Capacities::new(capacity(&scored.juniors), capacity(&scored.seniors))?;
        match strategy.pair_within(&candidates, &capacities, self.seed) {
            Ok(pairing) => Ok(pairing.pairs().to_vec()),
            Err(MatrixError::CapacitiesUnsupported {
                why,
                strategy: name,
            }) => {
                // A refusal comes from the capacities above 1: name every holder.
                let mut found = Mistakes::new();
                name_capacities(roster, scored, &name, why, &mut found);
                Err(found.error().unwrap_or_else(|| {
                    MatrixError::CapacitiesUnsupported {
                        strategy: name,
                        why,
                    }
                    .into()
                }))
            }
            Err(e) => Err(e.into()),
        }
    }
}

/// The utilities of [`PreferenceSource::Stated`]: for a participant who stated anything,
/// `(1 + stated) / 2` for each person they named and unacceptable for the others; for one who
/// said nothing, their blended gain. Pairs the rules forbid stay forbidden.
fn stated_scores(roster: &Roster, scored: &RosterScores) -> Result<PairScores> {
    let (nj, ns) = (scored.juniors.len(), scored.seniors.len());
    let mut junior_gain = scored.scores.junior_gains().to_vec();
    let mut senior_gain = scored.scores.senior_gains().to_vec();
    let mut acceptable = scored.scores.allowed().to_vec();
    // What `p` said of `q`, or `None` when `p` stated things but not about `q`; `Some(None)`
    // when `p` said nothing at all.
    let said = |p: ParticipantId, q: ParticipantId| -> Option<Option<f64>> {
        if !roster.has_stated(p) {
            return Some(None);
        }
        roster.stated(p, q).map(|v| Some((1.0 + v) / 2.0))
    };
    for (r, &j) in scored.juniors.iter().enumerate() {
        for (c, &s) in scored.seniors.iter().enumerate() {
            let k = r * ns + c;
            match (said(j, s), said(s, j)) {
                (Some(a), Some(b)) => {
                    junior_gain[k] = a.unwrap_or(junior_gain[k]);
                    senior_gain[k] = b.unwrap_or(senior_gain[k]);
                }
                _ => acceptable[k] = false,
            }
        }
    }
    let mut scores = PairScores::new(nj, ns, junior_gain, senior_gain)?;
    for (k, ok) in acceptable.iter().enumerate() {
        if !ok {
            scores.forbid(k / ns, k % ns)?;
        }
    }
    Ok(scores)
}

/// Whether `strategy` refuses the roster's capacities above 1, and if so its name and reason,
/// asked without pairing the roster: the strategy pairs one junior and one senior of the
/// roster's kind of capacity (2 on each side that has a capacity above 1). `None` when no one
/// available takes several partners, or when the strategy pairs the pair.
fn refused_capacities(
    roster: &Roster,
    scored: &RosterScores,
    strategy: &dyn Strategy,
) -> Result<Option<(String, &'static str)>> {
    let several = |ids: &[ParticipantId]| -> u32 {
        let takes_several = ids.iter().any(|&p| roster.participant(p).capacity > 1);
        if takes_several { 2 } else { 1 }
    };
    let (junior, senior) = (several(&scored.juniors), several(&scored.seniors));
    if (junior, senior) == (1, 1) {
        return Ok(None);
    }
    let one_pair = PairScores::new(1, 1, vec![1.0], vec![1.0])?;
    let capacities = Capacities::new(vec![junior], vec![senior])?;
    match strategy.pair_within(&one_pair, &capacities, 0) {
        Err(MatrixError::CapacitiesUnsupported { strategy, why }) => Ok(Some((strategy, why))),
        // Paired, or failed for another reason: the roster's own run will say.
        _ => Ok(None),
    }
}

/// Names every available participant of capacity above 1 as refused by strategy `name`
/// for `why`, juniors first, in roster order.
fn name_capacities(
    roster: &Roster,
    scored: &RosterScores,
    name: &str,
    why: &str,
    found: &mut Mistakes,
) {
    for p in available(scored).filter(|&p| roster.participant(p).capacity > 1) {
        found.push_with(|| Error::UnsupportedCapacity {
            participant: roster.id(p).to_owned(),
            capacity: roster.participant(p).capacity,
            strategy: name.to_owned(),
            why: why.to_owned(),
        });
    }
}

/// The available participants, juniors first, in roster order.
fn available(scored: &RosterScores) -> impl Iterator<Item = ParticipantId> + '_ {
    scored.juniors.iter().chain(&scored.seniors).copied()
}

/// The first available participant, juniors first, who takes several partners or asks for a
/// minimum: the many-to-many solver's work.
fn first_needing_flow(roster: &Roster, scored: &RosterScores) -> Option<ParticipantId> {
    scored
        .juniors
        .iter()
        .chain(&scored.seniors)
        .copied()
        .find(|&p| roster.participant(p).capacity > 1 || roster.required_partners(p) > 0)
}
