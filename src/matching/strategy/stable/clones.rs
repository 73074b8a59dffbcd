//! Many to one as one to one: an agent of capacity `c` becomes `c` clones with its list, and
//! each partner's list holds the clones in a row where it held the agent (Gusfield & Irving
//! 1989, §1.6.3). The stable matchings of the hospitals/residents problem are exactly those of
//! this stable marriage instance, so the rotations and the fair strategies apply unchanged;
//! only the ranks they count are those of the original agents
//! ([`Costs`](super::costs::Costs)).

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
    /// Each agent of `prefs` as `min(capacity, load + 1)` clones, where `load` is its number of
    /// partners in the stable pairing `stable` (under `capacities`, one side's capacities at
    /// most 1), clones of one agent in a row in every list that held it.
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
        let (n, m) = (prefs.juniors(), prefs.seniors());
        let (mut junior_load, mut senior_load) = (vec![0_usize; n], vec![0_usize; m]);
        for &(j, s) in stable {
            junior_load[j] += 1;
            senior_load[s] += 1;
        }
        let copies = |capacity: u32, load: usize| (capacity as usize).min(load + 1);
        let junior_copies: Vec<usize> = (0..n)
            .map(|j| copies(capacities.junior(j), junior_load[j]))
            .collect();
        let senior_copies: Vec<usize> = (0..m)
            .map(|s| copies(capacities.senior(s), senior_load[s]))
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
        // Checked before anything is built: per cell of junior clones x senior clones, two
        // ranks (4 bytes each) and at most two list entries (8 bytes each, then their copy).
        let bytes = junior
            .len()
            .checked_mul(senior.len())
            .and_then(|c| c.checked_mul(40))
            .ok_or_else(too_large)?;
        drop(memory::reserved::<u8>(bytes, too_large)?);
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
