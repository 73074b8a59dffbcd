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
//! instead of being run on a silently changed instance. A strategy whose own instance does not
//! fit in memory is listed there too, with the size it needed, and the others still run.
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
///
/// # Examples
///
/// ```
/// use mentor_match::evaluation::EvaluationError;
/// use mentor_match::MatrixError;
/// use std::error::Error as _;
///
/// let err = EvaluationError::Strategy {
///     name: "popular_juniors".into(),
///     source: MatrixError::NoneExists { what: "popular pairing" },
/// };
/// let message = "strategy `popular_juniors`: no popular pairing exists for these scores";
/// assert_eq!(err.to_string(), message);
/// // The library's error stays typed, as the source.
/// let source = err.source().unwrap().downcast_ref::<MatrixError>().unwrap();
/// assert!(matches!(source, MatrixError::NoneExists { .. }));
/// ```
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
///
/// # Examples
///
/// ```
/// use mentor_match::evaluation::evaluate;
/// use mentor_match::formats::Instance;
///
/// let instance = Instance::from_json(r#"{"junior_gain": [[0.9, 0.1], [0.2, 0.8]],
///     "senior_gain": [[0.5, 0.5], [0.5, 0.5]], "seed": 7, "strategies": ["greedy", "nash"]}"#)?;
/// let evaluation = evaluate(&instance)?;
/// assert_eq!((evaluation.juniors, evaluation.seniors, evaluation.seed), (2, 2, 7));
/// let names: Vec<&str> = evaluation.strategies.iter().map(|s| s.name.as_str()).collect();
/// assert_eq!(names, ["greedy", "nash"]); // in the order asked for
/// assert!(evaluation.unsupported.is_empty() && evaluation.k_best.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
    /// The strategies asked for that were not run, with the reason: they cannot honour the
    /// capacities, or the instance they build does not fit in memory (and `k_best`, when asked
    /// for with capacities above 1 or when its listing does not fit).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unsupported: Vec<Unsupported>,
    /// When the instance asks for `k_best`: the best `utilitarian` pairings, best first, each
    /// with every metric; the alternatives a coordinator reviews beside the optimum.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub k_best: Vec<RankedPairing>,
}

/// One of the best `utilitarian` pairings of an [`Evaluation`].
///
/// # Examples
///
/// ```
/// use mentor_match::evaluation::evaluate;
/// use mentor_match::formats::Instance;
///
/// let instance = Instance::from_json(r#"{"junior_gain": [[0.9, 0.6], [0.6, 0.1]],
///     "senior_gain": [[0.9, 0.6], [0.6, 0.1]], "strategies": ["utilitarian"], "k_best": 2}"#)?;
/// let k_best = evaluate(&instance)?.k_best;
/// assert_eq!((k_best[0].rank, k_best[0].pairs.clone()), (1, vec![[0, 1], [1, 0]]));
/// assert_eq!((k_best[1].rank, k_best[1].pairs.clone()), (2, vec![[0, 0], [1, 1]]));
/// assert_eq!(k_best[0].metrics.price, Some(0.0)); // the optimum itself
/// assert!(k_best[1].metrics.price.unwrap() > 0.0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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

/// A strategy left out because it cannot honour the instance's capacities, or because the
/// instance it builds does not fit in memory; the other strategies still run.
///
/// # Examples
///
/// ```
/// use mentor_match::evaluation::evaluate;
/// use mentor_match::formats::Instance;
///
/// // Senior 0 may take two juniors: leximin has no many-to-many form, so it is not run.
/// let instance = Instance::from_json(r#"{"junior_gain": [[0.9, 0.1], [0.8, 0.1]],
///     "senior_gain": [[0.5, 0.5], [0.5, 0.5]], "senior_capacity": [2, 1],
///     "strategies": ["greedy", "leximin"]}"#)?;
/// let evaluation = evaluate(&instance)?;
/// assert_eq!(evaluation.strategies.len(), 1);
/// assert_eq!(evaluation.unsupported[0].name, "leximin");
/// assert!(evaluation.unsupported[0].why.contains("NP-hard")); // the reason, for the reader
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
///
/// # Examples
///
/// ```
/// use mentor_match::evaluation::{evaluate, StrategyMetrics};
/// use mentor_match::formats::Instance;
///
/// let gains = r#""junior_gain": [[0.9, 0.1], [0.8, 0.1]], "senior_gain": [[1, 1], [1, 1]]"#;
/// let one = Instance::from_json(&format!(r#"{{{gains}, "strategies": ["greedy"]}}"#))?;
/// let many = Instance::from_json(&format!(r#"{{{gains}, "senior_capacity": [2, 1]}}"#))?;
/// let metrics = |i: &Instance| evaluate(i).map(|e| e.strategies[0].metrics.clone());
/// assert!(matches!(metrics(&one)?, StrategyMetrics::OneToOne(r) if r.pairs == 2));
/// assert!(matches!(metrics(&many)?, StrategyMetrics::ManyToMany(m) if m.pairs == 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::evaluation::evaluate;
    /// use mentor_match::formats::Instance;
    ///
    /// let instance = Instance::from_json(r#"{"junior_gain": [[0.9, 0.1], [0.8, 0.1]],
    ///     "senior_gain": [[0.5, 0.5], [0.5, 0.5]], "strategies": ["utilitarian"]}"#)?;
    /// let evaluation = evaluate(&instance)?;
    /// let report = evaluation.strategies[0].metrics.report().unwrap(); // one to one
    /// assert_eq!(report.price, Some(0.0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn report(&self) -> Option<&Report> {
        match self {
            StrategyMetrics::OneToOne(r) => Some(r),
            StrategyMetrics::ManyToMany(_) => None,
        }
    }
}

pub use crate::matching::metrics::ManyToMany;

/// One strategy's pairing, time and metrics.
///
/// # Examples
///
/// ```
/// use mentor_match::evaluation::evaluate;
/// use mentor_match::formats::Instance;
///
/// let instance = Instance::from_json(r#"{"junior_gain": [[0.9, 0.6], [0.6, 0.1]],
///     "senior_gain": [[0.9, 0.6], [0.6, 0.1]], "strategies": ["greedy"]}"#)?;
/// let greedy = &evaluate(&instance)?.strategies[0];
/// assert_eq!(greedy.name, "greedy");
/// assert_eq!(greedy.pairs, [[0, 0], [1, 1]]); // the best pair first, 2.0 in all
/// assert!(greedy.seconds >= 0.0);
/// assert!(greedy.metrics.report().unwrap().price.unwrap() > 0.0); // the optimum has 2.4
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
/// - [`EvaluationError::Optimum`] when the utilitarian optimum, which every price is measured
///   against, fails;
/// - [`EvaluationError::Strategy`] naming the strategy that failed (`utilitarian` for the
///   `k_best` listing), for any failure but the two that list it under `unsupported` instead
///   (capacities it cannot honour, an instance of its own that does not fit in memory);
/// - [`EvaluationError::Metrics`] naming the strategy whose metrics could not be computed.
///
/// Each carries the library's [`MatrixError`] as its typed `source`, not as text. An unknown
/// strategy name does not get this far: [`Instance`] refuses it when the instance is read.
///
/// # Examples
///
/// ```
/// use mentor_match::evaluation::evaluate;
/// use mentor_match::formats::Instance;
///
/// // Greedy takes the best pair first (1.8) and leaves 0.2; the optimum crosses them (2.4).
/// let instance = Instance::from_json(r#"{"junior_gain": [[0.9, 0.6], [0.6, 0.1]],
///     "senior_gain": [[0.9, 0.6], [0.6, 0.1]], "strategies": ["utilitarian", "greedy"]}"#)?;
/// let evaluation = evaluate(&instance)?;
/// let price = |k: usize| evaluation.strategies[k].metrics.report().unwrap().price.unwrap();
/// assert_eq!(price(0), 0.0);
/// assert!((price(1) - 0.4 / 2.4).abs() < 1e-12);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
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
    let mut unsupported = Vec::new();
    for &name in instance.strategies() {
        let failed = |source| EvaluationError::Strategy {
            name: name.to_owned(),
            source,
        };
        let strategy = strategy::by_name(name).map_err(failed)?;
        let started = Instant::now();
        let pairing = match strategy.pair_seeded(scores, instance.seed()) {
            Ok(pairing) => pairing,
            Err(source) => {
                unsupported.push(left_out(name, source).map_err(failed)?);
                continue;
            }
        };
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
        let listed = match Utilitarian::new().k_best(scores, k) {
            Ok(listed) => listed,
            Err(source) => {
                unsupported.push(left_out("k_best", source).map_err(failed)?);
                Vec::new()
            }
        };
        for (place, pairing) in listed.iter().enumerate() {
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
        unsupported,
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
            Err(source) => {
                unsupported.push(left_out(name, source).map_err(failed)?);
                continue;
            }
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

/// A strategy's failure as its entry under `unsupported`, when it leaves the strategy out
/// rather than ending the run: the strategy cannot honour the capacities, or the instance it
/// builds does not fit in memory (the gadgets of a stable strategy under large capacities on
/// both sides, say). The other strategies' results are as good without it. Any other failure
/// is returned, to end the run.
fn left_out(name: &str, error: MatrixError) -> Result<Unsupported, MatrixError> {
    let why = match error {
        MatrixError::CapacitiesUnsupported { why, .. } => why.to_owned(),
        MatrixError::TooLarge { .. } => error.to_string(),
        _ => return Err(error),
    };
    Ok(Unsupported {
        name: name.to_owned(),
        why,
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A strategy that cannot honour the capacities, or whose own instance does not fit in
    /// memory, is listed with the reason; any other failure ends the run.
    #[test]
    fn which_failures_leave_a_strategy_out() {
        let too_large = MatrixError::TooLarge {
            what: "the many-to-many gadget instance (agents a side)",
            rows: 480_000,
            cols: 480_000,
        };
        let listed = left_out("egalitarian_stable", too_large).unwrap();
        assert_eq!(listed.name, "egalitarian_stable");
        assert_eq!(
            listed.why,
            "the many-to-many gadget instance (agents a side) of 480000 x 480000 needs more \
             memory than can be allocated"
        );
        let refused = MatrixError::CapacitiesUnsupported {
            strategy: "leximin".into(),
            why: "not offered",
        };
        assert_eq!(left_out("leximin", refused).unwrap().why, "not offered");
        let other = MatrixError::NoneExists {
            what: "popular pairing",
        };
        assert!(matches!(
            left_out("greedy", other),
            Err(MatrixError::NoneExists { .. })
        ));
    }
}
