//! `mentor-match strategies`: pairs the juniors and seniors of one instance with every pairing
//! strategy and prints, for each, the pairs, the time it took and every metric, as one JSON
//! object (its schema: `mentor-match schema strategies`).
//!
//! ```text
//! mentor-match strategies FILE.json            # one line of JSON
//! mentor-match strategies FILE.json --pretty   # indented JSON
//! mentor-match strategies - < FILE.json        # the instance on standard input
//! ```
//!
//! `FILE.json` holds the two utility matrices, rows are juniors and columns seniors:
//!
//! ```text
//! {"junior_gain": [[0.9, 0.4, null], [0.5, 0.5, 0.2]],   what junior j gains from senior s
//!  "senior_gain": [[0.1, 0.4, null], [0.5, 0.5, 0.7]],   what senior s gains from junior j
//!  "seed": 7,                                            optional, default 0
//!  "strategies": ["utilitarian", "leximin"],             optional, default every built-in one
//!  "top_k": 2}                                           optional, default 3
//! ```
//!
//! The library reads it (`mentor_match::formats::Instance::from_json`, whose docs give every
//! rule). A gain is a number from 0 to 1e100; `null` in either matrix forbids the pair. Both
//! matrices have the same shape, every row as long as the first, and at least one row and one
//! column. `junior_capacity` and `senior_capacity` (a list with one entry per junior or senior,
//! or one number for all; whole numbers from 0 to 2^32 - 1, default 1) set how many partners
//! each may take. A capacity of 0 leaves that agent out of every strategy. Capacities above 1
//! are honoured by the strategies that pair many to many, today `utilitarian` (the exact
//! many-to-many optimum of `mentor_match::capacitated`, largest total); the one-to-one
//! strategies are then listed under `"unsupported"` with the reason, instead of being run on a
//! silently changed instance, and the many-to-many result's metrics are `pairs`, `total`,
//! `junior_total`, `senior_total`, `coverage` (share of available agents with a partner),
//! `min_utility` (smallest summed gain of an agent with a partner) and `gini` (of the summed
//! gains of all available agents). Any other key, and any key given twice, is an error, so a
//! misspelt option is not silently ignored.
//!
//! The output is
//!
//! ```text
//! {"juniors": 2, "seniors": 3, "seed": 7,
//!  "strategies": [{"name": "utilitarian", "pairs": [[0, 0], [1, 2]], "seconds": 1.2e-5,
//!                  "metrics": {"pairs": 2, "total": 2.2, "min_utility": 0.1, ...}}, ...]}
//! ```
//!
//! with one entry per strategy in the order asked for. `metrics` is the library's
//! `metrics::Report`, computed with the utilitarian optimum of the instance so that `price`
//! (the share of the optimum's total utility the strategy gives up) is filled; `seconds` is the
//! strategy's call alone. Rows and columns are counted from 0, in the pairs as in the messages.
//!
//! On bad input (a missing or unreadable file, invalid JSON, a matrix that is ragged, shaped
//! unlike the other or holds a negative or non-number value, an unknown, duplicate or missing
//! key, an unknown strategy, a capacity that is not a whole number from 0 to 2^32 - 1, an
//! unknown flag) it prints `error: ...` on standard error, naming the key, row and column at
//! fault, nothing on standard output, and exits with code 2.

use crate::Failure;
use crate::input::Source;
use mentor_match::capacitated;
use mentor_match::formats::Instance;
use mentor_match::metrics::{Metrics, Report};
use mentor_match::strategy::{self, Strategy};
use serde::Serialize;
use std::time::Instant;

/// `mentor-match strategies`: its arguments.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// The instance: the two gain matrices and the options, as JSON; `-` for standard input.
    #[arg(value_name = "INSTANCE")]
    pub file: Source,
    /// Print indented JSON.
    #[arg(long)]
    pub pretty: bool,
}

/// The JSON document printed on success, fields in this order.
#[derive(Debug, Clone, Serialize)]
pub struct Output {
    /// Number of juniors (rows).
    pub juniors: usize,
    /// Number of seniors (columns).
    pub seniors: usize,
    /// The seed handed to every strategy.
    pub seed: u64,
    /// One result per strategy, in the order asked for.
    pub strategies: Vec<StrategyResult>,
    /// The strategies asked for that cannot honour the capacities, with the reason.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unsupported: Vec<Unsupported>,
}

/// A strategy left out because it cannot honour the instance's capacities.
#[derive(Debug, Clone, Serialize)]
pub struct Unsupported {
    /// The strategy's name.
    pub name: String,
    /// Why it was not run.
    pub why: String,
}

/// A strategy's metrics: the library's report for one-to-one pairings, a smaller set for
/// many-to-many ones (where blocking pairs and ranks are not defined the same way).
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
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

/// Metrics of a many-to-many pairing; an agent's utility is the sum of its gains.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ManyToMany {
    /// Number of pairs.
    pub pairs: usize,
    /// Sum over pairs of both gains.
    pub total: f64,
    /// Sum over pairs of the junior's gain.
    pub junior_total: f64,
    /// Sum over pairs of the senior's gain.
    pub senior_total: f64,
    /// Share of the agents with a capacity above 0 who got a partner (1 without such agents).
    pub coverage: f64,
    /// Smallest summed gain of an agent with a partner (0 without pairs).
    pub min_utility: f64,
    /// Gini coefficient of the summed gains of every agent with a capacity above 0.
    pub gini: f64,
}

/// One strategy's pairing, time and metrics.
#[derive(Debug, Clone, Serialize)]
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

/// Reads the instance `args` names, runs its strategies and renders the JSON document.
///
/// # Errors
///
/// [`Failure::Input`] naming the source: an unreadable file, a bad instance (see
/// `Instance::from_json`), or an instance a strategy refuses.
pub fn run(args: &Args) -> Result<String, Failure> {
    let source = &args.file;
    let text = source.read_text()?;
    let instance = Instance::from_json(&text)
        .map_err(|e| Failure::Input(format!("{}: {e}", source.name())))?;
    let output =
        evaluate(&instance).map_err(|m| Failure::Input(format!("{}: {m}", source.name())))?;
    let json = if args.pretty {
        serde_json::to_string_pretty(&output)
    } else {
        serde_json::to_string(&output)
    }
    .map_err(|e| Failure::Internal(format!("cannot write the output as JSON: {e}")))?;
    Ok(format!("{json}\n"))
}

/// Runs each strategy of `instance` and reports its pairs, time and metrics, with the price
/// against the utilitarian optimum.
///
/// # Errors
///
/// An unknown strategy name, or a library error (as text, naming the strategy).
pub fn evaluate(instance: &Instance) -> Result<Output, String> {
    if instance
        .junior_capacity()
        .iter()
        .chain(instance.senior_capacity())
        .any(|&c| c > 1)
    {
        return evaluate_many_to_many(instance);
    }
    let scores = instance.scores();
    let optimum = strategy::by_name("utilitarian")
        .and_then(|s| s.pair_seeded(scores, instance.seed()))
        .map_err(|e| format!("the utilitarian optimum: {e}"))?;
    let optimum_total = optimum.pairs().iter().fold(0.0, |t, &(j, s)| {
        t + scores.junior_gain(j, s) + scores.senior_gain(j, s)
    });
    let metrics = Metrics::new()
        .with_top_k(instance.top_k())
        .with_utilitarian_total(optimum_total);
    let mut results = Vec::with_capacity(instance.strategies().len());
    for &name in instance.strategies() {
        let strategy = strategy::by_name(name).map_err(|e| e.to_string())?;
        let started = Instant::now();
        let pairing = strategy
            .pair_seeded(scores, instance.seed())
            .map_err(|e| format!("strategy `{name}`: {e}"))?;
        let seconds = started.elapsed().as_secs_f64();
        let report = metrics
            .report(scores, &pairing)
            .map_err(|e| format!("metrics of `{name}`: {e}"))?;
        results.push(StrategyResult {
            name: name.to_owned(),
            pairs: pairing.pairs().iter().map(|&(j, s)| [j, s]).collect(),
            seconds,
            metrics: StrategyMetrics::OneToOne(report),
        });
    }
    Ok(Output {
        juniors: scores.juniors(),
        seniors: scores.seniors(),
        seed: instance.seed(),
        strategies: results,
        unsupported: Vec::new(),
    })
}

/// With a capacity above 1: the strategies that pair many to many (utilitarian, through the
/// exact many-to-many solver, largest total) run; the others are listed as unsupported.
fn evaluate_many_to_many(instance: &Instance) -> Result<Output, String> {
    let scores = instance.scores();
    let (n, m) = (scores.juniors(), scores.seniors());
    let (a, b, ok) = (
        scores.junior_gains(),
        scores.senior_gains(),
        scores.allowed(),
    );
    let mut results = Vec::new();
    let mut unsupported = Vec::new();
    for &name in instance.strategies() {
        if name != "utilitarian" {
            unsupported.push(Unsupported {
                name: name.to_owned(),
                why: "it pairs one to one; with capacities above 1 only utilitarian runs".into(),
            });
            continue;
        }
        let weights = (0..n * m)
            .map(|k| {
                if ok[k] {
                    a[k] + b[k]
                } else {
                    f64::NEG_INFINITY
                }
            })
            .collect();
        let started = Instant::now();
        let solution = capacitated::Problem::new(n, m, weights)
            .and_then(|p| p.with_junior_capacities(instance.junior_capacity().to_vec()))
            .and_then(|p| p.with_senior_capacities(instance.senior_capacity().to_vec()))
            .and_then(|p| {
                let options = capacitated::Options::new()
                    .with_spreading(capacitated::Spreading::Free)
                    .with_cardinality(capacitated::Cardinality::Any);
                capacitated::solve(&p, options)
            })
            .map_err(|e| format!("strategy `{name}`: {e}"))?;
        let seconds = started.elapsed().as_secs_f64();
        let pairs: Vec<(usize, usize)> = solution.pairs().to_vec();
        results.push(StrategyResult {
            name: name.to_owned(),
            pairs: pairs.iter().map(|&(j, s)| [j, s]).collect(),
            seconds,
            metrics: StrategyMetrics::ManyToMany(many_to_many(instance, &pairs)),
        });
    }
    Ok(Output {
        juniors: n,
        seniors: m,
        seed: instance.seed(),
        strategies: results,
        unsupported,
    })
}

/// The many-to-many metrics of `pairs` (see [`ManyToMany`]).
pub fn many_to_many(instance: &Instance, pairs: &[(usize, usize)]) -> ManyToMany {
    let scores = instance.scores();
    let n = scores.juniors();
    let mut utility = vec![0.0; n + scores.seniors()];
    let mut partnered = vec![false; utility.len()];
    let (mut junior_total, mut senior_total) = (0.0, 0.0);
    for &(j, s) in pairs {
        let (x, y) = (scores.junior_gain(j, s), scores.senior_gain(j, s));
        junior_total += x;
        senior_total += y;
        utility[j] += x;
        utility[n + s] += y;
        partnered[j] = true;
        partnered[n + s] = true;
    }
    let available: Vec<usize> = (0..utility.len())
        .filter(|&i| {
            let cap = if i < n {
                instance.junior_capacity()[i]
            } else {
                instance.senior_capacity()[i - n]
            };
            cap > 0
        })
        .collect();
    let covered = available.iter().filter(|&&i| partnered[i]).count();
    let min_utility = (0..utility.len())
        .filter(|&i| partnered[i])
        .map(|i| utility[i])
        .fold(None, |m: Option<f64>, x| Some(m.map_or(x, |m| m.min(x))))
        .unwrap_or(0.0);
    let mut values: Vec<f64> = available.iter().map(|&i| utility[i]).collect();
    values.sort_by(f64::total_cmp);
    let (count, sum) = (values.len() as f64, values.iter().sum::<f64>());
    // Gini from the sorted values: sum of (2i - N - 1) x_(i) / (N * sum), i from 1.
    let gini = if sum > 0.0 {
        values
            .iter()
            .enumerate()
            .map(|(i, x)| (2.0 * (i as f64 + 1.0) - count - 1.0) * x)
            .sum::<f64>()
            / (count * sum)
    } else {
        0.0
    };
    ManyToMany {
        pairs: pairs.len(),
        total: junior_total + senior_total,
        junior_total,
        senior_total,
        coverage: if available.is_empty() {
            1.0
        } else {
            covered as f64 / available.len() as f64
        },
        min_utility,
        gini,
    }
}
