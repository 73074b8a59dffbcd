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

mod run;
mod spread;
mod summary;
mod table;

pub use run::Experiment;
pub use spread::{Spread, quantile};
pub use summary::{Estimate, Measure, StrategySummary, Summary};
