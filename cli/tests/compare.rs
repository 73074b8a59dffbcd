//! `mentor-match compare` in process on a tiny experiment: the table, the CSV against the
//! summary, the SVG figure, the files a run writes, the arguments as clap reads them and the
//! errors of bad arguments.

mod common;
use common::{input_error, parse, run, usage_error};
use mentor_match::metrics::Metric;
use mentor_match::strategy::NAMES;
use mentor_match_cli::Command;
use mentor_match_cli::commands::compare::{
    Args, Comparison, StrategyList, compare, csv, execute, svg, table,
};
use std::path::PathBuf;
use std::sync::OnceLock;

/// The `compare` arguments `list` (after the subcommand) parse to.
fn parse_args(list: &[&str]) -> Args {
    let args: Vec<&str> = std::iter::once("compare")
        .chain(list.iter().copied())
        .collect();
    match parse(&args).unwrap() {
        Command::Compare(args) => args,
        other => panic!("{other:?}"),
    }
}

/// 12 juniors, 10 seniors, 3 repeats, seed 1, every strategy.
fn tiny_args() -> Args {
    parse_args(&[
        "--juniors",
        "12",
        "--seniors=10",
        "--repeat",
        "3",
        "--seed",
        "1",
    ])
}

/// The tiny experiment, run once for all the tests that only read it.
fn tiny() -> &'static Comparison {
    static TINY: OnceLock<Comparison> = OnceLock::new();
    TINY.get_or_init(|| compare(&tiny_args()).unwrap())
}

#[test]
fn arguments_have_defaults_and_both_spellings() {
    let defaults = parse_args(&[]);
    assert_eq!(defaults, Args::new());
    assert_eq!(
        (defaults.juniors, defaults.seniors(), defaults.repeat),
        (200, 200, 20)
    );
    assert_eq!((defaults.seed, defaults.top_k), (0, 3));
    assert_eq!(defaults.strategy_names(), NAMES);
    assert_eq!((defaults.csv, defaults.svg), (None, None));
    let args = tiny_args();
    assert_eq!(
        (args.juniors, args.seniors(), args.repeat, args.seed),
        (12, 10, 3, 1)
    );
    // Seniors default to as many as juniors.
    assert_eq!(parse_args(&["--juniors", "7"]).seniors(), 7);
    let picked = parse_args(&[
        "--strategies",
        "leximin,greedy",
        "--csv=out.csv",
        "--svg",
        "out.svg",
        "--top-k",
        "2",
    ]);
    assert_eq!(picked.strategy_names(), ["leximin", "greedy"]);
    // Spaces after the commas, as people type lists, are allowed.
    let spaced = parse_args(&["--strategies", "leximin, greedy"]);
    assert_eq!(spaced.strategy_names(), ["leximin", "greedy"]);
    assert_eq!(picked.csv, Some(PathBuf::from("out.csv")));
    assert_eq!(picked.svg, Some(PathBuf::from("out.svg")));
    assert_eq!(picked.top_k, 2);
    assert_eq!(defaults.idiosyncratic, 0.0);
    assert_eq!(parse_args(&["--idiosyncratic", "0.3"]).idiosyncratic, 0.3);
}

/// `--idiosyncratic` reaches the populations: the same experiment gives another total, and
/// every strategy still runs.
#[test]
fn an_idiosyncratic_part_changes_the_populations() {
    let mut args = tiny_args();
    args.idiosyncratic = 0.3;
    let blended = compare(&args).unwrap();
    let total = |c: &Comparison| {
        c.summary.strategies[0]
            .metric(Metric::Total)
            .expect("utilitarian has a total")
            .mean
    };
    assert_ne!(total(&blended), total(tiny()));
    assert_eq!(
        compare(&args).unwrap().summary.strategies.len(),
        NAMES.len()
    );
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
    let text = csv(c);
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
    let output = execute(&parse_args(&[
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
    args.strategies = vec![StrategyList(vec!["random".to_owned(), "greedy".to_owned()])];
    let (a, b) = (compare(&args).unwrap(), compare(&args).unwrap());
    for (x, y) in a.summary.strategies.iter().zip(&b.summary.strategies) {
        assert_eq!(x.metrics, y.metrics);
    }
    assert_eq!(a.utilities, b.utilities);
    let output = execute(&Args {
        svg: Some(PathBuf::from("x.svg")),
        ..args
    })
    .unwrap();
    assert!(output.svg.unwrap().contains("greedy"));
}

#[test]
fn a_run_writes_the_files_and_prints_the_table() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let csv_path = dir.join("cli-compare-run.csv");
    let svg_path = dir.join("cli-compare-run.svg");
    for path in [&csv_path, &svg_path] {
        let _ = std::fs::remove_file(path);
    }
    let table = run(&[
        "compare",
        "--juniors",
        "6",
        "--repeat",
        "2",
        "--strategies",
        "greedy,utilitarian",
        "--csv",
        csv_path.to_str().unwrap(),
        "--svg",
        svg_path.to_str().unwrap(),
    ])
    .unwrap();
    assert!(
        table.starts_with("Pairing strategies on synthetic populations: 6 juniors × 6 seniors, 2 repeats, seed 0\n"),
        "{table}"
    );
    assert!(
        table.contains("\ngreedy ") && table.contains("\nutilitarian "),
        "{table}"
    );
    let written = std::fs::read_to_string(&csv_path).unwrap();
    assert!(
        written.starts_with("strategy,metric,mean,low,high,n\n"),
        "{written}"
    );
    assert!(written.contains("\ngreedy,total,"), "{written}");
    let figure = std::fs::read_to_string(&svg_path).unwrap();
    assert!(figure.trim_end().ends_with("</svg>"), "{figure}");
    well_formed(&figure);
}

#[test]
fn bad_arguments_are_errors() {
    let usage = |list: &[&str]| {
        let args: Vec<&str> = std::iter::once("compare")
            .chain(list.iter().copied())
            .collect();
        usage_error(run(&args))
    };
    let input = |list: &[&str]| {
        let args: Vec<&str> = std::iter::once("compare")
            .chain(list.iter().copied())
            .collect();
        input_error(run(&args))
    };
    assert!(usage(&["--fast"]).contains("unexpected argument '--fast'"));
    assert!(usage(&["200"]).contains("unexpected argument '200'"));
    let zero = usage(&["--juniors", "0"]);
    assert!(
        zero.contains("'--juniors <JUNIORS>': needs a whole number of at least 1, got `0`"),
        "{zero}"
    );
    for (bad, names) in [
        (&["--seniors", "many"][..], "--seniors"),
        (&["--repeat=-3"], "--repeat"),
        (&["--seed", "18446744073709551616"], "--seed"),
        (&["--top-k", "0"], "--top-k"),
        (&["--repeat"], "--repeat"),
        // `--csv` needs a value; the next flag is not one.
        (&["--csv", "--svg", "a.svg"], "--csv"),
        (&["--seed", "1", "--seed", "2"], "--seed"),
        (&["--strategies", "utilitarian,lottery"], "lottery"),
        (&["--strategies", "nash,,greedy"], "--strategies"),
        (&["--csv="], "--csv"),
        (&["--idiosyncratic", "1.5"], "--idiosyncratic"),
        (&["--idiosyncratic", "NaN"], "--idiosyncratic"),
        (&["--idiosyncratic=-0.1"], "--idiosyncratic"),
    ] {
        let err = usage(bad);
        assert!(err.contains(names), "{bad:?}: {err}");
    }
    // What clap cannot check is refused before any work.
    assert_eq!(
        input(&["--strategies", "nash,nash"]),
        "`--strategies`: `nash` is listed twice"
    );
    assert_eq!(
        input(&["--strategies", "greedy,greedy"]),
        "`--strategies`: `greedy` is listed twice"
    );
    assert!(input(&["--juniors", "100000", "--seniors", "1000"]).contains("too large"));
    assert_eq!(
        input(&["--csv", "same", "--svg", "same"]),
        "`--csv` and `--svg` name the same file"
    );
    // Every mistake at once, within one list, across lists, and of every kind.
    assert_eq!(
        input(&[
            "--strategies",
            "nash,greedy,nash",
            "--strategies",
            "greedy, nash",
            "--juniors",
            "100000",
            "--seniors",
            "1000",
            "--csv",
            "same",
            "--svg",
            "same",
        ]),
        "100000 juniors × 1000 seniors is too large (at most 10000000 pairs); \
         100000 juniors + 1000 seniors is too many (at most 100000 people); \
         `--strategies`: `greedy` is listed twice; `--strategies`: `nash` is listed 3 times; \
         `--csv` and `--svg` name the same file"
    );
    // Lopsided populations within the pairs' bound, refused before any is drawn (ten million
    // juniors took over ten gigabytes).
    for (juniors, seniors) in [("10000000", "1"), ("1", "10000000"), ("99999", "2")] {
        assert_eq!(
            input(&["--juniors", juniors, "--seniors", seniors]),
            format!("{juniors} juniors + {seniors} seniors is too many (at most 100000 people)")
        );
    }
    // Repeats beyond the bound, refused before any population is drawn: a billion repeats
    // of one junior and one senior grew their metrics until the allocator aborted.
    assert_eq!(
        input(&["--repeat", "1000000000", "--juniors", "1"]),
        "1000000000 repeats is too many (at most 100000 repeats)"
    );
    assert_eq!(
        input(&["--repeat", "18446744073709551615"]),
        "18446744073709551615 repeats is too many (at most 100000 repeats)"
    );
    // Within that bound, the per-agent utilities every repeat adds: 1,000 people a repeat.
    assert_eq!(
        input(&["--repeat", "10001", "--juniors", "500"]),
        "10001 repeats × 1000 people is too many per-agent utilities (at most 10000000 a \
         strategy)"
    );
    let unknown = usage(&["--strategies", "nope, greedy,,alsonope"]);
    assert!(
        unknown.contains("unknown strategies `nope`, ``, `alsonope`; the strategies are"),
        "{unknown}"
    );
    // A file that cannot be created is refused before the (default, large) experiment runs.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli-compare-no-such-dir");
    let path = dir.join("out.csv");
    let file = path.to_str().unwrap();
    let err = input(&["--csv", file]);
    assert!(
        err.starts_with(&format!("cannot create `{file}`: ")),
        "{err}"
    );
}

#[test]
fn help_is_printed() {
    let help = run(&["compare", "--juniors", "3", "--help"]).unwrap();
    assert!(
        help.contains("Usage: mentor-match compare [OPTIONS]"),
        "{help}"
    );
    for option in [
        "--juniors",
        "--seniors",
        "--repeat",
        "--seed",
        "--top-k",
        "--strategies",
        "--csv",
        "--svg",
    ] {
        assert!(help.contains(option), "help lacks {option}:\n{help}");
    }
    for name in NAMES {
        assert!(help.contains(name), "help lacks {name}");
    }
}
