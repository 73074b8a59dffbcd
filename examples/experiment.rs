//! A researcher's experiment: several pairing strategies on the same seeded synthetic
//! populations, and a few metrics' means with their 95 % intervals.
//!
//! Run with `cargo run --release --example experiment`.

use mentor_match::experiment::Experiment;
use mentor_match::generate::Population;
use mentor_match::metrics::Metric;
use mentor_match::strategy::Builtin;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let strategies = [
        Builtin::Utilitarian,
        Builtin::Nash,
        Builtin::Leximin,
        Builtin::Greedy,
        Builtin::DeferredAcceptanceJuniors,
        Builtin::EgalitarianStable,
        Builtin::Random,
    ];
    let metrics = [
        Metric::Total,
        Metric::MinUtility,
        Metric::Gini,
        Metric::BlockingPairs,
        Metric::Price,
    ];

    // Every strategy sees the same five populations, so their differences are paired; the
    // experiment's seed alone reproduces the whole table.
    let summary = Experiment::new(strategies.into_iter().map(Builtin::strategy).collect())
        .with_repeats(5)
        .with_seed(2024)
        .run(|seed| {
            Population::new(30, 30)
                .with_seed(seed)
                .with_taste_correlation(0.6)
                .pair_scores()
        })?;

    println!(
        "{} repeats of 30 juniors + 30 seniors, seed {}: mean ± half-width of the 95 % interval\n",
        summary.repeats, summary.seed
    );
    // The library lays the table out (`±` aligned); `to_csv` gives the same for a program.
    let columns: Vec<(Metric, usize)> = metrics.into_iter().map(|m| (m, 2)).collect();
    print!("{}", summary.table(&columns));
    // Each estimate is also a value: the leximin minimum against the utilitarian one.
    let min = |name: &str| {
        summary
            .strategy(name)?
            .metric(Metric::MinUtility)
            .map(|e| e.mean)
    };
    println!(
        "\nminimum utility: leximin {:.3}, utilitarian {:.3}",
        min("leximin").unwrap_or(0.0),
        min("utilitarian").unwrap_or(0.0)
    );
    Ok(())
}
