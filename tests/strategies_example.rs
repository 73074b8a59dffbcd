//! Runs the logic of `examples/strategies.rs` for real: a hand-made instance with forbidden
//! pairs through every strategy, the JSON output, and the error messages of bad input.

// The example's source, included as a module; its `main` and helpers are unused here.
#[allow(dead_code)]
#[path = "../examples/strategies.rs"]
mod strategies_example;

use mentor_match::strategy::NAMES;
use serde_json::Value;
use std::path::PathBuf;
use strategies_example::{evaluate, parse_args, parse_instance, run};

/// Three juniors, four seniors. Junior 0 would gain most from senior 0, but that pair is
/// forbidden (null in `junior_gain`); so is junior 2 with senior 3 (null in `senior_gain`).
const INSTANCE: &str = r#"{
  "junior_gain": [[null, 0.5, 0.25, 0.75],
                  [0.5,  1,   0,    0.25],
                  [0.75, 0.5, 0.5,  1   ]],
  "senior_gain": [[1,    0.25, 0.5, 0.25],
                  [0.25, 0.5,  1,   0.75],
                  [0.5,  0.75, 0.25, null]],
  "seed": 7
}"#;

/// The forbidden `(junior, senior)` cells of [`INSTANCE`].
const FORBIDDEN: [(usize, usize); 2] = [(0, 0), (2, 3)];

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

/// A file under the test's private temporary directory holding `text`.
fn temp_file(name: &str, text: &str) -> PathBuf {
    let path =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("strategies_example-{name}"));
    std::fs::write(&path, text).unwrap();
    path
}

/// A gain matrix, rows of cells, `None` where forbidden.
type Gains = Vec<Vec<Option<f64>>>;

/// The junior and the senior gains of [`INSTANCE`].
fn gains() -> (Gains, Gains) {
    let json: Value = serde_json::from_str(INSTANCE).unwrap();
    let read = |key: &str| -> Gains {
        json[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| row.as_array().unwrap().iter().map(Value::as_f64).collect())
            .collect()
    };
    (read("junior_gain"), read("senior_gain"))
}

#[test]
fn every_strategy_runs_on_a_hand_made_instance() {
    let path = temp_file("instance.json", INSTANCE);
    let out = run(&args(&[path.to_str().unwrap()])).unwrap();
    assert!(
        out.ends_with('\n') && !out.trim_end().contains('\n'),
        "one line: {out}"
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["juniors"], 3);
    assert_eq!(json["seniors"], 4);
    assert_eq!(json["seed"], 7);
    let results = json["strategies"].as_array().unwrap();
    let names: Vec<&str> = results
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, NAMES);

    let (junior_gain, senior_gain) = gains();
    let total_of = |r: &Value| r["metrics"]["total"].as_f64().unwrap();
    let utilitarian = total_of(&results[0]);
    for r in results {
        let name = r["name"].as_str().unwrap();
        let pairs: Vec<(usize, usize)> = r["pairs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                let p = p.as_array().unwrap();
                (
                    p[0].as_u64().unwrap() as usize,
                    p[1].as_u64().unwrap() as usize,
                )
            })
            .collect();
        for forbidden in FORBIDDEN {
            assert!(!pairs.contains(&forbidden), "{name} pairs {forbidden:?}");
        }
        // The reported total is the sum of both gains over the pairs.
        let mut total = 0.0;
        for &(j, s) in &pairs {
            total += junior_gain[j][s].unwrap() + senior_gain[j][s].unwrap();
        }
        assert!((total_of(r) - total).abs() < 1e-9, "{name}: {r}");
        assert!(
            utilitarian >= total_of(r) - 1e-9,
            "{name} beats the utilitarian total: {} > {utilitarian}",
            total_of(r)
        );
        assert!(r["seconds"].as_f64().unwrap() >= 0.0, "{name}");
        let metrics = &r["metrics"];
        for key in [
            "total",
            "min_utility",
            "gini",
            "blocking_pairs",
            "coverage",
            "price",
            "envy",
            "top_k_share",
        ] {
            assert!(metrics[key].is_number(), "{name}: no `{key}` in {metrics}");
        }
        assert_eq!(metrics["utilitarian_total"].as_f64(), Some(utilitarian));
        assert!(metrics["price"].as_f64().unwrap() >= -1e-12, "{name}");
    }
    assert_eq!(results[0]["metrics"]["price"], 0.0);
}

#[test]
fn stable_strategies_leave_no_blocking_pair() {
    let instance = parse_instance(INSTANCE).unwrap();
    let output = evaluate(&instance).unwrap();
    for r in &output.strategies {
        if r.name.contains("stable") || r.name.starts_with("deferred_acceptance") {
            assert_eq!(r.metrics.blocking_pairs, 0, "{}", r.name);
        }
    }
}

#[test]
fn pretty_output_and_the_compact_one_agree() {
    let path = temp_file("pretty.json", INSTANCE);
    let file = path.to_str().unwrap();
    let compact: Value = serde_json::from_str(&run(&args(&[file])).unwrap()).unwrap();
    let pretty_text = run(&args(&["--pretty", file])).unwrap();
    assert!(pretty_text.lines().count() > 20, "{pretty_text}");
    let pretty: Value = serde_json::from_str(&pretty_text).unwrap();
    // Same document up to the measured times.
    let strip = |mut v: Value| {
        for r in v["strategies"].as_array_mut().unwrap() {
            r["seconds"] = Value::Null;
        }
        v
    };
    assert_eq!(strip(compact), strip(pretty));
    assert_eq!(run(&args(&[file, "--pretty"])).unwrap().lines().count(), {
        pretty_text.lines().count()
    });
}

#[test]
fn options_pick_strategies_seed_and_top_k() {
    let text = r#"{"junior_gain": [[0.9, 0.4], [0.5, 0.5]],
                   "senior_gain": [[0.1, 0.4], [0.5, 0.5]],
                   "strategies": ["leximin", "utilitarian"], "top_k": 1,
                   "junior_capacity": [1, 1], "senior_capacity": 1}"#;
    let instance = parse_instance(text).unwrap();
    assert_eq!(instance.seed, 0);
    assert_eq!(instance.top_k, 1);
    let output = evaluate(&instance).unwrap();
    let names: Vec<&str> = output.strategies.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["leximin", "utilitarian"]);
    // Leximin lifts senior 0 from 0.1 to 0.4; the utilitarian optimum keeps 1.0 + 1.0.
    assert_eq!(output.strategies[0].pairs, vec![[0, 1], [1, 0]]);
    assert_eq!(output.strategies[1].pairs, vec![[0, 0], [1, 1]]);
    assert_eq!(output.strategies[0].metrics.top_k, 1);
    let price = output.strategies[0].metrics.price.unwrap();
    assert!((price - 0.2 / 2.0).abs() < 1e-12, "{price}");
}

#[test]
fn deterministic_strategies_ignore_the_seed() {
    let with_seed = |seed: u64| {
        let text = INSTANCE.replace("\"seed\": 7", &format!("\"seed\": {seed}"));
        evaluate(&parse_instance(&text).unwrap()).unwrap()
    };
    let (a, b) = (with_seed(1), with_seed(2));
    for (x, y) in a.strategies.iter().zip(&b.strategies) {
        if !x.name.starts_with("random") {
            assert_eq!(x.pairs, y.pairs, "{}", x.name);
        }
    }
}

/// The error of `text` as an instance.
fn error(text: &str) -> String {
    parse_instance(text).unwrap_err()
}

#[test]
fn bad_matrices_are_errors_naming_the_row_and_column() {
    let cases = [
        (
            r#"{"junior_gain": [[1, 2], [3]], "senior_gain": [[1, 2], [3, 4]]}"#,
            "`junior_gain` row 1 has 1 value but row 0 has 2",
        ),
        (
            r#"{"junior_gain": [[1, 2], [3, 4]], "senior_gain": [[1, 2]]}"#,
            "`senior_gain` has 1 row but `junior_gain` has 2 rows",
        ),
        (
            r#"{"junior_gain": [[1, 2]], "senior_gain": [[1, 2, 3]]}"#,
            "`senior_gain` rows have 3 columns but `junior_gain` rows have 2 columns",
        ),
        (
            r#"{"junior_gain": [[1, 2], [3, -0.5]], "senior_gain": [[1, 2], [3, 4]]}"#,
            "`junior_gain` row 1, column 1: -0.5 is negative",
        ),
        (
            r#"{"junior_gain": [[1, 2]], "senior_gain": [[NaN, 2]]}"#,
            "`senior_gain` row 0, column 0: NaN is not a finite number",
        ),
        (
            r#"{"junior_gain": [[1, -Infinity]], "senior_gain": [[1, 2]]}"#,
            "`junior_gain` row 0, column 1: -Infinity is not a finite number",
        ),
        (
            r#"{"junior_gain": [[1, "2"]], "senior_gain": [[1, 2]]}"#,
            "`junior_gain` row 0, column 1: the string \"2\" is not a number",
        ),
        (
            r#"{"junior_gain": [[1, 2], 3], "senior_gain": [[1, 2]]}"#,
            "`junior_gain` row 1 must be a list of numbers, found the number 3",
        ),
        (
            r#"{"junior_gain": [], "senior_gain": []}"#,
            "`junior_gain` has no rows",
        ),
        (
            r#"{"junior_gain": [[]], "senior_gain": [[]]}"#,
            "`junior_gain` row 0 is empty",
        ),
        (r#"{"senior_gain": [[1]]}"#, "missing key `junior_gain`"),
        (
            r#"{"junior_gain": {"a": 1}, "senior_gain": [[1]]}"#,
            "`junior_gain` must be a list of rows",
        ),
    ];
    for (text, expected) in cases {
        let err = error(text);
        assert!(err.starts_with(expected), "{text}\n  gave: {err}");
    }
}

#[test]
fn bad_options_are_errors_naming_the_key() {
    let with = |extra: &str| {
        error(&format!(
            r#"{{"junior_gain": [[1, 2]], "senior_gain": [[1, 2]], {extra}}}"#
        ))
    };
    let err = with(r#""strategies": ["utilitarian", "lottery"]"#);
    assert!(
        err.starts_with("`strategies` entry 1: unknown strategy `lottery`"),
        "{err}"
    );
    assert!(err.contains("leximin"), "lists the known names: {err}");
    let err = with(r#""strategies": ["nash", "nash"]"#);
    assert_eq!(err, "`strategies` entry 1: `nash` is listed twice");
    assert!(with(r#""strategies": []"#).starts_with("`strategies` is empty"));
    assert!(with(r#""strategies": "nash""#).starts_with("`strategies` must be a list"));
    assert!(with(r#""strategies": [3]"#).starts_with("`strategies` entry 0 must be a strategy"));
    let err = with(r#""mentors": 3"#);
    assert!(
        err.starts_with("unknown key `mentors`; the keys are: "),
        "{err}"
    );
    assert!(with(r#""seed": -1"#).starts_with("`seed` must be a whole number"));
    assert!(with(r#""seed": 1.5"#).starts_with("`seed` must be a whole number"));
    assert!(with(r#""top_k": 0"#).starts_with("`top_k` must be a whole number of at least 1"));
}

#[test]
fn capacities_other_than_one_are_not_supported_yet() {
    let with = |extra: &str| {
        parse_instance(&format!(
            r#"{{"junior_gain": [[1, 2]], "senior_gain": [[1, 2]], {extra}}}"#
        ))
    };
    assert!(with(r#""junior_capacity": [1], "senior_capacity": [1, 1.0]"#).is_ok());
    assert!(with(r#""senior_capacity": 1"#).is_ok());
    let err = with(r#""senior_capacity": [1, 2]"#).unwrap_err();
    assert_eq!(
        err,
        "`senior_capacity` entry 1 is 2: capacities above 1 are not supported yet; every \
         senior has capacity 1"
    );
    let err = with(r#""junior_capacity": 3"#).unwrap_err();
    assert!(
        err.contains("capacities above 1 are not supported yet"),
        "{err}"
    );
    let err = with(r#""junior_capacity": [0]"#).unwrap_err();
    assert!(
        err.starts_with("`junior_capacity` entry 0 is 0: only a capacity of 1"),
        "{err}"
    );
    let err = with(r#""senior_capacity": [1]"#).unwrap_err();
    assert_eq!(
        err,
        "`senior_capacity` has 1 entry but there are 2 seniors: give one per senior"
    );
}

#[test]
fn invalid_json_is_an_error_naming_line_and_column() {
    let path = temp_file(
        "broken.json",
        "{\"junior_gain\": [[1, 2]],\n \"senior_gain\": [[1,]]}",
    );
    let file = path.to_str().unwrap();
    let err = run(&args(&[file])).unwrap_err();
    assert!(
        err.starts_with(&format!("`{file}`: invalid JSON: ")),
        "{err}"
    );
    assert!(err.contains("line 2 column"), "{err}");
    let err = error("[[1, 2]]");
    assert!(
        err.starts_with("the instance must be a JSON object"),
        "{err}"
    );
}

#[test]
fn missing_file_and_bad_arguments_are_errors() {
    let path =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("strategies_example-no-such-file.json");
    let file = path.to_str().unwrap();
    let err = run(&args(&[file])).unwrap_err();
    assert!(err.starts_with(&format!("cannot read `{file}`: ")), "{err}");
    assert_eq!(
        run(&args(&["--fast", file])).unwrap_err(),
        "unknown flag `--fast` (see --help)"
    );
    let err = run(&args(&["a.json", "b.json"])).unwrap_err();
    assert!(
        err.starts_with("more than one instance file given"),
        "{err}"
    );
    let err = run(&[]).unwrap_err();
    assert!(err.starts_with("no instance file given"), "{err}");
}

#[test]
fn dash_is_standard_input_and_help_wins() {
    let parsed = parse_args(&args(&["-", "--pretty"])).unwrap();
    assert_eq!(parsed.file.as_deref(), Some("-"));
    assert!(parsed.pretty && !parsed.help);
    let parsed = parse_args(&args(&["--", "--odd.json"])).unwrap();
    assert_eq!(parsed.file.as_deref(), Some("--odd.json"));
    let help = run(&args(&["--help"])).unwrap();
    assert!(help.starts_with("usage: strategies"), "{help}");
    assert_eq!(run(&args(&["no-such-file.json", "-h"])).unwrap(), help);
    for name in NAMES {
        assert!(help.contains(name), "help lacks {name}");
    }
}
