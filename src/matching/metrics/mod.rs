//! What a pairing achieves: welfare, fairness, stability, ranks and envy, as one typed
//! [`Report`].
//!
//! The metrics read a [`PairScores`] and a [`Pairing`] of it, nothing else, so they judge every
//! [`Strategy`](crate::strategy::Strategy) (built-in or your own) by the same yardstick. In
//! mutual mentoring each agent's *utility* is what it gains from its partner: junior `j` paired
//! with senior `s` has utility `junior_gain(j, s)`, the senior `senior_gain(j, s)`; an unmatched
//! agent has utility 0. The *agents* are all `n` juniors and all `m` seniors. Ranks, stability
//! and "first choice" use the induced strict [`Preferences`] (own utility, ties to the lower
//! index, forbidden partners unacceptable), the same lists the stable strategies use.
//!
//! | field | definition | source |
//! |---|---|---|
//! | [`pairs`](Report::pairs) | number of pairs | |
//! | [`coverage`](Report::coverage) | `pairs / min(n, m)`; 1 when `min(n, m) = 0` | |
//! | [`junior_total`](Report::junior_total), [`senior_total`](Report::senior_total) | sum of the juniors' (seniors') utilities | |
//! | [`total`](Report::total) | `junior_total + senior_total`: utilitarian welfare | |
//! | [`mean_utility`](Report::mean_utility) | `total / (n + m)`, unmatched agents counting 0; 0 without agents | |
//! | [`min_utility`](Report::min_utility) | smallest utility among every agent of the smaller side and the matched agents of the larger side (see below) | Rawls's maximin, adapted |
//! | [`gini`](Report::gini) | Gini coefficient of all `n + m` utilities: mean absolute difference over all ordered pairs of agents, divided by twice the mean; 0 when the mean is 0 | the standard mean-absolute-difference form (Gini 1912) |
//! | [`blocking_pairs`](Report::blocking_pairs), [`blocking`](Report::blocking) | allowed pairs `(j, s)`, not paired together, where `j` strictly prefers `s` to its partner and `s` strictly prefers `j` to its partner (any acceptable partner beats none); the pairing is *stable* when there are none | Gale & Shapley (1962) |
//! | [`junior_rank_profile`](Report::junior_rank_profile), [`senior_rank_profile`](Report::senior_rank_profile) | entry `k`: matched agents of that side paired with their `(k + 1)`-th choice | rank-maximality, Irving et al. (2006) |
//! | [`top_k_share`](Report::top_k_share) | share of all `n + m` agents matched to one of their first `k` choices (`k` = [`top_k`](Report::top_k), default 3) | |
//! | [`mean_rank`](Report::mean_rank) | mean 1-based rank of the partner over the `2 · pairs` matched agents; `None` without pairs | |
//! | [`reciprocity_gap_mean`](Report::reciprocity_gap_mean), [`reciprocity_gap_max`](Report::reciprocity_gap_max) | per pair `|junior_gain − senior_gain|`, mean and maximum; 0 without pairs | |
//! | [`envy`](Report::envy) | agents that envy another agent of their side (see below) | envy-freeness, Foley (1967) |
//! | [`utilitarian_total`](Report::utilitarian_total) | the utilitarian optimum of the instance, when given to [`Metrics::with_utilitarian_total`] | |
//! | [`price`](Report::price) | `(utilitarian_total − total) / utilitarian_total`, 0 when the optimum is 0 | price of fairness, Bertsimas, Farias & Trichakis (2011); of stability for stable strategies |
//!
//! **Why `min_utility` skips the larger side's unmatched agents.** With `n ≠ m`, `|n − m|`
//! agents of the larger side stay unmatched under *every* pairing, so counting their zeros would
//! make every strategy's minimum 0 on every rectangular instance and the metric useless. Every
//! agent of the smaller side, on the other hand, could be paired, so an unmatched one counts
//! with utility 0: a strategy that leaves a coverable agent of the smaller side out still scores
//! 0. When `n = m` every agent counts; with no agent on the smaller side the minimum is 0.
//!
//! **Envy.** Agent `x` envies when some other agent of its side is paired with a partner `y`
//! that `x` may be paired with (an allowed pair) and from whom `x` would gain strictly more
//! than it gains now (0 if unmatched). This uses the raw utilities, not the tie-broken ranks: an
//! agent is not envious of a partner it values exactly as much as its own. Each agent is
//! counted once, however many it envies.
//!
//! # Complexity
//!
//! For `n` juniors and `m` seniors: `O(nm log(max(n, m)))` time to build the [`Preferences`];
//! the rest is linear in the matrix, `O(nm)`:
//!
//! - blocking pairs: each allowed cell is checked once, with two rank look-ups;
//! - envy: for each agent, one pass over the other side's agents that are held by someone else,
//!   looking for a strictly better gain than its own ("the best partner held by someone else");
//! - Gini: `O((n + m) log(n + m))` by sorting the utilities, using
//!   `Σᵢ Σⱼ |xᵢ − xⱼ| = 2 Σᵢ (2i − N − 1) x₍ᵢ₎` over the ascending order `x₍₁₎ ≤ … ≤ x₍N₎`,
//!   instead of the `O(N²)` double sum.
//!
//! Memory is `O(nm)` (the preference ranks).
//!
//! # References
//!
//! - D. Gale, L. S. Shapley (1962), *College admissions and the stability of marriage*, American
//!   Mathematical Monthly 69(1), 9–15.
//! - D. Bertsimas, V. F. Farias, N. Trichakis (2011), *The price of fairness*, Operations
//!   Research 59(1), 17–31.
//! - C. Gini (1912), *Variabilità e mutabilità*; the mean-absolute-difference form as in
//!   e.g. Sen (1973), *On Economic Inequality*.
//! - D. K. Foley (1967), *Resource allocation and the public sector*, Yale Economic Essays 7.
//! - R. W. Irving, T. Kavitha, K. Mehlhorn, D. Michail, K. E. Paluch (2006), *Rank-maximal
//!   matchings*, ACM Transactions on Algorithms 2(4), 602–610.
//!
//! # Examples
//!
//! Two juniors both learn most from senior 0, who learns most from junior 0. Pairing them the
//! "wrong" way round leaves junior 0 and senior 0 wanting each other: one blocking pair.
//!
//! ```
//! use mentor_match::metrics::{self, Metrics};
//! use mentor_match::strategy::Pairing;
//! use mentor_match::PairScores;
//!
//! let scores = PairScores::new(2, 2, vec![0.75, 0.25, 0.5, 0.25], vec![1.0, 0.5, 0.5, 0.25])?;
//! let crossed = Pairing::new(&scores, vec![(0, 1), (1, 0)])?;
//! let report = metrics::report(&scores, &crossed)?;
//! assert_eq!(report.total, 0.25 + 0.5 + 0.5 + 0.5);
//! assert_eq!(report.blocking, vec![(0, 0)]);
//!
//! let straight = Pairing::new(&scores, vec![(0, 0), (1, 1)])?;
//! let report = Metrics::new().with_utilitarian_total(2.25).report(&scores, &straight)?;
//! assert_eq!(report.blocking_pairs, 0); // stable
//! assert_eq!(report.total, 0.75 + 1.0 + 0.25 + 0.25);
//! assert_eq!(report.price, Some(0.0)); // and utilitarian-optimal
//! # Ok::<(), mentor_match::Error>(())
//! ```

mod many_to_many;

pub use many_to_many::{ManyToMany, many_to_many};

use crate::matching::error::{MatrixError, Mistakes, OptionValue, Result};
use crate::matching::pair_scores::PairScores;
use crate::matching::strategy::{Pairing, Preferences};
use serde::{Deserialize, Serialize};

/// The `k` of [`Report::top_k_share`] unless [`Metrics::with_top_k`] says otherwise.
const DEFAULT_TOP_K: usize = 3;

/// Every metric of one pairing of one instance; see the [module docs](self) for the definitions.
///
/// Build it with [`report`] or [`Metrics::report`]. [`values`](Self::values) lists the scalar
/// metrics by name, for tables and for averaging over many runs.
///
/// # Examples
///
/// ```
/// use mentor_match::metrics;
/// use mentor_match::strategy::Pairing;
/// use mentor_match::PairScores;
///
/// // One pair where the junior learns 0.75 and the senior 0.25; one senior left over.
/// let scores = PairScores::new(1, 2, vec![0.75, 0.5], vec![0.25, 0.5])?;
/// let report = metrics::report(&scores, &Pairing::new(&scores, vec![(0, 0)])?)?;
/// assert_eq!(report.coverage, 1.0);
/// assert_eq!(report.min_utility, 0.25); // the unmatched senior 1 does not count
/// assert_eq!(report.reciprocity_gap_max, 0.5);
/// assert_eq!(report.junior_rank_profile, vec![1]); // senior 0 is the junior's first choice
/// assert_eq!(report.blocking_pairs, 0);
/// let json = serde_json::to_string(&report).unwrap();
/// assert_eq!(serde_json::from_str::<metrics::Report>(&json).unwrap(), report);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Report {
    /// Number of pairs.
    pub pairs: usize,
    /// `pairs / min(n, m)`; 1 when either side is empty.
    pub coverage: f64,
    /// Sum of both utilities over all pairs: `junior_total + senior_total`.
    pub total: f64,
    /// Sum of the juniors' utilities.
    pub junior_total: f64,
    /// Sum of the seniors' utilities.
    pub senior_total: f64,
    /// `total / (n + m)`: unmatched agents count 0; 0 without agents.
    pub mean_utility: f64,
    /// Smallest utility among every agent of the smaller side (unmatched ones 0) and the matched
    /// agents of the larger side; every agent when `n = m`; 0 when the smaller side is empty.
    /// The larger side's unmatched agents are left out because someone there must stay
    /// unmatched under every pairing (see the [module docs](self)).
    pub min_utility: f64,
    /// Gini coefficient of all `n + m` utilities (unmatched 0), in `[0, 1)`; 0 when all are 0.
    pub gini: f64,
    /// Number of blocking pairs under the induced [`Preferences`]; 0 means stable.
    pub blocking_pairs: usize,
    /// The blocking pairs `(junior, senior)`, sorted.
    pub blocking: Vec<(usize, usize)>,
    /// Entry `k`: matched juniors paired with their `(k + 1)`-th choice. As long as the worst
    /// rank among matched juniors; empty without pairs.
    pub junior_rank_profile: Vec<usize>,
    /// Entry `k`: matched seniors paired with their `(k + 1)`-th choice. As long as the worst
    /// rank among matched seniors; empty without pairs.
    pub senior_rank_profile: Vec<usize>,
    /// The `k` of [`top_k_share`](Self::top_k_share).
    pub top_k: usize,
    /// Share of all `n + m` agents matched to one of their first `top_k` choices; 0 without
    /// agents.
    pub top_k_share: f64,
    /// Mean 1-based rank of the partner over all matched agents of both sides; `None` without
    /// pairs.
    pub mean_rank: Option<f64>,
    /// Mean over pairs of `|junior_gain − senior_gain|`; 0 without pairs.
    pub reciprocity_gap_mean: f64,
    /// Largest `|junior_gain − senior_gain|` of a pair; 0 without pairs.
    pub reciprocity_gap_max: f64,
    /// Number of agents who envy another agent of their side: they may be paired with that
    /// agent's partner and would gain strictly more from it than from their own (0 if
    /// unmatched).
    pub envy: usize,
    /// The utilitarian optimum of the instance, when given to [`Metrics::with_utilitarian_total`].
    pub utilitarian_total: Option<f64>,
    /// `(utilitarian_total − total) / utilitarian_total`, 0 when the optimum is 0 or the two
    /// totals agree within rounding (relative 1e-12); `None` without
    /// [`utilitarian_total`](Self::utilitarian_total). The price of fairness for a fair
    /// strategy, of stability for a stable one. Negative only if the given optimum is below
    /// this pairing's total, that is, not the optimum.
    pub price: Option<f64>,
}

/// A scalar metric of a [`Report`], named as in reports, tables and CSV (`snake_case`).
///
/// Metrics are picked by value, not by a string, so a misspelt one is a compile error (or,
/// read from text with [`FromStr`](std::str::FromStr), an [`MatrixError::UnknownMetric`] listing the
/// names), never a silent zero.
///
/// # Examples
///
/// ```
/// use mentor_match::metrics::{self, Metric};
/// use mentor_match::strategy::Pairing;
/// use mentor_match::PairScores;
///
/// let scores = PairScores::new(1, 1, vec![0.5], vec![0.25])?;
/// let report = metrics::report(&scores, &Pairing::new(&scores, vec![(0, 0)])?)?;
/// assert_eq!(report.value(Metric::Total), Some(0.75));
/// assert_eq!(report.value(Metric::Price), None); // no optimum given
/// assert_eq!("min_utility".parse::<Metric>()?, Metric::MinUtility);
/// assert_eq!(Metric::TopKShare.to_string(), "top_k_share");
/// assert!("totl".parse::<Metric>().is_err());
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Metric {
    /// [`Report::pairs`].
    Pairs,
    /// [`Report::coverage`].
    Coverage,
    /// [`Report::total`].
    Total,
    /// [`Report::junior_total`].
    JuniorTotal,
    /// [`Report::senior_total`].
    SeniorTotal,
    /// [`Report::mean_utility`].
    MeanUtility,
    /// [`Report::min_utility`].
    MinUtility,
    /// [`Report::gini`].
    Gini,
    /// [`Report::blocking_pairs`].
    BlockingPairs,
    /// [`Report::top_k_share`].
    TopKShare,
    /// [`Report::mean_rank`] (absent without pairs).
    MeanRank,
    /// [`Report::reciprocity_gap_mean`].
    ReciprocityGapMean,
    /// [`Report::reciprocity_gap_max`].
    ReciprocityGapMax,
    /// [`Report::envy`].
    Envy,
    /// [`Report::price`] (absent without the utilitarian optimum).
    Price,
}

impl Metric {
    /// Every metric, in the order of [`Report::values`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::metrics::{self, Metric};
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::PairScores;
    ///
    /// // The keys of a report's values, in order: one column a metric in a table.
    /// let scores = PairScores::new(1, 1, vec![0.5], vec![0.25])?;
    /// let report = metrics::report(&scores, &Pairing::new(&scores, vec![(0, 0)])?)?;
    /// let keys: Vec<&str> = report.values().into_iter().map(|(key, _)| key).collect();
    /// let all: Vec<&str> = Metric::ALL.iter().map(|m| m.name()).collect();
    /// assert_eq!(keys, all[..all.len() - 1]); // every one but `price`: no optimum given
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub const ALL: [Metric; 15] = [
        Metric::Pairs,
        Metric::Coverage,
        Metric::Total,
        Metric::JuniorTotal,
        Metric::SeniorTotal,
        Metric::MeanUtility,
        Metric::MinUtility,
        Metric::Gini,
        Metric::BlockingPairs,
        Metric::TopKShare,
        Metric::MeanRank,
        Metric::ReciprocityGapMean,
        Metric::ReciprocityGapMax,
        Metric::Envy,
        Metric::Price,
    ];

    /// The metric's `snake_case` name, as in reports and tables.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::metrics::Metric;
    ///
    /// assert_eq!(Metric::BlockingPairs.name(), "blocking_pairs");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Metric::Pairs => "pairs",
            Metric::Coverage => "coverage",
            Metric::Total => "total",
            Metric::JuniorTotal => "junior_total",
            Metric::SeniorTotal => "senior_total",
            Metric::MeanUtility => "mean_utility",
            Metric::MinUtility => "min_utility",
            Metric::Gini => "gini",
            Metric::BlockingPairs => "blocking_pairs",
            Metric::TopKShare => "top_k_share",
            Metric::MeanRank => "mean_rank",
            Metric::ReciprocityGapMean => "reciprocity_gap_mean",
            Metric::ReciprocityGapMax => "reciprocity_gap_max",
            Metric::Envy => "envy",
            Metric::Price => "price",
        }
    }
}

// A misspelt metric is refused with every name that exists.
crate::support::names::by_name!(Metric, MatrixError, |name: &str| {
    MatrixError::UnknownMetric {
        name: name.to_owned(),
        known: Metric::ALL.map(Metric::name).to_vec(),
    }
});

impl Report {
    /// The value of `metric`, counts as `f64`; `None` for [`Metric::MeanRank`] without pairs
    /// and [`Metric::Price`] without the utilitarian optimum.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::metrics::{self, Metric};
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(1, 2, vec![0.5, 0.5], vec![0.5, 0.5])?;
    /// let report = metrics::report(&scores, &Pairing::new(&scores, vec![(0, 0)])?)?;
    /// assert_eq!(report.value(Metric::Pairs), Some(1.0));
    /// assert_eq!(report.value(Metric::MeanRank), Some(1.0));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn value(&self, metric: Metric) -> Option<f64> {
        Some(match metric {
            Metric::Pairs => self.pairs as f64,
            Metric::Coverage => self.coverage,
            Metric::Total => self.total,
            Metric::JuniorTotal => self.junior_total,
            Metric::SeniorTotal => self.senior_total,
            Metric::MeanUtility => self.mean_utility,
            Metric::MinUtility => self.min_utility,
            Metric::Gini => self.gini,
            Metric::BlockingPairs => self.blocking_pairs as f64,
            Metric::TopKShare => self.top_k_share,
            Metric::MeanRank => return self.mean_rank,
            Metric::ReciprocityGapMean => self.reciprocity_gap_mean,
            Metric::ReciprocityGapMax => self.reciprocity_gap_max,
            Metric::Envy => self.envy as f64,
            Metric::Price => return self.price,
        })
    }

    /// Every scalar metric under its [`Metric::name`], in the order of [`Metric::ALL`]:
    /// `pairs`, `coverage`, `total`, `junior_total`, `senior_total`, `mean_utility`,
    /// `min_utility`, `gini`, `blocking_pairs`, `top_k_share`, `mean_rank` (left out when
    /// `None`), `reciprocity_gap_mean`, `reciprocity_gap_max`, `envy`, `price` (left out when
    /// `None`).
    ///
    /// Counts come as `f64` so that runs can be averaged key by key.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::metrics;
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(1, 1, vec![0.5], vec![0.5])?;
    /// let report = metrics::report(&scores, &Pairing::new(&scores, vec![(0, 0)])?)?;
    /// let values = report.values();
    /// assert_eq!(values[0], ("pairs", 1.0));
    /// assert!(values.contains(&("mean_rank", 1.0)));
    /// assert!(!values.iter().any(|(key, _)| *key == "price")); // no optimum given
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn values(&self) -> Vec<(&'static str, f64)> {
        self.metrics()
            .into_iter()
            .map(|(m, x)| (m.name(), x))
            .collect()
    }

    /// [`values`](Self::values) keyed by [`Metric`].
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::metrics::{self, Metric};
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(1, 1, vec![0.5], vec![0.5])?;
    /// let report = metrics::report(&scores, &Pairing::new(&scores, vec![(0, 0)])?)?;
    /// assert_eq!(report.metrics()[0], (Metric::Pairs, 1.0));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn metrics(&self) -> Vec<(Metric, f64)> {
        Metric::ALL
            .into_iter()
            .filter_map(|m| self.value(m).map(|x| (m, x)))
            .collect()
    }
}

/// The options of a [`Report`]: which `k` for the top-`k` share, and the utilitarian optimum
/// for the price of fairness or stability.
///
/// Setters take and return the value, so options chain; [`report`] is the one call with the
/// defaults (`top_k` 3, no optimum).
///
/// # Examples
///
/// ```
/// use mentor_match::metrics::Metrics;
/// use mentor_match::strategy::Pairing;
/// use mentor_match::PairScores;
///
/// // Senior 1 teaches junior 0 best, but senior 0 was picked: the junior's second choice.
/// let scores = PairScores::new(1, 2, vec![0.25, 0.75], vec![0.5, 0.5])?;
/// let pairing = Pairing::new(&scores, vec![(0, 0)])?;
/// let report = Metrics::new().with_top_k(1).with_utilitarian_total(1.25).report(&scores, &pairing)?;
/// assert_eq!(report.junior_rank_profile, vec![0, 1]);
/// assert_eq!(report.top_k_share, 1.0 / 3.0); // only senior 0 got its first choice
/// assert_eq!(report.price, Some(0.5 / 1.25));
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Metrics {
    top_k: usize,
    utilitarian_total: Option<f64>,
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics {
            top_k: DEFAULT_TOP_K,
            utilitarian_total: None,
        }
    }
}

impl Metrics {
    /// The default options: `top_k` 3, no utilitarian optimum.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::metrics::{self, Metrics};
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::PairScores;
    ///
    /// let scores = PairScores::new(1, 2, vec![0.5, 0.25], vec![0.5, 0.25])?;
    /// let pairing = Pairing::new(&scores, vec![(0, 1)])?;
    /// let report = Metrics::new().report(&scores, &pairing)?;
    /// assert_eq!(report, metrics::report(&scores, &pairing)?); // the defaults
    /// assert_eq!((report.top_k, report.price), (3, None));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn new() -> Self {
        Self::default()
    }

    crate::support::setters::field_setters! {
        /// Counts an agent in [`Report::top_k_share`] when its partner is among its first `k`
        /// choices; at least 1 ([`report`](Self::report) refuses 0, as an experiment and a
        /// strategies instance do: the share of the first 0 choices is 0 for every pairing).
        with_top_k(top_k: usize) was top_k;
    }

    /// The utilitarian optimum of the instance (the largest `total` of any pairing, as the
    /// `utilitarian` strategy finds it), so that the report gives the [`price`](Report::price)
    /// of this pairing.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::metrics::Metrics;
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::PairScores;
    ///
    /// // The optimum pairs junior 0 with senior 0 (total 2); this pairing reaches 0.5 of it.
    /// let scores = PairScores::new(1, 2, vec![1.0, 0.5], vec![1.0, 0.5])?;
    /// let pairing = Pairing::new(&scores, vec![(0, 1)])?;
    /// let report = Metrics::new().with_utilitarian_total(2.0).report(&scores, &pairing)?;
    /// assert_eq!(report.price, Some(0.5));
    /// assert!(Metrics::new().with_utilitarian_total(-1.0).report(&scores, &pairing).is_err());
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn with_utilitarian_total(mut self, total: f64) -> Self {
        self.utilitarian_total = Some(total);
        self
    }

    /// Every metric of `pairing` on `scores`.
    ///
    /// See the [module docs](self) for the definitions and their sources.
    ///
    /// # Complexity
    ///
    /// `O(nm log(max(n, m)))` time for `n` juniors and `m` seniors (building the induced
    /// [`Preferences`]; the metrics themselves take `O(nm)`), `O(nm)` memory.
    ///
    /// # Errors
    ///
    /// - [`MatrixError::InvalidOption`] (`pairing.juniors` or `pairing.seniors`) when `pairing` was
    ///   built for scores of another shape;
    /// - [`MatrixError::InvalidPair`] when `pairing` holds a pair these scores forbid (it was built
    ///   for other scores of the same shape);
    /// - [`MatrixError::InvalidOption`] (`utilitarian_total`) when the optimum given is NaN, infinite
    ///   or negative; (`top_k`) when `top_k` is 0;
    /// - [`MatrixError::Multiple`] of every one of those found: both sides of another size, or
    ///   every forbidden pair, and a `top_k` of 0 and a wrong optimum.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::metrics::Metrics;
    /// use mentor_match::strategy::Pairing;
    /// use mentor_match::{MatrixError, PairScores};
    ///
    /// let scores = PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4])?;
    /// let pairing = Pairing::new(&scores, vec![(0, 0), (1, 1)])?;
    /// assert_eq!(Metrics::new().report(&scores, &pairing)?.total, 2.0);
    ///
    /// // A pairing of another instance is refused, not misread.
    /// let other = PairScores::new(2, 3, vec![0.5; 6], vec![0.5; 6])?;
    /// let err = Metrics::new().report(&other, &pairing).unwrap_err();
    /// assert!(matches!(err, MatrixError::InvalidOption { option: "pairing.seniors", .. }));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn report(&self, scores: &PairScores, pairing: &Pairing) -> Result<Report> {
        let (n, m) = (scores.juniors(), scores.seniors());
        let mut found = Mistakes::new();
        found.check(check_fits(scores, pairing));
        if self.top_k == 0 {
            found.push(MatrixError::InvalidOption {
                option: "top_k",
                value: OptionValue::Integer(0),
                expected: "at least 1",
            });
        }
        check_optimum(self.utilitarian_total, &mut found);
        found.finish()?;
        let (a, b, ok) = (
            scores.junior_gains(),
            scores.senior_gains(),
            scores.allowed(),
        );
        let prefs = Preferences::induced(scores);
        let pairs = pairing.pairs();

        // Utilities of every agent (unmatched 0), totals and reciprocity gaps in one pass.
        let mut junior_utility = vec![0.0; n];
        let mut senior_utility = vec![0.0; m];
        let (mut junior_total, mut senior_total) = (0.0, 0.0);
        let (mut gap_sum, mut gap_max) = (0.0_f64, 0.0_f64);
        for &(j, s) in pairs {
            let (x, y) = (a[j * m + s], b[j * m + s]);
            junior_utility[j] = x;
            senior_utility[s] = y;
            junior_total += x;
            senior_total += y;
            gap_sum += (x - y).abs();
            gap_max = gap_max.max((x - y).abs());
        }
        let total = junior_total + senior_total;
        let agents = n + m;
        let per_agent = |x: f64| if agents == 0 { 0.0 } else { x / agents as f64 };

        // Ranks of the partners: profiles, top-k and the mean rank. Every pair is allowed
        // (checked above), so both ranks exist.
        let mut junior_rank_profile = Vec::new();
        let mut senior_rank_profile = Vec::new();
        let (mut in_top_k, mut rank_sum) = (0_usize, 0_usize);
        for &(j, s) in pairs {
            for (rank, profile) in [
                (prefs.junior_rank(j, s), &mut junior_rank_profile),
                (prefs.senior_rank(j, s), &mut senior_rank_profile),
            ] {
                if let Some(rank) = rank {
                    if profile.len() <= rank {
                        profile.resize(rank + 1, 0);
                    }
                    profile[rank] += 1;
                    in_top_k += usize::from(rank < self.top_k);
                    rank_sum += rank + 1;
                }
            }
        }

        let blocking = blocking_pairs(&prefs, pairing);
        // A forbidden partner is never envied: `None` for it.
        let junior_gain = |j: usize, s: usize| ok[j * m + s].then(|| a[j * m + s]);
        let senior_gain = |s: usize, j: usize| ok[j * m + s].then(|| b[j * m + s]);
        let envy = envious(n, m, junior_gain, &junior_utility, |s| pairing.junior_of(s))
            + envious(m, n, senior_gain, &senior_utility, |j| pairing.senior_of(j));

        let min_utility = min_utility(&junior_utility, &senior_utility, pairing);
        let mut utilities = junior_utility;
        utilities.extend_from_slice(&senior_utility);
        let count = pairs.len();
        Ok(Report {
            pairs: count,
            coverage: if n.min(m) == 0 {
                1.0
            } else {
                count as f64 / n.min(m) as f64
            },
            total,
            junior_total,
            senior_total,
            mean_utility: per_agent(total),
            min_utility,
            gini: gini(&mut utilities),
            blocking_pairs: blocking.len(),
            blocking,
            junior_rank_profile,
            senior_rank_profile,
            top_k: self.top_k,
            top_k_share: per_agent(in_top_k as f64),
            mean_rank: (count > 0).then(|| rank_sum as f64 / (2 * count) as f64),
            reciprocity_gap_mean: if count == 0 {
                0.0
            } else {
                gap_sum / count as f64
            },
            reciprocity_gap_max: gap_max,
            envy,
            utilitarian_total: self.utilitarian_total,
            price: self.utilitarian_total.map(|optimum| price(optimum, total)),
        })
    }
}

/// Every metric of `pairing` on `scores`, with the default options ([`Metrics::new`]).
///
/// # Errors
///
/// As [`Metrics::report`]: [`MatrixError::InvalidOption`] when `pairing` was built for scores of
/// another shape, [`MatrixError::InvalidPair`] when it holds a pair these scores forbid (a
/// [`MatrixError::Multiple`] of every one when there are several).
///
/// # Examples
///
/// ```
/// use mentor_match::metrics;
/// use mentor_match::strategy::{Greedy, Strategy};
/// use mentor_match::PairScores;
///
/// let scores = PairScores::new(2, 2, vec![0.5, 0.25, 0.25, 0.0], vec![0.5, 0.25, 0.25, 0.0])?;
/// let report = metrics::report(&scores, &Greedy.pair(&scores)?)?;
/// assert_eq!(report.total, 1.0); // greedy takes (0, 0) first; (1, 1) adds nothing
/// assert_eq!(report.min_utility, 0.0);
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn report(scores: &PairScores, pairing: &Pairing) -> Result<Report> {
    Metrics::new().report(scores, pairing)
}

/// `(optimum − total) / optimum`, 0 when the optimum is 0 or the two agree within rounding.
fn price(optimum: f64, total: f64) -> f64 {
    let gap = optimum - total;
    // The same optimum summed over other pairs, or in another order, may differ in the last
    // bits: such a difference is no price.
    if optimum == 0.0 || gap.abs() <= 1e-12 * optimum.abs().max(total.abs()) {
        0.0
    } else {
        gap / optimum
    }
}

/// Records a utilitarian optimum `total` that no pairing's total can be measured against:
/// NaN, infinite or negative.
fn check_optimum(total: Option<f64>, found: &mut Mistakes) {
    if let Some(total) = total
        && !(total.is_finite() && total >= 0.0)
    {
        found.push(MatrixError::InvalidOption {
            option: "utilitarian_total",
            value: total.into(),
            expected: "a finite number of at least 0",
        });
    }
}

/// Checks that `pairing` is a pairing of `scores`: same shape, only allowed pairs (every
/// side of another size, else every forbidden pair, is named).
fn check_fits(scores: &PairScores, pairing: &Pairing) -> Result<()> {
    let mut found = Mistakes::new();
    for (option, given, expected, what) in [
        (
            "pairing.juniors",
            pairing.juniors(),
            scores.juniors(),
            "the number of juniors (rows) of the scores",
        ),
        (
            "pairing.seniors",
            pairing.seniors(),
            scores.seniors(),
            "the number of seniors (columns) of the scores",
        ),
    ] {
        if given != expected {
            found.push(MatrixError::InvalidOption {
                option,
                value: given.into(),
                expected: what,
            });
        }
    }
    // Of another shape, its pairs are no cells of these scores.
    found.finish()?;
    let mut found = Mistakes::new();
    // Same shape, but possibly built for other scores with other forbidden pairs.
    for &(junior, senior) in pairing.pairs() {
        if !scores.is_allowed(junior, senior) {
            found.push_with(|| MatrixError::InvalidPair {
                junior,
                senior,
                why: "the scores forbid the pair",
            });
        }
    }
    found.finish()
}

/// The blocking pairs, sorted: every allowed cell is checked once, in row-major order.
fn blocking_pairs(prefs: &Preferences, pairing: &Pairing) -> Vec<(usize, usize)> {
    let (n, m) = (prefs.juniors(), prefs.seniors());
    let mut blocking = Vec::new();
    for j in 0..n {
        let current = pairing.senior_of(j);
        for s in 0..m {
            // `junior_prefers` is false for an unacceptable `s` and for `s` its own partner.
            if prefs.junior_prefers(j, s, current)
                && prefs.senior_prefers(s, j, pairing.junior_of(s))
            {
                blocking.push((j, s));
            }
        }
    }
    blocking
}

/// The number of envious agents of one side (`count` agents, `others` on the other side).
///
/// `gain(x, y)` is what agent `x` gains from agent `y` of the other side, `None` when the pair
/// is forbidden; `partner_of(y)` is who holds `y`. Agent `x` envies when some `y` held by
/// another agent of its side is allowed for `x` and gives `x` strictly more than its own
/// utility: "the best partner held by someone else" beats its own. `O(count · others)`.
fn envious(
    count: usize,
    others: usize,
    gain: impl Fn(usize, usize) -> Option<f64>,
    utility: &[f64],
    partner_of: impl Fn(usize) -> Option<usize>,
) -> usize {
    (0..count)
        .filter(|&x| {
            (0..others).any(|y| {
                partner_of(y).is_some_and(|holder| holder != x)
                    && gain(x, y).is_some_and(|g| g > utility[x])
            })
        })
        .count()
}

/// The smallest utility over every agent of the smaller side and the matched agents of the
/// larger side (every agent when the sides are equal); 0 when that set is empty, which happens
/// only when the smaller side is.
fn min_utility(junior_utility: &[f64], senior_utility: &[f64], pairing: &Pairing) -> f64 {
    let (n, m) = (junior_utility.len(), senior_utility.len());
    // A side counts whole when it is not the larger one; otherwise only its matched agents.
    let juniors = (0..n)
        .filter(|&j| n <= m || pairing.senior_of(j).is_some())
        .map(|j| junior_utility[j]);
    let seniors = (0..m)
        .filter(|&s| m <= n || pairing.junior_of(s).is_some())
        .map(|s| senior_utility[s]);
    let min = juniors.chain(seniors).fold(f64::INFINITY, f64::min);
    if min.is_finite() { min } else { 0.0 }
}

/// The Gini coefficient of `values` (all at least 0), sorting them in place.
///
/// Mean absolute difference over all ordered pairs, `Σᵢ Σⱼ |xᵢ − xⱼ| / N²`, divided by twice
/// the mean `Σ x / N`. In ascending order the `i`-th value (from 1) is above `i − 1` values and
/// below `N − i`, so the double sum is `2 Σᵢ (2i − N − 1) x₍ᵢ₎` and the whole is
/// `Σᵢ (2i − N − 1) x₍ᵢ₎ / (N Σ x)`: `O(N log N)`. 0 when the mean is 0 or there are no values.
pub(crate) fn gini(values: &mut [f64]) -> f64 {
    let sum: f64 = values.iter().sum();
    if values.is_empty() || sum <= 0.0 {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let len = values.len() as f64;
    // With a 0-based index i, the weight 2(i + 1) − N − 1 is 2i + 1 − N.
    let weighted: f64 = values
        .iter()
        .enumerate()
        .map(|(i, &x)| (2.0 * i as f64 + 1.0 - len) * x)
        .sum();
    // Rounding can leave a tiny negative for equal values; the coefficient is never below 0.
    (weighted / (len * sum)).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::gini;

    #[test]
    fn gini_of_known_vectors() {
        assert_eq!(gini(&mut []), 0.0);
        assert_eq!(gini(&mut [0.0, 0.0]), 0.0);
        assert_eq!(gini(&mut [0.5, 0.5, 0.5]), 0.0);
        // Ordered pairs with difference 1: 8 of 16, mean 0.5, so 0.5 / (2 · 0.5).
        assert_eq!(gini(&mut [1.0, 0.0, 1.0, 0.0]), 0.5);
        // One agent holds everything: (N − 1) / N.
        assert_eq!(gini(&mut [0.0, 4.0, 0.0, 0.0]), 0.75);
    }
}

crate::support::setters::renamed_setters!(Metrics {
    utilitarian_total(f64) => with_utilitarian_total,
});
