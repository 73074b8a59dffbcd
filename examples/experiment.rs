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
        "{} repeats of 30 juniors + 30 seniors, seed {}: mean ± half-width of the 95 % interval",
        summary.repeats, summary.seed
    );
    print!("{:<28}", "strategy");
    for metric in metrics {
        print!("{:>16}", metric.name());
    }
    println!();
    for s in &summary.strategies {
        print!("{:<28}", s.name);
        for metric in metrics {
            // `None` only for a metric no repeat had (a mean rank without pairs).
            let cell = s.metric(metric).map_or("-".to_owned(), |e| {
                format!("{:.2} ± {:.2}", e.mean, e.half_width())
            });
            print!("{cell:>16}");
        }
        println!();
    }
    Ok(())
}
