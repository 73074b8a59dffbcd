//! The coordinator's locks: each checked against the roster, the bans, the history, the rules
//! and the places of the people it names, and made formable.

use super::builder::Programme;
use super::lookup::resolve;
use super::setup::{Block, Cell, Setup};
use super::spec::{Lock, PairIds};
use crate::mentoring::error::{Error, Result};
use crate::mentoring::mistakes::Mistakes;
use crate::mentoring::model::{Roster, Side};
use std::collections::BTreeMap;

/// A locked cell, and whether one of its locks overrides the rules and capacities.
pub(super) type LockedCell = (Cell, bool);

impl Programme {
    /// Checks the locks, recording each one that cannot hold, and makes the cells of the others
    /// formable; returns those cells with whether the lock overrides, in the order given,
    /// without repeats.
    pub(super) fn locks(
        &self,
        roster: &Roster,
        setup: &mut Setup,
        found: &mut Mistakes,
    ) -> Vec<LockedCell> {
        let mut cells: Vec<LockedCell> = Vec::new();
        // The first lock (in the order given) of each row and column, to name in a conflict.
        let mut first: BTreeMap<(Side, usize), &Lock> = BTreeMap::new();
        for lock in &self.locks {
            if let Some(cell) = found.check(lock_cell(roster, setup, lock)) {
                first.entry((Side::Junior, cell.0)).or_insert(lock);
                first.entry((Side::Senior, cell.1)).or_insert(lock);
                match cells.iter_mut().find(|(c, _)| *c == cell) {
                    Some((_, over)) => *over |= lock.override_rules,
                    None => cells.push((cell, lock.override_rules)),
                }
            }
        }
        // Locks beyond someone's places: a mistake unless one of their locks overrides (then
        // the solver raises their capacity, see `problem`).
        for (&(side, k), &(locked, over)) in &lock_counts(&cells) {
            let p = match side {
                Side::Junior => setup.scored.juniors()[k],
                Side::Senior => setup.scored.seniors()[k],
            };
            let capacity = roster.participant(p).capacity;
            if locked > capacity && !over {
                let lock = first[&(side, k)];
                found.push(Error::LockConflict {
                    junior: lock.junior.clone(),
                    senior: lock.senior.clone(),
                    why: format!(
                        "`{}` has {locked} locked pairs but capacity {capacity}",
                        roster.id(p)
                    ),
                });
            }
        }
        cells
    }
}

/// Per person (side, and row or column): how many cells are locked, and whether one of their
/// locks overrides.
pub(super) fn lock_counts(locks: &[LockedCell]) -> BTreeMap<(Side, usize), (u32, bool)> {
    let mut count: BTreeMap<(Side, usize), (u32, bool)> = BTreeMap::new();
    for &((r, c), over) in locks {
        for key in [(Side::Junior, r), (Side::Senior, c)] {
            let entry = count.entry(key).or_insert((0, false));
            entry.0 += 1;
            entry.1 |= over;
        }
    }
    count
}

/// The cell of one lock, made formable, or why the lock cannot hold.
fn lock_cell(roster: &Roster, setup: &mut Setup, lock: &Lock) -> Result<Cell> {
    let pair = PairIds::new(lock.junior.clone(), lock.senior.clone());
    let (j, s) = resolve(roster, &pair, "lock")?;
    let conflict = |why: String| Error::LockConflict {
        junior: lock.junior.clone(),
        senior: lock.senior.clone(),
        why,
    };
    for p in [j, s] {
        if roster.participant(p).capacity == 0 {
            return Err(conflict(format!(
                "`{}` is not available this round (capacity 0)",
                roster.id(p)
            )));
        }
    }
    let Some((r, c)) = setup.cell(j, s) else {
        return Err(conflict("the pair was not scored".to_owned()));
    };
    let k = setup.index((r, c));
    match setup.blocked[k] {
        Some(Block::Banned) => return Err(conflict("the pair is banned".to_owned())),
        Some(Block::Met) => {
            return Err(conflict(
                "the pair met before (history, never-again list or an earlier round)".to_owned(),
            ));
        }
        None => {}
    }
    if let Some(rule) = setup.scored.excluded_by(r, c)
        && !lock.override_rules
    {
        return Err(Error::LockBreaksRule {
            junior: lock.junior.clone(),
            senior: lock.senior.clone(),
            rule: rule.to_owned(),
        });
    }
    // A locked pair is in every solution, so its weight changes no choice: a pair with
    // nothing to learn or an override only needs to be formable.
    if setup.weights[k] == f64::NEG_INFINITY {
        setup.weights[k] = 0.0;
    }
    Ok((r, c))
}
