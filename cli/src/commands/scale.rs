//! `mentor-match scale`: matches a large synthetic population and reports where the time and
//! the memory go: a progress bar on standard error while it runs (on a terminal only), then
//! the time of each phase, the result and the peak memory on standard output.
//!
//! ```text
//! mentor-match scale --juniors 100000 --seniors 100000 --seed 1
//! mentor-match scale --juniors 20000 --seed 1,2,3,4,5 --objective total-score
//! mentor-match scale --juniors 20000 --seniors 5000 --senior-capacity 4 --seed 1,2,3
//! mentor-match scale --juniors 20000 --seed 1,2,3 --guarantee every-pair
//! mentor-match scale --k 32 --threads 2 --method auto
//! ```
//!
//! With several seeds, each population is generated and matched in turn, each with its own
//! report, and a last block gives the spread across them (min, median and max of each time),
//! so that a figure never rests on one instance. The peak memory is the process's, so from the
//! second seed on it is the largest of the seeds so far.
//!
//! Both methods report progress: the sparse method its candidates, widening, solving and
//! explaining; the dense method its scoring, solving and explaining.

use crate::Failure;
use crate::progress::Bar;
use mentor_match::candidates::{DEFAULT_CANDIDATES, Phase, Progress};
use mentor_match::{Guarantee, Matcher, Method, Objective, Population, Side};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// `mentor-match scale`: its arguments.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// Juniors of the population.
    #[arg(long, allow_negative_numbers = true, default_value_t = 2000)]
    pub juniors: usize,
    /// Seniors of the population (default: as many as juniors).
    #[arg(long, allow_negative_numbers = true)]
    pub seniors: Option<usize>,
    /// The population's seed, or several separated by commas (`1,2,3`): one run each, then
    /// their spread.
    #[arg(
        long = "seed",
        // A list such as `-1,2` is not a negative number to clap: read it, and refuse it.
        allow_hyphen_values = true,
        visible_alias = "seeds",
        value_name = "SEED",
        value_delimiter = ',',
        default_value = "1"
    )]
    pub seeds: Vec<u64>,
    /// How many partners each junior may take.
    #[arg(long, allow_negative_numbers = true, default_value_t = 1)]
    pub junior_capacity: u32,
    /// How many partners each senior may take (`--senior-capacity 4`: seniors mentor four
    /// juniors each).
    #[arg(long, allow_negative_numbers = true, default_value_t = 1)]
    pub senior_capacity: u32,
    /// Candidates per person (default: the library's).
    #[arg(long, allow_negative_numbers = true, value_parser = clap::value_parser!(u32).range(1..))]
    pub k: Option<u32>,
    /// Threads of the candidate search (default: all cores).
    #[arg(long, allow_negative_numbers = true, value_parser = clap::value_parser!(u32).range(1..))]
    pub threads: Option<u32>,
    /// How the matcher solves.
    #[arg(long, value_enum, default_value_t = MethodArg::Sparse)]
    pub method: MethodArg,
    /// What the matching optimises.
    #[arg(long, value_enum, default_value_t = ObjectiveArg::MostPairs)]
    pub objective: ObjectiveArg,
    /// What the sparse method proves its result optimal over.
    #[arg(long, value_enum, default_value_t = GuaranteeArg::CandidateGraph)]
    pub guarantee: GuaranteeArg,
}

/// `--guarantee`: the library's [`Guarantee`], as the command line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GuaranteeArg {
    /// The optimum of the candidate graph (the default).
    CandidateGraph,
    /// The optimum over every pair, proven by pricing every pair outside the graph.
    EveryPair,
}

impl From<GuaranteeArg> for Guarantee {
    fn from(guarantee: GuaranteeArg) -> Guarantee {
        match guarantee {
            GuaranteeArg::CandidateGraph => Guarantee::CandidateGraph,
            GuaranteeArg::EveryPair => Guarantee::EveryPair,
        }
    }
}

/// `--objective`: the library's [`Objective`], as the command line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ObjectiveArg {
    /// As many pairs as the rules allow, then the largest total score (the default).
    MostPairs,
    /// The largest total score alone.
    TotalScore,
}

impl From<ObjectiveArg> for Objective {
    fn from(objective: ObjectiveArg) -> Objective {
        match objective {
            ObjectiveArg::MostPairs => Objective::MostPairs,
            ObjectiveArg::TotalScore => Objective::TotalScore,
        }
    }
}

/// `--method`: the library's [`Method`], as the command line names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum MethodArg {
    /// Candidate graphs and the sparse engine.
    Sparse,
    /// Every pair scored, the dense engine.
    Dense,
    /// The library picks by size.
    Auto,
}

impl From<MethodArg> for Method {
    fn from(method: MethodArg) -> Method {
        match method {
            MethodArg::Sparse => Method::Sparse,
            MethodArg::Dense => Method::Dense,
            MethodArg::Auto => Method::Auto,
        }
    }
}

/// The peak resident memory in bytes, from the `VmHWM` ("high water mark") line of
/// `/proc/self/status`, which counts everything the process ever held at once.
pub fn peak_memory() -> Option<u64> {
    if cfg!(target_os = "linux") {
        parse_vm_hwm(&std::fs::read_to_string("/proc/self/status").ok()?)
    } else {
        None
    }
}

/// The bytes of the `VmHWM:   123456 kB` line of a `/proc/<pid>/status` text.
pub fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    let kb = line.trim().strip_suffix("kB")?.trim().parse::<u64>().ok()?;
    kb.checked_mul(1024)
}

/// What the progress callback saw: the wall time of each phase (in the order first seen,
/// summed when a phase comes back). Shared with the callback, which must be
/// `Fn + Send + Sync`, through an `Arc<Mutex<_>>`; the calls come from one thread, so the lock
/// is never contended.
#[derive(Default)]
struct Timeline {
    current: Option<(Phase, Instant)>,
    times: Vec<(Phase, Duration)>,
}

impl Timeline {
    /// Charges the time since the last change to the phase running, and starts `phase` at `now`.
    fn enter(&mut self, phase: Option<Phase>, now: Instant) {
        if let Some((running, since)) = self.current {
            if Some(running) == phase {
                return;
            }
            match self.times.iter_mut().find(|(p, _)| *p == running) {
                Some((_, time)) => *time += now - since,
                None => self.times.push((running, now - since)),
            }
        }
        self.current = phase.map(|p| (p, now));
    }
}

/// Generates, matches and times each seed's population; returns the report for standard
/// output: each seed's, then (with several seeds) the spread.
///
/// # Errors
///
/// [`Failure::Input`]: the library's refusal of the sizes or options.
pub fn run(args: &Args) -> Result<String, Failure> {
    let mut out = String::new();
    let mut runs = Vec::with_capacity(args.seeds.len());
    for (i, &seed) in args.seeds.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let (report, times) = run_seed(args, seed)?;
        out += &report;
        runs.push(times);
    }
    if runs.len() > 1 {
        out += &spread(&args.seeds, &runs);
    }
    Ok(out)
}

/// One seed's times: generating, solving, each phase of the solve, and in all.
struct Times {
    generate: Duration,
    solve: Duration,
    phases: Vec<(Phase, Duration)>,
}

impl Times {
    fn total(&self) -> Duration {
        self.generate + self.solve
    }
}

/// A report line: a name and a time in seconds.
fn time_row(name: &str, time: Duration) -> String {
    format!("  {name:<16}{:>9.3} s\n", time.as_secs_f64())
}

/// The spread across seeds: min, median and max of each time (the median of an even count is
/// the lower middle one, a time that was measured).
fn spread(seeds: &[u64], runs: &[Times]) -> String {
    let list: Vec<String> = seeds.iter().map(u64::to_string).collect();
    let mut out = format!(
        "\nspread over {} seeds ({}): min / median / max\n",
        runs.len(),
        list.join(", ")
    );
    let row = |name: &str, mut times: Vec<Duration>| {
        times.sort_unstable();
        let pick = |t: Duration| format!("{:.3}", t.as_secs_f64());
        format!(
            "  {name:<16}{:>9} / {} / {} s\n",
            pick(times[0]),
            pick(times[(times.len() - 1) / 2]),
            pick(times[times.len() - 1]),
        )
    };
    out += &row("generate", runs.iter().map(|r| r.generate).collect());
    out += &row("solve", runs.iter().map(|r| r.solve).collect());
    // A phase missing from a run (no widening, say) took no time there.
    let mut phases: Vec<Phase> = Vec::new();
    for run in runs {
        for (phase, _) in &run.phases {
            if !phases.contains(phase) {
                phases.push(*phase);
            }
        }
    }
    for phase in phases {
        let times = runs
            .iter()
            .map(|r| {
                r.phases
                    .iter()
                    .find(|(p, _)| *p == phase)
                    .map_or(Duration::ZERO, |(_, t)| *t)
            })
            .collect();
        out += &row(&format!("  {phase:?}").to_lowercase(), times);
    }
    out += &row("total", runs.iter().map(Times::total).collect());
    out
}

/// Generates, matches and times the population of `seed`; returns its report and times.
fn run_seed(args: &Args, seed: u64) -> Result<(String, Times), Failure> {
    let start = Instant::now();
    let (juniors, seniors) = (args.juniors, args.seniors.unwrap_or(args.juniors));
    let roster = Population::new(juniors, seniors)
        .with_seed(seed)
        .with_junior_capacity(args.junior_capacity)
        .with_senior_capacity(args.senior_capacity)
        .roster()
        .map_err(|e| Failure::Input(e.to_string()))?;
    let generated = start.elapsed();

    let timeline = Arc::new(Mutex::new(Timeline::default()));
    let shared = Arc::clone(&timeline);
    let k = args.k.map_or(DEFAULT_CANDIDATES, |k| k as usize);
    let bar = Bar::percent("");
    let drawn = bar.clone();
    let mut matcher = Matcher::new()
        .with_method(args.method.into())
        .with_objective(args.objective.into())
        .with_guarantee(args.guarantee.into())
        .with_candidates_per_person(k)
        .with_progress(move |p: Progress| {
            // A poisoned lock only means an earlier call panicked; the times are still good.
            let mut timeline = shared.lock().unwrap_or_else(PoisonError::into_inner);
            timeline.enter(Some(p.phase), Instant::now());
            let percent = (p.fraction() * 100.0).floor() as u64;
            drawn.show(&format!("{:?}", p.phase).to_lowercase(), percent);
        });
    if let Some(threads) = args.threads {
        matcher = matcher.with_threads(threads as usize);
    }
    let solving = Instant::now();
    let result = matcher.solve(&roster);
    let done = Instant::now();
    bar.finish();
    let mut timeline = timeline.lock().unwrap_or_else(PoisonError::into_inner);
    let matching = result.map_err(|e| Failure::Input(e.to_string()))?;
    timeline.enter(None, done); // the last phase ends when `solve` returns
    let times = Times {
        generate: generated,
        solve: done - solving,
        phases: std::mem::take(&mut timeline.times),
    };

    let threads = args
        .threads
        .map_or("all cores".to_owned(), |t| t.to_string());
    let method = format!("{:?}", Method::from(args.method)).to_lowercase();
    let objective = match (args.objective, args.guarantee) {
        (ObjectiveArg::MostPairs, GuaranteeArg::CandidateGraph) => "most pairs",
        (ObjectiveArg::TotalScore, GuaranteeArg::CandidateGraph) => "total score",
        (ObjectiveArg::MostPairs, GuaranteeArg::EveryPair) => "most pairs, every pair priced",
        (ObjectiveArg::TotalScore, GuaranteeArg::EveryPair) => "total score, every pair priced",
    };
    let capacities = match (args.junior_capacity, args.senior_capacity) {
        (1, 1) => String::new(),
        (j, s) => format!(", capacity {j} a junior, {s} a senior"),
    };
    let mut out = format!(
        "population:      {juniors} juniors + {seniors} seniors{capacities}, seed {seed}\n\
         method:          {method}, k {k}, threads {threads}, {objective}\n\
         time:\n{}{}",
        time_row("generate", times.generate),
        time_row("solve", times.solve),
    );
    // The phases are parts of `solve`: indented under it.
    for (phase, time) in &times.phases {
        out += &time_row(&format!("  {phase:?}").to_lowercase(), *time);
    }
    out += &time_row("total", times.total());
    let pairs = matching.pairs().len();
    let side = |s: Side| matching.unmatched().iter().filter(|u| u.side == s).count();
    let total = matching.total_score();
    let mean = total / pairs.max(1) as f64; // 0 pairs score 0
    let memory = peak_memory().map_or("unavailable".to_owned(), |bytes| {
        format!("{:.1} MiB", bytes as f64 / 1048576.0)
    });
    out += &format!(
        "pairs:           {pairs}\n\
         unmatched:       {} ({} juniors, {} seniors)\n\
         total score:     {total:.3}\n\
         mean pair score: {mean:.4}\n\
         peak memory:     {memory}\n",
        matching.unmatched().len(),
        side(Side::Junior),
        side(Side::Senior),
    );
    Ok((out, times))
}
