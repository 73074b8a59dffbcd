//! The optimising strategies: utilitarian, Nash and bottleneck, each solved exactly
//! with the crate's [assignment engine](crate::assignment).

use super::capacities::{CapacitatedPairing, Capacities};
use super::pairing::{Pairing, Strategy, one_to_one_only, one_to_one_within};
use crate::matching::assignment::{self, Cardinality, Matrix, Options, Sense};
use crate::matching::capacitated;
use crate::matching::error::Result;
use crate::matching::flow::bipartite;
use crate::matching::pair_scores::{Combination, PairScores};

/// The largest sum of both utilities: the classic assignment problem, solved by the engine.
///
/// With its default options this is the built-in `utilitarian`, defined (ties included) in the
/// [strategy table](super#the-built-in-strategies): each pair is worth
/// `junior_gain + senior_gain` (as [`Combination::Sum`], up to a factor of 2 that does not
/// change the optimum) and the number of pairs is whatever maximises the sum
/// ([`Cardinality::Any`]). [`with_combination`](Self::with_combination) and
/// [`with_cardinality`](Self::with_cardinality) change either; the [`Matcher`](crate::Matcher)
/// uses its own combination and "most pairs first" this way.
///
/// # Complexity
///
/// `O(n²m)` time in the worst case for `n ≤ m` (the engine), `O(nm)` memory.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{Strategy, Utilitarian};
/// use mentor_match::PairScores;
///
/// // Junior 0 and senior 0 would love each other, but then junior 1 and senior 1 gain little.
/// let scores = PairScores::new(2, 2, vec![0.9, 0.6, 0.6, 0.1], vec![0.9, 0.6, 0.6, 0.1])?;
/// let pairing = Utilitarian::new().pair(&scores)?;
/// assert_eq!(pairing.pairs(), &[(0, 1), (1, 0)]); // 2.4 in all, against 2.0
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Utilitarian {
    combination: Combination,
    cardinality: Cardinality,
}

impl Utilitarian {
    /// The sum of both utilities, with as many pairs as that takes.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{Strategy, Utilitarian};
    /// use mentor_match::PairScores;
    ///
    /// // Pairing junior 1 with senior 1 gains nobody anything: the sum is as large without it.
    /// let scores = PairScores::new(2, 2, vec![0.9, 0.0, 0.0, 0.0], vec![0.5, 0.0, 0.0, 0.0])?;
    /// let pairing = Utilitarian::new().pair(&scores)?;
    /// assert_eq!(pairing.senior_of(0), Some(0));
    /// // The largest sum of both utilities: 0.9 + 0.5 from the one pair that gains anything.
    /// let total: f64 = pairing
    ///     .pairs()
    ///     .iter()
    ///     .map(|&(j, s)| scores.junior_gain(j, s) + scores.senior_gain(j, s))
    ///     .sum();
    /// assert_eq!(total, 1.4);
    /// assert_eq!(Utilitarian::new(), Utilitarian::default());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn new() -> Self {
        Utilitarian {
            combination: Combination::Sum,
            cardinality: Cardinality::Any,
        }
    }

    crate::support::setters::field_setters! {
        /// How a pair's two utilities combine into its weight.
        with_combination(combination: Combination) was combination;

        /// How many pairs: [`Cardinality::Maximum`] forms as many pairs as the allowed pairs permit
        /// before maximising the sum.
        with_cardinality(cardinality: Cardinality) was cardinality;
    }
}

impl Utilitarian {
    /// The `k` best pairings by this strategy's objective, best first, without repeats (fewer
    /// when there are fewer pairings): the engine's [`k_best`](assignment::k_best) on the same
    /// weights and cardinality, so the first is [`pair`](Strategy::pair)'s pairing or one as
    /// good. These are the alternatives a coordinator reviews beside the optimum.
    ///
    /// # Errors
    ///
    /// As [`pair`](Strategy::pair).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::strategy::{Strategy, Utilitarian};
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(2, 2, vec![0.9, 0.6, 0.6, 0.1], vec![0.9, 0.6, 0.6, 0.1])?;
    /// let best = Utilitarian::new().k_best(&scores, 2)?;
    /// assert_eq!(best[0].pairs(), &[(0, 1), (1, 0)]); // 2.4 in all
    /// assert_eq!(best[1].pairs(), &[(0, 0), (1, 1)]); // 2.0
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn k_best(&self, scores: &PairScores, k: usize) -> Result<Vec<Pairing>> {
        self.combination.validate()?;
        let c = self.combination;
        let weights = pair_matrix(scores, |a, b| c.combine(a, b))?;
        let options = Options::new(Sense::Maximize).with_cardinality(self.cardinality);
        assignment::k_best(&weights, options, k)?
            .into_iter()
            .map(|a| Pairing::new(scores, a.pairs().to_vec()))
            .collect()
    }
}

impl Default for Utilitarian {
    fn default() -> Self {
        Utilitarian::new()
    }
}

impl Strategy for Utilitarian {
    fn name(&self) -> &str {
        "utilitarian"
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        self.combination.validate()?;
        let c = self.combination;
        let weights = pair_matrix(scores, |a, b| c.combine(a, b))?;
        best_pairing(scores, &weights, self.cardinality)
    }

    fn pair_within(
        &self,
        scores: &PairScores,
        capacities: &Capacities,
        seed: u64,
    ) -> Result<CapacitatedPairing> {
        capacities.check(scores)?;
        if capacities.at_most_one() {
            return one_to_one_within(self, scores, capacities, seed);
        }
        self.combination.validate()?;
        let c = self.combination;
        best_within(scores, capacities, |a, b| c.combine(a, b), self.cardinality)
    }
}

/// The largest Nash welfare: first as many agents with a positive utility as possible, then the
/// largest product of those utilities; the built-in `nash`, defined (ties included) in the
/// [strategy table](super#the-built-in-strategies).
///
/// Both levels are one assignment problem: a pair is worth `M·c + ln a + ln b`, where `c` counts
/// its agents with a positive utility (0, 1 or 2), the logarithms are taken over those agents
/// only, and `M` exceeds any difference the logarithms can make
/// (`M = 4·min(n, m)·max|ln u| + 1`), so the count is maximised first (Caragiannis et al. 2019,
/// "The unreasonable fairness of maximum Nash welfare", use the same "largest set first" rule).
/// Exact up to the rounding of the logarithms and their sums in `f64`.
///
/// # Complexity
///
/// `O(n²m)` time (one engine solve), `O(nm)` memory.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{Nash, Strategy, Utilitarian};
/// use mentor_match::PairScores;
///
/// // Sums favour (0,0) + (1,1): 1.0 + 0.9 + 0.05 + 0.05 = 2.0 against 1.6; the product favours
/// // the balanced pairing: 0.4⁴ = 0.0256 against 1.0 · 0.9 · 0.05² = 0.00225.
/// let scores = PairScores::new(2, 2, vec![1.0, 0.4, 0.4, 0.05], vec![0.9, 0.4, 0.4, 0.05])?;
/// assert_eq!(Utilitarian::new().pair(&scores)?.pairs(), &[(0, 0), (1, 1)]);
/// assert_eq!(Nash.pair(&scores)?.pairs(), &[(0, 1), (1, 0)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Nash;

impl Strategy for Nash {
    fn name(&self) -> &str {
        "nash"
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        let pairs = scores.juniors().min(scores.seniors());
        let side = nash_side(scores, pairs);
        let weights = pair_matrix(scores, |a, b| side(a) + side(b))?;
        best_pairing(scores, &weights, Cardinality::Any)
    }

    fn pair_within(
        &self,
        scores: &PairScores,
        capacities: &Capacities,
        seed: u64,
    ) -> Result<CapacitatedPairing> {
        capacities.check(scores)?;
        if capacities.at_most_one() {
            return one_to_one_within(self, scores, capacities, seed);
        }
        let total = |caps: &[u32]| caps.iter().map(|&c| c as usize).sum::<usize>();
        let pairs = total(capacities.juniors())
            .min(total(capacities.seniors()))
            .min(scores.juniors() * scores.seniors());
        let side = nash_side(scores, pairs);
        best_within(
            scores,
            capacities,
            |a, b| side(a) + side(b),
            Cardinality::Any,
        )
    }
}

/// What one side's utility `u` adds to a pair's weight for [`Nash`] when at most `pairs` pairs
/// can be formed: `M + ln u` for `u > 0` and 0 otherwise, with `M` above any difference the
/// logarithms of `2 · pairs` utilities can make, so the count of positive utilities comes first.
fn nash_side(scores: &PairScores, pairs: usize) -> impl Fn(f64) -> f64 + use<> {
    let largest_log = scores
        .junior_gains()
        .iter()
        .chain(scores.senior_gains())
        .filter(|&&u| u > 0.0)
        .map(|&u| u.ln().abs())
        .fold(0.0_f64, f64::max);
    let big = 4.0 * pairs as f64 * largest_log + 1.0;
    move |u: f64| if u > 0.0 { big + u.ln() } else { 0.0 }
}

/// The largest smallest utility, as the metrics'
/// [`min_utility`](crate::metrics::Report::min_utility) defines it, then the largest sum among
/// the pairings that reach it; the built-in `bottleneck`, defined (ties included) in the
/// [strategy table](super#the-built-in-strategies).
///
/// How it is found. When the allowed pairs can pair everyone on the smaller side, the strategy
/// searches the largest threshold `t` such that the pairs whose two utilities are both at least
/// `t` still pair everyone on the smaller side (binary search over the distinct values, each
/// step a Hopcroft–Karp matching test), then maximises the summed utility over those pairs with
/// the engine, pairing everyone on the smaller side. When they cannot, or when that threshold is
/// 0, every pairing's `min_utility` is 0 (an agent of the smaller side is left unmatched, or a
/// matched agent gains 0), so the strategy maximises the sum alone, as [`Utilitarian`] does.
/// This is the bottleneck assignment problem (Gross 1959; Burkard, Dell'Amico & Martello 2012,
/// ch. 6) with a utilitarian second level.
///
/// # Complexity
///
/// `O(nm log(nm))` time for sorting the thresholds, `O(nm √(n+m) log(nm))` for the matching
/// tests, and one engine solve, `O(n²m)`; `O(nm)` memory.
///
/// # Examples
///
/// ```
/// use mentor_match::strategy::{Bottleneck, Strategy, Utilitarian};
/// use mentor_match::PairScores;
///
/// // The utilitarian pairing leaves senior 1 with 0.1; the bottleneck pairing gives everyone 0.5.
/// let scores = PairScores::new(2, 2, vec![1.0, 0.5, 0.5, 1.0], vec![1.0, 0.5, 0.5, 0.1])?;
/// assert_eq!(Utilitarian::new().pair(&scores)?.pairs(), &[(0, 0), (1, 1)]);
/// assert_eq!(Bottleneck.pair(&scores)?.pairs(), &[(0, 1), (1, 0)]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Bottleneck;

impl Strategy for Bottleneck {
    fn name(&self) -> &str {
        "bottleneck"
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing> {
        let (n, m) = (scores.juniors(), scores.seniors());
        let (a, b, ok) = (
            scores.junior_gains(),
            scores.senior_gains(),
            scores.allowed(),
        );
        let floor = |k: usize| a[k].min(b[k]);
        let covers = |t: f64| covers_smaller_side(n, m, |k| ok[k] && floor(k) >= t);
        let threshold = if covers(0.0) {
            let mut values: Vec<f64> = (0..n * m).filter(|&k| ok[k]).map(floor).collect();
            values.sort_by(f64::total_cmp);
            values.dedup();
            // values[lo] always covers (the smallest value admits every allowed pair); find
            // the last value that still covers.
            let (mut lo, mut hi) = (0, values.len());
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if covers(values[mid]) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            values.get(lo).copied()
        } else {
            None
        };
        // A threshold of 0 constrains nothing: every pairing's smallest utility is then 0.
        let (weights, cardinality) = match threshold.filter(|&t| t > 0.0) {
            Some(t) => (
                Matrix::from_fn(n, m, |j, s| {
                    let k = j * m + s;
                    if ok[k] && floor(k) >= t {
                        a[k] + b[k]
                    } else {
                        f64::NEG_INFINITY
                    }
                })?,
                Cardinality::Maximum,
            ),
            None => (pair_matrix(scores, |x, y| x + y)?, Cardinality::Any),
        };
        best_pairing(scores, &weights, cardinality)
    }

    fn pair_within(
        &self,
        scores: &PairScores,
        capacities: &Capacities,
        seed: u64,
    ) -> Result<CapacitatedPairing> {
        one_to_one_only(
            self,
            scores,
            capacities,
            seed,
            "an agent's utility under capacities is a sum over its partners, and maximising the smallest such sum is NP-hard (max-min allocation, Bezakova & Dani 2005); not offered rather than approximated silently",
        )
    }
}

/// The pairing of largest total `weights` (the engine, maximising) with `cardinality`.
fn best_pairing(
    scores: &PairScores,
    weights: &Matrix<f64>,
    cardinality: Cardinality,
) -> Result<Pairing> {
    let options = Options::new(Sense::Maximize).with_cardinality(cardinality);
    let solution = assignment::solve_with(weights, options)?;
    Pairing::new(scores, solution.pairs().to_vec())
}

/// The pairs of largest total `weight(junior_gain, senior_gain)` under `capacities` (the exact
/// many-to-many solver, [`capacitated`], without its spreading level) with `cardinality`.
fn best_within(
    scores: &PairScores,
    capacities: &Capacities,
    weight: impl Fn(f64, f64) -> f64,
    cardinality: Cardinality,
) -> Result<CapacitatedPairing> {
    let weights = pair_matrix(scores, weight)?;
    let problem =
        capacitated::Problem::new(scores.juniors(), scores.seniors(), weights.into_vec())?
            .with_junior_capacities(capacities.juniors().to_vec())?
            .with_senior_capacities(capacities.seniors().to_vec())?;
    let options = capacitated::Options::new()
        .with_spreading(capacitated::Spreading::Free)
        .with_cardinality(cardinality);
    let solution = capacitated::solve(&problem, options)?;
    CapacitatedPairing::new(scores, capacities, solution.pairs().to_vec())
}

/// Whether the pairs `admit` accepts (by cell index `junior * m + senior`) can pair everyone on
/// the smaller side (both sides when they are equal).
fn covers_smaller_side(n: usize, m: usize, admit: impl Fn(usize) -> bool) -> bool {
    let juniors_left = n <= m;
    let (left, right) = if juniors_left { (n, m) } else { (m, n) };
    let mut start = Vec::with_capacity(left + 1);
    let mut targets = Vec::new();
    start.push(0);
    for i in 0..left {
        let cell = |r: usize| if juniors_left { i * m + r } else { r * m + i };
        targets.extend((0..right).filter(|&r| admit(cell(r))));
        start.push(targets.len());
    }
    let graph = bipartite::Graph {
        right,
        start: &start,
        targets: &targets,
    };
    bipartite::maximum_matching_size(&graph) == left
}

/// The engine's weight matrix for `scores`: `weight(a, b)` on allowed pairs, `-inf` on
/// forbidden ones.
fn pair_matrix(scores: &PairScores, weight: impl Fn(f64, f64) -> f64) -> Result<Matrix<f64>> {
    let (a, b, ok) = (
        scores.junior_gains(),
        scores.senior_gains(),
        scores.allowed(),
    );
    let data = (0..a.len())
        .map(|k| {
            if ok[k] {
                weight(a[k], b[k])
            } else {
                f64::NEG_INFINITY
            }
        })
        .collect();
    Matrix::from_vec(scores.juniors(), scores.seniors(), data)
}
