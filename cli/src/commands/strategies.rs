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
//!  "top_k": 2,                                           optional, default 3
//!  "k_best": 5}                                          optional, default none
//! ```
//!
//! The library reads it (`mentor_match::formats::Instance::from_json`, whose docs give every
//! rule). A gain is a number from 0 to 1e100; `null` in either matrix forbids the pair. Both
//! matrices have the same shape, every row as long as the first, and at least one row and one
//! column. `junior_capacity` and `senior_capacity` (a list with one entry per junior or senior,
//! or one number for all; whole numbers from 0 to 2^32 - 1, default 1) set how many partners
//! each may take. A capacity of 0 forbids every pair of that agent in every strategy.
//! Capacities above 1 are honoured by every strategy with a capacitated form, as the strategy
//! table of `mentor_match::strategy` defines under *Capacities* (`utilitarian` and `nash` by
//! the exact many-to-many solver, deferred acceptance from either side, the egalitarian and
//! minimum-regret stable pairings, `greedy`, `random` and `random_serial_dictatorship`); the
//! others (`bottleneck` and `leximin`) are listed under `"unsupported"` with the reason,
//! instead of being run on a silently changed instance. So is a strategy (or `k_best`), one
//! to one or many to many, whose own instance does not fit in memory, with the size it
//! needed; the others still run. A many-to-many result's
//! metrics are the library's `metrics::ManyToMany`: `pairs`, `total`, `junior_total`,
//! `senior_total`, `coverage` (share of available agents with a partner), `min_utility`
//! (smallest summed gain of an agent with a partner), `gini` (of the summed gains of all
//! available agents), `blocking_pairs` and `blocking` (pairwise: each agent has room or would
//! drop its worst partner), `utilitarian_total` and `price` (against the utilitarian optimum
//! under the same capacities). Any other key, and any key given twice, is an error, so a
//! misspelt option is not silently ignored.
//!
//! The output is
//!
//! ```text
//! {"format": 1, "juniors": 2, "seniors": 3, "seed": 7,
//!  "strategies": [{"name": "utilitarian", "pairs": [[0, 0], [1, 2]], "seconds": 1.2e-5,
//!                  "metrics": {"pairs": 2, "total": 2.2, "min_utility": 0.1, ...}}, ...]}
//! ```
//!
//! with one entry per strategy in the order asked for. With `"k_best": K` (1 to 1000) the
//! document also holds `"k_best"`: the `K` best `utilitarian` pairings, best first, each as
//! `{"rank": 1, "pairs": [...], "metrics": {...}}` (fewer when there are fewer pairings; with
//! capacities above 1 it is listed under `"unsupported"` instead). `metrics` is the library's
//! `metrics::Report`, computed with the utilitarian optimum of the instance so that `price`
//! (the share of the optimum's total utility the strategy gives up) is filled; `seconds` is the
//! strategy's call alone. Rows and columns are counted from 0, in the pairs as in the messages.
//! The document is the library's `evaluation::Evaluation`; its schema:
//! `mentor-match schema strategies`.
//!
//! On bad input (a missing or unreadable file, invalid JSON, a matrix that is ragged, shaped
//! unlike the other or holds a negative or non-number value, an unknown, duplicate or missing
//! key, an unknown strategy, a capacity that is not a whole number from 0 to 2^32 - 1, an
//! unknown flag) it prints `error: ...` on standard error, naming the key, row and column at
//! fault, nothing on standard output, and exits with code 2.

use crate::Failure;
use crate::input::Source;
use mentor_match::evaluation::evaluate;
use mentor_match::formats::Instance;

/// `mentor-match strategies`: its arguments.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
#[command(after_help = format!(
    "The instance: {{\"junior_gain\": [[..]], \"senior_gain\": [[..]]}} (rows juniors, columns \
     seniors, null forbids a pair), optional \"seed\", \"strategies\", \"top_k\", \"k_best\", \
     \"junior_capacity\", \"senior_capacity\".\n\nStrategies: {}. Each is defined in the \
     strategy table of the library's `mentor_match::strategy` module docs.",
    mentor_match::strategy::NAMES.join(", ")
))]
pub struct Args {
    /// The instance: the two gain matrices and the options, as JSON; `-` for standard input.
    #[arg(value_name = "INSTANCE")]
    pub file: Source,
    /// Print indented JSON.
    #[arg(long)]
    pub pretty: bool,
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
