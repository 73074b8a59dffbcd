//! What the fair objectives count for each pair of the instance the rotations run on: the
//! ranks of the original agents, whether that instance is the original one, its [`Clones`] or
//! its [`Gadgets`].

use super::clones::Clones;
use super::gadgets::Gadgets;
use crate::matching::strategy::preferences::Preferences;

/// The ranks the fair objectives count: what an agent's partner is worth to it, 0 for a first
/// choice. One to one these are the ranks of the instance's own lists; with [`Clones`], the
/// rank the original agent gives the original partner; with [`Gadgets`], the same for a copy
/// holding a pair's gadget, and 0 for every other pair of the gadget instance.
#[derive(Debug, Clone, Copy)]
pub(super) struct Costs<'a> {
    prefs: &'a Preferences,
    through: Through<'a>,
}

/// The instance the rotations run on, against the original one.
#[derive(Debug, Clone, Copy)]
enum Through<'a> {
    Own,
    Clones(&'a Clones),
    Gadgets(&'a Gadgets),
}

impl<'a> Costs<'a> {
    /// The ranks of `prefs` itself.
    pub(super) fn of(prefs: &'a Preferences) -> Self {
        Costs {
            prefs,
            through: Through::Own,
        }
    }

    /// The ranks of `original` for the clones of `clones`.
    pub(super) fn through(original: &'a Preferences, clones: &'a Clones) -> Self {
        Costs {
            prefs: original,
            through: Through::Clones(clones),
        }
    }

    /// The ranks of `original` for the copies of `gadgets` holding a pair; 0 elsewhere.
    pub(super) fn through_gadgets(original: &'a Preferences, gadgets: &'a Gadgets) -> Self {
        Costs {
            prefs: original,
            through: Through::Gadgets(gadgets),
        }
    }

    /// The rank junior `j` gives senior `s` (indices of the instance the rotations run on);
    /// 0 for an unacceptable pair, which no matching holds.
    pub(super) fn junior(&self, j: usize, s: usize) -> usize {
        let pair = match self.through {
            Through::Own => Some((j, s)),
            Through::Clones(c) => Some((c.junior[j], c.senior[s])),
            Through::Gadgets(g) => g.junior_holds(j, s),
        };
        pair.and_then(|(j, s)| self.prefs.junior_rank(j, s))
            .unwrap_or(0)
    }

    /// The rank senior `s` gives junior `j`, as [`junior`](Self::junior).
    pub(super) fn senior(&self, j: usize, s: usize) -> usize {
        let pair = match self.through {
            Through::Own => Some((j, s)),
            Through::Clones(c) => Some((c.junior[j], c.senior[s])),
            Through::Gadgets(g) => g.senior_holds(j, s),
        };
        pair.and_then(|(j, s)| self.prefs.senior_rank(j, s))
            .unwrap_or(0)
    }
}
