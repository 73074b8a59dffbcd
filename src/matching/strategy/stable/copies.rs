//! How many copies each agent gets when the clones or the gadgets make a stable marriage
//! instance of a programme with capacities: its capacity, capped by its number of partners in
//! any stable pairing plus one (every stable pairing gives each agent as many, the rural
//! hospitals theorem; Gale & Sotomayor 1985, Roth 1986, Baïou & Balinski 2000 many to many, so
//! an agent with room keeps one copy free in all of them) and by its list's length.

use crate::matching::strategy::capacities::Capacities;
use crate::matching::strategy::preferences::Preferences;

/// How many copies each agent has, and where each agent's copies start (copies of one agent
/// in a row, agents in index order).
pub(super) struct Copies {
    pub(super) junior_count: Vec<usize>,
    pub(super) senior_count: Vec<usize>,
    pub(super) junior_first: Vec<usize>,
    pub(super) senior_first: Vec<usize>,
}

impl Copies {
    /// An agent's capacity, capped by its load in `stable` plus one and by its list's length.
    pub(super) fn new(
        prefs: &Preferences,
        capacities: &Capacities,
        stable: &[(usize, usize)],
    ) -> Copies {
        let (n, m) = (prefs.juniors(), prefs.seniors());
        let (mut junior_load, mut senior_load) = (vec![0_usize; n], vec![0_usize; m]);
        for &(j, s) in stable {
            junior_load[j] += 1;
            senior_load[s] += 1;
        }
        let copies = |capacity: u32, load: usize, listed: usize| {
            (capacity as usize).min(load.saturating_add(1)).min(listed)
        };
        let junior_count: Vec<usize> = (0..n)
            .map(|j| {
                copies(
                    capacities.junior(j),
                    junior_load[j],
                    prefs.junior_list(j).len(),
                )
            })
            .collect();
        let senior_count: Vec<usize> = (0..m)
            .map(|s| {
                copies(
                    capacities.senior(s),
                    senior_load[s],
                    prefs.senior_list(s).len(),
                )
            })
            .collect();
        Copies {
            junior_first: prefix_sums(&junior_count),
            senior_first: prefix_sums(&senior_count),
            junior_count,
            senior_count,
        }
    }

    /// The bytes the instance of `pairs` acceptable pairs takes, `None` on overflow: the
    /// copies' lists, the gadgets' lists of copies (as long again) and 8 more entries a pair,
    /// each entry at most three times (its list, the flat copy, the ranks by senior: 8 + 8 + 16
    /// bytes; the ranks hold only the juniors' side, so this overestimates), and a list per
    /// agent.
    pub(super) fn bytes(&self, prefs: &Preferences, pairs: usize) -> Option<usize> {
        let entries = |counts: &[usize], length: &dyn Fn(usize) -> usize| {
            counts.iter().enumerate().try_fold(0_usize, |sum, (x, &c)| {
                c.checked_mul(length(x)).and_then(|e| sum.checked_add(e))
            })
        };
        let juniors = entries(&self.junior_count, &|j| prefs.junior_list(j).len())?;
        let seniors = entries(&self.senior_count, &|s| prefs.senior_list(s).len())?;
        let entries = juniors
            .checked_add(seniors)?
            .checked_mul(2)?
            .checked_add(pairs.checked_mul(8)?)?;
        let agents = self.junior_first[self.junior_count.len()]
            .checked_add(self.senior_first[self.senior_count.len()])?
            .checked_add(pairs.checked_mul(4)?)?;
        entries
            .checked_mul(32)?
            .checked_add(agents.checked_mul(56)?)
    }
}

/// `[0, c0, c0 + c1, ...]`.
pub(super) fn prefix_sums(counts: &[usize]) -> Vec<usize> {
    let mut first = Vec::with_capacity(counts.len() + 1);
    first.push(0);
    for &c in counts {
        first.push(first.last().copied().unwrap_or(0) + c);
    }
    first
}
