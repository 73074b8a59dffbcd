//! Runs the library calls of `examples/scale.rs` at 300 + 300: the progress callback it draws
//! its bar and phase times from, sparse against dense, and determinism across runs and thread
//! counts; then the example's own argument parsing and `VmHWM` reading.

// The example's source, included as a module (as the other example tests do); its `main` and
// `run` are unused here.
#[allow(dead_code)]
#[path = "../examples/scale.rs"]
mod scale_example;

mod common;
use common::roster::sparse_and_dense;
use mentor_match::candidates::{Phase, Progress};
use mentor_match::{Matcher, Matching, Method, Population, Roster};
use scale_example::{Args, parse_args, parse_vm_hwm, peak_memory};
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

fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

#[test]
fn arguments_have_defaults_and_both_spellings() {
    let defaults = Args {
        juniors: 2000,
        seniors: 2000,
        seed: 1,
        k: None,
        threads: None,
        method: Method::Sparse,
    };
    assert_eq!(parse_args(&[]).unwrap(), defaults);
    let given = parse_args(&args(&[
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
    ]))
    .unwrap();
    let expected = Args {
        juniors: 0,
        seniors: 5,
        seed: 9,
        k: Some(3),
        threads: Some(2),
        method: Method::Dense,
    };
    assert_eq!(given, expected);
}

#[test]
fn bad_arguments_are_errors_naming_the_problem() {
    for (bad, says) in [
        (&["--jnuiors", "5"][..], "unknown argument `--jnuiors`"),
        (&["300"], "unknown argument `300`"),
        (&["--juniors", "many"], "whole number, not `many`"),
        (&["--juniors", "-1"], "whole number"),
        (&["--seed"], "`--seed` needs a value"),
        (&["--k", "0"], "`--k` must be at least 1"),
        (&["--threads=0"], "`--threads` must be at least 1"),
        (&["--method", "fast"], "not `fast`"),
    ] {
        let error = parse_args(&args(bad)).unwrap_err();
        assert!(error.contains(says), "{bad:?}: {error}");
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
