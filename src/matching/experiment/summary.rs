//! What an experiment measured: each metric's mean over the repeats with its 95 % interval.

use crate::matching::metrics::Metric;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What an experiment measured: per strategy, every metric's mean with its interval.
///
/// # Examples
///
/// ```
/// use mentor_match::experiment::Experiment;
/// use mentor_match::{strategy, PairScores};
///
/// let summary = Experiment::new(vec![strategy::by_name("greedy")?, strategy::by_name("nash")?])
///     .with_repeats(3)
///     .with_seed(7)
///     .run(|_| PairScores::new(2, 2, vec![0.9, 0.1, 0.8, 0.1], vec![0.5; 4]))?;
/// assert_eq!((summary.seed, summary.repeats), (7, 3));
/// let names: Vec<&str> = summary.strategies.iter().map(|s| s.name.as_str()).collect();
/// assert_eq!(names, ["greedy", "nash"]);
/// # Ok::<(), mentor_match::Error>(())
/// ```
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
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::experiment::Experiment;
    /// use mentor_match::{strategy, PairScores};
    ///
    /// let summary = Experiment::new(vec![strategy::by_name("greedy")?])
    ///     .with_repeats(2)
    ///     .run(|_| PairScores::new(2, 2, vec![0.5; 4], vec![0.5; 4]))?;
    /// assert_eq!(summary.strategy("greedy").unwrap().runs, 2);
    /// assert!(summary.strategy("utilitarian").is_none()); // not in the experiment
    /// # Ok::<(), mentor_match::Error>(())
    /// ```
    pub fn strategy(&self, name: &str) -> Option<&StrategySummary> {
        self.strategies.iter().find(|s| s.name == name)
    }
}

/// One strategy's metrics over an experiment's instances.
///
/// # Examples
///
/// ```
/// use mentor_match::experiment::Experiment;
/// use mentor_match::metrics::Metric;
/// use mentor_match::{strategy, PairScores};
///
/// let summary = Experiment::new(vec![strategy::by_name("utilitarian")?])
///     .with_repeats(4)
///     .run(|_| PairScores::new(2, 2, vec![1.0, 0.0, 0.0, 1.0], vec![1.0, 0.0, 0.0, 1.0]))?;
/// let utilitarian = &summary.strategies[0];
/// assert_eq!((utilitarian.name.as_str(), utilitarian.runs), ("utilitarian", 4));
/// assert_eq!(utilitarian.metric(Metric::Total).unwrap().mean, 4.0); // 1 + 1 per pair, 2 pairs
/// assert_eq!(utilitarian.seconds.n, 4);
/// # Ok::<(), mentor_match::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StrategySummary {
    /// The strategy's name.
    pub name: String,
    /// Number of instances it ran on.
    pub runs: usize,
    /// Each metric of [`Report::values`](crate::metrics::Report::values), in that order, each
    /// estimate's [`metric`](Estimate::metric) a [`Measure::Metric`].
    pub metrics: Vec<Estimate>,
    /// Time per instance, in seconds (the strategy's call alone): its
    /// [`metric`](Estimate::metric) is [`Measure::Seconds`].
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
        self.metrics
            .iter()
            .find(|e| e.metric == Measure::Metric(metric))
    }
}

/// What an [`Estimate`] measures: one of a report's metrics, or the time a strategy took.
///
/// It reads and writes as its name, the same text as the `metric` column of
/// [`Summary::to_csv`]: a metric's [`Metric::name`] (`"total"`, `"min_utility"`), or
/// `"seconds"`.
///
/// # Examples
///
/// ```
/// use mentor_match::experiment::Measure;
/// use mentor_match::metrics::Metric;
///
/// let total = Measure::from(Metric::Total);
/// assert_eq!((total.name(), Measure::Seconds.name()), ("total", "seconds"));
/// assert_eq!(serde_json::to_string(&total)?, r#""total""#);
/// assert_eq!(serde_json::from_str::<Measure>(r#""seconds""#)?, Measure::Seconds);
/// assert!(serde_json::from_str::<Measure>(r#""totl""#).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Measure {
    /// The time of a strategy's call on one instance, in seconds.
    Seconds,
    /// A metric of the [`Report`](crate::metrics::Report).
    // Untagged: written as the metric's own name, so the text is the same whichever measure
    // it is (a metric called `seconds` would be read as `Seconds`: there is none).
    #[serde(untagged)]
    Metric(Metric),
}

impl Measure {
    /// Its name: the metric's [`Metric::name`], or `seconds`.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::experiment::Measure;
    /// use mentor_match::metrics::Metric;
    ///
    /// assert_eq!(Measure::Metric(Metric::BlockingPairs).name(), "blocking_pairs");
    /// assert_eq!(Measure::Seconds.to_string(), "seconds");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Measure::Seconds => "seconds",
            Measure::Metric(metric) => metric.name(),
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl From<Metric> for Measure {
    fn from(metric: Metric) -> Self {
        Measure::Metric(metric)
    }
}

/// A mean over repeats with its 95 % confidence interval.
///
/// # Examples
///
/// ```
/// use mentor_match::experiment::Estimate;
/// use mentor_match::metrics::Metric;
///
/// let e = Estimate::of(Metric::Total, &[1.0, 2.0, 3.0]);
/// assert_eq!(e.mean, 2.0);
/// // sd = 1, t(0.975, 2) = 4.303: 2 ± 4.303 / √3.
/// assert!((e.high - e.mean - 4.303 / 3f64.sqrt()).abs() < 1e-3);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Estimate {
    /// What was measured.
    pub metric: Measure,
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
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::experiment::{Estimate, Measure};
    /// use mentor_match::metrics::Metric;
    ///
    /// let e = Estimate::of(Metric::Pairs, &[3.0, 5.0]);
    /// assert_eq!((e.metric, e.n, e.mean), (Measure::Metric(Metric::Pairs), 2, 4.0));
    /// assert!(e.low < 4.0 && 4.0 < e.high);
    /// // One value: the interval is the value itself; none: everything 0.
    /// let one = Estimate::of(Measure::Seconds, &[3.0]);
    /// assert_eq!((one.low, one.high), (3.0, 3.0));
    /// assert_eq!(Estimate::of(Metric::Pairs, &[]).mean, 0.0);
    /// ```
    pub fn of(metric: impl Into<Measure>, values: &[f64]) -> Self {
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
            metric: metric.into(),
            n,
            mean,
            sd,
            low: mean - half,
            high: mean + half,
        }
    }

    /// Half the width of the interval.
    ///
    /// # Examples
    ///
    /// ```
    /// use mentor_match::experiment::Estimate;
    /// use mentor_match::metrics::Metric;
    ///
    /// let e = Estimate::of(Metric::Total, &[1.0, 2.0, 3.0]);
    /// assert_eq!(e.half_width(), (e.high - e.low) / 2.0);
    /// assert_eq!(e.mean + e.half_width(), e.high);
    /// ```
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
