//! Runs the logic of `examples/compare.rs` for real on a tiny experiment: the table, the CSV
//! against the summary, the SVG figure, and the errors of bad arguments.

// The example's source, included as a module; its `main` and helpers are unused here.
#[allow(dead_code)]
#[path = "../examples/compare.rs"]
mod compare_example;

mod common;
use compare_example::{Args, Comparison, compare, csv, execute, parse_args, run, svg, table};
use mentor_match::metrics::Metric;
use mentor_match::strategy::NAMES;
use std::sync::OnceLock;

/// 12 juniors, 10 seniors, 3 repeats, seed 1, every strategy.
fn tiny_args() -> Args {
    parse_args(&args(&[
        "--juniors",
        "12",
        "--seniors=10",
        "--repeat",
        "3",
        "--seed",
        "1",
    ]))
    .unwrap()
}

/// The tiny experiment, run once for all the tests that only read it.
fn tiny() -> &'static Comparison {
    static TINY: OnceLock<Comparison> = OnceLock::new();
    TINY.get_or_init(|| compare(&tiny_args()).unwrap())
}

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn arguments_have_defaults_and_both_spellings() {
    let defaults = parse_args(&[]).unwrap();
    assert_eq!(
        (defaults.juniors, defaults.seniors, defaults.repeat),
        (200, 200, 20)
    );
    assert_eq!((defaults.seed, defaults.top_k), (0, 3));
    assert_eq!(defaults.strategies, NAMES);
    assert_eq!((defaults.csv, defaults.svg), (None, None));
    let args = tiny_args();
    assert_eq!(
        (args.juniors, args.seniors, args.repeat, args.seed),
        (12, 10, 3, 1)
    );
    let picked = parse_args(&self::args(&[
        "--strategies",
        "leximin, greedy",
        "--csv=out.csv",
        "--svg",
        "out.svg",
        "--top-k",
        "2",
    ]))
    .unwrap();
    assert_eq!(picked.strategies, ["leximin", "greedy"]);
    assert_eq!(picked.csv.as_deref(), Some("out.csv"));
    assert_eq!(picked.svg.as_deref(), Some("out.svg"));
    assert_eq!(picked.top_k, 2);
}

#[test]
fn table_has_a_row_for_every_strategy_with_intervals() {
    let c = tiny();
    let text = table(c);
    let first = text.lines().next().unwrap();
    assert!(
        first.contains("12 juniors × 10 seniors, 3 repeats, seed 1"),
        "{first}"
    );
    let header = text
        .lines()
        .find(|l| l.starts_with("strategy "))
        .unwrap_or_else(|| panic!("no header:\n{text}"));
    for column in common::STRATEGY_METRICS.iter().chain(&["time_ms"]) {
        assert!(header.contains(column), "{header}");
    }
    // The rows: after the rule under the header, up to the blank line.
    let rows: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("---"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(rows.len(), NAMES.len(), "{text}");
    for name in NAMES {
        let row = rows
            .iter()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("no row for {name}:\n{text}"));
        assert_eq!(row.matches(" ± ").count(), 9, "{row}");
        // The first cell is the mean total of the summary.
        let total: f64 = row.split_whitespace().nth(1).unwrap().parse().unwrap();
        let mean = c
            .summary
            .strategy(name)
            .unwrap()
            .metric(Metric::Total)
            .unwrap()
            .mean;
        assert!((total - mean).abs() <= 0.005 + 1e-9, "{row}: {mean}");
    }
}

#[test]
fn csv_rows_parse_and_match_the_summary() {
    let c = tiny();
    let text = csv(c).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(
        reader.headers().unwrap(),
        vec!["strategy", "metric", "mean", "low", "high", "n"]
    );
    let mut rows = 0;
    for record in reader.records() {
        let record = record.unwrap();
        let s = c.summary.strategy(&record[0]).unwrap();
        let estimate = if &record[1] == "seconds" {
            &s.seconds
        } else {
            s.metric(record[1].parse::<Metric>().unwrap()).unwrap()
        };
        let number = |k: usize| -> f64 { record[k].parse().unwrap() };
        assert_eq!(number(2), estimate.mean, "{record:?}");
        assert_eq!(number(3), estimate.low, "{record:?}");
        assert_eq!(number(4), estimate.high, "{record:?}");
        assert_eq!(
            record[5].parse::<usize>().unwrap(),
            estimate.n,
            "{record:?}"
        );
        assert!(
            number(3) <= number(2) && number(2) <= number(4),
            "{record:?}"
        );
        rows += 1;
    }
    let expected: usize = c
        .summary
        .strategies
        .iter()
        .map(|s| s.metrics.len() + 1)
        .sum();
    assert_eq!(rows, expected);
    for name in NAMES {
        for metric in ["total", "min_utility", "price", "seconds"] {
            assert!(
                text.contains(&format!("\n{name},{metric},")),
                "no {name} {metric}"
            );
        }
    }
}

#[test]
fn svg_is_a_well_formed_figure_naming_every_strategy() {
    let c = tiny();
    let text = svg(c).unwrap();
    assert!(
        text.starts_with("<svg") || text.starts_with("<?xml"),
        "{}",
        &text[..80]
    );
    assert!(text.trim_end().ends_with("</svg>"));
    well_formed(&text);
    // Each name labels its point in panel (a) and its row in panel (b).
    for name in NAMES {
        let labels = text.matches(&format!(">\n{name}\n</text>")).count();
        assert_eq!(labels, 2, "{name}");
    }
    assert!(text.contains("12 juniors × 10 seniors, 3 repeats, seed 1"));
    assert!(text.contains("total utility"));
    assert!(text.contains("minimum utility"));
}

/// Asserts that `xml` is well formed: tags nest and close, text has no bare `<` or `&`.
fn well_formed(xml: &str) {
    let mut open: Vec<&str> = Vec::new();
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        let text = &rest[..start];
        for (k, _) in text.match_indices('&') {
            let entity = &text[k..];
            assert!(
                ["&lt;", "&gt;", "&amp;", "&quot;", "&apos;", "&#"]
                    .iter()
                    .any(|e| entity.starts_with(e)),
                "bare & in {text:?}"
            );
        }
        let end = rest[start..].find('>').expect("unclosed tag") + start;
        let tag = &rest[start + 1..end];
        assert!(!tag.contains('<'), "< inside a tag: {tag:?}");
        if tag.starts_with('?') || tag.starts_with('!') {
            // Declaration or comment.
        } else if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop(), Some(name.trim()), "mismatched </{name}>");
        } else if !tag.ends_with('/') {
            open.push(tag.split_whitespace().next().unwrap());
        }
        rest = &rest[end + 1..];
    }
    assert!(rest.trim().is_empty(), "text after the root: {rest:?}");
    assert!(open.is_empty(), "unclosed: {open:?}");
}

#[test]
fn per_agent_utilities_are_recorded_for_every_repeat() {
    let c = tiny();
    assert_eq!(c.utilities.len(), NAMES.len());
    for (s, u) in c.summary.strategies.iter().zip(&c.utilities) {
        assert_eq!(u.juniors.len(), 12 * 3, "{}", s.name);
        assert_eq!(u.seniors.len(), 10 * 3, "{}", s.name);
        // Their sum is the total utility, summed over the repeats.
        let sum: f64 = u.juniors.iter().chain(&u.seniors).sum();
        let total = s.metric(Metric::Total).unwrap().mean * 3.0;
        assert!((sum - total).abs() < 1e-9 * total.max(1.0), "{}", s.name);
    }
}

#[test]
fn a_run_is_reproducible_and_writes_what_is_asked() {
    let output = run(&args(&[
        "--juniors",
        "8",
        "--seniors",
        "9",
        "--repeat",
        "2",
        "--strategies",
        "utilitarian,random",
        "--csv",
        "x.csv",
    ]))
    .unwrap();
    assert!(output.csv.is_some() && output.svg.is_none());
    assert!(output.table.contains("\nutilitarian "));
    assert!(!output.table.contains("\nleximin "));
    // Same seed, same metrics (times aside).
    let mut args = tiny_args();
    args.strategies = vec!["random".to_owned(), "greedy".to_owned()];
    let (a, b) = (compare(&args).unwrap(), compare(&args).unwrap());
    for (x, y) in a.summary.strategies.iter().zip(&b.summary.strategies) {
        assert_eq!(x.metrics, y.metrics);
    }
    assert_eq!(a.utilities, b.utilities);
    let output = execute(&Args {
        svg: Some("x.svg".to_owned()),
        ..args
    })
    .unwrap();
    assert!(output.svg.unwrap().contains("greedy"));
}

#[test]
fn bad_arguments_are_errors() {
    let err = |list: &[&str]| parse_args(&args(list)).unwrap_err();
    assert_eq!(err(&["--fast"]), "unknown flag `--fast` (see --help)");
    assert!(err(&["200"]).starts_with("unexpected argument `200`"));
    assert_eq!(
        err(&["--juniors", "0"]),
        "`--juniors` needs a whole number of at least 1, got `0`"
    );
    assert!(err(&["--seniors", "many"]).starts_with("`--seniors` needs a whole number"));
    assert!(err(&["--repeat=-3"]).starts_with("`--repeat` needs a whole number"));
    assert!(err(&["--seed", "18446744073709551616"]).starts_with("`--seed` needs a whole number"));
    assert_eq!(err(&["--repeat"]), "`--repeat` needs a value (see --help)");
    assert_eq!(
        err(&["--csv", "--svg", "a.svg"]),
        "`--csv` needs a value, got the flag `--svg`"
    );
    assert_eq!(
        err(&["--seed", "1", "--seed", "2"]),
        "`--seed` is given twice"
    );
    let unknown = err(&["--strategies", "utilitarian,lottery"]);
    assert!(
        unknown.starts_with("`--strategies`: unknown strategy `lottery`"),
        "{unknown}"
    );
    assert_eq!(
        err(&["--strategies", "nash,nash"]),
        "`--strategies`: `nash` is listed twice"
    );
    assert!(err(&["--strategies", "nash,,greedy"]).contains("empty name"));
    assert!(err(&["--juniors", "100000", "--seniors", "1000"]).contains("too large"));
    assert_eq!(
        err(&["--csv", "same", "--svg", "same"]),
        "`--csv` and `--svg` name the same file"
    );
    assert!(err(&["--csv="]).starts_with("`--csv` needs a file name"));
}

#[test]
fn help_is_printed() {
    let output = run(&args(&["--juniors", "3", "--help"])).unwrap();
    assert!(
        output.table.starts_with("usage: compare"),
        "{}",
        output.table
    );
    for name in NAMES {
        assert!(output.table.contains(name), "help lacks {name}");
    }
}
