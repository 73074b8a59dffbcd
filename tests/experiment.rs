//! Integration tests of `mentor_match::experiment`: reproducibility from the seed, intervals
//! that hold the mean, the price measured against the utilitarian optimum, and bad options.

use mentor_match::MatrixError;
use mentor_match::PairScores;
use mentor_match::experiment::{Estimate, Experiment, Measure};
use mentor_match::metrics::Metric;
use mentor_match::strategy::{self, Greedy, RandomPairing, Strategy, Utilitarian};

/// A 5 × 4 instance whose utilities come from the seed (SplitMix-style hashing).
fn instance(seed: u64) -> Result<PairScores, MatrixError> {
    let draw = |k: u64| {
        let mut z = seed ^ k.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 31)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        ((z >> 40) % 11) as f64 / 10.0
    };
    PairScores::new(
        5,
        4,
        (0..20).map(draw).collect(),
        (20..40).map(draw).collect(),
    )
}

fn boxed(s: impl Strategy + 'static) -> Box<dyn Strategy> {
    Box::new(s)
}

fn without_times(mut s: mentor_match::experiment::Summary) -> mentor_match::experiment::Summary {
    for st in &mut s.strategies {
        st.seconds = Estimate::of(Measure::Seconds, &[]);
    }
    s
}

#[test]
fn same_seed_same_summary_other_seed_other_instances() {
    let run = |seed| {
        Experiment::new(vec![boxed(Greedy), boxed(RandomPairing)])
            .with_repeats(6)
            .with_seed(seed)
            .run(instance)
            .unwrap()
    };
    assert_eq!(without_times(run(3)), without_times(run(3)));
    assert_ne!(without_times(run(3)), without_times(run(4)));
}

#[test]
fn instances_and_strategies_get_the_instance_seed() {
    let experiment = Experiment::new(vec![boxed(Greedy)])
        .with_repeats(4)
        .with_seed(9);
    let mut seen = Vec::new();
    experiment
        .run(|seed| {
            seen.push(seed);
            instance(seed)
        })
        .unwrap();
    let expected: Vec<u64> = (0..4).map(|r| experiment.instance_seed(r)).collect();
    assert_eq!(seen, expected);
    let mut distinct = seen.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct.len(), 4);
}

/// Each estimate says what it measures as a type, and the summary writes it as the metric's
/// name (`seconds` for the time), as it always has, and reads it back.
#[test]
fn estimates_name_what_they_measure_by_type_and_write_it_by_name() {
    let summary = Experiment::new(vec![boxed(Greedy)])
        .with_repeats(2)
        .run(instance)
        .unwrap();
    let greedy = &summary.strategies[0];
    let measured: Vec<Measure> = greedy.metrics.iter().map(|e| e.metric).collect();
    // Every metric of the report, in its order: this instance pairs someone, and the
    // experiment measures the price.
    let listed: Vec<Measure> = Metric::ALL.into_iter().map(Measure::Metric).collect();
    assert_eq!(measured, listed);
    assert_eq!(greedy.seconds.metric, Measure::Seconds);

    let json = serde_json::to_value(&summary).unwrap();
    let names: Vec<&str> = json["strategies"][0]["metrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["metric"].as_str().unwrap())
        .collect();
    assert_eq!(names[..3], ["pairs", "coverage", "total"]);
    assert_eq!(names.last(), Some(&"price"));
    assert_eq!(json["strategies"][0]["seconds"]["metric"], "seconds");
    let back: mentor_match::experiment::Summary = serde_json::from_value(json).unwrap();
    assert_eq!(back, summary);
}

#[test]
fn every_metric_is_summarised_with_an_interval_around_its_mean() {
    let summary = Experiment::new(strategy::builtin())
        .with_repeats(8)
        .with_seed(1)
        .run(instance)
        .unwrap();
    assert_eq!(summary.strategies.len(), strategy::NAMES.len());
    for s in &summary.strategies {
        assert_eq!(s.runs, 8);
        for key in [
            Metric::Total,
            Metric::MinUtility,
            Metric::Gini,
            Metric::BlockingPairs,
            Metric::Coverage,
            Metric::Price,
        ] {
            let e = s
                .metric(key)
                .unwrap_or_else(|| panic!("{} lacks {key}", s.name));
            assert_eq!(e.n, 8);
            assert!(
                e.low <= e.mean && e.mean <= e.high,
                "{} {key}: {e:?}",
                s.name
            );
        }
        assert_eq!(s.seconds.n, 8, "{}: one time per repeat", s.name);
    }
    // The utilitarian strategy is the reference: its price is 0 on every instance.
    let u = summary
        .strategy("utilitarian")
        .unwrap()
        .metric(Metric::Price)
        .unwrap();
    assert_eq!((u.mean, u.low, u.high), (0.0, 0.0, 0.0));
    // Every other strategy's mean total is at most the utilitarian one.
    let best = summary
        .strategy("utilitarian")
        .unwrap()
        .metric(Metric::Total)
        .unwrap()
        .mean;
    for s in &summary.strategies {
        assert!(
            s.metric(Metric::Total).unwrap().mean <= best + 1e-9,
            "{}",
            s.name
        );
    }
}

#[test]
fn the_price_is_the_relative_loss_against_the_optimum() {
    // One instance, checked by hand: greedy takes (0, 0) worth 2.0 and then (1, 1) worth 0.0;
    // the optimum pairs (0, 1) and (1, 0) for 1.8 + 1.8 = 3.6.
    let scores = PairScores::new(2, 2, vec![1.0, 0.9, 0.9, 0.0], vec![1.0, 0.9, 0.9, 0.0]).unwrap();
    let summary = Experiment::new(vec![boxed(Greedy), boxed(Utilitarian::new())])
        .with_repeats(1)
        .run(|_| Ok::<_, MatrixError>(scores.clone()))
        .unwrap();
    let price = summary
        .strategy("greedy")
        .unwrap()
        .metric(Metric::Price)
        .unwrap();
    assert!((price.mean - (3.6 - 2.0) / 3.6).abs() < 1e-12, "{price:?}");
    assert_eq!(price.low, price.high); // one repeat: no interval
}

#[test]
fn bad_options_and_failing_instances_are_errors() {
    for (experiment, option) in [
        (
            Experiment::new(vec![boxed(Greedy)]).with_repeats(0),
            "repeats",
        ),
        (Experiment::new(vec![boxed(Greedy)]).with_top_k(0), "top_k"),
    ] {
        let err = experiment.run(instance).unwrap_err();
        assert!(
            matches!(err, MatrixError::InvalidOption { option: o, .. } if o == option),
            "{err:?}"
        );
    }
    let err = Experiment::new(vec![boxed(Greedy)])
        .run(|_| PairScores::new(2, 2, vec![0.0; 3], vec![0.0; 4]))
        .unwrap_err();
    assert!(matches!(err, MatrixError::MatrixShape { .. }), "{err:?}");
}
