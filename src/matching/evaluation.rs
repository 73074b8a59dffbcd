//! Every strategy on one instance: each one's pairs, time and metrics, as one document (what
//! `mentor-match strategies` prints).
//!
//! [`evaluate`] runs the strategies a [`strategies instance`](Instance) names on its two gain
//! matrices, each with the instance's seed, and measures each pairing with
//! [`metrics::Report`](Report), computed with the utilitarian optimum of the instance so that
//! `price` (the share of the optimum's total utility the strategy gives up) is filled;
//! `seconds` is the strategy's call alone. With a capacity above 1 every strategy runs under
//! the capacities ([`Strategy::pair_within`], defined in the
//! [strategy table](crate::strategy#capacities)) and is measured with
//! [`metrics::many_to_many`], price against the utilitarian optimum under the same capacities;
//! the strategies without a capacitated form are listed under `unsupported` with the reason,
//! instead of being run on a silently changed instance.
//!
//! # Examples
//!
//! ```
//! use mentor_match::evaluation::evaluate;
//! use mentor_match::formats::Instance;
//!
//! let instance = Instance::from_json(r#"{"junior_gain": [[0.9, 0.1], [0.2, 0.8]],
//!     "senior_gain": [[0.5, 0.5], [0.5, 0.5]], "strategies": ["utilitarian", "greedy"]}"#)?;
//! let evaluation = evaluate(&instance)?;
//! assert_eq!(evaluation.strategies[0].name, "utilitarian");
//! assert_eq!(evaluation.strategies[0].pairs, [[0, 0], [1, 1]]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use crate::matching::error::MatrixError;
use crate::matching::formats::Instance;
use crate::matching::metrics::{self, Metrics, Report};
use crate::matching::pair_scores::PairScores;
use crate::matching::strategy::{self, Capacities, Strategy, Utilitarian};
use crate::support::format_version::FormatVersion;
use serde::Serialize;
use std::time::Instant;

/// Why an evaluation stopped, naming the strategy at fault.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum EvaluationError {
    /// The utilitarian optimum, which every `price` is measured against, failed.
    #[error("the utilitarian optimum: {0}")]
    Optimum(MatrixError),
    /// A strategy failed (or its name is unknown).
    #[error("strategy `{name}`: {source}")]
    Strategy {
        /// The strategy's name.
        name: String,
        /// What went wrong.
        source: MatrixError,
    },
    /// A strategy's metrics could not be computed.
    #[error("metrics of `{name}`: {source}")]
    Metrics {
        /// The strategy's name.
        name: String,
        /// What went wrong.
        source: MatrixError,
    },
}

/// Every strategy run on one instance: the document `mentor-match strategies` prints, fields
/// in this order.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Evaluation {
    /// The document's layout version.
    pub format: FormatVersion,
    /// Number of juniors (rows).
    pub juniors: usize,
    /// Number of seniors (columns).
    pub seniors: usize,
    /// The seed handed to every strategy.
    pub seed: u64,
    /// One result per strategy, in the order asked for.
    pub strategies: Vec<StrategyResult>,
    /// The strategies asked for that cannot honour the capacities, with the reason (and
    /// `k_best`, when asked for with capacities above 1).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unsupported: Vec<Unsupported>,
    /// When the instance asks for `k_best`: the best `utilitarian` pairings, best first, each
    /// with every metric; the alternatives a coordinator reviews beside the optimum.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub k_best: Vec<RankedPairing>,
}

/// One of the best `utilitarian` pairings of an [`Evaluation`].
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct RankedPairing {
    /// Its place, from 1 (the optimum).
    pub rank: usize,
    /// `[junior, senior]` pairs, sorted by junior.
    pub pairs: Vec<[usize; 2]>,
    /// Every metric, with the price against the utilitarian optimum.
    pub metrics: Report,
}

/// A strategy left out because it cannot honour the instance's capacities.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct Unsupported {
    /// The strategy's name.
    pub name: String,
    /// Why it was not run.
    pub why: String,
}

/// A strategy's metrics: the library's report for one-to-one pairings, the many-to-many metrics
/// ([`ManyToMany`]) under capacities above 1.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(untagged)]
#[non_exhaustive]
pub enum StrategyMetrics {
    /// Every metric of `metrics::Report`.
    OneToOne(Report),
    /// The metrics that carry over to several partners per agent.
    ManyToMany(ManyToMany),
}

impl StrategyMetrics {
    /// The one-to-one report, if this is one.
    pub fn report(&self) -> Option<&Report> {
        match self {
            StrategyMetrics::OneToOne(r) => Some(r),
            StrategyMetrics::ManyToMany(_) => None,
        }
    }
}

pub use crate::matching::metrics::ManyToMany;

/// One strategy's pairing, time and metrics.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[non_exhaustive]
pub struct StrategyResult {
    /// The strategy's name.
    pub name: String,
    /// `[junior, senior]` pairs, sorted by junior.
    pub pairs: Vec<[usize; 2]>,
    /// Wall-clock time of the strategy's call alone.
    pub seconds: f64,
    /// Every metric, with the price against the utilitarian optimum (one-to-one), or the
    /// many-to-many metrics.
    pub metrics: StrategyMetrics,
}

/// Runs each strategy of `instance` and reports its pairs, time and metrics, with the price
/// against the utilitarian optimum.
///
/// # Errors
///
/// An unknown strategy name, or a library error (as text, naming the strategy).
pub fn evaluate(instance: &Instance) -> Result<Evaluation, EvaluationError> {
    if instance
        .junior_capacity()
        .iter()
        .chain(instance.senior_capacity())
        .any(|&c| c > 1)
    {
        return evaluate_many_to_many(instance);
    }
    let scores = instance.scores();
    let metrics = metrics_against_optimum(scores, instance.seed(), instance.top_k())
        .map_err(EvaluationError::Optimum)?;
    let mut results = Vec::with_capacity(instance.strategies().len());
    for &name in instance.strategies() {
        let strategy = strategy::by_name(name).map_err(|source| EvaluationError::Strategy {
            name: name.to_owned(),
            source,
        })?;
        let started = Instant::now();
        let pairing = strategy
            .pair_seeded(scores, instance.seed())
            .map_err(|source| EvaluationError::Strategy {
                name: name.to_owned(),
                source,
            })?;
        let seconds = started.elapsed().as_secs_f64();
        let report =
            metrics
                .report(scores, &pairing)
                .map_err(|source| EvaluationError::Metrics {
                    name: name.to_owned(),
                    source,
                })?;
        results.push(StrategyResult {
            name: name.to_owned(),
            pairs: pairing.pairs().iter().map(|&(j, s)| [j, s]).collect(),
            seconds,
            metrics: StrategyMetrics::OneToOne(report),
        });
    }
    let mut k_best = Vec::new();
    if let Some(k) = instance.k_best() {
        let failed = |source| EvaluationError::Strategy {
            name: "utilitarian".to_owned(),
            source,
        };
        for (place, pairing) in Utilitarian::new()
            .k_best(scores, k)
            .map_err(failed)?
            .iter()
            .enumerate()
        {
            let report =
                metrics
                    .report(scores, pairing)
                    .map_err(|source| EvaluationError::Metrics {
                        name: "utilitarian".to_owned(),
                        source,
                    })?;
            k_best.push(RankedPairing {
                rank: place + 1,
                pairs: pairing.pairs().iter().map(|&(j, s)| [j, s]).collect(),
                metrics: report,
            });
        }
    }
    Ok(Evaluation {
        format: FormatVersion,
        juniors: scores.juniors(),
        seniors: scores.seniors(),
        seed: instance.seed(),
        strategies: results,
        unsupported: Vec::new(),
        k_best,
    })
}

/// With a capacity above 1: every strategy that pairs under capacities runs (see the
/// [strategy table](crate::strategy#capacities)), measured with [`metrics::many_to_many`]
/// against the utilitarian optimum under the same capacities; the others are listed as
/// unsupported with the reason.
fn evaluate_many_to_many(instance: &Instance) -> Result<Evaluation, EvaluationError> {
    let scores = instance.scores();
    let seed = instance.seed();
    let capacities = Capacities::new(
        instance.junior_capacity().to_vec(),
        instance.senior_capacity().to_vec(),
    )
    .map_err(EvaluationError::Optimum)?;
    let optimum = Utilitarian::new()
        .pair_within(scores, &capacities, seed)
        .and_then(|optimum| metrics::many_to_many(scores, &capacities, &optimum, None))
        .map_err(EvaluationError::Optimum)?;
    let mut results = Vec::new();
    let mut unsupported = Vec::new();
    for &name in instance.strategies() {
        let failed = |source| EvaluationError::Strategy {
            name: name.to_owned(),
            source,
        };
        let strategy = strategy::by_name(name).map_err(failed)?;
        let started = Instant::now();
        let pairing = match strategy.pair_within(scores, &capacities, seed) {
            Ok(pairing) => pairing,
            Err(MatrixError::CapacitiesUnsupported { why, .. }) => {
                unsupported.push(Unsupported {
                    name: name.to_owned(),
                    why: why.to_owned(),
                });
                continue;
            }
            Err(source) => return Err(failed(source)),
        };
        let seconds = started.elapsed().as_secs_f64();
        let report = metrics::many_to_many(scores, &capacities, &pairing, Some(optimum.total))
            .map_err(|source| EvaluationError::Metrics {
                name: name.to_owned(),
                source,
            })?;
        results.push(StrategyResult {
            name: name.to_owned(),
            pairs: pairing.pairs().iter().map(|&(j, s)| [j, s]).collect(),
            seconds,
            metrics: StrategyMetrics::ManyToMany(report),
        });
    }
    if instance.k_best().is_some() {
        unsupported.push(Unsupported {
            name: "k_best".into(),
            why: "the k best pairings are one to one; with capacities above 1 they are not listed"
                .into(),
        });
    }
    Ok(Evaluation {
        format: FormatVersion,
        juniors: scores.juniors(),
        seniors: scores.seniors(),
        seed,
        strategies: results,
        unsupported,
        k_best: Vec::new(),
    })
}

/// The metrics [`evaluate`] measures every one-to-one pairing with: top-`k` share with
/// `top_k`, and `price` against the utilitarian optimum of `scores` (the largest sum of both
/// gains, solved once here with `seed`).
///
/// # Errors
///
/// The utilitarian strategy's error (for instance, gains the engine cannot certify).
///
/// # Examples
///
/// ```
/// use mentor_match::evaluation::metrics_against_optimum;
/// use mentor_match::strategy::Pairing;
/// use mentor_match::PairScores;
///
/// let scores = PairScores::new(2, 2, vec![1.0, 0.0, 0.0, 1.0], vec![1.0, 0.0, 0.0, 1.0])?;
/// let metrics = metrics_against_optimum(&scores, 0, 1)?;
/// let crossed = Pairing::new(&scores, vec![(0, 1), (1, 0)])?;
/// assert_eq!(metrics.report(&scores, &crossed)?.price, Some(1.0)); // all of the optimum lost
/// # Ok::<(), mentor_match::Error>(())
/// ```
pub fn metrics_against_optimum(
    scores: &PairScores,
    seed: u64,
    top_k: usize,
) -> Result<Metrics, MatrixError> {
    let optimum = strategy::by_name("utilitarian")?.pair_seeded(scores, seed)?;
    // Summed pair by pair in the pairing's order, as each report sums its own total, so the
    // optimum's own price is exactly 0.
    let optimum_total = optimum.pairs().iter().fold(0.0, |t, &(j, s)| {
        t + scores.junior_gain(j, s) + scores.senior_gain(j, s)
    });
    Ok(Metrics::new()
        .with_top_k(top_k)
        .with_utilitarian_total(optimum_total))
}
