//! Many to one as one to one: an agent of capacity `c` becomes `c` clones with its list, and
//! each partner's list holds the clones in a row where it held the agent (Gusfield & Irving
//! 1989, §1.6.3). The stable matchings of the hospitals/residents problem are exactly those of
//! this stable marriage instance, so the rotations and the fair strategies apply unchanged;
//! only the ranks they count are those of the original agents ([`Costs`]).

use crate::matching::error::{MatrixError, Result};
use crate::matching::memory;
use crate::matching::strategy::capacities::Capacities;
use crate::matching::strategy::preferences::Preferences;

/// A stable marriage instance made of clones, and the original agent of each clone.
#[derive(Debug, Clone)]
pub(super) struct Clones {
    /// The cloned instance: rows are junior clones, columns senior clones.
    pub(super) prefs: Preferences,
    /// The junior each junior clone stands for.
    pub(super) junior: Vec<usize>,
    /// The senior each senior clone stands for.
    pub(super) senior: Vec<usize>,
}

impl Clones {
    /// Each agent of `prefs` as `min(capacity, list length)` clones (an agent cannot use more),
    /// clones of one agent in a row in every list that held it.
    ///
    /// # Errors
    ///
    /// [`MatrixError::TooLarge`] when the cloned instance's rank tables (junior clones × senior
    /// clones) cannot be allocated.
    pub(super) fn new(prefs: &Preferences, capacities: &Capacities) -> Result<Clones> {
        let (n, m) = (prefs.juniors(), prefs.seniors());
        let copies = |capacity: u32, list: &[usize]| (capacity as usize).min(list.len());
        let junior_copies: Vec<usize> = (0..n)
            .map(|j| copies(capacities.junior(j), prefs.junior_list(j)))
            .collect();
        let senior_copies: Vec<usize> = (0..m)
            .map(|s| copies(capacities.senior(s), prefs.senior_list(s)))
            .collect();
        let origin = |copies: &[usize]| -> Vec<usize> {
            copies
                .iter()
                .enumerate()
                .flat_map(|(agent, &c)| std::iter::repeat_n(agent, c))
                .collect()
        };
        let (junior, senior) = (origin(&junior_copies), origin(&senior_copies));
        let too_large = || MatrixError::TooLarge {
            what: "the cloned preferences (junior places x senior places)",
            rows: junior.len(),
            cols: senior.len(),
        };
        // Checked before the lists are built: the two rank tables are the largest part, and
        // the lists together are no longer than one of them.
        let cells = junior
            .len()
            .checked_mul(senior.len())
            .and_then(|c| c.checked_mul(2))
            .ok_or_else(too_large)?;
        drop(memory::reserved::<u32>(cells, too_large)?);
        let first = |copies: &[usize]| -> Vec<usize> {
            let mut first = Vec::with_capacity(copies.len() + 1);
            first.push(0);
            for &c in copies {
                first.push(first.last().copied().unwrap_or(0) + c);
            }
            first
        };
        let (junior_first, senior_first) = (first(&junior_copies), first(&senior_copies));
        // A list of original agents becomes the list of their clones, in a row.
        let expand = |list: &[usize], first: &[usize]| -> Vec<usize> {
            list.iter().flat_map(|&a| first[a]..first[a + 1]).collect()
        };
        let junior_lists = junior
            .iter()
            .map(|&j| expand(prefs.junior_list(j), &senior_first))
            .collect::<Vec<_>>();
        let senior_lists = senior
            .iter()
            .map(|&s| expand(prefs.senior_list(s), &junior_first))
            .collect::<Vec<_>>();
        let prefs = Preferences::from_lists(&junior_lists, &senior_lists, too_large)?;
        Ok(Clones {
            prefs,
            junior,
            senior,
        })
    }

    /// The original `(junior, senior)` pairs of a matching of the clones (the senior clone of
    /// each junior clone), sorted.
    pub(super) fn pairs(&self, senior_of: &[Option<usize>]) -> Vec<(usize, usize)> {
        let mut pairs: Vec<(usize, usize)> = senior_of
            .iter()
            .enumerate()
            .filter_map(|(jc, sc)| sc.map(|sc| (self.junior[jc], self.senior[sc])))
            .collect();
        pairs.sort_unstable();
        pairs
    }
}

/// The ranks the fair objectives count: what an agent's partner is worth to it, 0 for a first
/// choice. One to one these are the ranks of the instance's own lists; with [`Clones`], the
/// rank the original agent gives the original partner.
#[derive(Debug, Clone, Copy)]
pub(super) struct Costs<'a> {
    prefs: &'a Preferences,
    clones: Option<&'a Clones>,
}

impl<'a> Costs<'a> {
    /// The ranks of `prefs` itself.
    pub(super) fn of(prefs: &'a Preferences) -> Self {
        Costs {
            prefs,
            clones: None,
        }
    }

    /// The ranks of `original` for the clones of `clones`.
    pub(super) fn through(original: &'a Preferences, clones: &'a Clones) -> Self {
        Costs {
            prefs: original,
            clones: Some(clones),
        }
    }

    /// The original agents of a pair of the instance the rotations run on.
    fn original(&self, j: usize, s: usize) -> (usize, usize) {
        match self.clones {
            Some(c) => (c.junior[j], c.senior[s]),
            None => (j, s),
        }
    }

    /// The rank junior `j` gives senior `s` (indices of the instance the rotations run on);
    /// 0 for an unacceptable pair, which no matching holds.
    pub(super) fn junior(&self, j: usize, s: usize) -> usize {
        let (j, s) = self.original(j, s);
        self.prefs.junior_rank(j, s).unwrap_or(0)
    }

    /// The rank senior `s` gives junior `j`, as [`junior`](Self::junior).
    pub(super) fn senior(&self, j: usize, s: usize) -> usize {
        let (j, s) = self.original(j, s);
        self.prefs.senior_rank(j, s).unwrap_or(0)
    }
}
