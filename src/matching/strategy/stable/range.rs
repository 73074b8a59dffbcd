//! The preference lists cut to the pairs some pairwise stable pairing may hold, the
//! many-to-many form of the Gale–Shapley lists: the clones and the gadgets are built on them.

use crate::matching::error::{MatrixError, Result};
use crate::matching::strategy::capacities::Capacities;
use crate::matching::strategy::preferences::Preferences;

/// The lists of `prefs` cut to the pairs some pairwise stable pairing may hold, as the
/// many-to-many form of Gale–Shapley lists (Gusfield & Irving 1989, §1.2.5): the pairs of a
/// senior full in the juniors' optimum `first` with a junior she ranks below all her partners
/// there, and of a junior full in the seniors' optimum `last` with a senior he ranks below all
/// his partners there, go. The stable pairings stay the same: a senior's partners in any
/// stable pairing are as many as in `first` and each one she has only there beats each one she
/// has only in `first` (the juniors' optimum is her worst), so a full senior never holds such a
/// junior, nor would she take him (the same for juniors with `last`); and `first` stays the
/// juniors' optimum of the cut lists, as the pairs cut were either never proposed or turned
/// down. Checked against every stable pairing of small instances by the fair strategies' tests
/// (cutting one rank more makes them fail).
///
/// Most pairs of a programme can never be stable, so the clones and the gadgets built on the
/// cut lists are far smaller (the times are in [`EgalitarianStable`](super::EgalitarianStable)'s
/// docs).
pub(super) fn stable_range(
    prefs: &Preferences,
    capacities: &Capacities,
    first: &[(usize, usize)],
    last: &[(usize, usize)],
) -> Result<Preferences> {
    let (n, m) = (prefs.juniors(), prefs.seniors());
    // Each senior's worst rank in `first` and how many partners, each junior's in `last`.
    let mut senior_worst = vec![(0_usize, 0_usize); m];
    for &(j, s) in first {
        let rank = prefs.senior_rank(j, s).unwrap_or(0);
        senior_worst[s] = (senior_worst[s].0.max(rank), senior_worst[s].1 + 1);
    }
    let mut junior_worst = vec![(0_usize, 0_usize); n];
    for &(j, s) in last {
        let rank = prefs.junior_rank(j, s).unwrap_or(0);
        junior_worst[j] = (junior_worst[j].0.max(rank), junior_worst[j].1 + 1);
    }
    let full = |(_, load): (usize, usize), capacity: u32| load >= capacity as usize;
    let below = |worst: (usize, usize), rank: Option<usize>| rank.is_some_and(|r| r > worst.0);
    let keeps = |j: usize, s: usize| {
        let senior_cuts = full(senior_worst[s], capacities.senior(s))
            && below(senior_worst[s], prefs.senior_rank(j, s));
        let junior_cuts = full(junior_worst[j], capacities.junior(j))
            && below(junior_worst[j], prefs.junior_rank(j, s));
        !(senior_cuts || junior_cuts)
    };
    let junior_lists: Vec<Vec<usize>> = (0..n)
        .map(|j| {
            prefs
                .junior_list(j)
                .iter()
                .copied()
                .filter(|&s| keeps(j, s))
                .collect()
        })
        .collect();
    let senior_lists: Vec<Vec<usize>> = (0..m)
        .map(|s| {
            prefs
                .senior_list(s)
                .iter()
                .copied()
                .filter(|&j| keeps(j, s))
                .collect()
        })
        .collect();
    Preferences::from_short_lists(&junior_lists, &senior_lists, || MatrixError::TooLarge {
        what: "the stable pairs' preference lists",
        rows: n,
        cols: m,
    })
}
