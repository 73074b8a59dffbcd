//! Simple baselines: greedy, random serial dictatorship and a random maximal matching.

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
        let (n, m) = (scores.juniors(), scores.seniors());
        let (a, b, ok) = (
            scores.junior_gains(),
            scores.senior_gains(),
            scores.allowed(),
        );
        let mut cells: Vec<usize> = (0..n * m).filter(|&k| ok[k]).collect();
        // Cell index k = junior * m + senior, so equal sums keep junior-then-senior order.
        cells.sort_by(|&x, &y| (a[y] + b[y]).total_cmp(&(a[x] + b[x])).then(x.cmp(&y)));
        Pairing::new(scores, take_free(cells, n, m))
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
        let (n, m) = (scores.juniors(), scores.seniors());
        let prefs = Preferences::induced(scores);
        // Agents 0..n are juniors, n..n + m seniors.
        let mut order: Vec<usize> = (0..n + m).collect();
        Seeded::new(seed).shuffle(&mut order);
        let mut senior_of = vec![None; n];
        let mut junior_of = vec![None; m];
        for agent in order {
            if agent < n {
                if senior_of[agent].is_none()
                    && let Some(&s) = prefs
                        .junior_list(agent)
                        .iter()
                        .find(|&&s| junior_of[s].is_none())
                {
                    senior_of[agent] = Some(s);
                    junior_of[s] = Some(agent);
                }
            } else {
                let s = agent - n;
                if junior_of[s].is_none()
                    && let Some(&j) = prefs
                        .senior_list(s)
                        .iter()
                        .find(|&&j| senior_of[j].is_none())
                {
                    senior_of[j] = Some(s);
                    junior_of[s] = Some(j);
                }
            }
        }
        Pairing::from_senior_of(scores, &senior_of)
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
        let (n, m) = (scores.juniors(), scores.seniors());
        let ok = scores.allowed();
        let mut cells: Vec<usize> = (0..n * m).filter(|&k| ok[k]).collect();
        Seeded::new(seed).shuffle(&mut cells);
        Pairing::new(scores, take_free(cells, n, m))
    }
}

/// Walks `cells` (indices `junior * m + senior`) in order and takes each pair whose junior and
/// senior are both still free: a maximal matching that follows the given order.
fn take_free(cells: Vec<usize>, n: usize, m: usize) -> Vec<(usize, usize)> {
    let mut junior_free = vec![true; n];
    let mut senior_free = vec![true; m];
    let mut pairs = Vec::with_capacity(n.min(m));
    for k in cells {
        let (j, s) = (k / m, k % m);
        if junior_free[j] && senior_free[s] {
            junior_free[j] = false;
            senior_free[s] = false;
            pairs.push((j, s));
        }
    }
    pairs
}
