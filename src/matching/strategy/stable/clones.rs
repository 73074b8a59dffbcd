//! Many to one as one to one: an agent of capacity `c` becomes `c` clones with its list, and
//! each partner's list holds the clones in a row where it held the agent (Gusfield & Irving
//! 1989, §1.6.3). The stable matchings of the hospitals/residents problem are exactly those of
//! this stable marriage instance, so the rotations and the fair strategies apply unchanged;
//! only the ranks they count are those of the original agents
//! ([`Costs`](super::costs::Costs)).

use super::copies::Copies;
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
    /// Each agent of `prefs` as `min(capacity, load + 1, list length)` clones ([`Copies`]),
    /// where `load` is its number of partners in the stable pairing `stable` (under
    /// `capacities`, one side's capacities at most 1), clones of one agent in a row in every
    /// list that held it (an agent never has more partners than its list holds, so the last cap
    /// changes no stable pairing).
    ///
    /// Why `load + 1` is enough: every stable pairing gives each agent the same number of
    /// partners (the rural hospitals theorem; Gale & Sotomayor 1985, Roth 1986), so an agent
    /// with fewer than its capacity has room left in every one of them, and a blocking pair
    /// with it needs only that room, which `load + 1` places leave as well as `capacity` places
    /// do: the stable pairings of both instances are the same. So the cloned instance has at
    /// most `n + m` agents on the cloned side, whatever the capacities (`u32::MAX` included).
    ///
    /// # Errors
    ///
    /// [`MatrixError::TooLarge`] when the cloned instance's tables (junior clones × senior
    /// clones) cannot be allocated.
    pub(super) fn new(
        prefs: &Preferences,
        capacities: &Capacities,
        stable: &[(usize, usize)],
    ) -> Result<Clones> {
        let copies = Copies::new(prefs, capacities, stable);
        let origin = |copies: &[usize]| -> Vec<usize> {
            copies
                .iter()
                .enumerate()
                .flat_map(|(agent, &c)| std::iter::repeat_n(agent, c))
                .collect()
        };
        let (junior, senior) = (origin(&copies.junior_count), origin(&copies.senior_count));
        let too_large = || MatrixError::TooLarge {
            what: "the cloned preferences (junior places x senior places)",
            rows: junior.len(),
            cols: senior.len(),
        };
        // Checked before anything is built: per cell of junior clones x senior clones, two
        // ranks (4 bytes each) and at most two list entries (8 bytes each, then their copy).
        let bytes = junior
            .len()
            .checked_mul(senior.len())
            .and_then(|c| c.checked_mul(40))
            .ok_or_else(too_large)?;
        drop(memory::reserved::<u8>(bytes, too_large)?);
        let (junior_first, senior_first) = (&copies.junior_first, &copies.senior_first);
        // A list of original agents becomes the list of their clones, in a row.
        let expand = |list: &[usize], first: &[usize]| -> Vec<usize> {
            list.iter().flat_map(|&a| first[a]..first[a + 1]).collect()
        };
        let junior_lists = junior
            .iter()
            .map(|&j| expand(prefs.junior_list(j), senior_first))
            .collect::<Vec<_>>();
        let senior_lists = senior
            .iter()
            .map(|&s| expand(prefs.senior_list(s), junior_first))
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
