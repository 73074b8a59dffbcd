//! The previous matching's pairs: which may be kept (and earn the keep bonus), which are broken
//! for a reason found before solving, and why the optimum broke the others.

use super::builder::Programme;
use super::locks::LockedCell;
use super::lookup::{both, find_on_side};
use super::round::{BreakReason, Broken};
use super::setup::{Block, Cell, Setup};
use super::spec::PairIds;
use crate::matching::capacitated::Solution;
use crate::mentoring::error::Result;
use crate::mentoring::mistakes::Mistakes;
use crate::mentoring::model::{Roster, Side};
use std::collections::{BTreeMap, BTreeSet};

/// What a previous pair is before solving.
enum PreviousPair {
    /// Still allowed: it may be kept, at this cell.
    Keepable(Cell),
    /// Broken whatever the solve does, for this reason.
    Broken(BreakReason),
}

/// The pairs without repeats, in their first order.
pub(super) fn dedup(pairs: &[PairIds]) -> Vec<PairIds> {
    let mut seen = BTreeSet::new();
    pairs.iter().filter(|p| seen.insert(*p)).cloned().collect()
}

/// The `previous` pairs that may be kept, with their cells, and those broken before solving
/// with the reason, each in the order given; a pair naming someone on the wrong side is
/// recorded in `found`.
pub(super) fn sort_previous<'p>(
    roster: &Roster,
    setup: &Setup,
    previous: &'p [PairIds],
    found: &mut Mistakes,
) -> (Vec<(&'p PairIds, Cell)>, Vec<Broken>) {
    let mut keepable = Vec::new();
    let mut broken = Vec::new();
    for pair in previous {
        match found.check(previous_pair(roster, setup, pair)) {
            Some(PreviousPair::Keepable(cell)) => keepable.push((pair, cell)),
            Some(PreviousPair::Broken(why)) => broken.push(Broken {
                pair: pair.clone(),
                why,
            }),
            None => {}
        }
    }
    (keepable, broken)
}

/// Whether a previous pair may be kept, or why it cannot.
fn previous_pair(roster: &Roster, setup: &Setup, pair: &PairIds) -> Result<PreviousPair> {
    let left = |id: &str| PreviousPair::Broken(BreakReason::LeftProgramme { id: id.to_owned() });
    let unavailable =
        |id: &str| PreviousPair::Broken(BreakReason::Unavailable { id: id.to_owned() });
    let (j, s) = match both(
        find_on_side(roster, &pair.junior, Side::Junior, "previous"),
        find_on_side(roster, &pair.senior, Side::Senior, "previous"),
    )? {
        (None, _) => return Ok(left(&pair.junior)),
        (_, None) => return Ok(left(&pair.senior)),
        (Some(j), Some(s)) => (j, s),
    };
    if let Some(p) = [j, s]
        .into_iter()
        .find(|&p| roster.participant(p).capacity == 0)
    {
        return Ok(unavailable(roster.id(p)));
    }
    let Some(cell) = setup.cell(j, s) else {
        // Not scored although available: the matcher left them out.
        return Ok(unavailable(roster.id(j)));
    };
    let k = setup.index(cell);
    let why = match setup.blocked[k] {
        Some(Block::Banned) => BreakReason::Banned,
        Some(Block::Met) => BreakReason::InHistory,
        None => match setup.scored.excluded_by(cell.0, cell.1) {
            Some(rule) => BreakReason::RuleForbids {
                rule: rule.to_owned(),
            },
            None if setup.weights[k] == f64::NEG_INFINITY => BreakReason::NothingToLearn,
            None => return Ok(PreviousPair::Keepable(cell)),
        },
    };
    Ok(PreviousPair::Broken(why))
}

impl Programme {
    /// The `keepable` pairs that the `solution` (whose total pair score is `total`) did not
    /// keep, each with why: measured against the best matching that keeps every previous pair
    /// it can.
    pub(super) fn broken_by_choice(
        &self,
        roster: &Roster,
        setup: &Setup,
        locks: &[LockedCell],
        keepable: &[(&PairIds, Cell)],
        solution: &Solution,
        total: f64,
    ) -> Result<Vec<Broken>> {
        let chosen: BTreeSet<Cell> = solution.pairs().iter().copied().collect();
        let by_choice: Vec<(&PairIds, Cell)> = keepable
            .iter()
            .copied()
            .filter(|(_, cell)| !chosen.contains(cell))
            .collect();
        if by_choice.is_empty() {
            return Ok(Vec::new());
        }
        let cells: Vec<Cell> = keepable.iter().map(|&(_, cell)| cell).collect();
        let (base, unplaced) = self.solve_with(roster, setup, locks, &cells)?;
        let base_total = self
            .matcher
            .explain(roster, &setup.scored, base.pairs())?
            .total_score;
        let unplaced: BTreeMap<Cell, String> = unplaced.into_iter().collect();
        let placed = by_choice
            .iter()
            .filter(|(_, cell)| !unplaced.contains_key(cell))
            .count();
        let (pairs, base_pairs) = (solution.pairs().len(), base.pairs().len());
        let why = |cell: &Cell| match unplaced.get(cell) {
            Some(id) => BreakReason::NoPlaceLeft { id: id.clone() },
            None if solution.covered() > base.covered() => BreakReason::MorePeopleMatched {
                more: solution.covered() - base.covered(),
            },
            None if pairs > base_pairs => BreakReason::MorePairs {
                more: pairs - base_pairs,
            },
            None => BreakReason::HigherScore {
                gain: total - base_total,
                broken: placed,
                keep_bonus: self.keep_bonus,
            },
        };
        Ok(by_choice
            .into_iter()
            .map(|(pair, cell)| Broken {
                pair: pair.clone(),
                why: why(&cell),
            })
            .collect())
    }
}
