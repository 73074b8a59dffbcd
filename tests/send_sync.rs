//! The front doors and the main types can be shared between threads: one configured matcher,
//! programme or experiment serves many requests at once (DESIGN.md, "Front doors").
//!
//! The checks are at compile time: if a type stops being `Send + Sync` (a field holding an
//! `Rc`, a scorer without the bound), this file no longer builds. The tests below also use
//! one matcher and one programme from several threads and compare with a single thread.

mod common;
use mentor_match::assignment::{Matrix, SparseMatrix};
use mentor_match::candidates::{CandidateGraph, Progress};
use mentor_match::capacitated::Problem;
use mentor_match::diagnosis::Diagnosis;
use mentor_match::experiment::{Experiment, Summary};
use mentor_match::metrics::{Metrics, Report};
use mentor_match::programme::{Lock, Programme, ProgrammeSpec, Round};
use mentor_match::rules::{DifferentDepartments, Rules, rule};
use mentor_match::strategy::{self, Pairing, Preferences};
use mentor_match::{
    Combination, Error, Matcher, Matching, MutualBenefit, PairScores, ParticipantId, Population,
    Roster, RosterScores, RosterSpec,
};

fn assert_clone<T: Clone>() {}

#[test]
fn front_doors_are_send_sync_and_clone() {
    common::assert_send_sync!(Matcher, Programme, Experiment, Rules, Population, Metrics);
    assert_clone::<Matcher>();
    assert_clone::<Programme>();
    assert_clone::<Experiment>();
    assert_clone::<Rules>();
    // Boxed user logic is shareable too.
    common::assert_send_sync!(
        Box<dyn mentor_match::Scorer>,
        Box<dyn mentor_match::rules::Rule>,
        Box<dyn strategy::Strategy>
    );
}

#[test]
fn data_types_are_send_sync() {
    common::assert_send_sync!(
        Error,
        Roster,
        RosterSpec,
        RosterScores,
        PairScores,
        Combination,
        MutualBenefit,
        Matching,
        Round,
        ProgrammeSpec,
        Lock,
        Diagnosis,
        CandidateGraph,
        Progress,
        Pairing,
        Preferences,
        Report,
        Summary,
        Problem,
        Matrix<f64>,
        SparseMatrix<f64>,
        ParticipantId
    );
}

/// One matcher (with a closure scorer, a closure rule and a progress callback) serves four
/// threads; each gets what a single thread gets.
#[test]
fn one_matcher_serves_many_threads() {
    let roster = Population::new(30, 30).with_seed(7).roster().unwrap();
    let calls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let seen = std::sync::Arc::clone(&calls);
    let matcher = Matcher::new()
        .with_rule(DifferentDepartments)
        .with_rule(rule("not_self_named", |r: &Roster, j, s| {
            r.id(j) != r.id(s)
        }))
        .with_scorer(MutualBenefit::new().with_gap_cap(2))
        .with_method(mentor_match::Method::Sparse)
        .with_progress(move |_| {
            seen.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        });
    let alone = matcher.solve(&roster).unwrap();
    let results: Vec<Matching> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|_| scope.spawn(|| matcher.solve(&roster).unwrap()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for m in results {
        assert_eq!(m, alone);
    }
    // Every run reported its progress to the one callback (at least its start and end).
    assert!(calls.load(std::sync::atomic::Ordering::Relaxed) >= 10);
    // A clone shares the configuration, the callback included.
    let copy = matcher.clone();
    assert_eq!(copy.solve(&roster).unwrap(), alone);
    let closure = |r: &Roster, t: ParticipantId, l: ParticipantId| {
        if r.wishes(l).is_empty() || r.levels(t).is_empty() {
            0.0
        } else {
            0.5
        }
    };
    let shared = Matcher::new().with_scorer(closure);
    std::thread::scope(|scope| {
        scope.spawn(|| shared.solve(&roster).unwrap());
        scope.spawn(|| shared.solve(&roster).unwrap());
    });
}

#[test]
fn one_programme_and_one_experiment_serve_many_threads() {
    let roster = Population::new(12, 12).with_seed(3).roster().unwrap();
    let programme = Programme::new(Matcher::new());
    let alone = programme.rounds(&roster, 2).unwrap();
    std::thread::scope(|scope| {
        let a = scope.spawn(|| programme.rounds(&roster, 2).unwrap());
        let b = scope.spawn(|| programme.clone().rounds(&roster, 2).unwrap());
        assert_eq!(a.join().unwrap(), alone);
        assert_eq!(b.join().unwrap(), alone);
    });

    let experiment = Experiment::new(vec![strategy::by_name("greedy").unwrap()])
        .with_repeats(2)
        .with_seed(5);
    let instance = |seed: u64| Population::new(8, 8).with_seed(seed).pair_scores();
    let alone = experiment.run(instance).unwrap();
    std::thread::scope(|scope| {
        let there = scope.spawn(|| experiment.clone().run(instance).unwrap());
        let there = there.join().unwrap();
        assert_eq!(there.strategies[0].metrics, alone.strategies[0].metrics);
    });
}
