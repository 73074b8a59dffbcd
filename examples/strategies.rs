//! Pairs the juniors and seniors of one instance with every pairing strategy and prints, for
//! each, the pairs, the time it took and every metric, as one JSON object.
//!
//! ```text
//! cargo run --release --example strategies -- FILE.json            # one line of JSON
//! cargo run --release --example strategies -- FILE.json --pretty   # indented JSON
//! cargo run --release --example strategies -- -  < FILE.json       # the instance on stdin
//! cargo run --release --example strategies -- --help
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

use mentor_match::capacitated;
use mentor_match::formats::Instance;
use mentor_match::metrics::{Metrics, Report};
use mentor_match::strategy::{self, Strategy};
use serde::Serialize;
use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::Instant;

/// The text of `--help`.
pub const USAGE: &str = "\
usage: strategies [--pretty] FILE

Pairs the juniors and seniors of the instance in FILE with every pairing strategy and
prints one JSON object: juniors, seniors, seed, and per strategy its name, pairs
([junior, senior] lists), seconds and metrics (with price against the utilitarian optimum).

FILE         a JSON object {\"junior_gain\": [[...], ...], \"senior_gain\": [[...], ...]}:
             rows are juniors, columns seniors, gains numbers of at least 0, null a
             forbidden pair; optional keys \"seed\" (default 0), \"strategies\" (a list of
             names, default all), \"top_k\" (default 3), \"junior_capacity\" and
             \"senior_capacity\" (whole numbers, default 1; above 1 only utilitarian
             runs, the others are listed as unsupported); `-` reads standard input
--pretty     print indented JSON
-h, --help   print this help

Strategies: utilitarian, nash, bottleneck, leximin, greedy, deferred_acceptance_juniors,
deferred_acceptance_seniors, egalitarian_stable, minimum_regret_stable,
random_serial_dictatorship, random.

Rows and columns are counted from 0. Exit codes: 0 done, 2 bad arguments or bad input
(one line on stderr).";

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Args {
    /// Print `--help`.
    pub help: bool,
    /// Print indented JSON.
    pub pretty: bool,
    /// The instance file, `-` for standard input; `None` only with `--help`.
    pub file: Option<String>,
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

fn main() -> ExitCode {
    let mut args = Vec::new();
    for arg in std::env::args_os().skip(1) {
        match arg.into_string() {
            Ok(arg) => args.push(arg),
            Err(arg) => return fail(&format!("argument {arg:?} is not valid UTF-8")),
        }
    }
    let output = match run(&args) {
        Ok(output) => output,
        Err(message) => return fail(&message),
    };
    let mut out = std::io::stdout().lock();
    match out.write_all(output.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // `strategies FILE | head`: the reader has seen what it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints `error: message` as one line on standard error and returns exit code 2.
fn fail(message: &str) -> ExitCode {
    eprintln!("error: {}", message.replace(['\n', '\r'], " "));
    ExitCode::from(2)
}

/// Runs the program on its arguments (without the program name) and returns everything it
/// prints on standard output, or the error message (without the `error: ` prefix).
///
/// # Errors
///
/// A message for bad arguments, an unreadable file or a bad instance (see
/// `Instance::from_json`).
pub fn run(args: &[String]) -> Result<String, String> {
    let args = parse_args(args)?;
    if args.help {
        return Ok(format!("{USAGE}\n"));
    }
    let Some(file) = args.file else {
        return Err("no instance file given (`-` reads standard input); see --help".to_owned());
    };
    let (source, text) = if file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("cannot read standard input: {e}"))?;
        ("standard input".to_owned(), text)
    } else {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("cannot read `{file}`: {e}"))?;
        (format!("`{file}`"), text)
    };
    let instance = Instance::from_json(&text).map_err(|e| format!("{source}: {e}"))?;
    let output = evaluate(&instance)?;
    let json = if args.pretty {
        serde_json::to_string_pretty(&output)
    } else {
        serde_json::to_string(&output)
    }
    .map_err(|e| format!("cannot write the output as JSON: {e}"))?;
    Ok(format!("{json}\n"))
}

/// Reads the command line: `--pretty` and `--help` anywhere, exactly one file (`-` for
/// standard input), `--` before a file whose name starts with `-`.
///
/// # Errors
///
/// An unknown flag, or more than one file.
pub fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args {
        help: false,
        pretty: false,
        file: None,
    };
    let mut options_done = false;
    for arg in args {
        match arg.as_str() {
            "--pretty" if !options_done => parsed.pretty = true,
            "-h" | "--help" if !options_done => parsed.help = true,
            "--" if !options_done => options_done = true,
            flag if !options_done && flag.starts_with('-') && flag != "-" => {
                return Err(format!("unknown flag `{flag}` (see --help)"));
            }
            file => {
                if let Some(first) = &parsed.file {
                    return Err(format!(
                        "more than one instance file given (`{first}` and `{file}`); see --help"
                    ));
                }
                parsed.file = Some(file.to_owned());
            }
        }
    }
    Ok(parsed)
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
