//! Running an experiment: every strategy on every seeded instance, each metric collected.

use crate::matching::error::{MatrixError, Mistakes, OptionValue, Result};
use crate::matching::experiment::summary::{Estimate, Measure, StrategySummary, Summary};
use crate::matching::metrics::{Metric, Metrics};
use crate::matching::pair_scores::PairScores;
use crate::matching::strategy::{Strategy, Utilitarian};
use std::sync::Arc;
use std::time::Instant;

/// A set of strategies, how many seeded instances to run them on, and the metrics' options.
///
/// `Send + Sync` and cheap to clone (the strategies are shared, not copied), so one experiment
/// can be run from several threads, for example on different instance builders.
///
/// # Examples
///
/// ```
/// use mentor_match::experiment::Experiment;
/// use mentor_match::generate::Population;
/// use mentor_match::strategy;
///
/// // A randomised strategy on seeded populations: every draw follows from the seed.
/// let experiment = Experiment::new(vec![strategy::by_name("random")?])
///     .with_repeats(3)
///     .with_seed(7);
/// let instance = |seed: u64| Population::new(8, 8).with_seed(seed).pair_scores();
/// // Cheap to clone; a clone runs the same instances with the same strategies and draws.
/// let (a, b) = (experiment.clone().run(instance)?, experiment.run(instance)?);
/// assert_eq!(a.strategies[0].metrics, b.strategies[0].metrics);
/// assert_eq!(a.strategies[0].name, "random");
/// # Ok::<(), mentor_match::Error>(())
/// ```
///
/// The [module docs](crate::experiment#examples) compare two strategies over seeded instances.
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
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::experiment::Experiment;
    /// use mentor_match::{strategy, PairScores};
    ///
    /// let summary = Experiment::new(vec![strategy::by_name("greedy")?])
    ///     .run(|_| PairScores::new(1, 1, vec![0.5], vec![0.5]))?;
    /// assert_eq!((summary.repeats, summary.seed), (10, 0)); // the defaults
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
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
    /// [`MatrixError::InvalidOption`] for 0 repeats or a top-k of 0 (a list of both when both
    /// are); otherwise the first error of the instance builder, a strategy or the metrics
    /// (each stops the run). The error type is the instance
    /// builder's, so a builder that returns the crate's [`Error`](crate::Error) (from a roster,
    /// say) gets that type back, and one that returns [`MatrixError`] gets that.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::experiment::Experiment;
    /// use mentor_match::metrics::Metric;
    /// use mentor_match::{strategy, MatrixError, PairScores};
    ///
    /// let experiment = Experiment::new(vec![strategy::by_name("utilitarian")?]).with_repeats(3);
    /// // Each repeat's instance is built from its seed (here: the same instance every time).
    /// let instance = |_seed: u64| PairScores::new(1, 2, vec![0.25, 0.5], vec![0.25, 0.5]);
    /// let summary = experiment.run(instance)?;
    /// assert_eq!(summary.strategies[0].metric(Metric::Total).unwrap().mean, 1.0);
    /// let none = experiment.with_repeats(0).run(|_| PairScores::new(1, 1, vec![0.5], vec![0.5]));
    /// assert!(matches!(none, Err(MatrixError::InvalidOption { option: "repeats", .. })));
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn run<E: From<MatrixError>>(
        &self,
        mut instance: impl FnMut(u64) -> Result<PairScores, E>,
    ) -> Result<Summary, E> {
        let mut found = Mistakes::new();
        for (option, value) in [("repeats", self.repeats), ("top_k", self.top_k)] {
            if value == 0 {
                found.push(MatrixError::InvalidOption {
                    option,
                    value: OptionValue::Integer(0),
                    expected: "at least 1",
                });
            }
        }
        found.finish()?;
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
                    .map(|(&key, xs)| Estimate::of(key, xs))
                    .collect(),
                seconds: Estimate::of(Measure::Seconds, &seconds[i]),
            })
            .collect();
        Ok(Summary {
            seed: self.seed,
            repeats: self.repeats,
            strategies,
        })
    }
}
