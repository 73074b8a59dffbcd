//! `mentor-match strategies` in process: a hand-made instance with forbidden pairs through
//! every strategy, the JSON output, the library's evaluation behind it, the arguments as clap
//! reads them, and the error messages of bad input.

mod common;
use common::{error_for_file, input_error, missing_file, parse, run, usage_error};
use mentor_match::evaluation::{StrategyMetrics, evaluate};
use mentor_match::formats::Instance;
use mentor_match::strategy::NAMES;
use mentor_match_cli::Command;
use mentor_match_cli::commands::strategies::Args;
use mentor_match_cli::input::Source;
use serde_json::Value;
use std::path::PathBuf;

/// The instance read by the library, which must accept it.
fn parse_instance(text: &str) -> Instance {
    Instance::from_json(text).unwrap()
}

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

/// A file under the test's private temporary directory holding `text`.
fn temp_file(name: &str, text: &str) -> PathBuf {
    common::temp_file("strategies", name, text)
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
    let out = run(&["strategies", path.to_str().unwrap()]).unwrap();
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
        for key in common::STRATEGY_METRICS {
            assert!(metrics[key].is_number(), "{name}: no `{key}` in {metrics}");
        }
        assert_eq!(metrics["utilitarian_total"].as_f64(), Some(utilitarian));
        assert!(metrics["price"].as_f64().unwrap() >= -1e-12, "{name}");
    }
    assert_eq!(results[0]["metrics"]["price"], 0.0);
}

#[test]
fn stable_strategies_leave_no_blocking_pair() {
    let instance = parse_instance(INSTANCE);
    let output = evaluate(&instance).unwrap();
    for r in &output.strategies {
        if r.name.contains("stable") || r.name.starts_with("deferred_acceptance") {
            assert_eq!(r.metrics.report().unwrap().blocking_pairs, 0, "{}", r.name);
        }
    }
}

#[test]
fn pretty_output_and_the_compact_one_agree() {
    let path = temp_file("pretty.json", INSTANCE);
    let file = path.to_str().unwrap();
    let compact: Value = serde_json::from_str(&run(&["strategies", file]).unwrap()).unwrap();
    let pretty_text = run(&["strategies", "--pretty", file]).unwrap();
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
    assert_eq!(
        run(&["strategies", file, "--pretty"])
            .unwrap()
            .lines()
            .count(),
        { pretty_text.lines().count() }
    );
}

#[test]
fn options_pick_strategies_seed_and_top_k() {
    let text = r#"{"junior_gain": [[0.9, 0.4], [0.5, 0.5]],
                   "senior_gain": [[0.1, 0.4], [0.5, 0.5]],
                   "strategies": ["leximin", "utilitarian"], "top_k": 1,
                   "junior_capacity": [1, 1], "senior_capacity": 1}"#;
    let instance = parse_instance(text);
    assert_eq!(instance.seed(), 0);
    assert_eq!(instance.top_k(), 1);
    let output = evaluate(&instance).unwrap();
    let names: Vec<&str> = output.strategies.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["leximin", "utilitarian"]);
    // Leximin lifts senior 0 from 0.1 to 0.4; the utilitarian optimum keeps 1.0 + 1.0.
    assert_eq!(output.strategies[0].pairs, vec![[0, 1], [1, 0]]);
    assert_eq!(output.strategies[1].pairs, vec![[0, 0], [1, 1]]);
    assert_eq!(output.strategies[0].metrics.report().unwrap().top_k, 1);
    let price = output.strategies[0]
        .metrics
        .report()
        .unwrap()
        .price
        .unwrap();
    assert!((price - 0.2 / 2.0).abs() < 1e-12, "{price}");
}

/// `k_best` lists the best utilitarian pairings, best first, each with its metrics: checked
/// against every matching of the instance.
#[test]
fn k_best_lists_the_best_utilitarian_pairings() {
    let text = INSTANCE.replace("\"seed\": 7", "\"seed\": 7, \"k_best\": 5");
    let instance = parse_instance(&text);
    assert_eq!(instance.k_best(), Some(5));
    let output = evaluate(&instance).unwrap();
    assert_eq!(output.k_best.len(), 5);
    // Every matching's summed gains, by brute force, best first.
    let (j, s) = gains();
    let value = |p: &[usize; 2]| j[p[0]][p[1]].unwrap() + s[p[0]][p[1]].unwrap();
    let mut totals = Vec::new();
    let allowed = |r: usize, c: usize| !FORBIDDEN.contains(&(r, c));
    for a in 0..5_usize {
        for b in 0..5_usize {
            for c in 0..5_usize {
                let cols: Vec<usize> = [a, b, c].into_iter().filter(|&x| x < 4).collect();
                let distinct = cols.iter().collect::<std::collections::BTreeSet<_>>().len();
                let picks = [(0, a), (1, b), (2, c)];
                if distinct == cols.len() && picks.iter().all(|&(r, x)| x == 4 || allowed(r, x)) {
                    let t: f64 = picks
                        .iter()
                        .filter(|&&(_, x)| x < 4)
                        .map(|&(r, x)| value(&[r, x]))
                        .sum();
                    totals.push(t);
                }
            }
        }
    }
    totals.sort_by(|a, b| b.partial_cmp(a).unwrap());
    let utilitarian = output
        .strategies
        .iter()
        .find(|r| r.name == "utilitarian")
        .unwrap();
    for (k, ranked) in output.k_best.iter().enumerate() {
        assert_eq!(ranked.rank, k + 1);
        let total: f64 = ranked.pairs.iter().map(value).sum();
        assert!(
            (total - totals[k]).abs() < 1e-12,
            "rank {}: {total} vs {}",
            k + 1,
            totals[k]
        );
        assert!((ranked.metrics.total - total).abs() < 1e-12);
        assert!(ranked.pairs.iter().all(|p| allowed(p[0], p[1])));
    }
    let optimum = utilitarian.metrics.report().unwrap().total;
    assert!((output.k_best[0].metrics.total - optimum).abs() < 1e-12);
    assert_eq!(output.k_best[0].metrics.price, Some(0.0));
    let json = serde_json::to_value(&output).unwrap();
    assert_eq!(json["k_best"].as_array().unwrap().len(), 5);
    // Not asked for: no key. With capacities above 1: listed as unsupported.
    assert!(
        serde_json::to_value(evaluate(&parse_instance(INSTANCE)).unwrap()).unwrap()["k_best"]
            .is_null()
    );
    let many = text.replace("\"seed\": 7", "\"seed\": 7, \"senior_capacity\": 2");
    let output = evaluate(&parse_instance(&many)).unwrap();
    assert!(output.k_best.is_empty());
    assert!(output.unsupported.iter().any(|u| u.name == "k_best"));
}

#[test]
fn deterministic_strategies_ignore_the_seed() {
    let with_seed = |seed: u64| {
        let text = INSTANCE.replace("\"seed\": 7", &format!("\"seed\": {seed}"));
        evaluate(&parse_instance(&text)).unwrap()
    };
    let (a, b) = (with_seed(1), with_seed(2));
    for (x, y) in a.strategies.iter().zip(&b.strategies) {
        if !x.name.starts_with("random") {
            assert_eq!(x.pairs, y.pairs, "{}", x.name);
        }
    }
}

/// Capacity 0 leaves an agent out of every strategy.
#[test]
fn capacity_zero_leaves_an_agent_out() {
    let instance = parse_instance(
        r#"{"junior_gain": [[0.9, 0.1], [0.8, 0.7]], "senior_gain": [[0.9, 0.1], [0.8, 0.7]],
            "senior_capacity": [0, 1]}"#,
    );
    let output = evaluate(&instance).unwrap();
    assert!(output.unsupported.is_empty());
    for r in &output.strategies {
        assert!(
            r.pairs.iter().all(|p| p[1] != 0),
            "{}: {:?}",
            r.name,
            r.pairs
        );
    }
}

/// With a capacity above 1, every strategy with a capacitated form runs many to many
/// (utilitarian exact, checked here against every feasible set of pairs; deferred acceptance
/// stable) and the others are listed as unsupported with their reasons.
#[test]
fn capacities_above_one_run_every_capacitated_strategy() {
    let instance = parse_instance(
        r#"{"junior_gain": [[0.9, 0.2], [0.8, 0.3], [0.7, null]],
            "senior_gain": [[0.6, 0.2], [0.5, 0.1], [0.9, null]],
            "senior_capacity": [2, 1]}"#,
    );
    let output = evaluate(&instance).unwrap();
    let ran: Vec<&str> = output.strategies.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(
        ran,
        [
            "utilitarian",
            "nash",
            "greedy",
            "deferred_acceptance_juniors",
            "deferred_acceptance_seniors",
            "egalitarian_stable",
            "minimum_regret_stable",
            "random_serial_dictatorship",
            "random"
        ]
    );
    let refused: Vec<&str> = output.unsupported.iter().map(|u| u.name.as_str()).collect();
    assert_eq!(refused, ["bottleneck", "leximin"]);
    assert_eq!(ran.len() + refused.len(), strategy_count());
    assert!(
        output
            .unsupported
            .iter()
            .all(|x| x.why.contains("capacities") || x.why.contains("NP-hard"))
    );
    let u = &output.strategies[0];
    // Brute force over every set of allowed pairs within the capacities.
    let cells: Vec<(usize, usize, f64)> = vec![
        (0, 0, 1.5),
        (0, 1, 0.4),
        (1, 0, 1.3),
        (1, 1, 0.4),
        (2, 0, 1.6),
    ];
    let mut best = 0.0_f64;
    for mask in 0u32..(1 << cells.len()) {
        let chosen: Vec<_> = (0..cells.len()).filter(|&i| mask >> i & 1 == 1).collect();
        let load = |f: &dyn Fn(&(usize, usize, f64)) -> bool| {
            chosen.iter().filter(|&&i| f(&cells[i])).count()
        };
        let fits = (0..3).all(|j| load(&|c| c.0 == j) <= 1)
            && load(&|c| c.1 == 0) <= 2
            && load(&|c| c.1 == 1) <= 1;
        if fits {
            best = best.max(chosen.iter().map(|&i| cells[i].2).sum());
        }
    }
    let StrategyMetrics::ManyToMany(m) = &u.metrics else {
        panic!("expected many-to-many metrics");
    };
    assert!((m.total - best).abs() < 1e-9, "{} vs {best}", m.total);
    assert_eq!(m.pairs, u.pairs.len());
    assert_eq!(m.price, Some(0.0));
    for result in &output.strategies {
        let StrategyMetrics::ManyToMany(m) = &result.metrics else {
            panic!("expected many-to-many metrics");
        };
        assert!(m.price.unwrap() >= 0.0, "{}", result.name);
        if result.name.starts_with("deferred_acceptance") || result.name.ends_with("_stable") {
            assert_eq!(m.blocking_pairs, 0, "{}", result.name);
        }
    }
    let json = serde_json::to_value(&output).unwrap();
    for key in [
        "total",
        "min_utility",
        "gini",
        "coverage",
        "blocking_pairs",
        "price",
    ] {
        assert!(json["strategies"][0]["metrics"][key].is_number(), "{key}");
    }
    assert!(json["unsupported"].is_array());
}

fn strategy_count() -> usize {
    NAMES.len()
}

#[test]
fn invalid_json_is_an_error_naming_line_and_column() {
    let (file, err) = error_for_file(
        "strategies",
        "broken.json",
        "{\"junior_gain\": [[1, 2]],\n \"senior_gain\": [[1,]]}",
    );
    assert_eq!(
        err,
        format!("`{file}`: `senior_gain` row 0, column 1: trailing comma at line 2 column 21")
    );
}

#[test]
fn a_bad_instance_is_the_library_error_after_the_file_name() {
    let text = r#"{"junior_gain": [[1, 2]], "senior_gain": [[1, 2]], "seed": 1, "seed": 2}"#;
    let (file, err) = error_for_file("strategies", "duplicate.json", text);
    let expected = Instance::from_json(text).unwrap_err().to_string();
    assert!(expected.contains("`seed` appears twice"), "{expected}");
    assert_eq!(err, format!("`{file}`: {expected}"));
}

#[test]
fn every_bad_value_of_an_instance_is_named_with_its_line() {
    let text = "{\"junior_gain\": [[1, -2],\n                 [0.5, \"x\"]],\n \"senior_gain\": [[1, 1], [1, 1]],\n \"seed\": -1}";
    let (file, err) = error_for_file("strategies", "several.json", text);
    assert_eq!(
        err,
        format!(
            "`{file}`: 3 mistakes found:\n\
             - `junior_gain` row 0, column 1: -2 is negative; a gain is a number from 0 to 1e100, \
             or null for a forbidden pair at line 1 column 23\n\
             - `junior_gain` row 1, column 1: invalid type: string \"x\", expected a gain; a gain \
             is a number from 0 to 1e100, or null for a forbidden pair at line 2 column 26\n\
             - `seed`: invalid value: integer `-1`, expected a whole number from 0 to \
             18446744073709551615 at line 4 column 11"
        )
    );
}

#[test]
fn missing_file_and_bad_arguments_are_errors() {
    let file = missing_file("strategies-no-such-file.json");
    let err = input_error(run(&["strategies", &file]));
    assert!(err.starts_with(&format!("cannot read `{file}`: ")), "{err}");
    let err = usage_error(run(&["strategies", "--fast", &file]));
    assert!(err.contains("unexpected argument '--fast'"), "{err}");
    let err = usage_error(run(&["strategies", "a.json", "b.json"]));
    assert!(err.contains("unexpected argument 'b.json'"), "{err}");
    let err = usage_error(run(&["strategies"]));
    assert!(
        err.contains("required") && err.contains("<INSTANCE>"),
        "{err}"
    );
}

#[test]
fn dash_is_standard_input_and_help_wins() {
    let parsed = |list: &[&str]| match parse(list).unwrap() {
        Command::Strategies(args) => args,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        parsed(&["strategies", "-", "--pretty"]),
        Args {
            file: Source::Stdin,
            pretty: true
        }
    );
    assert_eq!(
        parsed(&["strategies", "--", "--odd.json"]),
        Args {
            file: Source::File(PathBuf::from("--odd.json")),
            pretty: false
        }
    );
    let help = run(&["strategies", "--help"]).unwrap();
    assert!(
        help.contains("Usage: mentor-match strategies [OPTIONS] <INSTANCE>"),
        "{help}"
    );
    for option in ["--pretty", "standard input"] {
        assert!(help.contains(option), "help lacks {option}:\n{help}");
    }
    // The names the instance's `strategies` key takes.
    for name in mentor_match::strategy::NAMES {
        assert!(help.contains(name), "help lacks {name}:\n{help}");
    }
    assert_eq!(
        run(&["strategies", "no-such-file.json", "--help"]).unwrap(),
        help
    );
    let short = run(&["strategies", "-h"]).unwrap();
    assert_eq!(
        run(&["strategies", "no-such-file.json", "-h"]).unwrap(),
        short
    );
}
