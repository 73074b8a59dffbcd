//! `mentor-match scale`: matches a large synthetic population and reports where the time and
//! the memory go: a progress bar on standard error while it runs (on a terminal only), then
//! the time of each phase, the result and the peak memory on standard output.
//!
//! ```text
//! mentor-match scale --juniors 100000 --seniors 100000 --seed 1
//! mentor-match scale --k 32 --threads 2 --method auto
//! ```
//!
//! Only the sparse method reports progress, so a dense run shows no bar and no phases.

use crate::Failure;
use crate::progress::Bar;
use mentor_match::candidates::{DEFAULT_CANDIDATES, Phase, Progress};
use mentor_match::{Matcher, Method, Population, Side};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// `mentor-match scale`: its arguments.
#[derive(Debug, Clone, PartialEq, Eq, clap::Args)]
pub struct Args {
    /// Juniors of the population.
    #[arg(long, default_value_t = 2000)]
    pub juniors: usize,
    /// Seniors of the population (default: as many as juniors).
    #[arg(long)]
    pub seniors: Option<usize>,
    /// The population's seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Candidates per person (default: the library's).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub k: Option<u32>,
    /// Threads of the candidate search (default: all cores).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..))]
    pub threads: Option<u32>,
    /// How the matcher solves.
    #[arg(long, value_enum, default_value_t = MethodArg::Sparse)]
    pub method: MethodArg,
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

/// Generates, matches and times; returns the report for standard output.
///
/// # Errors
///
/// [`Failure::Input`]: the library's refusal of the sizes or options.
pub fn run(args: &Args) -> Result<String, Failure> {
    let start = Instant::now();
    let (juniors, seniors) = (args.juniors, args.seniors.unwrap_or(args.juniors));
    let roster = Population::new(juniors, seniors)
        .with_seed(args.seed)
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

    let threads = args
        .threads
        .map_or("all cores".to_owned(), |t| t.to_string());
    let seed = args.seed;
    let method = format!("{:?}", Method::from(args.method)).to_lowercase();
    let row = |name: &str, time: Duration| format!("  {name:<16}{:>9.3} s\n", time.as_secs_f64());
    let mut out = format!(
        "population:      {juniors} juniors + {seniors} seniors, seed {seed}\n\
         method:          {method}, k {k}, threads {threads}\n\
         time:\n{}{}",
        row("generate", generated),
        row("solve", done - solving),
    );
    // The phases are parts of `solve`: indented under it.
    for (phase, time) in &timeline.times {
        out += &row(&format!("  {phase:?}").to_lowercase(), *time);
    }
    out += &row("total", generated + (done - solving));
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
    Ok(out)
}
