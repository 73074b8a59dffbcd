//! How many partners each agent may take ([`Capacities`]) and what a strategy returns under
//! them ([`CapacitatedPairing`]).

use super::pairing::Pairing;
use crate::matching::error::{MatrixError, Mistakes, Result};
use crate::matching::pair_scores::PairScores;
use serde::Serialize;

/// How many partners each junior and each senior may take: capacity 0 forbids every pair of an
/// agent, 1 is one to one, more is many to many. Each pair is formed at most once, whatever the capacities.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::Capacities;
///
/// let capacities = Capacities::new(vec![1, 1, 1], vec![2, 1])?;
/// assert_eq!(capacities.senior(1), 1);
/// assert!(!capacities.is_one_to_one());
/// assert!(Capacities::one_to_one(3, 2).is_one_to_one());
/// # Ok::<(), mentor_match::MatrixError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Capacities {
    junior: Vec<u32>,
    senior: Vec<u32>,
}

impl Capacities {
    /// Capacity `junior[j]` for junior `j` and `senior[s]` for senior `s`.
    ///
    /// # Errors
    ///
    /// None today; it returns a `Result` so that limits can be added without breaking callers.
    /// The lengths are checked against the scores by every strategy that reads them
    /// ([`MatrixError::LengthMismatch`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{CapacitatedPairing, Capacities};
    /// use mentor_match::{MatrixError, PairScores};
    ///
    /// // Three juniors; senior 0 mentors two of them, senior 1 one.
    /// let capacities = Capacities::new(vec![1, 1, 1], vec![2, 1])?;
    /// assert_eq!(capacities.seniors(), [2, 1]);
    /// // The lengths are checked where the capacities meet scores: here two juniors, not three.
    /// let scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4])?;
    /// let err = CapacitatedPairing::new(&scores, &capacities, vec![]).unwrap_err();
    /// assert!(matches!(err, MatrixError::LengthMismatch { what: "junior capacities", .. }));
    /// # Ok::<(), mentor_match::MatrixError>(())
    /// ```
    pub fn new(junior: Vec<u32>, senior: Vec<u32>) -> Result<Self> {
        Ok(Capacities { junior, senior })
    }

    /// Capacity 1 for each of `juniors` juniors and `seniors` seniors: one to one.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Capacities;
    ///
    /// let capacities = Capacities::one_to_one(2, 3);
    /// assert_eq!(capacities, Capacities::new(vec![1, 1], vec![1, 1, 1])?);
    /// assert!(capacities.is_one_to_one());
    /// # Ok::<(), mentor_match::MatrixError>(())
    /// ```
    pub fn one_to_one(juniors: usize, seniors: usize) -> Self {
        Capacities {
            junior: vec![1; juniors],
            senior: vec![1; seniors],
        }
    }

    /// Junior `j`'s capacity (0 outside the list).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Capacities;
    ///
    /// let capacities = Capacities::new(vec![3, 0], vec![1])?;
    /// assert_eq!(capacities.junior(0), 3);
    /// assert_eq!(capacities.junior(1), 0); // left out
    /// assert_eq!(capacities.junior(2), 0); // outside the list
    /// # Ok::<(), mentor_match::MatrixError>(())
    /// ```
    pub fn junior(&self, j: usize) -> u32 {
        self.junior.get(j).copied().unwrap_or(0)
    }

    /// Senior `s`'s capacity (0 outside the list).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Capacities;
    ///
    /// let capacities = Capacities::new(vec![1], vec![2, 1])?;
    /// assert_eq!(capacities.senior(0), 2);
    /// assert_eq!(capacities.senior(5), 0); // outside the list
    /// # Ok::<(), mentor_match::MatrixError>(())
    /// ```
    pub fn senior(&self, s: usize) -> u32 {
        self.senior.get(s).copied().unwrap_or(0)
    }

    /// Every junior's capacity, by index.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Capacities;
    ///
    /// let capacities = Capacities::new(vec![1, 2, 0], vec![3])?;
    /// assert_eq!(capacities.juniors(), [1, 2, 0]);
    /// # Ok::<(), mentor_match::MatrixError>(())
    /// ```
    pub fn juniors(&self) -> &[u32] {
        &self.junior
    }

    /// Every senior's capacity, by index.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Capacities;
    ///
    /// assert_eq!(Capacities::one_to_one(1, 2).seniors(), [1, 1]);
    /// ```
    pub fn seniors(&self) -> &[u32] {
        &self.senior
    }

    /// Whether every capacity is exactly 1: the one-to-one case every strategy handles.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Capacities;
    ///
    /// assert!(Capacities::new(vec![1, 1], vec![1])?.is_one_to_one());
    /// assert!(!Capacities::new(vec![1, 0], vec![1])?.is_one_to_one()); // 0 is not 1
    /// assert!(!Capacities::new(vec![1, 1], vec![2])?.is_one_to_one());
    /// # Ok::<(), mentor_match::MatrixError>(())
    /// ```
    pub fn is_one_to_one(&self) -> bool {
        self.junior.iter().chain(&self.senior).all(|&c| c == 1)
    }

    /// Whether no capacity is above 1 (agents of capacity 0 have every pair forbidden).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::Capacities;
    ///
    /// assert!(Capacities::new(vec![1, 0], vec![1])?.at_most_one());
    /// assert!(!Capacities::new(vec![1, 1], vec![2])?.at_most_one());
    /// # Ok::<(), mentor_match::MatrixError>(())
    /// ```
    pub fn at_most_one(&self) -> bool {
        self.junior.iter().chain(&self.senior).all(|&c| c <= 1)
    }

    /// Refuses capacities whose lengths are not the sides of `scores` (both named when both
    /// are wrong).
    pub(crate) fn check(&self, scores: &PairScores) -> Result<()> {
        let mut found = Mistakes::new();
        for (what, expected, len) in [
            ("junior capacities", scores.juniors(), self.junior.len()),
            ("senior capacities", scores.seniors(), self.senior.len()),
        ] {
            if expected != len {
                found.push(MatrixError::LengthMismatch {
                    what,
                    expected,
                    len,
                });
            }
        }
        found.finish()
    }

    /// `scores` with every pair of an agent of capacity 0 forbidden, when there is one.
    pub(crate) fn leave_out(&self, scores: &PairScores) -> Result<Option<PairScores>> {
        if self.junior.iter().chain(&self.senior).all(|&c| c > 0) {
            return Ok(None);
        }
        let mut scores = scores.clone();
        for j in 0..scores.juniors() {
            for s in 0..scores.seniors() {
                if self.junior[j] == 0 || self.senior[s] == 0 {
                    scores.forbid(j, s)?;
                }
            }
        }
        Ok(Some(scores))
    }
}

/// Who is paired with whom under [`Capacities`]: `(junior, senior)` pairs, sorted, each at most
/// once, every agent within its capacity, no forbidden pair.
///
/// Built only through [`CapacitatedPairing::new`] (or from a one-to-one [`Pairing`]), so every
/// one in hand is valid for its scores and capacities.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{CapacitatedPairing, Capacities};
/// use mentor_match::PairScores;
///
/// let scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4])?;
/// let capacities = Capacities::new(vec![1, 1], vec![2, 1])?;
/// let pairing = CapacitatedPairing::new(&scores, &capacities, vec![(1, 0), (0, 0)])?;
/// assert_eq!(pairing.pairs(), &[(0, 0), (1, 0)]);
/// assert_eq!(pairing.juniors_of(0).collect::<Vec<_>>(), [0, 1]);
/// assert_eq!(pairing.senior_load(0), 2);
/// // Senior 1 may take one junior only, and a pair is formed at most once.
/// assert!(CapacitatedPairing::new(&scores, &capacities, vec![(0, 1), (1, 1)]).is_err());
/// assert!(CapacitatedPairing::new(&scores, &capacities, vec![(0, 0), (0, 0)]).is_err());
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CapacitatedPairing {
    juniors: usize,
    seniors: usize,
    pairs: Vec<(usize, usize)>,
    #[serde(skip)]
    junior_load: Vec<u32>,
    #[serde(skip)]
    senior_load: Vec<u32>,
}

impl CapacitatedPairing {
    /// Checks `pairs` against `scores` and `capacities` and sorts them.
    ///
    /// # Complexity
    ///
    /// `O(p log p + juniors + seniors)` for `p` pairs.
    ///
    /// # Errors
    ///
    /// [`MatrixError::LengthMismatch`] for capacities of other lengths than the sides, and
    /// [`MatrixError::InvalidPair`] naming a faulty pair: one that is out of range, forbidden,
    /// or over its junior's or senior's capacity, or one given twice (a pair repeated beyond a
    /// capacity of 1 is reported as over capacity). With several, a
    /// [`MatrixError::Multiple`] of every one: the first kind in the order given (a refused
    /// pair takes no room), then the pairs given twice in sorted order, each once.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{CapacitatedPairing, Capacities};
    /// use mentor_match::{MatrixError, PairScores};
    ///
    /// let mut scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4])?;
    /// scores.forbid(1, 1)?;
    /// let capacities = Capacities::new(vec![2, 1], vec![1, 1])?;
    /// let pairing = CapacitatedPairing::new(&scores, &capacities, vec![(0, 1), (0, 0)])?;
    /// assert_eq!(pairing.pairs(), &[(0, 0), (0, 1)]); // sorted
    /// let err = CapacitatedPairing::new(&scores, &capacities, vec![(1, 1)]).unwrap_err();
    /// assert!(matches!(err, MatrixError::InvalidPair { why: "the pair is forbidden", .. }));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn new(
        scores: &PairScores,
        capacities: &Capacities,
        mut pairs: Vec<(usize, usize)>,
    ) -> Result<Self> {
        capacities.check(scores)?;
        let (juniors, seniors) = (scores.juniors(), scores.seniors());
        let mut junior_load = vec![0_u32; juniors];
        let mut senior_load = vec![0_u32; seniors];
        let mut found = Mistakes::new();
        // The positions of the pairs refused below (only ever filled for an error).
        let mut refused = Vec::new();
        for (k, &(junior, senior)) in pairs.iter().enumerate() {
            let why = if junior >= juniors || senior >= seniors {
                "out of range"
            } else if !scores.is_allowed(junior, senior) {
                "the pair is forbidden"
            } else if junior_load[junior] >= capacities.junior(junior) {
                "the junior is over capacity"
            } else if senior_load[senior] >= capacities.senior(senior) {
                "the senior is over capacity"
            } else {
                junior_load[junior] += 1;
                senior_load[senior] += 1;
                continue;
            };
            found.push_with(|| MatrixError::InvalidPair {
                junior,
                senior,
                why,
            });
            refused.push(k);
        }
        if !refused.is_empty() {
            // Only the pairs that took room can repeat one that did.
            let mut k = 0;
            pairs.retain(|_| {
                k += 1;
                refused.binary_search(&(k - 1)).is_err()
            });
        }
        pairs.sort_unstable();
        for (k, w) in pairs.windows(2).enumerate() {
            // A pair given three times is named once, at its first repeat.
            if w[0] == w[1] && (k == 0 || pairs[k - 1] != w[0]) {
                let (junior, senior) = w[0];
                found.push_with(|| MatrixError::InvalidPair {
                    junior,
                    senior,
                    why: "the pair is formed twice",
                });
            }
        }
        found.finish()?;
        Ok(CapacitatedPairing {
            juniors,
            seniors,
            pairs,
            junior_load,
            senior_load,
        })
    }

    /// The `(junior, senior)` pairs, sorted by junior, then senior.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{CapacitatedPairing, Capacities};
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4])?;
    /// let capacities = Capacities::new(vec![1, 2], vec![2, 1])?;
    /// let pairing = CapacitatedPairing::new(&scores, &capacities, vec![(1, 1), (0, 0), (1, 0)])?;
    /// assert_eq!(pairing.pairs(), &[(0, 0), (1, 0), (1, 1)]);
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
    /// use mentor_match::strategy::{CapacitatedPairing, Capacities};
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(1, 3, vec![0.5; 3], vec![0.5; 3])?;
    /// let capacities = Capacities::new(vec![3], vec![1, 1, 1])?;
    /// let pairing = CapacitatedPairing::new(&scores, &capacities, vec![(0, 0), (0, 2)])?;
    /// assert_eq!(pairing.len(), 2);
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
    /// use mentor_match::strategy::{CapacitatedPairing, Capacities};
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(1, 1, vec![0.5], vec![0.5])?;
    /// let capacities = Capacities::one_to_one(1, 1);
    /// assert!(CapacitatedPairing::new(&scores, &capacities, vec![])?.is_empty());
    /// assert!(!CapacitatedPairing::new(&scores, &capacities, vec![(0, 0)])?.is_empty());
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
    /// use mentor_match::strategy::{CapacitatedPairing, Capacities};
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(3, 2, vec![0.5; 6], vec![0.5; 6])?;
    /// let capacities = Capacities::one_to_one(3, 2);
    /// let pairing = CapacitatedPairing::new(&scores, &capacities, vec![(2, 0)])?;
    /// assert_eq!(pairing.juniors(), 3); // every junior of the scores, paired or not
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
    /// use mentor_match::strategy::{CapacitatedPairing, Capacities};
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(3, 2, vec![0.5; 6], vec![0.5; 6])?;
    /// let capacities = Capacities::one_to_one(3, 2);
    /// let pairing = CapacitatedPairing::new(&scores, &capacities, vec![])?;
    /// assert_eq!(pairing.seniors(), 2);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn seniors(&self) -> usize {
        self.seniors
    }

    /// The seniors paired with `junior`, in increasing order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{CapacitatedPairing, Capacities};
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(2, 3, vec![0.5; 6], vec![0.5; 6])?;
    /// let capacities = Capacities::new(vec![3, 1], vec![1, 1, 1])?;
    /// let pairing = CapacitatedPairing::new(&scores, &capacities, vec![(0, 2), (1, 1), (0, 0)])?;
    /// assert_eq!(pairing.seniors_of(0).collect::<Vec<_>>(), [0, 2]);
    /// assert_eq!(pairing.seniors_of(1).collect::<Vec<_>>(), [1]);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn seniors_of(&self, junior: usize) -> impl Iterator<Item = usize> + '_ {
        let start = self.pairs.partition_point(|&(j, _)| j < junior);
        self.pairs[start..]
            .iter()
            .take_while(move |&&(j, _)| j == junior)
            .map(|&(_, s)| s)
    }

    /// The juniors paired with `senior`, in increasing order.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{CapacitatedPairing, Capacities};
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(3, 2, vec![0.5; 6], vec![0.5; 6])?;
    /// let capacities = Capacities::new(vec![1, 1, 1], vec![2, 1])?;
    /// let pairing = CapacitatedPairing::new(&scores, &capacities, vec![(2, 0), (0, 0)])?;
    /// assert_eq!(pairing.juniors_of(0).collect::<Vec<_>>(), [0, 2]);
    /// assert_eq!(pairing.juniors_of(1).count(), 0);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn juniors_of(&self, senior: usize) -> impl Iterator<Item = usize> + '_ {
        self.pairs
            .iter()
            .filter(move |&&(_, s)| s == senior)
            .map(|&(j, _)| j)
    }

    /// How many partners `junior` has.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{CapacitatedPairing, Capacities};
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4])?;
    /// let capacities = Capacities::new(vec![2, 1], vec![1, 1])?;
    /// let pairing = CapacitatedPairing::new(&scores, &capacities, vec![(0, 0), (0, 1)])?;
    /// assert_eq!((pairing.junior_load(0), pairing.junior_load(1)), (2, 0));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn junior_load(&self, junior: usize) -> u32 {
        self.junior_load.get(junior).copied().unwrap_or(0)
    }

    /// How many partners `senior` has.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{CapacitatedPairing, Capacities};
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4])?;
    /// let capacities = Capacities::new(vec![1, 1], vec![2, 1])?;
    /// let pairing = CapacitatedPairing::new(&scores, &capacities, vec![(0, 0), (1, 0)])?;
    /// assert_eq!((pairing.senior_load(0), pairing.senior_load(1)), (2, 0));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn senior_load(&self, senior: usize) -> u32 {
        self.senior_load.get(senior).copied().unwrap_or(0)
    }

    /// The one-to-one [`Pairing`] of the same pairs.
    ///
    /// # Errors
    ///
    /// [`MatrixError::InvalidPair`] when an agent has two partners or more.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{CapacitatedPairing, Capacities};
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4])?;
    /// let capacities = Capacities::new(vec![1, 1], vec![2, 1])?;
    /// let one_each = CapacitatedPairing::new(&scores, &capacities, vec![(0, 1), (1, 0)])?;
    /// assert_eq!(one_each.to_pairing(&scores)?.senior_of(0), Some(1));
    /// // Senior 0 with two juniors is not one to one.
    /// let shared = CapacitatedPairing::new(&scores, &capacities, vec![(0, 0), (1, 0)])?;
    /// assert!(shared.to_pairing(&scores).is_err());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn to_pairing(&self, scores: &PairScores) -> Result<Pairing> {
        Pairing::new(scores, self.pairs.clone())
    }
}

impl From<Pairing> for CapacitatedPairing {
    fn from(pairing: Pairing) -> Self {
        let mut junior_load = vec![0; pairing.juniors()];
        let mut senior_load = vec![0; pairing.seniors()];
        for &(j, s) in pairing.pairs() {
            junior_load[j] = 1;
            senior_load[s] = 1;
        }
        CapacitatedPairing {
            juniors: pairing.juniors(),
            seniors: pairing.seniors(),
            pairs: pairing.pairs().to_vec(),
            junior_load,
            senior_load,
        }
    }
}
