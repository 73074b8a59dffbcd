//! Pairing strategies: who is paired with whom, by which objective.
//!
//! A [`Strategy`] turns a [`PairScores`] (two utility matrices, juniors × seniors, and the pairs
//! that may not be formed) into a [`Pairing`]. In mutual mentoring each pair has two utilities:
//! what the junior gains and what the senior gains; every agent's utility is what it gains from
//! its partner, and an unmatched agent's is 0. A pair is *acceptable* when it is allowed; a
//! strategy never forms a forbidden pair.
//!
//! The built-in strategies, by [`name`](Strategy::name) (also the order of [`builtin`]):
//!
//! | name | objective | exact | time |
//! |---|---|---|---|
//! | `utilitarian` | largest sum of both utilities | yes (the [engine](crate::assignment)) | `O(n²m)` |
//! | `nash` | most agents with positive utility, then largest product of their utilities | yes, up to float rounding of logarithms | `O(n²m)` |
//! | `bottleneck` | most pairs, then largest smallest utility of a matched agent, then largest sum | yes | `O(nm log(nm) + n²m)` |
//! | `leximin` | sorted vector of all agents' utilities, lexicographically largest | yes | `O(k(n + m)³)`, `k` distinct utilities at worst |
//! | `greedy` | repeatedly the pair with the largest summed utility | heuristic | `O(nm log(nm))` |
//! | `deferred_acceptance_juniors` | juniors propose (Gale–Shapley 1962); junior-optimal stable | yes | `O(nm)` |
//! | `deferred_acceptance_seniors` | seniors propose; senior-optimal stable | yes | `O(nm)` |
//! | `egalitarian_stable` | stable, smallest sum of ranks | yes | `O(nm)` rotations + one minimum cut |
//! | `minimum_regret_stable` | stable, smallest worst rank, then smallest sum of ranks | yes | `O(nm)` rotations + `O(log(n+m))` closure tests + one minimum cut |
//! | `random_serial_dictatorship` | agents in a seeded random order take their favourite free partner | — | `O(nm)` |
//! | `random` | a seeded random maximal matching | — | `O(nm)` |
//!
//! Here `n ≤ m` are the two sides' sizes; strategies that rank partners add `O(nm log m)` for
//! building the [`Preferences`]. Stable strategies use those *induced* strict preferences: each
//! agent ranks its acceptable partners by its own utility, ties to the lower index. The stable
//! ones follow Gale & Shapley (1962) and, for the egalitarian and minimum-regret matchings,
//! the rotation poset of Irving, Leather & Gusfield (1987) and Gusfield (1987).
//!
//! # Examples
//!
//! ```
//! use mentor_match::strategy::{self, Strategy};
//! use mentor_match::PairScores;
//!
//! // Two juniors, two seniors. Junior 0 gains a lot from senior 0, who gains little back.
//! let scores = PairScores::new(2, 2, vec![0.9, 0.4, 0.5, 0.5], vec![0.1, 0.4, 0.5, 0.5])?;
//! for s in strategy::builtin() {
//!     let pairing = s.pair_seeded(&scores, 7)?;
//!     assert_eq!(pairing.len(), 2, "{}", s.name());
//! }
//! // The utilitarian optimum: 1.0 + 1.0 in all, against 0.8 + 1.0 the other way round.
//! let utilitarian = strategy::by_name("utilitarian")?.pair(&scores)?;
//! assert_eq!(utilitarian.pairs(), &[(0, 0), (1, 1)]);
//! # Ok::<(), mentor_match::Error>(())
//! ```

mod optimal;
mod preferences;
mod simple;
mod stable;

pub use optimal::{Bottleneck, Leximin, Nash, Utilitarian};
pub use preferences::Preferences;
pub use simple::{Greedy, RandomPairing, RandomSerialDictatorship};
pub use stable::{DeferredAcceptance, EgalitarianStable, MinimumRegretStable, Proposers};

use crate::matching::error::{MatrixError, Result};
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
    fn name(&self) -> &str;

    /// Pairs the juniors (rows) and seniors (columns) of `scores`.
    ///
    /// A randomised strategy draws its random choices from seed 0 here; give it another seed
    /// with [`pair_seeded`](Self::pair_seeded).
    ///
    /// # Errors
    ///
    /// Whatever the strategy reports; the built-in ones only fail on inputs the engine rejects.
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
    fn pair_seeded(&self, scores: &PairScores, _seed: u64) -> Result<Pairing> {
        self.pair(scores)
    }
}

impl<S: Strategy + ?Sized> Strategy for Box<S> {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        (**self).pair(scores)
    }
    fn pair_seeded(&self, scores: &PairScores, seed: u64) -> Result<Pairing> {
        (**self).pair_seeded(scores, seed)
    }
}

impl<S: Strategy + ?Sized> Strategy for &S {
    fn name(&self) -> &str {
        (**self).name()
    }
    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        (**self).pair(scores)
    }
    fn pair_seeded(&self, scores: &PairScores, seed: u64) -> Result<Pairing> {
        (**self).pair_seeded(scores, seed)
    }
}

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
    /// Checks `pairs` against `scores` and sorts them by junior.
    ///
    /// # Complexity
    ///
    /// `O(p log p + juniors + seniors)` for `p` pairs.
    ///
    /// # Errors
    ///
    /// [`MatrixError::InvalidPair`] naming the first pair that is out of range, repeats a junior or a
    /// senior, or is forbidden.
    pub fn new(scores: &PairScores, mut pairs: Vec<(usize, usize)>) -> Result<Self> {
        let (juniors, seniors) = (scores.juniors(), scores.seniors());
        let mut senior_of = vec![None; juniors];
        let mut junior_of = vec![None; seniors];
        for &(junior, senior) in &pairs {
            let bad = |why| MatrixError::InvalidPair {
                junior,
                senior,
                why,
            };
            if junior >= juniors || senior >= seniors {
                return Err(bad("out of range"));
            }
            if !scores.is_allowed(junior, senior) {
                return Err(bad("the pair is forbidden"));
            }
            if senior_of[junior].is_some() {
                return Err(bad("the junior is paired twice"));
            }
            if junior_of[senior].is_some() {
                return Err(bad("the senior is paired twice"));
            }
            senior_of[junior] = Some(senior);
            junior_of[senior] = Some(junior);
        }
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
    pub fn pairs(&self) -> &[(usize, usize)] {
        &self.pairs
    }

    /// Number of pairs.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// Whether nobody is paired.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Number of juniors (rows) of the scores it was built for.
    pub fn juniors(&self) -> usize {
        self.juniors
    }

    /// Number of seniors (columns) of the scores it was built for.
    pub fn seniors(&self) -> usize {
        self.seniors
    }

    /// The senior paired with `junior`, if any.
    pub fn senior_of(&self, junior: usize) -> Option<usize> {
        self.senior_of.get(junior).copied().flatten()
    }

    /// The junior paired with `senior`, if any.
    pub fn junior_of(&self, senior: usize) -> Option<usize> {
        self.junior_of.get(senior).copied().flatten()
    }

    /// Juniors without a partner, in increasing order.
    pub fn unmatched_juniors(&self) -> Vec<usize> {
        unmatched(&self.senior_of)
    }

    /// Seniors without a partner, in increasing order.
    pub fn unmatched_seniors(&self) -> Vec<usize> {
        unmatched(&self.junior_of)
    }
}

fn unmatched(partner: &[Option<usize>]) -> Vec<usize> {
    (0..partner.len())
        .filter(|&i| partner[i].is_none())
        .collect()
}

/// The built-in strategies as values: each has a [`name`](Builtin::name) (its `Display` and
/// `FromStr`, for command lines and files) and builds the [`Strategy`] with its default options.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{Builtin, Strategy};
/// use mentor_match::{MatrixError, PairScores};
///
/// let leximin: Builtin = "leximin".parse()?;
/// assert_eq!(leximin, Builtin::Leximin);
/// assert_eq!(leximin.to_string(), "leximin");
/// let scores = PairScores::new(1, 1, vec![0.5], vec![0.5])?;
/// assert_eq!(leximin.strategy().pair(&scores)?.pairs(), &[(0, 0)]);
/// assert!(matches!(
///     "lottery".parse::<Builtin>(),
///     Err(MatrixError::UnknownStrategy { .. })
/// ));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Builtin {
    /// [`Utilitarian`]: the largest sum of both utilities.
    Utilitarian,
    /// [`Nash`]: the largest product of utilities.
    Nash,
    /// [`Bottleneck`]: the largest smallest utility.
    Bottleneck,
    /// [`Leximin`]: the lexicographically largest sorted utilities.
    Leximin,
    /// [`Greedy`]: repeatedly the best remaining pair.
    Greedy,
    /// [`DeferredAcceptance`] with juniors proposing.
    DeferredAcceptanceJuniors,
    /// [`DeferredAcceptance`] with seniors proposing.
    DeferredAcceptanceSeniors,
    /// [`EgalitarianStable`]: stable, smallest sum of ranks.
    EgalitarianStable,
    /// [`MinimumRegretStable`]: stable, smallest worst rank.
    MinimumRegretStable,
    /// [`RandomSerialDictatorship`]: a seeded random order of choosers.
    RandomSerialDictatorship,
    /// [`RandomPairing`]: a seeded random maximal matching.
    Random,
}

impl Builtin {
    /// Every built-in strategy, in the order of the table in the [module](self) docs.
    pub const ALL: [Builtin; 11] = [
        Builtin::Utilitarian,
        Builtin::Nash,
        Builtin::Bottleneck,
        Builtin::Leximin,
        Builtin::Greedy,
        Builtin::DeferredAcceptanceJuniors,
        Builtin::DeferredAcceptanceSeniors,
        Builtin::EgalitarianStable,
        Builtin::MinimumRegretStable,
        Builtin::RandomSerialDictatorship,
        Builtin::Random,
    ];

    /// The strategy's name in `snake_case`, as [`Strategy::name`] reports it.
    pub const fn name(self) -> &'static str {
        match self {
            Builtin::Utilitarian => "utilitarian",
            Builtin::Nash => "nash",
            Builtin::Bottleneck => "bottleneck",
            Builtin::Leximin => "leximin",
            Builtin::Greedy => "greedy",
            Builtin::DeferredAcceptanceJuniors => "deferred_acceptance_juniors",
            Builtin::DeferredAcceptanceSeniors => "deferred_acceptance_seniors",
            Builtin::EgalitarianStable => "egalitarian_stable",
            Builtin::MinimumRegretStable => "minimum_regret_stable",
            Builtin::RandomSerialDictatorship => "random_serial_dictatorship",
            Builtin::Random => "random",
        }
    }

    /// The strategy, with its default options.
    pub fn strategy(self) -> Box<dyn Strategy> {
        match self {
            Builtin::Utilitarian => Box::new(Utilitarian::new()),
            Builtin::Nash => Box::new(Nash),
            Builtin::Bottleneck => Box::new(Bottleneck),
            Builtin::Leximin => Box::new(Leximin),
            Builtin::Greedy => Box::new(Greedy),
            Builtin::DeferredAcceptanceJuniors => {
                Box::new(DeferredAcceptance::new(Proposers::Juniors))
            }
            Builtin::DeferredAcceptanceSeniors => {
                Box::new(DeferredAcceptance::new(Proposers::Seniors))
            }
            Builtin::EgalitarianStable => Box::new(EgalitarianStable),
            Builtin::MinimumRegretStable => Box::new(MinimumRegretStable),
            Builtin::RandomSerialDictatorship => Box::new(RandomSerialDictatorship),
            Builtin::Random => Box::new(RandomPairing),
        }
    }
}

impl std::fmt::Display for Builtin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Builtin {
    type Err = MatrixError;

    /// The built-in strategy called `name`; [`MatrixError::UnknownStrategy`] listing the
    /// names for any other.
    fn from_str(name: &str) -> Result<Self> {
        Builtin::ALL
            .into_iter()
            .find(|b| b.name() == name)
            .ok_or_else(|| MatrixError::UnknownStrategy {
                name: name.to_string(),
                known: NAMES.to_vec(),
            })
    }
}

/// The names of the built-in strategies, in the order of [`builtin`] and [`Builtin::ALL`].
pub const NAMES: [&str; 11] = {
    let mut names = [""; 11];
    let mut i = 0;
    while i < names.len() {
        names[i] = Builtin::ALL[i].name();
        i += 1;
    }
    names
};

/// Every built-in strategy with its default options, in the order of [`NAMES`].
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{self, Strategy};
///
/// let names: Vec<String> = strategy::builtin().iter().map(|s| s.name().to_string()).collect();
/// assert_eq!(names, strategy::NAMES);
/// ```
pub fn builtin() -> Vec<Box<dyn Strategy>> {
    Builtin::ALL.into_iter().map(Builtin::strategy).collect()
}

/// The built-in strategy called `name`, with its default options (see [`Builtin`]).
///
/// # Errors
///
/// [`MatrixError::UnknownStrategy`] for a name not in [`NAMES`].
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{self, Strategy};
///
/// assert_eq!(strategy::by_name("leximin")?.name(), "leximin");
/// assert!(strategy::by_name("lottery").is_err());
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn by_name(name: &str) -> Result<Box<dyn Strategy>> {
    Ok(name.parse::<Builtin>()?.strategy())
}
