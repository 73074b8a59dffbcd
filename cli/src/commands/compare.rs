//! `mentor-match compare`: compares the pairing strategies on seeded synthetic populations: a
//! table of the main metrics with 95 % intervals, and optionally a tidy CSV of every metric and
//! an SVG figure. A progress bar counts the strategy runs on standard error (on a terminal
//! only).
//!
//! ```text
//! mentor-match compare --juniors 200 --seniors 200 --repeat 20 --seed 1
//! mentor-match compare --strategies utilitarian,leximin,greedy
//! mentor-match compare --csv results.csv --svg results.svg
//! ```
//!
//! Each repeat draws a population with `generate::Population::new(juniors, seniors)` seeded by
//! the repeat's instance seed (derived from `--seed` by `experiment::Experiment`), scores every
//! pair both ways with the default matcher (blended with an idiosyncratic draw of weight
//! `--idiosyncratic`, `Population::with_idiosyncratic`), and runs every strategy (all built-in ones, or those
//! of `--strategies`) on it, each with that seed. The table shows, per strategy, the mean of
//! each main metric over the repeats `±` the half-width of its 95 % Student's t interval, and
//! the time of the strategy's call in milliseconds. The price is the share of the utilitarian
//! optimum's total utility that a strategy gives up on the same instance.
//!
//! `--csv FILE` writes one row per strategy and metric (every metric of
//! `metrics::Report::values`, then `seconds`): `strategy,metric,mean,low,high,n`, where
//! `low`–`high` is the 95 % interval and `n` the number of repeats that had the metric.
//!
//! `--svg FILE` writes a two-panel figure. Panel (a) is the welfare–fairness frontier: each
//! strategy's mean total utility (x) against its mean minimum utility (y), with 95 % interval
//! whiskers on both axes; a dashed line joins the strategies that no other strategy beats on
//! both axes. Panel (b) shows what each agent gains, juniors and seniors apart: box plots of
//! the per-agent utilities pooled over all repeats (quartiles, median, 5th–95th percentile
//! whiskers, mean), unmatched agents counting 0 as in the Gini coefficient. The utilities are
//! read from each strategy's pairings while the experiment runs.
//!
//! Bad arguments (an unknown flag or strategy, a size or count that is not a whole number of
//! at least 1, a file that cannot be created) are refused before any work is done.

use crate::Failure;
use crate::progress::Bar;
use mentor_match::experiment::{Estimate, Experiment, Spread, StrategySummary, Summary};
use mentor_match::generate::Population;
use mentor_match::metrics::Metric;
use mentor_match::strategy::{self, Pairing, Strategy};
use mentor_match::{MatrixError, PairScores};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::fs::File;
use std::io::Write;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// The largest `juniors × seniors` accepted: the scores take `O(juniors × seniors)` memory.
pub const MAX_PAIRS: usize = 10_000_000;

/// The most people a population may hold, juniors and seniors together. Each drawn
/// participant takes about a kilobyte before any score, so a lopsided population within
/// [`MAX_PAIRS`] (ten million juniors and one senior) would take over ten gigabytes; balanced
/// ones within `MAX_PAIRS` hold at most about 6,300.
pub const MAX_PEOPLE: usize = 100_000;

/// The most repeats an experiment runs, as the Python package's `experiment` allows: every
/// repeat's metrics are kept for every strategy until the summary (about 2 kB a repeat with
/// every strategy), so a mistyped count such as `--repeat 1000000000` grew them without bound
/// until the allocator aborted the process.
pub const MAX_REPEATS: usize = 100_000;

/// The most per-agent utilities kept for each strategy, `repeats × (juniors + seniors)`: the
/// figure's box plots pool every agent's utility of every repeat (8 bytes each, so at most
/// 80 MB a strategy), and they are kept whether or not `--svg` is given.
pub const MAX_UTILITIES: usize = 10_000_000;

/// The metrics of the table, in its column order, with their decimals.
const COLUMNS: [(Metric, usize); 8] = [
    (Metric::Total, 2),
    (Metric::MinUtility, 3),
    (Metric::Gini, 3),
    (Metric::BlockingPairs, 1),
    (Metric::Coverage, 3),
    (Metric::Price, 3),
    (Metric::Envy, 1),
    (Metric::TopKShare, 3),
];

/// `mentor-match compare`: its arguments.
#[derive(Debug, Clone, PartialEq, clap::Args)]
#[command(after_help = format!(
    "Strategies: {}. Each is defined in the strategy table of the library's \
     `mentor_match::strategy` module docs.",
    strategy::NAMES.join(", ")
))]
pub struct Args {
    /// Juniors per population.
    #[arg(long, allow_negative_numbers = true, default_value_t = 200, value_parser = at_least_one)]
    pub juniors: usize,
    /// Seniors per population (default: as many as juniors).
    #[arg(long, allow_negative_numbers = true, value_parser = at_least_one)]
    pub seniors: Option<usize>,
    /// Populations to draw.
    #[arg(long, allow_negative_numbers = true, default_value_t = 20, value_parser = at_least_one)]
    pub repeat: usize,
    /// The experiment's seed; every population's seed derives from it.
    #[arg(long, allow_negative_numbers = true, default_value_t = 0)]
    pub seed: u64,
    /// k of the top-k share: agents paired with one of their first k choices.
    #[arg(long = "top-k", allow_negative_numbers = true, default_value_t = 3, value_parser = at_least_one)]
    pub top_k: usize,
    /// Weight in [0, 1] of an independent uniform draw blended into every gain: continuous,
    /// unsaturated utilities, so rank-based metrics do not hinge on tie-breaks (0: the
    /// mentoring scores alone).
    #[arg(long, allow_negative_numbers = true, default_value_t = 0.0, value_parser = unit_interval)]
    pub idiosyncratic: f64,
    /// Comma-separated strategy names (default: every built-in strategy).
    #[arg(long, value_parser = strategy_list)]
    pub strategies: Vec<StrategyList>,
    /// Also write every metric as CSV: strategy,metric,mean,low,high,n.
    #[arg(long, value_name = "FILE")]
    pub csv: Option<PathBuf>,
    /// Also write a figure: welfare-fairness frontier and per-agent utilities.
    #[arg(long, value_name = "FILE")]
    pub svg: Option<PathBuf>,
}

impl Args {
    /// The arguments of `mentor-match compare` alone: the defaults.
    pub fn new() -> Args {
        Args {
            juniors: 200,
            seniors: None,
            repeat: 20,
            seed: 0,
            top_k: 3,
            idiosyncratic: 0.0,
            strategies: Vec::new(),
            csv: None,
            svg: None,
        }
    }

    /// Seniors per population.
    pub fn seniors(&self) -> usize {
        self.seniors.unwrap_or(self.juniors)
    }

    /// The strategies to run, in order: those named, or every built-in one.
    pub fn strategy_names(&self) -> Vec<String> {
        if self.strategies.is_empty() {
            strategy::NAMES.iter().map(|&s| s.to_owned()).collect()
        } else {
            self.strategies
                .iter()
                .flat_map(|list| list.0.clone())
                .collect()
        }
    }

    /// Checks what clap cannot: the sizes, the repeats, a strategy named twice, one file for
    /// both outputs.
    ///
    /// # Errors
    ///
    /// [`Failure::Input`] saying which arguments are wrong: every mistake, joined by `; `.
    pub fn check(&self) -> Result<(), Failure> {
        let mut found = Vec::new();
        let (juniors, seniors) = (self.juniors, self.seniors());
        if juniors
            .checked_mul(seniors)
            .is_none_or(|pairs| pairs > MAX_PAIRS)
        {
            found.push(format!(
                "{juniors} juniors × {seniors} seniors is too large (at most {MAX_PAIRS} pairs)"
            ));
        }
        if juniors.saturating_add(seniors) > MAX_PEOPLE {
            found.push(format!(
                "{juniors} juniors + {seniors} seniors is too many (at most {MAX_PEOPLE} people)"
            ));
        }
        if self.repeat > MAX_REPEATS {
            found.push(format!(
                "{} is too many (at most {MAX_REPEATS} repeats)",
                plural(self.repeat, "repeat")
            ));
        } else if juniors.saturating_add(seniors) <= MAX_PEOPLE
            && self
                .repeat
                .checked_mul(juniors + seniors)
                .is_none_or(|n| n > MAX_UTILITIES)
        {
            // Said only where the repeats and the number of people pass their own bounds
            // (the pairs' bound is checked on its own, and both may be named).
            found.push(format!(
                "{} × {} people is too many per-agent utilities (at most {MAX_UTILITIES} a \
                 strategy)",
                plural(self.repeat, "repeat"),
                juniors + seniors
            ));
        }
        let names = self.strategy_names();
        for (k, name) in names.iter().enumerate() {
            // Each repeated name once, where it last stands.
            if names[..k].contains(name) && !names[k + 1..].contains(name) {
                let times = match names.iter().filter(|&n| n == name).count() {
                    2 => "twice".to_owned(),
                    n => format!("{n} times"),
                };
                found.push(format!("`--strategies`: `{name}` is listed {times}"));
            }
        }
        if self.csv.is_some() && self.csv == self.svg {
            found.push("`--csv` and `--svg` name the same file".to_owned());
        }
        if found.is_empty() {
            Ok(())
        } else {
            Err(Failure::Input(found.join("; ")))
        }
    }
}

impl Default for Args {
    fn default() -> Args {
        Args::new()
    }
}

/// The built-in strategies one `--strategies` names, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StrategyList(pub Vec<String>);

/// Comma-separated built-in strategy names, spaces around each allowed (`leximin, greedy`).
/// Every unknown name is listed, not only the first.
fn strategy_list(value: &str) -> Result<StrategyList, String> {
    let names: Vec<&str> = value.split(',').map(str::trim).collect();
    let unknown: Vec<String> = names
        .iter()
        .filter(|name| !strategy::NAMES.contains(name))
        .map(|name| format!("`{name}`"))
        .collect();
    match unknown.len() {
        0 => Ok(StrategyList(names.iter().map(|&n| n.to_owned()).collect())),
        n => Err(format!(
            "unknown {} {}; the strategies are {}",
            if n == 1 { "strategy" } else { "strategies" },
            unknown.join(", "),
            strategy::NAMES.join(", ")
        )),
    }
}

/// A number in [0, 1].
fn unit_interval(value: &str) -> Result<f64, String> {
    match value.trim().parse::<f64>() {
        Ok(w) if (0.0..=1.0).contains(&w) => Ok(w),
        _ => Err(format!("`{value}` is not a number in [0, 1]")),
    }
}

/// A whole number of at least 1.
fn at_least_one(value: &str) -> Result<usize, String> {
    value
        .parse::<usize>()
        .ok()
        .filter(|&n| n >= 1)
        .ok_or_else(|| format!("needs a whole number of at least 1, got `{value}`"))
}

/// Per-agent utilities of one strategy, pooled over the repeats: every junior's and every
/// senior's utility in every repeat (0 when unmatched).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Utilities {
    /// Juniors' utilities, `juniors × repeats` values.
    pub juniors: Vec<f64>,
    /// Seniors' utilities, `seniors × repeats` values.
    pub seniors: Vec<f64>,
}

/// Everything an experiment measured, with the options it ran with.
#[derive(Debug, Clone)]
pub struct Comparison {
    /// Juniors per population.
    pub juniors: usize,
    /// Seniors per population.
    pub seniors: usize,
    /// The `k` of the top-`k` share.
    pub top_k: usize,
    /// Every metric's mean and interval, per strategy.
    pub summary: Summary,
    /// Per strategy, in the summary's order, the pooled per-agent utilities.
    pub utilities: Vec<Utilities>,
    /// Wall-clock time of the whole experiment (populations, optimum and metrics included).
    pub seconds: f64,
}

/// What a run produces: the table for standard output and the files' contents.
#[derive(Debug, Clone)]
pub struct Output {
    /// The table.
    pub table: String,
    /// The CSV, when `--csv` was given.
    pub csv: Option<String>,
    /// The SVG, when `--svg` was given.
    pub svg: Option<String>,
}

/// Runs the experiment of `args`, writes the CSV and SVG files it asks for, and returns the
/// table for standard output.
///
/// The files are created before the experiment, so a bad path fails before the work, not
/// after it; on a later failure they are removed, leaving no empty file behind.
///
/// # Errors
///
/// [`Failure::Input`] for arguments out of range or a file that cannot be created;
/// [`Failure::Internal`] for a file that cannot be written or a library failure.
pub fn run(args: &Args) -> Result<String, Failure> {
    args.check()?;
    let mut files = Vec::new();
    for path in [&args.csv, &args.svg].into_iter().flatten() {
        match File::create(path) {
            Ok(file) => files.push((path.clone(), file)),
            Err(e) => {
                remove(&files);
                return Err(Failure::Input(format!(
                    "cannot create `{}`: {e}",
                    path.display()
                )));
            }
        }
    }
    let output = match execute(args) {
        Ok(output) => output,
        Err(failure) => {
            remove(&files);
            return Err(failure);
        }
    };
    let contents = [output.csv, output.svg].into_iter().flatten();
    for ((path, mut file), text) in files.into_iter().zip(contents) {
        file.write_all(text.as_bytes())
            .and_then(|()| file.flush())
            .map_err(|e| Failure::Internal(format!("cannot write `{}`: {e}", path.display())))?;
    }
    Ok(output.table)
}

/// Removes the files created for a run that failed.
fn remove(files: &[(PathBuf, File)]) {
    for (path, _) in files {
        // Best effort: the failure being reported matters more than a leftover file.
        let _ = std::fs::remove_file(path);
    }
}

/// Runs the experiment of `args` and renders the table, and the CSV and SVG when asked for.
///
/// # Errors
///
/// [`Failure::Input`] for arguments out of range or the library's refusal.
pub fn execute(args: &Args) -> Result<Output, Failure> {
    args.check()?;
    let comparison = compare(args)?;
    let internal = Failure::Internal;
    Ok(Output {
        table: table(&comparison),
        csv: args.csv.as_ref().map(|_| csv(&comparison)),
        svg: match args.svg {
            Some(_) => Some(svg(&comparison).map_err(internal)?),
            None => None,
        },
    })
}

/// A strategy that records the per-agent utilities of each of its pairings.
///
/// Recording adds `O(juniors + seniors)` to each timed call, microseconds against the
/// strategies' `O(juniors × seniors)` at least.
struct Recording {
    inner: Box<dyn Strategy>,
    log: Arc<Mutex<Utilities>>,
    /// Counts the runs; the recording is the one place that sees each.
    bar: Bar,
}

impl Strategy for Recording {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn pair(&self, scores: &PairScores) -> Result<Pairing, MatrixError> {
        self.pair_seeded(scores, 0)
    }

    fn pair_seeded(&self, scores: &PairScores, seed: u64) -> Result<Pairing, MatrixError> {
        let pairing = self.inner.pair_seeded(scores, seed)?;
        let mut juniors = vec![0.0; scores.juniors()];
        let mut seniors = vec![0.0; scores.seniors()];
        for &(j, s) in pairing.pairs() {
            juniors[j] = scores.junior_gain(j, s);
            seniors[s] = scores.senior_gain(j, s);
        }
        // A poisoned lock only means another recording panicked; the data is still usable.
        let mut log = self.log.lock().unwrap_or_else(|e| e.into_inner());
        log.juniors.extend(juniors);
        log.seniors.extend(seniors);
        self.bar.inc(1);
        Ok(pairing)
    }
}

/// Runs the experiment: `args.repeat` populations, every strategy of `args` on each.
///
/// # Errors
///
/// An unknown strategy, or a library error (as text).
pub fn compare(args: &Args) -> Result<Comparison, Failure> {
    let names = args.strategy_names();
    let bar = Bar::new((names.len() * args.repeat) as u64, "strategies");
    let mut logs = Vec::with_capacity(names.len());
    let mut strategies: Vec<Box<dyn Strategy>> = Vec::with_capacity(names.len());
    for name in &names {
        let log = Arc::new(Mutex::new(Utilities::default()));
        strategies.push(Box::new(Recording {
            inner: strategy::by_name(name).map_err(|e| Failure::Input(e.to_string()))?,
            log: Arc::clone(&log),
            bar: bar.clone(),
        }));
        logs.push(log);
    }
    let (juniors, seniors) = (args.juniors, args.seniors());
    let started = Instant::now();
    let summary = Experiment::new(strategies)
        .with_repeats(args.repeat)
        .with_seed(args.seed)
        .with_top_k(args.top_k)
        .run(|seed| {
            Population::new(juniors, seniors)
                .with_seed(seed)
                .with_idiosyncratic(args.idiosyncratic)
                .pair_scores()
        })
        .map_err(|e| Failure::Input(e.to_string()));
    bar.finish();
    let summary = summary?;
    let seconds = started.elapsed().as_secs_f64();
    Ok(Comparison {
        juniors,
        seniors,
        top_k: args.top_k,
        summary,
        utilities: logs
            .into_iter()
            .map(|log| std::mem::take(&mut *log.lock().unwrap_or_else(|e| e.into_inner())))
            .collect(),
        seconds,
    })
}

/// `1 junior`, `2 juniors`.
fn plural(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// The sizes, repeats and seed, as in the table's and the figure's titles.
fn setting(c: &Comparison) -> String {
    format!(
        "{} × {}, {}, seed {}",
        plural(c.juniors, "junior"),
        plural(c.seniors, "senior"),
        plural(c.summary.repeats, "repeat"),
        c.summary.seed
    )
}

/// The table: a title saying what ran, the library's table of the summary (one row per
/// strategy, each cell `mean ± half-width`), and the whole run's time.
pub fn table(c: &Comparison) -> String {
    format!(
        "Pairing strategies on synthetic populations: {}\n\
         Each cell: mean over the repeats ± half-width of its 95 % interval. price: share of the\n\
         utilitarian optimum's total given up; top_k_share: k = {}; time_ms: the strategy's call.\n\n\
         {}\n\
         Whole run: {:.1} s (populations, scores, utilitarian optimum and metrics included).\n",
        setting(c),
        c.top_k,
        c.summary.table(&COLUMNS),
        c.seconds
    )
}

/// The tidy CSV of every metric: the library's [`Summary::to_csv`].
pub fn csv(c: &Comparison) -> String {
    c.summary.to_csv()
}

/// The figure as an SVG document: see the module docs.
///
/// # Errors
///
/// A message if plotting fails, which it does not when drawing to memory.
pub fn svg(c: &Comparison) -> Result<String, String> {
    let mut text = String::new();
    draw(c, &mut text).map_err(|e| format!("cannot draw the figure: {e}"))?;
    Ok(text)
}

/// Figure size in pixels.
const SIZE: (u32, u32) = (1500, 760);
/// Width of panel (a).
const LEFT: u32 = 700;
/// Height of the legend and notes below the panels.
const FOOTER: u32 = 64;
const FONT: &str = "sans-serif";

/// Colour-blind-safe colours (Paul Tol's "bright" scheme).
const OPTIMAL: RGBColor = RGBColor(0x22, 0x88, 0x33);
const STABLE: RGBColor = RGBColor(0xAA, 0x33, 0x77);
const BASELINE: RGBColor = RGBColor(0x66, 0x66, 0x66);
const JUNIOR: RGBColor = RGBColor(0x44, 0x77, 0xAA);
const SENIOR: RGBColor = RGBColor(0xEE, 0x66, 0x77);

/// A strategy's family, for its colour in panel (a).
fn family(name: &str) -> (RGBColor, &'static str) {
    match name {
        "utilitarian" | "nash" | "bottleneck" | "leximin" => {
            (OPTIMAL, "optimal for a welfare objective")
        }
        n if n.contains("stable") || n.starts_with("deferred_acceptance") => (STABLE, "stable"),
        _ => (BASELINE, "heuristic or random baseline"),
    }
}

type Drawn = Result<(), Box<dyn std::error::Error>>;

fn draw(c: &Comparison, out: &mut String) -> Drawn {
    let root = SVGBackend::with_string(out, SIZE).into_drawing_area();
    root.fill(&WHITE)?;
    let title = format!(
        "Pairing strategies on synthetic reverse-mentoring populations: {}",
        setting(c)
    );
    let body = root.titled(&title, (FONT, 25))?;
    let (panels, footer) = body.split_vertically(body.dim_in_pixel().1 - FOOTER);
    let (left, right) = panels.split_horizontally(LEFT);
    let dashed = frontier(c, &left)?;
    utilities(c, &right)?;
    notes(c, &footer, dashed)?;
    root.present()?;
    Ok(())
}

/// A strategy's point in panel (a).
struct Point<'a> {
    name: &'a str,
    colour: RGBColor,
    x: (f64, f64, f64),
    y: (f64, f64, f64),
}

/// (mean, low, high) of a metric, 0s when missing.
fn interval(s: &StrategySummary, metric: Metric) -> (f64, f64, f64) {
    s.metric(metric)
        .map_or((0.0, 0.0, 0.0), |e: &Estimate| (e.mean, e.low, e.high))
}

/// A range covering `low..high` with a margin, never empty.
fn padded(low: f64, high: f64, share: f64) -> std::ops::Range<f64> {
    let span = high - low;
    let pad = if span > 1e-12 {
        span * share
    } else {
        (high.abs() * 0.05).max(0.05)
    };
    (low - pad)..(high + pad)
}

/// Decimals for tick labels over a span.
fn tick_decimals(span: f64) -> usize {
    match span {
        s if s >= 50.0 => 0,
        s if s >= 5.0 => 1,
        s if s >= 0.5 => 2,
        _ => 3,
    }
}

/// Panel (a): mean total utility against mean minimum utility, 95 % whiskers, labels placed
/// so that they overlap neither each other nor the markers. Tells whether it drew the dashed
/// line of the strategies no other beats (there must be two of them).
fn frontier(
    c: &Comparison,
    area: &DrawingArea<SVGBackend, Shift>,
) -> Result<bool, Box<dyn std::error::Error>> {
    let points: Vec<Point> = c
        .summary
        .strategies
        .iter()
        .map(|s| Point {
            name: &s.name,
            colour: family(&s.name).0,
            x: interval(s, Metric::Total),
            y: interval(s, Metric::MinUtility),
        })
        .collect();
    let fold = |f: fn(&Point) -> f64, min: bool| {
        points.iter().map(f).fold(
            if min {
                f64::INFINITY
            } else {
                f64::NEG_INFINITY
            },
            |a, b| if min { a.min(b) } else { a.max(b) },
        )
    };
    let xs = padded(fold(|p| p.x.1, true), fold(|p| p.x.2, false), 0.08);
    let ys = padded(fold(|p| p.y.1, true), fold(|p| p.y.2, false), 0.10);
    let (xd, yd) = (
        tick_decimals(xs.end - xs.start),
        tick_decimals(ys.end - ys.start),
    );
    let mut chart = ChartBuilder::on(area)
        .caption("(a) Welfare against the worst-off agent", (FONT, 19))
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(64)
        .build_cartesian_2d(xs, ys)?;
    chart
        .configure_mesh()
        .max_light_lines(0)
        .bold_line_style(BLACK.mix(0.08))
        .x_labels(8)
        .y_labels(8)
        .x_label_formatter(&|x| format!("{x:.xd$}"))
        .y_label_formatter(&|y| format!("{y:.yd$}"))
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 16))
        .x_desc("total utility of all agents (mean per population)")
        .y_desc("minimum utility of an agent (mean per population)")
        .draw()?;

    // The strategies no other beats on both axes, joined left to right.
    let beats =
        |a: &Point, b: &Point| a.x.0 >= b.x.0 && a.y.0 >= b.y.0 && (a.x.0 > b.x.0 || a.y.0 > b.y.0);
    let mut front: Vec<(f64, f64)> = points
        .iter()
        .filter(|p| !points.iter().any(|q| beats(q, p)))
        .map(|p| (p.x.0, p.y.0))
        .collect();
    front.sort_by(|a, b| a.0.total_cmp(&b.0));
    let dashed = front.len() > 1;
    if dashed {
        chart.draw_series(std::iter::once(DashedPathElement::new(
            front,
            6,
            4,
            BLACK.mix(0.45).stroke_width(1),
        )))?;
    }

    for p in &points {
        let style = p.colour.mix(0.8).stroke_width(1);
        chart.draw_series([
            PathElement::new(vec![(p.x.1, p.y.0), (p.x.2, p.y.0)], style),
            PathElement::new(vec![(p.x.0, p.y.1), (p.x.0, p.y.2)], style),
        ])?;
        chart.draw_series([
            EmptyElement::at((p.x.1, p.y.0)) + PathElement::new(vec![(0, -4), (0, 4)], style),
            EmptyElement::at((p.x.2, p.y.0)) + PathElement::new(vec![(0, -4), (0, 4)], style),
            EmptyElement::at((p.x.0, p.y.1)) + PathElement::new(vec![(-4, 0), (4, 0)], style),
            EmptyElement::at((p.x.0, p.y.2)) + PathElement::new(vec![(-4, 0), (4, 0)], style),
        ])?;
    }
    chart.draw_series(points.iter().map(|p| {
        Circle::new(
            (p.x.0, p.y.0),
            5,
            ShapeStyle {
                color: p.colour.to_rgba(),
                filled: true,
                stroke_width: 1,
            },
        )
    }))?;

    // Labels: for each point, the first candidate spot inside the plot whose box overlaps no
    // marker, no label and no leader line placed before, and whose own leader line (for spots
    // off to a side) crosses no marker or label but its own.
    let label_style = TextStyle::from((FONT, 15)).color(&BLACK);
    let (px, py) = chart.plotting_area().get_pixel_range();
    let centres: Vec<(i32, i32)> = points
        .iter()
        .map(|p| chart.backend_coord(&(p.x.0, p.y.0)))
        .collect();
    let markers: Vec<Rect> = centres
        .iter()
        .map(|&(x, y)| Rect::new(x - 6, y - 6, 13, 13))
        .collect();
    let mut placed: Vec<Rect> = Vec::new();
    // Points along the leader lines drawn so far, every 3 pixels.
    let mut ink: Vec<(i32, i32)> = Vec::new();
    let mut order: Vec<usize> = (0..points.len()).collect();
    order.sort_by_key(|&i| (centres[i].1, centres[i].0));
    for i in order {
        let (w, h) = area.estimate_text_size(points[i].name, &label_style)?;
        let (w, h) = (w as i32, h as i32);
        let (cx, cy) = centres[i];
        // First a spot where nothing crosses; failing that, one whose leader may cross.
        let fits = |&(dx, dy, leader): &(i32, i32, bool), strict: bool| {
            let r = Rect::new(cx + dx, cy + dy, w, h);
            let inside =
                r.x >= px.start && r.x + r.w <= px.end && r.y >= py.start && r.y + r.h <= py.end;
            let line = if leader {
                leader_line(dx, dy, w, h)
            } else {
                None
            };
            let crossed = strict
                && line.is_some_and(|(from, to)| {
                    samples(from, to).any(|(x, y)| {
                        let at = Rect::new(cx + x, cy + y, 1, 1);
                        placed.iter().any(|o| o.overlaps(&at))
                            || markers
                                .iter()
                                .enumerate()
                                .any(|(k, m)| k != i && m.overlaps(&at))
                    })
                });
            // Labels keep 3 pixels apart, so that none reads as part of another.
            let padded = Rect::new(r.x - 3, r.y - 3, r.w + 6, r.h + 6);
            inside
                && !crossed
                && !placed.iter().any(|o| o.overlaps(&padded))
                && !markers.iter().any(|o| o.overlaps(&r))
                && !ink.iter().any(|&(x, y)| r.overlaps(&Rect::new(x, y, 1, 1)))
        };
        let spots = label_spots(w, h);
        let (dx, dy, leader) = [true, false]
            .into_iter()
            .find_map(|strict| spots.iter().find(|spot| fits(spot, strict)).copied())
            .unwrap_or((9, -h / 2, false));
        placed.push(Rect::new(cx + dx, cy + dy, w, h));
        let at = (points[i].x.0, points[i].y.0);
        if let Some((from, to)) = leader.then(|| leader_line(dx, dy, w, h)).flatten() {
            ink.extend(samples(from, to).map(|(x, y)| (cx + x, cy + y)));
            chart.draw_series(std::iter::once(
                EmptyElement::at(at) + PathElement::new(vec![from, to], BLACK.mix(0.45)),
            ))?;
        }
        chart.draw_series(std::iter::once(
            EmptyElement::at(at)
                + Text::new(points[i].name.to_owned(), (dx, dy), label_style.clone()),
        ))?;
    }
    Ok(dashed)
}

/// The leader line, relative to the marker's centre, from the marker's edge to the nearest
/// point of a `w × h` label at offset `(dx, dy)`; `None` when the label touches the marker.
fn leader_line(dx: i32, dy: i32, w: i32, h: i32) -> Option<((i32, i32), (i32, i32))> {
    let near = (0.clamp(dx, dx + w), 0.clamp(dy, dy + h));
    let length = f64::from(near.0 * near.0 + near.1 * near.1).sqrt();
    let edge = |v: i32| (f64::from(v) * 7.0 / length).round() as i32;
    (length > 9.0).then(|| ((edge(near.0), edge(near.1)), near))
}

/// Points every 3 pixels or so along a segment, both ends included.
fn samples(from: (i32, i32), to: (i32, i32)) -> impl Iterator<Item = (i32, i32)> {
    let steps = ((to.0 - from.0).abs().max((to.1 - from.1).abs()) / 3).max(1);
    (0..=steps).map(move |k| {
        (
            from.0 + (to.0 - from.0) * k / steps,
            from.1 + (to.1 - from.1) * k / steps,
        )
    })
}

/// A rectangle in pixels: top-left corner, width and height.
#[derive(Debug, Clone, Copy)]
struct Rect {
    x: i32,
    y: i32,
    w: i32,
    h: i32,
}

impl Rect {
    fn new(x: i32, y: i32, w: i32, h: i32) -> Self {
        Rect { x, y, w, h }
    }

    fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }
}

/// Candidate label offsets `(dx, dy, leader)` of a `w × h` label's top-left corner from its
/// marker, best first: right, left, then (with a leader line) the diagonals and right and left
/// of the marker one line further up or down at a time, last centred above and below (these
/// would wall a cluster of markers in).
fn label_spots(w: i32, h: i32) -> Vec<(i32, i32, bool)> {
    let mut spots = vec![
        (9, -h / 2, false),
        (-9 - w, -h / 2, false),
        (10, -10 - h, true),
        (10, 10, true),
        (-10 - w, -10 - h, true),
        (-10 - w, 10, true),
    ];
    for k in 1..=10 {
        for sign in [-1, 1] {
            let dy = -h / 2 + sign * k * (h + 3);
            spots.push((18, dy, true));
            spots.push((-18 - w, dy, true));
        }
    }
    spots.extend([(-w / 2, -8 - h, false), (-w / 2, 8, false)]);
    spots
}

/// Panel (b): box plots of the per-agent utilities, juniors above seniors, one row per
/// strategy in the table's order from the top.
fn utilities(c: &Comparison, area: &DrawingArea<SVGBackend, Shift>) -> Drawn {
    let names: Vec<&str> = c
        .summary
        .strategies
        .iter()
        .map(|s| s.name.as_str())
        .collect();
    let rows = names.len();
    let spreads: Vec<(Spread, Spread)> = c
        .utilities
        .iter()
        .map(|u| (Spread::of(&u.juniors), Spread::of(&u.seniors)))
        .collect();
    let top = spreads
        .iter()
        .flat_map(|(j, s)| [j.p95, j.mean, s.p95, s.mean])
        .fold(0.0_f64, f64::max);
    let x_end = if top > 0.0 { top * 1.05 } else { 1.0 };
    // Row i (from the top) sits at y = rows - 1 - i.
    let y_of = |i: usize| (rows - 1 - i) as f64;
    let ys = -0.6..rows as f64 - 0.4;
    let xd = tick_decimals(x_end);
    let mut chart = ChartBuilder::on(area)
        .caption("(b) What each agent gains, juniors and seniors", (FONT, 19))
        .margin(12)
        .x_label_area_size(48)
        .y_label_area_size(205)
        .build_cartesian_2d(0.0..x_end, ys)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .max_light_lines(0)
        .bold_line_style(BLACK.mix(0.08))
        .x_labels(8)
        .x_label_formatter(&|x| format!("{x:.xd$}"))
        .y_labels(0)
        .label_style((FONT, 14))
        .axis_desc_style((FONT, 16))
        .x_desc("utility of an agent: what it gains from its partner (0 if unmatched)")
        .draw()?;

    // The names, right-aligned left of the axis (the y axis has no numeric ticks).
    let name_style = TextStyle::from((FONT, 15))
        .color(&BLACK)
        .pos(Pos::new(HPos::Right, VPos::Center));
    chart.draw_series(names.iter().enumerate().map(|(i, name)| {
        EmptyElement::at((0.0, y_of(i)))
            + Text::new((*name).to_owned(), (-10, 0), name_style.clone())
    }))?;
    let half = 0.14;
    for (i, (junior, senior)) in spreads.iter().enumerate() {
        for (spread, colour, y) in [
            (junior, JUNIOR, y_of(i) + 0.19),
            (senior, SENIOR, y_of(i) - 0.19),
        ] {
            let line = colour.mix(0.9).stroke_width(1);
            chart.draw_series([
                PathElement::new(vec![(spread.p5, y), (spread.q1, y)], line),
                PathElement::new(vec![(spread.q3, y), (spread.p95, y)], line),
                PathElement::new(
                    vec![(spread.p5, y - half / 2.0), (spread.p5, y + half / 2.0)],
                    line,
                ),
                PathElement::new(
                    vec![(spread.p95, y - half / 2.0), (spread.p95, y + half / 2.0)],
                    line,
                ),
            ])?;
            chart.draw_series([
                Rectangle::new(
                    [(spread.q1, y - half), (spread.q3, y + half)],
                    colour.mix(0.35).filled(),
                ),
                Rectangle::new([(spread.q1, y - half), (spread.q3, y + half)], line),
            ])?;
            chart.draw_series(std::iter::once(PathElement::new(
                vec![(spread.median, y - half), (spread.median, y + half)],
                BLACK.stroke_width(2),
            )))?;
            chart.draw_series([
                Circle::new((spread.mean, y), 3, WHITE.filled()),
                Circle::new((spread.mean, y), 3, BLACK.stroke_width(1)),
            ])?;
        }
    }
    Ok(())
}

/// The legend and the notes below the panels; `dashed` when panel (a) has its dashed line.
fn notes(c: &Comparison, area: &DrawingArea<SVGBackend, Shift>, dashed: bool) -> Drawn {
    let text = TextStyle::from((FONT, 15)).color(&BLACK);
    let grey = BLACK.mix(0.75);
    let small = TextStyle::from((FONT, 14)).color(&grey);
    // Panel (a): the families, then what the whiskers and the dashed line mean.
    let mut x = 70;
    let mut families: Vec<(RGBColor, &str)> = Vec::new();
    for s in &c.summary.strategies {
        let f = family(&s.name);
        if !families.iter().any(|g| g.1 == f.1) {
            families.push(f);
        }
    }
    for (colour, what) in families {
        area.draw(&Circle::new((x, 12), 5, colour.filled()))?;
        area.draw(&Text::new(what, (x + 10, 5), text.clone()))?;
        x += 20 + area.estimate_text_size(what, &text)?.0 as i32;
    }
    area.draw(&Text::new(
        "(a) whiskers: 95 % intervals of the means",
        (70, 26),
        small.clone(),
    ))?;
    if dashed {
        area.draw(&Text::new(
            "dashed: the strategies that no other beats on both axes",
            (70, 44),
            small.clone(),
        ))?;
    }
    // Panel (b): the two sides, then how to read a box.
    let x0 = LEFT as i32 + 70;
    for (k, (colour, what)) in [(JUNIOR, "juniors"), (SENIOR, "seniors")]
        .into_iter()
        .enumerate()
    {
        let x = x0 + k as i32 * 110;
        area.draw(&Rectangle::new(
            [(x - 7, 6), (x + 7, 18)],
            colour.mix(0.35).filled(),
        ))?;
        area.draw(&Rectangle::new(
            [(x - 7, 6), (x + 7, 18)],
            colour.stroke_width(1),
        ))?;
        area.draw(&Text::new(what, (x + 12, 5), text.clone()))?;
    }
    let agents = plural(c.juniors, "junior") + " and " + &plural(c.seniors, "senior");
    let lines = [
        format!(
            "(b) utilities of the {agents} of each of {}, pooled",
            plural(c.summary.repeats, "population")
        ),
        "box: quartiles; bar: median; ○: mean; whiskers: 5th–95th percentiles".to_owned(),
    ];
    for (k, line) in lines.into_iter().enumerate() {
        area.draw(&Text::new(line, (x0, 26 + 18 * k as i32), small.clone()))?;
    }
    Ok(())
}
