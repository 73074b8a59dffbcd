//! Experiments: run a set of strategies over many seeded instances and summarise every metric
//! with its mean and a 95 % confidence interval.
//!
//! For repeat `r` of an experiment with seed `s`, the instance seed is a fixed mix of `s` and
//! `r` (SplitMix64), handed both to the instance builder and to each strategy, so an experiment
//! is reproducible from its seed alone: same seed, same instances, same pairings, same metrics
//! (run times aside). Every strategy sees the same instances, so their metrics can be compared
//! pair-wise. The price of each strategy is measured against the utilitarian optimum of the
//! same instance, computed once per instance.
//!
//! The interval is Student's t interval for the mean over the repeats: `mean ± t · sd / √R`
//! with `t` the 0.975 quantile of Student's t with `R − 1` degrees of freedom; with a single
//! repeat the interval is the mean itself.
//!
//! # Examples
//!
//! ```
//! use mentor_match::experiment::{Experiment, StrategySummary};
//! use mentor_match::metrics::Metric;
//! use mentor_match::strategy::{self, Strategy};
//! use mentor_match::PairScores;
//!
//! // Instances: 6 × 6 utilities drawn from the instance seed.
//! let instance = |seed: u64| {
//!     let draw = |k: u64| ((seed ^ k).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as f64 / (1u64 << 24) as f64;
//!     PairScores::new(6, 6, (0..36).map(draw).collect(), (36..72).map(draw).collect())
//! };
//! let summary = Experiment::new(vec![strategy::by_name("utilitarian")?, strategy::by_name("greedy")?])
//!     .with_repeats(5)
//!     .with_seed(1)
//!     .run(instance)?;
//! let utilitarian = summary.strategy("utilitarian").unwrap();
//! let greedy = summary.strategy("greedy").unwrap();
//! let total = |s: &StrategySummary| s.metric(Metric::Total).unwrap().mean;
//! assert!(total(utilitarian) >= total(greedy));
//! assert_eq!(utilitarian.metric(Metric::Price).unwrap().mean, 0.0);
//! # Ok::<(), mentor_match::Error>(())
//! ```

use crate::matching::error::{MatrixError, Result};
use crate::matching::metrics::{Metric, Metrics};
use crate::matching::pair_scores::PairScores;
use crate::matching::strategy::{Strategy, Utilitarian};
use serde::{Deserialize, Serialize};
use std::sync::Arc;
use std::time::Instant;

/// A set of strategies, how many seeded instances to run them on, and the metrics' options.
///
/// `Send + Sync` and cheap to clone (the strategies are shared, not copied), so one experiment
/// can be run from several threads, for example on different instance builders.
///
/// # Examples
///
/// See the [module docs](self).
#[derive(Clone)]
pub struct Experiment {
    strategies: Vec<Arc<dyn Strategy>>,
    repeats: usize,
    seed: u64,
    top_k: usize,
}

impl std::fmt::Debug for Experiment {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.strategies.iter().map(|s| s.name()).collect();
        f.debug_struct("Experiment")
            .field("strategies", &names)
            .field("repeats", &self.repeats)
            .field("seed", &self.seed)
            .field("top_k", &self.top_k)
            .finish()
    }
}

impl Experiment {
    /// An experiment of `strategies`, with 10 repeats, seed 0 and top-3 shares.
    pub fn new(strategies: Vec<Box<dyn Strategy>>) -> Self {
        Experiment {
            strategies: strategies.into_iter().map(Arc::from).collect(),
            repeats: 10,
            seed: 0,
            top_k: 3,
        }
    }

    crate::support::setters::field_setters! {
        /// How many instances to run (at least 1).
        with_repeats(repeats: usize) was repeats;

        /// The experiment's seed, from which every instance seed is derived.
        with_seed(seed: u64) was seed;

        /// The `k` of the top-k share metric.
        with_top_k(top_k: usize) was top_k;
    }

    /// The seed of repeat `repeat`: SplitMix64 of the experiment seed and the repeat number.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::experiment::Experiment;
    ///
    /// let e = Experiment::new(Vec::new()).with_seed(1);
    /// // Rebuild the instance of repeat 3 on its own, to look at it closely.
    /// assert_eq!(e.instance_seed(3), Experiment::new(Vec::new()).with_seed(1).instance_seed(3));
    /// assert_ne!(e.instance_seed(3), e.instance_seed(4));
    /// ```
    pub fn instance_seed(&self, repeat: usize) -> u64 {
        // SplitMix64's output number `repeat + 1` from the state `seed`.
        crate::support::seeded::finalise(
            self.seed.wrapping_add(
                (repeat as u64)
                    .wrapping_add(1)
                    .wrapping_mul(crate::support::seeded::GOLDEN),
            ),
        )
    }

    /// Runs every strategy on `repeats` instances built by `instance` from their seeds.
    ///
    /// # Complexity
    ///
    /// `repeats` times the cost of building an instance, one utilitarian solve, and each
    /// strategy with its metrics (`O(nm log m)` for the metrics).
    ///
    /// # Errors
    ///
    /// [`MatrixError::InvalidOption`] for 0 repeats or a top-k of 0; otherwise the first error
    /// of the instance builder, a strategy or the metrics. The error type is the instance
    /// builder's, so a builder that returns the crate's [`Error`](crate::Error) (from a roster,
    /// say) gets that type back, and one that returns [`MatrixError`] gets that.
    pub fn run<E: From<MatrixError>>(
        &self,
        mut instance: impl FnMut(u64) -> Result<PairScores, E>,
    ) -> Result<Summary, E> {
        for (option, value) in [("repeats", self.repeats), ("top_k", self.top_k)] {
            if value == 0 {
                return Err(MatrixError::InvalidOption {
                    option,
                    value: 0.0,
                    expected: "at least 1",
                }
                .into());
            }
        }
        // samples[strategy][metric] = one value per repeat, in the order of Report::values.
        let mut keys: Vec<Vec<Metric>> = vec![Vec::new(); self.strategies.len()];
        let mut samples: Vec<Vec<Vec<f64>>> = vec![Vec::new(); self.strategies.len()];
        let mut seconds: Vec<Vec<f64>> = vec![Vec::new(); self.strategies.len()];
        for repeat in 0..self.repeats {
            let seed = self.instance_seed(repeat);
            let scores = instance(seed)?;
            let optimum = Utilitarian::new().pair(&scores)?;
            // Through the metrics' own sum, so the utilitarian price is exactly 0.
            let optimum_total = Metrics::new().report(&scores, &optimum)?.total;
            let metrics = Metrics::new()
                .with_top_k(self.top_k)
                .with_utilitarian_total(optimum_total);
            for (i, strategy) in self.strategies.iter().enumerate() {
                let started = Instant::now();
                let pairing = strategy.pair_seeded(&scores, seed)?;
                seconds[i].push(started.elapsed().as_secs_f64());
                let values = metrics.report(&scores, &pairing)?.metrics();
                // A metric missing in some repeats (a mean rank without pairs) is summarised
                // over the repeats that have it.
                for (key, value) in values {
                    let k = match keys[i].iter().position(|&x| x == key) {
                        Some(k) => k,
                        None => {
                            keys[i].push(key);
                            samples[i].push(Vec::new());
                            keys[i].len() - 1
                        }
                    };
                    samples[i][k].push(value);
                }
            }
        }
        let strategies = self
            .strategies
            .iter()
            .enumerate()
            .map(|(i, s)| StrategySummary {
                name: s.name().to_owned(),
                runs: self.repeats,
                metrics: keys[i]
                    .iter()
                    .zip(&samples[i])
                    .map(|(&key, xs)| Estimate::of(key.name(), xs))
                    .collect(),
                seconds: Estimate::of("seconds", &seconds[i]),
            })
            .collect();
        Ok(Summary {
            seed: self.seed,
            repeats: self.repeats,
            strategies,
        })
    }
}

/// What an experiment measured: per strategy, every metric's mean with its interval.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Summary {
    /// The experiment's seed.
    pub seed: u64,
    /// Number of instances.
    pub repeats: usize,
    /// One summary per strategy, in the experiment's order.
    pub strategies: Vec<StrategySummary>,
}

impl Summary {
    /// The summary of the strategy called `name`.
    pub fn strategy(&self, name: &str) -> Option<&StrategySummary> {
        self.strategies.iter().find(|s| s.name == name)
    }
}

/// One strategy's metrics over an experiment's instances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StrategySummary {
    /// The strategy's name.
    pub name: String,
    /// Number of instances it ran on.
    pub runs: usize,
    /// Each metric of [`Report::values`](crate::metrics::Report::values), in that order, under
    /// its [`Metric::name`].
    pub metrics: Vec<Estimate>,
    /// Time per instance, in seconds (the strategy's call alone).
    pub seconds: Estimate,
}

impl StrategySummary {
    /// The estimate of `metric`; `None` when no run had it (a mean rank without pairs, in
    /// every run).
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::experiment::Experiment;
    /// use mentor_match::metrics::Metric;
    /// use mentor_match::{strategy, PairScores};
    ///
    /// let summary = Experiment::new(vec![strategy::by_name("greedy")?])
    ///     .with_repeats(2)
    ///     .run(|_| PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4]))?;
    /// let greedy = summary.strategy("greedy").unwrap();
    /// assert_eq!(greedy.metric(Metric::Pairs).unwrap().n, 2);
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn metric(&self, metric: Metric) -> Option<&Estimate> {
        self.metrics.iter().find(|e| e.metric == metric.name())
    }
}

/// A mean over repeats with its 95 % confidence interval.
///
/// # Examples
///
/// ```
/// use mentor_match::experiment::Estimate;
///
/// let e = Estimate::of("total", &[1.0, 2.0, 3.0]);
/// assert_eq!(e.mean, 2.0);
/// // sd = 1, t(0.975, 2) = 4.303: 2 ± 4.303 / √3.
/// assert!((e.high - e.mean - 4.303 / 3f64.sqrt()).abs() < 1e-3);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Estimate {
    /// The metric's key.
    pub metric: String,
    /// Number of values.
    pub n: usize,
    /// Their mean (0 without values).
    pub mean: f64,
    /// Their sample standard deviation (0 with fewer than 2).
    pub sd: f64,
    /// Lower end of the 95 % interval.
    pub low: f64,
    /// Upper end of the 95 % interval.
    pub high: f64,
}

impl Estimate {
    /// The mean of `values` and its Student's t 95 % interval.
    pub fn of(metric: &str, values: &[f64]) -> Self {
        let n = values.len();
        let mean = if n == 0 {
            0.0
        } else {
            values.iter().sum::<f64>() / n as f64
        };
        let sd = if n < 2 {
            0.0
        } else {
            (values.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64).sqrt()
        };
        let half = if n < 2 {
            0.0
        } else {
            t975(n - 1) * sd / (n as f64).sqrt()
        };
        Estimate {
            metric: metric.to_owned(),
            n,
            mean,
            sd,
            low: mean - half,
            high: mean + half,
        }
    }

    /// Half the width of the interval.
    pub fn half_width(&self) -> f64 {
        (self.high - self.low) / 2.0
    }
}

/// The 0.975 quantile of Student's t with `df` degrees of freedom (`df ≥ 1`), from the
/// standard table; beyond 30 the normal quantile's correction `1.96 + 2.4 / df` (within 0.002
/// of the exact value from 30 on).
fn t975(df: usize) -> f64 {
    const TABLE: [f64; 30] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056,
        2.052, 2.048, 2.045, 2.042,
    ];
    match df {
        0 => f64::INFINITY,
        1..=30 => TABLE[df - 1],
        _ => 1.959_964 + 2.4 / df as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::t975;

    #[test]
    fn t_quantiles_join_the_normal_one() {
        // Published values: t(0.975, 40) = 2.021, t(0.975, 60) = 2.000, t(0.975, 120) = 1.980.
        for (df, t) in [(40, 2.021), (60, 2.000), (120, 1.980)] {
            assert!((t975(df) - t).abs() < 0.003, "df {df}: {} vs {t}", t975(df));
        }
        assert_eq!(t975(1), 12.706);
    }
}
