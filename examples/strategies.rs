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
//! A gain is a number from 0 to 1e100; `null` in either matrix forbids the pair. Both
//! matrices have the same shape, every row as long as the first, and at least one row and one
//! column. `junior_capacity` and `senior_capacity` (a list with one entry per junior or senior,
//! or one number for all; whole numbers, default 1) set how many partners each may take. A
//! capacity of 0 leaves that agent out of every strategy. Capacities above 1 are honoured by the
//! strategies that pair many to many, today `utilitarian` (the exact many-to-many optimum of
//! `mentor_match::capacitated`, largest total); the one-to-one strategies are then listed under
//! `"unsupported"` with the reason, instead of being run on a silently changed instance, and the
//! many-to-many result's metrics are `pairs`, `total`, `junior_total`, `senior_total`,
//! `coverage` (share of available agents with a partner), `min_utility` (smallest summed gain
//! of an agent with a partner) and `gini` (of the summed gains of all available agents). Any
//! other key is an error, so a misspelt option is not silently ignored.
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
//! unlike the other or holds a negative or non-number value, an unknown strategy or key, a
//! capacity that is not a whole number of at least 0, an unknown flag) it prints `error: ...` on standard error, nothing on
//! standard output, and exits with code 2.

use mentor_match::metrics::{Metrics, Report};
use mentor_match::strategy::{self, Strategy};
use mentor_match::{PairScores, capacitated};
use serde::Serialize;
use serde_json::{Map, Value};
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

/// The keys an instance may hold.
const KEYS: [&str; 7] = [
    "junior_gain",
    "senior_gain",
    "seed",
    "strategies",
    "top_k",
    "junior_capacity",
    "senior_capacity",
];

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

/// A validated instance: the scores, the seed, the strategies by name and the metrics' `k`.
#[derive(Debug, Clone)]
pub struct Instance {
    /// Both utility matrices with the forbidden pairs.
    pub scores: PairScores,
    /// The seed handed to every strategy.
    pub seed: u64,
    /// The strategies to run, by name, in this order.
    pub strategies: Vec<String>,
    /// The `k` of the top-`k` share.
    pub top_k: usize,
    /// Partners each junior may take (0 = left out).
    pub junior_capacity: Vec<u32>,
    /// Partners each senior may take (0 = left out).
    pub senior_capacity: Vec<u32>,
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
/// A message for bad arguments, an unreadable file or a bad instance (see [`parse_instance`]).
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
    let instance = parse_instance(&text).map_err(|e| format!("{source}: {e}"))?;
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

/// Reads and checks an instance document (see the module docs for the format).
///
/// # Errors
///
/// A message naming the key, row and column at fault: invalid JSON (with line and column), a
/// document that is not an object, an unknown or missing key, a matrix that is not a list of
/// lists, is empty or ragged, holds a value that is not a number of at least 0 or `null`, or is
/// shaped unlike the other; a bad seed, top-k, strategy list or capacity.
pub fn parse_instance(text: &str) -> Result<Instance, String> {
    match serde_json::from_str(text) {
        Ok(document) => instance(document),
        Err(e) => {
            // JSON has no NaN or infinity, but Python's `json.dump` writes them: read them as
            // strings so that the checks name the cell, as they do for a negative gain.
            if let Some(quoted) = quote_non_finite(text)
                && let Ok(document) = serde_json::from_str(&quoted)
                && let Err(message) = instance(document)
            {
                return Err(message);
            }
            Err(format!("invalid JSON: {e}"))
        }
    }
}

/// Spellings of NaN and the infinities that JSON writers outside the standard use.
const NON_FINITE: [&str; 8] = [
    "-Infinity",
    "Infinity",
    "-NaN",
    "NaN",
    "-inf",
    "inf",
    "-nan",
    "nan",
];

/// `text` with every bare [`NON_FINITE`] word outside strings put in quotes; `None` when it has
/// none.
fn quote_non_finite(text: &str) -> Option<String> {
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '.';
    let mut out = String::with_capacity(text.len() + 16);
    let (mut in_string, mut escaped, mut found) = (false, false, false);
    let mut previous = ' ';
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        } else if !word(previous)
            && let Some(token) = NON_FINITE.iter().find(|t| {
                rest.starts_with(**t) && !rest[t.len()..].chars().next().is_some_and(word)
            })
        {
            out.push('"');
            out.push_str(token);
            out.push('"');
            rest = &rest[token.len()..];
            previous = 'n';
            found = true;
            continue;
        }
        out.push(c);
        previous = c;
        rest = &rest[c.len_utf8()..];
    }
    found.then_some(out)
}

/// Checks a parsed instance document.
fn instance(document: Value) -> Result<Instance, String> {
    let Value::Object(object) = document else {
        return Err(format!(
            "the instance must be a JSON object with keys `junior_gain` and `senior_gain`, \
             found {}",
            kind(&document)
        ));
    };
    if let Some(key) = object.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(format!(
            "unknown key `{key}`; the keys are: {}",
            KEYS.join(", ")
        ));
    }
    let junior = matrix(&object, "junior_gain")?;
    let senior = matrix(&object, "senior_gain")?;
    if junior.rows() != senior.rows() {
        return Err(format!(
            "`senior_gain` has {} but `junior_gain` has {}: both are juniors × seniors",
            plural(senior.rows(), "row"),
            plural(junior.rows(), "row")
        ));
    }
    if junior.cols != senior.cols {
        return Err(format!(
            "`senior_gain` rows have {} but `junior_gain` rows have {}: both are juniors × \
             seniors",
            plural(senior.cols, "column"),
            plural(junior.cols, "column")
        ));
    }
    let (juniors, seniors) = (junior.rows(), junior.cols);
    let junior_capacity = capacity(&object, "junior_capacity", juniors, "junior")?;
    let senior_capacity = capacity(&object, "senior_capacity", seniors, "senior")?;

    let seed = match object.get("seed") {
        None => 0,
        Some(value) => value.as_u64().ok_or_else(|| {
            format!(
                "`seed` must be a whole number from 0 to {}, found {value}",
                u64::MAX
            )
        })?,
    };
    let top_k = match object.get("top_k") {
        None => 3,
        Some(value) => value
            .as_u64()
            .filter(|&k| k >= 1)
            .and_then(|k| usize::try_from(k).ok())
            .ok_or_else(|| {
                format!("`top_k` must be a whole number of at least 1, found {value}")
            })?,
    };
    let strategies = match object.get("strategies") {
        None => strategy::NAMES.iter().map(|&s| s.to_owned()).collect(),
        Some(value) => strategy_names(value)?,
    };

    // A forbidden cell's gain is never read; 0 keeps the buffers valid.
    let gains = |m: &Gains| m.cells.iter().map(|c| c.unwrap_or(0.0)).collect();
    let mut scores = PairScores::new(juniors, seniors, gains(&junior), gains(&senior))
        .map_err(|e| e.to_string())?;
    for (k, (a, b)) in junior.cells.iter().zip(&senior.cells).enumerate() {
        let (j, s) = (k / seniors, k % seniors);
        // An agent with capacity 0 is left out: none of its pairs may form.
        if a.is_none() || b.is_none() || junior_capacity[j] == 0 || senior_capacity[s] == 0 {
            scores.forbid(j, s).map_err(|e| e.to_string())?;
        }
    }
    Ok(Instance {
        scores,
        seed,
        strategies,
        top_k,
        junior_capacity,
        senior_capacity,
    })
}

/// Runs each strategy of `instance` and reports its pairs, time and metrics, with the price
/// against the utilitarian optimum.
///
/// # Errors
///
/// An unknown strategy name, or a library error (as text, naming the strategy).
pub fn evaluate(instance: &Instance) -> Result<Output, String> {
    if instance
        .junior_capacity
        .iter()
        .chain(&instance.senior_capacity)
        .any(|&c| c > 1)
    {
        return evaluate_many_to_many(instance);
    }
    let scores = &instance.scores;
    let optimum = strategy::by_name("utilitarian")
        .and_then(|s| s.pair(scores, instance.seed))
        .map_err(|e| format!("the utilitarian optimum: {e}"))?;
    let optimum_total = optimum.pairs().iter().fold(0.0, |t, &(j, s)| {
        t + scores.junior_gain(j, s) + scores.senior_gain(j, s)
    });
    let metrics = Metrics::new()
        .top_k(instance.top_k)
        .utilitarian_total(optimum_total);
    let mut results = Vec::with_capacity(instance.strategies.len());
    for name in &instance.strategies {
        let strategy = strategy::by_name(name).map_err(|e| e.to_string())?;
        let started = Instant::now();
        let pairing = strategy
            .pair(scores, instance.seed)
            .map_err(|e| format!("strategy `{name}`: {e}"))?;
        let seconds = started.elapsed().as_secs_f64();
        let report = metrics
            .report(scores, &pairing)
            .map_err(|e| format!("metrics of `{name}`: {e}"))?;
        results.push(StrategyResult {
            name: name.clone(),
            pairs: pairing.pairs().iter().map(|&(j, s)| [j, s]).collect(),
            seconds,
            metrics: StrategyMetrics::OneToOne(report),
        });
    }
    Ok(Output {
        juniors: scores.juniors(),
        seniors: scores.seniors(),
        seed: instance.seed,
        strategies: results,
        unsupported: Vec::new(),
    })
}

/// With a capacity above 1: the strategies that pair many to many (utilitarian, through the
/// exact many-to-many solver, largest total) run; the others are listed as unsupported.
fn evaluate_many_to_many(instance: &Instance) -> Result<Output, String> {
    let scores = &instance.scores;
    let (n, m) = (scores.juniors(), scores.seniors());
    let (a, b, ok) = (
        scores.junior_gains(),
        scores.senior_gains(),
        scores.allowed(),
    );
    let mut results = Vec::new();
    let mut unsupported = Vec::new();
    for name in &instance.strategies {
        if name != "utilitarian" {
            unsupported.push(Unsupported {
                name: name.clone(),
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
            .and_then(|p| p.with_junior_capacities(instance.junior_capacity.clone()))
            .and_then(|p| p.with_senior_capacities(instance.senior_capacity.clone()))
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
            name: name.clone(),
            pairs: pairs.iter().map(|&(j, s)| [j, s]).collect(),
            seconds,
            metrics: StrategyMetrics::ManyToMany(many_to_many(instance, &pairs)),
        });
    }
    Ok(Output {
        juniors: n,
        seniors: m,
        seed: instance.seed,
        strategies: results,
        unsupported,
    })
}

/// The many-to-many metrics of `pairs` (see [`ManyToMany`]).
pub fn many_to_many(instance: &Instance, pairs: &[(usize, usize)]) -> ManyToMany {
    let scores = &instance.scores;
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
                instance.junior_capacity[i]
            } else {
                instance.senior_capacity[i - n]
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

/// One gain matrix as read: row-major cells, `None` for `null`.
struct Gains {
    cells: Vec<Option<f64>>,
    cols: usize,
}

impl Gains {
    fn rows(&self) -> usize {
        self.cells.len().checked_div(self.cols).unwrap_or(0)
    }
}

/// Reads the matrix under `key`: a non-empty list of equally long, non-empty lists of numbers
/// of at least 0 or `null`.
fn matrix(object: &Map<String, Value>, key: &str) -> Result<Gains, String> {
    let value = object.get(key).ok_or_else(|| {
        format!("missing key `{key}`: a list of rows, one per junior, one value per senior")
    })?;
    let Value::Array(rows) = value else {
        return Err(format!(
            "`{key}` must be a list of rows (lists of numbers), found {}",
            kind(value)
        ));
    };
    if rows.is_empty() {
        return Err(format!("`{key}` has no rows: give at least one junior"));
    }
    let mut cells = Vec::new();
    let mut cols = 0;
    for (r, row) in rows.iter().enumerate() {
        let Value::Array(row) = row else {
            return Err(format!(
                "`{key}` row {r} must be a list of numbers, found {}",
                kind(row)
            ));
        };
        if r == 0 {
            if row.is_empty() {
                return Err(format!("`{key}` row 0 is empty: give at least one senior"));
            }
            cols = row.len();
        } else if row.len() != cols {
            return Err(format!(
                "`{key}` row {r} has {} but row 0 has {cols}: every row needs one value per \
                 senior",
                plural(row.len(), "value")
            ));
        }
        for (c, cell) in row.iter().enumerate() {
            let gain = match cell {
                Value::Null => None,
                Value::Number(n) => match n.as_f64() {
                    Some(x) if x.is_finite() && x >= 0.0 => Some(x),
                    _ => {
                        return Err(format!(
                            "`{key}` row {r}, column {c}: {n} is negative; a gain must be a \
                             number of at least 0, or null for a forbidden pair"
                        ));
                    }
                },
                Value::String(s) if NON_FINITE.contains(&s.as_str()) => {
                    return Err(format!(
                        "`{key}` row {r}, column {c}: {s} is not a finite number; a gain must \
                         be a number of at least 0, or null for a forbidden pair"
                    ));
                }
                other => {
                    return Err(format!(
                        "`{key}` row {r}, column {c}: {} is not a number; a gain must be a \
                         number of at least 0, or null for a forbidden pair",
                        kind(other)
                    ));
                }
            };
            cells.push(gain);
        }
    }
    Ok(Gains { cells, cols })
}

/// Reads the capacities under `key`, if given: one whole number for all, or one per agent;
/// 1 for everyone when absent.
fn capacity(
    object: &Map<String, Value>,
    key: &str,
    count: usize,
    side: &str,
) -> Result<Vec<u32>, String> {
    let Some(value) = object.get(key) else {
        return Ok(vec![1; count]);
    };
    let entries: Vec<(Option<usize>, &Value)> = match value {
        Value::Array(list) => {
            if list.len() != count {
                return Err(format!(
                    "`{key}` has {} but there are {}: give one per {side}",
                    plural(list.len(), "entry").replace("entrys", "entries"),
                    plural(count, side)
                ));
            }
            list.iter().enumerate().map(|(i, v)| (Some(i), v)).collect()
        }
        single => vec![(None, single)],
    };
    let mut out = Vec::with_capacity(count);
    for (index, entry) in entries {
        let at = match index {
            Some(i) => format!("`{key}` entry {i}"),
            None => format!("`{key}`"),
        };
        let cap = entry
            .as_f64()
            .filter(|x| x.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(x))
            .ok_or_else(|| {
                format!("{at} is {entry}: a capacity is a whole number of partners, at least 0")
            })? as u32;
        out.push(cap);
    }
    if out.len() == 1 && count != 1 {
        out = vec![out[0]; count];
    }
    Ok(out)
}

/// Reads the `strategies` list: known names, each once.
fn strategy_names(value: &Value) -> Result<Vec<String>, String> {
    let Value::Array(list) = value else {
        return Err(format!(
            "`strategies` must be a list of strategy names, found {}",
            kind(value)
        ));
    };
    if list.is_empty() {
        return Err(format!(
            "`strategies` is empty; leave it out to run all, or name some of: {}",
            strategy::NAMES.join(", ")
        ));
    }
    let mut names: Vec<String> = Vec::with_capacity(list.len());
    for (i, entry) in list.iter().enumerate() {
        let Value::String(name) = entry else {
            return Err(format!(
                "`strategies` entry {i} must be a strategy name, found {}",
                kind(entry)
            ));
        };
        if !strategy::NAMES.contains(&name.as_str()) {
            return Err(format!(
                "`strategies` entry {i}: unknown strategy `{name}`; the built-in strategies \
                 are: {}",
                strategy::NAMES.join(", ")
            ));
        }
        if names.contains(name) {
            return Err(format!("`strategies` entry {i}: `{name}` is listed twice"));
        }
        names.push(name.clone());
    }
    Ok(names)
}

/// `1 value`, `2 values`.
fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// A JSON value's kind and, for short scalars, the value, for messages.
fn kind(value: &Value) -> String {
    match value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("the boolean {b}"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() <= 20 => format!("the string {value}"),
        Value::String(_) => "a string".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}
