//! Simple baselines: greedy, random serial dictatorship and a random maximal matching.

use super::capacities::{CapacitatedPairing, Capacities};
use super::pairing::{Pairing, Strategy};
use super::preferences::Preferences;
use crate::matching::error::Result;
use crate::matching::pair_scores::PairScores;
use crate::support::seeded::Seeded;

/// Repeatedly takes the allowed pair with the largest summed utility whose junior and senior are
/// both free: what a coordinator does by hand with a sorted spreadsheet. The built-in `greedy`,
/// defined (ties included) in the [strategy table](super#the-built-in-strategies).
///
/// The allowed pairs are sorted once and walked in that order. The result is maximal (no
/// allowed pair of two free agents is left) and at least half the utilitarian optimum's total.
///
/// # Complexity
///
/// `O(nm log(nm))` time, `O(nm)` memory.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{Greedy, Strategy};
/// use mentor_match::PairScores;
///
/// // The best single pair (0, 0) is taken first, although (0, 1) + (1, 0) would sum higher.
/// let scores = PairScores::new(2, 2, vec![0.5, 0.45, 0.45, 0.0], vec![0.5, 0.45, 0.45, 0.0])?;
/// assert_eq!(Greedy.pair(&scores)?.pairs(), &[(0, 0), (1, 1)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Greedy;

impl Strategy for Greedy {
    fn name(&self) -> &str {
        "greedy"
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        let one_to_one = Capacities::one_to_one(scores.juniors(), scores.seniors());
        self.pair_within(scores, &one_to_one, 0)?.to_pairing(scores)
    }

    fn pair_within(
        &self,
        scores: &PairScores,
        capacities: &Capacities,
        _seed: u64,
    ) -> Result<CapacitatedPairing> {
        capacities.check(scores)?;
        let m = scores.seniors();
        let (a, b) = (scores.junior_gains(), scores.senior_gains());
        // Each cell with its sum, sorted once: comparing sums read from the two matrices made
        // every comparison two random reads (at 1000 × 1000, 0.7 s of sorting).
        let mut keyed: Vec<(f64, usize)> = open_cells(scores, capacities)
            .into_iter()
            .map(|k| (a[k] + b[k], k))
            .collect();
        // Cell index k = junior * m + senior, so equal sums keep junior-then-senior order; no
        // two cells are equal, so the unstable sort gives one order.
        keyed.sort_unstable_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        let cells = keyed.into_iter().map(|(_, k)| k).collect();
        CapacitatedPairing::new(scores, capacities, take_within(cells, m, capacities))
    }
}

/// Random serial dictatorship: all agents, juniors and seniors together, in a seeded uniformly
/// random order; each agent still free takes its favourite free acceptable partner, the first
/// free one on its induced [`Preferences`] list. The built-in `random_serial_dictatorship`,
/// defined (the lists included) in the [strategy table](super#the-built-in-strategies).
///
/// The result is maximal.
///
/// # Complexity
///
/// `O(nm log m)` time (building the preference lists), `O(nm)` memory.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{RandomSerialDictatorship, Strategy};
/// use mentor_match::PairScores;
///
/// let scores = PairScores::new(2, 2, vec![0.9, 0.1, 0.8, 0.2], vec![0.5; 4])?;
/// let a = RandomSerialDictatorship.pair_seeded(&scores, 1)?;
/// assert_eq!(a, RandomSerialDictatorship.pair_seeded(&scores, 1)?); // same seed, same pairs
/// assert_eq!(a.len(), 2);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RandomSerialDictatorship;

impl Strategy for RandomSerialDictatorship {
    fn name(&self) -> &str {
        "random_serial_dictatorship"
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        self.pair_seeded(scores, 0)
    }
    fn pair_seeded(&self, scores: &PairScores, seed: u64) -> Result<Pairing> {
        let one_to_one = Capacities::one_to_one(scores.juniors(), scores.seniors());
        self.pair_within(scores, &one_to_one, seed)?
            .to_pairing(scores)
    }

    fn pair_within(
        &self,
        scores: &PairScores,
        capacities: &Capacities,
        seed: u64,
    ) -> Result<CapacitatedPairing> {
        capacities.check(scores)?;
        let (n, m) = (scores.juniors(), scores.seniors());
        let prefs = Preferences::induced(scores);
        // Agents 0..n are juniors, n..n + m seniors; `left[agent]` is its capacity still free.
        let mut order: Vec<usize> = (0..n + m).collect();
        Seeded::new(seed).shuffle(&mut order);
        let mut left: Vec<u32> = capacities
            .juniors()
            .iter()
            .chain(capacities.seniors())
            .copied()
            .collect();
        let mut paired = vec![false; n * m];
        let mut pairs = Vec::new();
        for agent in order {
            let list = if agent < n {
                prefs.junior_list(agent)
            } else {
                prefs.senior_list(agent - n)
            };
            for &other in list {
                if left[agent] == 0 {
                    break;
                }
                // The pair, and the partner as an agent index.
                let ((j, s), partner) = if agent < n {
                    ((agent, other), n + other)
                } else {
                    ((other, agent - n), other)
                };
                if left[partner] > 0 && !paired[j * m + s] {
                    paired[j * m + s] = true;
                    left[agent] -= 1;
                    left[partner] -= 1;
                    pairs.push((j, s));
                }
            }
        }
        CapacitatedPairing::new(scores, capacities, pairs)
    }
}

/// A seeded random maximal matching: the allowed pairs in uniformly random order, each taken
/// when both its agents are still free. Utilities play no part: the baseline every other
/// strategy should beat. The built-in `random`, defined in the
/// [strategy table](super#the-built-in-strategies).
///
/// # Complexity
///
/// `O(nm)` time and memory.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{RandomPairing, Strategy};
/// use mentor_match::PairScores;
///
/// let scores = PairScores::new(3, 3, vec![0.5; 9], vec![0.5; 9])?;
/// let pairing = RandomPairing.pair_seeded(&scores, 42)?;
/// assert_eq!(pairing.len(), 3); // maximal: with every pair allowed, everyone is paired
/// assert_eq!(pairing, RandomPairing.pair_seeded(&scores, 42)?);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RandomPairing;

impl Strategy for RandomPairing {
    fn name(&self) -> &str {
        "random"
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        self.pair_seeded(scores, 0)
    }
    fn pair_seeded(&self, scores: &PairScores, seed: u64) -> Result<Pairing> {
        let one_to_one = Capacities::one_to_one(scores.juniors(), scores.seniors());
        self.pair_within(scores, &one_to_one, seed)?
            .to_pairing(scores)
    }

    fn pair_within(
        &self,
        scores: &PairScores,
        capacities: &Capacities,
        seed: u64,
    ) -> Result<CapacitatedPairing> {
        capacities.check(scores)?;
        let mut cells = open_cells(scores, capacities);
        Seeded::new(seed).shuffle(&mut cells);
        let m = scores.seniors();
        CapacitatedPairing::new(scores, capacities, take_within(cells, m, capacities))
    }
}

/// The cells (`junior * m + senior`) of the allowed pairs whose two agents have a capacity
/// above 0, in order: the pairs a strategy may form, the same whether an agent is left out by
/// capacity 0 or by forbidding its pairs.
fn open_cells(scores: &PairScores, capacities: &Capacities) -> Vec<usize> {
    let (n, m) = (scores.juniors(), scores.seniors());
    let ok = scores.allowed();
    (0..n * m)
        .filter(|&k| ok[k] && capacities.junior(k / m) > 0 && capacities.senior(k % m) > 0)
        .collect()
}

/// Walks `cells` (indices `junior * m + senior`, each at most once) in order and takes each
/// pair whose junior and senior both have capacity left: a maximal pairing under the
/// capacities that follows the given order.
fn take_within(cells: Vec<usize>, m: usize, capacities: &Capacities) -> Vec<(usize, usize)> {
    let mut junior_left = capacities.juniors().to_vec();
    let mut senior_left = capacities.seniors().to_vec();
    let mut pairs = Vec::new();
    for k in cells {
        let (j, s) = (k / m, k % m);
        if junior_left[j] > 0 && senior_left[s] > 0 {
            junior_left[j] -= 1;
            senior_left[s] -= 1;
            pairs.push((j, s));
        }
    }
    pairs
}
