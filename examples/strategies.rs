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
//! A gain is a finite number of at least 0; `null` in either matrix forbids the pair. Both
//! matrices have the same shape, every row as long as the first, and at least one row and one
//! column. `junior_capacity` and `senior_capacity` (a list with one entry per junior or senior,
//! or one number for all) are accepted when every capacity is 1; capacities above 1 are not
//! supported yet. Any other key is an error, so a misspelt option is not silently ignored.
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
//! capacity other than 1, an unknown flag) it prints `error: ...` on standard error, nothing on
//! standard output, and exits with code 2.

use mentor_match::PairScores;
use mentor_match::metrics::{Metrics, Report};
use mentor_match::strategy::{self, Strategy};
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
             \"senior_capacity\" (only 1 is supported yet); `-` reads standard input
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
    /// Every metric, with the price against the utilitarian optimum.
    pub metrics: Report,
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
    capacity(&object, "junior_capacity", juniors, "junior")?;
    capacity(&object, "senior_capacity", seniors, "senior")?;

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
        if a.is_none() || b.is_none() {
            scores.forbid(k / seniors, k % seniors);
        }
    }
    Ok(Instance {
        scores,
        seed,
        strategies,
        top_k,
    })
}

/// Runs each strategy of `instance` and reports its pairs, time and metrics, with the price
/// against the utilitarian optimum.
///
/// # Errors
///
/// An unknown strategy name, or a library error (as text, naming the strategy).
pub fn evaluate(instance: &Instance) -> Result<Output, String> {
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
            metrics: report,
        });
    }
    Ok(Output {
        juniors: scores.juniors(),
        seniors: scores.seniors(),
        seed: instance.seed,
        strategies: results,
    })
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

/// Checks the capacities under `key`, if given: one number for all, or one per agent, every
/// one 1 (larger capacities are a later feature).
fn capacity(
    object: &Map<String, Value>,
    key: &str,
    count: usize,
    side: &str,
) -> Result<(), String> {
    let Some(value) = object.get(key) else {
        return Ok(());
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
    for (index, entry) in entries {
        let at = match index {
            Some(i) => format!("`{key}` entry {i}"),
            None => format!("`{key}`"),
        };
        match entry.as_f64() {
            Some(1.0) => {}
            Some(x) if x > 1.0 && x.fract() == 0.0 => {
                return Err(format!(
                    "{at} is {entry}: capacities above 1 are not supported yet; every {side} \
                     has capacity 1"
                ));
            }
            _ => {
                return Err(format!(
                    "{at} is {entry}: only a capacity of 1 is supported (capacities above 1 \
                     are not supported yet; forbid a {side}'s pairs with null to leave them out)"
                ));
            }
        }
    }
    Ok(())
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
