//! The library calls of `mentor-match scale` at 300 + 300: the progress callback it draws its
//! bar and phase times from, sparse against dense, and determinism across runs and thread
//! counts; then the subcommand itself on a small population, its arguments as clap reads them,
//! and its `VmHWM` reading.

mod common;
use common::roster::sparse_and_dense;
use common::{parse, run, usage_error};
use mentor_match::candidates::{Phase, Progress};
use mentor_match::{Matcher, Matching, Method, Population, Roster};
use mentor_match_cli::Command;
use mentor_match_cli::commands::scale::{
    Args, GuaranteeArg, MethodArg, ObjectiveArg, parse_vm_hwm, peak_memory,
};
use std::sync::{Arc, Mutex};

fn roster(seed: u64) -> Roster {
    Population::new(300, 300).with_seed(seed).roster().unwrap()
}

/// The pairs as sorted `(junior, senior)` ids, to compare matchings.
fn pairs(matching: &Matching) -> Vec<(String, String)> {
    let mut pairs: Vec<_> = matching
        .pairs()
        .iter()
        .map(|p| (p.junior.clone(), p.senior.clone()))
        .collect();
    pairs.sort();
    pairs
}

/// Every progress call of a sparse solve of `roster`, in order, with the matching.
fn progress_of(roster: &Roster) -> (Vec<Progress>, Matching) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&seen);
    let matching = Matcher::new()
        .with_method(Method::Sparse)
        .with_progress(move |p| log.lock().unwrap().push(p))
        .solve(roster)
        .unwrap();
    let seen = seen.lock().unwrap().clone();
    (seen, matching)
}

#[test]
fn progress_runs_candidates_then_solving_then_explaining() {
    let (seen, matching) = progress_of(&roster(1));
    assert!(!matching.pairs().is_empty());
    let first = seen.first().expect("the callback is called");
    let last = seen.last().unwrap();
    assert_eq!((first.phase, first.done), (Phase::Candidates, 0));
    assert_eq!(last.phase, Phase::Explaining);
    assert_eq!(last.done, last.total);
    assert!(last.total > 0);
    // Candidates first, Explaining last, Solving and any Widening in between.
    let rank = |phase: Phase| match phase {
        Phase::Candidates => 0,
        Phase::Explaining => 2,
        _ => 1,
    };
    for w in seen.windows(2) {
        assert!(rank(w[0].phase) <= rank(w[1].phase), "{w:?} out of order");
    }
    assert!(seen.iter().any(|p| p.phase == Phase::Solving));
    for p in &seen {
        assert!(p.done <= p.total, "{p:?}");
        assert!((0.0..=1.0).contains(&p.fraction()), "{p:?}");
    }
    // Within one run of a phase the count only grows, so a bar never jumps back.
    for w in seen.windows(2) {
        if w[0].phase == w[1].phase && w[0].phase != Phase::Widening {
            assert!(w[0].done <= w[1].done, "{w:?} goes back");
        }
    }
    // "A few hundred times per run at most" (Matcher::progress), so drawing stays cheap.
    assert!(seen.len() <= 1000, "{} calls", seen.len());
}

#[test]
fn sparse_matches_as_many_as_dense_within_a_thousandth() {
    let roster = roster(1);
    let (sparse, dense) = sparse_and_dense(&roster, "seed 1");
    assert!(dense.pairs().len() > 250, "{} pairs", dense.pairs().len());
    assert_eq!(sparse.unmatched().len(), dense.unmatched().len());
}

#[test]
fn same_seed_and_any_thread_count_give_the_same_pairs() {
    let sparse = |roster: &Roster, threads: usize| {
        let matcher = Matcher::new()
            .with_method(Method::Sparse)
            .with_threads(threads);
        pairs(&matcher.solve(roster).unwrap())
    };
    let once = sparse(&roster(7), 2);
    assert!(!once.is_empty());
    assert_eq!(sparse(&roster(7), 2), once);
    assert_eq!(sparse(&roster(7), 1), once);
    // The comparison can tell matchings apart: another seed gives other pairs.
    assert_ne!(sparse(&roster(8), 2), once);
}

#[test]
fn a_side_of_zero_matches_nobody() {
    let roster = Population::new(0, 50).with_seed(1).roster().unwrap();
    let (seen, matching) = progress_of(&roster);
    assert!(matching.pairs().is_empty());
    assert_eq!(matching.unmatched().len(), 50);
    assert_eq!(seen.last().map(|p| p.phase), Some(Phase::Explaining));
}

/// The `scale` arguments `list` (after the subcommand) parse to.
fn parse_args(list: &[&str]) -> Result<Args, clap::Error> {
    let args: Vec<&str> = std::iter::once("scale")
        .chain(list.iter().copied())
        .collect();
    parse(&args).map(|command| match command {
        Command::Scale(args) => args,
        other => panic!("{other:?}"),
    })
}

#[test]
fn arguments_have_defaults_and_both_spellings() {
    let defaults = Args {
        juniors: 2000,
        seniors: None,
        seeds: vec![1],
        junior_capacity: 1,
        senior_capacity: 1,
        k: None,
        threads: None,
        method: MethodArg::Sparse,
        objective: ObjectiveArg::MostPairs,
        guarantee: GuaranteeArg::CandidateGraph,
    };
    assert_eq!(parse_args(&[]).unwrap(), defaults);
    let given = parse_args(&[
        "--juniors",
        "0",
        "--seniors=5",
        "--seed",
        "9",
        "--k=3",
        "--threads",
        "2",
        "--method",
        "dense",
        "--objective=total-score",
        "--junior-capacity",
        "2",
        "--senior-capacity=3",
        "--guarantee",
        "every-pair",
    ])
    .unwrap();
    let expected = Args {
        juniors: 0,
        seniors: Some(5),
        seeds: vec![9],
        junior_capacity: 2,
        senior_capacity: 3,
        k: Some(3),
        threads: Some(2),
        method: MethodArg::Dense,
        objective: ObjectiveArg::TotalScore,
        guarantee: GuaranteeArg::EveryPair,
    };
    assert_eq!(given, expected);
    // Several seeds, by either name.
    assert_eq!(parse_args(&["--seed", "3,1,2"]).unwrap().seeds, [3, 1, 2]);
    assert_eq!(parse_args(&["--seeds=4,5"]).unwrap().seeds, [4, 5]);
    assert_eq!(Method::from(MethodArg::Auto), Method::Auto);
}

#[test]
fn seniors_of_capacity_4_take_four_juniors_each_through_the_sparse_method() {
    let out = run(&[
        "scale",
        "--juniors",
        "40",
        "--seniors",
        "10",
        "--senior-capacity",
        "4",
        "--threads",
        "1",
    ])
    .unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "population:      40 juniors + 10 seniors, capacity 1 a junior, 4 a senior, seed 1",
        "{out}"
    );
    assert!(lines[1].starts_with("method:          sparse"), "{out}");
    let pairs = lines.iter().find(|l| l.starts_with("pairs:")).unwrap();
    let pairs: usize = pairs["pairs:".len()..].trim().parse().unwrap();
    // More pairs than seniors: someone took several juniors.
    assert!(pairs > 10 && pairs <= 40, "{out}");
}

#[test]
fn a_small_run_reports_the_population_the_phases_and_the_result() {
    // Without `--seniors`, as many seniors as juniors.
    let out = run(&["scale", "--juniors", "10", "--threads", "1"]).unwrap();
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0], "population:      10 juniors + 10 seniors, seed 1",
        "{out}"
    );
    assert!(
        lines[1].starts_with("method:          sparse, k ")
            && lines[1].ends_with(", threads 1, most pairs"),
        "{out}"
    );
    for phase in ["generate", "solve", "  candidates", "  explaining", "total"] {
        assert!(
            lines.iter().any(|l| l.starts_with(&format!("  {phase} "))),
            "no {phase:?} time in\n{out}"
        );
    }
    // The report's counts add up: every person is paired or unmatched.
    let value = |key: &str| -> &str {
        let line = lines
            .iter()
            .find(|l| l.starts_with(key))
            .unwrap_or_else(|| panic!("no {key} in\n{out}"));
        line[key.len()..].trim()
    };
    let pairs: usize = value("pairs:").parse().unwrap();
    let unmatched: usize = value("unmatched:")
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(pairs > 0, "{out}");
    assert_eq!(2 * pairs + unmatched, 20, "{out}");
    assert!(value("peak memory:").ends_with("MiB") || value("peak memory:") == "unavailable");
    // The same population matched dense gives as many pairs; dense reports no phases.
    let dense = run(&["scale", "--juniors", "10", "--method", "dense"]).unwrap();
    assert!(dense.contains("\npairs:           "), "{dense}");
    assert!(
        dense.contains(&format!("\npairs:           {pairs}\n")),
        "{dense}"
    );
    assert!(!dense.contains("  candidates"), "{dense}");
    // `--seniors` still sets the other side.
    let uneven = run(&["scale", "--juniors", "3", "--seniors", "4"]).unwrap();
    assert!(uneven.starts_with("population:      3 juniors + 4 seniors, seed 1\n"));
}

#[test]
fn bad_arguments_are_errors_naming_the_problem() {
    for (bad, says) in [
        (&["--jnuiors", "5"][..], "unexpected argument '--jnuiors'"),
        (&["300"], "unexpected argument '300'"),
        (
            &["--juniors", "many"],
            "invalid value 'many' for '--juniors <JUNIORS>'",
        ),
        // A negative number is a bad value, not an unknown flag.
        (
            &["--juniors", "-1"],
            "invalid value '-1' for '--juniors <JUNIORS>'",
        ),
        (
            &["--juniors=-1"],
            "invalid value '-1' for '--juniors <JUNIORS>'",
        ),
        (&["--seed"], "a value is required for '--seed <SEED>'"),
        (&["--k", "0"], "invalid value '0' for '--k <K>'"),
        (
            &["--threads=0"],
            "invalid value '0' for '--threads <THREADS>'",
        ),
        (
            &["--method", "fast"],
            "invalid value 'fast' for '--method <METHOD>'",
        ),
        (&["--seed", "1,x"], "invalid value 'x' for '--seed <SEED>'"),
        (
            &["--objective", "fairness"],
            "invalid value 'fairness' for '--objective <OBJECTIVE>'",
        ),
    ] {
        let args: Vec<&str> = std::iter::once("scale")
            .chain(bad.iter().copied())
            .collect();
        let error = usage_error(run(&args));
        assert!(error.contains(says), "{bad:?}: {error}");
        assert!(parse_args(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn vm_hwm_is_read_in_bytes() {
    let status = "Name:\tscale\nVmPeak:\t  999 kB\nVmHWM:\t    1234 kB\nVmRSS:\t 1000 kB\n";
    assert_eq!(parse_vm_hwm(status), Some(1234 * 1024));
    assert_eq!(parse_vm_hwm("Name:\tscale\nVmRSS:\t 1000 kB\n"), None);
    assert_eq!(parse_vm_hwm("VmHWM:\t lots kB\n"), None);
    assert_eq!(parse_vm_hwm("VmHWM:\t 12 MB\n"), None);
    if cfg!(target_os = "linux") {
        // This test process holds at least a megabyte.
        assert!(peak_memory().unwrap() > 1024 * 1024);
    } else {
        assert_eq!(peak_memory(), None);
    }
}

/// The time lines of `block` (a report's part after `time:`, or the spread): name and seconds
/// (the spread's three figures).
fn times_in(block: &str) -> Vec<(String, Vec<f64>)> {
    block
        .lines()
        .filter(|l| l.starts_with("  ") && l.ends_with(" s"))
        .map(|l| {
            let (name, figures) = l.trim_start().split_at(16.min(l.trim_start().len()));
            let figures = figures
                .trim_end_matches(" s")
                .split('/')
                .map(|x| x.trim().parse::<f64>().unwrap())
                .collect();
            (name.trim().to_owned(), figures)
        })
        .collect()
}

#[test]
fn several_seeds_report_each_run_and_the_spread() {
    let out = run(&[
        "scale",
        "--juniors",
        "40",
        "--seed",
        "2,1,3",
        "--threads",
        "1",
    ])
    .unwrap();
    let (runs, spread) = out
        .split_once("\nspread over 3 seeds (2, 1, 3): min / median / max\n")
        .unwrap_or_else(|| panic!("no spread in\n{out}"));
    // Each seed's own report, in the order given, as a run of that seed alone prints it up to
    // the times.
    let blocks: Vec<&str> = runs.split("\n\n").collect();
    assert_eq!(blocks.len(), 3, "{out}");
    let mut totals = Vec::new();
    for (block, seed) in blocks.iter().zip(["2", "1", "3"]) {
        assert!(
            block.starts_with(&format!(
                "population:      40 juniors + 40 seniors, seed {seed}\n"
            )),
            "{block}"
        );
        let alone = run(&["scale", "--juniors", "40", "--seed", seed, "--threads", "1"]).unwrap();
        let result = |text: &str| {
            text[text.find("pairs:").unwrap()..text.find("peak memory:").unwrap()].to_owned()
        };
        assert_eq!(result(block), result(&alone), "seed {seed}");
        let total = times_in(block)
            .into_iter()
            .find(|(name, _)| name == "total")
            .unwrap()
            .1[0];
        totals.push(total);
    }
    // The spread: min <= median <= max for every line, and the total's are the runs' totals.
    let lines = times_in(spread);
    assert!(
        lines.iter().any(|(name, _)| name == "candidates"),
        "{spread}"
    );
    for (name, figures) in &lines {
        assert_eq!(figures.len(), 3, "{name}: {spread}");
        assert!(
            figures[0] <= figures[1] && figures[1] <= figures[2],
            "{name}: {spread}"
        );
    }
    totals.sort_by(f64::total_cmp);
    let total = &lines.iter().find(|(name, _)| name == "total").unwrap().1;
    assert_eq!(total, &totals, "{out}");
}

#[test]
fn the_objective_is_the_libraries() {
    let value = |out: &str, key: &str| -> f64 {
        let line = out.lines().find(|l| l.starts_with(key)).unwrap();
        line[key.len()..]
            .split_whitespace()
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    for seed in ["1", "2"] {
        // The population of `seed` at 60 + 45, with `extra` arguments.
        let scale = |extra: &[&str]| {
            let mut args = vec![
                "scale",
                "--juniors",
                "60",
                "--seniors",
                "45",
                "--seed",
                seed,
            ];
            args.extend_from_slice(extra);
            run(&args).unwrap()
        };
        let most = scale(&[]);
        let best = scale(&["--objective", "total-score"]);
        assert!(
            most.lines().nth(1).unwrap().ends_with(", most pairs"),
            "{most}"
        );
        assert!(
            best.lines().nth(1).unwrap().ends_with(", total score"),
            "{best}"
        );
        // On the dense method both are global optima: the best total alone is at least the
        // most pairs' total, with no more pairs. (The sparse method optimises each on its own
        // candidate graph, so it promises neither.)
        let dense = |objective: &str| scale(&["--method", "dense", "--objective", objective]);
        let (most_dense, best_dense) = (dense("most-pairs"), dense("total-score"));
        assert!(value(&best_dense, "total score:") >= value(&most_dense, "total score:") - 1e-9);
        assert!(value(&best_dense, "pairs:") <= value(&most_dense, "pairs:"));
        // And it is the library's: the same roster matched by the library with that objective.
        let roster = Population::new(60, 45)
            .with_seed(seed.parse().unwrap())
            .roster()
            .unwrap();
        let matching = Matcher::new()
            .with_method(Method::Sparse)
            .with_objective(mentor_match::Objective::TotalScore)
            .solve(&roster)
            .unwrap();
        assert_eq!(value(&best, "pairs:") as usize, matching.pairs().len());
        assert!((value(&best, "total score:") - matching.total_score()).abs() < 1e-3);
    }
}
