//! The many-to-many solver's problem of a round: the weights, the capacities and the locks,
//! and the previous pairs to keep when the gain of breaking them is measured.

use super::builder::Programme;
use super::locks::{LockedCell, lock_counts};
use super::setup::{Cell, Setup};
use crate::matching::capacitated::{self, Options, Problem, Solution};
use crate::mentoring::error::{Error, MatrixError, Result};
use crate::mentoring::model::{ParticipantId, Roster, Side};

impl Programme {
    /// The optimum under the locks, with the `keep` cells locked too as far as places allow;
    /// returns it with the cells of `keep` left out and whose place ran out.
    pub(super) fn solve_with(
        &self,
        roster: &Roster,
        setup: &Setup,
        locks: &[LockedCell],
        keep: &[Cell],
    ) -> Result<(Solution, Vec<(Cell, String)>)> {
        let (problem, left_out) = problem(roster, setup, locks, keep)?;
        let solution = capacitated::solve(&problem, Options::new().with_spreading(self.spreading))?;
        Ok((solution, left_out))
    }
}

/// The solver's problem: the weights, the capacities (raised for override locks) and the locks,
/// then `keep` cells locked as far as places allow. Returns the cells of `keep` left out, with
/// whose place ran out.
fn problem(
    roster: &Roster,
    setup: &Setup,
    locks: &[LockedCell],
    keep: &[Cell],
) -> Result<(Problem, Vec<(Cell, String)>)> {
    let (juniors, seniors) = (setup.scored.juniors(), setup.scored.seniors());
    let capacities = |ids: &[ParticipantId]| -> Vec<u32> {
        ids.iter()
            .map(|&p| roster.participant(p).capacity)
            .collect()
    };
    let (mut junior_cap, mut senior_cap) = (capacities(juniors), capacities(seniors));
    // The places the locks take. Locks beyond someone's capacity were refused unless one of
    // them overrides (see `Programme::locks`): then the capacity is raised to hold them all.
    let mut used_j = vec![0u32; juniors.len()];
    let mut used_s = vec![0u32; seniors.len()];
    for (&(side, k), &(locked, _)) in &lock_counts(locks) {
        let (cap, used) = match side {
            Side::Junior => (&mut junior_cap[k], &mut used_j[k]),
            Side::Senior => (&mut senior_cap[k], &mut used_s[k]),
        };
        *cap = (*cap).max(locked);
        *used = locked;
    }
    let minimums = |ids: &[ParticipantId]| -> Vec<u32> {
        ids.iter().map(|&p| roster.required_partners(p)).collect()
    };
    // Minimums come first in the solver's objective: a round serves as many partners towards
    // them as its locks, bans and history allow.
    let mut problem = Problem::new(juniors.len(), seniors.len(), setup.weights.clone())?
        .with_junior_capacities(junior_cap.clone())?
        .with_senior_capacities(senior_cap.clone())?
        .with_junior_minimums(minimums(juniors))?
        .with_senior_minimums(minimums(seniors))?;
    for &((r, c), _) in locks {
        problem = problem
            .with_lock(r, c)
            .map_err(|e| lock_error(roster, setup, r, c, e))?;
    }
    let mut left_out = Vec::new();
    for &(r, c) in keep {
        if locks.iter().any(|&(cell, _)| cell == (r, c)) {
            continue;
        }
        if used_j[r] >= junior_cap[r] {
            left_out.push(((r, c), roster.id(juniors[r]).to_owned()));
        } else if used_s[c] >= senior_cap[c] {
            left_out.push(((r, c), roster.id(seniors[c]).to_owned()));
        } else {
            problem = problem
                .with_lock(r, c)
                .map_err(|e| lock_error(roster, setup, r, c, e))?;
            used_j[r] += 1;
            used_s[c] += 1;
        }
    }
    Ok((problem, left_out))
}

/// The solver's lock error, with ids instead of positions.
fn lock_error(roster: &Roster, setup: &Setup, r: usize, c: usize, e: MatrixError) -> Error {
    match e {
        MatrixError::InvalidPair { why, .. } => Error::LockConflict {
            junior: roster.id(setup.scored.juniors()[r]).to_owned(),
            senior: roster.id(setup.scored.seniors()[c]).to_owned(),
            why: why.to_owned(),
        },
        other => other.into(),
    }
}
