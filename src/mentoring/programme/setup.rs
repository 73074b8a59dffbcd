//! A round's weights before solving: the roster scored, the bans and the history applied, and
//! the bonuses for keeping previous pairs and for rotating who sits out.

use super::builder::Programme;
use super::lookup::resolve;
use crate::mentoring::error::Result;
use crate::mentoring::mistakes::Mistakes;
use crate::mentoring::model::{ParticipantId, Roster};
use crate::mentoring::roster_scores::RosterScores;

/// A pair as (row, column) of the available juniors and seniors.
pub(super) type Cell = (usize, usize);

/// Why a cell may not be formed, besides the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Block {
    Banned,
    Met,
}

/// The weights and bookkeeping of one round, before solving.
pub(super) struct Setup {
    pub(super) scored: RosterScores,
    /// Row of each available junior, column of each available senior, by participant index.
    position: Vec<Option<usize>>,
    pub(super) weights: Vec<f64>,
    pub(super) blocked: Vec<Option<Block>>,
}

impl Programme {
    /// Scores the roster and applies the bans and the history, recording each pair that names
    /// someone unknown or on the wrong side.
    pub(super) fn setup(&self, roster: &Roster, found: &mut Mistakes) -> Result<Setup> {
        let scored = self.matcher.score(roster)?;
        let weights = scored.weights(self.combination)?.as_slice().to_vec();
        let mut position = vec![None; roster.len()];
        for (k, &p) in scored.juniors().iter().enumerate() {
            position[p.index()] = Some(k);
        }
        for (k, &p) in scored.seniors().iter().enumerate() {
            position[p.index()] = Some(k);
        }
        let blocked = vec![None; weights.len()];
        let mut setup = Setup {
            scored,
            position,
            weights,
            blocked,
        };
        let lists = [
            ("ban", &self.bans, Block::Banned),
            ("never_again", &self.history.never_again, Block::Met),
        ];
        let rounds = self
            .history
            .rounds
            .iter()
            .map(|r| ("history", r, Block::Met));
        for (context, pairs, why) in lists.into_iter().chain(rounds) {
            for pair in pairs {
                if let Some((j, s)) = found.check(resolve(roster, pair, context)) {
                    setup.block(j, s, why);
                }
            }
        }
        Ok(setup)
    }
}

impl Setup {
    /// The cell of a junior and a senior, when both are available.
    pub(super) fn cell(&self, junior: ParticipantId, senior: ParticipantId) -> Option<Cell> {
        Some((
            self.position[junior.index()]?,
            self.position[senior.index()]?,
        ))
    }

    /// Where a cell's weight and block are, in [`weights`](Self::weights) and
    /// [`blocked`](Self::blocked).
    pub(super) fn index(&self, (r, c): Cell) -> usize {
        r * self.scored.seniors().len() + c
    }

    /// Forbids a pair (when both are available) and records why; a ban wins over a meeting.
    pub(super) fn block(&mut self, junior: ParticipantId, senior: ParticipantId, why: Block) {
        if let Some(cell) = self.cell(junior, senior) {
            let k = self.index(cell);
            self.weights[k] = f64::NEG_INFINITY;
            if self.blocked[k] != Some(Block::Banned) {
                self.blocked[k] = Some(why);
            }
        }
    }

    /// Adds `bonus` to the weight of each of the `cells` (previous pairs that may be kept).
    pub(super) fn add_keep_bonus(&mut self, cells: impl IntoIterator<Item = Cell>, bonus: f64) {
        for cell in cells {
            let k = self.index(cell);
            self.weights[k] += bonus;
        }
    }

    /// Adds the sit-out rotation bonus: each formable pair earns `unit` per earlier sit-out of
    /// each of its people, with `unit` above the largest difference two matchings' totals can
    /// have (pairs at most × the largest weight, plus 1), so the sit-out counts of the matched
    /// people decide before the scores do.
    pub(super) fn add_rotation_bonus(&mut self, sat_out: &[u32], roster: &Roster) {
        let capacity = |ids: &[ParticipantId]| -> f64 {
            ids.iter()
                .map(|&p| f64::from(roster.participant(p).capacity))
                .sum()
        };
        let most_pairs = capacity(self.scored.juniors()).min(capacity(self.scored.seniors()));
        let largest = self
            .weights
            .iter()
            .copied()
            .filter(|w| w.is_finite())
            .fold(0.0, f64::max);
        let unit = most_pairs * largest + 1.0;
        let ns = self.scored.seniors().len();
        for (r, &j) in self.scored.juniors().iter().enumerate() {
            for (c, &s) in self.scored.seniors().iter().enumerate() {
                let w = &mut self.weights[r * ns + c];
                if w.is_finite() {
                    *w += unit * (f64::from(sat_out[j.index()]) + f64::from(sat_out[s.index()]));
                }
            }
        }
    }
}
