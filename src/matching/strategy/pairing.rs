//! What a strategy is ([`Strategy`]) and what it returns ([`Pairing`]).

use super::capacities::{CapacitatedPairing, Capacities};
use crate::matching::error::{MatrixError, Mistakes, Result};
use crate::matching::pair_scores::PairScores;
use serde::Serialize;

/// A way of pairing juniors with seniors, given both directions of utility.
///
/// Implement it to bring your own strategy to [`experiment`](crate::experiment) runs and
/// [metrics](crate::metrics); build the result with [`Pairing::new`], which checks it. A
/// strategy is `Send + Sync`, so matchers and experiments holding one can move between threads.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{Pairing, Strategy};
/// use mentor_match::{MatrixError, PairScores};
///
/// /// Pairs junior i with senior i where allowed: the "buddy list" baseline.
/// struct Diagonal;
///
/// impl Strategy for Diagonal {
///     fn name(&self) -> &str {
///         "diagonal"
///     }
///     fn pair(&self, scores: &PairScores) -> Result<Pairing, MatrixError> {
///         let n = scores.juniors().min(scores.seniors());
///         let pairs = (0..n).filter(|&i| scores.is_allowed(i, i)).map(|i| (i, i)).collect();
///         Pairing::new(scores, pairs)
///     }
/// }
///
/// let scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4])?;
/// assert_eq!(Diagonal.pair(&scores)?.pairs(), &[(0, 0), (1, 1)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub trait Strategy: Send + Sync {
    /// A short name in `snake_case`, used in reports and to pick a strategy by name.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{self, Greedy, Strategy};
    ///
    /// assert_eq!(Greedy.name(), "greedy");
    /// // The name picks the strategy back.
    /// assert_eq!(strategy::by_name(Greedy.name())?.name(), "greedy");
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    fn name(&self) -> &str;

    /// Pairs the juniors (rows) and seniors (columns) of `scores`.
    ///
    /// A randomised strategy draws its random choices from seed 0 here; give it another seed
    /// with [`pair_seeded`](Self::pair_seeded).
    ///
    /// # Errors
    ///
    /// Whatever the strategy reports; the built-in ones only fail on inputs the engine rejects.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{Greedy, Strategy, Utilitarian};
    /// use mentor_match::PairScores;
    ///
    /// // Greedy takes the best pair first (0.9 + 0.9) and leaves 0.1 + 0.1 for the others;
    /// // the utilitarian optimum crosses them, 2.4 in all against 2.0.
    /// let scores = PairScores::new(2, 2, vec![0.9, 0.6, 0.6, 0.1], vec![0.9, 0.6, 0.6, 0.1])?;
    /// assert_eq!(Greedy.pair(&scores)?.pairs(), &[(0, 0), (1, 1)]);
    /// assert_eq!(Utilitarian::new().pair(&scores)?.pairs(), &[(0, 1), (1, 0)]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    fn pair(&self, scores: &PairScores) -> Result<Pairing>;

    /// Pairs with every random choice drawn from `seed`, so the same scores and seed give the
    /// same pairing on every platform. Experiments call this with each instance's seed.
    ///
    /// Only randomised strategies read the seed: the default, for deterministic ones, is
    /// [`pair`](Self::pair), so a deterministic strategy implements `pair` alone.
    ///
    /// # Errors
    ///
    /// As [`pair`](Self::pair).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{Greedy, RandomPairing, Strategy};
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(3, 3, vec![0.5; 9], vec![0.5; 9])?;
    /// // Same seed, same pairing; `pair` is seed 0.
    /// assert_eq!(RandomPairing.pair_seeded(&scores, 7)?, RandomPairing.pair_seeded(&scores, 7)?);
    /// assert_eq!(RandomPairing.pair(&scores)?, RandomPairing.pair_seeded(&scores, 0)?);
    /// // A deterministic strategy ignores the seed.
    /// assert_eq!(Greedy.pair_seeded(&scores, 7)?, Greedy.pair(&scores)?);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    fn pair_seeded(&self, scores: &PairScores, _seed: u64) -> Result<Pairing> {
        self.pair(scores)
    }

    /// Pairs under `capacities` (each pair at most once), with every random choice drawn from
    /// `seed`. What each built-in strategy does with capacities above 1 is defined in the
    /// [strategy table](crate::strategy#capacities).
    ///
    /// The default serves strategies that pair one to one: with no capacity above 1 it is
    /// [`pair_seeded`](Self::pair_seeded) with every pair of an agent of capacity 0 forbidden,
    /// and with a capacity above 1 it refuses, so a strategy is never run on a silently changed
    /// programme.
    ///
    /// # Errors
    ///
    /// [`MatrixError::LengthMismatch`] for capacities of other lengths than the sides;
    /// [`MatrixError::CapacitiesUnsupported`] from a strategy that pairs one to one only;
    /// otherwise as [`pair`](Self::pair).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{Capacities, Greedy, Leximin, Strategy};
    /// use mentor_match::{MatrixError, PairScores};
    ///
    /// // Senior 0 may take both juniors.
    /// let scores = PairScores::new(2, 2, vec![0.9, 0.1, 0.8, 0.1], vec![0.5; 4])?;
    /// let capacities = Capacities::new(vec![1, 1], vec![2, 1])?;
    /// let greedy = Greedy.pair_within(&scores, &capacities, 0)?;
    /// assert_eq!(greedy.pairs(), &[(0, 0), (1, 0)]);
    /// assert!(matches!(
    ///     Leximin.pair_within(&scores, &capacities, 0),
    ///     Err(MatrixError::CapacitiesUnsupported { .. })
    /// ));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    fn pair_within(
        &self,
        scores: &PairScores,
        capacities: &Capacities,
        seed: u64,
    ) -> Result<CapacitatedPairing> {
        one_to_one_only(self, scores, capacities, seed, "it pairs one to one only")
    }
}

/// `strategy`'s pairing under capacities of at most 1 ([`one_to_one_within`]); with a capacity
/// above 1, [`MatrixError::CapacitiesUnsupported`] with `why`.
pub(crate) fn one_to_one_only<S: Strategy + ?Sized>(
    strategy: &S,
    scores: &PairScores,
    capacities: &Capacities,
    seed: u64,
    why: &'static str,
) -> Result<CapacitatedPairing> {
    capacities.check(scores)?;
    if !capacities.at_most_one() {
        return Err(MatrixError::CapacitiesUnsupported {
            strategy: strategy.name().to_owned(),
            why,
        });
    }
    one_to_one_within(strategy, scores, capacities, seed)
}

/// `strategy`'s one-to-one pairing under capacities of at most 1: every pair of an agent of
/// capacity 0 forbidden, then [`Strategy::pair_seeded`].
pub(crate) fn one_to_one_within<S: Strategy + ?Sized>(
    strategy: &S,
    scores: &PairScores,
    capacities: &Capacities,
    seed: u64,
) -> Result<CapacitatedPairing> {
    let pairs = match capacities.leave_out(scores)? {
        Some(kept) => strategy.pair_seeded(&kept, seed)?.pairs().to_vec(),
        None => strategy.pair_seeded(scores, seed)?.pairs().to_vec(),
    };
    CapacitatedPairing::new(scores, capacities, pairs)
}

/// A strategy behind a box or a reference is the strategy itself.
macro_rules! forward_strategy {
    ($($pointer:ty),*) => { $(
        impl<S: Strategy + ?Sized> Strategy for $pointer {
            fn name(&self) -> &str {
                (**self).name()
            }
            fn pair(&self, scores: &PairScores) -> Result<Pairing> {
                (**self).pair(scores)
            }
            fn pair_seeded(&self, scores: &PairScores, seed: u64) -> Result<Pairing> {
                (**self).pair_seeded(scores, seed)
            }
            fn pair_within(
                &self,
                scores: &PairScores,
                capacities: &Capacities,
                seed: u64,
            ) -> Result<CapacitatedPairing> {
                (**self).pair_within(scores, capacities, seed)
            }
        }
    )* };
}

forward_strategy!(Box<S>, &S);

/// Who is paired with whom: `(junior, senior)` index pairs, sorted by junior.
///
/// Built only through [`Pairing::new`], so every pairing in hand is a valid matching of its
/// scores: indices in range, nobody twice, no forbidden pair.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::Pairing;
/// use mentor_match::PairScores;
///
/// let mut scores = PairScores::new(2, 3, vec![0.5; 6], vec![0.5; 6])?;
/// scores.forbid(0, 0)?;
/// let pairing = Pairing::new(&scores, vec![(1, 0), (0, 2)])?;
/// assert_eq!(pairing.pairs(), &[(0, 2), (1, 0)]);
/// assert_eq!(pairing.senior_of(1), Some(0));
/// assert_eq!(pairing.junior_of(1), None);
/// assert_eq!(pairing.unmatched_seniors(), vec![1]);
/// assert!(Pairing::new(&scores, vec![(0, 0)]).is_err()); // forbidden
/// assert!(Pairing::new(&scores, vec![(0, 1), (1, 1)]).is_err()); // senior 1 twice
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Pairing {
    juniors: usize,
    seniors: usize,
    pairs: Vec<(usize, usize)>,
    #[serde(skip)]
    senior_of: Vec<Option<usize>>,
    #[serde(skip)]
    junior_of: Vec<Option<usize>>,
}

impl Pairing {
    /// The pairing in which junior `j` has senior `senior_of[j]` (none for `None`), checked
    /// as [`Pairing::new`] checks its pairs.
    pub(crate) fn from_senior_of(scores: &PairScores, senior_of: &[Option<usize>]) -> Result<Self> {
        let pairs = senior_of
            .iter()
            .enumerate()
            .filter_map(|(j, s)| s.map(|s| (j, s)))
            .collect();
        Pairing::new(scores, pairs)
    }

    /// Checks `pairs` against `scores` and sorts them by junior.
    ///
    /// # Complexity
    ///
    /// `O(p log p + juniors + seniors)` for `p` pairs.
    ///
    /// # Errors
    ///
    /// [`MatrixError::InvalidPair`] naming a pair that is out of range, forbidden, or repeats a
    /// junior or a senior of a pair before it; with several, a [`MatrixError::Multiple`] of
    /// every one, in the order given (a refused pair takes nobody, so only the pairs after a
    /// kept one can repeat its people).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::{MatrixError, PairScores};
    ///
    /// let scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4])?;
    /// let pairing = Pairing::new(&scores, vec![(1, 0), (0, 1)])?;
    /// assert_eq!(pairing.pairs(), &[(0, 1), (1, 0)]); // sorted by junior
    /// let err = Pairing::new(&scores, vec![(0, 0), (0, 1)]).unwrap_err();
    /// assert!(matches!(err, MatrixError::InvalidPair { why: "the junior is paired twice", .. }));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn new(scores: &PairScores, mut pairs: Vec<(usize, usize)>) -> Result<Self> {
        let (juniors, seniors) = (scores.juniors(), scores.seniors());
        let mut senior_of = vec![None; juniors];
        let mut junior_of = vec![None; seniors];
        let mut found = Mistakes::new();
        for &(junior, senior) in &pairs {
            let why = if junior >= juniors || senior >= seniors {
                "out of range"
            } else if !scores.is_allowed(junior, senior) {
                "the pair is forbidden"
            } else if senior_of[junior].is_some() {
                "the junior is paired twice"
            } else if junior_of[senior].is_some() {
                "the senior is paired twice"
            } else {
                senior_of[junior] = Some(senior);
                junior_of[senior] = Some(junior);
                continue;
            };
            found.push_with(|| MatrixError::InvalidPair {
                junior,
                senior,
                why,
            });
        }
        found.finish()?;
        pairs.sort_unstable();
        Ok(Pairing {
            juniors,
            seniors,
            pairs,
            senior_of,
            junior_of,
        })
    }

    /// The `(junior, senior)` pairs, sorted by junior.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(3, 3, vec![0.5; 9], vec![0.5; 9])?;
    /// let pairing = Pairing::new(&scores, vec![(2, 0), (0, 2)])?;
    /// assert_eq!(pairing.pairs(), &[(0, 2), (2, 0)]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn pairs(&self) -> &[(usize, usize)] {
        &self.pairs
    }

    /// Number of pairs.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(3, 2, vec![0.5; 6], vec![0.5; 6])?;
    /// assert_eq!(Pairing::new(&scores, vec![(0, 1), (2, 0)])?.len(), 2);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether nobody is paired.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(1, 1, vec![0.5], vec![0.5])?;
    /// assert!(Pairing::new(&scores, vec![])?.is_empty());
    /// assert!(!Pairing::new(&scores, vec![(0, 0)])?.is_empty());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Number of juniors (rows) of the scores it was built for.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(3, 2, vec![0.5; 6], vec![0.5; 6])?;
    /// assert_eq!(Pairing::new(&scores, vec![(0, 0)])?.juniors(), 3); // paired or not
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn juniors(&self) -> usize {
        self.juniors
    }

    /// Number of seniors (columns) of the scores it was built for.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(3, 2, vec![0.5; 6], vec![0.5; 6])?;
    /// assert_eq!(Pairing::new(&scores, vec![])?.seniors(), 2);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn seniors(&self) -> usize {
        self.seniors
    }

    /// The senior paired with `junior`, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4])?;
    /// let pairing = Pairing::new(&scores, vec![(0, 1)])?;
    /// assert_eq!(pairing.senior_of(0), Some(1));
    /// assert_eq!(pairing.senior_of(1), None); // unmatched
    /// assert_eq!(pairing.senior_of(9), None); // outside
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn senior_of(&self, junior: usize) -> Option<usize> {
        self.senior_of.get(junior).copied().flatten()
    }

    /// The junior paired with `senior`, if any.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4])?;
    /// let pairing = Pairing::new(&scores, vec![(0, 1)])?;
    /// assert_eq!(pairing.junior_of(1), Some(0));
    /// assert_eq!(pairing.junior_of(0), None); // unmatched
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn junior_of(&self, senior: usize) -> Option<usize> {
        self.junior_of.get(senior).copied().flatten()
    }

    /// Juniors without a partner, in increasing order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(4, 2, vec![0.5; 8], vec![0.5; 8])?;
    /// let pairing = Pairing::new(&scores, vec![(2, 0), (0, 1)])?;
    /// assert_eq!(pairing.unmatched_juniors(), vec![1, 3]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn unmatched_juniors(&self) -> Vec<usize> {
        unmatched(&self.senior_of)
    }

    /// Seniors without a partner, in increasing order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(1, 3, vec![0.5; 3], vec![0.5; 3])?;
    /// let pairing = Pairing::new(&scores, vec![(0, 1)])?;
    /// assert_eq!(pairing.unmatched_seniors(), vec![0, 2]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn unmatched_seniors(&self) -> Vec<usize> {
        unmatched(&self.junior_of)
    }
}

fn unmatched(partner: &[Option<usize>]) -> Vec<usize> {
    (0..partner.len())
        .filter(|&i| partner[i].is_none())
        .collect()
}
